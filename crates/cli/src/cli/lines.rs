//! JSON Lines read in batches of whole lines, so a file of any size is checked in the
//! same memory: a batch is read while the one before it is checked.

use std::io::{self, Read};

/// Bytes read at a time.
const READ: usize = 1 << 20;

/// Whole lines of the input, about `target` bytes of them, and the number of the first.
pub struct Batch {
    pub text: Vec<u8>,
    pub first_line: usize,
}

impl Batch {
    /// The non-blank lines, each with its number; `\r\n` ends a line as `\n` does.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let text = self.text.strip_suffix(b"\n").unwrap_or(&self.text);
        let ends = memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len()));
        let mut start = 0;
        ends.enumerate()
            .map(move |(i, end)| {
                let l = &text[start..end];
                start = end + 1;
                (self.first_line + i, l.strip_suffix(b"\r").unwrap_or(l))
            })
            .filter(|(_, l)| !is_blank(l))
    }
}

/// Blank as `str::trim` sees it (Unicode white space too), without checking the UTF-8 of
/// every line: a line's first non-space byte is almost always `{`.
fn is_blank(line: &[u8]) -> bool {
    match line.iter().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|s| s.trim().is_empty()),
    }
}

pub struct Batches<R> {
    reader: R,
    /// Read but not yet handed out: the start of a line whose end is still to come.
    pending: Vec<u8>,
    next_line: usize,
    at_start: bool,
    done: bool,
}

impl<R: Read> Batches<R> {
    pub fn new(reader: R) -> Self {
        Batches {
            reader,
            pending: Vec::new(),
            next_line: 1,
            at_start: true,
            done: false,
        }
    }

    /// The next batch of at least `target` bytes (fewer at the end of the input), ending
    /// at the end of a line; `None` once the input is exhausted.
    pub fn next_batch(&mut self, target: usize) -> io::Result<Option<Batch>> {
        loop {
            if self.at_start && self.pending.len() >= 3 || self.done {
                if self.at_start && self.pending.starts_with("\u{feff}".as_bytes()) {
                    self.pending.drain(..3);
                }
                self.at_start = false;
            }
            let cut = if self.done {
                Some(self.pending.len())
            } else if self.pending.len() >= target {
                self.pending
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map(|i| i + 1)
            } else {
                None
            };
            if let Some(cut) = cut.filter(|&c| c > 0) {
                let rest = self.pending.split_off(cut);
                let text = std::mem::replace(&mut self.pending, rest);
                let first_line = self.next_line;
                self.next_line += memchr::memchr_iter(b'\n', &text).count();
                return Ok(Some(Batch { text, first_line }));
            }
            if self.done {
                return Ok(None);
            }
            let len = self.pending.len();
            self.pending.resize(len + READ, 0);
            let n = loop {
                match self.reader.read(&mut self.pending[len..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            self.pending.truncate(len + *n.as_ref().unwrap_or(&0));
            if n? == 0 {
                self.done = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, target: usize) -> Vec<(usize, String)> {
        let mut b = Batches::new(text.as_bytes());
        let mut out = vec![];
        while let Some(batch) = b.next_batch(target).unwrap() {
            assert!(batch.text.ends_with(b"\n") || !text.ends_with('\n'));
            out.extend(
                batch
                    .lines()
                    .map(|(n, l)| (n, String::from_utf8(l.to_vec()).unwrap())),
            );
        }
        out
    }

    #[test]
    fn lines_keep_their_numbers_across_batches() {
        let text = "\u{feff}{\"a\":1}\n\n  \r\n{\"b\":2}\r\nnot json\n{\"c\":3}";
        let want = vec![
            (1, "{\"a\":1}".to_string()),
            (4, "{\"b\":2}".to_string()),
            (5, "not json".to_string()),
            (6, "{\"c\":3}".to_string()),
        ];
        for target in [1, 2, 5, 7, 100] {
            assert_eq!(all(text, target), want, "batches of {target}");
        }
    }

    #[test]
    fn the_same_lines_as_the_page_and_the_npm_module() {
        let text = "\u{feff}a\r\n\nb\n \t\n\u{a0}\u{3000}\nc\r\n\n";
        let theirs: Vec<(usize, String)> = orderlint_bulk::input::json_lines(text)
            .map(|p| (p.line, p.text.to_string()))
            .collect();
        assert_eq!(all(text, 1), theirs);
        assert_eq!(all(text, 1 << 20), theirs);
    }

    #[test]
    fn empty_input_has_no_batch_with_lines() {
        assert!(all("", 10).is_empty());
        assert!(all("\n\n  \n", 10).is_empty());
        assert!(all("\u{feff}", 10).is_empty());
    }
}
