//! Leads: intake (batched group commit), allocation rounds with stored explanations, offers and their
//! life cycle, the scheduled jobs (SLA expiry, reminders, retention), personal-data access and erasure,
//! referrals and the counters of the transparency report.
//!
//! The audit log is append-only and hash-chained, so it never holds a lead's personal data: entries name
//! leads by id only, and erasure can be complete.

use crate::audit::append;
use crate::sql::Sql;
use crate::{format_time, get, outbox, parse_time, Result, Store, StoreError, Tx, Who};
use agora_domain::allocation::{
    Allocator, Candidate, Explanation, LeadRequest, Ledger, Policy, Tally,
};
use agora_domain::audit::AuditEvent;
use agora_domain::leads::{
    accept_bucket, candidate, check_offer_transition, parse_desk_reason, route, CloseReason,
    LeadPolicy, LeadStatus, Metric, NewLead, OfferStatus, PartnerLeadSettings, ReferralRouting,
    Route, MERGE_WINDOW_DAYS,
};
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::ValidationErrors;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) const LOCK_LEADS: i64 = 0x4147_0003;
const SOURCES: &[&str] = &["form", "api"];

/// A lead as stored. Personal fields are empty once `anonymised_at` is set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    pub id: i64,
    pub received_at: String,
    pub organization: String,
    pub contact_name: String,
    pub email: String,
    pub message: String,
    pub anonymised_at: Option<String>,
    pub country: String,
    pub region: String,
    pub segment: Option<String>,
    pub size: Option<String>,
    pub budget: Option<String>,
    pub languages: Vec<String>,
    pub services: Vec<String>,
    pub source: String,
    pub referral_code: Option<String>,
    pub status: String,
    pub merged_into: Option<i64>,
    pub times_merged: i64,
    /// A direct request: the partner it was addressed to from its directory profile.
    pub direct_partner_id: Option<i64>,
    pub closed_at: Option<String>,
    /// Why an admin closed it (empty when the requester withdrew it).
    pub closed_note: String,
}

/// What a partner sees of a lead before accepting it: the request, not the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadSummary {
    pub id: i64,
    pub received_at: String,
    pub country: String,
    pub region: String,
    pub segment: Option<String>,
    pub size: Option<String>,
    pub budget: Option<String>,
    pub languages: Vec<String>,
    pub services: Vec<String>,
    /// What the requester wrote about the project: part of the request, shown before acceptance.
    pub message: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub id: i64,
    pub lead_id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    pub allocation_id: i64,
    pub offered_at: String,
    pub due_at: String,
    pub status: OfferStatus,
    pub reason: Option<String>,
    pub note: String,
    pub answered_at: Option<String>,
    pub updated_at: String,
}

/// One allocation round of a lead, with the explanation the allocator gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    pub id: i64,
    pub lead_id: i64,
    pub round: i64,
    pub policy_version: i64,
    pub at: String,
    pub explanation: StoredExplanation,
}

/// What is stored for a decision: the allocator's explanation, or the rule that bypassed it (a
/// referral, a request addressed to one partner, an admin's choice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredExplanation {
    /// Set when the policy routes referred leads to their referrer and this lead went that way.
    pub referral_partner: Option<i64>,
    /// Set for a request addressed to one partner: offered to it alone, or queued once it had it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_partner: Option<i64>,
    /// Set when an admin offered the lead by hand.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<ManualOffer>,
    pub explanation: Explanation,
}

/// An admin's offer of a lead to a partner of their choice, outside the rotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualOffer {
    pub partner_id: i64,
    pub reason: String,
    pub by: String,
}

/// The decision record of a round the allocator did not make: only `chosen`, or nobody (queued).
fn bypass(lead_id: i64, chosen: Option<i64>) -> Explanation {
    Explanation {
        lead_id,
        pool: None,
        candidates: vec![],
        outside_area: 0,
        excluded: vec![],
        tie: vec![],
        chosen: chosen.into_iter().collect(),
        queued: chosen.is_none(),
    }
}

/// The confirmation a requester receives with their private status link. The web layer writes it
/// (translated) and makes the secret; the store keeps only the hash and fills in the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    pub token_hash: String,
    pub subject: String,
    /// `{reference}` is replaced with the lead's reference.
    pub body: String,
}

/// What a requester sees on their private status page: where their request stands, and which
/// partners accepted it (they will get in touch), nothing of the partners' internal handling.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequesterStatus {
    pub reference: String,
    pub received_at: String,
    pub status: LeadStatus,
    /// An offer is waiting for a partner's answer.
    pub awaiting_answer: bool,
    /// Partners that accepted: (name, slug).
    pub accepted_by: Vec<(String, String)>,
    /// The partner a direct request was addressed to: (name, slug).
    pub addressed_to: Option<(String, String)>,
}

/// What partners holding a live offer of a closed lead are told. The web layer writes it
/// (translated); `{lead}` is replaced with the lead's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureNotice {
    pub subject: String,
    pub body: String,
}

/// The reference a requester quotes: the lead's number.
pub fn lead_reference(id: i64) -> String {
    format!("L-{id}")
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyVersion {
    pub version: i64,
    pub policy: LeadPolicy,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
}

/// One request handed to intake.
#[derive(Debug, Clone)]
pub struct Submission {
    pub lead: NewLead,
    /// `form` or `api`.
    pub source: &'static str,
    pub idempotency_key: Option<String>,
    pub received_at: DateTime<Utc>,
    /// The email that confirms the request to its author, with their status link.
    pub confirmation: Option<Confirmation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Intake {
    Created(i64),
    /// The same Idempotency-Key and content again: the lead and the request stored the first time.
    Replayed {
        lead: i64,
        request: i64,
    },
    /// The same contact and organization within 30 days: the request is stored as its own row,
    /// attached to the earlier lead.
    Merged {
        lead: i64,
        request: i64,
    },
}

impl Intake {
    /// The lead that carries the request (the earlier one when it merged).
    pub fn lead_id(self) -> i64 {
        match self {
            Intake::Created(id)
            | Intake::Replayed { lead: id, .. }
            | Intake::Merged { lead: id, .. } => id,
        }
    }

    /// The row this submission stored, whether or not it merged: an answer built from it alone
    /// does not reveal that someone else asked before.
    pub fn request_id(self) -> i64 {
        match self {
            Intake::Created(id)
            | Intake::Replayed { request: id, .. }
            | Intake::Merged { request: id, .. } => id,
        }
    }
}

/// What a partner reports on an offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferUpdate {
    pub to: OfferStatus,
    /// A decline or lost reason slug.
    pub reason: Option<String>,
    pub note: String,
}

/// The outcome of one run of the scheduled jobs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct JobReport {
    pub allocated: u64,
    pub queued: u64,
    pub expired: u64,
    pub reminded: u64,
    pub anonymised: u64,
}

#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    pub status: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referrer {
    pub id: i64,
    pub code: String,
    pub partner_id: Option<i64>,
    pub person_id: Option<i64>,
    pub label: String,
    pub created_at: String,
    pub disabled_at: Option<String>,
}

/// Conversion numbers of one group of referred leads.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Funnel {
    pub key: String,
    pub referred: u64,
    pub accepted: u64,
    pub won: u64,
}

impl Funnel {
    pub fn conversion(&self) -> Option<f64> {
        (self.referred > 0).then(|| self.won as f64 / self.referred as f64)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReferralStats {
    pub by_referrer: Vec<Funnel>,
    pub by_region: Vec<Funnel>,
    pub by_source: Vec<Funnel>,
}

/// How many past leads a dry run replays.
pub const DRY_RUN_LEADS: i64 = 20_000;

/// The outcome of a policy dry run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DryRun {
    /// How many past leads were replayed.
    pub leads: usize,
    pub partners: Vec<ShareChange>,
}

/// One partner's offers over the replayed leads, under the policy in force and the proposed one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareChange {
    pub name: String,
    pub current: u64,
    pub proposed: u64,
    pub delta: i64,
}

/// Raw counters of one report period: (region, partner id or 0, metric, bucket) → value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportCounts {
    pub counts: Vec<(String, i64, Metric, i64, u64)>,
    /// Partner id → entitlement accrued in the period (sum of shares).
    pub entitled: HashMap<i64, f64>,
    pub partner_names: HashMap<i64, (String, String)>,
}

/// A partner's entitlement and offers, per month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthlyShare {
    pub month: String,
    pub entitled: f64,
    pub received: u64,
}

fn month_of(t: DateTime<Utc>) -> String {
    format!("{:04}-{:02}", t.year(), t.month())
}

fn split(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

const LEAD_COLUMNS: &str = "l.id, l.received_at, l.organization, l.contact_name, l.email, l.message, \
    l.anonymised_at, l.country, l.region, l.segment, l.size, l.budget, l.languages, l.services, l.source, \
    l.status, l.merged_into, l.times_merged, l.direct_partner_id, l.closed_at, l.closed_note, \
    r.code AS referral_code";
const LEAD_FROM: &str = " FROM leads l LEFT JOIN referrers r ON r.id = l.referrer_id";

fn lead(row: &AnyRow) -> Result<Lead> {
    Ok(Lead {
        id: get(row, "id")?,
        received_at: get(row, "received_at")?,
        organization: get(row, "organization")?,
        contact_name: get(row, "contact_name")?,
        email: get(row, "email")?,
        message: get(row, "message")?,
        anonymised_at: get(row, "anonymised_at")?,
        country: get(row, "country")?,
        region: get(row, "region")?,
        segment: get(row, "segment")?,
        size: get(row, "size")?,
        budget: get(row, "budget")?,
        languages: split(&get::<String>(row, "languages")?),
        services: split(&get::<String>(row, "services")?),
        source: get(row, "source")?,
        referral_code: get(row, "referral_code")?,
        status: get(row, "status")?,
        merged_into: get(row, "merged_into")?,
        times_merged: get(row, "times_merged")?,
        direct_partner_id: get(row, "direct_partner_id")?,
        closed_at: get(row, "closed_at")?,
        closed_note: get(row, "closed_note")?,
    })
}

impl Lead {
    pub fn summary(&self) -> LeadSummary {
        LeadSummary {
            id: self.id,
            received_at: self.received_at.clone(),
            country: self.country.clone(),
            region: self.region.clone(),
            segment: self.segment.clone(),
            size: self.size.clone(),
            budget: self.budget.clone(),
            languages: self.languages.clone(),
            services: self.services.clone(),
            message: self.message.clone(),
            status: self.status.clone(),
        }
    }

    fn request(&self, declined_by: BTreeSet<i64>) -> LeadRequest {
        LeadRequest {
            id: self.id,
            country: self.country.clone(),
            region: self.region.clone(),
            services: self.services.iter().cloned().collect(),
            languages: self.languages.iter().cloned().collect(),
            segment: self.segment.clone(),
            size: self.size.clone(),
            pricing: self.budget.clone(),
            declined_by,
        }
    }
}

const OFFER_COLUMNS: &str =
    "o.id, o.lead_id, o.partner_id, p.name AS partner_name, o.allocation_id, \
    o.offered_at, o.due_at, o.status, o.reason, o.note, o.answered_at, o.updated_at";
const OFFER_FROM: &str = " FROM lead_offers o JOIN partners p ON p.id = o.partner_id";

fn offer(row: &AnyRow) -> Result<Offer> {
    let status: String = get(row, "status")?;
    Ok(Offer {
        id: get(row, "id")?,
        lead_id: get(row, "lead_id")?,
        partner_id: get(row, "partner_id")?,
        partner_name: get(row, "partner_name")?,
        allocation_id: get(row, "allocation_id")?,
        offered_at: get(row, "offered_at")?,
        due_at: get(row, "due_at")?,
        status: OfferStatus::parse(&status).unwrap_or(OfferStatus::Withdrawn),
        reason: get(row, "reason")?,
        note: get(row, "note")?,
        answered_at: get(row, "answered_at")?,
        updated_at: get(row, "updated_at")?,
    })
}

fn referrer(row: &AnyRow) -> Result<Referrer> {
    Ok(Referrer {
        id: get(row, "id")?,
        code: get(row, "code")?,
        partner_id: get(row, "partner_id")?,
        person_id: get(row, "person_id")?,
        label: get(row, "label")?,
        created_at: get(row, "created_at")?,
        disabled_at: get(row, "disabled_at")?,
    })
}

async fn count(tx: &mut Tx, month: &str, region: &str, partner: i64, m: Metric) -> Result<()> {
    count_bucket(tx, month, region, partner, m.slug(), -1, 1).await
}

/// Adds `n` to a counter in each report period the month belongs to.
async fn count_bucket(
    tx: &mut Tx,
    month: &str,
    region: &str,
    partner: i64,
    metric: &str,
    bucket: i64,
    n: i64,
) -> Result<()> {
    for period in periods_of(month) {
        sqlx::query(
            "INSERT INTO lead_counts (period, region, partner_id, metric, bucket, value) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (period, region, partner_id, metric, bucket) DO UPDATE SET value = lead_counts.value + excluded.value",
        )
        .bind(&period)
        .bind(region)
        .bind(partner)
        .bind(metric)
        .bind(bucket)
        .bind(n)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The report periods a month belongs to: itself, its quarter and its year.
fn periods_of(month: &str) -> Vec<String> {
    match agora_domain::leads::Period::containing(month) {
        Some((y, q, m)) => vec![m.to_string(), q.to_string(), y.to_string()],
        None => vec![month.to_string()],
    }
}

/// Emails of the people working for a partner, to tell them about their leads.
async fn partner_emails(tx: &mut Tx, partner_id: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT p.email FROM people p JOIN role_grants g ON g.person_id = p.id \
         WHERE g.scope_kind = 'partner' AND g.scope_id = $1 AND p.disabled_at IS NULL ORDER BY p.email",
    )
    .bind(partner_id)
    .fetch_all(&mut **tx)
    .await?)
}

async fn notify_partner(tx: &mut Tx, partner_id: i64, subject: &str, body: &str) -> Result<()> {
    for to in partner_emails(tx, partner_id).await? {
        outbox::queue(tx, &to, subject, body).await?;
    }
    Ok(())
}

impl Store {
    async fn begin_leads(&self) -> Result<Tx> {
        let mut tx = self.begin().await?;
        self.dialect.lock(&mut tx, LOCK_LEADS).await?;
        Ok(tx)
    }

    // ---- Policy ------------------------------------------------------------------------------

    /// Creates version 1 from the region map on a fresh database.
    pub(crate) async fn ensure_lead_policy(&self) -> Result<()> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM lead_policies")
            .fetch_one(&self.reader)
            .await?;
        if n == 0 {
            let map = self.region_map().await?;
            let mut tx = self.begin_leads().await?;
            insert_policy(
                self,
                &mut tx,
                &LeadPolicy::initial(&map),
                "Initial policy",
                &Who::system(),
            )
            .await?;
            tx.commit().await?;
        }
        Ok(())
    }

    pub async fn lead_policy(&self) -> Result<PolicyVersion> {
        let row = sqlx::query(
            "SELECT version, policy_json, note, created_at, created_by FROM lead_policies \
             ORDER BY version DESC LIMIT 1",
        )
        .fetch_optional(&self.reader)
        .await?
        .ok_or(StoreError::NotFound)?;
        policy_version(&row)
    }

    pub async fn lead_policy_history(&self) -> Result<Vec<PolicyVersion>> {
        sqlx::query(
            "SELECT version, policy_json, note, created_at, created_by FROM lead_policies ORDER BY version DESC",
        )
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
        let mut tx = self.begin_leads().await?;
        let v = insert_policy(self, &mut tx, policy, note, who).await?;
        tx.commit().await?;
        Ok(v)
    }

    // ---- Intake ------------------------------------------------------------------------------

    /// Commits a batch of requests in one transaction (one fsync for all): the caller acknowledges
    /// each submitter only after this returns. A bad item (replayed key with other content, unknown
    /// referral code) fails alone; the others are stored.
    pub async fn submit_leads(&self, batch: &[Submission]) -> Result<Vec<Result<Intake>>> {
        let mut tx = self.begin_leads().await?;
        let mut out = Vec::with_capacity(batch.len());
        // Per batch, not per lead: the counters it adds to and one audit entry naming every lead.
        let mut received: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut created = vec![];
        for s in batch {
            let r = submit_one(self, &mut tx, s).await?;
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
        if !created.is_empty() {
            append(
                self,
                &mut tx,
                &Who::anonymous(),
                AuditEvent::new("lead.received", "lead", created[0]["id"].to_string())
                    .after(serde_json::json!({"leads": created})),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(out)
    }

    pub async fn count_leads(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM leads")
            .fetch_one(&self.reader)
            .await?)
    }

    // ---- Allocation and scheduled jobs --------------------------------------------------------

    /// Runs every scheduled lead job once at `now`: expires unanswered offers, allocates pending
    /// leads (new ones and re-offers), reminds partners of overdue updates, anonymises old leads.
    /// Each step runs under the leads lock, so several instances may run it at the same time.
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

    async fn expire_offers(&self, now: DateTime<Utc>) -> Result<u64> {
        let at = format_time(now);
        let mut tx = self.begin_leads().await?;
        let rows = sqlx::query(
            "SELECT id, lead_id, partner_id, month, region FROM lead_offers WHERE status = 'offered' AND due_at <= $1 \
             ORDER BY id",
        )
        .bind(&at)
        .fetch_all(&mut *tx)
        .await?;
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
            append(
                self,
                &mut tx,
                &Who::system(),
                AuditEvent::new("lead.offer_expired", "lead", lead_id)
                    .after(serde_json::json!({"partner_id": partner_id})),
            )
            .await?;
            reopen_if_unserved(&mut tx, lead_id).await?;
        }
        tx.commit().await?;
        Ok(rows.len() as u64)
    }

    /// Allocates up to `max` pending leads in id order. Returns (offered, queued).
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
        let candidates = load_candidates(&mut tx, &policy.policy, &month).await?;
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
                        let e = agora_domain::allocation::allocate(
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
                "queued"
            } else {
                "offered"
            };
            sqlx::query("UPDATE leads SET status = $1 WHERE id = $2")
                .bind(status)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if chosen.is_empty() {
                queued += 1;
                count(&mut tx, &lead_month, &l.region, 0, Metric::Queued).await?;
            } else {
                offered += 1;
            }
            append(
                self,
                &mut tx,
                &Who::system(),
                AuditEvent::new("lead.allocated", "lead", id).after(serde_json::json!({
                    "round": round + 1, "policy_version": policy.version, "offered_to": chosen, "queued": status == "queued",
                })),
            )
            .await?;
        }
        tx.commit().await?;
        Ok((offered, queued))
    }

    async fn remind_overdue(&self, now: DateTime<Utc>) -> Result<u64> {
        let policy = self.lead_policy().await?.policy;
        let cutoff = format_time(now - Duration::days(i64::from(policy.update_reminder_days)));
        let at = format_time(now);
        let mut tx = self.begin_leads().await?;
        let rows = sqlx::query(
            "SELECT id, lead_id, partner_id, status FROM lead_offers WHERE status IN ('accepted', 'contacted', 'proposal') \
             AND updated_at <= $1 AND (reminded_at IS NULL OR reminded_at <= $1) ORDER BY id",
        )
        .bind(&cutoff)
        .fetch_all(&mut *tx)
        .await?;
        for r in &rows {
            let (id, lead_id, partner_id): (i64, i64, i64) =
                (get(r, "id")?, get(r, "lead_id")?, get(r, "partner_id")?);
            notify_partner(
                &mut tx,
                partner_id,
                "Please update a lead you accepted",
                &format!(
                    "Lead #{lead_id} has had no update for {} days. Tell the foundation where it stands (contacted, \
                     proposal, won or lost) in your Agora inbox.",
                    policy.update_reminder_days
                ),
            )
            .await?;
            sqlx::query("UPDATE lead_offers SET reminded_at = $1 WHERE id = $2")
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
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
        if n > 0 {
            append(
                self,
                &mut tx,
                &Who::system(),
                AuditEvent::new("lead.retention_anonymised", "lead", "*")
                    .after(serde_json::json!({"count": n, "received_before": cutoff})),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n)
    }

    // ---- Reading leads -----------------------------------------------------------------------

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
        if let Some(s) = &f.status {
            w.push(" AND l.status = ").bind(s.clone());
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

    pub async fn count_leads_by_status(&self) -> Result<BTreeMap<String, i64>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM leads GROUP BY status")
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| Ok((get(r, "status")?, get(r, "n")?)))
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
            .bind(crate::now())
            .bind(context)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn lead_views(&self, lead_id: i64) -> Result<Vec<(String, String, String)>> {
        let rows = sqlx::query("SELECT actor, at, context FROM lead_views WHERE lead_id = $1 ORDER BY id DESC LIMIT 200")
            .bind(lead_id)
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| Ok((get(r, "actor")?, get(r, "at")?, get(r, "context")?)))
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
                .push(OfferStatus::parse(&status).unwrap_or(OfferStatus::Withdrawn));
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
        let from =
            OfferStatus::parse(&get::<String>(&row, "status")?).unwrap_or(OfferStatus::Withdrawn);
        check_offer_transition(from, to).map_err(|c| ValidationErrors::single("status", c))?;
        if matches!(to, OfferStatus::Declined | OfferStatus::Lost) && reason.is_none() {
            return Err(ValidationErrors::single("reason", "reason-required").into());
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
            let offered = parse_time(&get::<String>(&row, "offered_at")?).unwrap_or(now);
            let minutes = (now - offered).num_minutes();
            count_bucket(
                &mut tx,
                &month,
                &region,
                partner_id,
                "accept_min",
                accept_bucket(minutes),
                1,
            )
            .await?;
        }
        if to == OfferStatus::Declined {
            reopen_if_unserved(&mut tx, lead_id).await?;
        }
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("lead.offer_updated", "lead", lead_id)
                .before(serde_json::json!({"offer": offer_id, "status": from.slug()}))
                .after(
                    serde_json::json!({"offer": offer_id, "status": to.slug(), "reason": reason}),
                ),
        )
        .await?;
        tx.commit().await?;
        self.offer(offer_id).await?.ok_or(StoreError::NotFound)
    }

    /// An admin sends a queued lead through allocation again (after partners joined or the policy changed).
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
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("lead.retry", "lead", id),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// An admin offers a lead waiting in the queue (or for its next round) to a partner of their
    /// choice, with a reason: outside the rotation (no entitlement), counted as "manual" in the
    /// report, and recorded as an allocation round so the lead's explanation shows it.
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
        let status = LeadStatus::parse(&get::<String>(&row, "status")?)
            .map_err(|c| ValidationErrors::single("status", c))?;
        if !status.may_offer_manually() {
            return Err(ValidationErrors::single("status", "invalid-transition").into());
        }
        let partner: Option<String> =
            sqlx::query_scalar("SELECT status FROM partners WHERE id = $1")
                .bind(partner_id)
                .fetch_optional(&mut *tx)
                .await?;
        match partner.as_deref() {
            None => return Err(ValidationErrors::single("partner", "unknown-partner").into()),
            Some("active") => {}
            Some(_) => return Err(ValidationErrors::single("partner", "partner-inactive").into()),
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
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("lead.offered_manually", "lead", lead_id)
                .before(serde_json::json!({"status": status.slug()}))
                .after(serde_json::json!({"partner_id": partner_id, "round": round + 1, "reason": reason})),
        )
        .await?;
        tx.commit().await?;
        self.offer(offer_id).await?.ok_or(StoreError::NotFound)
    }

    /// Closes an open lead (spam, duplicate, withdrawn): no further offers; partners holding a
    /// live offer are told and unanswered offers withdrawn. `note` is the admin's reason (empty
    /// when the requester withdraws on their status page).
    pub async fn close_lead(
        &self,
        lead_id: i64,
        (reason, note): (CloseReason, &str),
        notice: &ClosureNotice,
        now: DateTime<Utc>,
        who: &Who,
    ) -> Result<LeadStatus> {
        let mut tx = self.begin_leads().await?;
        let status = close_in(self, &mut tx, lead_id, (reason, note), notice, now, who).await?;
        tx.commit().await?;
        Ok(status)
    }

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
            let s =
                OfferStatus::parse(&get::<String>(o, "status")?).unwrap_or(OfferStatus::Withdrawn);
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
            received_at: get(&row, "received_at")?,
            status: LeadStatus::parse(&get::<String>(&row, "status")?)
                .map_err(|c| StoreError::Config(format!("lead status: {c}")))?,
            awaiting_answer,
            accepted_by,
            addressed_to,
        }))
    }

    /// The requester withdraws their request from its status page.
    pub async fn withdraw_by_requester(
        &self,
        token_hash: &str,
        notice: &ClosureNotice,
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
        self.close_lead(id, (CloseReason::Withdrawn, ""), notice, now, &who)
            .await
    }

    async fn lead_of_status_token(&self, token_hash: &str) -> Result<Option<i64>> {
        let row = sqlx::query("SELECT id, merged_into FROM leads WHERE status_token_hash = $1")
            .bind(token_hash)
            .fetch_optional(&self.reader)
            .await?;
        row.map(|r| Ok(get::<Option<i64>>(&r, "merged_into")?.unwrap_or(get(&r, "id")?)))
            .transpose()
    }

    // ---- Personal data -----------------------------------------------------------------------

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
        let n = anonymise(&mut tx, &w, &crate::now()).await?;
        let mut wd = Sql::new(
            "UPDATE lead_offers SET status = 'withdrawn' WHERE status = 'offered' AND lead_id IN ",
        );
        wd.bind_list(&ids);
        wd.query().execute(&mut *tx).await?;
        let mut ws = Sql::new("UPDATE leads SET status = 'withdrawn' WHERE status IN ('pending', 'queued') AND id IN ");
        ws.bind_list(&ids);
        ws.query().execute(&mut *tx).await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("lead.person_erased", "lead", "*")
                .after(serde_json::json!({"leads": ids})),
        )
        .await?;
        tx.commit().await?;
        Ok(n)
    }

    // ---- Referrals ---------------------------------------------------------------------------

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
        .bind(crate::now())
        .fetch_one(&mut *tx)
        .await
        {
            Ok(id) => id,
            Err(e) if crate::is_unique_violation(&e) => return Err(ValidationErrors::single("code", "code-taken").into()),
            Err(e) => return Err(e.into()),
        };
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("referrer.created", "referrer", id)
                .after(serde_json::json!({"code": code, "label": label})),
        )
        .await?;
        tx.commit().await?;
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

    // ---- Settings, shares, report ------------------------------------------------------------

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
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("partner.lead_settings", "partner", partner_id)
                .before(before)
                .after(s),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

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
            if metric == "accept_min" {
                out.counts
                    .push((region, partner, Metric::Accepted, bucket, n));
            } else if let Some(m) = Metric::parse(&metric) {
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
        append(
            self,
            &mut tx,
            &Who::system(),
            AuditEvent::new("lead.counts_loaded", "lead_counts", "*")
                .after(serde_json::json!({"rows": rows.len()})),
        )
        .await?;
        tx.commit().await?;
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
    async fn past_lead_requests(&self, limit: i64) -> Result<Vec<LeadRequest>> {
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

    /// The allocator's view of today's partners (capacity ignored), for a dry run.
    async fn allocation_candidates(&self) -> Result<Vec<Candidate>> {
        let policy = self.lead_policy().await?.policy;
        let mut tx = self.reader.begin().await?;
        let mut c = load_candidates(&mut tx, &policy, &month_of(Utc::now())).await?;
        tx.rollback().await?;
        for x in &mut c {
            x.capacity_left = None;
        }
        Ok(c)
    }
}

fn lead_settings(row: &AnyRow) -> Result<PartnerLeadSettings> {
    Ok(PartnerLeadSettings {
        paused: get::<i64>(row, "paused")? != 0,
        monthly_capacity: get::<Option<i64>>(row, "monthly_capacity")?
            .map(|c| c.clamp(0, i64::from(u32::MAX)) as u32),
    })
}

fn policy_version(row: &AnyRow) -> Result<PolicyVersion> {
    let json: String = get(row, "policy_json")?;
    Ok(PolicyVersion {
        version: get(row, "version")?,
        policy: serde_json::from_str(&json)
            .map_err(|e| StoreError::Config(format!("stored policy unreadable: {e}")))?,
        note: get(row, "note")?,
        created_at: get(row, "created_at")?,
        created_by: get(row, "created_by")?,
    })
}

fn allocation(row: &AnyRow) -> Result<Allocation> {
    let json: String = get(row, "explanation_json")?;
    Ok(Allocation {
        id: get(row, "id")?,
        lead_id: get(row, "lead_id")?,
        round: get(row, "round")?,
        policy_version: get(row, "policy_version")?,
        at: get(row, "at")?,
        explanation: serde_json::from_str(&json)
            .map_err(|e| StoreError::Config(format!("stored explanation unreadable: {e}")))?,
    })
}

async fn insert_policy(
    store: &Store,
    tx: &mut Tx,
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
        .bind(crate::now())
        .bind(&who.label)
        .execute(&mut **tx)
        .await?;
    append(
        store,
        tx,
        who,
        AuditEvent::new("lead_policy.adopted", "lead_policy", v)
            .after(serde_json::json!({"note": note})),
    )
    .await?;
    Ok(v)
}

/// Adopts a copy of the policy in force with a new region map (called when the map changes).
pub(crate) async fn adopt_region_map(
    store: &Store,
    tx: &mut Tx,
    map: &agora_domain::geo::RegionMap,
    who: &Who,
) -> Result<()> {
    let row = sqlx::query("SELECT version, policy_json, note, created_at, created_by FROM lead_policies ORDER BY version DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(row) = row {
        let mut p = policy_version(&row)?.policy;
        p.regions = map.regions().to_vec();
        let known: BTreeSet<String> = p.regions.iter().map(|r| r.slug.clone()).collect();
        p.fan_out_by_region.retain(|r, _| known.contains(r));
        p.allocation.neighbours.retain(|r, _| known.contains(r));
        for ns in p.allocation.neighbours.values_mut() {
            ns.retain(|n| known.contains(n));
        }
        insert_policy(store, tx, &p, "Region map changed", who).await?;
    }
    Ok(())
}

async fn submit_one(store: &Store, tx: &mut Tx, s: &Submission) -> Result<Result<Intake>> {
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
    .bind(if SOURCES.contains(&s.source) { s.source } else { "api" })
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
        append(
            store,
            tx,
            &Who::anonymous(),
            AuditEvent::new("lead.merged", "lead", first).after(serde_json::json!({"request": id})),
        )
        .await?;
        return Ok(Ok(Intake::Merged {
            lead: first,
            request: id,
        }));
    }
    Ok(Ok(Intake::Created(id)))
}

/// What the audit log says of a new lead: never its personal data.
fn json_lead(id: i64, s: &Submission) -> serde_json::Value {
    serde_json::json!({"id": id, "region": s.lead.region, "source": s.source, "referred": s.lead.referral_code.is_some()})
}

/// A lead with no live offer left (all declined or expired) goes back to allocation.
async fn reopen_if_unserved(tx: &mut Tx, lead_id: i64) -> Result<()> {
    let live: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM lead_offers WHERE lead_id = $1 AND status IN ('offered', 'accepted', 'contacted', 'proposal', 'won', 'lost')",
    )
    .bind(lead_id)
    .fetch_one(&mut **tx)
    .await?;
    if live == 0 {
        sqlx::query("UPDATE leads SET status = 'pending' WHERE id = $1 AND status = 'offered'")
            .bind(lead_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Offers a lead to one partner: the offer, its count in the report, and the partner's email.
#[allow(clippy::too_many_arguments)]
async fn insert_offer(
    tx: &mut Tx,
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
        "A new lead is waiting for your answer",
        &format!(
            "A prospect's request was offered to your organization (lead #{lead_id}). Accept or decline it in your \
             Agora inbox before {due}; after that it goes to another partner."
        ),
    )
    .await?;
    Ok(offer_id)
}

/// Tells every partner still holding a live offer of a closed lead that it is off, and withdraws
/// the unanswered ones. Returns how many partners were told.
async fn withdraw_offers(
    tx: &mut Tx,
    lead_id: i64,
    at: &str,
    notice: &ClosureNotice,
) -> Result<u64> {
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
    let body = notice.body.replace("{lead}", &lead_id.to_string());
    for p in &live {
        notify_partner(tx, *p, &notice.subject, &body).await?;
    }
    Ok(live.len() as u64)
}

async fn close_in(
    store: &Store,
    tx: &mut Tx,
    lead_id: i64,
    (reason, note): (CloseReason, &str),
    notice: &ClosureNotice,
    now: DateTime<Utc>,
    who: &Who,
) -> Result<LeadStatus> {
    let note = note.trim();
    if note.chars().count() > agora_domain::leads::MAX_DESK_REASON_CHARS {
        return Err(ValidationErrors::single("note", "too-long").into());
    }
    let from: String = sqlx::query_scalar("SELECT status FROM leads WHERE id = $1")
        .bind(lead_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let from = LeadStatus::parse(&from).map_err(|c| ValidationErrors::single("status", c))?;
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
    let told = withdraw_offers(tx, lead_id, &at, notice).await?;
    append(
        store,
        tx,
        who,
        AuditEvent::new("lead.closed", "lead", lead_id)
            .before(serde_json::json!({"status": from.slug()}))
            .after(serde_json::json!({"status": to.slug(), "reason": reason.slug(), "note": note, "partners_told": told})),
    )
    .await?;
    Ok(to)
}

async fn anonymise(tx: &mut Tx, w: &Sql, at: &str) -> Result<u64> {
    // The status link dies with the data: nobody can come back to an erased request.
    let mut q = Sql::new("UPDATE leads SET organization = '', contact_name = '', email = '', message = '', merge_key = '', \
         status_token_hash = NULL, anonymised_at = ");
    q.bind(at.to_string());
    q.extend(w);
    Ok(q.query().execute(&mut **tx).await?.rows_affected())
}

/// Partners the allocator may consider: active ones, and suspended ones so that explanations show
/// them as excluded.
async fn load_candidates(tx: &mut Tx, policy: &LeadPolicy, month: &str) -> Result<Vec<Candidate>> {
    let rows = sqlx::query(
        "SELECT id, status, size FROM partners WHERE status IN ('active', 'suspended') ORDER BY id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let attrs = sqlx::query(
        "SELECT a.partner_id, a.kind, a.value FROM partner_attributes a JOIN partners p ON p.id = a.partner_id \
         WHERE p.status IN ('active', 'suspended')",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut by: HashMap<(i64, String), Vec<String>> = HashMap::new();
    for a in &attrs {
        by.entry((get(a, "partner_id")?, get(a, "kind")?))
            .or_default()
            .push(get(a, "value")?);
    }
    let settings: HashMap<i64, PartnerLeadSettings> =
        sqlx::query("SELECT partner_id, paused, monthly_capacity FROM partner_lead_settings")
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(|r| Ok((get(r, "partner_id")?, lead_settings(r)?)))
            .collect::<Result<_>>()?;
    let month_start = format!("{month}-01T00:00:00.000Z");
    let offered: HashMap<i64, i64> = sqlx::query("SELECT partner_id, COUNT(*) AS n FROM lead_offers WHERE offered_at >= $1 GROUP BY partner_id")
        .bind(&month_start)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok((get(r, "partner_id")?, get(r, "n")?)))
        .collect::<Result<_>>()?;
    let mut out = vec![];
    for r in &rows {
        let id: i64 = get(r, "id")?;
        let s = settings.get(&id).copied().unwrap_or_default();
        let take = |k: &str| by.get(&(id, k.to_string())).cloned().unwrap_or_default();
        out.push(candidate(
            id,
            get::<String>(r, "status")? == "active",
            s,
            s.capacity_left(policy, offered.get(&id).copied().unwrap_or(0).max(0) as u64),
            &take("served_region"),
            &take("country"),
            &take("service"),
            &take("language"),
            &take("segment"),
            &get::<String>(r, "size")?,
            &take("pricing"),
        ));
    }
    Ok(out)
}

async fn load_ledger(tx: &mut Tx) -> Result<Ledger> {
    let mut l = Ledger::default();
    for r in sqlx::query("SELECT partner_id, credit, received FROM allocation_ledger")
        .fetch_all(&mut **tx)
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
async fn referrer_partners(tx: &mut Tx) -> Result<HashMap<i64, i64>> {
    sqlx::query("SELECT id, partner_id FROM referrers WHERE partner_id IS NOT NULL")
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| Ok((get(r, "id")?, get(r, "partner_id")?)))
        .collect()
}

/// Persists what one decision changed in the ledger, overall and in the lead's month.
async fn write_ledger(
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
        .execute(&mut **tx)
        .await?;
        // A lead is offered to a partner at most once.
        let got = i64::from(e.chosen.contains(&id));
        add_monthly(tx, month, id, c.share, got).await?;
    }
    Ok(())
}

/// Adds to a partner's entitlement and offers of one month.
async fn add_monthly(
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
    .execute(&mut **tx)
    .await?;
    Ok(())
}
