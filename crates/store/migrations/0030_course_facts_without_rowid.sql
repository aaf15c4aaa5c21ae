-- The learner facts of courses (0028), rebuilt so that on SQLite each table is stored by its
-- primary key alone (WITHOUT ROWID): an import's upsert then searches and writes one B-tree per row
-- instead of a table and its key's index. On PostgreSQL the placeholder is empty and the tables
-- are the same as before.

CREATE TABLE course_learner_weeks_new (
    course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    learner BIGINT NOT NULL,
    week TEXT NOT NULL,
    flags BIGINT NOT NULL,
    forum_posts BIGINT NOT NULL,
    PRIMARY KEY (course_id, learner, week)
){{WITHOUT_ROWID}};

INSERT INTO course_learner_weeks_new (course_id, learner, week, flags, forum_posts)
    SELECT course_id, learner, week, flags, forum_posts FROM course_learner_weeks;

DROP TABLE course_learner_weeks;

ALTER TABLE course_learner_weeks_new RENAME TO course_learner_weeks;

CREATE TABLE course_enrollments_new (
    course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    learner BIGINT NOT NULL,
    at TEXT NOT NULL,
    enrolled BIGINT NOT NULL,
    referral TEXT,
    PRIMARY KEY (course_id, learner, at, enrolled)
){{WITHOUT_ROWID}};

INSERT INTO course_enrollments_new (course_id, learner, at, enrolled, referral)
    SELECT course_id, learner, at, enrolled, referral FROM course_enrollments;

DROP TABLE course_enrollments;

ALTER TABLE course_enrollments_new RENAME TO course_enrollments;

CREATE TABLE course_milestones_new (
    course_id BIGINT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    learner BIGINT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (course_id, learner, kind)
){{WITHOUT_ROWID}};

INSERT INTO course_milestones_new (course_id, learner, kind, at)
    SELECT course_id, learner, kind, at FROM course_milestones;

DROP TABLE course_milestones;

ALTER TABLE course_milestones_new RENAME TO course_milestones;
