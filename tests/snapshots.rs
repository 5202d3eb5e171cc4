//! Every rule's messages, pinned. A case is a payload file under `tests/cases/<kind>/`;
//! its full report (pointer, code, severity, message, source) is its snapshot in
//! `tests/snapshots/`. Cases under `<kind>/context/` are checked with
//! `tests/cases/context.json`, a case `x.json` with a sibling `x.context` with that.
//!
//! Add a case: drop a JSON file in, run `INSTA_UPDATE=always cargo test --test snapshots`
//! (or `cargo insta review`), read the new `.snap`, commit both.
//!
//! The same run checks the code registry both ways: every code a case emits is in it
//! (also asserted on every issue in debug builds), and every entry is emitted by a case.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

use orderlint::rules::{codes, outcome_for_text, Context, Kind, Outcome};

/// The report as a user reads it, one issue per paragraph.
fn render(o: &Outcome) -> String {
    let (errors, warnings) = o.counts();
    let mut s = format!(
        "valid: {} ({errors} errors, {warnings} warnings)\n",
        o.valid
    );
    for i in &o.issues {
        let at = if i.pointer.is_empty() {
            "(document)"
        } else {
            &i.pointer
        };
        let _ = writeln!(
            s,
            "\n{} {at} {}\n  {}",
            i.severity.as_str(),
            i.code,
            i.message
        );
        if let Some(rule) = i.rule {
            let _ = writeln!(s, "  source: {rule}");
        }
        if let Some(f) = &i.fix {
            let how = if f.safe { "fix" } else { "suggested fix" };
            let _ = writeln!(s, "  {how}: {}", f.title);
        }
    }
    s
}

fn context_for(path: &Path, shared: &Context) -> Option<Context> {
    let own = path.with_extension("context");
    if own.exists() {
        let text = std::fs::read_to_string(&own).unwrap();
        return Some(Context::from_json(&text).unwrap());
    }
    let in_context_dir = path.parent()?.file_name()? == "context";
    in_context_dir.then(|| shared.clone())
}

fn kind_of(path: &Path) -> Kind {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let rel = path.strip_prefix(&cases).unwrap();
    let dir = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_str()
        .unwrap();
    dir.parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn cases() {
    let shared = Context::from_json(include_str!("cases/context.json")).unwrap();
    let mut emitted: BTreeSet<&'static str> = BTreeSet::new();
    insta::glob!("cases/*/**/*.json", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let ctx = context_for(path, &shared);
        let (outcome, _) = outcome_for_text(kind_of(path), &text, ctx.as_ref(), 1);
        // What the parser saw only spares work: the full walk says the same.
        if let Ok(doc) = orderlint::rules::parse(&text) {
            let walked = orderlint::rules::validate(kind_of(path), doc.value(), ctx.as_ref());
            assert_eq!(walked, outcome, "{}", path.display());
        }
        for issue in &outcome.issues {
            let entry = codes::lookup(&issue.code)
                .unwrap_or_else(|| panic!("{} is not in the registry", issue.code));
            assert_eq!(entry.severity, issue.severity, "{}", issue.code);
            emitted.insert(entry.code);
        }
        insta::assert_snapshot!(render(&outcome));
    });
    emitted.extend(requests());
    emitted.extend(truncated_report());
    emitted.extend(kind_unknown());
    let untested: Vec<&str> = codes::all()
        .map(|e| e.code)
        .filter(|c| !emitted.contains(c))
        .collect();
    assert!(
        untested.is_empty(),
        "registry entries no case triggers: {untested:#?}"
    );
}

/// Whole requests pasted (`tests/requests/*.txt`, cURL or raw HTTP): what was read, the
/// endpoint named, and the report; a request that cannot be read, the reason. Returns the
/// registry entries the reports use.
fn requests() -> BTreeSet<&'static str> {
    let mut emitted = BTreeSet::new();
    insta::glob!("requests/*.txt", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let shown = match orderlint::rules::request::check(&text, None) {
            Err(why) => {
                // Checked with no kind, it is the payload's one error.
                let (o, d, _) = orderlint::rules::outcome_for_text_auto(&text, None, 1);
                assert!(d.is_none());
                assert_eq!(
                    o.issues[0].message,
                    format!("The request cannot be read: {why}.")
                );
                emitted.insert(codes::lookup(&o.issues[0].code).unwrap().code);
                format!("not read: {why}\n")
            }
            Ok(c) => {
                for i in &c.outcome.issues {
                    emitted.insert(
                        codes::lookup(&i.code)
                            .unwrap_or_else(|| panic!("{} is not in the registry", i.code))
                            .code,
                    );
                }
                format!(
                    "{} {} {}\nendpoint: {}\nkind: {}\n{}",
                    c.form,
                    c.method,
                    c.url,
                    c.endpoint.as_deref().unwrap_or("(none)"),
                    c.kind.map_or("(none)", |k| k.name()),
                    render(&c.outcome)
                )
            }
        };
        insta::assert_snapshot!(shown);
    });
    emitted
}

/// Checked with no kind, a payload no kind fits gets detect's reason as its one error
/// (`tests/detect.rs` pins the reasons).
fn kind_unknown() -> Option<&'static str> {
    let (d, o) =
        orderlint::rules::validate_auto(orderlint::rules::json!({"page_size": 20}).value(), None);
    assert_eq!(d.kind, None);
    assert_eq!(o.issues.len(), 1);
    assert_eq!(o.issues[0].message, d.why);
    Some(codes::lookup(&o.issues[0].code)?.code)
}

/// A report past 500 issues ends with one that says so; too long for a snapshot, so
/// asserted here. Once full of errors, the walk stops opening objects: the work on a bad
/// payload is bounded, and the last issue says there may be more.
fn truncated_report() -> Option<&'static str> {
    let payload = orderlint::rules::json!(vec![serde_json::json!({}); 300]);
    let o = orderlint::rules::validate(Kind::FeedampOrderErrors, payload.value(), None);
    assert_eq!(o.issues.len(), orderlint::rules::MAX_ISSUES + 1);
    let last = o.issues.last()?;
    assert_eq!(last.code, "report.truncated");
    assert_eq!(
        last.message,
        "The check stopped at 500 issues, so there may be more than these; fix the ones above and validate again."
    );
    // Issues past 500 found within one object are counted exactly.
    let mut one = String::from("{");
    for i in 0..600 {
        one.push_str(&format!("\"x{i}\": 1, "));
    }
    one.push_str("\"number\": \"1\"}");
    let o = orderlint::rules::validate_text(Kind::VeeqoOrder, &one, None).ok()?;
    assert_eq!(
        o.issues.last()?.message,
        "107 more issues were not listed; fix the ones above and validate again."
    );
    Some(codes::lookup(&last.code)?.code)
}
