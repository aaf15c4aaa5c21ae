//! Time commitments (issue 10): members log the hours they gave a group each month, per activity,
//! against the range the group expects (`HoursRange` on its profile, the MWG's 10–20 hours a month).
//!
//! Hours are kept as whole quarter hours (`Hours`, step 0.25): fine enough for a 15-minute call,
//! exact in integers (no float sums), and it fits the `BIGINT` columns the store allows. A person has
//! one entry per group, month and activity, which they correct by logging it again; the month's
//! total over every activity is at most 744 hours (31 × 24). Who sees what is [`may_see_totals`]:
//! a member their own log, facilitators and admins every member's totals, and members the totals of
//! those who chose to share them. Notes stay with their author.

use super::{HoursRange, MAX_HOURS_PER_MONTH};
use crate::category;
use crate::governance::Standing;
use crate::validation::ValidationErrors;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

category!(
    /// What the hours were given to (seed 002's list of how members contribute).
    HoursActivity, "hours-activity", "invalid-activity", {
        Meetings => "meetings",
        Content => "content",
        Events => "events",
        Outreach => "outreach",
        Video => "video",
        Code => "code",
        Mentoring => "mentoring",
    }
);

/// Quarter hours in an hour: the step of every hours figure.
pub const QUARTERS: i64 = 4;
/// The most a person logs in one group and month, in quarter hours.
pub const MAX_QUARTERS: i64 = MAX_HOURS_PER_MONTH * QUARTERS;
/// A note says what the time went to, briefly.
pub const MAX_NOTE: usize = 500;
/// The reminder to log a month's hours runs from this day of the month…
pub const REMIND_FROM_DAY: u32 = 25;
/// …until this day of the next month.
pub const REMIND_UNTIL_DAY: u32 = 5;

/// A number of hours in steps of a quarter hour, kept as quarter hours.
/// In JSON it is a number of hours (`2.5`), exact since quarters are binary fractions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hours(pub i64);

impl Serialize for Hours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0 as f64 / QUARTERS as f64)
    }
}

impl Hours {
    pub fn from_quarters(q: i64) -> Hours {
        Hours(q)
    }

    pub fn quarters(self) -> i64 {
        self.0
    }

    /// A decimal number of hours (`2`, `2.5`, `0.75`, with a dot or a comma), from 0 to 744, in
    /// steps of 0.25. Errors are field codes.
    pub fn parse(s: &str) -> Result<Hours, &'static str> {
        let s = s.trim().replace(',', ".");
        if s.is_empty() {
            return Err("required");
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s.as_str(), ""),
        };
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if s.starts_with('-') && digits(&whole[1..]) && digits(frac) && whole.len() > 1 {
            return Err("hours-out-of-range");
        }
        if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) {
            return Err("invalid-hours");
        }
        // Too many digits for any figure in range: out of range, not unreadable.
        let whole = whole.trim_start_matches('0');
        if whole.len() > 6 {
            return Err("hours-out-of-range");
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| "invalid-hours")?
        };
        let frac = frac.trim_end_matches('0');
        let quarter = match frac {
            "" => 0,
            "25" => 1,
            "5" => 2,
            "75" => 3,
            _ => return Err("hours-step"),
        };
        let q = whole * QUARTERS + quarter;
        if q > MAX_QUARTERS {
            return Err("hours-out-of-range");
        }
        Ok(Hours(q))
    }

    pub fn plus(self, other: Hours) -> Hours {
        Hours(self.0.saturating_add(other.0))
    }
}

/// `2`, `2.25`, `2.5`, `2.75`: the figure as typed back into a form and written by the API.
impl std::fmt::Display for Hours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, q) = (self.0.div_euclid(QUARTERS), self.0.rem_euclid(QUARTERS));
        match q {
            0 => write!(f, "{whole}"),
            1 => write!(f, "{whole}.25"),
            2 => write!(f, "{whole}.5"),
            _ => write!(f, "{whole}.75"),
        }
    }
}

/// A calendar month (`2026-11`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    month: u32,
}

impl TryFrom<String> for Month {
    type Error = &'static str;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Month::parse(&s)
    }
}

impl From<Month> for String {
    fn from(m: Month) -> String {
        m.to_string()
    }
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((2000..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    pub fn containing(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// `YYYY-MM`, years 2000 to 9999.
    pub fn parse(s: &str) -> Result<Month, &'static str> {
        let s = s.trim();
        let (y, m) = s.split_once('-').ok_or("invalid-month")?;
        if y.len() != 4 || m.len() != 2 {
            return Err("invalid-month");
        }
        let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) else {
            return Err("invalid-month");
        };
        Month::new(y, m).ok_or("invalid-month")
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// This month and the `n - 1` before it, newest first (a facilitator's table).
    pub fn last(self, n: usize) -> Vec<Month> {
        let mut out = Vec::with_capacity(n);
        let mut m = self;
        for _ in 0..n {
            out.push(m);
            m = m.previous();
        }
        out
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// An entry as logged: a person's hours in a group for one month and activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewHours {
    pub month: Month,
    pub activity: HoursActivity,
    pub hours: Hours,
    pub note: String,
}

/// The form or API body of an entry, as text.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct HoursInput {
    /// `YYYY-MM`; this month when empty. Not a month to come.
    pub month: String,
    /// meetings, content, events, outreach, video, code or mentoring.
    pub activity: String,
    /// Hours in the month for this activity (replacing what was logged for it), 0 to 744 in steps
    /// of 0.25, such as `2.5`.
    pub hours: String,
    pub note: String,
}

impl HoursInput {
    pub fn parse(&self, today: NaiveDate) -> Result<NewHours, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let month = match self.month.trim() {
            "" => Some(Month::containing(today)),
            s => e.check("month", Month::parse(s)).and_then(|m| {
                if m > Month::containing(today) {
                    e.add("month", "month-in-future");
                    None
                } else {
                    Some(m)
                }
            }),
        };
        let activity = match self.activity.trim() {
            "" => {
                e.add("activity", "required");
                None
            }
            s => e.check("activity", HoursActivity::parse(s)),
        };
        let hours = e.check("hours", Hours::parse(&self.hours));
        let note = self.note.trim().to_string();
        if note.chars().count() > MAX_NOTE {
            e.add("note", "too-long");
        }
        match (month, activity, hours) {
            (Some(month), Some(activity), Some(hours)) if e.is_empty() => Ok(NewHours {
                month,
                activity,
                hours,
                note,
            }),
            _ => Err(e),
        }
    }
}

/// The month's total stays within 744 hours: `others` is what the person logged that month for the
/// group's other activities (the entry being logged replaces its own activity's figure).
pub fn check_total(others: Hours, entry: Hours) -> Result<Hours, ValidationErrors> {
    let total = others.plus(entry);
    if total.quarters() > MAX_QUARTERS {
        Err(ValidationErrors::single("hours", "hours-over-month"))
    } else {
        Ok(total)
    }
}

/// Where a month's total stands against the group's expected range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Position {
    Below,
    Within,
    Above,
}

impl Position {
    /// `None` when the group states no range. The bounds are inclusive: 10 hours of a 10–20 range is
    /// within it.
    pub fn of(total: Hours, range: Option<HoursRange>) -> Option<Position> {
        let r = range?;
        let q = total.quarters();
        Some(if q < r.min * QUARTERS {
            Position::Below
        } else if q > r.max * QUARTERS {
            Position::Above
        } else {
            Position::Within
        })
    }

    pub fn slug(self) -> &'static str {
        match self {
            Position::Below => "below",
            Position::Within => "within",
            Position::Above => "above",
        }
    }

    pub fn label_key(self) -> String {
        format!("hours-position-{}", self.slug())
    }
}

/// Whether a viewer with standing `viewer` in the group (and person id `viewer_id`) may see the
/// monthly totals of `subject`, who shares them with the group's members or not. Facilitators and
/// admins see everyone's; a member sees their own and those shared with them; nobody outside the
/// group sees anyone's.
pub fn may_see_totals(
    viewer: Standing,
    viewer_id: Option<i64>,
    subject: i64,
    shared: bool,
) -> bool {
    if super::may_facilitate(viewer) {
        return true;
    }
    if !viewer.member {
        return false;
    }
    viewer_id == Some(subject) || shared
}

/// Only members log hours (a facilitator is a member): the log is of time given to the group.
pub fn may_log(s: Standing) -> bool {
    s.signed_in && (s.member || s.facilitator)
}

/// The month whose hours the reminder and "hours to log" ask for on `today`: from the 25th of a
/// month to the 5th of the next, that month; otherwise none.
pub fn month_to_log(today: NaiveDate) -> Option<Month> {
    let d = today.day();
    if d >= REMIND_FROM_DAY {
        Some(Month::containing(today))
    } else if d <= REMIND_UNTIL_DAY {
        Some(Month::containing(today).previous())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn input(month: &str, activity: &str, hours: &str) -> HoursInput {
        HoursInput {
            month: month.into(),
            activity: activity.into(),
            hours: hours.into(),
            note: String::new(),
        }
    }

    #[test]
    fn hours_are_quarter_steps_from_0_to_744() {
        for (s, q) in [
            ("0", 0),
            ("2", 8),
            ("2.5", 10),
            ("2,25", 9),
            (".75", 3),
            ("10.50", 42),
            ("744", 2976),
            ("0744.00", 2976),
        ] {
            assert_eq!(Hours::parse(s), Ok(Hours(q)), "{s}");
        }
        for (s, code) in [
            ("", "required"),
            ("  ", "required"),
            ("-1", "hours-out-of-range"),
            ("744.25", "hours-out-of-range"),
            ("1000000000000000000000", "hours-out-of-range"),
            ("2.1", "hours-step"),
            ("2.333", "hours-step"),
            ("abc", "invalid-hours"),
            ("1e3", "invalid-hours"),
            (".", "invalid-hours"),
            ("2..5", "invalid-hours"),
            ("+2", "invalid-hours"),
        ] {
            assert_eq!(Hours::parse(s), Err(code), "{s:?}");
        }
        assert_eq!(Hours(10).to_string(), "2.5");
        assert_eq!(Hours(9).to_string(), "2.25");
        assert_eq!(Hours(8).to_string(), "2");
        assert_eq!(Hours(3).to_string(), "0.75");
    }

    #[test]
    fn months_parse_and_step() {
        let m = Month::parse("2026-11").expect("month");
        assert_eq!(m.to_string(), "2026-11");
        assert_eq!(m.next().to_string(), "2026-12");
        assert_eq!(m.next().next().to_string(), "2027-01");
        assert_eq!(Month::parse("2027-01").expect("m").previous(), m.next());
        for bad in [
            "2026-13", "2026-00", "26-11", "2026-1", "2026/11", "x", "1999-12",
        ] {
            assert_eq!(Month::parse(bad), Err("invalid-month"), "{bad}");
        }
        let six: Vec<String> = m.last(6).iter().map(ToString::to_string).collect();
        assert_eq!(
            six,
            ["2026-11", "2026-10", "2026-09", "2026-08", "2026-07", "2026-06"]
        );
        let json = serde_json::to_string(&m).expect("json");
        assert_eq!(json, "\"2026-11\"");
        assert_eq!(serde_json::from_str::<Month>(&json).expect("back"), m);
    }

    #[test]
    fn an_entry_names_each_bad_field() {
        let today = day("2026-12-01");
        let ok = input("2026-11", "content", "3.5")
            .parse(today)
            .expect("valid");
        assert_eq!(ok.hours, Hours(14));
        assert_eq!(ok.activity, HoursActivity::Content);
        assert_eq!(
            input("", "code", "1").parse(today).expect("now").month,
            Month::parse("2026-12").expect("m")
        );
        let e = input("2027-01", "gardening", "745")
            .parse(today)
            .expect_err("bad");
        assert_eq!(e.get("month"), Some("month-in-future"));
        assert_eq!(e.get("activity"), Some("invalid-activity"));
        assert_eq!(e.get("hours"), Some("hours-out-of-range"));
        let e = input("2026-11", "", "").parse(today).expect_err("empty");
        assert_eq!(e.get("activity"), Some("required"));
        assert_eq!(e.get("hours"), Some("required"));
        let mut long = input("2026-11", "video", "1");
        long.note = "x".repeat(MAX_NOTE + 1);
        assert_eq!(
            long.parse(today).expect_err("long").get("note"),
            Some("too-long")
        );
    }

    #[test]
    fn the_month_total_is_bounded() {
        assert_eq!(
            check_total(Hours(2000), Hours(976)),
            Ok(Hours(MAX_QUARTERS))
        );
        assert_eq!(
            check_total(Hours(2000), Hours(977))
                .expect_err("over")
                .get("hours"),
            Some("hours-over-month")
        );
    }

    #[test]
    fn position_against_the_range() {
        let mwg = Some(HoursRange { min: 10, max: 20 });
        let at = |h: &str| Position::of(Hours::parse(h).expect("h"), mwg);
        assert_eq!(at("9.75"), Some(Position::Below));
        assert_eq!(at("10"), Some(Position::Within));
        assert_eq!(at("20"), Some(Position::Within));
        assert_eq!(at("20.25"), Some(Position::Above));
        assert_eq!(Position::of(Hours(40), None), None);
    }

    #[test]
    fn who_sees_totals() {
        let outsider = Standing {
            signed_in: true,
            ..Standing::default()
        };
        let member = Standing {
            member: true,
            ..outsider
        };
        let facilitator = Standing {
            facilitator: true,
            ..member
        };
        let admin = Standing {
            admin: true,
            ..outsider
        };
        assert!(may_see_totals(member, Some(1), 1, false));
        assert!(!may_see_totals(member, Some(1), 2, false));
        assert!(may_see_totals(member, Some(1), 2, true));
        assert!(may_see_totals(facilitator, Some(1), 2, false));
        assert!(may_see_totals(admin, Some(9), 2, false));
        assert!(!may_see_totals(outsider, Some(9), 2, true));
        assert!(!may_see_totals(Standing::default(), None, 2, true));
        assert!(may_log(member) && may_log(facilitator));
        assert!(!may_log(admin) && !may_log(outsider));
    }

    #[test]
    fn the_reminder_window() {
        assert_eq!(month_to_log(day("2026-11-24")), None);
        assert_eq!(
            month_to_log(day("2026-11-25")).map(|m| m.to_string()),
            Some("2026-11".into())
        );
        assert_eq!(
            month_to_log(day("2026-12-05")).map(|m| m.to_string()),
            Some("2026-11".into())
        );
        assert_eq!(
            month_to_log(day("2027-01-01")).map(|m| m.to_string()),
            Some("2026-12".into())
        );
        assert_eq!(month_to_log(day("2026-12-06")), None);
    }

    proptest! {
        /// Every figure in range prints and parses back to itself, and anything past 744 is refused.
        #[test]
        fn hours_round_trip(q in 0i64..=MAX_QUARTERS, over in 1i64..100_000) {
            let h = Hours(q);
            prop_assert_eq!(Hours::parse(&h.to_string()), Ok(h));
            prop_assert_eq!(Hours::parse(&Hours(MAX_QUARTERS + over).to_string()), Err("hours-out-of-range"));
        }

        /// Months walk forward and back across years; a month is never in the future of a day in it,
        /// and the reminder asks for this month or the last one only.
        #[test]
        fn months_walk(days in 0i64..40_000) {
            let d = day("2000-01-01") + chrono::Duration::days(days);
            let m = Month::containing(d);
            prop_assert_eq!(m.next().previous(), m);
            prop_assert!(m.previous() < m && m < m.next());
            prop_assert_eq!(Month::parse(&m.to_string()), Ok(m));
            prop_assert!(m.first_day() <= d);
            if let Some(r) = month_to_log(d) {
                prop_assert!(r == m || r == m.previous());
            }
            let i = input(&m.to_string(), "code", "1");
            prop_assert!(i.parse(d).is_ok());
            let later = input(&m.next().to_string(), "code", "1");
            prop_assert_eq!(later.parse(d).expect_err("future").get("month"), Some("month-in-future"));
        }

        /// Position is monotone in the total: more hours never moves a member back down.
        #[test]
        fn position_is_monotone(a in 0i64..=MAX_QUARTERS, b in 0i64..=MAX_QUARTERS, lo in 0i64..100, span in 0i64..100) {
            let r = Some(HoursRange { min: lo, max: lo + span });
            let rank = |p: Option<Position>| match p {
                Some(Position::Below) => 0,
                Some(Position::Within) => 1,
                _ => 2,
            };
            let (x, y) = (a.min(b), a.max(b));
            prop_assert!(rank(Position::of(Hours(x), r)) <= rank(Position::of(Hours(y), r)));
        }
    }
}
