//! Schulze: the pairwise matrix, strongest paths and the winners.

use super::*;

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

pub(super) fn cell(m: &Matrix, i: usize, j: usize) -> u64 {
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
