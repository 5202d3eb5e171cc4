//! The registry: every code the engine can emit, declared once with its severity, a
//! one-line summary, its source, an example and its fix, in the spirit of ruff's `codes.rs`.
//! Rules report through these entries (`Report::report`), so no call site restates a
//! severity or a source, and a misspelt code does not compile.
//!
//! Two kinds of entry:
//! - a rule code, a `static` named after it: `VEEQO_ORDER_NUMBER_NOT_EXACT` is
//!   `veeqo.order.number.not_exact`;
//! - a field check, a [`Check`] (`required`, `wrong_type`, …): the same check on many
//!   fields, reported with its object and field and emitted as `<object>.<field>.<check>`
//!   or `<object>.<check>`, where `<object>` is one of [`objects`], read from the tables.
//!   Its source is its object's API (the object's `Dialect`).
//!
//! Invariant: every issue's code is found by [`lookup`] with the issue's severity, and
//! every entry is triggered by a snapshot case (`tests/snapshots.rs` checks both).
//!
//! Long: it is the registry, one entry per code with its summary, source, example and fix:
//! data, read top to bottom.

use serde::Serialize;

use super::shape::Entity;
use super::Severity;
use Severity::{Error as E, Warning as W};

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Code {
    /// The whole code, or for a field check `*.<check>`.
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// Where the rule comes from: the guide, Veeqo's API reference, the FeedAMP spec, JSON.
    pub source: &'static str,
    /// A payload fragment that triggers it, and the same fragment fixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<&'static str>,
}

const fn c(
    code: &'static str,
    severity: Severity,
    source: &'static str,
    summary: &'static str,
) -> Code {
    Code {
        code,
        severity,
        summary,
        source,
        example: None,
        fix: None,
    }
}

/// A field check's entry: its source is each object's API, so none of its own.
const fn check(code: &'static str, severity: Severity, summary: &'static str) -> Code {
    c(code, severity, OBJECT_API, summary)
}

/// A field check whose basis is the same on both APIs (JSON, RFC 3986, orderlint's own
/// judgement): that is its source, whatever its object.
const fn check_on(
    code: &'static str,
    severity: Severity,
    source: &'static str,
    summary: &'static str,
) -> Code {
    c(code, severity, source, summary)
}

impl Code {
    const fn ex(mut self, example: &'static str, fix: &'static str) -> Code {
        self.example = Some(example);
        self.fix = Some(fix);
        self
    }

    /// Whether this entry is a field check (`*.<check>`).
    pub fn is_check(&self) -> bool {
        self.code.starts_with("*.")
    }
}

const JSON: &str = "JSON (RFC 8259, RFC 6901)";
const ORDERLINT: &str = "orderlint";
const G1: &str = "Buyer Protection guide, step 1 (channel)";
const G2: &str = "Buyer Protection guide, step 2 (channel sellables)";
const G3: &str = "Buyer Protection guide, step 3 (order)";
pub(crate) const VEEQO: &str = "Veeqo API reference (VeeqoAPI/api-docs)";
const V_PRODUCTS: &str = "Veeqo API reference, resources/products.md";
const V_ORDERS: &str = "Veeqo API reference, resources/orders.md";
/// The Rate Shopping API's own reference: the source of its objects' field checks.
pub(crate) const V_RATE_SHOPPING: &str =
    "Veeqo Rate Shopping API reference (developers.veeqo.com/rate-shopping-api)";
const V_GET_RATES: &str = "Veeqo Rate Shopping API: Get rates";
const V_BOOK: &str = "Veeqo Rate Shopping API: Book a shipment";
const V_SHIP_GUIDE: &str = "Veeqo guide: Shipping Amazon orders with the Rate Shopping API";
const CS_CREATE: &str =
    "Veeqo API reference: Create Store Listing (POST /api/v2/channel_sellables)";
const CS_UPDATE: &str =
    "Veeqo API reference: Update Store Listing (PUT /api/v2/channel_sellables/{id})";
const CS_PAGES: &str = "Veeqo API reference: Create Store Listing vs Create a Channel Sellable, and the Buyer Protection guide, step 2";
/// The decision on a line item's remote_id (README, "What the rules check, and the choices made").
const G3_ITEM: &str = "Buyer Protection guide, step 3 (remote_id is the Amazon Line Item ID) and \"Shipping Amazon Orders with the Rate Shopping API\" (that id is SP-API's OrderItemId, all digits)";
pub(crate) const SPEC: &str = "FeedAMP Order Source API 0.2.0";
pub(crate) const S_OAUTH: &str = "FeedAMP spec: OAuth";
const S_ORDER: &str = "FeedAMP spec: PUT /orders/{mp_order_number}";
const S_STATE: &str = "FeedAMP spec: marketplace state";
pub(crate) const S_QUERY: &str = "FeedAMP spec: GET /orders, /refunds, /returns";
pub(crate) const S_ERRORS: &str = "FeedAMP spec: POST …/errors";
const S_RETURN: &str = "FeedAMP spec: PUT /orders/{mp_order_number}/returns/{mp_return_number}";
/// What the registry shows as a field check's source: each object has its own.
const OBJECT_API: &str = "the object's API (see Objects)";
const RFC_3986: &str = "RFC 3986: a path segment";

/// Declares [`Check`], one variant per field check, and [`CHECKS`], their entries in the
/// same order.
macro_rules! checks {
    ($($variant:ident = $entry:expr;)*) => {
        /// A check run on many fields. Its severity, summary and example are its entry's; its
        /// code is `<object>.<field>.<check>` or `<object>.<check>`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Check {
            $($variant),*
        }

        /// The field checks' entries, in [`Check`]'s order.
        pub static CHECKS: &[Code] = &[$($entry),*];

        impl Check {
            pub const ALL: &'static [Check] = &[$(Check::$variant),*];
        }
    };
}

/// Declares each rule code as a `static` and [`RULES`], all of them.
macro_rules! rules {
    ($($name:ident = $entry:expr;)*) => {
        $(pub static $name: Code = $entry;)*

        /// The rule codes, written out whole.
        pub static RULES: &[&Code] = &[$(&$name),*];
    };
}

checks! {
    Required = check("*.required", E,
        "A required field is missing, or null in Veeqo where null means absent.")
        .ex(
            r#"{"order": {"line_items_attributes": [...]}}"#,
            r#"{"order": {"channel_id": 1234567, "line_items_attributes": [...]}}"#,
        );
    Null = check("*.null", E, "A FeedAMP field is null; the spec allows null for none of them.")
        .ex(r#""customer": {"phone": null}"#, r#""customer": {}"#);
    WrongType = check_on("*.wrong_type", E, JSON, "The value has a type the API cannot read here.")
        .ex(r#""quantity": "one""#, r#""quantity": 1"#);
    NotObject = check_on("*.not_object", E, JSON, "An object was expected.")
        .ex(r#""line_items_attributes": ["x"]"#, r#""line_items_attributes": [{...}]"#);
    NotArray = check_on("*.not_array", E, JSON, "An array was expected.")
        .ex(r#"{"code": "X"}"#, r#"[{"code": "X"}]"#);
    Empty = check("*.empty", E, "A required text is blank, or a required list is empty.")
        .ex(r#""line_items_attributes": []"#, r#""line_items_attributes": [{...}]"#);
    Blank = check("*.blank", W, "An optional text is blank, so Veeqo stores nothing useful.")
        .ex(r#""due_date": """#, r#""due_date": "2026-05-15""#);
    Missing = check("*.missing", W,
        "An optional field whose absence costs something; the message says what.")
        .ex(
            r#"{"channel": {"name": "…"}}"#,
            r#"{"channel": {"name": "…", "currency_code": "USD"}}"#,
        );
    UnknownField = check("*.unknown_field", W,
        "A field the API does not document here; often a typo.")
        .ex(r#""sellable": 5"#, r#""sellable_id": 5"#);
    NotWrapped = check("*.not_wrapped", W,
        "A Veeqo body without its wrapper key; Rails wraps only the model's own columns.")
        .ex(
            r#"{"name": "…", "type_code": "…"}"#,
            r#"{"channel": {"name": "…", "type_code": "…"}}"#,
        );
    NumericString = check("*.numeric_string", W,
        "A number in quotes: Veeqo casts it, but a number is what it documents.")
        .ex(r#""quantity": "1""#, r#""quantity": 1"#);
    BooleanString = check("*.boolean_string", W,
        "A boolean in quotes: Veeqo casts it, but a boolean is what it documents.")
        .ex(r#""veeqo_dictates_stock_level": "false""#, r#""veeqo_dictates_stock_level": false"#);
    NotString = check("*.not_string", W,
        "A number or boolean where Veeqo stores text (a zip code loses its leading zeros).")
        .ex(r#""zip": 2134"#, r#""zip": "02134""#);
    Invalid = check("*.invalid", E,
        "A value outside the field's enum or format (currency, country, state, date-time, URL).")
        .ex(r#""currency": "usd""#, r#""currency": "USD""#);
    NotEmail = check_on("*.not_email", W, ORDERLINT, "Does not look like an email address.")
        .ex(r#""email": "john.smith""#, r#""email": "john.smith@example.com""#);
    NotCountry = check("*.not_country", W,
        "Not an ISO 3166-1 alpha-2 country code, which Veeqo's addresses take.")
        .ex(r#""country": "USA""#, r#""country": "US""#);
    NotADate = check("*.not_a_date", W, "Veeqo cannot read it as a date, so it stores none.")
        .ex(r#""due_date": "next week""#, r#""due_date": "2026-05-15""#);
    Ambiguous = check("*.ambiguous", W,
        "A dd/mm/yyyy date that also reads as mm/dd/yyyy; Veeqo reads the day first.")
        .ex(r#""due_date": "02/03/2017""#, r#""due_date": "2017-03-02""#);
    MonthFirst = check("*.month_first", W,
        "A mm/dd/yyyy date: Veeqo reads the day first and finds no such month, so stores none.")
        .ex(r#""due_date": "01/31/2018""#, r#""due_date": "2018-01-31""#);
    NoTimeZone = check_on("*.no_time_zone", W, ORDERLINT,
        "A date-time with no zone: the server reads it in its own.")
        .ex(r#""due_date": "2026-05-15T10:00:00""#, r#""due_date": "2026-05-15T10:00:00Z""#);
    NotUtc = check("*.not_utc", E, "FeedAMP date-times must be UTC.")
        .ex(
            r#""purchase_date": "2026-05-01T23:52:01+02:00""#,
            r#""purchase_date": "2026-05-01T21:52:01Z""#,
        );
    Duplicate = check_on("*.duplicate", E, ORDERLINT,
        "Two items of a list share a value that identifies one (a SKU, a line number, an Amazon order item id).")
        .ex(
            r#"[{"sku_code": "A"}, {"sku_code": "A"}]"#,
            r#"[{"sku_code": "A"}, {"sku_code": "B"}]"#,
        );
    PathUnsafe = check_on("*.path_unsafe", E, RFC_3986,
        "An id that becomes a segment of the request's path holds /, \\, ?, # or a control character, or is . or ..: it could send the request elsewhere.")
        .ex(r#""mp_order_number": "A1/refunds/1005/complete""#, r#""mp_order_number": "A1-1005""#);
    BeforePurchase = check("*.before_purchase", W,
        "A ship or delivery date before the purchase date (the spec's own sample has one).")
        .ex(
            r#""purchase_date": "2018-05-01T…Z", "earliest_ship_date": "2018-02-04T…Z""#,
            r#""purchase_date": "2018-02-01T…Z", "earliest_ship_date": "2018-02-04T…Z""#,
        );
    Negative = check("*.negative", E, "An amount or count below zero.")
        .ex(r#""unit_price": -1"#, r#""unit_price": 1"#);
    TooSmall = check("*.too_small", E, "A number below its minimum (a quantity under 1).")
        .ex(r#""quantity": 0"#, r#""quantity": 1"#);
    TooLong = check("*.too_long", E, "A text longer than the API allows.")
        .ex(r#""mp_order_number": "<129 characters>""#, r#""mp_order_number": "A-1001""#);
    TooShort = check("*.too_short", E, "A text shorter than the API allows.")
        .ex(r#""mp_order_number": """#, r#""mp_order_number": "A-1001""#);
    TooMany = check("*.too_many", E, "A list filter with more items than the API takes (100).")
        .ex(r#""mp_order_numbers": [101 numbers]"#, r#""mp_order_numbers": [up to 100]"#);
    OutOfRange = check("*.out_of_range", E, "A number outside the API's range (page_size 10..50).")
        .ex(r#""page_size": 100"#, r#""page_size": 50"#);
    NotAnId = check("*.not_an_id", E, "Not a record id: a positive integer or a string of digits.")
        .ex(r#""channel_id": "AZ""#, r#""channel_id": 1234567"#);
    NewYorkTime = check("*.new_york_time", W,
        "A date-time filter with no offset: FeedAMP reads it as America/New_York.")
        .ex(
            r#""imported_after": "2026-05-01T00:00:00""#,
            r#""imported_after": "2026-05-01T00:00:00Z""#,
        );
    Ignored = check("*.ignored", W, "A field this grant type does not use.")
        .ex(
            r#"{"grant_type": "refresh_token", "code": "…"}"#,
            r#"{"grant_type": "refresh_token", "refresh_token": "…"}"#,
        );
    AfterLatest = check("*.after_latest", W, "An earliest date after its latest date.")
        .ex(
            r#""earliest_ship_date": "2026-05-03T00:00:00Z", "latest_ship_date": "2026-05-02T00:00:00Z""#,
            r#"swap them"#,
        );
}

rules! {
    // The document.
    JSON_SYNTAX = c("json.syntax", E, JSON,
        "The text is not JSON; the message gives the line and column.")
        .ex(r#"{"order": {"number": "1",}}"#, r#"{"order": {"number": "1"}}"#);
    JSON_OTHER_KIND = c("json.other_kind", E, ORDERLINT,
        "The payload is plainly another kind (a channel pasted as an order): checked as nothing else.")
        .ex(
            r#"{"channel": {…}} checked as veeqo.order"#,
            r#"{"order": {…}}, or check it as veeqo.channel"#,
        );
    JSON_ENVELOPED = c("json.enveloped", E, ORDERLINT,
        "A body inside a wrapper key the API does not take (Feedonomics' webhook order, {\"order\": {…}}): the API takes what is inside.")
        .ex(
            r#"{"order": {"mp_order_number": "A-1001", "order_lines": […]}}"#,
            r#"{"mp_order_number": "A-1001", "order_lines": […]}"#,
        );
    JSON_KIND_UNKNOWN = c("json.kind_unknown", E, ORDERLINT,
        "Checked with no kind given, the payload could not be told as one kind (several fit, or none): nothing else is checked.")
        .ex(
            r#"{"page_size": 20}"#,
            r#"choose feedamp.orders_query, feedamp.refunds_query or feedamp.returns_query"#,
        );
    // A whole request, pasted (cURL or HTTP): the request around the payload.
    REQUEST_UNREADABLE = c("request.unreadable", E, ORDERLINT,
        "Pasted as a request (it starts with curl or a request line), the text cannot be read as one: the message says where.")
        .ex("curl 'https://api.veeqo.com/orders -H …", "curl 'https://api.veeqo.com/orders' -H …");
    REQUEST_ENDPOINT_UNKNOWN = c("request.endpoint_unknown", W, ORDERLINT,
        "The request's method and path are no endpoint orderlint knows of either API; the body is checked as the kind it looks like.")
        .ex("curl -X POST …/order", "curl -X POST …/orders");
    REQUEST_METHOD_WRONG = c("request.method_wrong", E, "the APIs' endpoints (Veeqo API reference, FeedAMP spec)",
        "The path is an endpoint's, but with another method: the API answers 404 or 405.")
        .ex("curl -X POST …/orders/600A", "curl -X PUT …/orders/600A");
    REQUEST_AUTH_MISSING = c("request.auth_missing", E, "Veeqo: x-api-key; FeedAMP spec: bearerAuth",
        "No credentials: Veeqo needs x-api-key, FeedAMP an Authorization: Bearer token; the API answers 401.")
        .ex(
            "curl https://api.veeqo.com/orders --json …",
            "curl https://api.veeqo.com/orders -H 'x-api-key: …' --json …",
        );
    REQUEST_AUTH_MASKED = c("request.auth_masked", E, ORDERLINT,
        "The key or token is masked, as orderlint copies a request unless asked: sent as it is, the API answers 401.")
        .ex("-H 'x-api-key: ••••3456'", "-H 'x-api-key: <the whole key>'");
    REQUEST_ACCEPT_JSON_API = c("request.accept_json_api", E, G2,
        "The channel sellables endpoint answers 415 without Accept: application/vnd.api+json.")
        .ex("-H 'Accept: application/json'", "-H 'Accept: application/vnd.api+json'");
    REQUEST_CONTENT_TYPE = c("request.content_type", E, "the guide's and the spec's request headers",
        "A JSON body sent without a JSON Content-Type (curl -d sends a form's): the API reads none of its fields.")
        .ex(
            "curl … -d '{\"order\": …}'",
            "curl … -H 'Content-Type: application/json' -d '{\"order\": …}'",
        );
    REQUEST_BODY_MISSING = c("request.body_missing", E, "the APIs' endpoints (Veeqo API reference, FeedAMP spec)",
        "The endpoint takes a body and the request has none.")
        .ex("curl -X POST …/orders", "curl -X POST …/orders --json '{\"order\": …}'");
    REQUEST_BODY_IGNORED = c("request.body_ignored", W, "the APIs' endpoints (Veeqo API reference, FeedAMP spec)",
        "The endpoint reads no body (a GET): the one sent is ignored.")
        .ex("curl -X GET …/orders/1 -d '…'", "curl …/orders/1");
    REQUEST_SECRET_IN_URL = c("request.secret_in_url", W, ORDERLINT,
        "A key, secret or token in the URL's query: it lands in proxy and server logs and the browser's history.")
        .ex("…/orders?api_key=…", "-H 'x-api-key: …'");
    JSON_DUPLICATE_KEY = c("json.duplicate_key", E, "JSON (RFC 8259 §4: names should be unique; parsers differ on which one they keep)",
        "A key written twice in one object: which value the API reads is the parser's choice.")
        .ex(
            r#"{"currency": "usd", "total": 1, "currency": "USD"}"#,
            r#"{"currency": "USD", "total": 1}"#,
        );
    JSON_TOO_DEEP = c("json.too_deep", E, ORDERLINT,
        "Nested deeper than any payload of these APIs (32 levels).")
        .ex(r#"{"a": {"a": {"a": … 40 levels}}}"#, r#"a payload as the API documents it"#);
    TEMPLATE_PLACEHOLDER = c("template.placeholder", E, ORDERLINT,
        "A {{placeholder}} from a template was never replaced.")
        .ex(r#""channel_id": "{{channel_id}}""#, r#""channel_id": 1234567"#);
    REPORT_TRUNCATED = c("report.truncated", W, ORDERLINT,
        "More than 500 issues; the rest were not listed.")
        .ex(
            r#"a file whose payload has 600 problems"#,
            r#"fix the listed ones and validate again"#,
        );
    // Account context.
    CONTEXT_MISSING = c("context.missing", W, ORDERLINT,
        "Cross-entity checks skipped: no account context was given.")
        .ex(
            r#"orderlint validate --kind veeqo.order order.json"#,
            r#"orderlint validate --kind veeqo.order --context account.json order.json"#,
        );
    CONTEXT_CHANNELS_MISSING = c("context.channels_missing", W, ORDERLINT,
        "The channel check was skipped: the context has no channels.")
        .ex(
            r#"{"channel_sellables": [...]}"#,
            r#"{"channels": [...], "channel_sellables": [...]}"#,
        );
    CONTEXT_CHANNEL_SELLABLES_MISSING = c("context.channel_sellables_missing", W, ORDERLINT,
        "The link check was skipped: the context has no channel sellables.")
        .ex(r#"{"channels": [...]}"#, r#"{"channels": [...], "channel_sellables": [...]}"#);
    CONTEXT_VEEQO_ORDER_MISSING = c("context.veeqo_order_missing", W, ORDERLINT,
        "The order checks of a rates request were skipped: the context has no veeqo_order.")
        .ex(r#"{"channels": [...]}"#, r#"{"veeqo_order": {"number": "112-…", "line_items": [...]}}"#);
    // Veeqo: channel.
    VEEQO_CHANNEL_TYPE_CODE_NOT_CUSTOM_INTEGRATION = c("veeqo.channel.type_code.not_custom_integration", E, G1,
        "Buyer Protection needs a custom_integration channel.")
        .ex(r#""type_code": "direct""#, r#""type_code": "custom_integration""#);
    VEEQO_CHANNEL_SHORT_NAME_TOO_LONG = c("veeqo.channel.short_name.too_long", E, G1,
        "short_name has more than 2 characters.")
        .ex(r#""short_name": "AMZ""#, r#""short_name": "AZ""#);
    VEEQO_CHANNEL_CUSTOM_INTEGRATION_CHANNEL_SPECIFIC_ATTRIBUTES_REQUIRED = c("veeqo.channel.custom_integration_channel_specific_attributes.required", E, G1,
        "The custom-integration attributes that make the channel an Amazon one are missing.")
        .ex(
            r#"{"channel": {"type_code": "custom_integration", …}}"#,
            r#""custom_integration_channel_specific_attributes": {"integration_type": "amazon"}"#,
        );
    VEEQO_CHANNEL_CUSTOM_INTEGRATION_CHANNEL_SPECIFIC_ATTRIBUTES_MISNAMED = c("veeqo.channel.custom_integration_channel_specific_attributes.misnamed", E, G1,
        "The response's spelling custom_integration_channel_specific sent in a request.")
        .ex(
            r#""custom_integration_channel_specific": {…}"#,
            r#""custom_integration_channel_specific_attributes": {…}"#,
        );
    VEEQO_CHANNEL_INTEGRATION_TYPE_REQUIRED = c("veeqo.channel.integration_type.required", E, G1,
        "integration_type is missing; Buyer Protection needs \"amazon\".")
        .ex(
            r#""custom_integration_channel_specific_attributes": {}"#,
            r#""custom_integration_channel_specific_attributes": {"integration_type": "amazon"}"#,
        );
    VEEQO_CHANNEL_INTEGRATION_TYPE_NOT_AMAZON = c("veeqo.channel.integration_type.not_amazon", E, G1,
        "integration_type is not \"amazon\" (it is case-sensitive).")
        .ex(r#""integration_type": "Amazon""#, r#""integration_type": "amazon""#);
    // Veeqo: product.
    VEEQO_PRODUCT_PRODUCT_VARIANTS_ATTRIBUTES_EMPTY = c("veeqo.product.product_variants_attributes.empty", W, G2,
        "A product without variants has no sellable to link.")
        .ex(
            r#""product_variants_attributes": []"#,
            r#""product_variants_attributes": [{"title": "…", "sku_code": "…", "price": "25.00"}]"#,
        );
    VEEQO_PRODUCT_VARIANT_TAX_RATE_PERCENT = c("veeqo.product.variant.tax_rate.percent", W, V_PRODUCTS,
        "A tax rate over 1: Veeqo reads a fraction, so 8 is 800 %.")
        .ex(r#""tax_rate": 8"#, r#""tax_rate": 0.08"#);
    // Veeqo: channel sellable (store listing), created or updated: one resource, one set of codes.
    VEEQO_CHANNEL_SELLABLE_TYPE_INVALID = c("veeqo.channel_sellable.type.invalid", E, CS_PAGES,
        "data.type is neither \"channel_sellables\" (the guide, Create a Channel Sellable) nor \"channel_sellable\" (Create Store Listing).")
        .ex(r#""type": "channel-sellables""#, r#""type": "channel_sellables""#);
    VEEQO_CHANNEL_SELLABLE_TYPE_SINGULAR = c("veeqo.channel_sellable.type.singular", W, CS_PAGES,
        "data.type \"channel_sellable\" follows Create Store Listing (and every answer); the guide and Create a Channel Sellable send \"channel_sellables\": both accepted until one is proven (README, the choices made).")
        .ex(r#""type": "channel_sellable""#, r#""type": "channel_sellables" (the guide's)"#);
    VEEQO_CHANNEL_SELLABLE_CHANNEL_PRODUCT_TYPE_INVALID = c("veeqo.channel_sellable.channel_product.type.invalid", E, CS_PAGES,
        "The relationship type is not \"channel_product\".")
        .ex(r#""type": "channel_products""#, r#""type": "channel_product""#);
    VEEQO_CHANNEL_SELLABLE_REMOTE_ID_NOT_ASIN = c("veeqo.channel_sellable.remote_id.not_asin", W,
        "Buyer Protection guide, step 2 (remote_id is {{ASIN}}); Veeqo API reference: Create a Channel Sellable (\"e.g. Amazon ASIN\")",
        "remote_id does not look like an ASIN (ten capitals or digits, as text); an Amazon order item id or a SKU belongs elsewhere.")
        .ex(r#""remote_id": "BLUE-500""#, r#""remote_id": "B0EXAMPLE1""#);
    VEEQO_CHANNEL_SELLABLE_BOTH_CHANNEL_PRODUCT_VARIANTS = c("veeqo.channel_sellable.both_channel_product_variants", E, CS_CREATE,
        "Both a new channel product and a link to an existing one.")
        .ex(r#""channel_product_attributes" and "relationships""#, r#"one of them"#);
    VEEQO_CHANNEL_SELLABLE_NO_CHANNEL_PRODUCT = c("veeqo.channel_sellable.no_channel_product", E, CS_CREATE,
        "The listing is linked none of the three documented ways: \"autolink\": true, channel_product_attributes (a new channel product) or relationships.channel_product (an existing one).")
        .ex(r#""attributes": {…}"#, r#""attributes": {"autolink": true, …}"#);
    VEEQO_CHANNEL_SELLABLE_NO_SELLABLE = c("veeqo.channel_sellable.no_sellable", E, CS_CREATE,
        "Neither sellable_id (Create a Channel Sellable requires it) nor \"autolink\": true (Create Store Listing: link by remote_sku instead).")
        .ex(r#""attributes": {"remote_sku": "BLUE-500", …}"#, r#""attributes": {"sellable_id": "111222333", …} or "autolink": true"#);
    VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_UNKNOWN = c("veeqo.channel_sellable.channel_id.unknown", E, G2,
        "No such channel in the account (context).")
        .ex(r#""channel_id": "99""#, r#""channel_id": "1234567""#);
    VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_NOT_BSP_CHANNEL = c("veeqo.channel_sellable.channel_id.not_bsp_channel", E, G2,
        "The channel is not the Amazon custom-integration one (context).")
        .ex(
            r#""channel_id": "42" (a Shopify channel)"#,
            r#""channel_id": "1234567" (custom_integration, amazon)"#,
        );
    VEEQO_CHANNEL_SELLABLE_ALREADY_LINKED = c("veeqo.channel_sellable.already_linked", W, G2,
        "The sellable is already linked to this channel (context).")
        .ex(
            r#"a second link for sellable 111222333 on channel 1234567"#,
            r#"no request: the link exists"#,
        );
    VEEQO_CHANNEL_SELLABLE_SELLABLE_ID_NOT_STRING = c("veeqo.channel_sellable.sellable_id.not_string", W, CS_PAGES,
        "A number id, as Create Store Listing sends it; the guide and Create a Channel Sellable send strings: both accepted until one is proven.")
        .ex(r#""sellable_id": 111222333"#, r#""sellable_id": "111222333" (the guide's)"#);
    VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_NOT_STRING = c("veeqo.channel_sellable.channel_id.not_string", W, CS_PAGES,
        "A number id, as Create Store Listing sends it; the guide and Create a Channel Sellable send strings: both accepted until one is proven.")
        .ex(r#""channel_id": 1234567"#, r#""channel_id": "1234567" (the guide's)"#);
    VEEQO_CHANNEL_SELLABLE_CHANNEL_PRODUCT_ID_NOT_STRING = c("veeqo.channel_sellable.channel_product.id.not_string", W, CS_PAGES,
        "A number id, as Create Store Listing sends it; the guide and Create a Channel Sellable send strings: both accepted until one is proven.")
        .ex(r#""id": 987654321"#, r#""id": "987654321" (the guide's)"#);
    VEEQO_CHANNEL_SELLABLE_CHANNEL_ID_IGNORED = c("veeqo.channel_sellable.channel_id.ignored", W, CS_UPDATE,
        "channel_id in an update: Veeqo ignores it, so the listing stays on its channel.")
        .ex(
            r#"PUT …/channel_sellables/5550001 {"attributes": {"channel_id": 42, …}}"#,
            r#"{"attributes": {…}} (a listing cannot move: create one on the other channel)"#,
        );
    VEEQO_CHANNEL_SELLABLE_ID_UNKNOWN = c("veeqo.channel_sellable.id.unknown", E, CS_UPDATE,
        "The listing updated is not one of the account's channel sellables (context): Veeqo answers 404.")
        .ex(r#""id": "99""#, r#""id": "5550001""#);
    VEEQO_CHANNEL_SELLABLE_ID_PATH_MISMATCH = c("veeqo.channel_sellable.id.path_mismatch", E, "JSON:API 1.0, Updating Resources; Veeqo API reference: Update Store Listing (data.id in its example)",
        "An update's data.id is not the listing in its path: a JSON:API server answers 409 Conflict.")
        .ex(
            r#"PUT …/channel_sellables/5550001 with "id": "6789""#,
            r#"PUT …/channel_sellables/6789 with "id": "6789""#,
        );
    VEEQO_CHANNEL_SELLABLE_ID_NOT_BSP_CHANNEL = c("veeqo.channel_sellable.id.not_bsp_channel", E, G2,
        "The listing updated is on a channel that is not the Amazon custom-integration one (context).")
        .ex(
            r#""id": "5550002" (a listing on a Shopify channel)"#,
            r#""id": "5550001" (on the custom_integration amazon channel)"#,
        );
    // Veeqo: order.
    VEEQO_ORDER_NUMBER_REQUIRED = c("veeqo.order.number.required", E, G3,
        "No order number: Buyer Protection needs the Amazon order id.")
        .ex(r#"{"order": {"channel_id": …}}"#, r#""number": "112-1234567-1234567""#);
    VEEQO_ORDER_NUMBER_NOT_EXACT = c("veeqo.order.number.not_exact", E, G3,
        "The Amazon order id with a prefix or suffix.")
        .ex(r#""number": "AMZ-112-1234567-1234567""#, r#""number": "112-1234567-1234567""#);
    VEEQO_ORDER_NUMBER_NOT_AMAZON_ORDER_ID = c("veeqo.order.number.not_amazon_order_id", E, G3,
        "The number is not an Amazon order id (3-7-7 digits).")
        .ex(r#""number": "rdr1236""#, r#""number": "112-1234567-1234567""#);
    VEEQO_ORDER_LINE_ITEM_REMOTE_ID_REQUIRED = c("veeqo.order.line_item.remote_id.required", E, G3,
        "A line item without its Amazon order item id.")
        .ex(r#"{"sellable_id": 5, …}"#, r#"{"sellable_id": 5, "remote_id": "12345678901234", …}"#);
    VEEQO_ORDER_LINE_ITEM_REMOTE_ID_ASIN = c("veeqo.order.line_item.remote_id.asin", E, G3_ITEM,
        "An ASIN where the Amazon order item id belongs: Buyer Protection will not apply.")
        .ex(r#""remote_id": "B0EXAMPLE1""#, r#""remote_id": "12345678901234""#);
    VEEQO_ORDER_LINE_ITEM_REMOTE_ID_NOT_ORDER_ITEM_ID = c("veeqo.order.line_item.remote_id.not_order_item_id", E, G3_ITEM,
        "remote_id has a character other than a digit (a SKU, a title): it can never be an Amazon order item id, so Buyer Protection will not apply. Decided in the README's choices.")
        .ex(r#""remote_id": "BLUE-500""#, r#""remote_id": "12345678901234""#);
    VEEQO_ORDER_LINE_ITEM_REMOTE_ID_NUMBER = c("veeqo.order.line_item.remote_id.number", E, G3_ITEM,
        "remote_id sent as a JSON number that is not 14 digits: a number keeps no leading zeros (Number(\"02812345678901\") is 2812345678901), so Veeqo stores another id. Decided in the README's choices.")
        .ex(r#""remote_id": 2812345678901"#, r#""remote_id": "02812345678901""#);
    VEEQO_ORDER_LINE_ITEM_REMOTE_ID_UNUSUAL = c("veeqo.order.line_item.remote_id.unusual", W, G3_ITEM,
        "remote_id is digits, but not 14 of them, the length of every public Amazon order item id.")
        .ex(r#""remote_id": "1234567""#, r#""remote_id": "12345678901234""#);
    VEEQO_ORDER_LINE_ITEM_TAX_RATE_PERCENT = c("veeqo.order.line_item.tax_rate.percent", W, V_ORDERS,
        "A tax rate over 1: Veeqo reads a fraction, so 8 is 800 %.")
        .ex(r#""tax_rate": 8"#, r#""tax_rate": 0.08"#);
    VEEQO_ORDER_DELIVER_TO_INCOMPLETE = c("veeqo.order.deliver_to.incomplete", W, V_ORDERS,
        "The delivery address lacks what a shipping label needs.")
        .ex(
            r#""deliver_to_attributes": {"first_name": "John"}"#,
            r#"add address1, city, zip, country"#,
        );
    VEEQO_ORDER_DELIVER_TO_NO_NAME = c("veeqo.order.deliver_to.no_name", W, V_ORDERS,
        "The delivery address has no name or company.")
        .ex(
            r#""deliver_to_attributes": {"address1": "…"}"#,
            r#""first_name": "John", "last_name": "Smith""#,
        );
    VEEQO_ORDER_PAYMENT_PAYMENT_TYPE_NOT_AMAZON = c("veeqo.order.payment.payment_type.not_amazon", W, G3,
        "An Amazon order paid with another payment_type than \"amazon\".")
        .ex(r#""payment_type": "paypal""#, r#""payment_type": "amazon""#);
    VEEQO_ORDER_PAYMENT_REFERENCE_NUMBER_MISMATCH = c("veeqo.order.payment.reference_number.mismatch", W, G3,
        "The payment reference is not the Amazon order id.")
        .ex(r#""reference_number": "PPP1234""#, r#""reference_number": "112-1234567-1234567""#);
    VEEQO_ORDER_CHANNEL_ID_UNKNOWN = c("veeqo.order.channel_id.unknown", E, G3,
        "No such channel in the account (context).")
        .ex(r#""channel_id": 99"#, r#""channel_id": 1234567"#);
    VEEQO_ORDER_CHANNEL_ID_NOT_BSP_CHANNEL = c("veeqo.order.channel_id.not_bsp_channel", E, G3,
        "The channel is not the Amazon custom-integration one (context).")
        .ex(
            r#""channel_id": 42 (a Shopify channel)"#,
            r#""channel_id": 1234567 (custom_integration, amazon)"#,
        );
    VEEQO_ORDER_CURRENCY_CODE_DIFFERS_FROM_CHANNEL = c("veeqo.order.currency_code.differs_from_channel", W, G3,
        "The order's currency is not its channel's (context).")
        .ex(r#""currency_code": "EUR" on a USD channel"#, r#""currency_code": "USD""#);
    VEEQO_ORDER_LINE_ITEM_SELLABLE_ID_NOT_LINKED = c("veeqo.order.line_item.sellable_id.not_linked", E, G3,
        "The sellable has no channel sellable on the order's channel (context).")
        .ex(
            r#""sellable_id": 5 (no channel sellable)"#,
            r#"create the channel sellable first (step 2)"#,
        );
    // Veeqo: Rate Shopping API (rates, booking).
    VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_ABSENT = c("veeqo.rates_request.customer_reference.absent", E, V_GET_RATES,
        "An Amazon order's rates request without customer_reference: Buy Shipping protection is lost.")
        .ex(r#""is_amazon_order": true"#, r#""is_amazon_order": true, "customer_reference": "112-4737182-6879466""#);
    VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_EXACT = c("veeqo.rates_request.customer_reference.not_exact", E, V_GET_RATES,
        "The Amazon order number with a prefix or suffix (AMZ-, #): Buy Shipping protection is lost.")
        .ex(r#""customer_reference": "AMZ-112-4737182-6879466""#, r#""customer_reference": "112-4737182-6879466""#);
    VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_AMAZON_ORDER_ID = c("veeqo.rates_request.customer_reference.not_amazon_order_id", E, V_GET_RATES,
        "An Amazon order's customer_reference is not an Amazon order number (3-7-7 digits).")
        .ex(r#""customer_reference": "SO-1001""#, r#""customer_reference": "112-4737182-6879466""#);
    VEEQO_RATES_REQUEST_IS_AMAZON_ORDER_NOT_SET = c("veeqo.rates_request.is_amazon_order.not_set", W, V_GET_RATES,
        "customer_reference is an Amazon order number but is_amazon_order is not true: no protections.")
        .ex(r#""customer_reference": "112-4737182-6879466""#, r#""customer_reference": "112-4737182-6879466", "is_amazon_order": true"#);
    VEEQO_RATES_REQUEST_CHANNEL_ITEMS_REQUIRED_ABROAD = c("veeqo.rates_request.channel_items.required_abroad", E, V_GET_RATES,
        "A parcel to another country (US territories count as US) without channel_items, which customs are built from.")
        .ex(r#""to_address": {"country_code": "CA", …} and no channel_items"#, r#""channel_items": [{"remote_id": "12345678901234", "quantity": 1}]"#);
    VEEQO_RATES_REQUEST_CHANNEL_ITEMS_ABSENT = c("veeqo.rates_request.channel_items.absent", W, V_SHIP_GUIDE,
        "An Amazon order's rates request without channel_items, which enable Buy Shipping protections.")
        .ex(r#""is_amazon_order": true and no channel_items"#, r#""channel_items": [{"remote_id": "12345678901234", "quantity": 1}]"#);
    VEEQO_RATES_REQUEST_CHANNEL_ITEM_REMOTE_ID_ASIN = c("veeqo.rates_request.channel_item.remote_id.asin", E, V_SHIP_GUIDE,
        "An ASIN where the Amazon order item id (OrderItemId) belongs: Buy Shipping protection is lost.")
        .ex(r#""remote_id": "B0EXAMPLE1""#, r#""remote_id": "12345678901234""#);
    VEEQO_RATES_REQUEST_CHANNEL_ITEM_REMOTE_ID_UNUSUAL = c("veeqo.rates_request.channel_item.remote_id.unusual", W, V_SHIP_GUIDE,
        "A channel item id not shaped like an Amazon order item id (14 digits in every public example).")
        .ex(r#""remote_id": "SKU-1""#, r#""remote_id": "12345678901234""#);
    VEEQO_RATES_REQUEST_PARCELS_MORE_THAN_ONE = c("veeqo.rates_request.parcels.more_than_one", E, V_GET_RATES,
        "More than one parcel: the API takes one per request.")
        .ex(r#""parcels": [{…}, {…}]"#, r#""parcels": [{…}] (one request per parcel)"#);
    VEEQO_RATES_REQUEST_PARCEL_WEIGHT_ZERO = c("veeqo.rates_request.parcel.weight.zero", E, V_GET_RATES,
        "A parcel weighing 0: the weight must be above 0.")
        .ex(r#""weight": 0"#, r#""weight": 1.5"#);
    VEEQO_RATES_REQUEST_ADDRESS_PHONE_NOT_E164 = c("veeqo.rates_request.address.phone.not_e164", W, V_GET_RATES,
        "A phone the API cannot make E.164: letters, an extension, too many or too few digits.")
        .ex(r#""phone": "312-555-1234 ext 5""#, r#""phone": "+13125551234""#);
    VEEQO_RATES_REQUEST_CUSTOMER_REFERENCE_NOT_ORDER_NUMBER = c("veeqo.rates_request.customer_reference.not_order_number", E, V_SHIP_GUIDE,
        "customer_reference is not the number of the order in the account context.")
        .ex(r#""customer_reference": "112-0000000-0000000" for order 112-4737182-6879466"#, r#""customer_reference": "112-4737182-6879466""#);
    VEEQO_RATES_REQUEST_CHANNEL_ITEM_REMOTE_ID_NOT_IN_ORDER = c("veeqo.rates_request.channel_item.remote_id.not_in_order", E, V_SHIP_GUIDE,
        "A channel item that is none of the order's line items (their remote_id).")
        .ex(r#""remote_id": "99999999999999""#, r#""remote_id": "12345678901234" (a line item's remote_id)"#);
    VEEQO_RATES_REQUEST_CHANNEL_ITEM_QUANTITY_EXCEEDS_ORDER = c("veeqo.rates_request.channel_item.quantity.exceeds_order", E, V_SHIP_GUIDE,
        "More units of an item than its line of the order holds.")
        .ex(r#""quantity": 3 for a line of 2"#, r#""quantity": 2"#);
    VEEQO_SHIPMENT_BOOKING_SHIPMENT_IDS_SWAPPED = c("veeqo.shipment_booking.shipment.ids_swapped", E, V_BOOK,
        "rate_id and remote_shipment_id are each in the other's place.")
        .ex(
            r#""remote_shipment_id": "amazon_shipping_v2-…", "rate_id": "prb8a99eb17""#,
            r#""remote_shipment_id": "prb8a99eb17", "rate_id": "amazon_shipping_v2-…""#,
        );
    VEEQO_SHIPMENT_BOOKING_SHIPMENT_RATE_ID_NOT_A_QUOTE = c("veeqo.shipment_booking.shipment.rate_id.not_a_quote", W, V_BOOK,
        "rate_id does not look like a quote's name (amazon_shipping_v2- and a UUID).")
        .ex(r#""rate_id": "UPS Ground""#, r#""rate_id": "amazon_shipping_v2-df3f52c6-643e-4959-b802-f60ca1df42bb""#);
    // FeedAMP: OAuth.
    FEEDAMP_AUTHORIZE_URL_CLIENT_SECRET_EXPOSED = c("feedamp.authorize_url.client_secret.exposed", E, S_OAUTH,
        "The client secret in a URL, where browsers and logs keep it.")
        .ex(
            r#"…/authorize?…&client_secret=s3cret"#,
            r#"…/authorize?… (the secret only in POST /access_token)"#,
        );
    FEEDAMP_AUTHORIZE_URL_REDIRECT_URI_MISSPELLED = c("feedamp.authorize_url.redirect_uri.misspelled", E, S_OAUTH,
        "FeedAMP's parameter is redirect_url, not redirect_uri.")
        .ex("redirect_uri=…", "redirect_url=…");
    FEEDAMP_AUTHORIZE_URL_STATE_WEAK = c("feedamp.authorize_url.state.weak", W, S_OAUTH,
        "A short state; use 16+ random characters, new each time.")
        .ex(r#"state=abc"#, r#"state=k3Jd9sPq0wXz7LmN4bVc"#);
    FEEDAMP_AUTHORIZE_URL_NOT_HTTPS = c("feedamp.authorize_url.not_https", W, S_OAUTH,
        "The authorize URL uses http://.")
        .ex(
            r#"http://feedamp.example.com/authorize?…"#,
            r#"https://feedamp.example.com/authorize?…"#,
        );
    FEEDAMP_AUTHORIZE_URL_PATH = c("feedamp.authorize_url.path", W, S_OAUTH,
        "The authorize URL's path does not end in /authorize.")
        .ex(r#"https://feedamp.example.com/login?…"#, r#"https://feedamp.example.com/authorize?…"#);
    // FeedAMP: orders and state.
    FEEDAMP_ORDER_MP_ORDER_NUMBER_PATH_MISMATCH = c("feedamp.order.mp_order_number.path_mismatch", E, S_ORDER,
        "The body's mp_order_number is not the path's.")
        .ex(r#"PUT /orders/A-2 with "mp_order_number": "A-1""#, r#"PUT /orders/A-1"#);
    FEEDAMP_ORDER_MARKETPLACE_STATE_TRANSITION = c("feedamp.order.marketplace_state.transition", E, S_STATE,
        "A marketplace state change the state machine does not allow.")
        .ex(r#""SHIPPED" on a PENDING order"#, r#""AWAITING_SHIPMENT" first"#);
    FEEDAMP_ORDER_MARKETPLACE_STATE_PLACED_ONLY = c("feedamp.order.marketplace_state.placed_only", W, S_STATE,
        "SHIPPED or CANCELLED with no placed order known: FeedAMP refuses a new order in either (400).")
        .ex(
            r#""marketplace_state": "SHIPPED" on an order not placed yet"#,
            r#""AWAITING_SHIPMENT"; SHIPPED later, as its update"#,
        );
    FEEDAMP_ORDER_MARKETPLACE_STATE_SHIPPED_WITH_PENDING = c("feedamp.order.marketplace_state.shipped_with_pending", W, S_STATE,
        "SHIPPED while units are neither shipped nor cancelled.")
        .ex(r#""SHIPPED" with 1 of 3 units shipped"#, r#"ship or cancel the rest first"#);
    FEEDAMP_ORDER_NOT_UPDATABLE = c("feedamp.order.not_updatable", W, S_ORDER,
        "An update changes a field that updates do not change.")
        .ex(r#"an update with a new "gift_message""#, r#"only "marketplace_state" changes"#);
    FEEDAMP_ORDER_ERRORS_MP_LINE_NUMBER_UNKNOWN = c("feedamp.order_errors.mp_line_number.unknown", E, S_ERRORS,
        "An error names a line the order does not have.")
        .ex(r#""mp_line_number": "9" on an order with lines 1 and 2"#, r#""mp_line_number": "1""#);
    FEEDAMP_REFUNDS_QUERY_CREATED_AFTER_AFTER_BEFORE = c("feedamp.refunds_query.created_after.after_before", W, S_QUERY,
        "created_after is later than created_before: nothing can match.")
        .ex(
            r#"created_after=2026-03-01…&created_before=2026-02-01…"#,
            r#"created_after=2026-01-01…"#,
        );
    // FeedAMP: returns.
    FEEDAMP_RETURN_MP_ORDER_NUMBER_PATH_MISMATCH = c("feedamp.return.mp_order_number.path_mismatch", E, S_RETURN,
        "The body's mp_order_number is not the path's.")
        .ex(
            r#"PUT /orders/A-2/returns/R-1 with "mp_order_number": "A-1""#,
            r#"PUT /orders/A-1/returns/R-1"#,
        );
    FEEDAMP_RETURN_RETURN_LINE_MP_ORDER_LINE_NUMBER_UNKNOWN = c("feedamp.return.return_line.mp_order_line_number.unknown", E, S_RETURN,
        "A return line names an order line the order does not have.")
        .ex(r#""mp_order_line_number": "9""#, r#""mp_order_line_number": "1""#);
    FEEDAMP_RETURN_RETURN_LINE_CURRENCY_DIFFERS = c("feedamp.return.return_line.currency.differs", E, S_RETURN,
        "A return line's currency is not the order's.")
        .ex(r#""currency": "EUR" on a USD order"#, r#""currency": "USD""#);
    FEEDAMP_RETURN_RETURN_LINE_CARRIER_INVALID = c("feedamp.return.return_line.carrier.invalid", E, S_RETURN,
        "A carrier outside the spec's list.")
        .ex(r#""carrier": "Fedex""#, r#""carrier": "FedEx""#);
    FEEDAMP_RETURN_RETURN_LINE_QUANTITY_EXCEEDS_ORDERED = c("feedamp.return.return_line.quantity.exceeds_ordered", E, S_RETURN,
        "More units asked back than ordered and not yet returned.")
        .ex(r#""quantity": 2 when 1 unit is left to return"#, r#""quantity": 1"#);
    FEEDAMP_RETURN_RETURN_LINE_REQUESTED_REFUND_PRINCIPAL_EXCEEDS_PAID = c("feedamp.return.return_line.requested_refund_principal.exceeds_paid", E, S_RETURN,
        "A refund larger than what was paid for the units.")
        .ex(
            r#""requested_refund_principal": 23 for a unit paid 22.50"#,
            r#""requested_refund_principal": 22.5"#,
        );
    FEEDAMP_RETURN_RETURN_LINE_REQUESTED_REFUND_TAX_EXCEEDS_PAID = c("feedamp.return.return_line.requested_refund_tax.exceeds_paid", E, S_RETURN,
        "A tax refund larger than the tax paid on the units.")
        .ex(
            r#""requested_refund_tax": 1.8 on 1.75 of tax paid"#,
            r#""requested_refund_tax": 1.75"#,
        );
}

impl Check {
    /// Its registry entry (`*.<check>`).
    pub fn entry(self) -> &'static Code {
        &CHECKS[self as usize]
    }

    /// Its last segment in a code: `required`.
    pub fn name(self) -> &'static str {
        &self.entry().code[2..]
    }

    pub fn severity(self) -> Severity {
        self.entry().severity
    }

    fn named(name: &str) -> Option<Check> {
        Check::ALL.iter().copied().find(|c| c.name() == name)
    }
}

/// A field check's code on a whole object: `<object>.<check>`. With [`field`], the only
/// place a code is assembled (`tests/layers.rs` refuses any other in the rule engine).
pub fn object(object: Entity, check: Check) -> String {
    format!("{}.{}", object.name, check.name())
}

/// A field check's code: `<object>.<field>.<check>`.
pub fn field(object: Entity, field: &str, check: Check) -> String {
    format!("{}.{field}.{}", object.name, check.name())
}

/// Every object whose field checks may be emitted, each once, read from the tables that
/// describe them: Veeqo's and FeedAMP's shapes, then FeedAMP's forms, list filters and
/// error reports.
pub fn objects() -> Vec<Entity> {
    let tables = super::veeqo::shapes::ALL
        .iter()
        .chain(super::veeqo::rate_shopping::shapes::ALL)
        .chain(super::feedamp::shapes::ALL)
        .map(|s| s.entity)
        .chain(super::feedamp::entities());
    let mut all: Vec<Entity> = Vec::new();
    for e in tables {
        if !all.iter().any(|a| a.name == e.name) {
            all.push(e);
        }
    }
    all
}

/// The registry entry for `code`: its rule, or the field check it ends in when the rest
/// is a known object or an object's field, with that object's API as its source.
pub fn lookup(code: &str) -> Option<Code> {
    if let Some(rule) = RULES.iter().find(|e| e.code == code) {
        return Some(**rule);
    }
    let (rest, check) = code.rsplit_once('.')?;
    let check = Check::named(check)?;
    let objects = objects();
    let find = |name: &str| objects.iter().find(|o| o.name == name);
    let object = find(rest).or_else(|| {
        let (object, field) = rest.rsplit_once('.')?;
        find(object).filter(|_| is_field_name(field))
    })?;
    let entry = check.entry();
    Some(Code {
        source: match entry.source {
            OBJECT_API => object.dialect.source,
            basis => basis,
        },
        ..*entry
    })
}

fn is_field_name(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Every entry: field checks first, then rules.
pub fn all() -> impl Iterator<Item = &'static Code> {
    CHECKS.iter().chain(RULES.iter().copied())
}

/// The registry as Markdown: `docs/codes.md` is this text (a test keeps it so).
pub fn markdown() -> String {
    let mut s = String::from(
        "# Issue codes\n\nGenerated from `crates/rules/src/codes.rs` by `orderlint codes --format markdown`; \
         do not edit by hand.\n\nAn **error** means the API would refuse the request or Buyer Protection \
         would be lost; a **warning** is a likely mistake the API accepts.\n\n\
         ## Field checks\n\nThe same check on many fields, emitted as `<object>.<field>.<check>` \
         (e.g. `veeqo.order.line_item.quantity.numeric_string`) or `<object>.<check>`; \
         its source is its object's API (see Objects) unless the check's basis is the same \
         on both APIs.\n\n",
    );
    table(&mut s, CHECKS.iter());
    s.push_str("\n## Rules\n\n");
    table(&mut s, RULES.iter().copied());
    s.push_str(
        "\n## Objects\n\nThe `<object>` part of a field check's code, and the source of its checks:\n\n\
         | object | source |\n|---|---|\n",
    );
    for o in objects() {
        s.push_str(&format!("| `{}` | {} |\n", o.name, o.dialect.source));
    }
    s
}

/// A table of entries, each with its source (a field check's: its object's API, or its
/// basis when that is the same on both APIs).
fn table<'a>(s: &mut String, entries: impl Iterator<Item = &'a Code>) {
    s.push_str(
        "| code | severity | what it means | source | example → fix |\n|---|---|---|---|---|\n",
    );
    for e in entries {
        let ex = match (e.example, e.fix) {
            (Some(x), Some(f)) => format!("`{}` → `{}`", cell(x), cell(f)),
            _ => String::new(),
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {ex} |\n",
            e.code,
            e.severity.as_str(),
            cell(e.summary),
            e.source,
        ));
    }
}

/// Text safe inside a Markdown table cell.
fn cell(t: &str) -> String {
    t.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(
            lookup("veeqo.order.number.not_exact").map(|e| e.severity),
            Some(Severity::Error)
        );
        assert_eq!(
            lookup("veeqo.order.line_item.quantity.numeric_string").map(|e| e.code),
            Some("*.numeric_string")
        );
        assert_eq!(
            lookup("veeqo.order.unknown_field").map(|e| e.code),
            Some("*.unknown_field")
        );
        assert!(lookup("veeqo.nothing.quantity.numeric_string").is_none());
        assert!(lookup("veeqo.order.number.made_up").is_none());
    }

    #[test]
    fn a_field_check_cites_its_objects_api() {
        let source = |code| lookup(code).map(|e| e.source);
        assert_eq!(
            source("veeqo.order.line_item.quantity.too_small"),
            Some(VEEQO)
        );
        assert_eq!(
            source("feedamp.order.order_line.quantity.too_small"),
            Some(SPEC)
        );
        assert_eq!(
            source("feedamp.orders_query.page_size.out_of_range"),
            Some(S_QUERY)
        );
        assert_eq!(
            source("feedamp.order_errors.error.code.invalid"),
            Some(S_ERRORS)
        );
        assert_eq!(source("feedamp.token_request.code.required"), Some(S_OAUTH));
        // A basis the same on both APIs stays the check's own.
        let unsafe_id = "feedamp.order.mp_order_number.path_unsafe";
        assert_eq!(source(unsafe_id), Some(RFC_3986));
        assert_eq!(
            source("veeqo.order.line_item.quantity.wrong_type"),
            Some(JSON)
        );
    }

    #[test]
    fn every_entry_says_what_triggers_it_and_the_fix() {
        for e in all() {
            assert!(e.example.is_some() && e.fix.is_some(), "{}", e.code);
            assert!(e.summary.ends_with('.'), "{}: a sentence", e.code);
        }
    }

    #[test]
    fn codes_are_declared_once() {
        let mut seen = std::collections::HashSet::new();
        for e in all() {
            assert!(seen.insert(e.code), "{} twice", e.code);
        }
        for o in objects() {
            assert!(seen.insert(o.name), "{} twice", o.name);
        }
    }
}
