//! The program's targets (seed 003, "Increase Open edX engagement – Ensure at least 10 active
//! Distinguished Contributors in the first year", "80%+ retention of members year-over-year", "At
//! least 3 key community-driven initiatives or proposals per year") and how a figure meets them.

use crate::category;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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
