-- Recurring meetings of groups (issue 10): a series is an RFC 5545 rule with a start in local time of
-- a named zone; occurrences are named by their original local start (`YYYY-MM-DDTHH:MM:SS`, what
-- iCalendar's RECURRENCE-ID names), so exceptions, agendas, notes and attendance stay with one
-- occurrence when it moves. The rules are `agora_domain::groups::meetings`.

CREATE TABLE meeting_series (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    rule TEXT NOT NULL,
    start_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    place TEXT NOT NULL,
    agenda_template TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX meeting_series_body ON meeting_series (body_id);

-- A cancelled occurrence has no `moved_to`.
CREATE TABLE meeting_exceptions (
    series_id BIGINT NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    moved_to TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (series_id, occurrence)
);

CREATE TABLE meeting_notes (
    series_id BIGINT NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    agenda TEXT NOT NULL,
    notes TEXT NOT NULL,
    updated_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (series_id, occurrence)
);

CREATE TABLE meeting_attendance (
    series_id BIGINT NOT NULL REFERENCES meeting_series(id) ON DELETE CASCADE,
    occurrence TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (series_id, occurrence, person_id)
);

CREATE INDEX meeting_attendance_person ON meeting_attendance (person_id);

-- A person's private calendar link: only the SHA-256 of its secret is kept, like API tokens.
CREATE TABLE calendar_feeds (
    person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
