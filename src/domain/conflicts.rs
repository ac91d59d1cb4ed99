//! Conflicts of interest the portal finds by itself (DOMAIN.md, "Evaluation"):
//! an expert may not evaluate a proposal of an organisation they work for,
//! nor any proposal of a call in which they are a consortium member. Every
//! other conflict is declared by the expert.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ConflictReason {
    /// The expert is affiliated to one of the proposal's partner organisations.
    WorksForPartner,
    /// The expert is a member of a consortium in the same call.
    ApplicantInCall,
}

impl ConflictReason {
    pub fn explanation(self) -> &'static str {
        match self {
            Self::WorksForPartner => "works for one of the proposal's partner organisations",
            Self::ApplicantInCall => "is a member of a consortium in this call",
        }
    }
}

/// What the detection needs to know about one expert.
#[derive(Debug, Clone, Default)]
pub struct ExpertTies<'a> {
    pub organisations: BTreeSet<&'a str>,
    /// The proposals of this call the expert is a member of.
    pub proposals: BTreeSet<&'a str>,
}

/// For every proposal (id -> partner organisation ids), the reasons the expert
/// may not evaluate it; proposals without a conflict are absent.
pub fn automatic_conflicts<'a>(
    expert: &ExpertTies<'a>,
    proposals: &BTreeMap<&'a str, BTreeSet<&'a str>>,
) -> BTreeMap<&'a str, Vec<ConflictReason>> {
    let applicant = !expert.proposals.is_empty();
    proposals
        .iter()
        .filter_map(|(proposal, partners)| {
            let mut reasons = Vec::new();
            if partners
                .iter()
                .any(|org| expert.organisations.contains(org))
            {
                reasons.push(ConflictReason::WorksForPartner);
            }
            if applicant {
                reasons.push(ConflictReason::ApplicantInCall);
            }
            (!reasons.is_empty()).then_some((*proposal, reasons))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposals<'a>() -> BTreeMap<&'a str, BTreeSet<&'a str>> {
        BTreeMap::from([
            ("p1", BTreeSet::from(["medsoft", "lih"])),
            ("p2", BTreeSet::from(["cardio", "chl"])),
        ])
    }

    #[test]
    fn working_for_a_partner_conflicts_with_that_proposal_only() {
        let expert = ExpertTies {
            organisations: BTreeSet::from(["lih", "uni"]),
            proposals: BTreeSet::new(),
        };
        let conflicts = automatic_conflicts(&expert, &proposals());
        assert_eq!(
            conflicts,
            BTreeMap::from([("p1", vec![ConflictReason::WorksForPartner])])
        );
    }

    #[test]
    fn an_applicant_in_the_call_conflicts_with_every_proposal() {
        let expert = ExpertTies {
            organisations: BTreeSet::from(["medsoft"]),
            proposals: BTreeSet::from(["p1"]),
        };
        let conflicts = automatic_conflicts(&expert, &proposals());
        assert_eq!(
            conflicts["p1"],
            vec![
                ConflictReason::WorksForPartner,
                ConflictReason::ApplicantInCall
            ]
        );
        assert_eq!(conflicts["p2"], vec![ConflictReason::ApplicantInCall]);
    }

    #[test]
    fn an_independent_expert_has_none() {
        let expert = ExpertTies {
            organisations: BTreeSet::from(["uni"]),
            proposals: BTreeSet::new(),
        };
        assert!(automatic_conflicts(&expert, &proposals()).is_empty());
        assert_eq!(
            ConflictReason::ApplicantInCall.explanation(),
            "is a member of a consortium in this call"
        );
    }
}
