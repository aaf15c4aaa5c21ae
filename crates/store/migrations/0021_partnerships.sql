-- The foundation's partnerships with other organizations (issue 11, seed 001 item 12), shown on the
-- public partnerships page. Dates are `YYYY-MM-DD`.
CREATE TABLE partnerships (
    id {{PK}},
    organization TEXT NOT NULL,
    kind TEXT NOT NULL,
    website TEXT NOT NULL,
    description TEXT NOT NULL,
    involvement TEXT NOT NULL,
    since TEXT NOT NULL,
    ended TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
