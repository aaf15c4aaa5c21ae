//! Referrers and their links (foundation staff).

use crate::auth::Viewer;
use crate::error::Result;
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;

// ---- Referrals ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/admin_referrals.html")]
struct ReferralsView {
    ctx: Ctx,
    referrers: Vec<(agora_store::Referrer, String)>,
    stats: Vec<(String, Vec<agora_store::Funnel>)>,
    partners: Vec<(i64, String)>,
    form: ReferrerForm,
    errors: FieldErrors,
    link_base: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReferrerForm {
    code: String,
    label: String,
    partner_id: String,
    person_email: String,
}

async fn referrals_page(
    state: &AppState,
    v: &Viewer,
    form: ReferrerForm,
    errors: FieldErrors,
) -> Result<ReferralsView> {
    let partners = state.store.all_partners().await?;
    let names: HashMap<i64, String> = partners
        .iter()
        .map(|p| (p.id, p.profile.name.clone()))
        .collect();
    let mut referrers = vec![];
    for r in state.store.referrers().await? {
        let who = match (r.partner_id, r.person_id) {
            (Some(p), _) => names.get(&p).cloned().unwrap_or_default(),
            (_, Some(p)) => state
                .store
                .person(p)
                .await?
                .map(|p| p.display_name)
                .unwrap_or_default(),
            _ => String::new(),
        };
        referrers.push((r, who));
    }
    Ok(ReferralsView {
        ctx: Ctx::new(v, "/admin"),
        referrers,
        stats: {
            let s = state.store.referral_stats().await?;
            vec![
                (v.tr.t("referrals-by-referrer"), s.by_referrer),
                (v.tr.t("referrals-by-region"), s.by_region),
                (v.tr.t("referrals-by-source"), s.by_source),
            ]
        },
        partners: partners
            .into_iter()
            .filter(|p| p.status == agora_domain::partner::PartnerStatus::Active)
            .map(|p| (p.id, p.profile.name))
            .collect(),
        form,
        errors,
        link_base: state.config.url("/r/"),
    })
}

pub async fn admin_referrals(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManageLeads)?;
    render(&referrals_page(&state, &v, ReferrerForm::default(), FieldErrors::default()).await?)
}

pub async fn admin_create_referrer(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<ReferrerForm>,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let partner_id = f.partner_id.trim().parse::<i64>().ok();
    let person_id = if f.person_email.trim().is_empty() {
        None
    } else {
        match state
            .store
            .person_by_email(&f.person_email.trim().to_lowercase())
            .await?
        {
            Some(p) => Some(p.id),
            None => {
                let view = referrals_page(
                    &state,
                    &v,
                    f.clone(),
                    FieldErrors(ValidationErrors::single("person_email", "unknown-person")),
                )
                .await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response());
            }
        }
    };
    match state
        .store
        .create_referrer(&f.code, partner_id, person_id, &f.label, &v.who())
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/referrals").into_response()),
        Err(agora_store::StoreError::Invalid(e)) => {
            let view = referrals_page(&state, &v, f, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
