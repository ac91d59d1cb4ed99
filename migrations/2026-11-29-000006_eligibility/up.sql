-- The operator's eligibility decision per proposal and stage, with the
-- automatic result it confirmed or overrode.
CREATE TABLE eligibility_decisions (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    stage TEXT NOT NULL,
    eligible BOOLEAN NOT NULL,
    automatic BOOLEAN NOT NULL,
    reason TEXT,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, stage)
);
