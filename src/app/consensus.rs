//! The consensus of a proposal's evaluation: the operator names a rapporteur
//! among its experts; once every review is in, the rapporteur drafts the
//! consensus scores and comments; when the call gives a right to reply, the
//! operator opens a reply window and each consortium answers; the operator
//! approves the report.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

use super::Context;
use crate::db::reviews::{ConsensusRow, ReplyWindowRow};
use crate::db::{self, audit, outbox};
use crate::domain::call::Stage;
use crate::domain::deadline;
use crate::domain::ids::{CallId, ExpertId, ProposalId};
use crate::domain::precondition::IfMatch;
use crate::domain::review::{
    AssignmentStatus, ReportStatus, ReviewContent, check_complete, check_draft,
};
use crate::domain::scoring::outcome;
use crate::error::{ApiError, ProblemCode};
use crate::mail::templates;
use crate::read::call::{Call, load_managed_call};
use crate::read::consensus::{
    ConsensusResponse, ReplyResponse, ReplyWindowResponse, comments_only, consensus_response,
    is_rapporteur, load_reply, require_not_approved, reviews_of, viewer,
};
use crate::read::proposal::{load_managed_proposal, load_proposal};
use crate::read::review::parse_content;

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyWindowRequest {
    pub stage: Stage,
    /// When the consortia's answers close.
    pub closes_at: DateTime<Utc>,
}

/// Names the rapporteur among the proposal's experts who declared no conflict, as an operator.
pub fn name_rapporteur(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    expert_id: &ExpertId,
) -> Result<ConsensusResponse, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let id = proposal_id.to_owned();
    let ctx = load_managed_proposal(conn, user, &id)?;
    let cleared = db::experts::assignment_of_pair(conn, &id, expert_id, ctx.stage)?
        .is_some_and(|a| a.status == AssignmentStatus::Cleared);
    if !cleared {
        return Err(ApiError::field(
            "expert_id",
            "not_a_cleared_expert",
            "The rapporteur is one of the proposal's experts who declared no conflict.",
        ));
    }
    let before = db::reviews::consensus_of(conn, &id, ctx.stage)?;
    match &before {
        Some(existing) => {
            require_not_approved(existing)?;
            let after = ConsensusRow {
                rapporteur_id: expert_id.to_owned(),
                version: existing.version + 1,
                updated_at: now.naive_utc(),
                ..existing.clone()
            };
            if !db::reviews::update_consensus(conn, &after, existing.version)? {
                return Err(ApiError::PreconditionFailed);
            }
        }
        None => db::reviews::insert_consensus(
            conn,
            &ConsensusRow {
                id: uuid::Uuid::new_v4().to_string(),
                proposal_id: id.clone(),
                stage: ctx.stage,
                rapporteur_id: expert_id.to_owned(),
                content: serde_json::to_string(&ReviewContent::default()).unwrap_or_default(),
                status: ReportStatus::Draft,
                version: 1,
                updated_at: now.naive_utc(),
                shared_comments: None,
                reply: None,
                reply_version: 0,
                replied_at: None,
                approved_at: None,
                approved_by: None,
            },
        )?,
    }
    let expert = db::experts::find(conn, expert_id)?;
    let link = format!("{}/reviews", config.public_url);
    outbox::enqueue(
        conn,
        templates::rapporteur_named(&expert.email, &ctx.proposal.acronym, &link),
        now,
    )?;
    audit::Change::new(
        Some(&user.id),
        "consensus.rapporteur_named",
        "proposal",
        &id,
    )
    .before(json!({ "rapporteur": before.map(|c| c.rapporteur_id) }))
    .after(json!({ "rapporteur": expert_id, "stage": ctx.stage }))
    .record(conn, now)?;
    let viewer = viewer(conn, user, &ctx)?;
    consensus_response(conn, &ctx, &viewer, now)
}

/// Saves the rapporteur's draft of the consensus once every review is in.
pub fn save_draft(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    if_match: &IfMatch,
    content: &ReviewContent,
) -> Result<ConsensusResponse, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id.to_owned();
    let ctx = load_proposal(conn, user, &id)?;
    let viewer = viewer(conn, user, &ctx)?;
    let consensus = db::reviews::consensus_of(conn, &id, ctx.stage)?;
    let Some(consensus) = consensus.filter(|c| is_rapporteur(&viewer, Some(c))) else {
        return Err(ApiError::NotFound);
    };
    if_match.check(consensus.version)?;
    require_not_approved(&consensus)?;
    if !reviews_of(conn, &id, ctx.stage)?.all_in {
        return Err(ApiError::conflict(
            ProblemCode::ReviewsOutstanding,
            "The consensus is drafted once every expert has submitted their review.",
        ));
    }
    let errors = check_draft(&ctx.call.settings, ctx.stage, content);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let after = ConsensusRow {
        content: serde_json::to_string(&content).unwrap_or_default(),
        version: consensus.version + 1,
        updated_at: now.naive_utc(),
        ..consensus.clone()
    };
    if !db::reviews::update_consensus(conn, &after, consensus.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::Change::new(Some(&user.id), "consensus.draft_saved", "proposal", &id)
        .before(json!({ "version": consensus.version }))
        .after(json!({ "version": after.version }))
        .record(conn, now)?;
    consensus_response(conn, &ctx, &viewer, now)
}

/// Approves the consensus report, as an operator: complete, and after the reply window where the call gives a right to reply.
pub fn approve(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
) -> Result<ConsensusResponse, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id.to_owned();
    let ctx = load_managed_proposal(conn, user, &id)?;
    let Some(consensus) = db::reviews::consensus_of(conn, &id, ctx.stage)? else {
        return Err(ApiError::conflict(
            ProblemCode::NoRapporteur,
            "Name a rapporteur and let them draft the report first.",
        ));
    };
    require_not_approved(&consensus)?;
    if !reviews_of(conn, &id, ctx.stage)?.all_in {
        return Err(ApiError::conflict(
            ProblemCode::ReviewsOutstanding,
            "Every expert's review must be submitted first.",
        ));
    }
    let content = parse_content(&consensus.content)?;
    let scores =
        check_complete(&ctx.call.settings, ctx.stage, &content).map_err(ApiError::Validation)?;
    if ctx.call.settings.right_to_reply.enabled {
        let window = db::reviews::reply_window(conn, &ctx.call.row.id, ctx.stage)?;
        match window {
            Some(w) if consensus.shared_comments.is_some() => {
                if now < w.closes_at.and_utc() {
                    return Err(ApiError::conflict(
                        ProblemCode::ReplyWindowOpen,
                        "The consortium may still reply; approve after the window closes.",
                    ));
                }
            }
            _ => {
                return Err(ApiError::conflict(
                    ProblemCode::ReplyWindowNotHeld,
                    "This call gives a right to reply: open the reply window for the stage first.",
                ));
            }
        }
    }
    let after = ConsensusRow {
        status: ReportStatus::Approved,
        version: consensus.version + 1,
        updated_at: now.naive_utc(),
        approved_at: Some(now.naive_utc()),
        approved_by: Some(user.id.clone()),
        ..consensus.clone()
    };
    if !db::reviews::update_consensus(conn, &after, consensus.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    let result = outcome(&ctx.call.settings, ctx.stage, &scores);
    audit::Change::new(Some(&user.id), "consensus.approved", "proposal", &id)
        .before(json!({ "status": consensus.status }))
        .after(json!({
            "status": ReportStatus::Approved,
            "stage": ctx.stage,
            "scores": scores.iter().map(|(k, s)| (k.clone(), s.value())).collect::<std::collections::BTreeMap<_, _>>(),
            "passed": result.passed,
        }))
        .record(conn, now)?;
    let viewer = viewer(conn, user, &ctx)?;
    consensus_response(conn, &ctx, &viewer, now)
}

/// Opens the stage's reply window, as an operator, and mails each consortium the comments to answer.
pub fn open_reply_window(
    cx: &mut Context<'_>,
    call_id: &CallId,
    body: &ReplyWindowRequest,
) -> Result<ReplyWindowResponse, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let Call {
        row: call,
        settings,
    } = load_managed_call(conn, user, call_id)?;
    if !settings.right_to_reply.enabled {
        return Err(ApiError::conflict(
            ProblemCode::NoRightToReply,
            "This call gives no right to reply.",
        ));
    }
    if body.closes_at <= now {
        return Err(ApiError::field(
            "closes_at",
            "in_the_past",
            "The window must close in the future.",
        ));
    }
    deadline::within_years(body.closes_at.date_naive(), "closes_at")
        .map_err(|e| ApiError::Validation(vec![e]))?;
    let stage = body.stage;
    if db::reviews::reply_window(conn, &call.id, stage)?.is_some() {
        return Err(ApiError::conflict(
            ProblemCode::ReplyWindowOpened,
            "The reply window of this stage was opened already.",
        ));
    }
    let eligible = db::proposals::in_call_stage(conn, &call.id, stage, &["eligible"])?;
    let mut ready = Vec::new();
    let mut not_ready = Vec::new();
    for proposal in &eligible {
        match db::reviews::consensus_of(conn, &proposal.id, stage)? {
            Some(c)
                if c.status == ReportStatus::Draft
                    && check_complete(&settings, stage, &parse_content(&c.content)?).is_ok() =>
            {
                ready.push((proposal, c));
            }
            _ => not_ready.push(proposal.acronym.clone()),
        }
    }
    if !not_ready.is_empty() || ready.is_empty() {
        return Err(ApiError::conflict(
            ProblemCode::ConsensusNotReady,
            format!(
                "Every eligible proposal needs a complete consensus draft first; not ready: {}.",
                if not_ready.is_empty() {
                    "no proposals".to_owned()
                } else {
                    not_ready.join(", ")
                }
            ),
        ));
    }
    let window = ReplyWindowRow {
        call_id: call.id.clone(),
        stage,
        opens_at: now.naive_utc(),
        closes_at: body.closes_at.naive_utc(),
        opened_by: user.id.clone(),
    };
    db::reviews::insert_reply_window(conn, &window)?;
    let closes = crate::domain::deadline::local_text(body.closes_at, &settings.time_zone);
    for (proposal, consensus) in &ready {
        let shared = comments_only(&parse_content(&consensus.content)?);
        let after = ConsensusRow {
            shared_comments: Some(serde_json::to_string(&shared).unwrap_or_default()),
            version: consensus.version + 1,
            updated_at: now.naive_utc(),
            ..consensus.clone()
        };
        if !db::reviews::update_consensus(conn, &after, consensus.version)? {
            return Err(ApiError::PreconditionFailed);
        }
        let link = format!("{}/proposals/{}/reply", config.public_url, proposal.id);
        crate::app::notify::mail_consortium(conn, &proposal.id, now, |to| {
            templates::reply_window_opened(to, &proposal.acronym, &closes, &link)
        })?;
    }
    audit::Change::new(Some(&user.id), "call.reply_window_opened", "call", &call.id)
        .after_of(&window)
        .record(conn, now)?;
    Ok(ReplyWindowResponse {
        call_id: call.id.clone(),
        stage,
        opens_at: now,
        closes_at: body.closes_at,
        proposals: ready.len(),
    })
}

/// Saves a consortium's reply while its window is open.
pub fn save_reply(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    if_match: &IfMatch,
    text: &str,
) -> Result<ReplyResponse, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let id = proposal_id.to_owned();
    let (ctx, consensus, reply) = load_reply(conn, user, &id, now)?;
    ctx.require_member()?;
    if_match.check(consensus.reply_version)?;
    if !reply.open {
        return Err(ApiError::conflict(
            ProblemCode::ReplyWindowClosed,
            "The reply window is closed.",
        ));
    }
    let length = text.chars().count();
    if length > reply.max_chars as usize {
        return Err(ApiError::field(
            "text",
            "too_long",
            format!(
                "A reply has at most {} characters; this one has {length}.",
                reply.max_chars
            ),
        ));
    }
    if !db::reviews::save_reply(
        conn,
        &consensus.id,
        consensus.reply_version,
        text,
        now.naive_utc(),
    )? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::Change::new(Some(&user.id), "proposal.reply_saved", "proposal", &id)
        .before(json!({ "reply": consensus.reply }))
        .after(json!({ "reply": text }))
        .record(conn, now)?;
    Ok(load_reply(conn, user, &id, now)?.2)
}
