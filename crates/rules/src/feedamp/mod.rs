//! FeedAMP Order Source API 0.2.0: OAuth, orders and their marketplace state, order
//! queries and error reports. One file per payload kind; `state` holds the marketplace
//! state machine, shared with the sandbox.

pub mod authorize_url;
pub mod carriers;
mod currencies;
pub mod order;
pub mod order_errors;
pub mod orders_query;
pub mod propose;
pub mod query;
pub mod refund_check;
pub mod refund_errors;
pub mod refunds_query;
mod reports;
pub mod return_errors;
pub mod return_request;
pub mod returns_query;
pub mod shapes;
pub mod state;
pub mod token_request;

use crate::checks::Currencies;
use crate::codes;
use crate::shape::{Dialect, Entity};

pub use currencies::CURRENCIES;

/// The spec's currency enum (ISOCurrencyCodes), which FeedAMP's dialect takes.
pub const SPEC_CURRENCIES: Currencies = Currencies {
    list: CURRENCIES,
    what: "a currency FeedAMP accepts",
    advice: "use a three-letter code from the spec's ISOCurrencyCodes, e.g. \"USD\"",
};

/// Where the rules come from, cited on the issues that enforce them.
pub const SPEC: &str = "FeedAMP Order Source API 0.2.0";

/// OAuth's forms, the list filters and the error reports, each read as the payloads are,
/// from its own part of the spec.
pub(crate) static OAUTH: Dialect = shapes::dialect(codes::S_OAUTH);
pub(crate) static QUERY: Dialect = shapes::dialect(codes::S_QUERY);
pub(crate) static ERRORS: Dialect = shapes::dialect(codes::S_ERRORS);

/// The objects of FeedAMP's payloads that are not shapes, read from their tables: OAuth's
/// forms, the list filters, the error reports and their entries.
pub(crate) fn entities() -> impl Iterator<Item = Entity> {
    let errors = [
        &order_errors::REPORT,
        &refund_errors::REPORT,
        &return_errors::REPORT,
    ];
    [
        token_request::ENTITY,
        authorize_url::ENTITY,
        orders_query::ENTITY,
        refunds_query::ENTITY,
        returns_query::ENTITY,
    ]
    .into_iter()
    .chain(errors.into_iter().flat_map(reports::Spec::entities))
}

/// The spec's longest marketplace order number and line number.
pub const MAX_ID_CHARS: usize = 128;

pub fn is_currency(code: &str) -> bool {
    SPEC_CURRENCIES.contains(code)
}

#[cfg(test)]
mod tests {
    #[test]
    fn currencies_sorted() {
        assert!(super::CURRENCIES.windows(2).all(|w| w[0] < w[1]));
        assert!(super::is_currency("ZWL") && !super::is_currency("ZWG"));
    }
}
