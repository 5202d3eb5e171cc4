//! What lives outside Rust agrees with the kinds table. The npm package's `Kind` union:
//! `js/package/index.d.ts` (which `scripts/build-js` copies into `js/pkg`) holds what
//! `typescript_union` writes; after a kind is added, `ORDERLINT_WRITE_TYPES=1 cargo test
//! --test kinds` rewrites it. The samples: each row's files exist, and every file under
//! `samples/` is some kind's.

use std::path::Path;

use orderlint::rules::{typescript_union, Kind};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/js/package/index.d.ts");
const START: &str = "export type Kind =";

#[test]
fn the_typescript_kinds_are_the_tables() {
    let text = std::fs::read_to_string(DTS).expect("js/package/index.d.ts");
    let at = text
        .find(START)
        .expect("index.d.ts declares `export type Kind =`");
    let end = at + text[at..].find(';').expect("the union ends with ;") + 2;
    let union = typescript_union();
    if text[at..end] == union {
        return;
    }
    if std::env::var_os("ORDERLINT_WRITE_TYPES").is_some() {
        let new = format!("{}{union}{}", &text[..at], &text[end..]);
        std::fs::write(DTS, new).expect("write js/package/index.d.ts");
        return;
    }
    panic!(
        "js/package/index.d.ts's Kind is not the kinds table's:\n{}\nwant:\n{union}\nrun `ORDERLINT_WRITE_TYPES=1 cargo test --test kinds`",
        &text[at..end]
    );
}

#[test]
fn every_sample_is_a_kinds_and_exists() {
    let named: Vec<&str> = Kind::ALL
        .iter()
        .flat_map(|k| k.spec().samples)
        .copied()
        .collect();
    let samples = Path::new(ROOT).join("samples");
    let mut found = Vec::new();
    for api in std::fs::read_dir(&samples).expect("samples/") {
        let api = api.unwrap().path();
        for f in std::fs::read_dir(&api).unwrap() {
            let f = f.unwrap().path();
            found.push(
                f.strip_prefix(&samples)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
    found.sort();
    let mut named_sorted: Vec<String> = named.iter().map(|s| s.to_string()).collect();
    named_sorted.sort();
    assert_eq!(found, named_sorted, "samples/ and the rows' samples differ");
}
