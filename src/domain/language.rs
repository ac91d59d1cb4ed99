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
