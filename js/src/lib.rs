//! orderlint for JavaScript: `validate(kind, payload)`, `validateMany(kind, jsonl)`,
//! `detect(payload)`, `fix(kind, payload)`, `schema(kind)`, `kinds()` and `explain(code)`, over the same rule engine as the page and the CLI. Bad arguments throw an
//! `Error` with a message; the engine itself never panics.
#![cfg(target_arch = "wasm32")]

use orderlint_bulk::input::json_lines;
use orderlint_rules::request::is_request;
use orderlint_rules::{
    codes, detect as detect_kind, outcome_for_text, outcome_for_text_auto, parse, Kind,
};
use wasm_bindgen::prelude::*;

fn kind_of(kind: &str) -> Result<Kind, JsError> {
    kind.parse::<Kind>()
        .map_err(|e| JsError::new(&e.to_string()))
}

/// A Rust value as a plain JS object, built directly (serde-wasm-bindgen), maps as objects.
fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The kinds of payload, e.g. `"veeqo.order"`.
#[wasm_bindgen]
pub fn kinds() -> Vec<String> {
    Kind::ALL.iter().map(|k| k.name().to_string()).collect()
}

/// What an issue code means: its registry entry `{ code, severity, summary, source,
/// example?, fix? }` (for a field check, `code` is `*.<check>`), or `undefined` for a code
/// orderlint never emits.
#[wasm_bindgen]
pub fn explain(code: &str) -> Result<JsValue, JsError> {
    codes::lookup(code).map_or(Ok(JsValue::UNDEFINED), |e| to_js(&e))
}

/// A payload given as JSON text or as a plain object, as text.
fn text_of(payload: JsValue) -> Result<String, JsError> {
    match payload.as_string() {
        Some(s) => Ok(s),
        None if payload.is_undefined() => Err(JsError::new(
            "payload is missing: pass JSON text or an object",
        )),
        None => js_sys::JSON::stringify(&payload)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                JsError::new(
                    "payload cannot be turned into JSON (a cycle, a BigInt or a function?)",
                )
            }),
    }
}

/// Validates one payload, given as JSON text or as a plain object.
/// Returns `{ valid, issues: [{ pointer, code, severity, message, rule? }] }`. With kind
/// `"auto"`, the kind is told from the payload and the report adds `kind` (or `null`)
/// and `why`.
#[wasm_bindgen]
pub fn validate(kind: &str, payload: JsValue) -> Result<JsValue, JsError> {
    if kind == "auto" {
        let text = text_of(payload)?;
        let (outcome, d, syntax) = outcome_for_text_auto(&text, None, 1);
        if let Some(e) = syntax {
            return Err(JsError::new(&format!("payload is {e}")));
        }
        #[derive(serde::Serialize)]
        struct Told<'a> {
            kind: Option<Kind>,
            why: &'a str,
            #[serde(flatten)]
            outcome: &'a orderlint_rules::Outcome,
        }
        // A request that cannot be read has no detection: its one issue says why.
        let why = d.as_ref().map_or_else(
            || outcome.issues.first().map_or("", |i| i.message.as_str()),
            |d| d.why.as_str(),
        );
        return to_js(&Told {
            kind: d.as_ref().and_then(|d| d.kind),
            why,
            outcome: &outcome,
        });
    }
    let kind = kind_of(kind)?;
    let text = text_of(payload)?;
    let (outcome, syntax) = outcome_for_text(kind, &text, None, 1);
    if let Some(e) = syntax {
        return Err(JsError::new(&format!("payload is {e}")));
    }
    to_js(&outcome)
}

/// Which kind a payload is, told from the payload alone: `{ kind, why, fits }`, `kind`
/// `null` when several kinds fit alike (`fits` names them) or none does. A pasted request
/// (cURL or HTTP) is told by its endpoint.
#[wasm_bindgen]
pub fn detect(payload: JsValue) -> Result<JsValue, JsError> {
    let text = text_of(payload)?;
    if is_request(&text) {
        return match outcome_for_text_auto(&text, None, 1) {
            (_, Some(d), _) => to_js(&d),
            (o, None, _) => Err(JsError::new(
                &o.issues
                    .first()
                    .map_or(String::new(), |i| i.message.clone()),
            )),
        };
    }
    let v = parse(&text).map_err(|e| JsError::new(&format!("payload is {e}")))?;
    to_js(&detect_kind(v.value()))
}

/// Applies the safe fixes (with `unsafe`, the suggestions too) to a payload's text:
/// `{ text, fixed: [{ pointer, code, title }], report }`, `report` being the fixed text's.
/// Everything the fixes do not touch is kept byte for byte. Kind `"auto"` tells the kind.
#[wasm_bindgen]
pub fn fix(kind: &str, payload: JsValue, r#unsafe: Option<bool>) -> Result<JsValue, JsError> {
    let text = text_of(payload)?;
    let check = |t: &str| -> Result<orderlint_rules::Outcome, JsError> {
        let (o, syntax) = if kind == "auto" {
            let (o, _, e) = outcome_for_text_auto(t, None, 1);
            (o, e)
        } else {
            outcome_for_text(kind_of(kind)?, t, None, 1)
        };
        match syntax {
            Some(e) => Err(JsError::new(&format!("payload is {e}"))),
            None => Ok(o),
        }
    };
    check(&text)?; // text that is not JSON throws, as validate does
    let done = orderlint_rules::fix::fix_all(
        &text,
        |t| check(t).map(|o| o.issues).unwrap_or_default(),
        r#unsafe.unwrap_or(false),
    );
    let report = check(&done.text)?;
    #[derive(serde::Serialize)]
    struct Fixed {
        text: String,
        fixed: Vec<orderlint_rules::fix::Applied>,
        report: orderlint_rules::Outcome,
    }
    to_js(&Fixed {
        text: done.text,
        fixed: done.applied,
        report,
    })
}

/// A kind's JSON Schema (2020-12), made from the tables the checks use: the same document
/// `orderlint schema --kind K` prints.
#[wasm_bindgen]
pub fn schema(kind: &str) -> Result<JsValue, JsError> {
    to_js(&orderlint_rules::schema::schema(kind_of(kind)?))
}

/// Validates JSON Lines: one outcome per non-empty line, in order. A line that is not
/// JSON gives an outcome with one `json.syntax` error, so results stay aligned.
#[wasm_bindgen(js_name = validateMany)]
pub fn validate_many(kind: &str, jsonl: &str) -> Result<Vec<JsValue>, JsError> {
    let kind = kind_of(kind)?;
    json_lines(jsonl)
        .map(|p| to_js(&outcome_for_text(kind, p.text, None, p.line).0))
        .collect()
}
