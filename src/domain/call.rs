//! A call for proposals: its settings (every rule of DOMAIN.md, with the
//! Joint Call defaults), the checks before it opens, and its life cycle.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::deadline;
use super::grant::GrantRules;
use super::organisation::OrganisationKind;
use super::role::Agency;
use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CallStatus {
    Draft,
    Open,
    Closed,
    InEvaluation,
    Decided,
}

text_enum!(CallStatus {
    Draft => "draft",
    Open => "open",
    Closed => "closed",
    InEvaluation => "in_evaluation",
    Decided => "decided",
});

impl CallStatus {
    /// The one status each status may move to: draft -> open -> closed -> in_evaluation -> decided.
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Draft => Some(Self::Open),
            Self::Open => Some(Self::Closed),
            Self::Closed => Some(Self::InEvaluation),
            Self::InEvaluation => Some(Self::Decided),
            Self::Decided => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Outline,
    Full,
}

text_enum!(Stage {
    Outline => "outline",
    Full => "full",
});

/// A stage's deadline as local wall-clock time in the call's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StageSettings {
    #[schema(value_type = String, example = "2027-07-14T14:00:00", max_length = 32)]
    pub deadline_local: NaiveDateTime,
    /// When the experts' reviews of the stage are due, in the call's time zone;
    /// reminders are mailed before it.
    #[serde(default)]
    #[schema(value_type = Option<String>, example = "2027-09-15T18:00:00", max_length = 32)]
    pub review_deadline_local: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FunderSettings {
    pub agency: Agency,
    /// The budget envelope in euro cents.
    pub envelope_cents: i64,
    /// The kinds of organisation this funder funds.
    #[schema(max_items = 10)]
    pub funds: Vec<OrganisationKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ConsortiumRules {
    #[schema(maximum = 50)]
    pub min_luxembourg_companies: u32,
    #[schema(maximum = 50)]
    pub min_luxembourg_research_organisations: u32,
    pub hospital_required: bool,
    #[schema(minimum = 1, maximum = 50)]
    pub max_partners: u32,
}

impl Default for ConsortiumRules {
    fn default() -> Self {
        Self {
            min_luxembourg_companies: 1,
            min_luxembourg_research_organisations: 1,
            hospital_required: true,
            max_partners: 10,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocumentRequirement {
    pub stage: Stage,
    /// A key, e.g. `project_description`.
    #[schema(max_length = 64)]
    pub document_type: String,
    #[schema(max_length = 300)]
    pub label: String,
    pub required: bool,
    pub max_size_bytes: i64,
    #[schema(max_items = 20, value_type = Vec<crate::domain::text::MediaType>)]
    pub media_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Criterion {
    pub stage: Stage,
    /// A key, e.g. `excellence`.
    #[schema(max_length = 64)]
    pub key: String,
    #[schema(max_length = 300)]
    pub label: String,
    /// Used for ranking only.
    pub weight: f64,
    /// The minimum score (0 to 5) to pass.
    pub threshold: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StageThreshold {
    pub stage: Stage,
    /// The minimum total of the stage's scores to pass.
    pub overall: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct RightToReply {
    pub enabled: bool,
    #[schema(minimum = 1, maximum = 100000)]
    pub max_chars: u32,
}

impl Default for RightToReply {
    fn default() -> Self {
        Self {
            enabled: false,
            max_chars: 2_500,
        }
    }
}

/// Every rule of a call. Missing fields take the Joint Call defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct CallSettings {
    #[schema(example = "Europe/Luxembourg", max_length = 64)]
    pub time_zone: String,
    /// Present for a two-stage call.
    pub outline_stage: Option<StageSettings>,
    pub full_stage: StageSettings,
    #[schema(max_items = 10)]
    pub funders: Vec<FunderSettings>,
    /// The most that the capped funders together may grant one project, in cents.
    pub cap_per_project_cents: i64,
    #[schema(max_items = 10)]
    pub capped_agencies: Vec<Agency>,
    pub consortium: ConsortiumRules,
    #[schema(minimum = 1, maximum = 120)]
    pub min_duration_months: u32,
    #[schema(minimum = 1, maximum = 120)]
    pub max_duration_months: u32,
    pub grant_rules: GrantRules,
    #[schema(max_items = 50)]
    pub documents: Vec<DocumentRequirement>,
    #[schema(max_items = 50)]
    pub criteria: Vec<Criterion>,
    #[schema(max_items = 50)]
    pub thresholds: Vec<StageThreshold>,
    #[schema(minimum = 1, maximum = 20)]
    pub reviews_per_proposal: u32,
    pub right_to_reply: RightToReply,
    /// Days before a review deadline on which experts with an unsubmitted review are reminded.
    #[schema(max_items = 10)]
    pub review_reminder_days: Vec<u32>,
    /// Days before a stage's submission deadline on which every contact of a
    /// proposal still in draft is reminded, with what the checklist still lacks.
    #[schema(max_items = 10)]
    pub submission_reminder_days: Vec<u32>,
    /// Days after the release during which a coordinator may ask for a redress.
    #[schema(minimum = 1, maximum = 365)]
    pub redress_days: u32,
}

const MIB: i64 = 1024 * 1024;

fn document(stage: Stage, document_type: &str, label: &str, required: bool) -> DocumentRequirement {
    DocumentRequirement {
        stage,
        document_type: document_type.to_owned(),
        label: label.to_owned(),
        required,
        max_size_bytes: 10 * MIB,
        media_types: vec!["application/pdf".to_owned()],
    }
}

fn criterion(stage: Stage, key: &str, label: &str, threshold: f64) -> Criterion {
    Criterion {
        stage,
        key: key.to_owned(),
        label: label.to_owned(),
        weight: 1.0,
        threshold,
    }
}

/// The zone of the Luxembourg calls, every call's default.
pub const DEFAULT_TIME_ZONE: &str = "Europe/Luxembourg";

impl Default for CallSettings {
    /// The Luxembourg HealthTech joint call's defaults (DOMAIN.md).
    fn default() -> Self {
        let at = |m, d| {
            chrono::NaiveDate::from_ymd_opt(2027, m, d)
                .and_then(|date| date.and_hms_opt(14, 0, 0))
                .unwrap_or_default()
        };
        Self {
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            outline_stage: None,
            full_stage: StageSettings {
                deadline_local: at(7, 14),
                review_deadline_local: None,
            },
            funders: vec![
                FunderSettings {
                    agency: Agency::Meco,
                    envelope_cents: 250_000_000,
                    funds: vec![OrganisationKind::Company],
                },
                FunderSettings {
                    agency: Agency::Fnr,
                    envelope_cents: 200_000_000,
                    funds: vec![OrganisationKind::ResearchOrganisation],
                },
                FunderSettings {
                    agency: Agency::Ds,
                    envelope_cents: 50_000_000,
                    funds: vec![OrganisationKind::Hospital],
                },
            ],
            cap_per_project_cents: 70_000_000,
            capped_agencies: vec![Agency::Meco, Agency::Fnr],
            consortium: ConsortiumRules::default(),
            min_duration_months: 12,
            max_duration_months: 36,
            grant_rules: GrantRules::default(),
            documents: vec![
                document(
                    Stage::Outline,
                    "outline_description",
                    "Outline description (PDF)",
                    true,
                ),
                document(
                    Stage::Full,
                    "project_description",
                    "Project description (PDF)",
                    true,
                ),
                document(
                    Stage::Full,
                    "partner_cvs",
                    "CVs of the partners' key staff (PDF)",
                    true,
                ),
                document(
                    Stage::Full,
                    "letters_of_support",
                    "Letters of support (PDF)",
                    false,
                ),
                document(
                    Stage::Full,
                    "ethics_status",
                    "Ethics committee opinion or submission (PDF)",
                    false,
                ),
            ],
            criteria: vec![
                criterion(Stage::Outline, "excellence", "Excellence", 4.0),
                criterion(Stage::Outline, "impact", "Impact", 4.0),
                criterion(Stage::Full, "excellence", "Excellence", 3.0),
                criterion(Stage::Full, "impact", "Impact", 3.0),
                criterion(
                    Stage::Full,
                    "implementation",
                    "Quality and efficiency of implementation",
                    3.0,
                ),
            ],
            thresholds: vec![
                StageThreshold {
                    stage: Stage::Outline,
                    overall: 8.0,
                },
                StageThreshold {
                    stage: Stage::Full,
                    overall: 10.0,
                },
            ],
            reviews_per_proposal: 3,
            right_to_reply: RightToReply::default(),
            review_reminder_days: vec![7, 1],
            submission_reminder_days: vec![7, 1],
            redress_days: 30,
        }
    }
}

impl CallSettings {
    pub fn stages(&self) -> Vec<Stage> {
        let mut stages = Vec::new();
        if self.outline_stage.is_some() {
            stages.push(Stage::Outline);
        }
        stages.push(Stage::Full);
        stages
    }

    pub fn stage(&self, stage: Stage) -> Option<&StageSettings> {
        match stage {
            Stage::Outline => self.outline_stage.as_ref(),
            Stage::Full => Some(&self.full_stage),
        }
    }

    /// The UTC deadline of a stage, when the stage exists and its time is valid.
    pub fn deadline(&self, stage: Stage) -> Option<DateTime<Utc>> {
        self.stage(stage)
            .and_then(|s| deadline::to_utc(s.deadline_local, &self.time_zone).ok())
    }

    /// The UTC time a stage's reviews are due, when the call sets one.
    pub fn review_deadline(&self, stage: Stage) -> Option<DateTime<Utc>> {
        self.stage(stage)
            .and_then(|s| s.review_deadline_local)
            .and_then(|local| deadline::to_utc(local, &self.time_zone).ok())
    }

    /// The stage a new proposal starts in.
    pub fn first_stage(&self) -> Stage {
        if self.outline_stage.is_some() {
            Stage::Outline
        } else {
            Stage::Full
        }
    }

    /// The agency that funds organisations of this kind in this call.
    pub fn funder_of(&self, kind: OrganisationKind) -> Option<Agency> {
        self.funders
            .iter()
            .find(|f| f.funds.contains(&kind))
            .map(|f| f.agency)
    }

    /// The agency that funds a partner of this kind established in `country`:
    /// organisations outside Luxembourg fund themselves.
    pub fn funder_for(&self, kind: OrganisationKind, country: &str) -> Option<Agency> {
        if country == super::country::LUXEMBOURG {
            self.funder_of(kind)
        } else {
            None
        }
    }

    /// Whether a stage still takes changes at `now`: it exists and its deadline
    /// (by the server clock, to the second) has not come.
    pub fn before_deadline(&self, stage: Stage, now: DateTime<Utc>) -> bool {
        self.deadline(stage)
            .is_some_and(|d| deadline::is_before(now, d))
    }

    pub fn documents_for(&self, stage: Stage) -> impl Iterator<Item = &DocumentRequirement> {
        self.documents.iter().filter(move |d| d.stage == stage)
    }

    /// Problems that make the settings unusable at any time (a save is refused).
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let mut push = |field: &str, code: &str, message: String| {
            errors.push(FieldError::new(field, code, message))
        };
        if let Err(e) = deadline::parse_time_zone(&self.time_zone) {
            push("settings.time_zone", "invalid_value", e.to_string());
        } else {
            for stage in self.stages() {
                if let Some(s) = self.stage(stage)
                    && let Err(e) = deadline::to_utc(s.deadline_local, &self.time_zone)
                {
                    push(
                        &format!("settings.{}_stage.deadline_local", stage.as_str()),
                        "invalid_value",
                        e.to_string(),
                    );
                }
                if let Some(s) = self.stage(stage)
                    && let Some(local) = s.review_deadline_local
                {
                    let field = format!("settings.{}_stage.review_deadline_local", stage.as_str());
                    match deadline::to_utc(local, &self.time_zone) {
                        Err(e) => push(&field, "invalid_value", e.to_string()),
                        Ok(due) if self.deadline(stage).is_some_and(|d| due <= d) => push(
                            &field,
                            "out_of_order",
                            "Reviews are due after the stage's submission deadline.".to_owned(),
                        ),
                        Ok(_) => {}
                    }
                }
            }
        }
        if !(1..=365).contains(&self.redress_days) {
            push(
                "settings.redress_days",
                "out_of_range",
                "A redress window is 1 to 365 days.".to_owned(),
            );
        }
        for (field, days, what) in [
            (
                "settings.review_reminder_days",
                &self.review_reminder_days,
                "review",
            ),
            (
                "settings.submission_reminder_days",
                &self.submission_reminder_days,
                "submission",
            ),
        ] {
            if days.len() > 10 || days.iter().any(|d| !(1..=60).contains(d)) {
                push(
                    field,
                    "out_of_range",
                    format!("At most 10 reminders, each 1 to 60 days before the {what} deadline."),
                );
            }
        }
        if let (Some(outline), Some(full)) =
            (self.deadline(Stage::Outline), self.deadline(Stage::Full))
            && outline >= full
        {
            push(
                "settings.outline_stage.deadline_local",
                "out_of_order",
                "The outline deadline must come before the full proposal deadline.".to_owned(),
            );
        }
        for (i, funder) in self.funders.iter().enumerate() {
            if funder.envelope_cents < 0 {
                push(
                    &format!("settings.funders[{i}].envelope_cents"),
                    "out_of_range",
                    "An envelope cannot be negative.".to_owned(),
                );
            }
            if self.funders[..i].iter().any(|f| f.agency == funder.agency) {
                push(
                    &format!("settings.funders[{i}].agency"),
                    "duplicate",
                    "Each agency appears once.".to_owned(),
                );
            }
            for kind in &funder.funds {
                if self.funders[..i].iter().any(|f| f.funds.contains(kind)) {
                    push(
                        &format!("settings.funders[{i}].funds"),
                        "duplicate",
                        format!("{} is funded by two funders.", kind.as_str()),
                    );
                }
            }
        }
        if self.cap_per_project_cents < 0 {
            push(
                "settings.cap_per_project_cents",
                "out_of_range",
                "The cap cannot be negative.".to_owned(),
            );
        }
        if self.min_duration_months == 0 || self.min_duration_months > self.max_duration_months {
            push(
                "settings.min_duration_months",
                "out_of_range",
                "The shortest duration is at least 1 month and not above the longest.".to_owned(),
            );
        }
        let rules = &self.grant_rules;
        for (name, rate) in [
            (
                "company_industrial_research_rate",
                rules.company_industrial_research_rate,
            ),
            (
                "company_experimental_development_rate",
                rules.company_experimental_development_rate,
            ),
            ("company_max_rate", rules.company_max_rate),
            ("research_overhead_rate", rules.research_overhead_rate),
            ("research_funding_rate", rules.research_funding_rate),
            ("hospital_funding_rate", rules.hospital_funding_rate),
            (
                "collaboration_min_research_share",
                rules.collaboration_min_research_share,
            ),
            ("medium_enterprise_bonus", rules.medium_enterprise_bonus),
            ("small_enterprise_bonus", rules.small_enterprise_bonus),
            ("collaboration_bonus", rules.collaboration_bonus),
        ] {
            if rate > 10_000 {
                push(
                    &format!("settings.grant_rules.{name}"),
                    "out_of_range",
                    "A rate is at most 10000 basis points (100%).".to_owned(),
                );
            }
        }
        for (i, d) in self.documents.iter().enumerate() {
            if d.document_type.trim().is_empty() || d.label.trim().is_empty() {
                push(
                    &format!("settings.documents[{i}]"),
                    "required",
                    "A document needs a type and a label.".to_owned(),
                );
            }
            if d.max_size_bytes <= 0 || d.max_size_bytes > 100 * MIB {
                push(
                    &format!("settings.documents[{i}].max_size_bytes"),
                    "out_of_range",
                    "The size limit is between 1 byte and 100 MiB.".to_owned(),
                );
            }
            if d.media_types.is_empty() {
                push(
                    &format!("settings.documents[{i}].media_types"),
                    "required",
                    "List at least one accepted media type.".to_owned(),
                );
            }
            if self.documents[..i]
                .iter()
                .any(|o| o.stage == d.stage && o.document_type == d.document_type)
            {
                push(
                    &format!("settings.documents[{i}].document_type"),
                    "duplicate",
                    "Each document type appears once per stage.".to_owned(),
                );
            }
        }
        for (i, c) in self.criteria.iter().enumerate() {
            if c.key.trim().is_empty() || c.label.trim().is_empty() {
                push(
                    &format!("settings.criteria[{i}]"),
                    "required",
                    "A criterion needs a key and a label.".to_owned(),
                );
            }
            if !(c.weight.is_finite() && c.weight > 0.0) {
                push(
                    &format!("settings.criteria[{i}].weight"),
                    "out_of_range",
                    "A weight is a positive number.".to_owned(),
                );
            }
            if !(0.0..=5.0).contains(&c.threshold) {
                push(
                    &format!("settings.criteria[{i}].threshold"),
                    "out_of_range",
                    "A threshold is between 0 and 5.".to_owned(),
                );
            }
            if self.criteria[..i]
                .iter()
                .any(|o| o.stage == c.stage && o.key == c.key)
            {
                push(
                    &format!("settings.criteria[{i}].key"),
                    "duplicate",
                    "Each criterion appears once per stage.".to_owned(),
                );
            }
        }
        if self.reviews_per_proposal == 0 || self.reviews_per_proposal > 20 {
            push(
                "settings.reviews_per_proposal",
                "out_of_range",
                "Between 1 and 20 reviews per proposal.".to_owned(),
            );
        }
        if !(1..=100_000).contains(&self.right_to_reply.max_chars) {
            push(
                "settings.right_to_reply.max_chars",
                "out_of_range",
                "A reply has between 1 and 100,000 characters.".to_owned(),
            );
        }
        if self.max_duration_months > 120 {
            push(
                "settings.max_duration_months",
                "out_of_range",
                "A project lasts at most 120 months.".to_owned(),
            );
        }
        let consortium = &self.consortium;
        if !(1..=50).contains(&consortium.max_partners) {
            push(
                "settings.consortium.max_partners",
                "out_of_range",
                "A consortium has 1 to 50 partners.".to_owned(),
            );
        }
        for (name, value) in [
            (
                "min_luxembourg_companies",
                consortium.min_luxembourg_companies,
            ),
            (
                "min_luxembourg_research_organisations",
                consortium.min_luxembourg_research_organisations,
            ),
        ] {
            if value > consortium.max_partners {
                push(
                    &format!("settings.consortium.{name}"),
                    "out_of_range",
                    "Cannot exceed the largest consortium.".to_owned(),
                );
            }
        }
        errors
    }

    /// Everything that stops a call from opening now, listed at once
    /// (beyond [`Self::problems`]): deadlines in the past, no funders,
    /// stages without criteria or documents.
    pub fn opening_problems(&self, now: DateTime<Utc>) -> Vec<FieldError> {
        let mut errors = self.problems();
        for stage in self.stages() {
            let field = format!("settings.{}_stage.deadline_local", stage.as_str());
            if let Some(at) = self.deadline(stage)
                && at <= now
            {
                errors.push(FieldError::new(
                    field,
                    "in_the_past",
                    format!("The {} deadline has passed.", stage.as_str()),
                ));
            }
            if !self.criteria.iter().any(|c| c.stage == stage) {
                errors.push(FieldError::new(
                    "settings.criteria",
                    "required",
                    format!("The {} stage has no criteria.", stage.as_str()),
                ));
            }
            if !self.thresholds.iter().any(|t| t.stage == stage) {
                errors.push(FieldError::new(
                    "settings.thresholds",
                    "required",
                    format!("The {} stage has no overall threshold.", stage.as_str()),
                ));
            }
        }
        if self.funders.is_empty() {
            errors.push(FieldError::new(
                "settings.funders",
                "required",
                "A call needs at least one funder.",
            ));
        }
        if self.funders.iter().all(|f| f.funds.is_empty()) && !self.funders.is_empty() {
            errors.push(FieldError::new(
                "settings.funders",
                "required",
                "No funder funds any kind of organisation.",
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn before_2027() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 29, 10, 0, 0).unwrap()
    }

    #[test]
    fn the_defaults_are_the_joint_call_and_can_open() {
        let settings = CallSettings::default();
        assert_eq!(settings.cap_per_project_cents, 70_000_000);
        assert_eq!(
            settings.funder_of(OrganisationKind::Company),
            Some(Agency::Meco)
        );
        assert_eq!(
            settings.funder_of(OrganisationKind::Hospital),
            Some(Agency::Ds)
        );
        assert_eq!(settings.funder_of(OrganisationKind::Other), None);
        assert_eq!(
            settings.funder_for(OrganisationKind::Company, "LU"),
            Some(Agency::Meco)
        );
        assert_eq!(settings.funder_for(OrganisationKind::Company, "DE"), None);
        let deadline = settings.deadline(Stage::Full).unwrap();
        assert!(settings.before_deadline(Stage::Full, deadline - chrono::Duration::seconds(1)));
        assert!(!settings.before_deadline(Stage::Full, deadline));
        assert!(
            !settings.before_deadline(Stage::Outline, before_2027()),
            "no outline stage"
        );
        assert_eq!(
            settings.deadline(Stage::Full).unwrap().to_rfc3339(),
            "2027-07-14T12:00:00+00:00"
        );
        assert_eq!(settings.first_stage(), Stage::Full);
        assert_eq!(settings.opening_problems(before_2027()), vec![]);
    }

    #[test]
    fn missing_fields_take_the_defaults() {
        let settings: CallSettings =
            serde_json::from_str(r#"{"reviews_per_proposal": 5}"#).unwrap();
        assert_eq!(settings.reviews_per_proposal, 5);
        assert_eq!(settings.criteria.len(), 5);
    }

    #[test]
    fn every_reason_not_to_open_is_listed() {
        let settings = CallSettings {
            funders: vec![],
            criteria: vec![],
            outline_stage: Some(StageSettings {
                review_deadline_local: None,
                deadline_local: chrono::NaiveDate::from_ymd_opt(2027, 8, 1)
                    .unwrap()
                    .and_hms_opt(14, 0, 0)
                    .unwrap(),
            }),
            ..CallSettings::default()
        };
        let after_full_deadline = Utc.with_ymd_and_hms(2027, 7, 20, 0, 0, 0).unwrap();
        let codes: Vec<(String, String)> = settings
            .opening_problems(after_full_deadline)
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        let expected = [
            ("settings.outline_stage.deadline_local", "out_of_order"),
            ("settings.criteria", "required"),
            ("settings.full_stage.deadline_local", "in_the_past"),
            ("settings.criteria", "required"),
            ("settings.funders", "required"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(f, c)| ((*f).to_owned(), (*c).to_owned()))
            .collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn inconsistent_settings_are_problems_at_any_time() {
        let mut settings = CallSettings {
            time_zone: "Nowhere/Land".into(),
            reviews_per_proposal: 0,
            ..CallSettings::default()
        };
        settings.criteria[0].weight = 0.0;
        settings.funders[1].funds.push(OrganisationKind::Company);
        settings.grant_rules.company_max_rate = 12_000;
        let fields: Vec<String> = settings.problems().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "settings.time_zone",
                "settings.funders[1].funds",
                "settings.grant_rules.company_max_rate",
                "settings.criteria[0].weight",
                "settings.reviews_per_proposal",
            ]
        );
    }

    #[test]
    fn the_life_cycle_moves_one_way() {
        let mut status = CallStatus::Draft;
        let mut seen = vec![status];
        while let Some(next) = status.next() {
            status = next;
            seen.push(status);
        }
        assert_eq!(
            seen,
            [
                CallStatus::Draft,
                CallStatus::Open,
                CallStatus::Closed,
                CallStatus::InEvaluation,
                CallStatus::Decided
            ]
        );
        for s in seen {
            assert_eq!(CallStatus::parse(s.as_str()), Some(s));
        }
    }
}
