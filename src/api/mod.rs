//! The HTTP API: one module per resource, all routes registered here.

pub mod audit;
pub mod auth;
pub mod health;
pub mod json;
pub mod me;
pub mod organisations;
pub mod outbox;
pub mod support;
pub mod users;

use actix_web::web;

use support::resource;

/// Registers every `/api/v1` route. Each path is one resource whose unknown
/// methods answer 405; paths must match the `#[utoipa::path]` of their handlers
/// (a test walks the spec against the running server).
pub fn configure_v1(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/auth/register").route(web::post().to(auth::register)))
        .service(resource("/auth/login").route(web::post().to(auth::login)))
        .service(resource("/auth/refresh").route(web::post().to(auth::refresh)))
        .service(resource("/auth/logout").route(web::post().to(auth::logout)))
        .service(
            resource("/auth/email-verification")
                .route(web::post().to(auth::confirm_email_verification)),
        )
        .service(
            resource("/auth/password-reset").route(web::post().to(auth::request_password_reset)),
        )
        .service(
            resource("/auth/password-reset/confirm")
                .route(web::post().to(auth::confirm_password_reset)),
        )
        .service(
            resource("/me")
                .route(web::get().to(me::get_me))
                .route(web::put().to(me::update_me)),
        )
        .service(resource("/me/password").route(web::put().to(me::change_password)))
        .service(resource("/me/email-verification").route(web::post().to(me::resend_verification)))
        .service(
            resource("/me/affiliations")
                .route(web::get().to(me::list_my_affiliations))
                .route(web::post().to(me::add_affiliation)),
        )
        .service(
            resource("/me/affiliations/{organisation_id}")
                .route(web::delete().to(me::remove_affiliation)),
        )
        .service(resource("/users").route(web::get().to(users::list_users)))
        .service(resource("/users/{id}").route(web::get().to(users::get_user)))
        .service(resource("/users/{id}/roles").route(web::put().to(users::update_user_roles)))
        .service(
            resource("/organisations")
                .route(web::get().to(organisations::list_organisations))
                .route(web::post().to(organisations::create_organisation)),
        )
        .service(
            resource("/organisations/{id}")
                .route(web::get().to(organisations::get_organisation))
                .route(web::put().to(organisations::update_organisation)),
        )
        .service(resource("/audit").route(web::get().to(audit::list_audit)))
        .service(resource("/audit/verification").route(web::get().to(audit::verify_audit)))
        .service(resource("/outbox").route(web::get().to(outbox::list_outbox)));
}

/// `/health`, `/ready` and `/metrics`, outside the versioned API.
pub fn configure_operations(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/health").route(web::get().to(health::health)))
        .service(resource("/ready").route(web::get().to(health::ready)))
        .service(resource("/metrics").route(web::get().to(health::metrics)));
}
