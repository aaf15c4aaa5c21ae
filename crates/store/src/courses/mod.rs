//! Courses and the pseudonymous facts of their learners (issue 13). The series themselves are
//! computed by `agora_domain::courses::series` from what these methods read.

mod import;
mod plans;

pub use import::{open_log, MalformedLine, TrackingReport};
pub use plans::{OverdueItem, Plan, PlanRole, PlanShare, RoadmapItem, StoredMeasure};

use crate::{Result, Store};
use agora_domain::audit::AuditEvent;
use agora_domain::courses::series::{EnrollmentChange, LearnerWeek, Milestone, MilestoneKind};
use agora_domain::courses::CourseId;
use rand::RngCore;

const LEARNER_KEY: &str = "learner_key";

/// 1 when any learner fact of course `$1` has been imported, else 0: activity, enrollments (a
/// course before its start has only these) or milestones.
pub(crate) const HAS_FACTS: &str =
    "SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM course_learner_weeks WHERE course_id = $1 LIMIT 1) a) \
     + (SELECT COUNT(*) FROM (SELECT 1 FROM course_enrollments WHERE course_id = $1 LIMIT 1) b) \
     + (SELECT COUNT(*) FROM (SELECT 1 FROM course_milestones WHERE course_id = $1 LIMIT 1) c)";

/// A course Agora knows, from a tracking log or created with a plan.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Course {
    pub id: i64,
    pub course_key: String,
    pub title: String,
    pub organization: String,
    pub partner_id: Option<i64>,
}

/// Everything the series of one course are computed from.
#[derive(Debug, Default)]
pub struct CourseFacts {
    pub weeks: Vec<LearnerWeek<i64>>,
    pub enrollments: Vec<EnrollmentChange<i64>>,
    pub milestones: Vec<Milestone<i64>>,
}

/// The key of learner pseudonyms, made once with the schema.
pub(crate) async fn ensure_learner_key(store: &Store) -> Result<()> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(LEARNER_KEY)
        .bind(hex::encode(bytes))
        .execute(store.bookkeeping_pool())
        .await?;
    Ok(())
}

impl Store {
    pub(crate) async fn learner_key(&self) -> Result<Vec<u8>> {
        let v: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
            .bind(LEARNER_KEY)
            .fetch_one(&self.reader)
            .await?;
        crate::parse_column("settings", "value", &v, |s| hex::decode(s))
    }

    pub async fn course_by_key(&self, key: &CourseId) -> Result<Option<Course>> {
        let row: Option<(i64, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, course_key, title, organization, partner_id FROM courses WHERE course_key = $1",
        )
        .bind(key.to_string())
        .fetch_optional(&self.reader)
        .await?;
        Ok(
            row.map(|(id, course_key, title, organization, partner_id)| Course {
                id,
                course_key,
                title,
                organization,
                partner_id,
            }),
        )
    }

    /// Every fact of a course, for its series.
    pub async fn course_facts(&self, course_id: i64) -> Result<CourseFacts> {
        let weeks: Vec<(i64, String, i64, i64)> = sqlx::query_as(
            "SELECT learner, week, flags, forum_posts FROM course_learner_weeks WHERE course_id = $1",
        )
        .bind(course_id)
        .fetch_all(&self.reader)
        .await?;
        let enrollments: Vec<(i64, String, i64, Option<String>)> = sqlx::query_as(
            "SELECT learner, at, enrolled, referral FROM course_enrollments WHERE course_id = $1",
        )
        .bind(course_id)
        .fetch_all(&self.reader)
        .await?;
        let milestones: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT learner, kind, at FROM course_milestones WHERE course_id = $1")
                .bind(course_id)
                .fetch_all(&self.reader)
                .await?;
        let time = |table: &'static str, s: &str| {
            crate::parse_time(s).ok_or_else(|| crate::corrupt(table, "at", s))
        };
        let mut out = CourseFacts::default();
        for (learner, week, flags, posts) in weeks {
            out.weeks.push(LearnerWeek {
                learner,
                week: crate::parse_column("course_learner_weeks", "week", &week, crate::date)?,
                flags: flags as u8,
                forum_posts: posts.max(0) as u64,
            });
        }
        for (learner, at, enrolled, referral) in enrollments {
            out.enrollments.push(EnrollmentChange {
                learner,
                at: time("course_enrollments", &at)?,
                enrolled: enrolled != 0,
                referred: referral.is_some(),
            });
        }
        for (learner, kind, at) in milestones {
            out.milestones.push(Milestone {
                learner,
                kind: if kind == "certificate" {
                    MilestoneKind::Certificate
                } else {
                    MilestoneKind::Completion
                },
                at: time("course_milestones", &at)?,
            });
        }
        Ok(out)
    }
}

impl Store {
    /// Learners whose enrollment came with each referral code, most first.
    pub async fn course_referrals(&self, course_id: i64) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT referral, COUNT(DISTINCT learner) AS n FROM course_enrollments \
             WHERE course_id = $1 AND enrolled = 1 AND referral IS NOT NULL \
             GROUP BY referral ORDER BY n DESC, referral",
        )
        .bind(course_id)
        .fetch_all(&self.reader)
        .await?)
    }
}

impl Store {
    /// Adds the enrollments of the instructor dashboard's enrolled-students CSV to a course: each
    /// learner pseudonymised like the tracking logs, so a learner met in both counts once. Returns
    /// how many enrollments were new. Audited as one change.
    pub async fn import_enrolled(
        &self,
        course_id: i64,
        label: &str,
        rows: &[agora_domain::courses::enrolled_csv::Enrolled],
        who: &crate::Who,
    ) -> Result<u64> {
        use agora_domain::courses::facts::pseudonym;
        let key = self.learner_key().await?;
        let mut tx = self.write().await?;
        let before: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM course_enrollments WHERE course_id = $1")
                .bind(course_id)
                .fetch_one(&mut *tx)
                .await?;
        use crate::sql::Col;
        let insert = crate::sql::BulkInsert::new(
            self.dialect(),
            "course_enrollments (course_id, learner, at, enrolled, referral)",
            &[Col::Int, Col::Int, Col::Text, Col::Int, Col::Text],
            "ON CONFLICT (course_id, learner, at, enrolled) DO NOTHING",
        );
        let mut bulk = insert.rows(8192);
        for r in rows {
            bulk.int(course_id)
                .int(pseudonym(&key, &r.username))
                .text(&crate::format_time(r.at))
                .int(1)
                .null();
        }
        insert.execute(&mut tx, bulk, &[]).await?;
        let after: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM course_enrollments WHERE course_id = $1")
                .bind(course_id)
                .fetch_one(&mut *tx)
                .await?;
        let added = (after - before).max(0) as u64;
        if added == 0 {
            // Nothing new: nobody's change.
            return Ok(0);
        }
        sqlx::query("UPDATE courses SET data_updated_at = $1 WHERE id = $2")
            .bind(self.stamp())
            .bind(course_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("course.enrolled_import", "course", course_id)
                    .after(serde_json::json!({"file": label, "rows": rows.len(), "added": added})),
            ],
        )
        .await?;
        Ok(added)
    }

    /// When learner data of a course was last imported, if it ever was.
    pub async fn course_data_updated_at(
        &self,
        course_id: i64,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        let at: Option<Option<String>> =
            sqlx::query_scalar("SELECT data_updated_at FROM courses WHERE id = $1")
                .bind(course_id)
                .fetch_optional(&self.reader)
                .await?;
        at.flatten()
            .map(|t| {
                crate::parse_column("courses", "data_updated_at", &t, |t| {
                    crate::parse_time(t).ok_or(())
                })
            })
            .transpose()
    }
}
