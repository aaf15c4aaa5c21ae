//! The initiatives pages of a group: the list (multi-stakeholder first, with a badge) and an
//! initiative's page (participants by display name and organization, the first-contribution
//! highlight), with members' join and withdraw buttons. They call `groups::initiatives`, as the
//! API does.

use super::initiatives as act;
use crate::auth::Viewer;
use crate::error::Result;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::groups::initiatives as rules;
use agora_store::{Group, StoredInitiative};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "groups/initiatives.html")]
struct ListView {
    ctx: Ctx,
    group: Group,
    list: Vec<StoredInitiative>,
}

#[derive(Template)]
#[template(path = "groups/initiative.html")]
struct InitiativeView {
    ctx: Ctx,
    group: Group,
    i: StoredInitiative,
    may_join: bool,
    joined: bool,
}

pub async fn list_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let (group, _) = act::group(&state, &v, &slug).await?;
    let list = act::list(&state, &group).await?;
    render(&ListView {
        ctx: Ctx::new(&v, &format!("/groups/{slug}/initiatives")),
        group,
        list,
    })
}

pub async fn initiative_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let i = act::get(&state, &group, id).await?;
    let joined = i.is_participant(v.actor.person_id());
    let may_join = joined
        || (rules::may_join(s.member, s.facilitator)
            && rules::check_join(
                i.status,
                i.initiative.call_closes_on,
                state.clock.now().date_naive(),
            )
            .is_ok());
    render(&InitiativeView {
        ctx: Ctx::new(&v, &format!("/groups/{slug}/initiatives/{id}")),
        group,
        i,
        may_join,
        joined,
    })
}

pub async fn join_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    act::join(&state, &v, &group, s, id).await?;
    Ok(Redirect::to(&format!("/groups/{slug}/initiatives/{id}")).into_response())
}

pub async fn withdraw_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response> {
    let (group, _) = act::group(&state, &v, &slug).await?;
    act::withdraw(&state, &v, &group, id).await?;
    Ok(Redirect::to(&format!("/groups/{slug}/initiatives/{id}")).into_response())
}
