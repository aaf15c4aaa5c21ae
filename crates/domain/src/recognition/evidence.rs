//! Evidence per criterion (issue 12: "Each person's evidence page shows their activity per year and
//! per criterion of each category"): which kinds of evidence speak to which criterion of the
//! default categories. Criteria an admin adds have no evidence of their own until listed here; the
//! panel reads the nomination's words for those.

use super::categories::{Category, ADVOCATE, ENGINEER, INNOVATOR, PARTNER_ORGANIZATION};
use super::retention::EvidenceKind;
use crate::activity::ActivityKind;
use std::collections::BTreeMap;

/// The criteria (category slug, criterion key) that one kind of evidence supports. Every kind is
/// listed so a new kind of activity is classified on purpose.
pub fn criteria_of(kind: EvidenceKind) -> &'static [(&'static str, &'static str)] {
    use ActivityKind as K;
    match kind {
        EvidenceKind::Activity(k) => match k {
            K::Commit | K::CoAuthored => &[
                (ENGINEER, "code-contributions"),
                (INNOVATOR, "innovative-tools"),
            ],
            // Reviewing and signing off others' commits is the core process of a codebase.
            K::Reviewed | K::SignedOff => &[(ENGINEER, "core-processes")],
            // Approved marketing contributions: case studies, stories, campaigns.
            K::Contribution => &[(ADVOCATE, "success-stories"), (ADVOCATE, "adoption-growth")],
            K::Initiative => &[
                (INNOVATOR, "leading-initiatives"),
                (ENGINEER, "architecture-proposals"),
                (PARTNER_ORGANIZATION, "community-leadership"),
            ],
            K::Update | K::CheckIn | K::Hours | K::Joined => {
                &[(INNOVATOR, "working-groups"), (ENGINEER, "core-processes")]
            }
            K::Facilitated => &[
                (INNOVATOR, "working-groups"),
                (ENGINEER, "core-processes"),
                (PARTNER_ORGANIZATION, "community-leadership"),
            ],
            K::Attended => &[
                (INNOVATOR, "working-groups"),
                (ENGINEER, "community-support"),
            ],
            // Organizing an event.
            K::Event => &[
                (ADVOCATE, "organizing-events"),
                (ENGINEER, "community-support"),
                (PARTNER_ORGANIZATION, "community-leadership"),
            ],
        },
        EvidenceKind::Mentorship => &[(ENGINEER, "mentorship"), (ENGINEER, "community-support")],
        // An attestation speaks to the person's role, not to one criterion.
        EvidenceKind::Attestation => &[],
    }
}

/// Evidence counts `(year, kind, count)` per year and per criterion of `category` (criteria the
/// category no longer has are left out; years without any are absent).
pub fn evidence_by_criterion(
    category: &Category,
    rows: &[(i32, EvidenceKind, u64)],
) -> BTreeMap<i32, BTreeMap<String, u64>> {
    let mut out: BTreeMap<i32, BTreeMap<String, u64>> = BTreeMap::new();
    for (year, kind, count) in rows {
        if *count == 0 {
            continue;
        }
        for (cat, key) in criteria_of(*kind) {
            if *cat == category.slug && category.has_criterion(key) {
                let n = out
                    .entry(*year)
                    .or_default()
                    .entry((*key).to_string())
                    .or_default();
                *n = n.saturating_add(*count);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognition::categories::default_categories;
    use proptest::prelude::*;

    fn all_kinds() -> Vec<EvidenceKind> {
        ActivityKind::ALL
            .iter()
            .map(|k| EvidenceKind::Activity(*k))
            .chain([EvidenceKind::Mentorship, EvidenceKind::Attestation])
            .collect()
    }

    #[test]
    fn every_mapped_criterion_exists_in_its_default_category() {
        let cats = default_categories();
        for kind in all_kinds() {
            for (cat, key) in criteria_of(kind) {
                let c = cats.iter().find(|c| c.slug == *cat).expect("category");
                assert!(c.has_criterion(key), "{kind:?} → {cat}/{key}");
            }
        }
    }

    #[test]
    fn activity_is_counted_per_year_and_criterion() {
        let cats = default_categories();
        let rows = [
            (2026, EvidenceKind::Activity(ActivityKind::Commit), 40),
            (2027, EvidenceKind::Activity(ActivityKind::Commit), 12),
            (2027, EvidenceKind::Activity(ActivityKind::CoAuthored), 3),
            (2027, EvidenceKind::Mentorship, 2),
            (2027, EvidenceKind::Activity(ActivityKind::Event), 1),
            (2027, EvidenceKind::Activity(ActivityKind::Initiative), 0),
        ];
        let eng = evidence_by_criterion(&cats[0], &rows);
        assert_eq!(eng[&2026]["code-contributions"], 40);
        assert_eq!(eng[&2027]["code-contributions"], 15);
        assert_eq!(eng[&2027]["mentorship"], 2);
        assert_eq!(eng[&2027]["community-support"], 3);
        assert!(
            !eng[&2027].contains_key("architecture-proposals"),
            "zero counts nothing"
        );
        let adv = evidence_by_criterion(&cats[1], &rows);
        assert_eq!(adv.len(), 1);
        assert_eq!(adv[&2027]["organizing-events"], 1);
        let inn = evidence_by_criterion(&cats[2], &rows);
        assert_eq!(inn[&2027]["innovative-tools"], 15);
        // A criterion an admin removed is not shown.
        let mut edited = cats[0].clone();
        edited.criteria.retain(|c| c.key != "mentorship");
        assert!(!evidence_by_criterion(&edited, &rows)[&2027].contains_key("mentorship"));
    }

    proptest! {
        /// Counts only add up: a criterion's yearly figure never exceeds the evidence of that year.
        #[test]
        fn figures_never_exceed_the_evidence(
            rows in prop::collection::vec((2020i32..2030, prop::sample::select(all_kinds()), 0u64..1000), 0..30),
        ) {
            for c in default_categories() {
                for (year, per) in evidence_by_criterion(&c, &rows) {
                    let total: u64 = rows.iter().filter(|r| r.0 == year).map(|r| r.2).sum();
                    for (key, n) in per {
                        prop_assert!(c.has_criterion(&key));
                        prop_assert!(n > 0 && n <= total);
                    }
                }
            }
        }
    }
}
