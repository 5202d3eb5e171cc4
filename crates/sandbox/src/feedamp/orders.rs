//! The sandbox's orders: place and update (checked with the page's rules), read one or a
//! page of them, error reports, and the seller panel's shipments and cancellations.

use orderlint_rules::Document;
use serde_json::{json, Value};

use super::{
    body_json, checked_report, error, has_any, invalid, Feedamp, Filters, Handled, LineFulfillment,
    Order,
};
use orderlint_api::{Method, Request, Response};
use orderlint_rules::datetime::format_utc;
use orderlint_rules::feedamp::state::pending_quantity;
use orderlint_rules::{validate, Context, Kind};

impl Feedamp {
    pub(super) fn orders_route(&mut self, req: &Request, segs: &[&str], now: u64) -> Handled {
        match (req.method, segs) {
            (Method::Get, ["orders"]) => self.list(&req.query),
            (Method::Put, ["orders", n]) => self.put_order(n, req, now),
            (Method::Get, ["orders", n]) => Ok(Response::json(200, &self.view(self.find(n)?))),
            (Method::Get, ["orders", n, "fulfillments"]) => {
                let o = self.find(n)?;
                let v = self.view(o);
                Ok(Response::json(
                    200,
                    &json!({"status": v["fulfillment_status"].as_str().or(v["marketplace_state"].as_str()),
                    "is_marketplace_fulfilled": v["is_marketplace_fulfilled"], "fulfillments": v["fulfillments"]}),
                ))
            }
            (Method::Post, ["orders", n, "errors"]) => self.report_errors(n, req, now),
            _ => Err(error(405, &format!("{} is not allowed here", req.method))),
        }
    }

    // ---- OAuth -------------------------------------------------------------------------

    pub(super) fn index(&self, n: &str) -> Option<usize> {
        self.orders
            .iter()
            .position(|o| o.body["mp_order_number"] == n)
    }

    pub(super) fn find(&self, n: &str) -> Result<&Order, Response> {
        self.index(n)
            .map(|i| &self.orders[i])
            .ok_or_else(|| error(404, &format!("Order {n} not found")))
    }

    pub(super) fn put_order(&mut self, n: &str, req: &Request, now: u64) -> Handled {
        let body = body_json(req)?;
        let existing = self.index(n);
        let ctx = Context {
            feedamp_order: existing.map(|i| self.view(&self.orders[i]).into()),
            new_order: existing.is_none(),
            path_mp_order_number: Some(n.to_string()),
            ..Context::default()
        };
        let out = validate(
            Kind::FeedampOrder,
            Document::from_serde(&body).value(),
            Some(&ctx),
        );
        if !out.valid {
            return Err(invalid(&out.issues));
        }
        let i = match existing {
            Some(i) => {
                // Only the marketplace state changes on update.
                let o = &mut self.orders[i];
                o.body["marketplace_state"] = body["marketplace_state"].clone();
                i
            }
            None => {
                let lines = body["order_lines"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|l| {
                        l["mp_line_number"]
                            .as_str()
                            .map(|n| (n.to_string(), LineFulfillment::default()))
                    })
                    .collect();
                self.orders.push(Order {
                    body,
                    imported_ms: now,
                    seller_updated_ms: now,
                    fulfillments: lines,
                    errors: vec![],
                    refunds: vec![],
                    returns: vec![],
                });
                self.orders.len() - 1
            }
        };
        Ok(Response::json(
            if existing.is_some() { 200 } else { 201 },
            &self.view(&self.orders[i]),
        ))
    }

    /// The order as `GET /orders/{n}` shows it.
    pub(super) fn view(&self, o: &Order) -> Value {
        let mut v = o.body.clone();
        let qty_of = |line: &str| {
            o.body["order_lines"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|l| l["mp_line_number"] == line)
                .and_then(|l| l["quantity"].as_i64())
                .unwrap_or(0)
        };
        let fulfillments: Vec<Value> = o
            .fulfillments
            .iter()
            .map(|(line, f)| {
                let done: i64 = f
                    .shipments
                    .iter()
                    .chain(&f.cancellations)
                    .filter_map(|x| x["quantity"].as_i64())
                    .sum();
                json!({"mp_line_number": line, "quantity_pending": (qty_of(line) - done).max(0),
                   "shipments": f.shipments, "cancellations": f.cancellations})
            })
            .collect();
        let any = o
            .fulfillments
            .iter()
            .any(|(_, f)| !f.shipments.is_empty() || !f.cancellations.is_empty());
        v["fulfillments"] = Value::Array(fulfillments);
        v["errors"] = Value::Array(o.errors.clone());
        let state = o.body["marketplace_state"].as_str().unwrap_or_default();
        let pending = pending_quantity(&v).unwrap_or(0);
        v["fulfillment_status"] = match state {
            "AWAITING_SHIPMENT" if any => json!("PARTIALLY_FULFILLED"),
            "AWAITING_SHIPMENT" => json!("UNFULFILLED"),
            "SHIPPED" if pending > 0 => json!("PARTIALLY_FULFILLED"),
            "SHIPPED" | "CANCELLED" => json!("COMPLETE"),
            _ => Value::Null,
        };
        v["status"] = json!(match state {
            "SHIPPED" | "CANCELLED" => "COMPLETE",
            "PENDING" => "PENDING",
            _ => "IN_PROGRESS",
        });
        v["acknowledged"] = json!(true);
        v["imported_date"] = json!(format_utc((o.imported_ms / 1000) as i64));
        v["seller_updated_date"] = json!(format_utc((o.seller_updated_ms / 1000) as i64));
        v
    }

    pub(super) fn list(&self, query: &[(String, String)]) -> Handled {
        let f = Filters::parse(query, Kind::FeedampOrdersQuery)?;
        let (numbers, statuses) = (f.list("mp_order_numbers"), f.list("fulfillment_status"));
        let (imported, updated) = (f.since("imported_after"), f.since("seller_updated_after"));
        let has_errors = f.flag("has_errors");
        let matching: Vec<Value> = self
            .orders
            .iter()
            .filter(|o| {
                numbers
                    .as_ref()
                    .is_none_or(|ns| ns.iter().any(|n| o.body["mp_order_number"] == n.as_str()))
            })
            .filter(|o| imported.is_none_or(|t| o.imported_ms as i64 >= t))
            .filter(|o| updated.is_none_or(|t| o.seller_updated_ms as i64 >= t))
            .filter(|o| has_errors.is_none_or(|wanted| wanted == has_any(&o.errors)))
            .map(|o| self.view(o))
            .filter(|v| {
                statuses
                    .as_ref()
                    .is_none_or(|ss| ss.iter().any(|s| v["fulfillment_status"] == s.as_str()))
            })
            .collect();
        f.page(matching, "orders")
    }

    pub(super) fn report_errors(&mut self, n: &str, req: &Request, now: u64) -> Handled {
        let i = self
            .index(n)
            .ok_or_else(|| error(404, &format!("Order {n} not found")))?;
        let ctx = Context {
            feedamp_order: Some(self.view(&self.orders[i]).into()),
            ..Context::default()
        };
        let stamped = checked_report(req, Kind::FeedampOrderErrors, Some(&ctx), now)?;
        self.orders[i].errors.extend(stamped.iter().cloned());
        Ok(Response::json(200, &Value::Array(stamped)))
    }

    /// The seller panel: the seller ships or cancels units of a line in FeedAMP.
    /// Over-shipping is allowed on purpose, so error reporting can be rehearsed.
    pub(super) fn seller_fulfil(
        &mut self,
        n: &str,
        req: &Request,
        now: u64,
        kind: &str,
    ) -> Handled {
        let i = self
            .index(n)
            .ok_or_else(|| error(404, &format!("Order {n} not found")))?;
        let v = body_json(req)?;
        let line = v["mp_line_number"].as_str().unwrap_or_default().to_string();
        let qty = v["quantity"]
            .as_i64()
            .filter(|q| *q > 0)
            .ok_or_else(|| error(400, "quantity must be a whole number of at least 1"))?;
        let o = &mut self.orders[i];
        let Some((_, f)) = o.fulfillments.iter_mut().find(|(l, _)| *l == line) else {
            return Err(error(400, &format!("order {n} has no line \"{line}\"")));
        };
        let mut entry = v.clone();
        entry["quantity"] = json!(qty);
        if kind == "shipments" {
            if entry.get("ship_date").is_none() {
                entry["ship_date"] = json!(format_utc((now / 1000) as i64));
            }
            f.shipments.push(entry);
        } else {
            f.cancellations.push(entry);
        }
        o.seller_updated_ms = now;
        Ok(Response::json(201, &self.view(&self.orders[i])))
    }
}
