//! Liveness, readiness and metrics for whoever runs the portal.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db;
use crate::error::{ApiError, Problem};
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HealthStatus {
    #[schema(example = "ok")]
    pub status: String,
}

/// Liveness
///
/// Answers as long as the process serves requests.
#[utoipa::path(
    get, path = "/health", tag = "operations",
    responses((status = 200, description = "The process is alive.", body = HealthStatus))
)]
pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(HealthStatus {
        status: "ok".to_owned(),
    })
}

/// Readiness
///
/// Ready when the database answers.
#[utoipa::path(
    get, path = "/ready", tag = "operations",
    responses(
        (status = 200, description = "The database answers.", body = HealthStatus),
        (status = 503, description = "The database does not answer.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn ready(state: web::Data<SharedState>) -> Result<HttpResponse, ApiError> {
    let pool = state.pool.clone();
    let reachable = web::block(move || -> Result<(), String> {
        let mut conn = pool
            .get_timeout(std::time::Duration::from_secs(2))
            .map_err(|e| e.to_string())?;
        diesel::sql_query("SELECT 1")
            .execute(&mut **conn)
            .map(|_| ())
            .map_err(|e| e.to_string())
    })
    .await?;
    match reachable {
        Ok(()) => Ok(HttpResponse::Ok().json(HealthStatus {
            status: "ready".to_owned(),
        })),
        Err(cause) => Err(ApiError::Unavailable(format!("database: {cause}"))),
    }
}

/// Metrics
///
/// Prometheus text exposition format.
#[utoipa::path(
    get, path = "/metrics", tag = "operations",
    responses((status = 200, description = "Counters and gauges.", body = String, content_type = "text/plain"))
)]
pub async fn metrics(state: web::Data<SharedState>) -> HttpResponse {
    let pool = state.pool.clone();
    let pending = web::block(move || {
        let mut conn = pool.get().ok()?;
        db::outbox::count_pending(&mut conn).ok()
    })
    .await
    .ok()
    .flatten()
    .unwrap_or(-1);
    let pool_state = state.pool.state();
    let text = state.metrics.render(&[
        (
            "jointcall_outbox_pending",
            "Mails waiting to be sent (-1: database unreachable).",
            pending,
        ),
        (
            "jointcall_db_connections",
            "Open database connections.",
            i64::from(pool_state.connections),
        ),
        (
            "jointcall_db_connections_idle",
            "Idle database connections.",
            i64::from(pool_state.idle_connections),
        ),
    ]);
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(text)
}
