//! One payload's outcome as the CLI prints it: text for people, a JSON line for tools.

use std::fmt::Write;

use orderlint_rules::Outcome;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Appends the report of one payload, which starts on `line` of the file `name`.
pub fn render(out: &mut String, format: Format, name: &str, line: usize, o: &Outcome) {
    match format {
        Format::Json => json(out, name, line, o),
        Format::Text => text(out, name, line, o),
    }
}

/// `{"file":…,"line":…,"valid":…,"issues":[…]}` and a newline: the outcome as the npm
/// module and the page report it, with where it came from in front.
fn json(out: &mut String, name: &str, line: usize, o: &Outcome) {
    let Ok(body) = serde_json::to_string(o) else {
        return;
    };
    let file = serde_json::to_string(name).unwrap_or_default();
    let _ = write!(out, "{{\"file\":{file},\"line\":{line},");
    out.push_str(body.strip_prefix('{').unwrap_or(&body));
    out.push('\n');
}

fn text(out: &mut String, name: &str, line: usize, o: &Outcome) {
    for i in &o.issues {
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
    let (errors, warnings) = o.counts();
    let verdict = if o.valid { "ok" } else { "invalid" };
    let _ = writeln!(
        out,
        "{name}:{line}: {verdict} ({errors} errors, {warnings} warnings)"
    );
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
