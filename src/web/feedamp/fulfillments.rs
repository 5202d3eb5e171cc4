//! An order's fulfillments, and the errors to report for them.

use super::{go, or, proposed_list, OrderNumber, OrderPage};
use crate::api::feedamp::view::Order;
use crate::rules::feedamp::propose::propose_errors;
use crate::web::notice::NoticeLine;
use crate::web::state::use_app;
use crate::web::storage;
use leptos::prelude::*;

#[component]
pub fn Fulfillments() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let (number, order, load) = (page.number, page.order, page.load);
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
                <p class="intro">
                    "GET /orders/{n}: each line's shipments (carrier, tracking number and URL, ship date), cancellations (reason) \
                    and what is still pending, and the error reports that fit what the seller sent."
                </p>
            </header>
            <OrderNumber number=number on_load=load loading=page.loading />
            {move || {
                order
                    .with(|o| {
                        o.as_ref()
                            .map(|o| {
                                let proposed = propose_errors(o);
                                let o = Order(o);
                                view! {
                                    <p>
                                        "State "<strong>{o.marketplace_state().to_string()}</strong>
                                        " · fulfillment status "
                                        <strong data-testid="fulfillment-status">
                                            {o.fulfillment_status().unwrap_or("—").to_string()}
                                        </strong>
                                    </p>
                                    // Focusable and named: at phone width it scrolls sideways (style.css).
                                    <div
                                        class="scroll"
                                        tabindex="0"
                                        role="region"
                                        aria-label="Order lines and their fulfillments"
                                    >
                                        <table class="results">
                                            <thead>
                                                <tr>
                                                    <th>"line"</th>
                                                    <th>"sku"</th>
                                                    <th>"ordered"</th>
                                                    <th>"pending"</th>
                                                    <th>"shipments"</th>
                                                    <th>"cancellations"</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {o
                                                    .lines()
                                                    .map(|l| {
                                                        let n = l.mp_line_number().to_string();
                                                        let f = o.fulfillment(&n);
                                                        let ships = f
                                                            .into_iter()
                                                            .flat_map(|f| f.shipments())
                                                            .map(|s| {
                                                                format!(
                                                                    "{} × {} {} {} {}",
                                                                    s.quantity(),
                                                                    or(s.carrier(), "?"),
                                                                    s.tracking_number(),
                                                                    s.tracking_url(),
                                                                    s.ship_date(),
                                                                )
                                                            })
                                                            .collect::<Vec<_>>()
                                                            .join("; ");
                                                        let cancels = f
                                                            .into_iter()
                                                            .flat_map(|f| f.cancellations())
                                                            .map(|c| {
                                                                format!(
                                                                    "{} × {}",
                                                                    c.quantity(),
                                                                    or(c.reason(), "(no reason)"),
                                                                )
                                                            })
                                                            .collect::<Vec<_>>()
                                                            .join("; ");
                                                        view! {
                                                            <tr data-testid="fulfillment-line" data-line=n.clone()>
                                                                <td>{n.clone()}</td>
                                                                <td>{l.sku().to_string()}</td>
                                                                <td>{l.quantity()}</td>
                                                                <td data-testid="pending">
                                                                    {f.map(|f| f.quantity_pending()).unwrap_or_default()}
                                                                </td>
                                                                <td>{ships}</td>
                                                                <td>{cancels}</td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <h3>"Errors to report"</h3>
                                    {if proposed.is_empty() {
                                        view! {
                                            <p class="muted" data-testid="proposed-none">
                                                "Nothing wrong with the seller's fulfillments."
                                            </p>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            {proposed_list(&proposed, "proposed-error")}
                                            <button
                                                class="primary"
                                                data-testid="report-proposed"
                                                on:click=report
                                            >
                                                "Report these →"
                                            </button>
                                        }
                                            .into_any()
                                    }}
                                }
                            })
                    })
            }}
            <NoticeLine notice=page.notice testid="fulfillments-result" />
        </section>
    }
}
