//! Secrets that sign or seal: access tokens (`JOINTCALL_JWT_SECRET`), the audit
//! chain (`JOINTCALL_AUDIT_KEY`) and the metrics token. In production each must
//! be long, varied and not one anyone can read in this repository; each is
//! named by a key id so it can be rotated while the previous one still verifies.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// The development JWT secret. Refused when `JOINTCALL_ENV=production`.
pub const DEV_JWT_SECRET: &str = "jointcall-development-secret-do-not-use-in-production";

/// The development audit key. Refused when `JOINTCALL_ENV=production`.
pub const DEV_AUDIT_KEY: &str = "jointcall-development-audit-key-do-not-use-in-production";

/// The fewest bytes of a production secret.
pub const MIN_SECRET_BYTES: usize = 32;

/// Every secret this repository shows anywhere (defaults, examples, tests,
/// benchmarks): public, so never a production secret. Compared trimmed and
/// without regard to case, and refused inside a longer secret too.
const PUBLISHED: &[&str] = &[
    DEV_JWT_SECRET,
    "change-me-to-a-long-random-secret-of-your-own",
    "a-long-random-secret-of-at-least-32-characters",
    "test-secret-that-is-long-enough-0123456789",
    "another-secret-that-is-long-enough-987654",
    "bench-secret-0123456789abcdef0123456789abcdef",
    "jointcall-test-secret-0123456789abcdefghijklmnop",
    "jointcall-development-audit-key-do-not-use-in-production",
    "a-long-enough-production-secret-0123456789",
];

/// The fewest bits a production secret holds, estimated from how often each
/// of its bytes occurs (Shannon): 32 random bytes hold 256, base64 of them
/// ~340, 64 random hex digits 256, `aaaa…` none.
const MIN_SECRET_BITS: f64 = 160.0;

/// Why `secret` cannot protect a production portal, if it cannot.
pub fn weakness(secret: &str) -> Option<String> {
    let trimmed = secret.trim();
    if trimmed.len() < MIN_SECRET_BYTES {
        return Some(format!(
            "must be at least {MIN_SECRET_BYTES} bytes long (make one with `jointcall gen-secret`)"
        ));
    }
    let lowered = trimmed.to_lowercase();
    if PUBLISHED
        .iter()
        .any(|known| lowered.contains(&known.to_lowercase()))
    {
        return Some(
            "is a value published in the jointcall repository; make one of your own with \
             `jointcall gen-secret`"
                .to_owned(),
        );
    }
    if estimated_bits(trimmed.as_bytes()) < MIN_SECRET_BITS {
        return Some(
            "has too little variety to be guessed only by brute force; make one with \
             `jointcall gen-secret`"
                .to_owned(),
        );
    }
    None
}

/// Length times the Shannon entropy of the byte distribution, in bits.
fn estimated_bits(bytes: &[u8]) -> f64 {
    let mut counts = [0usize; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    let n = bytes.len() as f64;
    let per_byte: f64 = counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f64 / n;
            -p * p.log2()
        })
        .sum();
    per_byte * n
}

/// A fresh secret: 48 random bytes, URL-safe base64 (64 characters).
pub fn generate() -> String {
    let bytes: [u8; 48] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The public name of a secret: the first 16 hex digits of its SHA-256 under
/// a label, so the id says which key signed without helping to guess it.
pub fn key_id(label: &str, secret: &str) -> String {
    let digest = Sha256::digest(format!("jointcall {label} key id\n{secret}").as_bytes());
    hex::encode(&digest[..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_short_and_uniform_secrets_are_refused() {
        for secret in [
            DEV_JWT_SECRET,
            &format!("{DEV_JWT_SECRET} "),
            &format!(" {}", DEV_JWT_SECRET.to_uppercase()),
            "change-me-to-a-long-random-secret-of-your-own",
            &format!("x{DEV_JWT_SECRET}x"),
            &"a".repeat(32),
            &"ab".repeat(40),
            "0123456789abcdef0123456789abcdef",
            "short",
        ] {
            assert!(weakness(secret).is_some(), "{secret:?} was accepted");
        }
    }

    #[test]
    fn generated_secrets_and_long_phrases_are_accepted() {
        for _ in 0..100 {
            let secret = generate();
            assert_eq!(secret.len(), 64);
            assert_eq!(weakness(&secret), None, "{secret}");
        }
        assert_eq!(
            weakness("Tq9#vL2$wX8!mB4&zR6*yN1@kP5^hJ3%gF7"),
            None,
            "a long varied secret"
        );
    }

    #[test]
    fn key_ids_name_a_secret_without_showing_it() {
        let secret = generate();
        let id = key_id("jwt", &secret);
        assert_eq!(id.len(), 16);
        assert_eq!(id, key_id("jwt", &secret));
        assert_ne!(id, key_id("audit", &secret));
        assert!(!secret.contains(&id));
    }
}
