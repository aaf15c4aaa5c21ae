-- Initiatives of groups (issue 10): goal, deliverables, funnel stages, an open call with its closing
-- day, participants (each for the organization they belonged to when joining, if any), a
-- cross-validator, co-branding sponsors and links to outputs. The rules are
-- `agora_domain::groups::initiatives`.

CREATE TABLE initiatives (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    goal TEXT NOT NULL,
    deliverables TEXT NOT NULL,
    -- Funnel stages' slugs separated by commas, in the funnel's order.
    stages TEXT NOT NULL,
    call_closes_on TEXT,
    status TEXT NOT NULL,
    validator_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    validator_partner_id BIGINT REFERENCES partners(id) ON DELETE SET NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX initiatives_body ON initiatives (body_id);

CREATE TABLE initiative_participants (
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    partner_id BIGINT REFERENCES partners(id) ON DELETE SET NULL,
    joined_at TEXT NOT NULL,
    -- 1 when joining was a new member's first contribution to the group (decided when joining).
    first_contribution BIGINT NOT NULL,
    PRIMARY KEY (initiative_id, person_id)
);

CREATE INDEX initiative_participants_person ON initiative_participants (person_id);

CREATE TABLE initiative_sponsors (
    id {{PK}},
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- When and by whom the Open edX branding guidelines were acknowledged for this sponsor.
    acknowledged_at TEXT NOT NULL,
    acknowledged_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    UNIQUE (initiative_id, name)
);

CREATE TABLE initiative_outputs (
    id {{PK}},
    initiative_id BIGINT NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    added_at TEXT NOT NULL
);

CREATE INDEX initiative_outputs_initiative ON initiative_outputs (initiative_id);
