-- Reminders of the year's marketing obligations (issue 11): which partner was reminded at which point
-- before the year's end, so each point mails a partner once whatever the number of job runs.
CREATE TABLE obligation_reminders (
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    days_before BIGINT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (partner_id, year, days_before)
);
