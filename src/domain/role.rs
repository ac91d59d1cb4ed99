//! Roles and funding agencies, and which combinations make sense.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Applicant,
    Reviewer,
    Funder,
    Operator,
    Admin,
}

text_enum!(Role {
    Applicant => "applicant",
    Reviewer => "reviewer",
    Funder => "funder",
    Operator => "operator",
    Admin => "admin",
});

/// The funders of the Luxembourg HealthTech joint call.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
pub enum Agency {
    /// Ministry of the Economy: funds companies.
    #[serde(rename = "MECO")]
    Meco,
    /// National Research Fund: funds research organisations.
    #[serde(rename = "FNR")]
    Fnr,
    /// Directorate of Health: funds hospitals.
    #[serde(rename = "DS")]
    Ds,
}

text_enum!(Agency {
    Meco => "MECO",
    Fnr => "FNR",
    Ds => "DS",
});

/// A user's roles: sorted, without duplicates, always with `applicant`
/// (everyone may apply), and with an agency exactly when one of them is `funder`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleSet {
    roles: Vec<Role>,
    agency: Option<Agency>,
}

impl RoleSet {
    pub fn applicant() -> Self {
        Self {
            roles: vec![Role::Applicant],
            agency: None,
        }
    }

    pub fn new(roles: &[Role], agency: Option<Agency>) -> Result<Self, Vec<FieldError>> {
        let mut sorted: Vec<Role> = roles.to_vec();
        sorted.push(Role::Applicant);
        sorted.sort();
        sorted.dedup();
        let is_funder = sorted.contains(&Role::Funder);
        let mut errors = Vec::new();
        if is_funder && agency.is_none() {
            errors.push(FieldError::new(
                "agency",
                "required",
                "A funder belongs to an agency: MECO, FNR or DS.",
            ));
        }
        if !is_funder && agency.is_some() {
            errors.push(FieldError::new(
                "agency",
                "not_allowed",
                "Only a user with the funder role has an agency.",
            ));
        }
        if errors.is_empty() {
            Ok(Self {
                roles: sorted,
                agency,
            })
        } else {
            Err(errors)
        }
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn agency(&self) -> Option<Agency> {
        self.agency
    }

    /// The same roles plus `role` (the agency unchanged).
    pub fn with(&self, role: Role) -> Result<Self, Vec<FieldError>> {
        let mut roles = self.roles.clone();
        roles.push(role);
        Self::new(&roles, self.agency)
    }

    /// The role names, as access tokens carry them.
    pub fn names(&self) -> Vec<String> {
        self.roles.iter().map(|r| r.as_str().to_owned()).collect()
    }

    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Operators, funders and administrators: they see and decide for many
    /// proposals, so their sessions are shorter and they must use a second factor.
    pub fn is_staff(&self) -> bool {
        self.roles
            .iter()
            .any(|r| matches!(r, Role::Operator | Role::Funder | Role::Admin))
    }

    /// The set a stored row holds: its roles were checked when written (and
    /// are checked again when read, in `db::columns::StoredRoles`), so only
    /// the invariants are restored here.
    pub fn from_stored(roles: &[Role], agency: Option<Agency>) -> Self {
        let mut sorted = roles.to_vec();
        sorted.push(Role::Applicant);
        sorted.sort();
        sorted.dedup();
        Self {
            roles: sorted,
            agency,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_is_an_applicant_and_roles_are_sorted() {
        let set = RoleSet::new(&[Role::Admin, Role::Reviewer, Role::Admin], None).unwrap();
        assert_eq!(set.roles(), &[Role::Applicant, Role::Reviewer, Role::Admin]);
    }

    #[test]
    fn a_funder_needs_an_agency_and_only_a_funder_has_one() {
        assert_eq!(
            RoleSet::new(&[Role::Funder], None).unwrap_err()[0].code,
            "required"
        );
        assert_eq!(
            RoleSet::new(&[Role::Operator], Some(Agency::Fnr)).unwrap_err()[0].code,
            "not_allowed"
        );
        let funder = RoleSet::new(&[Role::Funder], Some(Agency::Ds)).unwrap();
        assert_eq!(funder.agency(), Some(Agency::Ds));
    }

    #[test]
    fn a_role_can_be_added_keeping_the_agency() {
        let funder = RoleSet::new(&[Role::Funder], Some(Agency::Fnr)).unwrap();
        let both = funder.with(Role::Reviewer).unwrap();
        assert_eq!(both.names(), ["applicant", "reviewer", "funder"]);
        assert_eq!(both.agency(), Some(Agency::Fnr));
        assert!(
            RoleSet::applicant().with(Role::Funder).is_err(),
            "a funder needs an agency"
        );
    }

    #[test]
    fn a_stored_set_gains_applicant_and_its_order() {
        let set = RoleSet::new(&[Role::Funder, Role::Reviewer], Some(Agency::Meco)).unwrap();
        let back = RoleSet::from_stored(&[Role::Funder, Role::Reviewer], Some(Agency::Meco));
        assert_eq!(back, set);
    }
}
