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

/// The OpenAPI document: the info, tags and shared schemas of [`ApiDoc`],
/// and the operations of every routed endpoint with the schemas they name,
/// taken from the same list the router is built from (`api::endpoints!`).
pub fn spec() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let mut schemas = Vec::new();
    for operation in api::documented_v1()
        .into_iter()
        .chain(api::documented_operations())
    {
        doc.paths.merge(operation.paths());
        operation.schemas(&mut schemas);
    }
    doc.components
        .get_or_insert_with(Default::default)
        .schemas
        .extend(schemas);
    doc
}

/// The document as served at `/api/openapi.json` and committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let mut text = spec()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
