//! The sandbox's after-sale half: seller-initiated refunds (CREATED, PAUSED when errors are
//! reported, COMPLETE when marked) and marketplace returns (AUTHORIZED at once when
//! preauthorized, REFUNDED when the seller releases funds, COMPLETED when marked).

use orderlint_rules::Document;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{body_json, checked_report, error, invalid, Feedamp, Filters, Handled};
use orderlint_api::{Method, Request, Response};
use orderlint_rules::datetime::format_utc;
use orderlint_rules::{validate, Context, Kind};

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Refund {
    id: u64,
    status: String,
    created_ms: u64,
    currency: Value,
    lines: Vec<Value>,
    errors: Vec<Value>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Return {
    number: String,
    status: String,
    body: Value,
    refund_lines: Vec<Value>,
    errors: Vec<Value>,
}

fn date(ms: u64) -> String {
    format_utc((ms / 1000) as i64)[..10].to_string()
}

impl Feedamp {
    /// Every refund or return of every order, with its order's number.
    fn each<'a, T: 'a>(
        &'a self,
        items: fn(&super::Order) -> &Vec<T>,
    ) -> impl Iterator<Item = (String, &'a T)> + 'a {
        self.orders.iter().flat_map(move |o| {
            let n = o.body["mp_order_number"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            items(o).iter().map(move |r| (n.clone(), r))
        })
    }

    fn order_index(&self, n: &str) -> Result<usize, Response> {
        self.index(n)
            .ok_or_else(|| error(404, &format!("Order {n} not found")))
    }

    fn refund_view(n: &str, r: &Refund) -> Value {
        json!({"feedamp_refund_id": r.id, "mp_order_number": n, "notes": "", "status": r.status,
               "date_created": date(r.created_ms), "currency": r.currency,
               "merchant_refund_lines": r.lines, "errors": r.errors})
    }

    fn return_view(n: &str, r: &Return) -> Value {
        let mut v = r.body.clone();
        v["mp_return_number"] = json!(r.number);
        v["mp_order_number"] = json!(n);
        v["status"] = json!(r.status);
        v["rma"] = json!(format!("RMA-{}", r.number));
        v["merchant_refund_lines"] = Value::Array(r.refund_lines.clone());
        v["errors"] = Value::Array(r.errors.clone());
        v
    }

    pub(super) fn after_sale_lists(&self, req: &Request, segs: &[&str]) -> Handled {
        if req.method != Method::Get {
            return Err(error(405, &format!("{} is not allowed here", req.method)));
        }
        if segs == ["refunds"] {
            let f = Filters::parse(&req.query, Kind::FeedampRefundsQuery)?;
            let (numbers, statuses) = (f.list("mp_order_numbers"), f.list("refund_status"));
            let (after, before) = (f.since("created_after"), f.since("created_before"));
            let items = self
                .each(|o| &o.refunds)
                .filter(|(n, _)| numbers.as_ref().is_none_or(|ns| ns.contains(n)))
                .filter(|(_, r)| statuses.as_ref().is_none_or(|ss| ss.contains(&r.status)))
                .filter(|(_, r)| {
                    after.is_none_or(|t| r.created_ms as i64 >= t)
                        && before.is_none_or(|t| r.created_ms as i64 <= t)
                })
                .map(|(n, r)| Self::refund_view(&n, r))
                .collect();
            return f.page(items, "refunds");
        }
        let f = Filters::parse(&req.query, Kind::FeedampReturnsQuery)?;
        let (numbers, returns, state) = (
            f.list("mp_order_numbers"),
            f.list("mp_return_numbers"),
            f.get("state"),
        );
        let has_errors = f.flag("has_errors");
        let items = self
            .each(|o| &o.returns)
            .filter(|(n, _)| numbers.as_ref().is_none_or(|ns| ns.contains(n)))
            .filter(|(_, r)| returns.as_ref().is_none_or(|rs| rs.contains(&r.number)))
            .filter(|(_, r)| state.is_none_or(|s| s == r.status))
            .filter(|(_, r)| has_errors.is_none_or(|h| h != r.errors.is_empty()))
            .map(|(n, r)| Self::return_view(&n, r))
            .collect();
        f.page(items, "returns")
    }

    pub(super) fn after_sale_route(&mut self, req: &Request, segs: &[&str], now: u64) -> Handled {
        let n = segs[1];
        let i = self.order_index(n)?;
        match (req.method, &segs[2..]) {
            (Method::Get, ["refunds"]) => {
                let list: Vec<Value> = self.orders[i]
                    .refunds
                    .iter()
                    .map(|r| Self::refund_view(n, r))
                    .collect();
                Ok(Response::json(
                    200,
                    &json!({"refunds": list, "next_cursor": null}),
                ))
            }
            (Method::Get, ["refunds", id]) => Ok(Response::json(
                200,
                &Self::refund_view(n, self.refund(i, id)?),
            )),
            (Method::Put, ["refunds", id, "complete"]) => {
                let r = self.refund_mut(i, id)?;
                r.status = "COMPLETE".into();
                Ok(Response::json(200, &Self::refund_view(n, r)))
            }
            (Method::Post, ["refunds", id, "errors"]) => {
                let report = checked_report(req, Kind::FeedampRefundErrors, None, now)?;
                let r = self.refund_mut(i, id)?;
                r.errors.extend(report);
                r.status = "PAUSED".into();
                Ok(Response::json(200, &Self::refund_view(n, r)))
            }
            (Method::Get, ["returns"]) => {
                let list: Vec<Value> = self.orders[i]
                    .returns
                    .iter()
                    .map(|r| Self::return_view(n, r))
                    .collect();
                Ok(Response::json(
                    200,
                    &json!({"returns": list, "next_cursor": null}),
                ))
            }
            (Method::Put, ["returns", ret]) => self.put_return(i, n, ret, req),
            (Method::Get, ["returns", ret]) => Ok(Response::json(
                200,
                &Self::return_view(n, self.ret(i, ret)?),
            )),
            (Method::Get, ["returns", ret, "refunds"]) => {
                let r = self.ret(i, ret)?;
                let v = Self::return_view(n, r);
                Ok(Response::json(
                    200,
                    &json!({"status": v["status"], "rma": v["rma"],
                    "merchant_refund_lines": v["merchant_refund_lines"], "errors": v["errors"]}),
                ))
            }
            (Method::Put, ["returns", ret, "complete"]) => {
                let r = self.ret_mut(i, ret)?;
                r.status = "COMPLETED".into();
                Ok(Response::json(200, &Self::return_view(n, r)))
            }
            (Method::Post, ["returns", ret, "errors"]) => {
                let report = checked_report(req, Kind::FeedampReturnErrors, None, now)?;
                let r = self.ret_mut(i, ret)?;
                r.errors.extend(report);
                Ok(Response::json(200, &Self::return_view(n, r)))
            }
            _ => Err(error(405, &format!("{} is not allowed here", req.method))),
        }
    }

    fn refund(&self, i: usize, id: &str) -> Result<&Refund, Response> {
        self.orders[i]
            .refunds
            .iter()
            .find(|r| r.id.to_string() == id)
            .ok_or_else(|| error(404, &format!("Refund {id} not found")))
    }

    fn refund_mut(&mut self, i: usize, id: &str) -> Result<&mut Refund, Response> {
        self.orders[i]
            .refunds
            .iter_mut()
            .find(|r| r.id.to_string() == id)
            .ok_or_else(|| error(404, &format!("Refund {id} not found")))
    }

    fn ret(&self, i: usize, number: &str) -> Result<&Return, Response> {
        self.orders[i]
            .returns
            .iter()
            .find(|r| r.number == number)
            .ok_or_else(|| error(404, &format!("Return {number} not found")))
    }

    fn ret_mut(&mut self, i: usize, number: &str) -> Result<&mut Return, Response> {
        self.orders[i]
            .returns
            .iter_mut()
            .find(|r| r.number == number)
            .ok_or_else(|| error(404, &format!("Return {number} not found")))
    }

    /// Creates a return (a repeated PUT of the same number answers the return as it is).
    fn put_return(&mut self, i: usize, n: &str, number: &str, req: &Request) -> Handled {
        if let Ok(existing) = self.ret(i, number) {
            return Ok(Response::json(200, &Self::return_view(n, existing)));
        }
        let body = body_json(req)?;
        let ctx = Context {
            feedamp_order: Some(self.view(&self.orders[i]).into()),
            feedamp_returns: Some(
                self.orders[i]
                    .returns
                    .iter()
                    .map(|r| r.body.clone())
                    .collect(),
            ),
            path_mp_order_number: Some(n.to_string()),
            ..Context::default()
        };
        let out = validate(
            Kind::FeedampReturn,
            Document::from_serde(&body).value(),
            Some(&ctx),
        );
        if !out.valid {
            return Err(invalid(&out.issues));
        }
        let preauthorized = body["return_lines"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|l| l["preauthorized"] == true);
        let r = Return {
            number: number.to_string(),
            status: if preauthorized {
                "AUTHORIZED"
            } else {
                "PENDING"
            }
            .into(),
            body,
            refund_lines: vec![],
            errors: vec![],
        };
        let view = Self::return_view(n, &r);
        self.orders[i].returns.push(r);
        Ok(Response::json(201, &view))
    }

    /// The seller's side: a seller-initiated refund, over-refunds included.
    pub(super) fn seller_refund(&mut self, n: &str, req: &Request, now: u64) -> Handled {
        let i = self.order_index(n)?;
        let body = body_json(req)?;
        let lines = body["merchant_refund_lines"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if lines.is_empty() {
            return Err(error(400, "send {\"merchant_refund_lines\": [...]}"));
        }
        self.seq += 1;
        let currency = body
            .get("currency")
            .cloned()
            .unwrap_or_else(|| self.orders[i].body["currency"].clone());
        let r = Refund {
            id: 1000 + self.seq,
            status: "CREATED".into(),
            created_ms: now,
            currency,
            lines,
            errors: vec![],
        };
        let view = Self::refund_view(n, &r);
        self.orders[i].refunds.push(r);
        Ok(Response::json(201, &view))
    }

    /// The seller's side: releasing funds for a return.
    pub(super) fn seller_return_refund(&mut self, n: &str, number: &str, req: &Request) -> Handled {
        let i = self.order_index(n)?;
        let body = body_json(req)?;
        let lines = body["merchant_refund_lines"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let r = self.ret_mut(i, number)?;
        r.refund_lines = lines;
        r.status = "REFUNDED".into();
        Ok(Response::json(201, &Self::return_view(n, r)))
    }
}
