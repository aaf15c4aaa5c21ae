//! The activity ledger (rules in `agora_domain::activity`): append-only, keyed by person and date,
//! one entry per (source, source id). Programs append with [`append`] inside the `WriteTx` of the
//! change the entry records, so an entry exists exactly when its change does; an import of outside
//! history (git, issue 12) appends through [`Store::record_activity`].

use crate::sql::Sql;
use crate::write::Conn;
use crate::{get, get_parsed, get_time, json_column, Result, Store, StoreError};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::audit::AuditEvent;
use agora_domain::governance::Visibility;
use agora_domain::pagination::{Page, PageRequest};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

const T: &str = "activity";

/// An entry as read back.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ActivityEntry {
    pub id: i64,
    pub person_id: i64,
    pub source: ActivitySource,
    pub source_id: String,
    pub kind: ActivityKind,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub occurred_at: DateTime<Utc>,
    /// The group it happened in, if any (and if it still exists).
    pub group: Option<crate::GroupLink>,
    #[serde(skip)]
    pub group_visibility: Option<Visibility>,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

/// Appends `a` unless an entry with its source and source id is already there. Returns whether it
/// was new. Call it inside the write that makes the change the entry records.
pub(crate) async fn append<C: Conn>(tx: &mut C, a: &NewActivity) -> Result<bool> {
    a.check().map_err(StoreError::Invalid)?;
    let n = sqlx::query(
        "INSERT INTO activity (person_id, source, source_id, kind, occurred_at, body_id, detail, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source, source_id) DO NOTHING",
    )
    .bind(a.person_id)
    .bind(a.source.slug())
    .bind(&a.source_id)
    .bind(a.kind.slug())
    .bind(crate::format_time(a.occurred_at))
    .bind(a.group_id)
    .bind(a.detail.to_string())
    .bind(tx.stamp())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(n == 1)
}

const COLUMNS: &str =
    "SELECT a.id, a.person_id, a.source, a.source_id, a.kind, a.occurred_at, a.body_id, \
    b.slug, b.name, b.visibility, a.detail";
const FROM: &str = " FROM activity a LEFT JOIN bodies b ON b.id = a.body_id";

fn entry_row(r: &AnyRow) -> Result<ActivityEntry> {
    let body_id: Option<i64> = get(r, "body_id")?;
    let slug: Option<String> = get(r, "slug")?;
    let (group, group_visibility) = match (body_id, slug) {
        (Some(id), Some(slug)) => (
            Some(crate::GroupLink {
                id,
                slug,
                name: get(r, "name")?,
            }),
            Some(get_parsed(r, "bodies", "visibility", Visibility::parse)?),
        ),
        _ => (None, None),
    };
    let person_id: Option<i64> = get(r, "person_id")?;
    Ok(ActivityEntry {
        id: get(r, "id")?,
        person_id: person_id.ok_or_else(|| crate::corrupt(T, "person_id", "NULL"))?,
        source: get_parsed(r, T, "source", ActivitySource::parse)?,
        source_id: get(r, "source_id")?,
        kind: get_parsed(r, T, "kind", ActivityKind::parse)?,
        occurred_at: get_time(r, T, "occurred_at")?,
        group,
        group_visibility,
        detail: json_column(T, "detail", &get::<String>(r, "detail")?)?,
    })
}

impl Store {
    /// Appends entries from outside the application's own writes (an import), in one audited change.
    /// Repeats are ignored; returns how many entries were new (nothing is written when none is).
    pub async fn record_activity(&self, entries: &[NewActivity], who: &crate::Who) -> Result<u64> {
        let mut tx = self.write().await?;
        let mut new = 0u64;
        let mut sources = std::collections::BTreeSet::new();
        for a in entries {
            if append(&mut tx, a).await? {
                new += 1;
                sources.insert(a.source.slug());
            }
        }
        if new == 0 {
            // Nothing new: the transaction is dropped, and no audit entry claims a change.
            return Ok(0);
        }
        tx.commit(
            who,
            [AuditEvent::new("activity.record", "activity", new)
                .after(serde_json::json!({"new": new, "sources": sources}))],
        )
        .await?;
        Ok(new)
    }

    /// A person's ledger, newest first. `groups` limits it to entries made in those groups (what a
    /// reader other than the person and the foundation may see: `activity::entry_visible`); `None`
    /// is everything.
    pub async fn activity(
        &self,
        person_id: i64,
        groups: Option<&[i64]>,
        page: PageRequest,
    ) -> Result<Page<ActivityEntry>> {
        let mut filter = Sql::new(" WHERE a.person_id = ");
        filter.bind(person_id);
        if let Some(ids) = groups {
            if ids.is_empty() {
                filter.push(" AND 1 = 0");
            } else {
                filter.push(" AND a.body_id IN ");
                filter.bind_list(ids);
            }
        }
        crate::fetch_page(
            &self.reader,
            (COLUMNS, FROM),
            &filter,
            "a.occurred_at DESC, a.id DESC",
            page,
            entry_row,
        )
        .await
    }

    /// How many entries a source holds (an import reports what it already had).
    pub async fn activity_count(&self, source: ActivitySource) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM activity WHERE source = $1")
                .bind(source.slug())
                .fetch_one(&self.reader)
                .await?,
        )
    }
}
