-- A person's language for their pages and e-mails (issue 9). NULL: follow the browser's Accept-Language
-- for pages and English for e-mails.
ALTER TABLE people ADD COLUMN language TEXT;
