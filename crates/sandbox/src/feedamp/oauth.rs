//! The sandbox's OAuth: the authorize request and the seller's decision, single-use codes,
//! tokens that expire on the sandbox's clock (which tests can move), rotating refresh
//! tokens, and the bearer check every other route goes through.

use std::collections::HashMap;

use serde_json::{json, Value};

use super::{
    body_json, error, oauth_error, param, AuthRequest, Code, Feedamp, Handled, CLIENT_ID,
    CLIENT_SECRET, CODE_TTL_S, REFRESH_TTL_S, TOKEN_EXPIRED,
};
use orderlint_api::{parse_query, Request, Response};

impl Feedamp {
    pub(super) fn authorized(&self, req: &Request, now: u64) -> Result<(), Response> {
        let token = req
            .get_header("authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        match token.and_then(|t| self.access_tokens.get(t)) {
            Some(exp) if *exp > now => Ok(()),
            Some(_) => Err(error(401, TOKEN_EXPIRED)),
            None => Err(error(401, "Invalid token")),
        }
    }

    /// The authorization request, checked as a strict server checks it, then the seller's
    /// page for it: sign-in, or consent when the browser brings a signed-in session.
    pub(super) fn authorize(&mut self, req: &Request, now: u64) -> Handled {
        let get = |k: &str| param(&req.query, k);
        let (rt, client, redirect, state) = (
            get("response_type"),
            get("client_id"),
            get("redirect_url"),
            get("state"),
        );
        if rt != "code" {
            return Err(error(400, "response_type must be \"code\""));
        }
        if client != CLIENT_ID {
            return Err(error(
                400,
                &format!("unknown client_id \"{client}\"; the sandbox's client is \"{CLIENT_ID}\""),
            ));
        }
        if redirect.is_empty() {
            let hint = if get("redirect_uri").is_empty() {
                ""
            } else {
                " (the spec spells it redirect_url)"
            };
            return Err(error(400, &format!("redirect_url is required{hint}")));
        }
        // As a strict server: an absolute URL with no fragment (RFC 6749 §3.1.2).
        if redirect.contains('#') {
            return Err(error(
                400,
                "redirect_url must not include a fragment (RFC 6749 section 3.1.2)",
            ));
        }
        if !(redirect.starts_with("https://") || redirect.starts_with("http://")) {
            return Err(error(400, "redirect_url must be an absolute http(s) URL"));
        }
        if state.is_empty() {
            return Err(error(400, "state is required"));
        }
        // PKCE when asked for: S256 only ("plain" protects nothing a proxy log shows).
        let challenge = Some(get("code_challenge")).filter(|c| !c.is_empty());
        if challenge.is_some() && get("code_challenge_method") != "S256" {
            return Err(error(
                400,
                "code_challenge_method must be S256 when a code_challenge is sent",
            ));
        }
        let id = self.token("req", now);
        self.auth_requests.insert(
            id.clone(),
            AuthRequest {
                redirect_url: redirect,
                state,
                challenge,
                csrf: None,
            },
        );
        Ok(self.seller_page(req, &id, now))
    }

    /// The sandbox's own embedding control, not FeedAMP's: `GET /decision?request=ID&approve=`
    /// answers for the seller with no sign-in, cookie or CSRF token. The page's in-page
    /// Sandbox mode draws its own Approve and Deny and calls it through the worker; a real
    /// browser goes through the forms (`signin.rs`).
    pub(super) fn decide(&mut self, query: &[(String, String)], now: u64) -> Handled {
        let id = param(query, "request");
        self.answer(&id, param(query, "approve") == "true", now)
    }

    /// The seller's answer to request `id`, taken once: 302 to its redirect URL with a code
    /// and the state, or `error=access_denied`.
    pub(super) fn answer(&mut self, id: &str, approve: bool, now: u64) -> Handled {
        let Some(ar) = self.auth_requests.remove(id) else {
            return Err(error(
                400,
                "unknown or already answered authorization request",
            ));
        };
        let sep = if ar.redirect_url.contains('?') {
            '&'
        } else {
            '?'
        };
        let target = if approve {
            let code = self.token("code", now);
            self.codes.insert(
                code.clone(),
                Code {
                    issued_ms: now,
                    used: false,
                    challenge: ar.challenge.clone(),
                },
            );
            format!(
                "{}{sep}code={}&state={}",
                ar.redirect_url,
                orderlint_api::encode(&code),
                orderlint_api::encode(&ar.state)
            )
        } else {
            format!(
                "{}{sep}error=access_denied&state={}",
                ar.redirect_url,
                orderlint_api::encode(&ar.state)
            )
        };
        Ok(Response {
            status: 302,
            headers: vec![("Location".into(), target)],
            body: String::new(),
        })
    }

    pub(super) fn access_token(&mut self, req: &Request, now: u64) -> Handled {
        let body = req.body.as_deref().unwrap_or("");
        let fields: HashMap<String, String> = if body.trim_start().starts_with('{') {
            let v = body_json(req)?;
            v.as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            parse_query(body).into_iter().collect()
        };
        let f = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
        if f("client_id") != CLIENT_ID || f("client_secret") != CLIENT_SECRET {
            return Err(oauth_error(
                401,
                "invalid_client",
                "client_id or client_secret is wrong",
            ));
        }
        match f("grant_type") {
            "authorization_code" => {
                let code = self.codes.get_mut(f("code")).ok_or_else(|| {
                    oauth_error(400, "invalid_grant", "unknown authorization code")
                })?;
                if code.used {
                    return Err(oauth_error(
                        400,
                        "invalid_grant",
                        "authorization code already used",
                    ));
                }
                code.used = true;
                if let Some(challenge) = &code.challenge {
                    let verifier = f("code_verifier");
                    if verifier.is_empty() {
                        return Err(oauth_error(
                            400,
                            "invalid_grant",
                            "code_verifier is required: the authorization sent a code_challenge",
                        ));
                    }
                    if orderlint_api::pkce::challenge(verifier) != *challenge {
                        return Err(oauth_error(
                            400,
                            "invalid_grant",
                            "code_verifier does not match the code_challenge",
                        ));
                    }
                }
                if now > code.issued_ms + CODE_TTL_S * 1000 {
                    return Err(oauth_error(
                        400,
                        "invalid_grant",
                        "authorization code expired",
                    ));
                }
            }
            "refresh_token" => match self.refresh_tokens.remove(f("refresh_token")) {
                Some(exp) if exp > now => {}
                Some(_) => return Err(oauth_error(400, "invalid_grant", "refresh token expired")),
                None => {
                    return Err(oauth_error(
                        400,
                        "invalid_grant",
                        "unknown or already used refresh token",
                    ))
                }
            },
            "" => {
                return Err(oauth_error(
                    400,
                    "invalid_request",
                    "grant_type is required",
                ))
            }
            other => {
                return Err(oauth_error(
                    400,
                    "unsupported_grant_type",
                    &format!("grant_type \"{other}\" is not supported"),
                ))
            }
        }
        let (access, refresh) = (self.token("at", now), self.token("rt", now));
        let ttl_s = self.access_ttl_s();
        self.access_tokens
            .insert(access.clone(), now + ttl_s * 1000);
        self.refresh_tokens
            .insert(refresh.clone(), now + REFRESH_TTL_S * 1000);
        Ok(Response::json(
            200,
            &json!({"access_token": access, "token_type": "Bearer", "refresh_token": refresh, "expires_in": ttl_s}),
        ))
    }

    pub(super) fn move_clock(&mut self, req: &Request) -> Handled {
        let v = body_json(req)?;
        let s = v
            .get("advance_s")
            .and_then(Value::as_u64)
            .ok_or_else(|| error(400, "send {\"advance_s\": N}"))?;
        self.clock_offset_ms += s * 1000;
        Ok(Response::json(
            200,
            &json!({ "offset_s": self.clock_offset_ms / 1000 }),
        ))
    }
}
