-- Time commitments (issue 10): hours members give their groups, per month and activity.

-- One row per person, group, month (YYYY-MM) and activity, corrected in place. Hours are whole
-- quarter hours (2.5 hours is 10), so sums are exact integers on both databases.
CREATE TABLE group_hours (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    activity TEXT NOT NULL,
    quarters BIGINT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE UNIQUE INDEX group_hours_entry ON group_hours (body_id, person_id, month, activity);
CREATE INDEX group_hours_month ON group_hours (body_id, month);
CREATE INDEX group_hours_person ON group_hours (person_id, month);

-- A member's choice to show their monthly totals to the group's other members (no row: not shared).
CREATE TABLE group_hours_sharing (
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    shared BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (body_id, person_id)
);

-- The monthly reminder to log hours: one e-mail per person and month, whatever their groups.
CREATE TABLE group_hours_reminders (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    month TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (person_id, month)
);
