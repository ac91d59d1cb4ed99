//! Individual reviews: the expert's draft (every save kept as a version),
//! its submission once complete, and the other experts' reviews of the same
//! proposal, shown only after one's own and never with names.

use std::sync::Arc;

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::if_match::IfMatch;
use crate::domain::ids::{AssignmentId, ProposalId, ReviewId};
use crate::read::assignment::load_own_assignment;

use super::json::Json;
use super::support::ok_with_etag;
use crate::auth::AuthUser;
use crate::db::experts::AssignmentRow;
use crate::db::reviews::ReviewRow;
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::review::{
    AssignmentStatus, ReviewContent, ReviewStatus, anonymous_label, check_complete, check_draft,
};
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::read::review::parse_content;
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewResponse {
    #[schema(value_type = String)]
    pub id: ReviewId,
    #[schema(value_type = String)]
    pub assignment_id: AssignmentId,
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub stage: Stage,
    pub status: ReviewStatus,
    pub content: ReviewContent,
    /// For If-Match.
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl ReviewResponse {
    fn of(row: &ReviewRow) -> Result<Self, ApiError> {
        Ok(Self {
            id: row.id.clone(),
            assignment_id: row.assignment_id.clone(),
            proposal_id: row.proposal_id.clone(),
            stage: row.stage,
            status: row.status,
            content: parse_content(&row.content)?,
            version: row.version,
            updated_at: row.updated_at.and_utc(),
            submitted_at: row.submitted_at.map(|t| t.and_utc()),
        })
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReviewVersion {
    pub version: i64,
    pub saved_at: DateTime<Utc>,
    pub content: ReviewContent,
}

/// Another expert's submitted review, under a letter instead of a name.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeerReview {
    /// "Expert B": the place of the review among the proposal's reviews.
    pub label: String,
    pub content: ReviewContent,
    pub submitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeerReviews {
    /// The caller's own letter among the proposal's reviews.
    pub you_are: String,
    /// The other submitted reviews; those still in draft are not shown.
    pub reviews: Vec<PeerReview>,
}

/// The caller's assignment, its review and the call's settings; only once
/// the expert has declared no conflict.
fn load_review(
    conn: &mut DbConnection,
    user: &AuthUser,
    assignment_id: &AssignmentId,
) -> Result<(AssignmentRow, ReviewRow, Arc<CallSettings>), ApiError> {
    let (row, expert) = load_own_assignment(conn, user, assignment_id)?;
    let review = db::reviews::of_assignment(conn, &row.id)?;
    let Some(review) = review.filter(|_| row.status == AssignmentStatus::Cleared) else {
        return Err(ApiError::conflict(
            ProblemCode::DeclarationRequired,
            "Declare that you have no conflict of interest with this proposal first.",
        ));
    };
    let settings = crate::read::call::settings(&db::calls::find(conn, &expert.call_id)?)?;
    Ok((row, review, settings))
}

fn require_draft(review: &ReviewRow) -> Result<(), ApiError> {
    if review.status == ReviewStatus::Draft {
        Ok(())
    } else {
        Err(ApiError::conflict(
            ProblemCode::ReviewSubmitted,
            "This review is submitted and cannot change any more.",
        ))
    }
}

/// My review
#[utoipa::path(
    get, path = "/api/v1/assignments/{id}/review", tag = "reviews",
    params(("id" = String, Path, description = "The assignment's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The review, with its version as ETag.", body = ReviewResponse),
        problems::Unauthenticated,
        problems::AssignmentNotFound,
        (status = 409, description = "No conflict declared yet.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_review(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let response = state
        .db(move |conn| {
            let (_, review, _) = load_review(conn, &user, &id)?;
            ReviewResponse::of(&review)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Save my review's draft
///
/// Autosave: any part may be missing, but nothing off the scale, no unknown
/// criteria, no comment over its length. Every save is kept as a version.
#[utoipa::path(
    put, path = "/api/v1/assignments/{id}/review", tag = "reviews",
    params(
        ("id" = String, Path, description = "The assignment's id."),
        ("If-Match" = String, Header, description = "The review's ETag."),
    ),
    request_body = ReviewContent,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Saved.", body = ReviewResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::AssignmentNotFound,
        (status = 409, description = "No conflict declared yet, or the review is submitted.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn save_review(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: Json<ReviewContent>,
) -> Result<HttpResponse, ApiError> {
    let content = body.into_inner();
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let (_, review, settings) = load_review(conn, &user, &id)?;
            if_match.check(review.version)?;
            require_draft(&review)?;
            let stage = review.stage;
            let errors = check_draft(&settings, stage, &content);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let after = ReviewRow {
                content: serde_json::to_string(&content).unwrap_or_default(),
                version: review.version + 1,
                updated_at: now.naive_utc(),
                ..review.clone()
            };
            if !db::reviews::save(conn, &after, review.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            audit::Change::new(Some(&user.id), "review.draft_saved", "review", &review.id)
                .before(json!({ "version": review.version }))
                .after(json!({ "version": after.version }))
                .record(conn, now)?;
            ReviewResponse::of(&after)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// My review's saved versions
#[utoipa::path(
    get, path = "/api/v1/assignments/{id}/review/versions", tag = "reviews",
    params(("id" = String, Path, description = "The assignment's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every saved version, oldest first.", body = Vec<ReviewVersion>),
        problems::Unauthenticated,
        problems::AssignmentNotFound,
        (status = 409, description = "No conflict declared yet.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_review_versions(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let versions = state
        .db(move |conn| {
            let (_, review, _) = load_review(conn, &user, &id)?;
            db::reviews::versions(conn, &review.id)?
                .into_iter()
                .map(|v| {
                    Ok(ReviewVersion {
                        version: v.version,
                        saved_at: v.saved_at.and_utc(),
                        content: parse_content(&v.content)?,
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()
        })
        .await?;
    Ok(HttpResponse::Ok().json(versions))
}

/// Submit my review
///
/// The saved draft must score every criterion of the stage on the scale,
/// with a comment each and an overall comment; every problem is listed.
/// A submitted review is final.
#[utoipa::path(
    post, path = "/api/v1/assignments/{id}/review/submission", tag = "reviews",
    params(("id" = String, Path, description = "The assignment's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Submitted.", body = ReviewResponse),
        problems::Unauthenticated,
        problems::AssignmentNotFound,
        (status = 409, description = "No conflict declared yet, or submitted already.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Incomplete: every missing or invalid part listed.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_review(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let (_, review, settings) = load_review(conn, &user, &id)?;
            require_draft(&review)?;
            let stage = review.stage;
            let content = parse_content(&review.content)?;
            let scores =
                check_complete(&settings, stage, &content).map_err(ApiError::Validation)?;
            let after = ReviewRow {
                status: ReviewStatus::Submitted,
                version: review.version + 1,
                updated_at: now.naive_utc(),
                submitted_at: Some(now.naive_utc()),
                ..review.clone()
            };
            if !db::reviews::save(conn, &after, review.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            let scores: serde_json::Map<String, serde_json::Value> = scores
                .iter()
                .map(|(k, s)| (k.clone(), json!(s.value())))
                .collect();
            audit::Change::new(Some(&user.id), "review.submitted", "review", &review.id)
                .before(json!({ "status": review.status }))
                .after(json!({ "status": after.status, "scores": scores }))
                .record(conn, now)?;
            ReviewResponse::of(&after)
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// The other experts' reviews
///
/// Only after submitting one's own, only the submitted ones, and under
/// letters: an expert never learns who the others are.
#[utoipa::path(
    get, path = "/api/v1/assignments/{id}/peer-reviews", tag = "reviews",
    params(("id" = String, Path, description = "The assignment's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The others' submitted reviews.", body = PeerReviews),
        problems::Unauthenticated,
        (status = 403, description = "Submit your own review first.", body = Problem, content_type = "application/problem+json"),
        problems::AssignmentNotFound,
        (status = 409, description = "No conflict declared.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_peer_reviews(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<AssignmentId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let peers = state
        .db(move |conn| {
            let (_, own, _) = load_review(conn, &user, &id)?;
            if own.status != ReviewStatus::Submitted {
                return Err(ApiError::refused(
                    ProblemCode::OwnReviewFirst,
                    "You see the other experts' reviews once you have submitted your own.",
                ));
            }
            let all = db::reviews::of_proposal(conn, &own.proposal_id, own.stage)?;
            let mut you_are = String::new();
            let mut reviews = Vec::new();
            for (i, review) in all.iter().enumerate() {
                if review.id == own.id {
                    you_are = anonymous_label(i);
                } else if review.status == ReviewStatus::Submitted {
                    reviews.push(PeerReview {
                        label: anonymous_label(i),
                        content: parse_content(&review.content)?,
                        submitted_at: review.submitted_at.map(|t| t.and_utc()),
                    });
                }
            }
            Ok(PeerReviews { you_are, reviews })
        })
        .await?;
    Ok(HttpResponse::Ok().json(peers))
}
