//! The review panel (seed 003: "A review panel (including Biz Dev and Core Product Working Groups)
//! evaluates submissions"): scores per criterion, recusal for conflicts of interest, a quorum of
//! complete score sets, the panel's decision with its rationale, and appeals of a decline.

use super::categories::{Category, Criterion};
use super::cycle::Cycle;
use super::nomination::{Nomination, Nominee, NomineeResponse};
use super::{text, PersonRef};
use crate::category;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_SCORE: u8 = 5;
pub const MAX_COMMENT: usize = 2000;
pub const MIN_RATIONALE: usize = 20;
pub const MAX_RATIONALE: usize = 4000;
pub const MAX_APPEAL: usize = 4000;

/// One panelist's scores of one nomination: criterion key → 0..=5. A set may be saved part-done;
/// only complete sets count towards the quorum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ScoreSet {
    pub panelist: i64,
    pub scores: BTreeMap<String, u8>,
    pub comment: String,
}

impl ScoreSet {
    /// Every criterion of the rubric is scored.
    pub fn is_complete(&self, rubric: &[Criterion]) -> bool {
        rubric.iter().all(|c| self.scores.contains_key(&c.key))
    }
}

/// The scoring form, as text. Scores are named `scores.<criterion key>`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ScoreInput {
    /// Criterion key → a whole number from 0 to 5; blank leaves the criterion unscored.
    pub scores: BTreeMap<String, String>,
    pub comment: String,
}

impl ScoreInput {
    pub fn parse(&self, category: &Category, panelist: i64) -> Result<ScoreSet, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let mut scores = BTreeMap::new();
        for (key, v) in &self.scores {
            let field = format!("scores.{key}");
            if !category.has_criterion(key) {
                e.add(field, "unknown-criterion");
            } else if !v.trim().is_empty() {
                if let Some(n) = e.check(&field, super::parse_number(v, 0, i64::from(MAX_SCORE))) {
                    scores.insert(key.clone(), n as u8);
                }
            }
        }
        let comment = text(&mut e, "comment", &self.comment, MAX_COMMENT, false);
        e.into_result(ScoreSet {
            panelist,
            scores,
            comment,
        })
    }
}

/// A score set weighed by the rubric, from 0 to 100: each criterion's score out of 5 counts in
/// proportion to its weight, so rubrics of any length and weights compare on one scale. Unscored
/// criteria count as 0 (only complete sets are aggregated); scores above 5 count as 5.
pub fn weighted_score(rubric: &[Criterion], scores: &BTreeMap<String, u8>) -> f64 {
    let total: u32 = rubric.iter().map(|c| u32::from(c.weight)).sum();
    if total == 0 {
        return 0.0;
    }
    let got: u32 = rubric
        .iter()
        .map(|c| {
            u32::from(c.weight) * u32::from(scores.get(&c.key).copied().unwrap_or(0).min(MAX_SCORE))
        })
        .sum();
    f64::from(got) * 100.0 / f64::from(total * u32::from(MAX_SCORE))
}

category!(
    /// Why a panelist stays out of a nomination: they neither score it nor see its scores.
    /// `SelfNomination`: the panelist is the nominee or one of its nominators; `SameOrganization`:
    /// they belong to the nominated organization or to one the nominee belongs to; `Declared`: they
    /// declared a conflict.
    ConflictReason, "recognition-conflict", "invalid-conflict", {
        SelfNomination => "self-nomination",
        SameOrganization => "same-organization",
        Declared => "declared",
    }
);

/// The people and organizations a nomination concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parties<'a> {
    pub nominee: Nominee,
    /// For a person, the partners they belong to; for an organization, it is counted itself.
    pub nominee_org_ids: &'a [i64],
    pub nominators: &'a [i64],
}

/// Whether `panelist` must be recused, and why (the first reason that applies, in the order of
/// `ConflictReason`).
pub fn conflict(
    panelist: &PersonRef<'_>,
    parties: &Parties<'_>,
    declared: bool,
) -> Option<ConflictReason> {
    let me = panelist.person_id;
    if parties.nominee == Nominee::Person(me) || parties.nominators.contains(&me) {
        return Some(ConflictReason::SelfNomination);
    }
    let same_org = panelist.partner_ids.iter().any(|o| {
        parties.nominee_org_ids.contains(o) || parties.nominee == Nominee::Organization(*o)
    });
    if same_org {
        return Some(ConflictReason::SameOrganization);
    }
    declared.then_some(ConflictReason::Declared)
}

/// Whether a panelist may score a nomination today.
pub fn may_score(
    cycle: &Cycle,
    today: NaiveDate,
    response: NomineeResponse,
    conflict: Option<ConflictReason>,
) -> Result<(), &'static str> {
    if conflict.is_some() {
        return Err("recused");
    }
    if response == NomineeResponse::Declined {
        // Silence does not block a review; a refusal does.
        return Err("nomination-declined");
    }
    if !cycle.accepts_scores(today) {
        return Err("outside-window");
    }
    Ok(())
}

/// The panel's view of one nomination's scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Aggregate {
    /// Complete score sets of panelists not recused: what the quorum counts.
    pub counted: usize,
    /// Mean of those sets' weighted scores (0–100); `None` without any.
    pub mean: Option<f64>,
    /// Mean score (0–5) per criterion over the same sets.
    pub per_criterion: BTreeMap<String, f64>,
}

impl Aggregate {
    /// Aggregates the complete sets of panelists not in `recused`.
    pub fn of(rubric: &[Criterion], sets: &[ScoreSet], recused: &[i64]) -> Aggregate {
        let counted: Vec<&ScoreSet> = sets
            .iter()
            .filter(|s| s.is_complete(rubric) && !recused.contains(&s.panelist))
            .collect();
        if counted.is_empty() {
            return Aggregate {
                counted: 0,
                mean: None,
                per_criterion: BTreeMap::new(),
            };
        }
        let n = counted.len() as f64;
        let mean = counted
            .iter()
            .map(|s| weighted_score(rubric, &s.scores))
            .sum::<f64>()
            / n;
        let per_criterion = rubric
            .iter()
            .map(|c| {
                let sum: u32 = counted
                    .iter()
                    .map(|s| u32::from(s.scores[&c.key].min(MAX_SCORE)))
                    .sum();
                (c.key.clone(), f64::from(sum) / n)
            })
            .collect();
        Aggregate {
            counted: counted.len(),
            mean: Some(mean),
            per_criterion,
        }
    }

    /// Enough complete, non-recused score sets to decide.
    pub fn decidable(&self, quorum: u8) -> bool {
        self.counted >= usize::from(quorum.max(1))
    }
}

category!(
    /// What the panel decided.
    Outcome, "recognition-outcome", "invalid-outcome", {
        Award => "award",
        Decline => "decline",
    }
);

/// The panel's decision, with the rationale the nominee and nominators read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Decision {
    pub outcome: Outcome,
    pub rationale: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DecisionInput {
    /// `award` or `decline`.
    pub outcome: String,
    /// At least 20 characters: a decision is explained.
    pub rationale: String,
}

/// A rationale: required, 20 to 4000 characters.
fn rationale(e: &mut ValidationErrors, s: &str) -> String {
    let r = text(e, "rationale", s, MAX_RATIONALE, true);
    if !r.is_empty() && r.chars().count() < MIN_RATIONALE {
        e.add("rationale", "too-short");
    }
    r
}

impl DecisionInput {
    pub fn parse(&self) -> Result<Decision, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let outcome = e.check("outcome", Outcome::parse(&self.outcome));
        let rationale = rationale(&mut e, &self.rationale);
        match outcome {
            Some(outcome) if e.is_empty() => Ok(Decision { outcome, rationale }),
            _ => Err(e),
        }
    }
}

/// Whether the panel may decide now: within the review window or before the announcement, with the
/// quorum met.
pub fn may_decide(
    cycle: &Cycle,
    today: NaiveDate,
    aggregate: &Aggregate,
    quorum: u8,
) -> Result<(), &'static str> {
    if today < cycle.review_open {
        return Err("outside-window");
    }
    if !aggregate.decidable(quorum) {
        return Err("quorum-not-met");
    }
    Ok(())
}

/// An appeal of a decline, by the nominee or a nominator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Appeal {
    pub by: i64,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AppealInput {
    pub text: String,
}

impl AppealInput {
    pub fn parse(&self, by: i64) -> Result<Appeal, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let text = text(&mut e, "text", &self.text, MAX_APPEAL, true);
        e.into_result(Appeal { by, text })
    }
}

/// Whether `who` may appeal `decision` (decided on `decided_on`) of `nomination` today: only a
/// decline, only the nominee (for an organization, its people) or a nominator, only within the
/// cycle's appeal window.
pub fn may_appeal(
    nomination: &Nomination,
    decision: &Decision,
    decided_on: NaiveDate,
    cycle: &Cycle,
    who: &PersonRef<'_>,
    today: NaiveDate,
) -> Result<(), &'static str> {
    if decision.outcome != Outcome::Decline {
        return Err("not-declined");
    }
    let party = match nomination.nominee {
        Nominee::Person(p) => p == who.person_id,
        Nominee::Organization(o) => who.partner_ids.contains(&o),
    } || nomination.nominators().any(|n| n == who.person_id);
    if !party {
        return Err("not-a-party");
    }
    if !cycle.accepts_appeals(decided_on, today) {
        return Err("outside-window");
    }
    Ok(())
}

category!(
    /// The panel's answer to an appeal. An overturned decline becomes an award.
    AppealVerdict, "appeal-verdict", "invalid-appeal-verdict", {
        Upheld => "upheld",
        Overturned => "overturned",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AppealAnswer {
    pub verdict: AppealVerdict,
    pub rationale: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AppealAnswerInput {
    /// `upheld` or `overturned`.
    pub verdict: String,
    pub rationale: String,
}

impl AppealAnswerInput {
    pub fn parse(&self) -> Result<AppealAnswer, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let verdict = e.check("verdict", AppealVerdict::parse(&self.verdict));
        let rationale = rationale(&mut e, &self.rationale);
        match verdict {
            Some(verdict) if e.is_empty() => Ok(AppealAnswer { verdict, rationale }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognition::categories::default_categories;
    use crate::recognition::cycle::tests::{cycle, d};
    use proptest::prelude::*;

    fn engineer() -> Category {
        default_categories().remove(0)
    }

    fn full(panelist: i64, v: u8) -> ScoreSet {
        ScoreSet {
            panelist,
            scores: engineer()
                .criteria
                .iter()
                .map(|c| (c.key.clone(), v))
                .collect(),
            comment: String::new(),
        }
    }

    #[test]
    fn scores_read_from_the_form() {
        let c = engineer();
        let input = ScoreInput {
            scores: [
                ("mentorship".to_string(), " 4 ".to_string()),
                ("core-processes".to_string(), String::new()),
            ]
            .into_iter()
            .collect(),
            comment: "Strong mentoring record.".into(),
        };
        let s = input.parse(&c, 3).expect("valid");
        assert_eq!(s.scores.len(), 1);
        assert!(!s.is_complete(&c.criteria));
        assert!(full(3, 2).is_complete(&c.criteria));
        let bad = ScoreInput {
            scores: [
                ("mentorship".to_string(), "6".to_string()),
                ("code-contributions".to_string(), "2.5".to_string()),
                ("hackathons".to_string(), "3".to_string()),
            ]
            .into_iter()
            .collect(),
            comment: "x".repeat(MAX_COMMENT + 1),
        };
        let e = bad.parse(&c, 3).expect_err("invalid");
        assert_eq!(e.get("scores.mentorship"), Some("invalid-number"));
        assert_eq!(e.get("scores.code-contributions"), Some("invalid-number"));
        assert_eq!(e.get("scores.hackathons"), Some("unknown-criterion"));
        assert_eq!(e.get("comment"), Some("too-long"));
    }

    #[test]
    fn weighted_scores_are_normalised_to_a_hundred() {
        let c = engineer();
        assert_eq!(weighted_score(&c.criteria, &full(1, 5).scores), 100.0);
        assert_eq!(weighted_score(&c.criteria, &full(1, 0).scores), 0.0);
        assert!((weighted_score(&c.criteria, &full(1, 3).scores) - 60.0).abs() < 1e-9);
        // Only the heaviest criterion (10 of 36) at full marks.
        let one: BTreeMap<String, u8> = [("code-contributions".to_string(), 5)]
            .into_iter()
            .collect();
        assert!((weighted_score(&c.criteria, &one) - 1000.0 / 36.0).abs() < 1e-9);
        assert_eq!(weighted_score(&[], &one), 0.0);
    }

    #[test]
    fn conflicts_recuse_parties_colleagues_and_declared_ones() {
        let nominators = [7, 8];
        let parties = Parties {
            nominee: Nominee::Person(12),
            nominee_org_ids: &[40],
            nominators: &nominators,
        };
        let p = |id, orgs: &'static [i64]| PersonRef {
            person_id: id,
            partner_ids: orgs,
        };
        assert_eq!(
            conflict(&p(12, &[]), &parties, false),
            Some(ConflictReason::SelfNomination)
        );
        assert_eq!(
            conflict(&p(8, &[]), &parties, false),
            Some(ConflictReason::SelfNomination)
        );
        assert_eq!(
            conflict(&p(20, &[41, 40]), &parties, true),
            Some(ConflictReason::SameOrganization)
        );
        assert_eq!(
            conflict(&p(20, &[41]), &parties, true),
            Some(ConflictReason::Declared)
        );
        assert_eq!(conflict(&p(20, &[41]), &parties, false), None);
        let org = Parties {
            nominee: Nominee::Organization(41),
            nominee_org_ids: &[],
            nominators: &nominators,
        };
        assert_eq!(
            conflict(&p(20, &[41]), &org, false),
            Some(ConflictReason::SameOrganization)
        );
        // A panelist whose person id equals the organization's id is not its nominee.
        assert_eq!(conflict(&p(41, &[]), &org, false), None);
    }

    #[test]
    fn scoring_needs_no_conflict_a_willing_nominee_and_the_window() {
        let c = cycle();
        let day = d("2027-03-10");
        assert_eq!(may_score(&c, day, NomineeResponse::Accepted, None), Ok(()));
        assert_eq!(may_score(&c, day, NomineeResponse::Pending, None), Ok(()));
        assert_eq!(
            may_score(
                &c,
                day,
                NomineeResponse::Accepted,
                Some(ConflictReason::Declared)
            ),
            Err("recused")
        );
        assert_eq!(
            may_score(&c, day, NomineeResponse::Declined, None),
            Err("nomination-declined")
        );
        assert_eq!(
            may_score(&c, d("2027-05-01"), NomineeResponse::Accepted, None),
            Err("outside-window")
        );
    }

    #[test]
    fn the_quorum_counts_complete_sets_of_panelists_not_recused() {
        let c = engineer();
        let mut partial = full(4, 5);
        partial.scores.remove("mentorship");
        let sets = vec![full(1, 5), full(2, 3), full(3, 4), partial];
        let a = Aggregate::of(&c.criteria, &sets, &[3]);
        assert_eq!(a.counted, 2);
        assert!((a.mean.expect("some") - 80.0).abs() < 1e-9);
        assert_eq!(a.per_criterion["mentorship"], 4.0);
        assert!(a.decidable(2) && !a.decidable(3));
        let none = Aggregate::of(&c.criteria, &[], &[]);
        assert_eq!((none.counted, none.mean), (0, None));
        assert!(!none.decidable(1));
        let cy = cycle();
        assert_eq!(
            may_decide(&cy, d("2027-03-10"), &a, 3),
            Err("quorum-not-met")
        );
        assert_eq!(may_decide(&cy, d("2027-03-10"), &a, 2), Ok(()));
        assert_eq!(
            may_decide(&cy, d("2027-02-10"), &a, 2),
            Err("outside-window")
        );
    }

    #[test]
    fn decisions_and_answers_need_a_real_rationale() {
        let ok = DecisionInput {
            outcome: "award".into(),
            rationale: "Consistent, high-impact work across three releases.".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!(ok.outcome, Outcome::Award);
        let e = DecisionInput {
            outcome: "maybe".into(),
            rationale: "Good.".into(),
        }
        .parse()
        .expect_err("bad");
        assert_eq!(e.get("outcome"), Some("invalid-outcome"));
        assert_eq!(e.get("rationale"), Some("too-short"));
        let e = DecisionInput {
            outcome: "decline".into(),
            rationale: " ".into(),
        }
        .parse()
        .expect_err("blank");
        assert_eq!(e.get("rationale"), Some("required"));
        let e = AppealAnswerInput {
            verdict: "overturned".into(),
            rationale: "x".repeat(MAX_RATIONALE + 1),
        }
        .parse()
        .expect_err("long");
        assert_eq!(e.get("rationale"), Some("too-long"));
        let a = AppealAnswerInput {
            verdict: "upheld".into(),
            rationale: "The evidence does not reach the bar.".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!(a.verdict, AppealVerdict::Upheld);
        assert_eq!(
            AppealInput::default()
                .parse(1)
                .expect_err("blank")
                .get("text"),
            Some("required")
        );
    }

    #[test]
    fn only_parties_appeal_a_decline_within_the_window() {
        let n = Nomination {
            cycle_year: 2027,
            category: "distinguished-engineer".into(),
            nominee: Nominee::Person(12),
            nominator: 7,
            self_nomination: false,
            supporters: vec![8],
            justifications: vec![],
            links: vec![],
            response: NomineeResponse::Accepted,
        };
        let decline = Decision {
            outcome: Outcome::Decline,
            rationale: "Not enough evidence this year.".into(),
        };
        let c = cycle();
        let decided = d("2027-04-20");
        let who = |id| PersonRef {
            person_id: id,
            partner_ids: &[],
        };
        for p in [12, 7, 8] {
            assert_eq!(
                may_appeal(&n, &decline, decided, &c, &who(p), d("2027-06-12")),
                Ok(())
            );
        }
        assert_eq!(
            may_appeal(&n, &decline, decided, &c, &who(9), d("2027-06-12")),
            Err("not-a-party")
        );
        assert_eq!(
            may_appeal(&n, &decline, decided, &c, &who(12), d("2027-06-30")),
            Err("outside-window")
        );
        let award = Decision {
            outcome: Outcome::Award,
            ..decline
        };
        assert_eq!(
            may_appeal(&n, &award, decided, &c, &who(12), d("2027-06-12")),
            Err("not-declined")
        );
    }

    proptest! {
        /// Any scores on any valid rubric weigh in between 0 and 100, and more never scores less.
        #[test]
        fn weighted_scores_stay_in_range_and_grow_with_scores(
            rows in prop::collection::vec((1u8..=10, 0u8..=5), 1..12),
            bump in 0usize..12,
        ) {
            let rubric: Vec<Criterion> = rows
                .iter()
                .enumerate()
                .map(|(i, (w, _))| Criterion { key: format!("c{i}"), label: "x".into(), weight: *w })
                .collect();
            let scores: BTreeMap<String, u8> =
                rows.iter().enumerate().map(|(i, (_, s))| (format!("c{i}"), *s)).collect();
            let w = weighted_score(&rubric, &scores);
            prop_assert!((0.0..=100.0).contains(&w));
            let mut more = scores;
            let key = format!("c{}", bump % rows.len());
            let v = more[&key];
            more.insert(key, (v + 1).min(MAX_SCORE));
            prop_assert!(weighted_score(&rubric, &more) >= w);
        }
    }
}
