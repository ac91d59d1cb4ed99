//! Who may do what. Every access decision is a named function here, so the
//! rules can be read in one place and tested as a matrix.

use crate::auth::AuthUser;
use crate::domain::call::CallStatus;
use crate::domain::proposal::ProposalStatus;
use crate::domain::role::{Agency, Role};

/// Staff act on many people's proposals and money: a stolen password alone
/// must not be enough, so they act only once a second factor is enrolled.
/// Applicants and experts may enrol one; they are not made to.
pub fn must_enrol_second_factor(user: &AuthUser) -> bool {
    needs_second_factor(user) && !user.second_factor
}

/// Whether the account's roles need two-step sign-in (enrolled or not).
pub fn needs_second_factor(user: &AuthUser) -> bool {
    user.roles.is_staff()
}

/// Staff cannot remove their second factor (an administrator can reset it,
/// after which they enrol again before they act).
pub fn may_remove_own_second_factor(user: &AuthUser) -> bool {
    !needs_second_factor(user)
}

pub fn may_manage_users(user: &AuthUser) -> bool {
    user.has(Role::Admin)
}

pub fn may_read_audit(user: &AuthUser) -> bool {
    user.has(Role::Admin)
}

pub fn may_read_outbox(user: &AuthUser) -> bool {
    user.has(Role::Admin) || user.has(Role::Operator)
}

/// Operators set up and run calls; administrators may stand in for them.
pub fn may_manage_calls(user: &AuthUser) -> bool {
    user.has(Role::Operator) || user.has(Role::Admin)
}

/// A draft call is seen only by those who manage calls; once open, by everyone signed in.
pub fn may_see_call(user: &AuthUser, status: CallStatus) -> bool {
    status != CallStatus::Draft || may_manage_calls(user)
}

/// A proposal is seen by its consortium; call managers see it once submitted
/// (a draft is the consortium's alone).
pub fn may_see_proposal(user: &AuthUser, is_member: bool, status: ProposalStatus) -> bool {
    is_member || (may_manage_calls(user) && status != ProposalStatus::Draft)
}

/// Whether the caller sees a proposal, before asking the database whether
/// they are one of its cleared experts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalAccess {
    /// As a member of its consortium, or as staff (see [`may_see_proposal`]).
    Granted,
    /// Only as an expert of it: see [`may_read_as_expert`].
    IfClearedExpert,
    Denied,
}

pub fn proposal_access(user: &AuthUser, is_member: bool, status: ProposalStatus) -> ProposalAccess {
    if may_see_proposal(user, is_member, status) {
        ProposalAccess::Granted
    } else if user.has(Role::Reviewer) {
        ProposalAccess::IfClearedExpert
    } else {
        ProposalAccess::Denied
    }
}

/// An expert reads a proposal's content only once they have declared no
/// conflict of interest with it, and while they hold the reviewer role.
pub fn may_read_as_expert(user: &AuthUser, declared_no_conflict: bool) -> bool {
    declared_no_conflict && user.has(Role::Reviewer)
}

/// The ranking is for those who run the call and those who fund it.
pub fn may_see_ranking(user: &AuthUser) -> bool {
    may_manage_calls(user) || user.has(Role::Funder)
}

/// A consensus report is read by those who see the ranking (operators and
/// funders) and by its rapporteur; the other experts and the consortium
/// never see it whole.
pub fn may_read_consensus(user: &AuthUser, is_rapporteur: bool) -> bool {
    may_see_ranking(user) || is_rapporteur
}

/// A funder's staff decide only for the partners their own agency funds.
pub fn may_decide_for(user: &AuthUser, agency: Agency) -> bool {
    user.has(Role::Funder) && user.roles.agency() == Some(agency)
}

/// The agency whose partners a funder sees in detail; operators see every
/// agency's (None means all), other funders' partners only as totals.
pub fn detailed_agency(user: &AuthUser) -> Option<Agency> {
    if may_manage_calls(user) {
        None
    } else {
        user.roles.agency()
    }
}

/// An organisation's details (its kind, size and country decide grants) may
/// be corrected by whoever registered it and by the call's operators and
/// admins. Not by its affiliated people: anyone may declare an affiliation.
pub fn may_edit_organisation(user: &AuthUser, created_by: Option<&str>) -> bool {
    user.has(Role::Admin) || user.has(Role::Operator) || created_by == Some(user.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::role::RoleSet;

    fn user(id: &str, roles: &[Role]) -> AuthUser {
        let agency = roles.contains(&Role::Funder).then_some(Agency::Fnr);
        AuthUser {
            email_verified: true,
            id: id.into(),
            email: format!("{id}@example.org"),
            full_name: id.into(),
            roles: RoleSet::new(roles, agency).unwrap(),
            second_factor: false,
            session_id: "s".into(),
        }
    }

    #[test]
    fn staff_must_enrol_a_second_factor_and_cannot_remove_it() {
        for (role, staff) in [
            (Role::Applicant, false),
            (Role::Reviewer, false),
            (Role::Funder, true),
            (Role::Operator, true),
            (Role::Admin, true),
        ] {
            let mut u = user("u", &[role]);
            assert_eq!(must_enrol_second_factor(&u), staff, "{role:?}");
            assert_eq!(may_remove_own_second_factor(&u), !staff, "{role:?}");
            u.second_factor = true;
            assert!(!must_enrol_second_factor(&u), "{role:?} enrolled");
        }
    }

    /// Every role against every rule: (role, manage users, read audit, read outbox,
    /// edit an organisation someone else created).
    #[test]
    fn role_matrix() {
        let matrix = [
            (Role::Applicant, false, false, false, false),
            (Role::Reviewer, false, false, false, false),
            (Role::Funder, false, false, false, false),
            (Role::Operator, false, false, true, true),
            (Role::Admin, true, true, true, true),
        ];
        for (role, users, audit, outbox, edit_org) in matrix {
            let u = user("u", &[role]);
            assert_eq!(may_manage_users(&u), users, "{role:?} manage users");
            assert_eq!(may_read_audit(&u), audit, "{role:?} read audit");
            assert_eq!(may_read_outbox(&u), outbox, "{role:?} read outbox");
            assert_eq!(
                may_edit_organisation(&u, Some("other")),
                edit_org,
                "{role:?} edit org"
            );
        }
    }

    #[test]
    fn consensus_reports_are_read_by_ranking_staff_and_their_rapporteur() {
        for &role in Role::ALL {
            let u = user("u", &[role]);
            let staff = matches!(role, Role::Operator | Role::Admin | Role::Funder);
            assert_eq!(may_read_consensus(&u, false), staff, "{role:?}");
            assert!(may_read_consensus(&u, true), "{role:?} rapporteur");
        }
    }

    #[test]
    fn only_call_managers_see_drafts() {
        for &role in Role::ALL {
            let u = user("u", &[role]);
            let manager = matches!(role, Role::Operator | Role::Admin);
            assert_eq!(may_manage_calls(&u), manager, "{role:?}");
            assert_eq!(may_see_call(&u, CallStatus::Draft), manager, "{role:?}");
            assert!(may_see_call(&u, CallStatus::Open), "{role:?}");
        }
    }

    #[test]
    fn drafts_belong_to_their_consortium() {
        for &role in Role::ALL {
            let u = user("u", &[role]);
            let manager = matches!(role, Role::Operator | Role::Admin);
            assert!(
                may_see_proposal(&u, true, ProposalStatus::Draft),
                "{role:?} member"
            );
            assert!(
                !may_see_proposal(&u, false, ProposalStatus::Draft),
                "{role:?} outsider, draft"
            );
            assert_eq!(
                may_see_proposal(&u, false, ProposalStatus::Submitted),
                manager,
                "{role:?} submitted"
            );
        }
    }

    #[test]
    fn a_proposal_is_open_to_members_and_staff_and_asks_about_experts() {
        use ProposalAccess::{Denied, Granted, IfClearedExpert};
        use ProposalStatus::{Draft, Submitted};
        // (role, member of the consortium, status, access)
        let cases = [
            (Role::Applicant, true, Draft, Granted),
            (Role::Applicant, false, Submitted, Denied),
            (Role::Operator, false, Submitted, Granted),
            (Role::Operator, false, Draft, Denied),
            (Role::Reviewer, false, Submitted, IfClearedExpert),
            (Role::Reviewer, true, Draft, Granted),
        ];
        for (role, member, status, access) in cases {
            let u = user("u", &[role]);
            assert_eq!(
                proposal_access(&u, member, status),
                access,
                "{role:?} member={member} {status:?}"
            );
        }
    }

    #[test]
    fn only_the_creator_among_applicants_may_edit_an_organisation() {
        let applicant = user("me", &[Role::Applicant]);
        assert!(may_edit_organisation(&applicant, Some("me")));
        assert!(!may_edit_organisation(&applicant, Some("other")));
        assert!(!may_edit_organisation(&applicant, None));
    }

    #[test]
    fn experts_read_after_declaring_and_funders_see_the_ranking() {
        for &role in Role::ALL {
            let u = user("u", &[role]);
            let reviewer = role == Role::Reviewer;
            assert_eq!(may_read_as_expert(&u, true), reviewer, "{role:?}");
            assert!(!may_read_as_expert(&u, false), "{role:?} undeclared");
            assert_eq!(
                may_see_ranking(&u),
                matches!(role, Role::Operator | Role::Admin | Role::Funder),
                "{role:?} ranking"
            );
        }
    }

    #[test]
    fn funders_decide_for_their_own_agency_only() {
        let fnr = user("f", &[Role::Funder]);
        assert!(may_decide_for(&fnr, Agency::Fnr));
        assert!(!may_decide_for(&fnr, Agency::Meco));
        assert_eq!(detailed_agency(&fnr), Some(Agency::Fnr));
        for &role in Role::ALL.iter().filter(|r| **r != Role::Funder) {
            assert!(
                !may_decide_for(&user("u", &[role]), Agency::Fnr),
                "{role:?}"
            );
        }
        assert_eq!(detailed_agency(&user("o", &[Role::Operator])), None);
    }
}
