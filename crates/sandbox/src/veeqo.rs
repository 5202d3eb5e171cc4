//! The Veeqo half of the sandbox: channels, products (sellables), channel sellables and
//! orders, with Veeqo's status codes, error shapes, string ids on the JSON:API endpoint
//! and its leaky-bucket rate limit. Each created order carries
//! `sandbox_buyer_protection`: whether Buyer Protection would apply, and why not.
//!
//! Long: one simulator's state and its routes, all resources of one account. Due to be
//! split per resource (architecture issue).

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use orderlint_api::ratelimit::LeakyBucket;
use orderlint_api::{parse_query, veeqo::JSON_API, Method, Request, Response};
use orderlint_rules::iso;
use orderlint_rules::veeqo::channel::SHORT_NAME_MAX;
use orderlint_rules::veeqo::troubleshoot::troubleshoot;

const TYPE_CODES: &[&str] = &[
    "custom_integration",
    "direct",
    "amazon",
    "ebay",
    "shopify",
    "woocommerce",
    "magento",
    "bigcommerce",
    "etsy",
];

#[derive(Debug)]
struct Sellable {
    id: u64,
    product_id: u64,
    sku: String,
}

#[derive(Debug)]
struct ChannelProduct {
    id: u64,
    channel_id: u64,
    remote_title: String,
}

#[derive(Debug)]
struct ChannelSellable {
    id: u64,
    channel_id: u64,
    sellable_id: u64,
    channel_product_id: u64,
    attrs: Map<String, Value>,
}

#[derive(Debug)]
pub struct Veeqo {
    /// Off only for tests that need a burst; on everywhere else.
    pub rate_limit: bool,
    buckets: HashMap<String, LeakyBucket>,
    channels: Vec<Value>,
    products: Vec<Value>,
    sellables: Vec<Sellable>,
    channel_products: Vec<ChannelProduct>,
    channel_sellables: Vec<ChannelSellable>,
    orders: Vec<Value>,
    next_id: u64,
}

impl Default for Veeqo {
    fn default() -> Self {
        Veeqo {
            rate_limit: true,
            buckets: HashMap::new(),
            channels: Vec::new(),
            products: Vec::new(),
            sellables: Vec::new(),
            channel_products: Vec::new(),
            channel_sellables: Vec::new(),
            orders: Vec::new(),
            next_id: 1_000_000,
        }
    }
}

/// Outcome of a handler: a response either way; `?` on an error response returns it.
type Handled = Result<Response, Response>;

fn messages(status: u16, msgs: Vec<String>) -> Response {
    Response::json(status, &json!({ "error_messages": msgs }))
}

fn not_found(what: &str) -> Response {
    Response::json(
        404,
        &json!({"status": 404, "error": format!("{what} not found")}),
    )
}

fn json_api_error(status: u16, title: &str, detail: &str, pointer: Option<&str>) -> Response {
    let mut e = json!({"status": status.to_string(), "title": title, "detail": detail});
    if let Some(p) = pointer {
        e["source"] = json!({ "pointer": p });
    }
    Response::json(status, &json!({ "errors": [e] })).with_header("Content-Type", JSON_API)
}

fn body_json(req: &Request) -> Result<Value, Response> {
    crate::body_json(req).map_err(|m| Response::json(400, &json!({ "error_messages": m })))
}

/// The `{"<root>": {...}}` object, or Rails' 400 for a missing parameter. A bare body is
/// wrapped as Rails' ParamsWrapper does: only the model's own columns, so nested
/// `..._attributes` are left behind (Veeqo's own channel sample is bare).
fn root(body: &Value, key: &str) -> Result<Map<String, Value>, Response> {
    if let Some(m) = body.get(key).and_then(Value::as_object) {
        return Ok(m.clone());
    }
    let columns: Map<String, Value> = body
        .as_object()
        .filter(|m| !m.contains_key(key))
        .into_iter()
        .flatten()
        .filter(|(k, _)| !k.ends_with("_attributes"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if columns.is_empty() {
        return Err(Response::json(
            400,
            &json!({"error_messages": format!("param is missing or the value is empty: {key}")}),
        ));
    }
    Ok(columns)
}

/// An integer as Rails casts it: a number, or a string of digits.
fn cast_int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    m.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A numeric id given as a number or a string.
fn num_id(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn id_of(v: &Value) -> Option<u64> {
    num_id(v.get("id"))
}

/// Veeqo stores `"{{ASIN}}"` as it stores any text, so the sandbox accepts it too; but the
/// rules call a left placeholder an error, so what it created says why it was accepted.
fn placeholder_note(req: &Request, resp: Response) -> Response {
    let held = req
        .body
        .as_deref()
        .and_then(orderlint_rules::text::first_placeholder)
        .map(str::to_string);
    let (Some(p), true) = (held, resp.is_success()) else {
        return resp;
    };
    let Ok(Value::Object(mut body)) = serde_json::from_str::<Value>(&resp.body) else {
        return resp;
    };
    body.insert(
        "sandbox_note".into(),
        json!(format!("Accepted as the real API would: it stores {p} as plain text. It is a template placeholder, not a value: replace it before sending this to the live API. (Added by the orderlint sandbox.)")),
    );
    Response {
        body: Value::Object(body).to_string(),
        ..resp
    }
}

impl Veeqo {
    fn next(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    pub fn handle(&mut self, req: &Request, now_ms: u64) -> Response {
        let key = req.get_header("x-api-key").map(str::trim).unwrap_or("");
        if key.is_empty() {
            return Response::json(
                401,
                &json!({"error_messages": "Unauthorized: send your API key in the x-api-key header"}),
            );
        }
        if self.rate_limit {
            let bucket = self
                .buckets
                .entry(key.to_string())
                .or_insert_with(LeakyBucket::veeqo);
            if let Err(wait_ms) = bucket.try_acquire(now_ms) {
                let secs = wait_ms.div_ceil(1000).max(1);
                return Response::json(
                    429,
                    &json!({"error_messages": "Rate limit exceeded: 5 requests a second, bursts of 100"}),
                )
                .with_header("Retry-After", secs.to_string());
            }
        }
        let (path, extra_query) = match req.path.split_once('?') {
            Some((p, q)) => (p, parse_query(q)),
            None => (req.path.as_str(), vec![]),
        };
        let query: Vec<(String, String)> = req.query.iter().cloned().chain(extra_query).collect();
        let segs: Vec<&str> = path
            .trim_matches('/')
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        let result = match (req.method, segs.as_slice()) {
            (Method::Post, ["channels"]) => self.create_channel(req),
            (Method::Get, ["channels"]) => Ok(self.list_channels(&query)),
            (Method::Get, ["channels", id]) => self.get_channel(id),
            (Method::Post, ["products"]) => self.create_product(req),
            (Method::Get, ["products", id]) => self.get_product(id),
            (Method::Post, ["api", "v2", "channel_sellables"]) => self.create_channel_sellable(req),
            (Method::Post, ["orders"]) => self.create_order(req),
            (Method::Get, ["orders", id]) => self.get_order(id),
            (
                _,
                ["channels"]
                | ["channels", _]
                | ["products"]
                | ["products", _]
                | ["orders"]
                | ["orders", _]
                | ["api", "v2", "channel_sellables"],
            ) => Err(Response::json(
                405,
                &json!({"status": 405, "error": format!("{} is not allowed on {path}", req.method)}),
            )),
            _ => Err(not_found(&format!("Route {path}"))),
        };
        let resp = result.unwrap_or_else(|e| e);
        placeholder_note(req, resp)
    }

    // ---- channels ----------------------------------------------------------------------

    fn create_channel(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let ch = &root(&body, "channel")?;
        let mut errs = Vec::new();
        let name = text(ch, "name");
        if name.is_none() {
            errs.push("Name can't be blank".to_string());
        }
        // Optional in Veeqo's API reference (stores.md); at most 2 characters.
        if let Some(s) = text(ch, "short_name") {
            if s.chars().count() > SHORT_NAME_MAX {
                errs.push(format!(
                    "Short name is too long (maximum is {SHORT_NAME_MAX} characters)"
                ));
            }
        }
        let type_code = text(ch, "type_code");
        match type_code {
            None => errs.push("Type code can't be blank".into()),
            Some(t) if !TYPE_CODES.contains(&t) => {
                errs.push("Type code is not included in the list".into())
            }
            _ => {}
        }
        let currency = text(ch, "currency_code").unwrap_or("USD");
        if !iso::is_currency(currency) {
            errs.push("Currency code is not a valid ISO 4217 currency".into());
        }
        let integration = ch
            .get("custom_integration_channel_specific_attributes")
            .and_then(|a| a.get("integration_type"))
            .and_then(Value::as_str);
        if type_code == Some("custom_integration") && integration.is_none() {
            errs.push("Custom integration channel specific integration type can't be blank".into());
        }
        if !errs.is_empty() {
            return Err(messages(422, errs));
        }
        let id = self.next();
        let mut channel = json!({
            "id": id,
            "type_code": type_code,
            "name": name,
            "short_name": text(ch, "short_name"),
            "currency_code": currency,
            "state": "active",
            "veeqo_dictates_stock_level": matches!(ch.get("veeqo_dictates_stock_level"), Some(Value::Bool(true))) || ch.get("veeqo_dictates_stock_level").and_then(Value::as_str) == Some("true"),
        });
        if let Some(it) = integration {
            channel["custom_integration_channel_specific"] = json!({ "integration_type": it });
        }
        self.channels.push(channel.clone());
        Ok(Response::json(201, &channel))
    }

    fn list_channels(&self, query: &[(String, String)]) -> Response {
        let get = |k: &str| {
            query
                .iter()
                .find(|(n, _)| n == k)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let page = get("page").unwrap_or(1).max(1);
        let size = get("page_size").unwrap_or(12).clamp(1, 100);
        let items: Vec<Value> = self
            .channels
            .iter()
            .skip((page - 1) * size)
            .take(size)
            .cloned()
            .collect();
        Response::json(200, &Value::Array(items))
            .with_header("X-Total-Count", self.channels.len().to_string())
    }

    fn find_channel(&self, id: u64) -> Option<&Value> {
        self.channels.iter().find(|c| id_of(c) == Some(id))
    }

    fn get_channel(&self, id: &str) -> Handled {
        id.parse()
            .ok()
            .and_then(|id| self.find_channel(id))
            .map(|c| Response::json(200, c))
            .ok_or_else(|| not_found(&format!("Channel {id}")))
    }

    // ---- products ----------------------------------------------------------------------

    fn create_product(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let p = &root(&body, "product")?;
        let mut errs = Vec::new();
        if text(p, "title").is_none() {
            errs.push("Title can't be blank".to_string());
        }
        let variants = p
            .get("product_variants_attributes")
            .and_then(Value::as_array);
        let variants: Vec<&Map<String, Value>> = variants
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .collect();
        let mut skus: Vec<&str> = Vec::new();
        for v in &variants {
            match text(v, "sku_code") {
                None => errs.push("Product variants sku code can't be blank".into()),
                Some(s) if skus.contains(&s) || self.sellables.iter().any(|x| x.sku == s) => errs
                    .push(format!(
                        "Product variants sku code \"{s}\" has already been taken"
                    )),
                Some(s) => skus.push(s),
            }
        }
        if !errs.is_empty() {
            return Err(messages(422, errs));
        }
        let product_id = self.next();
        let mut sellables = Vec::new();
        for v in &variants {
            let id = self.next();
            let sku = text(v, "sku_code").unwrap_or_default().to_string();
            sellables.push(json!({
                "id": id,
                "product_id": product_id,
                "sku_code": sku,
                "title": text(v, "title").unwrap_or_default(),
                "price": v.get("price").cloned().unwrap_or(json!("0.0")),
            }));
            self.sellables.push(Sellable {
                id,
                product_id,
                sku,
            });
        }
        let product = json!({
            "id": product_id,
            "title": text(p, "title"),
            "description": p.get("description").cloned().unwrap_or(Value::Null),
            "sellables": sellables,
        });
        self.products.push(product.clone());
        Ok(Response::json(201, &product))
    }

    fn get_product(&self, id: &str) -> Handled {
        let pid: u64 = id
            .parse()
            .map_err(|_| not_found(&format!("Product {id}")))?;
        let mut product = self
            .products
            .iter()
            .find(|p| id_of(p) == Some(pid))
            .cloned()
            .ok_or_else(|| not_found(&format!("Product {id}")))?;
        let mine: Vec<u64> = self
            .sellables
            .iter()
            .filter(|s| s.product_id == pid)
            .map(|s| s.id)
            .collect();
        let cps: Vec<Value> = self
            .channel_products
            .iter()
            .filter_map(|cp| {
                let css: Vec<Value> = self
                    .channel_sellables
                    .iter()
                    .filter(|cs| cs.channel_product_id == cp.id && mine.contains(&cs.sellable_id))
                    .map(|cs| {
                        let mut v = Value::Object(cs.attrs.clone());
                        v["id"] = json!(cs.id);
                        v["sellable_id"] = json!(cs.sellable_id);
                        v
                    })
                    .collect();
                (!css.is_empty()).then(|| {
                    json!({"id": cp.id, "channel_id": cp.channel_id, "remote_title": cp.remote_title,
                           "channel_sellables": css})
                })
            })
            .collect();
        product["channel_products"] = Value::Array(cps);
        Ok(Response::json(200, &product))
    }

    // ---- channel sellables (JSON:API) --------------------------------------------------

    fn create_channel_sellable(&mut self, req: &Request) -> Handled {
        let accepts = req
            .get_header("accept")
            .is_some_and(|a| a.contains(JSON_API));
        if !accepts {
            return Err(json_api_error(
                415,
                "Unsupported Media Type",
                "Send Accept: application/vnd.api+json",
                None,
            ));
        }
        let body = body_json(req)?;
        let data = body.get("data").and_then(Value::as_object).ok_or_else(|| {
            json_api_error(
                400,
                "Bad Request",
                "The document has no data object",
                Some("/data"),
            )
        })?;
        if data.get("type").and_then(Value::as_str) != Some("channel_sellables") {
            return Err(json_api_error(
                409,
                "Conflict",
                "data.type must be \"channel_sellables\"",
                Some("/data/type"),
            ));
        }
        let empty = Map::new();
        let attrs = data
            .get("attributes")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let invalid =
            |detail: &str, at: &str| json_api_error(422, "Unprocessable Entity", detail, Some(at));
        let sellable_id = num_id(attrs.get("sellable_id"))
            .filter(|id| self.sellables.iter().any(|s| s.id == *id))
            .ok_or_else(|| invalid("Sellable must exist", "/data/attributes/sellable_id"))?;
        let channel_id = num_id(attrs.get("channel_id"))
            .filter(|id| self.find_channel(*id).is_some())
            .ok_or_else(|| invalid("Channel must exist", "/data/attributes/channel_id"))?;
        if text(attrs, "remote_id").is_none() {
            return Err(invalid(
                "Remote can't be blank",
                "/data/attributes/remote_id",
            ));
        }
        if self
            .channel_sellables
            .iter()
            .any(|cs| cs.channel_id == channel_id && cs.sellable_id == sellable_id)
        {
            return Err(invalid(
                "Sellable has already been taken for this channel",
                "/data/attributes/sellable_id",
            ));
        }
        let linked = data
            .get("relationships")
            .and_then(|r| r.get("channel_product"))
            .and_then(|r| r.get("data"));
        let channel_product_id =
            match (attrs.get("channel_product_attributes"), linked) {
                (Some(_), Some(_)) => return Err(invalid(
                    "Give channel_product_attributes or relationships.channel_product, not both",
                    "/data/attributes/channel_product_attributes",
                )),
                (Some(new), None) => {
                    let id = self.next();
                    let title = new
                        .get("remote_title")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    self.channel_products.push(ChannelProduct {
                        id,
                        channel_id,
                        remote_title: title.into(),
                    });
                    id
                }
                (None, Some(link)) => num_id(link.get("id"))
                    .filter(|id| {
                        self.channel_products
                            .iter()
                            .any(|cp| cp.id == *id && cp.channel_id == channel_id)
                    })
                    .ok_or_else(|| {
                        invalid(
                            "Channel product must exist on this channel",
                            "/data/relationships/channel_product/data/id",
                        )
                    })?,
                (None, None) => {
                    return Err(invalid(
                        "Channel product must exist",
                        "/data/relationships/channel_product",
                    ))
                }
            };
        let id = self.next();
        let mut stored = Map::new();
        for k in ["remote_id", "remote_sku", "remote_title"] {
            stored.insert(k.into(), attrs.get(k).cloned().unwrap_or(Value::Null));
        }
        stored.insert(
            "remote_price".into(),
            attrs.get("remote_price").cloned().unwrap_or(json!("0.0")),
        );
        stored.insert("active".into(), json!(true));
        let doc = json!({"data": {
            "id": id.to_string(),
            "type": "channel_sellable",
            "attributes": stored,
            "relationships": {
                "channel": {"data": {"id": channel_id.to_string(), "type": "channel"}},
                "channel_product": {"data": {"id": channel_product_id.to_string(), "type": "channel_product"}},
                "sellable": {"data": {"id": sellable_id.to_string(), "type": "sellable"}},
            }
        }});
        stored.insert("channel_id".into(), json!(channel_id));
        self.channel_sellables.push(ChannelSellable {
            id,
            channel_id,
            sellable_id,
            channel_product_id,
            attrs: stored,
        });
        Ok(Response::json(201, &doc).with_header("Content-Type", JSON_API))
    }

    // ---- orders ------------------------------------------------------------------------

    fn create_order(&mut self, req: &Request) -> Handled {
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
        let checks = troubleshoot(&order, &self.channels, &links);
        let eligible = checks.iter().all(|c| c.pass);
        order["sandbox_buyer_protection"] = json!({
            "eligible": eligible,
            "reasons": checks.iter().filter(|c| !c.pass).map(|c| &c.reason).collect::<Vec<_>>(),
            "note": "Added by the orderlint sandbox; the real API does not return this field.",
        });
        self.orders.push(order.clone());
        Ok(Response::json(201, &order))
    }

    fn get_order(&self, id: &str) -> Handled {
        id.parse::<u64>()
            .ok()
            .and_then(|oid| self.orders.iter().find(|o| id_of(o) == Some(oid)))
            .map(|o| Response::json(200, o))
            .ok_or_else(|| not_found(&format!("Order {id}")))
    }
}
