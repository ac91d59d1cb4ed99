-- The release of a call's results: one row per call, each proposal's
-- result frozen at that moment, and the redress requests that may follow.
CREATE TABLE releases (
    call_id TEXT PRIMARY KEY REFERENCES calls (id),
    released_at TIMESTAMP NOT NULL,
    released_by TEXT NOT NULL REFERENCES users (id),
    letters INTEGER NOT NULL
);

CREATE TABLE results (
    proposal_id TEXT PRIMARY KEY REFERENCES proposals (id),
    call_id TEXT NOT NULL REFERENCES calls (id),
    outcome TEXT NOT NULL,
    content TEXT NOT NULL,
    released_at TIMESTAMP NOT NULL
);
CREATE INDEX results_call ON results (call_id);

CREATE TABLE redress_requests (
    proposal_id TEXT PRIMARY KEY REFERENCES proposals (id),
    text TEXT NOT NULL,
    filed_by TEXT NOT NULL REFERENCES users (id),
    filed_at TIMESTAMP NOT NULL,
    answer TEXT,
    answered_by TEXT REFERENCES users (id),
    answered_at TIMESTAMP
);
