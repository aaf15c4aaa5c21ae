//! Administration of governance: bodies, their members, and a partner's delegates.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::governance::access::invalid;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::governance::{self as gov, BodyKind, Visibility};
use agora_domain::permissions::{Grant, Permission, Role};
use agora_domain::ValidationErrors;
use agora_store::{Body, Delegates, NewBody};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

// ---- Administration: bodies, members, delegates ----------------------------------------------------

#[derive(Template)]
#[template(path = "governance/admin_bodies.html")]
struct AdminBodiesView {
    ctx: Ctx,
    bodies: Vec<Body>,
    errors: FieldErrors,
    form: BodyForm,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct BodyForm {
    slug: String,
    name: String,
    description: String,
    visibility: String,
    min_close_hours: String,
}

pub fn parse_body_form(f: &BodyForm) -> std::result::Result<NewBody, ValidationErrors> {
    let mut e = ValidationErrors::new();
    let visibility = e.check("visibility", Visibility::parse(&f.visibility));
    let hours = match f.min_close_hours.trim() {
        "" => Some(gov::DEFAULT_CLOSE_HOURS),
        s => e.check(
            "min_close_hours",
            s.parse::<i64>().map_err(|_| "invalid-number"),
        ),
    };
    e.into_result(())?;
    Ok(NewBody {
        slug: f.slug.trim().to_string(),
        name: f.name.trim().to_string(),
        description: f.description.trim().to_string(),
        visibility: visibility.unwrap_or(Visibility::Public),
        min_close_hours: hours.unwrap_or(gov::DEFAULT_CLOSE_HOURS),
    })
}

pub async fn admin_bodies(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePeople)?;
    render(&AdminBodiesView {
        ctx: Ctx::new(&v, "/admin"),
        bodies: state.store.bodies().await?,
        errors: FieldErrors::default(),
        form: BodyForm {
            min_close_hours: gov::DEFAULT_CLOSE_HOURS.to_string(),
            visibility: "public".into(),
            ..BodyForm::default()
        },
    })
}

pub async fn admin_create_body(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<BodyForm>,
) -> Result<Response> {
    v.require(Permission::ManagePeople)?;
    let created = match parse_body_form(&f) {
        Ok(new) => state
            .store
            .create_body(&new, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    match created {
        Ok(b) => Ok(Redirect::to(&format!("/bodies/{}", b.slug)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = AdminBodiesView {
                ctx: Ctx::new(&v, "/admin"),
                bodies: state.store.bodies().await?,
                errors: FieldErrors(e),
                form: f,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MemberForm {
    email: String,
    role: String,
}

/// Adds a person to a group body as member or facilitator (a role grant scoped to the body).
pub async fn admin_add_member(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<MemberForm>,
) -> Result<Response> {
    v.require(Permission::ManagePeople)?;
    let body = state.store.body(&slug).await?.ok_or(Error::NotFound)?;
    if body.kind != BodyKind::Group {
        return Err(invalid("role", "invalid-role"));
    }
    let role = match f.role.as_str() {
        "facilitator" => Role::Facilitator,
        "group_member" | "" => Role::GroupMember,
        _ => return Err(invalid("role", "invalid-role")),
    };
    let person = state
        .store
        .person_by_email(f.email.trim())
        .await?
        .ok_or_else(|| invalid("email", "unknown-person"))?;
    state
        .store
        .grant_role(
            person.id,
            Grant {
                role,
                scope_id: Some(body.id),
            },
            &v.who(),
        )
        .await?;
    Ok(Redirect::to(&format!("/bodies/{}", body.slug)).into_response())
}

#[derive(Template)]
#[template(path = "governance/delegates.html")]
struct DelegatesView {
    ctx: Ctx,
    partner: Delegates,
    team: Vec<(i64, String, String)>,
    delegate_id: Option<i64>,
    alternate_id: Option<i64>,
    errors: FieldErrors,
}

async fn delegates_view(
    state: &AppState,
    v: &Viewer,
    partner_id: i64,
    errors: FieldErrors,
) -> Result<DelegatesView> {
    v.require(Permission::EditPartnerProfile { partner_id })?;
    let partner = state
        .store
        .delegates()
        .await?
        .into_iter()
        .find(|d| d.partner_id == partner_id)
        .ok_or(Error::NotFound)?;
    let team: Vec<(i64, String, String)> = state
        .store
        .partner_team(partner_id)
        .await?
        .into_iter()
        .map(|(p, _)| (p.id, p.display_name, p.email))
        .collect();
    let id_of = |email: &Option<String>| {
        email
            .as_ref()
            .and_then(|e| team.iter().find(|t| &t.2 == e).map(|t| t.0))
    };
    Ok(DelegatesView {
        ctx: Ctx::new(v, "/portal"),
        delegate_id: id_of(&partner.delegate),
        alternate_id: id_of(&partner.alternate),
        partner,
        team,
        errors,
    })
}

pub async fn delegates_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(partner_id): Path<i64>,
) -> Result<Html<String>> {
    render(&delegates_view(&state, &v, partner_id, FieldErrors::default()).await?)
}

/// The delegates form: text fields, since a browser sends every field as text.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DelegatesForm {
    pub delegate_id: Option<String>,
    pub alternate_id: Option<String>,
}

impl DelegatesForm {
    fn parse(&self) -> Result<DelegatesBody> {
        let parse = |field: &str, s: &Option<String>| -> Result<Option<i64>> {
            match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => s
                    .parse()
                    .map(Some)
                    .map_err(|_| invalid(field, "invalid-number")),
            }
        };
        Ok(DelegatesBody {
            delegate_id: parse("delegate_id", &self.delegate_id)?,
            alternate_id: parse("alternate_id", &self.alternate_id)?,
        })
    }
}

/// Who casts a partner's vote in the assembly, and who stands in: person ids of the partner's staff.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DelegatesBody {
    pub delegate_id: Option<i64>,
    pub alternate_id: Option<i64>,
}

/// Designates a partner's delegate and alternate: the partner's admins, or the foundation.
pub async fn save_delegates(
    state: &AppState,
    v: &Viewer,
    partner_id: i64,
    d: &DelegatesBody,
) -> Result<()> {
    v.require(Permission::EditPartnerProfile { partner_id })?;
    state
        .store
        .set_delegates(partner_id, d.delegate_id, d.alternate_id, &v.who())
        .await?;
    Ok(())
}

pub async fn delegates_submit(
    State(state): State<AppState>,
    v: Viewer,
    Path(partner_id): Path<i64>,
    Form(f): Form<DelegatesForm>,
) -> Result<Response> {
    match async { save_delegates(&state, &v, partner_id, &f.parse()?).await }.await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/portal/partners/{partner_id}/delegates")).into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = delegates_view(&state, &v, partner_id, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
