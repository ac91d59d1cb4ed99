//! A call's life: draft, open, closed, in evaluation, decided.

use serde::Deserialize;
use utoipa::ToSchema;

use super::Context;
use crate::auth::policy;
use crate::db::calls::CallRow;
use crate::db::{self, audit};
use crate::domain::call::{CallSettings, CallStatus, Stage};
use crate::domain::ids::CallId;
use crate::domain::precondition::IfMatch;
use crate::error::{ApiError, FieldError, ProblemCode};
use crate::read::call;

#[derive(Debug, Deserialize, ToSchema)]
pub struct CallRequest {
    #[schema(min_length = 1, max_length = 300)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    /// Omitted fields take the Joint Call defaults (`GET /api/v1/calls/defaults`).
    #[serde(default)]
    pub settings: CallSettings,
}

/// Checks a request's fields and settings, all at once.
pub fn validate(request: &CallRequest) -> Result<(String, String), ApiError> {
    let mut errors = Vec::new();
    let title = request
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if title.is_empty() {
        errors.push(FieldError::new(
            "title",
            "required",
            "A call needs a title.",
        ));
    } else if request.title.chars().count() > 300 {
        errors.push(FieldError::new(
            "title",
            "too_long",
            "A title has at most 300 characters.",
        ));
    }
    if request.description.chars().count() > 20_000 {
        errors.push(FieldError::new(
            "description",
            "too_long",
            "A description has at most 20,000 characters.",
        ));
    }
    errors.extend(request.settings.problems());
    if errors.is_empty() {
        Ok((title, request.description.trim().to_owned()))
    } else {
        Err(ApiError::Validation(errors))
    }
}

fn settings_json(settings: &CallSettings) -> Result<String, ApiError> {
    serde_json::to_string(settings).map_err(|e| ApiError::Internal(e.into()))
}

/// Creates a draft call as an operator, from the request's settings (the
/// Joint Call defaults where it leaves them out).
pub fn create(cx: &mut Context<'_>, request: &CallRequest) -> Result<CallRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    let (title, description) = validate(request)?;
    let row = CallRow {
        id: CallId::generate(),
        title,
        description,
        status: CallStatus::Draft,
        settings: settings_json(&request.settings)?,
        created_by: Some(user.id.clone()),
        opened_at: None,
        version: 1,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
    };
    db::calls::insert(conn, &row)?;
    audit::Change::new(Some(&user.id), "call.created", "call", &row.id)
        .after_of(&row)
        .record(conn, now)?;
    Ok(row)
}

/// Replaces a draft or open call's texts and settings. An open call keeps
/// settings fit to run: the opening checks apply again.
pub fn update(
    cx: &mut Context<'_>,
    id: &CallId,
    if_match: &IfMatch,
    request: &CallRequest,
) -> Result<CallRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    let before = db::calls::find(conn, id)?;
    let status = before.status;
    if_match.check(before.version)?;
    if !matches!(status, CallStatus::Draft | CallStatus::Open) {
        return Err(ApiError::conflict(
            ProblemCode::CallClosedForChanges,
            "The call is closed; its settings can no longer change.",
        ));
    }
    let (title, description) = validate(request)?;
    if status == CallStatus::Open {
        let problems = request.settings.opening_problems(now);
        if !problems.is_empty() {
            return Err(ApiError::Validation(problems));
        }
    }
    let after = CallRow {
        title,
        description,
        settings: settings_json(&request.settings)?,
        version: before.version + 1,
        updated_at: now.naive_utc(),
        ..before.clone()
    };
    if !db::calls::update(conn, &after, before.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::Change::new(Some(&user.id), "call.updated", "call", id)
        .before_of(&before)
        .after_of(&after)
        .record(conn, now)?;
    Ok(after)
}

/// Moves a call to its next status. Opening needs complete settings, closing
/// a passed last deadline; a call is decided only by releasing its results.
pub fn transition(cx: &mut Context<'_>, id: &CallId, to: CallStatus) -> Result<CallRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    let before = db::calls::find(conn, id)?;
    let status = before.status;
    let settings = call::settings(&before)?;
    if status.next() != Some(to) {
        return Err(ApiError::conflict(
            ProblemCode::InvalidTransition,
            format!("A {} call cannot become {}.", status.as_str(), to.as_str()),
        ));
    }
    match to {
        CallStatus::Open => {
            let problems = settings.opening_problems(now);
            if !problems.is_empty() {
                return Err(ApiError::Validation(problems));
            }
        }
        CallStatus::Decided => {
            return Err(ApiError::conflict(
                ProblemCode::ReleaseResults,
                "A call is decided by releasing its results (POST /api/v1/calls/{id}/release).",
            ));
        }
        CallStatus::Closed if settings.before_deadline(Stage::Full, now) => {
            return Err(ApiError::conflict(
                ProblemCode::DeadlineNotPassed,
                "The call closes only after its last deadline.",
            ));
        }
        _ => {}
    }
    let after = CallRow {
        status: to,
        opened_at: if to == CallStatus::Open {
            Some(now.naive_utc())
        } else {
            before.opened_at
        },
        version: before.version + 1,
        updated_at: now.naive_utc(),
        ..before.clone()
    };
    if !db::calls::update(conn, &after, before.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::Change::new(Some(&user.id), "call.status_changed", "call", id)
        .before(serde_json::json!({ "status": before.status }))
        .after(serde_json::json!({ "status": after.status }))
        .record(conn, now)?;
    Ok(after)
}
