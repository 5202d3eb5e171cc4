//! Bulk work in the page: a file of payloads validated in slices (the page never
//! freezes), then the valid ones sent at the API's pace. What to send, when and in what
//! order is decided in `crate::bulk`; this holds the signals, the clock and the storage.
//! It lives as long as the app, so a run goes on while the user looks at other pages.
//!
//! Long: the page's state and its two drivers (validation in slices, the send run on
//! timers) share the signals below. To be split with the first-load work.

mod view;

pub use view::BulkPage;

use std::collections::BTreeMap;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::state::{AppState, Target};
use super::{account, storage, transport};
use crate::api::Api;
use crate::api::ApiError;
use crate::bulk::export::{self, Fate};
use crate::bulk::input::{self, Format};
use crate::bulk::send::{
    fingerprint, pacer, plan, repeats, Delivery, Next, NotSent, Run, FEEDAMP_DEFAULT_PER_SECOND,
};
use crate::bulk::{api_for, request_for};
use crate::rules::{outcome_for_text, Context, Kind, Outcome};

/// Browsers give a page about 5 MB of storage: a larger file is not even tried (turning it
/// into JSON alone would hold the page up).
const KEEP_AT_MOST: usize = 4 * 1024 * 1024;

/// Validation yields to the page after this long, so typing and scrolling stay smooth.
const SLICE_MS: f64 = 12.0;

/// One payload of the loaded file: where it is in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub line: usize,
    start: usize,
    end: usize,
}

/// Where a payload stands on the sending side.
#[derive(Clone, Debug, PartialEq)]
pub enum RowFate {
    Untouched,
    Queued,
    Sending,
    Delivered(Delivery),
    NotSent(NotSent),
}

impl RowFate {
    /// Its fate as the report gives it; `None` while its request is under way.
    pub fn fate(&self) -> Option<Fate<'_>> {
        match self {
            RowFate::Delivered(d) => Some(Fate::Delivered(d)),
            RowFate::NotSent(why) => Some(Fate::NotSent(why)),
            RowFate::Untouched | RowFate::Queued => Some(Fate::Untouched),
            RowFate::Sending => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Running,
    Paused,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Running => "running",
            Phase::Paused => "paused",
        }
    }
}

/// The bulk page's state, provided by the app.
#[derive(Clone, Copy)]
pub struct Bulk {
    pub name: RwSignal<String>,
    text: StoredValue<String>,
    pub kind: RwSignal<Kind>,
    pub rows: RwSignal<Vec<Row>>,
    /// Each row's payload identity, worked out with its validation (not while the file is
    /// read: hashing 40 MB at once would hold the page up).
    fingerprints: StoredValue<Vec<String>>,
    pub file_error: RwSignal<Option<String>>,
    /// One per row, in order; shorter than `rows` while validation is under way.
    pub outcomes: RwSignal<Vec<Outcome>>,
    pub fates: RwSignal<Vec<RowFate>>,
    /// Deliveries recorded for the current target, by payload fingerprint.
    journal: RwSignal<BTreeMap<String, Delivery>>,
    pub phase: RwSignal<Phase>,
    /// Rows the current (or last) run queued.
    pub planned: RwSignal<usize>,
    pub feedamp_per_second: RwSignal<u32>,
    /// The Veeqo account's channels and channel sellables, for the cross-entity rules.
    pub context: RwSignal<Option<Context>>,
    pub context_note: RwSignal<Option<String>>,
    /// A message about the file or the run as a whole.
    pub note: RwSignal<Option<String>>,
    run: StoredValue<Option<Run>>,
    /// The target the current run sends to.
    run_target: StoredValue<Target>,
    /// Bumped when the file or kind changes: a validation of an older one stops.
    generation: StoredValue<u64>,
    restored: StoredValue<bool>,
    /// The target whose deliveries `journal` holds.
    journal_target: StoredValue<Option<Target>>,
}

/// Gives the browser a turn (input, rendering) between slices: `scheduler.yield()` where
/// the browser has it, else a timer (which browsers clamp to 4 ms once timers nest).
async fn yield_now() {
    use wasm_bindgen::JsCast;
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into())
        .ok()
        .filter(|s| s.is_object());
    let yielded = scheduler.and_then(|s| {
        let f: js_sys::Function = js_sys::Reflect::get(&s, &"yield".into())
            .ok()?
            .dyn_into()
            .ok()?;
        f.call0(&s).ok()?.dyn_into::<js_sys::Promise>().ok()
    });
    match yielded {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => TimeoutFuture::new(0).await,
    }
}

fn target_name(t: Target) -> &'static str {
    match t {
        Target::Sandbox => "sandbox",
        Target::Live => "live",
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeptFile {
    name: String,
    kind: String,
    text: String,
}

impl Bulk {
    pub fn new() -> Self {
        Bulk {
            name: RwSignal::new(String::new()),
            text: StoredValue::new(String::new()),
            kind: RwSignal::new(Kind::VeeqoOrder),
            rows: RwSignal::new(Vec::new()),
            fingerprints: StoredValue::new(Vec::new()),
            file_error: RwSignal::new(None),
            outcomes: RwSignal::new(Vec::new()),
            fates: RwSignal::new(Vec::new()),
            journal: RwSignal::new(BTreeMap::new()),
            phase: RwSignal::new(Phase::Idle),
            planned: RwSignal::new(0),
            feedamp_per_second: RwSignal::new(FEEDAMP_DEFAULT_PER_SECOND),
            context: RwSignal::new(None),
            context_note: RwSignal::new(None),
            note: RwSignal::new(None),
            run: StoredValue::new(None),
            run_target: StoredValue::new(Target::Sandbox),
            generation: StoredValue::new(0),
            restored: StoredValue::new(false),
            journal_target: StoredValue::new(None),
        }
    }

    /// When the page is shown, and when the target changes: the file kept from the last
    /// visit (once) and the deliveries recorded for the target.
    pub fn show(&self, target: Target) {
        if self.journal_target.get_value() != Some(target)
            && self.phase.get_untracked() == Phase::Idle
        {
            self.load_journal(target);
        }
        if self.restored.get_value() {
            return;
        }
        self.restored.set_value(true);
        if let Some(kept) = storage::get_json::<KeptFile>(storage::BULK_FILE) {
            if let Ok(kind) = kept.kind.parse() {
                self.kind.set(kind);
            }
            self.load(kept.name, kept.text, false);
        }
    }

    /// The deliveries recorded for `target`; rows take theirs.
    pub fn load_journal(&self, target: Target) {
        let prefix = storage::delivery_prefix(target_name(target));
        let journal: BTreeMap<String, Delivery> = storage::entries(&prefix)
            .into_iter()
            .filter_map(|(k, v)| {
                Some((
                    k.strip_prefix(&prefix)?.to_string(),
                    serde_json::from_str(&v).ok()?,
                ))
            })
            .collect();
        self.journal.set(journal);
        self.journal_target.set_value(Some(target));
        self.reset_fates();
    }

    /// Forgets every delivery recorded for `target`: those payloads can be sent again.
    pub fn forget_deliveries(&self, target: Target) {
        storage::remove_all(&storage::delivery_prefix(target_name(target)));
        self.load_journal(target);
    }

    /// Rows take the deliveries recorded for their payloads; a repeat of an earlier row's
    /// payload is that row's, as a run would have it. Rows not fingerprinted yet are
    /// untouched until validation reaches them.
    fn reset_fates(&self) {
        let total = self.rows.with_untracked(Vec::len);
        let fates = self.journal.with_untracked(|j| {
            self.fingerprints.with_value(|fps| {
                let earlier = repeats(fps.iter().map(String::as_str));
                let mut fates: Vec<RowFate> = fps
                    .iter()
                    .zip(earlier)
                    .map(|(fp, earlier)| match (earlier, j.get(fp)) {
                        (Some(first), _) => RowFate::NotSent(NotSent::SameAs(first + 1)),
                        (None, Some(d)) => RowFate::Delivered(d.clone()),
                        (None, None) => RowFate::Untouched,
                    })
                    .collect();
                fates.resize(total, RowFate::Untouched);
                fates
            })
        });
        self.fates.set(fates);
    }

    /// Reads a file's payloads and validates them; `keep` stores the file like a draft.
    pub fn load(&self, name: String, text: String, keep: bool) {
        if self.phase.get_untracked() != Phase::Idle {
            return;
        }
        let format = Format::of(&name, &text);
        let base = text.as_ptr() as usize;
        match input::read(format, &text) {
            Ok(payloads) => {
                let rows = payloads
                    .iter()
                    .map(|p| {
                        let start = p.text.as_ptr() as usize - base;
                        Row {
                            line: p.line,
                            start,
                            end: start + p.text.len(),
                        }
                    })
                    .collect();
                self.rows.set(rows);
                self.file_error.set(None);
            }
            Err(e) => {
                self.rows.set(Vec::new());
                self.file_error.set(Some(format!("{name}: {e}")));
            }
        }
        self.note.set(None);
        if keep {
            let saved = text.len() <= KEEP_AT_MOST && {
                let kept = KeptFile {
                    name: name.clone(),
                    kind: self.kind.get_untracked().name().into(),
                    text: text.clone(),
                };
                serde_json::to_string(&kept)
                    .is_ok_and(|json| storage::try_set(storage::BULK_FILE, &json))
            };
            if !saved {
                storage::remove(storage::BULK_FILE);
                self.note.set(Some(format!(
                    "{name} ({} KB) is too large for this browser's storage: it will not be here after a reload, but every delivery is still recorded.",
                    text.len() / 1024
                )));
            }
        }
        self.text.set_value(text);
        self.fingerprints.set_value(Vec::new());
        self.name.set(name);
        self.planned.set(0);
        self.reset_fates();
        self.validate_all();
    }

    pub fn set_kind(&self, kind: Kind) {
        if self.phase.get_untracked() != Phase::Idle || self.kind.get_untracked() == kind {
            return;
        }
        self.kind.set(kind);
        if let Some(mut kept) = storage::get_json::<KeptFile>(storage::BULK_FILE) {
            kept.kind = kind.name().into();
            storage::set_json(storage::BULK_FILE, &kept);
        }
        self.validate_all();
    }

    /// Validates every row in slices of about [`SLICE_MS`], yielding to the page between.
    fn validate_all(&self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        self.outcomes.set(Vec::new());
        let this = *self;
        let kind = self.kind.get_untracked();
        let context = self.context.get_untracked();
        leptos::task::spawn_local(async move {
            let total = this.rows.with_untracked(Vec::len);
            let mut next = 0;
            while next < total {
                if this.generation.get_value() != generation {
                    return;
                }
                let started = transport::now_ms();
                let mut slice = Vec::new();
                // Fingerprints already made (the kind changed, not the file) are kept.
                let have = this.fingerprints.with_value(Vec::len);
                let mut fps = Vec::new();
                this.text.with_value(|text| {
                    this.rows.with_untracked(|rows| {
                        while next < total
                            && (slice.is_empty() || transport::now_ms() - started < SLICE_MS)
                        {
                            let r = &rows[next];
                            let payload = text.get(r.start..r.end).unwrap_or_default();
                            slice.push(outcome_for_text(kind, payload, context.as_ref(), r.line).0);
                            if next >= have {
                                fps.push(fingerprint(payload));
                            }
                            next += 1;
                        }
                    })
                });
                this.fingerprints.update_value(|f| f.extend(fps));
                this.outcomes.update(|o| o.extend(slice));
                yield_now().await;
            }
            if this.generation.get_value() == generation {
                // Every payload has its identity now: recorded deliveries and repeats show.
                this.reset_fates();
            }
        });
    }

    /// Loads the Veeqo account's channels and the channel sellables of `products`, then
    /// checks every payload again with them (the order's channel, each line's link).
    pub fn load_context(&self, app: AppState, products: Vec<String>) {
        if self.phase.get_untracked() != Phase::Idle {
            return;
        }
        self.context_note
            .set(Some("Loading the account context…".into()));
        let this = *self;
        leptos::task::spawn_local(async move {
            match account::context(&app, &products, None).await {
                Ok(ctx) => {
                    this.context_note.set(Some(format!(
                        "{}. Every payload was checked again with it.",
                        account::describe(&ctx, &products)
                    )));
                    this.context.set(Some(ctx));
                    if this.phase.get_untracked() == Phase::Idle {
                        this.validate_all();
                    }
                }
                Err(e) => this
                    .context_note
                    .set(Some(format!("Could not load the account context: {e}"))),
            }
        });
    }

    pub fn validated(&self) -> bool {
        self.outcomes.with(Vec::len) == self.rows.with(Vec::len)
    }

    /// The API a bulk send of the current kind goes to, if it can be sent.
    pub fn api(&self) -> Option<Api> {
        api_for(self.kind.get())
    }

    /// Starts sending the valid payloads not yet delivered.
    pub fn start(&self, app: AppState) {
        if self.phase.get_untracked() != Phase::Idle || !self.validated() {
            return;
        }
        let Some(api) = self.api() else { return };
        let settings = app.settings.get_untracked();
        let problem = transport::setup_problem(&settings, api).or_else(|| {
            (api == Api::Feedamp && app.feedamp.get_untracked().is_none())
                .then(|| "not connected to FeedAMP: connect first (Connect page)".to_string())
        });
        if let Some(p) = problem {
            self.note.set(Some(format!("Not started: {p}.")));
            return;
        }
        let (queue, skipped) = self.outcomes.with_untracked(|outcomes| {
            self.fingerprints.with_value(|fps| {
                self.journal.with_untracked(|journal| {
                    let rows: Vec<(bool, &str)> = outcomes
                        .iter()
                        .zip(fps)
                        .map(|(o, fp)| (o.valid, fp.as_str()))
                        .collect();
                    plan(&rows, journal)
                })
            })
        });
        self.fates.update(|f| {
            for (i, why) in skipped {
                f[i] = RowFate::NotSent(why);
            }
            for &i in &queue {
                f[i] = RowFate::Queued;
            }
        });
        self.note.set(None);
        self.planned.set(queue.len());
        let pace = pacer(api, self.feedamp_per_second.get_untracked());
        self.run.set_value(Some(Run::new(queue, pace)));
        self.run_target.set_value(settings.target);
        self.phase.set(Phase::Running);
        let this = *self;
        leptos::task::spawn_local(async move { this.drive(app, api).await });
    }

    pub fn set_paused(&self, paused: bool) {
        self.run.update_value(|r| {
            if let Some(r) = r {
                r.set_paused(paused);
            }
        });
        if self.phase.get_untracked() != Phase::Idle {
            self.phase.set(if paused {
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
            .run
            .try_update_value(|r| r.as_mut().map(Run::cancel).unwrap_or_default())
            .unwrap_or_default();
        self.fates.update(|f| {
            for i in left {
                f[i] = RowFate::NotSent(NotSent::Cancelled);
            }
        });
    }

    async fn drive(self, app: AppState, api: Api) {
        loop {
            let next = self
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
        self.run.set_value(None);
        self.phase.set(Phase::Idle);
    }

    /// Row `i`'s payload, as written in the file.
    pub fn payload(&self, i: usize) -> String {
        self.text.with_value(|text| {
            self.rows
                .with_untracked(|rows| text[rows[i].start..rows[i].end].to_string())
        })
    }

    /// The valid payloads, one a line: a file to send with something else.
    pub fn valid_jsonl(&self) -> String {
        let valid: Vec<bool> = self
            .outcomes
            .with_untracked(|o| o.iter().map(|o| o.valid).collect());
        let payloads: Vec<String> = (0..valid.len()).map(|i| self.payload(i)).collect();
        crate::bulk::export::valid_jsonl(payloads.iter().map(String::as_str).zip(valid))
    }

    async fn send_one(self, app: AppState, api: Api, i: usize) {
        let body = self.payload(i);
        let fp = self.fingerprints.with_value(|fps| fps[i].clone());
        let target = self.run_target.get_value();
        let key = format!("{}{fp}", storage::delivery_prefix(target_name(target)));
        // `start` lets only kinds that can be sent through.
        let Some((_, req)) = request_for(self.kind.get_untracked(), &body) else {
            self.settled();
            return;
        };
        // Recorded before it leaves: a tab closed now leaves "unknown", not "unsent".
        let record =
            |d: &Delivery| serde_json::to_string(d).is_ok_and(|json| storage::try_set(&key, &json));
        if app.settings.with_untracked(|s| s.target) != target {
            self.hold(i, "Paused: the target changed since the run started; switch it back to resume, or cancel.".into());
        } else if !record(&Delivery::under_way()) {
            self.hold(i, "Paused: this browser's storage is full, so the delivery could not be recorded before sending (nothing is sent unrecorded). Export the report, then forget deliveries or free space.".into());
        } else {
            self.fates.update(|f| f[i] = RowFate::Sending);
            let result = app.send(api, req, None).await.map(|sent| {
                if sent.attempts > 1 {
                    self.run.update_value(|r| {
                        if let Some(r) = r {
                            r.api_is_full(transport::now_ms() as u64);
                        }
                    });
                }
                sent.response
            });
            if let Err(ApiError::Setup(problem)) = &result {
                // Never left the page: it can go in a later run.
                storage::remove(&key);
                self.hold(i, format!("Paused: {problem}."));
            } else {
                let delivery = Delivery::of(api, &result);
                // The answer replaces the record; if storage refuses it now, the record
                // says "unknown", which still keeps the payload from going twice.
                record(&delivery);
                self.journal.update(|j| {
                    j.insert(fp, delivery.clone());
                });
                self.fates.update(|f| f[i] = RowFate::Delivered(delivery));
            }
        }
        self.settled();
    }

    fn settled(&self) {
        self.run.update_value(|r| {
            if let Some(r) = r {
                r.settled();
            }
        });
    }

    /// Pauses the run and puts row `i` back in front of the others, unsent.
    fn hold(&self, i: usize, why: String) {
        self.run.update_value(|r| {
            if let Some(r) = r {
                r.requeue_front(i);
            }
        });
        self.fates.update(|f| f[i] = RowFate::Queued);
        self.set_paused(true);
        self.note.set(Some(why));
    }

    /// The report of the rows as they stand, for export.
    pub fn report(&self, csv: bool) -> String {
        let under_way = Delivery::under_way();
        let kind = self.kind.get_untracked();
        self.rows.with_untracked(|rows| {
            self.outcomes.with_untracked(|outcomes| {
                self.fates.with_untracked(|fates| {
                    let report_rows =
                        rows.iter()
                            .zip(outcomes)
                            .zip(fates)
                            .enumerate()
                            .map(|(i, ((r, o), f))| export::Row {
                                row: i + 1,
                                line: r.line,
                                outcome: o,
                                fate: f.fate().unwrap_or(Fate::Delivered(&under_way)),
                            });
                    if csv {
                        export::to_csv(report_rows)
                    } else {
                        export::to_json(kind.name(), &self.name.get_untracked(), report_rows)
                    }
                })
            })
        })
    }
}

impl Default for Bulk {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_bulk() -> Bulk {
    use_context::<Bulk>().expect("Bulk is provided by App")
}
