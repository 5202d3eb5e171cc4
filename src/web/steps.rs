//! The Veeqo Buyer Protection flow, one step per page, in the guide's order.

use super::editor::Step;
use crate::api::veeqo;
use crate::rules::Kind;
use crate::samples;
use crate::sandbox::Api;

pub const CHANNEL: Step = Step {
    id: "veeqo-channel",
    title: "1 · Amazon custom-integration channel",
    intro: "POST /channels, once per Amazon store. type_code must be \"custom_integration\", integration_type \"amazon\", short_name at most 2 characters. The returned id is carried to every later step.",
    kind: Kind::VeeqoChannel,
    api: Api::Veeqo,
    samples: &[("guide sample", samples::VEEQO_CHANNEL)],
    build: veeqo::create_channel,
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
    build: veeqo::create_product,
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
    ],
    build: veeqo::create_channel_sellable,
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
    build: veeqo::create_order,
    uses_context: true,
    uses_amazon_ids: true,
};
