//! The funding plan (DOMAIN.md, "Decisions"): walking the main list in rank
//! order, a proposal is fundable when every funder involved still has enough
//! of its envelope for that proposal's partners; otherwise it goes to the
//! reserve. Decisions already taken count first: an approval commits its
//! amount, a rejection takes the proposal out. A proposal the operator moved
//! into funding (with a reason) is walked before all the others.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::{PartnerId, ProposalId};
use super::role::Agency;

/// A funder's decision on one partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    Rejected,
}

text_enum!(Decision {
    Approved => "approved",
    Rejected => "rejected",
});

/// One funded partner of a proposal, as the plan sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerNeed {
    pub partner: PartnerId,
    pub agency: Agency,
    pub requested_cents: i64,
    /// The decision taken, with the approved amount.
    pub decided: Option<(Decision, i64)>,
}

/// A proposal of the main list, in rank order, with its funded partners.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub proposal: ProposalId,
    pub partners: Vec<PartnerNeed>,
    /// Moved into funding by the operator: walked first.
    pub promoted: bool,
}

/// What the plan makes of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Every funder involved approved.
    Funded,
    /// A funder rejected one of its partners.
    Rejected,
    /// Not decided yet, and every funder involved has room for it.
    Fundable,
    /// Not decided yet, and some funder involved has no room left for it.
    Reserve,
}

text_enum!(PlanStatus {
    Funded => "funded",
    Rejected => "rejected",
    Fundable => "fundable",
    Reserve => "reserve",
});

/// A proposal's outcome from the decisions alone: funded when every funded
/// partner is approved, rejected when any is rejected, pending otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Funded,
    Rejected,
    Pending,
}

text_enum!(Outcome {
    Funded => "funded",
    Rejected => "rejected",
    Pending => "pending",
});

pub fn outcome(partners: &[PartnerNeed]) -> Outcome {
    if partners
        .iter()
        .any(|p| matches!(p.decided, Some((Decision::Rejected, _))))
    {
        Outcome::Rejected
    } else if partners.iter().all(|p| p.decided.is_some()) {
        Outcome::Funded
    } else {
        Outcome::Pending
    }
}

/// A funder's envelope after the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EnvelopeUse {
    pub agency: Agency,
    pub total_cents: i64,
    /// Approved by decisions.
    pub committed_cents: i64,
    /// Requested by the proposals the plan marks fundable.
    pub proposed_cents: i64,
    pub remaining_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// One status per case, in the cases' order.
    pub statuses: Vec<PlanStatus>,
    pub envelopes: Vec<EnvelopeUse>,
}

/// The cents each agency still needs for a case: its undecided partners' requests.
fn pending_needs(case: &Case) -> BTreeMap<Agency, i64> {
    let mut needs = BTreeMap::new();
    for p in case.partners.iter().filter(|p| p.decided.is_none()) {
        *needs.entry(p.agency).or_insert(0) += p.requested_cents;
    }
    needs
}

/// What each agency's approvals commit: the one sum behind the plan's
/// envelopes, the envelope check of a new approval and the statistics.
pub fn committed<'a>(partners: impl IntoIterator<Item = &'a PartnerNeed>) -> BTreeMap<Agency, i64> {
    let mut committed = BTreeMap::new();
    for p in partners {
        if let Some((Decision::Approved, amount)) = p.decided {
            *committed.entry(p.agency).or_insert(0) += amount;
        }
    }
    committed
}

/// The plan for `cases` (the main list, best first) and the envelopes.
/// Agencies without an envelope have none: a proposal needing them is reserve.
/// Promoted cases take their share first, in rank order; then the others.
pub fn plan(cases: &[Case], envelopes: &BTreeMap<Agency, i64>) -> Plan {
    let mut committed: BTreeMap<Agency, i64> = envelopes.keys().map(|a| (*a, 0)).collect();
    for (agency, amount) in self::committed(cases.iter().flat_map(|c| &c.partners)) {
        *committed.entry(agency).or_insert(0) += amount;
    }
    let mut remaining: BTreeMap<Agency, i64> = committed
        .iter()
        .map(|(a, c)| (*a, envelopes.get(a).copied().unwrap_or(0) - c))
        .collect();
    let mut proposed: BTreeMap<Agency, i64> = BTreeMap::new();
    let mut statuses = vec![PlanStatus::Reserve; cases.len()];
    let walk = cases
        .iter()
        .enumerate()
        .filter(|(_, c)| c.promoted)
        .chain(cases.iter().enumerate().filter(|(_, c)| !c.promoted));
    for (i, case) in walk {
        statuses[i] = match outcome(&case.partners) {
            Outcome::Rejected => PlanStatus::Rejected,
            Outcome::Funded => PlanStatus::Funded,
            Outcome::Pending => {
                let needs = pending_needs(case);
                let fits = needs
                    .iter()
                    .all(|(a, need)| remaining.get(a).copied().unwrap_or(0) >= *need);
                if fits {
                    for (a, need) in needs {
                        *remaining.entry(a).or_insert(0) -= need;
                        *proposed.entry(a).or_insert(0) += need;
                    }
                    PlanStatus::Fundable
                } else {
                    PlanStatus::Reserve
                }
            }
        };
    }
    let envelopes = committed
        .iter()
        .map(|(agency, committed)| EnvelopeUse {
            agency: *agency,
            total_cents: envelopes.get(agency).copied().unwrap_or(0),
            committed_cents: *committed,
            proposed_cents: proposed.get(agency).copied().unwrap_or(0),
            remaining_cents: remaining.get(agency).copied().unwrap_or(0),
        })
        .collect();
    Plan {
        statuses,
        envelopes,
    }
}

/// Whether approving `amount` for a partner keeps the agency's envelope:
/// `committed_elsewhere` is what the agency approved for every other partner.
pub fn approval_fits(envelope_cents: i64, committed_elsewhere: i64, amount: i64) -> bool {
    committed_elsewhere.saturating_add(amount) <= envelope_cents
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn need(partner: &str, agency: Agency, requested: i64) -> PartnerNeed {
        PartnerNeed {
            partner: partner.into(),
            agency,
            requested_cents: requested,
            decided: None,
        }
    }

    fn case(id: &str, partners: Vec<PartnerNeed>) -> Case {
        Case {
            proposal: id.into(),
            partners,
            promoted: false,
        }
    }

    fn envelopes(pairs: &[(Agency, i64)]) -> BTreeMap<Agency, i64> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn walks_the_main_list_and_skips_only_what_does_not_fit() {
        let cases = [
            case(
                "A",
                vec![need("a1", Agency::Meco, 60), need("a2", Agency::Fnr, 30)],
            ),
            case(
                "B",
                vec![need("b1", Agency::Meco, 50), need("b2", Agency::Fnr, 10)],
            ),
            case(
                "C",
                vec![need("c1", Agency::Meco, 40), need("c2", Agency::Fnr, 20)],
            ),
        ];
        let result = plan(
            &cases,
            &envelopes(&[(Agency::Meco, 100), (Agency::Fnr, 100)]),
        );
        // B needs 50 of MECO's remaining 40: reserve; C fits in what is left.
        assert_eq!(
            result.statuses,
            [
                PlanStatus::Fundable,
                PlanStatus::Reserve,
                PlanStatus::Fundable
            ]
        );
        assert_eq!(
            result.envelopes[0],
            EnvelopeUse {
                agency: Agency::Meco,
                total_cents: 100,
                committed_cents: 0,
                proposed_cents: 100,
                remaining_cents: 0
            }
        );
    }

    #[test]
    fn decisions_count_first_and_decide_the_outcome() {
        let mut approved = need("a1", Agency::Meco, 60);
        approved.decided = Some((Decision::Approved, 50));
        let mut rejected = need("b2", Agency::Fnr, 10);
        rejected.decided = Some((Decision::Rejected, 0));
        let cases = [
            case("A", vec![approved.clone(), need("a2", Agency::Fnr, 30)]),
            case("B", vec![need("b1", Agency::Meco, 10), rejected]),
            case("C", vec![need("c1", Agency::Meco, 51)]),
        ];
        assert_eq!(outcome(&cases[0].partners), Outcome::Pending);
        assert_eq!(outcome(&cases[1].partners), Outcome::Rejected);
        assert_eq!(outcome(&[approved]), Outcome::Funded);
        let result = plan(
            &cases,
            &envelopes(&[(Agency::Meco, 100), (Agency::Fnr, 100)]),
        );
        assert_eq!(
            result.statuses,
            [
                PlanStatus::Fundable,
                PlanStatus::Rejected,
                PlanStatus::Reserve
            ]
        );
        assert_eq!(result.envelopes[0].committed_cents, 50);
        assert_eq!(result.envelopes[0].remaining_cents, 50);
    }

    #[test]
    fn a_promoted_proposal_takes_its_share_before_those_ranked_above() {
        let mut cases = vec![
            case("A", vec![need("a1", Agency::Meco, 60)]),
            case("B", vec![need("b1", Agency::Meco, 50)]),
        ];
        let envelope = envelopes(&[(Agency::Meco, 100)]);
        assert_eq!(
            plan(&cases, &envelope).statuses,
            [PlanStatus::Fundable, PlanStatus::Reserve]
        );
        cases[1].promoted = true;
        assert_eq!(
            plan(&cases, &envelope).statuses,
            [PlanStatus::Reserve, PlanStatus::Fundable]
        );
    }

    #[test]
    fn only_approvals_commit() {
        let mut approved = need("a", Agency::Meco, 60);
        approved.decided = Some((Decision::Approved, 40));
        let mut rejected = need("b", Agency::Meco, 60);
        rejected.decided = Some((Decision::Rejected, 0));
        let mut fnr = need("c", Agency::Fnr, 9);
        fnr.decided = Some((Decision::Approved, 9));
        let undecided = need("d", Agency::Meco, 70);
        assert_eq!(
            committed([&approved, &rejected, &fnr, &undecided]),
            envelopes(&[(Agency::Meco, 40), (Agency::Fnr, 9)])
        );
    }

    #[test]
    fn a_funder_without_an_envelope_cannot_fund() {
        let cases = [case("A", vec![need("a1", Agency::Ds, 1)])];
        let result = plan(&cases, &envelopes(&[(Agency::Meco, 100)]));
        assert_eq!(result.statuses, [PlanStatus::Reserve]);
    }

    #[test]
    fn an_approval_must_fit_the_envelope() {
        assert!(approval_fits(100, 60, 40));
        assert!(!approval_fits(100, 60, 41));
        assert!(!approval_fits(100, i64::MAX, 1));
    }

    fn arb_cases() -> impl Strategy<Value = (Vec<Case>, BTreeMap<Agency, i64>)> {
        let agency = prop_oneof![Just(Agency::Meco), Just(Agency::Fnr), Just(Agency::Ds)];
        let partner = (
            agency,
            1i64..500,
            prop::option::of((any::<bool>(), 0i64..500)),
        );
        let cases = prop::collection::vec(
            (
                prop::collection::vec(partner, 1..4),
                prop::bool::weighted(0.2),
            ),
            0..12,
        );
        let envelopes = prop::collection::vec(0i64..2_000, 3);
        (cases, envelopes).prop_map(|(cases, totals)| {
            let cases = cases
                .into_iter()
                .enumerate()
                .map(|(i, (partners, promoted))| Case {
                    proposal: format!("P{i}").into(),
                    promoted,
                    partners: partners
                        .into_iter()
                        .enumerate()
                        .map(|(j, (agency, requested, decided))| PartnerNeed {
                            partner: format!("P{i}-{j}").into(),
                            agency,
                            requested_cents: requested,
                            decided: decided.map(|(approve, amount)| {
                                if approve {
                                    (Decision::Approved, amount.min(requested))
                                } else {
                                    (Decision::Rejected, 0)
                                }
                            }),
                        })
                        .collect(),
                })
                .collect();
            let envelopes = [Agency::Meco, Agency::Fnr, Agency::Ds]
                .into_iter()
                .zip(totals)
                .collect();
            (cases, envelopes)
        })
    }

    proptest! {
        #[test]
        fn no_envelope_is_exceeded_by_the_plan((cases, envelopes) in arb_cases()) {
            let result = plan(&cases, &envelopes);
            for e in &result.envelopes {
                // Whatever the decisions committed, the plan proposes only what is left.
                let room = (e.total_cents - e.committed_cents).max(0);
                prop_assert!(e.proposed_cents <= room, "{e:?}");
                prop_assert_eq!(e.remaining_cents, e.total_cents - e.committed_cents - e.proposed_cents);
            }
        }

        #[test]
        fn a_reserve_proposal_did_not_fit_when_its_turn_came((cases, envelopes) in arb_cases()) {
            let result = plan(&cases, &envelopes);
            let committed: BTreeMap<Agency, i64> = result.envelopes.iter().map(|e| (e.agency, e.committed_cents)).collect();
            // The walk: promoted cases first, then the others, each in rank order.
            let walk: Vec<usize> = (0..cases.len()).filter(|i| cases[*i].promoted)
                .chain((0..cases.len()).filter(|i| !cases[*i].promoted)).collect();
            for (turn, &i) in walk.iter().enumerate() {
                let status = &result.statuses[i];
                // What the fundable proposals walked before it took, per agency.
                let mut taken: BTreeMap<Agency, i64> = BTreeMap::new();
                for &j in &walk[..turn] {
                    let above = &cases[j];
                    if result.statuses[j] == PlanStatus::Fundable {
                        for (a, n) in pending_needs(above) {
                            *taken.entry(a).or_insert(0) += n;
                        }
                    }
                }
                let room = |a: &Agency| envelopes.get(a).copied().unwrap_or(0)
                    - committed.get(a).copied().unwrap_or(0)
                    - taken.get(a).copied().unwrap_or(0);
                let fits = pending_needs(&cases[i]).iter().all(|(a, n)| room(a) >= *n);
                match status {
                    PlanStatus::Reserve => prop_assert!(!fits, "P{i} was skipped though it fit"),
                    PlanStatus::Fundable => prop_assert!(fits, "P{i} fundable without room"),
                    PlanStatus::Funded => prop_assert_eq!(outcome(&cases[i].partners), Outcome::Funded),
                    PlanStatus::Rejected => prop_assert_eq!(outcome(&cases[i].partners), Outcome::Rejected),
                }
            }
        }
    }
}
