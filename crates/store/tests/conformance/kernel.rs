//! Conformance: Shared kernels: migrations, the audit chain, rate limits, the region map, job leases, the outbox.

use super::*;

conformance!(
    migrations_are_idempotent_and_seed_regions,
    audit_chain_detects_tampering,
    rate_limit_counts_within_window,
    concurrent_audit_writers_keep_one_chain,
    changing_the_region_map_recomputes_served_regions,
    leases_admit_one_holder_until_they_expire,
    failed_emails_wait_for_their_retry_time,
    the_stores_stamps_follow_its_clock,
    damaged_settings_are_errors_not_an_empty_secret,
);

async fn damaged_settings_are_errors_not_an_empty_secret(store: Store) {
    assert_eq!(store.signing_secret().await.expect("secret").len(), 32);
    damage(
        &store,
        "UPDATE settings SET value = 'not hex' WHERE key = 'signing_secret'",
    )
    .await;
    assert_corrupt(store.signing_secret().await, "settings", "value", "not hex");
    store
        .execute_for_test("INSERT INTO settings (key, value) VALUES ('directory_version', '1') ON CONFLICT (key) DO NOTHING")
        .await
        .expect("damage");
    damage(
        &store,
        "UPDATE settings SET value = 'seven' WHERE key = 'directory_version'",
    )
    .await;
    assert_corrupt(
        store.directory_version().await,
        "settings",
        "value",
        "seven",
    );
    assert!(store
        .try_lease(
            "mailer",
            "a",
            chrono::Duration::seconds(30),
            t("2026-11-01T10:00:00Z")
        )
        .await
        .expect("lease"));
    damage(&store, "UPDATE job_leases SET expires_at = 'soonish'").await;
    assert_corrupt(
        store.job_runs().await,
        "job_leases",
        "expires_at",
        "soonish",
    );
}

async fn migrations_are_idempotent_and_seed_regions(store: Store) {
    assert!(store.migrate().await.expect("second migrate").is_empty());
    let map = store.region_map().await.expect("regions");
    assert_eq!(map.regions().len(), 7);
    assert_eq!(
        map.region_of("KE").map(|r| r.slug.as_str()),
        Some("sub-saharan-africa")
    );
    assert_eq!(store.signing_secret().await.expect("secret").len(), 32);
}

async fn audit_chain_detects_tampering(store: Store) {
    for i in 0..5 {
        store
            .record(&admin(), AuditEvent::new("test.event", "thing", i))
            .await
            .expect("record");
    }
    let ok = store.verify_audit_chain().await.expect("verify");
    assert_eq!(ok.first_error, None);
    assert!(ok.checked >= 5);
    let page = store
        .audit_page(
            &AuditFilter {
                action: Some("test.event".into()),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .expect("page");
    assert_eq!(page.total, 5);
    let target = page.items[2].seq;
    store
        .tamper_audit_entry_for_tests(target, "test.forged")
        .await
        .expect("tamper");
    let bad = store.verify_audit_chain().await.expect("verify");
    assert_eq!(bad.first_error, Some(ChainError::Edited { seq: target }));
}

async fn rate_limit_counts_within_window(store: Store) {
    use agora_store::RateDelta;
    let d = |key: &str, window_start: i64, delta: i64, reset: bool| RateDelta {
        key: key.into(),
        window_start,
        delta,
        reset,
    };
    // Two instances add what they counted; each learns the shared total.
    assert_eq!(
        store
            .flush_rate_limits(&[
                d("login:ip:1.2.3.4", 600, 2, false),
                d("login:ip:5.6.7.8", 600, 1, false)
            ])
            .await
            .expect("flush"),
        vec![2, 1]
    );
    assert_eq!(
        store
            .flush_rate_limits(&[d("login:ip:1.2.3.4", 600, 3, false)])
            .await
            .expect("flush"),
        vec![5]
    );
    // A new window starts again from the delta.
    assert_eq!(
        store
            .flush_rate_limits(&[d("login:ip:1.2.3.4", 660, 1, false)])
            .await
            .expect("flush"),
        vec![1]
    );
    // A reset replaces the count.
    assert_eq!(
        store
            .flush_rate_limits(&[d("login:ip:5.6.7.8", 600, 0, true)])
            .await
            .expect("flush"),
        vec![0]
    );
    assert_eq!(store.purge_rate_limits(660).await.expect("purge"), 1);
    assert_eq!(
        store
            .flush_rate_limits(&[d("login:ip:5.6.7.8", 660, 1, false)])
            .await
            .expect("flush"),
        vec![1]
    );
}

async fn concurrent_audit_writers_keep_one_chain(store: Store) {
    let mut tasks = vec![];
    for i in 0..20 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.record(
                &Who::system(),
                AuditEvent::new("test.concurrent", "thing", i),
            )
            .await
        }));
    }
    for t in tasks {
        t.await.expect("join").expect("record");
    }
    let r = store.verify_audit_chain().await.expect("verify");
    // 20 entries, after the two migration wrote (region map seeded, lead policy version 1).
    assert_eq!((r.checked, r.first_error), (22, None));
}

async fn changing_the_region_map_recomputes_served_regions(store: Store) {
    // Served through its country (BR) only.
    let mut p = profile("Carioca", "BR", "hosting");
    p.regions.clear();
    store
        .create_partner(&p, PartnerStatus::Active, &admin())
        .await
        .expect("create");
    let in_region = |slug: &str| DirectoryFilter {
        region: Some(slug.into()),
        ..Default::default()
    };
    let count = |page: agora_domain::pagination::Page<agora_store::Partner>| page.total;
    let active = [PartnerStatus::Active];
    assert_eq!(
        count(
            store
                .partners_page(&in_region("latin-america"), &active, PageRequest::default())
                .await
                .expect("q")
        ),
        1
    );
    let map = RegionMap::new(vec![
        agora_domain::geo::Region {
            slug: "south-america".into(),
            name: "South America".into(),
            countries: vec!["BR".into(), "AR".into()],
        },
        agora_domain::geo::Region {
            slug: "rest".into(),
            name: "Rest".into(),
            countries: vec!["FR".into()],
        },
    ])
    .expect("map");
    let v0 = store.directory_version().await.expect("v");
    store
        .replace_regions(&map, &admin())
        .await
        .expect("replace");
    assert!(store.directory_version().await.expect("v") > v0);
    assert_eq!(store.region_map().await.expect("map").regions().len(), 2);
    assert_eq!(
        count(
            store
                .partners_page(&in_region("south-america"), &active, PageRequest::default())
                .await
                .expect("q")
        ),
        1
    );
    assert_eq!(
        count(
            store
                .partners_page(&in_region("latin-america"), &active, PageRequest::default())
                .await
                .expect("q")
        ),
        0
    );
    let audit = store
        .audit_page(
            &AuditFilter {
                action: Some("regions.replace".into()),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .expect("audit");
    assert_eq!(
        audit.total, 2,
        "the seeding at migration and this replacement"
    );
    assert_eq!(audit.items[0].actor, "admin@example.org");
}

async fn leases_admit_one_holder_until_they_expire(store: Store) {
    let ttl = chrono::Duration::seconds(30);
    assert!(store
        .try_lease("governance", "a", ttl, t("2026-11-01T10:00:00Z"))
        .await
        .expect("test"));
    assert!(!store
        .try_lease("governance", "b", ttl, t("2026-11-01T10:00:10Z"))
        .await
        .expect("test"));
    assert!(
        store
            .try_lease("governance", "a", ttl, t("2026-11-01T10:00:20Z"))
            .await
            .expect("test"),
        "renewed"
    );
    assert!(!store
        .try_lease("governance", "b", ttl, t("2026-11-01T10:00:40Z"))
        .await
        .expect("test"));
    assert!(
        store
            .try_lease("governance", "b", ttl, t("2026-11-01T10:00:51Z"))
            .await
            .expect("test"),
        "expired"
    );
    store.release_lease("governance", "b").await.expect("test");
    assert!(store
        .try_lease("governance", "a", ttl, t("2026-11-01T10:00:52Z"))
        .await
        .expect("test"));
}

async fn failed_emails_wait_for_their_retry_time(store: Store) {
    store
        .queue_email("someone@example.org", "Hello", "Body")
        .await
        .expect("test");
    let now = t("2026-11-01T10:00:00Z");
    let due = store.outbox_due(now, 10).await.expect("test");
    assert_eq!(due.len(), 1);
    let (attempts, delay) = store
        .outbox_mark_failed(
            due[0].id,
            "connection refused",
            now,
            chrono::Duration::seconds(10),
        )
        .await
        .expect("test");
    assert_eq!((attempts, delay), (1, chrono::Duration::seconds(10)));
    assert!(store
        .outbox_due(now + chrono::Duration::seconds(9), 10)
        .await
        .expect("test")
        .is_empty());
    let (attempts, delay) = store
        .outbox_mark_failed(
            due[0].id,
            "again",
            now + chrono::Duration::seconds(10),
            chrono::Duration::seconds(10),
        )
        .await
        .expect("test");
    assert_eq!((attempts, delay), (2, chrono::Duration::seconds(20)));
    let later = now + chrono::Duration::seconds(31);
    assert_eq!(store.outbox_due(later, 10).await.expect("test").len(), 1);
    store
        .outbox_mark_sent(due[0].id, later)
        .await
        .expect("test");
    assert!(store.outbox_due(later, 10).await.expect("test").is_empty());
    assert_eq!(store.outbox_backlog().await.expect("test"), (0, 0));
}

/// Every time the store stamps comes from its clock: moved forward, an audit entry, a person's
/// creation and a queued mail are stamped in the moved time, not the system's.
async fn the_stores_stamps_follow_its_clock(store: Store) {
    let system = chrono::Utc::now();
    store.clock().advance(chrono::Duration::days(400));
    // Stored times keep milliseconds.
    let before = chrono::SubsecRound::trunc_subsecs(store.now(), 3);
    assert!(before - system >= chrono::Duration::days(399));
    let p = store
        .create_person(
            &Email::parse("later@example.org").expect("test"),
            "Later",
            None,
            &[],
            &admin(),
        )
        .await
        .expect("person");
    store
        .queue_email("later@example.org", "Hello", "Body")
        .await
        .expect("mail");
    let after = store.now();
    // Stored text or a typed time alike.
    let stamped = |s: &dyn std::fmt::Display| {
        let s = s.to_string();
        let t: chrono::DateTime<chrono::Utc> = s.parse().expect("stored time");
        assert!(before <= t && t <= after, "{s} not in [{before}, {after}]");
    };
    stamped(&p.created_at);
    let entry = store
        .audit_page(
            &AuditFilter {
                action: Some("person.create".into()),
                ..Default::default()
            },
            PageRequest::default(),
        )
        .await
        .expect("audit")
        .items
        .remove(0);
    stamped(&entry.at);
    let mail = store.outbox_recent(1).await.expect("outbox").remove(0);
    stamped(&mail.created_at);
    // A clone of the store (another handle, as each server instance holds) reads the same clock.
    assert!(store.clone().now() >= after);
}
