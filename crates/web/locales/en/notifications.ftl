notifications-title = Notifications
notifications-heading = E-mail notifications
notifications-text = Choose how each kind of e-mail reaches you: at once, gathered in one daily or weekly digest, or not at all. Digests are sent at 07:00 UTC (weekly ones on Mondays), in your language.
notifications-kind = Kind of notification
notifications-everywhere = How you get it
notifications-groups-heading = Per group
notifications-groups-text = A group's own choice wins over the general one above.
notifications-group-caption = Notifications from { $group }
notifications-as-everywhere = As above
notifications-no-groups = You are not a member of any group yet: once you join one, you can choose here for it alone.
notifications-save = Save preferences
notifications-saved = Your notification preferences are saved.
notifications-always-heading = Always sent
notifications-always-text = These cannot be turned off: a partner's lead offers (they expire and pass to another partner if nobody answers) and messages about your account and its security (invitations, sign-in and password links, API tokens).
notifications-link = Notification preferences
topic-decisions = Decisions
topic-decisions-hint = Decisions opened, revised, escalated or decided where you take part.
topic-updates = Group updates
topic-updates-hint = Status updates your groups post.
topic-meetings = Meetings
topic-meetings-hint = A meeting of your group cancelled or moved.
topic-reminders = Reminders
topic-reminders-hint = An update or hours due, a facilitation term ending, a vote closing.
topic-leads = Leads
topic-leads-hint = Leads of your partner closed. Offers are always sent.
topic-membership = Membership
topic-membership-hint = Requests to join your groups, and answers to your own requests.
delivery-at-once = At once
delivery-daily = Daily digest
delivery-weekly = Weekly digest
delivery-off = Off
unsubscribe-title = Unsubscribe
unsubscribe-heading = Stop these e-mails?
unsubscribe-confirm-topic = You will no longer get e-mails of this kind, in any group: { $name }.
unsubscribe-confirm-digest-daily = Your daily digest will stop, with everything it gathered.
unsubscribe-confirm-digest-weekly = Your weekly digest will stop, with everything it gathered.
unsubscribe-submit = Unsubscribe
unsubscribe-done = Done: you will no longer get these e-mails.
unsubscribe-change = You can change this at any time on your notification preferences page.
unsubscribe-invalid = This unsubscribe link is not valid: it may have been cut when it was copied. Sign in and change your notification preferences instead.
email-notice-subject = { $topic ->
    [decisions] Decisions
    [updates] Group updates
    [meetings] Meetings
    [reminders] Reminders
    [leads] Leads
   *[membership] Membership
}
email-notice-body = You get this e-mail because of your notification preferences. Change them: { $preferences }
    Stop e-mails of this kind: { $unsubscribe }
email-digest-subject = { $period ->
    [weekly] Your weekly Agora digest
   *[daily] Your daily Agora digest
}: { $count ->
    [one] one message
   *[other] { $count } messages
}
email-digest-body = { $items }

    --
    Change how you get notifications: { $preferences }
    Stop this digest: { $unsubscribe }
email-group-update-posted-subject = { $group }: update for { $period } by { $by }
email-group-update-posted-body = { $by } posted the update of { $group } for { $period }:

    { $progress }

    Read it whole, with blockers and next steps: { $link }
email-group-meeting-cancelled-subject = Cancelled: { $title } of { $group } on { $occurrence }
email-group-meeting-cancelled-body = The meeting { $title } of { $group } on { $occurrence } is cancelled. The group's meetings: { $link }
email-group-meeting-moved-subject = Moved: { $title } of { $group } on { $occurrence }
email-group-meeting-moved-body = The meeting { $title } of { $group } planned on { $occurrence } moves to { $moved }. The group's meetings: { $link }
error-notification-not-per-group = This kind of notification cannot be chosen per group.
error-notification-repeated = This choice is given twice.
error-notification-not-your-group = You can choose only for the groups you belong to.
error-notification-invalid-choice = Choose at once, a daily digest, a weekly digest or off, for a kind of notification this page lists.
notifications-summary = Choose, per kind and per group, whether e-mail reaches you at once, in a daily or weekly digest, or not at all.
error-too-many-choices = More choices than anyone can make: send one per kind of notification and per group at most.
email-group-join-requested-subject = { $name } asks to join { $group }
email-group-join-requested-body = { $name } asks to join { $group }. Accept or decline (with a reason) here: { $link }
