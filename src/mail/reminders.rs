//! Reminders before review deadlines: a background sweep that puts a mail in
//! the outbox for every expert whose review is not submitted when one of the
//! call's reminder days comes. Each reminder is recorded with the mail in one
//! transaction, so several instances never send it twice.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::api::calls::parse_call;
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::call::CallStatus;
use crate::domain::review::{ReviewStatus, due_reminder};
use crate::error::ApiError;
use crate::mail::templates;
use crate::state::AppState;

/// A reminder to send: the assignment, the expert's address, the proposal, the kind.
struct Due {
    assignment_id: String,
    to: String,
    acronym: String,
    deadline: DateTime<Utc>,
    time_zone: String,
    days: u32,
}

fn due_reminders(conn: &mut DbConnection, now: DateTime<Utc>) -> Result<Vec<Due>, ApiError> {
    let statuses = [
        CallStatus::Closed.as_str(),
        CallStatus::InEvaluation.as_str(),
    ];
    let (calls, _) = db::calls::list(conn, Some(&statuses), 1_000, 0)?;
    let mut due = Vec::new();
    for call in calls {
        let (_, settings) = parse_call(&call)?;
        for stage in settings.stages() {
            let Some(deadline) = settings.review_deadline(stage) else {
                continue;
            };
            for assignment in db::experts::assignments_of_call(conn, &call.id, stage.as_str())? {
                if !assignment.status().is_active() {
                    continue;
                }
                let submitted = db::reviews::of_assignment(conn, &assignment.id)?
                    .is_some_and(|r| r.status == ReviewStatus::Submitted.as_str());
                if submitted {
                    continue;
                }
                let sent: Vec<u32> = db::reviews::reminders_sent(conn, &assignment.id)?
                    .iter()
                    .filter_map(|k| k.parse().ok())
                    .collect();
                if let Some(days) =
                    due_reminder(deadline, &settings.review_reminder_days, now, &sent)
                {
                    let expert = db::experts::find(conn, &assignment.expert_id)?;
                    let proposal = db::proposals::find(conn, &assignment.proposal_id)?;
                    due.push(Due {
                        assignment_id: assignment.id.clone(),
                        to: expert.email,
                        acronym: proposal.acronym,
                        deadline,
                        time_zone: settings.time_zone.clone(),
                        days,
                    });
                }
            }
        }
    }
    Ok(due)
}

/// One sweep; returns how many reminders were put in the outbox.
pub async fn sweep(state: &Arc<AppState>) -> Result<usize, ApiError> {
    let now = state.clock.now();
    // Read first, so that an idle sweep never takes the write lock.
    if state
        .db(move |conn| due_reminders(conn, now))
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let st = state.clone();
    state
        .write(move |conn| {
            // Again inside the transaction: another instance may have sent them meanwhile.
            let due = due_reminders(conn, now)?;
            for reminder in &due {
                let kind = reminder.days.to_string();
                let when =
                    crate::domain::deadline::local_text(reminder.deadline, &reminder.time_zone);
                let link = format!("{}/reviews", st.config.public_url);
                outbox::enqueue(
                    conn,
                    templates::review_reminder(&reminder.to, &reminder.acronym, &when, &link),
                    now,
                )?;
                db::reviews::record_reminder(
                    conn,
                    &reminder.assignment_id,
                    &kind,
                    now.naive_utc(),
                )?;
                audit::Change::new(
                    None,
                    "assignment.reminder_sent",
                    "assignment",
                    &reminder.assignment_id,
                )
                .after(json!({ "days_before": reminder.days }))
                .record(conn, now)?;
            }
            Ok(due.len())
        })
        .await
}

/// Runs until the process ends, one sweep per interval.
pub async fn run(state: Arc<AppState>) {
    loop {
        match sweep(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "review reminders queued"),
            Err(e) => tracing::warn!(error = %e, "review reminder sweep failed; will retry"),
        }
        tokio::time::sleep(state.config.mail_worker_interval).await;
    }
}
