//! The partner portal: a partner's people see their organization's status and history, and partner
//! admins edit its public profile (status stays with the foundation).

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::partners::form::{Options, PartnerForm, PartnerFormData};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_store::{Partner, StatusChange};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::Form;

struct Org {
    partner: Partner,
    status: String,
    can_edit: bool,
    history: Vec<StatusChange>,
    team: Vec<(String, String)>,
    embed: String,
}

#[derive(Template)]
#[template(path = "portal/index.html")]
struct PortalView {
    ctx: Ctx,
    orgs: Vec<Org>,
}

pub async fn index(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManageOwnAccount)?;
    let mut orgs = vec![];
    for p in state.store.partners_of(&v.actor.partner_ids()).await? {
        if !v.can(Permission::ViewPartnerPrivate { partner_id: p.id }) {
            continue;
        }
        let embed = super::public::badge_embed(&state, &v.tr, &p.profile.slug);
        orgs.push(Org {
            status: v.tr.label("status", p.status.slug()),
            can_edit: v.can(Permission::EditPartnerProfile { partner_id: p.id }),
            history: state.store.status_history(p.id).await?,
            team: state
                .store
                .partner_team(p.id)
                .await?
                .into_iter()
                .map(|(person, r)| (person.display_name, v.tr.label("role", r.slug())))
                .collect(),
            embed,
            partner: p,
        });
    }
    render(&PortalView {
        ctx: Ctx::new(&v, "/portal"),
        orgs,
    })
}

#[derive(Template)]
#[template(path = "portal/edit.html")]
struct EditView {
    ctx: Ctx,
    slug: String,
    name: String,
    form: PartnerForm,
    errors: FieldErrors,
    options: Options,
    saved: bool,
}

async fn editable(state: &AppState, v: &Viewer, slug: &str) -> Result<Partner> {
    let p = state
        .store
        .partner_by_slug(slug)
        .await?
        .ok_or(Error::NotFound)?;
    v.require(Permission::EditPartnerProfile { partner_id: p.id })?;
    Ok(p)
}

pub async fn edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let p = editable(&state, &v, &slug).await?;
    let map = state.store.region_map().await?;
    render(&EditView {
        ctx: Ctx::new(&v, "/portal"),
        slug: p.profile.slug.clone(),
        name: p.profile.name.clone(),
        form: PartnerForm::from_profile(&p.profile)
            .locking_slug(!v.can(Permission::ManagePartners)),
        errors: FieldErrors::default(),
        options: Options::new(&v.tr, &map),
        saved: false,
    })
}

pub async fn edit(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(data): Form<PartnerFormData>,
) -> Result<Response> {
    let p = editable(&state, &v, &slug).await?;
    let map = state.store.region_map().await?;
    let slug_locked = !v.can(Permission::ManagePartners);
    let result = match data.input().parse(&map).and_then(|profile| {
        agora_domain::partner::check_slug_change(&p.profile.slug, &profile.slug, !slug_locked)
            .map(|_| profile)
            .map_err(|code| agora_domain::ValidationErrors::single("slug", code))
    }) {
        Ok(profile) => state
            .store
            .update_profile(p.id, &profile, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    state.cache.invalidate();
    match result {
        Ok(updated) => Ok(render(&EditView {
            ctx: Ctx::new(&v, "/portal"),
            slug: updated.profile.slug.clone(),
            name: updated.profile.name.clone(),
            form: PartnerForm::from_profile(&updated.profile).locking_slug(slug_locked),
            errors: FieldErrors::default(),
            options: Options::new(&v.tr, &map),
            saved: true,
        })?
        .into_response()),
        Err(Error::Invalid(e)) => {
            let view = EditView {
                ctx: Ctx::new(&v, "/portal"),
                slug: p.profile.slug.clone(),
                name: p.profile.name.clone(),
                form: PartnerForm::from_data(&data).locking_slug(slug_locked),
                errors: FieldErrors(e),
                options: Options::new(&v.tr, &map),
                saved: false,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
