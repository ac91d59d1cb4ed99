//! The funding plan of a call: its main list walked in rank order against
//! the agencies' envelopes, as stored or under a what-if (nothing stored).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::call::{Call, load_visible_call};
use super::funding::{CallFunding, FundedPartner, requested_by_agency};
use crate::auth::{AuthUser, policy};
use crate::db::DbConnection;
use crate::db::decisions::PromotionRow;
use crate::domain::funding::{Decision, EnvelopeUse, Outcome, PlanStatus, outcome, plan};
use crate::domain::ids::{CallId, PartnerId, ProposalId, UserId};
use crate::domain::role::Agency;
use crate::error::{ApiError, FieldError};

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AgencyAmount {
    pub agency: Agency,
    pub requested_cents: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PlanPartner {
    #[schema(value_type = String)]
    pub partner_id: PartnerId,
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
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub reason: String,
    #[schema(value_type = String)]
    pub promoted_by: UserId,
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
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
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
    #[schema(value_type = String)]
    pub call_id: CallId,
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
    #[schema(value_type = String)]
    pub partner_id: PartnerId,
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

pub fn build_plan(
    conn: &mut DbConnection,
    user: &AuthUser,
    call_id: &CallId,
    what_if: Option<&WhatIfRequest>,
) -> Result<FundingPlan, ApiError> {
    ApiError::forbidden_unless(policy::may_see_ranking(user))?;
    let Call {
        row: call,
        settings,
    } = load_visible_call(conn, user, call_id)?;
    let mut funding = CallFunding::load(conn, &call.id, &settings)?;
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
                    decision: p.decision.as_ref().map(|d| d.decision),
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
