//! `--seed` on FeedAMP: orders placed through the order handler and fulfilled through the
//! seller panel's, so they are what the API would have made, one in each state a list can
//! be filtered by.

use serde_json::{json, Value};

use super::Feedamp;
use orderlint_api::feedamp::{put_order, sandbox};
use orderlint_api::Response;

/// The seeded orders' numbers, and what each is: `PENDING` (no fulfillment status yet),
/// `UNFULFILLED`, `PARTIALLY_FULFILLED` (one of line 1's two units shipped) and `COMPLETE`
/// (all shipped, then marked SHIPPED).
pub const ORDERS: [(&str, &str); 4] = [
    ("SANDBOX-1001", "PENDING"),
    ("SANDBOX-1002", "UNFULFILLED"),
    ("SANDBOX-1003", "PARTIALLY_FULFILLED"),
    ("SANDBOX-1004", "COMPLETE"),
];

/// An order as a marketplace places it: two lines (2 units of a bottle, 1 mug).
fn order(n: &str, state: &str) -> Value {
    let address = json!({
        "full_name": "Jane Doe",
        "address1": "123 Main St",
        "city": "Springfield",
        "state": "IL",
        "postal_code": "62701",
        "country_code": "USA",
        "phone": "+1-555-010-2030"
    });
    let line = |number: &str, sku: &str, name: &str, quantity: u32, price: f64| {
        json!({
            "mp_line_number": number,
            "sku": sku,
            "product_name": name,
            "quantity": quantity,
            "unit_price": price,
            "shipping_method": "Standard",
            "shipping_price": 0,
            "taxes": [],
            "discounts": [],
            "is_tax_collected_by_marketplace": true
        })
    };
    json!({
        "mp_order_number": n,
        "sales_channel": "Marketplace.com",
        "customer": {"full_name": "Jane Doe", "email": "jane.doe@example.com"},
        "purchase_date": "2025-12-31T15:00:00.000Z",
        "currency": "USD",
        "shipping_address": address,
        "billing_address": address,
        "order_lines": [
            line("1", "SANDBOX-BOTTLE-500ML", "Sandbox Water Bottle 500ml", 2, 25.0),
            line("2", "SANDBOX-MUG-350ML", "Sandbox Travel Mug 350ml", 1, 18.5),
        ],
        "marketplace_state": state,
        "is_marketplace_fulfilled": false,
        "fulfillment_type": "shipment"
    })
}

fn shipped(line: &str, quantity: u32) -> String {
    json!({"mp_line_number": line, "quantity": quantity, "carrier": "UPS",
           "tracking_number": format!("1ZSANDBOX{line}{quantity}")})
    .to_string()
}

/// The handler's answer when it made what was asked, or why the seed failed.
fn made(what: &str, r: Result<Response, Response>) -> Result<(), String> {
    match r {
        Ok(resp) if resp.is_success() => Ok(()),
        Ok(resp) | Err(resp) => Err(format!(
            "the seed's FeedAMP {what} was refused ({}): {}",
            resp.status, resp.body
        )),
    }
}

impl Feedamp {
    /// Adds the seeded orders, as made at `now`.
    pub(crate) fn seed(&mut self, now: u64) -> Result<(), String> {
        for (n, _) in ORDERS {
            let state = if n == ORDERS[0].0 {
                "PENDING"
            } else {
                "AWAITING_SHIPMENT"
            };
            let placed = order(n, state);
            let req = put_order(n, &placed.to_string());
            made(&format!("order {n}"), self.put_order(n, &req, now))?;
        }
        let ship = |sb: &mut Feedamp, n: &str, line: &str, quantity: u32| {
            let req = sandbox::fulfil(n, "shipments", &shipped(line, quantity));
            made(
                &format!("shipment of order {n}"),
                sb.seller_fulfil(n, &req, now, "shipments"),
            )
        };
        let (partly, complete) = (ORDERS[2].0, ORDERS[3].0);
        ship(self, partly, "1", 1)?;
        ship(self, complete, "1", 2)?;
        ship(self, complete, "2", 1)?;
        let placed = order(complete, "SHIPPED");
        let req = put_order(complete, &placed.to_string());
        made(
            &format!("order {complete} SHIPPED"),
            self.put_order(complete, &req, now),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_seeded_order_is_in_its_state() {
        let mut f = Feedamp::default();
        f.seed(crate::SEED_MS).unwrap();
        for (n, status) in ORDERS {
            let v = f.view(f.find(n).unwrap());
            let shown = v["fulfillment_status"].as_str().or(v["status"].as_str());
            assert_eq!(shown, Some(status), "{n}: {v:#}");
            assert_eq!(v["imported_date"], "2026-01-01T12:00:00Z", "{n}");
        }
    }
}
