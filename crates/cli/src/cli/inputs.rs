//! What `validate` was given, as the inputs to read: files, the files under directories
//! (as linters do), or standard input.

use std::path::{Path, PathBuf};

use orderlint_bulk::input::is_json_lines_name;

/// One thing to read and how.
#[derive(Debug, PartialEq, Eq)]
pub struct Input {
    /// A path, or `-` for standard input.
    pub path: String,
    /// One payload a line (`.jsonl`, `.ndjson`, or `--jsonl`); else one payload.
    pub json_lines: bool,
}

impl Input {
    pub fn is_stdin(&self) -> bool {
        self.path == "-"
    }

    /// How reports name it.
    pub fn name(&self) -> &str {
        if self.is_stdin() {
            "<stdin>"
        } else {
            &self.path
        }
    }
}

/// Whether a file found in a directory holds payloads.
fn is_payload_file(p: &Path) -> bool {
    let name = p.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".json") || is_json_lines_name(&name)
}

/// The inputs, in the order given; a directory's files sorted by path. A directory that
/// cannot be read, or holds no payload file, is an error named after it.
pub fn expand(args: &[String], jsonl: bool) -> Vec<Result<Input, String>> {
    let mut out = Vec::new();
    let args: Vec<&str> = if args.is_empty() {
        vec!["-"]
    } else {
        args.iter().map(String::as_str).collect()
    };
    for arg in args {
        let path = Path::new(arg);
        if arg != "-" && path.is_dir() {
            let mut files = Vec::new();
            match walk(path, &mut files) {
                Err(e) => out.push(Err(format!("cannot read the directory {arg}: {e}"))),
                Ok(()) if files.is_empty() => out.push(Err(format!(
                    "{arg}: no .json, .jsonl or .ndjson file in this directory"
                ))),
                Ok(()) => {
                    files.sort();
                    out.extend(files.into_iter().map(|f| {
                        let path = f.to_string_lossy().into_owned();
                        Ok(Input {
                            json_lines: jsonl || is_json_lines_name(&path),
                            path,
                        })
                    }))
                }
            }
        } else {
            out.push(Ok(Input {
                path: arg.to_string(),
                json_lines: jsonl || is_json_lines_name(arg),
            }));
        }
    }
    out
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let path = entry.path();
        // Links are not followed: a link to a parent would walk forever.
        if kind.is_dir() {
            walk(&path, files)?;
        } else if kind.is_file() && is_payload_file(&path) {
            files.push(path);
        }
    }
    Ok(())
}
