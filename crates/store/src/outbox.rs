//! Email waiting to be delivered. Messages are queued in the transaction of the change that causes them,
//! so no message is lost and none is sent for a change that rolled back.

use crate::{get, Result, Store, Tx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}

pub(crate) async fn queue(tx: &mut Tx, to: &str, subject: &str, body: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO outbox (to_address, subject, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(crate::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    pub async fn queue_email(&self, to: &str, subject: &str, body: &str) -> Result<()> {
        let mut tx = self.begin().await?;
        queue(&mut tx, to, subject, body).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn outbox_recent(&self, limit: i64) -> Result<Vec<OutboxMessage>> {
        let rows = sqlx::query(
            "SELECT id, to_address, subject, body, created_at, sent_at FROM outbox ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxMessage {
                    id: get(r, "id")?,
                    to_address: get(r, "to_address")?,
                    subject: get(r, "subject")?,
                    body: get(r, "body")?,
                    created_at: get(r, "created_at")?,
                    sent_at: get(r, "sent_at")?,
                })
            })
            .collect()
    }
}
