//! Regular updates of groups: the group's cadence and who posts, the updates themselves (each also an
//! entry of its author's activity ledger), when the next is due, and the reminder to the group's
//! facilitators once per due date. Rules come from `agora_domain::groups::updates`.

use super::*;
use crate::outbox::{self, Mail};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::groups::okrs::Quarter;
use agora_domain::groups::updates::{self as rules, NewUpdate, Staleness, UpdateSettings};
use std::collections::HashMap;

const T: &str = "group_updates";

/// An update as pages, feeds and the API show it: its author by display name only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GroupUpdate {
    pub id: i64,
    pub group: GroupLink,
    #[serde(serialize_with = "quarter_text")]
    #[schema(value_type = String, example = "2026-Q4")]
    pub period: Quarter,
    pub progress: String,
    pub blockers: String,
    pub next_steps: String,
    pub links: Vec<String>,
    pub author: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub posted_at: DateTime<Utc>,
}

fn quarter_text<S: serde::Serializer>(q: &Quarter, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&q.to_string())
}

/// Where a group stands with its updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct UpdateSchedule {
    pub settings: UpdateSettings,
    #[serde(serialize_with = "crate::json_time::option")]
    pub last_posted_at: Option<DateTime<Utc>>,
    /// None until the group has posted or set its reporting up.
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    pub status: Staleness,
}

/// What one run of the update reminders did.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct UpdateReminderReport {
    pub reminded: u64,
}

const COLUMNS: &str = "SELECT u.id, u.body_id, b.slug, b.name, u.period, u.progress, u.blockers, \
    u.next_steps, u.links, p.display_name, u.posted_at";
const FROM: &str = " FROM group_updates u JOIN bodies b ON b.id = u.body_id \
    LEFT JOIN people p ON p.id = u.author_id";

fn update_row(r: &AnyRow) -> Result<GroupUpdate> {
    Ok(GroupUpdate {
        id: get(r, "id")?,
        group: link(r, "body_id", "slug", "name")?,
        period: get_parsed(r, T, "period", Quarter::parse)?,
        progress: get(r, "progress")?,
        blockers: get(r, "blockers")?,
        next_steps: get(r, "next_steps")?,
        links: crate::json_column(T, "links", &get::<String>(r, "links")?)?,
        author: get::<Option<String>>(r, "display_name")?
            .unwrap_or_else(|| crate::FORMER_MEMBER.to_string()),
        posted_at: get_time(r, T, "posted_at")?,
    })
}

fn settings_row(r: &AnyRow) -> Result<(i64, UpdateSettings)> {
    let members: i64 = get(r, "members_post")?;
    Ok((
        get(r, "body_id")?,
        UpdateSettings {
            cadence_days: get(r, "cadence_days")?,
            members_post: members == 1,
        },
    ))
}

impl Store {
    /// The group's cadence and whether members post (the defaults when never set).
    pub async fn update_settings(&self, body_id: i64) -> Result<UpdateSettings> {
        Ok(sqlx::query(
            "SELECT body_id, cadence_days, members_post FROM group_update_settings WHERE body_id = $1",
        )
        .bind(body_id)
        .fetch_optional(&self.reader)
        .await?
        .as_ref()
        .map(settings_row)
        .transpose()?
        .map(|(_, s)| s)
        .unwrap_or_default())
    }

    /// Sets how often the group reports and whether its members post.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn set_update_settings(
        &self,
        body_id: i64,
        s: &UpdateSettings,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        sqlx::query(
            "INSERT INTO group_update_settings (body_id, cadence_days, members_post, started_on, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (body_id) DO UPDATE SET \
             cadence_days = excluded.cadence_days, members_post = excluded.members_post, \
             updated_at = excluded.updated_at",
        )
        .bind(body_id)
        .bind(s.cadence_days)
        .bind(i64::from(s.members_post))
        .bind(today(self.now()).to_string())
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [audit_group("group.update_settings", body_id).after(s)],
        )
        .await
    }

    /// Posts an update of the group (whoever may post is checked by the caller with
    /// `updates::may_post`); it is also an entry of the author's activity ledger.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn post_update(
        &self,
        body_id: i64,
        u: &NewUpdate,
        who: &crate::Who,
    ) -> Result<GroupUpdate> {
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        let now = self.now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO group_updates (body_id, period, progress, blockers, next_steps, links, author_id, posted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(body_id)
        .bind(u.period.to_string())
        .bind(&u.progress)
        .bind(&u.blockers)
        .bind(&u.next_steps)
        .bind(serde_json::to_string(&u.links).unwrap_or_else(|_| "[]".into()))
        .bind(who.person_id)
        .bind(crate::format_time(now))
        .fetch_one(&mut *tx)
        .await?;
        if let Some(person_id) = who.person_id {
            crate::activity::append(
                &mut tx,
                &NewActivity::new(
                    person_id,
                    ActivitySource::Updates,
                    format!("update:{id}"),
                    ActivityKind::Update,
                    now,
                )
                .in_group(body_id)
                .detail(serde_json::json!({"update_id": id, "period": u.period.to_string()})),
            )
            .await?;
        }
        let group = sqlx::query("SELECT name, slug FROM bodies WHERE id = $1")
            .bind(body_id)
            .fetch_one(&mut *tx)
            .await?;
        let by = crate::public_name(&mut tx, who).await?;
        crate::notifications::notify_group(
            &mut tx,
            body_id,
            who.person_id,
            Mail::new("email-group-update-posted")
                .arg("group", get::<String>(&group, "name")?)
                .arg("by", by)
                .arg("period", u.period.to_string())
                .arg("progress", agora_domain::text::excerpt(&u.progress, 400))
                .arg(
                    "link",
                    format!(
                        "{}/groups/{}#updates",
                        crate::SITE,
                        get::<String>(&group, "slug")?
                    ),
                ),
        )
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("group.update.post", "group_update", id).after(
                    serde_json::json!({"body_id": body_id, "period": u.period.to_string(),
                    "links": u.links.len()}),
                ),
            ],
        )
        .await?;
        self.group_update(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn group_update(&self, id: i64) -> Result<Option<GroupUpdate>> {
        sqlx::query(&format!("{COLUMNS}{FROM} WHERE u.id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(update_row)
            .transpose()
    }

    /// The latest updates of these groups, newest first (a group's page, the feeds).
    pub async fn recent_updates(&self, body_ids: &[i64], limit: i64) -> Result<Vec<GroupUpdate>> {
        if body_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::sql::Sql::new(&format!("{COLUMNS}{FROM} WHERE u.body_id IN "));
        q.bind_list(body_ids);
        q.push(" ORDER BY u.posted_at DESC, u.id DESC LIMIT ")
            .bind(limit.clamp(1, 500));
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(update_row)
            .collect()
    }

    /// Every update of these groups for a period, oldest first (the printable digest).
    pub async fn updates_in_period(
        &self,
        body_ids: &[i64],
        period: Quarter,
    ) -> Result<Vec<GroupUpdate>> {
        if body_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::sql::Sql::new(&format!("{COLUMNS}{FROM} WHERE u.period = "));
        q.bind(period.to_string());
        q.push(" AND u.body_id IN ");
        q.bind_list(body_ids);
        q.push(" ORDER BY b.name, u.posted_at, u.id");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(update_row)
            .collect()
    }

    /// When each of these groups' next update is due and how it stands on `today`. Before a first
    /// update, the cadence runs from the day the group set its reporting up.
    pub async fn update_schedules(
        &self,
        body_ids: &[i64],
        today: NaiveDate,
    ) -> Result<HashMap<i64, UpdateSchedule>> {
        if body_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let mut q = crate::sql::Sql::new(
            "SELECT b.id, s.started_on, s.cadence_days, s.members_post, \
             (SELECT MAX(u.posted_at) FROM group_updates u WHERE u.body_id = b.id) AS last_posted_at \
             FROM bodies b LEFT JOIN group_update_settings s ON s.body_id = b.id WHERE b.id IN ",
        );
        q.bind_list(body_ids);
        let mut out = HashMap::new();
        for r in q.query().fetch_all(&self.reader).await? {
            let cadence: Option<i64> = get(&r, "cadence_days")?;
            let settings = match cadence {
                Some(cadence_days) => UpdateSettings {
                    cadence_days,
                    members_post: get::<Option<i64>>(&r, "members_post")? == Some(1),
                },
                None => UpdateSettings::default(),
            };
            let started = get::<Option<String>>(&r, "started_on")?
                .map(|d| {
                    crate::parse_column("group_update_settings", "started_on", &d, |d| {
                        NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    })
                })
                .transpose()?;
            let last = get_opt_time(&r, T, "last_posted_at")?;
            let due_on =
                rules::due_on(last.map(|t| t.date_naive()), started, settings.cadence_days);
            out.insert(
                get(&r, "id")?,
                UpdateSchedule {
                    settings,
                    last_posted_at: last,
                    due_on,
                    status: Staleness::of(due_on, today),
                },
            );
        }
        Ok(out)
    }

    /// The job's reminders: a group whose next update is due soon or overdue reminds its
    /// facilitators by e-mail, in each one's language, once per due date. Each group's reminder is
    /// an audited change by the system.
    pub async fn remind_updates_due(&self, now: DateTime<Utc>) -> Result<UpdateReminderReport> {
        let today = today(now);
        let groups = self.groups().await?;
        let ids: Vec<i64> = groups.iter().map(|g| g.body.id).collect();
        let schedules = self.update_schedules(&ids, today).await?;
        let mut report = UpdateReminderReport::default();
        let system = crate::Who::system();
        for g in &groups {
            let Some(s) = schedules.get(&g.body.id) else {
                continue;
            };
            let (Some(due_on), Staleness::DueSoon | Staleness::Overdue) = (s.due_on, s.status)
            else {
                continue;
            };
            let mut tx = self.begin_groups().await?;
            let n = sqlx::query(
                "INSERT INTO group_update_reminders (body_id, due_on, sent_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (body_id, due_on) DO NOTHING",
            )
            .bind(g.body.id)
            .bind(due_on.to_string())
            .bind(self.stamp())
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if n == 0 {
                // Already reminded for this due date.
                continue;
            }
            let emails = facilitator_emails(&mut tx, g.body.id).await?;
            for email in &emails {
                outbox::queue_mail(
                    &mut tx,
                    email,
                    &Mail::new("email-group-update-due")
                        .arg("group", &g.body.name)
                        .arg("date", due_on)
                        .arg(
                            "link",
                            format!("{}/groups/{}#updates", crate::SITE, g.body.slug),
                        )
                        .about(g.body.id),
                )
                .await?;
            }
            tx.commit(
                &system,
                [audit_group("group.update.remind", g.body.id)
                    .after(serde_json::json!({"due_on": s.due_on, "facilitators": emails.len()}))],
            )
            .await?;
            report.reminded += 1;
        }
        Ok(report)
    }
}
