use super::answers::{ANSWERS, ERRORS};
use super::*;

#[test]
fn every_endpoint_is_an_operation_with_a_documented_answer() {
    for api in [Api::Veeqo, Api::Feedamp] {
        let doc = document(api);
        for ep in endpoints().filter(|e| e.api == api) {
            let op = &doc["paths"][ep.path][ep.method.to_ascii_lowercase()];
            assert!(op.is_object(), "{} is no operation", ep.name());
            let ok = op["responses"]
                .as_object()
                .is_some_and(|r| r.keys().any(|s| s.starts_with('2')));
            assert!(ok, "{} documents no success answer", ep.name());
        }
    }
}

#[test]
fn every_answer_row_is_of_an_endpoint() {
    for a in ANSWERS {
        assert!(
            endpoints().any(|e| e.api == a.api && e.method == a.method && e.path == a.path),
            "{} {} ({}) answers for no endpoint of the table",
            a.method,
            a.path,
            a.api.name()
        );
    }
    for api in [Api::Veeqo, Api::Feedamp] {
        assert!(ERRORS
            .iter()
            .any(|e| e.api == api && e.statuses.contains(&429)));
    }
}

#[test]
fn ids_are_unique_and_bodies_are_the_kinds_schemas() {
    let doc = document(Api::Feedamp);
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
        .flat_map(|item| item.as_object().into_iter().flat_map(|m| m.values()))
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
    let order = &doc["paths"]["/orders/{mp_order_number}"]["put"];
    assert_eq!(
        order["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/feedamp.order"
    );
    assert_eq!(
        doc["components"]["schemas"]["feedamp.order"]["required"],
        crate::schema::schema(Kind::FeedampOrder)["required"]
    );
    // A comma list is an unexploded form array; the token endpoint needs no token.
    let list = &doc["paths"]["/orders"]["get"]["parameters"];
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["name"] == "fulfillment_status" && p["explode"] == false));
    assert_eq!(doc["paths"]["/access_token"]["post"]["security"], json!([]));
}

#[test]
fn a_made_record_links_to_the_operations_on_it() {
    let veeqo = document(Api::Veeqo);
    assert_eq!(
        veeqo["paths"]["/channels"]["post"]["responses"]["201"]["links"]["get_channels_by_id"],
        json!({"operationId": "get_channels_by_id", "parameters": {"id": "$response.body#/id"}})
    );
    let feedamp = document(Api::Feedamp);
    let links = &feedamp["paths"]["/orders/{mp_order_number}"]["put"]["responses"]["201"]["links"];
    assert_eq!(
        links["get_orders_by_mp_order_number_fulfillments"]["parameters"],
        json!({"mp_order_number": "$request.path.mp_order_number"})
    );
    // An operation needing an id the answer does not give is not linked.
    assert!(links
        .get("get_orders_by_mp_order_number_refunds_by_feedamp_refund_id")
        .is_none());
}
