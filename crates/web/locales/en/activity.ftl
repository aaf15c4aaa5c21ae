## The activity ledger
activity-heading = Your recent activity
activity-none = Nothing recorded yet: joining a group, facilitating, checking in and posting updates appear here.
activity-api-hint = Your whole record, as JSON:
activity-kind-joined = Joined
activity-kind-facilitated = Facilitated
activity-kind-attended = Attended
activity-kind-hours = Logged hours
activity-kind-update = Posted an update
activity-kind-check-in = Checked in
activity-kind-initiative = Initiative
activity-kind-event = Event
activity-kind-contribution = Contribution
activity-kind-commit = Commit
error-invalid-source-id = A source id is required, without surrounding spaces, at most 200 characters.
error-invalid-detail = The detail must be a small JSON object.
error-invalid-source = This source is not known.
