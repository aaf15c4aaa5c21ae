//! Tests of the allocator: unit tests, and properties comparing the fast and explained paths.

use super::*;
use proptest::prelude::*;

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn partner(id: i64, region: &str) -> Candidate {
    Candidate {
        id,
        weight: 1.0,
        active: true,
        paused: false,
        capacity_left: None,
        regions: set(&[region]),
        countries: set(&[]),
        services: set(&["hosting"]),
        languages: set(&["en"]),
        segments: set(&[]),
        sizes: set(&[]),
        pricing: set(&[]),
        compliance: None,
    }
}

fn lead(id: i64, region: &str) -> LeadRequest {
    LeadRequest {
        id,
        country: "FR".into(),
        region: region.into(),
        services: set(&["hosting"]),
        languages: set(&["en"]),
        segment: None,
        size: None,
        pricing: None,
        declined_by: BTreeSet::new(),
    }
}

#[test]
fn equal_partners_take_turns() {
    let ps: Vec<Candidate> = (1..=3).map(|i| partner(i, "europe")).collect();
    let mut ledger = Ledger::default();
    let mut got = BTreeMap::new();
    for l in 0..30 {
        let e = allocate(&Policy::default(), &ps, &lead(l, "europe"), &mut ledger);
        *got.entry(e.chosen[0]).or_insert(0) += 1;
    }
    assert_eq!(got.values().copied().collect::<Vec<_>>(), vec![10, 10, 10]);
}

#[test]
fn hard_filters_and_fallback_are_explained() {
    let mut paused = partner(1, "europe");
    paused.paused = true;
    let mut full = partner(2, "europe");
    full.capacity_left = Some(0);
    let mut wrong_service = partner(3, "europe");
    wrong_service.services = set(&["training"]);
    let neighbour = partner(4, "middle-east-north-africa");
    let far = partner(5, "east-asia-pacific");
    let mut policy = Policy::default();
    policy
        .neighbours
        .insert("europe".into(), vec!["middle-east-north-africa".into()]);
    let mut ledger = Ledger::default();
    let e = allocate(
        &policy,
        &[paused, full, wrong_service, neighbour, far],
        &lead(7, "europe"),
        &mut ledger,
    );
    assert_eq!(e.pool, Some(Pool::NeighbouringRegions));
    assert_eq!(e.chosen, vec![4]);
    assert!(e.excluded.contains(&(1, Exclusion::Paused)));
    assert!(e.excluded.contains(&(2, Exclusion::AtCapacity)));
    assert!(e.excluded.contains(&(3, Exclusion::NoRequestedService)));
    assert_eq!(
        e.outside_area, 1,
        "the far partner is outside every pool tried"
    );
}

#[test]
fn nobody_qualifies_means_queued_never_dropped() {
    let mut p = partner(1, "europe");
    p.active = false;
    let e = allocate(
        &Policy::default(),
        &[p],
        &lead(1, "europe"),
        &mut Ledger::default(),
    );
    assert!(e.queued);
    assert!(e.chosen.is_empty());
    assert_eq!(e.excluded, vec![(1, Exclusion::NotActive)]);
}

#[test]
fn fan_out_offers_distinct_partners() {
    let ps: Vec<Candidate> = (1..=4).map(|i| partner(i, "europe")).collect();
    let policy = Policy {
        fan_out: 3,
        ..Policy::default()
    };
    let e = allocate(&policy, &ps, &lead(1, "europe"), &mut Ledger::default());
    let distinct: BTreeSet<i64> = e.chosen.iter().copied().collect();
    assert_eq!((e.chosen.len(), distinct.len()), (3, 3));
    let two = allocate(
        &policy,
        &ps[..2],
        &lead(2, "europe"),
        &mut Ledger::default(),
    );
    assert_eq!(two.chosen.len(), 2, "never more offers than partners");
}

#[test]
fn a_matching_preference_raises_the_share() {
    let plain = partner(1, "europe");
    let mut matching = partner(2, "europe");
    matching.segments = set(&["government"]);
    let mut l = lead(1, "europe");
    l.segment = Some("government".into());
    let e = allocate(
        &Policy::default(),
        &[plain, matching],
        &l,
        &mut Ledger::default(),
    );
    let share = |id: i64| {
        e.candidates
            .iter()
            .find(|s| s.partner_id == id)
            .map(|s| s.share)
            .unwrap_or(0.0)
    };
    assert!(share(2) > share(1));
    assert!((share(1) + share(2) - 1.0).abs() < 1e-12);
}

#[test]
fn tie_break_is_the_published_hash() {
    let ps: Vec<Candidate> = (1..=5).map(|i| partner(i, "europe")).collect();
    let e = allocate(
        &Policy::default(),
        &ps,
        &lead(42, "europe"),
        &mut Ledger::default(),
    );
    assert_eq!(e.tie.len(), 5);
    let expected = (1..=5)
        .min_by_key(|p| tie_hash("agora", 42, *p))
        .unwrap_or(0);
    assert_eq!(e.chosen, vec![expected]);
}

fn arb_candidates() -> impl Strategy<Value = Vec<Candidate>> {
    let regions = ["europe", "latin-america", "sub-saharan-africa"];
    proptest::collection::vec(
        (
            0usize..3,
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(0u32..4),
            1u8..4,
        ),
        1..12,
    )
    .prop_map(move |v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (r, active, paused, cap, w))| {
                let mut c = partner(i as i64 + 1, regions[r]);
                c.active = active || i == 0;
                c.paused = paused && i != 0;
                c.capacity_left = cap;
                c.weight = f64::from(w);
                if i % 3 == 1 {
                    c.languages = set(&["fr"]);
                }
                c
            })
            .collect()
    })
}

fn arb_leads() -> impl Strategy<Value = Vec<LeadRequest>> {
    let regions = ["europe", "latin-america", "sub-saharan-africa"];
    proptest::collection::vec((0usize..3, any::<bool>()), 1..80).prop_map(move |v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (r, fr))| {
                let mut l = lead(i as i64 + 1, regions[r]);
                if fr {
                    l.languages = set(&["fr"]);
                }
                l
            })
            .collect()
    })
}

/// Partners and leads drawn from every input the fast path indexes (regions, countries, several
/// services and languages, preferences), more than 64 partners so the bit sets span several words,
/// and a policy with neighbours and either fallback order.
fn arb_world() -> impl Strategy<Value = (Policy, Vec<Candidate>, Vec<LeadRequest>)> {
    const REGIONS: [&str; 4] = ["europe", "latin-america", "south-asia", "oceania"];
    const COUNTRIES: [&str; 4] = ["FR", "BR", "IN", "AU"];
    const SERVICES: [&str; 4] = ["hosting", "training", "consulting", "course-development"];
    const LANGUAGES: [&str; 3] = ["en", "fr", "pt"];
    const SEGMENTS: [&str; 2] = ["government", "corporate"];
    let pick = |items: &'static [&'static str], bits: u8| -> BTreeSet<String> {
        items
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, s)| s.to_string())
            .collect()
    };
    let partner = (
        (1u8..16, any::<u8>(), 0u8..16, 0u8..8),
        (any::<u8>(), 0u8..4, 1u8..4, proptest::option::of(0u32..6)),
    );
    let lead = (
        (0usize..4, 0usize..4, any::<u8>(), any::<u8>()),
        (0usize..3, 0usize..3, any::<bool>()),
    );
    (
        proptest::collection::vec(partner, 1..150),
        proptest::collection::vec(lead, 1..60),
        any::<bool>(),
        1u8..4,
    )
        .prop_map(move |(ps, ls, any_first, fan_out)| {
            let cands = ps
                .into_iter()
                .enumerate()
                .map(|(i, ((r, k, s, l), (flags, seg, w, cap)))| Candidate {
                    id: i as i64 + 1,
                    weight: f64::from(w),
                    active: flags & 1 == 0,
                    paused: flags & 2 != 0,
                    capacity_left: cap,
                    regions: pick(&REGIONS, r),
                    countries: pick(&COUNTRIES, k & (k >> 4)),
                    services: pick(&SERVICES, s),
                    languages: pick(&LANGUAGES, l),
                    segments: pick(&SEGMENTS, seg),
                    sizes: pick(&["1-10", "11-50"], flags >> 4),
                    pricing: pick(&["fixed-price"], flags >> 6),
                    compliance: [
                        None,
                        Some(ObligationStatus::OnTrack),
                        Some(ObligationStatus::Behind),
                        Some(ObligationStatus::Overdue),
                    ][usize::from((flags >> 2) & 3)],
                })
                .collect();
            let leads = ls
                .into_iter()
                .enumerate()
                .map(|(i, ((r, k, s, l), (seg, size, declined)))| LeadRequest {
                    id: i as i64 + 1,
                    country: COUNTRIES[k].into(),
                    region: REGIONS[r].into(),
                    // Mostly one or two services, sometimes none ("any") or an unknown one.
                    services: match s % 8 {
                        0 => set(&[]),
                        1 => set(&["translation"]),
                        _ => pick(&SERVICES, s >> 3),
                    },
                    languages: match l % 8 {
                        0 => set(&[]),
                        1 => set(&["zh"]),
                        _ => pick(&LANGUAGES, l >> 3),
                    },
                    segment: SEGMENTS.get(seg).map(|s| s.to_string()),
                    size: ["1-10", "11-50"].get(size).map(|s| s.to_string()),
                    pricing: (seg == 0).then(|| "fixed-price".to_string()),
                    declined_by: if declined {
                        [1, 2, 3].into()
                    } else {
                        BTreeSet::new()
                    },
                })
                .collect();
            let mut policy = Policy {
                fan_out,
                ..Policy::default()
            };
            policy
                .neighbours
                .insert("europe".into(), vec!["south-asia".into()]);
            policy.neighbours.insert(
                "latin-america".into(),
                vec!["oceania".into(), "europe".into()],
            );
            if any_first {
                policy.fallback = vec![Fallback::AnyRegion];
            }
            if fan_out == 2 {
                policy.compliance = Some(ComplianceWeights {
                    behind: 0.6,
                    overdue: 0.3,
                });
            }
            (policy, cands, leads)
        })
}

/// Replays leads, honouring capacity as the store would (one fewer left per offer).
fn run(
    policy: &Policy,
    mut cands: Vec<Candidate>,
    leads: &[LeadRequest],
) -> (Vec<Explanation>, Ledger) {
    let mut ledger = Ledger::default();
    let mut out = vec![];
    for l in leads {
        let e = allocate(policy, &cands, l, &mut ledger);
        for c in cands.iter_mut().filter(|c| e.chosen.contains(&c.id)) {
            if let Some(left) = c.capacity_left.as_mut() {
                *left -= 1;
            }
        }
        out.push(e);
    }
    (out, ledger)
}

#[test]
fn compliance_weighs_only_when_the_policy_says_so_and_is_explained() {
    let mut behind = partner(1, "europe");
    behind.compliance = Some(ObligationStatus::Behind);
    let mut overdue = partner(2, "europe");
    overdue.compliance = Some(ObligationStatus::Overdue);
    let mut met = partner(3, "europe");
    met.compliance = Some(ObligationStatus::Met);
    let ps = vec![behind, overdue, met];
    let count = |policy: &Policy| {
        let mut ledger = Ledger::default();
        let mut got = BTreeMap::new();
        for l in 0..70 {
            let e = allocate(policy, &ps, &lead(l, "europe"), &mut ledger);
            *got.entry(e.chosen[0]).or_insert(0) += 1;
        }
        got
    };
    // Off by default: the standing changes nothing.
    let off = count(&Policy::default());
    assert!(off.values().all(|n| (23..=24).contains(n)), "{off:?}");
    let on = Policy {
        compliance: Some(ComplianceWeights::default()),
        ..Policy::default()
    };
    // Weights 0.5, 0.25 and 1 of 1.75: 20, 10 and 40 of 70 leads.
    assert_eq!(count(&on), BTreeMap::from([(1, 20), (2, 10), (3, 40)]));
    let e = allocate(&on, &ps, &lead(1, "europe"), &mut Ledger::default());
    let of = |id: i64| {
        e.candidates
            .iter()
            .find(|c| c.partner_id == id)
            .expect("candidate")
    };
    assert_eq!(of(1).compliance, Some(ObligationStatus::Behind));
    assert_eq!(of(1).compliance_factor, 0.5);
    assert_eq!(of(2).compliance_factor, 0.25);
    assert_eq!(of(3).compliance_factor, 1.0);
    let e = allocate(
        &Policy::default(),
        &ps,
        &lead(1, "europe"),
        &mut Ledger::default(),
    );
    assert!(e
        .candidates
        .iter()
        .all(|c| c.compliance.is_none() && c.compliance_factor == 1.0));
}

#[test]
fn compliance_factors_lower_a_share_and_never_remove_it() {
    for (behind, overdue, ok) in [
        (0.5, 0.25, true),
        (1.0, 1.0, true),
        (0.01, 0.01, true),
        (0.0, 0.5, false),
        (0.5, 1.5, false),
        (f64::NAN, 0.5, false),
        (-0.1, 0.5, false),
        // Small enough that a lead's shares would overflow to infinity.
        (1e-320, 1e-320, false),
        (0.009, 0.009, false),
    ] {
        let p = Policy {
            compliance: Some(ComplianceWeights { behind, overdue }),
            ..Policy::default()
        };
        assert_eq!(p.validate().is_ok(), ok, "{behind} {overdue}");
        if !ok {
            assert_eq!(p.validate(), Err("invalid-compliance-factor"));
        }
    }
    // Overdue is the worse standing: its factor may not be the gentler one.
    let inverted = Policy {
        compliance: Some(ComplianceWeights {
            behind: 0.25,
            overdue: 0.9,
        }),
        ..Policy::default()
    };
    assert_eq!(inverted.validate(), Err("compliance-overdue-above-behind"));
}

#[test]
fn explanations_stored_before_compliance_still_read() {
    let old = r#"{"partner_id":1,"weight":1.0,"share":1.0,"credit":1.0,"received":0,"score":1.0,"tie_hash":7}"#;
    let s: Scored = serde_json::from_str(old).expect("old explanation");
    assert_eq!((s.compliance, s.compliance_factor), (None, 1.0));
    let policy: Policy = serde_json::from_str(
        r#"{"preferences":{"segment":0.5,"size":0.25,"pricing":0.25},"fan_out":1,"fallback":[],"neighbours":{},"tie_break_seed":"x"}"#,
    )
    .expect("old policy");
    assert_eq!(policy.compliance, None);
}

proptest! {
    #[test]
    fn credits_stay_finite_under_any_valid_compliance_factors(behind in 0.01f64..=1.0, ratio in 0.0f64..=1.0, cands in arb_candidates(), leads in arb_leads()) {
        let overdue = (behind * ratio).max(ComplianceWeights::MIN);
        let policy = Policy { compliance: Some(ComplianceWeights { behind, overdue }), ..Policy::default() };
        prop_assume!(policy.validate().is_ok());
        let cands: Vec<Candidate> = cands.into_iter().enumerate().map(|(i, mut c)| {
            c.compliance = [None, Some(ObligationStatus::Behind), Some(ObligationStatus::Overdue)].get(i % 3).copied().flatten();
            c
        }).collect();
        let (decisions, ledger) = run(&policy, cands, &leads);
        prop_assert!(ledger.credit.values().all(|c| c.is_finite()));
        for e in &decisions {
            prop_assert!(e.candidates.iter().all(|c| c.share.is_finite() && c.credit.is_finite()));
        }
    }

    #[test]
    fn same_inputs_same_decisions(cands in arb_candidates(), leads in arb_leads(), fan in 1u8..4) {
        let policy = Policy { fan_out: fan, ..Policy::default() };
        let a = run(&policy, cands.clone(), &leads);
        let b = run(&policy, cands, &leads);
        prop_assert_eq!(a.0, b.0);
        prop_assert_eq!(a.1, b.1);
    }

    #[test]
    fn ineligible_partners_are_never_chosen_and_capacity_holds(cands in arb_candidates(), leads in arb_leads(), fan in 1u8..4) {
        let policy = Policy { fan_out: fan, ..Policy::default() };
        let (decisions, ledger) = run(&policy, cands.clone(), &leads);
        for (e, l) in decisions.iter().zip(&leads) {
            for id in &e.chosen {
                let c = cands.iter().find(|c| c.id == *id).expect("known partner");
                prop_assert!(c.active && !c.paused);
                prop_assert!(!c.languages.is_disjoint(&l.languages));
            }
            prop_assert!(e.queued == e.chosen.is_empty());
        }
        for c in &cands {
            if let Some(cap) = c.capacity_left {
                prop_assert!(ledger.received.get(&c.id).copied().unwrap_or(0) <= u64::from(cap));
            }
        }
    }

    #[test]
    fn the_fast_path_decides_exactly_as_the_explained_one(cands in arb_candidates(), leads in arb_leads(), fan in 1u8..4) {
        let policy = Policy { fan_out: fan, ..Policy::default() };
        let a = Allocator::new(&policy, &cands);
        let (mut t1, mut t2) = (a.tally(&Ledger::default()), a.tally(&Ledger::default()));
        let mut scratch = Scratch::default();
        for l in &leads {
            let slow = a.allocate(l, &mut t1, true);
            let fast = a.allocate_with(l, &mut t2, false, &mut scratch);
            prop_assert_eq!(&slow.chosen, &fast.chosen);
            prop_assert_eq!(slow.pool, fast.pool);
        }
        prop_assert_eq!(t1, t2);
    }

    #[test]
    fn the_fast_path_decides_exactly_as_the_explained_one_over_every_filter((policy, cands, leads) in arb_world()) {
        let a = Allocator::new(&policy, &cands);
        let (mut t1, mut t2) = (a.tally(&Ledger::default()), a.tally(&Ledger::default()));
        let mut scratch = Scratch::default();
        for l in &leads {
            let slow = a.allocate(l, &mut t1, true);
            let fast = a.allocate_with(l, &mut t2, false, &mut scratch);
            prop_assert_eq!(&slow.chosen, &fast.chosen);
            prop_assert_eq!(slow.pool, fast.pool);
            prop_assert_eq!(&t1, &t2);
        }
    }

    #[test]
    fn equal_weights_never_put_anyone_two_leads_ahead(n in 2usize..9, leads in 1i64..200) {
        let cands: Vec<Candidate> = (1..=n as i64).map(|i| partner(i, "europe")).collect();
        let mut ledger = Ledger::default();
        for l in 0..leads {
            allocate(&Policy::default(), &cands, &lead(l, "europe"), &mut ledger);
            let counts: Vec<u64> = cands.iter().map(|c| ledger.received.get(&c.id).copied().unwrap_or(0)).collect();
            let (lo, hi) = (counts.iter().min().copied().unwrap_or(0), counts.iter().max().copied().unwrap_or(0));
            prop_assert!(hi - lo <= 1, "after lead {l}: {counts:?}");
        }
    }

    /// The stated bound for unequal weights, with a fixed eligible set: a partner is never a whole
    /// lead ahead of its exact weighted share t·w_i/Σw (when chosen its deficit was the largest of
    /// deficits summing to 1 after accrual, so positive), and never H_n leads behind it, H_n being
    /// the n-th harmonic number (n = 8 gives 2.72; the worst found in 4000 random runs was 1.44).
    #[test]
    fn unequal_weights_stay_within_the_stated_bound_of_the_exact_share(weights in proptest::collection::vec(1u8..20, 2..8), leads in 1i64..300) {
        let cands: Vec<Candidate> = weights.iter().enumerate().map(|(i, w)| {
            let mut c = partner(i as i64 + 1, "europe");
            c.weight = f64::from(*w);
            c
        }).collect();
        let total: f64 = cands.iter().map(|c| c.weight).sum();
        let behind_bound: f64 = (1..=cands.len()).map(|k| 1.0 / k as f64).sum();
        let mut ledger = Ledger::default();
        for l in 0..leads {
            allocate(&Policy::default(), &cands, &lead(l, "europe"), &mut ledger);
            for c in &cands {
                let exact = (l + 1) as f64 * c.weight / total;
                let got = ledger.received.get(&c.id).copied().unwrap_or(0) as f64;
                prop_assert!(got - exact < 1.0, "partner {} ahead after {} leads: {} vs {:.3}", c.id, l + 1, got, exact);
                prop_assert!(exact - got < behind_bound, "partner {} behind after {} leads: {} vs {:.3}", c.id, l + 1, got, exact);
            }
        }
    }
}
