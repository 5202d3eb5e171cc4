//! The Rate Shopping API's paths, and what its answers hand the next step of the
//! "Ship with Buy Shipping protection" flow: the order's Amazon ids to the rates request,
//! the rates answer's ids to the booking, the booking's shipment to the label.

use serde_json::Value;

use crate::segment;
use orderlint_text::id_text;

pub const RATES: &str = "/shipping/api/v1/rates";
pub const SHIPMENTS: &str = "/shipping/api/v1/shipments";
/// The booking's `label_format`s ("Book a shipment").
pub const LABEL_FORMATS: &[&str] = &["PDF", "PNG", "ZPL", "JPEG"];

/// `/shipping/api/v1/shipments/{id}/label.<format>`, the form of a shipment's `label_url`
/// ("Get shipment details"); refused for an id that could change the path or a format the
/// booking does not offer.
pub fn label_path(id: &str, format: &str) -> Result<String, String> {
    let f = format.trim().to_ascii_uppercase();
    if !LABEL_FORMATS.contains(&f.as_str()) {
        return Err(format!(
            "label format \"{}\" is not one of {}",
            format.trim(),
            LABEL_FORMATS.join(", ")
        ));
    }
    Ok(format!(
        "{SHIPMENTS}/{}/label.{}",
        segment(id.trim())?,
        f.to_ascii_lowercase()
    ))
}

/// What an order (as `GET /orders/{id}` or `POST /orders` answers it) hands the rates
/// request: its number as `amazon_order_number` (the rates request's `customer_reference`)
/// and its first line's `remote_id` as `amazon_line_item_id` (a `channel_items` id).
pub fn ids_from_order(order: &Value) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(n) = order.get("number").and_then(Value::as_str) {
        out.push(("amazon_order_number", n.to_string()));
    }
    let first = order
        .get("line_items")
        .and_then(Value::as_array)
        .and_then(|l| {
            l.iter()
                .find_map(|li| li.get("remote_id").and_then(id_text))
        });
    if let Some(id) = first {
        out.push(("amazon_line_item_id", id));
    }
    out
}

/// What a rates answer hands the booking: `remote_shipment_id`, `request_token`, and the
/// `rate_id` ("Use the 'name' field from the quote object") of the cheapest protected
/// quote, else the cheapest.
pub fn ids_from_rates(rates: &Value) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for key in ["remote_shipment_id", "request_token"] {
        if let Some(v) = rates.get(key).and_then(Value::as_str) {
            out.push((key, v.to_string()));
        }
    }
    if let Some(q) = best_quote(rates) {
        if let Some(name) = q.get("name").and_then(Value::as_str) {
            out.push(("rate_id", name.to_string()));
        }
    }
    out
}

/// The quote the flow books: the cheapest protected one, else the cheapest.
pub fn best_quote(rates: &Value) -> Option<&Value> {
    let quotes = rates.get("quotes")?.as_array()?;
    let price = |q: &Value| {
        q.get("total_net_charge")
            .or_else(|| q.get("base_rate"))
            // serde_json's number reading, not `str::parse`: it keeps core's float parser
            // (some 15 KB gzip) out of the page's first load.
            .and_then(|p| {
                p.as_f64()
                    .or_else(|| serde_json::from_str(p.as_str()?.trim()).ok())
            })
            .unwrap_or(f64::MAX)
    };
    let cheapest = |protected: bool| {
        quotes
            .iter()
            .filter(|q| !protected || q.get("protected").and_then(Value::as_bool) == Some(true))
            .min_by(|a, b| price(a).total_cmp(&price(b)))
    };
    cheapest(true).or_else(|| cheapest(false))
}

/// What a booking hands the label step: the booked shipment's `remote_shipment_id` and
/// `tracking_number` (the booking answers its shipments as a list, or one).
pub fn ids_from_booking(booking: &Value) -> Vec<(&'static str, String)> {
    let shipment = booking
        .get("shipments")
        .and_then(|s| s.get(0))
        .unwrap_or(booking);
    ["remote_shipment_id", "tracking_number"]
        .into_iter()
        .filter_map(|k| Some((k, shipment.get(k)?.as_str()?.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_flow_from_the_order_to_the_label() {
        let order = json!({"id": 1, "number": "112-4737182-6879466",
            "line_items": [{"remote_id": null}, {"remote_id": "12345678901234"}]});
        assert_eq!(
            ids_from_order(&order),
            vec![
                ("amazon_order_number", "112-4737182-6879466".to_string()),
                ("amazon_line_item_id", "12345678901234".to_string())
            ]
        );
        let rates = json!({"remote_shipment_id": "prb1", "request_token": "t",
            "quotes": [{"name": "amazon_shipping_v2-a", "total_net_charge": "4.00", "protected": false},
                       {"name": "amazon_shipping_v2-b", "total_net_charge": "6.00", "protected": true},
                       {"name": "amazon_shipping_v2-c", "total_net_charge": "9.00", "protected": true}]});
        assert_eq!(
            ids_from_rates(&rates),
            vec![
                ("remote_shipment_id", "prb1".to_string()),
                ("request_token", "t".to_string()),
                ("rate_id", "amazon_shipping_v2-b".to_string())
            ]
        );
        let booked =
            json!({"shipments": [{"remote_shipment_id": "prb1", "tracking_number": "9341"}]});
        assert_eq!(
            ids_from_booking(&booked),
            vec![
                ("remote_shipment_id", "prb1".to_string()),
                ("tracking_number", "9341".to_string())
            ]
        );
        assert_eq!(
            label_path("prb1", "pdf").unwrap(),
            "/shipping/api/v1/shipments/prb1/label.pdf"
        );
        assert!(label_path("a/b", "PDF").is_err());
    }
}
