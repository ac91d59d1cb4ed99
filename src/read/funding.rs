//! The money side of a submitted proposal as staff read it: the partners
//! an agency funds with their requested grants and decisions, and a call's
//! main list with every such partner (`CallFunding`), the one source of the
//! funding plan, the checks of a decision, the statistics and the exports.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::pricing;
use super::proposal::{ProposalContext, load_context, load_proposal};
use super::ranking::{RankedProposal, ranking_of};
use crate::auth::{AuthUser, policy};
use crate::db::decisions::{DecisionRow, PromotionRow};
use crate::db::{self, DbConnection};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::funding::{Case, Decision, Outcome, PartnerNeed, Plan, outcome, plan};
use crate::domain::ids::{CallId, PartnerId, ProposalId};
use crate::domain::pricing::Pricing;
use crate::domain::proposal::ProposalStatus;
use crate::domain::role::Agency;
use crate::error::{ApiError, ProblemCode};

/// A partner that an agency funds, with its requested grant and the decision.
pub struct FundedPartner {
    pub partner_id: PartnerId,
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
            decided: self.decision.as_ref().map(|d| (d.decision, d.amount_cents)),
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
    Ok(partners_priced(pricing, &decisions))
}

/// The funded partners of a priced proposal with the decisions among `decisions`.
fn partners_priced(pricing: &Pricing, decisions: &[DecisionRow]) -> Vec<FundedPartner> {
    pricing
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
        .collect()
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PartnerDecision {
    #[schema(value_type = String)]
    pub partner_id: PartnerId,
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
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
    /// Funded when every funded partner is approved, rejected when any is rejected.
    pub outcome: Outcome,
    pub partners: Vec<PartnerDecision>,
}

pub fn decisions_response(ctx: &ProposalContext, partners: &[FundedPartner]) -> ProposalDecisions {
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
                decision: p.decision.as_ref().map(|d| d.decision),
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
    id: &ProposalId,
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
    id: &ProposalId,
) -> Result<ProposalContext, ApiError> {
    if policy::may_see_ranking(user) {
        load_for_funding(conn, user, id)
    } else {
        load_proposal(conn, user, id)
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
    /// The main list with what each proposal's partners asked for (as their
    /// full submissions froze it) and what was decided: a fixed number of
    /// queries, whatever the length of the list.
    pub fn load(
        conn: &mut DbConnection,
        call_id: &CallId,
        settings: &CallSettings,
    ) -> Result<Self, ApiError> {
        let ranking = ranking_of(conn, call_id, settings, Stage::Full)?;
        let mut promotions = db::decisions::promotions_of_call(conn, call_id)?;
        let submissions = db::submissions::current_of_call(conn, call_id, Stage::Full)?;
        let decisions = db::decisions::of_call(conn, call_id)?;
        let mut listed = Vec::with_capacity(ranking.main_list.len());
        for entry in ranking.main_list {
            // Only submitted proposals reach the main list.
            let submission = submissions
                .iter()
                .find(|s| s.proposal_id == entry.proposal_id)
                .ok_or_else(|| {
                    ApiError::Internal(anyhow::anyhow!(
                        "proposal {} is on the main list without a full submission",
                        entry.proposal_id
                    ))
                })?;
            let partners = partners_priced(&pricing::submitted(submission)?, &decisions);
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
    pub fn position(&self, proposal_id: &ProposalId) -> Option<usize> {
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
