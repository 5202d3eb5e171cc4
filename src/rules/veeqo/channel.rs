//! `POST /channels`: the Amazon custom-integration channel (guide, step 1).

use serde_json::Value;

use super::{wrapped, GUIDE};
use crate::rules::checks::currency;
use crate::rules::fields::{OPTIONAL, REQUIRED};
use crate::rules::text::quote;
use crate::rules::{Report, Severity};

const E: &str = "veeqo.channel";

const FIELDS: &[&str] = &[
    "name",
    "type_code",
    "currency_code",
    "short_name",
    "veeqo_dictates_stock_level",
    "custom_integration_channel_specific_attributes",
];

/// The most characters `short_name` may have.
pub const SHORT_NAME_MAX: usize = 2;

pub fn check(v: &Value, r: &mut Report) {
    let Some(ch) = wrapped(r, v, "channel", E, FIELDS) else {
        return;
    };
    ch.unknown_fields(r, FIELDS);
    ch.text(r, "name", REQUIRED);

    if let Some(t) = ch.string(r, "type_code", REQUIRED) {
        if t != "custom_integration" {
            r.cite(
                Severity::Error,
                ch.at("type_code").as_str(),
                "veeqo.channel.type_code.not_custom_integration",
                format!(
                    "type_code is {}; Buyer Protection needs \"custom_integration\".",
                    quote(t)
                ),
                GUIDE,
            );
        }
    }

    currency(&ch, r, "currency_code", REQUIRED);

    if let Some(s) = ch.text(r, "short_name", REQUIRED) {
        let n = s.chars().count();
        if n > SHORT_NAME_MAX {
            let cut: String = s.chars().take(SHORT_NAME_MAX).collect();
            r.cite(
                Severity::Error,
                ch.at("short_name").as_str(),
                "veeqo.channel.short_name.too_long",
                format!(
                    "short_name {} has {n} characters; the maximum is {SHORT_NAME_MAX}, e.g. \"{cut}\".",
                    quote(s)
                ),
                GUIDE,
            );
        }
    }

    ch.boolean(r, "veeqo_dictates_stock_level", OPTIONAL);

    if ch
        .present("custom_integration_channel_specific_attributes")
        .is_none()
        && ch.present("custom_integration_channel_specific").is_some()
    {
        // The response's spelling, sent back as a request: name the request's spelling.
        r.cite(
            Severity::Error,
            ch.at("custom_integration_channel_specific").as_str(),
            "veeqo.channel.custom_integration_channel_specific_attributes.misnamed",
            "Requests spell it \"custom_integration_channel_specific_attributes\"; \"custom_integration_channel_specific\" is the response's name.",
            GUIDE,
        );
        return;
    }
    let Some(attrs) = ch.object(
        r,
        "custom_integration_channel_specific_attributes",
        REQUIRED,
        "veeqo.channel.custom_integration_channel_specific_attributes",
    ) else {
        return;
    };
    attrs.unknown_fields(r, &["integration_type"]);
    if let Some(it) = attrs.string(r, "integration_type", REQUIRED) {
        if it != "amazon" {
            let fix = if it.eq_ignore_ascii_case("amazon") {
                "it is case-sensitive: write \"amazon\""
            } else {
                "Buyer Protection needs \"amazon\""
            };
            r.cite(
                Severity::Error,
                attrs.at("integration_type").as_str(),
                "veeqo.channel.integration_type.not_amazon",
                format!("integration_type is {}; {fix}.", quote(it)),
                GUIDE,
            );
        }
    }
}
