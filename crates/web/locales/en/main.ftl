# Agora — English. Every user-facing string of the web layer lives here; other languages copy this file.

site-name = Agora
site-tagline = Open edX community programs
nav-skip = Skip to content
nav-label = Main
nav-partners = Find a partner
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
home-stats-partners = active partners
home-stats-regions = regions served
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
