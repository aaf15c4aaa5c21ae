//! What pages and API both do: find a group the viewer may see, gather its page, and the changes
//! people make, each checked by `agora_domain::groups` before the store acts.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::governance::{self as gov, BodyRight, Standing};
use agora_domain::groups::{self as rules, Joining, ProfileInput};
use agora_domain::ValidationErrors;
use agora_store::{FacilitatorTerm, Group, GroupLink, GroupMember, JoinRequest};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn invalid(field: &str, code: &'static str) -> Error {
    Error::Invalid(ValidationErrors::single(field, code))
}

/// The group and the viewer's standing in it. A members-only group answers 404 to those who may not
/// see it, exactly like one that does not exist.
pub async fn group_by_slug(state: &AppState, v: &Viewer, slug: &str) -> Result<(Group, Standing)> {
    let group = super::reads::groups(state, v)
        .await?
        .into_iter()
        .find(|g| g.body.slug == slug)
        .ok_or(Error::NotFound)?;
    let s = state.store.standing(&v.actor, &group.body).await?;
    if gov::body_allows(group.body.kind, group.body.visibility, s, BodyRight::View) {
        Ok((group, s))
    } else {
        Err(Error::NotFound)
    }
}

/// A request's memo of the groups its viewer may see (see `Viewer::visible_groups`).
pub type VisibleGroups = std::sync::Arc<tokio::sync::OnceCell<Vec<(Group, Standing)>>>;

/// Groups the viewer may see, by name, with their standing in each. A members-only group the viewer
/// may not see is not named anywhere, not even as another group's parent. Read once per request (a
/// group's page asks from several sections).
pub async fn visible_groups(state: &AppState, v: &Viewer) -> Result<Vec<(Group, Standing)>> {
    v.visible_groups
        .get_or_try_init(|| read_visible_groups(state, v))
        .await
        .cloned()
}

async fn read_visible_groups(state: &AppState, v: &Viewer) -> Result<Vec<(Group, Standing)>> {
    let mut out = vec![];
    for g in super::reads::groups(state, v).await? {
        let s = state.store.standing(&v.actor, &g.body).await?;
        if gov::body_allows(g.body.kind, g.body.visibility, s, BodyRight::View) {
            out.push((g, s));
        }
    }
    let seen: std::collections::HashSet<i64> = out.iter().map(|(g, _)| g.body.id).collect();
    for (g, _) in &mut out {
        if g.parent.as_ref().is_some_and(|p| !seen.contains(&p.id)) {
            g.parent = None;
        }
    }
    Ok(out)
}

pub fn require_facilitator(v: &Viewer, s: Standing) -> Result<()> {
    if rules::may_facilitate(s) {
        Ok(())
    } else if v.person.is_none() {
        Err(Error::Unauthorized)
    } else {
        Err(Error::Forbidden)
    }
}

fn person(v: &Viewer) -> Result<i64> {
    v.actor.person_id().ok_or(Error::Unauthorized)
}

/// Everything a group's page (and `GET /api/v1/groups/{slug}`) shows. Members appear by name and
/// organization only: their e-mail addresses are never shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetail {
    pub group: Group,
    pub subgroups: Vec<GroupLink>,
    pub collaborators: Vec<GroupLink>,
    pub members: Vec<GroupMember>,
    /// Every facilitator term: history, current and planned.
    pub terms: Vec<FacilitatorTerm>,
    /// Requests waiting for an answer (facilitators only; empty for others).
    pub requests: Vec<JoinRequest>,
    /// The viewer's own latest request to join, if any.
    pub my_request: Option<JoinRequest>,
    /// What the viewer may do here.
    pub may_facilitate: bool,
    pub is_member: bool,
}

pub async fn detail(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
) -> Result<GroupDetail> {
    let id = group.body.id;
    let mut group = group;
    // Only the groups the viewer may see are named: subgroups, collaborators and the parent.
    let visible = visible_groups(state, v).await?;
    let seen: std::collections::HashSet<i64> = visible.iter().map(|(g, _)| g.body.id).collect();
    if group.parent.as_ref().is_some_and(|p| !seen.contains(&p.id)) {
        group.parent = None;
    }
    let subgroups = visible
        .into_iter()
        .map(|(g, _)| g)
        .filter(|g| g.parent.as_ref().is_some_and(|p| p.id == id))
        .map(|g| GroupLink {
            id: g.body.id,
            slug: g.body.slug,
            name: g.body.name,
        })
        .collect();
    let may_facilitate = rules::may_facilitate(s);
    let my_request = match v.actor.person_id() {
        Some(p) => state.store.join_request_of(id, p).await?,
        None => None,
    };
    Ok(GroupDetail {
        subgroups,
        collaborators: super::reads::collaborators(state, v, id)
            .await?
            .into_iter()
            .filter(|c| seen.contains(&c.id))
            .collect(),
        members: super::reads::members(state, v, id).await?,
        terms: super::reads::terms(state, v, id).await?,
        requests: if may_facilitate {
            state.store.pending_join_requests(&[id]).await?
        } else {
            vec![]
        },
        my_request,
        may_facilitate,
        is_member: s.member || s.facilitator,
        group,
    })
}

/// Signs the viewer up: `asked` is a request to a by-request group; a plain join of one is refused.
pub async fn sign_up(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    asked: bool,
    message: &str,
) -> Result<Joining> {
    let me = person(v)?;
    Ok(state
        .store
        .sign_up(group.body.id, me, asked, message, &v.who())
        .await?)
}

pub async fn leave(state: &AppState, v: &Viewer, group: &Group) -> Result<()> {
    let me = person(v)?;
    Ok(state.store.leave_group(group.body.id, me, &v.who()).await?)
}

#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct AnswerInput {
    /// `accept` or `decline`.
    pub decision: String,
    /// Why, when declining.
    pub reason: String,
}

pub async fn answer(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    request_id: i64,
    input: &AnswerInput,
) -> Result<JoinRequest> {
    require_facilitator(v, s)?;
    let accept = match input.decision.trim() {
        "accept" => true,
        "decline" => false,
        _ => return Err(invalid("decision", "invalid-decision")),
    };
    Ok(state
        .store
        .answer_join_request(group.body.id, request_id, accept, &input.reason, &v.who())
        .await?)
}

#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct TermInput {
    /// The member who will facilitate (a person id from the member list).
    pub person: String,
    /// `primary` or `secondary`.
    pub seat: String,
    /// First day, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
}

pub async fn plan_term(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &TermInput,
) -> Result<FacilitatorTerm> {
    require_facilitator(v, s)?;
    let person_id = input
        .person
        .trim()
        .parse::<i64>()
        .map_err(|_| invalid("person", "not-member"))?;
    Ok(state
        .store
        .plan_term(
            group.body.id,
            person_id,
            &input.seat,
            &input.starts_on,
            &input.ends_on,
            &v.who(),
        )
        .await?)
}

pub async fn update_profile(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &ProfileInput,
) -> Result<()> {
    require_facilitator(v, s)?;
    let profile = input.parse()?;
    Ok(state
        .store
        .update_group(group.body.id, &profile, &v.who())
        .await?)
}

/// Starts or ends working with another group (shown on both groups' pages).
pub async fn collaborate(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    other: &str,
    together: bool,
) -> Result<()> {
    require_facilitator(v, s)?;
    let other = state
        .store
        .group(other.trim())
        .await?
        .ok_or_else(|| invalid("collaborator", "unknown-group"))?;
    Ok(state
        .store
        .set_collaboration(group.body.id, other.body.id, together, &v.who())
        .await?)
}

/// The profile as a form shows it (the current values, as text).
pub fn profile_input(g: &Group) -> ProfileInput {
    ProfileInput {
        kind: g.kind.slug().into(),
        parent: g
            .parent
            .as_ref()
            .map(|p| p.slug.clone())
            .unwrap_or_default(),
        purpose: g.purpose.clone(),
        charter: g.charter.clone(),
        hours_min: g.hours.map(|h| h.min.to_string()).unwrap_or_default(),
        hours_max: g.hours.map(|h| h.max.to_string()).unwrap_or_default(),
        chat_channel: g.chat_channel.clone(),
        chat_url: g.chat_url.clone().unwrap_or_default(),
        mailing_list: g.mailing_list.clone(),
        membership: g.membership.slug().into(),
        visibility: g.body.visibility.slug().into(),
    }
}
