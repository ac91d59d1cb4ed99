//! The web app's session in cookies (ASVS V3.4): the refresh token in an
//! `HttpOnly; SameSite=Strict` cookie scoped to `/api/v1/auth/refresh` (script
//! on the page cannot read it, and only the refresh endpoint receives it;
//! sign-out ends the session of its bearer token and removes the cookie),
//! `Secure` when the portal is served over HTTPS. A second cookie, readable
//! by the page, holds a random CSRF token that a refresh by cookie must echo
//! in `X-CSRF-Token` (double submit): another site can make the browser send
//! the cookie, but not read it to set the header.
//!
//! Every answer that issues tokens sets both cookies, and still carries the
//! refresh token in its body for API clients, which send it back in the body.

use actix_web::cookie::time::Duration as CookieDuration;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use serde::Serialize;

use crate::auth::tokens::{random_token, token_hash};
use crate::config::Config;
use crate::error::ApiError;
use crate::error::ProblemCode;

pub const REFRESH_COOKIE: &str = "jointcall_refresh";
pub const CSRF_COOKIE: &str = "jointcall_csrf";
pub const CSRF_HEADER: &str = "X-CSRF-Token";
/// The refresh endpoint, and nothing else, receives the token.
const REFRESH_COOKIE_PATH: &str = "/api/v1/auth/refresh";

fn cookie(
    config: &Config,
    name: &'static str,
    value: String,
    path: &'static str,
) -> Cookie<'static> {
    let max_age = i64::try_from(config.refresh_token_ttl.as_secs()).unwrap_or(i64::MAX);
    Cookie::build(name, value)
        .path(path)
        .http_only(name == REFRESH_COOKIE)
        .secure(config.public_url.starts_with("https://"))
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::seconds(max_age))
        .finish()
}

/// 200 with `body`, setting the session cookies for `refresh_token`.
pub fn signed_in(config: &Config, refresh_token: &str, body: &impl Serialize) -> HttpResponse {
    let mut response = HttpResponse::Ok();
    set(&mut response, config, refresh_token);
    response.json(body)
}

pub fn set(response: &mut HttpResponseBuilder, config: &Config, refresh_token: &str) {
    response.cookie(cookie(
        config,
        REFRESH_COOKIE,
        refresh_token.to_owned(),
        REFRESH_COOKIE_PATH,
    ));
    response.cookie(cookie(config, CSRF_COOKIE, random_token(), "/"));
}

/// Removes both cookies (sign-out).
pub fn clear(response: &mut HttpResponseBuilder, config: &Config) {
    for (name, path) in [(REFRESH_COOKIE, REFRESH_COOKIE_PATH), (CSRF_COOKIE, "/")] {
        let mut gone = cookie(config, name, String::new(), path);
        gone.make_removal();
        response.cookie(gone);
    }
}

/// The refresh token of a request: the body's (API clients), else the
/// cookie's, which counts only with the CSRF header equal to the CSRF cookie.
pub fn refresh_token(req: &HttpRequest, in_body: Option<String>) -> Result<String, ApiError> {
    if let Some(token) = in_body
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
    {
        return Ok(token);
    }
    let Some(token) = req.cookie(REFRESH_COOKIE).map(|c| c.value().to_owned()) else {
        return Err(ApiError::Unauthenticated(
            "No refresh token: send it in the body, or sign in again.",
        ));
    };
    let expected = req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned());
    let sent = req
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match (expected, sent) {
        // Compared as hashes: the time taken says nothing of the token.
        (Some(expected), Some(sent))
            if !expected.is_empty() && token_hash(&expected) == token_hash(&sent) =>
        {
            Ok(token)
        }
        _ => Err(ApiError::refused(
            ProblemCode::CsrfTokenMissing,
            "A refresh by cookie needs the X-CSRF-Token header, equal to the jointcall_csrf cookie.",
        )),
    }
}
