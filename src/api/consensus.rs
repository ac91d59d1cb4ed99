//! The consensus report of a proposal: the operator names a rapporteur
//! among its experts; once every review is in, the rapporteur drafts the
//! consensus scores and comments (spreads of 2 points flagged, thresholds
//! deciding pass or fail); the operator approves it, after the consortium's
//! reply when the call gives a right to reply.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::if_match::IfMatch;
use super::json::Json;

use super::support::ok_with_etag;
use crate::auth::{AuthUser, policy};
use crate::db::reviews::{ConsensusRow, ReplyWindowRow};
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::call::Stage;
use crate::domain::deadline;
use crate::domain::review::{
    AssignmentStatus, ReportStatus, ReviewContent, ReviewStatus, anonymous_label, check_complete,
    check_draft, scores_of,
};
use crate::domain::scoring::{outcome, spread_flags};
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::templates;
use crate::read::funding::load_for_reader;
use crate::read::proposal::{ProposalContext, load_proposal};
use crate::read::review::parse_content;
use crate::state::SharedState;

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
    pub proposal_id: String,
    pub call_id: String,
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
    pub proposal_id: String,
    pub call_id: String,
    pub acronym: String,
    pub stage: Stage,
    pub status: ConsensusStatus,
    /// The rapporteur's letter among the reviews.
    pub rapporteur: Option<String>,
    /// The rapporteur's expert id; for operators only.
    pub rapporteur_expert_id: Option<String>,
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

#[derive(Debug, Deserialize, ToSchema)]
pub struct RapporteurRequest {
    /// An expert of the proposal who declared no conflict.
    #[schema(max_length = 64)]
    pub expert_id: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyWindowRequest {
    pub stage: Stage,
    /// When the consortia's answers close.
    pub closes_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplyWindowResponse {
    pub call_id: String,
    pub stage: Stage,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// How many consortia were mailed the comments.
    pub proposals: usize,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReplyRequest {
    #[schema(max_length = 100000)]
    pub text: String,
}

/// The comments a consortium reads for its reply: the consensus without scores.
fn comments_only(content: &ReviewContent) -> ReviewContent {
    let mut shared = content.clone();
    for entry in shared.scores.values_mut() {
        entry.score = None;
    }
    shared
}

/// Who is asking about a proposal's consensus.
struct Viewer {
    manager: bool,
    /// The caller's expert id in the call, if they are one of the proposal's experts.
    expert_id: Option<String>,
}

fn viewer(
    conn: &mut DbConnection,
    user: &AuthUser,
    ctx: &ProposalContext,
) -> Result<Viewer, ApiError> {
    let expert_id =
        db::experts::expert_on_proposal(conn, &ctx.proposal.id, ctx.stage.as_str(), &user.id)?;
    Ok(Viewer {
        manager: policy::may_manage_calls(user),
        expert_id,
    })
}

fn is_rapporteur(viewer: &Viewer, consensus: Option<&ConsensusRow>) -> bool {
    matches!((viewer.expert_id.as_deref(), consensus), (Some(e), Some(c)) if c.rapporteur_id == e)
}

/// `policy::may_read_consensus`; everyone else learns nothing (404).
fn require_reader(
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
struct Reviews {
    summaries: Vec<ReviewSummary>,
    all_in: bool,
    flags: Vec<String>,
    /// Letters by expert id, for naming the rapporteur.
    letters: Vec<(String, String)>,
}

fn reviews_of(
    conn: &mut DbConnection,
    proposal_id: &str,
    stage: Stage,
) -> Result<Reviews, ApiError> {
    let active: Vec<_> = db::experts::assignments_of_proposal(conn, proposal_id, stage.as_str())?
        .into_iter()
        .filter(|a| a.status().is_active())
        .collect();
    let mut summaries = Vec::new();
    let mut letters = Vec::new();
    let mut submitted = Vec::new();
    for (i, assignment) in active.iter().enumerate() {
        let label = anonymous_label(i);
        letters.push((assignment.expert_id.clone(), label.clone()));
        let review = db::reviews::of_assignment(conn, &assignment.id)?;
        let status = review
            .as_ref()
            .and_then(|r| ReviewStatus::parse(&r.status))
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

fn reply_response(
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
        call_id: ctx.call.id.clone(),
        stage: ctx.stage,
        opens_at,
        closes_at,
        open: opens_at <= now && now < closes_at,
        max_chars: ctx.settings.right_to_reply.max_chars,
        comments: parse_content(shared)?,
        text: consensus.reply.clone(),
        replied_at: consensus.replied_at.map(|t| t.and_utc()),
        version: consensus.reply_version,
    }))
}

fn consensus_response(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    viewer: &Viewer,
    now: DateTime<Utc>,
) -> Result<ConsensusResponse, ApiError> {
    let consensus = db::reviews::consensus_of(conn, &ctx.proposal.id, ctx.stage.as_str())?;
    let reviews = reviews_of(conn, &ctx.proposal.id, ctx.stage)?;
    let content = match &consensus {
        Some(c) => parse_content(&c.content)?,
        None => ReviewContent::default(),
    };
    let scores = scores_of(&content);
    let scored_all = ctx
        .settings
        .criteria
        .iter()
        .filter(|c| c.stage == ctx.stage)
        .all(|c| scores.contains_key(&c.key));
    let result = scored_all.then(|| {
        let o = outcome(&ctx.settings, ctx.stage, &scores);
        OutcomeResponse {
            passed: o.passed,
            failed_criteria: o.failed_criteria,
            total: o.total,
            below_overall: o.below_overall,
        }
    });
    let window = db::reviews::reply_window(conn, &ctx.call.id, ctx.stage.as_str())?;
    let reply = match (&consensus, &window) {
        (Some(c), Some(w)) => reply_response(ctx, c, w, now)?,
        _ => None,
    };
    let rapporteur_id = consensus.as_ref().map(|c| c.rapporteur_id.clone());
    Ok(ConsensusResponse {
        proposal_id: ctx.proposal.id.clone(),
        call_id: ctx.call.id.clone(),
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

fn require_not_approved(consensus: &ConsensusRow) -> Result<(), ApiError> {
    if consensus.is_approved() {
        Err(ApiError::conflict(
            ProblemCode::ConsensusApproved,
            "The consensus report is approved and cannot change any more.",
        ))
    } else {
        Ok(())
    }
}

/// Name the rapporteur
///
/// The operator names one of the proposal's experts who declared no
/// conflict; the rapporteur may be changed until the report is approved.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/rapporteur", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = RapporteurRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Named; the expert is mailed.", body = ConsensusResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "The report is approved.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not one of the proposal's cleared experts.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn name_rapporteur(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<RapporteurRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let id = id.into_inner();
    let expert_id = body.into_inner().expert_id;
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            let cleared =
                db::experts::assignment_of_pair(conn, &id, &expert_id, ctx.stage.as_str())?
                    .is_some_and(|a| a.status() == AssignmentStatus::Cleared);
            if !cleared {
                return Err(ApiError::field(
                    "expert_id",
                    "not_a_cleared_expert",
                    "The rapporteur is one of the proposal's experts who declared no conflict.",
                ));
            }
            let before = db::reviews::consensus_of(conn, &id, ctx.stage.as_str())?;
            match &before {
                Some(existing) => {
                    require_not_approved(existing)?;
                    let after = ConsensusRow {
                        rapporteur_id: expert_id.clone(),
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
                        stage: ctx.stage.as_str().to_owned(),
                        rapporteur_id: expert_id.clone(),
                        content: serde_json::to_string(&ReviewContent::default())
                            .unwrap_or_default(),
                        status: ReportStatus::Draft.as_str().to_owned(),
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
            let expert = db::experts::find(conn, &expert_id)?;
            let link = format!("{}/reviews", st.config.public_url);
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
            let viewer = viewer(conn, &user, &ctx)?;
            consensus_response(conn, &ctx, &viewer, now)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// A proposal's consensus
///
/// For the operator, the funders and the rapporteur: the report, every review under a
/// letter, the flagged spreads, the outcome by the thresholds and the
/// consortium's reply.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/consensus", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The consensus, with its version as ETag.", body = ConsensusResponse),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn get_consensus(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .db(move |conn| {
            let ctx = load_for_reader(conn, &user, &id)?;
            let viewer = viewer(conn, &user, &ctx)?;
            let consensus = db::reviews::consensus_of(conn, &id, ctx.stage.as_str())?;
            require_reader(&user, &viewer, consensus.as_ref())?;
            consensus_response(conn, &ctx, &viewer, st.clock.now())
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Draft the consensus report
///
/// The rapporteur, once every review is in: scores and comments per
/// criterion and an overall comment; a draft may be partial.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/consensus", tag = "consensus",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The consensus's ETag."),
    ),
    request_body = ReviewContent,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved.", body = ConsensusResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ProposalNotFound,
        (status = 409, description = "Reviews outstanding, or the report is approved.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn save_consensus(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<String>,
    body: Json<ReviewContent>,
) -> Result<HttpResponse, ApiError> {
    let content = body.into_inner();
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            let viewer = viewer(conn, &user, &ctx)?;
            let consensus = db::reviews::consensus_of(conn, &id, ctx.stage.as_str())?;
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
            let errors = check_draft(&ctx.settings, ctx.stage, &content);
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
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Approve the consensus report
///
/// The operator approves a complete report once every review is in and,
/// when the call gives a right to reply, after the reply window has closed.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/consensus/approval", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Approved.", body = ConsensusResponse),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "No rapporteur, reviews outstanding, the reply window not held or still open, or approved already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The report is incomplete: every problem listed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn approve_consensus(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            let Some(consensus) = db::reviews::consensus_of(conn, &id, ctx.stage.as_str())? else {
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
            let scores = check_complete(&ctx.settings, ctx.stage, &content)
                .map_err(ApiError::Validation)?;
            if ctx.settings.right_to_reply.enabled {
                let window = db::reviews::reply_window(conn, &ctx.call.id, ctx.stage.as_str())?;
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
                status: ReportStatus::Approved.as_str().to_owned(),
                version: consensus.version + 1,
                updated_at: now.naive_utc(),
                approved_at: Some(now.naive_utc()),
                approved_by: Some(user.id.clone()),
                ..consensus.clone()
            };
            if !db::reviews::update_consensus(conn, &after, consensus.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            let result = outcome(&ctx.settings, ctx.stage, &scores);
            audit::Change::new(Some(&user.id), "consensus.approved", "proposal", &id)
                .before(json!({ "status": consensus.status }))
                .after(json!({
                    "status": ReportStatus::Approved,
                    "stage": ctx.stage,
                    "scores": scores.iter().map(|(k, s)| (k.clone(), s.value())).collect::<std::collections::BTreeMap<_, _>>(),
                    "passed": result.passed,
                }))
                .record(conn, now)?;
            let viewer = viewer(conn, &user, &ctx)?;
            consensus_response(conn, &ctx, &viewer, now)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Open the right-to-reply window
///
/// For a call with a right to reply: every eligible proposal of the stage
/// must have a complete consensus draft; each consortium is mailed and may
/// read the anonymised consensus comments (no scores) and answer until
/// `closes_at`. Once per stage.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/reply-windows", tag = "consensus",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = ReplyWindowRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Opened; the consortia are mailed.", body = ReplyWindowResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "No right to reply in this call, opened already, or consensus reports not ready.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn open_reply_window(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    body: Json<ReplyWindowRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let body = body.into_inner();
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let (call, _, settings) = crate::read::call::load_visible_call(conn, &user, &call_id)?;
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
            if db::reviews::reply_window(conn, &call.id, stage.as_str())?.is_some() {
                return Err(ApiError::conflict(
                    ProblemCode::ReplyWindowOpened,
                    "The reply window of this stage was opened already.",
                ));
            }
            let eligible = db::proposals::in_call_stage(conn, &call.id, stage.as_str(), &["eligible"])?;
            let mut ready = Vec::new();
            let mut not_ready = Vec::new();
            for proposal in &eligible {
                match db::reviews::consensus_of(conn, &proposal.id, stage.as_str())? {
                    Some(c)
                        if c.status == ReportStatus::Draft.as_str()
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
                        if not_ready.is_empty() { "no proposals".to_owned() } else { not_ready.join(", ") }
                    ),
                ));
            }
            let window = ReplyWindowRow {
                call_id: call.id.clone(),
                stage: stage.as_str().to_owned(),
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
                let link = format!("{}/proposals/{}/reply", st.config.public_url, proposal.id);
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
        })
        .await?;
    Ok(HttpResponse::Created().json(response))
}

/// Loads the reply exchange of a proposal, for its consortium, its
/// operators and its rapporteur; 404 when there is none (or not for the caller).
fn load_reply(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(ProposalContext, ConsensusRow, ReplyResponse), ApiError> {
    let ctx = load_proposal(conn, user, id)?;
    let consensus =
        db::reviews::consensus_of(conn, id, ctx.stage.as_str())?.ok_or(ApiError::NotFound)?;
    if !ctx.is_member() {
        let viewer = viewer(conn, user, &ctx)?;
        require_reader(user, &viewer, Some(&consensus))?;
    }
    let window = db::reviews::reply_window(conn, &ctx.call.id, ctx.stage.as_str())?
        .ok_or(ApiError::NotFound)?;
    let reply = reply_response(&ctx, &consensus, &window, now)?.ok_or(ApiError::NotFound)?;
    Ok((ctx, consensus, reply))
}

/// The right-to-reply exchange
///
/// The consortium reads the anonymised consensus comments (no scores) and
/// its reply; the operator and rapporteur read the same.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/reply", tag = "consensus",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The comments and the reply, with the reply's version as ETag.", body = ReplyResponse),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, or no reply phase for it.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_reply(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let reply = state
        .db(move |conn| Ok(load_reply(conn, &user, &id, st.clock.now())?.2))
        .await?;
    Ok(ok_with_etag(reply.version, &reply))
}

/// Answer the consensus comments
///
/// Any consortium member, while the window is open, within the call's
/// character limit.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/reply", tag = "consensus",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The reply's ETag."),
    ),
    request_body = ReplyRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved.", body = ReplyResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::MembersOnly,
        (status = 404, description = "No such proposal, or no reply phase for it.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The window is closed.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn save_reply(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<String>,
    body: Json<ReplyRequest>,
) -> Result<HttpResponse, ApiError> {
    let text = body.into_inner().text;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let reply = state
        .write(move |conn| {
            let now = st.clock.now();
            let (ctx, consensus, reply) = load_reply(conn, &user, &id, now)?;
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
                &text,
                now.naive_utc(),
            )? {
                return Err(ApiError::PreconditionFailed);
            }
            audit::Change::new(Some(&user.id), "proposal.reply_saved", "proposal", &id)
                .before(json!({ "reply": consensus.reply }))
                .after(json!({ "reply": text }))
                .record(conn, now)?;
            Ok(load_reply(conn, &user, &id, now)?.2)
        })
        .await?;
    Ok(ok_with_etag(reply.version, &reply))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReplyWindow {
    pub stage: Stage,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Whether consortia may answer now.
    pub open: bool,
}

/// A call's reply windows
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/reply-windows", tag = "consensus",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The windows opened so far, one per stage at most.", body = Vec<ReplyWindow>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
    )
)]
pub async fn list_reply_windows(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let windows = state
        .db(move |conn| {
            let now = st.clock.now();
            let (call, _, settings) = crate::read::call::load_visible_call(conn, &user, &call_id)?;
            let mut out = Vec::new();
            for stage in settings.stages() {
                if let Some(w) = db::reviews::reply_window(conn, &call.id, stage.as_str())? {
                    let (opens_at, closes_at) = (w.opens_at.and_utc(), w.closes_at.and_utc());
                    out.push(ReplyWindow {
                        stage,
                        opens_at,
                        closes_at,
                        open: opens_at <= now && now < closes_at,
                    });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(HttpResponse::Ok().json(windows))
}
