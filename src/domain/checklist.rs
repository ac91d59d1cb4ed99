//! What a proposal still lacks before it can be submitted: every unmet rule
//! at once, each with a code, a sentence and the field to fix.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::call::{CallSettings, Stage};
use super::grant::{ProposalGrants, euros};
use super::organisation::OrganisationKind;
use super::pricing::LineFacts;
use super::proposal::{ClinicalInvestigation, ProductMaturity};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ChecklistItem {
    /// Stable, for programs: `missing_field`, `no_luxembourg_company`, `cap_exceeded`, ...
    pub code: String,
    /// Where to fix it: a field of the proposal (`title`, `clinical.product_name`),
    /// `partners`, `partners.<id>.budget`, `partners.<id>.budget.lines[<index>]`,
    /// `partners.<id>.organisation` or `documents.<type>`.
    pub field: String,
    pub message: String,
}

fn item(code: &str, field: impl Into<String>, message: impl Into<String>) -> ChecklistItem {
    ChecklistItem {
        code: code.to_owned(),
        field: field.into(),
        message: message.into(),
    }
}

/// One partner as the checklist sees it.
#[derive(Debug, Clone)]
pub struct PartnerFacts<'a> {
    pub partner_id: &'a str,
    pub name: &'a str,
    pub kind: OrganisationKind,
    pub in_luxembourg: bool,
    pub costs_cents: i64,
    pub lines: &'a [LineFacts],
}

/// The last project year a proposal of `duration_months` has: a line in a
/// later year is a cost the project cannot have.
pub fn last_project_year(duration_months: i32) -> i64 {
    (i64::from(duration_months) + 11) / 12
}

/// Everything the rules look at.
#[derive(Debug, Clone)]
pub struct ChecklistInput<'a> {
    pub settings: &'a CallSettings,
    pub stage: Stage,
    pub title: &'a str,
    pub abstract_text: &'a str,
    pub keywords: usize,
    pub duration_months: Option<i32>,
    pub has_start_date: bool,
    pub clinical: &'a ClinicalInvestigation,
    pub partners: &'a [PartnerFacts<'a>],
    pub grants: &'a ProposalGrants,
    /// The document types uploaded for this stage.
    pub documents: &'a [&'a str],
}

pub fn check(input: &ChecklistInput<'_>) -> Vec<ChecklistItem> {
    let mut items = Vec::new();
    let full = input.stage == Stage::Full;
    let mut require = |present: bool, field: &str, what: &str| {
        if !present {
            items.push(item("missing_field", field, format!("Fill in {what}.")));
        }
    };
    let c = input.clinical;
    require(!input.title.trim().is_empty(), "title", "the title");
    require(
        !input.abstract_text.trim().is_empty(),
        "abstract",
        "the abstract",
    );
    require(input.keywords > 0, "keywords", "at least one keyword");
    require(
        c.product_name.is_some(),
        "clinical.product_name",
        "the product's name",
    );
    require(
        c.intended_purpose.is_some(),
        "clinical.intended_purpose",
        "the product's intended purpose",
    );
    require(
        c.product_maturity.is_some(),
        "clinical.product_maturity",
        "how far the product has come",
    );
    if full {
        require(
            input.duration_months.is_some(),
            "duration_months",
            "the project's duration",
        );
        require(
            input.has_start_date,
            "start_date",
            "the requested start date",
        );
        require(
            c.is_medical_device.is_some(),
            "clinical.is_medical_device",
            "whether the product is a medical device",
        );
        if c.is_medical_device == Some(true) {
            require(
                c.mdr_class.is_some(),
                "clinical.mdr_class",
                "the device's class under the MDR",
            );
        }
        require(
            c.study_framework.is_some(),
            "clinical.study_framework",
            "the study's framework",
        );
        require(
            c.ethics_status.is_some(),
            "clinical.ethics_status",
            "the ethics committee opinion's status",
        );
        require(
            c.authority_status.is_some(),
            "clinical.authority_status",
            "the competent authority's status",
        );
    }

    if c.product_maturity
        .is_some_and(|m| m < ProductMaturity::Prototype)
    {
        items.push(item(
            "product_not_prototype",
            "clinical.product_maturity",
            "The product must have reached at least the prototype stage.",
        ));
    }

    let settings = input.settings;
    if let Some(months) = input.duration_months {
        let (min, max) = (settings.min_duration_months, settings.max_duration_months);
        if months < i32::try_from(min).unwrap_or(i32::MAX)
            || months > i32::try_from(max).unwrap_or(i32::MAX)
        {
            items.push(item(
                "duration_out_of_range",
                "duration_months",
                format!(
                    "A project in this call lasts {min} to {max} months; this one lasts {months}."
                ),
            ));
        }
    }

    let rules = &settings.consortium;
    let count = |kind: OrganisationKind, lu_only: bool| {
        input
            .partners
            .iter()
            .filter(|p| p.kind == kind && (!lu_only || p.in_luxembourg))
            .count()
    };
    let companies = count(OrganisationKind::Company, true);
    if companies < rules.min_luxembourg_companies as usize {
        items.push(item(
            "no_luxembourg_company",
            "partners",
            format!(
                "The consortium needs at least {} company established in Luxembourg.",
                rules.min_luxembourg_companies
            ),
        ));
    }
    let research = count(OrganisationKind::ResearchOrganisation, true);
    if research < rules.min_luxembourg_research_organisations as usize {
        items.push(item(
            "no_luxembourg_research_organisation",
            "partners",
            format!(
                "The consortium needs at least {} research organisation established in Luxembourg.",
                rules.min_luxembourg_research_organisations
            ),
        ));
    }
    if rules.hospital_required && count(OrganisationKind::Hospital, false) == 0 {
        items.push(item(
            "no_hospital",
            "partners",
            "The consortium needs a hospital partner.",
        ));
    }
    if input.partners.len() > rules.max_partners as usize {
        items.push(item(
            "too_many_partners",
            "partners",
            format!("A consortium has at most {} partners.", rules.max_partners),
        ));
    }

    if let Some(months) = input.duration_months.filter(|m| *m > 0) {
        let last = last_project_year(months);
        for partner in input.partners {
            for (index, line) in partner.lines.iter().enumerate() {
                if line.year > last {
                    items.push(item(
                        "budget_year_beyond_duration",
                        format!("partners.{}.budget.lines[{index}]", partner.partner_id),
                        format!(
                            "{}: the {} line of {} is in project year {}, but a project of {months} months ends in year {last}.",
                            partner.name,
                            line.category.as_str(),
                            euros(line.amount_cents),
                            line.year
                        ),
                    ));
                }
            }
        }
    }

    if full {
        for partner in input.partners {
            if partner.costs_cents <= 0 {
                items.push(item(
                    "budget_missing",
                    format!("partners.{}.budget", partner.partner_id),
                    format!("{} has no budget yet.", partner.name),
                ));
            }
        }
    }

    let capped: i64 = input
        .grants
        .funders
        .iter()
        .filter(|f| {
            settings
                .capped_agencies
                .iter()
                .any(|a| a.as_str() == f.agency)
        })
        .map(|f| f.requested_grant_cents)
        .sum();
    if capped > settings.cap_per_project_cents {
        let agencies: Vec<&str> = settings
            .capped_agencies
            .iter()
            .map(|a| a.as_str())
            .collect();
        items.push(item(
            "cap_exceeded",
            "partners",
            format!(
                "The grant requested from {} is {}, above the cap of {} per project.",
                agencies.join(" + "),
                euros(capped),
                euros(settings.cap_per_project_cents)
            ),
        ));
    }

    for requirement in settings.documents_for(input.stage).filter(|d| d.required) {
        if !input
            .documents
            .contains(&requirement.document_type.as_str())
        {
            items.push(item(
                "document_missing",
                format!("documents.{}", requirement.document_type),
                format!("Upload the {}.", requirement.label),
            ));
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grant::{FunderTotal, ProposalGrants};
    use crate::domain::proposal::{ApprovalStatus, MdrClass, StudyFramework};

    fn complete_clinical() -> ClinicalInvestigation {
        ClinicalInvestigation {
            product_name: Some("CardioWatch".into()),
            intended_purpose: Some("Detect atrial fibrillation".into()),
            is_medical_device: Some(true),
            mdr_class: Some(MdrClass::IIa),
            product_maturity: Some(ProductMaturity::Prototype),
            study_framework: Some(StudyFramework::CeMarking),
            ethics_status: Some(ApprovalStatus::Pending),
            authority_status: Some(ApprovalStatus::NotYetSubmitted),
            trial_registration: None,
        }
    }

    fn partner(
        id: &'static str,
        kind: OrganisationKind,
        lu: bool,
        costs: i64,
    ) -> PartnerFacts<'static> {
        PartnerFacts {
            partner_id: id,
            name: id,
            kind,
            in_luxembourg: lu,
            costs_cents: costs,
            lines: &[],
        }
    }

    fn grants(meco: i64, fnr: i64) -> ProposalGrants {
        ProposalGrants {
            partners: vec![],
            funders: vec![
                FunderTotal {
                    agency: "FNR".into(),
                    requested_grant_cents: fnr,
                },
                FunderTotal {
                    agency: "MECO".into(),
                    requested_grant_cents: meco,
                },
                FunderTotal {
                    agency: "DS".into(),
                    requested_grant_cents: 99_999_999,
                },
            ],
            total_costs_cents: 0,
            total_requested_grant_cents: 0,
        }
    }

    fn codes(items: &[ChecklistItem]) -> Vec<&str> {
        items.iter().map(|i| i.code.as_str()).collect()
    }

    #[test]
    fn a_complete_proposal_has_nothing_left() {
        let settings = CallSettings::default();
        let clinical = complete_clinical();
        let partners = [
            partner("c", OrganisationKind::Company, true, 1),
            partner("r", OrganisationKind::ResearchOrganisation, true, 1),
            partner("h", OrganisationKind::Hospital, false, 1),
        ];
        let grants = grants(40_000_000, 30_000_000);
        let input = ChecklistInput {
            settings: &settings,
            stage: Stage::Full,
            title: "T",
            abstract_text: "A",
            keywords: 1,
            duration_months: Some(24),
            has_start_date: true,
            clinical: &clinical,
            partners: &partners,
            grants: &grants,
            documents: &["project_description", "partner_cvs"],
        };
        assert_eq!(check(&input), vec![]);
    }

    #[test]
    fn every_unmet_rule_is_listed() {
        let settings = CallSettings::default();
        let clinical = ClinicalInvestigation {
            product_maturity: Some(ProductMaturity::Concept),
            ..Default::default()
        };
        let partners = [
            partner("c", OrganisationKind::Company, false, 0),
            partner("r", OrganisationKind::ResearchOrganisation, true, 5),
        ];
        let grants = grants(40_000_000, 30_000_001);
        let input = ChecklistInput {
            settings: &settings,
            stage: Stage::Full,
            title: " ",
            abstract_text: "",
            keywords: 0,
            duration_months: Some(48),
            has_start_date: false,
            clinical: &clinical,
            partners: &partners,
            grants: &grants,
            documents: &["partner_cvs"],
        };
        assert_eq!(
            codes(&check(&input)),
            [
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "missing_field",
                "product_not_prototype",
                "duration_out_of_range",
                "no_luxembourg_company",
                "no_hospital",
                "budget_missing",
                "cap_exceeded",
                "document_missing",
            ]
        );
        let items = check(&input);
        assert_eq!(items[14].field, "partners.c.budget");
        assert_eq!(items[16].field, "documents.project_description");
        assert!(
            items[15].message.contains("€700,000.01"),
            "{}",
            items[15].message
        );
    }

    #[test]
    fn an_outline_needs_less() {
        let settings = CallSettings::default();
        let clinical = ClinicalInvestigation {
            product_name: Some("X".into()),
            intended_purpose: Some("Y".into()),
            product_maturity: Some(ProductMaturity::Prototype),
            ..Default::default()
        };
        let partners = [
            partner("c", OrganisationKind::Company, true, 0),
            partner("r", OrganisationKind::ResearchOrganisation, true, 0),
            partner("h", OrganisationKind::Hospital, true, 0),
        ];
        let grants = grants(0, 0);
        let input = ChecklistInput {
            settings: &settings,
            stage: Stage::Outline,
            title: "T",
            abstract_text: "A",
            keywords: 2,
            duration_months: None,
            has_start_date: false,
            clinical: &clinical,
            partners: &partners,
            grants: &grants,
            documents: &["outline_description"],
        };
        assert_eq!(check(&input), vec![]);
    }

    #[test]
    fn every_budget_line_after_the_projects_last_year_is_listed() {
        use crate::domain::grant::CostCategory;
        let line = |year, cents| LineFacts {
            year,
            category: CostCategory::Travel,
            amount_cents: cents,
        };
        let settings = CallSettings::default();
        let clinical = complete_clinical();
        let company_lines = [line(1, 100), line(3, 250_000), line(2, 5)];
        let research_lines = [line(3, 1), line(4, 2)];
        let partners = [
            PartnerFacts {
                lines: &company_lines,
                ..partner("c", OrganisationKind::Company, true, 1)
            },
            PartnerFacts {
                lines: &research_lines,
                ..partner("r", OrganisationKind::ResearchOrganisation, true, 1)
            },
            partner("h", OrganisationKind::Hospital, true, 1),
        ];
        let grants = grants(0, 0);
        let input = |months| ChecklistInput {
            settings: &settings,
            stage: Stage::Full,
            title: "T",
            abstract_text: "A",
            keywords: 1,
            duration_months: Some(months),
            has_start_date: true,
            clinical: &clinical,
            partners: &partners,
            grants: &grants,
            documents: &["project_description", "partner_cvs"],
        };
        let items = check(&input(24));
        let fields: Vec<&str> = items.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "partners.c.budget.lines[1]",
                "partners.r.budget.lines[0]",
                "partners.r.budget.lines[1]"
            ]
        );
        assert!(
            items
                .iter()
                .all(|i| i.code == "budget_year_beyond_duration")
        );
        assert!(
            items[0].message.contains("€2,500.00 is in project year 3")
                && items[0].message.contains("ends in year 2"),
            "{}",
            items[0].message
        );
        // 25 months reach into a third year; 36 into no fourth.
        assert_eq!(check(&input(25)).len(), 1);
        assert_eq!(check(&input(36)).len(), 1);
        assert_eq!(last_project_year(12), 1);
        assert_eq!(last_project_year(13), 2);
    }
}
