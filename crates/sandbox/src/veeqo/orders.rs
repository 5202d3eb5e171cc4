//! The sandbox's orders: create (with the Buyer Protection verdict the troubleshooter
//! gives), list with Veeqo's search and filters, and read.

use orderlint_rules::Value as Json;
use serde_json::{json, Map, Value};

use super::{
    body_json, cast_int, id_of, messages, not_found, num_id, paged, param, root, text, Handled,
    Veeqo,
};
use orderlint_api::{Request, Response};
use orderlint_rules::veeqo::troubleshoot::troubleshoot;

impl Veeqo {
    pub(super) fn create_order(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let o = &root(&body, "order")?;
        let mut errs = Vec::new();
        let channel = num_id(o.get("channel_id"))
            .and_then(|id| self.find_channel(id))
            .cloned();
        if channel.is_none() {
            errs.push("Channel must exist".to_string());
        }
        // Optional in Veeqo's API reference (orders.md); its minimal samples have none.
        let number = text(o, "number");
        match (number, &channel) {
            (Some(n), Some(c))
                if self
                    .orders
                    .iter()
                    .any(|x| x["number"] == n && x["channel"]["id"] == c["id"]) =>
            {
                errs.push("Number has already been taken".into())
            }
            _ => {}
        }
        let items: Vec<&Map<String, Value>> = o
            .get("line_items_attributes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .collect();
        if items.is_empty() {
            errs.push("Line items can't be blank".into());
        }
        let mut lines = Vec::new();
        for li in &items {
            let sellable = num_id(li.get("sellable_id"))
                .and_then(|id| self.sellables.iter().find(|s| s.id == id));
            let Some(sellable) = sellable else {
                errs.push("Line items sellable must exist".into());
                continue;
            };
            let quantity = cast_int(li.get("quantity"));
            if quantity.is_none_or(|q| q <= 0) {
                errs.push("Line items quantity must be greater than 0".into());
            }
            lines.push(json!({
                "remote_id": li.get("remote_id").cloned().unwrap_or(Value::Null),
                "quantity": quantity,
                "price_per_unit": li.get("price_per_unit").cloned().unwrap_or(json!("0.0")),
                "tax_rate": li.get("tax_rate").cloned().unwrap_or(json!(0.0)),
                "sellable": {"id": sellable.id, "sku_code": sellable.sku, "product_id": sellable.product_id},
            }));
        }
        let (Some(channel), true) = (channel, errs.is_empty()) else {
            return Err(messages(422, errs));
        };
        let id = self.next();
        for line in lines.iter_mut() {
            line["id"] = json!(self.next());
        }
        let mut order = json!({
            "id": id,
            "number": number,
            "status": "awaiting_fulfillment",
            "channel": {"id": channel["id"], "name": channel["name"], "type_code": channel["type_code"]},
            "currency_code": o.get("currency_code").cloned().unwrap_or(channel["currency_code"].clone()),
            "due_date": o.get("due_date").cloned().unwrap_or(Value::Null),
            "delivery_cost": o.get("delivery_cost").cloned().unwrap_or(json!("0.0")),
            "total_tax": o.get("total_tax").cloned().unwrap_or(json!("0.0")),
            "line_items": lines,
            "deliver_to": o.get("deliver_to_attributes").cloned().unwrap_or(Value::Null),
            "customer": o.get("customer_attributes").cloned().unwrap_or(Value::Null),
            "payment": o.get("payment_attributes").cloned().unwrap_or(Value::Null),
        });
        let links: Vec<Value> = self
            .channel_sellables
            .iter()
            .map(|cs| json!({"sellable_id": cs.sellable_id, "channel_id": cs.channel_id}))
            .collect();
        let channels: Vec<Json> = self.channels.iter().map(Json::from_serde).collect();
        let links: Vec<Json> = links.iter().map(Json::from_serde).collect();
        let checks = troubleshoot(&Json::from_serde(&order), &channels, &links);
        let eligible = checks.iter().all(|c| c.pass);
        order["sandbox_buyer_protection"] = json!({
            "eligible": eligible,
            "reasons": checks.iter().filter(|c| !c.pass).map(|c| &c.reason).collect::<Vec<_>>(),
            "note": "Added by the orderlint sandbox; the real API does not return this field.",
        });
        self.orders.push(order.clone());
        Ok(Response::json(201, &order))
    }

    /// `GET /orders`: by id, oldest first, so that `since_id` and page after page walk
    /// forward without skipping orders created meanwhile (Veeqo's reference does not say its
    /// order). Filters: `since_id` (ids after it), `status` (equal), `query` (free text,
    /// case-insensitive, anywhere in the order's number, the customer's email or a line's
    /// SKU). `created_at_min`, `updated_at_min`, `tags` and `allocated_at` are not simulated.
    pub(super) fn list_orders(&self, query: &[(String, String)]) -> Response {
        let since = param(query, "since_id").and_then(|v| v.trim().parse::<u64>().ok());
        let status = param(query, "status")
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let words = param(query, "query")
            .map(|q| q.trim().to_lowercase())
            .filter(|q| !q.is_empty());
        let found = self
            .orders
            .iter()
            .filter(|o| since.is_none_or(|s| id_of(o).is_some_and(|id| id > s)))
            .filter(|o| status.is_none_or(|s| o["status"] == s))
            .filter(|o| words.as_deref().is_none_or(|q| mentions(o, q)))
            .collect();
        paged(found, query)
    }

    pub(super) fn get_order(&self, id: &str) -> Handled {
        id.parse::<u64>()
            .ok()
            .and_then(|oid| self.orders.iter().find(|o| id_of(o) == Some(oid)))
            .map(|o| Response::json(200, o))
            .ok_or_else(|| not_found(&format!("Order {id}")))
    }
}

/// Whether free text `q` (lowercase) is in the order's number, its customer's email or one
/// of its lines' SKUs.
fn mentions(order: &Value, q: &str) -> bool {
    let has = |v: &Value| v.as_str().is_some_and(|s| s.to_lowercase().contains(q));
    has(&order["number"])
        || has(&order["customer"]["email"])
        || order["line_items"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|li| has(&li["sellable"]["sku_code"]))
}
