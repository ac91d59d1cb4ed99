//! Pure business rules: no I/O, no clock, no database. Everything here is
//! unit-tested and called by the handlers.

pub mod account;
pub mod assignment;
pub mod audit_chain;
pub mod budget;
pub mod call;
pub mod canonical;
pub mod checklist;
pub mod conflicts;
pub mod country;
pub mod deadline;
pub mod eligibility;
pub mod grant;
pub mod mail_retry;
pub mod media;
pub mod organisation;
pub mod precondition;
pub mod proposal;
pub mod ranking;
pub mod rate_window;
pub mod role;
pub mod scoring;
