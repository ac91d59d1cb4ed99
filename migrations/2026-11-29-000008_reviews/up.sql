-- Evaluation after assignment: the expert's declaration, individual reviews
-- (every saved draft kept), consensus reports, right-to-reply windows and
-- the reminders already sent.

-- assignments.status: assigned (awaiting the declaration), cleared (no
-- conflict declared; the content is open), declined (a conflict declared),
-- removed (unassigned by the operator).
ALTER TABLE assignments ADD COLUMN declared_at TIMESTAMP;
ALTER TABLE assignments ADD COLUMN conflict_note TEXT;

CREATE TABLE reviews (
    id TEXT PRIMARY KEY,
    assignment_id TEXT NOT NULL UNIQUE REFERENCES assignments (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    stage TEXT NOT NULL,
    content TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP
);
CREATE INDEX reviews_proposal ON reviews (proposal_id, stage);

CREATE TABLE review_versions (
    review_id TEXT NOT NULL REFERENCES reviews (id),
    version BIGINT NOT NULL,
    content TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (review_id, version)
);

CREATE TABLE consensus_reports (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    stage TEXT NOT NULL,
    rapporteur_id TEXT NOT NULL REFERENCES call_experts (id),
    content TEXT NOT NULL,
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    shared_comments TEXT,
    reply TEXT,
    reply_version BIGINT NOT NULL,
    replied_at TIMESTAMP,
    approved_at TIMESTAMP,
    approved_by TEXT REFERENCES users (id),
    UNIQUE (proposal_id, stage)
);

CREATE TABLE reply_windows (
    call_id TEXT NOT NULL REFERENCES calls (id),
    stage TEXT NOT NULL,
    opens_at TIMESTAMP NOT NULL,
    closes_at TIMESTAMP NOT NULL,
    opened_by TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (call_id, stage)
);

CREATE TABLE reminders (
    assignment_id TEXT NOT NULL REFERENCES assignments (id),
    kind TEXT NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (assignment_id, kind)
);
