//! Groups storage (issue 10): a group's profile, its collaborators, sign-up (joins and requests), and
//! facilitator terms with their rotation. A group is a governance body of kind `group`; its members
//! are role grants scoped to the body, so this module writes grants rather than a second member list.
//! Rules come from `agora_domain::groups`.

mod hours;
mod initiatives;
mod meetings;
mod membership;
mod okrs;
mod profile;
mod terms;
mod updates;

pub use hours::{HoursEntry, HoursReminderReport, MemberMonth};
pub use initiatives::{
    CrossValidator, OrganizationRef, Participant, Sponsor, StoredInitiative, StoredOutput,
};
pub use meetings::{Attendee, MeetingSeries, OccurrenceNotes};
pub use okrs::{
    DueKeyResult, Objective, ObjectiveComment, ObjectiveLink, ProposedObjective, StoredCheckIn,
    StoredKeyResult,
};
pub use terms::RotationReport;
pub use updates::{GroupUpdate, UpdateReminderReport, UpdateSchedule};

use crate::write::WriteTx;
use crate::{get, get_opt_time, get_parsed, get_time, Body, Result, Store, StoreError, Tx};
use agora_domain::audit::AuditEvent;
use agora_domain::governance::BodyKind;
use agora_domain::groups::{
    GroupKind, GroupRole, HoursRange, Membership, RequestStatus, Seat, Term, TermState,
};
use agora_domain::ValidationErrors;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

/// Group writers take turns across instances (PostgreSQL), so two facilitators answering the same
/// request or planning the same seat cannot both succeed.
const LOCK_GROUPS: i64 = 0x4147_0010;

/// A group as its page shows it: the body and what the group says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Group {
    pub body: Body,
    pub kind: GroupKind,
    pub parent: Option<GroupLink>,
    pub purpose: String,
    pub charter: String,
    pub hours: Option<HoursRange>,
    pub chat_channel: String,
    pub chat_url: Option<String>,
    pub mailing_list: String,
    pub membership: Membership,
}

/// Another group named on a group's page (its parent, a subgroup, a collaborator).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GroupLink {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// A member as the member list shows them: name, organizations and role, never an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GroupMember {
    pub person_id: i64,
    pub name: String,
    pub organizations: Vec<String>,
    pub role: GroupRole,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub since: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct JoinRequest {
    pub id: i64,
    pub group: GroupLink,
    pub person_id: i64,
    pub person_name: String,
    pub message: String,
    pub status: RequestStatus,
    pub reason: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FacilitatorTerm {
    pub id: i64,
    pub body_id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub seat: Seat,
    #[schema(value_type = String, format = Date)]
    pub starts_on: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub ends_on: NaiveDate,
}

impl FacilitatorTerm {
    pub fn term(&self) -> Term {
        Term {
            person_id: self.person_id,
            seat: self.seat,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
        }
    }

    pub fn state(&self, today: NaiveDate) -> TermState {
        self.term().state(today)
    }
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

fn link(r: &AnyRow, id: &str, slug: &str, name: &str) -> Result<GroupLink> {
    Ok(GroupLink {
        id: get(r, id)?,
        slug: get(r, slug)?,
        name: get(r, name)?,
    })
}

fn date_column(r: &AnyRow, column: &'static str) -> Result<NaiveDate> {
    get_parsed(r, "group_facilitator_terms", column, |s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
    })
}

fn term_row(r: &AnyRow) -> Result<FacilitatorTerm> {
    Ok(FacilitatorTerm {
        id: get(r, "id")?,
        body_id: get(r, "body_id")?,
        person_id: get(r, "person_id")?,
        person_name: get(r, "display_name")?,
        seat: get_parsed(r, "group_facilitator_terms", "seat", Seat::parse)?,
        starts_on: date_column(r, "starts_on")?,
        ends_on: date_column(r, "ends_on")?,
    })
}

const REQUEST_COLUMNS: &str =
    "r.id, r.body_id, b.slug, b.name, r.person_id, p.display_name, r.message, \
    r.status, r.reason, r.created_at, r.answered_at";
const REQUEST_FROM: &str = " FROM group_join_requests r JOIN bodies b ON b.id = r.body_id \
    JOIN people p ON p.id = r.person_id";

fn request_row(r: &AnyRow) -> Result<JoinRequest> {
    Ok(JoinRequest {
        id: get(r, "id")?,
        group: link(r, "body_id", "slug", "name")?,
        person_id: get(r, "person_id")?,
        person_name: get(r, "display_name")?,
        message: get(r, "message")?,
        status: get_parsed(r, "group_join_requests", "status", RequestStatus::parse)?,
        reason: get(r, "reason")?,
        created_at: get_time(r, "group_join_requests", "created_at")?,
        answered_at: get_opt_time(r, "group_join_requests", "answered_at")?,
    })
}

/// Whether the person holds a role in the group (inside a write, so the answer is the one the
/// change acts on).
async fn is_member(tx: &mut Tx, body_id: i64, person_id: i64) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM role_grants WHERE person_id = $1 AND scope_kind = 'group' AND scope_id = $2",
    )
    .bind(person_id)
    .bind(body_id)
    .fetch_one(&mut *tx)
    .await?;
    Ok(n > 0)
}

/// Grants `role` in the group unless the person already holds it, so the audit log records only
/// grants that change something.
async fn grant_in_group(
    store: &Store,
    tx: &mut WriteTx,
    person_id: i64,
    role: agora_domain::permissions::Role,
    body_id: i64,
) -> Result<()> {
    let held: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM role_grants WHERE person_id = $1 AND role = $2 AND scope_kind = 'group' \
         AND scope_id = $3",
    )
    .bind(person_id)
    .bind(role.slug())
    .bind(body_id)
    .fetch_one(&mut **tx)
    .await?;
    if held == 0 {
        let grant = agora_domain::permissions::Grant {
            role,
            scope_id: Some(body_id),
        };
        crate::people::insert_grant(store, tx, person_id, grant).await?;
    }
    Ok(())
}

/// The addresses of the group's facilitators with an account still open, for the mail they answer.
async fn facilitator_emails(tx: &mut Tx, body_id: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT p.email FROM role_grants r JOIN people p ON p.id = r.person_id \
         WHERE r.role = 'facilitator' AND r.scope_kind = 'group' AND r.scope_id = $1 \
         AND p.disabled_at IS NULL ORDER BY p.email",
    )
    .bind(body_id)
    .fetch_all(&mut *tx)
    .await?)
}

/// The group's membership rule as the write sees it.
async fn membership_in(tx: &mut Tx, body_id: i64) -> Result<Membership> {
    let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM bodies WHERE id = $1")
        .bind(body_id)
        .fetch_optional(&mut *tx)
        .await?;
    if kind.as_deref() != Some(BodyKind::Group.slug()) {
        return Err(StoreError::NotFound);
    }
    let m: Option<String> =
        sqlx::query_scalar("SELECT membership FROM group_profiles WHERE body_id = $1")
            .bind(body_id)
            .fetch_optional(&mut *tx)
            .await?;
    m.map_or(Ok(Membership::Open), |m| {
        crate::parse_column("group_profiles", "membership", &m, Membership::parse)
    })
}

impl Store {
    async fn begin_groups(&self) -> Result<WriteTx> {
        self.write_locked(LOCK_GROUPS).await
    }
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive()
}

fn audit_group(action: &str, body_id: i64) -> AuditEvent {
    AuditEvent::new(action, "body", body_id)
}
