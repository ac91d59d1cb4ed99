//! Small pieces every resource module uses: route resources that answer 405,
//! body and query extractor errors as problems, pagination, ETags.

use actix_web::dev::{AppService, HttpServiceFactory};
use actix_web::error::{PathError, QueryPayloadError};
use actix_web::http::header;
use actix_web::{
    FromRequest, Handler, HttpResponse, HttpResponseBuilder, Resource, Responder, web,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::precondition::etag;
use crate::error::ProblemCode;
use crate::error::{ApiError, FieldError, problem_for_status, problem_response};

/// One path and the handlers of its methods. Any other method answers 405
/// with an `Allow` header listing the routed ones (RFC 9110 15.5.6).
pub struct Endpoint {
    resource: Resource,
    methods: Vec<&'static str>,
}

impl Endpoint {
    pub fn new(path: &str) -> Self {
        Self {
            resource: web::resource(path),
            methods: Vec::new(),
        }
    }

    fn route<F, Args>(mut self, method: &'static str, route: actix_web::Route, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.resource = self.resource.route(route.to(handler));
        self.methods.push(method);
        self
    }

    pub fn get<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route("GET", web::get(), handler)
    }

    pub fn post<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route("POST", web::post(), handler)
    }

    pub fn put<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route("PUT", web::put(), handler)
    }

    pub fn delete<F, Args>(self, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.route("DELETE", web::delete(), handler)
    }
}

impl HttpServiceFactory for Endpoint {
    fn register(self, config: &mut AppService) {
        let allow = self.methods.join(", ");
        self.resource
            .default_service(web::to(move || {
                let allow = allow.clone();
                async move {
                    let status = actix_web::http::StatusCode::METHOD_NOT_ALLOWED;
                    let mut response = problem_response(
                        status,
                        &problem_for_status(status, "This address does not accept that method."),
                    );
                    if let Ok(value) = header::HeaderValue::from_str(&allow) {
                        response.headers_mut().insert(header::ALLOW, value);
                    }
                    response
                }
            }))
            .register(config);
    }
}

fn between_backticks(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_owned())
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _req| {
        let message = match error {
            QueryPayloadError::Deserialize(e) => e.to_string(),
            other => other.to_string(),
        };
        ApiError::Validation(vec![FieldError::new(
            between_backticks(&message).unwrap_or_else(|| "query".to_owned()),
            "invalid_value",
            message,
        )])
        .into()
    })
}

/// 422 naming each query parameter longer than its `max_length` in the spec
/// (given here again: `IntoParams` keeps no bounds at run time), checked
/// before the handler does anything else.
pub fn query_within(params: &[(&str, Option<&str>, usize)]) -> Result<(), ApiError> {
    let errors: Vec<FieldError> = params
        .iter()
        .filter_map(|&(name, value, max)| {
            let length = value?.chars().count();
            (length > max).then(|| {
                FieldError::new(
                    name,
                    "too_long",
                    format!("At most {max} characters; this has {length}."),
                )
            })
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

pub fn path_config() -> web::PathConfig {
    // A path segment that cannot be parsed names no resource.
    web::PathConfig::default().error_handler(|_error: PathError, _req| ApiError::NotFound.into())
}

/// `?limit=&offset=` on list endpoints.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Pagination {
    /// How many items (1 to 200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// How many items to skip (default 0).
    #[param(minimum = 0)]
    pub offset: Option<i64>,
}

impl Pagination {
    pub fn resolve(self) -> Result<(i64, i64), ApiError> {
        let limit = self.limit.unwrap_or(50);
        let offset = self.offset.unwrap_or(0);
        let mut errors = Vec::new();
        if !(1..=200).contains(&limit) {
            errors.push(FieldError::new(
                "limit",
                "out_of_range",
                "limit is between 1 and 200.",
            ));
        }
        if offset < 0 {
            errors.push(FieldError::new(
                "offset",
                "out_of_range",
                "offset is 0 or more.",
            ));
        }
        if errors.is_empty() {
            Ok((limit, offset))
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    /// How many items match in all.
    pub total: i64,
    pub limit: i64,
    pub offset: i64,
}

/// A 200 response carrying the resource's version as its ETag.
pub fn ok_with_etag<T: Serialize>(version: i64, body: &T) -> HttpResponse {
    with_etag(HttpResponse::Ok(), version).json(body)
}

pub fn with_etag(mut builder: HttpResponseBuilder, version: i64) -> HttpResponseBuilder {
    builder.insert_header((header::ETAG, etag(version)));
    builder
}

/// Collects validation results: every failure is reported, not just the first.
#[derive(Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.errors.push(e)).ok()
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

/// An invitation is accepted only by the account with the address it was sent to.
pub fn require_addressee(user_email: &str, invited_email: &str) -> Result<(), ApiError> {
    if user_email == invited_email {
        Ok(())
    } else {
        Err(ApiError::refused(
            ProblemCode::InvitationForAnotherAddress,
            format!(
                "This invitation was sent to another address; sign in as {invited_email} to accept it."
            ),
        ))
    }
}
