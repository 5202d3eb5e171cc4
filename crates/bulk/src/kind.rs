//! A file's kind, told from its first rows by the rule engine's `detect`: a FeedAMP file
//! checked under the default `veeqo.order` is an error on every row, and says nothing of
//! why.

use orderlint_rules::{detect, parse, Kind};

/// Rows read to tell the kind: enough to see past a broken row or two, few enough that a
/// file of 100 000 is told at once.
const SAMPLE: usize = 20;

/// What the first rows say the file is.
#[derive(Clone, Debug, PartialEq)]
pub struct FileKind {
    pub kind: Kind,
    /// `detect`'s reason, for row `row` (1-based): the first row it told.
    why: String,
    row: usize,
    /// How many of the rows read are JSON, and how many of those are this kind.
    read: usize,
    agree: usize,
}

impl FileKind {
    /// What the rows said, for people.
    pub fn evidence(&self) -> String {
        format!(
            "{} of the first {} rows are; row {}: {}",
            self.agree,
            self.read,
            self.row,
            self.why.trim_end_matches('.')
        )
    }
}

/// The kind the file's first rows plainly are: more than half of those that are JSON are
/// told as one kind, and none as another. `None` when they are mixed or told as none.
pub fn file_kind<'a>(payloads: impl IntoIterator<Item = &'a str>) -> Option<FileKind> {
    let mut told: Option<FileKind> = None;
    let mut read = 0;
    for (i, text) in payloads.into_iter().take(SAMPLE).enumerate() {
        let Ok(v) = parse(text) else { continue };
        read += 1;
        let d = detect(v.value());
        match (d.kind, told.as_mut()) {
            (None, _) => {}
            (Some(kind), None) => {
                told = Some(FileKind {
                    kind,
                    why: d.why,
                    row: i + 1,
                    read: 0,
                    agree: 1,
                })
            }
            (Some(kind), Some(t)) if t.kind == kind => t.agree += 1,
            // Rows of two kinds: the file is not plainly either.
            (Some(_), Some(_)) => return None,
        }
    }
    let mut told = told?;
    told.read = read;
    (told.agree * 2 > read).then_some(told)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEEDAMP: &str =
        r#"{"mp_order_number": "A1", "marketplace_state": "PENDING", "order_lines": []}"#;
    const VEEQO: &str = r#"{"order": {"channel_id": 1, "line_items_attributes": []}}"#;

    #[test]
    fn rows_of_one_kind_tell_it_broken_ones_aside() {
        let told = file_kind([FEEDAMP, "{not json", FEEDAMP, FEEDAMP]).unwrap();
        assert_eq!(told.kind, Kind::FeedampOrder);
        assert_eq!((told.read, told.agree, told.row), (3, 3, 1));
        assert!(told
            .evidence()
            .starts_with("3 of the first 3 rows are; row 1: "));
    }

    #[test]
    fn mixed_or_mostly_untold_rows_tell_nothing() {
        assert_eq!(file_kind([FEEDAMP, VEEQO]), None);
        assert_eq!(file_kind([FEEDAMP, "{}", "{}"]), None);
        assert_eq!(file_kind(["{not json"]), None);
    }
}
