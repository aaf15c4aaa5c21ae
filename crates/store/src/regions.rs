//! The region map lives in the database so that every instance uses the same one and admins can change
//! it without a deployment.

use crate::{get, Result, Store};
use agora_domain::geo::{Region, RegionMap};

pub(crate) async fn seed_default(store: &Store) -> Result<()> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM regions")
        .fetch_one(&store.pool)
        .await?;
    if count > 0 {
        return Ok(());
    }
    store.replace_regions(&RegionMap::default_map()).await
}

impl Store {
    pub async fn region_map(&self) -> Result<RegionMap> {
        let rows = sqlx::query(
            "SELECT r.slug, r.name, c.country FROM regions r LEFT JOIN region_countries c ON c.region_slug = r.slug \
             ORDER BY r.position, c.country",
        )
        .fetch_all(&self.pool)
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

    pub async fn replace_regions(&self, map: &RegionMap) -> Result<()> {
        let mut tx = self.begin().await?;
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
        tx.commit().await?;
        Ok(())
    }
}
