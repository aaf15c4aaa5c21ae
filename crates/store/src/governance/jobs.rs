//! Governance deadlines: closing votes, automatic acceptance, reminders.

use super::*;

impl Store {
    /// Closes what is due, accepts uncontested proposals, sends closing and review reminders.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn run_governance_jobs(&self, now: DateTime<Utc>) -> Result<GovernanceReport> {
        let mut report = GovernanceReport::default();
        let at = format_time(now);
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM decisions WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at, id",
        )
        .bind(&at)
        .fetch_all(&self.reader)
        .await?;
        for id in due {
            match self.close_due(id, now).await? {
                Some(DecisionStatus::Decided) => report.accepted += 1,
                Some(_) => report.closed += 1,
                None => {}
            }
        }
        report.reminded = self.send_closing_reminders(now).await?;
        report.review_reminders = self.send_review_reminders(now).await?;
        Ok(report)
    }

    pub(super) async fn close_due(
        &self,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<DecisionStatus>> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        // Another instance may have got here first, or someone objected meanwhile.
        if d.status != DecisionStatus::Open || d.closes_at > now {
            return Ok(None);
        }
        let at = format_time(now);
        let who = Who::system();
        if d.kind == DecisionKind::LazyConsensus {
            // A proposal that affects partners waits, open, until its consultation is taken.
            if check_gate(&mut tx, &d).await.is_err() {
                return Ok(None);
            }
            let statement = gov::consensus_statement(d.version, &format_time(d.closes_at));
            let decided = decide(&mut tx, &d, &statement, &who, &at).await?;
            tx.commit(&who, [decided]).await?;
            return Ok(Some(DecisionStatus::Decided));
        }
        let status =
            gov::transition(d.kind, d.status, Action::Close).map_err(|c| invalid("status", c))?;
        sqlx::query(
            "UPDATE decisions SET status = $1, closed_at = $2, updated_at = $2 WHERE id = $3",
        )
        .bind(status.slug())
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        erase_ballot_locks(&mut tx, id).await?;
        let closed = load_decision(&mut tx, id).await?;
        let mut summary = String::new();
        if closed.kind.is_vote() {
            let ballots = raw_ballots(&mut tx, id).await?;
            let electorate = electorate_size(&mut tx, id).await?;
            let result = count_vote(&closed, &ballots, electorate)?;
            summary = result
                .as_ref()
                .map(|r| r.summary(closed.options()))
                .unwrap_or_default();
            let json = result
                .map(|r| serde_json::to_string(&r))
                .transpose()
                .map_err(|e| StoreError::Config(format!("result: {e}")))?;
            sqlx::query("UPDATE decisions SET result_json = $1 WHERE id = $2")
                .bind(json)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        notify_electorate(
            &mut tx,
            id,
            false,
            &if summary.is_empty() {
                Mail::new("email-decision-closed")
            } else {
                Mail::new("email-decision-closed-result")
            }
            .arg("title", &d.title)
            .arg("at", &at)
            .arg("result", &summary)
            .arg("link", link(id)),
        )
        .await?;
        tx.commit(
            &who,
            [AuditEvent::new("decision.close", "decision", id)
                .after(serde_json::json!({"status": status.slug(), "summary": summary}))],
        )
        .await?;
        Ok(Some(status))
    }

    pub(super) async fn send_closing_reminders(&self, now: DateTime<Utc>) -> Result<u64> {
        let at = format_time(now);
        let window = format_time(now + Duration::hours(gov::REMINDER_BEFORE_HOURS));
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM decisions WHERE status IN ('open', 'contested') AND reminder_sent_at IS NULL \
             AND kind IN ('lazy-consensus', 'yes-no', 'ranked') AND closes_at > $1 AND closes_at <= $2 ORDER BY id",
        )
        .bind(&at)
        .bind(&window)
        .fetch_all(&self.reader)
        .await?;
        let mut sent = 0;
        for id in ids {
            // Which reminders went out is bookkeeping; the decision itself does not change.
            let mut tx = self.bookkeeping(Some(LOCK_GOVERNANCE)).await?;
            let d = load_decision(&mut tx, id).await?;
            let due =
                gov::reminder_due(d.closes_at, now, false) && d.status.accepts_participation();
            let claimed = due
                && sqlx::query(
                    "UPDATE decisions SET reminder_sent_at = $1 WHERE id = $2 AND reminder_sent_at IS NULL",
                )
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
            if claimed {
                // Only those who have not voted (or taken a position) yet: nobody is nagged twice.
                sent += notify_electorate(
                    &mut tx,
                    id,
                    true,
                    &Mail::new("email-decision-closing")
                        .arg("hours", gov::REMINDER_BEFORE_HOURS)
                        .arg("title", &d.title)
                        .arg("closes", format_time(d.closes_at))
                        .arg("link", link(id)),
                )
                .await?;
            }
            tx.commit_unaudited().await?;
        }
        Ok(sent)
    }

    pub(super) async fn send_review_reminders(&self, now: DateTime<Utc>) -> Result<u64> {
        let today = now.format("%Y-%m-%d").to_string();
        let rows = sqlx::query(
            "SELECT d.id, d.title, d.body_id FROM decisions d WHERE d.status = 'decided' AND d.review_at IS NOT NULL \
             AND d.review_at <= $1 AND d.review_reminded_at IS NULL ORDER BY d.id",
        )
        .bind(&today)
        .fetch_all(&self.reader)
        .await?;
        let mut sent = 0;
        for r in &rows {
            let (id, title, body_id): (i64, String, i64) =
                (get(r, "id")?, get(r, "title")?, get(r, "body_id")?);
            let mut tx = self.bookkeeping(Some(LOCK_GOVERNANCE)).await?;
            let n = sqlx::query(
                "UPDATE decisions SET review_reminded_at = $1 WHERE id = $2 AND review_reminded_at IS NULL",
            )
            .bind(format_time(now))
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 1 {
                let to: Vec<String> = sqlx::query_scalar(
                    "SELECT DISTINCT p.email FROM people p JOIN role_grants g ON g.person_id = p.id \
                     WHERE p.disabled_at IS NULL AND (g.role = 'admin' OR (g.role = 'facilitator' \
                     AND g.scope_kind = 'group' AND g.scope_id = $1)) ORDER BY p.email",
                )
                .bind(body_id)
                .fetch_all(&mut *tx)
                .await?;
                for addr in to {
                    outbox::queue_mail(
                        &mut tx,
                        &addr,
                        &Mail::new("email-decision-review")
                            .arg("title", &title)
                            .arg("link", link(id))
                            .about(body_id),
                    )
                    .await?;
                    sent += 1;
                }
            }
            tx.commit_unaudited().await?;
        }
        Ok(sent)
    }
}
