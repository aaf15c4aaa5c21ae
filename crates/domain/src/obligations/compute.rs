//! From a policy and a partner's clients to what it owes per type, with the working shown.

use super::{ClientCounts, ContributionType, ObligationPolicy, Rounding, Rule};
use serde::Serialize;

/// How a required count came about, for people to check ("12 clients × 20% = 2.4 → 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Arithmetic {
    Fixed {
        count: u32,
    },
    Share {
        clients: u32,
        percent: u32,
        /// `clients × percent`, in hundredths of a contribution: 12 × 20% = 240 (2.4).
        hundredths: u64,
        rounding: Rounding,
        /// After rounding, before the bounds.
        rounded: u32,
        min: Option<u32>,
        max: Option<u32>,
        /// After the bounds: the requirement before any exemption.
        result: u32,
    },
}

impl Arithmetic {
    pub fn result(&self) -> u32 {
        match *self {
            Arithmetic::Fixed { count } => count,
            Arithmetic::Share { result, .. } => result,
        }
    }

    /// Whether a bound changed the rounded share (so it is worth showing).
    pub fn bounded(&self) -> bool {
        matches!(*self, Arithmetic::Share { rounded, result, .. } if rounded != result)
    }
}

/// `hundredths` as a decimal with at most two places and the given separator: 240 → "2.4".
pub fn decimal(hundredths: u64, separator: char) -> String {
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}{separator}{}", f / 10),
        f => format!("{whole}{separator}{f:02}"),
    }
}

impl Rule {
    /// What this rule asks of a partner with `clients` clients.
    pub fn arithmetic(self, clients: u32) -> Arithmetic {
        match self {
            Rule::Fixed { count } => Arithmetic::Fixed { count },
            Rule::Share {
                percent,
                rounding,
                min,
                max,
            } => {
                let hundredths = u64::from(clients) * u64::from(percent);
                let rounded = u32::try_from(rounding.apply(hundredths)).unwrap_or(u32::MAX);
                // Not `clamp`: it panics when min > max, which parsing refuses but a stored row
                // might still hold; the maximum wins then.
                let mut result = rounded;
                if let Some(lo) = min {
                    result = result.max(lo);
                }
                if let Some(hi) = max {
                    result = result.min(hi);
                }
                Arithmetic::Share {
                    clients,
                    percent,
                    hundredths,
                    rounding,
                    rounded,
                    min,
                    max,
                    result,
                }
            }
        }
    }
}

/// Why part of a requirement does not apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExemptionReason {
    /// Clients refused the use of their logo.
    LogoRefused,
    /// Clients refused to give a testimonial.
    TestimonialRefused,
}

impl ExemptionReason {
    pub fn slug(self) -> &'static str {
        match self {
            ExemptionReason::LogoRefused => "logo_refused",
            ExemptionReason::TestimonialRefused => "testimonial_refused",
        }
    }
}

/// Part of a requirement removed, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Exemption {
    pub reason: ExemptionReason,
    /// How many clients refused.
    pub clients: u32,
    /// How many clients remain who may still be asked.
    pub may_ask: u32,
    /// How much of the requirement this removes (at least 1; an exemption that removes nothing is
    /// not listed).
    pub removed: u32,
}

/// What a partner owes of one type in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Requirement {
    #[serde(rename = "type")]
    pub kind: ContributionType,
    /// After exemptions.
    pub required: u32,
    pub arithmetic: Arithmetic,
    pub exemptions: Vec<Exemption>,
    /// Case studies and articles may leave the client unnamed (seed 001: "at least on an
    /// anonymous basis for the client").
    pub anonymous_allowed: bool,
}

/// Every type's requirement, in `ContributionType::ALL` order.
pub fn requirements(policy: &ObligationPolicy, counts: ClientCounts) -> Vec<Requirement> {
    ContributionType::ALL
        .iter()
        .map(|&t| requirement(policy.rule(t), t, counts))
        .collect()
}

/// The client-refusal exception (seed 001 Part 5): a client who refuses its logo or a testimonial
/// takes away the part of that requirement attributable to it. The requirement is then what the
/// rule asks of the clients who did not refuse, and never more than there are of them to ask; it is
/// never more than without the refusals. Case studies and articles are not affected.
pub fn requirement(rule: Rule, kind: ContributionType, counts: ClientCounts) -> Requirement {
    let arithmetic = rule.arithmetic(counts.clients);
    let base = arithmetic.result();
    let refusal = match kind {
        ContributionType::Logo => Some((ExemptionReason::LogoRefused, counts.logo_refused)),
        ContributionType::Testimonial => Some((
            ExemptionReason::TestimonialRefused,
            counts.testimonial_refused,
        )),
        ContributionType::CaseStudy | ContributionType::Article => None,
    };
    let mut exemptions = vec![];
    let mut required = base;
    if let Some((reason, refused)) = refusal.filter(|(_, r)| *r > 0) {
        let may_ask = counts.clients.saturating_sub(refused);
        let after = base.min(rule.arithmetic(may_ask).result()).min(may_ask);
        if after < base {
            exemptions.push(Exemption {
                reason,
                clients: refused.min(counts.clients),
                may_ask,
                removed: base - after,
            });
            required = after;
        }
    }
    Requirement {
        kind,
        required,
        arithmetic,
        exemptions,
        anonymous_allowed: !kind.needs_client_consent(),
    }
}
