//! The browser's Web Locks, shared by every tab of the page's origin: what keeps two tabs
//! from running the same work at once (a Bulk run per target). A lock is held until its
//! guard is dropped, and the browser lets it go by itself when the tab closes or crashes.

use futures::channel::oneshot;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// What asking for a lock came to.
pub enum Lock {
    /// Held by this tab until the guard is dropped (held for its drop, never read).
    Held(#[allow(dead_code)] Guard),
    /// Another tab holds it now.
    Busy,
    /// This browser has no Web Locks (an insecure context, or an old browser).
    Unsupported,
}

/// A held lock; dropping it lets the lock go.
pub struct Guard {
    release: Function,
    // Keeps the callback alive while the browser may still call the promise it returned.
    _granted: Closure<dyn FnMut(JsValue) -> JsValue>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::UNDEFINED);
    }
}

/// Takes the lock `name` if no other tab holds it; never waits for it.
pub async fn try_hold(name: &str) -> Lock {
    let Some(locks) = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|l| l.is_object())
    else {
        return Lock::Unsupported;
    };
    let Some(request) = Reflect::get(&locks, &"request".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return Lock::Unsupported;
    };
    // The browser calls back with the lock (or null: someone else has it) and holds the
    // lock until the promise the callback returns settles: resolving it is the release.
    let (tell, told) = oneshot::channel::<Option<Function>>();
    let mut tell = Some(tell);
    let granted = Closure::<dyn FnMut(JsValue) -> JsValue>::new(move |lock: JsValue| {
        let Some(tell) = tell.take() else {
            return JsValue::UNDEFINED;
        };
        if lock.is_null() {
            let _ = tell.send(None);
            return JsValue::UNDEFINED;
        }
        let mut release = None;
        let held = Promise::new(&mut |resolve, _| release = Some(resolve));
        let _ = tell.send(release);
        held.into()
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    if request
        .call3(
            &locks,
            &name.into(),
            &options,
            granted.as_ref().unchecked_ref(),
        )
        .is_err()
    {
        return Lock::Unsupported;
    }
    match told.await {
        Ok(Some(release)) => Lock::Held(Guard {
            release,
            _granted: granted,
        }),
        Ok(None) => Lock::Busy,
        Err(_) => Lock::Unsupported,
    }
}
