//! `POST /orders/{n}/refunds/{feedamp_refund_id}/errors`: why a seller-initiated refund
//! could not be processed.
//!
//! The spec's enum lists "INVALID_ITEM_REFUND INVALID_INVALID_ITEM_TAX_REFUND" as one
//! value: two codes fused by a missing quote. Each of the two is accepted on its own (the
//! return errors enum lists them apart); the fused string is refused with that advice.

use orderlint_json::Value;

use super::reports::{self, object, Spec};
use crate::Report;

pub const FUSED: &str = "INVALID_ITEM_REFUND INVALID_INVALID_ITEM_TAX_REFUND";

pub const CODES: &[&str] = &[
    "FULL_REFUND_REQUIRED",
    "EXCESS_ITEM_REFUND",
    "EXCESS_SHIPPING_REFUND",
    "INVALID_CURRENCY",
    "INVALID_DISCOUNT_REFUND",
    "INVALID_ITEM_REFUND",
    "INVALID_INVALID_ITEM_TAX_REFUND",
    "INVALID_REFUND_REASON",
    "INVALID_QUANTITY",
    "INVALID_SHIPPING",
    "INVALID_SHIPPING_TAX_REFUND",
    "LINE_ALREADY_REFUNDED",
    "MP_LINE_NUMBER_DOES_NOT_EXIST",
];

pub(crate) static REPORT: Spec = Spec {
    entity: object("feedamp.refund_errors"),
    entry: object("feedamp.refund_errors.error"),
    codes: CODES,
    debug: None,
    misprint: Some((
        FUSED,
        "INVALID_ITEM_REFUND or INVALID_INVALID_ITEM_TAX_REFUND",
    )),
};

pub fn check(v: &Value, r: &mut Report) {
    reports::check(v, &REPORT, None, r);
}
