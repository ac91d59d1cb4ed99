//! A released result: what a consortium, the call's managers and its
//! funders read after the release.

use super::funding::load_for_reader;
use super::proposal::ProposalContext;
use crate::auth::{AuthUser, policy};
use crate::db::results::ResultRow;
use crate::db::{self, DbConnection};
use crate::domain::ids::ProposalId;
use crate::domain::result::ProposalResult;
use crate::error::ApiError;

/// A stored result; a row that does not parse is a bug, not user input.
pub fn parse_result(row: &ResultRow) -> Result<ProposalResult, ApiError> {
    serde_json::from_str(&row.content).map_err(|e| {
        ApiError::Internal(anyhow::anyhow!("stored result of {}: {e}", row.proposal_id))
    })
}

/// The released result of a proposal, for its consortium and for the call's
/// managers and funders; 404 before the release.
pub fn load_result(
    conn: &mut DbConnection,
    user: &AuthUser,
    id: &ProposalId,
) -> Result<(ProposalContext, ProposalResult), ApiError> {
    let ctx = load_for_reader(conn, user, id)?;
    if !ctx.is_member() && !policy::may_see_ranking(user) {
        return Err(ApiError::NotFound);
    }
    let row = db::results::result_of(conn, id)?.ok_or(ApiError::NotFound)?;
    Ok((ctx, parse_result(&row)?))
}
