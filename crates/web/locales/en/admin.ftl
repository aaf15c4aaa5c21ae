# Foundation administration: partners by status, people, regions, the audit log, the outbox, imports.

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

## Background jobs
admin-jobs = Background jobs
jobs-text = Work Agora does on its own. Each job runs on one instance at a time; this page shows the last run recorded by any instance.
jobs-caption = Jobs and their last runs
jobs-job = Job
jobs-state = State
jobs-last-run = Last run
jobs-duration = Duration
jobs-last-success = Last success
jobs-runs = Runs
jobs-never = Never
jobs-not-run = Not run yet
jobs-ok = Working
jobs-failing = Failing
jobs-error = Error of the last run
jobs-elsewhere = Run by another instance
jobs-ms = { $count } ms
jobs-run-count = { $count ->
    [one] 1 run
   *[other] { $count } runs
}
jobs-failure-count = { $count ->
    [0] no failures
    [one] 1 failed
   *[other] { $count } failed
}
job-leads = Lead allocation, offer expiry and reminders
job-governance = Governance deadlines and reminders
job-mailer = E-mail delivery
job-cleanup = Removal of expired sessions, links and rate-limit counts
job-groups = Group facilitator rotation and term reminders
job-digests = Daily and weekly notification digests
job-obligation-reminders = Reminders of marketing obligations before the year ends
job-recognition-warnings = Evaluation warnings of Distinguished Contributors (months 9 and 11 of a term)
