//! Agora's storage: one implementation over sqlx's `Any` driver that runs unchanged on SQLite (the
//! embedded default) and PostgreSQL. The few real differences between the two live in [`Dialect`].
//!
//! Every query Agora runs is a method of [`Store`]; nothing above this crate sees SQL. Methods that change
//! state take the acting person and write the audit entry in the same transaction as the change, so a
//! change is never recorded without happening or happen without being recorded: the write transaction
//! (`write::WriteTx`) commits only with its audit events. Every time the store stamps comes from its
//! [`Clock`].

mod activity;
mod audit;
mod benefits;
mod clock;
mod contributions;
mod courses;
mod deals;
mod event_guests;
mod events;
mod governance;
mod groups;
mod identities;
mod jobs;
mod leads;
mod migrate;
mod notifications;
mod obligations;
mod outbox;
mod partners;
mod partnerships;
mod people;
mod rate_limit;
mod recognition;
mod regions;
mod settings;
mod sql;
#[cfg(feature = "testing")]
pub mod testing;
mod tokens;
mod write;

pub use activity::ActivityEntry;
pub use audit::{AuditFilter, VerifyReport};
pub use benefits::{
    ProgramParticipant, StoredProgram, StoredTraining, TrainingOpen, REOPEN_MINUTES,
};
pub use clock::Clock;
pub use contributions::{
    ApprovedCounts, Contribution, ContributionEvent, ContributionVersion, EventKind, PartnerRef,
    ShowcaseFilter, ShowcaseItem, Topic,
};
pub use courses::{
    open_log, Course, CourseFacts, MalformedLine, OverdueItem, Plan, PlanRole, PlanShare,
    RoadmapItem, StoredMeasure, TrackingReport,
};
pub use deals::StoredDeal;
pub use event_guests::{EventGuest, GuestAsked, GuestRequest};
pub use events::{EventFilter, EventReader, Organizer, Registrant, StoredEvent};
pub use governance::{
    count_vote, BallotChoice, Body, Comment, Decision, DecisionSummary, Delegates, Elector,
    GovernanceReport, NewBody, PendingDecision, StanceRow, StoredBallot, Version, SITE,
};
pub use groups::{
    Attendee, CrossValidator, DueKeyResult, FacilitatorTerm, Group, GroupLink, GroupMember,
    GroupUpdate, HoursEntry, HoursReminderReport, JoinRequest, MeetingSeries, MemberMonth,
    Objective, ObjectiveComment, ObjectiveLink, OccurrenceNotes, OrganizationRef, Participant,
    ProposedObjective, RotationReport, Sponsor, StoredCheckIn, StoredInitiative, StoredKeyResult,
    StoredOutput, UpdateReminderReport, UpdateSchedule,
};
pub use identities::{
    IdentityCandidate, OutsideImport, OutsideImportWriter, OutsidePreparer, PreparedOutside,
};
pub use jobs::JobRun;
pub use leads::{
    lead_reference, Allocation, Confirmation, DryRun, Funnel, Intake, JobReport, Lead, LeadFilter,
    LeadSummary, ManualOffer, MonthlyShare, Offer, OfferUpdate, PolicyVersion, ReferralStats,
    Referrer, ReportCounts, RequesterStatus, ShareChange, StoredExplanation, Submission,
    WaitingOffer, DRY_RUN_LEADS,
};
pub use notifications::{DigestReport, NotificationGroup};
pub use obligations::{
    ClientDeclaration, DecisionRef, ObligationPolicyVersion, ObligationReminder, PartnerName,
};
pub use outbox::{set_mail_renderer, Mail, MailRenderer, OutboxMessage};
pub use partners::{ImportRow, Invitation, Partner, StatusChange};
pub use partnerships::StoredPartnership;
pub use people::{Person, PersonWithGrants};
pub use rate_limit::RateDelta;
pub use recognition::{
    Attestation, AwardHistory, AwardPlace, AwardSubject, CredentialKey, DashboardFacts, FameEntry,
    Mentorship, NewCredential, OpenAppeal, PanelComment, RecognitionSettings, Recusal,
    StoredAppeal, StoredAward, StoredCategory, StoredCredential, StoredCycle, StoredDeliverable,
    StoredNomination, StoredScore,
};
pub use tokens::{ApiTokenInfo, ApiTokenOwner, Redeemed, SessionRecord, TokenPurpose};

use agora_domain::ValidationErrors;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor};
use std::sync::Arc;
use std::time::Duration;

/// What queries inside a write run on (a `WriteTx` or `Bookkeeping` dereferences to it).
pub(crate) type Tx = sqlx::AnyConnection;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// The request is well-formed but breaks a rule (slug taken, status change not allowed, …).
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(String),
    #[error("{0}")]
    Config(String),
    /// A stored value that does not read back as what its column holds: never replaced by a default.
    #[error("corrupt value {value:?} in {table}.{column}")]
    Corrupt {
        table: &'static str,
        column: &'static str,
        value: String,
    },
    /// A write transaction was committed without an audit event (a defect in the store, never the
    /// caller's input); nothing was changed.
    #[error("a write was committed without an audit entry")]
    Unaudited,
}

/// Reads a stored text column with `parse`; a value that does not parse is `StoreError::Corrupt`
/// naming the table and column.
pub(crate) fn parse_column<T, E>(
    table: &'static str,
    column: &'static str,
    value: &str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    parse(value).map_err(|_| corrupt(table, column, value))
}

/// The error for a stored value of `table.column` that does not read back (see `parse_column`).
pub(crate) fn corrupt(table: &'static str, column: &'static str, value: &str) -> StoreError {
    StoreError::Corrupt {
        table,
        column,
        value: value.chars().take(64).collect(),
    }
}

/// A stored RFC 3339 time (see `parse_column`).
pub(crate) fn time_column(
    table: &'static str,
    column: &'static str,
    value: &str,
) -> Result<chrono::DateTime<chrono::Utc>> {
    parse_column(table, column, value, |v| parse_time(v).ok_or(()))
}

/// A stored JSON document (see `parse_column`).
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(
    table: &'static str,
    column: &'static str,
    value: &str,
) -> Result<T> {
    parse_column(table, column, value, |v| serde_json::from_str(v))
}

/// A stored optional RFC 3339 time (see `parse_column`).
pub(crate) fn opt_time_column(
    table: &'static str,
    column: &'static str,
    value: Option<&str>,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    value.map(|v| time_column(table, column, v)).transpose()
}

/// The time in `row`'s column `column` of `table` (the row's name for it is the column's name).
pub(crate) fn get_time(
    row: &AnyRow,
    table: &'static str,
    column: &'static str,
) -> Result<chrono::DateTime<chrono::Utc>> {
    time_column(table, column, &get::<String>(row, column)?)
}

/// The time in `row`'s nullable column `column` of `table`.
pub(crate) fn get_opt_time(
    row: &AnyRow,
    table: &'static str,
    column: &'static str,
) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    opt_time_column(
        table,
        column,
        get::<Option<String>>(row, column)?.as_deref(),
    )
}

/// The value of `row`'s text column `column` of `table` read with `parse` (a status, a kind).
pub(crate) fn get_parsed<T, E>(
    row: &AnyRow,
    table: &'static str,
    column: &'static str,
    parse: impl FnOnce(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    parse_column(table, column, &get::<String>(row, column)?, parse)
}

/// Times in JSON as they are stored: RFC 3339 UTC with milliseconds (`format_time`), whatever the
/// fraction (chrono's own serialisation drops a zero one). Use with `#[serde(serialize_with = …)]`.
pub mod json_time {
    use chrono::{DateTime, Utc};

    pub fn serialize<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::format_time(*t))
    }

    pub fn option<S: serde::Serializer>(
        t: &Option<DateTime<Utc>>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => serialize(t, s),
            None => s.serialize_none(),
        }
    }
}

/// An offer's stored status.
pub(crate) fn offer_status(value: &str) -> Result<agora_domain::leads::OfferStatus> {
    parse_column(
        "lead_offers",
        "status",
        value,
        agora_domain::leads::OfferStatus::parse,
    )
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<agora_domain::pagination::PageOutOfRange> for StoreError {
    fn from(_: agora_domain::pagination::PageOutOfRange) -> Self {
        StoreError::NotFound
    }
}

/// The SQL dialect behind the pool: only what genuinely differs between the databases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// SQLite must take the write lock when a write transaction starts: a deferred transaction that later
    /// upgrades fails at once with SQLITE_BUSY instead of waiting.
    fn begin_write(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        }
    }

    /// Serialises writers of one kind (the audit chain, migrations) across processes. SQLite needs
    /// nothing: `BEGIN IMMEDIATE` already admits one writer at a time.
    async fn lock(self, tx: &mut Tx, key: i64) -> Result<()> {
        if self == Dialect::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        Ok(())
    }

    fn primary_key(self) -> &'static str {
        match self {
            Dialect::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
            Dialect::Postgres => "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        }
    }

    /// The table option that stores a table by its primary key alone (SQLite's clustered tables;
    /// PostgreSQL has none).
    fn without_rowid(self) -> &'static str {
        match self {
            Dialect::Sqlite => " WITHOUT ROWID",
            Dialect::Postgres => "",
        }
    }

    /// Case-insensitive substring match (PostgreSQL's LIKE is case-sensitive).
    fn ilike(self) -> &'static str {
        match self {
            Dialect::Sqlite => "LIKE",
            Dialect::Postgres => "ILIKE",
        }
    }
}

const LOCK_AUDIT: i64 = 0x4147_0001;
const LOCK_MIGRATE: i64 = 0x4147_0002;

/// Two handles on one database.
///
/// - `writer` is for **writes** (and anything inside a write transaction). On SQLite it holds a single
///   connection, so writers queue in the pool (a fair, async wait) instead of holding pooled connections
///   while they wait for SQLite's one write lock; that wait used to exhaust the pool under concurrent
///   anonymous load and end in 500s.
/// - `reader` is for reads that need no transaction with a write. On SQLite its connections are
///   `query_only`, so a write sent there by mistake fails loudly in tests instead of queueing for the
///   lock. On PostgreSQL both handles are the same pool.
///
/// Only `write` reaches the writer: an audited `WriteTx` or a named bookkeeping path.
///
/// Clones share the pools and the clock.
#[derive(Clone, Debug)]
pub struct Store {
    writer: write::Writer,
    reader: AnyPool,
    dialect: Dialect,
    clock: Arc<Clock>,
}

/// Who made a change, as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Who {
    pub person_id: Option<i64>,
    pub label: String,
}

impl Who {
    pub fn system() -> Self {
        Self {
            person_id: None,
            label: "system".into(),
        }
    }

    pub fn anonymous() -> Self {
        Self {
            person_id: None,
            label: "anonymous".into(),
        }
    }

    pub fn person(id: i64, email: &str) -> Self {
        Self {
            person_id: Some(id),
            label: email.into(),
        }
    }
}

/// The name shown for whoever acts, on public pages, feeds, histories and in emails: a person's
/// display name, never their address (`Who::label` is the address, which only the audit log keeps).
pub(crate) async fn public_name(tx: &mut Tx, who: &Who) -> Result<String> {
    let name: Option<String> = match who.person_id {
        Some(id) => {
            sqlx::query_scalar("SELECT display_name FROM people WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
        }
        None => None,
    };
    Ok(name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| shown_label(&who.label)))
}

/// A stored label as shown in public: an address (of someone no longer in `people`) reads as
/// [`FORMER_MEMBER`]; a name or "system" as it is.
pub(crate) fn shown_label(label: &str) -> String {
    if label.contains('@') {
        FORMER_MEMBER.to_string()
    } else {
        label.to_string()
    }
}

/// Stands for someone whose account is gone; matches migration 0006.
pub(crate) const FORMER_MEMBER: &str = "former member";

/// A time as stored: RFC 3339 UTC with milliseconds, so text order is time order.
pub fn format_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Reads a stored time back; `None` for text that is not RFC 3339.
/// A stored day (`YYYY-MM-DD`), for `parse_column`.
pub(crate) fn date(s: &str) -> std::result::Result<chrono::NaiveDate, chrono::ParseError> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
}

pub(crate) fn parse_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&chrono::Utc))
}

impl Store {
    /// Opens a database by URL (`sqlite://path` or `postgres://…`). Does not migrate.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else {
            return Err(StoreError::Config(
                "the database URL must start with sqlite: or postgres:".into(),
            ));
        };
        if dialect == Dialect::Postgres {
            let pool = AnyPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            return Ok(Self {
                reader: pool.clone(),
                writer: write::Writer::new(pool),
                dialect,
                clock: Arc::default(),
            });
        }
        // The writer is connected first: it creates the file and switches it to WAL, which persists.
        let pool = sqlite_pool(1, false).connect(url).await?;
        let reader = sqlite_pool(max_connections.max(1), true)
            .connect(url)
            .await?;
        Ok(Self {
            writer: write::Writer::new(pool),
            reader,
            dialect,
            clock: Arc::default(),
        })
    }

    /// Opens (creating if needed) the embedded database in `dir`.
    pub async fn open_sqlite_dir(dir: &std::path::Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Config(format!("cannot create {}: {e}", dir.display())))?;
        let url = sqlite_url(&dir.join("agora.db"));
        Self::connect(&url, 8).await
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    pub async fn migrate(&self) -> Result<Vec<String>> {
        migrate::run(self).await
    }

    /// The clock this store stamps times with, shared with whoever moves or reads it (the web layer).
    pub fn clock(&self) -> Arc<Clock> {
        self.clock.clone()
    }

    /// Now, by the store's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Now as stored (see `format_time`).
    pub(crate) fn stamp(&self) -> String {
        format_time(self.now())
    }

    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }

    /// Creates a database on this PostgreSQL server (throwaway databases of tests and benchmarks).
    pub async fn create_database(&self, name: &str) -> Result<()> {
        self.admin_database("CREATE", name).await
    }

    pub async fn drop_database(&self, name: &str) -> Result<()> {
        self.admin_database("DROP", name).await
    }

    async fn admin_database(&self, verb: &str, name: &str) -> Result<()> {
        if self.dialect != Dialect::Postgres
            || name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(StoreError::Config(format!(
                "cannot {verb} database {name:?}: PostgreSQL and a plain lowercase name only"
            )));
        }
        // FORCE ends the connections a finished test's pools still hold (PostgreSQL 13 and later).
        let (before, after) = if verb == "DROP" {
            (" IF EXISTS", " WITH (FORCE)")
        } else {
            ("", "")
        };
        sqlx::query(&format!("{verb} DATABASE{before} {name}{after}"))
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }

    /// A consistent copy of the live SQLite database, taken without stopping the server.
    pub async fn backup_sqlite(&self, dest: &std::path::Path) -> Result<()> {
        if self.dialect != Dialect::Sqlite {
            return Err(StoreError::Config(
                "agora backup copies the embedded SQLite database; for PostgreSQL use pg_dump"
                    .into(),
            ));
        }
        if dest.exists() {
            return Err(StoreError::Config(format!(
                "{} already exists",
                dest.display()
            )));
        }
        let path = dest
            .to_str()
            .ok_or_else(|| StoreError::Config("backup path is not UTF-8".into()))?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }
}

/// SQLite pool options. Writers wait for the write lock in the pool, not in SQLite: the one writer
/// connection never meets a competing writer of its own process, so `busy_timeout` only covers other
/// processes (an `agora` command run beside the server).
fn sqlite_pool(max_connections: u32, read_only: bool) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if read_only {
                    conn.execute("PRAGMA query_only = ON").await?;
                } else {
                    // WAL lets readers run beside the writer; FULL makes every acknowledged commit durable.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    // A statement that writes many rows keeps a journal of the pages it changed
                    // (to undo itself alone): in a temporary file that was one write system call
                    // per page, 85,000 of them in a 200,000-row import.
                    conn.execute("PRAGMA temp_store = MEMORY").await?;
                }
                conn.execute("PRAGMA synchronous = FULL").await?;
                // SQLite's default 2 MB page cache made a bulk import re-read its index pages from
                // the WAL and the OS (measured: most of a 200,000-row import); pages are only taken
                // as they are used, so idle connections cost nothing.
                conn.execute(if read_only {
                    "PRAGMA cache_size = -16384"
                } else {
                    crate::write::WRITER_PAGE_CACHE
                })
                .await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                conn.execute("PRAGMA busy_timeout = 10000").await?;
                Ok(())
            })
        })
}

pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

fn get<T>(row: &AnyRow, col: &str) -> Result<T>
where
    T: for<'r> sqlx::Decode<'r, sqlx::Any> + sqlx::Type<sqlx::Any>,
{
    use sqlx::Row;
    Ok(row.try_get::<T, _>(col)?)
}

/// One page of `select` + `from` narrowed by `filter`, in `order`, with the total count of the filter.
/// `from` must not multiply rows (joins one-to-one), so that the count matches the rows listed.
pub(crate) async fn fetch_page<T>(
    pool: &AnyPool,
    (select, from): (&str, &str),
    filter: &sql::Sql,
    order: &str,
    page: agora_domain::pagination::PageRequest,
    row: fn(&AnyRow) -> Result<T>,
) -> Result<agora_domain::pagination::Page<T>> {
    let mut count = sql::Sql::new(&format!("SELECT COUNT(*) AS n{from}"));
    count.extend(filter);
    let total: i64 = get(&count.query().fetch_one(pool).await?, "n")?;
    page.check(total as u64)?;
    let mut q = sql::Sql::new(&format!("{select}{from}"));
    q.extend(filter);
    q.push(&format!(" ORDER BY {order} LIMIT "))
        .bind(page.limit())
        .push(" OFFSET ")
        .bind(page.offset());
    let items = q
        .query()
        .fetch_all(pool)
        .await?
        .iter()
        .map(row)
        .collect::<Result<Vec<_>>>()?;
    Ok(agora_domain::pagination::Page::new(
        items,
        page,
        total as u64,
    ))
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}
