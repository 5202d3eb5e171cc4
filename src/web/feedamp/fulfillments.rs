//! An order's fulfillments, and the errors to report for them.

use super::{go, Message, OrderNumber, OrderPage};
use crate::rules::feedamp::propose::propose_errors;
use crate::web::state::use_app;
use crate::web::storage;
use leptos::prelude::*;
use serde_json::Value;

#[component]
pub fn Fulfillments() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let (number, order, message, load) = (page.number, page.order, page.message, page.load);
    let report = move |_| {
        let Some(o) = order.get_untracked() else {
            return;
        };
        let proposed = propose_errors(&o);
        if let Ok(text) = serde_json::to_string_pretty(&proposed) {
            storage::set(&storage::draft_key("feedamp-errors"), &text);
        }
        app.vars.update(|v| {
            v.insert("mp_order_number".into(), number.get_untracked());
        });
        go("/feedamp/errors");
    };
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Order and fulfillments"</h2>
                <p class="intro">"GET /orders/{n}: each line's shipments (carrier, tracking number and URL, ship date), cancellations (reason) and what is still pending, and the error reports that fit what the seller sent."</p>
            </header>
            <OrderNumber number=number on_load=load />
            {move || order.with(|o| o.as_ref().map(|o| {
                let lines = o["order_lines"].as_array().cloned().unwrap_or_default();
                let fulfil = o["fulfillments"].as_array().cloned().unwrap_or_default();
                let proposed = propose_errors(o);
                view! {
                    <p>"State "<strong>{o["marketplace_state"].as_str().unwrap_or_default().to_string()}</strong>
                       " · fulfillment status "<strong data-testid="fulfillment-status">{o["fulfillment_status"].as_str().unwrap_or("—").to_string()}</strong></p>
                    <table class="results">
                        <thead><tr><th>"line"</th><th>"sku"</th><th>"ordered"</th><th>"pending"</th><th>"shipments"</th><th>"cancellations"</th></tr></thead>
                        <tbody>{lines.iter().map(|l| {
                            let n = l["mp_line_number"].as_str().unwrap_or_default().to_string();
                            let f = fulfil.iter().find(|f| f["mp_line_number"] == n.as_str()).cloned().unwrap_or(Value::Null);
                            let ships = f["shipments"].as_array().cloned().unwrap_or_default().iter().map(|s| format!(
                                "{} × {} {} {} {}", s["quantity"], s["carrier"].as_str().unwrap_or("?"), s["tracking_number"].as_str().unwrap_or(""),
                                s["tracking_url"].as_str().unwrap_or(""), s["ship_date"].as_str().unwrap_or(""))).collect::<Vec<_>>().join("; ");
                            let cancels = f["cancellations"].as_array().cloned().unwrap_or_default().iter().map(|c| format!(
                                "{} × {}", c["quantity"], c["reason"].as_str().unwrap_or("(no reason)"))).collect::<Vec<_>>().join("; ");
                            view! {
                                <tr data-testid="fulfillment-line" data-line=n.clone()>
                                    <td>{n.clone()}</td><td>{l["sku"].as_str().unwrap_or_default().to_string()}</td><td>{l["quantity"].to_string()}</td>
                                    <td data-testid="pending">{f["quantity_pending"].to_string()}</td><td>{ships}</td><td>{cancels}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    <h3>"Errors to report"</h3>
                    {if proposed.is_empty() {
                        view! { <p class="muted" data-testid="proposed-none">"Nothing wrong with the seller's fulfillments."</p> }.into_any()
                    } else {
                        view! {
                            <ul>{proposed.iter().map(|p| view! {
                                <li data-testid="proposed-error" data-code=p["code"].as_str().unwrap_or_default().to_string()>
                                    <code>{p["code"].as_str().unwrap_or_default().to_string()}</code>" "{p["message"].as_str().unwrap_or_default().to_string()}
                                </li>
                            }).collect_view()}</ul>
                            <button class="primary" data-testid="report-proposed" on:click=report>"Report these →"</button>
                        }.into_any()
                    }}
                }
            }))}
            <Message text=message testid="fulfillments-result" />
        </section>
    }
}
