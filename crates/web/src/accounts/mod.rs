//! Accounts on the web: signing in and out, passwords, invitations, the account page with its API
//! tokens, and the foundation's people and roles.

pub mod admin;
pub mod pages;

use crate::routes::Routes;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/logout", post(pages::logout))
        .route(
            "/password/forgot",
            get(pages::forgot_form).post(pages::forgot),
        )
        .route(
            "/password/reset/{token}",
            get(pages::reset_form).post(pages::reset),
        )
        .route(
            "/invitations/{token}",
            get(pages::invitation_form).post(pages::accept_invitation),
        )
        .route("/account", get(pages::account))
        .route("/account/password", post(pages::change_password))
        .route("/account/language", post(pages::set_language))
        .route("/account/tokens", post(pages::create_token))
        .route("/account/tokens/{id}/revoke", post(pages::revoke_token))
        .route("/admin/people", get(admin::people))
        .route("/admin/people/invite", post(admin::invite))
        .route("/admin/people/{id}/roles", post(admin::grant_role))
        .route("/admin/people/{id}/roles/revoke", post(admin::revoke_role));
    Routes {
        pages,
        api: OpenApiRouter::new(),
        tasks: vec![],
    }
}
