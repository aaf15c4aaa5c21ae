//! Regular updates on the web: the section of a group's page (recent updates, when the next is due,
//! the subgroups' status on a parent's page, the forms), the Atom feeds, the printable digest of a
//! parent group per quarter, and the JSON API. Who may post is `updates::may_post`, here and in the
//! API alike; a members-only group's updates are seen only by those who may see the group, and never
//! in the public feed.

use super::actions::{self, require_facilitator};
use super::okrs::PeriodQuery;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::governance::{Standing, Visibility};
use agora_domain::groups::okrs::Quarter;
use agora_domain::groups::updates::{self as rules, SettingsInput, UpdateInput, UpdateSettings};
use agora_store::{Group, GroupLink, GroupUpdate, UpdateSchedule};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use axum_extra::extract::Form;
use serde::Serialize;
use utoipa::ToSchema;

/// How many updates a group's page, its API and its feed show.
pub const RECENT: i64 = 20;
/// How many the feed of every public group holds.
pub const FEED_ALL: i64 = 50;

/// A subgroup and where it stands with its updates, on the parent's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildStatus {
    pub group: GroupLink,
    pub schedule: UpdateSchedule,
}

/// A group's updates as its page and `GET /api/v1/groups/{slug}/updates` show them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupUpdates {
    /// When the next update is due and whether it is overdue.
    pub schedule: UpdateSchedule,
    /// Newest first.
    pub updates: Vec<GroupUpdate>,
    /// The subgroups the viewer may see, each with its status (overdue ones are flagged).
    pub children: Vec<ChildStatus>,
    /// Whether the viewer may post an update.
    pub may_post: bool,
}

fn link(g: &Group) -> GroupLink {
    GroupLink {
        id: g.body.id,
        slug: g.body.slug.clone(),
        name: g.body.name.clone(),
    }
}

pub async fn group_updates(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
) -> Result<GroupUpdates> {
    let id = group.body.id;
    let children: Vec<GroupLink> = actions::visible_groups(state, v)
        .await?
        .into_iter()
        .filter(|(g, _)| g.parent.as_ref().is_some_and(|p| p.id == id))
        .map(|(g, _)| link(&g))
        .collect();
    let mut ids: Vec<i64> = children.iter().map(|c| c.id).collect();
    ids.push(id);
    let mut schedules =
        super::reads::update_schedules(state, v, &ids, state.clock.now().date_naive()).await?;
    let schedule = schedules.remove(&id).ok_or(Error::NotFound)?;
    Ok(GroupUpdates {
        may_post: rules::may_post(s, schedule.settings),
        schedule,
        updates: super::reads::recent_updates(state, v, id, RECENT).await?,
        children: children
            .into_iter()
            .filter_map(|g| {
                let schedule = schedules.remove(&g.id)?;
                Some(ChildStatus { group: g, schedule })
            })
            .collect(),
    })
}

/// Posts an update as the viewer: facilitators, and members when the group allows.
pub async fn post(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &UpdateInput,
) -> Result<GroupUpdate> {
    let settings = state.store.update_settings(group.body.id).await?;
    if !rules::may_post(s, settings) {
        return Err(if v.person.is_none() {
            Error::Unauthorized
        } else {
            Error::Forbidden
        });
    }
    let u = input.parse(state.clock.now().date_naive())?;
    Ok(state.store.post_update(group.body.id, &u, &v.who()).await?)
}

/// Sets the group's cadence and whether members post (facilitators and admins).
pub async fn set_settings(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &SettingsInput,
) -> Result<()> {
    require_facilitator(v, s)?;
    let settings = input.parse()?;
    Ok(state
        .store
        .set_update_settings(group.body.id, &settings, &v.who())
        .await?)
}

pub async fn post_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<super::pages::PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = UpdateInput {
        period: f.period.clone(),
        progress: f.progress.clone(),
        blockers: f.blockers.clone(),
        next_steps: f.next_steps.clone(),
        links: f.links.clone(),
    };
    let done = post(&state, &v, &group, s, &input).await.map(drop);
    super::pages::after_at(&state, &v, group, s, f, done, "updates").await
}

pub async fn settings_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<super::pages::PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = SettingsInput {
        cadence_days: f.cadence_days.clone(),
        members_post: f.members_post.clone(),
    };
    let done = set_settings(&state, &v, &group, s, &input).await;
    super::pages::after_at(&state, &v, group, s, f, done, "updates").await
}

/// The plain text of an update, with its parts named in the reader's language (feeds, digest).
fn as_text(tr: &crate::i18n::Tr, u: &GroupUpdate) -> String {
    let mut out = format!("{}\n{}", tr.t("field-progress"), u.progress);
    for (key, text) in [
        ("field-blockers", &u.blockers),
        ("field-next_steps", &u.next_steps),
    ] {
        if !text.is_empty() {
            out.push_str(&format!("\n\n{}\n{}", tr.t(key), text));
        }
    }
    if !u.links.is_empty() {
        out.push_str(&format!(
            "\n\n{}\n{}",
            tr.t("field-links"),
            u.links.join("\n")
        ));
    }
    out
}

fn feed(
    state: &AppState,
    v: &Viewer,
    title: String,
    path: &str,
    updates: Vec<GroupUpdate>,
) -> Response {
    let base = state.config.url("");
    let tr = &v.tr;
    let xml = crate::atom::write(
        crate::atom::Head {
            title,
            page: format!("{base}{path}"),
            feed: format!("{base}{path}/updates.atom"),
            lang: tr.code(),
        },
        updates
            .iter()
            .map(|u| crate::atom::Item {
                title: tr.t2(
                    "group-update-entry-title",
                    ("group", u.group.name.clone()),
                    ("date", u.posted_at.date_naive().to_string()),
                ),
                id: format!("{base}/groups/{}#update-{}", u.group.slug, u.id),
                updated: u.posted_at,
                author: u.author.clone(),
                summary: Some(u.progress.chars().take(280).collect()),
                content: Some(as_text(tr, u)),
            })
            .collect(),
    );
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

/// One group's updates as an Atom feed. A members-only group's feed answers 404 to those outside it,
/// as its page does (a feed reader carries no session, so in practice to everyone).
pub async fn group_feed(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    let updates = state.store.recent_updates(&[group.body.id], RECENT).await?;
    let title =
        v.tr.t1("group-updates-feed-title", "group", &group.body.name);
    Ok(feed(
        &state,
        &v,
        title,
        &format!("/groups/{}", group.body.slug),
        updates,
    ))
}

/// Every public group's updates as one Atom feed: members-only groups are never in it, whoever asks.
pub async fn all_feed(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    let public: Vec<i64> = state
        .store
        .groups()
        .await?
        .into_iter()
        .filter(|g| g.body.visibility == Visibility::Public)
        .map(|g| g.body.id)
        .collect();
    let updates = state.store.recent_updates(&public, FEED_ALL).await?;
    let title = v.tr.t("group-updates-feed-all-title");
    Ok(feed(&state, &v, title, "/groups", updates))
}

#[derive(Template)]
#[template(path = "groups/digest.html")]
struct DigestView {
    ctx: Ctx,
    group: Group,
    period: String,
    /// The group first, then each subgroup the viewer may see, with its updates of the period.
    sections: Vec<(GroupLink, Vec<GroupUpdate>)>,
}

/// A printable digest of a parent group's quarter: its own updates and its subgroups'.
pub async fn digest(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Html<String>> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    let period: Quarter = super::okrs::period(&state, &q.period)?;
    let mut groups = vec![link(&group)];
    groups.extend(
        actions::visible_groups(&state, &v)
            .await?
            .into_iter()
            .filter(|(g, _)| g.parent.as_ref().is_some_and(|p| p.id == group.body.id))
            .map(|(g, _)| link(&g)),
    );
    let ids: Vec<i64> = groups.iter().map(|g| g.id).collect();
    let mut all = state.store.updates_in_period(&ids, period).await?;
    let sections = groups
        .into_iter()
        .map(|g| {
            let (mine, rest): (Vec<GroupUpdate>, Vec<GroupUpdate>) =
                all.drain(..).partition(|u| u.group.id == g.id);
            all = rest;
            (g, mine)
        })
        .collect();
    render(&DigestView {
        ctx: Ctx::new(&v, &format!("/groups/{}", group.body.slug)),
        period: period.to_string(),
        group,
        sections,
    })
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/updates", tag = "groups",
    params(("slug" = String, Path)),
    responses((status = 200, body = GroupUpdates), (status = 404, body = ErrorBody)))]
/// A group's latest updates (newest first), when the next one is due and whether it is overdue, and
/// the same status for each of its subgroups. Authors are named by display name.
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<GroupUpdates>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(group_updates(&state, &v, &group, s).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/updates", tag = "groups",
    params(("slug" = String, Path)), request_body = UpdateInput,
    responses((status = 201, body = GroupUpdate), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`progress` (required), `blockers`, `next_steps`, `links` (http or https URLs, one per line, at most 10) or `period`")))]
/// Post an update (facilitators and admins; members too when the group allows it). It counts in the
/// author's activity ledger and restarts the group's cadence.
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<UpdateInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let u = post(&state, &v, &group, s, &input).await?;
    Ok((StatusCode::CREATED, Json(u)).into_response())
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/update-settings", tag = "groups",
    params(("slug" = String, Path)), request_body = SettingsInput,
    responses((status = 200, body = UpdateSettings), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`cadence_days` (1 to 365)")))]
/// Set how often the group reports (days between updates) and whether its members may post updates
/// (facilitators and admins). The first update is due a cadence after the group first sets this.
pub async fn put_settings(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<SettingsInput>,
) -> Result<Json<UpdateSettings>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    set_settings(&state, &v, &group, s, &input).await?;
    Ok(Json(state.store.update_settings(group.body.id).await?))
}
