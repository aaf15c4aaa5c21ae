-- Community plans for courses (issue 13, seed 004; rules in agora_domain::courses). One plan per
-- course. Its lists that are edited as a whole (targets, the business plan's lines) are stored as
-- the domain's JSON; what other pages query (roles, shares, measures, roadmap items) has a table.

CREATE TABLE course_plans (
    id {{PK}},
    course_id BIGINT NOT NULL UNIQUE REFERENCES courses(id) ON DELETE CASCADE,
    owner_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    purpose TEXT NOT NULL,
    -- JSON: [agora_domain::courses::plan::Target]
    targets TEXT NOT NULL,
    stakeholders TEXT NOT NULL,
    guidelines TEXT NOT NULL,
    -- JSON: agora_domain::courses::business::BusinessPlan
    business TEXT NOT NULL,
    -- The course's page on the LMS, the base of its referral links ('' when not given).
    lms_url TEXT NOT NULL,
    -- 1 when the plan publishes its public measures at /courses/{id}/progress.
    public_progress BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Who plays which role of seed 004, with their responsibilities.
CREATE TABLE course_plan_roles (
    id {{PK}},
    plan_id BIGINT NOT NULL REFERENCES course_plans(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    responsibilities TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, role, person_id)
);

CREATE INDEX course_plan_roles_person ON course_plan_roles (person_id);

-- Who else may read (view) or change (edit) a plan: a person or every member of a group.
CREATE TABLE course_plan_shares (
    id {{PK}},
    plan_id BIGINT NOT NULL REFERENCES course_plans(id) ON DELETE CASCADE,
    person_id BIGINT REFERENCES people(id) ON DELETE CASCADE,
    body_id BIGINT REFERENCES bodies(id) ON DELETE CASCADE,
    access TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (plan_id, person_id, body_id)
);

CREATE INDEX course_plan_shares_person ON course_plan_shares (person_id);
CREATE INDEX course_plan_shares_body ON course_plan_shares (body_id);

-- Measures of success: a metric of the series, its target (a count, or a percentage) and date.
CREATE TABLE course_measures (
    id {{PK}},
    plan_id BIGINT NOT NULL REFERENCES course_plans(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    metric TEXT NOT NULL,
    target TEXT NOT NULL,
    due_on TEXT NOT NULL,
    public BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX course_measures_plan ON course_measures (plan_id);

-- The roadmap: items per phase, with an owner, a date, a status and the measure they should move.
CREATE TABLE course_roadmap_items (
    id {{PK}},
    plan_id BIGINT NOT NULL REFERENCES course_plans(id) ON DELETE CASCADE,
    phase TEXT NOT NULL,
    title TEXT NOT NULL,
    owner_id BIGINT REFERENCES people(id) ON DELETE SET NULL,
    due_on TEXT,
    status TEXT NOT NULL,
    measure_id BIGINT REFERENCES course_measures(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX course_roadmap_items_plan ON course_roadmap_items (plan_id);
CREATE INDEX course_roadmap_items_owner ON course_roadmap_items (owner_id, status);
