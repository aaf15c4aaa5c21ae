//! Yes/no motions: quorum, threshold and base.

use super::*;

/// How many people must take part for a yes/no vote to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Quorum {
    None,
    /// This percentage of the electorate must vote (yes, no or abstain).
    Percent(u32),
}

impl Quorum {
    /// `none`, or a whole percentage from 0 to 100 (0 is the same as `none`).
    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "none" => Ok(Quorum::None),
            s => match s.parse::<u32>() {
                Ok(p) if p <= 100 => Ok(Quorum::Percent(p)),
                _ => Err("invalid-quorum"),
            },
        }
    }

    pub fn slug(self) -> String {
        match self {
            Quorum::None => "none".into(),
            Quorum::Percent(p) => p.to_string(),
        }
    }
}

/// What share of the base a motion needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Threshold {
    /// Strictly more than half.
    SimpleMajority,
    /// At least two thirds.
    TwoThirds,
}

impl Threshold {
    pub const ALL: [Threshold; 2] = [Threshold::SimpleMajority, Threshold::TwoThirds];

    pub fn slug(self) -> &'static str {
        match self {
            Threshold::SimpleMajority => "simple_majority",
            Threshold::TwoThirds => "two_thirds",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|t| t.slug() == s)
            .ok_or("invalid-threshold")
    }

    /// The fewest yes votes that meet the threshold out of `base`, but at least one.
    pub fn needed(self, base: u64) -> u64 {
        let base = u128::from(base);
        let needed = match self {
            Threshold::SimpleMajority => base / 2 + 1,
            // yes / base ≥ 2/3  ⇔  3·yes ≥ 2·base  ⇔  yes ≥ ⌈2·base / 3⌉.
            Threshold::TwoThirds => (2 * base).div_ceil(3),
        };
        u64::try_from(needed.max(1)).unwrap_or(u64::MAX)
    }
}

/// What the threshold is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Base {
    /// Yes plus no, plus abstentions when the rules count them.
    VotesCast,
    /// Everyone entitled to vote, voting or not.
    Electorate,
}

impl Base {
    pub const ALL: [Base; 2] = [Base::VotesCast, Base::Electorate];

    pub fn slug(self) -> &'static str {
        match self {
            Base::VotesCast => "votes_cast",
            Base::Electorate => "electorate",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|b| b.slug() == s)
            .ok_or("invalid-base")
    }
}

/// The rules of a yes/no vote, fixed before it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct YesNoRules {
    pub quorum: Quorum,
    pub threshold: Threshold,
    pub base: Base,
    /// Whether abstentions join the votes cast (they then weigh as a no). They always count towards
    /// the quorum, and the electorate base includes everyone anyway.
    pub abstentions_count: bool,
}

/// How a yes/no vote ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum YesNoOutcome {
    Passed,
    Rejected,
    NoQuorum,
}

impl YesNoOutcome {
    pub fn slug(self) -> &'static str {
        match self {
            YesNoOutcome::Passed => "passed",
            YesNoOutcome::Rejected => "rejected",
            YesNoOutcome::NoQuorum => "no quorum",
        }
    }
}

/// The record of a yes/no count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct YesNoResult {
    pub rules: YesNoRules,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    pub electorate: u64,
    /// yes + no + abstain.
    pub participation: u64,
    /// The participation the quorum requires (0 without a quorum).
    pub quorum_required: u64,
    pub quorum_met: bool,
    /// The number the threshold applies to.
    pub base: u64,
    /// The fewest yes votes that pass the motion.
    pub needed: u64,
    pub passed: bool,
    pub outcome: YesNoOutcome,
}

/// Counts a yes/no vote; see the module documentation for the rules.
pub fn tally_yes_no(
    rules: &YesNoRules,
    yes: u64,
    no: u64,
    abstain: u64,
    electorate: u64,
) -> YesNoResult {
    let participation = yes.saturating_add(no).saturating_add(abstain);
    let (quorum_required, quorum_met) = match rules.quorum {
        Quorum::None => (0, true),
        Quorum::Percent(p) => {
            let wanted = u128::from(electorate) * u128::from(p);
            (
                u64::try_from(wanted.div_ceil(100)).unwrap_or(u64::MAX),
                u128::from(participation) * 100 >= wanted,
            )
        }
    };
    let base = match rules.base {
        Base::VotesCast if rules.abstentions_count => participation,
        Base::VotesCast => yes.saturating_add(no),
        Base::Electorate => electorate,
    };
    let needed = rules.threshold.needed(base);
    let passed = quorum_met && yes >= needed;
    YesNoResult {
        rules: *rules,
        yes,
        no,
        abstain,
        electorate,
        participation,
        quorum_required,
        quorum_met,
        base,
        needed,
        passed,
        outcome: if !quorum_met {
            YesNoOutcome::NoQuorum
        } else if passed {
            YesNoOutcome::Passed
        } else {
            YesNoOutcome::Rejected
        },
    }
}

impl YesNoResult {
    /// The count as plain text, ending with `outcome: passed`, `outcome: rejected` or
    /// `outcome: no quorum`.
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let rows = [
            ("yes", self.yes),
            ("no", self.no),
            ("abstain", self.abstain),
            ("participation", self.participation),
            ("electorate", self.electorate),
        ];
        let width = rows
            .iter()
            .map(|(_, v)| v.to_string().len())
            .max()
            .unwrap_or(1);
        for (label, v) in rows {
            let _ = writeln!(out, "{label:<13}  {v:>width$}");
        }
        match self.rules.quorum {
            Quorum::None => out.push_str("quorum: none\n"),
            Quorum::Percent(p) => {
                let _ = writeln!(
                    out,
                    "quorum: {p}% of the electorate, {} participants: {}",
                    self.quorum_required,
                    if self.quorum_met { "met" } else { "not met" }
                );
            }
        }
        let share = match self.rules.threshold {
            Threshold::SimpleMajority => "more than half",
            Threshold::TwoThirds => "at least two thirds",
        };
        let of = match self.rules.base {
            Base::VotesCast if self.rules.abstentions_count => "yes, no and abstentions",
            Base::VotesCast => "yes and no votes",
            Base::Electorate => "the electorate",
        };
        let _ = writeln!(
            out,
            "threshold: {share} of {of} ({}): {} yes votes needed, {} cast",
            self.base, self.needed, self.yes
        );
        let _ = write!(out, "outcome: {}", self.outcome.slug());
        out
    }
}
