# Agora — English. Every user-facing string of the web layer lives here; other languages copy this file.

site-name = Agora
site-tagline = Open edX community programs
nav-skip = Skip to content
nav-label = Main
nav-partners = Partner directory
nav-apply = Become a partner
nav-portal = My organization
nav-admin = Administration
nav-login = Sign in
nav-logout = Sign out
footer-text = Agora runs the partner and community programs of the Open edX ecosystem. Partner listings are maintained by the foundation.
footer-api = API

## Home
home-title = Open edX partners and community
home-heading = Find an Open edX partner
home-lead = Certified service providers host, build, teach and support Open edX around the world. Search them by region, service, language and the kind of organization you are.
home-find = Browse the partner directory
home-apply = Apply to become a partner
home-stats-heading = The partner program today
home-stats-partners = { $count ->
    [one] active partner
   *[other] active partners
}
home-stats-regions = { $count ->
    [one] region served
   *[other] regions served
}
chart-regions-title = Active partners per region
chart-regions-desc = Horizontal bar chart of how many active partners serve each region; the same numbers are in the table that follows.
chart-count = Partners

## Directory
directory-title = Partner directory
directory-heading = Open edX partner directory
directory-lead = Every organization listed here is an active, certified Open edX Partner.
directory-filter-label = Filter partners
directory-filter-heading = Filter
directory-count = { $count ->
    [one] 1 partner
   *[other] { $count } partners
}
directory-empty = No partner matches these filters. Try removing one.
directory-bad-filter = One of the filters has a value we do not know. Correct it and search again.
filter-q = Search
filter-region = Region
filter-country = Country served
filter-service = Service
filter-language = Language
filter-segment = Organization type
filter-size = Company size
filter-any = Any
filter-submit = Search
filter-reset = Clear filters
pager-label = Pages
pager-prev = Previous page
pager-next = Next page
pager-status = Page { $page } of { $pages }

## Profile, badge, verification
profile-request-proposal = Request a proposal from this partner
profile-logo-alt = { $name } logo
profile-about = About
profile-facts = At a glance
profile-hq = Headquarters
profile-regions = Regions served
profile-countries = Countries served
profile-languages = Languages
profile-services = Services
profile-pricing = Pricing
profile-size = Company size
profile-segments = Serves
profile-verify-heading = Verify this partner
profile-verify-text = Anyone can check that this organization is an Open edX Partner in good standing.
profile-verify-link = Verification page
profile-embed-label = Badge to embed on your website (HTML)
badge-label = Open edX Partner
badge-state-active = active
badge-state-inactive = not active
badge-active = Open edX Partner: active
badge-inactive = Open edX Partner: not active
verify-title = Partner verification
verify-heading = Open edX Partner verification
verify-active = { $name } is an active Open edX Partner.
verify-inactive = { $name } is not an active Open edX Partner at this time.
verify-checked = Checked { $time }.
verify-profile = See the partner's profile

## Applying and editing
apply-title = Become a partner
apply-heading = Apply to the Open edX partner program
apply-lead = Tell us about your organization. The foundation reviews every application; once approved, your profile appears in the directory and your contact receives an invitation to manage it.
apply-submit = Send application
applied-title = Application received
applied-heading = Thank you, your application was received
applied-text = We will review the application of { $name } and write to its contact.
applied-back = Back to the directory
edit-title = Edit { $name }
edit-saved = The profile was saved.
edit-submit = Save profile
form-has-errors = Some fields need your attention:
form-organization = Organization
form-name = Organization name
form-slug = Address in the directory
form-slug-hint = Lowercase letters, digits and hyphens, as in /partners/your-name. Leave empty to make one from the name.
form-website = Website
form-logo = Logo URL
form-description = Description
form-hq = Headquarters country
form-size = Company size
form-regions = Regions and countries served
form-countries = Other countries served
form-countries-hint = Two-letter country codes separated by commas, for example: CA, MX, BR.
form-services = Services offered
form-pricing = Pricing structures
form-segments = Organizations served
form-languages = Languages spoken with clients
form-contact = Contact (private)
form-contact-hint = Never shown publicly. This person becomes the administrator of your profile.
form-contact-name = Contact name
form-contact-email = Contact email
form-motivation = Why do you want to join?
form-required = (required)
form-required-one = (choose at least one)
form-choose = Choose…

## Field names, for error summaries
field-name = Organization name
field-slug = Address in the directory
field-website = Website
field-logo_url = Logo URL
field-description = Description
field-hq_country = Headquarters country
field-size = Company size
field-regions = Regions served
field-countries = Countries served
field-services = Services
field-pricing = Pricing
field-segments = Organizations served
field-languages = Languages
field-contact_name = Contact name
field-contact_email = Contact email
field-motivation = Motivation
field-status = Status
field-reason = Reason
field-page = Page
field-per_page = Page size
field-email = Email
field-password = Password

## Field errors
error-required = This field is required.
error-too-long = This is too long.
error-too-short = This is too short.
error-invalid-url = Enter a full web address starting with https:// or http://.
error-invalid-email = Enter a valid email address.
error-invalid-country = Unknown country: use two-letter codes such as FR or US.
error-invalid-region = Unknown region.
error-invalid-language = Unknown language.
error-invalid-service = Unknown service.
error-invalid-segment = Unknown organization type.
error-invalid-size = Unknown company size.
error-invalid-pricing = Unknown pricing structure.
error-invalid-status = Unknown status.
error-invalid-slug = Use 2 to 60 lowercase letters, digits and single hyphens.
error-slug-taken = Another partner already uses this address.
error-slug-locked = Only the foundation can change this address, because badges embedded on other sites link to it. Ask the staff.
error-csv-unreadable = The file is not readable as CSV.
error-csv-missing-columns = The file lacks some of the expected columns.
error-slug-duplicate = This address appears twice in the file.
error-email-taken = An account with this email already exists.
error-invalid-transition = This status change is not allowed.
error-reason-required = Give a reason: the partner will see it.
error-weak-password = Use at least 12 characters, and not your email address.
error-password-mismatch = The two passwords do not match.
error-wrong-password = This is not your current password.
error-consent-required = Please confirm before sending.
error-invalid-number = Enter a whole number in the allowed range.
error-invalid-role = Unknown role.
error-invalid-filter = Unknown filter value.
error-last-admin = The last administrator cannot lose the role.

## Error pages
error-back-home = Go to the home page
error-page-unauthorized = Please sign in
error-page-unauthorized-text = You need to sign in to see this page.
error-page-forbidden = Not allowed
error-page-forbidden-text = Your account does not have access to this page. If you think it should, ask the foundation staff.
error-page-not-found = Page not found
error-page-not-found-text = There is nothing at this address. It may have moved, or the partner may no longer be listed.
error-page-invalid = Something in the request is not valid
error-page-invalid-text = Go back, check what you entered and try again.
error-page-bad-request = This request could not be processed
error-page-bad-request-text = The form may have expired or not come from this site. Go back, reload the page and try again.
error-page-too-large = The request is too large
error-page-too-large-text = What you sent is larger than Agora accepts. Send a smaller file or less text.
error-page-too-many = Too many attempts
error-page-too-many-text = For your security, please wait a few minutes before trying again.
error-page-internal = Something went wrong on our side
error-page-internal-text = The error was logged and the team will look at it. Please try again later.

## Sign-in, passwords, account
login-title = Sign in
login-heading = Sign in to Agora
login-email = Email
login-password = Password
login-submit = Sign in
login-failed = The email or password is not correct.
login-forgot = Forgot your password?
forgot-title = Reset your password
forgot-heading = Reset your password
forgot-text = Enter the email of your account. If it exists, we will send a link to choose a new password; the link works for one hour.
forgot-submit = Send the link
forgot-sent = If an account exists for this address, a link to reset its password is on its way.
reset-heading = Choose a new password
invitation-heading = Welcome to Agora: choose your password
password-new = New password
password-hint = At least 12 characters. A few unrelated words make a strong, memorable password.
password-confirm = Repeat the new password
password-current = Current password
password-submit = Save password and sign in
link-expired = This link has expired or was already used. Ask for a new one.
account-title = Your account
account-heading = Your account
account-profile = Profile
account-roles = Roles
account-no-roles = None
account-password = Change password
account-password-submit = Change password
account-password-changed = Your password was changed. Your other sessions were signed out.
tokens-heading = API tokens
tokens-text = Personal tokens let scripts use the Agora API on your behalf, with your permissions. Send one as "Authorization: Bearer <token>".
tokens-created = Copy your new token now: it will not be shown again.
tokens-none = You have no API tokens.
tokens-name = Name
tokens-prefix = Starts with
tokens-created-at = Created
tokens-last-used = Last used
tokens-never = Never
tokens-actions = Actions
tokens-revoke = Revoke
tokens-new-name = Name of a new token
tokens-create = Create token
tokens-expires = Expires
tokens-expired = Expired on { $date }
tokens-valid-for = Valid for
tokens-valid-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
tokens-revoked-by-reset = { $count ->
    [one] Your password was reset, so your API token was revoked: create a new one for your scripts.
   *[other] Your password was reset, so your { $count } API tokens were revoked: create new ones for your scripts.
}

## Partner portal
portal-title = My organization
portal-heading = My organization
portal-none = Your account is not linked to a partner organization yet.
portal-reason = Note from the foundation
portal-edit = Edit the public profile

## Administration
admin-nav-label = Administration
admin-dashboard = Administration
admin-partners = Partners
admin-people = People
admin-regions = Regions
regions-text = Leads and the directory's region filter use this map. A partner serves the regions it names and the regions of the countries it names. Operators change the map with "agora regions import"; every partner's regions are then recomputed.
regions-slug = Identifier
regions-countries = Countries
admin-audit = Audit log
admin-audit-all = See the whole audit log
admin-outbox = Outgoing email
admin-import = Import partners
admin-export = Export partners (CSV)
admin-recent = Recent activity
admin-status-tabs = Partners by status
admin-none = No partner has this status.
admin-status = Status
admin-updated = Last change
admin-change-status = Status
admin-new-status = Change the status to
admin-no-transition = No status change is possible from here.
admin-reason = Reason
admin-reason-hint = Required except when approving. The partner sees it.
admin-apply-status = Apply
admin-approved-invited = The partner was approved. Its contact was invited by email; the invitation link is:
admin-edit-profile = Edit profile
admin-partner-audit = History in the audit log
admin-public-page = Public page
admin-application = Application
admin-applied-at = Applied
admin-history = Status history
admin-team = People
admin-team-empty = Nobody is linked to this organization yet.
admin-invite = Invite a person
admin-invite-submit = Send invitation
admin-invited = The invitation was sent. The link is:
admin-person-name = Name
admin-role = Role
admin-role-partner = Partner organization
admin-role-partner-hint = Needed for partner roles.
admin-people-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
admin-account-state = Account
admin-grant = { $name } · { $names }
admin-scope-unknown = unknown (#{ $count })
admin-account-active = Active
admin-account-invited = Invited
audit-filter = Filter the audit log
audit-at = When
audit-actor = Who
audit-action = Action
audit-entity = What
audit-entity-type = Kind of record
audit-entity-id = Record id
audit-change = Change
audit-before = Before
audit-after = After
audit-none = No entry matches.
outbox-text = Email Agora has queued for delivery, newest first.
outbox-none = No email yet.
outbox-to = To
outbox-subject = Subject
outbox-queued = Queued
outbox-sent = Sent
outbox-pending = Waiting
outbox-count = { $count ->
    [one] 1 message
   *[other] { $count } messages
}
import-text = Upload a CSV file with the columns of the export. The import is all or nothing: if any row has a problem, nothing changes and every problem is listed.
import-file = CSV file
import-submit = Import
import-done = Import done: { $created } created, { $updated } updated.
import-failed = { $count ->
    [one] 1 problem found; nothing was imported.
   *[other] { $count } problems found; nothing was imported.
}
import-errors = Problems in the file
import-line = Line
import-field = Column
import-problem = Problem

## Emails
email-invite-subject = Your invitation to Agora
email-invite-body = Hello { $name },

    You have been invited to Agora, where the Open edX community runs its partner program.
    Choose your password within 7 days at:

    { $link }
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
email-tokens-revoked-subject = Your Agora API tokens were revoked
email-tokens-revoked-body = Hello { $name },

    The password of your Agora account was just reset, so every API token of the account was revoked: scripts using them can no longer act for you. Create new tokens on your account page if you need them.

    If you did not reset your password, tell the foundation at once.
email-reset-subject = Reset your Agora password
email-reset-body = Hello { $name },

    Someone asked to reset the password of your Agora account. If it was you, choose a new one within one hour at:

    { $link }

    If it was not you, ignore this message: your password stays as it is.

## Categories
status-applicant = Applicant
status-active = Active
status-suspended = Suspended
status-former = Former
status-rejected = Rejected
transition-applicant = Reopen the application
transition-active = Approve / reinstate
transition-suspended = Suspend
transition-former = Retire from the program
transition-rejected = Reject
role-admin = Foundation admin
role-partner_admin = Partner admin
role-partner_member = Partner member
role-facilitator = Facilitator
role-group_member = Group member
role-panelist = Panelist
service-hosting = Hosting
service-course-development = Course development
service-custom-development = Custom development
service-training = Training
service-consulting = Consulting
service-instructional-design = Instructional design
service-integration = Integration
service-support = Support
service-theming = Theming and branding
service-translation = Translation
segment-higher-education = Higher education
segment-corporate = Corporate
segment-government = Government
segment-nonprofit = Nonprofit
segment-k-12 = K-12
size-1-10 = 1–10 people
size-11-50 = 11–50 people
size-51-200 = 51–200 people
size-201-1000 = 201–1,000 people
size-1000-plus = More than 1,000 people
pricing-fixed-price = Fixed price
pricing-time-and-materials = Time and materials
pricing-subscription = Subscription
pricing-revenue-share = Revenue share
pricing-custom-quote = Custom quote

## Leads (issue 3)
nav-find = Request proposals
footer-transparency = Lead transparency report
footer-policy = How leads are allocated
form-any = Any
form-save = Save

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
error-ballot-empty = Rank at least one option.
error-ballot-unknown-option = This ballot ranks an option that is not on the ballot paper.
error-ballot-duplicate-option = Rank each option at most once.
error-ballot-option-names = Give each option a name of its own, on one line.
error-ballot-too-many-options = A vote may offer at most 1000 options.
error-ballot-invalid-receipt = Every ballot needs a receipt that does not start with #.
error-ballot-duplicate-receipt = Two ballots have the same receipt.
error-invalid-method = Unknown counting method.
error-invalid-quorum = Enter none or a whole percentage from 0 to 100.
error-invalid-threshold = Unknown threshold.
error-invalid-base = Unknown base for the threshold.
portal-leads = Leads offered to us
inbox-referrals = Your referral links
inbox-referrals-none = No referral code yet: ask the foundation for one.
inbox-referrals-text = Requests sent through these links or with these codes are credited to you.

## Governance
nav-governance = Governance
gov-heading = Governance
gov-intro = Where the community decides: groups work by lazy consensus, votes settle what consensus cannot, and the partner assembly is consulted before any decision that affects partners.
gov-bodies = Bodies
gov-recent = Latest decisions
gov-none = Nothing here yet.
gov-register = Decision register
gov-register-intro = Every decision taken, with its outcome statement, newest first. Open a decision to read its proposal versions, votes and consultation responses.
gov-col-decision = Decision
gov-col-body = Body
gov-col-kind = Kind
gov-col-status = Status
gov-col-when = When
gov-col-member = Member
gov-col-choice = Choice
gov-col-votes = Votes
gov-col-option = Option
gov-closes = closes { $time }
gov-closed-at = closed { $time }
gov-opened = opened { $time }
gov-min-close = { $hours ->
    [one] proposals stay open at least 1 hour
   *[other] proposals stay open at least { $hours } hours
}
gov-feed = Atom feed
gov-new = New proposal or vote
gov-open = Open and pending
gov-members = Members
gov-member = Member
gov-facilitator = Facilitator
gov-add-member = Add a member
gov-add = Add
gov-kind-hint = Lazy consensus is accepted at the close unless someone objects. Votes and consultations are opened by facilitators and the foundation.
gov-close-hint = Hours until the close: at least { $hours }. Empty means the default (72 hours, or the body's minimum).
gov-vote-settings = Vote settings (fixed when the vote opens)
gov-simple-majority = Simple majority (more than half)
gov-two-thirds = Two thirds
gov-base-votes = Of the votes cast
gov-base-electorate = Of the whole electorate
gov-method-schulze = Schulze (Condorcet)
gov-method-irv = Instant-runoff
gov-options-hint = One option per line, at least two.
gov-open-button = Open
gov-version = version { $n }
gov-versions = { $count ->
    [one] The only version
   *[other] All { $count } versions
}
gov-secret = secret ballot
gov-receipt-intro = Your ballot is recorded. Your receipt:
gov-receipt-hint = Keep it: after the close you can find your exact ballot in the published ballots, and you need it to change a secret ballot.
gov-receipt-change = To change a secret ballot you already cast, enter its receipt.
gov-outcome = Outcome
gov-review-on = review on { $date }
gov-proposal = Proposal
gov-affects-partners = This decision affects partners: it cannot be taken before the partner assembly's consultation is concluded.
gov-seed-commitment = Tie-break seed committed at opening (SHA-256): { $hash }.
gov-seed-revealed = Seed revealed at the close: { $seed }.
gov-electorate = Electorate: { $count } ({ $undecided } undecided)
gov-electorate-frozen = Frozen when the decision opened: later membership changes do not move the count.
gov-undecided = Undecided
gov-took-part = Took part
gov-positions = Positions
gov-no-positions = Nobody has stated a position on this version yet.
gov-reason-label = Reason (required to object)
gov-state-position = State my position
gov-acting-for = You act for { $name }.
gov-your-ballot = Your ballot
gov-rank-legend = Rank the options
gov-rank-hint = Give 1 to your first choice, 2 to your second, and so on. Leave out the options you do not want to rank.
gov-not-ranked = Not ranked
gov-cast = Cast my ballot
gov-change-until-close = You can change your ballot until the close; every change is logged.
gov-results-hidden = Results are hidden until the close.
gov-results = Results
gov-results-running = Running count
gov-irv-caption = Votes per round (instant-runoff); — marks an eliminated option
gov-round = Round { $n }
gov-exhausted = Exhausted ballots
gov-pairwise-caption = Pairwise preferences: the row option preferred to the column option by this many ballots
gov-strongest-caption = Strongest paths (winning votes)
gov-download-ballots = Download the anonymised ballots (CSV)
gov-recount-hint = recount them yourself with agora tally.
gov-ballots = Published ballots ({ $count })
gov-comments = Comments ({ $count })
gov-no-comments = No comments yet.
gov-response = Response
gov-respond = Record the response
gov-reply = Reply
gov-post = Post
gov-comment = Your comment
gov-actions = Move this decision on
gov-take = Record the outcome
gov-reasoning = Reasoning
gov-rule = Record the ruling
gov-revise = Publish a new version
gov-revise-hint = A new version restarts the clock; positions on earlier versions no longer count.
gov-escalate = Escalate to a moderator
gov-withdraw = Withdraw
gov-admin-bodies = Bodies
gov-new-body = New group
gov-create-body = Create
gov-delegates = Assembly delegates
gov-delegates-of = Assembly delegates of { $name }
gov-delegates-intro = Your organization has one vote in the partner assembly, cast by its delegate or, in their absence, the alternate. Without either, your partner admins may vote.
result-winner = Winner: { $name }
result-tie = Tie between { $names }: the published tie-break could not separate them.
result-no-ballots = No ballots were cast.
result-participation = { $electorate ->
    [one] { $count } of 1 elector took part.
   *[other] { $count } of { $electorate } electors took part.
}
result-needed = { $needed ->
    [one] 1 yes vote was needed out of { $base }.
   *[other] { $needed } yes votes were needed out of { $base }.
}
result-quorum = { $count ->
    [one] Quorum: 1 participant.
   *[other] Quorum: { $count } participants.
}
result-yes-no-passed = Passed.
result-yes-no-rejected = Not passed.
result-yes-no-no-quorum = Not passed: the quorum was not reached.
result-irv-eliminated = Round { $round }: { $name } eliminated.
result-irv-exhausted = { $count ->
    [one] 1 ballot exhausted.
   *[other] { $count } ballots exhausted.
}
result-tie-lookback = (tie broken by earlier rounds)
result-tie-seed = (tie broken by the seeded order)
result-tie-batch = (tied options eliminated together)
body-kind-group = Group
body-kind-partner-assembly = Partner assembly
body-kind-all-members = All members
visibility-public = Public
visibility-members = Members only
decision-kind-lazy-consensus = Lazy consensus
decision-kind-yes-no = Yes/no vote
decision-kind-ranked = Ranked vote
decision-kind-consultation = Consultation
decision-status-open = Open
decision-status-contested = Contested
decision-status-escalated = With a moderator
decision-status-closed = Closed, outcome pending
decision-status-decided = Decided
decision-status-withdrawn = Withdrawn
stance-support = Support (+1)
stance-neutral = Neutral (0)
stance-object = Object (−1)
ruling-accept = Accepted by the moderator
ruling-reject = Rejected by the moderator
vote-choice-yes = Yes
vote-choice-no = No
vote-choice-abstain = Abstain
field-title = Title
field-text = What will be done
field-kind = Kind of decision
field-close_hours = Hours until the close
field-affects_partners = This decision affects partners
field-consultation_id = Partner assembly consultation
field-secret = Secret ballot (ballots detached from voters; receipts let voters check theirs)
field-show_results_early = Show the running count before the close (open ballots only)
field-quorum_percent = Quorum (% of the electorate that must take part)
field-threshold = Threshold
field-base = Threshold measured on
field-abstentions_count = Count abstentions towards the threshold
field-method = Counting method
field-options = Options
field-stance = Position
field-choice = Choice
field-ranking = Ranking
field-receipt = Receipt
field-ruling = Ruling
field-outcome = Outcome statement
field-review_at = Review date
field-body = Comment
field-parent_id = Reply to
field-comment_id = Comment
field-response = Response
field-voter = Vote for
field-decision = Decision
field-visibility = Who can see its decisions
field-min_close_hours = Minimum hours before a close
field-delegate_id = Delegate
field-alternate_id = Alternate
field-role = Role
error-invalid-body-kind = Unknown kind of body.
error-invalid-visibility = Choose public or members only.
error-invalid-kind = Unknown kind of decision.
error-invalid-stance = Choose support, neutral or object.
error-invalid-ruling = Choose to accept or reject.
error-invalid-choice = Choose yes, no or abstain.
error-kind-not-allowed = This body cannot take this kind of decision: consultations belong to the partner assembly.
error-closing-too-soon = This body gives members more time: choose a later close.
error-closing-too-late = A decision may stay open at most 90 days.
error-consultation-required = A decision that affects partners must name the partner assembly consultation it follows.
error-secret-needs-vote = Only yes/no and ranked votes can be secret.
error-options-too-few = Give at least two options, one per line.
error-options-too-many = A vote may offer at most 20 options.
error-options-duplicate = Each option must be different.
error-decision-final = This decision is already decided or withdrawn.
error-objection-reason-required = Say why you object, so the proposer can address it.
error-consultation-open = The partner assembly consultation is not concluded yet: respond to its comments and record its outcome first.
error-comments-unanswered = Respond to every comment before recording the outcome.
error-not-partner-staff = Choose someone who works for this partner.
error-alternate-same-as-delegate = The alternate must be someone other than the delegate.
error-unknown-consultation = Choose a consultation of the partner assembly.
error-ballots-before-close = The ballots are published when the vote closes.
error-not-a-vote = This decision is not a vote.
error-not-lazy-consensus = Positions are taken on lazy-consensus proposals only.
error-decision-closed = This decision is closed: nothing can be cast or changed any more.
error-wrong-ballot-kind = This ballot does not match the kind of vote.
error-receipt-required = You already voted: enter your receipt to change your secret ballot.
error-unknown-receipt = No ballot of yours has this receipt: enter the receipt you were given when you voted.
error-too-many-proposals = You have opened as many proposals to all members as one person may in a day: try again tomorrow.
error-withdraw-unconfirmed = Tick the box to confirm that you want to withdraw this proposal.
gov-proposed-by = Proposed by { $name }
gov-names-members-only = Names are shown to signed-in members.
gov-a-member = A member
gov-withdraw-confirm = I want to withdraw this proposal: this cannot be undone.
error-secret-results-early = A secret vote cannot show results while it is open: running results would link voters to their choices.
error-not-consultation = Comments are taken on consultations only.
error-unknown-comment = This comment does not belong to this consultation.
error-respond-after-close = Responses are recorded once the consultation has closed.
error-invalid-date = Enter a date as YYYY-MM-DD.
error-not-in-electorate = You are not in this decision's electorate.
error-ballot-duplicate-rank = Give each rank to one option only.
error-wrong-type = This value has the wrong type.
