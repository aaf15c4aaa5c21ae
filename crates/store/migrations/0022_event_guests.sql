-- Registrations of visitors without an account (issue 10): a name and an e-mail address, shown only
-- to the event's organizers. A request waits until the link mailed to the address confirms it; only
-- a confirmed guest takes a seat. Withdrawing deletes the row.

CREATE TABLE event_guests (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    -- SHA-256 of the secret in the last link mailed; a new request for the address replaces it.
    token_hash TEXT NOT NULL UNIQUE,
    requested_at TEXT NOT NULL,
    confirmed_at TEXT,
    attended_at TEXT,
    UNIQUE (event_id, email)
);

CREATE INDEX event_guests_seats ON event_guests (event_id, confirmed_at);
