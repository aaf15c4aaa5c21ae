-- Partner benefits (issue 11): programs the foundation opens (beta programs, roadmap discussions,
-- collaborative campaigns) with the partners that signed up, and the training library with the
-- record of who opened what. Dates are `YYYY-MM-DD`.

CREATE TABLE benefit_programs (
    id {{PK}},
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    link TEXT,
    starts_on TEXT,
    ends_on TEXT,
    seats BIGINT,
    is_open BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One sign-up per partner and program; `person_id` is who signed the partner up (its contact).
CREATE TABLE benefit_participants (
    id {{PK}},
    program_id BIGINT NOT NULL REFERENCES benefit_programs(id) ON DELETE CASCADE,
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    assets TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    UNIQUE (program_id, partner_id)
);

CREATE INDEX benefit_participants_partner ON benefit_participants (partner_id);

-- A file is kept as base64 text (the columns both databases share), at most 5 MiB before encoding.
CREATE TABLE training_items (
    id {{PK}},
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    audience TEXT NOT NULL,
    link TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size BIGINT,
    file_data TEXT,
    archived_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE training_opens (
    id {{PK}},
    item_id BIGINT NOT NULL REFERENCES training_items(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    partner_id BIGINT REFERENCES partners(id) ON DELETE SET NULL,
    opened_at TEXT NOT NULL
);

CREATE INDEX training_opens_item ON training_opens (item_id, opened_at);
