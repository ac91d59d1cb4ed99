//! The audit log, for administrators.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{AuthUser, policy};
use crate::db::{self, audit::AuditFilter};
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditRecordResponse {
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// Who did it; empty for the system or an anonymous request.
    pub actor_id: Option<String>,
    #[schema(example = "user.roles_changed")]
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    #[param(max_length = 64)]
    pub entity_type: Option<String>,
    #[param(max_length = 64)]
    pub entity_id: Option<String>,
    #[param(max_length = 64)]
    pub actor_id: Option<String>,
    /// Only records after this sequence number (for paging forward).
    pub after_seq: Option<i64>,
    /// 1 to 500, default 100.
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AuditVerification {
    /// True when every record links to the one before, carries a valid seal of
    /// the audit key, and the chain still holds the latest anchor's record.
    pub valid: bool,
    /// How many records were checked.
    pub records: i64,
    /// The record the latest anchor outside the database names, if any.
    pub anchored_seq: Option<i64>,
    /// Where the chain breaks, when it does.
    pub problem: Option<String>,
}

fn parse_json(text: Option<String>) -> Option<serde_json::Value> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
}

/// Read the audit log
#[utoipa::path(
    get, path = "/api/v1/audit", tag = "audit",
    params(AuditQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Records in sequence order.", body = Vec<AuditRecordResponse>),
        problems::Unauthenticated,
        problems::AdminsOnly,
        (status = 422, description = "Bad limit.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_audit(
    state: web::Data<SharedState>,
    user: AuthUser,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    super::support::query_within(&[
        ("entity_type", query.entity_type.as_deref(), 64),
        ("entity_id", query.entity_id.as_deref(), 64),
        ("actor_id", query.actor_id.as_deref(), 64),
    ])?;
    ApiError::forbidden_unless(policy::may_read_audit(&user))?;
    let query = query.into_inner();
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "limit",
            "out_of_range",
            "limit is between 1 and 500.",
        )]));
    }
    let filter = AuditFilter {
        entity_type: query.entity_type,
        entity_id: query.entity_id,
        actor_id: query.actor_id,
        after_seq: query.after_seq,
    };
    let rows = state
        .db(move |conn| Ok(db::audit::list(conn, &filter, limit)?))
        .await?;
    let items: Vec<AuditRecordResponse> = rows
        .into_iter()
        .map(|r| AuditRecordResponse {
            seq: r.seq,
            at: r.at.and_utc(),
            actor_id: r.actor_id,
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id,
            before: parse_json(r.before_state),
            after: parse_json(r.after_state),
            prev_hash: r.prev_hash,
            hash: r.hash,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

/// Verify the audit chain
///
/// Checks every seal with the audit keys and the chain's end against the
/// latest anchor kept outside the database; the same check as
/// `jointcall verify-audit`.
#[utoipa::path(
    get, path = "/api/v1/audit/verification", tag = "audit",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The result of the check.", body = AuditVerification),
        problems::Unauthenticated,
        problems::AdminsOnly,
    )
)]
pub async fn verify_audit(
    state: web::Data<SharedState>,
    user: AuthUser,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_read_audit(&user))?;
    let storage = state.config.storage_dir.clone();
    let (outcome, anchor) = state
        .db(move |conn| crate::audit_anchor::verify(conn, &storage).map_err(ApiError::Internal))
        .await?;
    let anchored_seq = anchor.map(|a| a.seq);
    Ok(HttpResponse::Ok().json(match outcome {
        Ok(records) => AuditVerification {
            valid: true,
            records,
            anchored_seq,
            problem: None,
        },
        Err(broken) => AuditVerification {
            valid: false,
            records: 0,
            anchored_seq,
            problem: Some(broken.to_string()),
        },
    }))
}
