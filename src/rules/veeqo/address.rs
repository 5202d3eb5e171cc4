//! Veeqo addresses (billing and delivery).

use crate::rules::checks::{country_alpha2, email};
use crate::rules::fields::{Obj, OPTIONAL, REQUIRED};
use crate::rules::Report;

pub const FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "company",
    "address1",
    "address2",
    "address3",
    "city",
    "state",
    "zip",
    "country",
    "phone",
    "email",
];

pub fn check(a: &Obj, r: &mut Report) {
    a.unknown_fields(r, FIELDS);
    for n in [
        "first_name",
        "last_name",
        "company",
        "address2",
        "address3",
        "state",
        "phone",
    ] {
        a.string(r, n, OPTIONAL);
    }
    a.text(r, "address1", REQUIRED);
    a.text(r, "city", REQUIRED);
    a.text(r, "zip", REQUIRED);
    country_alpha2(a, r, "country", REQUIRED);
    email(a, r, "email", OPTIONAL);
    if a.present("first_name").is_none()
        && a.present("last_name").is_none()
        && a.present("company").is_none()
    {
        r.warn(
            a.ptr.as_str(),
            format!("{}.no_name", a.entity),
            "The address has no first_name, last_name or company; carriers need a name to deliver to.",
        );
    }
}
