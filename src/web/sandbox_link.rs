//! The in-page simulators live in a Web Worker (`orderlint-sandbox-worker`), started at the
//! first request the page sends them: the first page's bundle holds no simulator, and
//! their work is off the main thread. A request crosses as JSON text and its answer comes
//! back the same way, matched by a number.
//!
//! With the `in-page-sandbox` feature (the browser tests, whose runner serves no worker
//! script) the simulators run in the page instead.

pub use crate::sandbox::worker::{Answer, Call, FromWorker, ToWorker, READY};

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

    use super::{Call, FromWorker, ToWorker, READY};
    use crate::api::{Api, ApiError, Request, Response};
    use crate::web::{deploy, storage};

    // The worker is built from its script and wasm as fetched with their integrity (named
    // in index.html by post-build): the bytes checked are the bytes run. `new Worker(url)`
    // takes no integrity, and whatever a loader script then imported would go unchecked.
    // The script runs from a blob: URL (the CSP's worker-src), the wasm arrives as the
    // first message. A failed fetch is told apart by asking again, unchecked.
    #[wasm_bindgen(inline_js = "export async function start_worker() {
        const meta = document.querySelector('meta[name=orderlint-worker]');
        if (!meta) throw new Error('this build names no worker');
        const get = async (name, integrity) => {
            const url = new URL(name, document.baseURI);
            try {
                const r = await fetch(url, { integrity });
                if (r.ok) return r;
            } catch {}
            const r = await fetch(url, { cache: 'no-store' }).catch(() => null);
            throw new Error(!r ? 'its script did not load'
                : r.ok ? 'its code failed its integrity check, so it was not run'
                : `its script did not load (HTTP ${r.status})`);
        };
        const [code, wasm] = await Promise.all([
            get(meta.content, meta.dataset.integrity).then((r) => r.text()),
            get(meta.dataset.wasm, meta.dataset.wasmIntegrity).then((r) => r.arrayBuffer()),
        ]);
        const start = ';self.onmessage = (e) => { self.onmessage = null; '
            + 'wasm_bindgen({ module_or_path: e.data }).catch((err) => setTimeout(() => { throw err; })); };';
        const url = URL.createObjectURL(new Blob([code, start], { type: 'text/javascript' }));
        try {
            const worker = new Worker(url);
            worker.postMessage(wasm, [wasm]);
            return worker;
        } finally {
            URL.revokeObjectURL(url);
        }
    }")]
    extern "C" {
        #[wasm_bindgen(catch)]
        async fn start_worker() -> Result<JsValue, JsValue>;
    }

    /// The calls waiting for an answer, by number: the promise's resolve and reject.
    type Waiting = HashMap<u32, (Function, Function)>;

    struct Link {
        /// `None` while its code is fetched and checked.
        worker: Option<Worker>,
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

    /// The worker, started on first use; calls wait in `queued` until it is ready.
    fn link() -> Rc<RefCell<Link>> {
        if let Some(l) = LINK.with(|l| l.borrow().clone()) {
            return l;
        }
        // The accounts as the last page load left them, before any call.
        let restore = storage::get(storage::SANDBOX_STATE)
            .and_then(|state| serde_json::to_string(&ToWorker::Restore(state)).ok());
        let link = Rc::new(RefCell::new(Link {
            worker: None,
            ready: false,
            queued: restore.into_iter().collect(),
            waiting: HashMap::new(),
            next: 0,
        }));
        LINK.with(|l| *l.borrow_mut() = Some(link.clone()));
        wasm_bindgen_futures::spawn_local(start(link.clone()));
        link
    }

    async fn start(link: Rc<RefCell<Link>>) {
        let worker: Worker = match start_worker().await {
            Ok(w) => w.unchecked_into(),
            Err(e) => {
                let why = match e.dyn_ref::<js_sys::Error>() {
                    Some(e) => String::from(e.message()),
                    None => "the browser refused a Web Worker".into(),
                };
                // A deploy since this tab opened: the new build's worker is not this
                // page's to run.
                let why = if deploy::updated().await {
                    deploy::UPDATED.into()
                } else {
                    why
                };
                // Started again at the next call; every call waiting now gets the reason.
                LINK.with(|l| l.borrow_mut().take());
                fail_all(
                    &link,
                    &format!("the in-page sandbox could not start: {why}"),
                );
                return;
            }
        };
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
                        let _ = worker_of(&l).post_message(&JsValue::from_str(&call));
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
        link.borrow_mut().worker = Some(worker);
    }

    /// The worker of a link that is ready (it has one).
    fn worker_of(l: &Link) -> &Worker {
        l.worker.as_ref().expect("a ready link has its worker")
    }

    pub async fn handle(api: Api, req: &Request, now_ms: u64) -> Result<Response, ApiError> {
        let link = link();
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
                let _ = worker_of(&l).post_message(&JsValue::from_str(&call));
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
