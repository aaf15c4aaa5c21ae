//! Small named values shared by every server instance: the signing secret and the directory version.

use crate::{Result, Store, Tx};
use rand::RngCore;

const SECRET_KEY: &str = "signing_secret";
const DIRECTORY_VERSION: &str = "directory_version";

pub(crate) async fn ensure_secret(store: &Store) -> Result<()> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(SECRET_KEY)
        .bind(hex::encode(bytes))
        .execute(store.bookkeeping_pool())
        .await?;
    Ok(())
}

/// Bumps the version that public-page caches compare against, inside the writing transaction.
pub(crate) async fn bump_directory_version(tx: &mut Tx) -> Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, '1') ON CONFLICT (key) DO UPDATE \
         SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)",
    )
    .bind(DIRECTORY_VERSION)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

impl Store {
    /// The secret that signs CSRF tokens and badges. It lives in the database so that every instance
    /// behind a load balancer accepts what any other issued.
    pub async fn signing_secret(&self) -> Result<Vec<u8>> {
        let v: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(SECRET_KEY)
            .fetch_one(&self.reader)
            .await?;
        crate::parse_column("settings", "value", &v, |s| hex::decode(s))
    }

    /// Changes whenever anything shown in the public directory changes.
    pub async fn directory_version(&self) -> Result<i64> {
        let v: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(DIRECTORY_VERSION)
            .fetch_optional(&self.reader)
            .await?;
        v.map_or(Ok(0), |v| {
            crate::parse_column("settings", "value", &v, str::parse)
        })
    }
}
