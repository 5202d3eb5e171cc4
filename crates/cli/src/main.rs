//! `orderlint`: the rule engine for CI pipelines, and the sandbox over HTTP.
//! The contract (arguments, output, exit codes) is in README.md; scripts depend on it.

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
