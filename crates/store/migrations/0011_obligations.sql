-- Marketing obligations (issue 11): the versioned obligation policy and the clients partners declare.

-- Each adopted version of the policy; the newest whose years include a year governs it.
CREATE TABLE obligation_policies (
    version BIGINT PRIMARY KEY,
    -- The rules (JSON, agora_domain::obligations::ObligationPolicy).
    policy_json TEXT NOT NULL,
    first_year BIGINT NOT NULL,
    last_year BIGINT,
    -- The decision of the register that adopted it, when there is one.
    decision_id BIGINT REFERENCES decisions(id),
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

-- What a partner declared for a year: a count ('count') or a list of clients ('list'). The counts
-- are the list's own when it is a list, kept here so requirements read one row. Private: only the
-- partner's people and the foundation see it.
CREATE TABLE client_declarations (
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    year BIGINT NOT NULL,
    kind TEXT NOT NULL,
    clients BIGINT NOT NULL,
    logo_refused BIGINT NOT NULL,
    testimonial_refused BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (partner_id, year)
);

CREATE TABLE declared_clients (
    id {{PK}},
    partner_id BIGINT NOT NULL,
    year BIGINT NOT NULL,
    position BIGINT NOT NULL,
    organization TEXT NOT NULL,
    country TEXT NOT NULL,
    segment TEXT,
    acquired_on TEXT NOT NULL,
    logo_consent TEXT NOT NULL,
    testimonial_consent TEXT NOT NULL,
    evidence TEXT NOT NULL,
    FOREIGN KEY (partner_id, year) REFERENCES client_declarations(partner_id, year) ON DELETE CASCADE
);

CREATE INDEX declared_clients_declaration ON declared_clients (partner_id, year, position);
