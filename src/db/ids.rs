//! The database side of the typed ids (`domain::ids`): stored as their text,
//! read back as is, and made here, where randomness is allowed.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::sql_types::Text;

use crate::domain::ids::{
    AssignmentId, CallId, DocumentId, ExpertId, OrganisationId, PartnerId, ProposalId, ReviewId,
    UserId,
};

macro_rules! id_columns {
    ($($name:ident),+ $(,)?) => { $(
        stored_as_text!($name);

        impl $name {
            /// A new random id (UUID v4).
            pub fn generate() -> Self {
                Self::from(uuid::Uuid::new_v4().to_string())
            }
        }

        impl<DB> FromSql<Text, DB> for $name
        where
            DB: Backend,
            String: FromSql<Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                String::from_sql(bytes).map(Self::from)
            }
        }
    )+ };
}

id_columns!(
    CallId,
    ProposalId,
    UserId,
    OrganisationId,
    PartnerId,
    ExpertId,
    AssignmentId,
    DocumentId,
    ReviewId,
);
