//! Canonical JSON: object keys sorted at every level, no insignificant
//! white space. The same content always gives the same bytes, so its
//! SHA-256 can be recomputed by anyone who holds the snapshot.

use serde_json::Value;
use sha2::{Digest, Sha256};

pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                if let Some(v) = map.get(key) {
                    write(v, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(v, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_at_every_level() {
        let a = json!({ "b": 1, "a": { "z": [3, { "y": null, "x": "é" }], "c": true } });
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"c":true,"z":[3,{"x":"é","y":null}]},"b":1}"#
        );
    }

    #[test]
    fn the_same_content_gives_the_same_digest() {
        let a = json!({ "one": 1, "two": [1, 2] });
        let b: Value = serde_json::from_str(r#"{ "two": [1,2], "one": 1 }"#).unwrap();
        assert_eq!(
            sha256_hex(&canonical_json(&a)),
            sha256_hex(&canonical_json(&b))
        );
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
