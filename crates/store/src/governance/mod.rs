//! Governance storage: bodies, delegates, decisions and everything cast on them, and the scheduled jobs
//! that close, accept and remind. Rules come from `agora_domain::governance` and counting from
//! `agora_domain::tally`; this module only persists what they allow, in one transaction per change.

mod ballots;
mod bodies;
mod decisions;
mod jobs;
mod tasks;

// What the children share with their siblings (their `pub(super)` free functions).
use self::{ballots::*, bodies::*, decisions::*};
pub use ballots::count_vote;
pub use tasks::PendingDecision;

use crate::outbox::{self, Mail};
use crate::write::{Conn, WriteTx};
use crate::{
    corrupt, format_time, get, get_opt_time, get_parsed, get_time, json_column, parse_column,
    public_name, Result, Store, StoreError, Tx, Who,
};
use agora_domain::audit::AuditEvent;
use agora_domain::governance::{
    self as gov, Action, BodyKind, ConsultationState, DecisionKind, DecisionStatus, NewDecision,
    Ruling, Stance, Visibility, VoteChoice, VoteResult, VoteRules, VoterKey,
};
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::permissions::{Actor, Role};
use agora_domain::tally;
use agora_domain::ValidationErrors;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rand::RngCore;
use serde::Serialize;
use sqlx::any::AnyRow;

/// Serialises governance writers across instances (PostgreSQL; SQLite has one writer anyway).
const LOCK_GOVERNANCE: i64 = 0x4147_0004;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Body {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: BodyKind,
    pub description: String,
    pub visibility: Visibility,
    pub min_close_hours: i64,
}

#[derive(Debug, Clone)]
pub struct NewBody {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub min_close_hours: i64,
}

/// Who may cast a partner organization's vote in the assembly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Delegates {
    pub partner_id: i64,
    pub partner_name: String,
    pub delegate: Option<String>,
    pub alternate: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Decision {
    pub id: i64,
    pub body_id: i64,
    pub kind: DecisionKind,
    pub status: DecisionStatus,
    pub title: String,
    pub text: String,
    pub version: i64,
    pub proposer_id: Option<i64>,
    pub affects_partners: bool,
    pub consultation_id: Option<i64>,
    pub secret: bool,
    pub hide_results: bool,
    #[schema(value_type = Object)]
    pub rules: VoteRules,
    /// Published at opening; the seed itself is revealed at the close.
    pub seed_sha256: String,
    #[serde(skip)]
    pub seed: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub opened_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub closes_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub escalated_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub closed_at: Option<DateTime<Utc>>,
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    pub ruling: Option<Ruling>,
    pub outcome: Option<String>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
    /// The day the decision is to be reviewed.
    pub review_at: Option<NaiveDate>,
}

impl Decision {
    /// The tie-break seed, once it may be known: after the close.
    pub fn revealed_seed(&self) -> Option<&str> {
        self.closed_at.as_ref().map(|_| self.seed.as_str())
    }

    pub fn options(&self) -> &[String] {
        match &self.rules {
            VoteRules::Ranked { options, .. } => options,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DecisionSummary {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub body_slug: String,
    pub kind: DecisionKind,
    pub status: DecisionStatus,
    pub title: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub closes_at: DateTime<Utc>,
    pub outcome: Option<String>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub decided_at: Option<DateTime<Utc>>,
    pub review_at: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Version {
    pub version: i64,
    pub title: String,
    pub text: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Elector {
    pub voter_key: String,
    pub label: String,
    /// Whether they have voted or taken a position.
    pub participated: bool,
    /// When they first did; never given for a secret vote, where times would help link voters to
    /// ballots.
    #[serde(serialize_with = "crate::json_time::option")]
    pub participated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StanceRow {
    pub voter_key: String,
    pub label: String,
    pub stance: Stance,
    pub reason: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

/// A ballot as published: anonymous when the vote is secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredBallot {
    pub receipt: String,
    /// The elector's name, on open (non-secret) votes only.
    pub voter: Option<String>,
    /// `yes`, `no`, `abstain`, or the ranked option names in order.
    pub choice: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Comment {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub author: String,
    pub body: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    pub response: Option<String>,
    pub responded_by: Option<String>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub responded_at: Option<DateTime<Utc>>,
}

/// A ballot being cast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotChoice {
    YesNo(VoteChoice),
    /// Option names, most preferred first.
    Ranking(Vec<String>),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct GovernanceReport {
    pub closed: u64,
    pub accepted: u64,
    pub reminded: u64,
    pub review_reminders: u64,
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

fn random_code(len: usize) -> String {
    // Crockford base32 without I, L, O, U: easy to read back from a screen or paper.
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect()
}

const DECISION_COLUMNS: &str = "d.id, d.body_id, d.kind, d.status, d.title, d.version, d.proposer_id, \
    d.affects_partners, d.consultation_id, d.secret, d.hide_results, d.rules_json, d.seed, d.seed_sha256, \
    d.opened_at, d.closes_at, d.escalated_at, d.closed_at, d.result_json, d.ruling, d.outcome, d.decided_at, \
    d.decided_by, d.review_at, v.text";

/// A decision's stored kind and status (`d.kind`, `d.status` in the row).
fn kind_and_status(r: &AnyRow) -> Result<(DecisionKind, DecisionStatus)> {
    Ok((
        get_parsed(r, "decisions", "kind", DecisionKind::parse)?,
        get_parsed(r, "decisions", "status", DecisionStatus::parse)?,
    ))
}

/// A stored elector key (`decision_electorate.voter_key`, and the keys of stances and ballots).
fn voter_key(table: &'static str, key: &str) -> Result<VoterKey> {
    parse_column(table, "voter_key", key, |k| VoterKey::decode(k).ok_or(()))
}

fn decision_row(r: &AnyRow) -> Result<Decision> {
    let rules: VoteRules =
        json_column("decisions", "rules_json", &get::<String>(r, "rules_json")?)?;
    let result = get::<Option<String>>(r, "result_json")?
        .map(|s| json_column("decisions", "result_json", &s))
        .transpose()?;
    let (kind, status) = kind_and_status(r)?;
    Ok(Decision {
        id: get(r, "id")?,
        body_id: get(r, "body_id")?,
        kind,
        status,
        title: get(r, "title")?,
        text: get(r, "text")?,
        version: get(r, "version")?,
        proposer_id: get(r, "proposer_id")?,
        affects_partners: get::<i64>(r, "affects_partners")? != 0,
        consultation_id: get(r, "consultation_id")?,
        secret: get::<i64>(r, "secret")? != 0,
        hide_results: get::<i64>(r, "hide_results")? != 0,
        rules,
        seed: get(r, "seed")?,
        seed_sha256: get(r, "seed_sha256")?,
        opened_at: get_time(r, "decisions", "opened_at")?,
        closes_at: get_time(r, "decisions", "closes_at")?,
        escalated_at: get_opt_time(r, "decisions", "escalated_at")?,
        closed_at: get_opt_time(r, "decisions", "closed_at")?,
        result,
        ruling: get::<Option<String>>(r, "ruling")?
            .map(|s| parse_column("decisions", "ruling", &s, Ruling::parse))
            .transpose()?,
        outcome: get(r, "outcome")?,
        decided_at: get_opt_time(r, "decisions", "decided_at")?,
        decided_by: get(r, "decided_by")?,
        review_at: review_day(r)?,
    })
}

/// The stored review day (`YYYY-MM-DD`).
fn review_day(r: &AnyRow) -> Result<Option<NaiveDate>> {
    get::<Option<String>>(r, "review_at")?
        .map(|s| {
            parse_column("decisions", "review_at", &s, |v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
            })
        })
        .transpose()
}

fn summary_row(r: &AnyRow) -> Result<DecisionSummary> {
    let (kind, status) = kind_and_status(r)?;
    Ok(DecisionSummary {
        id: get(r, "id")?,
        body_id: get(r, "body_id")?,
        body_name: get(r, "body_name")?,
        body_slug: get(r, "body_slug")?,
        kind,
        status,
        title: get(r, "title")?,
        closes_at: get_time(r, "decisions", "closes_at")?,
        outcome: get(r, "outcome")?,
        decided_at: get_opt_time(r, "decisions", "decided_at")?,
        review_at: review_day(r)?,
    })
}

async fn load_decision(tx: &mut Tx, id: i64) -> Result<Decision> {
    let row = sqlx::query(&format!(
        "SELECT {DECISION_COLUMNS} FROM decisions d JOIN decision_versions v \
         ON v.decision_id = d.id AND v.version = d.version WHERE d.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    decision_row(&row)
}

async fn set_status(tx: &mut Tx, id: i64, status: DecisionStatus, at: &str) -> Result<()> {
    sqlx::query("UPDATE decisions SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.slug())
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Who may cast each partner's single vote, as `(partner_id, person_id)` rows: its delegate and
/// alternate, or its partner admins while it has designated neither. The one statement of that rule,
/// used both to let people vote and to email them.
const PARTNER_VOTERS: &str = "SELECT d.partner_id AS partner_id, x.id AS person_id FROM partner_delegates d \
     JOIN people x ON x.id IN (d.delegate_id, d.alternate_id) \
     UNION SELECT g.scope_id AS partner_id, g.person_id AS person_id FROM role_grants g \
     WHERE g.scope_kind = 'partner' AND g.role = 'partner_admin' AND NOT EXISTS (SELECT 1 FROM partner_delegates d \
     WHERE d.partner_id = g.scope_id AND (d.delegate_id IS NOT NULL OR d.alternate_id IS NOT NULL))";

/// Email addresses behind an elector: the person, or a partner's delegate and alternate (its partner
/// admins when it has designated neither).
async fn elector_emails(tx: &mut Tx, key: VoterKey) -> Result<Vec<String>> {
    Ok(match key {
        VoterKey::Person(id) => {
            sqlx::query_scalar("SELECT email FROM people WHERE id = $1 AND disabled_at IS NULL")
                .bind(id)
                .fetch_all(&mut *tx)
                .await?
        }
        VoterKey::Partner(id) => {
            sqlx::query_scalar(&format!(
            "SELECT DISTINCT p.email FROM people p JOIN ({PARTNER_VOTERS}) v ON v.person_id = p.id \
             WHERE v.partner_id = $1 AND p.disabled_at IS NULL ORDER BY p.email"
        ))
            .bind(id)
            .fetch_all(&mut *tx)
            .await?
        }
    })
}

/// Queues one email to every elector of a decision (or only those who have not taken part).
async fn notify_electorate(
    tx: &mut impl Conn,
    decision_id: i64,
    only_undecided: bool,
    mail: &Mail,
) -> Result<u64> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT voter_key FROM decision_electorate WHERE decision_id = $1 \
         AND ($2 = 0 OR participated_at IS NULL) ORDER BY voter_key",
    )
    .bind(decision_id)
    .bind(i64::from(only_undecided))
    .fetch_all(&mut **tx)
    .await?;
    // So that a recipient's choice for the deciding body applies.
    let body_id: i64 = sqlx::query_scalar("SELECT body_id FROM decisions WHERE id = $1")
        .bind(decision_id)
        .fetch_one(&mut **tx)
        .await?;
    let mail = mail.clone().about(body_id);
    let mut sent = 0;
    for key in keys {
        let key = voter_key("decision_electorate", &key)?;
        for to in elector_emails(tx, key).await? {
            outbox::queue_mail(tx, &to, &mail).await?;
            sent += 1;
        }
    }
    Ok(sent)
}

/// Stands for the site's public address in queued emails; the mailer puts the configured URL in its
/// place when sending, since the store does not know where it is served.
pub const SITE: &str = "{site}";

fn link(decision_id: i64) -> String {
    format!("{SITE}/decisions/{decision_id}")
}

impl Store {
    async fn begin_governance(&self) -> Result<WriteTx> {
        self.write_locked(LOCK_GOVERNANCE).await
    }

    // ---- Bodies and delegates ------------------------------------------------------------------

    /// The partner assembly and "all members" exist on every installation.
    pub(crate) async fn ensure_bodies(&self) -> Result<()> {
        for (slug, name, kind, visibility, description) in [
            (
                "partner-assembly",
                "Partner assembly",
                BodyKind::PartnerAssembly,
                Visibility::Public,
                "All active partners, one voice each through a designated delegate. Consulted before any \
                 decision that affects partners.",
            ),
            (
                "all-members",
                "All members",
                BodyKind::AllMembers,
                Visibility::Public,
                "Every member of the community with an account.",
            ),
        ] {
            sqlx::query(
                "INSERT INTO bodies (slug, name, kind, description, visibility, min_close_hours, created_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $7 WHERE NOT EXISTS (SELECT 1 FROM bodies WHERE slug = $1)",
            )
            .bind(slug)
            .bind(name)
            .bind(kind.slug())
            .bind(description)
            .bind(visibility.slug())
            .bind(gov::DEFAULT_CLOSE_HOURS)
            .bind(self.stamp())
            // Seeded by migration, like the schema: no one's change.
            .execute(self.bookkeeping_pool())
            .await?;
        }
        Ok(())
    }

    // ---- Opening -------------------------------------------------------------------------------

    // ---- Reading -------------------------------------------------------------------------------

    // ---- Taking part ---------------------------------------------------------------------------

    // ---- Moving a decision on ------------------------------------------------------------------

    // ---- Scheduled jobs ------------------------------------------------------------------------
}
