//! The funding plan of a call: the main list of the full stage in rank
//! order, each proposal fundable or reserve by `domain::funding::plan`, with
//! every agency's envelope (committed, proposed, remaining). A what-if
//! variant takes other envelopes or reduced grants and stores nothing.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::decisions::{
    FundedPartner, funded_partners, load_for_funding, requested_by_agency, require_on_main_list,
};
use super::json::Json;

use crate::auth::{AuthUser, policy};
use crate::db::decisions::{DecisionRow, PromotionRow};
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::funding::{
    Case, Decision, EnvelopeUse, Outcome, Plan, PlanStatus, outcome, plan,
};
use crate::domain::role::Agency;
use crate::domain::text;
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::call::load_visible_call;
use crate::read::proposal::load_context;
use crate::read::ranking::{RankedProposal, ranking_of};
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AgencyAmount {
    pub agency: Agency,
    pub requested_cents: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanPartner {
    pub partner_id: String,
    pub organisation: String,
    pub agency: Agency,
    /// The requested grant (or the what-if's reduced one).
    pub requested_cents: i64,
    pub decision: Option<Decision>,
    pub amount_cents: Option<i64>,
}

/// An operator's move of a reserve proposal into funding.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PromotionResponse {
    pub proposal_id: String,
    pub reason: String,
    pub promoted_by: String,
    pub promoted_at: DateTime<Utc>,
}

impl From<&PromotionRow> for PromotionResponse {
    fn from(row: &PromotionRow) -> Self {
        Self {
            proposal_id: row.proposal_id.clone(),
            reason: row.reason.clone(),
            promoted_by: row.promoted_by.clone(),
            promoted_at: row.promoted_at.and_utc(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanEntry {
    pub rank: usize,
    pub proposal_id: String,
    pub acronym: String,
    pub weighted_total: f64,
    pub status: PlanStatus,
    pub outcome: Outcome,
    /// Set when the operator moved this proposal from the reserve into funding.
    pub promotion: Option<PromotionResponse>,
    /// The grant requested from each agency.
    pub requested: Vec<AgencyAmount>,
    /// The partners in detail: all of them for operators, a funder's own
    /// agency's for its staff (the others only as totals in `requested`).
    pub partners: Vec<PlanPartner>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FundingPlan {
    pub call_id: String,
    /// The main list of the full stage, best first.
    pub entries: Vec<PlanEntry>,
    pub envelopes: Vec<EnvelopeUse>,
    /// Whether the figures come from a what-if (nothing stored).
    pub what_if: bool,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct EnvelopeChange {
    pub agency: Agency,
    pub total_cents: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct GrantChange {
    #[schema(max_length = 64)]
    pub partner_id: String,
    /// At most the requested grant.
    pub amount_cents: i64,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct WhatIfRequest {
    #[serde(default)]
    #[schema(max_items = 10)]
    pub envelopes: Vec<EnvelopeChange>,
    #[serde(default)]
    #[schema(max_items = 5000)]
    pub grants: Vec<GrantChange>,
}

fn check_what_if(what_if: &WhatIfRequest, partners: &[&FundedPartner]) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    for (i, e) in what_if.envelopes.iter().enumerate() {
        if e.total_cents < 0 {
            errors.push(FieldError::new(
                format!("envelopes[{i}].total_cents"),
                "out_of_range",
                "An envelope cannot be negative.",
            ));
        }
    }
    for (i, g) in what_if.grants.iter().enumerate() {
        match partners.iter().find(|p| p.partner_id == g.partner_id) {
            None => errors.push(FieldError::new(
                format!("grants[{i}].partner_id"),
                "unknown",
                "No funded partner of the main list has this id.",
            )),
            Some(p) if !(0..=p.requested_cents).contains(&g.amount_cents) => {
                errors.push(FieldError::new(
                    format!("grants[{i}].amount_cents"),
                    "out_of_range",
                    format!(
                        "A reduced grant is between 0 and the requested {} cents.",
                        p.requested_cents
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// A proposal of the full stage's main list with what the plan needs of it.
pub struct Listed {
    pub entry: RankedProposal,
    pub partners: Vec<FundedPartner>,
    pub promotion: Option<PromotionRow>,
}

/// The full stage's ranking and, for each proposal of its main list, the
/// funded partners (priced from the frozen submission) with their decisions:
/// the one source of the funding plan, the checks of a decision, the
/// statistics and the exports, so they never disagree.
pub struct CallFunding {
    pub listed: Vec<Listed>,
    pub below_threshold: Vec<RankedProposal>,
    pub envelopes: BTreeMap<Agency, i64>,
}

impl CallFunding {
    pub fn load(
        conn: &mut DbConnection,
        user_id: &str,
        call_id: &str,
        settings: &CallSettings,
    ) -> Result<Self, ApiError> {
        let ranking = ranking_of(conn, call_id, settings, Stage::Full)?;
        let mut promotions = db::decisions::promotions_of_call(conn, call_id)?;
        let mut listed = Vec::with_capacity(ranking.main_list.len());
        for entry in ranking.main_list {
            let ctx = load_context(conn, user_id, &entry.proposal_id)?;
            let partners = funded_partners(conn, &ctx)?;
            let promotion = promotions
                .iter()
                .position(|p| p.proposal_id == entry.proposal_id)
                .map(|i| promotions.swap_remove(i));
            listed.push(Listed {
                entry,
                partners,
                promotion,
            });
        }
        Ok(Self {
            listed,
            below_threshold: ranking.below_threshold,
            envelopes: settings
                .funders
                .iter()
                .map(|f| (f.agency, f.envelope_cents))
                .collect(),
        })
    }

    /// Where the proposal stands in the main list, if it is on it.
    pub fn position(&self, proposal_id: &str) -> Option<usize> {
        self.listed
            .iter()
            .position(|l| l.entry.proposal_id == proposal_id)
    }

    pub fn cases(&self) -> Vec<Case> {
        self.listed
            .iter()
            .map(|l| Case {
                proposal: l.entry.proposal_id.clone(),
                partners: l.partners.iter().map(FundedPartner::need).collect(),
                promoted: l.promotion.is_some(),
            })
            .collect()
    }

    pub fn plan(&self) -> Plan {
        plan(&self.cases(), &self.envelopes)
    }
}

pub fn build_plan(
    conn: &mut DbConnection,
    user: &AuthUser,
    call_id: &str,
    what_if: Option<&WhatIfRequest>,
) -> Result<FundingPlan, ApiError> {
    ApiError::forbidden_unless(policy::may_see_ranking(user))?;
    let (call, _, settings) = load_visible_call(conn, user, call_id)?;
    let mut funding = CallFunding::load(conn, &user.id, &call.id, &settings)?;
    if let Some(what_if) = what_if {
        let all: Vec<&FundedPartner> = funding.listed.iter().flat_map(|l| &l.partners).collect();
        check_what_if(what_if, &all)?;
        for partner in funding
            .listed
            .iter_mut()
            .flat_map(|l| l.partners.iter_mut())
        {
            if let Some(g) = what_if
                .grants
                .iter()
                .find(|g| g.partner_id == partner.partner_id)
            {
                partner.requested_cents = g.amount_cents;
            }
        }
        for e in &what_if.envelopes {
            funding.envelopes.insert(e.agency, e.total_cents);
        }
    }
    let cases = funding.cases();
    let result = plan(&cases, &funding.envelopes);
    let detailed = policy::detailed_agency(user);
    let entries = funding
        .listed
        .iter()
        .zip(&cases)
        .zip(&result.statuses)
        .map(|((listed, case), status)| PlanEntry {
            rank: listed.entry.rank,
            proposal_id: listed.entry.proposal_id.clone(),
            acronym: listed.entry.acronym.clone(),
            weighted_total: listed.entry.weighted_total,
            status: *status,
            outcome: outcome(&case.partners),
            promotion: listed.promotion.as_ref().map(PromotionResponse::from),
            requested: requested_by_agency(&listed.partners)
                .into_iter()
                .map(|(agency, requested_cents)| AgencyAmount {
                    agency,
                    requested_cents,
                })
                .collect(),
            partners: listed
                .partners
                .iter()
                .filter(|p| detailed.is_none_or(|a| a == p.agency))
                .map(|p| PlanPartner {
                    partner_id: p.partner_id.clone(),
                    organisation: p.organisation.clone(),
                    agency: p.agency,
                    requested_cents: p.requested_cents,
                    decision: p.decision.as_ref().and_then(DecisionRow::decision),
                    amount_cents: p.decision.as_ref().map(|d| d.amount_cents),
                })
                .collect(),
        })
        .collect();
    Ok(FundingPlan {
        call_id: call.id.clone(),
        entries,
        envelopes: result.envelopes,
        what_if: what_if.is_some(),
    })
}

/// The funding plan
///
/// For operators and funders: the full stage's main list in rank order,
/// each proposal funded, rejected, fundable or reserve, and every envelope.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/funding-plan", tag = "decisions",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan.", body = FundingPlan),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
    )
)]
pub async fn get_funding_plan(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let call_id = call_id.into_inner();
    let plan = state
        .db(move |conn| build_plan(conn, &user, &call_id, None))
        .await?;
    Ok(HttpResponse::Ok().json(plan))
}

/// Try a what-if
///
/// The plan with other envelopes or reduced grants; nothing is stored.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/funding-plan/what-if", tag = "decisions",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = WhatIfRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The plan under the changes.", body = FundingPlan),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn what_if_funding_plan(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    body: Json<WhatIfRequest>,
) -> Result<HttpResponse, ApiError> {
    let call_id = call_id.into_inner();
    let what_if = body.into_inner();
    let plan = state
        .db(move |conn| build_plan(conn, &user, &call_id, Some(&what_if)))
        .await?;
    Ok(HttpResponse::Ok().json(plan))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PromotionRequest {
    /// Why this reserve proposal is funded before those ranked above it.
    #[schema(max_length = 2000)]
    pub reason: String,
}

/// Move a reserve proposal into funding
///
/// An operator puts a proposal of the main list that the funding plan left
/// on the reserve ahead of the others, with a written reason: the plan then
/// walks it first and its funders may approve it. Audited; once per proposal.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/funding-promotion", tag = "decisions",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = PromotionRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Moved into funding.", body = PromotionResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "The call is not in evaluation (`call-not-in-evaluation`), the proposal is not on the main list (`not-on-main-list`), not on the reserve (`not-on-reserve`) or moved already (`already-promoted`).", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn promote_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<PromotionRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let reason = text::required(
        &body.reason,
        "reason",
        text::MAX_REASON_CHARS,
        "Say why this proposal is funded before those ranked above it.",
    )
    .map_err(|e| ApiError::Validation(vec![e]))?;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_for_funding(conn, &user, &id)?;
            if ctx.call_status != CallStatus::InEvaluation {
                return Err(ApiError::conflict(
                    ProblemCode::CallNotInEvaluation,
                    "Proposals are moved into funding while the call is in evaluation.",
                ));
            }
            if db::decisions::promotion_of(conn, &id)?.is_some() {
                return Err(ApiError::conflict(
                    ProblemCode::AlreadyPromoted,
                    format!("{} was moved into funding already.", ctx.proposal.acronym),
                ));
            }
            let funding = CallFunding::load(conn, &user.id, &ctx.call.id, &ctx.settings)?;
            let index = require_on_main_list(&ctx, &funding)?;
            if funding.plan().statuses[index] != PlanStatus::Reserve {
                return Err(ApiError::conflict(
                    ProblemCode::NotOnReserve,
                    format!(
                        "{} is not on the reserve: the funding plan reaches it already, or it is decided.",
                        ctx.proposal.acronym
                    ),
                ));
            }
            let row = PromotionRow {
                proposal_id: id.clone(),
                reason,
                promoted_by: user.id.clone(),
                promoted_at: now.naive_utc(),
            };
            db::decisions::insert_promotion(conn, &row)?;
            audit::Change::new(Some(&user.id), "proposal.moved_into_funding", "proposal", &id)
                .after_of(&row)
                .record(conn, now)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(PromotionResponse::from(&row)))
}
