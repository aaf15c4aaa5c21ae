//! Compliance with the marketing obligations across partners and years: per type, required
//! (after exemptions) against approved, and the status from the pace of the year. The foundation
//! sees every active partner (page, CSV, API); a partner sees its own on its obligations page and as
//! an item in what needs it. Four reads whatever the number of partners: policies, declarations,
//! approved counts and names.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::views::{render, Ctx};
use crate::AppState;
pub use agora_domain::obligations::ComplianceRow;
use agora_domain::obligations::{parse_year, ObligationStatus};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// `?year=YYYY` for one year (this year by default), or `?from=YYYY&to=YYYY` for up to ten.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct YearsQuery {
    pub year: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The most years one view spans.
pub const MAX_YEARS: i32 = 10;

impl YearsQuery {
    pub fn years(&self, state: &AppState) -> Result<std::ops::RangeInclusive<i32>> {
        let mut e = ValidationErrors::new();
        let mut read = |field: &str, v: &Option<String>| match v.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => e.check(
                field,
                s.parse::<i64>()
                    .map_err(|_| "invalid-year")
                    .and_then(parse_year),
            ),
        };
        let year = read("year", &self.year);
        let from = read("from", &self.from);
        let to = read("to", &self.to);
        if !e.is_empty() {
            return Err(Error::Invalid(e));
        }
        let this = state.clock.now().year();
        let (first, last) = match (from, to) {
            (None, None) => (year.unwrap_or(this), year.unwrap_or(this)),
            (f, t) => (f.or(t).unwrap_or(this), t.or(f).unwrap_or(this)),
        };
        if last < first {
            return Err(ValidationErrors::single("to", "last-year-before-first").into());
        }
        if last - first >= MAX_YEARS {
            return Err(ValidationErrors::single("to", "too-many-years").into());
        }
        Ok(first..=last)
    }
}

/// Standings of every active partner (or of `only`, whatever its status) for `years`.
pub async fn rows(
    state: &AppState,
    years: std::ops::RangeInclusive<i32>,
    only: Option<i64>,
) -> Result<Vec<ComplianceRow>> {
    Ok(state
        .store
        .compliance(state.clock.now().date_naive(), years, only)
        .await?)
}

#[derive(Template)]
#[template(path = "contributions/compliance.html")]
struct ComplianceView {
    ctx: Ctx,
    first: i32,
    last: i32,
    rows: Vec<ComplianceRow>,
}

impl ComplianceView {
    fn types(&self) -> &'static [agora_domain::obligations::ContributionType] {
        agora_domain::obligations::ContributionType::ALL
    }
}

pub async fn page(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<YearsQuery>,
) -> Result<Html<String>> {
    v.require(Permission::ManageObligations)?;
    let years = q.years(&state)?;
    render(&ComplianceView {
        ctx: Ctx::new(&v, "/admin"),
        first: *years.start(),
        last: *years.end(),
        rows: rows(&state, years, None).await?,
    })
}

pub async fn csv(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<YearsQuery>,
) -> Result<Response> {
    v.require(Permission::ManageObligations)?;
    let years = q.years(&state)?;
    let rows = rows(&state, years.clone(), None).await?;
    let mut w = agora_domain::csv_file::Writer::new();
    let io = |e: csv::Error| Error::Unexpected(anyhow::Error::new(e));
    let mut header = vec!["partner".to_string(), "name".into(), "year".into()];
    for t in agora_domain::obligations::ContributionType::ALL {
        header.push(format!("{}_required", t.slug()));
        header.push(format!("{}_approved", t.slug()));
        header.push(format!("{}_status", t.slug()));
    }
    header.push("status".into());
    header.push("still_due".into());
    w.row(&header).map_err(io)?;
    for r in &rows {
        let mut rec = vec![r.partner.clone(), r.name.clone(), r.year.to_string()];
        for s in &r.standings {
            rec.push(s.required.to_string());
            rec.push(s.approved.to_string());
            rec.push(s.status.slug().to_string());
        }
        rec.push(r.status.slug().to_string());
        rec.push(r.still_due.to_string());
        w.row(&rec).map_err(io)?;
    }
    let body = w.finish().map_err(io)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"compliance-{}-{}.csv\"",
                    years.start(),
                    years.end()
                ),
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Compliance {
    pub first_year: i32,
    pub last_year: i32,
    pub rows: Vec<ComplianceRow>,
}

#[utoipa::path(get, path = "/api/v1/admin/compliance", tag = "contributions",
    params(YearsQuery),
    responses((status = 200, body = Compliance), (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody),
              (status = 422, body = crate::api::ErrorBody, description = "`year`, `from` or `to`: invalid-year, `to`: too-many-years")))]
/// Every active partner's standing per type and year: required, approved, status (foundation
/// admins). The same rows as `/admin/compliance.csv`.
pub async fn api(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<YearsQuery>,
) -> Result<Json<Compliance>> {
    v.require(Permission::ManageObligations)?;
    let years = q.years(&state)?;
    Ok(Json(Compliance {
        first_year: *years.start(),
        last_year: *years.end(),
        rows: rows(&state, years, None).await?,
    }))
}

/// How often the reminder job looks whether a reminder point has come.
pub const REMINDERS_EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// At 90, 30 and 7 days before the year ends, mails the people of every active partner behind on the
/// year's obligations (behind the year's pace, or overdue) what is still due, once per point.
pub fn reminders_job(store: agora_store::Store, every: std::time::Duration) -> crate::jobs::Job {
    crate::jobs::Job::new("obligation-reminders", every, move |now| {
        let store = store.clone();
        async move {
            let today = now.date_naive();
            let year = chrono::Datelike::year(&today);
            let Some(days_before) = agora_domain::obligations::reminder_point(year, today) else {
                return Ok("no reminder point today".to_string());
            };
            let due: Vec<agora_store::ObligationReminder> = store
                .compliance(today, year..=year, None)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .into_iter()
                .filter(|r| {
                    r.still_due > 0
                        && matches!(
                            r.status,
                            ObligationStatus::Behind | ObligationStatus::Overdue
                        )
                })
                .map(|r| agora_store::ObligationReminder {
                    partner_id: r.partner_id,
                    partner_slug: r.partner,
                    still_due: r.still_due,
                })
                .collect();
            let told = store
                .send_obligation_reminders(year, i64::from(days_before), &due)
                .await?;
            Ok(format!(
                "{told} partners reminded ({days_before} days before the year ends)"
            ))
        }
    })
}
