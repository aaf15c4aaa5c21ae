//! `/api/v1/recognition…`, `/api/v1/hall-of-fame` and `/api/v1/credentials/verify`: the same rules
//! as the pages (`actions`).

use super::actions::{self, current_cycle, person_id, visible};
use super::issuer::{self, Verdict};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_domain::recognition::review::{
    AppealAnswerInput, AppealInput, DecisionInput, ScoreInput,
};
use agora_domain::recognition::NominationInput;
use agora_store::{
    FameEntry, PanelComment, Recusal, StoredAppeal, StoredAward, StoredCategory, StoredCycle,
    StoredNomination, StoredScore,
};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Program {
    pub categories: Vec<StoredCategory>,
    /// The latest cycle, if any.
    pub cycle: Option<StoredCycle>,
    /// Nominations where the caller is the nominee or a nominator.
    pub mine: Vec<StoredNomination>,
}

#[utoipa::path(get, path = "/api/v1/recognition", tag = "recognition",
    responses((status = 200, body = Program), (status = 401, body = ErrorBody)), security(("token" = [])))]
/// The program's categories with their rubrics, the current cycle and the caller's nominations.
pub async fn program(State(state): State<AppState>, v: Viewer) -> Result<Json<Program>> {
    Ok(Json(Program {
        categories: state.store.recognition_categories().await?,
        cycle: current_cycle(&state).await?,
        mine: actions::mine(&state, &v)
            .await?
            .into_iter()
            .map(|(n, _)| n)
            .collect(),
    }))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NominateRequest {
    /// The category's id.
    pub category: String,
    #[serde(flatten)]
    pub nomination: NominationInput,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Nominated {
    pub id: i64,
    /// Another nomination of the same nominee in this cycle and category existed: yours joined it.
    pub merged: bool,
}

#[utoipa::path(post, path = "/api/v1/recognition/nominations", tag = "recognition", request_body = NominateRequest,
    responses((status = 201, body = Nominated), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody,
        description = "`cycle` (outside-window), `category` (required), `nominee` (required, invalid-nominee, not-yourself), `justification` (required), `justification.<key>` (unknown-criterion, too-long), `links` (invalid-url, too-many-links)")),
    security(("token" = [])))]
/// Nominates someone (or oneself) in the current cycle, with a justification per criterion.
pub async fn nominate(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(req): ApiJson<NominateRequest>,
) -> Result<Response> {
    let (id, merged) = actions::nominate(&state, &v, &req.category, &req.nomination).await?;
    Ok((StatusCode::CREATED, Json(Nominated { id, merged })).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NominationDetail {
    #[serde(flatten)]
    pub nomination: StoredNomination,
    /// Only for the panel (not recused) and the foundation; empty otherwise.
    pub scores: Vec<StoredScore>,
    pub recusals: Vec<Recusal>,
    pub comments: Vec<PanelComment>,
    /// The appeal of a decline, if any; its text only for the appellant, the nominee and the panel.
    pub appeal: Option<StoredAppeal>,
}

#[utoipa::path(get, path = "/api/v1/recognition/nominations/{id}", tag = "recognition", params(("id" = i64, Path)),
    responses((status = 200, body = NominationDetail), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
/// A nomination, for its nominee, nominators, the panel and the foundation; the panel's scores and
/// discussion only for the panel (not recused) and the foundation.
pub async fn nomination(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<NominationDetail>> {
    let (n, a) = visible(&state, &v, id).await?;
    let panel = a.sees_panel();
    let me = person_id(&v)?;
    let appeal = state.store.recognition_appeal(id).await?.map(|mut x| {
        if !(panel || a.nominee || x.person_id == me) {
            x.text.clear();
        }
        x
    });
    Ok(Json(NominationDetail {
        appeal,
        scores: if panel {
            state.store.recognition_scores(id).await?
        } else {
            vec![]
        },
        recusals: if panel {
            state.store.recognition_recusals(id).await?
        } else {
            vec![]
        },
        comments: if panel {
            state.store.recognition_comments(id).await?
        } else {
            vec![]
        },
        nomination: n,
    }))
}

#[utoipa::path(put, path = "/api/v1/recognition/nominations/{id}/scores", tag = "recognition", params(("id" = i64, Path)),
    request_body = ScoreInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`scores` (recused, nomination-declined, outside-window), `scores.<key>` (invalid-number, unknown-criterion), `comment` (too-long)")),
    security(("token" = [])))]
/// A panelist's scores (0 to 5 per criterion) and comment; a recused panelist is refused.
pub async fn score(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ScoreInput>,
) -> Result<StatusCode> {
    actions::score(&state, &v, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/recognition/nominations/{id}/decision", tag = "recognition", params(("id" = i64, Path)),
    request_body = DecisionInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`outcome` (invalid-outcome, quorum-not-met, outside-window, nomination-declined, invalid-transition), `rationale` (required, too-short, too-long)")),
    security(("token" = [])))]
/// The panel's decision, recorded by the foundation once the quorum is met. An award starts its
/// term today and is issued its credential.
pub async fn decide(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Result<StatusCode> {
    actions::decide(&state, &v, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/recognition/nominations/{id}/appeal", tag = "recognition", params(("id" = i64, Path)),
    request_body = AppealInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`text` (required, too-long, not-declined, not-a-party, outside-window, already-appealed)")),
    security(("token" = [])))]
/// The nominee or a nominator appeals a decline, once, within the cycle's appeal window.
pub async fn appeal(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<AppealInput>,
) -> Result<StatusCode> {
    actions::appeal(&state, &v, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/recognition/nominations/{id}/appeal/answer", tag = "recognition", params(("id" = i64, Path)),
    request_body = AppealAnswerInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`verdict` (invalid-appeal-verdict, already-answered, nomination-declined), `rationale` (required, too-short, too-long)")),
    security(("token" = [])))]
/// The panel's answer to an appeal, recorded by the foundation. Overturned, the nomination is
/// awarded: the term starts today and the credential is issued.
pub async fn answer_appeal(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<AppealAnswerInput>,
) -> Result<StatusCode> {
    actions::answer_appeal(&state, &v, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/recognition/awards", tag = "recognition",
    responses((status = 200, body = Vec<StoredAward>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("token" = [])))]
/// Every award with its state as of today (terms, grace, reasons), for the foundation.
pub async fn awards(State(state): State<AppState>, v: Viewer) -> Result<Json<Vec<StoredAward>>> {
    v.require(Permission::ManageRecognition)?;
    Ok(Json(state.store.recognition_awards().await?))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AwardChange {
    /// `renew`, `lapse`, `emeritus`, `revoke`, `suspend` or `unsuspend`.
    pub action: String,
    /// Required for every action but `renew`.
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/recognition/awards/{id}", tag = "recognition", params(("id" = i64, Path)),
    request_body = AwardChange,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`action` (invalid-transition), `reason` (award-reason-required, too-long), `state` (too-early, too-late, invalid-transition)")),
    security(("token" = [])))]
/// Renews an award (issuing the next term's credential, and lifetime status after five
/// consecutive renewed terms), lapses it, makes it emeritus, revokes, suspends or unsuspends it.
pub async fn change_award(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<AwardChange>,
) -> Result<StatusCode> {
    actions::change_award(&state, &v, id, &input.action, &input.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/hall-of-fame", tag = "recognition",
    responses((status = 200, body = Vec<FameEntry>)))]
/// Current Distinguished Contributors who chose to be shown, lifetime members and recognized
/// partner organizations.
pub async fn hall_of_fame(State(state): State<AppState>) -> Result<Json<Vec<FameEntry>>> {
    Ok(Json(state.store.hall_of_fame().await?))
}

#[utoipa::path(post, path = "/api/v1/credentials/verify", tag = "recognition",
    request_body(content = Object, description = "The credential (JSON) as issued"),
    responses((status = 200, body = Verdict)))]
/// Verifies a credential: signature, issuer key, validity period, revocation and suspension.
pub async fn verify(
    State(state): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Json<Verdict>> {
    Ok(Json(
        issuer::verify(&issuer::Issuer::of(&state), &body).await?,
    ))
}
