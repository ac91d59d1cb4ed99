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
use crate::error::{ApiError, FieldError, problem_for_status, problem_response};

/// One path and the handlers of its methods. Any other method answers 405
/// with an `Allow` header listing the routed ones (RFC 9110 15.5.6).
///
/// The path and each method come from the handler's `#[utoipa::path]`, so
/// what is served and what is documented are one statement (`api::endpoints!`).
pub struct Endpoint {
    /// Where the router mounts this endpoint's scope (`/api/v1`, or `` for
    /// the operations' routes): the documented path less this prefix.
    mount: &'static str,
    path: Option<String>,
    resource: Option<Resource>,
    methods: Vec<&'static str>,
}

impl Endpoint {
    pub fn mounted_at(mount: &'static str) -> Self {
        Self {
            mount,
            path: None,
            resource: None,
            methods: Vec::new(),
        }
    }

    /// Routes the documented operation `D` to `handler`. Every operation of
    /// one endpoint must be documented at the same path; a mismatch stops
    /// the server at start, so it cannot go unnoticed.
    pub fn operation<D, F, Args>(mut self, _documented: D, handler: F) -> Self
    where
        D: utoipa::Path,
        F: Handler<Args> + Clone,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let documented = D::path();
        let path = documented
            .strip_prefix(self.mount)
            .unwrap_or_else(|| panic!("{documented} is documented outside {}", self.mount))
            .to_owned();
        match &self.path {
            Some(first) => assert_eq!(first, &path, "one endpoint, one path"),
            None => self.path = Some(path.clone()),
        }
        let mut resource = self.resource.take().unwrap_or_else(|| web::resource(path));
        for method in D::methods() {
            let (name, route) = route_for(&method);
            resource = resource.route(route.to(handler.clone()));
            self.methods.push(name);
        }
        self.resource = Some(resource);
        self
    }
}

impl Endpoint {
    /// A route left out of the OpenAPI document on purpose (the test hooks).
    pub fn undocumented(path: &str) -> Self {
        Self {
            mount: "",
            path: Some(path.to_owned()),
            resource: Some(web::resource(path)),
            methods: Vec::new(),
        }
    }

    pub fn route<F, Args>(mut self, method: utoipa::openapi::HttpMethod, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let (name, route) = route_for(&method);
        self.resource = self.resource.map(|r| r.route(route.to(handler)));
        self.methods.push(name);
        self
    }
}

fn route_for(method: &utoipa::openapi::HttpMethod) -> (&'static str, actix_web::Route) {
    use utoipa::openapi::HttpMethod;
    match method {
        HttpMethod::Get => ("GET", web::get()),
        HttpMethod::Post => ("POST", web::post()),
        HttpMethod::Put => ("PUT", web::put()),
        HttpMethod::Delete => ("DELETE", web::delete()),
        HttpMethod::Patch => ("PATCH", web::patch()),
        HttpMethod::Head => ("HEAD", web::head()),
        HttpMethod::Options => ("OPTIONS", web::method(actix_web::http::Method::OPTIONS)),
        HttpMethod::Trace => ("TRACE", web::trace()),
    }
}

impl HttpServiceFactory for Endpoint {
    fn register(self, config: &mut AppService) {
        let allow = self.methods.join(", ");
        let Some(resource) = self.resource else {
            panic!("an endpoint without operations");
        };
        resource
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

#[cfg(test)]
mod endpoint_tests {
    use super::*;

    #[utoipa::path(get, path = "/api/v1/things", responses((status = 200)))]
    async fn list_things() -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[utoipa::path(post, path = "/api/v1/other-things", responses((status = 201)))]
    async fn create_other_thing() -> HttpResponse {
        HttpResponse::Created().finish()
    }

    #[test]
    fn an_endpoint_takes_path_and_method_from_the_annotation() {
        let endpoint = Endpoint::mounted_at("/api/v1").operation(__path_list_things, list_things);
        assert_eq!(endpoint.path.as_deref(), Some("/things"));
        assert_eq!(endpoint.methods, ["GET"]);
    }

    #[test]
    #[should_panic(expected = "one endpoint, one path")]
    fn handlers_documented_at_different_paths_are_not_one_endpoint() {
        let _ = Endpoint::mounted_at("/api/v1")
            .operation(__path_list_things, list_things)
            .operation(__path_create_other_thing, create_other_thing);
    }

    #[test]
    #[should_panic(expected = "is documented outside /metrics")]
    fn a_handler_documented_outside_the_mount_is_refused() {
        let _ = Endpoint::mounted_at("/metrics").operation(__path_list_things, list_things);
    }
}
