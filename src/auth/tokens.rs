//! Access tokens (short-lived JWTs) and refresh tokens (random, stored hashed).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::secret::key_id;
use crate::domain::ids::UserId;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    /// The session the token belongs to (`db::sessions`): ending the session
    /// ends the token.
    pub sid: String,
    pub roles: Vec<String>,
    pub exp: i64,
    pub iat: i64,
    pub jti: String,
}

/// The keys that sign access tokens (the current one) and verify them (the
/// current one, and the one before a rotation until its configured end).
/// Each token names its key in the header's `kid`.
pub struct TokenKeys {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
    previous: Option<PreviousKey>,
    pub access_ttl_secs: i64,
}

struct PreviousKey {
    kid: String,
    decoding: DecodingKey,
    until: DateTime<Utc>,
}

impl TokenKeys {
    pub fn new(secret: &str, access_ttl_secs: i64) -> anyhow::Result<Self> {
        Ok(Self {
            kid: key_id("jwt", secret),
            encoding: EncodingKey::from_secret(secret.as_bytes())?,
            decoding: DecodingKey::from_secret(secret.as_bytes())?,
            previous: None,
            access_ttl_secs,
        })
    }

    /// Also verifies tokens signed with `secret` before `until`.
    pub fn with_previous(mut self, secret: &str, until: DateTime<Utc>) -> anyhow::Result<Self> {
        self.previous = Some(PreviousKey {
            kid: key_id("jwt", secret),
            decoding: DecodingKey::from_secret(secret.as_bytes())?,
            until,
        });
        Ok(self)
    }

    /// The key a token names, if it still verifies at `now`.
    fn decoding_key(&self, token: &str, now: DateTime<Utc>) -> Option<&DecodingKey> {
        let kid = jsonwebtoken::decode_header(token).ok()?.kid?;
        if kid == self.kid {
            return Some(&self.decoding);
        }
        self.previous
            .as_ref()
            .filter(|previous| previous.kid == kid && now < previous.until)
            .map(|previous| &previous.decoding)
    }

    pub fn issue(
        &self,
        user_id: &UserId,
        session_id: &str,
        roles: Vec<String>,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id.to_owned(),
            roles,
            iat: now.timestamp(),
            exp: now.timestamp() + self.access_ttl_secs,
            jti: uuid::Uuid::new_v4().to_string(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("signing a token: {e}")))
    }

    /// Checks the signature and expiry against `now` (the server clock, which tests may move).
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<Claims, ApiError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp", "sub", "iat"]);
        // `sid` is required by `Claims` itself: a token without one does not decode.
        let invalid = || ApiError::Unauthenticated("The access token is invalid.");
        let key = self.decoding_key(token, now).ok_or_else(invalid)?;
        let data =
            jsonwebtoken::decode::<Claims>(token, key, &validation).map_err(|_| invalid())?;
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
        let token = keys()
            .issue(&"u1".into(), "s1", vec!["admin".into()], now)
            .unwrap();
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
        let token = other.issue(&"u1".into(), "s1", vec![], Utc::now()).unwrap();
        assert!(keys().verify(&token, Utc::now()).is_err());
        assert!(keys().verify("not.a.jwt", Utc::now()).is_err());
    }

    #[test]
    fn after_a_rotation_the_previous_key_verifies_until_its_end_only() {
        let now = Utc::now();
        let old = keys();
        let old_token = old.issue(&"u1".into(), "s1", vec![], now).unwrap();
        let new_secret = "the-next-secret-that-is-long-enough-24680";
        let rotated = TokenKeys::new(new_secret, 900)
            .unwrap()
            .with_previous(
                "test-secret-that-is-long-enough-0123456789",
                now + Duration::minutes(15),
            )
            .unwrap();
        assert_eq!(rotated.verify(&old_token, now).unwrap().sub, "u1");
        assert!(
            rotated
                .verify(&old_token, now + Duration::minutes(15))
                .is_err()
        );
        let new_token = rotated.issue(&"u2".into(), "s2", vec![], now).unwrap();
        assert_eq!(rotated.verify(&new_token, now).unwrap().sub, "u2");
        // Not rotated: the old key alone does not know the new one.
        assert!(old.verify(&new_token, now).is_err());
        // A token without a key id, or naming no key of ours, is refused.
        let bare = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &Claims {
                sub: "u1".into(),
                sid: "s1".into(),
                roles: vec![],
                exp: now.timestamp() + 60,
                iat: now.timestamp(),
                jti: "j".into(),
            },
            &EncodingKey::from_secret(b"test-secret-that-is-long-enough-0123456789").unwrap(),
        )
        .unwrap();
        assert!(old.verify(&bare, now).is_err());
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
