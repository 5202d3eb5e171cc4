//! The in-page simulators live in a Web Worker (`orderlint-sandbox-worker`), started at the
//! first request the page sends them: the first page's bundle holds no simulator, and
//! their work is off the main thread. A request crosses as JSON text and its answer comes
//! back the same way, matched by a number.
//!
//! With the `in-page-sandbox` feature (the browser tests, whose runner serves no worker
//! script) the simulators run in the page instead.

pub use crate::sandbox::worker::{Answer, Call, FromWorker, ToWorker, READY};

/// The worker's loader, beside the page (Trunk writes it: `data-loader-shim`).
#[cfg_attr(feature = "in-page-sandbox", allow(dead_code))]
const WORKER_SCRIPT: &str = "orderlint-sandbox-worker_loader.js";

#[cfg(feature = "in-page-sandbox")]
pub async fn handle(
    api: crate::api::Api,
    req: &crate::api::Request,
    now_ms: u64,
) -> Result<crate::api::Response, crate::api::ApiError> {
    use crate::sandbox::Sandbox;
    use std::cell::RefCell;
    thread_local! {
        static SANDBOX: RefCell<Sandbox> = RefCell::new(Sandbox::new());
    }
    let mut response = SANDBOX.with(|sb| sb.borrow_mut().handle(api, req, now_ms));
    let delay = crate::sandbox::faults::take_delay(&mut response);
    if delay > 0 {
        gloo_timers::future::TimeoutFuture::new(delay as u32).await;
    }
    Ok(response)
}

#[cfg(not(feature = "in-page-sandbox"))]
pub use worker::handle;

#[cfg(not(feature = "in-page-sandbox"))]
mod worker {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::rc::Rc;

    use js_sys::{Function, Promise};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Event, MessageEvent, Worker};

    use super::{Call, FromWorker, ToWorker, READY, WORKER_SCRIPT};
    use crate::api::{Api, ApiError, Request, Response};
    use crate::web::storage;

    /// The calls waiting for an answer, by number: the promise's resolve and reject.
    type Waiting = HashMap<u32, (Function, Function)>;

    struct Link {
        worker: Worker,
        ready: bool,
        /// Calls made before the worker was ready, in order.
        queued: Vec<String>,
        waiting: Waiting,
        next: u32,
    }

    thread_local! {
        static LINK: RefCell<Option<Rc<RefCell<Link>>>> = const { RefCell::new(None) };
    }

    fn fail_all(link: &Rc<RefCell<Link>>, why: &str) {
        let waiting = std::mem::take(&mut link.borrow_mut().waiting);
        for (_, (_, reject)) in waiting {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
        }
    }

    /// The worker, started on first use.
    fn link() -> Result<Rc<RefCell<Link>>, ApiError> {
        if let Some(l) = LINK.with(|l| l.borrow().clone()) {
            return Ok(l);
        }
        let worker = Worker::new(WORKER_SCRIPT).map_err(|e| {
            ApiError::Network(format!(
                "the in-page sandbox could not start: {}",
                e.as_string()
                    .unwrap_or_else(|| "the browser refused a Web Worker".into())
            ))
        })?;
        // The accounts as the last page load left them, before any call.
        let restore = storage::get(storage::SANDBOX_STATE)
            .and_then(|state| serde_json::to_string(&ToWorker::Restore(state)).ok());
        let link = Rc::new(RefCell::new(Link {
            worker: worker.clone(),
            ready: false,
            queued: restore.into_iter().collect(),
            waiting: HashMap::new(),
            next: 0,
        }));
        let on_message = {
            let link = link.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
                let Some(text) = msg.data().as_string() else {
                    return;
                };
                if text == READY {
                    let mut l = link.borrow_mut();
                    l.ready = true;
                    for call in std::mem::take(&mut l.queued) {
                        let _ = l.worker.post_message(&JsValue::from_str(&call));
                    }
                    return;
                }
                let answer = match serde_json::from_str::<FromWorker>(&text) {
                    Ok(FromWorker::Answer(answer)) => answer,
                    Ok(FromWorker::Saved(state)) => {
                        // Too large for this browser's storage: the next load starts afresh
                        // rather than from an older copy.
                        if !storage::try_set(storage::SANDBOX_STATE, &state) {
                            storage::remove(storage::SANDBOX_STATE);
                        }
                        return;
                    }
                    Err(_) => return,
                };
                let waiting = link.borrow_mut().waiting.remove(&answer.id);
                if let Some((resolve, _)) = waiting {
                    let response = serde_json::to_string(&answer.response).unwrap_or_default();
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&response));
                }
            })
        };
        let on_error = {
            let link = link.clone();
            // An `ErrorEvent` when the worker throws, a plain `Event` when its script does
            // not load: read the message only where there is one.
            Closure::<dyn FnMut(Event)>::new(move |e: Event| {
                e.prevent_default();
                let message = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "its script did not load".into());
                // Started again at the next call; every call waiting now gets the reason.
                LINK.with(|l| l.borrow_mut().take());
                fail_all(&link, &format!("the in-page sandbox stopped: {message}"));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page: so do its handlers.
        on_message.forget();
        on_error.forget();
        LINK.with(|l| *l.borrow_mut() = Some(link.clone()));
        Ok(link)
    }

    pub async fn handle(api: Api, req: &Request, now_ms: u64) -> Result<Response, ApiError> {
        let link = link()?;
        let answered = {
            let mut l = link.borrow_mut();
            let id = l.next;
            l.next = l.next.wrapping_add(1);
            let call = serde_json::to_string(&ToWorker::Call(Call {
                id,
                api,
                request: req.clone(),
                now_ms,
            }))
            .map_err(|e| ApiError::Network(format!("the request could not be passed on: {e}")))?;
            let mut pair = None;
            let promise = Promise::new(&mut |resolve, reject| pair = Some((resolve, reject)));
            if let Some(pair) = pair {
                l.waiting.insert(id, pair);
            }
            if l.ready {
                let _ = l.worker.post_message(&JsValue::from_str(&call));
            } else {
                l.queued.push(call);
            }
            promise
        };
        let text = JsFuture::from(answered).await.map_err(|e| {
            ApiError::Network(
                e.as_string()
                    .unwrap_or_else(|| "the in-page sandbox did not answer".into()),
            )
        })?;
        serde_json::from_str(&text.as_string().unwrap_or_default())
            .map_err(|e| ApiError::Network(format!("the in-page sandbox answered badly: {e}")))
    }
}
