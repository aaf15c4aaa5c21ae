//! A plan's learner data: the weekly series (page and CSV), the upload of tracking logs and of the
//! enrolled-students CSV, and the public progress page with its small cells suppressed.

use super::actions::{self, load, public_measures, LineChart, PublicMeasure};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{bars, render, Bar, Ctx};
use crate::AppState;
use agora_domain::courses::measures::Cell;
use agora_domain::courses::plan::Access;
use agora_domain::courses::series::{Series, WeekRow};
use agora_domain::courses::CourseId;
use agora_domain::ValidationErrors;
use agora_store::{Plan, TrackingReport};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use std::io::Write;

/// The series' columns, in the API's and the CSV's order, with their label keys.
const COLUMNS: [&str; 11] = [
    "week_start",
    "enrolled",
    "new_enrollments",
    "active",
    "returning",
    "played_video",
    "attempted_problem",
    "forum_posts",
    "completions",
    "certificates",
    "referred",
];

fn cells(r: &WeekRow) -> [String; 11] {
    [
        r.week_start.to_string(),
        r.enrolled.to_string(),
        r.new_enrollments.to_string(),
        r.active.to_string(),
        r.returning.to_string(),
        r.played_video.to_string(),
        r.attempted_problem.to_string(),
        r.forum_posts.to_string(),
        r.completions.to_string(),
        r.certificates.to_string(),
        r.referred.to_string(),
    ]
}

struct Chart {
    id: &'static str,
    title: String,
    chart: LineChart,
}

#[derive(Template)]
#[template(path = "courses/series.html")]
struct SeriesView {
    ctx: Ctx,
    plan: Plan,
    headers: Vec<String>,
    rows: Vec<[String; 11]>,
    charts: Vec<Chart>,
    /// Cohorts: (week, size, share active in each later week as text).
    cohorts: Vec<(NaiveDate, u64, Vec<String>)>,
    cohort_weeks: usize,
    funnel: Vec<Bar>,
}

fn series_charts(v: &Viewer, s: &Series) -> Vec<Chart> {
    let line = |f: fn(&WeekRow) -> u64| -> Vec<(NaiveDate, f64)> {
        s.rows.iter().map(|r| (r.week_start, f(r) as f64)).collect()
    };
    vec![
        Chart {
            id: "chart-enrolled",
            title: v.tr.t("course-series-enrolled"),
            chart: LineChart::new(&line(|r| r.enrolled), None),
        },
        Chart {
            id: "chart-active",
            title: v.tr.t("course-series-active"),
            chart: LineChart::new(&line(|r| r.active), None),
        },
    ]
}

pub async fn series_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::View).await?;
    let s = actions::series(&state, l.plan.course.id).await?;
    let cohort_weeks = s
        .cohorts
        .iter()
        .map(|c| c.active.len())
        .max()
        .unwrap_or(0)
        .min(12);
    let cohorts = s
        .cohorts
        .iter()
        .map(|c| {
            let shares = c
                .active
                .iter()
                .take(cohort_weeks)
                .map(|a| match (a * 100 + c.size / 2).checked_div(c.size) {
                    Some(p) => format!("{p} %"),
                    None => "—".to_string(),
                })
                .collect();
            (c.week_start, c.size, shares)
        })
        .collect();
    let funnel = bars(
        vec![
            (v.tr.t("course-funnel-enrolled"), s.funnel.enrolled),
            (v.tr.t("course-funnel-active"), s.funnel.active),
            (v.tr.t("course-funnel-completed"), s.funnel.completed),
        ],
        220,
    );
    render(&SeriesView {
        ctx: Ctx::new(&v, "/courses"),
        headers: COLUMNS
            .iter()
            .map(|c| v.tr.t(&format!("course-series-{}", c.replace('_', "-"))))
            .collect(),
        rows: s.rows.iter().map(cells).collect(),
        charts: series_charts(&v, &s),
        cohorts,
        cohort_weeks,
        funnel,
        plan: l.plan,
    })
}

/// The series as CSV, the column names the API's.
pub async fn series_csv(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::View).await?;
    let s = actions::series(&state, l.plan.course.id).await?;
    let io = |e: csv::Error| Error::Unexpected(anyhow::Error::new(e));
    let mut w = agora_domain::csv_file::Writer::new();
    w.row(COLUMNS).map_err(io)?;
    for r in &s.rows {
        w.row(cells(r)).map_err(io)?;
    }
    let body = w.finish().map_err(io)?;
    let name: String = l
        .plan
        .course
        .course_key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"series-{name}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "courses/import.html")]
struct ImportView {
    ctx: Ctx,
    plan: Plan,
    errors: FieldErrors,
    report: Option<TrackingReport>,
    /// Enrollments added, rows read, rows skipped and the first of them.
    enrolled: Option<(u64, usize, u64, Vec<u64>)>,
    max_mb: usize,
}

fn import_view(state: &AppState, v: &Viewer, plan: Plan, errors: ValidationErrors) -> ImportView {
    ImportView {
        ctx: Ctx::new(v, "/courses"),
        plan,
        errors: FieldErrors(errors),
        report: None,
        enrolled: None,
        max_mb: state.config.max_log_upload_bytes / (1024 * 1024),
    }
}

pub async fn import_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::Edit).await?;
    render(&import_view(&state, &v, l.plan, ValidationErrors::new()))
}

/// Streams the uploaded file to a temporary file (a log may be far larger than memory should
/// hold). Returns the form's `kind` and the file, or `None` when no file was chosen.
async fn receive(
    mut multipart: Multipart,
) -> Result<(String, Option<(String, tempfile::NamedTempFile)>)> {
    let unreadable = || Error::bad("The upload could not be read.");
    let mut kind = String::new();
    let mut file = None;
    while let Some(mut field) = multipart.next_field().await.map_err(|_| unreadable())? {
        match field.name().unwrap_or("") {
            "file" => {
                let name = field.file_name().unwrap_or("upload").to_string();
                let mut tmp = tempfile::NamedTempFile::new()
                    .map_err(|e| Error::Unexpected(anyhow::Error::new(e)))?;
                let mut any = false;
                while let Some(chunk) = field.chunk().await.map_err(|e| {
                    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                        Error::TooLarge
                    } else {
                        unreadable()
                    }
                })? {
                    any |= !chunk.is_empty();
                    tmp.write_all(&chunk)
                        .map_err(|e| Error::Unexpected(anyhow::Error::new(e)))?;
                }
                if any {
                    file = Some((name, tmp));
                }
            }
            "kind" => kind = field.text().await.map_err(|_| unreadable())?,
            _ => {}
        }
    }
    Ok((kind, file))
}

/// Imports a tracking log (only this course's events) or an enrolled-students CSV.
pub async fn import(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    multipart: std::result::Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let Ok(multipart) = multipart else {
        return refuse(&state, &v, l.plan, "file", "required");
    };
    let (kind, file) = receive(multipart).await?;
    let Some((name, tmp)) = file else {
        return refuse(&state, &v, l.plan, "file", "required");
    };
    let course = CourseId::parse(&l.plan.course.course_key)
        .map_err(|_| Error::Unexpected(anyhow::anyhow!("a stored course key does not parse")))?;
    let mut view = import_view(&state, &v, l.plan, ValidationErrors::new());
    if kind == "enrolled" {
        let now = state.clock.now();
        let path = tmp.path().to_owned();
        // Read as it streams, off the async threads.
        let parsed = tokio::task::spawn_blocking(move || {
            std::fs::File::open(&path).map(|f| {
                agora_domain::courses::enrolled_csv::parse(std::io::BufReader::new(f), now)
            })
        })
        .await
        .map_err(|e| Error::Unexpected(anyhow::Error::new(e)))?
        .map_err(|e| Error::Unexpected(anyhow::Error::new(e)))?;
        let parsed = match parsed {
            Ok(p) => p,
            Err(e) => {
                view.errors = FieldErrors(e);
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response());
            }
        };
        let added = state
            .store
            .import_enrolled(view.plan.course.id, &name, &parsed.rows, &v.who())
            .await?;
        view.enrolled = Some((added, parsed.rows.len(), parsed.bad, parsed.bad_lines));
        return Ok(render(&view)?.into_response());
    }
    let path = tmp.path().to_owned();
    let report = state
        .store
        .import_tracking_log(
            &name,
            move || agora_store::open_log(&path),
            Some(&course),
            &v.who(),
            std::sync::Arc::new(|_| {}),
        )
        .await;
    drop(tmp);
    match report {
        Ok(r) => {
            view.report = Some(r);
            Ok(render(&view)?.into_response())
        }
        Err(agora_store::StoreError::Invalid(e)) => {
            view.errors = FieldErrors(e);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn refuse(
    state: &AppState,
    v: &Viewer,
    plan: Plan,
    field: &str,
    code: &'static str,
) -> Result<Response> {
    let view = import_view(state, v, plan, ValidationErrors::single(field, code));
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
}

#[derive(Template)]
#[template(path = "courses/progress.html")]
struct ProgressView {
    ctx: Ctx,
    plan: Plan,
    measures: Vec<Published>,
    /// When learner data was last imported: how current the figures are.
    data_updated: Option<NaiveDate>,
}

/// A published measure's target as text, the measure, and its weekly cells as text.
type Published = (String, PublicMeasure, Vec<(NaiveDate, String)>);

/// A plan's public progress: only its public measures, and in them no cell under five learners.
/// Anyone may read it once the plan publishes its progress.
pub async fn progress(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let plan = state.store.plan(id).await?.ok_or(Error::NotFound)?;
    if !plan.public_progress {
        return Err(Error::NotFound);
    }
    let today = state.clock.now().date_naive();
    let s = actions::series(&state, plan.course.id).await?;
    let views = actions::measure_views(state.store.plan_measures(plan.id).await?, &s, today);
    let fewer = v.tr.t("course-fewer-than-five");
    let measures = public_measures(&views, today)
        .into_iter()
        .map(|m| {
            let suffix = if m.metric.is_percent() { " %" } else { "" };
            let cells = m
                .cells
                .iter()
                .map(|(d, c)| {
                    let text = match c {
                        Cell::Shown(x) => format!("{}{suffix}", actions::format_value(*x)),
                        Cell::Suppressed => fewer.clone(),
                    };
                    (*d, text)
                })
                .collect();
            (
                format!("{}{suffix}", actions::format_value(m.target)),
                m,
                cells,
            )
        })
        .collect();
    let data_updated = state
        .store
        .course_data_updated_at(plan.course.id)
        .await?
        .map(|t| t.date_naive());
    render(&ProgressView {
        ctx: Ctx::new(&v, "/courses"),
        plan,
        measures,
        data_updated,
    })
}
