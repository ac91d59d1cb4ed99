//! Texts people write into the record: a reason for an override, a redress
//! request, an answer. Trimmed; a blank one is no text; a bounded length.

use std::collections::HashSet;

use crate::error::FieldError;

/// Whether a character may be in no text of the portal: NUL and the other C0
/// and C1 controls, except tab, line feed and carriage return (long texts keep
/// their lines), and the bidirectional embeddings, overrides and isolates that
/// make a name or a file name read other than it is stored ("Trojan Source").
/// PostgreSQL refuses NUL in text; the rest would reach letters, CSV and PDF.
pub fn is_forbidden_character(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden character of `text`, described for a 422.
pub fn forbidden_character(text: &str) -> Option<String> {
    let c = text.chars().find(|&c| is_forbidden_character(c))?;
    Some(format!(
        "The text holds U+{:04X}, a control or text-direction character no text here may hold.",
        u32::from(c)
    ))
}

/// The longest keyword, in characters.
pub const MAX_KEYWORD_CHARS: usize = 50;

/// One keyword as the API describes it (`value_type` of keyword lists):
/// the spec's bound, which the body extractor enforces (`api::bounds`).
#[derive(utoipa::ToSchema)]
#[schema(max_length = 50, example = "remote monitoring")]
pub struct Keyword(pub String);

/// One media type as the API describes it (`application/pdf`).
#[derive(utoipa::ToSchema)]
#[schema(max_length = 100, example = "application/pdf")]
pub struct MediaType(pub String);

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

/// Keywords as they are matched: inner spaces collapsed, lower case, each once,
/// in the order given. Every bad keyword is named at `keywords[i]`, and more
/// than `most` distinct ones at `keywords`. Linear in the input: a body full of
/// distinct keywords costs no more than reading it.
pub fn keywords(raw: &[String], most: usize) -> Result<Vec<String>, Vec<FieldError>> {
    let mut kept = Vec::new();
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    for (i, keyword) in raw.iter().enumerate() {
        let keyword = keyword
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if keyword.is_empty() || keyword.chars().count() > MAX_KEYWORD_CHARS {
            errors.push(FieldError::new(
                format!("keywords[{i}]"),
                "invalid_value",
                format!("A keyword has 1 to {MAX_KEYWORD_CHARS} characters."),
            ));
        } else if seen.insert(keyword.clone()) {
            kept.push(keyword);
        }
    }
    if kept.len() > most {
        errors.push(FieldError::new(
            "keywords",
            "too_many",
            format!("At most {most} keywords."),
        ));
    }
    if errors.is_empty() {
        Ok(kept)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_are_forbidden_but_lines_are_not() {
        for bad in [
            "a\u{0}b",
            "\u{7}",
            "\u{7f}",
            "\u{85}",
            "invoice\u{202E}fdp.exe",
            "\u{2066}x",
        ] {
            assert!(forbidden_character(bad).is_some(), "{bad:?}");
        }
        for good in ["Łódź Med", "Ştefan", "line\none\ttab\r\n", "مستشفى", "שלום"] {
            assert_eq!(forbidden_character(good), None, "{good:?}");
        }
        assert!(forbidden_character("a\u{0}").unwrap().contains("U+0000"));
    }

    #[test]
    fn keywords_are_collapsed_lowered_and_kept_once_in_order() {
        let raw: Vec<String> = ["Remote  Monitoring", "AI", "remote monitoring"]
            .map(String::from)
            .to_vec();
        assert_eq!(keywords(&raw, 10).unwrap(), ["remote monitoring", "ai"]);
        let bad: Vec<String> = ["ok", " ", &"x".repeat(51)].map(String::from).to_vec();
        let fields: Vec<String> = keywords(&bad, 10)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["keywords[1]", "keywords[2]"]);
        let many: Vec<String> = (0..40_000).map(|i| format!("k{i}")).collect();
        let errors = keywords(&many, 10).unwrap_err();
        assert_eq!((errors.len(), errors[0].code.as_str()), (1, "too_many"));
    }

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
