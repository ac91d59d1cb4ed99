DROP TABLE reminders;
DROP TABLE reply_windows;
DROP TABLE consensus_reports;
DROP TABLE review_versions;
DROP TABLE reviews;
ALTER TABLE assignments DROP COLUMN conflict_note;
ALTER TABLE assignments DROP COLUMN declared_at;
