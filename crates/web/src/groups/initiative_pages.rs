//! The initiatives pages of a group: the list (multi-stakeholder first, with a badge) and an
//! initiative's page (participants by display name and organization, the first-contribution
//! highlight), with members' join and withdraw buttons, and the facilitators' forms: propose and
//! edit an initiative, change its status, set the cross-validator, add and remove sponsors, add
//! outputs. They call `groups::initiatives`, as the API does.

use super::initiatives::{self as act, CrossValidatorInput, StatusInput};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::governance::Standing;
use agora_domain::groups::initiatives::{
    self as rules, FunnelStage, InitiativeInput, InitiativeStatus, OutputInput, SponsorInput,
};
use agora_store::{Group, GroupMember, StoredInitiative};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "groups/initiatives.html")]
struct ListView {
    ctx: Ctx,
    group: Group,
    list: Vec<StoredInitiative>,
    may_manage: bool,
}

#[derive(Template)]
#[template(path = "groups/initiative.html")]
struct InitiativeView {
    ctx: Ctx,
    group: Group,
    i: StoredInitiative,
    may_join: bool,
    joined: bool,
    /// Whether the viewer manages it (facilitators and admins): the forms below are shown.
    may_manage: bool,
    /// The statuses it may move to now.
    next: Vec<InitiativeStatus>,
    /// The group's members, who may cross-validate (managers only; empty for others).
    members: Vec<GroupMember>,
    errors: FieldErrors,
    /// The sponsor and output forms as sent, when refused.
    sponsor: SponsorInput,
    output: OutputInput,
}

impl InitiativeView {
    fn is_validator(&self, person_id: impl std::borrow::Borrow<i64>) -> bool {
        self.i
            .cross_validator
            .as_ref()
            .is_some_and(|c| c.person_id == *person_id.borrow())
    }

    fn acknowledged(&self) -> bool {
        !self.sponsor.branding_acknowledged.is_empty()
    }
}

fn may_manage(s: Standing) -> bool {
    rules::may_manage(s.facilitator, s.admin)
}

fn page_of(group: &Group, id: i64) -> String {
    format!("/groups/{}/initiatives/{id}", group.body.slug)
}

pub async fn list_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let list = act::list(&state, &group).await?;
    render(&ListView {
        ctx: Ctx::new(&v, &format!("/groups/{slug}/initiatives")),
        group,
        list,
        may_manage: may_manage(s),
    })
}

/// What was sent to the initiative page's forms, with what was refused.
#[derive(Default)]
struct Sent {
    errors: FieldErrors,
    sponsor: SponsorInput,
    output: OutputInput,
}

async fn initiative_view(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    id: i64,
    sent: Sent,
) -> Result<InitiativeView> {
    let i = act::get(state, &group, id).await?;
    let joined = i.is_participant(v.actor.person_id());
    let may_join = joined
        || (rules::may_join(s.member, s.facilitator)
            && rules::check_join(
                i.status,
                i.initiative.call_closes_on,
                state.clock.now().date_naive(),
            )
            .is_ok());
    let may_manage = may_manage(s);
    let members = if may_manage {
        state.store.group_members(group.body.id).await?
    } else {
        vec![]
    };
    Ok(InitiativeView {
        ctx: Ctx::new(v, &page_of(&group, id)),
        next: InitiativeStatus::ALL
            .iter()
            .copied()
            .filter(|to| i.status.may_become(*to))
            .collect(),
        group,
        i,
        may_join,
        joined,
        may_manage,
        members,
        errors: sent.errors,
        sponsor: sent.sponsor,
        output: sent.output,
    })
}

pub async fn initiative_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    render(&initiative_view(&state, &v, group, s, id, Sent::default()).await?)
}

/// After a form of the initiative page: back to the page, or the page again (422) with the
/// refused form and its errors next to the fields.
async fn after(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    id: i64,
    done: Result<StoredInitiative>,
    sent: impl FnOnce(FieldErrors) -> Sent,
) -> Result<Response> {
    match done {
        Ok(_) => Ok(Redirect::to(&page_of(&group, id)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = initiative_view(state, v, group, s, id, sent(FieldErrors(e))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

fn errors_only(errors: FieldErrors) -> Sent {
    Sent {
        errors,
        ..Default::default()
    }
}

pub async fn join_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    act::join(&state, &v, &group, s, id).await?;
    Ok(Redirect::to(&page_of(&group, id)).into_response())
}

pub async fn withdraw_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response> {
    let (group, _) = act::group(&state, &v, &slug).await?;
    act::withdraw(&state, &v, &group, id).await?;
    Ok(Redirect::to(&page_of(&group, id)).into_response())
}

pub async fn status_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<StatusInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let done = act::set_status(&state, &v, &group, s, id, &input).await;
    after(&state, &v, group, s, id, done, errors_only).await
}

pub async fn cross_validator_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<CrossValidatorInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let done = act::set_cross_validator(&state, &v, &group, s, id, &input).await;
    after(&state, &v, group, s, id, done, errors_only).await
}

pub async fn add_sponsor_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<SponsorInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let done = act::add_sponsor(&state, &v, &group, s, id, &input).await;
    after(&state, &v, group, s, id, done, |errors| Sent {
        errors,
        sponsor: input,
        ..Default::default()
    })
    .await
}

pub async fn remove_sponsor_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id, sponsor)): Path<(String, i64, i64)>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let done = act::remove_sponsor(&state, &v, &group, s, id, sponsor).await;
    after(&state, &v, group, s, id, done, errors_only).await
}

pub async fn add_output_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<OutputInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let done = act::add_output(&state, &v, &group, s, id, &input).await;
    after(&state, &v, group, s, id, done, |errors| Sent {
        errors,
        output: input,
        ..Default::default()
    })
    .await
}

// ---- Proposing and editing

#[derive(Template)]
#[template(path = "groups/initiative_form.html")]
struct FormView {
    ctx: Ctx,
    group: Group,
    /// The initiative being edited; none for a new one.
    id: Option<i64>,
    input: InitiativeInput,
    errors: FieldErrors,
}

impl FormView {
    fn stages(&self) -> &'static [FunnelStage] {
        FunnelStage::ALL
    }

    /// Whether the form has this stage ticked (read by the domain's parser, as the API's text is).
    fn has_stage(&self, stage: &FunnelStage) -> bool {
        rules::parse_stages(&self.input.stages).is_ok_and(|s| s.contains(stage))
    }

    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("{}/edit", page_of(&self.group, id)),
            None => format!("/groups/{}/initiatives", self.group.body.slug),
        }
    }
}

fn form_view(
    v: &Viewer,
    group: Group,
    id: Option<i64>,
    input: InitiativeInput,
    errors: FieldErrors,
) -> FormView {
    FormView {
        ctx: Ctx::new(v, &format!("/groups/{}/initiatives", group.body.slug)),
        group,
        id,
        input,
        errors,
    }
}

/// The form as a browser sends it: one `stages` field per ticked box.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InitiativeForm {
    title: String,
    goal: String,
    deliverables: String,
    stages: Vec<String>,
    call_closes_on: String,
}

impl InitiativeForm {
    fn input(self) -> InitiativeInput {
        InitiativeInput {
            title: self.title,
            goal: self.goal,
            deliverables: self.deliverables,
            stages: self.stages.join(","),
            call_closes_on: self.call_closes_on,
        }
    }
}

pub async fn new_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    act::require_manager(&v, s)?;
    render(&form_view(
        &v,
        group,
        None,
        InitiativeInput::default(),
        FieldErrors::default(),
    ))
}

pub async fn create_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<InitiativeForm>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let input = f.input();
    match act::create(&state, &v, &group, s, &input).await {
        Ok(i) => Ok(Redirect::to(&page_of(&group, i.id)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&v, group, None, input, FieldErrors(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    act::require_manager(&v, s)?;
    let i = act::get(&state, &group, id).await?;
    let input = InitiativeInput::of(&i.initiative);
    render(&form_view(
        &v,
        group,
        Some(id),
        input,
        FieldErrors::default(),
    ))
}

pub async fn update_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<InitiativeForm>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let input = f.input();
    match act::update(&state, &v, &group, s, id, &input).await {
        Ok(_) => Ok(Redirect::to(&page_of(&group, id)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&v, group, Some(id), input, FieldErrors(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
