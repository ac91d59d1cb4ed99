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

/// Registers every `/api/v1` route. Each path is one `Endpoint` whose other
/// methods answer 405 with `Allow`; paths must match the `#[utoipa::path]` of their handlers
/// (a test walks the spec against the running server).
pub fn configure_v1(cfg: &mut web::ServiceConfig) {
    cfg.service(Endpoint::new("/auth/register").post(auth::register))
        .service(Endpoint::new("/auth/login").post(auth::login))
        .service(Endpoint::new("/auth/login/second-factor").post(second_factor::complete_sign_in))
        .service(Endpoint::new("/auth/refresh").post(auth::refresh))
        .service(Endpoint::new("/auth/logout").post(auth::logout))
        .service(Endpoint::new("/auth/email-verification").post(auth::confirm_email_verification))
        .service(Endpoint::new("/auth/password-reset").post(auth::request_password_reset))
        .service(Endpoint::new("/auth/password-reset/confirm").post(auth::confirm_password_reset))
        .service(Endpoint::new("/me").get(me::get_me).put(me::update_me))
        .service(Endpoint::new("/me/password").put(me::change_password))
        .service(Endpoint::new("/me/sessions").delete(me::sign_out_everywhere))
        .service(
            Endpoint::new("/me/second-factor")
                .get(second_factor::get_second_factor)
                .post(second_factor::confirm_enrolment),
        )
        .service(Endpoint::new("/me/second-factor/enrolment").post(second_factor::begin_enrolment))
        .service(
            Endpoint::new("/me/second-factor/recovery-codes")
                .post(second_factor::renew_recovery_codes),
        )
        .service(
            Endpoint::new("/me/second-factor/removal").post(second_factor::remove_second_factor),
        )
        .service(Endpoint::new("/me/email-verification").post(me::resend_verification))
        .service(
            Endpoint::new("/me/affiliations")
                .get(me::list_my_affiliations)
                .post(me::add_affiliation),
        )
        .service(Endpoint::new("/me/affiliations/{organisation_id}").delete(me::remove_affiliation))
        .service(Endpoint::new("/users").get(users::list_users))
        .service(Endpoint::new("/users/{id}").get(users::get_user))
        .service(Endpoint::new("/users/{id}/roles").put(users::update_user_roles))
        .service(
            Endpoint::new("/users/{id}/second-factor").delete(second_factor::reset_second_factor),
        )
        .service(
            Endpoint::new("/organisations")
                .get(organisations::list_organisations)
                .post(organisations::create_organisation),
        )
        .service(
            Endpoint::new("/organisations/{id}")
                .get(organisations::get_organisation)
                .put(organisations::update_organisation),
        )
        .service(
            Endpoint::new("/calls")
                .get(calls::list_calls)
                .post(calls::create_call),
        )
        .service(Endpoint::new("/calls/defaults").get(calls::get_call_defaults))
        .service(
            Endpoint::new("/calls/{id}")
                .get(calls::get_call)
                .put(calls::update_call),
        )
        .service(Endpoint::new("/calls/{id}/transitions").post(calls::transition_call))
        .service(
            Endpoint::new("/calls/{id}/proposals")
                .get(proposals::list_proposals)
                .post(proposals::create_proposal),
        )
        .service(
            Endpoint::new("/proposals/{id}")
                .get(proposals::get_proposal)
                .put(proposals::update_proposal),
        )
        .service(
            Endpoint::new("/proposals/{id}/invitations")
                .get(consortium::list_invitations)
                .post(consortium::invite_partner),
        )
        .service(Endpoint::new("/invitations/acceptance").post(consortium::accept_invitation))
        .service(
            Endpoint::new("/proposals/{id}/coordinator").put(consortium::hand_over_coordination),
        )
        .service(
            Endpoint::new("/proposals/{id}/partners/{partner_id}")
                .delete(consortium::remove_partner),
        )
        .service(
            Endpoint::new("/proposals/{id}/partners/{partner_id}/budget")
                .get(budgets::get_budget)
                .put(budgets::update_budget),
        )
        .service(Endpoint::new("/proposals/{id}/grants").get(budgets::get_grants))
        .service(
            Endpoint::new("/proposals/{id}/documents")
                .get(documents::list_documents)
                .post(documents::upload_document),
        )
        .service(
            Endpoint::new("/proposals/{id}/documents/{document_id}")
                .get(documents::download_document)
                .delete(documents::delete_document),
        )
        .service(Endpoint::new("/proposals/{id}/checklist").get(submissions::get_checklist))
        .service(Endpoint::new("/proposals/{id}/submission").post(submissions::submit_proposal))
        .service(Endpoint::new("/proposals/{id}/withdrawal").post(submissions::withdraw_proposal))
        .service(Endpoint::new("/proposals/{id}/reopening").post(submissions::reopen_proposal))
        .service(Endpoint::new("/proposals/{id}/receipt").get(submissions::get_receipt))
        .service(Endpoint::new("/proposals/{id}/invitation").post(stages::invite_to_full_stage))
        .service(Endpoint::new("/calls/{id}/eligibility").get(eligibility::list_eligibility))
        .service(Endpoint::new("/proposals/{id}/eligibility").put(eligibility::decide_eligibility))
        .service(
            Endpoint::new("/calls/{id}/experts")
                .get(experts::list_experts)
                .post(experts::invite_expert),
        )
        .service(
            Endpoint::new("/expert-invitations/acceptance").post(experts::accept_expert_invitation),
        )
        .service(
            Endpoint::new("/proposals/{id}/assignments")
                .get(assignments::list_proposal_assignments)
                .post(experts::assign_expert),
        )
        .service(
            Endpoint::new("/assignments/{id}")
                .get(assignments::get_assignment)
                .delete(assignments::unassign),
        )
        .service(Endpoint::new("/assignments/{id}/declaration").post(assignments::declare))
        .service(Endpoint::new("/me/assignments").get(assignments::list_my_assignments))
        .service(
            Endpoint::new("/assignments/{id}/review")
                .get(reviews::get_review)
                .put(reviews::save_review),
        )
        .service(
            Endpoint::new("/assignments/{id}/review/versions").get(reviews::list_review_versions),
        )
        .service(Endpoint::new("/assignments/{id}/review/submission").post(reviews::submit_review))
        .service(Endpoint::new("/assignments/{id}/peer-reviews").get(reviews::list_peer_reviews))
        .service(Endpoint::new("/calls/{id}/assignments/auto").post(experts::auto_assign))
        .service(Endpoint::new("/proposals/{id}/rapporteur").put(consensus::name_rapporteur))
        .service(
            Endpoint::new("/proposals/{id}/consensus")
                .get(consensus::get_consensus)
                .put(consensus::save_consensus),
        )
        .service(
            Endpoint::new("/proposals/{id}/consensus/approval").post(consensus::approve_consensus),
        )
        .service(
            Endpoint::new("/calls/{id}/reply-windows")
                .get(consensus::list_reply_windows)
                .post(consensus::open_reply_window),
        )
        .service(Endpoint::new("/calls/{id}/assignments").get(assignments::list_call_assignments))
        .service(
            Endpoint::new("/proposals/{id}/reply")
                .get(consensus::get_reply)
                .put(consensus::save_reply),
        )
        .service(Endpoint::new("/calls/{id}/ranking").get(ranking::get_ranking))
        .service(Endpoint::new("/calls/{id}/funding-plan").get(funding::get_funding_plan))
        .service(
            Endpoint::new("/calls/{id}/funding-plan/what-if").post(funding::what_if_funding_plan),
        )
        .service(Endpoint::new("/proposals/{id}/funding-promotion").post(funding::promote_proposal))
        .service(Endpoint::new("/proposals/{id}/decisions").get(decisions::list_decisions))
        .service(Endpoint::new("/calls/{id}/release").post(release::release_results))
        .service(Endpoint::new("/calls/{id}/exports/ranking").get(exports::export_ranking))
        .service(
            Endpoint::new("/calls/{id}/exports/funding-plan").get(exports::export_funding_plan),
        )
        .service(Endpoint::new("/calls/{id}/exports/decisions").get(exports::export_decisions))
        .service(Endpoint::new("/calls/{id}/statistics").get(exports::get_statistics))
        .service(Endpoint::new("/proposals/{id}/result").get(release::get_result))
        .service(Endpoint::new("/proposals/{id}/letter").get(release::get_letter))
        .service(
            Endpoint::new("/proposals/{id}/redress")
                .get(release::get_redress)
                .post(release::file_redress),
        )
        .service(Endpoint::new("/proposals/{id}/redress/answer").put(release::answer_redress))
        .service(
            Endpoint::new("/proposals/{id}/partners/{partner_id}/decision").put(decisions::decide),
        )
        .service(Endpoint::new("/audit").get(audit::list_audit))
        .service(Endpoint::new("/audit/verification").get(audit::verify_audit))
        .service(Endpoint::new("/outbox").get(outbox::list_outbox));
}

/// Test-only routes (see `test_hooks`); mounted only when the settings allow them.
pub fn configure_test_hooks(cfg: &mut web::ServiceConfig) {
    cfg.service(
        Endpoint::new("/test/clock")
            .get(test_hooks::get_clock)
            .put(test_hooks::set_clock)
            .delete(test_hooks::reset_clock),
    );
}

/// `/health`, `/ready` and `/metrics`, outside the versioned API.
pub fn configure_operations(cfg: &mut web::ServiceConfig) {
    cfg.service(Endpoint::new("/health").get(health::health))
        .service(Endpoint::new("/ready").get(health::ready))
        .service(Endpoint::new("/metrics").get(health::metrics));
}
