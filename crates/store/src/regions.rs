//! The region map lives in the database so that every instance uses the same one and admins can change
//! it without a deployment.

use crate::settings::bump_directory_version;
use crate::{get, Result, Store, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::geo::{Region, RegionMap};

pub(crate) async fn seed_default(store: &Store) -> Result<()> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM regions")
        .fetch_one(&store.reader)
        .await?;
    if count > 0 {
        return Ok(());
    }
    store
        .replace_regions(&RegionMap::default_map(), &Who::system())
        .await
}

impl Store {
    pub async fn region_map(&self) -> Result<RegionMap> {
        let rows = sqlx::query(
            "SELECT r.slug, r.name, c.country FROM regions r LEFT JOIN region_countries c ON c.region_slug = r.slug \
             ORDER BY r.position, c.country",
        )
        .fetch_all(&self.reader)
        .await?;
        let mut regions: Vec<Region> = vec![];
        for row in rows {
            let slug: String = get(&row, "slug")?;
            let country: Option<String> = get(&row, "country")?;
            if regions.last().is_none_or(|r| r.slug != slug) {
                regions.push(Region {
                    slug,
                    name: get(&row, "name")?,
                    countries: vec![],
                });
            }
            if let (Some(c), Some(r)) = (country, regions.last_mut()) {
                r.countries.push(c);
            }
        }
        RegionMap::new(regions).map_err(crate::StoreError::Config)
    }

    /// Replaces the whole region map and recomputes the regions every partner serves, in one
    /// transaction: a partner that named a region that no longer exists loses it.
    pub async fn replace_regions(&self, map: &RegionMap, who: &Who) -> Result<()> {
        let before: Vec<String> = sqlx::query_scalar("SELECT slug FROM regions ORDER BY position")
            .fetch_all(&self.reader)
            .await?;
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM region_countries")
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM regions").execute(&mut *tx).await?;
        for (i, r) in map.regions().iter().enumerate() {
            sqlx::query("INSERT INTO regions (slug, name, position) VALUES ($1, $2, $3)")
                .bind(&r.slug)
                .bind(&r.name)
                .bind(i as i64)
                .execute(&mut *tx)
                .await?;
            for c in &r.countries {
                sqlx::query("INSERT INTO region_countries (country, region_slug) VALUES ($1, $2)")
                    .bind(c)
                    .bind(&r.slug)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        let slugs: Vec<String> = map.regions().iter().map(|r| r.slug.clone()).collect();
        let mut gone = crate::sql::Sql::new("DELETE FROM partner_attributes WHERE kind = 'region'");
        if !slugs.is_empty() {
            gone.push(" AND value NOT IN ").bind_list(&slugs);
        }
        gone.query().execute(&mut *tx).await?;
        // Served regions: the regions named, plus the regions of the countries named.
        sqlx::query("DELETE FROM partner_attributes WHERE kind = 'served_region'")
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO partner_attributes (partner_id, kind, value) \
             SELECT DISTINCT partner_id, 'served_region', value FROM ( \
               SELECT partner_id, value FROM partner_attributes WHERE kind = 'region' \
               UNION SELECT a.partner_id, c.region_slug FROM partner_attributes a \
               JOIN region_countries c ON c.country = a.value WHERE a.kind = 'country') served",
        )
        .execute(&mut *tx)
        .await?;
        // The region map is part of the published lead policy: a new map is a new policy version.
        tx.lock(crate::leads::LOCK_LEADS).await?;
        crate::leads::adopt_region_map(&mut tx, map, who).await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("regions.replace", "region_map", "all")
                .before(&before)
                .after(map.regions())],
        )
        .await?;
        Ok(())
    }
}
