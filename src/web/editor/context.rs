//! The account context a step's cross-entity rules read: loaded by an Action, whose
//! answer is the context to check with and the note that says what it holds.

use leptos::prelude::*;
use std::collections::BTreeMap;

use super::Step;
use crate::api::{Api, ApiError};
use crate::rules::{Context, Kind};
use crate::web::account;
use crate::web::state::AppState;
use crate::web::transport;
use web_sys::AbortSignal;

/// The ids carried when a load is asked, and the context it had then.
type Ask = (BTreeMap<String, String>, Option<Context>);
/// The context to check with after a load, and what the load said.
type Loaded = (Option<Context>, String);

#[derive(Clone, Copy)]
pub(super) struct AccountContext {
    action: Action<Ask, Loaded>,
    pub(super) loading: Memo<bool>,
}

impl AccountContext {
    pub(super) fn new(step: Step, app: AppState) -> Self {
        let signal = transport::page_signal();
        let action = Action::new_local(move |(vars, before): &Ask| {
            let (vars, before, cancel) = (vars.clone(), before.clone(), signal.get_value());
            async move {
                match load(app, step, &vars, cancel).await {
                    Ok(loaded) => loaded,
                    // A load that fails leaves the context there was.
                    Err(e) => (before, format!("Could not load the account context: {e}")),
                }
            }
        });
        let loading = action.pending();
        AccountContext { action, loading }
    }

    /// Reads the context loaded, tracked.
    pub(super) fn with<R>(&self, f: impl FnOnce(Option<&Context>) -> R) -> R {
        self.action
            .value()
            .with(|v| f(v.as_ref().and_then(|(c, _)| c.as_ref())))
    }

    /// What the last load said, or that one is under way (tracked).
    pub(super) fn note(&self) -> Option<String> {
        if self.loading.get() {
            return Some("Loading the account context…".into());
        }
        self.action
            .value()
            .with(|v| v.as_ref().map(|(_, note)| note.clone()))
    }

    /// Loads it for the ids carried now, unless a load is under way.
    pub(super) fn load(&self, app: AppState) {
        if !self.loading.get_untracked() {
            let before = untrack(|| self.with(|c| c.cloned()));
            self.action.dispatch((app.vars.get_untracked(), before));
        }
    }
}

/// The context for a step of `api`, from the ids carried, and the note that says what it
/// holds.
async fn load(
    app: AppState,
    step: Step,
    vars: &BTreeMap<String, String>,
    cancel: Option<AbortSignal>,
) -> Result<Loaded, ApiError> {
    match step.api {
        Api::Veeqo => {
            let products: Vec<String> = vars.get("product_id").cloned().into_iter().collect();
            let mut ctx = account::context(&app, &products, cancel.clone()).await?;
            let mut note = account::describe(&ctx, &products);
            match step.kind {
                // A rates request is checked against the order it ships.
                Kind::VeeqoRatesRequest => {
                    if let Some(id) = vars.get("order_id") {
                        ctx.veeqo_order = Some(account::veeqo_order(&app, id, cancel).await?);
                        note.push_str(&format!(", and order {id}"));
                    }
                }
                // An update is checked against the listing its path names.
                Kind::VeeqoChannelSellableUpdate => {
                    ctx.path_id = vars.get("channel_sellable_id").cloned();
                }
                _ => {}
            }
            Ok((Some(ctx), note))
        }
        Api::Feedamp => {
            let n = vars.get("mp_order_number").cloned().unwrap_or_default();
            let ctx = account::feedamp_context(&app, &n, cancel).await?;
            let note = if ctx.new_order {
                format!("Order {n} is not placed yet: it will be new.")
            } else {
                format!("Loaded order {n} as FeedAMP has it.")
            };
            Ok((Some(ctx), note))
        }
    }
}
