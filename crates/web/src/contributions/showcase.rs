//! The public showcase of approved contributions, filterable by type, region and segment, where the
//! contributions of smaller companies come first and are marked (seed 002: "fair opportunities for
//! all members to participate regardless of the company size"); and the "case studies and
//! references" of a partner's public page. Never consent evidence or anyone's name.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::obligations::{highlighted, ContributionType};
use agora_domain::taxonomy::Segment;
use agora_domain::ValidationErrors;
use agora_store::{ShowcaseFilter, ShowcaseItem};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The most items one showcase page lists.
pub const SHOWCASE_LIMIT: i64 = 200;

/// `?type=&region=&segment=`, each optional.
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[serde(default)]
pub struct ShowcaseQuery {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub region: Option<String>,
    pub segment: Option<String>,
}

impl ShowcaseQuery {
    pub async fn filter(&self, state: &AppState) -> Result<ShowcaseFilter> {
        let mut e = ValidationErrors::new();
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let kind = given(&self.kind).and_then(|k| e.check("type", ContributionType::parse(&k)));
        let segment = given(&self.segment).and_then(|s| e.check("segment", Segment::parse(&s)));
        let region = match given(&self.region) {
            Some(r) => {
                let map = state.store.region_map().await?;
                e.check("region", map.parse_region(&r))
            }
            None => None,
        };
        if !e.is_empty() {
            return Err(Error::Invalid(e));
        }
        Ok(ShowcaseFilter {
            kind,
            region,
            segment,
            partner_id: None,
        })
    }
}

/// One approved contribution as the public sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShowcaseEntry {
    #[serde(flatten)]
    pub item: ShowcaseItem,
    /// From a smaller company (up to 50 people): listed first and marked.
    pub highlighted: bool,
}

/// Approved contributions matching `f`: smaller companies' first, then newest first.
pub async fn entries(state: &AppState, f: &ShowcaseFilter) -> Result<Vec<ShowcaseEntry>> {
    let mut out: Vec<ShowcaseEntry> = state
        .store
        .showcase(f, SHOWCASE_LIMIT)
        .await?
        .into_iter()
        .map(|item| ShowcaseEntry {
            highlighted: highlighted(item.partner_size),
            item,
        })
        .collect();
    out.sort_by_key(|e| !e.highlighted);
    Ok(out)
}

#[derive(Template)]
#[template(path = "contributions/showcase.html")]
struct ShowcaseView {
    ctx: Ctx,
    entries: Vec<ShowcaseEntry>,
    kind: String,
    region: String,
    segment: String,
    regions: Vec<(String, String)>,
}

impl ShowcaseView {
    fn types(&self) -> &'static [ContributionType] {
        ContributionType::ALL
    }

    fn segments(&self) -> &'static [Segment] {
        Segment::ALL
    }
}

pub async fn page(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<ShowcaseQuery>,
) -> Result<Html<String>> {
    let f = q.filter(&state).await?;
    let map = state.store.region_map().await?;
    render(&ShowcaseView {
        ctx: Ctx::new(&v, "/showcase"),
        entries: entries(&state, &f).await?,
        kind: f.kind.map(|k| k.slug().to_string()).unwrap_or_default(),
        region: f.region.clone().unwrap_or_default(),
        segment: f.segment.map(|s| s.slug().to_string()).unwrap_or_default(),
        regions: map
            .regions()
            .iter()
            .map(|r| (r.slug.clone(), r.name.clone()))
            .collect(),
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Showcase {
    pub contributions: Vec<ShowcaseEntry>,
}

#[utoipa::path(get, path = "/api/v1/showcase", tag = "contributions",
    params(ShowcaseQuery),
    responses((status = 200, body = Showcase),
              (status = 422, body = crate::api::ErrorBody, description = "`type`, `region` or `segment` unknown")))]
/// Approved contributions of active partners (public), smaller companies' first.
pub async fn api(
    State(state): State<AppState>,
    Query(q): Query<ShowcaseQuery>,
) -> Result<Json<Showcase>> {
    let f = q.filter(&state).await?;
    Ok(Json(Showcase {
        contributions: entries(&state, &f).await?,
    }))
}
