//! Proposals, their partners and contacts, invitations and budget lines.
//! Membership questions are answered by the queries themselves, so a
//! handler cannot forget to scope.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::calls::CallRow;
use super::columns::JsonText;
use super::organisations::OrganisationRow;
use super::schema::{
    budget_lines, calls, invitations, organisations, partner_contacts, partners, proposals, users,
};
use crate::domain::call::Stage;
use crate::domain::grant::{CostCategory, ResearchCategory};
use crate::domain::ids::{CallId, OrganisationId, PartnerId, ProposalId, UserId};
use crate::domain::language::Language;
use crate::domain::proposal::{ClinicalInvestigation, PartnerRole, ProposalStatus};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = proposals)]
pub struct ProposalRow {
    pub id: ProposalId,
    pub call_id: CallId,
    pub stage: Stage,
    pub status: ProposalStatus,
    pub acronym: String,
    pub title: String,
    pub abstract_text: String,
    pub keywords: JsonText<Vec<String>>,
    pub duration_months: Option<i32>,
    pub start_date: Option<NaiveDate>,
    pub research_category: ResearchCategory,
    pub clinical: JsonText<ClinicalInvestigation>,
    pub invited_to_full: bool,
    pub created_by: UserId,
    pub submitted_at: Option<NaiveDateTime>,
    pub version: i64,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The one person who coordinates (a contact of the coordinating partner).
    pub coordinator_id: UserId,
}

pub fn insert(conn: &mut DbConnection, row: &ProposalRow) -> QueryResult<()> {
    diesel::insert_into(proposals::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, id: &ProposalId) -> QueryResult<ProposalRow> {
    on_backend!(conn, |c| {
        proposals::table
            .find(id)
            .select(ProposalRow::as_select())
            .first(c)
    })
}

/// The proposal with its call, in one query: nearly every request about a
/// proposal needs both.
pub fn find_with_call(
    conn: &mut DbConnection,
    id: &ProposalId,
) -> QueryResult<(ProposalRow, CallRow)> {
    on_backend!(conn, |c| {
        proposals::table
            .inner_join(calls::table)
            .filter(proposals::id.eq(id))
            .select((ProposalRow::as_select(), CallRow::as_select()))
            .get_result(c)
    })
}

/// Writes every changeable column if the stored version is still `expected_version`.
pub fn update(
    conn: &mut DbConnection,
    row: &ProposalRow,
    expected_version: i64,
) -> QueryResult<bool> {
    diesel::update(
        proposals::table.filter(
            proposals::id
                .eq(&row.id)
                .and(proposals::version.eq(expected_version)),
        ),
    )
    .set((
        proposals::stage.eq(&row.stage),
        proposals::status.eq(&row.status),
        proposals::acronym.eq(&row.acronym),
        proposals::title.eq(&row.title),
        proposals::abstract_text.eq(&row.abstract_text),
        proposals::keywords.eq(&row.keywords),
        proposals::duration_months.eq(row.duration_months),
        proposals::start_date.eq(row.start_date),
        proposals::research_category.eq(&row.research_category),
        proposals::clinical.eq(&row.clinical),
        proposals::invited_to_full.eq(row.invited_to_full),
        proposals::submitted_at.eq(row.submitted_at),
        proposals::version.eq(expected_version + 1),
        proposals::updated_at.eq(row.updated_at),
        proposals::coordinator_id.eq(&row.coordinator_id),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Bumps the version of a proposal whose consortium changed (partners, members).
pub fn touch(conn: &mut DbConnection, id: &ProposalId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::version.eq(proposals::version + 1),
            proposals::updated_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// A proposal as lists show it: no texts, no documents to parse.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = proposals)]
pub struct ProposalListRow {
    pub id: ProposalId,
    pub acronym: String,
    pub title: String,
    pub stage: Stage,
    pub status: ProposalStatus,
    pub submitted_at: Option<NaiveDateTime>,
    pub version: i64,
}

/// The proposals of a call the user is a member of, plus (for call managers)
/// those in `visible_statuses`, oldest first.
pub fn list_in_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    member: &str,
    visible_statuses: &[&str],
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<ProposalListRow>, i64)> {
    let statuses: Vec<String> = visible_statuses.iter().map(|s| (*s).to_owned()).collect();
    let member = member.to_owned();
    let filtered = || {
        let member_of = partner_contacts::table
            .filter(partner_contacts::user_id.eq(member.clone()))
            .select(partner_contacts::proposal_id);
        proposals::table
            .filter(proposals::call_id.eq(call_id.to_owned()))
            .filter(
                proposals::id
                    .eq_any(member_of)
                    .or(proposals::status.eq_any(statuses.clone())),
            )
            .into_boxed()
    };
    let rows = filtered()
        .order((proposals::created_at.asc(), proposals::id.asc()))
        .limit(limit)
        .offset(offset)
        .select(ProposalListRow::as_select())
        .load(conn)?;
    let total = filtered().count().get_result(conn)?;
    Ok((rows, total))
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = partners)]
pub struct PartnerRow {
    pub id: PartnerId,
    pub proposal_id: ProposalId,
    pub organisation_id: OrganisationId,
    pub role: PartnerRole,
    pub version: i64,
    pub created_at: NaiveDateTime,
}

impl PartnerRow {
    pub fn is_coordinator(&self) -> bool {
        self.role == PartnerRole::Coordinator
    }
}

pub fn insert_partner(conn: &mut DbConnection, row: &PartnerRow) -> QueryResult<()> {
    diesel::insert_into(partners::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// A partner of this proposal (404 for a partner of another proposal).
pub fn find_partner(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    partner_id: &PartnerId,
) -> QueryResult<PartnerRow> {
    partners::table
        .find(partner_id)
        .filter(partners::proposal_id.eq(proposal_id))
        .select(PartnerRow::as_select())
        .first(conn)
}

pub fn partner_of_organisation(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    organisation_id: &OrganisationId,
) -> QueryResult<Option<PartnerRow>> {
    partners::table
        .filter(partners::proposal_id.eq(proposal_id))
        .filter(partners::organisation_id.eq(organisation_id))
        .select(PartnerRow::as_select())
        .first(conn)
        .optional()
}

/// The partners with their organisations, coordinator first.
pub fn partners_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Vec<(PartnerRow, OrganisationRow)>> {
    let mut rows: Vec<(PartnerRow, OrganisationRow)> = on_backend!(conn, |c| {
        partners::table
            .inner_join(organisations::table)
            .filter(partners::proposal_id.eq(proposal_id))
            .order(partners::created_at.asc())
            .select((PartnerRow::as_select(), OrganisationRow::as_select()))
            .load(c)
    })?;
    coordinator_first(&mut rows);
    Ok(rows)
}

/// Puts the coordinator first and keeps the others in their order: the
/// order every list of a proposal's partners is shown in.
pub fn coordinator_first(partners: &mut [(PartnerRow, OrganisationRow)]) {
    partners.sort_by_key(|(p, _)| !p.is_coordinator());
}

pub fn delete_partner(conn: &mut DbConnection, partner_id: &PartnerId) -> QueryResult<()> {
    diesel::delete(partners::table.find(partner_id))
        .execute(conn)
        .map(|_| ())
}

/// Bumps a partner's version when its budget changes; false when it moved on.
pub fn bump_partner(
    conn: &mut DbConnection,
    partner_id: &PartnerId,
    expected_version: i64,
) -> QueryResult<bool> {
    diesel::update(
        partners::table.filter(
            partners::id
                .eq(partner_id)
                .and(partners::version.eq(expected_version)),
        ),
    )
    .set(partners::version.eq(expected_version + 1))
    .execute(conn)
    .map(|n| n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = partner_contacts)]
pub struct ContactRow {
    pub partner_id: PartnerId,
    pub user_id: UserId,
    pub proposal_id: ProposalId,
    pub created_at: NaiveDateTime,
}

pub fn insert_contact(conn: &mut DbConnection, row: &ContactRow) -> QueryResult<()> {
    diesel::insert_into(partner_contacts::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

/// The partners (by id) the user is a contact of in this proposal; empty for outsiders.
/// The partners `user_id` is a contact of, each with its role
/// (a `PartnerRole` code), so the caller learns whether they coordinate
/// without another query.
pub fn memberships(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    user_id: &UserId,
) -> QueryResult<Vec<(PartnerId, String)>> {
    on_backend!(conn, |c| {
        partner_contacts::table
            .inner_join(partners::table)
            .filter(partner_contacts::proposal_id.eq(proposal_id))
            .filter(partner_contacts::user_id.eq(user_id))
            .select((partner_contacts::partner_id, partners::role))
            .load(c)
    })
}

/// A contact as the proposal shows it: (user id, email, full name).
pub type ContactOfPartner = (UserId, String, String);

/// Every partner of the proposal with its organisation and each of its
/// contacts, one row per contact (one with `None` for a partner without any),
/// in the order the partners and then their contacts joined: the whole
/// consortium in one query, for the proposal read.
pub fn consortium_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Vec<(PartnerRow, OrganisationRow, Option<ContactOfPartner>)>> {
    on_backend!(conn, |c| {
        partners::table
            .inner_join(organisations::table)
            // Flat joins: a nested `LEFT JOIN (contacts JOIN users)` makes
            // SQLite materialise every contact of every proposal first.
            .left_join(partner_contacts::table)
            .left_join(users::table.on(users::id.eq(partner_contacts::user_id)))
            .filter(partners::proposal_id.eq(proposal_id))
            .order((
                partners::created_at.asc(),
                partners::id.asc(),
                partner_contacts::created_at.asc(),
            ))
            .select((
                PartnerRow::as_select(),
                OrganisationRow::as_select(),
                (users::id, users::email, users::full_name).nullable(),
            ))
            .load(c)
    })
}

/// Every contact's address and letter language (a `Language` code).
pub fn contact_addresses(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Vec<(String, Language)>> {
    partner_contacts::table
        .inner_join(users::table)
        .filter(partner_contacts::proposal_id.eq(proposal_id))
        .select((users::email, users::language))
        .load(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = invitations)]
pub struct InvitationRow {
    pub id: String,
    pub proposal_id: ProposalId,
    pub email: String,
    #[serde(skip)]
    pub token_hash: String,
    pub invited_by: UserId,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub accepted_at: Option<NaiveDateTime>,
    pub accepted_by: Option<UserId>,
}

pub fn insert_invitation(conn: &mut DbConnection, row: &InvitationRow) -> QueryResult<()> {
    diesel::insert_into(invitations::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn invitation_by_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<InvitationRow>> {
    invitations::table
        .filter(invitations::token_hash.eq(token_hash))
        .select(InvitationRow::as_select())
        .first(conn)
        .optional()
}

/// How many proposals of the call, withdrawn ones aside, `user_id` coordinates.
pub fn coordinated_in_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    user_id: &UserId,
) -> QueryResult<usize> {
    proposals::table
        .filter(proposals::call_id.eq(call_id))
        .filter(proposals::coordinator_id.eq(user_id))
        .filter(proposals::status.ne("withdrawn"))
        .count()
        .get_result::<i64>(conn)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

pub fn invitations_of(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Vec<InvitationRow>> {
    invitations::table
        .filter(invitations::proposal_id.eq(proposal_id))
        .order(invitations::created_at.asc())
        .select(InvitationRow::as_select())
        .load(conn)
}

/// Marks an invitation accepted unless someone accepted it first.
pub fn accept_invitation(
    conn: &mut DbConnection,
    id: &str,
    user_id: &UserId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        invitations::table
            .find(id)
            .filter(invitations::accepted_at.is_null()),
    )
    .set((
        invitations::accepted_at.eq(Some(now)),
        invitations::accepted_by.eq(Some(user_id)),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = budget_lines)]
pub struct BudgetLineRow {
    pub id: String,
    pub partner_id: PartnerId,
    pub year: i32,
    pub category: CostCategory,
    pub amount_cents: i64,
    pub position: i32,
}

pub fn budget_of(
    conn: &mut DbConnection,
    partner_id: &PartnerId,
) -> QueryResult<Vec<BudgetLineRow>> {
    budget_lines::table
        .filter(budget_lines::partner_id.eq(partner_id))
        .order(budget_lines::position.asc())
        .select(BudgetLineRow::as_select())
        .load(conn)
}

/// Every budget line of the proposal's partners.
pub fn budgets_of_proposal(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
) -> QueryResult<Vec<BudgetLineRow>> {
    budget_lines::table
        .inner_join(partners::table)
        .filter(partners::proposal_id.eq(proposal_id))
        .order((budget_lines::partner_id.asc(), budget_lines::position.asc()))
        .select(BudgetLineRow::as_select())
        .load(conn)
}

/// Replaces a partner's budget, line by line (portable: no multi-row insert).
pub fn replace_budget(
    conn: &mut DbConnection,
    partner_id: &PartnerId,
    lines: &[BudgetLineRow],
) -> QueryResult<()> {
    diesel::delete(budget_lines::table.filter(budget_lines::partner_id.eq(partner_id)))
        .execute(conn)?;
    for line in lines {
        diesel::insert_into(budget_lines::table)
            .values(line)
            .execute(conn)?;
    }
    Ok(())
}

/// The proposals of a call at a stage in any of `statuses`, oldest first.
pub fn in_call_stage(
    conn: &mut DbConnection,
    call_id: &CallId,
    stage: Stage,
    statuses: &[&str],
) -> QueryResult<Vec<ProposalRow>> {
    proposals::table
        .filter(proposals::call_id.eq(call_id))
        .filter(proposals::stage.eq(stage))
        .filter(
            proposals::status.eq_any(statuses.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()),
        )
        .order((proposals::submitted_at.asc(), proposals::id.asc()))
        .select(ProposalRow::as_select())
        .load(conn)
}

/// (id, acronym) of every proposal in a call.
pub fn acronyms_in_call(
    conn: &mut DbConnection,
    call_id: &CallId,
) -> QueryResult<Vec<(ProposalId, String)>> {
    proposals::table
        .filter(proposals::call_id.eq(call_id))
        .select((proposals::id, proposals::acronym))
        .load(conn)
}

/// How many proposals of a call are in each status (statuses with none are absent).
pub fn count_by_status(
    conn: &mut DbConnection,
    call_id: &CallId,
) -> QueryResult<Vec<(String, i64)>> {
    proposals::table
        .filter(proposals::call_id.eq(call_id))
        .group_by(proposals::status)
        .select((proposals::status, diesel::dsl::count_star()))
        .order(proposals::status.asc())
        .load(conn)
}

/// A call's proposals in any of `statuses`, at any stage.
pub fn in_call(
    conn: &mut DbConnection,
    call_id: &CallId,
    statuses: &[&str],
) -> QueryResult<Vec<ProposalRow>> {
    proposals::table
        .filter(proposals::call_id.eq(call_id))
        .filter(
            proposals::status.eq_any(statuses.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()),
        )
        .order((proposals::submitted_at.asc(), proposals::id.asc()))
        .select(ProposalRow::as_select())
        .load(conn)
}
