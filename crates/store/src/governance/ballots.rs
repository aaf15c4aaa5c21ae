//! Ballots: casting (secret or open), the published ballot file and the count.

use super::*;

impl Store {
    /// Published ballots: after the close, or while open when results are shown early.
    pub async fn ballots(&self, decision: &Decision) -> Result<Vec<StoredBallot>> {
        // A secret vote's receipts appear only once nobody can vote any more (older secret votes may
        // have been opened with running results).
        if decision.secret && decision.closed_at.is_none() {
            return Ok(vec![]);
        }
        let rows = sqlx::query(
            "SELECT b.receipt, b.choice, e.label FROM ballots b LEFT JOIN decision_electorate e \
             ON e.decision_id = b.decision_id AND e.voter_key = b.voter_key WHERE b.decision_id = $1 ORDER BY b.receipt",
        )
        .bind(decision.id)
        .fetch_all(&self.reader)
        .await?;
        let options = decision.options();
        rows.iter()
            .map(|r| {
                let choice: String = get(r, "choice")?;
                let choice = if options.is_empty() {
                    vec![
                        parse_column("ballots", "choice", &choice, VoteChoice::parse)?
                            .slug()
                            .to_string(),
                    ]
                } else {
                    gov::decode_ranking(&choice, options.len())
                        .map_err(corrupt_ballot)?
                        .into_iter()
                        .map(|i| options[usize::from(i)].clone())
                        .collect()
                };
                Ok(StoredBallot {
                    receipt: get(r, "receipt")?,
                    voter: if decision.secret {
                        None
                    } else {
                        get(r, "label")?
                    },
                    choice,
                })
            })
            .collect()
    }

    /// The live count while results are shown early; the stored count once closed.
    /// Recounted from the ballots, which is exact and cheap at a body's scale; the count stored at the
    /// close records what was announced.
    pub async fn results(&self, decision: &Decision) -> Result<Option<VoteResult>> {
        if !decision.kind.is_vote()
            || (decision.closed_at.is_none() && (decision.hide_results || decision.secret))
        {
            return Ok(None);
        }
        let mut tx = self.reader.begin().await?;
        let ballots = raw_ballots(&mut tx, decision.id).await?;
        let electorate = electorate_size(&mut tx, decision.id).await?;
        tx.commit().await?;
        count_vote(decision, &ballots, electorate)
    }

    /// The anonymised ballot file anyone entitled can recount with `agora tally`.
    pub async fn ballots_csv(&self, decision: &Decision, software: &str) -> Result<String> {
        if decision.closed_at.is_none() {
            return Err(invalid("decision", "ballots-before-close"));
        }
        let mut tx = self.reader.begin().await?;
        let ballots = raw_ballots(&mut tx, decision.id).await?;
        tx.commit().await?;
        let meta = tally::BallotMeta {
            software: Some(software.to_string()),
            method: match &decision.rules {
                VoteRules::Ranked { method, .. } => Some(*method),
                _ => None,
            },
            seed: decision.revealed_seed().map(str::to_string),
            seed_sha256: Some(decision.seed_sha256.clone()),
        };
        match &decision.rules {
            VoteRules::Ranked { options, .. } => {
                let set = gov::ranked_ballots(options, ballots.iter().map(|(_, c)| c.as_str()))
                    .map_err(corrupt_ballot)?;
                let receipts: Vec<String> = ballots.iter().map(|(r, _)| r.clone()).collect();
                tally::write_ballots_csv(&meta, &set, &receipts).map_err(|c| invalid("decision", c))
            }
            VoteRules::YesNo(_) => Ok(gov::yes_no_ballots_csv(&meta, &ballots)),
            VoteRules::None => Err(invalid("decision", "not-a-vote")),
        }
    }

    /// Casts or changes a ballot and returns its receipt. On a secret vote the ballot row carries no
    /// voter, so changing it takes the receipt the voter was given, presented by that same voter (checked
    /// against the lock kept in their electorate row).
    #[allow(clippy::too_many_arguments)]
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn cast_ballot(
        &self,
        id: i64,
        voter: VoterKey,
        choice: &BallotChoice,
        receipt: Option<&str>,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        ensure_participation(&d, now)?;
        let stored = match (&d.rules, choice) {
            (VoteRules::YesNo(_), BallotChoice::YesNo(c)) => c.slug().to_string(),
            (VoteRules::Ranked { options, .. }, BallotChoice::Ranking(names)) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                gov::encode_ranking(
                    &tally::validate_ranking(options, &names).map_err(|c| invalid("ranking", c))?,
                )
            }
            _ => return Err(invalid("choice", "wrong-ballot-kind")),
        };
        let at = format_time(now);
        let first = mark_participation(&mut tx, id, voter, &at).await?;
        let receipt = if d.secret {
            let given = receipt.map(str::trim).filter(|r| !r.is_empty());
            if first {
                let r = random_code(12);
                write_secret_ballot(&mut tx, id, &r, &stored).await?;
                sqlx::query(
                    "UPDATE decision_electorate SET ballot_lock = $1 WHERE decision_id = $2 AND voter_key = $3",
                )
                .bind(gov::ballot_lock(id, voter, &r))
                .bind(id)
                .bind(voter.encode())
                .execute(&mut *tx)
                .await?;
                r
            } else {
                let r = given
                    .ok_or_else(|| invalid("receipt", "receipt-required"))?
                    .to_uppercase();
                // Only the elector who was given this receipt may change its ballot: another elector's
                // receipt is refused exactly like a mistyped one.
                let lock: Option<Option<String>> = sqlx::query_scalar(
                    "SELECT ballot_lock FROM decision_electorate WHERE decision_id = $1 AND voter_key = $2",
                )
                .bind(id)
                .bind(voter.encode())
                .fetch_optional(&mut *tx)
                .await?;
                if lock.flatten() != Some(gov::ballot_lock(id, voter, &r)) {
                    return Err(invalid("receipt", "unknown-receipt"));
                }
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM ballots WHERE decision_id = $1 AND receipt = $2 AND voter_key IS NULL",
                )
                .bind(id)
                .bind(&r)
                .fetch_one(&mut *tx)
                .await?;
                if n == 0 {
                    return Err(invalid("receipt", "unknown-receipt"));
                }
                write_secret_ballot(&mut tx, id, &r, &stored).await?;
                r
            }
        } else {
            let existing: Option<String> = sqlx::query_scalar(
                "SELECT receipt FROM ballots WHERE decision_id = $1 AND voter_key = $2",
            )
            .bind(id)
            .bind(voter.encode())
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
                Some(r) => {
                    sqlx::query("UPDATE ballots SET choice = $1, cast_at = $2 WHERE decision_id = $3 AND receipt = $4")
                        .bind(&stored)
                        .bind(&at)
                        .bind(id)
                        .bind(&r)
                        .execute(&mut *tx)
                        .await?;
                    r
                }
                None => {
                    let r = random_code(12);
                    sqlx::query(
                        "INSERT INTO ballots (decision_id, receipt, voter_key, choice, cast_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(&r)
                    .bind(voter.encode())
                    .bind(&stored)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                    r
                }
            }
        };
        // Every cast and change is logged; a secret ballot's log names the voter but never the choice.
        let detail = if d.secret {
            serde_json::json!({"voter": voter.encode(), "changed": !first})
        } else {
            serde_json::json!({"voter": voter.encode(), "changed": !first, "choice": stored, "receipt": receipt})
        };
        tx.commit(
            who,
            [AuditEvent::new("decision.ballot", "decision", id).after(detail)],
        )
        .await?;
        Ok(receipt)
    }
}

/// Counts a vote's ballots (`(receipt, stored choice)`) against its frozen electorate, by the
/// domain's rule; a ballot that does not read back is `StoreError::Corrupt`.
pub fn count_vote(
    decision: &Decision,
    ballots: &[(String, String)],
    electorate: i64,
) -> Result<Option<VoteResult>> {
    gov::count_vote(
        &decision.rules,
        decision.revealed_seed(),
        u64::try_from(electorate).unwrap_or(0),
        ballots.iter().map(|(_, c)| c.as_str()),
    )
    .map_err(corrupt_ballot)
}

pub(super) fn corrupt_ballot(e: gov::CorruptBallot) -> StoreError {
    corrupt("ballots", "choice", &e.0)
}

/// Writes a secret ballot (new or changed) so that the table's physical order is receipt order, never
/// casting order: the ballots that sort after it are written again after it. A change rewrites its row
/// the same way, since an updated row would otherwise move to the end of PostgreSQL's heap and mark
/// itself as the latest change. This costs rewriting about half a vote's ballots per ballot cast, small
/// at a body's scale, and keeps SQLite's row ids and PostgreSQL's heap (and any dump or backup of
/// them) from replaying who voted when.
pub(super) async fn write_secret_ballot(
    tx: &mut Tx,
    id: i64,
    receipt: &str,
    choice: &str,
) -> Result<()> {
    let later = sqlx::query(
        "SELECT receipt, choice FROM ballots WHERE decision_id = $1 AND receipt > $2 ORDER BY receipt",
    )
    .bind(id)
    .bind(receipt)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM ballots WHERE decision_id = $1 AND receipt >= $2")
        .bind(id)
        .bind(receipt)
        .execute(&mut *tx)
        .await?;
    let mut rows = vec![(receipt.to_string(), choice.to_string())];
    for r in &later {
        rows.push((get(r, "receipt")?, get(r, "choice")?));
    }
    for (r, c) in rows {
        sqlx::query(
            "INSERT INTO ballots (decision_id, receipt, voter_key, choice, cast_at) VALUES ($1, $2, NULL, $3, NULL)",
        )
        .bind(id)
        .bind(&r)
        .bind(&c)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Forgets which elector holds which secret receipt, once no ballot can change any more.
pub(super) async fn erase_ballot_locks(tx: &mut Tx, id: i64) -> Result<()> {
    sqlx::query("UPDATE decision_electorate SET ballot_lock = NULL WHERE decision_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub(super) async fn raw_ballots(tx: &mut Tx, id: i64) -> Result<Vec<(String, String)>> {
    let rows =
        sqlx::query("SELECT receipt, choice FROM ballots WHERE decision_id = $1 ORDER BY receipt")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
    rows.iter()
        .map(|r| Ok((get(r, "receipt")?, get(r, "choice")?)))
        .collect()
}
