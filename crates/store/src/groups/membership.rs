//! Sign-up: joining an open group, asking to join a by-request one and the facilitator's answer,
//! leaving; and the member list.

use super::*;
use crate::outbox::{self, Mail};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::governance::Standing;
use agora_domain::groups::{self as rules, Joining};
use agora_domain::permissions::Role;
use std::collections::HashMap;

/// Stages the member grant of `person_id` in the group (audited as `role.grant`).
async fn add_member(store: &Store, tx: &mut WriteTx, body_id: i64, person_id: i64) -> Result<()> {
    grant_in_group(store, tx, person_id, Role::GroupMember, body_id).await
}

/// The ledger's entry for joining a group.
fn joined(person_id: i64, body_id: i64, source_id: String, at: DateTime<Utc>) -> NewActivity {
    NewActivity::new(
        person_id,
        ActivitySource::Groups,
        source_id,
        ActivityKind::Joined,
        at,
    )
    .in_group(body_id)
}

async fn pending_request(tx: &mut Tx, body_id: i64, person_id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM group_join_requests WHERE body_id = $1 AND person_id = $2 AND status = 'pending'",
    )
    .bind(body_id)
    .bind(person_id)
    .fetch_one(&mut *tx)
    .await?;
    Ok(n > 0)
}

impl Store {
    /// Signs a person up: an open group admits them at once; a by-request group only takes a request
    /// (`asked`), which a facilitator answers. Returns what happened.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn sign_up(
        &self,
        body_id: i64,
        person_id: i64,
        asked: bool,
        message: &str,
        who: &crate::Who,
    ) -> Result<Joining> {
        let message = message.trim();
        if message.chars().count() > 2000 {
            return Err(invalid("message", "too-long"));
        }
        let mut tx = self.begin_groups().await?;
        let membership = membership_in(&mut tx, body_id).await?;
        let standing = Standing {
            signed_in: true,
            member: is_member(&mut tx, body_id, person_id).await?,
            ..Standing::default()
        };
        let pending = pending_request(&mut tx, body_id, person_id).await?;
        let outcome = rules::sign_up(membership, standing, asked, pending)
            .map_err(|code| invalid("membership", code))?;
        match outcome {
            Joining::Joined => {
                add_member(self, &mut tx, body_id, person_id).await?;
                // A person may join, leave and join again: each joining is its own entry.
                let now = self.now();
                crate::activity::append(
                    &mut tx,
                    &joined(
                        person_id,
                        body_id,
                        format!("join:{body_id}:{person_id}:{}", crate::format_time(now)),
                        now,
                    ),
                )
                .await?;
                tx.commit(
                    who,
                    [audit_group("group.join", body_id)
                        .after(serde_json::json!({"person_id": person_id}))],
                )
                .await?;
            }
            Joining::Requested => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO group_join_requests (body_id, person_id, message, status, created_at) \
                     VALUES ($1, $2, $3, 'pending', $4) RETURNING id",
                )
                .bind(body_id)
                .bind(person_id)
                .bind(message)
                .bind(self.stamp())
                .fetch_one(&mut *tx)
                .await?;
                // The group's facilitators answer; a group without any leaves it to the foundation.
                let mut to = facilitator_emails(&mut tx, body_id).await?;
                if to.is_empty() {
                    to = sqlx::query_scalar(
                        "SELECT DISTINCT p.email FROM role_grants g JOIN people p ON p.id = g.person_id \
                         WHERE g.role = 'admin' AND p.disabled_at IS NULL ORDER BY p.email",
                    )
                    .fetch_all(&mut *tx)
                    .await?;
                }
                let group = sqlx::query("SELECT name, slug FROM bodies WHERE id = $1")
                    .bind(body_id)
                    .fetch_one(&mut *tx)
                    .await?;
                let requester =
                    crate::public_name(&mut tx, &crate::Who::person(person_id, "")).await?;
                let mail = Mail::new("email-group-join-requested")
                    .arg("group", get::<String>(&group, "name")?)
                    .arg("name", requester)
                    .arg(
                        "link",
                        format!(
                            "{}/groups/{}#requests",
                            crate::SITE,
                            get::<String>(&group, "slug")?
                        ),
                    )
                    .about(body_id);
                for email in &to {
                    outbox::queue_mail(&mut tx, email, &mail).await?;
                }
                tx.commit(
                    who,
                    [AuditEvent::new("group.request", "group_join_request", id)
                        .after(serde_json::json!({"body_id": body_id, "person_id": person_id}))],
                )
                .await?;
            }
        }
        Ok(outcome)
    }

    /// A facilitator's answer to a request: accepting makes the person a member; a decline says why.
    /// Either way the person is told by e-mail, in their language.
    #[tracing::instrument(level = "debug", skip_all, fields(request = request_id, actor = who.person_id))]
    pub async fn answer_join_request(
        &self,
        body_id: i64,
        request_id: i64,
        accept: bool,
        reason: &str,
        who: &crate::Who,
    ) -> Result<JoinRequest> {
        let reason = if accept {
            None
        } else {
            Some(rules::decline_reason(reason).map_err(|c| invalid("reason", c))?)
        };
        let mut tx = self.begin_groups().await?;
        let row = sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS}, p.email{REQUEST_FROM} WHERE r.id = $1 AND r.body_id = $2"
        ))
        .bind(request_id)
        .bind(body_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let request = request_row(&row)?;
        let email: String = get(&row, "email")?;
        if request.status != RequestStatus::Pending {
            return Err(invalid("request", "already-answered"));
        }
        let status = if accept {
            RequestStatus::Accepted
        } else {
            RequestStatus::Declined
        };
        sqlx::query(
            "UPDATE group_join_requests SET status = $1, reason = $2, answered_at = $3, answered_by = $4 \
             WHERE id = $5",
        )
        .bind(status.slug())
        .bind(reason.as_deref())
        .bind(self.stamp())
        .bind(who.person_id)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
        let link = format!("{}/groups/{}", crate::SITE, request.group.slug);
        let mail = if accept {
            add_member(self, &mut tx, body_id, request.person_id).await?;
            crate::activity::append(
                &mut tx,
                &joined(
                    request.person_id,
                    body_id,
                    format!("join-request:{request_id}"),
                    self.now(),
                ),
            )
            .await?;
            Mail::new("email-group-request-accepted")
        } else {
            Mail::new("email-group-request-declined").arg("reason", reason.as_deref().unwrap_or(""))
        };
        outbox::queue_mail(
            &mut tx,
            &email,
            &mail
                .arg("group", &request.group.name)
                .arg("link", link)
                .about(body_id),
        )
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("group.request.answer", "group_join_request", request_id).after(
                    serde_json::json!({"status": status.slug(), "reason": reason, "body_id": body_id}),
                ),
            ],
        )
        .await?;
        self.join_request(request_id).await
    }

    /// Leaves a group. A facilitator with a current or planned term hands it over first.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn leave_group(&self, body_id: i64, person_id: i64, who: &crate::Who) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        let terms = terms::terms_in(&mut tx, body_id).await?;
        let held: Vec<Term> = terms.iter().map(FacilitatorTerm::term).collect();
        rules::may_leave(person_id, &held, today(self.now()))
            .map_err(|c| invalid("membership", c))?;
        let n = sqlx::query(
            "DELETE FROM role_grants WHERE person_id = $1 AND scope_kind = 'group' AND scope_id = $2 \
             AND role IN ('group_member', 'facilitator')",
        )
        .bind(person_id)
        .bind(body_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(invalid("membership", "not-member"));
        }
        tx.commit(
            who,
            [audit_group("group.leave", body_id)
                .before(serde_json::json!({"person_id": person_id}))],
        )
        .await
    }

    /// Members with their organizations (the active partners they work for) and their role today.
    pub async fn group_members(&self, body_id: i64) -> Result<Vec<GroupMember>> {
        let rows = sqlx::query(
            "SELECT p.id, p.display_name, MIN(g.created_at) AS since, \
             MAX(CASE WHEN g.role = 'facilitator' THEN 1 ELSE 0 END) AS facilitates \
             FROM role_grants g JOIN people p ON p.id = g.person_id \
             WHERE g.scope_kind = 'group' AND g.scope_id = $1 AND g.role IN ('group_member', 'facilitator') \
             AND p.disabled_at IS NULL GROUP BY p.id, p.display_name ORDER BY p.display_name, p.id",
        )
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?;
        let mut organizations: HashMap<i64, Vec<String>> = HashMap::new();
        for r in sqlx::query(
            "SELECT DISTINCT g.person_id, pa.name FROM role_grants g JOIN partners pa ON pa.id = g.scope_id \
             WHERE g.scope_kind = 'partner' AND pa.status = 'active' AND g.person_id IN \
             (SELECT person_id FROM role_grants WHERE scope_kind = 'group' AND scope_id = $1) ORDER BY pa.name",
        )
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?
        {
            organizations
                .entry(get(&r, "person_id")?)
                .or_default()
                .push(get(&r, "name")?);
        }
        let today = today(self.now());
        let terms = self.facilitator_terms(body_id).await?;
        let mut out: Vec<GroupMember> = rows
            .iter()
            .map(|r| {
                let id: i64 = get(r, "id")?;
                let seats: Vec<Seat> = terms
                    .iter()
                    .filter(|t| t.person_id == id && t.state(today) == TermState::Current)
                    .map(|t| t.seat)
                    .collect();
                Ok(GroupMember {
                    person_id: id,
                    name: get(r, "display_name")?,
                    organizations: organizations.remove(&id).unwrap_or_default(),
                    role: GroupRole::of(get::<i64>(r, "facilitates")? == 1, &seats),
                    since: get_time(r, "role_grants", "since")?,
                })
            })
            .collect::<Result<_>>()?;
        // Facilitators first, then members by name.
        out.sort_by(|a, b| a.role.cmp(&b.role).then_with(|| a.name.cmp(&b.name)));
        Ok(out)
    }

    pub async fn join_request(&self, id: i64) -> Result<JoinRequest> {
        sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS}{REQUEST_FROM} WHERE r.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.reader)
        .await?
        .as_ref()
        .map(request_row)
        .transpose()?
        .ok_or(StoreError::NotFound)
    }

    /// Requests waiting for an answer in these groups, oldest first.
    pub async fn pending_join_requests(&self, body_ids: &[i64]) -> Result<Vec<JoinRequest>> {
        if body_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::sql::Sql::new(&format!(
            "SELECT {REQUEST_COLUMNS}{REQUEST_FROM} WHERE r.status = 'pending' AND r.body_id IN "
        ));
        q.bind_list(body_ids);
        q.push(" ORDER BY r.created_at, r.id");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(request_row)
            .collect()
    }

    /// The person's latest request to join the group, if any.
    pub async fn join_request_of(
        &self,
        body_id: i64,
        person_id: i64,
    ) -> Result<Option<JoinRequest>> {
        sqlx::query(&format!(
            "SELECT {REQUEST_COLUMNS}{REQUEST_FROM} WHERE r.body_id = $1 AND r.person_id = $2 \
             ORDER BY r.id DESC LIMIT 1"
        ))
        .bind(body_id)
        .bind(person_id)
        .fetch_optional(&self.reader)
        .await?
        .as_ref()
        .map(request_row)
        .transpose()
    }
}
