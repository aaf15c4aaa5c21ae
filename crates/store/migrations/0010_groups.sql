-- Groups (issue 10): what a governance body of kind 'group' is beyond deciding. Membership stays a
-- role grant ('facilitator', 'group_member') scoped to the body; visibility stays bodies.visibility.

-- One row per group whose profile was set; a group without one is an open working group.
CREATE TABLE group_profiles (
    body_id BIGINT PRIMARY KEY REFERENCES bodies(id) ON DELETE CASCADE,
    group_kind TEXT NOT NULL,
    parent_id BIGINT REFERENCES bodies(id),
    purpose TEXT NOT NULL,
    charter TEXT NOT NULL,
    -- Expected time commitment in hours per month; both NULL when the group states none.
    hours_min BIGINT,
    hours_max BIGINT,
    chat_channel TEXT NOT NULL,
    chat_url TEXT,
    mailing_list TEXT NOT NULL,
    membership TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX group_profiles_parent ON group_profiles (parent_id);

-- Groups that work together, stored once with the smaller id first and shown on both sides.
CREATE TABLE group_collaborations (
    first_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    second_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (first_id, second_id)
);

-- Requests to join a by-request group, with the facilitator's answer.
CREATE TABLE group_join_requests (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    message TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    created_at TEXT NOT NULL,
    answered_at TEXT,
    answered_by BIGINT REFERENCES people(id) ON DELETE SET NULL
);

CREATE INDEX group_join_requests_body ON group_join_requests (body_id, status);

-- Facilitator terms: who holds which seat from starts_on to ends_on (dates, inclusive). The rotation
-- job grants the facilitator role when a term begins (begun_at) and takes it back when it ends
-- (ended_at); reminded_at records the reminder sent before the end.
CREATE TABLE group_facilitator_terms (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    seat TEXT NOT NULL,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    begun_at TEXT,
    ended_at TEXT,
    reminded_at TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX group_facilitator_terms_body ON group_facilitator_terms (body_id, starts_on);
