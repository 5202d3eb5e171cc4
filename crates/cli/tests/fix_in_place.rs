//! `validate --fix` rewrites files all at once or not at all: a write cut short by a
//! full disk leaves the file as it was, and what the file was (its permissions, a link to
//! it) stays what it was.
#![cfg(unix)]

use std::os::unix::fs::{symlink, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_orderlint");

/// An empty directory of the test's own, so whatever is left in it is the command's.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("fix-in-place")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The fixable order on one line.
fn fixable_line() -> String {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/fixable-order.json"
    ))
    .unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value.to_string() + "\n"
}

/// `orderlint validate --kind veeqo.order --fix FILE`, its files no larger than
/// `max_file_bytes` if given: (exit code, standard error).
fn fix(file: &Path, max_file_bytes: Option<u64>) -> (i32, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(["validate", "--kind", "veeqo.order", "--fix"])
        .arg(file);
    if let Some(limit) = max_file_bytes {
        // SAFETY: between fork and exec only async-signal-safe calls (setrlimit, signal).
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: limit as libc::rlim_t,
                    rlim_max: limit as libc::rlim_t,
                };
                if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                // Ignored, SIGXFSZ no longer kills the process: the write fails with
                // EFBIG, as one on a full disk fails with ENOSPC.
                if libc::signal(libc::SIGXFSZ, libc::SIG_IGN) == libc::SIG_ERR {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().expect("an exit code, not a signal"),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_cut_short_leaves_the_file_byte_for_byte_and_no_temporary_file() {
    let dir = fresh_dir("cut-short");
    let file = dir.join("orders.jsonl");
    let original = fixable_line().repeat(200 * 1024 / fixable_line().len() + 1);
    assert!(original.len() > 200 * 1024);
    std::fs::write(&file, &original).unwrap();

    let (code, err) = fix(&file, Some(64 * 1024));
    assert_eq!(code, 2, "a file that cannot be written exits 2: {err}");
    assert!(
        err.contains(&format!("cannot write {}: ", file.display())),
        "the message names the file: {err}"
    );
    assert!(err.contains("os error"), "and the OS error: {err}");
    assert!(
        std::fs::read(&file).unwrap() == original.as_bytes(),
        "the original is kept byte for byte"
    );
    assert_eq!(names_in(&dir), ["orders.jsonl"], "no temporary file left");

    let (code, err) = fix(&file, None);
    assert_eq!(code, 0, "without the limit it is fixed: {err}");
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("{\"order\": {"));
    assert_eq!(names_in(&dir), ["orders.jsonl"]);
}

#[test]
fn a_fixed_file_keeps_its_permissions_and_a_link_keeps_pointing_at_it() {
    let dir = fresh_dir("kept");
    let file = dir.join("order.jsonl");
    std::fs::write(&file, fixable_line()).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.join("link.jsonl");
    symlink("order.jsonl", &link).unwrap();

    let (code, err) = fix(&link, None);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("fixed 11 issue(s) in 1 file(s)"), "{err}");
    assert!(
        std::fs::symlink_metadata(&link).unwrap().is_symlink(),
        "the link is still a link"
    );
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("{\"order\": {"));
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o7777;
    assert_eq!(format!("{mode:o}"), "640", "the permissions are kept");
    assert_eq!(names_in(&dir), ["link.jsonl", "order.jsonl"]);
}
