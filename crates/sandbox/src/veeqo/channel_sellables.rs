//! The sandbox's channel sellables (store listings), on Veeqo's JSON:API endpoint, as its
//! pages document them: created (`POST`) linked one of three ways — `autolink` (the
//! sellable whose SKU is `remote_sku`, or a new product made for it; Create Store Listing),
//! a new channel product, or an existing one —, with the type spelt either way
//! (`channel_sellables` in the guide and Create a Channel Sellable, `channel_sellable` in
//! Create Store Listing) and ids as strings or numbers; updated (`PUT …/{id}`, Update Store
//! Listing, where `channel_id` is ignored); only on custom-integration channels (both
//! Store Listing pages). Answers carry string ids and JSON:API errors.

use serde_json::{json, Map, Value};

use super::{
    body_json, json_api_error, num_id, text, ChannelProduct, ChannelSellable, Handled, Sellable,
    Veeqo,
};
use orderlint_api::{veeqo::JSON_API, Request, Response};

/// The attributes an answer carries, kept as sent (Create Store Listing's among them).
const KEPT: &[&str] = &[
    "remote_id",
    "remote_sku",
    "remote_title",
    "remote_barcode",
    "cost_price",
    "remote_grams",
    "measurement_attributes",
];

fn invalid(detail: &str, at: &str) -> Response {
    json_api_error(422, "Unprocessable Entity", detail, Some(at))
}

/// `true` as Rails casts it.
fn is_true(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => matches!(s.trim(), "true" | "1" | "t"),
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    }
}

/// The document's `data`, after the Accept header and the type (either spelling).
fn document(req: &Request) -> Result<Value, Response> {
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
    let data = body
        .get("data")
        .filter(|d| d.is_object())
        .cloned()
        .ok_or_else(|| {
            json_api_error(
                400,
                "Bad Request",
                "The document has no data object",
                Some("/data"),
            )
        })?;
    let ty = data.get("type").and_then(Value::as_str);
    if !matches!(ty, Some("channel_sellables" | "channel_sellable")) {
        return Err(json_api_error(
            409,
            "Conflict",
            "data.type must be \"channel_sellable\" or \"channel_sellables\"",
            Some("/data/type"),
        ));
    }
    Ok(data)
}

fn attributes(data: &Value) -> Map<String, Value> {
    data.get("attributes")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// `relationships.channel_product.data`, when sent.
fn linked(data: &Value) -> Option<&Value> {
    data.get("relationships")?
        .get("channel_product")?
        .get("data")
}

impl Veeqo {
    /// A channel that exists and is a custom integration, or the 422 saying which not.
    fn listing_channel(&self, id: Option<u64>) -> Result<u64, Response> {
        let at = "/data/attributes/channel_id";
        let id = id.ok_or_else(|| invalid("Channel must exist", at))?;
        let channel = self
            .find_channel(id)
            .ok_or_else(|| invalid("Channel must exist", at))?;
        if channel.get("type_code").and_then(Value::as_str) != Some("custom_integration") {
            return Err(invalid(
                "Store listings are only permitted for channels with the type code custom_integration",
                at,
            ));
        }
        Ok(id)
    }

    /// Autolink: the sellable whose SKU is `remote_sku`, or a new product and variant
    /// with that SKU (Create Store Listing).
    fn autolink(&mut self, attrs: &Map<String, Value>) -> Result<u64, Response> {
        let sku = text(attrs, "remote_sku")
            .ok_or_else(|| invalid("Remote sku can't be blank", "/data/attributes/remote_sku"))?
            .to_string();
        if let Some(s) = self.sellables.iter().find(|s| s.sku == sku) {
            return Ok(s.id);
        }
        let title = text(attrs, "remote_title").unwrap_or(&sku).to_string();
        let product_id = self.next();
        let id = self.next();
        let price = attrs.get("remote_price").cloned().unwrap_or(json!("0.0"));
        self.products.push(json!({
            "id": product_id,
            "title": title,
            "description": null,
            "sellables": [{"id": id, "product_id": product_id, "sku_code": sku,
                           "title": title, "price": price}],
        }));
        self.sellables.push(Sellable {
            id,
            product_id,
            sku,
        });
        Ok(id)
    }

    fn sellable(&self, v: Option<&Value>) -> Result<u64, Response> {
        num_id(v)
            .filter(|id| self.sellables.iter().any(|s| s.id == *id))
            .ok_or_else(|| invalid("Sellable must exist", "/data/attributes/sellable_id"))
    }

    fn new_channel_product(&mut self, channel_id: u64, title: &str) -> u64 {
        let id = self.next();
        self.channel_products.push(ChannelProduct {
            id,
            channel_id,
            remote_title: title.into(),
        });
        id
    }

    /// The channel product a document names, or creates (`channel_product_attributes`);
    /// `None` when it does neither.
    fn channel_product_of(
        &mut self,
        data: &Value,
        attrs: &Map<String, Value>,
        channel_id: u64,
    ) -> Result<Option<u64>, Response> {
        match (attrs.get("channel_product_attributes"), linked(data)) {
            (Some(_), Some(_)) => Err(invalid(
                "Give channel_product_attributes or relationships.channel_product, not both",
                "/data/attributes/channel_product_attributes",
            )),
            (Some(new), None) => {
                let title = new
                    .get("remote_title")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                Ok(Some(self.new_channel_product(channel_id, title)))
            }
            (None, Some(link)) => num_id(link.get("id"))
                .filter(|id| {
                    self.channel_products
                        .iter()
                        .any(|cp| cp.id == *id && cp.channel_id == channel_id)
                })
                .map(Some)
                .ok_or_else(|| {
                    invalid(
                        "Channel product must exist on this channel",
                        "/data/relationships/channel_product/data/id",
                    )
                }),
            (None, None) => Ok(None),
        }
    }

    pub(super) fn create_channel_sellable(&mut self, req: &Request) -> Handled {
        let data = document(req)?;
        let attrs = attributes(&data);
        let given = attrs.get("sellable_id").filter(|v| !v.is_null());
        let known = given.map(|v| self.sellable(Some(v))).transpose()?;
        let channel_id = self.listing_channel(num_id(attrs.get("channel_id")))?;
        if text(&attrs, "remote_id").is_none() {
            return Err(invalid(
                "Remote can't be blank",
                "/data/attributes/remote_id",
            ));
        }
        let autolink = is_true(attrs.get("autolink"));
        let sellable_id = match known {
            Some(id) => id,
            None if autolink => self.autolink(&attrs)?,
            None => self.sellable(None)?,
        };
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
        let channel_product_id = match self.channel_product_of(&data, &attrs, channel_id)? {
            Some(id) => id,
            None if autolink => {
                let title = text(&attrs, "remote_title")
                    .or(text(&attrs, "remote_sku"))
                    .unwrap_or_default()
                    .to_string();
                self.new_channel_product(channel_id, &title)
            }
            None => {
                return Err(invalid(
                    "Channel product must exist",
                    "/data/relationships/channel_product",
                ))
            }
        };
        let id = self.next();
        let mut stored = Map::new();
        for k in KEPT {
            if let Some(v) = attrs.get(*k) {
                stored.insert((*k).into(), v.clone());
            }
        }
        for k in ["remote_id", "remote_sku", "remote_title"] {
            stored.entry(k).or_insert(Value::Null);
        }
        stored.insert(
            "remote_price".into(),
            attrs.get("remote_price").cloned().unwrap_or(json!("0.0")),
        );
        stored.insert("active".into(), json!(true));
        stored.insert("channel_id".into(), json!(channel_id));
        self.channel_sellables.push(ChannelSellable {
            id,
            channel_id,
            sellable_id,
            channel_product_id,
            attrs: stored,
        });
        Ok(self.answer(201, id))
    }

    /// `PUT /api/v2/channel_sellables/{id}`: the attributes sent replace those kept;
    /// `channel_id` is ignored; a new sellable or channel product is linked.
    pub(super) fn update_channel_sellable(&mut self, req: &Request, id: &str) -> Handled {
        let missing = || {
            json_api_error(
                404,
                "Not Found",
                &format!("Channel sellable {id} not found"),
                None,
            )
        };
        let id: u64 = id.trim().parse().map_err(|_| missing())?;
        let at = self
            .channel_sellables
            .iter()
            .position(|cs| cs.id == id)
            .ok_or_else(missing)?;
        let data = document(req)?;
        if data.get("id").is_some_and(|d| num_id(Some(d)) != Some(id)) {
            return Err(json_api_error(
                409,
                "Conflict",
                "data.id must be the id in the path",
                Some("/data/id"),
            ));
        }
        let attrs = attributes(&data);
        let channel_id = self.channel_sellables[at].channel_id;
        self.listing_channel(Some(channel_id))?;
        let sellable_id = match attrs.get("sellable_id").filter(|v| !v.is_null()) {
            None if is_true(attrs.get("autolink")) => Some(self.autolink(&attrs)?),
            None => None,
            given => Some(self.sellable(given)?),
        };
        if let Some(s) = sellable_id.filter(|s| *s != self.channel_sellables[at].sellable_id) {
            let taken = self
                .channel_sellables
                .iter()
                .any(|cs| cs.id != id && cs.channel_id == channel_id && cs.sellable_id == s);
            if taken {
                return Err(invalid(
                    "Sellable has already been taken for this channel",
                    "/data/attributes/sellable_id",
                ));
            }
        }
        if attrs.contains_key("remote_id") && text(&attrs, "remote_id").is_none() {
            return Err(invalid(
                "Remote can't be blank",
                "/data/attributes/remote_id",
            ));
        }
        let channel_product_id = self.channel_product_of(&data, &attrs, channel_id)?;
        let cs = &mut self.channel_sellables[at];
        for k in KEPT.iter().chain(&["remote_price"]) {
            if let Some(v) = attrs.get(*k) {
                cs.attrs.insert((*k).into(), v.clone());
            }
        }
        if let Some(s) = sellable_id {
            cs.sellable_id = s;
        }
        if let Some(cp) = channel_product_id {
            cs.channel_product_id = cp;
        }
        Ok(self.answer(200, id))
    }

    /// A channel sellable as Veeqo answers it: JSON:API, string ids, singular type.
    fn answer(&self, status: u16, id: u64) -> Response {
        let Some(cs) = self.channel_sellables.iter().find(|cs| cs.id == id) else {
            return json_api_error(404, "Not Found", "Channel sellable not found", None);
        };
        let mut shown = cs.attrs.clone();
        shown.remove("channel_id");
        let doc = json!({"data": {
            "id": id.to_string(),
            "type": "channel_sellable",
            "attributes": shown,
            "relationships": {
                "channel": {"data": {"id": cs.channel_id.to_string(), "type": "channel"}},
                "channel_product": {"data": {"id": cs.channel_product_id.to_string(), "type": "channel_product"}},
                "sellable": {"data": {"id": cs.sellable_id.to_string(), "type": "sellable"}},
            }
        }});
        Response::json(status, &doc).with_header("Content-Type", JSON_API)
    }
}
