//! The size bounds of request bodies, as the API's own spec states them:
//! every `maxLength` and `maxItems` of a body's schema is checked on the
//! parsed JSON before the body is turned into its type and before any other
//! work, in one pass over the body. The spec is the one list of bounds, so
//! what clients read and what the server enforces cannot drift apart.
//!
//! Only the upper bounds are checked here: lower bounds and content rules
//! are the domain's, with their own messages.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde_json::Value;

use super::body_errors::MAX_ERRORS;
use crate::error::FieldError;

/// The spec's component schemas, by name, as JSON.
static SCHEMAS: LazyLock<HashMap<String, Value>> = LazyLock::new(|| {
    let spec = serde_json::to_value(crate::openapi::spec()).unwrap_or_default();
    match spec.pointer("/components/schemas") {
        Some(Value::Object(schemas)) => schemas.clone().into_iter().collect(),
        _ => HashMap::new(),
    }
});

/// Every bound of the schema `schema_name` that `body` exceeds, by field
/// path (`keywords`, `partners[2].name`); empty for a schema the spec does
/// not hold.
pub fn exceeded(schema_name: &str, body: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Some(schema) = SCHEMAS.get(schema_name) {
        walk(body, schema, &mut String::new(), &mut errors);
    }
    errors
}

fn resolve(schema: &Value) -> &Value {
    let mut schema = schema;
    // A reference names a component; components refer on at most a few times.
    for _ in 0..8 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                match SCHEMAS.get(name) {
                    Some(target) => schema = target,
                    None => break,
                }
            }
            None => break,
        }
    }
    schema
}

fn max_of(schema: &Value, key: &str) -> Option<usize> {
    schema
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

fn field_name(path: &str) -> String {
    if path.is_empty() {
        "body".to_owned()
    } else {
        path.to_owned()
    }
}

fn walk(value: &Value, schema: &Value, path: &mut String, errors: &mut Vec<FieldError>) {
    if errors.len() >= MAX_ERRORS {
        return;
    }
    let schema = resolve(schema);
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        for part in parts {
            walk(value, part, path, errors);
        }
    }
    // `Option<T>` is `oneOf: [null, T]`: the bounds are T's. Alternatives of
    // other shapes are left to the type's own parsing.
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(choices)) = schema.get(key) {
            let mut not_null = choices
                .iter()
                .filter(|c| c.get("type").and_then(Value::as_str) != Some("null"));
            if let (Some(only), None) = (not_null.next(), not_null.next()) {
                walk(value, only, path, errors);
            }
        }
    }
    match value {
        Value::String(text) => {
            if let Some(max) = max_of(schema, "maxLength") {
                let length = text.chars().count();
                if length > max {
                    errors.push(FieldError::new(
                        field_name(path),
                        "too_long",
                        format!("At most {max} characters; this has {length}."),
                    ));
                }
            }
        }
        Value::Array(items) => {
            if let Some(max) = max_of(schema, "maxItems")
                && items.len() > max
            {
                errors.push(FieldError::new(
                    field_name(path),
                    "too_many",
                    format!("At most {max} items; this has {}.", items.len()),
                ));
                // Too many already: their contents are not read.
                return;
            }
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, item_schema, path, errors);
                    path.truncate(len);
                }
            }
        }
        Value::Object(fields) => {
            let properties = schema.get("properties");
            let additional = schema.get("additionalProperties").filter(|a| a.is_object());
            for (key, item) in fields {
                let Some(field_schema) = properties.and_then(|p| p.get(key)).or(additional) else {
                    continue;
                };
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk(item, field_schema, path, errors);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(schema: &str, body: Value) -> Vec<(String, String)> {
        exceeded(schema, &body)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn strings_and_lists_beyond_the_spec_are_named() {
        let pair = |f: &str, c: &str| (f.to_owned(), c.to_owned());
        assert_eq!(
            codes(
                "ProposalUpdate",
                serde_json::json!({
                    "title": "t".repeat(301),
                    "keywords": vec!["k"; 11],
                })
            ),
            // By field name.
            [pair("keywords", "too_many"), pair("title", "too_long")]
        );
        assert_eq!(
            codes(
                "ProposalUpdate",
                serde_json::json!({ "keywords": ["ok", "k".repeat(51)] })
            ),
            [pair("keywords[1]", "too_long")]
        );
        // Characters, not bytes.
        assert!(
            codes(
                "ProposalUpdate",
                serde_json::json!({ "title": "é".repeat(300) })
            )
            .is_empty()
        );
        // A schema the spec does not hold has no bounds.
        assert!(codes("NoSuchSchema", serde_json::json!({ "x": "y" })).is_empty());
    }

    /// Every string and list a client can send has an upper bound in the
    /// spec (the test fails on a new unbounded field).
    #[test]
    fn every_request_string_and_list_is_bounded() {
        let spec = serde_json::to_value(crate::openapi::spec()).unwrap_or_default();
        let mut unbounded = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let paths = spec["paths"].as_object().cloned().unwrap_or_default();
        for (route, operations) in paths {
            for (method, operation) in operations.as_object().cloned().unwrap_or_default() {
                let Some(content) = operation.pointer("/requestBody/content/application~1json")
                else {
                    continue;
                };
                let mut stack = vec![(
                    format!("{} {route}", method.to_uppercase()),
                    content["schema"].clone(),
                )];
                while let Some((at, schema)) = stack.pop() {
                    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
                        let name = reference.rsplit('/').next().unwrap_or_default().to_owned();
                        if seen.insert(name.clone()) {
                            stack.push((name.clone(), SCHEMAS[&name].clone()));
                        }
                        continue;
                    }
                    for key in ["allOf", "oneOf", "anyOf"] {
                        for part in schema[key].as_array().cloned().unwrap_or_default() {
                            stack.push((at.clone(), part));
                        }
                    }
                    let types: Vec<&str> = match &schema["type"] {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => vec![],
                    };
                    let free_text = schema.get("enum").is_none()
                        && !matches!(
                            schema["format"].as_str(),
                            Some("date" | "date-time" | "binary")
                        );
                    if types.contains(&"string") && free_text && schema.get("maxLength").is_none() {
                        unbounded.push(format!("{at} (string)"));
                    }
                    if types.contains(&"array") {
                        if schema.get("maxItems").is_none() {
                            unbounded.push(format!("{at} (list)"));
                        }
                        stack.push((format!("{at}[]"), schema["items"].clone()));
                    }
                    for (name, property) in schema["properties"]
                        .as_object()
                        .cloned()
                        .unwrap_or_default()
                    {
                        stack.push((format!("{at}.{name}"), property));
                    }
                }
            }
        }
        unbounded.sort();
        assert!(
            unbounded.is_empty(),
            "unbounded in requests: {unbounded:#?}"
        );
    }
}
