//! An organisation as readers see it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::organisations::OrganisationRow;
use crate::domain::ids::OrganisationId;
use crate::domain::organisation::{CompanySize, OrganisationKind};
use crate::domain::pricing::OrganisationFacts;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OrganisationResponse {
    #[schema(value_type = String)]
    pub id: OrganisationId,
    pub name: String,
    pub kind: OrganisationKind,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "LU")]
    pub country: String,
    /// Companies only.
    pub company_size: Option<CompanySize>,
    pub registration_number: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
}

impl OrganisationResponse {
    /// The facts a submission froze in place of today's: a submitted
    /// proposal shows its partners as it was priced.
    pub fn show_as_submitted(&mut self, facts: &OrganisationFacts) {
        self.name.clone_from(&facts.name);
        self.kind = facts.kind;
        self.country.clone_from(&facts.country);
        self.company_size = facts.company_size;
        self.registration_number
            .clone_from(&facts.registration_number);
    }
}

impl From<&OrganisationRow> for OrganisationResponse {
    fn from(row: &OrganisationRow) -> Self {
        Self {
            id: row.id.clone(),
            name: row.name.clone(),
            kind: row.kind,
            country: row.country.clone(),
            company_size: row.company_size,
            registration_number: row.registration_number.clone(),
            version: row.version,
            created_at: row.created_at.and_utc(),
        }
    }
}
