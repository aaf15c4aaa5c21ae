//! Group pages: the directory, a group's page with sign-up and the facilitator's forms, and the
//! profile editor. A refused form is shown again with the field's message (422) and nothing changed.

use super::actions::{self, AnswerInput, GroupDetail, TermInput};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::governance::Standing;
use agora_domain::groups::okrs::Quarter;
use agora_domain::groups::{GroupKind, Membership, ProfileInput, Seat, TermState};
use agora_store::{FacilitatorTerm, Group, GroupLink};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::NaiveDate;
use serde::Deserialize;

/// A group in the directory, indented under its parent.
pub struct Row {
    pub group: Group,
    pub depth: usize,
}

#[derive(Template)]
#[template(path = "groups/index.html")]
struct IndexView {
    ctx: Ctx,
    rows: Vec<Row>,
}

/// Puts each group after its parent (depth-first, by name), so the tree reads top-down.
fn tree(groups: Vec<Group>) -> Vec<Row> {
    fn add(parent: Option<i64>, depth: usize, all: &[Group], out: &mut Vec<Row>) {
        for g in all
            .iter()
            .filter(|g| g.parent.as_ref().map(|p| p.id) == parent)
        {
            out.push(Row {
                group: g.clone(),
                depth,
            });
            if depth < 8 {
                add(Some(g.body.id), depth + 1, all, out);
            }
        }
    }
    let ids: Vec<i64> = groups.iter().map(|g| g.body.id).collect();
    let mut out = vec![];
    // A group whose parent the viewer may not see is listed at the top level.
    let (roots, rest): (Vec<Group>, Vec<Group>) = groups
        .into_iter()
        .partition(|g| g.parent.as_ref().is_none_or(|p| !ids.contains(&p.id)));
    for r in roots {
        let id = r.body.id;
        out.push(Row { group: r, depth: 0 });
        add(Some(id), 1, &rest, &mut out);
    }
    out
}

pub async fn index(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let groups = actions::visible_groups(&state, &v)
        .await?
        .into_iter()
        .map(|(g, _)| g)
        .collect();
    render(&IndexView {
        ctx: Ctx::new(&v, "/groups"),
        rows: tree(groups),
    })
}

#[derive(Template)]
#[template(path = "groups/group.html")]
struct GroupView {
    ctx: Ctx,
    d: GroupDetail,
    today: NaiveDate,
    signed_in: bool,
    errors: FieldErrors,
    /// The form that was refused, to show again with what was typed.
    form: PageForm,
    okrs: super::okrs::GroupOkrs,
    updates: super::updates::GroupUpdates,
    meetings: Vec<super::meetings::MeetingView>,
    /// The group's upcoming events the viewer may see.
    events: Vec<agora_store::StoredEvent>,
    /// The group's initiatives, multi-stakeholder first.
    initiatives: Vec<agora_store::StoredInitiative>,
    /// The "Time" section, for members, facilitators and admins only.
    hours: Option<super::hours::GroupHours>,
}

impl GroupView {
    fn terms(&self, state: TermState) -> Vec<&FacilitatorTerm> {
        self.d
            .terms
            .iter()
            .filter(|t| t.state(self.today) == state)
            .collect()
    }

    fn by_request(&self) -> bool {
        self.d.group.membership == Membership::ByRequest
    }

    fn request_pending(&self) -> bool {
        self.d
            .my_request
            .as_ref()
            .is_some_and(|r| r.status.slug() == "pending")
    }

    fn public_feed(&self) -> bool {
        super::meetings::has_public_feed(&self.d.group)
    }

    fn local(&self, t: &chrono::NaiveDateTime) -> String {
        t.format("%Y-%m-%d %H:%M").to_string()
    }

    fn occurrence_key(&self, t: &chrono::NaiveDateTime) -> String {
        agora_domain::groups::meetings::format_local(*t)
    }

    fn seats(&self) -> &'static [Seat] {
        Seat::ALL
    }

    /// The cadence to show in the settings form: what was typed, or the group's.
    fn cadence(&self) -> String {
        if self.form.cadence_days.is_empty() {
            self.updates.schedule.settings.cadence_days.to_string()
        } else {
            self.form.cadence_days.clone()
        }
    }

    fn pct(&self, per_mille: impl std::borrow::Borrow<i64>) -> String {
        super::okrs::percent(*per_mille.borrow())
    }

    fn shown(&self, kr: &agora_store::StoredKeyResult, v: impl std::borrow::Borrow<i64>) -> String {
        let k = &kr.key_result;
        super::okrs::shown_value(&self.ctx.tr, k.kind, &k.unit, *v.borrow())
    }
}

/// Whatever the group page's forms send; each form uses its own fields.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PageForm {
    pub message: String,
    pub decision: String,
    pub reason: String,
    pub person: String,
    pub seat: String,
    pub starts_on: String,
    pub ends_on: String,
    // An update and the update settings.
    pub period: String,
    pub progress: String,
    pub blockers: String,
    pub next_steps: String,
    pub links: String,
    pub cadence_days: String,
    pub members_post: Option<String>,
    // Hours and the sharing choice.
    pub month: String,
    pub activity: String,
    pub hours: String,
    pub note: String,
    pub shared: Option<String>,
}

async fn group_view(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    errors: FieldErrors,
    form: PageForm,
    period: Option<Quarter>,
) -> Result<GroupView> {
    let path = format!("/groups/{}", group.body.slug);
    let period = period.unwrap_or_else(|| Quarter::containing(state.clock.now().date_naive()));
    Ok(GroupView {
        okrs: super::okrs::group_okrs(state, v, &group, s, period).await?,
        updates: super::updates::group_updates(state, v, &group, s).await?,
        meetings: super::meetings::group_meetings(state, v, &group).await?,
        events: state
            .store
            .events(
                crate::events::actions::reader(v),
                &agora_store::EventFilter {
                    group_id: Some(group.body.id),
                    ..Default::default()
                },
                state.clock.now(),
            )
            .await?,
        initiatives: super::reads::initiatives(state, v, group.body.id).await?,
        hours: super::hours::group_hours(state, v, &group, s).await?,
        ctx: Ctx::new(v, &path),
        d: actions::detail(state, v, group, s).await?,
        today: state.clock.now().date_naive(),
        signed_in: v.person.is_some(),
        errors,
        form,
    })
}

pub async fn group_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<super::okrs::PeriodQuery>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let period = super::okrs::period(&state, &q.period)?;
    render(
        &group_view(
            &state,
            &v,
            group,
            s,
            FieldErrors::default(),
            PageForm::default(),
            Some(period),
        )
        .await?,
    )
}

/// After a form: back to the group's page, or the page again with the refusal.
async fn after(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    form: PageForm,
    done: Result<()>,
) -> Result<Response> {
    after_at(state, v, group, s, form, done, "").await
}

/// `after`, returning to a section of the page (`#anchor`) when it worked.
pub(super) async fn after_at(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    form: PageForm,
    done: Result<()>,
    anchor: &str,
) -> Result<Response> {
    let fragment = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    match done {
        Ok(()) => {
            Ok(Redirect::to(&format!("/groups/{}{fragment}", group.body.slug)).into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = group_view(state, v, group, s, FieldErrors(e), form, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn join(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let done = actions::sign_up(&state, &v, &group, false, "")
        .await
        .map(drop);
    after_at(&state, &v, group, s, f, done, "membership").await
}

pub async fn request(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let done = actions::sign_up(&state, &v, &group, true, &f.message)
        .await
        .map(drop);
    after_at(&state, &v, group, s, f, done, "membership").await
}

pub async fn leave(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let done = actions::leave(&state, &v, &group).await;
    after_at(&state, &v, group, s, f, done, "membership").await
}

pub async fn answer(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = AnswerInput {
        decision: f.decision.clone(),
        reason: f.reason.clone(),
    };
    let done = actions::answer(&state, &v, &group, s, id, &input)
        .await
        .map(drop);
    after(&state, &v, group, s, f, done).await
}

pub async fn plan_term(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = TermInput {
        person: f.person.clone(),
        seat: f.seat.clone(),
        starts_on: f.starts_on.clone(),
        ends_on: f.ends_on.clone(),
    };
    let done = actions::plan_term(&state, &v, &group, s, &input)
        .await
        .map(drop);
    after(&state, &v, group, s, f, done).await
}

#[derive(Template)]
#[template(path = "groups/edit.html")]
struct EditView {
    ctx: Ctx,
    group: Group,
    input: ProfileInput,
    errors: FieldErrors,
    /// Groups this one may sit under or work with (every other group).
    others: Vec<GroupLink>,
    collaborators: Vec<GroupLink>,
}

impl EditView {
    fn kinds(&self) -> &'static [GroupKind] {
        GroupKind::ALL
    }

    fn memberships(&self) -> &'static [Membership] {
        Membership::ALL
    }
}

async fn edit_view(
    state: &AppState,
    v: &Viewer,
    group: Group,
    input: ProfileInput,
    errors: FieldErrors,
) -> Result<EditView> {
    let others = state
        .store
        .groups()
        .await?
        .into_iter()
        .filter(|g| g.body.id != group.body.id)
        .map(|g| GroupLink {
            id: g.body.id,
            slug: g.body.slug,
            name: g.body.name,
        })
        .collect();
    Ok(EditView {
        ctx: Ctx::new(v, &format!("/groups/{}", group.body.slug)),
        collaborators: state.store.collaborators(group.body.id).await?,
        others,
        group,
        input,
        errors,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    actions::require_facilitator(&v, s)?;
    let input = actions::profile_input(&group);
    render(&edit_view(&state, &v, group, input, FieldErrors::default()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<ProfileInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match actions::update_profile(&state, &v, &group, s, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/groups/{}", group.body.slug)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = edit_view(&state, &v, group, input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CollaborateForm {
    collaborator: String,
    /// `add` or `remove`.
    change: String,
}

pub async fn collaborate(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<CollaborateForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let together = f.change != "remove";
    match actions::collaborate(&state, &v, &group, s, &f.collaborator, together).await {
        Ok(()) => Ok(Redirect::to(&format!("/groups/{}/edit", group.body.slug)).into_response()),
        Err(Error::Invalid(e)) => {
            let input = actions::profile_input(&group);
            let view = edit_view(&state, &v, group, input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
