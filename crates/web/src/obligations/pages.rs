//! The partner's pages: its obligations for a year with the arithmetic and exemptions, and the form
//! that declares its clients. A refused form is shown again with each field's message (422) and
//! nothing changed.

use super::actions;
use super::report::{self, ObligationsReport, YearQuery};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::i18n::Tr;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::obligations::{ClientInput, Clients, Consent, DeclarationInput};
use agora_domain::permissions::Permission;
use agora_domain::taxonomy::Segment;
use agora_domain::ValidationErrors;
use agora_store::Partner;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "obligations/partner.html")]
struct ObligationsView {
    ctx: Ctx,
    partner: Partner,
    report: ObligationsReport,
    can_declare: bool,
}

pub async fn obligations(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Html<String>> {
    let p = report::partner(&state, &v, &slug).await?;
    let year = q.year(&state)?;
    render(&ObligationsView {
        ctx: Ctx::new(&v, "/portal"),
        report: report::report(&state, &v.tr, &p, year).await?,
        can_declare: v.can(Permission::DeclareClients { partner_id: p.id }),
        partner: p,
    })
}

/// One client row of the form, with its fields' messages.
#[derive(Debug, Clone, Default)]
pub struct ClientRow {
    pub input: ClientInput,
    errors: HashMap<String, String>,
}

impl ClientRow {
    pub fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    /// The row's text inputs: (name, value, input type).
    pub fn text_fields(&self) -> Vec<(&'static str, String, &'static str)> {
        let c = &self.input;
        vec![
            ("organization", c.organization.clone(), "text"),
            ("country", c.country.clone(), "text"),
            ("acquired_on", c.acquired_on.clone(), "date"),
            ("evidence", c.evidence.clone(), "text"),
        ]
    }

    /// The row's consent selects: (name, chosen slug).
    pub fn consent_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("logo_consent", self.input.logo_consent.clone()),
            (
                "testimonial_consent",
                self.input.testimonial_consent.clone(),
            ),
        ]
    }
}

/// Blank rows offered after the declared ones.
const BLANK_ROWS: usize = 3;

#[derive(Template)]
#[template(path = "obligations/clients.html")]
struct ClientsView {
    ctx: Ctx,
    partner: Partner,
    year: i32,
    mode: String,
    count: String,
    logo_refused: String,
    testimonial_refused: String,
    rows: Vec<ClientRow>,
    /// Messages of the fields outside the rows (`count`, `year`, …).
    errors: HashMap<String, String>,
    /// Every message, for the summary at the top: (anchor, what, message).
    summary: Vec<(String, String, String)>,
}

impl ClientsView {
    fn segments(&self) -> &'static [Segment] {
        Segment::ALL
    }

    fn consents(&self) -> &'static [Consent] {
        Consent::ALL
    }

    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }

    /// The count mode's inputs: (name, value).
    fn count_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("count", self.count.clone()),
            ("logo_refused", self.logo_refused.clone()),
            ("testimonial_refused", self.testimonial_refused.clone()),
        ]
    }
}

/// The declaration form as posted: either mode's fields; a list's columns repeat once per row.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ClientsForm {
    year: String,
    mode: String,
    count: String,
    logo_refused: String,
    testimonial_refused: String,
    organization: Vec<String>,
    country: Vec<String>,
    segment: Vec<String>,
    acquired_on: Vec<String>,
    logo_consent: Vec<String>,
    testimonial_consent: Vec<String>,
    evidence: Vec<String>,
}

fn number(e: &mut ValidationErrors, field: &str, s: &str) -> Option<i64> {
    match s.trim() {
        "" => None,
        t => e.check(field, t.parse::<i64>().map_err(|_| "invalid-number")),
    }
}

impl ClientsForm {
    /// The rows someone filled in (a row of blank text fields is an unused row).
    fn rows(&self) -> Vec<ClientInput> {
        let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
        (0..self.organization.len())
            .map(|i| ClientInput {
                organization: at(&self.organization, i),
                country: at(&self.country, i),
                segment: at(&self.segment, i),
                acquired_on: at(&self.acquired_on, i),
                logo_consent: at(&self.logo_consent, i),
                testimonial_consent: at(&self.testimonial_consent, i),
                evidence: at(&self.evidence, i),
            })
            .filter(|c| {
                [&c.organization, &c.country, &c.acquired_on, &c.evidence]
                    .iter()
                    .any(|s| !s.trim().is_empty())
            })
            .collect()
    }

    fn input(&self) -> (DeclarationInput, ValidationErrors) {
        let mut e = ValidationErrors::new();
        let year = number(&mut e, "year", &self.year);
        let input = if self.mode == "list" {
            DeclarationInput {
                year,
                clients: Some(self.rows()),
                ..DeclarationInput::default()
            }
        } else {
            let count = number(&mut e, "count", &self.count);
            if count.is_none() && e.get("count").is_none() {
                e.add("count", "required");
            }
            DeclarationInput {
                year,
                count,
                logo_refused: number(&mut e, "logo_refused", &self.logo_refused),
                testimonial_refused: number(
                    &mut e,
                    "testimonial_refused",
                    &self.testimonial_refused,
                ),
                clients: None,
            }
        };
        (input, e)
    }
}

fn field_label(tr: &Tr, field: &str) -> String {
    tr.label("obligations-field", field)
}

impl ClientsView {
    fn new(
        ctx: Ctx,
        partner: Partner,
        year: i32,
        form: &ClientsForm,
        e: &ValidationErrors,
    ) -> Self {
        let tr = ctx.tr.clone();
        let mut rows: Vec<ClientRow> = form
            .rows()
            .into_iter()
            .map(|input| ClientRow {
                input,
                errors: HashMap::new(),
            })
            .collect();
        let mut errors = HashMap::new();
        let mut summary = vec![];
        for fe in &e.errors {
            let message = tr.err(fe.code);
            let row = fe
                .field
                .strip_prefix("clients[")
                .and_then(|r| r.split_once("]."))
                .and_then(|(i, part)| Some((i.parse::<usize>().ok()?, part)));
            match row {
                Some((i, part)) if i < rows.len() => {
                    rows[i].errors.insert(part.to_string(), message.clone());
                    summary.push((
                        format!("c{i}-{part}"),
                        tr.tn(
                            "obligations-row-field",
                            &[
                                ("row", (i + 1).to_string()),
                                ("field", field_label(&tr, part)),
                            ],
                        ),
                        message,
                    ));
                }
                _ => {
                    errors.insert(fe.field.clone(), message.clone());
                    summary.push((fe.field.clone(), field_label(&tr, &fe.field), message));
                }
            }
        }
        rows.extend((0..BLANK_ROWS).map(|_| ClientRow::default()));
        Self {
            ctx,
            partner,
            year,
            mode: if form.mode == "list" { "list" } else { "count" }.into(),
            count: form.count.clone(),
            logo_refused: form.logo_refused.clone(),
            testimonial_refused: form.testimonial_refused.clone(),
            rows,
            errors,
            summary,
        }
    }
}

/// The form as it stands for a year: the declaration if there is one.
fn form_of(year: i32, d: Option<&agora_store::ClientDeclaration>) -> ClientsForm {
    let mut f = ClientsForm {
        year: year.to_string(),
        mode: "count".into(),
        ..ClientsForm::default()
    };
    match d.map(|d| &d.clients) {
        Some(Clients::Count(c)) => {
            f.count = c.clients.to_string();
            f.logo_refused = c.logo_refused.to_string();
            f.testimonial_refused = c.testimonial_refused.to_string();
        }
        Some(Clients::List { clients }) => {
            f.mode = "list".into();
            for c in clients {
                let v = actions::ClientView::from(c);
                f.organization.push(v.organization);
                f.country.push(v.country);
                f.segment
                    .push(v.segment.map(|s| s.slug().to_string()).unwrap_or_default());
                f.acquired_on.push(v.acquired_on);
                f.logo_consent.push(v.logo_consent.slug().into());
                f.testimonial_consent
                    .push(v.testimonial_consent.slug().into());
                f.evidence.push(v.evidence);
            }
        }
        None => {}
    }
    f
}

async fn declarable(state: &AppState, v: &Viewer, slug: &str) -> Result<Partner> {
    let p = report::partner(state, v, slug).await?;
    v.require(Permission::DeclareClients { partner_id: p.id })?;
    Ok(p)
}

pub async fn clients_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Html<String>> {
    let p = declarable(&state, &v, &slug).await?;
    let year = q.year(&state)?;
    let d = state.store.client_declaration(p.id, year).await?;
    render(&ClientsView::new(
        Ctx::new(&v, "/portal"),
        p,
        year,
        &form_of(year, d.as_ref()),
        &ValidationErrors::new(),
    ))
}

pub async fn declare(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(form): Form<ClientsForm>,
) -> Result<Response> {
    let p = declarable(&state, &v, &slug).await?;
    let (input, mut e) = form.input();
    let result = if e.is_empty() {
        actions::declare(&state, &v, &p, &input).await
    } else {
        // Report the domain's findings too, so one submission shows every problem.
        if let Err(more) = input.parse() {
            for fe in more.errors {
                e.add(fe.field, fe.code);
            }
        }
        Err(Error::Invalid(e))
    };
    match result {
        Ok(year) => Ok(Redirect::to(&format!(
            "/partners/{}/obligations?year={year}",
            p.profile.slug
        ))
        .into_response()),
        Err(Error::Invalid(e)) => {
            let year = input
                .year
                .and_then(|y| i32::try_from(y).ok())
                .filter(|y| agora_domain::obligations::YEARS.contains(y))
                .unwrap_or_else(|| {
                    use chrono::Datelike;
                    state.clock.now().year()
                });
            let view = ClientsView::new(Ctx::new(&v, "/portal"), p, year, &form, &e);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
