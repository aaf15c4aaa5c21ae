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

pub use ballot_file::{
    parse_ballots_csv, parse_ballots_csv_on, write_ballots_csv, BallotFile, BallotMeta, CsvError,
    Receipts, BALLOT_FILE_VERSION,
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

// --- Instant-runoff -----------------------------------------------------------------------------------

/// How the option(s) eliminated in a round were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// One option alone had the fewest votes (or the round elected a winner).
    NoTie,
    /// Several tied; the earlier rounds separated them.
    LookBack,
    /// The look-back could not separate them; the seeded order did.
    Seed,
    /// Nothing separated them, there was no seed, and other options had more votes: all were
    /// eliminated together.
    Batch,
    /// Nothing separated them, there was no seed, and no other option was left: the count ends in a
    /// tie.
    Unresolved,
}

/// Where the ballots of one eliminated option went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Transfer {
    pub from: u16,
    /// Ballots moved to each option, indexed by option.
    pub to: Vec<u64>,
    /// Ballots that ranked no other continuing option.
    pub exhausted: u64,
}

/// One round of an instant-runoff count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IrvRound {
    /// Votes of each option this round, indexed by option; `None` once it is eliminated.
    pub votes: Vec<Option<u64>>,
    /// Non-exhausted ballots: those counting for a continuing option.
    pub active: u64,
    /// The votes an option needs to win this round: strictly more than half of `active`.
    pub majority: u64,
    /// Ballots exhausted before this round was counted (`active + exhausted` is every ballot).
    pub exhausted: u64,
    /// The options tied for the fewest votes, when several were.
    pub tied: Vec<u16>,
    /// Those of `tied` the look-back could not separate (empty when it could).
    pub still_tied: Vec<u16>,
    /// The options eliminated at the end of this round (none in the last round).
    pub eliminated: Vec<u16>,
    pub resolution: Resolution,
    /// One per eliminated option.
    pub transfers: Vec<Transfer>,
    /// Ballots this round's eliminations exhausted; they count as exhausted from the next round.
    pub newly_exhausted: u64,
}

impl IrvRound {
    fn votes_of(&self, o: u16) -> u64 {
        self.votes
            .get(usize::from(o))
            .copied()
            .flatten()
            .unwrap_or(0)
    }
}

/// The record of an instant-runoff count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IrvResult {
    /// Ballots counted.
    pub ballots: u64,
    pub rounds: Vec<IrvRound>,
    /// The seeded order used to break ties (luckiest first), when there was a seed.
    pub tie_break_order: Option<Vec<u16>>,
    pub outcome: Outcome,
}

/// Counts the ballots by instant-runoff; see the module documentation for the rules.
///
/// Each option keeps the pile of ballots currently counting for it, and each ballot remembers how
/// far down its ranking it has moved. Eliminating an option walks its pile alone, so the whole count
/// costs one step per ballot plus one per rank a ballot moves down: a million ballots take a few
/// milliseconds, whatever the number of rounds.
pub fn tally_irv(ballots: &RankedBallots, tie_break: &TieBreak) -> IrvResult {
    let options = ballots.options();
    let n = options.len();
    let total = ballots.len() as u64;
    let order = tie_break.order(options);
    let mut result = IrvResult {
        ballots: total,
        rounds: Vec::new(),
        tie_break_order: order.clone(),
        outcome: Outcome::NoBallots,
    };
    if total == 0 {
        return result;
    }
    let place = order.as_deref().map(|o| places(o, n));

    // First preferences. Ballots are numbered as u32 (RankedBallots::push caps them).
    let mut firsts = vec![0usize; n];
    for r in ballots.iter() {
        if let Some(&o) = r.first() {
            firsts[usize::from(o)] += 1;
        }
    }
    let mut piles: Vec<Vec<u32>> = firsts.iter().map(|&c| Vec::with_capacity(c)).collect();
    for (b, r) in (0u32..).zip(ballots.iter()) {
        if let Some(&o) = r.first() {
            piles[usize::from(o)].push(b);
        }
    }
    // How far down its ranking each ballot has moved (rankings hold at most MAX_OPTIONS entries).
    let mut at = vec![0u16; ballots.len()];
    let mut continuing = vec![true; n];
    let mut exhausted = 0u64;

    loop {
        let votes: Vec<Option<u64>> = (0..n)
            .map(|o| continuing[o].then(|| piles[o].len() as u64))
            .collect();
        let active = total - exhausted;
        let mut round = IrvRound {
            votes,
            active,
            majority: active / 2 + 1,
            exhausted,
            tied: Vec::new(),
            still_tied: Vec::new(),
            eliminated: Vec::new(),
            resolution: Resolution::NoTie,
            transfers: Vec::new(),
            newly_exhausted: 0,
        };
        let alive: Vec<u16> = (0..=u16::MAX)
            .take(n)
            .filter(|&o| continuing[usize::from(o)])
            .collect();
        if let Some(&w) = alive.iter().find(|&&o| round.votes_of(o) >= round.majority) {
            result.outcome = Outcome::Winner(w);
            result.rounds.push(round);
            break;
        }
        // Unreachable with valid ballots (the last continuing option holds every non-exhausted ballot,
        // a majority), but it guarantees the loop ends: every other round eliminates an option.
        if alive.len() <= 1 {
            result.outcome = match alive.first() {
                Some(&w) => Outcome::Winner(w),
                None => Outcome::Tie(Vec::new()),
            };
            result.rounds.push(round);
            break;
        }
        let fewest = alive.iter().map(|&o| round.votes_of(o)).min().unwrap_or(0);
        let tied: Vec<u16> = alive
            .iter()
            .copied()
            .filter(|&o| round.votes_of(o) == fewest)
            .collect();
        let eliminate = if tied.len() == 1 {
            tied
        } else {
            round.tied = tied.clone();
            let left = look_back(&result.rounds, tied);
            if left.len() == 1 {
                round.resolution = Resolution::LookBack;
                left
            } else {
                round.still_tied = left.clone();
                if let Some(place) = &place {
                    round.resolution = Resolution::Seed;
                    left.iter()
                        .copied()
                        .max_by_key(|&o| place[usize::from(o)])
                        .into_iter()
                        .collect()
                } else if left.len() == alive.len() {
                    round.resolution = Resolution::Unresolved;
                    result.outcome = Outcome::Tie(left);
                    result.rounds.push(round);
                    break;
                } else {
                    round.resolution = Resolution::Batch;
                    left
                }
            }
        };

        for &e in &eliminate {
            continuing[usize::from(e)] = false;
        }
        for &e in &eliminate {
            let pile = std::mem::take(&mut piles[usize::from(e)]);
            let mut transfer = Transfer {
                from: e,
                to: vec![0; n],
                exhausted: 0,
            };
            for b in pile {
                let ranking = ballots.get(b as usize).unwrap_or_default();
                let mut p = usize::from(at[b as usize]) + 1;
                while ranking.get(p).is_some_and(|&o| !continuing[usize::from(o)]) {
                    p += 1;
                }
                match ranking.get(p) {
                    Some(&next) => {
                        at[b as usize] = p as u16;
                        piles[usize::from(next)].push(b);
                        transfer.to[usize::from(next)] += 1;
                    }
                    None => transfer.exhausted += 1,
                }
            }
            round.newly_exhausted += transfer.exhausted;
            round.transfers.push(transfer);
        }
        exhausted += round.newly_exhausted;
        round.eliminated = eliminate;
        result.rounds.push(round);
    }
    result
}

/// Narrows the options tied for the fewest votes by the earlier rounds, most recent first: in each,
/// only those with the fewest votes that round stay.
fn look_back(earlier: &[IrvRound], mut tied: Vec<u16>) -> Vec<u16> {
    for round in earlier.iter().rev() {
        if tied.len() <= 1 {
            break;
        }
        let fewest = tied.iter().map(|&o| round.votes_of(o)).min().unwrap_or(0);
        tied.retain(|&o| round.votes_of(o) == fewest);
    }
    tied
}

impl IrvResult {
    /// The count as plain text: a table of votes per round (options, exhausted and non-exhausted
    /// ballots, majority), one line per round on what happened, and the outcome on the last line.
    pub fn render_text(&self, options: &[String]) -> String {
        let mut out = format!(
            "instant-runoff count: {} ballots, {} options\n",
            self.ballots,
            options.len()
        );
        if let Some(order) = &self.tie_break_order {
            let order: Vec<String> = order.iter().map(|&o| name(options, o)).collect();
            let _ = writeln!(out, "seeded tie-break order: {}", order.join(", "));
        }
        if self.rounds.is_empty() {
            out.push_str("no ballots: nothing separates the options\n");
            out.push_str(&self.outcome.last_line(options));
            return out;
        }

        let mut rows: Vec<(String, Vec<String>)> = (0..=u16::MAX)
            .take(options.len())
            .map(|o| {
                let cells = self
                    .rounds
                    .iter()
                    .map(|r| match r.votes.get(usize::from(o)).copied().flatten() {
                        Some(v) => v.to_string(),
                        None => "-".into(),
                    })
                    .collect();
                (name(options, o), cells)
            })
            .collect();
        let line = |label: &str, f: &dyn Fn(&IrvRound) -> u64| {
            (
                label.to_string(),
                self.rounds.iter().map(|r| f(r).to_string()).collect(),
            )
        };
        rows.push(line("exhausted", &|r| r.exhausted));
        rows.push(line("non-exhausted", &|r| r.active));
        rows.push(line("majority", &|r| r.majority));
        let header: Vec<String> = (1..=self.rounds.len())
            .map(|i| format!("round {i}"))
            .collect();
        table(&mut out, "option", &header, &rows);
        out.push('\n');

        for (i, r) in self.rounds.iter().enumerate() {
            let _ = writeln!(out, "round {}: {}", i + 1, describe_round(r, options));
        }
        out.push_str(&self.outcome.last_line(options));
        out
    }
}

fn describe_round(r: &IrvRound, options: &[String]) -> String {
    let mut s = String::new();
    if !r.tied.is_empty() {
        let _ = write!(
            s,
            "{} tie for the fewest votes ({}); ",
            names(options, &r.tied),
            r.votes_of(r.tied[0])
        );
    }
    let eliminated = names(options, &r.eliminated);
    match r.resolution {
        Resolution::NoTie if r.eliminated.is_empty() => {
            let leader = (0..=u16::MAX)
                .take(r.votes.len())
                .find(|&o| r.votes_of(o) >= r.majority);
            return match leader {
                Some(w) => format!(
                    "{} has {} of {} votes, more than half, and wins",
                    name(options, w),
                    r.votes_of(w),
                    r.active
                ),
                None => "no option is left".into(),
            };
        }
        Resolution::NoTie => {
            let _ = write!(
                s,
                "{eliminated} has the fewest votes ({}) and is eliminated",
                r.eliminated.first().map_or(0, |&o| r.votes_of(o))
            );
        }
        Resolution::LookBack => {
            let _ = write!(
                s,
                "{eliminated} had fewer in an earlier round (look-back) and is eliminated"
            );
        }
        Resolution::Seed => {
            if r.still_tied.len() < r.tied.len() {
                let _ = write!(
                    s,
                    "the look-back leaves {}; ",
                    names(options, &r.still_tied)
                );
            } else {
                s.push_str("earlier rounds do not separate them; ");
            }
            let _ = write!(
                s,
                "{eliminated} comes last in the seeded order and is eliminated"
            );
        }
        Resolution::Batch => {
            let _ = write!(
                s,
                "nothing separates {eliminated} and there is no seed: they are eliminated together"
            );
        }
        Resolution::Unresolved => {
            let _ = write!(
                s,
                "nothing separates {} and there is no seed: the count ends in a tie",
                names(options, &r.still_tied)
            );
            return s;
        }
    }
    for t in &r.transfers {
        let mut parts: Vec<String> = (0..=u16::MAX)
            .zip(&t.to)
            .filter(|(_, &c)| c > 0)
            .map(|(o, c)| format!("{c} to {}", name(options, o)))
            .collect();
        if t.exhausted > 0 {
            parts.push(format!("{} exhausted", t.exhausted));
        }
        if parts.is_empty() {
            parts.push("no ballots to transfer".into());
        }
        let _ = write!(s, "; {}: {}", name(options, t.from), parts.join(", "));
    }
    s
}

/// Appends a right-aligned table: a label column, then one column per header.
fn table(out: &mut String, corner: &str, header: &[String], rows: &[(String, Vec<String>)]) {
    let label_width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .chain([corner.chars().count()])
        .max()
        .unwrap_or(0);
    let widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(c, h)| {
            rows.iter()
                .filter_map(|(_, cells)| cells.get(c))
                .map(|s| s.chars().count())
                .chain([h.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut line = |label: &str, cells: &[String]| {
        let mut l = format!("{label:<label_width$}");
        for (cell, w) in cells.iter().zip(&widths) {
            let _ = write!(l, "  {cell:>w$}");
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(corner, header);
    for (label, cells) in rows {
        line(label, cells);
    }
}

// --- Schulze ------------------------------------------------------------------------------------------

/// A square matrix indexed by option: `m[i][j]`.
pub type Matrix = Vec<Vec<u64>>;

/// The record of a Schulze count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SchulzeResult {
    /// Ballots counted.
    pub ballots: u64,
    /// `pairwise[i][j]`: ballots preferring option `i` to option `j`.
    pub pairwise: Matrix,
    /// `strongest[i][j]`: strength of the strongest path from `i` to `j` (winning votes).
    pub strongest: Matrix,
    /// The Schulze winners, before any tie-break (ballot-paper order).
    pub winners: Vec<u16>,
    /// The Schulze order in groups: the first group is `winners`; each later group holds the options
    /// beaten (by strongest paths) only by options of earlier groups. Options of one group do not beat
    /// each other.
    pub order: Vec<Vec<u16>>,
    /// The seeded order used to break ties (luckiest first), when there was a seed.
    pub tie_break_order: Option<Vec<u16>>,
    pub outcome: Outcome,
}

/// `d[i][j]` for the ballots: how many prefer option `i` to option `j`.
///
/// A ballot ranking `i` prefers it to every option except those it ranks at or above `i`. So the
/// count keeps, per option, how many ballots rank it (`ranked[i]`) and how many rank `j` above it
/// (`above[i][j]`), and `d[i][j] = ranked[i] − above[i][j]`: k(k+1)/2 increments for a ballot ranking
/// k options, with no pass over the options it leaves out.
pub fn pairwise(ballots: &RankedBallots) -> Matrix {
    let n = ballots.options().len();
    let mut ranked = vec![0u64; n];
    let mut above = vec![0u64; n * n];
    for r in ballots.iter() {
        for (k, &i) in r.iter().enumerate() {
            let i = usize::from(i);
            ranked[i] += 1;
            if let Some(row) = above.get_mut(i * n..(i + 1) * n) {
                for &j in &r[..k] {
                    row[usize::from(j)] += 1;
                }
            }
        }
    }
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j {
                        0
                    } else {
                        ranked[i].saturating_sub(above[i * n + j])
                    }
                })
                .collect()
        })
        .collect()
}

fn cell(m: &Matrix, i: usize, j: usize) -> u64 {
    m.get(i).and_then(|row| row.get(j)).copied().unwrap_or(0)
}

/// The strongest-path strengths for a pairwise matrix, by the winning-votes measure (see the module
/// documentation): a widest-path Floyd–Warshall, O(n³) for n options.
pub fn strongest_paths(d: &Matrix) -> Matrix {
    let n = d.len();
    let mut p: Vec<Vec<u64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let (dij, dji) = (cell(d, i, j), cell(d, j, i));
                    if i != j && dij > dji {
                        dij
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    for k in 0..n {
        let through = p[k].clone();
        for (i, row) in p.iter_mut().enumerate() {
            let pik = row[k];
            if i == k || pik == 0 {
                continue;
            }
            for (j, strength) in row.iter_mut().enumerate() {
                if j != i && j != k {
                    *strength = (*strength).max(pik.min(through[j]));
                }
            }
        }
    }
    p
}

/// The option that beats every other one head to head, if there is one.
pub fn condorcet_winner(d: &Matrix) -> Option<u16> {
    let n = d.len();
    (0..=u16::MAX).take(n).find(|&i| {
        let i = usize::from(i);
        (0..n).all(|j| j == i || cell(d, i, j) > cell(d, j, i))
    })
}

/// Counts the ballots by the Schulze method; see the module documentation for the rules.
pub fn tally_schulze(ballots: &RankedBallots, tie_break: &TieBreak) -> SchulzeResult {
    let options = ballots.options();
    let n = options.len();
    let d = pairwise(ballots);
    let p = strongest_paths(&d);
    let beats = |i: usize, j: usize| cell(&p, i, j) > cell(&p, j, i);

    let mut order: Vec<Vec<u16>> = Vec::new();
    let mut placed = vec![false; n];
    while placed.iter().any(|done| !done) {
        let mut group: Vec<u16> = (0..=u16::MAX)
            .take(n)
            .filter(|&i| {
                let i = usize::from(i);
                !placed[i] && (0..n).all(|j| placed[j] || !beats(j, i))
            })
            .collect();
        // Never empty: Schulze proved the strongest-path relation transitive, so the options not yet
        // placed always include one that none of them beats. Taking the rest keeps the loop finite
        // all the same.
        if group.is_empty() {
            group = (0..=u16::MAX)
                .take(n)
                .filter(|&i| !placed[usize::from(i)])
                .collect();
        }
        for &o in &group {
            placed[usize::from(o)] = true;
        }
        order.push(group);
    }
    let winners = order.first().cloned().unwrap_or_default();

    let tie_break_order = tie_break.order(options);
    let outcome = if ballots.is_empty() {
        Outcome::NoBallots
    } else if let [w] = winners[..] {
        Outcome::Winner(w)
    } else if let Some(seeded) = &tie_break_order {
        let place = places(seeded, n);
        match winners
            .iter()
            .copied()
            .min_by_key(|&o| place[usize::from(o)])
        {
            Some(w) => Outcome::Winner(w),
            None => Outcome::Tie(winners.clone()),
        }
    } else {
        Outcome::Tie(winners.clone())
    };
    SchulzeResult {
        ballots: ballots.len() as u64,
        pairwise: d,
        strongest: p,
        winners,
        order,
        tie_break_order,
        outcome,
    }
}

impl SchulzeResult {
    /// The count as plain text: the pairwise matrix, the strongest paths, the order, and the outcome
    /// on the last line. Columns are numbered like the rows, so long names do not widen the table.
    pub fn render_text(&self, options: &[String]) -> String {
        let mut out = format!(
            "Schulze count: {} ballots, {} options\n",
            self.ballots,
            options.len()
        );
        if let Some(order) = &self.tie_break_order {
            let order: Vec<String> = order.iter().map(|&o| name(options, o)).collect();
            let _ = writeln!(out, "seeded tie-break order: {}", order.join(", "));
        }
        let n = self.pairwise.len();
        let header: Vec<String> = (1..=n).map(|c| format!("({c})")).collect();
        let matrix = |m: &Matrix| -> Vec<(String, Vec<String>)> {
            (0..=u16::MAX)
                .take(n)
                .map(|i| {
                    let cells = (0..n)
                        .map(|j| {
                            if j == usize::from(i) {
                                "-".to_string()
                            } else {
                                cell(m, usize::from(i), j).to_string()
                            }
                        })
                        .collect();
                    (format!("({}) {}", i + 1, name(options, i)), cells)
                })
                .collect()
        };
        out.push_str("\nballots preferring the row's option to the column's:\n");
        table(&mut out, "", &header, &matrix(&self.pairwise));
        out.push_str("\nstrongest paths (winning votes):\n");
        table(&mut out, "", &header, &matrix(&self.strongest));
        let groups: Vec<String> = self
            .order
            .iter()
            .map(|g| {
                g.iter()
                    .map(|&o| name(options, o))
                    .collect::<Vec<_>>()
                    .join(" = ")
            })
            .collect();
        let _ = writeln!(out, "\norder: {}", groups.join(" > "));
        if self.ballots == 0 {
            out.push_str("no ballots: nothing separates the options\n");
        } else if self.winners.len() > 1 {
            let _ = write!(out, "Schulze winners: {}", names(options, &self.winners));
            out.push_str(match self.outcome {
                Outcome::Winner(_) => "; the earliest of them in the seeded order is elected\n",
                _ => "; there is no seed to separate them\n",
            });
        }
        out.push_str(&self.outcome.last_line(options));
        out
    }
}

// --- Yes/no motions -----------------------------------------------------------------------------------

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(super) fn opts(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    /// A ballot box from groups of identical ballots: (how many, ranking by names).
    pub(super) fn ballots(names: &[&str], groups: &[(usize, &[&str])]) -> RankedBallots {
        let mut b = RankedBallots::new(opts(names)).expect("valid options");
        for (count, ranking) in groups {
            for _ in 0..*count {
                b.push_names(ranking).expect("valid ballot");
            }
        }
        b
    }

    fn last_line(text: &str) -> &str {
        text.lines().last().unwrap_or_default()
    }

    // --- ballots and tie-break -------------------------------------------------------------------

    #[test]
    fn methods_parse_their_slugs() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.slug()), Ok(m));
        }
        assert_eq!(Method::parse(" irv "), Ok(Method::Irv));
        assert_eq!(Method::parse("stv"), Err("invalid-method"));
    }

    #[test]
    fn rankings_are_validated() {
        let o = opts(&["Alice", "Bob", "Carol"]);
        assert_eq!(validate_ranking(&o, &["Carol", "Alice"]), Ok(vec![2, 0]));
        assert_eq!(validate_ranking(&o, &[]), Err("ballot-empty"));
        assert_eq!(
            validate_ranking(&o, &["Alice", "Dave"]),
            Err("ballot-unknown-option")
        );
        assert_eq!(
            validate_ranking(&o, &["Bob", "Alice", "Bob"]),
            Err("ballot-duplicate-option")
        );
        let mut b = RankedBallots::new(o).expect("options");
        assert_eq!(b.push(&[3]), Err("ballot-unknown-option"));
        assert_eq!(b.push(&[1, 1]), Err("ballot-duplicate-option"));
        assert_eq!(b.push(&[]), Err("ballot-empty"));
        assert!(b.is_empty());
        b.push(&[1, 0]).expect("valid");
        b.push(&[2]).expect("valid");
        assert_eq!(b.len(), 2);
        assert_eq!(b.get(0), Some(&[1u16, 0][..]));
        assert_eq!(b.iter().collect::<Vec<_>>(), vec![&[1u16, 0][..], &[2][..]]);
        assert_eq!(b.get(2), None);
    }

    #[test]
    fn option_lists_are_validated() {
        assert!(RankedBallots::new(vec![]).is_ok());
        for bad in [vec!["A", "A"], vec!["A", ""], vec!["A\nB"]] {
            assert_eq!(
                RankedBallots::new(opts(&bad)),
                Err("ballot-option-names"),
                "{bad:?}"
            );
        }
        let many: Vec<String> = (0..=MAX_OPTIONS).map(|i| format!("o{i}")).collect();
        assert_eq!(RankedBallots::new(many), Err("ballot-too-many-options"));
    }

    #[test]
    fn the_seed_commitment_is_its_sha256() {
        assert_eq!(
            seed_commitment("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert!(verify_seed(
            "abc",
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
        ));
        assert!(!verify_seed("abd", &seed_commitment("abc")));
        assert_eq!(TieBreak::none().commitment(), None);
    }

    #[test]
    fn the_seeded_order_follows_the_documented_recipe() {
        // for o in Alice Bob Carol Dave; do printf '%s\n%s' seed-2026 "$o" | sha256sum; done | sort
        //   032df673… Bob, 3b206496… Alice, 4bb59ad7… Carol, 7bce79e7… Dave
        let o = opts(&["Alice", "Bob", "Carol", "Dave"]);
        assert_eq!(tie_break_order("seed-2026", &o), vec![1, 0, 2, 3]);
        // An option's place relative to another does not depend on the rest of the list.
        assert_eq!(
            tie_break_order("seed-2026", &opts(&["Dave", "Bob"])),
            vec![1, 0]
        );
        assert_eq!(
            TieBreak::seeded("seed-2026").order(&o),
            Some(vec![1, 0, 2, 3])
        );
        assert_eq!(TieBreak::none().order(&o), None);
    }

    // --- instant-runoff --------------------------------------------------------------------------

    /// The Tennessee capital example (Wikipedia, "Instant-runoff voting"), with 5 more ballots that
    /// rank Nashville alone and are exhausted when it is eliminated.
    fn tennessee() -> RankedBallots {
        ballots(
            &["Memphis", "Nashville", "Chattanooga", "Knoxville"],
            &[
                (42, &["Memphis", "Nashville", "Chattanooga", "Knoxville"]),
                (26, &["Nashville", "Chattanooga", "Knoxville", "Memphis"]),
                (15, &["Chattanooga", "Knoxville", "Nashville", "Memphis"]),
                (17, &["Knoxville", "Chattanooga", "Nashville", "Memphis"]),
                (5, &["Nashville"]),
            ],
        )
    }

    #[test]
    fn irv_transfers_round_by_round_and_exhausts_ballots() {
        let b = tennessee();
        let r = tally_irv(&b, &TieBreak::none());
        assert_eq!(r.ballots, 105);
        assert_eq!(r.outcome, Outcome::Winner(3));
        assert_eq!(r.rounds.len(), 3);

        let r1 = &r.rounds[0];
        assert_eq!(r1.votes, vec![Some(42), Some(31), Some(15), Some(17)]);
        assert_eq!((r1.active, r1.majority, r1.exhausted), (105, 53, 0));
        assert_eq!(r1.eliminated, vec![2]);
        assert_eq!(r1.resolution, Resolution::NoTie);
        assert_eq!(
            r1.transfers,
            vec![Transfer {
                from: 2,
                to: vec![0, 0, 0, 15],
                exhausted: 0
            }]
        );

        let r2 = &r.rounds[1];
        assert_eq!(r2.votes, vec![Some(42), Some(31), None, Some(32)]);
        assert_eq!(r2.eliminated, vec![1]);
        // Nashville's 26 full ballots skip the eliminated Chattanooga; the 5 others are exhausted.
        assert_eq!(r2.transfers[0].to, vec![0, 0, 0, 26]);
        assert_eq!((r2.transfers[0].exhausted, r2.newly_exhausted), (5, 5));

        let r3 = &r.rounds[2];
        assert_eq!(r3.votes, vec![Some(42), None, None, Some(58)]);
        assert_eq!((r3.active, r3.majority, r3.exhausted), (100, 51, 5));
        assert!(r3.eliminated.is_empty());

        let text = r.render_text(b.options());
        assert_eq!(last_line(&text), "winner: Knoxville");
        assert!(text.contains("round 2: Nashville has the fewest votes (31) and is eliminated; Nashville: 26 to Knoxville, 5 exhausted"), "{text}");
        assert!(
            text.contains("round 3: Knoxville has 58 of 100 votes, more than half, and wins"),
            "{text}"
        );
        let table: Vec<&str> = text.lines().collect();
        assert!(
            table.contains(&"Chattanooga         15        -        -"),
            "{text}"
        );
        assert!(
            table.contains(&"exhausted            0        0        5"),
            "{text}"
        );
    }

    #[test]
    fn irv_elects_a_first_round_majority_at_once() {
        let b = ballots(&["A", "B"], &[(3, &["A"]), (2, &["B", "A"])]);
        let r = tally_irv(&b, &TieBreak::none());
        assert_eq!(r.outcome, Outcome::Winner(0));
        assert_eq!(r.rounds.len(), 1);
    }

    #[test]
    fn irv_breaks_a_tie_for_last_by_looking_back() {
        let b = ballots(
            &["A", "B", "C", "D"],
            &[
                (10, &["A"]),
                (4, &["B", "C"]),
                (5, &["C"]),
                (1, &["D", "B"]),
                (2, &["D"]),
            ],
        );
        let r = tally_irv(&b, &TieBreak::none());
        // Round 1: A 10, B 4, C 5, D 3 → D out. Round 2: B and C tie on 5; B had 4 in round 1.
        let r2 = &r.rounds[1];
        assert_eq!(r2.votes, vec![Some(10), Some(5), Some(5), None]);
        assert_eq!(r2.tied, vec![1, 2]);
        assert_eq!(r2.resolution, Resolution::LookBack);
        assert_eq!(r2.eliminated, vec![1]);
        assert_eq!(r2.transfers[0].to, vec![0, 0, 4, 0]);
        assert_eq!(r2.transfers[0].exhausted, 1);
        // Round 3: A 10 of 19 non-exhausted.
        assert_eq!(r.rounds[2].votes, vec![Some(10), None, Some(9), None]);
        assert_eq!(r.outcome, Outcome::Winner(0));
        let text = r.render_text(b.options());
        assert!(text.contains("round 2: B, C tie for the fewest votes (5); B had fewer in an earlier round (look-back) and is eliminated"), "{text}");
    }

    #[test]
    fn irv_look_back_narrows_round_by_round() {
        // Round 1: A 6, B 2, C 3, D 3, E 1 → E (to B). Round 2: B, C, D tie on 3; round 1 separates
        // B (2) from C and D (3), so B goes.
        let b = ballots(
            &["A", "B", "C", "D", "E"],
            &[
                (6, &["A"]),
                (2, &["B"]),
                (3, &["C"]),
                (3, &["D"]),
                (1, &["E", "B"]),
            ],
        );
        let r = tally_irv(&b, &TieBreak::none());
        assert_eq!(r.rounds[1].tied, vec![1, 2, 3]);
        assert_eq!(r.rounds[1].eliminated, vec![1]);
        assert_eq!(r.rounds[1].resolution, Resolution::LookBack);
        // Round 3: C and D tie on 3 in every round: no seed, A has more → eliminated together.
        assert_eq!(r.rounds[2].still_tied, vec![2, 3]);
        assert_eq!(r.rounds[2].eliminated, vec![2, 3]);
        assert_eq!(r.rounds[2].resolution, Resolution::Batch);
        assert_eq!(r.outcome, Outcome::Winner(0));
    }

    #[test]
    fn irv_ties_between_finalists_go_to_the_seed_or_stay_ties() {
        let o = ["Alice", "Bob"];
        let b = ballots(&o, &[(3, &["Alice"]), (3, &["Bob"])]);
        let tie = tally_irv(&b, &TieBreak::none());
        assert_eq!(tie.outcome, Outcome::Tie(vec![0, 1]));
        assert_eq!(tie.rounds.len(), 1);
        assert_eq!(tie.rounds[0].resolution, Resolution::Unresolved);
        assert_eq!(last_line(&tie.render_text(b.options())), "tie: Alice, Bob");

        // seed-2026 orders Bob before Alice: Alice, last, is eliminated.
        let seeded = tally_irv(&b, &TieBreak::seeded("seed-2026"));
        assert_eq!(seeded.tie_break_order, Some(vec![1, 0]));
        assert_eq!(seeded.rounds[0].resolution, Resolution::Seed);
        assert_eq!(seeded.rounds[0].eliminated, vec![0]);
        assert_eq!(seeded.outcome, Outcome::Winner(1));
        let last = &seeded.rounds[1];
        assert_eq!((last.active, last.exhausted), (3, 3));
        let text = seeded.render_text(b.options());
        assert!(
            text.contains("seeded tie-break order: Bob, Alice"),
            "{text}"
        );
        assert!(
            text.contains("Alice comes last in the seeded order and is eliminated"),
            "{text}"
        );
        assert_eq!(last_line(&text), "winner: Bob");
    }

    #[test]
    fn irv_batch_eliminates_inseparable_options_when_others_lead() {
        let b = ballots(
            &["A", "B", "C"],
            &[(4, &["A"]), (3, &["B", "A"]), (3, &["C"])],
        );
        let r = tally_irv(&b, &TieBreak::none());
        let r1 = &r.rounds[0];
        assert_eq!(r1.resolution, Resolution::Batch);
        assert_eq!(r1.eliminated, vec![1, 2]);
        assert_eq!(r1.transfers[0].to, vec![3, 0, 0]);
        assert_eq!(r1.transfers[1].exhausted, 3);
        assert_eq!(r.rounds[1].votes, vec![Some(7), None, None]);
        assert_eq!(r.outcome, Outcome::Winner(0));
        assert!(r
            .render_text(b.options())
            .contains("nothing separates B, C and there is no seed: they are eliminated together; B: 3 to A; C: 3 exhausted"));

        // With a seed ("x" orders A, B, C) only C goes.
        let seeded = tally_irv(&b, &TieBreak::seeded("x"));
        assert_eq!(seeded.rounds[0].eliminated, vec![2]);
        assert_eq!(seeded.rounds[1].votes, vec![Some(4), Some(3), None]);
        assert_eq!(seeded.outcome, Outcome::Winner(0));
    }

    #[test]
    fn no_ballots_elect_nobody_even_with_a_seed() {
        let b = ballots(&["A", "B", "C"], &[]);
        for tb in [TieBreak::none(), TieBreak::seeded("x")] {
            let irv = tally_irv(&b, &tb);
            assert_eq!(irv.outcome, Outcome::NoBallots);
            assert!(irv.rounds.is_empty());
            assert_eq!(last_line(&irv.render_text(b.options())), "tie: A, B, C");
            let s = tally_schulze(&b, &tb);
            assert_eq!(s.outcome, Outcome::NoBallots);
            assert_eq!(last_line(&s.render_text(b.options())), "tie: A, B, C");
        }
    }

    // --- Schulze ---------------------------------------------------------------------------------

    /// The example of the Wikipedia article "Schulze method": 45 voters, 5 candidates, E wins.
    fn wikipedia() -> RankedBallots {
        ballots(
            &["A", "B", "C", "D", "E"],
            &[
                (5, &["A", "C", "B", "E", "D"]),
                (5, &["A", "D", "E", "C", "B"]),
                (8, &["B", "E", "D", "A", "C"]),
                (3, &["C", "A", "B", "E", "D"]),
                (7, &["C", "A", "E", "B", "D"]),
                (2, &["C", "B", "A", "D", "E"]),
                (7, &["D", "C", "E", "B", "A"]),
                (8, &["E", "B", "A", "D", "C"]),
            ],
        )
    }

    #[test]
    fn schulze_elects_e_in_the_wikipedia_example() {
        let b = wikipedia();
        let r = tally_schulze(&b, &TieBreak::none());
        assert_eq!(
            r.pairwise,
            vec![
                vec![0, 20, 26, 30, 22],
                vec![25, 0, 16, 33, 18],
                vec![19, 29, 0, 17, 24],
                vec![15, 12, 28, 0, 14],
                vec![23, 27, 21, 31, 0],
            ]
        );
        assert_eq!(
            r.strongest,
            vec![
                vec![0, 28, 28, 30, 24],
                vec![25, 0, 28, 33, 24],
                vec![25, 29, 0, 29, 24],
                vec![25, 28, 28, 0, 24],
                vec![25, 28, 28, 31, 0],
            ]
        );
        assert_eq!(r.winners, vec![4]);
        assert_eq!(r.order, vec![vec![4], vec![0], vec![2], vec![1], vec![3]]);
        assert_eq!(r.outcome, Outcome::Winner(4));
        assert_eq!(condorcet_winner(&r.pairwise), None);
        let text = r.render_text(b.options());
        assert!(text.contains("order: E > A > C > B > D"), "{text}");
        assert!(text.contains("(5) E   23   27   21   31    -"), "{text}");
        assert_eq!(last_line(&text), "winner: E");
    }

    #[test]
    fn schulze_prefers_ranked_options_and_does_not_compare_unranked_ones() {
        let b = ballots(&["A", "B", "C"], &[(1, &["A"])]);
        let d = pairwise(&b);
        assert_eq!(d, vec![vec![0, 1, 1], vec![0, 0, 0], vec![0, 0, 0]]);
        assert_eq!(condorcet_winner(&d), Some(0));
        let r = tally_schulze(&b, &TieBreak::none());
        assert_eq!(r.outcome, Outcome::Winner(0));
        assert_eq!(r.order, vec![vec![0], vec![1, 2]]);
        assert!(r.render_text(b.options()).contains("order: A > B = C"));
    }

    #[test]
    fn schulze_ties_go_to_the_earliest_in_the_seeded_order() {
        let b = ballots(&["Alice", "Bob"], &[(1, &["Alice", "Bob"]), (1, &["Bob"])]);
        let tie = tally_schulze(&b, &TieBreak::none());
        assert_eq!(tie.winners, vec![0, 1]);
        assert_eq!(tie.outcome, Outcome::Tie(vec![0, 1]));
        assert_eq!(last_line(&tie.render_text(b.options())), "tie: Alice, Bob");
        let seeded = tally_schulze(&b, &TieBreak::seeded("seed-2026"));
        assert_eq!(seeded.outcome, Outcome::Winner(1));
        let text = seeded.render_text(b.options());
        assert!(text.contains("the earliest of them in the seeded order is elected"));
        assert_eq!(last_line(&text), "winner: Bob");
    }

    #[test]
    fn tally_dispatches_on_the_method() {
        let b = wikipedia();
        let t = tally(Method::Schulze, &b, &TieBreak::none());
        assert_eq!(t.outcome(), &Outcome::Winner(4));
        let json = serde_json::to_value(&t).expect("json");
        assert_eq!(json["method"], "schulze");
        assert_eq!(json["outcome"], serde_json::json!({ "winner": 4 }));
        let t = tally(Method::Irv, &tennessee(), &TieBreak::none());
        assert_eq!(
            last_line(&t.render_text(tennessee().options())),
            "winner: Knoxville"
        );
        let json = serde_json::to_value(&t).expect("json");
        assert_eq!(json["method"], "irv");
        assert_eq!(json["rounds"][1]["votes"][2], serde_json::Value::Null);
        assert_eq!(
            serde_json::to_value(Outcome::NoBallots).expect("json"),
            "no_ballots"
        );
    }

    // --- yes/no ----------------------------------------------------------------------------------

    fn rules(quorum: Quorum, threshold: Threshold, base: Base, abstentions: bool) -> YesNoRules {
        YesNoRules {
            quorum,
            threshold,
            base,
            abstentions_count: abstentions,
        }
    }

    #[test]
    fn a_simple_majority_is_more_than_half() {
        let r = rules(
            Quorum::None,
            Threshold::SimpleMajority,
            Base::VotesCast,
            false,
        );
        let half = tally_yes_no(&r, 5, 5, 0, 100);
        assert_eq!((half.base, half.needed, half.passed), (10, 6, false));
        assert_eq!(half.outcome, YesNoOutcome::Rejected);
        assert!(tally_yes_no(&r, 6, 5, 0, 100).passed);
        assert_eq!(tally_yes_no(&r, 4, 3, 0, 100).needed, 4);
    }

    #[test]
    fn two_thirds_is_at_least_two_thirds() {
        let r = rules(Quorum::None, Threshold::TwoThirds, Base::VotesCast, false);
        let exact = tally_yes_no(&r, 10, 5, 0, 100);
        assert_eq!((exact.needed, exact.passed), (10, true));
        let short = tally_yes_no(&r, 9, 5, 0, 100);
        assert_eq!((short.needed, short.passed), (10, false));
        assert!(tally_yes_no(&r, 2, 1, 0, 3).passed);
        // Nobody voted: never passes.
        let empty = tally_yes_no(&r, 0, 0, 0, 10);
        assert_eq!((empty.needed, empty.passed), (1, false));
    }

    #[test]
    fn abstentions_weigh_as_no_only_when_they_count() {
        let without = rules(
            Quorum::None,
            Threshold::SimpleMajority,
            Base::VotesCast,
            false,
        );
        let with = YesNoRules {
            abstentions_count: true,
            ..without
        };
        let a = tally_yes_no(&without, 6, 4, 3, 100);
        assert_eq!((a.base, a.needed, a.passed), (10, 6, true));
        let b = tally_yes_no(&with, 6, 4, 3, 100);
        assert_eq!((b.base, b.needed, b.passed), (13, 7, false));
    }

    #[test]
    fn the_quorum_counts_every_participant() {
        let r = rules(
            Quorum::Percent(50),
            Threshold::SimpleMajority,
            Base::VotesCast,
            false,
        );
        // Half of 41 is 20.5: 21 participants are needed.
        let short = tally_yes_no(&r, 15, 2, 3, 41);
        assert_eq!((short.participation, short.quorum_required), (20, 21));
        assert_eq!((short.quorum_met, short.passed), (false, false));
        assert_eq!(short.outcome, YesNoOutcome::NoQuorum);
        assert_eq!(last_line(&short.render_text()), "outcome: no quorum");
        // An abstention completes the quorum even though it is not a vote cast.
        let met = tally_yes_no(&r, 15, 2, 4, 41);
        assert!(met.quorum_met && met.passed);
        assert_eq!(last_line(&met.render_text()), "outcome: passed");
        let exact = tally_yes_no(&r, 10, 0, 0, 20);
        assert!(exact.quorum_met);
    }

    #[test]
    fn the_electorate_base_counts_those_who_did_not_vote() {
        let r = rules(Quorum::None, Threshold::TwoThirds, Base::Electorate, false);
        let short = tally_yes_no(&r, 19, 0, 0, 30);
        assert_eq!((short.base, short.needed, short.passed), (30, 20, false));
        assert_eq!(last_line(&short.render_text()), "outcome: rejected");
        assert!(tally_yes_no(&r, 20, 0, 0, 30).passed);
    }

    #[test]
    fn yes_no_rules_parse_their_slugs() {
        assert_eq!(Quorum::parse("none"), Ok(Quorum::None));
        assert_eq!(Quorum::parse("50"), Ok(Quorum::Percent(50)));
        assert_eq!(Quorum::parse("100"), Ok(Quorum::Percent(100)));
        for bad in ["101", "-1", "half", ""] {
            assert_eq!(Quorum::parse(bad), Err("invalid-quorum"), "{bad}");
        }
        for q in [Quorum::None, Quorum::Percent(0), Quorum::Percent(33)] {
            assert_eq!(Quorum::parse(&q.slug()), Ok(q));
        }
        for t in Threshold::ALL {
            assert_eq!(Threshold::parse(t.slug()), Ok(t));
        }
        assert_eq!(Threshold::parse("unanimity"), Err("invalid-threshold"));
        for b in Base::ALL {
            assert_eq!(Base::parse(b.slug()), Ok(b));
        }
        assert_eq!(Base::parse("members"), Err("invalid-base"));
        let json = serde_json::to_value(rules(
            Quorum::Percent(50),
            Threshold::TwoThirds,
            Base::Electorate,
            true,
        ))
        .expect("json");
        assert_eq!(
            json,
            serde_json::json!({"quorum": {"percent": 50}, "threshold": "two_thirds", "base": "electorate", "abstentions_count": true})
        );
    }

    #[test]
    fn yes_no_arithmetic_cannot_overflow() {
        let r = rules(
            Quorum::Percent(100),
            Threshold::TwoThirds,
            Base::VotesCast,
            true,
        );
        let big = tally_yes_no(&r, u64::MAX, u64::MAX, u64::MAX, u64::MAX);
        assert_eq!(big.participation, u64::MAX);
        assert!(big.quorum_met);
        assert_eq!(big.needed, 12_297_829_382_473_034_410);
        assert!(big.passed);
    }

    // --- properties ------------------------------------------------------------------------------

    /// A vote of 1 to 5 options and up to 40 ballots, each ranking a random non-empty subset in a
    /// random order. Small numbers make ties (the interesting cases) common.
    pub(super) fn arb_vote() -> impl Strategy<Value = RankedBallots> {
        (1u16..=5).prop_flat_map(|n| {
            let ranking = (Just((0..n).collect::<Vec<u16>>()).prop_shuffle(), 1..=n).prop_map(
                |(mut r, k)| {
                    r.truncate(usize::from(k));
                    r
                },
            );
            proptest::collection::vec(ranking, 0..40).prop_map(move |rankings| {
                let names = (0..n).map(|i| format!("Option {i}")).collect();
                let mut b = RankedBallots::new(names).expect("options");
                for r in &rankings {
                    b.push(r).expect("valid ranking");
                }
                b
            })
        })
    }

    /// The same vote with its ballots in another order.
    fn arb_vote_shuffled() -> impl Strategy<Value = (RankedBallots, RankedBallots)> {
        arb_vote().prop_flat_map(|b| {
            let rankings: Vec<Vec<u16>> = b.iter().map(<[u16]>::to_vec).collect();
            (Just(b), Just(rankings).prop_shuffle()).prop_map(|(b, shuffled)| {
                let mut other = RankedBallots::new(b.options().to_vec()).expect("options");
                for r in &shuffled {
                    other.push(r).expect("valid");
                }
                (b, other)
            })
        })
    }

    pub(super) fn arb_tie_break() -> impl Strategy<Value = TieBreak> {
        prop_oneof![
            Just(TieBreak::none()),
            "[a-z0-9]{1,8}".prop_map(TieBreak::seeded)
        ]
    }

    /// Each round recounted from scratch from the options eliminated before it.
    fn naive_irv_votes(b: &RankedBallots, eliminated: &[bool]) -> (Vec<Option<u64>>, u64) {
        let mut votes: Vec<Option<u64>> = eliminated.iter().map(|&e| (!e).then_some(0)).collect();
        let mut exhausted = 0;
        for r in b.iter() {
            match r.iter().find(|&&o| !eliminated[usize::from(o)]) {
                Some(&o) => *votes[usize::from(o)].as_mut().expect("continuing") += 1,
                None => exhausted += 1,
            }
        }
        (votes, exhausted)
    }

    proptest! {
        #[test]
        fn irv_rounds_match_a_recount_and_end_in_a_majority(b in arb_vote(), tb in arb_tie_break()) {
            let r = tally_irv(&b, &tb);
            let n = b.options().len();
            let mut eliminated = vec![false; n];
            for (i, round) in r.rounds.iter().enumerate() {
                let (votes, exhausted) = naive_irv_votes(&b, &eliminated);
                prop_assert_eq!(&round.votes, &votes, "round {}", i + 1);
                prop_assert_eq!(round.exhausted, exhausted);
                prop_assert_eq!(round.active + round.exhausted, b.len() as u64);
                prop_assert_eq!(round.majority, round.active / 2 + 1);
                let moved: u64 = round.transfers.iter().map(|t| t.to.iter().sum::<u64>() + t.exhausted).sum();
                let held: u64 = round.eliminated.iter().map(|&o| round.votes_of(o)).sum();
                prop_assert_eq!(moved, held);
                for &o in &round.eliminated {
                    eliminated[usize::from(o)] = true;
                }
            }
            match &r.outcome {
                // The last round always gives the winner strictly more than half of the
                // non-exhausted ballots, even when a tie-break removed its last rival.
                Outcome::Winner(w) => {
                    let last = r.rounds.last().expect("a round");
                    prop_assert!(2 * last.votes_of(*w) > last.active);
                    prop_assert!(last.eliminated.is_empty());
                }
                Outcome::Tie(tied) => {
                    prop_assert!(tb.seed.is_none());
                    prop_assert!(tied.len() >= 2);
                }
                Outcome::NoBallots => prop_assert!(b.is_empty()),
            }
            if tb.seed.is_some() && !b.is_empty() {
                prop_assert!(r.outcome.winner().is_some());
            }
        }

        #[test]
        fn schulze_elects_the_condorcet_winner_when_there_is_one(b in arb_vote(), tb in arb_tie_break()) {
            let r = tally_schulze(&b, &tb);
            let n = b.options().len();
            // The pairwise matrix by its definition, from each ballot's positions.
            for i in 0..n {
                for j in 0..n {
                    let expected = b.iter().filter(|r| {
                        let pos = |o: usize| r.iter().position(|&x| usize::from(x) == o);
                        i != j && match (pos(i), pos(j)) {
                            (Some(pi), Some(pj)) => pi < pj,
                            (Some(_), None) => true,
                            _ => false,
                        }
                    }).count() as u64;
                    prop_assert_eq!(r.pairwise[i][j], expected);
                }
            }
            prop_assert!(!r.winners.is_empty());
            for &w in &r.winners {
                let w = usize::from(w);
                prop_assert!((0..n).all(|j| r.strongest[w][j] >= r.strongest[j][w]));
            }
            if !b.is_empty() {
                if let Some(c) = condorcet_winner(&r.pairwise) {
                    prop_assert_eq!(&r.winners, &vec![c]);
                    prop_assert_eq!(&r.outcome, &Outcome::Winner(c));
                }
                if tb.seed.is_some() {
                    prop_assert!(r.outcome.winner().is_some());
                }
            }
        }

        #[test]
        fn the_order_of_ballots_does_not_matter((b, shuffled) in arb_vote_shuffled(), tb in arb_tie_break()) {
            prop_assert_eq!(tally_irv(&b, &tb), tally_irv(&shuffled, &tb));
            prop_assert_eq!(tally_schulze(&b, &tb), tally_schulze(&shuffled, &tb));
        }
    }
}
