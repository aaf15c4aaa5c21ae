//! Taking requests in: a batch of submissions committed in one transaction, merged with a recent
//! request of the same contact, allocated at once.

use super::*;

impl Store {
    /// Commits a batch of requests in one transaction (one fsync for all): the caller acknowledges
    /// each submitter only after this returns. A bad item (replayed key with other content, unknown
    /// referral code) fails alone; the others are stored.
    #[tracing::instrument(level = "debug", skip_all, fields(batch = batch.len()))]
    pub async fn submit_leads(&self, batch: &[Submission]) -> Result<Vec<Result<Intake>>> {
        let mut tx = self.begin_leads().await?;
        let mut out = Vec::with_capacity(batch.len());
        // Per batch, not per lead: the counters it adds to and one audit entry naming every lead.
        let mut received: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut created = vec![];
        for s in batch {
            let r = submit_one(&mut tx, s).await?;
            if let Ok(Intake::Created(id)) = &r {
                *received
                    .entry((month_of(s.received_at), s.lead.region.clone()))
                    .or_default() += 1;
                created.push(json_lead(*id, s));
            }
            out.push(r);
        }
        for ((month, region), n) in &received {
            count_bucket(&mut tx, month, region, 0, Metric::Received.slug(), -1, *n).await?;
        }
        let received = (!created.is_empty()).then(|| {
            AuditEvent::new("lead.received", "lead", created[0]["id"].to_string())
                .after(serde_json::json!({"leads": created}))
        });
        if received.is_none() && !tx.has_events() {
            // Replays and refusals only: nothing was written.
            return Ok(out);
        }
        tx.commit(&Who::anonymous(), received).await?;
        Ok(out)
    }

    pub async fn count_leads(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM leads")
            .fetch_one(&self.reader)
            .await?)
    }
}

pub(super) async fn submit_one(tx: &mut WriteTx, s: &Submission) -> Result<Result<Intake>> {
    let fingerprint = s.lead.fingerprint();
    if let Some(key) = &s.idempotency_key {
        let prior = sqlx::query(
            "SELECT id, fingerprint, status, merged_into FROM leads WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(p) = prior {
            if get::<String>(&p, "fingerprint")? != fingerprint {
                return Ok(Err(ValidationErrors::single(
                    "idempotency_key",
                    "idempotency-conflict",
                )
                .into()));
            }
            let request: i64 = get(&p, "id")?;
            let lead = get::<Option<i64>>(&p, "merged_into")?.unwrap_or(request);
            return Ok(Ok(Intake::Replayed { lead, request }));
        }
    }
    let referrer_id = match &s.lead.referral_code {
        Some(code) => {
            let r: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM referrers WHERE code = $1 AND disabled_at IS NULL",
            )
            .bind(code)
            .fetch_optional(&mut **tx)
            .await?;
            match r {
                Some(id) => Some(id),
                None => {
                    return Ok(Err(ValidationErrors::single(
                        "referral_code",
                        "unknown-referral-code",
                    )
                    .into()))
                }
            }
        }
        None => None,
    };
    let direct_partner_id = match &s.lead.partner {
        Some(slug) => {
            let p: Option<i64> =
                sqlx::query_scalar("SELECT id FROM partners WHERE slug = $1 AND status = 'active'")
                    .bind(slug)
                    .fetch_optional(&mut **tx)
                    .await?;
            match p {
                Some(id) => Some(id),
                None => {
                    return Ok(Err(
                        ValidationErrors::single("partner", "unknown-partner").into()
                    ))
                }
            }
        }
        None => None,
    };
    let at = format_time(s.received_at);
    let month = month_of(s.received_at);
    let merge_key = s.lead.merge_key();
    let since = format_time(s.received_at - Duration::days(MERGE_WINDOW_DAYS));
    let earlier: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM leads WHERE merge_key = $1 AND received_at >= $2 \
         AND status NOT IN ('merged', 'withdrawn', 'spam', 'duplicate') AND anonymised_at IS NULL ORDER BY id LIMIT 1",
    )
    .bind(&merge_key)
    .bind(&since)
    .fetch_optional(&mut **tx)
    .await?;
    let l = &s.lead;
    let join = |v: Vec<&str>| v.join(",");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO leads (received_at, month, organization, contact_name, email, message, merge_key, country, region, \
         segment, size, budget, languages, services, source, referrer_id, idempotency_key, fingerprint, status, merged_into, \
         direct_partner_id, status_token_hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
    )
    .bind(&at)
    .bind(&month)
    .bind(&l.organization)
    .bind(&l.contact_name)
    .bind(l.email.as_str())
    .bind(&l.message)
    .bind(&merge_key)
    .bind(l.country.as_str())
    .bind(&l.region)
    .bind(l.segment.map(|v| v.slug()))
    .bind(l.size.map(|v| v.slug()))
    .bind(l.budget.map(|v| v.slug()))
    .bind(join(l.languages.iter().map(String::as_str).collect()))
    .bind(join(l.services.iter().map(|v| v.slug()).collect()))
    .bind(s.source.slug())
    .bind(referrer_id)
    .bind(&s.idempotency_key)
    .bind(&fingerprint)
    .bind(if earlier.is_some() { "merged" } else { "pending" })
    .bind(earlier)
    .bind(direct_partner_id)
    .bind(s.confirmation.as_ref().map(|c| c.token_hash.as_str()))
    .fetch_one(&mut **tx)
    .await?;
    // The author hears back either way; a merged request's link shows the lead it joined.
    if let Some(c) = &s.confirmation {
        let body = c
            .body
            .replace("{reference}", &lead_reference(earlier.unwrap_or(id)));
        outbox::queue(tx, l.email.as_str(), &c.subject, &body).await?;
    }
    if let Some(first) = earlier {
        sqlx::query("UPDATE leads SET times_merged = times_merged + 1 WHERE id = $1")
            .bind(first)
            .execute(&mut **tx)
            .await?;
        tx.audit(
            AuditEvent::new("lead.merged", "lead", first).after(serde_json::json!({"request": id})),
        );
        return Ok(Ok(Intake::Merged {
            lead: first,
            request: id,
        }));
    }
    Ok(Ok(Intake::Created(id)))
}

/// What the audit log says of a new lead: never its personal data.
pub(super) fn json_lead(id: i64, s: &Submission) -> serde_json::Value {
    serde_json::json!({"id": id, "region": s.lead.region, "source": s.source, "referred": s.lead.referral_code.is_some()})
}
