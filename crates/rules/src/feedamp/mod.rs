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

use super::fields::Obj;
use super::Report;
use crate::codes;

pub use currencies::CURRENCIES;

/// Where the rules come from, cited on the issues that enforce them.
pub const SPEC: &str = "FeedAMP Order Source API 0.2.0";

/// The spec's longest marketplace order number and line number.
pub const MAX_ID_CHARS: usize = 128;

pub fn is_currency(code: &str) -> bool {
    CURRENCIES.binary_search(&code).is_ok()
}

/// A currency from the spec's own enum.
pub(crate) fn currency(o: &Obj, r: &mut Report, name: &str, required: bool) -> Option<String> {
    let s = o.string(r, name, required)?;
    if is_currency(s) {
        return Some(s.to_string());
    }
    let upper = s.trim().to_ascii_uppercase();
    let fix = if is_currency(&upper) {
        format!("write it as \"{upper}\"")
    } else {
        "use a three-letter code from the spec's ISOCurrencyCodes, e.g. \"USD\"".to_string()
    };
    r.error(
        o.at(name).as_str(),
        codes::field(o.entity, name, "invalid"),
        format!(
            "{} is {}, not a currency FeedAMP accepts; {fix}.",
            name,
            super::text::quote(s)
        ),
    );
    if is_currency(&upper) {
        r.fix(crate::fix::Fix::string(
            format!("Write \"{upper}\""),
            &upper,
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn currencies_sorted() {
        assert!(super::CURRENCIES.windows(2).all(|w| w[0] < w[1]));
        assert!(super::is_currency("ZWL") && !super::is_currency("ZWG"));
    }
}
