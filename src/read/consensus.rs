//! A proposal's consensus report as each reader sees it: the reviews under
//! their letters, the spread flags, the outcome by the consensus scores, and
//! the right-to-reply exchange.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::proposal::{ProposalContext, load_proposal};
use super::review::parse_content;
use crate::auth::{AuthUser, policy};
use crate::db::reviews::{ConsensusRow, ReplyWindowRow};
use crate::db::{self, DbConnection};
use crate::domain::call::Stage;
use crate::domain::ids::{CallId, ExpertId, ProposalId};
use crate::domain::review::{ReviewContent, ReviewStatus, anonymous_label, scores_of};
use crate::domain::scoring::{outcome, spread_flags};
use crate::error::{ApiError, ProblemCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsensusStatus {
    /// No rapporteur named yet.
    AwaitingRapporteur,
    Draft,
    Approved,
}

/// An individual review as the consensus shows it: under a letter.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewSummary {
    pub label: String,
    pub status: ReviewStatus,
    /// Shown once submitted.
    pub content: Option<ReviewContent>,
}

/// Pass or fail by the call's thresholds.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OutcomeResponse {
    pub passed: bool,
    /// Criteria below their own threshold.
    pub failed_criteria: Vec<String>,
    /// The sum of the scores, against the overall threshold.
    pub total: f64,
    pub below_overall: bool,
}

/// The right-to-reply exchange of a proposal.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplyResponse {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub stage: Stage,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Whether the consortium may answer now.
    pub open: bool,
    pub max_chars: u32,
    /// The consensus comments as the consortium was shown them: no scores, no names.
    pub comments: ReviewContent,
    pub text: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    /// The reply's version, for If-Match.
    pub version: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConsensusResponse {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub acronym: String,
    pub stage: Stage,
    pub status: ConsensusStatus,
    /// The rapporteur's letter among the reviews.
    pub rapporteur: Option<String>,
    /// The rapporteur's expert id; for operators only.
    #[schema(value_type = Option<String>)]
    pub rapporteur_expert_id: Option<ExpertId>,
    pub you_are_rapporteur: bool,
    pub content: ReviewContent,
    /// For If-Match (0 before a rapporteur is named).
    pub version: i64,
    pub reviews: Vec<ReviewSummary>,
    /// Every active assignment's review is submitted.
    pub all_reviews_in: bool,
    /// Criteria on which the submitted reviews differ by 2 points or more.
    pub spread_flags: Vec<String>,
    /// By the consensus scores, once every criterion is scored.
    pub outcome: Option<OutcomeResponse>,
    pub reply: Option<ReplyResponse>,
    pub approved_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplyWindowResponse {
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub stage: Stage,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// How many consortia were mailed the comments.
    pub proposals: usize,
}

/// The comments a consortium reads for its reply: the consensus without scores.
pub fn comments_only(content: &ReviewContent) -> ReviewContent {
    let mut shared = content.clone();
    for entry in shared.scores.values_mut() {
        entry.score = None;
    }
    shared
}

/// Who is asking about a proposal's consensus.
pub struct Viewer {
    pub manager: bool,
    /// The caller's expert id in the call, if they are one of the proposal's experts.
    pub expert_id: Option<String>,
}

pub fn viewer(
    conn: &mut DbConnection,
    user: &AuthUser,
    ctx: &ProposalContext,
) -> Result<Viewer, ApiError> {
    let expert_id = db::experts::expert_on_proposal(conn, &ctx.proposal.id, ctx.stage, &user.id)?;
    Ok(Viewer {
        manager: policy::may_manage_calls(user),
        expert_id,
    })
}

pub fn is_rapporteur(viewer: &Viewer, consensus: Option<&ConsensusRow>) -> bool {
    matches!((viewer.expert_id.as_deref(), consensus), (Some(e), Some(c)) if c.rapporteur_id == e)
}

/// `policy::may_read_consensus`; everyone else learns nothing (404).
pub fn require_reader(
    user: &AuthUser,
    viewer: &Viewer,
    consensus: Option<&ConsensusRow>,
) -> Result<(), ApiError> {
    if policy::may_read_consensus(user, is_rapporteur(viewer, consensus)) {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// The reviews of the proposal at the stage (active assignments), each under its letter.
pub struct Reviews {
    pub summaries: Vec<ReviewSummary>,
    pub all_in: bool,
    pub flags: Vec<String>,
    /// Letters by expert id, for naming the rapporteur.
    pub letters: Vec<(ExpertId, String)>,
}

pub fn reviews_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> Result<Reviews, ApiError> {
    let active: Vec<_> = db::experts::assignments_of_proposal(conn, proposal_id, stage)?
        .into_iter()
        .filter(|a| a.status.is_active())
        .collect();
    let ids: Vec<&str> = active.iter().map(|a| a.id.as_str()).collect();
    let reviews = db::reviews::of_assignments(conn, &ids)?;
    let mut summaries = Vec::new();
    let mut letters = Vec::new();
    let mut submitted = Vec::new();
    for (i, assignment) in active.iter().enumerate() {
        let label = anonymous_label(i);
        letters.push((assignment.expert_id.clone(), label.clone()));
        let review = reviews.iter().find(|r| r.assignment_id == assignment.id);
        let status = review
            .as_ref()
            .map(|r| r.status)
            .unwrap_or(ReviewStatus::Draft);
        let content = match &review {
            Some(r) if status == ReviewStatus::Submitted => Some(parse_content(&r.content)?),
            _ => None,
        };
        if let Some(c) = &content {
            submitted.push(scores_of(c));
        }
        summaries.push(ReviewSummary {
            label,
            status,
            content,
        });
    }
    Ok(Reviews {
        all_in: !active.is_empty() && submitted.len() == active.len(),
        flags: spread_flags(&submitted),
        summaries,
        letters,
    })
}

pub fn reply_response(
    ctx: &ProposalContext,
    consensus: &ConsensusRow,
    window: &ReplyWindowRow,
    now: DateTime<Utc>,
) -> Result<Option<ReplyResponse>, ApiError> {
    let Some(shared) = &consensus.shared_comments else {
        return Ok(None);
    };
    let opens_at = window.opens_at.and_utc();
    let closes_at = window.closes_at.and_utc();
    Ok(Some(ReplyResponse {
        proposal_id: consensus.proposal_id.clone(),
        call_id: ctx.call.row.id.clone(),
        stage: ctx.stage,
        opens_at,
        closes_at,
        open: opens_at <= now && now < closes_at,
        max_chars: ctx.call.settings.right_to_reply.max_chars,
        comments: parse_content(shared)?,
        text: consensus.reply.clone(),
        replied_at: consensus.replied_at.map(|t| t.and_utc()),
        version: consensus.reply_version,
    }))
}

pub fn consensus_response(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> Result<ConsensusResponse, ApiError> {
    let consensus = db::reviews::consensus_of(conn, &ctx.proposal.id, ctx.stage)?;
    let reviews = reviews_of(conn, &ctx.proposal.id, ctx.stage)?;
    let content = match &consensus {
        Some(c) => parse_content(&c.content)?,
        None => ReviewContent::default(),
    };
    let scores = scores_of(&content);
    let scored_all = ctx
        .call
        .settings
        .criteria
        .iter()
        .filter(|c| c.stage == ctx.stage)
        .all(|c| scores.contains_key(&c.key));
    let result = scored_all.then(|| {
        let o = outcome(&ctx.call.settings, ctx.stage, &scores);
        OutcomeResponse {
            passed: o.passed,
            failed_criteria: o.failed_criteria,
            total: o.total,
            below_overall: o.below_overall,
        }
    });
    let window = db::reviews::reply_window(conn, &ctx.call.row.id, ctx.stage)?;
    let reply = match (&consensus, &window) {
        (Some(c), Some(w)) => reply_response(ctx, c, w, now)?,
        _ => None,
    };
    let rapporteur_id = consensus.as_ref().map(|c| c.rapporteur_id.clone());
    Ok(ConsensusResponse {
        proposal_id: ctx.proposal.id.clone(),
        call_id: ctx.call.row.id.clone(),
        acronym: ctx.proposal.acronym.clone(),
        stage: ctx.stage,
        status: match &consensus {
            None => ConsensusStatus::AwaitingRapporteur,
            Some(c) if c.is_approved() => ConsensusStatus::Approved,
            Some(_) => ConsensusStatus::Draft,
        },
        rapporteur: rapporteur_id.as_ref().and_then(|id| {
            reviews
                .letters
                .iter()
                .find(|(e, _)| e == id)
                .map(|(_, l)| l.clone())
        }),
        rapporteur_expert_id: rapporteur_id.filter(|_| viewer.manager),
        you_are_rapporteur: is_rapporteur(viewer, consensus.as_ref()),
        content,
        version: consensus.as_ref().map_or(0, |c| c.version),
        reviews: reviews.summaries,
        all_reviews_in: reviews.all_in,
        spread_flags: reviews.flags,
        outcome: result,
        reply,
        approved_at: consensus
            .as_ref()
            .and_then(|c| c.approved_at)
            .map(|t| t.and_utc()),
    })
}

pub fn require_not_approved(consensus: &ConsensusRow) -> Result<(), ApiError> {
    if consensus.is_approved() {
        Err(ApiError::conflict(
            ProblemCode::ConsensusApproved,
            "The consensus report is approved and cannot change any more.",
        ))
    } else {
        Ok(())
    }
}

/// Loads the reply exchange of a proposal, for its consortium, its
/// operators and its rapporteur; 404 when there is none (or not for the caller).
pub fn load_reply(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &ProposalId,
    now: DateTime<Utc>,
) -> Result<(ProposalContext, ConsensusRow, ReplyResponse), ApiError> {
    let ctx = load_proposal(conn, user, id)?;
    let consensus = db::reviews::consensus_of(conn, id, ctx.stage)?.ok_or(ApiError::NotFound)?;
    if !ctx.is_member() {
        let viewer = viewer(conn, user, &ctx)?;
        require_reader(user, &viewer, Some(&consensus))?;
    }
    let window =
        db::reviews::reply_window(conn, &ctx.call.row.id, ctx.stage)?.ok_or(ApiError::NotFound)?;
    let reply = reply_response(&ctx, &consensus, &window, now)?.ok_or(ApiError::NotFound)?;
    Ok((ctx, consensus, reply))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplyWindow {
    pub stage: Stage,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Whether consortia may answer now.
    pub open: bool,
}
