//! Marketing obligations (issue 11, seed 001 Part 5): what each partner owes per year in case studies,
//! articles, testimonials and logos, computed from the versioned obligation policy and the clients it
//! declared, with the client-refusal exception.
//!
//! The arithmetic is integer-exact (percentages are whole numbers, shares are kept in hundredths), and
//! every computed requirement carries its working as data so pages and the API show the same numbers.

mod clients;
mod compute;
mod contributions;
#[cfg(test)]
mod contributions_tests;
mod deals;
#[cfg(test)]
mod tests;

pub use clients::*;
pub use compute::*;
pub use contributions::*;
pub use deals::*;

use crate::ValidationErrors;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The most any single rule may ask for, and the most clients a partner may declare in a year: a
/// bound that keeps the arithmetic far from overflow and refuses typing mistakes.
pub const MAX_COUNT: u32 = 100_000;
/// Years outside this range are a typing mistake, not a plan.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// What a partner contributes to the program's marketing.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ContributionType {
    CaseStudy,
    /// An article or blog post on a topic the Marketing WG approved.
    Article,
    Testimonial,
    Logo,
}

impl ContributionType {
    pub const ALL: &'static [ContributionType] = &[
        ContributionType::CaseStudy,
        ContributionType::Article,
        ContributionType::Testimonial,
        ContributionType::Logo,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ContributionType::CaseStudy => "case_study",
            ContributionType::Article => "article",
            ContributionType::Testimonial => "testimonial",
            ContributionType::Logo => "logo",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.slug() == s.trim())
            .ok_or("invalid-contribution-type")
    }

    /// Seed 001: logos and testimonials need the client's approval, so a client's refusal exempts
    /// them; case studies and articles stay required and may name no client.
    pub fn needs_client_consent(self) -> bool {
        matches!(self, ContributionType::Testimonial | ContributionType::Logo)
    }
}

/// How a share of clients that is not a whole number becomes a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// "At least 20%": 2.4 → 3.
    Up,
    Down,
    /// Halves go up: 2.5 → 3.
    Nearest,
}

impl Rounding {
    pub const ALL: &'static [Rounding] = &[Rounding::Up, Rounding::Down, Rounding::Nearest];

    pub fn slug(self) -> &'static str {
        match self {
            Rounding::Up => "up",
            Rounding::Down => "down",
            Rounding::Nearest => "nearest",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|r| r.slug() == s.trim())
            .ok_or("invalid-rounding")
    }

    /// Rounds `hundredths / 100` to a whole number.
    pub fn apply(self, hundredths: u64) -> u64 {
        match self {
            Rounding::Up => hundredths.div_ceil(100),
            Rounding::Down => hundredths / 100,
            Rounding::Nearest => (hundredths + 50) / 100,
        }
    }
}

/// How many of one type a partner owes in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// The same count whatever the clients ("at least one of each, X = 1").
    Fixed { count: u32 },
    /// A share of the clients acquired in the year, rounded, then kept within the bounds.
    Share {
        /// Whole percent, 0 to 100.
        percent: u32,
        rounding: Rounding,
        min: Option<u32>,
        max: Option<u32>,
    },
}

/// The years a policy applies to, both ends included; `last: None` is open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Years {
    pub first: i32,
    pub last: Option<i32>,
}

impl Years {
    pub fn contains(&self, year: i32) -> bool {
        year >= self.first && self.last.is_none_or(|l| year <= l)
    }
}

/// One version of the obligation policy: a rule for every contribution type and the years it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ObligationPolicy {
    pub case_study: Rule,
    pub article: Rule,
    pub testimonial: Rule,
    pub logo: Rule,
    pub years: Years,
}

impl ObligationPolicy {
    /// Seed 001's second option, adopted by the demo's Part 5 vote: at least one of each.
    pub fn fixed(count: u32, years: Years) -> Self {
        let r = Rule::Fixed { count };
        Self {
            case_study: r,
            article: r,
            testimonial: r,
            logo: r,
            years,
        }
    }

    pub fn rule(&self, t: ContributionType) -> Rule {
        match t {
            ContributionType::CaseStudy => self.case_study,
            ContributionType::Article => self.article,
            ContributionType::Testimonial => self.testimonial,
            ContributionType::Logo => self.logo,
        }
    }
}

/// One rule as typed in a form or sent to the API. Numbers are signed so that a negative value is
/// refused by name rather than failing to read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RuleInput {
    /// `fixed` or `share`.
    pub kind: String,
    /// For `fixed`.
    pub count: Option<i64>,
    /// For `share`: whole percent, 0 to 100.
    pub percent: Option<i64>,
    /// For `share`: `up` (default), `down` or `nearest`.
    pub rounding: Option<String>,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// A whole policy as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PolicyInput {
    pub case_study: RuleInput,
    pub article: RuleInput,
    pub testimonial: RuleInput,
    pub logo: RuleInput,
    pub first_year: Option<i64>,
    pub last_year: Option<i64>,
}

impl RuleInput {
    pub fn from_rule(r: Rule) -> Self {
        match r {
            Rule::Fixed { count } => Self {
                kind: "fixed".into(),
                count: Some(count.into()),
                ..Self::default()
            },
            Rule::Share {
                percent,
                rounding,
                min,
                max,
            } => Self {
                kind: "share".into(),
                percent: Some(percent.into()),
                rounding: Some(rounding.slug().into()),
                min: min.map(i64::from),
                max: max.map(i64::from),
                ..Self::default()
            },
        }
    }

    /// Field names are `<type>.<part>`, e.g. `case_study.percent`.
    fn parse(&self, e: &mut ValidationErrors, t: ContributionType) -> Option<Rule> {
        let field = |part: &str| format!("{}.{part}", t.slug());
        let count = |e: &mut ValidationErrors, part: &str, v: Option<i64>, required: bool| match v {
            None if required => {
                e.add(field(part), "required");
                None
            }
            None => Some(None),
            Some(n) => e.check(&field(part), parse_count(n)).map(Some),
        };
        match self.kind.trim() {
            "fixed" => Some(Rule::Fixed {
                count: count(e, "count", self.count, true)??,
            }),
            "share" => {
                let percent = match self.percent {
                    None => {
                        e.add(field("percent"), "required");
                        None
                    }
                    Some(p) => e.check(&field("percent"), parse_percent(p)),
                };
                let rounding = match self.rounding.as_deref().map(str::trim) {
                    None | Some("") => Some(Rounding::Up),
                    Some(r) => e.check(&field("rounding"), Rounding::parse(r)),
                };
                let min = count(e, "min", self.min, false);
                let max = count(e, "max", self.max, false);
                if let (Some(Some(lo)), Some(Some(hi))) = (min, max) {
                    if lo > hi {
                        e.add(field("max"), "max-below-min");
                    }
                }
                Some(Rule::Share {
                    percent: percent?,
                    rounding: rounding?,
                    min: min?,
                    max: max?,
                })
            }
            "" => {
                e.add(field("kind"), "required");
                None
            }
            _ => {
                e.add(field("kind"), "invalid-rule-kind");
                None
            }
        }
    }
}

fn parse_count(n: i64) -> Result<u32, &'static str> {
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_COUNT)
        .ok_or("invalid-number")
}

fn parse_percent(p: i64) -> Result<u32, &'static str> {
    u32::try_from(p)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or("percent-out-of-range")
}

/// A year as given in a form, the API or a path.
pub fn parse_year(y: i64) -> Result<i32, &'static str> {
    i32::try_from(y)
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or("invalid-year")
}

impl PolicyInput {
    pub fn from_policy(p: &ObligationPolicy) -> Self {
        Self {
            case_study: RuleInput::from_rule(p.case_study),
            article: RuleInput::from_rule(p.article),
            testimonial: RuleInput::from_rule(p.testimonial),
            logo: RuleInput::from_rule(p.logo),
            first_year: Some(p.years.first.into()),
            last_year: p.years.last.map(i64::from),
        }
    }

    pub fn parse(&self) -> Result<ObligationPolicy, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let case_study = self.case_study.parse(&mut e, ContributionType::CaseStudy);
        let article = self.article.parse(&mut e, ContributionType::Article);
        let testimonial = self
            .testimonial
            .parse(&mut e, ContributionType::Testimonial);
        let logo = self.logo.parse(&mut e, ContributionType::Logo);
        let first = match self.first_year {
            None => {
                e.add("first_year", "required");
                None
            }
            Some(y) => e.check("first_year", parse_year(y)),
        };
        let last = match self.last_year {
            None => Some(None),
            Some(y) => e.check("last_year", parse_year(y)).map(Some),
        };
        if let (Some(f), Some(Some(l))) = (first, last) {
            if l < f {
                e.add("last_year", "last-year-before-first");
            }
        }
        match (case_study, article, testimonial, logo, first, last) {
            (
                Some(case_study),
                Some(article),
                Some(testimonial),
                Some(logo),
                Some(first),
                Some(last),
            ) if e.is_empty() => Ok(ObligationPolicy {
                case_study,
                article,
                testimonial,
                logo,
                years: Years { first, last },
            }),
            _ => Err(e),
        }
    }
}

/// The policy that governs `year`: the most recently adopted version whose years include it.
/// `versions` are (version number, policy) in any order.
pub fn policy_for_year<T>(
    versions: &[T],
    year: i32,
    policy: impl Fn(&T) -> (i64, &ObligationPolicy),
) -> Option<&T> {
    versions
        .iter()
        .filter(|v| policy(v).1.years.contains(year))
        .max_by_key(|v| policy(v).0)
}

/// The first and last day of a calendar year.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// Where a partner stands on one type in one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// As many approved as required.
    Met,
    /// Short, but not behind the pace of the year (or the year has not started).
    OnTrack,
    /// Behind the expected pace, or short in the year's last quarter.
    Behind,
    /// The year is over and it is short.
    Overdue,
}

impl ObligationStatus {
    pub fn slug(self) -> &'static str {
        match self {
            ObligationStatus::Met => "met",
            ObligationStatus::OnTrack => "on_track",
            ObligationStatus::Behind => "behind",
            ObligationStatus::Overdue => "overdue",
        }
    }

    /// From the expected pace through the year: by a given day, `required × elapsed / days`
    /// (rounded down) should be approved. A single item would then never be "behind" before it is
    /// overdue, so anything still short in the last quarter is behind too.
    pub fn of(required: u32, approved: u32, year: i32, today: NaiveDate) -> ObligationStatus {
        if approved >= required {
            return ObligationStatus::Met;
        }
        let Some((first, last)) = year_bounds(year) else {
            return ObligationStatus::OnTrack;
        };
        if today > last {
            return ObligationStatus::Overdue;
        }
        if today < first {
            return ObligationStatus::OnTrack;
        }
        let days = i64::from(last.ordinal());
        let elapsed = i64::from(today.ordinal());
        let expected = i64::from(required) * elapsed / days;
        if i64::from(approved) < expected || elapsed * 4 >= days * 3 {
            ObligationStatus::Behind
        } else {
            ObligationStatus::OnTrack
        }
    }
}
