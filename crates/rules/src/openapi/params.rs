//! Query parameters as OpenAPI parameters: a list kind's `Param`s (its comma-delimited
//! lists as `style: form, explode: false` arrays, which is what a comma list is in
//! OpenAPI), the authorize URL's, and Veeqo's pages.

use serde_json::{json, Value};

use crate::feedamp::authorize_url::{PARAMS, REQUIRED_PARAMS};
use crate::feedamp::query::{Param, Params, MAX_LIST_ITEMS, PAGE_SIZE};
use crate::feedamp::MAX_ID_CHARS;

pub(super) fn query(params: Params) -> Vec<Value> {
    params
        .iter()
        .map(|&(name, p)| {
            let mut out = json!({"name": name, "in": "query", "schema": schema(p)});
            if matches!(p, Param::Ids | Param::EnumList(_)) {
                out["style"] = json!("form");
                out["explode"] = json!(false);
                out["description"] = json!("A comma-delimited list.");
            }
            if matches!(p, Param::Since) {
                out["description"] =
                    json!("ISO 8601; without an offset, America/New_York (the spec).");
            }
            out
        })
        .collect()
}

fn schema(p: Param) -> Value {
    match p {
        Param::Ids => json!({
            "type": "array", "minItems": 1, "maxItems": MAX_LIST_ITEMS,
            "items": {"type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS, "pattern": "^[^,]*\\S[^,]*$"},
        }),
        Param::EnumList(allowed) => {
            json!({"type": "array", "minItems": 1, "items": {"enum": allowed}})
        }
        Param::OneOf(allowed) => json!({"enum": allowed}),
        Param::Since => json!({"type": "string", "format": "date-time"}),
        Param::Flag => json!({"type": "boolean"}),
        Param::PageSize => {
            json!({"type": "integer", "minimum": PAGE_SIZE.0, "maximum": PAGE_SIZE.1, "default": 20})
        }
        Param::Cursor => json!({"type": "string", "minLength": 1}),
    }
}

/// `GET /authorize`'s parameters: the seller's browser is sent there.
pub(super) fn authorize() -> Vec<Value> {
    PARAMS
        .iter()
        .map(|&name| {
            let schema = match name {
                "response_type" => json!({"const": "code"}),
                "code_challenge_method" => json!({"enum": ["S256"]}),
                "redirect_url" => json!({"type": "string", "format": "uri"}),
                _ => json!({"type": "string", "minLength": 1}),
            };
            json!({"name": name, "in": "query", "required": REQUIRED_PARAMS.contains(&name), "schema": schema})
        })
        .collect()
}

/// Veeqo's list pages: `page` from 1, `page_size` up to 100 (12 unless given).
pub(super) fn veeqo_pages() -> Vec<Value> {
    vec![
        json!({"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}}),
        json!({"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 12}}),
    ]
}
