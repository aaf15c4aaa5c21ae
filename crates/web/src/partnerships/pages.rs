//! The public partnerships page and the admins' pages that keep it.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::partnerships::{PartnershipInput, PartnershipKind};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::StoredPartnership;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

#[derive(Template)]
#[template(path = "partnerships/index.html")]
struct PublicView {
    ctx: Ctx,
    current: Vec<StoredPartnership>,
    past: Vec<StoredPartnership>,
}

pub async fn public(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let today = state.clock.now().date_naive();
    let (current, past) = state
        .store
        .partnerships()
        .await?
        .into_iter()
        .filter(|p| p.partnership.since <= today)
        .partition(|p| p.partnership.is_current(today));
    render(&PublicView {
        ctx: Ctx::new(&v, "/partnerships"),
        current,
        past,
    })
}

#[derive(Template)]
#[template(path = "partnerships/admin.html")]
struct AdminView {
    ctx: Ctx,
    partnerships: Vec<StoredPartnership>,
    /// The partnership being edited, if any.
    editing: Option<i64>,
    form: PartnershipInput,
    errors: FieldErrors,
    kinds: Vec<(&'static str, String)>,
}

fn admin_view(
    v: &Viewer,
    partnerships: Vec<StoredPartnership>,
    editing: Option<i64>,
    form: PartnershipInput,
    errors: ValidationErrors,
) -> AdminView {
    AdminView {
        ctx: Ctx::new(v, "/admin"),
        partnerships,
        editing,
        form,
        errors: FieldErrors(errors),
        kinds: PartnershipKind::ALL
            .into_iter()
            .map(|k| (k.slug(), v.tr.label("partnership-kind", k.slug())))
            .collect(),
    }
}

pub async fn admin(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let all = state.store.partnerships().await?;
    render(&admin_view(
        &v,
        all,
        None,
        PartnershipInput::default(),
        ValidationErrors::new(),
    ))
}

/// After a form: back to the list, or the form again with what was typed and the refusal.
async fn after(
    state: &AppState,
    v: &Viewer,
    editing: Option<i64>,
    form: PartnershipInput,
    done: Result<()>,
) -> Result<Response> {
    match done {
        Ok(()) => {
            // The public page is cached: this instance reads the new version at once.
            state.cache.invalidate();
            Ok(Redirect::to("/admin/partnerships").into_response())
        }
        Err(Error::Invalid(e)) => {
            let all = state.store.partnerships().await?;
            let view = admin_view(v, all, editing, form, e);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Form(form): Form<PartnershipInput>,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let done = match form.parse() {
        Ok(p) => state
            .store
            .create_partnership(&p, &v.who())
            .await
            .map(drop)
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    after(&state, &v, None, form, done).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let p = state
        .store
        .partnership(id)
        .await?
        .ok_or(Error::NotFound)?
        .partnership;
    let form = PartnershipInput {
        organization: p.organization,
        kind: p.kind.slug().into(),
        website: p.website,
        description: p.description,
        involvement: p.involvement,
        since: p.since.to_string(),
        ended: p.ended.map(|d| d.to_string()).unwrap_or_default(),
    };
    let all = state.store.partnerships().await?;
    render(&admin_view(
        &v,
        all,
        Some(id),
        form,
        ValidationErrors::new(),
    ))
}

pub async fn edit(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<PartnershipInput>,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let done = match form.parse() {
        Ok(p) => state
            .store
            .update_partnership(id, &p, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    after(&state, &v, Some(id), form, done).await
}

pub async fn delete(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    state.store.delete_partnership(id, &v.who()).await?;
    state.cache.invalidate();
    Ok(Redirect::to("/admin/partnerships").into_response())
}
