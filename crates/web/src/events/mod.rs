//! Events of groups and people (issue 10): the public list and `.ics` feeds, an event's page,
//! organizers' forms and registrant list, registration, the JSON API, and the events a person
//! registered for in the coming week on their home page. Pages and API call `actions`.

pub mod actions;
pub mod api;
pub mod feeds;
pub mod pages;
pub mod tasks;

use crate::routes::Routes;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route("/events", get(pages::index).post(pages::create))
        .route("/events.ics", get(feeds::all))
        .route("/events/new", get(pages::new_event))
        .route("/events/{id}", get(pages::event_page))
        .route("/events/{id}/edit", get(pages::edit_form).post(pages::edit))
        .route("/events/{id}/cancel", post(pages::cancel))
        .route("/events/{id}/register", post(pages::register))
        .route("/events/{id}/unregister", post(pages::unregister))
        .route("/events/{id}/registrants", get(pages::registrants))
        .route("/events/{id}/attendance", post(pages::attendance))
        .route("/events/{id}/guests", post(pages::ask_as_guest))
        .route("/events/guests/{token}", get(pages::guest_page))
        .route("/events/guests/{token}/confirm", post(pages::confirm_guest))
        .route(
            "/events/guests/{token}/withdraw",
            post(pages::withdraw_guest),
        );
    let api = OpenApiRouter::new()
        .routes(routes!(api::list, api::create))
        .routes(routes!(api::get_event, api::update))
        .routes(routes!(api::cancel))
        .routes(routes!(api::register, api::unregister))
        .routes(routes!(api::registrants))
        .routes(routes!(api::ask_as_guest, api::guests))
        .routes(routes!(api::attendance));
    Routes {
        pages,
        api,
        tasks: vec![tasks::tasks],
    }
}
