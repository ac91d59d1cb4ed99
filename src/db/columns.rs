//! Typed columns: rows hold the domain's enums and parsed JSON, never the
//! text they are stored as.
//!
//! A stored value the code does not know is a corrupt row, not a default:
//! reading it fails the query (an internal error, logged with the column's
//! type and value) instead of quietly becoming `Draft` or `Partner`, which
//! is what three different fallbacks did before (issue #18).
//!
//! The impls live here rather than on the types so `src/domain/` stays free
//! of the database; diesel's `foreign_derive` writes the expression glue for
//! a type defined elsewhere in the crate.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::expression::AsExpression;
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::Write;

use super::MultiBackend;
use crate::domain::call::{CallStatus, Stage};
use crate::domain::funding::{Decision, Outcome, PlanStatus};
use crate::domain::grant::{CostCategory, ResearchCategory};
use crate::domain::language::Language;
use crate::domain::mail_retry::MailStatus;
use crate::domain::organisation::{CompanySize, OrganisationKind};
use crate::domain::proposal::{PartnerRole, ProposalStatus};
use crate::domain::result::ReleasedOutcome;
use crate::domain::review::{AssignmentStatus, ReportStatus, ReviewStatus};
use crate::domain::role::{Agency, Role, RoleSet};

/// Stores each `text_enum!` type as its text (`as_str`), reads it back with
/// `parse`, and fails loudly on anything else.
macro_rules! text_columns {
    ($($ty:ident),+ $(,)?) => { $(
        stored_as_text!($ty);

        impl<DB> FromSql<Text, DB> for $ty
        where
            DB: Backend,
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                let raw = String::from_sql(bytes)?;
                $ty::parse(&raw).ok_or_else(|| {
                    format!(concat!("stored ", stringify!($ty), " {:?} is not known"), raw).into()
                })
            }
        }
    )+ };
}

text_columns!(
    AssignmentStatus,
    Agency,
    CallStatus,
    CompanySize,
    CostCategory,
    Decision,
    Language,
    MailStatus,
    OrganisationKind,
    Outcome,
    PartnerRole,
    PlanStatus,
    ProposalStatus,
    ReleasedOutcome,
    ReportStatus,
    ResearchCategory,
    ReviewStatus,
    Role,
    Stage,
);

/// Every column that holds one of those enums, with the texts it may hold.
/// The database refuses anything else (CHECK constraints on PostgreSQL,
/// triggers on SQLite: `migrations-postgres/`, `migrations-sqlite/`), and
/// `tests/api/schema.rs` checks both against this list. A new enum column
/// or a new variant needs a migration of both and an entry here.
pub const ENUM_COLUMNS: &[(&str, &str, &[&str])] = &[
    ("users", "agency", Agency::TEXTS),
    ("users", "language", Language::TEXTS),
    ("organisations", "kind", OrganisationKind::TEXTS),
    ("organisations", "company_size", CompanySize::TEXTS),
    ("calls", "status", CallStatus::TEXTS),
    ("proposals", "stage", Stage::TEXTS),
    ("proposals", "status", ProposalStatus::TEXTS),
    ("proposals", "research_category", ResearchCategory::TEXTS),
    ("partners", "role", PartnerRole::TEXTS),
    ("budget_lines", "category", CostCategory::TEXTS),
    ("documents", "stage", Stage::TEXTS),
    ("submissions", "stage", Stage::TEXTS),
    ("eligibility_decisions", "stage", Stage::TEXTS),
    ("assignments", "stage", Stage::TEXTS),
    ("assignments", "status", AssignmentStatus::TEXTS),
    ("reviews", "stage", Stage::TEXTS),
    ("reviews", "status", ReviewStatus::TEXTS),
    ("consensus_reports", "stage", Stage::TEXTS),
    ("consensus_reports", "status", ReportStatus::TEXTS),
    ("reply_windows", "stage", Stage::TEXTS),
    ("funding_decisions", "agency", Agency::TEXTS),
    ("funding_decisions", "decision", Decision::TEXTS),
    ("submission_reminders", "stage", Stage::TEXTS),
    ("funding_decision_versions", "decision", Decision::TEXTS),
    ("results", "outcome", ReleasedOutcome::TEXTS),
    ("outbox", "status", MailStatus::TEXTS),
];

/// A JSON document stored as text, parsed when the row is read. A document
/// that does not parse fails the query: the reader never sees an empty
/// default standing in for data it could not read.
#[derive(Debug, Clone, PartialEq, Eq, Default, FromSqlRow, AsExpression)]
#[diesel(sql_type = Text)]
pub struct JsonText<T: std::fmt::Debug>(pub T);

impl<T: Serialize + std::fmt::Debug> JsonText<T> {
    /// The text stored for the document.
    fn text(&self) -> serde_json::Result<String> {
        serde_json::to_string(&self.0)
    }
}

impl<T, DB> FromSql<Text, DB> for JsonText<T>
where
    T: DeserializeOwned + std::fmt::Debug,
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let raw = String::from_sql(bytes)?;
        serde_json::from_str(&raw).map(JsonText).map_err(|e| {
            format!("stored {} does not parse: {e}", std::any::type_name::<T>()).into()
        })
    }
}

// Written as text on each backend. The text is made at bind time, so each
// backend gets an owned string; the combined connection hands the value on
// to the backend's own impl.
impl<T: Serialize + std::fmt::Debug> ToSql<Text, Pg> for JsonText<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.text()?.as_bytes())?;
        Ok(IsNull::No)
    }
}

impl<T: Serialize + std::fmt::Debug> ToSql<Text, Sqlite> for JsonText<T> {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.text()?);
        Ok(IsNull::No)
    }
}

impl<T> ToSql<Text, MultiBackend> for JsonText<T>
where
    T: Serialize + std::fmt::Debug + Send + Sync + 'static,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Text, self));
        Ok(IsNull::No)
    }
}

impl<T: Serialize + std::fmt::Debug> Serialize for JsonText<T> {
    /// Rows are serialised into audit records as they are stored: the
    /// document's text, so the audit chain reads as it always did.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.text().map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

/// `users.roles`: the role names joined by commas (`applicant,reviewer`),
/// each one checked on the way in and on the way out. A name the code does
/// not know fails the read, as an unknown enum value does; it used to be
/// skipped, which quietly demoted the account.
#[derive(Debug, Clone, PartialEq, Eq, FromSqlRow, AsExpression, Serialize)]
#[diesel(sql_type = Text)]
#[serde(transparent)]
pub struct StoredRoles(String);

impl StoredRoles {
    pub fn of(set: &RoleSet) -> Self {
        let names: Vec<&str> = set.roles().iter().map(|r| r.as_str()).collect();
        Self(names.join(","))
    }

    /// The roles, in their stored order.
    pub fn roles(&self) -> Vec<Role> {
        // Every name was checked when the value was made or read.
        self.0.split(',').filter_map(Role::parse).collect()
    }

    fn parse(text: &str) -> Result<Self, String> {
        match text.split(',').find(|name| Role::parse(name).is_none()) {
            Some(unknown) => Err(format!("stored role {unknown:?} is not known")),
            None => Ok(Self(text.to_owned())),
        }
    }
}

impl<DB> FromSql<Text, DB> for StoredRoles
where
    DB: Backend,
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        Ok(Self::parse(&String::from_sql(bytes)?)?)
    }
}

impl<DB> ToSql<Text, DB> for StoredRoles
where
    DB: Backend,
    str: ToSql<Text, DB>,
{
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
        self.0.as_str().to_sql(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows are serialised into audit records and snapshots: a column's
    /// serde form must be the text it is stored as, or typing a row would
    /// change what the audit chain hashes.
    fn serde_is_stored_text<T: Serialize + Copy>(all: &[T], text: fn(T) -> &'static str) {
        for value in all {
            assert_eq!(
                serde_json::to_value(value).unwrap(),
                serde_json::Value::String(text(*value).to_owned())
            );
        }
    }

    #[test]
    fn every_enum_column_serialises_as_its_stored_text() {
        serde_is_stored_text(AssignmentStatus::ALL, AssignmentStatus::as_str);
        serde_is_stored_text(Agency::ALL, Agency::as_str);
        serde_is_stored_text(CallStatus::ALL, CallStatus::as_str);
        serde_is_stored_text(CompanySize::ALL, CompanySize::as_str);
        serde_is_stored_text(CostCategory::ALL, CostCategory::as_str);
        serde_is_stored_text(Decision::ALL, Decision::as_str);
        serde_is_stored_text(Language::ALL, Language::as_str);
        serde_is_stored_text(MailStatus::ALL, MailStatus::as_str);
        serde_is_stored_text(OrganisationKind::ALL, OrganisationKind::as_str);
        serde_is_stored_text(Outcome::ALL, Outcome::as_str);
        serde_is_stored_text(PartnerRole::ALL, PartnerRole::as_str);
        serde_is_stored_text(PlanStatus::ALL, PlanStatus::as_str);
        serde_is_stored_text(ProposalStatus::ALL, ProposalStatus::as_str);
        serde_is_stored_text(ReleasedOutcome::ALL, ReleasedOutcome::as_str);
        serde_is_stored_text(ReportStatus::ALL, ReportStatus::as_str);
        serde_is_stored_text(ResearchCategory::ALL, ResearchCategory::as_str);
        serde_is_stored_text(ReviewStatus::ALL, ReviewStatus::as_str);
        serde_is_stored_text(Role::ALL, Role::as_str);
        serde_is_stored_text(Stage::ALL, Stage::as_str);
    }

    #[test]
    fn roles_are_stored_as_names_joined_by_commas_and_unknown_names_refused() {
        let set = RoleSet::new(&[Role::Funder, Role::Reviewer], Some(Agency::Meco)).unwrap();
        let stored = StoredRoles::of(&set);
        assert_eq!(
            serde_json::to_value(&stored).unwrap(),
            serde_json::json!("applicant,reviewer,funder")
        );
        let back = StoredRoles::parse("applicant,reviewer,funder").unwrap();
        assert_eq!(RoleSet::from_stored(&back.roles(), set.agency()), set);
        assert!(StoredRoles::parse("applicant,wizard").is_err());
        assert!(StoredRoles::parse("").is_err());
    }

    #[test]
    fn a_json_column_serialises_as_its_stored_text() {
        let keywords = JsonText(vec!["ecg".to_owned()]);
        assert_eq!(
            serde_json::to_value(&keywords).unwrap(),
            serde_json::json!("[\"ecg\"]")
        );
    }
}
