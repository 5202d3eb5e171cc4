//! FeedAMP Order Source API 0.2.0 endpoints, OAuth included, one module per resource.
//! Thin functions: each builds one [`Request`]; the bearer token is added by [`authorize`].

use serde_json::Value;

use super::{named_segment, Method, Request};

mod after_sale;
mod oauth;
mod orders;
mod refresh;
pub mod view;

pub use after_sale::*;
pub use oauth::*;
pub use orders::*;
pub use refresh::*;

pub(super) fn json_request(
    method: Method,
    path: Result<String, String>,
    body: Option<&str>,
) -> Request {
    let req = Request::to(method, path).header("Accept", "application/json");
    match body {
        Some(b) => req.json_body(b),
        None => req,
    }
}
/// The order's number as the path holds it, named when it is empty.
pub(super) const ORDER_NUMBER: &str = "mp_order_number (the order's number in the path)";

pub(super) fn order_path(mp_order_number: &str) -> Result<String, String> {
    Ok(format!(
        "/orders/{}",
        named_segment(ORDER_NUMBER, mp_order_number)?
    ))
}
/// `/orders/{n}` followed by `rest`.
pub(super) fn below_order(mp_order_number: &str, rest: &str) -> Result<String, String> {
    Ok(format!("{}{rest}", order_path(mp_order_number)?))
}
/// `/orders/{n}/{kind}/{id}`; `name` names the id when it is empty.
pub(super) fn sub_path(
    mp_order_number: &str,
    kind: &str,
    name: &str,
    id: &str,
) -> Result<String, String> {
    Ok(format!(
        "{}/{kind}/{}",
        order_path(mp_order_number)?,
        named_segment(name, id)?
    ))
}

// Refunds and returns. The spec names these operations but prints no paths; these follow
// its resource names (`/orders/{mp_order_number}/refunds/{feedamp_refund_id}`,
// `/orders/{mp_order_number}/returns/{mp_return_number}`) and are the sandbox's.
/// A query document's filters (lists joined by commas) and the cursor, on a list request.
pub(super) fn with_query(mut req: Request, query: &Value, cursor: Option<&str>) -> Request {
    if let Some(m) = query.as_object() {
        for (k, v) in m {
            let text = match v {
                Value::Array(a) => a.iter().map(scalar).collect::<Vec<_>>().join(","),
                other => scalar(other),
            };
            if k != "cursor" && !text.is_empty() {
                req = req.query_param(k, text);
            }
        }
    }
    if let Some(c) = cursor.filter(|c| !c.is_empty()) {
        req = req.query_param("cursor", c);
    }
    req
}
pub(super) fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_sign_in_address_is_feedamps_own() {
        let proxy = "https://proxy.example.com/feedamp";
        assert_eq!(
            sign_in_problem("https://seller.feedamp.example/", proxy),
            None
        );
        assert_eq!(
            sign_in_problem("http://127.0.0.1:8787/feedamp", proxy),
            None
        );
        let said = |s: &str| sign_in_problem(s, proxy).unwrap();
        assert!(said("").contains("not set: enter it in Settings"));
        assert!(said("  ").contains("not set"));
        assert!(said("/feedamp").contains("must be an absolute https://"));
        assert!(said("https://user@evil.example").contains("absolute https://"));
        assert!(said("https://a.example/x?y=1").contains("must not contain"));
        assert!(said("https://proxy.example.com/feedamp/").contains("is the proxy's"));
    }

    #[test]
    fn oauth_requests() {
        let u = authorize_url(
            "https://feedamp.example.com",
            "mp 1",
            "https://a.example/cb?x=1",
            "s1",
            None,
        );
        assert_eq!(u, "https://feedamp.example.com/authorize?response_type=code&client_id=mp%201&redirect_url=https%3A%2F%2Fa.example%2Fcb%3Fx%3D1&state=s1");
        let r = exchange_code("c&d", "id", "se=cret", None);
        assert_eq!(
            r.body.as_deref(),
            Some("grant_type=authorization_code&code=c%26d&client_id=id&client_secret=se%3Dcret")
        );
        assert_eq!(
            r.get_header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert!(
            !r.url("https://x").contains("secret"),
            "the secret stays in the body"
        );
    }

    #[test]
    fn orders_query_becomes_the_query_string() {
        let q = json!({"fulfillment_status": ["UNFULFILLED", "COMPLETE"], "has_errors": false, "page_size": 20, "cursor": "ignored"});
        assert_eq!(get_orders(&q, Some("abc")).target(), "/orders?fulfillment_status=UNFULFILLED%2CCOMPLETE&has_errors=false&page_size=20&cursor=abc");
        assert_eq!(put_order("A 1", "{}").path, "/orders/A%201");
    }

    #[test]
    fn updates_send_the_placed_order_with_the_new_state() {
        let placed = json!({"mp_order_number": "A", "marketplace_state": "PENDING", "fulfillments": [], "errors": [],
            "fulfillment_status": null, "imported_date": "x", "order_lines": [{"mp_line_number": "1"}]});
        assert_eq!(
            update_body(&placed, "AWAITING_SHIPMENT"),
            json!({"mp_order_number": "A", "marketplace_state": "AWAITING_SHIPMENT", "order_lines": [{"mp_line_number": "1"}]})
        );
        assert_eq!(
            put_order_for("{\"mp_order_number\": \"B-1\"}").path,
            "/orders/B-1"
        );
        assert_eq!(
            put_order_for("not json").refused.as_deref(),
            Some("mp_order_number (the order's number in the path) is empty")
        );
    }

    #[test]
    fn refunds_and_returns() {
        assert_eq!(
            get_refunds(&json!({"refund_status": ["CREATED", "PAUSED"]}), None).target(),
            "/refunds?refund_status=CREATED%2CPAUSED"
        );
        assert_eq!(complete_refund("A", "1").method, Method::Put);
        assert_eq!(put_return("A", "R 1", "{}").path, "/orders/A/returns/R%201");
        assert_eq!(
            get_return_refunds("A", "R1").path,
            "/orders/A/returns/R1/refunds"
        );
        assert_eq!(report_return_errors("A", "R1", "[]").method, Method::Post);
        assert_eq!(
            get_returns(&json!({"state": "AUTHORIZED"}), Some("c-1")).target(),
            "/returns?state=AUTHORIZED&cursor=c-1"
        );
    }

    /// Even with the rules skipped, an id that could change the path builds a request
    /// that is never sent, and says why.
    #[test]
    fn an_id_cannot_change_the_path() {
        let attack = complete_refund("A1/refunds/1005", "1001");
        assert_eq!(
            attack.refused.as_deref(),
            Some("the id \"A1/refunds/1005\" holds \"/\", a path separator, so it could change the request's path")
        );
        assert_eq!(crate::curl::to_curl(&attack, "https://f.example", true),
            "# not sent: the id \"A1/refunds/1005\" holds \"/\", a path separator, so it could change the request's path");
        for req in [
            put_order("..", "{}"),
            get_order("A1?x=1"),
            report_errors("A1#x", "[]"),
            get_refund("A1", "1001/complete"),
            put_return("A1", "R1\\..", "{}"),
            complete_return("A1", "."),
            get_fulfillments(""),
            sandbox::fulfil("A1/x", "shipments", "{}"),
            sandbox::seller_return_refund("A1", "R\n1", "{}"),
        ] {
            assert!(req.refused.is_some(), "{req:?}");
        }
        assert_eq!(put_return("A", "R 1", "{}").refused, None);
        // An empty id is named, so the page can say which box to fill.
        assert_eq!(
            put_return("A", "", "{}").refused.as_deref(),
            Some("mp_return_number (the return's number in the path) is empty")
        );
        assert_eq!(
            complete_refund("A", "").refused.as_deref(),
            Some("feedamp_refund_id (the refund's id in the path) is empty")
        );
        assert_eq!(
            crate::veeqo::get_order("").refused.as_deref(),
            Some("the id in the request's path is empty")
        );
        assert!(crate::veeqo::get_order("1/../2").refused.is_some());
    }

    #[test]
    fn callbacks() {
        assert_eq!(
            callback_url("https://a.example", "/app/"),
            "https://a.example/app/feedamp-callback/"
        );
        assert_eq!(
            callback_url("https://a.example", "/app/index.html"),
            "https://a.example/app/feedamp-callback/"
        );
        assert_eq!(
            callback_url("http://127.0.0.1:8080", "/"),
            "http://127.0.0.1:8080/feedamp-callback/"
        );
        assert_eq!(
            read_callback("?code=abc&state=s1", Some("s1")),
            Ok("abc".into())
        );
        assert!(read_callback("code=abc&state=evil", Some("s1"))
            .unwrap_err()
            .contains("does not match"));
        assert!(read_callback("code=abc", Some("s1")).is_err());
        assert!(read_callback("code=abc&state=s1", None).is_err());
        assert!(read_callback("error=access_denied&state=s1", Some("s1"))
            .unwrap_err()
            .contains("access_denied"));
    }

    #[test]
    fn refresh_before_expiry() {
        let t = Tokens {
            access_token: "a".into(),
            token_type: "Bearer".into(),
            refresh_token: "r".into(),
            expires_in: 3600,
        };
        assert!(!needs_refresh(&t, 0, 3_000_000));
        assert!(needs_refresh(&t, 0, 3_300_000));
        assert!(needs_refresh(&t, 0, 4_000_000));
    }
}
