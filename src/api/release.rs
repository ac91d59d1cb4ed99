//! The release of a call's results: one idempotent action that freezes each
//! evaluated proposal's result, mails the decision letter to every contact of
//! its consortium (through the outbox: none lost, none twice) and marks the
//! call decided. Before it, applicants see nothing of scores or decisions.
//! After it, the coordinator may ask for a redress of the procedure.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use super::json::Json;
use crate::read::pricing;

use crate::app::notify::{mail_consortium, mail_consortium_in_languages};
use crate::auth::{AuthUser, policy};
use crate::db::calls::CallRow;
use crate::db::results::{RedressRow, ReleaseRow, ResultRow};
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::funding::outcome;
use crate::domain::language::Language;
use crate::domain::result::{
    ProposalResult, ReleasedOutcome, grant_results, released_outcome, summary,
};
use crate::domain::{deadline, text};
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::letter;
use crate::mail::templates;
use crate::read::call::load_visible_call;
use crate::read::funding::{FundedPartner, funded_partners_of, load_for_reader};
use crate::read::proposal::{ProposalContext, load_context};
use crate::read::review::parse_content;
use crate::state::SharedState;

#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ReleaseRequest {
    /// Release although some proposals above the thresholds have no decision
    /// yet: they are released on the reserve list.
    #[serde(default)]
    pub allow_pending: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReleasedProposal {
    pub proposal_id: String,
    pub acronym: String,
    pub outcome: ReleasedOutcome,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReleaseResponse {
    pub call_id: String,
    pub released_at: DateTime<Utc>,
    /// How many decision letters were queued.
    pub letters: i32,
    pub results: Vec<ReleasedProposal>,
}

fn release_response(
    conn: &mut DbConnection,
    release: &ReleaseRow,
) -> Result<ReleaseResponse, ApiError> {
    let results = db::results::results_of_call(conn, &release.call_id)?
        .iter()
        .map(|r| {
            let result = parse_result(r)?;
            Ok(ReleasedProposal {
                proposal_id: result.proposal_id,
                acronym: result.acronym,
                outcome: result.outcome,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(ReleaseResponse {
        call_id: release.call_id.clone(),
        released_at: release.released_at.and_utc(),
        letters: release.letters,
        results,
    })
}

pub fn parse_result(row: &ResultRow) -> Result<ProposalResult, ApiError> {
    serde_json::from_str(&row.content).map_err(|e| {
        ApiError::Internal(anyhow::anyhow!("stored result of {}: {e}", row.proposal_id))
    })
}

/// Every eligible full proposal's result, or why the call cannot be released yet.
fn results_for(
    conn: &mut DbConnection,
    user: &AuthUser,
    call: &CallRow,
    allow_pending: bool,
    now: DateTime<Utc>,
    settings: &CallSettings,
) -> Result<Vec<ProposalResult>, ApiError> {
    let redress_until = deadline::end_of_day_after(now, settings.redress_days, &settings.time_zone)
        .map_err(|e| {
            ApiError::Internal(anyhow::anyhow!(
                "the redress period of call {}: {e}",
                call.id
            ))
        })?;
    let eligible =
        db::proposals::in_call_stage(conn, &call.id, Stage::Full.as_str(), &["eligible"])?;
    let mut unevaluated = Vec::new();
    let mut undecided = Vec::new();
    let mut out = Vec::new();
    for proposal in eligible {
        let ctx = load_context(conn, &user.id, &proposal.id)?;
        let consensus = db::reviews::consensus_of(conn, &proposal.id, Stage::Full.as_str())?
            .filter(|c| c.is_approved());
        let Some(consensus) = consensus else {
            unevaluated.push(proposal.acronym.clone());
            continue;
        };
        let evaluation = summary(
            &ctx.settings,
            Stage::Full,
            &parse_content(&consensus.content)?,
        );
        let pricing = pricing::of_proposal(conn, &ctx)?;
        let needs: Vec<_> = funded_partners_of(conn, &ctx, &pricing)?
            .iter()
            .map(FundedPartner::need)
            .collect();
        let released = released_outcome(evaluation.passed, outcome(&needs));
        if released == ReleasedOutcome::Reserve && !allow_pending {
            undecided.push(proposal.acronym.clone());
        }
        let all: Vec<(String, String)> = pricing
            .partners
            .into_iter()
            .map(|p| (p.id, p.organisation.name))
            .collect();
        let result = ProposalResult {
            proposal_id: proposal.id.clone(),
            call_id: call.id.clone(),
            call_title: call.title.clone(),
            acronym: proposal.acronym.clone(),
            title: proposal.title.clone(),
            outcome: released,
            summary: evaluation,
            partners: grant_results(&all, &needs, released),
            released_at: now,
            redress_until,
            time_zone: settings.time_zone.clone(),
        };
        out.push(result);
    }
    if !unevaluated.is_empty() {
        return Err(ApiError::conflict(
            ProblemCode::EvaluationIncomplete,
            format!(
                "These proposals have no approved consensus report yet: {}.",
                unevaluated.join(", ")
            ),
        ));
    }
    if !undecided.is_empty() {
        return Err(ApiError::conflict(
            ProblemCode::DecisionsPending,
            format!(
                "The funders have not decided on: {}. Release with allow_pending to put them on the reserve list.",
                undecided.join(", ")
            ),
        ));
    }
    Ok(out)
}

/// Release the results
///
/// Once every eligible full proposal has an approved consensus and every
/// proposal above the thresholds is decided (or with `allow_pending`, which
/// puts the undecided on the reserve list): freezes each result, mails the
/// decision letters and marks the call decided. Releasing again changes and
/// sends nothing.
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/release", tag = "results",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = ReleaseRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Released (now or before).", body = ReleaseResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        problems::CallNotFound,
        (status = 409, description = "The call is not in evaluation, an evaluation is unfinished, or decisions are pending.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn release_results(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<String>,
    body: Json<ReleaseRequest>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let allow_pending = body.allow_pending;
    let call_id = call_id.into_inner();
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let (call, status, settings) = load_visible_call(conn, &user, &call_id)?;
            if let Some(release) = db::results::release_of(conn, &call.id)? {
                return release_response(conn, &release);
            }
            if status != CallStatus::InEvaluation {
                return Err(ApiError::conflict(ProblemCode::CallNotInEvaluation, "Results are released from a call in evaluation."));
            }
            let results = results_for(conn, &user, &call, allow_pending, now, &settings)?;
            let mut letters = 0;
            for result in &results {
                db::results::insert_result(conn, &ResultRow {
                    proposal_id: result.proposal_id.clone(),
                    call_id: call.id.clone(),
                    outcome: result.outcome.as_str().to_owned(),
                    content: serde_json::to_string(result).map_err(|e| ApiError::Internal(e.into()))?,
                    released_at: now.naive_utc(),
                })?;
                let link = format!("{}/proposals/{}/result", st.config.public_url, result.proposal_id);
                letters += mail_consortium_in_languages(conn, &result.proposal_id, now, |to, language| letter::mail(language, to, result, &link))?;
            }
            let release = ReleaseRow {
                call_id: call.id.clone(),
                released_at: now.naive_utc(),
                released_by: user.id.clone(),
                letters: i32::try_from(letters).unwrap_or(i32::MAX),
            };
            db::results::insert_release(conn, &release)?;
            let decided = CallRow {
                status: CallStatus::Decided.as_str().to_owned(),
                version: call.version + 1,
                updated_at: now.naive_utc(),
                ..call.clone()
            };
            if !db::calls::update(conn, &decided, call.version)? {
                return Err(ApiError::PreconditionFailed);
            }
            audit::Change::new(Some(&user.id), "call.released", "call", &call.id)
                .before(json!({ "status": call.status }))
                .after(json!({
                    "status": decided.status,
                    "results": results.iter().map(|r| json!({ "proposal_id": r.proposal_id, "outcome": r.outcome })).collect::<Vec<_>>(),
                }))
                .record(conn, now)?;
            release_response(conn, &release)
        })
        .await?;
    Ok(HttpResponse::Ok().json(response))
}

/// The released result of a proposal, for its consortium and for the call's
/// managers and funders; 404 before the release.
fn load_result(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
) -> Result<(ProposalContext, ProposalResult), ApiError> {
    let ctx = load_for_reader(conn, user, id)?;
    if !ctx.is_member() && !policy::may_see_ranking(user) {
        return Err(ApiError::NotFound);
    }
    let row = db::results::result_of(conn, id)?.ok_or(ApiError::NotFound)?;
    Ok((ctx, parse_result(&row)?))
}

/// A proposal's result
///
/// After the release: the outcome, the evaluation summary and the grant per partner.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/result", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The released result.", body = ProposalResult),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, or no released result.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_result(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let (_, result) = state.db(move |conn| load_result(conn, &user, &id)).await?;
    Ok(HttpResponse::Ok().json(result))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LetterQuery {
    /// The letter's language; the reader's own (profile) when left out.
    pub language: Option<Language>,
}

/// The decision letter (PDF)
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/letter", tag = "results",
    params(("id" = String, Path, description = "The proposal's id."), LetterQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The letter.", content_type = "application/pdf", body = Vec<u8>),
        problems::Unauthenticated,
        problems::InvalidFields,
        (status = 404, description = "No such proposal, or no released result.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_letter(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
    query: web::Query<LetterQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let asked = query.language;
    let (language, result) = state
        .db(move |conn| {
            let (_, result) = load_result(conn, &user, &id)?;
            let language = match asked {
                Some(language) => language,
                None => db::users::find(conn, &user.id)?.language(),
            };
            Ok((language, result))
        })
        .await?;
    let pdf = letter::pdf(language, &result);
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"decision-{}.pdf\"",
                result
                    .acronym
                    .replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
            ),
        ))
        .body(pdf))
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RedressResponse {
    pub proposal_id: String,
    pub text: String,
    pub filed_at: DateTime<Utc>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

impl From<&RedressRow> for RedressResponse {
    fn from(row: &RedressRow) -> Self {
        Self {
            proposal_id: row.proposal_id.clone(),
            text: row.text.clone(),
            filed_at: row.filed_at.and_utc(),
            answer: row.answer.clone(),
            answered_at: row.answered_at.map(|t| t.and_utc()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct RedressText {
    /// At most 5,000 characters.
    #[schema(max_length = 5000)]
    pub text: String,
}

const MAX_REDRESS_CHARS: usize = 5_000;

fn check_text(text: &str) -> Result<String, ApiError> {
    text::required(text, "text", MAX_REDRESS_CHARS, "Write the request.")
        .map_err(|e| ApiError::Validation(vec![e]))
}

/// Ask for a redress
///
/// The coordinator, once, until the result's redress date: a review of the
/// procedure (not of the experts' judgement). The operators are mailed.
#[utoipa::path(
    post, path = "/api/v1/proposals/{id}/redress", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = RedressText,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Filed.", body = RedressResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::CoordinatorOnly,
        (status = 404, description = "No such proposal, or no released result.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Filed already, or the redress period is over.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn file_redress(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<RedressText>,
) -> Result<HttpResponse, ApiError> {
    let text = check_text(&body.text)?;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let (ctx, result) = load_result(conn, &user, &id)?;
            ctx.require_member()?;
            ctx.require_coordinator()?;
            if !deadline::is_within(now, result.redress_until) {
                return Err(ApiError::conflict(
                    ProblemCode::RedressPeriodOver,
                    "The period to ask for a redress is over.",
                ));
            }
            if db::results::redress_of(conn, &id)?.is_some() {
                return Err(ApiError::conflict(
                    ProblemCode::RedressFiled,
                    "A redress request was filed for this proposal already.",
                ));
            }
            let row = RedressRow {
                proposal_id: id.clone(),
                text,
                filed_by: user.id.clone(),
                filed_at: now.naive_utc(),
                answer: None,
                answered_by: None,
                answered_at: None,
            };
            db::results::insert_redress(conn, &row)?;
            let link = format!("{}/proposals/{id}/redress", st.config.public_url);
            let release = db::results::release_of(conn, &ctx.call.id)?.ok_or(ApiError::NotFound)?;
            let operator = db::users::find(conn, &release.released_by)?;
            outbox::enqueue(
                conn,
                templates::redress_filed(&operator.email, &result.acronym, &link),
                now,
            )?;
            audit::Change::new(Some(&user.id), "proposal.redress_filed", "proposal", &id)
                .after_of(&row)
                .record(conn, now)?;
            Ok(row)
        })
        .await?;
    Ok(HttpResponse::Created().json(RedressResponse::from(&row)))
}

/// A proposal's redress request
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/redress", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request and its answer.", body = RedressResponse),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal, or no request.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_redress(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let row = state
        .db(move |conn| {
            load_result(conn, &user, &id)?;
            db::results::redress_of(conn, &id)?.ok_or(ApiError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RedressResponse::from(&row)))
}

/// Answer a redress request
///
/// The operator, once; the consortium is mailed the answer.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/redress/answer", tag = "results",
    params(("id" = String, Path, description = "The proposal's id.")),
    request_body = RedressText,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Answered.", body = RedressResponse),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::ManagersOnly,
        (status = 404, description = "No such proposal, or no request.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn answer_redress(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
    body: Json<RedressText>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(&user))?;
    let text = check_text(&body.text)?;
    let id = id.into_inner();
    let st = state.get_ref().clone();
    let row = state
        .write(move |conn| {
            let now = st.clock.now();
            let (_, result) = load_result(conn, &user, &id)?;
            let before = db::results::redress_of(conn, &id)?.ok_or(ApiError::NotFound)?;
            if !db::results::answer_redress(conn, &id, &text, &user.id, now.naive_utc())? {
                return Err(ApiError::conflict(
                    ProblemCode::RedressAnswered,
                    "This redress request is answered already.",
                ));
            }
            let after = db::results::redress_of(conn, &id)?.ok_or(ApiError::NotFound)?;
            let link = format!("{}/proposals/{id}/redress", st.config.public_url);
            mail_consortium(conn, &id, now, |to| {
                templates::redress_answered(to, &result.acronym, &text, &link)
            })?;
            audit::Change::new(Some(&user.id), "proposal.redress_answered", "proposal", &id)
                .before_of(&before)
                .after_of(&after)
                .record(conn, now)?;
            Ok(after)
        })
        .await?;
    Ok(HttpResponse::Ok().json(RedressResponse::from(&row)))
}
