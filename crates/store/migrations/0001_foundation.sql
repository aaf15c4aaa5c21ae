-- Agora foundation: settings, people and roles, sessions and tokens, rate limits, outbox, audit log,
-- regions and the partner directory. Types are limited to what sqlx's Any driver carries on both
-- databases: BIGINT, TEXT (timestamps are RFC 3339 UTC text), DOUBLE PRECISION.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE people (
    id {{PK}},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    -- NULL until the person accepts their invitation and sets a password.
    password_hash TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);

-- scope_kind '' and scope_id 0 mean a global role, so the UNIQUE constraint holds without NULLs.
CREATE TABLE role_grants (
    id {{PK}},
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope_kind TEXT NOT NULL DEFAULT '',
    scope_id BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    UNIQUE (person_id, role, scope_kind, scope_id)
);

CREATE INDEX role_grants_scope ON role_grants (scope_kind, scope_id);

-- Only SHA-256 hashes of session ids and tokens are stored: a copy of the database opens no account.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    id {{PK}},
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

-- Invitation and password-reset links.
CREATE TABLE one_time_tokens (
    token_hash TEXT PRIMARY KEY,
    purpose TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);

-- Email waiting to be sent; a delivery worker drains it.
CREATE TABLE outbox (
    id {{PK}},
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    last_error TEXT
);

CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id BIGINT,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_action ON audit_log (action);

CREATE TABLE regions (
    slug TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position BIGINT NOT NULL
);

CREATE TABLE region_countries (
    country TEXT PRIMARY KEY,
    region_slug TEXT NOT NULL REFERENCES regions(slug) ON DELETE CASCADE
);

CREATE TABLE partners (
    id {{PK}},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    website TEXT NOT NULL,
    description TEXT NOT NULL,
    logo_url TEXT,
    hq_country TEXT NOT NULL,
    size TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    -- Lowercased name and description, for the directory's search box.
    search_text TEXT NOT NULL,
    -- Private application data: never shown on public pages.
    contact_name TEXT,
    contact_email TEXT,
    motivation TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX partners_status_name ON partners (status, name);

-- The partner's list-valued categories, one row per value. kind: region, country, served_region (regions
-- named plus regions of the countries named), language, service, pricing, segment.
CREATE TABLE partner_attributes (
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (partner_id, kind, value)
);

CREATE INDEX partner_attributes_lookup ON partner_attributes (kind, value, partner_id);

CREATE TABLE partner_status_history (
    id {{PK}},
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    from_status TEXT,
    to_status TEXT NOT NULL,
    reason TEXT NOT NULL,
    actor_id BIGINT,
    at TEXT NOT NULL
);

CREATE INDEX partner_status_history_partner ON partner_status_history (partner_id, id)
