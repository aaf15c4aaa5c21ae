-- The learner facts of courses (0030), rebuilt without their foreign key to `courses`: on
-- PostgreSQL the key's check is a trigger run for every row written, a third of the tracking-log
-- import's time (see docs/performance.md). The facts are written only by the imports, which create
-- or look up the course in the same transaction, and courses are never deleted; a feature that
-- deletes a course deletes its facts with it (`course_learner_weeks`, `course_enrollments`,
-- `course_milestones`).

CREATE TABLE course_learner_weeks_v2 (
    course_id BIGINT NOT NULL,
    learner BIGINT NOT NULL,
    week TEXT NOT NULL,
    flags BIGINT NOT NULL,
    forum_posts BIGINT NOT NULL,
    PRIMARY KEY (course_id, learner, week)
){{WITHOUT_ROWID}};

INSERT INTO course_learner_weeks_v2 (course_id, learner, week, flags, forum_posts)
    SELECT course_id, learner, week, flags, forum_posts FROM course_learner_weeks;

DROP TABLE course_learner_weeks;

ALTER TABLE course_learner_weeks_v2 RENAME TO course_learner_weeks;

CREATE TABLE course_enrollments_v2 (
    course_id BIGINT NOT NULL,
    learner BIGINT NOT NULL,
    at TEXT NOT NULL,
    enrolled BIGINT NOT NULL,
    referral TEXT,
    PRIMARY KEY (course_id, learner, at, enrolled)
){{WITHOUT_ROWID}};

INSERT INTO course_enrollments_v2 (course_id, learner, at, enrolled, referral)
    SELECT course_id, learner, at, enrolled, referral FROM course_enrollments;

DROP TABLE course_enrollments;

ALTER TABLE course_enrollments_v2 RENAME TO course_enrollments;

CREATE TABLE course_milestones_v2 (
    course_id BIGINT NOT NULL,
    learner BIGINT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (course_id, learner, kind)
){{WITHOUT_ROWID}};

INSERT INTO course_milestones_v2 (course_id, learner, kind, at)
    SELECT course_id, learner, kind, at FROM course_milestones;

DROP TABLE course_milestones;

ALTER TABLE course_milestones_v2 RENAME TO course_milestones;
