//! Proposed OKRs and templates on the web (issue 10): an objective's page with the community's
//! comments while it is proposed and the facilitators' adoption, and the suggested templates a group
//! adopts as a proposal of its own, in the facilitator's language. Pages and the API call the same
//! functions here; the rules are `agora_domain::groups::okr_proposals`.

use super::actions::{self, require_facilitator};
use super::okrs::{self as okr_pages, objective};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::i18n::Tr;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::governance::Standing;
use agora_domain::groups::okr_proposals::{self as rule, CommentInput, OkrTemplate, TEMPLATES};
use agora_domain::groups::okrs::{format_hundredths, KeyResultInput, ObjectiveInput, Quarter};
use agora_domain::groups::{self as rules};
use agora_domain::ValidationErrors;
use agora_store::{Group, Objective, ObjectiveComment};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An objective with the comments on it (`GET /api/v1/groups/{slug}/objectives/{id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectiveDetail {
    pub objective: Objective,
    /// Oldest first, signed with display names.
    pub comments: Vec<ObjectiveComment>,
    /// Whether the viewer may comment now: signed in, and the objective is proposed.
    pub may_comment: bool,
    /// Whether the viewer may adopt and edit it.
    pub may_facilitate: bool,
}

pub async fn objective_detail(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
) -> Result<ObjectiveDetail> {
    let mut o = objective(state, group, id).await?;
    if !okr_pages::parent_visible(state, v, group).await? {
        o.aligned_to = None;
    }
    Ok(ObjectiveDetail {
        comments: state.store.objective_comments(id).await?,
        may_comment: v.person.is_some() && rule::may_comment(!o.proposed).is_ok(),
        may_facilitate: rules::may_facilitate(s),
        objective: o,
    })
}

/// Comments on a proposed objective: anyone signed in who may see the group.
pub async fn comment(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    id: i64,
    input: &CommentInput,
) -> Result<ObjectiveComment> {
    objective(state, group, id).await?;
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    let cid = state
        .store
        .comment_on_objective(group.body.id, id, input, &v.who())
        .await?;
    state
        .store
        .objective_comments(id)
        .await?
        .into_iter()
        .find(|c| c.id == cid)
        .ok_or(Error::NotFound)
}

pub async fn adopt(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
) -> Result<Objective> {
    require_facilitator(v, s)?;
    objective(state, group, id).await?;
    state
        .store
        .adopt_objective(group.body.id, id, &v.who())
        .await?;
    objective(state, group, id).await
}

/// A key result of a template, in the viewer's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateKeyResultView {
    pub title: String,
    #[schema(example = "number")]
    pub kind: String,
    /// The target as typed in a form (`12`, `40`); empty for a milestone.
    pub target: String,
    pub unit: String,
}

/// A suggested objective, in the viewer's language.
#[derive(Debug, Serialize, ToSchema)]
pub struct TemplateView {
    #[schema(example = "market-needs")]
    pub slug: String,
    #[schema(example = "product-market-alignment")]
    pub area: String,
    pub area_name: String,
    pub title: String,
    pub description: String,
    pub key_results: Vec<TemplateKeyResultView>,
}

fn template_view(tr: &Tr, t: &OkrTemplate) -> TemplateView {
    let key = |suffix: &str| tr.t(&format!("okr-template-{}{suffix}", t.slug));
    TemplateView {
        slug: t.slug.into(),
        area: t.area.slug().into(),
        area_name: tr.t(&t.area.label_key()),
        title: key(""),
        description: key("-description"),
        key_results: t
            .key_results
            .iter()
            .enumerate()
            .map(|(i, k)| TemplateKeyResultView {
                title: key(&format!("-kr{}", i + 1)),
                kind: k.kind.slug().into(),
                target: if k.kind == agora_domain::groups::okrs::KeyResultKind::Milestone {
                    String::new()
                } else {
                    format_hundredths(k.target)
                },
                unit: key(&format!("-kr{}-unit", i + 1)),
            })
            .collect(),
    }
}

/// Every template, in the viewer's language, by focus area.
pub fn templates(tr: &Tr) -> Vec<TemplateView> {
    TEMPLATES.iter().map(|t| template_view(tr, t)).collect()
}

/// A template to adopt as a proposal of the group.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct FromTemplateInput {
    /// A template's slug (`GET /api/v1/okr-templates`).
    #[schema(example = "market-needs")]
    pub template: String,
    /// `2026-Q4`; the current quarter when empty.
    pub period: String,
    /// An objective of the parent group in the same period it serves; none when empty.
    pub aligned_to: String,
}

/// Adopts a template as a proposed objective of the group with its key results, in the
/// facilitator's language, to edit before the group adopts it.
pub async fn create_from_template(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &FromTemplateInput,
) -> Result<Objective> {
    require_facilitator(v, s)?;
    let t = rule::template(&input.template)
        .map_err(|c| Error::Invalid(ValidationErrors::single("template", c)))?;
    let view = template_view(&v.tr, t);
    let o = ObjectiveInput {
        period: input.period.clone(),
        title: view.title,
        description: view.description,
        aligned_to: input.aligned_to.clone(),
        members_check_in: true,
        propose: true,
    }
    .parse(state.clock.now().date_naive())?;
    let key_results = view
        .key_results
        .into_iter()
        .map(|k| {
            KeyResultInput {
                title: k.title,
                kind: k.kind,
                start: "0".into(),
                target: k.target,
                unit: k.unit,
                ..Default::default()
            }
            .parse()
        })
        .collect::<std::result::Result<Vec<_>, _>>()?;
    okr_pages::require_visible_alignment(state, v, group, o.aligned_to).await?;
    let id = state
        .store
        .create_objective_with(group.body.id, &o, &key_results, &v.who())
        .await?;
    objective(state, group, id).await
}

// ---- Pages ----

#[derive(Template)]
#[template(path = "groups/objective.html")]
struct ObjectiveView {
    ctx: Ctx,
    group: Group,
    d: ObjectiveDetail,
    closed: bool,
    comment: CommentInput,
    errors: FieldErrors,
}

impl ObjectiveView {
    fn pct(&self, per_mille: impl std::borrow::Borrow<i64>) -> String {
        okr_pages::percent(*per_mille.borrow())
    }

    fn shown(&self, kr: &agora_store::StoredKeyResult, v: impl std::borrow::Borrow<i64>) -> String {
        let k = &kr.key_result;
        okr_pages::shown_value(&self.ctx.tr, k.kind, &k.unit, *v.borrow())
    }
}

async fn objective_view(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    id: i64,
    comment: CommentInput,
    errors: FieldErrors,
) -> Result<ObjectiveView> {
    let d = objective_detail(state, v, &group, s, id).await?;
    Ok(ObjectiveView {
        ctx: Ctx::new(v, &format!("/groups/{}", group.body.slug)),
        closed: d.objective.period.is_closed(state.clock.now().date_naive()),
        group,
        d,
        comment,
        errors,
    })
}

pub async fn objective_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    render(
        &objective_view(
            &state,
            &v,
            group,
            s,
            id,
            CommentInput::default(),
            FieldErrors::default(),
        )
        .await?,
    )
}

fn objective_path(group: &Group, id: i64) -> String {
    format!("/groups/{}/objectives/{id}", group.body.slug)
}

pub async fn comment_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<CommentInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match comment(&state, &v, &group, id, &input).await {
        Ok(c) => Ok(
            Redirect::to(&format!("{}#comment-{}", objective_path(&group, id), c.id))
                .into_response(),
        ),
        Err(Error::Invalid(e)) => {
            let view = objective_view(&state, &v, group, s, id, input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn adopt_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match adopt(&state, &v, &group, s, id).await {
        Ok(_) => Ok(Redirect::to(&objective_path(&group, id)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = objective_view(
                &state,
                &v,
                group,
                s,
                id,
                CommentInput::default(),
                FieldErrors(e),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn from_template_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<FromTemplateInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    // The buttons send a known template and the form's period: a failure here is a period already
    // over or an alignment no longer offered, shown on the new-objective form.
    match create_from_template(&state, &v, &group, s, &input).await {
        Ok(o) => Ok(Redirect::to(&objective_path(&group, o.id)).into_response()),
        Err(Error::Invalid(e)) => {
            let period = Quarter::parse(&input.period)
                .unwrap_or_else(|_| Quarter::containing(state.clock.now().date_naive()));
            okr_pages::new_objective_rejected(&state, &v, group, period, FieldErrors(e)).await
        }
        Err(e) => Err(e),
    }
}

// ---- API ----

#[utoipa::path(get, path = "/api/v1/groups/{slug}/objectives/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = ObjectiveDetail), (status = 404, body = ErrorBody)))]
/// An objective with its key results, whether it is proposed or adopted, and the comments on it.
pub async fn get_objective(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<ObjectiveDetail>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(objective_detail(&state, &v, &group, s, id).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/objectives/{id}/comments", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = CommentInput,
    responses((status = 201, body = ObjectiveComment), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`comment`: required, too-long (2,000 characters) or already-adopted")))]
/// Comment on a proposed objective (anyone signed in who may see the group); comments close when the
/// group adopts it.
pub async fn post_comment(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<CommentInput>,
) -> Result<Response> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    let c = comment(&state, &v, &group, id, &input).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/objectives/{id}/adopt", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = Objective), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`objective`: already-adopted")))]
/// Adopt a proposed objective (facilitators and admins): it takes check-ins and counts in the group's
/// progress from then on.
pub async fn post_adopt(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<Objective>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(adopt(&state, &v, &group, s, id).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Templates {
    pub templates: Vec<TemplateView>,
}

#[utoipa::path(get, path = "/api/v1/okr-templates", tag = "groups",
    responses((status = 200, body = Templates)))]
/// The suggested objectives with key results, by focus area, in the caller's language.
pub async fn list_templates(v: Viewer) -> Json<Templates> {
    Json(Templates {
        templates: templates(&v.tr),
    })
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/objectives/from-template", tag = "groups",
    params(("slug" = String, Path)), request_body = FromTemplateInput,
    responses((status = 201, body = Objective), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`template` (unknown-template), `period` or `aligned_to`")))]
/// Adopt a template as a proposed objective of the group, with its key results, in the caller's
/// language (facilitators and admins); edit it, then adopt it.
pub async fn post_from_template(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<FromTemplateInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let o = create_from_template(&state, &v, &group, s, &input).await?;
    Ok((StatusCode::CREATED, Json(o)).into_response())
}
