//! The training library: active partners' people (and the foundation) read it; opening an item is
//! recorded (who, for which partner, when) before it redirects to the link or serves the file. The
//! foundation adds items (a link or an uploaded file), archives them and reads the record.

use super::actions::require_active_partner;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::benefits::{
    inline_type, parse_training_file, Audience, TrainingFile, TrainingInput,
};
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{StoredTraining, TrainingOpen};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

#[derive(Debug, Default, serde::Deserialize)]
pub struct AudienceQuery {
    #[serde(default)]
    pub audience: String,
}

/// `?audience=` as a filter: empty for all; an unknown value is the reader's mistake.
pub fn audience_filter(q: &AudienceQuery) -> Result<Option<Audience>> {
    match q.audience.trim() {
        "" => Ok(None),
        s => Audience::parse(s)
            .map(Some)
            .map_err(|c| ValidationErrors::single("audience", c).into()),
    }
}

#[derive(Template)]
#[template(path = "benefits/training.html")]
struct LibraryView {
    ctx: Ctx,
    items: Vec<StoredTraining>,
    audiences: Vec<(&'static str, String)>,
    audience: String,
}

fn audiences(v: &Viewer) -> Vec<(&'static str, String)> {
    Audience::ALL
        .into_iter()
        .map(|a| (a.slug(), v.tr.label("training-audience", a.slug())))
        .collect()
}

pub async fn library(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<AudienceQuery>,
) -> Result<Html<String>> {
    require_active_partner(&state, &v).await?;
    let audience = audience_filter(&q)?;
    render(&LibraryView {
        ctx: Ctx::new(&v, "/training"),
        items: state.store.training_items(audience, false).await?,
        audiences: audiences(&v),
        audience: q.audience.trim().to_string(),
    })
}

/// Records the opening, then sends the reader to the link or the file.
pub async fn open(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let mine = require_active_partner(&state, &v).await?;
    let item = state
        .store
        .training_item(id)
        .await?
        .ok_or(Error::NotFound)?;
    if item.archived_at.is_some() && !v.can(Permission::ManageBenefits) {
        return Err(Error::NotFound);
    }
    let person_id = v.person.as_ref().map(|p| p.id).ok_or(Error::Unauthorized)?;
    // The record is of partners' people: the reader's first active partner. The foundation's own
    // openings (checking an item) are not readers.
    if let Some(partner) = mine.iter().find(|p| p.status == PartnerStatus::Active) {
        state
            .store
            .log_training_open(id, person_id, partner.id)
            .await?;
    }
    if let Some(link) = &item.training.link {
        // The link was checked (http or https) when the foundation saved it.
        return Ok(Redirect::to(link).into_response());
    }
    let (name, content_type, bytes) = state
        .store
        .training_file(id)
        .await?
        .ok_or(Error::NotFound)?;
    let (content_type, disposition) = if inline_type(&content_type) {
        (content_type, "inline")
    } else {
        ("application/octet-stream".to_string(), "attachment")
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "benefits/training_admin.html")]
struct AdminView {
    ctx: Ctx,
    items: Vec<StoredTraining>,
    opens: Vec<TrainingOpen>,
    form: TrainingInput,
    errors: FieldErrors,
    audiences: Vec<(&'static str, String)>,
    max_mb: usize,
    added: bool,
}

async fn admin_view(
    state: &AppState,
    v: &Viewer,
    form: TrainingInput,
    errors: ValidationErrors,
) -> Result<AdminView> {
    Ok(AdminView {
        ctx: Ctx::new(v, "/admin"),
        items: state.store.training_items(None, true).await?,
        opens: state.store.training_opens(None, 200).await?,
        form,
        errors: FieldErrors(errors),
        audiences: audiences(v),
        max_mb: agora_domain::benefits::MAX_FILE_BYTES / (1024 * 1024),
        added: false,
    })
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct AddedParam {
    added: Option<String>,
}

pub async fn admin(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<AddedParam>,
) -> Result<Html<String>> {
    v.require(Permission::ManageBenefits)?;
    render(&AdminView {
        added: q.added.is_some(),
        ..admin_view(
            &state,
            &v,
            TrainingInput::default(),
            ValidationErrors::new(),
        )
        .await?
    })
}

/// Reads the upload form: the text fields and at most one file. A body that is not a multipart
/// form reads as an empty form (its refusal then names the missing fields).
async fn read_form(
    multipart: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(TrainingInput, Option<(String, Vec<u8>)>)> {
    let mut form = TrainingInput::default();
    let mut file = None;
    let Ok(mut multipart) = multipart else {
        return Ok((form, file));
    };
    let unreadable = || Error::bad("The upload could not be read.");
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(|_| Error::TooLarge)?;
            if !bytes.is_empty() || !file_name.is_empty() {
                file = Some((file_name, bytes.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(|_| unreadable())?;
        match name.as_str() {
            "title" => form.title = text,
            "description" => form.description = text,
            "audience" => form.audience = text,
            "link" => form.link = text,
            _ => {}
        }
    }
    Ok((form, file))
}

pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    multipart: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    v.require(Permission::ManageBenefits)?;
    let (form, file) = read_form(multipart).await?;
    let done = async {
        let mut e = ValidationErrors::new();
        let file: Option<TrainingFile> = match file {
            Some((name, bytes)) => e.check("file", parse_training_file(&name, bytes)),
            None => None,
        };
        let t = match form.parse(file.is_some() || e.get("file").is_some()) {
            Ok(t) if e.is_empty() => t,
            Ok(_) => return Err(e.into()),
            Err(mut more) => {
                more.errors.extend(e.errors);
                return Err(more.into());
            }
        };
        Ok(state
            .store
            .create_training(&t, file.as_ref(), &v.who())
            .await?)
    };
    match done.await {
        Ok(_) => Ok(Redirect::to("/admin/training?added=1").into_response()),
        Err(Error::Invalid(e)) => {
            let view = admin_view(&state, &v, form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ArchiveForm {
    #[serde(default)]
    restore: Option<String>,
}

pub async fn archive(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<ArchiveForm>,
) -> Result<Response> {
    v.require(Permission::ManageBenefits)?;
    state
        .store
        .archive_training(id, f.restore.is_none(), &v.who())
        .await?;
    Ok(Redirect::to("/admin/training").into_response())
}
