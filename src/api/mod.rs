//! The HTTP API: one module per resource, all routes registered here.

pub mod assignments;
pub mod audit;
pub mod auth;
pub mod body_errors;
pub mod bounds;
pub mod budgets;
pub mod calls;
pub mod consensus;
pub mod consortium;
pub mod decisions;
pub mod documents;
pub mod eligibility;
pub mod experts;
pub mod exports;
pub mod funding;
pub mod health;
pub mod if_match;
pub mod json;
pub mod me;
pub mod organisations;
pub mod outbox;
pub mod proposals;
pub mod ranking;
pub mod release;
pub mod reviews;
pub mod second_factor;
pub mod session_cookies;
pub mod stages;
pub mod submissions;
pub mod support;
pub mod test_hooks;
pub mod users;

use actix_web::web;

use support::Endpoint;

/// Builds the router and the OpenAPI document from one list. Each `[...]` is
/// one endpoint: handlers documented at the same path, whose `#[utoipa::path]`
/// gives the path and method they are routed at. A handler routed here is
/// documented, and a documented one is routed, by construction.
macro_rules! endpoints {
    ($(#[$doc:meta])* $configure:ident, $documented:ident, mounted at $mount:literal {
        $( [ $($module:ident :: $handler:ident),+ $(,)? ] ),* $(,)?
    }) => {
        pastey::paste! {
            $(#[$doc])*
            pub fn $configure(cfg: &mut web::ServiceConfig) {
                $(
                    cfg.service(
                        Endpoint::mounted_at($mount)
                            $(.operation($module::[<__path_ $handler>], $module::$handler))+
                    );
                )*
            }

            /// The documented operations of the endpoints `
            #[doc = stringify!($configure)]
            /// ` routes, for the OpenAPI document.
            pub fn $documented() -> Vec<&'static dyn utoipa_actix_web::OpenApiFactory> {
                vec![$($(&$module::[<__path_ $handler>]),+),*]
            }
        }
    };
}

endpoints! {
    /// Registers every `/api/v1` route; other methods of a path answer 405 with `Allow`.
    configure_v1, documented_v1, mounted at "/api/v1" {
        [auth::register], // /auth/register
        [auth::login], // /auth/login
        [second_factor::complete_sign_in], // /auth/login/second-factor
        [auth::refresh], // /auth/refresh
        [auth::logout], // /auth/logout
        [auth::confirm_email_verification], // /auth/email-verification
        [auth::request_password_reset], // /auth/password-reset
        [auth::confirm_password_reset], // /auth/password-reset/confirm
        [me::get_me, me::update_me], // /me
        [me::change_password], // /me/password
        [me::sign_out_everywhere], // /me/sessions
        [second_factor::get_second_factor, second_factor::confirm_enrolment], // /me/second-factor
        [second_factor::begin_enrolment], // /me/second-factor/enrolment
        [second_factor::renew_recovery_codes], // /me/second-factor/recovery-codes
        [second_factor::remove_second_factor], // /me/second-factor/removal
        [me::resend_verification], // /me/email-verification
        [me::list_my_affiliations, me::add_affiliation], // /me/affiliations
        [me::remove_affiliation], // /me/affiliations/{organisation_id}
        [users::list_users], // /users
        [users::get_user], // /users/{id}
        [users::update_user_roles], // /users/{id}/roles
        [second_factor::reset_second_factor], // /users/{id}/second-factor
        [organisations::list_organisations, organisations::create_organisation], // /organisations
        [organisations::get_organisation, organisations::update_organisation], // /organisations/{id}
        [calls::list_calls, calls::create_call], // /calls
        [calls::get_call_defaults], // /calls/defaults
        [calls::get_call, calls::update_call], // /calls/{id}
        [calls::transition_call], // /calls/{id}/transitions
        [proposals::list_proposals, proposals::create_proposal], // /calls/{id}/proposals
        [proposals::get_proposal, proposals::update_proposal], // /proposals/{id}
        [consortium::list_invitations, consortium::invite_partner], // /proposals/{id}/invitations
        [consortium::accept_invitation], // /invitations/acceptance
        [consortium::hand_over_coordination], // /proposals/{id}/coordinator
        [consortium::remove_partner], // /proposals/{id}/partners/{partner_id}
        [budgets::get_budget, budgets::update_budget], // /proposals/{id}/partners/{partner_id}/budget
        [budgets::get_grants], // /proposals/{id}/grants
        [documents::list_documents, documents::upload_document], // /proposals/{id}/documents
        [documents::download_document, documents::delete_document], // /proposals/{id}/documents/{document_id}
        [submissions::get_checklist], // /proposals/{id}/checklist
        [submissions::submit_proposal], // /proposals/{id}/submission
        [submissions::withdraw_proposal], // /proposals/{id}/withdrawal
        [submissions::reopen_proposal], // /proposals/{id}/reopening
        [submissions::get_receipt], // /proposals/{id}/receipt
        [stages::invite_to_full_stage], // /proposals/{id}/invitation
        [eligibility::list_eligibility], // /calls/{id}/eligibility
        [eligibility::decide_eligibility], // /proposals/{id}/eligibility
        [experts::list_experts, experts::invite_expert], // /calls/{id}/experts
        [experts::accept_expert_invitation], // /expert-invitations/acceptance
        [assignments::list_proposal_assignments, experts::assign_expert], // /proposals/{id}/assignments
        [assignments::get_assignment, assignments::unassign], // /assignments/{id}
        [assignments::declare], // /assignments/{id}/declaration
        [assignments::list_my_assignments], // /me/assignments
        [reviews::get_review, reviews::save_review], // /assignments/{id}/review
        [reviews::list_review_versions], // /assignments/{id}/review/versions
        [reviews::submit_review], // /assignments/{id}/review/submission
        [reviews::list_peer_reviews], // /assignments/{id}/peer-reviews
        [experts::auto_assign], // /calls/{id}/assignments/auto
        [consensus::name_rapporteur], // /proposals/{id}/rapporteur
        [consensus::get_consensus, consensus::save_consensus], // /proposals/{id}/consensus
        [consensus::approve_consensus], // /proposals/{id}/consensus/approval
        [consensus::list_reply_windows, consensus::open_reply_window], // /calls/{id}/reply-windows
        [assignments::list_call_assignments], // /calls/{id}/assignments
        [consensus::get_reply, consensus::save_reply], // /proposals/{id}/reply
        [ranking::get_ranking], // /calls/{id}/ranking
        [funding::get_funding_plan], // /calls/{id}/funding-plan
        [funding::what_if_funding_plan], // /calls/{id}/funding-plan/what-if
        [funding::promote_proposal], // /proposals/{id}/funding-promotion
        [decisions::list_decisions], // /proposals/{id}/decisions
        [release::release_results], // /calls/{id}/release
        [exports::export_ranking], // /calls/{id}/exports/ranking
        [exports::export_funding_plan], // /calls/{id}/exports/funding-plan
        [exports::export_decisions], // /calls/{id}/exports/decisions
        [exports::get_statistics], // /calls/{id}/statistics
        [release::get_result], // /proposals/{id}/result
        [release::get_letter], // /proposals/{id}/letter
        [release::get_redress, release::file_redress], // /proposals/{id}/redress
        [release::answer_redress], // /proposals/{id}/redress/answer
        [decisions::decide], // /proposals/{id}/partners/{partner_id}/decision
        [audit::list_audit], // /audit
        [audit::verify_audit], // /audit/verification
        [outbox::list_outbox], // /outbox
    }
}

endpoints! {
    /// `/health`, `/ready` and `/metrics`, outside the versioned API.
    configure_operations, documented_operations, mounted at "" {
        [health::health], // /health
        [health::ready], // /ready
        [health::metrics], // /metrics
    }
}

/// Test-only routes (see `test_hooks`); mounted only when the settings allow
/// them, and left out of the OpenAPI document.
pub fn configure_test_hooks(cfg: &mut web::ServiceConfig) {
    use utoipa::openapi::HttpMethod;
    cfg.service(
        Endpoint::undocumented("/test/clock")
            .route(HttpMethod::Get, test_hooks::get_clock)
            .route(HttpMethod::Put, test_hooks::set_clock)
            .route(HttpMethod::Delete, test_hooks::reset_clock),
    );
}
