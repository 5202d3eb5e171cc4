//! What the FeedAMP Order Source API 0.2.0 accepts, as tables: the spec's order and
//! return schemas. FeedAMP casts nothing (a quoted number is a wrong type) and takes no
//! `null`. Where the spec leaves a name unsaid (an order line's `taxes`, `discounts`,
//! `order_line_additional_properties`; a return line's carrier and reason), README's
//! "FeedAMP choices" says what orderlint reads. Queries, error reports, token requests and
//! authorize URLs are not plain JSON objects (comma lists, form bodies, URLs) and stay
//! hand-written in their own files.

use super::carriers::CARRIERS;
use super::order::{DISCOUNT_TYPES, FULFILLMENT_TYPES, TAX_TYPES};
use super::return_request::RETURN_TYPES;
use super::state::STATES;
use super::MAX_ID_CHARS;
use crate::codes;
use crate::shape::{opt, req, Dialect, Entity, Index, Shape, Ty, Unique};

/// FeedAMP takes no `null` and casts nothing.
pub static FEEDAMP: Dialect = dialect(codes::SPEC);

/// FeedAMP's reading, for the part of its spec at `source`.
pub(crate) const fn dialect(source: &'static str) -> Dialect {
    Dialect {
        source,
        null_is_absent: false,
        casts: false,
        currencies: &super::SPEC_CURRENCIES,
    }
}

/// An object of FeedAMP's spec, read in `dialect`.
pub(crate) const fn entity(name: &'static str, dialect: &'static Dialect) -> Entity {
    Entity { name, dialect }
}

const fn feedamp(name: &'static str) -> Entity {
    entity(name, &FEEDAMP)
}

const ID: Ty = Ty::Len {
    min: 1,
    max: MAX_ID_CHARS,
};
/// An id the request's path carries too (`PUT /orders/{mp_order_number}`).
const PATH_ID: Ty = Ty::Segment { max: MAX_ID_CHARS };
const AMOUNT: Ty = Ty::Num {
    min: 0.0,
    quoted_ok: false,
};
const COUNT: Ty = Ty::Int { min: 1 };

/// `PUT /orders/{mp_order_number}`.
pub static ORDER: Shape = Shape {
    entity: feedamp("feedamp.order"),
    fields: &[
        req("mp_order_number", PATH_ID),
        req("sales_channel", Ty::Text),
        opt("location", Ty::Object(&LOCATION)),
        req("customer", Ty::Object(&CUSTOMER)),
        req("purchase_date", Ty::Utc),
        req("currency", Ty::Currency),
        opt("delivery_notes", Ty::Str),
        opt("earliest_ship_date", Ty::Utc),
        opt("latest_ship_date", Ty::Utc),
        opt("latest_delivery_date", Ty::Utc),
        opt("earliest_delivery_date", Ty::Utc),
        opt("gift_message", Ty::Str),
        opt("marketing_opt_in", Ty::Bool),
        req("shipping_address", Ty::Object(&SHIPPING_ADDRESS)),
        opt("billing_address", Ty::Object(&BILLING_ADDRESS)),
        // Empty is the order rule's error (it cites the spec).
        req(
            "order_lines",
            Ty::Array {
                of: &ORDER_LINE,
                min: 0,
                unique: Some(Unique {
                    field: "mp_line_number",
                    why: "each line needs its own",
                }),
            },
        ),
        opt("order_additional_properties", Ty::OpenObject),
        req("marketplace_state", Ty::Enum(STATES)),
        opt("is_marketplace_fulfilled", Ty::Bool),
        opt("fulfillment_type", Ty::Enum(FULFILLMENT_TYPES)),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static LOCATION: Shape = Shape {
    entity: feedamp("feedamp.order.location"),
    fields: &[
        opt("source_location_id", Ty::Str),
        opt("client_location_id", Ty::Str),
        opt("name", Ty::Str),
        opt("address", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static CUSTOMER: Shape = Shape {
    entity: feedamp("feedamp.order.customer"),
    fields: &[
        opt("full_name", Ty::Str),
        opt("email", Ty::Email),
        opt("phone", Ty::Str),
        opt("vat", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

macro_rules! address {
    ($name:ident, $entity:literal) => {
        /// The spec's street address: alpha-3 country codes.
        pub static $name: Shape = Shape {
            entity: feedamp($entity),
            fields: &[
                req("full_name", Ty::Text),
                opt("address_type", Ty::Str),
                req("address1", Ty::Text),
                opt("address2", Ty::Str),
                opt("address3", Ty::Str),
                req("city", Ty::Text),
                req("state", Ty::Text),
                req("postal_code", Ty::Text),
                req("country_code", Ty::Country3),
                opt("phone", Ty::Str),
            ],
            one_of: &[],
            index: Index::new(),
        };
    };
}
address!(SHIPPING_ADDRESS, "feedamp.order.shipping_address");
address!(BILLING_ADDRESS, "feedamp.order.billing_address");
address!(RETURN_ADDRESS, "feedamp.return.shipping_address");

pub static ORDER_LINE: Shape = Shape {
    entity: feedamp("feedamp.order.order_line"),
    fields: &[
        req("mp_line_number", ID),
        req("sku", Ty::Text),
        req("product_name", Ty::Text),
        req("quantity", COUNT),
        req("unit_price", AMOUNT),
        opt("shipping_method", Ty::Str),
        opt("shipping_price", AMOUNT),
        opt(
            "taxes",
            Ty::Array {
                of: &TAX,
                min: 0,
                unique: None,
            },
        ),
        opt(
            "discounts",
            Ty::Array {
                of: &DISCOUNT,
                min: 0,
                unique: None,
            },
        ),
        opt("is_tax_collected_by_marketplace", Ty::Bool),
        opt("order_line_additional_properties", Ty::OpenObject),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static TAX: Shape = Shape {
    entity: feedamp("feedamp.order.tax"),
    fields: &[req("type", Ty::Enum(TAX_TYPES)), req("amount", AMOUNT)],
    one_of: &[],
    index: Index::new(),
};

pub static DISCOUNT: Shape = Shape {
    entity: feedamp("feedamp.order.discount"),
    fields: &[
        req("name", Ty::Text),
        req("amount", AMOUNT),
        req("type", Ty::Enum(DISCOUNT_TYPES)),
    ],
    one_of: &[],
    index: Index::new(),
};

/// `PUT /orders/{mp_order_number}/returns/{mp_return_number}`.
pub static RETURN: Shape = Shape {
    entity: feedamp("feedamp.return"),
    fields: &[
        req("mp_order_number", PATH_ID),
        opt("request_date", Ty::IsoDate),
        opt("respond_date", Ty::IsoDate),
        opt("shipping_address", Ty::Object(&RETURN_ADDRESS)),
        opt("customer_email", Ty::Email),
        opt("return_type", Ty::Enum(RETURN_TYPES)),
        // The spec does not say non-empty; a return of nothing returns nothing.
        req(
            "return_lines",
            Ty::Array {
                of: &RETURN_LINE,
                min: 1,
                unique: Some(Unique {
                    field: "mp_return_line_number",
                    why: "each return line needs its own",
                }),
            },
        ),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static RETURN_LINE: Shape = Shape {
    entity: feedamp("feedamp.return.return_line"),
    fields: &[
        req("mp_return_line_number", ID),
        req("mp_order_line_number", ID),
        req("sku", Ty::Text),
        opt("product_name", Ty::Str),
        req("quantity", COUNT),
        req("currency", Ty::Currency),
        opt("unit_price", AMOUNT),
        opt("tax", AMOUNT),
        req("requested_refund_principal", AMOUNT),
        opt("requested_refund_tax", AMOUNT),
        opt("carrier", Ty::Enum(CARRIERS)),
        opt("tracking_number", Ty::Str),
        req("reason", Ty::Text),
        req("preauthorized", Ty::Bool),
    ],
    one_of: &[],
    index: Index::new(),
};

/// Every FeedAMP shape, for the code registry.
pub static ALL: &[&Shape] = &[
    &ORDER,
    &LOCATION,
    &CUSTOMER,
    &SHIPPING_ADDRESS,
    &BILLING_ADDRESS,
    &ORDER_LINE,
    &TAX,
    &DISCOUNT,
    &RETURN,
    &RETURN_LINE,
    &RETURN_ADDRESS,
];
