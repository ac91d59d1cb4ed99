DROP TABLE submission_reminders;
