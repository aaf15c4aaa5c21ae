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

## Types, counts and the arithmetic
obligations-type-case_study = Case studies
obligations-type-article = Articles or blog posts
obligations-type-testimonial = Client testimonials
obligations-type-logo = Client logos
obligations-count-case_study = { $count ->
        [one] { $count } case study
       *[other] { $count } case studies
    }
obligations-count-article = { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
obligations-count-testimonial = { $count ->
        [one] { $count } testimonial
       *[other] { $count } testimonials
    }
obligations-count-logo = { $count ->
        [one] { $count } logo
       *[other] { $count } logos
    }
obligations-rounding-up = rounded up
obligations-rounding-down = rounded down
obligations-rounding-nearest = rounded to the nearest
obligations-decimal-separator = .
obligations-arith-fixed = Fixed by the policy: { $result }.
obligations-arith-share = { $clients ->
        [one] { $clients } client
       *[other] { $clients } clients
    } × { $percent }% = { $exact } → { $result } ({ $rounding }).
obligations-arith-min = The policy asks for at least { $bound }: { $result }.
obligations-arith-max = The policy asks for at most { $bound }: { $result }.
obligations-exemption-logo_refused = { $clients ->
        [one] { $clients } client refused
       *[other] { $clients } clients refused
    } the use of their logo, which removes { $removed } ({ $may_ask ->
        [one] { $may_ask } client
       *[other] { $may_ask } clients
    } left to ask).
obligations-exemption-testimonial_refused = { $clients ->
        [one] { $clients } client refused
       *[other] { $clients } clients refused
    } to give a testimonial, which removes { $removed } ({ $may_ask ->
        [one] { $may_ask } client
       *[other] { $may_ask } clients
    } left to ask).
obligations-status-met = Met
obligations-status-on_track = On track
obligations-status-behind = Behind
obligations-status-overdue = Overdue
obligations-rule-fixed = { $result } a year
obligations-rule-share = { $percent }% of the year's clients, { $rounding }
obligations-rule-min = , at least { $count }
obligations-rule-max = , at most { $count }

## A partner's obligations
obligations-portal-link = Marketing obligations
obligations-heading = Marketing obligations of { $name } in { $year }
obligations-show = Show
obligations-clients-heading = Clients acquired
obligations-clients-declared = { $count ->
        [one] { $count } client declared.
       *[other] { $count } clients declared.
    }
obligations-logo-refused = { $count ->
        [one] { $count } refused the use of its logo
       *[other] { $count } refused the use of their logo
    }
obligations-testimonial-refused = { $count ->
        [one] { $count } refused to give a testimonial
       *[other] { $count } refused to give a testimonial
    }
obligations-clients-none = No clients declared for this year yet: a share of clients then asks for nothing.
obligations-declare-link = Declare the clients of this year
obligations-required-heading = What is required
obligations-policy-version = Obligation policy, version { $count }
obligations-table-caption = Contributions required in { $year }
obligations-col-type = Contribution
obligations-col-required = Required
obligations-col-approved = Approved
obligations-col-status = Status
obligations-col-how = How it is computed
obligations-anonymous = May be published without naming the client.
obligations-approved-note = Contributions count here once the Marketing Working Group approves them.
obligations-no-policy = No obligation policy covers this year: nothing is required.
obligations-json = The same as JSON

## Declaring clients
obligations-clients-title = Clients of { $name } in { $year }
obligations-back = Back to the obligations
obligations-clients-intro = Declare how many clients you acquired this year, or list them with their answers about their logo and a testimonial. A client who refuses exempts you from that logo or testimonial; case studies and articles stay required and may be anonymous.
obligations-mode = What you declare
obligations-mode-count = A count
obligations-mode-list = A list of clients
obligations-list-hint = Fill one block per client; empty blocks are ignored. Save to get more blocks.
obligations-client-n = Client { $row }
obligations-row-field = Client { $row }, { $field }
obligations-consent-unknown = Not known yet
obligations-consent-given = Given
obligations-consent-refused = Refused
obligations-private = Only your organization's people and the foundation see the names; only the count and the consents are used in public.
obligations-declare = Save the declaration
obligations-field-year = Year
obligations-field-count = Number of clients
obligations-field-logo_refused = Of them, refused the use of their logo
obligations-field-testimonial_refused = Of them, refused to give a testimonial
obligations-field-clients = Clients
obligations-field-organization = Organization
obligations-field-country = Country (two-letter code)
obligations-field-segment = Organization type
obligations-field-acquired_on = Client since
obligations-field-logo_consent = Logo on openedx.org
obligations-field-testimonial_consent = Testimonial
obligations-field-evidence = Where the answer is recorded

## The policy (foundation)
obligations-policy-title = Marketing obligation policy
obligations-adopted = The new version is adopted.
obligations-history-heading = Versions
obligations-history-none = No version adopted yet.
obligations-history-caption = Every version of the policy, newest first
obligations-col-version = Version
obligations-col-years = Years
obligations-col-rules = Rules
obligations-col-decision = Adopted by
obligations-col-adopted = Recorded
obligations-years-range = { $first } to { $last }
obligations-years-from = From { $first }
obligations-adopt-heading = Adopt a new version
obligations-adopt-intro = Earlier versions stay as they were. For each year, the newest version that covers it applies. Cite the decision of the register that adopted it.
obligations-field-kind = Rule
obligations-kind-fixed = A fixed count
obligations-kind-share = A share of the year's clients
obligations-field-percent = Percent of clients
obligations-field-min = At least
obligations-field-max = At most
obligations-field-rounding = Rounding
obligations-field-first_year = First year
obligations-field-last_year = Last year (empty: no end)
obligations-field-decision_id = Decision number in the register
obligations-field-note = Note
obligations-adopt = Adopt this version

# Deal registration: prospects a partner works on.
deals-heading = Deals of { $name }
deals-intro = Register the prospects you are working on, so the foundation knows who works with whom. Only your organization and the foundation see them. When you win one, it becomes one of this year's clients.
deals-none = No deals registered.
deals-caption = Registered deals, newest first
deals-col-status = Status
deals-col-close = Close
deals-col-partner = Partner
deals-col-flags = To look at
deals-close = Close the deal
deals-close-label = How the deal with { $organization } ended
deals-won-hint = A won deal is added to your declared clients of this year; ask the client about its logo and a testimonial there.
deals-new = Register a deal
deals-register = Register
deals-country-hint = Two letters, such as FR or US.
deals-portal-link = Deals
deals-admin-title = Deals
deals-admin-intro = The prospects partners registered. Flagged: an organization more than one partner registered, and a registered organization that later sent a lead.
deals-admin-caption = Registered deals with what to look at
deals-show-all = Show closed deals too
deals-show-open = Show open deals only
deals-also-registered = Also registered by { $partners }
deals-arrived-as-lead = Arrived as lead #{ $lead }
deal-status-open = Open
deal-status-won = Won
deal-status-lost = Lost
deal-status-withdrawn = Withdrawn
field-expected_on = Expected
error-invalid-organization = Give the organization's name in letters or digits.
error-date-out-of-range = Give a date within a year back and three years ahead.
error-deal-closed = This deal is already closed.
error-invalid-deal-status = Choose won, lost or withdrawn.
deals-lead-registered = A partner registered this organization as a deal before the lead arrived.
deals-lead-registered-by = { $partner }, on { $date }
email-obligations-reminder-subject = Marketing obligations: { $count } still due for { $year }
email-obligations-reminder-body = { $days } days before the year ends, your organization still owes { $count ->
    [one] one contribution
   *[other] { $count } contributions
} for { $year } under the partner program's marketing obligations. See what is due and submit it here: { $link }
error-deal-already-registered = Your organization has an open deal for this organization already.
