//! The payload editor's upgrade: CodeMirror 6, bundled apart (`www/editor/editor.mjs`,
//! `scripts/post-build.mjs`), fetched once the page is usable and put in the text area's
//! place. Until it arrives, or if it never does, the text area is the editor: nothing
//! waits for it, and the text (a signal here) is the same either way.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlTextAreaElement;

use crate::rules::spans::Span;

// A module of its own for `import()`: relative to the page, not to the snippet's folder.
#[wasm_bindgen(
    inline_js = "export function import_page_module(u) { return import(new URL(u, document.baseURI).href); }"
)]
extern "C" {
    fn import_page_module(url: &str) -> js_sys::Promise;
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
    /// (the host tests), it did not load, or the text area left the page meanwhile.
    pub async fn upgrade(
        textarea: HtmlTextAreaElement,
        text: impl Fn() -> String,
        on_change: impl FnMut(String) + 'static,
    ) -> Option<Self> {
        let url = bundle_url()?;
        let module = match JsFuture::from(import_page_module(&url)).await {
            Ok(m) => m,
            Err(e) => {
                web_sys::console::warn_2(
                    &"orderlint: the code editor did not load; the plain editor stays.".into(),
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

/// The bundle's name, which the build writes into index.html.
fn bundle_url() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector("meta[name=orderlint-editor]")
        .ok()??
        .get_attribute("content")
        .filter(|u| !u.is_empty())
}
