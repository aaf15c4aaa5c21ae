//! Migrations: one ordered list of SQL files shared by both databases. The only per-database texts are the
//! `{{PK}}` placeholder for an auto-incrementing 64-bit key and `{{WITHOUT_ROWID}}` (SQLite's clustered tables). Applied migrations are recorded with a
//! checksum, and a changed file is refused: migrations are append-only.

use crate::{Result, Store, StoreError, LOCK_MIGRATE};
use sha2::{Digest, Sha256};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/0001_foundation.sql"),
    ),
    (2, "leads", include_str!("../migrations/0002_leads.sql")),
    (
        3,
        "governance",
        include_str!("../migrations/0003_governance.sql"),
    ),
    (
        4,
        "secret_ballots",
        include_str!("../migrations/0004_secret_ballots.sql"),
    ),
    (
        5,
        "lead_desk",
        include_str!("../migrations/0005_lead_desk.sql"),
    ),
    (
        6,
        "public_names",
        include_str!("../migrations/0006_public_names.sql"),
    ),
    (
        7,
        "api_token_expiry",
        include_str!("../migrations/0007_api_token_expiry.sql"),
    ),
    (
        8,
        "person_language",
        include_str!("../migrations/0008_person_language.sql"),
    ),
    (
        9,
        "job_runs",
        include_str!("../migrations/0009_job_runs.sql"),
    ),
    (10, "groups", include_str!("../migrations/0010_groups.sql")),
    (
        11,
        "obligations",
        include_str!("../migrations/0011_obligations.sql"),
    ),
    (12, "okrs", include_str!("../migrations/0012_okrs.sql")),
    (
        13,
        "contributions",
        include_str!("../migrations/0013_contributions.sql"),
    ),
    (
        14,
        "meetings",
        include_str!("../migrations/0014_meetings.sql"),
    ),
    (
        15,
        "activity_and_updates",
        include_str!("../migrations/0015_activity_and_updates.sql"),
    ),
    (16, "hours", include_str!("../migrations/0016_hours.sql")),
    (17, "events", include_str!("../migrations/0017_events.sql")),
    (
        18,
        "initiatives",
        include_str!("../migrations/0018_initiatives.sql"),
    ),
    (
        19,
        "okr_proposals",
        include_str!("../migrations/0019_okr_proposals.sql"),
    ),
    (
        20,
        "notifications",
        include_str!("../migrations/0020_notifications.sql"),
    ),
    (
        21,
        "partnerships",
        include_str!("../migrations/0021_partnerships.sql"),
    ),
    (
        22,
        "event_guests",
        include_str!("../migrations/0022_event_guests.sql"),
    ),
    (23, "deals", include_str!("../migrations/0023_deals.sql")),
    (
        24,
        "obligation_reminders",
        include_str!("../migrations/0024_obligation_reminders.sql"),
    ),
    (
        25,
        "benefits",
        include_str!("../migrations/0025_benefits.sql"),
    ),
    (
        26,
        "identities",
        include_str!("../migrations/0026_identities.sql"),
    ),
    (
        27,
        "recognition",
        include_str!("../migrations/0027_recognition.sql"),
    ),
    (
        28,
        "courses",
        include_str!("../migrations/0028_courses.sql"),
    ),
    (
        29,
        "course_plans",
        include_str!("../migrations/0029_course_plans.sql"),
    ),
    (
        30,
        "course_facts_without_rowid",
        include_str!("../migrations/0030_course_facts_without_rowid.sql"),
    ),
    (
        31,
        "activity_partial_indexes",
        include_str!("../migrations/0031_activity_partial_indexes.sql"),
    ),
    (
        32,
        "course_facts_without_foreign_keys",
        include_str!("../migrations/0032_course_facts_without_foreign_keys.sql"),
    ),
    (
        33,
        "course_data_updated",
        include_str!("../migrations/0033_course_data_updated.sql"),
    ),
];

pub async fn run(store: &Store) -> Result<Vec<String>> {
    // The schema is bookkeeping: no one's change of state.
    let mut tx = store.bookkeeping(Some(LOCK_MIGRATE)).await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS agora_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, \
         checksum TEXT NOT NULL, applied_at TEXT NOT NULL)",
    )
    .execute(&mut *tx)
    .await?;
    let mut applied = vec![];
    for (version, name, text) in MIGRATIONS {
        let sql = text
            .replace("{{PK}}", store.dialect.primary_key())
            .replace("{{WITHOUT_ROWID}}", store.dialect.without_rowid());
        let checksum = hex::encode(Sha256::digest(text.as_bytes()));
        let existing: Option<String> =
            sqlx::query_scalar("SELECT checksum FROM agora_migrations WHERE version = $1")
                .bind(*version)
                .fetch_optional(&mut *tx)
                .await?;
        match existing {
            Some(c) if c == checksum => continue,
            Some(_) => {
                return Err(StoreError::Migration(format!(
                    "migration {version} ({name}) was changed after it was applied; add a new migration instead"
                )))
            }
            None => {}
        }
        for stmt in sql
            .split(";\n")
            .map(str::trim)
            .filter(|s| !s.is_empty() && !is_comment_only(s))
        {
            sqlx::query(stmt).execute(&mut *tx).await.map_err(|e| {
                StoreError::Migration(format!("migration {version} ({name}) failed: {e}\n{stmt}"))
            })?;
        }
        sqlx::query("INSERT INTO agora_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)")
            .bind(*version)
            .bind(*name)
            .bind(&checksum)
            .bind(store.stamp())
            .execute(&mut *tx)
            .await?;
        applied.push(format!("{version:04}_{name}"));
    }
    tx.commit_unaudited().await?;
    if !applied.is_empty() {
        // Seed what later code relies on existing (region map, secrets) once the schema exists.
        crate::regions::seed_default(store).await?;
        crate::settings::ensure_secret(store).await?;
        store.ensure_lead_policy().await?;
        store.ensure_bodies().await?;
        store.ensure_recognition_categories().await?;
        crate::courses::ensure_learner_key(store).await?;
    }
    Ok(applied)
}

fn is_comment_only(s: &str) -> bool {
    s.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with("--"))
}
