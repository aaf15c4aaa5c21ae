//! A cache of rendered public pages for anonymous visitors. Each entry remembers the directory version
//! it was rendered at; the version is a row in the database that every write to the directory bumps, so
//! a write on any instance invalidates every instance's cache. An instance re-reads the version at most
//! once per `check_interval` (a local write invalidates its own cache at once).
//!
//! Entries are bounded by their size in bytes, and admitted by how often their key is asked for
//! (moka's TinyLFU), so a crawler asking for endless query strings cannot push out the pages people read.

use axum::http::{HeaderName, HeaderValue, Uri};
use bytes::Bytes;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A rendered page, with the handles of its route's request metrics (registered once, when the page
/// is stored, so that a hit costs two atomic updates instead of a lookup of labelled metrics).
pub struct CachedPage {
    pub version: i64,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    pub body: Bytes,
    pub requests: metrics::Counter,
    pub duration: metrics::Histogram,
}

pub struct PageCache {
    pages: moka::sync::Cache<String, Arc<CachedPage>>,
    /// Pages that read many tables and the time (a group's page), kept `BRIEF_TTL` for anonymous
    /// visitors under a key that holds this instance's count of writes and the clock's minute.
    brief: moka::sync::Cache<String, Arc<CachedPage>>,
    /// The region map, which every lead submission needs and which changes only with the directory.
    regions: Mutex<Option<(i64, Arc<agora_domain::geo::RegionMap>)>>,
    version: AtomicI64,
    /// Milliseconds since `started` when the shared version was last read; `NEVER` forces a read.
    checked_at: AtomicU64,
    started: Instant,
    check_interval: Duration,
}

const NEVER: u64 = u64::MAX;

/// A kept page's weight against the caches' byte bounds: its key and its body.
#[allow(clippy::ptr_arg)] // moka hands the weigher its key as stored.
fn weigh(key: &String, page: &Arc<CachedPage>) -> u32 {
    u32::try_from(key.len() + page.body.len()).unwrap_or(u32::MAX)
}

/// How long an anonymous visitor may see a brief page that another instance's change made stale.
pub const BRIEF_TTL: Duration = Duration::from_secs(10);

impl PageCache {
    pub fn new(check_interval: Duration, max_bytes: u64) -> Self {
        Self {
            pages: moka::sync::Cache::builder()
                .max_capacity(max_bytes)
                .weigher(weigh)
                .build(),
            brief: moka::sync::Cache::builder()
                .max_capacity(max_bytes / 4)
                .weigher(weigh)
                .time_to_live(BRIEF_TTL)
                .build(),
            regions: Mutex::new(None),
            version: AtomicI64::new(-1),
            checked_at: AtomicU64::new(NEVER),
            started: Instant::now(),
            check_interval,
        }
    }

    /// Whether the shared version should be read again now. Of the requests that find it due, one
    /// reads it; the others go on with the version they have.
    pub fn needs_check(&self) -> bool {
        let now = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(NEVER - 1);
        let last = self.checked_at.load(Ordering::Acquire);
        let interval = u64::try_from(self.check_interval.as_millis()).unwrap_or(u64::MAX);
        if last != NEVER && now.saturating_sub(last) < interval {
            return false;
        }
        self.checked_at
            .compare_exchange(last, now, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    pub fn set_version(&self, v: i64) {
        self.version.store(v, Ordering::Release);
    }

    pub fn version(&self) -> i64 {
        self.version.load(Ordering::Acquire)
    }

    /// Reads the shared directory version from the database when it is due.
    pub async fn refresh_version(&self, store: &agora_store::Store) -> agora_store::Result<()> {
        if self.needs_check() {
            self.set_version(store.directory_version().await?);
        }
        Ok(())
    }

    /// After a write through this instance: check the shared version on the next request.
    pub fn invalidate(&self) {
        self.checked_at.store(NEVER, Ordering::Release);
    }

    pub fn regions(&self) -> Option<Arc<agora_domain::geo::RegionMap>> {
        let v = self.version();
        let r = self.regions.lock().unwrap_or_else(|e| e.into_inner());
        r.as_ref()
            .filter(|(at, _)| *at == v)
            .map(|(_, m)| m.clone())
    }

    pub fn put_regions(&self, version: i64, map: Arc<agora_domain::geo::RegionMap>) {
        *self.regions.lock().unwrap_or_else(|e| e.into_inner()) = Some((version, map));
    }

    /// The page stored under `key`, if it was rendered at the current directory version.
    pub fn get(&self, key: &str) -> Option<Arc<CachedPage>> {
        let v = self.version();
        self.pages.get(key).filter(|p| p.version == v)
    }

    pub fn put(&self, key: String, page: Arc<CachedPage>) {
        self.pages.insert(key, page);
    }

    pub fn get_brief(&self, key: &str) -> Option<Arc<CachedPage>> {
        self.brief.get(key)
    }

    pub fn put_brief(&self, key: String, page: Arc<CachedPage>) {
        self.brief.insert(key, page);
    }

    /// Pages held now (for tests and metrics; moka applies pending evictions first).
    pub fn len(&self) -> u64 {
        self.pages.run_pending_tasks();
        self.pages.entry_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The cache key of a page: the reader's language and the URI with its query in a normal form, so
/// that `?b=2&a=1`, `?a=1&b=2&c=` and `?a=1&b=2` share one entry. Empty values are dropped (every
/// cached page reads an empty filter as no filter) and pairs are ordered by name; pairs with the same
/// name keep their order, since a handler may read the first or the last.
pub fn page_key(lang: &str, uri: &Uri) -> String {
    let path = uri.path();
    let Some(query) = uri.query().filter(|q| !q.is_empty()) else {
        let mut key = String::with_capacity(lang.len() + 1 + path.len());
        key.push_str(lang);
        key.push('|');
        key.push_str(path);
        return key;
    };
    let mut pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut key = format!("{lang}|{path}");
    if !pairs.is_empty() {
        key.push('?');
        key.push_str(
            &url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish(),
        );
    }
    key
}

/// The region map, from this instance's cache while the directory version is unchanged.
pub async fn region_map(
    state: &crate::AppState,
) -> Result<Arc<agora_domain::geo::RegionMap>, agora_store::StoreError> {
    state.cache.refresh_version(&state.store).await?;
    if let Some(m) = state.cache.regions() {
        return Ok(m);
    }
    let version = state.cache.version();
    let map = Arc::new(state.store.region_map().await?);
    state.cache.put_regions(version, map.clone());
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(uri: &str) -> String {
        page_key("en", &uri.parse().expect("uri"))
    }

    #[test]
    fn query_order_and_empty_values_do_not_matter() {
        assert_eq!(key("/partners"), "en|/partners");
        assert_eq!(key("/partners?"), "en|/partners");
        assert_eq!(key("/partners?q=&region="), "en|/partners");
        assert_eq!(
            key("/partners?region=europe&q=lms"),
            key("/partners?q=lms&region=europe&service=")
        );
        assert_ne!(key("/partners?q=lms"), key("/partners?q=lmx"));
        assert_ne!(key("/partners"), key("/partners/x"));
        assert_ne!(page_key("en", &"/".parse().expect("uri")), key_es("/"));
        // The same name twice keeps its order: `a=1&a=2` may mean something else than `a=2&a=1`.
        assert_ne!(key("/p?a=1&a=2"), key("/p?a=2&a=1"));
        // Encodings of one value share a key.
        assert_eq!(key("/p?q=a%20b"), key("/p?q=a+b"));
    }

    fn key_es(uri: &str) -> String {
        page_key("es", &uri.parse().expect("uri"))
    }

    proptest! {
        /// Shuffling distinct names and adding empty ones never changes the key.
        #[test]
        fn key_is_independent_of_pair_order(
            pairs in proptest::collection::btree_map("[a-z]{1,6}", "[a-z0-9 ]{1,6}", 0..6),
            empties in proptest::collection::vec("[A-Z]{1,3}", 0..3),
            rotate in 0usize..6,
        ) {
            let mut list: Vec<(String, String)> = pairs.into_iter().collect();
            let sorted = list.clone();
            if !list.is_empty() {
                let n = rotate % list.len();
                list.rotate_left(n);
            }
            let encode = |l: &[(String, String)], extra: &[String]| {
                let mut s = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in l {
                    s.append_pair(k, v);
                }
                for e in extra {
                    s.append_pair(e, "");
                }
                format!("/partners?{}", s.finish())
            };
            prop_assert_eq!(key(&encode(&list, &empties)), key(&encode(&sorted, &[])));
        }
    }

    fn page(version: i64, body: &'static str) -> Arc<CachedPage> {
        Arc::new(CachedPage {
            version,
            headers: Vec::new(),
            body: Bytes::from_static(body.as_bytes()),
            requests: metrics::Counter::noop(),
            duration: metrics::Histogram::noop(),
        })
    }

    #[test]
    fn a_page_of_an_older_directory_version_is_not_served() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 20);
        cache.set_version(1);
        cache.put("k".into(), page(1, "one"));
        assert_eq!(
            cache.get("k").map(|p| p.body.clone()),
            Some(Bytes::from("one"))
        );
        cache.set_version(2);
        assert!(cache.get("k").is_none());
    }

    #[test]
    fn the_version_is_read_once_per_interval_or_after_an_invalidation() {
        let cache = PageCache::new(Duration::from_secs(3600), 1 << 20);
        assert!(cache.needs_check(), "never read yet");
        assert!(!cache.needs_check(), "read just now");
        cache.invalidate();
        assert!(cache.needs_check());
        assert!(!cache.needs_check());
    }

    #[test]
    fn the_cache_holds_at_most_its_size_in_bytes() {
        let cache = PageCache::new(Duration::from_secs(60), 10_000);
        cache.set_version(1);
        let body: &'static str = Box::leak("x".repeat(1000).into_boxed_str());
        for i in 0..100 {
            cache.put(format!("key-{i}"), page(1, body));
        }
        assert!(cache.len() <= 10, "{} pages of 1,000 bytes", cache.len());
    }
}
