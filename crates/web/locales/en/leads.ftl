# Leads: requests for proposals, allocation, offers, the partner inbox, the transparency report.

## Leads
nav-find = Request proposals
footer-transparency = Lead transparency report
footer-policy = How leads are allocated
form-any = Any
form-save = Save
form-remove-question = Remove { $name }?
form-remove-yes = Yes, remove

find-title = Request proposals
find-heading = Request proposals from Open edX partners
find-lead = Tell us about your project. We forward it to certified partners who serve your country, speak your language and offer what you need, by published rules.
find-policy-link = How requests are allocated
find-about-you = About you
find-about-project = About your project
find-consent = I agree that the Open edX foundation shares this request, including my contact details, with the partners it is offered to.
find-submit = Send my request
find-honeypot = Leave this field empty
received-title = Request received
received-heading = Thank you, your request is received
received-text = It is stored and will be offered to a partner shortly. A partner has { $count ->
    [one] 1 hour
   *[other] { $count } hours
} to accept it before it goes to another one; the partner who accepts will contact you.
received-text-direct = It is stored and offered to { $name } only. They have { $count ->
    [one] 1 hour
   *[other] { $count } hours
} to accept it and will then contact you; if they cannot take it, the foundation will look at it with you.
received-email = We have sent you an email with the reference of your request and a private link where you can see where it stands or withdraw it.
find-addressed-to = This request goes to { $name } only. They have the usual time to accept it; if they cannot take it, the foundation will look at it with you.
find-addressed-any = Ask the whole program instead
lead-link-title = Your request { $name }
lead-link-reference = Reference
lead-link-received = Received
lead-link-addressed-to = Addressed to
lead-link-accepted-by = Partners who accepted your request
lead-link-pending = Your request is received and is being offered to a partner.
lead-link-offered = Your request has been offered to a partner, who is deciding whether to take it.
lead-link-queued = No partner has taken your request yet. The foundation is looking for one.
lead-link-accepted = A partner accepted your request and will contact you.
lead-link-withdrawn = You withdrew this request. No partner will be offered it.
lead-link-closed = This request is closed. No partner will be offered it.
lead-link-withdrawn-now = Your request is withdrawn. The partners it was offered to have been told.
lead-link-withdraw-heading = Withdraw your request
lead-link-withdraw-text = If you no longer need a partner, withdraw the request: it will not be offered again, and partners it was offered to will be told.
lead-link-withdraw = Withdraw this request…
lead-link-withdraw-confirm = Withdraw this request? This cannot be undone: to ask again, send a new request.
lead-link-withdraw-yes = Yes, withdraw it
lead-link-withdraw-keep = No, keep it
lead-link-private = This page is private to you: anyone with its address can see it.

field-organization = Organization
field-country = Country
field-segment = Type of organization
field-lead-size = Size of your organization
field-budget = Pricing preference
field-message = What you need
field-referral_code = Referral code
field-monthly_capacity = Leads per month at most
field-note = Note
field-stage = New stage
field-lost-reason = Reason if lost
field-consent = Consent
field-idempotency_key = Idempotency key
field-period = Period
field-fan_out = Partners per lead
field-fan_out_by_region = Partners per lead, by region (blank for the default)
field-weights = Preference bonuses
field-neighbours = Neighbouring regions
field-fallback = Fallback order
field-sla_hours = Hours to accept
field-update_reminder_days = Days before an update reminder
field-default_monthly_capacity = Monthly cap per partner (blank for none)
field-referral_routing = Referred leads
field-attribution_days = Days a referral link attributes
field-tie_break_seed = Tie-break seed
field-policy-note = What changes and why
field-note-policy = Note
field-code = Code
field-label = Label
field-person_email = Community member's email
field-referrer = Referrer
field-confirm = Confirmation

policy-title = How leads are allocated
policy-heading = How leads are allocated
policy-version-line = Policy version { $count }, in force since { $time }.
policy-who-heading = Who can receive a request
policy-who-text = A request is offered only to active partners that serve the requester's country or region, offer one of the requested services and speak one of the requested languages. A partner is left out when:
policy-rule-heading = Who gets it: the fair-share rule
policy-rule-text = Each time a request comes in, every partner that qualifies earns its share of it (its weight divided by the total weight of the partners that qualify). The request goes to the partner whose earned shares exceed the requests it already received by the most. A partner only earns shares for the requests it could have received, so partners are compared with those serving the same area.
policy-pref-text = A partner's weight starts at 1 and grows when it matches what the requester asked for:
policy-pref-caption = Preference bonuses
policy-pref-match = Partner matches the request's…
policy-pref-bonus = Added weight
policy-pref-segment = Type of organization
policy-pref-size = Size
policy-pref-pricing = Pricing preference
policy-tie-text = Ties are broken by the smallest SHA-256 hash of "{ $name }:request number:partner number", which anyone can recompute.
policy-fallback-heading = When nobody qualifies
policy-step-own-region = Partners of the requester's region and country
policy-step-neighbouring-regions = Partners of neighbouring regions
policy-step-any-region = Any active partner
policy-step-queue = The foundation's queue: a person finds a partner; no request is dropped
policy-neighbours-caption = Neighbouring regions
policy-neighbours = Neighbours
policy-numbers-heading = Time limits and numbers
policy-sla = A partner has { $count ->
    [one] 1 hour
   *[other] { $count } hours
} to accept or decline; without an answer the request goes to the next partner.
policy-reminder = Partners are reminded to report progress after { $count ->
    [one] 1 day
   *[other] { $count } days
} without an update.
policy-capacity = No partner receives more than { $count ->
    [one] 1 request
   *[other] { $count } requests
} a month.
policy-referral-pool = Referred requests join the fair pool; the referrer is credited.
policy-referral-referrer = Requests referred by a partner are offered to that partner first, when it qualifies.
policy-attribution = A referral link counts for { $count ->
    [one] 1 day
   *[other] { $count } days
}.
policy-fanout-caption = Partners each request goes to
policy-fanout = Partners per request
policy-history-heading = Version history
policy-history-caption = Every version of the policy
policy-version = Version
policy-adopted = Adopted
policy-note = Change
policy-json = The policy as data (JSON)

exclusion-not-active = not an active partner
exclusion-paused = paused receiving leads
exclusion-at-capacity = reached its monthly limit
exclusion-declined = already declined or let this request expire
exclusion-no-service = offers none of the requested services
exclusion-no-language = speaks none of the requested languages

why-pool-own-region = It came from your region or a country you serve.
why-pool-neighbouring-regions = Nobody in its region qualified; your region is a neighbour.
why-pool-any-region = Nobody in its region or neighbouring regions qualified.
why-pool-queue = Nobody qualified; the foundation placed it.
why-policy = Decided under policy version { $count }.
why-candidates = Partners that qualified for it: { $count }.
why-numbers = Your earned share was { $credit } against { $received ->
    [one] 1 lead
   *[other] { $received } leads
} received, the largest difference.
why-highest = You had the largest difference between earned share and leads received.
why-tie = Several partners tied; the published hash decided.
why-referral = It was referred by your organization, and the policy offers referred requests to their referrer.
why-direct = The requester asked for your organization from your directory profile: it was offered to you alone.
why-manual = The foundation offered it to you directly.
why-pool-manual = Offered by hand by the foundation
why-pool-direct = Addressed to one partner from its profile

metric-received = Received
metric-queued = Queued
metric-offered = Offered
metric-accepted = Accepted
metric-declined = Declined
metric-reoffered = Re-offered
metric-expired = Expired
metric-won = Won
metric-lost = Lost
metric-manual = By hand
metric-direct = Direct

report-title = Lead transparency report { $name }
report-lead = How many requests came in and how they were shared, per region and per partner.
report-periods = Periods
report-year = Year
report-quarter = Quarter
report-month = Month
report-downloads = Download:
report-versions = Policy versions in force:
report-chart-title = Requests received per region
report-chart-desc = Horizontal bars, one per region; the table below gives the same numbers.
report-suppressed-note = Regions with fewer than 5 requests are drawn empty.
report-regions-caption = Per region
report-partners-caption = Per partner
report-partner = Partner
report-median = Median time to accept
report-conversion = Conversion (won / accepted)
report-entitled = Entitled / received
report-total = All regions
report-none = No partner received requests in this period.
report-fewer-than = fewer than { $count }
report-withheld = withheld, so that a small count of its column cannot be worked out
report-withheld-short = *
report-method = Entitled is the sum of the partner's fair shares of the requests it qualified for; received counts the offers it got in the rotation. Offered counts every offer, including those the foundation made by hand (for requests nobody qualified for) and direct ones (requests addressed to the partner from its profile), which are also shown apart and are outside the rotation. Counts follow the month each request came in.
report-fewer-than-short = <{ $count }
duration-minutes = { $count } min
duration-hours = { $time } h
duration-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
report-suppressed-legend = <{ $count } means more than none but fewer than { $count }: such small counts are not published, so that no single request or partner can be singled out. Where one could still be worked out by subtracting the shown counts of its column from the total, the smallest shown count of that column is withheld as well (marked *), so that none can.

inbox-title = Leads
inbox-heading = Leads of { $name }
inbox-tabs = Leads by stage
inbox-tab-waiting = Waiting for your answer
inbox-tab-pipeline = In progress
inbox-tab-closed = Closed
inbox-empty = Nothing here.
inbox-count = { $count ->
    [one] 1 lead
   *[other] { $count } leads
}
inbox-lead = Lead
inbox-lead-n = Lead #{ $count }
inbox-due = Answer before
inbox-settings = Receiving leads
inbox-pause = Pause: offer us no new leads for now
inbox-capacity-default = The policy caps every partner at { $count } a month.
inbox-capacity-unlimited = Leave blank for no limit.
inbox-saved = Saved.
inbox-share-heading = Your fair share over time
inbox-share-text = Entitled: the shares you earned from the requests you qualified for. Received: the offers you got.
inbox-share-none = No requests yet.
inbox-share-chart = Entitled (light) and received (dark) per month
inbox-month = Month
inbox-entitled = Entitled
inbox-received = Received

offer-offered = Offered
offer-accepted = Accepted
offer-declined = Declined
offer-expired = Expired (no answer in time)
offer-contacted = Contacted
offer-proposal = Proposal sent
offer-won = Won
offer-lost = Lost
offer-withdrawn = Withdrawn
offer-request = The request
offer-contact = Contact
offer-contact-hidden = Contact details are shown once you accept.
offer-view-logged = Views of contact details are logged.
offer-wrote-again = The requester wrote again on { $time }:
offer-why = Why this lead came to you
offer-answer = Your answer
offer-due = Accept or decline before { $time }.
offer-accept = Accept
offer-decline = Decline
offer-progress = Report progress

decline-outside-expertise = Outside our expertise
decline-no-capacity = No capacity right now
decline-too-small = Too small for us
decline-language-or-region = Language or region we cannot serve
decline-conflict-of-interest = Conflict of interest
decline-other = Other
lost-no-response = No response
lost-budget = Budget
lost-chose-competitor = Chose someone else
lost-project-cancelled = Project cancelled
lost-not-a-fit = Not a fit
lost-other = Other

lead-status-pending = Waiting for allocation
lead-status-offered = Offered
lead-status-queued = In the queue
lead-status-merged = Merged
lead-status-withdrawn = Withdrawn
lead-status-spam = Closed as spam
lead-status-duplicate = Closed as duplicate
close-spam = Spam
close-duplicate = Duplicate
close-withdrawn = Withdrawn (by or for the requester)
desk-done-offered = The lead was offered to the partner, who has been told.
desk-done-closed = The lead is closed; partners holding an offer have been told.
desk-direct-to = Addressed to
desk-closed = Closed
desk-manual-route = Offered by hand to { $name } by { $by }, outside the rotation. Reason:
desk-direct-route = A request addressed to { $name } from its profile: offered to it alone, outside the rotation.
desk-offer-heading = Offer to a partner
desk-offer-hint = For a lead no partner qualified for: it goes to the partner you choose, outside the fair-share rotation, and is counted as manual in the report.
desk-partner = Partner
desk-reason = Reason
desk-offer = Offer the lead
desk-close-heading = Close the lead
desk-close-hint = No further offers. Partners holding an offer are told.
desk-close-reason = Why
desk-note = Note
desk-close = Close the lead
field-partner = Partner
field-close_reason = Why
lead-source-form = request form
lead-source-api = API
admin-lead-place = { $name } ({ $names })

admin-leads = Leads
admin-lead-policy = Lead policy
admin-referrals = Referrals
admin-lead-data = Personal data
admin-received = Received
admin-anonymised = Anonymised
admin-retry = Allocate again
admin-offers = Offers
admin-no-offers = No partner has been offered this request yet.
admin-views = Who saw the contact details
admin-round = Allocation { $count } (policy version { $name })
admin-outside = { $count ->
    [one] 1 partner outside the area
   *[other] { $count } partners outside the area
}
admin-referral-route = Referral: offered to { $name } first.
admin-candidates = Partners that qualified
admin-weight = Weight
admin-share = Share
admin-credit = Earned
admin-score = Difference
admin-result = Result
admin-chosen = Chosen
admin-tied = tied
admin-excluded = Left out
admin-by = By
admin-policy-adopted = Version { $count } adopted and published.
admin-neighbours-hint = For each region, tick the regions whose partners may receive its requests when none of its own partners can take them.
admin-neighbours-of = Neighbours of { $name }
admin-dry-run = Dry run
admin-adopt = Adopt as a new version
admin-dry-run-heading = { $count ->
    [one] Dry run over the last request
   *[other] Dry run over the last { $count } requests
}
admin-dry-run-text = Requests replayed from scratch against today's partners (monthly limits left out), under the policy in force and under the proposal.
admin-dry-run-caption = Offers per partner
admin-dry-current = In force
admin-dry-proposed = Proposed
admin-dry-delta = Change

referrals-caption = Referral codes
referrals-referrer = Referrer
referrals-link = Link
referrals-by-referrer = Conversion per referral code
referrals-by-region = Conversion per region
referrals-by-source = Conversion per source
referrals-key = Group
referrals-referred = Referred
referrals-new = New referral code
referrals-partner = Partner (or…)
referrals-person = …community member's email
referrals-create = Create

data-lead = Export everything stored about a requester, or erase it. Erasure keeps the counts of the transparency report and withdraws open offers.
data-confirm = I confirm the erasure: it cannot be undone.
data-export = Export (JSON)
data-erase = Erase
data-erased = { $count ->
    [one] Personal data of 1 request erased.
   *[other] Personal data of { $count } requests erased.
}
error-code-taken = This code is already used.
error-explain-required = Say why: it is kept with the lead and in the audit log.
error-unknown-partner = No listed partner has this address.
error-partner-inactive = This partner is not listed in the directory.
error-already-offered = This partner has already had this lead.
error-country-not-served = This country is not in any region of the map.
error-idempotency-conflict = This Idempotency-Key was already used for a different request.
error-invalid-fallback = Each fallback may appear once.
error-invalid-fan-out = Offer each lead to 1, 2 or 3 partners.
error-invalid-period = Use a year (2026), a quarter (2026-Q4) or a month (2026-11).
error-invalid-stage = Unknown stage.
error-invalid-weight = Weights are numbers from 0 to 10.
error-invalid-reason = Choose a reason from the list.
error-invalid-referral-code = Use 3 to 32 letters, digits or hyphens.
error-out-of-range = This number is out of range.
error-unknown-person = Nobody has an account with this email.
error-unknown-referral-code = This referral code is not known.
portal-leads = Leads offered to us
inbox-referrals = Your referral links
inbox-referrals-none = No referral code yet: ask the foundation for one.
inbox-referrals-text = Requests sent through these links or with these codes are credited to you.
inbox-referrals-link = Link or code
inbox-referrals-disabled = disabled by the foundation

## E-mails
email-lead-confirm-subject = We received your request for an Open edX partner
email-lead-confirm-body = Hello,

    Thank you: the Open edX foundation received your request. Its reference is { $reference }.

    It is offered to partners by the published allocation rules; a partner who accepts it will contact you.
    See where it stands, or withdraw it, at this private address (anyone with the link can see it, so keep it to yourself):

    { $link }

    If you did not send this request, open the link and withdraw it.
email-lead-closed-subject = A lead was withdrawn
email-lead-closed-body = Lead #{ $lead } is closed: the request was withdrawn by the requester or closed by the foundation.
    It needs nothing more from you, and it is no longer waiting in your Agora inbox.
email-offer-new-subject = A new lead is waiting for your answer
email-offer-new-body = A prospect's request was offered to your organization (lead #{ $lead }). Accept or decline it in your Agora inbox before { $due }; after that it goes to another partner.
email-offer-reminder-subject = { $count ->
    [one] Please update a lead you accepted
   *[other] Please update { $count } leads you accepted
}
email-offer-reminder-body = { $count ->
    [one] Lead { $leads } has
   *[other] Leads { $leads } have
} had no update for { $days ->
    [one] 1 day
   *[other] { $days } days
}. Tell the foundation where { $count ->
    [one] it stands
   *[other] each stands
} (contacted, proposal, won or lost) in your Agora inbox.

# Compliance with the marketing obligations in the lead policy (issue 11)
field-compliance = Obligations and leads
admin-compliance-hint = Off by default. When on, a partner behind on its marketing obligations (this year or last) gets a smaller share of leads: its weight is multiplied by the factor below (more than 0, at most 1). The published policy and every allocation's explanation say so.
admin-compliance-on = Weigh partners' standing on their marketing obligations
admin-compliance = Obligations
policy-compliance-heading = Marketing obligations
policy-compliance-on-text = A partner's standing on its yearly marketing obligations weighs on its share: its weight is multiplied by the factor of its standing, the worse of this year's and last year's. A year that ended short counts as overdue through the next year.
policy-compliance-off-text = A partner's standing on its marketing obligations plays no part in allocation.
policy-compliance-caption = Factor by standing on the obligations
policy-compliance-standing = Standing on the obligations
policy-compliance-factor = Weight multiplied by
why-compliance = Your standing on the marketing obligations ({ $status }) multiplied your weight by { $factor }.
error-invalid-compliance-factor = Each factor is a number from 0.01 to 1.
field-compliance_behind = Factor when behind
field-compliance_overdue = Factor when overdue
error-compliance-overdue-above-behind = The factor when overdue cannot be gentler than the factor when behind.
error-no-email-address = This text is published: leave out e-mail addresses.
