//! Measures of success (seed 004: "establish measures of success"): a named metric of the series
//! with a target and the date it should be reached by. The actual value is always computed from the
//! series; no one types a total where data exists.

use super::series::WeekRow;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::category!(
    /// What a measure counts: learners enrolled at the end of the week; the share of them active in
    /// the week (percent); the share of the week's active learners who were active before
    /// (percent); learners active in the week; forum posts, referred enrollments, completions and
    /// certificates so far; learners who played a video or attempted a problem in the week.
    Metric, "course-metric", "unknown-metric", {
        Enrolled => "enrolled",
        ActiveShare => "active-share",
        ReturningShare => "returning-share",
        Active => "active",
        ForumPosts => "forum-posts",
        Referred => "referred",
        Completions => "completions",
        Certificates => "certificates",
        PlayedVideo => "played-video",
        AttemptedProblem => "attempted-problem",
    }
);

impl Metric {
    pub fn is_percent(self) -> bool {
        matches!(self, Metric::ActiveShare | Metric::ReturningShare)
    }

    /// Counted from the start of the course rather than in the week.
    pub fn is_cumulative(self) -> bool {
        matches!(
            self,
            Metric::ForumPosts | Metric::Referred | Metric::Completions | Metric::Certificates
        )
    }

    /// The metric's value in each week, with the (numerator, denominator) of a percentage so a
    /// public page can tell whether it is safe to show.
    pub fn values(self, rows: &[WeekRow]) -> Vec<Value> {
        let mut total = 0u64;
        rows.iter()
            .map(|r| {
                let count = |n: u64| Value {
                    week_start: r.week_start,
                    value: n as f64,
                    parts: None,
                };
                let share = |n: u64, d: u64| Value {
                    week_start: r.week_start,
                    value: if d == 0 {
                        0.0
                    } else {
                        (n as f64) * 100.0 / (d as f64)
                    },
                    parts: Some((n, d)),
                };
                let mut running = |n: u64| {
                    total += n;
                    count(total)
                };
                match self {
                    Metric::Enrolled => count(r.enrolled),
                    Metric::Active => count(r.active),
                    Metric::ActiveShare => share(r.active.min(r.enrolled), r.enrolled),
                    Metric::ReturningShare => share(r.returning, r.active),
                    Metric::ForumPosts => running(r.forum_posts),
                    Metric::Referred => running(r.referred),
                    Metric::Completions => running(r.completions),
                    Metric::Certificates => running(r.certificates),
                    Metric::PlayedVideo => count(r.played_video),
                    Metric::AttemptedProblem => count(r.attempted_problem),
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Value {
    #[schema(value_type = String, format = Date)]
    pub week_start: NaiveDate,
    pub value: f64,
    #[serde(skip)]
    pub parts: Option<(u64, u64)>,
}

crate::category!(
    /// How a measure stands: its target reached, missed (the date passed without it), in progress
    /// (the date still ahead), or no data yet.
    Standing, "course-standing", "invalid-choice", {
        Met => "met",
        Missed => "missed",
        InProgress => "in-progress",
        NoData => "no-data",
    }
);

/// A measure's actual value (in the week holding its date, or the latest week before it) and where
/// it stands on `today`.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub actual: Option<f64>,
    pub standing: Standing,
}

pub fn progress(
    metric: Metric,
    target: f64,
    due: NaiveDate,
    rows: &[WeekRow],
    today: NaiveDate,
) -> Progress {
    let values = metric.values(rows);
    // The value at the due date; before it, the latest there is.
    let upto = due.min(today);
    let actual = values
        .iter()
        .rev()
        .find(|v| v.week_start <= upto)
        .map(|v| v.value);
    // The value the page shows is the one judged: a share that reached its target in an earlier
    // week and fell since is not met at its date.
    let standing = match actual {
        None => Standing::NoData,
        Some(a) if a >= target => Standing::Met,
        Some(_) if today > due => Standing::Missed,
        Some(_) => Standing::InProgress,
    };
    Progress { actual, standing }
}

/// A measure's target as typed: a count, or a percentage for a share (0–100).
pub fn parse_target(metric: Metric, s: &str) -> Result<f64, &'static str> {
    let s = s.trim().trim_end_matches('%').trim();
    if s.is_empty() {
        return Err("required");
    }
    // "1.000" is a thousand to a reader of Spanish or French and one to a reader of English:
    // refused rather than guessed.
    if thousands_with_points(s) {
        return Err("ambiguous-number");
    }
    let t: f64 = s.replace(',', "").parse().map_err(|_| "invalid-target")?;
    if !t.is_finite() || t < 0.0 || (metric.is_percent() && t > 100.0) || t > 1e9 {
        return Err("invalid-target");
    }
    Ok(t)
}

/// Digits grouped by threes with points (`1.000`, `12.500.000`).
pub(crate) fn thousands_with_points(s: &str) -> bool {
    let mut groups = s.split('.');
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Learners fewer than this are never shown on a public page.
pub const MIN_CELL: u64 = 5;

/// A cell of a published measure: its value, or "fewer than five".
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "value")]
pub enum Cell {
    Shown(f64),
    Suppressed,
}

/// The nearest multiple of five (2.5 rounds up).
fn round5(x: f64) -> f64 {
    (x / 5.0 + 0.5).floor() * 5.0
}

/// The public form of a measure's weekly values. A count between 1 and 4 is suppressed; so is a
/// share whose numerator, denominator or complement is; and for a running total, a week is shown
/// only if what it adds to the last shown week is 0 or at least five. What is shown is rounded to
/// the nearest five (learners, or percentage points): two published figures — of two weeks, or of
/// two measures such as enrolled and active — then never subtract to a small group exactly.
pub fn publish(metric: Metric, values: &[Value]) -> Vec<Cell> {
    let small = |n: u64| (1..MIN_CELL).contains(&n);
    let mut last_shown = 0u64;
    values
        .iter()
        .map(|v| match v.parts {
            Some((n, d)) => {
                if d < MIN_CELL || small(n) || small(d - n.min(d)) {
                    Cell::Suppressed
                } else {
                    Cell::Shown(round5(v.value))
                }
            }
            None => {
                let n = v.value as u64;
                if small(n) {
                    return Cell::Suppressed;
                }
                if metric.is_cumulative() {
                    let added = n.saturating_sub(last_shown);
                    if small(added) {
                        return Cell::Suppressed;
                    }
                    last_shown = n;
                }
                Cell::Shown(round5(v.value))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rows(enrolled: &[u64]) -> Vec<WeekRow> {
        let start: NaiveDate = "2026-03-02".parse().expect("test data");
        enrolled
            .iter()
            .enumerate()
            .map(|(i, &e)| WeekRow {
                week_start: start + chrono::Duration::weeks(i as i64),
                enrolled: e,
                active: e / 2,
                forum_posts: e / 10,
                ..WeekRow::default()
            })
            .collect()
    }

    #[test]
    fn a_target_is_met_missed_or_in_progress() {
        let r = rows(&[500, 1200, 2100]);
        let due: NaiveDate = "2026-03-16".parse().expect("test data");
        let met = progress(
            Metric::Enrolled,
            2000.0,
            due,
            &r,
            "2026-03-20".parse().expect("test data"),
        );
        assert_eq!(met.standing, Standing::Met);
        assert_eq!(met.actual, Some(2100.0));
        let early = progress(
            Metric::Enrolled,
            2000.0,
            due,
            &r,
            "2026-03-10".parse().expect("test data"),
        );
        assert_eq!(early.standing, Standing::InProgress);
        assert_eq!(early.actual, Some(1200.0));
        let missed = progress(
            Metric::Enrolled,
            5000.0,
            due,
            &r,
            "2026-04-01".parse().expect("test data"),
        );
        assert_eq!(missed.standing, Standing::Missed);
        let share = progress(
            Metric::ActiveShare,
            30.0,
            due,
            &r,
            "2026-04-01".parse().expect("test data"),
        );
        assert_eq!(share.standing, Standing::Met);
        // 40 % active in the first week, 7 % at the due date: missed, as the page shows 7 %.
        let mut fell = rows(&[100, 100]);
        fell[0].active = 40;
        fell[1].active = 7;
        let due_fell = fell[1].week_start;
        let fell_share = progress(
            Metric::ActiveShare,
            30.0,
            due_fell,
            &fell,
            due_fell + chrono::Duration::days(10),
        );
        assert_eq!(fell_share.actual, Some(7.0));
        assert_eq!(fell_share.standing, Standing::Missed);
        assert_eq!(
            progress(Metric::Active, 1.0, due, &[], due).standing,
            Standing::NoData
        );
        let posts = Metric::ForumPosts.values(&r);
        assert_eq!(posts[2].value, 50.0 + 120.0 + 210.0);
    }

    #[test]
    fn targets_are_checked() {
        assert_eq!(parse_target(Metric::Enrolled, "2,000"), Ok(2000.0));
        assert_eq!(parse_target(Metric::ActiveShare, "30%"), Ok(30.0));
        assert_eq!(
            parse_target(Metric::ActiveShare, "130"),
            Err("invalid-target")
        );
        assert_eq!(parse_target(Metric::Enrolled, "-1"), Err("invalid-target"));
        assert_eq!(parse_target(Metric::Enrolled, "12.5"), Ok(12.5));
        assert_eq!(
            parse_target(Metric::Enrolled, "1.000"),
            Err("ambiguous-number")
        );
        assert_eq!(
            parse_target(Metric::Enrolled, "2.500.000"),
            Err("ambiguous-number")
        );
        assert_eq!(parse_target(Metric::Enrolled, "1.0001"), Ok(1.0001));
        assert_eq!(parse_target(Metric::Enrolled, " "), Err("required"));
        assert_eq!(
            parse_target(Metric::Enrolled, "many"),
            Err("invalid-target")
        );
        assert_eq!(Metric::parse("likes"), Err("unknown-metric"));
    }

    proptest! {
        #[test]
        fn no_published_cell_or_difference_reveals_fewer_than_five(
            counts in prop::collection::vec(0u64..12, 1..20),
            metric_i in 0usize..10,
        ) {
            let metric = Metric::ALL[metric_i];
            let start: NaiveDate = "2026-03-02".parse().expect("test data");
            let rows: Vec<WeekRow> = counts.iter().enumerate().map(|(i, &c)| WeekRow {
                week_start: start + chrono::Duration::weeks(i as i64),
                enrolled: c + 3, new_enrollments: c, active: c, returning: c / 2,
                played_video: c / 2, attempted_problem: c, forum_posts: c,
                completions: c % 3, certificates: c % 2, referred: c % 4,
            }).collect();
            let values = metric.values(&rows);
            let cells = publish(metric, &values);
            let mut last = 0u64;
            for (v, c) in values.iter().zip(&cells) {
                if let Cell::Shown(x) = c {
                    prop_assert_eq!(x % 5.0, 0.0, "rounded to five");
                    prop_assert!((x - v.value).abs() <= 2.5, "within 2.5 of the truth");
                    match v.parts {
                        Some((n, d)) => {
                            prop_assert!(d >= MIN_CELL);
                            prop_assert!(n == 0 || n >= MIN_CELL);
                            prop_assert!(d - n == 0 || d - n >= MIN_CELL);
                        }
                        None => {
                            let n = v.value as u64;
                            prop_assert!(n == 0 || n >= MIN_CELL);
                            prop_assert!(*x == 0.0 || *x >= MIN_CELL as f64);
                            if metric.is_cumulative() {
                                prop_assert!(n - last == 0 || n - last >= MIN_CELL);
                                last = n;
                            }
                        }
                    }
                }
            }
        }
    }
}
