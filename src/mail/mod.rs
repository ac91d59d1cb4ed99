//! Outgoing mail: templates, and the worker that sends the outbox.

pub mod letter;
pub mod redact;
pub mod reminders;
pub mod templates;
pub mod worker;
