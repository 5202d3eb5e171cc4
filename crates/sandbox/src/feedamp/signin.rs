//! The seller's pages behind `GET /authorize`, as a real authorization server serves them: a
//! sign-in form, a session cookie, and a consent form whose CSRF token is bound to the
//! session and the authorization request. Both forms refuse a POST from another origin, so
//! they work only on the sandbox's own origin, never through the proxy, as FeedAMP's would.
//! The pages hold no script: they run under the strict CSP they are sent with.

use super::{error, param, AuthRequest, Feedamp, Handled, CLIENT_ID};
use orderlint_api::{encode, parse_query, Request, Response};

/// The sandbox's seller account, shown on the sign-in page (it is a sandbox).
pub const SELLER_USERNAME: &str = "seller@sandbox.example";
pub const SELLER_PASSWORD: &str = "sandbox-password";
pub const SESSION_COOKIE: &str = "feedamp_session";
/// How long a sign-in lasts, on the sandbox's clock.
const SESSION_TTL_S: u64 = 12 * 3600;
/// Nothing but the page's own inline style; no framing. No `form-action`: Chrome applies it
/// to the redirect after the decision too, which goes to the client's callback elsewhere.
const PAGE_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
const STYLE: &str = "body{font:16px system-ui;max-width:30em;margin:3em auto;padding:0 1em}\
    label{display:block;margin:1em 0 .25em}input{font:inherit;width:100%;box-sizing:border-box;padding:.4em}\
    button{font:inherit;margin:1.25em 1em 0 0;padding:.5em 1.25em}.error{color:#a00}.hint{color:#555;font-size:.9em;margin-top:2em}";

impl Feedamp {
    /// The page for authorization request `id`: consent for a signed-in session (as a seller
    /// already signed in would see it), sign-in otherwise.
    pub(super) fn seller_page(&mut self, req: &Request, id: &str, now: u64) -> Response {
        match self.session(req, now) {
            Some(session) => {
                let csrf = self.csrf_for(id, &session, now);
                page(id, &consent_html(id, &csrf))
            }
            None => page(id, &sign_in_html(id, "", None)),
        }
    }

    /// `GET /consent?request=ID`: where a sign-in sends the seller.
    pub(super) fn consent(&mut self, req: &Request, now: u64) -> Handled {
        let id = param(&req.query, "request");
        self.pending(&id)?;
        Ok(self.seller_page(req, &id, now))
    }

    /// `POST /login` (form: `username`, `password`, `request`): 303 to consent with a new
    /// session cookie, or the sign-in page again saying why.
    pub(super) fn login(&mut self, req: &Request, now: u64) -> Handled {
        same_origin(req)?;
        let form = form(req);
        let id = param(&form, "request");
        self.pending(&id)?;
        let username = param(&form, "username");
        let known = username.trim().eq_ignore_ascii_case(SELLER_USERNAME)
            && param(&form, "password") == SELLER_PASSWORD;
        if !known {
            // 200, not 401: a 401 must carry an HTTP authentication challenge
            // (WWW-Authenticate), which a form sign-in has none of; sign-in pages answer
            // with the form again and the message.
            let html = sign_in_html(&id, &username, Some("Wrong email or password."));
            return Ok(page(&id, &html));
        }
        self.sessions.retain(|_, end| *end > now);
        // A new session at every sign-in: one fixed before it is never promoted.
        let session = self.token("sess", now);
        self.sessions
            .insert(session.clone(), now + SESSION_TTL_S * 1000);
        Ok(Response {
            status: 303,
            headers: vec![
                // Relative: `/feedamp/login` → `/feedamp/consent`, whatever serves the sandbox.
                (
                    "Location".into(),
                    format!("consent?request={}", encode(&id)),
                ),
                (
                    "Set-Cookie".into(),
                    // No `Secure`: `orderlint sandbox` speaks plain HTTP on loopback.
                    format!("{SESSION_COOKIE}={session}; Path=/feedamp; HttpOnly; SameSite=Lax"),
                ),
                ("Cache-Control".into(), "no-store".into()),
            ],
            body: String::new(),
        })
    }

    /// `POST /decision` (form: `request`, `csrf_token`, `approve`), from the consent form:
    /// the session's cookie and the token it was shown must both come back.
    pub(super) fn decide_form(&mut self, req: &Request, now: u64) -> Handled {
        same_origin(req)?;
        let session = self.session(req, now).ok_or_else(|| {
            error(
                403,
                "not signed in: the decision needs the feedamp_session cookie of a sign-in",
            )
        })?;
        let form = form(req);
        let id = param(&form, "request");
        let sent = param(&form, "csrf_token");
        let bound = matches!(&self.pending(&id)?.csrf,
            Some((s, token)) if *s == session && !sent.is_empty() && *token == sent);
        if !bound {
            return Err(error(
                403,
                "csrf_token is missing, or is not the one this session was shown for this authorization request",
            ));
        }
        self.answer(&id, param(&form, "approve") == "true", now)
    }

    /// An authorization request still waiting for the seller's answer.
    fn pending(&self, id: &str) -> Result<&AuthRequest, Response> {
        self.auth_requests
            .get(id)
            .ok_or_else(|| error(400, "unknown or already answered authorization request"))
    }

    /// The signed-in session the request's cookie names, if it has not ended.
    fn session(&self, req: &Request, now: u64) -> Option<String> {
        req.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|c| c.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
            .find(|s| self.sessions.get(*s).is_some_and(|end| *end > now))
            .map(str::to_string)
    }

    /// The consent form's token for this session and request: the same while the session
    /// reloads the page, a new one (the old one void) when another session opens it.
    fn csrf_for(&mut self, id: &str, session: &str, now: u64) -> String {
        if let Some(Some((s, token))) = self.auth_requests.get(id).map(|ar| &ar.csrf) {
            if s == session {
                return token.clone();
            }
        }
        let token = self.token("csrf", now);
        if let Some(ar) = self.auth_requests.get_mut(id) {
            ar.csrf = Some((session.to_string(), token.clone()));
        }
        token
    }
}

fn form(req: &Request) -> Vec<(String, String)> {
    parse_query(req.body.as_deref().unwrap_or(""))
}

/// Refuses a browser's POST from another origin, as real sign-in forms do: an `Origin`, when
/// sent, must name the host the request came to (`Host`). A proxy in front fails this.
fn same_origin(req: &Request) -> Result<(), Response> {
    let Some(origin) = req.get_header("origin") else {
        return Ok(());
    };
    let host = req.get_header("host").unwrap_or("").trim();
    let ours = origin
        .trim()
        .split_once("://")
        .and_then(|(scheme, authority)| {
            let default_port = match scheme.to_ascii_lowercase().as_str() {
                "http" => ":80",
                "https" => ":443",
                _ => return None,
            };
            let bare = |a: &str| {
                let a = a.to_ascii_lowercase();
                a.strip_suffix(default_port)
                    .map_or(a.clone(), str::to_string)
            };
            Some(!host.is_empty() && bare(authority) == bare(host))
        })
        .unwrap_or(false);
    if ours {
        Ok(())
    } else {
        Err(error(
            403,
            &format!(
                "cross-origin POST refused: Origin {origin} is not this server's (Host {host})"
            ),
        ))
    }
}

fn page(id: &str, html: &str) -> Response {
    Response {
        status: 200,
        headers: vec![
            ("Content-Type".into(), "text/html; charset=utf-8".into()),
            ("Cache-Control".into(), "no-store".into()),
            ("Content-Security-Policy".into(), PAGE_CSP.into()),
            ("X-Frame-Options".into(), "DENY".into()),
            // The page's in-page Sandbox mode reads the request id here.
            ("X-Sandbox-Request".into(), id.into()),
        ],
        body: html.into(),
    }
}

fn sign_in_html(id: &str, username: &str, problem: Option<&str>) -> String {
    let problem = problem.map_or(String::new(), |m| {
        format!(
            "<p id=\"sign-in-error\" class=\"error\" role=\"alert\">{}</p>",
            esc(m)
        )
    });
    let (id, username) = (esc(id), esc(username));
    shell(
        "Sign in to FeedAMP",
        &format!(
            "<h1>Sign in to FeedAMP</h1>\
             <p>The marketplace <b>{CLIENT_ID}</b> asks to connect to your FeedAMP account. Sign in to continue.</p>{problem}\
             <form method=\"post\" action=\"login\">\
             <input type=\"hidden\" name=\"request\" value=\"{id}\">\
             <label for=\"username\">Email</label>\
             <input id=\"username\" name=\"username\" type=\"email\" autocomplete=\"username\" required value=\"{username}\">\
             <label for=\"password\">Password</label>\
             <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
             <button id=\"sign-in\" type=\"submit\">Sign in</button>\
             </form>\
             <p class=\"hint\">orderlint sandbox: the seller's account is <code>{SELLER_USERNAME}</code>, password <code>{SELLER_PASSWORD}</code>.</p>"
        ),
    )
}

fn consent_html(id: &str, csrf: &str) -> String {
    let (id, csrf) = (esc(id), esc(csrf));
    shell(
        "Authorize sandbox-client",
        &format!(
            "<h1>Authorize {CLIENT_ID}?</h1>\
             <p>Signed in as <b>{SELLER_USERNAME}</b>.</p>\
             <p>The marketplace <b>{CLIENT_ID}</b> asks to place orders into your FeedAMP account and read their fulfillments.</p>\
             <form method=\"post\" action=\"decision\">\
             <input type=\"hidden\" name=\"request\" value=\"{id}\">\
             <input type=\"hidden\" name=\"csrf_token\" value=\"{csrf}\">\
             <button id=\"approve\" type=\"submit\" name=\"approve\" value=\"true\">Approve</button>\
             <button id=\"deny\" type=\"submit\" name=\"approve\" value=\"false\">Deny</button>\
             </form>\
             <p class=\"hint\">orderlint sandbox</p>"
        ),
    )
}

fn shell(title: &str, main: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} (sandbox)</title><style>{STYLE}</style></head>\
         <body><main>{main}</main></body></html>"
    )
}

/// Text for an HTML attribute or element.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(origin: Option<&str>, host: Option<&str>) -> Request {
        let mut r = Request::new(orderlint_api::Method::Post, "/login");
        if let Some(o) = origin {
            r.set_header("Origin", o);
        }
        if let Some(h) = host {
            r.set_header("Host", h);
        }
        r
    }

    #[test]
    fn a_post_from_another_origin_is_refused() {
        let ok = [
            (None, None),
            (Some("http://127.0.0.1:8787"), Some("127.0.0.1:8787")),
            (Some("https://FeedAMP.test"), Some("feedamp.test")),
            (Some("https://feedamp.test"), Some("feedamp.test:443")),
        ];
        for (o, h) in ok {
            assert!(same_origin(&post(o, h)).is_ok(), "{o:?} {h:?}");
        }
        let refused = [
            (Some("http://127.0.0.1:9000"), Some("127.0.0.1:8787")),
            (Some("null"), Some("feedamp.test")),
            (Some("http://feedamp.test"), None),
            (
                Some("http://feedamp.test.evil.example"),
                Some("feedamp.test"),
            ),
            (Some("ftp://feedamp.test"), Some("feedamp.test")),
        ];
        for (o, h) in refused {
            let r = same_origin(&post(o, h)).unwrap_err();
            assert_eq!(r.status, 403, "{o:?} {h:?}");
        }
    }

    #[test]
    fn what_the_pages_echo_is_escaped() {
        let html = sign_in_html("req_1", "\"><img src=x>", Some("m"));
        assert!(
            html.contains("value=\"&quot;&gt;&lt;img src=x&gt;\""),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
    }
}
