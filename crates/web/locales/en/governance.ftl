# Governance: bodies, proposals, consultations, votes, ballots, the decision register.

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
gov-download-ballots = Download the ballots by receipt, without voters' names (CSV)
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

## Ballot and vote errors
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
gov-feed-title = { $name }: decisions

## E-mails to electors, moderators and facilitators
email-decision-opened-subject = { $kind ->
    [lazy-consensus] New proposal
    [consultation] New consultation
   *[other] New vote
}: { $title }
email-decision-opened-body = { $by } opened in { $body }.

    { $text }

    It closes at { $closes } (UTC). Take part: { $link }
email-decision-revised-subject = Revised proposal: { $title }
email-decision-revised-body = { $by } published version { $version } of "{ $title }" in { $body }. Earlier positions no longer count; the proposal now closes at { $closes } (UTC).

    { $text }

    { $link }
email-decision-escalated-subject = Moderation needed: { $title }
email-decision-escalated-body = { $by } escalated a contested proposal to the moderators. Read the objections and record a ruling with your reasoning: { $link }
email-decision-withdrawn-subject = Withdrawn: { $title }
email-decision-withdrawn-body = { $by } withdrew "{ $title }". { $link }
email-decision-decided-subject = Decided: { $title }
email-decision-decided-body = Outcome of "{ $title }":

    { $outcome }

    { $link }
email-decision-closed-subject = Closed: { $title }
email-decision-closed-body = "{ $title }" closed at { $at } (UTC).

    The outcome will be recorded in the decision register: { $link }
email-decision-closed-result-subject = Closed: { $title }
email-decision-closed-result-body = "{ $title }" closed at { $at } (UTC).

    Result: { $result }

    The outcome will be recorded in the decision register: { $link }
email-decision-closing-subject = { $hours ->
    [one] Closing in 1 hour
   *[other] Closing in { $hours } hours
}: { $title }
email-decision-closing-body = "{ $title }" closes at { $closes } (UTC) and you have not taken part yet. { $link }
email-decision-review-subject = Time to review a decision: { $title }
email-decision-review-body = The decision "{ $title }" reached its review date. Check whether it still holds and propose a change if it does not: { $link }
