//! Starting a proposal: in an open call before the first stage's deadline,
//! the caller coordinates it with their organisation as the first partner.

use crate::db::columns::JsonText;
use crate::db::proposals::{ContactRow, PartnerRow, ProposalRow};
use crate::db::{self, audit};
use crate::domain::call::CallStatus;
use crate::domain::grant::ResearchCategory;
use crate::domain::ids::{CallId, OrganisationId, PartnerId, ProposalId};
use crate::domain::proposal::{PartnerRole, ProposalFields, ProposalStatus};
use crate::error::{ApiError, ProblemCode};
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
