//! Tests of the counts: unit tests, and properties over random ballot boxes.

use super::*;
use proptest::prelude::*;

pub(super) fn opts(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// A ballot box from groups of identical ballots: (how many, ranking by names).
pub(super) fn ballots(names: &[&str], groups: &[(usize, &[&str])]) -> RankedBallots {
    let mut b = RankedBallots::new(opts(names)).expect("valid options");
    for (count, ranking) in groups {
        for _ in 0..*count {
            b.push_names(ranking).expect("valid ballot");
        }
    }
    b
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

// --- ballots and tie-break -------------------------------------------------------------------

#[test]
fn methods_parse_their_slugs() {
    for m in Method::ALL {
        assert_eq!(Method::parse(m.slug()), Ok(m));
    }
    assert_eq!(Method::parse(" irv "), Ok(Method::Irv));
    assert_eq!(Method::parse("stv"), Err("invalid-method"));
}

#[test]
fn rankings_are_validated() {
    let o = opts(&["Alice", "Bob", "Carol"]);
    assert_eq!(validate_ranking(&o, &["Carol", "Alice"]), Ok(vec![2, 0]));
    assert_eq!(validate_ranking(&o, &[]), Err("ballot-empty"));
    assert_eq!(
        validate_ranking(&o, &["Alice", "Dave"]),
        Err("ballot-unknown-option")
    );
    assert_eq!(
        validate_ranking(&o, &["Bob", "Alice", "Bob"]),
        Err("ballot-duplicate-option")
    );
    let mut b = RankedBallots::new(o).expect("options");
    assert_eq!(b.push(&[3]), Err("ballot-unknown-option"));
    assert_eq!(b.push(&[1, 1]), Err("ballot-duplicate-option"));
    assert_eq!(b.push(&[]), Err("ballot-empty"));
    assert!(b.is_empty());
    b.push(&[1, 0]).expect("valid");
    b.push(&[2]).expect("valid");
    assert_eq!(b.len(), 2);
    assert_eq!(b.get(0), Some(&[1u16, 0][..]));
    assert_eq!(b.iter().collect::<Vec<_>>(), vec![&[1u16, 0][..], &[2][..]]);
    assert_eq!(b.get(2), None);
}

#[test]
fn option_lists_are_validated() {
    assert!(RankedBallots::new(vec![]).is_ok());
    for bad in [vec!["A", "A"], vec!["A", ""], vec!["A\nB"]] {
        assert_eq!(
            RankedBallots::new(opts(&bad)),
            Err("ballot-option-names"),
            "{bad:?}"
        );
    }
    let many: Vec<String> = (0..=MAX_OPTIONS).map(|i| format!("o{i}")).collect();
    assert_eq!(RankedBallots::new(many), Err("ballot-too-many-options"));
}

#[test]
fn the_seed_commitment_is_its_sha256() {
    assert_eq!(
        seed_commitment("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert!(verify_seed(
        "abc",
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
    ));
    assert!(!verify_seed("abd", &seed_commitment("abc")));
    assert_eq!(TieBreak::none().commitment(), None);
}

#[test]
fn the_seeded_order_follows_the_documented_recipe() {
    // for o in Alice Bob Carol Dave; do printf '%s\n%s' seed-2026 "$o" | sha256sum; done | sort
    //   032df673… Bob, 3b206496… Alice, 4bb59ad7… Carol, 7bce79e7… Dave
    let o = opts(&["Alice", "Bob", "Carol", "Dave"]);
    assert_eq!(tie_break_order("seed-2026", &o), vec![1, 0, 2, 3]);
    // An option's place relative to another does not depend on the rest of the list.
    assert_eq!(
        tie_break_order("seed-2026", &opts(&["Dave", "Bob"])),
        vec![1, 0]
    );
    assert_eq!(
        TieBreak::seeded("seed-2026").order(&o),
        Some(vec![1, 0, 2, 3])
    );
    assert_eq!(TieBreak::none().order(&o), None);
}

// --- instant-runoff --------------------------------------------------------------------------

/// The Tennessee capital example (Wikipedia, "Instant-runoff voting"), with 5 more ballots that
/// rank Nashville alone and are exhausted when it is eliminated.
fn tennessee() -> RankedBallots {
    ballots(
        &["Memphis", "Nashville", "Chattanooga", "Knoxville"],
        &[
            (42, &["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
            (26, &["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
            (15, &["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
            (17, &["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
            (5, &["Nashville"]),
        ],
    )
}

#[test]
fn irv_transfers_round_by_round_and_exhausts_ballots() {
    let b = tennessee();
    let r = tally_irv(&b, &TieBreak::none());
    assert_eq!(r.ballots, 105);
    assert_eq!(r.outcome, Outcome::Winner(3));
    assert_eq!(r.rounds.len(), 3);

    let r1 = &r.rounds[0];
    assert_eq!(r1.votes, vec![Some(42), Some(31), Some(15), Some(17)]);
    assert_eq!((r1.active, r1.majority, r1.exhausted), (105, 53, 0));
    assert_eq!(r1.eliminated, vec![2]);
    assert_eq!(r1.resolution, Resolution::NoTie);
    assert_eq!(
        r1.transfers,
        vec![Transfer {
            from: 2,
            to: vec![0, 0, 0, 15],
            exhausted: 0
        }]
    );

    let r2 = &r.rounds[1];
    assert_eq!(r2.votes, vec![Some(42), Some(31), None, Some(32)]);
    assert_eq!(r2.eliminated, vec![1]);
    // Nashville's 26 full ballots skip the eliminated Chattanooga; the 5 others are exhausted.
    assert_eq!(r2.transfers[0].to, vec![0, 0, 0, 26]);
    assert_eq!((r2.transfers[0].exhausted, r2.newly_exhausted), (5, 5));

    let r3 = &r.rounds[2];
    assert_eq!(r3.votes, vec![Some(42), None, None, Some(58)]);
    assert_eq!((r3.active, r3.majority, r3.exhausted), (100, 51, 5));
    assert!(r3.eliminated.is_empty());

    let text = r.render_text(b.options());
    assert_eq!(last_line(&text), "winner: Knoxville");
    assert!(text.contains("round 2: Nashville has the fewest votes (31) and is eliminated; Nashville: 26 to Knoxville, 5 exhausted"), "{text}");
    assert!(
        text.contains("round 3: Knoxville has 58 of 100 votes, more than half, and wins"),
        "{text}"
    );
    let table: Vec<&str> = text.lines().collect();
    assert!(
        table.contains(&"Chattanooga         15        -        -"),
        "{text}"
    );
    assert!(
        table.contains(&"exhausted            0        0        5"),
        "{text}"
    );
}

#[test]
fn irv_elects_a_first_round_majority_at_once() {
    let b = ballots(&["A", "B"], &[(3, &["A"]), (2, &["B", "A"])]);
    let r = tally_irv(&b, &TieBreak::none());
    assert_eq!(r.outcome, Outcome::Winner(0));
    assert_eq!(r.rounds.len(), 1);
}

#[test]
fn irv_breaks_a_tie_for_last_by_looking_back() {
    let b = ballots(
        &["A", "B", "C", "D"],
        &[
            (10, &["A"]),
            (4, &["B", "C"]),
            (5, &["C"]),
            (1, &["D", "B"]),
            (2, &["D"]),
        ],
    );
    let r = tally_irv(&b, &TieBreak::none());
    // Round 1: A 10, B 4, C 5, D 3 → D out. Round 2: B and C tie on 5; B had 4 in round 1.
    let r2 = &r.rounds[1];
    assert_eq!(r2.votes, vec![Some(10), Some(5), Some(5), None]);
    assert_eq!(r2.tied, vec![1, 2]);
    assert_eq!(r2.resolution, Resolution::LookBack);
    assert_eq!(r2.eliminated, vec![1]);
    assert_eq!(r2.transfers[0].to, vec![0, 0, 4, 0]);
    assert_eq!(r2.transfers[0].exhausted, 1);
    // Round 3: A 10 of 19 non-exhausted.
    assert_eq!(r.rounds[2].votes, vec![Some(10), None, Some(9), None]);
    assert_eq!(r.outcome, Outcome::Winner(0));
    let text = r.render_text(b.options());
    assert!(text.contains("round 2: B, C tie for the fewest votes (5); B had fewer in an earlier round (look-back) and is eliminated"), "{text}");
}

#[test]
fn irv_look_back_narrows_round_by_round() {
    // Round 1: A 6, B 2, C 3, D 3, E 1 → E (to B). Round 2: B, C, D tie on 3; round 1 separates
    // B (2) from C and D (3), so B goes.
    let b = ballots(
        &["A", "B", "C", "D", "E"],
        &[
            (6, &["A"]),
            (2, &["B"]),
            (3, &["C"]),
            (3, &["D"]),
            (1, &["E", "B"]),
        ],
    );
    let r = tally_irv(&b, &TieBreak::none());
    assert_eq!(r.rounds[1].tied, vec![1, 2, 3]);
    assert_eq!(r.rounds[1].eliminated, vec![1]);
    assert_eq!(r.rounds[1].resolution, Resolution::LookBack);
    // Round 3: C and D tie on 3 in every round: no seed, A has more → eliminated together.
    assert_eq!(r.rounds[2].still_tied, vec![2, 3]);
    assert_eq!(r.rounds[2].eliminated, vec![2, 3]);
    assert_eq!(r.rounds[2].resolution, Resolution::Batch);
    assert_eq!(r.outcome, Outcome::Winner(0));
}

#[test]
fn irv_ties_between_finalists_go_to_the_seed_or_stay_ties() {
    let o = ["Alice", "Bob"];
    let b = ballots(&o, &[(3, &["Alice"]), (3, &["Bob"])]);
    let tie = tally_irv(&b, &TieBreak::none());
    assert_eq!(tie.outcome, Outcome::Tie(vec![0, 1]));
    assert_eq!(tie.rounds.len(), 1);
    assert_eq!(tie.rounds[0].resolution, Resolution::Unresolved);
    assert_eq!(last_line(&tie.render_text(b.options())), "tie: Alice, Bob");

    // seed-2026 orders Bob before Alice: Alice, last, is eliminated.
    let seeded = tally_irv(&b, &TieBreak::seeded("seed-2026"));
    assert_eq!(seeded.tie_break_order, Some(vec![1, 0]));
    assert_eq!(seeded.rounds[0].resolution, Resolution::Seed);
    assert_eq!(seeded.rounds[0].eliminated, vec![0]);
    assert_eq!(seeded.outcome, Outcome::Winner(1));
    let last = &seeded.rounds[1];
    assert_eq!((last.active, last.exhausted), (3, 3));
    let text = seeded.render_text(b.options());
    assert!(
        text.contains("seeded tie-break order: Bob, Alice"),
        "{text}"
    );
    assert!(
        text.contains("Alice comes last in the seeded order and is eliminated"),
        "{text}"
    );
    assert_eq!(last_line(&text), "winner: Bob");
}

#[test]
fn irv_batch_eliminates_inseparable_options_when_others_lead() {
    let b = ballots(
        &["A", "B", "C"],
        &[(4, &["A"]), (3, &["B", "A"]), (3, &["C"])],
    );
    let r = tally_irv(&b, &TieBreak::none());
    let r1 = &r.rounds[0];
    assert_eq!(r1.resolution, Resolution::Batch);
    assert_eq!(r1.eliminated, vec![1, 2]);
    assert_eq!(r1.transfers[0].to, vec![3, 0, 0]);
    assert_eq!(r1.transfers[1].exhausted, 3);
    assert_eq!(r.rounds[1].votes, vec![Some(7), None, None]);
    assert_eq!(r.outcome, Outcome::Winner(0));
    assert!(r
        .render_text(b.options())
        .contains("nothing separates B, C and there is no seed: they are eliminated together; B: 3 to A; C: 3 exhausted"));

    // With a seed ("x" orders A, B, C) only C goes.
    let seeded = tally_irv(&b, &TieBreak::seeded("x"));
    assert_eq!(seeded.rounds[0].eliminated, vec![2]);
    assert_eq!(seeded.rounds[1].votes, vec![Some(4), Some(3), None]);
    assert_eq!(seeded.outcome, Outcome::Winner(0));
}

#[test]
fn no_ballots_elect_nobody_even_with_a_seed() {
    let b = ballots(&["A", "B", "C"], &[]);
    for tb in [TieBreak::none(), TieBreak::seeded("x")] {
        let irv = tally_irv(&b, &tb);
        assert_eq!(irv.outcome, Outcome::NoBallots);
        assert!(irv.rounds.is_empty());
        assert_eq!(last_line(&irv.render_text(b.options())), "tie: A, B, C");
        let s = tally_schulze(&b, &tb);
        assert_eq!(s.outcome, Outcome::NoBallots);
        assert_eq!(last_line(&s.render_text(b.options())), "tie: A, B, C");
    }
}

// --- Schulze ---------------------------------------------------------------------------------

/// The example of the Wikipedia article "Schulze method": 45 voters, 5 candidates, E wins.
fn wikipedia() -> RankedBallots {
    ballots(
        &["A", "B", "C", "D", "E"],
        &[
            (5, &["A", "C", "B", "E", "D"]),
            (5, &["A", "D", "E", "C", "B"]),
            (8, &["B", "E", "D", "A", "C"]),
            (3, &["C", "A", "B", "E", "D"]),
            (7, &["C", "A", "E", "B", "D"]),
            (2, &["C", "B", "A", "D", "E"]),
            (7, &["D", "C", "E", "B", "A"]),
            (8, &["E", "B", "A", "D", "C"]),
        ],
    )
}

#[test]
fn schulze_elects_e_in_the_wikipedia_example() {
    let b = wikipedia();
    let r = tally_schulze(&b, &TieBreak::none());
    assert_eq!(
        r.pairwise,
        vec![
            vec![0, 20, 26, 30, 22],
            vec![25, 0, 16, 33, 18],
            vec![19, 29, 0, 17, 24],
            vec![15, 12, 28, 0, 14],
            vec![23, 27, 21, 31, 0],
        ]
    );
    assert_eq!(
        r.strongest,
        vec![
            vec![0, 28, 28, 30, 24],
            vec![25, 0, 28, 33, 24],
            vec![25, 29, 0, 29, 24],
            vec![25, 28, 28, 0, 24],
            vec![25, 28, 28, 31, 0],
        ]
    );
    assert_eq!(r.winners, vec![4]);
    assert_eq!(r.order, vec![vec![4], vec![0], vec![2], vec![1], vec![3]]);
    assert_eq!(r.outcome, Outcome::Winner(4));
    assert_eq!(condorcet_winner(&r.pairwise), None);
    let text = r.render_text(b.options());
    assert!(text.contains("order: E > A > C > B > D"), "{text}");
    assert!(text.contains("(5) E   23   27   21   31    -"), "{text}");
    assert_eq!(last_line(&text), "winner: E");
}

#[test]
fn schulze_prefers_ranked_options_and_does_not_compare_unranked_ones() {
    let b = ballots(&["A", "B", "C"], &[(1, &["A"])]);
    let d = pairwise(&b);
    assert_eq!(d, vec![vec![0, 1, 1], vec![0, 0, 0], vec![0, 0, 0]]);
    assert_eq!(condorcet_winner(&d), Some(0));
    let r = tally_schulze(&b, &TieBreak::none());
    assert_eq!(r.outcome, Outcome::Winner(0));
    assert_eq!(r.order, vec![vec![0], vec![1, 2]]);
    assert!(r.render_text(b.options()).contains("order: A > B = C"));
}

#[test]
fn schulze_ties_go_to_the_earliest_in_the_seeded_order() {
    let b = ballots(&["Alice", "Bob"], &[(1, &["Alice", "Bob"]), (1, &["Bob"])]);
    let tie = tally_schulze(&b, &TieBreak::none());
    assert_eq!(tie.winners, vec![0, 1]);
    assert_eq!(tie.outcome, Outcome::Tie(vec![0, 1]));
    assert_eq!(last_line(&tie.render_text(b.options())), "tie: Alice, Bob");
    let seeded = tally_schulze(&b, &TieBreak::seeded("seed-2026"));
    assert_eq!(seeded.outcome, Outcome::Winner(1));
    let text = seeded.render_text(b.options());
    assert!(text.contains("the earliest of them in the seeded order is elected"));
    assert_eq!(last_line(&text), "winner: Bob");
}

#[test]
fn tally_dispatches_on_the_method() {
    let b = wikipedia();
    let t = tally(Method::Schulze, &b, &TieBreak::none());
    assert_eq!(t.outcome(), &Outcome::Winner(4));
    let json = serde_json::to_value(&t).expect("json");
    assert_eq!(json["method"], "schulze");
    assert_eq!(json["outcome"], serde_json::json!({ "winner": 4 }));
    let t = tally(Method::Irv, &tennessee(), &TieBreak::none());
    assert_eq!(
        last_line(&t.render_text(tennessee().options())),
        "winner: Knoxville"
    );
    let json = serde_json::to_value(&t).expect("json");
    assert_eq!(json["method"], "irv");
    assert_eq!(json["rounds"][1]["votes"][2], serde_json::Value::Null);
    assert_eq!(
        serde_json::to_value(Outcome::NoBallots).expect("json"),
        "no_ballots"
    );
}

// --- yes/no ----------------------------------------------------------------------------------

fn rules(quorum: Quorum, threshold: Threshold, base: Base, abstentions: bool) -> YesNoRules {
    YesNoRules {
        quorum,
        threshold,
        base,
        abstentions_count: abstentions,
    }
}

#[test]
fn a_simple_majority_is_more_than_half() {
    let r = rules(
        Quorum::None,
        Threshold::SimpleMajority,
        Base::VotesCast,
        false,
    );
    let half = tally_yes_no(&r, 5, 5, 0, 100);
    assert_eq!((half.base, half.needed, half.passed), (10, 6, false));
    assert_eq!(half.outcome, YesNoOutcome::Rejected);
    assert!(tally_yes_no(&r, 6, 5, 0, 100).passed);
    assert_eq!(tally_yes_no(&r, 4, 3, 0, 100).needed, 4);
}

#[test]
fn two_thirds_is_at_least_two_thirds() {
    let r = rules(Quorum::None, Threshold::TwoThirds, Base::VotesCast, false);
    let exact = tally_yes_no(&r, 10, 5, 0, 100);
    assert_eq!((exact.needed, exact.passed), (10, true));
    let short = tally_yes_no(&r, 9, 5, 0, 100);
    assert_eq!((short.needed, short.passed), (10, false));
    assert!(tally_yes_no(&r, 2, 1, 0, 3).passed);
    // Nobody voted: never passes.
    let empty = tally_yes_no(&r, 0, 0, 0, 10);
    assert_eq!((empty.needed, empty.passed), (1, false));
}

#[test]
fn abstentions_weigh_as_no_only_when_they_count() {
    let without = rules(
        Quorum::None,
        Threshold::SimpleMajority,
        Base::VotesCast,
        false,
    );
    let with = YesNoRules {
        abstentions_count: true,
        ..without
    };
    let a = tally_yes_no(&without, 6, 4, 3, 100);
    assert_eq!((a.base, a.needed, a.passed), (10, 6, true));
    let b = tally_yes_no(&with, 6, 4, 3, 100);
    assert_eq!((b.base, b.needed, b.passed), (13, 7, false));
}

#[test]
fn the_quorum_counts_every_participant() {
    let r = rules(
        Quorum::Percent(50),
        Threshold::SimpleMajority,
        Base::VotesCast,
        false,
    );
    // Half of 41 is 20.5: 21 participants are needed.
    let short = tally_yes_no(&r, 15, 2, 3, 41);
    assert_eq!((short.participation, short.quorum_required), (20, 21));
    assert_eq!((short.quorum_met, short.passed), (false, false));
    assert_eq!(short.outcome, YesNoOutcome::NoQuorum);
    assert_eq!(last_line(&short.render_text()), "outcome: no quorum");
    // An abstention completes the quorum even though it is not a vote cast.
    let met = tally_yes_no(&r, 15, 2, 4, 41);
    assert!(met.quorum_met && met.passed);
    assert_eq!(last_line(&met.render_text()), "outcome: passed");
    let exact = tally_yes_no(&r, 10, 0, 0, 20);
    assert!(exact.quorum_met);
}

#[test]
fn the_electorate_base_counts_those_who_did_not_vote() {
    let r = rules(Quorum::None, Threshold::TwoThirds, Base::Electorate, false);
    let short = tally_yes_no(&r, 19, 0, 0, 30);
    assert_eq!((short.base, short.needed, short.passed), (30, 20, false));
    assert_eq!(last_line(&short.render_text()), "outcome: rejected");
    assert!(tally_yes_no(&r, 20, 0, 0, 30).passed);
}

#[test]
fn yes_no_rules_parse_their_slugs() {
    assert_eq!(Quorum::parse("none"), Ok(Quorum::None));
    assert_eq!(Quorum::parse("50"), Ok(Quorum::Percent(50)));
    assert_eq!(Quorum::parse("100"), Ok(Quorum::Percent(100)));
    for bad in ["101", "-1", "half", ""] {
        assert_eq!(Quorum::parse(bad), Err("invalid-quorum"), "{bad}");
    }
    for q in [Quorum::None, Quorum::Percent(0), Quorum::Percent(33)] {
        assert_eq!(Quorum::parse(&q.slug()), Ok(q));
    }
    for t in Threshold::ALL {
        assert_eq!(Threshold::parse(t.slug()), Ok(t));
    }
    assert_eq!(Threshold::parse("unanimity"), Err("invalid-threshold"));
    for b in Base::ALL {
        assert_eq!(Base::parse(b.slug()), Ok(b));
    }
    assert_eq!(Base::parse("members"), Err("invalid-base"));
    let json = serde_json::to_value(rules(
        Quorum::Percent(50),
        Threshold::TwoThirds,
        Base::Electorate,
        true,
    ))
    .expect("json");
    assert_eq!(
        json,
        serde_json::json!({"quorum": {"percent": 50}, "threshold": "two_thirds", "base": "electorate", "abstentions_count": true})
    );
}

#[test]
fn yes_no_arithmetic_cannot_overflow() {
    let r = rules(
        Quorum::Percent(100),
        Threshold::TwoThirds,
        Base::VotesCast,
        true,
    );
    let big = tally_yes_no(&r, u64::MAX, u64::MAX, u64::MAX, u64::MAX);
    assert_eq!(big.participation, u64::MAX);
    assert!(big.quorum_met);
    assert_eq!(big.needed, 12_297_829_382_473_034_410);
    assert!(big.passed);
}

// --- properties ------------------------------------------------------------------------------

/// A vote of 1 to 5 options and up to 40 ballots, each ranking a random non-empty subset in a
/// random order. Small numbers make ties (the interesting cases) common.
pub(super) fn arb_vote() -> impl Strategy<Value = RankedBallots> {
    (1u16..=5).prop_flat_map(|n| {
        let ranking =
            (Just((0..n).collect::<Vec<u16>>()).prop_shuffle(), 1..=n).prop_map(|(mut r, k)| {
                r.truncate(usize::from(k));
                r
            });
        proptest::collection::vec(ranking, 0..40).prop_map(move |rankings| {
            let names = (0..n).map(|i| format!("Option {i}")).collect();
            let mut b = RankedBallots::new(names).expect("options");
            for r in &rankings {
                b.push(r).expect("valid ranking");
            }
            b
        })
    })
}

/// The same vote with its ballots in another order.
fn arb_vote_shuffled() -> impl Strategy<Value = (RankedBallots, RankedBallots)> {
    arb_vote().prop_flat_map(|b| {
        let rankings: Vec<Vec<u16>> = b.iter().map(<[u16]>::to_vec).collect();
        (Just(b), Just(rankings).prop_shuffle()).prop_map(|(b, shuffled)| {
            let mut other = RankedBallots::new(b.options().to_vec()).expect("options");
            for r in &shuffled {
                other.push(r).expect("valid");
            }
            (b, other)
        })
    })
}

pub(super) fn arb_tie_break() -> impl Strategy<Value = TieBreak> {
    prop_oneof![
        Just(TieBreak::none()),
        "[a-z0-9]{1,8}".prop_map(TieBreak::seeded)
    ]
}

/// Each round recounted from scratch from the options eliminated before it.
fn naive_irv_votes(b: &RankedBallots, eliminated: &[bool]) -> (Vec<Option<u64>>, u64) {
    let mut votes: Vec<Option<u64>> = eliminated.iter().map(|&e| (!e).then_some(0)).collect();
    let mut exhausted = 0;
    for r in b.iter() {
        match r.iter().find(|&&o| !eliminated[usize::from(o)]) {
            Some(&o) => *votes[usize::from(o)].as_mut().expect("continuing") += 1,
            None => exhausted += 1,
        }
    }
    (votes, exhausted)
}

proptest! {
    #[test]
    fn irv_rounds_match_a_recount_and_end_in_a_majority(b in arb_vote(), tb in arb_tie_break()) {
        let r = tally_irv(&b, &tb);
        let n = b.options().len();
        let mut eliminated = vec![false; n];
        for (i, round) in r.rounds.iter().enumerate() {
            let (votes, exhausted) = naive_irv_votes(&b, &eliminated);
            prop_assert_eq!(&round.votes, &votes, "round {}", i + 1);
            prop_assert_eq!(round.exhausted, exhausted);
            prop_assert_eq!(round.active + round.exhausted, b.len() as u64);
            prop_assert_eq!(round.majority, round.active / 2 + 1);
            let moved: u64 = round.transfers.iter().map(|t| t.to.iter().sum::<u64>() + t.exhausted).sum();
            let held: u64 = round.eliminated.iter().map(|&o| round.votes_of(o)).sum();
            prop_assert_eq!(moved, held);
            for &o in &round.eliminated {
                eliminated[usize::from(o)] = true;
            }
        }
        match &r.outcome {
            // The last round always gives the winner strictly more than half of the
            // non-exhausted ballots, even when a tie-break removed its last rival.
            Outcome::Winner(w) => {
                let last = r.rounds.last().expect("a round");
                prop_assert!(2 * last.votes_of(*w) > last.active);
                prop_assert!(last.eliminated.is_empty());
            }
            Outcome::Tie(tied) => {
                prop_assert!(tb.seed.is_none());
                prop_assert!(tied.len() >= 2);
            }
            Outcome::NoBallots => prop_assert!(b.is_empty()),
        }
        if tb.seed.is_some() && !b.is_empty() {
            prop_assert!(r.outcome.winner().is_some());
        }
    }

    #[test]
    fn schulze_elects_the_condorcet_winner_when_there_is_one(b in arb_vote(), tb in arb_tie_break()) {
        let r = tally_schulze(&b, &tb);
        let n = b.options().len();
        // The pairwise matrix by its definition, from each ballot's positions.
        for i in 0..n {
            for j in 0..n {
                let expected = b.iter().filter(|r| {
                    let pos = |o: usize| r.iter().position(|&x| usize::from(x) == o);
                    i != j && match (pos(i), pos(j)) {
                        (Some(pi), Some(pj)) => pi < pj,
                        (Some(_), None) => true,
                        _ => false,
                    }
                }).count() as u64;
                prop_assert_eq!(r.pairwise[i][j], expected);
            }
        }
        prop_assert!(!r.winners.is_empty());
        for &w in &r.winners {
            let w = usize::from(w);
            prop_assert!((0..n).all(|j| r.strongest[w][j] >= r.strongest[j][w]));
        }
        if !b.is_empty() {
            if let Some(c) = condorcet_winner(&r.pairwise) {
                prop_assert_eq!(&r.winners, &vec![c]);
                prop_assert_eq!(&r.outcome, &Outcome::Winner(c));
            }
            if tb.seed.is_some() {
                prop_assert!(r.outcome.winner().is_some());
            }
        }
    }

    #[test]
    fn the_order_of_ballots_does_not_matter((b, shuffled) in arb_vote_shuffled(), tb in arb_tie_break()) {
        prop_assert_eq!(tally_irv(&b, &tb), tally_irv(&shuffled, &tb));
        prop_assert_eq!(tally_schulze(&b, &tb), tally_schulze(&shuffled, &tb));
    }
}
