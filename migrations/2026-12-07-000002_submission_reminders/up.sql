-- The reminders sent to a draft's consortium before a stage's submission
-- deadline: one row per proposal, stage and reminder day, written with the
-- mails in one transaction, so no reminder goes out twice.
CREATE TABLE submission_reminders (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    stage TEXT NOT NULL,
    days INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, stage, days)
);
