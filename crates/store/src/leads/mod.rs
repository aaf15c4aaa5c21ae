//! Leads: intake (batched group commit), allocation rounds with stored explanations, offers and their
//! life cycle, the scheduled jobs (SLA expiry, reminders, retention), personal-data access and erasure,
//! referrals and the counters of the transparency report.
//!
//! The audit log is append-only and hash-chained, so it never holds a lead's personal data: entries name
//! leads by id only, and erasure can be complete.

mod desk;
mod intake;
mod jobs;
mod policy;
mod referrals;
mod report;
mod requester;
mod tasks;

pub use self::tasks::WaitingOffer;

// What the children share with their siblings (their `pub(super)` free functions).
use self::{desk::*, jobs::*, policy::*};

use crate::outbox::{self, Mail};
use crate::partners::notify_partner;
use crate::sql::Sql;
use crate::write::{Conn, WriteTx};
use crate::{
    format_time, get, get_opt_time, get_parsed, get_time, json_column, parse_column, Result, Store,
    StoreError, Tx, Who,
};
use agora_domain::audit::AuditEvent;
use agora_domain::leads::allocation::{
    Allocator, Candidate, Explanation, LeadRequest, Ledger, Policy, Tally,
};
use agora_domain::leads::{
    accept_bucket, candidate, check_offer_transition, parse_desk_reason, route, CloseReason,
    LeadPolicy, LeadSource, LeadStatus, Metric, NewLead, OfferReason, OfferStatus,
    PartnerLeadSettings, ReferralRouting, Route, MERGE_WINDOW_DAYS,
};
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service};
use agora_domain::ValidationErrors;
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub(crate) const LOCK_LEADS: i64 = 0x4147_0003;

/// A lead as stored. Personal fields are empty once `anonymised_at` is set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    pub id: i64,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub received_at: DateTime<Utc>,
    pub organization: String,
    pub contact_name: String,
    pub email: String,
    pub message: String,
    #[serde(serialize_with = "crate::json_time::option")]
    pub anonymised_at: Option<DateTime<Utc>>,
    pub country: String,
    pub region: String,
    pub segment: Option<Segment>,
    pub size: Option<CompanySize>,
    pub budget: Option<Pricing>,
    pub languages: Vec<String>,
    pub services: Vec<Service>,
    pub source: LeadSource,
    pub referral_code: Option<String>,
    pub status: LeadStatus,
    pub merged_into: Option<i64>,
    pub times_merged: i64,
    /// A direct request: the partner it was addressed to from its directory profile.
    pub direct_partner_id: Option<i64>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub closed_at: Option<DateTime<Utc>>,
    /// Why an admin closed it (empty when the requester withdrew it).
    pub closed_note: String,
}

/// What a partner sees of a lead before accepting it: the request, not the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadSummary {
    pub id: i64,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub received_at: DateTime<Utc>,
    pub country: String,
    pub region: String,
    pub segment: Option<Segment>,
    pub size: Option<CompanySize>,
    pub budget: Option<Pricing>,
    pub languages: Vec<String>,
    pub services: Vec<Service>,
    /// What the requester wrote about the project: part of the request, shown before acceptance.
    pub message: String,
    pub status: LeadStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub id: i64,
    pub lead_id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    pub allocation_id: i64,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub offered_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub due_at: DateTime<Utc>,
    pub status: OfferStatus,
    pub reason: Option<OfferReason>,
    pub note: String,
    #[serde(serialize_with = "crate::json_time::option")]
    pub answered_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

/// One allocation round of a lead, with the explanation the allocator gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Allocation {
    pub id: i64,
    pub lead_id: i64,
    pub round: i64,
    pub policy_version: i64,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub at: DateTime<Utc>,
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
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub received_at: DateTime<Utc>,
    pub status: LeadStatus,
    /// An offer is waiting for a partner's answer.
    pub awaiting_answer: bool,
    /// Partners that accepted: (name, slug).
    pub accepted_by: Vec<(String, String)>,
    /// The partner a direct request was addressed to: (name, slug).
    pub addressed_to: Option<(String, String)>,
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
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

/// One request handed to intake.
#[derive(Debug, Clone)]
pub struct Submission {
    pub lead: NewLead,
    /// `form` or `api`.
    pub source: LeadSource,
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
    pub status: Option<LeadStatus>,
    pub region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Referrer {
    pub id: i64,
    pub code: String,
    pub partner_id: Option<i64>,
    pub person_id: Option<i64>,
    pub label: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub disabled_at: Option<DateTime<Utc>>,
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
        received_at: get_time(row, "leads", "received_at")?,
        organization: get(row, "organization")?,
        contact_name: get(row, "contact_name")?,
        email: get(row, "email")?,
        message: get(row, "message")?,
        anonymised_at: get_opt_time(row, "leads", "anonymised_at")?,
        country: get(row, "country")?,
        region: get(row, "region")?,
        segment: opt_slug(row, "segment", Segment::parse)?,
        size: opt_slug(row, "size", CompanySize::parse)?,
        budget: opt_slug(row, "budget", Pricing::parse)?,
        languages: split(&get::<String>(row, "languages")?),
        services: split(&get::<String>(row, "services")?)
            .iter()
            .map(|s| parse_column("leads", "services", s, Service::parse))
            .collect::<Result<_>>()?,
        source: get_parsed(row, "leads", "source", LeadSource::parse)?,
        referral_code: get(row, "referral_code")?,
        status: get_parsed(row, "leads", "status", LeadStatus::parse)?,
        merged_into: get(row, "merged_into")?,
        times_merged: get(row, "times_merged")?,
        direct_partner_id: get(row, "direct_partner_id")?,
        closed_at: get_opt_time(row, "leads", "closed_at")?,
        closed_note: get(row, "closed_note")?,
    })
}

/// A lead's optional taxonomy column (`leads.segment`, `size`, `budget`), read with its domain parser.
fn opt_slug<T>(
    row: &AnyRow,
    column: &'static str,
    parse: fn(&str) -> std::result::Result<T, &'static str>,
) -> Result<Option<T>> {
    get::<Option<String>>(row, column)?
        .map(|s| parse_column("leads", column, &s, parse))
        .transpose()
}

impl Lead {
    pub fn summary(&self) -> LeadSummary {
        LeadSummary {
            id: self.id,
            received_at: self.received_at,
            country: self.country.clone(),
            region: self.region.clone(),
            segment: self.segment,
            size: self.size,
            budget: self.budget,
            languages: self.languages.clone(),
            services: self.services.clone(),
            message: self.message.clone(),
            status: self.status,
        }
    }

    fn request(&self, declined_by: BTreeSet<i64>) -> LeadRequest {
        LeadRequest {
            id: self.id,
            country: self.country.clone(),
            region: self.region.clone(),
            services: self.services.iter().map(|s| s.slug().to_string()).collect(),
            languages: self.languages.iter().cloned().collect(),
            segment: self.segment.map(|s| s.slug().to_string()),
            size: self.size.map(|s| s.slug().to_string()),
            pricing: self.budget.map(|s| s.slug().to_string()),
            declined_by,
        }
    }
}

const OFFER_COLUMNS: &str =
    "o.id, o.lead_id, o.partner_id, p.name AS partner_name, o.allocation_id, \
    o.offered_at, o.due_at, o.status, o.reason, o.note, o.answered_at, o.updated_at";
const OFFER_FROM: &str = " FROM lead_offers o JOIN partners p ON p.id = o.partner_id";

fn offer(row: &AnyRow) -> Result<Offer> {
    let status = crate::offer_status(&get::<String>(row, "status")?)?;
    let reason = get::<Option<String>>(row, "reason")?
        .map(|r| {
            parse_column("lead_offers", "reason", &r, |s| {
                OfferReason::parse(status, s)
            })
        })
        .transpose()?;
    Ok(Offer {
        id: get(row, "id")?,
        lead_id: get(row, "lead_id")?,
        partner_id: get(row, "partner_id")?,
        partner_name: get(row, "partner_name")?,
        allocation_id: get(row, "allocation_id")?,
        offered_at: get_time(row, "lead_offers", "offered_at")?,
        due_at: get_time(row, "lead_offers", "due_at")?,
        status,
        reason,
        note: get(row, "note")?,
        answered_at: get_opt_time(row, "lead_offers", "answered_at")?,
        updated_at: get_time(row, "lead_offers", "updated_at")?,
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
        .execute(&mut *tx)
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

impl Store {
    async fn begin_leads(&self) -> Result<WriteTx> {
        self.write_locked(LOCK_LEADS).await
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
            let who = Who::system();
            insert_policy(&mut tx, &LeadPolicy::initial(&map), "Initial policy", &who).await?;
            tx.commit(&who, []).await?;
        }
        Ok(())
    }

    // ---- Intake ------------------------------------------------------------------------------

    // ---- Allocation and scheduled jobs --------------------------------------------------------

    // ---- Reading leads -----------------------------------------------------------------------

    // ---- Personal data -----------------------------------------------------------------------

    // ---- Referrals ---------------------------------------------------------------------------

    // ---- Settings, shares, report ------------------------------------------------------------
}

fn allocation(row: &AnyRow) -> Result<Allocation> {
    let json: String = get(row, "explanation_json")?;
    Ok(Allocation {
        id: get(row, "id")?,
        lead_id: get(row, "lead_id")?,
        round: get(row, "round")?,
        policy_version: get(row, "policy_version")?,
        at: get_time(row, "lead_allocations", "at")?,
        explanation: json_column("lead_allocations", "explanation_json", &json)?,
    })
}

/// Adopts a copy of the policy in force with a new region map (called when the map changes).
pub(crate) async fn adopt_region_map(
    tx: &mut WriteTx,
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
        insert_policy(tx, &p, "Region map changed", who).await?;
    }
    Ok(())
}
