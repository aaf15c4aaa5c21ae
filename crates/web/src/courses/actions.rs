//! What the plan pages and the API share: who may read or change a plan, the series of its
//! course, its measures against their targets, and the line charts drawn from them.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::courses::measures::{progress, publish, Cell, Progress, Standing};
use agora_domain::courses::plan::Access;
use agora_domain::courses::series::{compute, Series};
use agora_domain::courses::tracking::week_start;
use agora_domain::permissions::Permission;
use agora_store::{Plan, StoredMeasure};
use chrono::NaiveDate;
use serde::Serialize;

/// A plan and what the viewer may do with it.
pub struct Loaded {
    pub plan: Plan,
    pub access: Access,
}

impl Loaded {
    pub fn may_edit(&self) -> bool {
        self.access == Access::Edit
    }
}

/// The plan if the viewer may at least `need` it. A plan not shared with a signed-in person is
/// "not found" for them (its existence is not theirs to know); an anonymous visitor is asked to
/// sign in.
pub async fn load(state: &AppState, v: &Viewer, id: i64, need: Access) -> Result<Loaded> {
    // Anonymous visitors learn nothing, not even whether the plan exists.
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    let plan = state.store.plan(id).await?.ok_or(Error::NotFound)?;
    let access = state
        .store
        .plan_access(
            &plan,
            v.person.as_ref().map(|p| p.id),
            v.can(Permission::ManageCourses),
        )
        .await?;
    match access {
        None if v.person.is_none() => Err(Error::Unauthorized),
        None => Err(Error::NotFound),
        Some(a) if a < need => Err(Error::Forbidden),
        Some(access) => Ok(Loaded { plan, access }),
    }
}

/// The course's weekly series up to the current week.
pub async fn series(state: &AppState, course_id: i64) -> Result<Series> {
    let facts = state.store.course_facts(course_id).await?;
    let this_week = week_start(state.clock.now());
    Ok(compute(
        &facts.weeks,
        &facts.enrollments,
        &facts.milestones,
        Some(this_week),
    ))
}

/// A measure with its value each week and where it stands today.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeasureView {
    #[serde(flatten)]
    pub measure: StoredMeasure,
    #[serde(flatten)]
    pub progress: Progress,
    pub weeks: Vec<agora_domain::courses::measures::Value>,
}

pub fn measure_views(
    measures: Vec<StoredMeasure>,
    s: &Series,
    today: NaiveDate,
) -> Vec<MeasureView> {
    measures
        .into_iter()
        .map(|m| {
            let x = &m.measure;
            MeasureView {
                progress: progress(x.metric, x.target, x.due_on, &s.rows, today),
                weeks: x.metric.values(&s.rows),
                measure: m,
            }
        })
        .collect()
}

/// A published measure: its weekly cells with the small ones suppressed, and its standing only
/// when the actual value itself may be shown.
pub struct PublicMeasure {
    /// Its chart's id in the page.
    pub id: String,
    pub name: String,
    pub metric: agora_domain::courses::measures::Metric,
    pub target: f64,
    pub due_on: NaiveDate,
    pub cells: Vec<(NaiveDate, Cell)>,
    pub standing: Standing,
    pub chart: LineChart,
}

pub fn public_measures(views: &[MeasureView], today: NaiveDate) -> Vec<PublicMeasure> {
    views
        .iter()
        .filter(|m| m.measure.measure.public)
        .enumerate()
        .map(|(n, m)| {
            let x = &m.measure.measure;
            let cells = publish(x.metric, &m.weeks);
            let shown: Vec<(NaiveDate, f64)> = m
                .weeks
                .iter()
                .zip(&cells)
                .filter_map(|(w, c)| match c {
                    Cell::Shown(v) => Some((w.week_start, *v)),
                    Cell::Suppressed => None,
                })
                .collect();
            PublicMeasure {
                id: format!("public-measure-{}", n + 1),
                name: x.name.clone(),
                metric: x.metric,
                target: x.target,
                due_on: x.due_on,
                // A standing says how the exact values compare with the target: it is published
                // only when every week it was judged on is itself published.
                standing: if m
                    .weeks
                    .iter()
                    .zip(&cells)
                    .filter(|(w, _)| w.week_start <= x.due_on.min(today))
                    .all(|(_, c)| matches!(c, Cell::Shown(_)))
                {
                    m.progress.standing
                } else {
                    Standing::NoData
                },
                cells: m.weeks.iter().map(|w| w.week_start).zip(cells).collect(),
                chart: LineChart::new(&shown, Some(x.target)),
            }
        })
        .collect()
}

/// A server-drawn line chart: points of one series over the weeks, with the target as a dashed
/// line. Its data are always also shown in a table beside it.
#[derive(Debug, Clone, Default)]
pub struct LineChart {
    pub points: String,
    /// The target's height, when there is one.
    pub target_y: Option<f64>,
    /// The labels of the vertical scale: (y, text).
    pub y_labels: Vec<(f64, String)>,
    /// A few week labels along the bottom: (x, text).
    pub x_labels: Vec<(f64, String)>,
    /// The last point, marked.
    pub last: Option<(f64, f64)>,
}

pub const CHART_W: f64 = 440.0;
pub const CHART_H: f64 = 160.0;
const LEFT: f64 = 48.0;
const TOP: f64 = 8.0;

impl LineChart {
    pub fn new(values: &[(NaiveDate, f64)], target: Option<f64>) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        let max = values
            .iter()
            .map(|v| v.1)
            .chain(target)
            .fold(0.0f64, f64::max)
            .max(1.0);
        let n = values.len();
        let x = |i: usize| {
            if n == 1 {
                LEFT + (CHART_W - LEFT) / 2.0
            } else {
                LEFT + (CHART_W - LEFT - 8.0) * i as f64 / (n - 1) as f64
            }
        };
        let y = |v: f64| TOP + (CHART_H - TOP) * (1.0 - v / max);
        let points = values
            .iter()
            .enumerate()
            .map(|(i, (_, v))| format!("{:.1},{:.1}", x(i), y(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        let step = (n / 4).max(1);
        let x_labels = (0..n)
            .step_by(step)
            .map(|i| (x(i), values[i].0.format("%m-%d").to_string()))
            .collect();
        let y_labels = [0.0, max / 2.0, max]
            .into_iter()
            .map(|v| (y(v), format_value(v)))
            .collect();
        let (li, lv) = (n - 1, values[n - 1].1);
        Self {
            points,
            target_y: target.map(y),
            y_labels,
            x_labels,
            last: Some((x(li), y(lv))),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }
}

/// A count as a whole number, a share with one decimal.
pub fn format_value(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// The LMS address with `ref=CODE` added, the link a referrer passes on.
pub fn referral_link(lms_url: &str, code: &str) -> Option<String> {
    let mut url = url::Url::parse(lms_url).ok()?;
    url.query_pairs_mut().append_pair("ref", code);
    Some(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_scales_to_the_larger_of_values_and_target() {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        let c = LineChart::new(
            &[(d("2026-03-02"), 10.0), (d("2026-03-09"), 20.0)],
            Some(40.0),
        );
        // The target is the top of the scale; the last value is half way.
        assert_eq!(c.target_y, Some(TOP));
        let (_, last_y) = c.last.expect("last");
        assert!((last_y - (TOP + (CHART_H - TOP) / 2.0)).abs() < 1e-9);
        assert!(LineChart::new(&[], None).is_empty());
        assert_eq!(
            referral_link("https://lms.example.org/courses/x/about?utm=1", "ACME-1").as_deref(),
            Some("https://lms.example.org/courses/x/about?utm=1&ref=ACME-1")
        );
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(12.345), "12.3");
    }
}
