//! Leads and offers as the foundation's desk and the partners see them: reads, answers, retries,
//! offers by hand and closings.

use super::*;
use agora_domain::partner::PartnerStatus;

impl Store {
    pub async fn lead(&self, id: i64) -> Result<Option<Lead>> {
        let mut q = Sql::new(&format!("SELECT {LEAD_COLUMNS}"));
        q.push(LEAD_FROM).push(" WHERE l.id = ").bind(id);
        q.query()
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(lead)
            .transpose()
    }

    pub async fn leads_page(&self, f: &LeadFilter, page: PageRequest) -> Result<Page<Lead>> {
        let mut w = Sql::new(" WHERE 1 = 1");
        if let Some(s) = f.status {
            w.push(" AND l.status = ").bind(s.slug());
        }
        if let Some(r) = &f.region {
            w.push(" AND l.region = ").bind(r.clone());
        }
        crate::fetch_page(
            &self.reader,
            (&format!("SELECT {LEAD_COLUMNS}"), LEAD_FROM),
            &w,
            "l.id DESC",
            page,
            lead,
        )
        .await
    }

    pub async fn count_leads_by_status(&self) -> Result<HashMap<LeadStatus, i64>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM leads GROUP BY status")
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    get_parsed(r, "leads", "status", LeadStatus::parse)?,
                    get(r, "n")?,
                ))
            })
            .collect()
    }

    /// Requests merged into this lead (the prospect wrote again).
    pub async fn merged_requests(&self, id: i64) -> Result<Vec<Lead>> {
        let mut q = Sql::new(&format!("SELECT {LEAD_COLUMNS}"));
        q.push(LEAD_FROM)
            .push(" WHERE l.merged_into = ")
            .bind(id)
            .push(" ORDER BY l.id");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(lead)
            .collect()
    }

    /// Records that someone saw a lead's personal data.
    pub async fn log_lead_view(&self, lead_id: i64, who: &Who, context: &str) -> Result<()> {
        sqlx::query("INSERT INTO lead_views (lead_id, person_id, actor, at, context) VALUES ($1, $2, $3, $4, $5)")
            .bind(lead_id)
            .bind(who.person_id)
            .bind(&who.label)
            .bind(self.stamp())
            .bind(context)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }

    pub async fn lead_views(&self, lead_id: i64) -> Result<Vec<(String, DateTime<Utc>, String)>> {
        let rows = sqlx::query("SELECT actor, at, context FROM lead_views WHERE lead_id = $1 ORDER BY id DESC LIMIT 200")
            .bind(lead_id)
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    get(r, "actor")?,
                    get_time(r, "lead_views", "at")?,
                    get(r, "context")?,
                ))
            })
            .collect()
    }

    /// The statuses of the offers of these leads, by lead (a page of the lead desk in one query).
    pub async fn offer_statuses(&self, lead_ids: &[i64]) -> Result<HashMap<i64, Vec<OfferStatus>>> {
        let mut out: HashMap<i64, Vec<OfferStatus>> = HashMap::new();
        if lead_ids.is_empty() {
            return Ok(out);
        }
        let mut q = Sql::new("SELECT lead_id, status FROM lead_offers WHERE lead_id IN ");
        q.bind_list(lead_ids);
        for r in q.query().fetch_all(&self.reader).await? {
            let status: String = get(&r, "status")?;
            out.entry(get(&r, "lead_id")?)
                .or_default()
                .push(crate::offer_status(&status)?);
        }
        Ok(out)
    }

    pub async fn lead_offers(&self, lead_id: i64) -> Result<Vec<Offer>> {
        let mut q = Sql::new(&format!("SELECT {OFFER_COLUMNS}"));
        q.push(OFFER_FROM)
            .push(" WHERE o.lead_id = ")
            .bind(lead_id)
            .push(" ORDER BY o.id");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(offer)
            .collect()
    }

    pub async fn lead_allocations(&self, lead_id: i64) -> Result<Vec<Allocation>> {
        let rows = sqlx::query(
            "SELECT id, lead_id, round, policy_version, at, explanation_json FROM lead_allocations WHERE lead_id = $1 ORDER BY round",
        )
        .bind(lead_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(allocation).collect()
    }

    pub async fn allocation(&self, id: i64) -> Result<Option<Allocation>> {
        sqlx::query("SELECT id, lead_id, round, policy_version, at, explanation_json FROM lead_allocations WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(allocation)
            .transpose()
    }

    pub async fn offer(&self, id: i64) -> Result<Option<Offer>> {
        let mut q = Sql::new(&format!("SELECT {OFFER_COLUMNS}"));
        q.push(OFFER_FROM).push(" WHERE o.id = ").bind(id);
        q.query()
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(offer)
            .transpose()
    }

    /// A partner's inbox: its offers, newest first, optionally only some statuses.
    pub async fn partner_offers(
        &self,
        partner_id: i64,
        statuses: &[OfferStatus],
        page: PageRequest,
    ) -> Result<Page<(Offer, LeadSummary)>> {
        let mut w = Sql::new(" WHERE o.partner_id = ");
        w.bind(partner_id);
        if !statuses.is_empty() {
            let s: Vec<String> = statuses.iter().map(|s| s.slug().to_string()).collect();
            w.push(" AND o.status IN ").bind_list(&s);
        }
        let offers = crate::fetch_page(
            &self.reader,
            (&format!("SELECT {OFFER_COLUMNS}"), OFFER_FROM),
            &w,
            "o.id DESC",
            page,
            offer,
        )
        .await?;
        // The page's leads in one query, not one per offer.
        let ids: Vec<i64> = offers.items.iter().map(|o| o.lead_id).collect();
        let mut leads: HashMap<i64, LeadSummary> = HashMap::new();
        if !ids.is_empty() {
            let mut q = Sql::new(&format!("SELECT {LEAD_COLUMNS}"));
            q.push(LEAD_FROM).push(" WHERE l.id IN ").bind_list(&ids);
            for r in q.query().fetch_all(&self.reader).await? {
                let l = lead(&r)?;
                leads.insert(l.id, l.summary());
            }
        }
        let mut items = Vec::with_capacity(offers.items.len());
        for o in offers.items {
            let l = leads.get(&o.lead_id).cloned().ok_or(StoreError::NotFound)?;
            items.push((o, l));
        }
        Ok(Page::new(items, page, offers.total))
    }

    /// A partner answers an offer or reports progress. The offer must be this partner's.
    #[tracing::instrument(level = "debug", skip_all, fields(offer = offer_id, partner = partner_id, actor = who.person_id))]
    pub async fn update_offer(
        &self,
        offer_id: i64,
        partner_id: i64,
        update: &OfferUpdate,
        now: DateTime<Utc>,
        who: &Who,
    ) -> Result<Offer> {
        let (to, reason, note) = (update.to, update.reason.as_deref(), update.note.as_str());
        let at = format_time(now);
        let mut tx = self.begin_leads().await?;
        let row = sqlx::query("SELECT lead_id, partner_id, status, offered_at, month, region FROM lead_offers WHERE id = $1")
            .bind(offer_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        if get::<i64>(&row, "partner_id")? != partner_id {
            return Err(StoreError::NotFound);
        }
        let from = crate::offer_status(&get::<String>(&row, "status")?)?;
        check_offer_transition(from, to).map_err(|c| ValidationErrors::single("status", c))?;
        if matches!(to, OfferStatus::Declined | OfferStatus::Lost) && reason.is_none() {
            return Err(ValidationErrors::single("reason", "reason-required").into());
        }
        // Only a reason from the list of this move is stored, so every stored one reads back.
        if let Some(r) = reason {
            OfferReason::parse(to, r).map_err(|c| ValidationErrors::single("reason", c))?;
        }
        if note.chars().count() > 2000 {
            return Err(ValidationErrors::single("note", "too-long").into());
        }
        let lead_id: i64 = get(&row, "lead_id")?;
        let (month, region): (String, String) = (get(&row, "month")?, get(&row, "region")?);
        sqlx::query(
            "UPDATE lead_offers SET status = $1, reason = COALESCE($2, reason), note = $3, updated_at = $4, \
             answered_at = COALESCE(answered_at, $4) WHERE id = $5",
        )
        .bind(to.slug())
        .bind(reason)
        .bind(note.trim())
        .bind(&at)
        .bind(offer_id)
        .execute(&mut *tx)
        .await?;
        let metric = match to {
            OfferStatus::Accepted => Some(Metric::Accepted),
            OfferStatus::Declined => Some(Metric::Declined),
            OfferStatus::Won => Some(Metric::Won),
            OfferStatus::Lost => Some(Metric::Lost),
            _ => None,
        };
        if let Some(m) = metric {
            count(&mut tx, &month, &region, partner_id, m).await?;
        }
        if to == OfferStatus::Accepted {
            let offered = crate::time_column(
                "lead_offers",
                "offered_at",
                &get::<String>(&row, "offered_at")?,
            )?;
            let minutes = (now - offered).num_minutes();
            count_bucket(
                &mut tx,
                &month,
                &region,
                partner_id,
                agora_domain::leads::ACCEPT_MINUTES,
                accept_bucket(minutes),
                1,
            )
            .await?;
        }
        if to == OfferStatus::Declined {
            reopen_if_unserved(&mut tx, lead_id).await?;
        }
        let client_year = if to == OfferStatus::Won {
            crate::deals::won_lead_as_client(&mut tx, partner_id, lead_id, now.date_naive()).await?
        } else {
            None
        };
        tx.commit(
            who,
            [AuditEvent::new("lead.offer_updated", "lead", lead_id)
                .before(serde_json::json!({"offer": offer_id, "status": from.slug()}))
                .after(
                    serde_json::json!({"offer": offer_id, "status": to.slug(), "reason": reason,
                    "client_added_to_year": client_year}),
                )],
        )
        .await?;
        self.offer(offer_id).await?.ok_or(StoreError::NotFound)
    }

    /// An admin sends a queued lead through allocation again (after partners joined or the policy changed).
    #[tracing::instrument(level = "debug", skip_all, fields(lead = id, actor = who.person_id))]
    pub async fn retry_lead(&self, id: i64, who: &Who) -> Result<()> {
        let mut tx = self.begin_leads().await?;
        let n =
            sqlx::query("UPDATE leads SET status = 'pending' WHERE id = $1 AND status = 'queued'")
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if n == 0 {
            return Err(ValidationErrors::single("status", "invalid-transition").into());
        }
        tx.commit(who, [AuditEvent::new("lead.retry", "lead", id)])
            .await?;
        Ok(())
    }

    /// An admin offers a lead waiting in the queue (or for its next round) to a partner of their
    /// choice, with a reason: outside the rotation (no entitlement), counted as "manual" in the
    /// report, and recorded as an allocation round so the lead's explanation shows it.
    #[tracing::instrument(level = "debug", skip_all, fields(lead = lead_id, partner = partner_id, actor = who.person_id))]
    pub async fn offer_lead_manually(
        &self,
        lead_id: i64,
        partner_id: i64,
        reason: &str,
        now: DateTime<Utc>,
        who: &Who,
    ) -> Result<Offer> {
        let reason =
            parse_desk_reason(reason).map_err(|c| ValidationErrors::single("reason", c))?;
        let mut tx = self.begin_leads().await?;
        let row = sqlx::query("SELECT status, month, region FROM leads WHERE id = $1")
            .bind(lead_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let status = get_parsed(&row, "leads", "status", LeadStatus::parse)?;
        if !status.may_offer_manually() {
            return Err(ValidationErrors::single("status", "invalid-transition").into());
        }
        let partner: Option<String> =
            sqlx::query_scalar("SELECT status FROM partners WHERE id = $1")
                .bind(partner_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(partner) = partner else {
            return Err(ValidationErrors::single("partner", "unknown-partner").into());
        };
        if parse_column("partners", "status", &partner, PartnerStatus::parse)?
            != PartnerStatus::Active
        {
            return Err(ValidationErrors::single("partner", "partner-inactive").into());
        }
        let had: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM lead_offers WHERE lead_id = $1 AND partner_id = $2",
        )
        .bind(lead_id)
        .bind(partner_id)
        .fetch_one(&mut *tx)
        .await?;
        if had > 0 {
            return Err(ValidationErrors::single("partner", "already-offered").into());
        }
        let policy = self.lead_policy().await?;
        let (month, region): (String, String) = (get(&row, "month")?, get(&row, "region")?);
        let round: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM lead_allocations WHERE lead_id = $1")
                .bind(lead_id)
                .fetch_one(&mut *tx)
                .await?;
        let stored = StoredExplanation {
            referral_partner: None,
            direct_partner: None,
            manual: Some(ManualOffer {
                partner_id,
                reason: reason.clone(),
                by: who.label.clone(),
            }),
            explanation: bypass(lead_id, Some(partner_id)),
        };
        let at = format_time(now);
        let due = format_time(now + Duration::hours(i64::from(policy.policy.sla_hours)));
        let allocation_id: i64 = sqlx::query_scalar(
            "INSERT INTO lead_allocations (lead_id, round, policy_version, at, pool, explanation_json) \
             VALUES ($1, $2, $3, $4, 'manual', $5) RETURNING id",
        )
        .bind(lead_id)
        .bind(round + 1)
        .bind(policy.version)
        .bind(&at)
        .bind(serde_json::to_string(&stored).unwrap_or_default())
        .fetch_one(&mut *tx)
        .await?;
        let offer_id = insert_offer(
            &mut tx,
            lead_id,
            partner_id,
            allocation_id,
            &month,
            &region,
            &at,
            &due,
        )
        .await?;
        count(&mut tx, &month, &region, partner_id, Metric::Manual).await?;
        sqlx::query("UPDATE leads SET status = 'offered' WHERE id = $1")
            .bind(lead_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(who, [AuditEvent::new("lead.offered_manually", "lead", lead_id)
                .before(serde_json::json!({"status": status.slug()}))
                .after(serde_json::json!({"partner_id": partner_id, "round": round + 1, "reason": reason}))]).await?;
        self.offer(offer_id).await?.ok_or(StoreError::NotFound)
    }

    /// Closes an open lead (spam, duplicate, withdrawn): no further offers; partners holding a
    /// live offer are told and unanswered offers withdrawn. `note` is the admin's reason (empty
    /// when the requester withdraws on their status page).
    #[tracing::instrument(level = "debug", skip_all, fields(lead = lead_id))]
    pub async fn close_lead(
        &self,
        lead_id: i64,
        (reason, note): (CloseReason, &str),
        now: DateTime<Utc>,
        who: &Who,
    ) -> Result<LeadStatus> {
        let mut tx = self.begin_leads().await?;
        let (status, closed) = close_in(&mut tx, lead_id, (reason, note), now).await?;
        tx.commit(who, [closed]).await?;
        Ok(status)
    }
}

/// A lead with no live offer left (all declined or expired) goes back to allocation.
pub(super) async fn reopen_if_unserved(tx: &mut Tx, lead_id: i64) -> Result<()> {
    let live: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lead_offers WHERE lead_id = $1 AND status IN ('offered', 'accepted', 'contacted', 'proposal', 'won', 'lost')",
    )
    .bind(lead_id)
    .fetch_one(&mut *tx)
    .await?;
    if live == 0 {
        sqlx::query("UPDATE leads SET status = 'pending' WHERE id = $1 AND status = 'offered'")
            .bind(lead_id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// Offers a lead to one partner: the offer, its count in the report, and the partner's email.
#[allow(clippy::too_many_arguments)]
pub(super) async fn insert_offer(
    tx: &mut WriteTx,
    lead_id: i64,
    partner_id: i64,
    allocation_id: i64,
    month: &str,
    region: &str,
    at: &str,
    due: &str,
) -> Result<i64> {
    let offer_id: i64 = sqlx::query_scalar(
        "INSERT INTO lead_offers (lead_id, partner_id, allocation_id, month, region, offered_at, due_at, status, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'offered', $6) RETURNING id",
    )
    .bind(lead_id)
    .bind(partner_id)
    .bind(allocation_id)
    .bind(month)
    .bind(region)
    .bind(at)
    .bind(due)
    .fetch_one(&mut **tx)
    .await?;
    count(tx, month, region, partner_id, Metric::Offered).await?;
    notify_partner(
        tx,
        partner_id,
        &Mail::new("email-offer-new").arg("lead", lead_id).arg(
            "due",
            crate::parse_time(due).map_or_else(
                || due.to_string(),
                |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
            ),
        ),
    )
    .await?;
    Ok(offer_id)
}

/// Tells every partner still holding a live offer of a closed lead that it is off, and withdraws
/// the unanswered ones. Returns how many partners were told.
pub(super) async fn withdraw_offers(tx: &mut WriteTx, lead_id: i64, at: &str) -> Result<u64> {
    let live: Vec<i64> = sqlx::query_scalar(
        "SELECT partner_id FROM lead_offers WHERE lead_id = $1 AND status IN ('offered', 'accepted', 'contacted', 'proposal') \
         ORDER BY id",
    )
    .bind(lead_id)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query("UPDATE lead_offers SET status = 'withdrawn', updated_at = $1 WHERE lead_id = $2 AND status = 'offered'")
        .bind(at)
        .bind(lead_id)
        .execute(&mut **tx)
        .await?;
    let mail = Mail::new("email-lead-closed").arg("lead", lead_id);
    for p in &live {
        notify_partner(tx, *p, &mail).await?;
    }
    Ok(live.len() as u64)
}

/// Closes a lead in `tx`; returns its new status and the audit event for the caller's commit.
pub(super) async fn close_in(
    tx: &mut WriteTx,
    lead_id: i64,
    (reason, note): (CloseReason, &str),
    now: DateTime<Utc>,
) -> Result<(LeadStatus, AuditEvent)> {
    let note = note.trim();
    if note.chars().count() > agora_domain::leads::MAX_DESK_REASON_CHARS {
        return Err(ValidationErrors::single("note", "too-long").into());
    }
    let from: String = sqlx::query_scalar("SELECT status FROM leads WHERE id = $1")
        .bind(lead_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let from = parse_column("leads", "status", &from, LeadStatus::parse)?;
    let to = agora_domain::leads::close(from, reason)
        .map_err(|c| ValidationErrors::single("status", c))?;
    let at = format_time(now);
    sqlx::query("UPDATE leads SET status = $1, closed_at = $2, closed_note = $3 WHERE id = $4")
        .bind(to.slug())
        .bind(&at)
        .bind(note)
        .bind(lead_id)
        .execute(&mut **tx)
        .await?;
    let told = withdraw_offers(tx, lead_id, &at).await?;
    let event = AuditEvent::new("lead.closed", "lead", lead_id)
        .before(serde_json::json!({"status": from.slug()}))
        .after(serde_json::json!({"status": to.slug(), "reason": reason.slug(), "note": note, "partners_told": told}));
    Ok((to, event))
}
