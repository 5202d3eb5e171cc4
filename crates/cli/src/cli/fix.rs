//! `validate --fix` and `--diff`: each input's safe fixes (with `--unsafe-fixes`, the
//! suggestions too) applied to its text — a file of JSON Lines line by line — until none
//! is left, keeping every byte the fixes do not touch. `--fix` writes the files back,
//! each all at once or not at all; `--diff` prints what it would change, as a unified
//! diff, and writes nothing.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use orderlint_rules::fix::fix_all;
use orderlint_rules::{outcome_for_text, outcome_for_text_auto, request::is_request, Context};

use super::inputs::{self, Input};
use super::validate::As;
use super::{usage_error, EXIT_INVALID, EXIT_OK, EXIT_USAGE};

pub struct Mode {
    /// Write the files back.
    pub write: bool,
    /// Apply suggestions too.
    pub all: bool,
}

/// Fixes (or shows the fixes of) every input; `Ok(exit)` for `--diff`, which ends the run,
/// `Err(exit)` when an input cannot be fixed.
pub fn run(
    kind: As,
    ctx: Option<&Context>,
    paths: &[String],
    jsonl: bool,
    mode: &Mode,
) -> Result<i32, i32> {
    let mut out = std::io::stdout().lock();
    let (mut changed_files, mut fixes) = (0, 0);
    for input in inputs::expand(paths, jsonl) {
        let input = input.map_err(|e| usage_error(&e))?;
        if input.is_stdin() && mode.write {
            return Err(usage_error(
                "--fix rewrites files; standard input has none: use --diff",
            ));
        }
        let text = read(&input).map_err(|e| {
            eprintln!("orderlint: {e}");
            EXIT_USAGE
        })?;
        let (fixed, n) = fix_input(kind, ctx, &text, input.json_lines, mode.all);
        if n == 0 {
            continue;
        }
        changed_files += 1;
        fixes += n;
        if mode.write {
            replace(Path::new(&input.path), fixed.as_bytes()).map_err(|e| {
                eprintln!(
                    "orderlint: cannot write {}: {e}; the file is left as it was",
                    input.path
                );
                EXIT_USAGE
            })?;
        } else {
            let name = input.name();
            let diff = similar::TextDiff::from_lines(&text, &fixed);
            let shown = diff
                .unified_diff()
                .context_radius(2)
                .header(&format!("a/{name}"), &format!("b/{name}"))
                .to_string();
            if out.write_all(shown.as_bytes()).is_err() {
                return Err(EXIT_USAGE);
            }
        }
    }
    let verb = if mode.write { "fixed" } else { "would fix" };
    eprintln!("orderlint: {verb} {fixes} issue(s) in {changed_files} file(s)");
    Ok(if !mode.write && fixes > 0 {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

/// Replaces the file's contents with `bytes` all at once: written in full to a temporary
/// file beside it, flushed to disk, given the file's permissions, then renamed over it. A
/// write cut short (disk full, quota, size limit) leaves the file as it was.
fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A symlink's target is what gets fixed: renaming over the link itself would turn it
    // into a plain file and leave the target as it was.
    let target = std::fs::canonicalize(path)?;
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(io::Error::other("not a file"));
    };
    let permissions = std::fs::metadata(&target)?.permissions();
    let mut tmp_name = OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".orderlint-{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    // create_new: never truncate or follow whatever already sits under that name.
    let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.set_permissions(permissions))
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, &target)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return written;
    }
    // The rename itself lasts through a crash once the directory is on disk; where a
    // directory cannot be opened as a file (not Unix), the rename stands all the same.
    let _ = File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

fn read(input: &Input) -> Result<String, String> {
    let bytes = if input.is_stdin() {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b).map(|_| b)
    } else {
        std::fs::read(&input.path)
    }
    .map_err(|e| format!("cannot read {}: {e}", input.name()))?;
    String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text, so not JSON", input.name()))
}

/// The input's text with its fixes applied, and how many there were.
fn fix_input(
    kind: As,
    ctx: Option<&Context>,
    text: &str,
    lines: bool,
    all: bool,
) -> (String, usize) {
    if !lines {
        return fix_payload(kind, ctx, text, all);
    }
    let mut n = 0;
    let fixed: Vec<String> = text
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_end_matches(['\n', '\r']);
            if body.trim().is_empty() {
                return line.to_string();
            }
            let (f, k) = fix_payload(kind, ctx, body, all);
            n += k;
            format!("{f}{}", &line[body.len()..])
        })
        .collect();
    (fixed.concat(), n)
}

fn fix_payload(kind: As, ctx: Option<&Context>, text: &str, all: bool) -> (String, usize) {
    // A pasted request's pointers are into its body, not its text: not fixed here.
    if matches!(kind, As::Auto) && is_request(text) {
        return (text.to_string(), 0);
    }
    let check = |t: &str| match kind {
        As::Kind(k) => outcome_for_text(k, t, ctx, 1).0.issues,
        As::Auto => outcome_for_text_auto(t, ctx, 1).0.issues,
    };
    let done = fix_all(text, check, all);
    (done.text, done.applied.len())
}
