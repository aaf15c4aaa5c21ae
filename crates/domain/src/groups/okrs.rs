//! Objectives and key results of a group (issue 10): per group and period (a quarter by default),
//! qualitative objectives with up to five measurable key results each, a confidence per key result in
//! tenths (0 to 1.0), check-ins that move a key result, and progress that rolls up from the key results
//! to their objective (equal weights unless set).

use crate::category;
use crate::validation::ValidationErrors;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// An objective has at most five key results: more means it is not one objective.
pub const MAX_KEY_RESULTS: usize = 5;
/// Values are kept in hundredths (cents, or a percentage with two decimals), as whole numbers.
pub const SCALE: i64 = 100;
const MAX_VALUE: i64 = 1_000_000_000_000 * SCALE;
pub const MAX_WEIGHT: i64 = 100;

category!(
    /// What a key result measures.
    KeyResultKind, "kr-kind", "invalid-kr-kind", {
        Number => "number",
        Percentage => "percentage",
        Currency => "currency",
        Milestone => "milestone",
    }
);

/// How sure the group is that a key result will be met, in tenths: 0.0 to 1.0 in steps of 0.1.
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
pub struct Confidence(u8);

impl Confidence {
    pub const DEFAULT: Confidence = Confidence(5);

    pub fn from_tenths(t: i64) -> Option<Self> {
        u8::try_from(t).ok().filter(|t| *t <= 10).map(Confidence)
    }

    pub fn tenths(self) -> i64 {
        i64::from(self.0)
    }

    /// "0.7", "0.70", "1", "1.0" or "0" — any other value, or a step finer than 0.1, is refused.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let hundredths = parse_hundredths(s).map_err(|_| "invalid-confidence")?;
        if hundredths % 10 != 0 {
            return Err("invalid-confidence");
        }
        Self::from_tenths(hundredths / 10).ok_or("invalid-confidence")
    }

    /// The confidence in words (the key of its label): low below 0.4, medium to 0.6, high from 0.7.
    pub fn band(self) -> &'static str {
        match self.0 {
            0..=3 => "low",
            4..=6 => "medium",
            _ => "high",
        }
    }

    pub fn label_key(self) -> String {
        format!("confidence-{}", self.band())
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// A decimal with at most two places, as hundredths ("12.5" is 1250; "-3" is -300).
pub fn parse_hundredths(s: &str) -> Result<i64, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Err("required");
    }
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.len() <= 2
        && frac.chars().all(|c| c.is_ascii_digit())
        && whole.len() <= 13;
    if !ok {
        return Err("invalid-number");
    }
    let whole: i64 = whole.parse().map_err(|_| "invalid-number")?;
    let frac: i64 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| "invalid-number")?;
    let v = whole * SCALE + frac;
    if v > MAX_VALUE {
        return Err("out-of-range");
    }
    Ok(if neg { -v } else { v })
}

/// Hundredths written back as a decimal ("12.50" → "12.5", "300" → "3").
pub fn format_hundredths(v: i64) -> String {
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    let (whole, frac) = (a / 100, a % 100);
    match frac {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// A period of OKRs: a quarter ("2026-Q4").
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
pub struct Quarter {
    pub year: i32,
    pub quarter: u32,
}

impl Quarter {
    pub fn containing(d: NaiveDate) -> Self {
        Quarter {
            year: d.year(),
            quarter: d.month0() / 3 + 1,
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let (y, q) = s.trim().split_once("-Q").ok_or("invalid-period")?;
        let year: i32 = y.parse().map_err(|_| "invalid-period")?;
        let quarter: u32 = q.parse().map_err(|_| "invalid-period")?;
        if !(2000..=2200).contains(&year) || !(1..=4).contains(&quarter) {
            return Err("invalid-period");
        }
        Ok(Quarter { year, quarter })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.quarter - 1) * 3 + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let next = if self.quarter == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.quarter * 3 + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// Check-ins move a key result only until its period is over.
    pub fn is_closed(self, today: NaiveDate) -> bool {
        today > self.last_day()
    }
}

impl std::fmt::Display for Quarter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-Q{}", self.year, self.quarter)
    }
}

/// An objective as proposed: qualitative, in a period, optionally serving an objective of the parent
/// group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewObjective {
    pub period: Quarter,
    pub title: String,
    pub description: String,
    /// The parent group's objective this one serves.
    pub aligned_to: Option<i64>,
    /// Whether members (not only facilitators) may check in on its key results.
    pub members_check_in: bool,
    /// Open for the community's comments until adopted (`okr_proposals`); ignored when editing.
    pub proposed: bool,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ObjectiveInput {
    /// `2026-Q4`; the current quarter when empty.
    pub period: String,
    pub title: String,
    pub description: String,
    /// The id of an objective of the parent group in the same period; none when empty.
    pub aligned_to: String,
    /// Whether members may check in (facilitators always may).
    pub members_check_in: bool,
    /// Propose it for the community's comments before adopting it; adopted at once when false.
    pub propose: bool,
}

impl ObjectiveInput {
    pub fn parse(&self, today: NaiveDate) -> Result<NewObjective, ValidationErrors> {
        let mut e = ValidationErrors::new();
        // A quarter already over is history: objectives are neither set nor rewritten there.
        let period = match self.period.trim() {
            "" => Some(Quarter::containing(today)),
            s => e.check(
                "period",
                Quarter::parse(s).and_then(|q| {
                    if q.is_closed(today) {
                        Err("period-closed")
                    } else {
                        Ok(q)
                    }
                }),
            ),
        };
        let title = e.check("title", short_text(&self.title, 200));
        let description = self.description.trim().to_string();
        if description.chars().count() > 5000 {
            e.add("description", "too-long");
        }
        let aligned_to = match self.aligned_to.trim() {
            "" => Some(None),
            s => e.check(
                "aligned_to",
                s.parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .map(Some)
                    .ok_or("not-parent-objective"),
            ),
        };
        match (period, title, aligned_to) {
            (Some(period), Some(title), Some(aligned_to)) if e.is_empty() => Ok(NewObjective {
                period,
                title,
                description,
                aligned_to,
                members_check_in: self.members_check_in,
                proposed: self.propose,
            }),
            _ => Err(e),
        }
    }
}

fn short_text(s: &str, max: usize) -> Result<String, &'static str> {
    let s = s.trim();
    if s.chars().count() < 3 {
        Err("too-short")
    } else if s.chars().count() > max {
        Err("too-long")
    } else {
        Ok(s.to_string())
    }
}

/// A key result: from `start` to `target` (either direction), where it is now, how sure the group is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct KeyResult {
    pub title: String,
    pub kind: KeyResultKind,
    /// In hundredths.
    pub start: i64,
    pub target: i64,
    pub current: i64,
    pub unit: String,
    pub confidence: Confidence,
    /// Its share in the objective's progress; equal (1) unless set.
    pub weight: i64,
    /// The figure it is bound to, if any: its value is then computed, not checked in.
    #[schema(value_type = Option<String>, example = "members")]
    pub bound_to: Option<super::figures::Figure>,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct KeyResultInput {
    pub title: String,
    /// `number`, `percentage`, `currency` or `milestone`.
    pub kind: String,
    pub start: String,
    pub target: String,
    pub unit: String,
    /// 0 to 1.0 in steps of 0.1; 0.5 when empty.
    pub confidence: String,
    /// 1 to 100; 1 when empty.
    pub weight: String,
    /// A figure Agora computes, which then moves it without check-ins (number key results only):
    /// `members`, `updates-posted`, `contributions-approved` or `leads-accepted:<region>`; none when
    /// empty.
    pub bound_to: String,
}

impl KeyResultInput {
    pub fn parse(&self) -> Result<KeyResult, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = e.check("title", short_text(&self.title, 200));
        let kind = e.check("kind", KeyResultKind::parse(&self.kind));
        // A milestone is done or not: from 0 to 1.
        let (start, target) = if kind == Some(KeyResultKind::Milestone) {
            (Some(0), Some(SCALE))
        } else {
            (
                e.check("start", parse_hundredths(&self.start)),
                e.check("target", parse_hundredths(&self.target)),
            )
        };
        if kind == Some(KeyResultKind::Percentage) {
            for (field, v) in [("start", start), ("target", target)] {
                if v.is_some_and(|v| !(0..=100 * SCALE).contains(&v)) {
                    e.add(field, "out-of-range");
                }
            }
        }
        if let (Some(s), Some(t)) = (start, target) {
            if s == t {
                e.add("target", "target-equals-start");
            }
        }
        let unit = self.unit.trim().to_string();
        if unit.chars().count() > 30 {
            e.add("unit", "too-long");
        }
        let confidence = match self.confidence.trim() {
            "" => Some(Confidence::DEFAULT),
            s => e.check("confidence", Confidence::parse(s)),
        };
        let weight = match self.weight.trim() {
            "" => Some(1),
            s => e.check(
                "weight",
                s.parse::<i64>()
                    .ok()
                    .filter(|w| (1..=MAX_WEIGHT).contains(w))
                    .ok_or("out-of-range"),
            ),
        };
        let bound_to = e.check("bound_to", super::figures::Figure::parse(&self.bound_to));
        if let (Some(Some(_)), Some(kind)) = (&bound_to, kind) {
            if let Err(c) = super::figures::may_bind(kind) {
                e.add("bound_to", c);
            }
        }
        match (title, kind, start, target, confidence, weight) {
            (
                Some(title),
                Some(kind),
                Some(start),
                Some(target),
                Some(confidence),
                Some(weight),
            ) if e.is_empty() => Ok(KeyResult {
                title,
                kind,
                start,
                target,
                current: start,
                unit,
                confidence,
                weight,
                bound_to: bound_to.flatten(),
            }),
            _ => Err(e),
        }
    }
}

/// Whether an objective of a group whose parent is `parent` may serve `target`, an objective of group
/// `target_group` in `target_period`: only an objective of the parent group, in the same period.
pub fn may_align(
    parent: Option<i64>,
    period: Quarter,
    target_group: i64,
    target_period: Quarter,
) -> Result<(), &'static str> {
    if parent != Some(target_group) || period != target_period {
        Err("not-parent-objective")
    } else {
        Ok(())
    }
}

/// Who may check in on a key result: facilitators always, members when the objective lets them.
pub fn may_check_in(is_facilitator: bool, is_member: bool, members_check_in: bool) -> bool {
    is_facilitator || (is_member && members_check_in)
}

/// A key result is due for a check-in when nothing moved it for this many days in an open period.
pub const CHECK_IN_DUE_DAYS: i64 = 14;

/// Whether a key result of `period`, last checked in (or created) on `last`, is due for a check-in
/// on `today`: its period is open, it is not scored, and 14 days have passed.
pub fn check_in_due(period: Quarter, scored: bool, last: NaiveDate, today: NaiveDate) -> bool {
    !scored && !period.is_closed(today) && (today - last).num_days() >= CHECK_IN_DUE_DAYS
}

/// The end-of-period score of a key result: 0 to 1.0 in tenths.
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
pub struct Score(u8);

impl Score {
    pub fn from_tenths(t: i64) -> Option<Self> {
        u8::try_from(t).ok().filter(|t| *t <= 10).map(Score)
    }

    pub fn tenths(self) -> i64 {
        i64::from(self.0)
    }

    /// "0.7", "1", "0" and the like; a step finer than 0.1 or a value outside 0–1 is refused.
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let c = Confidence::parse(s).map_err(|_| "invalid-score")?;
        Ok(Score(c.0))
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// Scoring opens this many days before the period ends and stays open after it.
pub const SCORING_OPENS_DAYS: i64 = 14;

impl Quarter {
    /// Whether key results of this period may be scored on `today`: from its last 14 days on.
    pub fn scoring_open(self, today: NaiveDate) -> bool {
        (self.last_day() - today).num_days() < SCORING_OPENS_DAYS
    }
}

/// A key result's score at the end of its period, with the facilitator's closing note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scoring {
    pub score: Score,
    pub note: String,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ScoreInput {
    /// 0 to 1.0 in steps of 0.1.
    pub score: String,
    /// What was learned; required.
    pub note: String,
}

impl ScoreInput {
    /// A score for a key result of `period` on `today`: refused before the period's last 14 days.
    pub fn parse(&self, period: Quarter, today: NaiveDate) -> Result<Scoring, ValidationErrors> {
        let mut e = ValidationErrors::new();
        if !period.scoring_open(today) {
            e.add("score", "period-not-ending");
            return Err(e);
        }
        let score = e.check("score", Score::parse(&self.score));
        let note = e.check(
            "note",
            match self.note.trim() {
                "" => Err("required"),
                n if n.chars().count() > 2000 => Err("too-long"),
                n => Ok(n.to_string()),
            },
        );
        match (score, note) {
            (Some(score), Some(note)) if e.is_empty() => Ok(Scoring { score, note }),
            _ => Err(e),
        }
    }
}

/// Whether another key result fits the objective.
pub fn may_add_key_result(existing: usize) -> Result<(), &'static str> {
    if existing >= MAX_KEY_RESULTS {
        Err("too-many-key-results")
    } else {
        Ok(())
    }
}

/// Progress from start to target, in per-mille (0 to 1000), whichever way the target lies; past the
/// target counts as done, behind the start as nothing.
pub fn progress(start: i64, target: i64, current: i64) -> i64 {
    if start == target {
        return if current == target { 1000 } else { 0 };
    }
    let (span, done) = (
        i128::from(target) - i128::from(start),
        i128::from(current) - i128::from(start),
    );
    let p = done * 1000 / span;
    p.clamp(0, 1000) as i64
}

impl KeyResult {
    pub fn progress(&self) -> i64 {
        progress(self.start, self.target, self.current)
    }
}

/// An objective's progress (per-mille): its key results' progress weighted by their weights; 0 with
/// none.
pub fn roll_up(krs: &[(i64, i64)]) -> i64 {
    let total: i64 = krs.iter().map(|(_, w)| *w).sum();
    if total <= 0 {
        return 0;
    }
    let sum: i64 = krs.iter().map(|(p, w)| p * w).sum();
    sum / total
}

/// A check-in as sent: the new value, the confidence now, and a comment.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CheckInInput {
    pub value: String,
    pub confidence: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckIn {
    pub value: i64,
    pub confidence: Confidence,
    pub comment: String,
}

impl CheckInInput {
    /// A check-in for a key result of `kind` in `period`, on `today`: refused once the period is over.
    pub fn parse(
        &self,
        kind: KeyResultKind,
        period: Quarter,
        today: NaiveDate,
    ) -> Result<CheckIn, ValidationErrors> {
        let mut e = ValidationErrors::new();
        if period.is_closed(today) {
            e.add("period", "period-closed");
            return Err(e);
        }
        // Progress is measured from the quarter's first day, not before.
        if today < period.first_day() {
            e.add("period", "period-not-started");
            return Err(e);
        }
        let value = e.check("value", parse_hundredths(&self.value));
        if let Some(v) = value {
            let ok = match kind {
                KeyResultKind::Milestone => v == 0 || v == SCALE,
                KeyResultKind::Percentage => (0..=100 * SCALE).contains(&v),
                _ => true,
            };
            if !ok {
                e.add("value", "out-of-range");
            }
        }
        let confidence = e.check("confidence", Confidence::parse(&self.confidence));
        let comment = self.comment.trim().to_string();
        if comment.chars().count() > 2000 {
            e.add("comment", "too-long");
        }
        match (value, confidence) {
            (Some(value), Some(confidence)) if e.is_empty() => Ok(CheckIn {
                value,
                confidence,
                comment,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn confidence_is_tenths_from_zero_to_one_with_words() {
        assert_eq!(Confidence::parse("0.7").map(|c| c.tenths()), Ok(7));
        assert_eq!(Confidence::parse("1").map(|c| c.tenths()), Ok(10));
        assert_eq!(
            Confidence::parse("0.70").map(|c| c.to_string()),
            Ok("0.7".into())
        );
        for bad in ["1.1", "-0.1", "0.75", "abc", "", "2"] {
            assert_eq!(Confidence::parse(bad), Err("invalid-confidence"), "{bad}");
        }
        assert_eq!(Confidence::parse("0.3").map(|c| c.band()), Ok("low"));
        assert_eq!(Confidence::parse("0.5").map(|c| c.band()), Ok("medium"));
        assert_eq!(Confidence::parse("0.7").map(|c| c.band()), Ok("high"));
    }

    #[test]
    fn quarters_bound_check_ins() {
        let q = Quarter::parse("2026-Q4").expect("quarter");
        assert_eq!(
            (q.first_day(), q.last_day()),
            (day("2026-10-01"), day("2026-12-31"))
        );
        assert_eq!(
            Quarter::containing(day("2026-02-14")).to_string(),
            "2026-Q1"
        );
        assert_eq!(Quarter::parse("2026-Q5"), Err("invalid-period"));
        let input = CheckInInput {
            value: "12".into(),
            confidence: "0.6".into(),
            comment: String::new(),
        };
        assert!(input
            .parse(KeyResultKind::Number, q, day("2026-12-31"))
            .is_ok());
        let e = input
            .parse(KeyResultKind::Number, q, day("2027-01-01"))
            .expect_err("closed");
        assert_eq!(e.get("period"), Some("period-closed"));
        // Nor before it starts, when there is nothing to measure yet.
        let e = input
            .parse(KeyResultKind::Number, q, day("2026-09-30"))
            .expect_err("not started");
        assert_eq!(e.get("period"), Some("period-not-started"));
        // Objectives are not set in a quarter already over; the current and later ones are open.
        let objective = |period: &str| ObjectiveInput {
            title: "Grow".into(),
            period: period.into(),
            ..Default::default()
        };
        let e = objective("2026-Q3")
            .parse(day("2026-10-01"))
            .expect_err("over");
        assert_eq!(e.get("period"), Some("period-closed"));
        assert!(objective("2026-Q4").parse(day("2026-10-01")).is_ok());
        assert!(objective("2027-Q1").parse(day("2026-10-01")).is_ok());
        let e = CheckInInput {
            value: "0.5".into(),
            confidence: "1.2".into(),
            comment: String::new(),
        }
        .parse(KeyResultKind::Milestone, q, day("2026-11-01"))
        .expect_err("bad");
        assert_eq!(
            (e.get("value"), e.get("confidence")),
            (Some("out-of-range"), Some("invalid-confidence"))
        );
    }

    #[test]
    fn key_results_parse_with_defaults_and_named_errors() {
        let kr = KeyResultInput {
            title: "Publish case studies".into(),
            kind: "number".into(),
            start: "0".into(),
            target: "12".into(),
            unit: "case studies".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid");
        assert_eq!((kr.target, kr.current, kr.weight), (1200, 0, 1));
        assert_eq!(kr.confidence, Confidence::DEFAULT);
        let e = KeyResultInput {
            title: "x".into(),
            kind: "percentage".into(),
            start: "10".into(),
            target: "140".into(),
            confidence: "0.55".into(),
            weight: "0".into(),
            ..Default::default()
        }
        .parse()
        .expect_err("invalid");
        assert_eq!(e.get("title"), Some("too-short"));
        assert_eq!(e.get("target"), Some("out-of-range"));
        assert_eq!(e.get("confidence"), Some("invalid-confidence"));
        assert_eq!(e.get("weight"), Some("out-of-range"));
        assert_eq!(may_add_key_result(4), Ok(()));
        assert_eq!(may_add_key_result(5), Err("too-many-key-results"));
        assert_eq!(format_hundredths(1250), "12.5");
        assert_eq!(format_hundredths(-305), "-3.05");
        assert_eq!(parse_hundredths("1.234"), Err("invalid-number"));
    }

    #[test]
    fn progress_goes_either_way_and_rolls_up_by_weight() {
        assert_eq!(progress(0, 1200, 600), 500);
        // Reduce time to first answer from 48 to 24 hours: at 36 it is half way.
        assert_eq!(progress(4800, 2400, 3600), 500);
        assert_eq!(progress(0, 100, 250), 1000);
        assert_eq!(progress(0, 100, -50), 0);
        assert_eq!(roll_up(&[(1000, 1), (0, 1)]), 500);
        assert_eq!(roll_up(&[(1000, 3), (0, 1)]), 750);
        assert_eq!(roll_up(&[]), 0);
    }

    #[test]
    fn scoring_opens_in_the_last_two_weeks_and_needs_a_note() {
        let q = Quarter::parse("2026-Q4").expect("quarter");
        let input = ScoreInput {
            score: "0.7".into(),
            note: "Two of three case studies; the third moves to Q1.".into(),
        };
        let e = input.parse(q, day("2026-12-17")).expect_err("too early");
        assert_eq!(e.get("score"), Some("period-not-ending"));
        let s = input.parse(q, day("2026-12-18")).expect("open");
        assert_eq!((s.score.tenths(), s.score.to_string()), (7, "0.7".into()));
        assert!(input.parse(q, day("2027-02-01")).is_ok(), "after the end");
        let e = ScoreInput {
            score: "1.5".into(),
            note: " ".into(),
        }
        .parse(q, day("2027-01-02"))
        .expect_err("bad");
        assert_eq!(
            (e.get("score"), e.get("note")),
            (Some("invalid-score"), Some("required"))
        );
    }

    #[test]
    fn alignment_check_ins_and_due_dates() {
        let q = Quarter::parse("2026-Q4").expect("quarter");
        let next = Quarter::parse("2027-Q1").expect("quarter");
        assert_eq!(may_align(Some(7), q, 7, q), Ok(()));
        assert_eq!(may_align(Some(7), q, 8, q), Err("not-parent-objective"));
        assert_eq!(may_align(None, q, 7, q), Err("not-parent-objective"));
        assert_eq!(may_align(Some(7), q, 7, next), Err("not-parent-objective"));
        assert!(may_check_in(true, true, false));
        assert!(may_check_in(false, true, true));
        assert!(!may_check_in(false, true, false));
        assert!(!may_check_in(false, false, true));
        assert!(!check_in_due(
            q,
            false,
            day("2026-11-01"),
            day("2026-11-14")
        ));
        assert!(check_in_due(q, false, day("2026-11-01"), day("2026-11-15")));
        assert!(!check_in_due(q, true, day("2026-11-01"), day("2026-11-15")));
        assert!(!check_in_due(
            q,
            false,
            day("2026-11-01"),
            day("2027-01-02")
        ));
        let e = ObjectiveInput {
            title: "Grow".into(),
            aligned_to: "x".into(),
            ..Default::default()
        }
        .parse(day("2026-11-01"))
        .expect_err("bad");
        assert_eq!(e.get("aligned_to"), Some("not-parent-objective"));
    }

    proptest! {
        /// A score parses exactly the eleven steps from 0 to 1.0.
        #[test]
        fn score_round_trips(h in -50i64..=150) {
            let s = format_hundredths(h);
            let parsed = Score::parse(&s);
            prop_assert_eq!(parsed.is_ok(), (0..=100).contains(&h) && h % 10 == 0);
            if let Ok(score) = parsed {
                prop_assert_eq!(Score::parse(&score.to_string()), Ok(score));
            }
        }

        /// Every one of the eleven steps parses back to itself; nothing else between 0 and 1 does.
        #[test]
        fn confidence_round_trips(h in 0i64..=100) {
            let s = format!("{}.{:02}", h / 100, h % 100);
            let parsed = Confidence::parse(&s);
            prop_assert_eq!(parsed.is_ok(), h % 10 == 0);
            if let Ok(c) = parsed {
                prop_assert_eq!(Confidence::parse(&c.to_string()), Ok(c));
            }
        }

        /// Progress stays within 0-100 % and never falls as the value moves toward the target.
        #[test]
        fn progress_is_bounded_and_monotone(start in -10_000i64..10_000, span in 1i64..10_000,
                                            a in -20_000i64..20_000, b in -20_000i64..20_000,
                                            down in any::<bool>()) {
            let target = if down { start - span } else { start + span };
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            let (near, far) = if down { (hi, lo) } else { (lo, hi) };
            let (p_near, p_far) = (progress(start, target, near), progress(start, target, far));
            prop_assert!((0..=1000).contains(&p_near) && (0..=1000).contains(&p_far));
            prop_assert!(p_near <= p_far);
        }

        /// An objective's progress lies between its least and most advanced key results.
        #[test]
        fn roll_up_lies_between_its_key_results(krs in prop::collection::vec((0i64..=1000, 1i64..=100), 1..=5)) {
            let r = roll_up(&krs);
            let min = krs.iter().map(|k| k.0).min().unwrap_or(0);
            let max = krs.iter().map(|k| k.0).max().unwrap_or(0);
            prop_assert!(min <= r && r <= max);
        }

        /// Decimals with up to two places survive parsing and writing back.
        #[test]
        fn hundredths_round_trip(v in -1_000_000_000i64..1_000_000_000) {
            prop_assert_eq!(parse_hundredths(&format_hundredths(v)), Ok(v));
        }
    }
}
