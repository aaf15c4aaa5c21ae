//! Open edX tracking logs, as the LMS writes them: one JSON event per line with `event_type` (or
//! `name`, which wins when present), `time`, `username`, `context.course_id`, `context.user_id` and an
//! `event` payload. This module reads one line into what the series need and classifies the event;
//! it never keeps the learner's identifier beyond handing it to the pseudonymiser.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// What an event tells the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    Enrolled,
    Unenrolled,
    ModeChanged,
    Problem,
    /// Playback of a video: played, paused, sought, stopped, speed changed, completed.
    VideoPlayed,
    /// Other video events (loaded, transcripts, captions).
    Video,
    /// A thread, response or comment created.
    ForumPost,
    /// Other forum events (votes, views, edits, searches).
    Forum,
    /// The learner passed the course.
    Completion,
    Certificate,
    Other,
}

impl EventKind {
    pub fn of(name: &str) -> Self {
        match name {
            "edx.course.enrollment.activated" => Self::Enrolled,
            "edx.course.enrollment.deactivated" => Self::Unenrolled,
            "edx.course.enrollment.mode_changed" => Self::ModeChanged,
            "problem_check" | "problem_graded" | "problem_check_fail" | "problem_reset"
            | "problem_rescore" | "problem_save" | "showanswer" => Self::Problem,
            n if n.starts_with("edx.grades.") => Self::Problem,
            "play_video"
            | "pause_video"
            | "seek_video"
            | "stop_video"
            | "speed_change_video"
            | "complete_video"
            | "edx.video.played"
            | "edx.video.paused"
            | "edx.video.position.changed"
            | "edx.video.stopped"
            | "edx.video.speed.changed"
            | "edx.video.completed" => Self::VideoPlayed,
            "load_video" | "hide_transcript" | "show_transcript" | "video_hide_cc_menu"
            | "video_show_cc_menu" => Self::Video,
            n if n.starts_with("edx.video.") => Self::Video,
            "edx.forum.thread.created"
            | "edx.forum.response.created"
            | "edx.forum.comment.created" => Self::ForumPost,
            n if n.starts_with("edx.forum.") => Self::Forum,
            "edx.course.grade.passed.first_time" | "edx.course.grade.now_passed" => {
                Self::Completion
            }
            "edx.certificate.created" => Self::Certificate,
            _ => Self::Other,
        }
    }
}

/// One event, as much of it as Agora reads. Strings borrow from the line when they can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEvent<'a> {
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    /// The learner's username, or their numeric id when the event has no username; hashed by the
    /// importer before anything is stored.
    pub learner: Cow<'a, str>,
    /// The course id as written (either form); the importer parses each distinct one once.
    pub course: Cow<'a, str>,
    /// The referral code of the page the event came from (`?ref=` on the referer or page), for an
    /// enrollment.
    pub referral: Option<String>,
}

/// Why a line is not an event Agora can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LineError {
    #[error("not a JSON object")]
    NotJson,
    #[error("no event_type or name")]
    NoName,
    #[error("no time, or a time that is not ISO 8601")]
    BadTime,
    #[error("a time before 2012 or in the future")]
    TimeOutOfRange,
    #[error("a line longer than a megabyte")]
    TooLong,
}

/// What a valid line turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line<'a> {
    /// An event of a learner in a course.
    Event(LineEvent<'a>),
    /// A valid event outside any course or without a signed-in learner (a login page, an
    /// anonymous visit): not course activity, not an error.
    Outside,
}

#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(borrow, default)]
    event_type: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    username: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    referer: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    page: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    context: Option<Context<'a>>,
    #[serde(default)]
    event: Payload,
}

#[derive(Deserialize)]
struct Context<'a> {
    #[serde(borrow, default)]
    course_id: Option<Cow<'a, str>>,
    #[serde(default)]
    user_id: Option<UserId>,
    #[serde(borrow, default)]
    path: Option<Cow<'a, str>>,
}

/// `context.user_id`: a number, a string, or empty/null for anonymous events.
#[derive(Debug, Default)]
struct UserId(Option<String>);

impl<'de> Deserialize<'de> for UserId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = UserId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a user id")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<UserId, E> {
                Ok(UserId(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<UserId, E> {
                Ok(UserId(Some(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<UserId, E> {
                Ok(UserId((!v.trim().is_empty()).then(|| v.trim().to_owned())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<UserId, E> {
                Ok(UserId(None))
            }
            fn visit_none<E: de::Error>(self) -> Result<UserId, E> {
                Ok(UserId(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<UserId, E> {
                Ok(UserId(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<UserId, E> {
                Ok(UserId(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<UserId, A::Error> {
                while m.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(UserId(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<UserId, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(UserId(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// The `event` payload: an object (server events), a JSON string (browser events) or nothing.
/// Only its `course_id` is read, for the rare event whose context lacks one; the rest is skipped
/// without building it.
#[derive(Debug, Default)]
struct Payload {
    course_id: Option<String>,
}

impl<'de> Deserialize<'de> for Payload {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Payload;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event payload")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Payload, A::Error> {
                let mut out = Payload::default();
                while let Some(k) = m.next_key::<Cow<'de, str>>()? {
                    if k == "course_id" {
                        if let Ok(Some(v)) = m.next_value::<Option<String>>() {
                            out.course_id = Some(v);
                        }
                    } else {
                        m.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(out)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut s: A) -> Result<Payload, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Payload::default())
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Payload, E> {
                Ok(Payload::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Payload, E> {
                Ok(Payload::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Payload, E> {
                Ok(Payload::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Payload, E> {
                Ok(Payload::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Payload, E> {
                Ok(Payload::default())
            }
            fn visit_unit<E: de::Error>(self) -> Result<Payload, E> {
                Ok(Payload::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads one line of a tracking log.
pub fn parse_line(line: &str) -> Result<Line<'_>, LineError> {
    let raw: Raw = serde_json::from_str(line).map_err(|_| LineError::NotJson)?;
    let name = raw
        .name
        .filter(|n| !n.is_empty())
        .or(raw.event_type)
        .filter(|n| !n.is_empty())
        .ok_or(LineError::NoName)?;
    let at = raw
        .time
        .as_deref()
        .and_then(parse_time)
        .ok_or(LineError::BadTime)?;
    let kind = EventKind::of(&name);
    let (course, user_id, path) = match raw.context {
        Some(c) => (c.course_id, c.user_id.and_then(|u| u.0), c.path),
        None => (None, None, None),
    };
    let course = course
        .filter(|c| !c.trim().is_empty())
        .or(raw.event.course_id.map(Cow::Owned))
        .filter(|c| !c.trim().is_empty());
    let learner = raw
        .username
        .filter(|u| !u.trim().is_empty())
        .or(user_id.map(Cow::Owned));
    let (Some(course), Some(learner)) = (course, learner) else {
        return Ok(Line::Outside);
    };
    let referral = if kind == EventKind::Enrolled {
        [raw.referer.as_deref(), raw.page.as_deref(), path.as_deref()]
            .into_iter()
            .flatten()
            .find_map(referral_in)
    } else {
        None
    };
    Ok(Line::Event(LineEvent {
        kind,
        at,
        learner,
        course,
        referral,
    }))
}

/// The `ref` parameter of a URL or path, when it is a valid referral code.
pub fn referral_in(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "ref")
        .and_then(|(_, v)| crate::leads::parse_referral_code(&v).ok())
}

/// ISO 8601 as the LMS writes it (`2026-03-02T10:00:00.123456+00:00`), with `Z`, or with no zone
/// (then UTC).
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"))
        .ok()
        .map(|n| n.and_utc())
}

/// Whether an event's time can be real: Open edX courses ran from 2012, and a log is not written
/// ahead of time (a day of clock skew allowed). Anything else would stretch a course's weekly
/// series over centuries.
pub fn plausible(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    let earliest = NaiveDate::from_ymd_opt(2012, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc());
    earliest.is_some_and(|e| at >= e) && at <= now + Duration::days(1)
}

/// The Monday (UTC) of the week holding `t`.
pub fn week_start(t: DateTime<Utc>) -> NaiveDate {
    let d = t.date_naive();
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(line: &str) -> LineEvent<'_> {
        match parse_line(line).expect("test data") {
            Line::Event(e) => e,
            Line::Outside => panic!("outside: {line}"),
        }
    }

    #[test]
    fn a_server_enrollment_event_with_its_referral() {
        let e = event(
            r#"{"username": "amara", "event_source": "server", "name": "edx.course.enrollment.activated", "event_type": "edx.course.enrollment.activated", "referer": "https://lms.example.org/courses/course-v1:Org+C1+2026/about?ref=spread-2026", "time": "2026-03-04T10:11:12.123456+00:00", "event": {"course_id": "course-v1:Org+C1+2026", "user_id": 7, "mode": "audit"}, "context": {"course_id": "course-v1:Org+C1+2026", "user_id": 7, "org_id": "Org", "path": "/api/enrollment/v1/enrollment"}, "page": null}"#,
        );
        assert_eq!(e.kind, EventKind::Enrolled);
        assert_eq!(e.learner, "amara");
        assert_eq!(e.course, "course-v1:Org+C1+2026");
        assert_eq!(e.referral.as_deref(), Some("SPREAD-2026"));
        assert_eq!(week_start(e.at).to_string(), "2026-03-02");
    }

    #[test]
    fn a_browser_event_with_a_string_payload_and_name_over_event_type() {
        let e = event(
            r#"{"username": "bo", "event_source": "browser", "event_type": "play_video", "name": "edx.video.played", "time": "2026-03-08T23:59:59Z", "event": "{\"id\": \"v1\", \"currentTime\": 0}", "context": {"course_id": "Org/C1/2026", "user_id": "12"}}"#,
        );
        assert_eq!(e.kind, EventKind::VideoPlayed);
        assert_eq!(e.course, "Org/C1/2026");
        // A Sunday belongs to the week that began the Monday before.
        assert_eq!(week_start(e.at).to_string(), "2026-03-02");
    }

    #[test]
    fn the_user_id_stands_in_for_a_missing_username_and_payload_for_a_missing_course() {
        let e = event(
            r#"{"username": "", "event_type": "edx.certificate.created", "time": "2026-03-09 08:00:00", "event": {"course_id": "course-v1:Org+C1+2026", "certificate_id": "x"}, "context": {"course_id": "", "user_id": 99}}"#,
        );
        assert_eq!(e.kind, EventKind::Certificate);
        assert_eq!(e.learner, "99");
        assert_eq!(e.course, "course-v1:Org+C1+2026");
    }

    #[test]
    fn outside_and_malformed_lines() {
        assert_eq!(
            parse_line(
                r#"{"username": "", "event_type": "/login", "time": "2026-03-09T08:00:00Z", "context": {"user_id": ""}}"#
            ),
            Ok(Line::Outside)
        );
        assert_eq!(parse_line("not json"), Err(LineError::NotJson));
        assert_eq!(parse_line("[1, 2]"), Err(LineError::NotJson));
        assert_eq!(
            parse_line(r#"{"event_type": "x", "time": "yesterday"}"#),
            Err(LineError::BadTime)
        );
        assert_eq!(
            parse_line(r#"{"time": "2026-03-09T08:00:00Z"}"#),
            Err(LineError::NoName)
        );
    }

    #[test]
    fn events_are_classified_as_documented() {
        for (name, kind) in [
            ("edx.course.enrollment.deactivated", EventKind::Unenrolled),
            ("edx.course.enrollment.mode_changed", EventKind::ModeChanged),
            ("problem_check", EventKind::Problem),
            ("edx.grades.problem.submitted", EventKind::Problem),
            ("load_video", EventKind::Video),
            ("edx.video.transcript.shown", EventKind::Video),
            ("pause_video", EventKind::VideoPlayed),
            ("edx.forum.thread.created", EventKind::ForumPost),
            ("edx.forum.comment.created", EventKind::ForumPost),
            ("edx.forum.thread.voted", EventKind::Forum),
            ("edx.course.grade.passed.first_time", EventKind::Completion),
            ("edx.ui.lms.sequence.next_selected", EventKind::Other),
        ] {
            assert_eq!(EventKind::of(name), kind, "{name}");
        }
    }
}
