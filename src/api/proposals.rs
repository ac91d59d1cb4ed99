//! Proposals: created by an applicant in an open call, edited by its
//! consortium until the deadline.

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::calls::{load_visible_call, parse_call};
use super::json::{Checked, Rules};
use super::organisations::OrganisationResponse;
use super::pricing;
use super::support::{
    Page, Pagination, check_precondition, if_match_header, ok_with_etag, with_etag,
};
use crate::auth::AuthUser;
use crate::auth::policy::{self, ProposalAccess};
use crate::db::calls::CallRow;
use crate::db::organisations::{AffiliationRow, OrganisationRow};
use crate::db::proposals::{ContactRow, PartnerRow, ProposalRow};
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::grant::ResearchCategory;
use crate::domain::language::Language;
use crate::domain::pricing::PricedPartner;
use crate::domain::proposal::{ClinicalInvestigation, PartnerRole, ProposalFields, ProposalStatus};
use crate::domain::role::Agency;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::state::SharedState;

/// A proposal with its call and the caller's place in its consortium.
pub struct ProposalContext {
    pub proposal: ProposalRow,
    pub status: ProposalStatus,
    pub stage: Stage,
    pub call: CallRow,
    pub call_status: CallStatus,
    pub settings: Arc<CallSettings>,
    /// The partners the caller is a contact of.
    pub my_partners: Vec<String>,
    pub is_coordinator: bool,
}

impl ProposalContext {
    pub fn is_member(&self) -> bool {
        !self.my_partners.is_empty()
    }

    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.settings.deadline(self.stage)
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
                "coordinator-only",
                "Only the coordinator may do this.",
            ))
        }
    }

    /// A draft in an open call before its stage's deadline (by the server clock).
    pub fn require_editable(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        if self.call_status != CallStatus::Open {
            return Err(ApiError::conflict("call-not-open", "The call is not open."));
        }
        require_before_deadline(&self.settings, self.stage, now)?;
        if self.status != ProposalStatus::Draft {
            return Err(ApiError::conflict(
                "proposal-not-draft",
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
            "deadline-passed",
            "The deadline has passed; nothing can change any more.",
        ))
    }
}

fn stage_of(row: &ProposalRow) -> Result<Stage, ApiError> {
    Stage::parse(&row.stage).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "proposal {} has stage {}",
            row.id,
            row.stage
        ))
    })
}

/// Loads a proposal the caller may see; 404 otherwise, so outsiders learn nothing.
pub fn load_proposal(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
) -> Result<ProposalContext, ApiError> {
    let ctx = load_context(conn, &user.id, id)?;
    require_visible(conn, user, &ctx)?;
    Ok(ctx)
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
    user_id: &str,
    id: &str,
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
    user_id: &str,
    memberships: Vec<(String, String)>,
) -> Result<ProposalContext, ApiError> {
    let status = ProposalStatus::parse(&proposal.status).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "proposal {} has status {}",
            proposal.id,
            proposal.status
        ))
    })?;
    // One person coordinates, and only while a contact of the consortium.
    let is_coordinator = !memberships.is_empty() && proposal.coordinator_id == user_id;
    let my_partners = memberships
        .into_iter()
        .map(|(partner, _)| partner)
        .collect();
    let (call_status, settings) = parse_call(&call)?;
    Ok(ProposalContext {
        stage: stage_of(&proposal)?,
        proposal,
        status,
        call,
        call_status,
        settings,
        my_partners,
        is_coordinator,
    })
}

/// A proposal's partners with their organisations, and their contacts.
pub struct Consortium {
    /// The coordinator first, then in the order they joined.
    partners: Vec<(PartnerRow, OrganisationRow)>,
    /// (partner id, user id, email, full name).
    contacts: Vec<(String, String, String, String)>,
}

impl Consortium {
    pub fn load(conn: &mut DbConnection, proposal_id: &str) -> Result<Self, ApiError> {
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
    contacts: Vec<(String, String)>,
}

impl ProposalSnapshot {
    pub fn load(conn: &mut DbConnection, proposal_id: &str) -> Result<Self, ApiError> {
        let (proposal, call) = db::proposals::find_with_call(conn, proposal_id)?;
        let consortium = Consortium::load(conn, proposal_id)?;
        let ctx = context_of(proposal, call, "", Vec::new())?;
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

    fn membership_of(&self, user_id: &str) -> Membership {
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

    /// The proposal as a caller with this membership sees it.
    fn response_for(&self, membership: Membership) -> ProposalResponse {
        ProposalResponse {
            my_partner_ids: membership.partner_ids,
            is_coordinator: membership.is_coordinator,
            ..self.response.clone()
        }
    }
}

/// A caller's place in a consortium.
#[derive(Default)]
struct Membership {
    /// The partners they are a contact of.
    partner_ids: Vec<String>,
    /// Whether they are the proposal's coordinator.
    is_coordinator: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ContactResponse {
    pub user_id: String,
    pub full_name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PartnerResponse {
    pub id: String,
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
    pub id: String,
    pub call_id: String,
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
    pub coordinator_user_id: String,
    /// The partners the caller is a contact of.
    pub my_partner_ids: Vec<String>,
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
                    .settings
                    .funder_for(organisation.kind(), &organisation.country),
            };
            PartnerResponse {
                role: PartnerRole::parse(&partner.role).unwrap_or(PartnerRole::Partner),
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
        keywords: serde_json::from_str(&row.keywords).unwrap_or_default(),
        duration_months: row.duration_months,
        start_date: row.start_date,
        research_category: ResearchCategory::parse(&row.research_category).unwrap_or_default(),
        clinical: serde_json::from_str(&row.clinical).unwrap_or_default(),
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

/// Mails every contact of the proposal once (in the caller's transaction).
pub fn mail_consortium(
    conn: &mut DbConnection,
    proposal_id: &str,
    now: DateTime<Utc>,
    mail: impl Fn(&str) -> crate::db::outbox::NewMail,
) -> Result<usize, ApiError> {
    mail_consortium_in_languages(conn, proposal_id, now, |to, _| mail(to))
}

/// Like `mail_consortium`, for mails written in each contact's language.
pub fn mail_consortium_in_languages(
    conn: &mut DbConnection,
    proposal_id: &str,
    now: DateTime<Utc>,
    mail: impl Fn(&str, Language) -> crate::db::outbox::NewMail,
) -> Result<usize, ApiError> {
    let mut recipients = db::proposals::contact_addresses(conn, proposal_id)?;
    recipients.sort();
    recipients.dedup_by(|a, b| a.0 == b.0);
    for (to, language) in &recipients {
        db::outbox::enqueue(conn, mail(to, Language::from_stored(language)), now)?;
    }
    Ok(recipients.len())
}

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
            "already-member",
            "You are a member of this consortium already.",
        ));
    }
    let partner =
        match db::proposals::partner_of_organisation(conn, &ctx.proposal.id, &organisation.id)? {
            Some(existing) => existing,
            None => {
                let count = db::proposals::partners_of(conn, &ctx.proposal.id)?.len();
                if count >= ctx.settings.consortium.max_partners as usize {
                    return Err(ApiError::conflict(
                        "consortium-full",
                        format!(
                            "A consortium has at most {} partners in this call.",
                            ctx.settings.consortium.max_partners
                        ),
                    ));
                }
                let row = PartnerRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    proposal_id: ctx.proposal.id.clone(),
                    organisation_id: organisation.id.clone(),
                    role: PartnerRole::Partner.as_str().to_owned(),
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

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProposal {
    #[schema(min_length = 1, max_length = 20, example = "CARE-AI")]
    pub acronym: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub title: String,
    /// The organisation the coordinator applies for; it becomes the first partner.
    #[schema(max_length = 64)]
    pub organisation_id: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposalUpdate {
    #[schema(min_length = 1, max_length = 20)]
    pub acronym: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub title: String,
    #[serde(default, rename = "abstract")]
    #[schema(max_length = 4000)]
    pub abstract_text: String,
    #[serde(default)]
    #[schema(max_items = 10, value_type = Vec<crate::domain::text::Keyword>)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub duration_months: Option<i32>,
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    #[serde(default)]
    pub research_category: ResearchCategory,
    #[serde(default)]
    pub clinical: ClinicalInvestigation,
}

impl NewProposal {
    fn fields(&self) -> Result<ProposalFields, Vec<FieldError>> {
        ProposalFields::parse(
            &self.acronym,
            &self.title,
            "",
            &[],
            None,
            None,
            &ClinicalInvestigation::default(),
        )
    }
}

impl Rules for NewProposal {
    fn rule_errors(&self) -> Vec<FieldError> {
        self.fields().err().unwrap_or_default()
    }
}

impl ProposalUpdate {
    fn fields(&self) -> Result<ProposalFields, Vec<FieldError>> {
        ProposalFields::parse(
            &self.acronym,
            &self.title,
            &self.abstract_text,
            &self.keywords,
            self.duration_months,
            self.start_date,
            &self.clinical,
        )
    }
}

impl Rules for ProposalUpdate {
    fn rule_errors(&self) -> Vec<FieldError> {
        self.fields().err().unwrap_or_default()
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalSummary {
    pub id: String,
    pub acronym: String,
    pub title: String,
    pub stage: Stage,
    pub status: ProposalStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i64,
}

/// Start a proposal
///
/// In an open call, before the first stage's deadline. The caller becomes the
/// coordinator, with the named organisation as the first partner. The caller's
/// address must be confirmed (403 `email-not-verified`); one person
/// coordinates at most `JOINTCALL_QUOTA_PROPOSALS` proposals of a call (409
/// `quota-exceeded`).
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/proposals", tag = "proposals",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = NewProposal,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = ProposalResponse,
            headers(("ETag" = String, description = "The version."), ("Location" = String, description = "The new proposal."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::CallNotFound,
        (status = 403, description = "The caller has not confirmed their email address yet (`email-not-verified`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is not open, or its deadline has passed.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn create_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    body: Checked<NewProposal>,
) -> Result<HttpResponse, ApiError> {
    user.require_verified_email()?;
    let body = body.into_inner();
    let fields = body.fields().map_err(ApiError::Validation)?;
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let (call, status, settings) = load_visible_call(conn, &user, &call_id)?;
            if status != CallStatus::Open {
                return Err(ApiError::conflict(
                    "call-not-open",
                    "The call is not open for proposals.",
                ));
            }
            let stage = settings.first_stage();
            require_before_deadline(&settings, stage, now)?;
            let coordinated = db::proposals::coordinated_in_call(conn, &call.id, &user.id)?;
            st.config.quotas.admit_proposal(coordinated)?;
            let organisation = find_organisation(conn, &body.organisation_id)?;
            let row = ProposalRow {
                id: uuid::Uuid::new_v4().to_string(),
                call_id: call.id.clone(),
                stage: stage.as_str().to_owned(),
                status: ProposalStatus::Draft.as_str().to_owned(),
                acronym: fields.acronym,
                title: fields.title,
                abstract_text: String::new(),
                keywords: "[]".to_owned(),
                duration_months: None,
                start_date: None,
                research_category: ResearchCategory::default().as_str().to_owned(),
                clinical: serde_json::to_string(&ClinicalInvestigation::default())
                    .unwrap_or_default(),
                invited_to_full: false,
                created_by: user.id.clone(),
                submitted_at: None,
                version: 1,
                created_at: now.naive_utc(),
                updated_at: now.naive_utc(),
                coordinator_id: user.id.clone(),
            };
            db::proposals::insert(conn, &row)?;
            let partner = PartnerRow {
                id: uuid::Uuid::new_v4().to_string(),
                proposal_id: row.id.clone(),
                organisation_id: organisation.id.clone(),
                role: PartnerRole::Coordinator.as_str().to_owned(),
                version: 1,
                created_at: now.naive_utc(),
            };
            db::proposals::insert_partner(conn, &partner)?;
            db::proposals::insert_contact(
                conn,
                &ContactRow {
                    partner_id: partner.id.clone(),
                    user_id: user.id.clone(),
                    proposal_id: row.id.clone(),
                    created_at: now.naive_utc(),
                },
            )?;
            ensure_affiliated(conn, &user.id, &organisation.id, now)?;
            audit::Change::new(Some(&user.id), "proposal.created", "proposal", &row.id)
                .after_of(&row)
                .record(conn, now)?;
            let ctx = load_proposal(conn, &user, &row.id)?;
            proposal_response(conn, &ctx)
        })
        .await?;
    Ok(with_etag(HttpResponse::Created(), response.version)
        .insert_header((
            header::LOCATION,
            format!("/api/v1/proposals/{}", response.id),
        ))
        .json(response))
}

/// List proposals of a call
///
/// Applicants see the proposals they are members of; operators and
/// administrators also every proposal that is no longer a draft.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/proposals", tag = "proposals",
    params(("id" = String, Path, description = "The call's id."), Pagination),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of proposals, oldest first.", body = Page<ProposalSummary>),
        problems::Unauthenticated,
        problems::CallNotFound,
        (status = 422, description = "Bad paging values.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_proposals(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    page: web::Query<Pagination>,
) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = page.into_inner().resolve()?;
    let call_id = call_id.into_inner();
    let (rows, total) = state
        .db(move |conn| {
            load_visible_call(conn, &user, &call_id)?;
            // Besides their own, the proposals the policy lets them see as a non-member.
            let visible: Vec<&str> = ProposalStatus::ALL
                .iter()
                .copied()
                .filter(|s| policy::may_see_proposal(&user, false, *s))
                .map(ProposalStatus::as_str)
                .collect();
            Ok(db::proposals::list_in_call(
                conn, &call_id, &user.id, &visible, limit, offset,
            )?)
        })
        .await?;
    let items: Vec<ProposalSummary> = rows
        .into_iter()
        .map(|r| ProposalSummary {
            stage: Stage::from_stored(&r.stage),
            status: ProposalStatus::parse(&r.status).unwrap_or(ProposalStatus::Draft),
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            id: r.id,
            acronym: r.acronym,
            title: r.title,
            version: r.version,
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        limit,
        offset,
    }))
}

/// Read a proposal
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal with its consortium.", body = ProposalResponse,
            headers(("ETag" = String, description = "The version, for If-Match."))),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn get_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let snapshot = state
        .snapshots
        .proposals
        .get_or_load(id.clone(), async {
            let id = id.clone();
            state
                .db(move |conn| ProposalSnapshot::load(conn, &id))
                .await
        })
        .await?;
    let membership = snapshot.membership_of(&user.id);
    let is_member = !membership.partner_ids.is_empty();
    let visible = match policy::proposal_access(&user, is_member, snapshot.response.status) {
        ProposalAccess::IfClearedExpert => {
            let user_id = user.id.clone();
            let cleared = state
                .db(move |conn| Ok(db::experts::is_cleared_expert(conn, &id, &user_id)?))
                .await?;
            policy::may_read_as_expert(&user, cleared)
        }
        access => access == ProposalAccess::Granted,
    };
    ApiError::not_found_unless(visible)?;
    let response = snapshot.response_for(membership);
    Ok(ok_with_etag(response.version, &response))
}

/// Edit a proposal
///
/// Any member of the consortium, on a draft, before the deadline. Two people
/// editing at once: the second write on a stale version gets 412.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The ETag last read."),
    ),
    request_body = ProposalUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated proposal.", body = ProposalResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::MembersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not a draft, the call is not open, or the deadline has passed.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn update_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<String>,
    body: Checked<ProposalUpdate>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    let fields = body.fields().map_err(ApiError::Validation)?;
    let if_match = if_match_header(&req);
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            ctx.require_member()?;
            check_precondition(if_match.as_deref(), ctx.proposal.version)?;
            ctx.require_editable(now)?;
            let before = &ctx.proposal;
            let after = ProposalRow {
                acronym: fields.acronym,
                title: fields.title,
                abstract_text: fields.abstract_text,
                keywords: serde_json::to_string(&fields.keywords).unwrap_or_default(),
                duration_months: fields.duration_months,
                start_date: fields.start_date,
                research_category: body.research_category.as_str().to_owned(),
                clinical: serde_json::to_string(&fields.clinical).unwrap_or_default(),
                version: before.version + 1,
                updated_at: now.naive_utc(),
                ..before.clone()
            };
            if !db::proposals::update(conn, &after, before.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            audit::Change::new(Some(&user.id), "proposal.updated", "proposal", &id)
                .before_of(before)
                .after_of(&after)
                .record(conn, now)?;
            let ctx = load_proposal(conn, &user, &id)?;
            proposal_response(conn, &ctx)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}
