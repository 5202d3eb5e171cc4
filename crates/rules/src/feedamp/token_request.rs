//! `POST /access_token`: exchange an authorization code, or a refresh token, for tokens.
//! The payload is the form's fields as a JSON object, or the form-encoded body as a string.

use crate::codes::Check;
use crate::shape::Entity;
use orderlint_json::{Document, Value};

use super::shapes::entity;
use super::SPEC;
use crate::checks::enum_value;
use crate::fields::{Obj, OPTIONAL, REQUIRED};
use crate::pointer::Ptr;
use crate::Report;
use orderlint_text::url::parse_query;

pub(crate) const ENTITY: Entity = entity("feedamp.token_request", &super::OAUTH);
pub const GRANT_TYPES: &[&str] = &["authorization_code", "refresh_token"];
/// Each grant's credential, and the other one, which it ignores.
pub(crate) const GRANTS: &[(&str, &str, &str)] = &[
    ("authorization_code", "code", "refresh_token"),
    ("refresh_token", "refresh_token", "code"),
];
/// The fields every token request needs, whatever its grant.
pub(crate) const REQUIRED_FIELDS: &[&str] = &["grant_type", "client_id", "client_secret"];
pub(crate) const FIELDS: &[&str] = &[
    "grant_type",
    "code",
    "refresh_token",
    "client_id",
    "client_secret",
    // PKCE (RFC 7636), when the authorization sent a code_challenge.
    "code_verifier",
];

pub fn check(v: &Value, r: &mut Report) {
    // A form-encoded body is read as its fields; pointers then name the fields.
    let form;
    let doc = match v {
        Value::String(s) if s.contains('=') => {
            form = Document::from_serde(&serde_json::Value::Object(
                parse_query(s.trim())
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect::<serde_json::Map<_, _>>(),
            ));
            form.value()
        }
        other => other,
    };
    let Some(o) = Obj::new(r, doc, Ptr::root(), ENTITY) else {
        return;
    };
    o.unknown_fields(r, FIELDS);
    let grant = enum_value(&o, r, "grant_type", REQUIRED, GRANT_TYPES);
    for name in &REQUIRED_FIELDS[1..] {
        o.text(r, name, REQUIRED);
    }
    let Some((_, needed, stray)) = grant.and_then(|g| GRANTS.iter().find(|(x, ..)| *x == g)) else {
        return;
    };
    let (needed, stray) = (*needed, *stray);
    if o.present(needed).is_none() {
        r.field_cited(
            o.entity,
            needed,
            Check::Required,
            o.at(needed).as_str(),
            format!(
                "grant_type {} needs \"{needed}\".",
                grant.unwrap_or_default()
            ),
            SPEC,
        );
    } else {
        o.text(r, needed, REQUIRED);
    }
    if o.present(stray).is_some() {
        o.string(r, stray, OPTIONAL);
        o.report(
            r,
            stray,
            Check::Ignored,
            format!(
                "\"{stray}\" is ignored with grant_type {}; leave it out.",
                grant.unwrap_or_default()
            ),
        );
    }
}
