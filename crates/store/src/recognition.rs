//! The Distinguished Contributor program (rules in `agora_domain::recognition`): settings, categories,
//! cycles, nominations (merged per nominee), the panel's recusals, scores and discussion, decisions,
//! awards with their history, issued credentials and the issuer's keys, the hall of fame and the
//! evidence read from the activity ledger. The hall of fame is a public cached page, so changes
//! that reach it bump the directory version.

use crate::outbox::{queue_mail, Mail};
use crate::settings::bump_directory_version;
use crate::{date, get, get_time, json_column, parse_column, Result, Store, StoreError, Who};
use agora_domain::activity::ActivityKind;
use agora_domain::audit::AuditEvent;
use agora_domain::recognition::award::{state_on, transition, TermRules};
use agora_domain::recognition::hall_of_fame::HallOfFame;
use agora_domain::recognition::retention::EvidenceKind;
use agora_domain::recognition::review::{ConflictReason, Decision, Outcome};
use agora_domain::recognition::{
    default_categories, Award, AwardEvent, AwardKind, AwardState, Category, Criterion, Cycle,
    Nomination, Nominee, NomineeResponse, ProgramSettings, ScoreSet, SubjectKind,
};
use agora_domain::ValidationErrors;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

/// Nominations, decisions and award changes take turns across instances, so a duplicate nomination
/// always finds the first and an award is decided once.
const LOCK_RECOGNITION: i64 = 0x4147_0027;

mod program;
pub use program::{
    Attestation, AwardPlace, DashboardFacts, Mentorship, OpenAppeal, StoredAppeal,
    StoredDeliverable,
};

const N: &str = "recognition_nominations";
const A: &str = "recognition_awards";

fn date_col(r: &AnyRow, table: &'static str, col: &'static str) -> Result<NaiveDate> {
    parse_column(table, col, &get::<String>(r, col)?, date)
}

fn nominee_key(n: Nominee) -> String {
    match n {
        Nominee::Person(id) => format!("person:{id}"),
        Nominee::Organization(id) => format!("partner:{id}"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RecognitionSettings {
    #[serde(flatten)]
    pub program: ProgramSettings,
    /// The groups whose members (and facilitators) form the review panel.
    pub panel_groups: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredCategory {
    pub id: i64,
    #[serde(flatten)]
    pub category: Category,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredCycle {
    pub id: i64,
    #[serde(flatten)]
    pub cycle: Cycle,
}

/// A nomination with the names it needs on a page.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredNomination {
    pub id: i64,
    pub cycle_id: i64,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub nominee_name: String,
    pub nominator_name: String,
    #[serde(flatten)]
    pub nomination: Nomination,
    pub outcome: Option<Outcome>,
    pub rationale: Option<String>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub decided_at: Option<DateTime<Utc>>,
    pub award_id: i64,
    pub award_state: AwardState,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredScore {
    pub panelist_name: String,
    #[serde(flatten)]
    pub set: ScoreSet,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Recusal {
    pub person_id: i64,
    pub name: String,
    pub reason: ConflictReason,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PanelComment {
    pub person_id: i64,
    pub name: String,
    pub body: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
}

/// An award with its holder and category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredAward {
    pub id: i64,
    pub nomination_id: Option<i64>,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub person_id: Option<i64>,
    pub partner_id: Option<i64>,
    pub holder_name: String,
    pub cycle_year: i32,
    #[serde(flatten)]
    pub award: Award,
    pub suspended: bool,
    #[serde(skip)]
    pub status_index: Option<i64>,
    /// The latest credential issued for it (`urn:uuid:` + this).
    pub credential: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AwardHistory {
    pub state: AwardState,
    pub reason: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub at: DateTime<Utc>,
    pub by: String,
}

/// A credential as issued, and what its award says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCredential {
    pub uuid: String,
    pub award_id: i64,
    pub document: String,
    pub issued_at: DateTime<Utc>,
}

/// The issuer's key. `secret_key` is the multibase seed: only the signing code reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialKey {
    pub id: i64,
    pub fragment: String,
    pub public_key: String,
    pub secret_key: String,
    pub created_at: DateTime<Utc>,
    pub retired_at: Option<DateTime<Utc>>,
    pub removed_at: Option<DateTime<Utc>>,
}

/// A credential to store with the change that issues it, prepared (and signed) by the caller with
/// the status index it drew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCredential {
    pub uuid: String,
    pub status_index: i64,
    pub document: String,
}

/// What the caller needs to sign a credential for an award before the change that issues it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardSubject {
    pub holder_name: String,
    pub holder_email: Option<String>,
    /// An organization's public profile path (`/partners/slug`), its identity in a credential.
    pub holder_url: Option<String>,
    pub category: StoredCategory,
    pub cycle_year: i32,
}

/// One entry of the public hall of fame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FameEntry {
    pub award_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub cycle_year: i32,
    pub kind: AwardKind,
    pub name: String,
    pub organization: Option<String>,
    /// The credential's id (for its `.json`), when the member shows it.
    pub credential: Option<String>,
}

fn category_row(r: &AnyRow) -> Result<StoredCategory> {
    let t = "recognition_categories";
    Ok(StoredCategory {
        id: get(r, "id")?,
        category: Category {
            slug: get(r, "slug")?,
            name: get(r, "name")?,
            who_qualifies: get(r, "who_qualifies")?,
            incentives: get(r, "incentives")?,
            subject: parse_column(
                t,
                "subject",
                &get::<String>(r, "subject")?,
                SubjectKind::parse,
            )?,
            criteria: json_column::<Vec<Criterion>>(t, "criteria", &get::<String>(r, "criteria")?)?,
        },
    })
}

fn cycle_row(r: &AnyRow) -> Result<StoredCycle> {
    let t = "recognition_cycles";
    Ok(StoredCycle {
        id: get(r, "id")?,
        cycle: Cycle {
            year: i32::try_from(get::<i64>(r, "year")?)
                .map_err(|_| crate::corrupt(t, "year", "?"))?,
            nominations_open: date_col(r, t, "nominations_open")?,
            nominations_close: date_col(r, t, "nominations_close")?,
            review_open: date_col(r, t, "review_open")?,
            review_close: date_col(r, t, "review_close")?,
            announce_on: date_col(r, t, "announce_on")?,
            appeal_days: u16::try_from(get::<i64>(r, "appeal_days")?)
                .map_err(|_| crate::corrupt(t, "appeal_days", "?"))?,
        },
    })
}

const NOMINATION_COLUMNS: &str = "SELECT n.id, n.cycle_id, n.category_id, c.slug AS category_slug, \
    c.name AS category_name, y.year, n.nominee_person_id, n.nominee_partner_id, n.nominator_id, \
    n.self_nomination, n.supporters, n.justifications, n.links, n.response, n.outcome, n.rationale, \
    n.decided_at, n.created_at, a.id AS award_id, a.state AS award_state, \
    COALESCE(np.display_name, pa.name) AS nominee_name, nr.display_name AS nominator_name \
    FROM recognition_nominations n \
    JOIN recognition_categories c ON c.id = n.category_id \
    JOIN recognition_cycles y ON y.id = n.cycle_id \
    JOIN recognition_awards a ON a.nomination_id = n.id \
    JOIN people nr ON nr.id = n.nominator_id \
    LEFT JOIN people np ON np.id = n.nominee_person_id \
    LEFT JOIN partners pa ON pa.id = n.nominee_partner_id";

fn nomination_row(r: &AnyRow) -> Result<StoredNomination> {
    let person: Option<i64> = get(r, "nominee_person_id")?;
    let partner: Option<i64> = get(r, "nominee_partner_id")?;
    let nominee = match (person, partner) {
        (Some(p), None) => Nominee::Person(p),
        (None, Some(o)) => Nominee::Organization(o),
        _ => return Err(crate::corrupt(N, "nominee_person_id", "both or neither")),
    };
    let outcome: Option<String> = get(r, "outcome")?;
    let decided_at: Option<String> = get(r, "decided_at")?;
    Ok(StoredNomination {
        id: get(r, "id")?,
        cycle_id: get(r, "cycle_id")?,
        category_id: get(r, "category_id")?,
        category_slug: get(r, "category_slug")?,
        category_name: get(r, "category_name")?,
        nominee_name: get::<Option<String>>(r, "nominee_name")?.unwrap_or_default(),
        nominator_name: get(r, "nominator_name")?,
        nomination: Nomination {
            cycle_year: i32::try_from(get::<i64>(r, "year")?)
                .map_err(|_| crate::corrupt("recognition_cycles", "year", "?"))?,
            category: get(r, "category_slug")?,
            nominee,
            nominator: get(r, "nominator_id")?,
            self_nomination: get::<i64>(r, "self_nomination")? != 0,
            supporters: json_column(N, "supporters", &get::<String>(r, "supporters")?)?,
            justifications: json_column(N, "justifications", &get::<String>(r, "justifications")?)?,
            links: json_column(N, "links", &get::<String>(r, "links")?)?,
            response: parse_column(
                N,
                "response",
                &get::<String>(r, "response")?,
                NomineeResponse::parse,
            )?,
        },
        outcome: outcome
            .map(|o| parse_column(N, "outcome", &o, Outcome::parse))
            .transpose()?,
        rationale: get(r, "rationale")?,
        decided_at: crate::opt_time_column(N, "decided_at", decided_at.as_deref())?,
        award_id: get(r, "award_id")?,
        award_state: parse_column(
            A,
            "state",
            &get::<String>(r, "award_state")?,
            AwardState::parse,
        )?,
        created_at: get_time(r, N, "created_at")?,
    })
}

const AWARD_COLUMNS: &str = "SELECT a.id, a.nomination_id, a.category_id, c.slug AS category_slug, \
    c.name AS category_name, a.person_id, a.partner_id, a.cycle_year, a.record, a.suspended, \
    a.status_index, COALESCE(pe.display_name, pa.name) AS holder_name, \
    (SELECT x.uuid FROM recognition_credentials x WHERE x.award_id = a.id ORDER BY x.id DESC LIMIT 1) AS credential \
    FROM recognition_awards a JOIN recognition_categories c ON c.id = a.category_id \
    LEFT JOIN people pe ON pe.id = a.person_id LEFT JOIN partners pa ON pa.id = a.partner_id";

fn award_row(r: &AnyRow) -> Result<StoredAward> {
    Ok(StoredAward {
        id: get(r, "id")?,
        nomination_id: get(r, "nomination_id")?,
        category_id: get(r, "category_id")?,
        category_slug: get(r, "category_slug")?,
        category_name: get(r, "category_name")?,
        person_id: get(r, "person_id")?,
        partner_id: get(r, "partner_id")?,
        holder_name: get::<Option<String>>(r, "holder_name")?.unwrap_or_default(),
        cycle_year: i32::try_from(get::<i64>(r, "cycle_year")?)
            .map_err(|_| crate::corrupt(A, "cycle_year", "?"))?,
        award: json_column(A, "record", &get::<String>(r, "record")?)?,
        suspended: get::<i64>(r, "suspended")? != 0,
        status_index: get(r, "status_index")?,
        credential: get(r, "credential")?,
    })
}

fn key_row(r: &AnyRow) -> Result<CredentialKey> {
    let t = "credential_keys";
    let retired: Option<String> = get(r, "retired_at")?;
    let removed: Option<String> = get(r, "removed_at")?;
    Ok(CredentialKey {
        id: get(r, "id")?,
        fragment: get(r, "fragment")?,
        public_key: get(r, "public_key")?,
        secret_key: get(r, "secret_key")?,
        created_at: get_time(r, t, "created_at")?,
        retired_at: crate::opt_time_column(t, "retired_at", retired.as_deref())?,
        removed_at: crate::opt_time_column(t, "removed_at", removed.as_deref())?,
    })
}

fn award_json(a: &Award) -> serde_json::Value {
    serde_json::to_value(a).unwrap_or_default()
}

/// Writes an award's new record and its history line.
async fn save_award(
    tx: &mut crate::write::WriteTx,
    id: i64,
    award: &Award,
    by: &str,
    stamp: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE recognition_awards SET state = $1, record = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(award.state.slug())
    .bind(award_json(award).to_string())
    .bind(stamp)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO recognition_award_history (award_id, state, reason, at, by_label) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(award.state.slug())
    .bind(award.reason.clone())
    .bind(stamp)
    .bind(by)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn insert_credential(
    tx: &mut crate::write::WriteTx,
    award_id: i64,
    c: &NewCredential,
    stamp: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE recognition_awards SET status_index = $1 WHERE id = $2 AND status_index IS NULL",
    )
    .bind(c.status_index)
    .bind(award_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO recognition_credentials (award_id, uuid, document, issued_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(award_id)
    .bind(&c.uuid)
    .bind(&c.document)
    .bind(stamp)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn nominee_email(tx: &mut crate::write::WriteTx, nominee: Nominee) -> Result<Option<String>> {
    Ok(match nominee {
        Nominee::Person(id) => {
            sqlx::query_scalar("SELECT email FROM people WHERE id = $1 AND disabled_at IS NULL")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?
        }
        Nominee::Organization(_) => None,
    })
}

impl Store {
    pub async fn recognition_settings(&self) -> Result<RecognitionSettings> {
        let r = sqlx::query(
            "SELECT quorum, grace_days, panel_groups FROM recognition_settings WHERE id = 1",
        )
        .fetch_optional(&self.reader)
        .await?;
        let Some(r) = r else {
            return Ok(RecognitionSettings {
                program: ProgramSettings::default(),
                panel_groups: vec![],
            });
        };
        let t = "recognition_settings";
        Ok(RecognitionSettings {
            program: ProgramSettings {
                quorum: u8::try_from(get::<i64>(&r, "quorum")?)
                    .map_err(|_| crate::corrupt(t, "quorum", "?"))?,
                grace_days: u16::try_from(get::<i64>(&r, "grace_days")?)
                    .map_err(|_| crate::corrupt(t, "grace_days", "?"))?,
            },
            panel_groups: json_column(t, "panel_groups", &get::<String>(&r, "panel_groups")?)?,
        })
    }

    /// Changes the program's settings (admins). Audited with what they were.
    pub async fn set_recognition_settings(&self, s: &RecognitionSettings, who: &Who) -> Result<()> {
        let before = self.recognition_settings().await?;
        let mut tx = self.write().await?;
        for g in &s.panel_groups {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bodies WHERE id = $1")
                .bind(*g)
                .fetch_one(&mut *tx)
                .await?;
            if n == 0 {
                return Err(ValidationErrors::single("panel_groups", "invalid-group").into());
            }
        }
        sqlx::query(
            "INSERT INTO recognition_settings (id, quorum, grace_days, panel_groups, updated_at) \
             VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET quorum = $1, grace_days = $2, \
             panel_groups = $3, updated_at = $4",
        )
        .bind(i64::from(s.program.quorum))
        .bind(i64::from(s.program.grace_days))
        .bind(serde_json::to_string(&s.panel_groups).unwrap_or_else(|_| "[]".into()))
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.settings", "recognition_settings", 1)
                    .before(serde_json::to_value(&before).unwrap_or_default())
                    .after(serde_json::to_value(s).unwrap_or_default()),
            ],
        )
        .await
    }

    /// Seeds the seed document's categories once, when the program's tables are created.
    pub(crate) async fn ensure_recognition_categories(&self) -> Result<()> {
        let mut tx = self.bookkeeping(None).await?;
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM recognition_categories")
            .fetch_one(&mut *tx)
            .await?;
        if n == 0 {
            let stamp = self.stamp();
            for (i, c) in default_categories().iter().enumerate() {
                sqlx::query(
                    "INSERT INTO recognition_categories (slug, name, who_qualifies, incentives, subject, \
                     criteria, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                )
                .bind(&c.slug)
                .bind(&c.name)
                .bind(&c.who_qualifies)
                .bind(&c.incentives)
                .bind(c.subject.slug())
                .bind(serde_json::to_string(&c.criteria).unwrap_or_else(|_| "[]".into()))
                .bind(i as i64)
                .bind(&stamp)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit_unaudited().await
    }

    pub async fn recognition_categories(&self) -> Result<Vec<StoredCategory>> {
        sqlx::query("SELECT * FROM recognition_categories ORDER BY position, id")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(category_row)
            .collect()
    }

    pub async fn recognition_category(&self, id: i64) -> Result<Option<StoredCategory>> {
        sqlx::query("SELECT * FROM recognition_categories WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(category_row)
            .transpose()
    }

    /// Replaces a category's texts and rubric (admins). Its subject stays: nominations were made
    /// for it. Audited.
    pub async fn update_recognition_category(
        &self,
        id: i64,
        c: &Category,
        who: &Who,
    ) -> Result<()> {
        let before = self
            .recognition_category(id)
            .await?
            .ok_or(StoreError::NotFound)?;
        if before.category.subject != c.subject {
            return Err(ValidationErrors::single("subject", "invalid-subject").into());
        }
        let mut tx = self.write().await?;
        sqlx::query(
            "UPDATE recognition_categories SET slug = $1, name = $2, who_qualifies = $3, incentives = $4, \
             criteria = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(&c.slug)
        .bind(&c.name)
        .bind(&c.who_qualifies)
        .bind(&c.incentives)
        .bind(serde_json::to_string(&c.criteria).unwrap_or_else(|_| "[]".into()))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| taken(e, "slug"))?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.category_update", "recognition_category", id)
                    .before(serde_json::to_value(&before.category).unwrap_or_default())
                    .after(serde_json::to_value(c).unwrap_or_default()),
            ],
        )
        .await
    }

    pub async fn recognition_cycles(&self) -> Result<Vec<StoredCycle>> {
        sqlx::query("SELECT * FROM recognition_cycles ORDER BY year DESC")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(cycle_row)
            .collect()
    }

    pub async fn recognition_cycle(&self, id: i64) -> Result<Option<StoredCycle>> {
        sqlx::query("SELECT * FROM recognition_cycles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(cycle_row)
            .transpose()
    }

    /// Creates a cycle, or replaces the dates of the year's cycle (admins). Audited.
    pub async fn save_recognition_cycle(&self, c: &Cycle, who: &Who) -> Result<i64> {
        c.check().map_err(StoreError::Invalid)?;
        let mut tx = self.write().await?;
        let before = sqlx::query("SELECT * FROM recognition_cycles WHERE year = $1")
            .bind(i64::from(c.year))
            .fetch_optional(&mut *tx)
            .await?
            .as_ref()
            .map(cycle_row)
            .transpose()?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO recognition_cycles (year, nominations_open, nominations_close, review_open, \
             review_close, announce_on, appeal_days, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) ON CONFLICT (year) DO UPDATE SET \
             nominations_open = $2, nominations_close = $3, review_open = $4, review_close = $5, \
             announce_on = $6, appeal_days = $7, updated_at = $8 RETURNING id",
        )
        .bind(i64::from(c.year))
        .bind(c.nominations_open.to_string())
        .bind(c.nominations_close.to_string())
        .bind(c.review_open.to_string())
        .bind(c.review_close.to_string())
        .bind(c.announce_on.to_string())
        .bind(i64::from(c.appeal_days))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        bump_directory_version(&mut tx).await?;
        let mut event = AuditEvent::new("recognition.cycle_save", "recognition_cycle", id)
            .after(serde_json::to_value(c).unwrap_or_default());
        if let Some(b) = before {
            event = event.before(serde_json::to_value(b.cycle).unwrap_or_default());
        }
        tx.commit(who, [event]).await?;
        Ok(id)
    }

    /// Whether `person_id` sits on the review panel: a member or facilitator of a panel group.
    pub async fn is_panelist(&self, person_id: i64) -> Result<bool> {
        let groups = self.recognition_settings().await?.panel_groups;
        if groups.is_empty() {
            return Ok(false);
        }
        let mut q = crate::sql::Sql::new(
            "SELECT COUNT(*) AS n FROM role_grants WHERE scope_kind = 'group' AND role IN ('group_member', 'facilitator') AND person_id = ",
        );
        q.bind(person_id)
            .push(" AND scope_id IN ")
            .bind_list(&groups);
        let n: i64 = get(&q.query().fetch_one(&self.reader).await?, "n")?;
        Ok(n > 0)
    }

    /// The panel's members, by name.
    pub async fn panelists(&self) -> Result<Vec<(i64, String)>> {
        let groups = self.recognition_settings().await?.panel_groups;
        if groups.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::sql::Sql::new(
            "SELECT DISTINCT p.id, p.display_name FROM role_grants g JOIN people p ON p.id = g.person_id \
             WHERE g.scope_kind = 'group' AND g.role IN ('group_member', 'facilitator') AND p.disabled_at IS NULL AND g.scope_id IN ",
        );
        q.bind_list(&groups).push(" ORDER BY p.display_name, p.id");
        let rows = q.query().fetch_all(&self.reader).await?;
        rows.iter()
            .map(|r| Ok((get(r, "id")?, get(r, "display_name")?)))
            .collect()
    }

    /// Records a nomination, or merges it into the one already made for the same nominee in the same
    /// cycle and category (the domain's `merge`). Tells a nominated person (not a self-nomination)
    /// so they can accept or decline. Returns the nomination's id and whether it was merged.
    pub async fn nominate(
        &self,
        cycle_id: i64,
        category_id: i64,
        n: &Nomination,
        who: &Who,
    ) -> Result<(i64, bool)> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let key = nominee_key(n.nominee);
        let existing = sqlx::query(&format!(
            "{NOMINATION_COLUMNS} WHERE n.cycle_id = $1 AND n.category_id = $2 AND n.nominee_key = $3"
        ))
        .bind(cycle_id)
        .bind(category_id)
        .bind(&key)
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(nomination_row)
        .transpose()?;
        let stamp = self.stamp();
        if let Some(old) = existing {
            let merged = agora_domain::recognition::merge(&old.nomination, n).ok_or_else(|| {
                StoreError::Invalid(ValidationErrors::single("nominee", "invalid-nominee"))
            })?;
            if merged == old.nomination {
                return Ok((old.id, true));
            }
            sqlx::query(
                "UPDATE recognition_nominations SET supporters = $1, justifications = $2, links = $3, \
                 updated_at = $4 WHERE id = $5",
            )
            .bind(serde_json::to_string(&merged.supporters).unwrap_or_default())
            .bind(serde_json::to_string(&merged.justifications).unwrap_or_default())
            .bind(serde_json::to_string(&merged.links).unwrap_or_default())
            .bind(&stamp)
            .bind(old.id)
            .execute(&mut *tx)
            .await?;
            tx.commit(
                who,
                [AuditEvent::new("recognition.nomination_support", "recognition_nomination", old.id)
                    .after(serde_json::json!({"nominator": n.nominator, "justifications": n.justifications, "links": n.links}))],
            )
            .await?;
            return Ok((old.id, true));
        }
        let (person, partner) = match n.nominee {
            Nominee::Person(p) => (Some(p), None),
            Nominee::Organization(o) => (None, Some(o)),
        };
        let response = if n.self_nomination && person.is_some() {
            NomineeResponse::Accepted
        } else {
            NomineeResponse::Pending
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO recognition_nominations (cycle_id, category_id, nominee_key, nominee_person_id, \
             nominee_partner_id, nominator_id, self_nomination, supporters, justifications, links, \
             response, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) \
             RETURNING id",
        )
        .bind(cycle_id)
        .bind(category_id)
        .bind(&key)
        .bind(person)
        .bind(partner)
        .bind(n.nominator)
        .bind(i64::from(n.self_nomination))
        .bind(serde_json::to_string(&n.supporters).unwrap_or_default())
        .bind(serde_json::to_string(&n.justifications).unwrap_or_default())
        .bind(serde_json::to_string(&n.links).unwrap_or_default())
        .bind(response.slug())
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        let award = Award::nominated(AwardKind::Term);
        let award_id: i64 = sqlx::query_scalar(
            "INSERT INTO recognition_awards (nomination_id, category_id, person_id, partner_id, cycle_year, \
             kind, state, record, suspended, warnings_sent, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, '[]', $9, $9) RETURNING id",
        )
        .bind(id)
        .bind(category_id)
        .bind(person)
        .bind(partner)
        .bind(i64::from(n.cycle_year))
        .bind(award.kind.slug())
        .bind(award.state.slug())
        .bind(award_json(&award).to_string())
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO recognition_award_history (award_id, state, reason, at, by_label) VALUES ($1, $2, NULL, $3, $4)",
        )
        .bind(award_id)
        .bind(award.state.slug())
        .bind(&stamp)
        .bind(crate::shown_label(&who.label))
        .execute(&mut *tx)
        .await?;
        if !n.self_nomination {
            if let Some(to) = nominee_email(&mut tx, n.nominee).await? {
                let category: String =
                    sqlx::query_scalar("SELECT name FROM recognition_categories WHERE id = $1")
                        .bind(category_id)
                        .fetch_one(&mut *tx)
                        .await?;
                queue_mail(
                    &mut tx,
                    &to,
                    &Mail::new("email-recognition-nominated")
                        .arg("category", category)
                        .arg("year", n.cycle_year)
                        .arg(
                            "link",
                            format!("{}/recognition/nominations/{id}", crate::SITE),
                        ),
                )
                .await?;
            }
        }
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.nominate", "recognition_nomination", id)
                    .after(serde_json::to_value(n).unwrap_or_default()),
            ],
        )
        .await?;
        Ok((id, false))
    }

    pub async fn recognition_nomination(&self, id: i64) -> Result<Option<StoredNomination>> {
        sqlx::query(&format!("{NOMINATION_COLUMNS} WHERE n.id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(nomination_row)
            .transpose()
    }

    /// A cycle's nominations, by category then nominee.
    pub async fn recognition_nominations(&self, cycle_id: i64) -> Result<Vec<StoredNomination>> {
        sqlx::query(&format!(
            "{NOMINATION_COLUMNS} WHERE n.cycle_id = $1 ORDER BY c.position, nominee_name, n.id"
        ))
        .bind(cycle_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(nomination_row)
        .collect()
    }

    /// Nominations where the person is the nominee or a nominator (or a supporter), newest first.
    pub async fn recognition_nominations_of(
        &self,
        person_id: i64,
        partner_ids: &[i64],
    ) -> Result<Vec<StoredNomination>> {
        let rows = sqlx::query(&format!(
            "{NOMINATION_COLUMNS} ORDER BY n.created_at DESC, n.id DESC"
        ))
        .fetch_all(&self.reader)
        .await?;
        let mut out = vec![];
        for r in &rows {
            let n = nomination_row(r)?;
            let mine = n.nomination.nominee.is_of(person_id, partner_ids)
                || n.nomination.nominators().any(|p| p == person_id);
            if mine {
                out.push(n);
            }
        }
        Ok(out)
    }

    /// The nominee's answer (a person for themselves; an organization's people for it). Audited.
    pub async fn respond_to_nomination(
        &self,
        id: i64,
        response: NomineeResponse,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let n = sqlx::query("SELECT response FROM recognition_nominations WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let before: String = get(&n, "response")?;
        if before == response.slug() {
            return Ok(());
        }
        sqlx::query("UPDATE recognition_nominations SET response = $1, responded_at = $2, updated_at = $2 WHERE id = $3")
            .bind(response.slug())
            .bind(self.stamp())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.respond", "recognition_nomination", id)
                    .before(serde_json::json!({"response": before}))
                    .after(serde_json::json!({"response": response.slug()})),
            ],
        )
        .await
    }

    pub async fn recognition_recusals(&self, nomination_id: i64) -> Result<Vec<Recusal>> {
        let rows = sqlx::query(
            "SELECT r.person_id, p.display_name, r.reason, r.note FROM recognition_recusals r \
             JOIN people p ON p.id = r.person_id WHERE r.nomination_id = $1 ORDER BY p.display_name",
        )
        .bind(nomination_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Recusal {
                    person_id: get(r, "person_id")?,
                    name: get(r, "display_name")?,
                    reason: parse_column(
                        "recognition_recusals",
                        "reason",
                        &get::<String>(r, "reason")?,
                        ConflictReason::parse,
                    )?,
                    note: get(r, "note")?,
                })
            })
            .collect()
    }

    /// A panelist declares a conflict of interest (or one is found): they are recused, and any
    /// score they gave is withdrawn. Audited.
    pub async fn recuse(
        &self,
        nomination_id: i64,
        person_id: i64,
        reason: ConflictReason,
        note: &str,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let decided: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM recognition_nominations WHERE id = $1")
                .bind(nomination_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        if decided.is_some() {
            // A decided nomination keeps the scores it was decided on.
            return Err(ValidationErrors::single("note", "invalid-transition").into());
        }
        let n = sqlx::query(
            "INSERT INTO recognition_recusals (nomination_id, person_id, reason, note, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (nomination_id, person_id) DO NOTHING",
        )
        .bind(nomination_id)
        .bind(person_id)
        .bind(reason.slug())
        .bind(note)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(());
        }
        sqlx::query("DELETE FROM recognition_scores WHERE nomination_id = $1 AND panelist_id = $2")
            .bind(nomination_id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [AuditEvent::new(
                "recognition.recuse",
                "recognition_nomination",
                nomination_id,
            )
            .after(
                serde_json::json!({"person_id": person_id, "reason": reason.slug(), "note": note}),
            )],
        )
        .await
    }

    /// Every score set of a nomination (show them only to panelists who are not recused, and admins).
    pub async fn recognition_scores(&self, nomination_id: i64) -> Result<Vec<StoredScore>> {
        let rows = sqlx::query(
            "SELECT s.panelist_id, p.display_name, s.scores, s.comment, s.updated_at FROM recognition_scores s \
             JOIN people p ON p.id = s.panelist_id WHERE s.nomination_id = $1 ORDER BY p.display_name, s.id",
        )
        .bind(nomination_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(StoredScore {
                    panelist_name: get(r, "display_name")?,
                    set: ScoreSet {
                        panelist: get(r, "panelist_id")?,
                        scores: json_column(
                            "recognition_scores",
                            "scores",
                            &get::<String>(r, "scores")?,
                        )?,
                        comment: get(r, "comment")?,
                    },
                    updated_at: get_time(r, "recognition_scores", "updated_at")?,
                })
            })
            .collect()
    }

    /// Records (or replaces) a panelist's scores. A recused panelist is refused here too, inside the
    /// transaction. The award enters review with the first score. Audited.
    pub async fn score_nomination(
        &self,
        nomination_id: i64,
        set: &ScoreSet,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let recused: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM recognition_recusals WHERE nomination_id = $1 AND person_id = $2",
        )
        .bind(nomination_id)
        .bind(set.panelist)
        .fetch_one(&mut *tx)
        .await?;
        if recused > 0 {
            return Err(ValidationErrors::single("scores", "recused").into());
        }
        let decided: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM recognition_nominations WHERE id = $1")
                .bind(nomination_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        if decided.is_some() {
            return Err(ValidationErrors::single("scores", "invalid-transition").into());
        }
        let stamp = self.stamp();
        sqlx::query(
            "INSERT INTO recognition_scores (nomination_id, panelist_id, scores, comment, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (nomination_id, panelist_id) DO UPDATE SET \
             scores = $3, comment = $4, updated_at = $5",
        )
        .bind(nomination_id)
        .bind(set.panelist)
        .bind(serde_json::to_string(&set.scores).unwrap_or_default())
        .bind(&set.comment)
        .bind(&stamp)
        .execute(&mut *tx)
        .await?;
        let (award_id, award) = award_of_nomination(&mut tx, nomination_id).await?;
        if award.state == AwardState::Nominated {
            let next = transition(
                &award,
                &AwardEvent::ReviewStarted,
                self.now().date_naive(),
                &TermRules::default(),
            )
            .map_err(|e| ValidationErrors::single("state", e.code()))?;
            save_award(
                &mut tx,
                award_id,
                &next,
                &crate::shown_label(&who.label),
                &stamp,
            )
            .await?;
        }
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.score", "recognition_nomination", nomination_id)
                    .after(serde_json::to_value(set).unwrap_or_default()),
            ],
        )
        .await
    }

    pub async fn recognition_comments(&self, nomination_id: i64) -> Result<Vec<PanelComment>> {
        let rows = sqlx::query(
            "SELECT c.person_id, p.display_name, c.body, c.created_at FROM recognition_comments c \
             JOIN people p ON p.id = c.person_id WHERE c.nomination_id = $1 ORDER BY c.created_at, c.id",
        )
        .bind(nomination_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PanelComment {
                    person_id: get(r, "person_id")?,
                    name: get(r, "display_name")?,
                    body: get(r, "body")?,
                    created_at: get_time(r, "recognition_comments", "created_at")?,
                })
            })
            .collect()
    }

    /// Adds to the panel's discussion of a nomination. Audited.
    pub async fn comment_nomination(
        &self,
        nomination_id: i64,
        person_id: i64,
        body: &str,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO recognition_comments (nomination_id, person_id, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(nomination_id)
        .bind(person_id)
        .bind(body)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new(
                "recognition.comment",
                "recognition_nomination",
                nomination_id,
            )
            .after(serde_json::json!({"body": body}))],
        )
        .await
    }

    /// Who an award would go to, and what it is for: what a credential needs before it is signed.
    pub async fn award_subject(&self, nomination_id: i64) -> Result<AwardSubject> {
        let n = self
            .recognition_nomination(nomination_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let category = self
            .recognition_category(n.category_id)
            .await?
            .ok_or(StoreError::NotFound)?;
        let (holder_email, holder_url) = match n.nomination.nominee {
            Nominee::Person(p) => (self.person(p).await?.map(|p| p.email), None),
            Nominee::Organization(o) => {
                let slug: Option<String> =
                    sqlx::query_scalar("SELECT slug FROM partners WHERE id = $1")
                        .bind(o)
                        .fetch_optional(&self.reader)
                        .await?;
                (None, slug.map(|s| format!("/partners/{s}")))
            }
        };
        Ok(AwardSubject {
            holder_name: n.nominee_name,
            holder_email,
            holder_url,
            category,
            cycle_year: n.nomination.cycle_year,
        })
    }

    /// The panel's decision (admins record it once the quorum is met; the caller checks
    /// `may_decide`). An award starts its first term today and its credential, signed by the caller,
    /// is stored with it; a decline records the rationale as the reason. Audited.
    pub async fn decide_nomination(
        &self,
        nomination_id: i64,
        decision: &Decision,
        credential: Option<&NewCredential>,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let decided: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM recognition_nominations WHERE id = $1")
                .bind(nomination_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let today = self.now().date_naive();
        // Decided once: overturning a decline needs an appeal, which is not part of this yet.
        if decided.is_some() {
            return Err(ValidationErrors::single("outcome", "invalid-transition").into());
        }
        let stamp = self.stamp();
        sqlx::query(
            "UPDATE recognition_nominations SET outcome = $1, rationale = $2, decided_at = $3, decided_by = $4, \
             updated_at = $3 WHERE id = $5",
        )
        .bind(decision.outcome.slug())
        .bind(&decision.rationale)
        .bind(&stamp)
        .bind(who.person_id)
        .bind(nomination_id)
        .execute(&mut *tx)
        .await?;
        let (award_id, mut award) = award_of_nomination(&mut tx, nomination_id).await?;
        let rules = TermRules::default();
        let by = crate::shown_label(&who.label);
        let events: Vec<AwardEvent> = match decision.outcome {
            Outcome::Award => {
                let mut e = vec![];
                if award.state == AwardState::Nominated {
                    e.push(AwardEvent::ReviewStarted);
                }
                e.push(AwardEvent::Awarded { on: today });
                e.push(AwardEvent::Started { on: today });
                e
            }
            Outcome::Decline => {
                let mut e = vec![];
                if award.state == AwardState::Nominated {
                    e.push(AwardEvent::ReviewStarted);
                }
                e.push(AwardEvent::Declined {
                    reason: decision.rationale.clone(),
                });
                e
            }
        };
        for e in &events {
            award = transition(&award, e, today, &rules)
                .map_err(|err| ValidationErrors::single("outcome", err.code()))?;
            save_award(&mut tx, award_id, &award, &by, &stamp).await?;
        }
        if let (Outcome::Award, Some(c)) = (decision.outcome, credential) {
            insert_credential(&mut tx, award_id, c, &stamp).await?;
        }
        if let Outcome::Award = decision.outcome {
            bump_directory_version(&mut tx).await?;
        }
        tx.commit(
            who,
            [AuditEvent::new(
                "recognition.decide",
                "recognition_nomination",
                nomination_id,
            )
            .after(serde_json::json!({
                "outcome": decision.outcome.slug(),
                "rationale": decision.rationale,
                "award_id": award_id,
                "credential": credential.map(|c| c.uuid.clone()),
            }))],
        )
        .await
    }

    /// Awards, with the calendar applied as of today (a term that ended is in grace).
    pub async fn recognition_awards(&self) -> Result<Vec<StoredAward>> {
        let today = self.now().date_naive();
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        let rows = sqlx::query(&format!(
            "{AWARD_COLUMNS} ORDER BY a.cycle_year DESC, holder_name, a.id"
        ))
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                let mut a = award_row(r)?;
                a.award = state_on(&a.award, today, &rules);
                Ok(a)
            })
            .collect()
    }

    pub async fn recognition_award(&self, id: i64) -> Result<Option<StoredAward>> {
        let today = self.now().date_naive();
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        let r = sqlx::query(&format!("{AWARD_COLUMNS} WHERE a.id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        r.as_ref()
            .map(|r| {
                let mut a = award_row(r)?;
                a.award = state_on(&a.award, today, &rules);
                Ok(a)
            })
            .transpose()
    }

    pub async fn award_history(&self, award_id: i64) -> Result<Vec<AwardHistory>> {
        let t = "recognition_award_history";
        sqlx::query("SELECT state, reason, at, by_label FROM recognition_award_history WHERE award_id = $1 ORDER BY id")
            .bind(award_id)
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                Ok(AwardHistory {
                    state: parse_column(t, "state", &get::<String>(r, "state")?, AwardState::parse)?,
                    reason: get(r, "reason")?,
                    at: get_time(r, t, "at")?,
                    by: crate::shown_label(&get::<String>(r, "by_label")?),
                })
            })
            .collect()
    }

    /// Applies a panel or admin event to an award (renew, lapse, emeritus, revoke), after the
    /// calendar's own events; `credential` is the renewed term's new credential. Audited.
    pub async fn change_award(
        &self,
        award_id: i64,
        event: &AwardEvent,
        credential: Option<&NewCredential>,
        who: &Who,
    ) -> Result<Award> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let record: String =
            sqlx::query_scalar("SELECT record FROM recognition_awards WHERE id = $1")
                .bind(award_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let award: Award = json_column(A, "record", &record)?;
        let today = self.now().date_naive();
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        let by = crate::shown_label(&who.label);
        let stamp = self.stamp();
        let mut current = award.clone();
        for e in agora_domain::recognition::award::due_events(&award, today, &rules) {
            current = transition(&current, &e, today, &rules)
                .map_err(|err| ValidationErrors::single("state", err.code()))?;
            save_award(&mut tx, award_id, &current, "system", &stamp).await?;
        }
        let next = transition(&current, event, today, &rules)
            .map_err(|err| ValidationErrors::single("state", err.code()))?;
        save_award(&mut tx, award_id, &next, &by, &stamp).await?;
        if let Some(c) = credential {
            insert_credential(&mut tx, award_id, c, &stamp).await?;
        }
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.award_change", "recognition_award", award_id)
                    .before(award_json(&current))
                    .after(award_json(&next)),
            ],
        )
        .await?;
        Ok(next)
    }

    /// Suspends an award (its credential shows as suspended in any verifier) or lifts the
    /// suspension. Audited with the reason.
    pub async fn suspend_award(
        &self,
        award_id: i64,
        suspended: bool,
        reason: &str,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let n = sqlx::query("UPDATE recognition_awards SET suspended = $1, updated_at = $2 WHERE id = $3 AND suspended <> $1")
            .bind(i64::from(suspended))
            .bind(self.stamp())
            .bind(award_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(());
        }
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new(
                if suspended {
                    "recognition.suspend"
                } else {
                    "recognition.unsuspend"
                },
                "recognition_award",
                award_id,
            )
            .after(serde_json::json!({"reason": reason}))],
        )
        .await
    }

    pub async fn recognition_credential(&self, uuid: &str) -> Result<Option<StoredCredential>> {
        let r = sqlx::query("SELECT uuid, award_id, document, issued_at FROM recognition_credentials WHERE uuid = $1")
            .bind(uuid)
            .fetch_optional(&self.reader)
            .await?;
        r.as_ref()
            .map(|r| {
                Ok(StoredCredential {
                    uuid: get(r, "uuid")?,
                    award_id: get(r, "award_id")?,
                    document: get(r, "document")?,
                    issued_at: get_time(r, "recognition_credentials", "issued_at")?,
                })
            })
            .transpose()
    }

    /// Status list entries that are set: (index, revoked, suspended), for awards issued a credential.
    pub async fn credential_statuses(&self) -> Result<Vec<(i64, bool, bool)>> {
        let rows = sqlx::query(
            "SELECT status_index, state, suspended FROM recognition_awards WHERE status_index IS NOT NULL \
             AND (state = 'revoked' OR suspended = 1)",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                let state: String = get(r, "state")?;
                Ok((
                    get(r, "status_index")?,
                    state == "revoked",
                    get::<i64>(r, "suspended")? != 0,
                ))
            })
            .collect()
    }

    pub async fn credential_keys(&self) -> Result<Vec<CredentialKey>> {
        sqlx::query("SELECT * FROM credential_keys ORDER BY id")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(key_row)
            .collect()
    }

    /// Adds a signing key (the first, or a rotation: the previous current key is retired and stays
    /// published). With `first`, nothing happens when a current key exists: concurrent first uses
    /// make one key. Audited without the secret.
    pub async fn add_credential_key(
        &self,
        fragment: &str,
        public_key: &str,
        secret_key: &str,
        first: bool,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        if first {
            let current: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM credential_keys WHERE retired_at IS NULL AND removed_at IS NULL",
            )
            .fetch_one(&mut *tx)
            .await?;
            if current > 0 {
                return Ok(());
            }
        }
        let stamp = self.stamp();
        sqlx::query("UPDATE credential_keys SET retired_at = $1 WHERE retired_at IS NULL AND removed_at IS NULL")
            .bind(&stamp)
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO credential_keys (fragment, public_key, secret_key, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(fragment)
        .bind(public_key)
        .bind(secret_key)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| taken(e, "fragment"))?;
        tx.commit(
            who,
            [AuditEvent::new("recognition.key_add", "credential_key", id)
                .after(serde_json::json!({"fragment": fragment, "public_key": public_key}))],
        )
        .await
    }

    /// Withdraws a key from the DID document (it was compromised): what it signed stops verifying.
    pub async fn remove_credential_key(&self, id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query("UPDATE credential_keys SET removed_at = $1, retired_at = COALESCE(retired_at, $1) WHERE id = $2 AND removed_at IS NULL")
            .bind(self.stamp())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(
            who,
            [AuditEvent::new(
                "recognition.key_remove",
                "credential_key",
                id,
            )],
        )
        .await
    }

    pub async fn hall_of_fame_choice(&self, person_id: i64) -> Result<HallOfFame> {
        let v: Option<String> = sqlx::query_scalar(
            "SELECT hall_of_fame FROM recognition_profiles WHERE person_id = $1",
        )
        .bind(person_id)
        .fetch_optional(&self.reader)
        .await?;
        v.map(|v| {
            parse_column(
                "recognition_profiles",
                "hall_of_fame",
                &v,
                HallOfFame::parse,
            )
        })
        .transpose()
        .map(Option::unwrap_or_default)
    }

    /// What a member shows in the hall of fame (their own choice). Audited.
    pub async fn set_hall_of_fame(
        &self,
        person_id: i64,
        choice: HallOfFame,
        who: &Who,
    ) -> Result<()> {
        let before = self.hall_of_fame_choice(person_id).await?;
        if before == choice {
            return Ok(());
        }
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO recognition_profiles (person_id, hall_of_fame, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id) DO UPDATE SET hall_of_fame = $2, updated_at = $3",
        )
        .bind(person_id)
        .bind(choice.slug())
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.hall_of_fame", "person", person_id)
                    .before(serde_json::json!({"hall_of_fame": before.slug()}))
                    .after(serde_json::json!({"hall_of_fame": choice.slug()})),
            ],
        )
        .await
    }

    /// The public hall of fame: current members (and lifetime members) who chose to be shown, and
    /// recognized partner organizations (active partners), once their cycle is announced.
    pub async fn hall_of_fame(&self) -> Result<Vec<FameEntry>> {
        let today = self.now().date_naive();
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        let rows = sqlx::query(&format!(
            "SELECT x.*, y.announce_on, pr.hall_of_fame, pa2.status AS partner_status, \
             (SELECT MIN(o.name) FROM role_grants g JOIN partners o ON o.id = g.scope_id \
              WHERE g.person_id = x.person_id AND g.scope_kind = 'partner' AND o.status = 'active') AS organization \
             FROM ({AWARD_COLUMNS}) x LEFT JOIN recognition_cycles y ON y.year = x.cycle_year \
             LEFT JOIN recognition_profiles pr ON pr.person_id = x.person_id \
             LEFT JOIN partners pa2 ON pa2.id = x.partner_id \
             ORDER BY x.cycle_year DESC, x.category_slug, x.holder_name"
        ))
        .fetch_all(&self.reader)
        .await?;
        let mut out = vec![];
        for r in &rows {
            let mut a = award_row(r)?;
            a.award = state_on(&a.award, today, &rules);
            let announced = get::<Option<String>>(r, "announce_on")?
                .map(|d| parse_column("recognition_cycles", "announce_on", &d, date))
                .transpose()?
                .is_none_or(|d| d <= today);
            if !announced || a.suspended || !a.award.is_current_on(today, &rules) {
                continue;
            }
            let entry = if a.person_id.is_some() {
                let choice = get::<Option<String>>(r, "hall_of_fame")?
                    .map(|v| {
                        parse_column(
                            "recognition_profiles",
                            "hall_of_fame",
                            &v,
                            HallOfFame::parse,
                        )
                    })
                    .transpose()?
                    .unwrap_or_default();
                if !choice.shows_name() {
                    continue;
                }
                FameEntry {
                    award_id: a.id,
                    category_slug: a.category_slug,
                    category_name: a.category_name,
                    cycle_year: a.cycle_year,
                    kind: a.award.kind,
                    name: a.holder_name,
                    organization: if choice.shows_organization() {
                        get(r, "organization")?
                    } else {
                        None
                    },
                    credential: if choice.shows_credential() {
                        a.credential
                    } else {
                        None
                    },
                }
            } else {
                if get::<Option<String>>(r, "partner_status")?.as_deref() != Some("active") {
                    continue;
                }
                FameEntry {
                    award_id: a.id,
                    category_slug: a.category_slug,
                    category_name: a.category_name,
                    cycle_year: a.cycle_year,
                    kind: a.award.kind,
                    name: a.holder_name,
                    organization: None,
                    credential: a.credential,
                }
            };
            out.push(entry);
        }
        Ok(out)
    }

    /// A person's evidence: (year, kind, count) from the activity ledger, their mentorships and the
    /// attestations they received.
    pub async fn recognition_evidence(
        &self,
        person_id: i64,
    ) -> Result<Vec<(i32, EvidenceKind, u64)>> {
        let mut out = vec![];
        let rows = sqlx::query(
            "SELECT SUBSTR(occurred_at, 1, 4) AS year, kind, COUNT(*) AS n FROM activity WHERE person_id = $1 \
             GROUP BY SUBSTR(occurred_at, 1, 4), kind",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        for r in &rows {
            let year: String = get(r, "year")?;
            let year: i32 = parse_column("activity", "occurred_at", &year, str::parse)?;
            let kind = parse_column(
                "activity",
                "kind",
                &get::<String>(r, "kind")?,
                ActivityKind::parse,
            )?;
            out.push((
                year,
                EvidenceKind::Activity(kind),
                get::<i64>(r, "n")? as u64,
            ));
        }
        let rows = sqlx::query(
            "SELECT SUBSTR(starts_on, 1, 4) AS year, COUNT(*) AS n FROM recognition_mentorships WHERE mentor_id = $1 \
             GROUP BY SUBSTR(starts_on, 1, 4)",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        for r in &rows {
            let year: String = get(r, "year")?;
            let year: i32 =
                parse_column("recognition_mentorships", "starts_on", &year, str::parse)?;
            out.push((year, EvidenceKind::Mentorship, get::<i64>(r, "n")? as u64));
        }
        let rows = sqlx::query(
            "SELECT year, COUNT(*) AS n FROM recognition_attestations WHERE person_id = $1 GROUP BY year",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        for r in &rows {
            let year = i32::try_from(get::<i64>(r, "year")?).unwrap_or_default();
            out.push((year, EvidenceKind::Attestation, get::<i64>(r, "n")? as u64));
        }
        out.sort_by_key(|(y, k, _)| (*y, k.slug()));
        Ok(out)
    }
}

async fn award_of_nomination(
    tx: &mut crate::write::WriteTx,
    nomination_id: i64,
) -> Result<(i64, Award)> {
    let r = sqlx::query("SELECT id, record FROM recognition_awards WHERE nomination_id = $1")
        .bind(nomination_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((
        get(&r, "id")?,
        json_column(A, "record", &get::<String>(&r, "record")?)?,
    ))
}

fn taken(e: sqlx::Error, field: &'static str) -> StoreError {
    if crate::is_unique_violation(&e) {
        StoreError::Invalid(ValidationErrors::single(field, "slug-taken"))
    } else {
        e.into()
    }
}

impl Store {
    /// People who may be nominated: accounts in use (invitation accepted, not disabled), by name.
    pub async fn nominable_people(&self) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT id, display_name FROM people WHERE password_hash IS NOT NULL AND disabled_at IS NULL \
             ORDER BY display_name, id",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| Ok((get(r, "id")?, get(r, "display_name")?)))
            .collect()
    }

    /// The places in the status lists already given to awards (a new award draws another).
    pub async fn used_status_indexes(&self) -> Result<std::collections::HashSet<i64>> {
        let v: Vec<i64> = sqlx::query_scalar(
            "SELECT status_index FROM recognition_awards WHERE status_index IS NOT NULL",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(v.into_iter().collect())
    }
}

impl Store {
    /// A person's evidence between two days (inclusive): activity per kind, mentorships begun and
    /// attestations received, for the annual evaluation's retention rule.
    pub async fn recognition_summary(
        &self,
        person_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<agora_domain::recognition::ActivitySummary> {
        let mut summary = agora_domain::recognition::ActivitySummary::default();
        let (start, end) = (from.to_string(), format!("{to}T23:59:59.999Z"));
        let rows = sqlx::query(
            "SELECT kind, COUNT(*) AS n FROM activity WHERE person_id = $1 AND occurred_at >= $2 \
             AND occurred_at <= $3 GROUP BY kind",
        )
        .bind(person_id)
        .bind(&start)
        .bind(&end)
        .fetch_all(&self.reader)
        .await?;
        for r in &rows {
            let kind = parse_column(
                "activity",
                "kind",
                &get::<String>(r, "kind")?,
                ActivityKind::parse,
            )?;
            summary
                .activity
                .insert(kind, get::<i64>(r, "n")?.max(0) as u64);
        }
        let mentorships: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM recognition_mentorships WHERE mentor_id = $1 AND starts_on <= $2 \
             AND (ends_on IS NULL OR ends_on >= $3)",
        )
        .bind(person_id)
        .bind(to.to_string())
        .bind(from.to_string())
        .fetch_one(&self.reader)
        .await?;
        summary.mentorships = mentorships.max(0) as u64;
        let attestations: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM recognition_attestations WHERE person_id = $1 AND year >= $2 AND year <= $3",
        )
        .bind(person_id)
        .bind(i64::from(chrono::Datelike::year(&from)))
        .bind(i64::from(chrono::Datelike::year(&to)))
        .fetch_one(&self.reader)
        .await?;
        summary.attestations = attestations.max(0) as u64;
        Ok(summary)
    }
}
