# Groups: working groups, focus groups and committees; sign-up, members, facilitator terms.

nav-groups = Groups

## Directory and group page
groups-heading = Groups
groups-intro = Working groups, focus groups and committees where community members work together. Open groups take anyone who joins; others ask their facilitators first.
groups-none = No groups yet.
groups-col-name = Name
groups-part-of = Part of
groups-decisions = Decisions
groups-edit = Edit the group
groups-time = Time commitment
groups-time-none = Not stated
groups-hours = { $max ->
    [one] { $min }–{ $max } hour a month
   *[other] { $min }–{ $max } hours a month
}
groups-hours-hint = Hours a month a member is expected to give, from the least to the most. Leave both empty if the group states none.
groups-subgroups = Groups within this one
groups-collaborators = Works with
groups-your-membership = Membership
groups-sign-in-to-join = Sign in to join this group
groups-you-are-member = You are a member of this group.
groups-join = Join the group
groups-leave = Leave the group
groups-ask = Ask to join
groups-by-request-hint = This group takes members by request: a facilitator reads your message and answers.
groups-request-waiting = Your request to join is waiting for a facilitator's answer.
groups-request-declined = Your last request was declined: { $reason }
groups-requests = Requests to join
groups-requests-none = No request is waiting.
groups-decline-reason = Reason (needed to decline)
groups-accept = Accept
groups-decline = Decline
groups-members = Members
groups-members-none = Nobody has joined yet.
groups-terms = Facilitators
groups-terms-hint = Each group has a primary and a secondary facilitator, on rotation. Terms are planned ahead; the history shows who facilitated when.
groups-terms-current = Now
groups-terms-planned = Planned
groups-terms-past = History
groups-terms-none = None.
groups-plan-term = Plan a term
groups-plan = Plan the term
groups-edit-heading = Edit { $name }
groups-save = Save
groups-collab-add = Add as collaborator
groups-collab-remove = Stop working with { $name }

## Kinds, membership, seats, roles, requests
group-kind-working-group = Working group
group-kind-focus-group = Focus group
group-kind-committee = Committee or panel
group-membership-open = Open to anyone
group-membership-by-request = By request
group-seat-primary = Primary facilitator
group-seat-secondary = Secondary facilitator
group-role-primary-facilitator = Primary facilitator
group-role-secondary-facilitator = Secondary facilitator
group-role-member = Member
join-status-pending = Waiting
join-status-accepted = Accepted
join-status-declined = Declined

## Fields
field-parent = Parent group
field-purpose = Purpose
field-charter = Charter
field-hours_min = At least (hours a month)
field-hours_max = At most (hours a month)
field-chat_channel = Chat channel
field-chat_url = Chat channel link
field-mailing_list = Mailing list
field-membership = Membership
field-person = Person
field-seat = Seat
field-starts_on = First day
field-ends_on = Last day
field-collaborator = Group
field-request = Request

## Errors
error-invalid-group-kind = Choose working group, focus group or committee.
error-invalid-membership = Choose open or by request.
error-invalid-seat = Choose primary or secondary facilitator.
error-below-minimum = The most must not be less than the least.
error-parent-loop = A group cannot sit under itself or under one of its own groups.
error-unknown-group = There is no group with this name.
error-same-group = A group cannot collaborate with itself.
error-sign-in-required = Sign in first.
error-already-member = You are already a member of this group.
error-by-request = This group takes members by request: ask to join instead.
error-request-pending = Your request is already waiting for an answer.
error-facilitator-must-hand-over = You facilitate this group now or later: hand your term over before leaving.
error-not-member = This person is not a member of the group.
error-already-answered = This request has already been answered.
error-in-the-past = Choose today or a later day: past terms are history.
error-before-start = The last day must not come before the first.
error-term-too-long = A term lasts at most a year.
error-seat-taken = Someone holds this seat during these days.
error-already-facilitating = This person already facilitates during these days.
error-invalid-decision = Choose accept or decline.

## What needs me
task-group-join-request = Answer { $name }'s request to join { $group }
task-group-term-ending = { $name }'s term in { $group } ends soon: plan the next facilitator
task-group-check-in = Check in on “{ $key_result }” ({ $group }): nobody has for two weeks

## E-mails
email-group-request-accepted-subject = Welcome to { $group }
email-group-request-accepted-body = Your request to join { $group } was accepted. You are a member now: { $link }
email-group-request-declined-subject = Your request to join { $group }
email-group-request-declined-body = Your request to join { $group } was declined. The facilitator wrote:

    { $reason }

    { $link }
email-group-term-ending-subject = Your facilitator term in { $group } ends on { $date }
email-group-term-ending-body = Your term as facilitator of { $group } ends on { $date }. Plan who facilitates next, so the group is never without one: { $link }

## OKRs
kr-kind-number = Number
kr-kind-percentage = Percentage
kr-kind-currency = Currency
kr-kind-milestone = Milestone
confidence-low = Low confidence
confidence-medium = Medium confidence
confidence-high = High confidence
field-start = Start value
field-target = Target value
field-value = Value now
field-unit = Unit
field-confidence = Confidence
field-weight = Weight
field-comment = Comment
error-invalid-kr-kind = Choose number, percentage, currency or milestone.
error-invalid-confidence = Enter a confidence from 0 to 1 in steps of 0.1, such as 0.7.
error-target-equals-start = The target must differ from the start.
error-too-many-key-results = An objective has at most five key results.
error-period-closed = This period is over: its objectives and key results no longer change or take check-ins.
error-period-not-started = This period has not started yet: check in from its first day.
error-invalid-score = Enter a score from 0 to 1 in steps of 0.1, such as 0.7.
error-period-not-ending = Key results are scored in the last two weeks of their period or after it.
error-not-parent-objective = Choose an objective of the parent group in the same period.
error-already-scored = This key result is scored: its period is closed.

## OKR pages
field-aligned_to = Serves the parent group's objective
field-members_check_in = Members may check in (facilitators always may)
field-score = Score
field-key_results = Key results
okr-heading = Objectives and key results, { $period }
okr-intro = What the group sets out to achieve this quarter, and the measurable key results that show it. An objective's progress is the weighted average of its key results' progress.
okr-show = Show
okr-none = No objectives for this period yet.
okr-none-short = None yet
okr-group-progress = The group's progress: { $percent }
okr-progress = Progress: { $percent }
okr-serves = serves “{ $objective }”
okr-key-results-of = Key results of “{ $objective }”
okr-no-key-results = No key results yet.
okr-col-key-result = Key result
okr-col-progress = Progress
okr-col-now = Now
okr-col-objectives = Objectives
okr-col-when = When
okr-col-by = By
okr-add-objective = Add an objective
okr-edit-objective = Edit the objective
okr-add-key-result = Add a key result
okr-edit-key-result = Edit the key result
okr-children = Objectives of the groups within this one
okr-milestone-done = Done
okr-milestone-open = Not yet
okr-new-objective-heading = New objective for { $group }
okr-objective-hint = What the group wants to achieve, in words: qualitative, not a number.
okr-period-hint = A quarter, such as 2026-Q4.
okr-aligned-label = Objective of { $group } this one serves
okr-aligned-none = None
okr-save = Save
okr-new-key-result-heading = New key result for “{ $objective }”
okr-kind = What it measures
okr-kind-hint = A milestone is done or not; the others go from the start value to the target, up or down.
okr-confidence-hint = How sure the group is to meet it, from 0 to 1 in steps of 0.1 (0.5 if empty).
okr-weight-hint = Its share in the objective's progress, 1 to 100; equal weights (1) unless set.
okr-of-objective = Key result of “{ $objective }”
okr-history = Progress and confidence over time
okr-history-caption = Check-ins, oldest first
okr-no-check-ins = No check-ins yet.
okr-chart-title = Progress at each check-in
okr-chart-desc = One bar per check-in, labelled with its day and the confidence given; the bar's length is the progress toward the target, from 0 to 100 %.
okr-chart-point = { $day } · { $confidence }
okr-closed = This key result takes no more check-ins: its period is over or it has been scored.
okr-check-in-heading = Check in
okr-value-hint = The value now (the target is { $target }).
okr-milestone-hint = 1 when done, 0 when not yet.
okr-check-in-button = Check in
okr-score-heading = Score at the end of the period
okr-score-hint = From 0 to 1 in steps of 0.1: 0.7 usually means the key result was ambitious and well met.
okr-closing-note = Closing note: what the group learned
okr-score-button = Save the score

## Regular updates
group-updates-heading = Regular updates
group-update-next-due = Next update due on { $date }
group-update-cadence = { $days ->
    [one] every day
   *[other] every { $days } days
}
group-updates-feed = Atom feed
group-updates-digest = Printable digest
group-updates-children = Updates of the subgroups
group-updates-col-status = Status
group-updates-col-due = Next due
group-updates-col-last = Last update
group-updates-never = Never
group-updates-none = No update has been posted yet.
group-update-by = { $name } on { $period }
group-update-post = Post an update
group-update-period-hint = The quarter reported on, such as 2026-Q4; leave empty for the current one. The previous quarter is accepted for a late report.
group-update-links-hint = One http or https address per line, at most 10.
group-update-submit = Post the update
group-update-settings = Update settings
group-update-settings-save = Save the settings
group-update-status-unscheduled = Not scheduled yet
group-update-status-on-track = On track
group-update-status-due-soon = Due soon
group-update-status-overdue = Overdue
group-update-entry-title = Update of { $group }, { $date }
group-updates-feed-title = Updates of { $group }
group-updates-feed-all-title = Updates of every public group
group-digest-title = { $group }: updates of { $period }
group-digest-show = Show
group-digest-none = No update for this period.
task-group-update-due = Post the regular update of { $group }
email-group-update-due-subject = The update of { $group } is due on { $date }
email-group-update-due-body = The regular update of { $group } is due on { $date }. Post its progress, blockers and next steps here: { $link }
field-progress = Progress
field-blockers = Blockers
field-next_steps = Next steps
field-links = Links
field-cadence_days = Days between updates
field-members_post = Members may post updates, not only facilitators
error-too-many-links = At most 10 links.
error-period-not-open = Post for the current quarter or the previous one.

## Proposed OKRs and templates
field-propose = Propose it for the community's comments before adopting it
field-objective = Objective
field-template = Template
okr-propose-hint = A proposed objective is open for comments from anyone who can see the group; it takes no check-ins and does not count in the group's progress until its facilitators adopt it.
okr-templates-heading = Or start from a suggested objective
okr-templates-intro = Each suggestion comes with key results. It becomes a proposal of this group, which you then edit and adopt.
okr-template-use = Propose this objective
okr-state-proposed = Proposed
okr-state-adopted = Adopted
okr-proposed-intro = This objective is proposed: comment on it below. Its facilitators adopt it once the community has had its say.
okr-key-results-heading = Key results
okr-adopt-hint = Adopting closes the comments; the key results then take check-ins and count in the group's progress.
okr-adopt-button = Adopt this objective
okr-comments-heading = { $count ->
    [one] One comment
   *[other] { $count } comments
}
okr-comment-count = { $count ->
    [0] no comments yet
    [one] one comment
   *[other] { $count } comments
}
okr-no-comments-yet = No comments yet: be the first.
okr-no-comments = Nobody commented while it was proposed.
okr-former-member = A former member
okr-comment-label = Your comment
okr-comment-hint = What would you change, add or drop? Up to 2,000 characters; your display name is shown with it.
okr-comment-button = Comment
okr-sign-in-to-comment = Sign in to comment
okr-proposed-no-check-ins = This key result's objective is still proposed: check-ins start once the group adopts it.
okr-proposed-discuss = Comment on the proposal
task-objective-proposed = Adopt or revise the proposed objective “{ $objective }” of { $group } ({ $count ->
    [one] one comment
   *[other] { $count } comments
})
error-already-adopted = This objective is adopted: comments are closed.
error-not-adopted = This objective is still proposed: check-ins start once the group adopts it.
error-unknown-template = There is no such template.
okr-focus-market-penetration = Market Penetration and Expansion
okr-focus-product-market-alignment = Product-Market Alignment
okr-focus-partnership-development = Partnership Development
okr-focus-member-success = Member Success and Revenue Growth
okr-focus-any-group = Any group
okr-template-new-regions = Grow the platform's user base across new regions
okr-template-new-regions-description = Bring Open edX to regions where it has few or no providers, with local partners and case studies.
okr-template-new-regions-kr1 = New regions with an active Open edX provider
okr-template-new-regions-kr1-unit = regions
okr-template-new-regions-kr2 = Regional case studies published
okr-template-new-regions-kr2-unit = case studies
okr-template-new-industries = Bring Open edX to new industries
okr-template-new-industries-description = Show how Open edX serves industries beyond higher education: corporate training, government, non-profits.
okr-template-new-industries-kr1 = Industries with a reference deployment
okr-template-new-industries-kr1-unit = industries
okr-template-new-industries-kr2 = Qualified leads from these industries
okr-template-new-industries-kr2-unit = leads
okr-template-market-needs = Align the platform's development with evolving market needs
okr-template-market-needs-description = Gather what providers and adopters need, and hand it to the Core Product Working Group.
okr-template-market-needs-kr1 = Provider and adopter interviews shared with Core Product
okr-template-market-needs-kr1-unit = interviews
okr-template-market-needs-kr2 = Market needs report handed to the Core Product Working Group
okr-template-market-needs-kr2-unit = { "" }
okr-template-strategic-partnerships = Nurture strategic partnerships that expand the platform's reach and functionality
okr-template-strategic-partnerships-description = Partnerships with organizations whose products or audiences extend what Open edX offers.
okr-template-strategic-partnerships-kr1 = Strategic partnerships signed
okr-template-strategic-partnerships-kr1-unit = partnerships
okr-template-strategic-partnerships-kr2 = Partners listed in the directory who offer integrations
okr-template-strategic-partnerships-kr2-unit = { "" }
okr-template-revenue-models = Help members find innovative revenue models in edTech
okr-template-revenue-models-description = Share and test the revenue models that let members grow their Open edX business.
okr-template-revenue-models-kr1 = Revenue-model sessions held with members
okr-template-revenue-models-kr1-unit = sessions
okr-template-revenue-models-kr2 = Members who report a new revenue stream
okr-template-revenue-models-kr2-unit = members
okr-template-regular-updates = Keep the community informed of the group's work
okr-template-regular-updates-description = Current documentation, and a regular update to the Biz Dev Working Group and the wider community.
okr-template-regular-updates-kr1 = Updates posted on time
okr-template-regular-updates-kr1-unit = updates
okr-template-regular-updates-kr2 = The group's page and charter are up to date
okr-template-regular-updates-kr2-unit = { "" }
okr-template-collaboration = Work with the other Open edX working groups
okr-template-collaboration-description = Synchronize goals and activities with the Core Product and Marketing working groups.
okr-template-collaboration-kr1 = Joint sessions held with other working groups
okr-template-collaboration-kr1-unit = sessions
okr-template-collaboration-kr2 = Initiatives run jointly with another working group
okr-template-collaboration-kr2-unit = initiatives

## Key results bound to a figure
field-bound_to = Moves with
okr-bound-hint = A number key result can follow a figure Agora computes over its period instead of check-ins.
okr-bound-notice = This key result moves by itself: its value is { $figure } over its period. It takes no check-ins.
figure-none = Check-ins (no figure)
figure-members = Active members of the group
figure-updates-posted = Regular updates the group posted
figure-contributions-approved = Marketing contributions approved
figure-leads-accepted = Leads accepted in { $region }
error-invalid-figure = Choose one of the figures offered.
error-figure-needs-number = Only a number key result can follow a figure.
error-bound-to-figure = This key result follows a figure Agora computes: it takes no check-ins.
error-unknown-region = There is no such region in the region map.
