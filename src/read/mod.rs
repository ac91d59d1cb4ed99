//! Read models: the joined queries behind what several use cases and
//! handlers read (a call, a proposal with its consortium, the checklist, the
//! pricing, the ranking), and the snapshots `AppState` caches of them.
//! Nothing here writes; nothing here knows HTTP.

pub mod assignment;
pub mod call;
pub mod checklist;
pub mod consensus;
pub mod eligibility;
pub mod funding;
pub mod funding_plan;
pub mod organisation;
pub mod pricing;
pub mod proposal;
pub mod ranking;
pub mod result;
pub mod review;
