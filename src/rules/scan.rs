//! One walk over the whole document before the field rules: template placeholders
//! anywhere, and nesting too deep to be a real payload.

use serde_json::Value;

use super::pointer::Ptr;
use super::text::first_placeholder;
use super::Report;

/// Deeper than any payload of these APIs; past it the document is refused.
pub const MAX_DEPTH: usize = 32;

/// Reports placeholders and excessive depth. Returns false when the document is too
/// deep for the field rules to run. Iterative, so no input can overflow the stack.
pub fn scan(root: &Value, r: &mut Report) -> bool {
    let mut stack: Vec<(&Value, Ptr, usize)> = vec![(root, Ptr::root(), 0)];
    let mut ok = true;
    while let Some((v, ptr, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            if ok {
                r.error(
                    ptr.as_str(),
                    "json.too_deep",
                    format!(
                        "The document nests more than {MAX_DEPTH} levels at {ptr}; no payload of this API is that deep."
                    ),
                );
            }
            ok = false;
            continue;
        }
        match v {
            Value::String(s) => {
                if let Some(p) = first_placeholder(s) {
                    r.error(
                        ptr.as_str(),
                        "template.placeholder",
                        format!("{ptr} still holds the template placeholder {p}; replace it with the real value."),
                    );
                }
            }
            Value::Array(a) => {
                for (i, item) in a.iter().enumerate().rev() {
                    stack.push((item, ptr.idx(i), depth + 1));
                }
            }
            Value::Object(m) => {
                let children: Vec<_> = m.iter().collect();
                for (k, item) in children.into_iter().rev() {
                    stack.push((item, ptr.key(k), depth + 1));
                }
            }
            _ => {}
        }
    }
    ok
}
