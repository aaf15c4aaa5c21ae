//! Governance storage: bodies, delegates, decisions and everything cast on them, and the scheduled jobs
//! that close, accept and remind. Rules come from `agora_domain::governance` and counting from
//! `agora_domain::tally`; this module only persists what they allow, in one transaction per change.

use crate::audit::append;
use crate::{format_time, get, outbox, parse_time, Result, Store, StoreError, Tx, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::governance::{
    self as gov, Action, BodyKind, ConsultationState, DecisionKind, DecisionStatus, NewDecision,
    Ruling, Stance, Visibility, VoteChoice, VoteRules, VoterKey,
};
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::permissions::{Actor, Role};
use agora_domain::tally;
use agora_domain::ValidationErrors;
use chrono::{DateTime, Duration, Utc};
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
    pub opened_at: String,
    pub closes_at: String,
    pub escalated_at: Option<String>,
    pub closed_at: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub result: Option<serde_json::Value>,
    pub ruling: Option<String>,
    pub outcome: Option<String>,
    pub decided_at: Option<String>,
    pub decided_by: Option<String>,
    pub review_at: Option<String>,
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
    pub closes_at: String,
    pub outcome: Option<String>,
    pub decided_at: Option<String>,
    pub review_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Version {
    pub version: i64,
    pub title: String,
    pub text: String,
    pub created_at: String,
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
    pub participated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StanceRow {
    pub voter_key: String,
    pub label: String,
    pub stance: Stance,
    pub reason: String,
    pub updated_at: String,
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
    pub created_at: String,
    pub response: Option<String>,
    pub responded_by: Option<String>,
    pub responded_at: Option<String>,
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

fn body_row(r: &AnyRow) -> Result<Body> {
    Ok(Body {
        id: get(r, "id")?,
        slug: get(r, "slug")?,
        name: get(r, "name")?,
        kind: BodyKind::parse(&get::<String>(r, "kind")?)
            .map_err(|e| StoreError::Config(format!("stored body kind: {e}")))?,
        description: get(r, "description")?,
        visibility: Visibility::parse(&get::<String>(r, "visibility")?)
            .map_err(|e| StoreError::Config(format!("stored visibility: {e}")))?,
        min_close_hours: get(r, "min_close_hours")?,
    })
}

const DECISION_COLUMNS: &str = "d.id, d.body_id, d.kind, d.status, d.title, d.version, d.proposer_id, \
    d.affects_partners, d.consultation_id, d.secret, d.hide_results, d.rules_json, d.seed, d.seed_sha256, \
    d.opened_at, d.closes_at, d.escalated_at, d.closed_at, d.result_json, d.ruling, d.outcome, d.decided_at, \
    d.decided_by, d.review_at, v.text";

fn stored<T>(r: std::result::Result<T, &'static str>, what: &str) -> Result<T> {
    r.map_err(|e| StoreError::Config(format!("stored {what}: {e}")))
}

fn decision_row(r: &AnyRow) -> Result<Decision> {
    let rules: VoteRules = serde_json::from_str(&get::<String>(r, "rules_json")?)
        .map_err(|e| StoreError::Config(format!("stored rules: {e}")))?;
    let result = get::<Option<String>>(r, "result_json")?
        .map(|s| serde_json::from_str(&s))
        .transpose()
        .map_err(|e| StoreError::Config(format!("stored result: {e}")))?;
    Ok(Decision {
        id: get(r, "id")?,
        body_id: get(r, "body_id")?,
        kind: stored(DecisionKind::parse(&get::<String>(r, "kind")?), "kind")?,
        status: stored(
            DecisionStatus::parse(&get::<String>(r, "status")?),
            "status",
        )?,
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
        opened_at: get(r, "opened_at")?,
        closes_at: get(r, "closes_at")?,
        escalated_at: get(r, "escalated_at")?,
        closed_at: get(r, "closed_at")?,
        result,
        ruling: get(r, "ruling")?,
        outcome: get(r, "outcome")?,
        decided_at: get(r, "decided_at")?,
        decided_by: get(r, "decided_by")?,
        review_at: get(r, "review_at")?,
    })
}

fn summary_row(r: &AnyRow) -> Result<DecisionSummary> {
    Ok(DecisionSummary {
        id: get(r, "id")?,
        body_id: get(r, "body_id")?,
        body_name: get(r, "body_name")?,
        body_slug: get(r, "body_slug")?,
        kind: stored(DecisionKind::parse(&get::<String>(r, "kind")?), "kind")?,
        status: stored(
            DecisionStatus::parse(&get::<String>(r, "status")?),
            "status",
        )?,
        title: get(r, "title")?,
        closes_at: get(r, "closes_at")?,
        outcome: get(r, "outcome")?,
        decided_at: get(r, "decided_at")?,
        review_at: get(r, "review_at")?,
    })
}

async fn load_decision(tx: &mut Tx, id: i64) -> Result<Decision> {
    let row = sqlx::query(&format!(
        "SELECT {DECISION_COLUMNS} FROM decisions d JOIN decision_versions v \
         ON v.decision_id = d.id AND v.version = d.version WHERE d.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    decision_row(&row)
}

async fn set_status(tx: &mut Tx, id: i64, status: DecisionStatus, at: &str) -> Result<()> {
    sqlx::query("UPDATE decisions SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.slug())
        .bind(at)
        .bind(id)
        .execute(&mut **tx)
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
                .fetch_all(&mut **tx)
                .await?
        }
        VoterKey::Partner(id) => {
            sqlx::query_scalar(&format!(
            "SELECT DISTINCT p.email FROM people p JOIN ({PARTNER_VOTERS}) v ON v.person_id = p.id \
             WHERE v.partner_id = $1 AND p.disabled_at IS NULL ORDER BY p.email"
        ))
            .bind(id)
            .fetch_all(&mut **tx)
            .await?
        }
    })
}

/// Queues one email to every elector of a decision (or only those who have not taken part).
async fn notify_electorate(
    tx: &mut Tx,
    decision_id: i64,
    only_undecided: bool,
    subject: &str,
    body: &str,
) -> Result<u64> {
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT voter_key FROM decision_electorate WHERE decision_id = $1 \
         AND ($2 = 0 OR participated_at IS NULL) ORDER BY voter_key",
    )
    .bind(decision_id)
    .bind(i64::from(only_undecided))
    .fetch_all(&mut **tx)
    .await?;
    let mut sent = 0;
    for key in keys.iter().filter_map(|k| VoterKey::decode(k)) {
        for to in elector_emails(tx, key).await? {
            outbox::queue(tx, &to, subject, body).await?;
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

/// The count of a vote, as stored at the close and shown on the decision page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VoteResult {
    YesNo(tally::YesNoResult),
    Ranked(tally::Tally),
}

impl VoteResult {
    /// One line for emails and the audit log.
    pub fn summary(&self, options: &[String]) -> String {
        match self {
            VoteResult::YesNo(r) => format!(
                "{} ({} yes, {} no, {} abstain)",
                r.outcome.slug(),
                r.yes,
                r.no,
                r.abstain
            ),
            VoteResult::Ranked(t) => t.outcome().last_line(options),
        }
    }
}

/// Counts a vote's ballots (`(receipt, stored choice)`) against its frozen electorate.
pub fn count_vote(
    decision: &Decision,
    ballots: &[(String, String)],
    electorate: i64,
) -> Result<Option<VoteResult>> {
    Ok(match &decision.rules {
        VoteRules::None => None,
        VoteRules::YesNo(rules) => {
            let mut n = [0u64; 3];
            for (_, c) in ballots {
                match VoteChoice::parse(c) {
                    Ok(VoteChoice::Yes) => n[0] += 1,
                    Ok(VoteChoice::No) => n[1] += 1,
                    Ok(VoteChoice::Abstain) => n[2] += 1,
                    Err(e) => return Err(StoreError::Config(format!("stored ballot: {e}"))),
                }
            }
            let electorate = u64::try_from(electorate).unwrap_or(0);
            Some(VoteResult::YesNo(tally::tally_yes_no(
                rules, n[0], n[1], n[2], electorate,
            )))
        }
        VoteRules::Ranked { method, options } => {
            let set = ranked_set(options, ballots)?;
            let tie = tally::TieBreak {
                seed: decision.revealed_seed().map(str::to_string),
            };
            Some(VoteResult::Ranked(tally::tally(*method, &set, &tie)))
        }
    })
}

fn ranked_set(options: &[String], ballots: &[(String, String)]) -> Result<tally::RankedBallots> {
    let mut set = tally::RankedBallots::new(options.to_vec())
        .map_err(|e| StoreError::Config(format!("stored options: {e}")))?;
    for (_, c) in ballots {
        set.push(&decode_ranking(c, options.len())?)
            .map_err(|e| StoreError::Config(format!("stored ranking: {e}")))?;
    }
    Ok(set)
}

fn decode_ranking(choice: &str, options: usize) -> Result<Vec<u16>> {
    choice
        .split_whitespace()
        .map(|s| {
            s.parse::<u16>()
                .ok()
                .filter(|&i| usize::from(i) < options)
                .ok_or_else(|| StoreError::Config(format!("stored ranking: {choice}")))
        })
        .collect()
}

impl Store {
    async fn begin_governance(&self) -> Result<Tx> {
        let mut tx = self.begin().await?;
        self.dialect.lock(&mut tx, LOCK_GOVERNANCE).await?;
        Ok(tx)
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
            .bind(crate::now())
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    pub async fn bodies(&self) -> Result<Vec<Body>> {
        sqlx::query("SELECT * FROM bodies ORDER BY CASE kind WHEN 'group' THEN 1 ELSE 0 END, name")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(body_row)
            .collect()
    }

    pub async fn body(&self, slug: &str) -> Result<Option<Body>> {
        sqlx::query("SELECT * FROM bodies WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(body_row)
            .transpose()
    }

    pub async fn body_by_id(&self, id: i64) -> Result<Body> {
        sqlx::query("SELECT * FROM bodies WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(body_row)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    /// Creates a group body (working group, focus group, panel).
    pub async fn create_body(&self, new: &NewBody, who: &Who) -> Result<Body> {
        let mut e = ValidationErrors::new();
        if agora_domain::partner::parse_slug(&new.slug).is_err() {
            e.add("slug", "invalid-slug");
        }
        if new.name.trim().len() < 2 {
            e.add("name", "too-short");
        }
        if !(1..=gov::MAX_CLOSE_HOURS).contains(&new.min_close_hours) {
            e.add("min_close_hours", "out-of-range");
        }
        e.into_result(())?;
        let mut tx = self.begin_governance().await?;
        let r = sqlx::query_scalar::<_, i64>(
            "INSERT INTO bodies (slug, name, kind, description, visibility, min_close_hours, created_at) \
             VALUES ($1, $2, 'group', $3, $4, $5, $6) RETURNING id",
        )
        .bind(&new.slug)
        .bind(new.name.trim())
        .bind(new.description.trim())
        .bind(new.visibility.slug())
        .bind(new.min_close_hours)
        .bind(crate::now())
        .fetch_one(&mut *tx)
        .await;
        let id = match r {
            Ok(id) => id,
            Err(err) if crate::is_unique_violation(&err) => {
                return Err(invalid("slug", "slug-taken"))
            }
            Err(err) => return Err(err.into()),
        };
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("body.create", "body", id).after(serde_json::json!({
                "slug": new.slug, "name": new.name, "visibility": new.visibility.slug(),
                "min_close_hours": new.min_close_hours,
            })),
        )
        .await?;
        tx.commit().await?;
        self.body_by_id(id).await
    }

    /// Members of a group body with their role there (facilitator or member).
    pub async fn body_members(&self, body_id: i64) -> Result<Vec<(i64, String, String, Role)>> {
        let rows = sqlx::query(
            "SELECT p.id, p.display_name, p.email, g.role FROM role_grants g JOIN people p ON p.id = g.person_id \
             WHERE g.scope_kind = 'group' AND g.scope_id = $1 AND p.disabled_at IS NULL ORDER BY p.display_name",
        )
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    get(r, "id")?,
                    get(r, "display_name")?,
                    get(r, "email")?,
                    stored(Role::parse(&get::<String>(r, "role")?), "role")?,
                ))
            })
            .collect()
    }

    /// How the actor stands towards a body, for `governance::body_allows`.
    pub async fn standing(&self, actor: &Actor, body: &Body) -> Result<gov::Standing> {
        let Actor::Person { id, .. } = actor else {
            return Ok(gov::Standing {
                admin: actor.is_admin(),
                ..gov::Standing::default()
            });
        };
        let member = match body.kind {
            BodyKind::Group => {
                actor.has(Role::GroupMember, Some(body.id))
                    || actor.has(Role::Facilitator, Some(body.id))
            }
            BodyKind::PartnerAssembly => {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM role_grants g JOIN partners p ON p.id = g.scope_id \
                     WHERE g.person_id = $1 AND g.scope_kind = 'partner' AND p.status = 'active'",
                )
                .bind(*id)
                .fetch_one(&self.reader)
                .await?;
                n > 0
            }
            BodyKind::AllMembers => true,
        };
        Ok(gov::Standing {
            admin: actor.is_admin(),
            facilitator: body.kind == BodyKind::Group
                && actor.has(Role::Facilitator, Some(body.id)),
            member,
            signed_in: true,
        })
    }

    pub async fn delegates(&self) -> Result<Vec<Delegates>> {
        let rows = sqlx::query(
            "SELECT pa.id, pa.name, dp.email AS delegate, ap.email AS alternate FROM partners pa \
             LEFT JOIN partner_delegates d ON d.partner_id = pa.id \
             LEFT JOIN people dp ON dp.id = d.delegate_id LEFT JOIN people ap ON ap.id = d.alternate_id \
             WHERE pa.status = 'active' ORDER BY pa.name",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Delegates {
                    partner_id: get(r, "id")?,
                    partner_name: get(r, "name")?,
                    delegate: get(r, "delegate")?,
                    alternate: get(r, "alternate")?,
                })
            })
            .collect()
    }

    /// Designates who votes for a partner in the assembly. Both must work for that partner.
    pub async fn set_delegates(
        &self,
        partner_id: i64,
        delegate: Option<i64>,
        alternate: Option<i64>,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.begin_governance().await?;
        // An unknown partner is not found, not a foreign-key failure at the insert.
        let partners: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_one(&mut *tx)
            .await?;
        if partners == 0 {
            return Err(StoreError::NotFound);
        }
        for (field, person) in [("delegate", delegate), ("alternate", alternate)] {
            let Some(person) = person else { continue };
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM role_grants WHERE person_id = $1 AND scope_kind = 'partner' AND scope_id = $2",
            )
            .bind(person)
            .bind(partner_id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(invalid(field, "not-partner-staff"));
            }
        }
        if delegate.is_some() && delegate == alternate {
            return Err(invalid("alternate", "alternate-same-as-delegate"));
        }
        sqlx::query("DELETE FROM partner_delegates WHERE partner_id = $1")
            .bind(partner_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO partner_delegates (partner_id, delegate_id, alternate_id, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(partner_id)
        .bind(delegate)
        .bind(alternate)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("partner.delegates", "partner", partner_id)
                .after(serde_json::json!({"delegate_id": delegate, "alternate_id": alternate})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- Opening -------------------------------------------------------------------------------

    /// Opens a decision: stores version 1, freezes the electorate, commits to a tie-break seed and tells
    /// the electorate.
    pub async fn open_decision(
        &self,
        body: &Body,
        new: &NewDecision,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_governance().await?;
        if let Some(cid) = new.consultation_id {
            let row = sqlx::query(
                "SELECT d.kind, b.kind AS body_kind FROM decisions d JOIN bodies b ON b.id = d.body_id WHERE d.id = $1",
            )
            .bind(cid)
            .fetch_optional(&mut *tx)
            .await?;
            let ok = row.is_some_and(|r| {
                get::<String>(&r, "kind").ok().as_deref() == Some("consultation")
                    && get::<String>(&r, "body_kind").ok().as_deref() == Some("partner-assembly")
            });
            if !ok {
                return Err(invalid("consultation_id", "unknown-consultation"));
            }
        }
        let at = format_time(now);
        let closes = format_time(now + Duration::hours(new.close_hours));
        let seed = random_code(26);
        let rules = serde_json::to_string(&new.rules)
            .map_err(|e| StoreError::Config(format!("rules: {e}")))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO decisions (body_id, kind, status, title, version, proposer_id, affects_partners, \
             consultation_id, secret, hide_results, rules_json, seed, seed_sha256, opened_at, closes_at, updated_at) \
             VALUES ($1, $2, 'open', $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12) RETURNING id",
        )
        .bind(body.id)
        .bind(new.kind.slug())
        .bind(&new.title)
        .bind(who.person_id)
        .bind(i64::from(new.affects_partners))
        .bind(new.consultation_id)
        .bind(i64::from(new.secret))
        .bind(i64::from(new.hide_results))
        .bind(&rules)
        .bind(&seed)
        .bind(tally::seed_commitment(&seed))
        .bind(&at)
        .bind(&closes)
        .fetch_one(&mut *tx)
        .await?;
        insert_version(&mut tx, id, (1, &new.title, &new.text), &at, who).await?;
        let electorate = freeze_electorate(&mut tx, id, body).await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.open", "decision", id).after(serde_json::json!({
                "body": body.slug, "kind": new.kind.slug(), "title": new.title, "closes_at": closes,
                "rules": new.rules, "secret": new.secret, "electorate": electorate,
                "seed_sha256": tally::seed_commitment(&seed),
            })),
        )
        .await?;
        let by = public_name(&mut tx, who).await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &format!("New {}: {}", kind_noun(new.kind), new.title),
            &format!(
                "{} opened in {}.\n\n{}\n\nIt closes at {closes} (UTC). Take part: {}",
                by,
                body.name,
                new.text,
                link(id)
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    // ---- Reading -------------------------------------------------------------------------------

    pub async fn decision(&self, id: i64) -> Result<Decision> {
        let mut tx = self.reader.begin().await?;
        let d = load_decision(&mut tx, id).await?;
        tx.commit().await?;
        Ok(d)
    }

    /// Decisions of the given bodies, newest first; `register` keeps only decided ones.
    pub async fn decisions(
        &self,
        body_ids: &[i64],
        register: bool,
        page: PageRequest,
    ) -> Result<Page<DecisionSummary>> {
        if body_ids.is_empty() {
            page.check(0)?;
            return Ok(Page::new(vec![], page, 0));
        }
        let mut filter = crate::sql::Sql::new(" WHERE d.body_id IN ");
        filter.bind_list(body_ids);
        if register {
            filter.push(" AND d.status = 'decided'");
        }
        crate::fetch_page(
            &self.reader,
            (
                "SELECT d.id, d.body_id, b.name AS body_name, b.slug AS body_slug, d.kind, d.status, d.title, \
                 d.closes_at, d.outcome, d.decided_at, d.review_at",
                " FROM decisions d JOIN bodies b ON b.id = d.body_id",
            ),
            &filter,
            if register {
                "d.decided_at DESC, d.id DESC"
            } else {
                "d.id DESC"
            },
            page,
            summary_row,
        )
        .await
    }

    pub async fn versions(&self, id: i64) -> Result<Vec<Version>> {
        let rows = sqlx::query(
            "SELECT version, title, text, created_at, created_by FROM decision_versions WHERE decision_id = $1 \
             ORDER BY version DESC",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Version {
                    version: get(r, "version")?,
                    title: get(r, "title")?,
                    text: get(r, "text")?,
                    created_at: get(r, "created_at")?,
                    created_by: get(r, "created_by")?,
                })
            })
            .collect()
    }

    pub async fn electorate(&self, id: i64) -> Result<Vec<Elector>> {
        let rows = sqlx::query(
            "SELECT e.voter_key, e.label, e.participated_at, d.secret FROM decision_electorate e \
             JOIN decisions d ON d.id = e.decision_id WHERE e.decision_id = $1 ORDER BY e.label, e.voter_key",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                let at: Option<String> = get(r, "participated_at")?;
                let secret = get::<i64>(r, "secret")? != 0;
                Ok(Elector {
                    voter_key: get(r, "voter_key")?,
                    label: get(r, "label")?,
                    participated: at.is_some(),
                    participated_at: at.filter(|_| !secret),
                })
            })
            .collect()
    }

    /// Positions on a version of a lazy-consensus proposal.
    pub async fn stances(&self, id: i64, version: i64) -> Result<Vec<StanceRow>> {
        let rows = sqlx::query(
            "SELECT s.voter_key, e.label, s.stance, s.reason, s.updated_at FROM decision_stances s \
             JOIN decision_electorate e ON e.decision_id = s.decision_id AND e.voter_key = s.voter_key \
             WHERE s.decision_id = $1 AND s.version = $2 ORDER BY e.label",
        )
        .bind(id)
        .bind(version)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StanceRow {
                    voter_key: get(r, "voter_key")?,
                    label: get(r, "label")?,
                    stance: stored(Stance::parse(&get::<String>(r, "stance")?), "stance")?,
                    reason: get(r, "reason")?,
                    updated_at: get(r, "updated_at")?,
                })
            })
            .collect()
    }

    /// The electorate entries a person may act for on a decision: themselves, and the partners whose
    /// delegate or alternate they are (or whose partner admin, when none is designated).
    pub async fn voter_keys(&self, decision_id: i64, person_id: i64) -> Result<Vec<VoterKey>> {
        let keys: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT e.voter_key FROM decision_electorate e WHERE e.decision_id = $1 AND (e.voter_key = $2 OR \
             e.voter_key IN (SELECT 'partner:' || CAST(v.partner_id AS TEXT) FROM ({PARTNER_VOTERS}) v \
             WHERE v.person_id = $3)) ORDER BY e.voter_key"
        ))
        .bind(decision_id)
        .bind(VoterKey::Person(person_id).encode())
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        Ok(keys.iter().filter_map(|k| VoterKey::decode(k)).collect())
    }

    /// Published ballots: after the close, or while open when results are shown early.
    pub async fn ballots(&self, decision: &Decision) -> Result<Vec<StoredBallot>> {
        // A secret vote's receipts appear only once nobody can vote any more (older secret votes may
        // have been opened with running results).
        if decision.secret && decision.closed_at.is_none() {
            return Ok(vec![]);
        }
        let rows = sqlx::query(
            "SELECT b.receipt, b.choice, e.label FROM ballots b LEFT JOIN decision_electorate e \
             ON e.decision_id = b.decision_id AND e.voter_key = b.voter_key WHERE b.decision_id = $1 ORDER BY b.receipt",
        )
        .bind(decision.id)
        .fetch_all(&self.reader)
        .await?;
        let options = decision.options();
        rows.iter()
            .map(|r| {
                let choice: String = get(r, "choice")?;
                let choice = if options.is_empty() {
                    vec![choice]
                } else {
                    decode_ranking(&choice, options.len())?
                        .into_iter()
                        .map(|i| options[usize::from(i)].clone())
                        .collect()
                };
                Ok(StoredBallot {
                    receipt: get(r, "receipt")?,
                    voter: if decision.secret {
                        None
                    } else {
                        get(r, "label")?
                    },
                    choice,
                })
            })
            .collect()
    }

    /// The live count while results are shown early; the stored count once closed.
    /// Recounted from the ballots, which is exact and cheap at a body's scale; the count stored at the
    /// close records what was announced.
    pub async fn results(&self, decision: &Decision) -> Result<Option<VoteResult>> {
        if !decision.kind.is_vote()
            || (decision.closed_at.is_none() && (decision.hide_results || decision.secret))
        {
            return Ok(None);
        }
        let mut tx = self.reader.begin().await?;
        let ballots = raw_ballots(&mut tx, decision.id).await?;
        let electorate = electorate_size(&mut tx, decision.id).await?;
        tx.commit().await?;
        count_vote(decision, &ballots, electorate)
    }

    /// The anonymised ballot file anyone entitled can recount with `agora tally`.
    pub async fn ballots_csv(&self, decision: &Decision, software: &str) -> Result<String> {
        if decision.closed_at.is_none() {
            return Err(invalid("decision", "ballots-before-close"));
        }
        let mut tx = self.reader.begin().await?;
        let ballots = raw_ballots(&mut tx, decision.id).await?;
        tx.commit().await?;
        let meta = tally::BallotMeta {
            software: Some(software.to_string()),
            method: match &decision.rules {
                VoteRules::Ranked { method, .. } => Some(*method),
                _ => None,
            },
            seed: decision.revealed_seed().map(str::to_string),
            seed_sha256: Some(decision.seed_sha256.clone()),
        };
        match &decision.rules {
            VoteRules::Ranked { options, .. } => {
                let set = ranked_set(options, &ballots)?;
                let receipts: Vec<String> = ballots.iter().map(|(r, _)| r.clone()).collect();
                tally::write_ballots_csv(&meta, &set, &receipts).map_err(|c| invalid("decision", c))
            }
            VoteRules::YesNo(_) => Ok(gov::yes_no_ballots_csv(&meta, &ballots)),
            VoteRules::None => Err(invalid("decision", "not-a-vote")),
        }
    }

    pub async fn comments(&self, id: i64) -> Result<Vec<Comment>> {
        let rows = sqlx::query(
            "SELECT id, parent_id, author_label, body, created_at, response, responded_by, responded_at \
             FROM decision_comments WHERE decision_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Comment {
                    id: get(r, "id")?,
                    parent_id: get(r, "parent_id")?,
                    author: get(r, "author_label")?,
                    body: get(r, "body")?,
                    created_at: get(r, "created_at")?,
                    response: get(r, "response")?,
                    responded_by: get(r, "responded_by")?,
                    responded_at: get(r, "responded_at")?,
                })
            })
            .collect()
    }

    // ---- Taking part ---------------------------------------------------------------------------

    /// Records a lazy-consensus position (+1, 0, −1) for the current version; an objection contests the
    /// proposal and a withdrawn last objection reopens it.
    pub async fn set_stance(
        &self,
        id: i64,
        voter: VoterKey,
        stance: Stance,
        reason: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<DecisionStatus> {
        gov::check_stance(stance, reason).map_err(|c| invalid("reason", c))?;
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        if d.kind != DecisionKind::LazyConsensus {
            return Err(invalid("stance", "not-lazy-consensus"));
        }
        ensure_participation(&d, now)?;
        let at = format_time(now);
        mark_participation(&mut tx, id, voter, &at).await?;
        sqlx::query(
            "DELETE FROM decision_stances WHERE decision_id = $1 AND version = $2 AND voter_key = $3",
        )
        .bind(id)
        .bind(d.version)
        .bind(voter.encode())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO decision_stances (decision_id, version, voter_key, person_id, stance, reason, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(d.version)
        .bind(voter.encode())
        .bind(who.person_id)
        .bind(stance.slug())
        .bind(reason.trim())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let objections: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM decision_stances WHERE decision_id = $1 AND version = $2 AND stance = 'object'",
        )
        .bind(id)
        .bind(d.version)
        .fetch_one(&mut *tx)
        .await?;
        let status = gov::consensus_status(usize::try_from(objections).unwrap_or(usize::MAX));
        set_status(&mut tx, id, status, &at).await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.stance", "decision", id).after(serde_json::json!({
                "voter": voter.encode(), "version": d.version, "stance": stance.slug(), "reason": reason.trim(),
            })),
        )
        .await?;
        tx.commit().await?;
        Ok(status)
    }

    /// Casts or changes a ballot and returns its receipt. On a secret vote the ballot row carries no
    /// voter, so changing it takes the receipt the voter was given, presented by that same voter (checked
    /// against the lock kept in their electorate row).
    #[allow(clippy::too_many_arguments)]
    pub async fn cast_ballot(
        &self,
        id: i64,
        voter: VoterKey,
        choice: &BallotChoice,
        receipt: Option<&str>,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<String> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        ensure_participation(&d, now)?;
        let stored = match (&d.rules, choice) {
            (VoteRules::YesNo(_), BallotChoice::YesNo(c)) => c.slug().to_string(),
            (VoteRules::Ranked { options, .. }, BallotChoice::Ranking(names)) => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                tally::validate_ranking(options, &names)
                    .map_err(|c| invalid("ranking", c))?
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            _ => return Err(invalid("choice", "wrong-ballot-kind")),
        };
        let at = format_time(now);
        let first = mark_participation(&mut tx, id, voter, &at).await?;
        let receipt = if d.secret {
            let given = receipt.map(str::trim).filter(|r| !r.is_empty());
            if first {
                let r = random_code(12);
                write_secret_ballot(&mut tx, id, &r, &stored).await?;
                sqlx::query(
                    "UPDATE decision_electorate SET ballot_lock = $1 WHERE decision_id = $2 AND voter_key = $3",
                )
                .bind(gov::ballot_lock(id, voter, &r))
                .bind(id)
                .bind(voter.encode())
                .execute(&mut *tx)
                .await?;
                r
            } else {
                let r = given
                    .ok_or_else(|| invalid("receipt", "receipt-required"))?
                    .to_uppercase();
                // Only the elector who was given this receipt may change its ballot: another elector's
                // receipt is refused exactly like a mistyped one.
                let lock: Option<Option<String>> = sqlx::query_scalar(
                    "SELECT ballot_lock FROM decision_electorate WHERE decision_id = $1 AND voter_key = $2",
                )
                .bind(id)
                .bind(voter.encode())
                .fetch_optional(&mut *tx)
                .await?;
                if lock.flatten() != Some(gov::ballot_lock(id, voter, &r)) {
                    return Err(invalid("receipt", "unknown-receipt"));
                }
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM ballots WHERE decision_id = $1 AND receipt = $2 AND voter_key IS NULL",
                )
                .bind(id)
                .bind(&r)
                .fetch_one(&mut *tx)
                .await?;
                if n == 0 {
                    return Err(invalid("receipt", "unknown-receipt"));
                }
                write_secret_ballot(&mut tx, id, &r, &stored).await?;
                r
            }
        } else {
            let existing: Option<String> = sqlx::query_scalar(
                "SELECT receipt FROM ballots WHERE decision_id = $1 AND voter_key = $2",
            )
            .bind(id)
            .bind(voter.encode())
            .fetch_optional(&mut *tx)
            .await?;
            match existing {
                Some(r) => {
                    sqlx::query("UPDATE ballots SET choice = $1, cast_at = $2 WHERE decision_id = $3 AND receipt = $4")
                        .bind(&stored)
                        .bind(&at)
                        .bind(id)
                        .bind(&r)
                        .execute(&mut *tx)
                        .await?;
                    r
                }
                None => {
                    let r = random_code(12);
                    sqlx::query(
                        "INSERT INTO ballots (decision_id, receipt, voter_key, choice, cast_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(&r)
                    .bind(voter.encode())
                    .bind(&stored)
                    .bind(&at)
                    .execute(&mut *tx)
                    .await?;
                    r
                }
            }
        };
        // Every cast and change is logged; a secret ballot's log names the voter but never the choice.
        let detail = if d.secret {
            serde_json::json!({"voter": voter.encode(), "changed": !first})
        } else {
            serde_json::json!({"voter": voter.encode(), "changed": !first, "choice": stored, "receipt": receipt})
        };
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.ballot", "decision", id).after(detail),
        )
        .await?;
        tx.commit().await?;
        Ok(receipt)
    }

    /// Adds a comment (or a reply) to an open consultation.
    pub async fn comment(
        &self,
        id: i64,
        parent_id: Option<i64>,
        body: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let body = body.trim();
        if body.is_empty() {
            return Err(invalid("body", "required"));
        }
        if body.chars().count() > 10_000 {
            return Err(invalid("body", "too-long"));
        }
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        if d.kind != DecisionKind::Consultation {
            return Err(invalid("body", "not-consultation"));
        }
        ensure_participation(&d, now)?;
        if let Some(p) = parent_id {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM decision_comments WHERE id = $1 AND decision_id = $2",
            )
            .bind(p)
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(invalid("parent_id", "unknown-comment"));
            }
        }
        let at = format_time(now);
        let author = public_name(&mut tx, who).await?;
        let cid: i64 = sqlx::query_scalar(
            "INSERT INTO decision_comments (decision_id, parent_id, author_id, author_label, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(id)
        .bind(parent_id)
        .bind(who.person_id)
        .bind(&author)
        .bind(body)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.comment", "decision", id)
                .after(serde_json::json!({"comment_id": cid, "parent_id": parent_id})),
        )
        .await?;
        tx.commit().await?;
        Ok(cid)
    }

    /// The decision-maker's response to one comment of a consultation, once it has closed.
    pub async fn respond(
        &self,
        decision_id: i64,
        comment_id: i64,
        response: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let response = gov::check_statement(response).map_err(|c| invalid("response", c))?;
        let mut tx = self.begin_governance().await?;
        let belongs: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM decision_comments WHERE id = $1 AND decision_id = $2",
        )
        .bind(comment_id)
        .bind(decision_id)
        .fetch_one(&mut *tx)
        .await?;
        if belongs == 0 {
            return Err(StoreError::NotFound);
        }
        let d = load_decision(&mut tx, decision_id).await?;
        if d.status != DecisionStatus::Closed {
            return Err(invalid("response", "respond-after-close"));
        }
        let by = public_name(&mut tx, who).await?;
        sqlx::query(
            "UPDATE decision_comments SET response = $1, responded_by = $2, responded_at = $3 WHERE id = $4",
        )
        .bind(&response)
        .bind(&by)
        .bind(format_time(now))
        .bind(comment_id)
        .execute(&mut *tx)
        .await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.respond", "decision", decision_id)
                .after(serde_json::json!({"comment_id": comment_id, "response": response})),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- Moving a decision on ------------------------------------------------------------------

    /// Publishes a new version of a lazy-consensus proposal; the clock restarts and earlier versions
    /// stay readable.
    pub async fn revise(
        &self,
        id: i64,
        title: &str,
        text: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut e = ValidationErrors::new();
        let title = title.trim();
        let text = text.trim();
        if title.chars().count() < 3 {
            e.add("title", "too-short");
        }
        if text.is_empty() {
            e.add("text", "required");
        }
        e.into_result(())?;
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        let status =
            gov::transition(d.kind, d.status, Action::Revise).map_err(|c| invalid("status", c))?;
        let body = body_in(&mut tx, d.body_id).await?;
        let hours = (parse_time(&d.closes_at).unwrap_or(now)
            - parse_time(&d.opened_at).unwrap_or(now))
        .num_hours()
        .max(body.min_close_hours);
        let at = format_time(now);
        let closes = format_time(now + Duration::hours(hours));
        let version = d.version + 1;
        insert_version(&mut tx, id, (version, title, text), &at, who).await?;
        sqlx::query(
            "UPDATE decisions SET version = $1, title = $2, status = $3, opened_at = $4, closes_at = $5, \
             reminder_sent_at = NULL, updated_at = $4 WHERE id = $6",
        )
        .bind(version)
        .bind(title)
        .bind(status.slug())
        .bind(&at)
        .bind(&closes)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Positions are per version: everyone is undecided again on the new text.
        sqlx::query("UPDATE decision_electorate SET participated_at = NULL WHERE decision_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.revise", "decision", id)
                .before(serde_json::json!({"version": d.version, "title": d.title}))
                .after(
                    serde_json::json!({"version": version, "title": title, "closes_at": closes}),
                ),
        )
        .await?;
        let by = public_name(&mut tx, who).await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &format!("Revised proposal: {title}"),
            &format!(
                "{} published version {version} of \"{title}\" in {}. Earlier positions no longer count; \
                 the proposal now closes at {closes} (UTC).\n\n{text}\n\n{}",
                by,
                body.name,
                link(id)
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Hands a contested proposal to the foundation's moderators.
    pub async fn escalate(&self, id: i64, who: &Who, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        let status = gov::transition(d.kind, d.status, Action::Escalate)
            .map_err(|c| invalid("status", c))?;
        let at = format_time(now);
        sqlx::query(
            "UPDATE decisions SET status = $1, escalated_at = $2, escalated_by = $3, updated_at = $2 WHERE id = $4",
        )
        .bind(status.slug())
        .bind(&at)
        .bind(who.person_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.escalate", "decision", id),
        )
        .await?;
        let moderators: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT p.email FROM people p JOIN role_grants g ON g.person_id = p.id \
             WHERE g.role = 'admin' AND p.disabled_at IS NULL ORDER BY p.email",
        )
        .fetch_all(&mut *tx)
        .await?;
        let by = public_name(&mut tx, who).await?;
        for to in moderators {
            outbox::queue(
                &mut tx,
                &to,
                &format!("Moderation needed: {}", d.title),
                &format!(
                    "{} escalated a contested proposal to the moderators. Read the objections and record a \
                     ruling with your reasoning: {}",
                    by,
                    link(id)
                ),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// A moderator's ruling, with its reasoning, ends an escalated proposal.
    pub async fn rule(
        &self,
        id: i64,
        ruling: Ruling,
        reasoning: &str,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let reasoning = gov::check_statement(reasoning).map_err(|c| invalid("outcome", c))?;
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        gov::transition(d.kind, d.status, Action::Rule(ruling))
            .map_err(|c| invalid("status", c))?;
        if ruling == Ruling::Accept {
            check_gate(&mut tx, &d).await?;
        }
        let at = format_time(now);
        sqlx::query("UPDATE decisions SET ruling = $1 WHERE id = $2")
            .bind(ruling.slug())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        decide(self, &mut tx, &d, &reasoning, who, &at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The proposer or a facilitator drops a proposal that has not been decided.
    pub async fn withdraw(&self, id: i64, who: &Who, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        let status = gov::transition(d.kind, d.status, Action::Withdraw)
            .map_err(|c| invalid("status", c))?;
        let at = format_time(now);
        set_status(&mut tx, id, status, &at).await?;
        erase_ballot_locks(&mut tx, id).await?;
        append(
            self,
            &mut tx,
            who,
            AuditEvent::new("decision.withdraw", "decision", id),
        )
        .await?;
        let by = public_name(&mut tx, who).await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &format!("Withdrawn: {}", d.title),
            &format!("{} withdrew \"{}\". {}", by, d.title, link(id)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records the outcome statement of a closed vote or consultation: the decision enters the register.
    pub async fn take_decision(
        &self,
        id: i64,
        statement: &str,
        review_at: Option<&str>,
        who: &Who,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let statement = gov::check_statement(statement).map_err(|c| invalid("outcome", c))?;
        let review = match review_at.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(
                chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| invalid("review_at", "invalid-date"))?
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
        };
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        gov::transition(d.kind, d.status, Action::Take).map_err(|c| invalid("status", c))?;
        check_gate(&mut tx, &d).await?;
        sqlx::query("UPDATE decisions SET review_at = $1 WHERE id = $2")
            .bind(&review)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        decide(self, &mut tx, &d, &statement, who, &format_time(now)).await?;
        tx.commit().await?;
        Ok(())
    }

    // ---- Scheduled jobs ------------------------------------------------------------------------

    /// Takes (or renews) the named lease for `ttl`; `false` while another instance holds it.
    pub async fn try_lease(
        &self,
        name: &str,
        holder: &str,
        ttl: Duration,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let at = format_time(now);
        let until = format_time(now + ttl);
        let mut tx = self.begin().await?;
        sqlx::query(
            "INSERT INTO job_leases (name, holder, expires_at) SELECT $1, '', $2 \
             WHERE NOT EXISTS (SELECT 1 FROM job_leases WHERE name = $1)",
        )
        .bind(name)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let n = sqlx::query(
            "UPDATE job_leases SET holder = $1, expires_at = $2 WHERE name = $3 AND (holder = $1 OR expires_at <= $4)",
        )
        .bind(holder)
        .bind(&until)
        .bind(name)
        .bind(&at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(n == 1)
    }

    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<()> {
        sqlx::query("DELETE FROM job_leases WHERE name = $1 AND holder = $2")
            .bind(name)
            .bind(holder)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Closes what is due, accepts uncontested proposals, sends closing and review reminders.
    pub async fn run_governance_jobs(&self, now: DateTime<Utc>) -> Result<GovernanceReport> {
        let mut report = GovernanceReport::default();
        let at = format_time(now);
        let due: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM decisions WHERE status = 'open' AND closes_at <= $1 ORDER BY closes_at, id",
        )
        .bind(&at)
        .fetch_all(&self.reader)
        .await?;
        for id in due {
            match self.close_due(id, now).await? {
                Some(DecisionStatus::Decided) => report.accepted += 1,
                Some(_) => report.closed += 1,
                None => {}
            }
        }
        report.reminded = self.send_closing_reminders(now).await?;
        report.review_reminders = self.send_review_reminders(now).await?;
        Ok(report)
    }

    async fn close_due(&self, id: i64, now: DateTime<Utc>) -> Result<Option<DecisionStatus>> {
        let mut tx = self.begin_governance().await?;
        let d = load_decision(&mut tx, id).await?;
        // Another instance may have got here first, or someone objected meanwhile.
        if d.status != DecisionStatus::Open || parse_time(&d.closes_at).is_none_or(|c| c > now) {
            return Ok(None);
        }
        let at = format_time(now);
        let who = Who::system();
        if d.kind == DecisionKind::LazyConsensus {
            // A proposal that affects partners waits, open, until its consultation is taken.
            if check_gate(&mut tx, &d).await.is_err() {
                return Ok(None);
            }
            let statement = gov::consensus_statement(d.version, &d.closes_at);
            decide(self, &mut tx, &d, &statement, &who, &at).await?;
            tx.commit().await?;
            return Ok(Some(DecisionStatus::Decided));
        }
        let status =
            gov::transition(d.kind, d.status, Action::Close).map_err(|c| invalid("status", c))?;
        sqlx::query(
            "UPDATE decisions SET status = $1, closed_at = $2, updated_at = $2 WHERE id = $3",
        )
        .bind(status.slug())
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        erase_ballot_locks(&mut tx, id).await?;
        let closed = load_decision(&mut tx, id).await?;
        let mut summary = String::new();
        if closed.kind.is_vote() {
            let ballots = raw_ballots(&mut tx, id).await?;
            let electorate = electorate_size(&mut tx, id).await?;
            let result = count_vote(&closed, &ballots, electorate)?;
            summary = result
                .as_ref()
                .map(|r| r.summary(closed.options()))
                .unwrap_or_default();
            let json = result
                .map(|r| serde_json::to_string(&r))
                .transpose()
                .map_err(|e| StoreError::Config(format!("result: {e}")))?;
            sqlx::query("UPDATE decisions SET result_json = $1 WHERE id = $2")
                .bind(json)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        append(
            self,
            &mut tx,
            &who,
            AuditEvent::new("decision.close", "decision", id)
                .after(serde_json::json!({"status": status.slug(), "summary": summary})),
        )
        .await?;
        notify_electorate(
            &mut tx,
            id,
            false,
            &format!("Closed: {}", d.title),
            &format!(
                "\"{}\" closed at {at} (UTC).{}\n\nThe outcome will be recorded in the decision register: {}",
                d.title,
                if summary.is_empty() {
                    String::new()
                } else {
                    format!("\n\nResult: {summary}")
                },
                link(id)
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(Some(status))
    }

    async fn send_closing_reminders(&self, now: DateTime<Utc>) -> Result<u64> {
        let at = format_time(now);
        let window = format_time(now + Duration::hours(gov::REMINDER_BEFORE_HOURS));
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM decisions WHERE status IN ('open', 'contested') AND reminder_sent_at IS NULL \
             AND kind IN ('lazy-consensus', 'yes-no', 'ranked') AND closes_at > $1 AND closes_at <= $2 ORDER BY id",
        )
        .bind(&at)
        .bind(&window)
        .fetch_all(&self.reader)
        .await?;
        let mut sent = 0;
        for id in ids {
            let mut tx = self.begin_governance().await?;
            let d = load_decision(&mut tx, id).await?;
            let due = parse_time(&d.closes_at).is_some_and(|c| gov::reminder_due(c, now, false))
                && d.status.accepts_participation();
            let claimed = due
                && sqlx::query(
                    "UPDATE decisions SET reminder_sent_at = $1 WHERE id = $2 AND reminder_sent_at IS NULL",
                )
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
            if claimed {
                // Only those who have not voted (or taken a position) yet: nobody is nagged twice.
                sent += notify_electorate(
                    &mut tx,
                    id,
                    true,
                    &format!("Closing in 24 hours: {}", d.title),
                    &format!(
                        "\"{}\" closes at {} (UTC) and you have not taken part yet. {}",
                        d.title,
                        d.closes_at,
                        link(id)
                    ),
                )
                .await?;
            }
            tx.commit().await?;
        }
        Ok(sent)
    }

    async fn send_review_reminders(&self, now: DateTime<Utc>) -> Result<u64> {
        let today = now.format("%Y-%m-%d").to_string();
        let rows = sqlx::query(
            "SELECT d.id, d.title, d.body_id FROM decisions d WHERE d.status = 'decided' AND d.review_at IS NOT NULL \
             AND d.review_at <= $1 AND d.review_reminded_at IS NULL ORDER BY d.id",
        )
        .bind(&today)
        .fetch_all(&self.reader)
        .await?;
        let mut sent = 0;
        for r in &rows {
            let (id, title, body_id): (i64, String, i64) =
                (get(r, "id")?, get(r, "title")?, get(r, "body_id")?);
            let mut tx = self.begin_governance().await?;
            let n = sqlx::query(
                "UPDATE decisions SET review_reminded_at = $1 WHERE id = $2 AND review_reminded_at IS NULL",
            )
            .bind(format_time(now))
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 1 {
                let to: Vec<String> = sqlx::query_scalar(
                    "SELECT DISTINCT p.email FROM people p JOIN role_grants g ON g.person_id = p.id \
                     WHERE p.disabled_at IS NULL AND (g.role = 'admin' OR (g.role = 'facilitator' \
                     AND g.scope_kind = 'group' AND g.scope_id = $1)) ORDER BY p.email",
                )
                .bind(body_id)
                .fetch_all(&mut *tx)
                .await?;
                for addr in to {
                    outbox::queue(
                        &mut tx,
                        &addr,
                        &format!("Time to review a decision: {title}"),
                        &format!(
                            "The decision \"{title}\" reached its review date. Check whether it still holds and \
                             propose a change if it does not: {}",
                            link(id)
                        ),
                    )
                    .await?;
                    sent += 1;
                }
            }
            tx.commit().await?;
        }
        Ok(sent)
    }
}

fn kind_noun(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::LazyConsensus => "proposal",
        DecisionKind::YesNo | DecisionKind::Ranked => "vote",
        DecisionKind::Consultation => "consultation",
    }
}

fn ensure_participation(d: &Decision, now: DateTime<Utc>) -> Result<()> {
    let open =
        d.status.accepts_participation() && parse_time(&d.closes_at).is_some_and(|c| now < c);
    if open {
        Ok(())
    } else {
        Err(invalid("decision", "decision-closed"))
    }
}

/// Marks the elector as having taken part; returns whether this is their first time (on this version).
async fn mark_participation(tx: &mut Tx, id: i64, voter: VoterKey, at: &str) -> Result<bool> {
    let row: Option<Option<String>> = sqlx::query_scalar(
        "SELECT participated_at FROM decision_electorate WHERE decision_id = $1 AND voter_key = $2",
    )
    .bind(id)
    .bind(voter.encode())
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        None => Err(invalid("voter", "not-in-electorate")),
        Some(Some(_)) => Ok(false),
        Some(None) => {
            sqlx::query(
                "UPDATE decision_electorate SET participated_at = $1 WHERE decision_id = $2 AND voter_key = $3",
            )
            .bind(at)
            .bind(id)
            .bind(voter.encode())
            .execute(&mut **tx)
            .await?;
            Ok(true)
        }
    }
}

/// The name shown for whoever acts, on public pages, feeds and in emails: a person's display name,
/// never their address (`Who::label` is the address, which only the audit log keeps).
async fn public_name(tx: &mut Tx, who: &Who) -> Result<String> {
    let name: Option<String> = match who.person_id {
        Some(id) => {
            sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?
        }
        None => None,
    };
    Ok(name.unwrap_or_else(|| {
        if who.label.contains('@') {
            FORMER_MEMBER.to_string()
        } else {
            who.label.clone()
        }
    }))
}

/// Stands for someone whose account is gone; matches migration 0006.
const FORMER_MEMBER: &str = "former member";

/// Keeps one version of a proposal's title and text; versions are never changed afterwards.
async fn insert_version(
    tx: &mut Tx,
    id: i64,
    (version, title, text): (i64, &str, &str),
    at: &str,
    who: &Who,
) -> Result<()> {
    let by = public_name(tx, who).await?;
    sqlx::query(
        "INSERT INTO decision_versions (decision_id, version, title, text, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(version)
    .bind(title)
    .bind(text)
    .bind(at)
    .bind(&by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn body_in(tx: &mut Tx, id: i64) -> Result<Body> {
    sqlx::query("SELECT * FROM bodies WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(body_row)
        .transpose()?
        .ok_or(StoreError::NotFound)
}

/// Copies who may vote now into the decision, so later membership changes do not move the count.
async fn freeze_electorate(tx: &mut Tx, id: i64, body: &Body) -> Result<i64> {
    let select = match body.kind {
        BodyKind::Group => {
            "SELECT DISTINCT $1, 'person:' || CAST(p.id AS TEXT), p.display_name FROM people p \
             JOIN role_grants g ON g.person_id = p.id WHERE g.scope_kind = 'group' AND g.scope_id = $2 \
             AND g.role IN ('facilitator', 'group_member') AND p.disabled_at IS NULL \
             AND p.password_hash IS NOT NULL"
        }
        BodyKind::PartnerAssembly => {
            "SELECT $1, 'partner:' || CAST(id AS TEXT), name FROM partners WHERE status = 'active'"
        }
        // Members who have accepted their invitation: an unused account cannot vote.
        BodyKind::AllMembers => {
            "SELECT $1, 'person:' || CAST(id AS TEXT), display_name FROM people \
             WHERE disabled_at IS NULL AND password_hash IS NOT NULL"
        }
    };
    let sql = format!("INSERT INTO decision_electorate (decision_id, voter_key, label) {select}");
    let mut q = sqlx::query(&sql).bind(id);
    if body.kind == BodyKind::Group {
        q = q.bind(body.id);
    }
    q.execute(&mut **tx).await?;
    electorate_size(tx, id).await
}

async fn electorate_size(tx: &mut Tx, id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM decision_electorate WHERE decision_id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?,
    )
}

/// Writes a secret ballot (new or changed) so that the table's physical order is receipt order, never
/// casting order: the ballots that sort after it are written again after it. A change rewrites its row
/// the same way, since an updated row would otherwise move to the end of PostgreSQL's heap and mark
/// itself as the latest change. This costs rewriting about half a vote's ballots per ballot cast, small
/// at a body's scale, and keeps SQLite's row ids and PostgreSQL's heap (and any dump or backup of
/// them) from replaying who voted when.
async fn write_secret_ballot(tx: &mut Tx, id: i64, receipt: &str, choice: &str) -> Result<()> {
    let later = sqlx::query(
        "SELECT receipt, choice FROM ballots WHERE decision_id = $1 AND receipt > $2 ORDER BY receipt",
    )
    .bind(id)
    .bind(receipt)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM ballots WHERE decision_id = $1 AND receipt >= $2")
        .bind(id)
        .bind(receipt)
        .execute(&mut **tx)
        .await?;
    let mut rows = vec![(receipt.to_string(), choice.to_string())];
    for r in &later {
        rows.push((get(r, "receipt")?, get(r, "choice")?));
    }
    for (r, c) in rows {
        sqlx::query(
            "INSERT INTO ballots (decision_id, receipt, voter_key, choice, cast_at) VALUES ($1, $2, NULL, $3, NULL)",
        )
        .bind(id)
        .bind(&r)
        .bind(&c)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Forgets which elector holds which secret receipt, once no ballot can change any more.
async fn erase_ballot_locks(tx: &mut Tx, id: i64) -> Result<()> {
    sqlx::query("UPDATE decision_electorate SET ballot_lock = NULL WHERE decision_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn raw_ballots(tx: &mut Tx, id: i64) -> Result<Vec<(String, String)>> {
    let rows =
        sqlx::query("SELECT receipt, choice FROM ballots WHERE decision_id = $1 ORDER BY receipt")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    rows.iter()
        .map(|r| Ok((get(r, "receipt")?, get(r, "choice")?)))
        .collect()
}

/// Whether the decision may be taken now (its consultation, or the one it waits for, is done).
async fn check_gate(tx: &mut Tx, d: &Decision) -> Result<()> {
    let state = |status: DecisionStatus, unanswered: i64| ConsultationState {
        status,
        unanswered_comments: usize::try_from(unanswered).unwrap_or(usize::MAX),
    };
    let unanswered = |id: i64| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM decision_comments WHERE decision_id = $1 AND response IS NULL",
        )
        .bind(id)
    };
    let own = if d.kind == DecisionKind::Consultation {
        Some(state(
            d.status,
            unanswered(d.id).fetch_one(&mut **tx).await?,
        ))
    } else {
        None
    };
    let linked = match d.consultation_id {
        Some(cid) => {
            let c = load_decision(tx, cid).await?;
            Some(state(c.status, unanswered(cid).fetch_one(&mut **tx).await?))
        }
        None => None,
    };
    gov::may_take(d.kind, d.affects_partners, own, linked).map_err(|c| invalid("decision", c))
}

/// Enters a decision in the register with its outcome statement and tells the electorate.
async fn decide(
    store: &Store,
    tx: &mut Tx,
    d: &Decision,
    statement: &str,
    who: &Who,
    at: &str,
) -> Result<()> {
    let by = public_name(tx, who).await?;
    sqlx::query(
        "UPDATE decisions SET status = 'decided', outcome = $1, decided_at = $2, decided_by = $3, \
         closed_at = COALESCE(closed_at, $2), updated_at = $2 WHERE id = $4",
    )
    .bind(statement)
    .bind(at)
    .bind(&by)
    .bind(d.id)
    .execute(&mut **tx)
    .await?;
    append(
        store,
        tx,
        who,
        AuditEvent::new("decision.decide", "decision", d.id)
            .before(serde_json::json!({"status": d.status.slug()}))
            .after(serde_json::json!({"outcome": statement})),
    )
    .await?;
    notify_electorate(
        tx,
        d.id,
        false,
        &format!("Decided: {}", d.title),
        &format!(
            "Outcome of \"{}\":\n\n{statement}\n\n{}",
            d.title,
            link(d.id)
        ),
    )
    .await?;
    Ok(())
}
