//! Objectives, key results, check-ins and end-of-period scores of a group. The rules (at most five key
//! results, alignment to the parent group, confidence and score steps, periods closing, progress and
//! roll-up, when a check-in is due) are `agora_domain::groups::okrs`; this module keeps what they
//! allow, each change audited.

use super::*;
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::groups::figures::Figure;
use agora_domain::groups::okrs::{
    self as okr, CheckInInput, Confidence, KeyResult, KeyResultKind, NewObjective, Quarter, Score,
    Scoring,
};
use std::collections::HashMap;

const T_OBJ: &str = "group_objectives";
const T_KR: &str = "group_key_results";
const T_CHECK: &str = "group_check_ins";
const T_COMMENT: &str = "group_objective_comments";

/// An objective with its key results and its progress (per-mille), rolled up from them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Objective {
    pub id: i64,
    pub body_id: i64,
    #[schema(value_type = String, example = "2026-Q4")]
    #[serde(serialize_with = "quarter_text")]
    pub period: Quarter,
    pub title: String,
    pub description: String,
    /// The parent group's objective this one serves.
    pub aligned_to: Option<ObjectiveLink>,
    /// Whether members may check in; facilitators always may.
    pub members_check_in: bool,
    pub key_results: Vec<StoredKeyResult>,
    /// 0 to 1000.
    pub progress: i64,
    /// Proposed: open for comments, taking no check-ins, outside the group's roll-up until adopted.
    pub proposed: bool,
    /// When its group adopted it.
    #[serde(serialize_with = "crate::json_time::option")]
    pub adopted_at: Option<DateTime<Utc>>,
    /// Comments on it while it was proposed.
    pub comment_count: i64,
}

/// A comment on a proposed objective, signed with its author's display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ObjectiveComment {
    pub id: i64,
    pub objective_id: i64,
    pub person_name: Option<String>,
    pub text: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
}

/// A proposed objective of a group, for its facilitators' home page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedObjective {
    pub body_id: i64,
    pub id: i64,
    pub title: String,
    pub comment_count: i64,
}

/// An objective named from another (the one it serves).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ObjectiveLink {
    pub id: i64,
    pub title: String,
}

fn quarter_text<S: serde::Serializer>(q: &Quarter, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&q.to_string())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredKeyResult {
    pub id: i64,
    pub objective_id: i64,
    pub key_result: KeyResult,
    /// 0 to 1000.
    pub progress: i64,
    /// The end-of-period score, once a facilitator gave it.
    pub score: Option<Score>,
    pub closing_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredCheckIn {
    pub id: i64,
    pub key_result_id: i64,
    /// In hundredths.
    pub value: i64,
    pub confidence: Confidence,
    pub comment: String,
    pub person_name: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
}

/// A key result nobody has checked in on for 14 days (what needs me).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueKeyResult {
    pub body_id: i64,
    pub key_result_id: i64,
    pub title: String,
    pub members_check_in: bool,
    /// The last check-in, or the key result's creation.
    pub since: DateTime<Utc>,
}

fn tenths<T>(
    r: &AnyRow,
    table: &'static str,
    column: &'static str,
    from: impl Fn(i64) -> Option<T>,
) -> Result<T> {
    let v: i64 = get(r, column)?;
    from(v).ok_or_else(|| crate::corrupt(table, column, &v.to_string()))
}

fn key_result_row(r: &AnyRow) -> Result<StoredKeyResult> {
    let kr = KeyResult {
        title: get(r, "title")?,
        kind: get_parsed(r, T_KR, "kind", KeyResultKind::parse)?,
        start: get(r, "start_value")?,
        target: get(r, "target_value")?,
        current: get(r, "current_value")?,
        unit: get(r, "unit")?,
        confidence: tenths(r, T_KR, "confidence", Confidence::from_tenths)?,
        weight: get(r, "weight")?,
        bound_to: match get::<Option<String>>(r, "bound_to")? {
            None => None,
            Some(s) => Figure::parse(&s).map_err(|_| crate::corrupt(T_KR, "bound_to", &s))?,
        },
    };
    if !(1..=okr::MAX_WEIGHT).contains(&kr.weight) {
        return Err(crate::corrupt(T_KR, "weight", &kr.weight.to_string()));
    }
    let score = match get::<Option<i64>>(r, "score")? {
        None => None,
        Some(v) => Some(
            Score::from_tenths(v).ok_or_else(|| crate::corrupt(T_KR, "score", &v.to_string()))?,
        ),
    };
    Ok(StoredKeyResult {
        id: get(r, "id")?,
        objective_id: get(r, "objective_id")?,
        progress: kr.progress(),
        key_result: kr,
        score,
        closing_note: get(r, "closing_note")?,
    })
}

const KR_COLUMNS: &str = "k.id, k.objective_id, k.title, k.kind, k.start_value, k.target_value, \
    k.current_value, k.unit, k.confidence, k.weight, k.score, k.closing_note, k.bound_to";

/// A key result as a write sees it.
struct KeyResultIn {
    kind: KeyResultKind,
    period: Quarter,
    body_id: i64,
    scored: bool,
    /// Whether its objective is adopted (not only proposed).
    adopted: bool,
    /// Whether it is bound to a figure.
    bound: bool,
}

/// The key result's kind, its objective's period, group and adoption, and whether it is scored,
/// inside a write.
async fn key_result_in(tx: &mut Tx, id: i64) -> Result<KeyResultIn> {
    let r = sqlx::query(
        "SELECT k.kind, k.score, k.bound_to, o.period, o.body_id, o.adopted_at FROM group_key_results k \
         JOIN group_objectives o ON o.id = k.objective_id WHERE k.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(KeyResultIn {
        kind: get_parsed(&r, T_KR, "kind", KeyResultKind::parse)?,
        period: get_parsed(&r, T_OBJ, "period", Quarter::parse)?,
        body_id: get(&r, "body_id")?,
        scored: get::<Option<i64>>(&r, "score")?.is_some(),
        adopted: get::<Option<String>>(&r, "adopted_at")?.is_some(),
        bound: get::<Option<String>>(&r, "bound_to")?.is_some(),
    })
}

/// The period of an objective, inside a write; not found unless it belongs to `body_id`.
async fn objective_in(tx: &mut Tx, body_id: i64, id: i64) -> Result<Quarter> {
    Ok(objective_state_in(tx, body_id, id).await?.0)
}

/// The period of an objective and whether it is adopted, inside a write; not found unless it
/// belongs to `body_id`.
async fn objective_state_in(tx: &mut Tx, body_id: i64, id: i64) -> Result<(Quarter, bool)> {
    let r = sqlx::query("SELECT body_id, period, adopted_at FROM group_objectives WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    if get::<i64>(&r, "body_id")? != body_id {
        return Err(StoreError::NotFound);
    }
    Ok((
        get_parsed(&r, T_OBJ, "period", Quarter::parse)?,
        get::<Option<String>>(&r, "adopted_at")?.is_some(),
    ))
}

/// Checks that `o` may serve the objective it names: one of the parent group's, in the same period.
async fn check_alignment(tx: &mut Tx, body_id: i64, o: &NewObjective) -> Result<()> {
    let Some(target) = o.aligned_to else {
        return Ok(());
    };
    let parent: Option<i64> =
        sqlx::query_scalar("SELECT parent_id FROM group_profiles WHERE body_id = $1")
            .bind(body_id)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
    let r = sqlx::query("SELECT body_id, period FROM group_objectives WHERE id = $1")
        .bind(target)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| invalid("aligned_to", "not-parent-objective"))?;
    okr::may_align(
        parent,
        o.period,
        get(&r, "body_id")?,
        get_parsed(&r, T_OBJ, "period", Quarter::parse)?,
    )
    .map_err(|c| invalid("aligned_to", c))
}

async fn insert_key_result(
    tx: &mut Tx,
    objective_id: i64,
    kr: &KeyResult,
    stamp: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO group_key_results (objective_id, title, kind, start_value, target_value, current_value, \
         unit, confidence, weight, created_at, updated_at, bound_to) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) RETURNING id",
    )
    .bind(objective_id)
    .bind(&kr.title)
    .bind(kr.kind.slug())
    .bind(kr.start)
    .bind(kr.target)
    .bind(kr.current)
    .bind(&kr.unit)
    .bind(kr.confidence.tenths())
    .bind(kr.weight)
    .bind(stamp)
    .bind(kr.bound_to.as_ref().map(Figure::slug))
    .fetch_one(&mut *tx)
    .await?)
}

fn objective_json(body_id: i64, o: &NewObjective) -> serde_json::Value {
    serde_json::json!({"body_id": body_id, "period": o.period.to_string(), "title": o.title,
        "aligned_to": o.aligned_to, "members_check_in": o.members_check_in, "proposed": o.proposed})
}

fn key_result_json(kr: &KeyResult) -> serde_json::Value {
    serde_json::json!({"title": kr.title, "kind": kr.kind.slug(), "start": kr.start,
        "target": kr.target, "unit": kr.unit, "weight": kr.weight,
        "bound_to": kr.bound_to.as_ref().map(Figure::slug)})
}

impl Store {
    /// Adds an objective to a group's period: adopted at once, or proposed for comments.
    pub async fn create_objective(
        &self,
        body_id: i64,
        o: &NewObjective,
        who: &crate::Who,
    ) -> Result<i64> {
        self.create_objective_with(body_id, o, &[], who).await
    }

    /// Adds an objective with its key results in one write (a template adopted by a group).
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn create_objective_with(
        &self,
        body_id: i64,
        o: &NewObjective,
        key_results: &[KeyResult],
        who: &crate::Who,
    ) -> Result<i64> {
        okr::may_add_key_result(key_results.len().saturating_sub(1))
            .map_err(|c| invalid("key_results", c))?;
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        check_alignment(&mut tx, body_id, o).await?;
        let stamp = self.stamp();
        let adopted = (!o.proposed).then_some(&stamp);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO group_objectives (body_id, period, title, description, aligned_to, \
             members_check_in, created_by, created_at, updated_at, adopted_at, adopted_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10) RETURNING id",
        )
        .bind(body_id)
        .bind(o.period.to_string())
        .bind(&o.title)
        .bind(&o.description)
        .bind(o.aligned_to)
        .bind(i64::from(o.members_check_in))
        .bind(who.person_id)
        .bind(&stamp)
        .bind(adopted)
        .bind(adopted.and(who.person_id))
        .fetch_one(&mut *tx)
        .await?;
        let mut events = vec![AuditEvent::new("objective.create", "group_objective", id)
            .after(objective_json(body_id, o))];
        for kr in key_results {
            let kid = insert_key_result(&mut tx, id, kr, &stamp).await?;
            let mut after = key_result_json(kr);
            after["objective_id"] = id.into();
            events.push(AuditEvent::new("key_result.create", "group_key_result", kid).after(after));
        }
        tx.commit(who, events).await?;
        Ok(id)
    }

    /// Adopts a proposed objective of the group: it closes for comments, takes check-ins and counts
    /// in the group's progress.
    #[tracing::instrument(level = "debug", skip_all, fields(objective = id, actor = who.person_id))]
    pub async fn adopt_objective(&self, body_id: i64, id: i64, who: &crate::Who) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        let (period, adopted) = objective_state_in(&mut tx, body_id, id).await?;
        agora_domain::groups::okr_proposals::may_adopt(adopted)
            .map_err(|c| invalid("objective", c))?;
        if period.is_closed(today(self.now())) {
            return Err(invalid("objective", "period-closed"));
        }
        let stamp = self.stamp();
        sqlx::query(
            "UPDATE group_objectives SET adopted_at = $1, adopted_by = $2, updated_at = $1 WHERE id = $3",
        )
        .bind(&stamp)
        .bind(who.person_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("objective.adopt", "group_objective", id)],
        )
        .await
    }

    /// Comments on a proposed objective of the group.
    #[tracing::instrument(level = "debug", skip_all, fields(objective = id, actor = who.person_id))]
    pub async fn comment_on_objective(
        &self,
        body_id: i64,
        id: i64,
        input: &agora_domain::groups::okr_proposals::CommentInput,
        who: &crate::Who,
    ) -> Result<i64> {
        let text = input.parse()?;
        let mut tx = self.begin_groups().await?;
        let (period, adopted) = objective_state_in(&mut tx, body_id, id).await?;
        agora_domain::groups::okr_proposals::may_comment(adopted)
            .map_err(|c| invalid("comment", c))?;
        if period.is_closed(today(self.now())) {
            return Err(invalid("comment", "period-closed"));
        }
        let cid: i64 = sqlx::query_scalar(
            "INSERT INTO group_objective_comments (objective_id, person_id, text, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id)
        .bind(who.person_id)
        .bind(&text)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("objective.comment", "group_objective", id)
                .after(serde_json::json!({"comment_id": cid, "text": text}))],
        )
        .await?;
        Ok(cid)
    }

    /// The comments on an objective, oldest first.
    pub async fn objective_comments(&self, objective_id: i64) -> Result<Vec<ObjectiveComment>> {
        sqlx::query(
            "SELECT c.id, c.objective_id, p.display_name, c.text, c.created_at \
             FROM group_objective_comments c LEFT JOIN people p ON p.id = c.person_id \
             WHERE c.objective_id = $1 ORDER BY c.id",
        )
        .bind(objective_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            Ok(ObjectiveComment {
                id: get(r, "id")?,
                objective_id: get(r, "objective_id")?,
                person_name: get(r, "display_name")?,
                text: get(r, "text")?,
                created_at: get_time(r, T_COMMENT, "created_at")?,
            })
        })
        .collect()
    }

    /// The proposed objectives of these groups in periods not yet over, oldest first (what needs
    /// their facilitators).
    pub async fn proposed_objectives(
        &self,
        body_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Vec<ProposedObjective>> {
        if body_ids.is_empty() {
            return Ok(vec![]);
        }
        let mut q = crate::sql::Sql::new(
            "SELECT o.body_id, o.id, o.title, o.period, \
             (SELECT COUNT(*) FROM group_objective_comments c WHERE c.objective_id = o.id) AS comment_count \
             FROM group_objectives o WHERE o.adopted_at IS NULL AND o.body_id IN ",
        );
        q.bind_list(body_ids).push(" ORDER BY o.id");
        let today = today(now);
        let mut out = vec![];
        for r in q.query().fetch_all(&self.reader).await? {
            if get_parsed(&r, T_OBJ, "period", Quarter::parse)?.is_closed(today) {
                continue;
            }
            out.push(ProposedObjective {
                body_id: get(&r, "body_id")?,
                id: get(&r, "id")?,
                title: get(&r, "title")?,
                comment_count: get(&r, "comment_count")?,
            });
        }
        Ok(out)
    }

    /// Changes an objective of the group (its title, description, period, alignment and who may
    /// check in).
    #[tracing::instrument(level = "debug", skip_all, fields(objective = id, actor = who.person_id))]
    pub async fn update_objective(
        &self,
        body_id: i64,
        id: i64,
        o: &NewObjective,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        objective_in(&mut tx, body_id, id).await?;
        check_alignment(&mut tx, body_id, o).await?;
        sqlx::query(
            "UPDATE group_objectives SET period = $1, title = $2, description = $3, aligned_to = $4, \
             members_check_in = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(o.period.to_string())
        .bind(&o.title)
        .bind(&o.description)
        .bind(o.aligned_to)
        .bind(i64::from(o.members_check_in))
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("objective.update", "group_objective", id).after({
                    // An edit never proposes nor adopts.
                    let mut after = objective_json(body_id, o);
                    after.as_object_mut().map(|m| m.remove("proposed"));
                    after
                }),
            ],
        )
        .await
    }

    /// Adds a key result to an objective of the group, unless it has five already.
    #[tracing::instrument(level = "debug", skip_all, fields(objective = objective_id, actor = who.person_id))]
    pub async fn add_key_result(
        &self,
        body_id: i64,
        objective_id: i64,
        kr: &KeyResult,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.begin_groups().await?;
        objective_in(&mut tx, body_id, objective_id).await?;
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM group_key_results WHERE objective_id = $1")
                .bind(objective_id)
                .fetch_one(&mut *tx)
                .await?;
        okr::may_add_key_result(usize::try_from(n).unwrap_or(usize::MAX))
            .map_err(|c| invalid("key_results", c))?;
        let stamp = self.stamp();
        let id = insert_key_result(&mut tx, objective_id, kr, &stamp).await?;
        let mut after = key_result_json(kr);
        after["objective_id"] = objective_id.into();
        tx.commit(
            who,
            [AuditEvent::new("key_result.create", "group_key_result", id).after(after)],
        )
        .await?;
        Ok(id)
    }

    /// Changes a key result's definition (title, kind, start, target, unit, weight); its value now
    /// and confidence move only by check-ins. Refused once it is scored.
    #[tracing::instrument(level = "debug", skip_all, fields(key_result = id, actor = who.person_id))]
    pub async fn update_key_result(
        &self,
        body_id: i64,
        id: i64,
        kr: &KeyResult,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        let k = key_result_in(&mut tx, id).await?;
        if k.body_id != body_id {
            return Err(StoreError::NotFound);
        }
        let scored = k.scored;
        // A score judges the key result as it was defined: moving the target after would rewrite it.
        if scored {
            return Err(invalid("target", "already-scored"));
        }
        sqlx::query(
            "UPDATE group_key_results SET title = $1, kind = $2, start_value = $3, target_value = $4, \
             unit = $5, weight = $6, updated_at = $7, bound_to = $9 WHERE id = $8",
        )
        .bind(&kr.title)
        .bind(kr.kind.slug())
        .bind(kr.start)
        .bind(kr.target)
        .bind(&kr.unit)
        .bind(kr.weight)
        .bind(self.stamp())
        .bind(id)
        .bind(kr.bound_to.as_ref().map(Figure::slug))
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("key_result.update", "group_key_result", id)
                .after(key_result_json(kr))],
        )
        .await
    }

    /// Records a check-in on a key result of the group: its value and confidence become the key
    /// result's. Refused once the period is over or the key result is scored.
    #[tracing::instrument(level = "debug", skip_all, fields(key_result = key_result_id, actor = who.person_id))]
    pub async fn check_in(
        &self,
        body_id: i64,
        key_result_id: i64,
        input: &CheckInInput,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.begin_groups().await?;
        let k = key_result_in(&mut tx, key_result_id).await?;
        if k.body_id != body_id {
            return Err(StoreError::NotFound);
        }
        if k.scored {
            return Err(invalid("period", "already-scored"));
        }
        agora_domain::groups::okr_proposals::may_check_in_on(k.adopted)
            .map_err(|c| invalid("value", c))?;
        agora_domain::groups::figures::may_check_in_bound(k.bound)
            .map_err(|c| invalid("value", c))?;
        let c = input.parse(k.kind, k.period, today(self.now()))?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO group_check_ins (key_result_id, value, confidence, comment, person_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(key_result_id)
        .bind(c.value)
        .bind(c.confidence.tenths())
        .bind(&c.comment)
        .bind(who.person_id)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE group_key_results SET current_value = $1, confidence = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(c.value)
        .bind(c.confidence.tenths())
        .bind(&stamp)
        .bind(key_result_id)
        .execute(&mut *tx)
        .await?;
        if let Some(person_id) = who.person_id {
            crate::activity::append(
                &mut tx,
                &NewActivity::new(
                    person_id,
                    ActivitySource::Okrs,
                    format!("check-in:{id}"),
                    ActivityKind::CheckIn,
                    self.now(),
                )
                .in_group(body_id)
                .detail(serde_json::json!({"key_result_id": key_result_id, "check_in_id": id})),
            )
            .await?;
        }
        tx.commit(
            who,
            [AuditEvent::new("key_result.check_in", "group_key_result", key_result_id).after(
                serde_json::json!({"check_in_id": id, "value": c.value, "confidence": c.confidence.tenths()}),
            )],
        )
        .await?;
        Ok(id)
    }

    /// Scores a key result of the group at the end of its period (0 to 1.0) with a closing note; a
    /// later score replaces it.
    #[tracing::instrument(level = "debug", skip_all, fields(key_result = key_result_id, actor = who.person_id))]
    pub async fn score_key_result(
        &self,
        body_id: i64,
        key_result_id: i64,
        input: &agora_domain::groups::okrs::ScoreInput,
        who: &crate::Who,
    ) -> Result<Scoring> {
        let mut tx = self.begin_groups().await?;
        let k = key_result_in(&mut tx, key_result_id).await?;
        if k.body_id != body_id {
            return Err(StoreError::NotFound);
        }
        agora_domain::groups::okr_proposals::may_check_in_on(k.adopted)
            .map_err(|c| invalid("score", c))?;
        let s = input.parse(k.period, today(self.now()))?;
        let stamp = self.stamp();
        sqlx::query(
            "UPDATE group_key_results SET score = $1, closing_note = $2, scored_by = $3, scored_at = $4, \
             updated_at = $4 WHERE id = $5",
        )
        .bind(s.score.tenths())
        .bind(&s.note)
        .bind(who.person_id)
        .bind(&stamp)
        .bind(key_result_id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("key_result.score", "group_key_result", key_result_id)
                    .after(serde_json::json!({"score": s.score.tenths(), "note": s.note})),
            ],
        )
        .await?;
        Ok(s)
    }

    async fn load_objectives(&self, filter: &crate::sql::Sql) -> Result<Vec<Objective>> {
        let mut q = crate::sql::Sql::new(
            "SELECT o.id, o.body_id, o.period, o.title, o.description, o.aligned_to, \
             a.title AS aligned_title, o.members_check_in, o.adopted_at, \
             (SELECT COUNT(*) FROM group_objective_comments c WHERE c.objective_id = o.id) AS comment_count \
             FROM group_objectives o \
             LEFT JOIN group_objectives a ON a.id = o.aligned_to",
        );
        q.extend(filter).push(" ORDER BY o.id");
        let rows = q.query().fetch_all(&self.reader).await?;
        let mut k = crate::sql::Sql::new(&format!(
            "SELECT {KR_COLUMNS} FROM group_key_results k JOIN group_objectives o ON o.id = k.objective_id"
        ));
        k.extend(filter).push(" ORDER BY k.id");
        let mut krs: Vec<StoredKeyResult> = k
            .query()
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(key_result_row)
            .collect::<Result<_>>()?;
        // Bound key results take their value from the figure over their objective's period.
        let mut figures: HashMap<(i64, String, Figure), i64> = HashMap::new();
        for kr in krs.iter_mut() {
            let Some(figure) = kr.key_result.bound_to.clone() else {
                continue;
            };
            let Some(r) = rows
                .iter()
                .find(|r| get::<i64>(r, "id").ok() == Some(kr.objective_id))
            else {
                continue;
            };
            let body_id: i64 = get(r, "body_id")?;
            let period = get_parsed(r, T_OBJ, "period", Quarter::parse)?;
            let key = (body_id, period.to_string(), figure);
            let value = match figures.get(&key) {
                Some(v) => *v,
                None => {
                    let v = self.figure(body_id, period, &key.2).await?;
                    figures.insert(key, v);
                    v
                }
            };
            kr.key_result.current = value.saturating_mul(okr::SCALE);
            kr.progress = kr.key_result.progress();
        }
        rows.iter()
            .map(|r| {
                let id: i64 = get(r, "id")?;
                let key_results: Vec<StoredKeyResult> = krs
                    .iter()
                    .filter(|k| k.objective_id == id)
                    .cloned()
                    .collect();
                let weighted: Vec<(i64, i64)> = key_results
                    .iter()
                    .map(|k| (k.progress, k.key_result.weight))
                    .collect();
                let aligned_to = match get::<Option<i64>>(r, "aligned_to")? {
                    Some(id) => Some(ObjectiveLink {
                        id,
                        title: get(r, "aligned_title")?,
                    }),
                    None => None,
                };
                let members: i64 = get(r, "members_check_in")?;
                if !(0..=1).contains(&members) {
                    return Err(crate::corrupt(
                        T_OBJ,
                        "members_check_in",
                        &members.to_string(),
                    ));
                }
                Ok(Objective {
                    id,
                    body_id: get(r, "body_id")?,
                    period: get_parsed(r, T_OBJ, "period", Quarter::parse)?,
                    title: get(r, "title")?,
                    description: get(r, "description")?,
                    aligned_to,
                    members_check_in: members == 1,
                    progress: okr::roll_up(&weighted),
                    key_results,
                    proposed: get::<Option<String>>(r, "adopted_at")?.is_none(),
                    adopted_at: get_opt_time(r, T_OBJ, "adopted_at")?,
                    comment_count: get(r, "comment_count")?,
                })
            })
            .collect()
    }

    /// A figure's value for a group over a period (`agora_domain::groups::figures`).
    pub async fn figure(&self, body_id: i64, period: Quarter, figure: &Figure) -> Result<i64> {
        // Stamps are RFC 3339 in UTC, so a day's prefix bounds them as text.
        let from = period.first_day().to_string();
        let until = period
            .last_day()
            .succ_opt()
            .unwrap_or(period.last_day())
            .to_string();
        let n: i64 = match figure {
            Figure::Members => {
                sqlx::query_scalar(
                    "SELECT COUNT(DISTINCT g.person_id) FROM role_grants g JOIN people p ON p.id = g.person_id \
                     WHERE g.scope_kind = 'group' AND g.scope_id = $1 \
                     AND g.role IN ('group_member', 'facilitator') AND p.disabled_at IS NULL \
                     AND g.created_at < $2",
                )
                .bind(body_id)
                .bind(&until)
                .fetch_one(&self.reader)
                .await?
            }
            Figure::UpdatesPosted => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM group_updates WHERE body_id = $1 AND posted_at >= $2 AND posted_at < $3",
                )
                .bind(body_id)
                .bind(&from)
                .bind(&until)
                .fetch_one(&self.reader)
                .await?
            }
            Figure::ContributionsApproved => {
                // Only what the public showcase shows.
                let mut q = crate::sql::Sql::new(
                    "SELECT COUNT(*) AS n FROM contributions c JOIN partners p ON p.id = c.partner_id \
                     WHERE ",
                );
                crate::contributions::public_approved(&mut q)
                    .push(" AND c.approved_at >= ")
                    .bind(from.clone())
                    .push(" AND c.approved_at < ")
                    .bind(until.clone());
                get(&q.query().fetch_one(&self.reader).await?, "n")?
            }
            Figure::LeadsAccepted(region) => {
                let states: Vec<&str> = agora_domain::leads::OfferStatus::ALL
                    .iter()
                    .filter(|s| s.is_accepted())
                    .map(|s| s.slug())
                    .collect();
                let mut q = crate::sql::Sql::new(
                    "SELECT COUNT(*) AS n FROM lead_offers WHERE region = ",
                );
                q.bind(region.clone())
                    .push(" AND answered_at >= ")
                    .bind(from.clone())
                    .push(" AND answered_at < ")
                    .bind(until.clone())
                    .push(" AND status IN ")
                    .bind_list(&states);
                get(&q.query().fetch_one(&self.reader).await?, "n")?
            }
        };
        Ok(agora_domain::groups::figures::shown(figure, n))
    }

    /// A group's objectives in a period, each with its key results and rolled-up progress.
    pub async fn objectives(&self, body_id: i64, period: Quarter) -> Result<Vec<Objective>> {
        let mut f = crate::sql::Sql::new(" WHERE o.body_id = ");
        f.bind(body_id)
            .push(" AND o.period = ")
            .bind(period.to_string());
        self.load_objectives(&f).await
    }

    /// One objective with its key results.
    pub async fn objective(&self, id: i64) -> Result<Option<Objective>> {
        let mut f = crate::sql::Sql::new(" WHERE o.id = ");
        f.bind(id);
        Ok(self.load_objectives(&f).await?.into_iter().next())
    }

    /// The objective a key result belongs to (with all its key results).
    pub async fn objective_of_key_result(&self, key_result_id: i64) -> Result<Option<Objective>> {
        let id: Option<i64> =
            sqlx::query_scalar("SELECT objective_id FROM group_key_results WHERE id = $1")
                .bind(key_result_id)
                .fetch_optional(&self.reader)
                .await?;
        match id {
            Some(id) => self.objective(id).await,
            None => Ok(None),
        }
    }

    /// The periods in which a group has objectives, newest first.
    pub async fn okr_periods(&self, body_id: i64) -> Result<Vec<Quarter>> {
        sqlx::query_scalar::<_, String>(
            "SELECT DISTINCT period FROM group_objectives WHERE body_id = $1 ORDER BY period DESC",
        )
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|p| crate::parse_column(T_OBJ, "period", p, Quarter::parse))
        .collect()
    }

    /// A key result's check-ins, oldest first: its progress and confidence over time.
    pub async fn check_ins(&self, key_result_id: i64) -> Result<Vec<StoredCheckIn>> {
        sqlx::query(
            "SELECT c.id, c.key_result_id, c.value, c.confidence, c.comment, p.display_name, c.created_at \
             FROM group_check_ins c LEFT JOIN people p ON p.id = c.person_id \
             WHERE c.key_result_id = $1 ORDER BY c.created_at, c.id",
        )
        .bind(key_result_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            Ok(StoredCheckIn {
                id: get(r, "id")?,
                key_result_id: get(r, "key_result_id")?,
                value: get(r, "value")?,
                confidence: tenths(r, T_CHECK, "confidence", Confidence::from_tenths)?,
                comment: get(r, "comment")?,
                person_name: get(r, "display_name")?,
                created_at: get_time(r, T_CHECK, "created_at")?,
            })
        })
        .collect()
    }

    /// Key results of these groups' current period that nobody has checked in on for 14 days (what
    /// needs me), oldest first.
    pub async fn key_results_due(
        &self,
        body_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Vec<DueKeyResult>> {
        if body_ids.is_empty() {
            return Ok(vec![]);
        }
        let period = Quarter::containing(today(now));
        let mut q = crate::sql::Sql::new(
            "SELECT o.body_id, k.id, k.title, k.score, o.members_check_in, k.created_at, \
             (SELECT MAX(c.created_at) FROM group_check_ins c WHERE c.key_result_id = k.id) AS last_check_in \
             FROM group_key_results k JOIN group_objectives o ON o.id = k.objective_id \
             WHERE o.adopted_at IS NOT NULL AND k.bound_to IS NULL AND o.period = ",
        );
        q.bind(period.to_string())
            .push(" AND o.body_id IN ")
            .bind_list(body_ids)
            .push(" ORDER BY k.id");
        let mut due = vec![];
        for r in q.query().fetch_all(&self.reader).await? {
            let since = match get_opt_time(&r, T_CHECK, "last_check_in")? {
                Some(t) => t,
                None => get_time(&r, T_KR, "created_at")?,
            };
            let scored = get::<Option<i64>>(&r, "score")?.is_some();
            if okr::check_in_due(period, scored, today(since), today(now)) {
                due.push(DueKeyResult {
                    body_id: get(&r, "body_id")?,
                    key_result_id: get(&r, "id")?,
                    title: get(&r, "title")?,
                    members_check_in: get::<i64>(&r, "members_check_in")? == 1,
                    since,
                });
            }
        }
        due.sort_by_key(|d| d.since);
        Ok(due)
    }
}
