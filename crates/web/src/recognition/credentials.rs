//! Public credential pages: the issuer's DID document and status lists (what any verifier fetches),
//! an issued credential as JSON, as a PNG or SVG with the credential baked in, and as a printable
//! certificate with a QR code and a LinkedIn link; the `/verify` page for a pasted or uploaded
//! credential.

use super::issuer;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_credentials as vc;
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde_json::Value;

/// The largest credential file `/verify` reads (a baked PNG included).
pub const MAX_UPLOAD: usize = 2 * 1024 * 1024;

/// Badge artwork per category (and lifetime status), baked into downloads.
const BADGES: &[(&str, &[u8], &str)] = &[
    (
        "distinguished-engineer",
        include_bytes!("../../assets/badges/distinguished-engineer.png"),
        include_str!("../../assets/badges/distinguished-engineer.svg"),
    ),
    (
        "distinguished-advocate",
        include_bytes!("../../assets/badges/distinguished-advocate.png"),
        include_str!("../../assets/badges/distinguished-advocate.svg"),
    ),
    (
        "distinguished-innovator",
        include_bytes!("../../assets/badges/distinguished-innovator.png"),
        include_str!("../../assets/badges/distinguished-innovator.svg"),
    ),
    (
        "partner-organization",
        include_bytes!("../../assets/badges/partner-organization.png"),
        include_str!("../../assets/badges/partner-organization.svg"),
    ),
    (
        "lifetime",
        include_bytes!("../../assets/badges/lifetime.png"),
        include_str!("../../assets/badges/lifetime.svg"),
    ),
];

/// The artwork for a category; categories an admin added use the engineer's medallion shape of
/// the lifetime badge (a neutral star).
fn artwork(slug: &str) -> (&'static [u8], &'static str) {
    let (_, png, svg) = BADGES
        .iter()
        .find(|(s, _, _)| *s == slug)
        .or_else(|| BADGES.iter().find(|(s, _, _)| *s == "lifetime"))
        .copied()
        .unwrap_or(("", &[], ""));
    (png, svg)
}

fn json_response(v: &Value, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            // Verifiers in browsers fetch these across origins.
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        serde_json::to_string_pretty(v).unwrap_or_default(),
    )
        .into_response()
}

pub async fn did_json(State(state): State<AppState>) -> Result<Response> {
    // The document exists from the first visit on, so a verifier never meets an empty one.
    issuer::signing_key(&issuer::Issuer::of(&state)).await?;
    Ok(json_response(
        &issuer::did_document(&issuer::Issuer::of(&state)).await?,
        "application/did+json",
    ))
}

pub async fn status_list(
    State(state): State<AppState>,
    Path(purpose): Path<String>,
) -> Result<Response> {
    let purpose = vc::StatusPurpose::parse(&purpose).ok_or(Error::NotFound)?;
    Ok(json_response(
        &issuer::status_list(&issuer::Issuer::of(&state), purpose).await?,
        "application/vc+ld+json",
    ))
}

pub async fn badge_image(Path(file): Path<String>) -> Result<Response> {
    let (slug, ext) = file.rsplit_once('.').ok_or(Error::NotFound)?;
    if !BADGES.iter().any(|(s, _, _)| *s == slug) {
        return Err(Error::NotFound);
    }
    let (png, svg) = artwork(slug);
    Ok(match ext {
        "png" => ([(header::CONTENT_TYPE, "image/png")], png).into_response(),
        "svg" => ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response(),
        _ => return Err(Error::NotFound),
    })
}

#[derive(Template)]
#[template(path = "recognition/certificate.html")]
struct CertificateView {
    ctx: Ctx,
    uuid: String,
    /// The badge artwork's name.
    art: String,
    name: String,
    holder: String,
    category: String,
    valid_from: String,
    valid_until: Option<String>,
    verdict: issuer::Verdict,
    qr: String,
    /// The "add to profile" link, for the holder only (found by a walk: it was offered to anyone).
    linkedin: Option<String>,
    verify_url: String,
}

/// `/credentials/<uuid>`, `.json`, `.png` and `.svg`.
pub async fn credential(
    State(state): State<AppState>,
    v: Viewer,
    Path(file): Path<String>,
) -> Result<Response> {
    let (uuid, ext) = file.rsplit_once('.').unwrap_or((file.as_str(), ""));
    let stored = state
        .store
        .recognition_credential(uuid)
        .await?
        .ok_or(Error::NotFound)?;
    let award = state
        .store
        .recognition_award(stored.award_id)
        .await?
        .ok_or(Error::NotFound)?;
    let art = if award.award.kind == agora_domain::recognition::AwardKind::Lifetime {
        "lifetime"
    } else {
        award.category_slug.as_str()
    };
    let disposition = |ext: &str| format!("attachment; filename=\"credential-{uuid}.{ext}\"");
    match ext {
        "json" => Ok((
            [
                (header::CONTENT_TYPE, "application/vc+ld+json".to_owned()),
                (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_owned()),
            ],
            stored.document,
        )
            .into_response()),
        "png" => {
            let (png, _) = artwork(art);
            let baked = vc::bake_png(png, &stored.document)
                .map_err(|e| Error::Unexpected(anyhow::anyhow!("baking: {e}")))?;
            Ok((
                [
                    (header::CONTENT_TYPE, "image/png".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition("png")),
                ],
                baked,
            )
                .into_response())
        }
        "svg" => {
            let (_, svg) = artwork(art);
            let baked = vc::bake_svg(svg, &stored.document)
                .map_err(|e| Error::Unexpected(anyhow::anyhow!("baking: {e}")))?;
            Ok((
                [
                    (header::CONTENT_TYPE, "image/svg+xml".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition("svg")),
                ],
                baked,
            )
                .into_response())
        }
        "" => {
            let doc: Value = serde_json::from_str(&stored.document)
                .map_err(|e| Error::Unexpected(anyhow::anyhow!("stored credential: {e}")))?;
            let verdict =
                issuer::verify(&issuer::Issuer::of(&state), stored.document.as_bytes()).await?;
            let page = state.config.url(&format!("/credentials/{uuid}"));
            let qr = qrcode::QrCode::new(page.as_bytes())
                .map(|c| {
                    c.render::<qrcode::render::svg::Color>()
                        .min_dimensions(160, 160)
                        .quiet_zone(true)
                        .build()
                })
                // Inline in HTML: without the XML declaration the renderer starts with.
                .map(|svg| {
                    svg.find("<svg")
                        .map(|i| svg[i..].to_owned())
                        .unwrap_or_default()
                })
                .unwrap_or_default();
            let s = |p: &str| {
                doc.pointer(p)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            };
            let from = s("/validFrom");
            let until = doc
                .get("validUntil")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let mut linkedin = url::Url::parse("https://www.linkedin.com/profile/add")
                .map_err(|e| Error::Unexpected(e.into()))?;
            {
                let mut q = linkedin.query_pairs_mut();
                q.append_pair("startTask", "CERTIFICATION_NAME")
                    .append_pair("name", &s("/name"))
                    .append_pair("organizationName", &s("/issuer/name"))
                    .append_pair("certUrl", &page)
                    .append_pair("certId", uuid);
                if from.len() >= 7 {
                    q.append_pair("issueYear", &from[..4])
                        .append_pair("issueMonth", from[5..7].trim_start_matches('0'));
                }
                if let Some(u) = until.as_deref().filter(|u| u.len() >= 7) {
                    q.append_pair("expirationYear", &u[..4])
                        .append_pair("expirationMonth", u[5..7].trim_start_matches('0'));
                }
            }
            Ok(render(&CertificateView {
                ctx: Ctx::new(&v, "/credentials"),
                uuid: uuid.to_owned(),
                art: art.to_owned(),
                name: s("/name"),
                holder: award.holder_name,
                category: award.category_name,
                valid_from: from.get(..10).unwrap_or_default().to_owned(),
                valid_until: until.map(|u| u.get(..10).unwrap_or_default().to_owned()),
                verdict,
                qr,
                linkedin: v
                    .person
                    .as_ref()
                    .is_some_and(|p| award.person_id == Some(p.id))
                    .then(|| linkedin.to_string()),
                verify_url: state.config.url("/verify"),
            })?
            .into_response())
        }
        _ => Err(Error::NotFound),
    }
}

#[derive(Template)]
#[template(path = "recognition/verify.html")]
struct VerifyView {
    ctx: Ctx,
    pasted: String,
    verdict: Option<issuer::Verdict>,
    errors: FieldErrors,
}

pub async fn verify_form(v: Viewer) -> Result<Html<String>> {
    render(&VerifyView {
        ctx: Ctx::new(&v, "/verify"),
        pasted: String::new(),
        verdict: None,
        errors: FieldErrors(ValidationErrors::new()),
    })
}

/// Reads the pasted text or the uploaded file. A body that is not a multipart form reads as an
/// empty one (refused as "paste or upload").
async fn read(
    multipart: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(String, Option<Vec<u8>>)> {
    let mut pasted = String::new();
    let mut file = None;
    let Ok(mut multipart) = multipart else {
        return Ok((pasted, file));
    };
    let unreadable = || Error::bad("The upload could not be read.");
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        match field.name().unwrap_or("") {
            "file" => {
                let bytes = field.bytes().await.map_err(|_| Error::TooLarge)?;
                if !bytes.is_empty() {
                    file = Some(bytes.to_vec());
                }
            }
            "credential" => pasted = field.text().await.map_err(|_| unreadable())?,
            _ => {}
        }
    }
    Ok((pasted, file))
}

pub async fn verify_submit(
    State(state): State<AppState>,
    v: Viewer,
    multipart: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    let (pasted, file) = read(multipart).await?;
    let bytes = match file {
        Some(b) => b,
        None if !pasted.trim().is_empty() => pasted.as_bytes().to_vec(),
        None => {
            return Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&VerifyView {
                    ctx: Ctx::new(&v, "/verify"),
                    pasted,
                    verdict: None,
                    errors: FieldErrors(ValidationErrors::single("credential", "required")),
                })?,
            )
                .into_response())
        }
    };
    let verdict = issuer::verify(&issuer::Issuer::of(&state), &bytes).await?;
    Ok(render(&VerifyView {
        ctx: Ctx::new(&v, "/verify"),
        pasted,
        verdict: Some(verdict),
        errors: FieldErrors(ValidationErrors::new()),
    })?
    .into_response())
}
