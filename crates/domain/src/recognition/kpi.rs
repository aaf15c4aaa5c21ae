//! The program's targets (seed 003, "Increase Open edX engagement – Ensure at least 10 active
//! Distinguished Contributors in the first year", "80%+ retention of members year-over-year", "At
//! least 3 key community-driven initiatives or proposals per year") and how a figure meets them.

use super::{Award, AwardKind, AwardState};
use crate::category;
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Active Distinguished Contributors the first year should reach.
pub const TARGET_ACTIVE_FIRST_YEAR: u64 = 10;
/// Share of last year's members still active this year.
pub const TARGET_RETENTION: f64 = 0.8;
/// Community-driven initiatives or proposals per year.
pub const TARGET_INITIATIVES_PER_YEAR: u64 = 3;

category!(
    /// Whether a figure meets its target; `no-data` when there is nothing to measure yet.
    KpiStatus, "kpi-status", "invalid-kpi-status", {
        Met => "met",
        NotMet => "not-met",
        NoData => "no-data",
    }
);

impl KpiStatus {
    fn of(met: bool) -> Self {
        if met {
            KpiStatus::Met
        } else {
            KpiStatus::NotMet
        }
    }
}

/// Share of last year's active members (ids, repeats ignored) active again this year; `None` when
/// last year had none (a first year has no retention to speak of).
pub fn retention_rate(active_last_year: &[i64], active_this_year: &[i64]) -> Option<f64> {
    let last: BTreeSet<i64> = active_last_year.iter().copied().collect();
    if last.is_empty() {
        return None;
    }
    let this: BTreeSet<i64> = active_this_year.iter().copied().collect();
    Some(last.intersection(&this).count() as f64 / last.len() as f64)
}

/// Whether an award makes its holder an active Distinguished Contributor in `year`: a yearly award
/// in every year one of its terms overlaps (a term without an end still runs), lifetime status from
/// the year it was granted. A revoked award counts in no year.
pub fn active_in_year(award: &Award, year: i32) -> bool {
    if award.state == AwardState::Revoked {
        return false;
    }
    match award.kind {
        AwardKind::Lifetime => award.awarded_on.is_some_and(|d| d.year() <= year),
        AwardKind::Term => award
            .terms
            .iter()
            .any(|t| t.start.year() <= year && t.end.is_none_or(|e| e.year() >= year)),
    }
}

/// The people active in `year`, from (holder, award) pairs; a person with several awards counts once.
pub fn active_people<'a>(
    awards: impl IntoIterator<Item = (i64, &'a Award)>,
    year: i32,
) -> Vec<i64> {
    let people: BTreeSet<i64> = awards
        .into_iter()
        .filter(|(_, a)| active_in_year(a, year))
        .map(|(p, _)| p)
        .collect();
    people.into_iter().collect()
}

/// Counts per label, largest first (then by label), `None` labelled `unknown`.
pub fn balance<'a>(
    labels: impl IntoIterator<Item = Option<&'a str>>,
    unknown: &str,
) -> Vec<(String, u64)> {
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for l in labels {
        *counts.entry(l.unwrap_or(unknown).to_owned()).or_default() += 1;
    }
    let mut out: Vec<(String, u64)> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

pub fn active_members_status(active: u64) -> KpiStatus {
    KpiStatus::of(active >= TARGET_ACTIVE_FIRST_YEAR)
}

pub fn retention_status(rate: Option<f64>) -> KpiStatus {
    rate.map_or(KpiStatus::NoData, |r| KpiStatus::of(r >= TARGET_RETENTION))
}

pub fn initiatives_status(count: u64) -> KpiStatus {
    KpiStatus::of(count >= TARGET_INITIATIVES_PER_YEAR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn targets_from_the_seed() {
        assert_eq!(active_members_status(9), KpiStatus::NotMet);
        assert_eq!(active_members_status(10), KpiStatus::Met);
        assert_eq!(initiatives_status(2), KpiStatus::NotMet);
        assert_eq!(initiatives_status(3), KpiStatus::Met);
        assert_eq!(retention_status(None), KpiStatus::NoData);
        assert_eq!(retention_status(Some(0.8)), KpiStatus::Met);
        assert_eq!(retention_status(Some(0.79)), KpiStatus::NotMet);
        for s in KpiStatus::ALL {
            assert_eq!(KpiStatus::parse(s.slug()), Ok(*s));
        }
    }

    #[test]
    fn retention_is_last_years_members_still_active() {
        assert_eq!(retention_rate(&[], &[1, 2]), None);
        assert_eq!(
            retention_rate(&[1, 2, 3, 4, 5], &[1, 2, 3, 4, 9, 10]),
            Some(0.8)
        );
        assert_eq!(
            retention_rate(&[1, 1, 2], &[1, 1]),
            Some(0.5),
            "repeats count once"
        );
        assert_eq!(retention_rate(&[1], &[]), Some(0.0));
    }

    fn d(s: &str) -> chrono::NaiveDate {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn active_years_follow_terms() {
        use crate::recognition::award::TermRecord;
        let mut a = Award::nominated(AwardKind::Term);
        a.state = AwardState::Lapsed;
        a.terms = vec![TermRecord {
            start: d("2024-06-01"),
            end: Some(d("2025-05-31")),
            renewed: false,
        }];
        assert!(!active_in_year(&a, 2023));
        assert!(active_in_year(&a, 2024));
        assert!(active_in_year(&a, 2025), "the term overlaps 2025");
        assert!(!active_in_year(&a, 2026));
        a.terms[0].end = None;
        assert!(active_in_year(&a, 2030), "a running term");
        a.state = AwardState::Revoked;
        assert!(!active_in_year(&a, 2024), "revoked counts nowhere");
        let l = Award::lifetime(d("2026-03-01"));
        assert!(!active_in_year(&l, 2025));
        assert!(active_in_year(&l, 2026) && active_in_year(&l, 2040));
        assert_eq!(
            active_people([(7, &l), (7, &l), (3, &a)], 2026),
            vec![7],
            "a person counts once"
        );
    }

    #[test]
    fn balance_is_largest_first() {
        assert_eq!(
            balance([Some("b"), None, Some("a"), Some("b")], "?"),
            vec![("b".into(), 2), ("?".into(), 1), ("a".into(), 1)]
        );
    }

    proptest! {
        #[test]
        fn retention_is_a_share(last in prop::collection::vec(0i64..20, 0..20), this in prop::collection::vec(0i64..20, 0..20)) {
            match retention_rate(&last, &this) {
                None => prop_assert!(last.is_empty()),
                Some(r) => {
                    prop_assert!((0.0..=1.0).contains(&r));
                    prop_assert_eq!(retention_rate(&last, &last), Some(1.0));
                }
            }
        }
    }
}
