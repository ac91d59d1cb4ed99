//! A call as every reader needs it: its row, its status and its parsed settings.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use crate::auth::{AuthUser, policy};
use crate::db::calls::CallRow;
use crate::db::{self, DbConnection};
use crate::domain::call::{CallSettings, CallStatus};
use crate::error::ApiError;

/// Reads a stored call; settings written by this program always parse.
pub fn parse_call(row: &CallRow) -> Result<(CallStatus, Arc<CallSettings>), ApiError> {
    let status = row.status;
    let settings = settings_of(&row.settings)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("call {} settings: {e}", row.id)))?;
    Ok((status, settings))
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
    id: &str,
) -> Result<(CallRow, CallStatus, Arc<CallSettings>), ApiError> {
    let (row, status, settings) = load_call(conn, id)?;
    ApiError::not_found_unless(policy::may_see_call(user, status))?;
    Ok((row, status, settings))
}

/// A call with its status and parsed settings, whoever asks.
pub fn load_call(
    conn: &mut DbConnection,
    id: &str,
) -> Result<(CallRow, CallStatus, Arc<CallSettings>), ApiError> {
    let row = db::calls::find(conn, id)?;
    let (status, settings) = parse_call(&row)?;
    Ok((row, status, settings))
}
