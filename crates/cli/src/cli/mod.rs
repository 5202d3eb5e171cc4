//! The commands: `validate` (its own module), `codes`, `kinds`, `sandbox`.

mod inputs;
mod lines;
mod report;
mod validate;

use std::io::Write;

use orderlint_rules::Kind;

const USAGE: &str = "\
usage:
  orderlint validate --kind KIND [--context FILE] [--format text|json] [--jsonl] [--jobs N]
                     [FILE|DIR|-]...
  orderlint sandbox [--port N]
  orderlint codes [--format text|json|markdown]
  orderlint kinds

validate: one payload per file, or one per line when FILE ends in .jsonl or .ndjson,
  or with --jsonl (for standard input). A DIR is searched for .json, .jsonl and .ndjson
  files. JSON Lines are streamed and checked on every core (--jobs N to choose).
  exit 0: no errors (warnings allowed); 1: at least one error;
  2: usage, unreadable file, or text that is not JSON.
sandbox: serves the simulated APIs on 127.0.0.1 (Veeqo under /veeqo, FeedAMP under /feedamp).
codes: every issue code, its severity, meaning, source, and an example with its fix.";

pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_INVALID: i32 = 1;
pub(crate) const EXIT_USAGE: i32 = 2;

pub(crate) fn usage_error(msg: &str) -> i32 {
    eprintln!("orderlint: {msg}\n\n{USAGE}");
    EXIT_USAGE
}

pub fn run(args: Vec<String>) -> i32 {
    match args.first().map(String::as_str) {
        Some("validate") => validate::run(&args[1..]),
        Some("sandbox") => sandbox_cmd(&args[1..]),
        Some("codes") => codes_cmd(&args[1..]),
        Some("kinds") => {
            for k in Kind::ALL {
                println!("{k}");
            }
            EXIT_OK
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            EXIT_OK
        }
        Some("--version" | "-V") => {
            println!("orderlint {}", env!("CARGO_PKG_VERSION"));
            EXIT_OK
        }
        Some(other) => usage_error(&format!("unknown command \"{other}\"")),
        None => usage_error("no command given"),
    }
}

fn codes_cmd(args: &[String]) -> i32 {
    use orderlint_rules::codes;
    let format = match args {
        [] => "text",
        [flag, f] if flag == "--format" => f.as_str(),
        _ => return usage_error("codes takes only --format text|json|markdown"),
    };
    match format {
        "text" => {
            println!("Field checks, emitted as <object>.<field>.<check> or <object>.<check>:");
            for e in codes::CHECKS {
                print_code(e);
            }
            println!("\nRules:");
            for e in codes::RULES {
                print_code(e);
            }
        }
        "json" => {
            let all = serde_json::json!({
                "checks": codes::CHECKS,
                "rules": codes::RULES,
                "objects": codes::OBJECTS,
            });
            println!("{all}");
        }
        "markdown" => print!("{}", codes::markdown()),
        f => return usage_error(&format!("unknown format \"{f}\" (text, json or markdown)")),
    }
    EXIT_OK
}

fn print_code(e: &orderlint_rules::codes::Code) {
    println!(
        "  {:<8} {}\n           {} ({})",
        e.severity.as_str(),
        e.code,
        e.summary,
        e.source
    );
    if let (Some(x), Some(f)) = (e.example, e.fix) {
        println!("           {x}  ->  {f}");
    }
}

fn sandbox_cmd(args: &[String]) -> i32 {
    let mut port: u16 = 8787;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--port" => match it.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => return usage_error("--port needs a number from 0 to 65535"),
            },
            other => return usage_error(&format!("unknown option {other}")),
        }
    }
    let served = orderlint_sandbox::http::serve(port, |bound| {
        println!("orderlint sandbox listening on http://127.0.0.1:{bound}");
        println!("  Veeqo API: http://127.0.0.1:{bound}/veeqo (any non-empty x-api-key)");
        println!(
            "  FeedAMP API: http://127.0.0.1:{bound}/feedamp (client {} / {})",
            orderlint_sandbox::feedamp::CLIENT_ID,
            orderlint_sandbox::feedamp::CLIENT_SECRET
        );
        let _ = std::io::stdout().flush();
    });
    match served {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("orderlint: cannot serve on 127.0.0.1:{port}: {e}");
            EXIT_USAGE
        }
    }
}
