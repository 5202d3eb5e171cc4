//! Reading a file of payloads: JSON Lines (one payload a line) or a JSON array. Each
//! payload keeps its own text and the line it starts on, so a broken one is that row's
//! problem, not the whole file's.

use std::str::Utf8Error;

use orderlint_rules::{Issue, Outcome, ParseError, Severity};
use orderlint_text::locate::{skip_value, skip_ws};

/// More rows than this is refused with a message, not an exhausted tab.
pub const MAX_ROWS: usize = 100_000;

/// One payload of a file, as written there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payload<'a> {
    /// The 1-based line the payload starts on.
    pub line: usize,
    pub text: &'a str,
}

/// How a file holds its payloads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    JsonLines,
    JsonArray,
}

/// Whether a file's name says it holds JSON Lines (`.jsonl`, `.ndjson`, any case): the one
/// rule the CLI and the page share.
pub fn is_json_lines_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

impl Format {
    /// From the file name, or from the first character when the name does not say.
    pub fn of(name: &str, text: &str) -> Format {
        if is_json_lines_name(name) {
            Format::JsonLines
        } else if name.to_ascii_lowercase().ends_with(".json")
            || strip_bom(text).trim_start().starts_with('[')
        {
            Format::JsonArray
        } else {
            Format::JsonLines
        }
    }
}

/// The text without a leading UTF-8 byte order mark, which JSON parsers refuse.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The non-blank lines of JSON Lines text, each with its line number. The CLI, the JS
/// module and the page all split JSON Lines here.
pub fn json_lines(text: &str) -> impl Iterator<Item = Payload<'_>> {
    strip_bom(text)
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Payload {
            line: i + 1,
            text: l,
        })
}

/// A non-blank line of JSON Lines bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByteLine<'a> {
    /// The 1-based line number.
    pub line: usize,
    pub bytes: &'a [u8],
    /// The line as text, or where its bytes stop being UTF-8.
    pub text: Result<&'a str, Utf8Error>,
}

/// The non-blank lines of JSON Lines bytes that may not all be UTF-8: the lines (and
/// numbers) [`json_lines`] finds in text, each line's UTF-8 checked on its own, so a bad
/// byte is its line's problem.
pub fn json_lines_bytes(bytes: &[u8]) -> impl Iterator<Item = ByteLine<'_>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    // As `str::lines`: a line ends at `\n` or `\r\n`; a `\r` at the very end stays.
    bytes
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
        .filter_map(|(i, l)| {
            let l = match l.strip_suffix(b"\n") {
                Some(l) => l.strip_suffix(b"\r").unwrap_or(l),
                None => l,
            };
            let text = std::str::from_utf8(l);
            match text {
                Ok(t) if t.trim().is_empty() => None,
                _ => Some(ByteLine {
                    line: i + 1,
                    bytes: l,
                    text,
                }),
            }
        })
}

/// Bytes that are not UTF-8 cannot be JSON: the outcome of a payload starting on `line`
/// whose bytes stop being UTF-8 as `e` says, one `json.syntax` error at the first bad byte.
pub fn not_utf8(line: usize, bytes: &[u8], e: Utf8Error) -> (Outcome, ParseError) {
    let good = &bytes[..e.valid_up_to()];
    let line = line + good.iter().filter(|&&b| b == b'\n').count();
    let column = good
        .rsplit(|&b| b == b'\n')
        .next()
        .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
        + 1;
    let byte = bytes[e.valid_up_to()];
    let why = format!("byte 0x{byte:02x} is not UTF-8 text; JSON is UTF-8");
    let issue = Issue {
        pointer: String::new(),
        code: "json.syntax".into(),
        severity: Severity::Error,
        message: format!("Not valid JSON at line {line}, column {column}: {why}."),
        rule: None,
        fix: None,
    };
    (
        Outcome::from_issues(vec![issue]),
        ParseError {
            line,
            column,
            message: why,
        },
    )
}

/// Why a file gave no payloads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file holds no payload: it is empty or blank")]
    Empty,
    #[error("the file holds more than {MAX_ROWS} payloads, the most read at once: split it")]
    TooMany,
    /// The file is not a JSON array (or is broken around its elements).
    #[error("the file is {0}")]
    NotJson(ParseError),
    #[error(
        "a .json file must hold an array of payloads ([{{...}}, {{...}}]); this one holds {found}. \
         For one payload a line, name the file .jsonl"
    )]
    NotAnArray { found: &'static str },
}

/// The payloads of a file.
pub fn read(format: Format, text: &str) -> Result<Vec<Payload<'_>>, FileError> {
    let rows: Vec<Payload> = match format {
        Format::JsonLines => json_lines(text).take(MAX_ROWS + 1).collect(),
        Format::JsonArray => array_elements(strip_bom(text))?,
    };
    match rows.len() {
        0 => Err(FileError::Empty),
        n if n > MAX_ROWS => Err(FileError::TooMany),
        _ => Ok(rows),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The elements of a top-level array, as slices of the text. Where the structure cannot
/// be followed, the JSON parser says exactly where the text goes wrong.
fn array_elements(text: &str) -> Result<Vec<Payload<'_>>, FileError> {
    let b = text.as_bytes();
    let start = skip_ws(b, 0);
    match b.get(start) {
        None => return Err(FileError::Empty),
        Some(b'[') => {}
        Some(b'{') => {
            return Err(FileError::NotAnArray {
                found: "one object",
            })
        }
        Some(_) => return Err(not_json(text, "a single value")),
    }
    let mut rows = Vec::new();
    // Lines are counted incrementally: one pass over the text, however many rows.
    let (mut line, mut counted) = (1, 0);
    let mut i = skip_ws(b, start + 1);
    if b.get(i) == Some(&b']') {
        return trailing(text, i + 1).map(|()| rows);
    }
    loop {
        let Some(end) = skip_value(b, i, 0) else {
            return Err(not_json(text, SPLIT_FAILED));
        };
        line += b[counted..i].iter().filter(|c| **c == b'\n').count();
        counted = i;
        rows.push(Payload {
            line,
            text: &text[i..end],
        });
        if rows.len() > MAX_ROWS {
            return Ok(rows);
        }
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return trailing(text, i + 1).map(|()| rows),
            _ => return Err(not_json(text, SPLIT_FAILED)),
        }
    }
}

/// Only white space may follow the closing bracket.
fn trailing(text: &str, from: usize) -> Result<(), FileError> {
    let at = skip_ws(text.as_bytes(), from);
    if at >= text.len() {
        return Ok(());
    }
    let line = line_of(text, at);
    let column = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count())
        + 1;
    Err(FileError::NotJson(ParseError {
        line,
        column,
        message: "text after the array's closing bracket".into(),
    }))
}

/// What the file holds when the parser accepts what the element walk could not follow.
const SPLIT_FAILED: &str = "an array the reader could not split";

/// The parser's own message for text the element walk could not follow; `found` says
/// what the file holds if the parser accepts it after all.
fn not_json(text: &str, found: &'static str) -> FileError {
    match orderlint_rules::parse(text) {
        Err(e) => FileError::NotJson(e),
        Ok(_) => FileError::NotAnArray { found },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Payload]) -> Vec<(usize, String)> {
        rows.iter().map(|p| (p.line, p.text.to_string())).collect()
    }

    #[test]
    fn json_lines_skip_blank_lines_and_keep_line_numbers() {
        let rows = read(
            Format::JsonLines,
            "\u{feff}{\"a\":1}\n\n  \r\n{\"b\":2}\r\nnot json\n",
        )
        .unwrap();
        assert_eq!(
            texts(&rows),
            vec![
                (1, "{\"a\":1}".into()),
                (4, "{\"b\":2}".into()),
                (5, "not json".into())
            ]
        );
    }

    #[test]
    fn json_lines_bytes_are_the_lines_of_the_text_and_a_bad_byte_is_its_lines() {
        for text in [
            "\u{feff}{\"a\":1}\n\n  \r\n{\"b\":2}\r\nnot json\n",
            "a\r\n\nb\n \t\n\u{a0}\u{3000}\nc\r\n\n",
            "a\rb\r\nc\r",
            "",
            "\n\n",
            "x",
        ] {
            let theirs: Vec<(usize, &str)> = json_lines(text).map(|p| (p.line, p.text)).collect();
            let ours: Vec<(usize, &str)> = json_lines_bytes(text.as_bytes())
                .map(|l| (l.line, l.text.unwrap()))
                .collect();
            assert_eq!(ours, theirs, "{text:?}");
        }
        let bytes = b"{\"a\": 1}\n\n{\"b\": \"caf\xe9\"}\r\n{}\n";
        let lines: Vec<ByteLine> = json_lines_bytes(bytes).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(
            (lines[1].line, lines[1].bytes),
            (3, &b"{\"b\": \"caf\xe9\"}"[..])
        );
        let e = lines[1].text.unwrap_err();
        let (outcome, syntax) = not_utf8(lines[1].line, lines[1].bytes, e);
        assert!(!outcome.valid);
        assert_eq!(
            outcome.issues[0].message,
            "Not valid JSON at line 3, column 11: byte 0xe9 is not UTF-8 text; JSON is UTF-8."
        );
        assert_eq!((syntax.line, syntax.column), (3, 11));
        assert_eq!(lines[2].text, Ok("{}"));
    }

    #[test]
    fn array_elements_are_the_text_as_written_with_their_lines() {
        let text = "[\n  {\"a\": [1, \"],\"]},\n  {\"b\": \"x\\\"y\"}\n  ,\n7, {\"broken\": }\n]\n";
        let rows = read(Format::JsonArray, text).unwrap();
        assert_eq!(
            texts(&rows),
            vec![
                (2, "{\"a\": [1, \"],\"]}".into()),
                (3, "{\"b\": \"x\\\"y\"}".into()),
                (5, "7".into()),
                (5, "{\"broken\": }".into()),
            ]
        );
        assert_eq!(
            read(Format::JsonArray, " [ ] ").unwrap_err(),
            FileError::Empty
        );
    }

    #[test]
    fn files_that_are_not_arrays_say_where_and_why() {
        assert_eq!(
            read(Format::JsonArray, "{\"order\": {}}").unwrap_err(),
            FileError::NotAnArray {
                found: "one object"
            }
        );
        let FileError::NotJson(e) =
            read(Format::JsonArray, "[{\"a\": 1},\n {\"b\": \"open").unwrap_err()
        else {
            panic!("expected a parse error")
        };
        assert_eq!(e.line, 2, "{e}");
        let FileError::NotJson(e) = read(Format::JsonArray, "[1]\n x").unwrap_err() else {
            panic!("expected trailing text")
        };
        assert_eq!((e.line, e.column), (2, 2));
        assert!(read(Format::JsonArray, "[1")
            .unwrap_err()
            .to_string()
            .contains("line 1"));
        assert_eq!(
            read(Format::JsonLines, " \n\n").unwrap_err(),
            FileError::Empty
        );
    }

    #[test]
    fn the_format_comes_from_the_name_then_the_text() {
        assert_eq!(Format::of("a.JSONL", "["), Format::JsonLines);
        assert_eq!(Format::of("a.json", "{}"), Format::JsonArray);
        assert_eq!(Format::of("pasted", "  [1]"), Format::JsonArray);
        assert_eq!(Format::of("pasted", "{}\n{}"), Format::JsonLines);
    }

    #[test]
    fn too_many_rows_are_refused() {
        let text = "{}\n".repeat(MAX_ROWS + 1);
        assert!(matches!(
            read(Format::JsonLines, &text),
            Err(FileError::TooMany)
        ));
    }

    #[test]
    fn deep_or_odd_input_never_panics() {
        for t in [
            "[", "[[[[", "[\"", "[1,", "[,]", "]", "[1 2]", "\u{feff}", "[é]",
        ] {
            let _ = read(Format::JsonArray, t);
            let _ = read(Format::JsonLines, t);
        }
        let deep = format!("[{}]", "[".repeat(5000));
        assert!(read(Format::JsonArray, &deep).is_err());
    }
}
