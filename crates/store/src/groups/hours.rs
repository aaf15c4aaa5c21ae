//! Time commitments of group members (issue 10): a member's hours per month and activity, each
//! correctable (one row per group, person, month and activity), the member's choice to share their
//! totals with the group, totals per member and month, and the monthly reminder to log. Rules come
//! from `agora_domain::groups::hours`.
//!
//! Logging hours appends to the activity ledger in the same write. The ledger entry's source id is
//! `hours:{group}:{person}:{month}:{activity}`, stable across corrections, and the ledger ignores a
//! repeated (source, source id): a correction, or logging again after a delete, records nothing new.
//! The entry says that the person logged time for that month and activity; the figure itself lives
//! here (corrections change it), so the entry's detail names the month and activity only.

use super::*;
use crate::outbox::{self, Mail};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::groups::hours::{self as rules, Hours, HoursActivity, Month, NewHours};

const T: &str = "group_hours";

/// One entry of a member's log, as they see it (notes are theirs alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct HoursEntry {
    pub body_id: i64,
    pub person_id: i64,
    #[schema(value_type = String, example = "2026-11")]
    pub month: Month,
    pub activity: HoursActivity,
    /// Hours, in steps of 0.25.
    #[schema(value_type = f64, example = 2.5)]
    pub hours: Hours,
    pub note: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

/// A member's total for one month in one group, by display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MemberMonth {
    pub person_id: i64,
    pub name: String,
    #[schema(value_type = String, example = "2026-11")]
    pub month: Month,
    #[schema(value_type = f64, example = 12.5)]
    pub hours: Hours,
    /// Whether the member shares their totals with the group's members.
    pub shared: bool,
}

/// What one run of the hours reminder did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct HoursReminderReport {
    pub reminded: u64,
}

fn entry_row(r: &AnyRow) -> Result<HoursEntry> {
    Ok(HoursEntry {
        body_id: get(r, "body_id")?,
        person_id: get(r, "person_id")?,
        month: get_parsed(r, T, "month", Month::parse)?,
        activity: get_parsed(r, T, "activity", HoursActivity::parse)?,
        hours: Hours::from_quarters(get(r, "quarters")?),
        note: get(r, "note")?,
        updated_at: get_time(r, T, "updated_at")?,
    })
}

const ENTRY_COLUMNS: &str =
    "SELECT body_id, person_id, month, activity, quarters, note, updated_at FROM group_hours";

fn source_id(body_id: i64, person_id: i64, month: Month, activity: HoursActivity) -> String {
    format!("hours:{body_id}:{person_id}:{month}:{activity}")
}

fn person_of(who: &crate::Who) -> Result<i64> {
    who.person_id
        .ok_or_else(|| invalid("person", "sign-in-required"))
}

impl Store {
    /// Logs (or corrects) the signed-in member's hours for a month and activity. The month's total
    /// over the group's activities stays within 744 hours (`hours-over-month` on `hours`); only
    /// members log (`not-a-member` on `person`). Returns the entry and whether it is new; logging the
    /// same figure and note again changes nothing and records nothing.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn log_hours(
        &self,
        body_id: i64,
        h: &NewHours,
        who: &crate::Who,
    ) -> Result<(HoursEntry, bool)> {
        let person_id = person_of(who)?;
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        if !is_member(&mut tx, body_id, person_id).await? {
            return Err(invalid("person", "not-a-member"));
        }
        let month = h.month.to_string();
        let others: i64 = sqlx::query_scalar(
            "SELECT CAST(COALESCE(SUM(quarters), 0) AS BIGINT) FROM group_hours WHERE body_id = $1 AND person_id = $2 \
             AND month = $3 AND activity <> $4",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(&month)
        .bind(h.activity.slug())
        .fetch_one(&mut *tx)
        .await?;
        rules::check_total(Hours::from_quarters(others), h.hours).map_err(StoreError::Invalid)?;
        let before = sqlx::query(
            "SELECT quarters, note FROM group_hours WHERE body_id = $1 AND person_id = $2 \
             AND month = $3 AND activity = $4",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(&month)
        .bind(h.activity.slug())
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| -> Result<(i64, String)> { Ok((get(&r, "quarters")?, get(&r, "note")?)) })
        .transpose()?;
        let stamp = self.stamp();
        match &before {
            Some((q, note)) if *q == h.hours.quarters() && *note == h.note => {
                // Nothing changes: the transaction is dropped, and no audit entry claims a change.
                drop(tx);
                let entry = self
                    .hours_entry(body_id, person_id, h.month, h.activity)
                    .await?
                    .ok_or(StoreError::NotFound)?;
                return Ok((entry, false));
            }
            Some(_) => {
                sqlx::query(
                    "UPDATE group_hours SET quarters = $1, note = $2, updated_at = $3 \
                     WHERE body_id = $4 AND person_id = $5 AND month = $6 AND activity = $7",
                )
                .bind(h.hours.quarters())
                .bind(&h.note)
                .bind(&stamp)
                .bind(body_id)
                .bind(person_id)
                .bind(&month)
                .bind(h.activity.slug())
                .execute(&mut *tx)
                .await?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO group_hours (body_id, person_id, month, activity, quarters, note, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(body_id)
                .bind(person_id)
                .bind(&month)
                .bind(h.activity.slug())
                .bind(h.hours.quarters())
                .bind(&h.note)
                .bind(&stamp)
                .execute(&mut *tx)
                .await?;
            }
        }
        crate::activity::append(
            &mut tx,
            &NewActivity::new(
                person_id,
                ActivitySource::Hours,
                source_id(body_id, person_id, h.month, h.activity),
                ActivityKind::Hours,
                self.now(),
            )
            .in_group(body_id)
            .detail(serde_json::json!({"month": month, "activity": h.activity.slug()})),
        )
        .await?;
        // The note stays out of the audit log: it is the member's own words about their time.
        tx.commit(
            who,
            [audit_group("group.hours.log", body_id).after(serde_json::json!({
                "person_id": person_id, "month": month, "activity": h.activity.slug(),
                "hours": h.hours, "previous": before.as_ref().map(|(q, _)| Hours::from_quarters(*q)),
            }))],
        )
        .await?;
        let entry = self
            .hours_entry(body_id, person_id, h.month, h.activity)
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok((entry, before.is_none()))
    }

    /// Deletes the signed-in person's entry for a month and activity (`NotFound` when there is
    /// none). The ledger keeps its entry: it is append-only.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn delete_hours(
        &self,
        body_id: i64,
        month: Month,
        activity: HoursActivity,
        who: &crate::Who,
    ) -> Result<()> {
        let person_id = person_of(who)?;
        let mut tx = self.begin_groups().await?;
        let before: Option<i64> = sqlx::query_scalar(
            "SELECT quarters FROM group_hours WHERE body_id = $1 AND person_id = $2 AND month = $3 \
             AND activity = $4",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(month.to_string())
        .bind(activity.slug())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(before) = before else {
            return Err(StoreError::NotFound);
        };
        sqlx::query(
            "DELETE FROM group_hours WHERE body_id = $1 AND person_id = $2 AND month = $3 \
             AND activity = $4",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(month.to_string())
        .bind(activity.slug())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                audit_group("group.hours.delete", body_id).after(serde_json::json!({
                    "person_id": person_id, "month": month, "activity": activity.slug(),
                    "previous": Hours::from_quarters(before),
                })),
            ],
        )
        .await
    }

    /// The signed-in member's choice to share their monthly totals with the group's members.
    /// Returns whether it changed.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn set_hours_sharing(
        &self,
        body_id: i64,
        shared: bool,
        who: &crate::Who,
    ) -> Result<bool> {
        let person_id = person_of(who)?;
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        if !is_member(&mut tx, body_id, person_id).await? {
            return Err(invalid("person", "not-a-member"));
        }
        let before: Option<i64> = sqlx::query_scalar(
            "SELECT shared FROM group_hours_sharing WHERE body_id = $1 AND person_id = $2",
        )
        .bind(body_id)
        .bind(person_id)
        .fetch_optional(&mut *tx)
        .await?;
        if before.unwrap_or(0) == i64::from(shared) {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO group_hours_sharing (body_id, person_id, shared, updated_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (body_id, person_id) DO UPDATE SET \
             shared = excluded.shared, updated_at = excluded.updated_at",
        )
        .bind(body_id)
        .bind(person_id)
        .bind(i64::from(shared))
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [audit_group("group.hours.sharing", body_id)
                .after(serde_json::json!({"person_id": person_id, "shared": shared}))],
        )
        .await?;
        Ok(true)
    }

    /// Whether the person shares their totals with the group.
    pub async fn hours_shared(&self, body_id: i64, person_id: i64) -> Result<bool> {
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT shared FROM group_hours_sharing WHERE body_id = $1 AND person_id = $2",
        )
        .bind(body_id)
        .bind(person_id)
        .fetch_optional(&self.reader)
        .await?;
        Ok(v == Some(1))
    }

    async fn hours_entry(
        &self,
        body_id: i64,
        person_id: i64,
        month: Month,
        activity: HoursActivity,
    ) -> Result<Option<HoursEntry>> {
        sqlx::query(&format!(
            "{ENTRY_COLUMNS} WHERE body_id = $1 AND person_id = $2 AND month = $3 AND activity = $4"
        ))
        .bind(body_id)
        .bind(person_id)
        .bind(month.to_string())
        .bind(activity.slug())
        .fetch_optional(&self.reader)
        .await?
        .as_ref()
        .map(entry_row)
        .transpose()
    }

    /// A person's log in a group from `since` on, newest month first, activities in their order.
    pub async fn hours_log(
        &self,
        body_id: i64,
        person_id: i64,
        since: Month,
    ) -> Result<Vec<HoursEntry>> {
        let rows = sqlx::query(&format!(
            "{ENTRY_COLUMNS} WHERE body_id = $1 AND person_id = $2 AND month >= $3 \
             ORDER BY month DESC, activity"
        ))
        .bind(body_id)
        .bind(person_id)
        .bind(since.to_string())
        .fetch_all(&self.reader)
        .await?;
        let mut out = rows.iter().map(entry_row).collect::<Result<Vec<_>>>()?;
        // The domain's order of activities, not the alphabet's.
        out.sort_by(|a, b| b.month.cmp(&a.month).then(a.activity.cmp(&b.activity)));
        Ok(out)
    }

    /// Every member's total per month in the group from `since` on (people who logged, by display
    /// name), with whether each shares them. Who may see which row is the caller's
    /// (`hours::may_see_totals`).
    pub async fn hours_totals(&self, body_id: i64, since: Month) -> Result<Vec<MemberMonth>> {
        let rows = sqlx::query(
            "SELECT h.person_id, p.display_name, h.month, CAST(SUM(h.quarters) AS BIGINT) AS total, \
             COALESCE(MAX(s.shared), 0) AS shared \
             FROM group_hours h JOIN people p ON p.id = h.person_id \
             LEFT JOIN group_hours_sharing s ON s.body_id = h.body_id AND s.person_id = h.person_id \
             WHERE h.body_id = $1 AND h.month >= $2 \
             GROUP BY h.person_id, p.display_name, h.month \
             ORDER BY p.display_name, h.person_id, h.month DESC",
        )
        .bind(body_id)
        .bind(since.to_string())
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MemberMonth {
                    person_id: get(r, "person_id")?,
                    name: get(r, "display_name")?,
                    month: get_parsed(r, T, "month", Month::parse)?,
                    hours: Hours::from_quarters(get(r, "total")?),
                    shared: get::<i64>(r, "shared")? == 1,
                })
            })
            .collect()
    }

    /// The groups with an expected range the person belongs to and logged nothing in for `month`
    /// (the home page's "hours to log").
    pub async fn groups_missing_hours(
        &self,
        person_id: i64,
        month: Month,
    ) -> Result<Vec<GroupLink>> {
        let rows = sqlx::query(
            "SELECT DISTINCT b.id, b.slug, b.name FROM role_grants g \
             JOIN bodies b ON b.id = g.scope_id JOIN group_profiles gp ON gp.body_id = b.id \
             WHERE g.person_id = $1 AND g.scope_kind = 'group' \
             AND g.role IN ('group_member', 'facilitator') AND gp.hours_min IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM group_hours h WHERE h.body_id = b.id \
             AND h.person_id = g.person_id AND h.month = $2) ORDER BY b.name, b.id",
        )
        .bind(person_id)
        .bind(month.to_string())
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(|r| link(r, "id", "slug", "name")).collect()
    }

    /// The job's monthly reminder: from the 25th of a month to the 5th of the next
    /// (`hours::month_to_log`), each member of a group with an expected range who logged nothing in
    /// it for that month gets one e-mail for the month, in their language, naming those groups. Each
    /// reminder is an audited change by the system; a person is reminded once per month.
    pub async fn remind_hours_due(&self, now: DateTime<Utc>) -> Result<HoursReminderReport> {
        let mut report = HoursReminderReport::default();
        let Some(month) = rules::month_to_log(today(now)) else {
            return Ok(report);
        };
        let rows = sqlx::query(
            "SELECT DISTINCT p.id, p.email, b.name FROM role_grants g \
             JOIN people p ON p.id = g.person_id JOIN bodies b ON b.id = g.scope_id \
             JOIN group_profiles gp ON gp.body_id = b.id \
             WHERE g.scope_kind = 'group' AND g.role IN ('group_member', 'facilitator') \
             AND gp.hours_min IS NOT NULL AND p.disabled_at IS NULL \
             AND NOT EXISTS (SELECT 1 FROM group_hours h WHERE h.body_id = b.id \
             AND h.person_id = p.id AND h.month = $1) \
             AND NOT EXISTS (SELECT 1 FROM group_hours_reminders r WHERE r.person_id = p.id \
             AND r.month = $1) ORDER BY p.id, b.name",
        )
        .bind(month.to_string())
        .fetch_all(&self.reader)
        .await?;
        let mut people: Vec<(i64, String, Vec<String>)> = vec![];
        for r in &rows {
            let (id, email, group): (i64, String, String) =
                (get(r, "id")?, get(r, "email")?, get(r, "name")?);
            match people.last_mut() {
                Some((last, _, groups)) if *last == id => groups.push(group),
                _ => people.push((id, email, vec![group])),
            }
        }
        let system = crate::Who::system();
        for (person_id, email, groups) in people {
            let mut tx = self.begin_groups().await?;
            let n = sqlx::query(
                "INSERT INTO group_hours_reminders (person_id, month, sent_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (person_id, month) DO NOTHING",
            )
            .bind(person_id)
            .bind(month.to_string())
            .bind(self.stamp())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                // Another instance reminded them meanwhile.
                continue;
            }
            outbox::queue_mail(
                &mut tx,
                &email,
                &Mail::new("email-group-hours-due")
                    .arg("month", month.to_string())
                    .arg("groups", groups.join(", "))
                    .arg("link", format!("{}/home", crate::SITE)),
            )
            .await?;
            tx.commit(
                &system,
                [AuditEvent::new("group.hours.remind", "person", person_id)
                    .after(serde_json::json!({"month": month, "groups": groups.len()}))],
            )
            .await?;
            report.reminded += 1;
        }
        Ok(report)
    }
}
