-- When learner data of a course was last imported (tracking logs or the enrolled-students CSV): a
-- published progress page says how current its figures are.
ALTER TABLE courses ADD COLUMN data_updated_at TEXT;
