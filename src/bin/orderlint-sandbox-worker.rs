//! The in-page simulators' Web Worker (built by Trunk: `data-type="worker"`): calls in,
//! answers out, as `web::sandbox_link` sends them. Its state lives as long as the page,
//! and the page keeps a copy of it (`FromWorker::Saved`) that the next page load starts
//! from (`ToWorker::Restore`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;

    // The sandbox crate, not the app's library: the worker carries no page code.
    use orderlint_sandbox::worker::{changes_state, Answer, FromWorker, ToWorker, READY};
    use orderlint_sandbox::Sandbox;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Past this size a copy is sent at most once a second, not after every change.
    const LARGE: usize = 256 * 1024;
    const LARGE_EVERY_MS: i32 = 1000;

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |m: &FromWorker| {
            if let Ok(text) = serde_json::to_string(m) {
                let _ = scope.post_message(&JsValue::from_str(&text));
            }
        }
    };
    let later = {
        let scope = scope.clone();
        move |f: Box<dyn FnOnce()>, ms: i32| {
            let f = Closure::once_into_js(f);
            let _ =
                scope.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
        }
    };
    // wasm has no randomness of its own: the FeedAMP tokens are keyed with the browser's.
    let entropy = {
        let scope = scope.clone();
        move || {
            let mut bytes = [0u8; 32];
            if let Ok(crypto) = scope.crypto() {
                let _ = crypto.get_random_values_with_u8_array(&mut bytes);
            }
            bytes
        }
    };
    let mut fresh = Sandbox::new();
    fresh.reseed(&entropy());
    let sandbox = Rc::new(RefCell::new(fresh));
    let large = Rc::new(Cell::new(false));
    let save_pending = Rc::new(Cell::new(false));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
        let Some(message) = msg
            .data()
            .as_string()
            .and_then(|t| serde_json::from_str::<ToWorker>(&t).ok())
        else {
            return;
        };
        let call = match message {
            ToWorker::Restore(state) => {
                match Sandbox::restore(&state) {
                    Ok(mut kept) => {
                        kept.reseed(&entropy());
                        *sandbox.borrow_mut() = kept
                    }
                    Err(e) => web_sys::console::warn_1(
                        &format!("orderlint sandbox: {e}; starting afresh").into(),
                    ),
                }
                return;
            }
            ToWorker::Call(call) => call,
        };
        let mut response = sandbox
            .borrow_mut()
            .handle(call.api, &call.request, call.now_ms);
        if changes_state(call.api, &call.request) {
            if !large.get() {
                // Kept before the answer leaves: a reload right after it finds the change.
                let state = sandbox.borrow().save();
                large.set(state.len() > LARGE);
                post(&FromWorker::Saved(state));
            } else if !save_pending.replace(true) {
                let (sandbox, large, pending, post) = (
                    sandbox.clone(),
                    large.clone(),
                    save_pending.clone(),
                    post.clone(),
                );
                later(
                    Box::new(move || {
                        pending.set(false);
                        let state = sandbox.borrow().save();
                        large.set(state.len() > LARGE);
                        post(&FromWorker::Saved(state));
                    }),
                    LARGE_EVERY_MS,
                );
            }
        }
        // A slow answer (a fault's delay) is posted late; other calls are answered
        // meanwhile, matched by their id.
        let delay = orderlint_sandbox::faults::take_delay(&mut response);
        let answer = FromWorker::Answer(Answer {
            id: call.id,
            response,
        });
        if delay == 0 {
            post(&answer);
        } else {
            let post = post.clone();
            later(Box::new(move || post(&answer)), delay as i32);
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
