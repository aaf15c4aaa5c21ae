//! The counts behind the transparency report and each partner's monthly share.

use super::*;

impl Store {
    /// A partner's entitlement vs offers received, per month, oldest first.
    pub async fn partner_shares(&self, partner_id: i64) -> Result<Vec<MonthlyShare>> {
        let rows = sqlx::query("SELECT month, credit, received FROM allocation_monthly WHERE partner_id = $1 ORDER BY month")
            .bind(partner_id)
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(MonthlyShare {
                    month: get(r, "month")?,
                    entitled: get(r, "credit")?,
                    received: get::<i64>(r, "received")?.max(0) as u64,
                })
            })
            .collect()
    }

    /// The counters of one report period (`2026`, `2026-Q4` or `2026-11`) and the entitlements of
    /// its months, for the transparency report.
    /// The first and the last month ("YYYY-MM") the report has counts for; none before the first lead.
    pub async fn report_months(&self) -> Result<Option<(String, String)>> {
        let r = sqlx::query(
            // Months are "YYYY-MM"; quarters ("YYYY-Qn") have the same length.
            "SELECT MIN(period) AS first, MAX(period) AS last FROM lead_counts \
             WHERE LENGTH(period) = 7 AND period NOT LIKE '%Q%'",
        )
        .fetch_one(&self.reader)
        .await?;
        let first: Option<String> = get(&r, "first")?;
        let last: Option<String> = get(&r, "last")?;
        Ok(first.zip(last))
    }

    pub async fn report_counts(&self, period: &str, months: &[String]) -> Result<ReportCounts> {
        let mut q = Sql::new(
            "SELECT region, partner_id, metric, bucket, value AS n FROM lead_counts WHERE period = ",
        );
        q.bind(period.to_string());
        let mut out = ReportCounts::default();
        for r in q.query().fetch_all(&self.reader).await? {
            let metric: String = get(&r, "metric")?;
            let bucket: i64 = get(&r, "bucket")?;
            let n = get::<i64>(&r, "n")?.max(0) as u64;
            let (region, partner): (String, i64) = (get(&r, "region")?, get(&r, "partner_id")?);
            if metric == agora_domain::leads::ACCEPT_MINUTES {
                out.counts
                    .push((region, partner, Metric::Accepted, bucket, n));
            } else {
                let m = parse_column("lead_counts", "metric", &metric, |s| {
                    Metric::parse(s).ok_or(())
                })?;
                out.counts.push((region, partner, m, -1, n));
            }
        }
        let mut q =
            Sql::new("SELECT partner_id, SUM(credit) AS c FROM allocation_monthly WHERE month IN ");
        q.bind_list(months).push(" GROUP BY partner_id");
        for r in q.query().fetch_all(&self.reader).await? {
            out.entitled.insert(get(&r, "partner_id")?, get(&r, "c")?);
        }
        for r in sqlx::query("SELECT id, slug, name FROM partners")
            .fetch_all(&self.reader)
            .await?
        {
            out.partner_names
                .insert(get(&r, "id")?, (get(&r, "slug")?, get(&r, "name")?));
        }
        Ok(out)
    }

    /// Bulk-loads report counters and monthly entitlements, in one transaction: historical numbers
    /// from before Agora, and the report benchmark. Rows: (month, region, partner id or 0, metric
    /// slug or `accept_min`, bucket or -1, value); shares: (month, partner id, entitled, received).
    pub async fn add_report_counts(
        &self,
        rows: &[(String, String, i64, String, i64, i64)],
        shares: &[(String, i64, f64, i64)],
    ) -> Result<()> {
        let mut tx = self.begin_leads().await?;
        let expanded: Vec<(String, &String, i64, &String, i64, i64)> = rows
            .iter()
            .flat_map(|(m, r, p, metric, b, v)| {
                periods_of(m)
                    .into_iter()
                    .map(move |period| (period, r, *p, metric, *b, *v))
            })
            .collect();
        // One statement per period-sized chunk would collide on conflict within itself; merge first.
        let mut merged: BTreeMap<(String, &String, i64, &String, i64), i64> = BTreeMap::new();
        for (period, r, p, metric, b, v) in expanded {
            *merged.entry((period, r, p, metric, b)).or_default() += v;
        }
        let merged: Vec<_> = merged.into_iter().collect();
        for chunk in merged.chunks(500) {
            let mut q = Sql::new("INSERT INTO lead_counts (period, region, partner_id, metric, bucket, value) VALUES ");
            for (i, ((m, r, p, metric, b), v)) in chunk.iter().enumerate() {
                if i > 0 {
                    q.push(", ");
                }
                q.push("(")
                    .bind(m.clone())
                    .push(", ")
                    .bind((*r).clone())
                    .push(", ")
                    .bind(*p)
                    .push(", ");
                q.bind((*metric).clone())
                    .push(", ")
                    .bind(*b)
                    .push(", ")
                    .bind(*v)
                    .push(")");
            }
            q.push(" ON CONFLICT (period, region, partner_id, metric, bucket) DO UPDATE SET value = lead_counts.value + excluded.value");
            q.query().execute(&mut *tx).await?;
        }
        for (m, p, credit, received) in shares {
            add_monthly(&mut tx, m, *p, *credit, *received).await?;
        }
        tx.commit(
            &Who::system(),
            [AuditEvent::new("lead.counts_loaded", "lead_counts", "*")
                .after(serde_json::json!({"rows": rows.len()}))],
        )
        .await?;
        Ok(())
    }
}
