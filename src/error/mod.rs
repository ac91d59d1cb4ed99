//! The one place where an error becomes an HTTP status and an RFC 9457 body.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

mod code;

pub use code::ProblemCode;

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// One invalid input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FieldError {
    /// The field, as named in the request body (`email`, `budget.lines[2].amount`).
    pub field: String,
    /// A machine-readable code (`required`, `too_short`, `invalid_format`, ...).
    pub code: String,
    /// A sentence for people.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code: code.to_owned(),
            message: message.into(),
        }
    }
}

/// An RFC 9457 problem details body.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem; stable, for programs to switch on.
    #[serde(rename = "type")]
    pub type_: String,
    /// The last segment of `type`, as a closed list.
    pub code: ProblemCode,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Every invalid field at once, for validation problems.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("malformed request: {0}")]
    BadRequest(String),
    #[error("authentication required: {0}")]
    Unauthenticated(&'static str),
    #[error("invalid email or password")]
    InvalidCredentials,
    /// 401 with its own problem code, for a step of signing in the client
    /// must tell apart (e.g. a wrong code from an expired sign-in).
    #[error("sign-in refused: {detail}")]
    SignInRefused {
        code: ProblemCode,
        detail: &'static str,
    },
    #[error("not allowed")]
    Forbidden,
    /// Not allowed, for a reason the user should read (e.g. an invitation for another address).
    #[error("refused: {detail}")]
    Refused { code: ProblemCode, detail: String },
    #[error("not found")]
    NotFound,
    #[error("conflict: {detail}")]
    Conflict { code: ProblemCode, detail: String },
    #[error("too large: {0}")]
    PayloadTooLarge(String),
    /// The client stopped sending its body (`JOINTCALL_BODY_TIMEOUT_SECS`).
    #[error("the body did not arrive in time")]
    RequestTimeout,
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    #[error("the resource was changed by someone else")]
    PreconditionFailed,
    #[error("the request must carry If-Match")]
    PreconditionRequired,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// The document store has no room left; the cause is logged.
    #[error("storage full: {0}")]
    StorageFull(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<crate::domain::quota::QuotaExceeded> for ApiError {
    fn from(exceeded: crate::domain::quota::QuotaExceeded) -> Self {
        Self::conflict(ProblemCode::QuotaExceeded, exceeded.0)
    }
}

impl ApiError {
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, code, message)])
    }

    /// 403 unless the policy allows it: `ApiError::forbidden_unless(policy::may_x(&user))?`.
    pub fn forbidden_unless(allowed: bool) -> Result<(), ApiError> {
        if allowed {
            Ok(())
        } else {
            Err(Self::Forbidden)
        }
    }

    /// 404 unless the policy lets the caller see it, so that outsiders learn
    /// nothing: `ApiError::not_found_unless(policy::may_see_x(&user, ..))?`.
    pub fn not_found_unless(visible: bool) -> Result<(), ApiError> {
        if visible { Ok(()) } else { Err(Self::NotFound) }
    }

    pub fn refused(code: ProblemCode, detail: impl Into<String>) -> Self {
        Self::Refused {
            code,
            detail: detail.into(),
        }
    }

    pub fn conflict(code: ProblemCode, detail: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            detail: detail.into(),
        }
    }

    /// The problem's short code: the last segment of its type URI.
    pub fn code(&self) -> ProblemCode {
        match self {
            Self::Validation(_) => ProblemCode::ValidationFailed,
            Self::BadRequest(_) => ProblemCode::MalformedRequest,
            Self::Unauthenticated(_) => ProblemCode::Unauthenticated,
            Self::InvalidCredentials => ProblemCode::InvalidCredentials,
            Self::SignInRefused { code, .. } => *code,
            Self::Forbidden => ProblemCode::Forbidden,
            Self::Refused { code, .. } => *code,
            Self::NotFound => ProblemCode::NotFound,
            Self::Conflict { code, .. } => *code,
            Self::PayloadTooLarge(_) => ProblemCode::PayloadTooLarge,
            Self::RequestTimeout => ProblemCode::RequestTimeout,
            Self::UnsupportedMediaType(_) => ProblemCode::UnsupportedMediaType,
            Self::PreconditionFailed => ProblemCode::StaleVersion,
            Self::PreconditionRequired => ProblemCode::IfMatchRequired,
            Self::TooManyRequests { .. } => ProblemCode::TooManyRequests,
            Self::Unavailable(_) => ProblemCode::ServiceUnavailable,
            Self::StorageFull(_) => ProblemCode::StorageFull,
            Self::Internal(_) => ProblemCode::InternalError,
        }
    }

    fn detail(&self) -> String {
        match self {
            Self::Validation(errors) => format!(
                "{} field(s) are invalid: {}",
                errors.len(),
                errors
                    .iter()
                    .map(|e| e.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::BadRequest(reason) => reason.clone(),
            Self::Unauthenticated(reason) => (*reason).to_owned(),
            Self::InvalidCredentials => "The email or the password is wrong.".to_owned(),
            Self::SignInRefused { detail, .. } => (*detail).to_owned(),
            Self::Forbidden => "You are not allowed to do this.".to_owned(),
            Self::Refused { detail, .. } => detail.clone(),
            Self::NotFound => "No such resource, or you may not see it.".to_owned(),
            Self::Conflict { detail, .. } => detail.clone(),
            Self::PayloadTooLarge(detail) | Self::UnsupportedMediaType(detail) => detail.clone(),
            Self::RequestTimeout => {
                "The body stopped arriving before it was complete; nothing was kept. Send it again."
                    .to_owned()
            }
            Self::PreconditionFailed => {
                "Someone else changed this resource since you loaded it; reload it and apply your change again."
                    .to_owned()
            }
            Self::PreconditionRequired => {
                "Send the ETag you last read in an If-Match header so that no one's change is overwritten."
                    .to_owned()
            }
            Self::TooManyRequests { retry_after_secs } => {
                format!("Too many attempts; try again in {retry_after_secs} seconds.")
            }
            // The cause is logged; the client only learns that it may retry.
            Self::Unavailable(_) => {
                "The service is temporarily unavailable; please retry shortly.".to_owned()
            }
            Self::StorageFull(_) => {
                "The document store is full, so nothing was kept; the operator has been told in the logs. Please retry later."
                    .to_owned()
            }
            Self::Internal(_) => {
                "Something went wrong on our side; it has been logged.".to_owned()
            }
        }
    }

    pub fn to_problem(&self) -> Problem {
        let status = self.status_code();
        Problem {
            type_: problem_type(self.code()),
            code: self.code(),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: self.detail(),
            errors: match self {
                Self::Validation(errors) => Some(errors.clone()),
                _ => None,
            },
        }
    }
}

pub fn problem_type(code: ProblemCode) -> String {
    format!("https://jointcall.eu/problems/{}", code.as_str())
}

/// The problem body for a status that no handler produced (unknown route, wrong method).
pub fn problem_for_status(status: StatusCode, detail: &str) -> Problem {
    let code = match status {
        StatusCode::NOT_FOUND => ProblemCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ProblemCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ProblemCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ProblemCode::UnsupportedMediaType,
        s if s.is_server_error() => ProblemCode::InternalError,
        _ => ProblemCode::MalformedRequest,
    };
    Problem {
        type_: problem_type(code),
        code,
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail: detail.to_owned(),
        errors: None,
    }
}

pub fn problem_response(status: StatusCode, problem: &Problem) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_CONTENT_TYPE))
        .json(problem)
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthenticated(_) | Self::InvalidCredentials | Self::SignInRefused { .. } => {
                StatusCode::UNAUTHORIZED
            }
            Self::Forbidden | Self::Refused { .. } => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            Self::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::StorageFull(_) => StatusCode::INSUFFICIENT_STORAGE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            Self::Internal(cause) => tracing::error!(error = ?cause, "internal error"),
            Self::Unavailable(cause) => tracing::warn!(%cause, "service unavailable"),
            Self::StorageFull(cause) => tracing::error!(%cause, "document storage full"),
            _ => {}
        }
        let mut response = problem_response(self.status_code(), &self.to_problem());
        let headers = response.headers_mut();
        match self {
            Self::TooManyRequests { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, (*retry_after_secs).into());
            }
            Self::Unavailable(_) | Self::StorageFull(_) => {
                headers.insert(header::RETRY_AFTER, 5u64.into());
            }
            Self::Unauthenticated(_) | Self::InvalidCredentials | Self::SignInRefused { .. } => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer"),
                );
            }
            _ => {}
        }
        response
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::NotFound => Self::NotFound,
            // The connection went away mid-request (closed, or a command that
            // could not be sent): the database is unavailable, not the request wrong.
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                info,
            ) => Self::Unavailable(info.message().to_owned()),
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, info) => {
                Self::Unavailable(info.message().to_owned())
            }
            other => Self::Internal(other.into()),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(error: diesel::r2d2::PoolError) -> Self {
        Self::Unavailable(format!("database pool: {error}"))
    }
}

impl ApiError {
    /// A failure of the document store: full (507) or otherwise unavailable
    /// (503); either way the client may retry and nothing was kept.
    pub fn storage(context: &str, error: &std::io::Error) -> Self {
        let cause = format!("{context}: {error}");
        match error.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                Self::StorageFull(cause)
            }
            _ => Self::Unavailable(cause),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::Internal(anyhow::anyhow!("blocking task failed: {error}"))
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_problem_lists_every_field() {
        let error = ApiError::Validation(vec![
            FieldError::new("email", "invalid_format", "not an email"),
            FieldError::new("password", "too_short", "too short"),
        ]);
        let problem = error.to_problem();
        assert_eq!(problem.status, 422);
        assert_eq!(
            problem.type_,
            "https://jointcall.eu/problems/validation-failed"
        );
        assert_eq!(problem.errors.as_ref().map(Vec::len), Some(2));
        assert!(problem.detail.contains("email, password"));
    }

    #[test]
    fn internal_errors_do_not_leak_their_cause() {
        let error = ApiError::Internal(anyhow::anyhow!("password for db is hunter2"));
        let problem = error.to_problem();
        assert_eq!(problem.status, 500);
        assert!(!problem.detail.contains("hunter2"));
    }

    #[test]
    fn missing_rows_are_not_found() {
        let error: ApiError = diesel::result::Error::NotFound.into();
        assert_eq!(error.status_code(), StatusCode::NOT_FOUND);
    }
}

/// Problem responses that many operations share, for `#[utoipa::path(responses(...))]`.
pub mod responses {
    use super::Problem;
    use utoipa::IntoResponses;

    /// The body is not JSON (400), or larger than `api::json::JSON_LIMIT` (413).
    #[derive(IntoResponses)]
    #[allow(dead_code)]
    pub enum MalformedBody {
        /// The body is not JSON.
        #[response(status = 400, content_type = "application/problem+json")]
        NotJson(Problem),
        /// The body is larger than 256 KiB.
        #[response(status = 413, content_type = "application/problem+json")]
        TooLarge(Problem),
        /// The body stopped arriving (`JOINTCALL_BODY_TIMEOUT_SECS`).
        #[response(status = 408, content_type = "application/problem+json")]
        TimedOut(Problem),
    }

    /// Too many of these from this client, to this address or by this
    /// account within the hour; nothing was done. Retry after the header's seconds.
    #[derive(IntoResponses)]
    #[response(
        status = 429,
        content_type = "application/problem+json",
        headers(("Retry-After" = u64, description = "Seconds to wait."))
    )]
    pub struct Throttled(#[allow(dead_code)] Problem);

    /// Not signed in, or the session has ended.
    #[derive(IntoResponses)]
    #[response(status = 401, content_type = "application/problem+json")]
    pub struct Unauthenticated(#[allow(dead_code)] Problem);

    /// Someone changed it since it was read; reload and apply the change again.
    #[derive(IntoResponses)]
    #[response(status = 412, content_type = "application/problem+json")]
    pub struct StaleVersion(#[allow(dead_code)] Problem);

    /// `If-Match` is missing.
    #[derive(IntoResponses)]
    #[response(status = 428, content_type = "application/problem+json")]
    pub struct IfMatchRequired(#[allow(dead_code)] Problem);
    /// No such proposal, or not yours to see.
    #[derive(IntoResponses)]
    #[response(status = 404, content_type = "application/problem+json")]
    pub struct ProposalNotFound(#[allow(dead_code)] Problem);

    /// Only operators and administrators.
    #[derive(IntoResponses)]
    #[response(status = 403, content_type = "application/problem+json")]
    pub struct ManagersOnly(#[allow(dead_code)] Problem);

    /// Only administrators.
    #[derive(IntoResponses)]
    #[response(status = 403, content_type = "application/problem+json")]
    pub struct AdminsOnly(#[allow(dead_code)] Problem);

    /// Only the coordinator.
    #[derive(IntoResponses)]
    #[response(status = 403, content_type = "application/problem+json")]
    pub struct CoordinatorOnly(#[allow(dead_code)] Problem);

    /// Not a member of the consortium.
    #[derive(IntoResponses)]
    #[response(status = 403, content_type = "application/problem+json")]
    pub struct MembersOnly(#[allow(dead_code)] Problem);

    /// Invalid fields, all listed.
    #[derive(IntoResponses)]
    #[response(status = 422, content_type = "application/problem+json")]
    pub struct InvalidFields(#[allow(dead_code)] Problem);

    /// The proposal cannot change any more.
    #[derive(IntoResponses)]
    #[response(status = 409, content_type = "application/problem+json")]
    pub struct ProposalFrozen(#[allow(dead_code)] Problem);

    /// No such assignment, or not yours.
    #[derive(IntoResponses)]
    #[response(status = 404, content_type = "application/problem+json")]
    pub struct AssignmentNotFound(#[allow(dead_code)] Problem);

    /// No such call, or not one the caller may see.
    #[derive(IntoResponses)]
    #[response(status = 404, content_type = "application/problem+json")]
    pub struct CallNotFound(#[allow(dead_code)] Problem);

    /// Only operators, administrators and funders.
    #[derive(IntoResponses)]
    #[response(status = 403, content_type = "application/problem+json")]
    pub struct StaffOnly(#[allow(dead_code)] Problem);
}
