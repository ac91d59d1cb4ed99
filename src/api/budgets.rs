//! Partners' budgets and the grants computed from them.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::body_errors;
use super::if_match::IfMatch;
use super::json::Json;
use crate::domain::ids::{PartnerId, ProposalId};
use crate::read::pricing;

use super::support::ok_with_etag;
use crate::app;
use crate::auth::AuthUser;
use crate::db::proposals::BudgetLineRow;
use crate::db::{self};
use crate::domain::grant::{CostCategory, ProposalGrants};
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::proposal::load_proposal;
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

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BudgetResponse {
    #[schema(value_type = String)]
    pub partner_id: PartnerId,
    pub lines: Vec<BudgetLineDto>,
    pub total_cents: i64,
    /// Also the ETag.
    pub version: i64,
}

fn budget_response(partner_id: &PartnerId, version: i64, rows: &[BudgetLineRow]) -> BudgetResponse {
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
    path: web::Path<(ProposalId, PartnerId)>,
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
    path: web::Path<(ProposalId, PartnerId)>,
    body: Json<BudgetUpdate>,
) -> Result<HttpResponse, ApiError> {
    let (id, partner_id) = path.into_inner();
    let (lines, typed) = read_lines(&body.lines);
    let response = app::act(&state, user, move |cx| {
        let (version, rows) = app::budget::replace(cx, &id, &partner_id, &if_match, &lines, typed)?;
        Ok(budget_response(&partner_id, version, &rows))
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
    id: web::Path<ProposalId>,
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
