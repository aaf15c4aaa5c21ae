//! Decisions: opening, versions, stances, comments, responses, escalation, rulings, withdrawal.

use super::*;

impl Store {
    /// Opens a decision: stores version 1, freezes the electorate, commits to a tie-break seed and tells
    /// the electorate.
    #[tracing::instrument(level = "debug", skip_all, fields(actor = who.person_id))]
    pub async fn open_decision(
        &self,
        body: &Body,
        new: &NewDecision,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_governance().await?;
        if let Some(cid) = new.consultation_id {
            let row = sqlx::query(
                "SELECT d.kind, b.kind AS body_kind FROM decisions d JOIN bodies b ON b.id = d.body_id WHERE d.id = $1",
            )
            .bind(cid)
            .fetch_optional(&mut *tx)
            .await?;
            let ok = match row {
                Some(r) => {
                    get_parsed(&r, "decisions", "kind", DecisionKind::parse)?
                        == DecisionKind::Consultation
                        && parse_column(
                            "bodies",
                            "kind",
                            &get::<String>(&r, "body_kind")?,
                            BodyKind::parse,
                        )? == BodyKind::PartnerAssembly
                }
                None => false,
            };
            if !ok {
                return Err(invalid("consultation_id", "unknown-consultation"));
            }
        }
        let at = format_time(now);
        let closes = format_time(now + Duration::hours(new.close_hours));
        let seed = random_code(26);
        let rules = serde_json::to_string(&new.rules)
            .map_err(|e| StoreError::Config(format!("rules: {e}")))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO decisions (body_id, kind, status, title, version, proposer_id, affects_partners, \
             consultation_id, secret, hide_results, rules_json, seed, seed_sha256, opened_at, closes_at, updated_at) \
             VALUES ($1, $2, 'open', $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12) RETURNING id",
        )
        .bind(body.id)
        .bind(new.kind.slug())
        .bind(&new.title)
        .bind(who.person_id)
        .bind(i64::from(new.affects_partners))
        .bind(new.consultation_id)
        .bind(i64::from(new.secret))
        .bind(i64::from(new.hide_results))
        .bind(&rules)
        .bind(&seed)
        .bind(tally::seed_commitment(&seed))
        .bind(&at)
        .bind(&closes)
        .fetch_one(&mut *tx)
        .await?;
        insert_version(&mut tx, id, (1, &new.title, &new.text), &at, who).await?;
        let electorate = freeze_electorate(&mut tx, id, body).await?;
        let by = public_name(&mut tx, who).await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &Mail::new("email-decision-opened")
                .arg("kind", new.kind.slug())
                .arg("title", &new.title)
                .arg("by", by)
                .arg("body", &body.name)
                .arg("text", &new.text)
                .arg("closes", &closes)
                .arg("link", link(id)),
        )
        .await?;
        tx.commit(who, [AuditEvent::new("decision.open", "decision", id).after(serde_json::json!({
                "body": body.slug, "kind": new.kind.slug(), "title": new.title, "closes_at": closes,
                "rules": new.rules, "secret": new.secret, "electorate": electorate,
                "seed_sha256": tally::seed_commitment(&seed),
            }))]).await?;
        Ok(id)
    }

    pub async fn decision(&self, id: i64) -> Result<Decision> {
        let mut tx = self.reader.begin().await?;
        let d = load_decision(&mut tx, id).await?;
        tx.commit().await?;
        Ok(d)
    }

    /// Decisions of the given bodies, newest first; `register` keeps only decided ones.
    pub async fn decisions(
        &self,
        body_ids: &[i64],
        register: bool,
        page: PageRequest,
    ) -> Result<Page<DecisionSummary>> {
        if body_ids.is_empty() {
            page.check(0)?;
            return Ok(Page::new(vec![], page, 0));
        }
        let mut filter = crate::sql::Sql::new(" WHERE d.body_id IN ");
        filter.bind_list(body_ids);
        if register {
            filter.push(" AND d.status = 'decided'");
        }
        crate::fetch_page(
            &self.reader,
            (
                "SELECT d.id, d.body_id, b.name AS body_name, b.slug AS body_slug, d.kind, d.status, d.title, \
                 d.closes_at, d.outcome, d.decided_at, d.review_at",
                " FROM decisions d JOIN bodies b ON b.id = d.body_id",
            ),
            &filter,
            if register {
                "d.decided_at DESC, d.id DESC"
            } else {
                "d.id DESC"
            },
            page,
            summary_row,
        )
        .await
    }

    pub async fn versions(&self, id: i64) -> Result<Vec<Version>> {
        let rows = sqlx::query(
            "SELECT version, title, text, created_at, created_by FROM decision_versions WHERE decision_id = $1 \
             ORDER BY version DESC",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Version {
                    version: get(r, "version")?,
                    title: get(r, "title")?,
                    text: get(r, "text")?,
                    created_at: get_time(r, "decision_versions", "created_at")?,
                    created_by: get(r, "created_by")?,
                })
            })
            .collect()
    }

    pub async fn electorate(&self, id: i64) -> Result<Vec<Elector>> {
        let rows = sqlx::query(
            "SELECT e.voter_key, e.label, e.participated_at, d.secret FROM decision_electorate e \
             JOIN decisions d ON d.id = e.decision_id WHERE e.decision_id = $1 ORDER BY e.label, e.voter_key",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                let at = get_opt_time(r, "decision_electorate", "participated_at")?;
                let secret = get::<i64>(r, "secret")? != 0;
                Ok(Elector {
                    voter_key: voter_key("decision_electorate", &get::<String>(r, "voter_key")?)?
                        .encode(),
                    label: get(r, "label")?,
                    participated: at.is_some(),
                    participated_at: at.filter(|_| !secret),
                })
            })
            .collect()
    }

    /// Positions on a version of a lazy-consensus proposal.
    pub async fn stances(&self, id: i64, version: i64) -> Result<Vec<StanceRow>> {
        let rows = sqlx::query(
            "SELECT s.voter_key, e.label, s.stance, s.reason, s.updated_at FROM decision_stances s \
             JOIN decision_electorate e ON e.decision_id = s.decision_id AND e.voter_key = s.voter_key \
             WHERE s.decision_id = $1 AND s.version = $2 ORDER BY e.label",
        )
        .bind(id)
        .bind(version)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StanceRow {
                    voter_key: voter_key("decision_stances", &get::<String>(r, "voter_key")?)?
                        .encode(),
                    label: get(r, "label")?,
                    stance: get_parsed(r, "decision_stances", "stance", Stance::parse)?,
                    reason: get(r, "reason")?,
                    updated_at: get_time(r, "decision_stances", "updated_at")?,
                })
            })
            .collect()
    }

    /// The electorate entries a person may act for on a decision: themselves, and the partners whose
    /// delegate or alternate they are (or whose partner admin, when none is designated).
    pub async fn voter_keys(&self, decision_id: i64, person_id: i64) -> Result<Vec<VoterKey>> {
        let keys: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT e.voter_key FROM decision_electorate e WHERE e.decision_id = $1 AND (e.voter_key = $2 OR \
             e.voter_key IN (SELECT 'partner:' || CAST(v.partner_id AS TEXT) FROM ({PARTNER_VOTERS}) v \
             WHERE v.person_id = $3)) ORDER BY e.voter_key"
        ))
        .bind(decision_id)
        .bind(VoterKey::Person(person_id).encode())
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        keys.iter()
            .map(|k| voter_key("decision_electorate", k))
            .collect()
    }

    pub async fn comments(&self, id: i64) -> Result<Vec<Comment>> {
        let rows = sqlx::query(
            "SELECT id, parent_id, author_label, body, created_at, response, responded_by, responded_at \
             FROM decision_comments WHERE decision_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Comment {
                    id: get(r, "id")?,
                    parent_id: get(r, "parent_id")?,
                    author: get(r, "author_label")?,
                    body: get(r, "body")?,
                    created_at: get_time(r, "decision_comments", "created_at")?,
                    response: get(r, "response")?,
                    responded_by: get(r, "responded_by")?,
                    responded_at: get_opt_time(r, "decision_comments", "responded_at")?,
                })
            })
            .collect()
    }

    /// Records a lazy-consensus position (+1, 0, −1) for the current version; an objection contests the
    /// proposal and a withdrawn last objection reopens it.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn set_stance(
        &self,
        id: i64,
        voter: VoterKey,
        stance: Stance,
        reason: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<DecisionStatus> {
        gov::check_stance(stance, reason).map_err(|c| invalid("reason", c))?;
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        if d.kind != DecisionKind::LazyConsensus {
            return Err(invalid("stance", "not-lazy-consensus"));
        }
        ensure_participation(&d, now)?;
        let at = format_time(now);
        mark_participation(&mut tx, id, voter, &at).await?;
        sqlx::query(
            "DELETE FROM decision_stances WHERE decision_id = $1 AND version = $2 AND voter_key = $3",
        )
        .bind(id)
        .bind(d.version)
        .bind(voter.encode())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO decision_stances (decision_id, version, voter_key, person_id, stance, reason, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(d.version)
        .bind(voter.encode())
        .bind(who.person_id)
        .bind(stance.slug())
        .bind(reason.trim())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let objections: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM decision_stances WHERE decision_id = $1 AND version = $2 AND stance = 'object'",
        )
        .bind(id)
        .bind(d.version)
        .fetch_one(&mut *tx)
        .await?;
        let status = gov::consensus_status(usize::try_from(objections).unwrap_or(usize::MAX));
        set_status(&mut tx, id, status, &at).await?;
        tx.commit(who, [AuditEvent::new("decision.stance", "decision", id).after(serde_json::json!({
                "voter": voter.encode(), "version": d.version, "stance": stance.slug(), "reason": reason.trim(),
            }))]).await?;
        Ok(status)
    }

    /// Adds a comment (or a reply) to an open consultation.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn comment(
        &self,
        id: i64,
        parent_id: Option<i64>,
        body: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let body = body.trim();
        if body.is_empty() {
            return Err(invalid("body", "required"));
        }
        if body.chars().count() > 10_000 {
            return Err(invalid("body", "too-long"));
        }
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        if d.kind != DecisionKind::Consultation {
            return Err(invalid("body", "not-consultation"));
        }
        ensure_participation(&d, now)?;
        if let Some(p) = parent_id {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM decision_comments WHERE id = $1 AND decision_id = $2",
            )
            .bind(p)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(invalid("parent_id", "unknown-comment"));
            }
        }
        let at = format_time(now);
        let author = public_name(&mut tx, who).await?;
        let cid: i64 = sqlx::query_scalar(
            "INSERT INTO decision_comments (decision_id, parent_id, author_id, author_label, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id)
        .bind(parent_id)
        .bind(who.person_id)
        .bind(&author)
        .bind(body)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("decision.comment", "decision", id)
                .after(serde_json::json!({"comment_id": cid, "parent_id": parent_id}))],
        )
        .await?;
        Ok(cid)
    }

    /// The decision-maker's response to one comment of a consultation, once it has closed.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = decision_id, comment = comment_id, actor = who.person_id))]
    pub async fn respond(
        &self,
        decision_id: i64,
        comment_id: i64,
        response: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let response = gov::check_statement(response).map_err(|c| invalid("response", c))?;
        let mut tx = self.begin_governance().await?;
        let belongs: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM decision_comments WHERE id = $1 AND decision_id = $2",
        )
        .bind(comment_id)
        .bind(decision_id)
        .fetch_one(&mut *tx)
        .await?;
        if belongs == 0 {
            return Err(StoreError::NotFound);
        }
        let d = load_decision(&mut tx, decision_id).await?;
        if d.status != DecisionStatus::Closed {
            return Err(invalid("response", "respond-after-close"));
        }
        let by = public_name(&mut tx, who).await?;
        sqlx::query(
            "UPDATE decision_comments SET response = $1, responded_by = $2, responded_at = $3 WHERE id = $4",
        )
        .bind(&response)
        .bind(&by)
        .bind(format_time(now))
        .bind(comment_id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("decision.respond", "decision", decision_id)
                .after(serde_json::json!({"comment_id": comment_id, "response": response}))],
        )
        .await?;
        Ok(())
    }

    /// Publishes a new version of a lazy-consensus proposal; the clock restarts and earlier versions
    /// stay readable.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn revise(
        &self,
        id: i64,
        revision: &gov::Revision,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (title, text) = (revision.title(), revision.text());
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        let status =
            gov::transition(d.kind, d.status, Action::Revise).map_err(|c| invalid("status", c))?;
        let body = body_in(&mut tx, d.body_id).await?;
        let hours = (d.closes_at - d.opened_at)
            .num_hours()
            .max(body.min_close_hours);
        let at = format_time(now);
        let closes = format_time(now + Duration::hours(hours));
        let version = d.version + 1;
        insert_version(&mut tx, id, (version, title, text), &at, who).await?;
        sqlx::query(
            "UPDATE decisions SET version = $1, title = $2, status = $3, opened_at = $4, closes_at = $5, \
             reminder_sent_at = NULL, updated_at = $4 WHERE id = $6",
        )
        .bind(version)
        .bind(title)
        .bind(status.slug())
        .bind(&at)
        .bind(&closes)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Positions are per version: everyone is undecided again on the new text.
        sqlx::query("UPDATE decision_electorate SET participated_at = NULL WHERE decision_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let by = public_name(&mut tx, who).await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &Mail::new("email-decision-revised")
                .arg("by", by)
                .arg("version", version)
                .arg("title", title)
                .arg("body", &body.name)
                .arg("closes", &closes)
                .arg("text", text)
                .arg("link", link(id)),
        )
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("decision.revise", "decision", id)
                .before(serde_json::json!({"version": d.version, "title": d.title}))
                .after(
                    serde_json::json!({"version": version, "title": title, "closes_at": closes}),
                )],
        )
        .await?;
        Ok(())
    }

    /// Hands a contested proposal to the foundation's moderators.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn escalate(&self, id: i64, who: &Who, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        let status = gov::transition(d.kind, d.status, Action::Escalate)
            .map_err(|c| invalid("status", c))?;
        let at = format_time(now);
        sqlx::query(
            "UPDATE decisions SET status = $1, escalated_at = $2, escalated_by = $3, updated_at = $2 WHERE id = $4",
        )
        .bind(status.slug())
        .bind(&at)
        .bind(who.person_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let moderators: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT p.email FROM people p JOIN role_grants g ON g.person_id = p.id \
             WHERE g.role = 'admin' AND p.disabled_at IS NULL ORDER BY p.email",
        )
        .fetch_all(&mut *tx)
        .await?;
        let by = public_name(&mut tx, who).await?;
        for to in moderators {
            outbox::queue_mail(
                &mut tx,
                &to,
                &Mail::new("email-decision-escalated")
                    .arg("by", &by)
                    .arg("title", &d.title)
                    .arg("link", link(id))
                    .about(d.body_id),
            )
            .await?;
        }
        tx.commit(who, [AuditEvent::new("decision.escalate", "decision", id)])
            .await?;
        Ok(())
    }

    /// A moderator's ruling, with its reasoning, ends an escalated proposal.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn rule(
        &self,
        id: i64,
        ruling: Ruling,
        reasoning: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let reasoning = gov::check_statement(reasoning).map_err(|c| invalid("outcome", c))?;
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        gov::transition(d.kind, d.status, Action::Rule(ruling))
            .map_err(|c| invalid("status", c))?;
        if ruling == Ruling::Accept {
            check_gate(&mut tx, &d).await?;
        }
        let at = format_time(now);
        sqlx::query("UPDATE decisions SET ruling = $1 WHERE id = $2")
            .bind(ruling.slug())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let decided = decide(&mut tx, &d, &reasoning, who, &at).await?;
        tx.commit(who, [decided]).await?;
        Ok(())
    }

    /// The proposer or a facilitator drops a proposal that has not been decided.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn withdraw(&self, id: i64, who: &Who, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        let status = gov::transition(d.kind, d.status, Action::Withdraw)
            .map_err(|c| invalid("status", c))?;
        let at = format_time(now);
        set_status(&mut tx, id, status, &at).await?;
        erase_ballot_locks(&mut tx, id).await?;
        let by = public_name(&mut tx, who).await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &Mail::new("email-decision-withdrawn")
                .arg("by", by)
                .arg("title", &d.title)
                .arg("link", link(id)),
        )
        .await?;
        tx.commit(who, [AuditEvent::new("decision.withdraw", "decision", id)])
            .await?;
        Ok(())
    }

    /// Records the outcome statement of a closed vote or consultation: the decision enters the register.
    #[tracing::instrument(level = "debug", skip_all, fields(decision = id, actor = who.person_id))]
    pub async fn take_decision(
        &self,
        id: i64,
        statement: &str,
        review_at: Option<&str>,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let statement = gov::check_statement(statement).map_err(|c| invalid("outcome", c))?;
        let review = match review_at.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| invalid("review_at", "invalid-date"))?
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
        };
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        gov::transition(d.kind, d.status, Action::Take).map_err(|c| invalid("status", c))?;
        check_gate(&mut tx, &d).await?;
        sqlx::query("UPDATE decisions SET review_at = $1 WHERE id = $2")
            .bind(&review)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let decided = decide(&mut tx, &d, &statement, who, &format_time(now)).await?;
        tx.commit(who, [decided]).await?;
        Ok(())
    }
}

pub(super) fn ensure_participation(d: &Decision, now: DateTime<Utc>) -> Result<()> {
    let open = d.status.accepts_participation() && now < d.closes_at;
    if open {
        Ok(())
    } else {
        Err(invalid("decision", "decision-closed"))
    }
}

/// Marks the elector as having taken part; returns whether this is their first time (on this version).
pub(super) async fn mark_participation(
    tx: &mut Tx,
    id: i64,
    voter: VoterKey,
    at: &str,
) -> Result<bool> {
    let row: Option<Option<String>> = sqlx::query_scalar(
        "SELECT participated_at FROM decision_electorate WHERE decision_id = $1 AND voter_key = $2",
    )
    .bind(id)
    .bind(voter.encode())
    .fetch_optional(&mut *tx)
    .await?;
    match row {
        None => Err(invalid("voter", "not-in-electorate")),
        Some(Some(_)) => Ok(false),
        Some(None) => {
            sqlx::query(
                "UPDATE decision_electorate SET participated_at = $1 WHERE decision_id = $2 AND voter_key = $3",
            )
            .bind(at)
            .bind(id)
            .bind(voter.encode())
            .execute(&mut *tx)
            .await?;
            Ok(true)
        }
    }
}

/// Keeps one version of a proposal's title and text; versions are never changed afterwards.
pub(super) async fn insert_version(
    tx: &mut Tx,
    id: i64,
    (version, title, text): (i64, &str, &str),
    at: &str,
    who: &Who,
) -> Result<()> {
    let by = public_name(tx, who).await?;
    sqlx::query(
        "INSERT INTO decision_versions (decision_id, version, title, text, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(version)
    .bind(title)
    .bind(text)
    .bind(at)
    .bind(&by)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Copies who may vote now into the decision, so later membership changes do not move the count.
pub(super) async fn freeze_electorate(tx: &mut Tx, id: i64, body: &Body) -> Result<i64> {
    let select = match body.kind {
        BodyKind::Group => {
            "SELECT DISTINCT $1, 'person:' || CAST(p.id AS TEXT), p.display_name FROM people p \
             JOIN role_grants g ON g.person_id = p.id WHERE g.scope_kind = 'group' AND g.scope_id = $2 \
             AND g.role IN ('facilitator', 'group_member') AND p.disabled_at IS NULL \
             AND p.password_hash IS NOT NULL"
        }
        BodyKind::PartnerAssembly => {
            "SELECT $1, 'partner:' || CAST(id AS TEXT), name FROM partners WHERE status = 'active'"
        }
        // Members who have accepted their invitation: an unused account cannot vote.
        BodyKind::AllMembers => {
            "SELECT $1, 'person:' || CAST(id AS TEXT), display_name FROM people \
             WHERE disabled_at IS NULL AND password_hash IS NOT NULL"
        }
    };
    let sql = format!("INSERT INTO decision_electorate (decision_id, voter_key, label) {select}");
    let mut q = sqlx::query(&sql).bind(id);
    if body.kind == BodyKind::Group {
        q = q.bind(body.id);
    }
    q.execute(&mut *tx).await?;
    electorate_size(tx, id).await
}

pub(super) async fn electorate_size(tx: &mut Tx, id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM decision_electorate WHERE decision_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?,
    )
}

/// Whether the decision may be taken now (its consultation, or the one it waits for, is done).
pub(super) async fn check_gate(tx: &mut Tx, d: &Decision) -> Result<()> {
    let state = |status: DecisionStatus, unanswered: i64| ConsultationState {
        status,
        unanswered_comments: usize::try_from(unanswered).unwrap_or(usize::MAX),
    };
    let unanswered = |id: i64| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM decision_comments WHERE decision_id = $1 AND response IS NULL",
        )
        .bind(id)
    };
    let own = if d.kind == DecisionKind::Consultation {
        Some(state(d.status, unanswered(d.id).fetch_one(&mut *tx).await?))
    } else {
        None
    };
    let linked = match d.consultation_id {
        Some(cid) => {
            let c = load_decision(tx, cid).await?;
            Some(state(c.status, unanswered(cid).fetch_one(&mut *tx).await?))
        }
        None => None,
    };
    gov::may_take(d.kind, d.affects_partners, own, linked).map_err(|c| invalid("decision", c))
}

/// Enters a decision in the register with its outcome statement and tells the electorate; returns the
/// audit event for the caller's commit.
pub(super) async fn decide(
    tx: &mut WriteTx,
    d: &Decision,
    statement: &str,
    who: &Who,
    at: &str,
) -> Result<AuditEvent> {
    let by = public_name(tx, who).await?;
    sqlx::query(
        "UPDATE decisions SET status = 'decided', outcome = $1, decided_at = $2, decided_by = $3, \
         closed_at = COALESCE(closed_at, $2), updated_at = $2 WHERE id = $4",
    )
    .bind(statement)
    .bind(at)
    .bind(&by)
    .bind(d.id)
    .execute(&mut **tx)
    .await?;
    notify_electorate(
        tx,
        d.id,
        false,
        &Mail::new("email-decision-decided")
            .arg("title", &d.title)
            .arg("outcome", statement)
            .arg("link", link(d.id)),
    )
    .await?;
    Ok(AuditEvent::new("decision.decide", "decision", d.id)
        .before(serde_json::json!({"status": d.status.slug()}))
        .after(serde_json::json!({"outcome": statement})))
}
