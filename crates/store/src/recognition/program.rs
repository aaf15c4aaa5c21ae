//! The rest of the Distinguished Contributor program: appeals of a decline, lifetime status, the
//! month-9 and month-11 warnings before the annual evaluation, mentorship and attestation records
//! (evidence the ledger cannot see), the program's budget and the facts its dashboard counts.

use super::{
    award_json, award_of_nomination, insert_credential, save_award, NewCredential, StoredAward, A,
    AWARD_COLUMNS, LOCK_RECOGNITION,
};
use crate::outbox::{queue_mail, Mail};
use crate::settings::bump_directory_version;
use crate::{get, get_time, is_unique_violation, json_column, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::recognition::award::{lifetime_due, state_on, transition, TermRules};
use agora_domain::recognition::budget::Deliverable;
use agora_domain::recognition::retention::warning_due;
use agora_domain::recognition::review::{Appeal, AppealAnswer, AppealVerdict, Outcome};
use agora_domain::recognition::{Award, AwardEvent, AwardKind, AwardState};
use agora_domain::ValidationErrors;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredAppeal {
    pub nomination_id: i64,
    pub person_id: i64,
    pub name: String,
    pub text: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    pub verdict: Option<AppealVerdict>,
    pub rationale: Option<String>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub decided_at: Option<DateTime<Utc>>,
}

/// An appeal waiting for the panel's answer, for the foundation's home page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAppeal {
    pub nomination_id: i64,
    pub nominee_name: String,
    pub category_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Mentorship {
    pub id: i64,
    pub mentor_id: i64,
    pub mentor_name: String,
    pub mentee_id: i64,
    pub mentee_name: String,
    #[schema(value_type = String)]
    pub starts_on: NaiveDate,
    #[schema(value_type = Option<String>)]
    pub ends_on: Option<NaiveDate>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Attestation {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub attested_by: i64,
    pub attested_by_name: String,
    pub body_id: Option<i64>,
    pub body_name: Option<String>,
    pub year: i32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredDeliverable {
    pub id: i64,
    #[serde(flatten)]
    pub deliverable: Deliverable,
}

/// Where an award's holder belongs, for the balance of awards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AwardPlace {
    pub award_id: i64,
    /// The organization: the partner awarded, or the first partner a member works for.
    pub organization: Option<String>,
    /// The region of that organization's headquarters.
    pub region: Option<String>,
}

/// What the program's dashboard counts, as read from the database; the targets are the domain's.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DashboardFacts {
    /// Every award that was ever granted (declined and pending nominations left out).
    pub awards: Vec<StoredAward>,
    pub places: Vec<AwardPlace>,
    /// Cycle year → nominations in it.
    pub nominations: BTreeMap<i32, u64>,
    /// Year → proposals put to the community by a person (withdrawn ones left out).
    pub proposals: BTreeMap<i32, u64>,
    /// Year → initiatives started.
    pub initiatives: BTreeMap<i32, u64>,
    /// Year → leads that arrived through a referral code of a Distinguished Contributor.
    pub referred_leads: BTreeMap<i32, u64>,
}

fn year_counts(rows: Vec<(String, i64)>) -> BTreeMap<i32, u64> {
    let mut out = BTreeMap::new();
    for (y, n) in rows {
        if let Ok(y) = y.get(..4).unwrap_or_default().parse::<i32>() {
            *out.entry(y).or_default() += n.max(0) as u64;
        }
    }
    out
}

/// The warnings sent, per term (its start day) → months.
fn warnings_sent(raw: &str) -> BTreeMap<String, Vec<u8>> {
    serde_json::from_str(raw).unwrap_or_default()
}

impl Store {
    pub async fn recognition_appeal(&self, nomination_id: i64) -> Result<Option<StoredAppeal>> {
        let t = "recognition_appeals";
        let r = sqlx::query(
            "SELECT a.nomination_id, a.person_id, p.display_name, a.text, a.created_at, a.verdict, \
             a.rationale, a.decided_at FROM recognition_appeals a JOIN people p ON p.id = a.person_id \
             WHERE a.nomination_id = $1",
        )
        .bind(nomination_id)
        .fetch_optional(&self.reader)
        .await?;
        r.map(|r| {
            let verdict: Option<String> = get(&r, "verdict")?;
            let decided: Option<String> = get(&r, "decided_at")?;
            Ok(StoredAppeal {
                nomination_id: get(&r, "nomination_id")?,
                person_id: get(&r, "person_id")?,
                name: get(&r, "display_name")?,
                text: get(&r, "text")?,
                created_at: get_time(&r, t, "created_at")?,
                verdict: verdict
                    .map(|v| crate::parse_column(t, "verdict", &v, AppealVerdict::parse))
                    .transpose()?,
                rationale: get(&r, "rationale")?,
                decided_at: crate::opt_time_column(t, "decided_at", decided.as_deref())?,
            })
        })
        .transpose()
    }

    /// Appeals without an answer, oldest first.
    pub async fn open_appeals(&self) -> Result<Vec<OpenAppeal>> {
        let rows: Vec<(i64, Option<String>, String)> = sqlx::query_as(
            "SELECT n.id, COALESCE(np.display_name, pa.name), c.name FROM recognition_appeals a \
             JOIN recognition_nominations n ON n.id = a.nomination_id \
             JOIN recognition_categories c ON c.id = n.category_id \
             LEFT JOIN people np ON np.id = n.nominee_person_id \
             LEFT JOIN partners pa ON pa.id = n.nominee_partner_id \
             WHERE a.verdict IS NULL ORDER BY a.id",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name, category)| OpenAppeal {
                nomination_id: id,
                nominee_name: name.unwrap_or_default(),
                category_name: category,
            })
            .collect())
    }

    /// Files the one appeal of a declined nomination (the caller checked `may_appeal`). Audited.
    pub async fn appeal_nomination(
        &self,
        nomination_id: i64,
        appeal: &Appeal,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let outcome: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM recognition_nominations WHERE id = $1")
                .bind(nomination_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        if outcome.as_deref() != Some(Outcome::Decline.slug()) {
            return Err(ValidationErrors::single("text", "not-declined").into());
        }
        let inserted = sqlx::query(
            "INSERT INTO recognition_appeals (nomination_id, person_id, text, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(nomination_id)
        .bind(appeal.by)
        .bind(&appeal.text)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(e) if is_unique_violation(&e) => {
                return Err(ValidationErrors::single("text", "already-appealed").into())
            }
            r => r?,
        };
        tx.commit(
            who,
            [AuditEvent::new(
                "recognition.appeal",
                "recognition_nomination",
                nomination_id,
            )
            .after(serde_json::json!({"text": appeal.text}))],
        )
        .await
    }

    /// The panel's answer to an appeal, given once. Overturned, the decline becomes an award: the
    /// term starts today and `credential` (signed by the caller) is issued with it. The appellant
    /// is told by mail. Audited.
    pub async fn answer_appeal(
        &self,
        nomination_id: i64,
        answer: &AppealAnswer,
        credential: Option<&NewCredential>,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let row: Option<(Option<String>, String)> = sqlx::query_as(
            "SELECT a.verdict, p.email FROM recognition_appeals a JOIN people p ON p.id = a.person_id \
             WHERE a.nomination_id = $1",
        )
        .bind(nomination_id)
        .fetch_optional(&mut *tx)
        .await?;
        let (verdict, appellant) = row.ok_or(StoreError::NotFound)?;
        if verdict.is_some() {
            return Err(ValidationErrors::single("verdict", "already-answered").into());
        }
        let stamp = self.stamp();
        sqlx::query(
            "UPDATE recognition_appeals SET verdict = $1, rationale = $2, decided_at = $3, decided_by = $4 \
             WHERE nomination_id = $5",
        )
        .bind(answer.verdict.slug())
        .bind(&answer.rationale)
        .bind(&stamp)
        .bind(who.person_id)
        .bind(nomination_id)
        .execute(&mut *tx)
        .await?;
        let mut award_id = None;
        if answer.verdict == AppealVerdict::Overturned {
            sqlx::query(
                "UPDATE recognition_nominations SET outcome = $1, decided_at = $2, decided_by = $3, \
                 updated_at = $2 WHERE id = $4",
            )
            .bind(Outcome::Award.slug())
            .bind(&stamp)
            .bind(who.person_id)
            .bind(nomination_id)
            .execute(&mut *tx)
            .await?;
            let (id, mut award) = award_of_nomination(&mut tx, nomination_id).await?;
            let today = self.now().date_naive();
            let rules = TermRules::default();
            let by = crate::shown_label(&who.label);
            for e in [
                AwardEvent::Awarded { on: today },
                AwardEvent::Started { on: today },
            ] {
                award = transition(&award, &e, today, &rules)
                    .map_err(|err| ValidationErrors::single("verdict", err.code()))?;
                save_award(&mut tx, id, &award, &by, &stamp).await?;
            }
            if let Some(c) = credential {
                insert_credential(&mut tx, id, c, &stamp).await?;
            }
            bump_directory_version(&mut tx).await?;
            award_id = Some(id);
        }
        let disabled: Option<String> =
            sqlx::query_scalar("SELECT disabled_at FROM people WHERE email = $1")
                .bind(&appellant)
                .fetch_optional(&mut *tx)
                .await?
                .flatten();
        if disabled.is_none() {
            queue_mail(
                &mut tx,
                &appellant,
                &Mail::new("email-recognition-appeal-answered")
                    .arg("verdict", answer.verdict.slug())
                    .arg(
                        "link",
                        format!("{}/recognition/nominations/{nomination_id}", crate::SITE),
                    ),
            )
            .await?;
        }
        tx.commit(
            who,
            [AuditEvent::new(
                "recognition.appeal_answer",
                "recognition_nomination",
                nomination_id,
            )
            .after(serde_json::json!({
                "verdict": answer.verdict.slug(),
                "rationale": answer.rationale,
                "award_id": award_id,
                "credential": credential.filter(|_| award_id.is_some()).map(|c| c.uuid.clone()),
            }))],
        )
        .await
    }

    /// The holder's lifetime award, if they have one.
    pub async fn lifetime_award_of(&self, award: &StoredAward) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT id FROM recognition_awards WHERE kind = $1 \
             AND (person_id = $2 OR partner_id = $3) LIMIT 1",
        )
        .bind(AwardKind::Lifetime.slug())
        .bind(award.person_id)
        .bind(award.partner_id)
        .fetch_optional(&self.reader)
        .await?)
    }

    /// Grants lifetime status to the holder of `from_award` when its terms earn it (five consecutive
    /// renewed terms) and they have none yet; `credential` is its signed credential (no expiry).
    /// Returns the new award's id, or `None` when nothing was due. Audited.
    pub async fn grant_lifetime(
        &self,
        from_award: i64,
        credential: &NewCredential,
        who: &Who,
    ) -> Result<Option<i64>> {
        let mut tx = self.write_locked(LOCK_RECOGNITION).await?;
        let row: Option<(i64, Option<i64>, Option<i64>, String)> = sqlx::query_as(
            "SELECT category_id, person_id, partner_id, record FROM recognition_awards \
             WHERE id = $1 AND kind = $2",
        )
        .bind(from_award)
        .bind(AwardKind::Term.slug())
        .fetch_optional(&mut *tx)
        .await?;
        let (category_id, person, partner, record) = row.ok_or(StoreError::NotFound)?;
        let award: Award = json_column(A, "record", &record)?;
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        if !lifetime_due(&award.terms, rules.grace_days) {
            return Ok(None);
        }
        let held: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM recognition_awards WHERE kind = $1 AND (person_id = $2 OR partner_id = $3)",
        )
        .bind(AwardKind::Lifetime.slug())
        .bind(person)
        .bind(partner)
        .fetch_optional(&mut *tx)
        .await?;
        if held.is_some() {
            return Ok(None);
        }
        let today = self.now().date_naive();
        let lifetime = Award::lifetime(today);
        let stamp = self.stamp();
        let year = i64::from(chrono::Datelike::year(&today));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO recognition_awards (nomination_id, category_id, person_id, partner_id, cycle_year, \
             kind, state, record, suspended, warnings_sent, created_at, updated_at) \
             VALUES (NULL, $1, $2, $3, $4, $5, $6, $7, 0, '{}', $8, $8) RETURNING id",
        )
        .bind(category_id)
        .bind(person)
        .bind(partner)
        .bind(year)
        .bind(lifetime.kind.slug())
        .bind(lifetime.state.slug())
        .bind(award_json(&lifetime).to_string())
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        save_award(
            &mut tx,
            id,
            &lifetime,
            &crate::shown_label(&who.label),
            &stamp,
        )
        .await?;
        insert_credential(&mut tx, id, credential, &stamp).await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.lifetime", "recognition_award", id).after(
                    serde_json::json!({"from_award": from_award, "credential": credential.uuid}),
                ),
            ],
        )
        .await?;
        Ok(Some(id))
    }

    /// Mails each member in a term the month-9 or month-11 warning that the annual evaluation
    /// comes, once per term and month (bookkeeping: warning changes no award). Returns how many
    /// were warned.
    pub async fn send_recognition_warnings(&self) -> Result<u64> {
        let today = self.now().date_naive();
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        let mut tx = self.bookkeeping(Some(LOCK_RECOGNITION_WARNINGS)).await?;
        #[allow(clippy::type_complexity)]
        let rows: Vec<(i64, String, String, String, Option<String>, Option<i64>, String)> = sqlx::query_as(
            "SELECT a.id, a.record, a.warnings_sent, c.name, p.email, a.partner_id, a.kind FROM recognition_awards a \
             JOIN recognition_categories c ON c.id = a.category_id \
             LEFT JOIN people p ON p.id = a.person_id AND p.disabled_at IS NULL \
             WHERE a.state IN ('active', 'renewed', 'grace')",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut warned = 0;
        for (id, record, sent, category, email, partner, kind) in rows {
            if kind != AwardKind::Term.slug() {
                continue;
            }
            let award = state_on(&json_column::<Award>(A, "record", &record)?, today, &rules);
            let Some(term) = award
                .current_term()
                .filter(|_| award.state == AwardState::Active)
            else {
                continue;
            };
            let mut sent = warnings_sent(&sent);
            let key = term.start.to_string();
            let months = sent.entry(key.clone()).or_default();
            let Some(month) = warning_due(term.start, today, months) else {
                continue;
            };
            months.push(month);
            sqlx::query("UPDATE recognition_awards SET warnings_sent = $1 WHERE id = $2")
                .bind(serde_json::to_string(&sent).unwrap_or_default())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let mail = Mail::new("email-recognition-evaluation-warning")
                .arg("month", month)
                .arg("category", &category)
                .arg(
                    "end",
                    term.end
                        .unwrap_or_else(|| agora_domain::recognition::term_end(term.start)),
                )
                .arg("link", format!("{}/recognition/evidence", crate::SITE));
            match (email, partner) {
                (Some(to), _) => queue_mail(&mut tx, &to, &mail).await?,
                (None, Some(partner)) => {
                    crate::partners::notify_partner(&mut tx, partner, &mail).await?;
                }
                (None, None) => continue,
            }
            warned += 1;
        }
        tx.commit_unaudited().await?;
        Ok(warned)
    }

    pub async fn mentorships(&self, person: Option<i64>) -> Result<Vec<Mentorship>> {
        let t = "recognition_mentorships";
        sqlx::query(
            "SELECT m.id, m.mentor_id, a.display_name AS mentor_name, m.mentee_id, \
             b.display_name AS mentee_name, m.starts_on, m.ends_on, m.note \
             FROM recognition_mentorships m JOIN people a ON a.id = m.mentor_id \
             JOIN people b ON b.id = m.mentee_id \
             WHERE ($1 IS NULL OR m.mentor_id = $1 OR m.mentee_id = $1) ORDER BY m.starts_on DESC, m.id DESC",
        )
        .bind(person)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            let ends: Option<String> = get(r, "ends_on")?;
            Ok(Mentorship {
                id: get(r, "id")?,
                mentor_id: get(r, "mentor_id")?,
                mentor_name: get(r, "mentor_name")?,
                mentee_id: get(r, "mentee_id")?,
                mentee_name: get(r, "mentee_name")?,
                starts_on: super::date_col(r, t, "starts_on")?,
                ends_on: ends
                    .map(|e| crate::parse_column(t, "ends_on", &e, crate::date))
                    .transpose()?,
                note: get(r, "note")?,
            })
        })
        .collect()
    }

    /// Records a mentorship (the caller checked who may). Audited.
    pub async fn add_mentorship(
        &self,
        mentor: i64,
        mentee: i64,
        starts_on: NaiveDate,
        ends_on: Option<NaiveDate>,
        note: &str,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO recognition_mentorships (mentor_id, mentee_id, starts_on, ends_on, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(mentor)
        .bind(mentee)
        .bind(starts_on.to_string())
        .bind(ends_on.map(|d| d.to_string()))
        .bind(note)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new("recognition.mentorship", "recognition_mentorships", id).after(
                    serde_json::json!({"mentor": mentor, "mentee": mentee, "starts_on": starts_on,
                    "ends_on": ends_on, "note": note}),
                ),
            ],
        )
        .await?;
        Ok(id)
    }

    pub async fn remove_mentorship(&self, id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query("DELETE FROM recognition_mentorships WHERE id = $1")
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
                "recognition.mentorship_removed",
                "recognition_mentorships",
                id,
            )],
        )
        .await
    }

    pub async fn attestations(&self, person: Option<i64>) -> Result<Vec<Attestation>> {
        sqlx::query(
            "SELECT t.id, t.person_id, a.display_name AS person_name, t.attested_by, \
             b.display_name AS by_name, t.body_id, g.name AS body_name, t.year, t.text \
             FROM recognition_attestations t JOIN people a ON a.id = t.person_id \
             JOIN people b ON b.id = t.attested_by LEFT JOIN bodies g ON g.id = t.body_id \
             WHERE ($1 IS NULL OR t.person_id = $1) ORDER BY t.year DESC, t.id DESC",
        )
        .bind(person)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            Ok(Attestation {
                id: get(r, "id")?,
                person_id: get(r, "person_id")?,
                person_name: get(r, "person_name")?,
                attested_by: get(r, "attested_by")?,
                attested_by_name: get(r, "by_name")?,
                body_id: get(r, "body_id")?,
                body_name: get(r, "body_name")?,
                year: i32::try_from(get::<i64>(r, "year")?)
                    .map_err(|_| crate::corrupt("recognition_attestations", "year", "?"))?,
                text: get(r, "text")?,
            })
        })
        .collect()
    }

    /// Records a facilitator's attestation of a member's work in a group (the caller checked the
    /// facilitator's role). Audited.
    pub async fn add_attestation(
        &self,
        person: i64,
        body_id: i64,
        year: i32,
        text: &str,
        who: &Who,
    ) -> Result<i64> {
        let by = who.person_id.ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO recognition_attestations (person_id, attested_by, body_id, year, text, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(person)
        .bind(by)
        .bind(body_id)
        .bind(i64::from(year))
        .bind(text)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("recognition.attestation", "recognition_attestations", id).after(
                serde_json::json!({"person": person, "group": body_id, "year": year, "text": text}),
            )],
        )
        .await?;
        Ok(id)
    }

    pub async fn recognition_budget(&self) -> Result<Vec<StoredDeliverable>> {
        sqlx::query(
            "SELECT id, cycle_year, name, description, cost_cents FROM recognition_budget \
             ORDER BY cycle_year DESC, id",
        )
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            Ok(StoredDeliverable {
                id: get(r, "id")?,
                deliverable: Deliverable {
                    name: get(r, "name")?,
                    description: get(r, "description")?,
                    cost_cents: get(r, "cost_cents")?,
                    cycle_year: i32::try_from(get::<i64>(r, "cycle_year")?)
                        .map_err(|_| crate::corrupt("recognition_budget", "cycle_year", "?"))?,
                },
            })
        })
        .collect()
    }

    /// Adds a deliverable (`id` = None) or changes one. Audited with before and after.
    pub async fn save_deliverable(
        &self,
        id: Option<i64>,
        d: &Deliverable,
        who: &Who,
    ) -> Result<i64> {
        d.check().map_err(StoreError::Invalid)?;
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let (id, before) = match id {
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO recognition_budget (cycle_year, name, description, cost_cents, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                )
                .bind(i64::from(d.cycle_year))
                .bind(&d.name)
                .bind(&d.description)
                .bind(d.cost_cents)
                .bind(&stamp)
                .fetch_one(&mut *tx)
                .await?;
                (id, None)
            }
            Some(id) => {
                let before: Option<(i64, String, String, i64)> = sqlx::query_as(
                    "SELECT cycle_year, name, description, cost_cents FROM recognition_budget WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let before = before.ok_or(StoreError::NotFound)?;
                sqlx::query(
                    "UPDATE recognition_budget SET cycle_year = $1, name = $2, description = $3, \
                     cost_cents = $4, updated_at = $5 WHERE id = $6",
                )
                .bind(i64::from(d.cycle_year))
                .bind(&d.name)
                .bind(&d.description)
                .bind(d.cost_cents)
                .bind(&stamp)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                (
                    id,
                    Some(serde_json::json!({"cycle_year": before.0, "name": before.1,
                        "description": before.2, "cost_cents": before.3})),
                )
            }
        };
        let mut event = AuditEvent::new("recognition.budget", "recognition_budget", id)
            .after(serde_json::to_value(d).unwrap_or_default());
        if let Some(b) = before {
            event = event.before(b);
        }
        tx.commit(who, [event]).await?;
        Ok(id)
    }

    pub async fn remove_deliverable(&self, id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query("DELETE FROM recognition_budget WHERE id = $1")
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
                "recognition.budget_removed",
                "recognition_budget",
                id,
            )],
        )
        .await
    }

    /// The facts the program's dashboard counts.
    pub async fn recognition_dashboard(&self) -> Result<DashboardFacts> {
        let today = self.now().date_naive();
        let rules: TermRules = (&self.recognition_settings().await?.program).into();
        let awards: Vec<StoredAward> = sqlx::query(&format!(
            "{AWARD_COLUMNS} WHERE a.state NOT IN ('nominated', 'in-review', 'declined') \
             ORDER BY a.cycle_year, a.id"
        ))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| {
            let mut a = super::award_row(r)?;
            a.award = state_on(&a.award, today, &rules);
            Ok(a)
        })
        .collect::<Result<_>>()?;
        // A member's organization: the first partner they work for (by id), as on their profile.
        let places: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT a.id, pa.name, r.name FROM recognition_awards a \
             LEFT JOIN partners pa ON pa.id = COALESCE(a.partner_id, \
               (SELECT MIN(g.scope_id) FROM role_grants g WHERE g.person_id = a.person_id \
                AND g.role IN ('partner_admin', 'partner_member'))) \
             LEFT JOIN region_countries rc ON rc.country = pa.hq_country \
             LEFT JOIN regions r ON r.slug = rc.region_slug \
             WHERE a.state NOT IN ('nominated', 'in-review', 'declined')",
        )
        .fetch_all(&self.reader)
        .await?;
        let nominations: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT y.year, COUNT(*) FROM recognition_nominations n \
             JOIN recognition_cycles y ON y.id = n.cycle_id GROUP BY y.year",
        )
        .fetch_all(&self.reader)
        .await?;
        let proposals: Vec<(String, i64)> = sqlx::query_as(
            "SELECT substr(opened_at, 1, 4) AS y, COUNT(*) FROM decisions \
             WHERE proposer_id IS NOT NULL AND status <> 'withdrawn' GROUP BY substr(opened_at, 1, 4)",
        )
        .fetch_all(&self.reader)
        .await?;
        let initiatives: Vec<(String, i64)> = sqlx::query_as(
            "SELECT substr(created_at, 1, 4) AS y, COUNT(*) FROM initiatives GROUP BY substr(created_at, 1, 4)",
        )
        .fetch_all(&self.reader)
        .await?;
        let referred: Vec<(String, i64)> = sqlx::query_as(
            "SELECT substr(l.month, 1, 4) AS y, COUNT(*) FROM leads l \
             JOIN referrers f ON f.id = l.referrer_id \
             WHERE f.person_id IN (SELECT person_id FROM recognition_awards \
               WHERE person_id IS NOT NULL AND state NOT IN ('nominated', 'in-review', 'declined')) \
             GROUP BY substr(l.month, 1, 4)",
        )
        .fetch_all(&self.reader)
        .await?;
        Ok(DashboardFacts {
            awards,
            places: places
                .into_iter()
                .map(|(award_id, organization, region)| AwardPlace {
                    award_id,
                    organization,
                    region,
                })
                .collect(),
            nominations: nominations
                .into_iter()
                .map(|(y, n)| (y as i32, n.max(0) as u64))
                .collect(),
            proposals: year_counts(proposals),
            initiatives: year_counts(initiatives),
            referred_leads: year_counts(referred),
        })
    }
}

/// Warning runs on several instances take turns.
const LOCK_RECOGNITION_WARNINGS: i64 = 0x4147_0028;
