//! Every kind, one row each: the one place a kind is declared (the enum is made from the
//! rows, in their order). Adding a kind is adding a row here, beside its shape, its rules
//! file, its sample and its cases (ARCHITECTURE.md, "Adding a kind").

use super::{Api, Body, JsonApi, KindSpec};
use crate::feedamp::{self, shapes as fs};
use crate::veeqo::rate_shopping::shapes as rs;
use crate::veeqo::{self, shapes as vs};

/// Declares `Kind` (one variant per row) and `SPECS`, indexed by the variant.
macro_rules! kinds {
    ($($variant:ident => $spec:expr,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Kind {
            $($variant,)*
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];
        }

        pub(super) static SPECS: &[KindSpec] = &[$($spec,)*];
    };
}

/// What a row leaves out: no sample, not JSON:API, no marks. The rest every row gives.
const NONE: KindSpec = KindSpec {
    name: "",
    api: Api::Veeqo,
    body: Body::Errors {
        codes: &[],
        per_line: false,
    },
    check: |_, _, _| {},
    endpoints: &[],
    samples: &[],
    json_api: None,
    marks: &[],
    reads_channels: false,
};

/// A store listing's `data.type`: the guide's and "Create a Channel Sellable"'s plural,
/// "Create Store Listing"'s singular (README, the choices made).
const LISTING_TYPES: &[&str] = &["channel_sellables", "channel_sellable"];

kinds! {
    VeeqoChannel => KindSpec {
        name: "veeqo.channel",
        api: Api::Veeqo,
        body: Body::Wrapped { key: "channel", shape: &vs::CHANNEL },
        check: |v, _, r| veeqo::channel::check(v, r),
        endpoints: &[("POST", "/channels")],
        samples: &["veeqo/channel.json"],
        ..NONE
    },
    VeeqoProduct => KindSpec {
        name: "veeqo.product",
        api: Api::Veeqo,
        body: Body::Wrapped { key: "product", shape: &vs::PRODUCT },
        check: |v, _, r| veeqo::product::check(v, r),
        endpoints: &[("POST", "/products")],
        samples: &["veeqo/product.json"],
        ..NONE
    },
    VeeqoChannelSellable => KindSpec {
        name: "veeqo.channel_sellable",
        api: Api::Veeqo,
        body: Body::Bare(&vs::CHANNEL_SELLABLE),
        check: veeqo::channel_sellable::check,
        endpoints: &[("POST", "/api/v2/channel_sellables")],
        samples: &[
            "veeqo/channel_sellable_new.json",
            "veeqo/channel_sellable_link.json",
            "veeqo/channel_sellable_autolink.json",
        ],
        json_api: Some(JsonApi { types: LISTING_TYPES, with_id: false }),
        reads_channels: true,
        ..NONE
    },
    VeeqoChannelSellableUpdate => KindSpec {
        name: "veeqo.channel_sellable_update",
        api: Api::Veeqo,
        body: Body::Bare(&vs::CHANNEL_SELLABLE_UPDATE),
        check: veeqo::channel_sellable_update::check,
        endpoints: &[("PUT", "/api/v2/channel_sellables/{id}")],
        samples: &["veeqo/channel_sellable_update.json"],
        json_api: Some(JsonApi { types: LISTING_TYPES, with_id: true }),
        reads_channels: true,
        ..NONE
    },
    VeeqoOrder => KindSpec {
        name: "veeqo.order",
        api: Api::Veeqo,
        body: Body::Wrapped { key: "order", shape: &vs::ORDER },
        check: veeqo::order::check,
        endpoints: &[("POST", "/orders")],
        samples: &["veeqo/order.json"],
        reads_channels: true,
        ..NONE
    },
    VeeqoRatesRequest => KindSpec {
        name: "veeqo.rates_request",
        api: Api::Veeqo,
        body: Body::Bare(&rs::RATES_REQUEST),
        check: veeqo::rate_shopping::rates::check,
        endpoints: &[("POST", "/shipping/api/v1/rates")],
        samples: &["veeqo/rates_request.json", "veeqo/rates_request_international.json"],
        marks: &["parcels", "to_address", "from_address"],
        ..NONE
    },
    VeeqoShipmentBooking => KindSpec {
        name: "veeqo.shipment_booking",
        api: Api::Veeqo,
        body: Body::Bare(&rs::BOOKING),
        check: veeqo::rate_shopping::booking::check,
        endpoints: &[("POST", "/shipping/api/v1/shipments")],
        samples: &["veeqo/shipment_booking.json"],
        marks: &["shipments"],
        ..NONE
    },
    FeedampTokenRequest => KindSpec {
        name: "feedamp.token_request",
        api: Api::Feedamp,
        body: Body::Form {
            fields: feedamp::token_request::FIELDS,
        },
        check: |v, _, r| feedamp::token_request::check(v, r),
        endpoints: &[("POST", "/access_token")],
        samples: &["feedamp/token_request.json"],
        marks: &["grant_type"],
        ..NONE
    },
    FeedampAuthorizeUrl => KindSpec {
        name: "feedamp.authorize_url",
        api: Api::Feedamp,
        body: Body::Url {
            params: feedamp::authorize_url::PARAMS,
        },
        check: |v, _, r| feedamp::authorize_url::check(v, r),
        endpoints: &[("GET", "/authorize")],
        samples: &["feedamp/authorize_url.json"],
        ..NONE
    },
    FeedampOrder => KindSpec {
        name: "feedamp.order",
        api: Api::Feedamp,
        body: Body::Bare(&fs::ORDER),
        check: feedamp::order::check,
        endpoints: &[("PUT", "/orders/{mp_order_number}")],
        samples: &["feedamp/order.json"],
        marks: &["order_lines", "mp_order_number"],
        ..NONE
    },
    FeedampOrdersQuery => KindSpec {
        name: "feedamp.orders_query",
        api: Api::Feedamp,
        body: Body::Query(feedamp::orders_query::PARAMS),
        check: |v, _, r| feedamp::orders_query::check(v, r),
        endpoints: &[("GET", "/orders")],
        samples: &["feedamp/orders_query.json"],
        ..NONE
    },
    FeedampOrderErrors => KindSpec {
        name: "feedamp.order_errors",
        api: Api::Feedamp,
        body: Body::Errors { codes: feedamp::order_errors::CODES, per_line: true },
        check: feedamp::order_errors::check,
        endpoints: &[("POST", "/orders/{mp_order_number}/errors")],
        samples: &["feedamp/order_errors.json"],
        ..NONE
    },
    FeedampRefundsQuery => KindSpec {
        name: "feedamp.refunds_query",
        api: Api::Feedamp,
        body: Body::Query(feedamp::refunds_query::PARAMS),
        check: |v, _, r| feedamp::refunds_query::check(v, r),
        endpoints: &[("GET", "/refunds")],
        ..NONE
    },
    FeedampRefundErrors => KindSpec {
        name: "feedamp.refund_errors",
        api: Api::Feedamp,
        body: Body::Errors { codes: feedamp::refund_errors::CODES, per_line: false },
        check: |v, _, r| feedamp::refund_errors::check(v, r),
        endpoints: &[("POST", "/orders/{mp_order_number}/refunds/{feedamp_refund_id}/errors")],
        ..NONE
    },
    FeedampReturn => KindSpec {
        name: "feedamp.return",
        api: Api::Feedamp,
        body: Body::Bare(&fs::RETURN),
        check: feedamp::return_request::check,
        endpoints: &[("PUT", "/orders/{mp_order_number}/returns/{mp_return_number}")],
        samples: &["feedamp/return.json"],
        marks: &["return_lines"],
        ..NONE
    },
    FeedampReturnsQuery => KindSpec {
        name: "feedamp.returns_query",
        api: Api::Feedamp,
        body: Body::Query(feedamp::returns_query::PARAMS),
        check: |v, _, r| feedamp::returns_query::check(v, r),
        endpoints: &[("GET", "/returns")],
        ..NONE
    },
    FeedampReturnErrors => KindSpec {
        name: "feedamp.return_errors",
        api: Api::Feedamp,
        body: Body::Errors { codes: feedamp::return_errors::CODES, per_line: false },
        check: |v, _, r| feedamp::return_errors::check(v, r),
        endpoints: &[("POST", "/orders/{mp_order_number}/returns/{mp_return_number}/errors")],
        samples: &["feedamp/return_errors.json"],
        ..NONE
    },
}
