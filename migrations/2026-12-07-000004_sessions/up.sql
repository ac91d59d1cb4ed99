-- A session: one sign-in, the family of refresh tokens rotated from it, and
-- the access tokens issued with them (their `sid`). Revoking it signs out
-- every token of it at once; it also ends at `expires_at` (the absolute
-- lifetime) and when unused longer than the idle timeout.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    last_active_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Sessions already running keep going, as the refresh families they are.
INSERT INTO sessions (id, user_id, created_at, expires_at, last_active_at, revoked_at)
SELECT family_id, user_id, MIN(created_at), MAX(expires_at), MAX(created_at), NULL
FROM refresh_tokens
WHERE revoked_at IS NULL
GROUP BY family_id, user_id;
