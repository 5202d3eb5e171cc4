//! The FeedAMP half of the sandbox: OAuth (authorize page, single-use codes, tokens that
//! expire on a clock tests can move, rotating refresh tokens), orders with imported and
//! seller-updated times, cursor pagination, fulfillment status as the spec defines it,
//! error reports, and a seller panel (`/_sandbox/...`) that ships and cancels lines.
//! Payloads are checked with the same rules the page uses; what they call an error, the
//! sandbox answers with 400.
//!
//! Long: one simulator's state and its routes (OAuth, orders, lists, seller panel). Due to
//! be split per resource (architecture issue); refunds and returns already are.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use orderlint_api::{parse_query, Method, Request, Response};
use orderlint_rules::datetime::{format_utc, parse_datetime};
use orderlint_rules::feedamp::state::pending_quantity;
use orderlint_rules::{validate, Context, Issue, Kind, Severity};

mod after_sale;

/// The sandbox's own client, shown on the Connect page.
pub const CLIENT_ID: &str = "sandbox-client";
pub const CLIENT_SECRET: &str = "sandbox-secret";
pub const ACCESS_TTL_S: u64 = 3600;
pub const REFRESH_TTL_S: u64 = 365 * 24 * 3600;
pub const CODE_TTL_S: u64 = 600;
const DEFAULT_PAGE_SIZE: usize = 20;

#[derive(Debug)]
struct AuthRequest {
    redirect_url: String,
    state: String,
    /// PKCE's S256 challenge, when the authorization sent one.
    challenge: Option<String>,
}

#[derive(Debug)]
struct Code {
    issued_ms: u64,
    used: bool,
    /// When set, the exchange must bring the verifier whose S256 this is (RFC 7636).
    challenge: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct LineFulfillment {
    shipments: Vec<Value>,
    cancellations: Vec<Value>,
}

#[derive(Debug)]
struct Order {
    body: Value,
    imported_ms: u64,
    seller_updated_ms: u64,
    fulfillments: Vec<(String, LineFulfillment)>,
    errors: Vec<Value>,
    refunds: Vec<after_sale::Refund>,
    returns: Vec<after_sale::Return>,
}

#[derive(Debug, Default)]
pub struct Feedamp {
    /// Added to the caller's clock: tests move time forward with `/_sandbox/clock`.
    clock_offset_ms: u64,
    auth_requests: HashMap<String, AuthRequest>,
    codes: HashMap<String, Code>,
    access_tokens: HashMap<String, u64>,
    refresh_tokens: HashMap<String, u64>,
    orders: Vec<Order>,
    seq: u64,
}

type Handled = Result<Response, Response>;

fn error(status: u16, message: &str) -> Response {
    Response::json(status, &json!({ "error": message }))
}

fn oauth_error(status: u16, code: &str, description: &str) -> Response {
    Response::json(
        status,
        &json!({ "error": code, "error_description": description }),
    )
}

/// A 400 listing what the rules call errors, each at its pointer.
fn invalid(issues: &[Issue]) -> Response {
    let errors: Vec<Value> = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| json!({"field": i.pointer, "code": i.code, "message": i.message}))
        .collect();
    Response::json(400, &json!({ "errors": errors }))
}

fn body_json(req: &Request) -> Result<Value, Response> {
    crate::body_json(req).map_err(|m| error(400, &m))
}

impl Feedamp {
    fn now(&self, now_ms: u64) -> u64 {
        now_ms + self.clock_offset_ms
    }

    /// An opaque, unguessable-looking token (splitmix64 over a counter and the clock).
    fn token(&mut self, prefix: &str, now_ms: u64) -> String {
        self.seq += 1;
        let mut z = self.seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ now_ms.rotate_left(17);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        format!("{prefix}_{:016x}{:08x}", z ^ (z >> 31), self.seq)
    }

    pub fn handle(&mut self, req: &Request, now_ms: u64) -> Response {
        let now = self.now(now_ms);
        let path = req.path.split('?').next().unwrap_or("");
        let segs: Vec<String> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .map(orderlint_api::decode)
            .collect();
        let segs: Vec<&str> = segs.iter().map(String::as_str).collect();
        let result = match (req.method, segs.as_slice()) {
            (Method::Get, ["authorize"]) => self.authorize(&req.query, now),
            (Method::Get, ["decision"]) => self.decide(&req.query, now),
            (Method::Post, ["access_token"]) => self.access_token(req, now),
            (Method::Post, ["_sandbox", "clock"]) => self.move_clock(req),
            (Method::Post, ["_sandbox", "orders", n, "shipments"]) => {
                self.seller_fulfil(n, req, now, "shipments")
            }
            (Method::Post, ["_sandbox", "orders", n, "cancellations"]) => {
                self.seller_fulfil(n, req, now, "cancellations")
            }
            (Method::Post, ["_sandbox", "orders", n, "refunds"]) => self.seller_refund(n, req, now),
            (Method::Post, ["_sandbox", "orders", n, "returns", ret, "refunds"]) => {
                self.seller_return_refund(n, ret, req)
            }
            (_, ["refunds" | "returns"]) => self
                .authorized(req, now)
                .and_then(|()| self.after_sale_lists(req, &segs)),
            (_, ["orders", _, "refunds" | "returns", ..]) => self
                .authorized(req, now)
                .and_then(|()| self.after_sale_route(req, &segs, now)),
            (_, ["orders", ..]) => self
                .authorized(req, now)
                .and_then(|()| self.orders_route(req, &segs, now)),
            _ => Err(error(404, &format!("No route {} {path}", req.method))),
        };
        result.unwrap_or_else(|e| e)
    }

    fn authorized(&self, req: &Request, now: u64) -> Result<(), Response> {
        let token = req
            .get_header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        match token.and_then(|t| self.access_tokens.get(t)) {
            Some(exp) if *exp > now => Ok(()),
            Some(_) => Err(error(401, "Token expired")),
            None => Err(error(401, "Invalid token")),
        }
    }

    fn orders_route(&mut self, req: &Request, segs: &[&str], now: u64) -> Handled {
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

    fn authorize(&mut self, query: &[(String, String)], now: u64) -> Handled {
        let get = |k: &str| param(query, k);
        let (rt, client, redirect, state) = (
            get("response_type"),
            get("client_id"),
            get("redirect_url"),
            get("state"),
        );
        if rt != "code" {
            return Err(error(400, "response_type must be \"code\""));
        }
        if client != CLIENT_ID {
            return Err(error(
                400,
                &format!("unknown client_id \"{client}\"; the sandbox's client is \"{CLIENT_ID}\""),
            ));
        }
        if redirect.is_empty() {
            let hint = if get("redirect_uri").is_empty() {
                ""
            } else {
                " (the spec spells it redirect_url)"
            };
            return Err(error(400, &format!("redirect_url is required{hint}")));
        }
        // As a strict server: an absolute URL with no fragment (RFC 6749 §3.1.2).
        if redirect.contains('#') {
            return Err(error(
                400,
                "redirect_url must not include a fragment (RFC 6749 section 3.1.2)",
            ));
        }
        if !(redirect.starts_with("https://") || redirect.starts_with("http://")) {
            return Err(error(400, "redirect_url must be an absolute http(s) URL"));
        }
        if state.is_empty() {
            return Err(error(400, "state is required"));
        }
        // PKCE when asked for: S256 only ("plain" protects nothing a proxy log shows).
        let challenge = Some(get("code_challenge")).filter(|c| !c.is_empty());
        if challenge.is_some() && get("code_challenge_method") != "S256" {
            return Err(error(
                400,
                "code_challenge_method must be S256 when a code_challenge is sent",
            ));
        }
        let id = self.token("req", now);
        let page = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>FeedAMP sandbox: authorize</title>\
             <style>body{{font:16px system-ui;max-width:34em;margin:4em auto}}a{{display:inline-block;margin:1em 1em 0 0;padding:.5em 1em;border:1px solid #888;border-radius:6px;text-decoration:none}}</style></head>\
             <body><h1>Authorize {client}?</h1><p>The marketplace <b>{client}</b> asks to place orders into your FeedAMP account and read their fulfillments.</p>\
             <a id=\"approve\" href=\"decision?request={id}&amp;approve=true\">Approve</a><a id=\"deny\" href=\"decision?request={id}&amp;approve=false\">Deny</a>\
             <p><small>orderlint sandbox</small></p></body></html>"
        );
        self.auth_requests.insert(
            id.clone(),
            AuthRequest {
                redirect_url: redirect,
                state,
                challenge,
            },
        );
        Ok(Response {
            status: 200,
            headers: vec![
                ("Content-Type".into(), "text/html; charset=utf-8".into()),
                ("X-Sandbox-Request".into(), id),
            ],
            body: page,
        })
    }

    fn decide(&mut self, query: &[(String, String)], now: u64) -> Handled {
        let get = |k: &str| param(query, k);
        let Some(ar) = self.auth_requests.remove(&get("request")) else {
            return Err(error(
                400,
                "unknown or already answered authorization request",
            ));
        };
        let sep = if ar.redirect_url.contains('?') {
            '&'
        } else {
            '?'
        };
        let target = if get("approve") == "true" {
            let code = self.token("code", now);
            self.codes.insert(
                code.clone(),
                Code {
                    issued_ms: now,
                    used: false,
                    challenge: ar.challenge.clone(),
                },
            );
            format!(
                "{}{sep}code={}&state={}",
                ar.redirect_url,
                orderlint_api::encode(&code),
                orderlint_api::encode(&ar.state)
            )
        } else {
            format!(
                "{}{sep}error=access_denied&state={}",
                ar.redirect_url,
                orderlint_api::encode(&ar.state)
            )
        };
        Ok(Response {
            status: 302,
            headers: vec![("Location".into(), target)],
            body: String::new(),
        })
    }

    fn access_token(&mut self, req: &Request, now: u64) -> Handled {
        let body = req.body.as_deref().unwrap_or("");
        let fields: HashMap<String, String> = if body.trim_start().starts_with('{') {
            let v = body_json(req)?;
            v.as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            parse_query(body).into_iter().collect()
        };
        let f = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
        if f("client_id") != CLIENT_ID || f("client_secret") != CLIENT_SECRET {
            return Err(oauth_error(
                401,
                "invalid_client",
                "client_id or client_secret is wrong",
            ));
        }
        match f("grant_type") {
            "authorization_code" => {
                let code = self.codes.get_mut(f("code")).ok_or_else(|| {
                    oauth_error(400, "invalid_grant", "unknown authorization code")
                })?;
                if code.used {
                    return Err(oauth_error(
                        400,
                        "invalid_grant",
                        "authorization code already used",
                    ));
                }
                code.used = true;
                if let Some(challenge) = &code.challenge {
                    let verifier = f("code_verifier");
                    if verifier.is_empty() {
                        return Err(oauth_error(
                            400,
                            "invalid_grant",
                            "code_verifier is required: the authorization sent a code_challenge",
                        ));
                    }
                    if orderlint_api::pkce::challenge(verifier) != *challenge {
                        return Err(oauth_error(
                            400,
                            "invalid_grant",
                            "code_verifier does not match the code_challenge",
                        ));
                    }
                }
                if now > code.issued_ms + CODE_TTL_S * 1000 {
                    return Err(oauth_error(
                        400,
                        "invalid_grant",
                        "authorization code expired",
                    ));
                }
            }
            "refresh_token" => match self.refresh_tokens.remove(f("refresh_token")) {
                Some(exp) if exp > now => {}
                Some(_) => return Err(oauth_error(400, "invalid_grant", "refresh token expired")),
                None => {
                    return Err(oauth_error(
                        400,
                        "invalid_grant",
                        "unknown or already used refresh token",
                    ))
                }
            },
            "" => {
                return Err(oauth_error(
                    400,
                    "invalid_request",
                    "grant_type is required",
                ))
            }
            other => {
                return Err(oauth_error(
                    400,
                    "unsupported_grant_type",
                    &format!("grant_type \"{other}\" is not supported"),
                ))
            }
        }
        let (access, refresh) = (self.token("at", now), self.token("rt", now));
        self.access_tokens
            .insert(access.clone(), now + ACCESS_TTL_S * 1000);
        self.refresh_tokens
            .insert(refresh.clone(), now + REFRESH_TTL_S * 1000);
        Ok(Response::json(
            200,
            &json!({"access_token": access, "token_type": "Bearer", "refresh_token": refresh, "expires_in": ACCESS_TTL_S}),
        ))
    }

    fn move_clock(&mut self, req: &Request) -> Handled {
        let v = body_json(req)?;
        let s = v
            .get("advance_s")
            .and_then(Value::as_u64)
            .ok_or_else(|| error(400, "send {\"advance_s\": N}"))?;
        self.clock_offset_ms += s * 1000;
        Ok(Response::json(
            200,
            &json!({ "offset_s": self.clock_offset_ms / 1000 }),
        ))
    }

    // ---- orders ------------------------------------------------------------------------

    fn index(&self, n: &str) -> Option<usize> {
        self.orders
            .iter()
            .position(|o| o.body["mp_order_number"] == n)
    }

    fn find(&self, n: &str) -> Result<&Order, Response> {
        self.index(n)
            .map(|i| &self.orders[i])
            .ok_or_else(|| error(404, &format!("Order {n} not found")))
    }

    fn put_order(&mut self, n: &str, req: &Request, now: u64) -> Handled {
        let body = body_json(req)?;
        let existing = self.index(n);
        let ctx = Context {
            feedamp_order: existing.map(|i| self.view(&self.orders[i])),
            new_order: existing.is_none(),
            path_mp_order_number: Some(n.to_string()),
            ..Context::default()
        };
        let out = validate(Kind::FeedampOrder, &body, Some(&ctx));
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
    fn view(&self, o: &Order) -> Value {
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

    fn list(&self, query: &[(String, String)]) -> Handled {
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

    fn report_errors(&mut self, n: &str, req: &Request, now: u64) -> Handled {
        let i = self
            .index(n)
            .ok_or_else(|| error(404, &format!("Order {n} not found")))?;
        let ctx = Context {
            feedamp_order: Some(self.view(&self.orders[i])),
            ..Context::default()
        };
        let stamped = checked_report(req, Kind::FeedampOrderErrors, Some(&ctx), now)?;
        self.orders[i].errors.extend(stamped.iter().cloned());
        Ok(Response::json(200, &Value::Array(stamped)))
    }

    /// The seller panel: the seller ships or cancels units of a line in FeedAMP.
    /// Over-shipping is allowed on purpose, so error reporting can be rehearsed.
    fn seller_fulfil(&mut self, n: &str, req: &Request, now: u64, kind: &str) -> Handled {
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

/// An error report's body, checked with `kind`'s rules (400 when they find errors), each
/// entry stamped with the time it was received.
fn checked_report(
    req: &Request,
    kind: Kind,
    ctx: Option<&Context>,
    now: u64,
) -> Result<Vec<Value>, Response> {
    let body = body_json(req)?;
    let out = validate(kind, &body, ctx);
    if !out.valid {
        return Err(invalid(&out.issues));
    }
    Ok(body
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            let mut e = e.clone();
            e["date_created"] = json!(format_utc((now / 1000) as i64));
            e
        })
        .collect())
}

/// A list request's filters, checked with the same rules the page uses.
struct Filters {
    q: Value,
}

impl Filters {
    fn parse(query: &[(String, String)], kind: Kind) -> Result<Filters, Response> {
        let q: Map<String, Value> = query
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let q = Value::Object(q);
        let out = validate(kind, &q, None);
        if !out.valid {
            return Err(invalid(&out.issues));
        }
        Ok(Filters { q })
    }

    fn get(&self, k: &str) -> Option<&str> {
        self.q.get(k).and_then(Value::as_str)
    }

    fn list(&self, k: &str) -> Option<Vec<String>> {
        self.get(k)
            .map(|s| s.split(',').map(|p| p.trim().to_string()).collect())
    }

    /// A date-time filter in epoch milliseconds (no offset: America/New_York).
    fn since(&self, k: &str) -> Option<i64> {
        self.get(k)
            .and_then(parse_datetime)
            .map(|d| d.epoch_seconds_new_york_default() * 1000)
    }

    fn flag(&self, k: &str) -> Option<bool> {
        self.get(k).map(|s| s == "true")
    }

    /// One page of `items` under `key`, with the cursor to the next.
    fn page(&self, items: Vec<Value>, key: &str) -> Handled {
        let size = self
            .get("page_size")
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_PAGE_SIZE);
        let start = match self.get("cursor") {
            None => 0,
            Some(c) => c
                .strip_prefix("c-")
                .and_then(|n| usize::from_str_radix(n, 36).ok())
                .ok_or_else(|| error(400, "cursor is not one this API returned"))?,
        };
        let page: Vec<Value> = items.iter().skip(start).take(size).cloned().collect();
        let next = (start + size < items.len()).then(|| format!("c-{}", to_base36(start + size)));
        Ok(Response::json(
            200,
            &json!({ key: page, "next_cursor": next }),
        ))
    }
}

/// A query parameter's value, empty when absent.
fn param(query: &[(String, String)], name: &str) -> String {
    query
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn to_base36(mut n: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(digits[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn has_any(errors: &[Value]) -> bool {
    !errors.is_empty()
}
