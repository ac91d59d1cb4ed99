//! A call's life: draft, open, closed, in evaluation, decided.

use super::Context;
use crate::auth::policy;
use crate::db::calls::CallRow;
use crate::db::{self, audit};
use crate::domain::call::{CallStatus, Stage};
use crate::error::{ApiError, ProblemCode};
use crate::read::call;

/// Moves a call to its next status. Opening needs complete settings, closing
/// a passed last deadline; a call is decided only by releasing its results.
pub fn transition(cx: &mut Context<'_>, id: &str, to: CallStatus) -> Result<CallRow, ApiError> {
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
