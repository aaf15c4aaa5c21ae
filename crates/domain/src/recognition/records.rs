//! Evidence the activity ledger cannot see (seed 003: "mentorship", "community engagement"):
//! mentorships (mentor, mentee, period) and a facilitator's attestation of a member's work in their
//! group. Both count towards the retention rule and show on the member's evidence page.

use super::{parse_number, text};
use crate::validation::ValidationErrors;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_NOTE: usize = 2000;

fn date(s: &str) -> Result<NaiveDate, &'static str> {
    match s.trim() {
        "" => Err("required"),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&d.year()))
            .ok_or("invalid-date"),
    }
}

fn person(s: &str) -> Result<i64, &'static str> {
    match parse_number(s, 1, i64::MAX) {
        Err("invalid-number") => Err("invalid-person"),
        r => r,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorshipRecord {
    pub mentor: i64,
    pub mentee: i64,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub note: String,
}

/// The mentorship form, as text. `mentor` is only read from the foundation; others record their
/// own mentorships.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MentorshipInput {
    /// A person's id; empty for yourself.
    pub mentor: String,
    /// A person's id.
    pub mentee: String,
    /// `YYYY-MM-DD`.
    pub starts_on: String,
    /// `YYYY-MM-DD`, empty while it goes on.
    pub ends_on: String,
    pub note: String,
}

impl MentorshipInput {
    /// `me` is the person recording; `today` bounds the start (a mentorship that has not begun is
    /// not evidence yet).
    pub fn parse(
        &self,
        me: i64,
        may_name_mentor: bool,
        today: NaiveDate,
    ) -> Result<MentorshipRecord, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let mentor = if self.mentor.trim().is_empty() {
            Some(me)
        } else if !may_name_mentor {
            e.add("mentor", "forbidden-field");
            None
        } else {
            e.check("mentor", person(&self.mentor))
        };
        let mentee = e.check("mentee", person(&self.mentee));
        let starts_on = e.check(
            "starts_on",
            date(&self.starts_on).and_then(|d| {
                if d > today {
                    Err("in-the-future")
                } else {
                    Ok(d)
                }
            }),
        );
        let ends_on = if self.ends_on.trim().is_empty() {
            None
        } else {
            e.check("ends_on", date(&self.ends_on))
        };
        if let (Some(s), Some(end)) = (starts_on, ends_on) {
            if end < s {
                e.add("ends_on", "dates-out-of-order");
            }
        }
        if let (Some(a), Some(b)) = (mentor, mentee) {
            if a == b {
                e.add("mentee", "same-person");
            }
        }
        let note = text(&mut e, "note", &self.note, MAX_NOTE, false);
        match (mentor, mentee, starts_on) {
            (Some(mentor), Some(mentee), Some(starts_on)) if e.is_empty() => Ok(MentorshipRecord {
                mentor,
                mentee,
                starts_on,
                ends_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttestationRecord {
    pub group: i64,
    pub person: i64,
    pub year: i32,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AttestationInput {
    /// The group's id (one the facilitator facilitates).
    pub group: String,
    /// The member's id.
    pub person: String,
    /// The year the work was done, up to this one.
    pub year: String,
    pub text: String,
}

impl AttestationInput {
    pub fn parse(&self, today: NaiveDate) -> Result<AttestationRecord, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let group = e.check(
            "group",
            match parse_number(&self.group, 1, i64::MAX) {
                Err("invalid-number") => Err("invalid-group"),
                r => r,
            },
        );
        let person = e.check("person", person(&self.person));
        let year = e.check(
            "year",
            match parse_number(&self.year, 2000, i64::from(today.year())) {
                Err("invalid-number") => Err("invalid-year"),
                r => r,
            },
        );
        let text = text(&mut e, "text", &self.text, MAX_NOTE, true);
        match (group, person, year) {
            (Some(group), Some(person), Some(year)) if e.is_empty() => Ok(AttestationRecord {
                group,
                person,
                year: year as i32,
                text,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input(mentor: &str, mentee: &str, from: &str, to: &str) -> MentorshipInput {
        MentorshipInput {
            mentor: mentor.into(),
            mentee: mentee.into(),
            starts_on: from.into(),
            ends_on: to.into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_mentorship_names_two_people_and_a_period() {
        let today = d("2026-12-01");
        let r = input("", "9", "2026-01-15", "")
            .parse(4, false, today)
            .expect("ok");
        assert_eq!((r.mentor, r.mentee, r.ends_on), (4, 9, None));
        let e = input("", "4", "2026-01-15", "2025-01-01")
            .parse(4, false, today)
            .expect_err("refused");
        assert_eq!(e.get("mentee"), Some("same-person"));
        assert_eq!(e.get("ends_on"), Some("dates-out-of-order"));
        let e = input("7", "x", "2027-01-01", "")
            .parse(4, false, today)
            .expect_err("refused");
        assert_eq!(e.get("mentor"), Some("forbidden-field"));
        assert_eq!(e.get("mentee"), Some("invalid-person"));
        assert_eq!(e.get("starts_on"), Some("in-the-future"));
        let r = input("7", "9", "2026-01-01", "2026-06-30")
            .parse(4, true, today)
            .expect("the foundation names the mentor");
        assert_eq!(r.mentor, 7);
    }

    #[test]
    fn an_attestation_is_for_a_past_or_current_year() {
        let today = d("2026-12-01");
        let ok = AttestationInput {
            group: "3".into(),
            person: "9".into(),
            year: "2026".into(),
            text: "Ran the sprint demos all year.".into(),
        };
        assert_eq!(ok.parse(today).expect("ok").year, 2026);
        let e = AttestationInput {
            year: "2027".into(),
            text: " ".into(),
            group: "g".into(),
            ..ok
        }
        .parse(today)
        .expect_err("refused");
        assert_eq!(e.get("year"), Some("invalid-year"));
        assert_eq!(e.get("text"), Some("required"));
        assert_eq!(e.get("group"), Some("invalid-group"));
    }

    proptest! {
        #[test]
        fn parsed_periods_are_ordered(a in 0i64..4000, b in 0i64..4000, mentee in 1i64..50) {
            let base = d("2015-01-01");
            let s = base + chrono::Duration::days(a);
            let t = base + chrono::Duration::days(b);
            let today = d("2030-01-01");
            match input("", &mentee.to_string(), &s.to_string(), &t.to_string()).parse(1, false, today) {
                Ok(r) => prop_assert!(r.ends_on.is_none_or(|e| e >= r.starts_on) && r.mentee != r.mentor),
                Err(e) => prop_assert!(t < s || mentee == 1, "{e:?}"),
            }
        }
    }
}
