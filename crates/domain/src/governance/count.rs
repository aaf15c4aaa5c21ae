//! A vote's ballots as they are kept, and their count: the rule a vote's close applies and the
//! register shows. A ballot is kept as text: a yes/no choice as its slug, a ranking as the indexes of
//! its options in order of preference ("2 0 1").

use super::{VoteChoice, VoteRules};
use crate::tally::{self, RankedBallots, Tally, TieBreak, YesNoResult};
use serde::Serialize;

/// The count of a vote, as kept at the close and shown on the decision page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteResult {
    YesNo(YesNoResult),
    Ranked(Tally),
}

impl VoteResult {
    /// One line for emails and the audit log.
    pub fn summary(&self, options: &[String]) -> String {
        match self {
            VoteResult::YesNo(r) => format!(
                "{} ({} yes, {} no, {} abstain)",
                r.outcome.slug(),
                r.yes,
                r.no,
                r.abstain
            ),
            VoteResult::Ranked(t) => t.outcome().last_line(options),
        }
    }
}

/// A kept ballot (or a vote's kept options) that does not read back: the value, cut short.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a stored ballot does not read back: {0:?}")]
pub struct CorruptBallot(pub String);

impl CorruptBallot {
    fn of(value: &str) -> Self {
        Self(value.chars().take(64).collect())
    }
}

/// How a ranking (option indexes, most preferred first) is kept.
pub fn encode_ranking(ranking: &[u16]) -> String {
    let words: Vec<String> = ranking.iter().map(u16::to_string).collect();
    words.join(" ")
}

/// A kept ranking of a vote with `options` options.
pub fn decode_ranking(kept: &str, options: usize) -> Result<Vec<u16>, CorruptBallot> {
    kept.split_whitespace()
        .map(|s| {
            s.parse::<u16>()
                .ok()
                .filter(|&i| usize::from(i) < options)
                .ok_or_else(|| CorruptBallot::of(kept))
        })
        .collect()
}

/// A ranked vote's kept ballots, ready to count or to publish.
pub fn ranked_ballots<'a>(
    options: &[String],
    kept: impl IntoIterator<Item = &'a str>,
) -> Result<RankedBallots, CorruptBallot> {
    let mut set =
        RankedBallots::new(options.to_vec()).map_err(|_| CorruptBallot::of(&options.join(", ")))?;
    for choice in kept {
        set.push(&decode_ranking(choice, options.len())?)
            .map_err(|_| CorruptBallot::of(choice))?;
    }
    Ok(set)
}

/// Counts a vote's kept ballots against its frozen electorate; `None` for a decision without a vote.
/// `seed` is the tie-break seed, revealed once the vote is closed.
pub fn count_vote<'a>(
    rules: &VoteRules,
    seed: Option<&str>,
    electorate: u64,
    kept: impl IntoIterator<Item = &'a str>,
) -> Result<Option<VoteResult>, CorruptBallot> {
    Ok(match rules {
        VoteRules::None => None,
        VoteRules::YesNo(rules) => {
            let mut n = [0u64; 3];
            for choice in kept {
                match VoteChoice::parse(choice) {
                    Ok(VoteChoice::Yes) => n[0] += 1,
                    Ok(VoteChoice::No) => n[1] += 1,
                    Ok(VoteChoice::Abstain) => n[2] += 1,
                    Err(_) => return Err(CorruptBallot::of(choice)),
                }
            }
            Some(VoteResult::YesNo(tally::tally_yes_no(
                rules, n[0], n[1], n[2], electorate,
            )))
        }
        VoteRules::Ranked { method, options } => {
            let set = ranked_ballots(options, kept)?;
            let tie = TieBreak {
                seed: seed.map(str::to_string),
            };
            Some(VoteResult::Ranked(tally::tally(*method, &set, &tie)))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::{Base, Method, Quorum, Threshold, YesNoRules};
    use proptest::prelude::*;

    fn simple_majority() -> VoteRules {
        VoteRules::YesNo(YesNoRules {
            quorum: Quorum::None,
            threshold: Threshold::SimpleMajority,
            base: Base::VotesCast,
            abstentions_count: false,
        })
    }

    fn ranked(options: &[&str]) -> VoteRules {
        VoteRules::Ranked {
            method: Method::Irv,
            options: options.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn a_yes_no_vote_counts_each_kept_choice() {
        let rules = simple_majority();
        let Some(VoteResult::YesNo(r)) =
            count_vote(&rules, None, 10, ["yes", "yes", "no", "abstain"]).expect("count")
        else {
            panic!("a yes/no result");
        };
        assert_eq!((r.yes, r.no, r.abstain, r.electorate), (2, 1, 1, 10));
        assert!(r.passed);
    }

    #[test]
    fn a_ballot_that_does_not_read_back_is_an_error_not_a_vote() {
        let rules = simple_majority();
        assert_eq!(
            count_vote(&rules, None, 3, ["yes", "maybe"]),
            Err(CorruptBallot("maybe".into()))
        );
        let rules = ranked(&["A", "B"]);
        for bad in ["0 2", "0 x", "0 0"] {
            assert!(count_vote(&rules, None, 3, [bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_decision_without_a_vote_has_no_count() {
        assert_eq!(count_vote(&VoteRules::None, None, 3, []), Ok(None));
    }

    #[test]
    fn a_ranked_vote_is_counted_by_its_method() {
        let rules = ranked(&["A", "B", "C"]);
        let r = count_vote(&rules, Some("seed"), 3, ["1 0", "1 2", "0"]).expect("count");
        let Some(VoteResult::Ranked(t)) = r else {
            panic!("a ranked result");
        };
        assert_eq!(
            t.outcome().last_line(&["A".into(), "B".into(), "C".into()]),
            "winner: B"
        );
    }

    proptest! {
        #[test]
        fn rankings_read_back_as_kept(ranking in proptest::sample::subsequence((0u16..40).collect::<Vec<_>>(), 1..40).prop_shuffle()) {
            prop_assert_eq!(decode_ranking(&encode_ranking(&ranking), 40), Ok(ranking));
        }
    }
}
