//! `orderlint sandbox` over HTTP, and under attack, on loopback: hostile clients (a huge declared body,
//! huge headers, stalled heads and bodies, responses never read) neither kill it, nor
//! freeze it for everyone else, nor make its memory grow. Every loop here is bounded.
//!
//! Long: each test starts its own server and speaks raw HTTP to it, as an attacker or a
//! browser would; the requests are written out whole so what is sent is what is read.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use orderlint::samples;

const BIN: &str = env!("CARGO_BIN_EXE_orderlint");

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let mut child = Command::new(BIN)
        .args(["sandbox", "--port", "0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut first)
        .unwrap();
    let port = first.trim().rsplit(':').next().unwrap().parse().unwrap();
    Server { child, port }
}

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s
}

/// Sends `raw` and reads the whole answer (the request says Connection: close).
fn exchange(port: u16, raw: &[u8]) -> (u16, String) {
    let mut s = connect(port);
    s.write_all(raw).unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, out)
}

/// One ordinary request, timed.
fn ordinary(port: u16) -> Duration {
    let t = Instant::now();
    let (status, out) = exchange(
        port,
        b"GET /veeqo/channels HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200, "{out}");
    t.elapsed()
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn http(port: u16, raw: &str) -> (u16, String) {
    exchange(port, raw.as_bytes())
}

/// A JSON POST with a Veeqo key (which the sandbox's controls ignore).
fn post_json(port: u16, path: &str, body: &str) -> (u16, String) {
    http(
        port,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

/// The simulators, served: what the browser tests and the proxy tests talk to.
#[test]
fn sandbox_serves_over_http() {
    let server = start();
    let port = server.port;

    let (status, _) = http(
        port,
        "GET /veeqo/channels HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 401);
    let (status, resp) = post_json(port, "/veeqo/channels", samples::VEEQO_CHANNEL);
    assert_eq!(status, 201, "{resp}");
    assert!(resp.contains("\"custom_integration_channel_specific\""));
    let (status, resp) = http(port, "GET /veeqo/channels?page=1&page_size=5 HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    assert!(
        resp.to_ascii_lowercase().contains("x-total-count: 1"),
        "{resp}"
    );
    let (status, resp) = http(port, "GET /feedamp/authorize?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fa.example%2Fcb&state=s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200, "{resp}");
    assert!(resp.contains("id=\"sign-in\""), "{resp}");
    let (status, _) = http(
        port,
        "GET /feedamp/orders HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 401);
}

#[test]
fn a_huge_declared_body_gets_413_without_being_read() {
    let server = start();
    let (status, out) = exchange(
        server.port,
        b"POST /veeqo/channels HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nContent-Type: application/json\r\nContent-Length: 1000000000000000000\r\nConnection: close\r\n\r\n{",
    );
    assert_eq!(status, 413, "{out}");
    assert!(out.contains("larger than 5 MiB"), "{out}");
    ordinary(server.port);
}

#[test]
fn a_huge_head_gets_431() {
    let server = start();
    let big = format!(
        "GET /veeqo/channels HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nX-Padding: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let (status, _) = exchange(server.port, big.as_bytes());
    assert_eq!(status, 431);
    ordinary(server.port);
}

#[test]
fn a_stalled_body_gets_408_and_its_connection_back() {
    let server = start();
    let mut s = connect(server.port);
    s.write_all(b"POST /veeqo/channels HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nContent-Length: 100\r\n\r\n{\"chan")
        .unwrap();
    let t = Instant::now();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    assert!(out.starts_with("HTTP/1.1 408"), "{out}");
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
}

#[test]
fn hostile_clients_neither_freeze_the_others_nor_grow_its_memory() {
    let server = start();
    let pid = server.child.id();
    for _ in 0..5 {
        ordinary(server.port); // warm up
    }
    let before_kb = rss_kb(pid);
    let mut hostile = Vec::new();
    // Heads that never end, bodies that never arrive.
    for i in 0..40 {
        let mut s = connect(server.port);
        if i % 2 == 0 {
            s.write_all(b"GET /veeqo/channels HTTP/1.1\r\nHost: x\r\n")
                .unwrap();
        } else {
            s.write_all(b"POST /veeqo/orders HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n{")
                .unwrap();
        }
        hostile.push(s);
    }
    // Clients that send request after request and never read an answer.
    let pipelined =
        "GET /veeqo/channels HTTP/1.1\r\nHost: x\r\nx-api-key: flood\r\n\r\n".repeat(200);
    for _ in 0..10 {
        let mut s = connect(server.port);
        s.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
        let _ = s.write_all(pipelined.as_bytes());
        hostile.push(s);
    }
    // Meanwhile everyone else is served, promptly.
    let mut slowest = Duration::ZERO;
    for _ in 0..30 {
        slowest = slowest.max(ordinary(server.port));
    }
    assert!(
        slowest < Duration::from_millis(1500),
        "an ordinary request took {slowest:?} beside the hostile ones"
    );
    let after_kb = rss_kb(pid);
    assert!(
        after_kb < before_kb + 32 * 1024,
        "memory grew from {before_kb} kB to {after_kb} kB"
    );
    drop(hostile);
    ordinary(server.port);
}

fn body_of(out: &str) -> serde_json::Value {
    let body = out.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Faults scheduled over HTTP, as the proxy and browser tests schedule them: a slow answer
/// is late by what was asked, and holds up no one else meanwhile.
#[test]
fn scheduled_faults_over_http_and_a_slow_answer_holds_no_one_up() {
    let server = start();
    let port = server.port;
    let faults = serde_json::json!([
        {"method": "GET", "path": "/orders/*", "times": 1, "delay_ms": 300},
        {"method": "POST", "path": "/channels", "times": 1, "status": 502},
    ]);
    let (status, out) = post_json(port, "/veeqo/_sandbox/faults", &faults.to_string());
    assert_eq!(status, 201, "{out}");
    let (status, out) = http(
        port,
        "GET /veeqo/_sandbox/faults HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((status, body_of(&out)), (200, faults));

    let slow = std::thread::spawn(move || {
        let t = Instant::now();
        let (status, out) = http(
            port,
            "GET /veeqo/orders/1 HTTP/1.1\r\nHost: x\r\nx-api-key: k\r\nConnection: close\r\n\r\n",
        );
        (status, out, t.elapsed(), Instant::now())
    });
    std::thread::sleep(Duration::from_millis(50));
    let quick = ordinary(port);
    let quick_done = Instant::now();
    let (status, out, took, slow_done) = slow.join().unwrap();
    assert_eq!(status, 404, "the API's own answer, late: {out}");
    assert!(took >= Duration::from_millis(300), "answered in {took:?}");
    assert!(
        !out.to_ascii_lowercase().contains("x-sandbox-delay-ms"),
        "{out}"
    );
    assert!(
        quick_done < slow_done && quick < Duration::from_millis(300),
        "an ordinary request took {quick:?} and waited for the slow one"
    );

    let (status, out) = post_json(port, "/veeqo/channels", samples::VEEQO_CHANNEL);
    assert_eq!(status, 502, "{out}");
    assert!(
        out.to_ascii_lowercase().contains("content-type: text/html"),
        "{out}"
    );
    assert!(out.contains("<h1>502 Bad Gateway</h1>"), "{out}");

    let (_, out) = http(
        port,
        "GET /veeqo/_sandbox/requests HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(
        body_of(&out),
        serde_json::json!({"GET /channels": 1, "GET /orders/1": 1})
    );
    // Each API has its own: FeedAMP's list is empty, and DELETE empties Veeqo's.
    let (_, out) = http(
        port,
        "GET /feedamp/_sandbox/faults HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(body_of(&out), serde_json::json!([]));
    post_json(
        port,
        "/veeqo/_sandbox/faults",
        r#"{"path": "/*", "status": 500}"#,
    );
    let (status, out) = http(
        port,
        "DELETE /veeqo/_sandbox/faults HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!((status, body_of(&out)), (200, serde_json::json!([])));
    ordinary(port);
}

/// A response header's value, from a raw HTTP answer.
fn header<'a>(out: &'a str, name: &str) -> Option<&'a str> {
    let head = out.split_once("\r\n\r\n").map_or(out, |(h, _)| h);
    head.lines().skip(1).find_map(|l| {
        let (n, v) = l.split_once(':')?;
        n.eq_ignore_ascii_case(name).then_some(v.trim())
    })
}

/// A hidden form field's value on a page.
fn hidden<'a>(html: &'a str, name: &str) -> &'a str {
    let at = format!("name=\"{name}\" value=\"");
    let rest = &html[html
        .find(&at)
        .unwrap_or_else(|| panic!("no {name}: {html}"))
        + at.len()..];
    &rest[..rest.find('"').unwrap()]
}

/// FeedAMP's authorize page over real HTTP, as a browser on the sandbox's own origin walks
/// it: sign-in form → session cookie → consent → decision → 302 to the callback with a code.
#[test]
fn the_seller_signs_in_and_consents_over_http() {
    let server = start();
    let port = server.port;
    let host = format!("127.0.0.1:{port}");
    let origin = format!("http://{host}");
    let get = |target: &str, cookie: &str| {
        http(
            port,
            &format!("GET /feedamp/{target} HTTP/1.1\r\nHost: {host}\r\n{cookie}Connection: close\r\n\r\n"),
        )
    };
    let post = |path: &str, origin: &str, cookie: &str, form: &str| {
        http(
            port,
            &format!(
                "POST /feedamp/{path} HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
                form.len()
            ),
        )
    };
    let (status, page) = get(
        "authorize?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=http-state-0123456789",
        "",
    );
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("<form method=\"post\" action=\"login\">"),
        "{page}"
    );
    let id = header(&page, "x-sandbox-request").unwrap().to_string();
    assert_eq!(hidden(&page, "request"), id);

    // A wrong password: the form again with the message, no cookie.
    let (status, out) = post(
        "login",
        &origin,
        "",
        &format!("username=seller%40sandbox.example&password=wrong&request={id}"),
    );
    assert_eq!(status, 200, "{out}");
    assert!(out.contains("Wrong email or password."), "{out}");
    assert_eq!(header(&out, "set-cookie"), None);
    // The right ones posted from another origin (a proxy's): refused.
    let good = format!("username=seller%40sandbox.example&password=sandbox-password&request={id}");
    let (status, out) = post("login", "http://127.0.0.1:1", "", &good);
    assert_eq!((status, header(&out, "set-cookie")), (403, None), "{out}");

    let (status, out) = post("login", &origin, "", &good);
    assert_eq!(status, 303, "{out}");
    assert_eq!(
        header(&out, "location"),
        Some(format!("consent?request={id}").as_str())
    );
    let set = header(&out, "set-cookie").unwrap();
    assert!(
        set.ends_with("; Path=/feedamp; HttpOnly; SameSite=Lax"),
        "{set}"
    );
    let session = set.split(';').next().unwrap().to_string();
    let cookie = format!("Cookie: {session}\r\n");

    let (status, consent) = get(&format!("consent?request={id}"), &cookie);
    assert_eq!(status, 200, "{consent}");
    assert!(consent.contains("id=\"approve\""), "{consent}");
    let csrf = hidden(&consent, "csrf_token").to_string();

    let decision = |csrf: &str| format!("request={id}&csrf_token={csrf}&approve=true");
    let (status, out) = post("decision", &origin, &cookie, &decision("csrf_forged"));
    assert_eq!(status, 403, "{out}");
    let (status, out) = post(
        "decision",
        &origin,
        &cookie,
        &format!("request={id}&approve=true"),
    );
    assert_eq!(status, 403, "{out}");
    let (status, out) = post("decision", &origin, "", &decision(&csrf));
    assert_eq!(status, 403, "{out}");

    let (status, out) = post("decision", &origin, &cookie, &decision(&csrf));
    assert_eq!(status, 302, "{out}");
    let location = header(&out, "location").unwrap();
    assert!(
        location.starts_with("https://app.example/cb?code="),
        "{location}"
    );
    assert!(
        location.ends_with("&state=http-state-0123456789"),
        "{location}"
    );
    let (status, out) = post("decision", &origin, &cookie, &decision(&csrf));
    assert_eq!(status, 400, "a replayed decision: {out}");
}
