//! The seller's side, as the in-page sandbox simulates it.

use super::{call, current_number, or};
use crate::api::feedamp::sandbox;
use crate::api::feedamp::view::{status, Order};
use crate::api::Request;
use crate::web::notice::{Notice, NoticeLine};
use crate::web::state::use_app;
use leptos::prelude::*;
use serde_json::{json, Value};

/// What a seller action's answer is read for.
#[derive(Clone, Copy)]
enum Done {
    Fulfilled,
    Refunded,
    ClockMoved,
}

impl Done {
    fn say(self, answer: &Value) -> String {
        match self {
            Done::Fulfilled => format!(
                "Done. Fulfillment status: {}",
                Order(answer).fulfillment_status().unwrap_or("—")
            ),
            Done::Refunded => format!("Done. Status: {}", or(status(answer), "—")),
            Done::ClockMoved => {
                "The sandbox clock moved one hour: access tokens issued before now have expired."
                    .into()
            }
        }
    }
}

/// The seller's side, as the orderlint sandbox simulates it.
#[component]
pub fn SellerPanel() -> impl IntoView {
    let app = use_app();
    let number = RwSignal::new(current_number(&app));
    let line = RwSignal::new("1".to_string());
    let quantity = RwSignal::new("1".to_string());
    let carrier = RwSignal::new("UPS".to_string());
    let tracking = RwSignal::new("1Z999AA10123456784".to_string());
    let reason = RwSignal::new("OUT_OF_STOCK".to_string());
    let refund_amount = RwSignal::new("22.50".to_string());
    // Every seller action is one request at a time: the buttons wait while one is under way.
    let seller = Action::new_local(move |(done, req): &(Done, Request)| {
        let (done, req) = (*done, req.clone());
        async move { call(&app, req).await.map(|v| done.say(&v)) }
    });
    let busy = seller.pending();
    // A new action's answer replaces the last one's; until it comes there is none.
    let notice = Signal::derive(move || {
        if busy.get() {
            return None;
        }
        seller
            .value()
            .with(|a| a.as_ref().map(|r| Notice::of(r, String::clone)))
    });
    let run = move |done: Done, req: Request| {
        seller.dispatch((done, req));
    };
    let act = move |kind: &'static str| {
        let q: i64 = quantity.get_untracked().trim().parse().unwrap_or(0);
        let body = if kind == "shipments" {
            json!({"mp_line_number": line.get_untracked(), "quantity": q, "carrier": carrier.get_untracked(),
                   "tracking_number": tracking.get_untracked(), "tracking_url": format!("https://tracking.example/{}", tracking.get_untracked())})
        } else {
            json!({"mp_line_number": line.get_untracked(), "quantity": q, "reason": reason.get_untracked()})
        };
        let n = number.get_untracked();
        run(
            Done::Fulfilled,
            sandbox::fulfil(&n, kind, &body.to_string()),
        );
    };
    // The seller refunds money: a seller-initiated refund, or the funds of a return.
    let refund = move |for_return: bool| {
        let q: i64 = quantity.get_untracked().trim().parse().unwrap_or(0);
        let amount: f64 = refund_amount.get_untracked().trim().parse().unwrap_or(-1.0);
        let body = json!({"merchant_refund_lines": [{"mp_line_number": line.get_untracked(), "quantity": q,
            "item_refund": amount, "reason": reason.get_untracked()}]}).to_string();
        let n = number.get_untracked();
        let ret = app
            .vars
            .with_untracked(|v| v.get("mp_return_number").cloned().unwrap_or_default());
        let req = if for_return {
            sandbox::seller_return_refund(&n, &ret, &body)
        } else {
            sandbox::seller_refund(&n, &body)
        };
        run(Done::Refunded, req);
    };
    let clock = move |_| {
        run(Done::ClockMoved, sandbox::advance_clock(3600));
    };
    let field = move |id: &'static str, label: &'static str, sig: RwSignal<String>| {
        view! {
            <label class="label" for=id>
                {label}
            </label>
            <input
                id=id
                data-testid=id
                prop:value=move || sig.get()
                on:input=move |ev| sig.set(event_target_value(&ev))
            />
        }
    };
    view! {
        <section class="editor">
            <header class="step-head">
                <h2>"Seller panel (sandbox)"</h2>
                <p class="intro">
                    "What the seller does in FeedAMP, simulated by the orderlint sandbox (in the page, or `orderlint sandbox` \
                    behind the proxy): ship or cancel units of a line. Over-shipping is allowed, to rehearse error reports. Not \
                    available against the real FeedAMP."
                </p>
            </header>
            <div class="form settings">
                {field("seller-order", "mp_order_number", number)}
                {field("seller-line", "mp_line_number", line)}
                {field("seller-quantity", "quantity", quantity)}
                {field("seller-carrier", "carrier", carrier)}
                {field("seller-tracking", "tracking number", tracking)} <div class="actions">
                    <button
                        class="primary"
                        data-testid="seller-ship"
                        disabled=busy
                        on:click=move |_| act("shipments")
                    >
                        "Ship"
                    </button>
                </div> {field("seller-reason", "cancellation reason", reason)} <div class="actions">
                    <button
                        class="ghost"
                        data-testid="seller-cancel"
                        disabled=busy
                        on:click=move |_| act("cancellations")
                    >
                        "Cancel units"
                    </button>
                    <button class="ghost" data-testid="clock-hour" disabled=busy on:click=clock>
                        "Move the sandbox clock +1 hour"
                    </button>
                </div>
                {field(
                    "seller-refund-amount",
                    "item refund (for the line and quantity above)",
                    refund_amount,
                )} <div class="actions">
                    <button
                        class="ghost"
                        data-testid="seller-refund"
                        disabled=busy
                        on:click=move |_| refund(false)
                    >
                        "Issue a refund"
                    </button>
                    <button
                        class="ghost"
                        data-testid="seller-return-refund"
                        disabled=busy
                        on:click=move |_| refund(true)
                    >
                        "Release funds for the carried return"
                    </button>
                </div>
            </div>
            <NoticeLine notice=notice testid="seller-result" />
        </section>
    }
}
