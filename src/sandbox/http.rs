//! `orderlint sandbox`: the simulator over HTTP on loopback. Host only. It speaks plain
//! HTTP with no CORS headers of its own: the proxy in front of it adds those, as it
//! would for the real APIs.

use std::io::Read;
use std::time::{SystemTime, UNIX_EPOCH};

use super::Sandbox;
use crate::api::{Method, Request, Response};

/// Larger bodies get 413, as a real API gateway would answer.
pub const MAX_BODY: u64 = 5 * 1024 * 1024;

/// Serves until the process ends. `ready` gets the bound port (useful with port 0).
pub fn serve(port: u16, ready: impl FnOnce(u16)) -> std::io::Result<()> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
    let bound = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(port);
    ready(bound);
    let mut sandbox = Sandbox::new();
    for mut raw in server.incoming_requests() {
        // Wall-clock milliseconds: FeedAMP's orders carry real dates.
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let resp = match to_request(&mut raw) {
            Ok(req) => sandbox.handle_prefixed(&req, now_ms),
            Err(resp) => resp,
        };
        let mut out = tiny_http::Response::from_string(resp.body).with_status_code(resp.status);
        for (n, v) in &resp.headers {
            if let Ok(h) = tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes()) {
                out.add_header(h);
            }
        }
        // A client that hung up is not the server's problem.
        let _ = raw.respond(out);
    }
    Ok(())
}

fn error(status: u16, message: &str) -> Response {
    Response::json(
        status,
        &serde_json::json!({"status": status, "error": message}),
    )
}

fn to_request(raw: &mut tiny_http::Request) -> Result<Request, Response> {
    let method =
        Method::parse(raw.method().as_str()).ok_or_else(|| error(405, "method not allowed"))?;
    let url = raw.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let mut req = Request::new(method, path);
    req.query = crate::api::parse_query(query);
    req.headers = raw
        .headers()
        .iter()
        .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_string()))
        .collect();
    let mut body = Vec::new();
    raw.as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|e| error(400, &format!("could not read the body: {e}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(error(413, "the body is larger than 5 MiB"));
    }
    if !body.is_empty() {
        let text = String::from_utf8(body).map_err(|_| error(400, "the body is not UTF-8"))?;
        req.body = Some(text);
    }
    Ok(req)
}
