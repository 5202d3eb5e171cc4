//! When to send a request again. A re-sent `POST /orders` can create a duplicate order,
//! which is worse than an error: only 429 (the API did nothing) is retried for writes.

use super::Method;

/// What one attempt came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    Status {
        status: u16,
        retry_after_s: Option<u32>,
    },
    Network,
    Timeout,
}

pub const MAX_ATTEMPTS: u32 = 4;
const BASE_DELAY_MS: u32 = 500;
const MAX_DELAY_MS: u32 = 30_000;

/// The delay before the next attempt, or `None` to give up and show the result.
/// `attempt` counts from 1 (the first send).
pub fn next_delay(method: Method, attempt: u32, outcome: Attempt) -> Option<u32> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let backoff = (BASE_DELAY_MS << (attempt - 1).min(6)).min(MAX_DELAY_MS);
    match outcome {
        Attempt::Status {
            status: 429,
            retry_after_s,
        } => Some(
            retry_after_s
                .map(|s| s.saturating_mul(1000).min(MAX_DELAY_MS))
                .unwrap_or(backoff),
        ),
        Attempt::Status { status, .. } if status >= 500 && method.is_idempotent_read() => {
            Some(backoff)
        }
        Attempt::Network | Attempt::Timeout if method.is_idempotent_read() => Some(backoff),
        _ => None,
    }
}

/// `Retry-After` as seconds; the HTTP-date form is not used by these APIs and is ignored.
pub fn parse_retry_after(v: &str) -> Option<u32> {
    v.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_retried_only_on_429() {
        let s = |status| Attempt::Status {
            status,
            retry_after_s: None,
        };
        assert_eq!(next_delay(Method::Post, 1, s(429)), Some(500));
        assert_eq!(next_delay(Method::Post, 1, s(503)), None);
        assert_eq!(next_delay(Method::Post, 1, Attempt::Network), None);
        assert_eq!(next_delay(Method::Post, 1, Attempt::Timeout), None);
        assert_eq!(next_delay(Method::Get, 1, s(503)), Some(500));
        assert_eq!(next_delay(Method::Get, 2, Attempt::Network), Some(1000));
        assert_eq!(next_delay(Method::Get, 1, s(404)), None);
        assert_eq!(next_delay(Method::Get, MAX_ATTEMPTS, s(503)), None);
    }

    #[test]
    fn retry_after_is_honoured() {
        let a = Attempt::Status {
            status: 429,
            retry_after_s: Some(3),
        };
        assert_eq!(next_delay(Method::Post, 1, a), Some(3000));
        assert_eq!(parse_retry_after(" 2 "), Some(2));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
