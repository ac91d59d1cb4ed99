//! Assigning experts to proposals: one by hand, or all of a stage by the
//! optimal solver (`domain::assignment`), never across a conflict of
//! interest, beyond a load cap or beyond the reviews a proposal needs.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::Context;
use crate::auth::policy;
use crate::config::Config;
use crate::db::calls::CallRow;
use crate::db::experts::{AssignmentRow, ExpertRow};
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::assignment::{
    AssignmentProblem, ExpertOffer, ProposalNeed, ShortfallReason, solve,
};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::conflicts::{ConflictReason, ExpertTies, automatic_conflicts};
use crate::domain::ids::{AssignmentId, CallId, ExpertId, ProposalId};
use crate::domain::proposal::ProposalStatus;
use crate::domain::review::{AssignmentStatus, ReviewStatus};
use crate::error::{ApiError, ProblemCode};
use crate::mail::templates;
pub use crate::read::assignment::AssignmentResponse;
use crate::read::assignment::{is_rapporteur, load_own_assignment, review_status};
use crate::read::call::{Call, load_managed_call};
use crate::read::proposal::load_managed_proposal;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Shortfall {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
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

/// Assigns the expert `expert_id` of the call's pool to an eligible proposal,
/// as an operator; the expert is mailed.
pub fn assign(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    expert_id: &ExpertId,
) -> Result<AssignmentRow, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let id = proposal_id.to_owned();
    let ctx = load_managed_proposal(conn, user, &id)?;
    if ctx.status != ProposalStatus::Eligible {
        return Err(ApiError::conflict(
            ProblemCode::NotEligible,
            "Only an eligible proposal is evaluated.",
        ));
    }
    if db::reviews::consensus_of(conn, &id, ctx.stage)?.is_some_and(|c| c.is_approved()) {
        return Err(ApiError::conflict(
            ProblemCode::ConsensusApproved,
            "The proposal's consensus report is approved; its evaluation is over.",
        ));
    }
    let expert = db::experts::find_in_call(conn, &ctx.call.row.id, expert_id)
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
        &ctx.call.row.id,
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
        db::experts::assignments_of_call(conn, &ctx.call.row.id, ctx.stage)?
            .into_iter()
            .filter(|a| a.status.is_active())
            .collect();
    let earlier = db::experts::assignment_of_pair(conn, &id, &expert.id, ctx.stage)?;
    match earlier.as_ref().map(|a| a.status) {
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
        >= ctx.call.settings.reviews_per_proposal as usize
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
                AssignmentStatus::Removed,
                AssignmentStatus::Assigned,
                None,
                None,
            )?;
            db::experts::find_assignment(conn, &removed.id)?
        }
        None => {
            let row =
                AssignmentRow::assigned(&id, &expert.id, ctx.stage, &user.id, now.naive_utc());
            db::experts::insert_assignment(conn, &row)?;
            row
        }
    };
    mail_experts(
        conn,
        config,
        &ctx.call.row,
        std::slice::from_ref(&expert),
        std::slice::from_ref(&row),
        now,
    )?;
    audit::Change::new(Some(&user.id), "proposal.expert_assigned", "proposal", &id)
        .after_of(&row)
        .record(conn, now)?;
    Ok(row)
}

/// Gives every eligible proposal of the stage its reviewers, keeping the
/// assignments made, maximising the expertise match; the same data always
/// gives the same result.
pub fn auto_assign(
    cx: &mut Context<'_>,
    call_id: &CallId,
    stage: Stage,
) -> Result<AutoAssignmentReport, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let Call {
        row: call,
        settings,
    } = load_managed_call(conn, user, call_id)?;
    // Sorted by id: the same data always gives the same problem, hence the same answer.
    let mut eligible =
        db::proposals::in_call_stage(conn, &call.id, stage, &[ProposalStatus::Eligible.as_str()])?;
    eligible.sort_by(|a, b| a.id.cmp(&b.id));
    // A proposal whose consensus is approved is evaluated: no more reviewers.
    let approved: HashSet<ProposalId> = db::reviews::consensus_of_call(conn, &call.id, stage)?
        .into_iter()
        .filter(|(c, _)| c.is_approved())
        .map(|(c, _)| c.proposal_id)
        .collect();
    eligible.retain(|p| !approved.contains(&p.id));
    let mut experts: Vec<ExpertRow> = db::experts::of_call(conn, &call.id)?
        .into_iter()
        .filter(|e| e.accepted_at.is_some())
        .collect();
    experts.sort_by(|a, b| a.id.cmp(&b.id));
    let proposals: Vec<(ProposalId, Vec<String>)> = eligible
        .iter()
        .map(|p| (p.id.clone(), p.keywords.0.clone()))
        .collect();
    let ids: Vec<ProposalId> = proposals.iter().map(|(id, _)| id.clone()).collect();
    let conflicts = detect_conflicts(conn, &call.id, &experts, &ids)?;
    let existing = db::experts::assignments_of_call(conn, &call.id, stage)?;
    let mut problem = problem_for(&settings, &proposals, &experts);
    for (p, (proposal_id, _)) in proposals.iter().enumerate() {
        for (e, expert) in experts.iter().enumerate() {
            if conflicts.contains_key(&(proposal_id.clone(), expert.id.clone())) {
                problem.forbidden.insert((p, e));
            }
            // Active pairs are kept; a declared conflict or an operator's removal is never undone by the solver.
            match existing
                .iter()
                .find(|a| a.proposal_id == proposal_id && a.expert_id == expert.id)
            {
                Some(a) if a.status.is_active() => problem.fixed.push((p, e)),
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
        let row = AssignmentRow::assigned(
            &proposals[p].0,
            &experts[e].id,
            stage,
            &user.id,
            now.naive_utc(),
        );
        db::experts::insert_assignment(conn, &row)?;
        created.push(row);
    }
    mail_experts(conn, config, &call, &experts, &created, now)?;
    let shortfalls: Vec<Shortfall> = solution
        .shortfalls
        .iter()
        .map(|s| Shortfall {
            proposal_id: proposals[s.proposal].0.clone(),
            acronym: eligible
                .iter()
                .find(|r| r.id == proposals[s.proposal].0)
                .map(|r| r.acronym.clone())
                .unwrap_or_default(),
            missing: s.missing,
            reason: match s.reason {
                ShortfallReason::NotEnoughEligibleExperts { eligible } => {
                    format!("only {eligible} expert(s) of the pool have no conflict with it")
                }
                ShortfallReason::LoadCapsExhausted => {
                    "the experts without a conflict have no load left".to_owned()
                }
            },
        })
        .collect();
    audit::Change::new(
        Some(&user.id),
        "call.experts_auto_assigned",
        "call",
        &call.id,
    )
    .after(json!({ "stage": stage, "created": created.len(), "objective": solution.objective }))
    .record(conn, now)?;
    Ok(AutoAssignmentReport {
        created: created.iter().map(AssignmentResponse::from).collect(),
        total: solution.pairs.len(),
        objective: solution.objective,
        shortfalls,
    })
}

/// The conflicts the portal detects between each accepted expert and each
/// proposal, keyed by (proposal id, expert id), with their reasons.
fn detect_conflicts(
    conn: &mut DbConnection,
    call_id: &CallId,
    experts: &[ExpertRow],
    proposal_ids: &[ProposalId],
) -> Result<HashMap<(ProposalId, ExpertId), Vec<ConflictReason>>, ApiError> {
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
    // Two queries for the whole pool, not two per expert.
    let user_ids: Vec<&str> = experts
        .iter()
        .filter_map(|e| e.user_id.as_deref())
        .collect();
    let organisations = db::experts::organisations_of_users(conn, &user_ids)?;
    let memberships = db::experts::memberships_in_call_of_users(conn, call_id, &user_ids)?;
    let of_user = |pairs: &'_ [(String, String)], user_id: &str| -> Vec<String> {
        pairs
            .iter()
            .filter(|(user, _)| user == user_id)
            .map(|(_, value)| value.clone())
            .collect()
    };
    let mut conflicts = HashMap::new();
    for expert in experts {
        let Some(user_id) = &expert.user_id else {
            continue;
        };
        let organisations = of_user(&organisations, user_id);
        let memberships = of_user(&memberships, user_id);
        let ties = ExpertTies {
            organisations: organisations.iter().map(String::as_str).collect(),
            proposals: memberships.iter().map(String::as_str).collect(),
        };
        for (proposal, reasons) in automatic_conflicts(&ties, &partners) {
            conflicts.insert((proposal.into(), expert.id.clone()), reasons);
        }
    }
    Ok(conflicts)
}

/// One mail to each expert given new assignments, with how many and where to review.
fn mail_experts(
    conn: &mut DbConnection,
    config: &Config,
    call: &CallRow,
    experts: &[ExpertRow],
    created: &[AssignmentRow],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    for expert in experts {
        let count = created.iter().filter(|a| a.expert_id == expert.id).count();
        if count > 0 {
            let link = format!("{}/reviews", config.public_url);
            outbox::enqueue(
                conn,
                templates::expert_assignment(&expert.email, &call.title, count, &link),
                now,
            )?;
        }
    }
    Ok(())
}

/// The solver's input: each proposal's reviews and keywords, each expert's load cap and keywords.
fn problem_for(
    settings: &CallSettings,
    proposals: &[(ProposalId, Vec<String>)],
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
                keywords: e.keywords.0.clone(),
            })
            .collect(),
        forbidden: HashSet::new(),
        fixed: Vec::new(),
    }
}

/// The expert declares a conflict of interest with the proposal (and is
/// taken off it, the operator told by mail) or declares none (and gets the
/// proposal's content and a review to write). Once only.
pub fn declare(
    cx: &mut Context<'_>,
    assignment_id: &AssignmentId,
    conflict: bool,
    note: &str,
) -> Result<AssignmentRow, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let (row, _) = load_own_assignment(conn, user, assignment_id)?;
    let declared_already = || {
        ApiError::conflict(
            ProblemCode::DeclaredAlready,
            "You have declared for this proposal already.",
        )
    };
    match row.status {
        AssignmentStatus::Assigned => {}
        AssignmentStatus::Removed => {
            return Err(ApiError::conflict(
                ProblemCode::AssignmentWithdrawn,
                "The operator took this assignment back.",
            ));
        }
        _ => return Err(declared_already()),
    }
    let (to, action) = if conflict {
        (AssignmentStatus::Declined, "assignment.conflict_declared")
    } else {
        (AssignmentStatus::Cleared, "assignment.no_conflict_declared")
    };
    if !db::experts::set_assignment_status(
        conn,
        &row.id,
        AssignmentStatus::Assigned,
        to,
        Some(now.naive_utc()),
        conflict.then_some(note),
    )? {
        return Err(declared_already());
    }
    let after = db::experts::find_assignment(conn, &row.id)?;
    if conflict {
        let proposal = db::proposals::find(conn, &row.proposal_id)?;
        let operator = db::users::find(conn, &row.assigned_by)?;
        let link = format!(
            "{}/proposals/{}/evaluation",
            config.public_url, row.proposal_id
        );
        outbox::enqueue(
            conn,
            templates::conflict_declared(&operator.email, &proposal.acronym, &link),
            now,
        )?;
    } else if db::reviews::of_assignment(conn, &row.id)?.is_none() {
        // A draft kept from before a removal and reassignment is picked up again.
        db::reviews::insert(conn, &db::reviews::ReviewRow::draft(&row, now.naive_utc()))?;
    }
    audit::Change::new(Some(&user.id), action, "assignment", &row.id)
        .before_of(&row)
        .after_of(&after)
        .record(conn, now)?;
    Ok(after)
}

/// Takes an expert off a proposal, as an operator: only an active
/// assignment whose review is not submitted and whose expert is not the
/// rapporteur (the evaluation keeps what it already holds).
pub fn unassign(cx: &mut Context<'_>, id: &AssignmentId) -> Result<AssignmentRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    let row = db::experts::find_assignment(conn, id)?;
    let status = row.status;
    if !status.is_active() {
        return Err(ApiError::conflict(
            ProblemCode::AssignmentNotActive,
            format!("This assignment is {} already.", status.as_str()),
        ));
    }
    if review_status(conn, &row)? == Some(ReviewStatus::Submitted) {
        return Err(ApiError::conflict(
            ProblemCode::ReviewSubmitted,
            "The expert has submitted the review; it stays part of the evaluation.",
        ));
    }
    if is_rapporteur(conn, &row)? {
        return Err(ApiError::conflict(
            ProblemCode::Rapporteur,
            "This expert is the rapporteur; name another one first.",
        ));
    }
    db::experts::set_assignment_status(
        conn,
        &row.id,
        status,
        AssignmentStatus::Removed,
        row.declared_at,
        row.conflict_note.as_deref(),
    )?;
    let after = db::experts::find_assignment(conn, &row.id)?;
    audit::Change::new(Some(&user.id), "assignment.removed", "assignment", &row.id)
        .before_of(&row)
        .after_of(&after)
        .record(conn, now)?;
    Ok(after)
}
