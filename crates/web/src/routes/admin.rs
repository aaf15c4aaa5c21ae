//! Foundation staff pages: applications and partners, people and roles, the audit log, the outbox,
//! CSV import and export.

use super::partner_form::ProfileText;
use crate::auth::{hash_token, random_token, Viewer};
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::partners_csv::{self, RowError};
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::audit::AuditEntry;
use agora_domain::pagination::PageRequest;
use agora_domain::partner::{DirectoryFilter, PartnerStatus};
use agora_domain::permissions::{Grant, Permission, Role, ScopeKind};
use agora_domain::person::{parse_display_name, Email};
use agora_domain::ValidationErrors;
use agora_store::{
    AuditFilter, Invitation, OutboxMessage, Partner, PersonWithGrants, StatusChange,
};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

fn page_of(page: &Option<String>) -> Result<PageRequest> {
    PageRequest::parse(page.as_deref(), None)
        .map_err(|(f, c)| Error::Invalid(ValidationErrors::single(f, c)))
}

/// A one-time link and the email that carries it.
pub fn invitation(state: &AppState, v: &Viewer, name: &str) -> (Invitation, String) {
    one_time_link(
        state,
        "/invitations",
        chrono::Duration::days(super::account::INVITATION_VALID_DAYS),
        |link| {
            (
                v.tr.t("email-invite-subject"),
                v.tr.t2(
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
        expires_at: agora_store::format_time(chrono::Utc::now() + valid),
        subject,
        body,
    };
    (inv, link)
}

/// Changes a partner's status for the web page and the API alike. Approving an applicant invites its
/// contact; the returned link is shown once to the admin. Public caches are invalidated.
pub async fn change_partner_status(
    state: &AppState,
    v: &Viewer,
    partner: &Partner,
    to: PartnerStatus,
    reason: &str,
) -> Result<(Partner, Option<String>)> {
    let (inv, link) = invitation(state, v, partner.contact_name.as_deref().unwrap_or(""));
    let invites = partner.status == PartnerStatus::Applicant
        && to == PartnerStatus::Active
        && partner.contact_email.is_some();
    let result = state
        .store
        .change_status(partner.id, to, reason, invites.then_some(&inv), &v.who())
        .await;
    state.cache.invalidate();
    Ok((result?, invites.then_some(link)))
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardView {
    ctx: Ctx,
    counts: Vec<(String, String, i64)>,
    recent: Vec<AuditEntry>,
}

pub async fn dashboard(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let by_status = state.store.count_partners_by_status().await?;
    let counts = PartnerStatus::ALL
        .iter()
        .map(|s| {
            (
                s.slug().to_string(),
                v.tr.label("status", s.slug()),
                by_status
                    .iter()
                    .find(|(x, _)| x == s)
                    .map_or(0, |(_, n)| *n),
            )
        })
        .collect();
    let recent = if v.can(Permission::ViewAuditLog) {
        state
            .store
            .audit_page(
                &AuditFilter::default(),
                PageRequest {
                    page: 1,
                    per_page: 8,
                },
            )
            .await?
            .items
    } else {
        vec![]
    };
    render(&DashboardView {
        ctx: Ctx::new(&v, "/admin"),
        counts,
        recent,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PartnersParams {
    status: Option<String>,
    q: Option<String>,
    page: Option<String>,
}

struct PartnerRow {
    id: i64,
    name: String,
    slug: String,
    hq: String,
    status: String,
    status_slug: String,
    updated_at: String,
}

#[derive(Template)]
#[template(path = "admin/partners.html")]
struct PartnersView {
    ctx: Ctx,
    status: String,
    q: String,
    tabs: Vec<(String, String)>,
    rows: Vec<PartnerRow>,
    pager: Pager,
}

pub async fn partners(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<PartnersParams>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let status_slug = p
        .status
        .clone()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "applicant".into());
    let status = PartnerStatus::parse(&status_slug)
        .map_err(|c| Error::Invalid(ValidationErrors::single("status", c)))?;
    let q = p.q.clone().unwrap_or_default();
    let filter = DirectoryFilter {
        q: Some(q.clone()).filter(|s| !s.trim().is_empty()),
        ..Default::default()
    };
    let page = state
        .store
        .partners_page(&filter, &[status], page_of(&p.page)?)
        .await?;
    let pager = Pager::new(
        &page,
        "/admin/partners",
        &[("status", status_slug.clone()), ("q", q.clone())],
    );
    let rows = page
        .items
        .iter()
        .map(|x| PartnerRow {
            id: x.id,
            name: x.profile.name.clone(),
            slug: x.profile.slug.clone(),
            hq: agora_domain::geo::CountryCode::parse(&x.profile.hq_country)
                .map(|c| c.name().to_string())
                .unwrap_or_default(),
            status: v.tr.label("status", x.status.slug()),
            status_slug: x.status.slug().into(),
            updated_at: x.updated_at.clone(),
        })
        .collect();
    let tabs = PartnerStatus::ALL
        .iter()
        .map(|s| (s.slug().to_string(), v.tr.label("status", s.slug())))
        .collect();
    render(&PartnersView {
        ctx: Ctx::new(&v, "/admin"),
        status: status_slug,
        q,
        tabs,
        rows,
        pager,
    })
}

#[derive(Template)]
#[template(path = "admin/partner.html")]
struct PartnerView {
    ctx: Ctx,
    partner: Partner,
    text: ProfileText,
    status: String,
    history: Vec<StatusChange>,
    team: Vec<(String, String, String)>,
    transitions: Vec<(String, String)>,
    errors: FieldErrors,
    reason: String,
    invite_link: Option<String>,
}

async fn partner_view(state: &AppState, v: &Viewer, id: i64) -> Result<PartnerView> {
    let partner = state.store.partner(id).await?.ok_or(Error::NotFound)?;
    let map = state.store.region_map().await?;
    let team = state
        .store
        .partner_team(id)
        .await?
        .into_iter()
        .map(|(p, r)| (p.display_name, p.email, v.tr.label("role", r.slug())))
        .collect();
    let transitions = PartnerStatus::ALL
        .iter()
        .filter(|to| {
            agora_domain::partner::check_transition(partner.status, **to, "reason").is_ok()
        })
        .map(|to| (to.slug().to_string(), v.tr.label("transition", to.slug())))
        .collect();
    Ok(PartnerView {
        ctx: Ctx::new(v, "/admin"),
        text: ProfileText::new(&v.tr, &map, &partner.profile),
        status: v.tr.label("status", partner.status.slug()),
        history: state.store.status_history(id).await?,
        team,
        transitions,
        errors: FieldErrors::default(),
        reason: String::new(),
        invite_link: None,
        partner,
    })
}

pub async fn partner(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    render(&partner_view(&state, &v, id).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatusData {
    status: String,
    reason: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(data): Form<StatusData>,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let existing = state.store.partner(id).await?.ok_or(Error::NotFound)?;
    let result = match PartnerStatus::parse(&data.status) {
        Err(code) => Err(Error::Invalid(ValidationErrors::single("status", code))),
        Ok(to) => change_partner_status(&state, &v, &existing, to, &data.reason)
            .await
            .map(|(_, link)| link),
    };
    let mut view = partner_view(&state, &v, id).await?;
    match result {
        Ok(link) => {
            view.invite_link = link;
            Ok(render(&view)?.into_response())
        }
        Err(Error::Invalid(e)) => {
            view.errors = FieldErrors(e);
            view.reason = data.reason;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
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
                let (inv, link) = invitation(&state, &v, &name);
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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditParams {
    action: String,
    entity_type: String,
    entity_id: String,
    actor: String,
    page: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditView {
    ctx: Ctx,
    entries: Vec<AuditEntry>,
    pager: Pager,
    actions: Vec<String>,
    f: AuditParams,
}

pub async fn audit(
    State(state): State<AppState>,
    v: Viewer,
    Query(f): Query<AuditParams>,
) -> Result<Html<String>> {
    v.require(Permission::ViewAuditLog)?;
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let filter = AuditFilter {
        action: opt(&f.action),
        entity_type: opt(&f.entity_type),
        entity_id: opt(&f.entity_id),
        actor: opt(&f.actor),
    };
    let page = state.store.audit_page(&filter, page_of(&f.page)?).await?;
    let pager = Pager::new(
        &page,
        "/admin/audit",
        &[
            ("action", f.action.clone()),
            ("entity_type", f.entity_type.clone()),
            ("entity_id", f.entity_id.clone()),
            ("actor", f.actor.clone()),
        ],
    );
    render(&AuditView {
        ctx: Ctx::new(&v, "/admin"),
        entries: page.items,
        pager,
        actions: state.store.audit_actions().await?,
        f,
    })
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxView {
    ctx: Ctx,
    messages: Vec<OutboxMessage>,
    pager: Pager,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageParams {
    page: Option<String>,
}

pub async fn outbox(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<PageParams>,
) -> Result<Html<String>> {
    v.require(Permission::ManagePeople)?;
    let mut page = state.store.outbox_page(page_of(&q.page)?).await?;
    for m in &mut page.items {
        m.body = redact_links(&m.body);
    }
    render(&OutboxView {
        ctx: Ctx::new(&v, "/admin"),
        pager: Pager::new(&page, "/admin/outbox", &[]),
        messages: page.items,
    })
}

/// One-time links belong to their recipient: an admin reading the outbox must not be able to reset
/// someone else's password, accept their invitation or act as a requester with them.
pub fn redact_links(body: &str) -> String {
    body.split_inclusive(char::is_whitespace)
        .map(|word| {
            let trimmed = word.trim_end();
            if let Some(i) = [
                "/password/reset/",
                "/invitations/",
                "/find-a-partner/status/",
            ]
            .iter()
            .find_map(|p| trimmed.find(p).map(|i| i + p.len()))
            {
                format!("{}[hidden]{}", &trimmed[..i], &word[trimmed.len()..])
            } else {
                word.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn outbox_hides_one_time_tokens() {
        let body = "Hello,\n\nChoose a password at:\n\nhttps://agora.example/password/reset/s3cret-TOKEN\n\nBye";
        let shown = super::redact_links(body);
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("https://agora.example/password/reset/[hidden]\n\nBye"));
        assert_eq!(super::redact_links("no links here"), "no links here");
        let status =
            super::redact_links("Follow it at https://a.example/find-a-partner/status/k3y-T0KEN.");
        assert!(!status.contains("k3y"), "{status}");
        assert!(
            status.contains("/find-a-partner/status/[hidden]"),
            "{status}"
        );
    }
}

pub async fn export_csv(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let text = partners_csv::export(&state.store.all_partners().await?)
        .map_err(|e| Error::Unexpected(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"partners.csv\"",
            ),
        ],
        text,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "admin/import.html")]
struct ImportView {
    ctx: Ctx,
    errors: Vec<RowError>,
    result: Option<(u64, u64)>,
}

pub async fn import_form(v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    render(&ImportView {
        ctx: Ctx::new(&v, "/admin"),
        errors: vec![],
        result: None,
    })
}

pub async fn import(
    State(state): State<AppState>,
    v: Viewer,
    mut multipart: Multipart,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let mut text = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::bad("The upload could not be read."))?
    {
        if field.name() == Some("file") {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| Error::bad("The upload could not be read."))?;
            text = Some(
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| Error::bad("The file is not UTF-8 text."))?,
            );
        }
    }
    let text = text.ok_or(Error::bad("Choose a CSV file to import."))?;
    let map = state.store.region_map().await?;
    let ctx = Ctx::new(&v, "/admin");
    match partners_csv::parse(&text, &map) {
        Err(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&ImportView {
                ctx,
                errors,
                result: None,
            })?,
        )
            .into_response()),
        Ok(rows) => match state.store.import_partners(&rows, &v.who()).await {
            Ok(result) => {
                state.cache.invalidate();
                Ok(render(&ImportView {
                    ctx,
                    errors: vec![],
                    result: Some(result),
                })?
                .into_response())
            }
            Err(agora_store::StoreError::Invalid(e)) => {
                let errors = e
                    .errors
                    .iter()
                    .map(|x| RowError {
                        line: 0,
                        field: x.field.clone(),
                        code: x.code.to_string(),
                        message: agora_domain::validation::english(x.code).into(),
                    })
                    .collect();
                Ok((
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render(&ImportView {
                        ctx,
                        errors,
                        result: None,
                    })?,
                )
                    .into_response())
            }
            Err(e) => Err(e.into()),
        },
    }
}

#[derive(Template)]
#[template(path = "admin/regions.html")]
struct RegionsView {
    ctx: Ctx,
    regions: Vec<(String, String, String)>,
}

/// The region map in force (changed with `agora regions import`).
pub async fn regions(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePartners)?;
    let map = state.store.region_map().await?;
    let regions = map
        .regions()
        .iter()
        .map(|r| {
            let mut names: Vec<(String, String)> = r
                .countries
                .iter()
                .filter_map(|c| {
                    agora_domain::geo::CountryCode::parse(c)
                        .ok()
                        .map(|code| (c.clone(), code.name().to_string()))
                })
                .collect();
            v.tr.sort_by_label(&mut names);
            let names: Vec<String> = names.into_iter().map(|(_, n)| n).collect();
            (r.name.clone(), r.slug.clone(), names.join(", "))
        })
        .collect();
    render(&RegionsView {
        ctx: Ctx::new(&v, "/admin"),
        regions,
    })
}
