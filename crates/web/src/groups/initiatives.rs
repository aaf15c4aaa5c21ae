//! Initiatives of a group (issue 10): what pages and the JSON API do, in one place. Everyone who may
//! see the group sees its initiatives (a members-only group's answer 404 to outsiders, through
//! `group_by_slug`); facilitators and admins create and manage them; members of the group join and
//! withdraw. People are named by display name and organization, never by e-mail address.

use super::actions::{self, require_facilitator};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::governance::Standing;
use agora_domain::groups::initiatives::{
    self as rules, InitiativeInput, InitiativeStatus, OutputInput, SponsorInput,
};
use agora_domain::ValidationErrors;
use agora_store::{Group, StoredInitiative};
use serde::Deserialize;

fn invalid(field: &str, code: &'static str) -> Error {
    Error::Invalid(ValidationErrors::single(field, code))
}

/// Facilitators and admins manage; anyone else is refused (401 when signed out).
pub fn require_manager(v: &Viewer, s: Standing) -> Result<()> {
    if rules::may_manage(s.facilitator, s.admin) {
        Ok(())
    } else {
        require_facilitator(v, s)
    }
}

/// Members of the group (facilitators included) join; others are refused.
fn require_member(v: &Viewer, s: Standing) -> Result<i64> {
    let p = v.actor.person_id().ok_or(Error::Unauthorized)?;
    if rules::may_join(s.member, s.facilitator) {
        Ok(p)
    } else {
        Err(Error::Forbidden)
    }
}

fn today(state: &AppState) -> chrono::NaiveDate {
    state.clock.now().date_naive()
}

/// The group's initiatives, multi-stakeholder first.
pub async fn list(state: &AppState, group: &Group) -> Result<Vec<StoredInitiative>> {
    Ok(state.store.group_initiatives(group.body.id).await?)
}

/// One initiative of this group (another group's answers 404).
pub async fn get(state: &AppState, group: &Group, id: i64) -> Result<StoredInitiative> {
    state
        .store
        .initiative(id)
        .await?
        .filter(|i| i.group_id == group.body.id)
        .ok_or(Error::NotFound)
}

pub async fn create(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &InitiativeInput,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    let i = input.parse(today(state))?;
    let id = state
        .store
        .create_initiative(group.body.id, &i, &v.who())
        .await?;
    get(state, group, id).await
}

pub async fn update(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &InitiativeInput,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    get(state, group, id).await?;
    let i = input.parse(today(state))?;
    state.store.update_initiative(id, &i, &v.who()).await?;
    get(state, group, id).await
}

/// The body of a change of status.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StatusInput {
    /// `open-call`, `in-progress`, `completed` or `cancelled`.
    pub status: String,
}

pub async fn set_status(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &StatusInput,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    get(state, group, id).await?;
    let to = InitiativeStatus::parse(&input.status).map_err(|c| invalid("status", c))?;
    state
        .store
        .set_initiative_status(id, to, today(state), &v.who())
        .await?;
    get(state, group, id).await
}

pub async fn join(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
) -> Result<StoredInitiative> {
    let p = require_member(v, s)?;
    get(state, group, id).await?;
    state
        .store
        .join_initiative(id, p, today(state), &v.who())
        .await?;
    get(state, group, id).await
}

pub async fn withdraw(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    id: i64,
) -> Result<StoredInitiative> {
    let p = v.actor.person_id().ok_or(Error::Unauthorized)?;
    get(state, group, id).await?;
    state
        .store
        .withdraw_from_initiative(id, p, &v.who())
        .await?;
    get(state, group, id).await
}

/// The body that sets the cross-validator: a person's id, or empty to remove.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CrossValidatorInput {
    /// The reviewer's person id (a member of the group); empty to remove.
    pub person_id: String,
}

pub async fn set_cross_validator(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &CrossValidatorInput,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    get(state, group, id).await?;
    let person = match input.person_id.trim() {
        "" => None,
        t => Some(
            t.parse::<i64>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| invalid("person_id", "invalid-number"))?,
        ),
    };
    state
        .store
        .set_initiative_validator(id, person, &v.who())
        .await
        .map_err(|e| match e {
            agora_store::StoreError::Invalid(v) if v.get("cross_validator").is_some() => {
                invalid("person_id", "not-a-member")
            }
            e => e.into(),
        })?;
    get(state, group, id).await
}

pub async fn add_sponsor(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &SponsorInput,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    get(state, group, id).await?;
    let name = input.parse()?;
    state
        .store
        .add_initiative_sponsor(id, &name, &v.who())
        .await?;
    get(state, group, id).await
}

pub async fn remove_sponsor(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    sponsor_id: i64,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    get(state, group, id).await?;
    if !state
        .store
        .remove_initiative_sponsor(id, sponsor_id, &v.who())
        .await?
    {
        return Err(Error::NotFound);
    }
    get(state, group, id).await
}

pub async fn add_output(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &OutputInput,
) -> Result<StoredInitiative> {
    require_manager(v, s)?;
    get(state, group, id).await?;
    let o = input.parse()?;
    state.store.add_initiative_output(id, &o, &v.who()).await?;
    get(state, group, id).await
}

/// Resolves the group for a handler (404 for a members-only group the viewer may not see).
pub async fn group(state: &AppState, v: &Viewer, slug: &str) -> Result<(Group, Standing)> {
    actions::group_by_slug(state, v, slug).await
}
