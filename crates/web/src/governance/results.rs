//! What a vote's result page shows: the yes/no count against its quorum and threshold, the IRV
//! round-by-round table with transfers and exhausted ballots, or the Schulze pairwise and strongest-path
//! matrices. Built from the domain's count, so the page shows exactly what `agora tally` prints.

use crate::i18n::Tr;
use agora_domain::governance::VoteResult;
use agora_domain::tally::{Outcome, Resolution, Tally};
use agora_store::Decision;

#[derive(Debug, Clone)]
pub enum ResultsView {
    YesNo(YesNoView),
    Irv(IrvView),
    Schulze(SchulzeView),
}

#[derive(Debug, Clone)]
pub struct YesNoView {
    /// (label, count, bar width out of 300)
    pub rows: Vec<(String, u64, u32)>,
    pub facts: Vec<String>,
    pub outcome: String,
    pub passed: bool,
}

#[derive(Debug, Clone)]
pub struct IrvView {
    pub rounds: Vec<u32>,
    /// Option name, then its votes per round ("—" once eliminated), winner flag.
    pub rows: Vec<(String, Vec<String>, bool)>,
    pub exhausted: Vec<String>,
    pub notes: Vec<String>,
    pub outcome: String,
}

/// One matrix row: option name, cells (value, whether the row option beats the column one), winner flag.
pub type MatrixRow = (String, Vec<(String, bool)>, bool);

#[derive(Debug, Clone)]
pub struct SchulzeView {
    pub options: Vec<String>,
    pub pairwise: Vec<MatrixRow>,
    pub strongest: Vec<MatrixRow>,
    pub outcome: String,
}

fn outcome_text(tr: &Tr, outcome: &Outcome, options: &[String]) -> String {
    let name = |i: &u16| options.get(usize::from(*i)).cloned().unwrap_or_default();
    match outcome {
        Outcome::Winner(w) => tr.t1("result-winner", "name", name(w)),
        Outcome::Tie(t) => tr.t1(
            "result-tie",
            "names",
            t.iter().map(name).collect::<Vec<_>>().join(", "),
        ),
        Outcome::NoBallots => tr.t("result-no-ballots"),
    }
}

fn matrix_rows(m: &[Vec<u64>], options: &[String], winners: &[u16]) -> Vec<MatrixRow> {
    m.iter()
        .enumerate()
        .map(|(i, row)| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(j, v)| {
                    if i == j {
                        ("—".to_string(), false)
                    } else {
                        (v.to_string(), *v > m[j][i])
                    }
                })
                .collect();
            (
                options[i].clone(),
                cells,
                winners.iter().any(|w| usize::from(*w) == i),
            )
        })
        .collect()
}

impl ResultsView {
    pub fn new(tr: &Tr, d: &Decision, r: &VoteResult) -> Self {
        let options = d.options();
        match r {
            VoteResult::YesNo(y) => {
                let max = y.yes.max(y.no).max(y.abstain).max(1);
                let bar = |n: u64| u32::try_from(n * 300 / max).unwrap_or(300);
                let mut facts = vec![
                    tr.t2(
                        "result-participation",
                        ("count", y.participation.to_string()),
                        ("electorate", y.electorate.to_string()),
                    ),
                    tr.t2(
                        "result-needed",
                        ("needed", y.needed.to_string()),
                        ("base", y.base.to_string()),
                    ),
                ];
                if y.quorum_required > 0 {
                    facts.push(tr.t1("result-quorum", "count", y.quorum_required.to_string()));
                }
                ResultsView::YesNo(YesNoView {
                    rows: vec![
                        (tr.label("vote-choice", "yes"), y.yes, bar(y.yes)),
                        (tr.label("vote-choice", "no"), y.no, bar(y.no)),
                        (
                            tr.label("vote-choice", "abstain"),
                            y.abstain,
                            bar(y.abstain),
                        ),
                    ],
                    facts,
                    outcome: tr.t(&format!(
                        "result-yes-no-{}",
                        y.outcome.slug().replace(' ', "-")
                    )),
                    passed: y.passed,
                })
            }
            VoteResult::Ranked(Tally::Irv(irv)) => {
                let winner = irv.outcome.winner();
                let rows = options
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let cells = irv
                            .rounds
                            .iter()
                            .map(|r| match r.votes.get(i).copied().flatten() {
                                Some(v) => v.to_string(),
                                None => "—".to_string(),
                            })
                            .collect();
                        (name.clone(), cells, winner.map(usize::from) == Some(i))
                    })
                    .collect();
                let name = |o: u16| options.get(usize::from(o)).cloned().unwrap_or_default();
                let mut notes = vec![];
                for (n, r) in irv.rounds.iter().enumerate() {
                    for t in &r.transfers {
                        let moved: Vec<String> =
                            t.to.iter()
                                .enumerate()
                                .filter(|(_, v)| **v > 0)
                                .map(|(j, v)| format!("{} → {}", v, name(j as u16)))
                                .collect();
                        let how = match r.resolution {
                            Resolution::NoTie => String::new(),
                            Resolution::LookBack => tr.t("result-tie-lookback"),
                            Resolution::Seed => tr.t("result-tie-seed"),
                            Resolution::Batch => tr.t("result-tie-batch"),
                            Resolution::Unresolved => String::new(),
                        };
                        notes.push(
                            tr.t2(
                                "result-irv-eliminated",
                                ("round", (n + 1).to_string()),
                                ("name", name(t.from)),
                            ) + &format!(
                                " {}{}{}",
                                how,
                                if moved.is_empty() {
                                    String::new()
                                } else {
                                    format!(" {}", moved.join(", "))
                                },
                                if t.exhausted > 0 {
                                    format!(
                                        " {}",
                                        tr.t1("result-irv-exhausted", "count", t.exhausted)
                                    )
                                } else {
                                    String::new()
                                }
                            ),
                        );
                    }
                }
                ResultsView::Irv(IrvView {
                    rounds: (1..=irv.rounds.len() as u32).collect(),
                    rows,
                    exhausted: irv.rounds.iter().map(|r| r.exhausted.to_string()).collect(),
                    notes,
                    outcome: outcome_text(tr, &irv.outcome, options),
                })
            }
            VoteResult::Ranked(Tally::Schulze(s)) => {
                let winners: Vec<u16> = s.outcome.winner().map_or(s.winners.clone(), |w| vec![w]);
                ResultsView::Schulze(SchulzeView {
                    options: options.to_vec(),
                    pairwise: matrix_rows(&s.pairwise, options, &winners),
                    strongest: matrix_rows(&s.strongest, options, &winners),
                    outcome: outcome_text(tr, &s.outcome, options),
                })
            }
        }
    }
}
