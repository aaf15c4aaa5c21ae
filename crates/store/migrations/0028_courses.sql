-- Community plans for courses (issue 13; rules in agora_domain::courses). Courses are named by their
-- canonical Open edX key (`course-v1:Org+Course+Run`). Learner facts hold no learner data: `learner`
-- is a keyed hash of the LMS username (the key is the setting `learner_key`), and only what the
-- weekly series need is kept.

CREATE TABLE courses (
    id {{PK}},
    course_key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    organization TEXT NOT NULL,
    partner_id BIGINT REFERENCES partners(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One learner's week in a course: bits of agora_domain::courses::series (active, played a video,
-- attempted a problem) and forum posts. week is the Monday, YYYY-MM-DD.
CREATE TABLE course_learner_weeks (
    course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    learner BIGINT NOT NULL,
    week TEXT NOT NULL,
    flags BIGINT NOT NULL,
    forum_posts BIGINT NOT NULL,
    PRIMARY KEY (course_id, learner, week)
);

-- Enrollment changes (enrolled 1 = activated, 0 = deactivated) with the referral code they came with.
CREATE TABLE course_enrollments (
    course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    learner BIGINT NOT NULL,
    at TEXT NOT NULL,
    enrolled BIGINT NOT NULL,
    referral TEXT,
    PRIMARY KEY (course_id, learner, at, enrolled)
);

-- The first completion and the first certificate of each learner.
CREATE TABLE course_milestones (
    course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    learner BIGINT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (course_id, learner, kind)
);

-- What was imported from each file, named by a hash of its first line: how many bytes (up to a
-- line's end) and their hash, so a second import of the file adds nothing and a grown file adds
-- only its new lines.
CREATE TABLE tracking_imports (
    id {{PK}},
    head TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    prefix TEXT NOT NULL,
    lines BIGINT NOT NULL,
    events BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
