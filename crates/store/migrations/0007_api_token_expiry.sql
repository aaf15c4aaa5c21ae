-- API tokens expire (issue 8): each gets an expiry chosen when it is made (a year by default). Tokens
-- made before this migration expire a year after it was written.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT NOT NULL DEFAULT '2027-12-01T00:00:00.000Z';
