//! The second factor: time-based one-time codes (RFC 6238, by the `totp-rs`
//! crate) from an authenticator app, and single-use recovery codes.
//!
//! Codes are SHA-1, six digits, 30-second steps, one step of skew either way:
//! what every authenticator app reads from an `otpauth://` link. Which step a
//! code matched is returned so that the caller accepts each step once only.

use chrono::{DateTime, Utc};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use super::tokens::token_hash;

/// The name authenticator apps show above the code.
pub const ISSUER: &str = "jointcall";
/// Recovery codes handed out at enrolment (and each time they are renewed).
pub const RECOVERY_CODES: usize = 10;

fn totp(secret_base32: &str, account: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_base32).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(ISSUER))
        .build()
        .ok()
}

/// A new random secret (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::from(bytes.to_vec()).to_base32()
}

/// The `otpauth://` link an authenticator app reads from the QR code.
pub fn enrolment_link(secret_base32: &str, account: &str) -> Option<String> {
    totp(secret_base32, account)?.to_url().ok()
}

/// What a submitted code turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    /// Six digits (spaces allowed) that match the authenticator at this step.
    Totp { step: i64 },
    /// Six digits that match no step within the skew.
    WrongTotp,
    /// Anything else: perhaps a recovery code, by its hash.
    Recovery { hash: String },
}

/// Reads what the person typed: an authenticator code, checked against the
/// secret at `now`, or a recovery code, normalised and hashed for lookup.
pub fn read_code(secret_base32: &str, typed: &str, now: DateTime<Utc>) -> Code {
    let compact: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() == 6 && compact.bytes().all(|b| b.is_ascii_digit()) {
        let time = u64::try_from(now.timestamp()).unwrap_or(0);
        return match totp(secret_base32, "").and_then(|t| t.check(&compact, time)) {
            Some(step) => Code::Totp {
                step: i64::try_from(step).unwrap_or(i64::MAX),
            },
            None => Code::WrongTotp,
        };
    }
    Code::Recovery {
        hash: recovery_code_hash(&compact),
    }
}

/// The code an authenticator shows at `at` (for tests and the smoke run).
pub fn code_at(secret_base32: &str, at: DateTime<Utc>) -> Option<String> {
    let time = u64::try_from(at.timestamp()).ok()?;
    Some(totp(secret_base32, "")?.generate(time).to_string())
}

/// Ten new recovery codes, as shown once to the person (`abcd-efgh-ijkl-mnop`:
/// 16 base32 characters, 80 random bits each, so a plain SHA-256 of them
/// cannot be reversed by guessing).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let bytes: [u8; 10] = rand::random();
            let text = base32_lower(&bytes);
            text.as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// How a recovery code is stored and looked up: case, spaces and dashes are
/// ignored, as people copy them in many ways.
pub fn recovery_code_hash(typed: &str) -> String {
    let normal: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    token_hash(&normal)
}

fn base32_lower(bytes: &[u8]) -> String {
    Secret::from(bytes.to_vec()).to_base32().to_lowercase()
}

/// The secret as people type it into an app that cannot scan the QR code
/// (the SPA draws that from the link): in groups of four.
pub fn secret_for_typing(secret_base32: &str) -> String {
    secret_base32
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890".
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // The RFC's 8-digit values, of which authenticators show the last six.
        for (secs, eight) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
        ] {
            let at = Utc.timestamp_opt(secs, 0).unwrap();
            assert_eq!(code_at(RFC_SECRET, at).unwrap(), eight[2..]);
            assert_eq!(
                read_code(RFC_SECRET, &eight[2..], at),
                Code::Totp { step: secs / 30 }
            );
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_early_or_late_and_no_further() {
        let at = Utc.timestamp_opt(1_234_567_890, 0).unwrap();
        let code = code_at(RFC_SECRET, at).unwrap();
        let step = 1_234_567_890 / 30;
        for (offset, expected) in [
            (-60, Code::WrongTotp),
            (-30, Code::Totp { step }),
            (30, Code::Totp { step }),
            (60, Code::WrongTotp),
        ] {
            let when = at + chrono::Duration::seconds(offset);
            assert_eq!(read_code(RFC_SECRET, &code, when), expected, "{offset}");
        }
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(read_code(RFC_SECRET, &spaced, at), Code::Totp { step });
    }

    #[test]
    fn recovery_codes_are_distinct_and_read_however_they_are_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert_eq!(code.len(), 19, "{code}");
        let stored = recovery_code_hash(code);
        let typed = code.to_uppercase().replace('-', " ");
        assert_eq!(
            read_code(RFC_SECRET, &typed, Utc::now()),
            Code::Recovery { hash: stored }
        );
    }

    #[test]
    fn a_new_secret_makes_an_enrolment_link() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        let link = enrolment_link(&secret, "ada@example.org").unwrap();
        assert!(
            link.starts_with("otpauth://totp/jointcall:ada%40example.org?"),
            "{link}"
        );
        assert!(link.contains(&format!("secret={secret}")), "{link}");
        assert_eq!(secret_for_typing("ABCDEFGH"), "ABCD EFGH");
    }
}
