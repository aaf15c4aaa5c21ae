-- The job runner's record of each job's last run, shared by every instance (shown on /admin/jobs).
ALTER TABLE job_leases ADD COLUMN last_started_at TEXT;
ALTER TABLE job_leases ADD COLUMN last_finished_at TEXT;
ALTER TABLE job_leases ADD COLUMN last_duration_ms BIGINT;
ALTER TABLE job_leases ADD COLUMN last_outcome TEXT;
ALTER TABLE job_leases ADD COLUMN last_error TEXT;
ALTER TABLE job_leases ADD COLUMN last_success_at TEXT;
ALTER TABLE job_leases ADD COLUMN runs BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_leases ADD COLUMN failures BIGINT NOT NULL DEFAULT 0;
