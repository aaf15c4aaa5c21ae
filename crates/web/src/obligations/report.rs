//! A partner's obligations for a year, as the API returns them and the pages show them: the domain's
//! requirement per type with its arithmetic and exemptions written out in the reader's language.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::i18n::Tr;
use crate::AppState;
use agora_domain::obligations::{
    decimal, parse_year, requirements, Arithmetic, ClientCounts, ContributionType, Exemption,
    ObligationStatus, Requirement, Rounding,
};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{DecisionRef, Partner};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// `?year=YYYY`; this year by the application's clock when absent.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct YearQuery {
    pub year: Option<String>,
}

impl YearQuery {
    pub fn year(&self, state: &AppState) -> Result<i32> {
        match self.year.as_deref().map(str::trim) {
            None | Some("") => Ok(state.clock.now().year()),
            Some(y) => y
                .parse::<i64>()
                .map_err(|_| "invalid-year")
                .and_then(parse_year)
                .map_err(|code| Error::Invalid(ValidationErrors::single("year", code))),
        }
    }
}

/// An exemption with its reason written out.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExemptionLine {
    #[serde(flatten)]
    pub exemption: Exemption,
    /// The reason, in the reader's language.
    pub text: String,
}

/// One type's line of a partner's obligations.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObligationLine {
    #[serde(rename = "type")]
    pub kind: ContributionType,
    /// The type's name, in the reader's language.
    pub label: String,
    /// After exemptions.
    pub required: u32,
    /// Contributions of this type approved by the Marketing WG for this year.
    pub approved: u32,
    pub status: ObligationStatus,
    pub arithmetic: Arithmetic,
    /// The arithmetic in the reader's language ("12 clients × 20% = 2.4 → 3 case studies").
    pub explanation: String,
    pub exemptions: Vec<ExemptionLine>,
    /// Case studies and articles may leave the client unnamed.
    pub anonymous_allowed: bool,
}

/// What a partner owes in a year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObligationsReport {
    pub partner: String,
    pub year: i32,
    /// The policy version that governs the year; `null` when none covers it (nothing is owed).
    pub policy_version: Option<i64>,
    /// The decision of the register that adopted that version, if any.
    pub decision: Option<DecisionRef>,
    /// Whether the partner declared its clients for the year (if not, the counts are 0).
    pub declared: bool,
    pub clients: ClientCounts,
    pub obligations: Vec<ObligationLine>,
}

/// The partner named by `slug`, if the viewer may see its private data (404 for an unknown slug).
pub async fn partner(state: &AppState, v: &Viewer, slug: &str) -> Result<Partner> {
    let p = state
        .store
        .partner_by_slug(slug)
        .await?
        .ok_or(Error::NotFound)?;
    v.require(Permission::ViewPartnerPrivate { partner_id: p.id })?;
    Ok(p)
}

pub async fn report(
    state: &AppState,
    tr: &Tr,
    p: &Partner,
    year: i32,
) -> Result<ObligationsReport> {
    let policy = state.store.obligation_policy_for(year).await?;
    let declared = state.store.client_counts(p.id, year).await?;
    let counts = declared.unwrap_or_default();
    let today = state.clock.now().date_naive();
    let approved = state.store.approved_counts(Some(p.id), year..=year).await?;
    let obligations = policy
        .as_ref()
        .map(|v| requirements(&v.policy, counts))
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            let n = approved.get(&(p.id, year, r.kind)).copied().unwrap_or(0);
            line(tr, r, n, year, today)
        })
        .collect();
    Ok(ObligationsReport {
        partner: p.profile.slug.clone(),
        year,
        policy_version: policy.as_ref().map(|v| v.version),
        decision: policy.and_then(|v| v.decision),
        declared: declared.is_some(),
        clients: counts,
        obligations,
    })
}

fn line(
    tr: &Tr,
    r: Requirement,
    approved: u32,
    year: i32,
    today: chrono::NaiveDate,
) -> ObligationLine {
    ObligationLine {
        label: tr.label("obligations-type", r.kind.slug()),
        status: ObligationStatus::of(r.required, approved, year, today),
        explanation: explain(tr, r.kind, &r.arithmetic),
        exemptions: r
            .exemptions
            .iter()
            .map(|e| ExemptionLine {
                exemption: *e,
                text: exemption_text(tr, r.kind, e),
            })
            .collect(),
        kind: r.kind,
        required: r.required,
        approved,
        arithmetic: r.arithmetic,
        anonymous_allowed: r.anonymous_allowed,
    }
}

/// "3 case studies" in the reader's language.
pub fn count_of(tr: &Tr, kind: ContributionType, n: u32) -> String {
    tr.t1(&format!("obligations-count-{}", kind.slug()), "count", n)
}

pub fn rounding_label(tr: &Tr, r: Rounding) -> String {
    tr.label("obligations-rounding", r.slug())
}

/// The arithmetic as a sentence: "12 clients × 20% = 2.4 → 3 case studies", with the bounds when
/// they changed the result.
pub fn explain(tr: &Tr, kind: ContributionType, a: &Arithmetic) -> String {
    match *a {
        Arithmetic::Fixed { count } => tr.t1(
            "obligations-arith-fixed",
            "result",
            count_of(tr, kind, count),
        ),
        Arithmetic::Share {
            clients,
            percent,
            hundredths,
            rounding,
            rounded,
            min,
            max,
            result,
        } => {
            let separator = tr.t("obligations-decimal-separator");
            let exact = decimal(hundredths, separator.chars().next().unwrap_or('.'));
            let mut s = tr.tn(
                "obligations-arith-share",
                &[
                    ("clients", clients.to_string()),
                    ("percent", percent.to_string()),
                    ("exact", exact),
                    ("rounding", rounding_label(tr, rounding)),
                    ("result", count_of(tr, kind, rounded)),
                ],
            );
            if rounded != result {
                let key = if min.is_some_and(|m| result == m && rounded < m) {
                    "obligations-arith-min"
                } else {
                    "obligations-arith-max"
                };
                let bound = min
                    .filter(|_| key.ends_with("min"))
                    .or(max)
                    .unwrap_or(result);
                s.push(' ');
                s.push_str(&tr.t2(
                    key,
                    ("bound", bound.to_string()),
                    ("result", count_of(tr, kind, result)),
                ));
            }
            s
        }
    }
}

pub fn exemption_text(tr: &Tr, kind: ContributionType, e: &Exemption) -> String {
    tr.tn(
        &format!("obligations-exemption-{}", e.reason.slug()),
        &[
            ("clients", e.clients.to_string()),
            ("may_ask", e.may_ask.to_string()),
            ("removed", count_of(tr, kind, e.removed)),
        ],
    )
}
