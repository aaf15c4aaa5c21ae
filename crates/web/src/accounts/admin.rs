//! People and roles (foundation staff): invitations, grants and revocations.

use crate::admin::page_of;
use crate::auth::{hash_token, random_token, Viewer};
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::i18n::Tr;
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::permissions::{Grant, Permission, Role, ScopeKind};
use agora_domain::person::{parse_display_name, Email};
use agora_domain::ValidationErrors;
use agora_store::{Invitation, PersonWithGrants};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

/// A one-time link and the email that carries it. The invited person has not chosen a language
/// yet: the email is in English, whatever the language of whoever invites them.
pub fn invitation(state: &AppState, name: &str) -> (Invitation, String) {
    let tr = Tr::default();
    one_time_link(
        state,
        "/invitations",
        chrono::Duration::days(crate::accounts::pages::INVITATION_VALID_DAYS),
        |link| {
            (
                tr.t("email-invite-subject"),
                tr.t2(
                    "email-invite-body",
                    ("name", name.to_string()),
                    ("link", link.to_string()),
                ),
            )
        },
    )
}

/// A fresh one-time link under `path`, valid for `valid`, and the email (subject, body) that carries it.
pub fn one_time_link(
    state: &AppState,
    path: &str,
    valid: chrono::Duration,
    email: impl FnOnce(&str) -> (String, String),
) -> (Invitation, String) {
    let token = random_token();
    let link = state.config.url(&format!("{path}/{token}"));
    let (subject, body) = email(&link);
    let inv = Invitation {
        token_hash: hash_token(&token),
        expires_at: state.clock.now() + valid,
        subject,
        body,
    };
    (inv, link)
}

#[derive(Template)]
#[template(path = "admin/people.html")]
struct PeopleView {
    ctx: Ctx,
    people: Vec<PersonWithGrants>,
    pager: Pager,
    roles: Vec<(String, String)>,
    partners: Vec<(i64, String)>,
    /// Governance bodies (groups and panels), which scope the governance roles.
    bodies: Vec<(i64, String)>,
    form: InviteData,
    errors: FieldErrors,
    invite_link: Option<String>,
}

impl PeopleView {
    /// A role with what it is scoped to: partner roles name the partner, group and panel roles the body.
    fn grant_label(&self, g: &Grant) -> String {
        let tr = &self.ctx.tr;
        let role = tr.label("role", g.role.slug());
        let (Some(id), Some(kind)) = (g.scope_id, g.role.scope_kind()) else {
            return role;
        };
        let names = match kind {
            ScopeKind::Partner => &self.partners,
            ScopeKind::Group | ScopeKind::Panel => &self.bodies,
        };
        let scope = names
            .iter()
            .find(|(sid, _)| *sid == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| tr.t1("admin-scope-unknown", "count", id));
        tr.t2("admin-grant", ("name", role), ("names", scope))
    }
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct InviteData {
    email: String,
    name: String,
    role: String,
    partner_id: String,
    page: Option<String>,
}

async fn people_view(state: &AppState, v: &Viewer, page: &Option<String>) -> Result<PeopleView> {
    let people = state.store.people_page(page_of(page)?).await?;
    let pager = Pager::new(&people, "/admin/people", &[]);
    let partners = state
        .store
        .all_partners()
        .await?
        .into_iter()
        .map(|p| (p.id, p.profile.name))
        .collect();
    let bodies = state
        .store
        .bodies()
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let roles = [Role::Admin, Role::PartnerAdmin, Role::PartnerMember]
        .iter()
        .map(|r| (r.slug().to_string(), v.tr.label("role", r.slug())))
        .collect();
    Ok(PeopleView {
        ctx: Ctx::new(v, "/admin"),
        people: people.items,
        pager,
        roles,
        partners,
        bodies,
        form: InviteData::default(),
        errors: FieldErrors::default(),
        invite_link: None,
    })
}

pub async fn people(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<InviteData>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePeople)?;
    render(&people_view(&state, &v, &q.page).await?)
}

/// A role and its scope from form fields: partner roles need a partner.
fn parse_grant(role: &str, partner_id: &str) -> Result<Grant, ValidationErrors> {
    let role = Role::parse(role).map_err(|c| ValidationErrors::single("role", c))?;
    let scope_id = match role.scope_kind() {
        None => None,
        Some(_) => Some(
            partner_id
                .trim()
                .parse::<i64>()
                .map_err(|_| ValidationErrors::single("partner_id", "required"))?,
        ),
    };
    Ok(Grant { role, scope_id })
}

pub async fn invite(
    State(state): State<AppState>,
    v: Viewer,
    Form(data): Form<InviteData>,
) -> Result<Response> {
    v.require(Permission::ManagePeople)?;
    let mut e = ValidationErrors::new();
    let email = e.check("email", Email::parse(&data.email));
    let name = e.check("name", parse_display_name(&data.name));
    let grant = match parse_grant(&data.role, &data.partner_id) {
        Ok(g) => Some(g),
        Err(err) => {
            e.errors.extend(err.errors);
            None
        }
    };
    let result =
        match (email, name, grant) {
            (Some(email), Some(name), Some(grant)) if e.is_empty() => {
                if let Some(pid) = grant.scope_id {
                    state.store.partner(pid).await?.ok_or(Error::Invalid(
                        ValidationErrors::single("partner_id", "required"),
                    ))?;
                }
                let (inv, link) = invitation(&state, &name);
                state
                    .store
                    .invite_person(&email, &name, &[grant], &inv, &v.who())
                    .await
                    .map(|_| link)
                    .map_err(Error::from)
            }
            _ => Err(Error::Invalid(e)),
        };
    let mut view = people_view(&state, &v, &None).await?;
    match result {
        Ok(link) => {
            view.invite_link = Some(link);
            Ok(render(&view)?.into_response())
        }
        Err(Error::Invalid(e)) => {
            view.errors = FieldErrors(e);
            view.form = data;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RoleData {
    role: String,
    partner_id: String,
}

pub async fn grant_role(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(data): Form<RoleData>,
) -> Result<Redirect> {
    v.require(Permission::ManagePeople)?;
    let grant = parse_grant(&data.role, &data.partner_id)?;
    state.store.person(id).await?.ok_or(Error::NotFound)?;
    state.store.grant_role(id, grant, &v.who()).await?;
    Ok(Redirect::to("/admin/people"))
}

pub async fn revoke_role(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(data): Form<RoleData>,
) -> Result<Redirect> {
    v.require(Permission::ManagePeople)?;
    let grant = parse_grant(&data.role, &data.partner_id)?;
    // The last admin cannot remove themselves out of existence.
    if grant.role == Role::Admin && state.store.count_admins().await? <= 1 {
        return Err(Error::Invalid(ValidationErrors::single(
            "role",
            "last-admin",
        )));
    }
    state.store.revoke_role(id, grant, &v.who()).await?;
    Ok(Redirect::to("/admin/people"))
}
