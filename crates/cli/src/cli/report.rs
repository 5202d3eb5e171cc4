//! One payload's outcome as the CLI prints it: text for people, a JSON line for tools, and
//! for CI the forms code review shows beside the pull request — GitHub's workflow
//! annotations and SARIF 2.1.0 results — each issue at the line and column of its value.

use std::io::Write;

use orderlint_rules::locate::locate;
use orderlint_rules::{Detection, Issue, Outcome, ParseError};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    /// One JSON object per payload, per line.
    Json,
    /// One SARIF 2.1.0 document for the whole run (GitHub code scanning, IDEs).
    Sarif,
    /// GitHub Actions workflow commands: an annotation per issue.
    Github,
}

/// An input's name as its reports write it, made once for all its payloads.
pub struct Name {
    /// As given, made [`printable`].
    pub shown: String,
    /// `shown` as a JSON string, quotes included.
    json: String,
}

impl Name {
    pub fn new(name: &str) -> Name {
        let shown = printable(name);
        let json = serde_json::to_string(&shown).unwrap_or_default();
        Name { shown, json }
    }
}

/// One checked payload, as the report needs it.
pub struct Payload<'a> {
    /// The file's name.
    pub name: &'a Name,
    /// The line of the file the payload starts on.
    pub line: usize,
    /// The payload's text, where issues are located (SARIF and GitHub only).
    pub text: &'a str,
    pub outcome: &'a Outcome,
    /// The kind told, when checked with `--kind auto`.
    pub detected: Option<&'a Detection>,
    /// Where the text stopped being JSON.
    pub syntax: Option<&'a ParseError>,
}

/// Appends the report of one payload (UTF-8). SARIF's results are appended one per line;
/// the caller wraps them in the run's document ([`sarif_document`]).
pub fn render(out: &mut Vec<u8>, format: Format, p: &Payload) {
    match format {
        Format::Json => json(out, p),
        Format::Text => text(out, p),
        Format::Github => github(out, p),
        Format::Sarif => sarif_results(out, p),
    }
}

/// `{"file":…,"line":…,"valid":…,"issues":[…]}` and a newline: the outcome as the npm
/// module and the page report it, with where it came from in front (and with `auto`, the
/// kind told and why).
fn json(out: &mut Vec<u8>, p: &Payload) {
    let start = out.len();
    let _ = write!(out, "{{\"file\":{},\"line\":{}", p.name.json, p.line);
    if let Some(d) = p.detected {
        out.extend_from_slice(b",\"kind\":");
        let _ = serde_json::to_writer(&mut *out, &d.kind);
        out.extend_from_slice(b",\"why\":");
        let _ = serde_json::to_writer(&mut *out, &d.why);
    }
    // The outcome's own object, its `{` made the `,` after the fields in front.
    let brace = out.len();
    if serde_json::to_writer(&mut *out, p.outcome).is_err() || out.get(brace) != Some(&b'{') {
        out.truncate(start);
        return;
    }
    out[brace] = b',';
    out.push(b'\n');
}

fn text(out: &mut Vec<u8>, p: &Payload) {
    let (name, line) = (&p.name.shown, p.line);
    if let Some(d) = p.detected.filter(|d| d.kind.is_some()) {
        let _ = writeln!(out, "{name}:{line}: checked as {}", printable(&d.message()));
    }
    for i in &p.outcome.issues {
        let at = if i.pointer.is_empty() {
            "(document)".to_string()
        } else {
            printable(&i.pointer)
        };
        let _ = writeln!(
            out,
            "{name}:{line}: {} {} at {at}: {}",
            i.severity.as_str(),
            i.code,
            printable(&i.message)
        );
    }
    let (errors, warnings) = p.outcome.counts();
    let verdict = if p.outcome.valid { "ok" } else { "invalid" };
    let _ = writeln!(
        out,
        "{name}:{line}: {verdict} ({errors} errors, {warnings} warnings)"
    );
}

/// The line and column (1-based; the column in UTF-16 code units, SARIF's default) of
/// an issue's value in the file.
fn position(p: &Payload, i: &Issue) -> (usize, usize) {
    if let (Some(e), "json.syntax") = (p.syntax, i.code.as_str()) {
        return (e.line, e.column);
    }
    let at = locate(p.text, &i.pointer).map_or(0, |(s, _)| s);
    let before = &p.text[..at];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    let newlines = before.bytes().filter(|&b| b == b'\n').count();
    let column = before[line_start..].encode_utf16().count() + 1;
    (p.line + newlines, column)
}

/// `::error file=…,line=…,col=…,title=code::message`, one per issue.
/// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
fn github(out: &mut Vec<u8>, p: &Payload) {
    for i in &p.outcome.issues {
        let (line, col) = position(p, i);
        let level = i.severity.as_str();
        let at = if i.pointer.is_empty() {
            "(document)"
        } else {
            &i.pointer
        };
        let _ = writeln!(
            out,
            "::{level} file={},line={line},col={col},title={}::{}",
            property(&p.name.shown),
            property(&format!("{} at {at}", i.code)),
            data(&i.message)
        );
    }
}

/// A workflow command's message: `%`, CR and LF escaped.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property: as `data`, and `:` and `,` too.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Each issue as one SARIF `result` object, one per line.
fn sarif_results(out: &mut Vec<u8>, p: &Payload) {
    for i in &p.outcome.issues {
        let (line, col) = position(p, i);
        // SARIF's levels are named as orderlint's severities.
        let level = i.severity.as_str();
        let mut location = serde_json::json!({
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&p.name.shown)},
                "region": {"startLine": line, "startColumn": col},
            },
        });
        if !i.pointer.is_empty() {
            location["logicalLocations"] =
                serde_json::json!([{"fullyQualifiedName": i.pointer, "kind": "member"}]);
        }
        let result = serde_json::json!({
            "ruleId": i.code,
            "level": level,
            "message": {"text": i.message},
            "locations": [location],
        });
        let _ = writeln!(out, "{result}");
    }
}

/// A file name as a relative URI reference: `/` separators, spaces and the like escaped.
fn uri(name: &str) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for b in name.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                s.push(b as char)
            }
            _ => {
                let _ = write!(s, "%{b:02X}");
            }
        }
    }
    s
}

/// The run's SARIF document around its results (one JSON object per line of `results`),
/// with a rule entry, from the registry, for every code they use.
pub fn sarif_document(results: &[u8]) -> String {
    let results: Vec<serde_json::Value> = results
        .split(|&b| b == b'\n')
        .filter_map(|l| serde_json::from_slice(l).ok())
        .collect();
    let mut ids: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let rules: Vec<serde_json::Value> = ids
        .iter()
        .map(|id| {
            let entry = orderlint_rules::codes::lookup(id);
            let mut rule = serde_json::json!({"id": id});
            if let Some(e) = entry {
                rule["shortDescription"] = serde_json::json!({"text": e.summary});
                rule["properties"] = serde_json::json!({"source": e.source});
                rule["defaultConfiguration"] = serde_json::json!({"level": e.severity.as_str()});
            }
            rule
        })
        .collect();
    let doc = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orderlint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Text for a terminal: control characters from a payload or a file name are shown as
/// `\u{1b}` escapes, so none can move the cursor, recolour or retitle the terminal.
pub fn printable(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}
