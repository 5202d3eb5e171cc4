//! `POST /channels`: the Amazon custom-integration channel (guide, step 1). The structure
//! is `shapes::CHANNEL`; here are the guide's rules for Buyer Protection.

use crate::codes::{self, Check};
use orderlint_json::Value;

use super::{wrapped, GUIDE};
use crate::fields::Obj;
use crate::fix::Fix;
use crate::shape::text_of;
use crate::text::quote;
use crate::Report;

/// The most characters `short_name` may have (the guide).
pub const SHORT_NAME_MAX: usize = 2;

const ATTRS: &str = "custom_integration_channel_specific_attributes";

pub fn check(v: &Value, r: &mut Report) {
    let Some(ch) = wrapped(r, v, crate::Kind::VeeqoChannel) else {
        return;
    };
    if let Some(t) = text_of(&ch, "type_code") {
        if t != "custom_integration" {
            r.report_cited(
                &codes::VEEQO_CHANNEL_TYPE_CODE_NOT_CUSTOM_INTEGRATION,
                ch.at("type_code").as_str(),
                format!(
                    "type_code is {}; Buyer Protection needs \"custom_integration\".",
                    quote(t)
                ),
                GUIDE,
            );
        }
    }
    if let Some(s) = text_of(&ch, "short_name") {
        short_name(&ch, s, r);
    }
    integration(&ch, r);
}

fn short_name(ch: &Obj, s: &str, r: &mut Report) {
    let at = ch.at("short_name");
    let n = s.chars().count();
    if s.trim().is_empty() {
        ch.report(
            r,
            "short_name",
            Check::Blank,
            "short_name is blank; Veeqo shows it as the channel's badge on every order: give it 1 or 2 characters such as \"AZ\".",
        );
    } else if n > SHORT_NAME_MAX {
        let cut: String = s.chars().take(SHORT_NAME_MAX).collect();
        r.report_cited(&codes::VEEQO_CHANNEL_SHORT_NAME_TOO_LONG, at.as_str(), format!(
                "short_name {} has {n} characters; the maximum is {SHORT_NAME_MAX}, e.g. \"{cut}\".",
                quote(s)
            ), GUIDE);
        // A suggestion: the first characters are a guess at the badge the seller wants.
        r.fix(Fix::string(format!("Cut it to \"{cut}\""), &cut).suggestion());
    }
}

/// `integration_type: "amazon"` under the custom-integration attributes.
fn integration(ch: &Obj, r: &mut Report) {
    if ch.present(ATTRS).is_none() {
        let (at, code, msg) = if ch.present("custom_integration_channel_specific").is_some() {
            // The response's spelling, sent back as a request.
            (
                ch.at("custom_integration_channel_specific"),
                &codes::VEEQO_CHANNEL_CUSTOM_INTEGRATION_CHANNEL_SPECIFIC_ATTRIBUTES_MISNAMED,
                "Requests spell it \"custom_integration_channel_specific_attributes\"; \"custom_integration_channel_specific\" is the response's name.",
            )
        } else {
            (
                ch.at(ATTRS),
                &codes::VEEQO_CHANNEL_CUSTOM_INTEGRATION_CHANNEL_SPECIFIC_ATTRIBUTES_REQUIRED,
                "custom_integration_channel_specific_attributes is missing; Buyer Protection needs {\"integration_type\": \"amazon\"} there.",
            )
        };
        r.report_cited(code, at.as_str(), msg, GUIDE);
        return;
    }
    let Some(attrs) = ch
        .present(ATTRS)
        .and_then(|v| Obj::peek(v, ch.at(ATTRS), super::shapes::CUSTOM_INTEGRATION.entity))
    else {
        return;
    };
    let at = attrs.at("integration_type");
    match attrs.present("integration_type") {
        None => r.report_cited(
            &codes::VEEQO_CHANNEL_INTEGRATION_TYPE_REQUIRED,
            at.as_str(),
            "integration_type is missing; Buyer Protection needs \"amazon\".",
            GUIDE,
        ),
        Some(_) => {
            let Some(it) = text_of(&attrs, "integration_type") else {
                return;
            };
            if it != "amazon" {
                let fix = if it.eq_ignore_ascii_case("amazon") {
                    "it is case-sensitive: write \"amazon\""
                } else {
                    "Buyer Protection needs \"amazon\""
                };
                r.report_cited(
                    &codes::VEEQO_CHANNEL_INTEGRATION_TYPE_NOT_AMAZON,
                    at.as_str(),
                    format!("integration_type is {}; {fix}.", quote(it)),
                    GUIDE,
                );
            }
        }
    }
}
