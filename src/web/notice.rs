//! What a page says: about the last thing it did (done, or why not: one type and one
//! rendering for every page that reports a request's outcome in a line), and in counts.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Done(String),
    Failed(String),
}

impl Notice {
    /// A result's notice: what `done` says of its answer, or its error.
    pub fn of<T, E: std::fmt::Display>(r: &Result<T, E>, done: impl FnOnce(&T) -> String) -> Self {
        match r {
            Ok(v) => Notice::Done(done(v)),
            Err(e) => Notice::Failed(e.to_string()),
        }
    }

    /// An error's notice; an answer says nothing.
    pub fn failed<T, E: std::fmt::Display>(r: &Result<T, E>) -> Option<Self> {
        r.as_ref().err().map(|e| Notice::Failed(e.to_string()))
    }
}

/// What an action's latest answer says in a notice's place: nothing (`None`), or what the
/// place shows from now on (`Some(None)` clears it).
pub type Says = Signal<Option<Option<Notice>>>;

/// One place several actions speak in. Each source is an action's version (it moves when
/// the action settles) and what its latest answer [`Says`]; the action that settled last
/// is shown.
pub fn settled_last<const N: usize>(sources: [(Signal<usize>, Says); N]) -> Signal<Option<Notice>> {
    let place = Memo::new(move |prev: Option<&([usize; N], Option<Notice>)>| {
        let versions = sources.map(|(v, _)| v.get());
        let (before, mut shown) = prev.cloned().unwrap_or(([0; N], None));
        for ((v, b), (_, says)) in versions.iter().zip(before).zip(&sources) {
            if *v != b {
                shown = says.get().unwrap_or(shown);
            }
        }
        (versions, shown)
    });
    Signal::derive(move || place.with(|(_, shown)| shown.clone()))
}

/// A notice as a line: `class="response ok|bad"`, `data-ok`, under `testid`.
#[component]
pub fn NoticeLine(
    #[prop(into)] notice: Signal<Option<Notice>>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        notice.get().map(|n| match n {
            Notice::Done(m) => view! {
                <p class="response ok" data-testid=testid data-ok="true">
                    {m}
                </p>
            }
            .into_any(),
            Notice::Failed(m) => view! {
                <p class="response bad" data-testid=testid data-ok="false">
                    {m}
                </p>
            }
            .into_any(),
        })
    }
}

/// "s" for a count other than one.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
