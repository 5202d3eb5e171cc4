//! One walk over the whole document before the field rules: template placeholders
//! anywhere, keys written twice, and nesting too deep to be a real payload.

use crate::codes;
use orderlint_json::Value;

use super::pointer::Ptr;
use super::text::{first_placeholder, quote, show};
use super::Report;

/// Deeper than any payload of these APIs; past it the document is refused.
pub const MAX_DEPTH: usize = 32;

/// One step from a value to a child.
#[derive(Clone, Copy)]
enum Seg<'v> {
    Key(&'v str),
    Idx(usize),
}

/// The pointer of the value whose path from the root is `path`; built only to report.
fn pointer(path: &[Seg]) -> Ptr {
    path.iter().fold(Ptr::root(), |p, s| match s {
        Seg::Key(k) => p.key(k),
        Seg::Idx(i) => p.idx(*i),
    })
}

/// Reports placeholders and excessive depth. Returns false when the document is too
/// deep for the field rules to run. Iterative, so no input can overflow the stack; no
/// pointer is built unless there is something to report.
pub fn scan(root: &Value, r: &mut Report) -> bool {
    // Nearly every payload has nothing to report: one light pass says so, keeping no
    // path; only a payload with something to report is walked again, with paths.
    if clean(root) {
        r.set_placeholders(false);
        return true;
    }
    walk(root, r)
}

/// Whether what the parser saw rules out anything [`scan`] reports.
pub fn clean_by(facts: Option<orderlint_json::Facts>) -> bool {
    facts.is_some_and(|f| {
        usize::try_from(f.depth).is_ok_and(|d| d <= MAX_DEPTH) && !f.duplicates && !f.braces
    })
}

/// Whether the document holds no placeholder, no key written twice and no value deeper
/// than [`MAX_DEPTH`].
fn clean<'x, 'y>(root: &'x Value<'y>) -> bool {
    if !fine(root, 0) {
        return false;
    }
    let mut stack: Vec<(&'x Value<'y>, usize)> = vec![(root, 0)];
    while let Some((v, depth)) = stack.pop() {
        let children: &mut dyn Iterator<Item = &'y Value<'y>> = match v {
            Value::Array(a) => &mut a.iter(),
            Value::Object(m) if m.duplicates().is_empty() => &mut m.values(),
            Value::Object(_) => return false,
            _ => continue,
        };
        for child in children {
            if !fine(child, depth + 1) {
                return false;
            }
            if matches!(child, Value::Array(_) | Value::Object(_)) {
                stack.push((child, depth + 1));
            }
        }
    }
    true
}

/// A value [`walk`] would say nothing about, on its own.
fn fine(v: &Value, depth: usize) -> bool {
    depth <= MAX_DEPTH
        && match v {
            Value::String(s) => first_placeholder(s).is_none(),
            _ => true,
        }
}

/// The walk that reports, keeping the path to each value.
fn walk(root: &Value, r: &mut Report) -> bool {
    // (value, depth, the step to it); `path` holds the steps from the root to the value
    // being looked at: a pre-order walk pops a value right after its ancestors.
    let mut stack: Vec<(&Value, usize, Option<Seg>)> = vec![(root, 0, None)];
    let mut path: Vec<Seg> = Vec::new();
    let mut ok = true;
    let mut placeholders = false;
    while let Some((v, depth, seg)) = stack.pop() {
        path.truncate(depth.saturating_sub(1));
        path.extend(seg);
        if depth > MAX_DEPTH {
            if ok {
                let ptr = pointer(&path);
                r.report(&codes::JSON_TOO_DEEP, ptr.as_str(), format!(
                        "The document nests more than {MAX_DEPTH} levels at {ptr}; no payload of this API is that deep."
                    ));
            }
            ok = false;
            continue;
        }
        match v {
            Value::String(s) => {
                if let Some(p) = first_placeholder(s) {
                    placeholders = true;
                    let ptr = pointer(&path);
                    r.report(
                        &codes::TEMPLATE_PLACEHOLDER,
                        ptr.as_str(),
                        format!("{ptr} still holds the template placeholder {p}; replace it with the real value."),
                    );
                }
            }
            Value::Array(a) => {
                for (i, item) in a.iter().enumerate().rev() {
                    stack.push((item, depth + 1, Some(Seg::Idx(i))));
                }
            }
            Value::Object(m) => {
                for key in m.duplicates() {
                    let ptr = pointer(&path).key(key);
                    let kept = m.get(key).map(show).unwrap_or_default();
                    r.report(&codes::JSON_DUPLICATE_KEY, ptr.as_str(), format!(
                            "{} appears more than once in {}; parsers differ on which one they keep (this check read the last, {kept}): write it once.",
                            quote(key),
                            pointer(&path)
                        ));
                }
                let at = stack.len();
                stack.extend(
                    m.iter()
                        .map(|(k, item)| (item, depth + 1, Some(Seg::Key(k)))),
                );
                stack[at..].reverse();
            }
            _ => {}
        }
    }
    r.set_placeholders(placeholders);
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_follow_the_walk_back_up_to_siblings() {
        let doc = orderlint_json::json!({
            "a": {"b": ["ok", "{{x}}"], "c/d": {"e": "{{y}}"}},
            "f": [[["{{z}}"]]],
            "g": "{{w}}"
        });
        let doc = *doc.value();
        let mut r = Report::new();
        assert!(scan(&doc, &mut r));
        let at: Vec<String> = r.finish().into_iter().map(|i| i.pointer).collect();
        assert_eq!(at, vec!["/a/b/1", "/a/c~1d/e", "/f/0/0/0", "/g"]);
    }
}
