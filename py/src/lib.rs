//! orderlint for Python: `validate(kind, payload)`, `validate_many(kind, lines)`,
//! `detect(payload)`, `fix(kind, payload)`, `explain(code)`, `kinds()` and `schema(kind)`,
//! over the same rule engine as the CLI, the npm module and the page. Reports are plain
//! dicts and lists, shaped as the npm module's objects. Misuse (an unknown kind, a payload
//! of the wrong type, text that is not JSON where a document is needed) raises; the engine
//! itself never panics. The interpreter lock is released while the engine runs.

use orderlint_bulk::input::{json_lines, json_lines_bytes, not_utf8};
use orderlint_rules::request::is_request;
use orderlint_rules::{
    codes, detect as detect_kind, outcome_for_text, outcome_for_text_auto, parse, Kind, Outcome,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

fn kind_of(kind: &str) -> PyResult<Kind> {
    kind.parse::<Kind>()
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A Rust value as plain Python data (dicts, lists, str, int, float, bool, None), through
/// the standard library's JSON reader, so every report has exactly the npm module's shape.
fn to_py(py: Python<'_>, value: &impl serde::Serialize) -> PyResult<PyObject> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let json = py.import("json")?;
    Ok(json.call_method1("loads", (text,))?.unbind())
}

/// A payload given as JSON text (`str` or UTF-8 `bytes`) or as Python data (a dict or a
/// list, written as JSON by the standard library), as text.
fn text_of(py: Python<'_>, payload: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = payload.downcast::<PyString>() {
        return s.extract::<String>();
    }
    if let Ok(b) = payload.downcast::<PyBytes>() {
        return String::from_utf8(b.as_bytes().to_vec())
            .map_err(|e| PyValueError::new_err(format!("payload is not UTF-8: {e}")));
    }
    let json = py.import("json")?;
    let text = json
        .call_method1("dumps", (payload,))
        .map_err(|e| PyTypeError::new_err(format!("payload must be JSON text (str or bytes) or JSON-serialisable data (a dict or a list): {e}")))?;
    text.extract()
}

fn syntax(e: orderlint_rules::ParseError) -> PyErr {
    PyValueError::new_err(format!("payload is {e}"))
}

/// The kinds of payload, e.g. `"veeqo.order"`.
#[pyfunction]
fn kinds() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.name()).collect()
}

/// What an issue code means: its registry entry (`code`, `severity`, `summary`, `source`,
/// and `example`, `fix` where it has them), or `None` for a code orderlint never emits.
#[pyfunction]
fn explain(py: Python<'_>, code: &str) -> PyResult<Option<PyObject>> {
    codes::lookup(code).map(|e| to_py(py, &e)).transpose()
}

/// A kind's JSON Schema (2020-12), made from the tables the checks use.
#[pyfunction]
fn schema(py: Python<'_>, kind: &str) -> PyResult<PyObject> {
    to_py(py, &orderlint_rules::schema::schema(kind_of(kind)?))
}

/// Validates one payload: `{"valid": bool, "issues": [{"pointer", "code", "severity",
/// "message", ...}]}`. With kind `"auto"` the kind is told from the payload and the report
/// adds `kind` (or `None`) and `why`. Text that is not JSON raises `ValueError` with the
/// line and column.
#[pyfunction]
fn validate(py: Python<'_>, kind: &str, payload: &Bound<'_, PyAny>) -> PyResult<PyObject> {
    let text = text_of(py, payload)?;
    if kind == "auto" {
        let (outcome, d, e) = py.allow_threads(|| outcome_for_text_auto(&text, None, 1));
        if let Some(e) = e {
            return Err(syntax(e));
        }
        #[derive(serde::Serialize)]
        struct Told<'a> {
            kind: Option<Kind>,
            why: &'a str,
            #[serde(flatten)]
            outcome: &'a Outcome,
        }
        let why = d.as_ref().map_or_else(
            || outcome.issues.first().map_or("", |i| i.message.as_str()),
            |d| d.why.as_str(),
        );
        return to_py(
            py,
            &Told {
                kind: d.as_ref().and_then(|d| d.kind),
                why,
                outcome: &outcome,
            },
        );
    }
    let kind = kind_of(kind)?;
    let (outcome, e) = py.allow_threads(|| outcome_for_text(kind, &text, None, 1));
    match e {
        Some(e) => Err(syntax(e)),
        None => to_py(py, &outcome),
    }
}

/// Validates JSON Lines (a `str`, or its UTF-8 as `bytes`): one report per non-blank line,
/// in order. A line that is not JSON (or not UTF-8) gets a report with one `json.syntax`
/// error, so reports stay aligned with the lines.
#[pyfunction]
fn validate_many(py: Python<'_>, kind: &str, lines: &Bound<'_, PyAny>) -> PyResult<PyObject> {
    let kind = kind_of(kind)?;
    let outcomes: Vec<Outcome> = if let Ok(s) = lines.downcast::<PyString>() {
        let text: String = s.extract()?;
        py.allow_threads(|| {
            json_lines(&text)
                .map(|p| outcome_for_text(kind, p.text, None, p.line).0)
                .collect()
        })
    } else if let Ok(b) = lines.downcast::<PyBytes>() {
        let bytes = b.as_bytes().to_vec();
        py.allow_threads(|| {
            json_lines_bytes(&bytes)
                .map(|l| match l.text {
                    Ok(text) => outcome_for_text(kind, text, None, l.line).0,
                    Err(e) => not_utf8(l.line, l.bytes, e).0,
                })
                .collect()
        })
    } else {
        return Err(PyTypeError::new_err(
            "lines must be JSON Lines: a str, or its UTF-8 as bytes",
        ));
    };
    to_py(py, &outcomes)
}

/// Which kind a payload is, told from the payload alone: `{"kind", "why", "fits"}`, `kind`
/// `None` when several kinds fit alike (`fits` names them) or none does. A pasted request
/// (cURL or HTTP) is told by its endpoint.
#[pyfunction]
fn detect(py: Python<'_>, payload: &Bound<'_, PyAny>) -> PyResult<PyObject> {
    let text = text_of(py, payload)?;
    if is_request(&text) {
        return match outcome_for_text_auto(&text, None, 1) {
            (_, Some(d), _) => to_py(py, &d),
            (o, None, _) => Err(PyValueError::new_err(
                o.issues
                    .first()
                    .map_or(String::new(), |i| i.message.clone()),
            )),
        };
    }
    let doc = parse(&text).map_err(syntax)?;
    to_py(py, &detect_kind(doc.value()))
}

/// Applies the safe fixes (with `unsafe=True`, the suggestions too) to a payload's text:
/// `{"text", "fixed": [{"pointer", "code", "title"}], "report"}`, `report` being the fixed
/// text's. Everything the fixes do not touch is kept byte for byte.
#[pyfunction]
#[pyo3(signature = (kind, payload, r#unsafe = false))]
fn fix(
    py: Python<'_>,
    kind: &str,
    payload: &Bound<'_, PyAny>,
    r#unsafe: bool,
) -> PyResult<PyObject> {
    let text = text_of(py, payload)?;
    let auto = kind == "auto";
    let kind = if auto { None } else { Some(kind_of(kind)?) };
    let check = |t: &str| -> (Outcome, Option<orderlint_rules::ParseError>) {
        match kind {
            None => {
                let (o, _, e) = outcome_for_text_auto(t, None, 1);
                (o, e)
            }
            Some(k) => outcome_for_text(k, t, None, 1),
        }
    };
    if let (_, Some(e)) = check(&text) {
        return Err(syntax(e));
    }
    let (done, report) = py.allow_threads(|| {
        let done = orderlint_rules::fix::fix_all(&text, |t| check(t).0.issues, r#unsafe);
        let report = check(&done.text).0;
        (done, report)
    });
    #[derive(serde::Serialize)]
    struct Fixed {
        text: String,
        fixed: Vec<orderlint_rules::fix::Applied>,
        report: Outcome,
    }
    to_py(
        py,
        &Fixed {
            text: done.text,
            fixed: done.applied,
            report,
        },
    )
}

/// The reports of a column of payloads, as flat little-endian buffers an Arrow table is
/// made from without a Python object per row (`orderlint.validate_arrow` assembles it).
#[derive(Default)]
struct Columns {
    valid: Vec<u8>,
    errors: Vec<u8>,
    warnings: Vec<u8>,
    /// Per row, where its issues start in the flat issue columns (Arrow list offsets).
    issue_offsets: Vec<u8>,
    issues: usize,
    strings: [Strings; 4],
}

/// One string column: Arrow's int32 offsets and UTF-8 data.
struct Strings {
    offsets: Vec<u8>,
    data: Vec<u8>,
}

impl Default for Strings {
    fn default() -> Self {
        Strings {
            offsets: 0i32.to_le_bytes().to_vec(),
            data: Vec::new(),
        }
    }
}

impl Strings {
    fn push(&mut self, s: &str) -> PyResult<()> {
        self.data.extend_from_slice(s.as_bytes());
        let end = i32::try_from(self.data.len()).map_err(|_| {
            PyValueError::new_err("the issues' text passes 2 GiB: validate smaller batches")
        })?;
        self.offsets.extend_from_slice(&end.to_le_bytes());
        Ok(())
    }
}

impl Columns {
    fn row(&mut self, outcome: Option<&Outcome>) -> PyResult<()> {
        let count = |severity| {
            outcome.map_or(0u32, |o| {
                o.issues.iter().filter(|i| i.severity == severity).count() as u32
            })
        };
        let errors = count(orderlint_rules::Severity::Error);
        self.valid.push(u8::from(outcome.is_some() && errors == 0));
        self.errors.extend_from_slice(&errors.to_le_bytes());
        self.warnings
            .extend_from_slice(&count(orderlint_rules::Severity::Warning).to_le_bytes());
        for i in outcome.map_or(&[][..], |o| &o.issues[..]) {
            let [pointer, code, severity, message] = &mut self.strings;
            pointer.push(&i.pointer)?;
            code.push(&i.code)?;
            severity.push(i.severity.as_str())?;
            message.push(&i.message)?;
            self.issues += 1;
        }
        let end = i32::try_from(self.issues)
            .map_err(|_| PyValueError::new_err("too many issues in one batch"))?;
        self.issue_offsets.extend_from_slice(&end.to_le_bytes());
        Ok(())
    }
}

/// Validates the rows of an Arrow string or binary column given as its buffers: `data`,
/// `offsets` (int32, or int64 when `wide`), the `validity` bitmap (or `None`), and the
/// array's `offset` and `length`. A null row gets no report (`None` in `nulls`' place).
/// Returns `(valid, errors, warnings, issue_offsets, issues, [(offsets, data)] * 4)`.
#[pyfunction]
#[pyo3(signature = (kind, data, offsets, wide, validity, offset, length))]
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn _validate_buffers<'py>(
    py: Python<'py>,
    kind: &str,
    data: &[u8],
    offsets: &[u8],
    wide: bool,
    validity: Option<&[u8]>,
    offset: usize,
    length: usize,
) -> PyResult<(
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    usize,
    Vec<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)>,
)> {
    // "auto": each row's kind is told from the row.
    let kind = if kind == "auto" {
        None
    } else {
        Some(kind_of(kind)?)
    };
    let width = if wide { 8 } else { 4 };
    let at = |i: usize| -> PyResult<usize> {
        let b = offsets.get(i * width..(i + 1) * width).ok_or_else(|| {
            PyValueError::new_err("offsets buffer too short for the array's length")
        })?;
        let n = if wide {
            i64::from_le_bytes(b.try_into().unwrap_or_default())
        } else {
            i64::from(i32::from_le_bytes(b.try_into().unwrap_or_default()))
        };
        usize::try_from(n).map_err(|_| PyValueError::new_err("a negative offset"))
    };
    let is_null =
        |i: usize| validity.is_some_and(|v| v.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) == 0));
    let mut rows = Vec::with_capacity(length);
    for row in offset..offset + length {
        let (start, end) = (at(row)?, at(row + 1)?);
        let bytes = data
            .get(start..end)
            .ok_or_else(|| PyValueError::new_err("data buffer too short for the offsets"))?;
        rows.push((!is_null(row)).then_some(bytes));
    }
    let mut columns = Columns::default();
    columns.issue_offsets.extend_from_slice(&0i32.to_le_bytes());
    let outcomes: Vec<Option<Outcome>> = py.allow_threads(|| {
        rows.iter()
            .map(|r| {
                r.map(|bytes| match (std::str::from_utf8(bytes), kind) {
                    (Ok(text), Some(kind)) => outcome_for_text(kind, text, None, 1).0,
                    (Ok(text), None) => outcome_for_text_auto(text, None, 1).0,
                    (Err(e), _) => not_utf8(1, bytes, e).0,
                })
            })
            .collect()
    });
    for o in &outcomes {
        columns.row(o.as_ref())?;
    }
    let b = |v: &[u8]| PyBytes::new(py, v);
    Ok((
        b(&columns.valid),
        b(&columns.errors),
        b(&columns.warnings),
        b(&columns.issue_offsets),
        columns.issues,
        columns
            .strings
            .iter()
            .map(|s| (b(&s.offsets), b(&s.data)))
            .collect(),
    ))
}

#[pymodule]
fn _orderlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_validate_buffers, m)?)?;
    m.add_function(wrap_pyfunction!(kinds, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(fix, m)?)?;
    Ok(())
}
