//! The contributions API: a partner's contributions and topics, submitting and resubmitting, the
//! Marketing WG's review queue and reviews. Handlers call `actions`, as the pages do.

use super::actions;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::obligations::report::{self, YearQuery};
use crate::AppState;
use agora_domain::obligations::{
    ContributionInput, ContributionState, ReviewInput, TopicInput, TopicState,
};
use agora_store::{Contribution, ContributionEvent, Topic};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionList {
    pub contributions: Vec<Contribution>,
}

/// `?year=YYYY` to narrow to a year; every year when absent.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct OptionalYear {
    pub year: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/partners/{slug}/contributions", tag = "contributions",
    params(("slug" = String, Path), OptionalYear),
    responses((status = 200, body = ContributionList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`year`: invalid-year")))]
/// A partner's contributions, newest first, in every state (the partner's people and admins).
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<OptionalYear>,
) -> Result<Json<ContributionList>> {
    let p = report::partner(&state, &v, &slug).await?;
    let year = match q.year.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(_) => Some(
            YearQuery {
                year: q.year.clone(),
            }
            .year(&state)?,
        ),
    };
    Ok(Json(ContributionList {
        contributions: state.store.contributions_of(p.id, year).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/partners/{slug}/contributions", tag = "contributions",
    params(("slug" = String, Path)), request_body = ContributionInput,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody, description = "Not one of this partner's people"),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "The fields refused, e.g. `consent_evidence`: consent-evidence-required, `topic_id`: topic-required")))]
/// Submit a contribution for the Marketing WG to review (the partner's people).
pub async fn submit(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<ContributionInput>,
) -> Result<(StatusCode, Json<Created>)> {
    let p = report::partner(&state, &v, &slug).await?;
    let id = actions::submit(&state, &v, &p, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionDetail {
    pub contribution: Contribution,
    /// Submissions, resubmissions and reviews, oldest first.
    pub history: Vec<ContributionEvent>,
}

#[utoipa::path(get, path = "/api/v1/contributions/{id}", tag = "contributions",
    params(("id" = i64, Path)),
    responses((status = 200, body = ContributionDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// A contribution with its history (the partner's people, the foundation and the reviewers).
pub async fn detail(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<ContributionDetail>> {
    let contribution = actions::contribution(&state, &v, id).await?;
    Ok(Json(ContributionDetail {
        history: state.store.contribution_history(id).await?,
        contribution,
    }))
}

#[utoipa::path(put, path = "/api/v1/contributions/{id}", tag = "contributions",
    params(("id" = i64, Path)), request_body = ContributionInput,
    responses((status = 200, body = ContributionDetail, description = "Resubmitted; the earlier version stays in the history"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "The fields refused, or `state`: not-awaiting-changes")))]
/// Resubmit a contribution sent back for changes (the partner's people).
pub async fn resubmit(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ContributionInput>,
) -> Result<Json<ContributionDetail>> {
    actions::resubmit(&state, &v, id, &input).await?;
    let contribution = actions::contribution(&state, &v, id).await?;
    Ok(Json(ContributionDetail {
        history: state.store.contribution_history(id).await?,
        contribution,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Reviewed {
    pub state: ContributionState,
}

#[utoipa::path(post, path = "/api/v1/contributions/{id}/review", tag = "contributions",
    params(("id" = i64, Path)), request_body = ReviewInput,
    responses((status = 200, body = Reviewed), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody, description = "Not a member of the Marketing WG, or reviewing one's own organization"),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`verdict`: invalid-verdict or not-awaiting-review, `comment`: required")))]
/// Approve a contribution, ask for changes (with comments) or reject it (with a reason): members
/// of the Marketing WG.
pub async fn review(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ReviewInput>,
) -> Result<Json<Reviewed>> {
    Ok(Json(Reviewed {
        state: actions::review(&state, &v, id, &input).await?,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewQueue {
    /// Contributions waiting for a review, oldest first.
    pub contributions: Vec<Contribution>,
    /// Article topics waiting for a review, oldest first.
    pub topics: Vec<Topic>,
}

#[utoipa::path(get, path = "/api/v1/marketing/reviews", tag = "contributions",
    responses((status = 200, body = ReviewQueue), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// What waits for the Marketing WG (its members, and foundation admins).
pub async fn queue(State(state): State<AppState>, v: Viewer) -> Result<Json<ReviewQueue>> {
    actions::require_queue(&state, &v).await?;
    Ok(Json(ReviewQueue {
        contributions: state.store.contributions_awaiting_review().await?,
        topics: state.store.proposed_topics().await?,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicList {
    pub topics: Vec<Topic>,
}

#[utoipa::path(get, path = "/api/v1/partners/{slug}/topics", tag = "contributions",
    params(("slug" = String, Path)),
    responses((status = 200, body = TopicList), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// A partner's article topics and their reviews (the partner's people and admins).
pub async fn topics(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<TopicList>> {
    let p = report::partner(&state, &v, &slug).await?;
    Ok(Json(TopicList {
        topics: state.store.topics_of(p.id).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/partners/{slug}/topics", tag = "contributions",
    params(("slug" = String, Path)), request_body = TopicInput,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`title` or `summary`: required")))]
/// Propose an article topic for the Marketing WG to approve (the partner's people).
pub async fn propose_topic(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<TopicInput>,
) -> Result<(StatusCode, Json<Created>)> {
    let p = report::partner(&state, &v, &slug).await?;
    let id = actions::propose_topic(&state, &v, &p, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TopicReviewed {
    pub state: TopicState,
}

#[utoipa::path(post, path = "/api/v1/topics/{id}/review", tag = "contributions",
    params(("id" = i64, Path)), request_body = ReviewInput,
    responses((status = 200, body = TopicReviewed), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`verdict`: invalid-verdict or not-awaiting-review, `comment`: required")))]
/// Approve an article topic or reject it with a reason (members of the Marketing WG).
pub async fn review_topic(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ReviewInput>,
) -> Result<Json<TopicReviewed>> {
    let (_, state) = actions::review_topic(&state, &v, id, &input).await?;
    Ok(Json(TopicReviewed { state }))
}
