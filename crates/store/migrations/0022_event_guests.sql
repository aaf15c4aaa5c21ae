-- Registrations of visitors without an account (issue 10): a name and an e-mail address, shown only
-- to the event's organizers. A request waits until a link mailed to the address confirms it; only a
-- confirmed guest takes a seat. Withdrawing deletes the row.

CREATE TABLE event_guests (
    id {{PK}},
    event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    -- As first given: asking again for the address never renames anyone.
    name TEXT NOT NULL,
    -- The last request for the address, which spaces the mails sent to it.
    requested_at TEXT NOT NULL,
    confirmed_at TEXT,
    attended_at TEXT,
    UNIQUE (event_id, email)
);

CREATE INDEX event_guests_seats ON event_guests (event_id, confirmed_at);

-- The links mailed to a guest, by the SHA-256 of their secret. Each request adds one and the earlier
-- ones stay valid, so someone asking again with another's address cannot void their link; only the
-- newest few are kept.
CREATE TABLE event_guest_links (
    token_hash TEXT PRIMARY KEY,
    guest_id BIGINT NOT NULL REFERENCES event_guests(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);

CREATE INDEX event_guest_links_guest ON event_guest_links (guest_id, created_at);
