//! A whole request, pasted: read (`read`), its endpoint named (`endpoints`), and checked
//! — the request around the payload (method, headers, where the key is), then the payload
//! as its endpoint's kind, with the path's ids as context. One report: the request's
//! issues first (at the document, their message naming the part), then the payload's.

pub(crate) mod endpoints;
mod read;

use crate::codes;
use endpoints::{Endpoint, Payload};
pub use read::{is_request, read, Pasted};

use crate::Api;
use crate::{detect, outcome_for_text, Context, Kind, Outcome, Report};
use endpoints::by_path;
use orderlint_text::secrets::is_secret_in_url;

const G2: &str =
    "Buyer Protection guide, step 2: Accept application/vnd.api+json is required (415 without it)";
const HEADERS: &str = "the guide's and the spec's request headers";

/// What a pasted request is, and every problem with it.
#[derive(Clone, Debug)]
pub struct Checked {
    pub method: String,
    pub url: String,
    /// `"cURL"` or `"HTTP"`.
    pub form: &'static str,
    /// "POST /orders (Veeqo)", when the path is an endpoint's.
    pub endpoint: Option<String>,
    /// The payload's kind: the endpoint's, or told from the payload.
    pub kind: Option<Kind>,
    /// The payload as checked: the body, the query's parameters as JSON, or the URL.
    pub payload: Option<String>,
    pub outcome: Outcome,
}

/// Reads and checks a pasted request; `Err` says why it could not be read.
pub fn check(text: &str, ctx: Option<&Context>) -> Result<Checked, String> {
    let p = read(text)?;
    let mut r = Report::new();
    let (endpoint, ids) = endpoint(&p, &mut r);
    if let Some(ep) = &endpoint {
        headers(&p, ep, &mut r);
    }
    secrets_in_url(&p, endpoint.as_ref(), &mut r);
    let payload = payload(&p, endpoint.as_ref(), &mut r);
    let mut issues = r.finish();
    let mut kind = endpoint.and_then(|e| e.kind);
    if let Some(text) = &payload {
        // The path's ids are context the rules check the body against: FeedAMP's order
        // number, a Veeqo update's `{id}`.
        let id = |name: &str| ids.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone());
        let (order_number, path_id) = (id("mp_order_number"), id("id"));
        let ctx = match (ctx, order_number.is_some() || path_id.is_some()) {
            (c, true) => Some(Context {
                path_mp_order_number: order_number,
                path_id,
                ..c.cloned().unwrap_or_default()
            }),
            (c, false) => c.cloned(),
        };
        let kind_of_body = kind.or_else(|| {
            let doc = crate::parse(text).ok()?;
            detect(doc.value()).kind
        });
        if let Some(k) = kind_of_body {
            kind = Some(k);
            let (o, _) = outcome_for_text(k, text, ctx.as_ref(), 1);
            issues.extend(o.issues);
        }
    }
    Ok(Checked {
        method: p.method.clone(),
        url: p.url.clone(),
        form: p.form,
        endpoint: endpoint.as_ref().map(Endpoint::name),
        kind,
        payload,
        outcome: Outcome::from_issues(issues),
    })
}

/// The endpoint the method and path name; the path's ids. A path of no endpoint, or a
/// method its path does not take, is said.
fn endpoint(p: &Pasted, r: &mut Report) -> (Option<Endpoint>, Vec<(&'static str, String)>) {
    let found = by_path(&p.path);
    if found.is_empty() {
        r.report(&codes::REQUEST_ENDPOINT_UNKNOWN, "", format!(
                "{} {} is no endpoint of the Veeqo or FeedAMP APIs orderlint knows; the body is checked as the kind it looks like.",
                p.method, p.path
            ));
        return (None, Vec::new());
    }
    let api = api_hint(p);
    let same_method: Vec<_> = found.iter().filter(|(e, _)| e.method == p.method).collect();
    let best = |list: &[&(Endpoint, Vec<(&'static str, String)>)]| {
        list.iter()
            .find(|(e, _)| Some(e.api) == api)
            // Without a host, an endpoint with a payload tells more (`GET /orders?…`: FeedAMP's filters).
            .or_else(|| list.iter().find(|(e, _)| e.kind.is_some()))
            .or_else(|| list.first())
            .map(|(e, ids)| (*e, ids.clone()))
    };
    if let Some((e, ids)) = best(&same_method) {
        return (Some(e), ids);
    }
    let mut methods: Vec<&str> = Vec::new();
    for (e, _) in &found {
        if !methods.contains(&e.method) {
            methods.push(e.method);
        }
    }
    r.report(
        &codes::REQUEST_METHOD_WRONG,
        "",
        format!(
            "{} takes {}, not {}: the API answers 404 or 405.",
            p.path,
            methods.join(" or "),
            p.method
        ),
    );
    // The payload is still checked, as the endpoint with a body would take it.
    let with_body: Vec<_> = found.iter().filter(|(e, _)| e.kind.is_some()).collect();
    match best(&with_body) {
        Some((e, ids)) => (Some(e), ids),
        None => (None, Vec::new()),
    }
}

/// Which API the request's credentials or host name.
fn api_hint(p: &Pasted) -> Option<Api> {
    if p.header("x-api-key").is_some() || p.url.contains("veeqo.com") {
        Some(Api::Veeqo)
    } else if p
        .header("authorization")
        .is_some_and(|a| a.to_ascii_lowercase().starts_with("bearer"))
    {
        Some(Api::Feedamp)
    } else {
        None
    }
}

fn headers(p: &Pasted, ep: &Endpoint, r: &mut Report) {
    let masked = |v: &str| v.contains('•') || v.contains("****");
    if ep.api == Api::Veeqo {
        match p.header("x-api-key") {
            None => r.report(
                &codes::REQUEST_AUTH_MISSING,
                "",
                "There is no x-api-key header: Veeqo answers 401. Add -H 'x-api-key: YOUR_KEY'.",
            ),
            Some(k) if masked(k) => r.report(
                &codes::REQUEST_AUTH_MASKED,
                "",
                "The x-api-key is masked (as orderlint copies a request unless asked): sent as it is, Veeqo answers 401. Put the real key in, or send from the page.",
            ),
            Some(_) => {}
        }
    } else if !matches!(ep.payload, Payload::Url | Payload::Form) {
        let auth = p.header("authorization").unwrap_or("");
        let token = auth
            .get(..7)
            .filter(|b| b.eq_ignore_ascii_case("bearer "))
            .map(|_| auth[7..].trim());
        match token {
            None | Some("") => r.report(
                &codes::REQUEST_AUTH_MISSING,
                "",
                "There is no Authorization: Bearer header: FeedAMP answers 401. Connect and send the access token.",
            ),
            Some(t) if masked(t) => r.report(
                &codes::REQUEST_AUTH_MASKED,
                "",
                "The access token is masked (as orderlint copies a request unless asked): sent as it is, FeedAMP answers 401.",
            ),
            Some(_) => {}
        }
    }
    if ep.payload == Payload::JsonApi
        && !p
            .header("accept")
            .is_some_and(|a| a.contains("application/vnd.api+json"))
    {
        r.report_cited(&codes::REQUEST_ACCEPT_JSON_API, "", format!(
                "Accept is {}: {} answers 415 Unsupported Media Type without Accept: application/vnd.api+json.",
                p.header("accept").map_or("missing".into(), |a| format!("\"{a}\"")),
                ep.path
            ), G2);
    }
    let json_body = p
        .body
        .as_deref()
        .is_some_and(|b| b.trim_start().starts_with(['{', '[']));
    let content_type = p.header("content-type").unwrap_or("");
    let wants_json = matches!(ep.payload, Payload::Json | Payload::JsonApi);
    if json_body && (wants_json || ep.payload == Payload::Form) && !content_type.contains("json") {
        r.report_cited(&codes::REQUEST_CONTENT_TYPE, "", format!(
                "The body is JSON but Content-Type is {}: the API reads it as a form and finds none of its fields. Send -H 'Content-Type: application/json'.",
                if content_type.is_empty() { "missing".into() } else { format!("\"{content_type}\"") }
            ), HEADERS);
    }
}

fn secrets_in_url(p: &Pasted, ep: Option<&Endpoint>, r: &mut Report) {
    if ep.is_some_and(|e| e.payload == Payload::Url) {
        return; // the authorize URL's own rules say what may be in it
    }
    // The names the API layer masks in a URL, less OAuth's `code`: the authorization
    // server puts it in the callback's URL, so "send it in a header" would be wrong there
    // (`is_secret_in_url` says why).
    for (name, _) in &p.query {
        if is_secret_in_url(name) {
            r.report(&codes::REQUEST_SECRET_IN_URL, "", format!(
                    "The URL carries \"{name}\": a secret in a URL lands in proxy and server logs and the browser's history. Send it in a header (Veeqo: x-api-key; FeedAMP: Authorization: Bearer) or the body."
                ));
        }
    }
}

/// The payload as its endpoint takes it; a body missing or sent where none is read is said.
fn payload(p: &Pasted, ep: Option<&Endpoint>, r: &mut Report) -> Option<String> {
    let Some(ep) = ep else {
        return p.body.clone();
    };
    let body_ignored = |r: &mut Report| {
        if p.body.is_some() {
            r.report(
                &codes::REQUEST_BODY_IGNORED,
                "",
                format!(
                    "{} {} reads no body: this one is ignored.",
                    ep.method, ep.path
                ),
            );
        }
    };
    match ep.payload {
        Payload::Json | Payload::JsonApi | Payload::Form => {
            if p.body.is_none() {
                r.report(
                    &codes::REQUEST_BODY_MISSING,
                    "",
                    format!("{} needs a body, and this request has none.", ep.name()),
                );
            }
            match (&p.body, ep.payload) {
                // A form body is checked as the form string it is.
                (Some(b), Payload::Form) if !b.trim_start().starts_with('{') => {
                    Some(serde_json::Value::String(b.clone()).to_string())
                }
                (b, _) => b.clone(),
            }
        }
        Payload::Query => {
            body_ignored(r);
            let q: serde_json::Map<String, serde_json::Value> = p
                .query
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            Some(serde_json::Value::Object(q).to_string())
        }
        Payload::Url => {
            body_ignored(r);
            Some(serde_json::Value::String(p.url.clone()).to_string())
        }
        Payload::Nothing => {
            body_ignored(r);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    /// The names `request.secret_in_url` names for a request.
    fn warned(text: &str) -> Vec<String> {
        let c = check(text, None).unwrap();
        c.outcome
            .issues
            .iter()
            .filter(|i| i.code == "request.secret_in_url")
            .map(|i| i.message.split('"').nth(1).unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_secret_in_the_query_by_any_of_its_names() {
        for name in [
            "api_key",
            "APIKEY",
            "x-api-key",
            "key",
            "token",
            "Token",
            "access_token",
            "id_token",
            "code_verifier",
            "password",
            "authorization",
        ] {
            let text = format!(
                "curl 'https://api.veeqo.com/orders/123?page=1&{name}=vq-live-key-0001' -H 'x-api-key: k'"
            );
            assert_eq!(warned(&text), [name], "{name}");
        }
        let plain =
            "curl 'https://api.veeqo.com/orders/123?keyword=shoes&tokens=3' -H 'x-api-key: k'";
        assert!(warned(plain).is_empty());
    }

    #[test]
    fn oauths_code_in_a_url_is_not_warned_of() {
        // The callback, where the authorization server put the code.
        let callback =
            "curl 'https://app.example.com/feedamp/callback?code=oauth-code-0123&state=s1'";
        assert!(warned(callback).is_empty());
        // The authorize URL asks for a code; its own rules read it.
        let authorize = "curl 'https://feedamp.example.com/authorize?response_type=code&client_id=c1&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=s1'";
        assert!(warned(authorize).is_empty());
        // An exchange sent in the URL is still caught, by its verifier.
        let exchange = "curl -X POST 'https://feedamp.example.com/access_token?grant_type=authorization_code&code=c&code_verifier=v'";
        assert_eq!(warned(exchange), ["code_verifier"]);
    }
}
