//! `orderlint validate`: every input's payloads checked and reported in input order.
//! JSON Lines are streamed in batches checked on every core while the next batch is read;
//! single-payload files are read and checked side by side, a chunk of files at a time.

use std::io::{BufWriter, Read, Write};

use orderlint_bulk::input::FileError;
use orderlint_rules::{outcome_for_text, Context, Issue, Kind, Outcome, Severity};
use rayon::prelude::*;

use super::inputs::{self, Input};
use super::lines::Batches;
use super::report::{self, printable, Format};
use super::{usage_error, EXIT_INVALID, EXIT_OK, EXIT_USAGE};

/// Bytes of JSON Lines checked as one batch: enough to keep every core busy, little
/// enough that memory stays flat however large the file.
const BATCH: usize = 4 << 20;
/// Single-payload files read and checked side by side.
const FILES_AT_ONCE: usize = 64;

struct Options {
    kind: Kind,
    context: Option<Context>,
    format: Format,
    paths: Vec<String>,
    /// Every input is JSON Lines (for standard input).
    jsonl: bool,
    /// Threads; all cores when not given.
    jobs: Option<usize>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let (mut kind, mut context, mut format) = (None, None, Format::Text);
    let (mut paths, mut jsonl, mut jobs) = (Vec::new(), false, None);
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
            "--jobs" | "-j" => {
                let n = value("--jobs")?;
                jobs = Some(n.parse::<usize>().ok().filter(|&n| n > 0).ok_or_else(|| {
                    format!("--jobs takes a number of threads from 1 (got \"{n}\")")
                })?);
            }
            "--jsonl" => jsonl = true,
            f if f.starts_with("--") => return Err(format!("unknown option {f}")),
            f => paths.push(f.to_string()),
        }
    }
    Ok(Options {
        kind: kind.ok_or("--kind is required")?,
        context,
        format,
        paths,
        jsonl,
        jobs,
    })
}

pub fn run(args: &[String]) -> i32 {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => return usage_error(&e),
    };
    match opts.jobs {
        None => validate(&opts),
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(|| validate(&opts)),
            Err(e) => usage_error(&format!("cannot start {n} threads: {e}")),
        },
    }
}

/// One payload's report, and what it means for the exit code.
struct Checked {
    report: String,
    invalid: bool,
    /// Why the text is not JSON (or cannot be read), for standard error.
    problem: Option<String>,
}

impl Checked {
    fn unreadable(problem: String) -> Checked {
        Checked {
            report: String::new(),
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

fn validate(opts: &Options) -> i32 {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut exit = EXIT_OK;
    let mut files: Vec<Input> = Vec::new();
    let inputs = inputs::expand(&opts.paths, opts.jsonl);
    let mut emit = |checked: Vec<Checked>, out: &mut BufWriter<_>| -> bool {
        for c in checked {
            exit = exit.max(c.exit());
            if let Some(p) = &c.problem {
                // What was written so far goes first: the two streams stay in order.
                let _ = out.flush();
                eprintln!("orderlint: {}", printable(p));
            }
            if out.write_all(c.report.as_bytes()).is_err() {
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
    if !emit(check_files(opts, &files), &mut out) || out.flush().is_err() {
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
                check(opts, input.name(), 1, text)
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
    let mut batches = Batches::new(reader);
    let mut next = batches.next_batch(BATCH);
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
                    .map(|(line, text)| check(opts, name, line, text))
                    .collect::<Vec<_>>()
            },
            || batches.next_batch(BATCH),
        );
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
fn check(opts: &Options, name: &str, line: usize, bytes: &[u8]) -> Checked {
    let (outcome, problem) = match std::str::from_utf8(bytes) {
        Ok(text) => {
            let (outcome, syntax) = outcome_for_text(opts.kind, text, opts.context.as_ref(), line);
            let problem = syntax.map(|e| format!("{name}:{}:{}: {}", e.line, e.column, e.message));
            (outcome, problem)
        }
        Err(e) => not_utf8(name, line, bytes, e),
    };
    let mut report = String::new();
    report::render(
        &mut report,
        opts.format,
        &report::printable(name),
        line,
        &outcome,
    );
    Checked {
        report,
        invalid: !outcome.valid,
        problem,
    }
}

/// Bytes that are not UTF-8 cannot be JSON: a `json.syntax` error at the first bad byte.
fn not_utf8(
    name: &str,
    line: usize,
    bytes: &[u8],
    e: std::str::Utf8Error,
) -> (Outcome, Option<String>) {
    let good = &bytes[..e.valid_up_to()];
    let line = line + good.iter().filter(|&&b| b == b'\n').count();
    let column = good
        .rsplit(|&b| b == b'\n')
        .next()
        .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
        + 1;
    let byte = bytes[e.valid_up_to()];
    let why = format!("byte 0x{byte:02x} is not UTF-8 text; JSON is UTF-8");
    let issue = Issue {
        pointer: String::new(),
        code: "json.syntax".into(),
        severity: Severity::Error,
        message: format!("Not valid JSON at line {line}, column {column}: {why}."),
        rule: None,
    };
    (
        Outcome::from_issues(vec![issue]),
        Some(format!("{name}:{line}:{column}: {why}")),
    )
}
