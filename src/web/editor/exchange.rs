//! The exact request a step will send, and the answer it got: status, time, the API's
//! own messages, the ids carried on, and the Buyer Protection verdict.

use crate::api::error::reason;
use crate::api::veeqo::BspVerdict;
use crate::api::Api;
use crate::api::{ApiError, Request};
use crate::web::drift;
use crate::web::state::{use_app, Target};
use crate::web::transport::Sent;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub(super) fn RequestPreview(request: Memo<Request>, api: Api) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="preview" data-testid="request-preview">
            <div class="label">
                "Request "
                {move || match app.settings.with(|s| s.target) {
                    Target::Sandbox => "(to the in-page sandbox)",
                    Target::Live => "(through the proxy)",
                }}
            </div>
            {move || {
                request
                    .with(|r| {
                        let url = match &r.refused {
                            Some(why) => format!("not sent: {why}"),
                            None => r.url(&app.base_url(api)),
                        };
                        let headers = r
                            .masked_headers()
                            .into_iter()
                            .map(|(n, v)| {
                                view! {
                                    <tr>
                                        <td>{n}</td>
                                        <td>{v}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        let size = r.body.as_ref().map_or(0, String::len);
                        view! {
                            <p class="line">
                                <strong>{r.method.as_str()}</strong>
                                " "
                                <code data-testid="request-url">{url}</code>
                            </p>
                            <table class="headers">
                                <tbody>{headers}</tbody>
                            </table>
                            <p class="muted">{format!("Body: {size} bytes")}</p>
                        }
                    })
            }}
        </div>
    }
}

#[component]
pub(super) fn ResponseView(
    result: Signal<Option<Result<Sent, ApiError>>>,
    api: Api,
) -> impl IntoView {
    move || {
        result.with(|r| match r {
            None => view! { <div class="response empty">"No response yet."</div> }.into_any(),
            Some(Err(e)) => {
                // Where to fix it, one click away.
                let text = e.to_string();
                let fix = if text.contains("Settings") {
                    Some(("#/settings", "Open Settings"))
                } else if ["not connected", "connect first", "connect again"]
                    .iter()
                    .any(|s| text.contains(s))
                {
                    Some(("#/feedamp/connect", "Connect"))
                } else {
                    None
                };
                view! {
                    <div class="response bad">
                        <p class="status" data-testid="response-status">
                            {text}
                        </p>
                        {fix
                            .map(|(href, label)| {
                                view! {
                                    <p>
                                        <a href=href data-testid="response-fix">
                                            {label}
                                            " →"
                                        </a>
                                    </p>
                                }
                            })}
                    </div>
                }
                .into_any()
            }
            Some(Ok(sent)) => {
                let resp = &sent.response;
                let ok = resp.is_success();
                let parsed: Option<Value> = serde_json::from_str(&resp.body).ok();
                let pretty = parsed
                    .as_ref()
                    .and_then(|v| serde_json::to_string_pretty(v).ok())
                    .unwrap_or_else(|| resp.body.clone());
                let messages = if ok {
                    vec![]
                } else {
                    crate::api::error::messages(&resp.body)
                };
                let ids = parsed
                    .as_ref()
                    .filter(|_| ok)
                    .map(|b| api.ids_from_response(b))
                    .unwrap_or_default();
                // An order's verdict (Buyer Protection), or a rates answer's (Buy Shipping).
                let bsp = parsed.as_ref().and_then(|b| {
                    BspVerdict::of_order(b)
                        .map(|v| ("Buyer Protection", v))
                        .or_else(|| BspVerdict::of_rates(b).map(|v| ("Buy Shipping protection", v)))
                });
                let retries = (sent.attempts > 1).then(|| format!(" · {} attempts", sent.attempts));
                view! {
                    <div class=if ok { "response ok" } else { "response bad" }>
                        <p class="status">
                            <span data-testid="response-status">
                                {format!("{} {}", resp.status, reason(resp.status))}
                            </span>
                            <span class="muted">
                                {format!(" · {} ms", sent.elapsed_ms.round() as u64)}{retries}
                            </span>
                        </p>
                        {(!messages.is_empty())
                            .then(|| {
                                view! {
                                    <ul class="api-errors" data-testid="api-errors">
                                        {messages
                                            .into_iter()
                                            .map(|m| view! { <li>{m}</li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                        {(!ids.is_empty())
                            .then(|| {
                                view! {
                                    <p class="carried" data-testid="carried-ids">
                                        "Carried to the next steps: "
                                        {ids
                                            .iter()
                                            .map(|(k, v)| format!("{k} = {v}"))
                                            .collect::<Vec<_>>()
                                            .join(", ")}
                                    </p>
                                }
                            })}
                        {bsp.map(|(what, verdict)| bsp_view(what, verdict))}
                        {drift::beside(api, sent)}
                        <pre class="body" data-testid="response-body">
                            {pretty}
                        </pre>
                    </div>
                }
                .into_any()
            }
        })
    }
}

fn bsp_view(what: &'static str, BspVerdict { eligible, reasons }: BspVerdict) -> impl IntoView {
    view! {
        <div
            class=if eligible { "bsp yes" } else { "bsp no" }
            data-testid="bsp"
            data-eligible=eligible.to_string()
        >
            <strong>{what}{if eligible { " applies" } else { " would not apply" }}</strong>
            <ul>{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
        </div>
    }
}
