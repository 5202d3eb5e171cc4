//! The payload pane: the text (a draft kept in storage), the code editor that takes the
//! text area's place once it arrives, the fix note and the issue list.

use leptos::prelude::*;

use super::context::AccountContext;
use super::issues::{self, IssueList};
use super::{fixes, Step};
use crate::rules::spans::spans;
use crate::rules::{Outcome, ParseError};
use crate::web::code_editor::CodeEditor;
use crate::web::storage;

pub(super) type Code = RwSignal<Option<CodeEditor>, LocalStorage>;

/// The code editor reports edits after drawing them: whatever reads the text to act on it
/// takes the last one first.
pub(super) fn flush(code: Code) {
    code.with_untracked(|c| c.as_ref().map(CodeEditor::flush));
}

/// The code editor's part in the page: it arrives after the page is usable and takes the
/// text area's place; the text and the marks are passed across as they change.
fn wire_code_editor(
    step: Step,
    text: RwSignal<String>,
    code: Code,
    textarea: NodeRef<leptos::html::Textarea>,
    outcome: Memo<Result<Outcome, ParseError>>,
) {
    Effect::new(move |_| {
        let Some(ta) = textarea.get() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let editor = CodeEditor::upgrade(
                ta,
                move || text.try_get_untracked().unwrap_or_default(),
                move |t| {
                    text.try_set(t);
                },
            )
            .await;
            // Gone meanwhile: the value comes back and is dropped, giving the text area back.
            let _ = code.try_set(editor);
        });
    });
    // Left within a frame of a key press: take the edit the editor has not reported, and
    // keep it as the draft, whose Effect runs no more.
    on_cleanup(move || {
        code.try_with_untracked(|c| c.as_ref().map(CodeEditor::flush));
        if let Some(t) = text.try_get_untracked() {
            storage::set(&storage::draft_key(step.id), &t);
        }
        code.try_update(Option::take);
    });
    // What the page changes (a sample, filled ids) is shown; the editor's own edits are
    // already there, and set_text knows it.
    Effect::new(move |_| text.with(|t| code.with(|c| c.as_ref().map(|c| c.set_text(t)))));
    // Each issue marked at its value in the code editor, with its message on hover. Only
    // when the verdict changes: the editor moves the marks along with each edit itself,
    // so a key press that changes no verdict costs no second editor update.
    Effect::new(move |_| {
        outcome.with(|o| {
            code.with(|c| {
                if let Some(c) = c {
                    c.set_spans(&text.with_untracked(|t| spans(t, o)));
                }
            })
        })
    });
}

pub(super) fn payload_pane(
    step: Step,
    text: RwSignal<String>,
    code: Code,
    // The step's path boxes, where an issue with a path id takes the user.
    path_boxes: NodeRef<leptos::html::Div>,
    outcome: Memo<Result<Outcome, ParseError>>,
    context: AccountContext,
    // Why the request would not be sent whatever the payload.
    not_sent: Signal<Option<String>>,
) -> impl IntoView {
    let textarea: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let pick = issues::pick_in_editor(text, code, textarea, path_boxes);
    let draft_key = storage::draft_key(step.id);
    Effect::new(move |_| text.with(|t| storage::set(&draft_key, t)));
    wire_code_editor(step, text, code, textarea, outcome);
    let (fix, fix_note) = fixes::fixing(step.kind, text, context, move || flush(code));
    let id = format!("payload-{}", step.id);
    view! {
        <div class="pane">
            <label class="label" for=id.clone()>
                "Payload"
            </label>
            <textarea
                id=id
                data-testid="payload"
                spellcheck="false"
                node_ref=textarea
                // Once the code editor holds the text, the hidden text area stops
                // following it: a 44 KB value set on every key press costs ~3 ms.
                prop:value=move || {
                    if code.with(Option::is_some) { text.get_untracked() } else { text.get() }
                }
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
            {fix_note}
            <IssueList outcome=outcome text=text pick=pick fix=fix not_sent=not_sent />
        </div>
    }
}
