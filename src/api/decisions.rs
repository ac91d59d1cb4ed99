//! Funding decisions: each funder's staff approve (with an amount no higher
//! than requested) or reject each partner their agency funds in a ranked
//! proposal. The proposal's outcome follows from all of them, and no
//! approval may take an agency past its envelope.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::funding::CallFunding;
use super::if_match::IfMatch;
use super::json::Json;
use crate::read::pricing;

use super::support::ok_with_etag;
use crate::auth::{AuthUser, policy};
use crate::db::decisions::DecisionRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{CallStatus, Stage};
use crate::domain::funding::{Decision, Outcome, PartnerNeed, PlanStatus, approval_fits, outcome};
use crate::domain::pricing::Pricing;
use crate::domain::proposal::ProposalStatus;
use crate::domain::role::Agency;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::proposal::{ProposalContext, load_context, load_proposal};
use crate::state::SharedState;

/// A partner that an agency funds, with its requested grant and the decision.
pub struct FundedPartner {
    pub partner_id: String,
    pub organisation: String,
    pub agency: Agency,
    pub requested_cents: i64,
    pub decision: Option<DecisionRow>,
}

impl FundedPartner {
    pub fn need(&self) -> PartnerNeed {
        PartnerNeed {
            partner: self.partner_id.clone(),
            agency: self.agency,
            requested_cents: self.requested_cents,
            decided: self
                .decision
                .as_ref()
                .and_then(|d| d.decision().map(|decision| (decision, d.amount_cents))),
        }
    }
}

/// The partners of a proposal that some agency funds (organisations outside
/// Luxembourg fund themselves and take no decision), priced from what the
/// proposal's submission froze.
pub fn funded_partners(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
) -> Result<Vec<FundedPartner>, ApiError> {
    let pricing = pricing::of_proposal(conn, ctx)?;
    funded_partners_of(conn, ctx, &pricing)
}

/// `funded_partners` of a pricing the caller has loaded already.
pub fn funded_partners_of(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    pricing: &Pricing,
) -> Result<Vec<FundedPartner>, ApiError> {
    let decisions = db::decisions::of_proposal(conn, &ctx.proposal.id)?;
    Ok(pricing
        .partners
        .iter()
        .filter_map(|partner| {
            Some(FundedPartner {
                agency: partner.funder?,
                partner_id: partner.id.clone(),
                organisation: partner.organisation.name.clone(),
                requested_cents: pricing.requested_cents(&partner.id),
                decision: decisions
                    .iter()
                    .find(|d| d.partner_id == partner.id)
                    .cloned(),
            })
        })
        .collect())
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PartnerDecision {
    pub partner_id: String,
    pub organisation: String,
    pub agency: Agency,
    pub requested_cents: i64,
    pub decision: Option<Decision>,
    /// The approved amount (0 when rejected).
    pub amount_cents: Option<i64>,
    pub comment: Option<String>,
    /// For If-Match: 0 before the first decision.
    pub version: i64,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalDecisions {
    pub proposal_id: String,
    pub acronym: String,
    /// Funded when every funded partner is approved, rejected when any is rejected.
    pub outcome: Outcome,
    pub partners: Vec<PartnerDecision>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct DecisionRequest {
    pub decision: Decision,
    /// Required to approve: at most the requested grant.
    #[serde(default)]
    pub amount_cents: Option<i64>,
    /// Required to reject.
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub comment: Option<String>,
}

fn decisions_response(ctx: &ProposalContext, partners: &[FundedPartner]) -> ProposalDecisions {
    let needs: Vec<PartnerNeed> = partners.iter().map(FundedPartner::need).collect();
    ProposalDecisions {
        proposal_id: ctx.proposal.id.clone(),
        acronym: ctx.proposal.acronym.clone(),
        outcome: outcome(&needs),
        partners: partners
            .iter()
            .map(|p| PartnerDecision {
                partner_id: p.partner_id.clone(),
                organisation: p.organisation.clone(),
                agency: p.agency,
                requested_cents: p.requested_cents,
                decision: p.decision.as_ref().and_then(DecisionRow::decision),
                amount_cents: p.decision.as_ref().map(|d| d.amount_cents),
                comment: p.decision.as_ref().map(|d| d.comment.clone()),
                version: p.decision.as_ref().map_or(0, |d| d.version),
                decided_at: p.decision.as_ref().map(|d| d.decided_at.and_utc()),
            })
            .collect(),
    }
}

/// A submitted proposal, for those who see the ranking; 404 for everyone else.
pub fn load_for_funding(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
) -> Result<ProposalContext, ApiError> {
    ApiError::forbidden_unless(policy::may_see_ranking(user))?;
    let ctx = load_context(conn, &user.id, id)?;
    if !ctx.status.is_submitted() {
        return Err(ApiError::NotFound);
    }
    Ok(ctx)
}

/// A proposal as its reader may load it: a submitted one for those who see
/// the ranking, otherwise as `load_proposal` allows (members, cleared experts).
pub fn load_for_reader(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
) -> Result<ProposalContext, ApiError> {
    if policy::may_see_ranking(user) {
        load_for_funding(conn, user, id)
    } else {
        load_proposal(conn, user, id)
    }
}

/// A proposal's funding decisions
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/decisions", tag = "decisions",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every funded partner's decision and the outcome.", body = ProposalDecisions),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::ProposalNotFound,
    )
)]
pub async fn list_decisions(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let response = state
        .db(move |conn| {
            let ctx = load_for_funding(conn, &user, &id)?;
            let partners = funded_partners(conn, &ctx)?;
            Ok(decisions_response(&ctx, &partners))
        })
        .await?;
    Ok(HttpResponse::Ok().json(response))
}

fn validate(body: &DecisionRequest, requested: i64) -> Result<(i64, String), ApiError> {
    let comment = body.comment.as_deref().unwrap_or("").trim().to_owned();
    let mut errors = Vec::new();
    if comment.chars().count() > 5_000 {
        errors.push(FieldError::new(
            "comment",
            "too_long",
            "At most 5,000 characters.",
        ));
    }
    let amount = match body.decision {
        Decision::Approved => match body.amount_cents {
            None => {
                errors.push(FieldError::new(
                    "amount_cents",
                    "required",
                    "Give the approved amount.",
                ));
                0
            }
            Some(a) if !(0..=requested).contains(&a) => {
                errors.push(FieldError::new(
                    "amount_cents",
                    "out_of_range",
                    format!("The amount is between 0 and the requested {requested} cents."),
                ));
                0
            }
            Some(a) => a,
        },
        Decision::Rejected => {
            if comment.is_empty() {
                errors.push(FieldError::new(
                    "comment",
                    "required",
                    "Say why the partner is rejected.",
                ));
            }
            if body.amount_cents.is_some_and(|a| a != 0) {
                errors.push(FieldError::new(
                    "amount_cents",
                    "not_allowed",
                    "A rejection grants nothing.",
                ));
            }
            0
        }
    };
    if errors.is_empty() {
        Ok((amount, comment))
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// Decide for a partner
///
/// A funder's staff approve (with an amount up to the requested grant) or
/// reject (with a reason) a partner their agency funds, in a proposal whose
/// consensus is approved, while the call is in evaluation. Changing a
/// decision makes a new version. An approval that would take the agency
/// past its envelope is refused, whoever approves at the same moment.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/partners/{partner_id}/decision", tag = "decisions",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("partner_id" = String, Path, description = "The partner's id."),
        ("If-Match" = String, Header, description = "The decision's version (\"0\" for the first)."),
    ),
    request_body = DecisionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Recorded; the ETag is the partner's decision version.", body = ProposalDecisions),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "Not a funder, or another agency funds this partner.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal or partner.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is not in evaluation (`call-not-in-evaluation`), the proposal is not on the main list of the ranking (`not-on-main-list`), an approval of a proposal the funding plan puts on the reserve (`proposal-on-reserve`), or the envelope would be exceeded (`envelope-exceeded`).", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn decide(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    path: web::Path<(String, String)>,
    body: Json<DecisionRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, partner_id) = path.into_inner();
    let body = body.into_inner();
    let st = state.get_ref().clone();
    let (response, version) = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_for_funding(conn, &user, &id)?;
            let partners = funded_partners(conn, &ctx)?;
            let partner = partners
                .iter()
                .find(|p| p.partner_id == partner_id)
                .ok_or(ApiError::NotFound)?;
            if !policy::may_decide_for(&user, partner.agency) {
                return Err(ApiError::refused(
                    ProblemCode::AnotherFundersPartner,
                    format!(
                        "{} funds this partner; only its staff decide for it.",
                        partner.agency.as_str()
                    ),
                ));
            }
            let current = partner.decision.as_ref().map_or(0, |d| d.version);
            if_match.check(current)?;
            if ctx.call_status != CallStatus::InEvaluation {
                return Err(ApiError::conflict(
                    ProblemCode::CallNotInEvaluation,
                    "Decisions are taken while the call is in evaluation.",
                ));
            }
            let (amount, comment) = validate(&body, partner.requested_cents)?;
            let funding = CallFunding::load(conn, &user.id, &ctx.call.id, &ctx.settings)?;
            let index = require_on_main_list(&ctx, &funding)?;
            let plan = funding.plan();
            if body.decision == Decision::Approved {
                require_fundable(&funding.listed[index].entry.acronym, plan.statuses[index])?;
                let envelope = funding.envelopes.get(&partner.agency).copied().unwrap_or(0);
                let committed = plan
                    .envelopes
                    .iter()
                    .find(|e| e.agency == partner.agency)
                    .map_or(0, |e| e.committed_cents);
                let own = partner
                    .decision
                    .as_ref()
                    .and_then(DecisionRow::approved_cents)
                    .unwrap_or(0);
                let committed_elsewhere = committed - own;
                if !approval_fits(envelope, committed_elsewhere, amount) {
                    return Err(ApiError::conflict(
                        ProblemCode::EnvelopeExceeded,
                        format!(
                            "{} has {} cents left of its envelope; this approval needs {amount}.",
                            partner.agency.as_str(),
                            envelope - committed_elsewhere
                        ),
                    ));
                }
            }
            let row = DecisionRow {
                partner_id: partner.partner_id.clone(),
                proposal_id: id.clone(),
                agency: partner.agency.as_str().to_owned(),
                decision: body.decision.as_str().to_owned(),
                amount_cents: amount,
                comment,
                version: current + 1,
                decided_by: user.id.clone(),
                decided_at: now.naive_utc(),
            };
            if !db::decisions::save(conn, &row)? {
                return Err(ApiError::PreconditionFailed);
            }
            audit::Change::new(
                Some(&user.id),
                "partner.funding_decided",
                "partner",
                &row.partner_id,
            )
            .before_of(&partner.decision)
            .after_of(&row)
            .record(conn, now)?;
            let partners = funded_partners(conn, &ctx)?;
            Ok((decisions_response(&ctx, &partners), row.version))
        })
        .await?;
    Ok(ok_with_etag(version, &response))
}

/// 409 unless the proposal is on the full stage's main list (eligible, with
/// an approved consensus above every threshold); its place there otherwise.
pub fn require_on_main_list(
    ctx: &ProposalContext,
    funding: &CallFunding,
) -> Result<usize, ApiError> {
    let eligible_full = ctx.stage == Stage::Full && ctx.status == ProposalStatus::Eligible;
    if let Some(index) = funding.position(&ctx.proposal.id).filter(|_| eligible_full) {
        return Ok(index);
    }
    let acronym = &ctx.proposal.acronym;
    let reason = if !eligible_full {
        format!("{acronym} is not an eligible full proposal.")
    } else if let Some(below) = funding
        .below_threshold
        .iter()
        .find(|r| r.proposal_id == ctx.proposal.id)
    {
        format!(
            "{acronym} is below the evaluation thresholds ({}): it is not on the main list.",
            if below.failed_criteria.is_empty() {
                "overall".to_owned()
            } else {
                below.failed_criteria.join(", ")
            }
        )
    } else {
        format!("{acronym} has no approved consensus report yet, so it is not ranked.")
    };
    Err(ApiError::conflict(
        ProblemCode::NotOnMainList,
        format!("Only proposals on the main list of the ranking are decided. {reason}"),
    ))
}

/// 409 for an approval of a proposal the funding plan puts on the reserve:
/// the envelopes are walked in rank order, and only the operator's reasoned
/// move into funding puts a reserve proposal ahead.
fn require_fundable(acronym: &str, status: PlanStatus) -> Result<(), ApiError> {
    if status == PlanStatus::Reserve {
        return Err(ApiError::conflict(
            ProblemCode::ProposalOnReserve,
            format!(
                "{acronym} is on the reserve list: in rank order, the envelopes do not reach it. Decide on the proposals ranked above it first, or ask the operator to move it into funding with a reason."
            ),
        ));
    }
    Ok(())
}

/// The requested grant per agency of a proposal's funded partners.
pub fn requested_by_agency(partners: &[FundedPartner]) -> Vec<(Agency, i64)> {
    let mut totals: Vec<(Agency, i64)> = Vec::new();
    for p in partners {
        match totals.iter_mut().find(|(a, _)| *a == p.agency) {
            Some((_, total)) => *total += p.requested_cents,
            None => totals.push((p.agency, p.requested_cents)),
        }
    }
    totals.sort();
    totals
}
