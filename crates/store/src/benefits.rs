//! Partner benefits (rules in `agora_domain::benefits`): programs and their sign-ups, the training
//! library and the record of who opened what. Campaigns are shown on public cached pages, so their
//! changes bump the directory version.

use crate::settings::bump_directory_version;
use crate::{date, get, get_opt_time, get_parsed, get_time, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::benefits::{
    may_join, may_leave, Audience, Join, ParticipantRole, Program, ProgramKind, Training,
    TrainingFile,
};
use agora_domain::partner::PartnerStatus;
use agora_domain::ValidationErrors;
use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

const P: &str = "benefit_programs";

/// Sign-ups, withdrawals and changes of seats take turns across instances: on PostgreSQL two
/// transactions could otherwise both count a free place and both take it (SQLite's one writer
/// already serialises them).
const LOCK_BENEFITS: i64 = 0x4147_0025;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredProgram {
    pub id: i64,
    #[serde(flatten)]
    pub program: Program,
    /// How many partners signed up.
    pub signed_up: u32,
}

/// A partner's sign-up. `contact` (who signed it up) is for the foundation and the partner itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProgramParticipant {
    pub program_id: i64,
    pub partner_id: i64,
    pub partner: String,
    pub partner_name: String,
    /// Only active partners' sign-ups are shown in public (as in the directory).
    pub partner_active: bool,
    pub role: ParticipantRole,
    pub assets: String,
    pub contact: String,
    /// For the foundation only: blank in every other view.
    pub contact_email: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub joined_at: DateTime<Utc>,
}

fn opt_date(r: &AnyRow, table: &'static str, col: &'static str) -> Result<Option<NaiveDate>> {
    let v: Option<String> = get(r, col)?;
    v.map(|s| crate::parse_column(table, col, &s, date))
        .transpose()
}

const PROGRAM_COLUMNS: &str = "p.id, p.kind, p.title, p.description, p.link, p.starts_on, p.ends_on, \
     p.seats, p.is_open, (SELECT COUNT(*) FROM benefit_participants x WHERE x.program_id = p.id) AS taken";

fn program_row(r: &AnyRow) -> Result<StoredProgram> {
    let seats: Option<i64> = get(r, "seats")?;
    let taken: i64 = get(r, "taken")?;
    Ok(StoredProgram {
        id: get(r, "id")?,
        program: Program {
            kind: get_parsed(r, P, "kind", ProgramKind::parse)?,
            title: get(r, "title")?,
            description: get(r, "description")?,
            link: get(r, "link")?,
            starts_on: opt_date(r, P, "starts_on")?,
            ends_on: opt_date(r, P, "ends_on")?,
            seats: seats.map(|s| u32::try_from(s).unwrap_or(u32::MAX)),
            open: get::<i64>(r, "is_open")? != 0,
        },
        signed_up: u32::try_from(taken).unwrap_or(u32::MAX),
    })
}

fn participant_row(r: &AnyRow) -> Result<ProgramParticipant> {
    Ok(ProgramParticipant {
        program_id: get(r, "program_id")?,
        partner_id: get(r, "partner_id")?,
        partner: get(r, "slug")?,
        partner_name: get(r, "name")?,
        partner_active: get::<String>(r, "status")? == PartnerStatus::Active.slug(),
        role: get_parsed(r, "benefit_participants", "role", ParticipantRole::parse)?,
        assets: get(r, "assets")?,
        contact: get(r, "contact")?,
        contact_email: get(r, "contact_email")?,
        joined_at: get_time(r, "benefit_participants", "joined_at")?,
    })
}

/// A program as it stands under `LOCK_BENEFITS`, with its sign-ups counted: what a sign-up, a
/// withdrawal or a change of seats is checked against, so none of them acts on a state another
/// instance has just changed.
async fn locked_program(tx: &mut crate::write::WriteTx, id: i64) -> Result<StoredProgram> {
    let r = sqlx::query(&format!(
        "SELECT {PROGRAM_COLUMNS} FROM {P} p WHERE p.id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    program_row(&r)
}

/// A partner's status, read in the transaction that checks a sign-up against it.
async fn partner_status(tx: &mut crate::write::WriteTx, partner_id: i64) -> Result<PartnerStatus> {
    let status: String = sqlx::query_scalar("SELECT status FROM partners WHERE id = $1")
        .bind(partner_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    crate::parse_column("partners", "status", &status, PartnerStatus::parse)
}

fn program_json(p: &Program) -> serde_json::Value {
    serde_json::to_value(p).unwrap_or_default()
}

impl Store {
    /// Programs, open ones first then by start; `kind` narrows to one kind.
    pub async fn programs(&self, kind: Option<ProgramKind>) -> Result<Vec<StoredProgram>> {
        let mut q = crate::sql::Sql::new(&format!("SELECT {PROGRAM_COLUMNS} FROM {P} p"));
        if let Some(k) = kind {
            q.push(" WHERE p.kind = ").bind(k.slug());
        }
        q.push(" ORDER BY p.is_open DESC, COALESCE(p.starts_on, p.created_at) DESC, p.id DESC");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(program_row)
            .collect()
    }

    pub async fn program(&self, id: i64) -> Result<Option<StoredProgram>> {
        let r = sqlx::query(&format!(
            "SELECT {PROGRAM_COLUMNS} FROM {P} p WHERE p.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        r.as_ref().map(program_row).transpose()
    }

    /// Opens a program (admins). Audited.
    pub async fn create_program(&self, p: &Program, who: &Who) -> Result<i64> {
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO benefit_programs (kind, title, description, link, starts_on, ends_on, seats, \
             is_open, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(p.kind.slug())
        .bind(&p.title)
        .bind(&p.description)
        .bind(p.link.clone())
        .bind(p.starts_on.map(|d| d.to_string()))
        .bind(p.ends_on.map(|d| d.to_string()))
        .bind(p.seats.map(i64::from))
        .bind(i64::from(p.open))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("benefit.program_create", "benefit_program", id)
                    .after(program_json(p)),
            ],
        )
        .await?;
        Ok(id)
    }

    /// Changes a program (admins), its kind excepted: sign-ups were made for that kind. Fewer seats
    /// than partners already signed up is refused. Audited with what it was.
    pub async fn update_program(&self, id: i64, p: &Program, who: &Who) -> Result<()> {
        let mut tx = self.write_locked(LOCK_BENEFITS).await?;
        let before = locked_program(&mut tx, id).await?;
        if before.program.kind != p.kind {
            return Err(ValidationErrors::single("kind", "program-kind-fixed").into());
        }
        if p.seats.is_some_and(|s| s < before.signed_up) {
            return Err(ValidationErrors::single("seats", "fewer-seats-than-participants").into());
        }
        sqlx::query(
            "UPDATE benefit_programs SET title = $1, description = $2, link = $3, starts_on = $4, \
             ends_on = $5, seats = $6, is_open = $7, updated_at = $8 WHERE id = $9",
        )
        .bind(&p.title)
        .bind(&p.description)
        .bind(p.link.clone())
        .bind(p.starts_on.map(|d| d.to_string()))
        .bind(p.ends_on.map(|d| d.to_string()))
        .bind(p.seats.map(i64::from))
        .bind(i64::from(p.open))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("benefit.program_update", "benefit_program", id)
                    .before(program_json(&before.program))
                    .after(program_json(p)),
            ],
        )
        .await
    }

    /// The partners signed up for a program, sponsors first, then by sign-up.
    pub async fn participants(&self, program_id: i64) -> Result<Vec<ProgramParticipant>> {
        self.participants_where("x.program_id = $1", program_id)
            .await
    }

    /// A partner's sign-ups, across programs.
    pub async fn participations_of(&self, partner_id: i64) -> Result<Vec<ProgramParticipant>> {
        self.participants_where("x.partner_id = $1", partner_id)
            .await
    }

    async fn participants_where(&self, cond: &str, id: i64) -> Result<Vec<ProgramParticipant>> {
        sqlx::query(&format!(
            "SELECT x.program_id, x.partner_id, p.slug, p.name, p.status, x.role, x.assets, \
             x.joined_at, pe.display_name AS contact, pe.email AS contact_email FROM benefit_participants x JOIN partners p ON p.id = x.partner_id \
             JOIN people pe ON pe.id = x.person_id WHERE {cond} \
             ORDER BY CASE WHEN x.role = 'sponsor' THEN 0 ELSE 1 END, x.joined_at, x.id"
        ))
        .bind(id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(participant_row)
        .collect()
    }

    /// Signs a partner up (or changes its sign-up), checking the domain's `may_join` inside the
    /// transaction so two last sign-ups cannot both take the last seat. Audited.
    pub async fn join_program(
        &self,
        program_id: i64,
        partner_id: i64,
        join: &Join,
        who: &Who,
    ) -> Result<()> {
        let person_id = who
            .person_id
            .ok_or_else(|| ValidationErrors::single("person", "sign-in-required"))?;
        let mut tx = self.write_locked(LOCK_BENEFITS).await?;
        let program = locked_program(&mut tx, program_id).await?;
        let status = partner_status(&mut tx, partner_id).await?;
        let already: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM benefit_participants WHERE program_id = $1 AND partner_id = $2",
        )
        .bind(program_id)
        .bind(partner_id)
        .fetch_one(&mut *tx)
        .await?;
        // A partner already in changes its sign-up without needing a seat of its own.
        let others = program
            .signed_up
            .saturating_sub(u32::try_from(already).unwrap_or(0));
        may_join(&program.program, status, others, self.now().date_naive())
            .map_err(|code| ValidationErrors::single("program", code))?;
        let stamp = self.stamp();
        if already > 0 {
            sqlx::query(
                "UPDATE benefit_participants SET role = $1, assets = $2, person_id = $3 \
                 WHERE program_id = $4 AND partner_id = $5",
            )
            .bind(join.role.slug())
            .bind(&join.assets)
            .bind(person_id)
            .bind(program_id)
            .bind(partner_id)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "INSERT INTO benefit_participants (program_id, partner_id, person_id, role, assets, \
                 joined_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(program_id)
            .bind(partner_id)
            .bind(person_id)
            .bind(join.role.slug())
            .bind(&join.assets)
            .bind(&stamp)
            .execute(&mut *tx)
            .await?;
        }
        if program.program.kind.is_public() {
            bump_directory_version(&mut tx).await?;
        }
        tx.commit(
            who,
            [AuditEvent::new(
                if already > 0 {
                    "benefit.join_update"
                } else {
                    "benefit.join"
                },
                "benefit_program",
                program_id,
            )
            .after(serde_json::json!({
                "partner_id": partner_id,
                "role": join.role.slug(),
                "assets": join.assets,
            }))],
        )
        .await
    }

    /// Withdraws a partner from a program. Audited.
    pub async fn leave_program(&self, program_id: i64, partner_id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write_locked(LOCK_BENEFITS).await?;
        let program = locked_program(&mut tx, program_id).await?;
        let status = partner_status(&mut tx, partner_id).await?;
        may_leave(&program.program, status, self.now().date_naive())
            .map_err(|code| ValidationErrors::single("program", code))?;
        let n = sqlx::query(
            "DELETE FROM benefit_participants WHERE program_id = $1 AND partner_id = $2",
        )
        .bind(program_id)
        .bind(partner_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        if program.program.kind.is_public() {
            bump_directory_version(&mut tx).await?;
        }
        tx.commit(
            who,
            [
                AuditEvent::new("benefit.leave", "benefit_program", program_id)
                    .before(serde_json::json!({"partner_id": partner_id})),
            ],
        )
        .await
    }
}

// ---- Training library ---------------------------------------------------------------------------

const T: &str = "training_items";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredTraining {
    pub id: i64,
    #[serde(flatten)]
    pub training: Training,
    /// The uploaded file's name, type and size, when there is one.
    pub file_name: Option<String>,
    pub file_type: Option<String>,
    pub file_size: Option<i64>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub archived_at: Option<DateTime<Utc>>,
    /// How many times it was opened, and by how many people.
    pub opens: u32,
    pub readers: u32,
}

/// One opening of a training item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TrainingOpen {
    pub item_id: i64,
    pub title: String,
    pub person: String,
    pub partner: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub opened_at: DateTime<Utc>,
}

/// Minutes within which a person's repeated openings of one item count once.
pub const REOPEN_MINUTES: i64 = 10;

const TRAINING_COLUMNS: &str = "t.id, t.title, t.description, t.audience, t.link, t.file_name, \
     t.file_type, t.file_size, t.created_at, t.archived_at, \
     (SELECT COUNT(*) FROM training_opens o WHERE o.item_id = t.id) AS opens, \
     (SELECT COUNT(DISTINCT o.person_id) FROM training_opens o WHERE o.item_id = t.id) AS readers";

fn training_row(r: &AnyRow) -> Result<StoredTraining> {
    let n = |c: &str| -> Result<u32> { Ok(u32::try_from(get::<i64>(r, c)?).unwrap_or(0)) };
    Ok(StoredTraining {
        id: get(r, "id")?,
        training: Training {
            title: get(r, "title")?,
            description: get(r, "description")?,
            audience: get_parsed(r, T, "audience", Audience::parse)?,
            link: get(r, "link")?,
        },
        file_name: get(r, "file_name")?,
        file_type: get(r, "file_type")?,
        file_size: get(r, "file_size")?,
        created_at: get_time(r, T, "created_at")?,
        archived_at: get_opt_time(r, T, "archived_at")?,
        opens: n("opens")?,
        readers: n("readers")?,
    })
}

fn training_json(t: &Training, file: Option<&TrainingFile>) -> serde_json::Value {
    let mut v = serde_json::to_value(t).unwrap_or_default();
    if let Some(f) = file {
        v["file"] =
            serde_json::json!({"name": f.name, "type": f.content_type, "size": f.bytes.len()});
    }
    v
}

impl Store {
    /// The library: current items (or archived too), newest first; `audience` narrows.
    pub async fn training_items(
        &self,
        audience: Option<Audience>,
        archived: bool,
    ) -> Result<Vec<StoredTraining>> {
        let mut q =
            crate::sql::Sql::new(&format!("SELECT {TRAINING_COLUMNS} FROM {T} t WHERE 1 = 1"));
        if !archived {
            q.push(" AND t.archived_at IS NULL");
        }
        if let Some(a) = audience {
            q.push(" AND t.audience = ").bind(a.slug());
        }
        q.push(" ORDER BY t.created_at DESC, t.id DESC");
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(training_row)
            .collect()
    }

    pub async fn training_item(&self, id: i64) -> Result<Option<StoredTraining>> {
        let r = sqlx::query(&format!(
            "SELECT {TRAINING_COLUMNS} FROM {T} t WHERE t.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        r.as_ref().map(training_row).transpose()
    }

    /// Adds an item to the library (admins). Audited (the file by name, type and size).
    pub async fn create_training(
        &self,
        t: &Training,
        file: Option<&TrainingFile>,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO training_items (title, description, audience, link, file_name, file_type, \
             file_size, file_data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             RETURNING id",
        )
        .bind(&t.title)
        .bind(&t.description)
        .bind(t.audience.slug())
        .bind(t.link.clone())
        .bind(file.map(|f| f.name.clone()))
        .bind(file.map(|f| f.content_type.to_string()))
        .bind(file.map(|f| f.bytes.len() as i64))
        .bind(file.map(|f| base64::engine::general_purpose::STANDARD.encode(&f.bytes)))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("training.create", "training_item", id)
                    .after(training_json(t, file)),
            ],
        )
        .await?;
        Ok(id)
    }

    /// Archives an item (it leaves the library; its record of opens stays) or brings it back.
    /// Audited.
    pub async fn archive_training(&self, id: i64, archived: bool, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query(
            "UPDATE training_items SET archived_at = $1, updated_at = $2 WHERE id = $3",
        )
        .bind(archived.then(|| self.stamp()))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(
            who,
            [AuditEvent::new(
                if archived {
                    "training.archive"
                } else {
                    "training.restore"
                },
                "training_item",
                id,
            )],
        )
        .await
    }

    /// An item's file: (name, type, bytes).
    pub async fn training_file(&self, id: i64) -> Result<Option<(String, String, Vec<u8>)>> {
        let r = sqlx::query(
            "SELECT file_name, file_type, file_data FROM training_items WHERE id = $1 \
             AND file_data IS NOT NULL",
        )
        .bind(id)
        .fetch_optional(&self.reader)
        .await?;
        let Some(r) = r else { return Ok(None) };
        let data: String = get(&r, "file_data")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.as_bytes())
            .map_err(|_| crate::corrupt(T, "file_data", "(not base64)"))?;
        Ok(Some((get(&r, "file_name")?, get(&r, "file_type")?, bytes)))
    }

    /// Records that a person of a partner opened an item: the log the foundation reads, not a
    /// change of anyone's state. Openings by the same person within [`REOPEN_MINUTES`] count once
    /// (a reload, a retried link).
    pub async fn log_training_open(
        &self,
        item_id: i64,
        person_id: i64,
        partner_id: i64,
    ) -> Result<()> {
        let since = crate::format_time(self.now() - chrono::Duration::minutes(REOPEN_MINUTES));
        sqlx::query(
            "INSERT INTO training_opens (item_id, person_id, partner_id, opened_at) \
             SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM training_opens \
             WHERE item_id = $1 AND person_id = $2 AND opened_at > $5)",
        )
        .bind(item_id)
        .bind(person_id)
        .bind(partner_id)
        .bind(self.stamp())
        .bind(since)
        .execute(self.bookkeeping_pool())
        .await?;
        Ok(())
    }

    /// Who opened what, newest first; `item_id` narrows to one item.
    pub async fn training_opens(
        &self,
        item_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<TrainingOpen>> {
        let mut q = crate::sql::Sql::new(
            "SELECT o.item_id, t.title, pe.display_name AS person, pa.name AS partner, o.opened_at \
             FROM training_opens o JOIN training_items t ON t.id = o.item_id \
             JOIN people pe ON pe.id = o.person_id LEFT JOIN partners pa ON pa.id = o.partner_id",
        );
        if let Some(id) = item_id {
            q.push(" WHERE o.item_id = ").bind(id);
        }
        q.push(" ORDER BY o.opened_at DESC, o.id DESC LIMIT ")
            .bind(limit);
        q.query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(|r| {
                Ok(TrainingOpen {
                    item_id: get(r, "item_id")?,
                    title: get(r, "title")?,
                    person: get(r, "person")?,
                    partner: get(r, "partner")?,
                    opened_at: get_time(r, "training_opens", "opened_at")?,
                })
            })
            .collect()
    }
}
