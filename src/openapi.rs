//! The OpenAPI 3.1 document, built from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api;
use crate::error::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "jointcall API",
        description = "Grant portal for joint funding calls of clinical investigations. \
            Errors are RFC 9457 problem details (`application/problem+json`) whose `code` \
            (also the last segment of `type`) is one of `ProblemCode`. Editable \
            resources carry an ETag; writes send it back in `If-Match`.",
        license(name = "Apache-2.0", identifier = "Apache-2.0"),
    ),
    paths(
        api::auth::register,
        api::auth::login,
        api::second_factor::complete_sign_in,
        api::auth::refresh,
        api::auth::logout,
        api::auth::confirm_email_verification,
        api::auth::request_password_reset,
        api::auth::confirm_password_reset,
        api::me::get_me,
        api::me::update_me,
        api::me::change_password,
        api::me::sign_out_everywhere,
        api::second_factor::get_second_factor,
        api::second_factor::begin_enrolment,
        api::second_factor::confirm_enrolment,
        api::second_factor::renew_recovery_codes,
        api::second_factor::remove_second_factor,
        api::me::resend_verification,
        api::me::list_my_affiliations,
        api::me::add_affiliation,
        api::me::remove_affiliation,
        api::users::list_users,
        api::users::get_user,
        api::users::update_user_roles,
        api::second_factor::reset_second_factor,
        api::organisations::list_organisations,
        api::organisations::create_organisation,
        api::organisations::get_organisation,
        api::organisations::update_organisation,
        api::calls::list_calls,
        api::calls::create_call,
        api::calls::get_call_defaults,
        api::calls::get_call,
        api::calls::update_call,
        api::calls::transition_call,
        api::proposals::create_proposal,
        api::proposals::list_proposals,
        api::proposals::get_proposal,
        api::proposals::update_proposal,
        api::consortium::invite_partner,
        api::consortium::list_invitations,
        api::consortium::accept_invitation,
        api::consortium::hand_over_coordination,
        api::consortium::remove_partner,
        api::budgets::get_budget,
        api::budgets::update_budget,
        api::budgets::get_grants,
        api::documents::upload_document,
        api::documents::list_documents,
        api::documents::download_document,
        api::documents::delete_document,
        api::submissions::get_checklist,
        api::submissions::submit_proposal,
        api::submissions::withdraw_proposal,
        api::submissions::reopen_proposal,
        api::submissions::get_receipt,
        api::stages::invite_to_full_stage,
        api::eligibility::list_eligibility,
        api::eligibility::decide_eligibility,
        api::experts::invite_expert,
        api::experts::list_experts,
        api::experts::accept_expert_invitation,
        api::experts::assign_expert,
        api::experts::auto_assign,
        api::assignments::list_proposal_assignments,
        api::assignments::list_call_assignments,
        api::assignments::unassign,
        api::assignments::list_my_assignments,
        api::assignments::get_assignment,
        api::assignments::declare,
        api::reviews::get_review,
        api::reviews::save_review,
        api::reviews::list_review_versions,
        api::reviews::submit_review,
        api::reviews::list_peer_reviews,
        api::consensus::name_rapporteur,
        api::consensus::get_consensus,
        api::consensus::save_consensus,
        api::consensus::approve_consensus,
        api::consensus::open_reply_window,
        api::consensus::list_reply_windows,
        api::consensus::get_reply,
        api::consensus::save_reply,
        api::ranking::get_ranking,
        api::funding::get_funding_plan,
        api::funding::what_if_funding_plan,
        api::funding::promote_proposal,
        api::decisions::list_decisions,
        api::decisions::decide,
        api::release::release_results,
        api::release::get_result,
        api::release::get_letter,
        api::release::file_redress,
        api::release::get_redress,
        api::release::answer_redress,
        api::exports::export_ranking,
        api::exports::export_funding_plan,
        api::exports::export_decisions,
        api::exports::get_statistics,
        api::audit::list_audit,
        api::audit::verify_audit,
        api::outbox::list_outbox,
        api::health::health,
        api::health::ready,
        api::health::metrics,
    ),
    components(schemas(Problem, FieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Accounts, sign-in and sessions."),
        (name = "me", description = "The signed-in user's own account."),
        (name = "users", description = "Accounts and roles, for administrators."),
        (name = "organisations", description = "Companies, research organisations, hospitals."),
        (name = "calls", description = "Calls for proposals and their rules."),
        (name = "proposals", description = "Proposals and their consortia."),
        (name = "consortium", description = "Partners, their contacts and invitations."),
        (name = "budgets", description = "Partners' budgets and the computed grants."),
        (name = "documents", description = "Documents of a proposal."),
        (name = "submission", description = "Checklist, submission, receipts, withdrawal."),
        (name = "eligibility", description = "Eligibility checks after the deadline."),
        (name = "experts", description = "The expert pool and assignments."),
        (name = "reviews", description = "An expert's assignments, declarations and reviews."),
        (name = "consensus", description = "Rapporteurs, consensus reports and the right to reply."),
        (name = "ranking", description = "The ranked proposals of a stage."),
        (name = "decisions", description = "Funding plans and each funder's decisions."),
        (name = "results", description = "The release of results, decision letters and redress."),
        (name = "exports", description = "CSV exports and statistics for operators and funders."),
        (name = "audit", description = "The tamper-evident audit log."),
        (name = "outbox", description = "Mails sent and waiting."),
        (name = "operations", description = "Health, readiness and metrics."),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("An access token from `POST /api/v1/auth/login`."))
                    .build(),
            ),
        );
    }
}

/// The document as served at `/api/openapi.json` and committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let mut text = ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
