//! Weekly series of a course, computed from pseudonymous facts: which learners did what in which
//! week (weeks start on Monday, UTC), their enrollment changes and their milestones. The store keeps
//! only these facts; everything a course team reads is derived here, once, for pages, the API and
//! the CSV alike.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use super::tracking::week_start;

/// Bits of a learner's week.
pub const ACTIVE: u8 = 1;
pub const PLAYED_VIDEO: u8 = 2;
pub const ATTEMPTED_PROBLEM: u8 = 4;

/// What one learner did in one week of a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerWeek<L> {
    pub learner: L,
    pub week: NaiveDate,
    pub flags: u8,
    pub forum_posts: u64,
}

/// An enrollment change: activated (with or without a referral code) or deactivated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrollmentChange<L> {
    pub learner: L,
    pub at: DateTime<Utc>,
    pub enrolled: bool,
    pub referred: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MilestoneKind {
    Completion,
    Certificate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone<L> {
    pub learner: L,
    pub kind: MilestoneKind,
    pub at: DateTime<Utc>,
}

/// One week of a course, as `GET /api/v1/courses/{id}/series` answers it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct WeekRow {
    /// The Monday (UTC) the week starts on.
    #[schema(value_type = String, format = Date)]
    pub week_start: NaiveDate,
    /// Learners enrolled at the end of the week.
    pub enrolled: u64,
    /// Learners enrolled for the first time this week.
    pub new_enrollments: u64,
    /// Distinct learners with any event in the course this week.
    pub active: u64,
    /// Active this week and in an earlier week.
    pub returning: u64,
    pub played_video: u64,
    pub attempted_problem: u64,
    pub forum_posts: u64,
    /// Learners who passed the course this week (the first time).
    pub completions: u64,
    /// Learners whose certificate was created this week (the first one).
    pub certificates: u64,
    /// New enrollments this week that came with a referral code.
    pub referred: u64,
}

/// Learners who enrolled in one week, and how many of them were active in each week after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Cohort {
    #[schema(value_type = String, format = Date)]
    pub week_start: NaiveDate,
    pub size: u64,
    /// `active[k]`: members active in week k after the cohort's week (0 is that week).
    pub active: Vec<u64>,
}

/// Enrolled → active → completed, over the whole course.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Funnel {
    pub enrolled: u64,
    pub active: u64,
    pub completed: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Series {
    pub rows: Vec<WeekRow>,
    pub cohorts: Vec<Cohort>,
    pub funnel: Funnel,
}

#[derive(Default)]
struct Learner {
    /// The week they first counted as enrolled (inferred from activity when no activation is
    /// known before it).
    first_enrolled: Option<NaiveDate>,
    referred: bool,
    first_active: Option<NaiveDate>,
    completed: bool,
}

/// Computes the series over every week from the first fact to `until` (the current week, say), or
/// to the last fact when `until` is `None`. Learners are whatever pseudonyms the store holds.
pub fn compute<L: Eq + Hash + Clone>(
    weeks: &[LearnerWeek<L>],
    enrollments: &[EnrollmentChange<L>],
    milestones: &[Milestone<L>],
    until: Option<NaiveDate>,
) -> Series {
    // One entry per (learner, week), whatever duplicates the input holds.
    let mut merged: HashMap<(&L, NaiveDate), (u8, u64)> = HashMap::new();
    for w in weeks {
        let e = merged.entry((&w.learner, w.week)).or_default();
        e.0 |= w.flags | ACTIVE;
        e.1 += w.forum_posts;
    }
    let mut people: HashMap<&L, Learner> = HashMap::new();
    for &(l, week) in merged.keys() {
        let p = people.entry(l).or_default();
        p.first_active = Some(p.first_active.map_or(week, |f| f.min(week)));
    }
    // Enrollment changes in time order per learner, turned into per-week changes of the enrolled
    // count.
    let mut by_learner: HashMap<&L, Vec<&EnrollmentChange<L>>> = HashMap::new();
    for e in enrollments {
        by_learner.entry(&e.learner).or_default().push(e);
    }
    let mut delta: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    let mut all_learners: Vec<&L> = people.keys().copied().collect();
    for l in by_learner.keys() {
        if !people.contains_key(l) {
            all_learners.push(l);
        }
    }
    for l in all_learners {
        let mut changes = by_learner.remove(l).unwrap_or_default();
        changes.sort_by_key(|c| (c.at, !c.enrolled));
        let p = people.entry(l).or_default();
        let first_change_week = changes.first().map(|c| week_start(c.at));
        // Active before any activation (or with none at all, or first seen leaving): they were
        // enrolled before the log begins; count them from the first week seen.
        let inferred = match (p.first_active, changes.first()) {
            (Some(a), Some(c)) => !c.enrolled || a < week_start(c.at),
            (Some(_), None) => true,
            (None, Some(c)) => !c.enrolled,
            (None, None) => false,
        };
        let mut enrolled = false;
        if inferred {
            let w = match (p.first_active, first_change_week) {
                (Some(a), Some(c)) => a.min(c),
                (Some(a), None) => a,
                (None, Some(c)) => c,
                (None, None) => unreachable!(),
            };
            enrolled = true;
            p.first_enrolled = Some(w);
            *delta.entry(w).or_default() += 1;
        }
        for c in changes {
            if c.enrolled == enrolled {
                continue;
            }
            let w = week_start(c.at);
            enrolled = c.enrolled;
            *delta.entry(w).or_default() += if enrolled { 1 } else { -1 };
            if enrolled && p.first_enrolled.is_none() {
                p.first_enrolled = Some(w);
                p.referred = c.referred;
            }
        }
    }
    let mut first_milestone: HashMap<(&L, MilestoneKind), NaiveDate> = HashMap::new();
    for m in milestones {
        let w = week_start(m.at);
        let e = first_milestone.entry((&m.learner, m.kind)).or_insert(w);
        *e = (*e).min(w);
        if m.kind == MilestoneKind::Completion {
            people.entry(&m.learner).or_default().completed = true;
        }
    }

    let first = merged
        .keys()
        .map(|k| k.1)
        .chain(delta.keys().copied())
        .chain(first_milestone.values().copied())
        .min();
    let Some(first) = first else {
        return Series::default();
    };
    let last = merged
        .keys()
        .map(|k| k.1)
        .chain(delta.keys().copied())
        .chain(first_milestone.values().copied())
        .max()
        .unwrap_or(first);
    let last = until.map_or(last, |u| {
        week_start(u.and_time(chrono::NaiveTime::MIN).and_utc())
    });
    if last < first {
        return Series::default();
    }
    let index = |w: NaiveDate| ((w - first).num_days() / 7) as usize;
    let n = index(last) + 1;
    let mut rows: Vec<WeekRow> = (0..n)
        .map(|i| WeekRow {
            week_start: first + Duration::weeks(i as i64),
            ..WeekRow::default()
        })
        .collect();
    for (&(l, week), &(flags, posts)) in &merged {
        if week > last {
            continue;
        }
        let r = &mut rows[index(week)];
        r.active += 1;
        if people[l].first_active.is_some_and(|f| f < week) {
            r.returning += 1;
        }
        r.played_video += u64::from(flags & PLAYED_VIDEO != 0);
        r.attempted_problem += u64::from(flags & ATTEMPTED_PROBLEM != 0);
        r.forum_posts += posts;
    }
    for p in people.values() {
        if let Some(w) = p.first_enrolled.filter(|w| *w <= last) {
            let r = &mut rows[index(w)];
            r.new_enrollments += 1;
            r.referred += u64::from(p.referred);
        }
    }
    for (&(_, kind), &w) in &first_milestone {
        if w > last {
            continue;
        }
        let r = &mut rows[index(w)];
        match kind {
            MilestoneKind::Completion => r.completions += 1,
            MilestoneKind::Certificate => r.certificates += 1,
        }
    }
    let mut enrolled = 0i64;
    for r in rows.iter_mut() {
        enrolled += delta.get(&r.week_start).copied().unwrap_or(0);
        r.enrolled = enrolled.max(0) as u64;
    }

    // Cohorts by the week of first enrollment.
    let mut cohort_of: HashMap<&L, usize> = HashMap::new();
    let mut cohorts: BTreeMap<usize, Cohort> = BTreeMap::new();
    for (l, p) in &people {
        if let Some(w) = p.first_enrolled.filter(|w| *w <= last) {
            let i = index(w);
            cohort_of.insert(l, i);
            let c = cohorts.entry(i).or_insert_with(|| Cohort {
                week_start: w,
                size: 0,
                active: vec![0; n - i],
            });
            c.size += 1;
        }
    }
    for &(l, week) in merged.keys() {
        if week > last {
            continue;
        }
        if let Some(&ci) = cohort_of.get(l) {
            let wi = index(week);
            if wi >= ci {
                cohorts.get_mut(&ci).expect("cohort").active[wi - ci] += 1;
            }
        }
    }
    let funnel = Funnel {
        enrolled: people
            .values()
            .filter(|p| p.first_enrolled.is_some())
            .count() as u64,
        active: people
            .values()
            .filter(|p| p.first_enrolled.is_some() && p.first_active.is_some())
            .count() as u64,
        completed: people
            .values()
            .filter(|p| p.first_enrolled.is_some() && p.first_active.is_some() && p.completed)
            .count() as u64,
    };
    Series {
        rows,
        cohorts: cohorts.into_values().collect(),
        funnel,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test data")
    }
    fn at(s: &str) -> DateTime<Utc> {
        format!("{s}T12:00:00Z").parse().expect("test data")
    }
    fn wk(l: u32, week: &str, flags: u8, posts: u64) -> LearnerWeek<u32> {
        LearnerWeek {
            learner: l,
            week: day(week),
            flags,
            forum_posts: posts,
        }
    }
    fn enr(l: u32, when: &str, enrolled: bool, referred: bool) -> EnrollmentChange<u32> {
        EnrollmentChange {
            learner: l,
            at: at(when),
            enrolled,
            referred,
        }
    }

    #[test]
    fn a_small_course_week_by_week() {
        // Weeks of 2026-03-02, 03-09, 03-16.
        let weeks = [
            wk(1, "2026-03-02", ACTIVE | PLAYED_VIDEO, 2),
            wk(2, "2026-03-02", ACTIVE, 0),
            wk(1, "2026-03-09", ACTIVE | ATTEMPTED_PROBLEM, 0),
            wk(3, "2026-03-16", ACTIVE, 1),
            wk(1, "2026-03-16", ACTIVE, 0),
        ];
        let enrollments = [
            enr(1, "2026-03-03", true, true),
            enr(2, "2026-03-04", true, false),
            enr(2, "2026-03-10", false, false),
            enr(3, "2026-03-17", true, false),
            enr(4, "2026-03-18", true, true),
        ];
        let milestones = [
            Milestone {
                learner: 1,
                kind: MilestoneKind::Completion,
                at: at("2026-03-18"),
            },
            Milestone {
                learner: 1,
                kind: MilestoneKind::Certificate,
                at: at("2026-03-19"),
            },
        ];
        let s = compute(&weeks, &enrollments, &milestones, None);
        let r = &s.rows;
        assert_eq!(r.len(), 3);
        assert_eq!((r[0].enrolled, r[1].enrolled, r[2].enrolled), (2, 1, 3));
        assert_eq!(
            (
                r[0].new_enrollments,
                r[1].new_enrollments,
                r[2].new_enrollments
            ),
            (2, 0, 2)
        );
        assert_eq!((r[0].active, r[1].active, r[2].active), (2, 1, 2));
        assert_eq!((r[0].returning, r[1].returning, r[2].returning), (0, 1, 1));
        assert_eq!(r[0].played_video, 1);
        assert_eq!(r[1].attempted_problem, 1);
        assert_eq!(r[0].forum_posts + r[2].forum_posts, 3);
        assert_eq!((r[2].completions, r[2].certificates), (1, 1));
        assert_eq!((r[0].referred, r[2].referred), (1, 1));
        assert_eq!(s.cohorts.len(), 2);
        assert_eq!(s.cohorts[0].size, 2);
        assert_eq!(s.cohorts[0].active, vec![2, 1, 1]);
        assert_eq!(s.cohorts[1].active, vec![1]);
        assert_eq!(
            s.funnel,
            Funnel {
                enrolled: 4,
                active: 3,
                completed: 1
            }
        );
    }

    #[test]
    fn a_learner_active_before_the_log_saw_them_enroll_counts_as_enrolled() {
        let s = compute(
            &[wk(9, "2026-03-09", ACTIVE, 0)],
            &[],
            &[],
            Some(day("2026-03-20")),
        );
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].enrolled, 1);
        assert_eq!(s.rows[1].enrolled, 1);
        assert_eq!(s.rows[1].active, 0);
    }

    type Input = (
        Vec<LearnerWeek<u32>>,
        Vec<EnrollmentChange<u32>>,
        Vec<Milestone<u32>>,
    );

    fn arb_input() -> impl Strategy<Value = Input> {
        let base = day("2026-01-05");
        let weeks = prop::collection::vec((0u32..30, 0i64..12, 0u8..8, 0u64..4), 0..120).prop_map(
            move |v| {
                v.into_iter()
                    .map(|(l, w, f, p)| LearnerWeek {
                        learner: l,
                        week: base + Duration::weeks(w),
                        flags: f,
                        forum_posts: p,
                    })
                    .collect::<Vec<_>>()
            },
        );
        let base_t = base.and_hms_opt(0, 0, 0).expect("test data").and_utc();
        let enrollments = prop::collection::vec(
            (
                0u32..30,
                0i64..(12 * 7 * 24),
                prop::bool::ANY,
                prop::bool::ANY,
            ),
            0..60,
        )
        .prop_map(move |v| {
            v.into_iter()
                .map(|(l, h, e, r)| EnrollmentChange {
                    learner: l,
                    at: base_t + Duration::hours(h),
                    enrolled: e,
                    referred: r,
                })
                .collect::<Vec<_>>()
        });
        let milestones =
            prop::collection::vec((0u32..30, 0i64..(12 * 7 * 24), prop::bool::ANY), 0..20)
                .prop_map(move |v| {
                    v.into_iter()
                        .map(|(l, h, c)| Milestone {
                            learner: l,
                            kind: if c {
                                MilestoneKind::Completion
                            } else {
                                MilestoneKind::Certificate
                            },
                            at: base_t + Duration::hours(h),
                        })
                        .collect::<Vec<_>>()
                });
        (weeks, enrollments, milestones)
    }

    proptest! {
        #[test]
        fn the_series_keeps_its_invariants((weeks, enrollments, milestones) in arb_input()) {
            let s = compute(&weeks, &enrollments, &milestones, None);
            let mut seen = std::collections::HashSet::new();
            let mut new_total = 0;
            for r in &s.rows {
                for w in weeks.iter().filter(|w| w.week == r.week_start) {
                    seen.insert(w.learner);
                }
                prop_assert!(r.returning <= r.active);
                prop_assert!(r.active <= seen.len() as u64);
                prop_assert!(r.played_video <= r.active && r.attempted_problem <= r.active);
                prop_assert!(r.referred <= r.new_enrollments);
                new_total += r.new_enrollments;
                // Enrolled never exceeds everyone who ever enrolled up to then.
                prop_assert!(r.enrolled <= new_total);
                prop_assert_eq!(r.week_start.weekday(), chrono::Weekday::Mon);
            }
            prop_assert_eq!(new_total, s.funnel.enrolled);
            prop_assert!(s.funnel.completed <= s.funnel.active);
            prop_assert!(s.funnel.active <= s.funnel.enrolled);
            prop_assert_eq!(s.cohorts.iter().map(|c| c.size).sum::<u64>(), s.funnel.enrolled);
            for c in &s.cohorts {
                for a in &c.active {
                    prop_assert!(*a <= c.size);
                }
            }
            // The same facts twice give the same series.
            let doubled: Vec<_> = weeks.iter().chain(weeks.iter()).cloned().collect();
            let again = compute(&doubled, &enrollments, &milestones, None);
            prop_assert_eq!(again.rows.iter().map(|r| r.active).collect::<Vec<_>>(),
                s.rows.iter().map(|r| r.active).collect::<Vec<_>>());
        }
    }
}
