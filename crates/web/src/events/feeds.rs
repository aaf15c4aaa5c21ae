//! iCalendar feeds of events, written by the meetings' writer (`meetings::ical::calendar_with_events`):
//! every public event at `/events.ics`, one event at `/events/{id}.ics` (for whoever may see it), and
//! the events of a person's private calendar (`groups::calendar::person_feed`).

use super::actions;
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::events::EventVisibility;
use agora_domain::groups::meetings::ical::{self, FeedEvent};
use agora_store::{EventFilter, EventReader, StoredEvent};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The feed entries of `events` (UIDs stable per event and site).
pub fn entries<'a>(state: &AppState, events: &'a [StoredEvent]) -> Vec<FeedEvent<'a>> {
    let host = url::Url::parse(&state.config.public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "agora".into());
    events
        .iter()
        .map(|e| FeedEvent {
            uid: format!("event-{}@{host}", e.id),
            title: &e.event.title,
            description: &e.event.description,
            start: e.event.start,
            zone: e.event.zone,
            duration_minutes: e.event.duration_minutes,
            location: [Some(e.event.place.as_str()), e.event.link.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            url: Some(state.config.url(&format!("/events/{}", e.id))),
            cancelled: e.status == agora_domain::events::EventStatus::Cancelled,
            updated_at: e.updated_at,
        })
        .collect()
}

fn response(text: String, public: bool) -> Response {
    (
        [
            (header::CONTENT_TYPE, crate::groups::calendar::CONTENT_TYPE),
            (
                header::CACHE_CONTROL,
                if public {
                    "public, max-age=300"
                } else {
                    "no-store, private"
                },
            ),
        ],
        text,
    )
        .into_response()
}

/// Every public event, upcoming and of the past year (what an anonymous visitor may list).
pub async fn all(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    let anyone = EventReader {
        person_id: None,
        admin: false,
    };
    let now = state.clock.now();
    let mut events = state
        .store
        .events(anyone, &EventFilter::default(), now)
        .await?;
    let past = EventFilter {
        past: true,
        ..EventFilter::default()
    };
    events.extend(
        state
            .store
            .events(anyone, &past, now)
            .await?
            .into_iter()
            .filter(|e| e.ends_at > now - chrono::Duration::days(366)),
    );
    events.retain(|e| e.event.visibility == EventVisibility::Public);
    let text = ical::calendar_with_events(
        &v.tr.t("events-feed-name"),
        &[],
        &entries(&state, &events),
        now,
    );
    Ok(response(text, true))
}

/// One event's feed, for whoever may see it.
pub async fn one(state: &AppState, v: &Viewer, id: i64) -> Result<Response> {
    let (e, _) = actions::visible_event(state, v, id).await?;
    let public = e.event.visibility == EventVisibility::Public;
    let events = [e];
    let text = ical::calendar_with_events(
        &events[0].event.title,
        &[],
        &entries(state, &events),
        state.clock.now(),
    );
    Ok(response(text, public))
}
