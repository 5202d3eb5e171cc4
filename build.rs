//! wasm-split reads the linker's relocations to cut the web app into pages loaded on demand
//! (scripts/split-wasm.mjs): the app's binary keeps them, nothing else does (they would
//! stay in the npm package's and the worker's wasm).
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=orderlint-web=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
