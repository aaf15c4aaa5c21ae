//! The reads of a group's page that are the same for every viewer, shared between requests while
//! nothing changed (`crate::reads`). What differs per viewer (standing, hours, requests, which groups
//! they may see) is read per request and filters these.

use crate::auth::Viewer;
use crate::error::Result;
use crate::reads::shared;
use crate::AppState;
use agora_domain::groups::okrs::Quarter;
use agora_store::{
    FacilitatorTerm, Group, GroupLink, GroupMember, GroupUpdate, MeetingSeries, Objective,
    StoredInitiative, UpdateSchedule,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Every group, with its parent (the caller hides what the viewer may not see).
pub async fn groups(state: &AppState, v: &Viewer) -> Result<Vec<Group>> {
    shared(state, v, "groups", || state.store.groups()).await
}

pub async fn members(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<GroupMember>> {
    shared(state, v, &format!("group-members:{id}"), || {
        state.store.group_members(id)
    })
    .await
}

pub async fn terms(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<FacilitatorTerm>> {
    shared(state, v, &format!("group-terms:{id}"), || {
        state.store.facilitator_terms(id)
    })
    .await
}

pub async fn collaborators(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<GroupLink>> {
    shared(state, v, &format!("group-collaborators:{id}"), || {
        state.store.collaborators(id)
    })
    .await
}

pub async fn okr_periods(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<Quarter>> {
    shared(state, v, &format!("group-periods:{id}"), || {
        state.store.okr_periods(id)
    })
    .await
}

pub async fn objectives(
    state: &AppState,
    v: &Viewer,
    id: i64,
    period: Quarter,
) -> Result<Vec<Objective>> {
    shared(state, v, &format!("group-objectives:{id}:{period}"), || {
        state.store.objectives(id, period)
    })
    .await
}

pub async fn update_schedules(
    state: &AppState,
    v: &Viewer,
    ids: &[i64],
    today: NaiveDate,
) -> Result<HashMap<i64, UpdateSchedule>> {
    shared(
        state,
        v,
        &format!("group-schedules:{ids:?}:{today}"),
        || state.store.update_schedules(ids, today),
    )
    .await
}

pub async fn recent_updates(
    state: &AppState,
    v: &Viewer,
    id: i64,
    limit: i64,
) -> Result<Vec<GroupUpdate>> {
    let ids = [id];
    shared(state, v, &format!("group-updates:{id}:{limit}"), || {
        state.store.recent_updates(&ids, limit)
    })
    .await
}

pub async fn meetings(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<MeetingSeries>> {
    shared(state, v, &format!("group-meetings:{id}"), || {
        state.store.meetings_of_group(id)
    })
    .await
}

pub async fn initiatives(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<StoredInitiative>> {
    shared(state, v, &format!("group-initiatives:{id}"), || {
        state.store.group_initiatives(id)
    })
    .await
}
