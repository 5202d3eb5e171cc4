//! `--seed` on Veeqo: the guide's walk, made through the simulator's own routes (so it is
//! what the API would have made): a custom-integration channel, a product with one
//! sellable, its store listing on the channel, and an order on the channel. Veeqo's ids
//! count from one number, so the seeded ones are always these.

use serde_json::json;

use super::Veeqo;
use orderlint_api::veeqo::{
    authorize, create_channel, create_channel_sellable, create_order, create_product,
};
use orderlint_api::Request;

pub const CHANNEL_ID: u64 = 1_000_001;
pub const PRODUCT_ID: u64 = 1_000_002;
pub const SELLABLE_ID: u64 = 1_000_003;
pub const CHANNEL_PRODUCT_ID: u64 = 1_000_004;
pub const CHANNEL_SELLABLE_ID: u64 = 1_000_005;
pub const ORDER_ID: u64 = 1_000_006;
pub const SKU: &str = "SANDBOX-BOTTLE-500ML";
pub const ASIN: &str = "B0SANDBOX1";
pub const ORDER_NUMBER: &str = "112-0000000-0000001";

/// The key the seed's requests carry; its rate-limit bucket is dropped afterwards.
const SEED_KEY: &str = "orderlint-seed";

impl Veeqo {
    /// Adds the seeded account, as made at `now_ms`.
    pub(crate) fn seed(&mut self, now_ms: u64) -> Result<(), String> {
        let title = "Sandbox Water Bottle 500ml";
        let address = json!({
            "first_name": "John", "last_name": "Smith", "address1": "123 Main St",
            "city": "Seattle", "state": "WA", "zip": "98101", "country": "US",
            "phone": "+12065551234"
        });
        let mut deliver_to = address.clone();
        deliver_to["email"] = json!("john.smith@example.com");
        let steps = [
            ("channel", CHANNEL_ID, create_channel(&json!({"channel": {
                "name": "Sandbox Store (Custom Integration)",
                "type_code": "custom_integration",
                "currency_code": "USD",
                "short_name": "SB",
                "custom_integration_channel_specific_attributes": {"integration_type": "amazon"}
            }}).to_string())),
            ("product", PRODUCT_ID, create_product(&json!({"product": {
                "title": title,
                "product_variants_attributes": [
                    {"title": "Blue 500ml", "sku_code": SKU, "price": "25.00"}
                ]
            }}).to_string())),
            ("store listing", CHANNEL_SELLABLE_ID, create_channel_sellable(&json!({"data": {
                "type": "channel_sellables",
                "attributes": {
                    "sellable_id": SELLABLE_ID.to_string(),
                    "channel_id": CHANNEL_ID.to_string(),
                    "remote_id": ASIN,
                    "remote_sku": SKU,
                    "remote_title": title,
                    "channel_product_attributes": {"remote_title": title}
                }
            }}).to_string())),
            ("order", ORDER_ID, create_order(&json!({"order": {
                "channel_id": CHANNEL_ID,
                "number": ORDER_NUMBER,
                "send_notification_email": false,
                "delivery_cost": "5.99",
                "total_tax": "0.00",
                "currency_code": "USD",
                "line_items_attributes": [{
                    "sellable_id": SELLABLE_ID,
                    "price_per_unit": "25.00",
                    "quantity": 1,
                    "tax_rate": 0.0,
                    "remote_id": "10000000000001"
                }],
                "customer_attributes": {
                    "email": "john.smith@example.com",
                    "phone": "+12065551234",
                    "billing_address_attributes": address
                },
                "deliver_to_attributes": deliver_to,
                "payment_attributes": {"payment_type": "amazon", "reference_number": ORDER_NUMBER}
            }}).to_string())),
        ];
        for (what, id, req) in steps {
            self.made(what, id, req, now_ms)?;
        }
        self.buckets.remove(SEED_KEY);
        Ok(())
    }

    /// Sends one seeding request through the routes; it must make `id`.
    fn made(&mut self, what: &str, id: u64, mut req: Request, now_ms: u64) -> Result<(), String> {
        authorize(&mut req, SEED_KEY);
        let resp = self.handle(&req, now_ms);
        let body: serde_json::Value = serde_json::from_str(&resp.body).unwrap_or_default();
        let got = super::num_id(body.get("id").or(body.pointer("/data/id")));
        if resp.status == 201 && got == Some(id) {
            return Ok(());
        }
        Err(format!(
            "the seed's Veeqo {what} was not made as {id} ({}): {}",
            resp.status, resp.body
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_makes_its_ids_and_a_protected_order() {
        let mut v = Veeqo::default();
        v.seed(crate::SEED_MS).unwrap();
        let order = v.get_order(&ORDER_ID.to_string()).unwrap();
        let order: serde_json::Value = serde_json::from_str(&order.body).unwrap();
        assert_eq!(
            order["sandbox_buyer_protection"]["eligible"], true,
            "{order:#}"
        );
        assert_eq!(order["line_items"][0]["sellable"]["id"], SELLABLE_ID);
        let product = v.get_product(&PRODUCT_ID.to_string()).unwrap();
        let product: serde_json::Value = serde_json::from_str(&product.body).unwrap();
        let cp = &product["channel_products"][0];
        assert_eq!(
            (cp["id"].as_u64(), cp["channel_id"].as_u64()),
            (Some(CHANNEL_PRODUCT_ID), Some(CHANNEL_ID))
        );
        assert_eq!(cp["channel_sellables"][0]["id"], CHANNEL_SELLABLE_ID);
        assert!(v.buckets.is_empty());
    }
}
