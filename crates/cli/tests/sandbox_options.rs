//! `orderlint sandbox`'s flags, each seen doing what it says over real HTTP: the built
//! binary is started as an integrator's CI starts it, and spoken to as their client would.
//!
//! Long: one test per flag and per control, each walking its behaviour end to end (the
//! OAuth flow included where a token is needed).
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_orderlint");

/// A running `orderlint sandbox`, killed when dropped.
struct Sandbox {
    child: Child,
    port: u16,
    /// What it printed on start.
    banner: Vec<String>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Sandbox {
    fn start(flags: &[&str]) -> Sandbox {
        let mut child = Command::new(BIN)
            .arg("sandbox")
            .args(flags)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the orderlint binary starts");
        let mut out = BufReader::new(child.stdout.take().expect("its stdout"));
        let mut banner = Vec::new();
        for _ in 0..3 {
            let mut line = String::new();
            out.read_line(&mut line).expect("the banner");
            banner.push(line.trim_end().to_string());
        }
        let port = banner[0]
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {banner:?}"));
        Sandbox {
            child,
            port,
            banner,
        }
    }

    /// One request, `Connection: close`, read whole.
    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("a timeout");
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (name, value) in headers {
            head += &format!("{name}: {value}\r\n");
        }
        stream
            .write_all(format!("{head}\r\n{body}").as_bytes())
            .expect("sent");
        let mut raw = String::new();
        let _ = stream.read_to_string(&mut raw);
        Reply::parse(&raw)
    }

    /// With a Veeqo key.
    fn veeqo(&self, method: &str, path: &str, body: &str) -> Reply {
        let headers = [
            ("x-api-key", "ci-key"),
            ("Content-Type", "application/json"),
        ];
        self.send(method, &format!("/veeqo{path}"), &headers, body)
    }

    /// With a FeedAMP access token.
    fn feedamp(&self, method: &str, path: &str, token: &str) -> Reply {
        let bearer = format!("Bearer {token}");
        self.send(
            method,
            &format!("/feedamp{path}"),
            &[("Authorization", &bearer)],
            "",
        )
    }

    /// A control request, JSON in and out.
    fn control(&self, method: &str, path: &str, body: &Value) -> Reply {
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        self.send(method, path, &[("Content-Type", "application/json")], &body)
    }

    /// The seller's consent, then the code exchanged: (access token, refresh token, its
    /// lifetime).
    fn sign_in(&self) -> (String, String, u64) {
        let r = self.send("GET", "/feedamp/authorize?response_type=code&client_id=sandbox-client&redirect_url=https%3A%2F%2Fapp.example%2Fcb&state=ci-state-0123456789", &[], "");
        assert_eq!(r.status, 200, "{}", r.body);
        let request = r.header("x-sandbox-request").expect("the request id");
        let r = self.send(
            "GET",
            &format!("/feedamp/decision?request={request}&approve=true"),
            &[],
            "",
        );
        let location = r.header("location").expect("the callback");
        let code = location
            .split("code=")
            .nth(1)
            .and_then(|c| c.split('&').next())
            .expect("a code");
        self.tokens(&format!("grant_type=authorization_code&code={code}"))
    }

    /// The token endpoint's answer to `grant` (with the sandbox's client).
    fn tokens(&self, grant: &str) -> (String, String, u64) {
        let r = self.token_request(grant);
        assert_eq!(r.status, 200, "{}", r.body);
        let v = r.json();
        let text = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let ttl = v["expires_in"].as_u64().unwrap_or_default();
        (text("access_token"), text("refresh_token"), ttl)
    }

    fn token_request(&self, grant: &str) -> Reply {
        let form = format!("{grant}&client_id=sandbox-client&client_secret=sandbox-secret");
        let headers = [("Content-Type", "application/x-www-form-urlencoded")];
        self.send("POST", "/feedamp/access_token", &headers, &form)
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &str) -> Reply {
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// Runs `orderlint sandbox ARGS` that must end by itself: its exit code and what it said.
fn run_to_exit(args: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .arg("sandbox")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the orderlint binary starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("orderlint sandbox {args:?} kept running");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("its output");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn with(name: &str, text: &str) -> TempFile {
        let path = std::env::temp_dir().join(format!(
            "orderlint-sandbox-options-{}-{name}",
            std::process::id()
        ));
        std::fs::write(&path, text).expect("a temporary file");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn the_banner_is_unchanged_and_help_and_bad_flags_end_it() {
    let sb = Sandbox::start(&[]);
    let port = sb.port;
    assert_eq!(
        sb.banner,
        [
            format!("orderlint sandbox listening on http://127.0.0.1:{port}"),
            format!("  Veeqo API: http://127.0.0.1:{port}/veeqo (any non-empty x-api-key)"),
            format!("  FeedAMP API: http://127.0.0.1:{port}/feedamp (client sandbox-client / sandbox-secret)"),
        ]
    );
    let (code, out, _) = run_to_exit(&["--help"]);
    assert_eq!(code, 0);
    assert_eq!(out, orderlint_sandbox::options::HELP);
    let (code, _, err) = run_to_exit(&["--unkind", "429,teapot"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "error: --unkind: \"teapot\" is not one of 429, 5xx, slow, redirect, expire, reach."
        ),
        "{err}"
    );
    let (code, _, err) = run_to_exit(&["--sead"]);
    assert_eq!(
        (code, err.contains("did you mean --seed?")),
        (2, true),
        "{err}"
    );
}

#[test]
fn seed_makes_the_documented_ids() {
    let sb = Sandbox::start(&["--seed"]);
    let channel = sb.veeqo("GET", "/channels/1000001", "").json();
    assert_eq!(channel["type_code"], "custom_integration");
    let product = sb.veeqo("GET", "/products/1000002", "").json();
    assert_eq!(product["sellables"][0]["id"], 1_000_003);
    assert_eq!(product["sellables"][0]["sku_code"], "SANDBOX-BOTTLE-500ML");
    let listing = &product["channel_products"][0];
    assert_eq!(
        (listing["id"].as_u64(), listing["channel_id"].as_u64()),
        (Some(1_000_004), Some(1_000_001))
    );
    assert_eq!(listing["channel_sellables"][0]["id"], 1_000_005);
    assert_eq!(listing["channel_sellables"][0]["remote_id"], "B0SANDBOX1");
    let order = sb.veeqo("GET", "/orders/1000006", "").json();
    assert_eq!(order["number"], "112-0000000-0000001");
    assert_eq!(order["channel"]["id"], 1_000_001);
    assert_eq!(order["line_items"][0]["id"], 1_000_007);
    assert_eq!(order["sandbox_buyer_protection"]["eligible"], true);

    let (token, _, _) = sb.sign_in();
    let page = sb.feedamp("GET", "/orders", &token).json();
    let states: Vec<(&str, &str)> = page["orders"]
        .as_array()
        .expect("orders")
        .iter()
        .map(|o| {
            let n = o["mp_order_number"].as_str().unwrap_or_default();
            let state = o["fulfillment_status"].as_str().or(o["status"].as_str());
            (n, state.unwrap_or_default())
        })
        .collect();
    assert_eq!(
        states,
        [
            ("SANDBOX-1001", "PENDING"),
            ("SANDBOX-1002", "UNFULFILLED"),
            ("SANDBOX-1003", "PARTIALLY_FULFILLED"),
            ("SANDBOX-1004", "COMPLETE"),
        ]
    );
}

#[test]
fn state_saved_over_http_starts_another_sandbox_where_it_was() {
    let first = Sandbox::start(&["--seed"]);
    let made = first.veeqo(
        "POST",
        "/channels",
        r#"{"channel": {"name": "Made in CI", "type_code": "direct"}}"#,
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let (token, refresh, _) = first.sign_in();
    let saved = first.control("GET", "/feedamp/_sandbox/state", &Value::Null);
    assert_eq!(saved.status, 200);
    assert_eq!(
        saved.body,
        first
            .control("GET", "/veeqo/_sandbox/state", &Value::Null)
            .body
    );
    drop(first);

    let file = TempFile::with("state.json", &saved.body);
    let second = Sandbox::start(&["--state", file.path()]);
    let channels = second.veeqo("GET", "/channels", "").json();
    let names: Vec<&str> = channels
        .as_array()
        .expect("channels")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["Sandbox Store (Custom Integration)", "Made in CI"]);
    // The session survives too: its token still reads, its refresh token still rotates.
    assert_eq!(
        second.feedamp("GET", "/orders/SANDBOX-1002", &token).status,
        200
    );
    second.tokens(&format!("grant_type=refresh_token&refresh_token={refresh}"));
}

#[test]
fn a_state_file_that_cannot_be_used_ends_it_with_2_and_says_why() {
    let missing = std::env::temp_dir().join("orderlint-sandbox-options-none.json");
    let missing = missing.to_str().expect("a UTF-8 path");
    let (code, _, err) = run_to_exit(&["--state", missing]);
    assert_eq!(code, 2);
    assert!(
        err.contains(&format!(
            "error: --state {missing:?}: cannot be read (No such file"
        )),
        "{err}"
    );
    let cases = [
        ("text.json", "not a state", "the kept sandbox could not be read: it is not JSON (expected ident at line 1 column 2)"),
        ("other.json", r#"{"channels": []}"#, "the kept sandbox could not be read: it is not a state saved from GET /_sandbox/state (it has no \"version\")"),
        ("v9.json", r#"{"version": 9, "sandbox": {}}"#, "the kept sandbox is of another version (9, this one reads 1)"),
    ];
    for (name, text, wanted) in cases {
        let file = TempFile::with(name, text);
        let (code, out, err) = run_to_exit(&["--state", file.path()]);
        assert_eq!((code, out.as_str()), (2, ""), "{err}");
        assert!(
            err.contains(&format!("error: --state {:?}: {wanted}", file.path())),
            "{err}"
        );
    }
}

#[test]
fn no_rate_limit_lets_a_burst_of_150_through() {
    let open = Sandbox::start(&["--no-rate-limit"]);
    let statuses: Vec<u16> = (0..150)
        .map(|_| open.veeqo("GET", "/channels", "").status)
        .collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    let limited = Sandbox::start(&[]);
    let refused = (0..150).find_map(|_| {
        let r = limited.veeqo("GET", "/channels", "");
        (r.status == 429).then_some(r)
    });
    let refused = refused.expect("the default rate limit refuses a burst of 150");
    assert!(refused.header("retry-after").is_some());
}

#[test]
fn token_ttl_makes_the_token_expire_when_the_clock_moves_and_refresh_rotates() {
    let sb = Sandbox::start(&["--token-ttl", "60"]);
    let (token, refresh, ttl) = sb.sign_in();
    assert_eq!(ttl, 60);
    assert_eq!(sb.feedamp("GET", "/orders", &token).status, 200);
    let moved = sb.control("POST", "/feedamp/_sandbox/clock", &json!({"advance_s": 61}));
    assert_eq!(moved.status, 200, "{}", moved.body);
    let r = sb.feedamp("GET", "/orders", &token);
    assert_eq!(
        (r.status, r.json()),
        (401, json!({"error": "Token expired"}))
    );
    let (fresh, rotated, ttl) =
        sb.tokens(&format!("grant_type=refresh_token&refresh_token={refresh}"));
    assert_eq!(ttl, 60);
    assert_ne!(rotated, refresh);
    assert_eq!(sb.feedamp("GET", "/orders", &fresh).status, 200);
    // The refresh token was spent: a second use is refused.
    let again = sb.token_request(&format!("grant_type=refresh_token&refresh_token={refresh}"));
    assert_eq!(again.status, 400);
    assert_eq!(again.json()["error"], "invalid_grant");
}

#[test]
fn unkind_gives_every_nth_request_the_next_behaviour_in_turn() {
    let sb = Sandbox::start(&[
        "--unkind",
        "429,5xx,slow,redirect,expire,reach",
        "--unkind-every",
        "3",
        "--slow-ms",
        "300",
    ]);
    let list = || sb.veeqo("GET", "/channels", "");
    let quiet = |n: usize| {
        for _ in 0..n {
            assert_eq!(list().status, 200);
        }
    };
    quiet(2);
    let r = list();
    assert_eq!((r.status, r.header("retry-after")), (429, Some("1")));
    assert!(
        r.json()["error_messages"].is_string(),
        "Veeqo's 429 body: {}",
        r.body
    );
    quiet(2);
    let r = list();
    assert_eq!(
        (r.status, r.json()),
        (503, json!({"status": 503, "error": "Service Unavailable"}))
    );
    quiet(2);
    let t = Instant::now();
    let r = list();
    assert_eq!(r.status, 200, "slow is the API's own answer");
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(r.header("x-sandbox-delay-ms"), None);
    quiet(2);
    let r = list();
    assert_eq!(r.status, 307);
    assert_eq!(
        r.header("location"),
        Some("https://elsewhere.invalid/veeqo/channels")
    );
    quiet(2);
    // Veeqo's keys do not expire: reach is next, and the channel is made under the 502.
    let r = sb.veeqo(
        "POST",
        "/channels",
        r#"{"channel": {"name": "Reached", "type_code": "direct"}}"#,
    );
    assert_eq!(r.status, 502);
    assert!(r.body.contains("502 Bad Gateway"), "{}", r.body);
    let channels = list().json();
    assert_eq!(channels[0]["name"], "Reached");
    let counted = sb
        .control("GET", "/veeqo/_sandbox/requests", &Value::Null)
        .json();
    assert_eq!(counted, json!({"GET /channels": 12, "POST /channels": 1}));
}

#[test]
fn unkind_expire_answers_a_bearer_token_as_expired() {
    let sb = Sandbox::start(&["--unkind", "expire", "--unkind-every", "1"]);
    // The sign-in and the token endpoint carry no bearer token: nothing to expire.
    let (token, _, _) = sb.sign_in();
    let r = sb.feedamp("GET", "/orders", &token);
    assert_eq!(
        (r.status, r.json()),
        (401, json!({"error": "Token expired"}))
    );
    let off = sb.control("DELETE", "/feedamp/_sandbox/unkind", &Value::Null);
    assert_eq!(off.json(), json!({"behaviours": [], "every": 5}));
    assert_eq!(sb.feedamp("GET", "/orders", &token).status, 200);
}

#[test]
fn the_unkind_control_sets_shows_and_turns_it_off_per_api() {
    let sb = Sandbox::start(&[]);
    let setting = json!({"behaviours": ["reach", "429"], "every": 2});
    let r = sb.control("PUT", "/veeqo/_sandbox/unkind", &setting);
    assert_eq!((r.status, r.json()), (200, setting.clone()));
    assert_eq!(
        sb.control("GET", "/veeqo/_sandbox/unkind", &Value::Null)
            .json(),
        setting
    );
    let off = json!({"behaviours": [], "every": 5});
    assert_eq!(
        sb.control("GET", "/feedamp/_sandbox/unkind", &Value::Null)
            .json(),
        off
    );
    let statuses: Vec<u16> = (0..4)
        .map(|_| sb.veeqo("GET", "/orders", "").status)
        .collect();
    assert_eq!(statuses, [200, 502, 200, 429]);
    let wrong = [
        (
            "/veeqo/_sandbox/unkind",
            json!({"behaviours": ["429"], "every": 0}),
            json!({"error_messages": ["every: must be an integer from 1 to 1000000, not 0"]}),
        ),
        (
            "/feedamp/_sandbox/unkind",
            json!({"behaviours": ["timeout"]}),
            json!({"error": "behaviours[0]: \"timeout\" is not one of 429, 5xx, slow, redirect, expire, reach."}),
        ),
        (
            "/feedamp/_sandbox/unkind",
            json!({"behaviours": ["429"], "slow_ms": 10}),
            json!({"error": "slow_ms: only a slow answer is late, and behaviours has no \"slow\""}),
        ),
        (
            "/veeqo/_sandbox/unkind",
            json!({"behaviours": ["429"], "often": true}),
            json!({"error_messages": ["often: not a field of the unkind setting; they are behaviours, every, slow_ms"]}),
        ),
    ];
    for (path, body, answer) in wrong {
        let r = sb.control("PUT", path, &body);
        assert_eq!((r.status, r.json()), (400, answer), "{body}");
    }
    assert_eq!(
        sb.control("GET", "/veeqo/_sandbox/unkind", &Value::Null)
            .json(),
        setting
    );
    let r = sb.control("POST", "/veeqo/_sandbox/unkind", &setting);
    assert_eq!(
        (r.status, r.header("allow")),
        (405, Some("GET, PUT, DELETE"))
    );
    let r = sb.control("DELETE", "/veeqo/_sandbox/unkind", &Value::Null);
    assert_eq!((r.status, r.json()), (200, off));
    assert!((0..4).all(|_| sb.veeqo("GET", "/orders", "").status == 200));
}

#[test]
fn a_fault_may_answer_a_body_that_drifts_from_the_documented_shape() {
    let sb = Sandbox::start(&[]);
    let fault = json!({"method": "POST", "path": "/channels", "status": 201, "body": {"id": "not-a-number"}});
    let r = sb.control("POST", "/veeqo/_sandbox/faults", &fault);
    assert_eq!(
        (r.status, r.json()),
        (
            201,
            json!([{"method": "POST", "path": "/channels", "times": 1, "status": 201, "body": {"id": "not-a-number"}}])
        )
    );
    let r = sb.veeqo(
        "POST",
        "/channels",
        r#"{"channel": {"name": "x", "type_code": "direct"}}"#,
    );
    assert_eq!((r.status, r.json()), (201, json!({"id": "not-a-number"})));
    assert_eq!(
        sb.veeqo("GET", "/channels", "").json(),
        json!([]),
        "the API never saw it"
    );
    let r = sb.control(
        "POST",
        "/feedamp/_sandbox/faults",
        &json!({"path": "/orders", "body": []}),
    );
    assert_eq!(
        (r.status, r.json()),
        (
            400,
            json!({"error": "status: required with a body: the status to answer it with, from 200 to 599"})
        )
    );
}
