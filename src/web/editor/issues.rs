//! The issue list beside a payload: each issue at its pointer, opening onto its registry
//! entry; click, Enter or Space takes the user to its value.

use crate::rules::locate::{line_col_offset, locate, utf16_offset};
use crate::rules::{Issue, Outcome, ParseError, Severity};
use crate::web::code_editor::CodeEditor;
use crate::web::notice::plural;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where an issue row takes the user.
#[derive(Clone)]
pub enum Location {
    Pointer(String),
    LineCol(usize, usize),
    /// The ids the request's path takes from outside the payload (the step's own boxes).
    Path,
}

impl Location {
    /// Its byte range in `text`.
    pub(super) fn span(&self, text: &str) -> Option<(usize, usize)> {
        match self {
            Location::Pointer(p) => locate(text, p),
            Location::LineCol(l, c) => {
                let o = line_col_offset(text, *l, *c);
                Some((o, o))
            }
            Location::Path => None,
        }
    }
}

/// The payload editor's line height (13 px × 1.4, see style.css), for scrolling to a line.
const LINE_HEIGHT_PX: i32 = 18;

/// Selects bytes `s..e` of `text` in a plain text area and scrolls them into view.
fn select_in(ta: &web_sys::HtmlTextAreaElement, text: &str, s: usize, e: usize) {
    let _ = ta.focus();
    let _ = ta.set_selection_range(utf16_offset(text, s) as u32, utf16_offset(text, e) as u32);
    let line = text[..s].matches('\n').count() as i32;
    ta.set_scroll_top((line - 3).max(0) * LINE_HEIGHT_PX);
}

/// Where an issue row of a plain text area takes the user (the filters of a list).
pub(crate) fn pick_in_textarea(
    textarea: NodeRef<leptos::html::Textarea>,
    text: RwSignal<String>,
) -> Callback<Location> {
    Callback::new(move |at: Location| {
        let t = text.get_untracked();
        if let (Some(ta), Some((s, e))) = (textarea.get_untracked(), at.span(&t)) {
            select_in(&ta, &t, s, e);
        }
    })
}

/// Where an issue row of a step's editor takes the user: its value selected in the code
/// editor (the text area until that arrives) and brought into view; from an id the path
/// lacks, to the first of the step's path boxes.
pub(super) fn pick_in_editor(
    text: RwSignal<String>,
    code: RwSignal<Option<CodeEditor>, LocalStorage>,
    textarea: NodeRef<leptos::html::Textarea>,
    path_boxes: NodeRef<leptos::html::Div>,
) -> Callback<Location> {
    Callback::new(move |at: Location| {
        if let Location::Path = at {
            let input = path_boxes
                .get_untracked()
                .and_then(|d| d.query_selector("input").ok().flatten())
                .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(input) = input {
                let _ = input.focus();
            }
            return;
        }
        // The text as last typed, though the code editor has not reported it yet.
        code.with_untracked(|c| c.as_ref().map(CodeEditor::flush));
        let t = text.get_untracked();
        let Some((s, e)) = at.span(&t) else {
            return;
        };
        let (from, to) = (utf16_offset(&t, s), utf16_offset(&t, e));
        if code.with_untracked(|c| c.as_ref().map(|c| c.select(from, to)).is_some()) {
            return;
        }
        if let Some(ta) = textarea.get_untracked() {
            select_in(&ta, &t, s, e);
        }
    })
}

/// Click, Enter or Space on a row calls `pick`. The key's own action is cancelled: `pick`
/// moves focus to the payload with the value selected, and an Enter left to run would
/// then replace that value with a newline.
fn row_handlers(
    pick: Callback<Location>,
    at: Location,
) -> (
    impl Fn(leptos::ev::MouseEvent) + 'static,
    impl Fn(leptos::ev::KeyboardEvent) + 'static,
) {
    let at2 = at.clone();
    (
        move |_| pick.run(at.clone()),
        move |ev: leptos::ev::KeyboardEvent| {
            if matches!(ev.key().as_str(), "Enter" | " ") {
                ev.prevent_default();
                pick.run(at2.clone())
            }
        },
    )
}

/// What the list's fix buttons ask: one issue's fix (by its index), or every safe one.
#[derive(Clone, Copy)]
pub(crate) enum FixAsk {
    One(usize),
    AllSafe,
}

/// The order the list shows `issues` in, as indices: errors before warnings, each in the
/// order their values stand in `text` (a pointer not found there keeps the rules' order,
/// after those found). The report truncated stays last: it speaks of the issues above it.
fn shown_order(text: &str, issues: &[Issue]) -> Vec<usize> {
    let mut keys: Vec<(bool, u8, usize, usize)> = issues
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let severity = match i.severity {
                Severity::Error => 0,
                Severity::Warning => 1,
            };
            let at = locate(text, &i.pointer).map_or(usize::MAX, |(s, _)| s);
            (i.code == "report.truncated", severity, at, n)
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(.., n)| n).collect()
}

#[component]
pub(crate) fn IssueList(
    outcome: Memo<Result<Outcome, ParseError>>,
    /// The text checked: the list follows its document order.
    #[prop(into)]
    text: Signal<String>,
    pick: Callback<Location>,
    /// Where fixes are applied; without it, no fix is offered.
    #[prop(optional)]
    fix: Option<Callback<FixAsk>>,
    /// Why the request would not be sent whatever the payload (an id its path needs is
    /// empty): listed first, as an error, so the list never says "No issues" over it.
    #[prop(optional, into)]
    not_sent: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <div class="issues" data-testid="issues" aria-live="polite">
            {move || {
                outcome
                    .with(|o| match o {
                        Err(e) => {
                            let (click, key) = row_handlers(
                                pick,
                                Location::LineCol(e.line, e.column),
                            );
                            view! {
                                <p class="summary bad">"Not JSON"</p>
                                <ul>
                                    <li
                                        class="issue error"
                                        data-testid="issue"
                                        data-pointer=""
                                        data-severity="error"
                                        data-code="json.syntax"
                                        tabindex="0"
                                        title="Show in the payload"
                                        on:click=click
                                        on:keydown=key
                                    >
                                        <span class="sev">"error"</span>
                                        <code class="ptr">
                                            {format!("line {}, column {}", e.line, e.column)}
                                        </code>
                                        <span class="msg">{e.message.clone()}</span>
                                    </li>
                                </ul>
                            }
                                .into_any()
                        }
                        Ok(o) => {
                            let not_sent = not_sent.get();
                            let (errors, warnings) = o.counts();
                            let errors = errors + usize::from(not_sent.is_some());
                            let summary = if errors + warnings == 0 {
                                "No issues".to_string()
                            } else {
                                format!(
                                    "{errors} error{} · {warnings} warning{}",
                                    plural(errors),
                                    plural(warnings),
                                )
                            };
                            let summary_class = if errors > 0 {
                                "summary bad"
                            } else {
                                "summary ok"
                            };
                            let safe = o
                                .issues
                                .iter()
                                .filter(|i| i.fix.as_ref().is_some_and(|f| f.safe))
                                .count();
                            let fix_all = fix
                                .filter(|_| safe > 0)
                                .map(|f| {
                                    view! {
                                        <button
                                            class="ghost"
                                            data-testid="fix-all"
                                            on:click=move |_| f.run(FixAsk::AllSafe)
                                        >
                                            {format!("Fix all safe ({safe})")}
                                        </button>
                                    }
                                });
                            let order = text.with_untracked(|t| shown_order(t, &o.issues));
                            let rows = order
                                .into_iter()
                                .map(|n| {
                                    let i = &o.issues[n];
                                    let fix_one = fix
                                        .zip(i.fix.as_ref())
                                        .map(|(f, x)| {
                                            let label = if x.safe { "Fix" } else { "Apply suggestion" };
                                            // Where the values stand moves only with the verdict's text: read, not tracked.
                                            view! {
                                                <button
                                                    class="ghost fix"
                                                    data-testid="fix"
                                                    title=x.title.clone()
                                                    aria-label=format!("{label}: {}", x.title)
                                                    on:click=move |ev: leptos::ev::MouseEvent| {
                                                        ev.stop_propagation();
                                                        f.run(FixAsk::One(n))
                                                    }
                                                    on:keydown=|ev: leptos::ev::KeyboardEvent| {
                                                        ev.stop_propagation()
                                                    }
                                                >
                                                    {label}
                                                </button>
                                            }
                                        });
                                    let sev = i.severity.as_str();
                                    let at = if i.pointer.is_empty() {
                                        "(document)".to_string()
                                    } else {
                                        i.pointer.clone()
                                    };
                                    let (click, key) = row_handlers(
                                        pick,
                                        Location::Pointer(i.pointer.clone()),
                                    );
                                    view! {
                                        <li
                                            class=format!("issue {sev}")
                                            data-testid="issue"
                                            data-pointer=i.pointer.clone()
                                            data-severity=sev
                                            data-code=i.code.clone()
                                            tabindex="0"
                                            title="Show in the payload"
                                            on:click=click
                                            on:keydown=key
                                        >
                                            <span class="sev">{sev}</span>
                                            <code class="ptr">{breakable(&at, '/')}</code>
                                            <span class="msg">{i.message.clone()}</span>
                                            {fix_one}
                                            <Explain code=i.code.clone() />
                                        </li>
                                    }
                                })
                                .collect_view();
                            let path_row = not_sent
                                .map(|why| {
                                    let (click, key) = row_handlers(pick, Location::Path);
                                    view! {
                                        <li
                                            class="issue error"
                                            data-testid="path-issue"
                                            data-severity="error"
                                            tabindex="0"
                                            title="Fill it in above"
                                            on:click=click
                                            on:keydown=key
                                        >
                                            <span class="sev">"error"</span>
                                            <code class="ptr">"(path)"</code>
                                            <span class="msg">{why}</span>
                                        </li>
                                    }
                                });
                            view! {
                                <p class=summary_class data-testid="issue-summary">
                                    {summary}
                                    {fix_all}
                                </p>
                                <ul>{path_row}{rows}</ul>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
    }
}

/// The code of an issue, opening onto its registry entry: what it means, where the rule
/// comes from, and an example with its fix. Clicks and keys stay inside, so opening it
/// does not jump to the payload.
#[component]
fn Explain(code: String) -> impl IntoView {
    let entry = crate::rules::codes::lookup(&code);
    let stop = |ev: leptos::ev::MouseEvent| ev.stop_propagation();
    let stop_key = |ev: leptos::ev::KeyboardEvent| ev.stop_propagation();
    view! {
        <details class="explain" data-testid="explain" on:click=stop on:keydown=stop_key>
            <summary title="What this code means">
                <code class="code">{breakable(&code, '.')}</code>
            </summary>
            {entry
                .map(|e| {
                    view! {
                        <p class="why">{e.summary}</p>
                        {e
                            .example
                            .zip(e.fix)
                            .map(|(x, f)| {
                                view! {
                                    <p class="fix">
                                        "Example: " <code>{x}</code> " → " <code>{f}</code>
                                    </p>
                                }
                            })}
                        <p class="src">"Source: " {e.source}</p>
                    }
                })}
        </details>
    }
}

/// A pointer (or a code) that may wrap after each `sep`, so a deep one stays in its column
/// (style.css) instead of breaking mid-name or squeezing the message.
fn breakable(text: &str, sep: char) -> impl IntoView {
    text.split_inclusive(sep)
        .map(|part| {
            view! {
                {part.to_string()}
                <wbr />
            }
        })
        .collect_view()
}
