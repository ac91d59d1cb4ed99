//! Pure business rules: no I/O, no clock, no database. Everything here is
//! unit-tested and called by the handlers.

/// The stored and wire text of an enum's variants, in one place (textually in
/// scope for every module declared below): `as_str`,
/// `parse` and `ALL` for enums that the database keeps as text.
macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stored texts, in the order of `ALL`.
            pub const TEXTS: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                match raw { $($text => Some(Self::$variant),)+ _ => None }
            }
        }
    };
}

pub mod account;
pub mod assignment;
pub mod audit_chain;
pub mod budget;
pub mod call;
pub mod canonical;
pub mod checklist;
pub mod conflicts;
pub mod country;
pub mod deadline;
pub mod eligibility;
pub mod funding;
pub mod grant;
pub mod ids;
pub mod language;
pub mod mail_retry;
pub mod media;
pub mod organisation;
pub mod precondition;
pub mod pricing;
pub mod proposal;
pub mod quota;
pub mod ranking;
pub mod rate_window;
pub mod result;
pub mod review;
pub mod role;
pub mod scoring;
pub mod session;
pub mod text;

#[cfg(test)]
mod tests {
    use serde::Serialize;

    /// The stored text and the JSON text of every variant are the same words.
    fn same_text<T: Serialize + Copy>(all: &[T], as_str: fn(T) -> &'static str) {
        for &v in all {
            assert_eq!(
                serde_json::to_value(v).unwrap(),
                serde_json::json!(as_str(v))
            );
        }
    }

    #[test]
    fn stored_and_json_texts_agree() {
        same_text(super::role::Role::ALL, super::role::Role::as_str);
        same_text(super::role::Agency::ALL, super::role::Agency::as_str);
        same_text(
            super::call::CallStatus::ALL,
            super::call::CallStatus::as_str,
        );
        same_text(super::call::Stage::ALL, super::call::Stage::as_str);
        same_text(
            super::proposal::ProposalStatus::ALL,
            super::proposal::ProposalStatus::as_str,
        );
        same_text(
            super::proposal::PartnerRole::ALL,
            super::proposal::PartnerRole::as_str,
        );
        same_text(
            super::grant::CostCategory::ALL,
            super::grant::CostCategory::as_str,
        );
        same_text(
            super::grant::ResearchCategory::ALL,
            super::grant::ResearchCategory::as_str,
        );
        same_text(
            super::organisation::OrganisationKind::ALL,
            super::organisation::OrganisationKind::as_str,
        );
        same_text(
            super::funding::PlanStatus::ALL,
            super::funding::PlanStatus::as_str,
        );
        same_text(
            super::funding::Outcome::ALL,
            super::funding::Outcome::as_str,
        );
        same_text(
            super::language::Language::ALL,
            super::language::Language::as_str,
        );
        same_text(
            super::organisation::CompanySize::ALL,
            super::organisation::CompanySize::as_str,
        );
    }
}
