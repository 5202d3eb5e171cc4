//! The file's kind, told from its first rows by the rule engine's `detect`: a FeedAMP file
//! checked under the default `veeqo.order` is an error on every row, and says nothing of
//! why. A kind nobody chose follows the file; a chosen one stays, and the page offers the
//! kind the rows are, one click away.

use leptos::prelude::*;

use super::{Bulk, Phase};
use crate::rules::{detect, parse, Kind};

/// Rows read to tell the kind: enough to see past a broken row or two, few enough that a
/// file of 100 000 is told at once.
const SAMPLE: usize = 20;

/// What the first rows say the file is.
#[derive(Clone, Debug, PartialEq)]
pub struct FileKind {
    pub kind: Kind,
    /// `detect`'s reason, for row `row` (1-based): the first row it told.
    why: String,
    row: usize,
    /// How many of the rows read are JSON, and how many of those are this kind.
    read: usize,
    agree: usize,
}

impl FileKind {
    fn evidence(&self) -> String {
        format!(
            "{} of the first {} rows are; row {}: {}",
            self.agree,
            self.read,
            self.row,
            self.why.trim_end_matches('.')
        )
    }
}

/// The kind the file's first rows plainly are: more than half of those that are JSON are
/// told as one kind, and none as another. `None` when they are mixed or told as none.
pub fn file_kind<'a>(payloads: impl IntoIterator<Item = &'a str>) -> Option<FileKind> {
    let mut told: Option<FileKind> = None;
    let mut read = 0;
    for (i, text) in payloads.into_iter().take(SAMPLE).enumerate() {
        let Ok(v) = parse(text) else { continue };
        read += 1;
        let d = detect(&v);
        match (d.kind, told.as_mut()) {
            (None, _) => {}
            (Some(kind), None) => {
                told = Some(FileKind {
                    kind,
                    why: d.why,
                    row: i + 1,
                    read: 0,
                    agree: 1,
                })
            }
            (Some(kind), Some(t)) if t.kind == kind => t.agree += 1,
            // Rows of two kinds: the file is not plainly either.
            (Some(_), Some(_)) => return None,
        }
    }
    let mut told = told?;
    told.read = read;
    (told.agree * 2 > read).then_some(told)
}

impl Bulk {
    /// A kind the user chose (the select, or "Check as"): the files loaded after keep it.
    pub fn choose_kind(&self, kind: Kind) {
        if self.phase.get_untracked() != Phase::Idle {
            return;
        }
        self.kind_chosen.set(true);
        self.kind_switched.set(false);
        self.set_kind(kind);
    }

    /// On a file loaded by the user: its kind, if its rows plainly have one and no kind was
    /// chosen (the default `veeqo.order` is nobody's choice). Says whether it switched.
    pub(super) fn follow_file(&self, told: Option<&FileKind>) -> bool {
        let Some(told) = told.filter(|t| t.kind != self.kind.get_untracked()) else {
            return false;
        };
        if self.kind_chosen.get_untracked() {
            return false;
        }
        self.kind.set(told.kind);
        true
    }
}

/// Above the table: the kind the page chose from the rows, or the kind the rows are when
/// another was chosen, with the one click that checks them as that.
#[component]
pub(super) fn KindNote(bulk: Bulk) -> impl IntoView {
    move || {
        let told = bulk.detected.get()?;
        let kind = bulk.kind.get();
        if told.kind != kind {
            let to = told.kind;
            return Some(
                view! {
                    <div class="warn-note toolbar" data-testid="bulk-kind-mismatch" data-kind=to.name()>
                        <span>{format!("These rows are {to}, not {kind} ({}): checked as {kind}, each is an error.", told.evidence())}</span>
                        <button class="primary" data-testid="bulk-kind-switch"
                            disabled=move || bulk.phase.get() != Phase::Idle
                            on:click=move |_| bulk.choose_kind(to)>{format!("Check as {to}")}</button>
                    </div>
                }
                .into_any(),
            );
        }
        bulk.kind_switched.get().then(|| {
            view! {
                <p class="note" data-testid="bulk-kind-switched">
                    {format!("Checked as {kind}, the kind its rows are ({}): no kind had been chosen. Choose another above to check them as that.", told.evidence())}
                </p>
            }
            .into_any()
        })
    }
}
