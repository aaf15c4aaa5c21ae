//! Complementary suppression: which counts of a published table must be hidden so that no small
//! count can be worked out from the others.
//!
//! A column of the transparency report is a total and groups of parts that each add up to it (the
//! regions; the partners). Hiding the counts from 1 to 4 is not enough: with the total 41 and the
//! shown regions adding up to 40, the hidden one is 1. So, while any hidden small count can still be
//! pinned to a single value from the shown numbers, one more count is withheld (the smallest shown
//! count of that group, else of another group or the total). A withheld count is shown as such, not
//! as "fewer than 5", because it may be larger.
//!
//! What a reader knows of a cell: a shown count exactly; "fewer than 5": between 1 and 4; withheld:
//! nothing. Since the groups share only the total, a value `v` of one cell is possible exactly when
//! some total within the total's bounds can be reached by every group with that cell set to `v`; each
//! group's reachable sums form an interval, so this check is exact and cheap.

use crate::leads::SUPPRESS_BELOW;

/// How a count is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    Exact,
    /// "Fewer than 5": the reader learns that it is between 1 and 4.
    FewerThan,
    /// Hidden so that a small count elsewhere cannot be worked out; the reader learns nothing.
    Withheld,
}

impl Shown {
    fn of(n: u64) -> Self {
        if n > 0 && n < SUPPRESS_BELOW {
            Shown::FewerThan
        } else {
            Shown::Exact
        }
    }

    /// What the reader knows of a cell showing this: the lowest and highest possible value.
    fn bounds(self, n: u64) -> (u64, u64) {
        match self {
            Shown::Exact => (n, n),
            Shown::FewerThan => (1, SUPPRESS_BELOW - 1),
            Shown::Withheld => (0, u64::MAX / 1024),
        }
    }
}

/// A cell of a column: the total, or part `i` of group `g`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    Total,
    Part(usize, usize),
}

/// One column: its total and its groups of parts, with how each is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub total: u64,
    pub groups: Vec<Vec<u64>>,
    pub total_shown: Shown,
    pub shown: Vec<Vec<Shown>>,
}

impl Column {
    fn value(&self, at: At) -> u64 {
        match at {
            At::Total => self.total,
            At::Part(g, i) => self.groups[g][i],
        }
    }

    fn shown_at(&self, at: At) -> Shown {
        match at {
            At::Total => self.total_shown,
            At::Part(g, i) => self.shown[g][i],
        }
    }

    fn set(&mut self, at: At, s: Shown) {
        match at {
            At::Total => self.total_shown = s,
            At::Part(g, i) => self.shown[g][i] = s,
        }
    }

    fn cells(&self) -> impl Iterator<Item = At> + '_ {
        std::iter::once(At::Total).chain(
            self.groups
                .iter()
                .enumerate()
                .flat_map(|(g, parts)| (0..parts.len()).map(move |i| At::Part(g, i))),
        )
    }

    /// Whether the published column allows `cell` to be `v`.
    fn possible(&self, cell: At, v: u64) -> bool {
        let bounds = |at: At| {
            if at == cell {
                (v, v)
            } else {
                self.shown_at(at).bounds(self.value(at))
            }
        };
        let (own_lo, own_hi) = self.shown_at(cell).bounds(self.value(cell));
        if v < own_lo || v > own_hi {
            return false;
        }
        let (mut lo, mut hi) = bounds(At::Total);
        for (g, parts) in self.groups.iter().enumerate() {
            let (glo, ghi) = (0..parts.len())
                .map(|i| bounds(At::Part(g, i)))
                .fold((0u64, 0u64), |(a, b), (l, h)| {
                    (a.saturating_add(l), b.saturating_add(h))
                });
            lo = lo.max(glo);
            hi = hi.min(ghi);
        }
        lo <= hi
    }

    /// Whether a reader can work out a small hidden count exactly.
    fn pinned(&self, cell: At) -> bool {
        let n = self.value(cell);
        let hidden = self.shown_at(cell) != Shown::Exact;
        hidden
            && n > 0
            && n < SUPPRESS_BELOW
            && !(n.checked_sub(1).is_some_and(|w| self.possible(cell, w))
                || self.possible(cell, n + 1))
    }

    /// Whether some small hidden count could be worked out.
    pub fn any_pinned(&self) -> bool {
        self.cells().any(|c| self.pinned(c))
    }

    /// One more cell to hide because `cell` is pinned: the smallest shown non-zero count of its
    /// group, else of the whole column (the total included); when every non-zero count is hidden
    /// already, a "fewer than 5" becomes withheld (the total first), because "fewer than 5" still
    /// tells that a count is at least 1.
    fn widen(&mut self, cell: At) -> bool {
        let shown_nonzero = |c: &At| self.shown_at(*c) == Shown::Exact && self.value(*c) > 0;
        let same_group = |c: &At| match (c, cell) {
            (At::Part(g, _), At::Part(h, _)) => *g == h,
            _ => false,
        };
        let pick = self
            .cells()
            .filter(|c| shown_nonzero(c) && same_group(c))
            .min_by_key(|c| self.value(*c))
            .or_else(|| {
                self.cells()
                    .filter(shown_nonzero)
                    .min_by_key(|c| self.value(*c))
            });
        if let Some(c) = pick {
            self.set(c, Shown::Withheld);
            return true;
        }
        let fewer = std::iter::once(At::Total)
            .chain(std::iter::once(cell))
            .chain(self.cells())
            .find(|c| self.shown_at(*c) == Shown::FewerThan);
        match fewer {
            Some(c) => {
                self.set(c, Shown::Withheld);
                true
            }
            None => false,
        }
    }
}

/// Decides how every cell of a column is published: counts from 1 to 4 as "fewer than 5", and as
/// many more withheld as it takes for none of those to be worked out from the rest.
pub fn protect(total: u64, groups: Vec<Vec<u64>>) -> Column {
    let shown = groups
        .iter()
        .map(|g| g.iter().map(|&n| Shown::of(n)).collect())
        .collect();
    let mut col = Column {
        total,
        total_shown: Shown::of(total),
        groups,
        shown,
    };
    // Each round hides one more cell, so this ends; in the worst case everything is withheld.
    loop {
        let Some(cell) = col.cells().find(|&c| col.pinned(c)) else {
            break;
        };
        if !col.widen(cell) {
            break;
        }
    }
    col
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_lone_small_count_takes_the_smallest_other_with_it() {
        // The 2026-Q4 case: 41 received, the regions shown add up to 40.
        let c = protect(41, vec![vec![12, 28, 1, 0]]);
        assert_eq!(c.total_shown, Shown::Exact);
        assert_eq!(
            c.shown[0],
            [
                Shown::Withheld,
                Shown::Exact,
                Shown::FewerThan,
                Shown::Exact
            ]
        );
        assert!(!c.any_pinned());
    }

    #[test]
    fn two_small_counts_can_still_give_each_other_away() {
        // 1 + 1 = 2 with both at least 1: both are 1.
        let c = protect(12, vec![vec![10, 1, 1]]);
        assert_eq!(c.shown[0][0], Shown::Withheld);
        // 3 + 4 = 7 leaves 3 or 4 for each: nothing more to hide.
        let c = protect(17, vec![vec![10, 3, 4]]);
        assert_eq!(
            c.shown[0],
            [Shown::Exact, Shown::FewerThan, Shown::FewerThan]
        );
    }

    #[test]
    fn a_small_total_is_protected_against_the_other_group() {
        // Regions: one small count; partners: the same lead offered to one partner.
        let c = protect(3, vec![vec![3, 0], vec![0, 3]]);
        assert!(!c.any_pinned());
        assert!(c.total_shown != Shown::Exact);
    }

    #[test]
    fn nothing_small_means_nothing_hidden() {
        let c = protect(30, vec![vec![10, 20, 0], vec![15, 15]]);
        assert!(c.shown.iter().flatten().all(|s| *s == Shown::Exact));
        assert_eq!(c.total_shown, Shown::Exact);
    }

    /// A column whose groups each add up to the total.
    fn column() -> impl Strategy<Value = (u64, Vec<Vec<u64>>)> {
        (
            proptest::collection::vec(0u64..12, 1..6),
            proptest::collection::vec(0u64..12, 0..5),
        )
            .prop_map(|(regions, mut partners)| {
                let total: u64 = regions.iter().sum();
                let mut groups = vec![regions];
                if !partners.is_empty() {
                    // Spread the same total over the partners.
                    let n = partners.len();
                    let mut left = total;
                    for (i, p) in partners.iter_mut().enumerate() {
                        *p = if i + 1 == n { left } else { (*p).min(left) };
                        left -= *p;
                    }
                    groups.push(partners);
                }
                (total, groups)
            })
    }

    /// Every value of `cell` from 0 to `max` a reader could not rule out, by trying every
    /// combination of the hidden cells (small columns only).
    fn brute_force_possible(c: &Column, cell: At, max: u64) -> Vec<u64> {
        let hidden: Vec<At> = c
            .cells()
            .filter(|&a| c.shown_at(a) != Shown::Exact)
            .collect();
        let mut found = std::collections::BTreeSet::new();
        let mut values = vec![0u64; hidden.len()];
        loop {
            let get = |a: At| {
                hidden
                    .iter()
                    .position(|&h| h == a)
                    .map_or(c.value(a), |i| values[i])
            };
            let within = hidden.iter().zip(&values).all(|(&a, &v)| {
                let (lo, hi) = c.shown_at(a).bounds(c.value(a));
                v >= lo && v <= hi
            });
            let adds_up = c.groups.iter().enumerate().all(|(g, parts)| {
                (0..parts.len()).map(|i| get(At::Part(g, i))).sum::<u64>() == get(At::Total)
            });
            if within && adds_up {
                found.insert(get(cell));
            }
            // Next combination, odometer style.
            let mut k = 0;
            loop {
                if k == values.len() {
                    return found.into_iter().collect();
                }
                values[k] += 1;
                if values[k] <= max {
                    break;
                }
                values[k] = 0;
                k += 1;
            }
        }
    }

    proptest! {
        /// The rule the report page states: every count from 1 to 4 is hidden, every shown count
        /// is the true one, and no hidden small count can be worked out from the totals.
        #[test]
        fn no_small_count_can_be_derived((total, groups) in column()) {
            let c = protect(total, groups);
            for at in c.cells() {
                let n = c.value(at);
                match c.shown_at(at) {
                    Shown::Exact => prop_assert!(n == 0 || n >= SUPPRESS_BELOW),
                    Shown::FewerThan => prop_assert!(n > 0 && n < SUPPRESS_BELOW),
                    Shown::Withheld => {}
                }
                if c.shown_at(at) != Shown::Exact && n > 0 && n < SUPPRESS_BELOW {
                    prop_assert!(!c.pinned(at));
                }
            }
            prop_assert!(!c.any_pinned());
        }

        /// The interval reasoning agrees with trying every combination (on small columns).
        #[test]
        fn the_check_matches_brute_force(
            regions in proptest::collection::vec(0u64..7, 1..4),
        ) {
            let total: u64 = regions.iter().sum();
            let c = protect(total, vec![regions]);
            let hidden = c.cells().filter(|&a| c.shown_at(a) != Shown::Exact).count();
            prop_assume!(hidden <= 3);
            for at in c.cells() {
                let n = c.value(at);
                if c.shown_at(at) != Shown::Exact && n > 0 && n < SUPPRESS_BELOW {
                    let possible = brute_force_possible(&c, at, total + 2);
                    prop_assert!(possible.len() >= 2, "{:?} {:?}", at, possible);
                }
            }
        }
    }
}
