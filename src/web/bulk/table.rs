//! The table of rows: each payload's issues and fate, filtered, searched and paged.

use leptos::prelude::*;

use super::{Bulk, RowFate};
use crate::rules::{Issue, Outcome, Severity};

/// Table rows a page.
const PAGE: usize = 50;
/// Issues shown in a row; the rest are counted.
const FIRST_ISSUES: usize = 3;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Filter {
    All,
    Errors,
    WarningsOnly,
    Valid,
    Sent,
    Failed,
    Unknown,
    Found,
    NotSent,
}

const FILTERS: [(Filter, &str, &str); 9] = [
    (Filter::All, "all", "All payloads"),
    (Filter::Errors, "errors", "With errors"),
    (Filter::WarningsOnly, "warnings", "Warnings only"),
    (Filter::Valid, "valid", "Valid"),
    (Filter::Sent, "sent", "Sent"),
    (Filter::Failed, "failed", "Failed"),
    (Filter::Unknown, "unknown", "No answer"),
    (Filter::Found, "found", "Already in the account"),
    (Filter::NotSent, "not_sent", "Not sent"),
];

/// The report's state, or where a row in a run stands.
pub(super) fn fate_state(f: &RowFate) -> &'static str {
    match (f, f.fate()) {
        (RowFate::Queued, _) => "queued",
        (_, None) => "sending",
        (_, Some(fate)) => fate.state(),
    }
}

fn fate_text(f: &RowFate) -> String {
    match (f, f.fate()) {
        (RowFate::Queued, _) => "queued".into(),
        (RowFate::Untouched, _) => String::new(),
        (_, None) => "sending…".into(),
        (_, Some(fate)) => fate.detail(),
    }
}

/// A row's issues as the table shows them. The account context is the file's matter, said
/// once above the table: its issues are on no row, and count for no row.
pub(super) fn own_issues(o: &Outcome) -> impl Iterator<Item = &Issue> {
    o.issues.iter().filter(|i| !i.code.starts_with("context."))
}

/// What a checked row is, for the summary's counts and the filters alike (one definition,
/// so "N with warnings" is what *Warnings only* lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Errors,
    /// Valid, with warnings of its own.
    Warnings,
    Clean,
}

pub(super) fn verdict(o: &Outcome) -> Verdict {
    if !o.valid {
        Verdict::Errors
    } else if own_issues(o).any(|i| i.severity == Severity::Warning) {
        Verdict::Warnings
    } else {
        Verdict::Clean
    }
}

/// Whether a row is shown: its filter, and the search over what the row shows (its issues,
/// its order number, what became of it when sent).
fn keep(
    filter: Filter,
    query: &str,
    o: Option<&Outcome>,
    f: &RowFate,
    number: Option<&str>,
) -> bool {
    let is = |v: Verdict| o.is_some_and(|o| verdict(o) == v);
    let by_filter = match filter {
        Filter::All => true,
        Filter::Errors => is(Verdict::Errors),
        Filter::WarningsOnly => is(Verdict::Warnings),
        Filter::Valid => o.is_some_and(|o| o.valid),
        Filter::Sent => fate_state(f) == "sent",
        Filter::Failed => fate_state(f) == "failed",
        Filter::Unknown => fate_state(f) == "unknown",
        Filter::Found => fate_state(f) == "found",
        Filter::NotSent => fate_state(f) == "not_sent",
    };
    // ASCII folding: codes and pointers are ASCII, and Unicode case tables cost the
    // bundle more than they give here.
    let q = query.trim().to_ascii_lowercase();
    let has = |text: &str| text.to_ascii_lowercase().contains(&q);
    by_filter
        && (q.is_empty()
            || number.is_some_and(has)
            || has(&fate_text(f))
            || o.is_some_and(|o| {
                own_issues(o).any(|i| i.code.contains(&q) || has(&i.pointer) || has(&i.message))
            }))
}

#[component]
pub(super) fn Table(bulk: Bulk) -> impl IntoView {
    let filter = RwSignal::new(Filter::All);
    let query = RwSignal::new(String::new());
    let page = RwSignal::new(0usize);
    let shown = Memo::new(move |_| {
        let (f, q) = (filter.get(), query.get());
        bulk.check.outcomes.with(|outcomes| {
            bulk.send.fates.with(|fates| {
                bulk.check.numbers.with_value(|numbers| {
                    let number = |i: usize| numbers.get(i).and_then(Option::as_deref);
                    (0..fates.len())
                        .filter(|&i| keep(f, &q, outcomes.get(i), &fates[i], number(i)))
                        .collect::<Vec<usize>>()
                })
            })
        })
    });
    let rows_view = move || {
        let ids = shown.get();
        let total = ids.len();
        let first = (page.get() * PAGE).min(total.saturating_sub(1) / PAGE * PAGE);
        let visible: Vec<usize> = ids.into_iter().skip(first).take(PAGE).collect();
        let body = bulk.file.rows.with(|rows| {
            bulk.check.outcomes.with(|outcomes| {
                bulk.send.fates.with(|fates| {
                    bulk.check.numbers.with_value(|numbers| {
                        visible
                            .iter()
                            .map(|&i| {
                                let number = numbers.get(i).cloned().flatten();
                                let at = (i, rows[i].line, number);
                                row_view(bulk, at, outcomes.get(i), &fates[i])
                            })
                            .collect_view()
                    })
                })
            })
        });
        let last = (first + PAGE).min(total);
        let at_end = last >= total;
        view! {
            <div class="toolbar">
                <span class="muted" data-testid="bulk-shown" data-count=total>
                    {if total == 0 {
                        "No payload matches".to_string()
                    } else {
                        format!("Rows {}–{last} of {total} shown", first + 1)
                    }}
                </span>
                <button
                    class="ghost"
                    data-testid="bulk-prev"
                    disabled=first == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))
                >
                    "Previous"
                </button>
                <button
                    class="ghost"
                    data-testid="bulk-next"
                    disabled=at_end
                    on:click=move |_| page.update(|p| *p += 1)
                >
                    "Next"
                </button>
            </div>
            // Focusable and named: at phone width it scrolls sideways (style.css).
            <div
                class="scroll"
                tabindex="0"
                role="region"
                aria-label="Payloads"
                data-testid="bulk-rows"
            >
                <table class="bulk-table">
                    <thead>
                        <tr>
                            <th>"Row"</th>
                            <th>"Line"</th>
                            <th>"Valid"</th>
                            <th>"Issues"</th>
                            <th>"Sent"</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    };
    move || {
        (!bulk.file.rows.with(Vec::is_empty)).then(|| {
            view! {
                <div class="toolbar">
                    <label>
                        "Show "
                        <select
                            data-testid="bulk-filter"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(f) = FILTERS.iter().find(|x| x.1 == v) {
                                    filter.set(f.0);
                                    page.set(0);
                                }
                            }
                        >
                            {FILTERS
                                .iter()
                                .map(|(_, v, label)| view! { <option value=*v>{*label}</option> })
                                .collect_view()}
                        </select>
                    </label>
                    <input
                        type="search"
                        data-testid="bulk-search"
                        placeholder="code, pointer, order number, words of a message or of an answer"
                        prop:value=move || query.get()
                        on:input=move |ev| {
                            query.set(event_target_value(&ev));
                            page.set(0);
                        }
                    />
                </div>
                {rows_view}
            }
        })
    }
}

/// Opens row `i`'s payload in its kind's editor, as that editor's draft.
fn open_in_editor(bulk: Bulk, i: usize) {
    if let Some((step, _)) = crate::web::editor_of(bulk.kind.current.get_untracked()) {
        crate::web::open_in_editor(step, &bulk.payload(i));
    }
}

/// Row `i` at `line` of the file, with its order number.
fn row_view(
    bulk: Bulk,
    (i, line, number): (usize, usize, Option<String>),
    outcome: Option<&Outcome>,
    fate: &RowFate,
) -> impl IntoView {
    let (valid, issues) = match outcome {
        None => ("…", Vec::new()),
        Some(o) => (
            if o.valid { "yes" } else { "no" },
            own_issues(o).cloned().collect(),
        ),
    };
    let more = issues.len().saturating_sub(FIRST_ISSUES);
    let state = fate_state(fate);
    let item = |is: crate::rules::Issue| {
        view! {
            <li class=is.severity.as_str() data-code=is.code.clone()>
                <code>
                    {if is.pointer.is_empty() { "(document)".to_string() } else { is.pointer }}
                </code>
                " "
                {is.message}
            </li>
        }
    };
    let mut issues = issues.into_iter();
    let first: Vec<_> = issues.by_ref().take(FIRST_ISSUES).map(item).collect();
    let rest: Vec<_> = issues.map(item).collect();
    view! {
        <tr data-testid="bulk-row" data-row=i + 1 data-valid=valid data-fate=state>
            <td>
                {i + 1}
                {crate::web::editor_of(bulk.kind.current.get_untracked())
                    .is_some()
                    .then(|| {
                        view! {
                            " "
                            <button
                                class="link"
                                data-testid="bulk-open"
                                title="Open this payload in its editor"
                                on:click=move |_| open_in_editor(bulk, i)
                            >
                                "open"
                            </button>
                        }
                    })}
                {number
                    .map(|n| {
                        view! {
                            <div class="muted" data-testid="bulk-number">
                                {n}
                            </div>
                        }
                    })}
            </td>
            <td>{line}</td>
            <td class=format!("valid-{valid}")>{valid}</td>
            <td>
                <ul class="first-issues">{first}</ul>
                {(more > 0)
                    .then(|| {
                        view! {
                            <details>
                                <summary class="muted">{format!("and {more} more")}</summary>
                                <ul class="first-issues">{rest}</ul>
                            </details>
                        }
                    })}
            </td>
            <td class=format!("fate {state}")>{fate_text(fate)}</td>
        </tr>
    }
}
