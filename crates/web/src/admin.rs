//! The foundation's staff pages shared by every program: the dashboard, the audit log, the outbox.

pub fn routes() -> crate::routes::Routes {
    use axum::routing::get;
    crate::routes::Routes {
        pages: axum::Router::new()
            .route("/admin", get(dashboard))
            .route("/admin/audit", get(audit))
            .route("/admin/outbox", get(outbox))
            .route("/admin/jobs", get(jobs_page)),
        api: utoipa_axum::router::OpenApiRouter::new().routes(utoipa_axum::routes!(jobs_api)),
        tasks: vec![tasks],
    }
}

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::audit::AuditEntry;
use agora_domain::pagination::PageRequest;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{AuditFilter, OutboxMessage};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;

/// What the foundation's staff pages ask of admins: e-mails failing delivery, and background jobs
/// whose last run failed (until a run succeeds).
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> crate::tasks::Contribution<'a> {
    Box::pin(task_items(state, v))
}

async fn task_items(state: &AppState, v: &Viewer) -> Result<Vec<crate::tasks::Task>> {
    use crate::tasks::Task;
    if !v.can(Permission::ManagePeople) {
        return Ok(vec![]);
    }
    let mut out = vec![];
    let (_, failing) = state.store.outbox_backlog().await?;
    if failing > 0 {
        out.push(Task::new(
            "admin",
            "emails-failing",
            v.tr.t1("task-emails-failing", "count", failing),
            "/admin/outbox".into(),
            None,
        ));
    }
    for job in job_statuses(state).await? {
        if job.last_error.is_some() {
            out.push(Task::new(
                "admin",
                "job-failing",
                v.tr.t1("task-job-failing", "name", v.tr.label("job", &job.name)),
                "/admin/jobs".into(),
                None,
            ));
        }
    }
    Ok(out)
}

pub(crate) fn page_of(page: &Option<String>) -> Result<PageRequest> {
    PageRequest::parse(page.as_deref(), None)
        .map_err(|(f, c)| Error::Invalid(ValidationErrors::single(f, c)))
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
    // Links as the recipient reads them: the mailer puts the site's address in at sending.
    let site = state.config.public_url.trim_end_matches('/');
    for m in &mut page.items {
        m.body = redact_links(&m.body.replace(agora_store::SITE, site));
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
                "/unsubscribe/",
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
        // Anyone holding an unsubscribe link can turn its person's mail off.
        let notice =
            super::redact_links("Stop e-mails of this kind: {site}/unsubscribe/7.updates.0a1b");
        assert!(!notice.contains("0a1b"), "{notice}");
    }
}

/// A job as the job page and the API show it.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct JobStatus {
    pub name: String,
    /// Whether this instance runs the job (an interval of zero leaves it to other instances).
    pub runs_here: bool,
    pub last_started_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_duration_ms: Option<i64>,
    pub last_success_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What the last successful run did, when it did something.
    pub last_outcome: Option<String>,
    /// Set while the job is failing: the error of its last run.
    pub last_error: Option<String>,
    pub runs: i64,
    pub failures: i64,
}

/// Every job: those this instance runs, and those any instance has run (from the shared record).
pub async fn job_statuses(state: &AppState) -> Result<Vec<JobStatus>> {
    let runs = state.store.job_runs().await?;
    let mut names: Vec<String> = state.job_names.iter().map(|n| n.to_string()).collect();
    for r in &runs {
        if !names.contains(&r.name) {
            names.push(r.name.clone());
        }
    }
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| {
            let run = runs.iter().find(|r| r.name == name);
            JobStatus {
                runs_here: state.job_names.contains(&name.as_str()),
                last_started_at: run.and_then(|r| r.last_started_at),
                last_duration_ms: run.and_then(|r| r.last_duration_ms),
                last_success_at: run.and_then(|r| r.last_success_at),
                last_outcome: run
                    .and_then(|r| r.last_outcome.clone())
                    .filter(|o| !o.is_empty()),
                last_error: run.and_then(|r| r.last_error.clone()),
                runs: run.map_or(0, |r| r.runs),
                failures: run.map_or(0, |r| r.failures),
                name,
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "admin/jobs.html")]
struct JobsView {
    ctx: Ctx,
    jobs: Vec<JobStatus>,
}

impl JobsView {
    fn when(&self, t: &Option<chrono::DateTime<chrono::Utc>>) -> String {
        t.map(|t| self.ctx.tr.time_to_second(&t))
            .unwrap_or_else(|| self.ctx.tr.t("jobs-never"))
    }

    fn label(&self, name: &str) -> String {
        self.ctx.tr.label("job", name)
    }
}

pub async fn jobs_page(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManagePeople)?;
    render(&JobsView {
        ctx: Ctx::new(&v, "/admin"),
        jobs: job_statuses(&state).await?,
    })
}

#[utoipa::path(get, path = "/api/v1/admin/jobs", tag = "admin",
    responses((status = 200, body = [JobStatus]), (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)),
    security(("token" = [])))]
/// The background jobs with their last run, duration and error (foundation admins).
pub async fn jobs_api(
    State(state): State<AppState>,
    v: Viewer,
) -> Result<axum::Json<Vec<JobStatus>>> {
    v.require(Permission::ManagePeople)?;
    Ok(axum::Json(job_statuses(&state).await?))
}
