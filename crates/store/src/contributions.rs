//! Marketing contributions storage (issue 11): article topics and contributions partners submit,
//! the Marketing WG's reviews with the history a resubmission keeps, and the approved counts that
//! the obligations and the compliance view read. The rules are `agora_domain::obligations`
//! (`after_review`, `after_resubmit`, `after_topic_review`, `topic_usable`); who may review is
//! checked by the caller with `may_review`.

use crate::settings::bump_directory_version;
use crate::write::{Conn, WriteTx};
use crate::{get, get_opt_time, get_parsed, get_time, json_column, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::obligations::{
    after_resubmit, after_review, after_topic_review, topic_usable, ClientRef, ContributionState,
    ContributionType, NewContribution, NewTopic, Review, TopicState,
};
use agora_domain::taxonomy::{CompanySize, Segment};
use agora_domain::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// An article topic a partner proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Topic {
    pub id: i64,
    pub partner: PartnerRef,
    pub title: String,
    pub summary: String,
    pub state: TopicState,
    /// The reviewer's comment or reason ('' when none).
    pub review_comment: String,
    pub proposed_by: String,
    pub reviewed_by: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    #[schema(value_type = Option<String>)]
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// The partner a topic or contribution belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PartnerRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// What a partner submitted, as kept in the history of each submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContributionVersion {
    #[serde(rename = "type")]
    pub kind: ContributionType,
    pub title: String,
    pub topic_id: Option<i64>,
    pub link: Option<String>,
    pub text: String,
    pub client: ClientRef,
    pub consent_evidence: String,
    pub language: String,
    pub year: i32,
}

impl From<&NewContribution> for ContributionVersion {
    fn from(c: &NewContribution) -> Self {
        Self {
            kind: c.kind,
            title: c.title.clone(),
            topic_id: c.topic_id,
            link: c.link.clone(),
            text: c.text.clone(),
            client: c.client.clone(),
            consent_evidence: c.consent_evidence.clone(),
            language: c.language.clone(),
            year: c.year,
        }
    }
}

/// A contribution as it now stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Contribution {
    pub id: i64,
    pub partner: PartnerRef,
    pub state: ContributionState,
    #[serde(flatten)]
    pub version: ContributionVersion,
    /// The topic's title, for articles.
    pub topic_title: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    #[schema(value_type = Option<String>)]
    pub approved_at: Option<DateTime<Utc>>,
}

/// What happened to a contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Submitted,
    Resubmitted,
    Approve,
    RequestChanges,
    Reject,
}

impl EventKind {
    pub const ALL: &'static [EventKind] = &[
        EventKind::Submitted,
        EventKind::Resubmitted,
        EventKind::Approve,
        EventKind::RequestChanges,
        EventKind::Reject,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::Resubmitted => "resubmitted",
            EventKind::Approve => "approve",
            EventKind::RequestChanges => "request_changes",
            EventKind::Reject => "reject",
        }
    }

    pub fn parse(s: &str) -> std::result::Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.slug() == s)
            .ok_or("invalid-event")
    }

    fn of_verdict(v: agora_domain::obligations::Verdict) -> Self {
        use agora_domain::obligations::Verdict;
        match v {
            Verdict::Approve => EventKind::Approve,
            Verdict::RequestChanges => EventKind::RequestChanges,
            Verdict::Reject => EventKind::Reject,
        }
    }
}

/// One step of a contribution's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ContributionEvent {
    pub kind: EventKind,
    pub comment: String,
    /// The version submitted, for submissions and resubmissions.
    pub version: Option<ContributionVersion>,
    /// A display name.
    pub by: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub at: DateTime<Utc>,
}

/// An approved contribution as the public sees it: no consent evidence, no people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ShowcaseItem {
    pub id: i64,
    pub partner: PartnerRef,
    pub partner_size: CompanySize,
    #[serde(rename = "type")]
    pub kind: ContributionType,
    pub title: String,
    pub link: Option<String>,
    pub text: String,
    /// `null` for an anonymous client.
    pub client: Option<String>,
    pub language: String,
    pub year: i32,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub approved_at: DateTime<Utc>,
}

/// Filters of the public showcase.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShowcaseFilter {
    pub kind: Option<ContributionType>,
    /// A region slug the partner works in.
    pub region: Option<String>,
    pub segment: Option<Segment>,
    pub partner_id: Option<i64>,
}

/// Approved contributions per (partner, year, type).
pub type ApprovedCounts = HashMap<(i64, i32, ContributionType), u32>;

const CONTRIBUTION_COLUMNS: &str =
    "c.id, c.partner_id, p.slug AS partner_slug, p.name AS partner_name, \
    c.year, c.kind, c.title, c.topic_id, t.title AS topic_title, c.link, c.body, c.client_name, \
    c.consent_evidence, c.language, c.state, c.created_at, c.updated_at, c.approved_at \
    FROM contributions c JOIN partners p ON p.id = c.partner_id \
    LEFT JOIN contribution_topics t ON t.id = c.topic_id";

const TOPIC_COLUMNS: &str = "t.id, t.partner_id, p.slug AS partner_slug, p.name AS partner_name, \
    t.title, t.summary, t.state, t.review_comment, t.proposed_by, t.reviewed_by, t.created_at, \
    t.reviewed_at FROM contribution_topics t JOIN partners p ON p.id = t.partner_id";

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

async fn check_topic(tx: &mut WriteTx, c: &NewContribution, partner_id: i64) -> Result<()> {
    let Some(topic_id) = c.topic_id else {
        return Ok(());
    };
    let row = sqlx::query("SELECT partner_id, state FROM contribution_topics WHERE id = $1")
        .bind(topic_id)
        .fetch_optional(&mut **tx)
        .await?;
    let topic = match row {
        Some(r) => Some((
            get::<i64>(&r, "partner_id")?,
            get_parsed(&r, "contribution_topics", "state", TopicState::parse)?,
        )),
        None => None,
    };
    topic_usable(topic, partner_id).map_err(|code| invalid("topic_id", code))
}

async fn add_event(
    tx: &mut WriteTx,
    id: i64,
    kind: EventKind,
    comment: &str,
    version: Option<&ContributionVersion>,
    by: &str,
) -> Result<()> {
    let json = version
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| StoreError::Config(format!("contribution version: {e}")))?;
    sqlx::query(
        "INSERT INTO contribution_events (contribution_id, kind, comment, version_json, by_name, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(kind.slug())
    .bind(comment)
    .bind(json)
    .bind(by)
    .bind(tx.stamp())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn state_of(tx: &mut WriteTx, id: i64) -> Result<(i64, ContributionState)> {
    let row = sqlx::query("SELECT partner_id, state FROM contributions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok((
        get(&row, "partner_id")?,
        get_parsed(&row, "contributions", "state", ContributionState::parse)?,
    ))
}

/// The audit entry's view of a contribution: ids, type, year, state; no text, client or evidence.
fn audit_view(partner_id: i64, c: &NewContribution, state: ContributionState) -> serde_json::Value {
    serde_json::json!({
        "partner_id": partner_id,
        "type": c.kind.slug(),
        "year": c.year,
        "topic_id": c.topic_id,
        "state": state.slug(),
    })
}

impl Store {
    /// A partner proposes an article topic for the Marketing WG to review.
    pub async fn propose_topic(&self, partner_id: i64, t: &NewTopic, who: &Who) -> Result<i64> {
        let mut tx = self.write().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_optional(&mut *tx)
            .await?;
        exists.ok_or(StoreError::NotFound)?;
        let by = crate::public_name(&mut tx, who).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contribution_topics (partner_id, title, summary, state, review_comment, \
             proposed_by, created_at) VALUES ($1, $2, $3, $4, '', $5, $6) RETURNING id",
        )
        .bind(partner_id)
        .bind(&t.title)
        .bind(&t.summary)
        .bind(TopicState::Proposed.slug())
        .bind(&by)
        .bind(tx.stamp())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("topic.proposed", "contribution_topic", id)
                .after(serde_json::json!({"partner_id": partner_id, "title": t.title}))],
        )
        .await?;
        Ok(id)
    }

    /// A reviewer approves a topic or rejects it with a reason.
    pub async fn review_topic(&self, id: i64, review: &Review, who: &Who) -> Result<TopicState> {
        let mut tx = self.write().await?;
        let state: String =
            sqlx::query_scalar("SELECT state FROM contribution_topics WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let state = crate::parse_column("contribution_topics", "state", &state, TopicState::parse)?;
        let next = after_topic_review(state, review).map_err(|code| invalid("verdict", code))?;
        let by = crate::public_name(&mut tx, who).await?;
        sqlx::query(
            "UPDATE contribution_topics SET state = $1, review_comment = $2, reviewed_by = $3, \
             reviewed_at = $4 WHERE id = $5",
        )
        .bind(next.slug())
        .bind(&review.comment)
        .bind(&by)
        .bind(tx.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("topic.reviewed", "contribution_topic", id)
                .before(serde_json::json!({"state": state.slug()}))
                .after(serde_json::json!({"state": next.slug(), "comment": review.comment}))],
        )
        .await?;
        Ok(next)
    }

    pub async fn topic(&self, id: i64) -> Result<Option<Topic>> {
        sqlx::query(&format!("SELECT {TOPIC_COLUMNS} WHERE t.id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(topic)
            .transpose()
    }

    /// A partner's topics, newest first.
    pub async fn topics_of(&self, partner_id: i64) -> Result<Vec<Topic>> {
        sqlx::query(&format!(
            "SELECT {TOPIC_COLUMNS} WHERE t.partner_id = $1 ORDER BY t.id DESC"
        ))
        .bind(partner_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(topic)
        .collect()
    }

    /// Topics waiting for review, oldest first.
    pub async fn proposed_topics(&self) -> Result<Vec<Topic>> {
        sqlx::query(&format!(
            "SELECT {TOPIC_COLUMNS} WHERE t.state = $1 ORDER BY t.id"
        ))
        .bind(TopicState::Proposed.slug())
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(topic)
        .collect()
    }

    /// A partner submits a contribution; an article's topic must be the partner's and approved.
    pub async fn submit_contribution(
        &self,
        partner_id: i64,
        c: &NewContribution,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_optional(&mut *tx)
            .await?;
        exists.ok_or(StoreError::NotFound)?;
        check_topic(&mut tx, c, partner_id).await?;
        let now = tx.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO contributions (partner_id, year, kind, title, topic_id, link, body, \
             client_name, consent_evidence, language, state, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(partner_id)
        .bind(i64::from(c.year))
        .bind(c.kind.slug())
        .bind(&c.title)
        .bind(c.topic_id)
        .bind(c.link.as_deref())
        .bind(&c.text)
        .bind(c.client.name())
        .bind(&c.consent_evidence)
        .bind(&c.language)
        .bind(ContributionState::Submitted.slug())
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let by = crate::public_name(&mut tx, who).await?;
        add_event(
            &mut tx,
            id,
            EventKind::Submitted,
            "",
            Some(&ContributionVersion::from(c)),
            &by,
        )
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("contribution.submitted", "contribution", id).after(audit_view(
                    partner_id,
                    c,
                    ContributionState::Submitted,
                )),
            ],
        )
        .await?;
        Ok(id)
    }

    /// The partner resubmits a contribution sent back for changes; the earlier version and the
    /// reviewer's comments stay in its history.
    pub async fn resubmit_contribution(
        &self,
        id: i64,
        c: &NewContribution,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let (partner_id, state) = state_of(&mut tx, id).await?;
        let next = after_resubmit(state).map_err(|code| invalid("state", code))?;
        check_topic(&mut tx, c, partner_id).await?;
        sqlx::query(
            "UPDATE contributions SET year = $1, kind = $2, title = $3, topic_id = $4, link = $5, \
             body = $6, client_name = $7, consent_evidence = $8, language = $9, state = $10, \
             updated_at = $11 WHERE id = $12",
        )
        .bind(i64::from(c.year))
        .bind(c.kind.slug())
        .bind(&c.title)
        .bind(c.topic_id)
        .bind(c.link.as_deref())
        .bind(&c.text)
        .bind(c.client.name())
        .bind(&c.consent_evidence)
        .bind(&c.language)
        .bind(next.slug())
        .bind(tx.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let by = crate::public_name(&mut tx, who).await?;
        add_event(
            &mut tx,
            id,
            EventKind::Resubmitted,
            "",
            Some(&ContributionVersion::from(c)),
            &by,
        )
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("contribution.resubmitted", "contribution", id)
                    .before(serde_json::json!({"state": state.slug()}))
                    .after(audit_view(partner_id, c, next)),
            ],
        )
        .await?;
        Ok(())
    }

    /// A reviewer approves, asks for changes or rejects. An approval shows on public pages, so it
    /// bumps the directory version.
    pub async fn review_contribution(
        &self,
        id: i64,
        review: &Review,
        who: &Who,
    ) -> Result<ContributionState> {
        let mut tx = self.write().await?;
        let (partner_id, state) = state_of(&mut tx, id).await?;
        let next = after_review(state, review.verdict).map_err(|code| invalid("verdict", code))?;
        let now = tx.stamp();
        let approved_at = (next == ContributionState::Approved).then_some(now.clone());
        sqlx::query(
            "UPDATE contributions SET state = $1, updated_at = $2, approved_at = $3 WHERE id = $4",
        )
        .bind(next.slug())
        .bind(&now)
        .bind(approved_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let by = crate::public_name(&mut tx, who).await?;
        add_event(
            &mut tx,
            id,
            EventKind::of_verdict(review.verdict),
            &review.comment,
            None,
            &by,
        )
        .await?;
        if next == ContributionState::Approved {
            bump_directory_version(&mut tx).await?;
        }
        tx.commit(
            who,
            [AuditEvent::new("contribution.reviewed", "contribution", id)
                .before(serde_json::json!({"state": state.slug()}))
                .after(serde_json::json!({
                    "partner_id": partner_id,
                    "verdict": review.verdict.slug(),
                    "state": next.slug(),
                    "comment": review.comment,
                }))],
        )
        .await?;
        Ok(next)
    }

    pub async fn contribution(&self, id: i64) -> Result<Option<Contribution>> {
        sqlx::query(&format!("SELECT {CONTRIBUTION_COLUMNS} WHERE c.id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(contribution)
            .transpose()
    }

    /// A contribution's submissions and reviews, oldest first.
    pub async fn contribution_history(&self, id: i64) -> Result<Vec<ContributionEvent>> {
        sqlx::query(
            "SELECT kind, comment, version_json, by_name, at FROM contribution_events \
             WHERE contribution_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            const T: &str = "contribution_events";
            Ok(ContributionEvent {
                kind: get_parsed(r, T, "kind", EventKind::parse)?,
                comment: get(r, "comment")?,
                version: get::<Option<String>>(r, "version_json")?
                    .map(|j| json_column(T, "version_json", &j))
                    .transpose()?,
                by: get(r, "by_name")?,
                at: get_time(r, T, "at")?,
            })
        })
        .collect()
    }

    /// A partner's contributions (of one year, or all), newest first.
    pub async fn contributions_of(
        &self,
        partner_id: i64,
        year: Option<i32>,
    ) -> Result<Vec<Contribution>> {
        let mut q = crate::sql::Sql::new(&format!(
            "SELECT {CONTRIBUTION_COLUMNS} WHERE c.partner_id = "
        ));
        q.bind(partner_id);
        if let Some(y) = year {
            q.push(" AND c.year = ").bind(i64::from(y));
        }
        q.push(" ORDER BY c.id DESC");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(contribution)
            .collect()
    }

    /// Contributions waiting for a reviewer, oldest first.
    pub async fn contributions_awaiting_review(&self) -> Result<Vec<Contribution>> {
        sqlx::query(&format!(
            "SELECT {CONTRIBUTION_COLUMNS} WHERE c.state IN ($1, $2) ORDER BY c.updated_at, c.id"
        ))
        .bind(ContributionState::Submitted.slug())
        .bind(ContributionState::Resubmitted.slug())
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(contribution)
        .collect()
    }

    /// Approved contributions per (partner, type) for `years`; `partner_id` narrows to one partner.
    pub async fn approved_counts(
        &self,
        partner_id: Option<i64>,
        years: std::ops::RangeInclusive<i32>,
    ) -> Result<ApprovedCounts> {
        let mut q = crate::sql::Sql::new(
            "SELECT partner_id, year, kind, COUNT(*) AS n FROM contributions WHERE state = ",
        );
        q.bind(ContributionState::Approved.slug());
        q.push(" AND year >= ").bind(i64::from(*years.start()));
        q.push(" AND year <= ").bind(i64::from(*years.end()));
        if let Some(p) = partner_id {
            q.push(" AND partner_id = ").bind(p);
        }
        q.push(" GROUP BY partner_id, year, kind");
        let mut out = HashMap::new();
        for r in q.query().fetch_all(&self.reader).await? {
            let year: i64 = get(&r, "year")?;
            let year = i32::try_from(year)
                .map_err(|_| crate::corrupt("contributions", "year", &year.to_string()))?;
            let n: i64 = get(&r, "n")?;
            out.insert(
                (
                    get(&r, "partner_id")?,
                    year,
                    get_parsed(&r, "contributions", "kind", ContributionType::parse)?,
                ),
                u32::try_from(n).unwrap_or(u32::MAX),
            );
        }
        Ok(out)
    }

    /// Approved contributions of partners on the public record, newest first, for the showcase
    /// and the partner's public page. Never the consent evidence or anyone's name.
    pub async fn showcase(&self, f: &ShowcaseFilter, limit: i64) -> Result<Vec<ShowcaseItem>> {
        let mut q = crate::sql::Sql::new(
            "SELECT c.id, c.partner_id, p.slug AS partner_slug, p.name AS partner_name, \
             p.size AS partner_size, c.kind, c.title, c.link, c.body, c.client_name, c.language, \
             c.year, c.approved_at FROM contributions c JOIN partners p ON p.id = c.partner_id \
             WHERE ",
        );
        public_approved(&mut q);
        if let Some(k) = f.kind {
            q.push(" AND c.kind = ").bind(k.slug());
        }
        if let Some(p) = f.partner_id {
            q.push(" AND c.partner_id = ").bind(p);
        }
        if let Some(r) = &f.region {
            q.push(
                " AND EXISTS (SELECT 1 FROM partner_attributes a WHERE a.partner_id = p.id \
                 AND a.kind = 'served_region' AND a.value = ",
            )
            .bind(r.as_str());
            q.push(")");
        }
        if let Some(s) = f.segment {
            q.push(
                " AND EXISTS (SELECT 1 FROM partner_attributes a WHERE a.partner_id = p.id \
                 AND a.kind = 'segment' AND a.value = ",
            )
            .bind(s.slug());
            q.push(")");
        }
        q.push(" ORDER BY c.approved_at DESC, c.id DESC LIMIT ")
            .bind(limit);
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                const T: &str = "contributions";
                let year: i64 = get(r, "year")?;
                Ok(ShowcaseItem {
                    id: get(r, "id")?,
                    partner: PartnerRef {
                        id: get(r, "partner_id")?,
                        slug: get(r, "partner_slug")?,
                        name: get(r, "partner_name")?,
                    },
                    partner_size: crate::parse_column(
                        "partners",
                        "size",
                        &get::<String>(r, "partner_size")?,
                        CompanySize::parse,
                    )?,
                    kind: get_parsed(r, T, "kind", ContributionType::parse)?,
                    title: get(r, "title")?,
                    link: get(r, "link")?,
                    text: get(r, "body")?,
                    client: get(r, "client_name")?,
                    language: get(r, "language")?,
                    year: i32::try_from(year)
                        .map_err(|_| crate::corrupt(T, "year", &year.to_string()))?,
                    approved_at: get_opt_time(r, T, "approved_at")?
                        .ok_or_else(|| crate::corrupt(T, "approved_at", "NULL"))?,
                })
            })
            .collect()
    }
}

fn partner_ref(r: &AnyRow) -> Result<PartnerRef> {
    Ok(PartnerRef {
        id: get(r, "partner_id")?,
        slug: get(r, "partner_slug")?,
        name: get(r, "partner_name")?,
    })
}

fn topic(r: &AnyRow) -> Result<Topic> {
    const T: &str = "contribution_topics";
    Ok(Topic {
        id: get(r, "id")?,
        partner: partner_ref(r)?,
        title: get(r, "title")?,
        summary: get(r, "summary")?,
        state: get_parsed(r, T, "state", TopicState::parse)?,
        review_comment: get(r, "review_comment")?,
        proposed_by: get(r, "proposed_by")?,
        reviewed_by: get(r, "reviewed_by")?,
        created_at: get_time(r, T, "created_at")?,
        reviewed_at: get_opt_time(r, T, "reviewed_at")?,
    })
}

fn contribution(r: &AnyRow) -> Result<Contribution> {
    const T: &str = "contributions";
    let year: i64 = get(r, "year")?;
    let client = match get::<Option<String>>(r, "client_name")? {
        Some(name) => ClientRef::Named { name },
        None => ClientRef::Anonymous,
    };
    Ok(Contribution {
        id: get(r, "id")?,
        partner: partner_ref(r)?,
        state: get_parsed(r, T, "state", ContributionState::parse)?,
        version: ContributionVersion {
            kind: get_parsed(r, T, "kind", ContributionType::parse)?,
            title: get(r, "title")?,
            topic_id: get(r, "topic_id")?,
            link: get(r, "link")?,
            text: get(r, "body")?,
            client,
            consent_evidence: get(r, "consent_evidence")?,
            language: get(r, "language")?,
            year: i32::try_from(year)
                .ok()
                .filter(|y| agora_domain::obligations::YEARS.contains(y))
                .ok_or_else(|| crate::corrupt(T, "year", &year.to_string()))?,
        },
        topic_title: get(r, "topic_title")?,
        created_at: get_time(r, T, "created_at")?,
        updated_at: get_time(r, T, "updated_at")?,
        approved_at: get_opt_time(r, T, "approved_at")?,
    })
}

/// The condition of what the showcase shows, after a `WHERE` on `contributions c` joined with its
/// partner `p`: approved contributions of partners in the public directory.
pub(crate) fn public_approved(q: &mut crate::sql::Sql) -> &mut crate::sql::Sql {
    let statuses: Vec<&str> = agora_domain::partner::PartnerStatus::ALL
        .iter()
        .filter(|s| s.is_public())
        .map(|s| s.slug())
        .collect();
    q.push("c.state = ")
        .bind(ContributionState::Approved.slug())
        .push(" AND p.status IN ")
        .bind_list(&statuses)
}
