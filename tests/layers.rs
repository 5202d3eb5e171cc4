//! The layers ARCHITECTURE.md states, checked: which orderlint crate may depend on which,
//! what only the web app may use, and what only one file may do. Cargo already refuses a
//! cycle; this refuses an edge the design does not have.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Each workspace crate and the orderlint crates it may depend on (normal dependencies).
const ALLOWED: &[(&str, &[&str])] = &[
    ("orderlint-text", &[]),
    ("orderlint-json", &[]),
    ("orderlint-model", &["orderlint-json"]),
    (
        "orderlint-rules",
        &["orderlint-json", "orderlint-model", "orderlint-text"],
    ),
    ("orderlint-api", &["orderlint-model", "orderlint-text"]),
    (
        "orderlint-sandbox",
        &["orderlint-api", "orderlint-rules", "orderlint-text"],
    ),
    (
        "orderlint-bulk",
        &["orderlint-api", "orderlint-rules", "orderlint-text"],
    ),
    ("orderlint-js", &["orderlint-bulk", "orderlint-rules"]),
    // The npm package's sandbox, a wasm of its own so `validate` users never load it.
    (
        "orderlint-js-sandbox",
        &["orderlint-api", "orderlint-sandbox"],
    ),
    (
        "orderlint-cli",
        &["orderlint-bulk", "orderlint-rules", "orderlint-sandbox"],
    ),
    (
        "orderlint",
        &[
            "orderlint-api",
            "orderlint-bulk",
            "orderlint-rules",
            "orderlint-sandbox",
            "orderlint-text",
        ],
    ),
];

/// Crates only the web app (the root package) may use.
const WEB_ONLY: &[&str] = &["leptos", "gloo-net", "gloo-timers", "web-sys"];

/// `cargo metadata` for the workspace's own packages.
fn metadata() -> Value {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--format-version",
            "1",
            "--offline",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata is JSON")
}

fn workspace() -> BTreeMap<String, Vec<(String, Option<String>)>> {
    let meta = metadata();
    meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .map(|d| {
                    (
                        d["name"].as_str().unwrap_or_default().to_string(),
                        d["kind"].as_str().map(str::to_string),
                    )
                })
                .collect();
            (p["name"].as_str().unwrap_or_default().to_string(), deps)
        })
        .collect()
}

#[test]
fn each_layer_depends_only_on_the_layers_below_it() {
    let ws = workspace();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = vec![];
    for (name, deps) in &ws {
        let Some(ok) = allowed.get(name.as_str()) else {
            wrong.push(format!(
                "{name}: a crate ARCHITECTURE.md and ALLOWED do not know"
            ));
            continue;
        };
        for (dep, kind) in deps {
            if kind.as_deref() == Some("dev") {
                continue;
            }
            if dep.starts_with("orderlint") && !ok.contains(&dep.as_str()) {
                wrong.push(format!("{name} depends on {dep}"));
            }
            if WEB_ONLY.contains(&dep.as_str()) && name != "orderlint" {
                wrong.push(format!(
                    "{name} depends on {dep}, which only the web app may use"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "edges the layers do not have:\n{}",
        wrong.join("\n")
    );
    assert_eq!(ws.len(), ALLOWED.len(), "every crate is listed");
}

/// Every Rust file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("readable source");
            out.push((path.display().to_string(), text));
        }
    }
}

#[test]
fn only_the_transport_does_http_in_the_browser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    sources(&root.join("src"), &mut files);
    sources(&root.join("crates"), &mut files);
    let users: Vec<&str> = files
        .iter()
        .filter(|(_, text)| text.contains("gloo_net"))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(users.len(), 1, "{users:?}");
    assert!(users[0].ends_with("src/web/transport.rs"), "{users:?}");
}

#[test]
fn a_long_file_says_why_at_its_top() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    for dir in ["src", "crates", "js/src"] {
        sources(&root.join(dir), &mut files);
    }
    let unexplained: Vec<String> = files
        .iter()
        .filter(|(_, text)| text.lines().count() > 400)
        .filter(|(_, text)| !text.lines().take(20).any(|l| l.starts_with("//! Long:")))
        .map(|(path, text)| format!("{path}: {} lines", text.lines().count()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "files over 400 lines need a `//! Long:` line at the top saying why:\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn the_core_does_no_io() {
    // The layers below the faces are sans-IO: files, sockets, processes, the environment
    // and the clock are the faces' business (the sandbox's HTTP server lives in `http.rs`).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    for dir in [
        "crates/text",
        "crates/json",
        "crates/model",
        "crates/rules",
        "crates/api",
        "crates/bulk",
    ] {
        sources(&root.join(dir), &mut files);
    }
    let io: Vec<String> = files
        .iter()
        .flat_map(|(path, text)| {
            [
                "std::fs",
                "std::net",
                "std::process",
                "std::env",
                "SystemTime",
                "Instant::now",
            ]
            .iter()
            .filter(|w| text.contains(*w))
            .map(move |w| format!("{path}: {w}"))
        })
        .collect();
    assert!(io.is_empty(), "I/O in the core:\n{}", io.join("\n"));
}

#[test]
fn the_web_reads_answers_through_views() {
    // The pages read API answers through `api`'s typed views, never by indexing JSON:
    // the shape of an answer is known in one place.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    sources(&root.join("src/web"), &mut files);
    let wrong: Vec<String> = files
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| {
                    // `v["key"]`: a `["` right after a name, a call or another index.
                    let indexed = line.match_indices("[\"").any(|(i, _)| {
                        line[..i]
                            .chars()
                            .next_back()
                            .is_some_and(|c| c.is_alphanumeric() || "_)]".contains(c))
                    });
                    !line.trim_start().starts_with("//")
                        && (indexed
                            || [".as_array()", ".as_object()", ".pointer("]
                                .iter()
                                .any(|w| line.contains(w)))
                })
                .map(move |(n, line)| format!("{path}:{}: {}", n + 1, line.trim()))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "JSON indexed in the web app (add a view in api):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_page_runs_no_simulator_itself() {
    // The simulators run in a Web Worker, fetched at the first Send: in the app, only
    // `sandbox_link.rs` names them, and only for the browser tests' in-page build.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    sources(&root.join("src/web"), &mut files);
    let wrong: Vec<&str> = files
        .iter()
        .filter(|(path, text)| {
            !path.ends_with("sandbox_link.rs")
                && (text.contains("Sandbox::new") || text.contains("sandbox::Sandbox"))
        })
        .map(|(path, _)| path.as_str())
        .collect();
    assert!(wrong.is_empty(), "the page runs a simulator in: {wrong:?}");
    let link =
        std::fs::read_to_string(root.join("src/web/sandbox_link.rs")).expect("sandbox_link.rs");
    let in_page = link.find("Sandbox::new").expect("the in-page build");
    assert!(
        link[..in_page]
            .rfind("#[cfg(feature = \"in-page-sandbox\")]")
            .is_some(),
        "the in-page simulators are built only with the in-page-sandbox feature"
    );
}

#[test]
fn no_rule_assembles_a_code() {
    // Rule codes are written out whole; a field check's code is assembled in one place,
    // `codes::{object, field}`. A `format!` whose template reads like a code
    // (`"{}.{name}.invalid"`) anywhere else is a code the registry may not know.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    sources(&root.join("crates/rules/src"), &mut files);
    let looks_like_code = |t: &str| {
        t.contains('.')
            && t.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_.{}".contains(&b))
    };
    let wrong: Vec<String> = files
        .iter()
        .filter(|(path, _)| !path.ends_with("codes.rs"))
        .flat_map(|(path, text)| {
            text.match_indices("format!(")
                .filter_map(|(i, _)| {
                    let rest = text[i + "format!(".len()..].trim_start();
                    let template = rest.strip_prefix('"')?.split('"').next()?;
                    looks_like_code(template).then(|| format!("{path}: format!(\"{template}\")"))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "codes assembled outside codes.rs:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn host_builds_never_compile_the_web_crates() {
    // The root package has them only for wasm32, so the CLI and host tests never build Leptos.
    let meta = metadata();
    let root = meta["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "orderlint"))
        .expect("the root package");
    let wrong: Vec<String> = root["dependencies"]
        .as_array()
        .expect("dependencies")
        .iter()
        .filter(|d| WEB_ONLY.contains(&d["name"].as_str().unwrap_or_default()))
        .filter(|d| d["target"].as_str() != Some("cfg(target_arch = \"wasm32\")"))
        .map(|d| format!("{} ({})", d["name"], d["target"]))
        .collect();
    assert!(
        wrong.is_empty(),
        "web crates outside the wasm32 target: {wrong:?}"
    );
}

/// The web module each path in `text` names, from a file `depth` folders below `src/web`
/// (`crate::web::x`, or `super::x` climbed to `src/web`, single or in braces).
fn web_modules_named(text: &str, depth: usize) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let up = "super::".repeat(depth + 1);
    let mut named = vec![];
    for prefix in ["crate::web::".to_string(), up] {
        for (i, _) in text.match_indices(&prefix) {
            // Not a longer climb, which leaves `src/web`.
            if text[i + prefix.len()..].starts_with("super::") || text[..i].ends_with("super::") {
                continue;
            }
            let rest = &text[i + prefix.len()..];
            match rest.strip_prefix('{') {
                Some(list) => {
                    let list = &list[..list.find('}').unwrap_or(list.len())];
                    named.extend(list.split(',').map(ident));
                }
                None => named.push(ident(rest)),
            }
        }
    }
    named
}

#[test]
fn no_two_web_modules_import_each_other() {
    // Dependencies run one way: settings ← transport ← state ← send, and so on.
    let web = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
    let mut files = vec![];
    sources(&web, &mut files);
    let mut imports: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let rel = Path::new(path).strip_prefix(&web).expect("under src/web");
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into()).collect();
        let module = parts[0].trim_end_matches(".rs").to_string();
        if module == "mod" {
            continue; // the root declares them all
        }
        let depth = parts.len() - 1 - usize::from(parts.last().is_some_and(|p| p == "mod.rs"));
        let named = web_modules_named(text, depth);
        imports
            .entry(module.clone())
            .or_default()
            .extend(named.into_iter().filter(|m| *m != module));
    }
    let mut pairs = vec![];
    for (a, named) in &imports {
        for b in named {
            if a < b && imports.get(b).is_some_and(|n| n.contains(a)) {
                pairs.push((a.as_str(), b.as_str()));
            }
        }
    }
    assert!(
        pairs.is_empty(),
        "web modules importing each other (a cycle): {pairs:?}"
    );
}
