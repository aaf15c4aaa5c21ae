-- Identities (issue 12): the e-mail addresses and usernames under which people appear in outside
-- history (git commits and their trailers), and the queue of proposed merges.

-- The identity an activity entry was recorded under (a git author's mailmapped address, ASCII
-- lowercased). Entries written by Agora itself leave it NULL. person_id stays NULL until the identity
-- belongs to someone; merging an identity fills it in, undoing the merge empties it again.
ALTER TABLE activity ADD COLUMN identity TEXT;
CREATE INDEX activity_identity ON activity (identity);

-- Identities held by a person beyond their account address. kind: email, github, gitlab, username.
-- normalized is the matching key (ASCII-lowercased, trimmed); value keeps the spelling first seen.
-- verified: an address the person proved they hold (automatic merges need it).
CREATE TABLE person_identities (
    id {{PK}},
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    normalized TEXT NOT NULL,
    value TEXT NOT NULL,
    verified BIGINT NOT NULL,
    -- How it came to the person: 'account', 'merge' (an accepted candidate), 'admin'.
    origin TEXT NOT NULL,
    candidate_id BIGINT,
    created_at TEXT NOT NULL,
    UNIQUE (kind, normalized)
);
CREATE INDEX person_identities_person ON person_identities (person_id);

-- Proposed merges of an identity into a person. status: pending, accepted, rejected ("never merge":
-- a rejected pair is never proposed again), undone (accepted, then reversed).
CREATE TABLE identity_candidates (
    id {{PK}},
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    normalized TEXT NOT NULL,
    value TEXT NOT NULL,
    display_name TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by TEXT,
    UNIQUE (person_id, kind, normalized)
);
CREATE INDEX identity_candidates_status ON identity_candidates (status, created_at);
