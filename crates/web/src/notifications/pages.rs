//! The preferences page (`/account/notifications`) and the unsubscribe page every e-mail links to.

use super::api::{settings, NotificationSettings};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::notifications::{self, Delivery, Preference, Scope, Topic};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

/// One select of the page: its field name, label and the chosen value ("" for "as above").
pub struct Choice {
    pub field: String,
    pub topic: Topic,
    pub value: String,
}

pub struct GroupSection {
    pub name: String,
    pub choices: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "notifications/preferences.html")]
struct PreferencesView {
    ctx: Ctx,
    topics: Vec<Choice>,
    groups: Vec<GroupSection>,
    deliveries: Vec<(&'static str, String)>,
    saved: bool,
    errors: FieldErrors,
}

fn view(
    v: &Viewer,
    s: NotificationSettings,
    saved: bool,
    errors: ValidationErrors,
) -> PreferencesView {
    let topics = s
        .topics
        .iter()
        .map(|t| Choice {
            field: t.topic.slug().to_string(),
            topic: t.topic,
            value: t.delivery.slug().to_string(),
        })
        .collect();
    let groups = s
        .groups
        .into_iter()
        .map(|g| GroupSection {
            choices: Topic::ALL
                .into_iter()
                .filter(|t| t.per_group())
                .map(|t| Choice {
                    field: notifications::field_name(t, Some(g.id)),
                    topic: t,
                    value: g
                        .choices
                        .iter()
                        .find(|p| p.topic == t)
                        .map_or(String::new(), |p| p.delivery.slug().to_string()),
                })
                .collect(),
            name: g.name,
        })
        .collect();
    PreferencesView {
        ctx: Ctx::new(v, "/account/notifications"),
        topics,
        groups,
        deliveries: Delivery::ALL
            .into_iter()
            .map(|d| (d.slug(), v.tr.t(&format!("delivery-{}", d.slug()))))
            .collect(),
        saved,
        errors: FieldErrors(errors),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn preferences(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Html<String>> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.as_ref().ok_or(Error::Unauthorized)?;
    let s = settings(&state, p.id).await?;
    render(&view(&v, s, q.saved.is_some(), ValidationErrors::new()))
}

/// Reads the form: one select per kind (`decisions`) and per group and kind (`decisions@12`, empty
/// for "as above"). A field that names no kind, group or delivery is an error on that field.
fn parse_form(
    fields: &[(String, String)],
) -> std::result::Result<Vec<Preference>, ValidationErrors> {
    if fields.len() > notifications::MAX_CHOICES + 1 {
        return Err(ValidationErrors::single("preferences", "too-many-choices"));
    }
    let mut out = Vec::new();
    let mut errors = ValidationErrors::new();
    for (name, value) in fields {
        if name == crate::auth::CSRF_FIELD {
            continue;
        }
        let (topic, group) = match name.split_once('@') {
            Some((t, g)) => (t, g.parse::<i64>().ok().map(Some)),
            None => (name.as_str(), Some(None)),
        };
        let (Some(topic), Some(group)) = (Topic::parse(topic), group) else {
            errors.add(name.clone(), "notification-invalid-choice");
            continue;
        };
        if value.is_empty() && group.is_some() {
            continue;
        }
        match Delivery::parse(value) {
            // The form shows every kind; a kind left at its default stays a default (and follows
            // it if it ever changes) rather than becoming a choice.
            Some(delivery) if group.is_none() && delivery == topic.default_delivery() => {}
            Some(delivery) => out.push(Preference {
                topic,
                group,
                delivery,
            }),
            None => errors.add(name.clone(), "notification-invalid-choice"),
        }
    }
    errors.into_result(out)
}

pub async fn save(
    State(state): State<AppState>,
    v: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.as_ref().ok_or(Error::Unauthorized)?;
    let result = match parse_form(&fields) {
        Ok(prefs) => state
            .store
            .set_notification_preferences(&v.who(), p.id, &prefs)
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/account/notifications?saved=1").into_response()),
        Err(Error::Invalid(e)) => {
            let s = settings(&state, p.id).await?;
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&view(&v, s, false, e))?,
            )
                .into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "notifications/unsubscribe.html")]
struct UnsubscribeView {
    ctx: Ctx,
    token: String,
    /// What the link stops, in words; `None` for a link that is not valid.
    what: Option<String>,
    done: bool,
}

fn what(v: &Viewer, scope: Scope) -> String {
    match scope {
        Scope::Topic(t) => v.tr.t1(
            "unsubscribe-confirm-topic",
            "name",
            v.tr.t(&format!("topic-{}", t.slug())),
        ),
        Scope::Digest(d) => v.tr.t(&format!("unsubscribe-confirm-digest-{}", d.slug())),
    }
}

/// The page an e-mail's link opens: it asks before it changes anything, since mail scanners open
/// links. A signed-in person is not needed.
pub async fn unsubscribe_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let secret = state.store.signing_secret().await?;
    let scope = notifications::verify_unsubscribe_token(&secret, &token).map(|(_, s)| s);
    let status = if scope.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let page = UnsubscribeView {
        ctx: Ctx::new(&v, "/unsubscribe"),
        what: scope.map(|s| what(&v, s)),
        token,
        done: false,
    };
    Ok((status, render(&page)?).into_response())
}

/// The unsubscribe itself: the page's button, and the one-click POST a mail client sends
/// (`List-Unsubscribe=One-Click`, RFC 8058) without cookies, so without a CSRF token: the signed
/// link is the authority, and repeating it changes nothing.
pub async fn unsubscribe(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    match state.store.unsubscribe(&token).await {
        Ok((_, scope)) => {
            let page = UnsubscribeView {
                ctx: Ctx::new(&v, "/unsubscribe"),
                what: Some(what(&v, scope)),
                token,
                done: true,
            };
            Ok(render(&page)?.into_response())
        }
        Err(agora_store::StoreError::NotFound) => {
            let page = UnsubscribeView {
                ctx: Ctx::new(&v, "/unsubscribe"),
                what: None,
                token,
                done: false,
            };
            Ok((StatusCode::NOT_FOUND, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
