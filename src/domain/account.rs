//! What makes an email address, a password and a name acceptable.

use crate::error::FieldError;

/// A syntactically valid email address, lower-cased so that it identifies one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        let invalid = |message: &str| FieldError::new("email", "invalid_format", message);
        if email.is_empty() {
            return Err(FieldError::new(
                "email",
                "required",
                "Enter an email address.",
            ));
        }
        if email.len() > 254 {
            return Err(invalid("An email address has at most 254 characters."));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(invalid("An email address looks like name@example.org."));
        };
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Self(email))
        } else {
            Err(invalid("An email address looks like name@example.org."))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

/// Whether a password is among those guessed first (ASVS 2.1.7): zxcvbn
/// matches it against its lists of common and breached passwords, names,
/// words, keyboard patterns, repeats and dates, and estimates the guesses an
/// attacker needs. Fewer than 10^8 (its score below 3) is too few: the
/// password would fall to an offline attack on a leaked hash within days.
/// zxcvbn reads at most the first 100 characters, so its cost is bounded.
fn too_easy_to_guess(raw: &str, about_the_person: &[&str]) -> bool {
    zxcvbn::zxcvbn(raw, about_the_person).score() < zxcvbn::Score::Three
}

/// A password that meets the rules; never printed.
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Checks a new password; `field` names it in the error (`password`, `new_password`).
    pub fn parse(raw: &str, email: Option<&str>, field: &str) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < MIN_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                "too_short",
                format!("A password has at least {MIN_PASSWORD_CHARS} characters."),
            ));
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(FieldError::new(
                field,
                "too_long",
                format!("A password has at most {MAX_PASSWORD_CHARS} characters."),
            ));
        }
        let email = email.map(|e| e.trim().to_lowercase()).unwrap_or_default();
        let local = email.split('@').next().unwrap_or_default();
        if !email.is_empty() {
            let lowered = raw.trim().to_lowercase();
            if lowered == email || (!local.is_empty() && lowered == local) {
                return Err(FieldError::new(
                    field,
                    "same_as_email",
                    "The password may not be your email address.",
                ));
            }
        }
        if too_easy_to_guess(raw, &[&email, local, "jointcall"]) {
            return Err(FieldError::new(
                field,
                "too_common",
                "This password is too easy to guess: it is, or is close to, a common or breached \
                 password, a keyboard pattern, a name or a date. A few words only you would put \
                 together make a good one.",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A person's name as shown to others: trimmed, 1 to 200 characters.
pub fn parse_full_name(raw: &str) -> Result<String, FieldError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(FieldError::new(
            "full_name",
            "required",
            "Enter your full name.",
        ));
    }
    // Limits apply to what was sent, as the API description states them.
    if raw.chars().count() > 200 {
        return Err(FieldError::new(
            "full_name",
            "too_long",
            "A name has at most 200 characters.",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(FieldError::new(
            "full_name",
            "invalid_format",
            "A name may not contain control characters.",
        ));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Ada@Example.ORG ").unwrap().as_str(),
            "ada@example.org"
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a..b@example.org",
            "ada@-example.org",
            "ada @example.org",
            "ada@exa_mple.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn passwords_follow_the_rules() {
        assert_eq!(
            Password::parse("short", None, "password").unwrap_err().code,
            "too_short"
        );
        assert_eq!(
            Password::parse(
                "ada.lovelace@example.org",
                Some("ada.lovelace@example.org"),
                "password"
            )
            .unwrap_err()
            .code,
            "same_as_email"
        );
        assert_eq!(
            Password::parse(
                "Ada.Lovelace1",
                Some("ada.lovelace1@example.org"),
                "password"
            )
            .unwrap_err()
            .code,
            "same_as_email"
        );
        assert_eq!(
            Password::parse(&"x".repeat(257), None, "p")
                .unwrap_err()
                .code,
            "too_long"
        );
        // Twelve characters counted as characters, not bytes.
        assert!(Password::parse("Łódź żółw ét", None, "password").is_ok());
        assert!(Password::parse("correct horse battery", Some("a@b.lu"), "password").is_ok());
    }

    #[test]
    fn passwords_guessed_first_are_refused() {
        for guessable in [
            "password1234",
            "123456789012",
            "qwertyuiopasdf",
            "aaaaaaaaaaaa",
            "iloveyou1234",
            "Password2026!",
            "jointcall2026",
        ] {
            assert_eq!(
                Password::parse(guessable, Some("someone@example.org"), "password")
                    .map(|_| ())
                    .unwrap_err()
                    .code,
                "too_common",
                "{guessable}"
            );
        }
        // Built on the person's own address.
        assert_eq!(
            Password::parse("ada.lovelace2026", Some("ada.lovelace@example.org"), "p")
                .map(|_| ())
                .unwrap_err()
                .code,
            "too_common"
        );
        // Length alone does not make a repeated common word safe.
        assert_eq!(
            Password::parse(&"password".repeat(32), None, "p")
                .map(|_| ())
                .unwrap_err()
                .code,
            "too_common"
        );
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            parse_full_name("  Ada   Lovelace ").unwrap(),
            "Ada Lovelace"
        );
        assert_eq!(parse_full_name("   ").unwrap_err().code, "required");
        assert_eq!(
            parse_full_name(&"a".repeat(201)).unwrap_err().code,
            "too_long"
        );
    }

    #[test]
    fn password_debug_hides_the_secret() {
        let p = Password::parse("correct horse battery", None, "password").unwrap();
        assert!(!format!("{p:?}").contains("horse"));
    }
}
