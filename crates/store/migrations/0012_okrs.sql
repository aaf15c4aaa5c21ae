-- OKRs of groups (issue 10): objectives per group and quarter, at most five key results each (the
-- limit is a domain rule, checked in the writing transaction), check-ins that move them, and a score
-- per key result at the end of its period. Values are hundredths (BIGINT), confidence and score
-- tenths (0-10).

CREATE TABLE group_objectives (
    id {{PK}},
    body_id BIGINT NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    -- The parent group's objective (same period) this one serves.
    aligned_to BIGINT REFERENCES group_objectives(id) ON DELETE SET NULL,
    -- 1 when members may check in on its key results; facilitators always may.
    members_check_in BIGINT NOT NULL,
    created_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX group_objectives_body ON group_objectives (body_id, period);
CREATE INDEX group_objectives_aligned ON group_objectives (aligned_to);

CREATE TABLE group_key_results (
    id {{PK}},
    objective_id BIGINT NOT NULL REFERENCES group_objectives(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_value BIGINT NOT NULL,
    target_value BIGINT NOT NULL,
    current_value BIGINT NOT NULL,
    unit TEXT NOT NULL,
    confidence BIGINT NOT NULL,
    weight BIGINT NOT NULL,
    -- The end-of-period score and the facilitator's closing note; NULL until scored.
    score BIGINT,
    closing_note TEXT,
    scored_by BIGINT REFERENCES people(id) ON DELETE SET NULL,
    scored_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX group_key_results_objective ON group_key_results (objective_id);

-- Every check-in is kept: progress and confidence over time.
CREATE TABLE group_check_ins (
    id {{PK}},
    key_result_id BIGINT NOT NULL REFERENCES group_key_results(id) ON DELETE CASCADE,
    value BIGINT NOT NULL,
    confidence BIGINT NOT NULL,
    comment TEXT NOT NULL,
    person_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);

CREATE INDEX group_check_ins_key_result ON group_check_ins (key_result_id, created_at);
