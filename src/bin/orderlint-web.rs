//! The web app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    orderlint::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "orderlint-web is the browser app: run it with the README's run command (trunk serve)."
    );
    std::process::exit(2);
}
