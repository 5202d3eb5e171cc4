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

/// Registry entries no case triggers yet: FeedAMP's rule codes are asserted by
/// `tests/feedamp_rules.rs` and await their snapshot cases. The test fails when one of
/// these gets a case, so the list only shrinks.
const NOT_YET: &[&str] = &[
    "report.truncated",
    "context.feedamp_order_missing",
    "*.not_array",
    "*.not_utc",
    "*.too_long",
    "*.too_short",
    "*.too_many",
    "*.out_of_range",
    "*.new_york_time",
    "*.ignored",
    "*.after_latest",
    "feedamp.authorize_url.client_secret.exposed",
    "feedamp.authorize_url.redirect_uri.misspelled",
    "feedamp.authorize_url.state.weak",
    "feedamp.authorize_url.not_https",
    "feedamp.authorize_url.path",
    "feedamp.order.mp_order_number.path_mismatch",
    "feedamp.order.order_line.mp_line_number.duplicate",
    "feedamp.order.marketplace_state.transition",
    "feedamp.order.marketplace_state.shipped_with_pending",
    "feedamp.order.not_updatable",
    "feedamp.order_errors.mp_line_number.unknown",
    "feedamp.refund_errors.mp_line_number.unknown",
    "feedamp.return_errors.mp_line_number.unknown",
    "feedamp.refunds_query.created_after.after_before",
    "feedamp.return.mp_order_number.path_mismatch",
    "feedamp.return.return_line.mp_return_line_number.duplicate",
    "feedamp.return.return_line.mp_order_line_number.unknown",
    "feedamp.return.return_line.currency.differs",
    "feedamp.return.return_line.carrier.invalid",
    "feedamp.return.return_line.quantity.exceeds_ordered",
    "feedamp.return.return_line.requested_refund_principal.exceeds_paid",
    "feedamp.return.return_line.requested_refund_tax.exceeds_paid",
];

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
        for issue in &outcome.issues {
            let entry = codes::lookup(&issue.code)
                .unwrap_or_else(|| panic!("{} is not in the registry", issue.code));
            assert_eq!(entry.severity, issue.severity, "{}", issue.code);
            emitted.insert(entry.code);
        }
        insta::assert_snapshot!(render(&outcome));
    });
    let untested: Vec<&str> = codes::all()
        .map(|e| e.code)
        .filter(|c| !emitted.contains(c) && !NOT_YET.contains(c))
        .collect();
    assert!(
        untested.is_empty(),
        "registry entries no case triggers: {untested:#?}"
    );
    let now_tested: Vec<&&str> = NOT_YET.iter().filter(|c| emitted.contains(*c)).collect();
    assert!(
        now_tested.is_empty(),
        "remove from NOT_YET, a case triggers them: {now_tested:?}"
    );
}
