//! The file's kind in the page (told by `crate::bulk::kind`): a kind nobody chose follows
//! the file; a chosen one stays, and the page offers the kind the rows are, one click away.

use leptos::prelude::*;

use super::{Bulk, Phase};
use crate::bulk::kind::FileKind;
use crate::rules::Kind;

impl Bulk {
    /// A kind the user chose (the select, or "Check as"): the files loaded after keep it.
    pub fn choose_kind(&self, kind: Kind) {
        if self.send.phase.get_untracked() != Phase::Idle {
            return;
        }
        self.kind.chosen.set(true);
        self.kind.switched.set(false);
        self.set_kind(kind);
    }

    /// On a file loaded by the user: its kind, if its rows plainly have one and no kind was
    /// chosen (the default `veeqo.order` is nobody's choice). Says whether it switched.
    pub(super) fn follow_file(&self, told: Option<&FileKind>) -> bool {
        let Some(told) = told.filter(|t| t.kind != self.kind.current.get_untracked()) else {
            return false;
        };
        if self.kind.chosen.get_untracked() {
            return false;
        }
        self.kind.current.set(told.kind);
        true
    }
}

/// Above the table: the kind the page chose from the rows, or the kind the rows are when
/// another was chosen, with the one click that checks them as that.
#[component]
pub(super) fn KindNote(bulk: Bulk) -> impl IntoView {
    move || {
        let told = bulk.kind.detected.get()?;
        let kind = bulk.kind.current.get();
        if told.kind != kind {
            let to = told.kind;
            return Some(
                view! {
                    <div
                        class="warn-note toolbar"
                        data-testid="bulk-kind-mismatch"
                        data-kind=to.name()
                    >
                        <span>
                            {format!(
                                "These rows are {to}, not {kind} ({}): checked as {kind}, each is an error.",
                                told.evidence(),
                            )}
                        </span>
                        <button
                            class="primary"
                            data-testid="bulk-kind-switch"
                            disabled=move || bulk.send.phase.get() != Phase::Idle
                            on:click=move |_| bulk.choose_kind(to)
                        >
                            {format!("Check as {to}")}
                        </button>
                    </div>
                }
                .into_any(),
            );
        }
        bulk.kind.switched.get().then(|| {
            view! {
                <p class="note" data-testid="bulk-kind-switched">
                    {format!(
                        "Checked as {kind}, the kind its rows are ({}): no kind had been chosen. Choose \
                        another above to check them as that.",
                        told.evidence(),
                    )}
                </p>
            }
            .into_any()
        })
    }
}
