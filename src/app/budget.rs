//! A partner's budget, replaced as a whole by one of its contacts.

use super::Context;
use crate::db::proposals::BudgetLineRow;
use crate::db::{self, audit};
use crate::domain::budget::{merge_line_errors, parse_lines};
use crate::domain::checklist::last_project_year;
use crate::domain::grant::CostCategory;
use crate::domain::ids::{PartnerId, ProposalId};
use crate::domain::precondition::IfMatch;
use crate::error::{ApiError, FieldError, ProblemCode};
use crate::read::proposal::{ProposalContext, load_proposal};

/// Replaces the partner's budget with `lines` (year, category, cents), as
/// one of the partner's contacts, while the proposal is editable. `typed`
/// are the errors of lines that did not even read as lines: reported with
/// the rules' errors, in line order. Returns the partner's new version
/// (the budget's ETag) and the stored lines.
pub fn replace(
    cx: &mut Context<'_>,
    proposal_id: &ProposalId,
    partner_id: &PartnerId,
    if_match: &IfMatch,
    lines: &[(i64, CostCategory, i64)],
    typed: Vec<FieldError>,
) -> Result<(i64, Vec<BudgetLineRow>), ApiError> {
    let (conn, now, user, _) = cx.parts();
    let ctx = load_proposal(conn, user, proposal_id)?;
    let partner = db::proposals::find_partner(conn, proposal_id, partner_id)?;
    if !ctx.my_partners.contains(&partner.id) {
        return Err(ApiError::refused(
            ProblemCode::NotYourBudget,
            "Only this partner's contacts may change its budget.",
        ));
    }
    if_match.check(partner.version)?;
    ctx.require_editable(now)?;
    let parsed = match parse_lines(lines, budget_years(&ctx)) {
        Ok(parsed) if typed.is_empty() => parsed,
        Ok(_) => return Err(ApiError::Validation(typed)),
        Err(rules) => return Err(ApiError::Validation(merge_line_errors(typed, rules))),
    };
    let before = db::proposals::budget_of(conn, &partner.id)?;
    let rows: Vec<BudgetLineRow> = parsed
        .iter()
        .zip(0..)
        .map(|(line, position)| BudgetLineRow {
            id: uuid::Uuid::new_v4().to_string(),
            partner_id: partner.id.clone(),
            year: i32::from(line.year),
            category: line.category,
            amount_cents: line.amount_cents,
            position,
        })
        .collect();
    if !db::proposals::bump_partner(conn, &partner.id, partner.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    db::proposals::replace_budget(conn, &partner.id, &rows)?;
    db::proposals::touch(conn, proposal_id, now.naive_utc())?;
    audit::Change::new(
        Some(&user.id),
        "proposal.budget_changed",
        "partner",
        &partner.id,
    )
    .before_of(&before)
    .after_of(&rows)
    .record(conn, now)?;
    Ok((partner.version + 1, rows))
}

/// The project years a budget may use: those of the proposal's own duration
/// once it is given, else those of the longest project the call allows.
fn budget_years(ctx: &ProposalContext) -> i64 {
    match ctx.proposal.duration_months.filter(|m| *m > 0) {
        Some(months) => last_project_year(months),
        None => last_project_year(
            i32::try_from(ctx.call.settings.max_duration_months).unwrap_or(i32::MAX),
        ),
    }
}
