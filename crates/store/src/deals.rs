//! Deals partners register (issue 11; rules in `agora_domain::obligations::deals`). A partner sees its
//! own deals; the foundation sees all of them with two flags: other partners that registered the same
//! organization (by organization key) and leads from that organization received since. A won deal is
//! added to the partner's declared clients of the year in the same write.

use crate::write::{Conn, WriteTx};
use crate::{get, get_opt_time, get_parsed, get_time, Result, Store, StoreError};
use agora_domain::audit::AuditEvent;
use agora_domain::geo::CountryCode;
use agora_domain::obligations::{self as ob, Deal, DealStatus};
use agora_domain::taxonomy::Segment;
use agora_domain::ValidationErrors;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use std::collections::HashMap;

const T: &str = "deals";

/// A registered deal, with (for the foundation) what it shares with others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StoredDeal {
    pub id: i64,
    pub partner_id: i64,
    pub partner_name: String,
    pub organization: String,
    pub country: String,
    pub segment: Option<Segment>,
    #[schema(value_type = String)]
    pub expected_on: NaiveDate,
    pub note: String,
    pub status: DealStatus,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub registered_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub closed_at: Option<DateTime<Utc>>,
    /// Other partners with an open deal for the same organization (the foundation's view only).
    pub also_registered_by: Vec<String>,
    /// Leads from the same organization received since the deal was registered (the foundation's
    /// view only).
    pub leads: Vec<i64>,
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

const COLUMNS: &str = "SELECT d.id, d.partner_id, p.name AS partner_name, d.organization, \
    d.organization_key, d.country, d.segment, d.expected_on, d.note, d.status, d.registered_at, \
    d.closed_at FROM deals d JOIN partners p ON p.id = d.partner_id";

fn deal_row(r: &AnyRow) -> Result<(StoredDeal, String)> {
    let segment: Option<String> = get(r, "segment")?;
    let segment = match segment {
        Some(s) => Some(Segment::parse(&s).map_err(|_| crate::corrupt(T, "segment", &s))?),
        None => None,
    };
    Ok((
        StoredDeal {
            id: get(r, "id")?,
            partner_id: get(r, "partner_id")?,
            partner_name: get(r, "partner_name")?,
            organization: get(r, "organization")?,
            country: get(r, "country")?,
            segment,
            expected_on: get_parsed(r, T, "expected_on", |s| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
            })?,
            note: get(r, "note")?,
            status: get_parsed(r, T, "status", DealStatus::parse)?,
            registered_at: get_time(r, T, "registered_at")?,
            closed_at: get_opt_time(r, T, "closed_at")?,
            also_registered_by: vec![],
            leads: vec![],
        },
        get(r, "organization_key")?,
    ))
}

impl Store {
    /// Registers a deal for a partner; returns its id.
    pub async fn register_deal(
        &self,
        partner_id: i64,
        deal: &Deal,
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM partners WHERE id = $1")
            .bind(partner_id)
            .fetch_optional(&mut *tx)
            .await?;
        exists.ok_or(StoreError::NotFound)?;
        let key = ob::organization_key(&deal.organization);
        let open: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM deals WHERE partner_id = $1 AND organization_key = $2 \
             AND status = 'open'",
        )
        .bind(partner_id)
        .bind(&key)
        .fetch_one(&mut *tx)
        .await?;
        if open > 0 {
            return Err(invalid("organization", "deal-already-registered"));
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO deals (partner_id, organization, organization_key, country, segment, \
             expected_on, note, status, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             RETURNING id",
        )
        .bind(partner_id)
        .bind(&deal.organization)
        .bind(ob::organization_key(&deal.organization))
        .bind(deal.country.as_str())
        .bind(deal.segment.map(Segment::slug))
        .bind(deal.expected_on.format("%Y-%m-%d").to_string())
        .bind(&deal.note)
        .bind(DealStatus::Open.slug())
        .bind(tx.stamp())
        .fetch_one(&mut *tx)
        .await?;
        // Like declared clients, the audit keeps no prospect's name.
        tx.commit(
            who,
            [
                AuditEvent::new("deal.register", "deal", id).after(serde_json::json!({
                    "partner_id": partner_id, "country": deal.country.as_str(),
                    "expected_on": deal.expected_on.format("%Y-%m-%d").to_string(),
                })),
            ],
        )
        .await?;
        Ok(id)
    }

    /// Closes a partner's open deal. A won deal is added, in the same write, to the partner's
    /// declared clients of the year `today` falls in: to its list, or to its count, or as a new list.
    pub async fn close_deal(
        &self,
        partner_id: i64,
        deal_id: i64,
        to: DealStatus,
        today: NaiveDate,
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        let row = sqlx::query(&format!("{COLUMNS} WHERE d.id = $1 AND d.partner_id = $2"))
            .bind(deal_id)
            .bind(partner_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let (deal, _) = deal_row(&row)?;
        deal.status
            .may_close_to(to)
            .map_err(|code| invalid("status", code))?;
        let n = sqlx::query(
            "UPDATE deals SET status = $1, closed_at = $2 WHERE id = $3 AND status = 'open'",
        )
        .bind(to.slug())
        .bind(tx.stamp())
        .bind(deal_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(invalid("status", "deal-closed"));
        }
        let mut added_to = None;
        if to == DealStatus::Won {
            let parsed = Deal {
                organization: deal.organization.clone(),
                country: CountryCode::parse(&deal.country)
                    .map_err(|_| crate::corrupt(T, "country", &deal.country))?,
                segment: deal.segment,
                expected_on: deal.expected_on,
                note: String::new(),
            };
            if add_client(
                &mut tx,
                partner_id,
                &ob::client_of(&parsed, today),
                Some(deal_id),
            )
            .await?
            {
                added_to = Some(today.year());
            }
        }
        tx.commit(
            who,
            [
                AuditEvent::new("deal.close", "deal", deal_id).after(serde_json::json!({
                    "partner_id": partner_id, "status": to.slug(), "client_added_to_year": added_to,
                })),
            ],
        )
        .await?;
        Ok(())
    }

    /// A partner's deals, newest first (without the foundation's flags).
    pub async fn partner_deals(&self, partner_id: i64) -> Result<Vec<StoredDeal>> {
        sqlx::query(&format!(
            "{COLUMNS} WHERE d.partner_id = $1 ORDER BY d.registered_at DESC, d.id DESC"
        ))
        .bind(partner_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| deal_row(r).map(|(d, _)| d))
        .collect()
    }

    /// Every deal (open ones only with `open_only`), newest first, each with the other partners
    /// that registered the same organization and the leads from it received since: the foundation's.
    pub async fn all_deals(&self, open_only: bool) -> Result<Vec<StoredDeal>> {
        let filter = if open_only {
            " WHERE d.status = 'open'"
        } else {
            ""
        };
        let rows = sqlx::query(&format!(
            "{COLUMNS}{filter} ORDER BY d.registered_at DESC, d.id DESC"
        ))
        .fetch_all(&self.reader)
        .await?;
        let deals: Vec<(StoredDeal, String)> = rows.iter().map(deal_row).collect::<Result<_>>()?;
        // Open registrations by organization key, for the other partners on each.
        let open = sqlx::query(
            "SELECT d.organization_key, d.partner_id, p.name FROM deals d \
             JOIN partners p ON p.id = d.partner_id WHERE d.status = 'open'",
        )
        .fetch_all(&self.reader)
        .await?;
        let mut by_key: HashMap<String, Vec<(i64, String)>> = HashMap::new();
        for r in &open {
            by_key
                .entry(get(r, "organization_key")?)
                .or_default()
                .push((get(r, "partner_id")?, get(r, "name")?));
        }
        // Leads since the oldest deal listed, matched by the same key (leads are kept by name).
        let since = deals.iter().map(|(d, _)| d.registered_at).min();
        let mut leads_by_key: HashMap<String, Vec<(i64, DateTime<Utc>)>> = HashMap::new();
        if let Some(since) = since {
            let rows = sqlx::query(
                "SELECT id, organization, received_at FROM leads WHERE received_at >= $1 \
                 AND anonymised_at IS NULL AND status <> 'merged' ORDER BY id",
            )
            .bind(crate::format_time(since))
            .fetch_all(&self.reader)
            .await?;
            for r in &rows {
                let org: String = get(r, "organization")?;
                leads_by_key
                    .entry(ob::organization_key(&org))
                    .or_default()
                    .push((get(r, "id")?, get_time(r, "leads", "received_at")?));
            }
        }
        Ok(deals
            .into_iter()
            .map(|(mut d, key)| {
                let mut others: Vec<String> = by_key
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(|(p, _)| *p != d.partner_id)
                    .map(|(_, n)| n.clone())
                    .collect();
                others.sort();
                others.dedup();
                d.also_registered_by = others;
                d.leads = leads_by_key
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(|(_, at)| *at >= d.registered_at)
                    .map(|(id, _)| *id)
                    .collect();
                d
            })
            .collect())
    }

    /// Open deals for an organization, by name (a lead's page asks who registered it).
    pub async fn open_deals_for(&self, organization: &str) -> Result<Vec<StoredDeal>> {
        sqlx::query(&format!(
            "{COLUMNS} WHERE d.organization_key = $1 AND d.status = 'open' ORDER BY d.registered_at"
        ))
        .bind(ob::organization_key(organization))
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(|r| deal_row(r).map(|(d, _)| d))
        .collect()
    }
}

/// Adds one client to the partner's declaration for the client's year: appended to a list, counted
/// in a count, or a new one-client list. An organization already among the year's clients (by
/// name in a list, or as another deal won that year) is not added again: false then.
async fn add_client(
    tx: &mut WriteTx,
    partner_id: i64,
    c: &ob::Client,
    this_deal: Option<i64>,
) -> Result<bool> {
    let year = i64::from(c.acquired_on.year());
    let key = ob::organization_key(&c.organization);
    let listed: Vec<String> = sqlx::query_scalar(
        "SELECT organization FROM declared_clients WHERE partner_id = $1 AND year = $2",
    )
    .bind(partner_id)
    .bind(year)
    .fetch_all(&mut **tx)
    .await?;
    let won_before: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM deals WHERE partner_id = $1 AND organization_key = $2 \
         AND status = 'won' AND id <> $3 AND closed_at >= $4 AND closed_at < $5",
    )
    .bind(partner_id)
    .bind(&key)
    .bind(this_deal.unwrap_or(0))
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{:04}-01-01", year + 1))
    .fetch_one(&mut **tx)
    .await?;
    if won_before > 0 || listed.iter().any(|o| ob::organization_key(o) == key) {
        return Ok(false);
    }
    // A new, empty list unless the year is declared already; two wins at once (a deal and a lead,
    // on two instances) meet here and the second finds the first's row.
    sqlx::query(
        "INSERT INTO client_declarations (partner_id, year, kind, clients, logo_refused, \
         testimonial_refused, updated_at, updated_by) VALUES ($1, $2, 'list', 0, 0, 0, $3, $4) \
         ON CONFLICT (partner_id, year) DO NOTHING",
    )
    .bind(partner_id)
    .bind(year)
    .bind(tx.stamp())
    .bind("deal")
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE client_declarations SET clients = clients + 1, updated_at = $1 \
         WHERE partner_id = $2 AND year = $3",
    )
    .bind(tx.stamp())
    .bind(partner_id)
    .bind(year)
    .execute(&mut **tx)
    .await?;
    let kind: String = sqlx::query_scalar(
        "SELECT kind FROM client_declarations WHERE partner_id = $1 AND year = $2",
    )
    .bind(partner_id)
    .bind(year)
    .fetch_one(&mut **tx)
    .await?;
    // A list names its clients; a bare count only counts them.
    if kind == "list" {
        let next: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(position), -1) + 1 FROM declared_clients \
             WHERE partner_id = $1 AND year = $2",
        )
        .bind(partner_id)
        .bind(year)
        .fetch_one(&mut **tx)
        .await?;
        crate::obligations::insert_client(tx, partner_id, year, next, c).await?;
    }
    Ok(true)
}

/// A won lead becomes one of the partner's declared clients of the year, in the write that records
/// the win; the partner's open deal for the same organization, if it registered one, is won with it
/// (one client, not two). Returns the year, or `None` for a lead whose data was erased.
pub(crate) async fn won_lead_as_client(
    tx: &mut WriteTx,
    partner_id: i64,
    lead_id: i64,
    won_on: NaiveDate,
) -> Result<Option<i32>> {
    let row = sqlx::query(
        "SELECT organization, country, segment, anonymised_at FROM leads WHERE id = $1",
    )
    .bind(lead_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(StoreError::NotFound)?;
    let organization: String = get(&row, "organization")?;
    if get::<Option<String>>(&row, "anonymised_at")?.is_some() || organization.trim().is_empty() {
        return Ok(None);
    }
    let country: String = get(&row, "country")?;
    let segment: Option<String> = get(&row, "segment")?;
    let client = ob::Client {
        organization: organization.clone(),
        country: CountryCode::parse(&country)
            .map_err(|_| crate::corrupt("leads", "country", &country))?,
        segment: match segment {
            Some(s) => {
                Some(Segment::parse(&s).map_err(|_| crate::corrupt("leads", "segment", &s))?)
            }
            None => None,
        },
        acquired_on: won_on,
        logo_consent: ob::Consent::Unknown,
        testimonial_consent: ob::Consent::Unknown,
        evidence: String::new(),
    };
    let added = add_client(tx, partner_id, &client, None).await?;
    sqlx::query(
        "UPDATE deals SET status = 'won', closed_at = $1 WHERE partner_id = $2 \
         AND organization_key = $3 AND status = 'open'",
    )
    .bind(tx.stamp())
    .bind(partner_id)
    .bind(ob::organization_key(&organization))
    .execute(&mut **tx)
    .await?;
    Ok(added.then(|| won_on.year()))
}
