//! Building a consortium: invitations by email, accepting them, removing partners.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::if_match::IfMatch;
use super::json::Json;

use super::support::ok_with_etag;
use crate::app::require_addressee;
use crate::app::{self, consortium::join_consortium};
use crate::auth::AuthUser;
use crate::auth::rate_limit::Action;
use crate::auth::tokens::token_hash;
use crate::db::proposals::InvitationRow;
use crate::db::{self, audit};
use crate::domain::account::Email;
use crate::domain::ids::{OrganisationId, PartnerId, ProposalId, UserId};
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::proposal::{ProposalResponse, load_context, load_proposal, proposal_response};
use crate::state::SharedState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct InvitationRequest {
    /// The invitee's address; the mail goes there.
    #[schema(format = Email, max_length = 254)]
    pub email: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct InvitationResponse {
    pub id: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
}

impl From<&InvitationRow> for InvitationResponse {
    fn from(row: &InvitationRow) -> Self {
        Self {
            id: row.id.clone(),
            email: row.email.clone(),
            created_at: row.created_at.and_utc(),
            expires_at: row.expires_at.and_utc(),
            accepted_at: row.accepted_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct InvitationAcceptance {
    /// The token from the invitation mail.
    #[schema(max_length = 128)]
    pub token: String,
    /// The organisation the invitee joins for (becomes a partner, or gains a contact).
    #[schema(max_length = 64)]
    #[schema(value_type = String)]
    pub organisation_id: OrganisationId,
}

/// Invite a partner
///
/// The coordinator invites someone by email; the mail carries a link to accept.
/// At most `JOINTCALL_QUOTA_INVITATIONS` per proposal (409 `quota-exceeded`),
/// and `JOINTCALL_LIMIT_INVITATIONS_HOURLY` per inviting account and hour (429).
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/invitations", tag = "consortium",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = InvitationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Invited; the mail is on its way.", body = InvitationResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        problems::ProposalNotFound,
        problems::ProposalFrozen,
        (status = 422, description = "Invalid email.", body = Problem, content_type = "application/problem+json"),
        problems::Throttled,
    )
)]
pub async fn invite_partner(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
    body: Json<InvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let email = Email::parse(&body.email).map_err(|e| ApiError::Validation(vec![e]))?;
    state.throttles.admit(Action::Invitation, &user.id)?;
    let id = id.into_inner();
    let row = app::act(&state, user, move |cx| {
        app::consortium::invite(cx, &id, &email)
    })
    .await?;
    let response = InvitationResponse::from(&row);
    Ok(HttpResponse::Created().json(response))
}

/// List invitations
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/invitations", tag = "consortium",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal's invitations, oldest first.", body = Vec<InvitationResponse>),
        problems::Unauthenticated,
        problems::MembersOnly,
        problems::ProposalNotFound,
    )
)]
pub async fn list_invitations(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let rows = state
        .db(move |conn| {
            load_proposal(conn, &user, &id)?.require_member()?;
            Ok(db::proposals::invitations_of(conn, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(
        rows.iter()
            .map(InvitationResponse::from)
            .collect::<Vec<_>>(),
    ))
}

/// Accept an invitation
///
/// The signed-in invitee (whose account has the invited address) joins the
/// consortium for an organisation: as a new partner, or as another contact
/// of a partner already there.
#[utoipa::path(
    post, path = "/api/v1/invitations/acceptance", tag = "consortium",
    request_body = InvitationAcceptance,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Joined; the proposal as the new member sees it.", body = ProposalResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "The invitation is for another address, or the caller has not confirmed their own address yet (`email-not-verified`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already a member, the consortium is full, or the proposal cannot change any more.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown, used or expired token, or unknown organisation.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn accept_invitation(
    state: web::Data<SharedState>,
    user: AuthUser,
    body: Json<InvitationAcceptance>,
) -> Result<HttpResponse, ApiError> {
    user.require_verified_email()?;
    let body = body.into_inner();
    let hash = token_hash(body.token.trim());
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let invalid = || {
                ApiError::field(
                    "token",
                    "invalid_or_expired",
                    "This invitation is not valid any more; ask for a new one.",
                )
            };
            let invitation =
                db::proposals::invitation_by_token(conn, &hash)?.ok_or_else(invalid)?;
            if invitation.accepted_at.is_some() || invitation.expires_at <= now.naive_utc() {
                return Err(invalid());
            }
            require_addressee(&user.email, &invitation.email)?;
            // Not a member yet: the invitation itself admits the invitee.
            let ctx = load_context(conn, &user.id, &invitation.proposal_id)?;
            ctx.require_editable(now)?;
            if !db::proposals::accept_invitation(conn, &invitation.id, &user.id, now.naive_utc())? {
                return Err(invalid());
            }
            join_consortium(conn, &ctx, &user.id, &body.organisation_id, now)?;
            let ctx = load_proposal(conn, &user, &invitation.proposal_id)?;
            proposal_response(conn, &ctx)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Remove a partner
///
/// The coordinator removes a partner (with its contacts and budget) from a
/// draft before the deadline. The coordinator's own partner stays.
#[utoipa::path(
    delete, path = "/api/v1/proposals/{id}/partners/{partner_id}", tag = "consortium",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("partner_id" = String, Path, description = "The partner's id."),
        ("If-Match" = String, Header, description = "The proposal's ETag last read."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Removed; the proposal without the partner.", body = ProposalResponse),
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        (status = 404, description = "No such proposal or partner.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The coordinator's partner, or the proposal cannot change any more.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::IfMatchRequired,
    )
)]
pub async fn remove_partner(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    path: web::Path<(ProposalId, PartnerId)>,
) -> Result<HttpResponse, ApiError> {
    let (id, partner_id) = path.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            ctx.require_member()?;
            ctx.require_coordinator()?;
            let partner = db::proposals::find_partner(conn, &id, &partner_id)?;
            if_match.check(ctx.proposal.version)?;
            ctx.require_editable(now)?;
            if partner.is_coordinator() {
                return Err(ApiError::conflict(
                    ProblemCode::CoordinatorStays,
                    "The coordinator's own partner cannot be removed.",
                ));
            }
            db::proposals::delete_partner(conn, &partner.id)?;
            db::proposals::touch(conn, &id, now.naive_utc())?;
            audit::Change::new(Some(&user.id), "proposal.partner_removed", "proposal", &id)
                .before_of(&partner)
                .record(conn, now)?;
            let ctx = load_proposal(conn, &user, &id)?;
            proposal_response(conn, &ctx)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CoordinatorChange {
    /// The new coordinator: another contact of the coordinating partner.
    #[schema(max_length = 64)]
    #[schema(value_type = String)]
    pub user_id: UserId,
}

/// Hand the coordination over
///
/// The coordinator makes another contact of the coordinating partner the
/// proposal's one coordinator (at any stage: the coordination is not part of
/// what a receipt freezes). The new coordinator is mailed; the former one
/// keeps editing as a contact of the partner. Audited.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/coordinator", tag = "consortium",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The proposal's ETag last read."),
    ),
    request_body = CoordinatorChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Handed over; the proposal as the former coordinator now sees it.", body = ProposalResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        problems::ProposalNotFound,
        problems::StaleVersion,
        (status = 422, description = "Not a contact of the coordinating partner.", body = Problem, content_type = "application/problem+json"),
        problems::IfMatchRequired,
    )
)]
pub async fn hand_over_coordination(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<ProposalId>,
    body: Json<CoordinatorChange>,
) -> Result<HttpResponse, ApiError> {
    let (id, successor) = (id.into_inner(), body.into_inner().user_id);
    let response = app::act(&state, user, move |cx| {
        app::consortium::hand_over_coordination(cx, &id, &successor, &if_match)?;
        let ctx = load_proposal(cx.conn, cx.actor, &id)?;
        proposal_response(cx.conn, &ctx)
    })
    .await?;
    Ok(ok_with_etag(response.version, &response))
}
