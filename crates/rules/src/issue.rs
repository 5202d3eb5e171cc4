//! The report: a flat list of issues, each pinned to a JSON Pointer.

use serde::Serialize;

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
}

impl Report {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, issue: Issue) {
        // Every test run checks the registry: no code is emitted that it lacks.
        debug_assert!(
            super::codes::lookup(&issue.code).is_some_and(|e| e.severity == issue.severity),
            "{} ({}) is not in the code registry with that severity",
            issue.code,
            issue.severity.as_str()
        );
        self.last_kept = self.issues.len() < MAX_ISSUES;
        if self.last_kept {
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

    pub fn error(&mut self, pointer: &str, code: impl Into<String>, message: impl Into<String>) {
        self.add(pointer, code.into(), Severity::Error, message.into(), None);
    }

    pub fn warn(&mut self, pointer: &str, code: impl Into<String>, message: impl Into<String>) {
        self.add(
            pointer,
            code.into(),
            Severity::Warning,
            message.into(),
            None,
        );
    }

    /// An issue that cites the spec rule it enforces.
    pub fn cite(
        &mut self,
        severity: Severity,
        pointer: &str,
        code: impl Into<String>,
        message: impl Into<String>,
        rule: &'static str,
    ) {
        self.add(pointer, code.into(), severity, message.into(), Some(rule));
    }

    fn add(
        &mut self,
        pointer: &str,
        code: String,
        severity: Severity,
        message: String,
        rule: Option<&'static str>,
    ) {
        self.push(Issue {
            pointer: pointer.to_string(),
            code,
            severity,
            message,
            rule,
            fix: None,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// The issues, plus one closing warning when some were dropped past [`MAX_ISSUES`].
    pub fn finish(mut self) -> Vec<Issue> {
        if self.dropped > 0 {
            self.issues.push(Issue {
                pointer: String::new(),
                code: "report.truncated".into(),
                severity: Severity::Warning,
                message: format!(
                    "{} more issues were not listed; fix the ones above and validate again.",
                    self.dropped
                ),
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
