//! Recurring meetings of a group: series, exceptions (cancelled or moved occurrences), an agenda and
//! notes per occurrence, attendance, and each person's private calendar link (kept as a hash). The
//! rules (rules and zones, expansion, which occurrences exist) are `agora_domain::groups::meetings`;
//! the web layer checks an exception against its series there before this module keeps it.

use super::*;
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::groups::meetings::{self as m, Exception, Rule, Series};
use chrono::NaiveDateTime;

const T_SERIES: &str = "meeting_series";
const T_EXC: &str = "meeting_exceptions";

/// A stored series with its exceptions.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct MeetingSeries {
    pub id: i64,
    pub group: GroupLink,
    pub series: Series,
    pub exceptions: Vec<Exception>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

/// The agenda and notes of one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OccurrenceNotes {
    pub agenda: String,
    pub notes: String,
}

/// Someone who marked themselves present at an occurrence (by display name, never an address).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Attendee {
    pub person_id: i64,
    pub name: String,
}

fn local_column(r: &AnyRow, table: &'static str, column: &'static str) -> Result<NaiveDateTime> {
    get_parsed(r, table, column, |s| {
        NaiveDateTime::parse_from_str(s, m::LOCAL_FORMAT)
    })
}

fn series_row(r: &AnyRow) -> Result<(i64, GroupLink, Series, DateTime<Utc>)> {
    let zone = get_parsed(r, T_SERIES, "zone", m::parse_zone)?;
    let start = local_column(r, T_SERIES, "start_local")?;
    let rule_text: String = get(r, "rule")?;
    let rule = Rule::stored(&rule_text, start, zone)
        .map_err(|_| crate::corrupt(T_SERIES, "rule", &rule_text))?;
    let duration_minutes: i64 = get(r, "duration_minutes")?;
    if !(m::MIN_DURATION_MINUTES..=m::MAX_DURATION_MINUTES).contains(&duration_minutes) {
        return Err(crate::corrupt(
            T_SERIES,
            "duration_minutes",
            &duration_minutes.to_string(),
        ));
    }
    Ok((
        get(r, "id")?,
        link(r, "body_id", "slug", "name")?,
        Series {
            title: get(r, "title")?,
            rule,
            start,
            zone,
            duration_minutes,
            place: get(r, "place")?,
            agenda_template: get(r, "agenda_template")?,
        },
        get_time(r, T_SERIES, "updated_at")?,
    ))
}

fn exception_row(r: &AnyRow) -> Result<(i64, Exception)> {
    let moved_to = match get::<Option<String>>(r, "moved_to")? {
        None => None,
        Some(s) => Some(
            NaiveDateTime::parse_from_str(&s, m::LOCAL_FORMAT)
                .map_err(|_| crate::corrupt(T_EXC, "moved_to", &s))?,
        ),
    };
    Ok((
        get(r, "series_id")?,
        Exception {
            occurrence: local_column(r, T_EXC, "occurrence")?,
            moved_to,
        },
    ))
}

const SERIES_COLUMNS: &str = "s.id, s.body_id, b.slug, b.name, s.title, s.rule, s.start_local, \
    s.zone, s.duration_minutes, s.place, s.agenda_template, s.updated_at";

fn series_json(body_id: i64, s: &Series) -> serde_json::Value {
    serde_json::json!({"body_id": body_id, "title": s.title, "rule": s.rule.as_str(),
        "start": m::format_local(s.start), "zone": s.zone.name(),
        "duration_minutes": s.duration_minutes, "place": s.place})
}

/// The series' group, inside a write; not found unless it belongs to `body_id`.
async fn series_in(tx: &mut Tx, body_id: i64, id: i64) -> Result<()> {
    let owner: Option<i64> = sqlx::query_scalar("SELECT body_id FROM meeting_series WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
    if owner != Some(body_id) {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

impl Store {
    /// Series whose rows match `filter` (a WHERE clause on `s` and `b`), with exceptions.
    async fn meeting_series_where(&self, filter: &crate::sql::Sql) -> Result<Vec<MeetingSeries>> {
        let mut q = crate::sql::Sql::new(&format!(
            "SELECT {SERIES_COLUMNS} FROM meeting_series s JOIN bodies b ON b.id = s.body_id WHERE "
        ));
        q.extend(filter).push(" ORDER BY b.name, s.id");
        let rows = q.query().fetch_all(&self.reader).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let (id, group, series, updated_at) = series_row(r)?;
            out.push(MeetingSeries {
                id,
                group,
                series,
                exceptions: Vec::new(),
                updated_at,
            });
        }
        if out.is_empty() {
            return Ok(out);
        }
        let mut q = crate::sql::Sql::new(
            "SELECT series_id, occurrence, moved_to FROM meeting_exceptions WHERE series_id IN ",
        );
        let ids: Vec<i64> = out.iter().map(|s| s.id).collect();
        q.bind_list(&ids).push(" ORDER BY series_id, occurrence");
        for r in q.query().fetch_all(&self.reader).await? {
            let (sid, x) = exception_row(&r)?;
            if let Some(s) = out.iter_mut().find(|s| s.id == sid) {
                s.exceptions.push(x);
            }
        }
        Ok(out)
    }

    /// A group's meeting series.
    pub async fn meetings_of_group(&self, body_id: i64) -> Result<Vec<MeetingSeries>> {
        let mut f = crate::sql::Sql::new("s.body_id = ");
        f.bind(body_id);
        self.meeting_series_where(&f).await
    }

    /// One series, with its exceptions.
    pub async fn meeting_series(&self, id: i64) -> Result<Option<MeetingSeries>> {
        Ok(self
            .meeting_series_where(crate::sql::Sql::new("s.id = ").bind(id))
            .await?
            .into_iter()
            .next())
    }

    /// The series of every group the person holds a role in (their calendar and "meetings this week").
    pub async fn meetings_of_person(&self, person_id: i64) -> Result<Vec<MeetingSeries>> {
        let mut f = crate::sql::Sql::new(
            "s.body_id IN (SELECT scope_id FROM role_grants WHERE person_id = ",
        );
        f.bind(person_id).push(" AND scope_kind = 'group')");
        self.meeting_series_where(&f).await
    }

    /// Every series of every public group (the benchmark's feeds and a public listing).
    pub async fn meetings_of_public_groups(&self) -> Result<Vec<MeetingSeries>> {
        let mut f = crate::sql::Sql::new("b.visibility = ");
        f.bind(agora_domain::governance::Visibility::Public.slug());
        self.meeting_series_where(&f).await
    }

    /// Adds a meeting series to a group.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn create_meeting_series(
        &self,
        body_id: i64,
        s: &Series,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO meeting_series (body_id, title, rule, start_local, zone, duration_minutes, \
             place, agenda_template, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(body_id)
        .bind(&s.title)
        .bind(s.rule.as_str())
        .bind(m::format_local(s.start))
        .bind(s.zone.name())
        .bind(s.duration_minutes)
        .bind(&s.place)
        .bind(&s.agenda_template)
        .bind(who.person_id)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("meeting.create", "meeting_series", id)
                .after(series_json(body_id, s))],
        )
        .await?;
        Ok(id)
    }

    /// Changes a series. Exceptions stay keyed by their original start; one the new rule no longer
    /// gives changes nothing.
    #[tracing::instrument(level = "debug", skip_all, fields(series = id, actor = who.person_id))]
    pub async fn update_meeting_series(
        &self,
        body_id: i64,
        id: i64,
        s: &Series,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        series_in(&mut tx, body_id, id).await?;
        sqlx::query(
            "UPDATE meeting_series SET title = $1, rule = $2, start_local = $3, zone = $4, \
             duration_minutes = $5, place = $6, agenda_template = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&s.title)
        .bind(s.rule.as_str())
        .bind(m::format_local(s.start))
        .bind(s.zone.name())
        .bind(s.duration_minutes)
        .bind(&s.place)
        .bind(&s.agenda_template)
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("meeting.update", "meeting_series", id)
                .after(series_json(body_id, s))],
        )
        .await
    }

    /// Cancels or moves one occurrence (replacing an earlier exception of the same occurrence).
    /// `x` has been checked against the series (`ExceptionInput::parse`).
    #[tracing::instrument(level = "debug", skip_all, fields(series = series_id, actor = who.person_id))]
    pub async fn set_meeting_exception(
        &self,
        body_id: i64,
        series_id: i64,
        x: &Exception,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        series_in(&mut tx, body_id, series_id).await?;
        let occurrence = m::format_local(x.occurrence);
        let moved_to = x.moved_to.map(m::format_local);
        sqlx::query("DELETE FROM meeting_exceptions WHERE series_id = $1 AND occurrence = $2")
            .bind(series_id)
            .bind(&occurrence)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO meeting_exceptions (series_id, occurrence, moved_to, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(series_id)
        .bind(&occurrence)
        .bind(&moved_to)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        self.touch_series(&mut tx, series_id).await?;
        let about = sqlx::query(
            "SELECT s.title, s.zone, b.name, b.slug FROM meeting_series s \
             JOIN bodies b ON b.id = s.body_id WHERE s.id = $1",
        )
        .bind(series_id)
        .fetch_one(&mut *tx)
        .await?;
        let zone: String = get(&about, "zone")?;
        let when = |t: NaiveDateTime| format!("{} ({zone})", t.format("%Y-%m-%d %H:%M"));
        let slug: String = get(&about, "slug")?;
        crate::notifications::notify_group(
            &mut tx,
            body_id,
            who.person_id,
            match x.moved_to {
                Some(to) => {
                    crate::outbox::Mail::new("email-group-meeting-moved").arg("moved", when(to))
                }
                None => crate::outbox::Mail::new("email-group-meeting-cancelled"),
            }
            .arg("group", get::<String>(&about, "name")?)
            .arg("title", get::<String>(&about, "title")?)
            .arg("occurrence", when(x.occurrence))
            .arg("link", format!("{}/groups/{slug}#meetings", crate::SITE)),
        )
        .await?;
        let action = if x.cancelled() {
            "meeting.cancel"
        } else {
            "meeting.move"
        };
        tx.commit(
            who,
            [AuditEvent::new(action, "meeting_series", series_id)
                .after(serde_json::json!({"occurrence": occurrence, "moved_to": moved_to}))],
        )
        .await
    }

    /// Restores an occurrence to what the rule gives.
    #[tracing::instrument(level = "debug", skip_all, fields(series = series_id, actor = who.person_id))]
    pub async fn remove_meeting_exception(
        &self,
        body_id: i64,
        series_id: i64,
        occurrence: NaiveDateTime,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        series_in(&mut tx, body_id, series_id).await?;
        let occurrence = m::format_local(occurrence);
        let n =
            sqlx::query("DELETE FROM meeting_exceptions WHERE series_id = $1 AND occurrence = $2")
                .bind(series_id)
                .bind(&occurrence)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        self.touch_series(&mut tx, series_id).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("meeting.restore", "meeting_series", series_id)
                    .after(serde_json::json!({"occurrence": occurrence})),
            ],
        )
        .await
    }

    /// Feeds carry the series' last change, so a client sees an exception as a change of the event.
    async fn touch_series(&self, tx: &mut WriteTx, series_id: i64) -> Result<()> {
        sqlx::query("UPDATE meeting_series SET updated_at = $1 WHERE id = $2")
            .bind(self.stamp())
            .bind(series_id)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// The agenda and notes of an occurrence, if anyone wrote them.
    pub async fn occurrence_notes(
        &self,
        series_id: i64,
        occurrence: NaiveDateTime,
    ) -> Result<Option<OccurrenceNotes>> {
        let r = sqlx::query(
            "SELECT agenda, notes FROM meeting_notes WHERE series_id = $1 AND occurrence = $2",
        )
        .bind(series_id)
        .bind(m::format_local(occurrence))
        .fetch_optional(&self.reader)
        .await?;
        r.map(|r| {
            Ok(OccurrenceNotes {
                agenda: get(&r, "agenda")?,
                notes: get(&r, "notes")?,
            })
        })
        .transpose()
    }

    /// Writes the agenda and notes of an occurrence.
    #[tracing::instrument(level = "debug", skip_all, fields(series = series_id, actor = who.person_id))]
    pub async fn set_occurrence_notes(
        &self,
        body_id: i64,
        series_id: i64,
        occurrence: NaiveDateTime,
        notes: &OccurrenceNotes,
        who: &crate::Who,
    ) -> Result<()> {
        for (field, v) in [("agenda", &notes.agenda), ("notes", &notes.notes)] {
            if v.chars().count() > m::MAX_TEXT {
                return Err(invalid(field, "too-long"));
            }
        }
        let mut tx = self.begin_groups().await?;
        series_in(&mut tx, body_id, series_id).await?;
        let occurrence = m::format_local(occurrence);
        sqlx::query("DELETE FROM meeting_notes WHERE series_id = $1 AND occurrence = $2")
            .bind(series_id)
            .bind(&occurrence)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO meeting_notes (series_id, occurrence, agenda, notes, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(series_id)
        .bind(&occurrence)
        .bind(&notes.agenda)
        .bind(&notes.notes)
        .bind(who.person_id)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("meeting.notes", "meeting_series", series_id)
                    .after(serde_json::json!({"occurrence": occurrence})),
            ],
        )
        .await
    }

    /// Who marked themselves present at an occurrence, by name.
    pub async fn attendance(
        &self,
        series_id: i64,
        occurrence: NaiveDateTime,
    ) -> Result<Vec<Attendee>> {
        let rows = sqlx::query(
            "SELECT a.person_id, p.display_name FROM meeting_attendance a \
             JOIN people p ON p.id = a.person_id WHERE a.series_id = $1 AND a.occurrence = $2 \
             ORDER BY p.display_name, a.person_id",
        )
        .bind(series_id)
        .bind(m::format_local(occurrence))
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Attendee {
                    person_id: get(r, "person_id")?,
                    name: get(r, "display_name")?,
                })
            })
            .collect()
    }

    /// A member marks (or unmarks) their own attendance. Only members of the series' group may; a
    /// mark that changes nothing is not recorded.
    #[tracing::instrument(level = "debug", skip_all, fields(series = series_id, actor = who.person_id))]
    pub async fn set_attendance(
        &self,
        body_id: i64,
        series_id: i64,
        occurrence: NaiveDateTime,
        person_id: i64,
        present: bool,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = self.begin_groups().await?;
        series_in(&mut tx, body_id, series_id).await?;
        if !is_member(&mut tx, body_id, person_id).await? {
            return Err(invalid("person", "not-a-member"));
        }
        let occurrence = m::format_local(occurrence);
        let changed = if present {
            let held: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM meeting_attendance WHERE series_id = $1 AND occurrence = $2 \
                 AND person_id = $3",
            )
            .bind(series_id)
            .bind(&occurrence)
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
            if held == 0 {
                sqlx::query(
                    "INSERT INTO meeting_attendance (series_id, occurrence, person_id, created_at) \
                     VALUES ($1, $2, $3, $4)",
                )
                .bind(series_id)
                .bind(&occurrence)
                .bind(person_id)
                .bind(self.stamp())
                .execute(&mut *tx)
                .await?;
                // Attending is activity (issue 10's ledger). The source id names the occurrence,
                // so unmarking and marking again records it once; the entry stays (append-only).
                crate::activity::append(
                    &mut tx,
                    &NewActivity::new(
                        person_id,
                        ActivitySource::Meetings,
                        format!("attendance:{series_id}:{occurrence}:{person_id}"),
                        ActivityKind::Attended,
                        self.now(),
                    )
                    .in_group(body_id)
                    .detail(serde_json::json!({"series_id": series_id, "occurrence": occurrence})),
                )
                .await?;
            }
            held == 0
        } else {
            sqlx::query(
                "DELETE FROM meeting_attendance WHERE series_id = $1 AND occurrence = $2 \
                 AND person_id = $3",
            )
            .bind(series_id)
            .bind(&occurrence)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0
        };
        if !changed {
            return Ok(false);
        }
        let action = if present {
            "meeting.attend"
        } else {
            "meeting.unattend"
        };
        tx.commit(
            who,
            [AuditEvent::new(action, "meeting_series", series_id)
                .after(serde_json::json!({"occurrence": occurrence, "person_id": person_id}))],
        )
        .await?;
        Ok(true)
    }

    /// The occurrences of a series the person marked themselves present at.
    pub async fn attended(&self, series_id: i64, person_id: i64) -> Result<Vec<NaiveDateTime>> {
        let rows = sqlx::query(
            "SELECT occurrence FROM meeting_attendance WHERE series_id = $1 AND person_id = $2 \
             ORDER BY occurrence",
        )
        .bind(series_id)
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| local_column(r, "meeting_attendance", "occurrence"))
            .collect()
    }

    /// Sets the person's private calendar link to a new secret (by its hash), replacing the old one.
    pub async fn set_calendar_feed(
        &self,
        person_id: i64,
        secret_hash: &str,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM calendar_feeds WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO calendar_feeds (person_id, secret_hash, created_at) VALUES ($1, $2, $3)",
        )
        .bind(person_id)
        .bind(secret_hash)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("calendar_feed.create", "person", person_id)],
        )
        .await
    }

    /// Revokes the person's calendar link; false when they had none.
    pub async fn revoke_calendar_feed(&self, person_id: i64, who: &crate::Who) -> Result<bool> {
        let mut tx = self.write().await?;
        let n = sqlx::query("DELETE FROM calendar_feeds WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        tx.commit(
            who,
            [AuditEvent::new("calendar_feed.revoke", "person", person_id)],
        )
        .await?;
        Ok(true)
    }

    /// Whose calendar link has this secret hash.
    pub async fn calendar_feed_owner(&self, secret_hash: &str) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT person_id FROM calendar_feeds WHERE secret_hash = $1")
                .bind(secret_hash)
                .fetch_optional(&self.reader)
                .await?,
        )
    }

    /// Whether the person has a calendar link (and since when).
    pub async fn calendar_feed_since(&self, person_id: i64) -> Result<Option<DateTime<Utc>>> {
        let r = sqlx::query("SELECT created_at FROM calendar_feeds WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(&self.reader)
            .await?;
        r.map(|r| get_time(&r, "calendar_feeds", "created_at"))
            .transpose()
    }
}
