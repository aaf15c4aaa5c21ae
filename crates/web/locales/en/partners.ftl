# The partner directory, profiles, badges, applications and the partner portal.

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
form-error-line = { $field }: { $message }
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

## Partner portal
portal-title = My organization
portal-heading = My organization
portal-none = Your account is not linked to a partner organization yet.
portal-reason = Note from the foundation
portal-edit = Edit the public profile

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
