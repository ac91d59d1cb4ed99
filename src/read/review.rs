//! Stored reviews and consensus reports as the values they hold.

use crate::domain::review::ReviewContent;
use crate::error::ApiError;

/// A stored review content; a row that does not parse is a bug, not user input.
pub fn parse_content(raw: &str) -> Result<ReviewContent, ApiError> {
    serde_json::from_str(raw)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("stored review content: {e}")))
}
