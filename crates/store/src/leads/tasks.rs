//! What the lead program asks of people: offers waiting for a partner's answer, and the size of the
//! foundation's queue. Reads only; the web layer decides who sees which.

use super::*;

/// An offer waiting for a partner's answer. Nothing of the requester: a partner sees who asked only
/// once it accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingOffer {
    pub offer_id: i64,
    pub lead_id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    /// The answer deadline; past it the lead is offered to the next partner.
    pub due_at: DateTime<Utc>,
}

impl Store {
    /// Offers waiting for an answer from any of these partners, the soonest deadline first.
    pub async fn offers_awaiting_answer(&self, partner_ids: &[i64]) -> Result<Vec<WaitingOffer>> {
        if partner_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut q = Sql::new(
            "SELECT o.id, o.lead_id, o.partner_id, p.name AS partner_name, o.due_at \
             FROM lead_offers o JOIN partners p ON p.id = o.partner_id \
             WHERE o.status = 'offered' AND o.partner_id IN ",
        );
        q.bind_list(partner_ids).push(" ORDER BY o.due_at, o.id");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                Ok(WaitingOffer {
                    offer_id: get(r, "id")?,
                    lead_id: get(r, "lead_id")?,
                    partner_id: get(r, "partner_id")?,
                    partner_name: get(r, "partner_name")?,
                    due_at: get_time(r, "lead_offers", "due_at")?,
                })
            })
            .collect()
    }

    /// How many leads wait in the foundation's queue (nobody qualified, or a direct request whose
    /// partner had it).
    pub async fn queued_lead_count(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE status = $1")
                .bind(LeadStatus::Queued.slug())
                .fetch_one(&self.reader)
                .await?,
        )
    }
}
