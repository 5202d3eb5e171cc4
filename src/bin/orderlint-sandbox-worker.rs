//! The in-page simulators' Web Worker (built by Trunk: `data-type="worker"`): calls in,
//! answers out, as `web::sandbox_link` sends them. Its state lives as long as the page.

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::RefCell;

    // The sandbox crate, not the app's library: the worker carries no page code.
    use orderlint_sandbox::worker::{Answer, Call, READY};
    use orderlint_sandbox::Sandbox;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let sandbox = RefCell::new(Sandbox::new());
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
        let Some(call) = msg
            .data()
            .as_string()
            .and_then(|t| serde_json::from_str::<Call>(&t).ok())
        else {
            return;
        };
        let mut response = sandbox
            .borrow_mut()
            .handle(call.api, &call.request, call.now_ms);
        // A slow answer (a fault's delay) is posted late; other calls are answered
        // meanwhile, matched by their id.
        let delay = orderlint_sandbox::faults::take_delay(&mut response);
        let Ok(text) = serde_json::to_string(&Answer {
            id: call.id,
            response,
        }) else {
            return;
        };
        let reply = reply.clone();
        let post = move || {
            let _ = reply.post_message(&JsValue::from_str(&text));
        };
        if delay == 0 {
            post();
        } else {
            let later = Closure::once_into_js(post);
            let _ = js_sys::global()
                .unchecked_into::<DedicatedWorkerGlobalScope>()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    later.unchecked_ref(),
                    delay as i32,
                );
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("orderlint-sandbox-worker runs in the browser, started by the web app.");
    std::process::exit(2);
}
