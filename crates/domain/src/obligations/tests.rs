//! Tests of the obligation arithmetic, the refusal exception, parsing and the yearly standing.

use super::*;
use proptest::prelude::*;

const ALWAYS: Years = Years {
    first: 2000,
    last: None,
};

fn share(percent: u32, min: Option<u32>, max: Option<u32>) -> Rule {
    Rule::Share {
        percent,
        rounding: Rounding::Up,
        min,
        max,
    }
}

fn counts(clients: u32, logo_refused: u32, testimonial_refused: u32) -> ClientCounts {
    ClientCounts {
        clients,
        logo_refused,
        testimonial_refused,
    }
}

fn all_share(percent: u32) -> ObligationPolicy {
    let r = share(percent, None, None);
    ObligationPolicy {
        case_study: r,
        article: r,
        testimonial: r,
        logo: r,
        years: ALWAYS,
    }
}

#[test]
fn at_least_twenty_percent_of_twelve_clients_is_three() {
    let a = share(20, None, None).arithmetic(12);
    assert_eq!(
        a,
        Arithmetic::Share {
            clients: 12,
            percent: 20,
            hundredths: 240,
            rounding: Rounding::Up,
            rounded: 3,
            min: None,
            max: None,
            result: 3,
        }
    );
    assert_eq!(decimal(240, '.'), "2.4");
    assert_eq!(decimal(240, ','), "2,4");
    assert_eq!(decimal(205, '.'), "2.05");
    assert_eq!(decimal(300, '.'), "3");
}

#[test]
fn seed_example_ten_clients_gives_two_case_studies() {
    let r = requirements(&all_share(20), counts(10, 0, 0));
    assert!(r.iter().all(|r| r.required == 2 && r.exemptions.is_empty()));
}

#[test]
fn rounding_rules() {
    assert_eq!(Rounding::Up.apply(201), 3);
    assert_eq!(Rounding::Down.apply(299), 2);
    assert_eq!(Rounding::Nearest.apply(249), 2);
    assert_eq!(Rounding::Nearest.apply(250), 3);
    assert_eq!(Rounding::Up.apply(0), 0);
}

#[test]
fn bounds_apply_after_rounding() {
    assert_eq!(share(20, Some(1), None).arithmetic(0).result(), 1);
    let a = share(20, None, Some(5)).arithmetic(100);
    assert_eq!(a.result(), 5);
    assert!(a.bounded());
    assert!(!share(20, None, Some(5)).arithmetic(10).bounded());
}

#[test]
fn a_refused_logo_is_exempted_when_no_other_client_may_be_asked() {
    let fixed = ObligationPolicy::fixed(1, ALWAYS);
    let r = requirements(&fixed, counts(1, 1, 0));
    let logo = &r[3];
    assert_eq!(logo.kind, ContributionType::Logo);
    assert_eq!(logo.required, 0);
    assert_eq!(
        logo.exemptions,
        vec![Exemption {
            reason: ExemptionReason::LogoRefused,
            clients: 1,
            may_ask: 0,
            removed: 1,
        }]
    );
    // The testimonial, the case study and the article stay required.
    assert!(r[..3].iter().all(|r| r.required == 1));
    assert!(r[0].anonymous_allowed && r[1].anonymous_allowed);
    assert!(!r[2].anonymous_allowed && !r[3].anonymous_allowed);
}

#[test]
fn refusals_take_away_their_share_of_a_percentage() {
    // 12 clients × 20% = 2.4 → 3; 4 refuse their logo: 8 × 20% = 1.6 → 2.
    let r = requirements(&all_share(20), counts(12, 4, 0));
    assert_eq!(r[3].required, 2);
    assert_eq!(r[3].exemptions[0].removed, 1);
    assert_eq!(r[3].exemptions[0].may_ask, 8);
    assert_eq!(r[0].required, 3, "case studies stay required");
    assert_eq!(r[2].required, 3, "no testimonial was refused");
}

#[test]
fn one_refusal_among_many_clients_leaves_a_fixed_requirement_whole() {
    let r = requirements(&ObligationPolicy::fixed(1, ALWAYS), counts(10, 1, 0));
    assert_eq!(r[3].required, 1);
    assert!(r[3].exemptions.is_empty());
}

#[test]
fn percentage_outside_0_100_is_refused_naming_the_field() {
    let mut input = PolicyInput::from_policy(&all_share(20));
    input.article.percent = Some(101);
    input.logo.percent = Some(-1);
    let e = input.parse().expect_err("refused");
    assert_eq!(e.get("article.percent"), Some("percent-out-of-range"));
    assert_eq!(e.get("logo.percent"), Some("percent-out-of-range"));
    assert_eq!(e.get("case_study.percent"), None);
}

#[test]
fn policy_input_reports_each_bad_field() {
    let mut input = PolicyInput::from_policy(&ObligationPolicy::fixed(1, ALWAYS));
    input.case_study.count = Some(-3);
    input.article = RuleInput {
        kind: "share".into(),
        percent: Some(20),
        min: Some(5),
        max: Some(2),
        ..RuleInput::default()
    };
    input.testimonial.kind = "lots".into();
    input.first_year = Some(2026);
    input.last_year = Some(2025);
    let e = input.parse().expect_err("refused");
    assert_eq!(e.get("case_study.count"), Some("invalid-number"));
    assert_eq!(e.get("article.max"), Some("max-below-min"));
    assert_eq!(e.get("testimonial.kind"), Some("invalid-rule-kind"));
    assert_eq!(e.get("last_year"), Some("last-year-before-first"));
    assert_eq!(e.get("logo.count"), None);
}

#[test]
fn policy_input_round_trips() {
    let p = ObligationPolicy {
        case_study: share(20, Some(1), Some(5)),
        article: Rule::Fixed { count: 2 },
        testimonial: Rule::Share {
            percent: 15,
            rounding: Rounding::Nearest,
            min: None,
            max: None,
        },
        logo: Rule::Fixed { count: 0 },
        years: Years {
            first: 2026,
            last: Some(2027),
        },
    };
    assert_eq!(PolicyInput::from_policy(&p).parse(), Ok(p));
}

#[test]
fn the_latest_version_covering_a_year_governs_it() {
    let a = (1, ObligationPolicy::fixed(1, ALWAYS));
    let b = (
        2,
        ObligationPolicy::fixed(
            2,
            Years {
                first: 2027,
                last: Some(2028),
            },
        ),
    );
    let versions = [a, b];
    let pick = |y| policy_for_year(&versions, y, |(v, p)| (*v, p)).map(|(v, _)| *v);
    assert_eq!(pick(2026), Some(1));
    assert_eq!(pick(2027), Some(2));
    assert_eq!(pick(2029), Some(1));
    assert_eq!(pick(1999), None);
}

#[test]
fn declarations_by_count_and_by_list() {
    let d = DeclarationInput {
        year: Some(2026),
        count: Some(10),
        logo_refused: Some(1),
        ..DeclarationInput::default()
    }
    .parse()
    .expect("valid");
    assert_eq!(d.clients.counts(), counts(10, 1, 0));

    let client = |consent: &str, evidence: &str| ClientInput {
        organization: "Université Exemple".into(),
        country: "fr".into(),
        segment: "higher-education".into(),
        acquired_on: "2026-03-01".into(),
        logo_consent: consent.into(),
        testimonial_consent: "".into(),
        evidence: evidence.into(),
    };
    let d = DeclarationInput {
        year: Some(2026),
        clients: Some(vec![
            client("refused", "email of 2026-03-02"),
            client("", ""),
        ]),
        ..DeclarationInput::default()
    }
    .parse()
    .expect("valid");
    assert_eq!(d.clients.counts(), counts(2, 1, 0));

    let e = DeclarationInput {
        year: Some(2026),
        clients: Some(vec![client("given", "")]),
        ..DeclarationInput::default()
    }
    .parse()
    .expect_err("refused");
    assert_eq!(
        e.get("clients[0].evidence"),
        Some("consent-evidence-required")
    );
}

#[test]
fn absurd_declarations_are_refused_by_field() {
    let bad = |d: DeclarationInput| d.parse().expect_err("refused");
    let e = bad(DeclarationInput {
        year: Some(2026),
        count: Some(-1),
        ..DeclarationInput::default()
    });
    assert_eq!(e.get("count"), Some("invalid-number"));
    let e = bad(DeclarationInput {
        year: Some(2026),
        count: Some(i64::from(MAX_COUNT) + 1),
        ..DeclarationInput::default()
    });
    assert_eq!(e.get("count"), Some("invalid-number"));
    let e = bad(DeclarationInput {
        year: Some(2026),
        count: Some(3),
        testimonial_refused: Some(4),
        ..DeclarationInput::default()
    });
    assert_eq!(e.get("testimonial_refused"), Some("more-than-clients"));
    let e = bad(DeclarationInput {
        year: Some(1066),
        count: Some(3),
        ..DeclarationInput::default()
    });
    assert_eq!(e.get("year"), Some("invalid-year"));
    let e = bad(DeclarationInput {
        year: Some(2026),
        clients: Some(vec![ClientInput {
            organization: "X".into(),
            country: "zz".into(),
            acquired_on: "2025-12-31".into(),
            ..ClientInput::default()
        }]),
        ..DeclarationInput::default()
    });
    assert_eq!(e.get("clients[0].country"), Some("invalid-country"));
    assert_eq!(e.get("clients[0].acquired_on"), Some("date-outside-year"));
}

#[test]
fn standing_follows_the_pace_of_the_year() {
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("valid");
    assert_eq!(
        ObligationStatus::of(1, 1, 2026, d(1, 5)),
        ObligationStatus::Met
    );
    assert_eq!(
        ObligationStatus::of(0, 0, 2026, d(1, 5)),
        ObligationStatus::Met
    );
    assert_eq!(
        ObligationStatus::of(1, 0, 2026, d(3, 1)),
        ObligationStatus::OnTrack
    );
    assert_eq!(
        ObligationStatus::of(1, 0, 2026, d(11, 1)),
        ObligationStatus::Behind
    );
    assert_eq!(
        ObligationStatus::of(4, 0, 2026, d(7, 1)),
        ObligationStatus::Behind
    );
    assert_eq!(
        ObligationStatus::of(4, 2, 2026, d(7, 1)),
        ObligationStatus::OnTrack
    );
    assert_eq!(
        ObligationStatus::of(
            1,
            0,
            2026,
            NaiveDate::from_ymd_opt(2027, 1, 1).expect("valid")
        ),
        ObligationStatus::Overdue
    );
    assert_eq!(
        ObligationStatus::of(1, 0, 2027, d(6, 1)),
        ObligationStatus::OnTrack
    );
}

fn rounding() -> impl Strategy<Value = Rounding> {
    prop::sample::select(Rounding::ALL)
}

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        (0u32..20).prop_map(|count| Rule::Fixed { count }),
        (
            0u32..=100,
            rounding(),
            prop::option::of(0u32..50),
            prop::option::of(0u32..50)
        )
            .prop_map(|(percent, rounding, a, b)| {
                // Parsing refuses min > max; keep generated rules valid.
                let (min, max) = match (a, b) {
                    (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                    x => x,
                };
                Rule::Share {
                    percent,
                    rounding,
                    min,
                    max,
                }
            }),
    ]
}

fn policy() -> impl Strategy<Value = ObligationPolicy> {
    (rule(), rule(), rule(), rule()).prop_map(|(case_study, article, testimonial, logo)| {
        ObligationPolicy {
            case_study,
            article,
            testimonial,
            logo,
            years: ALWAYS,
        }
    })
}

fn client_counts() -> impl Strategy<Value = ClientCounts> {
    (0u32..500)
        .prop_flat_map(|n| (Just(n), 0..=n, 0..=n))
        .prop_map(|(n, l, t)| counts(n, l, t))
}

proptest! {
    #[test]
    fn rounding_lands_within_one_of_the_exact_share(clients in 0u32..MAX_COUNT, percent in 0u32..=100, r in rounding()) {
        let rule = Rule::Share { percent, rounding: r, min: None, max: None };
        let Arithmetic::Share { hundredths, rounded, result, .. } = rule.arithmetic(clients) else {
            unreachable!("a share rule has share arithmetic")
        };
        let exact = u64::from(clients) * u64::from(percent);
        prop_assert_eq!(hundredths, exact);
        prop_assert_eq!(rounded, result, "no bounds, nothing changes after rounding");
        let rounded = u64::from(rounded) * 100;
        prop_assert!(rounded.abs_diff(exact) < 100);
        match r {
            Rounding::Up => prop_assert!(rounded >= exact),
            Rounding::Down => prop_assert!(rounded <= exact),
            Rounding::Nearest => prop_assert!(rounded.abs_diff(exact) <= 50),
        }
    }

    #[test]
    fn bounds_always_hold(clients in 0u32..MAX_COUNT, r in rule()) {
        let a = r.arithmetic(clients);
        if let Rule::Share { min, max, .. } = r {
            if let Some(lo) = min { prop_assert!(a.result() >= lo); }
            if let Some(hi) = max { prop_assert!(a.result() <= hi); }
        }
    }

    #[test]
    fn the_fixed_policy_gives_exactly_x_of_each_type(x in 0u32..100, clients in 0u32..1000) {
        let r = requirements(&ObligationPolicy::fixed(x, ALWAYS), counts(clients, 0, 0));
        prop_assert_eq!(r.len(), ContributionType::ALL.len());
        for q in r {
            prop_assert_eq!(q.required, x);
            prop_assert!(q.exemptions.is_empty());
        }
    }

    #[test]
    fn refusals_never_increase_a_requirement(p in policy(), c in client_counts(), more_logo in 0u32..5, more_testimonial in 0u32..5) {
        let none = requirements(&p, counts(c.clients, 0, 0));
        let some = requirements(&p, c);
        let more = requirements(&p, counts(
            c.clients,
            (c.logo_refused + more_logo).min(c.clients),
            (c.testimonial_refused + more_testimonial).min(c.clients),
        ));
        for ((a, b), m) in none.iter().zip(&some).zip(&more) {
            prop_assert!(b.required <= a.required);
            prop_assert!(m.required <= b.required);
            let removed: u32 = b.exemptions.iter().map(|e| e.removed).sum();
            prop_assert_eq!(b.required + removed, a.required, "each exemption is shown");
            prop_assert_eq!(b.arithmetic, a.arithmetic, "refusals do not change the arithmetic");
        }
    }

    #[test]
    fn refusals_exempt_only_logos_and_testimonials(p in policy(), c in client_counts()) {
        let none = requirements(&p, counts(c.clients, 0, 0));
        for (a, b) in none.iter().zip(requirements(&p, c)) {
            if !b.kind.needs_client_consent() {
                prop_assert_eq!(b.required, a.required);
                prop_assert!(b.exemptions.is_empty());
            }
        }
    }

    #[test]
    fn a_requirement_never_exceeds_the_clients_who_may_be_asked(p in policy(), c in client_counts()) {
        for r in requirements(&p, c) {
            let refused = match r.kind {
                ContributionType::Logo => c.logo_refused,
                ContributionType::Testimonial => c.testimonial_refused,
                _ => 0,
            };
            if refused > 0 {
                prop_assert!(r.required <= c.clients - refused);
            }
        }
    }

    #[test]
    fn rules_are_monotone_in_clients(r in rule(), n in 0u32..10_000) {
        prop_assert!(r.arithmetic(n).result() <= r.arithmetic(n + 1).result());
    }

    #[test]
    fn percentages_parse_only_within_0_to_100(p in -1000i64..1000) {
        let mut input = PolicyInput::from_policy(&all_share(20));
        input.testimonial.percent = Some(p);
        let r = input.parse();
        if (0..=100).contains(&p) {
            prop_assert!(r.is_ok());
        } else {
            prop_assert_eq!(r.expect_err("refused").get("testimonial.percent"), Some("percent-out-of-range"));
        }
    }

    #[test]
    fn declared_counts_parse_only_when_sane(n in -100i64..200_000, l in -5i64..300) {
        let r = DeclarationInput { year: Some(2026), count: Some(n), logo_refused: Some(l), ..DeclarationInput::default() }.parse();
        let ok = (0..=i64::from(MAX_COUNT)).contains(&n) && (0..=n).contains(&l);
        prop_assert_eq!(r.is_ok(), ok);
    }
}
