//! Sending the valid payloads: where to, at what pace, with or without a look-up first;
//! Send, Pause, Cancel and Forget; what stops a send; and the run's progress.

use leptos::prelude::*;

use super::run::{send_blocker, PACE_RANGE};
use super::table::fate_state;
use super::{Bulk, Phase, RowFate};
use crate::api::Api;
use crate::bulk::lookup::can_look_up;
use crate::bulk::send::NotSent;
use crate::web::state::{use_app, Target};

/// How many rows stand where, by the report's states.
#[derive(Clone, Copy, PartialEq)]
struct Counts {
    sent: usize,
    found: usize,
    failed: usize,
    unknown: usize,
    queued: usize,
    sending: usize,
    cancelled: usize,
}

fn counts(fates: &[RowFate]) -> Counts {
    let n = |s: &str| fates.iter().filter(|x| fate_state(x) == s).count();
    Counts {
        sent: n("sent"),
        found: n("found"),
        failed: n("failed"),
        unknown: n("unknown"),
        queued: n("queued"),
        sending: n("sending"),
        cancelled: fates
            .iter()
            .filter(|x| matches!(x, RowFate::NotSent(NotSent::Cancelled)))
            .count(),
    }
}

#[component]
pub(super) fn SendPanel(bulk: Bulk) -> impl IntoView {
    let app = use_app();
    move || {
        if bulk.file.rows.with(Vec::is_empty) {
            return None;
        }
        let Some(api) = bulk.api() else {
            return Some(view! {
                <p class="note" data-testid="bulk-validate-only">
                    "Payloads of this kind are checked only: sending one needs ids from the request path (the order, the refund, \
                    the return) that a file of bodies does not carry."
                </p>
            }.into_any());
        };
        let target = app.settings.with(|s| s.target);
        let where_to = format!(
            "{} ({})",
            if api == Api::Veeqo {
                "Veeqo"
            } else {
                "FeedAMP"
            },
            if target == Target::Live {
                "Live, through the proxy"
            } else {
                "the in-page sandbox"
            }
        );
        // What stops a send, said beside Send with a link to where it is fixed.
        let blocked = send_blocker(app, api);
        let is_blocked = blocked.is_some();
        Some(
            view! {
                <div class="bulk-send" data-testid="bulk-send-panel">
                    <p>
                        <strong>{format!("Send the valid payloads to {where_to}")}</strong>
                    </p>
                    {can_look_up(bulk.kind.current.get())
                        .then(|| view! { <LookUp bulk=bulk target=target /> })}
                    <div class="toolbar">
                        <Pace bulk=bulk api=api />
                        <RunButtons bulk=bulk is_blocked=is_blocked />
                    </div>
                    {blocked
                        .map(|b| {
                            view! {
                                <p
                                    class="warn-note"
                                    id="bulk-send-blocked"
                                    data-testid="bulk-send-blocked"
                                >
                                    {format!("Cannot send yet: {}. ", b.problem)}
                                    <a href=b.route>{b.fix}</a>
                                </p>
                            }
                        })}
                    <Progress bulk=bulk />
                </div>
            }
            .into_any(),
        )
    }
}

#[component]
fn LookUp(bulk: Bulk, target: Target) -> impl IntoView {
    view! {
        <label
            class="check"
            title="Numbers are unique per channel: an order of another channel with the same number counts as found."
        >
            <input
                type="checkbox"
                data-testid="bulk-look-up"
                prop:checked=move || bulk.looks_up(target)
                on:change=move |ev| bulk.send.look_up.set(Some(event_target_checked(&ev)))
            />
            "Look each order up by its number first, so one created elsewhere (another browser, another tool) is not created \
            twice: one more request per order, within the same limit (the pace halves)"
        </label>
    }
}

/// Veeqo's pace is its limit; FeedAMP publishes none, so the user sets it.
#[component]
fn Pace(bulk: Bulk, api: Api) -> impl IntoView {
    if api == Api::Veeqo {
        return view! {
            <span class="muted">
                "Pace: Veeqo's limit, 5 a second after a first burst (the API allows a bucket of 100)."
            </span>
        }
        .into_any();
    }
    let set = move |ev| {
        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
            bulk.set_pace(n);
        }
    };
    view! {
        <label>
            "Pace "
            <input
                type="number"
                min=PACE_RANGE.0
                max=PACE_RANGE.1
                class="narrow"
                data-testid="bulk-rate"
                prop:value=move || bulk.send.feedamp_per_second.get().to_string()
                on:change=set
            /> " a second"
        </label>
    }
    .into_any()
}

#[component]
fn RunButtons(bulk: Bulk, is_blocked: bool) -> impl IntoView {
    let app = use_app();
    let phase = bulk.send.phase;
    let idle = move || phase.get() == Phase::Idle;
    view! {
        <button
            class="primary"
            data-testid="bulk-send"
            disabled=move || !idle() || !bulk.validated() || is_blocked
            aria-describedby=is_blocked.then_some("bulk-send-blocked")
            on:click=move |_| bulk.start(app)
        >
            "Send valid payloads"
        </button>
        <button
            class="ghost"
            data-testid="bulk-pause"
            disabled=idle
            on:click=move |_| bulk.set_paused(phase.get_untracked() == Phase::Running)
        >
            {move || if phase.get() == Phase::Paused { "Resume" } else { "Pause" }}
        </button>
        <button
            class="ghost"
            data-testid="bulk-cancel"
            disabled=idle
            on:click=move |_| bulk.cancel()
        >
            "Cancel"
        </button>
        <button
            class="ghost"
            data-testid="bulk-forget"
            disabled=move || !idle()
            title="Payloads already delivered are never sent again; forget them to send them anew."
            on:click=move |_| bulk.forget_deliveries(app.settings.with_untracked(|s| s.target))
        >
            "Forget deliveries"
        </button>
    }
}

/// The run's progress, once a run was planned or a row has a fate.
#[component]
fn Progress(bulk: Bulk) -> impl IntoView {
    let counts = Memo::new(move |_| bulk.send.fates.with(|f| counts(f)));
    move || {
        let Counts {
            sent,
            found,
            failed,
            unknown,
            queued,
            sending,
            cancelled,
        } = counts.get();
        let phase = bulk.send.phase.get();
        let planned = bulk.send.planned.get();
        let left = queued + sending;
        let settled = planned.saturating_sub(left + cancelled);
        (planned > 0 || sent + found + failed + unknown > 0).then(|| view! {
            <div class="toolbar">
                <progress
                    data-testid="bulk-send-progress"
                    max=planned.max(1)
                    value=settled
                ></progress>
                <span
                    data-testid="bulk-send-counts"
                    data-phase=phase.name()
                    data-sent=sent
                    data-found=found
                    data-failed=failed
                    data-unknown=unknown
                    data-left=left
                    data-sending=sending
                    data-planned=planned
                >
                    {format!(
                        "{settled} of {planned} this run · sent {sent} · failed {failed} · no answer {unknown} · queued {left}",
                    )}
                    {(found > 0).then(|| format!(" · already in the account {found}"))}
                    {(cancelled > 0).then(|| format!(" · cancelled {cancelled}"))}
                    {(phase == Phase::Paused).then_some(" · paused")}
                </span>
            </div>
        })
    }
}
