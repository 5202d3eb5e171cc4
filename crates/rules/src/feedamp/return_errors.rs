//! `POST /orders/{n}/returns/{mp_return_number}/errors`: why a return's refund failed.

use orderlint_json::Value;

use super::reports::{self, Shape};
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

pub fn check(v: &Value, r: &mut Report) {
    let shape = Shape {
        entity: "feedamp.return_errors",
        entry: "feedamp.return_errors.error",
        codes: CODES,
        per_line: false,
        lines: None,
        misprint: None,
    };
    reports::check(v, &shape, r);
}
