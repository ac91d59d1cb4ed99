//! Which facts price a proposal (`domain::pricing`): the live rows of a
//! draft or a withdrawn proposal, the frozen snapshot of a submitted one.
//! Every reader of money goes through `of_proposal`, so none of them can
//! price a submitted proposal from rows that changed after its receipt.

use crate::db::organisations::OrganisationRow;
use crate::db::proposals::PartnerRow;
use crate::db::submissions::SubmissionRow;
use crate::db::{self, DbConnection};
use crate::domain::call::Stage;
use crate::domain::ids::ProposalId;
use crate::domain::pricing::{LineFacts, OrganisationFacts, PartnerInput, Pricing};
use crate::error::ApiError;

use super::proposal::ProposalContext;

/// An organisation row as the facts that price a partner.
pub fn organisation_facts(row: &OrganisationRow) -> OrganisationFacts {
    OrganisationFacts {
        id: row.id.clone(),
        name: row.name.clone(),
        kind: row.kind,
        country: row.country.clone(),
        company_size: row.company_size,
        registration_number: row.registration_number.clone(),
    }
}

/// The proposal priced from its rows as they are now.
pub fn live(conn: &mut DbConnection, ctx: &ProposalContext) -> Result<Pricing, ApiError> {
    let partners = db::proposals::partners_of(conn, &ctx.proposal.id)?;
    live_of(conn, ctx, &partners)
}

/// `live` for partners the caller has loaded already.
pub fn live_of(
    conn: &mut DbConnection,
    ctx: &ProposalContext,
    partners: &[(PartnerRow, OrganisationRow)],
) -> Result<Pricing, ApiError> {
    let lines = db::proposals::budgets_of_proposal(conn, &ctx.proposal.id)?;
    let inputs = partners
        .iter()
        .map(|(partner, organisation)| PartnerInput {
            id: partner.id.clone(),
            role: partner.role,
            organisation: organisation_facts(organisation),
            budget: lines
                .iter()
                .filter(|l| l.partner_id == partner.id)
                .map(|l| LineFacts {
                    year: i64::from(l.year),
                    category: l.category,
                    amount_cents: l.amount_cents,
                })
                .collect(),
        })
        .collect();
    let research_category = ctx.proposal.research_category;
    Ok(Pricing::compute(
        &ctx.call.settings,
        research_category,
        inputs,
    ))
}

/// The facts frozen by the proposal's current submission at `stage`, if any.
pub fn frozen(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
) -> Result<Option<Pricing>, ApiError> {
    db::submissions::current(conn, proposal_id)?
        .filter(|row| row.stage == stage)
        .map(|row| submitted(&row))
        .transpose()
}

/// The pricing a submission froze, as its snapshot holds it.
pub fn submitted(row: &SubmissionRow) -> Result<Pricing, ApiError> {
    serde_json::from_str(&row.snapshot).map_err(|e| {
        ApiError::Internal(anyhow::anyhow!(
            "the snapshot of submission {} does not read back: {e}",
            row.receipt_number
        ))
    })
}

/// The facts that price the proposal: frozen once it is submitted (also
/// after eligibility), live while it is a draft or withdrawn.
pub fn of_proposal(conn: &mut DbConnection, ctx: &ProposalContext) -> Result<Pricing, ApiError> {
    if !ctx.status.is_submitted() {
        return live(conn, ctx);
    }
    frozen(conn, &ctx.proposal.id, ctx.stage)?.ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "proposal {} is {} without a current {} submission",
            ctx.proposal.id,
            ctx.status.as_str(),
            ctx.stage.as_str()
        ))
    })
}
