## Marketing obligations (issue 11): policy, declared clients, requirements

## Field errors
error-percent-out-of-range = Enter a whole percentage from 0 to 100.
error-max-below-min = The maximum must not be below the minimum.
error-invalid-rule-kind = Choose a fixed count or a share of clients.
error-invalid-rounding = Choose to round up, down or to the nearest.
error-last-year-before-first = The last year must not be before the first.
error-invalid-year = Enter a year from 2000 to 2100.
error-invalid-consent = Choose given, refused or not known.
error-consent-evidence-required = Say where the client's answer is recorded (a link, a reference or a note).
error-date-outside-year = The date must be within the declared year.
error-count-or-list = Declare either a count or a list of clients, not both.
error-more-than-clients = This cannot be more than the number of clients.
error-invalid-contribution-type = Unknown type of contribution.
error-unknown-decision = Choose a decision of the register.
error-decision-not-decided = The decision must be decided before a policy cites it.
