//! Deciding a lead: the deficit rule over the pools in order, on the fast (indexed) path or with a
//! full explanation; both give the same decision (property tests).

use super::*;

impl<'a> Allocator<'a> {
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
                        excluded.push((self.candidates[i as usize].id, reason));
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
    pub(super) fn allocate_fast(
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
    pub(super) fn decide(
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
                        let c = &self.candidates[i as usize];
                        let id = c.id;
                        let factor = self.policy.compliance_factor(c.compliance);
                        let credit = tally.credit[i as usize];
                        let received = tally.received[i as usize];
                        Scored {
                            partner_id: id,
                            weight: w,
                            compliance: self.policy.compliance.and(c.compliance),
                            compliance_factor: factor,
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
