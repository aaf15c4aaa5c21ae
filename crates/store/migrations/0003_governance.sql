-- Governance (issue 4): bodies and delegates, decisions with their versions, frozen electorates,
-- lazy-consensus positions, ballots (detached from voters when secret), consultation comments, the
-- scheduler's leases and email retries.

-- A body decides: a group (members are role grants scoped 'group' to the body's id), the partner
-- assembly, or all members.
CREATE TABLE bodies (
    id {{PK}},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL,
    min_close_hours BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

-- Who casts a partner organization's single vote in the assembly.
CREATE TABLE partner_delegates (
    partner_id BIGINT PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    delegate_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    alternate_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE decisions (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    -- Title and text of the current version; every version is kept in decision_versions.
    title TEXT NOT NULL,
    version BIGINT NOT NULL,
    proposer_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    affects_partners BIGINT NOT NULL,
    consultation_id BIGINT REFERENCES decisions(id),
    secret BIGINT NOT NULL,
    hide_results BIGINT NOT NULL,
    -- The counting rules (JSON), fixed when the decision opens.
    rules_json TEXT NOT NULL,
    -- The tie-break seed is kept private until the close; its SHA-256 is published at opening.
    seed TEXT NOT NULL,
    seed_sha256 TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    reminder_sent_at TEXT,
    escalated_at TEXT,
    escalated_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    closed_at TEXT,
    -- The count at the close (JSON), so the register shows what the voters saw.
    result_json TEXT,
    ruling TEXT,
    outcome TEXT,
    decided_at TEXT,
    decided_by TEXT,
    review_at TEXT,
    review_reminded_at TEXT,
    updated_at TEXT NOT NULL
);

CREATE INDEX decisions_body ON decisions (body_id, id);
CREATE INDEX decisions_due ON decisions (status, closes_at);

CREATE TABLE decision_versions (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (decision_id, version)
);

-- The electorate, frozen when the decision opens. voter_key is 'person:ID' or 'partner:ID'.
CREATE TABLE decision_electorate (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    voter_key TEXT NOT NULL,
    label TEXT NOT NULL,
    -- Participation only: when this elector first voted or took a position (never what they chose).
    participated_at TEXT,
    PRIMARY KEY (decision_id, voter_key)
);

-- Lazy-consensus positions, per version: a revision starts afresh.
CREATE TABLE decision_stances (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    voter_key TEXT NOT NULL,
    person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    stance TEXT NOT NULL,
    reason TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (decision_id, version, voter_key)
);

-- One row per ballot, keyed by its receipt. voter_key is NULL for secret votes, and secret ballots carry
-- no timestamp, so neither the row nor its order links it to the participation record.
CREATE TABLE ballots (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    receipt TEXT NOT NULL,
    voter_key TEXT,
    -- 'yes' | 'no' | 'abstain', or a ranking: option indices separated by spaces.
    choice TEXT NOT NULL,
    cast_at TEXT,
    PRIMARY KEY (decision_id, receipt)
);

CREATE UNIQUE INDEX ballots_voter ON ballots (decision_id, voter_key);

CREATE TABLE decision_comments (
    id {{PK}},
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES decision_comments(id),
    author_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    author_label TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    response TEXT,
    responded_by TEXT,
    responded_at TEXT
);

CREATE INDEX decision_comments_decision ON decision_comments (decision_id, id);

-- Scheduler leases: one instance at a time runs a named job; a crashed holder's lease simply expires.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Email retries: a failed message waits until next_attempt_at.
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;

CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
