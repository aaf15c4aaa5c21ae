//! From events to the facts the store keeps: per learner and week what they did, their enrollment
//! changes and their first completion and certificate. Learners arrive here already pseudonymised.

use super::series::{MilestoneKind, ATTEMPTED_PROBLEM, PLAYED_VIDEO};
use super::tracking::{week_start, EventKind, LineEvent};
use chrono::{DateTime, NaiveDate, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;

/// A learner's pseudonym: HMAC-SHA256 of their LMS username under the deployment's key, cut to 63
/// bits. Without the key, which never leaves the database, a pseudonym cannot be tied to a name.
pub fn pseudonym(key: &[u8], learner: &str) -> i64 {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(learner.trim().as_bytes());
    let d = mac.finalize().into_bytes();
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    (u64::from_be_bytes(b) >> 1) as i64
}

/// Whether an event is something the learner did. Enrollment changes, certificates and grade
/// passes are recorded by the platform about the learner, so they do not make a week "active"
/// (otherwise every enrollment would count as activity and "30% of enrolled active" would mean
/// little).
pub fn is_activity(kind: EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Enrolled
            | EventKind::Unenrolled
            | EventKind::ModeChanged
            | EventKind::Certificate
            | EventKind::Completion
    )
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub course: u32,
    pub learner: i64,
    pub at: DateTime<Utc>,
    pub enrolled: bool,
    pub referral: Option<String>,
}

/// Facts of a batch of events; courses are the importer's indexes.
#[derive(Debug, Default)]
pub struct Facts {
    /// (course, learner, week) → (flags, forum posts).
    pub weeks: HashMap<(u32, i64, NaiveDate), (u8, u64)>,
    pub enrollments: Vec<Enrollment>,
    /// (course, learner, kind) → the earliest time seen.
    pub milestones: HashMap<(u32, i64, MilestoneKind), DateTime<Utc>>,
}

impl Facts {
    pub fn add(&mut self, course: u32, learner: i64, e: &LineEvent<'_>) {
        match e.kind {
            EventKind::Enrolled | EventKind::Unenrolled => {
                self.enrollments.push(Enrollment {
                    course,
                    learner,
                    at: e.at,
                    enrolled: e.kind == EventKind::Enrolled,
                    referral: e.referral.clone(),
                });
            }
            EventKind::Completion | EventKind::Certificate => {
                let kind = if e.kind == EventKind::Completion {
                    MilestoneKind::Completion
                } else {
                    MilestoneKind::Certificate
                };
                let at = self
                    .milestones
                    .entry((course, learner, kind))
                    .or_insert(e.at);
                *at = (*at).min(e.at);
            }
            _ => {}
        }
        if is_activity(e.kind) {
            let w = self
                .weeks
                .entry((course, learner, week_start(e.at)))
                .or_default();
            w.0 |= super::series::ACTIVE
                | match e.kind {
                    EventKind::VideoPlayed => PLAYED_VIDEO,
                    EventKind::Problem => ATTEMPTED_PROBLEM,
                    _ => 0,
                };
            w.1 += u64::from(e.kind == EventKind::ForumPost);
        }
    }

    /// Rows held, to bound a batch's memory.
    pub fn len(&self) -> usize {
        self.weeks.len() + self.enrollments.len() + self.milestones.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::courses::tracking::{parse_line, Line};

    #[test]
    fn events_become_facts() {
        let lines = [
            r#"{"username":"a","event_type":"edx.course.enrollment.activated","time":"2026-03-02T09:00:00Z","context":{"course_id":"course-v1:O+C+R"},"referer":"https://x/about?ref=FRIENDS"}"#,
            r#"{"username":"a","event_type":"play_video","time":"2026-03-02T10:00:00Z","context":{"course_id":"course-v1:O+C+R"}}"#,
            r#"{"username":"a","event_type":"edx.forum.thread.created","time":"2026-03-03T10:00:00Z","context":{"course_id":"course-v1:O+C+R"}}"#,
            r#"{"username":"a","event_type":"edx.forum.thread.created","time":"2026-03-04T10:00:00Z","context":{"course_id":"course-v1:O+C+R"}}"#,
            r#"{"username":"a","event_type":"edx.certificate.created","time":"2026-03-20T10:00:00Z","context":{"course_id":"course-v1:O+C+R"}}"#,
            r#"{"username":"a","event_type":"edx.certificate.created","time":"2026-03-19T10:00:00Z","context":{"course_id":"course-v1:O+C+R"}}"#,
        ];
        let mut f = Facts::default();
        for l in lines {
            let Ok(Line::Event(e)) = parse_line(l) else {
                panic!("{l}")
            };
            f.add(0, pseudonym(b"k", &e.learner), &e);
        }
        let p = pseudonym(b"k", "a");
        assert!(p >= 0);
        assert_ne!(p, pseudonym(b"other key", "a"));
        assert_eq!(f.weeks.len(), 1);
        let w = f.weeks[&(0, p, "2026-03-02".parse().expect("test data"))];
        assert_eq!(w, (super::super::series::ACTIVE | PLAYED_VIDEO, 2));
        assert_eq!(f.enrollments.len(), 1);
        assert_eq!(f.enrollments[0].referral.as_deref(), Some("FRIENDS"));
        assert_eq!(
            f.milestones[&(0, p, MilestoneKind::Certificate)].to_rfc3339(),
            "2026-03-19T10:00:00+00:00"
        );
    }
}
