//! Vote counting for the governance program: ranked votes (instant-runoff and Schulze), yes/no
//! motions, and the published ballot file anyone can recount.
//!
//! Everything here is pure and exact: counts are integers, comparisons of shares are made by
//! cross-multiplication, and no floating point is involved, so two recounts of the same ballots agree
//! to the last vote on every machine. The store loads the ballots, calls these functions and keeps the
//! result; `agora tally` runs the same functions on a published ballot file.
//!
//! # Ranked ballots
//!
//! A vote offers options, indexed from 0 in ballot-paper order (`u16`, at most [`MAX_OPTIONS`]). A
//! ballot ranks any non-empty subset of them, most preferred first. [`RankedBallots`] stores a whole
//! ballot box in two flat arrays and only accepts valid ballots, so the counts never meet an unknown
//! or repeated option and cannot fail.
//!
//! # Tie-break
//!
//! Ties are broken by a rule fixed and published before the vote opens. When it opens, the site draws
//! a random secret seed, keeps it, and publishes its commitment [`seed_commitment`]: the lowercase hex
//! SHA-256 of the seed's UTF-8 bytes. At the close the seed is revealed; anyone can check it against
//! the commitment, so nobody (the site included) could pick a seed after seeing the ballots.
//!
//! The seed orders the options ([`tie_break_order`]): for each option, compute the SHA-256 of the
//! seed's bytes, one line feed (`0x0A`) and the option's name exactly as on the ballot paper (UTF-8),
//! and sort the options by these digests, smallest first, as unsigned big-endian numbers (the same as
//! sorting their lowercase hex forms as text). Options with equal digests (only possible with equal
//! names, which a ballot paper never has) keep ballot-paper order. In a shell:
//! `printf '%s\n%s' "$SEED" "$OPTION" | sha256sum` for each option, then `sort`.
//!
//! Earlier in this order means luckier: Schulze elects the earliest of its tied winners, and
//! instant-runoff eliminates the latest of the options it cannot otherwise separate.
//!
//! # Instant-runoff ([`tally_irv`])
//!
//! Each round counts every ballot for its most preferred option still in the count (a *continuing*
//! option); a ballot whose ranked options are all eliminated is *exhausted* and counts no more. An
//! option with strictly more than half of the non-exhausted ballots wins. Otherwise one option, the one
//! with the fewest votes, is eliminated and its ballots move on to their next continuing choice. When
//! several options tie for the fewest votes:
//!
//! 1. **Look-back.** The earlier rounds are examined from the most recent backwards. In each, only the
//!    tied options with the fewest votes in that round stay tied; the look-back stops when one is left
//!    (it is eliminated) or the first round has been examined.
//! 2. **Seed.** If several are still tied and a seed was given, the one that comes last in the seeded
//!    order is eliminated.
//! 3. **Without a seed**, if the options still tied are all the continuing options, the count ends in a
//!    tie between them (two finalists with equal votes and equal history, for example). Otherwise
//!    other options have more votes, and all the options still tied are eliminated together in that
//!    round (a *batch elimination*). Eliminating one of them first would need a choice nothing in the
//!    ballots supports, and that choice could matter: its transfers might lift another above a third
//!    option. Eliminating them together treats them alike and is recorded as such.
//!
//! A count that elects an option always ends with a round in which it holds a strict majority of the
//! non-exhausted ballots: when a tie-break removes its last rival, the winner holds every
//! non-exhausted ballot in the next round, and that round is recorded too. Each round records the votes, the threshold,
//! the exhausted ballots, how a tie was resolved and where each eliminated option's ballots went.
//!
//! # Schulze ([`tally_schulze`])
//!
//! `d[i][j]` is the number of ballots preferring option `i` to option `j`. A ballot prefers every
//! option it ranks to every option it leaves out, and does not compare two options it leaves out. The
//! strength of the direct link from `i` to `j` is `d[i][j]` when `d[i][j] > d[j][i]` and 0 otherwise
//! (the *winning votes* measure: a defeat is as strong as the number of ballots that support it). The
//! strength of a path is that of its weakest link, and `p[i][j]` is the strength of the strongest path
//! from `i` to `j` (a widest-path Floyd–Warshall). The winners are the options `i` with
//! `p[i][j] >= p[j][i]` for every other `j`; there is always at least one. When several win, the
//! earliest of them in the seeded order is elected, and without a seed the count is a tie between them.
//!
//! # No ballots
//!
//! A count without a single ballot elects nobody, seed or not: a lottery is a way to separate options
//! the voters preferred equally, not a replacement for voters. Its outcome is [`Outcome::NoBallots`],
//! which the text rendering reports on its last line as a tie between all the options.
//!
//! # Yes/no motions ([`tally_yes_no`])
//!
//! Participation is yes + no + abstentions. The quorum, if any, is met when participation is at least
//! the given percentage of the electorate. The threshold applies to a base: the votes cast (yes + no,
//! plus abstentions when the rules count them, so that an abstention then weighs as a no) or the whole
//! electorate. A simple majority is strictly more than half of the base; two thirds is at least two
//! thirds of it. A motion never passes without at least one yes vote.
//!
//! The published ballot file (its format, writer and reader) is described in `tally/ballot_file.rs`.

mod ballot_file;
mod irv;
mod schulze;
#[cfg(test)]
mod tests;
mod yes_no;

pub use irv::*;
pub use schulze::*;
pub use yes_no::*;

pub use ballot_file::{
    parse_ballots_csv, parse_ballots_csv_on, read_ballots_at, write_ballots_csv, BallotFile,
    BallotMeta, CsvError, ReadAt, ReadError, Receipts, BALLOT_FILE_VERSION,
};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fmt::Write as _;

/// The most options a count accepts (ballot papers of the governance program are much shorter): it
/// bounds Schulze's cubic step and lets a ballot's options be checked with a fixed bit set.
pub const MAX_OPTIONS: usize = 1000;

/// Words of the bit set that checks a ballot for repeated options.
const OPTION_WORDS: usize = MAX_OPTIONS.div_ceil(64);

// --- Methods and ballots ---------------------------------------------------------------------------

/// How a ranked vote is counted; fixed before the vote opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Instant-runoff: eliminate the weakest option round after round until one has a majority.
    Irv,
    /// Schulze: the option that beats every other directly or through the strongest chain of
    /// pairwise defeats.
    Schulze,
}

impl Method {
    pub const ALL: [Method; 2] = [Method::Irv, Method::Schulze];

    pub fn slug(self) -> &'static str {
        match self {
            Method::Irv => "irv",
            Method::Schulze => "schulze",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|m| m.slug() == s)
            .ok_or("invalid-method")
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// The ballots of one ranked vote, with its options.
///
/// Stored flat (every ranking one after the other, plus where each ends), so a million ballots are
/// two allocations rather than a million, and the counts walk memory in order. Only valid ballots get
/// in, which is what lets the counts be infallible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedBallots {
    options: Vec<String>,
    ranks: Vec<u16>,
    /// Ballot `b` is `ranks[bounds[b]..bounds[b + 1]]`; starts with 0.
    bounds: Vec<usize>,
}

impl RankedBallots {
    /// An empty ballot box for these options (ballot-paper order). Each name must be non-empty, on one
    /// line, and used once; there may be at most [`MAX_OPTIONS`].
    pub fn new(options: Vec<String>) -> Result<Self, &'static str> {
        check_options(&options)?;
        Ok(Self {
            options,
            ranks: Vec::new(),
            bounds: vec![0],
        })
    }

    /// Makes room for `ballots` more ballots ranking `ranks` options in all.
    pub fn reserve(&mut self, ballots: usize, ranks: usize) {
        self.bounds.reserve(ballots);
        self.ranks.reserve(ranks);
    }

    pub fn options(&self) -> &[String] {
        &self.options
    }

    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a ballot ranking these options (indices), most preferred first.
    pub fn push(&mut self, ranking: &[u16]) -> Result<(), &'static str> {
        check_ranking(self.options.len(), ranking)?;
        // The instant-runoff count keeps ballot numbers as u32.
        if self.len() >= u32::MAX as usize {
            return Err("out-of-range");
        }
        self.ranks.extend_from_slice(ranking);
        self.bounds.push(self.ranks.len());
        Ok(())
    }

    /// Adds a ballot ranking these options (names), most preferred first.
    pub fn push_names(&mut self, ranking: &[&str]) -> Result<(), &'static str> {
        let ids = validate_ranking(&self.options, ranking)?;
        self.push(&ids)
    }

    /// The ranking of ballot `b`.
    pub fn get(&self, b: usize) -> Option<&[u16]> {
        let (start, end) = (*self.bounds.get(b)?, *self.bounds.get(b + 1)?);
        self.ranks.get(start..end)
    }

    /// Every ballot's ranking, in the order they were added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u16]> + '_ {
        self.bounds
            .windows(2)
            .map(|w| self.ranks.get(w[0]..w[1]).unwrap_or_default())
    }
}

fn check_options(options: &[String]) -> Result<(), &'static str> {
    if options.len() > MAX_OPTIONS {
        return Err("ballot-too-many-options");
    }
    let mut seen = HashSet::with_capacity(options.len());
    for name in options {
        // A name is printed on a line of its own (the text result ends with "winner: NAME").
        if name.is_empty() || name.chars().any(char::is_control) || !seen.insert(name.as_str()) {
            return Err("ballot-option-names");
        }
    }
    Ok(())
}

/// Checks one ballot against a ballot paper of `n` options, without allocating.
fn check_ranking(n: usize, ranking: &[u16]) -> Result<(), &'static str> {
    if ranking.is_empty() {
        return Err("ballot-empty");
    }
    let mut seen = [0u64; OPTION_WORDS];
    for &o in ranking {
        let o = usize::from(o);
        if o >= n || o >= MAX_OPTIONS {
            return Err("ballot-unknown-option");
        }
        let (word, bit) = (o / 64, 1u64 << (o % 64));
        if seen[word] & bit != 0 {
            return Err("ballot-duplicate-option");
        }
        seen[word] |= bit;
    }
    Ok(())
}

/// The option indices of a ballot given by names. A ballot must rank at least one option
/// (`ballot-empty`), only options of the ballot paper (`ballot-unknown-option`), each at most once
/// (`ballot-duplicate-option`).
pub fn validate_ranking(options: &[String], ranking: &[&str]) -> Result<Vec<u16>, &'static str> {
    if options.len() > MAX_OPTIONS {
        return Err("ballot-too-many-options");
    }
    let ids = ranking
        .iter()
        .map(|name| {
            options
                .iter()
                .position(|o| o == name)
                .and_then(|i| u16::try_from(i).ok())
                .ok_or("ballot-unknown-option")
        })
        .collect::<Result<Vec<u16>, _>>()?;
    check_ranking(options.len(), &ids)?;
    Ok(ids)
}

// --- Tie-break ----------------------------------------------------------------------------------------

/// The tie-break of a vote: a secret seed drawn when it opens (committed to by its SHA-256) and
/// revealed at the close; or none, in which case ties that the votes cannot separate stay ties.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TieBreak {
    pub seed: Option<String>,
}

impl TieBreak {
    pub fn none() -> Self {
        Self { seed: None }
    }

    pub fn seeded(seed: impl Into<String>) -> Self {
        Self {
            seed: Some(seed.into()),
        }
    }

    /// What the site publishes at the opening: the seed's [`seed_commitment`].
    pub fn commitment(&self) -> Option<String> {
        self.seed.as_deref().map(seed_commitment)
    }

    /// The seeded order of the options ([`tie_break_order`]), if there is a seed.
    pub fn order(&self, options: &[String]) -> Option<Vec<u16>> {
        self.seed.as_deref().map(|s| tie_break_order(s, options))
    }
}

/// The public commitment to a tie-break seed: the lowercase hex SHA-256 of its UTF-8 bytes.
pub fn seed_commitment(seed: &str) -> String {
    hex::encode(Sha256::digest(seed.as_bytes()))
}

/// Whether `seed` is the one committed to (the commitment's hex digits in either case).
pub fn verify_seed(seed: &str, commitment: &str) -> bool {
    seed_commitment(seed).eq_ignore_ascii_case(commitment.trim())
}

/// The seeded tie-break order of the options (indices, luckiest first): the options sorted by
/// SHA-256(seed ‖ "\n" ‖ name), smallest digest first, ballot-paper order between equal digests. See
/// the module documentation for how to reproduce it by hand.
pub fn tie_break_order(seed: &str, options: &[String]) -> Vec<u16> {
    let mut keyed: Vec<([u8; 32], u16)> = options
        .iter()
        .zip(0..=u16::MAX)
        .map(|(name, i)| {
            let mut h = Sha256::new();
            h.update(seed.as_bytes());
            h.update(b"\n");
            h.update(name.as_bytes());
            (h.finalize().into(), i)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Each option's place in the seeded order (0 = luckiest), indexed by option.
fn places(order: &[u16], n: usize) -> Vec<usize> {
    let mut place = vec![usize::MAX; n];
    for (p, &o) in order.iter().enumerate() {
        if let Some(slot) = place.get_mut(usize::from(o)) {
            *slot = p;
        }
    }
    place
}

// --- Outcomes -----------------------------------------------------------------------------------------

/// How a count ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// This option is elected.
    Winner(u16),
    /// Nothing separates these options (ballot-paper order) and there was no seed.
    Tie(Vec<u16>),
    /// Not a single ballot was cast: nobody is elected (see the module documentation).
    NoBallots,
}

impl Outcome {
    pub fn winner(&self) -> Option<u16> {
        match self {
            Outcome::Winner(w) => Some(*w),
            _ => None,
        }
    }

    /// The last line of a text result: `winner: NAME`, or `tie: A, B` (ballot-paper order), which
    /// without ballots names every option.
    pub fn last_line(&self, options: &[String]) -> String {
        match self {
            Outcome::Winner(w) => format!("winner: {}", name(options, *w)),
            Outcome::Tie(tied) => format!("tie: {}", names(options, tied)),
            Outcome::NoBallots => {
                let all: Vec<u16> = (0..=u16::MAX).take(options.len()).collect();
                format!("tie: {}", names(options, &all))
            }
        }
    }
}

/// An option's name, or `#i` for an index the list does not have.
fn name(options: &[String], o: u16) -> String {
    options
        .get(usize::from(o))
        .cloned()
        .unwrap_or_else(|| format!("#{o}"))
}

/// Options' names in ballot-paper order, joined with ", ".
fn names(options: &[String], ids: &[u16]) -> String {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.iter()
        .map(|&o| name(options, o))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Either count, for callers that take the method as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Tally {
    Irv(IrvResult),
    Schulze(SchulzeResult),
}

/// Counts the ballots by `method`.
pub fn tally(method: Method, ballots: &RankedBallots, tie_break: &TieBreak) -> Tally {
    match method {
        Method::Irv => Tally::Irv(tally_irv(ballots, tie_break)),
        Method::Schulze => Tally::Schulze(tally_schulze(ballots, tie_break)),
    }
}

impl Tally {
    pub fn outcome(&self) -> &Outcome {
        match self {
            Tally::Irv(r) => &r.outcome,
            Tally::Schulze(r) => &r.outcome,
        }
    }

    pub fn render_text(&self, options: &[String]) -> String {
        match self {
            Tally::Irv(r) => r.render_text(options),
            Tally::Schulze(r) => r.render_text(options),
        }
    }
}
