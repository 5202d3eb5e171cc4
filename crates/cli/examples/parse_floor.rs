//! The parser's part of validation, over a JSON Lines file: serde_json's skip-parse floor
//! (what any engine on serde_json pays), its `Value`, and the rule engine's borrowed
//! document. `bench/run throughput` prints it beside the CLI's figures.
//! `cargo run --release -p orderlint-cli --example parse_floor -- FILE`
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a JSON Lines file");
    let text = std::fs::read_to_string(&path).expect("readable");
    let mb = text.len() as f64 / 1e6;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // A second argument runs only the rows whose name holds it (for a profiler).
    let only = std::env::args().nth(2).unwrap_or_default();
    let run = |name: &str, f: &dyn Fn(&str) -> bool| {
        if !name.contains(&only) {
            return;
        }
        let mut best = f64::MAX;
        for _ in 0..5 {
            let t = Instant::now();
            let ok = lines.iter().filter(|l| f(l)).count();
            assert_eq!(ok, lines.len());
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!("{name:<40} {:>7.1} MB/s", mb / best);
    };
    run("serde_json IgnoredAny (floor)", &|l| {
        serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok()
    });
    run("serde_json Value (preserve_order)", &|l| {
        serde_json::from_str::<serde_json::Value>(l).is_ok()
    });
    run("orderlint document (borrowed)", &|l| {
        orderlint_rules::parse(l).is_ok()
    });
    let kind = orderlint_rules::Kind::FeedampOrder;
    run("orderlint document + rules", &|l| {
        orderlint_rules::outcome_for_text(kind, l, None, 1)
            .1
            .is_none()
    });
    run("orderlint document + rules + JSON report", &|l| {
        let (o, _) = orderlint_rules::outcome_for_text(kind, l, None, 1);
        serde_json::to_string(&o).is_ok_and(|s| !s.is_empty())
    });
}
