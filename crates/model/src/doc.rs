//! The read side of a JSON document, as the model needs it.

use std::fmt::Display;

/// A JSON value read by name. `Display` writes compact JSON (how a page shows a value
/// that is not text); equality is the document type's own.
pub trait Doc: Sized + PartialEq + Display + AsDoc<Doc = Self> {
    /// The member `key` of an object.
    fn get(&self, key: &str) -> Option<&Self>;
    fn as_str(&self) -> Option<&str>;
    fn as_i64(&self) -> Option<i64>;
    fn as_f64(&self) -> Option<f64>;
    fn as_bool(&self) -> Option<bool>;
    fn as_array(&self) -> Option<&[Self]>;
    fn is_null(&self) -> bool;

    /// The member `key`, `null` read as absent (as indexing reads both).
    fn field(&self, key: &str) -> Option<&Self> {
        self.get(key).filter(|v| !v.is_null())
    }
    /// The member `key` when it is text.
    fn str_of(&self, key: &str) -> Option<&str> {
        self.get(key)?.as_str()
    }
    /// The member `key` when it is a whole number.
    fn i64_of(&self, key: &str) -> Option<i64> {
        self.get(key)?.as_i64()
    }
    /// The member `key` when it is a number.
    fn f64_of(&self, key: &str) -> Option<f64> {
        self.get(key)?.as_f64()
    }
    /// The elements of the array `key`: none when it is absent or not an array.
    fn items(&self, key: &str) -> std::slice::Iter<'_, Self> {
        self.get(key)
            .and_then(Doc::as_array)
            .unwrap_or_default()
            .iter()
    }
}

/// What a view can be built over: a document, or any reference to one, so `Refund(r)`
/// reads the same whether `r` is a `&Value`, a `&&Value` or a `&&mut Value`.
pub trait AsDoc {
    type Doc: Doc;
    fn as_doc(&self) -> &Self::Doc;
}

impl<T: AsDoc + ?Sized> AsDoc for &T {
    type Doc = T::Doc;
    fn as_doc(&self) -> &T::Doc {
        (**self).as_doc()
    }
}

impl<T: AsDoc + ?Sized> AsDoc for &mut T {
    type Doc = T::Doc;
    fn as_doc(&self) -> &T::Doc {
        (**self).as_doc()
    }
}

impl AsDoc for serde_json::Value {
    type Doc = Self;
    fn as_doc(&self) -> &Self {
        self
    }
}

impl<'j> AsDoc for orderlint_json::Value<'j> {
    type Doc = Self;
    fn as_doc(&self) -> &Self {
        self
    }
}

impl Doc for serde_json::Value {
    fn get(&self, key: &str) -> Option<&Self> {
        self.as_object()?.get(key)
    }
    fn as_str(&self) -> Option<&str> {
        serde_json::Value::as_str(self)
    }
    fn as_i64(&self) -> Option<i64> {
        serde_json::Value::as_i64(self)
    }
    fn as_f64(&self) -> Option<f64> {
        serde_json::Value::as_f64(self)
    }
    fn as_bool(&self) -> Option<bool> {
        serde_json::Value::as_bool(self)
    }
    fn as_array(&self) -> Option<&[Self]> {
        serde_json::Value::as_array(self).map(Vec::as_slice)
    }
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }
}

impl Doc for orderlint_json::Value<'_> {
    fn get(&self, key: &str) -> Option<&Self> {
        orderlint_json::Value::get(self, key)
    }
    fn as_str(&self) -> Option<&str> {
        orderlint_json::Value::as_str(self)
    }
    fn as_i64(&self) -> Option<i64> {
        orderlint_json::Value::as_i64(self)
    }
    fn as_f64(&self) -> Option<f64> {
        orderlint_json::Value::as_f64(self)
    }
    fn as_bool(&self) -> Option<bool> {
        orderlint_json::Value::as_bool(self)
    }
    fn as_array(&self) -> Option<&[Self]> {
        orderlint_json::Value::as_array(self)
    }
    fn is_null(&self) -> bool {
        orderlint_json::Value::is_null(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Doc;

    /// The same reads over either document type, written out to compare.
    fn reads<D: Doc>(v: &D) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {} {}",
            v.str_of("s"),
            v.i64_of("n"),
            v.f64_of("x"),
            v.get("b").and_then(Doc::as_bool),
            v.items("a").count(),
            v.field("z").is_none() && v.get("z").is_some_and(Doc::is_null),
        )
    }

    #[test]
    fn both_documents_read_alike() {
        let text = r#"{"s": "t", "n": 3, "x": 2.5, "b": true, "a": [1, 2], "z": null}"#;
        let serde: serde_json::Value = serde_json::from_str(text).unwrap();
        let borrowed = orderlint_json::from_str(text).unwrap();
        let borrowed = *borrowed.value();
        let want = r#"Some("t") Some(3) Some(2.5) Some(true) 2 true"#;
        assert_eq!(reads(&serde), want);
        assert_eq!(reads(&borrowed), want);
        assert_eq!(serde.items("s").count(), 0, "not an array: no items");
        assert_eq!(borrowed.items("missing").count(), 0);
        assert_eq!(
            serde.get("a").map(ToString::to_string),
            borrowed.get("a").map(ToString::to_string)
        );
    }
}
