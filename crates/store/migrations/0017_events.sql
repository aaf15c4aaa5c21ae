-- Events of groups and people (issue 10): webinars, workshops, meetups, conference sessions. A start
-- in local time of a named zone (like meetings) plus the UTC instants it spans, kept so lists order
-- and split upcoming from past in SQL. The rules are `agora_domain::events`.

CREATE TABLE events (
    id {{PK}},
    -- The group it is for, if any; a members-only event of a deleted group is left to its organizers.
    body_id BIGINT REFERENCES bodies(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    start_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    place TEXT NOT NULL,
    link TEXT,
    capacity BIGINT,
    registration_open BIGINT NOT NULL,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX events_ends ON events (ends_at);
CREATE INDEX events_body ON events (body_id, starts_at);

CREATE TABLE event_organizers (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, person_id)
);

CREATE INDEX event_organizers_person ON event_organizers (person_id);

-- Registrations of signed-in people; attendance is marked by organizers once the event has begun.
CREATE TABLE event_registrations (
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    registered_at TEXT NOT NULL,
    attended_at TEXT,
    PRIMARY KEY (event_id, person_id)
);

CREATE INDEX event_registrations_person ON event_registrations (person_id);
