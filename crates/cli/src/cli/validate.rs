//! `orderlint validate`: every input's payloads checked and reported in input order.
//! JSON Lines are streamed in batches checked on every core while the next batch is read;
//! single-payload files are read and checked side by side, a chunk of files at a time.

use std::io::{BufWriter, Read, Write};

use orderlint_bulk::input::{not_utf8, FileError};
use orderlint_rules::{outcome_for_text, outcome_for_text_auto, Context, Kind};
use rayon::prelude::*;

use super::inputs::{self, Input};
use super::lines::Batches;
use super::report::{self, printable, Format, Name, Payload};
use super::{usage_error, EXIT_INVALID, EXIT_OK, EXIT_USAGE};

/// Bytes of JSON Lines checked as one batch, per thread: enough to keep every core busy,
/// little enough that a batch is still in the cache when it is checked (one core checks
/// 4 MB batches 6% slower than 256 KB ones) and memory stays flat however large the file.
const BATCH_PER_THREAD: usize = 256 << 10;
const BATCH_MAX: usize = 4 << 20;
/// Single-payload files read and checked side by side.
const FILES_AT_ONCE: usize = 64;

/// Check payloads: one per file, or one per line of a .jsonl/.ndjson file (or with
/// --jsonl, standard input). A DIR is searched for .json, .jsonl and .ndjson files. JSON
/// Lines are streamed and checked on every core.
#[derive(clap::Args)]
pub struct Args {
    /// The payloads' kind (`orderlint kinds` lists them), or `auto` to tell each payload's
    /// kind from the payload and say why.
    #[arg(long, value_parser = kind_arg)]
    kind: As,
    /// Account context (channels, sellables, the FeedAMP order) for cross-entity rules.
    #[arg(long, value_name = "FILE")]
    context: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Every input is JSON Lines (for standard input).
    #[arg(long)]
    jsonl: bool,
    /// Threads; all cores when not given.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Apply the safe fixes to the files, then report what is left.
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff instead (nothing is written); exit 1 when there are some.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// With --fix or --diff, apply the suggested fixes too (a likely field name, not a certain one).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Files, directories, or `-` for standard input.
    #[arg(value_name = "FILE|DIR|-")]
    paths: Vec<String>,
}
/// The kind every payload is checked as, or `auto`: each payload's own, told by `detect`.
#[derive(Clone, Copy)]
pub(crate) enum As {
    Kind(Kind),
    Auto,
}

fn kind_arg(s: &str) -> Result<As, String> {
    if s == "auto" {
        return Ok(As::Auto);
    }
    s.parse()
        .map(As::Kind)
        .map_err(|e: orderlint_rules::UnknownKind| {
            format!("{e} Or auto, to tell each payload's kind.")
        })
}

/// The arguments, the context file read.
struct Options {
    kind: As,
    context: Option<Context>,
    format: Format,
}

pub fn run(args: Args) -> i32 {
    let context = match &args.context {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read context {path}: {e}"))
            .and_then(|t| Context::from_json(&t).map_err(|e| format!("{path}: {e}")))
        {
            Ok(c) => Some(c),
            Err(e) => return usage_error(&e),
        },
    };
    let opts = Options {
        kind: args.kind,
        context,
        format: args.format,
    };
    if args.fix || args.diff {
        let mode = super::fix::Mode {
            write: args.fix,
            all: args.unsafe_fixes,
        };
        match super::fix::run(
            opts.kind,
            opts.context.as_ref(),
            &args.paths,
            args.jsonl,
            &mode,
        ) {
            Err(exit) => return exit,
            Ok(exit) if args.diff => return exit,
            Ok(_) => {}
        }
    }
    let go = || validate(&opts, &args.paths, args.jsonl);
    match args.jobs {
        None => go(),
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(n.into())
            .build()
        {
            Ok(pool) => pool.install(go),
            Err(e) => usage_error(&format!("cannot start {n} threads: {e}")),
        },
    }
}

/// One payload's report, and what it means for the exit code.
struct Checked {
    report: Vec<u8>,
    invalid: bool,
    /// Why the text is not JSON (or cannot be read), for standard error.
    problem: Option<String>,
}

impl Checked {
    fn unreadable(problem: String) -> Checked {
        Checked {
            report: Vec::new(),
            invalid: false,
            problem: Some(problem),
        }
    }

    fn exit(&self) -> i32 {
        if self.problem.is_some() {
            EXIT_USAGE
        } else if self.invalid {
            EXIT_INVALID
        } else {
            EXIT_OK
        }
    }
}

fn validate(opts: &Options, paths: &[String], jsonl: bool) -> i32 {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut exit = EXIT_OK;
    let mut files: Vec<Input> = Vec::new();
    let inputs = inputs::expand(paths, jsonl);
    // SARIF is one document for the run: its results are kept until the end.
    let sarif = opts.format == Format::Sarif;
    let mut results = Vec::new();
    let mut emit = |checked: Vec<Checked>, out: &mut BufWriter<_>| -> bool {
        for c in checked {
            exit = exit.max(c.exit());
            if let Some(p) = &c.problem {
                // What was written so far goes first: the two streams stay in order.
                let _ = out.flush();
                eprintln!("orderlint: {}", printable(p));
            }
            if sarif {
                results.extend_from_slice(&c.report);
            } else if out.write_all(&c.report).is_err() {
                return false; // stdout closed
            }
        }
        true
    };
    for input in inputs {
        let input = match input {
            Ok(i) if !i.json_lines => {
                files.push(i);
                if files.len() < FILES_AT_ONCE {
                    continue;
                }
                None
            }
            Ok(i) => Some(Ok(i)),
            Err(e) => Some(Err(e)),
        };
        if !emit(check_files(opts, &files), &mut out) {
            return EXIT_USAGE;
        }
        files.clear();
        let streamed = match input {
            Some(Ok(i)) => stream(opts, &i, &mut |c| emit(c, &mut out)),
            Some(Err(e)) => emit(vec![Checked::unreadable(e)], &mut out),
            None => true,
        };
        if !streamed {
            return EXIT_USAGE;
        }
    }
    if !emit(check_files(opts, &files), &mut out) {
        return EXIT_USAGE;
    }
    if sarif && writeln!(out, "{}", report::sarif_document(&results)).is_err() {
        return EXIT_USAGE;
    }
    if out.flush().is_err() {
        return EXIT_USAGE;
    }
    exit
}

/// Single-payload files, read and checked side by side, reported in order.
fn check_files(opts: &Options, files: &[Input]) -> Vec<Checked> {
    files
        .par_iter()
        .map(|input| match read_all(input) {
            Ok(bytes) => {
                let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
                check(opts, &Name::new(input.name()), 1, text)
            }
            Err(e) => Checked::unreadable(e),
        })
        .collect()
}

fn read_all(input: &Input) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let read = if input.is_stdin() {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(&input.path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map(|()| bytes)
        .map_err(|e| format!("cannot read {}: {e}", input.name()))
}

/// A JSON Lines input, a batch at a time: the next batch is read while this one is
/// checked on every core. `emit` returns false when the output is closed.
fn stream(opts: &Options, input: &Input, emit: &mut dyn FnMut(Vec<Checked>) -> bool) -> bool {
    let reader: Box<dyn Read + Send> = if input.is_stdin() {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(&input.path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return emit(vec![Checked::unreadable(format!(
                    "cannot read {}: {e}",
                    input.name()
                ))])
            }
        }
    };
    let name = input.name();
    let shown = Name::new(name);
    let mut batches = Batches::new(reader);
    let batch_size =
        (rayon::current_num_threads() * BATCH_PER_THREAD).clamp(BATCH_PER_THREAD, BATCH_MAX);
    let mut next = batches.next_batch(batch_size, None);
    let mut payloads = 0;
    loop {
        let batch = match next {
            Ok(Some(b)) => b,
            Ok(None) => break,
            Err(e) => {
                return emit(vec![Checked::unreadable(format!(
                    "cannot read {name}: {e}"
                ))])
            }
        };
        let (checked, following) = rayon::join(
            || {
                let lines: Vec<(usize, &[u8])> = batch.lines().collect();
                lines
                    .into_par_iter()
                    .map(|(line, text)| check(opts, &shown, line, text))
                    .collect::<Vec<_>>()
            },
            || batches.next_batch(batch_size, Some(&batch)),
        );
        batches.recycle(batch);
        next = following;
        payloads += checked.len();
        if !emit(checked) {
            return false;
        }
    }
    if payloads == 0 {
        return emit(vec![Checked::unreadable(format!(
            "{name}: {}",
            FileError::Empty
        ))]);
    }
    true
}

/// One payload, which starts on `line` of `name`.
fn check(opts: &Options, name: &Name, line: usize, bytes: &[u8]) -> Checked {
    let (text, outcome, detected, syntax) = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let ctx = opts.context.as_ref();
            let (outcome, detected, syntax) = match opts.kind {
                As::Kind(k) => {
                    let (o, e) = outcome_for_text(k, text, ctx, line);
                    (o, None, e)
                }
                As::Auto => outcome_for_text_auto(text, ctx, line),
            };
            (text, outcome, detected, syntax)
        }
        Err(e) => {
            let (outcome, syntax) = not_utf8(line, bytes, e);
            ("", outcome, None, Some(syntax))
        }
    };
    let mut report = Vec::new();
    report::render(
        &mut report,
        opts.format,
        &Payload {
            name,
            line,
            text,
            outcome: &outcome,
            detected: detected.as_ref(),
            syntax: syntax.as_ref(),
        },
    );
    Checked {
        report,
        invalid: !outcome.valid,
        problem: syntax.map(|e| format!("{}:{}:{}: {}", name.shown, e.line, e.column, e.message)),
    }
}
