-- Proposed OKRs (issue 10): an objective can be proposed, open for the community's comments, before
-- its group adopts it. Objectives set before this migration were adopted when they were set. A key
-- result can be bound to a figure Agora computes (agora_domain::groups::figures), which then moves it.

ALTER TABLE group_objectives ADD COLUMN adopted_at TEXT;
ALTER TABLE group_objectives ADD COLUMN adopted_by BIGINT REFERENCES people(id) ON DELETE SET NULL;
UPDATE group_objectives SET adopted_at = created_at;

CREATE TABLE group_objective_comments (
    id {{PK}},
    objective_id BIGINT NOT NULL REFERENCES group_objectives(id) ON DELETE CASCADE,
    person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX group_objective_comments_objective ON group_objective_comments (objective_id, id);

-- `members`, `updates-posted`, `contributions-approved` or `leads-accepted:<region>`; NULL when the
-- key result moves by check-ins.
ALTER TABLE group_key_results ADD COLUMN bound_to TEXT;
-- Key results bound to the leads accepted in a region count them per quarter.
CREATE INDEX lead_offers_region_answered ON lead_offers (region, answered_at);
