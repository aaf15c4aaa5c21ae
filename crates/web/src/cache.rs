//! A cache of rendered public pages for anonymous visitors. Each entry remembers the directory version
//! it was rendered at; the version is a row in the database that every write to the directory bumps, so
//! a write on any instance invalidates every instance's cache. An instance re-reads the version at most
//! once per `check_interval` (a local write invalidates its own cache at once).

use bytes::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MAX_ENTRIES: usize = 10_000;

#[derive(Clone)]
pub struct CachedPage {
    pub version: i64,
    pub headers: Vec<(&'static str, axum::http::HeaderValue)>,
    pub body: Bytes,
}

pub struct PageCache {
    entries: Mutex<HashMap<String, CachedPage>>,
    /// The region map, which every lead submission needs and which changes only with the directory.
    regions: Mutex<Option<(i64, std::sync::Arc<agora_domain::geo::RegionMap>)>>,
    version: AtomicI64,
    checked_at: Mutex<Option<Instant>>,
    check_interval: Duration,
}

impl PageCache {
    pub fn new(check_interval: Duration) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            regions: Mutex::new(None),
            version: AtomicI64::new(-1),
            checked_at: Mutex::new(None),
            check_interval,
        }
    }

    /// Whether the shared version should be read again now.
    pub fn needs_check(&self) -> bool {
        let mut at = self.checked_at.lock().unwrap_or_else(|e| e.into_inner());
        match *at {
            Some(t) if t.elapsed() < self.check_interval => false,
            _ => {
                *at = Some(Instant::now());
                true
            }
        }
    }

    pub fn set_version(&self, v: i64) {
        self.version.store(v, Ordering::Relaxed);
    }

    pub fn version(&self) -> i64 {
        self.version.load(Ordering::Relaxed)
    }

    /// After a write through this instance: check the shared version on the next request.
    pub fn invalidate(&self) {
        *self.checked_at.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    pub fn regions(&self) -> Option<std::sync::Arc<agora_domain::geo::RegionMap>> {
        let v = self.version();
        let r = self.regions.lock().unwrap_or_else(|e| e.into_inner());
        r.as_ref()
            .filter(|(at, _)| *at == v)
            .map(|(_, m)| m.clone())
    }

    pub fn put_regions(&self, version: i64, map: std::sync::Arc<agora_domain::geo::RegionMap>) {
        *self.regions.lock().unwrap_or_else(|e| e.into_inner()) = Some((version, map));
    }

    pub fn get(&self, key: &str) -> Option<CachedPage> {
        let v = self.version();
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.get(key).filter(|p| p.version == v).cloned()
    }

    pub fn put(&self, key: String, page: CachedPage) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, page);
    }
}

/// The region map, from this instance's cache while the directory version is unchanged.
pub async fn region_map(
    state: &crate::AppState,
) -> Result<std::sync::Arc<agora_domain::geo::RegionMap>, agora_store::StoreError> {
    if state.cache.needs_check() {
        state
            .cache
            .set_version(state.store.directory_version().await?);
    }
    if let Some(m) = state.cache.regions() {
        return Ok(m);
    }
    let version = state.cache.version();
    let map = std::sync::Arc::new(state.store.region_map().await?);
    state.cache.put_regions(version, map.clone());
    Ok(map)
}
