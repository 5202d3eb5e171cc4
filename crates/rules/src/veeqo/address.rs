//! What a delivery address needs for a shipping label. Veeqo's docs make every address
//! field optional, so these are warnings: the order is accepted, the label is not.

use crate::codes;
use crate::fields::Obj;
use crate::Report;

/// The fields a carrier needs to print a label.
const FOR_LABEL: &[&str] = &["address1", "city", "zip", "country"];

pub fn deliverable(a: &Obj, r: &mut Report) {
    let missing: Vec<&str> = FOR_LABEL
        .iter()
        .copied()
        .filter(|n| {
            a.present(n)
                .is_none_or(|v| v.as_str().is_some_and(|s| s.trim().is_empty()))
        })
        .collect();
    if !missing.is_empty() {
        r.report(&codes::VEEQO_ORDER_DELIVER_TO_INCOMPLETE, a.ptr.as_str(), format!(
                "The delivery address has no {}; Veeqo accepts the order, but no shipping label can be bought for it.",
                missing.join(", ")
            ));
    }
    if ["first_name", "last_name", "company"]
        .iter()
        .all(|n| a.present(n).is_none())
    {
        r.report(
            &codes::VEEQO_ORDER_DELIVER_TO_NO_NAME,
            a.ptr.as_str(),
            "The delivery address has no first_name, last_name or company; carriers need a name to deliver to.",
        );
    }
}
