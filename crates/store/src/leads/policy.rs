//! The lead policy's versions, dry runs, and each partner's lead settings.

use super::*;

/// The policy's history is public: who adopted a version reads as their name, never their address
/// (versions stored before names were kept resolve through `people`).
const POLICY_COLUMNS: &str = "l.version, l.policy_json, l.note, l.created_at, \
     COALESCE((SELECT p.display_name FROM people p WHERE p.email = l.created_by), l.created_by) AS created_by \
     FROM lead_policies l";

impl Store {
    pub async fn lead_policy(&self) -> Result<PolicyVersion> {
        let row = sqlx::query(&format!(
            "SELECT {POLICY_COLUMNS} ORDER BY version DESC LIMIT 1"
        ))
        .fetch_optional(&self.reader)
        .await?
        .ok_or(StoreError::NotFound)?;
        policy_version(&row)
    }

    pub async fn lead_policy_history(&self) -> Result<Vec<PolicyVersion>> {
        sqlx::query(&format!("SELECT {POLICY_COLUMNS} ORDER BY version DESC"))
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(policy_version)
            .collect()
    }

    /// Adopts a new policy version (the old ones stay, unchanged). Returns the new version number.
    pub async fn adopt_lead_policy(
        &self,
        policy: &LeadPolicy,
        note: &str,
        who: &Who,
    ) -> Result<i64> {
        policy.validate()?;
        let note = note.trim();
        if note.is_empty() || note.chars().count() > 500 {
            return Err(ValidationErrors::single("note", "required").into());
        }
        // The history is public.
        if agora_domain::text::has_email_address(note) {
            return Err(ValidationErrors::single("note", "no-email-address").into());
        }
        let mut tx = self.begin_leads().await?;
        let v = insert_policy(&mut tx, policy, note, who).await?;
        tx.commit(who, []).await?;
        Ok(v)
    }

    pub async fn partner_lead_settings(&self, partner_id: i64) -> Result<PartnerLeadSettings> {
        let row = sqlx::query(
            "SELECT paused, monthly_capacity FROM partner_lead_settings WHERE partner_id = $1",
        )
        .bind(partner_id)
        .fetch_optional(&self.reader)
        .await?;
        row.as_ref()
            .map_or(Ok(PartnerLeadSettings::default()), lead_settings)
    }

    pub async fn set_partner_lead_settings(
        &self,
        partner_id: i64,
        s: PartnerLeadSettings,
        who: &Who,
    ) -> Result<()> {
        if s.monthly_capacity.is_some_and(|c| c == 0 || c > 100_000) {
            return Err(ValidationErrors::single("monthly_capacity", "out-of-range").into());
        }
        let before = self.partner_lead_settings(partner_id).await?;
        let mut tx = self.begin_leads().await?;
        sqlx::query(
            "INSERT INTO partner_lead_settings (partner_id, paused, monthly_capacity, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (partner_id) DO UPDATE SET paused = excluded.paused, monthly_capacity = excluded.monthly_capacity, \
             updated_at = excluded.updated_at",
        )
        .bind(partner_id)
        .bind(i64::from(s.paused))
        .bind(s.monthly_capacity.map(i64::from))
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("partner.lead_settings", "partner", partner_id)
                    .before(before)
                    .after(s),
            ],
        )
        .await?;
        Ok(())
    }

    /// Replays the `limit` most recent leads under the policy in force and under `proposed`, from an
    /// empty ledger, against today's partners (monthly caps left out): how each partner's offers
    /// would change, largest change first. Adopts nothing.
    pub async fn dry_run_policy(&self, proposed: &LeadPolicy, limit: i64) -> Result<DryRun> {
        let current = self.lead_policy().await?.policy;
        let leads = self.past_lead_requests(limit).await?;
        let candidates = self.allocation_candidates().await?;
        let a = agora_domain::leads::replay(&current, &candidates, &leads);
        let b = agora_domain::leads::replay(proposed, &candidates, &leads);
        let names: HashMap<i64, String> = self
            .partners_of(&candidates.iter().map(|c| c.id).collect::<Vec<_>>())
            .await?
            .into_iter()
            .map(|p| (p.id, p.profile.name))
            .collect();
        let mut partners: Vec<ShareChange> = candidates
            .iter()
            .map(|c| {
                let (x, y) = (
                    a.get(&c.id).copied().unwrap_or(0),
                    b.get(&c.id).copied().unwrap_or(0),
                );
                ShareChange {
                    name: names.get(&c.id).cloned().unwrap_or_default(),
                    current: x,
                    proposed: y,
                    delta: y as i64 - x as i64,
                }
            })
            .filter(|r| r.current > 0 || r.proposed > 0)
            .collect();
        partners.sort_by(|x, y| y.delta.abs().cmp(&x.delta.abs()).then(x.name.cmp(&y.name)));
        Ok(DryRun {
            leads: leads.len(),
            partners,
        })
    }

    /// Every lead that was allocated, as the allocator saw it, for a dry run of another policy.
    pub(super) async fn past_lead_requests(&self, limit: i64) -> Result<Vec<LeadRequest>> {
        let mut q = Sql::new(&format!("SELECT {LEAD_COLUMNS}"));
        q.push(LEAD_FROM)
            .push(" WHERE l.status <> 'merged' ORDER BY l.id DESC LIMIT ")
            .bind(limit);
        let mut v: Vec<LeadRequest> = q
            .query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| lead(r).map(|l| l.request(BTreeSet::new())))
            .collect::<Result<_>>()?;
        v.reverse();
        Ok(v)
    }
}

pub(super) fn lead_settings(row: &AnyRow) -> Result<PartnerLeadSettings> {
    Ok(PartnerLeadSettings {
        paused: get::<i64>(row, "paused")? != 0,
        monthly_capacity: get::<Option<i64>>(row, "monthly_capacity")?
            .map(|c| c.clamp(0, i64::from(u32::MAX)) as u32),
    })
}

pub(super) fn policy_version(row: &AnyRow) -> Result<PolicyVersion> {
    let json: String = get(row, "policy_json")?;
    Ok(PolicyVersion {
        version: get(row, "version")?,
        policy: crate::json_column("lead_policies", "policy_json", &json)?,
        note: get(row, "note")?,
        created_at: get_time(row, "lead_policies", "created_at")?,
        created_by: crate::shown_label(&get::<String>(row, "created_by")?),
    })
}

pub(super) async fn insert_policy(
    tx: &mut WriteTx,
    policy: &LeadPolicy,
    note: &str,
    who: &Who,
) -> Result<i64> {
    let v: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM lead_policies")
        .fetch_one(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO lead_policies (version, policy_json, note, created_at, created_by) VALUES ($1, $2, $3, $4, $5)")
        .bind(v)
        .bind(serde_json::to_string(policy).unwrap_or_default())
        .bind(note)
        .bind(tx.stamp())
        .bind(crate::public_name(tx, who).await?)
        .execute(&mut **tx)
        .await?;
    tx.audit(
        AuditEvent::new("lead_policy.adopted", "lead_policy", v)
            .after(serde_json::json!({"note": note})),
    );
    Ok(v)
}
