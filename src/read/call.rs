//! A call as every reader needs it: its row, its status and its parsed settings.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use crate::auth::{AuthUser, policy};
use crate::db::calls::CallRow;
use crate::db::{self, DbConnection};
use crate::domain::call::{CallSettings, CallStatus};
use crate::domain::ids::CallId;
use crate::error::ApiError;

/// A call as every reader needs it: the stored row and its parsed settings.
#[derive(Debug, Clone)]
pub struct Call {
    pub row: CallRow,
    pub settings: Arc<CallSettings>,
}

impl Call {
    pub fn of(row: CallRow) -> Result<Self, ApiError> {
        let settings = settings(&row)?;
        Ok(Self { row, settings })
    }

    pub fn status(&self) -> CallStatus {
        self.row.status
    }
}

/// A stored call's settings; settings written by this program always parse.
pub fn settings(row: &CallRow) -> Result<Arc<CallSettings>, ApiError> {
    settings_of(&row.settings)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("call {} settings: {e}", row.id)))
}

/// Parsed settings by their stored text. Nearly every request needs its call's
/// settings, and parsing them was 7% of a proposal read's CPU (perf, issue #7).
/// Keyed by the text itself, so an edited call is never served its old settings.
fn settings_of(text: &str) -> Result<Arc<CallSettings>, serde_json::Error> {
    /// Distinct settings texts kept; a portal has a handful of calls.
    const KEEP: usize = 64;
    static PARSED: LazyLock<Mutex<HashMap<String, Arc<CallSettings>>>> =
        LazyLock::new(Default::default);
    let parsed = || PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(settings) = parsed().get(text) {
        return Ok(Arc::clone(settings));
    }
    let settings = Arc::new(serde_json::from_str::<CallSettings>(text)?);
    let mut memo = parsed();
    if memo.len() >= KEEP {
        memo.clear();
    }
    memo.insert(text.to_owned(), Arc::clone(&settings));
    Ok(settings)
}

/// Loads a call the user may see; 404 for drafts of others, as for missing calls.
pub fn load_visible_call(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &CallId,
) -> Result<Call, ApiError> {
    let call = load_call(conn, id)?;
    ApiError::not_found_unless(policy::may_see_call(user, call.status()))?;
    Ok(call)
}

/// A call an operator works on: 403 unless the caller manages calls, then as
/// [`load_visible_call`]. The one preamble of every operator use case on a call.
pub fn load_managed_call(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &CallId,
) -> Result<Call, ApiError> {
    ApiError::forbidden_unless(policy::may_manage_calls(user))?;
    load_visible_call(conn, user, id)
}

/// A call with its parsed settings, whoever asks.
pub fn load_call(conn: &mut DbConnection, id: &CallId) -> Result<Call, ApiError> {
    Call::of(db::calls::find(conn, id)?)
}
