//! Optimistic concurrency: a resource's version travels as a strong ETag
//! (`"7"`) and comes back in `If-Match`; a write on a stale version is refused.

/// The ETag of a version.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition {
    /// No `If-Match` header: the client must say which version it edits.
    Missing,
    /// `If-Match` names the current version (or `*`).
    Matches,
    /// `If-Match` names only other versions.
    Stale,
}

/// Evaluates an `If-Match` header value against the current version.
/// Weak tags never match: If-Match uses the strong comparison (RFC 9110 13.1.1).
pub fn check_if_match(header: Option<&str>, current_version: i64) -> Precondition {
    let Some(value) = header else {
        return Precondition::Missing;
    };
    let current = etag(current_version);
    let matches = value
        .split(',')
        .map(str::trim)
        .any(|tag| tag == "*" || tag == current);
    if matches {
        Precondition::Matches
    } else {
        Precondition::Stale
    }
}

/// A request's `If-Match`, to check against the version it would replace
/// (read by `api::if_match` at the boundary; the order of checks is there).
#[derive(Debug, Clone, Default)]
pub struct IfMatch(pub Option<String>);

impl IfMatch {
    /// 428 without the header, 412 unless it names `current_version` (or `*`).
    pub fn check(&self, current_version: i64) -> Result<(), crate::error::ApiError> {
        use crate::error::ApiError;
        match check_if_match(self.0.as_deref(), current_version) {
            Precondition::Matches => Ok(()),
            Precondition::Missing => Err(ApiError::PreconditionRequired),
            Precondition::Stale => Err(ApiError::PreconditionFailed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_is_compared_strongly() {
        assert_eq!(check_if_match(None, 3), Precondition::Missing);
        assert_eq!(check_if_match(Some("\"3\""), 3), Precondition::Matches);
        assert_eq!(
            check_if_match(Some("\"2\", \"3\""), 3),
            Precondition::Matches
        );
        assert_eq!(check_if_match(Some("*"), 3), Precondition::Matches);
        assert_eq!(check_if_match(Some("\"2\""), 3), Precondition::Stale);
        assert_eq!(check_if_match(Some("W/\"3\""), 3), Precondition::Stale);
        assert_eq!(check_if_match(Some("3"), 3), Precondition::Stale);
        assert_eq!(check_if_match(Some(""), 3), Precondition::Stale);
    }
}
