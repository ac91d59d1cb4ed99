ALTER TABLE proposals DROP COLUMN coordinator_id;
