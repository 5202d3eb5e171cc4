use super::*;

#[test]
fn reads_like_serde_json() {
    let text = r#"{"a": [1, -2, 2.5, true, null], "b": {"c": "d"}, "e~/f": 3}"#;
    let doc = from_str(text).unwrap();
    let ours = doc.value();
    let theirs: serde_json::Value = serde_json::from_str(text).unwrap();
    assert_eq!(ours.to_serde(), theirs);
    assert_eq!(ours.to_string(), theirs.to_string());
    assert_eq!(ours["a"][1].as_i64(), Some(-2));
    assert_eq!(ours["a"][2].as_f64(), Some(2.5));
    assert!(ours["a"][9].is_null() && ours["zz"].is_null());
    assert_eq!(ours.pointer("/b/c"), Some(&Value::String("d")));
    assert_eq!(ours.pointer("/e~0~1f").and_then(Value::as_u64), Some(3));
    assert_eq!(Document::from_serde(&theirs).value(), ours);
    assert_eq!(doc.clone(), doc);
}

#[test]
fn strings_without_escapes_are_borrowed() {
    let text = r#"{"plain": "text", "esc\"aped": "a\nb"}"#;
    let doc = from_str(text).unwrap();
    let m = doc.value().as_object().unwrap();
    let within = |s: &str| text.as_bytes().as_ptr_range().contains(&s.as_ptr());
    let (k0, v0) = m.iter().next().unwrap();
    assert!(k0 == "plain" && within(k0));
    assert!(within(v0.as_str().unwrap()));
    let (k1, v1) = m.iter().nth(1).unwrap();
    assert!(k1 == "esc\"aped" && !within(k1));
    assert!(v1.as_str() == Some("a\nb") && !within(v1.as_str().unwrap()));
}

#[test]
fn an_owned_document_outlives_its_text() {
    let doc = {
        let text = String::from(r#"{"a": ["b", {"c": 1}]}"#);
        Document::parse_owned(text).unwrap()
    };
    let copy = doc.clone();
    drop(doc);
    assert_eq!(
        copy.value().pointer("/a/1/c").and_then(Value::as_u64),
        Some(1)
    );
    let from_borrowed = {
        let text = String::from(r#"["x"]"#);
        let d = from_str(&text).unwrap();
        d.to_owned_document()
    };
    assert_eq!(from_borrowed.value()[0], "x");
}

#[test]
fn duplicate_keys_are_found_and_the_last_value_wins_in_the_first_place() {
    let doc = from_str(r#"{"currency": "usd", "total": 1, "currency": "USD"}"#).unwrap();
    let v = doc.value();
    let m = v.as_object().unwrap();
    assert_eq!(m.duplicates(), ["currency"]);
    assert_eq!(m.len(), 2);
    assert_eq!(v.to_string(), r#"{"currency":"USD","total":1}"#);
    // The same as serde_json (preserve_order) keeps.
    let theirs: serde_json::Value =
        serde_json::from_str(r#"{"currency": "usd", "total": 1, "currency": "USD"}"#).unwrap();
    assert_eq!(v.to_serde(), theirs);
}

#[test]
fn duplicates_in_large_objects_too() {
    let mut text = String::from("{");
    for i in 0..40 {
        text.push_str(&format!("\"k{i}\": {i}, "));
    }
    text.push_str("\"k3\": \"again\", \"k39\": \"late\", \"k3\": \"third\"}");
    let doc = from_str(&text).unwrap();
    let ours = doc.value();
    let theirs: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(ours.to_serde(), theirs);
    let mut dups: Vec<&str> = ours.as_object().unwrap().duplicates().to_vec();
    dups.sort();
    assert_eq!(dups, ["k3", "k39"]);
}

#[test]
fn a_hostile_object_of_many_keys_is_not_quadratic() {
    let n = 200_000;
    let text = format!(
        "{{{}}}",
        (0..n)
            .map(|i| format!("\"{i}\":0"))
            .collect::<Vec<_>>()
            .join(",")
    );
    let doc = from_str(&text).unwrap();
    let v = doc.value();
    assert_eq!(v.as_object().unwrap().len(), n);
    assert!(v.as_object().unwrap().duplicates().is_empty());
}

#[test]
fn errors_are_serde_jsons() {
    for text in ["{", "[1,]", "{\"a\" 1}", "nul", "1 2", "\"\\x\""] {
        let ours = from_str(text).unwrap_err().to_string();
        let theirs = serde_json::from_str::<serde_json::Value>(text)
            .unwrap_err()
            .to_string();
        assert_eq!(ours, theirs, "{text}");
    }
    let deep = "[".repeat(200) + &"]".repeat(200);
    assert_eq!(
        from_str(&deep).unwrap_err().to_string(),
        serde_json::from_str::<serde_json::Value>(&deep)
            .unwrap_err()
            .to_string()
    );
}

#[test]
fn keys_compare_alike_at_every_length() {
    for n in 0..40 {
        let a: String = (0..n).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        assert!(same(&a, &a.clone()));
        for i in 0..n {
            let mut b = a.clone().into_bytes();
            b[i] = b'_';
            let b = String::from_utf8(b).unwrap();
            assert!(!same(&a, &b), "{a} vs {b}");
        }
        assert!(!same(&a, &format!("{a}x")));
    }
}

/// The fast path builds exactly what serde_json's path builds, or declines; whether it
/// took the text.
fn same_as_serde(text: &str) -> bool {
    let arena = bumpalo::Bump::new();
    let fast = crate::fast::parse(text, &mut crate::de::Builder::new(&arena));
    let slow = crate::doc::serde_parse_in(text, crate::de::Builder::new(&arena));
    if let Some((v, _)) = fast {
        let slow = slow.unwrap_or_else(|e| panic!("fast path took {text:?}, serde_json: {e}"));
        assert_eq!(v, slow, "{text:?}");
        assert_eq!(format!("{v:?}"), format!("{slow:?}"), "{text:?}");
    }
    // And the document as a whole agrees with serde_json's own `Value`.
    let ours = from_str(text)
        .map(|d| d.value().to_serde())
        .map_err(|e| e.to_string());
    let theirs = serde_json::from_str::<serde_json::Value>(text).map_err(|e| e.to_string());
    assert_eq!(ours, theirs, "{text:?}");
    fast.is_some()
}

#[test]
fn the_fast_path_agrees_on_the_edges() {
    for text in [
        "0",
        "-0",
        "-0.0",
        "1.10",
        "0.1",
        "0.30000000000000004",
        "123.456e1",
        "1E5",
        "1e-3",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "-18446744073709551615",
        "12345678901234567.89",
        "1.2345678901234567890123",
        "9999999999999999999",
        "-9999999999999999999",
        "99999999999999999999",
        "1.234567890123456789",
        "0.0000000000000000001",
        "01",
        "1.",
        ".5",
        "-",
        "--1",
        "+1",
        "1.5.2",
        r#""\u00e9\u0000\/\b\f\n\r\t\"\\""#,
        r#""\ud83d\ude00""#,
        r#""\ud83d""#,
        r#""\udc00x""#,
        r#""\u12""#,
        r#""\x""#,
        "\"a\tb\"",
        "\"unclosed",
        "\"é ü 字 😀\"",
        " { \"a\" : [ 1 , 2 , { } , [ ] ] } ",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\" 1}",
        "{1:2}",
        "tru",
        "nulll",
        "true false",
        "[true,false,null]",
        "{\"a\":1,\"a\":2,\"b\":3,\"a\":4}",
        "\u{feff}{}",
        "[\"x\"]  \n",
        "\n\t\r [] \n",
        "",
        " ",
    ] {
        same_as_serde(text);
    }
    // What payloads hold is taken by the fast path.
    for text in [
        "-0",
        "1.10",
        "-9223372036854775808",
        r#""\u00e9\n""#,
        "{\"a\":1,\"a\":2}",
    ] {
        assert!(same_as_serde(text), "{text}");
    }
    let deep = "[".repeat(127) + &"]".repeat(127);
    same_as_serde(&deep);
    let deeper = "[".repeat(128) + &"]".repeat(128);
    same_as_serde(&deeper);
}

#[test]
fn the_fast_path_agrees_on_random_and_broken_documents() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    const ATOMS: &[&str] = &[
        "0",
        "-0",
        "7",
        "-12",
        "3.25",
        "-0.5",
        "1e3",
        "99999999999999999999",
        "0.1",
        "12.990",
        "true",
        "false",
        "null",
        r#""""#,
        r#""a""#,
        r#""a\"b""#,
        r#""\u00fc""#,
        r#""x\ny""#,
        r#""\ud83d\ude00""#,
        r#""long text with spaces and, commas: {}[]""#,
    ];
    const KEYS: &[&str] = &["a", "b", "order_lines", "a\\u0062", "é", ""];
    fn doc(next: &mut dyn FnMut(u64) -> u64, depth: u32, out: &mut String) {
        let ws = [" ", "", "\n", "\t", "  "];
        out.push_str(ws[next(5) as usize]);
        match if depth > 4 { 0 } else { next(4) } {
            0 | 1 => out.push_str(ATOMS[next(ATOMS.len() as u64) as usize]),
            2 => {
                out.push('[');
                for i in 0..next(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    doc(next, depth + 1, out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                for i in 0..next(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&format!("\"{}\"", KEYS[next(KEYS.len() as u64) as usize]));
                    out.push_str(ws[next(5) as usize]);
                    out.push(':');
                    doc(next, depth + 1, out);
                }
                out.push('}');
            }
        }
        out.push_str(ws[next(5) as usize]);
    }
    let mut taken = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        doc(&mut next, 0, &mut text);
        taken += usize::from(same_as_serde(&text));
        // Broken: a byte removed, or one of JSON's own bytes put in.
        let mut chars: Vec<char> = text.chars().collect();
        if !chars.is_empty() {
            let at = next(chars.len() as u64) as usize;
            if next(2) == 0 {
                chars.remove(at);
            } else {
                chars.insert(
                    at,
                    ['"', ',', ':', '[', '}', '\\', '-', '.', 'e', '\u{1}'][next(10) as usize],
                );
            }
            same_as_serde(&chars.into_iter().collect::<String>());
        }
    }
    assert!(taken > 8_000, "the fast path took only {taken} of 20 000");
}

#[test]
fn the_parse_says_what_it_saw() {
    let facts = |t: &str| from_str(t).unwrap().facts();
    let f = facts(r#"{"a": [1, {"b": "x"}]}"#).unwrap();
    assert_eq!((f.depth, f.duplicates, f.braces), (3, false, false));
    assert!(facts(r#"{"a": 1, "a": 2}"#).unwrap().duplicates);
    assert!(facts(r#"["{{id}}"]"#).unwrap().braces);
    assert!(
        facts(r#"["a\nb {{id}}"]"#).unwrap().braces,
        "after an escape too"
    );
    assert!(!facts(r#"{"a{": "{", "b": "{ {"}"#).unwrap().braces);
    assert!(
        facts(r#"["\u007b{id}}"]"#).unwrap().braces,
        "an escape may spell a brace"
    );
    assert_eq!(facts("1e5"), None, "serde_json's path reports nothing");
}

/// Counts this thread's allocations while `COUNTING` is set (other tests run beside).
struct Counting;

thread_local! {
    static COUNTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static ALLOCATIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        let _ = COUNTING.try_with(|on| {
            if on.get() {
                ALLOCATIONS.with(|n| n.set(n.get() + 1));
            }
        });
        std::alloc::System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        std::alloc::System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn allocations_to_parse(text: &str) -> usize {
    drop(from_str(text).unwrap()); // warms this thread's arena
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|on| on.set(true));
    let doc = from_str(text).unwrap();
    COUNTING.with(|on| on.set(false));
    assert!(doc.value().is_array());
    ALLOCATIONS.with(|n| n.get())
}

/// The invariant at the top of lib.rs: nothing per container or unescaped string outside
/// the arena. Ten times the containers cost no more allocations (only the scratch stacks
/// grow, a few times a document), by the fast path and by serde_json's alike.
#[test]
fn parsing_allocates_nothing_per_container() {
    let doc = |n: usize, number: &str| {
        let item = format!(r#"{{"sku": "A-1", "q": [1, {{"x": {number}}}], "n": {{}}}}"#);
        format!("[{}]", vec![item; n].join(","))
    };
    for number in ["2.5", "2.5e0"] {
        let (small, large) = (
            allocations_to_parse(&doc(100, number)),
            allocations_to_parse(&doc(1000, number)),
        );
        assert!(
            large <= small + 4 && large < 40,
            "{number}: {small} then {large} allocations"
        );
    }
}
