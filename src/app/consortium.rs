//! Joining a consortium: the partner for an organisation, its new contact,
//! and the affiliation that joining implies.

use chrono::{DateTime, Duration, Utc};

use super::Context;
use crate::auth::tokens::{random_token, token_hash};
use crate::db::organisations::AffiliationRow;
use crate::db::outbox;
use crate::db::proposals::{ContactRow, InvitationRow, PartnerRow, ProposalRow};
use crate::db::{self, DbConnection, audit};
use crate::domain::account::Email;
use crate::domain::ids::{OrganisationId, PartnerId, ProposalId, UserId};
use crate::domain::precondition::IfMatch;
use crate::domain::proposal::PartnerRole;
use crate::error::ApiError;
use crate::error::ProblemCode;
use crate::mail::templates;
use crate::read::proposal::ProposalContext;
use crate::read::proposal::load_proposal;

/// How long a mailed invitation to join a consortium stays valid.
const INVITATION_DAYS: i64 = 14;

/// Invites `email` to join the consortium, as its coordinator while the
/// proposal can change: the link is mailed, the invitation audited.
pub fn invite(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    email: &Email,
) -> Result<InvitationRow, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let ctx = load_proposal(conn, user, proposal_id)?;
    ctx.require_member()?;
    ctx.require_coordinator()?;
    ctx.require_editable(now)?;
    let sent = db::proposals::invitations_of(conn, proposal_id)?.len();
    config.quotas.admit_invitation(sent)?;
    let token = random_token();
    let row = InvitationRow {
        id: uuid::Uuid::new_v4().to_string(),
        proposal_id: proposal_id.clone(),
        email: email.as_str().to_owned(),
        token_hash: token_hash(&token),
        invited_by: user.id.clone(),
        created_at: now.naive_utc(),
        expires_at: (now + Duration::days(INVITATION_DAYS)).naive_utc(),
        accepted_at: None,
        accepted_by: None,
    };
    db::proposals::insert_invitation(conn, &row)?;
    let link = format!("{}/invitations/accept?token={token}", config.public_url);
    outbox::enqueue(
        conn,
        templates::consortium_invitation(
            &row.email,
            &user.full_name,
            &ctx.proposal.acronym,
            &ctx.call.row.title,
            &link,
        ),
        now,
    )?;
    audit::Change::new(
        Some(&user.id),
        "proposal.partner_invited",
        "proposal",
        proposal_id,
    )
    .after_of(&row)
    .record(conn, now)?;
    Ok(row)
}

/// Adds the user to the organisation's people if not yet there: joining a
/// consortium for an organisation is working for it (conflicts of interest).
pub fn ensure_affiliated(
    conn: &mut DbConnection,
    user_id: &UserId,
    organisation_id: &OrganisationId,
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
    organisation_id: &OrganisationId,
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
    user_id: &UserId,
    organisation_id: &OrganisationId,
    now: DateTime<Utc>,
) -> Result<PartnerId, ApiError> {
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
                    id: PartnerId::generate(),
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
            user_id: user_id.clone(),
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

/// The coordinator hands the coordination to another contact of the
/// coordinating partner, who is told by mail. Handing it to oneself changes
/// nothing.
pub fn hand_over_coordination(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    successor: &UserId,
    if_match: &IfMatch,
) -> Result<(), ApiError> {
    let (conn, now, user, config) = cx.parts();
    let ctx = load_proposal(conn, user, proposal_id)?;
    ctx.require_member()?;
    ctx.require_coordinator()?;
    if_match.check(ctx.proposal.version)?;
    let coordinating = db::proposals::partners_of(conn, proposal_id)?
        .into_iter()
        .find(|(p, _)| p.is_coordinator())
        .map(|(p, _)| p.id)
        .ok_or(ApiError::NotFound)?;
    let eligible = db::proposals::memberships(conn, proposal_id, successor)?
        .iter()
        .any(|(partner, _)| *partner == coordinating);
    if !eligible {
        return Err(ApiError::field(
            "user_id",
            "not_a_coordinating_contact",
            "The coordination goes to another contact of the coordinating partner; invite them for its organisation first.",
        ));
    }
    if *successor == user.id {
        return Ok(());
    }
    let after = ProposalRow {
        coordinator_id: successor.clone(),
        version: ctx.proposal.version + 1,
        updated_at: now.naive_utc(),
        ..ctx.proposal.clone()
    };
    if !db::proposals::update(conn, &after, ctx.proposal.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    let to = db::users::find(conn, successor)?;
    let link = format!("{}/proposals/{proposal_id}", config.public_url);
    outbox::enqueue(
        conn,
        templates::coordination_handed_over(
            &to.email,
            &user.full_name,
            &ctx.proposal.acronym,
            &link,
        ),
        now,
    )?;
    audit::Change::new(
        Some(&user.id),
        "proposal.coordinator_changed",
        "proposal",
        proposal_id,
    )
    .before(serde_json::json!({ "coordinator_id": ctx.proposal.coordinator_id }))
    .after(serde_json::json!({ "coordinator_id": successor }))
    .record(conn, now)?;
    Ok(())
}
