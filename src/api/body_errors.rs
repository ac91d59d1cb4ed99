//! Every shape error of a JSON body at once, for any `T: Deserialize`.
//!
//! serde stops at the first error, so a budget with three badly typed lines
//! used to name only the first. When the strict parse fails, the body is read
//! again through `Probe`, a deserializer over the parsed JSON value that keeps
//! going: a value of the wrong kind (a string where a number belongs, an
//! unknown enum word, an object where a list belongs) is recorded with its path
//! and replaced by a neutral value of the expected kind, so the rest is still
//! read. Errors that only the target type can raise (a missing field, a value
//! its own parser refuses) stop that read; the path is recorded, and the next
//! read puts a neutral value there instead, until a read gets through or makes
//! no progress.
//!
//! Why by hand: the crate made for this (eserde) needs its own derive on every
//! type of every body, domain settings and enums included; this works with
//! serde's derives as they are. Bounded: at most `MAX_ERRORS` are reported and
//! as many reads made, so a huge broken body costs linear work.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};
use serde_json::Value;

use crate::error::FieldError;

/// Past this, the rest is left for the next attempt.
pub const MAX_ERRORS: usize = 50;

/// Neutral texts, tried in turn where a type parses its text itself (dates,
/// times, ids): the first that it takes lets the read go on past it.
const NEUTRAL_TEXTS: [&str; 6] = [
    "",
    "1970-01-01",
    "1970-01-01T00:00:00Z",
    "1970-01-01T00:00:00",
    "00:00:00",
    "00000000-0000-0000-0000-000000000000",
];

/// Every error in `value` for `T` (none if it reads): an object's fields in
/// the order of their names, a list's items in theirs.
pub fn collect<T: DeserializeOwned>(value: &Value) -> Vec<FieldError> {
    read::<T>(value).1
}

/// `collect`, with the value read when every error could be stepped over: the
/// body with a neutral value in place of each wrong one, so the content rules
/// can still be checked on the rest (see `json::Checked`).
pub fn read<T: DeserializeOwned>(value: &Value) -> (Option<T>, Vec<FieldError>) {
    // Paths a read could not get past: their error, and which neutral value to try there.
    let mut stops: BTreeMap<String, (FieldError, usize)> = BTreeMap::new();
    for _ in 0..(MAX_ERRORS * NEUTRAL_TEXTS.len()) {
        let state = State {
            errors: RefCell::new(Vec::new()),
            stops: &stops,
        };
        let outcome = T::deserialize(Probe {
            value,
            path: Path::root(),
            state: &state,
        });
        let errors = state.errors.into_inner();
        let (path, error) = match outcome {
            Ok(read) => return (Some(read), truncate(errors)),
            Err(Abort::At(path, error)) => (path, error),
            Err(Abort::Raised(raised)) => {
                let at = Path::root().field();
                (
                    at.clone(),
                    FieldError::new(at, "invalid_value", Abort::Raised(raised).to_string()),
                )
            }
        };
        let room = stops.len() < MAX_ERRORS;
        match stops.iter_mut().find(|(p, _)| covers(p, &path)) {
            None if room => {
                // A wrong kind seen there says more than what the type then made of its stand-in.
                let error = errors
                    .iter()
                    .find(|e| e.field == path)
                    .cloned()
                    .unwrap_or(error);
                stops.insert(path, (error, 0));
            }
            // The neutral value put there did not do: try the next one.
            Some((_, (_, attempt))) if *attempt + 1 < NEUTRAL_TEXTS.len() => *attempt += 1,
            // No progress: what was found is all that can be said.
            _ => {
                let mut all = errors;
                for (error, _) in stops.values() {
                    if !all.iter().any(|e| e.field == error.field) {
                        all.push(error.clone());
                    }
                }
                return (None, truncate(all));
            }
        }
    }
    (
        None,
        truncate(stops.into_values().map(|(e, _)| e).collect()),
    )
}

fn truncate(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    errors.truncate(MAX_ERRORS);
    errors
}

/// Whether a stop at `outer` is where `inner` failed, or encloses it.
pub(super) fn covers(outer: &str, inner: &str) -> bool {
    inner == outer
        || inner
            .strip_prefix(outer)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
        || outer == "body"
}

struct State<'s> {
    /// What this read found, in order.
    errors: RefCell<Vec<FieldError>>,
    /// Paths an earlier read could not get past, with their errors: this read
    /// puts a neutral value there (and reports the error in its place).
    stops: &'s BTreeMap<String, (FieldError, usize)>,
}

impl State<'_> {
    fn record(&self, path: &Path, code: &str, message: impl Into<String>) {
        let mut errors = self.errors.borrow_mut();
        if errors.len() < MAX_ERRORS {
            errors.push(FieldError::new(path.field(), code, message));
        }
    }

    /// The neutral value this read puts at `path`, where an earlier read
    /// stopped; its error is reported in its place.
    fn substitute(&self, path: &Path) -> Option<Substitute> {
        let (error, attempt) = self.stops.get(&path.field())?;
        let mut errors = self.errors.borrow_mut();
        if errors.len() < MAX_ERRORS {
            errors.push(error.clone());
        }
        Some(Substitute(NEUTRAL_TEXTS[*attempt]))
    }
}

/// Where a value sits: `lines[2].year`.
#[derive(Clone)]
struct Path(String);

impl Path {
    fn root() -> Self {
        Self(String::new())
    }

    fn key(&self, key: &str) -> Self {
        if self.0.is_empty() {
            Self(key.to_owned())
        } else {
            Self(format!("{}.{key}", self.0))
        }
    }

    fn index(&self, i: usize) -> Self {
        Self(format!("{}[{i}]", self.0))
    }

    /// The field as problems name it; the whole body is `body`.
    fn field(&self) -> String {
        if self.0.is_empty() {
            "body".to_owned()
        } else {
            self.0.clone()
        }
    }
}

/// Why a read stopped.
#[derive(Debug)]
enum Abort {
    /// An error only the target type could raise, at this path (recorded by the caller).
    At(String, FieldError),
    /// Raised by a type's own code (`missing field`, a custom message): the
    /// innermost probe turns it into `At` with its path.
    Raised(Raised),
}

#[derive(Debug)]
enum Raised {
    Missing(&'static str),
    Custom(String),
}

impl fmt::Display for Abort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Abort::At(path, error) => write!(f, "{path}: {}", error.message),
            Abort::Raised(Raised::Missing(field)) => write!(f, "missing field `{field}`"),
            Abort::Raised(Raised::Custom(message)) => f.write_str(message),
        }
    }
}

impl std::error::Error for Abort {}

impl de::Error for Abort {
    fn custom<M: fmt::Display>(message: M) -> Self {
        Abort::Raised(Raised::Custom(message.to_string()))
    }

    fn missing_field(field: &'static str) -> Self {
        Abort::Raised(Raised::Missing(field))
    }
}

/// Turns an error raised by a type's own code while reading the value at
/// `path` into a stop at the right path.
fn locate(error: Abort, path: &Path) -> Abort {
    match error {
        Abort::Raised(Raised::Missing(field)) => {
            let at = path.key(field);
            let message = format!("missing field `{field}`");
            Abort::At(at.field(), FieldError::new(at.field(), "required", message))
        }
        Abort::Raised(Raised::Custom(message)) => Abort::At(
            path.field(),
            FieldError::new(path.field(), "invalid_value", message),
        ),
        at => at,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

struct Probe<'a, 's> {
    value: &'a Value,
    path: Path,
    state: &'s State<'s>,
}

impl<'a, 's> Probe<'a, 's> {
    fn wrong(&self, expected: &str) {
        let code = if self.path.0.is_empty() {
            "invalid_type"
        } else {
            "invalid_value"
        };
        self.state.record(
            &self.path,
            code,
            format!("invalid type: {}, expected {expected}", kind(self.value)),
        );
    }

    /// Forwards a value of the right kind to serde_json; an error then is the type's own.
    fn forward<V, F>(self, visitor: V, read: F) -> Result<V::Value, Abort>
    where
        V: Visitor<'a>,
        F: FnOnce(&'a Value, V) -> Result<V::Value, serde_json::Error>,
    {
        read(self.value, visitor).map_err(|e| {
            let message = e.to_string();
            Abort::At(
                self.path.field(),
                FieldError::new(self.path.field(), "invalid_value", message),
            )
        })
    }
}

macro_rules! number {
    ($method:ident, $visit:ident, $zero:expr) => {
        fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
            if self.value.is_number() {
                self.forward(visitor, |v, vis| v.$method(vis))
            } else {
                self.wrong("a number");
                visitor.$visit($zero)
            }
        }
    };
}

impl<'a, 's> Deserializer<'a> for Probe<'a, 's> {
    type Error = Abort;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(ProbeSeq::new(items, self.path, self.state)),
            Value::Object(entries) => visitor
                .visit_map(ProbeMap::new(entries, &[], self.path.clone(), self.state))
                .map_err(|e| locate(e, &self.path)),
            _ => self.forward(visitor, |v, vis| v.deserialize_any(vis)),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        if self.value.is_boolean() {
            self.forward(visitor, |v, vis| v.deserialize_bool(vis))
        } else {
            self.wrong("a boolean");
            visitor.visit_bool(false)
        }
    }

    number!(deserialize_i8, visit_i8, 0);
    number!(deserialize_i16, visit_i16, 0);
    number!(deserialize_i32, visit_i32, 0);
    number!(deserialize_i64, visit_i64, 0);
    number!(deserialize_u8, visit_u8, 0);
    number!(deserialize_u16, visit_u16, 0);
    number!(deserialize_u32, visit_u32, 0);
    number!(deserialize_u64, visit_u64, 0);
    number!(deserialize_f32, visit_f32, 0.0);
    number!(deserialize_f64, visit_f64, 0.0);

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        if self.value.is_string() {
            self.forward(visitor, |v, vis| v.deserialize_str(vis))
        } else {
            self.wrong("a string");
            Substitute("")
                .deserialize_str(visitor)
                .map_err(|e| locate(e, &self.path))
        }
    }

    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        self.forward(visitor, |v, vis| v.deserialize_bytes(vis))
    }

    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        self.forward(visitor, |v, vis| v.deserialize_byte_buf(vis))
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        if self.value.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        if !self.value.is_null() {
            self.wrong("null");
        }
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(ProbeSeq::new(items, self.path, self.state)),
            _ => {
                self.wrong("a list");
                visitor.visit_seq(ProbeSeq::new(&[], self.path, self.state))
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Abort> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Abort> {
        let path = self.path.clone();
        match self.value {
            Value::Object(entries) => visitor
                .visit_map(ProbeMap::new(entries, fields, self.path, self.state))
                .map_err(|e| locate(e, &path)),
            _ => {
                self.wrong("an object");
                Substitute("")
                    .deserialize_struct("", fields, visitor)
                    .map_err(|e| locate(e, &path))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Abort> {
        match self.value {
            Value::String(word) if !variants.contains(&word.as_str()) => {
                self.state.record(
                    &self.path,
                    "invalid_value",
                    format!(
                        "unknown variant `{word}`, expected one of {}",
                        variants
                            .iter()
                            .map(|v| format!("`{v}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                Substitute("")
                    .deserialize_enum("", variants, visitor)
                    .map_err(|e| locate(e, &self.path))
            }
            Value::String(_) | Value::Object(_) => {
                self.forward(visitor, |v, vis| v.deserialize_enum("", variants, vis))
            }
            _ => {
                self.wrong("a string");
                Substitute("")
                    .deserialize_enum("", variants, visitor)
                    .map_err(|e| locate(e, &self.path))
            }
        }
    }

    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_unit()
    }
}

struct ProbeSeq<'a, 's> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Value>>,
    path: Path,
    state: &'s State<'s>,
}

impl<'a, 's> ProbeSeq<'a, 's> {
    fn new(items: &'a [Value], path: Path, state: &'s State<'s>) -> Self {
        Self {
            items: items.iter().enumerate(),
            path,
            state,
        }
    }
}

impl<'a, 's> SeqAccess<'a> for ProbeSeq<'a, 's> {
    type Error = Abort;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Abort> {
        let Some((i, value)) = self.items.next() else {
            return Ok(None);
        };
        let path = self.path.index(i);
        if let Some(neutral) = self.state.substitute(&path) {
            return seed
                .deserialize(neutral)
                .map(Some)
                .map_err(|e| locate(e, &path));
        }
        seed.deserialize(Probe {
            value,
            path: path.clone(),
            state: self.state,
        })
        .map(Some)
        .map_err(|e| locate(e, &path))
    }
}

/// An object's entries, then (for a struct) the missing fields an earlier read
/// stopped at, each with a neutral value.
struct ProbeMap<'a, 's> {
    entries: serde_json::map::Iter<'a>,
    missing: std::vec::IntoIter<&'static str>,
    current: Option<(Path, Option<&'a Value>)>,
    state: &'s State<'s>,
    path: Path,
}

impl<'a, 's> ProbeMap<'a, 's> {
    fn new(
        entries: &'a serde_json::Map<String, Value>,
        fields: &'static [&'static str],
        path: Path,
        state: &'s State<'s>,
    ) -> Self {
        let missing: Vec<&'static str> = fields
            .iter()
            .copied()
            .filter(|f| !entries.contains_key(*f) && state.stops.contains_key(&path.key(f).field()))
            .collect();
        Self {
            entries: entries.iter(),
            missing: missing.into_iter(),
            current: None,
            state,
            path,
        }
    }
}

impl<'a, 's> MapAccess<'a> for ProbeMap<'a, 's> {
    type Error = Abort;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Abort> {
        if let Some((key, value)) = self.entries.next() {
            self.current = Some((self.path.key(key), Some(value)));
            return seed
                .deserialize(key.as_str().into_deserializer())
                .map(Some)
                .map_err(|e: de::value::Error| <Abort as de::Error>::custom(e));
        }
        if let Some(field) = self.missing.next() {
            self.current = Some((self.path.key(field), None));
            return seed
                .deserialize(field.into_deserializer())
                .map(Some)
                .map_err(|e: de::value::Error| <Abort as de::Error>::custom(e));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'a>>(&mut self, seed: V) -> Result<V::Value, Abort> {
        let Some((path, value)) = self.current.take() else {
            return Err(<Abort as de::Error>::custom("a value without its key"));
        };
        if let Some(neutral) = self.state.substitute(&path) {
            return seed.deserialize(neutral).map_err(|e| locate(e, &path));
        }
        match value {
            Some(value) => seed
                .deserialize(Probe {
                    value,
                    path: path.clone(),
                    state: self.state,
                })
                .map_err(|e| locate(e, &path)),
            None => Err(<Abort as de::Error>::custom(
                "a missing field without its error",
            )),
        }
    }
}

/// A neutral value of whatever kind is asked for: zero, the given text,
/// false, empty, the first variant, a struct of neutral fields.
#[derive(Clone, Copy)]
struct Substitute(&'static str);

macro_rules! neutral {
    ($method:ident, $visit:ident, $value:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
            visitor.$visit($value)
        }
    };
}

impl<'de> Deserializer<'de> for Substitute {
    type Error = Abort;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_unit()
    }
    neutral!(deserialize_bool, visit_bool, false);
    neutral!(deserialize_i8, visit_i8, 0);
    neutral!(deserialize_i16, visit_i16, 0);
    neutral!(deserialize_i32, visit_i32, 0);
    neutral!(deserialize_i64, visit_i64, 0);
    neutral!(deserialize_u8, visit_u8, 0);
    neutral!(deserialize_u16, visit_u16, 0);
    neutral!(deserialize_u32, visit_u32, 0);
    neutral!(deserialize_u64, visit_u64, 0);
    neutral!(deserialize_f32, visit_f32, 0.0);
    neutral!(deserialize_f64, visit_f64, 0.0);
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_char(' ')
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_str(self.0)
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_str(self.0)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_bytes(&[])
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_bytes(&[])
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_none()
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        visitor.visit_unit()
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_seq(NoElements)
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Abort> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_map(SubstituteFields([].iter().copied(), self))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Abort> {
        visitor.visit_map(SubstituteFields(fields.iter().copied(), self))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Abort> {
        let first = variants.first().copied().unwrap_or("");
        visitor.visit_enum(SubstituteVariant(first, self))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_str(self.0)
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Abort> {
        visitor.visit_unit()
    }
}

/// The elements of an empty list.
struct NoElements;

impl<'de> SeqAccess<'de> for NoElements {
    type Error = Abort;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        _seed: T,
    ) -> Result<Option<T::Value>, Abort> {
        Ok(None)
    }
}

/// Every field of a substituted struct, each neutral.
struct SubstituteFields(
    std::iter::Copied<std::slice::Iter<'static, &'static str>>,
    Substitute,
);

impl<'de> MapAccess<'de> for SubstituteFields {
    type Error = Abort;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Abort> {
        match self.0.next() {
            Some(field) => seed
                .deserialize(field.into_deserializer())
                .map(Some)
                .map_err(|e: de::value::Error| <Abort as de::Error>::custom(e)),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Abort> {
        seed.deserialize(self.1)
    }
}

struct SubstituteVariant(&'static str, Substitute);

impl<'de> EnumAccess<'de> for SubstituteVariant {
    type Error = Abort;
    type Variant = Substitute;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Substitute), Abort> {
        let variant = seed
            .deserialize(self.0.into_deserializer())
            .map_err(|e: de::value::Error| <Abort as de::Error>::custom(e))?;
        Ok((variant, self.1))
    }
}

impl<'de> VariantAccess<'de> for Substitute {
    type Error = Abort;

    fn unit_variant(self) -> Result<(), Abort> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Abort> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Abort> {
        self.deserialize_seq(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Abort> {
        self.deserialize_struct("", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    #[serde(rename_all = "snake_case")]
    enum Category {
        Personnel,
        Travel,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Line {
        year: i64,
        category: Category,
        amount_cents: i64,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Budget {
        lines: Vec<Line>,
        #[serde(default)]
        note: Option<String>,
        keywords: Vec<String>,
        start: chrono::NaiveDate,
    }

    fn fields(value: Value) -> Vec<(String, String)> {
        collect::<Budget>(&value)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    fn pair(field: &str, code: &str) -> (String, String) {
        (field.to_owned(), code.to_owned())
    }

    #[test]
    fn a_valid_body_has_no_errors() {
        let body = json!({ "lines": [{ "year": 1, "category": "travel", "amount_cents": 5 }],
                           "keywords": ["a"], "start": "2028-01-01" });
        assert!(fields(body).is_empty());
    }

    #[test]
    fn every_wrong_value_of_every_line_is_named_fields_by_name_items_by_index() {
        let body = json!({
            "lines": [
                { "year": "three", "category": "travel", "amount_cents": 5 },
                { "year": 1, "category": "flights", "amount_cents": "lots" },
                { "year": 2, "category": "personnel" },
                { "year": 2, "category": "personnel", "amount_cents": 1 },
            ],
            "note": 7,
            "keywords": ["ok", 5, null],
            "start": "tomorrow",
        });
        assert_eq!(
            fields(body),
            [
                pair("keywords[1]", "invalid_value"),
                pair("keywords[2]", "invalid_value"),
                pair("lines[0].year", "invalid_value"),
                pair("lines[1].amount_cents", "invalid_value"),
                pair("lines[1].category", "invalid_value"),
                pair("lines[2].amount_cents", "required"),
                pair("note", "invalid_value"),
                pair("start", "invalid_value"),
            ]
        );
    }

    #[test]
    fn missing_fields_and_wrong_containers_are_all_named() {
        let body = json!({ "lines": { "year": 1 }, "start": 5 });
        assert_eq!(
            fields(body),
            [
                pair("lines", "invalid_value"),
                pair("start", "invalid_value"),
                pair("keywords", "required"),
            ]
        );
    }

    #[test]
    fn a_huge_broken_body_reports_a_bounded_number_of_errors() {
        let lines: Vec<Value> = (0..10_000).map(|_| json!({ "year": 1 })).collect();
        let body = json!({ "lines": lines, "keywords": [], "start": "2028-01-01" });
        let errors = collect::<Budget>(&body);
        assert_eq!(errors.len(), MAX_ERRORS);
        assert_eq!(errors[0].field, "lines[0].category");
    }
}
