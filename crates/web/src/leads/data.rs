//! Requests about a requester's personal data: export and erasure (foundation staff).

use crate::auth::Viewer;
use crate::error::Result;
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

// ---- Personal-data requests ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/admin_data.html")]
struct DataView {
    ctx: Ctx,
    email: String,
    erased: Option<u64>,
    errors: FieldErrors,
}

pub async fn admin_data(v: Viewer) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    data_page(&v, "", None, None)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DataForm {
    email: String,
    action: String,
    confirm: Option<String>,
}

/// The personal-data page: after an erasure (`erased`), or re-shown with a field error (422).
fn data_page(
    v: &Viewer,
    email: &str,
    erased: Option<u64>,
    error: Option<(&str, &'static str)>,
) -> Result<Response> {
    let view = DataView {
        ctx: Ctx::new(v, "/admin"),
        email: email.to_string(),
        erased,
        errors: FieldErrors(
            error
                .map(|(field, code)| ValidationErrors::single(field, code))
                .unwrap_or_default(),
        ),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&view)?).into_response())
}

pub async fn admin_data_submit(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<DataForm>,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let email = match agora_domain::person::Email::parse(&f.email) {
        Ok(e) => e,
        Err(code) => return data_page(&v, &f.email, None, Some(("email", code))),
    };
    if f.action == "erase" {
        if f.confirm.is_none() {
            return data_page(&v, &f.email, None, Some(("confirm", "consent-required")));
        }
        let n = state
            .store
            .erase_person_leads(email.as_str(), &v.who())
            .await?;
        return data_page(&v, "", Some(n), None);
    }
    let json = state
        .store
        .export_person_leads(email.as_str(), &v.who())
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"agora-personal-data.json\"".to_string(),
            ),
        ],
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
        .into_response())
}
