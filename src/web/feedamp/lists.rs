//! The list endpoints (orders, refunds, returns) as pages: filters, every page followed
//! to the last, one row per item.

use super::call;
use crate::api::feedamp;
use crate::api::feedamp::view::{self, Order, Refund, Return};
use crate::api::Request;
use crate::rules::datetime::format_utc;
use crate::rules::{validate_text, Kind};
use crate::samples;
use crate::web::editor::{pick_in_textarea, IssueList};
use crate::web::notice::plural;
use crate::web::state::{use_app, wall_clock_ms};
use crate::web::storage;
use leptos::prelude::*;
use serde_json::{json, Value};

/// A list endpoint as a page: its filters, how to ask, how to show a row.
#[derive(Clone, Copy)]
pub struct ListSpec {
    pub id: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub sample: &'static str,
    pub kind: Kind,
    pub request: fn(&Value, Option<&str>) -> Request,
    /// The answer's list field: `orders`, `refunds` or `returns`.
    pub key: &'static str,
    /// The date filter "since last poll" sets, if the list has one.
    pub watermark: Option<&'static str>,
    pub headers: [&'static str; 4],
    /// A row's cells; the first is its number, the second its status.
    pub row: fn(&Value) -> [String; 4],
}

impl ListSpec {
    /// "1 refund", "3 orders".
    fn count(&self, n: usize) -> String {
        let noun = if n == 1 {
            self.key.trim_end_matches('s')
        } else {
            self.key
        };
        format!("{n} {noun}")
    }
}

pub const ORDERS: ListSpec = ListSpec {
    id: "feedamp-poll",
    title: "Poll orders",
    intro: "GET /orders with the filters below, following next_cursor to the last page. \"Since last poll\" \
        sets seller_updated_after to when the previous poll started.",
    sample: samples::FEEDAMP_ORDERS_QUERY,
    kind: Kind::FeedampOrdersQuery,
    request: feedamp::get_orders,
    key: "orders",
    watermark: Some("seller_updated_after"),
    headers: ["order", "fulfillment", "state", "errors"],
    row: |o| {
        let o = Order(o);
        [
            o.mp_order_number().into(),
            o.fulfillment_status().unwrap_or("—").into(),
            o.marketplace_state().into(),
            o.error_count().to_string(),
        ]
    },
};

pub const REFUNDS: ListSpec = ListSpec {
    id: "feedamp-refund-list",
    title: "All refunds",
    intro: "GET /refunds with the filters below (mp_order_numbers, refund_status, created_after / \
        created_before, page_size), following next_cursor to the last page.",
    sample: "{\n  \"refund_status\": \"CREATED,PAUSED\",\n  \"page_size\": 20\n}\n",
    kind: Kind::FeedampRefundsQuery,
    request: feedamp::get_refunds,
    key: "refunds",
    watermark: None,
    headers: ["refund", "status", "order", "created"],
    row: |r| {
        let refund = Refund(r);
        [
            refund.id(),
            refund.status().into(),
            Order(r).mp_order_number().into(),
            refund.date_created().into(),
        ]
    },
};

pub const RETURNS: ListSpec = ListSpec {
    id: "feedamp-return-list",
    title: "All returns",
    intro: "GET /returns with the filters below (mp_order_numbers, mp_return_numbers, state, has_errors, page_size), following next_cursor to the last page.",
    // No state filter: a newcomer's first poll shows every return there is (AUTHORIZED
    // alone showed none of those refunded, completed or still pending).
    sample: "{\n  \"page_size\": 20\n}\n",
    kind: Kind::FeedampReturnsQuery,
    request: feedamp::get_returns,
    key: "returns",
    watermark: None,
    headers: ["return", "status", "order", "rma"],
    row: |r| {
        let ret = Return(r);
        [ret.mp_return_number().into(), ret.status().into(), Order(r).mp_order_number().into(), ret.rma().into()]
    },
};

#[component]
pub fn List(spec: ListSpec) -> impl IntoView {
    let app = use_app();
    let draft = storage::draft_key(spec.id);
    let watermark_var = format!("{}_watermark", spec.id);
    let query = RwSignal::new(storage::get(&draft).unwrap_or_else(|| spec.sample.to_string()));
    Effect::new(move |_| query.with(|q| storage::set(&draft, q)));
    let since_last = RwSignal::new(false);
    let progress = RwSignal::new(String::new());
    let rows: RwSignal<Vec<Value>> = RwSignal::new(vec![]);
    let outcome = Memo::new(move |_| query.with(|q| validate_text(spec.kind, q, None)));
    let query_area: NodeRef<leptos::html::Textarea> = NodeRef::new();

    // One poll: every page, following the cursor; rows and progress show as pages arrive.
    let watermark_set = watermark_var.clone();
    let poll_all = Action::new_local(move |q: &Value| {
        let (q, watermark_var) = (q.clone(), watermark_set.clone());
        let started = format_utc((wall_clock_ms() / 1000) as i64);
        async move {
            let mut cursor: Option<String> = None;
            let mut pages: usize = 0;
            let result = loop {
                match call(&app, (spec.request)(&q, cursor.as_deref())).await {
                    Ok(page) => {
                        pages += 1;
                        let got: Vec<Value> = view::page_items(&page, spec.key).cloned().collect();
                        rows.update(|r| r.extend(got));
                        progress.set(format!(
                            "page {pages} · {}",
                            spec.count(rows.with_untracked(Vec::len))
                        ));
                        match view::next_cursor(&page) {
                            Some(next) if pages < 500 => cursor = Some(next.to_string()),
                            _ => break Ok(()),
                        }
                    }
                    Err(e) => break Err(e),
                }
            };
            match result {
                Ok(()) => {
                    let n = rows.with_untracked(Vec::len);
                    // A PENDING order has no fulfillment status yet: an empty poll right
                    // after placing one is that filter, not a lost order.
                    let why_empty = if n == 0
                        && spec.key == "orders"
                        && q.get("fulfillment_status").is_some()
                    {
                        " A PENDING order has no fulfillment status yet, so the fulfillment_status filter leaves \
                        it out: move it on in Marketplace state, or poll without that filter."
                    } else if n == 0 && spec.key == "returns" && q.get("state").is_some() {
                        // A draft kept from before may still hold a state filter.
                        " No return is in that state: poll without the state filter to see every return."
                    } else {
                        ""
                    };
                    progress.set(format!(
                        "Done: {pages} page{} · {}.{why_empty}",
                        plural(pages),
                        spec.count(n)
                    ));
                    app.vars.update(|v| {
                        v.insert(watermark_var, started);
                    });
                }
                Err(e) => progress.set(format!("Stopped at page {}: {e}", pages + 1)),
            }
        }
    });
    let running = poll_all.pending();

    let poll = move |_| {
        if running.get_untracked() {
            return;
        }
        let Ok(mut q) = serde_json::from_str::<Value>(&query.get_untracked()) else {
            progress.set("The filters are not JSON.".into());
            return;
        };
        if let (true, Some(field)) = (since_last.get_untracked(), spec.watermark) {
            let watermark = app.vars.with_untracked(|v| v.get(&watermark_var).cloned());
            if let (Some(m), Some(w)) = (q.as_object_mut(), watermark) {
                m.insert(field.into(), json!(w));
            }
        }
        rows.set(vec![]);
        poll_all.dispatch(q);
    };

    view! {
        <section class="editor">
            <header class="step-head">
                <h2>{spec.title}</h2>
                <p class="intro">{spec.intro}</p>
            </header>
            <div class="panes">
                <div class="pane">
                    <label class="label" for="list-query">
                        "Filters (JSON)"
                    </label>
                    <textarea
                        id="list-query"
                        data-testid="query"
                        class="short"
                        spellcheck="false"
                        node_ref=query_area
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    ></textarea>
                    <IssueList
                        outcome=outcome
                        text=query
                        pick=pick_in_textarea(query_area, query)
                    />
                </div>
                <div class="pane">
                    <div class="actions">
                        <button
                            class="primary"
                            data-testid="poll"
                            aria-disabled=move || running.get().to_string()
                            on:click=poll
                        >
                            "Poll"
                        </button>
                        {spec
                            .watermark
                            .map(|_| {
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            data-testid="since-last"
                                            prop:checked=move || since_last.get()
                                            on:change=move |ev| {
                                                since_last.set(event_target_checked(&ev))
                                            }
                                        />
                                        "since last poll"
                                    </label>
                                }
                            })}
                        <span class="note" data-testid="poll-progress">
                            {move || progress.get()}
                        </span>
                    </div>
                    // Focusable and named: at phone width it scrolls sideways (style.css).
                    <div
                        class="scroll"
                        tabindex="0"
                        role="region"
                        aria-label=format!("{}: results", spec.title)
                    >
                        <table class="results">
                            <thead>
                                <tr>{spec.headers.map(|h| view! { <th>{h}</th> })}</tr>
                            </thead>
                            <tbody>
                                {move || {
                                    rows.with(|r| {
                                        r.iter()
                                            .map(|item| {
                                                let cells = (spec.row)(item);
                                                let (number, status) = (cells[0].clone(), cells[1].clone());
                                                view! {
                                                    <tr
                                                        data-testid="listed"
                                                        data-number=number
                                                        data-status=status
                                                    >
                                                        {cells.map(|c| view! { <td>{c}</td> })}
                                                    </tr>
                                                }
                                            })
                                            .collect_view()
                                    })
                                }}
                            </tbody>
                        </table>
                    </div>
                </div>
            </div>
        </section>
    }
}
