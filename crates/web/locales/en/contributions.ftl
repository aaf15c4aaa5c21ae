## Contributions (issue 11): submissions, the Marketing WG's review, compliance, the showcase

## Field errors
error-link-or-text = Give a link to the contribution or its text.
error-client-must-be-named = Logos and testimonials name the client who agreed to them.
error-year-out-of-range = A contribution counts toward this year or last year.
error-topic-required = An article needs a topic the Marketing WG approved: propose one first.
error-unknown-topic = Choose one of this partner's topics.
error-topic-not-approved = This topic is not approved yet.
error-not-awaiting-review = This is not waiting for a review.
error-not-awaiting-changes = Only a contribution sent back for changes can be resubmitted.
error-invalid-verdict = Choose to approve, ask for changes or reject.
error-invalid-state = Unknown state.
error-not-a-reviewer = Only members of the Marketing Working Group review contributions.
error-own-contribution = You cannot review a contribution of an organization you work for.

## Pages
contributions-link = Contributions and article topics
contributions-heading = Contributions of { $name }
contributions-back-obligations = Obligations
contributions-list-heading = Submitted contributions
contributions-none = Nothing submitted yet.
contributions-col-state = State
contributions-field-type = Type
contributions-field-topic_id = Approved topic (articles)
contributions-field-title = Title
contributions-field-link = Link
contributions-field-client = Client
contributions-field-consent_evidence = Consent evidence
contributions-field-language = Language
contributions-field-year = Year
contributions-field-anonymous = Do not name the client (case studies and articles only)
contributions-field-text = Text
contributions-field-summary = Summary
contributions-field-verdict = Decision
contributions-field-comment = Comments or reason
contributions-field-state = State
contributions-hint-title = A short title, as it would be published.
contributions-hint-link = Where it is published or can be read (http or https). A link or a text is required.
contributions-hint-client = The client organization it is about.
contributions-hint-consent_evidence = Required for logos and testimonials: where the client's consent is recorded. Never published.
contributions-hint-language = Two-letter code, e.g. en, es, fr.
contributions-hint-year = The obligation year it counts toward.
contributions-topic-hint = Articles are written on a topic the Marketing WG approved; propose one below.
contributions-type-case_study = Case study
contributions-type-article = Article or blog post
contributions-type-testimonial = Client testimonial
contributions-type-logo = Client logo
contributions-state-submitted = Submitted
contributions-state-changes_requested = Changes requested
contributions-state-resubmitted = Resubmitted
contributions-state-approved = Approved
contributions-state-rejected = Rejected
contributions-topic-state-proposed = Waiting for review
contributions-topic-state-approved = Approved
contributions-topic-state-rejected = Rejected
contributions-submit-heading = Submit a contribution
contributions-submit = Submit for review
contributions-topics-heading = Article topics
contributions-topics-intro = Propose a topic; once the Marketing Working Group approves it, submit the article on it.
contributions-propose = Propose the topic
contributions-anonymous = Not named
contributions-history-heading = History
contributions-event-submitted = Submitted by { $name }
contributions-event-resubmitted = Resubmitted by { $name }
contributions-event-approve = Approved by { $name }
contributions-event-request_changes = Changes asked by { $name }
contributions-event-reject = Rejected by { $name }
contributions-review-heading = Review
contributions-verdict-approve = Approve
contributions-verdict-request_changes = Ask for changes
contributions-verdict-reject = Reject
contributions-review = Record the review
contributions-resubmit-heading = Make the changes and resubmit
contributions-resubmit = Resubmit
contributions-queue-heading = Marketing WG review queue
contributions-queue-contributions = Contributions waiting for review
contributions-queue-topics = Article topics waiting for review
contributions-queue-empty = Nothing waits.

## What needs me
task-contribution-review = Review “{ $title }” from { $partner }
task-topic-review = Review the article topic “{ $title }” from { $partner }
task-contribution-changes = Make the changes asked for “{ $title }” and resubmit
task-obligations-due = { $count ->
        [one] { $count } marketing contribution is still due for { $year }
       *[other] { $count } marketing contributions are still due for { $year }
    }

## Compliance
error-too-many-years = Choose at most ten years.
compliance-heading = Marketing obligations: compliance
compliance-from = From
compliance-to = To
compliance-csv = Download as CSV
compliance-none = No active partners.
compliance-caption = Approved / required contributions per type, and the status from the pace of the year
compliance-col-partner = Partner

## Showcase and the partner's public page
showcase-heading = Case studies and references
showcase-intro = Contributions of the program's partners, approved by the Marketing Working Group. Smaller companies' contributions come first.
showcase-any = Any
showcase-region = Region
showcase-segment = Segment
showcase-none = No contributions match.
showcase-highlighted = Smaller company
profile-references-heading = Case studies and references
