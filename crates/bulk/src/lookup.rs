//! Looking a payload up in the account before creating it: the record of deliveries keeps
//! one browser from sending a payload twice, but not another browser or another tool.
//! Veeqo's `POST /orders` creates a duplicate order (a real shipment) for a number it
//! already has, so a `veeqo.order` is first searched for by its number (`GET /orders?query=`):
//! one more request per order, within the same rate limit.

use serde_json::Value;

use orderlint_api::{veeqo, ApiError, Request, Response};
use orderlint_rules::Kind;

/// What a look-up found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// The account has it already: its id.
    Already(String),
    /// Not in the account: it can be created.
    Absent,
}

/// The request that looks a payload of `kind` up, for the kinds that can be looked up
/// and a payload that names what to look for (an order without a number cannot be).
pub fn lookup_for(kind: Kind, body: &str) -> Option<(String, Request)> {
    if kind != Kind::VeeqoOrder {
        return None;
    }
    let v: Value = serde_json::from_str(body).ok()?;
    let number = v.get("order")?.get("number")?.as_str()?.trim();
    (!number.is_empty()).then(|| (number.to_string(), veeqo::find_orders(number)))
}

/// Whether the kind's payloads are looked up before they are sent.
pub fn can_look_up(kind: Kind) -> bool {
    kind == Kind::VeeqoOrder
}

/// Reads a look-up's answer for the order numbered `number`.
pub fn read(answer: &Response, number: &str) -> Result<Found, ApiError> {
    let list = veeqo::parse_list(answer, "the order search")?;
    Ok(match veeqo::order_with_number(&list, number) {
        Some(id) => Found::Already(id),
        None => Found::Absent,
    })
}

/// How many requests a payload of `kind` costs with look-ups on or off.
pub fn requests_per_payload(kind: Kind, look_up: bool) -> u32 {
    if look_up && can_look_up(kind) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![],
            body: body.into(),
        }
    }

    #[test]
    fn an_order_is_looked_up_by_its_number() {
        let (number, req) =
            lookup_for(Kind::VeeqoOrder, r#"{"order": {"number": " 112-1 "}}"#).unwrap();
        assert_eq!(number, "112-1");
        assert_eq!(req.target(), "/orders?query=112-1&page_size=100");
        assert_eq!(lookup_for(Kind::VeeqoOrder, r#"{"order": {}}"#), None);
        assert_eq!(
            lookup_for(Kind::VeeqoOrder, r#"{"order": {"number": ""}}"#),
            None
        );
        assert_eq!(lookup_for(Kind::VeeqoProduct, r#"{"product": {}}"#), None);
        assert_eq!(requests_per_payload(Kind::VeeqoOrder, true), 2);
        assert_eq!(requests_per_payload(Kind::VeeqoOrder, false), 1);
        assert_eq!(requests_per_payload(Kind::FeedampOrder, true), 1);
    }

    #[test]
    fn only_the_exact_number_is_the_order() {
        let list = r#"[{"id": 7, "number": "112-10"}, {"id": 8, "number": "112-1"}]"#;
        assert_eq!(
            read(&answer(200, list), "112-1"),
            Ok(Found::Already("8".into()))
        );
        assert_eq!(read(&answer(200, list), "112-2"), Ok(Found::Absent));
        assert_eq!(read(&answer(200, "[]"), "112-1"), Ok(Found::Absent));
        assert!(read(&answer(200, "{}"), "112-1").is_err());
        assert!(read(&answer(401, r#"{"error": "no key"}"#), "112-1").is_err());
    }
}
