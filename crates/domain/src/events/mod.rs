//! Events (issue 10): webinars, workshops, meetups and conference sessions organized by people,
//! optionally for a group. An event is one occurrence (unlike a group's recurring meetings): a start
//! as a local date-time in a named (IANA) zone and an end in the same zone, a place and/or an http(s)
//! link, organizers, an optional capacity, registration open or closed, public or for the members of
//! its group, scheduled or cancelled. Times reuse the meetings' zone rules
//! (`groups::meetings::{parse_zone, parse_local, to_utc}`) and feeds reuse their iCalendar writer.

use crate::category;
use crate::groups::meetings::{self as m, format_local, parse_local, parse_zone, to_utc};
use crate::validation::ValidationErrors;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

#[cfg(test)]
mod tests;

category!(
    /// What kind of event it is.
    EventKind, "event-kind", "invalid-event-kind", {
        Webinar => "webinar",
        Workshop => "workshop",
        Meetup => "meetup",
        ConferenceSession => "conference-session",
    }
);

category!(
    /// Who sees it: everyone, or the members of its group (a group is then required).
    EventVisibility, "event-visibility", "invalid-visibility", {
        Public => "public",
        Members => "members",
    }
);

category!(
    /// An event is scheduled until its organizers cancel it (a cancelled event stays listed, marked).
    EventStatus, "event-status", "invalid-status", {
        Scheduled => "scheduled",
        Cancelled => "cancelled",
    }
);

pub const MAX_TITLE: usize = 200;
pub const MAX_PLACE: usize = 500;
pub const MAX_DESCRIPTION: usize = 10_000;
/// An event lasts at least five minutes and at most two weeks (a conference's sessions are events
/// of their own).
pub const MIN_DURATION_MINUTES: i64 = 5;
pub const MAX_DURATION_MINUTES: i64 = 14 * 24 * 60;
pub const MAX_CAPACITY: i64 = 100_000;
/// Organizers besides the one who creates the event.
pub const MAX_ORGANIZERS: usize = 10;

/// An event as its organizers define it (its status and id are the store's).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Event {
    pub kind: EventKind,
    pub title: String,
    pub description: String,
    /// The start, in local time of `zone`.
    #[schema(value_type = String, example = "2026-03-11T10:00:00")]
    #[serde(serialize_with = "local_text")]
    pub start: NaiveDateTime,
    #[schema(value_type = String, example = "America/New_York")]
    #[serde(serialize_with = "zone_text")]
    pub zone: Tz,
    /// Elapsed minutes from start to end (exact across a change of offset).
    pub duration_minutes: i64,
    /// Where it happens (an address, a room); empty when online only.
    pub place: String,
    /// An http(s) link to join or to read more.
    pub link: Option<String>,
    /// Most registrations accepted; none means unlimited.
    pub capacity: Option<i64>,
    pub registration_open: bool,
    pub visibility: EventVisibility,
}

fn local_text<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_local(*t))
}

fn zone_text<S: serde::Serializer>(z: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(z.name())
}

impl Event {
    /// The instant it starts. A stored event's start exists in its zone (checked on parse); the
    /// earlier instant is taken if a later change of the zone's rules made it ambiguous.
    pub fn starts_at(&self) -> DateTime<Utc> {
        // Parsed starts exist in their zone; only a later change of the zone's rules could skip
        // one, and then reading it as UTC keeps the event listed rather than lost.
        to_utc(self.zone, self.start).unwrap_or_else(|_| self.start.and_utc())
    }

    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at() + Duration::minutes(self.duration_minutes)
    }

    /// The end as a local time of the event's zone.
    pub fn local_end(&self) -> NaiveDateTime {
        self.ends_at().with_timezone(&self.zone).naive_local()
    }

    /// A capacity may not be set below the registrations already accepted.
    pub fn check_capacity(&self, registered: i64) -> Result<(), ValidationErrors> {
        match self.capacity {
            Some(c) if c < registered => Err(ValidationErrors::single(
                "capacity",
                "capacity-below-registered",
            )),
            _ => Ok(()),
        }
    }

    /// Whether a new registration is accepted now, given how many there are.
    pub fn may_register(
        &self,
        status: EventStatus,
        now: DateTime<Utc>,
        registered: i64,
    ) -> Result<(), &'static str> {
        if status == EventStatus::Cancelled {
            Err("event-cancelled")
        } else if self.ends_at() <= now {
            Err("event-past")
        } else if !self.registration_open {
            Err("registration-closed")
        } else if self.capacity.is_some_and(|c| registered >= c) {
            Err("event-full")
        } else {
            Ok(())
        }
    }

    /// Whether organizers may mark attendance: from its start on, unless cancelled.
    pub fn may_mark_attendance(
        &self,
        status: EventStatus,
        now: DateTime<Utc>,
    ) -> Result<(), &'static str> {
        if status == EventStatus::Cancelled {
            Err("event-cancelled")
        } else if now < self.starts_at() {
            Err("event-not-started")
        } else {
            Ok(())
        }
    }

    /// Upcoming until it ends; then past.
    pub fn is_past(&self, now: DateTime<Utc>) -> bool {
        self.ends_at() <= now
    }
}

/// The event form or API body, as text. `group` is a group's slug (the web layer resolves it and
/// checks the author may organize for it); `organizers` are people's ids besides the author.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct EventInput {
    /// `webinar`, `workshop`, `meetup` or `conference-session`.
    pub kind: String,
    pub title: String,
    pub description: String,
    /// Local date-time of the start, `2026-03-11T10:00`.
    pub start_time: String,
    /// Local date-time of the end, in the same zone.
    pub end_time: String,
    pub zone: String,
    pub place: String,
    pub link: String,
    /// Empty for unlimited.
    pub capacity: String,
    /// `open` (or `on`, `true`) for open; anything else closed.
    pub registration: String,
    /// Who sees it: `public` or `members` (of its group).
    pub audience: String,
    /// The group's slug, if the event is a group's.
    pub group: String,
    /// Ids of further organizers, separated by commas or spaces.
    pub organizers: String,
}

fn text(e: &mut ValidationErrors, field: &str, s: &str, max: usize, required: bool) -> String {
    let s = crate::text::normalize_newlines(s.trim());
    if required && s.is_empty() {
        e.add(field, "required");
    } else if s.chars().count() > max {
        e.add(field, "too-long");
    }
    s
}

/// Capacity: empty for none, otherwise a whole number from 1 to `MAX_CAPACITY`.
pub fn parse_capacity(s: &str) -> Result<Option<i64>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let n: i64 = s.parse().map_err(|_| "invalid-number")?;
    if (1..=MAX_CAPACITY).contains(&n) {
        Ok(Some(n))
    } else {
        Err("out-of-range")
    }
}

/// Person ids separated by commas or white space; at most `MAX_ORGANIZERS`, repeats dropped.
pub fn parse_organizers(s: &str) -> Result<Vec<i64>, &'static str> {
    let mut out: Vec<i64> = vec![];
    for part in s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let id: i64 = part.parse().map_err(|_| "invalid-organizers")?;
        if id < 1 {
            return Err("invalid-organizers");
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.len() > MAX_ORGANIZERS {
        return Err("too-many-organizers");
    }
    Ok(out)
}

fn parse_flag(s: &str) -> bool {
    matches!(s.trim(), "open" | "on" | "true" | "1" | "yes")
}

/// The parsed form: the event, the group's slug (if any) and the further organizers.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedEvent {
    pub event: Event,
    pub group: Option<String>,
    pub organizers: Vec<i64>,
}

impl EventInput {
    pub fn parse(&self) -> Result<ParsedEvent, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", EventKind::parse(&self.kind));
        let title = text(&mut e, "title", &self.title, MAX_TITLE, true);
        let description = text(
            &mut e,
            "description",
            &self.description,
            MAX_DESCRIPTION,
            false,
        );
        let place = text(&mut e, "place", &self.place, MAX_PLACE, false);
        let link = match self.link.trim() {
            "" => Some(None),
            s => e.check("link", crate::partner::parse_web_url(s)).map(Some),
        };
        if place.is_empty() && link == Some(None) {
            e.add("place", "place-or-link-required");
        }
        let capacity = e.check("capacity", parse_capacity(&self.capacity));
        let visibility = match self.audience.trim() {
            "" => Some(EventVisibility::Public),
            s => e.check("audience", EventVisibility::parse(s)),
        };
        let group = Some(self.group.trim())
            .filter(|g| !g.is_empty())
            .map(str::to_string);
        if visibility == Some(EventVisibility::Members) && group.is_none() {
            e.add("audience", "members-need-group");
        }
        let organizers = e.check("organizers", parse_organizers(&self.organizers));
        let zone = e.check("zone", parse_zone(&self.zone));
        let start = e.check("start_time", parse_local(&self.start_time));
        let end = e.check("end_time", parse_local(&self.end_time));
        let mut duration = None;
        if let (Some(zone), Some(start), Some(end)) = (zone, start, end) {
            let s = e.check("start_time", to_utc(zone, start));
            let t = e.check("end_time", to_utc(zone, end));
            if let (Some(s), Some(t)) = (s, t) {
                let minutes = (t - s).num_minutes();
                if t <= s {
                    e.add("end_time", "end-before-start");
                } else if minutes < MIN_DURATION_MINUTES {
                    e.add("end_time", "too-short");
                } else if minutes > MAX_DURATION_MINUTES {
                    e.add("end_time", "too-long");
                } else {
                    duration = Some(minutes);
                }
            }
        }
        match (
            kind, link, capacity, visibility, organizers, zone, start, duration,
        ) {
            (
                Some(kind),
                Some(link),
                Some(capacity),
                Some(visibility),
                Some(organizers),
                Some(zone),
                Some(start),
                Some(duration_minutes),
            ) if e.is_empty() => Ok(ParsedEvent {
                event: Event {
                    kind,
                    title,
                    description,
                    start,
                    zone,
                    duration_minutes,
                    place,
                    link,
                    capacity,
                    registration_open: parse_flag(&self.registration),
                    visibility,
                },
                group,
                organizers,
            }),
            _ => Err(e),
        }
    }

    /// The form filled with an event's current values (for editing).
    pub fn of(event: &Event, group: Option<&str>, organizers: &[i64]) -> EventInput {
        EventInput {
            kind: event.kind.slug().into(),
            title: event.title.clone(),
            description: event.description.clone(),
            start_time: event.start.format("%Y-%m-%dT%H:%M").to_string(),
            end_time: event.local_end().format("%Y-%m-%dT%H:%M").to_string(),
            zone: event.zone.name().into(),
            place: event.place.clone(),
            link: event.link.clone().unwrap_or_default(),
            capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
            registration: if event.registration_open {
                "open".into()
            } else {
                String::new()
            },
            audience: event.visibility.slug().into(),
            group: group.unwrap_or_default().into(),
            organizers: organizers
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// Whether someone may see an event: a public one everyone; a members-only one its group's members
/// (and its organizers, and admins).
pub fn may_view(
    visibility: EventVisibility,
    organizer: bool,
    member_of_group: bool,
    admin: bool,
) -> bool {
    match visibility {
        EventVisibility::Public => true,
        EventVisibility::Members => organizer || member_of_group || admin,
    }
}

/// Who edits, cancels and reads the registrant list: its organizers, the facilitators of its group,
/// and admins.
pub fn may_manage(organizer: bool, group_facilitator: bool, admin: bool) -> bool {
    organizer || group_facilitator || admin
}

/// The event's start and zone as meetings' feeds name them (`m::LOCAL_FORMAT`), for the store.
pub const LOCAL_FORMAT: &str = m::LOCAL_FORMAT;

/// A members-only group's events are for its members: a public one would name the group to outsiders.
pub fn check_group(
    visibility: EventVisibility,
    group_public: bool,
) -> Result<(), ValidationErrors> {
    if visibility == EventVisibility::Public && !group_public {
        Err(ValidationErrors::single(
            "audience",
            "group-is-members-only",
        ))
    } else {
        Ok(())
    }
}

// ---- Guests: visitors without an account who register with a name and an e-mail address.

/// How long the link mailed to a guest confirms a pending registration.
pub const GUEST_LINK_HOURS: i64 = 72;
/// A new request for the same address and event within this time sends no second mail, so a form
/// cannot be used to flood someone's mailbox.
pub const GUEST_RESEND_MINUTES: i64 = 10;
pub const MAX_GUEST_NAME: usize = 200;

/// What a visitor types to register: their name and e-mail address.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct GuestInput {
    pub full_name: String,
    pub email: String,
}

/// A guest's name (one line) and normalized address, or the fields in error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guest {
    pub name: String,
    pub email: crate::person::Email,
}

impl GuestInput {
    pub fn parse(&self) -> Result<Guest, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = text(&mut e, "full_name", &self.full_name, MAX_GUEST_NAME, true);
        if name.contains('\n') || crate::text::has_direction_controls(&name) {
            e.add("full_name", "one-line");
        }
        let email = e.check("email", crate::person::Email::parse(&self.email));
        match email {
            Some(email) if e.is_empty() => Ok(Guest { name, email }),
            _ => Err(e),
        }
    }
}

/// Guests register only for public events: a members-only event is for signed-in members.
pub fn may_register_as_guest(visibility: EventVisibility) -> Result<(), &'static str> {
    match visibility {
        EventVisibility::Public => Ok(()),
        EventVisibility::Members => Err("members-only"),
    }
}

/// Whether a guest's link still confirms: a pending request expires `GUEST_LINK_HOURS` after it was
/// made; a confirmed registration's link stays valid (to withdraw) for as long as the row exists.
pub fn guest_link_valid(requested_at: DateTime<Utc>, confirmed: bool, now: DateTime<Utc>) -> bool {
    confirmed || now < requested_at + Duration::hours(GUEST_LINK_HOURS)
}

/// Whether a new request for the same address should mail a link again.
pub fn guest_may_resend(last_requested: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= last_requested + Duration::minutes(GUEST_RESEND_MINUTES)
}
