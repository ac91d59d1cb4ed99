//! `Json<T>`: a JSON body whose errors name the field that is wrong.
//!
//! actix's own extractor reports "unknown variant `ngo`" without saying which
//! field; clients need the field to show the error next to it.

use std::future::Future;
use std::ops::Deref;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, dev::Payload, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use super::{body_errors, bounds};
use crate::error::{ApiError, FieldError};

/// The largest JSON body any endpoint accepts.
pub const JSON_LIMIT: usize = 256 * 1024;

pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn is_json(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "application/json" || v.ends_with("+json"))
}

impl<T: DeserializeOwned + ToSchema + 'static> FromRequest for Json<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_body(req, payload);
        Box::pin(async move {
            let body = body.await?;
            let exceeded = beyond_bounds::<T>(&body);
            with_bounds(exceeded, parse(&body)).map(Json)
        })
    }
}

/// Every `maxLength` and `maxItems` of `T`'s schema in the spec that the
/// body exceeds (`bounds`), checked on the parsed JSON before the body is
/// turned into `T` and before the handler does anything. A body that is not
/// JSON has no bounds to check: `parse` answers it.
fn beyond_bounds<T: ToSchema>(body: &[u8]) -> Vec<FieldError> {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(value) => bounds::exceeded(&T::name(), &value),
        Err(_) => Vec::new(),
    }
}

/// A body beyond its bounds is a 422 whatever else it holds; the shape and
/// rule errors of the same body come in the same answer (each field named
/// once), so a client fixes everything at once. Reading the rest is linear.
fn with_bounds<T>(exceeded: Vec<FieldError>, parsed: Result<T, ApiError>) -> Result<T, ApiError> {
    if exceeded.is_empty() {
        return parsed;
    }
    let mut errors = match parsed {
        Err(ApiError::Validation(errors)) => errors,
        _ => Vec::new(),
    };
    for bound in exceeded {
        if !errors.iter().any(|e| e.field == bound.field) {
            errors.push(bound);
        }
    }
    Err(ApiError::Validation(errors))
}

/// The content rules of a request body that need nothing but the body: the
/// ones a client can be told about together with the body's shape errors.
pub trait Rules {
    fn rule_errors(&self) -> Vec<FieldError>;
}

/// `Json<T>` for a body with content rules: when its shape is wrong, the 422
/// lists the broken rules of the rest too (a keyword of the wrong type and a
/// title too long, in one answer). A body of the right shape is checked by
/// the handler at its place in the request's order (after If-Match).
pub struct Checked<T>(pub T);

impl<T> Checked<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Checked<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + ToSchema + Rules + 'static> FromRequest for Checked<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let body = read_body(req, payload);
        Box::pin(async move {
            let body = body.await?;
            let exceeded = beyond_bounds::<T>(&body);
            if exceeded.is_empty() {
                return parse_checked(&body).map(Checked);
            }
            // Beyond its bounds: the rules of the rest are reported with them
            // now, rather than by the handler after If-Match.
            let parsed = match parse_checked::<T>(&body) {
                Ok(value) => Err(ApiError::Validation(value.rule_errors())),
                other => other,
            };
            with_bounds(exceeded, parsed).map(Checked)
        })
    }
}

/// The whole body, refused early when it is not JSON or is over the limit.
fn read_body(
    req: &HttpRequest,
    payload: &mut Payload,
) -> impl Future<Output = Result<web::BytesMut, ApiError>> + 'static {
    let json = is_json(req);
    let declared_length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let mut payload = payload.take();
    async move {
        if !json {
            return Err(ApiError::BadRequest(
                "Send the body as application/json.".to_owned(),
            ));
        }
        let too_large =
            || ApiError::PayloadTooLarge(format!("The body is larger than {JSON_LIMIT} bytes."));
        if declared_length.is_some_and(|n| n > JSON_LIMIT) {
            return Err(too_large());
        }
        let mut body = web::BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk
                .map_err(|e| ApiError::BadRequest(format!("The body could not be read: {e}")))?;
            if body.len() + chunk.len() > JSON_LIMIT {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// `parse`, adding to shape errors the rules the rest of the body breaks. A
/// rule error at or inside a field whose shape is wrong is left out: it would
/// only describe the neutral value put there. (A rule across fields can still
/// speak of a stand-in: an unknown organisation kind reads as the first kind.)
pub fn parse_checked<T: DeserializeOwned + Rules>(body: &[u8]) -> Result<T, ApiError> {
    match parse::<T>(body) {
        Err(ApiError::Validation(mut errors)) => {
            let stand_in = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|value| body_errors::read::<T>(&value).0);
            if let Some(stand_in) = stand_in {
                for rule in stand_in.rule_errors() {
                    if !errors
                        .iter()
                        .any(|shape| body_errors::covers(&shape.field, &rule.field))
                    {
                        errors.push(rule);
                    }
                }
            }
            Err(ApiError::Validation(errors))
        }
        other => other,
    }
}

/// Syntax errors are 400 (not JSON at all); JSON of the wrong shape is 422
/// with the path of the offending field, and so is any string holding a
/// character no text may hold (`domain::text::is_forbidden_character`).
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let unsafe_texts = forbidden_characters(body);
    match parse_shape::<T>(body) {
        Ok(value) if unsafe_texts.is_empty() => Ok(value),
        Ok(_) => Err(ApiError::Validation(unsafe_texts)),
        Err(ApiError::Validation(mut errors)) => {
            for e in unsafe_texts {
                if !errors
                    .iter()
                    .any(|shape| body_errors::covers(&shape.field, &e.field))
                {
                    errors.push(e);
                }
            }
            Err(ApiError::Validation(errors))
        }
        Err(other) => Err(other),
    }
}

/// Every string (and key) of the body holding a forbidden character, by path.
/// Such characters only reach a JSON text escaped (`\u0000`, `\b`) or as the
/// bytes of a C1 control, DEL or a direction mark, so a body without any of
/// those is passed by one scan of its bytes; the rest is read and walked.
fn forbidden_characters(body: &[u8]) -> Vec<FieldError> {
    let suspicious = body.windows(2).any(|w| {
        matches!(
            w,
            [b'\\', b'u' | b'b' | b'f'] | [0xC2, 0x80..=0x9F] | [0x7F, _] | [0xE2, 0x80 | 0x81]
        )
    }) || body.last() == Some(&0x7F);
    if !suspicious {
        return Vec::new();
    }
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    walk(&value, String::new(), &mut errors);
    errors
}

fn walk(value: &serde_json::Value, path: String, errors: &mut Vec<FieldError>) {
    use serde_json::Value;
    if errors.len() >= body_errors::MAX_ERRORS {
        return;
    }
    let here = |path: &str| {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(text) => {
            if let Some(message) = crate::domain::text::forbidden_character(text) {
                errors.push(FieldError::new(here(&path), "forbidden_character", message));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), errors);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if let Some(message) = crate::domain::text::forbidden_character(key) {
                    errors.push(FieldError::new(here(&path), "forbidden_character", message));
                    continue;
                }
                walk(item, inner, errors);
            }
        }
        _ => {}
    }
}

fn parse_shape<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if !inner.is_data() {
            return ApiError::BadRequest(format!("The body is not valid JSON: {inner}"));
        }
        let message = strip_position(&inner.to_string());
        let (field, code) = match missing_field(&message) {
            Some(name) if path == "." => (name, "required"),
            Some(name) => (format!("{path}.{name}"), "required"),
            None if path == "." => ("body".to_owned(), "invalid_type"),
            None => (path, "invalid_value"),
        };
        // The first error found; read the body again for all of them.
        let all = serde_json::from_slice::<serde_json::Value>(body)
            .map(|value| body_errors::collect::<T>(&value))
            .unwrap_or_default();
        if all.iter().any(|e| e.field == field) {
            ApiError::Validation(all)
        } else {
            ApiError::Validation(vec![FieldError::new(field, code, message)])
        }
    })?;
    // serde also builds a struct from a JSON array (`[]` for one whose fields
    // are all optional); every request body of this API is an object.
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::Validation(vec![FieldError::new(
            "body",
            "invalid_type",
            "The body must be a JSON object.",
        )]));
    }
    Ok(value)
}

fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_owned())
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        name: String,
        inner: Inner,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        kind: Kind,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Company,
    }

    fn field_error(body: &str) -> (String, String) {
        match parse::<Outer>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => (errors[0].field.clone(), errors[0].code.clone()),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            field_error(r#"{"inner": {"kind": "company"}}"#),
            ("name".into(), "required".into())
        );
        assert_eq!(
            field_error(r#"{"name": "x", "inner": {}}"#),
            ("inner.kind".into(), "required".into())
        );
        assert_eq!(
            field_error(r#"{"name": "x", "inner": {"kind": "ngo"}}"#),
            ("inner.kind".into(), "invalid_value".into())
        );
        assert_eq!(
            field_error(r#"{"name": 5, "inner": {"kind": "company"}}"#),
            ("name".into(), "invalid_value".into())
        );
        assert_eq!(field_error("5"), ("body".into(), "invalid_type".into()));
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct AllOptional {
        stage: Option<String>,
    }

    #[test]
    fn only_objects_are_bodies() {
        assert!(parse::<AllOptional>(b" {}").is_ok());
        for body in ["[]", "[\"full\"]"] {
            match parse::<AllOptional>(body.as_bytes()) {
                Err(ApiError::Validation(errors)) => assert_eq!(errors[0].field, "body"),
                other => panic!("{body}: expected 422, got {other:?}"),
            }
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Tagged {
        title: String,
        keywords: Vec<String>,
    }

    impl Rules for Tagged {
        fn rule_errors(&self) -> Vec<FieldError> {
            let mut errors = Vec::new();
            if self.title.len() > 5 {
                errors.push(FieldError::new("title", "too_long", "At most 5."));
            }
            for (i, k) in self.keywords.iter().enumerate() {
                if k.is_empty() {
                    errors.push(FieldError::new(
                        format!("keywords[{i}]"),
                        "required",
                        "Empty.",
                    ));
                }
            }
            if self.keywords.len() > 2 {
                errors.push(FieldError::new("keywords", "too_many", "At most 2."));
            }
            errors
        }
    }

    fn checked_errors(body: &str) -> Vec<(String, String)> {
        match parse_checked::<Tagged>(body.as_bytes()) {
            Err(ApiError::Validation(errors)) => {
                errors.into_iter().map(|e| (e.field, e.code)).collect()
            }
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn shape_errors_come_with_the_rules_the_rest_breaks() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
                .collect()
        };
        // The neutral value put in place of `5` is empty, but that is not a
        // second error: only the wrong type is reported at keywords[1].
        assert_eq!(
            checked_errors(r#"{"title": "too long", "keywords": ["a", 5, "b"]}"#),
            pairs(&[
                ("keywords[1]", "invalid_value"),
                ("title", "too_long"),
                ("keywords", "too_many"),
            ])
        );
        assert_eq!(
            checked_errors(r#"{"title": 7, "keywords": ["", "x"]}"#),
            pairs(&[("title", "invalid_value"), ("keywords[0]", "required")])
        );
        // A body of the right shape is the handler's to check, in its order.
        assert!(parse_checked::<Tagged>(br#"{"title": "too long", "keywords": []}"#).is_ok());
    }

    #[test]
    fn control_and_direction_characters_are_named_wherever_they_are() {
        let errors = |body: &str| -> Vec<(String, String)> {
            match parse::<Outer>(body.as_bytes()) {
                Err(ApiError::Validation(errors)) => {
                    errors.into_iter().map(|e| (e.field, e.code)).collect()
                }
                other => panic!("expected a validation error, got {other:?}"),
            }
        };
        let pair = |f: &str, c: &str| (f.to_owned(), c.to_owned());
        assert_eq!(
            errors(r#"{"name": "a\u0000b", "inner": {"kind": "company"}}"#),
            [pair("name", "forbidden_character")]
        );
        assert_eq!(
            errors("{\"name\": \"x\u{202E}y\", \"inner\": {\"kind\": \"ngo\"}}"),
            [
                pair("inner.kind", "invalid_value"),
                pair("name", "forbidden_character")
            ]
        );
        assert_eq!(
            errors("{\"name\": \"del\u{7f}\", \"inner\": {\"kind\": \"company\"}}"),
            [pair("name", "forbidden_character")]
        );
        // Lines and tabs are text; an escaped backslash before a `u` is not a control.
        assert!(
            parse::<Outer>(br#"{"name": "a\nb\tc \\u0000", "inner": {"kind": "company"}}"#).is_ok()
        );
        assert!(
            parse::<Outer>(
                "{\"name\": \"Łódź – “Med”\", \"inner\": {\"kind\": \"company\"}}".as_bytes()
            )
            .is_ok()
        );
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        assert!(matches!(
            parse::<Outer>(b"{\"name\": "),
            Err(ApiError::BadRequest(_))
        ));
        assert!(matches!(
            parse::<Outer>(b"nonsense"),
            Err(ApiError::BadRequest(_))
        ));
    }
}
