//! CSV exports and statistics of a call, for operators and funders: the
//! ranking with its scores, the funding plan, the decisions per partner, and
//! figures the SPA charts.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::ids::CallId;
use crate::read::pricing;

use super::ranking::RankingQuery;
use crate::read::result::parse_result;

use crate::auth::{AuthUser, policy};
use crate::csv::{Cell, document};
use crate::db::{self, DbConnection};
use crate::domain::call::{CallSettings, Stage};
use crate::domain::funding::{Decision, committed};
use crate::domain::review::scores_of;
use crate::domain::role::Agency;
use crate::error::ApiError;
use crate::error::responses as problems;
use crate::read::call::{Call, load_visible_call};
use crate::read::funding::{CallFunding, FundedPartner, funded_partners};
use crate::read::funding_plan::build_plan;
use crate::read::proposal::load_context;
use crate::read::ranking::{RankedProposal, ranking_of};
use crate::read::review::parse_content;
use crate::state::SharedState;

fn csv_response(filename: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{filename}\""),
        ))
        .body(body)
}

fn require_reader(user: &AuthUser) -> Result<(), ApiError> {
    ApiError::forbidden_unless(policy::may_see_ranking(user))
}

fn ranking_rows(
    settings: &CallSettings,
    stage: Stage,
    list: &str,
    entries: &[RankedProposal],
) -> Vec<Vec<Cell>> {
    entries
        .iter()
        .map(|e| {
            let mut row = vec![
                Cell::int(e.rank as i64),
                Cell::text(list),
                Cell::text(&e.acronym),
                Cell::text(&e.title),
            ];
            for c in settings.criteria.iter().filter(|c| c.stage == stage) {
                row.push(
                    e.scores
                        .get(&c.key)
                        .map_or_else(Cell::empty, |s| Cell::float(*s)),
                );
            }
            row.extend([
                Cell::float(e.weighted_total),
                Cell::float(e.total),
                Cell::text(if e.passed { "yes" } else { "no" }),
                Cell::text(e.failed_criteria.join(" ")),
            ]);
            row
        })
        .collect()
}

/// The ranking as CSV
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/exports/ranking", tag = "exports",
    params(("id" = String, Path, description = "The call's id."), RankingQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One row per ranked proposal: rank, list, acronym, title, a column per criterion, weighted total, total, passed, failed criteria.", content_type = "text/csv", body = String),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
        problems::InvalidFields,
    )
)]
pub async fn export_ranking(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    query: web::Query<RankingQuery>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let stage = query.stage.unwrap_or(Stage::Full);
    let call_id = call_id.into_inner();
    let text = state
        .db(move |conn| {
            let Call {
                row: call,
                settings,
            } = load_visible_call(conn, &user, &call_id)?;
            let ranking = ranking_of(conn, &call.id, &settings, stage)?;
            let mut header = vec!["rank", "list", "acronym", "title"];
            let labels: Vec<&str> = settings
                .criteria
                .iter()
                .filter(|c| c.stage == stage)
                .map(|c| c.label.as_str())
                .collect();
            header.extend(labels);
            header.extend(["weighted total", "total", "passed", "failed criteria"]);
            let mut rows = ranking_rows(&settings, stage, "main", &ranking.main_list);
            rows.extend(ranking_rows(
                &settings,
                stage,
                "below threshold",
                &ranking.below_threshold,
            ));
            Ok(document(&header, &rows))
        })
        .await?;
    Ok(csv_response(
        &format!("ranking-{}.csv", stage.as_str()),
        text,
    ))
}

/// The funding plan as CSV
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/exports/funding-plan", tag = "exports",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One row per proposal of the main list: rank, acronym, plan status, outcome, the grant requested from each funder.", content_type = "text/csv", body = String),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
    )
)]
pub async fn export_funding_plan(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    let call_id = call_id.into_inner();
    let text = state
        .db(move |conn| {
            let plan = build_plan(conn, &user, &call_id, None)?;
            let agencies: Vec<Agency> = plan.envelopes.iter().map(|e| e.agency).collect();
            let mut header = vec![
                "rank".to_owned(),
                "acronym".to_owned(),
                "status".to_owned(),
                "outcome".to_owned(),
            ];
            header.extend(
                agencies
                    .iter()
                    .map(|a| format!("requested from {} (cents)", a.as_str())),
            );
            let rows: Vec<Vec<Cell>> = plan
                .entries
                .iter()
                .map(|e| {
                    let mut row = vec![
                        Cell::int(e.rank as i64),
                        Cell::text(&e.acronym),
                        Cell::text(e.status.as_str()),
                        Cell::text(e.outcome.as_str()),
                    ];
                    for agency in &agencies {
                        row.push(Cell::int(
                            e.requested
                                .iter()
                                .find(|r| r.agency == *agency)
                                .map_or(0, |r| r.requested_cents),
                        ));
                    }
                    row
                })
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            Ok(document(&header, &rows))
        })
        .await?;
    Ok(csv_response("funding-plan.csv", text))
}

/// The decisions per partner as CSV
///
/// Operators get every partner; a funder's staff their own agency's.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/exports/decisions", tag = "exports",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One row per funded partner of the main list: acronym, organisation, funder, requested, decision, approved amount, comment, decided at.", content_type = "text/csv", body = String),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
    )
)]
pub async fn export_decisions(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let call_id = call_id.into_inner();
    let text = state
        .db(move |conn| {
            let Call {
                row: call,
                settings,
            } = load_visible_call(conn, &user, &call_id)?;
            // The main list with its partners' requests and decisions, in a
            // fixed number of queries (not two per proposal).
            let funding = CallFunding::load(conn, &call.id, &settings)?;
            let detailed = policy::detailed_agency(&user);
            let mut rows = Vec::new();
            for listed in &funding.listed {
                let shown = listed
                    .partners
                    .iter()
                    .filter(|p| detailed.is_none_or(|a| a == p.agency));
                rows.extend(shown.map(|p| decision_row(&listed.entry.acronym, p)));
            }
            Ok(document(
                &[
                    "acronym",
                    "organisation",
                    "funder",
                    "requested (cents)",
                    "decision",
                    "approved (cents)",
                    "comment",
                    "decided at",
                ],
                &rows,
            ))
        })
        .await?;
    Ok(csv_response("decisions.csv", text))
}

/// One funded partner's line of the decisions export.
fn decision_row(acronym: &str, p: &FundedPartner) -> Vec<Cell> {
    let d = p.decision.as_ref();
    vec![
        Cell::text(acronym),
        Cell::text(&p.organisation),
        Cell::text(p.agency.as_str()),
        Cell::int(p.requested_cents),
        Cell::text(d.map(|d| d.decision).map_or("pending", Decision::as_str)),
        d.map_or_else(Cell::empty, |d| Cell::int(d.amount_cents)),
        Cell::text(d.map(|d| d.comment.clone()).unwrap_or_default()),
        Cell::text(
            d.map(|d| d.decided_at.and_utc().to_rfc3339())
                .unwrap_or_default(),
        ),
    ]
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FunderFigures {
    pub agency: Agency,
    pub envelope_cents: i64,
    /// Requested by the eligible full proposals' partners this agency funds.
    pub requested_cents: i64,
    /// Approved by the agency's decisions.
    pub approved_cents: i64,
    /// Granted in the released results.
    pub granted_cents: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ScoreDistribution {
    pub criterion: String,
    pub label: String,
    /// How many approved consensus reports gave each score, from 0 to 5 in half points (11 buckets).
    pub counts: Vec<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CallStatistics {
    #[schema(value_type = String)]
    pub call_id: CallId,
    pub proposals_by_status: Vec<Count>,
    /// Partners of submitted proposals by organisation kind.
    pub partners_by_kind: Vec<Count>,
    pub funders: Vec<FunderFigures>,
    /// Full-stage consensus scores per criterion.
    pub score_distributions: Vec<ScoreDistribution>,
}

fn statistics(
    conn: &mut DbConnection,
    user: &AuthUser,
    call_id: &CallId,
) -> Result<CallStatistics, ApiError> {
    let Call {
        row: call,
        settings,
    } = load_visible_call(conn, user, call_id)?;
    let counts = |pairs: Vec<(String, i64)>| {
        pairs
            .into_iter()
            .map(|(key, count)| Count { key, count })
            .collect()
    };
    let proposals_by_status = counts(db::proposals::count_by_status(conn, &call.id)?);
    // Kinds as submitted: an organisation that changed since does not move its partner.
    let mut kinds: BTreeMap<&'static str, i64> = BTreeMap::new();
    for proposal in
        db::proposals::in_call(conn, &call.id, &["submitted", "eligible", "ineligible"])?
    {
        let ctx = load_context(conn, &user.id, &proposal.id)?;
        for partner in pricing::of_proposal(conn, &ctx)?.partners {
            *kinds.entry(partner.organisation.kind.as_str()).or_insert(0) += 1;
        }
    }
    let partners_by_kind = counts(kinds.into_iter().map(|(k, n)| (k.to_owned(), n)).collect());

    let mut requested: BTreeMap<Agency, i64> = BTreeMap::new();
    let mut needs = Vec::new();
    for proposal in db::proposals::in_call_stage(conn, &call.id, Stage::Full, &["eligible"])? {
        let ctx = load_context(conn, &user.id, &proposal.id)?;
        for p in funded_partners(conn, &ctx)? {
            *requested.entry(p.agency).or_insert(0) += p.requested_cents;
            needs.push(p.need());
        }
    }
    let approved = committed(&needs);
    let mut granted: BTreeMap<Agency, i64> = BTreeMap::new();
    for row in db::results::results_of_call(conn, &call.id)? {
        for p in parse_result(&row)?.partners {
            if let Some(agency) = p.agency {
                *granted.entry(agency).or_insert(0) += p.granted_cents;
            }
        }
    }
    let funders = settings
        .funders
        .iter()
        .map(|f| FunderFigures {
            agency: f.agency,
            envelope_cents: f.envelope_cents,
            requested_cents: requested.get(&f.agency).copied().unwrap_or(0),
            approved_cents: approved.get(&f.agency).copied().unwrap_or(0),
            granted_cents: granted.get(&f.agency).copied().unwrap_or(0),
        })
        .collect();

    let criteria: Vec<_> = settings
        .criteria
        .iter()
        .filter(|c| c.stage == Stage::Full)
        .collect();
    let mut buckets: Vec<Vec<i64>> = vec![vec![0; 11]; criteria.len()];
    for (consensus, _) in db::reviews::consensus_of_call(conn, &call.id, Stage::Full)? {
        if !consensus.is_approved() {
            continue;
        }
        let scores = scores_of(&parse_content(&consensus.content)?);
        for (i, c) in criteria.iter().enumerate() {
            if let Some(score) = scores.get(&c.key) {
                buckets[i][score.half_points() as usize] += 1;
            }
        }
    }
    Ok(CallStatistics {
        call_id: call.id.clone(),
        proposals_by_status,
        partners_by_kind,
        funders,
        score_distributions: criteria
            .iter()
            .zip(buckets)
            .map(|(c, counts)| ScoreDistribution {
                criterion: c.key.clone(),
                label: c.label.clone(),
                counts,
            })
            .collect(),
    })
}

/// A call's statistics
///
/// For operators and funders, as figures to chart.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/statistics", tag = "exports",
    params(("id" = String, Path, description = "The call's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures.", body = CallStatistics),
        problems::Unauthenticated,
        problems::StaffOnly,
        problems::CallNotFound,
    )
)]
pub async fn get_statistics(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
) -> Result<HttpResponse, ApiError> {
    require_reader(&user)?;
    let call_id = call_id.into_inner();
    let figures = state
        .db(move |conn| statistics(conn, &user, &call_id))
        .await?;
    Ok(HttpResponse::Ok().json(figures))
}
