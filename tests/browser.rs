//! The request editor in a real browser (wasm-bindgen-test in headless Chromium): issues
//! appear and clear as the payload changes.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use orderlint::web::editor::Editor;
use orderlint::web::state::AppState;
use orderlint::web::steps;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Mounts one editor into a fresh container and returns the container.
fn mount(step: orderlint::web::editor::Step) -> Element {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone().unchecked_into(), move || {
        provide_context(AppState::load());
        view! { <Editor step=step /> }
    });
    handle.forget();
    host
}

async fn settle() {
    TimeoutFuture::new(20).await;
}

fn type_into(host: &Element, text: &str) {
    let ta: HtmlTextAreaElement = host
        .query_selector("[data-testid=payload]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    ta.set_value(text);
    ta.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

/// (pointer, severity) of every issue row on screen.
fn issues(host: &Element) -> Vec<(String, String)> {
    let rows = host.query_selector_all("[data-testid=issue]").unwrap();
    (0..rows.length())
        .map(|i| {
            let e: Element = rows.item(i).unwrap().unchecked_into();
            (
                e.get_attribute("data-pointer").unwrap_or_default(),
                e.get_attribute("data-severity").unwrap_or_default(),
            )
        })
        .collect()
}

const GOOD_CHANNEL: &str = r#"{"channel": {"name": "Amazon US", "type_code": "custom_integration",
  "currency_code": "USD", "short_name": "AZ",
  "custom_integration_channel_specific_attributes": {"integration_type": "amazon"}}}"#;

#[wasm_bindgen_test]
async fn issues_show_and_clear_as_the_payload_changes() {
    let host = mount(steps::CHANNEL);
    settle().await;
    // The guide's sample is clean.
    assert_eq!(issues(&host), vec![]);
    let summary = host
        .query_selector("[data-testid=issue-summary]")
        .unwrap()
        .unwrap();
    assert_eq!(summary.text_content().unwrap(), "No issues");

    type_into(&host, &GOOD_CHANNEL.replace("\"AZ\"", "\"AZX\""));
    settle().await;
    assert_eq!(
        issues(&host),
        vec![("/channel/short_name".to_string(), "error".to_string())]
    );

    // Two problems at once, one of them a warning.
    type_into(
        &host,
        &GOOD_CHANNEL
            .replace("\"AZ\"", "\"AZX\"")
            .replace("\"name\"", "\"nmae\""),
    );
    settle().await;
    let now = issues(&host);
    assert!(
        now.contains(&("/channel/short_name".into(), "error".into())),
        "{now:?}"
    );
    assert!(
        now.contains(&("/channel/nmae".into(), "warning".into())),
        "{now:?}"
    );
    assert!(
        now.contains(&("/channel/name".into(), "error".into())),
        "{now:?}"
    );

    // Fixed: the list clears.
    type_into(&host, GOOD_CHANNEL);
    settle().await;
    assert_eq!(issues(&host), vec![]);

    // Text that is not JSON is one issue with its line and column.
    type_into(&host, "{\n  \"channel\": ");
    settle().await;
    let rows = host.query_selector_all("[data-testid=issue]").unwrap();
    assert_eq!(rows.length(), 1);
    let row: Element = rows.item(0).unwrap().unchecked_into();
    assert!(
        row.text_content().unwrap().contains("line 2"),
        "{:?}",
        row.text_content()
    );
}

#[wasm_bindgen_test]
async fn the_request_preview_masks_the_key_and_follows_the_payload() {
    let host = mount(steps::ORDER);
    settle().await;
    let preview = host
        .query_selector("[data-testid=request-preview]")
        .unwrap()
        .unwrap();
    let text = preview.text_content().unwrap();
    assert!(text.contains("POST"), "{text}");
    assert!(text.contains("https://api.veeqo.com/orders"), "{text}");
    assert!(text.contains("x-api-key"), "{text}");
    assert!(!text.contains("sandbox-key"), "the key is masked: {text}");
    // The ids the flow has not made yet are flagged; in the sandbox, Amazon's own ids are
    // examples already, and the page says so.
    let flagged: Vec<String> = issues(&host)
        .into_iter()
        .filter(|(_, s)| s == "error")
        .map(|(p, _)| p)
        .collect();
    assert_eq!(
        flagged,
        vec![
            "/order/channel_id",
            "/order/line_items_attributes/0/sellable_id"
        ]
    );
    let note = host
        .query_selector("[data-testid=example-ids-note]")
        .unwrap()
        .expect("the page says the Amazon ids are examples")
        .text_content()
        .unwrap();
    assert!(
        note.starts_with("Sandbox: Amazon's own ids are filled with examples"),
        "{note}"
    );
}

#[wasm_bindgen_test]
async fn clicking_an_issue_selects_its_value_in_the_payload() {
    let host = mount(steps::CHANNEL);
    settle().await;
    let text = GOOD_CHANNEL.replace("\"AZ\"", "\"AZX\"");
    type_into(&host, &text);
    settle().await;
    let row: web_sys::HtmlElement = host
        .query_selector("[data-testid=issue][data-pointer='/channel/short_name']")
        .unwrap()
        .unwrap()
        .unchecked_into();
    row.click();
    settle().await;
    let ta: HtmlTextAreaElement = host
        .query_selector("[data-testid=payload]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let (start, end) = (
        ta.selection_start().unwrap().unwrap(),
        ta.selection_end().unwrap().unwrap(),
    );
    let selected: String = text
        .chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect();
    assert_eq!(selected, "\"AZX\"");
}

#[wasm_bindgen_test]
async fn an_issue_code_opens_onto_its_explanation_without_leaving_the_list() {
    let host = mount(steps::CHANNEL);
    settle().await;
    let text = GOOD_CHANNEL.replace("\"AZ\"", "\"AZX\"");
    type_into(&host, &text);
    settle().await;
    let explain: web_sys::HtmlDetailsElement = host
        .query_selector(
            "[data-testid=issue][data-pointer='/channel/short_name'] [data-testid=explain]",
        )
        .unwrap()
        .expect("the issue has an explanation")
        .unchecked_into();
    assert!(!explain.open());
    let summary: web_sys::HtmlElement = explain
        .query_selector("summary")
        .unwrap()
        .unwrap()
        .unchecked_into();
    summary.click();
    settle().await;
    assert!(explain.open());
    let shown = explain.text_content().unwrap_or_default();
    assert!(
        shown.contains("short_name has more than 2 characters."),
        "{shown}"
    );
    assert!(
        shown.contains("\"short_name\": \"AMZ\" → \"short_name\": \"AZ\""),
        "{shown}"
    );
    assert!(shown.contains("Buyer Protection guide, step 1"), "{shown}");
    // Opening the explanation does not jump to the payload.
    let ta: HtmlTextAreaElement = host
        .query_selector("[data-testid=payload]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(ta.selection_start().unwrap(), ta.selection_end().unwrap());
}

#[wasm_bindgen_test]
async fn the_transport_rides_out_the_rate_limit() {
    use orderlint::api::veeqo;
    use orderlint::sandbox::Api;
    use orderlint::web::state::Settings;
    use orderlint::web::transport::send;

    let settings = Settings::default(); // the in-page sandbox
    let get = || send(&settings, Api::Veeqo, veeqo::list_channels(1, 10), None);
    // A burst of 100 fills Veeqo's bucket.
    for _ in 0..100 {
        assert_eq!(get().await.unwrap().response.status, 200);
    }
    // The next request is answered 429 with Retry-After; the transport waits and sends it
    // again, a write included: 429 means the API did nothing with it.
    let sent = send(&settings, Api::Veeqo, veeqo::create_order("{}"), None)
        .await
        .unwrap();
    assert_eq!(
        sent.response.status, 400,
        "sent for real: the body is not an order"
    );
    assert_eq!(
        sent.attempts, 2,
        "one 429, then the answer after Retry-After"
    );

    // The bucket refills within a few requests; the GET that meets it is retried too.
    let mut retried = None;
    for _ in 0..10 {
        let s = get().await.unwrap();
        assert_eq!(s.response.status, 200);
        if s.attempts > 1 {
            retried = Some(s.attempts);
            break;
        }
    }
    assert_eq!(retried, Some(2));
}

/// Figures, not a timed test: validates a 100-line FeedAMP order repeatedly in the page's
/// module and prints the median and p99 (visible with `-- --nocapture`). It asserts only
/// that every run reports the same, correct result.
#[wasm_bindgen_test]
fn live_validation_of_a_100_line_order() {
    use orderlint::rules::{validate_text, Kind};
    let mut order: serde_json::Value =
        serde_json::from_str(orderlint::samples::FEEDAMP_ORDER).unwrap();
    let line = order["order_lines"][0].clone();
    order["order_lines"] = (0..100)
        .map(|i| {
            let mut l = line.clone();
            l["mp_line_number"] = serde_json::json!((i + 1).to_string());
            l
        })
        .collect();
    let text = serde_json::to_string_pretty(&order).unwrap();
    let perf = web_sys::window().unwrap().performance().unwrap();
    let mut times = Vec::new();
    for _ in 0..200 {
        let t0 = perf.now();
        let out = validate_text(Kind::FeedampOrder, &text, None).unwrap();
        times.push(perf.now() - t0);
        assert!(out.valid && out.issues.is_empty(), "{:?}", out.issues);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    let median = times[times.len() / 2];
    let p99 = times[times.len() * 99 / 100];
    console_log!(
        "100-line FeedAMP order ({} bytes): median {median:.3} ms, p99 {p99:.3} ms over 200 runs",
        text.len()
    );
}

#[wasm_bindgen_test]
fn each_page_has_its_own_route_and_each_step_one_page() {
    use orderlint::web::{Page, PAGES};
    for page in PAGES {
        let found = Page::from_hash(&format!("#/{}?x=1", page.route));
        assert!(
            std::ptr::eq(found, page),
            "#/{} opens {}",
            page.route,
            found.route
        );
    }
    let mut steps: Vec<&str> = PAGES
        .iter()
        .filter_map(|p| p.editor())
        .map(|s| s.id)
        .collect();
    let all = steps.len();
    steps.sort_unstable();
    steps.dedup();
    assert_eq!(steps.len(), all, "a step's editor on two pages");
    assert!(std::ptr::eq(Page::from_hash("#/no-such-page"), &PAGES[0]));
}
