//! Cross-cutting request handling: a request id on every request and its
//! log span, metrics, and problem+json for errors no handler shaped.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, Next};
use actix_web::{Error, web};
use tracing::Instrument;

use crate::error::{PROBLEM_CONTENT_TYPE, problem_for_status, problem_response};
use crate::state::SharedState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Gives each request an id (echoed in `X-Request-Id`) that every log line of
/// the request carries, and counts the request in the metrics.
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let method = req.method().to_string();
    let span =
        tracing::info_span!("request", id = %request_id, method = %method, path = %req.path());
    let state = req.app_data::<web::Data<SharedState>>().cloned();
    let started = Instant::now();
    let mut response = next.call(req).instrument(span.clone()).await?;
    let status = response.status();
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    span.in_scope(|| {
        tracing::info!(status = status.as_u16(), micros, "request served");
    });
    if let Some(state) = state {
        state.metrics.request(&method, status.as_u16(), micros);
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(response)
}

/// The SPA's policy: its own scripts only (Vite emits no inline script),
/// inline styles for Mantine's variables, images from itself or data URLs,
/// and no framing anywhere (clickjacking).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; \
     connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
     frame-ancestors 'none'";

/// Security headers on every response; HSTS only when the portal's public
/// address is HTTPS (a browser would otherwise pin a plain-HTTP development server).
pub fn security_headers(hsts: bool) -> actix_web::middleware::DefaultHeaders {
    let headers = actix_web::middleware::DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY));
    if hsts {
        headers.add((
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        ))
    } else {
        headers
    }
}

/// Replaces the body of any error response that is not already a problem
/// (framework defaults) with a problem+json body of the same status.
pub fn problem_for_bare_errors<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_CONTENT_TYPE.as_bytes()));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let detail = match status.as_u16() {
        404 => "There is nothing at this address.",
        405 => "This address does not accept that method.",
        413 => "The request body is too large.",
        415 => "The request body's media type is not accepted here.",
        s if s >= 500 => "Something went wrong on our side; it has been logged.",
        _ => "The request could not be processed.",
    };
    let (req, _) = res.into_parts();
    let response: actix_web::HttpResponse<BoxBody> =
        problem_response(status, &problem_for_status(status, detail));
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}
