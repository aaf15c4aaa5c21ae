//! A group's meetings on the web (issue 10): the "Meetings" section of the group's page (next
//! occurrences in the series' zone, named), the facilitators' forms for a series, an occurrence's page
//! (cancel or move it, its agenda and notes, attendance). Pages and the API call the same functions
//! here; the rules are `agora_domain::groups::meetings`.

use super::actions::{self, require_facilitator};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::governance::{Standing, Visibility};
use agora_domain::groups::meetings::{
    self as m, Exception, ExceptionInput, Occurrence, Series, SeriesInput,
};
use agora_domain::ValidationErrors;
use agora_store::{Attendee, Group, MeetingSeries, OccurrenceNotes};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// How many next occurrences the group's page and the API list per series.
pub const NEXT: usize = 5;

/// A series with its next occurrences, as the group's page and `GET …/meetings` show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingView {
    pub id: i64,
    pub series: Series,
    pub exceptions: Vec<Exception>,
    /// The next occurrences (exceptions applied), times in UTC and in the series' zone.
    pub next: Vec<Occurrence>,
    /// The occurrences cancelled among (or up to the last of) the next ones.
    pub cancelled: Vec<Occurrence>,
}

impl MeetingView {
    pub fn of(s: MeetingSeries, now: chrono::DateTime<chrono::Utc>) -> Self {
        let next = s.series.next(&s.exceptions, now, NEXT);
        let until = match next.last() {
            Some(last) if next.len() == NEXT => last.start,
            _ => now + chrono::Duration::days(366),
        };
        MeetingView {
            cancelled: s.series.cancelled_between(&s.exceptions, now, until),
            next,
            id: s.id,
            series: s.series,
            exceptions: s.exceptions,
        }
    }

    /// The next occurrences and the cancelled ones among them, in order; `true` marks a cancelled one.
    pub fn listed(&self) -> Vec<(&Occurrence, bool)> {
        let mut all: Vec<(&Occurrence, bool)> = self
            .next
            .iter()
            .map(|o| (o, false))
            .chain(self.cancelled.iter().map(|o| (o, true)))
            .collect();
        all.sort_by_key(|(o, _)| o.start);
        all
    }
}

/// A group's meeting series with their next occurrences.
pub async fn group_meetings(
    state: &AppState,
    v: &Viewer,
    group: &Group,
) -> Result<Vec<MeetingView>> {
    let now = state.clock.now();
    Ok(super::reads::meetings(state, v, group.body.id)
        .await?
        .into_iter()
        .map(|s| MeetingView::of(s, now))
        .collect())
}

/// The series `id` of this group.
pub async fn series(state: &AppState, group: &Group, id: i64) -> Result<MeetingSeries> {
    state
        .store
        .meeting_series(id)
        .await?
        .filter(|s| s.group.id == group.body.id)
        .ok_or(Error::NotFound)
}

pub async fn create(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &SeriesInput,
) -> Result<MeetingView> {
    require_facilitator(v, s)?;
    let series_in = input.parse()?;
    let id = state
        .store
        .create_meeting_series(group.body.id, &series_in, &v.who())
        .await?;
    Ok(MeetingView::of(
        series(state, group, id).await?,
        state.clock.now(),
    ))
}

pub async fn update(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &SeriesInput,
) -> Result<MeetingView> {
    require_facilitator(v, s)?;
    series(state, group, id).await?;
    let series_in = input.parse()?;
    state
        .store
        .update_meeting_series(group.body.id, id, &series_in, &v.who())
        .await?;
    Ok(MeetingView::of(
        series(state, group, id).await?,
        state.clock.now(),
    ))
}

/// Cancels or moves an occurrence (`action` `cancel` or `move`), or restores it (`restore`).
pub async fn change_occurrence(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &ExceptionInput,
) -> Result<MeetingView> {
    require_facilitator(v, s)?;
    let stored = series(state, group, id).await?;
    if input.action.trim() == "restore" {
        let o = m::parse_local(&input.occurrence)
            .map_err(|c| Error::Invalid(ValidationErrors::single("occurrence", c)))?;
        state
            .store
            .remove_meeting_exception(group.body.id, id, o, &v.who())
            .await
            .map_err(|e| match e {
                agora_store::StoreError::NotFound => {
                    Error::Invalid(ValidationErrors::single("occurrence", "not-changed"))
                }
                e => e.into(),
            })?;
    } else {
        let x = input.parse(&stored.series)?;
        x.check_timing(&stored.series, state.clock.now())?;
        state
            .store
            .set_meeting_exception(group.body.id, id, &x, &v.who())
            .await?;
    }
    Ok(MeetingView::of(
        series(state, group, id).await?,
        state.clock.now(),
    ))
}

/// One occurrence: when it is (or that it is cancelled), its agenda and notes, who attends.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OccurrenceDetail {
    pub series_id: i64,
    pub title: String,
    #[schema(value_type = String)]
    #[serde(serialize_with = "local_text")]
    pub original: NaiveDateTime,
    /// None when cancelled.
    pub occurrence: Option<Occurrence>,
    #[schema(value_type = String, example = "America/New_York")]
    pub zone: String,
    pub place: String,
    /// The occurrence's own agenda, or the series' template until one is written.
    pub agenda: String,
    pub notes: String,
    pub attendance: Vec<Attendee>,
    /// Whether the viewer marked themselves present.
    pub attending: bool,
}

fn local_text<S: serde::Serializer>(
    t: &NaiveDateTime,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&m::format_local(*t))
}

/// The occurrence named by `original` (its original local start); 404 unless the rule gives it.
pub fn parse_occurrence(series: &MeetingSeries, original: &str) -> Result<NaiveDateTime> {
    let o = m::parse_local(original).map_err(|_| Error::NotFound)?;
    if series.series.is_occurrence(o) {
        Ok(o)
    } else {
        Err(Error::NotFound)
    }
}

pub async fn occurrence_detail(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    id: i64,
    original: &str,
) -> Result<OccurrenceDetail> {
    let stored = series(state, group, id).await?;
    let o = parse_occurrence(&stored, original)?;
    let x = stored.exceptions.iter().find(|x| x.occurrence == o);
    let occurrence = match x {
        Some(Exception { moved_to: None, .. }) => None,
        _ => {
            let start = m::to_utc(stored.series.zone, x.and_then(|x| x.moved_to).unwrap_or(o))
                .map_err(|_| Error::NotFound)?;
            Some(Occurrence {
                original: o,
                local_start: x.and_then(|x| x.moved_to).unwrap_or(o),
                start,
                end: start + stored.series.duration(),
                moved: x.is_some(),
            })
        }
    };
    let notes = state.store.occurrence_notes(id, o).await?;
    let attendance = state.store.attendance(id, o).await?;
    let me = v.actor.person_id();
    Ok(OccurrenceDetail {
        series_id: id,
        attending: attendance.iter().any(|a| Some(a.person_id) == me),
        title: stored.series.title.clone(),
        original: o,
        occurrence,
        zone: stored.series.zone.name().to_string(),
        place: stored.series.place.clone(),
        agenda: notes.as_ref().map_or_else(
            || stored.series.agenda_template.clone(),
            |n| n.agenda.clone(),
        ),
        notes: notes.map(|n| n.notes).unwrap_or_default(),
        attendance,
    })
}

pub async fn set_notes(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    original: &str,
    notes: &OccurrenceNotes,
) -> Result<()> {
    require_facilitator(v, s)?;
    let stored = series(state, group, id).await?;
    let o = parse_occurrence(&stored, original)?;
    let notes = OccurrenceNotes {
        agenda: notes.agenda.trim().to_string(),
        notes: notes.notes.trim().to_string(),
    };
    state
        .store
        .set_occurrence_notes(group.body.id, id, o, &notes, &v.who())
        .await?;
    Ok(())
}

/// A member marks their own attendance (`present`, required); nobody marks another's.
pub async fn set_attendance(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    original: &str,
    present: Option<bool>,
) -> Result<()> {
    let person = v.actor.person_id().ok_or(Error::Unauthorized)?;
    if !(s.member || s.facilitator) {
        return Err(Error::Forbidden);
    }
    let stored = series(state, group, id).await?;
    let o = parse_occurrence(&stored, original)?;
    let present =
        present.ok_or_else(|| Error::Invalid(ValidationErrors::single("present", "required")))?;
    state
        .store
        .set_attendance(group.body.id, id, o, person, present, &v.who())
        .await?;
    Ok(())
}

/// Whether the group's feed is served at `/groups/{slug}/calendar.ics` (public groups only: a
/// calendar client cannot sign in).
pub fn has_public_feed(group: &Group) -> bool {
    group.body.visibility == Visibility::Public
}

// ---- Pages

#[derive(Template)]
#[template(path = "groups/meeting_form.html")]
struct SeriesFormView {
    ctx: Ctx,
    group: Group,
    id: Option<i64>,
    input: SeriesInput,
    errors: FieldErrors,
}

fn form_view(
    v: &Viewer,
    group: Group,
    id: Option<i64>,
    input: SeriesInput,
    errors: FieldErrors,
) -> SeriesFormView {
    SeriesFormView {
        ctx: Ctx::new(v, &format!("/groups/{}", group.body.slug)),
        group,
        id,
        input,
        errors,
    }
}

fn meetings_anchor(group: &Group) -> String {
    format!("/groups/{}#meetings", group.body.slug)
}

pub async fn new_series(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    require_facilitator(&v, s)?;
    let input = SeriesInput {
        zone: "UTC".into(),
        duration_minutes: "60".into(),
        rule: "FREQ=WEEKLY".into(),
        ..Default::default()
    };
    render(&form_view(&v, group, None, input, FieldErrors::default()))
}

pub async fn create_series_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<SeriesInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match create(&state, &v, &group, s, &input).await {
        Ok(_) => Ok(Redirect::to(&meetings_anchor(&group)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&v, group, None, input, FieldErrors(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_series(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    require_facilitator(&v, s)?;
    let st = series(&state, &group, id).await?;
    let input = SeriesInput {
        title: st.series.title,
        rule: st.series.rule.as_str().to_string(),
        start: st.series.start.format("%Y-%m-%dT%H:%M").to_string(),
        zone: st.series.zone.name().to_string(),
        duration_minutes: st.series.duration_minutes.to_string(),
        place: st.series.place,
        agenda_template: st.series.agenda_template,
    };
    render(&form_view(
        &v,
        group,
        Some(id),
        input,
        FieldErrors::default(),
    ))
}

pub async fn update_series_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<SeriesInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match update(&state, &v, &group, s, id, &input).await {
        Ok(_) => Ok(Redirect::to(&meetings_anchor(&group)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&v, group, Some(id), input, FieldErrors(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "groups/occurrence.html")]
struct OccurrenceView {
    ctx: Ctx,
    group: Group,
    d: OccurrenceDetail,
    may_facilitate: bool,
    is_member: bool,
    errors: FieldErrors,
    form: OccurrenceForm,
}

impl OccurrenceView {
    fn path(&self) -> String {
        format!(
            "/groups/{}/meetings/{}/{}",
            self.group.body.slug,
            self.d.series_id,
            m::format_local(self.d.original)
        )
    }
}

/// Whatever the occurrence page's forms send; each form uses its own fields.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct OccurrenceForm {
    pub action: String,
    pub moved_to: String,
    pub agenda: String,
    pub notes: String,
    /// `yes` or `no`.
    pub present: String,
}

/// The occurrence a page is about: its group, the viewer's standing there, its series and name.
struct At {
    group: Group,
    s: Standing,
    id: i64,
    original: String,
}

impl At {
    async fn find(
        state: &AppState,
        v: &Viewer,
        (slug, id, original): (String, i64, String),
    ) -> Result<At> {
        let (group, s) = actions::group_by_slug(state, v, &slug).await?;
        Ok(At {
            group,
            s,
            id,
            original,
        })
    }
}

async fn occurrence_view(
    state: &AppState,
    v: &Viewer,
    at: At,
    errors: FieldErrors,
    form: OccurrenceForm,
) -> Result<OccurrenceView> {
    let d = occurrence_detail(state, v, &at.group, at.id, &at.original).await?;
    Ok(OccurrenceView {
        ctx: Ctx::new(v, &format!("/groups/{}", at.group.body.slug)),
        may_facilitate: agora_domain::groups::may_facilitate(at.s),
        is_member: at.s.member || at.s.facilitator,
        group: at.group,
        d,
        errors,
        form,
    })
}

pub async fn occurrence_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(path): Path<(String, i64, String)>,
) -> Result<Html<String>> {
    let at = At::find(&state, &v, path).await?;
    render(
        &occurrence_view(
            &state,
            &v,
            at,
            FieldErrors::default(),
            OccurrenceForm::default(),
        )
        .await?,
    )
}

/// After an occurrence form: back to its page, or the page again with the refusal (422).
async fn after(
    state: &AppState,
    v: &Viewer,
    at: At,
    form: OccurrenceForm,
    done: Result<()>,
) -> Result<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!(
            "/groups/{}/meetings/{}/{}",
            at.group.body.slug, at.id, at.original
        ))
        .into_response()),
        Err(Error::Invalid(e)) => {
            let view = occurrence_view(state, v, at, FieldErrors(e), form).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn change_occurrence_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(path): Path<(String, i64, String)>,
    Form(f): Form<OccurrenceForm>,
) -> Result<Response> {
    let at = At::find(&state, &v, path).await?;
    let input = ExceptionInput {
        occurrence: at.original.clone(),
        action: f.action.clone(),
        moved_to: f.moved_to.clone(),
    };
    let done = change_occurrence(&state, &v, &at.group, at.s, at.id, &input)
        .await
        .map(drop);
    after(&state, &v, at, f, done).await
}

pub async fn notes_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(path): Path<(String, i64, String)>,
    Form(f): Form<OccurrenceForm>,
) -> Result<Response> {
    let at = At::find(&state, &v, path).await?;
    let notes = OccurrenceNotes {
        agenda: f.agenda.clone(),
        notes: f.notes.clone(),
    };
    let done = set_notes(&state, &v, &at.group, at.s, at.id, &at.original, &notes).await;
    after(&state, &v, at, f, done).await
}

pub async fn attendance_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(path): Path<(String, i64, String)>,
    Form(f): Form<OccurrenceForm>,
) -> Result<Response> {
    let at = At::find(&state, &v, path).await?;
    let present = match f.present.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let done = set_attendance(&state, &v, &at.group, at.s, at.id, &at.original, present).await;
    after(&state, &v, at, f, done).await
}
