//! The lead jobs: allocation of waiting leads, expiry of unanswered offers, reminders, retention.

use super::*;
use agora_domain::obligations::ObligationStatus;

impl Store {
    /// Runs every scheduled lead job once at `now`: expires unanswered offers, allocates pending
    /// leads (new ones and re-offers), reminds partners of overdue updates, anonymises old leads.
    /// Each step runs under the leads lock, so several instances may run it at the same time.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn run_lead_jobs(
        &self,
        now: DateTime<Utc>,
        retention_days: Option<u32>,
    ) -> Result<JobReport> {
        let mut report = JobReport {
            expired: self.expire_offers(now).await?,
            ..JobReport::default()
        };
        loop {
            let (allocated, queued) = self.allocate_pending(now, 500).await?;
            report.allocated += allocated;
            report.queued += queued;
            if allocated + queued < 500 {
                break;
            }
        }
        report.reminded = self.remind_overdue(now).await?;
        if let Some(days) = retention_days {
            report.anonymised = self.anonymise_older_than(now, days).await?;
        }
        Ok(report)
    }

    pub(super) async fn expire_offers(&self, now: DateTime<Utc>) -> Result<u64> {
        let at = format_time(now);
        let mut tx = self.begin_leads().await?;
        let rows = sqlx::query(
            "SELECT id, lead_id, partner_id, month, region FROM lead_offers WHERE status = 'offered' AND due_at <= $1 \
             ORDER BY id",
        )
        .bind(&at)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok(0);
        }
        for r in &rows {
            let (id, lead_id, partner_id): (i64, i64, i64) =
                (get(r, "id")?, get(r, "lead_id")?, get(r, "partner_id")?);
            sqlx::query("UPDATE lead_offers SET status = 'expired', answered_at = $1, updated_at = $1 WHERE id = $2")
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            count(
                &mut tx,
                &get::<String>(r, "month")?,
                &get::<String>(r, "region")?,
                partner_id,
                Metric::Expired,
            )
            .await?;
            tx.audit(
                AuditEvent::new("lead.offer_expired", "lead", lead_id)
                    .after(serde_json::json!({"partner_id": partner_id})),
            );
            reopen_if_unserved(&mut tx, lead_id).await?;
        }
        tx.commit(&Who::system(), []).await?;
        Ok(rows.len() as u64)
    }

    /// Allocates up to `max` pending leads in id order. Returns (offered, queued).
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn allocate_pending(&self, now: DateTime<Utc>, max: i64) -> Result<(u64, u64)> {
        let mut tx = self.begin_leads().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM leads WHERE status = 'pending' ORDER BY id LIMIT $1",
        )
        .bind(max)
        .fetch_all(&mut *tx)
        .await?;
        if ids.is_empty() {
            return Ok((0, 0));
        }
        let policy = self.lead_policy().await?;
        let month = month_of(now);
        let standings = self.standings_for(&policy.policy, now).await?;
        let candidates = load_candidates(&mut tx, &policy.policy, &month, &standings).await?;
        let ledger = load_ledger(&mut tx).await?;
        let referrers = referrer_partners(&mut tx).await?;
        let at = format_time(now);
        let due = format_time(now + Duration::hours(i64::from(policy.policy.sla_hours)));
        let (mut offered, mut queued) = (0, 0);
        // Indexed once per batch, one allocator per fan-out sharing one tally: the tally carries the
        // ledger and the offers made in this batch, which count against monthly capacity.
        let per_fan_out: Vec<Policy> = (1..=3)
            .map(|f| Policy {
                fan_out: f,
                ..policy.policy.allocation.clone()
            })
            .collect();
        let allocators: Vec<Allocator> = per_fan_out
            .iter()
            .map(|p| Allocator::new(p, &candidates))
            .collect();
        let mut tally = allocators[0].tally(&ledger);
        let index: HashMap<i64, usize> = candidates
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        for id in ids {
            let mut q = Sql::new(&format!("SELECT {LEAD_COLUMNS}, l.month, l.referrer_id"));
            q.push(LEAD_FROM).push(" WHERE l.id = ").bind(id);
            let row = q.query().fetch_one(&mut *tx).await?;
            let l = lead(&row)?;
            let lead_month: String = get(&row, "month")?;
            let referrer_id: Option<i64> = get(&row, "referrer_id")?;
            let previous: Vec<i64> =
                sqlx::query_scalar("SELECT partner_id FROM lead_offers WHERE lead_id = $1")
                    .bind(id)
                    .fetch_all(&mut *tx)
                    .await?;
            let round: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM lead_allocations WHERE lead_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
            let previous: BTreeSet<i64> = previous.into_iter().collect();
            let active = |p: i64| index.get(&p).is_some_and(|&i| candidates[i].active);
            let route = route(
                l.direct_partner_id,
                &previous,
                l.direct_partner_id.is_some_and(active),
            );
            let request = l.request(previous);
            // Referral routing: an eligible referring partner gets the lead first, outside the pool.
            let referral_partner = match (
                policy.policy.referral_routing,
                referrer_id.and_then(|r| referrers.get(&r)),
            ) {
                (ReferralRouting::Referrer, Some(&pid)) => match index.get(&pid) {
                    Some(&i) => {
                        let only = [Candidate {
                            capacity_left: candidates[i]
                                .capacity_left
                                .map(|c| c.saturating_sub(tally.offered[i])),
                            ..candidates[i].clone()
                        }];
                        let mut strict = policy.policy.for_region(&l.region);
                        strict.fallback.clear();
                        strict.fan_out = 1;
                        let e = agora_domain::leads::allocation::allocate(
                            &strict,
                            &only,
                            &request,
                            &mut Ledger::default(),
                        );
                        (!e.chosen.is_empty()).then(|| {
                            tally.offered[i] += 1;
                            (pid, e)
                        })
                    }
                    None => None,
                },
                _ => None,
            };
            let (explanation, referral) = match (route, referral_partner) {
                // A direct request is never the rotation's: no ledger, no entitlement.
                (Route::Partner(pid), _) => {
                    if let Some(&i) = index.get(&pid) {
                        tally.offered[i] += 1;
                    }
                    (bypass(id, Some(pid)), None)
                }
                (Route::Queue, _) => (bypass(id, None), None),
                (Route::Pool, Some((pid, e))) => (e, Some(pid)),
                (Route::Pool, None) => {
                    let f = usize::from(policy.policy.fan_out(&l.region).clamp(1, 3));
                    let e = allocators[f - 1].allocate(&request, &mut tally, true);
                    write_ledger(&mut tx, &tally, &index, &e, &lead_month).await?;
                    (e, None)
                }
            };
            let stored = StoredExplanation {
                referral_partner: referral,
                direct_partner: l.direct_partner_id,
                manual: None,
                explanation,
            };
            let pool = stored.explanation.pool.and_then(|p| {
                serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
            });
            let allocation_id: i64 = sqlx::query_scalar(
                "INSERT INTO lead_allocations (lead_id, round, policy_version, at, pool, explanation_json) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(id)
            .bind(round + 1)
            .bind(policy.version)
            .bind(&at)
            .bind(if referral.is_some() {
                Some("referral".to_string())
            } else if l.direct_partner_id.is_some() {
                Some("direct".to_string())
            } else {
                pool
            })
            .bind(serde_json::to_string(&stored).unwrap_or_default())
            .fetch_one(&mut *tx)
            .await?;
            let chosen = stored.explanation.chosen.clone();
            for pid in &chosen {
                insert_offer(
                    &mut tx,
                    id,
                    *pid,
                    allocation_id,
                    &lead_month,
                    &l.region,
                    &at,
                    &due,
                )
                .await?;
                if round > 0 {
                    count(&mut tx, &lead_month, &l.region, *pid, Metric::Reoffered).await?;
                }
                if l.direct_partner_id.is_some() {
                    count(&mut tx, &lead_month, &l.region, *pid, Metric::Direct).await?;
                }
                if referral.is_some() {
                    add_monthly(&mut tx, &lead_month, *pid, 0.0, 1).await?;
                }
            }
            let status = if chosen.is_empty() {
                LeadStatus::Queued
            } else {
                LeadStatus::Offered
            };
            sqlx::query("UPDATE leads SET status = $1 WHERE id = $2")
                .bind(status.slug())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if chosen.is_empty() {
                queued += 1;
                count(&mut tx, &lead_month, &l.region, 0, Metric::Queued).await?;
            } else {
                offered += 1;
            }
            tx.audit(AuditEvent::new("lead.allocated", "lead", id).after(serde_json::json!({
                    "round": round + 1, "policy_version": policy.version, "offered_to": chosen, "queued": status == LeadStatus::Queued,
                })));
        }
        tx.commit(&Who::system(), []).await?;
        Ok((offered, queued))
    }

    pub(super) async fn remind_overdue(&self, now: DateTime<Utc>) -> Result<u64> {
        let policy = self.lead_policy().await?.policy;
        let cutoff = format_time(now - Duration::days(i64::from(policy.update_reminder_days)));
        let at = format_time(now);
        // Reminding changes no offer: which reminders went out is bookkeeping.
        let mut tx = self.bookkeeping(Some(LOCK_LEADS)).await?;
        let rows = sqlx::query(
            "SELECT id, lead_id, partner_id, status FROM lead_offers WHERE status IN ('accepted', 'contacted', 'proposal') \
             AND updated_at <= $1 AND (reminded_at IS NULL OR reminded_at <= $1) ORDER BY id",
        )
        .bind(&cutoff)
        .fetch_all(&mut *tx)
        .await?;
        // One reminder per partner, naming every lead it should update, not one mail per lead.
        let mut by_partner: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
        for r in &rows {
            let (id, lead_id, partner_id): (i64, i64, i64) =
                (get(r, "id")?, get(r, "lead_id")?, get(r, "partner_id")?);
            by_partner.entry(partner_id).or_default().push(lead_id);
            sqlx::query("UPDATE lead_offers SET reminded_at = $1 WHERE id = $2")
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        for (partner_id, leads) in by_partner {
            let named: Vec<String> = leads.iter().map(|l| format!("#{l}")).collect();
            notify_partner(
                &mut tx,
                partner_id,
                &Mail::new("email-offer-reminder")
                    .arg("count", leads.len())
                    .arg("leads", named.join(", "))
                    .arg("days", policy.update_reminder_days),
            )
            .await?;
        }
        tx.commit_unaudited().await?;
        Ok(rows.len() as u64)
    }

    /// Erases the personal data of leads received more than `days` ago; counts and categories stay.
    pub async fn anonymise_older_than(&self, now: DateTime<Utc>, days: u32) -> Result<u64> {
        let cutoff = format_time(now - Duration::days(i64::from(days)));
        let mut tx = self.begin_leads().await?;
        let n = anonymise(
            &mut tx,
            &Sql::new(" WHERE anonymised_at IS NULL AND received_at < ")
                .bind(cutoff.clone())
                .clone(),
            &format_time(now),
        )
        .await?;
        if n == 0 {
            return Ok(0);
        }
        tx.commit(
            &Who::system(),
            [AuditEvent::new("lead.retention_anonymised", "lead", "*")
                .after(serde_json::json!({"count": n, "received_before": cutoff}))],
        )
        .await?;
        Ok(n)
    }

    /// The allocator's view of today's partners (capacity ignored), for a dry run.
    pub(super) async fn allocation_candidates(&self) -> Result<Vec<Candidate>> {
        let policy = self.lead_policy().await?.policy;
        let mut tx = self.reader.begin().await?;
        // Always the standings: the proposal a dry run compares may weigh them when the policy in
        // force does not (each policy's own setting decides whether they count).
        let standings = self.lead_standings(self.now().date_naive()).await?;
        let mut c = load_candidates(&mut tx, &policy, &month_of(self.now()), &standings).await?;
        tx.rollback().await?;
        for x in &mut c {
            x.capacity_left = None;
        }
        Ok(c)
    }
}

pub(super) async fn anonymise(tx: &mut Tx, w: &Sql, at: &str) -> Result<u64> {
    // The status link dies with the data: nobody can come back to an erased request.
    let mut q = Sql::new("UPDATE leads SET organization = '', contact_name = '', email = '', message = '', merge_key = '', \
         status_token_hash = NULL, anonymised_at = ");
    q.bind(at.to_string());
    q.extend(w);
    Ok(q.query().execute(&mut *tx).await?.rows_affected())
}

impl Store {
    /// Partners' standings on their obligations, read only when the policy weighs them.
    async fn standings_for(
        &self,
        policy: &LeadPolicy,
        now: DateTime<Utc>,
    ) -> Result<HashMap<i64, ObligationStatus>> {
        if policy.allocation.compliance.is_none() {
            return Ok(HashMap::new());
        }
        self.lead_standings(now.date_naive()).await
    }
}

/// Partners the allocator may consider: active ones, and suspended ones so that explanations show
/// them as excluded.
pub(super) async fn load_candidates(
    tx: &mut Tx,
    policy: &LeadPolicy,
    month: &str,
    standings: &HashMap<i64, ObligationStatus>,
) -> Result<Vec<Candidate>> {
    let rows = sqlx::query(
        "SELECT id, status, size FROM partners WHERE status IN ('active', 'suspended') ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let attrs = sqlx::query(
        "SELECT a.partner_id, a.kind, a.value FROM partner_attributes a JOIN partners p ON p.id = a.partner_id \
         WHERE p.status IN ('active', 'suspended')",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut by: HashMap<(i64, String), Vec<String>> = HashMap::new();
    for a in &attrs {
        by.entry((get(a, "partner_id")?, get(a, "kind")?))
            .or_default()
            .push(get(a, "value")?);
    }
    let settings: HashMap<i64, PartnerLeadSettings> =
        sqlx::query("SELECT partner_id, paused, monthly_capacity FROM partner_lead_settings")
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| Ok((get(r, "partner_id")?, lead_settings(r)?)))
            .collect::<Result<_>>()?;
    let month_start = format!("{month}-01T00:00:00.000Z");
    let offered: HashMap<i64, i64> = sqlx::query("SELECT partner_id, COUNT(*) AS n FROM lead_offers WHERE offered_at >= $1 GROUP BY partner_id")
        .bind(&month_start)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| Ok((get(r, "partner_id")?, get(r, "n")?)))
        .collect::<Result<_>>()?;
    let mut out = vec![];
    for r in &rows {
        let id: i64 = get(r, "id")?;
        let s = settings.get(&id).copied().unwrap_or_default();
        let take = |k: &str| by.get(&(id, k.to_string())).cloned().unwrap_or_default();
        let mut c = candidate(
            id,
            get_parsed(
                r,
                "partners",
                "status",
                agora_domain::partner::PartnerStatus::parse,
            )? == agora_domain::partner::PartnerStatus::Active,
            s,
            s.capacity_left(policy, offered.get(&id).copied().unwrap_or(0).max(0) as u64),
            &take("served_region"),
            &take("country"),
            &take("service"),
            &take("language"),
            &take("segment"),
            &get::<String>(r, "size")?,
            &take("pricing"),
        );
        c.compliance = standings.get(&id).copied();
        out.push(c);
    }
    Ok(out)
}

pub(super) async fn load_ledger(tx: &mut Tx) -> Result<Ledger> {
    let mut l = Ledger::default();
    for r in sqlx::query("SELECT partner_id, credit, received FROM allocation_ledger")
        .fetch_all(&mut *tx)
        .await?
    {
        let id: i64 = get(&r, "partner_id")?;
        l.credit.insert(id, get(&r, "credit")?);
        l.received
            .insert(id, get::<i64>(&r, "received")?.max(0) as u64);
    }
    Ok(l)
}

/// Partner referrers: referrer id → partner id.
pub(super) async fn referrer_partners(tx: &mut Tx) -> Result<HashMap<i64, i64>> {
    sqlx::query("SELECT id, partner_id FROM referrers WHERE partner_id IS NOT NULL")
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| Ok((get(r, "id")?, get(r, "partner_id")?)))
        .collect()
}

/// Persists what one decision changed in the ledger, overall and in the lead's month.
pub(super) async fn write_ledger(
    tx: &mut Tx,
    tally: &Tally,
    index: &HashMap<i64, usize>,
    e: &Explanation,
    month: &str,
) -> Result<()> {
    for c in &e.candidates {
        let id = c.partner_id;
        let i = index[&id];
        sqlx::query(
            "INSERT INTO allocation_ledger (partner_id, credit, received) VALUES ($1, $2, $3) \
             ON CONFLICT (partner_id) DO UPDATE SET credit = excluded.credit, received = excluded.received",
        )
        .bind(id)
        .bind(tally.credit[i])
        .bind(tally.received[i] as i64)
        .execute(&mut *tx)
        .await?;
        // A lead is offered to a partner at most once.
        let got = i64::from(e.chosen.contains(&id));
        add_monthly(tx, month, id, c.share, got).await?;
    }
    Ok(())
}

/// Adds to a partner's entitlement and offers of one month.
pub(super) async fn add_monthly(
    tx: &mut Tx,
    month: &str,
    partner: i64,
    credit: f64,
    received: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO allocation_monthly (month, partner_id, credit, received) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (month, partner_id) DO UPDATE SET credit = allocation_monthly.credit + excluded.credit, \
         received = allocation_monthly.received + excluded.received",
    )
    .bind(month)
    .bind(partner)
    .bind(credit)
    .bind(received)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
