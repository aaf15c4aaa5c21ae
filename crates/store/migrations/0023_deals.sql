-- Deals partners register (issue 11): prospects a partner works on, so the foundation sees when two
-- partners work on one organization and when a registered prospect arrives as a lead. Private to the
-- partner's people and the foundation. A won deal becomes one of the partner's declared clients.

CREATE TABLE deals (
    id {{PK}},
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    organization TEXT NOT NULL,
    -- agora_domain::obligations::organization_key: what registrations of one organization share.
    organization_key TEXT NOT NULL,
    country TEXT NOT NULL,
    segment TEXT,
    expected_on TEXT NOT NULL,
    note TEXT NOT NULL,
    status TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    closed_at TEXT
);

CREATE INDEX deals_partner ON deals (partner_id, status);
CREATE INDEX deals_organization ON deals (organization_key, status);
