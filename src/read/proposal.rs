//! A proposal as it is read: with its call and the reader's place in its
//! consortium (`ProposalContext`, what every use case on a proposal starts
//! from), and as the whole consortium shows it (`ProposalResponse`, cached
//! for every reader in a `ProposalSnapshot`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::call::Call;
use super::organisation::OrganisationResponse;
use super::pricing;
use crate::auth::AuthUser;
use crate::auth::policy::{self, ProposalAccess};
use crate::db::calls::CallRow;
use crate::db::organisations::OrganisationRow;
use crate::db::proposals::{PartnerRow, ProposalRow};
use crate::db::{self, DbConnection};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::grant::ResearchCategory;
use crate::domain::ids::{CallId, PartnerId, ProposalId, UserId};
use crate::domain::pricing::PricedPartner;
use crate::domain::proposal::{ClinicalInvestigation, PartnerRole, ProposalStatus};
use crate::domain::role::Agency;
use crate::error::ApiError;
use crate::error::ProblemCode;

/// A proposal with its call and the caller's place in its consortium.
pub struct ProposalContext {
    pub proposal: ProposalRow,
    pub status: ProposalStatus,
    pub stage: Stage,
    pub call: Call,
    /// The partners the caller is a contact of.
    pub my_partners: Vec<PartnerId>,
    pub is_coordinator: bool,
}

impl ProposalContext {
    pub fn is_member(&self) -> bool {
        !self.my_partners.is_empty()
    }

    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.call.settings.deadline(self.stage)
    }

    /// Members only, else the proposal does not exist for the caller.
    pub fn require_member(&self) -> Result<(), ApiError> {
        if self.is_member() {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    pub fn require_coordinator(&self) -> Result<(), ApiError> {
        if self.is_coordinator {
            Ok(())
        } else {
            Err(ApiError::refused(
                ProblemCode::CoordinatorOnly,
                "Only the coordinator may do this.",
            ))
        }
    }

    /// A draft in an open call before its stage's deadline (by the server clock).
    pub fn require_editable(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        if self.call.status() != CallStatus::Open {
            return Err(ApiError::conflict(
                ProblemCode::CallNotOpen,
                "The call is not open.",
            ));
        }
        require_before_deadline(&self.call.settings, self.stage, now)?;
        if self.status != ProposalStatus::Draft {
            return Err(ApiError::conflict(
                ProblemCode::ProposalNotDraft,
                format!(
                    "The proposal is {}; reopen it to change it.",
                    self.status.as_str()
                ),
            ));
        }
        Ok(())
    }
}

/// 409 once the stage's deadline has come: after it nothing changes.
pub fn require_before_deadline(
    settings: &CallSettings,
    stage: Stage,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if settings.before_deadline(stage, now) {
        Ok(())
    } else {
        Err(ApiError::conflict(
            ProblemCode::DeadlinePassed,
            "The deadline has passed; nothing can change any more.",
        ))
    }
}

/// Loads a proposal the caller may see; 404 otherwise, so outsiders learn nothing.
pub fn load_proposal(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &ProposalId,
) -> Result<ProposalContext, ApiError> {
    let ctx = load_context(conn, &user.id, id)?;
    require_visible(conn, user, &ctx)?;
    Ok(ctx)
}

/// A proposal an operator works on: 403 unless the caller manages calls, then
/// as [`load_proposal`]. The one preamble of every operator use case on a proposal.
pub fn load_managed_proposal(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &ProposalId,
) -> Result<ProposalContext, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    load_proposal(conn, user, id)
}

/// 404 unless the caller may see the proposal.
fn require_visible(
    conn: &mut DbConnection,
    user: &AuthUser,
    ctx: &ProposalContext,
) -> Result<(), ApiError> {
    let visible = match policy::proposal_access(user, ctx.is_member(), ctx.status) {
        ProposalAccess::IfClearedExpert => policy::may_read_as_expert(
            user,
            db::experts::is_cleared_expert(conn, &ctx.proposal.id, &user.id)?,
        ),
        access => access == ProposalAccess::Granted,
    };
    ApiError::not_found_unless(visible)
}

/// Loads a proposal from the point of view of `user_id`, without checking
/// that they may see it (for an invitee, whom the invitation admits).
pub fn load_context(
    conn: &mut DbConnection,
    user_id: &UserId,
    id: &ProposalId,
) -> Result<ProposalContext, ApiError> {
    let (proposal, call) = db::proposals::find_with_call(conn, id)?;
    let memberships = db::proposals::memberships(conn, id, user_id)?;
    context_of(proposal, call, user_id, memberships)
}

/// The context of a loaded proposal for `user_id`, given their memberships
/// (partner id and role code of each partner they are a contact of).
fn context_of(
    proposal: ProposalRow,
    call: CallRow,
    user_id: &UserId,
    memberships: Vec<(PartnerId, String)>,
) -> Result<ProposalContext, ApiError> {
    let status = proposal.status;
    // One person coordinates, and only while a contact of the consortium.
    let is_coordinator = !memberships.is_empty() && proposal.coordinator_id == user_id;
    let my_partners = memberships
        .into_iter()
        .map(|(partner, _)| partner)
        .collect();
    Ok(ProposalContext {
        stage: proposal.stage,
        proposal,
        status,
        call: Call::of(call)?,
        my_partners,
        is_coordinator,
    })
}

/// A proposal's partners with their organisations, and their contacts.
pub struct Consortium {
    /// The coordinator first, then in the order they joined.
    partners: Vec<(PartnerRow, OrganisationRow)>,
    /// (partner id, user id, email, full name).
    contacts: Vec<(PartnerId, UserId, String, String)>,
}

impl Consortium {
    pub fn load(conn: &mut DbConnection, proposal_id: &ProposalId) -> Result<Self, ApiError> {
        let mut partners: Vec<(PartnerRow, OrganisationRow)> = Vec::new();
        let mut contacts = Vec::new();
        for (partner, organisation, contact) in db::proposals::consortium_of(conn, proposal_id)? {
            if let Some((user_id, email, full_name)) = contact {
                contacts.push((partner.id.clone(), user_id, email, full_name));
            }
            // Rows of one partner are adjacent (ordered by partner).
            if partners
                .last()
                .is_none_or(|(last, _)| last.id != partner.id)
            {
                partners.push((partner, organisation));
            }
        }
        db::proposals::coordinator_first(&mut partners);
        Ok(Self { partners, contacts })
    }
}

/// A proposal as every caller sees it, before the caller's own place in its
/// consortium: what a read of it keeps in `AppState::snapshots`.
pub struct ProposalSnapshot {
    /// With `my_partner_ids` empty and `is_coordinator` false.
    response: ProposalResponse,
    /// (user id, partner id) of each contact.
    contacts: Vec<(UserId, PartnerId)>,
}

impl ProposalSnapshot {
    pub fn load(conn: &mut DbConnection, proposal_id: &ProposalId) -> Result<Self, ApiError> {
        let (proposal, call) = db::proposals::find_with_call(conn, proposal_id)?;
        let consortium = Consortium::load(conn, proposal_id)?;
        let ctx = context_of(proposal, call, &UserId::default(), Vec::new())?;
        let frozen = frozen_partners(conn, &ctx)?;
        let contacts = consortium
            .contacts
            .iter()
            .map(|(partner_id, user_id, ..)| (user_id.clone(), partner_id.clone()))
            .collect();
        Ok(Self {
            response: response_of(&ctx, consortium, &frozen),
            contacts,
        })
    }

    pub fn membership_of(&self, user_id: &UserId) -> Membership {
        let mut membership = Membership::default();
        for (contact, partner_id) in &self.contacts {
            if contact == user_id {
                membership.partner_ids.push(partner_id.clone());
            }
        }
        membership.is_coordinator =
            !membership.partner_ids.is_empty() && self.response.coordinator_user_id == user_id;
        membership
    }

    /// Its status, which decides who may read it.
    pub fn status(&self) -> ProposalStatus {
        self.response.status
    }

    /// The proposal as a caller with this membership sees it.
    pub fn response_for(&self, membership: Membership) -> ProposalResponse {
        ProposalResponse {
            my_partner_ids: membership.partner_ids,
            is_coordinator: membership.is_coordinator,
            ..self.response.clone()
        }
    }
}

/// A caller's place in a consortium.
#[derive(Default)]
pub struct Membership {
    /// The partners they are a contact of.
    partner_ids: Vec<PartnerId>,
    /// Whether they are the proposal's coordinator.
    is_coordinator: bool,
}

impl Membership {
    pub fn is_member(&self) -> bool {
        !self.partner_ids.is_empty()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ContactResponse {
    #[schema(value_type = String)]
    pub user_id: UserId,
    pub full_name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PartnerResponse {
    #[schema(value_type = String)]
    pub id: PartnerId,
    pub role: PartnerRole,
    /// Once the proposal is submitted: the organisation's facts as submitted
    /// (a later edit of the organisation shows in its own record, not here).
    pub organisation: OrganisationResponse,
    /// The agency that funds this partner in this call (none outside Luxembourg
    /// or for unfunded kinds); once submitted, as the submission priced it.
    pub funder: Option<Agency>,
    pub contacts: Vec<ContactResponse>,
    /// The version of the partner's budget, for If-Match.
    pub budget_version: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProposalResponse {
    #[schema(value_type = String)]
    pub id: ProposalId,
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub stage: Stage,
    pub status: ProposalStatus,
    pub acronym: String,
    pub title: String,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    pub keywords: Vec<String>,
    pub duration_months: Option<i32>,
    pub start_date: Option<NaiveDate>,
    pub research_category: ResearchCategory,
    pub clinical: ClinicalInvestigation,
    /// For an outline: whether the operator invited it to the full stage.
    pub invited_to_full: bool,
    /// The current stage's deadline.
    pub deadline: Option<DateTime<Utc>>,
    pub partners: Vec<PartnerResponse>,
    /// The one person who coordinates: submits, withdraws, reopens, invites
    /// and removes partners (a contact of the coordinating partner).
    #[schema(value_type = String)]
    pub coordinator_user_id: UserId,
    /// The partners the caller is a contact of.
    #[schema(value_type = Vec<String>)]
    pub my_partner_ids: Vec<PartnerId>,
    /// Whether the caller is the coordinator.
    pub is_coordinator: bool,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub fn proposal_response(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
) -> Result<ProposalResponse, ApiError> {
    let consortium = Consortium::load(conn, &ctx.proposal.id)?;
    let frozen = frozen_partners(conn, ctx)?;
    Ok(response_of(ctx, consortium, &frozen))
}

/// A submitted proposal's partners as they were submitted: their organisations'
/// facts and funders then, which later edits of an organisation do not change.
fn frozen_partners(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
) -> Result<Vec<PricedPartner>, ApiError> {
    if !ctx.status.is_submitted() {
        return Ok(Vec::new());
    }
    Ok(pricing::of_proposal(conn, ctx)?.partners)
}

fn response_of(
    ctx: &ProposalContext,
    consortium: Consortium,
    frozen: &[PricedPartner],
) -> ProposalResponse {
    let row = &ctx.proposal;
    let Consortium { partners, contacts } = consortium;
    let partners = partners
        .into_iter()
        .map(|(partner, organisation)| {
            let mut shown = OrganisationResponse::from(&organisation);
            let funder = match frozen.iter().find(|p| p.id == partner.id) {
                Some(submitted) => {
                    shown.show_as_submitted(&submitted.organisation);
                    submitted.funder
                }
                None => ctx
                    .call
                    .settings
                    .funder_for(organisation.kind, &organisation.country),
            };
            PartnerResponse {
                role: partner.role,
                funder,
                organisation: shown,
                contacts: contacts
                    .iter()
                    .filter(|(partner_id, ..)| *partner_id == partner.id)
                    .map(|(_, user_id, email, full_name)| ContactResponse {
                        user_id: user_id.clone(),
                        full_name: full_name.clone(),
                        email: email.clone(),
                    })
                    .collect(),
                budget_version: partner.version,
                id: partner.id,
            }
        })
        .collect();
    ProposalResponse {
        id: row.id.clone(),
        call_id: row.call_id.clone(),
        stage: ctx.stage,
        status: ctx.status,
        acronym: row.acronym.clone(),
        title: row.title.clone(),
        abstract_text: row.abstract_text.clone(),
        keywords: row.keywords.0.clone(),
        duration_months: row.duration_months,
        start_date: row.start_date,
        research_category: row.research_category,
        clinical: row.clinical.0.clone(),
        invited_to_full: row.invited_to_full,
        deadline: ctx.deadline(),
        partners,
        coordinator_user_id: row.coordinator_id.clone(),
        my_partner_ids: ctx.my_partners.clone(),
        is_coordinator: ctx.is_coordinator,
        submitted_at: row.submitted_at.map(|t| t.and_utc()),
        version: row.version,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    }
}
