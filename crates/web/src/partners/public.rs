//! Public pages: home, partner directory, partner profiles, badges, verification, applications.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::partners::form::{Options, PartnerForm, PartnerFormData, ProfileText};
use crate::views::{bars, render, Bar, Ctx, Pager};
use crate::AppState;
use agora_domain::geo::RegionMap;
use agora_domain::pagination::PageRequest;
use agora_domain::partner::{DirectoryFilter, DirectoryQuery, PartnerStatus};
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "home.html")]
struct HomeView {
    ctx: Ctx,
    active_count: i64,
    region_count: usize,
    bars: Vec<Bar>,
    chart_height: u32,
}

/// Active partners per region, as bars.
pub async fn region_bars(state: &AppState, map: &RegionMap) -> Result<(Vec<Bar>, u32)> {
    let mut items = vec![];
    for r in map.regions() {
        let f = DirectoryFilter {
            region: Some(r.slug.clone()),
            ..Default::default()
        };
        let page = state
            .store
            .partners_page(
                &f,
                &[PartnerStatus::Active],
                PageRequest {
                    page: 1,
                    per_page: 1,
                },
            )
            .await?;
        items.push((r.name.clone(), page.total));
    }
    let b = bars(items, 230);
    let h = b.len() as u32 * 28 + 4;
    Ok((b, h))
}

pub async fn home(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let map = state.store.region_map().await?;
    let active_count = state
        .store
        .count_partners_by_status()
        .await?
        .into_iter()
        .find(|(s, _)| *s == PartnerStatus::Active)
        .map_or(0, |(_, n)| n);
    let (bars, chart_height) = region_bars(&state, &map).await?;
    render(&HomeView {
        ctx: Ctx::new(&v, "/"),
        active_count,
        region_count: map.regions().len(),
        bars,
        chart_height,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DirectoryParams {
    #[serde(flatten)]
    pub filter: DirectoryQuery,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

#[derive(Debug, Default)]
struct FilterValues {
    q: String,
    region: String,
    country: String,
    service: String,
    language: String,
    segment: String,
    size: String,
}

#[derive(Template)]
#[template(path = "partners/directory.html")]
struct DirectoryView {
    ctx: Ctx,
    cards: Vec<ProfileText>,
    pager: Pager,
    filters: FilterValues,
    options: Options,
    errors: FieldErrors,
}

pub async fn directory(
    State(state): State<AppState>,
    v: Viewer,
    Query(params): Query<DirectoryParams>,
) -> Result<Response> {
    let map = state.store.region_map().await?;
    let d = &params.filter;
    let s = |o: &Option<String>| o.clone().unwrap_or_default();
    let filters = FilterValues {
        q: s(&d.q),
        region: s(&d.region),
        country: s(&d.country).to_uppercase(),
        service: s(&d.service),
        language: s(&d.language),
        segment: s(&d.segment),
        size: s(&d.size),
    };
    let parsed = d.parse(&map).and_then(|f| {
        PageRequest::parse(params.page.as_deref(), params.per_page.as_deref())
            .map(|p| (f, p))
            .map_err(|(field, code)| ValidationErrors::single(field, code))
    });
    let (status, page, errors) = match parsed {
        Ok((f, p)) => (
            StatusCode::OK,
            state
                .store
                .partners_page(&f, &[PartnerStatus::Active], p)
                .await?,
            ValidationErrors::new(),
        ),
        // An unknown filter value shows the form with the error and no results, answered with a 400.
        Err(e) => (
            StatusCode::BAD_REQUEST,
            agora_domain::pagination::Page::new(vec![], PageRequest::default(), 0),
            e,
        ),
    };
    let query: Vec<(&str, String)> = vec![
        ("q", filters.q.clone()),
        ("region", filters.region.clone()),
        ("country", filters.country.clone()),
        ("service", filters.service.clone()),
        ("language", filters.language.clone()),
        ("segment", filters.segment.clone()),
        ("size", filters.size.clone()),
    ];
    let pager = Pager::new(&page, "/partners", &query);
    let cards = page
        .items
        .iter()
        .map(|p| ProfileText::new(&v.tr, &map, &p.profile))
        .collect();
    let view = DirectoryView {
        options: Options::new(&v.tr, &map),
        ctx: Ctx::new(&v, "/partners"),
        cards,
        pager,
        filters,
        errors: FieldErrors(errors),
    };
    Ok((status, render(&view)?).into_response())
}

#[derive(Template)]
#[template(path = "partners/profile.html")]
struct ProfileView {
    ctx: Ctx,
    p: ProfileText,
    embed: String,
    /// Its approved contributions ("case studies and references").
    references: Vec<agora_store::ShowcaseItem>,
}

/// The public profile of an active partner; others are not public.
pub async fn profile(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let partner = state
        .store
        .partner_by_slug(&slug)
        .await?
        .filter(|p| p.status.is_public())
        .ok_or(Error::NotFound)?;
    let map = state.store.region_map().await?;
    let embed = badge_embed(&state, &v.tr, &slug);
    let references = state
        .store
        .showcase(
            &agora_store::ShowcaseFilter {
                partner_id: Some(partner.id),
                ..Default::default()
            },
            50,
        )
        .await?;
    render(&ProfileView {
        ctx: Ctx::new(&v, "/partners"),
        p: ProfileText::new(&v.tr, &map, &partner.profile),
        embed,
        references,
    })
}

/// The HTML a partner pastes on its own site: the badge, linked to the verification page.
pub fn badge_embed(state: &AppState, tr: &crate::i18n::Tr, slug: &str) -> String {
    format!(
        "<a href=\"{}\"><img src=\"{}\" alt=\"{}\" width=\"220\" height=\"28\"></a>",
        state.config.url(&format!("/partners/{slug}/verify")),
        state.config.url(&format!("/partners/{slug}/badge.svg")),
        tr.t("badge-active")
    )
}

#[derive(Template)]
#[template(path = "partners/badge.svg", escape = "html")]
struct BadgeSvg {
    label: String,
    state: String,
    active: bool,
}

/// The embeddable "Open edX Partner" badge: says whether the partner is active right now.
pub async fn badge(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let slug = slug.strip_suffix(".svg").unwrap_or(&slug).to_string();
    let partner = state
        .store
        .partner_by_slug(&slug)
        .await?
        .filter(|p| p.status.is_on_public_record())
        .ok_or(Error::NotFound)?;
    let active = partner.status.is_public();
    let svg = BadgeSvg {
        label: v.tr.t("badge-label"),
        state: v.tr.t(if active {
            "badge-state-active"
        } else {
            "badge-state-inactive"
        }),
        active,
    };
    let body = svg.render().map_err(|e| Error::Unexpected(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            // Embedded on partners' own sites, so other origins may load it; short cache so a status
            // change shows within minutes.
            (header::CACHE_CONTROL, "public, max-age=300"),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                "cross-origin",
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "partners/verify.html")]
struct VerifyView {
    ctx: Ctx,
    slug: String,
    name: String,
    active: bool,
    checked_at: chrono::DateTime<chrono::Utc>,
}

pub async fn verify(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let partner = state
        .store
        .partner_by_slug(&slug)
        .await?
        .filter(|p| p.status.is_on_public_record())
        .ok_or(Error::NotFound)?;
    render(&VerifyView {
        ctx: Ctx::new(&v, "/partners"),
        active: partner.status.is_public(),
        name: partner.profile.name,
        slug: partner.profile.slug,
        checked_at: state.clock.now(),
    })
}

#[derive(Template)]
#[template(path = "partners/apply.html")]
struct ApplyView {
    ctx: Ctx,
    form: PartnerForm,
    errors: FieldErrors,
    options: Options,
}

#[derive(Template)]
#[template(path = "partners/applied.html")]
struct AppliedView {
    ctx: Ctx,
    name: String,
}

pub async fn apply_form(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let map = state.store.region_map().await?;
    render(&ApplyView {
        options: Options::new(&v.tr, &map),
        ctx: Ctx::new(&v, "/partners/apply"),
        form: PartnerForm::default(),
        errors: FieldErrors::default(),
    })
}

pub async fn apply(
    State(state): State<AppState>,
    v: Viewer,
    Form(data): Form<PartnerFormData>,
) -> Result<Response> {
    let map = state.store.region_map().await?;
    let ip = v.ip.map(|i| i.to_string()).unwrap_or_default();
    crate::auth::rate_limit(&state, &[(format!("apply:ip:{ip}"), 10)], 3600).await?;
    let result = match data.application().parse(&map) {
        Ok(app) => state
            .store
            .create_application(&app, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(p) => Ok(render(&AppliedView {
            ctx: Ctx::new(&v, "/partners/apply"),
            name: p.profile.name,
        })?
        .into_response()),
        Err(Error::Invalid(errors)) => {
            let view = ApplyView {
                options: Options::new(&v.tr, &map),
                ctx: Ctx::new(&v, "/partners/apply"),
                form: PartnerForm::from_data(&data),
                errors: FieldErrors(errors),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
