//! Instant-runoff: rounds, transfers, look-back and seeded tie-breaks (see the crate docs above).

use super::*;

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
    pub(super) fn votes_of(&self, o: u16) -> u64 {
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
pub(super) fn look_back(earlier: &[IrvRound], mut tied: Vec<u16>) -> Vec<u16> {
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

pub(super) fn describe_round(r: &IrvRound, options: &[String]) -> String {
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
pub(super) fn table(
    out: &mut String,
    corner: &str,
    header: &[String],
    rows: &[(String, Vec<String>)],
) {
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
