-- One person coordinates a proposal (submits, withdraws, reopens, invites and
-- removes partners): its creator, until they hand it to another contact of
-- the coordinating partner.
ALTER TABLE proposals ADD COLUMN coordinator_id TEXT NOT NULL DEFAULT '';
UPDATE proposals SET coordinator_id = created_by;
