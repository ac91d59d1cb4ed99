//! The mail outbox, so that operators can see what was sent and what waits.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::support::{Page, Pagination};
use crate::auth::{AuthUser, policy};
use crate::db;
use crate::domain::mail_retry::MailStatus;
use crate::error::responses as problems;
use crate::error::{ApiError, Problem};
use crate::mail::redact::hide_link_tokens;
use crate::state::SharedState;

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MailResponse {
    pub id: String,
    #[schema(example = "verify_email")]
    pub kind: String,
    pub to: String,
    pub subject: String,
    /// The text, with the tokens of mailed links shown as `[hidden]`: they
    /// are their addressee's secrets.
    pub body: String,
    pub status: MailStatus,
    /// Delivery attempts so far.
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    pub status: Option<MailStatus>,
}

/// List mails
#[utoipa::path(
    get, path = "/api/v1/outbox", tag = "outbox",
    params(OutboxQuery, Pagination),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Mails, newest first.", body = Page<MailResponse>),
        problems::Unauthenticated,
        problems::ManagersOnly,
        (status = 422, description = "Bad filter or paging values.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_outbox(
    state: web::Data<SharedState>,
    user: AuthUser,
    query: web::Query<OutboxQuery>,
    page: web::Query<Pagination>,
) -> Result<HttpResponse, ApiError> {
    ApiError::forbidden_unless(policy::may_read_outbox(&user))?;
    let (limit, offset) = page.into_inner().resolve()?;
    let status = query.into_inner().status;
    let (rows, total) = state
        .db(move |conn| Ok(db::outbox::list(conn, status, limit, offset)?))
        .await?;
    let items: Vec<MailResponse> = rows
        .into_iter()
        .map(|m| MailResponse {
            status: m.status,
            id: m.id,
            kind: m.kind,
            to: m.to_address,
            subject: m.subject,
            body: hide_link_tokens(&m.body_text),
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at.and_utc(),
            last_error: m.last_error,
            created_at: m.created_at.and_utc(),
            sent_at: m.sent_at.map(|t| t.and_utc()),
        })
        .collect();
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        limit,
        offset,
    }))
}
