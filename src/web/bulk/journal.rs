//! The deliveries recorded on this device, per target: read into the page, forgotten on
//! request, and given to the rows whose payloads they are.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::{Bulk, RowFate};
use crate::bulk::send::{repeats, Delivery, NotSent};
use crate::web::state::Target;
use crate::web::storage;

pub(super) fn target_name(t: Target) -> &'static str {
    match t {
        Target::Sandbox => "sandbox",
        Target::Live => "live",
    }
}

impl Bulk {
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
        self.send.journal.set(journal);
        self.send.journal_target.set_value(Some(target));
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
    pub(super) fn reset_fates(&self) {
        let total = self.file.rows.with_untracked(Vec::len);
        let fates = self.send.journal.with_untracked(|j| {
            self.check.fingerprints.with_value(|fps| {
                let earlier = repeats(fps.iter().map(|id| id.fingerprint.as_str()));
                let mut fates: Vec<RowFate> = fps
                    .iter()
                    .zip(earlier)
                    .map(|(id, earlier)| match (earlier, id.recorded(j)) {
                        (Some(first), _) => RowFate::NotSent(NotSent::SameAs(first + 1)),
                        (None, Some(d)) => RowFate::Delivered(d.clone()),
                        (None, None) => RowFate::Untouched,
                    })
                    .collect();
                fates.resize(total, RowFate::Untouched);
                fates
            })
        });
        self.send.fates.set(fates);
    }
}
