//! Liveness, readiness and metrics for whoever runs the portal.

use actix_web::{HttpResponse, web};
use diesel::RunQueryDsl;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::tokens::token_hash;
use crate::config::{Config, Environment};
use crate::db;
use crate::error::ProblemCode;
use crate::error::{ApiError, Problem};
use crate::metrics::{self, Readings};
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
/// OpenMetrics text (which Prometheus reads): requests by method and status,
/// their latency by route template and status class, requests refused by a
/// limit, waits for a database connection, snapshot lookups and misses,
/// mails sent and failed, the outbox's length and age, and the pool's
/// connections. With `JOINTCALL_METRICS_TOKEN` set, only
/// for `Authorization: Bearer <that token>`; without it, open in development
/// and refused in production.
#[utoipa::path(
    get, path = "/metrics", tag = "operations",
    responses(
        (status = 200, description = "Counters, gauges and histograms.", body = String, content_type = "application/openmetrics-text"),
        (status = 401, description = "The metrics token is missing or wrong.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Production without a metrics token.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn metrics(
    state: web::Data<SharedState>,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, ApiError> {
    may_read_metrics(&state.config, &req)?;
    let pool = state.pool.clone();
    let now = state.clock.now().naive_utc();
    let outbox = web::block(move || {
        let mut conn = pool.get().ok()?;
        let pending = db::outbox::count_pending(&mut conn).ok()?;
        let oldest = db::outbox::oldest_pending(&mut conn).ok()?;
        Some((
            pending,
            oldest.map_or(0, |at| (now - at).num_seconds().max(0)),
        ))
    })
    .await
    .ok()
    .flatten();
    let pool_state = state.pool.state();
    let text = state.metrics.render(&Readings {
        outbox_pending: outbox.map(|(pending, _)| pending),
        outbox_oldest_seconds: outbox.map(|(_, oldest)| oldest),
        db_connections: pool_state.connections,
        db_connections_idle: pool_state.idle_connections,
    });
    Ok(HttpResponse::Ok()
        .content_type(metrics::CONTENT_TYPE)
        .body(text))
}

/// The metrics say how busy the portal is and when: not for anyone.
fn may_read_metrics(config: &Config, req: &actix_web::HttpRequest) -> Result<(), ApiError> {
    let Some(expected) = &config.metrics_token else {
        return match config.environment {
            Environment::Development => Ok(()),
            Environment::Production => Err(ApiError::refused(
                ProblemCode::MetricsDisabled,
                "Set JOINTCALL_METRICS_TOKEN to read the metrics in production.",
            )),
        };
    };
    let given = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Compared as digests, so the time taken says nothing about the token.
    if token_hash(given.trim()) == token_hash(expected) {
        Ok(())
    } else {
        Err(ApiError::Unauthenticated(
            "The metrics token is missing or wrong.",
        ))
    }
}
