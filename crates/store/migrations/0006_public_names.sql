-- Public decision pages, the API and feeds show people by display name, never by address (issue 8).
-- Earlier versions stored the acting person's address as the label of versions, decisions and comments:
-- replace it with their display name, or with 'former member' when the account is gone.
UPDATE decision_versions SET created_by = (SELECT p.display_name FROM people p WHERE p.email = decision_versions.created_by) WHERE created_by IN (SELECT email FROM people);
UPDATE decision_versions SET created_by = 'former member' WHERE created_by LIKE '%@%';
UPDATE decisions SET decided_by = (SELECT p.display_name FROM people p WHERE p.email = decisions.decided_by) WHERE decided_by IN (SELECT email FROM people);
UPDATE decisions SET decided_by = 'former member' WHERE decided_by LIKE '%@%';
UPDATE decision_comments SET author_label = (SELECT p.display_name FROM people p WHERE p.email = decision_comments.author_label) WHERE author_label IN (SELECT email FROM people);
UPDATE decision_comments SET author_label = 'former member' WHERE author_label LIKE '%@%';
UPDATE decision_comments SET responded_by = (SELECT p.display_name FROM people p WHERE p.email = decision_comments.responded_by) WHERE responded_by IN (SELECT email FROM people);
UPDATE decision_comments SET responded_by = 'former member' WHERE responded_by LIKE '%@%';
