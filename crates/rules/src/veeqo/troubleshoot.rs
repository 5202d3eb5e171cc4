//! The guide's troubleshooting list, run against the account: four checks, each pass or
//! fail with the reason and the fix. The sandbox uses the same checks to say whether an
//! order it created would get Buyer Protection. The shipping side (`troubleshoot_shipping`)
//! does the same for a Rate Shopping rates request and the order it ships.

use orderlint_json::Value;
use serde::Serialize;

use super::bsp::{
    channel_id, channel_problem, embedded_amazon_order_id, is_amazon_line_item_id,
    is_amazon_order_id, is_linked,
};
use super::id_text;

mod shipping;
pub use shipping::troubleshoot_shipping;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// Stable id: `channel`, `channel_sellables`, `order_number`, `remote_ids`.
    pub id: &'static str,
    /// The guide's question.
    pub title: &'static str,
    pub pass: bool,
    pub reason: String,
    /// Empty when the check passes.
    pub fix: String,
}

struct Line {
    sellable_id: Option<String>,
    remote_id: Option<String>,
}

/// An order as `GET /orders/{id}` returns it, or a `POST /orders` payload.
struct Facts {
    channel_id: Option<String>,
    number: Option<String>,
    lines: Vec<Line>,
}

fn facts(order: &Value) -> Facts {
    let o = order.get("order").unwrap_or(order);
    let channel_id = o
        .get("channel")
        .and_then(|c| c.get("id"))
        .or_else(|| o.get("channel_id"))
        .and_then(id_text);
    let number = o.get("number").and_then(Value::as_str).map(str::to_string);
    let items = o
        .get("line_items")
        .or_else(|| o.get("line_items_attributes"))
        .and_then(Value::as_array);
    let lines = items
        .into_iter()
        .flatten()
        .map(|li| Line {
            sellable_id: li
                .get("sellable")
                .and_then(|s| s.get("id"))
                .or_else(|| li.get("sellable_id"))
                .and_then(id_text),
            remote_id: li.get("remote_id").and_then(id_text),
        })
        .collect();
    Facts {
        channel_id,
        number,
        lines,
    }
}

fn check(id: &'static str, title: &'static str, result: Result<String, (String, String)>) -> Check {
    match result {
        Ok(reason) => Check {
            id,
            title,
            pass: true,
            reason,
            fix: String::new(),
        },
        Err((reason, fix)) => Check {
            id,
            title,
            pass: false,
            reason,
            fix,
        },
    }
}

pub fn troubleshoot(order: &Value, channels: &[Value], channel_sellables: &[Value]) -> Vec<Check> {
    let f = facts(order);
    vec![
        check(
            "channel",
            "Is the order on a custom_integration channel with integration_type \"amazon\"?",
            channel_check(&f, channels),
        ),
        check(
            "channel_sellables",
            "Do channel sellables link each line item's sellable to that channel?",
            links_check(&f, channel_sellables),
        ),
        check(
            "order_number",
            "Is the exact Amazon order id in number?",
            number_check(&f),
        ),
        check(
            "remote_ids",
            "Is the Amazon line item id in remote_id on every line item?",
            remote_ids_check(&f),
        ),
    ]
}

type Outcome = Result<String, (String, String)>;

fn channel_check(f: &Facts, channels: &[Value]) -> Outcome {
    let Some(id) = &f.channel_id else {
        return Err((
            "The order has no channel_id.".into(),
            "Set channel_id to the Amazon custom-integration channel's id.".into(),
        ));
    };
    let Some(channel) = channels
        .iter()
        .find(|c| channel_id(c).as_deref() == Some(id))
    else {
        return Err((
            format!("Channel {id} is not in the account."),
            "Create the Amazon custom-integration channel (step 1) and use its id as channel_id."
                .into(),
        ));
    };
    match channel_problem(channel) {
        None => Ok(format!("Channel {id} is a custom_integration channel with integration_type \"amazon\".")),
        Some(why) => Err((
            format!("Channel {id} cannot carry Buyer Protection: {why}."),
            "Create a channel with type_code \"custom_integration\" and integration_type \"amazon\" (step 1), and create Amazon orders on it.".into(),
        )),
    }
}

fn links_check(f: &Facts, channel_sellables: &[Value]) -> Outcome {
    let Some(channel) = &f.channel_id else {
        return Err((
            "Without a channel there is nothing to link to.".into(),
            "Set channel_id first.".into(),
        ));
    };
    if f.lines.is_empty() {
        return Err((
            "The order has no line items.".into(),
            "Add line items with sellable_id and remote_id.".into(),
        ));
    }
    let missing: Vec<String> = f
        .lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match &l.sellable_id {
            Some(s) if is_linked(channel_sellables, s, channel) => None,
            Some(s) => Some(format!("line {i} (sellable {s})")),
            None => Some(format!("line {i} (no sellable_id)")),
        })
        .collect();
    if missing.is_empty() {
        Ok(format!(
            "Every line item's sellable is linked to channel {channel}."
        ))
    } else {
        Err((
            format!("Not linked to channel {channel}: {}.", missing.join(", ")),
            "Create a channel sellable for each (step 2): POST /api/v2/channel_sellables with the sellable_id, this channel_id and the listing's ASIN.".into(),
        ))
    }
}

fn number_check(f: &Facts) -> Outcome {
    match f.number.as_deref() {
        Some(n) if is_amazon_order_id(n) => Ok(format!("number \"{n}\" is an Amazon order id.")),
        Some(n) => {
            let fix = match embedded_amazon_order_id(n) {
                Some(id) => format!("Drop the prefix or suffix: send exactly \"{id}\"."),
                None => "Send the Amazon order id exactly as Amazon shows it (3-7-7 digits)."
                    .to_string(),
            };
            Err((
                format!("number \"{n}\" is not exactly an Amazon order id."),
                fix,
            ))
        }
        None => Err((
            "The order has no number.".into(),
            "Set number to the Amazon order id.".into(),
        )),
    }
}

fn remote_ids_check(f: &Facts) -> Outcome {
    if f.lines.is_empty() {
        return Err((
            "The order has no line items.".into(),
            "Add line items with remote_id.".into(),
        ));
    }
    let missing: Vec<String> = f
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.remote_id.is_none())
        .map(|(i, _)| format!("line {i}"))
        .collect();
    if !missing.is_empty() {
        return Err((
            format!("No remote_id on {}.", missing.join(", ")),
            "Set remote_id on every line item to its Amazon order item id.".into(),
        ));
    }
    let odd: Vec<&str> = f
        .lines
        .iter()
        .filter_map(|l| l.remote_id.as_deref())
        .filter(|r| !is_amazon_line_item_id(r))
        .collect();
    if odd.is_empty() {
        Ok("Every line item has a remote_id shaped like an Amazon order item id.".into())
    } else {
        Ok(format!(
            "Every line item has a remote_id; check that {} really are Amazon order item ids (usually 14 digits).",
            odd.iter().map(|r| format!("\"{r}\"")).collect::<Vec<_>>().join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_json::json;

    fn channels() -> orderlint_json::Document<'static> {
        json!([{"id": 1, "type_code": "custom_integration",
            "custom_integration_channel_specific": {"integration_type": "amazon"}}])
    }

    #[test]
    fn all_pass_for_an_eligible_order() {
        let order = json!({"id": 9, "number": "112-1234567-1234567", "channel": {"id": 1},
            "line_items": [{"remote_id": "12345678901234", "sellable": {"id": 5}}]});
        let order = *order.value();
        let links = json!([{"sellable_id": 5, "channel_id": 1}]);
        let links = *links.value();
        let channels = channels();
        let checks = troubleshoot(
            &order,
            channels.value().as_array().unwrap(),
            links.as_array().unwrap(),
        );
        assert!(checks.iter().all(|c| c.pass), "{checks:#?}");
    }

    #[test]
    fn each_check_fails_with_a_fix() {
        let order = json!({"order": {"number": "AMZ-112-1234567-1234567", "channel_id": "2",
            "line_items_attributes": [{"sellable_id": "5"}]}});
        let order = *order.value();
        let checks = troubleshoot(&order, channels().value().as_array().unwrap(), &[]);
        assert_eq!(
            checks.iter().map(|c| c.pass).collect::<Vec<_>>(),
            vec![false; 4]
        );
        assert!(checks[2].fix.contains("\"112-1234567-1234567\""));
        assert!(checks.iter().all(|c| !c.fix.is_empty()));
    }
}
