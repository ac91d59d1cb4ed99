-- Submissions: the frozen snapshot of a proposal and its receipt. A
-- resubmission supersedes the previous one; none is ever deleted.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    receipt_number TEXT NOT NULL UNIQUE,
    stage TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    snapshot_sha256 TEXT NOT NULL,
    documents TEXT NOT NULL,
    submitted_by TEXT NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMP NOT NULL,
    superseded_at TIMESTAMP
);
CREATE INDEX submissions_proposal ON submissions (proposal_id);
