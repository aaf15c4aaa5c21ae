//! Referrers, their links and what they brought.

use super::*;

impl Store {
    pub async fn create_referrer(
        &self,
        code: &str,
        partner_id: Option<i64>,
        person_id: Option<i64>,
        label: &str,
        who: &Who,
    ) -> Result<Referrer> {
        let code = agora_domain::leads::parse_referral_code(code)
            .map_err(|c| ValidationErrors::single("code", c))?;
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 120 {
            return Err(ValidationErrors::single("label", "required").into());
        }
        if partner_id.is_some() == person_id.is_some() {
            return Err(ValidationErrors::single("referrer", "required").into());
        }
        let mut tx = self.begin_leads().await?;
        if let Some(partner) = partner_id {
            // A field error, not a foreign-key failure at the insert.
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partners WHERE id = $1")
                .bind(partner)
                .fetch_one(&mut *tx)
                .await?;
            if n == 0 {
                return Err(ValidationErrors::single("partner_id", "unknown-partner").into());
            }
        }
        let id: i64 = match sqlx::query_scalar(
            "INSERT INTO referrers (code, partner_id, person_id, label, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&code)
        .bind(partner_id)
        .bind(person_id)
        .bind(label)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await
        {
            Ok(id) => id,
            Err(e) if crate::is_unique_violation(&e) => return Err(ValidationErrors::single("code", "code-taken").into()),
            Err(e) => return Err(e.into()),
        };
        tx.commit(
            who,
            [AuditEvent::new("referrer.created", "referrer", id)
                .after(serde_json::json!({"code": code, "label": label}))],
        )
        .await?;
        self.referrers()
            .await?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or(StoreError::NotFound)
    }

    pub async fn referrers(&self) -> Result<Vec<Referrer>> {
        sqlx::query("SELECT id, code, partner_id, person_id, label, created_at, disabled_at FROM referrers ORDER BY code")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(referrer)
            .collect()
    }

    pub async fn referrer_by_code(&self, code: &str) -> Result<Option<Referrer>> {
        sqlx::query("SELECT id, code, partner_id, person_id, label, created_at, disabled_at FROM referrers WHERE code = $1")
            .bind(code.trim().to_ascii_uppercase())
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(referrer)
            .transpose()
    }

    /// A partner's own referral links with what came of each: requests referred, accepted by a
    /// partner, won (merged duplicates left out), for the partner's dashboard. Disabled links are
    /// listed too, with their results, since the leads they brought still count.
    pub async fn partner_referral_results(
        &self,
        partner_id: i64,
    ) -> Result<Vec<(Referrer, Funnel)>> {
        let referrers: Vec<Referrer> = sqlx::query(
            "SELECT id, code, partner_id, person_id, label, created_at, disabled_at FROM referrers \
             WHERE partner_id = $1 ORDER BY code",
        )
        .bind(partner_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(referrer)
        .collect::<Result<_>>()?;
        let rows = sqlx::query(
            "SELECT l.referrer_id, COUNT(*) AS referred, \
             SUM(CASE WHEN EXISTS (SELECT 1 FROM lead_offers o WHERE o.lead_id = l.id \
                 AND o.status IN ('accepted','contacted','proposal','won','lost')) THEN 1 ELSE 0 END) AS accepted, \
             SUM(CASE WHEN EXISTS (SELECT 1 FROM lead_offers o WHERE o.lead_id = l.id \
                 AND o.status = 'won') THEN 1 ELSE 0 END) AS won \
             FROM leads l JOIN referrers r ON r.id = l.referrer_id \
             WHERE r.partner_id = $1 AND l.status <> 'merged' GROUP BY l.referrer_id",
        )
        .bind(partner_id)
        .fetch_all(&self.reader)
        .await?;
        let mut counts = std::collections::HashMap::new();
        for r in &rows {
            let n = |c: &str| get::<i64>(r, c).map(|v| u64::try_from(v).unwrap_or(0));
            counts.insert(
                get::<i64>(r, "referrer_id")?,
                (n("referred")?, n("accepted")?, n("won")?),
            );
        }
        Ok(referrers
            .into_iter()
            .map(|r| {
                let (referred, accepted, won) = counts.get(&r.id).copied().unwrap_or_default();
                let f = Funnel {
                    key: r.code.clone(),
                    referred,
                    accepted,
                    won,
                };
                (r, f)
            })
            .collect())
    }

    /// Referred → accepted → won, per referrer, per region and per source.
    pub async fn referral_stats(&self) -> Result<ReferralStats> {
        let rows = sqlx::query(
            "SELECT r.code, l.region, l.source, l.id, \
             (SELECT COUNT(*) FROM lead_offers o WHERE o.lead_id = l.id AND o.status IN ('accepted','contacted','proposal','won','lost')) AS accepted, \
             (SELECT COUNT(*) FROM lead_offers o WHERE o.lead_id = l.id AND o.status = 'won') AS won \
             FROM leads l JOIN referrers r ON r.id = l.referrer_id WHERE l.status <> 'merged'",
        )
        .fetch_all(&self.reader)
        .await?;
        let mut by: [BTreeMap<String, Funnel>; 3] = Default::default();
        for r in &rows {
            let accepted = get::<i64>(r, "accepted")? > 0;
            let won = get::<i64>(r, "won")? > 0;
            let keys = [
                get::<String>(r, "code")?,
                get::<String>(r, "region")?,
                get::<String>(r, "source")?,
            ];
            for (map, key) in by.iter_mut().zip(keys) {
                let f = map.entry(key.clone()).or_insert_with(|| Funnel {
                    key,
                    ..Funnel::default()
                });
                f.referred += 1;
                f.accepted += u64::from(accepted);
                f.won += u64::from(won);
            }
        }
        let [a, b, c] = by;
        Ok(ReferralStats {
            by_referrer: a.into_values().collect(),
            by_region: b.into_values().collect(),
            by_source: c.into_values().collect(),
        })
    }
}

pub(super) fn referrer(row: &AnyRow) -> Result<Referrer> {
    Ok(Referrer {
        id: get(row, "id")?,
        code: get(row, "code")?,
        partner_id: get(row, "partner_id")?,
        person_id: get(row, "person_id")?,
        label: get(row, "label")?,
        created_at: get_time(row, "referrers", "created_at")?,
        disabled_at: get_opt_time(row, "referrers", "disabled_at")?,
    })
}
