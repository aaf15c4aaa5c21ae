-- Leads (issue 3): the versioned allocation policy, requests from prospects, offers to partners with
-- their explanations, the allocator's running totals, referrals, the personal-data access log and the
-- counters behind the public transparency report.

-- Append-only: a policy is never edited, a change is a new version.
CREATE TABLE lead_policies (
    version BIGINT PRIMARY KEY,
    policy_json TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE referrers (
    id {{PK}},
    code TEXT NOT NULL UNIQUE,
    -- A partner organization or a community member (a person), never both.
    partner_id BIGINT REFERENCES partners(id) ON DELETE CASCADE,
    person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);

CREATE TABLE leads (
    id {{PK}},
    received_at TEXT NOT NULL,
    -- YYYY-MM of received_at: the cohort the report counts the lead and all its outcomes in.
    month TEXT NOT NULL,
    -- Personal data, erased on request or after the retention period (anonymised_at set).
    organization TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    message TEXT NOT NULL,
    merge_key TEXT NOT NULL,
    anonymised_at TEXT,
    -- What allocation and the report use; kept after anonymisation.
    country TEXT NOT NULL,
    region TEXT NOT NULL,
    segment TEXT,
    size TEXT,
    budget TEXT,
    languages TEXT NOT NULL,
    services TEXT NOT NULL,
    source TEXT NOT NULL,
    referrer_id BIGINT REFERENCES referrers(id) ON DELETE SET NULL,
    idempotency_key TEXT UNIQUE,
    fingerprint TEXT NOT NULL,
    -- pending (not yet allocated), offered, queued (nobody qualified), merged
    status TEXT NOT NULL,
    merged_into BIGINT REFERENCES leads(id),
    times_merged BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX leads_status ON leads (status, id);
CREATE INDEX leads_merge ON leads (merge_key, received_at);
CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_month ON leads (month);

-- One allocation decision (a lead's first offer, or a re-offer), with its full explanation.
CREATE TABLE lead_allocations (
    id {{PK}},
    lead_id BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    round BIGINT NOT NULL,
    policy_version BIGINT NOT NULL REFERENCES lead_policies(version),
    at TEXT NOT NULL,
    pool TEXT,
    explanation_json TEXT NOT NULL,
    UNIQUE (lead_id, round)
);

CREATE TABLE lead_offers (
    id {{PK}},
    lead_id BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    partner_id BIGINT NOT NULL REFERENCES partners(id),
    allocation_id BIGINT NOT NULL REFERENCES lead_allocations(id),
    -- The lead's cohort month and region, copied so counters need no join.
    month TEXT NOT NULL,
    region TEXT NOT NULL,
    offered_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    note TEXT NOT NULL DEFAULT '',
    answered_at TEXT,
    updated_at TEXT NOT NULL,
    reminded_at TEXT,
    UNIQUE (lead_id, partner_id)
);

CREATE INDEX lead_offers_partner ON lead_offers (partner_id, status, id);
CREATE INDEX lead_offers_due ON lead_offers (status, due_at);
CREATE INDEX lead_offers_month ON lead_offers (partner_id, offered_at);

-- The allocator's running totals: entitlement accrued and offers received, per partner.
CREATE TABLE allocation_ledger (
    partner_id BIGINT PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    credit DOUBLE PRECISION NOT NULL,
    received BIGINT NOT NULL
);

-- The same, per month: "entitled vs received over time" for partners and the report.
CREATE TABLE allocation_monthly (
    month TEXT NOT NULL,
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    credit DOUBLE PRECISION NOT NULL,
    received BIGINT NOT NULL,
    PRIMARY KEY (month, partner_id)
);

CREATE TABLE partner_lead_settings (
    partner_id BIGINT PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
    paused BIGINT NOT NULL,
    monthly_capacity BIGINT,
    updated_at TEXT NOT NULL
);

-- Who saw a lead's personal data, and when.
CREATE TABLE lead_views (
    id {{PK}},
    lead_id BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
    person_id BIGINT,
    actor TEXT NOT NULL,
    at TEXT NOT NULL,
    context TEXT NOT NULL
);

CREATE INDEX lead_views_lead ON lead_views (lead_id, id);

-- Report counters, kept for each period an event falls in (its month, quarter and year: 2026-11,
-- 2026-Q4, 2026), so that any report reads one period's rows without adding up months. partner_id 0
-- for region-level numbers (received, queued); metric 'accept_min' with bucket > -1 is the
-- minutes-to-accept histogram.
CREATE TABLE lead_counts (
    period TEXT NOT NULL,
    region TEXT NOT NULL,
    partner_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    bucket BIGINT NOT NULL,
    value BIGINT NOT NULL,
    PRIMARY KEY (period, region, partner_id, metric, bucket)
);
