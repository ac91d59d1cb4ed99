//! Partners' budgets and the grants computed from them.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body_errors;
use super::if_match::IfMatch;
use super::json::Json;
use crate::read::pricing;

use super::support::ok_with_etag;
use crate::auth::AuthUser;
use crate::db::proposals::BudgetLineRow;
use crate::db::{self, audit};
use crate::domain::budget::parse_lines;
use crate::domain::checklist::last_project_year;
use crate::domain::grant::{CostCategory, ProposalGrants};
use crate::error::ProblemCode;
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::proposal::{ProposalContext, load_proposal};
use crate::state::SharedState;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BudgetLineDto {
    /// The project year, from 1.
    #[schema(minimum = 1)]
    pub year: i64,
    pub category: CostCategory,
    /// Euro cents, 0 or more.
    #[schema(minimum = 0)]
    pub amount_cents: i64,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BudgetUpdate {
    /// Read line by line, so that every line's errors are listed together
    /// with the budget's own rules (`read_lines`).
    #[schema(value_type = Vec<BudgetLineDto>, max_items = 200)]
    pub lines: Vec<serde_json::Value>,
}

/// The lines that read as lines (a badly typed one as a neutral line in its
/// place, so the indices stay) and the errors of those that did not.
fn read_lines(raw: &[serde_json::Value]) -> (Vec<(i64, CostCategory, i64)>, Vec<FieldError>) {
    let mut lines = Vec::with_capacity(raw.len());
    let mut errors = Vec::new();
    for (i, value) in raw.iter().enumerate() {
        match serde_json::from_value::<BudgetLineDto>(value.clone()) {
            Ok(l) => lines.push((l.year, l.category, l.amount_cents)),
            Err(_) => {
                lines.push((1, CostCategory::Other, 0));
                errors.extend(
                    body_errors::collect::<BudgetLineDto>(value)
                        .into_iter()
                        .map(|e| {
                            let field = if e.field == "body" {
                                format!("lines[{i}]")
                            } else {
                                format!("lines[{i}].{}", e.field)
                            };
                            FieldError { field, ..e }
                        }),
                );
            }
        }
    }
    (lines, errors)
}

/// Type errors and rule errors together, in line order; a line with a type
/// error is judged by that alone.
fn merge_line_errors(typed: Vec<FieldError>, rules: Vec<FieldError>) -> Vec<FieldError> {
    let line_of = |field: &str| -> Option<usize> {
        field
            .strip_prefix("lines[")?
            .split(']')
            .next()?
            .parse()
            .ok()
    };
    let broken: Vec<usize> = typed.iter().filter_map(|e| line_of(&e.field)).collect();
    let mut all: Vec<FieldError> = rules
        .into_iter()
        .filter(|e| line_of(&e.field).is_none_or(|i| !broken.contains(&i)))
        .chain(typed)
        .collect();
    all.sort_by_key(|e| line_of(&e.field).map_or(0, |i| i + 1));
    all
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BudgetResponse {
    pub partner_id: String,
    pub lines: Vec<BudgetLineDto>,
    pub total_cents: i64,
    /// Also the ETag.
    pub version: i64,
}

fn budget_response(partner_id: &str, version: i64, rows: &[BudgetLineRow]) -> BudgetResponse {
    BudgetResponse {
        partner_id: partner_id.to_owned(),
        lines: rows
            .iter()
            .map(|r| BudgetLineDto {
                year: i64::from(r.year),
                category: r.category,
                amount_cents: r.amount_cents,
            })
            .collect(),
        total_cents: rows.iter().map(|r| r.amount_cents).sum(),
        version,
    }
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

/// Read a partner's budget
///
/// Every member of the consortium may read every partner's budget.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/partners/{partner_id}/budget", tag = "budgets",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("partner_id" = String, Path, description = "The partner's id."),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The budget.", body = BudgetResponse,
            headers(("ETag" = String, description = "The budget's version, for If-Match."))),
        problems::Unauthenticated,
        (status = 404, description = "No such proposal or partner, or not yours to see.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_budget(
    state: web::Data<SharedState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, partner_id) = path.into_inner();
    let response = state
        .db(move |conn| {
            load_proposal(conn, &user, &id)?;
            let partner = db::proposals::find_partner(conn, &id, &partner_id)?;
            let rows = db::proposals::budget_of(conn, &partner.id)?;
            Ok(budget_response(&partner.id, partner.version, &rows))
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// Replace a partner's budget
///
/// Only that partner's contacts, on a draft before the deadline, with the
/// budget's current ETag: of two people saving at once, the second gets 412.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}/partners/{partner_id}/budget", tag = "budgets",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("partner_id" = String, Path, description = "The partner's id."),
        ("If-Match" = String, Header, description = "The budget's ETag last read."),
    ),
    request_body = BudgetUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The saved budget.", body = BudgetResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        (status = 403, description = "Not a contact of this partner.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal or partner, or not yours to see.", body = Problem, content_type = "application/problem+json"),
        problems::ProposalFrozen,
        problems::StaleVersion,
        (status = 422, description = "Invalid lines, all listed.", body = Problem, content_type = "application/problem+json"),
        problems::IfMatchRequired,
    )
)]
pub async fn update_budget(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    path: web::Path<(String, String)>,
    body: Json<BudgetUpdate>,
) -> Result<HttpResponse, ApiError> {
    let (id, partner_id) = path.into_inner();
    let (lines, typed) = read_lines(&body.lines);
    let st = state.get_ref().clone();
    let response = state
        .write(move |conn| {
            let now = st.clock.now();
            let ctx = load_proposal(conn, &user, &id)?;
            let partner = db::proposals::find_partner(conn, &id, &partner_id)?;
            if !ctx.my_partners.contains(&partner.id) {
                return Err(ApiError::refused(
                    ProblemCode::NotYourBudget,
                    "Only this partner's contacts may change its budget.",
                ));
            }
            if_match.check(partner.version)?;
            ctx.require_editable(now)?;
            let parsed = match parse_lines(&lines, budget_years(&ctx)) {
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
            db::proposals::touch(conn, &id, now.naive_utc())?;
            audit::Change::new(
                Some(&user.id),
                "proposal.budget_changed",
                "partner",
                &partner.id,
            )
            .before_of(&before)
            .after_of(&rows)
            .record(conn, now)?;
            Ok(budget_response(&partner.id, partner.version + 1, &rows))
        })
        .await?;
    Ok(ok_with_etag(response.version, &response))
}

/// The requested grants
///
/// Computed from the budgets and the call's rules, per partner and per
/// funder, with the workings (rates applied and why). Once the proposal is
/// submitted: the grants its receipt froze, whatever changed since.
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}/grants", tag = "budgets",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The computed grants.", body = ProposalGrants),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn get_grants(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let grants = state
        .db(move |conn| {
            let ctx = load_proposal(conn, &user, &id)?;
            Ok(pricing::of_proposal(conn, &ctx)?.grants)
        })
        .await?;
    Ok(HttpResponse::Ok().json(grants))
}
