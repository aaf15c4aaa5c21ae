//! Initiatives of groups (issue 10; rules in `agora_domain::groups::initiatives`): the initiatives,
//! their participants (each for the partner organization they belonged to when joining, if any),
//! the cross-validator, sponsors and outputs. Joining and cross-validating are appended to the
//! activity ledger inside the write that records them. Reads name people by display name and
//! organizations by name, never by e-mail address.

use crate::activity::append;
use crate::sql::Sql;
use crate::write::WriteTx;
use crate::{get, get_parsed, get_time, Result, Store, StoreError};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::audit::AuditEvent;
use agora_domain::groups::initiatives::{
    self as rules, FunnelStage, Initiative, InitiativeStatus, ListKey, Output,
};
use agora_domain::ValidationErrors;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

const T: &str = "initiatives";
/// Initiative writers take turns across instances (PostgreSQL), so concurrent joins of one call see
/// each other and a status change cannot cross a join.
const LOCK_INITIATIVES: i64 = 0x4147_0018;

/// A partner organization, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OrganizationRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// A participant, by display name and organization (never an e-mail address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Participant {
    pub person_id: i64,
    pub name: String,
    pub organization: Option<OrganizationRef>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub joined_at: DateTime<Utc>,
    /// Joining was a new member's first contribution to the group.
    pub first_contribution: bool,
}

/// The cross-validation reviewer, by display name and organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CrossValidator {
    pub person_id: i64,
    pub name: String,
    pub organization: Option<OrganizationRef>,
}

/// A co-branding sponsor; it exists only with its acknowledgement of the branding guidelines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Sponsor {
    pub id: i64,
    pub name: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub acknowledged_at: DateTime<Utc>,
}

/// A link to something the initiative produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredOutput {
    pub id: i64,
    pub title: String,
    pub url: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub added_at: DateTime<Utc>,
}

/// A stored initiative with its people, sponsors and outputs.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredInitiative {
    pub id: i64,
    pub group_id: i64,
    pub initiative: Initiative,
    pub status: InitiativeStatus,
    pub participants: Vec<Participant>,
    pub cross_validator: Option<CrossValidator>,
    pub sponsors: Vec<Sponsor>,
    pub outputs: Vec<StoredOutput>,
    /// Participants from two or more organizations, or a cross-validator from another one.
    pub multi_stakeholder: bool,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

impl StoredInitiative {
    pub fn is_participant(&self, person_id: Option<i64>) -> bool {
        person_id.is_some_and(|p| self.participants.iter().any(|x| x.person_id == p))
    }

    fn list_key(&self) -> ListKey {
        ListKey {
            multi_stakeholder: self.multi_stakeholder,
            status: self.status,
            call_closes_on: self.initiative.call_closes_on,
            created_at: self.created_at,
            id: self.id,
        }
    }

    fn mark(&mut self) {
        let orgs: Vec<Option<i64>> = self
            .participants
            .iter()
            .map(|p| p.organization.as_ref().map(|o| o.id))
            .collect();
        let validator = self
            .cross_validator
            .as_ref()
            .map(|v| v.organization.as_ref().map(|o| o.id));
        self.multi_stakeholder = rules::is_multi_stakeholder(&orgs, validator);
    }
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

const DAY: &str = "%Y-%m-%d";

fn stages_text(stages: &[FunnelStage]) -> String {
    stages
        .iter()
        .map(|s| s.slug())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_stages(s: &str) -> std::result::Result<Vec<FunnelStage>, ()> {
    let v = s
        .split(',')
        .map(FunnelStage::parse)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| ())?;
    if v.is_empty() {
        Err(())
    } else {
        Ok(v)
    }
}

const COLUMNS: &str = "SELECT i.id, i.body_id, i.title, i.goal, i.deliverables, i.stages, \
    i.call_closes_on, i.status, i.validator_id, vp.display_name AS validator_name, \
    i.validator_partner_id, vo.slug AS validator_org_slug, vo.name AS validator_org_name, \
    i.created_at, i.updated_at FROM initiatives i \
    LEFT JOIN people vp ON vp.id = i.validator_id \
    LEFT JOIN partners vo ON vo.id = i.validator_partner_id";

fn org(id: Option<i64>, slug: Option<String>, name: Option<String>) -> Option<OrganizationRef> {
    match (id, slug, name) {
        (Some(id), Some(slug), Some(name)) => Some(OrganizationRef { id, slug, name }),
        _ => None,
    }
}

fn initiative_row(r: &AnyRow) -> Result<StoredInitiative> {
    let call: Option<String> = get(r, "call_closes_on")?;
    let call_closes_on = match call {
        Some(c) => Some(
            NaiveDate::parse_from_str(&c, DAY)
                .map_err(|_| crate::corrupt(T, "call_closes_on", &c))?,
        ),
        None => None,
    };
    let validator_id: Option<i64> = get(r, "validator_id")?;
    let validator_name: Option<String> = get(r, "validator_name")?;
    let cross_validator = match (validator_id, validator_name) {
        (Some(person_id), Some(name)) => Some(CrossValidator {
            person_id,
            name,
            organization: org(
                get(r, "validator_partner_id")?,
                get(r, "validator_org_slug")?,
                get(r, "validator_org_name")?,
            ),
        }),
        _ => None,
    };
    let mut i = StoredInitiative {
        id: get(r, "id")?,
        group_id: get(r, "body_id")?,
        initiative: Initiative {
            title: get(r, "title")?,
            goal: get(r, "goal")?,
            deliverables: get(r, "deliverables")?,
            stages: get_parsed(r, T, "stages", parse_stages)?,
            call_closes_on,
        },
        status: get_parsed(r, T, "status", InitiativeStatus::parse)?,
        participants: Vec::new(),
        cross_validator,
        sponsors: Vec::new(),
        outputs: Vec::new(),
        multi_stakeholder: false,
        created_at: get_time(r, T, "created_at")?,
        updated_at: get_time(r, T, "updated_at")?,
    };
    i.mark();
    Ok(i)
}

fn initiative_json(i: &Initiative) -> serde_json::Value {
    serde_json::json!({"title": i.title, "goal": i.goal, "deliverables": i.deliverables,
        "stages": stages_text(&i.stages),
        "call_closes_on": i.call_closes_on.map(|d| d.format(DAY).to_string())})
}

/// The initiative as the write sees it (its people are not needed by the write's rules).
async fn locked(tx: &mut WriteTx, id: i64) -> Result<StoredInitiative> {
    let mut q = Sql::new(COLUMNS);
    q.push(" WHERE i.id = ").bind(id);
    let row = q
        .query()
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    initiative_row(&row)
}

/// The partner organization a person is of: the lowest id among the active partners they hold a
/// role of, if any.
async fn organization_of(tx: &mut WriteTx, person_id: i64) -> Result<Option<i64>> {
    let org: Option<i64> = sqlx::query_scalar(
        "SELECT MIN(g.scope_id) FROM role_grants g JOIN partners p ON p.id = g.scope_id \
         WHERE g.person_id = $1 AND g.scope_kind = 'partner' AND p.status = 'active'",
    )
    .bind(person_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(org)
}

async fn touch(tx: &mut WriteTx, id: i64, stamp: &str) -> Result<()> {
    sqlx::query("UPDATE initiatives SET updated_at = $1 WHERE id = $2")
        .bind(stamp)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn ledger(i: &StoredInitiative, person: i64, role: &str, at: DateTime<Utc>) -> NewActivity {
    NewActivity::new(
        person,
        ActivitySource::Initiatives,
        format!("{role}:{}:{person}", i.id),
        ActivityKind::Initiative,
        at,
    )
    .in_group(i.group_id)
    .detail(serde_json::json!({"initiative_id": i.id, "title": i.initiative.title, "role": role}))
}

impl Store {
    async fn begin_initiatives(&self) -> Result<WriteTx> {
        self.write_locked(LOCK_INITIATIVES).await
    }

    async fn complete_initiatives(
        &self,
        mut list: Vec<StoredInitiative>,
    ) -> Result<Vec<StoredInitiative>> {
        if list.is_empty() {
            return Ok(list);
        }
        let ids: Vec<i64> = list.iter().map(|i| i.id).collect();
        let mut q = Sql::new(
            "SELECT x.initiative_id, x.person_id, p.display_name, x.partner_id, o.slug, o.name, \
             x.joined_at, x.first_contribution FROM initiative_participants x \
             JOIN people p ON p.id = x.person_id LEFT JOIN partners o ON o.id = x.partner_id \
             WHERE x.initiative_id IN ",
        );
        q.bind_list(&ids).push(" ORDER BY x.joined_at, x.person_id");
        for r in q.query().fetch_all(&self.reader).await? {
            let id: i64 = get(&r, "initiative_id")?;
            if let Some(i) = list.iter_mut().find(|i| i.id == id) {
                i.participants.push(Participant {
                    person_id: get(&r, "person_id")?,
                    name: get(&r, "display_name")?,
                    organization: org(get(&r, "partner_id")?, get(&r, "slug")?, get(&r, "name")?),
                    joined_at: get_time(&r, "initiative_participants", "joined_at")?,
                    first_contribution: get::<i64>(&r, "first_contribution")? != 0,
                });
            }
        }
        let mut q = Sql::new(
            "SELECT id, initiative_id, name, acknowledged_at FROM initiative_sponsors \
             WHERE initiative_id IN ",
        );
        q.bind_list(&ids).push(" ORDER BY name, id");
        for r in q.query().fetch_all(&self.reader).await? {
            let id: i64 = get(&r, "initiative_id")?;
            if let Some(i) = list.iter_mut().find(|i| i.id == id) {
                i.sponsors.push(Sponsor {
                    id: get(&r, "id")?,
                    name: get(&r, "name")?,
                    acknowledged_at: get_time(&r, "initiative_sponsors", "acknowledged_at")?,
                });
            }
        }
        let mut q = Sql::new(
            "SELECT id, initiative_id, title, url, added_at FROM initiative_outputs \
             WHERE initiative_id IN ",
        );
        q.bind_list(&ids).push(" ORDER BY added_at, id");
        for r in q.query().fetch_all(&self.reader).await? {
            let id: i64 = get(&r, "initiative_id")?;
            if let Some(i) = list.iter_mut().find(|i| i.id == id) {
                let url: String = get(&r, "url")?;
                agora_domain::partner::parse_web_url(&url)
                    .map_err(|_| crate::corrupt("initiative_outputs", "url", &url))?;
                i.outputs.push(StoredOutput {
                    id: get(&r, "id")?,
                    title: get(&r, "title")?,
                    url,
                    added_at: get_time(&r, "initiative_outputs", "added_at")?,
                });
            }
        }
        for i in &mut list {
            i.mark();
        }
        list.sort_by(|a, b| rules::list_order(&a.list_key(), &b.list_key()));
        Ok(list)
    }

    /// One initiative with its people, sponsors and outputs (the web layer checks its group may be
    /// seen by the reader).
    pub async fn initiative(&self, id: i64) -> Result<Option<StoredInitiative>> {
        let mut q = Sql::new(COLUMNS);
        q.push(" WHERE i.id = ").bind(id);
        let rows = q.query().fetch_all(&self.reader).await?;
        let list = rows
            .iter()
            .map(initiative_row)
            .collect::<Result<Vec<_>>>()?;
        Ok(self.complete_initiatives(list).await?.into_iter().next())
    }

    /// A group's initiatives: multi-stakeholder first, then by status and date
    /// (`agora_domain::groups::initiatives::list_order`).
    pub async fn group_initiatives(&self, group_id: i64) -> Result<Vec<StoredInitiative>> {
        let mut q = Sql::new(COLUMNS);
        q.push(" WHERE i.body_id = ").bind(group_id);
        let rows = q.query().fetch_all(&self.reader).await?;
        let list = rows
            .iter()
            .map(initiative_row)
            .collect::<Result<Vec<_>>>()?;
        self.complete_initiatives(list).await
    }

    /// Creates a proposed initiative of a group.
    #[tracing::instrument(level = "debug", skip_all, fields(group = group_id, actor = who.person_id))]
    pub async fn create_initiative(
        &self,
        group_id: i64,
        i: &Initiative,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.begin_initiatives().await?;
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM bodies WHERE id = $1 AND kind = 'group'")
                .bind(group_id)
                .fetch_one(&mut *tx)
                .await?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO initiatives (body_id, title, goal, deliverables, stages, call_closes_on, \
             status, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(group_id)
        .bind(&i.title)
        .bind(&i.goal)
        .bind(&i.deliverables)
        .bind(stages_text(&i.stages))
        .bind(i.call_closes_on.map(|d| d.format(DAY).to_string()))
        .bind(InitiativeStatus::Proposed.slug())
        .bind(who.person_id)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("initiative.create", "initiative", id).after(
                    serde_json::json!({"group_id": group_id, "initiative": initiative_json(i)}),
                ),
            ],
        )
        .await?;
        Ok(id)
    }

    /// Changes an initiative's definition. Finished initiatives change no more.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn update_initiative(&self, id: i64, i: &Initiative, who: &crate::Who) -> Result<()> {
        let mut tx = self.begin_initiatives().await?;
        let current = locked(&mut tx, id).await?;
        if current.status.is_final() {
            return Err(invalid("status", "invalid-transition"));
        }
        if current.initiative == *i {
            return Ok(());
        }
        sqlx::query(
            "UPDATE initiatives SET title = $1, goal = $2, deliverables = $3, stages = $4, \
             call_closes_on = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(&i.title)
        .bind(&i.goal)
        .bind(&i.deliverables)
        .bind(stages_text(&i.stages))
        .bind(i.call_closes_on.map(|d| d.format(DAY).to_string()))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("initiative.update", "initiative", id)
                .before(initiative_json(&current.initiative))
                .after(initiative_json(i))],
        )
        .await
    }

    /// Moves the status one step (or cancels), as of `today` (opening the call needs a closing day
    /// not yet passed).
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn set_initiative_status(
        &self,
        id: i64,
        to: InitiativeStatus,
        today: NaiveDate,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_initiatives().await?;
        let current = locked(&mut tx, id).await?;
        rules::check_status_change(current.status, to, current.initiative.call_closes_on, today)
            .map_err(StoreError::Invalid)?;
        sqlx::query("UPDATE initiatives SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(to.slug())
            .bind(self.stamp())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [AuditEvent::new("initiative.status", "initiative", id)
                .before(serde_json::json!({"status": current.status.slug()}))
                .after(serde_json::json!({"status": to.slug()}))],
        )
        .await
    }

    /// The person joins the open call (refused when it is not open or has closed, naming the
    /// field). Joining is appended to the activity ledger; a new member's first contribution to the
    /// group is marked. False when they already take part.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn join_initiative(
        &self,
        id: i64,
        person_id: i64,
        today: NaiveDate,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = self.begin_initiatives().await?;
        let current = locked(&mut tx, id).await?;
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM initiative_participants WHERE initiative_id = $1 AND person_id = $2",
        )
        .bind(id)
        .bind(person_id)
        .fetch_one(&mut *tx)
        .await?;
        if held > 0 {
            return Ok(false);
        }
        rules::check_join(current.status, current.initiative.call_closes_on, today)
            .map_err(StoreError::Invalid)?;
        let since: Option<String> = sqlx::query_scalar(
            "SELECT MIN(created_at) FROM role_grants WHERE person_id = $1 AND scope_kind = 'group' \
             AND scope_id = $2",
        )
        .bind(person_id)
        .bind(current.group_id)
        .fetch_one(&mut *tx)
        .await?;
        let since = since
            .map(|s| crate::time_column("role_grants", "created_at", &s))
            .transpose()?;
        let earlier: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM initiative_participants x JOIN initiatives i ON i.id = x.initiative_id \
             WHERE x.person_id = $1 AND i.body_id = $2",
        )
        .bind(person_id)
        .bind(current.group_id)
        .fetch_one(&mut *tx)
        .await?;
        let now = self.now();
        let first = rules::is_first_contribution(since, now, earlier as usize);
        let partner = organization_of(&mut tx, person_id).await?;
        let stamp = self.stamp();
        sqlx::query(
            "INSERT INTO initiative_participants (initiative_id, person_id, partner_id, joined_at, \
             first_contribution) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(person_id)
        .bind(partner)
        .bind(&stamp)
        .bind(i64::from(first))
        .execute(&mut *tx)
        .await?;
        touch(&mut tx, id, &stamp).await?;
        append(&mut tx, &ledger(&current, person_id, "participant", now)).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("initiative.join", "initiative", id).after(serde_json::json!({
                "person_id": person_id, "partner_id": partner, "first_contribution": first})),
            ],
        )
        .await?;
        Ok(true)
    }

    /// The person leaves the initiative (the ledger keeps that they took part). False when they
    /// did not take part.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn withdraw_from_initiative(
        &self,
        id: i64,
        person_id: i64,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = self.begin_initiatives().await?;
        locked(&mut tx, id).await?;
        let n = sqlx::query(
            "DELETE FROM initiative_participants WHERE initiative_id = $1 AND person_id = $2",
        )
        .bind(id)
        .bind(person_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        touch(&mut tx, id, &self.stamp()).await?;
        tx.commit(
            who,
            [AuditEvent::new("initiative.withdraw", "initiative", id)
                .before(serde_json::json!({"person_id": person_id}))],
        )
        .await?;
        Ok(true)
    }

    /// Sets (or, with `None`, removes) the cross-validation reviewer, who must be a member of the
    /// group. Reviewing is appended to the activity ledger. False when nothing changed.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn set_initiative_validator(
        &self,
        id: i64,
        person_id: Option<i64>,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = self.begin_initiatives().await?;
        let current = locked(&mut tx, id).await?;
        if current.cross_validator.as_ref().map(|v| v.person_id) == person_id {
            return Ok(false);
        }
        let partner = match person_id {
            Some(p) => {
                let member: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM role_grants WHERE person_id = $1 AND scope_kind = 'group' \
                     AND scope_id = $2",
                )
                .bind(p)
                .bind(current.group_id)
                .fetch_one(&mut *tx)
                .await?;
                if member == 0 {
                    return Err(invalid("cross_validator", "not-a-member"));
                }
                organization_of(&mut tx, p).await?
            }
            None => None,
        };
        sqlx::query(
            "UPDATE initiatives SET validator_id = $1, validator_partner_id = $2, updated_at = $3 \
             WHERE id = $4",
        )
        .bind(person_id)
        .bind(partner)
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if let Some(p) = person_id {
            append(&mut tx, &ledger(&current, p, "cross-validator", self.now())).await?;
        }
        tx.commit(
            who,
            [
                AuditEvent::new("initiative.cross_validator", "initiative", id)
                    .before(serde_json::json!({
                    "person_id": current.cross_validator.as_ref().map(|v| v.person_id)}))
                    .after(serde_json::json!({"person_id": person_id, "partner_id": partner})),
            ],
        )
        .await?;
        Ok(true)
    }

    /// Adds a co-branding sponsor; `name` comes from `SponsorInput::parse`, which requires the
    /// acknowledgement of the branding guidelines recorded here with its time and author.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn add_initiative_sponsor(
        &self,
        id: i64,
        name: &str,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.begin_initiatives().await?;
        locked(&mut tx, id).await?;
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM initiative_sponsors WHERE initiative_id = $1 AND name = $2",
        )
        .bind(id)
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Err(invalid("name", "already-sponsor"));
        }
        let stamp = self.stamp();
        let sid: i64 = sqlx::query_scalar(
            "INSERT INTO initiative_sponsors (initiative_id, name, acknowledged_at, acknowledged_by) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id)
        .bind(name)
        .bind(&stamp)
        .bind(who.person_id)
        .fetch_one(&mut *tx)
        .await?;
        touch(&mut tx, id, &stamp).await?;
        tx.commit(
            who,
            [AuditEvent::new("initiative.sponsor_add", "initiative", id).after(
                serde_json::json!({"sponsor_id": sid, "name": name, "branding_acknowledged": true}),
            )],
        )
        .await?;
        Ok(sid)
    }

    /// Removes a sponsor. False when it was not one of this initiative's.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn remove_initiative_sponsor(
        &self,
        id: i64,
        sponsor_id: i64,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = self.begin_initiatives().await?;
        locked(&mut tx, id).await?;
        let name: Option<String> = sqlx::query_scalar(
            "SELECT name FROM initiative_sponsors WHERE id = $1 AND initiative_id = $2",
        )
        .bind(sponsor_id)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(name) = name else {
            return Ok(false);
        };
        sqlx::query("DELETE FROM initiative_sponsors WHERE id = $1")
            .bind(sponsor_id)
            .execute(&mut *tx)
            .await?;
        touch(&mut tx, id, &self.stamp()).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("initiative.sponsor_remove", "initiative", id)
                    .before(serde_json::json!({"sponsor_id": sponsor_id, "name": name})),
            ],
        )
        .await?;
        Ok(true)
    }

    /// Adds a link to something the initiative produced.
    #[tracing::instrument(level = "debug", skip_all, fields(initiative = id, actor = who.person_id))]
    pub async fn add_initiative_output(
        &self,
        id: i64,
        o: &Output,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.begin_initiatives().await?;
        locked(&mut tx, id).await?;
        let stamp = self.stamp();
        let oid: i64 = sqlx::query_scalar(
            "INSERT INTO initiative_outputs (initiative_id, title, url, added_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id)
        .bind(&o.title)
        .bind(&o.url)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        touch(&mut tx, id, &stamp).await?;
        tx.commit(
            who,
            [AuditEvent::new("initiative.output_add", "initiative", id)
                .after(serde_json::json!({"output_id": oid, "title": o.title, "url": o.url}))],
        )
        .await?;
        Ok(oid)
    }
}
