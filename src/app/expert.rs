//! The call's pool of experts: invited by address, joining by the mailed link.

use serde_json::json;

use super::{Context, require_addressee};
use crate::accounts::set_roles;
use crate::auth::tokens::{random_token, token_hash};
use crate::db::columns::JsonText;
use crate::db::experts::ExpertRow;
use crate::db::{self, audit, outbox};
use crate::domain::account::Email;
use crate::domain::ids::{CallId, ExpertId};
use crate::domain::role::Role;
use crate::error::{ApiError, ProblemCode};
use crate::mail::templates;
use crate::read::call::{Call, load_managed_call};

/// Invites `email` into the call's pool as an operator: one entry per
/// address and call, with a link mailed to accept it.
pub fn invite(
    cx: &mut Context<'_>,
    call_id: &CallId,
    email: &Email,
    keywords: Vec<String>,
    load_cap: i32,
) -> Result<ExpertRow, ApiError> {
    let (conn, now, user, config) = cx.parts();
    let Call { row: call, .. } = load_managed_call(conn, user, call_id)?;
    if db::experts::by_email(conn, &call.id, email.as_str())?.is_some() {
        return Err(ApiError::conflict(
            ProblemCode::AlreadyInPool,
            "This address is in the call's expert pool already.",
        ));
    }
    let token = random_token();
    let row = ExpertRow {
        id: ExpertId::generate(),
        call_id: call.id.clone(),
        email: email.as_str().to_owned(),
        user_id: None,
        keywords: JsonText(keywords),
        load_cap,
        token_hash: token_hash(&token),
        invited_by: user.id.clone(),
        invited_at: now.naive_utc(),
        accepted_at: None,
    };
    db::experts::insert(conn, &row)?;
    let link = format!(
        "{}/expert-invitations/accept?token={token}",
        config.public_url
    );
    outbox::enqueue(
        conn,
        templates::expert_invitation(&row.email, &call.title, &link),
        now,
    )?;
    audit::Change::new(Some(&user.id), "call.expert_invited", "call", &call.id)
        .after_of(&row)
        .record(conn, now)?;
    Ok(row)
}

/// Accepts an invitation into a call's pool by its mailed token, as the
/// account with the invited address; the account becomes a reviewer.
pub fn accept(cx: &mut Context<'_>, token_hash: &str) -> Result<ExpertRow, ApiError> {
    let (conn, now, user, _) = cx.parts();
    let invalid = || {
        ApiError::field(
            "token",
            "invalid_or_expired",
            "This invitation is not valid any more.",
        )
    };
    let expert = db::experts::by_token(conn, token_hash)?.ok_or_else(invalid)?;
    if expert.accepted_at.is_some() {
        return Err(invalid());
    }
    require_addressee(&user.email, &expert.email)?;
    if !db::experts::accept(conn, &expert.id, &user.id, now.naive_utc())? {
        return Err(invalid());
    }
    let account = db::users::find(conn, &user.id)?;
    let roles = account.role_set();
    if !roles.has(Role::Reviewer) {
        let with_reviewer = roles.with(Role::Reviewer).map_err(ApiError::Validation)?;
        set_roles(conn, &account, &with_reviewer, Some(&user.id), now)?;
    }
    audit::Change::new(
        Some(&user.id),
        "call.expert_joined",
        "call",
        &expert.call_id,
    )
    .after(json!({ "expert_id": expert.id, "user_id": user.id }))
    .record(conn, now)?;
    Ok(db::experts::find_in_call(
        conn,
        &expert.call_id,
        &expert.id,
    )?)
}
