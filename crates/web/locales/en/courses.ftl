# Community plans for courses (issue 13, seed 004 "Build your community").

courses-title = Community plans for courses
courses-lead = For each course: who it is for, what it offers them, what the community costs and returns, who does what, and how learners actually respond, measured from the course's own activity.
courses-new = New community plan
courses-new-text = A plan belongs to one course. You will own it and can share it with people or a group.
courses-mine = Plans you can see
courses-none = No plan is shared with you yet.
courses-sign-in = Sign in to see the plans shared with you or to start one.
courses-owner = Owner
courses-public = Published progress
courses-public-none = No course publishes its progress yet.
courses-edit-title = Edit the plan of { $course }
courses-course-id-fixed = A plan stays with its course.
courses-course-id-hint = As Open edX writes it: course-v1:Org+Course+Run, or the older Org/Course/Run.
courses-partner = Partner running the course
courses-no-partner = None
courses-purpose-hint = Internal: for your own staff or members, where the community's cost matters less. External: an extended community, with its cost and complexity.
courses-stakeholders-hint = Who to involve: teams, sponsors, partners.
courses-guidelines-hint = The community's guidelines and policies: moderation, tone, what is answered where.
courses-lms-url-hint = The course's about page on the LMS. Referral links are built from it.
courses-public-progress-hint = Shows the measures marked public at a public address, with every count under five learners hidden.
courses-create = Create the plan
courses-run-by = run by { $partner }
courses-plan-sections = Sections of the plan
courses-edit = Edit the plan
courses-import = Import learner data
courses-series = Weekly figures
courses-public-page = Public progress
courses-targets = Targets and offer
courses-targets-none = No target audience yet.
courses-targets-edit = Edit targets and offer
courses-targets-title = Targets and offer of { $course }
courses-targets-text = For each audience segment: its estimated size, the offer made to it and what makes that offer stand out.
courses-segment = Segment
courses-segment-n = Segment { $n }
courses-rows-hint = Leave a row empty to remove it.
courses-business = Business plan
courses-business-title = Business plan of { $course }
courses-business-text = Investment lines (people, marketing, tools, events) and expected value lines (revenue, cost savings, certificates sold, leads), each paid once in the first month or every month.
courses-business-horizon = Over { $months } months.
courses-business-no-break-even = This external plan does not pay for itself within its horizon.
courses-business-internal = An internal plan shows its cost; it is not required to break even.
courses-business-none = No line yet.
courses-business-lines = Lines of the business plan
courses-business-amount = Each time
courses-business-sensitivity = Return if the value is off
courses-business-value-change = If the value is
courses-business-as-planned = As planned
courses-business-investment = Investment
courses-business-value = Value
courses-business-roi = Return on investment
courses-business-break-even = Breaks even
courses-business-month = in month { $month }
courses-business-month-beyond = in month { $month }, after the horizon
courses-business-never = never
courses-business-edit = Edit the business plan
courses-line-n = Line { $n }
courses-measures = Measures of success
courses-measures-hint = Each measure is computed from the course's imported learner activity, never typed in.
courses-measures-none = No measure yet.
courses-measure-target = target { $target } by { $date }
courses-measure-actual = now { $actual }
courses-measure-public = public
courses-measure-add = Add a measure
courses-measure-name-example = 2,000 enrolled by week 6
courses-target-hint = A number of learners or posts, or a percentage for a share.
courses-chart-title = { $measure }, week by week
courses-chart-table = The figures as a table
courses-week = Week of
courses-no-data = No learner data yet: import a tracking log.
courses-remove = Remove
courses-edit-part = Edit
courses-measure-edit-title = Edit the measure “{ $name }”
courses-item-edit-title = Edit the roadmap item “{ $name }”
courses-roadmap = Roadmap
courses-roadmap-none = Nothing planned in this phase.
courses-overdue = Overdue
courses-item-add = Add to the roadmap
courses-roles = Roles
courses-roles-none = No one has a role yet.
courses-role-add = Give a role
courses-responsibilities-hint = Leave empty for the role's usual responsibilities.
courses-referrals = Referral links
courses-referrals-hint = Learners and partners pass these links on; enrollments that come through them are counted in the weekly figures.
courses-referrals-no-lms = Add the course's LMS address to the plan to get its links.
courses-referrals-none = Neither the partner running the course nor anyone on the plan has a referral code yet.
courses-referral-link = Link
courses-referred = Learners referred
courses-sharing = Sharing
courses-sharing-hint = People and groups the plan is shared with see its exact figures.
courses-sharing-none = The plan is not shared with anyone yet.
courses-share-add = Share the plan
courses-unshare = Stop sharing
courses-role-remove-question = Remove { $name } as { $role }?
courses-unshare-question = Stop sharing this plan with { $name }?
course-share-person = person
course-share-group = group

course-series-title = Weekly figures of { $course }
course-series-text = Weeks start on Monday (UTC).
course-series-csv = Download as CSV
course-series-caption = Learner activity week by week
course-series-week-start = Week of
course-series-enrolled = Enrolled
course-series-new-enrollments = New enrollments
course-series-active = Active learners
course-series-returning = Returning learners
course-series-played-video = Played a video
course-series-attempted-problem = Attempted a problem
course-series-forum-posts = Forum posts
course-series-completions = Completions
course-series-certificates = Certificates
course-series-referred = Referred
course-funnel = From enrollment to completion
course-funnel-enrolled = Enrolled
course-funnel-active = Active at least once
course-funnel-completed = Completed
course-cohorts = Retention by enrollment week
course-cohorts-hint = Of the learners who enrolled in a week, the share active in that week and in each week after.
course-cohort-week = Enrolled in the week of
course-cohort-size = Learners
course-cohort-week-n = Week { $n }

course-import-title = Import learner data for { $course }
course-import-text = Upload a tracking log as the LMS writes it (plain or .gz) or the instructor dashboard's enrolled-students CSV. Only this course's events are kept; importing a file again adds nothing, and a log that grew adds only its new lines.
course-import-kind = What the file is
course-import-kind-tracking = A tracking log
course-import-kind-enrolled = The enrolled-students CSV
course-import-file-hint = Up to { $mb } MB. Larger logs are imported with the command agora course import-tracking-log.
course-import-submit = Import
course-import-privacy = Learners are pseudonymised as the file is read; no name, username or e-mail is kept.
course-import-done = Import finished
course-import-lines = { $n ->
    [one] { $n } line read.
   *[other] { $n } lines read.
}
course-import-events = { $n ->
    [one] { $n } event of a learner in a course.
   *[other] { $n } events of learners in courses.
}
course-import-already = The beginning of this file had been imported before; only what followed was added.
course-import-other-courses = { $n ->
    [one] { $n } event of another course was left out.
   *[other] { $n } events of other courses were left out.
}
course-import-malformed = { $n ->
    [one] { $n } line could not be read and was skipped:
   *[other] { $n } lines could not be read and were skipped; the first of them:
}
course-import-stopped = The import stopped early; what was read before is kept:
course-import-see-measures = See the measures
course-import-enrolled = { $added ->
    [one] { $added } new enrollment from { $rows } readable rows.
   *[other] { $added } new enrollments from { $rows } readable rows.
}
course-import-bad-rows = { $n ->
    [one] { $n } row had no username or no readable enrollment date and was skipped:
   *[other] { $n } rows had no username or no readable enrollment date and were skipped:
}

course-progress-title = { $course }: how the community grows
course-progress-text = The measures this course's team chose to publish. Figures are rounded to the nearest five; a week with fewer than five learners is not shown.
course-progress-none = No measure is published yet.
course-progress-data-updated = Learner activity last imported on { $date }.
course-progress-no-data = No learner activity has been imported yet.
course-fewer-than-five = fewer than 5

task-course-item-overdue = Overdue on the roadmap of { $course }: { $item }

course-purpose-internal = Internal
course-purpose-external = External
course-line-people = People
course-line-marketing = Marketing
course-line-tools = Tools
course-line-events = Events
course-line-revenue = Revenue
course-line-cost-savings = Cost savings
course-line-certificates-sold = Certificates sold
course-line-leads = Leads
course-cadence-one-off = Once
course-cadence-monthly = Every month
course-role-strategic-lead = Strategic lead
course-role-community-manager = Community manager
course-role-pedagogical-manager = Pedagogical manager
course-role-sales = Sales
course-role-legal = Legal
course-role-it = IT
course-role-strategic-lead-duties = Guides the overall planning and execution of the community roadmap; ensures integration with internal stakeholders and external partners; aligns communication and content with the organization's larger initiatives and announcements.
course-role-community-manager-duties = The front door for community members: the voice of the organization to the community and of the community to the organization. Works with the pedagogical manager, posts messages, monitors and moderates discussions, resolves non-pedagogical issues and raises problems to the leads as they appear.
course-role-pedagogical-manager-duties = Owns the course's learning content and answers pedagogical questions, with the community management team.
course-role-sales-duties = Strategizes and executes to drive conversions.
course-role-legal-duties = Approves the processes set by the strategic lead and is ready to assist when a situation requires it.
course-role-it-duties = Looks after the security, reliability and scalability of the technology and manages the social tools.
course-phase-build-target-base = Build the target base
course-phase-engage = Understand and engage the audience
course-phase-go-viral = Go viral through members
course-phase-organize-team = Organize the team
course-item-status-planned = Planned
course-item-status-in-progress = In progress
course-item-status-done = Done
course-item-status-dropped = Dropped
course-access-view = Can view
course-access-edit = Can edit
course-metric-enrolled = Learners enrolled
course-metric-active-share = Share of enrolled learners active in the week (%)
course-metric-returning-share = Share of the week's active learners who returned (%)
course-metric-active = Active learners in the week
course-metric-forum-posts = Forum posts so far
course-metric-referred = Referred learners so far
course-metric-completions = Completions so far
course-metric-certificates = Certificates so far
course-metric-played-video = Learners who played a video in the week
course-metric-attempted-problem = Learners who attempted a problem in the week
course-standing-met = Met
course-standing-missed = Missed
course-standing-in-progress = In progress
course-standing-no-data = No data yet

field-course_id = Course id
field-lms_url = Course page on the LMS
field-public_progress = Publish the public measures
field-horizon_months = Horizon in months
field-due_on = Date
field-targets = Targets
field-lines = Lines
field-measure = Measure
field-access = Access
field-cadence = Paid
field-guidelines = Guidelines and policies
field-metric = Metric
field-offer = Offer
field-owner = Owner
field-phase = Phase
field-public = Public
field-quantity = Quantity
field-responsibilities = Responsibilities
field-stakeholders = Stakeholders
field-usp = What makes it stand out

error-course-plan-exists = This course already has a plan. Ask its owner to share it with you.
error-course-has-data = Agora already holds learner data for this course: ask the foundation to create its plan and share it with you.
error-course-role-taken = This person already has this role.
error-share-one-grantee = Choose a person or a group (one of them).
error-csv-enrolled-columns = This is not the enrolled-students CSV: it needs the columns username and enrollment_date.
error-csv-not-utf8 = The file is not UTF-8 text.
courses-segment-size = Estimated size
courses-unit-price = Unit price (US$)
footer-courses = Community plans for courses
error-invalid-text = This text holds invisible characters that change the direction of what follows; remove them.
error-time-out-of-range = A date is before 2012 or in the future.
error-tracking-log-busy = This file was being imported at the same time by someone else; what that import added stays. Import it again to add the rest.
error-course-owner-no-access = This person cannot see the plan: share it with them or give them a role first.
error-course-share-open-group = Anyone can join this group, so sharing with it would share the plan with anyone. Share with people, or with a group that admits members on request.
courses-measure-actual-at = { $actual } on { $date }
courses-measure-name = Name of the measure
courses-value = Value
courses-not-saved = Not saved: see the form below.
courses-import-nothing-new = This file had been imported before: nothing new was added.
