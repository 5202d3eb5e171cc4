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
