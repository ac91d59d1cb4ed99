//! Joining a consortium: the partner for an organisation, its new contact,
//! and the affiliation that joining implies.

use chrono::{DateTime, Utc};

use crate::db::organisations::AffiliationRow;
use crate::db::proposals::{ContactRow, PartnerRow};
use crate::db::{self, DbConnection, audit};
use crate::domain::proposal::PartnerRole;
use crate::error::ApiError;
use crate::error::ProblemCode;
use crate::read::proposal::ProposalContext;

/// Adds the user to the organisation's people if not yet there: joining a
/// consortium for an organisation is working for it (conflicts of interest).
pub fn ensure_affiliated(
    conn: &mut DbConnection,
    user_id: &str,
    organisation_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if !db::organisations::is_affiliated(conn, user_id, organisation_id)? {
        let row = AffiliationRow {
            user_id: user_id.to_owned(),
            organisation_id: organisation_id.to_owned(),
            position: String::new(),
            created_at: now.naive_utc(),
        };
        db::organisations::insert_affiliation(conn, &row)?;
        audit::Change::new(Some(user_id), "affiliation.added", "user", user_id)
            .after_of(&row)
            .record(conn, now)?;
    }
    Ok(())
}

/// The organisation named in a request, or a 422 naming the field.
pub fn find_organisation(
    conn: &mut DbConnection,
    organisation_id: &str,
) -> Result<db::organisations::OrganisationRow, ApiError> {
    db::organisations::find(conn, organisation_id).map_err(|e| match e {
        diesel::result::Error::NotFound => ApiError::field(
            "organisation_id",
            "not_found",
            "There is no organisation with this id.",
        ),
        other => other.into(),
    })
}

/// Adds a partner (or a contact to an existing partner) for the user's organisation.
pub fn join_consortium(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    user_id: &str,
    organisation_id: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let organisation = find_organisation(conn, organisation_id)?;
    // `ctx` is the proposal seen by `user_id`: its memberships are theirs.
    if ctx.is_member() {
        return Err(ApiError::conflict(
            ProblemCode::AlreadyMember,
            "You are a member of this consortium already.",
        ));
    }
    let partner =
        match db::proposals::partner_of_organisation(conn, &ctx.proposal.id, &organisation.id)? {
            Some(existing) => existing,
            None => {
                let count = db::proposals::partners_of(conn, &ctx.proposal.id)?.len();
                if count >= ctx.call.settings.consortium.max_partners as usize {
                    return Err(ApiError::conflict(
                        ProblemCode::ConsortiumFull,
                        format!(
                            "A consortium has at most {} partners in this call.",
                            ctx.call.settings.consortium.max_partners
                        ),
                    ));
                }
                let row = PartnerRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    proposal_id: ctx.proposal.id.clone(),
                    organisation_id: organisation.id.clone(),
                    role: PartnerRole::Partner,
                    version: 1,
                    created_at: now.naive_utc(),
                };
                db::proposals::insert_partner(conn, &row)?;
                row
            }
        };
    ensure_affiliated(conn, user_id, &organisation.id, now)?;
    db::proposals::insert_contact(
        conn,
        &ContactRow {
            partner_id: partner.id.clone(),
            user_id: user_id.to_owned(),
            proposal_id: ctx.proposal.id.clone(),
            created_at: now.naive_utc(),
        },
    )?;
    db::proposals::touch(conn, &ctx.proposal.id, now.naive_utc())?;
    audit::Change::new(Some(user_id), "proposal.partner_joined", "proposal", &ctx.proposal.id)
        .after(serde_json::json!({ "partner_id": partner.id, "organisation_id": organisation.id, "user_id": user_id }))
        .record(conn, now)?;
    Ok(partner.id)
}
