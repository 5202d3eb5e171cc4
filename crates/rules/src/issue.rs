//! The report: a flat list of issues, each pinned to a JSON Pointer.

use serde::Serialize;

use super::codes::{self, Check, Code};
use super::shape::Entity;

/// At most this many issues are kept; a huge broken file still gives a readable report.
pub const MAX_ISSUES: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The API would reject the payload, or Buyer Protection would not apply.
    Error,
    /// A likely mistake that the API accepts.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    /// RFC 6901 JSON Pointer into the payload ("" is the whole document).
    pub pointer: String,
    /// Stable dotted code, e.g. `veeqo.channel.short_name.too_long`.
    pub code: String,
    pub severity: Severity,
    /// One sentence naming the bad value and the fix.
    pub message: String,
    /// The spec rule this comes from, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// The edit that fixes it, when orderlint knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<super::fix::Fix>,
}

/// Collects issues while rules run; rules only ever add to it.
#[derive(Debug, Default)]
pub struct Report {
    issues: Vec<Issue>,
    dropped: usize,
    /// Whether the last issue pushed was kept (a fix then goes with it).
    last_kept: bool,
    /// An error is among the issues kept: the verdict cannot change any more.
    failed: bool,
    /// The walk declined to open an object because the report was full.
    stopped: bool,
    /// Whether the document may hold a `{{placeholder}}`: unknown (so true) until the scan
    /// has looked at every string. When it found none, the accessors need not look again.
    no_placeholders: bool,
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, issue: Issue) {
        self.last_kept = self.issues.len() < MAX_ISSUES;
        if self.last_kept {
            self.failed |= issue.severity == Severity::Error;
            self.issues.push(issue);
        } else {
            self.dropped += 1;
        }
    }

    /// Gives the issue just reported its fix.
    pub fn fix(&mut self, fix: super::fix::Fix) {
        if let Some(last) = self.issues.last_mut().filter(|_| self.last_kept) {
            last.fix = Some(fix);
        }
    }

    /// An issue of a rule: its code and severity are the registry entry's.
    pub fn report(&mut self, code: &'static Code, at: &str, message: impl Into<String>) {
        self.add(at, code.code.into(), code.severity, message.into(), None);
    }

    /// An issue of a rule that cites the spec rule it enforces.
    pub fn report_cited(
        &mut self,
        code: &'static Code,
        at: &str,
        message: impl Into<String>,
        rule: &'static str,
    ) {
        self.add(
            at,
            code.code.into(),
            code.severity,
            message.into(),
            Some(rule),
        );
    }

    /// A field check on `entity`'s field `field`: `<object>.<field>.<check>`.
    pub fn field(
        &mut self,
        entity: Entity,
        field: &str,
        check: Check,
        at: &str,
        message: impl Into<String>,
    ) {
        let code = codes::field(entity, field, check);
        self.add(at, code, check.severity(), message.into(), None);
    }

    /// A field check that cites the spec rule it enforces.
    pub fn field_cited(
        &mut self,
        entity: Entity,
        field: &str,
        check: Check,
        at: &str,
        message: impl Into<String>,
        rule: &'static str,
    ) {
        let code = codes::field(entity, field, check);
        self.add(at, code, check.severity(), message.into(), Some(rule));
    }

    /// A field check on `entity` as a whole: `<object>.<check>`.
    pub fn object(&mut self, entity: Entity, check: Check, at: &str, message: impl Into<String>) {
        let code = codes::object(entity, check);
        self.add(at, code, check.severity(), message.into(), None);
    }

    fn add(
        &mut self,
        pointer: &str,
        code: String,
        severity: Severity,
        message: String,
        rule: Option<&'static str>,
    ) {
        if self.issues.len() >= MAX_ISSUES {
            // Counted, not built.
            self.last_kept = false;
            self.dropped += 1;
            return;
        }
        self.push(Issue {
            pointer: pointer.to_string(),
            code,
            severity,
            message,
            rule,
            fix: None,
        });
    }

    /// Whether more work can only find issues that will not be listed: the report is
    /// full and already holds an error, so the verdict is settled. The walk then stops
    /// opening objects ([`Report::stop`]), which bounds the work on a bad payload.
    pub fn is_full(&self) -> bool {
        self.failed && self.issues.len() >= MAX_ISSUES
    }

    /// What the scan found: whether any string of the document holds a placeholder.
    pub fn set_placeholders(&mut self, found: bool) {
        self.no_placeholders = !found;
    }

    /// Whether a string may hold a placeholder the scan has reported (so a rule should
    /// pass over it); false once the scan found none in the whole document.
    pub fn may_hold_placeholders(&self) -> bool {
        !self.no_placeholders
    }

    /// Records that the walk skipped work because the report was full.
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// The issues, plus one closing warning when some were dropped past [`MAX_ISSUES`].
    pub fn finish(mut self) -> Vec<Issue> {
        if self.dropped > 0 || self.stopped {
            let message = if self.stopped {
                format!("The check stopped at {MAX_ISSUES} issues, so there may be more than these; fix the ones above and validate again.")
            } else {
                format!(
                    "{} more issues were not listed; fix the ones above and validate again.",
                    self.dropped
                )
            };
            self.issues.push(Issue {
                pointer: String::new(),
                code: codes::REPORT_TRUNCATED.code.into(),
                severity: codes::REPORT_TRUNCATED.severity,
                message,
                rule: None,
                fix: None,
            });
        }
        self.issues
    }
}

/// The outcome for one payload, as the CLI, the JS module and the UI show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub valid: bool,
    pub issues: Vec<Issue>,
}

impl Outcome {
    pub fn from_issues(issues: Vec<Issue>) -> Self {
        let valid = !issues.iter().any(|i| i.severity == Severity::Error);
        Outcome { valid, issues }
    }

    /// (errors, warnings).
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        (errors, self.issues.len() - errors)
    }
}
