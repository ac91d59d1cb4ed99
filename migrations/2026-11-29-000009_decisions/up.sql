-- Each funder's decision on each partner it funds, with every version kept.
CREATE TABLE funding_decisions (
    partner_id TEXT PRIMARY KEY REFERENCES partners (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    agency TEXT NOT NULL,
    decision TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    comment TEXT NOT NULL,
    version BIGINT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at TIMESTAMP NOT NULL
);
CREATE INDEX funding_decisions_proposal ON funding_decisions (proposal_id);

CREATE TABLE funding_decision_versions (
    partner_id TEXT NOT NULL REFERENCES partners (id),
    version BIGINT NOT NULL,
    decision TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    comment TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users (id),
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (partner_id, version)
);
