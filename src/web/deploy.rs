//! Whether this tab's build is still the one the host serves: a tab open across a deploy
//! asks for its own build's files by their names, which follow their bytes, and gets a 404
//! once they are gone. The parts, the transport and the sandbox's worker ask this when
//! their code does not load, so the page says "reload" rather than "check the connection".

use wasm_bindgen::prelude::*;

// The build the host serves now, read from its index.html (the page's own copy is in the
// DOM): post-build names it by the names of all its files, which follow their bytes.
#[wasm_bindgen(inline_js = "export async function page_updated() {
    const build = (doc) => doc.querySelector('meta[name=orderlint-build]')?.content;
    const ours = build(document);
    try {
        const r = await fetch(location.href.split('#')[0], { cache: 'no-store' });
        const theirs = r.ok ? build(new DOMParser().parseFromString(await r.text(), 'text/html')) : undefined;
        return !!ours && !!theirs && theirs !== ours;
    } catch {
        return false;
    }
}")]
extern "C" {
    async fn page_updated() -> JsValue;
}

/// Whether the host now serves another build of the page than this tab's (`false` when it
/// cannot tell).
pub(crate) async fn updated() -> bool {
    page_updated().await.as_bool().unwrap_or(false)
}

/// The note for a tab whose build the host no longer serves.
pub(crate) const UPDATED: &str = "orderlint was updated: reload to continue.";
