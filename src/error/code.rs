//! The problem codes: the last segment of a problem's `type` URI and its
//! `code` member, one enum so that a handler cannot invent a code nobody
//! documents, and the spec lists them all for clients to switch on
//! (the SPA's generated types get the union).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What went wrong, for programs: stable across releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    // Any endpoint.
    /// Some fields are invalid: `errors` names each (422).
    ValidationFailed,
    /// The request cannot be read: not JSON, a bad query or path parameter (400).
    MalformedRequest,
    /// No valid access token, or its session has ended (401).
    Unauthenticated,
    /// The email or the password is wrong (401).
    InvalidCredentials,
    /// The caller's roles do not allow this (403).
    Forbidden,
    /// No such resource, or the caller may not see it (404).
    NotFound,
    /// The path exists, the method does not (405).
    MethodNotAllowed,
    /// The body or the file is larger than allowed (413).
    PayloadTooLarge,
    /// The body stopped arriving before it was complete (408).
    RequestTimeout,
    /// The body or the file is of a type not accepted (415).
    UnsupportedMediaType,
    /// `If-Match` names a version someone else has replaced (412).
    StaleVersion,
    /// A change needs the `If-Match` of the version it replaces (428).
    IfMatchRequired,
    /// Too many of these within the hour; see `Retry-After` (429).
    TooManyRequests,
    /// A dependency (the database, the document store) is down; retry (503).
    ServiceUnavailable,
    /// The document store is full; nothing was kept (507).
    StorageFull,
    /// A bug on the server's side; it is logged with the request id (500).
    InternalError,
    // The rules of one endpoint; each is named in its responses.
    AlreadyAffiliated,
    AlreadyInPool,
    AlreadyMember,
    AlreadyPromoted,
    AlreadyVerified,
    AnotherFundersPartner,
    AssignedAlready,
    AssignmentNotActive,
    AssignmentWithdrawn,
    CallClosedForChanges,
    CallNotInEvaluation,
    CallNotOpen,
    ConflictOfInterest,
    ConsensusApproved,
    ConsensusNotReady,
    ConsortiumFull,
    CoordinatorOnly,
    CoordinatorStays,
    CsrfTokenMissing,
    DeadlineNotPassed,
    DeadlinePassed,
    DecisionsPending,
    DeclarationRequired,
    DeclaredAlready,
    DeclaredConflict,
    EmailNotVerified,
    EmailTaken,
    EnvelopeExceeded,
    EvaluationIncomplete,
    FullStageOver,
    FullyStaffed,
    InvalidTransition,
    InvitationForAnotherAddress,
    LastAdmin,
    LoadCapReached,
    MetricsDisabled,
    NoEnrolment,
    NoRapporteur,
    NoRightToReply,
    NoSecondFactor,
    NotASubmittedOutline,
    NotEligible,
    NotOnMainList,
    NotOnReserve,
    NotSubmitted,
    NotYourBudget,
    OutlineNotOnMainList,
    OutlineStageRunning,
    OwnReviewFirst,
    ProposalNotDraft,
    ProposalOnReserve,
    QuotaExceeded,
    Rapporteur,
    RedressAnswered,
    RedressFiled,
    RedressPeriodOver,
    ReleaseResults,
    ReplyWindowClosed,
    ReplyWindowNotHeld,
    ReplyWindowOpen,
    ReplyWindowOpened,
    ReviewSubmitted,
    ReviewsOutstanding,
    SecondFactorEnrolled,
    SecondFactorRequired,
    SignInExpired,
    WrongCode,
}

impl ProblemCode {
    /// Every code, in the order above.
    pub const ALL: &[ProblemCode] = &[
        Self::ValidationFailed,
        Self::MalformedRequest,
        Self::Unauthenticated,
        Self::InvalidCredentials,
        Self::Forbidden,
        Self::NotFound,
        Self::MethodNotAllowed,
        Self::PayloadTooLarge,
        Self::RequestTimeout,
        Self::UnsupportedMediaType,
        Self::StaleVersion,
        Self::IfMatchRequired,
        Self::TooManyRequests,
        Self::ServiceUnavailable,
        Self::StorageFull,
        Self::InternalError,
        Self::AlreadyAffiliated,
        Self::AlreadyInPool,
        Self::AlreadyMember,
        Self::AlreadyPromoted,
        Self::AlreadyVerified,
        Self::AnotherFundersPartner,
        Self::AssignedAlready,
        Self::AssignmentNotActive,
        Self::AssignmentWithdrawn,
        Self::CallClosedForChanges,
        Self::CallNotInEvaluation,
        Self::CallNotOpen,
        Self::ConflictOfInterest,
        Self::ConsensusApproved,
        Self::ConsensusNotReady,
        Self::ConsortiumFull,
        Self::CoordinatorOnly,
        Self::CoordinatorStays,
        Self::CsrfTokenMissing,
        Self::DeadlineNotPassed,
        Self::DeadlinePassed,
        Self::DecisionsPending,
        Self::DeclarationRequired,
        Self::DeclaredAlready,
        Self::DeclaredConflict,
        Self::EmailNotVerified,
        Self::EmailTaken,
        Self::EnvelopeExceeded,
        Self::EvaluationIncomplete,
        Self::FullStageOver,
        Self::FullyStaffed,
        Self::InvalidTransition,
        Self::InvitationForAnotherAddress,
        Self::LastAdmin,
        Self::LoadCapReached,
        Self::MetricsDisabled,
        Self::NoEnrolment,
        Self::NoRapporteur,
        Self::NoRightToReply,
        Self::NoSecondFactor,
        Self::NotASubmittedOutline,
        Self::NotEligible,
        Self::NotOnMainList,
        Self::NotOnReserve,
        Self::NotSubmitted,
        Self::NotYourBudget,
        Self::OutlineNotOnMainList,
        Self::OutlineStageRunning,
        Self::OwnReviewFirst,
        Self::ProposalNotDraft,
        Self::ProposalOnReserve,
        Self::QuotaExceeded,
        Self::Rapporteur,
        Self::RedressAnswered,
        Self::RedressFiled,
        Self::RedressPeriodOver,
        Self::ReleaseResults,
        Self::ReplyWindowClosed,
        Self::ReplyWindowNotHeld,
        Self::ReplyWindowOpen,
        Self::ReplyWindowOpened,
        Self::ReviewSubmitted,
        Self::ReviewsOutstanding,
        Self::SecondFactorEnrolled,
        Self::SecondFactorRequired,
        Self::SignInExpired,
        Self::WrongCode,
    ];

    /// The code as clients read it (`deadline-passed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ValidationFailed => "validation-failed",
            Self::MalformedRequest => "malformed-request",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid-credentials",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not-found",
            Self::MethodNotAllowed => "method-not-allowed",
            Self::PayloadTooLarge => "payload-too-large",
            Self::RequestTimeout => "request-timeout",
            Self::UnsupportedMediaType => "unsupported-media-type",
            Self::StaleVersion => "stale-version",
            Self::IfMatchRequired => "if-match-required",
            Self::TooManyRequests => "too-many-requests",
            Self::ServiceUnavailable => "service-unavailable",
            Self::StorageFull => "storage-full",
            Self::InternalError => "internal-error",
            Self::AlreadyAffiliated => "already-affiliated",
            Self::AlreadyInPool => "already-in-pool",
            Self::AlreadyMember => "already-member",
            Self::AlreadyPromoted => "already-promoted",
            Self::AlreadyVerified => "already-verified",
            Self::AnotherFundersPartner => "another-funders-partner",
            Self::AssignedAlready => "assigned-already",
            Self::AssignmentNotActive => "assignment-not-active",
            Self::AssignmentWithdrawn => "assignment-withdrawn",
            Self::CallClosedForChanges => "call-closed-for-changes",
            Self::CallNotInEvaluation => "call-not-in-evaluation",
            Self::CallNotOpen => "call-not-open",
            Self::ConflictOfInterest => "conflict-of-interest",
            Self::ConsensusApproved => "consensus-approved",
            Self::ConsensusNotReady => "consensus-not-ready",
            Self::ConsortiumFull => "consortium-full",
            Self::CoordinatorOnly => "coordinator-only",
            Self::CoordinatorStays => "coordinator-stays",
            Self::CsrfTokenMissing => "csrf-token-missing",
            Self::DeadlineNotPassed => "deadline-not-passed",
            Self::DeadlinePassed => "deadline-passed",
            Self::DecisionsPending => "decisions-pending",
            Self::DeclarationRequired => "declaration-required",
            Self::DeclaredAlready => "declared-already",
            Self::DeclaredConflict => "declared-conflict",
            Self::EmailNotVerified => "email-not-verified",
            Self::EmailTaken => "email-taken",
            Self::EnvelopeExceeded => "envelope-exceeded",
            Self::EvaluationIncomplete => "evaluation-incomplete",
            Self::FullStageOver => "full-stage-over",
            Self::FullyStaffed => "fully-staffed",
            Self::InvalidTransition => "invalid-transition",
            Self::InvitationForAnotherAddress => "invitation-for-another-address",
            Self::LastAdmin => "last-admin",
            Self::LoadCapReached => "load-cap-reached",
            Self::MetricsDisabled => "metrics-disabled",
            Self::NoEnrolment => "no-enrolment",
            Self::NoRapporteur => "no-rapporteur",
            Self::NoRightToReply => "no-right-to-reply",
            Self::NoSecondFactor => "no-second-factor",
            Self::NotASubmittedOutline => "not-a-submitted-outline",
            Self::NotEligible => "not-eligible",
            Self::NotOnMainList => "not-on-main-list",
            Self::NotOnReserve => "not-on-reserve",
            Self::NotSubmitted => "not-submitted",
            Self::NotYourBudget => "not-your-budget",
            Self::OutlineNotOnMainList => "outline-not-on-main-list",
            Self::OutlineStageRunning => "outline-stage-running",
            Self::OwnReviewFirst => "own-review-first",
            Self::ProposalNotDraft => "proposal-not-draft",
            Self::ProposalOnReserve => "proposal-on-reserve",
            Self::QuotaExceeded => "quota-exceeded",
            Self::Rapporteur => "rapporteur",
            Self::RedressAnswered => "redress-answered",
            Self::RedressFiled => "redress-filed",
            Self::RedressPeriodOver => "redress-period-over",
            Self::ReleaseResults => "release-results",
            Self::ReplyWindowClosed => "reply-window-closed",
            Self::ReplyWindowNotHeld => "reply-window-not-held",
            Self::ReplyWindowOpen => "reply-window-open",
            Self::ReplyWindowOpened => "reply-window-opened",
            Self::ReviewSubmitted => "review-submitted",
            Self::ReviewsOutstanding => "reviews-outstanding",
            Self::SecondFactorEnrolled => "second-factor-enrolled",
            Self::SecondFactorRequired => "second-factor-required",
            Self::SignInExpired => "sign-in-expired",
            Self::WrongCode => "wrong-code",
        }
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_lists_every_code_and_all_names_each_once() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(ProblemCode::schema()).unwrap_or_default();
        let listed: Vec<&str> = schema["enum"]
            .as_array()
            .map(|values| values.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        let all: Vec<&str> = ProblemCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(listed, all);
    }

    #[test]
    fn each_code_is_written_as_serde_writes_it_and_only_once() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ProblemCode::ALL {
            let json = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(json.as_str(), Some(code.as_str()));
            assert!(seen.insert(code.as_str()), "{code} twice");
        }
    }
}
