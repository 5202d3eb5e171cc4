//! What Veeqo's endpoints accept, as tables. Sources, in order of authority:
//! - Veeqo's API reference, the public `VeeqoAPI/api-docs` repository
//!   (`resources/stores.md`, `products.md`, `orders.md`, `customers.md`, and the request
//!   samples under `resources/requests/`): which fields exist, their types, which are
//!   required. A sample there is never refused here.
//! - The Buyer Protection guide (`GUIDE`): the fields it adds (`currency_code`,
//!   `remote_id`, the custom-integration attributes) and what BSP needs; those rules are
//!   hand-written in each kind's file, not here.
//!
//! - Veeqo's developer portal (developers.veeqo.com), for the store listings endpoint the
//!   repository lacks: "Create a Channel Sellable", "Create Store Listing", "Update Store
//!   Listing" (each field names its page; the README's choices say which page decides where
//!   they disagree).
//!
//! Long: every Veeqo endpoint's table, each field with its source: data, read top to bottom.
//!
//! Veeqo is a Rails API: it casts `"1"` to 1 and `"false"` to false, and reads `null` as
//! "not given". So a quoted number is a warning, and only a value it cannot cast is an
//! error. Where the docs type a number as a string (a product variant's `tax_rate`), a
//! quoted number is no warning at all.

use crate::codes;
use crate::shape::{advised, opt, req, Dialect, Entity, Field, Index, Need, Shape, Ty, Unique};

/// Veeqo reads `null` as "not given" and casts as Rails does.
pub static VEEQO: Dialect = Dialect {
    source: codes::VEEQO,
    null_is_absent: true,
    casts: true,
    currencies: &crate::checks::ISO_4217,
};

const fn veeqo(name: &'static str) -> Entity {
    Entity {
        name,
        dialect: &VEEQO,
    }
}

const NUM: Ty = Ty::Num {
    min: 0.0,
    quoted_ok: false,
};
const COUNT: Ty = Ty::Int { min: 0 };

/// `POST /channels` (stores.md "Create a Store"; the guide, step 1).
pub static CHANNEL: Shape = Shape {
    entity: veeqo("veeqo.channel"),
    fields: &[
        req("name", Ty::Text),
        // stores.md lists `direct` and `retail`; the guide adds `custom_integration`.
        // Which one BSP needs is the channel rule's business.
        req("type_code", Ty::Str),
        advised(
            "currency_code",
            Ty::Currency,
            "Veeqo then uses the company's default currency: set the Amazon marketplace's (the guide sends \"USD\").",
        ),
        // Optional in stores.md; the guide caps it at 2 characters (a channel rule).
        opt("short_name", Ty::Str),
        opt("default_warehouse_id", Ty::Id),
        opt("email", Ty::Email),
        opt("veeqo_dictates_stock_level", Ty::Bool),
        opt(
            "custom_integration_channel_specific_attributes",
            Ty::Object(&CUSTOM_INTEGRATION),
        ),
    ],
    one_of: &[],
    index: Index::new(),
};

/// The guide's `custom_integration_channel_specific_attributes`.
pub static CUSTOM_INTEGRATION: Shape = Shape {
    entity: veeqo("veeqo.channel.custom_integration_channel_specific_attributes"),
    fields: &[opt("integration_type", Ty::Str)],
    one_of: &[],
    index: Index::new(),
};

/// `POST /products` (products.md "Create a New Product" and its request sample).
pub static PRODUCT: Shape = Shape {
    entity: veeqo("veeqo.product"),
    fields: &[
        req("title", Ty::Text),
        opt("description", Ty::Str),
        opt("estimated_delivery", Ty::Str),
        opt("notes", Ty::Str),
        opt("product_brand_id", Ty::IdOrBlank),
        // In the product response; accepted on create.
        opt("brand", Ty::Any),
        opt("origin_country", Ty::Str),
        opt("hs_tariff_number", Ty::Str),
        advised(
            "product_variants_attributes",
            Ty::Array {
                of: &VARIANT,
                min: 0,
                unique: Some(Unique {
                    field: "sku_code",
                    why: "each variant needs its own SKU",
                }),
            },
            "a product without a variant has no sellable for a channel sellable to link (guide, step 2).",
        ),
        opt(
            "images_attributes",
            Ty::Array {
                of: &IMAGE,
                min: 0,
                unique: None,
            },
        ),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static VARIANT: Shape = Shape {
    entity: veeqo("veeqo.product.variant"),
    fields: &[
        req("title", Ty::Text),
        req("sku_code", Ty::Text),
        req("price", Ty::Money),
        opt("cost_price", Ty::Money),
        opt("weight_grams", NUM),
        opt("weight_unit", Ty::Str),
        opt("upc_code", Ty::Str),
        opt("model_number", Ty::Str),
        opt("min_reorder_level", COUNT),
        opt("quantity_to_reorder", COUNT),
        // products.md types it as a string: "0.2".
        opt(
            "tax_rate",
            Ty::Num {
                min: 0.0,
                quoted_ok: true,
            },
        ),
        // On updates (products.md "Update Product Detail").
        opt("id", Ty::Id),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static IMAGE: Shape = Shape {
    entity: veeqo("veeqo.product.image"),
    fields: &[opt("src", Ty::Text), opt("display_position", COUNT)],
    one_of: &[],
    index: Index::new(),
};

/// `POST /orders` (orders.md "Create a New Order", its four request samples, and the
/// guide's step 3).
pub static ORDER: Shape = Shape {
    entity: veeqo("veeqo.order"),
    fields: &[
        req("channel_id", Ty::Id),
        opt("customer_id", Ty::Id),
        opt("customer_attributes", Ty::Object(&CUSTOMER)),
        opt("deliver_to_id", Ty::Id),
        opt("deliver_to_attributes", Ty::Object(&DELIVER_TO)),
        // orders.md marks it required, but the guide's order, which Veeqo gives as the
        // one to send for this workflow, leaves it out: the guide decides.
        opt("delivery_method_id", Ty::Id),
        opt("due_date", Ty::Date),
        // Optional in orders.md; Buyer Protection needs it (the order rule).
        opt("number", Ty::Any),
        opt("send_notification_email", Ty::Bool),
        opt("currency_code", Ty::Currency),
        opt("delivery_cost", Ty::Money),
        opt("total_tax", Ty::Money),
        opt("total_discounts", Ty::Money),
        opt("additional_order_level_taxless_discount", Ty::Money),
        req(
            "line_items_attributes",
            Ty::Array {
                of: &LINE_ITEM,
                min: 1,
                unique: Some(Unique {
                    field: "remote_id",
                    why: "each Amazon order item has its own id: merge the lines or fix the id",
                }),
            },
        ),
        opt("payment_attributes", Ty::Object(&PAYMENT)),
        opt("customer_note_attributes", Ty::Object(&CUSTOMER_NOTE)),
        // orders.md's create section spells it `employee_note_attributes`; its update
        // section and every request sample say `employee_notes_attributes`.
        opt(
            "employee_notes_attributes",
            Ty::Array {
                of: &EMPLOYEE_NOTE,
                min: 0,
                unique: None,
            },
        ),
        // In the order response.
        opt("notes", Ty::Str),
        opt("tags", Ty::Any),
    ],
    one_of: &[
        &["customer_id", "customer_attributes"],
        &["deliver_to_id", "deliver_to_attributes"],
    ],
    index: Index::new(),
};

pub static LINE_ITEM: Shape = Shape {
    entity: veeqo("veeqo.order.line_item"),
    fields: &[
        req("sellable_id", Ty::Id),
        req("price_per_unit", Ty::Money),
        req("quantity", Ty::Int { min: 1 }),
        opt("tax_rate", NUM),
        opt("taxless_discount_per_unit", Ty::Money),
        opt("additional_options", Ty::Str),
        // The guide: the Amazon order item id (a BSP rule checks it).
        opt("remote_id", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

/// customers.md "Create a Customer", nested in an order.
pub static CUSTOMER: Shape = Shape {
    entity: veeqo("veeqo.order.customer"),
    fields: &[
        req("email", Ty::Email),
        opt("phone", Ty::Str),
        opt("mobile", Ty::Str),
        opt("notes", Ty::Str),
        opt("first_name", Ty::Str),
        opt("last_name", Ty::Str),
        opt("billing_address_attributes", Ty::Object(&BILLING_ADDRESS)),
    ],
    one_of: &[],
    index: Index::new(),
};

macro_rules! address {
    ($name:ident, $entity:literal) => {
        /// orders.md `deliver_to_attributes` and the request samples; every field is
        /// optional there (what a label needs is the order rule's warning).
        pub static $name: Shape = Shape {
            entity: veeqo($entity),
            fields: &[
                opt("first_name", Ty::Str),
                opt("last_name", Ty::Str),
                opt("company", Ty::Str),
                opt("address1", Ty::Str),
                opt("address2", Ty::Str),
                opt("address3", Ty::Str),
                opt("city", Ty::Str),
                opt("state", Ty::Str),
                opt("zip", Ty::Str),
                opt("country", Ty::Country2),
                opt("phone", Ty::Str),
                opt("email", Ty::Email),
                // `"id": ""` in the samples: a new address.
                opt("id", Ty::IdOrBlank),
                opt("customer_id", Ty::Id),
            ],
            one_of: &[],
            index: Index::new(),
        };
    };
}
address!(DELIVER_TO, "veeqo.order.deliver_to");
address!(BILLING_ADDRESS, "veeqo.order.billing_address");

/// orders.md `payment_attributes`: `payment_type` is "required if payment_attributes
/// are included". Its list of types lacks the guide's "amazon", so it is not enforced.
pub static PAYMENT: Shape = Shape {
    entity: veeqo("veeqo.order.payment"),
    fields: &[
        req("payment_type", Ty::Text),
        opt("reference_number", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static CUSTOMER_NOTE: Shape = Shape {
    entity: veeqo("veeqo.order.customer_note"),
    fields: &[opt("text", Ty::Str)],
    one_of: &[],
    index: Index::new(),
};

pub static EMPLOYEE_NOTE: Shape = Shape {
    entity: veeqo("veeqo.order.employee_note"),
    fields: &[opt("text", Ty::Str)],
    one_of: &[],
    index: Index::new(),
};

/// `POST /api/v2/channel_sellables`, a JSON:API document: the guide's step 2, Veeqo's
/// "Create a Channel Sellable" (plural type, string ids) and its newer "Create Store
/// Listing" (singular type, number ids, autolink, prices, barcode, grams, measurements).
/// Each field below names the page it comes from.
pub static CHANNEL_SELLABLE: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable"),
    fields: &[req("data", Ty::Object(&CHANNEL_SELLABLE_DATA))],
    one_of: &[],
    index: Index::new(),
};

pub static CHANNEL_SELLABLE_DATA: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.data"),
    fields: &[
        // "channel_sellables" (guide, Create a Channel Sellable) or "channel_sellable"
        // (Create Store Listing): the rule says which page a payload follows.
        req("type", Ty::Str),
        req("attributes", Ty::Object(&CHANNEL_SELLABLE_ATTRIBUTES)),
        opt("relationships", Ty::Object(&CHANNEL_SELLABLE_RELATIONSHIPS)),
    ],
    one_of: &[],
    index: Index::new(),
};

/// A store listing's attributes on create. The update takes the same fields, each optional
/// (Update Store Listing), so both shapes are made from this one list.
const CHANNEL_SELLABLE_FIELDS: [Field; 12] = [
    // Required on Create a Channel Sellable; optional on Create Store Listing, where
    // `autolink` finds the sellable by SKU instead (the rule requires one of them).
    opt("sellable_id", Ty::Id),
    // Required on both pages (strings on one, numbers on the other).
    req("channel_id", Ty::Id),
    // Required on both: the listing's ASIN (guide; "e.g. Amazon ASIN" on Create a
    // Channel Sellable; "ID for this listing on the remote store" on Create Store Listing).
    req("remote_id", Ty::Text),
    // Required on Create Store Listing (optional on Create a Channel Sellable; every
    // sample sends it): autolink links by it.
    req("remote_sku", Ty::Text),
    // Both pages, and the guide.
    opt("remote_title", Ty::Str),
    // Create Store Listing (a number; answers give "0.0").
    opt("remote_price", Ty::Money),
    // Create Store Listing's example.
    opt("cost_price", Ty::Money),
    // Create Store Listing's example.
    opt("remote_grams", NUM),
    // Create Store Listing: the UPC, as text.
    opt("remote_barcode", Ty::Str),
    // Create Store Listing: link by SKU, or create the product.
    opt("autolink", Ty::Bool),
    opt(
        "channel_product_attributes",
        Ty::Object(&NEW_CHANNEL_PRODUCT),
    ),
    // Create Store Listing.
    opt("measurement_attributes", Ty::Object(&MEASUREMENTS)),
];

pub static CHANNEL_SELLABLE_ATTRIBUTES: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable"),
    fields: &CHANNEL_SELLABLE_FIELDS,
    one_of: &[],
    index: Index::new(),
};

/// A new channel product: `remote_title` (both pages), `remote_description` (Create
/// Store Listing).
pub static NEW_CHANNEL_PRODUCT: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.channel_product_attributes"),
    fields: &[
        req("remote_title", Ty::Text),
        opt("remote_description", Ty::Str),
        opt("remote_id", Ty::Str),
    ],
    one_of: &[],
    index: Index::new(),
};

/// Create Store Listing's `measurement_attributes`.
pub static MEASUREMENTS: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.measurement_attributes"),
    fields: &[
        opt("width", NUM),
        opt("height", NUM),
        opt("depth", NUM),
        opt("dimensions_unit", Ty::Enum(&["cm", "in", "mm"])),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static CHANNEL_SELLABLE_RELATIONSHIPS: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.relationships"),
    fields: &[req("channel_product", Ty::Object(&CHANNEL_PRODUCT_LINK))],
    one_of: &[],
    index: Index::new(),
};

pub static CHANNEL_PRODUCT_LINK: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.channel_product"),
    fields: &[req("data", Ty::Object(&CHANNEL_PRODUCT_REF))],
    one_of: &[],
    index: Index::new(),
};

pub static CHANNEL_PRODUCT_REF: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.channel_product"),
    fields: &[req("type", Ty::Str), req("id", Ty::Id)],
    one_of: &[],
    index: Index::new(),
};

/// `PUT /api/v2/channel_sellables/{id}` (Update Store Listing): the same attributes as
/// Create Store Listing, every one optional; `data.id` is the listing's (its example sends
/// it, as a string); `channel_id` is read and ignored (a rule says so). Its objects are
/// the resource's, `veeqo.channel_sellable…`, as the create's: one resource, one set of codes.
pub static CHANNEL_SELLABLE_UPDATE: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable"),
    fields: &[req("data", Ty::Object(&CHANNEL_SELLABLE_UPDATE_DATA))],
    one_of: &[],
    index: Index::new(),
};

pub static CHANNEL_SELLABLE_UPDATE_DATA: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable.data"),
    fields: &[
        opt("id", Ty::Id),
        req("type", Ty::Str),
        req(
            "attributes",
            Ty::Object(&CHANNEL_SELLABLE_UPDATE_ATTRIBUTES),
        ),
        opt("relationships", Ty::Object(&CHANNEL_SELLABLE_RELATIONSHIPS)),
    ],
    one_of: &[],
    index: Index::new(),
};

pub static CHANNEL_SELLABLE_UPDATE_ATTRIBUTES: Shape = Shape {
    entity: veeqo("veeqo.channel_sellable"),
    fields: &optional(CHANNEL_SELLABLE_FIELDS),
    one_of: &[],
    index: Index::new(),
};

/// `fields`, each optional.
const fn optional<const N: usize>(mut fields: [Field; N]) -> [Field; N] {
    let mut i = 0;
    while i < N {
        fields[i].need = Need::Optional;
        i += 1;
    }
    fields
}

/// Every Veeqo shape, for the code registry and its tests.
pub static ALL: &[&Shape] = &[
    &CHANNEL,
    &CUSTOM_INTEGRATION,
    &PRODUCT,
    &VARIANT,
    &IMAGE,
    &ORDER,
    &LINE_ITEM,
    &CUSTOMER,
    &DELIVER_TO,
    &BILLING_ADDRESS,
    &PAYMENT,
    &CUSTOMER_NOTE,
    &EMPLOYEE_NOTE,
    &CHANNEL_SELLABLE,
    &CHANNEL_SELLABLE_DATA,
    &CHANNEL_SELLABLE_ATTRIBUTES,
    &NEW_CHANNEL_PRODUCT,
    &CHANNEL_SELLABLE_RELATIONSHIPS,
    &CHANNEL_PRODUCT_LINK,
    &CHANNEL_PRODUCT_REF,
    &MEASUREMENTS,
    &CHANNEL_SELLABLE_UPDATE,
    &CHANNEL_SELLABLE_UPDATE_DATA,
    &CHANNEL_SELLABLE_UPDATE_ATTRIBUTES,
];
