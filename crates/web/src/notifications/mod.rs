//! Notification preferences on the web: the preferences page, `GET`/`PUT /api/v1/me/notifications`,
//! the one-click unsubscribe links every e-mail carries (RFC 8058), and the digest job. The rules are
//! `agora_domain::notifications`; the store applies them to every mail it queues.

pub mod api;
pub mod pages;

use crate::jobs::Job;
use crate::routes::Routes;
use agora_store::Store;
use axum::routing::get;
use axum::Router;
use std::time::Duration;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route(
            "/account/notifications",
            get(pages::preferences).post(pages::save),
        )
        .route(
            "/unsubscribe/{token}",
            get(pages::unsubscribe_form).post(pages::unsubscribe),
        );
    Routes {
        pages,
        api: OpenApiRouter::new().routes(routes!(api::get_preferences, api::put_preferences)),
        tasks: vec![],
    }
}

/// How often the digest job looks for digests that are due (they are due at a whole hour).
pub const DIGESTS_EVERY: Duration = Duration::from_secs(15 * 60);

/// Sends the daily and weekly digests that are due.
pub fn job(store: Store, every: Duration) -> Job {
    Job::new("digests", every, move |now| {
        let store = store.clone();
        async move { Ok(crate::jobs::summary(store.send_digests(now).await?)) }
    })
}
