-- The Distinguished Contributor program (issue 12; rules in agora_domain::recognition). Dates are
-- `YYYY-MM-DD`; structured parts (rubrics, justifications, scores, an award's terms) are JSON of the
-- domain's types, read back through them.

-- One row: the program's settings. panel_groups: JSON array of the groups whose members review.
CREATE TABLE recognition_settings (
    id BIGINT PRIMARY KEY,
    quorum BIGINT NOT NULL,
    grace_days BIGINT NOT NULL,
    panel_groups TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE recognition_categories (
    id {{PK}},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    who_qualifies TEXT NOT NULL,
    incentives TEXT NOT NULL,
    subject TEXT NOT NULL,
    criteria TEXT NOT NULL,
    position BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE recognition_cycles (
    id {{PK}},
    year BIGINT NOT NULL UNIQUE,
    nominations_open TEXT NOT NULL,
    nominations_close TEXT NOT NULL,
    review_open TEXT NOT NULL,
    review_close TEXT NOT NULL,
    announce_on TEXT NOT NULL,
    appeal_days BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One nomination per cycle, category and nominee (nominee_key 'person:ID' or 'partner:ID'): a second
-- nominator is merged into it as a supporter. The award row follows it from 'nominated' on.
CREATE TABLE recognition_nominations (
    id {{PK}},
    cycle_id BIGINT NOT NULL REFERENCES recognition_cycles(id),
    category_id BIGINT NOT NULL REFERENCES recognition_categories(id),
    nominee_key TEXT NOT NULL,
    nominee_person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    nominee_partner_id BIGINT REFERENCES partners(id) ON DELETE CASCADE,
    nominator_id BIGINT NOT NULL REFERENCES people(id),
    self_nomination BIGINT NOT NULL,
    supporters TEXT NOT NULL,
    justifications TEXT NOT NULL,
    links TEXT NOT NULL,
    response TEXT NOT NULL,
    responded_at TEXT,
    outcome TEXT,
    rationale TEXT,
    decided_at TEXT,
    decided_by BIGINT REFERENCES people(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (cycle_id, category_id, nominee_key)
);
CREATE INDEX recognition_nominations_cycle ON recognition_nominations (cycle_id, category_id);

-- A panelist's conflict on a nomination: declared by them, or found (same organization). Recused
-- panelists neither score it nor see its scores.
CREATE TABLE recognition_recusals (
    id {{PK}},
    nomination_id BIGINT NOT NULL REFERENCES recognition_nominations(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (nomination_id, person_id)
);

CREATE TABLE recognition_scores (
    id {{PK}},
    nomination_id BIGINT NOT NULL REFERENCES recognition_nominations(id) ON DELETE CASCADE,
    panelist_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    scores TEXT NOT NULL,
    comment TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (nomination_id, panelist_id)
);

-- The panel's discussion of a nomination (panel and admins only).
CREATE TABLE recognition_comments (
    id {{PK}},
    nomination_id BIGINT NOT NULL REFERENCES recognition_nominations(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE recognition_appeals (
    id {{PK}},
    nomination_id BIGINT NOT NULL UNIQUE REFERENCES recognition_nominations(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES people(id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    verdict TEXT,
    rationale TEXT,
    decided_at TEXT,
    decided_by BIGINT REFERENCES people(id)
);

-- An award: the nomination's (kind 'term'), or lifetime status (kind 'lifetime', no nomination).
-- record: the domain's Award (state, terms, reason). state repeats record's state for queries.
-- status_index: the award's place in the revocation and suspension lists, random, never reused.
CREATE TABLE recognition_awards (
    id {{PK}},
    nomination_id BIGINT UNIQUE REFERENCES recognition_nominations(id) ON DELETE CASCADE,
    category_id BIGINT NOT NULL REFERENCES recognition_categories(id),
    person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    partner_id BIGINT REFERENCES partners(id) ON DELETE CASCADE,
    cycle_year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    record TEXT NOT NULL,
    suspended BIGINT NOT NULL,
    status_index BIGINT UNIQUE,
    warnings_sent TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX recognition_awards_person ON recognition_awards (person_id);
CREATE INDEX recognition_awards_state ON recognition_awards (state);

-- Every change of an award's state, with its reason and who made it.
CREATE TABLE recognition_award_history (
    id {{PK}},
    award_id BIGINT NOT NULL REFERENCES recognition_awards(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    reason TEXT,
    at TEXT NOT NULL,
    by_label TEXT NOT NULL
);

-- Issued credentials (signed JSON, kept as issued). uuid is the credential's id (urn:uuid:…).
CREATE TABLE recognition_credentials (
    id {{PK}},
    award_id BIGINT NOT NULL REFERENCES recognition_awards(id) ON DELETE CASCADE,
    uuid TEXT NOT NULL UNIQUE,
    document TEXT NOT NULL,
    issued_at TEXT NOT NULL
);
CREATE INDEX recognition_credentials_award ON recognition_credentials (award_id);

-- The issuer's Ed25519 keys. A retired key signs nothing new but stays in the DID document so what
-- it signed keeps verifying; a removed key (compromised) leaves it, invalidating what it signed.
CREATE TABLE credential_keys (
    id {{PK}},
    fragment TEXT NOT NULL UNIQUE,
    public_key TEXT NOT NULL,
    secret_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    retired_at TEXT,
    removed_at TEXT
);

CREATE TABLE recognition_mentorships (
    id {{PK}},
    mentor_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    mentee_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE recognition_attestations (
    id {{PK}},
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    attested_by BIGINT NOT NULL REFERENCES people(id),
    body_id BIGINT REFERENCES bodies(id) ON DELETE SET NULL,
    year BIGINT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- What a member shows in the public hall of fame (no row: hidden).
CREATE TABLE recognition_profiles (
    person_id BIGINT PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    hall_of_fame TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE recognition_budget (
    id {{PK}},
    cycle_year BIGINT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    cost_cents BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
