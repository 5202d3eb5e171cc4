//! The troubleshooter's shipping side: the guide's checks for a Rate Shopping rates
//! request, over the same `Check`s, facts and outcomes as the order's.

use orderlint_json::Value;

use super::{check, facts, Check, Facts, Outcome};
use crate::veeqo::bsp::{embedded_amazon_order_id, is_amazon_line_item_id, is_amazon_order_id};
use crate::veeqo::id_text;

/// The shipping side: whether a rates request (`POST /shipping/api/v1/rates`) for an
/// Amazon order keeps Buy Shipping protection (the guide "Shipping Amazon orders with the
/// Rate Shopping API" and the reference's "Amazon Orders"), against the order it ships
/// when known. The sandbox gives its quotes' protection from the same checks.
pub fn troubleshoot_shipping(rates: &Value, order: Option<&Value>) -> Vec<Check> {
    let order = order.map(facts);
    let amazon = rates.get("is_amazon_order").and_then(Value::as_bool) == Some(true)
        || rates.get("is_amazon_order").and_then(Value::as_str) == Some("true");
    let items: Vec<String> = rates
        .get("channel_items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|i| i.get("remote_id").and_then(id_text))
        .collect();
    let parcels = rates.get("parcels").and_then(Value::as_array);
    vec![
        check(
            "is_amazon_order",
            "Is is_amazon_order true?",
            if amazon {
                Ok("is_amazon_order is true.".into())
            } else {
                Err((
                    "is_amazon_order is not true, so no protection is asked for.".into(),
                    "Send \"is_amazon_order\": true for an Amazon order.".into(),
                ))
            },
        ),
        check(
            "customer_reference",
            "Is the exact Amazon order number in customer_reference?",
            reference_check(
                rates.get("customer_reference").and_then(Value::as_str),
                order.as_ref(),
            ),
        ),
        check(
            "channel_items",
            "Does channel_items list the order's Amazon order item ids?",
            items_check(&items, order.as_ref()),
        ),
        check(
            "parcel",
            "Is there one parcel, weighing more than 0?",
            match parcels {
                Some([p])
                    if p.get("weight")
                        .and_then(Value::as_f64)
                        .is_some_and(|w| w > 0.0) =>
                {
                    Ok("One parcel, with a weight.".into())
                }
                Some([_]) => Err((
                    "The parcel has no weight above 0.".into(),
                    "Weigh the parcel and send its weight.".into(),
                )),
                _ => Err((
                    "The API takes exactly one parcel.".into(),
                    "Send one parcel per rates request.".into(),
                )),
            },
        ),
    ]
}

fn reference_check(reference: Option<&str>, order: Option<&Facts>) -> Outcome {
    let Some(r) = reference else {
        return Err((
            "There is no customer_reference.".into(),
            "Set customer_reference to the Amazon order number.".into(),
        ));
    };
    if !is_amazon_order_id(r) {
        let fix = match embedded_amazon_order_id(r) {
            Some(id) => format!("Drop the prefix or suffix: send exactly \"{id}\"."),
            None => "Send the Amazon order number (3-7-7 digits).".to_string(),
        };
        return Err((
            format!("customer_reference \"{r}\" is not exactly an Amazon order number."),
            fix,
        ));
    }
    match order.and_then(|o| o.number.as_deref()) {
        Some(n) if n != r => Err((
            format!("customer_reference \"{r}\" is not the order's number \"{n}\"."),
            format!("Send \"{n}\", the number of the order this parcel ships."),
        )),
        _ => Ok(format!(
            "customer_reference \"{r}\" is an Amazon order number."
        )),
    }
}

fn items_check(items: &[String], order: Option<&Facts>) -> Outcome {
    if items.is_empty() {
        return Err((
            "channel_items is empty or missing: nothing enables the protections (and customs abroad have nothing to declare).".into(),
            "List each item's Amazon order item id (remote_id) and quantity.".into(),
        ));
    }
    let unknown: Vec<&str> = match order {
        Some(o) => items
            .iter()
            .filter(|i| {
                !o.lines
                    .iter()
                    .any(|l| l.remote_id.as_deref() == Some(i.as_str()))
            })
            .map(String::as_str)
            .collect(),
        None => items
            .iter()
            .filter(|i| !is_amazon_line_item_id(i))
            .map(String::as_str)
            .collect(),
    };
    if unknown.is_empty() {
        Ok("Every channel item is an Amazon order item id of the order.".into())
    } else {
        Err((
            format!(
                "Not the order's Amazon order item ids: {}.",
                unknown
                    .iter()
                    .map(|r| format!("\"{r}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "Use the remote_id of the order's line items (SP-API OrderItemId).".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_json::json;

    #[test]
    fn shipping_passes_for_the_guides_request_and_fails_with_fixes() {
        let order = json!({"number": "112-4737182-6879466",
            "line_items": [{"remote_id": "12345678901234", "quantity": 1}]});
        let order = *order.value();
        let good = json!({"is_amazon_order": true, "customer_reference": "112-4737182-6879466",
            "parcels": [{"weight": 1.5}], "channel_items": [{"remote_id": "12345678901234", "quantity": 1}]});
        let good = *good.value();
        let checks = troubleshoot_shipping(&good, Some(&order));
        assert!(checks.iter().all(|c| c.pass), "{checks:#?}");
        let bad = json!({"customer_reference": "AMZ-112-4737182-6879466",
            "parcels": [{"weight": 0}, {"weight": 1}], "channel_items": [{"remote_id": "B0EXAMPLE1"}]});
        let bad = *bad.value();
        let checks = troubleshoot_shipping(&bad, Some(&order));
        assert!(
            checks.iter().all(|c| !c.pass && !c.fix.is_empty()),
            "{checks:#?}"
        );
        assert!(checks[1].fix.contains("\"112-4737182-6879466\""));
    }
}
