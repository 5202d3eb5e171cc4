//! The bulk report as files: JSON (everything) and CSV (one line a payload, for a
//! spreadsheet). Both say, for every payload, whether it was sent, failed or not sent.

use serde_json::{json, Value};

use super::send::{Delivery, NotSent};
use orderlint_rules::Outcome;

/// What happened to a payload on the sending side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fate<'a> {
    /// No run has reached it (or none was started).
    Untouched,
    Delivered(&'a Delivery),
    NotSent(&'a NotSent),
}

impl Fate<'_> {
    /// `sent`, `failed`, `unknown` (no answer) or `not_sent`.
    pub fn state(&self) -> &'static str {
        match self {
            Fate::Delivered(d) => d.label(),
            Fate::Untouched | Fate::NotSent(_) => "not_sent",
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            Fate::Delivered(Delivery::Sent { status, .. } | Delivery::Failed { status, .. }) => {
                Some(*status)
            }
            _ => None,
        }
    }

    pub fn id(&self) -> Option<&str> {
        match self {
            Fate::Delivered(Delivery::Sent { id, .. }) => id.as_deref(),
            Fate::Delivered(Delivery::Found { id }) => Some(id),
            _ => None,
        }
    }

    /// One line for people: the API's message, or why it was not sent.
    pub fn detail(&self) -> String {
        match self {
            Fate::Untouched => "not sent".into(),
            Fate::NotSent(why) => why.to_string(),
            Fate::Delivered(Delivery::Sent { status, id }) => match id {
                Some(id) => format!("{status}, id {id}"),
                None => status.to_string(),
            },
            Fate::Delivered(Delivery::Failed {
                status, message, ..
            }) => format!("{status}: {message}"),
            Fate::Delivered(Delivery::Unknown { message }) => message.clone(),
            Fate::Delivered(Delivery::Found { id }) => {
                format!("not sent: the account has it already (order {id}, found by its number)")
            }
        }
    }
}

/// One payload of the report.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// 1-based, in file order.
    pub row: usize,
    pub line: usize,
    pub outcome: &'a Outcome,
    pub fate: Fate<'a>,
}

/// The whole report as JSON: every issue of every payload, and every delivery.
pub fn to_json<'a>(kind: &str, file: &str, rows: impl IntoIterator<Item = Row<'a>>) -> String {
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|r| {
            let mut send = json!({"state": r.fate.state(), "detail": r.fate.detail()});
            if let Some(s) = r.fate.status() {
                send["status"] = json!(s);
            }
            if let Some(id) = r.fate.id() {
                send["id"] = json!(id);
            }
            if let Fate::Delivered(Delivery::Failed { body, .. }) = r.fate {
                send["response"] = json!(body);
            }
            json!({
                "row": r.row,
                "line": r.line,
                "valid": r.outcome.valid,
                "issues": r.outcome.issues,
                "send": send,
            })
        })
        .collect();
    let doc = json!({"kind": kind, "file": file, "rows": rows});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

pub const CSV_HEADER: &str = "row,line,valid,errors,warnings,issues,send,status,id,detail";

/// One line a payload. Issues are `pointer code: message`, joined with ` | `.
pub fn to_csv<'a>(rows: impl IntoIterator<Item = Row<'a>>) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for r in rows {
        let (errors, warnings) = r.outcome.counts();
        let issues: Vec<String> = r
            .outcome
            .issues
            .iter()
            .map(|i| format!("{} {}: {}", i.pointer, i.code, i.message))
            .collect();
        let cells = [
            r.row.to_string(),
            r.line.to_string(),
            r.outcome.valid.to_string(),
            errors.to_string(),
            warnings.to_string(),
            issues.join(" | "),
            r.fate.state().to_string(),
            r.fate.status().map(|s| s.to_string()).unwrap_or_default(),
            r.fate.id().unwrap_or_default().to_string(),
            r.fate.detail(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The payloads marked valid, as JSON Lines: one compact line each (an element of a JSON
/// array may have spanned lines in the file).
pub fn valid_jsonl<'a>(payloads: impl IntoIterator<Item = (&'a str, bool)>) -> String {
    payloads
        .into_iter()
        .filter(|(_, valid)| *valid)
        .map(|(p, _)| {
            serde_json::from_str::<serde_json::Value>(p)
                .map_or_else(|_| p.to_string(), |v| v.to_string())
                + "\n"
        })
        .collect()
}

/// A CSV cell (RFC 4180 quoting). Text a spreadsheet would run as a formula gets a
/// leading apostrophe: API answers are not to be trusted with that. A leading tab or
/// carriage return counts too (OWASP: some spreadsheets skip it, then read the formula).
fn cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orderlint_rules::{Issue, Severity};

    fn outcome(errors: usize) -> Outcome {
        Outcome::from_issues(
            (0..errors)
                .map(|n| Issue {
                    pointer: format!("/order/line_items_attributes/{n}/remote_id"),
                    code: "veeqo.order.remote_id.missing".into(),
                    severity: Severity::Error,
                    message: "remote_id is missing, \"the Amazon order item id\".".into(),
                    rule: None,
                    fix: None,
                })
                .collect(),
        )
    }

    #[test]
    fn csv_says_what_became_of_each_payload() {
        let (clean, broken) = (outcome(0), outcome(2));
        let sent = Delivery::Sent {
            status: 201,
            id: Some("42".into()),
        };
        let failed = Delivery::Failed {
            status: 422,
            message: "=HYPERLINK(\"x\")".into(),
            body: "{}".into(),
        };
        let rows = [
            Row {
                row: 1,
                line: 1,
                outcome: &clean,
                fate: Fate::Delivered(&sent),
            },
            Row {
                row: 2,
                line: 2,
                outcome: &broken,
                fate: Fate::NotSent(&NotSent::Invalid),
            },
            Row {
                row: 3,
                line: 4,
                outcome: &clean,
                fate: Fate::Delivered(&failed),
            },
            Row {
                row: 4,
                line: 5,
                outcome: &clean,
                fate: Fate::Untouched,
            },
        ];
        let csv = to_csv(rows);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(lines[1], "1,1,true,0,0,,sent,201,42,\"201, id 42\"");
        assert!(lines[2].starts_with("2,2,false,2,0,\"/order/line_items_attributes/0/remote_id veeqo.order.remote_id.missing: remote_id is missing, \"\"the Amazon"), "{}", lines[2]);
        assert!(lines[2].ends_with(",not_sent,,,not sent: it has errors"));
        assert!(
            lines[3].ends_with(",failed,422,,\"422: =HYPERLINK(\"\"x\"\")\""),
            "{}",
            lines[3]
        );
        assert_eq!(lines[4], "4,5,true,0,0,,not_sent,,,not sent");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("-3"), "'-3");
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
        assert_eq!(cell("\r=1+1"), "\"'\r=1+1\"");
    }

    #[test]
    fn json_keeps_every_issue_and_the_failed_response() {
        let broken = outcome(1);
        let failed = Delivery::Failed {
            status: 422,
            message: "no".into(),
            body: "{\"error_messages\":[\"no\"]}".into(),
        };
        let text = to_json(
            "veeqo.order",
            "orders.jsonl",
            [Row {
                row: 1,
                line: 3,
                outcome: &broken,
                fate: Fate::Delivered(&failed),
            }],
        );
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["kind"], "veeqo.order");
        assert_eq!(v["rows"][0]["line"], 3);
        assert_eq!(
            v["rows"][0]["issues"][0]["code"],
            "veeqo.order.remote_id.missing"
        );
        assert_eq!(v["rows"][0]["send"]["state"], "failed");
        assert_eq!(v["rows"][0]["send"]["status"], 422);
        assert_eq!(
            v["rows"][0]["send"]["response"],
            "{\"error_messages\":[\"no\"]}"
        );
    }

    #[test]
    fn valid_payloads_one_a_line() {
        let rows = [
            ("{\n  \"a\": 1\n}", true),
            ("{\"b\": 2}", false),
            ("{\"c\": [1, 2]}", true),
        ];
        assert_eq!(valid_jsonl(rows), "{\"a\":1}\n{\"c\":[1,2]}\n");
        assert_eq!(valid_jsonl([("{\"b\": 2}", false)]), "");
    }
}
