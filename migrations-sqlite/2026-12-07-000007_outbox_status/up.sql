-- The outbox's status joins the guarded enum columns (see
-- 2026-12-07-000006_known_values): a mail is pending or sent, nothing else.
CREATE TRIGGER outbox_status_known_insert BEFORE INSERT ON outbox
WHEN NEW.status NOT IN ('pending', 'sent')
BEGIN SELECT RAISE(ABORT, 'outbox.status: unknown value'); END;
CREATE TRIGGER outbox_status_known_update BEFORE UPDATE OF status ON outbox
WHEN NEW.status NOT IN ('pending', 'sent')
BEGIN SELECT RAISE(ABORT, 'outbox.status: unknown value'); END;
