//! The commands, their arguments read by clap: `validate` (its own module), `codes`,
//! `kinds`, `schema`, `openapi`, `sandbox`, `completions`.

mod fix;
mod inputs;
mod lines;
mod report;
mod validate;

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};
use orderlint_rules::Kind;

pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_INVALID: i32 = 1;
pub(crate) const EXIT_USAGE: i32 = 2;

const EXITS: &str = "\
Exit codes: 0 no errors (warnings allowed); 1 at least one error; 2 usage, an unreadable
file, or text that is not JSON.";

/// Checks Veeqo and FeedAMP payloads the way the APIs and Buyer Protection judge them.
#[derive(Parser)]
#[command(name = "orderlint", version, after_help = EXITS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    /// Serve the simulated APIs on 127.0.0.1 (Veeqo under /veeqo, FeedAMP under /feedamp).
    // Its flags are the sandbox crate's, read there for the npm package too: clap hands them
    // over as they came, `--help` included.
    #[command(disable_help_flag = true, override_help = orderlint_sandbox::options::HELP)]
    Sandbox {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Every issue code: its severity, meaning, source, and an example with its fix.
    Codes {
        #[arg(long, value_enum, default_value_t = CodesFormat::Text)]
        format: CodesFormat,
    },
    /// The kinds of payload, one per line (as JSON: each with its API, body, endpoints and
    /// samples).
    Kinds {
        #[arg(long, value_enum, default_value_t = KindsFormat::Text)]
        format: KindsFormat,
    },
    /// A JSON Schema (2020-12) of a kind's structure, made from the engine's own tables,
    /// for ajv, Postman, Prism or code generators.
    Schema {
        #[arg(long, value_parser = |s: &str| s.parse::<Kind>().map_err(|e| e.to_string()))]
        kind: Kind,
    },
    /// An OpenAPI 3.1 document of an API, made from the same tables: its endpoints, request
    /// bodies, parameters, documented answers and security, for Prism, Schemathesis,
    /// Postman or client generators.
    Openapi {
        /// veeqo or feedamp.
        #[arg(long, value_parser = |s: &str| s.parse::<orderlint_rules::Api>())]
        api: orderlint_rules::Api,
    },
    /// A completion script for your shell, on standard output.
    Completions {
        shell: clap_complete::Shell,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum KindsFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum CodesFormat {
    Text,
    Json,
    Markdown,
}

/// A problem found after the arguments were read (a context file that is not one, a
/// thread pool that cannot start): said as clap says its own, with the same exit code.
pub(crate) fn usage_error(msg: &str) -> i32 {
    eprintln!("error: {msg}\n\nFor more information, try '--help'.");
    EXIT_USAGE
}

pub fn run(args: Vec<String>) -> i32 {
    let cli = match Cli::try_parse_from(std::iter::once("orderlint".to_string()).chain(args)) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    match cli.command {
        Command::Validate(a) => validate::run(a),
        Command::Sandbox { args } => sandbox_cmd(&args),
        Command::Codes { format } => print_all(codes_text(format).as_bytes()),
        Command::Kinds { format } => {
            let text = match format {
                KindsFormat::Text => Kind::ALL.iter().map(|k| format!("{k}\n")).collect(),
                KindsFormat::Json => {
                    let all: Vec<_> = Kind::ALL.iter().map(|k| k.describe()).collect();
                    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
                }
            };
            print_all(text.as_bytes())
        }
        Command::Schema { kind } => {
            let schema = orderlint_rules::schema::schema(kind);
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
            print_all(text.as_bytes())
        }
        Command::Openapi { api } => {
            let doc = orderlint_rules::openapi::document(api);
            let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
            print_all(text.as_bytes())
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "orderlint", &mut script);
            print_all(&script)
        }
    }
}

/// Writes a command's whole output. A reader that has gone (`| head`) ends it quietly:
/// nothing panics on a closed pipe.
fn print_all(bytes: &[u8]) -> i32 {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(bytes).and_then(|()| out.flush());
    EXIT_OK
}

fn codes_text(format: CodesFormat) -> String {
    use orderlint_rules::codes;
    use std::fmt::Write as _;
    let mut s = String::new();
    match format {
        CodesFormat::Text => {
            s.push_str("Field checks, emitted as <object>.<field>.<check> or <object>.<check>:\n");
            for e in codes::CHECKS {
                code_text(&mut s, e);
            }
            s.push_str("\nRules:\n");
            for e in codes::RULES {
                code_text(&mut s, e);
            }
        }
        CodesFormat::Json => {
            let all = serde_json::json!({
                "checks": codes::CHECKS,
                "rules": codes::RULES,
                "objects": codes::objects(),
            });
            let _ = writeln!(s, "{all}");
        }
        CodesFormat::Markdown => s = codes::markdown(),
    }
    s
}

fn code_text(s: &mut String, e: &orderlint_rules::codes::Code) {
    use std::fmt::Write as _;
    let _ = writeln!(
        s,
        "  {:<8} {}\n           {} ({})",
        e.severity.as_str(),
        e.code,
        e.summary,
        e.source
    );
    if let (Some(x), Some(f)) = (e.example, e.fix) {
        let _ = writeln!(s, "           {x}  ->  {f}");
    }
}

fn sandbox_cmd(args: &[String]) -> i32 {
    use orderlint_sandbox::options::{self, Options};
    let options = match Options::parse(args) {
        Ok(o) => o,
        Err(m) => return usage_error(&m),
    };
    if options.help {
        return print_all(options::HELP.as_bytes());
    }
    let state = match &options.state_file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) => return usage_error(&options::unreadable_state(path, &e.to_string())),
        },
        None => None,
    };
    let sandbox = match orderlint_sandbox::Sandbox::start(&options, state.as_deref()) {
        Ok(s) => s,
        Err(m) => return usage_error(&m),
    };
    let port = options.port.unwrap_or(options::DEFAULT_PORT);
    let served = orderlint_sandbox::http::serve(sandbox, port, |bound| {
        print!("{}", options::banner(bound));
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
