-- Notification preferences (issue 10): per person, per kind of notification and optionally per group,
-- "at-once", "daily", "weekly" or "off". No row means the kind's default (`agora_domain::notifications`).
CREATE TABLE notification_preferences (
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    -- A group's own choice; NULL for the choice that holds everywhere else.
    body_id BIGINT REFERENCES bodies(id) ON DELETE CASCADE,
    delivery TEXT NOT NULL
);

CREATE UNIQUE INDEX notification_preferences_key ON notification_preferences (person_id, topic, COALESCE(body_id, 0));

-- Mail held for a digest, already written in its recipient's language; `outbox_id` is the digest
-- that carried it once sent (none when, by then, the person no longer wanted it or had left its
-- group: `sent_at` is set all the same, so it is never sent).
CREATE TABLE notification_digest_items (
    id {{PK}},
    person_id BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    topic TEXT NOT NULL,
    -- The group it is about, if any.
    body_id BIGINT REFERENCES bodies(id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    outbox_id BIGINT REFERENCES outbox(id) ON DELETE SET NULL,
    sent_at TEXT
);

CREATE INDEX notification_digest_items_pending ON notification_digest_items (sent_at, person_id, period);

-- The site-relative address of the one-click unsubscribe link (RFC 8058) the mailer puts in the
-- `List-Unsubscribe` header; NULL for mail that cannot be turned off.
ALTER TABLE outbox ADD COLUMN unsubscribe_path TEXT;
