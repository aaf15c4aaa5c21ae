//! Groups on the web (issue 10): the groups directory and each group's page, sign-up and the
//! facilitator's work (answering requests, planning terms, editing the profile), their JSON API, what
//! groups ask of people, and the rotation job. Pages and API call the same functions in `actions`.

pub mod actions;
pub mod api;
pub mod calendar;
pub mod hours;
pub mod initiative_api;
pub mod initiative_pages;
pub mod initiatives;
pub mod meeting_api;
pub mod meetings;
pub mod okr_api;
pub mod okr_proposals;
pub mod okrs;
pub mod pages;
pub mod reads;
pub mod tasks;
pub mod updates;

use crate::jobs::Job;
use crate::routes::Routes;
use agora_store::Store;
use axum::routing::{get, post};
use axum::Router;
use std::time::Duration;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(state: &crate::AppState) -> Routes {
    // A group's page reads a dozen tables and the clock: anonymous visitors get it from a brief cache.
    let brief = Router::new()
        .route("/groups/{slug}", get(pages::group_page))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::brief_cache,
        ));
    let pages = Router::new()
        .merge(brief)
        .route("/groups", get(pages::index))
        .route("/groups/{slug}/join", post(pages::join))
        .route("/groups/{slug}/request", post(pages::request))
        .route("/groups/{slug}/leave", post(pages::leave))
        .route("/groups/{slug}/requests/{id}", post(pages::answer))
        .route("/groups/{slug}/terms", post(pages::plan_term))
        .route(
            "/groups/{slug}/edit",
            get(pages::edit_form).post(pages::edit),
        )
        .route("/groups/{slug}/collaborators", post(pages::collaborate))
        .route("/groups/{slug}/objectives/new", get(okrs::new_objective))
        .route(
            "/groups/{slug}/objectives",
            post(okrs::create_objective_page),
        )
        .route(
            "/groups/{slug}/objectives/from-template",
            post(okr_proposals::from_template_page),
        )
        .route(
            "/groups/{slug}/objectives/{id}",
            get(okr_proposals::objective_page),
        )
        .route(
            "/groups/{slug}/objectives/{id}/comments",
            post(okr_proposals::comment_page),
        )
        .route(
            "/groups/{slug}/objectives/{id}/adopt",
            post(okr_proposals::adopt_page),
        )
        .route(
            "/groups/{slug}/objectives/{id}/edit",
            get(okrs::edit_objective).post(okrs::update_objective_page),
        )
        .route(
            "/groups/{slug}/objectives/{id}/key-results/new",
            get(okrs::new_key_result),
        )
        .route(
            "/groups/{slug}/objectives/{id}/key-results",
            post(okrs::create_key_result_page),
        )
        .route(
            "/groups/{slug}/key-results/{id}",
            get(okrs::key_result_page),
        )
        .route(
            "/groups/{slug}/key-results/{id}/edit",
            get(okrs::edit_key_result).post(okrs::update_key_result_page),
        )
        .route(
            "/groups/{slug}/key-results/{id}/check-ins",
            post(okrs::check_in_page),
        )
        .route(
            "/groups/{slug}/key-results/{id}/score",
            post(okrs::score_page),
        )
        .route("/groups/updates.atom", get(updates::all_feed))
        .route("/groups/{slug}/updates", post(updates::post_page))
        .route(
            "/groups/{slug}/update-settings",
            post(updates::settings_page),
        )
        .route("/groups/{slug}/updates.atom", get(updates::group_feed))
        .route("/groups/{slug}/digest", get(updates::digest))
        .route("/groups/{slug}/meetings/new", get(meetings::new_series))
        .route(
            "/groups/{slug}/meetings",
            post(meetings::create_series_page),
        )
        .route(
            "/groups/{slug}/meetings/{id}/edit",
            get(meetings::edit_series).post(meetings::update_series_page),
        )
        .route(
            "/groups/{slug}/meetings/{id}/{occurrence}",
            get(meetings::occurrence_page),
        )
        .route(
            "/groups/{slug}/meetings/{id}/{occurrence}/change",
            post(meetings::change_occurrence_page),
        )
        .route(
            "/groups/{slug}/meetings/{id}/{occurrence}/notes",
            post(meetings::notes_page),
        )
        .route(
            "/groups/{slug}/meetings/{id}/{occurrence}/attendance",
            post(meetings::attendance_page),
        )
        .route(
            "/groups/{slug}/initiatives",
            get(initiative_pages::list_page).post(initiative_pages::create_page),
        )
        .route(
            "/groups/{slug}/initiatives/new",
            get(initiative_pages::new_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}",
            get(initiative_pages::initiative_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/edit",
            get(initiative_pages::edit_page).post(initiative_pages::update_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/status",
            post(initiative_pages::status_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/cross-validator",
            post(initiative_pages::cross_validator_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/sponsors",
            post(initiative_pages::add_sponsor_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/sponsors/{sponsor}/remove",
            post(initiative_pages::remove_sponsor_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/outputs",
            post(initiative_pages::add_output_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/join",
            post(initiative_pages::join_page),
        )
        .route(
            "/groups/{slug}/initiatives/{id}/withdraw",
            post(initiative_pages::withdraw_page),
        )
        .route("/groups/{slug}/hours", post(hours::log_page))
        .route("/groups/{slug}/hours/delete", post(hours::delete_page))
        .route("/groups/{slug}/hours/sharing", post(hours::sharing_page))
        .route("/groups/{slug}/calendar.ics", get(calendar::group_feed))
        .route("/calendar/{file}", get(calendar::person_feed))
        .route("/account/calendar", post(calendar::create_link))
        .route("/account/calendar/revoke", post(calendar::revoke_link));
    let api = OpenApiRouter::new()
        .routes(routes!(api::list_groups))
        .routes(routes!(api::get_group, api::update_group))
        .routes(routes!(api::join))
        .routes(routes!(api::request))
        .routes(routes!(api::leave))
        .routes(routes!(api::requests))
        .routes(routes!(api::answer))
        .routes(routes!(api::plan_term))
        .routes(routes!(okr_api::okrs))
        .routes(routes!(okr_api::create_objective))
        .routes(routes!(
            okr_proposals::get_objective,
            okr_api::update_objective
        ))
        .routes(routes!(okr_proposals::post_comment))
        .routes(routes!(okr_proposals::post_adopt))
        .routes(routes!(okr_proposals::post_from_template))
        .routes(routes!(okr_proposals::list_templates))
        .routes(routes!(okr_api::add_key_result))
        .routes(routes!(okr_api::get_key_result, okr_api::update_key_result))
        .routes(routes!(okr_api::check_in))
        .routes(routes!(okr_api::score))
        .routes(routes!(updates::list, updates::create))
        .routes(routes!(updates::put_settings))
        .routes(routes!(meeting_api::list, meeting_api::create))
        .routes(routes!(meeting_api::get_series, meeting_api::update))
        .routes(routes!(meeting_api::exception))
        .routes(routes!(meeting_api::occurrence))
        .routes(routes!(meeting_api::notes))
        .routes(routes!(meeting_api::attendance))
        .routes(routes!(
            hours::get_hours,
            hours::post_hours,
            hours::put_hours
        ))
        .routes(routes!(hours::delete_hours))
        .routes(routes!(hours::put_sharing))
        .routes(routes!(initiative_api::list, initiative_api::create))
        .routes(routes!(
            initiative_api::get_initiative,
            initiative_api::update
        ))
        .routes(routes!(initiative_api::status))
        .routes(routes!(initiative_api::join))
        .routes(routes!(initiative_api::withdraw))
        .routes(routes!(initiative_api::cross_validator))
        .routes(routes!(initiative_api::add_sponsor))
        .routes(routes!(initiative_api::remove_sponsor))
        .routes(routes!(initiative_api::add_output));
    Routes {
        pages,
        api,
        tasks: vec![tasks::tasks],
    }
}

/// Terms are dates: the rotation need not run often, only every day.
pub const ROTATION_EVERY: Duration = Duration::from_secs(3600);

/// The facilitator rotation (terms begin and end, holders are reminded before the end), the
/// reminders of updates due (once per group and due date) and of hours to log (once per person and
/// month, from the 25th to the 5th of the next month).
pub fn job(store: Store, every: Duration) -> Job {
    Job::new("groups", every, move |now| {
        let store = store.clone();
        async move {
            let rotation = crate::jobs::summary(store.rotate_facilitators(now).await?);
            let updates = crate::jobs::summary(store.remind_updates_due(now).await?);
            let hours = crate::jobs::summary(store.remind_hours_due(now).await?);
            Ok([rotation, updates, hours]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("; "))
        }
    })
}
