//! The time as Agora sees it: the one clock every "now" in the application reads, from an audit
//! entry's time to a session's expiry. The store owns it and the web layer shares it (`Store::clock`).

use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// Production reads the system clock; tests move it forward to reach a deadline or an expiry
/// without waiting for it.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        // The only read of the system's time in the application.
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}
