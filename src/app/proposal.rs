//! Starting a proposal: in an open call before the first stage's deadline,
//! the caller coordinates it with their organisation as the first partner.

use crate::db::columns::JsonText;
use crate::db::proposals::{ContactRow, PartnerRow, ProposalRow};
use crate::db::{self, audit};
use crate::domain::call::CallStatus;
use crate::domain::grant::ResearchCategory;
use crate::domain::ids::{CallId, OrganisationId, PartnerId, ProposalId};
use crate::domain::precondition::IfMatch;
use crate::domain::proposal::{PartnerRole, ProposalFields, ProposalStatus};
use crate::error::{ApiError, FieldError, ProblemCode};
use crate::read::call::{Call, load_visible_call};
use crate::read::proposal::{
    ProposalResponse, load_proposal, proposal_response, require_before_deadline,
};

use super::Context;
use super::consortium::{ensure_affiliated, find_organisation};

/// Starts a proposal in an open call as its coordinator, for the organisation `organisation_id`; one person coordinates at most the quota of a call's proposals.
pub fn start(
    cx: &mut Context<'_>,
    call_id: &CallId,
    fields: ProposalFields,
    organisation_id: &OrganisationId,
) -> Result<ProposalResponse, ApiError> {
    let (conn, now, user, config) = cx.parts();
    user.require_verified_email()?;
    let Call {
        row: call,
        settings,
    } = load_visible_call(conn, user, call_id)?;
    if call.status != CallStatus::Open {
        return Err(ApiError::conflict(
            ProblemCode::CallNotOpen,
            "The call is not open for proposals.",
        ));
    }
    let stage = settings.first_stage();
    require_before_deadline(&settings, stage, now)?;
    let coordinated = db::proposals::coordinated_in_call(conn, &call.id, &user.id)?;
    config.quotas.admit_proposal(coordinated)?;
    let organisation = find_organisation(conn, organisation_id)?;
    let row = ProposalRow {
        id: ProposalId::generate(),
        call_id: call.id.clone(),
        stage,
        status: ProposalStatus::Draft,
        acronym: fields.acronym,
        title: fields.title,
        abstract_text: String::new(),
        keywords: JsonText::default(),
        duration_months: None,
        start_date: None,
        research_category: ResearchCategory::default(),
        clinical: JsonText::default(),
        invited_to_full: false,
        created_by: user.id.clone(),
        submitted_at: None,
        version: 1,
        created_at: now.naive_utc(),
        updated_at: now.naive_utc(),
        coordinator_id: user.id.clone(),
    };
    db::proposals::insert(conn, &row)?;
    let partner = PartnerRow {
        id: PartnerId::generate(),
        proposal_id: row.id.clone(),
        organisation_id: organisation.id.clone(),
        role: PartnerRole::Coordinator,
        version: 1,
        created_at: now.naive_utc(),
    };
    db::proposals::insert_partner(conn, &partner)?;
    db::proposals::insert_contact(
        conn,
        &ContactRow {
            partner_id: partner.id.clone(),
            user_id: user.id.clone(),
            proposal_id: row.id.clone(),
            created_at: now.naive_utc(),
        },
    )?;
    ensure_affiliated(conn, &user.id, &organisation.id, now)?;
    audit::Change::new(Some(&user.id), "proposal.created", "proposal", &row.id)
        .after_of(&row)
        .record(conn, now)?;
    let ctx = load_proposal(conn, user, &row.id)?;
    proposal_response(conn, &ctx)
}

/// Replaces the proposal's own fields, as a member while it can change.
/// `fields` is the body as parsed: its errors are answered after the
/// precondition and the proposal's state, in the one order of checks.
pub fn update(
    cx: &mut Context<'_>,
    id: &ProposalId,
    if_match: &IfMatch,
    fields: Result<ProposalFields, Vec<FieldError>>,
    research_category: ResearchCategory,
) -> Result<ProposalResponse, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let ctx = load_proposal(conn, user, id)?;
    ctx.require_member()?;
    if_match.check(ctx.proposal.version)?;
    ctx.require_editable(now)?;
    let fields = fields.map_err(ApiError::Validation)?;
    let before = &ctx.proposal;
    let after = ProposalRow {
        acronym: fields.acronym,
        title: fields.title,
        abstract_text: fields.abstract_text,
        keywords: JsonText(fields.keywords),
        duration_months: fields.duration_months,
        start_date: fields.start_date,
        research_category,
        clinical: JsonText(fields.clinical),
        version: before.version + 1,
        updated_at: now.naive_utc(),
        ..before.clone()
    };
    if !db::proposals::update(conn, &after, before.version)? {
        return Err(ApiError::PreconditionFailed);
    }
    audit::Change::new(Some(&user.id), "proposal.updated", "proposal", id)
        .before_of(before)
        .after_of(&after)
        .record(conn, now)?;
    let ctx = load_proposal(conn, user, id)?;
    proposal_response(conn, &ctx)
}
