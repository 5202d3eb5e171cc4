//! Checking the file: every row validated in slices, so the page never freezes; again
//! when the account context arrives.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::{Bulk, Phase, SLICE_MS};
use crate::bulk::send::PayloadId;
use crate::rules::{outcome_for_text, parse, validate_document, Value};
use crate::web::state::AppState;
use crate::web::{account, transport};

// A generation-cancelled job in slices, not an `Action`: a new file or kind must stop the
// old pass at its next slice, which an action cannot be told to do.
impl Bulk {
    /// Validates every row in slices of about [`SLICE_MS`], yielding to the page between.
    pub(super) fn validate_all(&self) {
        let generation = self.check.generation.get_value() + 1;
        self.check.generation.set_value(generation);
        self.check.outcomes.set(Vec::new());
        let this = *self;
        let kind = self.kind.current.get_untracked();
        let context = self.check.context.get_untracked();
        leptos::task::spawn_local(async move {
            let total = this.file.rows.with_untracked(Vec::len);
            let mut next = 0;
            while next < total {
                if this.check.generation.get_value() != generation {
                    return;
                }
                let started = transport::now_ms();
                let mut slice = Vec::new();
                // Fingerprints already made (the kind changed, not the file) are kept.
                let have = this.check.fingerprints.with_value(Vec::len);
                let mut fps = Vec::new();
                let mut numbers = Vec::new();
                this.file.text.with_value(|text| {
                    this.file.rows.with_untracked(|rows| {
                        while next < total
                            && (slice.is_empty() || transport::now_ms() - started < SLICE_MS)
                        {
                            let r = &rows[next];
                            let payload = text.get(r.start..r.end).unwrap_or_default();
                            // Parsed once for both the outcome and the order number.
                            let (outcome, number) = match parse(payload) {
                                Ok(doc) => (
                                    validate_document(kind, &doc, context.as_ref()),
                                    number_of(doc.value()),
                                ),
                                Err(_) => (
                                    outcome_for_text(kind, payload, context.as_ref(), r.line).0,
                                    None,
                                ),
                            };
                            slice.push(outcome);
                            if next >= have {
                                fps.push(PayloadId::of(payload));
                                numbers.push(number);
                            }
                            next += 1;
                        }
                    })
                });
                this.check.fingerprints.update_value(|f| f.extend(fps));
                this.check.numbers.update_value(|n| n.extend(numbers));
                this.check.outcomes.update(|o| o.extend(slice));
                yield_now().await;
            }
            if this.check.generation.get_value() == generation {
                // Every payload has its identity now: recorded deliveries and repeats show.
                this.reset_fates();
            }
        });
    }

    /// Loads the Veeqo account's channels and the channel sellables of `products`, then
    /// checks every payload again with them (the order's channel, each line's link).
    pub fn load_context(&self, app: AppState, products: Vec<String>) {
        if self.send.phase.get_untracked() != Phase::Idle {
            return;
        }
        self.check
            .context_note
            .set(Some("Loading the account context…".into()));
        let this = *self;
        leptos::task::spawn_local(async move {
            match account::context(&app, &products, None).await {
                Ok(ctx) => {
                    this.check.context_note.set(Some(format!(
                        "{}. Every payload was checked again with it.",
                        account::describe(&ctx, &products)
                    )));
                    this.check.context.set(Some(ctx));
                    if this.send.phase.get_untracked() == Phase::Idle {
                        this.validate_all();
                    }
                }
                Err(e) => this
                    .check
                    .context_note
                    .set(Some(format!("Could not load the account context: {e}"))),
            }
        });
    }
}

/// The order number a payload carries, whatever the kind it is checked as: Veeqo's
/// `order.number`, FeedAMP's `mp_order_number` (orders and returns). For the search.
fn number_of(v: &Value) -> Option<String> {
    let n = match v.get("order") {
        Some(order) => order.get("number"),
        None => v.get("mp_order_number"),
    };
    n.and_then(Value::as_str).map(str::to_string)
}

/// Gives the browser a turn (input, rendering) between slices: `scheduler.yield()` where
/// the browser has it, else a timer (which browsers clamp to 4 ms once timers nest).
async fn yield_now() {
    use wasm_bindgen::JsCast;
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into())
        .ok()
        .filter(|s| s.is_object());
    let yielded = scheduler.and_then(|s| {
        let f: js_sys::Function = js_sys::Reflect::get(&s, &"yield".into())
            .ok()?
            .dyn_into()
            .ok()?;
        f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match yielded {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => TimeoutFuture::new(0).await,
    }
}
