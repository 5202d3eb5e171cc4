//! The sandbox's channel sellables, on Veeqo's JSON:API endpoint: a new channel product,
//! or a link to an existing one, with string ids and JSON:API errors.

use serde_json::{json, Map, Value};

use super::{
    body_json, json_api_error, num_id, text, ChannelProduct, ChannelSellable, Handled, Veeqo,
};
use orderlint_api::{veeqo::JSON_API, Request, Response};

impl Veeqo {
    pub(super) fn create_channel_sellable(&mut self, req: &Request) -> Handled {
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
}
