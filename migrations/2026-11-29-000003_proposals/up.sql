-- Proposals, their consortium (partners and their contacts), invitations and budgets.
CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    call_id TEXT NOT NULL REFERENCES calls (id),
    stage TEXT NOT NULL,
    status TEXT NOT NULL,
    acronym TEXT NOT NULL,
    title TEXT NOT NULL,
    abstract_text TEXT NOT NULL,
    keywords TEXT NOT NULL,
    duration_months INTEGER,
    start_date DATE,
    research_category TEXT NOT NULL,
    clinical TEXT NOT NULL,
    invited_to_full BOOLEAN NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMP,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX proposals_call ON proposals (call_id);

CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (proposal_id, organisation_id)
);

CREATE TABLE partner_contacts (
    partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (partner_id, user_id)
);
CREATE INDEX partner_contacts_user ON partner_contacts (user_id, proposal_id);

CREATE TABLE invitations (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    accepted_by TEXT REFERENCES users (id)
);
CREATE INDEX invitations_proposal ON invitations (proposal_id);

CREATE TABLE budget_lines (
    id TEXT PRIMARY KEY,
    partner_id TEXT NOT NULL REFERENCES partners (id) ON DELETE CASCADE,
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    amount_cents BIGINT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX budget_lines_partner ON budget_lines (partner_id);
