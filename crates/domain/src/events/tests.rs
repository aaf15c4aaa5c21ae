use super::*;
use crate::groups::meetings::ical::{self, FeedEvent};
use chrono::{NaiveDate, TimeZone};
use proptest::prelude::*;

fn input() -> EventInput {
    EventInput {
        kind: "webinar".into(),
        title: "Open edX in 2026".into(),
        description: "What is new".into(),
        start_time: "2026-03-11T10:00".into(),
        end_time: "2026-03-11T11:30".into(),
        zone: "America/New_York".into(),
        place: String::new(),
        link: "https://meet.example.org/abc".into(),
        capacity: "100".into(),
        registration: "open".into(),
        audience: "public".into(),
        group: String::new(),
        organizers: String::new(),
    }
}

fn code(i: &EventInput, field: &str) -> Option<&'static str> {
    i.parse().expect_err("invalid").get(field)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a valid instant")
}

#[test]
fn a_plain_event_parses_with_its_duration() {
    let p = input().parse().expect("valid");
    assert_eq!(p.event.kind, EventKind::Webinar);
    assert_eq!(p.event.duration_minutes, 90);
    assert_eq!(p.event.zone.name(), "America/New_York");
    // 10:00 in New York on 11 March 2026 is daylight time (EDT, -4).
    assert_eq!(p.event.starts_at(), utc(2026, 3, 11, 14, 0));
    assert_eq!(p.event.ends_at(), utc(2026, 3, 11, 15, 30));
    assert_eq!(
        p.event.local_end(),
        NaiveDate::from_ymd_opt(2026, 3, 11)
            .and_then(|d| d.and_hms_opt(11, 30, 0))
            .expect("time")
    );
    assert!(p.event.registration_open);
    assert_eq!(p.group, None);
}

#[test]
fn unknown_zones_and_bad_times_name_their_field() {
    let mut i = input();
    i.zone = "Mars/Olympus".into();
    assert_eq!(code(&i, "zone"), Some("unknown-time-zone"));
    let mut i = input();
    i.start_time = "next tuesday".into();
    assert_eq!(code(&i, "start_time"), Some("invalid-date-time"));
    let mut i = input();
    i.end_time = "2026-03-11T09:00".into();
    assert_eq!(code(&i, "end_time"), Some("end-before-start"));
    let mut i = input();
    i.end_time = i.start_time.clone();
    assert_eq!(code(&i, "end_time"), Some("end-before-start"));
    // 02:30 on 8 March 2026 does not exist in New York.
    let mut i = input();
    i.start_time = "2026-03-08T02:30".into();
    i.end_time = "2026-03-08T04:00".into();
    assert_eq!(code(&i, "start_time"), Some("nonexistent-local-time"));
}

#[test]
fn a_duration_across_a_change_of_offset_is_elapsed_time() {
    // 01:00 to 04:00 local on the night New York springs forward lasts two hours.
    let mut i = input();
    i.start_time = "2026-03-08T01:00".into();
    i.end_time = "2026-03-08T04:00".into();
    assert_eq!(i.parse().expect("valid").event.duration_minutes, 120);
}

#[test]
fn links_are_http_only_and_a_place_or_link_is_required() {
    let mut i = input();
    i.link = "javascript:alert(1)".into();
    assert_eq!(code(&i, "link"), Some("invalid-url"));
    i.link = "ftp://example.org/x".into();
    assert_eq!(code(&i, "link"), Some("invalid-url"));
    i.link = String::new();
    assert_eq!(code(&i, "place"), Some("place-or-link-required"));
    i.place = "Room 4, Cambridge".into();
    let p = i.parse().expect("a place is enough");
    assert_eq!(p.event.link, None);
}

#[test]
fn kinds_visibility_capacity_and_organizers_are_checked() {
    let mut i = input();
    i.kind = "party".into();
    assert_eq!(code(&i, "kind"), Some("invalid-event-kind"));
    let mut i = input();
    i.audience = "members".into();
    assert_eq!(code(&i, "audience"), Some("members-need-group"));
    i.group = "marketing-wg".into();
    assert_eq!(
        i.parse().expect("valid").group.as_deref(),
        Some("marketing-wg")
    );
    let mut i = input();
    i.capacity = "0".into();
    assert_eq!(code(&i, "capacity"), Some("out-of-range"));
    i.capacity = "ten".into();
    assert_eq!(code(&i, "capacity"), Some("invalid-number"));
    i.capacity = String::new();
    assert_eq!(i.parse().expect("unlimited").event.capacity, None);
    let mut i = input();
    i.organizers = "3, 4 3".into();
    assert_eq!(i.parse().expect("valid").organizers, vec![3, 4]);
    i.organizers = "3, x".into();
    assert_eq!(code(&i, "organizers"), Some("invalid-organizers"));
    let mut i = input();
    i.title = "  ".into();
    assert_eq!(code(&i, "title"), Some("required"));
}

#[test]
fn capacity_may_not_fall_below_the_registered() {
    let e = input().parse().expect("valid").event;
    assert!(e.check_capacity(100).is_ok());
    assert_eq!(
        e.check_capacity(101).expect_err("below").get("capacity"),
        Some("capacity-below-registered")
    );
}

#[test]
fn registration_follows_status_time_openness_and_capacity() {
    let mut e = input().parse().expect("valid").event;
    let before = utc(2026, 3, 1, 0, 0);
    let s = EventStatus::Scheduled;
    assert_eq!(e.may_register(s, before, 0), Ok(()));
    assert_eq!(e.may_register(s, before, 100), Err("event-full"));
    assert_eq!(
        e.may_register(EventStatus::Cancelled, before, 0),
        Err("event-cancelled")
    );
    assert_eq!(
        e.may_register(s, utc(2026, 3, 11, 15, 30), 0),
        Err("event-past")
    );
    e.registration_open = false;
    assert_eq!(e.may_register(s, before, 0), Err("registration-closed"));
    assert_eq!(e.may_mark_attendance(s, before), Err("event-not-started"));
    assert_eq!(e.may_mark_attendance(s, utc(2026, 3, 11, 14, 0)), Ok(()));
}

#[test]
fn members_only_events_are_for_members_and_organizers() {
    assert!(may_view(EventVisibility::Public, false, false, false));
    assert!(!may_view(EventVisibility::Members, false, false, false));
    assert!(may_view(EventVisibility::Members, false, true, false));
    assert!(may_view(EventVisibility::Members, true, false, false));
    assert!(may_manage(false, true, false));
    assert!(!may_manage(false, false, false));
}

#[test]
fn the_form_round_trips() {
    let p = input().parse().expect("valid");
    let again = EventInput::of(&p.event, None, &[])
        .parse()
        .expect("round trip");
    assert_eq!(again.event, p.event);
}

#[test]
fn a_feed_holds_the_event_with_its_zone() {
    let e = input().parse().expect("valid").event;
    let feed = ical::calendar_with_events(
        "Events",
        &[],
        &[FeedEvent {
            uid: "event-1@example.org".into(),
            title: &e.title,
            description: "Bring; questions, please",
            start: e.start,
            zone: e.zone,
            duration_minutes: e.duration_minutes,
            location: "https://meet.example.org/abc".into(),
            url: Some("https://example.org/events/1".into()),
            cancelled: true,
            updated_at: utc(2026, 2, 1, 0, 0),
        }],
        utc(2026, 2, 1, 0, 0),
    );
    assert!(feed.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
    assert!(feed.contains("DTSTART;TZID=America/New_York:20260311T100000\r\n"));
    assert!(feed.contains("DURATION:PT90M\r\n"));
    assert!(feed.contains("STATUS:CANCELLED\r\n"));
    assert!(feed.contains("Bring\\; questions\\, please"));
    assert!(!feed.contains("RRULE"));
    assert!(feed.lines().all(|l| l.len() <= 76));
}

proptest! {
    /// Whatever the zone and times, a parsed event ends exactly its duration after it starts, and
    /// an end not after the start is refused on `end_time`.
    #[test]
    fn end_is_start_plus_duration(
        zone in prop::sample::select(vec!["America/New_York", "Europe/Paris", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]),
        day in 0i64..730,
        minute in 0i64..(24 * 60),
        length in -600i64..3000,
    ) {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("date");
        let start = base + Duration::days(day) + Duration::minutes(minute);
        let end = start + Duration::minutes(length);
        let mut i = input();
        i.zone = zone.into();
        i.start_time = start.format("%Y-%m-%dT%H:%M").to_string();
        i.end_time = end.format("%Y-%m-%dT%H:%M").to_string();
        let tz: Tz = zone.parse().expect("zone");
        match i.parse() {
            Ok(p) => {
                prop_assert_eq!(p.event.ends_at(), to_utc(tz, end).expect("end exists"));
                prop_assert!(p.event.duration_minutes >= MIN_DURATION_MINUTES);
            }
            Err(e) => {
                let field_start = e.get("start_time");
                let field_end = e.get("end_time");
                prop_assert!(field_start.is_some() || field_end.is_some());
                if length <= 0 && field_start.is_none() && to_utc(tz, end).is_ok() {
                    prop_assert_eq!(field_end, Some("end-before-start"));
                }
            }
        }
    }

    /// However many people try, registrations never exceed the capacity.
    #[test]
    fn registrations_never_exceed_capacity(capacity in 1i64..50, attempts in 0usize..120) {
        let mut e = input().parse().expect("valid").event;
        e.capacity = Some(capacity);
        let now = utc(2026, 3, 1, 0, 0);
        let mut registered = 0i64;
        for _ in 0..attempts {
            if e.may_register(EventStatus::Scheduled, now, registered).is_ok() {
                registered += 1;
            }
        }
        prop_assert!(registered <= capacity);
        prop_assert_eq!(registered, capacity.min(attempts as i64));
    }

    /// Only http and https links are kept.
    #[test]
    fn only_web_links_pass(scheme in "[a-z]{2,8}") {
        let mut i = input();
        i.link = format!("{scheme}://example.org/x");
        let ok = i.parse().is_ok();
        prop_assert_eq!(ok, scheme == "http" || scheme == "https");
    }
}

#[test]
fn guests_give_a_name_and_an_address_and_only_public_events_take_them() {
    let ok = GuestInput {
        full_name: "  Ada Lovelace ".into(),
        email: " Ada@Example.ORG ".into(),
    }
    .parse()
    .expect("valid");
    assert_eq!(ok.name, "Ada Lovelace");
    assert_eq!(ok.email.as_str(), "ada@example.org");
    let bad = GuestInput {
        full_name: "Two\nlines".into(),
        email: "not an address".into(),
    }
    .parse()
    .expect_err("invalid");
    assert_eq!(bad.get("full_name"), Some("one-line"));
    assert!(bad.get("email").is_some());
    let empty = GuestInput::default().parse().expect_err("empty");
    assert_eq!(empty.get("full_name"), Some("required"));
    assert_eq!(empty.get("email"), Some("required"));
    assert!(may_register_as_guest(EventVisibility::Public).is_ok());
    assert_eq!(
        may_register_as_guest(EventVisibility::Members),
        Err("members-only")
    );
}

proptest! {
    /// A pending link confirms until it expires and never after; a confirmed one stays usable (to
    /// withdraw); a second mail goes out only after the resend interval.
    #[test]
    fn guest_links_expire_and_resends_are_spaced(minutes in 0i64..10_000) {
        let at = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().expect("time");
        let now = at + Duration::minutes(minutes);
        prop_assert_eq!(guest_link_valid(at, false, now), minutes < GUEST_LINK_HOURS * 60);
        prop_assert!(guest_link_valid(at, true, now));
        prop_assert_eq!(guest_may_resend(at, now), minutes >= GUEST_RESEND_MINUTES);
    }
}
