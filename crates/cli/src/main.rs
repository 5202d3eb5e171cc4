//! `orderlint`: the rule engine for CI pipelines, and the sandbox over HTTP.
//! The contract (arguments, output, exit codes) is in README.md; scripts depend on it.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{Read, Write};

    use orderlint_bulk::input::{self, is_json_lines_name, strip_bom};
    use orderlint_rules::{outcome_for_text, Context, Kind, Outcome};

    const USAGE: &str = "\
usage:
  orderlint validate --kind KIND [--context FILE] [--format text|json] [--jsonl] [FILE|-]
  orderlint sandbox [--port N]
  orderlint codes [--format text|json|markdown]
  orderlint kinds

validate: one payload per file, or one per line when FILE ends in .jsonl or .ndjson,
  or with --jsonl (for standard input).
  exit 0: no errors (warnings allowed); 1: at least one error;
  2: usage, unreadable file, or text that is not JSON.
sandbox: serves the simulated APIs on 127.0.0.1 (Veeqo under /veeqo, FeedAMP under /feedamp).
codes: every issue code, its severity, meaning, source, and an example with its fix.";

    const EXIT_OK: i32 = 0;
    const EXIT_INVALID: i32 = 1;
    const EXIT_USAGE: i32 = 2;

    fn usage_error(msg: &str) -> i32 {
        eprintln!("orderlint: {msg}\n\n{USAGE}");
        EXIT_USAGE
    }

    pub fn run(args: Vec<String>) -> i32 {
        match args.first().map(String::as_str) {
            Some("validate") => validate_cmd(&args[1..]),
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

    #[derive(PartialEq)]
    enum Format {
        Text,
        Json,
    }

    struct Options {
        kind: Kind,
        context: Option<Context>,
        format: Format,
        file: String,
        /// One payload a line.
        jsonl: bool,
    }

    fn parse_validate(args: &[String]) -> Result<Options, String> {
        let (mut kind, mut context, mut format, mut file) = (None, None, Format::Text, None);
        let mut jsonl = false;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value"))
            };
            match a.as_str() {
                "--kind" => {
                    kind = Some(
                        value("--kind")?
                            .parse::<Kind>()
                            .map_err(|e| e.to_string())?,
                    )
                }
                "--context" => {
                    let path = value("--context")?;
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read context {path}: {e}"))?;
                    context = Some(Context::from_json(&text).map_err(|e| format!("{path}: {e}"))?);
                }
                "--format" => {
                    format = match value("--format")?.as_str() {
                        "text" => Format::Text,
                        "json" => Format::Json,
                        f => return Err(format!("unknown format \"{f}\" (text or json)")),
                    }
                }
                "--jsonl" => jsonl = true,
                f if f.starts_with("--") => return Err(format!("unknown option {f}")),
                f if file.is_none() => file = Some(f.to_string()),
                f => return Err(format!("one file at a time (got another: {f})")),
            }
        }
        let file = file.unwrap_or_else(|| "-".into());
        Ok(Options {
            kind: kind.ok_or("--kind is required")?,
            context,
            format,
            jsonl: jsonl || is_json_lines_name(&file),
            file,
        })
    }

    fn read_input(file: &str) -> Result<String, String> {
        if file == "-" {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(s)
        } else {
            std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
        }
    }

    fn validate_cmd(args: &[String]) -> i32 {
        let opts = match parse_validate(args) {
            Ok(o) => o,
            Err(e) => return usage_error(&e),
        };
        let text = match read_input(&opts.file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("orderlint: {e}");
                return EXIT_USAGE;
            }
        };
        let name = printable(if opts.file == "-" {
            "<stdin>"
        } else {
            &opts.file
        });
        // Each payload with the line it starts on.
        let payloads: Vec<(usize, &str)> = if opts.jsonl {
            match input::read(input::Format::JsonLines, &text) {
                Ok(rows) => rows.into_iter().map(|p| (p.line, p.text)).collect(),
                Err(e) => {
                    eprintln!("orderlint: {name}: {e}");
                    return EXIT_USAGE;
                }
            }
        } else {
            vec![(1, strip_bom(&text))]
        };
        let mut out = std::io::stdout().lock();
        let mut exit = EXIT_OK;
        for (line, payload) in payloads {
            let (outcome, syntax) =
                outcome_for_text(opts.kind, payload, opts.context.as_ref(), line);
            if let Some(e) = syntax {
                eprintln!(
                    "orderlint: {name}:{}:{}: {}",
                    e.line,
                    e.column,
                    printable(&e.message)
                );
                exit = EXIT_USAGE;
            }
            if !outcome.valid && exit == EXIT_OK {
                exit = EXIT_INVALID;
            }
            let written = match opts.format {
                Format::Json => serde_json::to_string(&outcome)
                    .map_err(std::io::Error::other)
                    .and_then(|s| writeln!(out, "{s}")),
                Format::Text => write_text(&mut out, &name, line, &outcome),
            };
            if written.is_err() {
                return EXIT_USAGE; // stdout closed
            }
        }
        exit
    }

    fn write_text(
        out: &mut impl Write,
        name: &str,
        line: usize,
        o: &Outcome,
    ) -> std::io::Result<()> {
        for i in &o.issues {
            let at = if i.pointer.is_empty() {
                "(document)".to_string()
            } else {
                printable(&i.pointer)
            };
            writeln!(
                out,
                "{name}:{line}: {} {} at {at}: {}",
                i.severity.as_str(),
                i.code,
                printable(&i.message)
            )?;
        }
        let (errors, warnings) = o.counts();
        let verdict = if o.valid { "ok" } else { "invalid" };
        writeln!(
            out,
            "{name}:{line}: {verdict} ({errors} errors, {warnings} warnings)"
        )
    }

    /// Text for a terminal: control characters from a payload or a file name are shown as
    /// `\u{1b}` escapes, so none can move the cursor, recolour or retitle the terminal.
    fn printable(s: &str) -> String {
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
}
