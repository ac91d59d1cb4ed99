//! Mails to the people of a proposal, queued in the caller's transaction.

use chrono::{DateTime, Utc};

use crate::db::{self, DbConnection};
use crate::domain::ids::ProposalId;
use crate::domain::language::Language;
use crate::error::ApiError;

/// Mails every contact of the proposal once (in the caller's transaction).
pub fn mail_consortium(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    now: DateTime<Utc>,
    mail: impl Fn(&str) -> crate::db::outbox::NewMail,
) -> Result<usize, ApiError> {
    mail_consortium_in_languages(conn, proposal_id, now, |to, _| mail(to))
}

/// Like `mail_consortium`, for mails written in each contact's language.
pub fn mail_consortium_in_languages(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    now: DateTime<Utc>,
    mail: impl Fn(&str, Language) -> crate::db::outbox::NewMail,
) -> Result<usize, ApiError> {
    let mut recipients = db::proposals::contact_addresses(conn, proposal_id)?;
    recipients.sort_by(|a, b| a.0.cmp(&b.0));
    recipients.dedup_by(|a, b| a.0 == b.0);
    for (to, language) in &recipients {
        db::outbox::enqueue(conn, mail(to, *language), now)?;
    }
    Ok(recipients.len())
}
