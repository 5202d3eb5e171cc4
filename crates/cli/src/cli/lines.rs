//! JSON Lines read in batches of whole lines, so a file of any size is checked in the
//! same memory: a batch is read while the one before it is checked. The two batches' buffers
//! are used in turn, so a stream touches its memory once, however large it is.

use std::io::{self, Read};

/// Bytes read at least, while a batch's last line is still open (one byte in the tests,
/// so that batches end anywhere).
const MORE: usize = if cfg!(test) { 1 } else { 64 << 10 };

/// Whole lines of the input, about `target` bytes of them, and the number of the first.
pub struct Batch {
    /// The batch's lines, then the start of the next batch's first line (which the next
    /// [`Batches::next_batch`] carries over).
    buf: Vec<u8>,
    /// Where the batch's lines end in `buf`.
    end: usize,
    pub first_line: usize,
}

impl Batch {
    /// The batch's text: whole lines.
    pub fn text(&self) -> &[u8] {
        &self.buf[..self.end]
    }

    /// The non-blank lines, each with its number; `\r\n` ends a line as `\n` does.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let text = self.text();
        let text = text.strip_suffix(b"\n").unwrap_or(text);
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
    /// Buffers of batches already checked, to be filled again.
    spare: Vec<Vec<u8>>,
    /// The bytes the last batch handed out holds past its lines, for the next one.
    carried: usize,
    next_line: usize,
    at_start: bool,
    done: bool,
}

impl<R: Read> Batches<R> {
    pub fn new(reader: R) -> Self {
        Batches {
            reader,
            spare: Vec::new(),
            carried: 0,
            next_line: 1,
            at_start: true,
            done: false,
        }
    }

    /// The next batch of at least `target` bytes (fewer at the end of the input), ending
    /// at the end of a line; `None` once the input is exhausted. `prev` is the batch this
    /// call returned last (still being checked, perhaps): the start of the line it holds
    /// past its end is carried over.
    pub fn next_batch(&mut self, target: usize, prev: Option<&Batch>) -> io::Result<Option<Batch>> {
        let carried = prev.map_or(&[][..], |p| &p.buf[p.end..]);
        debug_assert_eq!(carried.len(), self.carried, "pass the batch returned last");
        let mut buf = self
            .spare
            .pop()
            .unwrap_or_else(|| Vec::with_capacity(target + MORE));
        buf.clear();
        buf.extend_from_slice(carried);
        self.carried = 0;
        // How much of `buf` is known to hold no newline: a line longer than a batch is
        // searched once, not again after every read.
        let mut searched = 0;
        loop {
            // A byte order mark is dropped once three bytes (or all there are) are in.
            let undecided = self.at_start && buf.len() < 3 && !self.done;
            if self.at_start && !undecided {
                if buf.starts_with("\u{feff}".as_bytes()) {
                    buf.drain(..3);
                }
                self.at_start = false;
            }
            let cut = if undecided {
                None
            } else if self.done {
                Some(buf.len())
            } else if buf.len() >= target {
                let found = memchr::memrchr(b'\n', &buf[searched..]).map(|i| searched + i + 1);
                searched = buf.len();
                found
            } else {
                None
            };
            if let Some(end) = cut.filter(|&c| c > 0) {
                let first_line = self.next_line;
                self.next_line += memchr::memchr_iter(b'\n', &buf[..end]).count();
                self.carried = buf.len() - end;
                return Ok(Some(Batch {
                    buf,
                    end,
                    first_line,
                }));
            }
            if self.done {
                return Ok(None);
            }
            // Straight into the buffer's spare room: nothing zeroed first, nothing copied.
            let want = target.saturating_sub(buf.len()).max(MORE);
            buf.reserve(want);
            if (&mut self.reader).take(want as u64).read_to_end(&mut buf)? == 0 {
                self.done = true;
            }
        }
    }

    /// A batch that has been checked: its buffer is filled again by a later batch.
    pub fn recycle(&mut self, batch: Batch) {
        if self.spare.len() < 2 {
            self.spare.push(batch.buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, target: usize) -> Vec<(usize, String)> {
        let mut b = Batches::new(text.as_bytes());
        let mut out = vec![];
        let mut prev: Option<Batch> = None;
        loop {
            let next = b.next_batch(target, prev.as_ref()).unwrap();
            if let Some(p) = prev.take() {
                b.recycle(p);
            }
            let Some(batch) = next else { break };
            assert!(batch.text().ends_with(b"\n") || !text.ends_with('\n'));
            out.extend(
                batch
                    .lines()
                    .map(|(n, l)| (n, String::from_utf8(l.to_vec()).unwrap())),
            );
            prev = Some(batch);
        }
        out
    }

    #[test]
    fn a_line_longer_than_a_batch_is_read_whole() {
        let long = format!("{{\"a\": \"{}\"}}", "x".repeat(5000));
        let text = format!("{{}}\n{long}\n{{}}\n\n{long}");
        let want = vec![
            (1, "{}".to_string()),
            (2, long.clone()),
            (3, "{}".to_string()),
            (5, long.clone()),
        ];
        for target in [1, 10, 100, 6000, 1 << 20] {
            assert_eq!(all(&text, target), want, "batches of {target}");
        }
    }

    #[test]
    fn a_stream_fills_two_buffers_in_turn() {
        let text = "{\"a\": 1}\n".repeat(10_000);
        let mut b = Batches::new(text.as_bytes());
        let (mut prev, mut buffers, mut lines) = (None::<Batch>, vec![], 0);
        loop {
            let next = b.next_batch(1000, prev.as_ref()).unwrap();
            if let Some(p) = prev.take() {
                b.recycle(p);
            }
            let Some(batch) = next else { break };
            lines += batch.lines().count();
            if !buffers.contains(&batch.buf.as_ptr()) {
                buffers.push(batch.buf.as_ptr());
            }
            prev = Some(batch);
        }
        assert_eq!(lines, 10_000);
        assert_eq!(buffers.len(), 2);
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
