//! Sends the outbox. A mail is claimed before it is sent (so two app
//! instances never send it twice), marked sent only after the mail server
//! accepted it, and retried with a growing delay when the server fails.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::{self, outbox::MailRow};
use crate::domain::mail_retry::retry_delay;
use crate::state::AppState;

/// How long a claimed mail stays reserved for the worker that claimed it.
const CLAIM_FOR: Duration = Duration::from_secs(120);
const BATCH: i64 = 50;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self {
            transport,
            from: from.parse()?,
        })
    }

    async fn send(&self, mail: &MailRow) -> anyhow::Result<()> {
        let message = Message::builder()
            .from(self.from.clone())
            .to(mail.to_address.parse()?)
            .subject(&mail.subject)
            .message_id(Some(format!("<{}@jointcall>", mail.id)))
            // Letters are in French and German too: say the body is UTF-8.
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body_text.clone())?;
        self.transport.send(message).await?;
        Ok(())
    }
}

/// Runs until the server stops: sends what is due, then sleeps until woken
/// by a new mail or until the interval passes (to pick up retries). On a
/// stop it finishes the batch it is sending and ends.
pub async fn run(state: Arc<AppState>, mailer: Mailer) {
    let mut stopping = state.shutdown.subscribe();
    loop {
        match send_due(&state, &mailer).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sent = n, "outbox batch sent"),
            Err(e) => tracing::warn!(error = %e, "outbox batch failed; will retry"),
        }
        if *stopping.borrow() {
            break;
        }
        tokio::select! {
            _ = state.mail_wakeup.notified() => {}
            _ = stopping.changed() => break,
            _ = tokio::time::sleep(state.config.mail_worker_interval) => {}
        }
    }
    tracing::info!("mail worker stopped");
}

/// Sends every due mail once; returns how many were accepted by the server.
pub async fn send_due(state: &Arc<AppState>, mailer: &Mailer) -> anyhow::Result<usize> {
    let mut sent = 0;
    loop {
        // A stopping server claims nothing new: another instance, or this
        // one after its restart, sends the rest.
        if *state.shutdown.borrow() {
            return Ok(sent);
        }
        let now = state.clock.now().naive_utc();
        let until = now + CLAIM_FOR;
        let pool = state.pool.clone();
        let claimed: Vec<MailRow> = actix_web::web::block(move || -> anyhow::Result<_> {
            let mut conn = pool.get()?;
            let mut claimed = Vec::new();
            for mail in db::outbox::due(&mut conn, now, BATCH)? {
                if db::outbox::claim(&mut conn, &mail.id, now, until)? {
                    claimed.push(mail);
                }
            }
            Ok(claimed)
        })
        .await??;
        if claimed.is_empty() {
            return Ok(sent);
        }
        let batch_size = claimed.len();
        for mail in claimed {
            let outcome = mailer.send(&mail).await;
            let pool = state.pool.clone();
            let now = state.clock.now().naive_utc();
            let base = state.config.mail_retry_first;
            let ok = outcome.is_ok();
            actix_web::web::block(move || -> anyhow::Result<()> {
                let mut conn = pool.get()?;
                match outcome {
                    Ok(()) => db::outbox::mark_sent(&mut conn, &mail.id, now)?,
                    Err(error) => {
                        let attempts = mail.attempts.saturating_add(1);
                        let wait = retry_delay(attempts.unsigned_abs(), base);
                        tracing::warn!(mail = %mail.id, attempts, error = %error, "mail not sent; will retry");
                        db::outbox::mark_failed(
                            &mut conn,
                            &mail.id,
                            attempts,
                            &error.to_string(),
                            now + wait,
                        )?;
                    }
                }
                Ok(())
            })
            .await??;
            if ok {
                sent += 1;
                state.metrics.mail_sent();
            } else {
                state.metrics.mail_failed();
            }
        }
        // A full batch means more may be due; failed mails are not due again
        // until their retry time, so this ends.
        if (batch_size as i64) < BATCH {
            return Ok(sent);
        }
    }
}
