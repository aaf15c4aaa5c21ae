//! The foundation's page for the program: settings and the panel's groups, cycles, the current
//! cycle's nominations, awards (renew, lapse, emeritus, revoke, suspend) and the issuer's keys.

use super::issuer;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_domain::recognition::award::{
    state_on, transition, AwardEvent, TermRules, TransitionError,
};
use agora_domain::recognition::{CycleInput, ProgramSettingsInput};
use agora_domain::ValidationErrors;
use agora_store::{CredentialKey, RecognitionSettings, StoredAward, StoredCycle, StoredNomination};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;

#[derive(Template)]
#[template(path = "recognition/admin.html")]
struct AdminView {
    ctx: Ctx,
    settings_form: ProgramSettingsInput,
    /// (id, name, on the panel)
    groups: Vec<(i64, String, bool)>,
    cycles: Vec<StoredCycle>,
    /// The cycle form's fields in order: (name, value).
    cycle_fields: Vec<(&'static str, String)>,
    nominations: Vec<StoredNomination>,
    /// The year whose nominations are listed.
    shown_year: Option<i32>,
    awards: Vec<StoredAward>,
    keys: Vec<CredentialKey>,
    did: String,
    errors: FieldErrors,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
    /// The cycle (year) whose nominations are listed; the latest when absent (found by a walk:
    /// appeals of an earlier cycle could not be reached).
    cycle: String,
}

async fn view(
    state: &AppState,
    v: &Viewer,
    settings_form: Option<ProgramSettingsInput>,
    cycle_form: Option<CycleInput>,
    errors: ValidationErrors,
    notice: Option<String>,
    year: Option<i32>,
) -> Result<AdminView> {
    v.require(Permission::ManageRecognition)?;
    let settings = state.store.recognition_settings().await?;
    let cycles = state.store.recognition_cycles().await?;
    let shown = year
        .and_then(|y| cycles.iter().find(|c| c.cycle.year == y))
        .or(cycles.first());
    let shown_year = shown.map(|c| c.cycle.year);
    let nominations = match shown {
        Some(c) => state.store.recognition_nominations(c.id).await?,
        None => vec![],
    };
    let groups = state
        .store
        .groups()
        .await?
        .into_iter()
        .map(|g| {
            (
                g.body.id,
                g.body.name.clone(),
                settings.panel_groups.contains(&g.body.id),
            )
        })
        .collect();
    Ok(AdminView {
        shown_year,
        ctx: Ctx::new(v, "/admin/recognition"),
        settings_form: settings_form.unwrap_or_else(|| ProgramSettingsInput {
            quorum: settings.program.quorum.to_string(),
            grace_days: settings.program.grace_days.to_string(),
        }),
        groups,
        cycle_fields: cycle_fields(cycle_form.unwrap_or_else(|| match cycles.first() {
            Some(c) => CycleInput {
                year: c.cycle.year.to_string(),
                nominations_open: c.cycle.nominations_open.to_string(),
                nominations_close: c.cycle.nominations_close.to_string(),
                review_open: c.cycle.review_open.to_string(),
                review_close: c.cycle.review_close.to_string(),
                announce_on: c.cycle.announce_on.to_string(),
                appeal_days: c.cycle.appeal_days.to_string(),
            },
            None => CycleInput {
                appeal_days: "14".into(),
                ..CycleInput::default()
            },
        })),
        cycles,
        nominations,
        awards: state.store.recognition_awards().await?,
        keys: state.store.credential_keys().await?,
        did: issuer::did(&issuer::Issuer::of(state))?,
        errors: FieldErrors(errors),
        notice,
    })
}

fn cycle_fields(f: CycleInput) -> Vec<(&'static str, String)> {
    vec![
        ("year", f.year),
        ("nominations_open", f.nominations_open),
        ("nominations_close", f.nominations_close),
        ("review_open", f.review_open),
        ("review_close", f.review_close),
        ("announce_on", f.announce_on),
        ("appeal_days", f.appeal_days),
    ]
}

pub async fn page(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<Done>,
) -> Result<Html<String>> {
    let notice = (!q.done.is_empty()).then(|| v.tr.t(&format!("recognition-done-{}", q.done)));
    render(
        &view(
            &state,
            &v,
            None,
            None,
            ValidationErrors::new(),
            notice,
            q.cycle.trim().parse().ok(),
        )
        .await?,
    )
}

fn refused(page: AdminView) -> Result<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

pub async fn settings(
    State(state): State<AppState>,
    v: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    let mut input = ProgramSettingsInput::default();
    let mut groups = vec![];
    let mut errors = ValidationErrors::new();
    for (k, val) in &fields {
        match k.as_str() {
            "quorum" => input.quorum = val.clone(),
            "grace_days" => input.grace_days = val.clone(),
            "panel_groups" => match val.parse::<i64>() {
                Ok(id) => groups.push(id),
                Err(_) => errors.add("panel_groups", "invalid-group"),
            },
            _ => {}
        }
    }
    let parsed = input.parse();
    let result = match (parsed, errors.is_empty()) {
        (Ok(program), true) => state
            .store
            .set_recognition_settings(
                &RecognitionSettings {
                    program,
                    panel_groups: groups,
                },
                &v.who(),
            )
            .await
            .map_err(Error::from),
        (Ok(_), false) => Err(errors.into()),
        (Err(e), _) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/admin/recognition?done=settings").into_response()),
        Err(Error::Invalid(e)) => {
            refused(view(&state, &v, Some(input), None, e, None, None).await?)
        }
        Err(e) => Err(e),
    }
}

pub async fn save_cycle(
    State(state): State<AppState>,
    v: Viewer,
    Form(input): Form<CycleInput>,
) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    let result = match input.parse() {
        Ok(c) => state
            .store
            .save_recognition_cycle(&c, &v.who())
            .await
            .map(|_| ())
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/admin/recognition?done=cycle").into_response()),
        Err(Error::Invalid(e)) => {
            refused(view(&state, &v, None, Some(input), e, None, None).await?)
        }
        Err(e) => Err(e),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AwardForm {
    action: String,
    reason: String,
}

/// Applies an admin action to an award: renew (issues the next term's credential), lapse,
/// emeritus, revoke (reasons required), suspend and lift a suspension.
pub async fn change_award(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<AwardForm>,
) -> Result<Response> {
    let result = super::actions::change_award(&state, &v, id, &f.action, &f.reason).await;
    match result {
        Ok(()) => Ok(Redirect::to("/admin/recognition?done=award").into_response()),
        Err(Error::Invalid(e)) => refused(view(&state, &v, None, None, e, None, None).await?),
        Err(e) => Err(e),
    }
}

pub async fn rotate_key(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    issuer::rotate(&issuer::Issuer::of(&state), &v.who()).await?;
    Ok(Redirect::to("/admin/recognition?done=key").into_response())
}

/// One member in the annual evaluation.
pub struct Evaluation {
    pub award: StoredAward,
    pub check: agora_domain::recognition::RetentionCheck,
    /// When the action the check proposes becomes possible, if not today (found by a walk: the
    /// buttons were offered all year and refused).
    pub opens: Option<chrono::NaiveDate>,
}

#[derive(Template)]
#[template(path = "recognition/renewals.html")]
struct RenewalsView {
    ctx: Ctx,
    rows: Vec<Evaluation>,
}

/// The annual evaluation: every current member with a term, whether the retention rule holds over
/// the term (from the activity ledger, mentorships and attestations) and why not; the panel
/// confirms each renewal or lapse with the award's actions.
pub async fn renewals(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManageRecognition)?;
    let today = state.clock.now().date_naive();
    let rules: TermRules = (&state.store.recognition_settings().await?.program).into();
    let mut rows = vec![];
    for a in state.store.recognition_awards().await? {
        let (Some(person), Some(term)) = (a.person_id, a.award.current_term().copied()) else {
            continue;
        };
        if !matches!(
            a.award.state,
            agora_domain::recognition::AwardState::Active
                | agora_domain::recognition::AwardState::Grace
        ) {
            continue;
        }
        let end = term.end.unwrap_or(today).min(today);
        let summary = state
            .store
            .recognition_summary(person, term.start, end)
            .await?;
        let check = agora_domain::recognition::retention_check(&summary);
        let event = if check.renews {
            AwardEvent::Renewed
        } else {
            AwardEvent::Lapsed { reason: "-".into() }
        };
        let current = state_on(&a.award, today, &rules);
        let opens = match transition(&current, &event, today, &rules) {
            Ok(_) => None,
            Err(TransitionError::TooEarly { allowed_from, .. }) => Some(allowed_from),
            // A lapse comes after the term's end, once the calendar has moved the award to grace:
            // the date the domain allows that step from.
            Err(_) => match transition(&current, &AwardEvent::TermEnded, today, &rules) {
                Err(TransitionError::TooEarly { allowed_from, .. }) => Some(allowed_from),
                _ => None,
            },
        };
        rows.push(Evaluation {
            check,
            award: a,
            opens,
        });
    }
    render(&RenewalsView {
        ctx: Ctx::new(&v, "/admin/recognition"),
        rows,
    })
}

#[derive(Template)]
#[template(path = "recognition/identities.html")]
struct IdentitiesView {
    ctx: Ctx,
    candidates: Vec<agora_store::IdentityCandidate>,
    errors: FieldErrors,
    notice: Option<String>,
}

/// The merge queue of identities found in outside history (git): accept, reject (never proposed
/// again) or undo an accepted merge.
pub async fn identities(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<Done>,
) -> Result<Html<String>> {
    v.require(Permission::ManageRecognition)?;
    let notice = (!q.done.is_empty()).then(|| v.tr.t(&format!("recognition-done-{}", q.done)));
    render(&IdentitiesView {
        ctx: Ctx::new(&v, "/admin/recognition"),
        candidates: state.store.identity_candidates().await?,
        errors: FieldErrors(ValidationErrors::new()),
        notice,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CandidateForm {
    action: String,
}

pub async fn decide_identity(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<CandidateForm>,
) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    match state
        .store
        .decide_identity_candidate(id, &f.action, &v.who())
        .await
    {
        Ok(()) => Ok(Redirect::to("/admin/recognition/identities?done=identity").into_response()),
        Err(agora_store::StoreError::Invalid(e)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&IdentitiesView {
                ctx: Ctx::new(&v, "/admin/recognition"),
                candidates: state.store.identity_candidates().await?,
                errors: FieldErrors(e),
                notice: None,
            })?,
        )
            .into_response()),
        Err(e) => Err(e.into()),
    }
}
