//! Rate-limit counters: counted in memory, shared through the database in batches.
//!
//! A per-attempt database write made every anonymous lead submission and every sign-in queue for
//! SQLite's single write lock. Here an attempt only touches memory; a background task adds what this
//! instance counted to the shared counters every `flush_interval` (one transaction for all keys) and
//! learns the totals every instance has counted. A key this instance has not seen in the window is
//! read once from the database, so a restart or another instance's attempts are not forgotten.
//!
//! The price is that attempts made on *other* instances are seen up to one flush interval late; the
//! attempts of this instance are always counted at once, so the limit holds exactly on one instance
//! and within a few requests on several.

use agora_store::{RateDelta, Store};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

/// Keys kept in memory before synced, idle ones are dropped (they can be read back).
const MAX_SLOTS: usize = 100_000;

#[derive(Debug)]
struct Slot {
    window_secs: i64,
    window_start: i64,
    /// The shared total as of the last flush or read.
    shared: i64,
    /// Counted here and being written by a flush now.
    flushing: i64,
    /// Counted here since the last flush.
    pending: i64,
    /// Cleared since the last flush: the next flush replaces the shared count.
    reset: bool,
    /// Bumped by a clear or a new window, so a flush that started before does not bring old totals back.
    generation: u64,
}

impl Slot {
    fn count(&self) -> i64 {
        self.shared + self.flushing + self.pending
    }
}

pub struct Limiter {
    store: Store,
    slots: Mutex<HashMap<String, Slot>>,
    /// One flush at a time, so a total read back always covers everything flushed before it.
    flushing: tokio::sync::Mutex<()>,
    clock: Box<dyn Fn() -> i64 + Send + Sync>,
}

fn window_start(now: i64, window_secs: i64) -> i64 {
    let w = window_secs.max(1);
    now.div_euclid(w) * w
}

impl Limiter {
    /// Counts on the application's clock (seconds since the epoch).
    pub fn new(store: Store, clock: std::sync::Arc<crate::scheduler::Clock>) -> Self {
        Self::with_clock(store, move || clock.now().timestamp())
    }

    fn with_clock(store: Store, clock: impl Fn() -> i64 + Send + Sync + 'static) -> Self {
        Self {
            store,
            slots: Mutex::new(HashMap::new()),
            flushing: tokio::sync::Mutex::new(()),
            clock: Box::new(clock),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Slot>> {
        // A panic while holding the lock cannot leave a slot half-updated in a harmful way.
        self.slots.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Makes sure `key` has a slot for the current window, reading the shared count if it is new here.
    async fn ensure(&self, key: &str, window_secs: i64) -> agora_store::Result<i64> {
        let now = (self.clock)();
        let start = window_start(now, window_secs);
        {
            let mut slots = self.lock();
            if let Some(s) = slots.get_mut(key) {
                if s.window_start == start {
                    return Ok(start);
                }
                if s.window_start < start {
                    *s = Slot {
                        window_secs,
                        window_start: start,
                        shared: 0,
                        flushing: 0,
                        pending: 0,
                        reset: false,
                        generation: s.generation + 1,
                    };
                    return Ok(start);
                }
            }
        }
        let shared = self.store.rate_limit_count(key, start).await?;
        let mut slots = self.lock();
        slots.entry(key.to_string()).or_insert(Slot {
            window_secs,
            window_start: start,
            shared,
            flushing: 0,
            pending: 0,
            reset: false,
            generation: 0,
        });
        Ok(start)
    }

    /// Counts one attempt under `key` and returns how many the current window holds, this one included.
    pub async fn hit(&self, key: &str, window_secs: i64) -> agora_store::Result<i64> {
        self.ensure(key, window_secs).await?;
        let mut slots = self.lock();
        let s = slots.get_mut(key).expect("slot ensured above");
        s.pending += 1;
        Ok(s.count())
    }

    /// How many attempts the current window holds under `key`, without counting one.
    pub async fn peek(&self, key: &str, window_secs: i64) -> agora_store::Result<i64> {
        self.ensure(key, window_secs).await?;
        Ok(self.lock().get(key).map_or(0, Slot::count))
    }

    /// Forgets the attempts under `key` (for example after a successful sign-in).
    pub fn clear(&self, key: &str) {
        if let Some(s) = self.lock().get_mut(key) {
            s.shared = 0;
            s.flushing = 0;
            s.pending = 0;
            s.reset = true;
            s.generation += 1;
        }
    }

    /// Adds what this instance counted to the shared counters and learns their totals.
    pub async fn flush(&self) -> agora_store::Result<()> {
        let _one = self.flushing.lock().await;
        let now = (self.clock)();
        let mut taken = vec![];
        {
            let mut slots = self.lock();
            // Windows that have ended and owe nothing are forgotten; memory stays bounded.
            slots.retain(|_, s| {
                s.pending > 0
                    || s.flushing > 0
                    || s.reset
                    || window_start(now, s.window_secs) == s.window_start
            });
            if slots.len() > MAX_SLOTS {
                slots.retain(|_, s| s.pending > 0 || s.flushing > 0 || s.reset);
            }
            for (key, s) in slots.iter_mut() {
                if s.pending == 0 && !s.reset {
                    continue;
                }
                taken.push((
                    RateDelta {
                        key: key.clone(),
                        window_start: s.window_start,
                        delta: s.pending,
                        reset: s.reset,
                    },
                    s.generation,
                ));
                s.flushing += s.pending;
                s.pending = 0;
                s.reset = false;
            }
        }
        if taken.is_empty() {
            return Ok(());
        }
        let deltas: Vec<RateDelta> = taken.iter().map(|(d, _)| d.clone()).collect();
        let result = self.store.flush_rate_limits(&deltas).await;
        let mut slots = self.lock();
        for (i, (d, generation)) in taken.into_iter().enumerate() {
            let Some(s) = slots.get_mut(&d.key) else {
                continue;
            };
            if s.generation != generation || s.window_start != d.window_start {
                continue;
            }
            s.flushing -= d.delta;
            match &result {
                Ok(totals) => s.shared = totals[i],
                // Not lost: counted again at the next flush.
                Err(_) => {
                    s.pending += d.delta;
                    s.reset |= d.reset;
                }
            }
        }
        result.map(|_| ())
    }

    /// Flushes every `interval` until the task is aborted. Every instance flushes its own counts, so
    /// this is not a leased job; ended windows are dropped by the cleanup job.
    pub fn spawn(self: std::sync::Arc<Self>, interval: Duration) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(interval);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = self.flush().await {
                    tracing::warn!(error = %e, "rate-limit flush failed; retrying");
                }
            }
        })
    }
}

/// How long to hold a password check for an account that has `failures` recent failures from any
/// address: nothing up to `free`, then doubling from a quarter second, at most three seconds. Guessing
/// becomes slow while the owner, who is never refused, waits a few seconds at worst.
pub fn slowdown(failures: i64, free: i64) -> Duration {
    let over = failures - free;
    if over <= 0 {
        return Duration::ZERO;
    }
    let ms = 250u64.saturating_mul(1u64 << (over - 1).min(16));
    Duration::from_millis(ms.min(3_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    use agora_store::testing::{Backend, TestDb};

    fn t0() -> i64 {
        7_200
    }

    async fn two_instances(backend: Backend) -> Option<(TestDb, Limiter, Limiter)> {
        let db = TestDb::new(backend).await.expect("db")?;
        let a = Limiter::with_clock(db.store.clone(), t0);
        let b = Limiter::with_clock(db.store.clone(), t0);
        Some((db, a, b))
    }

    async fn instances_share_counts(backend: Backend) {
        let Some((_db, a, b)) = two_instances(backend).await else {
            return;
        };
        for n in 1..=3 {
            assert_eq!(a.hit("k", 60).await.expect("hit"), n);
        }
        // B has not heard of A's attempts yet: they are still in A's memory.
        assert_eq!(b.peek("k", 60).await.expect("peek"), 0);
        a.flush().await.expect("flush");
        // A key new to B is read from the database.
        assert_eq!(b.hit("k2", 60).await.expect("hit"), 1);
        let c = Limiter::with_clock(a.store.clone(), t0);
        assert_eq!(c.hit("k", 60).await.expect("hit"), 4);
        // B already had a slot for "k" (count 0): it learns the total at its next flush.
        b.hit("k", 60).await.expect("hit");
        b.flush().await.expect("flush");
        assert_eq!(b.peek("k", 60).await.expect("peek"), 4);
        c.flush().await.expect("flush");
        // A learns the others' attempts when it next flushes its own.
        assert_eq!(a.hit("k", 60).await.expect("hit"), 4);
        a.flush().await.expect("flush");
        assert_eq!(a.peek("k", 60).await.expect("peek"), 6);
        // A clear is shared too.
        a.clear("k");
        assert_eq!(a.peek("k", 60).await.expect("peek"), 0);
        a.flush().await.expect("flush");
        let d = Limiter::with_clock(a.store.clone(), t0);
        assert_eq!(d.peek("k", 60).await.expect("peek"), 0);
    }

    #[tokio::test]
    async fn instances_share_counts_sqlite() {
        instances_share_counts(Backend::Sqlite).await;
    }

    #[tokio::test]
    async fn instances_share_counts_postgres() {
        instances_share_counts(Backend::Postgres).await;
    }

    #[tokio::test]
    async fn a_failed_flush_keeps_the_counts() {
        let db = TestDb::sqlite().await.expect("db");
        let a = Limiter::with_clock(db.store.clone(), t0);
        a.hit("k", 60).await.expect("hit");
        a.hit("k", 60).await.expect("hit");
        db.store.close().await;
        assert!(a.flush().await.is_err());
        assert_eq!(a.peek("k", 60).await.expect("peek"), 2);
    }

    #[test]
    fn slowdown_grows_then_stops_growing() {
        assert_eq!(slowdown(0, 10), Duration::ZERO);
        assert_eq!(slowdown(10, 10), Duration::ZERO);
        assert_eq!(slowdown(11, 10), Duration::from_millis(250));
        assert_eq!(slowdown(12, 10), Duration::from_millis(500));
        assert_eq!(slowdown(14, 10), Duration::from_millis(2_000));
        assert_eq!(slowdown(15, 10), Duration::from_millis(3_000));
        assert_eq!(slowdown(i64::MAX, 10), Duration::from_millis(3_000));
    }

    proptest::proptest! {
        #[test]
        fn slowdown_is_monotone_and_bounded(a in 0i64..10_000, b in 0i64..10_000, free in 0i64..100) {
            let (lo, hi) = (a.min(b), a.max(b));
            proptest::prop_assert!(slowdown(lo, free) <= slowdown(hi, free));
            proptest::prop_assert!(slowdown(hi, free) <= Duration::from_secs(3));
        }
    }

    #[test]
    fn windows_are_aligned() {
        assert_eq!(window_start(3_601, 3_600), 3_600);
        assert_eq!(window_start(3_599, 3_600), 0);
        assert_eq!(window_start(10, 0), 10);
    }
}
