//! The partner directory: profiles, applications, status life cycle, search, CSV import.

use crate::people::{insert_grant, insert_person};
use crate::settings::bump_directory_version;
use crate::sql::Sql;
use crate::write::{Conn, WriteTx};
use crate::{
    get, get_parsed, get_time, is_unique_violation, outbox, parse_column, Result, Store,
    StoreError, Tx, Who,
};
use agora_domain::audit::AuditEvent;
use agora_domain::geo::RegionMap;
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::partner::{
    check_transition, Application, DirectoryFilter, PartnerProfile, PartnerStatus,
};
use agora_domain::permissions::{Grant, Role};
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service};
use agora_domain::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use std::collections::HashMap;

/// A partner as stored, with its private application data. What of it a reader may see is the web
/// layer's decision (through the permission module); public pages use `profile` and `status` only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partner {
    pub id: i64,
    pub profile: PartnerProfile,
    pub status: PartnerStatus,
    pub status_reason: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub motivation: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub from: Option<PartnerStatus>,
    pub to: PartnerStatus,
    pub reason: String,
    pub actor: Option<String>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub at: DateTime<Utc>,
}

/// A one-time link to send with a status change (the invitation of an approved applicant's contact).
#[derive(Debug, Clone)]
pub struct Invitation {
    pub token_hash: String,
    pub expires_at: DateTime<Utc>,
    pub subject: String,
    pub body: String,
}

/// One row of a CSV import, already validated.
#[derive(Debug, Clone)]
pub struct ImportRow {
    pub profile: PartnerProfile,
    pub status: PartnerStatus,
}

const COLUMNS: &str =
    "id, slug, name, website, description, logo_url, hq_country, size, status, status_reason, \
                       contact_name, contact_email, motivation, created_at, updated_at";

fn partner(row: &AnyRow, attrs: &mut HashMap<(i64, String), Vec<String>>) -> Result<Partner> {
    let id: i64 = get(row, "id")?;
    let mut take = |kind: &str| attrs.remove(&(id, kind.to_string())).unwrap_or_default();
    let services = attributes(take("service"), Service::parse)?;
    let pricing = attributes(take("pricing"), Pricing::parse)?;
    let segments = attributes(take("segment"), Segment::parse)?;
    Ok(Partner {
        id,
        profile: PartnerProfile {
            name: get(row, "name")?,
            slug: get(row, "slug")?,
            website: get(row, "website")?,
            description: get(row, "description")?,
            logo_url: get(row, "logo_url")?,
            hq_country: get(row, "hq_country")?,
            regions: take("region"),
            countries: take("country"),
            languages: take("language"),
            services,
            pricing,
            size: get_parsed(row, "partners", "size", CompanySize::parse)?,
            segments,
        },
        status: get_parsed(row, "partners", "status", PartnerStatus::parse)?,
        status_reason: get(row, "status_reason")?,
        contact_name: get(row, "contact_name")?,
        contact_email: get(row, "contact_email")?,
        motivation: get(row, "motivation")?,
        created_at: get_time(row, "partners", "created_at")?,
        updated_at: get_time(row, "partners", "updated_at")?,
    })
}

/// A partner's stored list of one kind of attribute (`partner_attributes.value`).
fn attributes<T, E>(
    values: Vec<String>,
    parse: fn(&str) -> std::result::Result<T, E>,
) -> Result<Vec<T>> {
    values
        .iter()
        .map(|v| parse_column("partner_attributes", "value", v, parse))
        .collect()
}

fn search_text(p: &PartnerProfile) -> String {
    format!("{} {}", p.name, p.description).to_lowercase()
}

/// The audit summary of a profile: what a reviewer needs to see changed, without private data.
fn summary(p: &PartnerProfile, status: PartnerStatus) -> serde_json::Value {
    serde_json::json!({"profile": p, "status": status})
}

async fn write_attributes(tx: &mut Tx, id: i64, p: &PartnerProfile, map: &RegionMap) -> Result<()> {
    sqlx::query("DELETE FROM partner_attributes WHERE partner_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let lists: [(&str, Vec<String>); 7] = [
        ("region", p.regions.clone()),
        ("country", p.countries.clone()),
        ("served_region", p.served_regions(map)),
        ("language", p.languages.clone()),
        (
            "service",
            p.services.iter().map(|x| x.slug().to_string()).collect(),
        ),
        (
            "pricing",
            p.pricing.iter().map(|x| x.slug().to_string()).collect(),
        ),
        (
            "segment",
            p.segments.iter().map(|x| x.slug().to_string()).collect(),
        ),
    ];
    for (kind, values) in lists {
        for v in values {
            sqlx::query(
                "INSERT INTO partner_attributes (partner_id, kind, value) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(kind)
            .bind(&v)
            .execute(&mut *tx)
            .await?;
        }
    }
    Ok(())
}

fn slug_taken(e: sqlx::Error) -> StoreError {
    if is_unique_violation(&e) {
        StoreError::Invalid(ValidationErrors::single("slug", "slug-taken"))
    } else {
        e.into()
    }
}

/// Writes the profile columns and category rows of an existing partner.
async fn write_profile(
    tx: &mut WriteTx,
    id: i64,
    p: &PartnerProfile,
    map: &RegionMap,
) -> Result<()> {
    sqlx::query(
        "UPDATE partners SET slug = $1, name = $2, website = $3, description = $4, logo_url = $5, hq_country = $6, \
         size = $7, search_text = $8, updated_at = $9 WHERE id = $10",
    )
    .bind(&p.slug)
    .bind(&p.name)
    .bind(&p.website)
    .bind(&p.description)
    .bind(&p.logo_url)
    .bind(&p.hq_country)
    .bind(p.size.slug())
    .bind(search_text(p))
    .bind(tx.stamp())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(slug_taken)?;
    write_attributes(tx, id, p, map).await
}

/// Sets the status and appends to the partner's status history (`from` is `None` at creation).
async fn record_status(
    tx: &mut WriteTx,
    id: i64,
    from: Option<PartnerStatus>,
    to: PartnerStatus,
    reason: &str,
    who: &Who,
) -> Result<()> {
    let now = tx.stamp();
    sqlx::query(
        "UPDATE partners SET status = $1, status_reason = $2, updated_at = $3 WHERE id = $4",
    )
    .bind(to.slug())
    .bind(reason)
    .bind(&now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO partner_status_history (partner_id, from_status, to_status, reason, actor_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(from.map(|f| f.slug()))
    .bind(to.slug())
    .bind(reason)
    .bind(who.person_id)
    .bind(&now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    async fn insert_partner(
        &self,
        tx: &mut WriteTx,
        p: &PartnerProfile,
        status: PartnerStatus,
        contact: Option<(&str, &str, &str)>,
        map: &RegionMap,
        who: &Who,
    ) -> Result<i64> {
        let now = tx.stamp();
        let (cname, cemail, motivation) =
            contact.map_or((None, None, None), |(a, b, c)| (Some(a), Some(b), Some(c)));
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO partners (slug, name, website, description, logo_url, hq_country, size, status, search_text, \
             contact_name, contact_email, motivation, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
        )
        .bind(&p.slug)
        .bind(&p.name)
        .bind(&p.website)
        .bind(&p.description)
        .bind(&p.logo_url)
        .bind(&p.hq_country)
        .bind(p.size.slug())
        .bind(status.slug())
        .bind(search_text(p))
        .bind(cname)
        .bind(cemail)
        .bind(motivation)
        .bind(&now)
        .fetch_one(&mut **tx)
        .await
        .map_err(slug_taken)?;
        write_attributes(tx, id, p, map).await?;
        record_status(tx, id, None, status, "", who).await?;
        Ok(id)
    }

    /// Records an application from the public form or API.
    pub async fn create_application(&self, app: &Application, who: &Who) -> Result<Partner> {
        let map = self.region_map().await?;
        let mut tx = self.write().await?;
        let contact = (
            app.contact_name.as_str(),
            app.contact_email.as_str(),
            app.motivation.as_str(),
        );
        let id = self
            .insert_partner(
                &mut tx,
                &app.profile,
                PartnerStatus::Applicant,
                Some(contact),
                &map,
                who,
            )
            .await?;
        tx.commit(
            who,
            [AuditEvent::new("partner.apply", "partner", id)
                .after(summary(&app.profile, PartnerStatus::Applicant))],
        )
        .await?;
        self.partner(id).await?.ok_or(StoreError::NotFound)
    }

    /// Creates a partner directly (admins, demo data).
    #[tracing::instrument(level = "debug", skip_all, fields(actor = who.person_id))]
    pub async fn create_partner(
        &self,
        p: &PartnerProfile,
        status: PartnerStatus,
        who: &Who,
    ) -> Result<Partner> {
        let map = self.region_map().await?;
        let mut tx = self.write().await?;
        let id = self
            .insert_partner(&mut tx, p, status, None, &map, who)
            .await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("partner.create", "partner", id).after(summary(p, status))],
        )
        .await?;
        self.partner(id).await?.ok_or(StoreError::NotFound)
    }

    async fn load(&self, where_sql: Sql) -> Result<Vec<Partner>> {
        let mut q = Sql::new(&format!("SELECT {COLUMNS} FROM partners"));
        q.extend(&where_sql);
        let rows = q.query().fetch_all(&self.reader).await?;
        let ids: Vec<i64> = rows
            .iter()
            .map(|r| get::<i64>(r, "id"))
            .collect::<Result<_>>()?;
        let mut attrs = self.attributes(&ids).await?;
        rows.iter().map(|r| partner(r, &mut attrs)).collect()
    }

    async fn attributes(&self, ids: &[i64]) -> Result<HashMap<(i64, String), Vec<String>>> {
        let mut out: HashMap<(i64, String), Vec<String>> = HashMap::new();
        if ids.is_empty() {
            return Ok(out);
        }
        let mut q =
            Sql::new("SELECT partner_id, kind, value FROM partner_attributes WHERE partner_id IN ");
        q.bind_list(ids).push(" ORDER BY value");
        for r in q.query().fetch_all(&self.reader).await? {
            out.entry((get(&r, "partner_id")?, get(&r, "kind")?))
                .or_default()
                .push(get(&r, "value")?);
        }
        Ok(out)
    }

    pub async fn partner(&self, id: i64) -> Result<Option<Partner>> {
        let mut w = Sql::new(" WHERE id = ");
        w.bind(id);
        Ok(self.load(w).await?.pop())
    }

    pub async fn partner_by_slug(&self, slug: &str) -> Result<Option<Partner>> {
        let mut w = Sql::new(" WHERE slug = ");
        w.bind(slug);
        Ok(self.load(w).await?.pop())
    }

    fn directory_where(&self, f: &DirectoryFilter, statuses: &[PartnerStatus]) -> Sql {
        let mut w = Sql::new(" WHERE status IN ");
        let statuses: Vec<String> = statuses.iter().map(|s| s.slug().to_string()).collect();
        w.bind_list(&statuses);
        if let Some(q) = &f.q {
            // LIKE wildcards typed by a visitor are dropped, not interpreted.
            let pattern = format!("%{}%", q.to_lowercase().replace(['\\', '%', '_'], ""));
            w.push(&format!(" AND search_text {} ", self.dialect.ilike()))
                .bind(pattern);
        }
        let mut attr = |kind: &str, value: Option<String>| {
            if let Some(v) = value {
                w.push(" AND EXISTS (SELECT 1 FROM partner_attributes a WHERE a.partner_id = partners.id AND a.kind = ")
                    .bind(kind)
                    .push(" AND a.value = ")
                    .bind(v)
                    .push(")");
            }
        };
        attr("served_region", f.region.clone());
        attr("country", f.country.clone());
        attr("service", f.service.map(|s| s.slug().to_string()));
        attr("language", f.language.clone());
        attr("segment", f.segment.map(|s| s.slug().to_string()));
        if let Some(size) = f.size {
            w.push(" AND size = ").bind(size.slug());
        }
        w
    }

    /// A page of partners with the given statuses matching the filter, by name.
    pub async fn partners_page(
        &self,
        f: &DirectoryFilter,
        statuses: &[PartnerStatus],
        page: PageRequest,
    ) -> Result<Page<Partner>> {
        let w = self.directory_where(f, statuses);
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM partners");
        count.extend(&w);
        let total: i64 = get(&count.query().fetch_one(&self.reader).await?, "n")?;
        page.check(total as u64)?;
        let mut w = w;
        w.push(" ORDER BY name, id LIMIT ")
            .bind(page.limit())
            .push(" OFFSET ")
            .bind(page.offset());
        Ok(Page::new(self.load(w).await?, page, total as u64))
    }

    /// Every partner, for export.
    pub async fn all_partners(&self) -> Result<Vec<Partner>> {
        self.load(Sql::new(" ORDER BY name, id")).await
    }

    pub async fn partners_of(&self, ids: &[i64]) -> Result<Vec<Partner>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut w = Sql::new(" WHERE id IN ");
        w.bind_list(ids).push(" ORDER BY name");
        self.load(w).await
    }

    pub async fn count_partners_by_status(&self) -> Result<Vec<(PartnerStatus, i64)>> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM partners GROUP BY status")
            .fetch_all(&self.reader)
            .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    get_parsed(r, "partners", "status", PartnerStatus::parse)?,
                    get(r, "n")?,
                ))
            })
            .collect()
    }

    pub async fn update_profile(&self, id: i64, p: &PartnerProfile, who: &Who) -> Result<Partner> {
        let before = self.partner(id).await?.ok_or(StoreError::NotFound)?;
        let map = self.region_map().await?;
        let mut tx = self.write().await?;
        write_profile(&mut tx, id, p, &map).await?;
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("partner.update", "partner", id)
                .before(&before.profile)
                .after(p)],
        )
        .await?;
        self.partner(id).await?.ok_or(StoreError::NotFound)
    }

    /// Moves a partner along its life cycle. Approving an applicant with an invitation also creates its
    /// contact's account as partner admin and queues the invitation email, in the same transaction.
    #[tracing::instrument(level = "debug", skip_all, fields(partner = id, actor = who.person_id))]
    pub async fn change_status(
        &self,
        id: i64,
        to: PartnerStatus,
        reason: &str,
        invitation: Option<&Invitation>,
        who: &Who,
    ) -> Result<Partner> {
        let mut tx = self.write().await?;
        let row =
            sqlx::query("SELECT status, contact_name, contact_email FROM partners WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
        let from = get_parsed(&row, "partners", "status", PartnerStatus::parse)?;
        check_transition(from, to, reason).map_err(|code| {
            let field = if code == "reason-required" {
                "reason"
            } else {
                "status"
            };
            ValidationErrors::single(field, code)
        })?;
        record_status(&mut tx, id, Some(from), to, reason.trim(), who).await?;
        let contact: (Option<String>, Option<String>) =
            (get(&row, "contact_name")?, get(&row, "contact_email")?);
        if let (Some(inv), (name, Some(email))) = (invitation, contact) {
            if agora_domain::partner::invites_contact(from, to, true) {
                let name = name.unwrap_or_default();
                self.invite_contact(&mut tx, id, &name, &email, inv).await?;
            }
        }
        bump_directory_version(&mut tx).await?;
        tx.commit(
            who,
            [AuditEvent::new("partner.status", "partner", id)
                .before(serde_json::json!({"status": from}))
                .after(serde_json::json!({"status": to, "reason": reason.trim()}))],
        )
        .await?;
        self.partner(id).await?.ok_or(StoreError::NotFound)
    }

    async fn invite_contact(
        &self,
        tx: &mut WriteTx,
        partner_id: i64,
        name: &str,
        email: &str,
        inv: &Invitation,
    ) -> Result<()> {
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
            .bind(email)
            .fetch_optional(&mut **tx)
            .await?;
        let person_id = match existing {
            Some(id) => id,
            None => {
                let email = agora_domain::person::Email::parse(email)
                    .map_err(|c| ValidationErrors::single("contact_email", c))?;
                insert_person(self, tx, &email, name, None).await?
            }
        };
        insert_grant(
            self,
            tx,
            person_id,
            Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(partner_id),
            },
        )
        .await?;
        crate::tokens::insert_one_time(
            tx,
            crate::TokenPurpose::Invitation,
            person_id,
            &inv.token_hash,
            inv.expires_at,
        )
        .await?;
        outbox::queue(tx, email, &inv.subject, &inv.body).await
    }

    pub async fn status_history(&self, id: i64) -> Result<Vec<StatusChange>> {
        let rows = sqlx::query(
            "SELECT h.from_status, h.to_status, h.reason, h.at, p.email FROM partner_status_history h \
             LEFT JOIN people p ON p.id = h.actor_id WHERE h.partner_id = $1 ORDER BY h.id",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                let from: Option<String> = get(r, "from_status")?;
                Ok(StatusChange {
                    from: from
                        .map(|s| {
                            parse_column(
                                "partner_status_history",
                                "from_status",
                                &s,
                                PartnerStatus::parse,
                            )
                        })
                        .transpose()?,
                    to: get_parsed(
                        r,
                        "partner_status_history",
                        "to_status",
                        PartnerStatus::parse,
                    )?,
                    reason: get(r, "reason")?,
                    actor: get(r, "email")?,
                    at: get_time(r, "partner_status_history", "at")?,
                })
            })
            .collect()
    }

    /// Imports partners all at once: existing slugs are updated, new ones created. Any failure rolls back
    /// the whole file.
    pub async fn import_partners(&self, rows: &[ImportRow], who: &Who) -> Result<(u64, u64)> {
        if rows.is_empty() {
            return Ok((0, 0));
        }
        let map = self.region_map().await?;
        let mut tx = self.write().await?;
        let (mut created, mut updated) = (0, 0);
        let mut seen = std::collections::HashSet::new();
        for r in rows {
            if !seen.insert(r.profile.slug.as_str()) {
                return Err(ValidationErrors::single("slug", "slug-duplicate").into());
            }
            let existing = sqlx::query("SELECT id, status FROM partners WHERE slug = $1")
                .bind(&r.profile.slug)
                .fetch_optional(&mut *tx)
                .await?;
            match existing {
                Some(row) => {
                    let id: i64 = get(&row, "id")?;
                    write_profile(&mut tx, id, &r.profile, &map).await?;
                    // A bulk import may set any status (it is how spreadsheets are migrated), but the
                    // change still enters the partner's history.
                    let from = Some(get_parsed(
                        &row,
                        "partners",
                        "status",
                        PartnerStatus::parse,
                    )?);
                    if from != Some(r.status) {
                        record_status(&mut tx, id, from, r.status, "Imported from CSV", who)
                            .await?;
                    }
                    tx.audit(
                        AuditEvent::new("partner.import_update", "partner", id)
                            .after(summary(&r.profile, r.status)),
                    );
                    updated += 1;
                }
                None => {
                    let id = self
                        .insert_partner(&mut tx, &r.profile, r.status, None, &map, who)
                        .await?;
                    tx.audit(
                        AuditEvent::new("partner.import_create", "partner", id)
                            .after(summary(&r.profile, r.status)),
                    );
                    created += 1;
                }
            }
        }
        bump_directory_version(&mut tx).await?;
        tx.commit(who, []).await?;
        Ok((created, updated))
    }
}

/// Emails of the people working for a partner (its admins and members, not disabled).
async fn partner_emails(tx: &mut crate::Tx, partner_id: i64) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT p.email FROM people p JOIN role_grants g ON g.person_id = p.id \
         WHERE g.scope_kind = 'partner' AND g.scope_id = $1 AND p.disabled_at IS NULL ORDER BY p.email",
    )
    .bind(partner_id)
    .fetch_all(&mut *tx)
    .await?)
}

/// Queues `mail` to each of a partner's people, as each chose to get its kind (`outbox::queue_mail`):
/// lead offers, lead reminders, obligation reminders.
pub(crate) async fn notify_partner(
    tx: &mut impl Conn,
    partner_id: i64,
    mail: &crate::outbox::Mail,
) -> Result<()> {
    for to in partner_emails(tx, partner_id).await? {
        crate::outbox::queue_mail(tx, &to, mail).await?;
    }
    Ok(())
}
