//! What a payload starts from: the step's samples, the ids earlier steps carried (filled
//! into its placeholders as they arrive), Amazon's own ids as examples in the sandbox, and
//! the account context.

use leptos::prelude::*;

use super::context::AccountContext;
use super::payload::{flush, Code};
use super::send::confirm;
use super::Step;
use crate::samples::fill;
use crate::web::state::{use_app, AppState, Target};
use std::collections::BTreeMap;

/// Example Amazon ids for trying the flow out; real ones come from Amazon.
const EXAMPLE_AMAZON_IDS: &[(&str, &str)] = &[
    ("ASIN", "B0EXAMPLE1"),
    ("amazon_order_number", "112-1234567-1234567"),
    ("amazon_line_item_id", "12345678901234"),
];

/// Ids from earlier steps fill the payload's placeholders as soon as they exist. In the
/// sandbox, Amazon's own ids (which no step returns) are filled with examples, and the
/// page says so (the signal returned); in Live they stay placeholders, so errors, until the
/// real ones are in. An Effect: the text is the user's too, so it is changed, not derived.
pub(super) fn fill_carried_ids(
    step: Step,
    app: AppState,
    text: RwSignal<String>,
) -> RwSignal<bool> {
    let examples_used = RwSignal::new(false);
    Effect::new(move |_| {
        let vars = app.vars.get();
        let sandbox = app.settings.with(|s| s.target == Target::Sandbox);
        let current = text.get_untracked();
        let mut filled = fill(&current, &vars);
        if sandbox && step.uses_amazon_ids {
            let examples: BTreeMap<String, String> = EXAMPLE_AMAZON_IDS
                .iter()
                .filter(|(k, _)| !vars.contains_key(*k))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let with_examples = fill(&filled, &examples);
            if with_examples != filled {
                examples_used.set(true);
                filled = with_examples;
            }
        }
        if filled != current {
            text.set(filled);
        }
    });
    examples_used
}

/// A sample's button: it replaces the payload, asking first when that would lose edits.
fn sample_button(
    step: Step,
    label: &'static str,
    template: &'static str,
    text: RwSignal<String>,
    code: Code,
) -> impl IntoView {
    let app = use_app();
    let filled = move |t: &str| app.vars.with_untracked(|v| fill(t, v));
    let start = move |_| {
        flush(code);
        let sample = filled(template);
        // Edits are work: replacing them is asked, not assumed.
        let edited = text.with_untracked(|t| {
            t.trim() != sample.trim()
                && !step
                    .samples
                    .iter()
                    .any(|(_, s)| t.trim() == filled(s).trim())
        });
        if !edited || confirm(&format!("Replace your edits with the {label}?")) {
            text.set(sample);
        }
    };
    view! {
        <button class="ghost" data-testid="reset-sample" on:click=start>
            {format!("Start from: {label}")}
        </button>
    }
}

/// The bar under the step's heading, and what it has to say.
pub(super) fn start_bar(
    step: Step,
    text: RwSignal<String>,
    code: Code,
    context: AccountContext,
    examples_used: RwSignal<bool>,
) -> impl IntoView {
    let app = use_app();
    let use_examples = move |_| {
        app.vars.update(|v| {
            for (k, val) in EXAMPLE_AMAZON_IDS {
                v.entry(k.to_string()).or_insert_with(|| val.to_string());
            }
        })
    };
    // Busy buttons are aria-disabled, not disabled, which would drop a keyboard user's focus.
    let loading = context.loading;
    let samples = step
        .samples
        .iter()
        .map(|&(label, template)| sample_button(step, label, template, text, code));
    view! {
        <div class="toolbar">
            {samples.collect_view()}
            {step
                .uses_amazon_ids
                .then(|| {
                    view! {
                        <button class="ghost" data-testid="example-ids" on:click=use_examples>
                            "Use example Amazon ids"
                        </button>
                    }
                })}
            {step
                .uses_context
                .then(|| {
                    view! {
                        <button
                            class="ghost"
                            data-testid="load-context"
                            aria-disabled=move || loading.get().to_string()
                            on:click=move |_| context.load(app)
                        >
                            "Load account context"
                        </button>
                    }
                })}
        </div>
        {move || {
            context
                .note()
                .map(|n| {
                    view! {
                        <p class="note" data-testid="context-note">
                            {n}
                        </p>
                    }
                })
        }}
        {move || {
            examples_used
                .get()
                .then(|| {
                    view! {
                        <p class="note" data-testid="example-ids-note">
                            "Sandbox: Amazon's own ids are filled with examples (ASIN B0EXAMPLE1, order 112-1234567-1234567, line item \
                            12345678901234). In Live, use the order's real ones."
                        </p>
                    }
                })
        }}
    }
}
