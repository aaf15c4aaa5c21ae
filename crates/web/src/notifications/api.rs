//! `GET` and `PUT /api/v1/me/notifications`: the same choices as the preferences page.

use crate::api::{parse_body, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::notifications::{self, Class, Delivery, Preference, Topic};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A kind of notification with what the person chose for it everywhere (or its default).
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicChoice {
    pub topic: Topic,
    pub delivery: Delivery,
    /// Whether this is the default (nothing chosen).
    pub default: bool,
    /// Whether a group can have its own choice for it.
    pub per_group: bool,
}

/// A group the person belongs to, with its own choices (topics left out follow the general choice).
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupChoices {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub choices: Vec<Preference>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationSettings {
    pub topics: Vec<TopicChoice>,
    pub groups: Vec<GroupChoices>,
    /// Message ids that are always sent whatever the choices (lead offers; account messages are
    /// not listed: they are never subject to choice).
    pub always_sent: Vec<&'static str>,
}

/// The whole set of choices; what is left out follows the defaults (`[]` for all defaults).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesInput {
    pub preferences: Vec<Preference>,
}

pub(crate) async fn settings(state: &AppState, person_id: i64) -> Result<NotificationSettings> {
    let prefs = state.store.notification_preferences(person_id).await?;
    let groups = state.store.notification_groups(person_id).await?;
    Ok(NotificationSettings {
        topics: Topic::ALL
            .into_iter()
            .map(|t| TopicChoice {
                topic: t,
                delivery: notifications::delivery(&prefs, t, None),
                default: !prefs.iter().any(|p| p.topic == t && p.group.is_none()),
                per_group: t.per_group(),
            })
            .collect(),
        groups: groups
            .into_iter()
            .map(|g| GroupChoices {
                choices: prefs
                    .iter()
                    .filter(|p| p.group == Some(g.id))
                    .copied()
                    .collect(),
                id: g.id,
                slug: g.slug,
                name: g.name,
            })
            .collect(),
        always_sent: notifications::MAILS
            .iter()
            .filter(|(_, c)| *c == Class::Always)
            .map(|(id, _)| *id)
            .collect(),
    })
}

#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "account", security(("token" = [])),
    responses((status = 200, body = NotificationSettings), (status = 401, body = ErrorBody)))]
/// Your notification choices: per kind, at once, daily or weekly digest, or off; per group where you
/// chose otherwise.
pub async fn get_preferences(
    State(state): State<AppState>,
    v: Viewer,
) -> Result<Json<NotificationSettings>> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.as_ref().ok_or(Error::Unauthorized)?;
    Ok(Json(settings(&state, p.id).await?))
}

#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "account", request_body = PreferencesInput, security(("token" = [])),
    responses((status = 200, body = NotificationSettings), (status = 401, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "a choice is repeated (`notification-repeated`), given per group for a kind that has none (`notification-not-per-group`), or for a group you are not in (`notification-not-your-group`); the field is `topic` or `topic@group`")))]
/// Replace your notification choices with these (idempotent). Kinds and groups left out follow the
/// defaults: updates in a daily digest, everything else at once.
pub async fn put_preferences(
    State(state): State<AppState>,
    v: Viewer,
    body: axum::body::Bytes,
) -> Result<Json<NotificationSettings>> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.as_ref().ok_or(Error::Unauthorized)?;
    // An object with `preferences`, which replaces everything: nothing else is read as one (serde
    // would take an array for the object, and a missing list for an empty one).
    if body.trim_ascii_start().first() != Some(&b'{') {
        return Err(ValidationErrors::single("preferences", "wrong-type").into());
    }
    let input: PreferencesInput = parse_body(&body)?;
    state
        .store
        .set_notification_preferences(&v.who(), p.id, &input.preferences)
        .await?;
    Ok(Json(settings(&state, p.id).await?))
}
