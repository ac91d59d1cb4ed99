//! The access-control matrix: every endpoint x actor x resource state, over
//! HTTP against one evaluation built step by step. The same table renders
//! `docs/access-control.md` (set `JOINTCALL_WRITE_ACCESS_DOC=1` to rewrite it).
//!
//! Expectations come from the rules (`auth::policy`, `docs/ARCHITECTURE.md`,
//! the handlers' documentation), never from what the server answered.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::support::fixtures::AFTER_DEADLINE;
use crate::support::fixtures::{
    Panel, approve_as_requested, create_call, full_content, join_as_colleague, open_call, operator,
    ready_proposal,
};
use crate::support::smtp::SmtpSink;
use crate::support::{Actor, Options, TestApp, body, spawn_app_with};
use jointcall::domain::role::{Agency, Role};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Everyone the matrix asks, in column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    Anonymous,
    Coordinator,
    Colleague,
    Partner,
    OtherApplicant,
    ExpertCleared,
    ExpertUndeclared,
    ExpertConflicted,
    ExpertUnassigned,
    Rapporteur,
    FunderMeco,
    FunderFnr,
    FunderDs,
    Operator,
    Admin,
}

use Who::*;

const ACTORS: [Who; 15] = [
    Anonymous,
    Coordinator,
    Colleague,
    Partner,
    OtherApplicant,
    ExpertCleared,
    ExpertUndeclared,
    ExpertConflicted,
    ExpertUnassigned,
    Rapporteur,
    FunderMeco,
    FunderFnr,
    FunderDs,
    Operator,
    Admin,
];

impl Who {
    fn column(self) -> &'static str {
        match self {
            Anonymous => "anon",
            Coordinator => "coord",
            Colleague => "colleague",
            Partner => "partner",
            OtherApplicant => "other",
            ExpertCleared => "exp-clear",
            ExpertUndeclared => "exp-undecl",
            ExpertConflicted => "exp-coi",
            ExpertUnassigned => "exp-pool",
            Rapporteur => "rapp",
            FunderMeco => "MECO",
            FunderFnr => "FNR",
            FunderDs => "DS",
            Operator => "oper",
            Admin => "admin",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Anonymous => "no token at all",
            Coordinator => {
                "applicant, the proposal's one coordinator (a contact of the company partner)"
            }
            Colleague => {
                "applicant, another contact of the company (coordinating) partner, not the coordinator"
            }
            Partner => "applicant, contact of the proposal's research-organisation partner",
            OtherApplicant => {
                "applicant, coordinator of another proposal (a draft) in the same call"
            }
            ExpertCleared => {
                "reviewer assigned to the proposal who declared no conflict and submitted a review"
            }
            ExpertUndeclared => {
                "reviewer assigned to the proposal who has not declared yet (declares a conflict once the evaluation rows have run)"
            }
            ExpertConflicted => {
                "reviewer assigned to the proposal who declared a conflict of interest"
            }
            ExpertUnassigned => "reviewer in the call's expert pool, not assigned to the proposal",
            Rapporteur => {
                "reviewer assigned to the proposal, no conflict, review submitted, named rapporteur"
            }
            FunderMeco => "funder staff of MECO (funds the company partner)",
            FunderFnr => "funder staff of FNR (funds the research-organisation partner)",
            FunderDs => "funder staff of DS (funds the hospital partner)",
            Operator => "operator",
            Admin => "administrator",
        }
    }
}

const SIGNED_IN: &[Who] = &[
    Coordinator,
    Colleague,
    Partner,
    OtherApplicant,
    ExpertCleared,
    ExpertUndeclared,
    ExpertConflicted,
    ExpertUnassigned,
    Rapporteur,
    FunderMeco,
    FunderFnr,
    FunderDs,
    Operator,
    Admin,
];
const NOBODY: &[Who] = &[];
const MEMBERS: &[Who] = &[Coordinator, Colleague, Partner];
/// The contacts of the company partner, which coordinates.
const COMPANY_CONTACTS: &[Who] = &[Coordinator, Colleague];
/// The one coordinator: submits, withdraws, reopens, invites, removes
/// partners, hands the coordination over, files a redress.
const COORDINATOR: &[Who] = &[Coordinator];
const MANAGERS: &[Who] = &[Operator, Admin];
const ADMIN: &[Who] = &[Admin];
/// Who sees a submitted proposal: its consortium, the call's managers and
/// the experts who declared no conflict (`policy::may_see_proposal`, `may_read_as_expert`).
const READERS: &[Who] = &[
    Coordinator,
    Colleague,
    Partner,
    ExpertCleared,
    Rapporteur,
    Operator,
    Admin,
];
/// `policy::may_see_ranking`: the call's managers and every funder.
const STAFF: &[Who] = &[FunderMeco, FunderFnr, FunderDs, Operator, Admin];

fn union(sets: &[&[Who]]) -> Vec<Who> {
    sets.iter().flat_map(|s| s.iter().copied()).collect()
}

/// The state of the world when a row runs; phases run in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The proposal is a draft in an open call before its deadline.
    Draft,
    /// Submitted, found eligible, the deadline passed; experts assigned, two reviews in.
    Evaluation,
    /// Not about the proposal: accounts, calls, organisations, audit (run during the evaluation).
    Any,
    /// Consensus drafted by the rapporteur, the reply window open.
    Reply,
    /// Consensus approved, call in evaluation, every funder approved its partner; not released.
    Decided,
    /// Results released (call decided).
    Released,
}

/// The order the phases run in; the `Any` rows run once the evaluation is under way.
const PHASES: [Phase; 6] = [
    Phase::Draft,
    Phase::Evaluation,
    Phase::Any,
    Phase::Reply,
    Phase::Decided,
    Phase::Released,
];

impl Phase {
    fn label(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Any => "—",
            Phase::Evaluation => "evaluation",
            Phase::Reply => "reply",
            Phase::Decided => "decided",
            Phase::Released => "released",
        }
    }

    fn description(self) -> &'static str {
        match self {
            Phase::Draft => {
                "the proposal is a complete draft in an open call, before the deadline; no assignments yet"
            }
            Phase::Any => {
                "not tied to the proposal's state (run while the evaluation is under way)"
            }
            Phase::Evaluation => {
                "submitted, deadline passed, found eligible; experts assigned (one undeclared), two reviews submitted, rapporteur named; no reply window yet; nothing released"
            }
            Phase::Reply => {
                "every active review in, consensus drafted by the rapporteur, the reply window open"
            }
            Phase::Decided => {
                "reply window closed, consensus approved, call `in_evaluation`, each funder approved its partner; results not released"
            }
            Phase::Released => "results released: the call is `decided`",
        }
    }
}

enum Body {
    None,
    Json(Value),
    /// A small PDF in a multipart part `file`.
    Pdf,
}

struct Row {
    phase: Phase,
    method: Method,
    /// With `{name}` placeholders for the world's ids.
    path: &'static str,
    body: Body,
    /// Sends `If-Match` with a version that never exists, so an allowed write
    /// stops at 412 instead of changing anything.
    stale: bool,
    /// For a `stale` row: a well-formed body that breaks the endpoint's
    /// rules, to check that the precondition comes first (428/412, not 422).
    invalid: Option<Value>,
    allowed: Vec<Who>,
    note: &'static str,
}

fn row(phase: Phase, method: Method, path: &'static str, allowed: &[Who]) -> Row {
    Row {
        phase,
        method,
        path,
        body: Body::None,
        stale: false,
        invalid: None,
        allowed: allowed.to_vec(),
        note: "",
    }
}

fn get(phase: Phase, path: &'static str, allowed: &[Who]) -> Row {
    row(phase, Method::GET, path, allowed)
}
fn post(phase: Phase, path: &'static str, allowed: &[Who]) -> Row {
    row(phase, Method::POST, path, allowed)
}
fn put(phase: Phase, path: &'static str, allowed: &[Who]) -> Row {
    row(phase, Method::PUT, path, allowed)
}
fn delete(phase: Phase, path: &'static str, allowed: &[Who]) -> Row {
    row(phase, Method::DELETE, path, allowed)
}

impl Row {
    fn json(mut self, value: Value) -> Self {
        self.body = Body::Json(value);
        self
    }
    fn pdf(mut self) -> Self {
        self.body = Body::Pdf;
        self
    }
    fn stale(mut self) -> Self {
        self.stale = true;
        self
    }
    fn invalid(mut self, value: Value) -> Self {
        self.invalid = Some(value);
        self
    }
    fn note(mut self, note: &'static str) -> Self {
        self.note = note;
        self
    }
}

fn proposal_fields() -> Value {
    json!({
        "acronym": "P0", "title": "Proposal 0", "abstract": "A study.",
        "keywords": ["cardiology"], "duration_months": 24, "start_date": "2028-01-01",
        "clinical": { "product_name": "Watch", "intended_purpose": "Detect arrhythmia",
            "is_medical_device": true, "mdr_class": "IIa", "product_maturity": "prototype",
            "study_framework": "ce_marking", "ethics_status": "pending",
            "authority_status": "not_yet_submitted" }
    })
}

fn budget() -> Value {
    json!({ "lines": [{ "year": 1, "category": "personnel", "amount_cents": 10_000_000 }] })
}

fn approval() -> Value {
    json!({ "decision": "approved", "amount_cents": 1 })
}

/// The matrix, in the order it runs (grouped by phase).
#[allow(clippy::too_many_lines)]
fn rows() -> Vec<Row> {
    use Phase::{Any, Decided, Draft, Evaluation, Released, Reply};
    vec![
        // ---- the proposal as a draft: its consortium's alone
        get(Draft, "/api/v1/proposals/{proposal}", MEMBERS),
        get(Draft, "/api/v1/proposals/{other_proposal}", &[OtherApplicant])
            .note("another consortium's draft"),
        put(Draft, "/api/v1/proposals/{proposal}", MEMBERS)
            .json(proposal_fields())
            .stale()
            .invalid(json!({ "acronym": "" })),
        get(Draft, "/api/v1/proposals/{proposal}/invitations", MEMBERS),
        post(Draft, "/api/v1/proposals/{proposal}/invitations", COORDINATOR)
            .json(json!({ "email": "newcomer@example.org" })),
        delete(
            Draft,
            "/api/v1/proposals/{proposal}/partners/{partner_hospital}",
            COORDINATOR,
        )
        .stale(),
        get(
            Draft,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/budget",
            MEMBERS,
        ),
        put(
            Draft,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/budget",
            COMPANY_CONTACTS,
        )
        .json(budget())
        .stale()
        .note("only the partner's own contacts"),
        put(
            Draft,
            "/api/v1/proposals/{proposal}/partners/{partner_research}/budget",
            &[Partner],
        )
        .json(budget())
        .stale()
        .note("only the partner's own contacts"),
        get(Draft, "/api/v1/proposals/{proposal}/grants", MEMBERS),
        get(Draft, "/api/v1/proposals/{proposal}/documents", MEMBERS),
        post(
            Draft,
            "/api/v1/proposals/{proposal}/documents?document_type=no_such_type",
            MEMBERS,
        )
        .pdf()
        .note("an unknown document type: 422 once past authorization"),
        get(
            Draft,
            "/api/v1/proposals/{proposal}/documents/{document}",
            MEMBERS,
        ),
        get(Draft, "/api/v1/proposals/{proposal}/checklist", MEMBERS),
        put(Draft, "/api/v1/proposals/{proposal}/coordinator", COORDINATOR)
            .json(json!({ "user_id": "{coordinator_user}" }))
            .stale(),
        post(Draft, "/api/v1/proposals/{proposal}/withdrawal", COORDINATOR).json(json!({})),
        post(Draft, "/api/v1/proposals/{proposal}/reopening", COORDINATOR).json(json!({})),
        get(Draft, "/api/v1/proposals/{proposal}/assignments", NOBODY)
            .note("managers too get 404 for a draft"),
        put(Draft, "/api/v1/proposals/{proposal}/eligibility", NOBODY)
            .json(json!({ "eligible": true })),
        get(Draft, "/api/v1/proposals/{proposal}/decisions", NOBODY),
        get(Draft, "/api/v1/proposals/{proposal}/consensus", NOBODY),
        post(Draft, "/api/v1/proposals/{proposal}/submission", COORDINATOR)
            .json(json!({}))
            .note("the coordinator's cell submits the proposal for the next phases"),
        // ---- accounts, calls, organisations, audit
        get(Any, "/api/v1/me", SIGNED_IN),
        get(Any, "/api/v1/me/second-factor", SIGNED_IN),
        get(Any, "/api/v1/me/assignments", SIGNED_IN),
        get(Any, "/api/v1/me/affiliations", SIGNED_IN),
        put(Any, "/api/v1/me", SIGNED_IN)
            .json(json!({ "full_name": "Someone Else" }))
            .invalid(json!({ "full_name": "" }))
            .stale(),
        post(Any, "/api/v1/me/affiliations", SIGNED_IN)
            .json(json!({ "organisation_id": "no-such-organisation" }))
            .note("an unknown organisation: 422 once past authorization"),
        get(Any, "/api/v1/users", ADMIN),
        get(Any, "/api/v1/users/{coordinator_user}", ADMIN),
        delete(Any, "/api/v1/users/{other_user}/second-factor", ADMIN)
            .note("409 for an account without one"),
        put(Any, "/api/v1/users/{other_user}/roles", ADMIN)
            .json(json!({ "roles": ["applicant"] }))
            .invalid(json!({ "roles": ["funder"] }))
            .stale(),
        get(Any, "/api/v1/audit", ADMIN),
        get(Any, "/api/v1/audit/verification", ADMIN),
        get(Any, "/api/v1/outbox", MANAGERS)
            .note("the tokens of mailed links are shown as [hidden]: they are their addressee's"),
        get(Any, "/api/v1/organisations", SIGNED_IN),
        post(Any, "/api/v1/organisations", SIGNED_IN)
            .json(json!({ "name": "Matrix Org", "kind": "research_organisation", "country": "LU" })),
        get(Any, "/api/v1/organisations/{company}", SIGNED_IN),
        put(
            Any,
            "/api/v1/organisations/{company}",
            &[Coordinator, Operator, Admin],
        )
        .json(json!({ "name": "Company 0 S.A.", "kind": "company", "country": "LU", "company_size": "small" }))
        .invalid(json!({ "name": "", "kind": "company", "country": "LU", "company_size": "small" }))
        .stale()
        .note("the coordinator's company: its creator, operators, admins (declaring an affiliation is not enough)"),
        get(Any, "/api/v1/calls", SIGNED_IN),
        get(Any, "/api/v1/calls/defaults", SIGNED_IN),
        post(Any, "/api/v1/calls", MANAGERS)
            .json(json!({ "title": "", "settings": {} }))
            .note("an empty title: 422 once past authorization"),
        get(Any, "/api/v1/calls/{call}", SIGNED_IN),
        get(Any, "/api/v1/calls/{draft_call}", MANAGERS).note("a draft call"),
        get(Any, "/api/v1/calls/{draft_call}/proposals", MANAGERS).note("a draft call"),
        put(Any, "/api/v1/calls/{call}", MANAGERS)
            .json(json!({ "title": "HealthTech 2027", "settings": {} }))
            .invalid(json!({ "title": "", "settings": {} }))
            .stale(),
        post(Any, "/api/v1/calls/{call}/transitions", MANAGERS)
            .json(json!({ "to": "draft" }))
            .note("a transition that never exists: 409 once past authorization"),
        get(Any, "/api/v1/calls/{call}/proposals", SIGNED_IN)
            .note("everyone lists; each sees only what they may see"),
        // ---- submitted, in evaluation
        get(Evaluation, "/api/v1/proposals/{proposal}", READERS),
        get(Evaluation, "/api/v1/proposals/{other_proposal}", &[OtherApplicant])
            .note("another consortium's draft"),
        put(Evaluation, "/api/v1/proposals/{proposal}", MEMBERS)
            .json(proposal_fields())
            .invalid(json!({ "acronym": "" }))
            .stale(),
        get(Evaluation, "/api/v1/proposals/{proposal}/invitations", MEMBERS),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/invitations",
            COORDINATOR,
        )
        .json(json!({ "email": "late@example.org" })),
        delete(
            Evaluation,
            "/api/v1/proposals/{proposal}/partners/{partner_hospital}",
            COORDINATOR,
        )
        .stale(),
        get(
            Evaluation,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/budget",
            READERS,
        ),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/budget",
            COMPANY_CONTACTS,
        )
        .json(budget())
        .stale(),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/partners/{partner_research}/budget",
            &[Partner],
        )
        .json(budget())
        .stale(),
        get(Evaluation, "/api/v1/proposals/{proposal}/grants", READERS),
        get(Evaluation, "/api/v1/proposals/{proposal}/documents", READERS),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/documents?document_type=annex",
            MEMBERS,
        )
        .pdf(),
        get(
            Evaluation,
            "/api/v1/proposals/{proposal}/documents/{document}",
            READERS,
        ),
        delete(
            Evaluation,
            "/api/v1/proposals/{proposal}/documents/{document}",
            MEMBERS,
        ),
        get(Evaluation, "/api/v1/proposals/{proposal}/checklist", READERS),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/submission",
            COORDINATOR,
        )
        .json(json!({})),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/withdrawal",
            COORDINATOR,
        )
        .json(json!({})),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/reopening",
            COORDINATOR,
        )
        .json(json!({})),
        get(Evaluation, "/api/v1/proposals/{proposal}/receipt", READERS),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/coordinator",
            COORDINATOR,
        )
        .json(json!({ "user_id": "{coordinator_user}" }))
        .stale()
        .note("the coordination is not frozen with the proposal"),
        get(Evaluation, "/api/v1/calls/{call}/eligibility", MANAGERS),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/eligibility",
            MANAGERS,
        )
        .json(json!({ "eligible": true })),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/invitation",
            MANAGERS,
        )
        .json(json!({}))
        .note("a one-stage call: 409 once past authorization"),
        get(Evaluation, "/api/v1/calls/{call}/experts", MANAGERS),
        post(Evaluation, "/api/v1/calls/{call}/experts", MANAGERS)
            .json(json!({ "email": "not-an-address", "keywords": [], "load_cap": 5 })),
        get(
            Evaluation,
            "/api/v1/proposals/{proposal}/assignments",
            MANAGERS,
        ),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/assignments",
            MANAGERS,
        )
        .json(json!({ "expert_id": "{expert_conflicted}" }))
        .note("the conflicted expert again: 409 once past authorization"),
        post(Evaluation, "/api/v1/calls/{call}/assignments/auto", MANAGERS).json(json!({})),
        get(Evaluation, "/api/v1/calls/{call}/assignments", MANAGERS),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}",
            &[ExpertCleared],
        ),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_undeclared}",
            &[ExpertUndeclared],
        ),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_conflicted}",
            &[ExpertConflicted],
        ),
        delete(
            Evaluation,
            "/api/v1/assignments/{assignment_conflicted}",
            MANAGERS,
        )
        .note("declined already: 409 once past authorization"),
        post(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}/declaration",
            &[ExpertCleared],
        )
        .json(json!({ "conflict": false })),
        post(
            Evaluation,
            "/api/v1/assignments/{assignment_conflicted}/declaration",
            &[ExpertConflicted],
        )
        .json(json!({ "conflict": false })),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}/review",
            &[ExpertCleared],
        ),
        put(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}/review",
            &[ExpertCleared],
        )
        .json(full_content([4.5; 3], "matrix"))
        .stale(),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}/review/versions",
            &[ExpertCleared],
        ),
        post(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}/review/submission",
            &[ExpertCleared],
        )
        .json(json!({})),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_cleared}/peer-reviews",
            &[ExpertCleared],
        ),
        get(
            Evaluation,
            "/api/v1/assignments/{assignment_rapporteur}/peer-reviews",
            &[Rapporteur],
        ),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/rapporteur",
            MANAGERS,
        )
        .json(json!({ "expert_id": "{expert_rapporteur}" })),
        get(
            Evaluation,
            "/api/v1/proposals/{proposal}/consensus",
            &union(&[STAFF, &[Rapporteur]]),
        ),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/consensus",
            &[Rapporteur],
        )
        .json(full_content([4.5; 3], "matrix"))
        .stale(),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/consensus/approval",
            MANAGERS,
        )
        .json(json!({})),
        get(Evaluation, "/api/v1/calls/{call}/reply-windows", MANAGERS),
        post(Evaluation, "/api/v1/calls/{call}/reply-windows", MANAGERS)
            .json(json!({ "stage": "full", "closes_at": "2027-07-01T00:00:00Z" }))
            .note("a closing time in the past: 422 once past authorization"),
        get(Evaluation, "/api/v1/proposals/{proposal}/reply", NOBODY)
            .note("no reply window yet"),
        get(Evaluation, "/api/v1/calls/{call}/ranking", STAFF),
        get(Evaluation, "/api/v1/calls/{call}/funding-plan", STAFF),
        post(Evaluation, "/api/v1/calls/{call}/funding-plan/what-if", STAFF).json(json!({})),
        get(Evaluation, "/api/v1/proposals/{proposal}/decisions", STAFF),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/decision",
            &[FunderMeco],
        )
        .json(approval())
        .stale(),
        post(
            Evaluation,
            "/api/v1/proposals/{proposal}/funding-promotion",
            MANAGERS,
        )
        .json(json!({ "reason": " " }))
        .note("a blank reason: 422 once past authorization"),
        get(Evaluation, "/api/v1/calls/{call}/exports/ranking", STAFF),
        get(Evaluation, "/api/v1/calls/{call}/exports/funding-plan", STAFF),
        get(Evaluation, "/api/v1/calls/{call}/exports/decisions", STAFF),
        get(Evaluation, "/api/v1/calls/{call}/statistics", STAFF),
        get(Evaluation, "/api/v1/proposals/{proposal}/result", NOBODY)
            .note("nothing released yet"),
        get(Evaluation, "/api/v1/proposals/{proposal}/letter", NOBODY),
        post(Evaluation, "/api/v1/proposals/{proposal}/redress", NOBODY)
            .json(json!({ "text": "Please check the procedure." })),
        get(Evaluation, "/api/v1/proposals/{proposal}/redress", NOBODY),
        put(
            Evaluation,
            "/api/v1/proposals/{proposal}/redress/answer",
            NOBODY,
        )
        .json(json!({ "text": "Checked." })),
        // ---- the right to reply
        get(
            Reply,
            "/api/v1/proposals/{proposal}/reply",
            &union(&[MEMBERS, &[Rapporteur], MANAGERS]),
        ),
        put(Reply, "/api/v1/proposals/{proposal}/reply", MEMBERS)
            .json(json!({ "text": "We agree." }))
            .stale(),
        get(
            Reply,
            "/api/v1/proposals/{proposal}/consensus",
            &union(&[STAFF, &[Rapporteur]]),
        ),
        put(Reply, "/api/v1/proposals/{proposal}/consensus", &[Rapporteur])
            .json(full_content([4.5; 3], "matrix"))
            .stale(),
        get(Reply, "/api/v1/proposals/{proposal}", READERS),
        // ---- decided, not released
        get(Decided, "/api/v1/proposals/{proposal}/decisions", STAFF),
        put(
            Decided,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/decision",
            &[FunderMeco],
        )
        .json(approval())
        .stale(),
        put(
            Decided,
            "/api/v1/proposals/{proposal}/partners/{partner_research}/decision",
            &[FunderFnr],
        )
        .json(approval())
        .stale(),
        put(
            Decided,
            "/api/v1/proposals/{proposal}/partners/{partner_hospital}/decision",
            &[FunderDs],
        )
        .json(approval())
        .stale(),
        get(Decided, "/api/v1/calls/{call}/funding-plan", STAFF),
        get(Decided, "/api/v1/calls/{call}/exports/decisions", STAFF),
        get(
            Decided,
            "/api/v1/proposals/{proposal}/consensus",
            &union(&[STAFF, &[Rapporteur]]),
        ),
        get(Decided, "/api/v1/proposals/{proposal}/result", NOBODY)
            .note("nothing released yet"),
        get(Decided, "/api/v1/proposals/{proposal}/letter", NOBODY),
        post(Decided, "/api/v1/calls/{call}/release", MANAGERS)
            .json(json!({ "allow_pending": true }))
            .note("the operator's cell releases the results for the next phase"),
        // ---- released
        get(Released, "/api/v1/calls/{call}", SIGNED_IN),
        get(Released, "/api/v1/proposals/{proposal}", READERS),
        get(
            Released,
            "/api/v1/proposals/{proposal}/result",
            &union(&[MEMBERS, STAFF]),
        ),
        get(
            Released,
            "/api/v1/proposals/{proposal}/letter",
            &union(&[MEMBERS, STAFF]),
        ),
        post(Released, "/api/v1/proposals/{proposal}/redress", COORDINATOR)
            .json(json!({ "text": "Please check the procedure." }))
            .note("the coordinator's cell files the redress request"),
        get(
            Released,
            "/api/v1/proposals/{proposal}/redress",
            &union(&[MEMBERS, STAFF]),
        ),
        put(
            Released,
            "/api/v1/proposals/{proposal}/redress/answer",
            MANAGERS,
        )
        .json(json!({ "text": "Checked; the procedure was followed." })),
        get(
            Released,
            "/api/v1/proposals/{proposal}/partners/{partner_company}/budget",
            READERS,
        ),
        post(Released, "/api/v1/calls/{call}/release", MANAGERS)
            .json(json!({ "allow_pending": true }))
            .note("released already: answers the stored release"),
        get(Released, "/api/v1/calls/{call}/statistics", STAFF),
    ]
}

/// The evaluation the rows run against, with everyone signed in.
struct World {
    panel: Panel,
    actors: HashMap<Who, Actor>,
    ids: HashMap<&'static str, String>,
}

const REPLY_CLOSES: &str = "2027-07-20T08:00:00Z";
const AFTER_REPLY: &str = "2027-07-21T08:00:00Z";

async fn sign_in(app: &TestApp, email: &str) -> Actor {
    app.sign_in_by_email(email).await
}

fn pdf_form() -> reqwest::multipart::Form {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(2_000, b'x');
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name("annex.pdf")
        .mime_str("application/pdf")
        .unwrap();
    reqwest::multipart::Form::new().part("file", part)
}

fn expect_status(response: &reqwest::Response, expected: StatusCode, what: &str) {
    assert_eq!(response.status(), expected, "setting up: {what}");
}

impl World {
    fn app(&self) -> &TestApp {
        &self.panel.app
    }

    fn actor(&self, who: Who) -> &Actor {
        &self.actors[&who]
    }

    fn id(&self, name: &str) -> &str {
        &self.ids[name]
    }

    /// A complete full consortium's draft in an open call, another
    /// applicant's draft, the expert pool, the funders and the managers.
    async fn build() -> Self {
        let (sink, port) = SmtpSink::start(0).await;
        let app = spawn_app_with(Options {
            smtp_port: Some(port),
            extra: vec![("JOINTCALL_TEST_HOOKS", "1".to_owned())],
            ..Default::default()
        })
        .await;
        let operator = operator(&app).await;
        let admin = app.admin().await;
        let call_id = open_call(
            &app,
            &operator,
            json!({
                "reviews_per_proposal": 3,
                "right_to_reply": { "enabled": true, "max_chars": 2000 },
                "documents": [{ "stage": "full", "document_type": "annex", "label": "Annex",
                    "required": false, "max_size_bytes": 1_048_576, "media_types": ["application/pdf"] }],
                "funders": [
                    { "agency": "MECO", "envelope_cents": 20_000_000, "funds": ["company"] },
                    { "agency": "FNR", "envelope_cents": 30_000_000, "funds": ["research_organisation"] },
                    { "agency": "DS", "envelope_cents": 50_000_000, "funds": ["hospital"] },
                ],
            }),
        )
        .await;
        let draft_call = create_call(&app, &operator, json!({})).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let words = json!(["cardiology"]);
        let (proposal, coordinator) = ready_proposal(&app, &sink, &call_id, 0, &words, true).await;
        let (other_proposal, other) = ready_proposal(&app, &sink, &call_id, 1, &words, false).await;
        let partner = sign_in(&app, "rui0@lih.lu").await;
        let mut ids: HashMap<&'static str, String> = HashMap::from([
            ("call", call_id.clone()),
            ("draft_call", draft_call),
            ("proposal", proposal.clone()),
            ("other_proposal", other_proposal),
            ("coordinator_user", coordinator.id.clone()),
            ("other_user", other.id.clone()),
        ]);
        let read = app
            .get(&format!("/api/v1/proposals/{proposal}"), Some(&coordinator))
            .send()
            .await
            .unwrap();
        let read = body(read).await;
        for (name, kind) in [
            ("partner_company", "company"),
            ("partner_research", "research_organisation"),
            ("partner_hospital", "hospital"),
        ] {
            let p = read["partners"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["organisation"]["kind"] == kind)
                .unwrap();
            ids.insert(name, p["id"].as_str().unwrap().to_owned());
            if kind == "company" {
                ids.insert(
                    "company",
                    p["organisation"]["id"].as_str().unwrap().to_owned(),
                );
            }
        }
        let uploaded = app
            .request(
                Method::POST,
                &format!("/api/v1/proposals/{proposal}/documents?document_type=annex"),
            )
            .bearer_auth(&coordinator.token)
            .multipart(pdf_form())
            .send()
            .await
            .unwrap();
        expect_status(&uploaded, StatusCode::CREATED, "upload an annex");
        ids.insert(
            "document",
            body(uploaded).await["id"].as_str().unwrap().to_owned(),
        );
        let colleague = join_as_colleague(
            &app,
            &sink,
            &coordinator,
            &proposal,
            "colin0@company0.lu",
            &ids["company"],
        )
        .await;
        let mut actors = HashMap::from([
            (Coordinator, coordinator.clone()),
            (Colleague, colleague),
            (Partner, partner),
            (OtherApplicant, other),
            (Operator, operator.clone()),
            (Admin, admin),
        ]);
        for (who, email, agency) in [
            (FunderMeco, "staff@meco.lu", Agency::Meco),
            (FunderFnr, "staff@fnr.lu", Agency::Fnr),
            (FunderDs, "staff@ds.lu", Agency::Ds),
        ] {
            let funder = app
                .user_with_roles(email, &[Role::Funder], Some(agency))
                .await;
            actors.insert(who, funder);
        }
        let panel = Panel {
            app,
            sink,
            smtp_port: port,
            operator,
            call_id,
            proposals: vec![(proposal, coordinator)],
        };
        for (who, email, name) in [
            (ExpertCleared, "clara@uni.de", "expert_cleared"),
            (ExpertUndeclared, "ulf@uni.de", "expert_undeclared"),
            (ExpertConflicted, "cole@uni.de", "expert_conflicted"),
            (ExpertUnassigned, "pia@uni.de", "expert_unassigned"),
            (Rapporteur, "rita@uni.de", "expert_rapporteur"),
        ] {
            let (expert_id, actor) = panel.expert(email, json!(["cardiology"]), 5).await;
            ids.insert(name, expert_id);
            actors.insert(who, actor);
        }
        Self { panel, actors, ids }
    }

    /// Moves the server clock and signs everyone in again.
    async fn travel(&mut self, at: &str) {
        let mut actors: Vec<&mut Actor> = self.actors.values_mut().collect();
        self.panel.app.travel_to(at, &mut actors).await;
        self.panel.operator = self.actors[&Operator].clone();
        self.panel.proposals[0].1 = self.actors[&Coordinator].clone();
    }

    async fn status_of_proposal(&self) -> String {
        let read = self
            .app()
            .get(
                &format!("/api/v1/proposals/{}", self.id("proposal")),
                Some(self.actor(Coordinator)),
            )
            .send()
            .await
            .unwrap();
        body(read).await["status"].as_str().unwrap().to_owned()
    }

    /// After the draft rows: submitted (by the submission row), deadline
    /// passed, eligible, experts assigned and two reviews in.
    async fn enter_evaluation(&mut self) {
        let proposal = self.id("proposal").to_owned();
        if self.status_of_proposal().await == "draft" {
            let submitted = self
                .app()
                .post(
                    &format!("/api/v1/proposals/{proposal}/submission"),
                    Some(self.actor(Coordinator)),
                    json!({}),
                )
                .send()
                .await
                .unwrap();
            expect_status(&submitted, StatusCode::CREATED, "submit");
        }
        self.travel(AFTER_DEADLINE).await;
        let eligible = self
            .app()
            .put(
                &format!("/api/v1/proposals/{proposal}/eligibility"),
                Some(self.actor(Operator)),
                json!({ "eligible": true }),
            )
            .send()
            .await
            .unwrap();
        expect_status(&eligible, StatusCode::OK, "confirm eligibility");
        let conflicted = self.panel.assign(0, self.id("expert_conflicted")).await;
        let declined = self
            .panel
            .declare(
                self.actor(ExpertConflicted),
                &conflicted,
                json!({ "conflict": true, "note": "I advise the company." }),
            )
            .await;
        expect_status(&declined, StatusCode::OK, "declare a conflict");
        self.ids.insert("assignment_conflicted", conflicted);
        for (who, expert, name) in [
            (ExpertCleared, "expert_cleared", "assignment_cleared"),
            (
                ExpertUndeclared,
                "expert_undeclared",
                "assignment_undeclared",
            ),
            (Rapporteur, "expert_rapporteur", "assignment_rapporteur"),
        ] {
            let assignment = self.panel.assign(0, self.id(expert)).await;
            if who != ExpertUndeclared {
                let cleared = self
                    .panel
                    .declare(self.actor(who), &assignment, json!({ "conflict": false }))
                    .await;
                expect_status(&cleared, StatusCode::OK, "declare no conflict");
                self.panel
                    .review(self.actor(who), &assignment, [4.5; 3])
                    .await;
            }
            self.ids.insert(name, assignment);
        }
        let named = self
            .panel
            .name_rapporteur(0, self.id("expert_rapporteur"))
            .await;
        expect_status(&named, StatusCode::OK, "name the rapporteur");
    }

    /// The undeclared expert declares a conflict (their slot is freed), the
    /// rapporteur drafts the consensus, the reply window opens.
    async fn enter_reply(&mut self) {
        let declined = self
            .panel
            .declare(
                self.actor(ExpertUndeclared),
                self.id("assignment_undeclared"),
                json!({ "conflict": true, "note": "I co-authored with the coordinator." }),
            )
            .await;
        expect_status(&declined, StatusCode::OK, "late conflict");
        let path = format!("/api/v1/proposals/{}/consensus", self.id("proposal"));
        let saved = self
            .panel
            .save(
                &path,
                self.actor(Rapporteur),
                full_content([4.5; 3], "consensus"),
            )
            .await;
        expect_status(&saved, StatusCode::OK, "draft the consensus");
        let opened = self
            .app()
            .post(
                &format!("/api/v1/calls/{}/reply-windows", self.id("call")),
                Some(self.actor(Operator)),
                json!({ "stage": "full", "closes_at": REPLY_CLOSES }),
            )
            .send()
            .await
            .unwrap();
        expect_status(&opened, StatusCode::CREATED, "open the reply window");
    }

    /// The window closes, the consensus is approved, the call moves to
    /// evaluation and every funder approves its partner.
    async fn enter_decided(&mut self) {
        self.travel(AFTER_REPLY).await;
        let approved = self.panel.approve(0).await;
        expect_status(&approved, StatusCode::OK, "approve the consensus");
        self.panel.to_decisions().await;
        let proposal = self.id("proposal").to_owned();
        let staff = [
            ("MECO", self.actor(FunderMeco)),
            ("FNR", self.actor(FunderFnr)),
            ("DS", self.actor(FunderDs)),
        ];
        let answers =
            approve_as_requested(&self.panel, self.actor(Operator), &proposal, &staff).await;
        for decided in &answers {
            expect_status(decided, StatusCode::OK, "approve a partner");
        }
    }

    /// The release row released the results; released here if it did not.
    async fn enter_released(&mut self) {
        let released = self
            .app()
            .post(
                &format!("/api/v1/calls/{}/release", self.id("call")),
                Some(self.actor(Operator)),
                json!({ "allow_pending": true }),
            )
            .send()
            .await
            .unwrap();
        assert!(
            released.status().is_success(),
            "setting up: release: {}",
            released.status()
        );
    }

    /// An allowed write with `If-Match` meets the precondition before the
    /// state and the body's rules (`api::if_match`): a stale version is 412
    /// even where the state forbids the change, a missing one 428, and a
    /// body that breaks the rules changes neither.
    async fn precondition_first(&self, row: &Row, who: Who, stale_status: u16) -> Option<String> {
        if stale_status != 412 {
            return Some(format!("{stale_status} for a stale If-Match; expected 412"));
        }
        let missing = self.send_with(row, who, None, &row.body).await;
        if missing != 428 {
            return Some(format!("{missing} without If-Match; expected 428"));
        }
        if let Some(invalid) = &row.invalid {
            let body = Body::Json(invalid.clone());
            let stale = self.send_with(row, who, Some("\"999999\""), &body).await;
            let missing = self.send_with(row, who, None, &body).await;
            if (stale, missing) != (412, 428) {
                return Some(format!(
                    "{stale} stale and {missing} without If-Match for a body against the rules; expected 412 and 428"
                ));
            }
        }
        None
    }

    fn fill(&self, template: &str) -> String {
        let mut out = template.to_owned();
        for (name, value) in &self.ids {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    async fn send(&self, row: &Row, who: Who) -> u16 {
        let if_match = row.stale.then_some("\"999999\"");
        self.send_with(row, who, if_match, &row.body).await
    }

    async fn send_with(&self, row: &Row, who: Who, if_match: Option<&str>, body: &Body) -> u16 {
        let path = self.fill(row.path);
        let mut request = self.app().request(row.method.clone(), &path);
        if who != Anonymous {
            request = request.bearer_auth(&self.actor(who).token);
        }
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        request = match body {
            Body::None => request,
            Body::Json(value) => {
                let text = self.fill(&value.to_string());
                request
                    .header("content-type", "application/json")
                    .body(text)
            }
            Body::Pdf => request.multipart(pdf_form()),
        };
        request.send().await.unwrap().status().as_u16()
    }
}

/// Whether an answer got past authorization; `Err` for answers that are
/// wrong whatever the rule (a signed-in 401, a 405, a 5xx, or an anonymous
/// request refused with anything but 401).
fn judge(who: Who, status: u16) -> Result<bool, String> {
    match status {
        401 if who == Anonymous => Ok(false),
        401 => Err("401 for a signed-in user".to_owned()),
        403 | 404 if who == Anonymous => Err(format!("{status} instead of 401 without a token")),
        403 | 404 => Ok(false),
        405 => Err("405: the route does not take this method".to_owned()),
        s if s >= 500 => Err(format!("{s}: a server error")),
        _ => Ok(true),
    }
}

fn verdict(allowed: bool) -> &'static str {
    if allowed { "allow" } else { "deny" }
}

#[tokio::test]
async fn every_endpoint_answers_every_actor_as_the_rules_say() {
    let table = rows();
    let mut world = World::build().await;
    let mut mismatches = Vec::new();
    let mut cells = 0;
    for phase in PHASES {
        match phase {
            Phase::Draft | Phase::Any => {}
            Phase::Evaluation => world.enter_evaluation().await,
            Phase::Reply => world.enter_reply().await,
            Phase::Decided => world.enter_decided().await,
            Phase::Released => world.enter_released().await,
        }
        for row in table.iter().filter(|r| r.phase == phase) {
            cells += check_row(&world, row, &mut mismatches).await;
        }
    }
    assert_eq!(cells, table.len() * ACTORS.len());
    assert!(
        mismatches.is_empty(),
        "{} of {cells} cells disagree with the rules:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

async fn check_row(world: &World, row: &Row, mismatches: &mut Vec<String>) -> usize {
    for who in ACTORS {
        let expected = row.allowed.contains(&who);
        let status = world.send(row, who).await;
        if std::env::var_os("JOINTCALL_ACCESS_TRACE").is_some() {
            eprintln!(
                "[{}] {} {} as {}: {status}",
                row.phase.label(),
                row.method,
                row.path,
                who.column()
            );
        }
        let wrong = match judge(who, status) {
            Ok(allowed) if allowed == expected => None,
            Ok(allowed) => Some(format!(
                "expected {}, got {} ({status})",
                verdict(expected),
                verdict(allowed)
            )),
            Err(why) => Some(format!("expected {}, got {why}", verdict(expected))),
        };
        let wrong = match wrong {
            None if expected && row.stale => world.precondition_first(row, who, status).await,
            other => other,
        };
        if let Some(wrong) = wrong {
            mismatches.push(format!(
                "  [{}] {} {} as {}: {wrong}",
                row.phase.label(),
                row.method,
                row.path,
                who.column()
            ));
        }
    }
    ACTORS.len()
}

const DOC_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/access-control.md");

/// The matrix as markdown.
fn render(table: &[Row]) -> String {
    let mut out = String::new();
    out.push_str(
        "# Access control: who may do what\n\n\
         <!-- Generated by tests/api/access.rs from its table; do not edit by hand.\n     \
         Regenerate with: JOINTCALL_WRITE_ACCESS_DOC=1 cargo test --test api access -->\n\n\
         Every row is one endpoint in one state of the resource; every column one kind of \
         caller. The test `access` in `tests/api/access.rs` builds one evaluation over HTTP \
         (on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set), sends every cell's \
         request and fails listing every cell whose answer disagrees with this table. The \
         expectations are written from the rules (`src/auth/policy.rs`, \
         `docs/ARCHITECTURE.md`, the handlers' documentation), not copied from answers.\n\n\
         ## How a cell is judged\n\n\
         - ✓ **allowed**: the request got past authorization: any answer but 401, 403 or 404. \
         A 409 (the state forbids it now, e.g. after the deadline), 412/428 (a version \
         precondition), 422 (the body is refused) or 400 still mean \"allowed\": the \
         caller may do this kind of thing to this resource.\n\
         - ✗ **denied**: 401 without a token (and only 401: anything else is an error); \
         403 or 404 for a signed-in caller (404 where the resource must stay invisible).\n\
         - A 401 for a signed-in caller, a 405 or any 5xx is always an error.\n\n\
         Writes must not change the world for the rows after them, so they carry an \
         `If-Match` that never matches (an allowed caller gets 412: every write checks \
         the precondition before the state and the body's rules, `src/api/if_match.rs`; \
         without the header it gets 428), or a body the server \
         refuses after authorization (noted in the row), or they are state changes the \
         scenario wants anyway (submission, release, the redress request: noted in the row). \
         Validation of the body's shape comes before authorization (the design's order: \
         parse, authenticate, load, authorize), so every body here is well formed.\n\n\
         ## Callers\n\n\
         | Column | Who |\n|---|---|\n",
    );
    for who in ACTORS {
        let _ = writeln!(out, "| {} | {} |", who.column(), who.description());
    }
    out.push_str(
        "\nAll applicants, experts and funders are distinct accounts. \"The proposal\" is \
         proposal P0 of a company (coordinator), a research organisation and a hospital; \
         the expert ids, assignment ids and partner ids in the paths are that proposal's.\n\n\
         One person coordinates a proposal: its creator, until they hand the coordination \
         to another contact of the coordinating partner (`PUT /proposals/{id}/coordinator`, \
         audited). Only the coordinator submits, withdraws, reopens, invites and removes \
         partners, hands the coordination over and files a redress request; the other \
         contacts of the coordinating partner (`colleague`) edit the proposal and that \
         partner's budget like every contact edits its own partner's.\n\n\
         ## States\n\n| State | Meaning |\n|---|---|\n",
    );
    for phase in PHASES {
        let _ = writeln!(out, "| {} | {} |", phase.label(), phase.description());
    }
    out.push_str("\n## The matrix\n\n| Endpoint | State |");
    for who in ACTORS {
        let _ = write!(out, " {} |", who.column());
    }
    out.push_str(" Note |\n|---|---|");
    for _ in ACTORS {
        out.push_str(":-:|");
    }
    out.push_str("---|\n");
    for row in table {
        let _ = write!(
            out,
            "| `{} {}` | {} |",
            row.method,
            row.path,
            row.phase.label()
        );
        for who in ACTORS {
            out.push_str(if row.allowed.contains(&who) {
                " ✓ |"
            } else {
                " ✗ |"
            });
        }
        let _ = writeln!(out, " {} |", row.note);
    }
    out.push_str(
        "\nNot in the matrix: the `/auth/*` endpoints (for anyone, signed in or not), the two \
         invitation acceptances (`/invitations/acceptance`, `/expert-invitations/acceptance`: \
         admitted by the mailed token and only for its addressee, tested in `proposals` and \
         `experts`), `PUT /me/password`, `POST /me/email-verification`, `DELETE /me/sessions`, \
         `DELETE /me/affiliations/{id}`, the `/me/second-factor` writes (each about the caller's \
         own account; tested in `second_factor`), \
         `/health` and `/ready` (no authentication), `/metrics` (the bearer token \
         `JOINTCALL_METRICS_TOKEN`, no account; closed in production without one; tested in \
         `security`).\n",
    );
    let _ = writeln!(
        out,
        "\n{} rows x {} callers = {} cells.",
        table.len(),
        ACTORS.len(),
        table.len() * ACTORS.len()
    );
    out
}

#[test]
fn access_control_doc_matches_the_matrix() {
    let rendered = render(&rows());
    if std::env::var("JOINTCALL_WRITE_ACCESS_DOC").as_deref() == Ok("1") {
        std::fs::write(DOC_PATH, &rendered).expect("write docs/access-control.md");
        return;
    }
    let committed = std::fs::read_to_string(DOC_PATH).unwrap_or_default();
    assert!(
        committed == rendered,
        "docs/access-control.md differs from the matrix in tests/api/access.rs; regenerate it with\n  \
         JOINTCALL_WRITE_ACCESS_DOC=1 cargo test --test api access"
    );
}
