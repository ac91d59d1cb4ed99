-- An operator's explicit, reasoned move of a main-list proposal that the
-- funding plan put on the reserve into funding: the plan then walks it
-- before the proposals ranked above it, and its funders may approve it.
CREATE TABLE funding_promotions (
    proposal_id TEXT PRIMARY KEY REFERENCES proposals (id),
    reason TEXT NOT NULL,
    promoted_by TEXT NOT NULL REFERENCES users (id),
    promoted_at TIMESTAMP NOT NULL
);
