//! What needs a person: the rule that orders the items every program contributes to a person's home
//! page and to `GET /api/v1/me/tasks`. The items themselves come from each program (who may act on
//! what is that program's rule); this module only says how urgent an item is and in which order the
//! list reads.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// An item is due soon when its deadline is this close.
pub const SOON_HOURS: i64 = 24;

/// How urgent an item is. Ordered: overdue items first, undated ones last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// The deadline has passed (an offer about to be re-offered, a count about to close).
    Overdue,
    /// Due within [`SOON_HOURS`].
    Soon,
    /// Has a deadline further away.
    Later,
    /// Waits without a deadline (an application, a queue, failing deliveries).
    Undated,
}

impl Urgency {
    pub fn slug(self) -> &'static str {
        match self {
            Urgency::Overdue => "overdue",
            Urgency::Soon => "soon",
            Urgency::Later => "later",
            Urgency::Undated => "undated",
        }
    }
}

pub fn urgency(due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Urgency {
    match due {
        None => Urgency::Undated,
        Some(d) if d <= now => Urgency::Overdue,
        Some(d) if d - now <= Duration::hours(SOON_HOURS) => Urgency::Soon,
        Some(_) => Urgency::Later,
    }
}

/// Orders items as the list reads: most urgent first, then the earliest deadline; items that tie
/// keep the order their programs gave them (the sort is stable).
pub fn order<T>(items: &mut [T], due: impl Fn(&T) -> Option<DateTime<Utc>>, now: DateTime<Utc>) {
    items.sort_by_key(|t| {
        let d = due(t);
        (urgency(d, now), d)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(h: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_800_000_000, 0).expect("time") + Duration::hours(h)
    }

    #[test]
    fn urgency_follows_the_deadline() {
        let now = at(0);
        assert_eq!(urgency(None, now), Urgency::Undated);
        assert_eq!(urgency(Some(at(-1)), now), Urgency::Overdue);
        assert_eq!(urgency(Some(now), now), Urgency::Overdue);
        assert_eq!(urgency(Some(at(1)), now), Urgency::Soon);
        assert_eq!(urgency(Some(at(SOON_HOURS)), now), Urgency::Soon);
        assert_eq!(urgency(Some(at(SOON_HOURS + 1)), now), Urgency::Later);
    }

    proptest! {
        /// The list is a permutation of what the programs gave, by urgency and then by deadline,
        /// and items that tie keep their programs' order.
        #[test]
        fn order_is_by_urgency_then_deadline_and_stable(
            dues in proptest::collection::vec(proptest::option::of(-100i64..100), 0..40)
        ) {
            let now = at(0);
            let mut items: Vec<(usize, Option<DateTime<Utc>>)> =
                dues.iter().enumerate().map(|(i, d)| (i, d.map(at))).collect();
            order(&mut items, |t| t.1, now);
            let mut seen: Vec<usize> = items.iter().map(|t| t.0).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..dues.len()).collect::<Vec<_>>());
            for w in items.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                let (ua, ub) = (urgency(a.1, now), urgency(b.1, now));
                prop_assert!(ua <= ub);
                if ua == ub {
                    prop_assert!(a.1 <= b.1);
                    if a.1 == b.1 {
                        prop_assert!(a.0 < b.0);
                    }
                }
            }
        }
    }
}
