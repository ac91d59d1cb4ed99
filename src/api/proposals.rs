//! Proposals: created by an applicant in an open call, edited by its
//! consortium until the deadline.

use actix_web::{HttpResponse, http::header, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::if_match::IfMatch;
use super::json::{Checked, Rules};

use super::support::{Page, Pagination, ok_with_etag, with_etag};
use crate::app::{self, proposal};
use crate::auth::AuthUser;
use crate::auth::policy::{self, ProposalAccess};
use crate::db::proposals::ProposalListRow;
use crate::db::{self};
use crate::domain::call::Stage;
use crate::domain::grant::ResearchCategory;
use crate::domain::ids::{CallId, OrganisationId, ProposalId};
use crate::domain::proposal::{ClinicalInvestigation, ProposalFields, ProposalStatus};
use crate::error::responses as problems;
use crate::error::{ApiError, FieldError, Problem};
use crate::read::call::load_visible_call;
use crate::read::proposal::{ProposalResponse, ProposalSnapshot};
use crate::state::SharedState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewProposal {
    #[schema(min_length = 1, max_length = 20, example = "CARE-AI")]
    pub acronym: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub title: String,
    /// The organisation the coordinator applies for; it becomes the first partner.
    #[schema(max_length = 64)]
    #[schema(value_type = String)]
    pub organisation_id: OrganisationId,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposalUpdate {
    #[schema(min_length = 1, max_length = 20)]
    pub acronym: String,
    #[serde(default)]
    #[schema(max_length = 300)]
    pub title: String,
    #[serde(default, rename = "abstract")]
    #[schema(max_length = 4000)]
    pub abstract_text: String,
    #[serde(default)]
    #[schema(max_items = 10, value_type = Vec<crate::domain::text::Keyword>)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub duration_months: Option<i32>,
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    #[serde(default)]
    pub research_category: ResearchCategory,
    #[serde(default)]
    pub clinical: ClinicalInvestigation,
}

impl NewProposal {
    fn fields(&self) -> Result<ProposalFields, Vec<FieldError>> {
        ProposalFields::parse(
            &self.acronym,
            &self.title,
            "",
            &[],
            None,
            None,
            &ClinicalInvestigation::default(),
        )
    }
}

impl Rules for NewProposal {
    fn rule_errors(&self) -> Vec<FieldError> {
        self.fields().err().unwrap_or_default()
    }
}

impl ProposalUpdate {
    fn fields(&self) -> Result<ProposalFields, Vec<FieldError>> {
        ProposalFields::parse(
            &self.acronym,
            &self.title,
            &self.abstract_text,
            &self.keywords,
            self.duration_months,
            self.start_date,
            &self.clinical,
        )
    }
}

impl Rules for ProposalUpdate {
    fn rule_errors(&self) -> Vec<FieldError> {
        self.fields().err().unwrap_or_default()
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProposalSummary {
    #[schema(value_type = String)]
    pub id: ProposalId,
    pub acronym: String,
    pub title: String,
    pub stage: Stage,
    pub status: ProposalStatus,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i64,
}

/// Start a proposal
///
/// In an open call, before the first stage's deadline. The caller becomes the
/// coordinator, with the named organisation as the first partner. The caller's
/// address must be confirmed (403 `email-not-verified`); one person
/// coordinates at most `JOINTCALL_QUOTA_PROPOSALS` proposals of a call (409
/// `quota-exceeded`).
#[utoipa::path(
    post, path = "/api/v1/calls/{id}/proposals", tag = "proposals",
    params(("id" = String, Path, description = "The call's id.")),
    request_body = NewProposal,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created.", body = ProposalResponse,
            headers(("ETag" = String, description = "The version."), ("Location" = String, description = "The new proposal."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::CallNotFound,
        (status = 403, description = "The caller has not confirmed their email address yet (`email-not-verified`).", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The call is not open, or its deadline has passed.", body = Problem, content_type = "application/problem+json"),
        problems::InvalidFields,
    )
)]
pub async fn create_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    body: Checked<NewProposal>,
) -> Result<HttpResponse, ApiError> {
    user.require_verified_email()?;
    let body = body.into_inner();
    let fields = body.fields().map_err(ApiError::Validation)?;
    let call_id = call_id.into_inner();
    let response = app::act(&state, user, move |cx| {
        proposal::start(cx, &call_id, fields, &body.organisation_id)
    })
    .await?;
    Ok(with_etag(HttpResponse::Created(), response.version)
        .insert_header((
            header::LOCATION,
            format!("/api/v1/proposals/{}", response.id),
        ))
        .json(response))
}

/// List proposals of a call
///
/// Applicants see the proposals they are members of; operators and
/// administrators also every proposal that is no longer a draft.
#[utoipa::path(
    get, path = "/api/v1/calls/{id}/proposals", tag = "proposals",
    params(("id" = String, Path, description = "The call's id."), Pagination),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of proposals, oldest first.", body = Page<ProposalSummary>),
        problems::Unauthenticated,
        problems::CallNotFound,
        (status = 422, description = "Bad paging values.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_proposals(
    state: web::Data<SharedState>,
    user: AuthUser,
    call_id: web::Path<CallId>,
    page: web::Query<Pagination>,
) -> Result<HttpResponse, ApiError> {
    let (limit, offset) = page.into_inner().resolve()?;
    let call_id = call_id.into_inner();
    let (rows, total) = state
        .db(move |conn| {
            load_visible_call(conn, &user, &call_id)?;
            // Besides their own, the proposals the policy lets them see as a non-member.
            let visible: Vec<&str> = ProposalStatus::ALL
                .iter()
                .copied()
                .filter(|s| policy::may_see_proposal(&user, false, *s))
                .map(ProposalStatus::as_str)
                .collect();
            Ok(db::proposals::list_in_call(
                conn, &call_id, &user.id, &visible, limit, offset,
            )?)
        })
        .await?;
    let items = rows.into_iter().map(ProposalSummary::from).collect();
    Ok(HttpResponse::Ok().json(Page {
        items,
        total,
        limit,
        offset,
    }))
}

impl From<ProposalListRow> for ProposalSummary {
    fn from(r: ProposalListRow) -> Self {
        Self {
            stage: r.stage,
            status: r.status,
            submitted_at: r.submitted_at.map(|t| t.and_utc()),
            id: r.id,
            acronym: r.acronym,
            title: r.title,
            version: r.version,
        }
    }
}

/// Read a proposal
#[utoipa::path(
    get, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(("id" = String, Path, description = "The proposal's id.")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The proposal with its consortium.", body = ProposalResponse,
            headers(("ETag" = String, description = "The version, for If-Match."))),
        problems::Unauthenticated,
        problems::ProposalNotFound,
    )
)]
pub async fn get_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    id: web::Path<ProposalId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    state.metrics.snapshot_lookup("proposal");
    let snapshot = state
        .snapshots
        .proposals
        .get_or_load(id.clone(), async {
            state.metrics.snapshot_miss("proposal");
            let id = id.clone();
            state
                .db(move |conn| ProposalSnapshot::load(conn, &id))
                .await
        })
        .await?;
    let membership = snapshot.membership_of(&user.id);
    let is_member = membership.is_member();
    let visible = match policy::proposal_access(&user, is_member, snapshot.status()) {
        ProposalAccess::IfClearedExpert => {
            let user_id = user.id.clone();
            let cleared = state
                .db(move |conn| Ok(db::experts::is_cleared_expert(conn, &id, &user_id)?))
                .await?;
            policy::may_read_as_expert(&user, cleared)
        }
        access => access == ProposalAccess::Granted,
    };
    ApiError::not_found_unless(visible)?;
    let response = snapshot.response_for(membership);
    Ok(ok_with_etag(response.version, &response))
}

/// Edit a proposal
///
/// Any member of the consortium, on a draft, before the deadline. Two people
/// editing at once: the second write on a stale version gets 412.
#[utoipa::path(
    put, path = "/api/v1/proposals/{id}", tag = "proposals",
    params(
        ("id" = String, Path, description = "The proposal's id."),
        ("If-Match" = String, Header, description = "The ETag last read."),
    ),
    request_body = ProposalUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The updated proposal.", body = ProposalResponse,
            headers(("ETag" = String, description = "The new version."))),
        problems::MalformedBody,
        problems::Unauthenticated,
        problems::MembersOnly,
        problems::ProposalNotFound,
        (status = 409, description = "Not a draft, the call is not open, or the deadline has passed.", body = Problem, content_type = "application/problem+json"),
        problems::StaleVersion,
        problems::InvalidFields,
        problems::IfMatchRequired,
    )
)]
pub async fn update_proposal(
    state: web::Data<SharedState>,
    user: AuthUser,
    if_match: IfMatch,
    id: web::Path<ProposalId>,
    body: Checked<ProposalUpdate>,
) -> Result<HttpResponse, ApiError> {
    let (body, id) = (body.into_inner(), id.into_inner());
    let response = app::act(&state, user, move |cx| {
        let fields = body.fields();
        app::proposal::update(cx, &id, &if_match, fields, body.research_category)
    })
    .await?;
    Ok(ok_with_etag(response.version, &response))
}
