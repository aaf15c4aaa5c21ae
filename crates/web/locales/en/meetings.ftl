# Meetings of groups: recurring series, cancelled and moved occurrences, agenda, notes, attendance,
# and iCalendar feeds.

meetings-heading = Meetings
meetings-none = No regular meetings yet.
meetings-duration = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
meetings-no-next = No meeting in the coming year.
meetings-times-in = Next meetings, in { $zone } time:
meetings-moved = moved
meetings-cancelled-tag = cancelled
meetings-cancelled = This meeting is cancelled.
meetings-edit-named = Edit “{ $title }”
meetings-new = Add a regular meeting
meetings-new-heading = New regular meeting of { $group }
meetings-edit-series = Edit the regular meeting
meetings-subscribe = Subscribe to the group's calendar (iCalendar)
meetings-private-feed = This group's meetings are for its members: add them to your calendar with the private link on your account page.
meetings-start-hint = The date and local time of the first meeting, in the time zone below.
meetings-zone-hint = The time zone the meeting keeps, by its IANA name, such as America/New_York or Europe/Paris.
meetings-rule-hint = How it repeats, as an iCalendar rule: FREQ=WEEKLY;INTERVAL=2;BYDAY=WE is every other Wednesday.
meetings-save = Save
meetings-no-agenda = No agenda yet.
meetings-attendance = Attendance
meetings-no-attendance = Nobody has said they attend yet.
meetings-attending = I attend
meetings-not-attending = I do not attend after all
meetings-write-notes = Agenda and notes
meetings-change-heading = Cancel, move or restore this meeting
meetings-action-cancel = Cancel this meeting
meetings-action-move = Move it to another time
meetings-action-restore = Restore it as the rule gives it
meetings-apply = Apply
field-meeting-start = First meeting
field-zone = Time zone
field-rule = Repeats
field-duration_minutes = Duration in minutes
field-place = Place or link
field-agenda_template = Agenda template
field-agenda = Agenda
field-notes = Notes
field-action = Change
field-moved_to = New date and time
meetings-moved-to-in = New date and time ({ $zone })
field-occurrence = Occurrence

calendar-heading = Calendar
calendar-text = A private link to the meetings of every group you belong to, for your calendar application. Anyone with the link sees these meetings: keep it to yourself, and make a new one if it leaked.
calendar-none = You have no calendar link.
calendar-since = You have had a calendar link since { $date }.
calendar-create = Make a calendar link
calendar-renew = Make a new link (the old one stops working)
calendar-revoke = Revoke the link
calendar-link-heading = Your calendar link
calendar-link-once = Copy this link into your calendar application as a subscription. It is shown only now: Agora keeps only a fingerprint of it.
calendar-link-label = Calendar link
calendar-back = Account
calendar-feed-name = My meetings on Agora

task-group-meeting = { $title } ({ $group }): { $time } { $zone }

error-unknown-time-zone = Unknown time zone: use an IANA name such as America/New_York.
error-invalid-rule = This is not a recurrence rule Agora accepts (for example FREQ=WEEKLY;BYDAY=WE; the time comes from the first meeting).
error-rule-too-frequent = Meetings repeat at most daily.
error-start-not-in-rule = The first meeting must be one the rule gives (check the weekday).
error-nonexistent-local-time = This local time does not exist in that time zone (the clocks skip it).
error-invalid-date-time = Enter a date and time, such as 2026-01-07T10:00.
error-not-an-occurrence = There is no meeting of this series at that time.
error-invalid-action = Choose cancel, move or restore.
error-unchanged = Choose a different time.
error-not-changed = This meeting has not been changed.
error-not-a-member = Only members of the group can do this.
error-moved-into-past = A meeting still to come cannot be moved to a time already past.
meetings-every-weeks = { $count ->
    [one] Every week on { $days }
   *[other] Every { $count } weeks on { $days }
}
weekday-mo = Monday
weekday-tu = Tuesday
weekday-we = Wednesday
weekday-th = Thursday
weekday-fr = Friday
weekday-sa = Saturday
weekday-su = Sunday
