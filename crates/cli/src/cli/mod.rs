//! The commands, their arguments read by clap: `validate` (its own module), `codes`,
//! `kinds`, `sandbox`, `completions`.

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
    Sandbox {
        #[arg(long, default_value_t = 8787)]
        port: u16,
    },
    /// Every issue code: its severity, meaning, source, and an example with its fix.
    Codes {
        #[arg(long, value_enum, default_value_t = CodesFormat::Text)]
        format: CodesFormat,
    },
    /// The kinds of payload, one per line.
    Kinds,
    /// A completion script for your shell, on standard output.
    Completions {
        shell: clap_complete::Shell,
    },
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
        Command::Sandbox { port } => sandbox_cmd(port),
        Command::Codes { format } => codes_cmd(format),
        Command::Kinds => {
            for k in Kind::ALL {
                println!("{k}");
            }
            EXIT_OK
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "orderlint",
                &mut std::io::stdout(),
            );
            EXIT_OK
        }
    }
}

fn codes_cmd(format: CodesFormat) -> i32 {
    use orderlint_rules::codes;
    match format {
        CodesFormat::Text => {
            println!("Field checks, emitted as <object>.<field>.<check> or <object>.<check>:");
            for e in codes::CHECKS {
                print_code(e);
            }
            println!("\nRules:");
            for e in codes::RULES {
                print_code(e);
            }
        }
        CodesFormat::Json => {
            let all = serde_json::json!({
                "checks": codes::CHECKS,
                "rules": codes::RULES,
                "objects": codes::OBJECTS,
            });
            println!("{all}");
        }
        CodesFormat::Markdown => print!("{}", codes::markdown()),
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

fn sandbox_cmd(port: u16) -> i32 {
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
