//! The texts of the mails. Plain text, English; one function per mail.

use crate::db::outbox::NewMail;

/// Sent to an address someone typed in, before anyone knows it is theirs:
/// so it holds no text that person chose (no name), only the link.
pub fn verify_email(to: &str, link: &str) -> NewMail {
    NewMail {
        kind: "verify_email",
        to: to.to_owned(),
        subject: "Confirm your email address for jointcall".to_owned(),
        body: format!(
            "Hello,\n\n\
             please confirm your email address by opening this link:\n\n{link}\n\n\
             The link is valid for 48 hours. If you did not create an account, ignore this mail.\n\n\
             jointcall\n"
        ),
    }
}

/// The chain's end, for the auditor to keep outside the portal.
pub fn audit_anchor(to: &str, anchor: &crate::domain::audit_chain::Anchor) -> NewMail {
    NewMail {
        kind: "audit_anchor",
        to: to.to_owned(),
        subject: format!("jointcall audit anchor: record {}", anchor.seq),
        body: format!(
            "Hello,\n\n\
             the jointcall audit log ended at record {} at {}. Keep this line: \
             `jointcall verify-audit` compares the log with it, and a log that no longer \
             holds this record as it was has been cut or rewritten.\n\n{}\n\n\
             jointcall\n",
            anchor.seq,
            anchor.at,
            anchor.line()
        ),
    }
}

pub fn reset_password(to: &str, full_name: &str, link: &str) -> NewMail {
    NewMail {
        kind: "reset_password",
        to: to.to_owned(),
        subject: "Reset your jointcall password".to_owned(),
        body: format!(
            "Hello {full_name},\n\n\
             someone asked to reset the password of your jointcall account. To choose a new \
             password, open this link:\n\n{link}\n\n\
             The link is valid for one hour and can be used once. If it was not you, ignore this \
             mail: your password stays as it is.\n\n\
             jointcall\n"
        ),
    }
}

pub fn password_changed(to: &str, full_name: &str) -> NewMail {
    NewMail {
        kind: "password_changed",
        to: to.to_owned(),
        subject: "Your jointcall password was changed".to_owned(),
        body: format!(
            "Hello {full_name},\n\n\
             the password of your jointcall account was just changed and every session was \
             signed out. If this was not you, reset your password at once and tell the call \
             operator.\n\n\
             jointcall\n"
        ),
    }
}

/// What happened to someone's second factor, for the mail that tells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactorEvent {
    Enrolled,
    Removed,
    ResetByAdministrator,
    RecoveryCodesRenewed,
    RecoveryCodeUsed {
        left: i64,
    },
    /// A code already used was sent again (RFC 6238 5.2; ASVS 2.8.5).
    CodeReused,
    /// Sign-ins with the right password and wrong codes reached the limit.
    TooManyWrongCodes,
}

/// Tells the owner of an account about a change to, or a use of, its second
/// factor: each is either theirs or a sign that someone has their password.
pub fn second_factor_notice(to: &str, full_name: &str, event: SecondFactorEvent) -> NewMail {
    use SecondFactorEvent::*;
    let (subject, what) = match event {
        Enrolled => (
            "Two-step sign-in is on for your jointcall account".to_owned(),
            "two-step sign-in was turned on for your account, and every other session was \
             signed out. Keep your recovery codes somewhere safe."
                .to_owned(),
        ),
        Removed => (
            "Two-step sign-in is off for your jointcall account".to_owned(),
            "two-step sign-in was turned off for your account.".to_owned(),
        ),
        ResetByAdministrator => (
            "An administrator reset your jointcall two-step sign-in".to_owned(),
            "an administrator removed the authenticator of your account and signed out every \
             session. Set up two-step sign-in again at your next sign-in."
                .to_owned(),
        ),
        RecoveryCodesRenewed => (
            "New recovery codes for your jointcall account".to_owned(),
            "new recovery codes were made for your account; the old ones no longer work."
                .to_owned(),
        ),
        RecoveryCodeUsed { left } => (
            "A recovery code was used to sign in to jointcall".to_owned(),
            format!(
                "a recovery code was just used to sign in to your account; {left} unused \
                 code(s) remain. Make new ones in your profile if you are running short."
            ),
        ),
        CodeReused => (
            "A used sign-in code was sent again to jointcall".to_owned(),
            "someone sent a two-step sign-in code of your account that had been used already, \
             and it was refused. If this was not you, someone may know your password: change it."
                .to_owned(),
        ),
        TooManyWrongCodes => (
            "Wrong sign-in codes for your jointcall account".to_owned(),
            "your password was entered correctly, followed by several wrong two-step codes; \
             further tries are paused for an hour. If this was not you, change your password now."
                .to_owned(),
        ),
    };
    NewMail {
        kind: "second_factor",
        to: to.to_owned(),
        subject,
        body: format!(
            "Hello {full_name},\n\n{what} If this was not you, tell the call operator.\n\n\
             jointcall\n"
        ),
    }
}

pub fn consortium_invitation(
    to: &str,
    inviter: &str,
    acronym: &str,
    call_title: &str,
    link: &str,
) -> NewMail {
    NewMail {
        kind: "consortium_invitation",
        to: to.to_owned(),
        subject: format!("Invitation to join the consortium of {acronym}"),
        body: format!(
            "Hello,\n\n\
             {inviter} invites you to join the consortium of the proposal {acronym} in the call \
             \"{call_title}\" as a partner.\n\n\
             To accept, open this link (sign in or create an account with this email address first):\n\n{link}\n\n\
             The invitation is valid for 14 days.\n\n\
             jointcall\n"
        ),
    }
}

/// A document as a receipt lists it.
pub struct ReceiptLine<'a> {
    pub document_type: &'a str,
    pub filename: &'a str,
    pub sha256: &'a str,
}

/// To a contact of the coordinating partner who now coordinates a proposal.
pub fn coordination_handed_over(to: &str, from: &str, acronym: &str, link: &str) -> NewMail {
    NewMail {
        kind: "coordination_handed_over",
        to: to.to_owned(),
        subject: format!("You now coordinate {acronym}"),
        body: format!(
            "Hello,\n\n\
             {from} handed the coordination of the proposal {acronym} over to you. From now on you \
             submit, withdraw and reopen it and invite and remove partners; {from} can still edit \
             it as a contact of your organisation.\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn submission_receipt(
    to: &str,
    acronym: &str,
    number: &str,
    local_time: &str,
    digest: &str,
    documents: &[ReceiptLine<'_>],
) -> NewMail {
    let documents = if documents.is_empty() {
        "No documents were uploaded.\n".to_owned()
    } else {
        documents
            .iter()
            .map(|d| {
                format!(
                    "- {} ({})\n  SHA-256: {}\n",
                    d.filename, d.document_type, d.sha256
                )
            })
            .collect()
    };
    NewMail {
        kind: "submission_receipt",
        to: to.to_owned(),
        subject: format!("Receipt {number}: {acronym} was submitted"),
        body: format!(
            "Hello,\n\n\
             the proposal {acronym} was submitted at {local_time}.\n\n\
             Receipt number: {number}\n\
             SHA-256 of the submitted snapshot: {digest}\n\n\
             The submitted documents:\n{documents}\n\
             Keep this mail: with these digests you can prove what was submitted. The receipt and \
             the frozen snapshot are in the portal.\n\n\
             jointcall\n"
        ),
    }
}

pub fn full_stage_invitation(
    to: &str,
    acronym: &str,
    call_title: &str,
    deadline_local: &str,
    link: &str,
) -> NewMail {
    NewMail {
        kind: "full_stage_invitation",
        to: to.to_owned(),
        subject: format!("{acronym} is invited to submit a full proposal"),
        body: format!(
            "Hello,\n\n\
             the outline {acronym} in the call \"{call_title}\" is invited to the full proposal stage. \
             Your consortium and everything you entered are kept; complete the full proposal and \
             submit it before {deadline_local}:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn eligibility_result(
    to: &str,
    acronym: &str,
    eligible: bool,
    reason: Option<&str>,
) -> NewMail {
    let (subject, verdict) = if eligible {
        (
            format!("{acronym} is eligible"),
            "is eligible and goes on to the evaluation".to_owned(),
        )
    } else {
        (
            format!("{acronym} is not eligible"),
            "is not eligible".to_owned(),
        )
    };
    let reason = reason
        .map(|r| format!("\nThe reason:\n\n{r}\n"))
        .unwrap_or_default();
    NewMail {
        kind: "eligibility_result",
        to: to.to_owned(),
        subject,
        body: format!(
            "Hello,\n\n\
             after the deadline the call's operator checked the proposal {acronym}: it {verdict}.\n{reason}\n\
             jointcall\n"
        ),
    }
}

pub fn expert_invitation(to: &str, call_title: &str, link: &str) -> NewMail {
    NewMail {
        kind: "expert_invitation",
        to: to.to_owned(),
        subject: format!("Invitation to evaluate proposals of \"{call_title}\""),
        body: format!(
            "Hello,\n\n\
             the operator of the call \"{call_title}\" invites you to join its pool of independent \
             experts. To accept, open this link (sign in or create an account with this email \
             address first):\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn expert_assignment(to: &str, call_title: &str, count: usize, link: &str) -> NewMail {
    NewMail {
        kind: "expert_assignment",
        to: to.to_owned(),
        subject: format!("{count} proposal(s) of \"{call_title}\" assigned to you"),
        body: format!(
            "Hello,\n\n\
             {count} proposal(s) of the call \"{call_title}\" were assigned to you for evaluation. \
             Before you see a proposal's content, declare that you have no conflict of interest \
             with it:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

/// To the operator who assigned an expert who then declared a conflict.
pub fn conflict_declared(to: &str, acronym: &str, link: &str) -> NewMail {
    NewMail {
        kind: "conflict_declared",
        to: to.to_owned(),
        subject: format!("An expert declined {acronym} with a conflict of interest"),
        body: format!(
            "Hello,\n\n\
             an expert assigned to the proposal {acronym} declared a conflict of interest and \
             will not review it. Its review slot is free again; assign another expert:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn rapporteur_named(to: &str, acronym: &str, link: &str) -> NewMail {
    NewMail {
        kind: "rapporteur_named",
        to: to.to_owned(),
        subject: format!("You are the rapporteur of {acronym}"),
        body: format!(
            "Hello,\n\n\
             the operator named you rapporteur of the proposal {acronym}. Once every review is \
             in, draft the consensus report here:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn review_reminder(to: &str, acronym: &str, due: &str, link: &str) -> NewMail {
    NewMail {
        kind: "review_reminder",
        to: to.to_owned(),
        subject: format!("Reminder: your review of {acronym} is due on {due}"),
        body: format!(
            "Hello,\n\n\
             your review of the proposal {acronym} is not submitted yet. It is due on {due}:\n\n\
             {link}\n\n\
             jointcall\n"
        ),
    }
}

/// To every contact of a draft before its stage's deadline, with what the
/// checklist still lacks.
pub fn submission_reminder(
    to: &str,
    acronym: &str,
    call_title: &str,
    deadline_local: &str,
    open_items: &[String],
    link: &str,
) -> NewMail {
    let status = if open_items.is_empty() {
        "The checklist is complete: the coordinator can submit it now.\n".to_owned()
    } else {
        let items: String = open_items.iter().map(|i| format!("- {i}\n")).collect();
        format!("Still missing before it can be submitted:\n{items}")
    };
    NewMail {
        kind: "submission_reminder",
        to: to.to_owned(),
        subject: format!("Reminder: submit {acronym} before {deadline_local}"),
        body: format!(
            "Hello,\n\n\
             the proposal {acronym} in the call \"{call_title}\" is not submitted yet. The deadline \
             is {deadline_local}; after it, nothing can be submitted or changed.\n\n\
             {status}\n\
             Open the proposal:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn reply_window_opened(to: &str, acronym: &str, closes: &str, link: &str) -> NewMail {
    NewMail {
        kind: "reply_window_opened",
        to: to.to_owned(),
        subject: format!("Right to reply: the evaluation comments on {acronym}"),
        body: format!(
            "Hello,\n\n\
             the experts' consensus comments on the proposal {acronym} are ready for you to read. \
             You may answer them until {closes}:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn redress_filed(to: &str, acronym: &str, link: &str) -> NewMail {
    NewMail {
        kind: "redress_filed",
        to: to.to_owned(),
        subject: format!("Redress request on {acronym}"),
        body: format!(
            "Hello,\n\n\
             the coordinator of the proposal {acronym} asks for a review of the procedure. \
             Read and answer the request here:\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}

pub fn redress_answered(to: &str, acronym: &str, answer: &str, link: &str) -> NewMail {
    NewMail {
        kind: "redress_answered",
        to: to.to_owned(),
        subject: format!("Answer to the redress request on {acronym}"),
        body: format!(
            "Hello,\n\n\
             the call's operator answered the redress request on the proposal {acronym}:\n\n\
             {answer}\n\n{link}\n\n\
             jointcall\n"
        ),
    }
}
