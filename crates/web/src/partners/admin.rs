//! Foundation staff pages for partners: applications and partners, status changes, CSV import and
//! export, the region map.

use crate::accounts::admin::invitation;
use crate::admin::page_of;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::partners::csv::{self as partners_csv, RowError};
use crate::partners::form::ProfileText;
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::partner::{DirectoryFilter, PartnerStatus};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{Partner, StatusChange};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::Form;
use chrono::{DateTime, Utc};
use serde::Deserialize;

/// Changes a partner's status for the web page and the API alike. Approving an applicant invites its
/// contact; the returned link is shown once to the admin. Public caches are invalidated.
pub async fn change_partner_status(
    state: &AppState,
    v: &Viewer,
    partner: &Partner,
    to: PartnerStatus,
    reason: &str,
) -> Result<(Partner, Option<String>)> {
    let (inv, link) = invitation(state, partner.contact_name.as_deref().unwrap_or(""));
    let invites =
        agora_domain::partner::invites_contact(partner.status, to, partner.contact_email.is_some());
    let result = state
        .store
        .change_status(partner.id, to, reason, invites.then_some(&inv), &v.who())
        .await;
    state.cache.invalidate();
    Ok((result?, invites.then_some(link)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PartnersParams {
    status: Option<String>,
    q: Option<String>,
    page: Option<String>,
}

struct PartnerRow {
    id: i64,
    name: String,
    slug: String,
    hq: String,
    status: String,
    status_slug: String,
    updated_at: DateTime<Utc>,
}

#[derive(Template)]
#[template(path = "admin/partners.html")]
struct PartnersView {
    ctx: Ctx,
    status: String,
    q: String,
    tabs: Vec<(String, String)>,
    rows: Vec<PartnerRow>,
    pager: Pager,
}

pub async fn partners(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<PartnersParams>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let status_slug = p
        .status
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "applicant".into());
    let status = PartnerStatus::parse(&status_slug)
        .map_err(|c| Error::Invalid(ValidationErrors::single("status", c)))?;
    let q = p.q.clone().unwrap_or_default();
    let filter = DirectoryFilter {
        q: Some(q.clone()).filter(|s| !s.trim().is_empty()),
        ..Default::default()
    };
    let page = state
        .store
        .partners_page(&filter, &[status], page_of(&p.page)?)
        .await?;
    let pager = Pager::new(
        &page,
        "/admin/partners",
        &[("status", status_slug.clone()), ("q", q.clone())],
    );
    let rows = page
        .items
        .iter()
        .map(|x| PartnerRow {
            id: x.id,
            name: x.profile.name.clone(),
            slug: x.profile.slug.clone(),
            hq: v.tr.country(&x.profile.hq_country),
            status: v.tr.label("status", x.status.slug()),
            status_slug: x.status.slug().into(),
            updated_at: x.updated_at,
        })
        .collect();
    let tabs = PartnerStatus::ALL
        .iter()
        .map(|s| (s.slug().to_string(), v.tr.label("status", s.slug())))
        .collect();
    render(&PartnersView {
        ctx: Ctx::new(&v, "/admin"),
        status: status_slug,
        q,
        tabs,
        rows,
        pager,
    })
}

#[derive(Template)]
#[template(path = "admin/partner.html")]
struct PartnerView {
    ctx: Ctx,
    partner: Partner,
    text: ProfileText,
    status: String,
    history: Vec<StatusChange>,
    team: Vec<(String, String, String)>,
    transitions: Vec<(String, String)>,
    errors: FieldErrors,
    reason: String,
    invite_link: Option<String>,
}

async fn partner_view(state: &AppState, v: &Viewer, id: i64) -> Result<PartnerView> {
    let partner = state.store.partner(id).await?.ok_or(Error::NotFound)?;
    let map = state.store.region_map().await?;
    let team = state
        .store
        .partner_team(id)
        .await?
        .into_iter()
        .map(|(p, r)| (p.display_name, p.email, v.tr.label("role", r.slug())))
        .collect();
    let transitions = PartnerStatus::ALL
        .iter()
        .filter(|to| {
            agora_domain::partner::check_transition(partner.status, **to, "reason").is_ok()
        })
        .map(|to| (to.slug().to_string(), v.tr.label("transition", to.slug())))
        .collect();
    Ok(PartnerView {
        ctx: Ctx::new(v, "/admin"),
        text: ProfileText::new(&v.tr, &map, &partner.profile),
        status: v.tr.label("status", partner.status.slug()),
        history: state.store.status_history(id).await?,
        team,
        transitions,
        errors: FieldErrors::default(),
        reason: String::new(),
        invite_link: None,
        partner,
    })
}

pub async fn partner(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    render(&partner_view(&state, &v, id).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusData {
    status: String,
    reason: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(data): Form<StatusData>,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let existing = state.store.partner(id).await?.ok_or(Error::NotFound)?;
    let result = match PartnerStatus::parse(&data.status) {
        Err(code) => Err(Error::Invalid(ValidationErrors::single("status", code))),
        Ok(to) => change_partner_status(&state, &v, &existing, to, &data.reason)
            .await
            .map(|(_, link)| link),
    };
    let mut view = partner_view(&state, &v, id).await?;
    match result {
        Ok(link) => {
            view.invite_link = link;
            Ok(render(&view)?.into_response())
        }
        Err(Error::Invalid(e)) => {
            view.errors = FieldErrors(e);
            view.reason = data.reason;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn export_csv(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let text = partners_csv::export(&state.store.all_partners().await?)
        .map_err(|e| Error::Unexpected(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"partners.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "admin/import.html")]
struct ImportView {
    ctx: Ctx,
    errors: Vec<RowError>,
    result: Option<(u64, u64)>,
}

pub async fn import_form(v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    render(&ImportView {
        ctx: Ctx::new(&v, "/admin"),
        errors: vec![],
        result: None,
    })
}

pub async fn import(
    State(state): State<AppState>,
    v: Viewer,
    mut multipart: Multipart,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let mut text = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::bad("The upload could not be read."))?
    {
        if field.name() == Some("file") {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| Error::bad("The upload could not be read."))?;
            text = Some(
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| Error::bad("The file is not UTF-8 text."))?,
            );
        }
    }
    let text = text.ok_or(Error::bad("Choose a CSV file to import."))?;
    let map = state.store.region_map().await?;
    let ctx = Ctx::new(&v, "/admin");
    match partners_csv::parse(&text, &map) {
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&ImportView {
                ctx,
                errors,
                result: None,
            })?,
        )
            .into_response()),
        Ok(rows) => match state.store.import_partners(&rows, &v.who()).await {
            Ok(result) => {
                state.cache.invalidate();
                Ok(render(&ImportView {
                    ctx,
                    errors: vec![],
                    result: Some(result),
                })?
                .into_response())
            }
            Err(agora_store::StoreError::Invalid(e)) => {
                let errors = e
                    .errors
                    .iter()
                    .map(|x| RowError {
                        line: 0,
                        field: x.field.clone(),
                        code: x.code.to_string(),
                        message: crate::i18n::english(x.code),
                    })
                    .collect();
                Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render(&ImportView {
                        ctx,
                        errors,
                        result: None,
                    })?,
                )
                    .into_response())
            }
            Err(e) => Err(e.into()),
        },
    }
}

#[derive(Template)]
#[template(path = "admin/regions.html")]
struct RegionsView {
    ctx: Ctx,
    regions: Vec<(String, String, String)>,
}

/// The region map in force (changed with `agora regions import`).
pub async fn regions(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let map = state.store.region_map().await?;
    let regions = map
        .regions()
        .iter()
        .map(|r| {
            let mut names: Vec<(String, String)> = r
                .countries
                .iter()
                .filter(|c| agora_domain::geo::CountryCode::parse(c).is_ok())
                .map(|c| (c.clone(), v.tr.country(c)))
                .collect();
            v.tr.sort_by_label(&mut names);
            let names: Vec<String> = names.into_iter().map(|(_, n)| n).collect();
            (r.name.clone(), r.slug.clone(), names.join(", "))
        })
        .collect();
    render(&RegionsView {
        ctx: Ctx::new(&v, "/admin"),
        regions,
    })
}
