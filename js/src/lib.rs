//! orderlint for JavaScript: `validate(kind, payload)`, `validateMany(kind, jsonl)` (text or
//! its UTF-8 bytes), `detect(payload)`, `fix(kind, payload)`, `schema(kind)`, `kinds()` and `explain(code)`, over the same rule engine as the page and the CLI. Bad arguments throw an
//! `Error` with a message; the engine itself never panics.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JsString, Uint8Array};
use orderlint_bulk::input::{json_lines, json_lines_bytes, not_utf8};
use orderlint_rules::request::is_request;
use orderlint_rules::{
    codes, detect as detect_kind, outcome_for_text, outcome_for_text_auto, parse, Kind,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// The platform's UTF-8 encoder (Node and browsers alike).
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, source: &JsString, dest: &Uint8Array) -> Encoded;
    /// What `encodeInto` did: UTF-16 units read, bytes written.
    type Encoded;
    #[wasm_bindgen(method, getter)]
    fn read(this: &Encoded) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &Encoded) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// Appends as much of `s`'s UTF-8 as fits in `buf`'s spare capacity (whole characters
/// only); returns the UTF-16 units read.
fn encode_into_spare(s: &JsString, buf: &mut Vec<u8>) -> usize {
    let spare = buf.spare_capacity_mut();
    // SAFETY: the view is used at once, before anything allocates (a memory that grows
    // detaches it), and the encoder writes `written` initialised bytes at its start.
    let done = ENCODER.with(|e| {
        let view = unsafe { Uint8Array::view_mut_raw(spare.as_mut_ptr().cast(), spare.len()) };
        e.encode_into(s, &view)
    });
    let written = done.written() as usize;
    unsafe { buf.set_len(buf.len() + written) };
    done.read() as usize
}

/// A JS string's UTF-8, written by the platform's encoder straight into the module's
/// memory. (wasm-bindgen's own copy goes a UTF-16 unit at a time in JS until the first
/// character that is not ASCII: a fifth of `validateMany`'s time on a large file.)
fn utf8_of(s: &JsString) -> String {
    let units = s.length() as usize;
    // ASCII is a byte a unit; what is left after it, at most three.
    let mut buf = Vec::with_capacity(units);
    let read = encode_into_spare(s, &mut buf);
    if read < units {
        buf.reserve((units - read) * 3);
        encode_into_spare(&s.slice(read as u32, units as u32), &mut buf);
    }
    // SAFETY: the encoder writes UTF-8 only (a lone surrogate becomes U+FFFD).
    unsafe { String::from_utf8_unchecked(buf) }
}

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
    match payload.dyn_ref::<JsString>() {
        Some(s) => Ok(utf8_of(s)),
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

/// An API's OpenAPI 3.1 document (`"veeqo"` or `"feedamp"`), made from the same tables:
/// the document `orderlint openapi --api A` prints.
#[wasm_bindgen]
pub fn openapi(api: &str) -> Result<JsValue, JsError> {
    let api = api.parse().map_err(|e: String| JsError::new(&e))?;
    to_js(&orderlint_rules::openapi::document(api))
}

/// How an API's answer differs from its documented shape: `[{pointer, message}]`, empty
/// when it matches (fields the API adds are fine). `path` is the request's path below the
/// API's base (a proxy's prefix and a query string are allowed).
#[wasm_bindgen(js_name = checkAnswer)]
pub fn check_answer(
    api: &str,
    method: &str,
    path: &str,
    status: u16,
    body: &str,
) -> Result<JsValue, JsError> {
    let api = api.parse().map_err(|e: String| JsError::new(&e))?;
    let found: Vec<_> = orderlint_rules::openapi::drift::check(api, method, path, status, body)
        .into_iter()
        .map(|d| Drift {
            pointer: d.pointer,
            message: d.message,
        })
        .collect();
    to_js(&found)
}

#[derive(serde::Serialize)]
struct Drift {
    pointer: String,
    message: String,
}

/// Validates JSON Lines, given as text or as its UTF-8 bytes (a `Uint8Array` or `Buffer`):
/// one outcome per non-blank line, in order. A line that is not JSON (or not UTF-8) gives
/// an outcome with one `json.syntax` error, so results stay aligned.
#[wasm_bindgen(js_name = validateMany)]
pub fn validate_many(kind: &str, jsonl: JsValue) -> Result<Array, JsError> {
    let kind = kind_of(kind)?;
    let rows = Array::new();
    let lines = |text: &str| -> Result<(), JsError> {
        for p in json_lines(text) {
            rows.push(&to_js(&outcome_for_text(kind, p.text, None, p.line).0)?);
        }
        Ok(())
    };
    if let Some(s) = jsonl.dyn_ref::<JsString>() {
        lines(&utf8_of(s))?;
    } else if let Some(b) = jsonl.dyn_ref::<Uint8Array>() {
        let bytes = b.to_vec();
        match std::str::from_utf8(&bytes) {
            Ok(text) => lines(text)?,
            // The lines that are UTF-8 are checked; each of the others is its own error.
            Err(_) => {
                for l in json_lines_bytes(&bytes) {
                    let outcome = match l.text {
                        Ok(text) => outcome_for_text(kind, text, None, l.line).0,
                        Err(e) => not_utf8(l.line, l.bytes, e).0,
                    };
                    rows.push(&to_js(&outcome)?);
                }
            }
        }
    } else {
        return Err(JsError::new(
            "jsonl must be JSON Lines: a string, or its UTF-8 bytes as a Uint8Array or Buffer",
        ));
    }
    Ok(rows)
}

/// `memcmp` for the module, 8 bytes at a time: on wasm32 the one compiler-builtins provides
/// (weakly linked, so this one replaces it) compares a byte at a time, and the engine's
/// key and enum comparisons spent 4-6% of `validate` and `validateMany` in it (node
/// --cpu-prof); with this one, 4.5% less time on the bench corpus. Checked against
/// `<[u8]>::cmp` on two million random pairs (lengths 0-39, any alignment, 0-2 differing
/// bytes): the same sign, and the same value, the first differing bytes' difference.
///
/// # Safety
///
/// As C's `memcmp`: `a` and `b` readable for `n` bytes.
#[no_mangle]
unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i + 8 <= n {
        // Wasm is little-endian: the lowest differing bit is in the first differing byte.
        let x = a.add(i).cast::<u64>().read_unaligned();
        let y = b.add(i).cast::<u64>().read_unaligned();
        if x != y {
            let d = i + ((x ^ y).trailing_zeros() / 8) as usize;
            return i32::from(*a.add(d)) - i32::from(*b.add(d));
        }
        i += 8;
    }
    while i < n {
        let (p, q) = (*a.add(i), *b.add(i));
        if p != q {
            return i32::from(p) - i32::from(q);
        }
        i += 1;
    }
    0
}
