//! The requester's private status page, reached by the link in their confirmation e-mail.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::leads::LeadStatus;
use agora_store::RequesterStatus;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

// ---- The requester's private status page -------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/status.html")]
struct StatusView {
    ctx: Ctx,
    token: String,
    status: RequesterStatus,
    /// What the status means for the requester, in words.
    summary: String,
    may_withdraw: bool,
    confirming: bool,
    withdrawn_now: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct StatusParams {
    withdrawn: Option<String>,
}

/// What a requester reads about their request.
fn status_summary(tr: &crate::i18n::Tr, s: &RequesterStatus) -> String {
    match s.status {
        LeadStatus::Withdrawn => tr.t("lead-link-withdrawn"),
        LeadStatus::Spam | LeadStatus::Duplicate | LeadStatus::Merged => tr.t("lead-link-closed"),
        _ if !s.accepted_by.is_empty() => tr.t("lead-link-accepted"),
        LeadStatus::Offered if s.awaiting_answer => tr.t("lead-link-offered"),
        LeadStatus::Queued => tr.t("lead-link-queued"),
        _ => tr.t("lead-link-pending"),
    }
}

/// A status page answers only to its link: any other token is "not found", like a missing page.
async fn status_view(
    state: &AppState,
    v: &Viewer,
    token: &str,
    confirming: bool,
    withdrawn_now: bool,
) -> Result<Response> {
    let status = state
        .store
        .requester_status(&crate::auth::hash_token(token))
        .await?
        .ok_or(Error::NotFound)?;
    let page = render(&StatusView {
        ctx: Ctx::new(v, "/find-a-partner"),
        token: token.to_string(),
        summary: status_summary(&v.tr, &status),
        may_withdraw: status.status.is_open(),
        confirming: confirming && status.status.is_open(),
        withdrawn_now,
        status,
    })?;
    // A private page: never stored by a shared cache, never indexed.
    Ok((
        [
            (header::CACHE_CONTROL, "no-store, private"),
            (
                header::HeaderName::from_static("x-robots-tag"),
                "noindex, nofollow",
            ),
        ],
        page,
    )
        .into_response())
}

pub async fn status_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
    Query(p): Query<StatusParams>,
) -> Result<Response> {
    status_view(&state, &v, &token, false, p.withdrawn.is_some()).await
}

/// The confirmation step before withdrawing.
pub async fn status_withdraw_confirm(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    status_view(&state, &v, &token, true, false).await
}

pub async fn status_withdraw(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response> {
    state
        .store
        .withdraw_by_requester(&crate::auth::hash_token(&token), state.clock.now())
        .await?;
    Ok(Redirect::to(&format!("/find-a-partner/status/{token}?withdrawn=1")).into_response())
}
