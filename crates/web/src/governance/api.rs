//! The governance API: bodies, decisions, taking part and the register. Handlers call the functions the
//! pages call (`governance::access`, `open`, `perform`), so both enforce the same rules.

use super::access::{body_by_slug, decision_access, open, perform, ActionInput, Done};
use super::admin::{save_delegates, DelegatesBody};
use super::pages::visible_bodies;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use agora_domain::governance::{DecisionInput, VoteResult};
use agora_domain::pagination::PageRequest;
use agora_store::{
    Body, Comment, Decision, DecisionSummary, Elector, StanceRow, StoredBallot, Version,
};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bodies", get(list_bodies))
        .route(
            "/bodies/{slug}/decisions",
            get(body_decisions).post(create_decision),
        )
        .route("/register", get(register))
        .route("/decisions/{id}", get(get_decision))
        .route("/decisions/{id}/ballots.csv", get(ballots_csv))
        .route("/decisions/{id}/{action}", post(act))
        .route("/partners/{id}/delegates", post(delegates))
}

#[utoipa::path(get, path = "/api/v1/bodies", tag = "governance",
    responses((status = 200, body = [Body], description = "The bodies the caller may see")))]
/// Bodies that decide: groups, the partner assembly, all members.
pub async fn list_bodies(State(state): State<AppState>, v: Viewer) -> Result<Json<Vec<Body>>> {
    Ok(Json(visible_bodies(&state, &v).await?))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct ListQuery {
    /// Only decided decisions (the register).
    pub register: bool,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionPage {
    pub items: Vec<DecisionSummary>,
    pub page: u32,
    pub total: u64,
    pub total_pages: u32,
}

fn page_of(p: agora_domain::pagination::Page<DecisionSummary>) -> DecisionPage {
    DecisionPage {
        page: p.page,
        total: p.total,
        total_pages: p.total_pages,
        items: p.items,
    }
}

#[utoipa::path(get, path = "/api/v1/bodies/{slug}/decisions", tag = "governance", params(("slug" = String, Path), ListQuery),
    responses((status = 200, body = DecisionPage), (status = 404, body = ErrorBody)))]
/// A body's decisions, newest first (`register=true`: decided ones only).
pub async fn body_decisions(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Json<DecisionPage>> {
    let (body, _) = body_by_slug(&state, &v, &slug).await?;
    let page = PageRequest::new(q.page.unwrap_or(1), q.per_page.unwrap_or(25));
    Ok(Json(page_of(
        state.store.decisions(&[body.id], q.register, page).await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/register", tag = "governance", params(ListQuery),
    responses((status = 200, body = DecisionPage)))]
/// The decision register across every body the caller may see.
pub async fn register(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Json<DecisionPage>> {
    let ids: Vec<i64> = visible_bodies(&state, &v)
        .await?
        .iter()
        .map(|b| b.id)
        .collect();
    let page = PageRequest::new(q.page.unwrap_or(1), q.per_page.unwrap_or(25));
    Ok(Json(page_of(
        state.store.decisions(&ids, true, page).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/bodies/{slug}/decisions", tag = "governance", params(("slug" = String, Path)),
    request_body = DecisionInput,
    responses((status = 201, description = "Opened; the body holds the decision id"), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody),
              (status = 429, body = ErrorBody, description = "The account's daily limit of openings in the all-members body")))]
/// Open a proposal, vote or consultation in a body.
pub async fn create_decision(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Result<Response> {
    let (body, s) = body_by_slug(&state, &v, &slug).await?;
    match open(&state, &v, &body, s, &input).await {
        Ok(id) => Ok((StatusCode::CREATED, Json(json!({"id": id}))).into_response()),
        Err(crate::error::Error::TooManyRequests { retry_after_secs }) => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, retry_after_secs.to_string())],
            Json(json!({"error": "too_many_requests",
                "message": crate::i18n::english("too-many-proposals")})),
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionDetail {
    pub decision: Decision,
    pub body: Body,
    pub versions: Vec<Version>,
    /// The proposer's display name.
    pub proposer: Option<String>,
    /// Frozen at opening; `participated` false means undecided (no times on secret votes). Empty for
    /// anonymous callers on an all-members decision, who get the counts only.
    pub electorate: Vec<Elector>,
    pub electorate_size: usize,
    pub participants: usize,
    pub stances: Vec<StanceRow>,
    pub comments: Vec<Comment>,
    /// The count, once it may be shown.
    pub result: Option<VoteResult>,
    pub ballots: Vec<StoredBallot>,
    /// Electorate entries the caller may act for.
    pub you_may_act_for: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/decisions/{id}", tag = "governance", params(("id" = i64, Path)),
    responses((status = 200, body = DecisionDetail), (status = 404, body = ErrorBody)))]
/// A decision with its versions, electorate, positions, comments and (when visible) its count.
pub async fn get_decision(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<DecisionDetail>> {
    let a = decision_access(&state, &v, id).await?;
    let d = &a.decision;
    let result = state.store.results(d).await?;
    let ballots = if result.is_some() {
        state.store.ballots(d).await?
    } else {
        vec![]
    };
    let names = a.names_visible(&v);
    let electorate = state.store.electorate(id).await?;
    let mut stances = state.store.stances(id, d.version).await?;
    let mut ballots = ballots;
    if !names {
        for s in &mut stances {
            s.voter_key.clear();
            s.label.clear();
        }
        for b in &mut ballots {
            b.voter = None;
        }
    }
    Ok(Json(DecisionDetail {
        versions: state.store.versions(id).await?,
        proposer: super::pages::proposer_name(&state, d).await?,
        electorate_size: electorate.len(),
        participants: electorate.iter().filter(|e| e.participated).count(),
        electorate: if names { electorate } else { vec![] },
        stances,
        comments: state.store.comments(id).await?,
        result,
        ballots,
        you_may_act_for: a.voter_keys.iter().map(|k| k.encode()).collect(),
        body: a.body.clone(),
        decision: a.decision.clone(),
    }))
}

#[utoipa::path(post, path = "/api/v1/decisions/{id}/{action}", tag = "governance",
    params(("id" = i64, Path), ("action" = String, Path, description = "stance, ballot, revise, escalate, rule, withdraw, take, comment or respond")),
    request_body = ActionInput,
    responses((status = 200, description = "Done; a ballot returns its receipt"), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Take part in or move on a decision. A ballot after the close, ranking an unknown option or one
/// option twice is refused with 422 and changes nothing.
pub async fn act(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, action)): Path<(i64, String)>,
    ApiJson(input): ApiJson<ActionInput>,
) -> Result<Json<serde_json::Value>> {
    if v.person.is_none() {
        return Err(crate::error::Error::Unauthorized);
    }
    let a = decision_access(&state, &v, id).await?;
    match perform(&state, &v, &a, &action, &input).await? {
        Done::Receipt(r) => Ok(Json(json!({"receipt": r}))),
        Done::Ok => {
            let d = state.store.decision(id).await?;
            Ok(Json(json!({"status": d.status})))
        }
    }
}

#[utoipa::path(get, path = "/api/v1/decisions/{id}/ballots.csv", tag = "governance", params(("id" = i64, Path)),
    responses((status = 200, content_type = "text/csv", description = "Anonymised ballots; recount with `agora tally`"),
              (status = 422, body = ErrorBody, description = "Not closed yet")))]
/// The anonymised ballots of a closed vote.
pub async fn ballots_csv(state: State<AppState>, v: Viewer, id: Path<i64>) -> Result<Response> {
    let r = super::pages::ballots_csv(state, v, id).await?;
    let (mut parts, body) = r.into_parts();
    parts
        .headers
        .entry(header::CACHE_CONTROL)
        .or_insert(header::HeaderValue::from_static("no-store"));
    Ok(Response::from_parts(parts, body))
}

#[utoipa::path(post, path = "/api/v1/partners/{id}/delegates", tag = "governance", params(("id" = i64, Path)),
    request_body = DelegatesBody,
    responses((status = 200), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Designate who casts a partner's vote in the assembly (person ids of the partner's staff).
pub async fn delegates(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(f): ApiJson<DelegatesBody>,
) -> Result<Json<serde_json::Value>> {
    save_delegates(&state, &v, id, &f).await?;
    Ok(Json(json!({"ok": true})))
}
