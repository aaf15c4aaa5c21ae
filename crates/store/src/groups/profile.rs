//! A group's profile, its place in the tree and its collaborators.

use super::*;
use agora_domain::groups::{self as rules, GroupProfile};
use std::collections::HashMap;

struct ProfileRow {
    kind: GroupKind,
    parent_id: Option<i64>,
    purpose: String,
    charter: String,
    hours: Option<HoursRange>,
    chat_channel: String,
    chat_url: Option<String>,
    mailing_list: String,
    membership: Membership,
}

fn profile_row(r: &AnyRow) -> Result<(i64, ProfileRow)> {
    const T: &str = "group_profiles";
    let hours = match (
        get::<Option<i64>>(r, "hours_min")?,
        get::<Option<i64>>(r, "hours_max")?,
    ) {
        (Some(min), Some(max)) => Some(HoursRange { min, max }),
        _ => None,
    };
    Ok((
        get(r, "body_id")?,
        ProfileRow {
            kind: get_parsed(r, T, "group_kind", GroupKind::parse)?,
            parent_id: get(r, "parent_id")?,
            purpose: get(r, "purpose")?,
            charter: get(r, "charter")?,
            hours,
            chat_channel: get(r, "chat_channel")?,
            chat_url: get(r, "chat_url")?,
            mailing_list: get(r, "mailing_list")?,
            membership: get_parsed(r, T, "membership", Membership::parse)?,
        },
    ))
}

/// A group whose profile was never set is an open working group with nothing said about it.
fn assemble(body: Body, p: Option<ProfileRow>, parent: Option<GroupLink>) -> Group {
    let p = p.unwrap_or(ProfileRow {
        kind: GroupKind::WorkingGroup,
        parent_id: None,
        purpose: String::new(),
        charter: String::new(),
        hours: None,
        chat_channel: String::new(),
        chat_url: None,
        mailing_list: String::new(),
        membership: Membership::Open,
    });
    Group {
        body,
        kind: p.kind,
        parent,
        purpose: p.purpose,
        charter: p.charter,
        hours: p.hours,
        chat_channel: p.chat_channel,
        chat_url: p.chat_url,
        mailing_list: p.mailing_list,
        membership: p.membership,
    }
}

fn as_link(b: &Body) -> GroupLink {
    GroupLink {
        id: b.id,
        slug: b.slug.clone(),
        name: b.name.clone(),
    }
}

impl Store {
    /// Every group, by name, with its profile.
    pub async fn groups(&self) -> Result<Vec<Group>> {
        let bodies: Vec<Body> = self
            .bodies()
            .await?
            .into_iter()
            .filter(|b| b.kind == BodyKind::Group)
            .collect();
        let mut profiles: HashMap<i64, ProfileRow> = sqlx::query("SELECT * FROM group_profiles")
            .fetch_all(&self.reader)
            .await?
            .iter()
            .map(profile_row)
            .collect::<Result<_>>()?;
        let links: HashMap<i64, GroupLink> = bodies.iter().map(|b| (b.id, as_link(b))).collect();
        let mut out: Vec<Group> = bodies
            .into_iter()
            .map(|b| {
                let p = profiles.remove(&b.id);
                let parent = p
                    .as_ref()
                    .and_then(|p| p.parent_id)
                    .and_then(|id| links.get(&id).cloned());
                assemble(b, p, parent)
            })
            .collect();
        out.sort_by(|a, b| a.body.name.cmp(&b.body.name));
        Ok(out)
    }

    pub async fn group(&self, slug: &str) -> Result<Option<Group>> {
        Ok(self
            .groups()
            .await?
            .into_iter()
            .find(|g| g.body.slug == slug))
    }

    /// The groups this one works with, whichever side recorded it.
    pub async fn collaborators(&self, body_id: i64) -> Result<Vec<GroupLink>> {
        sqlx::query(
            "SELECT b.id, b.slug, b.name FROM group_collaborations c \
             JOIN bodies b ON b.id = CASE WHEN c.first_id = $1 THEN c.second_id ELSE c.first_id END \
             WHERE c.first_id = $1 OR c.second_id = $1 ORDER BY b.name",
        )
        .bind(body_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| link(r, "id", "slug", "name"))
        .collect()
    }

    /// Sets what a group says about itself, its parent and who may see it.
    #[tracing::instrument(level = "debug", skip_all, fields(body = body_id, actor = who.person_id))]
    pub async fn update_group(
        &self,
        body_id: i64,
        p: &GroupProfile,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, body_id).await?;
        let parent_id = match &p.parent {
            None => None,
            Some(slug) => {
                let id: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM bodies WHERE slug = $1 AND kind = 'group'")
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await?;
                let id = id.ok_or_else(|| invalid("parent", "unknown-group"))?;
                let parents: HashMap<i64, i64> = sqlx::query(
                    "SELECT body_id, parent_id FROM group_profiles WHERE parent_id IS NOT NULL",
                )
                .fetch_all(&mut *tx)
                .await?
                .iter()
                .map(|r| Ok((get(r, "body_id")?, get(r, "parent_id")?)))
                .collect::<Result<_>>()?;
                if !rules::parent_allowed(body_id, id, |g| parents.get(&g).copied()) {
                    return Err(invalid("parent", "parent-loop"));
                }
                Some(id)
            }
        };
        sqlx::query(
            "INSERT INTO group_profiles (body_id, group_kind, parent_id, purpose, charter, hours_min, hours_max, \
             chat_channel, chat_url, mailing_list, membership, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (body_id) DO UPDATE SET group_kind = $2, parent_id = $3, purpose = $4, charter = $5, \
             hours_min = $6, hours_max = $7, chat_channel = $8, chat_url = $9, mailing_list = $10, \
             membership = $11, updated_at = $12",
        )
        .bind(body_id)
        .bind(p.kind.slug())
        .bind(parent_id)
        .bind(&p.purpose)
        .bind(&p.charter)
        .bind(p.hours.map(|h| h.min))
        .bind(p.hours.map(|h| h.max))
        .bind(&p.chat_channel)
        .bind(p.chat_url.as_deref())
        .bind(&p.mailing_list)
        .bind(p.membership.slug())
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE bodies SET visibility = $1 WHERE id = $2")
            .bind(p.visibility.slug())
            .bind(body_id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [audit_group("group.update", body_id).after(serde_json::json!({
                "kind": p.kind.slug(), "parent_id": parent_id, "membership": p.membership.slug(),
                "visibility": p.visibility.slug(), "hours": p.hours,
                "chat_channel": p.chat_channel, "chat_url": p.chat_url, "mailing_list": p.mailing_list,
            }))],
        )
        .await
    }

    /// Records (or, with `together` false, ends) the collaboration of two groups.
    #[tracing::instrument(level = "debug", skip_all, fields(a, b, actor = who.person_id))]
    pub async fn set_collaboration(
        &self,
        a: i64,
        b: i64,
        together: bool,
        who: &crate::Who,
    ) -> Result<()> {
        if a == b {
            return Err(invalid("collaborator", "same-group"));
        }
        let (first, second) = (a.min(b), a.max(b));
        let mut tx = self.begin_groups().await?;
        membership_in(&mut tx, first).await?;
        membership_in(&mut tx, second)
            .await
            .map_err(|_| invalid("collaborator", "unknown-group"))?;
        let changed = if together {
            sqlx::query(
                "INSERT INTO group_collaborations (first_id, second_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (first_id, second_id) DO NOTHING",
            )
            .bind(first)
            .bind(second)
            .bind(self.stamp())
            .execute(&mut *tx)
            .await?
        } else {
            sqlx::query("DELETE FROM group_collaborations WHERE first_id = $1 AND second_id = $2")
                .bind(first)
                .bind(second)
                .execute(&mut *tx)
                .await?
        }
        .rows_affected();
        if changed == 0 {
            return Ok(());
        }
        let action = if together {
            "group.collaborate"
        } else {
            "group.collaboration-end"
        };
        tx.commit(
            who,
            [audit_group(action, a).after(serde_json::json!({"with": b}))],
        )
        .await
    }
}
