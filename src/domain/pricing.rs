//! What prices a proposal: each partner's organisation facts and budget, and
//! the grants computed from them under the call's rules.
//!
//! While a proposal is a draft these facts are read live from its rows. At
//! submission they are frozen into the snapshot that the receipt's digest
//! covers, and from then on everything that reads money (grants, the
//! checklist behind eligibility, the funding plan, decisions, exports,
//! statistics, letters) reads the frozen facts: an organisation that later
//! changes its size, country or kind, or a call whose rules change, never
//! re-prices what the consortium submitted. A difference between the live
//! and the frozen facts is shown to the consortium as a reason to resubmit
//! (`changes_since_submission`), never applied silently.

use serde::{Deserialize, Serialize};

use super::call::CallSettings;
use super::checklist::{ChecklistItem, PartnerFacts};
use super::country::LUXEMBOURG;
use super::grant::{
    self, BudgetLine, CostCategory, PartnerBudget, ProposalGrants, ResearchCategory, euros,
};
use super::ids::{OrganisationId, PartnerId};
use super::organisation::{CompanySize, OrganisationKind};
use super::proposal::PartnerRole;
use super::role::Agency;

/// An organisation as it prices a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationFacts {
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub company_size: Option<CompanySize>,
    pub registration_number: Option<String>,
}

impl OrganisationFacts {
    pub fn in_luxembourg(&self) -> bool {
        self.country == LUXEMBOURG
    }
}

/// One budget line as frozen (the year as the snapshot writes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineFacts {
    pub year: i64,
    pub category: CostCategory,
    pub amount_cents: i64,
}

impl LineFacts {
    fn budget_line(self) -> BudgetLine {
        BudgetLine {
            year: u16::try_from(self.year).unwrap_or(0),
            category: self.category,
            amount_cents: self.amount_cents,
        }
    }
}

/// A partner with everything that prices it. The field names are those of
/// the submission snapshot's `partners`, so a snapshot reads back as these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PricedPartner {
    /// The partner's id.
    pub id: PartnerId,
    pub role: PartnerRole,
    /// The agency that funds the partner in this call, if any.
    pub funder: Option<Agency>,
    pub organisation: OrganisationFacts,
    pub budget: Vec<LineFacts>,
}

/// A consortium's facts and the grants they give. The field names are those
/// of the submission snapshot, which holds both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pricing {
    /// The coordinator first, then in the order the partners joined.
    pub partners: Vec<PricedPartner>,
    pub grants: ProposalGrants,
}

/// A partner's facts before pricing: what the rows or a form say.
pub struct PartnerInput {
    pub id: PartnerId,
    pub role: PartnerRole,
    pub organisation: OrganisationFacts,
    pub budget: Vec<LineFacts>,
}

impl Pricing {
    /// Prices the partners under the call's rules: each partner's funder
    /// follows from its kind and country, each grant from its budget.
    pub fn compute(
        settings: &CallSettings,
        research_category: ResearchCategory,
        partners: Vec<PartnerInput>,
    ) -> Self {
        let partners: Vec<PricedPartner> = partners
            .into_iter()
            .map(|p| PricedPartner {
                funder: settings.funder_for(p.organisation.kind, &p.organisation.country),
                id: p.id,
                role: p.role,
                organisation: p.organisation,
                budget: p.budget,
            })
            .collect();
        let lines: Vec<Vec<BudgetLine>> = partners
            .iter()
            .map(|p| p.budget.iter().map(|l| l.budget_line()).collect())
            .collect();
        let inputs: Vec<PartnerBudget<'_>> = partners
            .iter()
            .zip(&lines)
            .map(|(p, lines)| PartnerBudget {
                partner_id: &p.id,
                kind: p.organisation.kind,
                in_luxembourg: p.organisation.in_luxembourg(),
                company_size: p.organisation.company_size,
                research_category,
                funder: p.funder.map(Agency::as_str),
                lines,
            })
            .collect();
        let grants = grant::compute(&settings.grant_rules, &inputs);
        Self { partners, grants }
    }

    pub fn partner(&self, partner_id: &PartnerId) -> Option<&PricedPartner> {
        self.partners.iter().find(|p| p.id == partner_id)
    }

    /// The requested grant of a partner (0 for an unknown one).
    pub fn requested_cents(&self, partner_id: &PartnerId) -> i64 {
        self.grants
            .partners
            .iter()
            .find(|g| g.partner_id == partner_id)
            .map_or(0, |g| g.requested_grant_cents)
    }

    fn costs_cents(&self, partner_id: &PartnerId) -> i64 {
        self.grants
            .partners
            .iter()
            .find(|g| g.partner_id == partner_id)
            .map_or(0, |g| g.costs_cents)
    }

    /// The partners as the checklist sees them.
    pub fn checklist_partners(&self) -> Vec<PartnerFacts<'_>> {
        self.partners
            .iter()
            .map(|p| PartnerFacts {
                partner_id: &p.id,
                name: &p.organisation.name,
                kind: p.organisation.kind,
                in_luxembourg: p.organisation.in_luxembourg(),
                costs_cents: self.costs_cents(&p.id),
                lines: &p.budget,
            })
            .collect()
    }
}

fn describe_size(size: Option<CompanySize>) -> &'static str {
    size.map_or("not given", CompanySize::as_str)
}

/// What differs between an organisation as submitted and as it is now, for people.
fn organisation_changes(was: &OrganisationFacts, now: &OrganisationFacts) -> Vec<String> {
    let mut changes = Vec::new();
    let mut compare = |what: &str, was: &str, now: &str| {
        if was != now {
            changes.push(format!("{what}: {was} \u{2192} {now}"));
        }
    };
    compare("name", &was.name, &now.name);
    compare("kind", was.kind.as_str(), now.kind.as_str());
    compare("country", &was.country, &now.country);
    compare(
        "company size",
        describe_size(was.company_size),
        describe_size(now.company_size),
    );
    compare(
        "registration number",
        was.registration_number.as_deref().unwrap_or("none"),
        now.registration_number.as_deref().unwrap_or("none"),
    );
    changes
}

/// Why a submitted proposal no longer matches what its receipt priced: an
/// organisation changed, or the call's rules give other grants. Each item
/// asks the consortium to reopen and submit again; until it does, the
/// receipt's figures are the ones that count.
pub fn changes_since_submission(frozen: &Pricing, live: &Pricing) -> Vec<ChecklistItem> {
    let mut items = Vec::new();
    for was in &frozen.partners {
        let Some(now) = live.partner(&was.id) else {
            continue;
        };
        let mut changes = organisation_changes(&was.organisation, &now.organisation);
        let (before, after) = (
            frozen.requested_cents(&was.id),
            live.requested_cents(&was.id),
        );
        if before != after {
            changes.push(format!(
                "requested grant: {} \u{2192} {}",
                euros(before),
                euros(after)
            ));
        }
        if !changes.is_empty() {
            items.push(ChecklistItem {
                code: "changed_since_submission".to_owned(),
                field: format!("partners.{}.organisation", was.id),
                message: format!(
                    "{} changed after the submission ({}). The submitted proposal keeps the figures of its receipt; reopen it and submit it again to take the change into account.",
                    was.organisation.name,
                    changes.join("; ")
                ),
            });
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation(
        name: &str,
        kind: OrganisationKind,
        country: &str,
        size: Option<CompanySize>,
    ) -> OrganisationFacts {
        OrganisationFacts {
            id: format!("org-{name}").into(),
            name: name.to_owned(),
            kind,
            country: country.to_owned(),
            company_size: size,
            registration_number: None,
        }
    }

    fn input(id: &str, organisation: OrganisationFacts, cents: i64) -> PartnerInput {
        PartnerInput {
            id: id.into(),
            role: PartnerRole::Partner,
            organisation,
            budget: vec![LineFacts {
                year: 1,
                category: CostCategory::Personnel,
                amount_cents: cents,
            }],
        }
    }

    fn consortium(company_size: CompanySize, research_country: &str) -> Pricing {
        Pricing::compute(
            &CallSettings::default(),
            ResearchCategory::IndustrialResearch,
            vec![
                input(
                    "company",
                    organisation(
                        "MedSoft",
                        OrganisationKind::Company,
                        "LU",
                        Some(company_size),
                    ),
                    40_000_000,
                ),
                input(
                    "research",
                    organisation(
                        "LIH",
                        OrganisationKind::ResearchOrganisation,
                        research_country,
                        None,
                    ),
                    10_000_000,
                ),
            ],
        )
    }

    #[test]
    fn the_funder_follows_from_kind_and_country() {
        let pricing = consortium(CompanySize::Large, "DE");
        assert_eq!(
            pricing.partner(&"company".into()).unwrap().funder,
            Some(Agency::Meco)
        );
        assert_eq!(pricing.partner(&"research".into()).unwrap().funder, None);
        assert_eq!(pricing.requested_cents(&"research".into()), 0);
    }

    #[test]
    fn a_pricing_reads_back_from_its_json_unchanged() {
        let pricing = consortium(CompanySize::Small, "LU");
        let text = serde_json::to_string(&pricing).unwrap();
        assert_eq!(serde_json::from_str::<Pricing>(&text).unwrap(), pricing);
    }

    #[test]
    fn an_unchanged_consortium_asks_for_nothing() {
        let pricing = consortium(CompanySize::Large, "LU");
        assert!(changes_since_submission(&pricing, &pricing.clone()).is_empty());
    }

    #[test]
    fn a_changed_organisation_is_named_with_what_changed_and_the_new_grant() {
        let submitted = consortium(CompanySize::Large, "DE");
        let now = consortium(CompanySize::Small, "LU");
        let items = changes_since_submission(&submitted, &now);
        assert_eq!(items.len(), 2, "{items:?}");
        assert!(items.iter().all(|i| i.code == "changed_since_submission"));
        assert_eq!(items[0].field, "partners.company.organisation");
        // 40,000,000 cents at 50% + 20 (small) + 15 (collaboration) = 80% capped: 32,000,000.
        assert!(
            items[0]
                .message
                .contains("company size: large \u{2192} small"),
            "{}",
            items[0].message
        );
        assert!(
            items[1].message.contains("country: DE \u{2192} LU"),
            "{}",
            items[1].message
        );
        assert!(
            items[1]
                .message
                .contains("requested grant: €0.00 \u{2192} €125,000.00"),
            "{}",
            items[1].message
        );
    }
}
