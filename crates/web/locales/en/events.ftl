nav-events = Events
# Events of groups and people: webinars, workshops, meetups, conference sessions.

events-heading = Events
events-intro = Webinars, workshops, meetups and conference sessions of the community and its groups.
events-new = Add an event
events-edit = Edit the event
events-subscribe = Subscribe to public events (iCalendar)
events-when = When
events-upcoming = Upcoming
events-past = Past
events-any-kind = Any kind
events-filter = Show
events-none = No events here.
events-cancelled-tag = cancelled
events-is-cancelled = This event is cancelled.
events-zone = { $zone } time
events-registrations = Registrations
events-registered = { $count ->
    [one] { $count } person registered
   *[other] { $count } people registered
}
events-registered-of = { $count ->
    [one] { $count } of { $capacity } places taken
   *[other] { $count } of { $capacity } places taken
}
events-registration-closed = registration closed
events-add-to-calendar = Add to my calendar (iCalendar)
events-register = Register
events-unregister = Withdraw my registration
events-sign-in-to-register = Sign in to register
events-organize = Organize
events-registrants = Registrants and attendance
events-registrants-of = Registrants of “{ $title }”
events-no-registrants = Nobody has registered yet.
events-mark-present = Mark who attended
events-attended = attended
events-save-attendance = Save attendance
events-cancel = Cancel this event
events-capacity-hint = Leave empty for no limit.
events-group-hint = Only the groups you facilitate: the event then appears on the group's page.
events-organizers-hint = Further organizers by their e-mail address, separated by commas. They must have an account.
events-no-group = No group (my own event)
events-all-of-group = All events of the group
events-save = Save
events-feed-name = Agora events
event-kind-webinar = Webinar
event-kind-workshop = Workshop
event-kind-meetup = Meetup
event-kind-conference-session = Conference session
event-visibility-public = Everyone
event-visibility-members = Members of the group
field-event-place = Place
field-link = Link
field-organizers = Organizers
field-start_time = Starts
field-end_time = Ends
field-capacity = Places
field-registration = Registration open
field-audience = Who can see it
field-group = Group
field-attendance = Attendance
task-event = { $title }: { $time } { $zone }

error-invalid-event-kind = Choose a kind of event.
error-end-before-start = The end must come after the start.
error-place-or-link-required = Give a place, a link, or both.
error-members-need-group = An event for members needs a group.
error-group-is-members-only = This group's activity is for its members: make the event for its members.
error-invalid-organizers = List e-mail addresses separated by commas.
error-too-many-organizers = At most ten further organizers.
error-capacity-below-registered = More people have registered already: the places cannot be fewer.
error-event-cancelled = This event is cancelled.
error-event-past = This event is over.
error-registration-closed = Registration is closed.
error-event-full = This event is full.
error-event-not-started = Attendance can be marked once the event has begun.
error-not-registered = Only registered people can be marked present.
error-not-a-facilitator = Only the group's facilitators can organize events in its name.

# Guests: visitors who register without an account.
events-guest-heading = Register without an account
events-guest-intro = Give your name and e-mail address: we send you a link to confirm. Only the organizers see them.
events-guest-or-sign-in = Or sign in.
events-guest-asked = Check your e-mail: we sent a link to confirm your registration. It is valid for 72 hours.
events-guest-withdrawn = Your registration is withdrawn.
events-guest-title = Your registration for “{ $title }”
events-guest-pending = Confirm your registration to take a place.
events-guest-confirm = Confirm my registration
events-guest-confirmed = You are registered. Keep the e-mail: its link lets you withdraw.
events-guest-expired = This link has expired. Register again from the event's page.
events-guest-see-event = See the event
events-guest-tag = guest
events-guests-pending = Guests who have not confirmed yet
field-full_name = Your name
error-members-only = Only members of the group can register for this event: sign in.
error-link-expired = This link has expired. Register again from the event's page.
error-already-attended = Your attendance is recorded: the registration stays.
error-one-line = Write it on one line.
email-event-guest-subject = Confirm your registration: { $title }
email-event-guest-body = Hello { $name },

    Someone, probably you, asked to register this address for “{ $title }”, { $when }.

    To confirm, open this link and press the button. The same link lets you withdraw later:
    { $link }

    The link is valid for { $hours } hours. If you did not ask, ignore this e-mail: nothing happens.
events-guest-unknown-title = This link is not valid
events-guest-unknown = The registration was withdrawn, or the link is not complete. You can register again from the event's page.
events-guest-see-events = See the events
events-why-not-register = Registration: { $reason }
