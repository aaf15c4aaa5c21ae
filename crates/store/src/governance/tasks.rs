//! What governance asks of people: decisions waiting for an elector's position, ballot or comment,
//! and decisions waiting for a facilitator or a moderator. Reads only; the web layer decides who sees
//! which (`governance::body_allows`).

use super::*;

/// A decision that waits for someone, as the list of what needs a person shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingDecision {
    pub id: i64,
    pub body_id: i64,
    pub title: String,
    pub kind: DecisionKind,
    pub status: DecisionStatus,
    pub closes_at: DateTime<Utc>,
    /// The elector the person would act for (their own entry, or a partner whose vote they cast),
    /// with its label; `None` for what waits on facilitators and moderators.
    pub voter: Option<(VoterKey, String)>,
    /// Consultation comments without a response.
    pub unanswered: i64,
}

fn pending_row(r: &AnyRow) -> Result<PendingDecision> {
    let voter = match get::<Option<String>>(r, "voter_key")? {
        Some(k) => Some((
            voter_key("decision_electorate", &k)?,
            get::<String>(r, "label")?,
        )),
        None => None,
    };
    let (kind, status) = kind_and_status(r)?;
    Ok(PendingDecision {
        id: get(r, "id")?,
        body_id: get(r, "body_id")?,
        title: get(r, "title")?,
        kind,
        status,
        closes_at: get_time(r, "decisions", "closes_at")?,
        voter,
        unanswered: get(r, "unanswered")?,
    })
}

impl Store {
    /// Open decisions in which a person may still act before the close, for themselves or for a
    /// partner whose vote they cast: a vote they have not cast, a proposal whose current version has
    /// no position of theirs (a revision asks again), a consultation they have not commented on.
    /// Soonest close first.
    pub async fn awaiting_participation(
        &self,
        person_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<PendingDecision>> {
        let rows = sqlx::query(&format!(
            "SELECT d.id, d.body_id, d.title, d.kind, d.status, d.closes_at, e.voter_key, e.label, \
             CAST(0 AS BIGINT) AS unanswered FROM decisions d JOIN decision_electorate e ON e.decision_id = d.id \
             WHERE d.status IN ('open', 'contested') AND d.closes_at > $1 AND (e.voter_key = $2 OR \
             e.voter_key IN (SELECT 'partner:' || CAST(v.partner_id AS TEXT) FROM ({PARTNER_VOTERS}) v \
             WHERE v.person_id = $3)) AND ( \
             (d.kind IN ('yes-no', 'ranked') AND e.participated_at IS NULL) \
             OR (d.kind = 'lazy-consensus' AND NOT EXISTS (SELECT 1 FROM decision_stances s \
                 WHERE s.decision_id = d.id AND s.version = d.version AND s.voter_key = e.voter_key)) \
             OR (d.kind = 'consultation' AND NOT EXISTS (SELECT 1 FROM decision_comments c \
                 WHERE c.decision_id = d.id AND c.author_id = $3))) \
             ORDER BY d.closes_at, d.id, e.voter_key"
        ))
        .bind(format_time(now))
        .bind(VoterKey::Person(person_id).encode())
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(pending_row).collect()
    }

    /// A person's own proposals that somebody contests: theirs to revise or withdraw. Oldest first.
    pub async fn contested_proposals_of(&self, person_id: i64) -> Result<Vec<PendingDecision>> {
        let rows = sqlx::query(
            "SELECT d.id, d.body_id, d.title, d.kind, d.status, d.closes_at, CAST(NULL AS TEXT) AS voter_key, \
             CAST(NULL AS TEXT) AS label, CAST(0 AS BIGINT) AS unanswered FROM decisions d \
             WHERE d.status = 'contested' AND d.proposer_id = $1 ORDER BY d.id",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(pending_row).collect()
    }

    /// Decisions of these bodies that wait for a facilitator or a moderator: contested proposals,
    /// escalated ones, and closed votes and consultations whose outcome (or responses) are still to
    /// be recorded. Oldest first.
    pub async fn awaiting_facilitation(&self, body_ids: &[i64]) -> Result<Vec<PendingDecision>> {
        if body_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::sql::Sql::new(
            "SELECT d.id, d.body_id, d.title, d.kind, d.status, d.closes_at, CAST(NULL AS TEXT) AS voter_key, \
             CAST(NULL AS TEXT) AS label, (SELECT COUNT(*) FROM decision_comments c WHERE c.decision_id = d.id \
             AND c.response IS NULL) AS unanswered FROM decisions d \
             WHERE d.status IN ('contested', 'escalated', 'closed') AND d.body_id IN ",
        );
        q.bind_list(body_ids).push(" ORDER BY d.id");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(pending_row)
            .collect()
    }
}
