//! `GET /api/v1/courses/{course_id}/series`.

use crate::api::ErrorBody;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::courses::series::{compute, WeekRow};
use agora_domain::courses::CourseId;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use axum::extract::{Path, Query, State};
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
/// foundation (and, once plans exist, the people a course's plan is shared with).
pub async fn series(
    State(state): State<AppState>,
    v: Viewer,
    Path(course_id): Path<String>,
    Query(q): Query<SeriesQuery>,
) -> Result<Json<SeriesBody>> {
    v.require(Permission::ManageCourses)?;
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
    let facts = state.store.course_facts(course.id).await?;
    let s = compute(&facts.weeks, &facts.enrollments, &facts.milestones, None);
    Ok(Json(SeriesBody {
        course_id: course.course_key,
        rows: s.rows,
    }))
}
