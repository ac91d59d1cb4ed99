//! The languages the portal writes letters in. English is the default; a
//! person chooses theirs in the profile.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// ISO 639-1 code of a language letters are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    En,
    Fr,
    De,
}

text_enum!(Language {
    En => "en",
    Fr => "fr",
    De => "de",
});

impl Language {
    /// The stored code, English for anything unknown (a row written by a
    /// newer version that knows more languages still gets a letter).
    pub fn from_stored(raw: &str) -> Self {
        Self::parse(raw).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_stored_codes_fall_back_to_english() {
        assert_eq!(Language::from_stored("fr"), Language::Fr);
        assert_eq!(Language::from_stored("lb"), Language::En);
    }
}
