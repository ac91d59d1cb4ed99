//! A person's affiliations: the organisations they may act for.

use super::Context;
use crate::db::organisations::{AffiliationRow, OrganisationRow};
use crate::db::{self, audit};
use crate::domain::ids::OrganisationId;
use crate::error::{ApiError, ProblemCode};

/// The acting person declares they work for the organisation, in `position`.
pub fn add(
    cx: &mut Context<'_>,
    organisation_id: &OrganisationId,
    position: String,
) -> Result<(AffiliationRow, OrganisationRow), ApiError> {
    let (conn, now, user, _) = cx.parts();
    let organisation = db::organisations::find(conn, organisation_id).map_err(|e| match e {
        diesel::result::Error::NotFound => ApiError::field(
            "organisation_id",
            "not_found",
            "There is no organisation with this id.",
        ),
        other => other.into(),
    })?;
    if db::organisations::is_affiliated(conn, &user.id, &organisation.id)? {
        return Err(ApiError::conflict(
            ProblemCode::AlreadyAffiliated,
            "You are affiliated to this organisation already.",
        ));
    }
    let row = AffiliationRow {
        user_id: user.id.clone(),
        organisation_id: organisation.id.clone(),
        position,
        created_at: now.naive_utc(),
    };
    db::organisations::insert_affiliation(conn, &row)?;
    audit::Change::new(Some(&user.id), "affiliation.added", "user", &user.id)
        .after_of(&row)
        .record(conn, now)?;
    Ok((row, organisation))
}
