//! `orderlint sandbox`: the simulator over HTTP on loopback. Host only. It speaks plain
//! HTTP with no CORS headers of its own: the proxy in front of it adds those, as it
//! would for the real APIs.
//!
//! One client must not be able to freeze or kill it: each connection is its own task
//! (hyper on tokio), a declared or actual body over [`MAX_BODY`] gets 413 before it is
//! read, a request head over [`MAX_HEAD`] gets 431, a head or body that stalls gets the
//! connection closed or 408, and no connection lives longer than [`CONNECTION_LIFE`].

use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use super::{faults, refused as error, request_from, unknown_method, Sandbox};
use orderlint_api::{Method, Request, Response};

/// Larger bodies get 413, as a real API gateway would answer.
pub const MAX_BODY: usize = 5 * 1024 * 1024;
/// The request line and headers together; larger gets 431.
pub const MAX_HEAD: usize = 16 * 1024;
/// How long a client may take to send a request's head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a client may take to send a request's body; then 408.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(10);
/// No connection, however busy or idle, outlives this.
pub const CONNECTION_LIFE: Duration = Duration::from_secs(120);
/// Connections served at once; past this a new one is closed at once.
pub const MAX_CONNECTIONS: usize = 512;

/// Serves `sandbox` until the process ends. `ready` gets the bound port (useful with port 0).
pub fn serve(sandbox: Sandbox, port: u16, ready: impl FnOnce(u16)) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        ready(listener.local_addr()?.port());
        let sandbox = Arc::new(Mutex::new(sandbox));
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, most likely: let some close.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            };
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                continue; // dropping the stream closes it
            };
            let sandbox = sandbox.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req| handle(req, sandbox.clone()));
                let conn = http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEAD_TIMEOUT)
                    .max_buf_size(MAX_HEAD)
                    .serve_connection(TokioIo::new(stream), service);
                // A client that hung up, or stayed too long, is not the server's problem.
                let _ = tokio::time::timeout(CONNECTION_LIFE, conn).await;
                drop(slot);
            });
        }
    })
}

async fn handle(
    raw: hyper::Request<Incoming>,
    sandbox: Arc<Mutex<Sandbox>>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let mut resp = match to_request(raw).await {
        Ok(req) => {
            // Wall-clock milliseconds: FeedAMP's orders carry real dates.
            let now_ms = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64);
            // The simulator is quick and never awaits: one lock per request.
            match sandbox.lock() {
                Ok(mut sb) => sb.handle_prefixed(&req, now_ms),
                Err(_) => error(500, "the sandbox failed; restart it"),
            }
        }
        Err(resp) => resp,
    };
    // A scheduled slow answer: waited out here, with the lock released, so others are served.
    let delay_ms = faults::take_delay(&mut resp);
    if delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
    }
    Ok(to_hyper(resp))
}

fn to_hyper(resp: Response) -> hyper::Response<Full<Bytes>> {
    let mut out = hyper::Response::builder().status(resp.status);
    for (n, v) in &resp.headers {
        out = out.header(n.as_str(), v.as_str());
    }
    out.body(Full::new(Bytes::from(resp.body)))
        .unwrap_or_else(|_| {
            let mut fallback = hyper::Response::new(Full::new(Bytes::from_static(
                b"{\"status\": 500, \"error\": \"the sandbox built a response HTTP cannot carry\"}",
            )));
            *fallback.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}

async fn to_request(raw: hyper::Request<Incoming>) -> Result<Request, Response> {
    let (parts, body) = raw.into_parts();
    // An unknown method is refused before its body is read.
    if Method::parse(parts.method.as_str()).is_none() {
        return Err(unknown_method(parts.uri.path()));
    }
    let too_big = || error(413, "the body is larger than 5 MiB");
    let declared = parts
        .headers
        .get("content-length")
        .and_then(|l| l.to_str().ok()?.trim().parse::<u128>().ok());
    if declared.is_some_and(|l| l > MAX_BODY as u128) {
        return Err(too_big());
    }
    let body = tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, MAX_BODY).collect())
        .await
        .map_err(|_| error(408, "the body did not arrive in time"))?
        .map_err(|e| {
            if e.downcast_ref::<http_body_util::LengthLimitError>()
                .is_some()
            {
                too_big()
            } else {
                error(400, &format!("could not read the body: {e}"))
            }
        })?
        .to_bytes();
    let headers = parts
        .headers
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_string(), v.to_str().ok()?.to_string())));
    request_from(
        parts.method.as_str(),
        parts.uri.path(),
        parts.uri.query().unwrap_or(""),
        headers,
        &body,
    )
}
