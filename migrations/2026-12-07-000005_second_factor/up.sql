-- Two-step sign-in (TOTP, RFC 6238). One authenticator per account: its
-- secret, when its first code confirmed it (NULL while enrolment waits for
-- that code) and the newest time step accepted, so that no code is accepted
-- twice (RFC 6238 section 5.2).
CREATE TABLE second_factors (
    user_id TEXT PRIMARY KEY NOT NULL REFERENCES users (id),
    secret TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP,
    last_step BIGINT NOT NULL
);

-- Single-use recovery codes, stored as their SHA-256 (each has 80 random bits).
CREATE TABLE recovery_codes (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    code_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX recovery_codes_by_user ON recovery_codes (user_id);

-- A sign-in whose password was right and whose code is awaited: the client
-- holds the random challenge (stored hashed); wrong codes are counted, and
-- a challenge is spent by its success, by too many failures or by time.
CREATE TABLE sign_in_challenges (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    failures INTEGER NOT NULL,
    used_at TIMESTAMP
);
CREATE INDEX sign_in_challenges_by_user ON sign_in_challenges (user_id);
