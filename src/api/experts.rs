//! The expert pool of a call and the assignment of experts to proposals,
//! by hand or by the optimal solver, never across a conflict of interest.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::json::{Checked, Json, Rules};

use super::support::require_addressee;
use crate::accounts::set_roles;
use crate::auth::rate_limit::Action;
use crate::auth::tokens::{random_token, token_hash};
use crate::auth::{AuthUser, policy};
use crate::db::calls::CallRow;
use crate::db::experts::{AssignmentRow, ExpertRow};
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::account::Email;
use crate::domain::assignment::{
    AssignmentProblem, ExpertOffer, ProposalNeed, ShortfallReason, solve,
};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::conflicts::{ConflictReason, ExpertTies, automatic_conflicts};
use crate::domain::proposal::ProposalStatus;
use crate::domain::review::AssignmentStatus;
use crate::domain::role::{Role, RoleSet};
use crate::domain::text;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::mail::templates;
use crate::read::call::load_visible_call;
use crate::read::proposal::load_proposal;
use crate::state::SharedState;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExpertStatus {
    Invited,
    Accepted,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ExpertResponse {
    pub id: String,
    pub email: String,
    pub user_id: Option<String>,
    pub keywords: Vec<String>,
    pub load_cap: i32,
    pub status: ExpertStatus,
    pub invited_at: DateTime<Utc>,
}

impl From<&ExpertRow> for ExpertResponse {
    fn from(row: &ExpertRow) -> Self {
        Self {
            id: row.id.clone(),
            email: row.email.clone(),
            user_id: row.user_id.clone(),
            keywords: serde_json::from_str(&row.keywords).unwrap_or_default(),
            load_cap: row.load_cap,
            status: if row.accepted_at.is_some() {
                ExpertStatus::Accepted
            } else {
                ExpertStatus::Invited
            },
            invited_at: row.invited_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ExpertInvitationRequest {
    #[schema(format = Email, max_length = 254)]
    pub email: String,
    /// The expert's fields, matched against proposals' keywords.
    #[serde(default)]
    #[schema(max_items = 30, value_type = Vec<crate::domain::text::Keyword>)]
    pub keywords: Vec<String>,
    /// The most proposals this expert reviews in the call.
    #[schema(minimum = 1, maximum = 100)]
    pub load_cap: i32,
}

/// The most keywords an expert has.
const MAX_EXPERT_KEYWORDS: usize = 30;

impl ExpertInvitationRequest {
    /// The address and the normalised keywords; every problem at once.
    fn parse(&self) -> Result<(Email, Vec<String>), Vec<FieldError>> {
        let email = Email::parse(&self.email);
        let keywords = text::keywords(&self.keywords, MAX_EXPERT_KEYWORDS);
        let mut errors: Vec<FieldError> = email.as_ref().err().cloned().into_iter().collect();
        errors.extend(keywords.as_ref().err().cloned().unwrap_or_default());
        if !(1..=100).contains(&self.load_cap) {
            errors.push(FieldError::new(
                "load_cap",
                "out_of_range",
                "A load cap is between 1 and 100 proposals.",
            ));
        }
        match (email, keywords) {
            (Ok(email), Ok(keywords)) if errors.is_empty() => Ok((email, keywords)),
            _ => Err(errors),
        }
    }
}

impl Rules for ExpertInvitationRequest {
    fn rule_errors(&self) -> Vec<FieldError> {
        self.parse().err().unwrap_or_default()
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ExpertAcceptance {
    /// The token from the invitation mail.
    #[schema(max_length = 128)]
    pub token: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentResponse {
    pub id: String,
    pub proposal_id: String,
    pub expert_id: String,
    pub stage: Stage,
    pub status: AssignmentStatus,
    pub assigned_at: DateTime<Utc>,
    /// When the expert declared (no) conflict.
    pub declared_at: Option<DateTime<Utc>>,
}

impl From<&AssignmentRow> for AssignmentResponse {
    fn from(row: &AssignmentRow) -> Self {
        Self {
            id: row.id.clone(),
            proposal_id: row.proposal_id.clone(),
            expert_id: row.expert_id.clone(),
            stage: Stage::from_stored(&row.stage),
            status: AssignmentStatus::parse(&row.status).unwrap_or(AssignmentStatus::Assigned),
            assigned_at: row.assigned_at.and_utc(),
            declared_at: row.declared_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignmentRequest {
    #[schema(max_length = 64)]
    pub expert_id: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AutoAssignmentRequest {
    /// The stage (default: full).
    #[serde(default)]
    pub stage: Option<Stage>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Shortfall {
    pub proposal_id: String,
    pub acronym: String,
    /// Reviews still missing.
    pub missing: u32,
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AutoAssignmentReport {
    /// The assignments this run added.
    pub created: Vec<AssignmentResponse>,
    /// Every assignment of the stage after the run, kept ones included.
    pub total: usize,
    /// The total keyword match of every assignment of the stage.
    pub objective: i64,
    /// Proposals the pool could not fully staff, and why.
    pub shortfalls: Vec<Shortfall>,
}

/// Invite an expert
///
/// The operator invites someone by email, with their expertise keywords and
/// load cap; the mail carries a link to accept.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/experts", tag = "experts",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = ExpertInvitationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Invited.", body = ExpertResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "Already in the pool.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
        problems::Throttled,
    )
)]
pub async fn invite_expert(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    body: Checked<ExpertInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let body = body.into_inner();
    let (email, keywords) = body.parse().map_err(ApiError::Validation)?;
    state.throttles.admit(Action::Invitation, &user.id)?;
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let (call, _, _) = load_visible_call(conn, &user, &call_id)?;
            if db::experts::by_email(conn, &call.id, email.as_str())?.is_some() {
                return Err(ApiError::conflict(
                    ProblemCode::AlreadyInPool,
                    "This address is in the call's expert pool already.",
                ));
            }
            let token = random_token();
            let row = ExpertRow {
                id: uuid::Uuid::new_v4().to_string(),
                call_id: call.id.clone(),
                email: email.as_str().to_owned(),
                user_id: None,
                keywords: serde_json::to_string(&keywords).unwrap_or_default(),
                load_cap: body.load_cap,
                token_hash: token_hash(&token),
                invited_by: user.id.clone(),
                invited_at: now.naive_utc(),
                accepted_at: None,
            };
            db::experts::insert(conn, &row)?;
            let link = format!(
                "{}/expert-invitations/accept?token={token}",
                st.config.public_url
            );
            outbox::enqueue(
                conn,
                templates::expert_invitation(&row.email, &call.title, &link),
                now,
            )?;
            audit::Change::new(Some(&user.id), "call.expert_invited", "call", &call.id)
                .after_of(&row)
                .record(conn, now)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(ExpertResponse::from(&row)))
}

/// The expert pool
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/experts", tag = "experts",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The call's experts, in order of invitation.", body = Vec<ExpertResponse>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
    )
)]
pub async fn list_experts(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let call_id = call_id.into_inner();
    let rows = state
        .db(move |conn| {
            load_visible_call(conn, &user, &call_id)?;
            Ok(db::experts::of_call(conn, &call_id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows.iter().map(ExpertResponse::from).collect::<Vec<_>>()))
}

/// Join a call's expert pool
///
/// The signed-in invitee (whose account has the invited address) accepts and
/// gets the reviewer role.
#[utoipa::path(
    post, path = "/api/v1/expert-invitations/acceptance", tag = "experts",
    request_body = ExpertAcceptance,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Joined.", body = ExpertResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "The invitation is for another address.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or used token.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn accept_expert_invitation(
    state: web::Data<SharedState>,
    user: AuthUser,
    body: Json<ExpertAcceptance>,
) -> Result<HttpResponse, ApiError> {
    let hash = token_hash(body.token.trim());
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let invalid = || {
                ApiError::field(
                    "token",
                    "invalid_or_expired",
                    "This invitation is not valid any more.",
                )
            };
            let expert = db::experts::by_token(conn, &hash)?.ok_or_else(invalid)?;
            if expert.accepted_at.is_some() {
                return Err(invalid());
            }
            require_addressee(&user.email, &expert.email)?;
            if !db::experts::accept(conn, &expert.id, &user.id, now.naive_utc())? {
                return Err(invalid());
            }
            let account = db::users::find(conn, &user.id)?;
            let roles = RoleSet::from_stored(&account.roles, account.agency.as_deref());
            if !roles.has(Role::Reviewer) {
                let with_reviewer = roles.with(Role::Reviewer).map_err(ApiError::Validation)?;
                set_roles(conn, &account, &with_reviewer, Some(&user.id), now)?;
            }
            audit::Change::new(
                Some(&user.id),
                "call.expert_joined",
                "call",
                &expert.call_id,
            )
            .after(json!({ "expert_id": expert.id, "user_id": user.id }))
            .record(conn, now)?;
            Ok(db::experts::find_in_call(
                conn,
                &expert.call_id,
                &expert.id,
            )?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ExpertResponse::from(&row)))
}

/// The conflicts the portal detects between each accepted expert and each
/// proposal, keyed by (proposal id, expert id), with their reasons.
fn detect_conflicts(
    conn: &mut DbConnection,
    call_id: &str,
    experts: &[ExpertRow],
    proposal_ids: &[String],
) -> Result<HashMap<(String, String), Vec<ConflictReason>>, ApiError> {
    let mut partners: BTreeMap<&str, BTreeSet<&str>> = proposal_ids
        .iter()
        .map(|p| (p.as_str(), BTreeSet::new()))
        .collect();
    let pairs = db::experts::partner_organisations(conn, proposal_ids)?;
    for (proposal, organisation) in &pairs {
        partners
            .entry(proposal.as_str())
            .or_default()
            .insert(organisation.as_str());
    }
    let mut conflicts = HashMap::new();
    for expert in experts {
        let Some(user_id) = &expert.user_id else {
            continue;
        };
        let organisations = db::experts::organisations_of(conn, user_id)?;
        let memberships = db::experts::memberships_in_call(conn, call_id, user_id)?;
        let ties = ExpertTies {
            organisations: organisations.iter().map(String::as_str).collect(),
            proposals: memberships.iter().map(String::as_str).collect(),
        };
        for (proposal, reasons) in automatic_conflicts(&ties, &partners) {
            conflicts.insert((proposal.to_owned(), expert.id.clone()), reasons);
        }
    }
    Ok(conflicts)
}

fn mail_experts(
    conn: &mut DbConnection,
    state: &crate::state::AppState,
    call: &CallRow,
    experts: &[ExpertRow],
    created: &[AssignmentRow],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for expert in experts {
        let count = created.iter().filter(|a| a.expert_id == expert.id).count();
        if count > 0 {
            let link = format!("{}/reviews", state.config.public_url);
            outbox::enqueue(
                conn,
                templates::expert_assignment(&expert.email, &call.title, count, &link),
                now,
            )?;
        }
    }
    Ok(())
}

/// Assign an expert
///
/// By hand, to an eligible proposal: refused across a conflict of interest
/// the portal detects, beyond the expert's load cap, or beyond the reviews
/// the proposal needs.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/assignments", tag = "experts",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = AssignmentRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Assigned; the expert is mailed.", body = AssignmentResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "A conflict of interest, a full load, a fully staffed or not eligible proposal, or assigned already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown or not yet accepted expert.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign_expert(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<AssignmentRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let id = id.into_inner();
    let expert_id = body.into_inner().expert_id;
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            if ctx.status != ProposalStatus::Eligible {
                return Err(ApiError::conflict(
                    ProblemCode::NotEligible,
                    "Only an eligible proposal is evaluated.",
                ));
            }
            if db::reviews::consensus_of(conn, &id, ctx.stage.as_str())?
                .is_some_and(|c| c.is_approved())
            {
                return Err(ApiError::conflict(
                    ProblemCode::ConsensusApproved,
                    "The proposal's consensus report is approved; its evaluation is over.",
                ));
            }
            let expert = db::experts::find_in_call(conn, &ctx.call.id, &expert_id)
                .ok()
                .filter(|e| e.accepted_at.is_some())
                .ok_or_else(|| {
                    ApiError::field(
                        "expert_id",
                        "unknown",
                        "No expert of this call's pool with this id has accepted.",
                    )
                })?;
            let conflicts = detect_conflicts(
                conn,
                &ctx.call.id,
                std::slice::from_ref(&expert),
                std::slice::from_ref(&id),
            )?;
            if let Some(reason) = conflicts
                .get(&(id.clone(), expert.id.clone()))
                .and_then(|r| r.first())
            {
                return Err(ApiError::conflict(
                    ProblemCode::ConflictOfInterest,
                    format!("The expert {}.", reason.explanation()),
                ));
            }
            let existing: Vec<AssignmentRow> =
                db::experts::assignments_of_call(conn, &ctx.call.id, ctx.stage.as_str())?
                    .into_iter()
                    .filter(|a| a.status().is_active())
                    .collect();
            let earlier =
                db::experts::assignment_of_pair(conn, &id, &expert.id, ctx.stage.as_str())?;
            match earlier
                .as_ref()
                .and_then(|a| AssignmentStatus::parse(&a.status))
            {
                Some(AssignmentStatus::Declined) => {
                    return Err(ApiError::conflict(
                        ProblemCode::DeclaredConflict,
                        "This expert declared a conflict of interest with this proposal.",
                    ));
                }
                Some(status) if status.is_active() => {
                    return Err(ApiError::conflict(
                        ProblemCode::AssignedAlready,
                        "This expert is assigned to this proposal already.",
                    ));
                }
                _ => {}
            }
            if existing.iter().filter(|a| a.expert_id == expert.id).count()
                >= usize::try_from(expert.load_cap).unwrap_or(0)
            {
                return Err(ApiError::conflict(
                    ProblemCode::LoadCapReached,
                    "This expert's load cap is reached.",
                ));
            }
            if existing.iter().filter(|a| a.proposal_id == id).count()
                >= ctx.settings.reviews_per_proposal as usize
            {
                return Err(ApiError::conflict(
                    ProblemCode::FullyStaffed,
                    "This proposal has all its reviewers.",
                ));
            }
            let row = match earlier {
                // Taken off earlier by an operator: the same record comes back.
                Some(removed) => {
                    db::experts::set_assignment_status(
                        conn,
                        &removed.id,
                        AssignmentStatus::Removed.as_str(),
                        AssignmentStatus::Assigned.as_str(),
                        None,
                        None,
                    )?;
                    db::experts::find_assignment(conn, &removed.id)?
                }
                None => {
                    let row = AssignmentRow {
                        id: uuid::Uuid::new_v4().to_string(),
                        proposal_id: id.clone(),
                        expert_id: expert.id.clone(),
                        stage: ctx.stage.as_str().to_owned(),
                        status: AssignmentStatus::Assigned.as_str().to_owned(),
                        assigned_by: user.id.clone(),
                        assigned_at: now.naive_utc(),
                        declared_at: None,
                        conflict_note: None,
                    };
                    db::experts::insert_assignment(conn, &row)?;
                    row
                }
            };
            mail_experts(
                conn,
                &st,
                &ctx.call,
                std::slice::from_ref(&expert),
                std::slice::from_ref(&row),
                now,
            )?;
            audit::Change::new(Some(&user.id), "proposal.expert_assigned", "proposal", &id)
                .after_of(&row)
                .record(conn, now)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(AssignmentResponse::from(&row)))
}

fn problem_for(
    settings: &CallSettings,
    proposals: &[(String, Vec<String>)],
    experts: &[ExpertRow],
) -> AssignmentProblem {
    AssignmentProblem {
        proposals: proposals
            .iter()
            .map(|(_, keywords)| ProposalNeed {
                reviews: settings.reviews_per_proposal,
                keywords: keywords.clone(),
            })
            .collect(),
        experts: experts
            .iter()
            .map(|e| ExpertOffer {
                load_cap: u32::try_from(e.load_cap).unwrap_or(0),
                keywords: serde_json::from_str(&e.keywords).unwrap_or_default(),
            })
            .collect(),
        forbidden: HashSet::new(),
        fixed: Vec::new(),
    }
}

/// Assign experts automatically
///
/// Gives every eligible proposal of the stage its number of reviewers within
/// every expert's load cap, never across a detected conflict, keeping the
/// assignments already made, and maximising the expertise match. The same
/// data always gives the same result; the report names the proposals the
/// pool could not fully staff, and why.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/assignments/auto", tag = "experts",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = AutoAssignmentRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The report.", body = AutoAssignmentReport),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn auto_assign(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    body: Json<AutoAssignmentRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let stage = body.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let report = state
        .write(move |conn| {
            let now = st.clock.now();
            let (call, _, settings) = load_visible_call(conn, &user, &call_id)?;
            // Sorted by id: the same data always gives the same problem, hence the same answer.
            let mut eligible = db::proposals::in_call_stage(conn, &call.id, stage.as_str(), &[ProposalStatus::Eligible.as_str()])?;
            eligible.sort_by(|a, b| a.id.cmp(&b.id));
            // A proposal whose consensus is approved is evaluated: no more reviewers.
            let approved: HashSet<String> = db::reviews::consensus_of_call(conn, &call.id, stage.as_str())?
                .into_iter()
                .filter(|(c, _)| c.is_approved())
                .map(|(c, _)| c.proposal_id)
                .collect();
            eligible.retain(|p| !approved.contains(&p.id));
            let mut experts: Vec<ExpertRow> = db::experts::of_call(conn, &call.id)?.into_iter().filter(|e| e.accepted_at.is_some()).collect();
            experts.sort_by(|a, b| a.id.cmp(&b.id));
            let proposals: Vec<(String, Vec<String>)> = eligible
                .iter()
                .map(|p| (p.id.clone(), serde_json::from_str(&p.keywords).unwrap_or_default()))
                .collect();
            let ids: Vec<String> = proposals.iter().map(|(id, _)| id.clone()).collect();
            let conflicts = detect_conflicts(conn, &call.id, &experts, &ids)?;
            let existing = db::experts::assignments_of_call(conn, &call.id, stage.as_str())?;
            let mut problem = problem_for(&settings, &proposals, &experts);
            for (p, (proposal_id, _)) in proposals.iter().enumerate() {
                for (e, expert) in experts.iter().enumerate() {
                    if conflicts.contains_key(&(proposal_id.clone(), expert.id.clone())) {
                        problem.forbidden.insert((p, e));
                    }
                    // Active pairs are kept; a declared conflict or an operator's removal is never undone by the solver.
                    match existing.iter().find(|a| &a.proposal_id == proposal_id && a.expert_id == expert.id) {
                        Some(a) if a.status().is_active() => problem.fixed.push((p, e)),
                        Some(_) => {
                            problem.forbidden.insert((p, e));
                        }
                        None => {}
                    }
                }
            }
            let solution = solve(&problem);
            let fixed: HashSet<(usize, usize)> = problem.fixed.iter().copied().collect();
            let mut created = Vec::new();
            for &(p, e) in solution.pairs.iter().filter(|pair| !fixed.contains(pair)) {
                let row = AssignmentRow {
                    id: uuid::Uuid::new_v4().to_string(),
                    proposal_id: proposals[p].0.clone(),
                    expert_id: experts[e].id.clone(),
                    stage: stage.as_str().to_owned(),
                    status: AssignmentStatus::Assigned.as_str().to_owned(),
                    assigned_by: user.id.clone(),
                    assigned_at: now.naive_utc(),
                    declared_at: None,
                    conflict_note: None,
                };
                db::experts::insert_assignment(conn, &row)?;
                created.push(row);
            }
            mail_experts(conn, &st, &call, &experts, &created, now)?;
            let shortfalls: Vec<Shortfall> = solution
                .shortfalls
                .iter()
                .map(|s| Shortfall {
                    proposal_id: proposals[s.proposal].0.clone(),
                    acronym: eligible.iter().find(|r| r.id == proposals[s.proposal].0).map(|r| r.acronym.clone()).unwrap_or_default(),
                    missing: s.missing,
                    reason: match s.reason {
                        ShortfallReason::NotEnoughEligibleExperts { eligible } => {
                            format!("only {eligible} expert(s) of the pool have no conflict with it")
                        }
                        ShortfallReason::LoadCapsExhausted => "the experts without a conflict have no load left".to_owned(),
                    },
                })
                .collect();
            audit::Change::new(Some(&user.id), "call.experts_auto_assigned", "call", &call.id)
                .after(json!({ "stage": stage, "created": created.len(), "objective": solution.objective }))
                .record(conn, now)?;
            Ok(AutoAssignmentReport {
                created: created.iter().map(AssignmentResponse::from).collect(),
                total: solution.pairs.len(),
                objective: solution.objective,
                shortfalls,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}
