//! The texts of the mails. Plain text, English; one function per mail.

use crate::db::outbox::NewMail;

pub fn verify_email(to: &str, full_name: &str, link: &str) -> NewMail {
    NewMail {
        kind: "verify_email",
        to: to.to_owned(),
        subject: "Confirm your email address for jointcall".to_owned(),
        body: format!(
            "Hello {full_name},\n\n\
             please confirm your email address by opening this link:\n\n{link}\n\n\
             The link is valid for 48 hours. If you did not create an account, ignore this mail.\n\n\
             jointcall\n"
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
