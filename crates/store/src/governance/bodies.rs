//! Bodies, their members, standings and partner delegates.

use super::*;

impl Store {
    pub async fn bodies(&self) -> Result<Vec<Body>> {
        sqlx::query("SELECT * FROM bodies ORDER BY CASE kind WHEN 'group' THEN 1 ELSE 0 END, name")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(body_row)
            .collect()
    }

    pub async fn body(&self, slug: &str) -> Result<Option<Body>> {
        sqlx::query("SELECT * FROM bodies WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(body_row)
            .transpose()
    }

    pub async fn body_by_id(&self, id: i64) -> Result<Body> {
        sqlx::query("SELECT * FROM bodies WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(body_row)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    /// Creates a group body (working group, focus group, panel).
    #[tracing::instrument(level = "debug", skip_all, fields(actor = who.person_id))]
    pub async fn create_body(&self, new: &NewBody, who: &Who) -> Result<Body> {
        let mut e = ValidationErrors::new();
        if agora_domain::partner::parse_slug(&new.slug).is_err() {
            e.add("slug", "invalid-slug");
        }
        if new.name.trim().len() < 2 {
            e.add("name", "too-short");
        }
        if !(1..=gov::MAX_CLOSE_HOURS).contains(&new.min_close_hours) {
            e.add("min_close_hours", "out-of-range");
        }
        e.into_result(())?;
        let mut tx = self.begin_governance().await?;
        let r = sqlx::query_scalar::<_, i64>(
            "INSERT INTO bodies (slug, name, kind, description, visibility, min_close_hours, created_at) \
             VALUES ($1, $2, 'group', $3, $4, $5, $6) RETURNING id",
        )
        .bind(&new.slug)
        .bind(new.name.trim())
        .bind(new.description.trim())
        .bind(new.visibility.slug())
        .bind(new.min_close_hours)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await;
        let id = match r {
            Ok(id) => id,
            Err(err) if crate::is_unique_violation(&err) => {
                return Err(invalid("slug", "slug-taken"))
            }
            Err(err) => return Err(err.into()),
        };
        tx.commit(
            who,
            [
                AuditEvent::new("body.create", "body", id).after(serde_json::json!({
                    "slug": new.slug, "name": new.name, "visibility": new.visibility.slug(),
                    "min_close_hours": new.min_close_hours,
                })),
            ],
        )
        .await?;
        self.body_by_id(id).await
    }

    /// Members of a group body with their role there (facilitator or member).
    pub async fn body_members(&self, body_id: i64) -> Result<Vec<(i64, String, String, Role)>> {
        let rows = sqlx::query(
            "SELECT p.id, p.display_name, p.email, g.role FROM role_grants g JOIN people p ON p.id = g.person_id \
             WHERE g.scope_kind = 'group' AND g.scope_id = $1 AND p.disabled_at IS NULL ORDER BY p.display_name",
        )
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    get(r, "id")?,
                    get(r, "display_name")?,
                    get(r, "email")?,
                    get_parsed(r, "role_grants", "role", Role::parse)?,
                ))
            })
            .collect()
    }

    /// How the actor stands towards a body, for `governance::body_allows`.
    pub async fn standing(&self, actor: &Actor, body: &Body) -> Result<gov::Standing> {
        let Actor::Person { id, .. } = actor else {
            return Ok(gov::Standing {
                admin: actor.is_admin(),
                ..gov::Standing::default()
            });
        };
        let member = match body.kind {
            BodyKind::Group => {
                actor.has(Role::GroupMember, Some(body.id))
                    || actor.has(Role::Facilitator, Some(body.id))
            }
            BodyKind::PartnerAssembly => {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM role_grants g JOIN partners p ON p.id = g.scope_id \
                     WHERE g.person_id = $1 AND g.scope_kind = 'partner' AND p.status = 'active'",
                )
                .bind(*id)
                .fetch_one(&self.reader)
                .await?;
                n > 0
            }
            BodyKind::AllMembers => true,
        };
        Ok(gov::Standing {
            admin: actor.is_admin(),
            facilitator: body.kind == BodyKind::Group
                && actor.has(Role::Facilitator, Some(body.id)),
            member,
            signed_in: true,
        })
    }

    pub async fn delegates(&self) -> Result<Vec<Delegates>> {
        let rows = sqlx::query(
            "SELECT pa.id, pa.name, dp.email AS delegate, ap.email AS alternate FROM partners pa \
             LEFT JOIN partner_delegates d ON d.partner_id = pa.id \
             LEFT JOIN people dp ON dp.id = d.delegate_id LEFT JOIN people ap ON ap.id = d.alternate_id \
             WHERE pa.status = 'active' ORDER BY pa.name",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Delegates {
                    partner_id: get(r, "id")?,
                    partner_name: get(r, "name")?,
                    delegate: get(r, "delegate")?,
                    alternate: get(r, "alternate")?,
                })
            })
            .collect()
    }

    /// Designates who votes for a partner in the assembly. Both must work for that partner.
    #[tracing::instrument(level = "debug", skip_all, fields(partner = partner_id, actor = who.person_id))]
    pub async fn set_delegates(
        &self,
        partner_id: i64,
        delegate: Option<i64>,
        alternate: Option<i64>,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.begin_governance().await?;
        // An unknown partner is not found, not a foreign-key failure at the insert.
        let partners: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_one(&mut *tx)
            .await?;
        if partners == 0 {
            return Err(StoreError::NotFound);
        }
        for (field, person) in [("delegate", delegate), ("alternate", alternate)] {
            let Some(person) = person else { continue };
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM role_grants WHERE person_id = $1 AND scope_kind = 'partner' AND scope_id = $2",
            )
            .bind(person)
            .bind(partner_id)
            .fetch_one(&mut *tx)
            .await?;
            if n == 0 {
                return Err(invalid(field, "not-partner-staff"));
            }
        }
        if delegate.is_some() && delegate == alternate {
            return Err(invalid("alternate", "alternate-same-as-delegate"));
        }
        sqlx::query("DELETE FROM partner_delegates WHERE partner_id = $1")
            .bind(partner_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO partner_delegates (partner_id, delegate_id, alternate_id, updated_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(partner_id)
        .bind(delegate)
        .bind(alternate)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("partner.delegates", "partner", partner_id)
                .after(serde_json::json!({"delegate_id": delegate, "alternate_id": alternate}))],
        )
        .await?;
        Ok(())
    }
}

pub(super) fn body_row(r: &AnyRow) -> Result<Body> {
    Ok(Body {
        id: get(r, "id")?,
        slug: get(r, "slug")?,
        name: get(r, "name")?,
        kind: get_parsed(r, "bodies", "kind", BodyKind::parse)?,
        description: get(r, "description")?,
        visibility: get_parsed(r, "bodies", "visibility", Visibility::parse)?,
        min_close_hours: get(r, "min_close_hours")?,
    })
}

pub(super) async fn body_in(tx: &mut Tx, id: i64) -> Result<Body> {
    sqlx::query("SELECT * FROM bodies WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .as_ref()
        .map(body_row)
        .transpose()?
        .ok_or(StoreError::NotFound)
}
