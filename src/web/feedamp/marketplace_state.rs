//! An order's marketplace state, moved along the spec's state machine.

use super::{Ask, OrderNumber, OrderPage};
use crate::api::feedamp;
use crate::api::feedamp::view::Order;
use crate::rules::feedamp::state::{transition_problem, STATES};
use crate::rules::{validate, Context, Kind, Severity};
use crate::web::notice::NoticeLine;
use crate::web::state::use_app;
use leptos::prelude::*;

#[component]
pub fn MarketplaceState() -> impl IntoView {
    let app = use_app();
    let page = OrderPage::new(app);
    let (number, order, load, ask) = (page.number, page.order, page.load, page.ask);
    // One state change: PUT the order back with the new state; the answer is the order.
    let set_state = move |to: &'static str| {
        if ask.pending().get_untracked() {
            return;
        }
        let Some(placed) = order.get_untracked() else {
            return;
        };
        let body = feedamp::update_body(&placed, to);
        let ctx = Context {
            feedamp_order: Some(placed.into()),
            ..Context::default()
        };
        let check = validate(
            Kind::FeedampOrder,
            crate::rules::Document::from_serde(&body).value(),
            Some(&ctx),
        );
        // The errors refuse it; every issue (a warning too) is said with the change.
        let said = |errors_only: bool| {
            let issues = check
                .issues
                .iter()
                .filter(|i| !errors_only || i.severity == Severity::Error);
            issues
                .map(|i| i.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        if !check.valid {
            ask.dispatch(Ask::Refused(said(true)));
            return;
        }
        let warn = said(false);
        let note = if warn.is_empty() {
            String::new()
        } else {
            format!(" Note: {warn}")
        };
        let req = feedamp::put_order(&number.get_untracked(), &body.to_string());
        ask.dispatch(Ask::Change(req, format!("Marked {to}.{note}")));
    };
    let busy = ask.pending();
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Marketplace state"</h2>
                <p class="intro">
                    "PENDING → AWAITING_SHIPMENT → SHIPPED; CANCELLED only once placed. An update sends the order back as placed \
                    with only marketplace_state changed: the spec allows \"specific fields\" on update without naming them, and \
                    the state is the one an update is for."
                </p>
            </header>
            <OrderNumber number=number on_load=load loading=page.loading />
            {move || {
                order
                    .with(|o| {
                        o.as_ref()
                            .map(|o| {
                                let from = Order(o).marketplace_state().to_string();
                                let status = Order(o)
                                    .fulfillment_status()
                                    .unwrap_or("—")
                                    .to_string();
                                view! {
                                    <p data-testid="current-state" data-state=from.clone()>
                                        "State: "
                                        <strong>{from.clone()}</strong>
                                        " · fulfillment status: "
                                        <span data-testid="fulfillment-status">{status}</span>
                                    </p>
                                    <div class="actions">
                                        {STATES
                                            .iter()
                                            .map(|to| {
                                                let allowed = why_not(&from, to).is_none();
                                                view! {
                                                    <button
                                                        class="ghost"
                                                        data-testid=format!("set-state-{to}")
                                                        disabled=!allowed
                                                        aria-disabled=move || busy.get().to_string()
                                                        aria-describedby=(!allowed).then(|| format!("why-not-{to}"))
                                                        on:click=move |_| set_state(to)
                                                    >
                                                        {format!("→ {to}")}
                                                    </button>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                    // Why each disabled button is: in the page, not in a tooltip (a touch
                                    // screen has none, and a disabled button takes no focus to show one).
                                    <ul class="hint" data-testid="state-why-not">
                                        {STATES
                                            .iter()
                                            .filter_map(|to| {
                                                why_not(&from, to)
                                                    .map(|why| {
                                                        view! {
                                                            <li id=format!("why-not-{to}") data-state=*to>
                                                                {format!("→ {to}: {why}.")}
                                                            </li>
                                                        }
                                                    })
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })
                    })
            }}
            <NoticeLine notice=page.notice testid="state-result" />
        </section>
    }
}

/// Why the order cannot move from `from` to `to`, or `None` when it can.
fn why_not(from: &str, to: &str) -> Option<String> {
    if from == to {
        return Some(format!("the order is {to} already"));
    }
    transition_problem(Some(from), to)
}
