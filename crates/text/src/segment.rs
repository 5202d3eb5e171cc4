//! Whether an id can stand as one segment of a request's path. The rules (which report
//! it) and the API layer (which refuses to build such a request) share this one answer;
//! it depends on nothing.

/// Why `id` cannot be one path segment, or `None` when it can. Percent-encoding keeps a
/// `/` from splitting the segment here, but a proxy that decodes before forwarding (nginx
/// with a URI in `proxy_pass` does) turns `A1%2Frefunds%2F1005%2Fcomplete` back into four
/// segments, and a server resolves `.` and `..` as steps: such an id is never sent.
pub fn problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("is empty".into());
    }
    if id == "." || id == ".." {
        return Some("is a dot segment, which a server reads as a step in the path".into());
    }
    let c = id
        .chars()
        .find(|c| matches!(c, '/' | '\\' | '?' | '#') || c.is_control())?;
    let what = match c {
        '/' | '\\' => format!("holds \"{c}\", a path separator"),
        '?' => "holds \"?\", which starts a query".into(),
        '#' => "holds \"#\", which starts a fragment".into(),
        _ => format!("holds the control character U+{:04X}", c as u32),
    };
    Some(what)
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn what_may_not_be_a_segment() {
        for ok in [
            "A-1001",
            "111-99998888-55555",
            "a.b",
            "...",
            "R1 (gift)",
            "é",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("A1/refunds/1005/complete", "holds \"/\", a path separator"),
            ("A1\\x", "holds \"\\\", a path separator"),
            ("A1?x=1", "holds \"?\", which starts a query"),
            ("A1#x", "holds \"#\", which starts a fragment"),
            ("A1\nB", "holds the control character U+000A"),
            (
                "..",
                "is a dot segment, which a server reads as a step in the path",
            ),
            (
                ".",
                "is a dot segment, which a server reads as a step in the path",
            ),
            ("", "is empty"),
        ] {
            assert_eq!(problem(bad).as_deref(), Some(why), "{bad:?}");
        }
    }
}
