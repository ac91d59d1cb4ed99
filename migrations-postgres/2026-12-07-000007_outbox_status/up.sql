-- The outbox's status joins the guarded enum columns (see
-- 2026-12-07-000006_known_values): a mail is pending or sent, nothing else.
ALTER TABLE outbox ADD CONSTRAINT outbox_status_known CHECK (status IN ('pending', 'sent'));
