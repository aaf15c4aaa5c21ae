//! Community plans for courses (issue 13, seed 004): plans with their targets and business plan,
//! roles, sharing, measures of success and roadmap; the weekly series of a course from its
//! imported tracking logs (page, CSV and API); uploads of logs and enrolled-students files; the
//! public progress page; overdue roadmap items on their owners' home pages.

pub mod actions;
pub mod api;
pub mod data;
pub mod pages;

use crate::auth::Viewer;
use crate::routes::Routes;
use crate::tasks::{Contribution, Task};
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(state: &AppState) -> Routes {
    let upload = Router::new()
        .route(
            "/courses/{id}/import",
            get(data::import_form).post(data::import),
        )
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_log_upload_bytes,
        ));
    let pages = Router::new()
        .route("/courses", get(pages::index).post(pages::create))
        .route("/courses/new", get(pages::new_form))
        .route("/courses/{id}", get(pages::show))
        .route(
            "/courses/{id}/edit",
            get(pages::edit_form).post(pages::edit),
        )
        .route(
            "/courses/{id}/targets",
            get(pages::targets_form).post(pages::save_targets),
        )
        .route(
            "/courses/{id}/business",
            get(pages::business_form).post(pages::save_business),
        )
        .route(
            "/courses/{id}/measures",
            get(pages::to_plan).post(pages::add_measure),
        )
        .route(
            "/courses/{id}/measures/{mid}/edit",
            get(pages::measure_edit_form).post(pages::edit_measure),
        )
        .route(
            "/courses/{id}/measures/{mid}/delete",
            post(pages::delete_measure),
        )
        .route(
            "/courses/{id}/roadmap",
            get(pages::to_plan).post(pages::add_item),
        )
        .route(
            "/courses/{id}/roadmap/{iid}/status",
            post(pages::item_status),
        )
        .route(
            "/courses/{id}/roadmap/{iid}/edit",
            get(pages::item_edit_form).post(pages::edit_item),
        )
        .route(
            "/courses/{id}/roadmap/{iid}/delete",
            post(pages::delete_item),
        )
        .route(
            "/courses/{id}/roles",
            get(pages::to_plan).post(pages::add_role),
        )
        .route("/courses/{id}/roles/{rid}/delete", post(pages::remove_role))
        .route(
            "/courses/{id}/shares",
            get(pages::to_plan).post(pages::share),
        )
        .route("/courses/{id}/shares/{sid}/delete", post(pages::unshare))
        .route("/courses/{id}/series", get(data::series_page))
        .route("/courses/{id}/series.csv", get(data::series_csv))
        .route("/courses/{id}/progress", get(data::progress))
        .merge(upload);
    Routes {
        pages,
        api: OpenApiRouter::new()
            .routes(routes!(api::series))
            .routes(routes!(api::plans, api::create))
            .routes(routes!(api::plan))
            .routes(routes!(api::set_business))
            .routes(routes!(api::set_targets))
            .routes(routes!(api::add_measure))
            .routes(routes!(api::edit_measure))
            .routes(routes!(api::add_item))
            .routes(routes!(api::edit_item)),
        tasks: vec![tasks],
    }
}

/// Overdue roadmap items, on their owners' home pages.
fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(async move {
        let Some(me) = v.person.as_ref().map(|p| p.id) else {
            return Ok(Vec::new());
        };
        let today = state.clock.now().date_naive();
        Ok(state
            .store
            .overdue_items_of(me, today)
            .await?
            .into_iter()
            .map(|i| {
                Task::new(
                    "courses",
                    "roadmap-overdue",
                    v.tr.t2(
                        "task-course-item-overdue",
                        ("item", i.title),
                        ("course", i.course_title),
                    ),
                    format!("/courses/{}#item-{}", i.plan_id, i.item_id),
                    i.due_on.and_hms_opt(0, 0, 0).map(|t| t.and_utc()),
                )
            })
            .collect())
    })
}
