## Contributions (issue 11): submissions, the Marketing WG's review, compliance, the showcase

## Field errors
error-link-or-text = Give a link to the contribution or its text.
error-client-must-be-named = Logos and testimonials name the client who agreed to them.
error-topic-required = An article needs a topic the Marketing WG approved: propose one first.
error-unknown-topic = Choose one of this partner's topics.
error-topic-not-approved = This topic is not approved yet.
error-not-awaiting-review = This is not waiting for a review.
error-not-awaiting-changes = Only a contribution sent back for changes can be resubmitted.
error-invalid-verdict = Choose to approve, ask for changes or reject.
error-invalid-state = Unknown state.
error-not-a-reviewer = Only members of the Marketing Working Group review contributions.
error-own-contribution = You cannot review a contribution of an organization you work for.
