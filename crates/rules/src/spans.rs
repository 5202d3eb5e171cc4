//! Each issue at its place in the text, as an editor marks it: a range in UTF-16 code units
//! (JavaScript's string offsets), the severity, the message and the code.

use super::locate::{line_col_offset, locate};
use super::{Outcome, ParseError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub from: usize,
    pub to: usize,
    pub severity: &'static str,
    pub message: String,
    /// The issue's code, shown beside the message.
    pub source: String,
}

/// The spans of a validation's issues in `text`. A value that spans lines (a missing field
/// is reported at its object) is marked by its first character only, so that one missing
/// field does not underline the whole order.
pub fn spans(text: &str, outcome: &Result<Outcome, ParseError>) -> Vec<Span> {
    let units = Utf16::new(text);
    match outcome {
        Err(e) => {
            let at = line_col_offset(text, e.line, e.column);
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            vec![Span {
                from: units.of(at),
                to: units.of(end),
                severity: "error",
                message: e.message.clone(),
                source: "json.syntax".into(),
            }]
        }
        Ok(o) => o
            .issues
            .iter()
            .map(|i| {
                let (s, e) = locate(text, &i.pointer).unwrap_or((0, 0));
                let e = if text[s..e].contains('\n') { s + 1 } else { e };
                Span {
                    from: units.of(s),
                    to: units.of(e),
                    severity: i.severity.as_str(),
                    message: i.message.clone(),
                    source: i.code.clone(),
                }
            })
            .collect(),
    }
}

/// Byte offsets to UTF-16 offsets; free for ASCII text, the usual payload.
struct Utf16<'a> {
    text: &'a str,
    ascii: bool,
}

impl<'a> Utf16<'a> {
    fn new(text: &'a str) -> Self {
        Utf16 {
            text,
            ascii: text.is_ascii(),
        }
    }

    fn of(&self, byte: usize) -> usize {
        if self.ascii {
            byte.min(self.text.len())
        } else {
            super::locate::utf16_offset(self.text, byte)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{validate_text, Kind};

    #[test]
    fn a_bad_value_is_marked_where_it_stands_in_utf16_units() {
        // "é" is two bytes, one UTF-16 unit; "😀" four bytes, two units.
        let text = "{\"name\": \"é😀\", \"short_name\": \"ABC\", \"type_code\": \"direct\"}";
        let outcome = validate_text(Kind::VeeqoChannel, text, None);
        let s = spans(text, &outcome);
        let short = s
            .iter()
            .find(|s| s.source.contains("short_name"))
            .expect("short_name is too long");
        let js: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&js[short.from..short.to]).unwrap(),
            "\"ABC\""
        );
        assert_eq!(short.severity, "error");
    }

    #[test]
    fn a_missing_field_marks_one_character_of_its_object() {
        let text = "{\n  \"channel\": {\n    \"type_code\": \"direct\"\n  }\n}";
        let outcome = validate_text(Kind::VeeqoChannel, text, None);
        let s = spans(text, &outcome);
        let name = s
            .iter()
            .find(|s| s.message.contains("name"))
            .expect("name is missing");
        assert_eq!(name.to - name.from, 1);
        assert_eq!(&text[name.from..name.to], "{");
    }

    #[test]
    fn text_that_is_not_json_is_marked_where_the_parser_stopped() {
        let text = "{\n  \"a\": ,\n}";
        let outcome = validate_text(Kind::VeeqoChannel, text, None);
        let s = spans(text, &outcome);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].source, "json.syntax");
        assert_eq!(&text[s[0].from..s[0].to], ",");
    }
}
