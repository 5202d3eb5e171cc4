//! Bulk work in the page: a file of payloads validated in slices (the page never
//! freezes), then the valid ones sent at the API's pace. What to send, when and in what
//! order is decided in `crate::bulk`; this holds the signals, the clock and the storage.
//! It lives as long as the app, so a run goes on while the user looks at other pages.
//!
//! Its state is four structs by concern (the file, its kind, the checks, the sending side);
//! its two drivers live apart: `check` (validation in slices) and `run` (the send run);
//! `kind` follows the file's kind, `journal` the deliveries recorded on this device.

mod check;
mod journal;
mod kind;
mod load;
mod run;
mod send_panel;
mod table;
mod view;

pub use view::BulkPage;

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::state::Target;
use super::storage;
use crate::api::Api;
use crate::bulk::api_for;
use crate::bulk::export::{self, Fate};
use crate::bulk::input::{self, Format};
use crate::bulk::lookup::can_look_up;
use crate::bulk::send::{Delivery, NotSent, PayloadId, Run};
use crate::rules::{Context, Kind, Outcome};

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

/// The file loaded, as payloads at their places in its text.
#[derive(Clone, Copy)]
pub struct FileState {
    pub name: RwSignal<String>,
    text: StoredValue<String>,
    pub rows: RwSignal<Vec<Row>>,
    pub error: RwSignal<Option<String>>,
    /// Whether the file kept from the last visit was read.
    restored: StoredValue<bool>,
}

/// The kind the file is checked as.
#[derive(Clone, Copy)]
pub struct KindState {
    pub current: RwSignal<Kind>,
    /// Whether the user chose the kind; if not, a loaded file's rows choose it.
    chosen: RwSignal<bool>,
    /// The kind the loaded file's first rows plainly are, and whether the page switched to it.
    detected: RwSignal<Option<crate::bulk::kind::FileKind>>,
    switched: RwSignal<bool>,
}

/// What the checks found, row by row, and what they check with.
#[derive(Clone, Copy)]
pub struct CheckState {
    /// One per row, in order; shorter than `rows` while validation is under way.
    pub outcomes: RwSignal<Vec<Outcome>>,
    /// Each row's payload identity, worked out with its validation (not while the file is
    /// read: hashing 40 MB at once would hold the page up).
    fingerprints: StoredValue<Vec<PayloadId>>,
    /// Each row's order number, for the search; found with its validation, like those.
    numbers: StoredValue<Vec<Option<String>>>,
    /// Bumped when the file or kind changes: a validation of an older one stops.
    generation: StoredValue<u64>,
    /// The Veeqo account's channels and channel sellables, for the cross-entity rules.
    pub context: RwSignal<Option<Context>>,
    pub context_note: RwSignal<Option<String>>,
}

/// The sending side: each row's fate, the deliveries recorded, the run and its settings.
#[derive(Clone, Copy)]
pub struct SendState {
    pub fates: RwSignal<Vec<RowFate>>,
    /// Deliveries recorded for the current target, by payload fingerprint.
    journal: RwSignal<BTreeMap<String, Delivery>>,
    /// The target whose deliveries `journal` holds.
    journal_target: StoredValue<Option<Target>>,
    pub phase: RwSignal<Phase>,
    /// Rows the current (or last) run queued.
    pub planned: RwSignal<usize>,
    pub feedamp_per_second: RwSignal<u32>,
    /// Look orders up by their number before creating them; `None`: on in Live only.
    pub look_up: RwSignal<Option<bool>>,
    run: StoredValue<Option<Run>>,
    /// The target the current run sends to.
    run_target: StoredValue<Target>,
    /// Whether the current run looks payloads up before sending them.
    run_looks_up: StoredValue<bool>,
}

/// The bulk page's state, provided by the app.
#[derive(Clone, Copy)]
pub struct Bulk {
    pub file: FileState,
    pub kind: KindState,
    pub check: CheckState,
    pub send: SendState,
    /// A message about the file or the run as a whole.
    pub note: RwSignal<Option<String>>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct KeptFile {
    name: String,
    kind: String,
    text: String,
    /// The user chose `kind` (files kept by earlier versions: not said, so not chosen).
    #[serde(default)]
    chosen: bool,
}

impl Bulk {
    pub fn new() -> Self {
        Bulk {
            file: FileState {
                name: RwSignal::new(String::new()),
                text: StoredValue::new(String::new()),
                rows: RwSignal::new(Vec::new()),
                error: RwSignal::new(None),
                restored: StoredValue::new(false),
            },
            kind: KindState {
                current: RwSignal::new(Kind::VeeqoOrder),
                chosen: RwSignal::new(false),
                detected: RwSignal::new(None),
                switched: RwSignal::new(false),
            },
            check: CheckState {
                outcomes: RwSignal::new(Vec::new()),
                fingerprints: StoredValue::new(Vec::new()),
                numbers: StoredValue::new(Vec::new()),
                generation: StoredValue::new(0),
                context: RwSignal::new(None),
                context_note: RwSignal::new(None),
            },
            send: SendState {
                fates: RwSignal::new(Vec::new()),
                journal: RwSignal::new(BTreeMap::new()),
                journal_target: StoredValue::new(None),
                phase: RwSignal::new(Phase::Idle),
                planned: RwSignal::new(0),
                feedamp_per_second: RwSignal::new(run::kept_pace()),
                look_up: RwSignal::new(None),
                run: StoredValue::new(None),
                run_target: StoredValue::new(Target::Sandbox),
                run_looks_up: StoredValue::new(false),
            },
            note: RwSignal::new(None),
        }
    }

    /// When the page is shown, and when the target changes: the file kept from the last
    /// visit (once) and the deliveries recorded for the target.
    pub fn show(&self, target: Target) {
        if self.send.journal_target.get_value() != Some(target)
            && self.send.phase.get_untracked() == Phase::Idle
        {
            self.load_journal(target);
        }
        if self.file.restored.get_value() {
            return;
        }
        self.file.restored.set_value(true);
        if let Some(kept) = storage::get_json::<KeptFile>(storage::BULK_FILE) {
            if let Ok(kind) = kept.kind.parse() {
                self.kind.current.set(kind);
            }
            self.kind.chosen.set(kept.chosen);
            self.load(kept.name, kept.text, false);
        }
    }

    /// Reads a file's payloads and validates them; `keep` (a file the user loaded, not the
    /// one kept from the last visit) stores it like a draft, and lets its rows choose the
    /// kind if the user has not.
    pub fn load(&self, name: String, text: String, keep: bool) {
        if self.send.phase.get_untracked() != Phase::Idle {
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
                let told = crate::bulk::kind::file_kind(payloads.iter().map(|p| p.text));
                self.kind
                    .switched
                    .set(keep && self.follow_file(told.as_ref()));
                self.kind.detected.set(told);
                self.file.rows.set(rows);
                self.file.error.set(None);
            }
            Err(e) => {
                self.kind.detected.set(None);
                self.kind.switched.set(false);
                self.file.rows.set(Vec::new());
                self.file.error.set(Some(format!("{name}: {e}")));
            }
        }
        self.note.set(None);
        if keep {
            let saved = text.len() <= KEEP_AT_MOST && {
                let kept = KeptFile {
                    name: name.clone(),
                    kind: self.kind.current.get_untracked().name().into(),
                    text: text.clone(),
                    chosen: self.kind.chosen.get_untracked(),
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
        self.file.text.set_value(text);
        self.check.fingerprints.set_value(Vec::new());
        self.check.numbers.set_value(Vec::new());
        self.file.name.set(name);
        self.send.planned.set(0);
        self.reset_fates();
        self.validate_all();
    }

    /// Checks the file as `kind`; the kept file says it was chosen (`choose_kind`).
    fn set_kind(&self, kind: Kind) {
        if let Some(mut kept) = storage::get_json::<KeptFile>(storage::BULK_FILE) {
            kept.kind = kind.name().into();
            kept.chosen = self.kind.chosen.get_untracked();
            storage::set_json(storage::BULK_FILE, &kept);
        }
        if self.kind.current.get_untracked() != kind {
            self.kind.current.set(kind);
            self.validate_all();
        }
    }

    /// Whether payloads are looked up before they are sent to `target`.
    pub fn looks_up(&self, target: Target) -> bool {
        self.send.look_up.get().unwrap_or(target == Target::Live)
            && can_look_up(self.kind.current.get())
    }

    pub fn validated(&self) -> bool {
        self.check.outcomes.with(Vec::len) == self.file.rows.with(Vec::len)
    }

    /// The API a bulk send of the current kind goes to, if it can be sent.
    pub fn api(&self) -> Option<Api> {
        api_for(self.kind.current.get())
    }

    /// Row `i`'s payload, as written in the file.
    pub fn payload(&self, i: usize) -> String {
        self.file.text.with_value(|text| {
            self.file
                .rows
                .with_untracked(|rows| text[rows[i].start..rows[i].end].to_string())
        })
    }

    /// The valid payloads, one a line: a file to send with something else.
    pub fn valid_jsonl(&self) -> String {
        let valid: Vec<bool> = self
            .check
            .outcomes
            .with_untracked(|o| o.iter().map(|o| o.valid).collect());
        let payloads: Vec<String> = (0..valid.len()).map(|i| self.payload(i)).collect();
        crate::bulk::export::valid_jsonl(payloads.iter().map(String::as_str).zip(valid))
    }

    /// The report of the rows as they stand, for export.
    pub fn report(&self, csv: bool) -> String {
        let under_way = Delivery::under_way();
        let kind = self.kind.current.get_untracked();
        self.file.rows.with_untracked(|rows| {
            self.check.outcomes.with_untracked(|outcomes| {
                self.send.fates.with_untracked(|fates| {
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
                        export::to_json(kind.name(), &self.file.name.get_untracked(), report_rows)
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
