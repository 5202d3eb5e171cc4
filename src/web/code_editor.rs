//! The payload editor's upgrade: CodeMirror 6, bundled apart (`www/editor/editor.mjs`,
//! `scripts/post-build.mjs`), fetched once the page is usable and put in the text area's
//! place. Until it arrives, or if it never does, the text area is the editor: nothing
//! waits for it, and the text (a signal here) is the same either way.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlTextAreaElement;

use crate::rules::spans::Span;

// A module of its own for `import()`, relative to the page, not to the snippet's folder.
// `import()` takes no integrity: a `modulepreload` link with it fetches and checks the
// bundle first, which puts the checked module in the page's module map, where `import()`
// then finds it. A bundle that fails the check is never imported.
#[wasm_bindgen(inline_js = "export function import_checked(u, integrity) {
    const href = new URL(u, document.baseURI).href;
    return new Promise((ok, no) => {
        const link = document.createElement('link');
        link.rel = 'modulepreload';
        link.integrity = integrity;
        link.href = href;
        link.onload = () => ok(import(href));
        link.onerror = () => no(new Error(u + ' did not load, or failed its integrity check'));
        document.head.append(link);
    });
}")]
extern "C" {
    fn import_checked(url: &str, integrity: &str) -> js_sys::Promise;
}

#[wasm_bindgen]
extern "C" {
    /// What `mount` in editor.mjs returns.
    type Handle;
    #[wasm_bindgen(method)]
    fn flush(this: &Handle);
    #[wasm_bindgen(method, js_name = setText)]
    fn set_text(this: &Handle, text: &str);
    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics(this: &Handle, json: &str);
    #[wasm_bindgen(method)]
    fn select(this: &Handle, from: u32, to: u32);
    #[wasm_bindgen(method)]
    fn destroy(this: &Handle);
}

/// A mounted editor; dropping it gives the text area back.
pub struct CodeEditor {
    handle: Handle,
    _on_change: Closure<dyn FnMut(String)>,
}

impl CodeEditor {
    /// Loads the editor and mounts it over `textarea` with the text `text()` gives at that
    /// moment (the user may have typed while it loaded). `None` when the build has no editor
    /// (the host tests), it did not load or failed its integrity check, or the text area
    /// left the page meanwhile.
    pub async fn upgrade(
        textarea: HtmlTextAreaElement,
        text: impl Fn() -> String,
        on_change: impl FnMut(String) + 'static,
    ) -> Option<Self> {
        let (url, integrity) = bundle()?;
        let module = match JsFuture::from(import_checked(&url, &integrity)).await {
            Ok(m) => m,
            Err(e) => {
                web_sys::console::warn_2(
                    &"orderlint: the code editor did not load, or failed its integrity check; the plain editor stays.".into(),
                    &e,
                );
                return None;
            }
        };
        let mount: js_sys::Function = js_sys::Reflect::get(&module, &"mount".into())
            .ok()?
            .dyn_into()
            .ok()?;
        if !textarea.is_connected() {
            return None;
        }
        let on_change = Closure::<dyn FnMut(String)>::new(on_change);
        let handle = mount
            .call3(
                &JsValue::NULL,
                &textarea,
                &text().into(),
                on_change.as_ref(),
            )
            .ok()?;
        Some(CodeEditor {
            handle: handle.unchecked_into(),
            _on_change: on_change,
        })
    }

    /// Hands over an edit not yet reported (edits reach the page after the frame that
    /// draws them): before anything reads the text to act on it.
    pub fn flush(&self) {
        self.handle.flush();
    }

    /// Shows `text` (a no-op when it is what the editor holds).
    pub fn set_text(&self, text: &str) {
        self.handle.set_text(text);
    }

    pub fn set_spans(&self, spans: &[Span]) {
        let json = serde_json::to_string(spans).unwrap_or_else(|_| "[]".into());
        self.handle.set_diagnostics(&json);
    }

    /// Selects UTF-16 `from..to`, scrolled into view, with the focus in the editor.
    pub fn select(&self, from: usize, to: usize) {
        self.handle.select(from as u32, to as u32);
    }
}

impl Drop for CodeEditor {
    fn drop(&mut self) {
        self.handle.destroy();
    }
}

/// The bundle's name and integrity, which the build writes into index.html.
fn bundle() -> Option<(String, String)> {
    let meta = web_sys::window()?
        .document()?
        .query_selector("meta[name=orderlint-editor]")
        .ok()??;
    let attr = |name| meta.get_attribute(name).filter(|v| !v.is_empty());
    Some((attr("content")?, attr("data-integrity")?))
}
