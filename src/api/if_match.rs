//! `If-Match` on the writes that replace a version of something people edit
//! together (a proposal, a budget, a review, a call, …), so that no one's
//! change silently overwrites another's.
//!
//! Every such write checks in one order, so that a request wrong in several
//! ways gets the same answer from every endpoint:
//!
//! 1. authenticate (401) — the `AuthUser` extractor;
//! 2. load (404) and authorise (403, or 404 where outsiders must learn nothing);
//! 3. the precondition: 428 without `If-Match`, 412 when it names a replaced
//!    version — [`IfMatch::check`];
//! 4. the state: 409 when the thing cannot change now (a closed call, a
//!    passed deadline, a submitted review);
//! 5. the body's rules: 422 naming every invalid field;
//! 6. act, in one transaction with its audit record and mails.
//!
//! A body of the wrong shape is refused before all of these, as it cannot be read.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};

pub use crate::domain::precondition::IfMatch;
use crate::error::ApiError;

/// Read at the boundary, checked at step 3 (after loading and authorising,
/// so that a caller who may not see the resource learns 404, not 428).
impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        // A value that is not visible ASCII names no version: it never matches.
        let value = req
            .headers()
            .get(header::IF_MATCH)
            .map(|v| v.to_str().unwrap_or_default().to_owned());
        ready(Ok(Self(value)))
    }
}
