-- The lead program as people meet it (issue 8): the requester's private status link (stored as a
-- hash only), requests addressed to one partner from its directory profile, and why and when a lead
-- was closed (spam, duplicate, withdrawn).
ALTER TABLE leads ADD COLUMN status_token_hash TEXT;
ALTER TABLE leads ADD COLUMN direct_partner_id BIGINT REFERENCES partners(id);
ALTER TABLE leads ADD COLUMN closed_at TEXT;
ALTER TABLE leads ADD COLUMN closed_note TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX leads_status_token ON leads (status_token_hash);
