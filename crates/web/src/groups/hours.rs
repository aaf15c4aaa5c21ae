//! Time commitments on the web (issue 10): the "Time" section of a group's page (members only: my
//! month against the group's expected range, the form to log hours per activity, my history, the
//! sharing choice; facilitators and admins see every member's totals of the last six months, members
//! the totals of those who share), and the JSON API. Who sees what is `hours::may_see_totals`, here
//! and in the API alike; notes are shown to their author only.

use super::actions;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::governance::Standing;
use agora_domain::groups::hours::{
    self as rules, Hours, HoursActivity, HoursInput, Month, Position,
};
use agora_domain::groups::{self as group_rules, HoursRange};
use agora_domain::ValidationErrors;
use agora_store::{Group, HoursEntry, MemberMonth};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Months in the facilitators' table and in a member's totals.
pub const TABLE_MONTHS: usize = 6;
/// Months of a member's own history on the page and in the API.
pub const HISTORY_MONTHS: usize = 12;

/// One month of the viewer's own log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyMonth {
    #[schema(value_type = String, example = "2026-11")]
    pub month: Month,
    #[schema(value_type = f64)]
    pub total: Hours,
    /// Against the group's expected range; none when the group states none.
    pub position: Option<Position>,
    pub entries: Vec<HoursEntry>,
}

/// A member's totals in the table, newest month first (`None`: nothing logged).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberRow {
    pub person_id: i64,
    pub name: String,
    pub shared: bool,
    #[schema(value_type = Vec<Option<f64>>)]
    pub totals: Vec<Option<Hours>>,
}

/// A group's time commitments as the viewer may see them (`GET /api/v1/groups/{slug}/hours`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroupHours {
    /// The hours a month the group expects of a member, if it states a range.
    pub range: Option<HoursRange>,
    /// The current month.
    #[schema(value_type = String, example = "2026-12")]
    pub month: Month,
    /// Whether the viewer logs hours here (members and facilitators).
    pub may_log: bool,
    /// Whether the viewer shares their totals with the group's members.
    pub shared: bool,
    /// The viewer's own log, month by month, newest first (the last 12 months with entries).
    pub mine: Vec<MyMonth>,
    /// The months of `members`' totals, newest first.
    #[schema(value_type = Vec<String>)]
    pub months: Vec<Month>,
    /// Whether `members` is everyone who logged (facilitators and admins) or only those who share.
    pub everyone: bool,
    /// Other members' totals the viewer may see, by display name.
    pub members: Vec<MemberRow>,
}

impl GroupHours {
    /// This month's figure of the viewer (zero when nothing is logged yet).
    pub fn this_month(&self) -> Option<&MyMonth> {
        self.mine.iter().find(|m| m.month == self.month)
    }

    pub fn this_month_total(&self) -> Hours {
        self.this_month().map(|m| m.total).unwrap_or_default()
    }

    pub fn this_month_position(&self) -> Option<Position> {
        Position::of(self.this_month_total(), self.range)
    }

    /// The label key of a cell's position, or empty.
    pub fn cell_position(&self, h: &Option<Hours>) -> String {
        Position::of(h.unwrap_or_default(), self.range)
            .map(|p| p.slug().to_string())
            .unwrap_or_default()
    }

    pub fn activities(&self) -> &'static [HoursActivity] {
        HoursActivity::ALL
    }
}

fn may_view(s: Standing) -> bool {
    group_rules::may_facilitate(s) || s.member
}

fn refuse(v: &Viewer) -> Error {
    if v.person.is_none() {
        Error::Unauthorized
    } else {
        Error::Forbidden
    }
}

/// The section for a viewer who may see it (members, facilitators, admins); `None` for others.
pub async fn group_hours(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
) -> Result<Option<GroupHours>> {
    if !may_view(s) {
        return Ok(None);
    }
    let id = group.body.id;
    let month = Month::containing(state.clock.now().date_naive());
    let me = v.actor.person_id();
    let may_log = rules::may_log(s);
    let (mine, shared) = match me {
        Some(p) if may_log => {
            let since = month.last(HISTORY_MONTHS).last().copied().unwrap_or(month);
            let mut months: Vec<MyMonth> = vec![];
            for e in state.store.hours_log(id, p, since).await? {
                match months.last_mut() {
                    Some(m) if m.month == e.month => {
                        m.total = m.total.plus(e.hours);
                        m.entries.push(e);
                    }
                    _ => months.push(MyMonth {
                        month: e.month,
                        total: e.hours,
                        position: None,
                        entries: vec![e],
                    }),
                }
            }
            for m in &mut months {
                m.position = Position::of(m.total, group.hours);
            }
            (months, state.store.hours_shared(id, p).await?)
        }
        _ => (vec![], false),
    };
    let months = month.last(TABLE_MONTHS);
    let since = months.last().copied().unwrap_or(month);
    let mut members: Vec<MemberRow> = vec![];
    for t in state.store.hours_totals(id, since).await? {
        if Some(t.person_id) == me || !rules::may_see_totals(s, me, t.person_id, t.shared) {
            continue;
        }
        let MemberMonth {
            person_id,
            name,
            month: m,
            hours,
            shared,
        } = t;
        let Some(i) = months.iter().position(|x| *x == m) else {
            continue;
        };
        if members.last().is_none_or(|r| r.person_id != person_id) {
            members.push(MemberRow {
                person_id,
                name,
                shared,
                totals: vec![None; months.len()],
            });
        }
        if let Some(row) = members.last_mut() {
            row.totals[i] = Some(hours);
        }
    }
    Ok(Some(GroupHours {
        range: group.hours,
        month,
        may_log,
        shared,
        mine,
        months,
        everyone: group_rules::may_facilitate(s),
        members,
    }))
}

/// Logs (or corrects) the viewer's hours for a month and activity: members and facilitators only.
/// Returns the entry and whether it is new.
pub async fn log(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &HoursInput,
) -> Result<(HoursEntry, bool)> {
    if !rules::may_log(s) {
        return Err(refuse(v));
    }
    let h = input.parse(state.clock.now().date_naive())?;
    Ok(state.store.log_hours(group.body.id, &h, &v.who()).await?)
}

/// Deletes the viewer's entry for a month and activity (404 when there is none).
pub async fn delete(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    month: &str,
    activity: &str,
) -> Result<()> {
    if !rules::may_log(s) {
        return Err(refuse(v));
    }
    let mut e = ValidationErrors::new();
    let month = e.check("month", Month::parse(month));
    let activity = e.check("activity", HoursActivity::parse(activity));
    let (Some(month), Some(activity)) = (month, activity) else {
        return Err(Error::Invalid(e));
    };
    Ok(state
        .store
        .delete_hours(group.body.id, month, activity, &v.who())
        .await?)
}

/// Sets whether the viewer shares their totals with the group's members.
pub async fn share(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    shared: bool,
) -> Result<()> {
    if !rules::may_log(s) {
        return Err(refuse(v));
    }
    state
        .store
        .set_hours_sharing(group.body.id, shared, &v.who())
        .await?;
    Ok(())
}

fn checked(s: &Option<String>) -> bool {
    s.as_deref()
        .is_some_and(|s| !matches!(s.trim(), "" | "false" | "0"))
}

pub async fn log_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<super::pages::PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = HoursInput {
        month: f.month.clone(),
        activity: f.activity.clone(),
        hours: f.hours.clone(),
        note: f.note.clone(),
    };
    let done = log(&state, &v, &group, s, &input).await.map(drop);
    super::pages::after_at(&state, &v, group, s, f, done, "time").await
}

pub async fn delete_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<super::pages::PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let done = delete(&state, &v, &group, s, &f.month, &f.activity).await;
    super::pages::after_at(
        &state,
        &v,
        group,
        s,
        super::pages::PageForm::default(),
        done,
        "time",
    )
    .await
}

pub async fn sharing_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<super::pages::PageForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let done = share(&state, &v, &group, s, checked(&f.shared)).await;
    super::pages::after_at(&state, &v, group, s, f, done, "time").await
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/hours", tag = "groups",
    params(("slug" = String, Path)),
    responses((status = 200, body = GroupHours), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// The group's time commitments as the viewer may see them: a member's own log against the
/// group's expected range and the totals of members who share theirs; facilitators and admins
/// every member's totals of the last six months. Members only (403 for others).
pub async fn get_hours(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<GroupHours>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    group_hours(&state, &v, &group, s)
        .await?
        .map(Json)
        .ok_or_else(|| refuse(&v))
}

const INPUT_ERRORS: &str = "`month` (YYYY-MM, not a month to come: invalid-month, month-in-future), `activity` (meetings, content, events, outreach, video, code or mentoring), `hours` (0 to 744 in steps of 0.25: invalid-hours, hours-step, hours-out-of-range; hours-over-month when the month's total over activities would pass 744) or `note` (500 characters)";

#[utoipa::path(post, path = "/api/v1/groups/{slug}/hours", tag = "groups",
    params(("slug" = String, Path)), request_body = HoursInput,
    responses((status = 201, body = HoursEntry, description = "logged"), (status = 200, body = HoursEntry, description = "an existing entry corrected"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = INPUT_ERRORS)))]
/// Log your hours in the group for a month and activity (members and facilitators). A month has one
/// entry per activity: logging it again corrects it.
pub async fn post_hours(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<HoursInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let (e, new) = log(&state, &v, &group, s, &input).await?;
    let status = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(e)).into_response())
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/hours", tag = "groups",
    params(("slug" = String, Path)), request_body = HoursInput,
    responses((status = 200, body = HoursEntry), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = INPUT_ERRORS)))]
/// Set your hours for a month and activity to this figure, whether or not you logged it before
/// (idempotent).
pub async fn put_hours(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<HoursInput>,
) -> Result<Json<HoursEntry>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(log(&state, &v, &group, s, &input).await?.0))
}

#[utoipa::path(delete, path = "/api/v1/groups/{slug}/hours/{month}/{activity}", tag = "groups",
    params(("slug" = String, Path), ("month" = String, Path, example = "2026-11"), ("activity" = String, Path, example = "content")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "no such group, or no entry of yours for that month and activity"),
              (status = 422, body = ErrorBody, description = "`month` or `activity`")))]
/// Delete your entry for a month and activity.
pub async fn delete_hours(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, month, activity)): Path<(String, String, String)>,
) -> Result<StatusCode> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    delete(&state, &v, &group, s, &month, &activity).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Whether to share your monthly totals with the group's members (not shared when left out).
#[derive(Debug, Default, Clone, Deserialize, Serialize, ToSchema)]
#[serde(default)]
pub struct SharingInput {
    pub shared: bool,
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/hours/sharing", tag = "groups",
    params(("slug" = String, Path)), request_body = SharingInput,
    responses((status = 200, body = SharingInput), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// Share your monthly totals with the group's members, or stop (members and facilitators).
/// Facilitators see every member's totals either way.
pub async fn put_sharing(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<SharingInput>,
) -> Result<Json<SharingInput>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    share(&state, &v, &group, s, input.shared).await?;
    Ok(Json(input))
}
