//! The workload of `agora bench allocator` (same seed, same data), runnable without building the
//! whole workspace: `cargo run --release -p agora-domain --example allocator_bench [leads] [partners]`.
//! A copy of the generation in `crates/agora/src/bench.rs`: keep the two in step, or the numbers
//! stop being comparable.

use agora_domain::allocation::{Allocator, Candidate, LeadRequest, Policy};
use agora_domain::geo::RegionMap;
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service};
use std::collections::BTreeSet;
use std::time::Instant;

/// Deterministic pseudo-random numbers, so every run measures the same workload.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const LANGUAGES: &[&str] = &["en", "es", "fr", "pt", "ar", "de", "zh", "hi"];

fn some(rng: &mut Rng, items: &[&str], max: usize) -> BTreeSet<String> {
    let n = 1 + rng.below(max);
    (0..n)
        .map(|_| items[rng.below(items.len())].to_string())
        .collect()
}

/// Replays `leads` synthetic leads over `partners` partners in 6 regions, with the filters a real
/// policy applies (services, languages, pauses, monthly capacities, preferences).
fn allocator(leads: usize, partners: usize) {
    let map = RegionMap::default_map();
    let regions: Vec<&agora_domain::geo::Region> = map.regions().iter().take(6).collect();
    let services: Vec<&str> = Service::ALL.iter().map(|s| s.slug()).collect();
    let segments: Vec<&str> = Segment::ALL.iter().map(|s| s.slug()).collect();
    let sizes: Vec<&str> = CompanySize::ALL.iter().map(|s| s.slug()).collect();
    let pricing: Vec<&str> = Pricing::ALL.iter().map(|s| s.slug()).collect();
    let mut rng = Rng(0x5eed_2026);
    let candidates: Vec<Candidate> = (0..partners)
        .map(|i| {
            let mut served = BTreeSet::from([regions[i % regions.len()].slug.clone()]);
            if rng.chance(30) {
                served.insert(regions[rng.below(regions.len())].slug.clone());
            }
            Candidate {
                id: i as i64 + 1,
                weight: 1.0,
                active: !rng.chance(5),
                paused: rng.chance(5),
                capacity_left: rng.chance(30).then(|| 500 + rng.below(4500) as u32),
                regions: served,
                countries: BTreeSet::new(),
                services: some(&mut rng, &services, 4),
                languages: some(&mut rng, LANGUAGES, 3),
                segments: some(&mut rng, &segments, 3),
                sizes: some(&mut rng, &sizes, 2),
                pricing: some(&mut rng, &pricing, 2),
            }
        })
        .collect();
    let lead_list: Vec<LeadRequest> = (0..leads)
        .map(|i| {
            let region = regions[rng.below(regions.len())];
            LeadRequest {
                id: i as i64 + 1,
                country: region.countries[rng.below(region.countries.len())].clone(),
                region: region.slug.clone(),
                services: some(&mut rng, &services, 2),
                languages: if rng.chance(70) {
                    BTreeSet::from(["en".to_string()])
                } else {
                    some(&mut rng, LANGUAGES, 1)
                },
                segment: Some(segments[rng.below(segments.len())].to_string()),
                size: Some(sizes[rng.below(sizes.len())].to_string()),
                pricing: Some(pricing[rng.below(pricing.len())].to_string()),
                declined_by: BTreeSet::new(),
            }
        })
        .collect();
    let policy = Policy::default();
    let allocator = Allocator::new(&policy, &candidates);
    let mut tally = allocator.tally(&Default::default());
    let on_cpu = on_cpu_ns();
    let start = Instant::now();
    let mut queued = 0usize;
    let mut scratch = agora_domain::allocation::Scratch::default();
    for lead in &lead_list {
        if allocator
            .allocate_with(lead, &mut tally, false, &mut scratch)
            .queued
        {
            queued += 1;
        }
    }
    let elapsed = start.elapsed();
    let on_cpu = on_cpu_ns().zip(on_cpu).map(|(b, a)| (b - a) as f64 / 1e9);
    println!(
        "allocator: {leads} leads over {partners} partners in {} regions: {:.3} s ({:.0} leads/s); {queued} queued",
        regions.len(),
        elapsed.as_secs_f64(),
        leads as f64 / elapsed.as_secs_f64()
    );
    // On a shared machine the wall time includes waiting for a core; the thread's own CPU time
    // (Linux only) does not.
    if let Some(s) = on_cpu {
        println!("on-CPU time: {s:.3} s");
    }
    // Outside the timing: a fingerprint of the final tally, so a change that alters any decision
    // (or any credit bit) shows up as a different number between runs of two versions.
    let fingerprint = tally
        .credit
        .iter()
        .map(|c| c.to_bits())
        .chain(tally.received.iter().copied())
        .chain(tally.offered.iter().map(|&o| u64::from(o)))
        .fold(0xcbf2_9ce4_8422_2325u64, |h, x| {
            (h ^ x).wrapping_mul(0x0100_0000_01b3)
        });
    println!("tally fingerprint: {fingerprint:016x}");
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let leads = args.next().and_then(Result::ok).unwrap_or(1_000_000);
    let partners = args.next().and_then(Result::ok).unwrap_or(1_000);
    allocator(leads, partners);
}

/// Nanoseconds this thread has run on a CPU, from Linux's schedstat.
fn on_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
