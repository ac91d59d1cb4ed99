//! The checklist: what stands between a proposal and its submission.

use chrono::{DateTime, Utc};

use super::pricing;
use super::proposal::ProposalContext;
use crate::db::{self, DbConnection};
use crate::domain::checklist::{self, ChecklistInput, ChecklistItem};
use crate::domain::pricing::{Pricing, changes_since_submission};
use crate::domain::proposal::ProposalStatus;
use crate::error::ApiError;

/// The checklist of the proposal as it stands: a draft's live facts, a
/// submitted proposal's frozen ones (what eligibility is checked against).
pub fn build_checklist(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
) -> Result<Vec<ChecklistItem>, ApiError> {
    let pricing = pricing::of_proposal(conn, ctx)?;
    checklist_of(conn, ctx, &pricing)
}

pub fn checklist_of(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    pricing: &Pricing,
) -> Result<Vec<ChecklistItem>, ApiError> {
    let row = &ctx.proposal;
    let facts = pricing.checklist_partners();
    let documents = db::documents::list(conn, &row.id)?;
    let types: Vec<&str> = documents
        .iter()
        .filter(|d| d.stage == ctx.stage)
        .map(|d| d.document_type.as_str())
        .collect();
    Ok(checklist::check(&ChecklistInput {
        settings: &ctx.call.settings,
        stage: ctx.stage,
        title: &row.title,
        abstract_text: &row.abstract_text,
        keywords: row.keywords.0.len(),
        duration_months: row.duration_months,
        has_start_date: row.start_date.is_some(),
        clinical: &row.clinical.0,
        partners: &facts,
        grants: &pricing.grants,
        documents: &types,
    }))
}

/// The checklist a consortium sees: the rules against what prices the
/// proposal and, for a submitted proposal before the deadline, whatever
/// changed since its receipt (which only a new submission takes in).
pub fn consortium_checklist(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    now: DateTime<Utc>,
) -> Result<Vec<ChecklistItem>, ApiError> {
    let pricing = pricing::of_proposal(conn, ctx)?;
    let mut items = checklist_of(conn, ctx, &pricing)?;
    if ctx.status == ProposalStatus::Submitted && ctx.call.settings.before_deadline(ctx.stage, now)
    {
        let live = pricing::live(conn, ctx)?;
        items.extend(changes_since_submission(&pricing, &live));
    }
    Ok(items)
}
