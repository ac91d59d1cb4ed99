//! An expert's own assignments, as only that expert may load them.

use crate::auth::AuthUser;
use crate::db::experts::{AssignmentRow, ExpertRow};
use crate::db::{self, DbConnection};
use crate::domain::role::Role;
use crate::error::ApiError;

/// The caller's own assignment (as the expert it was made to); 404 for
/// everyone else, so ids reveal nothing.
pub fn load_own_assignment(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &str,
) -> Result<(AssignmentRow, ExpertRow), ApiError> {
    let row = db::experts::find_assignment(conn, id)?;
    let expert = db::experts::find(conn, &row.expert_id)?;
    if !user.has(Role::Reviewer) || expert.user_id.as_deref() != Some(user.id.as_str()) {
        return Err(ApiError::NotFound);
    }
    Ok((row, expert))
}
