//! Refunds and returns: a seller's refunds checked against what each line was sold for,
//! reported or marked complete; returns created, followed and completed.

use leptos::prelude::*;
use serde_json::Value;

use super::order_items::{Ask, OrderItems};
use super::{or, proposed_list, OrderNumber, OrderPage};
use crate::api::feedamp;
use crate::api::feedamp::view::{status, Order, Refund, Return};
use crate::rules::feedamp::refund_check::propose_refund_errors;
use crate::web::editor::Editor;
use crate::web::notice::NoticeLine;
use crate::web::state::use_app;
use crate::web::steps;

/// An amount with two decimals, without float formatting (it would double the bundle's
/// share of core::fmt).
fn cents(x: f64) -> String {
    let c = (x * 100.0).round() as i64;
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", c.abs() / 100, c.abs() % 100)
}

/// An amount, or "—" when the answer has none.
fn money(v: Option<f64>) -> String {
    v.map(cents).unwrap_or_else(|| "—".into())
}

#[component]
pub fn Refunds() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let (number, order) = (page.number, page.order);
    let items = OrderItems::new(app, page, feedamp::get_order_refunds, "refunds");
    let (refunds, selected) = (items.list, items.checked);
    // One request at a time: reading a refund afresh, reporting its errors, completing it.
    let check = move |id: String| {
        let req = feedamp::get_refund(&number.get_untracked(), &id);
        items.ask.dispatch(Ask::Fresh(id, req));
    };
    let act = move |report: bool| {
        let (Some(id), Some(o)) = (selected.get_untracked(), order.get_untracked()) else {
            return;
        };
        let all = refunds.get_untracked();
        let Some(refund) = all.iter().find(|r| Refund(r).id() == id).cloned() else {
            return;
        };
        let n = number.get_untracked();
        let req = if report {
            let proposed = Value::Array(propose_refund_errors(&refund, &o, &all));
            feedamp::report_refund_errors(&n, &id, &proposed.to_string())
        } else {
            feedamp::complete_refund(&n, &id)
        };
        let say = |id: &str, v: &Value| format!("Refund {id}: {}", or(status(v), "done"));
        items.ask.dispatch(Ask::Act {
            id,
            req,
            say,
            relist: true,
        });
    };
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Seller-initiated refunds"</h2>
                <p class="intro">
                    "GET /orders/{n}/refunds. Each refund line beside what the order line was sold for, and the refund error codes \
                    that fit before processing it: report them (the refund is PAUSED) or mark the refund complete."
                </p>
            </header>
            <OrderNumber number=number on_load=items.load loading=page.loading />
            // Each table focusable and named: at phone width it scrolls sideways (style.css).
            <div class="scroll" tabindex="0" role="region" aria-label="The order's refunds">
                <table class="results">
                    <thead>
                        <tr>
                            <th>"refund"</th>
                            <th>"status"</th>
                            <th>"created"</th>
                            <th>"lines"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            refunds
                                .with(|rs| {
                                    rs.iter()
                                        .map(|r| {
                                            let id = Refund(r).id();
                                            let (pick, id_attr) = (id.clone(), id.clone());
                                            view! {
                                                <tr
                                                    data-testid="refund-row"
                                                    data-id=id_attr
                                                    data-status=Refund(r).status().to_string()
                                                >
                                                    <td>{id}</td>
                                                    <td>{Refund(r).status().to_string()}</td>
                                                    <td>{Refund(r).date_created().to_string()}</td>
                                                    <td>{Refund(r).lines().count()}</td>
                                                    <td>
                                                        <button
                                                            class="ghost"
                                                            data-testid="check-refund"
                                                            on:click=move |_| check(pick.clone())
                                                        >
                                                            "Check"
                                                        </button>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </tbody>
                </table>
            </div>
            {move || {
                let id = selected.get()?;
                let o = order.get()?;
                let all = refunds.get();
                let refund = all.iter().find(|r| Refund(r).id() == id)?.clone();
                let proposed = propose_refund_errors(&refund, &o, &all);
                let (refund, sold_in) = (Refund(&refund), Order(&o));
                Some(
                    view! {
                        <h3>
                            {format!("Refund {id} · ")}
                            <span data-testid="refund-status">{refund.status().to_string()}</span>
                        </h3>
                        <div
                            class="scroll"
                            tabindex="0"
                            role="region"
                            aria-label=format!("Refund {id}'s lines")
                            data-testid="refund-lines"
                        >
                            <table class="results">
                                <thead>
                                    <tr>
                                        <th>"line"</th>
                                        <th>"qty"</th>
                                        <th>"item"</th>
                                        <th>"item tax"</th>
                                        <th>"shipping"</th>
                                        <th>"shipping tax"</th>
                                        <th>"discount"</th>
                                        <th>"reason"</th>
                                        <th>"sold: unit price × qty, shipping"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {refund
                                        .lines()
                                        .map(|l| {
                                            let n = l.mp_line_number();
                                            let sold = sold_in
                                                .line(n)
                                                .map(|x| {
                                                    format!(
                                                        "{} × {}, {}",
                                                        money(x.unit_price()),
                                                        x.quantity(),
                                                        money(x.shipping_price()),
                                                    )
                                                })
                                                .unwrap_or_else(|| "no such line".into());
                                            view! {
                                                <tr>
                                                    <td>{n.to_string()}</td>
                                                    <td>{l.quantity()}</td>
                                                    <td>{money(l.item_refund())}</td>
                                                    <td>{money(l.item_tax_refund())}</td>
                                                    <td>{money(l.shipping_refund())}</td>
                                                    <td>{money(l.shipping_tax_refund())}</td>
                                                    <td>{money(l.discount_refund())}</td>
                                                    <td>{l.reason().to_string()}</td>
                                                    <td>{sold}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {if proposed.is_empty() {
                            view! {
                                <p class="muted" data-testid="refund-proposed-none">
                                    "Nothing wrong: the refund can be processed."
                                </p>
                            }
                                .into_any()
                        } else {
                            view! { {proposed_list(&proposed, "refund-proposed")} }.into_any()
                        }}
                        <div class="actions">
                            <button
                                class="primary"
                                data-testid="report-refund"
                                disabled=proposed.is_empty()
                                on:click=move |_| act(true)
                            >
                                "Report these errors"
                            </button>
                            <button
                                class="ghost"
                                data-testid="complete-refund"
                                on:click=move |_| act(false)
                            >
                                "Mark complete"
                            </button>
                        </div>
                    },
                )
            }}
            <NoticeLine notice=items.notice testid="refunds-result" />
        </section>
    }
}

#[component]
pub fn Returns() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let number = page.number;
    let items = OrderItems::new(app, page, feedamp::get_order_returns, "returns");
    let returns = items.list;
    let ret_number = move || {
        app.vars
            .with(|v| v.get("mp_return_number").cloned().unwrap_or_default())
    };
    // One request at a time: a return's refunded amounts, or completing it.
    let amounts = move |r: String| {
        let req = feedamp::get_return_refunds(&number.get_untracked(), &r);
        let say = |r: &str, v: &Value| {
            let ret = Return(v);
            format!(
                "Return {r} ({}, {}): {} refunded",
                or(ret.status(), "—"),
                or(ret.rma(), "—"),
                cents(ret.refunded())
            )
        };
        items.ask.dispatch(Ask::Act {
            id: r,
            req,
            say,
            relist: false,
        });
    };
    let complete = move |r: String| {
        let req = feedamp::complete_return(&number.get_untracked(), &r);
        let say = |r: &str, v: &Value| format!("Return {r}: {}", or(status(v), "done"));
        items.ask.dispatch(Ask::Act {
            id: r,
            req,
            say,
            relist: true,
        });
    };
    view! {
        <section class="editor">
            <Editor
                step=steps::FEEDAMP_RETURN
                path_fields=Box::new(move || {
                    view! {
                        <label class="label" for="ret-n">
                            "mp_return_number (the return's number, in the path)"
                        </label>
                        // The marketplace numbers its returns: an example says what goes here.
                        <input
                            id="ret-n"
                            data-testid="return-number"
                            placeholder="e.g. RET-1001"
                            autocomplete="off"
                            prop:value=ret_number
                            on:input=move |ev| {
                                let v = event_target_value(&ev);
                                app.vars
                                    .update(|m| {
                                        m.insert("mp_return_number".into(), v);
                                    })
                            }
                        />
                    }
                        .into_any()
                })
            />
            <h3>"The order's returns"</h3>
            <OrderNumber number=number on_load=items.load loading=page.loading />
            <div class="scroll" tabindex="0" role="region" aria-label="The order's returns">
                <table class="results">
                    <thead>
                        <tr>
                            <th>"return"</th>
                            <th>"status"</th>
                            <th>"rma"</th>
                            <th>"refunded"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            returns
                                .with(|rs| {
                                    rs.iter()
                                        .map(|r| {
                                            let ret = Return(r);
                                            let num = ret.mp_return_number().to_string();
                                            let refunded = ret.refunded();
                                            let (target, num_attr, for_amounts) = (
                                                num.clone(),
                                                num.clone(),
                                                num.clone(),
                                            );
                                            view! {
                                                <tr
                                                    data-testid="return-row"
                                                    data-number=num_attr
                                                    data-status=ret.status().to_string()
                                                >
                                                    <td>{num}</td>
                                                    <td>{ret.status().to_string()}</td>
                                                    <td>{ret.rma().to_string()}</td>
                                                    <td data-testid="return-refunded">{cents(refunded)}</td>
                                                    <td>
                                                        <button
                                                            class="ghost"
                                                            data-testid="return-amounts"
                                                            on:click=move |_| amounts(for_amounts.clone())
                                                        >
                                                            "Refunded amounts"
                                                        </button>
                                                        <button
                                                            class="ghost"
                                                            data-testid="complete-return"
                                                            on:click=move |_| complete(target.clone())
                                                        >
                                                            "Mark complete"
                                                        </button>
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </tbody>
                </table>
            </div>
            <NoticeLine notice=items.notice testid="returns-result" />
        </section>
    }
}
