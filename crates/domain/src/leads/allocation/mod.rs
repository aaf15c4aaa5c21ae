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

mod decide;
#[cfg(test)]
mod tests;

use crate::obligations::ObligationStatus;
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

/// How much of its share a partner keeps by its standing on the marketing obligations (issue 11).
/// Off unless a policy version turns it on; a factor only lowers a share, never raises or zeroes it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ComplianceWeights {
    /// Factor for a partner behind the year's pace.
    pub behind: f64,
    /// Factor for a partner whose year ended short (or whose previous year did).
    pub overdue: f64,
}

impl ComplianceWeights {
    /// The smallest factor: a share a hundred times smaller is already next to nothing, and a
    /// smaller one would make the credits of a lead overflow.
    pub const MIN: f64 = 0.01;

    pub fn in_range(f: f64) -> bool {
        f.is_finite() && (Self::MIN..=1.0).contains(&f)
    }

    /// What is wrong with the factors, each as (`"behind"` or `"overdue"`, code): each within
    /// [`Self::MIN`] and 1, and overdue, the worse standing, never gentler than behind.
    pub fn problems(&self) -> Vec<(&'static str, &'static str)> {
        let mut out: Vec<(&'static str, &'static str)> =
            [("behind", self.behind), ("overdue", self.overdue)]
                .into_iter()
                .filter(|(_, f)| !Self::in_range(*f))
                .map(|(name, _)| (name, "invalid-compliance-factor"))
                .collect();
        if out.is_empty() && self.overdue > self.behind {
            out.push(("overdue", "compliance-overdue-above-behind"));
        }
        out
    }
}

impl Default for ComplianceWeights {
    fn default() -> Self {
        Self {
            behind: 0.5,
            overdue: 0.25,
        }
    }
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
    /// `None` (the default): obligations play no part in allocation.
    #[serde(default)]
    pub compliance: Option<ComplianceWeights>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            preferences: Preferences::default(),
            fan_out: 1,
            fallback: vec![Fallback::NeighbouringRegions, Fallback::AnyRegion],
            neighbours: BTreeMap::new(),
            tie_break_seed: "agora".into(),
            compliance: None,
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
        if let Some((_, code)) = self.compliance.and_then(|c| c.problems().first().copied()) {
            return Err(code);
        }
        Ok(())
    }

    /// The factor a partner's share is multiplied by for its obligations standing: 1 when the
    /// policy does not weigh compliance or the standing is met or on track.
    pub fn compliance_factor(&self, standing: Option<ObligationStatus>) -> f64 {
        match (self.compliance, standing) {
            (Some(w), Some(ObligationStatus::Behind)) => w.behind,
            (Some(w), Some(ObligationStatus::Overdue)) => w.overdue,
            _ => 1.0,
        }
    }

    /// A candidate's weight before the lead's preferences: its base weight times its compliance
    /// factor. Both decision paths start from this one value, so they stay bit-identical.
    fn base_weight(&self, c: &Candidate) -> f64 {
        c.weight.max(f64::MIN_POSITIVE) * self.compliance_factor(c.compliance)
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
    /// Its standing on the marketing obligations, when the policy weighs compliance.
    #[serde(default)]
    pub compliance: Option<ObligationStatus>,
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

fn one() -> f64 {
    1.0
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
    /// Base weight times the compliance factor times the matched preferences.
    pub weight: f64,
    /// The standing on the obligations that set `compliance_factor`, when the policy weighed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compliance: Option<ObligationStatus>,
    #[serde(default = "one")]
    pub compliance_factor: f64,
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
                .map(|c| self.policy.base_weight(c))
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
        self.policy.base_weight(c) * w
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
