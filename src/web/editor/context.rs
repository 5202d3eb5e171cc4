//! The account context a step's cross-entity rules read: loaded by an Action, whose
//! answer is the context and the note that says what it holds.

use leptos::prelude::*;
use std::collections::BTreeMap;

use super::Step;
use crate::api::{Api, ApiError};
use crate::rules::Context;
use crate::web::account;
use crate::web::state::AppState;
use crate::web::transport;

#[derive(Clone, Copy)]
pub(super) struct AccountContext {
    load: Action<BTreeMap<String, String>, Result<(Context, String), ApiError>>,
    /// The context last loaded; a load that fails leaves it.
    pub(super) context: Memo<Option<Context>>,
    /// What the last load said, or that one is under way.
    pub(super) note: Signal<String>,
    pub(super) loading: Signal<bool>,
}

impl AccountContext {
    pub(super) fn new(step: Step, app: AppState) -> Self {
        let signal = transport::page_signal();
        let load = Action::new_local(move |vars: &BTreeMap<String, String>| {
            let vars = vars.clone();
            let cancel = signal.get_value();
            async move {
                match step.api {
                    Api::Veeqo => {
                        let products: Vec<String> =
                            vars.get("product_id").cloned().into_iter().collect();
                        let ctx = account::context(&app, &products, cancel).await?;
                        let note = account::describe(&ctx, &products);
                        Ok((ctx, note))
                    }
                    Api::Feedamp => {
                        let n = vars.get("mp_order_number").cloned().unwrap_or_default();
                        let ctx = account::feedamp_context(&app, &n, cancel).await?;
                        let note = if ctx.new_order {
                            format!("Order {n} is not placed yet: it will be new.")
                        } else {
                            format!("Loaded order {n} as FeedAMP has it.")
                        };
                        Ok((ctx, note))
                    }
                }
            }
        });
        let context = Memo::new(move |last: Option<&Option<Context>>| {
            load.value().with(|v| match v {
                Some(Ok((ctx, _))) => Some(ctx.clone()),
                _ => last.cloned().flatten(),
            })
        });
        let loading = load.pending();
        let note = Signal::derive(move || {
            if loading.get() {
                return "Loading the account context…".to_string();
            }
            load.value().with(|v| match v {
                Some(Ok((_, note))) => note.clone(),
                Some(Err(e)) => format!("Could not load the account context: {e}"),
                None => String::new(),
            })
        });
        AccountContext {
            load,
            context,
            note,
            loading: loading.into(),
        }
    }

    /// Loads it for the ids carried now, unless a load is under way.
    pub(super) fn load(&self, app: AppState) {
        if !self.loading.get_untracked() {
            self.load.dispatch(app.vars.get_untracked());
        }
    }
}
