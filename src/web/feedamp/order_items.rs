//! An order's refunds or returns and the requests about them, as the after-sale pages
//! share them: one Action whose answers the list, the item checked and the notice are
//! read from.

use leptos::prelude::*;
use serde_json::Value;

use super::{call, OrderPage};
use crate::api::feedamp::view::{page_items, Refund};
use crate::api::{ApiError, Request};
use crate::web::notice::{settled_last, Notice};
use crate::web::state::AppState;

/// What a request about an order's refunds or returns is for.
#[derive(Clone)]
pub(super) enum Ask {
    /// The list, as the order has it now.
    List,
    /// One item read afresh (`id`, the request), to be checked.
    Fresh(String, Request),
    /// A request about item `id`, its answer said by `say`; `relist`: it changes the list,
    /// which is read again after it.
    Act {
        id: String,
        req: Request,
        say: fn(&str, &Value) -> String,
        relist: bool,
    },
}

pub(super) enum Answer {
    /// The list, and what the request before it did.
    List(Vec<Value>, Option<String>),
    Fresh(String, Value),
    Said(String),
}

/// An order's refunds or returns (`key` of `request`'s answer) and the requests about
/// them: one `Action`, the list shown read from its answers (an item read afresh takes
/// its place in it), and what it last said beside the order page's notice.
#[derive(Clone, Copy)]
pub(super) struct OrderItems {
    pub(super) ask: Action<Ask, Result<Answer, String>>,
    pub(super) list: Memo<Vec<Value>>,
    /// The item last read afresh.
    pub(super) checked: Memo<Option<String>>,
    pub(super) notice: Signal<Option<Notice>>,
    pub(super) load: Callback<()>,
}

impl OrderItems {
    pub(super) fn new(
        app: AppState,
        page: OrderPage,
        request: fn(&str) -> Request,
        key: &'static str,
    ) -> Self {
        let number = page.number;
        let ask = Action::new_local(move |ask: &Ask| {
            let (ask, n) = (ask.clone(), number.get_untracked());
            let items = move || async move {
                let list = call(&app, request(&n)).await?;
                Ok::<_, ApiError>(page_items(&list, key).cloned().collect::<Vec<_>>())
            };
            let answer = async move {
                Ok(match ask {
                    Ask::List => Answer::List(items().await?, None),
                    Ask::Fresh(id, req) => Answer::Fresh(id, call(&app, req).await?),
                    Ask::Act {
                        id,
                        req,
                        say,
                        relist,
                    } => {
                        let said = say(&id, &call(&app, req).await?);
                        if relist {
                            Answer::List(items().await?, Some(said))
                        } else {
                            Answer::Said(said)
                        }
                    }
                })
            };
            async move { answer.await.map_err(|e: ApiError| e.to_string()) }
        });
        let list = Memo::new(move |last: Option<&Vec<Value>>| {
            let mut list = last.cloned().unwrap_or_default();
            ask.value().with(|a| match a {
                Some(Ok(Answer::List(items, _))) => list.clone_from(items),
                Some(Ok(Answer::Fresh(id, fresh))) => {
                    if let Some(r) = list.iter_mut().find(|r| Refund(r).id() == *id) {
                        r.clone_from(fresh);
                    }
                }
                _ => {}
            });
            list
        });
        let checked = Memo::new(move |last: Option<&Option<String>>| {
            ask.value().with(|a| match a {
                Some(Ok(Answer::Fresh(id, _))) => Some(id.clone()),
                _ => last.cloned().flatten(),
            })
        });
        let said = Signal::derive(move || {
            ask.value().with(|a| match a.as_ref()? {
                Err(e) => Some(Some(Notice::Failed(e.clone()))),
                Ok(Answer::List(_, Some(s)) | Answer::Said(s)) => {
                    Some(Some(Notice::Done(s.clone())))
                }
                Ok(_) => None,
            })
        });
        let notice = settled_last([
            (
                page.ask.version().into(),
                Signal::derive(move || Some(page.notice.get())),
            ),
            (ask.version().into(), said),
        ]);
        // The list is read with the order, whenever the order is.
        let load = Callback::new(move |()| {
            page.load.run(());
            ask.dispatch(Ask::List);
        });
        if !number.get_untracked().is_empty() {
            ask.dispatch(Ask::List);
        }
        OrderItems {
            ask,
            list,
            checked,
            notice,
            load,
        }
    }
}
