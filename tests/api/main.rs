//! Black-box tests: the real server over HTTP, on SQLite by default and on
//! PostgreSQL when `TEST_DATABASE_URL` is set.

mod audit;
mod auth;
mod cli;
mod errors;
mod mail;
mod openapi;
mod operations;
mod organisations;
mod support;
mod users;
