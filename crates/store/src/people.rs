//! People, their credentials and their roles.

use crate::write::WriteTx;
use crate::{get, get_parsed, get_time, is_unique_violation, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::Email;
use agora_domain::ValidationErrors;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub disabled: bool,
    /// The language chosen on the account page (a locale code such as `fr`); `None` follows the browser.
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonWithGrants {
    pub person: Person,
    pub grants: Vec<Grant>,
}

fn person(row: &AnyRow) -> Result<Person> {
    Ok(Person {
        id: get(row, "id")?,
        email: get(row, "email")?,
        display_name: get(row, "display_name")?,
        password_hash: get(row, "password_hash")?,
        created_at: get_time(row, "people", "created_at")?,
        disabled: get::<Option<String>>(row, "disabled_at")?.is_some(),
        language: get(row, "language")?,
    })
}

const COLUMNS: &str = "id, email, display_name, password_hash, created_at, disabled_at, language";

fn grant(row: &AnyRow) -> Result<Grant> {
    let role = get_parsed(row, "role_grants", "role", Role::parse)?;
    Ok(Grant {
        role,
        scope_id: role
            .scope_kind()
            .map(|_| get(row, "scope_id"))
            .transpose()?,
    })
}

pub(crate) async fn insert_person(
    store: &Store,
    tx: &mut WriteTx,
    email: &Email,
    display_name: &str,
    password_hash: Option<&str>,
) -> Result<i64> {
    let now = store.stamp();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(email.as_str())
    .bind(display_name)
    .bind(password_hash)
    .bind(&now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            StoreError::Invalid(ValidationErrors::single("email", "email-taken"))
        } else {
            e.into()
        }
    })?;
    // The audit log records who was created, not their password hash.
    tx.audit(
        AuditEvent::new("person.create", "person", id)
            .after(serde_json::json!({"email": email.as_str(), "display_name": display_name})),
    );
    Ok(id)
}

pub(crate) async fn insert_grant(
    store: &Store,
    tx: &mut WriteTx,
    person_id: i64,
    grant: Grant,
) -> Result<()> {
    let scope_kind = grant.role.scope_kind().map(|k| k.slug()).unwrap_or("");
    sqlx::query(
        "INSERT INTO role_grants (person_id, role, scope_kind, scope_id, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (person_id, role, scope_kind, scope_id) DO NOTHING",
    )
    .bind(person_id)
    .bind(grant.role.slug())
    .bind(scope_kind)
    .bind(grant.scope_id.unwrap_or(0))
    .bind(store.stamp())
    .execute(&mut **tx)
    .await?;
    tx.audit(
        AuditEvent::new("role.grant", "person", person_id)
            .after(serde_json::json!({"role": grant.role.slug(), "scope_id": grant.scope_id})),
    );
    Ok(())
}

impl Store {
    /// Creates a person with the given roles; `password_hash` is `None` for someone invited.
    pub async fn create_person(
        &self,
        email: &Email,
        display_name: &str,
        password_hash: Option<&str>,
        grants: &[Grant],
        who: &Who,
    ) -> Result<Person> {
        let mut tx = self.write().await?;
        let id = insert_person(self, &mut tx, email, display_name, password_hash).await?;
        for g in grants {
            insert_grant(self, &mut tx, id, *g).await?;
        }
        tx.commit(who, []).await?;
        self.person(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn person(&self, id: i64) -> Result<Option<Person>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM people WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.reader)
            .await?;
        row.as_ref().map(person).transpose()
    }

    pub async fn person_by_email(&self, email: &str) -> Result<Option<Person>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM people WHERE email = $1"))
            .bind(email.trim().to_lowercase())
            .fetch_optional(&self.reader)
            .await?;
        row.as_ref().map(person).transpose()
    }

    /// Sets the language a person reads Agora in (`None`: follow the browser). The web layer checks
    /// that the language is one it ships.
    pub async fn set_language(
        &self,
        person_id: i64,
        language: Option<&str>,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let before: Option<Option<String>> =
            sqlx::query_scalar("SELECT language FROM people WHERE id = $1")
                .bind(person_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(before) = before else {
            return Err(StoreError::NotFound);
        };
        if before.as_deref() == language {
            return Ok(());
        }
        sqlx::query("UPDATE people SET language = $1 WHERE id = $2")
            .bind(language)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [AuditEvent::new("person.language", "person", person_id)
                .before(serde_json::json!({ "language": before }))
                .after(serde_json::json!({ "language": language }))],
        )
        .await
    }

    /// The language chosen by the person with this e-mail address, for mail sent to them.
    pub async fn language_of(&self, email: &str) -> Result<Option<String>> {
        let language: Option<Option<String>> =
            sqlx::query_scalar("SELECT language FROM people WHERE email = $1")
                .bind(email.trim().to_lowercase())
                .fetch_optional(&self.reader)
                .await?;
        Ok(language.flatten())
    }

    pub async fn grants(&self, person_id: i64) -> Result<Vec<Grant>> {
        let rows =
            sqlx::query("SELECT role, scope_id FROM role_grants WHERE person_id = $1 ORDER BY id")
                .bind(person_id)
                .fetch_all(&self.reader)
                .await?;
        rows.iter().map(grant).collect()
    }

    pub async fn grant_role(&self, person_id: i64, grant: Grant, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        insert_grant(self, &mut tx, person_id, grant).await?;
        tx.commit(who, []).await
    }

    pub async fn revoke_role(&self, person_id: i64, grant: Grant, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query(
            "DELETE FROM role_grants WHERE person_id = $1 AND role = $2 AND scope_id = $3",
        )
        .bind(person_id)
        .bind(grant.role.slug())
        .bind(grant.scope_id.unwrap_or(0))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(
            who,
            [AuditEvent::new("role.revoke", "person", person_id).before(
                serde_json::json!({"role": grant.role.slug(), "scope_id": grant.scope_id}),
            )],
        )
        .await
    }

    pub async fn people_page(&self, page: PageRequest) -> Result<Page<PersonWithGrants>> {
        let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
            .fetch_one(&self.reader)
            .await?;
        page.check(total as u64)?;
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM people ORDER BY email LIMIT $1 OFFSET $2"
        ))
        .bind(page.limit())
        .bind(page.offset())
        .fetch_all(&self.reader)
        .await?;
        let mut items = vec![];
        for r in &rows {
            let p = person(r)?;
            let grants = self.grants(p.id).await?;
            items.push(PersonWithGrants { person: p, grants });
        }
        Ok(Page::new(items, page, total as u64))
    }

    /// People holding a role scoped to a partner organization, for its team page.
    pub async fn partner_team(&self, partner_id: i64) -> Result<Vec<(Person, Role)>> {
        let rows = sqlx::query(
            "SELECT p.id, p.email, p.display_name, p.password_hash, p.created_at, p.disabled_at, p.language, g.role \
             FROM people p JOIN role_grants g ON g.person_id = p.id \
             WHERE g.scope_kind = 'partner' AND g.scope_id = $1 ORDER BY p.email",
        )
        .bind(partner_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    person(r)?,
                    get_parsed(r, "role_grants", "role", Role::parse)?,
                ))
            })
            .collect()
    }

    pub async fn count_admins(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM role_grants WHERE role = 'admin'")
                .fetch_one(&self.reader)
                .await?,
        )
    }
}
