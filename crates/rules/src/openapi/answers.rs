//! What each endpoint answers, as the APIs document it: one row per endpoint and status,
//! each body a small type tree. The OpenAPI document's responses are written from these
//! rows (`schema.rs`) and an API's live answers are read against them (`drift.rs`), so
//! the two can never disagree.
//!
//! A row says only what a client may rely on: the fields it reads (ids, the list, the
//! tokens) are required, the rest are typed where given. Objects stay open — both vendors
//! add fields (Feedonomics commits to additive changes only) — and an optional field may be
//! null. FeedAMP's orders and returns are answered as they were placed, so their rows
//! reuse the request tables (`Ans::Shape`), read loosely: types and required fields, not
//! enums or lengths, which the API may widen.

use crate::shape::Shape;
use crate::{feedamp::shapes as fs, Api};

/// The type of an answer's value.
#[derive(Clone, Copy)]
pub enum Ans {
    Str,
    Int,
    Num,
    Bool,
    /// Anything, including null.
    Any,
    /// A decimal Veeqo sends as text ("25.00") or as a number.
    Decimal,
    /// A record id: an integer, or its digits as text.
    Id,
    /// An object with these fields; others allowed.
    Obj(&'static [F]),
    Arr(&'static Ans),
    /// One of these (a field two pages of one API document differently).
    Either(&'static [Ans]),
    /// A request table's object, answered as sent (read loosely).
    Shape(&'static Shape),
    /// An array of those.
    Shapes(&'static Shape),
    /// Not JSON: a file (a label) or a page, of the row's media type.
    Bytes,
}

/// A field of an answer's object: name, type, whether every answer has it.
#[derive(Clone, Copy)]
pub struct F(pub &'static str, pub Ans, pub bool);

/// One documented answer.
pub struct Answer {
    pub api: Api,
    pub method: &'static str,
    /// The endpoint's path, `{…}` segments named as in `request::endpoints`.
    pub path: &'static str,
    pub status: u16,
    pub media: &'static str,
    pub body: Ans,
    /// Response headers a client reads (`Location`, the list totals).
    pub headers: &'static [&'static str],
    pub description: &'static str,
    /// The record this answer made, for OpenAPI links to the operations on it: its item
    /// path, and where its id is (a runtime expression: `$response.body#/id`).
    pub made: Option<(&'static str, &'static str)>,
}

/// An error answer of every endpoint of an API (or of its JSON:API ones).
pub struct ErrorAnswer {
    pub api: Api,
    pub statuses: &'static [u16],
    /// Only for JSON:API endpoints (`Some(true)`), only for the others (`Some(false)`), or all.
    pub json_api: Option<bool>,
    pub media: &'static str,
    pub body: Ans,
    pub headers: &'static [&'static str],
    pub description: &'static str,
}

pub const JSON: &str = "application/json";
pub const JSON_API: &str = "application/vnd.api+json";

const VEEQO_REF: &str = "Veeqo API reference (developers.veeqo.com) and its request/response samples (VeeqoAPI/api-docs)";
const RATES_REF: &str = "Veeqo Rate Shopping API reference";
const SPEC: &str = "FeedAMP Order Source API 0.2.0";
/// A created record's id, where Veeqo's answers carry it.
const BODY_ID: &str = "$response.body#/id";

// Veeqo's resources.
const CHANNEL: Ans = Ans::Obj(&[
    F("id", Ans::Id, true),
    F("name", Ans::Str, true),
    F("type_code", Ans::Str, true),
    F("currency_code", Ans::Str, false),
    F("state", Ans::Str, false),
]);
const SELLABLE: Ans = Ans::Obj(&[
    F("id", Ans::Id, true),
    F("sku_code", Ans::Str, false),
    F("product_id", Ans::Id, false),
    F("price", Ans::Decimal, false),
]);
const PRODUCT: Ans = Ans::Obj(&[
    F("id", Ans::Id, true),
    F("title", Ans::Str, true),
    F("sellables", Ans::Arr(&SELLABLE), true),
    F("channel_products", Ans::Arr(&Ans::Obj(&[])), false),
]);
const LISTING: Ans = Ans::Obj(&[F(
    "data",
    Ans::Obj(&[
        F("id", Ans::Id, true),
        F("type", Ans::Str, true),
        F("attributes", Ans::Obj(&[]), true),
        F("relationships", Ans::Obj(&[]), false),
    ]),
    true,
)]);
const ORDER: Ans = Ans::Obj(&[
    F("id", Ans::Id, true),
    F("number", Ans::Str, false),
    F("status", Ans::Str, false),
    F("channel", Ans::Obj(&[F("id", Ans::Id, true)]), false),
    F(
        "line_items",
        Ans::Arr(&Ans::Obj(&[
            F("id", Ans::Id, false),
            F("quantity", Ans::Int, false),
            F("price_per_unit", Ans::Decimal, false),
            F("sellable", Ans::Obj(&[F("id", Ans::Id, true)]), false),
        ])),
        false,
    ),
    F("deliver_to", Ans::Obj(&[]), false),
    F("customer", Ans::Obj(&[]), false),
]);
const QUOTE: Ans = Ans::Obj(&[
    F("carrier", Ans::Str, true),
    // The rate's id, which the booking sends back as `rate_id`.
    F("name", Ans::Str, true),
    F("remote_shipment_id", Ans::Str, false),
    F("service_id", Ans::Str, false),
    F("title", Ans::Str, false),
    F("total_net_charge", Ans::Decimal, false),
    F("base_rate", Ans::Decimal, false),
    F("currency", Ans::Str, false),
    F("protected", Ans::Bool, false),
]);
const RATES: Ans = Ans::Obj(&[
    F("remote_shipment_id", Ans::Str, false),
    F("request_token", Ans::Str, false),
    F("quotes", Ans::Arr(&QUOTE), true),
]);
const SHIPMENT: Ans = Ans::Obj(&[
    F("remote_shipment_id", Ans::Str, true),
    F("tracking_number", Ans::Str, true),
    F("carrier", Ans::Str, false),
    F("service_id", Ans::Str, false),
    F("label_url", Ans::Str, false),
    F("total_net_charge", Ans::Decimal, false),
    F("currency", Ans::Str, false),
]);

// FeedAMP's resources.
const NEXT_CURSOR: F = F("next_cursor", Ans::Either(&[Ans::Str, Ans::Any]), false);
const ORDER_OUT: Ans = Ans::Shape(&fs::ORDER);
const RETURN_OUT: Ans = Ans::Shape(&fs::RETURN);
const REPORTED: Ans = Ans::Arr(&Ans::Obj(&[
    F("code", Ans::Str, true),
    F("message", Ans::Str, true),
    F("mp_line_number", Ans::Str, false),
]));
const REFUND: Ans = Ans::Obj(&[
    F("feedamp_refund_id", Ans::Id, true),
    F("mp_order_number", Ans::Str, true),
    F("status", Ans::Str, true),
    F("date_created", Ans::Str, false),
    F("merchant_refund_lines", Ans::Arr(&Ans::Obj(&[])), false),
    F("errors", Ans::Arr(&Ans::Obj(&[])), false),
]);
const RETURN_STATE: Ans = Ans::Obj(&[
    F("status", Ans::Str, true),
    F("rma", Ans::Str, false),
    F("merchant_refund_lines", Ans::Arr(&Ans::Obj(&[])), false),
    F("errors", Ans::Arr(&Ans::Obj(&[])), false),
]);
const FULFILLMENTS: Ans = Ans::Obj(&[
    F("status", Ans::Str, true),
    F("is_marketplace_fulfilled", Ans::Bool, false),
    F(
        "fulfillments",
        Ans::Arr(&Ans::Obj(&[
            F("mp_line_number", Ans::Str, true),
            F("shipments", Ans::Arr(&Ans::Obj(&[])), false),
            F("cancellations", Ans::Arr(&Ans::Obj(&[])), false),
        ])),
        true,
    ),
]);
const TOKENS: Ans = Ans::Obj(&[
    F("access_token", Ans::Str, true),
    F("token_type", Ans::Str, true),
    F("refresh_token", Ans::Str, true),
    F("expires_in", Ans::Int, true),
]);

const fn row(
    api: Api,
    method: &'static str,
    path: &'static str,
    status: u16,
    body: Ans,
    description: &'static str,
) -> Answer {
    Answer {
        api,
        method,
        path,
        status,
        media: JSON,
        body,
        headers: &[],
        description,
        made: None,
    }
}

/// The answer makes the record at `item`, its id at `id` (a runtime expression).
const fn made(mut a: Answer, item: &'static str, id: &'static str) -> Answer {
    a.made = Some((item, id));
    a
}

const fn paged(mut a: Answer) -> Answer {
    a.headers = &["X-Total-Count", "X-Total-Pages-Count"];
    a
}

const fn media(mut a: Answer, media: &'static str) -> Answer {
    a.media = media;
    a
}

const fn label(path: &'static str, media_type: &'static str) -> Answer {
    media(
        row(
            Api::Veeqo,
            "GET",
            path,
            200,
            Ans::Bytes,
            "The label file (Rate Shopping API, \"Get shipment details\": `label_url`).",
        ),
        media_type,
    )
}

use Api::{Feedamp as FA, Veeqo as VQ};

/// Every documented success answer.
pub static ANSWERS: &[Answer] = &[
    made(row(VQ, "POST", "/channels", 201, CHANNEL, VEEQO_REF), "/channels/{id}", BODY_ID),
    paged(row(VQ, "GET", "/channels", 200, Ans::Arr(&CHANNEL), VEEQO_REF)),
    row(VQ, "GET", "/channels/{id}", 200, CHANNEL, VEEQO_REF),
    made(row(VQ, "POST", "/products", 201, PRODUCT, VEEQO_REF), "/products/{id}", BODY_ID),
    row(VQ, "GET", "/products/{id}", 200, PRODUCT, VEEQO_REF),
    made(media(row(VQ, "POST", "/api/v2/channel_sellables", 201, LISTING, "The store listing, as a JSON:API document (Veeqo's developer portal, \"Create a Channel Sellable\")."), JSON_API), "/api/v2/channel_sellables/{id}", "$response.body#/data/id"),
    media(row(VQ, "PUT", "/api/v2/channel_sellables/{id}", 200, LISTING, "The store listing, as a JSON:API document (Veeqo's developer portal, \"Update Store Listing\")."), JSON_API),
    made(row(VQ, "POST", "/orders", 201, ORDER, VEEQO_REF), "/orders/{id}", BODY_ID),
    paged(row(VQ, "GET", "/orders", 200, Ans::Arr(&ORDER), VEEQO_REF)),
    row(VQ, "GET", "/orders/{id}", 200, ORDER, VEEQO_REF),
    row(VQ, "POST", "/shipping/api/v1/rates", 200, RATES, RATES_REF),
    made(row(VQ, "POST", "/shipping/api/v1/shipments", 200, Ans::Obj(&[F("shipments", Ans::Arr(&SHIPMENT), true)]), RATES_REF), "/shipping/api/v1/shipments/{id}", "$response.body#/shipments/0/remote_shipment_id"),
    row(VQ, "GET", "/shipping/api/v1/shipments/{id}", 200, SHIPMENT, RATES_REF),
    label("/shipping/api/v1/shipments/{id}/label.pdf", "application/pdf"),
    label("/shipping/api/v1/shipments/{id}/label.png", "image/png"),
    label("/shipping/api/v1/shipments/{id}/label.zpl", "text/plain"),
    label("/shipping/api/v1/shipments/{id}/label.jpeg", "image/jpeg"),
    media(row(FA, "GET", "/authorize", 200, Ans::Bytes, "The seller's sign-in page (the spec: \"the OAuth authorization process\"; the seller signs in and consents, then is sent to `redirect_url` with `code` and `state`)."), "text/html"),
    row(FA, "POST", "/access_token", 200, TOKENS, "New tokens (the spec's response sample). The refresh token is single-use: each refresh answers a new one."),
    made(row(FA, "PUT", "/orders/{mp_order_number}", 201, ORDER_OUT, "The order as placed, with its state. (The spec's response sample is an array of one empty object; an order is what a marketplace can use, and what orderlint's sandbox answers.)"), "/orders/{mp_order_number}", ""),
    row(FA, "PUT", "/orders/{mp_order_number}", 200, ORDER_OUT, "The order as updated, with its state."),
    row(FA, "GET", "/orders", 200, Ans::Obj(&[F("orders", Ans::Arr(&ORDER_OUT), true), NEXT_CURSOR]), SPEC),
    row(FA, "GET", "/orders/{mp_order_number}", 200, ORDER_OUT, SPEC),
    row(FA, "GET", "/orders/{mp_order_number}/fulfillments", 200, FULFILLMENTS, SPEC),
    row(FA, "POST", "/orders/{mp_order_number}/errors", 200, REPORTED, "The errors as recorded (the spec's response sample: an array)."),
    row(FA, "GET", "/refunds", 200, Ans::Obj(&[F("refunds", Ans::Arr(&REFUND), true), NEXT_CURSOR]), SPEC),
    row(FA, "GET", "/orders/{mp_order_number}/refunds", 200, Ans::Obj(&[F("refunds", Ans::Arr(&REFUND), true), NEXT_CURSOR]), SPEC),
    row(FA, "GET", "/orders/{mp_order_number}/refunds/{feedamp_refund_id}", 200, REFUND, SPEC),
    row(FA, "PUT", "/orders/{mp_order_number}/refunds/{feedamp_refund_id}/complete", 200, REFUND, "The refund, now COMPLETE. (The spec's response sample for this endpoint is an error body, `{\"error\": \"Invalid token\"}`.)"),
    row(FA, "POST", "/orders/{mp_order_number}/refunds/{feedamp_refund_id}/errors", 200, REFUND, "The refund, now PAUSED with the errors reported."),
    row(FA, "GET", "/returns", 200, Ans::Obj(&[F("returns", Ans::Arr(&RETURN_OUT), true), NEXT_CURSOR]), SPEC),
    row(FA, "GET", "/orders/{mp_order_number}/returns", 200, Ans::Obj(&[F("returns", Ans::Arr(&RETURN_OUT), true), NEXT_CURSOR]), SPEC),
    made(row(FA, "PUT", "/orders/{mp_order_number}/returns/{mp_return_number}", 201, RETURN_OUT, "The return as placed, with its status and RMA."), "/orders/{mp_order_number}/returns/{mp_return_number}", ""),
    row(FA, "PUT", "/orders/{mp_order_number}/returns/{mp_return_number}", 200, RETURN_OUT, "The return as it already was: a repeated PUT of the same return changes nothing."),
    row(FA, "GET", "/orders/{mp_order_number}/returns/{mp_return_number}", 200, RETURN_OUT, SPEC),
    row(FA, "GET", "/orders/{mp_order_number}/returns/{mp_return_number}/refunds", 200, RETURN_STATE, "The refunded amounts and status of the return (the spec: \"Get the refunded amounts for the return\")."),
    row(FA, "PUT", "/orders/{mp_order_number}/returns/{mp_return_number}/complete", 200, RETURN_OUT, "The return, now COMPLETED."),
    row(FA, "POST", "/orders/{mp_order_number}/returns/{mp_return_number}/errors", 200, RETURN_OUT, "The return with the errors reported."),
];

// Error bodies.
const VEEQO_MESSAGES: Ans = Ans::Obj(&[F(
    "error_messages",
    Ans::Either(&[Ans::Str, Ans::Arr(&Ans::Str)]),
    true,
)]);
const RAILS_ERROR: Ans = Ans::Obj(&[F("status", Ans::Int, false), F("error", Ans::Str, true)]);
/// Veeqo answers its errors in two forms, by where they arise: `error_messages` from its
/// controllers (and the Rate Shopping API), Rails' `{status, error}` from the framework (a
/// body that does not parse, a missing route, a server error). Either is documented.
const VEEQO_ERROR: Ans = Ans::Either(&[VEEQO_MESSAGES, RAILS_ERROR]);
const JSON_API_ERRORS: Ans = Ans::Obj(&[F(
    "errors",
    Ans::Arr(&Ans::Obj(&[
        F("status", Ans::Str, false),
        F("title", Ans::Str, false),
        F("detail", Ans::Str, false),
        F("source", Ans::Obj(&[F("pointer", Ans::Str, false)]), false),
    ])),
    true,
)]);
const FEEDAMP_ERROR: Ans = Ans::Obj(&[
    F("error", Ans::Str, true),
    F("error_description", Ans::Str, false),
]);
/// A refused payload: the fields at fault (orderlint's sandbox lists each; the spec gives no
/// body for a 400, so either form is read as documented).
const FEEDAMP_INVALID: Ans = Ans::Either(&[
    FEEDAMP_ERROR,
    Ans::Obj(&[F(
        "errors",
        Ans::Arr(&Ans::Obj(&[
            F("field", Ans::Str, false),
            F("code", Ans::Str, false),
            F("message", Ans::Str, true),
        ])),
        true,
    )]),
]);
/// An answer whose body, if any, is not documented.
pub const NO_BODY: &str = "";
const TOO_LARGE: &str = "The request is larger than the server takes: its body (413), its URL (414) or its head (431; orderlint's sandbox takes 16 KiB). A long list filter can pass the limit: ask for fewer.";
const GATEWAY: &str =
    "A server error. Gateways in front of the API may answer these with an HTML page instead.";

/// Every endpoint's error answers.
pub static ERRORS: &[ErrorAnswer] = &[
    // The HTTP server's own, before the API reads anything: no body to rely on.
    ErrorAnswer { api: VQ, statuses: &[413, 414, 431], json_api: None, media: NO_BODY, body: Ans::Bytes, headers: &[], description: TOO_LARGE },
    ErrorAnswer { api: FA, statuses: &[413, 414, 431], json_api: None, media: NO_BODY, body: Ans::Bytes, headers: &[], description: TOO_LARGE },
    ErrorAnswer { api: VQ, statuses: &[400, 401, 404, 405, 422], json_api: Some(false), media: JSON, body: VEEQO_ERROR, headers: &[], description: "Refused: `error_messages` says why (Veeqo API reference, \"Errors\"), or Rails' `{status, error}` for a body that does not parse, a missing record or route, a method the path does not take." },
    ErrorAnswer { api: VQ, statuses: &[400, 401, 404, 405], json_api: Some(true), media: JSON, body: VEEQO_ERROR, headers: &[], description: "No API key (401), a body that is not JSON (400), or no such route (404, 405), answered before the JSON:API layer." },
    ErrorAnswer { api: VQ, statuses: &[400, 404, 409, 415, 422], json_api: Some(true), media: JSON_API, body: JSON_API_ERRORS, headers: &[], description: "Refused, as JSON:API errors, each with its `source.pointer`. 415 when the request's `Accept` is not `application/vnd.api+json` (Buyer Protection guide, step 2)." },
    ErrorAnswer { api: VQ, statuses: &[429], json_api: None, media: JSON, body: VEEQO_ERROR, headers: &["Retry-After"], description: "Rate limited (5 requests a second, bursts of 100): wait `Retry-After` seconds." },
    ErrorAnswer { api: VQ, statuses: &[500, 502, 503, 504], json_api: None, media: JSON, body: VEEQO_ERROR, headers: &[], description: GATEWAY },
    ErrorAnswer { api: FA, statuses: &[400], json_api: None, media: JSON, body: FEEDAMP_INVALID, headers: &[], description: "Refused: the body, a filter or the grant is not what the spec allows." },
    ErrorAnswer { api: FA, statuses: &[401, 403, 404, 405, 409], json_api: None, media: JSON, body: FEEDAMP_ERROR, headers: &[], description: "No or an expired token (401; renew it with the refresh token), another seller's record or a cross-origin sign-in (403), no such record (404), a method the path does not take (405), a state that refuses the change (409)." },
    ErrorAnswer { api: FA, statuses: &[429], json_api: None, media: JSON, body: FEEDAMP_ERROR, headers: &["Retry-After"], description: "Rate limited: wait `Retry-After` seconds." },
    ErrorAnswer { api: FA, statuses: &[500, 502, 503, 504], json_api: None, media: JSON, body: FEEDAMP_ERROR, headers: &[], description: GATEWAY },
];

/// The success answers documented for `method path` (path as in the table).
pub fn of<'a>(
    api: Api,
    method: &'a str,
    path: &'a str,
) -> impl Iterator<Item = &'static Answer> + 'a {
    ANSWERS
        .iter()
        .filter(move |a| a.api == api && a.method == method && a.path == path)
}

/// The error answers of an endpoint of `api` (JSON:API or not).
pub fn errors(api: Api, json_api: bool) -> impl Iterator<Item = &'static ErrorAnswer> {
    ERRORS
        .iter()
        .filter(move |e| e.api == api && e.json_api.is_none_or(|j| j == json_api))
}
