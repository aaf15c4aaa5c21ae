//! The Distinguished Contributor program (seed 003, issue 12): categories with their rubrics, yearly
//! cycles, nominations, the review panel's scores, decisions and appeals, awards with one-year terms
//! and their renewal, the retention rule read from the activity ledger, lifetime status, evidence per
//! criterion, identities and bots for the git import, the program's KPIs and budget, and what each
//! member shows in the hall of fame.
//!
//! Everything here is pure: callers pass `today` (from the store's clock) and the facts they read.
//! Form fields are named as the forms name them; nested ones use dots (`criteria.0.key`,
//! `justification.code-contributions`, `scores.mentorship`).

use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};

pub mod award;
pub mod budget;
pub mod categories;
pub mod cycle;
pub mod evidence;
pub mod hall_of_fame;
pub mod identity;
pub mod kpi;
pub mod nomination;
pub mod records;
pub mod retention;
pub mod review;

pub use award::{
    lifetime_due, term_end, transition, Award, AwardEvent, AwardKind, AwardState, TermRecord,
    TransitionError,
};
pub use categories::{default_categories, Category, CategoryInput, Criterion, SubjectKind};
pub use cycle::{Cycle, CycleInput, Phase};
pub use nomination::{merge, Nomination, NominationInput, Nominee, NomineeResponse};
pub use retention::{retention_check, warning_due, ActivitySummary, RetentionCheck};
pub use review::{conflict, weighted_score, Aggregate, ConflictReason, Decision, ScoreSet};

/// Someone acting in the program (a nominator, a panelist, an appellant): their person id and the
/// partner organizations they belong to, which decide self-nominations and conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonRef<'a> {
    pub person_id: i64,
    pub partner_ids: &'a [i64],
}

/// Smallest and largest panel quorum: one reviewer at least, and no more than a panel can staff.
pub const QUORUM_RANGE: std::ops::RangeInclusive<u8> = 1..=15;
pub const DEFAULT_QUORUM: u8 = 3;
/// Days a member keeps their standing after a term ends while the renewal is decided.
pub const DEFAULT_GRACE_DAYS: u16 = 30;
pub const MAX_GRACE_DAYS: u16 = 180;

/// Settings of the program an admin may change; everything else is a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProgramSettings {
    /// Complete, non-recused score sets a nomination needs before the panel may decide it.
    pub quorum: u8,
    /// Days of grace after a term ends (`award::TermEnded` → `Grace`).
    pub grace_days: u16,
}

impl Default for ProgramSettings {
    fn default() -> Self {
        Self {
            quorum: DEFAULT_QUORUM,
            grace_days: DEFAULT_GRACE_DAYS,
        }
    }
}

/// The settings form, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProgramSettingsInput {
    /// A whole number from 1 to 15.
    pub quorum: String,
    /// A whole number of days from 0 to 180.
    pub grace_days: String,
}

impl ProgramSettingsInput {
    pub fn parse(&self) -> Result<ProgramSettings, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let quorum = e.check(
            "quorum",
            parse_number(
                &self.quorum,
                *QUORUM_RANGE.start() as i64,
                *QUORUM_RANGE.end() as i64,
            ),
        );
        let grace = e.check(
            "grace_days",
            parse_number(&self.grace_days, 0, MAX_GRACE_DAYS as i64),
        );
        match (quorum, grace) {
            (Some(q), Some(g)) if e.is_empty() => Ok(ProgramSettings {
                quorum: q as u8,
                grace_days: g as u16,
            }),
            _ => Err(e),
        }
    }
}

/// A whole number in `min..=max`, written as a person writes it (surrounding spaces allowed).
pub(crate) fn parse_number(s: &str, min: i64, max: i64) -> Result<i64, &'static str> {
    match s.trim() {
        "" => Err("required"),
        s => s
            .parse::<i64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or("invalid-number"),
    }
}

/// Free text of a form: trimmed, line breaks normalised, `required` or `too-long` (in characters).
pub(crate) fn text(
    e: &mut ValidationErrors,
    field: &str,
    s: &str,
    max: usize,
    required: bool,
) -> String {
    crate::partner::parse_text(e, field, s, max, required)
}

/// A slug: 2 to 60 lowercase ASCII letters, digits and single inner hyphens (the house rule of
/// `invalid-slug`), so it is safe in URLs, translation keys and form field names.
pub(crate) fn parse_slug(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    let ok = (2..=60).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--");
    if ok {
        Ok(s.to_string())
    } else {
        Err("invalid-slug")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_default_to_a_quorum_of_three_and_thirty_days_of_grace() {
        let s = ProgramSettings::default();
        assert_eq!((s.quorum, s.grace_days), (3, 30));
        let parsed = ProgramSettingsInput {
            quorum: " 5 ".into(),
            grace_days: "0".into(),
        }
        .parse()
        .expect("valid");
        assert_eq!((parsed.quorum, parsed.grace_days), (5, 0));
        for bad in ["0", "16", "three", "-1", "2.5"] {
            let e = ProgramSettingsInput {
                quorum: bad.into(),
                grace_days: "30".into(),
            }
            .parse()
            .expect_err(bad);
            assert_eq!(e.get("quorum"), Some("invalid-number"), "{bad}");
        }
        let e = ProgramSettingsInput::default().parse().expect_err("blank");
        assert_eq!(e.get("quorum"), Some("required"));
        assert_eq!(e.get("grace_days"), Some("required"));
        let e = ProgramSettingsInput {
            quorum: "3".into(),
            grace_days: "181".into(),
        }
        .parse()
        .expect_err("long grace");
        assert_eq!(e.get("grace_days"), Some("invalid-number"));
    }

    #[test]
    fn slugs_are_lowercase_words_joined_by_single_hyphens() {
        assert_eq!(
            parse_slug(" code-contributions "),
            Ok("code-contributions".into())
        );
        for bad in ["a", "Code", "code--x", "-x", "x-", "code x", "é-x"] {
            assert_eq!(parse_slug(bad), Err("invalid-slug"), "{bad}");
        }
        assert_eq!(parse_slug(" "), Err("required"));
    }
}
