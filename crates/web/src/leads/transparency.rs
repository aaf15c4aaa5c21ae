//! The public transparency report on lead allocation, as a page and as CSV.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::views::{bars, render, Bar, Ctx};
use crate::AppState;
use agora_domain::leads::{Cell, Metric, Period, ReportRow, TransparencyReport};
use agora_domain::ValidationErrors;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};

// ---- Transparency report ------------------------------------------------------------------------

pub async fn transparency_report(state: &AppState, period: Period) -> Result<TransparencyReport> {
    let counts = state
        .store
        .report_counts(&period.to_string(), &period.months())
        .await?;
    let history = state.store.lead_policy_history().await?;
    let regions = history
        .first()
        .map(|p| p.policy.regions.clone())
        .unwrap_or_default();
    let adopted: Vec<(i64, _)> = history.iter().map(|p| (p.version, p.created_at)).collect();
    let versions = period.versions_in_force(&adopted);
    Ok(TransparencyReport::build(
        period,
        &counts.counts,
        &counts.entitled,
        &regions,
        &counts.partner_names,
        versions,
    ))
}

fn parse_period(s: &str) -> Result<Period> {
    Period::parse(s).map_err(|c| Error::Invalid(ValidationErrors::single("period", c)))
}

/// A time's month as report periods name it: `2026-11`.
fn month(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m").to_string()
}

fn current_quarter(now: chrono::DateTime<chrono::Utc>) -> Period {
    Period::containing(&month(now))
        .map(|(_, q, _)| q)
        .unwrap_or(Period::Year(2026))
}

pub async fn transparency_index(State(state): State<AppState>) -> Redirect {
    Redirect::to(&format!(
        "/transparency/{}",
        current_quarter(state.clock.now())
    ))
}

/// A report cell as shown: a count, or for a suppressed one a short "<5" that fits a table cell
/// with its words ("fewer than 5") for screen readers and as a tooltip; the page explains it once.
pub struct CellText {
    pub short: String,
    pub words: Option<String>,
}

pub fn cell_text(tr: &crate::i18n::Tr, c: Option<&Cell>) -> CellText {
    match c {
        Some(Cell::Count(n)) => CellText {
            short: n.to_string(),
            words: None,
        },
        Some(Cell::FewerThan(n)) => CellText {
            short: tr.t1("report-fewer-than-short", "count", n),
            words: Some(tr.t1("report-fewer-than", "count", n)),
        },
        Some(Cell::Withheld) => CellText {
            short: tr.t("report-withheld-short"),
            words: Some(tr.t("report-withheld")),
        },
        None => CellText {
            short: "0".into(),
            words: None,
        },
    }
}

pub struct RowText {
    pub name: String,
    pub cells: Vec<CellText>,
    pub median: String,
    pub conversion: String,
    pub entitled: String,
}

fn row_text(tr: &crate::i18n::Tr, r: &ReportRow, metrics: &[Metric]) -> RowText {
    RowText {
        name: r.name.clone(),
        cells: metrics
            .iter()
            .map(|m| cell_text(tr, r.counts.get(m)))
            .collect(),
        median: r
            .median_minutes_to_accept
            .map_or_else(|| "—".to_string(), |m| duration_text(tr, m)),
        conversion: r
            .conversion_rate
            .map_or_else(|| "—".to_string(), |c| format!("{:.0} %", c * 100.0)),
        entitled: match (r.entitled, r.actual) {
            (Some(e), Some(a)) => format!("{e:.1} / {a}"),
            _ => "—".into(),
        },
    }
}

fn duration_text(tr: &crate::i18n::Tr, minutes: i64) -> String {
    if minutes < 60 {
        tr.t1("duration-minutes", "count", minutes)
    } else if minutes < 48 * 60 {
        tr.t1(
            "duration-hours",
            "time",
            format!("{}:{:02}", minutes / 60, minutes % 60),
        )
    } else {
        tr.t1("duration-days", "count", minutes / 1440)
    }
}

const REGION_METRICS: &[Metric] = &[
    Metric::Received,
    Metric::Offered,
    Metric::Manual,
    Metric::Direct,
    Metric::Accepted,
    Metric::Declined,
    Metric::Reoffered,
    Metric::Expired,
    Metric::Won,
];
const PARTNER_METRICS: &[Metric] = &[
    Metric::Offered,
    Metric::Manual,
    Metric::Direct,
    Metric::Accepted,
    Metric::Declined,
    Metric::Expired,
    Metric::Won,
];

#[derive(Template)]
#[template(path = "leads/transparency.html")]
struct TransparencyView {
    ctx: Ctx,
    period: String,
    /// Neighbouring periods, linked only where the report can have data.
    prev: Option<String>,
    next: Option<String>,
    levels: Vec<(String, String)>,
    totals: RowText,
    regions: Vec<RowText>,
    partners: Vec<RowText>,
    region_headers: Vec<String>,
    partner_headers: Vec<String>,
    bars: Vec<Bar>,
    chart_height: u32,
    suppressed_in_chart: bool,
    suppressed_anywhere: bool,
    suppress_below: u64,
    versions: Vec<i64>,
}

pub async fn transparency(
    State(state): State<AppState>,
    v: Viewer,
    Path(period): Path<String>,
) -> Result<Html<String>> {
    let p = parse_period(&period)?;
    let report = transparency_report(&state, p).await?;
    let tr = &v.tr;
    let month = p.months()[0].clone();
    let (y, q, m) = Period::containing(&month).ok_or(Error::NotFound)?;
    // Suppressed cells are drawn as empty bars with their "fewer than 5" label.
    let chart: Vec<(String, u64)> = report
        .regions
        .iter()
        .map(|r| {
            let n = match r.counts.get(&Metric::Received) {
                Some(Cell::Count(n)) => *n,
                _ => 0,
            };
            (r.name.clone(), n)
        })
        .collect();
    let suppressed_in_chart = report.regions.iter().any(|r| {
        r.counts
            .get(&Metric::Received)
            .is_some_and(|c| c.is_suppressed())
    });
    let b = bars(chart, 230);
    let chart_height = b.len() as u32 * 28 + 4;
    // From the first month with data to the last one or today, whichever is later.
    let this_month = state.clock.now().format("%Y-%m").to_string();
    let (first, last) = match state.store.report_months().await? {
        Some((f, l)) => (f.min(this_month.clone()), l.max(this_month)),
        None => (this_month.clone(), this_month),
    };
    let linked = |q: Period| q.overlaps(&first, &last).then(|| q.to_string());
    let totals = row_text(tr, &report.totals, REGION_METRICS);
    let regions: Vec<RowText> = report
        .regions
        .iter()
        .map(|r| row_text(tr, r, REGION_METRICS))
        .collect();
    let partners: Vec<RowText> = report
        .partners
        .iter()
        .map(|r| row_text(tr, r, PARTNER_METRICS))
        .collect();
    let suppressed_anywhere = [&totals]
        .into_iter()
        .chain(&regions)
        .chain(&partners)
        .any(|r| r.cells.iter().any(|c| c.words.is_some()));
    render(&TransparencyView {
        ctx: Ctx::new(&v, "/transparency"),
        period: p.to_string(),
        prev: linked(p.previous()),
        next: linked(p.next()),
        levels: vec![
            (y.to_string(), tr.t("report-year")),
            (q.to_string(), tr.t("report-quarter")),
            (m.to_string(), tr.t("report-month")),
        ],
        totals,
        regions,
        partners,
        suppressed_anywhere,
        suppress_below: agora_domain::leads::SUPPRESS_BELOW,
        region_headers: REGION_METRICS
            .iter()
            .map(|m| tr.label("metric", m.slug()))
            .collect(),
        partner_headers: PARTNER_METRICS
            .iter()
            .map(|m| tr.label("metric", m.slug()))
            .collect(),
        bars: b,
        chart_height,
        suppressed_in_chart,
        versions: report.policy_versions,
    })
}

pub async fn transparency_csv(
    State(state): State<AppState>,
    Path(period): Path<String>,
) -> Result<Response> {
    let p = parse_period(&period)?;
    let report = transparency_report(&state, p).await?;
    let mut w = agora_domain::csv_file::Writer::new();
    let mut header = vec!["kind".to_string(), "key".into(), "name".into()];
    header.extend(Metric::ALL.iter().map(|m| m.slug().to_string()));
    header.extend(
        [
            "median_minutes_to_accept",
            "conversion_rate",
            "entitled",
            "actual",
        ]
        .map(String::from),
    );
    let write = |w: &mut agora_domain::csv_file::Writer, kind: &str, r: &ReportRow| {
        let mut rec = vec![kind.to_string(), r.key.clone(), r.name.clone()];
        rec.extend(Metric::ALL.iter().map(|m| match r.counts.get(m) {
            Some(Cell::Count(n)) => n.to_string(),
            Some(Cell::FewerThan(n)) => format!("<{n}"),
            Some(Cell::Withheld) => "withheld".into(),
            None => String::new(),
        }));
        rec.push(
            r.median_minutes_to_accept
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        rec.push(
            r.conversion_rate
                .map(|c| format!("{c:.4}"))
                .unwrap_or_default(),
        );
        rec.push(r.entitled.map(|e| format!("{e:.1}")).unwrap_or_default());
        rec.push(r.actual.map(|a| a.to_string()).unwrap_or_default());
        w.row(&rec)
    };
    let io = |e: csv::Error| Error::Unexpected(anyhow::Error::new(e));
    w.row(&header).map_err(io)?;
    write(&mut w, "total", &report.totals).map_err(io)?;
    for r in &report.regions {
        write(&mut w, "region", r).map_err(io)?;
    }
    for r in &report.partners {
        write(&mut w, "partner", r).map_err(io)?;
    }
    let body = w.finish().map_err(io)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"agora-leads-{p}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}
