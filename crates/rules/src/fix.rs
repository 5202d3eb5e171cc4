//! Fixes: an issue whose remedy is certain carries a machine-applicable edit (rustc's
//! `MachineApplicable`, ruff's safe fixes); one whose remedy is a guess carries the same
//! edit marked as a suggestion, never applied by "fix all". Edits touch only the value or
//! key they are about, so the rest of the text keeps its formatting.
//!
//! Invariant: applying the safe fixes to a payload and checking it again finds none of the
//! issues they fixed, and applying them twice changes nothing (`tests/fix.rs`).

use orderlint_text::locate::locate_exact;
use serde::Serialize;

use crate::Issue;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    /// What applying it does: "Write \"USD\"".
    pub title: String,
    pub edit: Edit,
    /// Certain: applied by `--fix` and "Fix all safe". Otherwise a suggestion.
    pub safe: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    /// The value at the issue's pointer becomes this JSON text.
    Value { json: String },
    /// The member at the issue's pointer is renamed.
    Key { name: String },
    /// The whole document goes inside `{"<key>": …}`.
    Wrap { key: String },
    /// The whole document becomes the value of its member `<key>`.
    Unwrap { key: String },
}

impl Fix {
    pub fn value(title: impl Into<String>, json: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            edit: Edit::Value { json: json.into() },
            safe: true,
        }
    }

    /// A string value, written as JSON.
    pub fn string(title: impl Into<String>, s: &str) -> Fix {
        Fix::value(title, serde_json::Value::String(s.to_string()).to_string())
    }

    /// The same edit offered as a suggestion: never applied by "fix all safe".
    pub fn suggestion(self) -> Fix {
        Fix {
            safe: false,
            ..self
        }
    }

    pub fn key(name: &str, safe: bool) -> Fix {
        Fix {
            title: format!("Rename it to \"{name}\""),
            edit: Edit::Key { name: name.into() },
            safe,
        }
    }

    pub fn unwrap(key: &str) -> Fix {
        Fix {
            title: format!("Send what is inside \"{key}\""),
            edit: Edit::Unwrap { key: key.into() },
            safe: true,
        }
    }

    pub fn wrap(key: &str) -> Fix {
        Fix {
            title: format!("Wrap the body in {{\"{key}\": …}}"),
            edit: Edit::Wrap { key: key.into() },
            safe: true,
        }
    }
}

/// One change to the text: bytes `from..to` become `insert`.
struct TextEdit {
    from: usize,
    to: usize,
    insert: String,
}

/// Where `fix` of the issue at `pointer` changes `text`; `None` when the value is not
/// there as the fix expects (the text changed since it was checked).
fn text_edits(text: &str, pointer: &str, fix: &Fix) -> Option<Vec<TextEdit>> {
    match &fix.edit {
        Edit::Value { json } => {
            let (from, to) = locate_exact(text, pointer)?.value;
            Some(vec![TextEdit {
                from,
                to,
                insert: json.clone(),
            }])
        }
        Edit::Key { name } => {
            let (from, to) = locate_exact(text, pointer)?.key?;
            Some(vec![TextEdit {
                from,
                to,
                insert: serde_json::Value::String(name.clone()).to_string(),
            }])
        }
        Edit::Unwrap { key } => {
            let (from, to) = locate_exact(text, "")?.value;
            let inner = orderlint_text::pointer::Ptr::root().key(key);
            let (start, end) = locate_exact(text, inner.as_str())?.value;
            Some(vec![
                TextEdit {
                    from,
                    to: start,
                    insert: String::new(),
                },
                TextEdit {
                    from: end,
                    to,
                    insert: String::new(),
                },
            ])
        }
        Edit::Wrap { key } => {
            let (from, to) = locate_exact(text, "")?.value;
            Some(vec![
                TextEdit {
                    from,
                    to: from,
                    insert: format!("{{\"{key}\": "),
                },
                TextEdit {
                    from: to,
                    to,
                    insert: "}".into(),
                },
            ])
        }
    }
}

/// What [`apply`] did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fixed {
    pub text: String,
    /// Each fix applied: the issue it fixed.
    pub applied: Vec<Applied>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Applied {
    pub pointer: String,
    pub code: String,
    pub title: String,
}

/// Applies the fixes of `issues` to `text` (the safe ones only, unless `all`), each where
/// it does not overlap one already taken, keeping every other byte as it was.
pub fn apply(text: &str, issues: &[Issue], all: bool) -> Fixed {
    let mut edits: Vec<(TextEdit, usize)> = Vec::new();
    let mut applied = Vec::new();
    for i in issues {
        let Some(fix) = i.fix.as_ref().filter(|f| all || f.safe) else {
            continue;
        };
        let Some(mine) = text_edits(text, &i.pointer, fix) else {
            continue;
        };
        let clash = |a: &TextEdit| {
            edits.iter().any(|(b, _)| {
                (a.from < b.to && b.from < a.to) || (a.from == a.to && a.from == b.from)
            })
        };
        if mine.iter().any(clash) {
            continue;
        }
        let n = applied.len();
        edits.extend(mine.into_iter().map(|e| (e, n)));
        applied.push(Applied {
            pointer: i.pointer.clone(),
            code: i.code.clone(),
            title: fix.title.clone(),
        });
    }
    edits.sort_by_key(|(e, _)| (e.from, e.to));
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for (e, _) in &edits {
        out.push_str(&text[at..e.from]);
        out.push_str(&e.insert);
        at = e.to;
    }
    out.push_str(&text[at..]);
    Fixed { text: out, applied }
}

/// Passes of [`fix_all`]: a fix can bring out another (a wrap, then what is inside).
const PASSES: usize = 3;

/// Checks `text` with `check` and applies its fixes (the safe ones, unless `all`), again on
/// the result while a pass applies any: what `--fix`, `fix()` and "Fix all safe" do.
pub fn fix_all(text: &str, check: impl Fn(&str) -> Vec<Issue>, all: bool) -> Fixed {
    let mut done = Fixed {
        text: text.to_string(),
        applied: Vec::new(),
    };
    for _ in 0..PASSES {
        let pass = apply(&done.text, &check(&done.text), all);
        if pass.applied.is_empty() {
            break;
        }
        done.text = pass.text;
        done.applied.extend(pass.applied);
    }
    done
}
