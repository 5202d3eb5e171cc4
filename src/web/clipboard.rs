//! Copy to the clipboard; failures (no permission, insecure origin) are silent because the
//! text is also on screen.

pub fn copy(text: &str) {
    let Some(w) = web_sys::window() else { return };
    let promise = w.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
