//! Fixes: over every case file, the safe fixes leave a text that parses, in which none of
//! the issues they fixed is found again, and on which a second pass changes nothing; a
//! file of realistic mistakes comes out with no error; a suggestion is never applied by
//! "fix all safe".
#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use orderlint::rules::fix::{apply, fix_all};
use orderlint::rules::{outcome_for_text, parse, Kind, Severity};

#[test]
fn safe_fixes_remove_what_they_fix_and_a_second_pass_changes_nothing() {
    let (mut fixed_cases, mut fixes) = (0, 0);
    for (kind, path) in common::case_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let (before, syntax) = outcome_for_text(kind, &text, None, 1);
        if syntax.is_some() {
            continue;
        }
        let once = apply(&text, &before.issues, false);
        if once.applied.is_empty() {
            assert_eq!(
                once.text,
                text,
                "{}: nothing applied, nothing changed",
                path.display()
            );
            continue;
        }
        fixed_cases += 1;
        fixes += once.applied.len();
        assert!(
            parse(&once.text).is_ok(),
            "{}: the fixed text parses:\n{}",
            path.display(),
            once.text
        );
        let (after, _) = outcome_for_text(kind, &once.text, None, 1);
        for a in &once.applied {
            let again = after.issues.iter().any(|i| {
                i.code == a.code
                    && (i.pointer == a.pointer
                        || i.pointer.ends_with(&a.pointer) && !a.pointer.is_empty())
            });
            assert!(
                !again,
                "{}: {} at {} is still there after \"{}\":\n{}",
                path.display(),
                a.code,
                a.pointer,
                a.title,
                once.text
            );
        }
        let twice = apply(&once.text, &after.issues, false);
        assert!(
            twice.applied.is_empty(),
            "{}: a second pass applied {:?}",
            path.display(),
            twice.applied
        );
    }
    assert!(
        fixed_cases >= 25 && fixes >= 30,
        "{fixed_cases} cases fixed, {fixes} fixes"
    );
}

#[test]
fn a_file_of_realistic_mistakes_comes_out_with_no_error_and_its_layout_kept() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fixable-order.json"),
    )
    .unwrap();
    let (before, _) = outcome_for_text(Kind::VeeqoOrder, &text, None, 1);
    assert!(!before.valid);
    let check = |t: &str| outcome_for_text(Kind::VeeqoOrder, t, None, 1).0.issues;
    let now = fix_all(&text, check, false).text;
    let (after, _) = outcome_for_text(Kind::VeeqoOrder, &now, None, 1);
    let errors: Vec<_> = after
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{now}");
    let fixable: Vec<_> = after.issues.iter().filter(|i| i.fix.is_some()).collect();
    assert!(fixable.is_empty(), "{fixable:#?}");
    // Only the edited values changed: every other line is as it was, indentation included.
    assert!(now.starts_with("{\"order\": {\n    \"channel_id\": \"1234567\",\n    \"number\": \"112-1234567-1234567\",\n"), "{now}");
    assert!(
        now.contains("\n        \"quantity\": 2,\n        \"tax_rate\": 0.0,\n"),
        "{now}"
    );
    assert!(
        now.ends_with("      \"country\": \"US\"\n    }\n}}\n"),
        "{now:?}"
    );
}

#[test]
fn a_suggestion_is_applied_only_when_asked() {
    let channel = |short_name: &str, attributes: &str| {
        format!(
            r#"{{"channel": {{"name": "Shop", "type_code": "custom_integration", "currency_code": "USD", "short_name": "{short_name}", "{attributes}": {{"integration_type": "amazon"}}}}}}"#
        )
    };
    let (attrs, prefix) = (
        "custom_integration_channel_specific_attributes",
        "custom_integration_channel_specific",
    );
    // A prefix of a long name, and which two characters the seller wants: guesses.
    for (text, code, title, asked) in [
        (
            channel("AZ", prefix),
            "veeqo.channel.unknown_field",
            format!("Rename it to \"{attrs}\""),
            channel("AZ", attrs),
        ),
        (
            channel("AMZ", attrs),
            "veeqo.channel.short_name.too_long",
            "Cut it to \"AM\"".to_string(),
            channel("AM", attrs),
        ),
    ] {
        let (o, _) = outcome_for_text(Kind::VeeqoChannel, &text, None, 1);
        let fix = o
            .issues
            .iter()
            .find(|i| i.code == code)
            .and_then(|i| i.fix.as_ref())
            .unwrap_or_else(|| panic!("{code} has a fix"));
        assert!(!fix.safe, "{code}: a suggestion");
        assert_eq!(fix.title, title);
        assert_eq!(apply(&text, &o.issues, false).text, text, "{code}");
        assert_eq!(apply(&text, &o.issues, true).text, asked, "{code}");
        let (after, _) = outcome_for_text(Kind::VeeqoChannel, &asked, None, 1);
        assert!(after.valid, "{code}: {:#?}", after.issues);
    }
}
