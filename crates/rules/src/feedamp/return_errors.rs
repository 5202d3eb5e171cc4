//! `POST /orders/{n}/returns/{mp_return_number}/errors`: why a return's refund failed.

use orderlint_json::Value;

use super::reports::{self, object, Spec};
use crate::Report;

pub const CODES: &[&str] = &[
    "EXCESS_REFUND",
    "FULL_REFUND_REQUIRED",
    "INVALID_CURRENCY",
    "INVALID_ITEM_REFUND",
    "INVALID_INVALID_ITEM_TAX_REFUND",
    "INVALID_QUANTITY",
    "INVALID_SHIPPING",
    "MP_LINE_NUMBER_DOES_NOT_EXIST",
];

pub(crate) static REPORT: Spec = Spec {
    entity: object("feedamp.return_errors"),
    entry: object("feedamp.return_errors.error"),
    codes: CODES,
    debug: None,
    misprint: None,
};

pub fn check(v: &Value, r: &mut Report) {
    reports::check(v, &REPORT, None, r);
}
