//! Black-box tests: the real server over HTTP, on SQLite by default and on
//! PostgreSQL when `TEST_DATABASE_URL` is set.

// Test code states its expectations by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod audit;
mod auth;
mod calls;
mod cli;
mod decisions;
mod eligibility;
mod errors;
mod evaluation;
mod experts;
mod faults;
mod instances;
mod mail;
mod money;
mod openapi;
mod operations;
mod organisations;
mod proposals;
mod results;
mod schema;
mod second_factor;
mod security;
mod shutdown;
mod snapshots;
mod stages;
mod submissions;
mod support;
mod users;
