-- The experts of a call (invited by email, joined when they accept) and
-- their assignments to proposals.
CREATE TABLE call_experts (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES calls (id),
    email TEXT NOT NULL,
    user_id TEXT REFERENCES users (id),
    keywords TEXT NOT NULL,
    load_cap INTEGER NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL REFERENCES users (id),
    invited_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    UNIQUE (call_id, email)
);

CREATE TABLE assignments (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    expert_id TEXT NOT NULL REFERENCES call_experts (id),
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    assigned_by TEXT NOT NULL REFERENCES users (id),
    assigned_at TIMESTAMP NOT NULL,
    UNIQUE (proposal_id, expert_id, stage)
);
CREATE INDEX assignments_expert ON assignments (expert_id);
