//! Outgoing mail: templates, and the worker that sends the outbox.

pub mod templates;
pub mod worker;
