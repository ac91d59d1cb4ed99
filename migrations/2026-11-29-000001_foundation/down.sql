DROP TABLE outbox;
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE affiliations;
DROP TABLE organisations;
DROP TABLE one_time_tokens;
DROP TABLE refresh_tokens;
DROP TABLE users;
