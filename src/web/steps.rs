//! The Veeqo Buyer Protection flow, one step per page, in the guide's order.

use super::editor::Step;
use crate::api::Api;
use crate::api::{feedamp, veeqo};
use crate::rules::locate::string_at;
use crate::rules::Kind;
use crate::samples;

pub const CHANNEL: Step = Step {
    id: "veeqo-channel",
    title: "1 · Amazon custom-integration channel",
    intro: "POST /channels, once per Amazon store. type_code must be \"custom_integration\", integration_type \"amazon\", short_name at most 2 characters. The returned id is carried to every later step.",
    kind: Kind::VeeqoChannel,
    api: Api::Veeqo,
    samples: &[("guide sample", samples::VEEQO_CHANNEL)],
    build: |body, _| veeqo::create_channel(body),
    uses_context: false,
    uses_amazon_ids: false,
};

pub const PRODUCT: Step = Step {
    id: "veeqo-product",
    title: "2 · Product (the sellable)",
    intro: "POST /products. Each variant becomes a sellable; the first one's id is carried to the channel sellable and the order.",
    kind: Kind::VeeqoProduct,
    api: Api::Veeqo,
    samples: &[("example product", samples::VEEQO_PRODUCT)],
    build: |body, _| veeqo::create_product(body),
    uses_context: false,
    uses_amazon_ids: false,
};

pub const CHANNEL_SELLABLE: Step = Step {
    id: "veeqo-channel-sellable",
    title: "3 · Channel sellable (link to the Amazon listing)",
    intro: "POST /api/v2/channel_sellables with Accept: application/vnd.api+json (else 415). Either create a channel product or link an existing one; remote_id is the listing's ASIN.",
    kind: Kind::VeeqoChannelSellable,
    api: Api::Veeqo,
    samples: &[
        ("new channel product", samples::VEEQO_CHANNEL_SELLABLE_NEW),
        ("link existing channel product", samples::VEEQO_CHANNEL_SELLABLE_LINK),
        ("autolink by SKU (Create Store Listing)", samples::VEEQO_CHANNEL_SELLABLE_AUTOLINK),
    ],
    build: |body, _| veeqo::create_channel_sellable(body),
    uses_context: true,
    uses_amazon_ids: true,
};

pub const CHANNEL_SELLABLE_UPDATE: Step = Step {
    id: "veeqo-channel-sellable-update",
    title: "Update a store listing",
    intro: "PUT /api/v2/channel_sellables/{id} for the carried listing, with Accept: application/vnd.api+json. data.id is the path's id; channel_id is ignored on update (a listing does not move channels); remote_id stays the ASIN.",
    kind: Kind::VeeqoChannelSellableUpdate,
    api: Api::Veeqo,
    samples: &[("Update Store Listing", samples::VEEQO_CHANNEL_SELLABLE_UPDATE)],
    build: |body, vars| {
        veeqo::update_channel_sellable(vars.get("channel_sellable_id").map_or("", String::as_str), body)
    },
    uses_context: true,
    uses_amazon_ids: true,
};

pub const ORDER: Step = Step {
    id: "veeqo-order",
    title: "4 · Buyer Protection order",
    intro: "POST /orders on the Amazon channel. number is exactly the Amazon order id; every line item has a linked sellable_id and the Amazon order item id in remote_id.",
    kind: Kind::VeeqoOrder,
    api: Api::Veeqo,
    samples: &[("guide sample", samples::VEEQO_ORDER)],
    build: |body, _| veeqo::create_order(body),
    uses_context: true,
    uses_amazon_ids: true,
};

pub const RATES: Step = Step {
    id: "veeqo-rates",
    title: "5 · Ship with Buy Shipping protection: rates",
    intro: "POST /shipping/api/v1/rates (the Rate Shopping API). For an Amazon order, is_amazon_order is true, customer_reference is the order's Amazon number and channel_items carries its line item ids: without them the label loses Buy Shipping protection. One parcel, weight above 0.",
    kind: Kind::VeeqoRatesRequest,
    api: Api::Veeqo,
    samples: &[
        ("guide sample, US to US", samples::VEEQO_RATES_REQUEST),
        ("US to Canada (channel_items required)", samples::VEEQO_RATES_REQUEST_INTERNATIONAL),
    ],
    build: |body, _| veeqo::get_rates(body),
    uses_context: true,
    uses_amazon_ids: true,
};

pub const BOOKING: Step = Step {
    id: "veeqo-booking",
    title: "6 · Ship with Buy Shipping protection: book",
    intro: "POST /shipping/api/v1/shipments books a quote of the rates answer: its remote_shipment_id and a quote's name as rate_id (the cheapest protected quote is carried). The answer's shipment lists the label and documents (GET /shipping/api/v1/shipments/{id}).",
    kind: Kind::VeeqoShipmentBooking,
    api: Api::Veeqo,
    samples: &[("book the carried quote", samples::VEEQO_SHIPMENT_BOOKING)],
    build: |body, _| veeqo::book_shipment(body),
    uses_context: false,
    uses_amazon_ids: false,
};

pub const FEEDAMP_ORDER: Step = Step {
    id: "feedamp-order",
    title: "Place or update an order",
    intro: "PUT /orders/{mp_order_number}: the path's number is the body's. A new order is PENDING or AWAITING_SHIPMENT; dates are UTC; currencies and countries come from the spec's enums. Load the order to check an update against what FeedAMP has.",
    kind: Kind::FeedampOrder,
    api: Api::Feedamp,
    samples: &[("spec sample, two lines", samples::FEEDAMP_ORDER)],
    build: |body, _| feedamp::put_order_for(body),
    uses_context: true,
    uses_amazon_ids: false,
};

pub const FEEDAMP_ERRORS: Step = Step {
    id: "feedamp-errors",
    title: "Report errors",
    intro: "POST /orders/{mp_order_number}/errors for the carried order: one entry per problem with the seller's fulfillment, a code from the spec's ten, a message, the line where it applies.",
    kind: Kind::FeedampOrderErrors,
    api: Api::Feedamp,
    samples: &[("example report", samples::FEEDAMP_ORDER_ERRORS)],
    build: |body, vars| feedamp::report_errors(vars.get("mp_order_number").map_or("", String::as_str), body),
    uses_context: true,
    uses_amazon_ids: false,
};

pub const FEEDAMP_RETURN: Step = Step {
    id: "feedamp-return",
    title: "Create a return",
    intro: "PUT /orders/{mp_order_number}/returns/{mp_return_number} (the number above). Load the order to check each line exists, that returned units stay within what was ordered less what was already returned, and refunds within what was paid.",
    kind: Kind::FeedampReturn,
    api: Api::Feedamp,
    samples: &[("one returned unit", samples::FEEDAMP_RETURN)],
    build: |body, vars| {
        let n = string_at(body, "/mp_order_number").unwrap_or_default();
        feedamp::put_return(&n, vars.get("mp_return_number").map_or("", String::as_str), body)
    },
    uses_context: true,
    uses_amazon_ids: false,
};

pub const FEEDAMP_RETURN_ERRORS: Step = Step {
    id: "feedamp-return-errors",
    title: "Report return errors",
    intro: "POST /orders/{mp_order_number}/returns/{mp_return_number}/errors for the carried order and return: codes from the return errors enum, a message each.",
    kind: Kind::FeedampReturnErrors,
    api: Api::Feedamp,
    samples: &[("example report", samples::FEEDAMP_RETURN_ERRORS)],
    build: |body, vars| {
        let get = |k: &str| vars.get(k).map_or("", String::as_str);
        feedamp::report_return_errors(get("mp_order_number"), get("mp_return_number"), body)
    },
    uses_context: false,
    uses_amazon_ids: false,
};
