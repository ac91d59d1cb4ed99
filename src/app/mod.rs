//! Use cases: one module for each thing a person does with the portal
//! (submit a proposal, join a consortium, start a session, …). Each is a
//! plain function of a [`Context`] and typed input that returns typed output
//! or an error; handlers in `api` parse the request, call one, and answer.
//! Mail, reminders, the seed and the CLI call the same functions.

pub mod affiliation;
pub mod assignment;
pub mod budget;
pub mod call;
pub mod consensus;
pub mod consortium;
pub mod decision;
pub mod document;
pub mod eligibility;
pub mod expert;
pub mod notify;
pub mod organisation;
pub mod proposal;
pub mod release;
pub mod session;
pub mod stages;
pub mod submission;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::auth::AuthUser;
use crate::config::Config;
use crate::db::DbConnection;
use crate::error::{ApiError, ProblemCode};
use crate::state::SharedState;

/// What a use case acts with: the transaction it writes in (its audit
/// records and mails included), the instant it acts at, and who acts.
pub struct Context<'a> {
    pub conn: &'a mut DbConnection,
    /// The server clock, read once inside the transaction.
    pub now: DateTime<Utc>,
    pub actor: &'a AuthUser,
    /// The portal's settings (its public address for links in mails).
    pub config: &'a Config,
}

impl<'a> Context<'a> {
    /// The transaction, the instant, who acts and the settings, as a use
    /// case's body uses them.
    pub fn parts(&mut self) -> (&mut DbConnection, DateTime<Utc>, &'a AuthUser, &'a Config) {
        (&mut *self.conn, self.now, self.actor, self.config)
    }
}

/// Runs a use case as `actor` in one write transaction.
pub async fn act<T, F>(state: &SharedState, actor: AuthUser, use_case: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Context<'_>) -> Result<T, ApiError> + Send + 'static,
{
    let st = Arc::clone(state);
    state
        .write(move |conn| {
            let now = st.clock.now();
            use_case(&mut Context {
                conn,
                now,
                actor: &actor,
                config: &st.config,
            })
        })
        .await
}

/// An invitation is accepted only by the account with the address it was sent to.
pub fn require_addressee(user_email: &str, invited_email: &str) -> Result<(), ApiError> {
    if user_email == invited_email {
        Ok(())
    } else {
        Err(ApiError::refused(
            ProblemCode::InvitationForAnotherAddress,
            format!(
                "This invitation was sent to another address; sign in as {invited_email} to accept it."
            ),
        ))
    }
}
