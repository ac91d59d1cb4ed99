//! Organisations: registered by anyone signed in, edited by their people.

use super::Context;
use crate::auth::policy;
use crate::db::organisations::OrganisationRow;
use crate::db::{self, audit};
use crate::domain::ids::OrganisationId;
use crate::domain::organisation::OrganisationDetails;
use crate::domain::precondition::IfMatch;
use crate::error::ApiError;

/// Registers an organisation; its creator may edit it.
pub fn create(
    cx: &mut Context<'_>,
    details: OrganisationDetails,
) -> Result<OrganisationRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let row = OrganisationRow {
        id: OrganisationId::generate(),
        name: details.name,
        kind: details.kind,
        country: details.country,
        company_size: details.company_size,
        registration_number: details.registration_number,
        created_by: Some(user.id.clone()),
        version: 1,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
    };
    db::organisations::insert(conn, &row)?;
    audit::Change::new(
        Some(&user.id),
        "organisation.created",
        "organisation",
        &row.id,
    )
    .after_of(&row)
    .record(conn, now)?;
    Ok(row)
}

/// Replaces an organisation's details, as one of the people who may edit
/// it. `details` is the body as parsed: its errors are answered after the
/// access rule and the precondition, in the one order of checks.
pub fn update(
    cx: &mut Context<'_>,
    id: &OrganisationId,
    if_match: &IfMatch,
    details: Result<OrganisationDetails, ApiError>,
) -> Result<OrganisationRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let before = db::organisations::find(conn, id)?;
    ApiError::forbidden_unless(policy::may_edit_organisation(
        user,
        before.created_by.as_deref(),
    ))?;
    if_match.check(before.version)?;
    let details = details?;
    let after = OrganisationRow {
        name: details.name,
        kind: details.kind,
        country: details.country,
        company_size: details.company_size,
        registration_number: details.registration_number,
        version: before.version + 1,
        updated_at: now.naive_utc(),
        ..before.clone()
    };
    if !db::organisations::update(conn, &after, before.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::Change::new(Some(&user.id), "organisation.updated", "organisation", id)
        .before_of(&before)
        .after_of(&after)
        .record(conn, now)?;
    Ok(after)
}
