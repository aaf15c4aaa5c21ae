use super::ical::{self, FeedSeries};
use super::*;
use chrono::{NaiveDate, Timelike};
use proptest::prelude::*;

fn local(s: &str) -> NaiveDateTime {
    parse_local(s).expect("local time")
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("rfc 3339")
        .with_timezone(&Utc)
}

fn input(rule: &str, start: &str, zone: &str) -> SeriesInput {
    SeriesInput {
        title: "Marketing WG meeting".into(),
        rule: rule.into(),
        start: start.into(),
        zone: zone.into(),
        duration_minutes: "60".into(),
        place: "https://meet.example.org/mwg".into(),
        agenda_template: "1. Updates\n2. Initiatives".into(),
    }
}

/// The Marketing WG meeting of seed 002: bi-weekly Wednesdays at 10:00 New York time.
fn mwg() -> Series {
    input(
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "2026-01-07T10:00",
        "America/New_York",
    )
    .parse()
    .expect("valid series")
}

#[test]
fn the_mwg_meeting_keeps_ten_oclock_new_york_time_across_daylight_saving() {
    let s = mwg();
    let e = s.expand(
        &[],
        utc("2026-01-01T00:00:00Z"),
        utc("2026-12-31T00:00:00Z"),
    );
    assert!(!e.capped);
    // Every other Wednesday of 2026 from 7 January: 26 meetings.
    assert_eq!(e.occurrences.len(), 26);
    for o in &e.occurrences {
        assert_eq!(o.local_start.time().hour(), 10, "{o:?}");
        assert_eq!(o.end - o.start, Duration::minutes(60));
    }
    let at = |d: &str| {
        e.occurrences
            .iter()
            .find(|o| o.original.date() == NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date"))
            .map(|o| o.start)
    };
    // Winter (EST, UTC-5): 15:00 UTC. 4 March is before the change of 8 March.
    assert_eq!(at("2026-01-07"), Some(utc("2026-01-07T15:00:00Z")));
    assert_eq!(at("2026-03-04"), Some(utc("2026-03-04T15:00:00Z")));
    // Summer (EDT, UTC-4): 14:00 UTC.
    assert_eq!(at("2026-03-18"), Some(utc("2026-03-18T14:00:00Z")));
    assert_eq!(at("2026-07-08"), Some(utc("2026-07-08T14:00:00Z")));
    // Back to winter after 1 November.
    assert_eq!(at("2026-10-28"), Some(utc("2026-10-28T14:00:00Z")));
    assert_eq!(at("2026-11-11"), Some(utc("2026-11-11T15:00:00Z")));
    assert_eq!(at("2026-03-11"), None, "not a meeting week");
}

#[test]
fn exceptions_cancel_and_move_one_occurrence_each() {
    let s = mwg();
    let cancelled = Exception {
        occurrence: local("2026-03-04T10:00"),
        moved_to: None,
    };
    let moved = Exception {
        occurrence: local("2026-03-18T10:00"),
        moved_to: Some(local("2026-03-19T11:30")),
    };
    let from = utc("2026-02-01T00:00:00Z");
    let to = utc("2026-04-30T00:00:00Z");
    let plain = s.expand(&[], from, to).occurrences;
    let changed = s.expand(&[cancelled, moved], from, to).occurrences;
    assert_eq!(changed.len(), plain.len() - 1);
    assert!(!changed.iter().any(|o| o.original == cancelled.occurrence));
    let m = changed
        .iter()
        .find(|o| o.original == moved.occurrence)
        .expect("moved occurrence");
    assert!(m.moved);
    assert_eq!(m.start, utc("2026-03-19T15:30:00Z"));
    // A move into the window from outside it counts there.
    let later = Exception {
        occurrence: local("2026-05-13T10:00"),
        moved_to: Some(local("2026-04-29T09:00")),
    };
    let e = s.expand(&[later], from, utc("2026-05-01T00:00:00Z"));
    assert!(e.occurrences.iter().any(|o| o.original == later.occurrence));
    // The cancelled one is listed as such within the window, at its winter time; a move is not.
    let listed = s.cancelled_between(&[cancelled, moved, later], from, to);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].original, cancelled.occurrence);
    assert_eq!(listed[0].start, utc("2026-03-04T15:00:00Z"));
    assert!(s
        .cancelled_between(&[cancelled], utc("2026-03-05T00:00:00Z"), to)
        .is_empty());
}

#[test]
fn bad_series_input_names_each_field() {
    let mut i = input("FREQ=FORTNIGHTLY", "2026-01-07T10:00", "America/New_York");
    assert_eq!(
        i.parse().expect_err("invalid").get("rule"),
        Some("invalid-rule")
    );
    i.rule = "FREQ=HOURLY".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("rule"),
        Some("rule-too-frequent")
    );
    i.rule = "FREQ=DAILY;BYHOUR=1,2,3".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("rule"),
        Some("invalid-rule")
    );
    i.rule = "FREQ=WEEKLY\r\nX-EVIL:1".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("rule"),
        Some("invalid-rule")
    );
    i.rule = "FREQ=WEEKLY;BYDAY=TH".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("rule"),
        Some("start-not-in-rule")
    );
    i.rule = "RRULE:freq=weekly;byday=we".into();
    assert_eq!(
        i.parse().expect("valid").rule.as_str(),
        "FREQ=WEEKLY;BYDAY=WE"
    );
    i.zone = "America/Atlantis".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("zone"),
        Some("unknown-time-zone")
    );
    i.zone = "Europe/Paris".into();
    i.duration_minutes = "0".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("duration_minutes"),
        Some("out-of-range")
    );
    i.duration_minutes = "1441".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("duration_minutes"),
        Some("out-of-range")
    );
    i.duration_minutes = "an hour".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("duration_minutes"),
        Some("invalid-number")
    );
    i.duration_minutes = "90".into();
    // 02:30 on 29 March 2026 does not exist in Paris.
    i.start = "2026-03-29T02:30".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("start"),
        Some("nonexistent-local-time")
    );
    i.start = "next Tuesday".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("start"),
        Some("invalid-date-time")
    );
    i.start = "1066-10-14T09:00".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("start"),
        Some("out-of-range")
    );
    i.start = "2026-01-07T10:00".into();
    i.title = " ".into();
    assert_eq!(
        i.parse().expect_err("invalid").get("title"),
        Some("required")
    );
}

#[test]
fn exception_input_refuses_what_is_not_an_occurrence() {
    let s = mwg();
    let x = |occurrence: &str, action: &str, moved_to: &str| ExceptionInput {
        occurrence: occurrence.into(),
        action: action.into(),
        moved_to: moved_to.into(),
    };
    assert_eq!(
        x("2026-03-11T10:00", "cancel", "")
            .parse(&s)
            .expect_err("off week")
            .get("occurrence"),
        Some("not-an-occurrence")
    );
    assert_eq!(
        x("2026-03-04T11:00", "cancel", "")
            .parse(&s)
            .expect_err("wrong hour")
            .get("occurrence"),
        Some("not-an-occurrence")
    );
    assert_eq!(
        x("2026-03-04T10:00", "skip", "")
            .parse(&s)
            .expect_err("action")
            .get("action"),
        Some("invalid-action")
    );
    assert_eq!(
        x("2026-03-04T10:00", "move", "")
            .parse(&s)
            .expect_err("no time")
            .get("moved_to"),
        Some("required")
    );
    // 02:30 on 8 March 2026 is skipped in New York.
    assert_eq!(
        x("2026-03-04T10:00", "move", "2026-03-08T02:30")
            .parse(&s)
            .expect_err("gap")
            .get("moved_to"),
        Some("nonexistent-local-time")
    );
    assert_eq!(
        x("2026-03-04T10:00", "cancel", "")
            .parse(&s)
            .expect("valid"),
        Exception {
            occurrence: local("2026-03-04T10:00"),
            moved_to: None
        }
    );
}

#[test]
fn unbounded_expansions_are_capped() {
    let s = input("FREQ=DAILY", "2026-01-01T09:00", "Europe/Paris")
        .parse()
        .expect("valid");
    let e = s.expand(
        &[],
        utc("2026-01-01T00:00:00Z"),
        utc("2030-01-01T00:00:00Z"),
    );
    assert!(e.capped);
    assert_eq!(e.occurrences.len(), MAX_OCCURRENCES);
    let e = s.expand(
        &[],
        utc("2026-01-01T00:00:00Z"),
        utc("2099-01-01T00:00:00Z"),
    );
    assert!(e.capped);
    assert!(e.occurrences.len() <= MAX_OCCURRENCES);
    // A bounded rule ends.
    let s = input("FREQ=WEEKLY;COUNT=3", "2026-01-01T09:00", "Europe/Paris")
        .parse()
        .expect("valid");
    let e = s.expand(
        &[],
        utc("2025-01-01T00:00:00Z"),
        utc("2030-01-01T00:00:00Z"),
    );
    assert_eq!(e.occurrences.len(), 3);
    assert!(!e.capped);
}

#[test]
fn the_feed_has_rule_exceptions_and_a_timezone() {
    let s = mwg();
    let exceptions = [
        Exception {
            occurrence: local("2026-03-04T10:00"),
            moved_to: None,
        },
        Exception {
            occurrence: local("2026-03-18T10:00"),
            moved_to: Some(local("2026-03-19T11:30")),
        },
    ];
    let feed = ical::calendar(
        "Marketing; WG, feed",
        &[FeedSeries {
            uid: "meeting-1@agora.example".into(),
            series: &s,
            exceptions: &exceptions,
            url: Some("https://agora.example/groups/marketing-wg".into()),
            updated_at: utc("2026-01-02T00:00:00Z"),
        }],
        utc("2026-01-02T12:00:00Z"),
    );
    assert!(feed.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(feed.ends_with("END:VCALENDAR\r\n"));
    assert!(!feed.replace("\r\n", "").contains('\n'));
    for line in feed.split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    let unfolded = feed.replace("\r\n ", "");
    assert!(unfolded.contains("X-WR-CALNAME:Marketing\\; WG\\, feed\r\n"));
    assert!(unfolded.contains("DTSTART;TZID=America/New_York:20260107T100000\r\n"));
    assert!(unfolded.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=WE\r\n"));
    assert!(unfolded.contains("EXDATE;TZID=America/New_York:20260304T100000\r\n"));
    assert!(unfolded.contains("RECURRENCE-ID;TZID=America/New_York:20260318T100000\r\n"));
    assert!(unfolded.contains("DTSTART;TZID=America/New_York:20260319T113000\r\n"));
    assert!(unfolded.contains("DESCRIPTION:1. Updates\\n2. Initiatives\\n\\nhttps://"));
    assert_eq!(
        unfolded.matches("UID:meeting-1@agora.example\r\n").count(),
        2
    );
    assert!(unfolded.contains("DTSTAMP:20260102T120000Z\r\n"));
    // The zone: the change of 2 November 2025 in force at the start, then 8 March 2026 etc.
    assert_eq!(unfolded.matches("BEGIN:VTIMEZONE\r\n").count(), 1);
    assert!(unfolded.contains(
        "BEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\nEND:STANDARD\r\n"
    ));
    assert!(unfolded.contains(
        "BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\n"
    ));
    let vtz = &unfolded[unfolded.find("BEGIN:VTIMEZONE").expect("zone")..];
    let vtz = &vtz[..vtz.find("END:VTIMEZONE").expect("end")];
    assert!(
        vtz.matches("BEGIN:DAYLIGHT").count() >= 10,
        "ten years ahead"
    );
}

#[test]
fn a_zone_without_daylight_saving_has_one_observance() {
    let t = ical::transitions(
        chrono_tz::Asia::Tokyo,
        utc("2020-01-01T00:00:00Z"),
        utc("2030-01-01T00:00:00Z"),
    );
    assert!(t.is_empty());
    let s = input("FREQ=MONTHLY;BYDAY=1MO", "2026-02-02T09:00", "Asia/Tokyo")
        .parse()
        .expect("valid");
    let feed = ical::calendar(
        "Tokyo",
        &[FeedSeries {
            uid: "meeting-2@agora.example".into(),
            series: &s,
            exceptions: &[],
            url: None,
            updated_at: utc("2026-01-02T00:00:00Z"),
        }],
        utc("2026-01-02T12:00:00Z"),
    );
    assert!(feed.contains(
        "BEGIN:STANDARD\r\nDTSTART:19700101T090000\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\n"
    ));
}

#[test]
fn text_is_escaped() {
    assert_eq!(ical::escape("a,b;c\\d\r\ne\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    assert_eq!(ical::escape("bell\u{7}"), "bell");
}

const ZONES: &[&str] = &[
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/Paris",
    "Europe/London",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "UTC",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the zone and rule, every occurrence starts at the local wall time of the series'
    /// start (hours chosen away from the night-time changes of offset).
    #[test]
    fn every_occurrence_keeps_its_local_wall_time(
        zone in prop::sample::select(ZONES),
        rule in prop::sample::select(&[
            "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2", "FREQ=DAILY;INTERVAL=3",
            "FREQ=MONTHLY", "FREQ=YEARLY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU",
        ][..]),
        day in 0i64..730,
        hour in 8u32..20,
        minute in prop::sample::select(&[0u32, 15, 30, 45][..]),
        duration in 5i64..=1440,
    ) {
        let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("date").and_hms_opt(hour, minute, 0)
            .expect("time") + Duration::days(day);
        let mut i = input(rule, &format_local(start), zone);
        i.duration_minutes = duration.to_string();
        let s = i.parse().expect("valid");
        let from = to_utc(s.zone, start).expect("exists");
        let e = s.expand(&[], from, from + Duration::days(800));
        prop_assert!(!e.occurrences.is_empty());
        prop_assert_eq!(e.occurrences[0].original, start);
        for o in &e.occurrences {
            prop_assert_eq!(o.local_start.time(), start.time());
            prop_assert_eq!(o.start.with_timezone(&s.zone).naive_local(), o.local_start);
            prop_assert_eq!(o.end - o.start, Duration::minutes(duration));
            prop_assert!(s.is_occurrence(o.original));
        }
    }

    /// Cancelling removes exactly the one occurrence; moving changes exactly the one.
    #[test]
    fn an_exception_changes_exactly_one_occurrence(
        pick in 0usize..20, shift_minutes in -2000i64..2000, cancel in any::<bool>(),
    ) {
        let s = mwg();
        let from = utc("2026-01-01T00:00:00Z");
        let to = utc("2027-01-01T00:00:00Z");
        let plain = s.expand(&[], from, to).occurrences;
        let target = plain[pick];
        let moved_to = target.original + Duration::minutes(shift_minutes);
        prop_assume!(cancel || (to_utc(s.zone, moved_to).is_ok() && shift_minutes != 0));
        let x = Exception { occurrence: target.original, moved_to: (!cancel).then_some(moved_to) };
        let changed = s.expand(&[x], from, to).occurrences;
        let others = |v: &[Occurrence]| v.iter().filter(|o| o.original != target.original).copied()
            .collect::<Vec<_>>();
        prop_assert_eq!(others(&changed), others(&plain));
        let mine: Vec<_> = changed.iter().filter(|o| o.original == target.original).collect();
        if cancel {
            prop_assert!(mine.is_empty());
        } else {
            prop_assert_eq!(mine.len(), 1);
            prop_assert_eq!(mine[0].local_start, moved_to);
            prop_assert!(mine[0].moved);
        }
    }

    /// Folded lines are at most 75 octets and unfold to the line as written.
    #[test]
    fn folding_keeps_the_line(s in "\\PC{0,300}") {
        let folded = ical::fold(&s);
        for line in folded.trim_end_matches("\r\n").split("\r\n") {
            prop_assert!(line.len() <= 75);
        }
        prop_assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), s);
    }
}

#[test]
fn a_meeting_to_come_is_not_moved_into_the_past() {
    let s = SeriesInput {
        title: "MWG".into(),
        rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE".into(),
        start: "2026-01-07T10:00".into(),
        zone: "America/New_York".into(),
        duration_minutes: "60".into(),
        place: "https://meet.example/mwg".into(),
        agenda_template: String::new(),
    }
    .parse()
    .expect("series");
    let now = utc("2026-12-02T12:00:00Z");
    let move_to = |from: &str, to: &str| Exception {
        occurrence: local(from),
        moved_to: Some(local(to)),
    };
    let e = move_to("2026-12-09T10:00:00", "2026-11-01T10:00:00")
        .check_timing(&s, now)
        .expect_err("into the past");
    assert_eq!(e.get("moved_to"), Some("moved-into-past"));
    assert!(move_to("2026-12-09T10:00:00", "2026-12-10T10:00:00")
        .check_timing(&s, now)
        .is_ok());
    // A past meeting may be recorded as held at another time.
    assert!(move_to("2026-11-25T10:00:00", "2026-11-24T10:00:00")
        .check_timing(&s, now)
        .is_ok());
    let cancelled = Exception {
        occurrence: local("2026-12-09T10:00:00"),
        moved_to: None,
    };
    assert!(cancelled.check_timing(&s, now).is_ok());
}

#[test]
fn plain_weekly_rules_read_as_words_and_others_do_not() {
    let start = local("2026-01-07T10:00:00");
    let zone = parse_zone("America/New_York").expect("zone");
    let rule = |r: &str| Rule::parse(r, start, zone).expect("rule");
    assert_eq!(
        rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=WE").weekly(),
        Some((2, vec!["WE"]))
    );
    assert_eq!(
        rule("FREQ=WEEKLY;BYDAY=WE,FR").weekly(),
        Some((1, vec!["WE", "FR"]))
    );
    assert_eq!(rule("FREQ=WEEKLY;BYDAY=WE;COUNT=10").weekly(), None);
    assert_eq!(rule("FREQ=MONTHLY;BYDAY=1WE").weekly(), None);
}
