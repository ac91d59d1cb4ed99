//! The funding plan of a call: the main list of the full stage in rank
//! order, each proposal fundable or reserve by `domain::funding::plan`, with
//! every agency's envelope (committed, proposed, remaining). A what-if
//! variant takes other envelopes or reduced grants and stores nothing.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::calls::load_visible_call;
use super::decisions::{FundedPartner, funded_partners, requested_by_agency};
use super::json::Json;
use super::proposals::load_context;
use super::ranking::ranking_of;
use crate::auth::{AuthUser, policy};
use crate::db::DbConnection;
use crate::db::decisions::DecisionRow;
use crate::domain::call::Stage;
use crate::domain::funding::{Case, Decision, EnvelopeUse, Outcome, PlanStatus, outcome, plan};
use crate::domain::role::Agency;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError};
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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanEntry {
    pub rank: usize,
    pub proposal_id: String,
    pub acronym: String,
    pub weighted_total: f64,
    pub status: PlanStatus,
    pub outcome: Outcome,
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
    pub partner_id: String,
    /// At most the requested grant.
    pub amount_cents: i64,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct WhatIfRequest {
    #[serde(default)]
    pub envelopes: Vec<EnvelopeChange>,
    #[serde(default)]
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

pub fn build_plan(
    conn: &mut DbConnection,
    user: &AuthUser,
    call_id: &str,
    what_if: Option<&WhatIfRequest>,
) -> Result<FundingPlan, ApiError> {
    ApiError::forbidden_unless(policy::may_see_ranking(user))?;
    let (call, _, settings) = load_visible_call(conn, user, call_id)?;
    let ranking = ranking_of(conn, &call.id, &settings, Stage::Full)?;
    let mut listed = Vec::new();
    for entry in &ranking.main_list {
        let ctx = load_context(conn, &user.id, &entry.proposal_id)?;
        listed.push((entry, funded_partners(conn, &ctx)?));
    }
    let mut envelopes: BTreeMap<Agency, i64> = settings
        .funders
        .iter()
        .map(|f| (f.agency, f.envelope_cents))
        .collect();
    if let Some(what_if) = what_if {
        let all: Vec<&FundedPartner> = listed.iter().flat_map(|(_, p)| p).collect();
        check_what_if(what_if, &all)?;
        for partner in listed.iter_mut().flat_map(|(_, p)| p.iter_mut()) {
            if let Some(g) = what_if
                .grants
                .iter()
                .find(|g| g.partner_id == partner.partner_id)
            {
                partner.requested_cents = g.amount_cents;
            }
        }
        for e in &what_if.envelopes {
            envelopes.insert(e.agency, e.total_cents);
        }
    }
    let cases: Vec<Case> = listed
        .iter()
        .map(|(entry, partners)| Case {
            proposal: entry.proposal_id.clone(),
            partners: partners.iter().map(FundedPartner::need).collect(),
        })
        .collect();
    let result = plan(&cases, &envelopes);
    let detailed = policy::detailed_agency(user);
    let entries = listed
        .iter()
        .zip(&cases)
        .zip(&result.statuses)
        .map(|(((entry, partners), case), status)| PlanEntry {
            rank: entry.rank,
            proposal_id: entry.proposal_id.clone(),
            acronym: entry.acronym.clone(),
            weighted_total: entry.weighted_total,
            status: *status,
            outcome: outcome(&case.partners),
            requested: requested_by_agency(partners)
                .into_iter()
                .map(|(agency, requested_cents)| AgencyAmount {
                    agency,
                    requested_cents,
                })
                .collect(),
            partners: partners
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
