//! What a requester can do with their status link, and their personal data on request.

use super::*;

impl Store {
    /// The lead a requester's status link stands for (a merged request shows the lead it joined).
    pub async fn requester_status(&self, token_hash: &str) -> Result<Option<RequesterStatus>> {
        let Some(id) = self.lead_of_status_token(token_hash).await? else {
            return Ok(None);
        };
        let row = sqlx::query(
            "SELECT l.id, l.received_at, l.status, p.name, p.slug FROM leads l \
             LEFT JOIN partners p ON p.id = l.direct_partner_id WHERE l.id = $1",
        )
        .bind(id)
        .fetch_one(&self.reader)
        .await?;
        let offers = sqlx::query(
            "SELECT o.status, p.name, p.slug FROM lead_offers o JOIN partners p ON p.id = o.partner_id \
             WHERE o.lead_id = $1 ORDER BY o.id",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        let mut accepted_by = vec![];
        let mut awaiting_answer = false;
        for o in &offers {
            let s = crate::offer_status(&get::<String>(o, "status")?)?;
            if s.is_accepted() {
                accepted_by.push((get(o, "name")?, get(o, "slug")?));
            }
            awaiting_answer |= s == OfferStatus::Offered;
        }
        let addressed_to = match get::<Option<String>>(&row, "name")? {
            Some(name) => Some((name, get(&row, "slug")?)),
            None => None,
        };
        Ok(Some(RequesterStatus {
            reference: lead_reference(id),
            received_at: get_time(&row, "leads", "received_at")?,
            status: get_parsed(&row, "leads", "status", LeadStatus::parse)?,
            awaiting_answer,
            accepted_by,
            addressed_to,
        }))
    }

    /// The requester withdraws their request from its status page.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn withdraw_by_requester(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<LeadStatus> {
        let id = self
            .lead_of_status_token(token_hash)
            .await?
            .ok_or(StoreError::NotFound)?;
        let who = Who {
            person_id: None,
            label: "requester".into(),
        };
        self.close_lead(id, (CloseReason::Withdrawn, ""), now, &who)
            .await
    }

    pub(super) async fn lead_of_status_token(&self, token_hash: &str) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT id, merged_into FROM leads WHERE status_token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.reader)
            .await?;
        row.map(|r| Ok(get::<Option<i64>>(&r, "merged_into")?.unwrap_or(get(&r, "id")?)))
            .transpose()
    }

    /// Everything stored about the person with this email, for a data-access request.
    pub async fn export_person_leads(&self, email: &str, who: &Who) -> Result<serde_json::Value> {
        let mut q = Sql::new(&format!("SELECT {LEAD_COLUMNS}"));
        q.push(LEAD_FROM)
            .push(" WHERE l.email = ")
            .bind(email.trim().to_lowercase())
            .push(" ORDER BY l.id");
        let leads = q
            .query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(lead)
            .collect::<Result<Vec<_>>>()?;
        let mut out = vec![];
        for l in &leads {
            self.log_lead_view(l.id, who, "data export").await?;
            out.push(serde_json::json!({"lead": l, "offers": self.lead_offers(l.id).await?}));
        }
        self.record(
            who,
            AuditEvent::new("lead.person_exported", "lead", "*")
                .after(serde_json::json!({"leads": leads.len()})),
        )
        .await?;
        Ok(serde_json::json!({"email": email.trim().to_lowercase(), "leads": out}))
    }

    /// Erases the personal data of every lead from this email; open offers are withdrawn.
    pub async fn erase_person_leads(&self, email: &str, who: &Who) -> Result<u64> {
        let mut tx = self.begin_leads().await?;
        let email = email.trim().to_lowercase();
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM leads WHERE email = $1")
            .bind(&email)
            .fetch_all(&mut *tx)
            .await?;
        if ids.is_empty() {
            return Ok(0);
        }
        let mut w = Sql::new(" WHERE id IN ");
        w.bind_list(&ids);
        let n = anonymise(&mut tx, &w, &self.stamp()).await?;
        let mut wd = Sql::new(
            "UPDATE lead_offers SET status = 'withdrawn' WHERE status = 'offered' AND lead_id IN ",
        );
        wd.bind_list(&ids);
        wd.query().execute(&mut *tx).await?;
        let mut ws = Sql::new("UPDATE leads SET status = 'withdrawn' WHERE status IN ('pending', 'queued') AND id IN ");
        ws.bind_list(&ids);
        ws.query().execute(&mut *tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("lead.person_erased", "lead", "*")
                .after(serde_json::json!({"leads": ids}))],
        )
        .await?;
        Ok(n)
    }
}
