//! Small text helpers shared by every family of rules: quoting values in messages,
//! "did you mean", and template placeholders.

use orderlint_json::Value;

/// Longest value quoted in a message; huge strings are cut so reports stay readable.
const QUOTE_MAX: usize = 40;

/// A value as it appears in a message: strings quoted and cut at a char boundary.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => quote(s),
        Value::Array(a) => format!("an array of {}", a.len()),
        Value::Object(_) => "an object".to_string(),
        Value::Null => "null".to_string(),
        other => other.to_string(),
    }
}

pub fn quote(s: &str) -> String {
    if s.chars().count() <= QUOTE_MAX {
        format!("\"{s}\"")
    } else {
        let cut: String = s.chars().take(QUOTE_MAX).collect();
        format!("\"{cut}…\"")
    }
}

/// A number as JSON writes it ("8", "0.08"); avoids pulling float formatting into the bundle.
pub fn num(x: f64) -> String {
    serde_json::Number::from_f64(x).map_or_else(|| "NaN".into(), |n| n.to_string())
}

/// The JSON type name used in messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Levenshtein distance over chars, giving up (None) once it exceeds `max`.
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// Names integrators bring from other APIs, and what these APIs call them: the first one
/// the object knows is suggested. Not typos, so no edit distance would find them.
const OTHER_NAMES: &[(&str, &[&str])] = &[
    ("address_line_1", &["address1"]),
    ("address_line1", &["address1"]),
    ("addressline1", &["address1"]),
    ("street", &["address1"]),
    ("street1", &["address1"]),
    ("address_line_2", &["address2"]),
    ("address_line2", &["address2"]),
    ("street2", &["address2"]),
    ("zip_code", &["zip", "postal_code"]),
    ("zipcode", &["zip", "postal_code"]),
    ("postcode", &["zip", "postal_code"]),
    ("post_code", &["zip", "postal_code"]),
    ("postal_code", &["zip"]),
    ("zip", &["postal_code"]),
    ("country_code", &["country"]),
    ("country", &["country_code"]),
    ("province", &["state"]),
    ("region", &["state"]),
    ("county", &["state"]),
    ("town", &["city"]),
    ("phone_number", &["phone"]),
    ("telephone", &["phone"]),
    ("email_address", &["email", "customer_email"]),
    ("name", &["full_name", "title"]),
    ("sku", &["remote_sku", "sku_code"]),
    ("asin", &["remote_id"]),
    ("qty", &["quantity"]),
    ("price", &["price_per_unit", "unit_price"]),
    ("order_number", &["number", "mp_order_number"]),
    ("order_id", &["number", "mp_order_number"]),
    ("amazon_order_id", &["number", "mp_order_number"]),
    ("line_items", &["line_items_attributes", "order_lines"]),
    ("items", &["line_items_attributes", "order_lines"]),
    ("lines", &["order_lines", "line_items_attributes"]),
    ("customer", &["customer_attributes"]),
    ("shipping_address", &["deliver_to_attributes"]),
    ("deliver_to", &["deliver_to_attributes"]),
    ("billing_address", &["billing_address_attributes"]),
    ("variants", &["product_variants_attributes"]),
    ("images", &["images_attributes"]),
    ("payment", &["payment_attributes"]),
    ("redirect_uri", &["redirect_url"]),
];

/// The known name closest to `input`, if one is close enough to be a likely typo, or the
/// name these APIs use for one that other APIs use (`zip_code` for `zip`).
/// Case and `-`/`_` differences count as close; long names tolerate more edits.
pub fn did_you_mean<'a>(input: &str, known: &[&'a str]) -> Option<&'a str> {
    nearest(input, known).map(|n| n.name)
}

/// The known name closest to `input`, and how far it is (0: it differs only in case or
/// separators, or is a known other name for it); `None` when none is close or two are
/// equally close.
pub fn closest<'a>(input: &str, known: &[&'a str]) -> Option<(&'a str, usize)> {
    nearest(input, known)
        .filter(|n| !n.tied)
        .map(|n| (n.name, n.distance))
}

struct Nearest<'a> {
    name: &'a str,
    distance: usize,
    /// Another name is as close.
    tied: bool,
}

fn nearest<'a>(input: &str, known: &[&'a str]) -> Option<Nearest<'a>> {
    if input.chars().count() > 64 {
        return None;
    }
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', ' '], "_");
    let n_input = norm(input);
    let other = OTHER_NAMES
        .iter()
        .find(|(wrong, _)| *wrong == n_input)
        .and_then(|(_, rights)| rights.iter().find_map(|r| known.iter().find(|k| *k == r)));
    if let Some(k) = other {
        return Some(Nearest {
            name: k,
            distance: 0,
            tied: false,
        });
    }
    let mut best: Option<(usize, &'a str)> = None;
    let mut tied = false;
    // A long name's prefix ranks as one edit, but is a guess: never a certain fix.
    let mut by_prefix = false;
    for &k in known {
        let nk = norm(k);
        let prefix = nk != n_input
            && nk.len() >= 8
            && (nk.starts_with(&n_input) || n_input.starts_with(&nk));
        let d = if nk == n_input {
            0
        } else if prefix {
            1
        } else {
            let max = (nk.chars().count() / 4).clamp(1, 3);
            match distance(&n_input, &nk, max) {
                Some(d) => d,
                None => continue,
            }
        };
        match best {
            Some((bd, _)) if d < bd => {
                best = Some((d, k));
                tied = false;
                by_prefix = prefix;
            }
            Some((bd, b)) if d == bd && norm(b) != nk => tied = true,
            None => {
                best = Some((d, k));
                by_prefix = prefix;
            }
            _ => {}
        }
    }
    best.map(|(distance, name)| Nearest {
        name,
        distance: if by_prefix { distance + 1 } else { distance },
        tied,
    })
}

/// A "did you mean" clause for messages, empty when nothing is close.
pub fn suggestion(input: &str, known: &[&str]) -> String {
    match did_you_mean(input, known) {
        Some(k) => format!(" Did you mean \"{k}\"?"),
        None => String::new(),
    }
}

/// True when the string still holds a template placeholder such as `{{channel_id}}`.
pub fn has_placeholder(s: &str) -> bool {
    first_placeholder(s).is_some()
}

/// The position of the first `{`, a word at a time.
fn find_brace(b: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut at = 0;
    while let Some(chunk) = b.get(at..at + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'{'));
        let hits = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    b[at..].iter().position(|&c| c == b'{').map(|i| at + i)
}

/// The first placeholder in a string, braces included.
pub fn first_placeholder(s: &str) -> Option<&str> {
    // Most strings hold no brace at all: a search eight bytes at a time says so.
    let first = find_brace(s.as_bytes())?;
    let start = s[first..].find("{{")? + first;
    let end = s[start + 2..].find("}}")? + start + 4;
    Some(&s[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let known = [
            "remote_id",
            "sellable_id",
            "quantity",
            "line_items_attributes",
        ];
        assert_eq!(did_you_mean("remoteid", &known), Some("remote_id"));
        assert_eq!(did_you_mean("Quantity", &known), Some("quantity"));
        assert_eq!(
            did_you_mean("line_items", &known),
            Some("line_items_attributes")
        );
        assert_eq!(did_you_mean("colour", &known), None);
    }

    #[test]
    fn quotes_are_cut_on_char_boundaries() {
        let long = "é".repeat(100);
        let q = quote(&long);
        assert!(q.ends_with("…\""));
        assert_eq!(q.chars().count(), QUOTE_MAX + 3);
    }

    #[test]
    fn finds_placeholders() {
        assert!(has_placeholder("{{channel_id}}"));
        assert!(has_placeholder("x {{a}} y"));
        assert!(!has_placeholder("{{ unclosed"));
        assert!(!has_placeholder("}} {{"));
        assert_eq!(first_placeholder("id {{ASIN}}!"), Some("{{ASIN}}"));
        // The brace at every place a word search can meet it, and after a lone one.
        for n in 0..24 {
            let pad = "é".repeat(n / 2) + &"x".repeat(n % 2);
            assert_eq!(
                first_placeholder(&format!("{pad}{{{{v}}}}")),
                Some("{{v}}"),
                "{n}"
            );
            assert_eq!(
                first_placeholder(&format!("{pad}{{ {{{{v}}}}")),
                Some("{{v}}"),
                "{n}"
            );
            assert_eq!(find_brace(pad.as_bytes()), None);
        }
    }
}
