//! The yearly recognition cycle (seed 003: "Awards announced annually at Open edX conferences or
//! summits"): a nomination window, a review window, the announcement, then a window for appeals.
//! Every window is inclusive of both of its days.

use crate::category;
use crate::validation::ValidationErrors;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MAX_APPEAL_DAYS: u16 = 60;

/// A cycle, named by its year: the year its awards are announced (and carry, "Distinguished
/// Engineer 2027"). Nominations may open the year before, no earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Cycle {
    pub year: i32,
    #[schema(value_type = String, example = "2027-01-15")]
    pub nominations_open: NaiveDate,
    #[schema(value_type = String, example = "2027-02-28")]
    pub nominations_close: NaiveDate,
    #[schema(value_type = String, example = "2027-03-01")]
    pub review_open: NaiveDate,
    #[schema(value_type = String, example = "2027-04-30")]
    pub review_close: NaiveDate,
    #[schema(value_type = String, example = "2027-06-10")]
    pub announce_on: NaiveDate,
    /// Days after the announcement (or a later decision) during which a decline may be appealed.
    pub appeal_days: u16,
}

category!(
    /// Where a cycle stands on a given day.
    Phase, "recognition-phase", "invalid-phase", {
        Upcoming => "upcoming",
        Nominating => "nominating",
        AwaitingReview => "awaiting-review",
        Reviewing => "reviewing",
        AwaitingAnnouncement => "awaiting-announcement",
        Appeals => "appeals",
        Closed => "closed",
    }
);

impl Cycle {
    /// Whether the cycle's outcomes are public on `today`: before the announcement only the panel
    /// and the foundation know them.
    pub fn announced(&self, today: NaiveDate) -> bool {
        self.announce_on <= today
    }

    /// The last day of the appeal window that opens on `from`.
    fn appeal_end(&self, from: NaiveDate) -> NaiveDate {
        from.checked_add_signed(Duration::days(i64::from(self.appeal_days)))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn phase(&self, today: NaiveDate) -> Phase {
        if today < self.nominations_open {
            Phase::Upcoming
        } else if today <= self.nominations_close {
            Phase::Nominating
        } else if today < self.review_open {
            Phase::AwaitingReview
        } else if today <= self.review_close {
            Phase::Reviewing
        } else if today < self.announce_on {
            Phase::AwaitingAnnouncement
        } else if today <= self.appeal_end(self.announce_on) {
            Phase::Appeals
        } else {
            Phase::Closed
        }
    }

    pub fn accepts_nominations(&self, today: NaiveDate) -> bool {
        self.phase(today) == Phase::Nominating
    }

    pub fn accepts_scores(&self, today: NaiveDate) -> bool {
        self.phase(today) == Phase::Reviewing
    }

    /// Whether a decline decided on `decided_on` may be appealed today. The nominee learns of it at
    /// the announcement, so the window opens at the later of the two and lasts `appeal_days`: a late
    /// decision still gets the whole window.
    pub fn accepts_appeals(&self, decided_on: NaiveDate, today: NaiveDate) -> bool {
        let from = decided_on.max(self.announce_on);
        from <= today && today <= self.appeal_end(from)
    }

    /// The rules of a cycle's dates, as the form reports them.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if !(2000..=2100).contains(&self.year) {
            e.add("year", "invalid-year");
        }
        if self.nominations_close < self.nominations_open {
            e.add("nominations_close", "ends-before-start");
        }
        if self.review_open <= self.nominations_close {
            e.add("review_open", "dates-out-of-order");
        }
        if self.review_close < self.review_open {
            e.add("review_close", "ends-before-start");
        }
        if self.announce_on < self.review_close {
            e.add("announce_on", "dates-out-of-order");
        }
        if self.announce_on.year() != self.year {
            e.add("announce_on", "date-outside-year");
        }
        if !(self.year - 1..=self.year).contains(&self.nominations_open.year()) {
            e.add("nominations_open", "outside-cycle-year");
        }
        if self.appeal_days > MAX_APPEAL_DAYS {
            e.add("appeal_days", "invalid-number");
        }
        e.into_result(())
    }
}

/// The cycle form, as text (`YYYY-MM-DD` dates).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CycleInput {
    pub year: String,
    pub nominations_open: String,
    pub nominations_close: String,
    pub review_open: String,
    pub review_close: String,
    pub announce_on: String,
    /// A whole number of days from 0 to 60.
    pub appeal_days: String,
}

fn date(e: &mut ValidationErrors, field: &str, s: &str) -> Option<NaiveDate> {
    let r = match s.trim() {
        "" => Err("required"),
        s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2100).contains(&d.year()))
            .ok_or("invalid-date"),
    };
    e.check(field, r)
}

impl CycleInput {
    pub fn parse(&self) -> Result<Cycle, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let year = e.check(
            "year",
            match super::parse_number(&self.year, 2000, 2100) {
                Err("invalid-number") => Err("invalid-year"),
                r => r,
            },
        );
        let no = date(&mut e, "nominations_open", &self.nominations_open);
        let nc = date(&mut e, "nominations_close", &self.nominations_close);
        let ro = date(&mut e, "review_open", &self.review_open);
        let rc = date(&mut e, "review_close", &self.review_close);
        let an = date(&mut e, "announce_on", &self.announce_on);
        let ad = e.check(
            "appeal_days",
            super::parse_number(&self.appeal_days, 0, i64::from(MAX_APPEAL_DAYS)),
        );
        let (
            Some(year),
            Some(nominations_open),
            Some(nominations_close),
            Some(review_open),
            Some(review_close),
            Some(announce_on),
            Some(appeal_days),
        ) = (year, no, nc, ro, rc, an, ad)
        else {
            return Err(e);
        };
        let cycle = Cycle {
            year: year as i32,
            nominations_open,
            nominations_close,
            review_open,
            review_close,
            announce_on,
            appeal_days: appeal_days as u16,
        };
        if let Err(more) = cycle.check() {
            for f in more.errors {
                e.add(f.field, f.code);
            }
        }
        e.into_result(cycle)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(crate) fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    pub(crate) fn cycle() -> Cycle {
        Cycle {
            year: 2027,
            nominations_open: d("2027-01-15"),
            nominations_close: d("2027-02-28"),
            review_open: d("2027-03-01"),
            review_close: d("2027-04-30"),
            announce_on: d("2027-06-10"),
            appeal_days: 14,
        }
    }

    fn input() -> CycleInput {
        CycleInput {
            year: "2027".into(),
            nominations_open: "2027-01-15".into(),
            nominations_close: "2027-02-28".into(),
            review_open: "2027-03-01".into(),
            review_close: "2027-04-30".into(),
            announce_on: "2027-06-10".into(),
            appeal_days: "14".into(),
        }
    }

    #[test]
    fn the_form_reads_a_cycle() {
        assert_eq!(input().parse().expect("valid"), cycle());
    }

    #[test]
    fn phases_follow_the_calendar_with_inclusive_windows() {
        let c = cycle();
        for (day, phase) in [
            ("2027-01-14", Phase::Upcoming),
            ("2027-01-15", Phase::Nominating),
            ("2027-02-28", Phase::Nominating),
            ("2027-03-01", Phase::Reviewing),
            ("2027-04-30", Phase::Reviewing),
            ("2027-05-01", Phase::AwaitingAnnouncement),
            ("2027-06-10", Phase::Appeals),
            ("2027-06-24", Phase::Appeals),
            ("2027-06-25", Phase::Closed),
        ] {
            assert_eq!(c.phase(d(day)), phase, "{day}");
        }
        let gap = Cycle {
            review_open: d("2027-03-05"),
            ..c
        };
        assert_eq!(gap.phase(d("2027-03-02")), Phase::AwaitingReview);
        assert!(c.accepts_nominations(d("2027-02-28")) && !c.accepts_nominations(d("2027-03-01")));
        assert!(c.accepts_scores(d("2027-03-01")) && !c.accepts_scores(d("2027-05-01")));
        let none = Cycle {
            appeal_days: 0,
            ..c
        };
        assert_eq!(none.phase(d("2027-06-10")), Phase::Appeals);
        assert_eq!(none.phase(d("2027-06-11")), Phase::Closed);
    }

    #[test]
    fn appeals_open_at_the_later_of_decision_and_announcement() {
        let c = cycle();
        assert!(!c.accepts_appeals(d("2027-04-01"), d("2027-06-09")));
        assert!(c.accepts_appeals(d("2027-04-01"), d("2027-06-10")));
        assert!(c.accepts_appeals(d("2027-04-01"), d("2027-06-24")));
        assert!(!c.accepts_appeals(d("2027-04-01"), d("2027-06-25")));
        // Decided after the announcement: the whole window from the decision.
        assert!(c.accepts_appeals(d("2027-07-01"), d("2027-07-15")));
        assert!(!c.accepts_appeals(d("2027-07-01"), d("2027-07-16")));
        assert!(!c.accepts_appeals(d("2027-07-01"), d("2027-06-30")));
    }

    #[test]
    fn dates_must_come_in_order_within_the_year() {
        let mut i = input();
        i.nominations_close = "2027-01-01".into();
        assert_eq!(
            i.parse().expect_err("x").get("nominations_close"),
            Some("ends-before-start")
        );
        let mut i = input();
        i.review_open = "2027-02-28".into();
        assert_eq!(
            i.parse().expect_err("x").get("review_open"),
            Some("dates-out-of-order")
        );
        let mut i = input();
        i.review_close = "2027-02-28".into();
        i.review_open = "2027-03-01".into();
        assert_eq!(
            i.parse().expect_err("x").get("review_close"),
            Some("ends-before-start")
        );
        let mut i = input();
        i.announce_on = "2027-04-29".into();
        assert_eq!(
            i.parse().expect_err("x").get("announce_on"),
            Some("dates-out-of-order")
        );
        let mut i = input();
        i.announce_on = "2028-01-10".into();
        assert_eq!(
            i.parse().expect_err("x").get("announce_on"),
            Some("date-outside-year")
        );
        let mut i = input();
        i.nominations_open = "2025-12-31".into();
        assert_eq!(
            i.parse().expect_err("x").get("nominations_open"),
            Some("outside-cycle-year")
        );
        let mut i = input();
        i.nominations_open = "2026-11-01".into();
        assert!(i.parse().is_ok(), "the year before is fine");
        let mut i = input();
        i.appeal_days = "61".into();
        i.year = "twenty".into();
        i.review_close = "2027-13-01".into();
        let e = i.parse().expect_err("x");
        assert_eq!(e.get("appeal_days"), Some("invalid-number"));
        assert_eq!(e.get("year"), Some("invalid-year"));
        assert_eq!(e.get("review_close"), Some("invalid-date"));
        assert_eq!(
            CycleInput::default()
                .parse()
                .expect_err("blank")
                .get("announce_on"),
            Some("required")
        );
    }

    proptest! {
        /// Phases never go backwards as the days pass, and nominations and scores are accepted
        /// on exactly the days of their windows.
        #[test]
        fn phases_only_move_forward(offsets in proptest::collection::vec(0i64..400, 2)) {
            let c = cycle();
            let start = d("2026-12-01");
            let (a, b) = (offsets[0].min(offsets[1]), offsets[0].max(offsets[1]));
            let (da, db) = (start + Duration::days(a), start + Duration::days(b));
            prop_assert!(c.phase(da) <= c.phase(db));
            prop_assert_eq!(
                c.accepts_nominations(da),
                c.nominations_open <= da && da <= c.nominations_close
            );
            prop_assert_eq!(c.accepts_scores(da), c.review_open <= da && da <= c.review_close);
        }
    }
}
