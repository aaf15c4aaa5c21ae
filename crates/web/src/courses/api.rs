//! The courses API: a course's weekly series, and community plans (list, create, read, and their
//! business plan, targets, measures and roadmap).

use super::actions::{self, Loaded, MeasureView};
use super::pages;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::courses::business::BusinessPlan;
use agora_domain::courses::plan::{Access, ItemInput, MeasureInput, PlanInput, Target};
use agora_domain::courses::series::{compute, WeekRow};
use agora_domain::courses::CourseId;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::Plan;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct SeriesQuery {
    /// `week` (the only interval so far; weeks start on Monday, UTC).
    pub interval: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SeriesBody {
    /// The course's canonical id (`course-v1:Org+Course+Run`), whichever form was asked for.
    pub course_id: String,
    pub rows: Vec<WeekRow>,
}

#[utoipa::path(get, path = "/api/v1/courses/{course_id}/series", tag = "courses",
    params(("course_id" = String, Path, description = "The course id in either Open edX form, URL-encoded"), SeriesQuery),
    responses((status = 200, body = SeriesBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`course_id` (invalid-course-id), `interval` (invalid-choice)")),
    security(("token" = [])))]
/// A course's weekly series from its imported tracking logs: enrolled at the end of each week, new
/// enrollments, active and returning learners, learners who played a video or attempted a problem,
/// forum posts, completions, certificates and referred enrollments. Exact figures: for the
/// foundation and the people the course's plan is shared with.
pub async fn series(
    State(state): State<AppState>,
    v: Viewer,
    Path(course_id): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> Result<Json<SeriesBody>> {
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    let mut e = ValidationErrors::new();
    let id = e.check("course_id", CourseId::parse(&course_id));
    if !matches!(q.interval.trim(), "" | "week") {
        e.add("interval", "invalid-choice");
    }
    let Some(id) = id.filter(|_| e.is_empty()) else {
        return Err(e.into());
    };
    let course = state
        .store
        .course_by_key(&id)
        .await?
        .ok_or(Error::NotFound)?;
    if !v.can(Permission::ManageCourses) {
        // The plan's people; to anyone else the course is not there.
        let plan = state
            .store
            .plan_of_course(course.id)
            .await?
            .ok_or(Error::NotFound)?;
        actions::load(&state, &v, plan.id, Access::View).await?;
    }
    let facts = state.store.course_facts(course.id).await?;
    let s = compute(&facts.weeks, &facts.enrollments, &facts.milestones, None);
    Ok(Json(SeriesBody {
        course_id: course.course_key,
        rows: s.rows,
    }))
}

/// A plan as the API answers it: the plan, its roles, measures with their progress, and roadmap.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanBody {
    #[serde(flatten)]
    pub plan: Plan,
    /// `view` or `edit`: what the caller may do.
    pub access: Access,
    pub outlook: Vec<agora_domain::courses::business::Sensitivity>,
    pub roles: Vec<agora_store::PlanRole>,
    pub measures: Vec<MeasureView>,
    pub roadmap: Vec<agora_store::RoadmapItem>,
}

async fn plan_body(state: &AppState, l: Loaded) -> Result<PlanBody> {
    let today = state.clock.now().date_naive();
    let s = actions::series(state, l.plan.course.id).await?;
    let measures = actions::measure_views(state.store.plan_measures(l.plan.id).await?, &s, today);
    Ok(PlanBody {
        access: l.access,
        outlook: l.plan.business.sensitivity(),
        roles: state.store.plan_roles(l.plan.id).await?,
        roadmap: state.store.roadmap(l.plan.id).await?,
        measures,
        plan: l.plan,
    })
}

#[utoipa::path(get, path = "/api/v1/courses/plans", tag = "courses",
    responses((status = 200, body = Vec<Plan>), (status = 401, body = ErrorBody)),
    security(("token" = [])))]
/// The community plans shared with the caller (every plan for admins).
pub async fn plans(State(state): State<AppState>, v: Viewer) -> Result<Json<Vec<Plan>>> {
    let me = v.person.as_ref().map(|p| p.id).ok_or(Error::Unauthorized)?;
    Ok(Json(
        state
            .store
            .plans_for(Some(me), v.can(Permission::ManageCourses))
            .await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/courses/plans", tag = "courses", request_body = PlanInput,
    responses((status = 201, body = PlanBody), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "A field's error: `course_id` (invalid-course-id, course-plan-exists, course-has-data), `title`, `organization`, `purpose`, `partner`, `lms_url`")),
    security(("token" = [])))]
/// Create a community plan for a course; the caller owns it.
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<PlanInput>,
) -> Result<Response> {
    let id = pages::create_plan(&state, &v, &input).await?;
    let l = actions::load(&state, &v, id, Access::View).await?;
    Ok((StatusCode::CREATED, Json(plan_body(&state, l).await?)).into_response())
}

#[utoipa::path(get, path = "/api/v1/courses/plans/{id}", tag = "courses", params(("id" = i64, Path)),
    responses((status = 200, body = PlanBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
/// A plan with its roles, measures (actual against target) and roadmap.
pub async fn plan(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<PlanBody>> {
    let l = actions::load(&state, &v, id, Access::View).await?;
    Ok(Json(plan_body(&state, l).await?))
}

#[utoipa::path(put, path = "/api/v1/courses/plans/{id}/business", tag = "courses", params(("id" = i64, Path)),
    request_body = BusinessPlan,
    responses((status = 200, body = PlanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`horizon_months`, `lines`, `lines.N.label|quantity|unit`")),
    security(("token" = [])))]
/// Replace a plan's business plan (its editors).
pub async fn set_business(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<BusinessPlan>,
) -> Result<Json<PlanBody>> {
    actions::load(&state, &v, id, Access::Edit).await?;
    state.store.set_plan_business(id, &b, &v.who()).await?;
    plan(State(state), v, Path(id)).await
}

/// A plan's targets: every audience segment, replacing those it had.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TargetsBody {
    pub targets: Vec<Target>,
}

#[utoipa::path(put, path = "/api/v1/courses/plans/{id}/targets", tag = "courses", params(("id" = i64, Path)),
    request_body = TargetsBody,
    responses((status = 200, body = PlanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`targets.N.name|size|offer|usp`, `targets` (too-many)")),
    security(("token" = [])))]
/// Replace a plan's targets (its editors).
pub async fn set_targets(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(t): ApiJson<TargetsBody>,
) -> Result<Json<PlanBody>> {
    actions::load(&state, &v, id, Access::Edit).await?;
    state
        .store
        .set_plan_targets(id, &t.targets, &v.who())
        .await?;
    plan(State(state), v, Path(id)).await
}

#[utoipa::path(post, path = "/api/v1/courses/plans/{id}/measures", tag = "courses", params(("id" = i64, Path)),
    request_body = MeasureInput,
    responses((status = 201, body = PlanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`name`, `metric` (unknown-metric), `target`, `due_on`")),
    security(("token" = [])))]
/// Add a measure of success (its editors).
pub async fn add_measure(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<MeasureInput>,
) -> Result<Response> {
    actions::load(&state, &v, id, Access::Edit).await?;
    let m = input.parse()?;
    state.store.save_measure(id, None, &m, &v.who()).await?;
    let body = plan(State(state), v, Path(id)).await?;
    Ok((StatusCode::CREATED, body).into_response())
}

#[utoipa::path(post, path = "/api/v1/courses/plans/{id}/roadmap", tag = "courses", params(("id" = i64, Path)),
    request_body = ItemInput,
    responses((status = 201, body = PlanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`phase`, `title`, `owner`, `due_on`, `status`, `measure`")),
    security(("token" = [])))]
/// Add a roadmap item (its editors).
pub async fn add_item(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<Response> {
    let l = actions::load(&state, &v, id, Access::Edit).await?;
    let item = input.parse()?;
    pages::check_owner(&state, &l.plan, item.owner).await?;
    state.store.save_item(id, None, &item, &v.who()).await?;
    let body = plan(State(state), v, Path(id)).await?;
    Ok((StatusCode::CREATED, body).into_response())
}

#[utoipa::path(put, path = "/api/v1/courses/plans/{id}/measures/{mid}", tag = "courses",
    params(("id" = i64, Path), ("mid" = i64, Path, description = "The measure's id")),
    request_body = MeasureInput,
    responses((status = 200, body = PlanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`name`, `metric` (unknown-metric), `target`, `due_on`")),
    security(("token" = [])))]
/// Change a measure of success (its editors).
pub async fn edit_measure(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, mid)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<MeasureInput>,
) -> Result<Json<PlanBody>> {
    actions::load(&state, &v, id, Access::Edit).await?;
    let m = input.parse()?;
    state
        .store
        .save_measure(id, Some(mid), &m, &v.who())
        .await?;
    plan(State(state), v, Path(id)).await
}

#[utoipa::path(put, path = "/api/v1/courses/plans/{id}/roadmap/{iid}", tag = "courses",
    params(("id" = i64, Path), ("iid" = i64, Path, description = "The roadmap item's id")),
    request_body = ItemInput,
    responses((status = 200, body = PlanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`phase`, `title`, `owner`, `due_on`, `status`, `measure`")),
    security(("token" = [])))]
/// Change a roadmap item (its editors).
pub async fn edit_item(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, iid)): Path<(i64, i64)>,
    ApiJson(input): ApiJson<ItemInput>,
) -> Result<Json<PlanBody>> {
    let l = actions::load(&state, &v, id, Access::Edit).await?;
    let item = input.parse()?;
    pages::check_owner(&state, &l.plan, item.owner).await?;
    state
        .store
        .save_item(id, Some(iid), &item, &v.who())
        .await?;
    plan(State(state), v, Path(id)).await
}
