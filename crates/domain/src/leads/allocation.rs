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
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

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
    /// Partners that qualify for the lead's area by none of the pools tried.
    pub outside_area: usize,
    /// Partners of the pools tried that a hard filter excluded, with the reason.
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

/// An FxHash-style hasher for the slug tables: SipHash cost more than the rest of a lead's decision.
/// Flooding is no concern here: the keys are the partners' own slugs, set by admins, and a lead's
/// values are only looked up, never inserted.
#[derive(Debug, Default, Clone, Copy)]
struct SlugHasher(u64);

impl SlugHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for SlugHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(word(c));
        }
        if !chunks.remainder().is_empty() {
            self.add(word(chunks.remainder()));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // The table picks buckets from the low bits, which a multiply mixes least.
        self.0 ^ (self.0 >> 32)
    }
}

type SlugMap<'a, V> = HashMap<&'a str, V, BuildHasherDefault<SlugHasher>>;

/// A category's values interned as bits, so that "offers any requested service" is one AND.
#[derive(Debug, Default)]
struct Bits<'a> {
    index: SlugMap<'a, u32>,
    /// The same index as an open-addressed table keyed by a slug's first 8 bytes and length: a lead
    /// looks up half a dozen slugs, and even a cheap general hash map cost more than the decision.
    /// Empty when there are more values than fit a mask.
    slots: Vec<Slot<'a>>,
    /// `64 − log2(slots.len())`: a slot is the top bits of the key's hash.
    shift: u32,
}

#[derive(Debug, Clone, Copy)]
struct Slot<'a> {
    prefix: u64,
    value: &'a str,
    /// `u32::MAX` for an empty slot.
    bit: u32,
}

/// Up to 8 bytes as a zero-padded word. Byte by byte when shorter: a variable-length copy would be a
/// call to memmove, which costs more than the few bytes of a slug.
fn word(b: &[u8]) -> u64 {
    if let Some(head) = b.first_chunk::<8>() {
        return u64::from_le_bytes(*head);
    }
    b.iter()
        .enumerate()
        .fold(0u64, |p, (i, &x)| p | u64::from(x) << (8 * i))
}

/// A slug's first 8 bytes: with the length, equal means equal for slugs of 8 bytes or fewer (most of
/// them: languages, sizes).
fn prefix(v: &str) -> u64 {
    word(v.as_bytes())
}

/// Equality of two slugs of equal length beyond their first 8 bytes, a word at a time (not memcmp,
/// for the same reason as `word`).
fn same_tail(a: &[u8], b: &[u8]) -> bool {
    let (mut a, mut b) = (&a[8..], &b[8..]);
    while !a.is_empty() {
        let n = a.len().min(8);
        if word(&a[..n]) != word(&b[..n]) {
            return false;
        }
        (a, b) = (&a[n..], &b[n..]);
    }
    true
}

impl<'a> Bits<'a> {
    fn learn(&mut self, values: &'a BTreeSet<String>) {
        for v in values {
            let n = self.index.len() as u32;
            self.index.entry(v.as_str()).or_insert(n);
        }
    }

    /// Builds the lookup table, once every value is learnt.
    fn seal(&mut self) {
        self.slots.clear();
        if self.index.len() > 64 {
            return;
        }
        let empty = Slot {
            prefix: 0,
            value: "",
            bit: u32::MAX,
        };
        // At most half full, so probes stay short.
        let size = (2 * self.index.len()).next_power_of_two().max(2);
        self.slots.resize(size, empty);
        self.shift = 64 - size.trailing_zeros();
        let mask = self.slots.len() - 1;
        for (&value, &bit) in &self.index {
            let p = prefix(value);
            let mut at = self.slot_of(p, value.len());
            while self.slots[at].bit != u32::MAX {
                at = (at + 1) & mask;
            }
            self.slots[at] = Slot {
                prefix: p,
                value,
                bit,
            };
        }
    }

    fn slot_of(&self, prefix: u64, len: usize) -> usize {
        let h = (prefix ^ (len as u64).rotate_right(8)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        (h >> self.shift) as usize
    }

    fn get(&self, v: &str) -> Option<u32> {
        let p = prefix(v);
        let mask = self.slots.len() - 1;
        let mut at = self.slot_of(p, v.len());
        loop {
            let s = &self.slots[at];
            if s.bit == u32::MAX {
                return None;
            }
            if s.prefix == p
                && s.value.len() == v.len()
                && (v.len() <= 8 || same_tail(s.value.as_bytes(), v.as_bytes()))
            {
                return Some(s.bit);
            }
            at = (at + 1) & mask;
        }
    }

    /// `None` when the category has more distinct values than fit a mask (then sets are compared:
    /// the explained path, which gives the same decisions).
    fn mask<'s>(&self, values: impl IntoIterator<Item = &'s String>) -> Option<u64> {
        if self.slots.is_empty() {
            return None;
        }
        Some(
            values
                .into_iter()
                .filter_map(|v| self.get(v))
                .fold(0u64, |m, i| m | (1u64 << i)),
        )
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Masks {
    services: u64,
    languages: u64,
    segments: u64,
    sizes: u64,
    pricing: u64,
}

/// The allocator over one set of partners, indexed once: per lead it looks only at the partners of
/// the lead's area, and compares categories as bit masks.
#[derive(Debug)]
pub struct Allocator<'a> {
    policy: &'a Policy,
    candidates: &'a [Candidate],
    by_region: SlugMap<'a, Vec<u32>>,
    by_country: SlugMap<'a, Vec<u32>>,
    services: Bits<'a>,
    languages: Bits<'a>,
    segments: Bits<'a>,
    sizes: Bits<'a>,
    pricing: Bits<'a>,
    masks: Option<Vec<Masks>>,
    hot: Option<Hot<'a>>,
}

/// Buffers reused from lead to lead, so a replay of many leads does not allocate per lead.
#[derive(Debug, Default)]
pub struct Scratch {
    pool: Vec<u32>,
    remaining: Vec<(u32, f64)>,
    tied: Vec<u32>,
    eligible: Vec<u64>,
}

/// Running totals of one replay, aligned with the allocator's candidates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub credit: Vec<f64>,
    pub received: Vec<u64>,
    /// Offers made through this tally, counted against each partner's `capacity_left`.
    pub offered: Vec<u32>,
}

/// The candidates' filter data as flat arrays, for the replay loop.
///
/// The static filters are also kept as bit sets over candidate indices (`words` u64 per set), so a
/// lead's eligible partners are a few ANDs of its area's set with its services' and languages' sets,
/// instead of a branchy test of every partner in the area (most of which fail). Iterating the set
/// bits yields indices in ascending order: the pool order the explained path uses, which keeps the
/// floating-point sums, and so every decision, bit-identical.
#[derive(Debug)]
struct Hot<'a> {
    capacity: Vec<u32>,
    weight: Vec<f64>,
    masks: Vec<Masks>,
    words: usize,
    /// Partners not closed (active, not paused, capacity not zero): the any-region pool.
    open: Vec<u64>,
    /// All zeros: the set of an area nobody serves.
    none: Vec<u64>,
    regions: SlugMap<'a, Vec<u64>>,
    countries: SlugMap<'a, Vec<u64>>,
    /// The union of each region's neighbours, by region.
    neighbours: SlugMap<'a, Vec<u64>>,
    /// One set per service bit, concatenated.
    services: Vec<u64>,
    /// One set per language bit, concatenated.
    languages: Vec<u64>,
}

impl Hot<'_> {
    /// The set of `key` in `map`, without hashing when the map is empty (no partner names countries).
    fn area<'h>(&'h self, map: &'h SlugMap<Vec<u64>>, key: &str) -> &'h [u64] {
        if map.is_empty() {
            &self.none
        } else {
            map.get(key).map_or(&self.none, |s| s.as_slice())
        }
    }
}

fn bit_set(words: usize, members: impl IntoIterator<Item = u32>) -> Vec<u64> {
    let mut set = vec![0u64; words];
    for i in members {
        set[i as usize / 64] |= 1u64 << (i % 64);
    }
    set
}

/// One set per value (bit of `mask_of(candidate)`), concatenated.
fn sets_by_bit(
    words: usize,
    values: usize,
    masks: &[Masks],
    mask_of: impl Fn(&Masks) -> u64,
) -> Vec<u64> {
    let mut sets = vec![0u64; words * values];
    for (i, m) in masks.iter().enumerate() {
        let mut bits = mask_of(m);
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            sets[b * words + i / 64] |= 1u64 << (i % 64);
        }
    }
    sets
}

/// `out &= ` the union of the sets of the bits in `mask`.
fn keep_any_of(out: &mut [u64], sets: &[u64], mask: u64) {
    let words = out.len();
    for (w, o) in out.iter_mut().enumerate() {
        if *o == 0 {
            continue;
        }
        let mut union = 0u64;
        let mut bits = mask;
        while bits != 0 {
            let b = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            union |= sets[b * words + w];
        }
        *o &= union;
    }
}

impl<'a> Allocator<'a> {
    pub fn new(policy: &'a Policy, candidates: &'a [Candidate]) -> Self {
        let mut a = Allocator {
            policy,
            candidates,
            by_region: SlugMap::default(),
            by_country: SlugMap::default(),
            services: Bits::default(),
            languages: Bits::default(),
            segments: Bits::default(),
            sizes: Bits::default(),
            pricing: Bits::default(),
            masks: None,
            hot: None,
        };
        for (i, c) in candidates.iter().enumerate() {
            for r in &c.regions {
                a.by_region.entry(r.as_str()).or_default().push(i as u32);
            }
            for k in &c.countries {
                a.by_country.entry(k.as_str()).or_default().push(i as u32);
            }
            a.services.learn(&c.services);
            a.languages.learn(&c.languages);
            a.segments.learn(&c.segments);
            a.sizes.learn(&c.sizes);
            a.pricing.learn(&c.pricing);
        }
        for bits in [
            &mut a.services,
            &mut a.languages,
            &mut a.segments,
            &mut a.sizes,
            &mut a.pricing,
        ] {
            bits.seal();
        }
        let masks: Option<Vec<Masks>> = candidates
            .iter()
            .map(|c| {
                Some(Masks {
                    services: a.services.mask(&c.services)?,
                    languages: a.languages.mask(&c.languages)?,
                    segments: a.segments.mask(&c.segments)?,
                    sizes: a.sizes.mask(&c.sizes)?,
                    pricing: a.pricing.mask(&c.pricing)?,
                })
            })
            .collect();
        a.hot = masks.as_ref().map(|m| a.hot(m));
        a.masks = masks;
        a
    }

    fn hot(&self, masks: &[Masks]) -> Hot<'a> {
        let candidates = self.candidates;
        let words = candidates.len().div_ceil(64);
        // A closed partner has no capacity at all: one comparison filters both.
        let capacity: Vec<u32> = candidates
            .iter()
            .map(|c| {
                if c.active && !c.paused {
                    c.capacity_left.unwrap_or(u32::MAX)
                } else {
                    0
                }
            })
            .collect();
        let sets = |index: &SlugMap<'a, Vec<u32>>| -> SlugMap<'a, Vec<u64>> {
            index
                .iter()
                .map(|(k, v)| (*k, bit_set(words, v.iter().copied())))
                .collect()
        };
        let neighbours = self
            .policy
            .neighbours
            .iter()
            .map(|(region, near)| {
                let members = near
                    .iter()
                    .filter_map(|n| self.by_region.get(n.as_str()))
                    .flatten()
                    .copied();
                (region.as_str(), bit_set(words, members))
            })
            .collect();
        Hot {
            open: bit_set(
                words,
                (0..candidates.len() as u32).filter(|&i| capacity[i as usize] > 0),
            ),
            capacity,
            weight: candidates
                .iter()
                .map(|c| c.weight.max(f64::MIN_POSITIVE))
                .collect(),
            masks: masks.to_vec(),
            words,
            none: vec![0; words],
            regions: sets(&self.by_region),
            countries: sets(&self.by_country),
            neighbours,
            services: sets_by_bit(words, self.services.index.len(), masks, |m| m.services),
            languages: sets_by_bit(words, self.languages.index.len(), masks, |m| m.languages),
        }
    }

    pub fn tally(&self, ledger: &Ledger) -> Tally {
        Tally {
            credit: self
                .candidates
                .iter()
                .map(|c| ledger.credit.get(&c.id).copied().unwrap_or(0.0))
                .collect(),
            received: self
                .candidates
                .iter()
                .map(|c| ledger.received.get(&c.id).copied().unwrap_or(0))
                .collect(),
            offered: vec![0; self.candidates.len()],
        }
    }

    pub fn write_back(&self, tally: &Tally, ledger: &mut Ledger) {
        for (i, c) in self.candidates.iter().enumerate() {
            if tally.credit[i] != 0.0 {
                ledger.credit.insert(c.id, tally.credit[i]);
            }
            if tally.received[i] != 0 {
                ledger.received.insert(c.id, tally.received[i]);
            }
        }
    }

    fn lead_masks(&self, lead: &LeadRequest) -> Option<Masks> {
        let one = |b: &Bits, v: &Option<String>| b.mask(v.iter());
        Some(Masks {
            services: self.services.mask(&lead.services)?,
            languages: self.languages.mask(&lead.languages)?,
            segments: one(&self.segments, &lead.segment)?,
            sizes: one(&self.sizes, &lead.size)?,
            pricing: one(&self.pricing, &lead.pricing)?,
        })
    }

    fn hard_filter(
        &self,
        i: usize,
        lead: &LeadRequest,
        lm: Option<&Masks>,
        offered: u32,
    ) -> Option<Exclusion> {
        let c = &self.candidates[i];
        let offers = |want: &BTreeSet<String>, has: &BTreeSet<String>, wm: u64, hm: u64| {
            want.is_empty()
                || if lm.is_some() {
                    wm & hm != 0
                } else {
                    !has.is_disjoint(want)
                }
        };
        let (lm, cm) = match (lm, &self.masks) {
            (Some(l), Some(m)) => (*l, m[i]),
            _ => (Masks::default(), Masks::default()),
        };
        if !c.active {
            Some(Exclusion::NotActive)
        } else if c.paused {
            Some(Exclusion::Paused)
        } else if c.capacity_left.is_some_and(|cap| offered >= cap) {
            Some(Exclusion::AtCapacity)
        } else if !lead.declined_by.is_empty() && lead.declined_by.contains(&c.id) {
            Some(Exclusion::Declined)
        } else if !offers(&lead.services, &c.services, lm.services, cm.services) {
            Some(Exclusion::NoRequestedService)
        } else if !offers(&lead.languages, &c.languages, lm.languages, cm.languages) {
            Some(Exclusion::NoRequestedLanguage)
        } else {
            None
        }
    }

    fn weight(&self, i: usize, lead: &LeadRequest, lm: Option<&Masks>) -> f64 {
        let c = &self.candidates[i];
        let p = &self.policy.preferences;
        let (seg, size, price) = match (lm, &self.masks) {
            (Some(l), Some(m)) => (
                l.segments & m[i].segments != 0,
                l.sizes & m[i].sizes != 0,
                l.pricing & m[i].pricing != 0,
            ),
            _ => {
                let has = |want: &Option<String>, set: &BTreeSet<String>| {
                    want.as_ref().is_some_and(|w| set.contains(w))
                };
                (
                    has(&lead.segment, &c.segments),
                    has(&lead.size, &c.sizes),
                    has(&lead.pricing, &c.pricing),
                )
            }
        };
        let mut w = 1.0;
        if seg {
            w += p.segment;
        }
        if size {
            w += p.size;
        }
        if price {
            w += p.pricing;
        }
        c.weight.max(f64::MIN_POSITIVE) * w
    }

    /// Indices of the partners in `pool` for this lead, sorted and without duplicates.
    fn pool(&self, lead: &LeadRequest, pool: Pool, out: &mut Vec<u32>) {
        out.clear();
        match pool {
            Pool::OwnRegion => {
                // Both lists are sorted (built in candidate order): merge them.
                let a: &[u32] = self
                    .by_region
                    .get(lead.region.as_str())
                    .map_or(&[], |v| v.as_slice());
                let b: &[u32] = self
                    .by_country
                    .get(lead.country.as_str())
                    .map_or(&[], |v| v.as_slice());
                if a.is_empty() || b.is_empty() {
                    out.extend_from_slice(if a.is_empty() { b } else { a });
                    return;
                }
                let (mut i, mut j) = (0, 0);
                while i < a.len() || j < b.len() {
                    let next = match (a.get(i), b.get(j)) {
                        (Some(&x), Some(&y)) if x == y => {
                            i += 1;
                            j += 1;
                            x
                        }
                        (Some(&x), Some(&y)) if x < y => {
                            i += 1;
                            x
                        }
                        (Some(_), Some(&y)) | (None, Some(&y)) => {
                            j += 1;
                            y
                        }
                        (Some(&x), None) => {
                            i += 1;
                            x
                        }
                        (None, None) => break,
                    };
                    out.push(next);
                }
                return;
            }
            Pool::NeighbouringRegions => {
                for n in self
                    .policy
                    .neighbours
                    .get(&lead.region)
                    .into_iter()
                    .flatten()
                {
                    out.extend(self.by_region.get(n.as_str()).into_iter().flatten());
                }
            }
            Pool::AnyRegion => out.extend(0..self.candidates.len() as u32),
        }
        out.sort_unstable();
        out.dedup();
    }

    fn pools(&self) -> impl Iterator<Item = Pool> + '_ {
        std::iter::once(Pool::OwnRegion).chain(self.policy.fallback.iter().map(|f| match f {
            Fallback::NeighbouringRegions => Pool::NeighbouringRegions,
            Fallback::AnyRegion => Pool::AnyRegion,
        }))
    }

    /// Decides one lead, updating `tally`; with `explain`, also says why.
    pub fn allocate(&self, lead: &LeadRequest, tally: &mut Tally, explain: bool) -> Explanation {
        self.allocate_with(lead, tally, explain, &mut Scratch::default())
    }

    /// As `allocate`, reusing `scratch` between calls (replays of many leads).
    pub fn allocate_with(
        &self,
        lead: &LeadRequest,
        tally: &mut Tally,
        explain: bool,
        scratch: &mut Scratch,
    ) -> Explanation {
        let lm = self.lead_masks(lead);
        if let (false, true, Some(hot), Some(lm)) =
            (explain, lead.declined_by.is_empty(), &self.hot, &lm)
        {
            return self.allocate_fast(lead, tally, scratch, hot, lm);
        }
        let mut considered: BTreeSet<u32> = BTreeSet::new();
        let mut excluded: Vec<(i64, Exclusion)> = vec![];
        let mut pool_buf = std::mem::take(&mut scratch.pool);
        for pool in self.pools() {
            self.pool(lead, pool, &mut pool_buf);
            scratch.remaining.clear();
            for &i in &pool_buf {
                if explain && !considered.insert(i) {
                    continue;
                }
                match self.hard_filter(i as usize, lead, lm.as_ref(), tally.offered[i as usize]) {
                    None => scratch
                        .remaining
                        .push((i, self.weight(i as usize, lead, lm.as_ref()))),
                    Some(reason) if explain => {
                        excluded.push((self.candidates[i as usize].id, reason))
                    }
                    Some(_) => {}
                }
            }
            if !scratch.remaining.is_empty() {
                scratch.pool = pool_buf;
                let mut e = self.decide(lead, tally, scratch, explain);
                e.pool = Some(pool);
                excluded.sort_unstable();
                e.excluded = excluded;
                e.outside_area = self.candidates.len().saturating_sub(considered.len());
                return e;
            }
        }
        scratch.pool = pool_buf;
        excluded.sort_unstable();
        Explanation {
            lead_id: lead.id,
            pool: None,
            candidates: vec![],
            outside_area: self.candidates.len().saturating_sub(considered.len()),
            excluded,
            tie: vec![],
            chosen: vec![],
            queued: true,
        }
    }

    /// The same decision as the explained path, from the flat arrays: what replays and dry runs use.
    fn allocate_fast(
        &self,
        lead: &LeadRequest,
        tally: &mut Tally,
        scratch: &mut Scratch,
        hot: &Hot,
        lm: &Masks,
    ) -> Explanation {
        // The preference factor for each combination of matches (segment, size, pricing), added up
        // in the order `weight` adds them, so the values are bit-identical; a lookup instead of three
        // unpredictable branches per partner.
        let p = &self.policy.preferences;
        let factor: [f64; 8] = std::array::from_fn(|m| {
            let mut f = 1.0;
            if m & 1 != 0 {
                f += p.segment;
            }
            if m & 2 != 0 {
                f += p.size;
            }
            if m & 4 != 0 {
                f += p.pricing;
            }
            f
        });
        let mut eligible = std::mem::take(&mut scratch.eligible);
        eligible.clear();
        eligible.resize(hot.words, 0);
        for pool in self.pools() {
            let (a, b) = match pool {
                Pool::OwnRegion => (
                    hot.area(&hot.regions, &lead.region),
                    hot.area(&hot.countries, &lead.country),
                ),
                Pool::NeighbouringRegions => {
                    (hot.area(&hot.neighbours, &lead.region), &hot.none[..])
                }
                Pool::AnyRegion => (&hot.open[..], &hot.none[..]),
            };
            for (w, e) in eligible.iter_mut().enumerate() {
                *e = (a[w] | b[w]) & hot.open[w];
            }
            if !lead.services.is_empty() {
                keep_any_of(&mut eligible, &hot.services, lm.services);
            }
            if !lead.languages.is_empty() {
                keep_any_of(&mut eligible, &hot.languages, lm.languages);
            }
            scratch.remaining.clear();
            for (w, &bits) in eligible.iter().enumerate() {
                let mut bits = bits;
                while bits != 0 {
                    let k = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    // Capacity changes with every offer, so it is the one filter tested here.
                    if tally.offered[k] >= hot.capacity[k] {
                        continue;
                    }
                    let m = &hot.masks[k];
                    let matches = usize::from(m.segments & lm.segments != 0)
                        | usize::from(m.sizes & lm.sizes != 0) << 1
                        | usize::from(m.pricing & lm.pricing != 0) << 2;
                    scratch
                        .remaining
                        .push((k as u32, hot.weight[k] * factor[matches]));
                }
            }
            if !scratch.remaining.is_empty() {
                scratch.eligible = eligible;
                let mut e = self.decide(lead, tally, scratch, false);
                e.pool = Some(pool);
                return e;
            }
        }
        scratch.eligible = eligible;
        Explanation {
            lead_id: lead.id,
            pool: None,
            candidates: vec![],
            outside_area: 0,
            excluded: vec![],
            tie: vec![],
            chosen: vec![],
            queued: true,
        }
    }

    /// Fan-out of k is k draws without replacement, each by the deficit rule over the partners not
    /// drawn yet, so each draw keeps the rule's fairness properties.
    fn decide(
        &self,
        lead: &LeadRequest,
        tally: &mut Tally,
        scratch: &mut Scratch,
        explain: bool,
    ) -> Explanation {
        let Scratch {
            remaining, tied, ..
        } = scratch;
        let mut chosen = vec![];
        let mut candidates = vec![];
        let mut tie = vec![];
        let draws = self.policy.fan_out.max(1);
        for draw in 0..draws {
            if remaining.is_empty() {
                break;
            }
            let total: f64 = remaining.iter().map(|(_, w)| w).sum();
            let inverse = 1.0 / total;
            let mut best = f64::NEG_INFINITY;
            tied.clear();
            for &(i, w) in remaining.iter() {
                let i = i as usize;
                tally.credit[i] += w * inverse;
                let score = tally.credit[i] - tally.received[i] as f64;
                if score > best + EPSILON {
                    best = score;
                    tied.clear();
                    tied.push(i as u32);
                } else if (score - best).abs() <= EPSILON {
                    tied.push(i as u32);
                }
            }
            let seed = &self.policy.tie_break_seed;
            let winner = if tied.len() == 1 {
                tied[0]
            } else {
                tied.iter()
                    .copied()
                    .min_by_key(|&i| tie_hash(seed, lead.id, self.candidates[i as usize].id))
                    .unwrap_or(tied[0])
            };
            if explain && draw == 0 {
                if tied.len() > 1 {
                    tie = tied
                        .iter()
                        .map(|&i| self.candidates[i as usize].id)
                        .collect();
                }
                candidates = remaining
                    .iter()
                    .map(|&(i, w)| {
                        let id = self.candidates[i as usize].id;
                        let credit = tally.credit[i as usize];
                        let received = tally.received[i as usize];
                        Scored {
                            partner_id: id,
                            weight: w,
                            share: w / total,
                            credit,
                            received,
                            score: credit - received as f64,
                            tie_hash: tie_hash(seed, lead.id, id),
                        }
                    })
                    .collect();
                candidates.sort_by(|a: &Scored, b: &Scored| {
                    b.score
                        .total_cmp(&a.score)
                        .then(a.tie_hash.cmp(&b.tie_hash))
                });
            }
            tally.received[winner as usize] += 1;
            tally.offered[winner as usize] += 1;
            chosen.push(self.candidates[winner as usize].id);
            if draw + 1 < draws {
                remaining.retain(|(i, _)| *i != winner);
            }
        }
        Explanation {
            lead_id: lead.id,
            pool: None,
            candidates,
            outside_area: 0,
            excluded: vec![],
            tie,
            chosen,
            queued: false,
        }
    }
}

/// Decides who is offered `lead`, updating `ledger`. Deterministic: the same inputs give the same
/// decision and ledger.
pub fn allocate(
    policy: &Policy,
    candidates: &[Candidate],
    lead: &LeadRequest,
    ledger: &mut Ledger,
) -> Explanation {
    let a = Allocator::new(policy, candidates);
    let mut tally = a.tally(ledger);
    let e = a.allocate(lead, &mut tally, true);
    a.write_back(&tally, ledger);
    e
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
}
