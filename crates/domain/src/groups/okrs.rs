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

/// An objective as proposed: qualitative, in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewObjective {
    pub period: Quarter,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ObjectiveInput {
    /// `2026-Q4`; the current quarter when empty.
    pub period: String,
    pub title: String,
    pub description: String,
}

impl ObjectiveInput {
    pub fn parse(&self, today: NaiveDate) -> Result<NewObjective, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let period = match self.period.trim() {
            "" => Some(Quarter::containing(today)),
            s => e.check("period", Quarter::parse(s)),
        };
        let title = e.check("title", short_text(&self.title, 200));
        let description = self.description.trim().to_string();
        if description.chars().count() > 5000 {
            e.add("description", "too-long");
        }
        match (period, title) {
            (Some(period), Some(title)) if e.is_empty() => Ok(NewObjective {
                period,
                title,
                description,
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
            }),
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

    proptest! {
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
