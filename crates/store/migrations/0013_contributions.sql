-- Marketing contributions (issue 11): article topics and contributions partners submit toward their
-- obligations, and the Marketing WG's reviews of both.

-- An article topic a partner proposes; the Marketing WG approves or rejects it with a reason.
CREATE TABLE contribution_topics (
    id {{PK}},
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- agora_domain::obligations::TopicState
    state TEXT NOT NULL,
    -- The reviewer's comment or reason ('' when none).
    review_comment TEXT NOT NULL,
    -- Display names, never addresses.
    proposed_by TEXT NOT NULL,
    reviewed_by TEXT,
    created_at TEXT NOT NULL,
    reviewed_at TEXT
);

CREATE INDEX contribution_topics_partner ON contribution_topics (partner_id, state);

-- A contribution as it now stands; its history is contribution_events.
CREATE TABLE contributions (
    id {{PK}},
    partner_id BIGINT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    -- The obligation year it counts toward.
    year BIGINT NOT NULL,
    -- agora_domain::obligations::ContributionType
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    topic_id BIGINT REFERENCES contribution_topics(id),
    link TEXT,
    body TEXT NOT NULL,
    -- NULL for an anonymous client.
    client_name TEXT,
    -- Where the client's consent is recorded (logos, testimonials); never shown in public.
    consent_evidence TEXT NOT NULL,
    language TEXT NOT NULL,
    -- agora_domain::obligations::ContributionState
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    approved_at TEXT
);

CREATE INDEX contributions_partner_year ON contributions (partner_id, year, state);
CREATE INDEX contributions_state ON contributions (state, updated_at);

-- Each submission, resubmission and review, in order: the history a resubmission keeps.
CREATE TABLE contribution_events (
    id {{PK}},
    contribution_id BIGINT NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
    -- 'submitted', 'resubmitted', or a verdict ('approve', 'request_changes', 'reject').
    kind TEXT NOT NULL,
    comment TEXT NOT NULL,
    -- For submissions: the version submitted (JSON, agora_store::ContributionVersion).
    version_json TEXT,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX contribution_events_contribution ON contribution_events (contribution_id, id);
