//! jointcall: a grant portal for joint funding calls of clinical investigations.

pub mod accounts;
pub mod api;
pub mod app;
pub mod audit_anchor;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csv;
pub mod db;
pub mod domain;
pub mod error;
pub mod mail;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod pdf;
pub mod read;
pub mod read_cache;
pub mod seed;
pub mod startup;
pub mod state;
pub mod storage;
