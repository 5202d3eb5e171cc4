//! The authorize URL the seller is sent to: `https://DOMAIN/authorize?response_type=code&
//! client_id=…&redirect_url=…&state=…`. The payload is the URL as a JSON string, or its
//! query parameters as an object (then each issue points at its parameter).

use crate::codes::{self, Check};
use crate::shape::Entity;
use orderlint_json::{Document, Value};

use super::shapes::entity;
use super::SPEC;
use crate::fields::{Obj, OPTIONAL, REQUIRED};
use crate::pointer::Ptr;
use crate::text::quote;
use crate::Report;
use orderlint_text::url::parse_query;

pub(crate) const ENTITY: Entity = entity("feedamp.authorize_url", &super::OAUTH);
/// The spec's four, and PKCE's two (RFC 7636), which orderlint's page sends when asked.
pub(crate) const PARAMS: &[&str] = &[
    "response_type",
    "client_id",
    "redirect_url",
    "state",
    "code_challenge",
    "code_challenge_method",
];
/// The parameters every authorize URL needs.
pub(crate) const REQUIRED_PARAMS: &[&str] =
    &["response_type", "client_id", "redirect_url", "state"];
/// Shorter states are guessable; the page makes 32 random characters.
pub const MIN_STATE_CHARS: usize = 16;

pub fn check(v: &Value, r: &mut Report) {
    let params;
    let doc = match v {
        Value::String(url) => {
            let Some(q) = url_check(url, r) else { return };
            params = Document::from_serde(&serde_json::Value::Object(
                parse_query(q)
                    .into_iter()
                    .map(|(k, v)| (k, serde_json::Value::String(v)))
                    .collect::<serde_json::Map<_, _>>(),
            ));
            params.value()
        }
        other => other,
    };
    let Some(o) = Obj::new(r, doc, Ptr::root(), ENTITY) else {
        return;
    };
    if o.present("client_secret").is_some() {
        r.report(
            &codes::FEEDAMP_AUTHORIZE_URL_CLIENT_SECRET_EXPOSED,
            o.at("client_secret").as_str(),
            "The client secret must never be in a URL: the seller's browser, logs and history would see it. Remove it; it belongs only in POST /access_token.",
        );
    }
    if o.present("redirect_uri").is_some() && o.present("redirect_url").is_none() {
        r.report_cited(
            &codes::FEEDAMP_AUTHORIZE_URL_REDIRECT_URI_MISSPELLED,
            o.at("redirect_uri").as_str(),
            "FeedAMP spells it redirect_url (not OAuth's usual redirect_uri); rename the parameter.",
            SPEC,
        );
    } else if let Some(u) = o.text(r, "redirect_url", needed("redirect_url")) {
        if !(u.starts_with("https://")
            || u.starts_with("http://localhost")
            || u.starts_with("http://127.0.0.1"))
        {
            o.report(
                r,
                "redirect_url",
                Check::Invalid,
                format!(
                    "redirect_url {} must be an absolute https:// URL (http only for localhost).",
                    quote(u)
                ),
            );
        }
    }
    let known: Vec<&str> = PARAMS
        .iter()
        .copied()
        .chain(["client_secret", "redirect_uri"])
        .collect();
    o.unknown_fields(r, &known);
    if let Some(t) = o.string(r, "response_type", needed("response_type")) {
        if t != "code" {
            r.field_cited(
                o.entity,
                "response_type",
                Check::Invalid,
                o.at("response_type").as_str(),
                format!("response_type is {}; only \"code\" is supported.", quote(t)),
                SPEC,
            );
        }
    }
    o.text(r, "client_id", needed("client_id"));
    if o.text(r, "code_challenge", OPTIONAL).is_some() {
        crate::checks::enum_value(&o, r, "code_challenge_method", REQUIRED, &["S256"]);
    }
    if let Some(s) = o.text(r, "state", needed("state")) {
        if s.chars().count() < MIN_STATE_CHARS {
            r.report(
                &codes::FEEDAMP_AUTHORIZE_URL_STATE_WEAK,
                o.at("state").as_str(),
                format!("state {} is short; use at least {MIN_STATE_CHARS} random characters, new for every authorization, and check it on return.", quote(s)),
            );
        }
    }
}

fn needed(name: &str) -> bool {
    REQUIRED_PARAMS.contains(&name)
}

/// The URL's own shape; returns its query string.
fn url_check<'a>(url: &'a str, r: &mut Report) -> Option<&'a str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest.filter(|r| !r.is_empty() && !r.starts_with('/')) else {
        r.object(
            ENTITY,
            Check::Invalid,
            "",
            format!("{} is not an absolute http(s) URL.", quote(url)),
        );
        return None;
    };
    if url.starts_with("http://")
        && !(rest.starts_with("localhost") || rest.starts_with("127.0.0.1"))
    {
        r.report(
            &codes::FEEDAMP_AUTHORIZE_URL_NOT_HTTPS,
            "",
            "The authorize URL uses http://; use https:// outside local testing.",
        );
    }
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !path.trim_end_matches('/').ends_with("/authorize") {
        r.report(
            &codes::FEEDAMP_AUTHORIZE_URL_PATH,
            "",
            format!("The path {} does not end in /authorize.", quote(path)),
        );
    }
    Some(query.split('#').next().unwrap_or(""))
}
