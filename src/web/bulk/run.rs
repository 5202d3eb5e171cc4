//! The send run: the valid payloads not yet delivered, at the API's pace, each recorded
//! before it leaves. What goes next is decided by `crate::bulk::send::Run`; this drives it
//! on timers.

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::journal::target_name;
use super::{Bulk, Phase, RowFate};
use crate::api::{Api, ApiError, Request};
use crate::bulk::lookup::{self, lookup_for, requests_per_payload, Found};
use crate::bulk::request_for;
use crate::bulk::send::{
    pacer, plan, Delivery, Next, NotSent, PayloadId, Run, FEEDAMP_DEFAULT_PER_SECOND,
};
use crate::web::locks::{self, Lock};
use crate::web::state::AppState;
use crate::web::{storage, transport};

/// FeedAMP publishes no limit: the pace a user may set, a second.
pub const PACE_RANGE: (u32, u32) = (1, 50);

/// The FeedAMP pace kept from an earlier visit (like the file), or the default.
pub(super) fn kept_pace() -> u32 {
    storage::get(storage::BULK_PACE)
        .and_then(|p| p.parse::<u32>().ok())
        .map_or(FEEDAMP_DEFAULT_PER_SECOND, |n| {
            n.clamp(PACE_RANGE.0, PACE_RANGE.1)
        })
}

/// What stops a send before it starts, and where it is fixed.
pub struct Blocker {
    pub problem: String,
    /// The page (its route) where it is fixed, and the link's words.
    pub route: &'static str,
    pub fix: &'static str,
}

/// What stops a send to `api` now: a setting, or no FeedAMP session. Send's button reads
/// it (tracked) to say so beside it, and `start` to refuse.
pub fn send_blocker(app: AppState, api: Api) -> Option<Blocker> {
    if let Some(problem) = app.settings.with(|s| transport::setup_problem(s, api)) {
        return Some(Blocker {
            problem,
            route: "#/settings",
            fix: "Open Settings",
        });
    }
    (api == Api::Feedamp && app.feedamp.with(Option::is_none)).then(|| Blocker {
        problem: "not connected to FeedAMP".into(),
        route: "#/feedamp/connect",
        fix: "Connect to FeedAMP",
    })
}

// A scheduler with requests in flight side by side, paused and cancelled from outside:
// spawned tasks over `Run`, not `Action`s, which run one future per dispatch.
impl Bulk {
    /// Starts sending the valid payloads not yet delivered.
    pub fn start(&self, app: AppState) {
        if self.send.phase.get_untracked() != Phase::Idle || !self.validated() {
            return;
        }
        let Some(api) = self.api() else { return };
        let settings = app.settings.get_untracked();
        // Send's button is disabled meanwhile, and says why beside it.
        if let Some(b) = untrack(|| send_blocker(app, api)) {
            self.note.set(Some(format!("Not started: {}.", b.problem)));
            return;
        }
        self.note.set(None);
        self.send.run_target.set_value(settings.target);
        self.send
            .run_looks_up
            .set_value(untrack(|| self.looks_up(settings.target)));
        // Running from here: a second Start in this tab does nothing while the lock is asked.
        self.send.phase.set(Phase::Running);
        let this = *self;
        leptos::task::spawn_local(async move {
            // One run per target across this browser's tabs: a tab that planned from an
            // older record would send again what another tab has just sent.
            let lock = locks::try_hold(&format!(
                "orderlint.bulk.send.run.{}",
                target_name(settings.target)
            ))
            .await;
            if matches!(lock, Lock::Busy) {
                this.send.phase.set(Phase::Idle);
                this.note.set(Some(
                    "Not started: a run to this target is under way in another tab of this browser. Let it \
                    finish there (or cancel it), then start again here: what it sent will show as sent.".into(),
                ));
                return;
            }
            // What other tabs recorded since this page last read it.
            this.load_journal(settings.target);
            this.plan_run(api);
            this.drive(app, api).await;
            drop(lock);
        });
    }

    /// Queues the valid payloads not yet delivered.
    fn plan_run(&self, api: Api) {
        let (queue, skipped) = self.check.outcomes.with_untracked(|outcomes| {
            self.check.fingerprints.with_value(|fps| {
                self.send.journal.with_untracked(|journal| {
                    let rows: Vec<(bool, &PayloadId)> =
                        outcomes.iter().map(|o| o.valid).zip(fps).collect();
                    plan(&rows, journal)
                })
            })
        });
        self.send.fates.update(|f| {
            for (i, why) in skipped {
                f[i] = RowFate::NotSent(why);
            }
            for &i in &queue {
                f[i] = RowFate::Queued;
            }
        });
        self.send.planned.set(queue.len());
        let kind = self.kind.current.get_untracked();
        let requests = requests_per_payload(kind, self.send.run_looks_up.get_value());
        let pace = pacer(api, self.send.feedamp_per_second.get_untracked(), requests);
        self.send.run.set_value(Some(Run::new(queue, pace)));
    }

    /// The FeedAMP pace, a second, within [`PACE_RANGE`]; kept for the next visit.
    pub fn set_pace(&self, per_second: u32) {
        let n = per_second.clamp(PACE_RANGE.0, PACE_RANGE.1);
        self.send.feedamp_per_second.set(n);
        storage::set(storage::BULK_PACE, &n.to_string());
    }

    pub fn set_paused(&self, paused: bool) {
        self.send.run.update_value(|r| {
            if let Some(r) = r {
                r.set_paused(paused);
            }
        });
        if self.send.phase.get_untracked() != Phase::Idle {
            self.send.phase.set(if paused {
                Phase::Paused
            } else {
                Phase::Running
            });
        }
        if !paused {
            // Why it paused no longer holds once the user resumes.
            self.note.set(None);
        }
    }

    /// Stops the run: what is still queued is not sent; requests in flight finish.
    pub fn cancel(&self) {
        let left = self
            .send
            .run
            .try_update_value(|r| r.as_mut().map(Run::cancel).unwrap_or_default())
            .unwrap_or_default();
        self.send.fates.update(|f| {
            for i in left {
                f[i] = RowFate::NotSent(NotSent::Cancelled);
            }
        });
    }

    async fn drive(self, app: AppState, api: Api) {
        loop {
            let next = self
                .send
                .run
                .try_update_value(|r| r.as_mut().map(|r| r.next(transport::now_ms() as u64)))
                .flatten()
                .unwrap_or(Next::Done);
            match next {
                Next::Send(i) => {
                    leptos::task::spawn_local(async move { self.send_one(app, api, i).await })
                }
                // Short sleeps: pause and cancel take effect at once.
                Next::Wait(ms) => TimeoutFuture::new(ms.min(200) as u32).await,
                Next::Hold => TimeoutFuture::new(40).await,
                Next::Done => break,
            }
        }
        self.send.run.set_value(None);
        self.send.phase.set(Phase::Idle);
    }

    async fn send_one(self, app: AppState, api: Api, i: usize) {
        let body = self.payload(i);
        let id = self.check.fingerprints.with_value(|fps| fps[i].clone());
        let target = self.send.run_target.get_value();
        let prefix = storage::delivery_prefix(target_name(target));
        let key = format!("{prefix}{}", id.fingerprint);
        // Recorded since the run was planned: by another tab, or by an earlier version
        // under the legacy fingerprint.
        let earlier = [key.clone(), format!("{prefix}{}", id.legacy)]
            .iter()
            .find_map(|k| storage::get(k).and_then(|v| serde_json::from_str::<Delivery>(&v).ok()));
        let kind = self.kind.current.get_untracked();
        // `start` lets only kinds that can be sent through.
        let Some((_, req)) = request_for(kind, &body) else {
            self.settled();
            return;
        };
        let lookup = self
            .send
            .run_looks_up
            .get_value()
            .then(|| lookup_for(kind, &body))
            .flatten();
        if let Some(earlier) = earlier {
            // It went once already.
            self.delivered(i, id.fingerprint, earlier);
        } else if app.settings.with_untracked(|s| s.target) != target {
            self.hold(i, "Paused: the target changed since the run started; switch it back to resume, or cancel.".into());
        } else if let Some((number, search)) = lookup {
            self.send.fates.update(|f| f[i] = RowFate::Sending);
            let found = app
                .send(api, search, None)
                .await
                .and_then(|sent| lookup::read(&sent.response, &number));
            match found {
                Ok(Found::Already(order)) => {
                    let delivery = Delivery::Found { id: order };
                    record(&key, &delivery);
                    self.delivered(i, id.fingerprint, delivery);
                }
                Ok(Found::Absent) => self.deliver(app, api, i, req, &key, id.fingerprint).await,
                Err(e) => self.hold(
                    i,
                    format!("Paused: order {number} could not be looked up in the account ({e}), so it was not \
                        sent. Resume to try again, or turn the look-up off."),
                ),
            }
        } else {
            self.deliver(app, api, i, req, &key, id.fingerprint).await;
        }
        self.settled();
    }

    /// Sends row `i`, recorded under `key` before it leaves: a tab closed meanwhile leaves
    /// "unknown", not "unsent".
    async fn deliver(
        self,
        app: AppState,
        api: Api,
        i: usize,
        req: Request,
        key: &str,
        fingerprint: String,
    ) {
        if !record(key, &Delivery::under_way()) {
            self.hold(i, "Paused: this browser's storage is full, so the delivery could not be recorded before \
                sending (nothing is sent unrecorded). Export the report, then forget deliveries or free space.".into());
            return;
        }
        self.send.fates.update(|f| f[i] = RowFate::Sending);
        let result = app.send(api, req, None).await.map(|sent| {
            if sent.attempts > 1 {
                self.send.run.update_value(|r| {
                    if let Some(r) = r {
                        r.api_is_full(transport::now_ms() as u64);
                    }
                });
            }
            sent.response
        });
        if let Err(ApiError::Setup(problem)) = &result {
            // Never left the page: it can go in a later run.
            storage::remove(key);
            self.hold(i, format!("Paused: {problem}."));
        } else {
            let delivery = Delivery::of(api, &result);
            // The answer replaces the record; if storage refuses it now, the record says
            // "unknown", which still keeps the payload from going twice.
            record(key, &delivery);
            self.delivered(i, fingerprint, delivery);
        }
    }

    /// Row `i` has its delivery: in the journal and the table.
    fn delivered(&self, i: usize, fingerprint: String, delivery: Delivery) {
        self.send.journal.update(|j| {
            j.insert(fingerprint, delivery.clone());
        });
        self.send
            .fates
            .update(|f| f[i] = RowFate::Delivered(delivery));
    }

    fn settled(&self) {
        self.send.run.update_value(|r| {
            if let Some(r) = r {
                r.settled();
            }
        });
    }

    /// Pauses the run and puts row `i` back in front of the others, unsent.
    fn hold(&self, i: usize, why: String) {
        self.send.run.update_value(|r| {
            if let Some(r) = r {
                r.requeue_front(i);
            }
        });
        self.send.fates.update(|f| f[i] = RowFate::Queued);
        self.set_paused(true);
        self.note.set(Some(why));
    }
}

/// Writes a row's delivery under `key`; says whether storage kept it.
fn record(key: &str, delivery: &Delivery) -> bool {
    serde_json::to_string(delivery).is_ok_and(|json| storage::try_set(key, &json))
}
