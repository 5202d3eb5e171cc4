//! The sandbox's orders: create (with the Buyer Protection verdict the troubleshooter
//! gives), list with Veeqo's search and filters, and read.

use orderlint_rules::Document;
use serde_json::{json, Map, Value};

use super::{
    body_json, cast_int, id_of, messages, not_found, num_id, paged, param, root, text, Handled,
    Veeqo,
};
use orderlint_api::{Request, Response};
use orderlint_rules::shape::Shape;
use orderlint_rules::veeqo::shapes as vs;
use orderlint_rules::veeqo::troubleshoot::troubleshoot;
use orderlint_rules::Kind;

impl Veeqo {
    pub(super) fn create_order(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let o = &root(&body, Kind::VeeqoOrder)?;
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
            let mut line = json!({
                "remote_id": null,
                "quantity": quantity,
                "price_per_unit": "0.0",
                "tax_rate": 0.0,
                "sellable": {"id": sellable.id, "sku_code": sellable.sku, "product_id": sellable.product_id},
            });
            keep_documented(&mut line, &vs::LINE_ITEM, li, &["sellable_id", "quantity"]);
            lines.push(line);
        }
        let (Some(channel), true) = (channel, errs.is_empty()) else {
            return Err(messages(422, errs));
        };
        let id = self.next();
        for line in lines.iter_mut() {
            line["id"] = json!(self.next());
        }
        // What Veeqo answers when a field is not sent; the rest of the table's fields are
        // answered as sent.
        let mut order = json!({
            "id": id,
            "number": number,
            "status": "awaiting_fulfillment",
            "channel": {"id": channel["id"], "name": channel["name"], "type_code": channel["type_code"]},
            "currency_code": channel["currency_code"],
            "due_date": null,
            "delivery_cost": "0.0",
            "total_tax": "0.0",
            "line_items": lines,
            "deliver_to": null,
            "customer": null,
            "payment": null,
        });
        let own = ["channel_id", "number", "line_items_attributes"];
        keep_documented(&mut order, &vs::ORDER, o, &own);
        let links: Vec<Value> = self
            .channel_sellables
            .iter()
            .map(|cs| json!({"sellable_id": cs.sellable_id, "channel_id": cs.channel_id}))
            .collect();
        let (channels, links) = (
            orderlint_rules::List::from(&self.channels[..]),
            orderlint_rules::List::from(links),
        );
        let checks = troubleshoot(
            Document::from_serde(&order).value(),
            channels.items(),
            links.items(),
        );
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

/// Stores each field of `shape` that `sent` has, as sent, under the name Veeqo answers
/// with (Rails' nested `x_attributes` is `x`), except the handler's `own` (resolved ids,
/// casts): a field added to the table is answered without a change here.
fn keep_documented(into: &mut Value, shape: &Shape, sent: &Map<String, Value>, own: &[&str]) {
    for f in shape.fields.iter().filter(|f| !own.contains(&f.name)) {
        if let Some(v) = sent.get(f.name) {
            into[answer_name(f.name)] = v.clone();
        }
    }
}

/// The name a request field has in Veeqo's answer.
fn answer_name(field: &str) -> &str {
    field.strip_suffix("_attributes").unwrap_or(field)
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
