//! The release of a call's results: every eligible full proposal's result
//! frozen, the decision letters mailed in each contact's language, the call
//! marked decided; releasing again changes and sends nothing.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use super::Context;
use super::notify::mail_consortium_in_languages;
use crate::auth::AuthUser;
use crate::db::calls::CallRow;
use crate::db::outbox;
use crate::db::results::{RedressRow, ReleaseRow, ResultRow};
use crate::db::{self, DbConnection, audit};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::deadline;
use crate::domain::funding::outcome;
use crate::domain::ids::{CallId, PartnerId, ProposalId};
use crate::domain::result::{
    ProposalResult, ReleasedOutcome, grant_results, released_outcome, summary,
};
use crate::error::{ApiError, ProblemCode};
use crate::mail::letter;
use crate::mail::templates;
use crate::read::call::{Call, load_managed_call};
use crate::read::funding::{FundedPartner, funded_partners_of};
use crate::read::pricing;
use crate::read::proposal::load_context;
use crate::read::result::{load_result, parse_result};
use crate::read::review::parse_content;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReleasedProposal {
    #[schema(value_type = String)]
    pub proposal_id: ProposalId,
    pub acronym: String,
    pub outcome: ReleasedOutcome,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReleaseResponse {
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub released_at: DateTime<Utc>,
    /// How many decision letters were queued.
    pub letters: i32,
    pub results: Vec<ReleasedProposal>,
}

pub fn release_response(
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
    let eligible = db::proposals::in_call_stage(conn, &call.id, Stage::Full, &["eligible"])?;
    let mut unevaluated = Vec::new();
    let mut undecided = Vec::new();
    let mut out = Vec::new();
    for proposal in eligible {
        let ctx = load_context(conn, &user.id, &proposal.id)?;
        let consensus =
            db::reviews::consensus_of(conn, &proposal.id, Stage::Full)?.filter(|c| c.is_approved());
        let Some(consensus) = consensus else {
            unevaluated.push(proposal.acronym.clone());
            continue;
        };
        let evaluation = summary(
            &ctx.call.settings,
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
        let all: Vec<(PartnerId, String)> = pricing
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

/// Releases the call's results as an operator (see the module).
pub fn release(
    cx: &mut Context<'_>,
    call_id: &CallId,
    allow_pending: bool,
) -> Result<ReleaseResponse, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let Call {
        row: call,
        settings,
    } = load_managed_call(conn, user, call_id)?;
    if let Some(release) = db::results::release_of(conn, &call.id)? {
        return release_response(conn, &release);
    }
    if call.status != CallStatus::InEvaluation {
        return Err(ApiError::conflict(
            ProblemCode::CallNotInEvaluation,
            "Results are released from a call in evaluation.",
        ));
    }
    let results = results_for(conn, user, &call, allow_pending, now, &settings)?;
    let mut letters = 0;
    for result in &results {
        db::results::insert_result(
            conn,
            &ResultRow {
                proposal_id: result.proposal_id.clone(),
                call_id: call.id.clone(),
                outcome: result.outcome,
                content: serde_json::to_string(result).map_err(|e| ApiError::Internal(e.into()))?,
                released_at: now.naive_utc(),
            },
        )?;
        let link = format!(
            "{}/proposals/{}/result",
            config.public_url, result.proposal_id
        );
        letters += mail_consortium_in_languages(conn, &result.proposal_id, now, |to, language| {
            letter::mail(language, to, result, &link)
        })?;
    }
    let release = ReleaseRow {
        call_id: call.id.clone(),
        released_at: now.naive_utc(),
        released_by: user.id.clone(),
        letters: i32::try_from(letters).unwrap_or(i32::MAX),
    };
    db::results::insert_release(conn, &release)?;
    let decided = CallRow {
        status: CallStatus::Decided,
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
}

/// The coordinator asks, once and within the redress period, for the
/// result to be looked at again; the operator who released it is told.
pub fn file_redress(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    text: String,
) -> Result<RedressRow, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let (ctx, result) = load_result(conn, user, proposal_id)?;
    ctx.require_member()?;
    ctx.require_coordinator()?;
    if !deadline::is_within(now, result.redress_until) {
        return Err(ApiError::conflict(
            ProblemCode::RedressPeriodOver,
            "The period to ask for a redress is over.",
        ));
    }
    if db::results::redress_of(conn, proposal_id)?.is_some() {
        return Err(ApiError::conflict(
            ProblemCode::RedressFiled,
            "A redress request was filed for this proposal already.",
        ));
    }
    let row = RedressRow {
        proposal_id: proposal_id.to_owned(),
        text,
        filed_by: user.id.clone(),
        filed_at: now.naive_utc(),
        answer: None,
        answered_by: None,
        answered_at: None,
    };
    db::results::insert_redress(conn, &row)?;
    let link = format!("{}/proposals/{proposal_id}/redress", config.public_url);
    let release = db::results::release_of(conn, &ctx.call.row.id)?.ok_or(ApiError::NotFound)?;
    let operator = db::users::find(conn, &release.released_by)?;
    outbox::enqueue(
        conn,
        templates::redress_filed(&operator.email, &result.acronym, &link),
        now,
    )?;
    audit::Change::new(
        Some(&user.id),
        "proposal.redress_filed",
        "proposal",
        proposal_id,
    )
    .after_of(&row)
    .record(conn, now)?;
    Ok(row)
}
