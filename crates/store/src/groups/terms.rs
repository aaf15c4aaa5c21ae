//! Facilitator terms: the planned schedule, the history of who facilitated when, and the rotation
//! that hands the facilitator role over as terms begin and end, with a reminder before the end.

use super::*;
use crate::outbox::{self, Mail};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::groups as rules;
use agora_domain::permissions::Role;

const TERM_COLUMNS: &str =
    "t.id, t.body_id, t.person_id, p.display_name, t.seat, t.starts_on, t.ends_on";
const TERM_FROM: &str = " FROM group_facilitator_terms t JOIN people p ON p.id = t.person_id";

pub(super) async fn terms_in(tx: &mut Tx, body_id: i64) -> Result<Vec<FacilitatorTerm>> {
    sqlx::query(&format!(
        "SELECT {TERM_COLUMNS}{TERM_FROM} WHERE t.body_id = $1 ORDER BY t.starts_on, t.id"
    ))
    .bind(body_id)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(term_row)
    .collect()
}

/// The ledger's entry for a facilitator term that began: one per term.
fn facilitated(
    term_id: i64,
    body_id: i64,
    person_id: i64,
    t: &Term,
    at: DateTime<Utc>,
) -> NewActivity {
    NewActivity::new(
        person_id,
        ActivitySource::Groups,
        format!("term:{term_id}"),
        ActivityKind::Facilitated,
        at,
    )
    .in_group(body_id)
    .detail(
        serde_json::json!({"seat": t.seat.slug(), "starts_on": t.starts_on, "ends_on": t.ends_on}),
    )
}

/// What one run of the rotation did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct RotationReport {
    pub begun: u64,
    pub ended: u64,
    pub reminded: u64,
}

impl Store {
    /// Every term of a group, past, current and planned, in order.
    pub async fn facilitator_terms(&self, body_id: i64) -> Result<Vec<FacilitatorTerm>> {
        sqlx::query(&format!(
            "SELECT {TERM_COLUMNS}{TERM_FROM} WHERE t.body_id = $1 ORDER BY t.starts_on, t.id"
        ))
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(term_row)
        .collect()
    }

    /// Plans a term for a member. A term starting today takes effect at once (the person becomes a
    /// facilitator); a later one when the rotation reaches its first day.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn plan_term(
        &self,
        body_id: i64,
        person_id: i64,
        seat: &str,
        starts_on: &str,
        ends_on: &str,
        who: &crate::Who,
    ) -> Result<FacilitatorTerm> {
        let today = today(self.now());
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        if !is_member(&mut tx, body_id, person_id).await? {
            return Err(invalid("person", "not-member"));
        }
        let others: Vec<Term> = terms_in(&mut tx, body_id)
            .await?
            .iter()
            .map(FacilitatorTerm::term)
            .collect();
        let term = rules::check_term(person_id, seat, starts_on, ends_on, today, &others)?;
        let begins_now = term.state(today) == TermState::Current;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO group_facilitator_terms (body_id, person_id, seat, starts_on, ends_on, begun_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(term.seat.slug())
        .bind(term.starts_on.to_string())
        .bind(term.ends_on.to_string())
        .bind(begins_now.then_some(stamp.as_str()))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        if begins_now {
            grant_in_group(self, &mut tx, person_id, Role::Facilitator, body_id).await?;
            crate::activity::append(
                &mut tx,
                &facilitated(id, body_id, person_id, &term, self.now()),
            )
            .await?;
        }
        tx.commit(
            who,
            [AuditEvent::new("group.term.plan", "group_facilitator_term", id).after(
                serde_json::json!({"body_id": body_id, "person_id": person_id, "seat": term.seat.slug(),
                    "starts_on": term.starts_on, "ends_on": term.ends_on}),
            )],
        )
        .await?;
        self.facilitator_terms(body_id)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or(StoreError::NotFound)
    }

    /// The rotation, run by the job: terms whose first day has come make their holder a facilitator;
    /// terms that are over take the role back (unless the person holds another current term); a
    /// term in its last `TERM_REMINDER_DAYS` reminds its holder, once, to plan the next one. Each
    /// term is its own audited change by the system.
    pub async fn rotate_facilitators(&self, now: DateTime<Utc>) -> Result<RotationReport> {
        let today = today(now);
        let day = today.to_string();
        let mut report = RotationReport::default();
        // Each open term with whether it has begun and whether its holder was reminded.
        let due: Vec<(FacilitatorTerm, bool, bool)> = sqlx::query(&format!(
            "SELECT {TERM_COLUMNS}, t.begun_at, t.reminded_at{TERM_FROM} \
             WHERE t.ended_at IS NULL AND t.starts_on <= $1 ORDER BY t.starts_on, t.id"
        ))
        .bind(&day)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            Ok((
                term_row(r)?,
                get::<Option<String>>(r, "begun_at")?.is_some(),
                get::<Option<String>>(r, "reminded_at")?.is_some(),
            ))
        })
        .collect::<Result<_>>()?;
        let system = crate::Who::system();
        for (t, begun, reminded) in due {
            match t.state(today) {
                TermState::Past => {
                    let mut tx = self.begin_groups().await?;
                    let still: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM group_facilitator_terms WHERE body_id = $1 AND person_id = $2 \
                         AND id <> $3 AND starts_on <= $4 AND ends_on >= $4",
                    )
                    .bind(t.body_id)
                    .bind(t.person_id)
                    .bind(t.id)
                    .bind(&day)
                    .fetch_one(&mut *tx)
                    .await?;
                    if still == 0 {
                        sqlx::query(
                            "DELETE FROM role_grants WHERE person_id = $1 AND role = 'facilitator' \
                             AND scope_kind = 'group' AND scope_id = $2",
                        )
                        .bind(t.person_id)
                        .bind(t.body_id)
                        .execute(&mut *tx)
                        .await?;
                        // They stay in the group as a member.
                        grant_in_group(self, &mut tx, t.person_id, Role::GroupMember, t.body_id)
                            .await?;
                    }
                    sqlx::query(
                        "UPDATE group_facilitator_terms SET ended_at = $1, begun_at = COALESCE(begun_at, $1) \
                         WHERE id = $2",
                    )
                    .bind(self.stamp())
                    .bind(t.id)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit(
                        &system,
                        [AuditEvent::new("group.term.end", "group_facilitator_term", t.id)
                            .after(serde_json::json!({"body_id": t.body_id, "person_id": t.person_id,
                                "facilitator_role_revoked": still == 0}))],
                    )
                    .await?;
                    report.ended += 1;
                }
                TermState::Current => {
                    if !begun {
                        let mut tx = self.begin_groups().await?;
                        grant_in_group(self, &mut tx, t.person_id, Role::Facilitator, t.body_id)
                            .await?;
                        crate::activity::append(
                            &mut tx,
                            &facilitated(t.id, t.body_id, t.person_id, &t.term(), now),
                        )
                        .await?;
                        sqlx::query(
                            "UPDATE group_facilitator_terms SET begun_at = $1 WHERE id = $2",
                        )
                        .bind(self.stamp())
                        .bind(t.id)
                        .execute(&mut *tx)
                        .await?;
                        tx.commit(
                            &system,
                            [AuditEvent::new("group.term.begin", "group_facilitator_term", t.id)
                                .after(serde_json::json!({"body_id": t.body_id, "person_id": t.person_id}))],
                        )
                        .await?;
                        report.begun += 1;
                    }
                    if !reminded && t.term().reminder_due(today) {
                        self.remind_term_ending(&t, &system).await?;
                        report.reminded += 1;
                    }
                }
                TermState::Planned => {}
            }
        }
        Ok(report)
    }

    async fn remind_term_ending(&self, t: &FacilitatorTerm, system: &crate::Who) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        let row = sqlx::query(
            "SELECT p.email, b.name, b.slug FROM people p, bodies b WHERE p.id = $1 AND b.id = $2",
        )
        .bind(t.person_id)
        .bind(t.body_id)
        .fetch_one(&mut *tx)
        .await?;
        let (email, name, slug): (String, String, String) =
            (get(&row, "email")?, get(&row, "name")?, get(&row, "slug")?);
        outbox::queue_mail(
            &mut tx,
            &email,
            &Mail::new("email-group-term-ending")
                .arg("group", name)
                .arg("date", t.ends_on)
                .arg("link", format!("{}/groups/{slug}#terms", crate::SITE))
                .about(t.body_id),
        )
        .await?;
        sqlx::query("UPDATE group_facilitator_terms SET reminded_at = $1 WHERE id = $2")
            .bind(self.stamp())
            .bind(t.id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            system,
            [
                AuditEvent::new("group.term.remind", "group_facilitator_term", t.id)
                    .after(serde_json::json!({"ends_on": t.ends_on})),
            ],
        )
        .await
    }

    /// Current terms of these groups that end within the reminder window with no successor planned
    /// for their seat: someone must plan the next facilitator.
    pub async fn terms_needing_successor(
        &self,
        body_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Vec<(GroupLink, FacilitatorTerm)>> {
        let today = today(now);
        let mut out = vec![];
        for g in self.groups().await? {
            if !body_ids.contains(&g.body.id) {
                continue;
            }
            let terms = self.facilitator_terms(g.body.id).await?;
            for t in &terms {
                let succeeded = terms
                    .iter()
                    .any(|n| n.seat == t.seat && n.starts_on > t.ends_on);
                if t.term().reminder_due(today) && !succeeded {
                    out.push((
                        GroupLink {
                            id: g.body.id,
                            slug: g.body.slug.clone(),
                            name: g.body.name.clone(),
                        },
                        t.clone(),
                    ));
                }
            }
        }
        Ok(out)
    }
}
