//! Reads that requests share while nothing has changed: a busy page (a group's page, with its members,
//! OKRs, updates and meetings) reads them once for every viewer instead of once per request, and each
//! viewer's own parts (standing, hours, requests) stay fresh.
//!
//! A read is kept under the number of the last audited change, which every instance's changes move
//! (every change of state is audited in its own transaction), and under this instance's count of
//! committed writes, which moves within the request that wrote. Nothing is kept longer than `TTL`, so
//! the few unaudited writes (reminders sent, a test's direct statement on another instance) show within
//! it.

use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use std::any::Any;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

const TTL: Duration = Duration::from_secs(60);

/// The kept reads, by the key their callers name (which includes every argument of the read).
pub struct Reads {
    kept: moka::sync::Cache<String, Arc<dyn Any + Send + Sync>>,
}

impl Default for Reads {
    fn default() -> Self {
        Self {
            kept: moka::sync::Cache::builder()
                .max_capacity(4096)
                .time_to_live(TTL)
                .build(),
        }
    }
}

/// A request's memo of the last audited change's number, read once per request.
pub type AuditSeq = Arc<tokio::sync::OnceCell<i64>>;

/// `load()` as of now, or the same read another request made since the last change. `what` names the
/// read and all of its arguments (for example `members:12`).
pub async fn shared<T, F, Fut>(state: &AppState, v: &Viewer, what: &str, load: F) -> Result<T>
where
    T: Clone + Send + Sync + 'static,
    F: FnOnce() -> Fut,
    Fut: Future<Output = agora_store::Result<T>>,
{
    let seq = *v
        .audit_seq
        .get_or_try_init(|| state.store.audit_seq())
        .await?;
    let key = format!("{seq}|{}|{what}", state.store.local_writes());
    if let Some(hit) = state
        .reads
        .kept
        .get(&key)
        .and_then(|kept| kept.downcast_ref::<T>().cloned())
    {
        return Ok(hit);
    }
    let value = load().await?;
    state.reads.kept.insert(key, Arc::new(value.clone()));
    Ok(value)
}
