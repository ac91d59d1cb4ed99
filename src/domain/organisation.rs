//! Organisations: what kind they are and, for companies, their size, which
//! later decide the funder and the aid intensity.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::country::parse_country;
use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Company,
    ResearchOrganisation,
    Hospital,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CompanySize {
    Micro,
    Small,
    Medium,
    Large,
}

text_enum!(OrganisationKind {
    Company => "company",
    ResearchOrganisation => "research_organisation",
    Hospital => "hospital",
    Other => "other",
});

text_enum!(CompanySize {
    Micro => "micro",
    Small => "small",
    Medium => "medium",
    Large => "large",
});

/// A checked organisation, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDetails {
    pub name: String,
    pub kind: OrganisationKind,
    pub country: String,
    pub company_size: Option<CompanySize>,
    pub registration_number: Option<String>,
}

impl OrganisationDetails {
    /// Checks every field and reports all problems at once.
    pub fn parse(
        name: &str,
        kind: OrganisationKind,
        country: &str,
        company_size: Option<CompanySize>,
        registration_number: Option<&str>,
    ) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let raw_name_chars = name.chars().count();
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            errors.push(FieldError::new(
                "name",
                "required",
                "Enter the organisation's name.",
            ));
        } else if raw_name_chars > 300 {
            errors.push(FieldError::new(
                "name",
                "too_long",
                "A name has at most 300 characters.",
            ));
        }
        let country_code = parse_country(country);
        if country_code.is_none() {
            errors.push(FieldError::new(
                "country",
                "invalid_format",
                "Use the ISO 3166-1 alpha-2 code of the country, e.g. LU.",
            ));
        }
        match (kind, company_size) {
            (OrganisationKind::Company, None) => errors.push(FieldError::new(
                "company_size",
                "required",
                "A company states its size: micro, small, medium or large.",
            )),
            (OrganisationKind::Company, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.push(FieldError::new(
                "company_size",
                "not_allowed",
                "Only a company has a company size.",
            )),
        }
        let raw_registration_chars = registration_number.map_or(0, |r| r.chars().count());
        let registration_number = registration_number
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_owned);
        if raw_registration_chars > 64 {
            errors.push(FieldError::new(
                "registration_number",
                "too_long",
                "A registration number has at most 64 characters.",
            ));
        }
        match country_code {
            Some(country) if errors.is_empty() => Ok(Self {
                name,
                kind,
                country,
                company_size,
                registration_number,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_company_needs_a_size_and_others_have_none() {
        let err = OrganisationDetails::parse("Acme", OrganisationKind::Company, "LU", None, None)
            .unwrap_err();
        assert_eq!(err[0].field, "company_size");
        let err = OrganisationDetails::parse(
            "CHL",
            OrganisationKind::Hospital,
            "LU",
            Some(CompanySize::Large),
            None,
        )
        .unwrap_err();
        assert_eq!(err[0].code, "not_allowed");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = OrganisationDetails::parse(" ", OrganisationKind::Company, "XX", None, None)
            .unwrap_err();
        let fields: Vec<_> = err.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "country", "company_size"]);
    }

    #[test]
    fn valid_details_are_normalised() {
        let org = OrganisationDetails::parse(
            "  Luxembourg   Institute of Health ",
            OrganisationKind::ResearchOrganisation,
            "lu",
            None,
            Some("  "),
        )
        .unwrap();
        assert_eq!(org.name, "Luxembourg Institute of Health");
        assert_eq!(org.country, "LU");
        assert_eq!(org.registration_number, None);
    }

    #[test]
    fn text_forms_round_trip() {
        for kind in [
            OrganisationKind::Company,
            OrganisationKind::ResearchOrganisation,
            OrganisationKind::Hospital,
            OrganisationKind::Other,
        ] {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(CompanySize::parse("medium"), Some(CompanySize::Medium));
        assert_eq!(CompanySize::parse("huge"), None);
    }
}
