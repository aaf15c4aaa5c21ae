//! The pages: a partner's contributions with the submit and topic forms, one contribution with its
//! history and the resubmit or review form, and the Marketing WG's review queue. A refused form is
//! shown again with each field's message (422) and nothing changed.

use super::actions;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::obligations::report;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::obligations::{
    ClientRef, ContributionInput, ContributionType, ReviewInput, TopicInput, TopicState, Verdict,
};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{Contribution, ContributionEvent, Partner, Topic};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::Datelike;
use serde::Deserialize;
use std::collections::HashMap;

/// The contribution form as posted.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ContributionForm {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub topic_id: String,
    pub link: String,
    pub text: String,
    pub client: String,
    pub anonymous: String,
    pub consent_evidence: String,
    pub language: String,
    pub year: String,
}

impl ContributionForm {
    fn input(&self) -> (ContributionInput, ValidationErrors) {
        let mut e = ValidationErrors::new();
        let number = |e: &mut ValidationErrors, field: &str, s: &str| match s.trim() {
            "" => None,
            t => e.check(field, t.parse::<i64>().map_err(|_| "invalid-number")),
        };
        let topic_id = number(&mut e, "topic_id", &self.topic_id);
        let year = number(&mut e, "year", &self.year);
        (
            ContributionInput {
                kind: self.kind.clone(),
                title: self.title.clone(),
                topic_id,
                link: self.link.clone(),
                text: self.text.clone(),
                client: self.client.clone(),
                anonymous: !self.anonymous.is_empty(),
                consent_evidence: self.consent_evidence.clone(),
                language: self.language.clone(),
                year,
            },
            e,
        )
    }

    fn of(c: &Contribution) -> Self {
        let v = &c.version;
        Self {
            kind: v.kind.slug().into(),
            title: v.title.clone(),
            topic_id: v.topic_id.map(|t| t.to_string()).unwrap_or_default(),
            link: v.link.clone().unwrap_or_default(),
            text: v.text.clone(),
            client: v.client.name().unwrap_or_default().to_string(),
            anonymous: if v.client == ClientRef::Anonymous {
                "on".into()
            } else {
                String::new()
            },
            consent_evidence: v.consent_evidence.clone(),
            language: v.language.clone(),
            year: v.year.to_string(),
        }
    }

    /// Parses the form (numbers, then the domain), reporting every problem at once.
    fn parse_all(
        &self,
        this_year: i32,
    ) -> std::result::Result<ContributionInput, ValidationErrors> {
        let (input, mut e) = self.input();
        if let Err(more) = input.parse(this_year) {
            for fe in more.errors {
                if e.get(&fe.field).is_none() {
                    e.add(fe.field, fe.code);
                }
            }
        }
        if e.is_empty() {
            Ok(input)
        } else {
            Err(e)
        }
    }
}

fn messages(ctx: &Ctx, e: &ValidationErrors) -> HashMap<String, String> {
    e.errors
        .iter()
        .map(|fe| (fe.field.clone(), ctx.tr.err(fe.code)))
        .collect()
}

/// The fields of the contribution form, shared by the submit and resubmit pages.
pub struct FormView {
    pub form: ContributionForm,
    pub errors: HashMap<String, String>,
    /// The partner's approved topics: (id, title).
    pub topics: Vec<(i64, String)>,
}

impl FormView {
    pub fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    pub fn types(&self) -> &'static [ContributionType] {
        ContributionType::ALL
    }

    pub fn topic_selected(&self, id: &i64) -> bool {
        self.form.topic_id.trim() == id.to_string()
    }

    /// Text inputs after the type: (name, value, input type).
    pub fn text_fields(&self) -> Vec<(&'static str, String, &'static str)> {
        let f = &self.form;
        vec![
            ("title", f.title.clone(), "text"),
            ("link", f.link.clone(), "url"),
            ("client", f.client.clone(), "text"),
            ("consent_evidence", f.consent_evidence.clone(), "text"),
            ("language", f.language.clone(), "text"),
            ("year", f.year.clone(), "text"),
        ]
    }

    async fn new(
        state: &AppState,
        partner_id: i64,
        form: ContributionForm,
        errors: HashMap<String, String>,
    ) -> Result<Self> {
        let topics = state
            .store
            .topics_of(partner_id)
            .await?
            .into_iter()
            .filter(|t| t.state == TopicState::Approved)
            .map(|t| (t.id, t.title))
            .collect();
        Ok(Self {
            form,
            errors,
            topics,
        })
    }
}

#[derive(Template)]
#[template(path = "contributions/partner.html")]
struct PartnerView {
    ctx: Ctx,
    partner: Partner,
    contributions: Vec<Contribution>,
    topics: Vec<Topic>,
    can_submit: bool,
    f: FormView,
    topic: TopicInput,
    topic_errors: HashMap<String, String>,
}

async fn partner_view(
    state: &AppState,
    v: &Viewer,
    p: Partner,
    f: FormView,
    topic: TopicInput,
    topic_errors: HashMap<String, String>,
) -> Result<Html<String>> {
    render(&PartnerView {
        ctx: Ctx::new(v, "/portal"),
        contributions: state.store.contributions_of(p.id, None).await?,
        topics: state.store.topics_of(p.id).await?,
        can_submit: v.can(Permission::SubmitContributions { partner_id: p.id }),
        f,
        topic,
        topic_errors,
        partner: p,
    })
}

fn blank_form(state: &AppState, v: &Viewer) -> ContributionForm {
    ContributionForm {
        kind: "case_study".into(),
        language: v.tr.code().chars().take(2).collect(),
        year: state.clock.now().year().to_string(),
        ..ContributionForm::default()
    }
}

pub async fn partner(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Html<String>> {
    let p = report::partner(&state, &v, &slug).await?;
    let f = FormView::new(&state, p.id, blank_form(&state, &v), HashMap::new()).await?;
    partner_view(&state, &v, p, f, TopicInput::default(), HashMap::new()).await
}

pub async fn submit(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(form): Form<ContributionForm>,
) -> Result<Response> {
    let p = report::partner(&state, &v, &slug).await?;
    v.require(Permission::SubmitContributions { partner_id: p.id })?;
    let result = match form.parse_all(state.clock.now().year()) {
        Ok(input) => actions::submit(&state, &v, &p, &input).await,
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(id) => Ok(Redirect::to(&format!("/contributions/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let errors = messages(&Ctx::new(&v, "/portal"), &e);
            let f = FormView::new(&state, p.id, form, errors).await?;
            let page =
                partner_view(&state, &v, p, f, TopicInput::default(), HashMap::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn propose_topic(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<TopicInput>,
) -> Result<Response> {
    let p = report::partner(&state, &v, &slug).await?;
    match actions::propose_topic(&state, &v, &p, &input).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/partners/{}/contributions#topics",
            p.profile.slug
        ))
        .into_response()),
        Err(Error::Invalid(e)) => {
            let errors = messages(&Ctx::new(&v, "/portal"), &e);
            let f = FormView::new(&state, p.id, blank_form(&state, &v), HashMap::new()).await?;
            let page = partner_view(&state, &v, p, f, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "contributions/detail.html")]
struct DetailView {
    ctx: Ctx,
    c: Contribution,
    history: Vec<ContributionEvent>,
    /// The resubmit form, when the partner's person may resubmit now.
    resubmit: Option<FormView>,
    /// Whether the viewer may review it now.
    can_review: bool,
    review: ReviewInput,
    review_errors: HashMap<String, String>,
    /// Whether the viewer may open the partner's contributions page (a reviewer from outside the
    /// partner goes back to the review queue instead).
    partner_page: bool,
}

impl DetailView {
    fn verdicts(&self) -> &'static [Verdict] {
        Verdict::ALL
    }
}

async fn detail_view(
    state: &AppState,
    v: &Viewer,
    c: Contribution,
    resubmit: Option<FormView>,
    review: ReviewInput,
    review_errors: HashMap<String, String>,
) -> Result<Html<String>> {
    let resubmit = match resubmit {
        Some(f) => Some(f),
        None if c.state.awaits_changes()
            && v.can(Permission::SubmitContributions {
                partner_id: c.partner.id,
            }) =>
        {
            Some(
                FormView::new(
                    state,
                    c.partner.id,
                    ContributionForm::of(&c),
                    HashMap::new(),
                )
                .await?,
            )
        }
        None => None,
    };
    let can_review = c.state.awaits_review()
        && v.person.is_some()
        && agora_domain::obligations::may_review(
            &v.actor,
            actions::marketing_group(state).await?,
            c.partner.id,
        )
        .is_ok();
    render(&DetailView {
        ctx: Ctx::new(v, "/portal"),
        history: state.store.contribution_history(c.id).await?,
        partner_page: v.can(Permission::ViewPartnerPrivate {
            partner_id: c.partner.id,
        }),
        c,
        resubmit,
        can_review,
        review,
        review_errors,
    })
}

pub async fn detail(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let c = actions::contribution(&state, &v, id).await?;
    detail_view(&state, &v, c, None, ReviewInput::default(), HashMap::new()).await
}

pub async fn resubmit(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ContributionForm>,
) -> Result<Response> {
    let c = actions::contribution(&state, &v, id).await?;
    v.require(Permission::SubmitContributions {
        partner_id: c.partner.id,
    })?;
    let result = match form.parse_all(state.clock.now().year()) {
        Ok(input) => actions::resubmit(&state, &v, id, &input).await.map(|_| ()),
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/contributions/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let errors = messages(&Ctx::new(&v, "/portal"), &e);
            let f = FormView::new(&state, c.partner.id, form, errors).await?;
            let page = detail_view(
                &state,
                &v,
                c,
                Some(f),
                ReviewInput::default(),
                HashMap::new(),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn review(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<ReviewInput>,
) -> Result<Response> {
    match actions::review(&state, &v, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/contributions/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let errors = messages(&Ctx::new(&v, "/portal"), &e);
            let c = state.store.contribution(id).await?.ok_or(Error::NotFound)?;
            let page = detail_view(&state, &v, c, None, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "contributions/queue.html")]
struct QueueView {
    ctx: Ctx,
    contributions: Vec<Contribution>,
    topics: Vec<Topic>,
    reviews: bool,
    errors: HashMap<String, String>,
}

async fn queue_view(
    state: &AppState,
    v: &Viewer,
    errors: HashMap<String, String>,
) -> Result<Html<String>> {
    render(&QueueView {
        ctx: Ctx::new(v, "/home"),
        contributions: state.store.contributions_awaiting_review().await?,
        topics: state.store.proposed_topics().await?,
        reviews: actions::viewer_reviews(state, v).await?,
        errors,
    })
}

pub async fn queue(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    actions::require_queue(&state, &v).await?;
    queue_view(&state, &v, HashMap::new()).await
}

pub async fn review_topic(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<ReviewInput>,
) -> Result<Response> {
    match actions::review_topic(&state, &v, id, &input).await {
        Ok(_) => Ok(Redirect::to("/marketing/reviews").into_response()),
        Err(Error::Invalid(e)) => {
            let errors = e
                .errors
                .iter()
                .map(|fe| (format!("t{id}-{}", fe.field), v.tr.err(fe.code)))
                .collect();
            let page = queue_view(&state, &v, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}
