//! The one place that does HTTP from the browser. In Sandbox mode the same requests go to
//! the in-page simulators instead (`sandbox_link`: a Web Worker). Timeouts, aborts and retries (per `api::retry`) live here.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::{on_cleanup, LocalStorage, StoredValue};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use crate::api::retry::{next_delay, parse_retry_after, Attempt};
use crate::api::Api;
use crate::api::{base_url_problem, feedamp, veeqo, ApiError, Method, Request, Response};

use super::settings::{Settings, Target};

/// The key the in-page sandbox is called with; no real key is needed there.
pub const SANDBOX_KEY: &str = "sandbox-key";
/// How the in-page FeedAMP sandbox is shown in previews (it has no host of its own).
pub const SANDBOX_FEEDAMP_BASE: &str = "https://feedamp.sandbox.invalid";

/// A finished exchange.
#[derive(Clone, Debug)]
pub struct Sent {
    /// The request's method and path below the API's base: what its answer is documented
    /// under (`drift`).
    pub method: Method,
    pub path: String,
    pub response: Response,
    pub elapsed_ms: f64,
    pub attempts: u32,
}

/// Milliseconds on the page's monotonic clock (for durations and pacing, not dates).
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// The base URL requests are shown and sent with.
pub fn base_url(settings: &Settings, api: Api) -> String {
    match (settings.target, api) {
        (Target::Sandbox, Api::Veeqo) => veeqo::BASE_URL.to_string(),
        (Target::Live, Api::Veeqo) => settings.veeqo_base.trim().to_string(),
        (Target::Sandbox, Api::Feedamp) => SANDBOX_FEEDAMP_BASE.to_string(),
        (Target::Live, Api::Feedamp) => settings.feedamp_base.trim().to_string(),
    }
}

/// Where the seller signs in and approves (Live): FeedAMP's own address from Settings,
/// resolved against the page's, or why it cannot be used.
pub fn sign_in_base(settings: &Settings) -> Result<String, String> {
    let page = web_sys::window().and_then(|w| w.location().href().ok());
    let resolve = |s: &str| {
        let s = s.trim();
        if s.is_empty() {
            return String::new();
        }
        page.as_deref()
            .and_then(|p| web_sys::Url::new_with_base(s, p).ok())
            .map_or_else(|| s.to_string(), |u| u.href())
    };
    let sign_in = resolve(&settings.feedamp_sign_in);
    match feedamp::sign_in_problem(&sign_in, &resolve(&settings.feedamp_base)) {
        Some(p) => Err(p),
        None => Ok(sign_in.trim_end_matches('/').to_string()),
    }
}

/// The base a copied cURL command uses: the API itself, never the proxy (a terminal needs
/// no CORS, and a relative proxy path like `/veeqo` runs nowhere). FeedAMP's domain is the
/// seller's: an absolute proxy URL stands in for it, or a placeholder to replace.
pub fn curl_base(settings: &Settings, api: Api) -> String {
    match api {
        Api::Veeqo => veeqo::BASE_URL.to_string(),
        Api::Feedamp => {
            let base = base_url(settings, api);
            if settings.target == Target::Sandbox || base.starts_with("https://") {
                base
            } else {
                "https://YOUR-FEEDAMP-DOMAIN".to_string()
            }
        }
    }
}

/// Adds the credentials the target needs; the only place a key enters a request.
pub fn authorize(settings: &Settings, api: Api, req: &mut Request) {
    match (settings.target, api) {
        (Target::Sandbox, Api::Veeqo) => veeqo::authorize(req, SANDBOX_KEY),
        (Target::Live, Api::Veeqo) => veeqo::authorize(req, &settings.api_key),
        // FeedAMP's bearer token is the session's: AppState adds it.
        (_, Api::Feedamp) => {}
    }
}

/// An abort signal that fires when the current component (a page) is cleaned up, so its
/// in-flight requests stop with it.
pub fn page_signal() -> StoredValue<Option<AbortSignal>, LocalStorage> {
    let controller = AbortController::new().ok();
    let signal = StoredValue::new_local(controller.as_ref().map(|c| c.signal()));
    // on_cleanup wants Send; the controller never leaves this thread.
    let on_leave = send_wrapper::SendWrapper::new(controller);
    on_cleanup(move || {
        if let Some(c) = on_leave.take() {
            c.abort();
        }
    });
    signal
}

/// What in Settings stops a request to `api` from being sent, if anything.
pub fn setup_problem(settings: &Settings, api: Api) -> Option<String> {
    if settings.target == Target::Sandbox {
        return None;
    }
    if let Some(p) = base_url_problem(&base_url(settings, api)) {
        return Some(p);
    }
    (api == Api::Veeqo && settings.api_key.trim().is_empty())
        .then(|| "no API key: enter it in Settings".into())
}

/// How a request is sent: the code that does it (fetch and retries, or the simulators'
/// worker) arrives after the page, not with it.
#[cfg(not(feature = "in-page-sandbox"))]
type Sending = fn(
    Settings,
    Api,
    Request,
    Option<AbortSignal>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Sent, ApiError>>>>;

#[cfg(not(feature = "in-page-sandbox"))]
#[leptos::wasm_split::wasm_split(send_part, wasm_split_path = ::leptos::wasm_split, fallible)]
fn send_part() -> Result<Sending, leptos::wasm_split::SplitLoaderError> {
    Ok(|settings, api, req, cancel| {
        Box::pin(async move { send_now(&settings, api, req, cancel).await })
    })
}

/// Fetches the sending code ahead of the first Send (the page calls it once usable); a
/// failure is left for the Send itself to report.
pub async fn prefetch() {
    #[cfg(not(feature = "in-page-sandbox"))]
    let _ = send_part().await;
}

/// Sends with retries. `cancel` is the page's signal: when it fires, the exchange stops.
pub async fn send(
    settings: &Settings,
    api: Api,
    req: Request,
    cancel: Option<AbortSignal>,
) -> Result<Sent, ApiError> {
    // The browser tests' runner serves no split-off code, as it serves no worker.
    #[cfg(feature = "in-page-sandbox")]
    return send_now(settings, api, req, cancel).await;
    #[cfg(not(feature = "in-page-sandbox"))]
    match send_part().await {
        Ok(sending) => sending(settings.clone(), api, req, cancel).await,
        // A deploy since this tab opened: its own build's part is gone, not the network.
        Err(_) if super::deploy::updated().await => Err(ApiError::Network(
            super::deploy::UPDATED.into(),
        )),
        Err(_) => Err(ApiError::Network(
            "orderlint's code for sending could not be loaded: check the connection, then send again."
                .into(),
        )),
    }
}

async fn send_now(
    settings: &Settings,
    api: Api,
    mut req: Request,
    cancel: Option<AbortSignal>,
) -> Result<Sent, ApiError> {
    if let Some(why) = &req.refused {
        return Err(ApiError::Refused(why.clone()));
    }
    if let Some(p) = setup_problem(settings, api) {
        return Err(ApiError::Setup(p));
    }
    authorize(settings, api, &mut req);
    let started = now_ms();
    let mut attempt = 1;
    loop {
        let outcome = match settings.target {
            Target::Sandbox => {
                // Wall-clock time: the simulated orders carry real dates.
                let now = js_sys::Date::now() as u64;
                let answer = super::sandbox_link::handle(api, &req, now).await;
                if api == Api::Feedamp && feedamp::is_front_channel(&req) {
                    answer
                } else {
                    answer.and_then(|r| ApiError::redirect_answer(&r).map_or(Ok(r), Err))
                }
            }
            Target::Live => {
                let base = base_url(settings, api);
                let url = req.url(&base);
                match fetch(&url, &req, settings.timeout_s * 1000, cancel.as_ref()).await {
                    Ok(resp) => ApiError::redirect_answer(&resp)
                        .or_else(|| ApiError::html_answer(&resp, &base))
                        .map_or(Ok(resp), Err),
                    Err(e) => Err(e),
                }
            }
        };
        let seen = match &outcome {
            Ok(r) => Attempt::Status {
                status: r.status,
                retry_after_s: r.header("retry-after").and_then(parse_retry_after),
            },
            Err(ApiError::Timeout { .. }) => Attempt::Timeout,
            Err(ApiError::Network(_)) => Attempt::Network,
            Err(e) => return Err(e.clone()),
        };
        match next_delay(req.method, attempt, seen) {
            Some(delay) if !is_aborted(cancel.as_ref()) => {
                TimeoutFuture::new(delay).await;
                if is_aborted(cancel.as_ref()) {
                    return Err(ApiError::Aborted);
                }
                attempt += 1;
            }
            _ => {
                return outcome.map(|response| Sent {
                    method: req.method,
                    path: req.path,
                    response,
                    elapsed_ms: now_ms() - started,
                    attempts: attempt,
                })
            }
        }
    }
}

fn is_aborted(s: Option<&AbortSignal>) -> bool {
    s.is_some_and(AbortSignal::aborted)
}

/// One fetch, aborted on timeout or when `cancel` fires.
async fn fetch(
    url: &str,
    req: &Request,
    timeout_ms: u32,
    cancel: Option<&AbortSignal>,
) -> Result<Response, ApiError> {
    if is_aborted(cancel) {
        return Err(ApiError::Aborted);
    }
    let controller = AbortController::new()
        .map_err(|_| ApiError::Network("AbortController unavailable".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (c, t) = (controller.clone(), timed_out.clone());
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            t.set(true);
            c.abort();
        })
    };
    // Abort this attempt when the page's signal fires; unhooked when the attempt ends.
    let forward = {
        let c = controller.clone();
        Closure::<dyn FnMut()>::new(move || c.abort())
    };
    if let Some(s) = cancel {
        let _ = s.add_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
    }
    let result = do_fetch(url, req, &controller.signal()).await;
    drop(on_timeout);
    if let Some(s) = cancel {
        let _ = s.remove_event_listener_with_callback("abort", forward.as_ref().unchecked_ref());
    }
    result.map_err(|e| {
        if timed_out.get() {
            ApiError::Timeout {
                after_ms: timeout_ms,
            }
        } else if is_aborted(cancel) {
            ApiError::Aborted
        } else {
            e
        }
    })
}

async fn do_fetch(url: &str, req: &Request, signal: &AbortSignal) -> Result<Response, ApiError> {
    let method = gloo_net::http::Method::from_bytes(req.method.as_str().as_bytes())
        .map_err(|e| ApiError::Network(e.to_string()))?;
    let mut b = gloo_net::http::RequestBuilder::new(url)
        .method(method)
        .credentials(web_sys::RequestCredentials::Omit)
        // A redirect followed would carry x-api-key and the body wherever it points.
        .redirect(web_sys::RequestRedirect::Manual)
        .abort_signal(Some(signal));
    for (n, v) in &req.headers {
        b = b.header(n, v);
    }
    let built = match &req.body {
        Some(body) => b.body(body.as_str()),
        None => b.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let resp = built.send().await.map_err(|e| {
        ApiError::Network(format!(
            "{e}. The proxy did not answer, or refused this page's origin (CORS): check the proxy URL in Settings."
        ))
    })?;
    if resp.type_() == web_sys::ResponseType::Opaqueredirect {
        return Err(ApiError::redirected(None));
    }
    let headers = resp.headers().entries().collect();
    let status = resp.status();
    let body = resp
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    Ok(Response {
        status,
        headers,
        body,
    })
}
