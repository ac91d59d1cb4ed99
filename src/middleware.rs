//! Cross-cutting request handling: a request id on every request and its
//! log span, metrics, and problem+json for errors no handler shaped.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{ErrorHandlerResponse, Next};
use actix_web::web::Bytes;
use actix_web::{Error, web};
use actix_web::{HttpMessage, ResponseError};
use futures_util::{Stream, StreamExt};
use tracing::Instrument;

use crate::error::{ApiError, PROBLEM_CONTENT_TYPE, problem_for_status, problem_response};
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
    let took = started.elapsed();
    let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
    span.in_scope(|| {
        tracing::info!(status = status.as_u16(), micros, "request served");
    });
    if let Some(state) = state {
        let route = response.request().match_pattern();
        state
            .metrics
            .request(&method, route.as_deref(), status.as_u16(), took);
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

/// Closes a request whose body stops arriving: every chunk must follow the
/// previous one within `JOINTCALL_BODY_TIMEOUT_SECS`, else the read fails and
/// the answer is a 408 (whatever the handler made of the broken read), so a
/// client that declares a body and then sends a byte now and then holds a
/// connection for that long at most. Requests without a body pass untouched.
pub async fn body_timeout(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let has_body = req.headers().contains_key(header::TRANSFER_ENCODING)
        || req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0");
    let idle = req
        .app_data::<web::Data<SharedState>>()
        .map(|state| state.config.limits.body_timeout);
    let (Some(idle), true) = (idle, has_body) else {
        return next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body);
    };
    let timed_out = Arc::new(AtomicBool::new(false));
    let flag = timed_out.clone();
    let payload = req.take_payload();
    let guarded = futures_util::stream::unfold(Some(payload), move |payload| {
        let flag = flag.clone();
        async move {
            let mut payload = payload?;
            match tokio::time::timeout(idle, payload.next()).await {
                Ok(Some(chunk)) => Some((chunk, Some(payload))),
                Ok(None) => None,
                Err(_) => {
                    flag.store(true, Ordering::Relaxed);
                    let quiet = std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "the client stopped sending the body",
                    );
                    Some((Err(PayloadError::Io(quiet)), None))
                }
            }
        }
    });
    req.set_payload(Payload::from(
        // Fused: multipart readers poll again after the end.
        Box::pin(guarded.fuse()) as Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>,
    ));
    let response = next.call(req).await?;
    if !timed_out.load(Ordering::Relaxed) {
        return Ok(response.map_into_left_body());
    }
    let (req, _) = response.into_parts();
    let problem = ApiError::RequestTimeout.error_response();
    Ok(ServiceResponse::new(req, problem).map_into_right_body())
}

/// Refuses an address whose decoded path or query holds a control or
/// text-direction character (`%00` in a search, say), which no resource's
/// name holds and PostgreSQL would refuse: the path is a 404, a query
/// parameter a 422 naming it. Checked before routing, for every endpoint.
pub async fn refuse_unsafe_addresses(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let unsafe_in = |text: &str| text.chars().any(is_forbidden_character_or_layout);
    let refusal = if unsafe_in(&percent_decoded(req.path())) {
        Some(ApiError::NotFound)
    } else {
        url::form_urlencoded::parse(req.query_string().as_bytes())
            .find(|(key, value)| unsafe_in(key) || unsafe_in(value))
            .map(|(key, value)| {
                let message = crate::domain::text::forbidden_character(&value)
                    .or_else(|| crate::domain::text::forbidden_character(&key))
                    .unwrap_or_else(|| "Line breaks and tabs are not allowed here.".to_owned());
                ApiError::field(&key, "forbidden_character", message)
            })
    };
    match refusal {
        None => next
            .call(req)
            .await
            .map(ServiceResponse::map_into_left_body),
        Some(error) => {
            let (req, _) = req.into_parts();
            Ok(ServiceResponse::new(req, error.error_response()).map_into_right_body())
        }
    }
}

/// In an address even the layout characters that texts keep are refused.
fn is_forbidden_character_or_layout(c: char) -> bool {
    crate::domain::text::is_forbidden_character(c) || c.is_control()
}

/// `%XX` escapes decoded; invalid UTF-8 replaced (it cannot name anything).
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
