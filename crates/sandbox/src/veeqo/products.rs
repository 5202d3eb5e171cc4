//! The sandbox's products and their sellables: create and read.

use serde_json::{json, Map, Value};

use super::{body_json, id_of, messages, not_found, root, text, Handled, Sellable, Veeqo};
use orderlint_api::{Request, Response};
use orderlint_rules::Kind;

impl Veeqo {
    pub(super) fn create_product(&mut self, req: &Request) -> Handled {
        let body = body_json(req)?;
        let p = &root(&body, Kind::VeeqoProduct)?;
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

    pub(super) fn get_product(&self, id: &str) -> Handled {
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
}
