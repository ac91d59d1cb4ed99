//! Funding decisions: each funder's staff approve (within the request and
//! the envelope, in rank order) or reject the partners their agency funds,
//! and an operator moves a reserve proposal into funding with a reason.

use serde::Deserialize;
use utoipa::ToSchema;

use super::Context;
use crate::auth::policy;
use crate::db::decisions::{DecisionRow, PromotionRow};
use crate::db::{self, audit};
use crate::domain::call::CallStatus;
use crate::domain::funding::{Decision, PlanStatus, approval_fits};
use crate::domain::ids::{PartnerId, ProposalId};
use crate::domain::precondition::IfMatch;
use crate::domain::text;
use crate::error::{ApiError, FieldError, ProblemCode};
use crate::read::funding::{
    CallFunding, ProposalDecisions, decisions_response, funded_partners, load_for_funding,
    require_on_main_list,
};

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

#[derive(Debug, Deserialize, ToSchema)]
pub struct PromotionRequest {
    /// Why this reserve proposal is funded before those ranked above it.
    #[schema(max_length = 2000)]
    pub reason: String,
}

/// Decides for one funded partner of a proposal on the main list, as the
/// staff of its agency; returns the proposal's decisions and the new version.
pub fn decide(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    partner_id: &PartnerId,
    if_match: &IfMatch,
    body: &DecisionRequest,
) -> Result<(ProposalDecisions, i64), ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id.to_owned();
    let ctx = load_for_funding(conn, user, &id)?;
    let partners = funded_partners(conn, &ctx)?;
    let partner = partners
        .iter()
        .find(|p| p.partner_id == partner_id)
        .ok_or(ApiError::NotFound)?;
    if !policy::may_decide_for(user, partner.agency) {
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
    if ctx.call.status() != CallStatus::InEvaluation {
        return Err(ApiError::conflict(
            ProblemCode::CallNotInEvaluation,
            "Decisions are taken while the call is in evaluation.",
        ));
    }
    let (amount, comment) = validate(body, partner.requested_cents)?;
    let funding = CallFunding::load(conn, &ctx.call.row.id, &ctx.call.settings)?;
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
        agency: partner.agency,
        decision: body.decision,
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
}

/// Moves a reserve proposal into funding ahead of those ranked above it, as
/// an operator, with the reason; once per proposal.
pub fn promote(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    reason: &str,
) -> Result<PromotionRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id.to_owned();
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    let reason = text::required(
        reason,
        "reason",
        text::MAX_REASON_CHARS,
        "Say why this proposal is funded before those ranked above it.",
    )
    .map_err(|e| ApiError::Validation(vec![e]))?;
    let ctx = load_for_funding(conn, user, &id)?;
    if ctx.call.status() != CallStatus::InEvaluation {
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
    let funding = CallFunding::load(conn, &ctx.call.row.id, &ctx.call.settings)?;
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
    audit::Change::new(
        Some(&user.id),
        "proposal.moved_into_funding",
        "proposal",
        &id,
    )
    .after_of(&row)
    .record(conn, now)?;
    Ok(row)
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
