//! What several test files share: the case files, by kind.

use std::path::{Path, PathBuf};

use orderlint::rules::Kind;

/// Every case file under `tests/cases/<kind>/` (its `context/` folder included), with its
/// kind, in path order.
#[allow(dead_code)]
pub fn case_files() -> Vec<(Kind, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let Some(kind) = dir
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse().ok())
        else {
            continue;
        };
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "json") {
                    out.push((kind, p));
                }
            }
        }
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    assert!(out.len() > 200, "the cases are found ({})", out.len());
    out
}

/// Asserts the sandbox answered as the API documents it (`openapi::drift`, over the rows
/// the OpenAPI documents are written from): the simulators and the documents must not
/// disagree. A gateway's HTML page (a scheduled fault) is the transport's to read.
#[allow(dead_code)]
pub fn documented(
    api: orderlint::sandbox::Api,
    req: &orderlint::api::Request,
    resp: &orderlint::api::Response,
) {
    let html = resp
        .header("content-type")
        .is_some_and(|t| t.contains("html"));
    if html && resp.status >= 500 {
        return;
    }
    let found = orderlint::rules::openapi::drift::check(
        orderlint::sandbox::rules_api(api),
        req.method.as_str(),
        &req.path,
        resp.status,
        &resp.body,
    );
    assert!(
        found.is_empty(),
        "{} {} answered {} unlike its documented answer: {found:#?}\n{}",
        req.method,
        req.path,
        resp.status,
        resp.body
    );
}
