//! The foundation's page for the obligation policy: the version in force for each year, the history
//! with the decisions that adopted each version, and the form that adopts a new one.

use super::actions::{self, AdoptInput};
use super::report::{count_of, rounding_label};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::i18n::Tr;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::obligations::{
    ContributionType, ObligationPolicy, PolicyInput, Rounding, Rule, RuleInput, Years,
};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::ObligationPolicyVersion;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::Datelike;
use serde::Deserialize;
use std::collections::HashMap;

/// One type's rule in the form: the posted text of each part.
#[derive(Debug, Clone)]
pub struct RuleRow {
    pub kind: ContributionType,
    pub label: String,
    pub rule: String,
    pub count: String,
    pub percent: String,
    pub rounding: String,
    pub min: String,
    pub max: String,
}

#[derive(Template)]
#[template(path = "obligations/admin_policy.html")]
struct PolicyView {
    ctx: Ctx,
    history: Vec<(ObligationPolicyVersion, Vec<String>)>,
    rows: Vec<RuleRow>,
    first_year: String,
    last_year: String,
    note: String,
    decision_id: String,
    errors: HashMap<String, String>,
    summary: Vec<(String, String, String)>,
    adopted: bool,
}

impl RuleRow {
    /// The rule's number inputs: (field name, part, value).
    pub fn number_fields(&self) -> Vec<(String, &'static str, String)> {
        let s = self.kind.slug();
        [
            ("count", &self.count),
            ("percent", &self.percent),
            ("min", &self.min),
            ("max", &self.max),
        ]
        .into_iter()
        .map(|(part, v)| (format!("{s}.{part}"), part, v.clone()))
        .collect()
    }
}

impl PolicyView {
    /// The inputs after the rules: (name, value).
    fn other_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("first_year", self.first_year.clone()),
            ("last_year", self.last_year.clone()),
            ("decision_id", self.decision_id.clone()),
        ]
    }

    fn roundings(&self) -> &'static [Rounding] {
        Rounding::ALL
    }

    fn err(&self, field: &str) -> Option<&str> {
        self.errors.get(field).map(String::as_str)
    }
}

/// The form: `<type>.<part>` for each rule (e.g. `case_study.percent`), then the years, the note
/// and the decision.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    #[serde(flatten)]
    fields: HashMap<String, String>,
}

impl PolicyForm {
    fn get(&self, k: &str) -> String {
        self.fields.get(k).cloned().unwrap_or_default()
    }

    fn from_policy(p: &ObligationPolicy) -> Self {
        let input = PolicyInput::from_policy(p);
        let mut fields = HashMap::new();
        for t in ContributionType::ALL {
            let r = rule_input(&input, *t);
            let s = t.slug();
            fields.insert(format!("{s}.kind"), r.kind.clone());
            let mut put = |part: &str, v: Option<i64>| {
                fields.insert(
                    format!("{s}.{part}"),
                    v.map(|n| n.to_string()).unwrap_or_default(),
                );
            };
            put("count", r.count);
            put("percent", r.percent);
            put("min", r.min);
            put("max", r.max);
            fields.insert(
                format!("{s}.rounding"),
                r.rounding.clone().unwrap_or_default(),
            );
        }
        fields.insert("first_year".into(), p.years.first.to_string());
        fields.insert(
            "last_year".into(),
            p.years.last.map(|y| y.to_string()).unwrap_or_default(),
        );
        Self { fields }
    }

    /// The input the form describes; numbers that are not numbers are refused by field.
    fn input(&self) -> (AdoptInput, ValidationErrors) {
        let mut e = ValidationErrors::new();
        let num = |e: &mut ValidationErrors, field: &str| -> Option<i64> {
            match self.get(field).trim() {
                "" => None,
                t => e.check(field, t.parse::<i64>().map_err(|_| "invalid-number")),
            }
        };
        let rule = |e: &mut ValidationErrors, t: ContributionType| {
            let s = t.slug();
            RuleInput {
                kind: self.get(&format!("{s}.kind")),
                count: num(e, &format!("{s}.count")),
                percent: num(e, &format!("{s}.percent")),
                rounding: Some(self.get(&format!("{s}.rounding"))),
                min: num(e, &format!("{s}.min")),
                max: num(e, &format!("{s}.max")),
            }
        };
        let policy = PolicyInput {
            case_study: rule(&mut e, ContributionType::CaseStudy),
            article: rule(&mut e, ContributionType::Article),
            testimonial: rule(&mut e, ContributionType::Testimonial),
            logo: rule(&mut e, ContributionType::Logo),
            first_year: num(&mut e, "first_year"),
            last_year: num(&mut e, "last_year"),
        };
        let decision_id = num(&mut e, "decision_id");
        (
            AdoptInput {
                policy,
                note: self.get("note"),
                decision_id,
            },
            e,
        )
    }
}

fn rule_input(p: &PolicyInput, t: ContributionType) -> &RuleInput {
    match t {
        ContributionType::CaseStudy => &p.case_study,
        ContributionType::Article => &p.article,
        ContributionType::Testimonial => &p.testimonial,
        ContributionType::Logo => &p.logo,
    }
}

/// A rule in words: "1 case study a year" or "20% of the year's clients, rounded up, at least 1".
pub fn describe(tr: &Tr, t: ContributionType, r: Rule) -> String {
    match r {
        Rule::Fixed { count } => tr.t1("obligations-rule-fixed", "result", count_of(tr, t, count)),
        Rule::Share {
            percent,
            rounding,
            min,
            max,
        } => {
            let mut s = tr.t2(
                "obligations-rule-share",
                ("percent", percent.to_string()),
                ("rounding", rounding_label(tr, rounding)),
            );
            if let Some(m) = min {
                s.push_str(&tr.t1("obligations-rule-min", "count", m));
            }
            if let Some(m) = max {
                s.push_str(&tr.t1("obligations-rule-max", "count", m));
            }
            s
        }
    }
}

fn field_label(tr: &Tr, field: &str) -> String {
    match field.split_once('.') {
        Some((t, part)) => format!(
            "{} — {}",
            tr.label("obligations-type", t),
            tr.label("obligations-field", part)
        ),
        None => tr.label("obligations-field", field),
    }
}

async fn view(
    state: &AppState,
    v: &Viewer,
    form: &PolicyForm,
    e: &ValidationErrors,
    adopted: bool,
) -> Result<PolicyView> {
    let tr = &v.tr;
    let history = state
        .store
        .obligation_policies()
        .await?
        .into_iter()
        .map(|h| {
            let rules = ContributionType::ALL
                .iter()
                .map(|t| describe(tr, *t, h.policy.rule(*t)))
                .collect();
            (h, rules)
        })
        .collect();
    let rows = ContributionType::ALL
        .iter()
        .map(|t| {
            let s = t.slug();
            RuleRow {
                kind: *t,
                label: tr.label("obligations-type", s),
                rule: form.get(&format!("{s}.kind")),
                count: form.get(&format!("{s}.count")),
                percent: form.get(&format!("{s}.percent")),
                rounding: form.get(&format!("{s}.rounding")),
                min: form.get(&format!("{s}.min")),
                max: form.get(&format!("{s}.max")),
            }
        })
        .collect();
    let mut errors = HashMap::new();
    let mut summary = vec![];
    for fe in &e.errors {
        let message = tr.err(fe.code);
        errors.insert(fe.field.clone(), message.clone());
        summary.push((fe.field.clone(), field_label(tr, &fe.field), message));
    }
    Ok(PolicyView {
        ctx: Ctx::new(v, "/admin/obligations"),
        history,
        rows,
        first_year: form.get("first_year"),
        last_year: form.get("last_year"),
        note: form.get("note"),
        decision_id: form.get("decision_id"),
        errors,
        summary,
        adopted,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Adopted {
    adopted: Option<String>,
}

pub async fn policy(
    State(state): State<AppState>,
    v: Viewer,
    axum::extract::Query(q): axum::extract::Query<Adopted>,
) -> Result<Html<String>> {
    v.require(Permission::ManageObligations)?;
    // The form starts from the newest version, or from seed 001's fixed option.
    let form = match state.store.obligation_policies().await?.first() {
        Some(v) => PolicyForm::from_policy(&v.policy),
        None => PolicyForm::from_policy(&ObligationPolicy::fixed(
            1,
            Years {
                first: state.clock.now().year(),
                last: None,
            },
        )),
    };
    render(
        &view(
            &state,
            &v,
            &form,
            &ValidationErrors::new(),
            q.adopted.is_some(),
        )
        .await?,
    )
}

pub async fn adopt(
    State(state): State<AppState>,
    v: Viewer,
    Form(form): Form<PolicyForm>,
) -> Result<Response> {
    v.require(Permission::ManageObligations)?;
    let (input, mut e) = form.input();
    let result = if e.is_empty() {
        actions::adopt(&state, &v, &input).await
    } else {
        if let Err(more) = input.policy.parse() {
            for fe in more.errors {
                e.add(fe.field, fe.code);
            }
        }
        Err(Error::Invalid(e))
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/obligations?adopted=1").into_response()),
        Err(Error::Invalid(e)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&view(&state, &v, &form, &e, false).await?)?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}
