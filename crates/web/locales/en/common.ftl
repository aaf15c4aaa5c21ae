# Shared by every program: layout, navigation, home page, field names and errors, error pages.

site-name = Agora
site-tagline = Open edX community programs
nav-skip = Skip to content
nav-label = Main
nav-account-label = Your account
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

## Field names, for error summaries
field-name = Name
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
field-language = Language

## Field errors
error-invalid-value = This value is not valid.
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
error-ambiguous-number = Write the number without a thousands separator (1000, not 1.000); use a point for decimals (12.5).
error-invalid-target = Enter a number from 0 to 1,000,000,000, or a share from 0 to 100, with a point for decimals (12.5).
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

## Language names, each in its own language (the same in every locale)
language-name-en = English
language-name-es = Español
language-name-fr = Français
# Shared by every form with a "kind" field (decisions, key results, contributions).
field-kind = Kind
error-nul-character = This text contains a NUL character (U+0000), which is not accepted.
error-invalid-course-id = Enter an Open edX course id: course-v1:Org+Course+Run or Org/Course/Run.
error-not-a-tracking-log = This file is not an Open edX tracking log: its first lines are not JSON events with an event type and a time.
error-roi-zero-investment = A return on investment needs at least one investment line above zero.
error-too-many = There are too many entries here.
error-tracking-log-differs = This file begins like a log imported before but differs from it further on; nothing was added.
error-unknown-metric = Choose one of the metrics offered.
