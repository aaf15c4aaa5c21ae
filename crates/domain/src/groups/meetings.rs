//! Recurring meetings of a group (issue 10): a series is a title, an RFC 5545 recurrence rule, a start
//! given as a local date-time in a named (IANA) time zone, a duration, a place or link and an agenda
//! template. Occurrences are named by their original local start (what iCalendar's RECURRENCE-ID
//! names), so an exception, an agenda or an attendance stays attached to one occurrence even when it is
//! moved. Expansion runs in the series' zone, so a weekly 10:00 meeting stays at 10:00 local time
//! across daylight saving (15:00 UTC in a New York winter, 14:00 UTC in its summer).

use crate::validation::ValidationErrors;
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

pub mod ical;

#[cfg(test)]
mod tests;

/// A meeting lasts at least five minutes and at most a day.
pub const MIN_DURATION_MINUTES: i64 = 5;
pub const MAX_DURATION_MINUTES: i64 = 24 * 60;
/// One expansion yields at most this many occurrences, whatever the window (`Expansion::capped`).
pub const MAX_OCCURRENCES: usize = 1000;
/// An expansion window longer than this is cut to it: nobody reads ten years of meetings at once.
pub const MAX_WINDOW_DAYS: i64 = 3660;
/// Starts (and moved occurrences) fall in these years, so every expansion is bounded.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
pub const MAX_TITLE: usize = 200;
pub const MAX_PLACE: usize = 500;
pub const MAX_TEXT: usize = 10_000;
const MAX_RULE: usize = 500;
/// How local date-times are written (stored, and in the API).
pub const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// An IANA time zone by its name ("America/New_York"); `unknown-time-zone` otherwise.
pub fn parse_zone(s: &str) -> Result<Tz, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    s.parse::<Tz>().map_err(|_| "unknown-time-zone")
}

/// Every zone name `parse_zone` takes, in the IANA database's order: forms offer them as suggestions.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|z| z.name())
}

/// A local date-time as a form (`2026-01-07T10:00`) or the API (`2026-01-07T10:00:00`) writes it.
pub fn parse_local(s: &str) -> Result<NaiveDateTime, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    let t = NaiveDateTime::parse_from_str(s, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .map_err(|_| "invalid-date-time")?;
    if !YEARS.contains(&chrono::Datelike::year(&t)) {
        return Err("out-of-range");
    }
    Ok(t)
}

pub fn format_local(t: NaiveDateTime) -> String {
    t.format(LOCAL_FORMAT).to_string()
}

/// The instant a local time names in `zone`: the earlier of two in the hour repeated in autumn, none
/// in the hour skipped in spring (`nonexistent-local-time`).
pub fn to_utc(zone: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, &'static str> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(early, _) => Ok(early.with_timezone(&Utc)),
        LocalResult::None => Err("nonexistent-local-time"),
    }
}

/// A recurrence rule (the value of RRULE, `FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`), upper-cased, checked by
/// the `rrule` crate against the series' start. Meeting times come from the start, so rules repeating
/// more often than daily, or naming hours, minutes or seconds, are refused.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Rule(String);

impl Rule {
    pub fn parse(s: &str, start: NaiveDateTime, zone: Tz) -> Result<Rule, &'static str> {
        let s = s.trim();
        let s = s
            .strip_prefix("RRULE:")
            .or_else(|| s.strip_prefix("rrule:"))
            .unwrap_or(s)
            .to_ascii_uppercase();
        if s.is_empty() {
            return Err("required");
        }
        if s.len() > MAX_RULE {
            return Err("too-long");
        }
        // Only the rule's own alphabet: the text is written into feeds as it is.
        if !s
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '=' | ';' | ',' | '+' | '-'))
        {
            return Err("invalid-rule");
        }
        for part in s.split(';') {
            let name = part.split('=').next().unwrap_or_default();
            match name {
                "BYHOUR" | "BYMINUTE" | "BYSECOND" => return Err("invalid-rule"),
                "FREQ" if matches!(part, "FREQ=HOURLY" | "FREQ=MINUTELY" | "FREQ=SECONDLY") => {
                    return Err("rule-too-frequent")
                }
                _ => {}
            }
        }
        let rule = Rule(s);
        // RFC 5545 counts DTSTART as the first occurrence even when the rule would not give it, and
        // clients differ on that; a start the rule gives means every reader sees the same meetings.
        let first = rule.set(start, zone)?.all(1).dates;
        if first.first().map(|d| d.naive_local()) != Some(start) {
            return Err("start-not-in-rule");
        }
        Ok(rule)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A plain weekly rule as people say it: every `n` weeks on these days (`MO` … `SU`, in the
    /// rule's order). `None` for any other rule, which pages show as written.
    pub fn weekly(&self) -> Option<(u32, Vec<&str>)> {
        let mut weekly = false;
        let mut interval = 1;
        let mut days = vec![];
        for part in self.0.split(';') {
            match part.split_once('=')? {
                ("FREQ", "WEEKLY") => weekly = true,
                ("INTERVAL", n) => interval = n.parse().ok().filter(|n| *n >= 1)?,
                ("BYDAY", list) => {
                    for d in list.split(',') {
                        days.push(
                            ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                                .into_iter()
                                .find(|x| *x == d)?,
                        );
                    }
                }
                ("WKST", _) => {}
                _ => return None,
            }
        }
        (weekly && !days.is_empty()).then_some((interval, days))
    }

    /// The rule as read back from storage, checked again.
    pub fn stored(s: &str, start: NaiveDateTime, zone: Tz) -> Result<Rule, &'static str> {
        Rule::parse(s, start, zone)
    }

    fn set(&self, start: NaiveDateTime, zone: Tz) -> Result<rrule::RRuleSet, &'static str> {
        let dt_start = rrule::Tz::Tz(zone)
            .from_local_datetime(&start)
            .earliest()
            .ok_or("nonexistent-local-time")?;
        let unvalidated: rrule::RRule<rrule::Unvalidated> =
            self.0.parse().map_err(|_| "invalid-rule")?;
        let rule = unvalidated.validate(dt_start).map_err(|_| "invalid-rule")?;
        Ok(rrule::RRuleSet::new(dt_start).rrule(rule))
    }
}

/// A meeting series as its facilitators define it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Series {
    pub title: String,
    /// The RRULE value, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`.
    #[schema(value_type = String, example = "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")]
    pub rule: Rule,
    /// The first occurrence, in local time of `zone`.
    #[schema(value_type = String, example = "2026-01-07T10:00:00")]
    #[serde(serialize_with = "local_text")]
    pub start: NaiveDateTime,
    #[schema(value_type = String, example = "America/New_York")]
    #[serde(serialize_with = "zone_text")]
    pub zone: Tz,
    pub duration_minutes: i64,
    /// A place or a link to the call.
    pub place: String,
    pub agenda_template: String,
}

fn local_text<S: serde::Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_local(*t))
}

fn opt_local_text<S: serde::Serializer>(
    t: &Option<NaiveDateTime>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_local(*t)),
        None => s.serialize_none(),
    }
}

fn utc_millis<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

fn zone_text<S: serde::Serializer>(z: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(z.name())
}

/// The series form or API body, as text.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SeriesInput {
    pub title: String,
    pub rule: String,
    /// Local date-time of the first occurrence, `2026-01-07T10:00`.
    pub start: String,
    pub zone: String,
    pub duration_minutes: String,
    pub place: String,
    pub agenda_template: String,
}

fn text(e: &mut ValidationErrors, field: &str, s: &str, max: usize, required: bool) -> String {
    let s = s.trim();
    if required && s.is_empty() {
        e.add(field, "required");
    } else if s.chars().count() > max {
        e.add(field, "too-long");
    }
    s.to_string()
}

impl SeriesInput {
    pub fn parse(&self) -> Result<Series, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = text(&mut e, "title", &self.title, MAX_TITLE, true);
        let place = text(&mut e, "place", &self.place, MAX_PLACE, false);
        let agenda_template = text(
            &mut e,
            "agenda_template",
            &self.agenda_template,
            MAX_TEXT,
            false,
        );
        let zone = e.check("zone", parse_zone(&self.zone));
        let start = e.check("start", parse_local(&self.start));
        let duration = e.check("duration_minutes", parse_duration(&self.duration_minutes));
        let (Some(zone), Some(start)) = (zone, start) else {
            if self.rule.trim().is_empty() {
                e.add("rule", "required");
            }
            return Err(e);
        };
        if let Err(code) = to_utc(zone, start) {
            e.add("start", code);
            return Err(e);
        }
        let rule = e.check("rule", Rule::parse(&self.rule, start, zone));
        match (rule, duration) {
            (Some(rule), Some(duration_minutes)) if e.is_empty() => Ok(Series {
                title,
                rule,
                start,
                zone,
                duration_minutes,
                place,
                agenda_template,
            }),
            _ => Err(e),
        }
    }
}

fn parse_duration(s: &str) -> Result<i64, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    let n: i64 = s.parse().map_err(|_| "invalid-number")?;
    if (MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).contains(&n) {
        Ok(n)
    } else {
        Err("out-of-range")
    }
}

/// A change to one occurrence: cancelled (`moved_to` empty) or moved to another local start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Exception {
    /// The occurrence's original local start.
    #[schema(value_type = String, example = "2026-03-11T10:00:00")]
    #[serde(serialize_with = "local_text")]
    pub occurrence: NaiveDateTime,
    /// Where it moved to (local time of the series' zone); none when cancelled.
    #[schema(value_type = Option<String>)]
    #[serde(serialize_with = "opt_local_text")]
    pub moved_to: Option<NaiveDateTime>,
}

impl Exception {
    pub fn cancelled(&self) -> bool {
        self.moved_to.is_none()
    }
}

/// The exception form or API body: `action` is `cancel` or `move` (then `moved_to` is required).
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ExceptionInput {
    pub occurrence: String,
    pub action: String,
    pub moved_to: String,
}

impl ExceptionInput {
    pub fn parse(&self, series: &Series) -> Result<Exception, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let occurrence = e.check("occurrence", parse_local(&self.occurrence));
        if let Some(o) = occurrence {
            if !series.is_occurrence(o) {
                e.add("occurrence", "not-an-occurrence");
            }
        }
        let moved_to = match self.action.trim() {
            "cancel" => Some(None),
            "move" => e
                .check("moved_to", parse_local(&self.moved_to))
                .and_then(|t| e.check("moved_to", to_utc(series.zone, t).map(|_| Some(t)))),
            _ => {
                e.add("action", "invalid-action");
                None
            }
        };
        if let (Some(o), Some(Some(t))) = (occurrence, moved_to) {
            if o == t {
                e.add("moved_to", "unchanged");
            }
        }
        match (occurrence, moved_to) {
            (Some(occurrence), Some(moved_to)) if e.is_empty() => Ok(Exception {
                occurrence,
                moved_to,
            }),
            _ => Err(e),
        }
    }
}

impl Exception {
    /// A meeting still to come cannot be moved to a time already past (members would be told of a
    /// meeting they can no longer attend); an occurrence already past may be moved, to record when
    /// it took place.
    pub fn check_timing(
        &self,
        series: &Series,
        now: DateTime<Utc>,
    ) -> Result<(), ValidationErrors> {
        let Some(to) = self.moved_to else {
            return Ok(());
        };
        let when = |t| to_utc(series.zone, t).ok();
        match (when(self.occurrence), when(to)) {
            (Some(from), Some(to)) if from >= now && to < now => {
                Err(ValidationErrors::single("moved_to", "moved-into-past"))
            }
            _ => Ok(()),
        }
    }
}

/// One occurrence as people see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Occurrence {
    /// Its name: the original local start, as the rule gives it.
    #[schema(value_type = String, example = "2026-03-11T10:00:00")]
    #[serde(serialize_with = "local_text")]
    pub original: NaiveDateTime,
    /// When it starts (local time of the series' zone), after any move.
    #[schema(value_type = String, example = "2026-03-11T10:00:00")]
    #[serde(serialize_with = "local_text")]
    pub local_start: NaiveDateTime,
    /// UTC, RFC 3339 with milliseconds like every time of the API.
    #[serde(serialize_with = "utc_millis")]
    pub start: DateTime<Utc>,
    #[serde(serialize_with = "utc_millis")]
    pub end: DateTime<Utc>,
    pub moved: bool,
}

/// The occurrences in a window, and whether `MAX_OCCURRENCES` (or `MAX_WINDOW_DAYS`) cut them short.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expansion {
    pub occurrences: Vec<Occurrence>,
    pub capped: bool,
}

impl Series {
    pub fn duration(&self) -> Duration {
        Duration::minutes(self.duration_minutes)
    }

    /// The rule's starts (before exceptions) from `from` to `to` (both inclusive), at most `limit`.
    fn raw(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: usize,
    ) -> (Vec<NaiveDateTime>, bool) {
        let Ok(set) = self.rule.set(self.start, self.zone) else {
            return (Vec::new(), false);
        };
        let tz = rrule::Tz::Tz(self.zone);
        let limit = u16::try_from(limit).unwrap_or(u16::MAX);
        let r = set
            .after(from.with_timezone(&tz))
            .before(to.with_timezone(&tz))
            .all(limit);
        let dates = r
            .dates
            .into_iter()
            .map(|d| d.naive_local())
            .filter(|d| to_utc(self.zone, *d).is_ok_and(|t| t >= from && t <= to))
            .collect();
        (dates, r.limited)
    }

    /// Whether the rule gives an occurrence starting at this local time.
    pub fn is_occurrence(&self, original: NaiveDateTime) -> bool {
        let Ok(t) = to_utc(self.zone, original) else {
            return false;
        };
        self.raw(t, t, 2).0.contains(&original)
    }

    fn occurrence(
        &self,
        original: NaiveDateTime,
        moved_to: Option<NaiveDateTime>,
    ) -> Option<Occurrence> {
        let local_start = moved_to.unwrap_or(original);
        let start = to_utc(self.zone, local_start).ok()?;
        Some(Occurrence {
            original,
            local_start,
            start,
            end: start + self.duration(),
            moved: moved_to.is_some(),
        })
    }

    /// The occurrences that start in `[from, to)`, exceptions applied, in start order: a cancelled
    /// one is gone; a moved one is where it moved to (and counts in the window it moved into).
    pub fn expand(
        &self,
        exceptions: &[Exception],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Expansion {
        let mut capped = false;
        let to = if to - from > Duration::days(MAX_WINDOW_DAYS) {
            capped = true;
            from + Duration::days(MAX_WINDOW_DAYS)
        } else {
            to
        };
        if to <= from {
            return Expansion::default();
        }
        let (raw, limited) = self.raw(from, to - Duration::seconds(1), MAX_OCCURRENCES);
        capped |= limited;
        let change = |o: NaiveDateTime| exceptions.iter().find(|x| x.occurrence == o);
        let mut out: Vec<Occurrence> = raw
            .into_iter()
            .filter_map(|o| match change(o) {
                None => self.occurrence(o, None),
                Some(x) => x.moved_to.and_then(|m| self.occurrence(o, Some(m))),
            })
            .collect();
        // Moved here from outside the window.
        for x in exceptions {
            let Some(m) = x.moved_to else { continue };
            let original_in = to_utc(self.zone, x.occurrence).is_ok_and(|t| t >= from && t < to);
            if !original_in && self.is_occurrence(x.occurrence) {
                out.extend(self.occurrence(x.occurrence, Some(m)));
            }
        }
        out.retain(|o| o.start >= from && o.start < to);
        out.sort_by_key(|o| (o.start, o.original));
        out.dedup_by_key(|o| o.original);
        if out.len() > MAX_OCCURRENCES {
            out.truncate(MAX_OCCURRENCES);
            capped = true;
        }
        Expansion {
            occurrences: out,
            capped,
        }
    }

    /// The occurrences cancelled by an exception whose original start falls in `[from, to)`, in
    /// order: the pages list them, marked, among the next ones, so a cancellation is seen.
    pub fn cancelled_between(
        &self,
        exceptions: &[Exception],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<Occurrence> {
        let mut out: Vec<Occurrence> = exceptions
            .iter()
            .filter(|x| x.moved_to.is_none() && self.is_occurrence(x.occurrence))
            .filter_map(|x| self.occurrence(x.occurrence, None))
            .filter(|o| o.start >= from && o.start < to)
            .collect();
        out.sort_by_key(|o| o.start);
        out
    }

    /// The next `n` occurrences starting at or after `now` (searched a year ahead).
    pub fn next(&self, exceptions: &[Exception], now: DateTime<Utc>, n: usize) -> Vec<Occurrence> {
        let mut v = self
            .expand(exceptions, now, now + Duration::days(366))
            .occurrences;
        v.truncate(n);
        v
    }
}
