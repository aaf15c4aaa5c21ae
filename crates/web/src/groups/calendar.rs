//! iCalendar feeds of meetings (and, in the private feed, events): a public group's at `/groups/{slug}/calendar.ics`, and each person's
//! private feed of every group they belong to at `/calendar/{secret}.ics`. A calendar client cannot
//! sign in, so a members-only group's meetings are served only through its members' private feeds.
//! The private link's secret is shown once on creation; only its SHA-256 is kept (like API tokens),
//! and a new link or a revocation ends the old one.

use super::actions;
use super::meetings::has_public_feed;
use crate::auth::{hash_token, random_token, Viewer};
use crate::error::{Error, Result};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::groups::meetings::ical::{self, FeedSeries};
use agora_domain::permissions::Permission;
use agora_store::MeetingSeries;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// The feed's text: one VEVENT per series (UIDs stable per series and site).
pub fn feed_text(state: &AppState, name: &str, series: &[MeetingSeries]) -> String {
    feed_with_events(state, name, series, &[])
}

/// The feed's text with single events too (a person's private feed).
pub fn feed_with_events(
    state: &AppState,
    name: &str,
    series: &[MeetingSeries],
    events: &[agora_store::StoredEvent],
) -> String {
    let host = url::Url::parse(&state.config.public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "agora".into());
    let entries: Vec<FeedSeries<'_>> = series
        .iter()
        .map(|s| FeedSeries {
            uid: format!("meeting-{}@{host}", s.id),
            series: &s.series,
            exceptions: &s.exceptions,
            url: Some(
                state
                    .config
                    .url(&format!("/groups/{}#meetings", s.group.slug)),
            ),
            updated_at: s.updated_at,
        })
        .collect();
    let events = crate::events::feeds::entries(state, events);
    ical::calendar_with_events(name, &entries, &events, state.clock.now())
}

pub async fn group_feed(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    if !has_public_feed(&group) {
        return Err(Error::NotFound);
    }
    let series = state.store.meetings_of_group(group.body.id).await?;
    let text = feed_text(&state, &group.body.name, &series);
    Ok((
        [
            (header::CONTENT_TYPE, CONTENT_TYPE),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        text,
    )
        .into_response())
}

pub async fn person_feed(
    State(state): State<AppState>,
    v: Viewer,
    Path(file): Path<String>,
) -> Result<Response> {
    let secret = file.strip_suffix(".ics").ok_or(Error::NotFound)?;
    let person = state
        .store
        .calendar_feed_owner(&hash_token(secret))
        .await?
        .ok_or(Error::NotFound)?;
    let series = state.store.meetings_of_person(person).await?;
    // Members-only events of their groups, and events they organize or registered for.
    let events = state
        .store
        .events_of_person(person, state.clock.now())
        .await?;
    let text = feed_with_events(&state, &v.tr.t("calendar-feed-name"), &series, &events);
    Ok((
        [
            (header::CONTENT_TYPE, CONTENT_TYPE),
            // Personal: never kept by a shared cache, never indexed.
            (header::CACHE_CONTROL, "no-store, private"),
        ],
        [(
            header::HeaderName::from_static("x-robots-tag"),
            "noindex, nofollow",
        )],
        text,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "groups/calendar_link.html")]
struct LinkView {
    ctx: Ctx,
    link: String,
}

/// Makes (or replaces) the viewer's private calendar link and shows it once.
pub async fn create_link(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    v.require(Permission::ManageOwnAccount)?;
    let person = v.person.as_ref().ok_or(Error::Unauthorized)?;
    let secret = random_token();
    state
        .store
        .set_calendar_feed(person.id, &hash_token(&secret), &v.who())
        .await?;
    let page = render(&LinkView {
        ctx: Ctx::new(&v, "/account"),
        link: state.config.url(&format!("/calendar/{secret}.ics")),
    })?;
    Ok(([(header::CACHE_CONTROL, "no-store, private")], page).into_response())
}

pub async fn revoke_link(State(state): State<AppState>, v: Viewer) -> Result<Redirect> {
    v.require(Permission::ManageOwnAccount)?;
    let person = v.person.as_ref().ok_or(Error::Unauthorized)?;
    state
        .store
        .revoke_calendar_feed(person.id, &v.who())
        .await?;
    Ok(Redirect::to("/account#calendar"))
}
