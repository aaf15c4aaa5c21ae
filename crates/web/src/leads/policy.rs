//! The lead policy: the published explanation of how leads are allocated, and the foundation's
//! policy versions with dry runs.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::leads::desk::neighbour_field;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::leads::allocation::{ComplianceWeights, Exclusion, Fallback, Pool};
use agora_domain::leads::{LeadPolicy, ReferralRouting};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::PolicyVersion;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

// ---- The published policy -----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/policy.html")]
struct PolicyView {
    ctx: Ctx,
    current: PolicyVersion,
    history: Vec<PolicyVersion>,
    preferences: Vec<(String, f64)>,
    fallback: Vec<String>,
    fan_outs: Vec<(String, u8)>,
    neighbours: Vec<(String, String)>,
    exclusions: Vec<String>,
}

fn region_name(policy: &LeadPolicy, slug: &str) -> String {
    policy
        .regions
        .iter()
        .find(|r| r.slug == slug)
        .map_or_else(|| slug.to_string(), |r| r.name.clone())
}

pub async fn how_allocated(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let history = state.store.lead_policy_history().await?;
    let current = history.first().cloned().ok_or(Error::NotFound)?;
    let p = &current.policy;
    let tr = &v.tr;
    render(&PolicyView {
        ctx: Ctx::new(&v, "/partners/how-leads-are-allocated"),
        preferences: vec![
            (
                tr.t("policy-pref-segment"),
                p.allocation.preferences.segment,
            ),
            (tr.t("policy-pref-size"), p.allocation.preferences.size),
            (
                tr.t("policy-pref-pricing"),
                p.allocation.preferences.pricing,
            ),
        ],
        fallback: p
            .fallback_steps()
            .iter()
            .map(|s| tr.label("policy-step", s))
            .collect(),
        fan_outs: p
            .regions
            .iter()
            .map(|r| (r.name.clone(), p.fan_out(&r.slug)))
            .collect(),
        neighbours: p
            .allocation
            .neighbours
            .iter()
            .filter(|(_, n)| !n.is_empty())
            .map(|(r, ns)| {
                (
                    region_name(p, r),
                    ns.iter()
                        .map(|n| region_name(p, n))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
            .collect(),
        exclusions: EXCLUSIONS
            .iter()
            .map(|e| tr.label("exclusion", exclusion_slug(*e)))
            .collect(),
        current,
        history,
    })
}

const EXCLUSIONS: &[Exclusion] = &[
    Exclusion::NotActive,
    Exclusion::Paused,
    Exclusion::AtCapacity,
    Exclusion::Declined,
    Exclusion::NoRequestedService,
    Exclusion::NoRequestedLanguage,
];

pub fn exclusion_slug(e: Exclusion) -> &'static str {
    match e {
        Exclusion::NotActive => "not-active",
        Exclusion::Paused => "paused",
        Exclusion::AtCapacity => "at-capacity",
        Exclusion::Declined => "declined",
        Exclusion::NoRequestedService => "no-service",
        Exclusion::NoRequestedLanguage => "no-language",
    }
}

pub fn pool_slug(p: Option<Pool>) -> &'static str {
    match p {
        Some(Pool::OwnRegion) => "own-region",
        Some(Pool::NeighbouringRegions) => "neighbouring-regions",
        Some(Pool::AnyRegion) => "any-region",
        None => "queue",
    }
}

// ---- Policy versions and dry runs ---------------------------------------------------------------

/// The policy form. Region fan-outs arrive as `fan_out_<region>` and each ticked neighbour as
/// `neighbour.<region>.<neighbour>`, so the struct keeps the rest.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    fan_out: String,
    weight_segment: String,
    weight_size: String,
    weight_pricing: String,
    compliance_on: Option<String>,
    compliance_behind: String,
    compliance_overdue: String,
    fallback_neighbours: Option<String>,
    fallback_any: Option<String>,
    sla_hours: String,
    update_reminder_days: String,
    default_monthly_capacity: String,
    referral_routing: String,
    attribution_days: String,
    tie_break_seed: String,
    note: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

impl PolicyForm {
    fn from_policy(p: &LeadPolicy) -> Self {
        let mut rest = HashMap::new();
        for (r, n) in &p.fan_out_by_region {
            rest.insert(format!("fan_out_{r}"), n.to_string());
        }
        for (r, ns) in &p.allocation.neighbours {
            for n in ns {
                rest.insert(neighbour_field(r, n), "on".into());
            }
        }
        Self {
            fan_out: p.allocation.fan_out.to_string(),
            weight_segment: p.allocation.preferences.segment.to_string(),
            weight_size: p.allocation.preferences.size.to_string(),
            weight_pricing: p.allocation.preferences.pricing.to_string(),
            compliance_on: p.allocation.compliance.map(|_| "on".into()),
            compliance_behind: p
                .allocation
                .compliance
                .unwrap_or_default()
                .behind
                .to_string(),
            compliance_overdue: p
                .allocation
                .compliance
                .unwrap_or_default()
                .overdue
                .to_string(),
            fallback_neighbours: p
                .allocation
                .fallback
                .contains(&Fallback::NeighbouringRegions)
                .then(|| "on".into()),
            fallback_any: p
                .allocation
                .fallback
                .contains(&Fallback::AnyRegion)
                .then(|| "on".into()),
            sla_hours: p.sla_hours.to_string(),
            update_reminder_days: p.update_reminder_days.to_string(),
            default_monthly_capacity: p
                .default_monthly_capacity
                .map(|c| c.to_string())
                .unwrap_or_default(),
            referral_routing: match p.referral_routing {
                ReferralRouting::Pool => "pool".into(),
                ReferralRouting::Referrer => "referrer".into(),
            },
            attribution_days: p.attribution_days.to_string(),
            tie_break_seed: p.allocation.tie_break_seed.clone(),
            note: String::new(),
            rest,
        }
    }

    fn is_neighbour(&self, region: &str, neighbour: &str) -> bool {
        self.rest.contains_key(&neighbour_field(region, neighbour))
    }

    fn region_fan_out(&self, slug: &str) -> String {
        self.rest
            .get(&format!("fan_out_{slug}"))
            .cloned()
            .unwrap_or_default()
    }

    /// The policy this form describes, on top of `base` (which supplies the region map).
    fn to_policy(&self, base: &LeadPolicy) -> std::result::Result<LeadPolicy, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let mut p = base.clone();
        let int = |e: &mut ValidationErrors, field: &str, s: &str| -> Option<u32> {
            e.check(field, s.trim().parse::<u32>().map_err(|_| "invalid-number"))
        };
        let num = |e: &mut ValidationErrors, field: &str, s: &str| -> Option<f64> {
            e.check(
                field,
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .ok_or("invalid-weight"),
            )
        };
        if let Some(n) = int(&mut e, "fan_out", &self.fan_out) {
            p.allocation.fan_out = u8::try_from(n).unwrap_or(0);
        }
        if let Some(w) = num(&mut e, "weights", &self.weight_segment) {
            p.allocation.preferences.segment = w;
        }
        if let Some(w) = num(&mut e, "weights", &self.weight_size) {
            p.allocation.preferences.size = w;
        }
        if let Some(w) = num(&mut e, "weights", &self.weight_pricing) {
            p.allocation.preferences.pricing = w;
        }
        p.allocation.compliance = None;
        if self.compliance_on.is_some() {
            // Each factor is named on its own input, by the domain's rule (`problems`).
            let factor = |e: &mut ValidationErrors, field: &str, s: &str| -> Option<f64> {
                e.check(
                    field,
                    s.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|f| f.is_finite())
                        .ok_or("invalid-compliance-factor"),
                )
            };
            let behind = factor(&mut e, "compliance_behind", &self.compliance_behind);
            let overdue = factor(&mut e, "compliance_overdue", &self.compliance_overdue);
            if let (Some(behind), Some(overdue)) = (behind, overdue) {
                let weights = ComplianceWeights { behind, overdue };
                for (which, code) in weights.problems() {
                    e.add(format!("compliance_{which}"), code);
                }
                p.allocation.compliance = Some(weights);
            }
        }
        p.allocation.fallback = [
            self.fallback_neighbours
                .as_ref()
                .map(|_| Fallback::NeighbouringRegions),
            self.fallback_any.as_ref().map(|_| Fallback::AnyRegion),
        ]
        .into_iter()
        .flatten()
        .collect();
        p.allocation.neighbours = BTreeMap::new();
        for r in &base.regions {
            let ns: Vec<String> = base
                .regions
                .iter()
                .filter(|n| n.slug != r.slug && self.is_neighbour(&r.slug, &n.slug))
                .map(|n| n.slug.clone())
                .collect();
            if !ns.is_empty() {
                p.allocation.neighbours.insert(r.slug.clone(), ns);
            }
        }
        // A box for a region that is not (or no longer) in the map.
        if self.rest.keys().any(|k| {
            k.strip_prefix("neighbour.").is_some_and(|pair| {
                !base.regions.iter().any(|r| {
                    pair.strip_prefix(&format!("{}.", r.slug))
                        .is_some_and(|n| base.regions.iter().any(|x| x.slug == n))
                })
            })
        }) {
            e.add("neighbours", "invalid-region");
        }
        p.fan_out_by_region = BTreeMap::new();
        for r in &base.regions {
            let v = self.region_fan_out(&r.slug);
            if !v.trim().is_empty() {
                if let Some(n) = int(&mut e, "fan_out_by_region", &v) {
                    p.fan_out_by_region
                        .insert(r.slug.clone(), u8::try_from(n).unwrap_or(0));
                }
            }
        }
        if let Some(n) = int(&mut e, "sla_hours", &self.sla_hours) {
            p.sla_hours = n;
        }
        if let Some(n) = int(&mut e, "update_reminder_days", &self.update_reminder_days) {
            p.update_reminder_days = n;
        }
        p.default_monthly_capacity = if self.default_monthly_capacity.trim().is_empty() {
            None
        } else {
            int(
                &mut e,
                "default_monthly_capacity",
                &self.default_monthly_capacity,
            )
        };
        p.referral_routing = match self.referral_routing.as_str() {
            "referrer" => ReferralRouting::Referrer,
            _ => ReferralRouting::Pool,
        };
        if let Some(n) = int(&mut e, "attribution_days", &self.attribution_days) {
            p.attribution_days = n;
        }
        p.allocation.tie_break_seed = self.tie_break_seed.trim().to_string();
        if !e.is_empty() {
            return Err(e);
        }
        p.validate()?;
        Ok(p)
    }
}

#[derive(Template)]
#[template(path = "leads/admin_policy.html")]
struct AdminPolicyView {
    ctx: Ctx,
    current: PolicyVersion,
    history: Vec<PolicyVersion>,
    form: PolicyForm,
    regions: Vec<(String, String)>,
    errors: FieldErrors,
    dry_run: Option<agora_store::DryRun>,
    adopted: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct AdoptedParam {
    adopted: Option<String>,
}

async fn policy_page(
    state: &AppState,
    v: &Viewer,
    form: Option<PolicyForm>,
    errors: FieldErrors,
    dry_run: Option<agora_store::DryRun>,
    adopted: bool,
) -> Result<AdminPolicyView> {
    let history = state.store.lead_policy_history().await?;
    let current = history.first().cloned().ok_or(Error::NotFound)?;
    Ok(AdminPolicyView {
        ctx: Ctx::new(v, "/admin"),
        form: form.unwrap_or_else(|| PolicyForm::from_policy(&current.policy)),
        regions: current
            .policy
            .regions
            .iter()
            .map(|r| (r.slug.clone(), r.name.clone()))
            .collect(),
        current,
        history,
        errors,
        dry_run,
        adopted,
    })
}

pub async fn admin_policy(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<AdoptedParam>,
) -> Result<Html<String>> {
    v.require(Permission::ManageLeads)?;
    render(
        &policy_page(
            &state,
            &v,
            None,
            FieldErrors::default(),
            None,
            q.adopted.is_some(),
        )
        .await?,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct PolicyAction {
    action: Option<String>,
}

pub async fn admin_policy_submit(
    State(state): State<AppState>,
    v: Viewer,
    Query(a): Query<PolicyAction>,
    Form(form): Form<PolicyForm>,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let base = state.store.lead_policy().await?.policy;
    let parsed = form.to_policy(&base);
    let dry = a.action.as_deref() == Some("dry-run");
    let outcome = match parsed {
        Ok(p) if dry => {
            let d = state
                .store
                .dry_run_policy(&p, agora_store::DRY_RUN_LEADS)
                .await?;
            return Ok(render(
                &policy_page(
                    &state,
                    &v,
                    Some(form),
                    FieldErrors::default(),
                    Some(d),
                    false,
                )
                .await?,
            )?
            .into_response());
        }
        Ok(p) => state
            .store
            .adopt_lead_policy(&p, &form.note, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    match outcome {
        Ok(_) => {
            state.cache.invalidate();
            Ok(Redirect::to("/admin/lead-policy?adopted=1").into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = policy_page(&state, &v, Some(form), FieldErrors(e), None, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
