//! Governance pages: bodies, proposals and votes, the decision page where members take part, the
//! register and its Atom feeds.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::governance::access::body_by_slug;
use crate::governance::access::decision_access;
use crate::governance::access::invalid;
use crate::governance::access::open;
use crate::governance::access::perform;
use crate::governance::access::require;
use crate::governance::access::ActionInput;
use crate::governance::access::DecisionAccess;
use crate::governance::access::Done;
use crate::i18n::Tr;
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::governance::{
    self as gov, BodyKind, BodyRight, DecisionInput, DecisionKind, DecisionStatus, Standing,
    VoteRules,
};
use agora_domain::pagination::PageRequest;
use agora_domain::permissions::Role;
use agora_domain::ValidationErrors;
use agora_store::{
    Body, Comment, Decision, DecisionSummary, Elector, StanceRow, StoredBallot, Version,
};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

// ---- Pages -----------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "governance/index.html")]
struct IndexView {
    ctx: Ctx,
    bodies: Vec<Body>,
    decisions: Vec<DecisionSummary>,
}

/// Bodies the viewer may see, and the latest decisions among them.
pub async fn visible_bodies(state: &AppState, v: &Viewer) -> Result<Vec<Body>> {
    let mut out = vec![];
    for b in state.store.bodies().await? {
        let s = state.store.standing(&v.actor, &b).await?;
        if gov::body_allows(b.kind, b.visibility, s, BodyRight::View) {
            out.push(b);
        }
    }
    Ok(out)
}

async fn visible_decisions(
    state: &AppState,
    bodies: &[Body],
    register: bool,
    page: PageRequest,
) -> Result<agora_domain::pagination::Page<DecisionSummary>> {
    let ids: Vec<i64> = bodies.iter().map(|b| b.id).collect();
    Ok(state.store.decisions(&ids, register, page).await?)
}

pub async fn index(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let bodies = visible_bodies(&state, &v).await?;
    let decisions = visible_decisions(&state, &bodies, false, PageRequest::new(1, 20))
        .await?
        .items;
    render(&IndexView {
        ctx: Ctx::new(&v, "/governance"),
        bodies,
        decisions,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    page: Option<u32>,
}

#[derive(Template)]
#[template(path = "governance/register.html")]
struct RegisterView {
    ctx: Ctx,
    decisions: Vec<DecisionSummary>,
    pager: Pager,
}

pub async fn register(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<PageQuery>,
) -> Result<Html<String>> {
    let bodies = visible_bodies(&state, &v).await?;
    let page = visible_decisions(
        &state,
        &bodies,
        true,
        PageRequest::new(q.page.unwrap_or(1), 25),
    )
    .await?;
    render(&RegisterView {
        ctx: Ctx::new(&v, "/governance"),
        pager: Pager::new(&page, "/governance/register", &[]),
        decisions: page.items,
    })
}

#[derive(Template)]
#[template(path = "governance/body.html")]
struct BodyView {
    ctx: Ctx,
    body: Body,
    members: Vec<(i64, String, String, Role)>,
    open: Vec<DecisionSummary>,
    decided: Vec<DecisionSummary>,
    pager: Pager,
    may_propose: bool,
    may_open_vote: bool,
}

pub async fn body_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Html<String>> {
    let (body, s) = body_by_slug(&state, &v, &slug).await?;
    let page = state
        .store
        .decisions(&[body.id], false, PageRequest::new(q.page.unwrap_or(1), 25))
        .await?;
    let pager = Pager::new(&page, &format!("/bodies/{}", body.slug), &[]);
    let (decided, open): (Vec<_>, Vec<_>) =
        page.items.into_iter().partition(|d| d.status.is_final());
    let members = if body.kind == BodyKind::Group {
        state.store.body_members(body.id).await?
    } else {
        vec![]
    };
    render(&BodyView {
        ctx: Ctx::new(&v, "/governance"),
        may_propose: gov::body_allows(body.kind, body.visibility, s, BodyRight::Propose),
        may_open_vote: gov::body_allows(body.kind, body.visibility, s, BodyRight::OpenVote),
        members,
        open,
        decided,
        pager,
        body,
    })
}

/// The body's register as an Atom feed, for feed readers and chat integrations.
pub async fn feed(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let (body, _) = body_by_slug(&state, &v, &slug).await?;
    let page = state
        .store
        .decisions(&[body.id], true, PageRequest::new(1, 50))
        .await?;
    let xml = atom_feed(&v.tr, &state.config.url(""), &body, &page.items);
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

/// The body's decided decisions as an Atom feed (`crate::atom`); the title is in the reader's
/// language, and every decision is written as by the body.
pub fn atom_feed(tr: &Tr, base: &str, body: &Body, items: &[DecisionSummary]) -> String {
    let epoch = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    let newest = items
        .iter()
        .filter_map(|d| d.decided_at)
        .max()
        .unwrap_or(epoch);
    crate::atom::write(
        crate::atom::Head {
            title: tr.t1("gov-feed-title", "name", &body.name),
            page: format!("{base}/bodies/{}", body.slug),
            feed: format!("{base}/bodies/{}/feed.atom", body.slug),
            lang: tr.code(),
        },
        items
            .iter()
            .map(|d| crate::atom::Item {
                title: d.title.clone(),
                id: format!("{base}/decisions/{}", d.id),
                updated: d.decided_at.unwrap_or(newest),
                author: body.name.clone(),
                summary: d.outcome.clone(),
                content: None,
            })
            .collect(),
    )
}

#[derive(Template)]
#[template(path = "governance/propose.html")]
struct ProposeView {
    ctx: Ctx,
    body: Body,
    kinds: Vec<(String, String)>,
    input: DecisionInputView,
    errors: FieldErrors,
    consultations: Vec<DecisionSummary>,
}

/// Form values for re-display.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DecisionInputView {
    pub title: String,
    pub text: String,
    pub kind: String,
    pub close_hours: String,
    pub affects_partners: Option<String>,
    pub consultation_id: String,
    pub secret: Option<String>,
    pub show_results_early: Option<String>,
    pub quorum_percent: String,
    pub threshold: String,
    pub base: String,
    pub abstentions_count: Option<String>,
    pub method: String,
    pub options: String,
}

impl DecisionInputView {
    fn to_input(&self) -> DecisionInput {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
        DecisionInput {
            title: self.title.clone(),
            text: self.text.clone(),
            kind: self.kind.clone(),
            close_hours: opt(&self.close_hours),
            affects_partners: self.affects_partners.is_some(),
            consultation_id: opt(&self.consultation_id),
            secret: self.secret.is_some(),
            show_results_early: self.show_results_early.is_some(),
            quorum_percent: opt(&self.quorum_percent),
            threshold: opt(&self.threshold),
            base: opt(&self.base),
            abstentions_count: self.abstentions_count.is_some(),
            method: opt(&self.method),
            options: opt(&self.options),
        }
    }
}

async fn propose_view(
    state: &AppState,
    v: &Viewer,
    body: Body,
    s: Standing,
    input: DecisionInputView,
    errors: FieldErrors,
) -> Result<ProposeView> {
    let kinds = DecisionKind::ALL
        .iter()
        .filter(|k| gov::kind_allowed(body.kind, **k))
        .filter(|k| {
            let right = if **k == DecisionKind::LazyConsensus {
                BodyRight::Propose
            } else {
                BodyRight::OpenVote
            };
            gov::body_allows(body.kind, body.visibility, s, right)
        })
        .map(|k| {
            (
                k.slug().to_string(),
                v.tr.label(DecisionKind::LABEL_PREFIX, k.slug()),
            )
        })
        .collect();
    let consultations = match state.store.body("partner-assembly").await? {
        Some(pa) => state
            .store
            .decisions(&[pa.id], false, PageRequest::new(1, 100))
            .await?
            .items
            .into_iter()
            .filter(|d| {
                d.kind == DecisionKind::Consultation && d.status != DecisionStatus::Withdrawn
            })
            .collect(),
        None => vec![],
    };
    Ok(ProposeView {
        ctx: Ctx::new(v, "/governance"),
        body,
        kinds,
        input,
        errors,
        consultations,
    })
}

pub async fn propose_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let (body, s) = body_by_slug(&state, &v, &slug).await?;
    require(&body, s, BodyRight::Propose, &v)
        .or_else(|_| require(&body, s, BodyRight::OpenVote, &v))?;
    let input = DecisionInputView {
        kind: if body.kind == BodyKind::PartnerAssembly {
            "consultation".into()
        } else {
            "lazy-consensus".into()
        },
        ..DecisionInputView::default()
    };
    render(&propose_view(&state, &v, body, s, input, FieldErrors::default()).await?)
}

pub async fn propose(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<DecisionInputView>,
) -> Result<Response> {
    let (body, s) = body_by_slug(&state, &v, &slug).await?;
    match open(&state, &v, &body, s, &f.to_input()).await {
        Ok(id) => Ok(Redirect::to(&format!("/decisions/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = propose_view(&state, &v, body, s, f, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(Error::TooManyRequests { .. }) => {
            let e = ValidationErrors::single("title", "too-many-proposals");
            let view = propose_view(&state, &v, body, s, f, FieldErrors(e)).await?;
            Ok((StatusCode::TOO_MANY_REQUESTS, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "governance/decision.html")]
struct DecisionView {
    ctx: Ctx,
    d: Decision,
    body: Body,
    text_html: String,
    versions: Vec<Version>,
    electorate: Vec<Elector>,
    undecided: Vec<Elector>,
    stances: Vec<StanceRow>,
    comments: Vec<(Comment, u32)>,
    ballots: Vec<StoredBallot>,
    results: Option<crate::governance::results::ResultsView>,
    consultation: Option<Decision>,
    voters: Vec<(String, String)>,
    can_take_part: bool,
    can_revise: bool,
    can_escalate: bool,
    can_withdraw: bool,
    can_rule: bool,
    can_take: bool,
    can_comment: bool,
    can_respond: bool,
    receipt: Option<String>,
    errors: FieldErrors,
    form: ActionInput,
    /// Electors by name, or (anonymous visitors of an all-members decision) only counted.
    names_visible: bool,
    proposer: Option<String>,
    /// The position the form starts from: the one just submitted, else the elector's current one.
    current_stance: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionQuery {
    receipt: Option<String>,
}

fn paragraphs(text: &str) -> String {
    // Plain text with paragraphs: escaped here, so the template may insert it as is.
    text.split("\n\n")
        .map(|p| {
            format!(
                "<p>{}</p>",
                askama::filters::escape(p.trim(), askama::filters::Html)
                    .map(|e| e.to_string())
                    .unwrap_or_default()
                    .replace('\n', "<br>")
            )
        })
        .collect()
}

/// The proposer's display name (never their address), for the decision page and the API.
pub async fn proposer_name(state: &AppState, d: &Decision) -> Result<Option<String>> {
    Ok(match d.proposer_id {
        Some(id) => state.store.person(id).await?.map(|p| p.display_name),
        None => None,
    })
}

/// Threads comments: each with its depth, replies under their parent.
fn thread(comments: Vec<Comment>) -> Vec<(Comment, u32)> {
    fn walk(all: &[Comment], parent: Option<i64>, depth: u32, out: &mut Vec<(Comment, u32)>) {
        for c in all.iter().filter(|c| c.parent_id == parent) {
            out.push((c.clone(), depth));
            walk(all, Some(c.id), (depth + 1).min(6), out);
        }
    }
    let mut out = Vec::with_capacity(comments.len());
    walk(&comments, None, 0, &mut out);
    out
}

async fn decision_view(
    state: &AppState,
    v: &Viewer,
    a: DecisionAccess,
    errors: FieldErrors,
    form: ActionInput,
    receipt: Option<String>,
) -> Result<DecisionView> {
    let d = &a.decision;
    let names_visible = a.names_visible(v);
    let electorate = state.store.electorate(d.id).await?;
    let undecided = electorate
        .iter()
        .filter(|e| !e.participated)
        .cloned()
        .collect();
    let stances = if d.kind == DecisionKind::LazyConsensus {
        state.store.stances(d.id, d.version).await?
    } else {
        vec![]
    };
    let current_stance = if form.stance.is_empty() {
        a.voter_keys
            .first()
            .and_then(|k| stances.iter().find(|s| s.voter_key == k.encode()))
            .map_or_else(|| "support".to_string(), |s| s.stance.slug().to_string())
    } else {
        form.stance.clone()
    };
    let proposer = proposer_name(state, d).await?;
    let results = state.store.results(d).await?;
    let ballots = if d.kind.is_vote() && results.is_some() {
        state.store.ballots(d).await?
    } else {
        vec![]
    };
    let consultation = match d.consultation_id {
        Some(c) => Some(state.store.decision(c).await?),
        None => None,
    };
    let voters = a
        .voter_keys
        .iter()
        .map(|k| {
            let label = electorate
                .iter()
                .find(|e| e.voter_key == k.encode())
                .map(|e| e.label.clone())
                .unwrap_or_default();
            (k.encode(), label)
        })
        .collect::<Vec<_>>();
    let who = a.participant(v);
    let can = |action| who.may(action) && gov::action_fits(d.kind, d.status, action);
    let results = results
        .as_ref()
        .map(|r| crate::governance::results::ResultsView::new(&v.tr, d, r));
    Ok(DecisionView {
        ctx: Ctx::new(v, "/governance"),
        text_html: paragraphs(&d.text),
        versions: state.store.versions(d.id).await?,
        comments: thread(state.store.comments(d.id).await?),
        can_take_part: can(gov::DecisionAction::Ballot),
        can_revise: can(gov::DecisionAction::Revise),
        can_escalate: can(gov::DecisionAction::Escalate),
        can_withdraw: can(gov::DecisionAction::Withdraw),
        can_rule: can(gov::DecisionAction::Rule),
        can_take: can(gov::DecisionAction::Take),
        can_comment: can(gov::DecisionAction::Comment),
        can_respond: can(gov::DecisionAction::Respond),
        electorate,
        undecided,
        stances,
        ballots,
        results,
        names_visible,
        proposer,
        current_stance,
        consultation,
        voters,
        receipt,
        errors,
        form,
        d: a.decision.clone(),
        body: a.body.clone(),
    })
}

pub async fn decision_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Query(q): Query<DecisionQuery>,
) -> Result<Html<String>> {
    let a = decision_access(&state, &v, id).await?;
    let receipt = q.receipt.filter(|r| r.len() <= 32);
    render(
        &decision_view(
            &state,
            &v,
            a,
            FieldErrors::default(),
            ActionInput::default(),
            receipt,
        )
        .await?,
    )
}

/// The decision page's forms: a ranked ballot arrives as `rank_<i>` selects, one per option.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionForm {
    #[serde(flatten)]
    input: ActionInputForm,
    #[serde(flatten)]
    ranks: std::collections::HashMap<String, String>,
}

/// `ActionInput` as a urlencoded form carries it (no lists).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActionInputForm {
    voter: Option<String>,
    stance: String,
    reason: String,
    choice: String,
    receipt: String,
    title: String,
    text: String,
    ruling: String,
    outcome: String,
    review_at: String,
    body: String,
    parent_id: Option<String>,
    comment_id: Option<String>,
    response: String,
    /// The withdrawal's confirmation box.
    confirm: Option<String>,
}

/// Turns the per-option rank selects into a ranking; two options given the same rank is an error.
pub fn ranking_from_ranks(
    options: &[String],
    ranks: &std::collections::HashMap<String, String>,
) -> std::result::Result<Vec<String>, &'static str> {
    let mut ranked: Vec<(u32, usize)> = vec![];
    for (i, _) in options.iter().enumerate() {
        let Some(r) = ranks.get(&format!("rank_{i}")).map(|s| s.trim()) else {
            continue;
        };
        if r.is_empty() {
            continue;
        }
        let r: u32 = r.parse().map_err(|_| "invalid-number")?;
        if r == 0 || r as usize > options.len() {
            return Err("out-of-range");
        }
        if ranked.iter().any(|(x, _)| *x == r) {
            return Err("ballot-duplicate-rank");
        }
        ranked.push((r, i));
    }
    ranked.sort_unstable();
    Ok(ranked
        .into_iter()
        .map(|(_, i)| options[i].clone())
        .collect())
}

pub async fn decision_action(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, action)): Path<(i64, String)>,
    Form(f): Form<ActionForm>,
) -> Result<Response> {
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    let a = decision_access(&state, &v, id).await?;
    let num = |s: &Option<String>| s.as_deref().and_then(|s| s.trim().parse::<i64>().ok());
    let i = &f.input;
    let mut input = ActionInput {
        voter: i.voter.clone(),
        stance: i.stance.clone(),
        reason: i.reason.clone(),
        choice: i.choice.clone(),
        ranking: vec![],
        receipt: i.receipt.clone(),
        title: i.title.clone(),
        text: i.text.clone(),
        ruling: i.ruling.clone(),
        outcome: i.outcome.clone(),
        review_at: i.review_at.clone(),
        body: i.body.clone(),
        parent_id: num(&i.parent_id),
        comment_id: num(&i.comment_id),
        response: i.response.clone(),
    };
    let result = match (action.as_str(), &a.decision.rules) {
        // Withdrawing cannot be undone: the page asks for a ticked confirmation (no script needed).
        ("withdraw", _) if f.input.confirm.is_none() => {
            Err(invalid("confirm", "withdraw-unconfirmed"))
        }
        ("ballot", VoteRules::Ranked { options, .. }) => {
            match ranking_from_ranks(options, &f.ranks) {
                Ok(r) => {
                    input.ranking = r;
                    perform(&state, &v, &a, &action, &input).await
                }
                Err(c) => Err(invalid("ranking", c)),
            }
        }
        _ => perform(&state, &v, &a, &action, &input).await,
    };
    match result {
        Ok(Done::Receipt(r)) if a.decision.secret => {
            Ok(Redirect::to(&format!("/decisions/{id}?receipt={r}#your-ballot")).into_response())
        }
        Ok(_) => Ok(Redirect::to(&format!("/decisions/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let a = decision_access(&state, &v, id).await?;
            let view = decision_view(&state, &v, a, FieldErrors(e), input, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn ballots_csv(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let a = decision_access(&state, &v, id).await?;
    let csv = state
        .store
        .ballots_csv(&a.decision, &format!("agora {}", env!("CARGO_PKG_VERSION")))
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"decision-{id}-ballots.csv\""),
            ),
        ],
        csv,
    )
        .into_response())
}
