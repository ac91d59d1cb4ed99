//! Test-only hooks, mounted only with `JOINTCALL_TEST_HOOKS=1` (refused when
//! `JOINTCALL_ENV=production`) and absent from the API description.
//! See docs/testing.md.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::json::Json;
use crate::error::ApiError;
use crate::state::SharedState;

/// A schema for the body extractor only: the hook is not in the spec.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClockSetting {
    /// The time the server clock should show now, RFC 3339.
    pub now: DateTime<Utc>,
}

/// `PUT /api/v1/test/clock {"now": "..."}`: the server clock jumps there and runs on.
pub async fn set_clock(
    state: web::Data<SharedState>,
    body: Json<ClockSetting>,
) -> Result<HttpResponse, ApiError> {
    state.clock.set(body.now);
    tracing::warn!(now = %body.now, "test hook: server clock set");
    Ok(HttpResponse::Ok().json(ClockSetting {
        now: state.clock.now(),
    }))
}

/// `GET /api/v1/test/clock`: the server clock's time.
pub async fn get_clock(state: web::Data<SharedState>) -> HttpResponse {
    HttpResponse::Ok().json(ClockSetting {
        now: state.clock.now(),
    })
}

/// `DELETE /api/v1/test/clock`: back to real time.
pub async fn reset_clock(state: web::Data<SharedState>) -> HttpResponse {
    state.clock.reset();
    HttpResponse::NoContent().finish()
}
