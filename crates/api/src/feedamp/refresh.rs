//! What a refresh's answer means for the seller's session. Only the authorization server
//! saying the grant is gone ends it; a busy or failing server leaves a refresh token that
//! is still good, which is kept and tried again (RFC 6749 §5.2 names the codes).

use crate::retry::parse_retry_after;
use crate::{ApiError, Response};

use super::Tokens;

/// OAuth error codes after which the refresh token (or the client) will never work again.
const GRANT_GONE: &[&str] = &["invalid_grant", "invalid_client", "unauthorized_client"];

/// How long to wait before trying a refresh again, at most, and how many tries in all.
pub const REFRESH_TRIES: u32 = 4;
const FIRST_WAIT_MS: u32 = 1_000;
const LONGEST_WAIT_MS: u32 = 30_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Refreshed {
    /// New tokens: the session goes on with them.
    Tokens(Tokens),
    /// The server says the grant is gone: the session ends (if the refresh token sent is
    /// still the session's: another refresh may have rotated it meanwhile).
    GrantGone(ApiError),
    /// Busy, failing or unreachable (429, 5xx, no answer): the same refresh token may be
    /// tried again after `wait_ms`; the session is kept.
    Transient { error: ApiError, wait_ms: u32 },
    /// Anything else (a malformed request, an answer that is not tokens): the session is
    /// kept, the error shown; sending the same refresh again would get the same.
    Failed(ApiError),
}

/// Reads the answer to refresh try `attempt` (from 1).
pub fn read_refresh(answer: Result<&Response, &ApiError>, attempt: u32) -> Refreshed {
    let backoff = (FIRST_WAIT_MS << attempt.saturating_sub(1).min(5)).min(LONGEST_WAIT_MS);
    let resp = match answer {
        Ok(resp) => resp,
        // A gateway's error page (NoProxy) is as passing as no answer: the session is kept
        // either way, and a host with no proxy at all just costs a few tries.
        Err(e @ (ApiError::Network(_) | ApiError::Timeout { .. } | ApiError::NoProxy(_))) => {
            return Refreshed::Transient {
                error: e.clone(),
                wait_ms: backoff,
            }
        }
        Err(e) => return Refreshed::Failed(e.clone()),
    };
    if resp.is_success() {
        return match Tokens::parse(resp) {
            Ok(t) => Refreshed::Tokens(t),
            Err(e) => Refreshed::Failed(e),
        };
    }
    let error = ApiError::from_response(resp);
    if resp.status == 429 || resp.status >= 500 {
        let asked = resp
            .header("retry-after")
            .and_then(parse_retry_after)
            .map(|s| s.saturating_mul(1000).min(LONGEST_WAIT_MS));
        return Refreshed::Transient {
            error,
            wait_ms: asked.unwrap_or(backoff),
        };
    }
    let code = json_error_code(&resp.body);
    if code.as_deref().is_some_and(|c| GRANT_GONE.contains(&c)) {
        Refreshed::GrantGone(error)
    } else {
        Refreshed::Failed(error)
    }
}

/// The `error` of an OAuth error body (`{"error": "invalid_grant", ...}`).
fn json_error_code(body: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    Some(v.get("error")?.as_str()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
        }
    }

    #[test]
    fn tokens_go_on() {
        let r = answer(
            200,
            r#"{"access_token":"a","token_type":"Bearer","refresh_token":"r","expires_in":3600}"#,
        );
        assert!(matches!(read_refresh(Ok(&r), 1), Refreshed::Tokens(t) if t.refresh_token == "r"));
    }

    #[test]
    fn only_a_gone_grant_ends_the_session() {
        for code in ["invalid_grant", "invalid_client", "unauthorized_client"] {
            let r = answer(400, &format!(r#"{{"error":"{code}"}}"#));
            assert!(
                matches!(read_refresh(Ok(&r), 1), Refreshed::GrantGone(_)),
                "{code}"
            );
        }
        for body in [r#"{"error":"invalid_request"}"#, "not json", ""] {
            let r = answer(400, body);
            assert!(
                matches!(read_refresh(Ok(&r), 1), Refreshed::Failed(_)),
                "{body}"
            );
        }
    }

    #[test]
    fn busy_and_failing_servers_are_tried_again() {
        let mut r = answer(429, r#"{"error":"slow down"}"#);
        r.headers.push(("Retry-After".into(), "3".into()));
        assert!(matches!(
            read_refresh(Ok(&r), 1),
            Refreshed::Transient { wait_ms: 3000, .. }
        ));
        // A 503 is transient even when it carries an OAuth code.
        let r = answer(503, r#"{"error":"invalid_grant"}"#);
        assert!(matches!(
            read_refresh(Ok(&r), 2),
            Refreshed::Transient { wait_ms: 2000, .. }
        ));
        let e = ApiError::Network("offline".into());
        assert!(matches!(
            read_refresh(Err(&e), 3),
            Refreshed::Transient { wait_ms: 4000, .. }
        ));
        let e = ApiError::NoProxy("the proxy answered 503".into());
        assert!(matches!(
            read_refresh(Err(&e), 1),
            Refreshed::Transient { .. }
        ));
        let e = ApiError::Timeout { after_ms: 30_000 };
        assert!(matches!(
            read_refresh(Err(&e), 9),
            Refreshed::Transient {
                wait_ms: 30_000,
                ..
            }
        ));
    }

    #[test]
    fn a_2xx_that_is_not_tokens_keeps_the_session() {
        let r = answer(200, r#"{"access_token":"a"}"#);
        assert!(matches!(read_refresh(Ok(&r), 1), Refreshed::Failed(_)));
        assert!(matches!(
            read_refresh(Err(&ApiError::Aborted), 1),
            Refreshed::Failed(_)
        ));
    }
}
