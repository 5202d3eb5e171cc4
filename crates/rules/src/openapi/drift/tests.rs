use super::*;

fn shown(api: Api, method: &str, path: &str, status: u16, body: &str) -> String {
    check(api, method, path, status, body)
        .iter()
        .map(|d| format!("{:?}: {}\n", d.pointer, d.message))
        .collect()
}

#[test]
fn an_answer_as_documented_has_no_drift() {
    let channel =
        r#"{"id": 1000001, "name": "Amazon US", "type_code": "custom_integration", "extra": [1]}"#;
    assert_eq!(shown(Api::Veeqo, "POST", "/channels", 201, channel), "");
    // Through a proxy's prefix, with a query string.
    assert_eq!(
        shown(
            Api::Veeqo,
            "GET",
            "/veeqo/channels?page=2",
            200,
            &format!("[{channel}]")
        ),
        ""
    );
    let tokens = r#"{"access_token": "a", "token_type": "Bearer", "refresh_token": "r", "expires_in": 3600}"#;
    assert_eq!(
        shown(Api::Feedamp, "POST", "/access_token", 200, tokens),
        ""
    );
    // Either error form Veeqo documents.
    assert_eq!(
        shown(
            Api::Veeqo,
            "POST",
            "/orders",
            422,
            r#"{"error_messages": ["a", "b"]}"#
        ),
        ""
    );
    assert_eq!(
        shown(
            Api::Veeqo,
            "POST",
            "/orders",
            422,
            r#"{"error_messages": "a"}"#
        ),
        ""
    );
    // A label is a file; a redirect is the transport's; an unknown endpoint is not checked.
    assert_eq!(
        shown(
            Api::Veeqo,
            "GET",
            "/shipping/api/v1/shipments/9/label.pdf",
            200,
            "%PDF"
        ),
        ""
    );
    assert_eq!(shown(Api::Veeqo, "POST", "/orders", 307, ""), "");
    assert_eq!(shown(Api::Veeqo, "GET", "/warehouses", 200, "{}"), "");
}

#[test]
fn what_is_missing_or_of_another_type_is_said_where() {
    let listing = r#"{"data": {"id": "not-a-number", "attributes": []}}"#;
    assert_eq!(
        shown(Api::Veeqo, "POST", "/api/v2/channel_sellables", 201, listing),
        "\"/data/id\": This is the text \"not-a-number\", where the API documents a record id: a whole number, or its digits as text.\n\
         \"/data\": type is missing: the API documents it in every such answer.\n\
         \"/data/attributes\": This is an array of 0, where the API documents an object.\n"
    );
    let orders =
        r#"{"orders": [{"mp_order_number": 7, "sales_channel": null}], "next_cursor": null}"#;
    let found = shown(Api::Feedamp, "GET", "/orders", 200, orders);
    assert!(
        found.contains(
            "\"/orders/0\": sales_channel is null: the API documents it in every such answer.\n"
        ),
        "{found}"
    );
    assert!(
        found.contains(
            "\"/orders/0/mp_order_number\": This is the number 7, where the API documents text.\n"
        ),
        "{found}"
    );
    assert_eq!(
        shown(Api::Feedamp, "GET", "/orders", 200, "[]"),
        "\"\": This is an array of 0, where the API documents an object.\n"
    );
}

#[test]
fn an_error_answer_is_read_against_the_errors_documented() {
    assert_eq!(
        shown(Api::Veeqo, "POST", "/orders", 401, r#"{"message": "no"}"#),
        "\"\": error_messages is missing: the API documents it in every such answer.\n"
    );
    assert_eq!(
        shown(Api::Feedamp, "GET", "/orders", 503, "<html>busy</html>"),
        "\"\": The answer is not JSON, where FeedAMP documents application/json for a 503 to GET /orders.\n"
    );
    assert_eq!(
        shown(Api::Veeqo, "POST", "/channels", 418, "{}"),
        "\"\": Veeqo documents no 418 answer for POST /channels.\n"
    );
}

#[test]
fn a_long_list_of_differences_is_cut() {
    let many: Vec<String> = (0..50).map(|_| r#"{"id": "x"}"#.to_string()).collect();
    let found = check(
        Api::Veeqo,
        "GET",
        "/orders",
        200,
        &format!("[{}]", many.join(",")),
    );
    assert_eq!(found.len(), MAX_DRIFTS);
    assert_eq!(
        found.last().map(|d| d.message.as_str()),
        Some("…and 31 more differences from the documented answer.")
    );
}
