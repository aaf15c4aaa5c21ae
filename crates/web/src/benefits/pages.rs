//! Benefits pages: the partners' overview, a program with its sign-ups, the public campaigns page,
//! and the foundation's pages to open and keep programs.

use super::actions::{
    my_partners, partner_for, require_active_partner, sees_contacts, shown_participants,
    visible_program, visible_program_and_partners, visible_programs,
};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::tasks::{Contribution, Task};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::benefits::{JoinInput, ParticipantRole, ProgramInput, ProgramKind};
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{PartnerName, ProgramParticipant, StoredProgram};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::{NaiveTime, TimeZone, Utc};

/// A program in a list, with the viewer's partners already in it.
pub struct Listed {
    pub program: StoredProgram,
    pub joined: Vec<String>,
}

#[derive(Template)]
#[template(path = "benefits/index.html")]
struct IndexView {
    ctx: Ctx,
    /// (kind label, programs) for beta programs, roadmap discussions and campaigns.
    sections: Vec<(String, &'static str, Vec<Listed>)>,
    inactive: Vec<PartnerName>,
    is_admin: bool,
}

pub async fn index(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let mine = require_active_partner(&state, &v).await?;
    let mut joined: Vec<ProgramParticipant> = vec![];
    for p in &mine {
        joined.extend(state.store.participations_of(p.id).await?);
    }
    let all = state.store.programs(None).await?;
    let sections = ProgramKind::ALL
        .into_iter()
        .map(|k| {
            let programs = all
                .iter()
                .filter(|p| p.program.kind == k)
                .map(|p| Listed {
                    joined: joined
                        .iter()
                        .filter(|j| j.program_id == p.id)
                        .map(|j| j.partner_name.clone())
                        .collect(),
                    program: p.clone(),
                })
                .collect();
            (
                v.tr.label("benefit-kind-plural", k.slug()),
                k.slug(),
                programs,
            )
        })
        .collect();
    render(&IndexView {
        ctx: Ctx::new(&v, "/benefits"),
        sections,
        inactive: mine
            .into_iter()
            .filter(|p| p.status != PartnerStatus::Active)
            .collect(),
        is_admin: v.can(Permission::ManageBenefits),
    })
}

#[derive(Template)]
#[template(path = "benefits/program.html")]
struct ProgramView {
    ctx: Ctx,
    p: StoredProgram,
    /// Everyone signed up, as the viewer may see them (names; contacts and assets only for the
    /// foundation and the partner itself).
    participants: Vec<ProgramParticipant>,
    sponsors: Vec<ProgramParticipant>,
    /// The viewer's active partners: (slug, name, already in).
    mine: Vec<(String, String, bool)>,
    roles: Vec<(&'static str, String)>,
    form: JoinInput,
    errors: FieldErrors,
    sees_contacts: bool,
    my_ids: Vec<i64>,
    notice: Option<String>,
    /// Every one of the viewer's partners is already in: the form changes a sign-up.
    all_in: bool,
    /// One of them is: the form stays even when the program is full.
    any_in: bool,
    full: bool,
}

async fn program_view(
    state: &AppState,
    v: &Viewer,
    id: i64,
    form: Option<JoinInput>,
    errors: ValidationErrors,
    notice: Option<&str>,
) -> Result<ProgramView> {
    let (p, mine) = visible_program_and_partners(state, v, id).await?;
    let all = state.store.participants(id).await?;
    let mine: Vec<PartnerName> = mine
        .into_iter()
        .filter(|m| m.status == PartnerStatus::Active)
        .collect();
    let my_ids: Vec<i64> = mine.iter().map(|m| m.id).collect();
    let (sponsors, participants) = shown_participants(v, &p, &all, &my_ids)
        .into_iter()
        .partition(|x| x.role == ParticipantRole::Sponsor);
    let signed = |id: i64| all.iter().find(|x| x.partner_id == id);
    let all_in = !mine.is_empty() && mine.iter().all(|m| signed(m.id).is_some());
    let any_in = mine.iter().any(|m| signed(m.id).is_some());
    // The form starts from the viewer's current sign-up, so saving it again changes nothing.
    let form =
        form.unwrap_or_else(
            || match mine.iter().find_map(|m| signed(m.id).map(|x| (m, x))) {
                Some((m, x)) => JoinInput {
                    partner: m.slug.clone(),
                    role: x.role.slug().into(),
                    assets: x.assets.clone(),
                },
                None => JoinInput::default(),
            },
        );
    Ok(ProgramView {
        all_in,
        any_in,
        full: p.program.seats.is_some_and(|s| p.signed_up >= s),
        notice: notice.map(|n| v.tr.t(n)),
        ctx: Ctx::new(v, "/benefits"),
        mine: mine
            .iter()
            .map(|m| (m.slug.clone(), m.name.clone(), signed(m.id).is_some()))
            .collect(),
        roles: ParticipantRole::ALL
            .into_iter()
            .map(|r| (r.slug(), v.tr.label("benefit-role", r.slug())))
            .collect(),
        form,
        errors: FieldErrors(errors),
        sees_contacts: sees_contacts(v),
        my_ids,
        participants,
        sponsors,
        p,
    })
}

/// `?done=joined|left|saved`: the notice after a change.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneParam {
    done: Option<String>,
}

fn notice_key(done: Option<&str>) -> Option<&'static str> {
    match done? {
        "joined" => Some("benefit-joined-notice"),
        "left" => Some("benefit-left-notice"),
        "saved" => Some("benefit-saved-notice"),
        _ => None,
    }
}

pub async fn program(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<DoneParam>,
) -> Result<Html<String>> {
    render(
        &program_view(
            &state,
            &v,
            id,
            None,
            ValidationErrors::new(),
            notice_key(q.done.as_deref()),
        )
        .await?,
    )
}

/// Signs one of the viewer's partners up (or changes its sign-up).
pub async fn join(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<JoinInput>,
) -> Result<Response> {
    let p = visible_program(&state, &v, id).await?;
    let done = async {
        let partner = partner_for(&state, &v, &form.partner).await?;
        let join = form.parse(p.program.kind)?;
        state
            .store
            .join_program(id, partner.id, &join, &v.who())
            .await?;
        Ok::<_, Error>(())
    }
    .await;
    match done {
        Ok(()) => {
            state.cache.invalidate();
            Ok(Redirect::to(&format!("/programs/{id}?done=joined")).into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = program_view(&state, &v, id, Some(form), e, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LeaveForm {
    #[serde(default)]
    partner: String,
}

pub async fn leave(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<LeaveForm>,
) -> Result<Response> {
    visible_program(&state, &v, id).await?;
    let partner = partner_for(&state, &v, &form.partner).await?;
    match state.store.leave_program(id, partner.id, &v.who()).await {
        Ok(()) => {
            state.cache.invalidate();
            Ok(Redirect::to(&format!("/programs/{id}?done=left")).into_response())
        }
        Err(agora_store::StoreError::Invalid(e)) => {
            let view = program_view(&state, &v, id, None, e, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "benefits/campaigns.html")]
struct CampaignsView {
    ctx: Ctx,
    /// Each campaign with its sponsors and its participants.
    campaigns: Vec<(
        StoredProgram,
        Vec<ProgramParticipant>,
        Vec<ProgramParticipant>,
    )>,
}

/// The public page of campaigns: each with its sponsors and participants (names only).
pub async fn campaigns(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let mut campaigns = vec![];
    for p in visible_programs(&state, &v, Some(ProgramKind::Campaign)).await? {
        let (sponsors, participants) = state
            .store
            .participants(p.id)
            .await?
            .into_iter()
            .filter(|x| x.partner_active)
            .partition(|x| x.role == ParticipantRole::Sponsor);
        campaigns.push((p, sponsors, participants));
    }
    render(&CampaignsView {
        ctx: Ctx::new(&v, "/campaigns"),
        campaigns,
    })
}

// ---- The foundation's pages ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "benefits/admin.html")]
struct AdminView {
    ctx: Ctx,
    programs: Vec<StoredProgram>,
    editing: Option<i64>,
    form: ProgramInput,
    errors: FieldErrors,
    kinds: Vec<(&'static str, String)>,
}

async fn admin_view(
    state: &AppState,
    v: &Viewer,
    editing: Option<i64>,
    form: ProgramInput,
    errors: ValidationErrors,
) -> Result<AdminView> {
    Ok(AdminView {
        ctx: Ctx::new(v, "/admin"),
        programs: state.store.programs(None).await?,
        editing,
        form,
        errors: FieldErrors(errors),
        kinds: ProgramKind::ALL
            .into_iter()
            .map(|k| (k.slug(), v.tr.label("benefit-kind", k.slug())))
            .collect(),
    })
}

pub async fn admin(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManageBenefits)?;
    render(
        &admin_view(
            &state,
            &v,
            None,
            ProgramInput::default(),
            ValidationErrors::new(),
        )
        .await?,
    )
}

async fn after(
    state: &AppState,
    v: &Viewer,
    editing: Option<i64>,
    form: ProgramInput,
    done: Result<i64>,
) -> Result<Response> {
    match done {
        Ok(id) => {
            state.cache.invalidate();
            Ok(Redirect::to(&format!("/programs/{id}?done=saved")).into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = admin_view(state, v, editing, form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Form(form): Form<ProgramInput>,
) -> Result<Response> {
    v.require(Permission::ManageBenefits)?;
    let done = async {
        let p = form.parse()?;
        Ok(state.store.create_program(&p, &v.who()).await?)
    }
    .await;
    after(&state, &v, None, form, done).await
}

pub fn input_of(p: &StoredProgram) -> ProgramInput {
    let p = &p.program;
    ProgramInput {
        kind: p.kind.slug().into(),
        title: p.title.clone(),
        description: p.description.clone(),
        link: p.link.clone().unwrap_or_default(),
        starts_on: p.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        ends_on: p.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        seats: p.seats.map(|s| s.to_string()).unwrap_or_default(),
        state: if p.open { "open" } else { "closed" }.into(),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    v.require(Permission::ManageBenefits)?;
    let p = state.store.program(id).await?.ok_or(Error::NotFound)?;
    render(&admin_view(&state, &v, Some(id), input_of(&p), ValidationErrors::new()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ProgramInput>,
) -> Result<Response> {
    v.require(Permission::ManageBenefits)?;
    let done = async {
        let p = form.parse()?;
        state.store.update_program(id, &p, &v.who()).await?;
        Ok(id)
    }
    .await;
    after(&state, &v, Some(id), form, done).await
}

// ---- What needs a partner's people --------------------------------------------------------------

/// Open programs none of the viewer's active partners joined, whose sign-up ends within 30 days.
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    let mine: Vec<PartnerName> = my_partners(state, v)
        .await?
        .into_iter()
        .filter(|p| p.status == PartnerStatus::Active)
        .collect();
    if mine.is_empty() {
        return Ok(vec![]);
    }
    let today = state.clock.now().date_naive();
    let mut joined = vec![];
    for p in &mine {
        joined.extend(
            state
                .store
                .participations_of(p.id)
                .await?
                .into_iter()
                .map(|j| j.program_id),
        );
    }
    let mut out = vec![];
    for p in state.store.programs(None).await? {
        let Some(end) = p.program.ends_on else {
            continue;
        };
        if !p.program.open
            || end < today
            || (end - today).num_days() > 30
            || joined.contains(&p.id)
            || p.program.seats.is_some_and(|s| p.signed_up >= s)
        {
            continue;
        }
        out.push(Task::new(
            "benefits",
            "program-open",
            v.tr.t2(
                "task-benefit-open",
                ("kind", v.tr.label("benefit-kind", p.program.kind.slug())),
                ("title", p.program.title.clone()),
            ),
            format!("/programs/{}", p.id),
            Some(Utc.from_utc_datetime(&end.and_time(NaiveTime::MIN))),
        ));
    }
    Ok(out)
}
