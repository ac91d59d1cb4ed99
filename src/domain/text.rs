//! Texts people write into the record: a reason for an override, a redress
//! request, an answer. Trimmed; a blank one is no text; a bounded length.

use crate::error::FieldError;

/// The longest reason for an operator's override (a move into funding, an
/// outline invited although not on the main list).
pub const MAX_REASON_CHARS: usize = 2_000;

/// `raw` trimmed, `None` when blank; refused beyond `max_chars`.
pub fn written(raw: &str, field: &str, max_chars: usize) -> Result<Option<String>, FieldError> {
    let text = raw.trim();
    let length = text.chars().count();
    if length > max_chars {
        return Err(FieldError::new(
            field,
            "too_long",
            format!("At most {max_chars} characters; this has {length}."),
        ));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// Like `written`, for a text that must be there: `missing` says what to write.
pub fn required(
    raw: &str,
    field: &str,
    max_chars: usize,
    missing: &str,
) -> Result<String, FieldError> {
    written(raw, field, max_chars)?.ok_or_else(|| FieldError::new(field, "required", missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_trimmed_blank_is_none_and_too_long_is_refused() {
        assert_eq!(
            written("  Why.  ", "reason", 10).unwrap().as_deref(),
            Some("Why.")
        );
        assert_eq!(written(" \n ", "reason", 10).unwrap(), None);
        let error = written("ééééééééééé", "reason", 10).unwrap_err();
        assert_eq!(
            (error.field.as_str(), error.code.as_str()),
            ("reason", "too_long")
        );
        assert_eq!(
            written("éééééééééé", "reason", 10)
                .unwrap()
                .unwrap()
                .chars()
                .count(),
            10
        );
        assert_eq!(
            required(" ", "text", 5, "Write it.").unwrap_err().code,
            "required"
        );
    }
}
