//! Conformance: Intake, allocation, offers, policy, retention, referrals, the desk, the requester's link, tasks.

use super::*;
use agora_domain::leads::LeadStatus;

conformance!(
    intake_is_idempotent_merges_repeats_and_rejects_conflicts,
    allocation_offers_explains_and_reoffers_after_decline_and_expiry,
    nobody_qualifies_means_queued_never_dropped,
    policy_versions_are_append_only_and_recorded_per_allocation,
    erasure_and_retention_keep_the_counts,
    referrals_are_attributed_and_converted,
    monthly_capacity_holds_within_one_allocation_batch,
    direct_requests_skip_the_rotation_and_queue_after_their_partner,
    admins_offer_queued_leads_by_hand_and_close_leads_with_a_reason,
    requester_status_link_confirms_shows_progress_and_withdraws,
    waiting_offers_and_the_queue_are_read_for_tasks,
    a_partner_gets_one_reminder_naming_every_lead_to_update,
);

async fn intake_is_idempotent_merges_repeats_and_rejects_conflicts(store: Store) {
    use agora_store::Intake;
    let a = lead_input("ana@univ.example", "Univ", "FR");
    let r = store
        .submit_leads(&[
            submission(a.clone(), Some("k1"), "2026-11-02T10:00:00Z"),
            // Same key, same content: the same lead.
            submission(a.clone(), Some("k1"), "2026-11-02T10:00:01Z"),
            // Same key, other content: refused, nothing stored.
            submission(
                lead_input("bob@corp.example", "Corp", "FR"),
                Some("k1"),
                "2026-11-02T10:00:02Z",
            ),
            // Same person and organization ten days later, no key: merged.
            submission(
                lead_input("ANA@univ.example", " univ ", "FR"),
                None,
                "2026-11-12T10:00:00Z",
            ),
        ])
        .await
        .expect("test");
    let first = match r[0] {
        Ok(Intake::Created(id)) => id,
        ref other => panic!("{other:?}"),
    };
    assert!(
        matches!(r[1], Ok(Intake::Replayed { lead, request }) if lead == first && request == first)
    );
    match &r[2] {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.get("idempotency_key"), Some("idempotency-conflict"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(r[3], Ok(Intake::Merged { lead, request }) if lead == first && request != first)
    );
    assert_eq!(
        store.count_leads().await.expect("test"),
        2,
        "the merged request is kept, the conflict is not"
    );
    assert_eq!(
        store
            .lead(first)
            .await
            .expect("test")
            .expect("test")
            .times_merged,
        1
    );
    // Forty days later it is a new request.
    let later = store
        .submit_leads(&[submission(
            lead_input("ana@univ.example", "Univ", "FR"),
            None,
            "2026-12-25T10:00:00Z",
        )])
        .await
        .expect("test");
    assert!(matches!(later[0], Ok(Intake::Created(id)) if id != first));
    // An unknown referral code is a field error.
    let mut bad = lead_input("c@x.example", "X", "FR");
    bad.referral_code = Some("NOPE".into());
    let r = store
        .submit_leads(&[submission(bad, None, "2026-12-25T10:00:00Z")])
        .await
        .expect("test");
    assert!(
        matches!(&r[0], Err(StoreError::Invalid(e)) if e.get("referral_code") == Some("unknown-referral-code"))
    );
}

async fn allocation_offers_explains_and_reoffers_after_decline_and_expiry(store: Store) {
    use agora_domain::leads::OfferStatus;
    use agora_store::OfferUpdate;
    let p1 = active_partner(&store, "Alpha", "FR").await;
    let p2 = active_partner(&store, "Beta", "DE").await;
    let p3 = active_partner(&store, "Gamma", "IT").await;
    let now = t("2026-11-02T10:00:00Z");
    let ids: Vec<i64> = store
        .submit_leads(&[
            submission(
                lead_input("a@a.example", "A", "FR"),
                None,
                "2026-11-02T09:00:00Z",
            ),
            submission(
                lead_input("b@b.example", "B", "ES"),
                None,
                "2026-11-02T09:00:00Z",
            ),
            submission(
                lead_input("c@c.example", "C", "PT"),
                None,
                "2026-11-02T09:00:00Z",
            ),
        ])
        .await
        .expect("test")
        .into_iter()
        .map(|r| r.expect("test").lead_id())
        .collect();
    let report = store.run_lead_jobs(now, None).await.expect("test");
    assert_eq!(report.allocated, 3);
    // Equal weights, same eligible set: one lead each.
    let mut got = vec![];
    for id in &ids {
        let offers = store.lead_offers(*id).await.expect("test");
        assert_eq!(offers.len(), 1);
        got.push(offers[0].partner_id);
        let allocs = store.lead_allocations(*id).await.expect("test");
        assert_eq!(allocs.len(), 1);
        assert_eq!(
            allocs[0].explanation.explanation.candidates.len(),
            3,
            "all three were candidates"
        );
        assert_eq!(allocs[0].policy_version, 1);
    }
    got.sort();
    assert_eq!(got, vec![p1, p2, p3]);
    // A decline with a reason goes to another partner at the next run.
    let o = &store.lead_offers(ids[0]).await.expect("test")[0];
    let no_reason = store
        .update_offer(
            o.id,
            o.partner_id,
            &OfferUpdate {
                to: OfferStatus::Declined,
                reason: None,
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await;
    assert!(matches!(no_reason, Err(StoreError::Invalid(_))));
    // Another partner cannot touch it.
    let other = if o.partner_id == p1 { p2 } else { p1 };
    let stolen = store
        .update_offer(
            o.id,
            other,
            &OfferUpdate {
                to: OfferStatus::Accepted,
                reason: None,
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await;
    assert!(matches!(stolen, Err(StoreError::NotFound)));
    // A decline explained with a loss's reason is refused, so no stored reason fails to read back.
    let wrong_list = store
        .update_offer(
            o.id,
            o.partner_id,
            &OfferUpdate {
                to: OfferStatus::Declined,
                reason: Some("budget".into()),
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await;
    assert_eq!(code(wrong_list.expect_err("refused")), "invalid-reason");
    store
        .update_offer(
            o.id,
            o.partner_id,
            &OfferUpdate {
                to: OfferStatus::Declined,
                reason: Some("no-capacity".into()),
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await
        .expect("test");
    store.run_lead_jobs(now, None).await.expect("test");
    let offers = store.lead_offers(ids[0]).await.expect("test");
    assert_eq!(offers.len(), 2);
    assert_ne!(offers[1].partner_id, offers[0].partner_id);
    let second = store.lead_allocations(ids[0]).await.expect("test");
    assert_eq!(second.len(), 2);
    assert!(second[1]
        .explanation
        .explanation
        .excluded
        .iter()
        .any(|(p, _)| *p == offers[0].partner_id));
    // No answer within the SLA (48 h): expired and offered to the remaining partner.
    let late = now + chrono::Duration::hours(49);
    let report = store.run_lead_jobs(late, None).await.expect("test");
    assert!(report.expired >= 3, "{report:?}");
    let offers = store.lead_offers(ids[0]).await.expect("test");
    assert_eq!(offers.len(), 3);
    assert_eq!(offers[1].status, OfferStatus::Expired);
    // Accept and move through the pipeline; the counters follow.
    let last = &offers[2];
    store
        .update_offer(
            last.id,
            last.partner_id,
            &OfferUpdate {
                to: OfferStatus::Accepted,
                reason: None,
                note: String::new(),
            },
            late,
            &admin(),
        )
        .await
        .expect("test");
    store
        .update_offer(
            last.id,
            last.partner_id,
            &OfferUpdate {
                to: OfferStatus::Won,
                reason: None,
                note: "Signed".into(),
            },
            late,
            &admin(),
        )
        .await
        .expect("test");
    let back = store
        .update_offer(
            last.id,
            last.partner_id,
            &OfferUpdate {
                to: OfferStatus::Contacted,
                reason: None,
                note: String::new(),
            },
            late,
            &admin(),
        )
        .await;
    assert!(matches!(back, Err(StoreError::Invalid(_))));
    let counts = store
        .report_counts("2026-11", &["2026-11".to_string()])
        .await
        .expect("test");
    let total = |m: Metric| -> u64 {
        counts
            .counts
            .iter()
            .filter(|c| c.2 == m && c.3 == -1)
            .map(|c| c.4)
            .sum()
    };
    use agora_domain::leads::Metric;
    assert_eq!(total(Metric::Received), 3);
    assert_eq!(total(Metric::Declined), 1);
    assert_eq!(total(Metric::Won), 1);
    assert!(total(Metric::Expired) >= 1);
    assert!(total(Metric::Reoffered) >= 2);
    // Running the jobs twice at the same time does nothing twice (several instances).
    let (a, b) = tokio::join!(
        store.run_lead_jobs(late, None),
        store.run_lead_jobs(late, None)
    );
    assert_eq!(a.expect("test").expired + b.expect("test").expired, 0);
    // Reminders: 14 days without update on an accepted offer.
    let r = store
        .run_lead_jobs(late + chrono::Duration::days(15), None)
        .await
        .expect("test");
    assert_eq!(r.reminded, 0, "won offers are not reminded");

    // A stored status that does not read back is an error naming the table and the column, never
    // a default that would quietly change what the partner and the report see.
    store
        .execute_for_test("UPDATE lead_offers SET status = 'lost-in-transit' WHERE id = (SELECT MIN(id) FROM lead_offers)")
        .await
        .expect("corrupt");
    match store.lead_offers(ids[0]).await {
        Err(StoreError::Corrupt {
            table,
            column,
            value,
        }) => {
            assert_eq!(
                (table, column, value.as_str()),
                ("lead_offers", "status", "lost-in-transit")
            );
        }
        other => panic!("expected a corrupt-value error, got {other:?}"),
    }
    damage(
        &store,
        "UPDATE lead_offers SET status = 'offered', reason = NULL, due_at = 'tomorrow'",
    )
    .await;
    assert_corrupt(
        store.lead_offers(ids[0]).await,
        "lead_offers",
        "due_at",
        "tomorrow",
    );
    // A reason from the wrong list (a loss's reason on a decline) is as corrupt as an unknown one.
    damage(
        &store,
        "UPDATE lead_offers SET due_at = '2026-11-03T10:00:00.000Z', status = 'declined', reason = 'budget'",
    )
    .await;
    assert_corrupt(
        store.lead_offers(ids[0]).await,
        "lead_offers",
        "reason",
        "budget",
    );
    damage(
        &store,
        "UPDATE lead_offers SET status = 'offered', reason = NULL",
    )
    .await;
    store
        .lead_offers(ids[0])
        .await
        .expect("reads again once repaired");
    damage(
        &store,
        &format!("UPDATE leads SET status = 'lost' WHERE id = {}", ids[0]),
    )
    .await;
    assert_corrupt(store.lead(ids[0]).await, "leads", "status", "lost");
    assert_corrupt(
        store.count_leads_by_status().await,
        "leads",
        "status",
        "lost",
    );
    damage(
        &store,
        &format!(
            "UPDATE leads SET status = 'offered', received_at = 'last week' WHERE id = {}",
            ids[0]
        ),
    )
    .await;
    assert_corrupt(
        store.lead(ids[0]).await,
        "leads",
        "received_at",
        "last week",
    );
    damage(
        &store,
        &format!(
            "UPDATE leads SET received_at = '2026-11-01T09:00:00.000Z', segment = 'galactic' WHERE id = {}",
            ids[0]
        ),
    )
    .await;
    assert_corrupt(store.lead(ids[0]).await, "leads", "segment", "galactic");
    damage(
        &store,
        &format!(
            "UPDATE leads SET segment = NULL, services = 'hosting,juggling' WHERE id = {}",
            ids[0]
        ),
    )
    .await;
    assert_corrupt(store.lead(ids[0]).await, "leads", "services", "juggling");
    damage(
        &store,
        &format!(
            "UPDATE leads SET services = 'hosting', source = 'carrier-pigeon' WHERE id = {}",
            ids[0]
        ),
    )
    .await;
    assert_corrupt(
        store.lead(ids[0]).await,
        "leads",
        "source",
        "carrier-pigeon",
    );
    damage(&store, "UPDATE lead_allocations SET explanation_json = '{'").await;
    assert_corrupt(
        store.lead_allocations(ids[1]).await,
        "lead_allocations",
        "explanation_json",
        "{",
    );
    damage(
        &store,
        "UPDATE lead_counts SET metric = 'vibes' WHERE metric = 'received'",
    )
    .await;
    assert_corrupt(
        store
            .report_counts("2026-11", &["2026-11".to_string()])
            .await,
        "lead_counts",
        "metric",
        "vibes",
    );
}

async fn nobody_qualifies_means_queued_never_dropped(store: Store) {
    let now = t("2026-11-02T10:00:00Z");
    let id = store
        .submit_leads(&[submission(
            lead_input("a@a.example", "A", "JP"),
            None,
            "2026-11-02T09:00:00Z",
        )])
        .await
        .expect("test")[0]
        .as_ref()
        .expect("test")
        .lead_id();
    let r = store.run_lead_jobs(now, None).await.expect("test");
    assert_eq!((r.allocated, r.queued), (0, 1));
    assert_eq!(
        store.lead(id).await.expect("test").expect("test").status,
        LeadStatus::Queued
    );
    // A partner joins; the admin retries; the any-region fallback finds it.
    let p = active_partner(&store, "Alpha", "FR").await;
    store.retry_lead(id, &admin()).await.expect("test");
    store.run_lead_jobs(now, None).await.expect("test");
    let offers = store.lead_offers(id).await.expect("test");
    assert_eq!(offers[0].partner_id, p);
    let a = store.lead_allocations(id).await.expect("test");
    assert_eq!(
        a.last().expect("test").explanation.explanation.pool,
        Some(agora_domain::leads::allocation::Pool::AnyRegion)
    );
}

async fn policy_versions_are_append_only_and_recorded_per_allocation(store: Store) {
    let v1 = store.lead_policy().await.expect("test");
    assert_eq!(v1.version, 1);
    let mut p = v1.policy.clone();
    p.sla_hours = 24;
    p.fan_out_by_region.insert("europe".into(), 2);
    let bad = {
        let mut b = p.clone();
        b.sla_hours = 0;
        b
    };
    assert!(matches!(
        store.adopt_lead_policy(&bad, "x", &admin()).await,
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(
        store
            .adopt_lead_policy(&p, "Faster answers", &admin())
            .await
            .expect("test"),
        2
    );
    let history = store.lead_policy_history().await.expect("test");
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].policy, v1.policy, "version 1 is unchanged");
    active_partner(&store, "Alpha", "FR").await;
    active_partner(&store, "Beta", "DE").await;
    let id = store
        .submit_leads(&[submission(
            lead_input("a@a.example", "A", "FR"),
            None,
            "2026-11-02T09:00:00Z",
        )])
        .await
        .expect("test")[0]
        .as_ref()
        .expect("test")
        .lead_id();
    let now = t("2026-11-02T10:00:00Z");
    store.run_lead_jobs(now, None).await.expect("test");
    let offers = store.lead_offers(id).await.expect("test");
    assert_eq!(offers.len(), 2, "fan-out 2 in Europe");
    assert_eq!(offers[0].due_at, t("2026-11-03T10:00:00.000Z"));
    assert_eq!(
        store.lead_allocations(id).await.expect("test")[0].policy_version,
        2
    );
    // A new region map is a new policy version.
    store
        .replace_regions(&RegionMap::default_map(), &admin())
        .await
        .expect("test");
    assert_eq!(store.lead_policy().await.expect("test").version, 3);
}

async fn erasure_and_retention_keep_the_counts(store: Store) {
    let ids: Vec<i64> = store
        .submit_leads(&[
            submission(
                lead_input("a@a.example", "A", "FR"),
                None,
                "2024-01-02T09:00:00Z",
            ),
            submission(
                lead_input("b@b.example", "B", "FR"),
                None,
                "2026-11-02T09:00:00Z",
            ),
        ])
        .await
        .expect("test")
        .into_iter()
        .map(|r| r.expect("test").lead_id())
        .collect();
    let export = store
        .export_person_leads("B@b.example", &admin())
        .await
        .expect("test");
    assert_eq!(export["leads"].as_array().expect("test").len(), 1);
    assert_eq!(
        store.lead_views(ids[1]).await.expect("test").len(),
        1,
        "the export is a view"
    );
    assert_eq!(
        store
            .erase_person_leads("b@b.example", &admin())
            .await
            .expect("test"),
        1
    );
    let b = store.lead(ids[1]).await.expect("test").expect("test");
    assert!(b.email.is_empty() && b.contact_name.is_empty() && b.organization.is_empty());
    assert_eq!(b.status, LeadStatus::Withdrawn);
    assert_eq!(b.country, "FR");
    let n = store
        .anonymise_older_than(t("2026-11-23T00:00:00Z"), 730)
        .await
        .expect("test");
    assert_eq!(n, 1);
    assert!(store
        .lead(ids[0])
        .await
        .expect("test")
        .expect("test")
        .email
        .is_empty());
    let mut counts = store
        .report_counts("2024", &["2024-01".into()])
        .await
        .expect("test");
    counts.counts.extend(
        store
            .report_counts("2026", &["2026-11".into()])
            .await
            .expect("test")
            .counts,
    );
    let received: u64 = counts
        .counts
        .iter()
        .filter(|c| c.2 == agora_domain::leads::Metric::Received)
        .map(|c| c.4)
        .sum();
    assert_eq!(received, 2);
    // Nothing personal in the audit log.
    let page = store
        .audit_page(&AuditFilter::default(), PageRequest::default())
        .await
        .expect("test");
    for e in &page.items {
        let text = format!("{:?}{:?}", e.event().before, e.event().after);
        assert!(
            !text.contains("a@a.example") && !text.contains("b@b.example"),
            "{text}"
        );
    }
}

async fn referrals_are_attributed_and_converted(store: Store) {
    let p = active_partner(&store, "Alpha", "FR").await;
    active_partner(&store, "Beta", "DE").await;
    let r = store
        .create_referrer("alpha-2026", Some(p), None, "Alpha's flyer", &admin())
        .await
        .expect("test");
    assert_eq!(r.code, "ALPHA-2026");
    assert!(matches!(
        store
            .create_referrer("ALPHA-2026", Some(p), None, "again", &admin())
            .await,
        Err(StoreError::Invalid(_))
    ));
    // Referral routing: the referrer gets its referred leads first.
    let mut pol = store.lead_policy().await.expect("test").policy;
    pol.referral_routing = agora_domain::leads::ReferralRouting::Referrer;
    store
        .adopt_lead_policy(&pol, "Referrers first", &admin())
        .await
        .expect("test");
    let mut subs = vec![];
    for i in 0..4 {
        let mut l = lead_input(&format!("p{i}@x.example"), &format!("Org {i}"), "FR");
        l.referral_code = Some("ALPHA-2026".into());
        subs.push(submission(l, None, "2026-11-02T09:00:00Z"));
    }
    let ids: Vec<i64> = store
        .submit_leads(&subs)
        .await
        .expect("test")
        .into_iter()
        .map(|r| r.expect("test").lead_id())
        .collect();
    store
        .run_lead_jobs(t("2026-11-02T10:00:00Z"), None)
        .await
        .expect("test");
    for id in &ids {
        let o = store.lead_offers(*id).await.expect("test");
        assert_eq!(o[0].partner_id, p, "referred leads go to the referrer");
        assert_eq!(
            store.lead_allocations(*id).await.expect("test")[0]
                .explanation
                .referral_partner,
            Some(p)
        );
    }
    let o = &store.lead_offers(ids[0]).await.expect("test")[0];
    use agora_domain::leads::OfferStatus;
    let now = t("2026-11-02T11:00:00Z");
    for to in [OfferStatus::Accepted, OfferStatus::Won] {
        store
            .update_offer(
                o.id,
                p,
                &agora_store::OfferUpdate {
                    to,
                    reason: None,
                    note: String::new(),
                },
                now,
                &admin(),
            )
            .await
            .expect("test");
    }
    let stats = store.referral_stats().await.expect("test");
    assert_eq!(stats.by_referrer.len(), 1);
    let f = &stats.by_referrer[0];
    assert_eq!((f.referred, f.accepted, f.won), (4, 1, 1));
    assert_eq!(f.conversion(), Some(0.25));
    assert_eq!(stats.by_region[0].key, "europe");
    assert_eq!(stats.by_source[0].key, "api");
}

async fn monthly_capacity_holds_within_one_allocation_batch(store: Store) {
    let a = active_partner(&store, "Alpha", "FR").await;
    let b = active_partner(&store, "Beta", "DE").await;
    store
        .set_partner_lead_settings(
            a,
            agora_domain::leads::PartnerLeadSettings {
                paused: false,
                monthly_capacity: Some(1),
            },
            &admin(),
        )
        .await
        .expect("settings");
    let subs: Vec<_> = (0..4)
        .map(|i| {
            submission(
                lead_input(&format!("c{i}@cap.example"), &format!("Cap {i}"), "FR"),
                None,
                "2026-11-02T09:00:00Z",
            )
        })
        .collect();
    let ids: Vec<i64> = store
        .submit_leads(&subs)
        .await
        .expect("submit")
        .into_iter()
        .map(|r| r.expect("stored").lead_id())
        .collect();
    // All four are allocated in one batch.
    assert_eq!(
        store
            .run_lead_jobs(t("2026-11-02T10:00:00Z"), None)
            .await
            .expect("jobs")
            .allocated,
        4
    );
    let mut to_a = 0;
    for id in &ids {
        let offers = store.lead_offers(*id).await.expect("offers");
        assert_eq!(offers.len(), 1);
        to_a += usize::from(offers[0].partner_id == a);
        assert!(offers[0].partner_id == a || offers[0].partner_id == b);
    }
    assert_eq!(to_a, 1, "Alpha's cap of 1 a month holds within the batch");
    let last = store.lead_allocations(ids[3]).await.expect("allocations");
    assert!(last[0]
        .explanation
        .explanation
        .excluded
        .contains(&(a, agora_domain::leads::allocation::Exclusion::AtCapacity)));
}

async fn direct_requests_skip_the_rotation_and_queue_after_their_partner(store: Store) {
    use agora_domain::leads::Metric;
    let now = t("2026-11-02T10:00:00Z");
    let a = active_partner(&store, "Alpha", "FR").await;
    let b = active_partner(&store, "Beta", "FR").await;
    let b_slug = store
        .partner(b)
        .await
        .expect("test")
        .expect("test")
        .profile
        .slug;
    let mut direct = lead_input("ana@univ.example", "Univ", "FR");
    direct.partner = Some(b_slug.clone());
    // A pool request from the same person stays a separate request.
    let pool = lead_input("ana@univ.example", "Univ", "FR");
    let r = store
        .submit_leads(&[
            submission(direct, None, "2026-11-02T09:00:00Z"),
            submission(pool, None, "2026-11-02T09:01:00Z"),
        ])
        .await
        .expect("test");
    let (direct_id, pool_id) = (
        r[0].as_ref().expect("direct").lead_id(),
        r[1].as_ref().expect("pool").lead_id(),
    );
    assert!(matches!(r[1], Ok(agora_store::Intake::Created(_))), "{r:?}");
    store.run_lead_jobs(now, None).await.expect("test");
    let offers = store.lead_offers(direct_id).await.expect("test");
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].partner_id, b, "delivered to the partner asked");
    let allocation = &store.lead_allocations(direct_id).await.expect("test")[0];
    assert_eq!(allocation.explanation.direct_partner, Some(b));
    assert!(allocation.explanation.explanation.candidates.is_empty());
    // The rotation's ledger saw only the pool request: one offer between the two partners.
    let mut shares = 0;
    for p in [a, b] {
        shares += store
            .partner_shares(p)
            .await
            .expect("test")
            .iter()
            .map(|s| s.received)
            .sum::<u64>();
    }
    assert_eq!(shares, 1, "a direct request accrues no entitlement");
    let counts = store
        .report_counts("2026-11", &["2026-11".to_string()])
        .await
        .expect("test");
    assert_eq!(metric_count(&counts, b, Metric::Direct), 1);
    // Declined: it waits for the foundation, never for the rotation.
    store
        .update_offer(
            offers[0].id,
            b,
            &agora_store::OfferUpdate {
                to: agora_domain::leads::OfferStatus::Declined,
                reason: Some("no-capacity".into()),
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await
        .expect("decline");
    store.run_lead_jobs(now, None).await.expect("test");
    assert_eq!(store.lead_offers(direct_id).await.expect("test").len(), 1);
    assert_eq!(
        store
            .lead(direct_id)
            .await
            .expect("test")
            .expect("test")
            .status,
        LeadStatus::Queued
    );
    assert_eq!(
        store
            .lead(pool_id)
            .await
            .expect("test")
            .expect("test")
            .status,
        LeadStatus::Offered
    );
    // Only listed partners can be asked directly.
    let mut unknown = lead_input("x@x.example", "X", "FR");
    unknown.partner = Some("nobody-here".into());
    let r = store
        .submit_leads(&[submission(unknown, None, "2026-11-02T09:05:00Z")])
        .await
        .expect("test");
    match &r[0] {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.get("partner"), Some("unknown-partner"));
        }
        other => panic!("{other:?}"),
    }
}

async fn admins_offer_queued_leads_by_hand_and_close_leads_with_a_reason(store: Store) {
    use agora_domain::leads::{CloseReason, Metric};
    let now = t("2026-11-02T10:00:00Z");
    // Japan: no partner qualifies, so the lead waits in the queue.
    let id = store
        .submit_leads(&[submission(
            lead_input("a@a.example", "A", "JP"),
            None,
            "2026-11-02T09:00:00Z",
        )])
        .await
        .expect("test")[0]
        .as_ref()
        .expect("test")
        .lead_id();
    let p = store
        .create_partner(
            &profile("Gamma", "FR", "training"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("test")
        .id;
    let suspended = store
        .create_partner(
            &profile("Delta", "FR", "hosting"),
            PartnerStatus::Suspended,
            &admin(),
        )
        .await
        .expect("test")
        .id;
    partner_person(&store, "pa@gamma.example", p).await;
    store.run_lead_jobs(now, None).await.expect("test");
    assert_eq!(
        store.lead(id).await.expect("test").expect("test").status,
        LeadStatus::Queued
    );
    let invalid = |r: agora_store::Result<agora_store::Offer>, field: &str| match r {
        Err(StoreError::Invalid(e)) => e.get(field).map(str::to_string),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        invalid(
            store.offer_lead_manually(id, p, "  ", now, &admin()).await,
            "reason"
        )
        .as_deref(),
        Some("explain-required")
    );
    assert_eq!(
        invalid(
            store
                .offer_lead_manually(id, suspended, "they know Japan", now, &admin())
                .await,
            "partner"
        )
        .as_deref(),
        Some("partner-inactive")
    );
    assert_eq!(
        invalid(
            store
                .offer_lead_manually(id, 99_999, "x", now, &admin())
                .await,
            "partner"
        )
        .as_deref(),
        Some("unknown-partner")
    );
    assert!(
        store.lead_offers(id).await.expect("test").is_empty(),
        "nothing changed"
    );
    let offer = store
        .offer_lead_manually(id, p, "Gamma has a Tokyo office", now, &admin())
        .await
        .expect("manual offer");
    assert_eq!(offer.partner_id, p);
    assert_eq!(offer.status, agora_domain::leads::OfferStatus::Offered);
    assert_eq!(
        store.lead(id).await.expect("test").expect("test").status,
        LeadStatus::Offered
    );
    let rounds = store.lead_allocations(id).await.expect("test");
    let manual = rounds
        .last()
        .expect("round")
        .explanation
        .manual
        .clone()
        .expect("manual");
    assert_eq!(
        (manual.partner_id, manual.reason.as_str()),
        (p, "Gamma has a Tokyo office")
    );
    assert_eq!(manual.by, "admin@example.org");
    let counts = store
        .report_counts("2026-11", &["2026-11".to_string()])
        .await
        .expect("test");
    assert_eq!(metric_count(&counts, p, Metric::Manual), 1);
    assert_eq!(metric_count(&counts, p, Metric::Offered), 1);
    assert!(
        store.partner_shares(p).await.expect("test").is_empty(),
        "outside the rotation"
    );
    assert_eq!(
        emails_to(&store, "pa@gamma.example").await.len(),
        1,
        "the partner is told"
    );
    // Once a partner holds it, it is no longer the admin's to hand out.
    assert_eq!(
        invalid(
            store
                .offer_lead_manually(id, p, "again", now, &admin())
                .await,
            "status"
        )
        .as_deref(),
        Some("invalid-transition")
    );
    let audit = store
        .audit_page(&Default::default(), Default::default())
        .await
        .expect("audit");
    assert!(audit
        .items
        .iter()
        .any(|e| e.action == "lead.offered_manually"
            && e.after
                .as_ref()
                .is_some_and(|a| a.to_string().contains("Tokyo office"))));
    // Closed as spam: the offer is withdrawn and its partner told.
    let to = store
        .close_lead(
            id,
            (CloseReason::Spam, "Advertising for pills"),
            now,
            &admin(),
        )
        .await
        .expect("close");
    assert_eq!(to, LeadStatus::Spam);
    let lead = store.lead(id).await.expect("test").expect("test");
    assert_eq!(
        (lead.status, lead.closed_note.as_str()),
        (LeadStatus::Spam, "Advertising for pills")
    );
    assert_eq!(
        store.lead_offers(id).await.expect("test")[0].status,
        agora_domain::leads::OfferStatus::Withdrawn
    );
    let told = emails_to(&store, "pa@gamma.example").await;
    assert_eq!(told.len(), 2);
    assert!(told.iter().any(|m| m.subject == "[-] email-lead-closed"
        && m.body.lines().next() == Some(format!("lead={id}").as_str())
        && m.body.contains("/unsubscribe/")));
    match store
        .close_lead(id, (CloseReason::Duplicate, ""), now, &admin())
        .await
    {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.get("status"), Some("invalid-transition"));
        }
        other => panic!("{other:?}"),
    }
    // A closed lead is never allocated again.
    let r = store
        .run_lead_jobs(now + chrono::Duration::days(3), None)
        .await
        .expect("test");
    assert_eq!((r.allocated, r.queued), (0, 0));
    let audit = store
        .audit_page(&Default::default(), Default::default())
        .await
        .expect("audit");
    assert!(audit.items.iter().any(|e| e.action == "lead.closed"
        && e.after
            .as_ref()
            .is_some_and(|a| a.to_string().contains("spam"))));
}

async fn requester_status_link_confirms_shows_progress_and_withdraws(store: Store) {
    use agora_domain::leads::OfferStatus;
    let now = t("2026-11-02T10:00:00Z");
    let p = active_partner(&store, "Alpha", "FR").await;
    partner_person(&store, "pa@alpha.example", p).await;
    let confirm = |hash: &str| agora_store::Confirmation {
        token_hash: hash.into(),
        subject: "Your request".into(),
        body: "Reference {reference}; status at {site}/find-a-partner/status/secret".into(),
    };
    let mut s = submission(
        lead_input("ana@univ.example", "Univ", "FR"),
        None,
        "2026-11-02T09:00:00Z",
    );
    s.confirmation = Some(confirm("hash-1"));
    let id = store.submit_leads(&[s]).await.expect("test")[0]
        .as_ref()
        .expect("test")
        .lead_id();
    // The confirmation is queued with the lead, with its reference.
    let mail = emails_to(&store, "ana@univ.example").await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].body.contains(&format!("Reference L-{id};")),
        "{}",
        mail[0].body
    );
    assert_eq!(store.requester_status("wrong").await.expect("test"), None);
    let st = store
        .requester_status("hash-1")
        .await
        .expect("test")
        .expect("found");
    assert_eq!(
        (st.status, st.awaiting_answer),
        (LeadStatus::Pending, false)
    );
    assert_eq!(st.reference, format!("L-{id}"));
    store.run_lead_jobs(now, None).await.expect("test");
    let st = store
        .requester_status("hash-1")
        .await
        .expect("test")
        .expect("found");
    assert!(st.awaiting_answer && st.accepted_by.is_empty());
    let offer = store.lead_offers(id).await.expect("test")[0].clone();
    store
        .update_offer(
            offer.id,
            p,
            &agora_store::OfferUpdate {
                to: OfferStatus::Accepted,
                reason: None,
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await
        .expect("accept");
    let st = store
        .requester_status("hash-1")
        .await
        .expect("test")
        .expect("found");
    assert_eq!(
        st.accepted_by,
        vec![("Alpha".to_string(), "alpha".to_string())]
    );
    // Writing again within the window: the second link shows the same request.
    let mut again = submission(
        lead_input("ana@univ.example", "Univ", "FR"),
        None,
        "2026-11-03T09:00:00Z",
    );
    again.confirmation = Some(confirm("hash-2"));
    store.submit_leads(&[again]).await.expect("test");
    assert_eq!(
        store
            .requester_status("hash-2")
            .await
            .expect("test")
            .expect("found")
            .reference,
        format!("L-{id}")
    );
    assert_eq!(emails_to(&store, "ana@univ.example").await.len(), 2);
    // Withdrawn: the partner that accepted is told; a second withdrawal changes nothing.
    let before = emails_to(&store, "pa@alpha.example").await.len();
    assert_eq!(
        store
            .withdraw_by_requester("hash-1", now)
            .await
            .expect("withdraw"),
        LeadStatus::Withdrawn
    );
    assert_eq!(
        emails_to(&store, "pa@alpha.example").await.len(),
        before + 1
    );
    assert_eq!(
        store
            .requester_status("hash-1")
            .await
            .expect("test")
            .expect("found")
            .status,
        LeadStatus::Withdrawn
    );
    assert!(matches!(
        store.withdraw_by_requester("hash-1", now).await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.withdraw_by_requester("nope", now).await,
        Err(StoreError::NotFound)
    ));
    // Erasure ends the link.
    store
        .erase_person_leads("ana@univ.example", &admin())
        .await
        .expect("erase");
    assert_eq!(store.requester_status("hash-1").await.expect("test"), None);
}

async fn waiting_offers_and_the_queue_are_read_for_tasks(store: Store) {
    let now = t("2026-11-02T10:00:00Z");
    // Nobody to offer it to: it waits in the queue.
    store
        .submit_leads(&[submission(
            lead_input("q@q.example", "Q", "JP"),
            None,
            "2026-11-02T09:00:00Z",
        )])
        .await
        .expect("test");
    store.run_lead_jobs(now, None).await.expect("test");
    assert_eq!(store.queued_lead_count().await.expect("test"), 1);
    assert!(store
        .offers_awaiting_answer(&[])
        .await
        .expect("test")
        .is_empty());

    let alpha = active_partner(&store, "Alpha", "FR").await;
    let beta = active_partner(&store, "Beta", "FR").await;
    let lead = store
        .submit_leads(&[submission(
            lead_input("a@a.example", "A", "FR"),
            None,
            "2026-11-02T09:30:00Z",
        )])
        .await
        .expect("test")[0]
        .as_ref()
        .expect("test")
        .lead_id();
    store.run_lead_jobs(now, None).await.expect("test");
    let offer = store.lead_offers(lead).await.expect("test")[0].clone();
    let other = if offer.partner_id == alpha {
        beta
    } else {
        alpha
    };
    let waiting = store
        .offers_awaiting_answer(&[alpha, beta])
        .await
        .expect("test");
    assert_eq!(waiting.len(), 1);
    let w = &waiting[0];
    assert_eq!(
        (w.offer_id, w.lead_id, w.partner_id),
        (offer.id, lead, offer.partner_id)
    );
    assert_eq!(w.partner_name, offer.partner_name);
    assert_eq!(w.due_at, offer.due_at);
    assert!(store
        .offers_awaiting_answer(&[other])
        .await
        .expect("test")
        .is_empty());
    // Answered, it no longer waits.
    store
        .update_offer(
            offer.id,
            offer.partner_id,
            &agora_store::OfferUpdate {
                to: agora_domain::leads::OfferStatus::Accepted,
                reason: None,
                note: String::new(),
            },
            now,
            &admin(),
        )
        .await
        .expect("test");
    assert!(store
        .offers_awaiting_answer(&[alpha, beta])
        .await
        .expect("test")
        .is_empty());
    assert_eq!(store.queued_lead_count().await.expect("test"), 1);
}

/// Two accepted leads of one partner with no update for the reminder period: one mail to each of its
/// people, naming both, not one per lead; the next run reminds no one again.
async fn a_partner_gets_one_reminder_naming_every_lead_to_update(store: Store) {
    use agora_domain::leads::OfferStatus;
    use agora_store::OfferUpdate;
    let solo = active_partner(&store, "Solo", "FR").await;
    member(
        &store,
        "sales@solo.example",
        &[Grant {
            role: agora_domain::permissions::Role::PartnerAdmin,
            scope_id: Some(solo),
        }],
    )
    .await;
    let now = t("2026-11-02T10:00:00Z");
    let ids: Vec<i64> = store
        .submit_leads(&[
            submission(
                lead_input("a@a.example", "A", "FR"),
                None,
                "2026-11-02T09:00:00Z",
            ),
            submission(
                lead_input("b@b.example", "B", "FR"),
                None,
                "2026-11-02T09:00:00Z",
            ),
        ])
        .await
        .expect("test")
        .into_iter()
        .map(|r| r.expect("test").lead_id())
        .collect();
    store.run_lead_jobs(now, None).await.expect("test");
    for id in &ids {
        let offer = store.lead_offers(*id).await.expect("test").remove(0);
        assert_eq!(offer.partner_id, solo);
        store
            .update_offer(
                offer.id,
                solo,
                &OfferUpdate {
                    to: OfferStatus::Accepted,
                    reason: None,
                    note: String::new(),
                },
                now,
                &admin(),
            )
            .await
            .expect("test");
    }
    let later = now + chrono::Duration::days(15);
    let report = store.run_lead_jobs(later, None).await.expect("test");
    assert_eq!(report.reminded, 2, "both offers are reminded");
    let reminders: Vec<_> = store
        .outbox_recent(100)
        .await
        .expect("test")
        .into_iter()
        .filter(|m| {
            m.to_address == "sales@solo.example" && m.subject.contains("email-offer-reminder")
        })
        .collect();
    assert_eq!(reminders.len(), 1, "one mail for both leads");
    for id in &ids {
        assert!(
            reminders[0].body.contains(&format!("#{id}")),
            "{}",
            reminders[0].body
        );
    }
    let again = store
        .run_lead_jobs(later + chrono::Duration::hours(1), None)
        .await
        .expect("test");
    assert_eq!(again.reminded, 0);

    // Solo had registered the first organization as a deal; winning its lead makes it one client of
    // the year, in one step, and wins the deal with it (not a second client).
    let deal = agora_domain::obligations::DealInput {
        organization: "A Inc.".into(),
        country: "FR".into(),
        expected_on: "2026-12-15".into(),
        ..Default::default()
    }
    .parse(later.date_naive())
    .expect("deal");
    store
        .register_deal(solo, &deal, &admin())
        .await
        .expect("deal");
    let offer = store.lead_offers(ids[0]).await.expect("test").remove(0);
    store
        .update_offer(
            offer.id,
            solo,
            &OfferUpdate {
                to: OfferStatus::Won,
                reason: None,
                note: String::new(),
            },
            later,
            &admin(),
        )
        .await
        .expect("won");
    let counts = store
        .client_counts(solo, 2026)
        .await
        .expect("test")
        .expect("declared");
    assert_eq!(counts.clients, 1);
    let deals = store.partner_deals(solo).await.expect("test");
    assert_eq!(deals[0].status, agora_domain::obligations::DealStatus::Won);
}
