//! Eligibility after the deadline: the checklist's rules give an automatic
//! result; the operator confirms it or overrides it with a written reason.

use crate::error::FieldError;

pub const MAX_REASON_CHARS: usize = 2_000;

/// Whether the decision may be recorded: an override of the automatic result,
/// and any finding of ineligibility, need a reason the consortium can read.
pub fn check_decision(
    automatic: bool,
    eligible: bool,
    reason: Option<&str>,
) -> Result<Option<String>, FieldError> {
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    if reason.is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
        return Err(FieldError::new(
            "reason",
            "too_long",
            format!("A reason has at most {MAX_REASON_CHARS} characters."),
        ));
    }
    if reason.is_none() && eligible != automatic {
        return Err(FieldError::new(
            "reason",
            "required",
            "Overriding the automatic result needs a written reason.",
        ));
    }
    if reason.is_none() && !eligible {
        return Err(FieldError::new(
            "reason",
            "required",
            "Tell the consortium why the proposal is ineligible.",
        ));
    }
    Ok(reason.map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirming_an_eligible_result_needs_no_reason() {
        assert_eq!(check_decision(true, true, None), Ok(None));
        assert_eq!(check_decision(true, true, Some("  ")), Ok(None));
    }

    #[test]
    fn overrides_and_ineligibility_need_a_reason() {
        assert_eq!(
            check_decision(false, true, None).unwrap_err().code,
            "required"
        );
        assert_eq!(
            check_decision(true, false, None).unwrap_err().code,
            "required"
        );
        assert_eq!(
            check_decision(false, false, None).unwrap_err().code,
            "required"
        );
        assert_eq!(
            check_decision(false, true, Some(" The CV was in the wrong slot. ")),
            Ok(Some("The CV was in the wrong slot.".to_owned()))
        );
        assert_eq!(
            check_decision(false, false, Some(&"x".repeat(2_001)))
                .unwrap_err()
                .code,
            "too_long"
        );
    }
}
