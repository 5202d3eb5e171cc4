//! A file offered for download from text the page made (Bulk's reports, a JSON Schema).

use wasm_bindgen::JsCast;

/// Offers `text` as the file `name`; false when the browser would not make it.
pub(crate) fn offer(name: &str, mime: &str, text: &str) -> bool {
    let made = (|| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let a: web_sys::HtmlAnchorElement = web_sys::window()?
            .document()?
            .create_element("a")
            .ok()?
            .dyn_into()
            .ok()?;
        a.set_href(&url);
        a.set_download(name);
        a.click();
        // Revoked later: the download starts after this click returns.
        gloo_timers::callback::Timeout::new(10_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Some(())
    })();
    made.is_some()
}
