//! Pages of the program: its description and current cycle, the nomination form, a nomination
//! (its parties, the panel's work and the foundation's decision), the panel's queue, evidence pages
//! and the public hall of fame.

use super::actions::{self, current_cycle, partner_ids_of, person_id, visible};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::tasks::{Contribution, Task};
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::permissions::Permission;
use agora_domain::recognition::evidence::evidence_by_criterion;
use agora_domain::recognition::hall_of_fame::HallOfFame;
use agora_domain::recognition::review::{ConflictReason, DecisionInput, ScoreInput};
use agora_domain::recognition::{NominationInput, NomineeResponse, Phase, SubjectKind};
use agora_domain::ValidationErrors;
use agora_store::{
    FameEntry, PanelComment, Recusal, StoredCategory, StoredCycle, StoredNomination, StoredScore,
};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use std::collections::BTreeMap;

#[derive(Template)]
#[template(path = "recognition/program.html")]
struct ProgramView {
    ctx: Ctx,
    categories: Vec<StoredCategory>,
    cycle: Option<StoredCycle>,
    phase: Option<Phase>,
    can_nominate: bool,
    /// (title key, nominations): of the viewer (or their organization), then those they made.
    lists: Vec<(&'static str, Vec<StoredNomination>)>,
    /// The viewer's awards, with their credentials.
    awards: Vec<agora_store::StoredAward>,
    signed_in: bool,
    is_panelist: bool,
    is_admin: bool,
    hall_of_fame: HallOfFame,
    choices: Vec<(&'static str, String)>,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Notice {
    done: String,
}

pub async fn program(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<Notice>,
) -> Result<Html<String>> {
    let cycle = current_cycle(&state).await?;
    let today = state.clock.now().date_naive();
    // The program's description is public (credentials link here); the rest is the viewer's own.
    let me = v.person.as_ref().map(|p| p.id);
    let orgs = match me {
        Some(me) => partner_ids_of(&state, me).await?,
        None => vec![],
    };
    let nominations = match me {
        Some(_) => actions::mine(&state, &v).await?,
        None => vec![],
    };
    let is_panelist = match me {
        Some(me) => state.store.is_panelist(me).await?,
        None => false,
    };
    let admin = v.can(Permission::ManageRecognition);
    let (mut of_me, mut by_me) = (vec![], vec![]);
    for (n, access) in nominations {
        if access.nominee {
            of_me.push(n);
        } else {
            by_me.push(n);
        }
    }
    // An award decided before its cycle's announcement stays unseen until then, here as in the hall
    // of fame (found by a walk: the nominee saw it at once).
    let cycles = state.store.recognition_cycles().await?;
    let announced = |year: i32| {
        cycles
            .iter()
            .find(|c| c.cycle.year == year)
            .is_none_or(|c| c.cycle.announced(today))
    };
    let awards = match me {
        Some(me) => state
            .store
            .recognition_awards()
            .await?
            .into_iter()
            .filter(|a| {
                a.award.awarded_on.is_some()
                    && announced(a.cycle_year)
                    && (a.person_id == Some(me) || a.partner_id.is_some_and(|o| orgs.contains(&o)))
            })
            .collect(),
        None => vec![],
    };
    render(&ProgramView {
        ctx: Ctx::new(&v, "/recognition"),
        categories: state.store.recognition_categories().await?,
        phase: cycle.as_ref().map(|c| c.cycle.phase(today)),
        can_nominate: cycle
            .as_ref()
            .is_some_and(|c| c.cycle.accepts_nominations(today)),
        cycle,
        lists: vec![
            ("recognition-nominations-of-you", of_me),
            ("recognition-nominations-by-you", by_me),
        ],
        awards,
        signed_in: me.is_some(),
        is_panelist,
        is_admin: admin,
        hall_of_fame: match me {
            Some(me) => state.store.hall_of_fame_choice(me).await?,
            None => HallOfFame::default(),
        },
        choices: HallOfFame::ALL
            .iter()
            .map(|c| (c.slug(), v.tr.label("hall-of-fame", c.slug())))
            .collect(),
        notice: (!q.done.is_empty()).then(|| v.tr.t(&format!("recognition-done-{}", q.done))),
    })
}

/// A category's address (a credential's achievement id): its description on the program page.
pub async fn category(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response> {
    let known = state
        .store
        .recognition_categories()
        .await?
        .into_iter()
        .any(|c| c.category.slug == slug);
    if !known {
        return Err(Error::NotFound);
    }
    Ok(Redirect::to(&format!("/recognition#{slug}")).into_response())
}

#[derive(Template)]
#[template(path = "recognition/nominate.html")]
struct NominateView {
    ctx: Ctx,
    cycle: Option<StoredCycle>,
    open: bool,
    categories: Vec<StoredCategory>,
    category: Option<StoredCategory>,
    people: Vec<(i64, String)>,
    organizations: Vec<(i64, String)>,
    form: NominationInput,
    errors: FieldErrors,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CategoryQuery {
    category: String,
}

async fn nominate_view(
    state: &AppState,
    v: &Viewer,
    category: &str,
    form: NominationInput,
    errors: ValidationErrors,
) -> Result<NominateView> {
    person_id(v)?;
    let cycle = current_cycle(state).await?;
    let today = state.clock.now().date_naive();
    let categories = state.store.recognition_categories().await?;
    let chosen = categories
        .iter()
        .find(|c| c.id.to_string() == category.trim())
        .cloned();
    Ok(NominateView {
        ctx: Ctx::new(v, "/recognition/nominate"),
        open: cycle
            .as_ref()
            .is_some_and(|c| c.cycle.accepts_nominations(today)),
        cycle,
        categories,
        category: chosen,
        people: state.store.nominable_people().await?,
        organizations: state
            .store
            .partner_names()
            .await?
            .into_iter()
            .filter(|p| p.status == agora_domain::partner::PartnerStatus::Active)
            .map(|p| (p.id, p.name))
            .collect(),
        form,
        errors: FieldErrors(errors),
    })
}

pub async fn nominate_form(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<CategoryQuery>,
) -> Result<Html<String>> {
    render(
        &nominate_view(
            &state,
            &v,
            &q.category,
            NominationInput::default(),
            ValidationErrors::new(),
        )
        .await?,
    )
}

/// Reads `justification.<key>` fields into the input's map.
fn nomination_input(fields: &[(String, String)]) -> (String, NominationInput) {
    let mut input = NominationInput::default();
    let mut category = String::new();
    for (k, val) in fields {
        match k.as_str() {
            "category" => category = val.clone(),
            "nominee" => input.nominee = val.clone(),
            "self_nomination" => input.self_nomination = !val.is_empty(),
            "links" => input.links = val.clone(),
            _ => {
                if let Some(key) = k.strip_prefix("justification.") {
                    input.justification.insert(key.to_owned(), val.clone());
                }
            }
        }
    }
    (category, input)
}

pub async fn nominate(
    State(state): State<AppState>,
    v: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let (category, input) = nomination_input(&fields);
    match actions::nominate(&state, &v, &category, &input).await {
        Ok((id, _)) => Ok(
            Redirect::to(&format!("/recognition/nominations/{id}?done=nominated")).into_response(),
        ),
        Err(Error::Invalid(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&nominate_view(&state, &v, &category, input, errors).await?)?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "recognition/nomination.html")]
struct NominationView {
    ctx: Ctx,
    n: StoredNomination,
    category: StoredCategory,
    admin: bool,
    panelist: bool,
    recused: Option<ConflictReason>,
    nominee: bool,
    sees_panel: bool,
    /// Criterion key → (label, justifications as (text)).
    justified: Vec<(String, Vec<String>)>,
    scores: Vec<StoredScore>,
    my_scores: BTreeMap<String, String>,
    my_comment: String,
    counted: usize,
    mean: Option<String>,
    /// Criterion key → the panel's mean score.
    per_criterion: BTreeMap<String, String>,
    quorum: u8,
    recusals: Vec<Recusal>,
    comments: Vec<PanelComment>,
    errors: FieldErrors,
    notice: Option<String>,
    may_respond: bool,
    /// Why the viewer may not score now (a validation code), if so.
    score_blocked: Option<&'static str>,
    /// Why the foundation may not decide yet, if so.
    decide_blocked: Option<&'static str>,
    review_open: String,
    review_close: String,
    appeal: Option<agora_store::StoredAppeal>,
    /// The appellant's words: for them, the nominee and the panel.
    appeal_text_shown: bool,
    /// The decision was a decline that an appeal overturned: the decision line keeps the decline
    /// and its rationale (found by a walk: the overturn erased them).
    overturned: bool,
    may_appeal: bool,
}

async fn nomination_view(
    state: &AppState,
    v: &Viewer,
    id: i64,
    errors: ValidationErrors,
    notice: Option<String>,
) -> Result<NominationView> {
    let (n, a) = visible(state, v, id).await?;
    let category = state
        .store
        .recognition_category(n.category_id)
        .await?
        .ok_or(Error::NotFound)?;
    let cycle = state
        .store
        .recognition_cycle(n.cycle_id)
        .await?
        .ok_or(Error::NotFound)?;
    let grouped = n.nomination.by_criterion();
    let justified = category
        .category
        .criteria
        .iter()
        .filter_map(|c| {
            grouped
                .get(c.key.as_str())
                .map(|js| (c.label.clone(), js.iter().map(|j| j.text.clone()).collect()))
        })
        .collect();
    let me = person_id(v)?;
    let today = state.clock.now().date_naive();
    let quorum = state.store.recognition_settings().await?.program.quorum;
    let (scores, agg) = if a.sees_panel() {
        actions::aggregate(state, &n).await?
    } else {
        (vec![], Default::default())
    };
    let mine = scores.iter().find(|s| s.set.panelist == me);
    let appeal = state.store.recognition_appeal(id).await?;
    let may_appeal = match (&appeal, n.outcome, n.decided_at) {
        (None, Some(outcome), Some(decided_at)) if a.nominee || a.nominator => {
            let partners = actions::partner_ids_of(state, me).await?;
            agora_domain::recognition::review::may_appeal(
                &n.nomination,
                &agora_domain::recognition::review::Decision {
                    outcome,
                    rationale: String::new(),
                },
                decided_at.date_naive(),
                &cycle.cycle,
                &agora_domain::recognition::PersonRef {
                    person_id: me,
                    partner_ids: &partners,
                },
                today,
            )
            .is_ok()
        }
        _ => false,
    };
    Ok(NominationView {
        overturned: appeal.as_ref().is_some_and(|x| {
            x.verdict == Some(agora_domain::recognition::review::AppealVerdict::Overturned)
        }),
        appeal_text_shown: a.sees_panel()
            || a.nominee
            || appeal.as_ref().is_some_and(|x| x.person_id == me),
        appeal,
        may_appeal,
        ctx: Ctx::new(v, "/recognition"),
        my_scores: mine
            .map(|s| {
                s.set
                    .scores
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_string()))
                    .collect()
            })
            .unwrap_or_default(),
        my_comment: mine.map(|s| s.set.comment.clone()).unwrap_or_default(),
        counted: agg.counted,
        mean: agg.mean.map(|m| v.tr.number((m * 10.0).round() / 10.0)),
        per_criterion: agg
            .per_criterion
            .iter()
            .map(|(k, m)| (k.clone(), v.tr.number((m * 10.0).round() / 10.0)))
            .collect(),
        quorum,
        score_blocked: agora_domain::recognition::review::may_score(
            &cycle.cycle,
            today,
            n.nomination.response,
            a.recused,
        )
        .err(),
        decide_blocked: agora_domain::recognition::review::may_decide(
            &cycle.cycle,
            today,
            &agg,
            quorum,
        )
        .err(),
        review_open: cycle.cycle.review_open.to_string(),
        review_close: cycle.cycle.review_close.to_string(),
        recusals: if a.sees_panel() {
            state.store.recognition_recusals(id).await?
        } else {
            vec![]
        },
        comments: if a.sees_panel() {
            state.store.recognition_comments(id).await?
        } else {
            vec![]
        },
        scores: if a.sees_panel() { scores } else { vec![] },
        may_respond: a.nominee
            && agora_domain::recognition::nomination::may_respond(
                &cycle.cycle,
                state.clock.now().date_naive(),
            )
            .is_ok(),
        admin: a.admin,
        panelist: a.panelist,
        recused: a.recused,
        nominee: a.nominee,
        sees_panel: a.sees_panel(),
        justified,
        n,
        category,
        errors: FieldErrors(errors),
        notice,
    })
}

pub async fn nomination(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<Notice>,
) -> Result<Html<String>> {
    let notice = (!q.done.is_empty()).then(|| v.tr.t(&format!("recognition-done-{}", q.done)));
    render(&nomination_view(&state, &v, id, ValidationErrors::new(), notice).await?)
}

/// After a form on the nomination page: back to it with a notice, or the page with the errors.
async fn after(
    state: &AppState,
    v: &Viewer,
    id: i64,
    result: Result<()>,
    done: &str,
) -> Result<Response> {
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/recognition/nominations/{id}?done={done}")).into_response())
        }
        Err(Error::Invalid(errors)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&nomination_view(state, v, id, errors, None).await?)?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct RespondForm {
    response: String,
}

pub async fn respond(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<RespondForm>,
) -> Result<Response> {
    let r = actions::respond(&state, &v, id, &f.response).await;
    after(&state, &v, id, r, "responded").await
}

pub async fn score(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response> {
    let mut input = ScoreInput::default();
    for (k, val) in fields {
        if k == "comment" {
            input.comment = val;
        } else if let Some(key) = k.strip_prefix("scores.") {
            input.scores.insert(key.to_owned(), val);
        }
    }
    let r = actions::score(&state, &v, id, &input).await;
    after(&state, &v, id, r, "scored").await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct RecuseForm {
    note: String,
}

pub async fn recuse(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<RecuseForm>,
) -> Result<Response> {
    let (_, a) = visible(&state, &v, id).await?;
    if !a.panelist {
        return Err(Error::Forbidden);
    }
    let note = f.note.trim();
    let r = if note.chars().count() > 2000 {
        Err(ValidationErrors::single("note", "too-long").into())
    } else {
        let reason = a.recused.unwrap_or(ConflictReason::Declared);
        state
            .store
            .recuse(id, person_id(&v)?, reason, note, &v.who())
            .await
            .map_err(Error::from)
    };
    after(&state, &v, id, r, "recused").await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CommentForm {
    body: String,
}

pub async fn comment(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<CommentForm>,
) -> Result<Response> {
    let (_, a) = visible(&state, &v, id).await?;
    if !a.sees_panel() {
        return Err(Error::Forbidden);
    }
    let body = f.body.trim();
    let r = if body.is_empty() {
        Err(ValidationErrors::single("body", "required").into())
    } else if body.chars().count() > 4000 {
        Err(ValidationErrors::single("body", "too-long").into())
    } else {
        state
            .store
            .comment_nomination(id, person_id(&v)?, body, &v.who())
            .await
            .map_err(Error::from)
    };
    after(&state, &v, id, r, "commented").await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct AppealForm {
    text: String,
}

pub async fn appeal(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<AppealForm>,
) -> Result<Response> {
    let input = agora_domain::recognition::review::AppealInput { text: f.text };
    let r = actions::appeal(&state, &v, id, &input).await;
    after(&state, &v, id, r, "appealed").await
}

pub async fn answer_appeal(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<agora_domain::recognition::review::AppealAnswerInput>,
) -> Result<Response> {
    let r = actions::answer_appeal(&state, &v, id, &f).await;
    after(&state, &v, id, r, "answered").await
}

pub async fn decide(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<DecisionInput>,
) -> Result<Response> {
    let r = actions::decide(&state, &v, id, &f).await;
    after(&state, &v, id, r, "decided").await
}

#[derive(Template)]
#[template(path = "recognition/review.html")]
struct ReviewView {
    ctx: Ctx,
    cycle: Option<StoredCycle>,
    /// (nomination, my status: scored / recused / to do)
    rows: Vec<(StoredNomination, &'static str)>,
}

pub async fn review_queue(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let me = person_id(&v)?;
    if !state.store.is_panelist(me).await? && !v.can(Permission::ManageRecognition) {
        return Err(Error::Forbidden);
    }
    let cycle = current_cycle(&state).await?;
    let mut rows = vec![];
    if let Some(c) = &cycle {
        for n in state.store.recognition_nominations(c.id).await? {
            let a = actions::access(&state, &v, &n).await?;
            let status = if a.recused.is_some() {
                "recused"
            } else if n.outcome.is_some() {
                "decided"
            } else if state
                .store
                .recognition_scores(n.id)
                .await?
                .iter()
                .any(|s| s.set.panelist == me)
            {
                "scored"
            } else if n.nomination.response == NomineeResponse::Declined {
                "declined"
            } else {
                "to-score"
            };
            rows.push((n, status));
        }
    }
    render(&ReviewView {
        ctx: Ctx::new(&v, "/recognition/review"),
        cycle,
        rows,
    })
}

/// A year and its count per criterion (label, count).
type YearCells = (i32, Vec<(String, u64)>);

#[derive(Template)]
#[template(path = "recognition/evidence.html")]
struct EvidenceView {
    ctx: Ctx,
    name: String,
    /// (category name, its years)
    categories: Vec<(String, Vec<YearCells>)>,
    /// (year, kind label, count)
    totals: Vec<(i32, String, u64)>,
}

async fn evidence_page(state: &AppState, v: &Viewer, person: i64) -> Result<Html<String>> {
    let p = state.store.person(person).await?.ok_or(Error::NotFound)?;
    let rows = state.store.recognition_evidence(person).await?;
    let mut categories = vec![];
    for c in state.store.recognition_categories().await? {
        if c.category.subject != SubjectKind::Person {
            continue;
        }
        let by = evidence_by_criterion(&c.category, &rows);
        let years = by
            .into_iter()
            .rev()
            .map(|(y, m)| {
                let cells = c
                    .category
                    .criteria
                    .iter()
                    .map(|cr| (cr.label.clone(), m.get(&cr.key).copied().unwrap_or(0)))
                    .collect();
                (y, cells)
            })
            .collect();
        categories.push((c.category.name.clone(), years));
    }
    let totals = rows
        .iter()
        .rev()
        .map(|(y, k, n)| {
            let label = match k {
                agora_domain::recognition::retention::EvidenceKind::Activity(a) => {
                    v.tr.label("activity-kind", a.slug())
                }
                other => v.tr.t(&format!("recognition-evidence-{}", other.slug())),
            };
            (*y, label, *n)
        })
        .collect();
    render(&EvidenceView {
        ctx: Ctx::new(v, "/recognition/evidence"),
        name: p.display_name,
        categories,
        totals,
    })
}

pub async fn my_evidence(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let me = person_id(&v)?;
    evidence_page(&state, &v, me).await
}

/// A person's evidence: theirs, or anyone's for the foundation and the panel.
pub async fn evidence(
    State(state): State<AppState>,
    v: Viewer,
    Path(person): Path<i64>,
) -> Result<Html<String>> {
    let me = person_id(&v)?;
    if me != person && !v.can(Permission::ManageRecognition) && !state.store.is_panelist(me).await?
    {
        return Err(Error::NotFound);
    }
    evidence_page(&state, &v, person).await
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct FameForm {
    hall_of_fame: String,
}

pub async fn hall_of_fame_choice(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<FameForm>,
) -> Result<Response> {
    let me = person_id(&v)?;
    let choice = HallOfFame::parse(&f.hall_of_fame)
        .map_err(|c| ValidationErrors::single("hall_of_fame", c))?;
    state.store.set_hall_of_fame(me, choice, &v.who()).await?;
    state.cache.invalidate();
    Ok(Redirect::to("/recognition?done=hall-of-fame").into_response())
}

#[derive(Template)]
#[template(path = "recognition/hall_of_fame.html")]
struct FameView {
    ctx: Ctx,
    /// (category name, entries)
    sections: Vec<(String, Vec<FameEntry>)>,
    lifetime: Vec<FameEntry>,
}

pub async fn hall_of_fame(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let entries = state.store.hall_of_fame().await?;
    let (lifetime, yearly): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .partition(|e| e.kind == agora_domain::recognition::AwardKind::Lifetime);
    let mut sections: Vec<(String, Vec<FameEntry>)> = vec![];
    for c in state.store.recognition_categories().await? {
        let list: Vec<FameEntry> = yearly
            .iter()
            .filter(|e| e.category_slug == c.category.slug)
            .cloned()
            .collect();
        if !list.is_empty() {
            sections.push((c.category.name.clone(), list));
        }
    }
    render(&FameView {
        ctx: Ctx::new(&v, "/hall-of-fame"),
        sections,
        lifetime,
    })
}

/// What needs the viewer: nominations to answer; for panelists, nominations to score while the
/// review is open.
pub fn tasks<'a>(state: &'a AppState, v: &'a Viewer) -> Contribution<'a> {
    Box::pin(items(state, v))
}

async fn items(state: &AppState, v: &Viewer) -> Result<Vec<Task>> {
    let Some(me) = v.person.as_ref().map(|p| p.id) else {
        return Ok(vec![]);
    };
    let mut out = vec![];
    if v.can(agora_domain::permissions::Permission::ManageRecognition) {
        for a in state.store.open_appeals().await? {
            out.push(Task::new(
                "recognition",
                "appeal-answer",
                v.tr.t2(
                    "recognition-task-appeal",
                    ("name", a.nominee_name.clone()),
                    ("category", a.category_name.clone()),
                ),
                format!("/recognition/nominations/{}", a.nomination_id),
                None,
            ));
        }
    }
    let Some(cycle) = current_cycle(state).await? else {
        return Ok(out);
    };
    let today = state.clock.now().date_naive();
    let mine = partner_ids_of(state, me).await?;
    for n in state.store.recognition_nominations_of(me, &mine).await? {
        if n.nomination.nominee.is_of(me, &mine)
            && n.cycle_id == cycle.id
            && n.nomination.response == NomineeResponse::Pending
            && agora_domain::recognition::nomination::may_respond(&cycle.cycle, today).is_ok()
        {
            out.push(Task::new(
                "recognition",
                "nomination-answer",
                v.tr.t1("recognition-task-answer", "category", &n.category_name),
                format!("/recognition/nominations/{}", n.id),
                None,
            ));
        }
    }
    if cycle.cycle.accepts_scores(today) && state.store.is_panelist(me).await? {
        for n in state.store.recognition_nominations(cycle.id).await? {
            if n.outcome.is_some() || n.nomination.response == NomineeResponse::Declined {
                continue;
            }
            let a = actions::access(state, v, &n).await?;
            let scored = state
                .store
                .recognition_scores(n.id)
                .await?
                .iter()
                .any(|s| s.set.panelist == me);
            if a.recused.is_none() && !scored {
                out.push(Task::new(
                    "recognition",
                    "nomination-score",
                    v.tr.t1("recognition-task-score", "name", &n.nominee_name),
                    format!("/recognition/nominations/{}", n.id),
                    None,
                ));
            }
        }
    }
    Ok(out)
}
