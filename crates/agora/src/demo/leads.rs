use super::*;

/// Six months of fictional requests, offered by the real allocator at the time they came in, with
/// partners accepting, declining, letting some expire and reporting outcomes, plus two referral codes.
pub(super) async fn leads(store: &Store, map: &RegionMap, rng: &mut Rng) -> Result<()> {
    use agora_domain::leads::{LeadInput, OfferStatus};
    use agora_store::{OfferUpdate, Submission};
    let who = Who::system();
    let partners = store.all_partners().await?;
    let first_active = partners.iter().find(|p| p.status == PartnerStatus::Active);
    if let Some(p) = first_active {
        store
            .create_referrer(
                "PARTNER-1",
                Some(p.id),
                None,
                "Referral link of the first demo partner",
                &who,
            )
            .await?;
    }
    let admin = store
        .person_by_email(ADMIN_EMAIL)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo admin missing"))?;
    store
        .create_referrer("COMMUNITY", None, Some(admin.id), "Community meetups", &who)
        .await?;
    let countries = [
        "FR", "DE", "ES", "US", "CA", "BR", "MX", "IN", "KE", "NG", "JP", "AU", "EG", "MA",
    ];
    let languages = ["en", "fr", "es", "pt", "de"];
    let services = [
        "hosting",
        "course-development",
        "training",
        "custom-development",
    ];
    let start = store.now() - chrono::Duration::days(180);
    for i in 0..120 {
        let at = start + chrono::Duration::hours(36 * i + rng.below(24) as i64);
        let input = LeadInput {
            organization: format!("Demo Organization {i}"),
            contact_name: "Demo Requester".into(),
            email: format!("requester{i}@demo-leads.example"),
            country: countries[rng.below(countries.len())].into(),
            segment: ["higher-education", "corporate", "government", "nonprofit"][rng.below(4)]
                .into(),
            languages: vec!["en".into(), languages[rng.below(languages.len())].into()],
            services: vec![services[rng.below(services.len())].into()],
            message: "A fictional request of the demo data.".into(),
            consent: true,
            referral_code: match i % 9 {
                0 => "PARTNER-1".into(),
                4 => "COMMUNITY".into(),
                _ => String::new(),
            },
            // Now and then a visitor asks one partner from its directory profile.
            partner: match first_active {
                Some(p) if i % 15 == 7 => p.profile.slug.clone(),
                _ => String::new(),
            },
            ..Default::default()
        };
        let lead = input
            .parse(map)
            .map_err(|e| anyhow::anyhow!("demo lead {i}: {e}"))?;
        let sub = Submission {
            lead,
            source: if i % 3 == 0 {
                agora_domain::leads::LeadSource::Api
            } else {
                agora_domain::leads::LeadSource::Form
            },
            idempotency_key: None,
            received_at: at,
            confirmation: None,
        };
        let id = match store.submit_leads(&[sub]).await?.remove(0) {
            Ok(r) => r.lead_id(),
            Err(e) => return Err(anyhow::anyhow!("demo lead {i}: {e}")),
        };
        store.run_lead_jobs(at, None).await?;
        // Partners answer within hours; one request in ten is left to expire.
        for o in store.lead_offers(id).await? {
            if o.status != OfferStatus::Offered || i % 10 == 3 {
                continue;
            }
            let answered = at + chrono::Duration::minutes(20 + rng.below(600) as i64);
            let steps: &[(OfferStatus, Option<&str>)] = match rng.below(10) {
                0 => &[(OfferStatus::Declined, Some("no-capacity"))],
                1..=3 => &[
                    (OfferStatus::Accepted, None),
                    (OfferStatus::Contacted, None),
                ],
                4..=6 => &[
                    (OfferStatus::Accepted, None),
                    (OfferStatus::Proposal, None),
                    (OfferStatus::Won, None),
                ],
                7 => &[
                    (OfferStatus::Accepted, None),
                    (OfferStatus::Lost, Some("budget")),
                ],
                _ => &[(OfferStatus::Accepted, None)],
            };
            for (to, reason) in steps {
                let u = OfferUpdate {
                    to: *to,
                    reason: reason.map(str::to_string),
                    note: String::new(),
                };
                store
                    .update_offer(o.id, o.partner_id, &u, answered, &who)
                    .await?;
            }
        }
    }
    // Expiries and re-offers happen as time passes.
    store.run_lead_jobs(store.now(), None).await?;
    Ok(())
}
