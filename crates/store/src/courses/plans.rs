//! Community plans (seed 004): a plan per course with its targets and business plan, roles, shares,
//! measures of success and roadmap. Rules in `agora_domain::courses`; who may read or change a
//! plan is `plan_access` here, decided by `agora_domain::courses::plan::access`.

use super::Course;
use crate::{date, get, get_parsed, get_time, json_column, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::courses::business::{BusinessPlan, Purpose};
use agora_domain::courses::measures::Metric;
use agora_domain::courses::plan::{
    self, Access, Grantee, Item, ItemStatus, Measure, Phase, PlanBasics, Role, RoleAssignment,
    Target,
};
use agora_domain::ValidationErrors;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

const T: &str = "course_plans";

/// A plan with its course.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Plan {
    pub id: i64,
    pub course: Course,
    pub partner_slug: Option<String>,
    pub partner_name: Option<String>,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub purpose: Purpose,
    pub targets: Vec<Target>,
    pub stakeholders: String,
    pub guidelines: String,
    pub business: BusinessPlan,
    pub lms_url: String,
    pub public_progress: bool,
    #[serde(with = "crate::json_time")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanRole {
    pub id: i64,
    pub role: Role,
    pub person_id: i64,
    pub person_name: String,
    /// Empty: the role's default wording (seed 004), shown in the reader's language.
    pub responsibilities: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanShare {
    pub id: i64,
    pub grantee: Grantee,
    /// The person's or the group's name.
    pub name: String,
    pub access: Access,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredMeasure {
    pub id: i64,
    #[serde(flatten)]
    pub measure: Measure,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RoadmapItem {
    pub id: i64,
    #[serde(flatten)]
    pub item: Item,
    pub owner_name: Option<String>,
}

/// An overdue roadmap item of one owner, for their home page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueItem {
    pub plan_id: i64,
    pub item_id: i64,
    pub title: String,
    pub course_title: String,
    pub due_on: NaiveDate,
}

/// A group share counts only while the group admits members on request: anyone may join an open
/// group (a group that opened after the share no longer carries it).
const CLOSED_GROUP: &str =
    "NOT EXISTS (SELECT 1 FROM group_profiles gp WHERE gp.body_id = s.body_id \
    AND gp.membership = 'open')";

const PLAN_SELECT: &str =
    "SELECT p.id, p.owner_id, o.display_name AS owner_name, p.purpose, p.targets, \
    p.stakeholders, p.guidelines, p.business, p.lms_url, p.public_progress, p.updated_at, \
    c.id AS course_id, c.course_key, c.title, c.organization, c.partner_id, \
    pa.slug AS partner_slug, pa.name AS partner_name \
    FROM course_plans p JOIN courses c ON c.id = p.course_id \
    LEFT JOIN people o ON o.id = p.owner_id LEFT JOIN partners pa ON pa.id = c.partner_id";

fn plan_row(r: &AnyRow) -> Result<Plan> {
    let flag: i64 = get(r, "public_progress")?;
    Ok(Plan {
        id: get(r, "id")?,
        course: Course {
            id: get(r, "course_id")?,
            course_key: get(r, "course_key")?,
            title: get(r, "title")?,
            organization: get(r, "organization")?,
            partner_id: get(r, "partner_id")?,
        },
        partner_slug: get(r, "partner_slug")?,
        partner_name: get(r, "partner_name")?,
        owner_id: get(r, "owner_id")?,
        owner_name: get(r, "owner_name")?,
        purpose: get_parsed(r, T, "purpose", Purpose::parse)?,
        targets: json_column(T, "targets", &get::<String>(r, "targets")?)?,
        stakeholders: get(r, "stakeholders")?,
        guidelines: get(r, "guidelines")?,
        business: json_column(T, "business", &get::<String>(r, "business")?)?,
        lms_url: get(r, "lms_url")?,
        public_progress: flag != 0,
        updated_at: get_time(r, T, "updated_at")?,
    })
}

fn json<T: Serialize>(x: &T) -> serde_json::Value {
    serde_json::to_value(x).unwrap_or_default()
}

fn measure_row(r: &AnyRow) -> Result<StoredMeasure> {
    let public: i64 = get(r, "public")?;
    Ok(StoredMeasure {
        id: get(r, "id")?,
        measure: Measure {
            name: get(r, "name")?,
            metric: get_parsed(r, "course_measures", "metric", Metric::parse)?,
            target: get_parsed(r, "course_measures", "target", |s| s.parse::<f64>())?,
            due_on: get_parsed(r, "course_measures", "due_on", date)?,
            public: public != 0,
        },
    })
}

fn item_row(r: &AnyRow) -> Result<RoadmapItem> {
    const I: &str = "course_roadmap_items";
    let due: Option<String> = get(r, "due_on")?;
    Ok(RoadmapItem {
        id: get(r, "id")?,
        item: Item {
            phase: get_parsed(r, I, "phase", Phase::parse)?,
            title: get(r, "title")?,
            owner: get(r, "owner_id")?,
            due_on: due
                .map(|d| crate::parse_column(I, "due_on", &d, date))
                .transpose()?,
            status: get_parsed(r, I, "status", ItemStatus::parse)?,
            measure: get(r, "measure_id")?,
        },
        owner_name: get(r, "owner_name")?,
    })
}

impl Store {
    /// A new plan for a course (created if Agora has not met it in a log yet), owned by `owner`.
    /// Unless `may_claim_data` (the foundation), a course whose learner data Agora already holds is
    /// refused: no one claims another team's figures. Both checks are made in the write, so an
    /// import or another plan cannot slip in between.
    pub async fn create_plan(
        &self,
        b: &PlanBasics,
        owner: i64,
        may_claim_data: bool,
        who: &Who,
    ) -> Result<i64> {
        let partner = self.plan_partner(b).await?;
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let key = b.course.to_string();
        sqlx::query(
            "INSERT INTO courses (course_key, title, organization, partner_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (course_key) DO NOTHING",
        )
        .bind(&key)
        .bind(&b.title)
        .bind(&b.organization)
        .bind(partner)
        .bind(&stamp)
        .execute(&mut *tx)
        .await?;
        let course_id: i64 = sqlx::query_scalar("SELECT id FROM courses WHERE course_key = $1")
            .bind(&key)
            .fetch_one(&mut *tx)
            .await?;
        let taken: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM course_plans WHERE course_id = $1")
                .bind(course_id)
                .fetch_one(&mut *tx)
                .await?;
        if taken > 0 {
            return Err(ValidationErrors::single("course_id", "course-plan-exists").into());
        }
        if !may_claim_data {
            let facts: i64 = sqlx::query_scalar(super::HAS_FACTS)
                .bind(course_id)
                .fetch_one(&mut *tx)
                .await?;
            if facts > 0 {
                return Err(ValidationErrors::single("course_id", "course-has-data").into());
            }
        }
        self.update_course(&mut tx, course_id, b, partner).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO course_plans (course_id, owner_id, purpose, targets, stakeholders, guidelines, \
             business, lms_url, public_progress, created_at, updated_at) \
             VALUES ($1, $2, $3, '[]', $4, $5, $6, $7, $8, $9, $9) RETURNING id",
        )
        .bind(course_id)
        .bind(owner)
        .bind(b.purpose.slug())
        .bind(&b.stakeholders)
        .bind(&b.guidelines)
        .bind(json(&BusinessPlan::default()).to_string())
        .bind(&b.lms_url)
        .bind(i64::from(b.public_progress))
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        let roles = agora_domain::courses::plan::initial_roles(owner);
        for r in &roles {
            sqlx::query(
                "INSERT INTO course_plan_roles (plan_id, role, person_id, responsibilities, \
                 created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(r.role.slug())
            .bind(r.person)
            .bind(&r.responsibilities)
            .bind(&stamp)
            .execute(&mut *tx)
            .await?;
        }
        let roles: Vec<_> = roles
            .iter()
            .map(|r| serde_json::json!({"role": r.role.slug(), "person_id": r.person}))
            .collect();
        let mut after = json(b);
        after["roles"] = serde_json::Value::Array(roles);
        tx.commit(
            who,
            [AuditEvent::new("course_plan.create", "course_plan", id).after(after)],
        )
        .await?;
        Ok(id)
    }

    async fn plan_partner(&self, b: &PlanBasics) -> Result<Option<i64>> {
        match &b.partner {
            None => Ok(None),
            Some(slug) => match self.partner_by_slug(slug).await? {
                Some(p) => Ok(Some(p.id)),
                None => Err(ValidationErrors::single("partner", "invalid-choice").into()),
            },
        }
    }

    async fn update_course(
        &self,
        tx: &mut crate::write::WriteTx,
        course_id: i64,
        b: &PlanBasics,
        partner: Option<i64>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE courses SET title = $1, organization = $2, partner_id = $3, updated_at = $4 WHERE id = $5",
        )
        .bind(&b.title)
        .bind(&b.organization)
        .bind(partner)
        .bind(self.stamp())
        .bind(course_id)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    /// Changes what a plan is (its course stays).
    pub async fn update_plan(&self, id: i64, b: &PlanBasics, who: &Who) -> Result<()> {
        let before = self.plan(id).await?.ok_or(StoreError::NotFound)?;
        let partner = self.plan_partner(b).await?;
        let mut tx = self.write().await?;
        self.update_course(&mut tx, before.course.id, b, partner)
            .await?;
        sqlx::query(
            "UPDATE course_plans SET purpose = $1, stakeholders = $2, guidelines = $3, lms_url = $4, \
             public_progress = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(b.purpose.slug())
        .bind(&b.stakeholders)
        .bind(&b.guidelines)
        .bind(&b.lms_url)
        .bind(i64::from(b.public_progress))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("course_plan.update", "course_plan", id)
                .before(serde_json::json!({
                    "title": before.course.title, "organization": before.course.organization,
                    "purpose": before.purpose.slug(), "stakeholders": before.stakeholders,
                    "guidelines": before.guidelines, "lms_url": before.lms_url,
                    "public_progress": before.public_progress,
                }))
                .after(json(b))],
        )
        .await
    }

    /// Replaces a plan's targets (checked by the caller with `plan::check_targets`).
    pub async fn set_plan_targets(&self, id: i64, targets: &[Target], who: &Who) -> Result<()> {
        plan::check_targets(targets)?;
        self.set_plan_json(id, "targets", json(&targets), who).await
    }

    /// Replaces a plan's business plan.
    pub async fn set_plan_business(&self, id: i64, b: &BusinessPlan, who: &Who) -> Result<()> {
        b.check()?;
        self.set_plan_json(id, "business", json(b), who).await
    }

    async fn set_plan_json(
        &self,
        id: i64,
        column: &'static str,
        value: serde_json::Value,
        who: &Who,
    ) -> Result<()> {
        let before = self.plan(id).await?.ok_or(StoreError::NotFound)?;
        let old = match column {
            "targets" => json(&before.targets),
            _ => json(&before.business),
        };
        let mut tx = self.write().await?;
        sqlx::query(&format!(
            "UPDATE course_plans SET {column} = $1, updated_at = $2 WHERE id = $3"
        ))
        .bind(value.to_string())
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new(&format!("course_plan.{column}"), "course_plan", id)
                    .before(old)
                    .after(value),
            ],
        )
        .await
    }

    pub async fn plan(&self, id: i64) -> Result<Option<Plan>> {
        let r = sqlx::query(&format!("{PLAN_SELECT} WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        r.as_ref().map(plan_row).transpose()
    }

    pub async fn plan_of_course(&self, course_id: i64) -> Result<Option<Plan>> {
        let r = sqlx::query(&format!("{PLAN_SELECT} WHERE p.course_id = $1"))
            .bind(course_id)
            .fetch_optional(&self.reader)
            .await?;
        r.as_ref().map(plan_row).transpose()
    }

    /// The plans a person may read (every plan for an admin), by course title.
    pub async fn plans_for(&self, person: Option<i64>, admin: bool) -> Result<Vec<Plan>> {
        let rows = if admin {
            sqlx::query(&format!("{PLAN_SELECT} ORDER BY c.title, p.id"))
                .fetch_all(&self.reader)
                .await?
        } else {
            let Some(person) = person else {
                return Ok(Vec::new());
            };
            sqlx::query(&format!(
                "{PLAN_SELECT} WHERE p.owner_id = $1 \
                 OR p.id IN (SELECT plan_id FROM course_plan_roles WHERE person_id = $1) \
                 OR p.id IN (SELECT plan_id FROM course_plan_shares WHERE person_id = $1) \
                 OR p.id IN (SELECT s.plan_id FROM course_plan_shares s JOIN role_grants g \
                    ON g.scope_kind = 'group' AND g.scope_id = s.body_id WHERE g.person_id = $1 \
                    AND {CLOSED_GROUP}) \
                 ORDER BY c.title, p.id"
            ))
            .bind(person)
            .fetch_all(&self.reader)
            .await?
        };
        rows.iter().map(plan_row).collect()
    }

    /// Plans that publish their progress, for the public list.
    pub async fn public_plans(&self) -> Result<Vec<Plan>> {
        let rows = sqlx::query(&format!(
            "{PLAN_SELECT} WHERE p.public_progress = 1 AND EXISTS \
             (SELECT 1 FROM course_measures m WHERE m.plan_id = p.id AND m.public = 1) ORDER BY c.title, p.id"
        ))
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(plan_row).collect()
    }

    /// What a person may do with a plan: admins and the owner edit; a role holder views; otherwise
    /// the strongest of their own share and their groups' shares.
    pub async fn plan_access(
        &self,
        plan: &Plan,
        person: Option<i64>,
        admin: bool,
    ) -> Result<Option<Access>> {
        let Some(person) = person else {
            return Ok(admin.then_some(Access::Edit));
        };
        let shares: Vec<(Option<i64>, String)> = sqlx::query_as(
            &format!("SELECT person_id, access FROM course_plan_shares s WHERE plan_id = $1 AND (person_id = $2 \
             OR (body_id IN (SELECT scope_id FROM role_grants WHERE person_id = $2 AND scope_kind = 'group') \
             AND {CLOSED_GROUP}))"),
        )
        .bind(plan.id)
        .bind(person)
        .fetch_all(&self.reader)
        .await?;
        let roles: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM course_plan_roles WHERE plan_id = $1 AND person_id = $2",
        )
        .bind(plan.id)
        .bind(person)
        .fetch_one(&self.reader)
        .await?;
        let mut personal = (roles > 0).then_some(Access::View);
        let mut groups = Vec::new();
        for (p, a) in shares {
            let a = crate::parse_column("course_plan_shares", "access", &a, Access::parse)?;
            if p.is_some() {
                personal = personal.max(Some(a));
            } else {
                groups.push(a);
            }
        }
        Ok(plan::access(
            admin,
            plan.owner_id == Some(person),
            personal,
            groups,
        ))
    }

    pub async fn plan_roles(&self, plan_id: i64) -> Result<Vec<PlanRole>> {
        let rows = sqlx::query(
            "SELECT r.id, r.role, r.person_id, p.display_name, r.responsibilities FROM course_plan_roles r \
             JOIN people p ON p.id = r.person_id WHERE r.plan_id = $1 ORDER BY r.id",
        )
        .bind(plan_id)
        .fetch_all(&self.reader)
        .await?;
        let mut out: Vec<PlanRole> = rows
            .iter()
            .map(|r| {
                Ok(PlanRole {
                    id: get(r, "id")?,
                    role: get_parsed(r, "course_plan_roles", "role", Role::parse)?,
                    person_id: get(r, "person_id")?,
                    person_name: get(r, "display_name")?,
                    responsibilities: get(r, "responsibilities")?,
                })
            })
            .collect::<Result<_>>()?;
        // In the seed's order of roles.
        out.sort_by_key(|r| (Role::ALL.iter().position(|x| *x == r.role), r.id));
        Ok(out)
    }

    async fn require_person(
        &self,
        tx: &mut crate::write::WriteTx,
        field: &str,
        id: i64,
    ) -> Result<()> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
        if n == 0 {
            return Err(ValidationErrors::single(field, "invalid-person").into());
        }
        Ok(())
    }

    pub async fn add_plan_role(&self, plan_id: i64, r: &RoleAssignment, who: &Who) -> Result<i64> {
        let mut tx = self.write().await?;
        self.require_person(&mut tx, "person", r.person).await?;
        let id: i64 = match sqlx::query_scalar(
            "INSERT INTO course_plan_roles (plan_id, role, person_id, responsibilities, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(plan_id)
        .bind(r.role.slug())
        .bind(r.person)
        .bind(&r.responsibilities)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await
        {
            Ok(id) => id,
            Err(e) if crate::is_unique_violation(&e) => {
                return Err(ValidationErrors::single("person", "course-role-taken").into())
            }
            Err(e) => return Err(e.into()),
        };
        tx.commit(
            who,
            [AuditEvent::new("course_plan.role_add", "course_plan", plan_id).after(
                serde_json::json!({"role": r.role.slug(), "person_id": r.person, "responsibilities": r.responsibilities}),
            )],
        )
        .await?;
        Ok(id)
    }

    pub async fn remove_plan_role(&self, plan_id: i64, role_id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT role, person_id FROM course_plan_roles WHERE id = $1 AND plan_id = $2",
        )
        .bind(role_id)
        .bind(plan_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (role, person) = row.ok_or(StoreError::NotFound)?;
        sqlx::query("DELETE FROM course_plan_roles WHERE id = $1")
            .bind(role_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("course_plan.role_remove", "course_plan", plan_id)
                    .before(serde_json::json!({"role": role, "person_id": person})),
            ],
        )
        .await
    }

    pub async fn plan_shares(&self, plan_id: i64) -> Result<Vec<PlanShare>> {
        let rows = sqlx::query(
            "SELECT s.id, s.person_id, s.body_id, s.access, COALESCE(p.display_name, b.name) AS name \
             FROM course_plan_shares s LEFT JOIN people p ON p.id = s.person_id \
             LEFT JOIN bodies b ON b.id = s.body_id WHERE s.plan_id = $1 ORDER BY s.id",
        )
        .bind(plan_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                let person: Option<i64> = get(r, "person_id")?;
                let body: Option<i64> = get(r, "body_id")?;
                let grantee = match (person, body) {
                    (Some(p), _) => Grantee::Person(p),
                    (None, Some(b)) => Grantee::Group(b),
                    (None, None) => {
                        return Err(crate::corrupt("course_plan_shares", "person_id", "NULL"))
                    }
                };
                Ok(PlanShare {
                    id: get(r, "id")?,
                    grantee,
                    name: get(r, "name")?,
                    access: get_parsed(r, "course_plan_shares", "access", Access::parse)?,
                })
            })
            .collect()
    }

    /// Shares a plan with a person or a group, or changes the access of an existing share.
    pub async fn share_plan(
        &self,
        plan_id: i64,
        grantee: Grantee,
        access: Access,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let (person, body) = match grantee {
            Grantee::Person(p) => {
                self.require_person(&mut tx, "person", p).await?;
                (Some(p), None)
            }
            Grantee::Group(g) => {
                let membership: Option<Option<String>> = sqlx::query_scalar(
                    "SELECT gp.membership FROM bodies b LEFT JOIN group_profiles gp ON gp.body_id = b.id \
                     WHERE b.id = $1 AND b.kind = 'group'",
                )
                .bind(g)
                .fetch_optional(&mut *tx)
                .await?;
                match membership {
                    None => return Err(ValidationErrors::single("group", "invalid-group").into()),
                    // Anyone may join an open group: sharing with it would be sharing with anyone.
                    Some(Some(m)) if m == "open" => {
                        return Err(
                            ValidationErrors::single("group", "course-share-open-group").into()
                        )
                    }
                    Some(_) => {}
                }
                (None, Some(g))
            }
        };
        // NULLs are distinct in a unique constraint: the earlier share is replaced by hand.
        sqlx::query(
            "DELETE FROM course_plan_shares WHERE plan_id = $1 AND (person_id = $2 OR body_id = $3)",
        )
        .bind(plan_id)
        .bind(person)
        .bind(body)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO course_plan_shares (plan_id, person_id, body_id, access, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(plan_id)
        .bind(person)
        .bind(body)
        .bind(access.slug())
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("course_plan.share", "course_plan", plan_id)
                .after(serde_json::json!({"grantee": grantee, "access": access.slug()}))],
        )
        .await
    }

    pub async fn unshare_plan(&self, plan_id: i64, share_id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query("DELETE FROM course_plan_shares WHERE id = $1 AND plan_id = $2")
            .bind(share_id)
            .bind(plan_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(
            who,
            [
                AuditEvent::new("course_plan.unshare", "course_plan", plan_id)
                    .before(serde_json::json!({"share_id": share_id})),
            ],
        )
        .await
    }

    pub async fn plan_measures(&self, plan_id: i64) -> Result<Vec<StoredMeasure>> {
        let rows = sqlx::query(
            "SELECT id, name, metric, target, due_on, public FROM course_measures WHERE plan_id = $1 \
             ORDER BY due_on, id",
        )
        .bind(plan_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(measure_row).collect()
    }

    /// Adds a measure (`id` None) or changes one of the plan's.
    pub async fn save_measure(
        &self,
        plan_id: i64,
        id: Option<i64>,
        m: &Measure,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let target = m.target.to_string();
        let id = match id {
            None => {
                sqlx::query_scalar(
                    "INSERT INTO course_measures (plan_id, name, metric, target, due_on, public, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(plan_id)
                .bind(&m.name)
                .bind(m.metric.slug())
                .bind(&target)
                .bind(m.due_on.to_string())
                .bind(i64::from(m.public))
                .bind(&stamp)
                .fetch_one(&mut *tx)
                .await?
            }
            Some(id) => {
                let n = sqlx::query(
                    "UPDATE course_measures SET name = $1, metric = $2, target = $3, due_on = $4, public = $5, \
                     updated_at = $6 WHERE id = $7 AND plan_id = $8",
                )
                .bind(&m.name)
                .bind(m.metric.slug())
                .bind(&target)
                .bind(m.due_on.to_string())
                .bind(i64::from(m.public))
                .bind(&stamp)
                .bind(id)
                .bind(plan_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Err(StoreError::NotFound);
                }
                id
            }
        };
        tx.commit(
            who,
            [AuditEvent::new("course_measure.save", "course_measure", id)
                .after(serde_json::json!({"plan_id": plan_id, "measure": json(m)}))],
        )
        .await?;
        Ok(id)
    }

    pub async fn delete_measure(&self, plan_id: i64, id: i64, who: &Who) -> Result<()> {
        self.delete_plan_part(plan_id, "course_measures", "course_measure", id, who)
            .await
    }

    async fn delete_plan_part(
        &self,
        plan_id: i64,
        table: &'static str,
        entity: &'static str,
        id: i64,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query(&format!(
            "DELETE FROM {table} WHERE id = $1 AND plan_id = $2"
        ))
        .bind(id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(
            who,
            [AuditEvent::new(&format!("{entity}.delete"), entity, id)
                .before(serde_json::json!({"plan_id": plan_id}))],
        )
        .await
    }

    pub async fn roadmap(&self, plan_id: i64) -> Result<Vec<RoadmapItem>> {
        let rows = sqlx::query(
            "SELECT i.id, i.phase, i.title, i.owner_id, p.display_name AS owner_name, i.due_on, i.status, \
             i.measure_id FROM course_roadmap_items i LEFT JOIN people p ON p.id = i.owner_id \
             WHERE i.plan_id = $1 ORDER BY i.id",
        )
        .bind(plan_id)
        .fetch_all(&self.reader)
        .await?;
        let mut out: Vec<RoadmapItem> = rows.iter().map(item_row).collect::<Result<_>>()?;
        // By phase in the seed's order, then by date (undated last).
        out.sort_by_key(|i| {
            (
                Phase::ALL.iter().position(|p| *p == i.item.phase),
                i.item.due_on.is_none(),
                i.item.due_on,
                i.id,
            )
        });
        Ok(out)
    }

    /// Adds a roadmap item (`id` None) or changes one of the plan's.
    pub async fn save_item(
        &self,
        plan_id: i64,
        id: Option<i64>,
        item: &Item,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        if let Some(owner) = item.owner {
            self.require_person(&mut tx, "owner", owner).await?;
        }
        if let Some(m) = item.measure {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM course_measures WHERE id = $1 AND plan_id = $2",
            )
            .bind(m)
            .bind(plan_id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(ValidationErrors::single("measure", "invalid-choice").into());
            }
        }
        let stamp = self.stamp();
        let id = match id {
            None => {
                sqlx::query_scalar(
                    "INSERT INTO course_roadmap_items (plan_id, phase, title, owner_id, due_on, status, \
                     measure_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                )
                .bind(plan_id)
                .bind(item.phase.slug())
                .bind(&item.title)
                .bind(item.owner)
                .bind(item.due_on.map(|d| d.to_string()))
                .bind(item.status.slug())
                .bind(item.measure)
                .bind(&stamp)
                .fetch_one(&mut *tx)
                .await?
            }
            Some(id) => {
                let n = sqlx::query(
                    "UPDATE course_roadmap_items SET phase = $1, title = $2, owner_id = $3, due_on = $4, \
                     status = $5, measure_id = $6, updated_at = $7 WHERE id = $8 AND plan_id = $9",
                )
                .bind(item.phase.slug())
                .bind(&item.title)
                .bind(item.owner)
                .bind(item.due_on.map(|d| d.to_string()))
                .bind(item.status.slug())
                .bind(item.measure)
                .bind(&stamp)
                .bind(id)
                .bind(plan_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Err(StoreError::NotFound);
                }
                id
            }
        };
        tx.commit(
            who,
            [
                AuditEvent::new("course_roadmap_item.save", "course_roadmap_item", id)
                    .after(serde_json::json!({"plan_id": plan_id, "item": json(item)})),
            ],
        )
        .await?;
        Ok(id)
    }

    pub async fn delete_item(&self, plan_id: i64, id: i64, who: &Who) -> Result<()> {
        self.delete_plan_part(
            plan_id,
            "course_roadmap_items",
            "course_roadmap_item",
            id,
            who,
        )
        .await
    }

    /// A person's roadmap items past their date and not done or dropped (`plan::overdue`).
    pub async fn overdue_items_of(
        &self,
        person: i64,
        today: NaiveDate,
    ) -> Result<Vec<OverdueItem>> {
        let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT i.plan_id, i.id, i.title, c.title, i.due_on FROM course_roadmap_items i \
             JOIN course_plans p ON p.id = i.plan_id JOIN courses c ON c.id = p.course_id \
             WHERE i.owner_id = $1 AND i.status IN ('planned', 'in-progress') AND i.due_on < $2 \
             ORDER BY i.due_on, i.id",
        )
        .bind(person)
        .bind(today.to_string())
        .fetch_all(&self.reader)
        .await?;
        rows.into_iter()
            .map(|(plan_id, item_id, title, course_title, due)| {
                Ok(OverdueItem {
                    plan_id,
                    item_id,
                    title,
                    course_title,
                    due_on: crate::parse_column("course_roadmap_items", "due_on", &due, date)?,
                })
            })
            .collect()
    }
}
