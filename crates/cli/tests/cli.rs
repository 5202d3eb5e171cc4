//! The CLI contract scripts depend on: arguments, JSON Lines output, exit codes.
//!
//! Long: one test per promise of the contract, each a whole run of the command.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use orderlint::samples::{self, example_vars, fill};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_orderlint");

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, contents).unwrap();
    p
}

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        // A usage error ends the command before it reads its input: a closed pipe then is
        // the command's answer, not the test's failure.
        let _ = child.stdin.take().unwrap().write_all(s.as_bytes());
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// `orderlint validate --kind veeqo.order --format json FILE`.
fn orders_as_json(f: &std::path::Path) -> (i32, String, String) {
    run(
        &[
            "validate",
            "--kind",
            "veeqo.order",
            "--format",
            "json",
            f.to_str().unwrap(),
        ],
        None,
    )
}

fn good_order() -> String {
    fill(samples::VEEQO_ORDER, &example_vars())
}

#[test]
fn valid_payload_exits_0_even_with_warnings() {
    let f = scratch("good.json", &good_order());
    let (code, out, _) = run(
        &["validate", "--kind", "veeqo.order", f.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("context.missing"),
        "warnings are listed: {out}"
    );
    assert!(
        out.trim_end().ends_with("ok (0 errors, 1 warnings)"),
        "{out}"
    );
}

#[test]
fn errors_exit_1_with_json_lines() {
    let bad = good_order().replace("112-1234567-1234567", "AMZ-112-1234567-1234567");
    let f = scratch("bad.json", &bad);
    let (code, out, _) = orders_as_json(&f);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 1);
    let v: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["valid"], false);
    let issue = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "veeqo.order.number.not_exact")
        .unwrap();
    assert_eq!(issue["pointer"], "/order/number");
    assert_eq!(issue["severity"], "error");
    assert!(issue["message"]
        .as_str()
        .unwrap()
        .contains("112-1234567-1234567"));
}

#[test]
fn text_that_is_not_json_exits_2_with_line_and_column() {
    let f = scratch("broken.json", "{\n  \"order\": {,\n}");
    let (code, _, err) = run(
        &["validate", "--kind", "veeqo.order", f.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("broken.json:2:13"), "{err}");
}

#[test]
fn jsonl_gives_one_line_per_payload() {
    let good: Value = serde_json::from_str(&good_order()).unwrap();
    let mut bad = good.clone();
    bad["order"]["line_items_attributes"][0]["quantity"] = 0.into();
    let text = format!("{good}\n\n{bad}\n{{oops\n");
    let f = scratch("batch.jsonl", &text);
    let (code, out, err) = orders_as_json(&f);
    assert_eq!(code, 2, "a line that is not JSON wins: {err}");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        rows.iter()
            .map(|r| r["valid"].as_bool().unwrap())
            .collect::<Vec<_>>(),
        vec![true, false, false]
    );
    assert_eq!(rows[2]["issues"][0]["code"], "json.syntax");
    assert!(err.contains("batch.jsonl:4:2"), "{err}");

    let f = scratch("two.jsonl", &format!("{good}\n{bad}\n"));
    let (code, out, _) = run(
        &["validate", "--kind", "veeqo.order", f.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("two.jsonl:2: error veeqo.order.line_item.quantity.too_small"),
        "{out}"
    );
}

#[test]
fn stdin_and_context() {
    let ctx = scratch(
        "ctx.json",
        r#"{"channels": [{"id": 1234567, "type_code": "shopify"}], "channel_sellables": []}"#,
    );
    let (code, out, _) = run(
        &[
            "validate",
            "--kind",
            "veeqo.order",
            "--context",
            ctx.to_str().unwrap(),
            "--format",
            "json",
            "-",
        ],
        Some(&good_order()),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("veeqo.order.channel_id.not_bsp_channel"),
        "{out}"
    );
    assert!(
        out.contains("veeqo.order.line_item.sellable_id.not_linked"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(&["validate", "--kind", "veeqo.ordr", "x.json"], None);
    assert_eq!(code, 2);
    assert!(err.contains("Did you mean \"veeqo.order\""), "{err}");
    let (code, _, err) = run(
        &["validate", "--kind", "veeqo.order", "does-not-exist.json"],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot read does-not-exist.json"), "{err}");
    assert_eq!(run(&["validate", "x.json"], None).0, 2);
    assert_eq!(
        run(
            &["validate", "--kind", "veeqo.order", "--format", "xml"],
            None
        )
        .0,
        2
    );
    assert_eq!(run(&["frobnicate"], None).0, 2);
    let bad_ctx = scratch("badctx.json", "[1]");
    let (code, _, err) = run(
        &[
            "validate",
            "--kind",
            "veeqo.order",
            "--context",
            bad_ctx.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("context"), "{err}");
    let (code, out, _) = run(&["kinds"], None);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l == "veeqo.channel_sellable"));
    let (code, out, _) = run(&["kinds", "--format", "json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let order = v
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "veeqo.order");
    let order = order.expect("veeqo.order in kinds --format json");
    assert_eq!(order["endpoints"], serde_json::json!(["POST /orders"]));
    assert_eq!(order["wrapper"], "order");
}

#[test]
fn codes_lists_the_registry_in_text_json_and_markdown() {
    let (code, out, _) = run(&["codes"], None);
    assert_eq!(code, 0);
    assert!(out.contains("veeqo.order.number.not_exact"), "{out}");
    assert!(
        out.contains(
            "\"number\": \"AMZ-112-1234567-1234567\"  ->  \"number\": \"112-1234567-1234567\""
        ),
        "{out}"
    );

    let (code, out, _) = run(&["codes", "--format", "json"], None);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), orderlint::rules::codes::RULES.len());
    assert!(rules
        .iter()
        .any(|r| r["code"] == "veeqo.order.line_item.remote_id.asin" && r["severity"] == "error"));

    let (code, _, err) = run(&["codes", "--format", "yaml"], None);
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid value 'yaml' for '--format <FORMAT>'"),
        "{err}"
    );
}

#[test]
fn docs_codes_md_is_the_registry() {
    let on_disk =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/codes.md"))
            .unwrap();
    assert!(
        on_disk == orderlint::rules::codes::markdown(),
        "docs/codes.md is stale: run `cargo run -p orderlint-cli -- codes --format markdown > docs/codes.md`"
    );
}

#[test]
fn an_empty_or_blank_jsonl_file_holds_no_payload() {
    for (name, text) in [
        ("empty.jsonl", ""),
        ("blank.ndjson", "\n  \r\n\t\n"),
        ("bom.jsonl", "\u{feff}\n"),
    ] {
        let f = scratch(name, text);
        let (code, out, err) = run(
            &["validate", "--kind", "veeqo.order", f.to_str().unwrap()],
            None,
        );
        assert_eq!(code, 2, "{name}: {out}");
        assert!(
            err.ends_with("the file holds no payload: it is empty or blank\n"),
            "{name}: {err}"
        );
    }
    let (code, _, err) = run(
        &["validate", "--kind", "veeqo.order", "--jsonl", "-"],
        Some("\n\n"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("<stdin>: the file holds no payload"), "{err}");
}

#[test]
fn ndjson_files_and_jsonl_on_stdin_are_one_payload_a_line() {
    let two = format!("{}\n{{\"order\": 1}}\n", good_order().replace('\n', ""));
    let f = scratch("orders.NDJSON", &two);
    let (code, out, _) = orders_as_json(&f);
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (code, out, _) = run(
        &[
            "validate",
            "--kind",
            "veeqo.order",
            "--format",
            "json",
            "--jsonl",
            "-",
        ],
        Some(&two),
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn a_byte_order_mark_is_skipped_in_a_json_file_too() {
    let f = scratch("bom.json", &format!("\u{feff}{}", good_order()));
    let (code, out, err) = run(
        &["validate", "--kind", "veeqo.order", f.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let evil = good_order().replace("112-1234567-1234567", "\\u001b]0;owned\\u0007\\u001b[2J");
    let f = scratch("x\u{1b}[31mred.json", &evil);
    let (code, out, _) = run(
        &["validate", "--kind", "veeqo.order", f.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 1);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(
        out.contains("x\\u{1b}[31mred.json:1: error veeqo.order.number.not_amazon_order_id"),
        "{out}"
    );
    assert!(
        out.contains("number \"\\u{1b}]0;owned\\u{7}\\u{1b}[2J\" is not an Amazon order id"),
        "{out}"
    );
}

#[test]
fn many_files_and_directories_in_one_call_in_the_order_given() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-dir");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("nested")).unwrap();
    let good = good_order();
    let one_line = good.replace('\n', "");
    std::fs::write(dir.join("b.json"), &good).unwrap();
    std::fs::write(
        dir.join("nested/a.jsonl"),
        format!("{one_line}\n{{\"order\": 1}}\n"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a payload").unwrap();
    let single = scratch("single.json", &good);
    let (code, out, err) = run(
        &[
            "validate",
            "--kind",
            "veeqo.order",
            "--format",
            "json",
            single.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let at: Vec<(String, u64, bool)> = rows
        .iter()
        .map(|r| {
            let file = r["file"].as_str().unwrap();
            let short = file.rsplit(['/', '\\']).next().unwrap().to_string();
            (
                short,
                r["line"].as_u64().unwrap(),
                r["valid"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        vec![
            ("single.json".into(), 1, true),
            ("b.json".into(), 1, true),
            ("a.jsonl".into(), 1, true),
            ("a.jsonl".into(), 2, false),
        ],
        "the .txt file is not read; a directory's files in path order"
    );

    let empty = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-empty-dir");
    std::fs::create_dir_all(&empty).unwrap();
    let (code, _, err) = run(
        &["validate", "--kind", "veeqo.order", empty.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("no .json, .jsonl or .ndjson file"), "{err}");
}

#[test]
fn an_unreadable_file_among_others_is_exit_2_and_the_others_are_still_checked() {
    let good = scratch("fine.json", &good_order());
    let (code, out, err) = run(
        &[
            "validate",
            "--kind",
            "veeqo.order",
            "missing.json",
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot read missing.json"), "{err}");
    assert!(out.contains("fine.json:1: ok"), "{out}");
}

#[test]
fn a_line_that_is_not_utf8_is_that_lines_error() {
    let one_line = good_order().replace('\n', "");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("latin1.jsonl");
    let mut bytes = format!("{one_line}\n{{\"order\": {{\"number\": \"caf").into_bytes();
    bytes.extend_from_slice(&[0xe9]);
    bytes.extend_from_slice(format!("\"}}}}\n{one_line}\n").as_bytes());
    std::fs::write(&f, bytes).unwrap();
    let (code, out, err) = orders_as_json(&f);
    assert_eq!(code, 2);
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["issues"][0]["code"], "json.syntax");
    assert!(
        err.contains("latin1.jsonl:2:26: byte 0xe9 is not UTF-8 text"),
        "{err}"
    );
    assert_eq!(
        (rows[0]["valid"].clone(), rows[2]["valid"].clone()),
        (true.into(), true.into())
    );
}

#[test]
fn many_lines_come_out_in_input_order_on_any_number_of_threads() {
    // Enough lines for several batches and every thread; each line's number is in it.
    let one_line = good_order().replace('\n', "");
    let mut text = String::new();
    for i in 0..30_000 {
        if i % 7 == 3 {
            text.push_str("{\"order\": 1}\n");
        } else {
            text.push_str(&one_line);
            text.push('\n');
        }
    }
    let f = scratch("many.jsonl", &text);
    let mut seen = vec![];
    for jobs in ["1", "3"] {
        let (code, out, _) = run(
            &[
                "validate",
                "--kind",
                "veeqo.order",
                "--format",
                "json",
                "--jobs",
                jobs,
                f.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(code, 1);
        let rows: Vec<(u64, bool)> = out
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (v["line"].as_u64().unwrap(), v["valid"].as_bool().unwrap())
            })
            .collect();
        assert_eq!(rows.len(), 30_000);
        assert!(rows
            .iter()
            .enumerate()
            .all(|(i, &(line, valid))| line == i as u64 + 1 && valid == (i % 7 != 3)));
        seen.push(out);
    }
    assert_eq!(seen[0], seen[1], "the same report on 1 thread and on 3");
    let (code, _, err) = run(
        &["validate", "--kind", "veeqo.order", "--jobs", "0", "-"],
        Some("{}"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("'--jobs <N>': 0 is not in 1..="), "{err}");
}

/// Peak resident memory (VmHWM) of `orderlint validate --jsonl -` fed `mb` megabytes of
/// JSON Lines through a pipe: read from /proc once everything is written and before the
/// pipe closes, so the process is still there, with all but the last lines checked.
#[cfg(target_os = "linux")]
fn peak_kb_streaming(mb: usize) -> u64 {
    let line = format!("{{\"order\": \"{}\"}}\n", "x".repeat(8 * 1024));
    let mut child = Command::new(BIN)
        .args([
            "validate",
            "--kind",
            "veeqo.order",
            "--format",
            "json",
            "--jsonl",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for _ in 0..(mb << 20) / line.len() {
        stdin.write_all(line.as_bytes()).unwrap();
    }
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    drop(stdin);
    assert_eq!(child.wait().unwrap().code(), Some(1));
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

#[test]
#[cfg(target_os = "linux")]
fn the_memory_of_a_stream_does_not_grow_with_it() {
    let small = peak_kb_streaming(8);
    let large = peak_kb_streaming(64);
    assert!(small > 0 && large > 0);
    assert!(
        large < small + 16 * 1024,
        "64 MB through a pipe peaked at {large} kB, 8 MB at {small} kB: memory grows with the input"
    );
}

#[test]
fn fix_rewrites_a_file_of_mistakes_into_one_without_errors_and_a_second_run_changes_nothing() {
    let mistakes = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/fixable-order.json"
    ))
    .unwrap();
    let f = scratch("fix-me.json", &mistakes);
    let path = f.to_str().unwrap();
    let (code, out, err) = run(&["validate", "--kind", "veeqo.order", "--diff", path], None);
    assert_eq!(code, 1, "--diff exits 1 when there is something to fix");
    assert!(
        out.contains("+    \"number\": \"112-1234567-1234567\",\n"),
        "{out}"
    );
    assert!(out.contains("-        \"qty\": \"2\",\n"), "{out}");
    assert!(err.contains("would fix 11 issue(s) in 1 file(s)"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        mistakes,
        "--diff writes nothing"
    );

    let (code, out, err) = run(&["validate", "--kind", "veeqo.order", "--fix", path], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ok (0 errors, 1 warnings)"), "{out}");
    assert!(err.contains("fixed 11 issue(s) in 1 file(s)"), "{err}");
    let fixed = std::fs::read_to_string(&f).unwrap();
    assert!(
        fixed.starts_with("{\"order\": {\n    \"channel_id\": \"1234567\",\n"),
        "{fixed}"
    );

    let (code, _, err) = run(&["validate", "--kind", "veeqo.order", "--fix", path], None);
    assert_eq!(code, 0);
    assert!(err.contains("fixed 0 issue(s) in 0 file(s)"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        fixed,
        "a second run changes nothing"
    );
}

#[test]
fn fix_takes_json_lines_line_by_line_and_suggestions_only_when_asked() {
    let lines = "{\"channel\": {\"name\": \"A\", \"type_code\": \"custom_integration\", \"currency_code\": \"usd\", \"short_name\": \"AZ\", \"custom_integration_channel_specific\": {\"integration_type\": \"amazon\"}}}\r\n\n{\"channel\": {\"name\": \"B\", \"type_code\": \"custom_integration\", \"currency_code\": \"GBP\", \"short_name\": \"AB\", \"custom_integration_channel_specific_attributes\": {\"integration_type\": \"amazon\"}}}\n";
    let f = scratch("fix-me.jsonl", lines);
    let path = f.to_str().unwrap();
    let (code, _, _) = run(
        &["validate", "--kind", "veeqo.channel", "--fix", path],
        None,
    );
    assert_eq!(
        code, 1,
        "the guessed rename is not applied: its error stays"
    );
    let once = std::fs::read_to_string(&f).unwrap();
    assert_eq!(
        once,
        lines.replace("\"usd\"", "\"USD\""),
        "only the first line's currency; line ends kept"
    );
    let (code, out, _) = run(
        &[
            "validate",
            "--kind",
            "veeqo.channel",
            "--fix",
            "--unsafe-fixes",
            path,
        ],
        None,
    );
    assert_eq!(code, 0, "{out}");
    assert!(std::fs::read_to_string(&f)
        .unwrap()
        .contains("\"custom_integration_channel_specific_attributes\": {\"integration_type\": \"amazon\"}}}\r\n"));
    let (code, _, err) = run(
        &["validate", "--kind", "veeqo.channel", "--fix", "-"],
        Some("{}"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("standard input has none: use --diff"), "{err}");
}

#[test]
fn kind_auto_tells_each_payload_and_a_pasted_request_and_says_why() {
    let lines = scratch(
        "mixed.jsonl",
        "{\"order\": {\"channel_id\": 1}}\n{\"page_size\": 20}\n[{\"code\": \"EXCESS_REFUND\", \"message\": \"m\"}]\n",
    );
    let (code, out, _) = run(
        &[
            "validate",
            "--kind",
            "auto",
            "--format",
            "json",
            lines.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code, 1);
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[0]["kind"], "veeqo.order");
    assert_eq!(rows[0]["why"], "it has the wrapper key \"order\".");
    assert_eq!(rows[1]["kind"], Value::Null);
    assert_eq!(rows[1]["issues"][0]["code"], "json.kind_unknown");
    assert_eq!(rows[2]["kind"], "feedamp.return_errors");
    assert_eq!(rows[2]["valid"], true);

    let curl = scratch(
        "request.sh",
        "curl -X POST 'https://api.veeqo.com/orders' \\\n  -H 'x-api-key: ••••0001' \\\n  --json '{\"order\": {\"channel_id\": 1}}'\n",
    );
    let (code, out, _) = run(
        &["validate", "--kind", "auto", curl.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("checked as veeqo.order: a cURL request to POST /orders (Veeqo)."),
        "{out}"
    );
    assert!(
        out.contains("error request.auth_masked at (document)"),
        "{out}"
    );
    let (code, _, err) = run(&["validate", "--kind", "veeqo.ordr", "-"], Some("{}"));
    assert_eq!(code, 2);
    assert!(
        err.contains("Or auto, to tell each payload's kind."),
        "{err}"
    );
}

#[test]
fn clap_names_the_flag_suggests_the_close_one_and_writes_completions() {
    let (code, _, err) = run(&["validate", "--kind", "auto", "--fromat", "json"], None);
    assert_eq!(code, 2);
    assert!(err.contains("unexpected argument '--fromat'"), "{err}");
    assert!(
        err.contains("a similar argument exists: '--format'"),
        "{err}"
    );
    let (code, out, _) = run(&["validate", "--help"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("--unsafe-fixes") && out.contains("--kind <KIND>"),
        "{out}"
    );
    let (code, out, _) = run(&["completions", "bash"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("_orderlint()") && out.contains("validate"),
        "{out}"
    );
    let (code, out, _) = run(&["schema", "--kind", "feedamp.return"], None);
    assert_eq!(code, 0);
    let schema: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}
