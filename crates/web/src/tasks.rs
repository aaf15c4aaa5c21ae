//! What needs me: the items a person must act on, gathered from every program, shown on their home
//! page (where signing in lands) and at `GET /api/v1/me/tasks`.
//!
//! Each program contributes a function `tasks(state, viewer)` (registered in its `routes()` as
//! `Routes::tasks`) that returns the items its own rules say this person may act on, titled in the
//! viewer's language and linking to where the item is done. An
//! item is computed from the current state on every request, never stored, so it disappears as soon
//! as the thing is done. `agora_domain::tasks` orders the list.

use crate::api::ErrorBody;
use crate::auth::Viewer;
use crate::error::Result;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_domain::tasks::{self as rule, Urgency};
use askama::Template;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use axum::{Extension, Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// One thing a person must act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Task {
    /// The program that asks: `partners`, `leads`, `governance` or `admin`.
    #[schema(value_type = String, example = "leads")]
    pub program: &'static str,
    /// What is asked, stable for scripts (e.g. `offer-waiting`, `vote`, `application`).
    #[schema(value_type = String, example = "offer-waiting")]
    pub kind: &'static str,
    /// What to do, in the caller's language.
    pub title: String,
    /// Where it is done: a path on this site.
    #[schema(example = "/portal/offers/12")]
    pub link: String,
    /// The deadline, if there is one (RFC 3339, UTC).
    pub due_at: Option<DateTime<Utc>>,
    pub urgency: Urgency,
}

impl Task {
    pub fn new(
        program: &'static str,
        kind: &'static str,
        title: String,
        link: String,
        due_at: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            program,
            kind,
            title,
            link,
            due_at,
            // Set once the list is gathered, against one "now".
            urgency: Urgency::Undated,
        }
    }
}

/// What one program contributes for one viewer.
pub type Contribution<'a> = Pin<Box<dyn Future<Output = Result<Vec<Task>>> + Send + 'a>>;

/// A program's contribution: a function each program registers in its `routes()` (`Routes::tasks`),
/// so a new program adds its items without touching this file.
pub type Source = for<'a> fn(&'a AppState, &'a Viewer) -> Contribution<'a>;

/// Every program's source, gathered once when the router is built (`routes::router`).
#[derive(Clone)]
pub struct Sources(Arc<Vec<Source>>);

impl Sources {
    pub fn new(sources: Vec<Source>) -> Self {
        Self(Arc::new(sources))
    }
}

/// What needs the viewer now, most urgent first. Nothing for anonymous visitors.
pub async fn for_viewer(state: &AppState, sources: &Sources, v: &Viewer) -> Result<Vec<Task>> {
    if v.person.is_none() {
        return Ok(vec![]);
    }
    let mut all = vec![];
    for source in sources.0.iter() {
        all.extend(source(state, v).await?);
    }
    let now = state.clock.now();
    for t in &mut all {
        t.urgency = rule::urgency(t.due_at, now);
    }
    rule::order(&mut all, |t| t.due_at, now);
    Ok(all)
}

pub fn routes() -> crate::routes::Routes {
    crate::routes::Routes {
        pages: Router::new().route("/home", get(home)),
        api: OpenApiRouter::new().routes(routes!(my_tasks)),
        tasks: vec![],
    }
}

/// A task as the home page shows it.
pub struct TaskRow {
    pub task: Task,
    /// The deadline as people read it, with its machine-readable form for `<time>`.
    pub due: Option<(String, String)>,
    pub urgency_label: String,
}

fn urgency_label(tr: &crate::i18n::Tr, u: Urgency) -> String {
    match u {
        Urgency::Overdue => tr.t("tasks-urgency-overdue"),
        Urgency::Soon => tr.t("tasks-urgency-soon"),
        Urgency::Later | Urgency::Undated => String::new(),
    }
}

#[derive(Template)]
#[template(path = "home/tasks.html")]
struct HomeView {
    ctx: Ctx,
    name: String,
    rows: Vec<TaskRow>,
    /// The latest entries of the person's activity ledger.
    activity: Vec<agora_store::ActivityEntry>,
}

/// A signed-in person's home: what needs them. Never cached (personal, and `no-store`).
pub async fn home(
    State(state): State<AppState>,
    Extension(sources): Extension<Sources>,
    v: Viewer,
) -> Result<Html<String>> {
    v.require(Permission::ManageOwnAccount)?;
    let tasks = for_viewer(&state, &sources, &v).await?;
    let activity = match v.actor.person_id() {
        Some(me) => {
            let page = agora_domain::pagination::PageRequest::new(1, crate::activity::ON_HOME);
            crate::activity::ledger(&state, &v, me, page).await?.items
        }
        None => vec![],
    };
    let tr = &v.tr;
    let rows = tasks
        .into_iter()
        .map(|task| TaskRow {
            due: task.due_at.map(|d| (tr.time(&d), tr.iso(&d))),
            urgency_label: urgency_label(tr, task.urgency),
            task,
        })
        .collect();
    render(&HomeView {
        ctx: Ctx::new(&v, "/home"),
        name: v
            .person
            .as_ref()
            .map(|p| p.display_name.clone())
            .unwrap_or_default(),
        rows,
        activity,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Tasks {
    /// Most urgent first; empty when nothing needs the caller.
    pub tasks: Vec<Task>,
}

#[utoipa::path(get, path = "/api/v1/me/tasks", tag = "account",
    responses((status = 200, body = Tasks), (status = 401, body = ErrorBody)), security(("token" = [])))]
/// What needs the caller: offers waiting for their partner's answer, applications to review, decisions
/// awaiting their position, ballot or comment, and so on, each with where it is done. Titles are in
/// the caller's language.
pub async fn my_tasks(
    State(state): State<AppState>,
    Extension(sources): Extension<Sources>,
    v: Viewer,
) -> Result<Json<Tasks>> {
    v.require(Permission::ManageOwnAccount)?;
    Ok(Json(Tasks {
        tasks: for_viewer(&state, &sources, &v).await?,
    }))
}
