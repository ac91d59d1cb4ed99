-- Calls for proposals. Their rules live in `settings` (JSON, see domain::call::CallSettings).
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL,
    settings TEXT NOT NULL,
    created_by TEXT REFERENCES users (id),
    opened_at TIMESTAMP,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX calls_status ON calls (status);
