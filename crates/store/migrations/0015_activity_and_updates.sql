-- The activity ledger (issue 10, read by recognition in issue 12) and the regular updates of groups.

-- Append-only: what people did, keyed by person and date. (source, source_id) identifies an entry,
-- so a repeated append (a retried job, a second git import) is ignored. person_id is nullable to
-- leave room for identities not yet matched to a person (git authors, issue 12); every entry written
-- today names a person.
CREATE TABLE activity (
    id {{PK}},
    person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    source_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    -- The group it happened in; its visibility decides who else may see the entry.
    body_id BIGINT REFERENCES bodies(id) ON DELETE SET NULL,
    detail TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE UNIQUE INDEX activity_source ON activity (source, source_id);
CREATE INDEX activity_person ON activity (person_id, occurred_at);
CREATE INDEX activity_body ON activity (body_id, occurred_at);

-- How often a group reports and whether members post; a group without a row reports every 14 days
-- and only its facilitators post. started_on (a date) is when the group set its reporting up: its
-- first update is due a cadence later (a group with neither a row nor an update is not yet due).
CREATE TABLE group_update_settings (
    body_id BIGINT PRIMARY KEY REFERENCES bodies(id) ON DELETE CASCADE,
    cadence_days BIGINT NOT NULL,
    members_post BIGINT NOT NULL,
    started_on TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE group_updates (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    -- The quarter reported on (2026-Q4).
    period TEXT NOT NULL,
    progress TEXT NOT NULL,
    blockers TEXT NOT NULL,
    next_steps TEXT NOT NULL,
    -- A JSON array of http(s) URLs.
    links TEXT NOT NULL,
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    posted_at TEXT NOT NULL
);

CREATE INDEX group_updates_body ON group_updates (body_id, posted_at);
CREATE INDEX group_updates_posted ON group_updates (posted_at);

-- Reminders sent to a group's facilitators: one per group and due date.
CREATE TABLE group_update_reminders (
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    due_on TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (body_id, due_on)
);
