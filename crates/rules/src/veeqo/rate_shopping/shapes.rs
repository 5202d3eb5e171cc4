//! What the Rate Shopping API's endpoints accept, as tables. Sources, in order of
//! authority:
//! - the reference, "Veeqo Rate Shopping API: Get rates" (`/rate-shopping-api/operations/
//!   get-rates`, also served as `getrates`) and "Book a shipment" (`book-shipment`, also
//!   `bookshipment`): the fields, their types, which are required, the allowed values;
//! - the guide, "Shipping Amazon orders with the Rate Shopping API"
//!   (`/guides/ship-amazon-orders`): its domestic and international requests, which are
//!   never refused here.
//!
//! The reference describes some fields only by their description where the stored copy
//! of the page lost the name beside it (the parcel's "Hazardous materials indicator", the
//! dates, the channel item's customs fields); those names are the ones public clients of
//! this reference send (`hazmat`, `preferred_shipment_date`, `due_date`, `value`,
//! `tariff_code`, …) and are marked so below. What Buy Shipping protection needs is the
//! rules' business (`rates.rs`), not the tables'.

use crate::codes;
use crate::shape::{opt, req, Dialect, Entity, Index, Shape, Ty};

/// The Rate Shopping API: Veeqo's, so Rails reads it (`null` is "not given", quoted
/// numbers are cast), with its own reference as the source of its field checks.
pub static RATE_SHOPPING: Dialect = Dialect {
    source: codes::V_RATE_SHOPPING,
    null_is_absent: true,
    casts: true,
    currencies: &crate::checks::ISO_4217,
};

const fn rs(name: &'static str) -> Entity {
    Entity {
        name,
        dialect: &RATE_SHOPPING,
    }
}

const SIZE: Ty = Ty::Num {
    min: 0.0,
    quoted_ok: false,
};

/// `POST /shipping/api/v1/rates` (Get rates).
pub static RATES_REQUEST: Shape = Shape {
    entity: rs("veeqo.rates_request"),
    fields: &[
        req("to_address", Ty::Object(&ADDRESS)),
        req("from_address", Ty::Object(&ADDRESS)),
        opt("return_address", Ty::Object(&ADDRESS)),
        // "Array of parcels (currently only 1 parcel supported)": the count is a rule.
        req(
            "parcels",
            Ty::Array {
                of: &PARCEL,
                min: 1,
                unique: None,
            },
        ),
        // "Your reference number for this shipment": the Amazon order number for an
        // Amazon order (a rule).
        opt("customer_reference", Ty::Str),
        // "Package contents description".
        opt("contents", Ty::Str),
        // "Shipment value for insurance/customs": "25.00" in the reference and the guide.
        opt("estimated_value", Ty::Money),
        opt("currency_code", Ty::Currency),
        opt("customer_type", Ty::Str),
        // "Set to true for Amazon orders to enable protections".
        opt("is_amazon_order", Ty::Bool),
        // "Your store/seller name to display on shipping labels".
        opt("seller_display_name", Ty::Str),
        // "ISO 8601 datetime" (names as public clients send them).
        opt("preferred_shipment_date", Ty::Date),
        opt("due_date", Ty::Date),
        opt("liability_amount", Ty::Money),
        opt("contents_type", Ty::Str),
        opt("restriction_type", Ty::Str),
        opt("country_of_origin", Ty::Country2),
        // The SP-API OrderItemIds: required abroad, and what enables Buy Shipping
        // protections (rules).
        opt(
            "channel_items",
            Ty::Array {
                of: &CHANNEL_ITEM,
                min: 0,
                unique: None,
            },
        ),
        opt("shipping_configuration_ids", Ty::Any),
        opt("include_unavailable_quotes", Ty::Bool),
    ],
    one_of: &[],
    index: Index::new(),
};

/// `to_address`, `from_address`, `return_address`: one shape, every field optional in
/// the reference.
pub static ADDRESS: Shape = Shape {
    entity: rs("veeqo.rates_request.address"),
    fields: &[
        // "Veeqo Address Service ID", e.g. "letterbox-abc-123".
        opt("address_id", Ty::Str),
        opt("name", Ty::Str),
        opt("company", Ty::Str),
        // "Phone number (auto-formatted to E.164)": a rule warns where it cannot be.
        opt("phone", Ty::Str),
        opt("email", Ty::Email),
        opt("line1", Ty::Str),
        opt("line2", Ty::Str),
        opt("town", Ty::Str),
        opt("postcode", Ty::Str),
        // "ISO 3166-1 alpha-2 country code".
        opt("country_code", Ty::Country2),
        // "State/region/county".
        opt("county", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static PARCEL: Shape = Shape {
    entity: rs("veeqo.rates_request.parcel"),
    fields: &[
        // "Parcel weight (must be > 0)": a negative one is the walk's, zero the rule's.
        req("weight", SIZE),
        opt("weight_unit", Ty::Str),
        opt("height", SIZE),
        opt("width", SIZE),
        opt("length", SIZE),
        opt("dimension_unit", Ty::Str),
        // "Hazardous materials indicator" (the name public clients send).
        opt("hazmat", Ty::Bool),
    ],
    one_of: &[],
    index: Index::new(),
};

/// One item of the Amazon order: its customs declaration abroad, its protection at home.
pub static CHANNEL_ITEM: Shape = Shape {
    entity: rs("veeqo.rates_request.channel_item"),
    fields: &[
        // The SP-API OrderItemId (the guide's prerequisites).
        req("remote_id", Ty::Text),
        opt("quantity", Ty::Int { min: 1 }),
        // Customs fields; `country_of_manufacture` "defaults to normalized from_address
        // country" (reference), the others by the names public clients send.
        opt("value", Ty::Money),
        opt("currency_code", Ty::Currency),
        opt("asin", Ty::Str),
        opt("tariff_code", Ty::Str),
        opt("country_of_manufacture", Ty::Country2),
        opt("description", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

/// `POST /shipping/api/v1/shipments` (Book a shipment).
pub static BOOKING: Shape = Shape {
    entity: rs("veeqo.shipment_booking"),
    fields: &[
        // "determines the format of label_url in response", default PDF.
        opt("label_format", Ty::Enum(LABEL_FORMATS)),
        // "Optional request token from rates response for validation".
        opt("request_token", Ty::Str),
        // "Must be an array even when booking a single shipment", at least one.
        req(
            "shipments",
            Ty::Array {
                of: &BOOKING_SHIPMENT,
                min: 1,
                unique: None,
            },
        ),
    ],
    one_of: &[],
    index: Index::new(),
};

pub const LABEL_FORMATS: &[&str] = &["PDF", "PNG", "ZPL", "JPEG"];

pub static BOOKING_SHIPMENT: Shape = Shape {
    entity: rs("veeqo.shipment_booking.shipment"),
    fields: &[
        // "Remote shipment ID from rates response", e.g. "prb851f578f".
        req("remote_shipment_id", Ty::Text),
        // "Use the 'name' field from the quote object", e.g. "amazon_shipping_v2-<uuid>".
        req("rate_id", Ty::Text),
        opt("custom_messages", Ty::Any),
        opt("label_format", Ty::Enum(LABEL_FORMATS)),
        // The optional services, as the reference's "additional properties" name them.
        opt("liability_amount", Ty::Money),
        opt("value_added_service__*", Ty::Any),
        opt("additional_input__*", Ty::Any),
    ],
    one_of: &[],
    index: Index::new(),
};

/// Every Rate Shopping shape, for the code registry.
pub static ALL: &[&Shape] = &[
    &RATES_REQUEST,
    &ADDRESS,
    &PARCEL,
    &CHANNEL_ITEM,
    &BOOKING,
    &BOOKING_SHIPMENT,
];
