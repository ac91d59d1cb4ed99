//! A proposal's own fields, its clinical investigation section and its
//! status, with the rules for what may be saved in a draft.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ids::DocumentId;
use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProposalStatus {
    Draft,
    Submitted,
    Withdrawn,
    /// Confirmed eligible by the operator after the deadline.
    Eligible,
    /// Found ineligible, with a reason.
    Ineligible,
}

text_enum!(ProposalStatus {
    Draft => "draft",
    Submitted => "submitted",
    Withdrawn => "withdrawn",
    Eligible => "eligible",
    Ineligible => "ineligible",
});

impl ProposalStatus {
    /// Submitted and not withdrawn: its eligibility can be decided.
    pub fn is_submitted(self) -> bool {
        matches!(self, Self::Submitted | Self::Eligible | Self::Ineligible)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartnerRole {
    Coordinator,
    Partner,
}

text_enum!(PartnerRole {
    Coordinator => "coordinator",
    Partner => "partner",
});

/// The device class under the EU Medical Device Regulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub enum MdrClass {
    #[serde(rename = "none")]
    NotADevice,
    #[serde(rename = "I")]
    I,
    #[serde(rename = "IIa")]
    IIa,
    #[serde(rename = "IIb")]
    IIb,
    #[serde(rename = "III")]
    III,
}

/// How far the product has come; a call requires at least a prototype.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductMaturity {
    Concept,
    Prototype,
    ClinicalGrade,
    OnTheMarket,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StudyFramework {
    CeMarking,
    PostMarketFollowUp,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    NotYetSubmitted,
    Pending,
    Approved,
}

/// The clinical investigation section. Every field may stay empty in a
/// draft; the checklist says what submission needs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ClinicalInvestigation {
    #[schema(max_length = 200)]
    pub product_name: Option<String>,
    #[schema(max_length = 4000)]
    pub intended_purpose: Option<String>,
    pub is_medical_device: Option<bool>,
    pub mdr_class: Option<MdrClass>,
    pub product_maturity: Option<ProductMaturity>,
    pub study_framework: Option<StudyFramework>,
    pub ethics_status: Option<ApprovalStatus>,
    pub authority_status: Option<ApprovalStatus>,
    /// e.g. NCT01234567, where the study is registered.
    #[schema(max_length = 64)]
    pub trial_registration: Option<String>,
}

/// The editable fields of a proposal, checked and normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalFields {
    pub acronym: String,
    pub title: String,
    pub abstract_text: String,
    pub keywords: Vec<String>,
    pub duration_months: Option<i32>,
    pub start_date: Option<NaiveDate>,
    pub clinical: ClinicalInvestigation,
}

/// The most keywords a proposal has.
pub const MAX_PROPOSAL_KEYWORDS: usize = 10;

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn optional_text(value: &Option<String>) -> Option<String> {
    value.as_deref().map(collapse).filter(|t| !t.is_empty())
}

impl ProposalFields {
    /// Checks lengths and ranges (not completeness), reporting every problem.
    #[allow(clippy::too_many_arguments)]
    pub fn parse(
        acronym: &str,
        title: &str,
        abstract_text: &str,
        keywords: &[String],
        duration_months: Option<i32>,
        start_date: Option<NaiveDate>,
        clinical: &ClinicalInvestigation,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let (raw_acronym, raw_title) = (acronym.chars().count(), title.chars().count());
        let acronym = collapse(acronym);
        if acronym.is_empty() {
            errors.push(FieldError::new(
                "acronym",
                "required",
                "Give the proposal an acronym.",
            ));
        } else if raw_acronym > 20 {
            errors.push(FieldError::new(
                "acronym",
                "too_long",
                "An acronym has at most 20 characters.",
            ));
        }
        let title = collapse(title);
        if raw_title > 300 {
            errors.push(FieldError::new(
                "title",
                "too_long",
                "A title has at most 300 characters.",
            ));
        }
        let abstract_text = abstract_text.trim().to_owned();
        if abstract_text.chars().count() > 4_000 {
            errors.push(FieldError::new(
                "abstract",
                "too_long",
                "An abstract has at most 4,000 characters.",
            ));
        }
        let normalised =
            super::text::keywords(keywords, MAX_PROPOSAL_KEYWORDS).unwrap_or_else(|e| {
                errors.extend(e);
                Vec::new()
            });
        if let Some(Err(e)) = start_date.map(|d| super::deadline::within_years(d, "start_date")) {
            errors.push(e);
        }
        if duration_months.is_some_and(|d| !(1..=120).contains(&d)) {
            errors.push(FieldError::new(
                "duration_months",
                "out_of_range",
                "A duration is between 1 and 120 months.",
            ));
        }
        let clinical = ClinicalInvestigation {
            product_name: optional_text(&clinical.product_name),
            intended_purpose: clinical
                .intended_purpose
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned),
            trial_registration: optional_text(&clinical.trial_registration),
            ..clinical.clone()
        };
        for (field, value, max) in [
            ("clinical.product_name", &clinical.product_name, 200),
            (
                "clinical.intended_purpose",
                &clinical.intended_purpose,
                4_000,
            ),
            (
                "clinical.trial_registration",
                &clinical.trial_registration,
                64,
            ),
        ] {
            if value.as_deref().is_some_and(|v| v.chars().count() > max) {
                errors.push(FieldError::new(
                    field,
                    "too_long",
                    format!("At most {max} characters."),
                ));
            }
        }
        if clinical.is_medical_device == Some(false)
            && clinical
                .mdr_class
                .is_some_and(|c| c != MdrClass::NotADevice)
        {
            errors.push(FieldError::new(
                "clinical.mdr_class",
                "inconsistent",
                "A product that is not a medical device has no MDR class.",
            ));
        }
        if errors.is_empty() {
            Ok(Self {
                acronym,
                title,
                abstract_text,
                keywords: normalised,
                duration_months,
                start_date,
                clinical,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(
        acronym: &str,
        keywords: &[&str],
        duration: Option<i32>,
    ) -> Result<ProposalFields, Vec<FieldError>> {
        let keywords: Vec<String> = keywords.iter().map(|k| (*k).to_owned()).collect();
        ProposalFields::parse(
            acronym,
            " A  title ",
            "",
            &keywords,
            duration,
            None,
            &ClinicalInvestigation::default(),
        )
    }

    #[test]
    fn fields_are_normalised() {
        let fields = parse(
            " CARE ",
            &["Remote Monitoring", "remote monitoring", " AI "],
            Some(24),
        )
        .unwrap();
        assert_eq!(fields.acronym, "CARE");
        assert_eq!(fields.title, "A title");
        assert_eq!(fields.keywords, ["remote monitoring", "ai"]);
    }

    #[test]
    fn every_problem_is_listed() {
        let errors = parse("", &["", "ok"], Some(0)).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["acronym", "keywords[0]", "duration_months"]);
    }

    #[test]
    fn a_non_device_has_no_device_class() {
        let clinical = ClinicalInvestigation {
            is_medical_device: Some(false),
            mdr_class: Some(MdrClass::IIa),
            ..ClinicalInvestigation::default()
        };
        let errors = ProposalFields::parse("X", "", "", &[], None, None, &clinical).unwrap_err();
        assert_eq!(errors[0].field, "clinical.mdr_class");
    }

    #[test]
    fn maturity_is_ordered() {
        assert!(ProductMaturity::Concept < ProductMaturity::Prototype);
        assert!(ProductMaturity::OnTheMarket > ProductMaturity::Prototype);
    }
}

/// A document as a submission receipt lists it: what was handed in, with
/// the digest that proves which bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ReceiptDocument {
    #[schema(value_type = String)]
    pub document_id: DocumentId,
    pub document_type: String,
    pub filename: String,
    pub sha256: String,
}
