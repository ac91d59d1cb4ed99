//! Reminders before deadlines: a background sweep that puts in the outbox a
//! mail for every expert whose review is not submitted when one of the call's
//! review reminder days comes, and for every contact of a proposal still in
//! draft when one of its submission reminder days comes (with what its
//! checklist lacks). Each reminder is recorded with its mails in one
//! transaction, so several instances never send it twice.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::app::notify::mail_consortium;
use crate::db::{self, DbConnection, audit, outbox};
use crate::domain::call::{CallStatus, Stage};
use crate::domain::deadline::due_reminder;
use crate::domain::ids::{AssignmentId, ProposalId, UserId};
use crate::domain::proposal::ProposalStatus;
use crate::domain::review::ReviewStatus;
use crate::error::ApiError;
use crate::mail::templates;
use crate::read::call::Call;
use crate::read::checklist::build_checklist;
use crate::read::proposal::load_context;
use crate::state::AppState;

/// A reminder to send: the assignment, the expert's address, the proposal, the kind.
struct Due {
    assignment_id: AssignmentId,
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
        let Call {
            row: call,
            settings,
        } = Call::of(call)?;
        for stage in settings.stages() {
            let Some(deadline) = settings.review_deadline(stage) else {
                continue;
            };
            let active: Vec<_> = db::experts::assignments_of_call(conn, &call.id, stage)?
                .into_iter()
                .filter(|a| a.status.is_active())
                .collect();
            // Three queries for the stage, not two per assignment.
            let ids: Vec<&str> = active.iter().map(|a| a.id.as_str()).collect();
            let reviews = db::reviews::of_assignments(conn, &ids)?;
            let reminders = db::reviews::reminders_sent(conn, &ids)?;
            for assignment in &active {
                let submitted = reviews.iter().any(|r| {
                    r.assignment_id == assignment.id && r.status == ReviewStatus::Submitted
                });
                if submitted {
                    continue;
                }
                let sent: Vec<u32> = reminders
                    .iter()
                    .filter(|(id, _)| *id == assignment.id)
                    .filter_map(|(_, kind)| kind.parse().ok())
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

/// How many drafts one transaction reminds: a deadline with hundreds of
/// drafts never holds the write lock for long.
const SUBMISSION_BATCH: usize = 20;

/// A draft whose consortium is due a reminder: (proposal, stage, days before).
type DueSubmission = (ProposalId, Stage, u32);

/// Drafts of open calls whose stage deadline is near and whose consortium is
/// due a reminder now.
fn due_submissions(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
) -> Result<Vec<DueSubmission>, ApiError> {
    let (calls, _) = db::calls::list(conn, Some(&[CallStatus::Open.as_str()]), 1_000, 0)?;
    let mut due = Vec::new();
    for call in calls {
        let Call {
            row: call,
            settings,
        } = Call::of(call)?;
        let Some(&earliest) = settings.submission_reminder_days.iter().max() else {
            continue;
        };
        for stage in settings.stages() {
            let Some(deadline) = settings.deadline(stage) else {
                continue;
            };
            // Far from the deadline, or past it: nothing to look at.
            if now >= deadline || now < deadline - chrono::Duration::days(i64::from(earliest)) {
                continue;
            }
            for proposal in db::proposals::in_call_stage(conn, &call.id, stage, &["draft"])? {
                if let Some(days) = submission_reminder(
                    conn,
                    &proposal.id,
                    stage,
                    deadline,
                    &settings.submission_reminder_days,
                    now,
                )? {
                    due.push((proposal.id, stage, days));
                }
            }
        }
    }
    Ok(due)
}

fn submission_reminder(
    conn: &mut DbConnection,
    proposal_id: &ProposalId,
    stage: Stage,
    deadline: DateTime<Utc>,
    days_before: &[u32],
    now: DateTime<Utc>,
) -> Result<Option<u32>, ApiError> {
    let sent = db::submissions::reminders_sent(conn, proposal_id, stage)?;
    Ok(due_reminder(deadline, days_before, now, &sent))
}

/// Mails one draft's consortium its reminder, if it is still due (read again
/// inside the transaction: another instance may have sent it, or the
/// proposal been submitted, meanwhile). True when mailed.
fn remind_consortium(
    conn: &mut DbConnection,
    state: &AppState,
    (proposal_id, stage, _): &DueSubmission,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    // No caller: the reminder is the portal's own.
    let ctx = load_context(conn, &UserId::default(), proposal_id)?;
    let Some(deadline) = ctx.call.settings.deadline(*stage) else {
        return Ok(false);
    };
    if ctx.status != ProposalStatus::Draft
        || ctx.stage != *stage
        || ctx.call.status() != CallStatus::Open
    {
        return Ok(false);
    }
    let Some(days) = submission_reminder(
        conn,
        proposal_id,
        *stage,
        deadline,
        &ctx.call.settings.submission_reminder_days,
        now,
    )?
    else {
        return Ok(false);
    };
    let open_items: Vec<String> = build_checklist(conn, &ctx)?
        .into_iter()
        .map(|item| item.message)
        .collect();
    let when = crate::domain::deadline::local_text(deadline, &ctx.call.settings.time_zone);
    let link = format!("{}/proposals/{proposal_id}", state.config.public_url);
    let mailed = mail_consortium(conn, proposal_id, now, |to| {
        templates::submission_reminder(
            to,
            &ctx.proposal.acronym,
            &ctx.call.row.title,
            &when,
            &open_items,
            &link,
        )
    })?;
    db::submissions::record_reminder(conn, proposal_id, *stage, days, now.naive_utc())?;
    audit::Change::new(None, "proposal.submission_reminder_sent", "proposal", proposal_id)
        .after(json!({ "stage": stage, "days_before": days, "contacts": mailed, "open_items": open_items.len() }))
        .record(conn, now)?;
    Ok(true)
}

/// One sweep of the drafts near a deadline; returns how many consortia were reminded.
pub async fn sweep_submissions(state: &Arc<AppState>) -> Result<usize, ApiError> {
    let now = state.clock.now();
    let due = state.db(move |conn| due_submissions(conn, now)).await?;
    let mut reminded = 0;
    for batch in due.chunks(SUBMISSION_BATCH) {
        let batch = batch.to_vec();
        let st = state.clone();
        reminded += state
            .write(move |conn| {
                let mut n = 0;
                for due in &batch {
                    n += usize::from(remind_consortium(conn, &st, due, now)?);
                }
                Ok(n)
            })
            .await?;
    }
    Ok(reminded)
}

/// Runs until the process ends, one sweep of each kind per interval.
pub async fn run(state: Arc<AppState>) {
    loop {
        match sweep(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(reminders = n, "review reminders queued"),
            Err(e) => tracing::warn!(error = %e, "review reminder sweep failed; will retry"),
        }
        match sweep_submissions(&state).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(consortia = n, "submission reminders queued"),
            Err(e) => tracing::warn!(error = %e, "submission reminder sweep failed; will retry"),
        }
        tokio::time::sleep(state.config.mail_worker_interval).await;
    }
}
