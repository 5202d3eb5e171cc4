//! `POST /shipping/api/v1/shipments`: books a shipment from a quote of the rates answer
//! ("Veeqo Rate Shopping API: Book a shipment"). Its structure is `shapes::BOOKING`;
//! here, the two ids the rates answer gives, each in its own place.

use orderlint_json::Value;

use super::shapes;
use crate::codes;
use crate::fields::Obj;
use crate::pointer::Ptr;
use crate::shape::{text_of, walk};
use crate::text::{has_placeholder, quote};
use crate::{Context, Report};

/// The reference page, cited on the issues.
pub const BOOK: &str = "Veeqo Rate Shopping API: Book a shipment";

/// How a quote's id starts: "amazon_shipping_v2-" and a UUID (the reference's examples;
/// the carrier is "currently Amazon Shipping V2").
const RATE_PREFIX: &str = "amazon_shipping_v2-";
/// How a remote shipment id starts in every example of the reference: "prb…".
const SHIPMENT_PREFIX: &str = "prb";

pub fn check(v: &Value, _ctx: Option<&Context>, r: &mut Report) {
    let Some(o) = walk(&shapes::BOOKING, v, Ptr::root(), r) else {
        return;
    };
    let at = o.at("shipments");
    let Some(list) = o.present("shipments").and_then(Value::as_array) else {
        return;
    };
    for (i, s) in list.iter().enumerate() {
        if let Some(s) = Obj::peek(s, at.idx(i), shapes::BOOKING_SHIPMENT.entity) {
            ids(&s, r);
        }
    }
}

fn ids(s: &Obj, r: &mut Report) {
    let shipment = text_of(s, "remote_shipment_id").filter(|t| !has_placeholder(t));
    let rate = text_of(s, "rate_id").filter(|t| !has_placeholder(t));
    if let (Some(shipment), Some(rate)) = (shipment, rate) {
        if shipment.starts_with(RATE_PREFIX) && rate.starts_with(SHIPMENT_PREFIX) {
            r.report_cited(&codes::VEEQO_SHIPMENT_BOOKING_SHIPMENT_IDS_SWAPPED, s.at("rate_id").as_str(), format!(
                "rate_id {} and remote_shipment_id {} are swapped; rate_id is the quote's name (\"{RATE_PREFIX}…\") and remote_shipment_id the rates answer's (\"{SHIPMENT_PREFIX}…\").",
                quote(rate), quote(shipment)
            ), BOOK);
            return;
        }
    }
    if let Some(rate) = rate.filter(|t| !t.trim().is_empty()) {
        if !rate.starts_with(RATE_PREFIX) {
            r.report_cited(&codes::VEEQO_SHIPMENT_BOOKING_SHIPMENT_RATE_ID_NOT_A_QUOTE, s.at("rate_id").as_str(), format!(
                "rate_id {} does not look like a quote's name (\"{RATE_PREFIX}\" and a UUID); copy the name of the quote you chose from the rates answer.",
                quote(rate)
            ), BOOK);
        }
    }
}
