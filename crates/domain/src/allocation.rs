//! Lead allocation (issue 3): which partner(s) a lead is offered to, by a published rule.
//!
//! The rule is a deficit (smooth weighted round-robin) allocator. For each lead, every *eligible*
//! partner accrues credit `w_i / Σw` (its weighted share of that lead); the lead goes to the eligible
//! partner with the largest credit minus leads already received. Partners accrue entitlement only for
//! leads they were eligible for, which is what "equitable by region" means: a partner serving one
//! region competes only for that region's leads. Ties are broken by a published hash of (seed, lead,
//! partner), so anyone can recompute a decision.
//!
//! Everything here is pure: the caller loads the policy, the partners and the allocator state, and
//! stores the returned state and explanation in the same transaction as the offer.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// Credits closer than this are equal (they are sums of fractions).
const EPSILON: f64 = 1e-9;

/// The soft preferences: how much a partner's weight grows when it matches the lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub segment: f64,
    pub size: f64,
    pub pricing: f64,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            segment: 0.5,
            size: 0.25,
            pricing: 0.25,
        }
    }
}

/// Where to look when no partner in the lead's own region qualifies, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fallback {
    NeighbouringRegions,
    AnyRegion,
}

/// The published allocation rules (one version of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub preferences: Preferences,
    /// How many partners one lead is offered to (1 to 3).
    pub fan_out: u8,
    pub fallback: Vec<Fallback>,
    /// Region slug → regions considered its neighbours.
    pub neighbours: BTreeMap<String, Vec<String>>,
    /// Published seed of the tie-break hash.
    pub tie_break_seed: String,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            preferences: Preferences::default(),
            fan_out: 1,
            fallback: vec![Fallback::NeighbouringRegions, Fallback::AnyRegion],
            neighbours: BTreeMap::new(),
            tie_break_seed: "agora".into(),
        }
    }
}

impl Policy {
    pub fn validate(&self) -> Result<(), &'static str> {
        let p = &self.preferences;
        if !(1..=3).contains(&self.fan_out) {
            return Err("invalid-fan-out");
        }
        if [p.segment, p.size, p.pricing]
            .iter()
            .any(|w| !w.is_finite() || *w < 0.0 || *w > 10.0)
        {
            return Err("invalid-weight");
        }
        Ok(())
    }
}

/// What the allocator needs to know of a partner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: i64,
    /// Base weight (1.0 for everyone unless the policy says otherwise); must be positive.
    pub weight: f64,
    pub active: bool,
    pub paused: bool,
    /// Leads it may still receive this month; `None` for no limit.
    pub capacity_left: Option<u32>,
    pub regions: BTreeSet<String>,
    pub countries: BTreeSet<String>,
    pub services: BTreeSet<String>,
    pub languages: BTreeSet<String>,
    pub segments: BTreeSet<String>,
    pub sizes: BTreeSet<String>,
    pub pricing: BTreeSet<String>,
}

/// What the allocator needs to know of a lead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeadRequest {
    pub id: i64,
    pub country: String,
    pub region: String,
    /// Any one of these is enough; empty means "any".
    pub services: BTreeSet<String>,
    pub languages: BTreeSet<String>,
    pub segment: Option<String>,
    pub size: Option<String>,
    pub pricing: Option<String>,
    /// Partners that declined this lead already.
    pub declined_by: BTreeSet<i64>,
}

/// Why a partner could not receive a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    NotActive,
    Paused,
    AtCapacity,
    Declined,
    OutsideArea,
    NoRequestedService,
    NoRequestedLanguage,
}

/// The geographic pool a decision was made in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pool {
    OwnRegion,
    NeighbouringRegions,
    AnyRegion,
}

/// One eligible partner's numbers in a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    pub partner_id: i64,
    /// Base weight times the matched preferences.
    pub weight: f64,
    /// Credit accrued for this lead (`weight / Σweight`).
    pub share: f64,
    /// Entitlement so far, including this lead's share.
    pub credit: f64,
    pub received: u64,
    /// `credit − received`: the largest wins.
    pub score: f64,
    pub tie_hash: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub lead_id: i64,
    pub pool: Option<Pool>,
    pub candidates: Vec<Scored>,
    pub excluded: Vec<(i64, Exclusion)>,
    /// Partners that tied on the best score, when the hash decided.
    pub tie: Vec<i64>,
    pub chosen: Vec<i64>,
    /// True when nobody qualified: the lead waits in the admins' queue.
    pub queued: bool,
}

/// The running totals the rule depends on, per partner.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub credit: BTreeMap<i64, f64>,
    pub received: BTreeMap<i64, u64>,
}

/// The published tie-break: the smaller hash of (seed, lead, partner) wins.
pub fn tie_hash(seed: &str, lead_id: i64, partner_id: i64) -> u64 {
    let digest = Sha256::digest(format!("{seed}:{lead_id}:{partner_id}").as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(b)
}

fn hard_filter(c: &Candidate, lead: &LeadRequest) -> Option<Exclusion> {
    if !c.active {
        Some(Exclusion::NotActive)
    } else if c.paused {
        Some(Exclusion::Paused)
    } else if c.capacity_left == Some(0) {
        Some(Exclusion::AtCapacity)
    } else if lead.declined_by.contains(&c.id) {
        Some(Exclusion::Declined)
    } else if !lead.services.is_empty() && c.services.is_disjoint(&lead.services) {
        Some(Exclusion::NoRequestedService)
    } else if !lead.languages.is_empty() && c.languages.is_disjoint(&lead.languages) {
        Some(Exclusion::NoRequestedLanguage)
    } else {
        None
    }
}

fn in_pool(c: &Candidate, lead: &LeadRequest, pool: Pool, policy: &Policy) -> bool {
    match pool {
        Pool::OwnRegion => c.regions.contains(&lead.region) || c.countries.contains(&lead.country),
        Pool::NeighbouringRegions => policy
            .neighbours
            .get(&lead.region)
            .is_some_and(|ns| ns.iter().any(|n| c.regions.contains(n))),
        Pool::AnyRegion => true,
    }
}

fn preference_weight(c: &Candidate, lead: &LeadRequest, p: &Preferences) -> f64 {
    let matches = |want: &Option<String>, has: &BTreeSet<String>| {
        want.as_ref().is_some_and(|w| has.contains(w))
    };
    let mut w = 1.0;
    if matches(&lead.segment, &c.segments) {
        w += p.segment;
    }
    if matches(&lead.size, &c.sizes) {
        w += p.size;
    }
    if matches(&lead.pricing, &c.pricing) {
        w += p.pricing;
    }
    c.weight.max(f64::MIN_POSITIVE) * w
}

/// Decides who is offered `lead`, updating `ledger`. Deterministic: the same inputs give the same
/// decision and ledger.
pub fn allocate(
    policy: &Policy,
    candidates: &[Candidate],
    lead: &LeadRequest,
    ledger: &mut Ledger,
) -> Explanation {
    let mut excluded = vec![];
    let mut eligible: Vec<&Candidate> = vec![];
    for c in candidates {
        match hard_filter(c, lead) {
            Some(reason) => excluded.push((c.id, reason)),
            None => eligible.push(c),
        }
    }
    let mut pools = vec![Pool::OwnRegion];
    pools.extend(policy.fallback.iter().map(|f| match f {
        Fallback::NeighbouringRegions => Pool::NeighbouringRegions,
        Fallback::AnyRegion => Pool::AnyRegion,
    }));
    for pool in pools {
        let in_area: Vec<&Candidate> = eligible
            .iter()
            .copied()
            .filter(|c| in_pool(c, lead, pool, policy))
            .collect();
        if in_area.is_empty() {
            continue;
        }
        let outside: Vec<(i64, Exclusion)> = eligible
            .iter()
            .filter(|c| !in_pool(c, lead, pool, policy))
            .map(|c| (c.id, Exclusion::OutsideArea))
            .collect();
        excluded.extend(outside);
        return decide(policy, &in_area, lead, ledger, pool, excluded);
    }
    excluded.extend(eligible.iter().map(|c| (c.id, Exclusion::OutsideArea)));
    excluded.sort();
    Explanation {
        lead_id: lead.id,
        pool: None,
        candidates: vec![],
        excluded,
        tie: vec![],
        chosen: vec![],
        queued: true,
    }
}

/// Fan-out of k is k draws without replacement, each by the deficit rule over the partners not drawn
/// yet, so each draw keeps the rule's fairness properties.
fn decide(
    policy: &Policy,
    pool: &[&Candidate],
    lead: &LeadRequest,
    ledger: &mut Ledger,
    which: Pool,
    mut excluded: Vec<(i64, Exclusion)>,
) -> Explanation {
    let mut remaining: Vec<(&Candidate, f64)> = pool
        .iter()
        .map(|c| (*c, preference_weight(c, lead, &policy.preferences)))
        .collect();
    let mut chosen = vec![];
    let mut scored_first: Vec<Scored> = vec![];
    let mut tie = vec![];
    for draw in 0..policy.fan_out.max(1) {
        if remaining.is_empty() {
            break;
        }
        let total: f64 = remaining.iter().map(|(_, w)| w).sum();
        let mut scored: Vec<Scored> = remaining
            .iter()
            .map(|(c, w)| {
                let share = w / total;
                let credit = ledger.credit.get(&c.id).copied().unwrap_or(0.0) + share;
                let received = ledger.received.get(&c.id).copied().unwrap_or(0);
                Scored {
                    partner_id: c.id,
                    weight: *w,
                    share,
                    credit,
                    received,
                    score: credit - received as f64,
                    tie_hash: tie_hash(&policy.tie_break_seed, lead.id, c.id),
                }
            })
            .collect();
        let best = scored
            .iter()
            .map(|s| s.score)
            .fold(f64::NEG_INFINITY, f64::max);
        let tied: Vec<&Scored> = scored
            .iter()
            .filter(|s| best - s.score <= EPSILON)
            .collect();
        let winner = tied
            .iter()
            .min_by_key(|s| s.tie_hash)
            .map(|s| s.partner_id)
            .unwrap_or(scored[0].partner_id);
        if draw == 0 && tied.len() > 1 {
            tie = tied.iter().map(|s| s.partner_id).collect();
        }
        for s in &scored {
            ledger.credit.insert(s.partner_id, s.credit);
        }
        *ledger.received.entry(winner).or_insert(0) += 1;
        chosen.push(winner);
        remaining.retain(|(c, _)| c.id != winner);
        if draw == 0 {
            scored.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then(a.tie_hash.cmp(&b.tie_hash))
            });
            scored_first = scored;
        }
    }
    excluded.sort();
    Explanation {
        lead_id: lead.id,
        pool: Some(which),
        candidates: scored_first,
        excluded,
        tie,
        chosen,
        queued: false,
    }
}

#[cfg(test)]
mod tests {
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
        assert!(e.excluded.contains(&(5, Exclusion::OutsideArea)));
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

    proptest! {
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

        /// With a fixed eligible set, every partner's count stays strictly within one lead of its exact
        /// weighted share: |received − Σ w_i/Σw| < 1.
        #[test]
        fn unequal_weights_stay_within_one_lead_of_the_exact_share(weights in proptest::collection::vec(1u8..20, 2..8), leads in 1i64..300) {
            let cands: Vec<Candidate> = weights.iter().enumerate().map(|(i, w)| {
                let mut c = partner(i as i64 + 1, "europe");
                c.weight = f64::from(*w);
                c
            }).collect();
            let total: f64 = cands.iter().map(|c| c.weight).sum();
            let mut ledger = Ledger::default();
            for l in 0..leads {
                allocate(&Policy::default(), &cands, &lead(l, "europe"), &mut ledger);
                for c in &cands {
                    let exact = (l + 1) as f64 * c.weight / total;
                    let got = ledger.received.get(&c.id).copied().unwrap_or(0) as f64;
                    prop_assert!((got - exact).abs() < 1.0 + 1e-9, "partner {} after {} leads: {} vs {:.3}", c.id, l + 1, got, exact);
                }
            }
        }
    }
}
