# What needs me: a signed-in person's home page and GET /api/v1/me/tasks.

nav-home = To do
tasks-title = What needs you
tasks-heading = Welcome, { $name }
tasks-list-heading = What needs you
tasks-none = Nothing needs you right now.
tasks-count = { $count ->
    [one] One item waits for you, most urgent first.
   *[other] { $count } items wait for you, most urgent first.
}
tasks-due = due
tasks-urgency-overdue = Overdue
tasks-urgency-soon = Due soon
tasks-places-heading = Where to go
tasks-account = My account
tasks-public-home = Public home page

## Items, one per kind
task-offer-waiting = Answer lead { $reference } offered to { $name }
task-leads-queued = { $count ->
    [one] One lead waits in the foundation's queue
   *[other] { $count } leads wait in the foundation's queue
}
task-application = Review the application of { $name }
task-applications-more = { $count ->
    [one] One more application waits for review
   *[other] { $count } more applications wait for review
}
task-emails-failing = { $count ->
    [one] One e-mail is failing delivery
   *[other] { $count } e-mails are failing delivery
}
task-job-failing = The background job “{ $name }” is failing
task-position = State your position on “{ $title }”
task-position-for = State { $name }'s position on “{ $title }”
task-vote = Vote on “{ $title }”
task-vote-for = Vote for { $name } on “{ $title }”
task-consultation-comment = Comment on the consultation “{ $title }”
task-consultation-respond = { $count ->
    [one] Respond to one comment on “{ $title }”
   *[other] Respond to { $count } comments on “{ $title }”
}
task-contested = Contested proposal: “{ $title }”
task-contested-own = Your proposal “{ $title }” is contested: revise or withdraw it
task-ruling = Rule on the escalated proposal “{ $title }”
task-outcome = Record the outcome of “{ $title }”
