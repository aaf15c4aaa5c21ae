//! The foundation's partnerships (rules in `agora_domain::partnerships`). They are shown on a public
//! cached page, so every change bumps the directory version.

use crate::settings::bump_directory_version;
use crate::{date, get, get_parsed, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::partnerships::{Partnership, PartnershipKind};
use serde::Serialize;
use sqlx::any::AnyRow;

const T: &str = "partnerships";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredPartnership {
    pub id: i64,
    #[serde(flatten)]
    pub partnership: Partnership,
}

fn row(r: &AnyRow) -> Result<StoredPartnership> {
    let ended: Option<String> = get(r, "ended")?;
    Ok(StoredPartnership {
        id: get(r, "id")?,
        partnership: Partnership {
            organization: get(r, "organization")?,
            kind: get_parsed(r, T, "kind", PartnershipKind::parse)?,
            website: get(r, "website")?,
            description: get(r, "description")?,
            involvement: get(r, "involvement")?,
            since: get_parsed(r, T, "since", date)?,
            ended: ended
                .map(|e| crate::parse_column(T, "ended", &e, date))
                .transpose()?,
        },
    })
}

fn json(p: &Partnership) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or_default()
}

impl Store {
    /// Every partnership: current ones first (newest first), then ended ones.
    pub async fn partnerships(&self) -> Result<Vec<StoredPartnership>> {
        let rows = sqlx::query(
            "SELECT id, organization, kind, website, description, involvement, since, ended \
             FROM partnerships ORDER BY CASE WHEN ended IS NULL THEN 0 ELSE 1 END, since DESC, id",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(row).collect()
    }

    pub async fn partnership(&self, id: i64) -> Result<Option<StoredPartnership>> {
        let r = sqlx::query(
            "SELECT id, organization, kind, website, description, involvement, since, ended \
             FROM partnerships WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        r.as_ref().map(row).transpose()
    }

    /// Adds a partnership (admins). Audited.
    pub async fn create_partnership(&self, p: &Partnership, who: &Who) -> Result<i64> {
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO partnerships (organization, kind, website, description, involvement, since, \
             ended, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(&p.organization)
        .bind(p.kind.slug())
        .bind(&p.website)
        .bind(&p.description)
        .bind(&p.involvement)
        .bind(p.since.to_string())
        .bind(p.ended.map(|d| d.to_string()))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("partnership.create", "partnership", id).after(json(p))],
        )
        .await?;
        Ok(id)
    }

    /// Changes a partnership (admins). Audited with what it was.
    pub async fn update_partnership(&self, id: i64, p: &Partnership, who: &Who) -> Result<()> {
        let before = self.partnership(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        let n = sqlx::query(
            "UPDATE partnerships SET organization = $1, kind = $2, website = $3, description = $4, \
             involvement = $5, since = $6, ended = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&p.organization)
        .bind(p.kind.slug())
        .bind(&p.website)
        .bind(&p.description)
        .bind(&p.involvement)
        .bind(p.since.to_string())
        .bind(p.ended.map(|d| d.to_string()))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("partnership.update", "partnership", id)
                .before(json(&before.partnership))
                .after(json(p))],
        )
        .await
    }

    /// Removes a partnership entered by mistake (an ended one is marked ended instead). Audited.
    pub async fn delete_partnership(&self, id: i64, who: &Who) -> Result<()> {
        let before = self.partnership(id).await?.ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        let n = sqlx::query("DELETE FROM partnerships WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("partnership.delete", "partnership", id)
                .before(json(&before.partnership))],
        )
        .await
    }
}
