//! Access tokens (short-lived JWTs) and refresh tokens (random, stored hashed).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub roles: Vec<String>,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
}

pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    pub access_ttl_secs: i64,
}

impl TokenKeys {
    pub fn new(secret: &str, access_ttl_secs: i64) -> anyhow::Result<Self> {
        Ok(Self {
            encoding: EncodingKey::from_secret(secret.as_bytes())?,
            decoding: DecodingKey::from_secret(secret.as_bytes())?,
            access_ttl_secs,
        })
    }

    pub fn issue(
        &self,
        user_id: &str,
        roles: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let claims = Claims {
            sub: user_id.to_owned(),
            roles,
            iat: now.timestamp(),
            exp: now.timestamp() + self.access_ttl_secs,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("signing a token: {e}")))
    }

    /// Checks the signature and expiry against `now` (the server clock, which tests may move).
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, ApiError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &validation)
            .map_err(|_| ApiError::Unauthenticated("The access token is invalid."))?;
        if data.claims.exp <= now.timestamp() {
            return Err(ApiError::Unauthenticated("The access token has expired."));
        }
        Ok(data.claims)
    }
}

/// A new random opaque token (refresh, email verification, password reset).
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Tokens are stored only as their SHA-256, so a database leak does not leak sessions.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn keys() -> TokenKeys {
        TokenKeys::new("test-secret-that-is-long-enough-0123456789", 900).unwrap()
    }

    #[test]
    fn an_issued_token_verifies_until_it_expires() {
        let now = Utc::now();
        let token = keys().issue("u1", vec!["admin".into()], now).unwrap();
        let claims = keys().verify(&token, now).unwrap();
        assert_eq!(claims.sub, "u1");
        assert_eq!(claims.roles, ["admin"]);
        assert_eq!(claims.exp - claims.iat, 900);
        assert!(keys().verify(&token, now + Duration::seconds(899)).is_ok());
        assert!(keys().verify(&token, now + Duration::seconds(900)).is_err());
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let other = TokenKeys::new("another-secret-that-is-long-enough-987654", 900).unwrap();
        let token = other.issue("u1", vec![], Utc::now()).unwrap();
        assert!(keys().verify(&token, Utc::now()).is_err());
        assert!(keys().verify("not.a.jwt", Utc::now()).is_err());
    }

    #[test]
    fn random_tokens_differ_and_hash_stably() {
        let a = random_token();
        assert_ne!(a, random_token());
        assert_eq!(a.len(), 43);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_eq!(token_hash(&a).len(), 64);
    }
}
