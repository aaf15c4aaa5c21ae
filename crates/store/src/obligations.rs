//! Marketing obligations storage (issue 11): the obligation policy's versions, each optionally linked
//! to the decision of the register that adopted it, and the clients partners declare per year.
//! The arithmetic is `agora_domain::obligations`; this module only keeps what it needs.

use crate::write::{Conn, WriteTx};
use crate::{get, get_parsed, get_time, json_column, parse_column, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::geo::CountryCode;
use agora_domain::governance::DecisionStatus;
use agora_domain::obligations::{
    lead_standing, overall, policy_for_year, standings, still_due, Client, ClientCounts, Clients,
    ComplianceRow, Consent, Declaration, ObligationPolicy, ObligationStatus,
};
use agora_domain::partner::PartnerStatus;
use agora_domain::taxonomy::Segment;
use agora_domain::ValidationErrors;
use chrono::Datelike;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// The decision a policy version cites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DecisionRef {
    pub id: i64,
    pub title: String,
}

/// One adopted version of the obligation policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ObligationPolicyVersion {
    pub version: i64,
    pub policy: ObligationPolicy,
    pub note: String,
    pub decision: Option<DecisionRef>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// A partner's declaration for a year, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientDeclaration {
    pub partner_id: i64,
    pub year: i32,
    pub clients: Clients,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
}

const POLICY_COLUMNS: &str = "p.version, p.policy_json, p.note, p.decision_id, d.title AS decision_title, \
     p.created_at, p.created_by FROM obligation_policies p LEFT JOIN decisions d ON d.id = p.decision_id";

impl Store {
    /// Every version of the obligation policy, newest first.
    pub async fn obligation_policies(&self) -> Result<Vec<ObligationPolicyVersion>> {
        sqlx::query(&format!("SELECT {POLICY_COLUMNS} ORDER BY p.version DESC"))
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(policy_version)
            .collect()
    }

    /// The version that governs `year` (see `agora_domain::obligations::policy_for_year`), if any.
    pub async fn obligation_policy_for(
        &self,
        year: i32,
    ) -> Result<Option<ObligationPolicyVersion>> {
        let all = self.obligation_policies().await?;
        Ok(policy_for_year(&all, year, |v| (v.version, &v.policy)).cloned())
    }

    /// Adopts a new version (earlier ones stay as they were). `decision_id`, when given, must be a
    /// decided decision of the register. Returns the new version number.
    pub async fn adopt_obligation_policy(
        &self,
        policy: &ObligationPolicy,
        note: &str,
        decision_id: Option<i64>,
        who: &Who,
    ) -> Result<i64> {
        let note = note.trim();
        if note.chars().count() > 500 {
            return Err(ValidationErrors::single("note", "too-long").into());
        }
        let mut tx = self.write().await?;
        if let Some(id) = decision_id {
            check_adopting_decision(&mut tx, id).await?;
        }
        // The policy's history is public: it names the person, never their address.
        let by = crate::public_name(&mut tx, who).await?;
        let version: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM obligation_policies")
                .fetch_one(&mut *tx)
                .await?;
        let json = serde_json::to_string(policy)
            .map_err(|e| StoreError::Config(format!("obligation policy: {e}")))?;
        sqlx::query(
            "INSERT INTO obligation_policies (version, policy_json, first_year, last_year, decision_id, \
             note, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(version)
        .bind(&json)
        .bind(i64::from(policy.years.first))
        .bind(policy.years.last.map(i64::from))
        .bind(decision_id)
        .bind(note)
        .bind(tx.stamp())
        .bind(&by)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("obligation_policy.adopted", "obligation_policy", version).after(
                    serde_json::json!({
                        "policy": policy,
                        "note": note,
                        "decision_id": decision_id,
                    }),
                ),
            ],
        )
        .await?;
        Ok(version)
    }

    /// Records what a partner declares for a year, replacing its earlier declaration for that year.
    pub async fn declare_clients(
        &self,
        partner_id: i64,
        declaration: &Declaration,
        who: &Who,
    ) -> Result<()> {
        let before = self.client_counts(partner_id, declaration.year).await?;
        let mut tx = self.write().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_optional(&mut *tx)
            .await?;
        exists.ok_or(StoreError::NotFound)?;
        let year = i64::from(declaration.year);
        sqlx::query("DELETE FROM declared_clients WHERE partner_id = $1 AND year = $2")
            .bind(partner_id)
            .bind(year)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM client_declarations WHERE partner_id = $1 AND year = $2")
            .bind(partner_id)
            .bind(year)
            .execute(&mut *tx)
            .await?;
        let counts = declaration.clients.counts();
        let kind = match declaration.clients {
            Clients::Count(_) => "count",
            Clients::List { .. } => "list",
        };
        let by = crate::public_name(&mut tx, who).await?;
        sqlx::query(
            "INSERT INTO client_declarations (partner_id, year, kind, clients, logo_refused, \
             testimonial_refused, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(partner_id)
        .bind(year)
        .bind(kind)
        .bind(i64::from(counts.clients))
        .bind(i64::from(counts.logo_refused))
        .bind(i64::from(counts.testimonial_refused))
        .bind(tx.stamp())
        .bind(&by)
        .execute(&mut *tx)
        .await?;
        if let Clients::List { clients } = &declaration.clients {
            for (i, c) in clients.iter().enumerate() {
                insert_client(&mut tx, partner_id, year, i as i64, c).await?;
            }
        }
        // The audit log is append-only and public to the foundation: it keeps counts, never the
        // clients' names.
        tx.commit(
            who,
            [AuditEvent::new("partner.clients_declared", "partner", partner_id)
                .before(before.map(|c| serde_json::json!({"year": declaration.year, "counts": c})))
                .after(serde_json::json!({"year": declaration.year, "kind": kind, "counts": counts}))],
        )
        .await?;
        Ok(())
    }

    /// How many clients a partner declared for a year and how many refused; `None` if it declared
    /// nothing for that year.
    pub async fn client_counts(&self, partner_id: i64, year: i32) -> Result<Option<ClientCounts>> {
        sqlx::query(
            "SELECT clients, logo_refused, testimonial_refused FROM client_declarations \
             WHERE partner_id = $1 AND year = $2",
        )
        .bind(partner_id)
        .bind(i64::from(year))
        .fetch_optional(&self.reader)
        .await?
        .as_ref()
        .map(counts)
        .transpose()
    }

    /// A partner's declaration for a year with its list of clients, if it declared one.
    pub async fn client_declaration(
        &self,
        partner_id: i64,
        year: i32,
    ) -> Result<Option<ClientDeclaration>> {
        let Some(row) = sqlx::query(
            "SELECT kind, clients, logo_refused, testimonial_refused, updated_at, updated_by \
             FROM client_declarations WHERE partner_id = $1 AND year = $2",
        )
        .bind(partner_id)
        .bind(i64::from(year))
        .fetch_optional(&self.reader)
        .await?
        else {
            return Ok(None);
        };
        let kind: String = get(&row, "kind")?;
        let clients = match kind.as_str() {
            "count" => Clients::Count(counts(&row)?),
            "list" => Clients::List {
                clients: sqlx::query(
                    "SELECT organization, country, segment, acquired_on, logo_consent, \
                     testimonial_consent, evidence FROM declared_clients \
                     WHERE partner_id = $1 AND year = $2 ORDER BY position",
                )
                .bind(partner_id)
                .bind(i64::from(year))
                .fetch_all(&self.reader)
                .await?
                .iter()
                .map(client)
                .collect::<Result<_>>()?,
            },
            other => return Err(crate::corrupt("client_declarations", "kind", other)),
        };
        Ok(Some(ClientDeclaration {
            partner_id,
            year,
            clients,
            updated_at: get_time(&row, "client_declarations", "updated_at")?,
            updated_by: get(&row, "updated_by")?,
        }))
    }
}

/// A policy may cite only a decision the register holds as decided.
async fn check_adopting_decision(tx: &mut WriteTx, id: i64) -> Result<()> {
    let status: Option<String> = sqlx::query_scalar("SELECT status FROM decisions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(status) = status else {
        return Err(ValidationErrors::single("decision_id", "unknown-decision").into());
    };
    let status = parse_column("decisions", "status", &status, DecisionStatus::parse)?;
    if status != DecisionStatus::Decided {
        return Err(ValidationErrors::single("decision_id", "decision-not-decided").into());
    }
    Ok(())
}

pub(crate) async fn insert_client(
    tx: &mut WriteTx,
    partner_id: i64,
    year: i64,
    position: i64,
    c: &Client,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO declared_clients (partner_id, year, position, organization, country, segment, \
         acquired_on, logo_consent, testimonial_consent, evidence) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(partner_id)
    .bind(year)
    .bind(position)
    .bind(&c.organization)
    .bind(c.country.as_str())
    .bind(c.segment.map(Segment::slug))
    .bind(c.acquired_on.format("%Y-%m-%d").to_string())
    .bind(c.logo_consent.slug())
    .bind(c.testimonial_consent.slug())
    .bind(&c.evidence)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

fn count_column(row: &AnyRow, column: &'static str) -> Result<u32> {
    let n: i64 = get(row, column)?;
    u32::try_from(n).map_err(|_| crate::corrupt("client_declarations", column, &n.to_string()))
}

fn counts(row: &AnyRow) -> Result<ClientCounts> {
    Ok(ClientCounts {
        clients: count_column(row, "clients")?,
        logo_refused: count_column(row, "logo_refused")?,
        testimonial_refused: count_column(row, "testimonial_refused")?,
    })
}

fn client(row: &AnyRow) -> Result<Client> {
    const T: &str = "declared_clients";
    Ok(Client {
        organization: get(row, "organization")?,
        country: get_parsed(row, T, "country", CountryCode::parse)?,
        segment: get::<Option<String>>(row, "segment")?
            .map(|s| parse_column(T, "segment", &s, Segment::parse))
            .transpose()?,
        acquired_on: get_parsed(row, T, "acquired_on", |s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
        })?,
        logo_consent: get_parsed(row, T, "logo_consent", Consent::parse)?,
        testimonial_consent: get_parsed(row, T, "testimonial_consent", Consent::parse)?,
        evidence: get(row, "evidence")?,
    })
}

fn policy_version(row: &AnyRow) -> Result<ObligationPolicyVersion> {
    let json: String = get(row, "policy_json")?;
    let decision = match get::<Option<i64>>(row, "decision_id")? {
        Some(id) => Some(DecisionRef {
            id,
            title: get::<Option<String>>(row, "decision_title")?.ok_or_else(|| {
                crate::corrupt("obligation_policies", "decision_id", &id.to_string())
            })?,
        }),
        None => None,
    };
    Ok(ObligationPolicyVersion {
        version: get(row, "version")?,
        policy: json_column("obligation_policies", "policy_json", &json)?,
        note: get(row, "note")?,
        decision,
        created_at: get_time(row, "obligation_policies", "created_at")?,
        created_by: get(row, "created_by")?,
    })
}

/// A partner's name and status, for views across every partner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerName {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: agora_domain::partner::PartnerStatus,
}

impl Store {
    /// Every partner's declared counts for `years`, by (partner, year).
    pub async fn client_counts_in(
        &self,
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<std::collections::HashMap<(i64, i32), ClientCounts>> {
        let mut out = std::collections::HashMap::new();
        for row in sqlx::query(
            "SELECT partner_id, year, clients, logo_refused, testimonial_refused \
             FROM client_declarations WHERE year >= $1 AND year <= $2",
        )
        .bind(i64::from(*years.start()))
        .bind(i64::from(*years.end()))
        .fetch_all(&self.reader)
        .await?
        {
            let year: i64 = get(&row, "year")?;
            let year = i32::try_from(year)
                .map_err(|_| crate::corrupt("client_declarations", "year", &year.to_string()))?;
            out.insert((get(&row, "partner_id")?, year), counts(&row)?);
        }
        Ok(out)
    }

    /// Every partner's id, slug, name and status, by name: lighter than whole profiles.
    pub async fn partner_names(&self) -> Result<Vec<PartnerName>> {
        sqlx::query("SELECT id, slug, name, status FROM partners ORDER BY name, id")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                Ok(PartnerName {
                    id: get(r, "id")?,
                    slug: get(r, "slug")?,
                    name: get(r, "name")?,
                    status: get_parsed(
                        r,
                        "partners",
                        "status",
                        agora_domain::partner::PartnerStatus::parse,
                    )?,
                })
            })
            .collect()
    }
}

impl Store {
    /// Compliance of every active partner (or of `only`, whatever its status) for `years`, as it
    /// stands on `today`. Four reads whatever the number of partners: policies, declarations,
    /// approved counts and names; the rules are the domain's.
    pub async fn compliance(
        &self,
        today: NaiveDate,
        years: std::ops::RangeInclusive<i32>,
        only: Option<i64>,
    ) -> Result<Vec<ComplianceRow>> {
        let policies = self.obligation_policies().await?;
        let counts = self.client_counts_in(years.clone()).await?;
        let approved = self.approved_counts(only, years.clone()).await?;
        let partners = self.partner_names().await?;
        let mut out = vec![];
        for p in partners.iter().filter(|p| match only {
            Some(id) => p.id == id,
            None => p.status == PartnerStatus::Active,
        }) {
            for year in years.clone() {
                let policy =
                    policy_for_year(&policies, year, |v| (v.version, &v.policy)).map(|v| &v.policy);
                let s = standings(
                    policy,
                    counts.get(&(p.id, year)).copied().unwrap_or_default(),
                    |k| approved.get(&(p.id, year, k)).copied().unwrap_or(0),
                    year,
                    today,
                );
                out.push(ComplianceRow {
                    partner_id: p.id,
                    partner: p.slug.clone(),
                    name: p.name.clone(),
                    year,
                    status: overall(s.iter().map(|x| x.status)),
                    still_due: still_due(&s),
                    standings: s,
                });
            }
        }
        Ok(out)
    }

    /// Each active partner's standing for lead allocation on `today`: the domain's
    /// [`lead_standing`] of the previous and the current year.
    pub async fn lead_standings(&self, today: NaiveDate) -> Result<HashMap<i64, ObligationStatus>> {
        let this = today.year();
        let mut by: HashMap<i64, (ObligationStatus, ObligationStatus)> = HashMap::new();
        for r in self.compliance(today, this - 1..=this, None).await? {
            let e = by
                .entry(r.partner_id)
                .or_insert((ObligationStatus::Met, ObligationStatus::Met));
            if r.year == this {
                e.1 = r.status;
            } else {
                e.0 = r.status;
            }
        }
        Ok(by
            .into_iter()
            .map(|(id, (previous, current))| (id, lead_standing(previous, current)))
            .collect())
    }
}

/// A partner behind on a year's obligations, to remind.
pub struct ObligationReminder {
    pub partner_id: i64,
    pub partner_slug: String,
    pub still_due: u32,
}

impl Store {
    /// Mails each partner's people a reminder for `year` at `days_before` its end, once per partner
    /// and point (bookkeeping: reminding changes no obligation). Returns how many partners were told.
    pub async fn send_obligation_reminders(
        &self,
        year: i32,
        days_before: i64,
        due: &[ObligationReminder],
    ) -> Result<u64> {
        let mut tx = self.bookkeeping(Some(LOCK_OBLIGATION_REMINDERS)).await?;
        let mut told = 0;
        for r in due {
            let sent: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM obligation_reminders WHERE partner_id = $1 AND year = $2 \
                 AND days_before = $3",
            )
            .bind(r.partner_id)
            .bind(i64::from(year))
            .bind(days_before)
            .fetch_one(&mut *tx)
            .await?;
            if sent > 0 {
                continue;
            }
            sqlx::query(
                "INSERT INTO obligation_reminders (partner_id, year, days_before, sent_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(r.partner_id)
            .bind(i64::from(year))
            .bind(days_before)
            .bind(self.stamp())
            .execute(&mut *tx)
            .await?;
            let mail = crate::outbox::Mail::new("email-obligations-reminder")
                .arg("count", r.still_due)
                .arg("year", year)
                .arg("days", days_before)
                .arg(
                    "link",
                    format!(
                        "{}/partners/{}/obligations?year={year}",
                        crate::SITE,
                        r.partner_slug
                    ),
                );
            crate::partners::notify_partner(&mut tx, r.partner_id, &mail).await?;
            told += 1;
        }
        tx.commit_unaudited().await?;
        Ok(told)
    }
}

/// Reminder runs on several instances take turns.
const LOCK_OBLIGATION_REMINDERS: i64 = 0x4147_0024;
