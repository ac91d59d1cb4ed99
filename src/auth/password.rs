//! Argon2id password hashing with OWASP's parameters, always off the async
//! executor (a hash takes tens of milliseconds of CPU).

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::sync::LazyLock;

use crate::error::ApiError;

/// OWASP: argon2id, 19 MiB, 2 iterations, 1 lane.
fn hasher() -> Result<Argon2<'static>, ApiError> {
    let params = Params::new(19 * 1024, 2, 1, None)
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// A real hash of a random password, verified against when the email is
/// unknown so that an unknown account takes as long as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let secret: [u8; 16] = rand::random();
    hash_blocking(&hex::encode(secret)).unwrap_or_default()
});

fn hash_blocking(password: &str) -> Result<String, ApiError> {
    hasher()?
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("hashing failed: {e}")))
}

fn verify_blocking(password: &str, hash: Option<&str>) -> bool {
    let Ok(argon) = hasher() else { return false };
    match hash {
        Some(hash) => argon.verify_password(password.as_bytes(), hash).is_ok(),
        None => {
            let _ = argon.verify_password(password.as_bytes(), DUMMY_HASH.as_str());
            false
        }
    }
}

/// How many hashes run at once: half the cores, at least one. Each takes a
/// core and 19 MiB for tens of milliseconds; unbounded, a burst of sign-ins
/// takes every core (the blocking pool has hundreds of threads), starves the
/// other requests and holds 19 MiB per sign-in (`make bench`, login storm).
/// Further hashes wait their turn, first come first served.
static HASHING: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    tokio::sync::Semaphore::new((cores / 2).max(1))
});

/// Runs one hash or verification on the blocking pool when its turn comes.
async fn argon2_turn<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let _turn = HASHING
        .acquire()
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("password hashing queue: {e}")))?;
    Ok(actix_web::web::block(work).await?)
}

pub async fn hash_password(password: String) -> Result<String, ApiError> {
    argon2_turn(move || hash_blocking(&password)).await?
}

/// Verifies against the stored hash, or against the dummy hash when there is
/// no account, so both cases cost the same time.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, ApiError> {
    argon2_turn(move || verify_blocking(&password, hash.as_deref())).await
}

/// Computes the dummy hash at start-up rather than on the first unknown login.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_blocking("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_blocking("correct horse battery", Some(&hash)));
        assert!(!verify_blocking("correct horse battery!", Some(&hash)));
        assert!(!verify_blocking("anything", None));
        assert!(!verify_blocking("anything", Some("not a hash")));
    }
}
