//! Fixing from the issue list: one issue's fix, or every safe one, applied to the payload's
//! text, changing only the values they are about; the text before the last fix can be
//! brought back (the code editor's own undo works too).

use leptos::prelude::*;

use super::context::AccountContext;
use super::issues::FixAsk;
use crate::rules::fix::{apply, fix_all};
use crate::rules::{validate_text, Context, Kind};
use crate::web::notice::plural;

/// The list's fix callback, and the note that says what a fix did, with its Undo.
pub(super) fn fixing(
    kind: Kind,
    text: RwSignal<String>,
    context: AccountContext,
    flush: impl Fn() + Copy + Send + Sync + 'static,
) -> (Callback<FixAsk>, impl IntoView) {
    let before: RwSignal<Option<String>> = RwSignal::new(None);
    let note = RwSignal::new(String::new());
    let fix = Callback::new(move |ask: FixAsk| {
        flush();
        let start = text.get_untracked();
        let (now, n) = untrack(|| context.with(|c| fixed(kind, &start, c, ask)));
        if n > 0 {
            before.set(Some(start));
            text.set(now);
            note.set(format!("Fixed {n} issue{}.", plural(n)));
        }
    });
    let undo = move |_| {
        if let Some(t) = before.get_untracked() {
            text.set(t);
            before.set(None);
            note.set("The fix is undone.".into());
        }
    };
    let view = move || {
        (!note.get().is_empty()).then(|| {
            view! {
                <p class="note" role="status" data-testid="fix-note">
                    {note.get()}
                    {move || {
                        before
                            .with(Option::is_some)
                            .then(|| {
                                view! {
                                    " "
                                    <button class="ghost" data-testid="undo-fix" on:click=undo>
                                        "Undo"
                                    </button>
                                }
                            })
                    }}
                </p>
            }
        })
    };
    (fix, view)
}

/// `text` with one issue's fix (the user's choice, even a suggestion) or every safe one
/// applied; and how many were applied.
fn fixed(kind: Kind, text: &str, ctx: Option<&Context>, ask: FixAsk) -> (String, usize) {
    let check = |t: &str| {
        validate_text(kind, t, ctx)
            .map(|o| o.issues)
            .unwrap_or_default()
    };
    let done = match ask {
        FixAsk::One(n) => {
            let issues: Vec<_> = check(text).into_iter().skip(n).take(1).collect();
            apply(text, &issues, true)
        }
        FixAsk::AllSafe => fix_all(text, check, false),
    };
    (done.text, done.applied.len())
}
