//! The requested grant of each partner, computed from its budget and the
//! call's rules, never typed in. Every figure comes with its workings, so an
//! applicant can see why.
//!
//! - company (MECO, GBER art. 25): eligible costs x aid intensity; 50% for
//!   industrial research or 25% for experimental development, +10 points for
//!   a medium or +20 for a small or micro enterprise, +15 for effective
//!   collaboration (research organisations bear at least 10% of the project's
//!   costs), never above 80%;
//! - research organisation (FNR): direct costs plus overheads of at most 25%
//!   of the direct costs excluding subcontracting, funded at 100%;
//! - hospital (DS): the call's funding rate (default 100%) of its costs;
//! - outside Luxembourg, or of a kind no funder funds: zero.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::PartnerId;
use super::organisation::{CompanySize, OrganisationKind};

/// A rate in basis points: 10_000 is 100%.
pub type BasisPoints = u32;

const FULL: BasisPoints = 10_000;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CostCategory {
    Personnel,
    Equipment,
    Consumables,
    Subcontracting,
    Travel,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ResearchCategory {
    #[default]
    IndustrialResearch,
    ExperimentalDevelopment,
}

text_enum!(CostCategory {
    Personnel => "personnel",
    Equipment => "equipment",
    Consumables => "consumables",
    Subcontracting => "subcontracting",
    Travel => "travel",
    Other => "other",
});

text_enum!(ResearchCategory {
    IndustrialResearch => "industrial_research",
    ExperimentalDevelopment => "experimental_development",
});

/// The call's funding rules, all in basis points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct GrantRules {
    #[schema(maximum = 10000)]
    pub company_industrial_research_rate: BasisPoints,
    #[schema(maximum = 10000)]
    pub company_experimental_development_rate: BasisPoints,
    #[schema(maximum = 10000)]
    pub medium_enterprise_bonus: BasisPoints,
    #[schema(maximum = 10000)]
    pub small_enterprise_bonus: BasisPoints,
    #[schema(maximum = 10000)]
    pub collaboration_bonus: BasisPoints,
    /// The share of the project's costs research organisations must bear for the collaboration bonus.
    #[schema(maximum = 10000)]
    pub collaboration_min_research_share: BasisPoints,
    #[schema(maximum = 10000)]
    pub company_max_rate: BasisPoints,
    /// Overheads of research organisations, on direct costs excluding subcontracting.
    #[schema(maximum = 10000)]
    pub research_overhead_rate: BasisPoints,
    #[schema(maximum = 10000)]
    pub research_funding_rate: BasisPoints,
    #[schema(maximum = 10000)]
    pub hospital_funding_rate: BasisPoints,
}

impl Default for GrantRules {
    fn default() -> Self {
        Self {
            company_industrial_research_rate: 5_000,
            company_experimental_development_rate: 2_500,
            medium_enterprise_bonus: 1_000,
            small_enterprise_bonus: 2_000,
            collaboration_bonus: 1_500,
            collaboration_min_research_share: 1_000,
            company_max_rate: 8_000,
            research_overhead_rate: 2_500,
            research_funding_rate: FULL,
            hospital_funding_rate: FULL,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetLine {
    pub year: u16,
    pub category: CostCategory,
    pub amount_cents: i64,
}

/// One partner as the calculation needs it.
#[derive(Debug, Clone)]
pub struct PartnerBudget<'a> {
    pub partner_id: &'a str,
    pub kind: OrganisationKind,
    pub in_luxembourg: bool,
    pub company_size: Option<CompanySize>,
    pub research_category: ResearchCategory,
    /// The agency that funds this partner's kind in this call, if any.
    pub funder: Option<&'a str>,
    pub lines: &'a [BudgetLine],
}

/// One step of a calculation, for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Working {
    /// Machine-readable: `base_rate`, `size_bonus`, `collaboration_bonus`, `ceiling`, `overheads`, ...
    pub code: String,
    pub explanation: String,
}

fn working(code: &str, explanation: String) -> Working {
    Working {
        code: code.to_owned(),
        explanation,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PartnerGrant {
    #[schema(value_type = String)]
    pub partner_id: PartnerId,
    pub funder: Option<String>,
    /// Sum of the budget lines.
    pub costs_cents: i64,
    /// Overheads added on top (research organisations).
    pub overheads_cents: i64,
    /// The rate applied to costs plus overheads.
    pub rate_basis_points: BasisPoints,
    pub requested_grant_cents: i64,
    pub workings: Vec<Working>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FunderTotal {
    pub agency: String,
    pub requested_grant_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProposalGrants {
    pub partners: Vec<PartnerGrant>,
    pub funders: Vec<FunderTotal>,
    pub total_costs_cents: i64,
    pub total_requested_grant_cents: i64,
}

fn total(lines: &[BudgetLine]) -> i64 {
    lines.iter().map(|l| l.amount_cents).sum()
}

/// `amount x rate`, rounded down to the cent (a grant never exceeds its rate).
pub fn apply_rate(amount_cents: i64, rate: BasisPoints) -> i64 {
    let product = i128::from(amount_cents) * i128::from(rate) / i128::from(FULL);
    i64::try_from(product).unwrap_or(i64::MAX)
}

pub fn percent(rate: BasisPoints) -> String {
    if rate.is_multiple_of(100) {
        format!("{}%", rate / 100)
    } else {
        format!("{}.{:02}%", rate / 100, rate % 100)
    }
}

/// Cents as euros for people: `€1,234,567.89`.
pub fn euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!(
        "{sign}€{}.{:02}",
        group_thousands(cents / 100, ','),
        cents % 100
    )
}

/// Digits in groups of three: `1234567` with `','` is `1,234,567`.
pub fn group_thousands(number: u64, separator: char) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(separator);
        }
        grouped.push(c);
    }
    grouped
}

/// Whether research organisations bear enough of the project's costs for
/// the collaboration bonus.
fn effective_collaboration(rules: &GrantRules, partners: &[PartnerBudget<'_>]) -> (bool, i64, i64) {
    let project: i64 = partners.iter().map(|p| total(p.lines)).sum();
    let research: i64 = partners
        .iter()
        .filter(|p| p.kind == OrganisationKind::ResearchOrganisation)
        .map(|p| total(p.lines))
        .sum();
    let effective = project > 0
        && i128::from(research) * i128::from(FULL)
            >= i128::from(project) * i128::from(rules.collaboration_min_research_share);
    (effective, research, project)
}

fn company_rate(
    rules: &GrantRules,
    partner: &PartnerBudget<'_>,
    collaboration: (bool, i64, i64),
    workings: &mut Vec<Working>,
) -> BasisPoints {
    let base = match partner.research_category {
        ResearchCategory::IndustrialResearch => rules.company_industrial_research_rate,
        ResearchCategory::ExperimentalDevelopment => rules.company_experimental_development_rate,
    };
    let category = match partner.research_category {
        ResearchCategory::IndustrialResearch => "industrial research",
        ResearchCategory::ExperimentalDevelopment => "experimental development",
    };
    workings.push(working(
        "base_rate",
        format!("{} for {category}", percent(base)),
    ));
    let size_bonus = match partner.company_size {
        Some(CompanySize::Micro) | Some(CompanySize::Small) => rules.small_enterprise_bonus,
        Some(CompanySize::Medium) => rules.medium_enterprise_bonus,
        Some(CompanySize::Large) | None => 0,
    };
    if size_bonus > 0 {
        let size = match partner.company_size {
            Some(CompanySize::Micro) => "a micro",
            Some(CompanySize::Small) => "a small",
            _ => "a medium-sized",
        };
        workings.push(working(
            "size_bonus",
            format!("+{} for {size} enterprise", percent(size_bonus)),
        ));
    }
    let (effective, research, project) = collaboration;
    let collaboration_bonus = if effective {
        rules.collaboration_bonus
    } else {
        0
    };
    workings.push(if effective {
        working(
            "collaboration_bonus",
            format!(
                "+{} for effective collaboration: research organisations bear {} of {} ({} needed)",
                percent(rules.collaboration_bonus),
                euros(research),
                euros(project),
                percent(rules.collaboration_min_research_share)
            ),
        )
    } else {
        working(
            "no_collaboration_bonus",
            format!(
                "no collaboration bonus: research organisations bear {} of {}, less than {}",
                euros(research),
                euros(project),
                percent(rules.collaboration_min_research_share)
            ),
        )
    });
    let uncapped = base + size_bonus + collaboration_bonus;
    if uncapped > rules.company_max_rate {
        workings.push(working(
            "ceiling",
            format!(
                "{} capped at the ceiling of {}",
                percent(uncapped),
                percent(rules.company_max_rate)
            ),
        ));
        rules.company_max_rate
    } else {
        uncapped
    }
}

/// Computes every partner's requested grant and the totals per funder.
pub fn compute(rules: &GrantRules, partners: &[PartnerBudget<'_>]) -> ProposalGrants {
    let collaboration = effective_collaboration(rules, partners);
    let mut results = Vec::with_capacity(partners.len());
    for partner in partners {
        let costs = total(partner.lines);
        let mut workings = Vec::new();
        let mut overheads = 0;
        let rate = match (partner.in_luxembourg, partner.funder, partner.kind) {
            (false, _, _) => {
                workings.push(working(
                    "outside_luxembourg",
                    "organisations outside Luxembourg fund themselves: no grant".to_owned(),
                ));
                0
            }
            (true, None, _) => {
                workings.push(working(
                    "no_funder",
                    "no funder of this call funds this kind of organisation: no grant".to_owned(),
                ));
                0
            }
            (true, Some(_), OrganisationKind::Company) => {
                company_rate(rules, partner, collaboration, &mut workings)
            }
            (true, Some(_), OrganisationKind::ResearchOrganisation) => {
                let subcontracting: i64 = partner
                    .lines
                    .iter()
                    .filter(|l| l.category == CostCategory::Subcontracting)
                    .map(|l| l.amount_cents)
                    .sum();
                overheads = apply_rate(costs - subcontracting, rules.research_overhead_rate);
                workings.push(working(
                    "overheads",
                    format!(
                        "overheads of {} on direct costs excluding subcontracting ({}): {}",
                        percent(rules.research_overhead_rate),
                        euros(costs - subcontracting),
                        euros(overheads)
                    ),
                ));
                workings.push(working(
                    "funding_rate",
                    format!(
                        "{} of direct costs plus overheads",
                        percent(rules.research_funding_rate)
                    ),
                ));
                rules.research_funding_rate
            }
            (true, Some(_), OrganisationKind::Hospital) => {
                workings.push(working(
                    "funding_rate",
                    format!(
                        "{} of the hospital's costs",
                        percent(rules.hospital_funding_rate)
                    ),
                ));
                rules.hospital_funding_rate
            }
            (true, Some(_), OrganisationKind::Other) => {
                workings.push(working("funding_rate", "100% of costs".to_owned()));
                FULL
            }
        };
        let grant = apply_rate(costs + overheads, rate);
        workings.push(working(
            "result",
            format!(
                "{} x {} = {}",
                euros(costs + overheads),
                percent(rate),
                euros(grant)
            ),
        ));
        results.push(PartnerGrant {
            partner_id: partner.partner_id.into(),
            funder: partner.funder.filter(|_| rate > 0).map(str::to_owned),
            costs_cents: costs,
            overheads_cents: overheads,
            rate_basis_points: rate,
            requested_grant_cents: grant,
            workings,
        });
    }
    let mut funders: Vec<FunderTotal> = Vec::new();
    for result in &results {
        if let Some(agency) = &result.funder {
            match funders.iter_mut().find(|f| &f.agency == agency) {
                Some(f) => f.requested_grant_cents += result.requested_grant_cents,
                None => funders.push(FunderTotal {
                    agency: agency.clone(),
                    requested_grant_cents: result.requested_grant_cents,
                }),
            }
        }
    }
    funders.sort_by(|a, b| a.agency.cmp(&b.agency));
    ProposalGrants {
        total_costs_cents: results.iter().map(|r| r.costs_cents).sum(),
        total_requested_grant_cents: results.iter().map(|r| r.requested_grant_cents).sum(),
        partners: results,
        funders,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lines(amounts: &[(CostCategory, i64)]) -> Vec<BudgetLine> {
        amounts
            .iter()
            .map(|&(category, amount_cents)| BudgetLine {
                year: 1,
                category,
                amount_cents,
            })
            .collect()
    }

    fn company<'a>(
        size: CompanySize,
        category: ResearchCategory,
        l: &'a [BudgetLine],
    ) -> PartnerBudget<'a> {
        PartnerBudget {
            partner_id: "company",
            kind: OrganisationKind::Company,
            in_luxembourg: true,
            company_size: Some(size),
            research_category: category,
            funder: Some("MECO"),
            lines: l,
        }
    }

    fn research<'a>(l: &'a [BudgetLine]) -> PartnerBudget<'a> {
        PartnerBudget {
            partner_id: "research",
            kind: OrganisationKind::ResearchOrganisation,
            in_luxembourg: true,
            company_size: None,
            research_category: ResearchCategory::IndustrialResearch,
            funder: Some("FNR"),
            lines: l,
        }
    }

    fn hospital<'a>(l: &'a [BudgetLine]) -> PartnerBudget<'a> {
        PartnerBudget {
            partner_id: "hospital",
            kind: OrganisationKind::Hospital,
            in_luxembourg: true,
            company_size: None,
            research_category: ResearchCategory::IndustrialResearch,
            funder: Some("DS"),
            lines: l,
        }
    }

    use CostCategory::*;
    use ResearchCategory::*;

    /// €400,000 company costs, €100,000 research costs (20% of €500,000: collaboration).
    #[test]
    fn company_rates_by_size_with_collaboration() {
        let c = lines(&[(Personnel, 30_000_000), (Equipment, 10_000_000)]);
        let r = lines(&[(Personnel, 10_000_000)]);
        let cases = [
            (CompanySize::Large, IndustrialResearch, 6_500, 26_000_000),
            (CompanySize::Medium, IndustrialResearch, 7_500, 30_000_000),
            (CompanySize::Small, IndustrialResearch, 8_000, 32_000_000), // 85% capped at 80%
            (
                CompanySize::Micro,
                ExperimentalDevelopment,
                6_000,
                24_000_000,
            ),
            (
                CompanySize::Large,
                ExperimentalDevelopment,
                4_000,
                16_000_000,
            ),
        ];
        for (size, category, rate, grant) in cases {
            let result = compute(
                &GrantRules::default(),
                &[company(size, category, &c), research(&r)],
            );
            let g = &result.partners[0];
            assert_eq!(
                (g.rate_basis_points, g.requested_grant_cents),
                (rate, grant),
                "{size:?} {category:?}"
            );
        }
    }

    #[test]
    fn without_enough_research_share_there_is_no_collaboration_bonus() {
        // Research bears €40,000 of €440,000: 9.09% < 10%.
        let c = lines(&[(Personnel, 40_000_000)]);
        let r = lines(&[(Personnel, 4_000_000)]);
        let result = compute(
            &GrantRules::default(),
            &[
                company(CompanySize::Medium, IndustrialResearch, &c),
                research(&r),
            ],
        );
        assert_eq!(result.partners[0].rate_basis_points, 6_000);
        assert_eq!(result.partners[0].requested_grant_cents, 24_000_000);
        assert!(
            result.partners[0]
                .workings
                .iter()
                .any(|w| w.code == "no_collaboration_bonus")
        );
        // Exactly 10% qualifies: €40,000 of €400,000.
        let c = lines(&[(Personnel, 36_000_000)]);
        let result = compute(
            &GrantRules::default(),
            &[
                company(CompanySize::Large, IndustrialResearch, &c),
                research(&r),
            ],
        );
        assert_eq!(result.partners[0].rate_basis_points, 6_500);
        // A company alone gets no bonus.
        let result = compute(
            &GrantRules::default(),
            &[company(CompanySize::Large, IndustrialResearch, &c)],
        );
        assert_eq!(result.partners[0].rate_basis_points, 5_000);
    }

    #[test]
    fn research_overheads_exclude_subcontracting() {
        // Direct €200,000 of which €40,000 subcontracting: overheads 25% of €160,000 = €40,000.
        let r = lines(&[
            (Personnel, 15_000_000),
            (Subcontracting, 4_000_000),
            (Travel, 1_000_000),
        ]);
        let result = compute(&GrantRules::default(), &[research(&r)]);
        let g = &result.partners[0];
        assert_eq!(g.costs_cents, 20_000_000);
        assert_eq!(g.overheads_cents, 4_000_000);
        assert_eq!(g.requested_grant_cents, 24_000_000);
        assert_eq!(g.funder.as_deref(), Some("FNR"));
    }

    #[test]
    fn hospitals_get_the_call_rate_and_foreign_partners_nothing() {
        let h = lines(&[(Personnel, 10_000_001)]);
        let rules = GrantRules {
            hospital_funding_rate: 7_500,
            ..GrantRules::default()
        };
        let result = compute(&rules, &[hospital(&h)]);
        assert_eq!(
            result.partners[0].requested_grant_cents, 7_500_000,
            "rounded down to the cent"
        );

        let foreign = PartnerBudget {
            in_luxembourg: false,
            ..company(CompanySize::Small, IndustrialResearch, &h)
        };
        let result = compute(&rules, &[foreign]);
        assert_eq!(result.partners[0].requested_grant_cents, 0);
        assert_eq!(result.partners[0].funder, None);
        assert_eq!(result.funders, vec![]);
        assert_eq!(result.total_costs_cents, 10_000_001);
    }

    #[test]
    fn totals_per_funder() {
        let c = lines(&[(Personnel, 30_000_000)]);
        let r = lines(&[(Personnel, 10_000_000)]);
        let h = lines(&[(Consumables, 5_000_000)]);
        let result = compute(
            &GrantRules::default(),
            &[
                company(CompanySize::Medium, IndustrialResearch, &c),
                research(&r),
                hospital(&h),
            ],
        );
        let funders: Vec<(&str, i64)> = result
            .funders
            .iter()
            .map(|f| (f.agency.as_str(), f.requested_grant_cents))
            .collect();
        // Company 75% of €300,000; research €100,000 + 25%; hospital 100%.
        assert_eq!(
            funders,
            [("DS", 5_000_000), ("FNR", 12_500_000), ("MECO", 22_500_000)]
        );
        assert_eq!(result.total_requested_grant_cents, 40_000_000);
    }

    #[test]
    fn workings_explain_the_rate() {
        let c = lines(&[(Personnel, 30_000_000)]);
        let r = lines(&[(Personnel, 10_000_000)]);
        let result = compute(
            &GrantRules::default(),
            &[
                company(CompanySize::Small, IndustrialResearch, &c),
                research(&r),
            ],
        );
        let codes: Vec<&str> = result.partners[0]
            .workings
            .iter()
            .map(|w| w.code.as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "base_rate",
                "size_bonus",
                "collaboration_bonus",
                "ceiling",
                "result"
            ]
        );
        assert_eq!(
            result.partners[0].workings[4].explanation,
            "€300,000.00 x 80% = €240,000.00"
        );
    }

    #[test]
    fn money_and_rates_read_naturally() {
        assert_eq!(euros(123_456_789), "€1,234,567.89");
        assert_eq!(euros(5), "€0.05");
        assert_eq!(percent(2_500), "25%");
        assert_eq!(percent(1_250), "12.50%");
    }

    proptest! {
        #[test]
        fn a_grant_is_never_negative_nor_above_its_ceiling(
            company_costs in 0i64..1_000_000_000,
            research_costs in 0i64..1_000_000_000,
            size in prop_oneof![Just(CompanySize::Micro), Just(CompanySize::Small), Just(CompanySize::Medium), Just(CompanySize::Large)],
        ) {
            let c = lines(&[(Personnel, company_costs)]);
            let r = lines(&[(Personnel, research_costs)]);
            let result = compute(&GrantRules::default(), &[company(size, IndustrialResearch, &c), research(&r)]);
            let g = &result.partners[0];
            prop_assert!(g.requested_grant_cents >= 0);
            prop_assert!(g.requested_grant_cents <= apply_rate(company_costs, 8_000));
            prop_assert!(result.partners[1].requested_grant_cents <= apply_rate(research_costs, 12_500));
            prop_assert_eq!(result.total_requested_grant_cents, result.funders.iter().map(|f| f.requested_grant_cents).sum::<i64>());
        }

        #[test]
        fn more_costs_never_mean_less_grant(a in 0i64..1_000_000_000, extra in 0i64..1_000_000_000) {
            let small = lines(&[(Personnel, a)]);
            let large = lines(&[(Personnel, a + extra)]);
            let g1 = compute(&GrantRules::default(), &[hospital(&small)]).partners[0].requested_grant_cents;
            let g2 = compute(&GrantRules::default(), &[hospital(&large)]).partners[0].requested_grant_cents;
            prop_assert!(g2 >= g1);
        }
    }
}
