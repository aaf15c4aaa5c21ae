//! What events ask of people on their home page: the events they registered for that begin in the
//! coming week (a reminder, dated at the start), in the event's own zone.

use crate::auth::Viewer;
use crate::error::Result;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use agora_domain::events::EventStatus;
use agora_store::EventFilter;

/// This program's contribution to what needs a person (registered in `routes()`).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    let Some(me) = v.actor.person_id() else {
        return Ok(vec![]);
    };
    let now = state.clock.now();
    let week = EventFilter {
        registered_by: Some(me),
        starting_before: Some(now + chrono::Duration::days(7)),
        ..EventFilter::default()
    };
    let events = state
        .store
        .events(super::actions::reader(v), &week, now)
        .await?;
    Ok(events
        .into_iter()
        .filter(|e| e.status == EventStatus::Scheduled)
        .map(|e| {
            Task::new(
                "events",
                "event",
                v.tr.tn(
                    "task-event",
                    &[
                        ("title", e.event.title.clone()),
                        ("time", e.event.start.format("%Y-%m-%d %H:%M").to_string()),
                        ("zone", e.event.zone.name().to_string()),
                    ],
                ),
                format!("/events/{}", e.id),
                Some(e.starts_at),
            )
        })
        .collect())
}
