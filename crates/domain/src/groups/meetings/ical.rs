//! The iCalendar (RFC 5545) writer of meeting and event feeds, without I/O: one VEVENT per series with
//! its RRULE, an EXDATE per cancelled occurrence and an overriding VEVENT (RECURRENCE-ID) per moved one,
//! one VEVENT per single event (`FeedEvent`, STATUS:CANCELLED once cancelled), local times with TZID,
//! and a VTIMEZONE for each zone used. The `icalendar` crate writes no
//! VTIMEZONE, so this one builds them from chrono-tz's offsets: each change of offset over the span
//! the feed covers becomes a STANDARD or DAYLIGHT observance. Lines end with CRLF and are folded at
//! 75 octets; text values are escaped.

use super::{to_utc, Exception, Series};
use chrono::{DateTime, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How far past the last thing it names a feed describes its zones: clients expand open-ended rules
/// and need the offsets of the years ahead.
pub const ZONE_YEARS_AHEAD: i64 = 10;

/// One series in a feed.
#[derive(Debug, Clone)]
pub struct FeedSeries<'a> {
    /// Stable across feeds and edits: `meeting-<id>@<host>`.
    pub uid: String,
    pub series: &'a Series,
    pub exceptions: &'a [Exception],
    /// Appended to the description (where the group's page is).
    pub url: Option<String>,
    /// When the series last changed (its LAST-MODIFIED and SEQUENCE source).
    pub updated_at: DateTime<Utc>,
}

/// One single (not recurring) event in a feed: an event of `agora_domain::events`.
#[derive(Debug, Clone)]
pub struct FeedEvent<'a> {
    /// Stable across feeds and edits: `event-<id>@<host>`.
    pub uid: String,
    pub title: &'a str,
    pub description: &'a str,
    /// The start in local time of `zone`.
    pub start: NaiveDateTime,
    pub zone: Tz,
    pub duration_minutes: i64,
    /// The place and the link, joined in LOCATION when both are set.
    pub location: String,
    /// The event's page.
    pub url: Option<String>,
    pub cancelled: bool,
    pub updated_at: DateTime<Utc>,
}

/// A whole VCALENDAR of meetings. `now` is the DTSTAMP; zones are described from the earliest start
/// named to `ZONE_YEARS_AHEAD` years after `now` (or after the latest start, if later).
pub fn calendar(name: &str, series: &[FeedSeries<'_>], now: DateTime<Utc>) -> String {
    calendar_with_events(name, series, &[], now)
}

/// A whole VCALENDAR of meetings and single events, their zones described as `calendar` does.
pub fn calendar_with_events(
    name: &str,
    series: &[FeedSeries<'_>],
    events: &[FeedEvent<'_>],
    now: DateTime<Utc>,
) -> String {
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line("PRODID:-//Agora//Meetings//EN");
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    w.prop("X-WR-CALNAME", &escape(name));
    let mut spans: BTreeMap<&str, (Tz, DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    let mut span = |zone: Tz, t: DateTime<Utc>| {
        let end = t.max(now) + Duration::days(366 * ZONE_YEARS_AHEAD);
        let e = spans.entry(zone.name()).or_insert((zone, t, end));
        e.1 = e.1.min(t);
        e.2 = e.2.max(end);
    };
    for s in series {
        let starts = std::iter::once(s.series.start)
            .chain(
                s.exceptions
                    .iter()
                    .flat_map(|x| [Some(x.occurrence), x.moved_to])
                    .flatten(),
            )
            .filter_map(|t| to_utc(s.series.zone, t).ok());
        for t in starts {
            span(s.series.zone, t);
        }
    }
    for e in events {
        if let Ok(t) = to_utc(e.zone, e.start) {
            span(e.zone, t);
        }
    }
    for (zone, from, to) in spans.values() {
        vtimezone(&mut w, *zone, *from, *to);
    }
    let stamp = utc_text(now);
    for s in series {
        vevents(&mut w, s, &stamp);
    }
    for e in events {
        single_event(&mut w, e, &stamp);
    }
    w.line("END:VCALENDAR");
    w.out
}

fn vevents(w: &mut Writer, f: &FeedSeries<'_>, stamp: &str) {
    let s = f.series;
    let tzid = s.zone.name();
    let mut description = s.agenda_template.clone();
    if let Some(url) = &f.url {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(url);
    }
    let common = |w: &mut Writer| {
        w.prop("SUMMARY", &escape(&s.title));
        if !s.place.is_empty() {
            w.prop("LOCATION", &escape(&s.place));
        }
        if !description.is_empty() {
            w.prop("DESCRIPTION", &escape(&description));
        }
        if let Some(url) = &f.url {
            w.prop("URL", url);
        }
        w.prop("LAST-MODIFIED", &utc_text(f.updated_at));
    };
    w.line("BEGIN:VEVENT");
    w.prop("UID", &f.uid);
    w.prop("DTSTAMP", stamp);
    w.prop(&format!("DTSTART;TZID={tzid}"), &local_text(s.start));
    w.prop("DURATION", &format!("PT{}M", s.duration_minutes));
    w.prop("RRULE", s.rule.as_str());
    for x in f.exceptions.iter().filter(|x| x.cancelled()) {
        w.prop(&format!("EXDATE;TZID={tzid}"), &local_text(x.occurrence));
    }
    common(w);
    w.line("END:VEVENT");
    for x in f.exceptions {
        let Some(to) = x.moved_to else { continue };
        w.line("BEGIN:VEVENT");
        w.prop("UID", &f.uid);
        w.prop("DTSTAMP", stamp);
        w.prop(
            &format!("RECURRENCE-ID;TZID={tzid}"),
            &local_text(x.occurrence),
        );
        w.prop(&format!("DTSTART;TZID={tzid}"), &local_text(to));
        w.prop("DURATION", &format!("PT{}M", s.duration_minutes));
        common(w);
        w.line("END:VEVENT");
    }
}

fn single_event(w: &mut Writer, e: &FeedEvent<'_>, stamp: &str) {
    let mut description = e.description.to_string();
    if let Some(url) = &e.url {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(url);
    }
    w.line("BEGIN:VEVENT");
    w.prop("UID", &e.uid);
    w.prop("DTSTAMP", stamp);
    w.prop(
        &format!("DTSTART;TZID={}", e.zone.name()),
        &local_text(e.start),
    );
    w.prop("DURATION", &format!("PT{}M", e.duration_minutes));
    w.prop("SUMMARY", &escape(e.title));
    if !e.location.is_empty() {
        w.prop("LOCATION", &escape(&e.location));
    }
    if !description.is_empty() {
        w.prop("DESCRIPTION", &escape(&description));
    }
    if let Some(url) = &e.url {
        w.prop("URL", url);
    }
    w.prop(
        "STATUS",
        if e.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        },
    );
    w.prop("LAST-MODIFIED", &utc_text(e.updated_at));
    w.line("END:VEVENT");
}

/// A change of offset: the instant, the offsets before and after, and whether daylight time follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub from_seconds: i32,
    pub to_seconds: i32,
    pub daylight: bool,
    pub abbreviation: Option<&'static str>,
}

fn offset_at(zone: Tz, t: DateTime<Utc>) -> (i32, bool, Option<&'static str>) {
    let o = zone.offset_from_utc_datetime(&t.naive_utc());
    let abbreviation = zone_abbreviation(zone, t);
    (
        o.fix().local_minus_utc(),
        o.dst_offset() != chrono::Duration::zero(),
        abbreviation,
    )
}

fn zone_abbreviation(zone: Tz, t: DateTime<Utc>) -> Option<&'static str> {
    // The name is static in chrono-tz's tables; the offset value only borrows it.
    let o = zone.offset_from_utc_datetime(&t.naive_utc());
    let name = o.abbreviation()?;
    ABBREVIATIONS.iter().copied().find(|a| *a == name)
}

/// Abbreviations kept as TZNAME (others, "+03" and the like, are left out: TZNAME is optional).
const ABBREVIATIONS: &[&str] = &[
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "AST", "ADT",
    "NST", "NDT", "GMT", "BST", "IST", "WET", "WEST", "CET", "CEST", "EET", "EEST", "MSK", "SAST",
    "AEST", "AEDT", "ACST", "ACDT", "AWST", "NZST", "NZDT", "JST", "KST", "UTC",
];

/// Every change of offset of `zone` between `from` and `to`, found day by day and then to the second.
pub fn transitions(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Transition> {
    let mut out = Vec::new();
    let mut at = from;
    let mut before = offset_at(zone, at);
    while at < to {
        let next = (at + Duration::days(1)).min(to);
        let after = offset_at(zone, next);
        if after.0 != before.0 || after.1 != before.1 {
            // The first second with the new offset.
            let (mut lo, mut hi) = (at, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(zone, mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push(Transition {
                at: hi,
                from_seconds: before.0,
                to_seconds: after.0,
                daylight: after.1,
                abbreviation: after.2,
            });
        }
        before = after;
        at = next;
    }
    out
}

/// The VTIMEZONE of `zone` for `[from, to]`: the observance in force at `from` (dated from the last
/// change before it, looked for up to two years back) and one observance per change until `to`.
fn vtimezone(w: &mut Writer, zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) {
    w.line("BEGIN:VTIMEZONE");
    w.prop("TZID", zone.name());
    let earlier = transitions(zone, from - Duration::days(731), from);
    let first = earlier.last().copied().unwrap_or_else(|| {
        let (offset, daylight, abbreviation) = offset_at(zone, from);
        Transition {
            at: Utc
                .with_ymd_and_hms(1970, 1, 1, 0, 0, 0)
                .single()
                .unwrap_or(from),
            from_seconds: offset,
            to_seconds: offset,
            daylight,
            abbreviation,
        }
    });
    for t in std::iter::once(first).chain(transitions(zone, from, to)) {
        let kind = if t.daylight { "DAYLIGHT" } else { "STANDARD" };
        w.line(&format!("BEGIN:{kind}"));
        // DTSTART of an observance is the local time of the change, on the clock before it.
        let local = t.at.naive_utc() + Duration::seconds(i64::from(t.from_seconds));
        w.prop("DTSTART", &local_text(local));
        w.prop("TZOFFSETFROM", &offset_text(t.from_seconds));
        w.prop("TZOFFSETTO", &offset_text(t.to_seconds));
        if let Some(a) = t.abbreviation {
            w.prop("TZNAME", a);
        }
        w.line(&format!("END:{kind}"));
    }
    w.line("END:VTIMEZONE");
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s % 3600 / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn local_text(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

fn utc_text(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and newlines as `\n`.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters have no place in a content line.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 sequence): each continuation starts with
/// one space, and every line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, s: &str) {
        self.out.push_str(&fold(s));
    }

    fn prop(&mut self, name: &str, value: &str) {
        let mut s = String::with_capacity(name.len() + value.len() + 1);
        let _ = write!(s, "{name}:{value}");
        self.line(&s);
    }
}
