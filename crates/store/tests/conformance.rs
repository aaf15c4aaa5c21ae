//! The store's conformance suite: every test runs on SQLite and on PostgreSQL.

use agora_domain::audit::{AuditEvent, ChainError};
use agora_domain::geo::RegionMap;
use agora_domain::pagination::PageRequest;
use agora_domain::partner::{ApplicationInput, DirectoryFilter, PartnerInput, PartnerStatus};
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::Email;
use agora_domain::taxonomy::Service;
use agora_store::testing::{Backend, TestDb};
use agora_store::{AuditFilter, ImportRow, Invitation, Store, StoreError, TokenPurpose, Who};

macro_rules! conformance {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::run(agora_store::testing::Backend::Sqlite, super::$name).await })+
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::run(agora_store::testing::Backend::Postgres, super::$name).await })+
        }
    };
}

async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let Some(db) = TestDb::new(backend).await.expect("test database") else {
        return;
    };
    agora_store::set_mail_renderer(render_mail);
    test(db.store.clone()).await;
}

/// Mail as the store hands it to be written: the recipient's language, the message and its
/// arguments (the words are the web layer's).
fn render_mail(language: Option<&str>, mail: &agora_store::Mail) -> (String, String) {
    let args: Vec<String> = mail.args.iter().map(|(k, v)| format!("{k}={v}")).collect();
    (
        format!("[{}] {}", language.unwrap_or("-"), mail.id),
        args.join("\n"),
    )
}

conformance!(
    migrations_are_idempotent_and_seed_regions,
    people_roles_and_unique_emails,
    applications_are_private_until_approved,
    approval_invites_the_contact_in_one_transaction,
    status_changes_follow_the_life_cycle_and_keep_history,
    directory_filters_combine,
    duplicate_slug_is_a_field_error_and_changes_nothing,
    import_is_all_or_nothing,
    audit_chain_detects_tampering,
    sessions_expire_and_tokens_are_single_use,
    rate_limit_counts_within_window,
    concurrent_audit_writers_keep_one_chain,
    changing_the_region_map_recomputes_served_regions,
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
    lazy_consensus_is_accepted_at_the_close_unless_contested,
    escalation_ends_with_the_moderators_ruling,
    yes_no_vote_freezes_its_electorate_and_reminds_only_the_undecided,
    secret_ranked_ballots_are_detached_and_recount_from_the_file,
    secret_ballots_change_only_for_their_voter_and_are_stored_out_of_casting_order,
    partner_decisions_wait_for_the_assembly_consultation,
    leases_admit_one_holder_until_they_expire,
    failed_emails_wait_for_their_retry_time,
    a_persons_language_is_stored_and_audited,
    waiting_offers_and_the_queue_are_read_for_tasks,
    pending_decisions_follow_participation_and_facilitation,
);

fn admin() -> Who {
    Who::person(1, "admin@example.org")
}

fn profile(name: &str, country: &str, service: &str) -> agora_domain::partner::PartnerProfile {
    PartnerInput {
        name: name.into(),
        website: "https://example.org".into(),
        description: format!("{name} runs Open edX sites."),
        hq_country: country.into(),
        countries: vec![country.into()],
        languages: vec!["en".into()],
        services: vec![service.into()],
        pricing: vec!["subscription".into()],
        size: "11-50".into(),
        segments: vec!["corporate".into()],
        ..Default::default()
    }
    .parse(&RegionMap::default_map())
    .expect("valid profile")
}

fn application(name: &str, email: &str) -> agora_domain::partner::Application {
    ApplicationInput {
        profile: profile(name, "FR", "hosting").to_input(),
        contact_name: "Claire Contact".into(),
        contact_email: email.into(),
        motivation: "We want to join.".into(),
    }
    .parse(&RegionMap::default_map())
    .expect("valid application")
}

fn invitation(hash: &str) -> Invitation {
    Invitation {
        token_hash: hash.into(),
        expires_at: "2999-01-01T00:00:00.000Z".into(),
        subject: "Welcome".into(),
        body: "Set your password".into(),
    }
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

async fn people_roles_and_unique_emails(store: Store) {
    let email = Email::parse("Ada@Example.org").expect("email");
    let p = store
        .create_person(
            &email,
            "Ada",
            Some("hash"),
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
            &Who::system(),
        )
        .await
        .expect("create");
    assert_eq!(p.email, "ada@example.org");
    assert_eq!(
        store.grants(p.id).await.expect("grants"),
        vec![Grant {
            role: Role::Admin,
            scope_id: None
        }]
    );
    let again = store
        .create_person(&email, "Ada 2", None, &[], &Who::system())
        .await;
    match again {
        Err(StoreError::Invalid(e)) => assert_eq!(e.get("email"), Some("email-taken")),
        other => panic!("expected email-taken, got {other:?}"),
    }
    let scoped = Grant {
        role: Role::PartnerMember,
        scope_id: Some(42),
    };
    store
        .grant_role(p.id, scoped, &admin())
        .await
        .expect("grant");
    store
        .grant_role(p.id, scoped, &admin())
        .await
        .expect("granting twice is harmless");
    assert_eq!(store.grants(p.id).await.expect("grants").len(), 2);
    store
        .revoke_role(p.id, scoped, &admin())
        .await
        .expect("revoke");
    assert_eq!(store.grants(p.id).await.expect("grants").len(), 1);
    assert_eq!(store.count_admins().await.expect("count"), 1);
}

async fn applications_are_private_until_approved(store: Store) {
    let app = store
        .create_application(
            &application("Acme Learning", "claire@acme.example"),
            &Who::anonymous(),
        )
        .await
        .expect("apply");
    assert_eq!(app.status, PartnerStatus::Applicant);
    assert_eq!(app.contact_email.as_deref(), Some("claire@acme.example"));
    let public = store
        .partners_page(
            &DirectoryFilter::default(),
            &[PartnerStatus::Active],
            PageRequest::default(),
        )
        .await
        .expect("page");
    assert_eq!(public.total, 0, "an applicant must not be listed publicly");
    let pending = store
        .partners_page(
            &DirectoryFilter::default(),
            &[PartnerStatus::Applicant],
            PageRequest::default(),
        )
        .await
        .expect("page");
    assert_eq!(pending.items.len(), 1);
}

async fn approval_invites_the_contact_in_one_transaction(store: Store) {
    let app = store
        .create_application(
            &application("Acme Learning", "claire@acme.example"),
            &Who::anonymous(),
        )
        .await
        .expect("apply");
    let v0 = store.directory_version().await.expect("version");
    let p = store
        .change_status(
            app.id,
            PartnerStatus::Active,
            "",
            Some(&invitation("h1")),
            &admin(),
        )
        .await
        .expect("approve");
    assert_eq!(p.status, PartnerStatus::Active);
    assert!(
        store.directory_version().await.expect("version") > v0,
        "caches must be invalidated"
    );
    let person = store
        .person_by_email("claire@acme.example")
        .await
        .expect("lookup")
        .expect("contact account");
    assert!(person.password_hash.is_none());
    assert_eq!(
        store.grants(person.id).await.expect("grants"),
        vec![Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(p.id)
        }]
    );
    assert_eq!(
        store
            .one_time_token_person(TokenPurpose::Invitation, "h1")
            .await
            .expect("token"),
        Some(person.id)
    );
    let mail = store.outbox_recent(10).await.expect("outbox");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_address, "claire@acme.example");
    let team = store.partner_team(p.id).await.expect("team");
    assert_eq!(team.len(), 1);
}

async fn status_changes_follow_the_life_cycle_and_keep_history(store: Store) {
    let p = store
        .create_partner(
            &profile("Beta", "US", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("create");
    let err = store
        .change_status(p.id, PartnerStatus::Suspended, " ", None, &admin())
        .await;
    assert!(
        matches!(err, Err(StoreError::Invalid(ref e)) if e.get("reason") == Some("reason-required")),
        "{err:?}"
    );
    let err = store
        .change_status(p.id, PartnerStatus::Applicant, "x", None, &admin())
        .await;
    assert!(
        matches!(err, Err(StoreError::Invalid(ref e)) if e.get("status") == Some("invalid-transition")),
        "{err:?}"
    );
    store
        .change_status(p.id, PartnerStatus::Suspended, "late fees", None, &admin())
        .await
        .expect("suspend");
    store
        .change_status(p.id, PartnerStatus::Active, "paid", None, &admin())
        .await
        .expect("reactivate");
    let h = store.status_history(p.id).await.expect("history");
    let seq: Vec<_> = h.iter().map(|c| c.to).collect();
    assert_eq!(
        seq,
        vec![
            PartnerStatus::Active,
            PartnerStatus::Suspended,
            PartnerStatus::Active
        ]
    );
    assert_eq!(h[1].reason, "late fees");
    assert!(matches!(
        store
            .change_status(9999, PartnerStatus::Active, "", None, &admin())
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn directory_filters_combine(store: Store) {
    store
        .create_partner(
            &profile("Alpha Hosting", "FR", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("a");
    store
        .create_partner(
            &profile("Bravo Training", "BR", "training"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("b");
    store
        .create_partner(
            &profile("Charlie Hosting", "BR", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("c");
    store
        .create_partner(
            &profile("Delta Hosting", "BR", "hosting"),
            PartnerStatus::Suspended,
            &admin(),
        )
        .await
        .expect("d");
    let names = |page: agora_domain::pagination::Page<agora_store::Partner>| {
        page.items
            .into_iter()
            .map(|p| p.profile.name)
            .collect::<Vec<_>>()
    };
    let active = [PartnerStatus::Active];
    let f = DirectoryFilter {
        region: Some("latin-america".into()),
        service: Some(Service::Hosting),
        ..Default::default()
    };
    assert_eq!(
        names(
            store
                .partners_page(&f, &active, PageRequest::default())
                .await
                .expect("q")
        ),
        vec!["Charlie Hosting"]
    );
    let f = DirectoryFilter {
        q: Some("HOSTING".into()),
        ..Default::default()
    };
    assert_eq!(
        names(
            store
                .partners_page(&f, &active, PageRequest::default())
                .await
                .expect("q")
        ),
        vec!["Alpha Hosting", "Charlie Hosting"]
    );
    let f = DirectoryFilter {
        q: Some("100%_".into()),
        ..Default::default()
    };
    assert!(names(
        store
            .partners_page(&f, &active, PageRequest::default())
            .await
            .expect("q")
    )
    .is_empty());
    let page = store
        .partners_page(
            &DirectoryFilter::default(),
            &active,
            PageRequest {
                page: 2,
                per_page: 2,
            },
        )
        .await
        .expect("q");
    assert_eq!((page.total, page.total_pages, page.items.len()), (3, 2, 1));
    let full = store
        .partner_by_slug("alpha-hosting")
        .await
        .expect("q")
        .expect("found");
    assert_eq!(full.profile.services, vec![Service::Hosting]);
    assert_eq!(full.profile.countries, vec!["FR"]);
}

async fn duplicate_slug_is_a_field_error_and_changes_nothing(store: Store) {
    store
        .create_partner(
            &profile("Alpha", "FR", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("a");
    let before = store
        .audit_page(&AuditFilter::default(), PageRequest::default())
        .await
        .expect("audit")
        .total;
    let err = store
        .create_partner(
            &profile("Alpha", "US", "training"),
            PartnerStatus::Active,
            &admin(),
        )
        .await;
    assert!(
        matches!(err, Err(StoreError::Invalid(ref e)) if e.get("slug") == Some("slug-taken")),
        "{err:?}"
    );
    let after = store
        .audit_page(&AuditFilter::default(), PageRequest::default())
        .await
        .expect("audit")
        .total;
    assert_eq!(before, after, "a failed write must leave no audit entry");
    assert_eq!(store.all_partners().await.expect("all").len(), 1);
}

async fn import_is_all_or_nothing(store: Store) {
    store
        .create_partner(
            &profile("Alpha", "FR", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("a");
    let mut renamed = profile("Alpha", "DE", "training");
    renamed.name = "Alpha GmbH".into();
    let rows = vec![
        ImportRow {
            profile: renamed,
            status: PartnerStatus::Active,
        },
        ImportRow {
            profile: profile("Zulu", "JP", "consulting"),
            status: PartnerStatus::Active,
        },
    ];
    assert_eq!(
        store
            .import_partners(&rows, &admin())
            .await
            .expect("import"),
        (1, 1)
    );
    let a = store
        .partner_by_slug("alpha")
        .await
        .expect("q")
        .expect("alpha");
    assert_eq!(
        (a.profile.name.as_str(), a.profile.hq_country.as_str()),
        ("Alpha GmbH", "DE")
    );
    let suspended = vec![ImportRow {
        profile: a.profile.clone(),
        status: PartnerStatus::Suspended,
    }];
    store
        .import_partners(&suspended, &admin())
        .await
        .expect("import");
    let h = store.status_history(a.id).await.expect("history");
    assert_eq!(
        (h.len(), h[1].to, h[1].reason.as_str()),
        (2, PartnerStatus::Suspended, "Imported from CSV")
    );
    // The third row repeats a slug of the file: the rows before it were already written inside the
    // transaction, and must all roll back.
    let rows = vec![
        ImportRow {
            profile: profile("Yankee", "JP", "consulting"),
            status: PartnerStatus::Active,
        },
        ImportRow {
            profile: profile("X-ray", "JP", "consulting"),
            status: PartnerStatus::Active,
        },
        ImportRow {
            profile: profile("Yankee", "KR", "consulting"),
            status: PartnerStatus::Active,
        },
    ];
    let err = store.import_partners(&rows, &admin()).await;
    assert!(
        matches!(err, Err(StoreError::Invalid(ref e)) if e.get("slug") == Some("slug-duplicate")),
        "{err:?}"
    );
    assert!(
        store.partner_by_slug("yankee").await.expect("q").is_none(),
        "a failed import must import nothing"
    );
    assert!(
        store.partner_by_slug("x-ray").await.expect("q").is_none(),
        "a failed import must import nothing"
    );
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

async fn sessions_expire_and_tokens_are_single_use(store: Store) {
    let email = Email::parse("bob@example.org").expect("email");
    let p = store
        .create_person(&email, "Bob", None, &[], &Who::system())
        .await
        .expect("person");
    store
        .create_session(
            "s-live",
            p.id,
            "2999-01-01T00:00:00.000Z",
            chrono::Utc::now(),
        )
        .await
        .expect("session");
    store
        .create_session(
            "s-dead",
            p.id,
            "2000-01-01T00:00:00.000Z",
            chrono::Utc::now(),
        )
        .await
        .expect("session");
    assert_eq!(
        store
            .session("s-live", chrono::Utc::now())
            .await
            .expect("q")
            .map(|s| s.person_id),
        Some(p.id)
    );
    assert!(store
        .session("s-dead", chrono::Utc::now())
        .await
        .expect("q")
        .is_none());
    let notice = (
        "tokens revoked".to_string(),
        "Your API tokens were revoked.".to_string(),
    );
    store
        .create_one_time_token(
            TokenPurpose::PasswordReset,
            p.id,
            "t1",
            "2999-01-01T00:00:00.000Z",
        )
        .await
        .expect("token");
    store
        .create_one_time_token(
            TokenPurpose::PasswordReset,
            p.id,
            "t2",
            "2999-01-01T00:00:00.000Z",
        )
        .await
        .expect("token");
    assert!(
        store
            .redeem_token_set_password(TokenPurpose::Invitation, "t1", "h", &notice)
            .await
            .is_err(),
        "purpose must match"
    );
    assert_eq!(
        store
            .redeem_token_set_password(TokenPurpose::PasswordReset, "t1", "newhash", &notice)
            .await
            .expect("redeem")
            .person_id,
        p.id
    );
    assert!(
        store
            .redeem_token_set_password(TokenPurpose::PasswordReset, "t1", "again", &notice)
            .await
            .is_err(),
        "single use"
    );
    assert!(
        store
            .redeem_token_set_password(TokenPurpose::PasswordReset, "t2", "again", &notice)
            .await
            .is_err(),
        "siblings die too"
    );
    assert!(
        store
            .session("s-live", chrono::Utc::now())
            .await
            .expect("q")
            .is_none(),
        "a password reset ends every session"
    );
    assert_eq!(
        store
            .person(p.id)
            .await
            .expect("q")
            .expect("p")
            .password_hash
            .as_deref(),
        Some("newhash")
    );
    let future = "2999-01-01T00:00:00.000Z";
    let tid = store
        .create_api_token(p.id, "ci", "api-hash", "agora_ab", future, &Who::system())
        .await
        .expect("token");
    assert_eq!(
        store
            .api_token_person("api-hash")
            .await
            .expect("q")
            .map(|o| (o.token_id, o.person_id)),
        Some((tid, p.id))
    );
    store
        .revoke_api_token(tid, p.id, &Who::system())
        .await
        .expect("revoke");
    assert_eq!(store.api_token_person("api-hash").await.expect("q"), None);
    // An expired token is refused, and still listed (as expired) until revoked.
    store
        .create_api_token(
            p.id,
            "old",
            "old-hash",
            "agora_cd",
            "2020-01-01T00:00:00.000Z",
            &Who::system(),
        )
        .await
        .expect("token");
    assert_eq!(store.api_token_person("old-hash").await.expect("q"), None);
    let listed = store.api_tokens(p.id).await.expect("list");
    assert!(listed.iter().any(|t| t.name == "old" && t.is_expired()));
    // A password reset revokes every token and tells the person.
    store
        .create_api_token(
            p.id,
            "live",
            "live-hash",
            "agora_ef",
            future,
            &Who::system(),
        )
        .await
        .expect("token");
    store
        .create_one_time_token(TokenPurpose::PasswordReset, p.id, "t3", future)
        .await
        .expect("token");
    let r = store
        .redeem_token_set_password(TokenPurpose::PasswordReset, "t3", "h3", &notice)
        .await
        .expect("redeem");
    assert_eq!(r.tokens_revoked, 2);
    assert_eq!(store.api_token_person("live-hash").await.expect("q"), None);
    assert!(store.api_tokens(p.id).await.expect("list").is_empty());
    let mail = store.outbox_recent(1).await.expect("outbox");
    assert_eq!(mail[0].subject, "tokens revoked");
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
    let map = agora_domain::geo::RegionMap::new(vec![
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

fn lead_input(email: &str, org: &str, country: &str) -> agora_domain::leads::NewLead {
    agora_domain::leads::LeadInput {
        organization: org.into(),
        contact_name: "Ana Souza".into(),
        email: email.into(),
        country: country.into(),
        segment: "corporate".into(),
        languages: vec!["en".into()],
        services: vec!["hosting".into()],
        message: "We need a platform.".into(),
        consent: true,
        ..Default::default()
    }
    .parse(&RegionMap::default_map())
    .expect("valid lead")
}

fn t(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("test")
        .with_timezone(&chrono::Utc)
}

fn submission(
    lead: agora_domain::leads::NewLead,
    key: Option<&str>,
    at: &str,
) -> agora_store::Submission {
    agora_store::Submission {
        lead,
        source: "api",
        idempotency_key: key.map(str::to_string),
        received_at: t(at),
        confirmation: None,
    }
}

async fn active_partner(store: &Store, name: &str, country: &str) -> i64 {
    store
        .create_partner(
            &profile(name, country, "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("test")
        .id
}

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
            assert_eq!(e.get("idempotency_key"), Some("idempotency-conflict"))
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
    let total = |m: agora_domain::leads::Metric| -> u64 {
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
        "queued"
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
    assert_eq!(offers[0].due_at, "2026-11-03T10:00:00.000Z");
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
    assert_eq!(b.status, "withdrawn");
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

// ---- Governance --------------------------------------------------------------------------------------

use agora_domain::governance::{
    parse_decision, BodyKind, DecisionInput, DecisionKind, DecisionStatus, Ruling, Stance,
    Visibility, VoteChoice, VoterKey,
};
use agora_store::{BallotChoice, Body, NewBody};

async fn member(store: &Store, email: &str, grants: &[Grant]) -> (i64, Who) {
    let p = store
        .create_person(
            &Email::parse(email).expect("test"),
            email.split('@').next().unwrap_or(email),
            Some("$argon2id$test"),
            grants,
            &admin(),
        )
        .await
        .expect("test");
    (p.id, Who::person(p.id, email))
}

/// A group with a facilitator and `n` members.
async fn group(store: &Store, slug: &str, n: usize) -> (Body, Vec<(i64, Who)>) {
    let body = store
        .create_body(
            &NewBody {
                slug: slug.into(),
                name: format!("{slug} group"),
                description: String::new(),
                visibility: Visibility::Members,
                min_close_hours: 24,
            },
            &admin(),
        )
        .await
        .expect("test");
    let mut people = vec![
        member(
            store,
            &format!("facilitator@{slug}.example"),
            &[Grant {
                role: Role::Facilitator,
                scope_id: Some(body.id),
            }],
        )
        .await,
    ];
    for i in 0..n {
        people.push(
            member(
                store,
                &format!("m{i}@{slug}.example"),
                &[Grant {
                    role: Role::GroupMember,
                    scope_id: Some(body.id),
                }],
            )
            .await,
        );
    }
    (body, people)
}

fn proposal(kind: &str) -> DecisionInput {
    DecisionInput {
        title: "Adopt the case-study requirement".into(),
        text: "Each partner publishes one case study a year.".into(),
        kind: kind.into(),
        close_hours: Some("72".into()),
        ..DecisionInput::default()
    }
}

async fn open(store: &Store, body: &Body, input: &DecisionInput, who: &Who, at: &str) -> i64 {
    let new = parse_decision(input, body.kind, body.min_close_hours).expect("valid proposal");
    store
        .open_decision(body, &new, who, t(at))
        .await
        .expect("opens")
}

fn code(e: StoreError) -> &'static str {
    match e {
        StoreError::Invalid(v) => v.errors[0].code,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

async fn lazy_consensus_is_accepted_at_the_close_unless_contested(store: Store) {
    let (body, people) = group(&store, "marketing", 3).await;
    let (fac, m1, m2) = (&people[0], &people[1], &people[2]);
    let id = open(
        &store,
        &body,
        &proposal("lazy-consensus"),
        &fac.1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    assert_eq!(store.electorate(id).await.expect("test").len(), 4);

    let e = store
        .set_stance(
            id,
            VoterKey::Person(m1.0),
            Stance::Object,
            " ",
            &m1.1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect_err("an objection needs a reason");
    assert_eq!(code(e), "objection-reason-required");
    let status = store
        .set_stance(
            id,
            VoterKey::Person(m1.0),
            Stance::Object,
            "Too much for small partners",
            &m1.1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("objects");
    assert_eq!(status, DecisionStatus::Contested);
    store
        .set_stance(
            id,
            VoterKey::Person(m2.0),
            Stance::Support,
            "",
            &m2.1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("supports");

    // The clock does not accept a contested proposal.
    store
        .run_governance_jobs(t("2026-11-05T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(id).await.expect("test").status,
        DecisionStatus::Contested
    );

    // A revision restarts the clock and positions; the old version stays readable.
    store
        .revise(
            id,
            &agora_domain::governance::Revision::parse(
                "Adopt the case-study requirement (v2)",
                "One case study, or an anonymous one.",
            )
            .expect("valid"),
            &fac.1,
            t("2026-11-05T11:00:00Z"),
        )
        .await
        .expect("revises");
    let d = store.decision(id).await.expect("test");
    assert_eq!((d.version, d.status), (2, DecisionStatus::Open));
    assert!(store.stances(id, 2).await.expect("test").is_empty());
    assert_eq!(store.stances(id, 1).await.expect("test").len(), 2);
    assert_eq!(store.versions(id).await.expect("test").len(), 2);
    assert!(store
        .electorate(id)
        .await
        .expect("test")
        .iter()
        .all(|e| e.participated_at.is_none()));

    // Not before the new close; then accepted automatically, once, into the register.
    let r = store
        .run_governance_jobs(t("2026-11-08T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.accepted, 0);
    let r = store
        .run_governance_jobs(t("2026-11-08T11:00:01Z"))
        .await
        .expect("jobs");
    assert_eq!(r.accepted, 1);
    let r = store
        .run_governance_jobs(t("2026-11-08T11:05:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.accepted, 0, "accepted once");
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Decided);
    assert!(d.outcome.expect("statement").contains("version 2"));
    let register = store
        .decisions(&[body.id], true, PageRequest::default())
        .await
        .expect("test");
    assert_eq!(register.items.len(), 1);
    // Nobody may take part after the decision.
    let e = store
        .set_stance(
            id,
            VoterKey::Person(m2.0),
            Stance::Object,
            "late",
            &m2.1,
            t("2026-11-08T12:00:00Z"),
        )
        .await
        .expect_err("closed");
    assert_eq!(code(e), "decision-closed");
}

async fn escalation_ends_with_the_moderators_ruling(store: Store) {
    let (body, people) = group(&store, "bizdev", 2).await;
    let (_, moderator) = member(
        &store,
        "moderator@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let id = open(
        &store,
        &body,
        &proposal("lazy-consensus"),
        &people[1].1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    let e = store
        .escalate(id, &people[2].1, t("2026-11-01T11:00:00Z"))
        .await
        .expect_err("nothing to escalate");
    assert_eq!(code(e), "invalid-transition");
    store
        .set_stance(
            id,
            VoterKey::Person(people[2].0),
            Stance::Object,
            "Conflicts with the charter",
            &people[2].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("objects");
    // The moderator is told in the language they chose.
    let fr = store
        .person_by_email("moderator@foundation.example")
        .await
        .expect("test")
        .expect("moderator");
    store
        .set_language(fr.id, Some("fr"), &moderator)
        .await
        .expect("language");
    store
        .escalate(id, &people[2].1, t("2026-11-01T12:00:00Z"))
        .await
        .expect("escalates");
    assert_eq!(
        store.decision(id).await.expect("test").status,
        DecisionStatus::Escalated
    );
    let outbox = store.outbox_recent(50).await.expect("test");
    let told = outbox
        .iter()
        .find(|m| m.to_address == "moderator@foundation.example")
        .expect("moderator told");
    assert_eq!(told.subject, "[fr] email-decision-escalated");
    assert!(told.body.contains("title="), "{}", told.body);
    assert!(told.body.contains(&format!("link={{site}}/decisions/{id}")));
    let e = store
        .rule(
            id,
            Ruling::Reject,
            "  ",
            &moderator,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect_err("reasoning");
    assert_eq!(code(e), "required");
    store
        .rule(
            id,
            Ruling::Reject,
            "The charter requires a vote for this.",
            &moderator,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect("rules");
    let d = store.decision(id).await.expect("test");
    assert_eq!(
        (d.status, d.ruling.as_deref()),
        (DecisionStatus::Decided, Some("reject"))
    );
    assert_eq!(
        d.outcome.as_deref(),
        Some("The charter requires a vote for this.")
    );
    let e = store
        .withdraw(id, &people[1].1, t("2026-11-02T11:00:00Z"))
        .await
        .expect_err("final");
    assert_eq!(code(e), "decision-final");
}

async fn yes_no_vote_freezes_its_electorate_and_reminds_only_the_undecided(store: Store) {
    let (body, people) = group(&store, "core", 3).await;
    let mut input = proposal("yes-no");
    input.quorum_percent = Some("50".into());
    let id = open(&store, &body, &input, &people[0].1, "2026-11-01T10:00:00Z").await;
    // Someone who joins after the opening is not in the electorate.
    let (late, _) = member(
        &store,
        "late@core.example",
        &[Grant {
            role: Role::GroupMember,
            scope_id: Some(body.id),
        }],
    )
    .await;
    assert!(store.voter_keys(id, late).await.expect("test").is_empty());
    assert_eq!(
        store.voter_keys(id, people[1].0).await.expect("test"),
        vec![VoterKey::Person(people[1].0)]
    );

    let yes = BallotChoice::YesNo(VoteChoice::Yes);
    let no = BallotChoice::YesNo(VoteChoice::No);
    let r1 = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &no,
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    let r2 = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &yes,
            None,
            &people[1].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("changes");
    assert_eq!(r1, r2, "a changed open ballot keeps its receipt");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[2].0),
            &yes,
            None,
            &people[2].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("votes");
    let e = store
        .cast_ballot(
            id,
            VoterKey::Person(late),
            &yes,
            None,
            &Who::person(late, "late@core.example"),
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect_err("not an elector");
    assert_eq!(code(e), "not-in-electorate");
    let d = store.decision(id).await.expect("test");
    assert!(
        store.results(&d).await.expect("test").is_none(),
        "hidden until the close"
    );

    // 23 hours before the close: one reminder each to the two undecided, and only once.
    let before = store.outbox_recent(500).await.expect("test").len();
    let r = store
        .run_governance_jobs(t("2026-11-03T11:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.reminded, 2);
    let sent: Vec<String> = store.outbox_recent(500).await.expect("test")[..2]
        .iter()
        .map(|m| m.to_address.clone())
        .collect();
    assert!(
        sent.iter()
            .all(|a| a == "facilitator@core.example" || a == "m2@core.example"),
        "{sent:?}"
    );
    assert_eq!(
        store.outbox_recent(500).await.expect("test").len(),
        before + 2
    );
    assert_eq!(
        store
            .run_governance_jobs(t("2026-11-03T12:00:00Z"))
            .await
            .expect("jobs")
            .reminded,
        0
    );

    let r = store
        .run_governance_jobs(t("2026-11-04T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.closed, 1);
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Closed);
    let e = store
        .cast_ballot(
            id,
            VoterKey::Person(people[3].0),
            &no,
            None,
            &people[3].1,
            t("2026-11-04T10:00:01Z"),
        )
        .await
        .expect_err("after the close");
    assert_eq!(code(e), "decision-closed");
    match store.results(&d).await.expect("test").expect("counted") {
        agora_store::VoteResult::YesNo(y) => {
            assert_eq!(
                (y.yes, y.no, y.electorate, y.quorum_met, y.passed),
                (2, 0, 4, true, true)
            );
        }
        other => panic!("{other:?}"),
    }
    let csv = store.ballots_csv(&d, "agora test").await.expect("csv");
    assert!(csv.contains(&format!("{r1},yes")), "{csv}");
    // The outcome statement enters it in the register.
    let e = store
        .take_decision(id, "", None, &people[0].1, t("2026-11-04T11:00:00Z"))
        .await
        .expect_err("statement");
    assert_eq!(code(e), "required");
    store
        .take_decision(
            id,
            "Adopted: one case study a year.",
            Some("2027-11-01"),
            &people[0].1,
            t("2026-11-04T11:00:00Z"),
        )
        .await
        .expect("takes");
    assert_eq!(
        store.decision(id).await.expect("test").status,
        DecisionStatus::Decided
    );
    // The review date raises one reminder.
    assert!(
        store
            .run_governance_jobs(t("2027-11-01T08:00:00Z"))
            .await
            .expect("jobs")
            .review_reminders
            >= 1
    );
    assert_eq!(
        store
            .run_governance_jobs(t("2027-11-02T08:00:00Z"))
            .await
            .expect("jobs")
            .review_reminders,
        0
    );
}

async fn secret_ballots_change_only_for_their_voter_and_are_stored_out_of_casting_order(
    store: Store,
) {
    let (body, people) = group(&store, "jury", 6).await;
    let mut input = proposal("yes-no");
    input.secret = true;
    let id = open(&store, &body, &input, &people[0].1, "2026-11-01T10:00:00Z").await;
    let vote = |i: usize, choice: VoteChoice, receipt: Option<String>| {
        let store = store.clone();
        let (pid, who) = people[i].clone();
        async move {
            store
                .cast_ballot(
                    id,
                    VoterKey::Person(pid),
                    &BallotChoice::YesNo(choice),
                    receipt.as_deref(),
                    &who,
                    t("2026-11-01T11:00:00Z"),
                )
                .await
        }
    };
    let mut receipts = vec![];
    for i in 0..people.len() {
        receipts.push(vote(i, VoteChoice::Yes, None).await.expect("votes"));
    }
    // Another elector holding someone's receipt cannot change that ballot, in any spelling.
    for r in [receipts[1].clone(), receipts[1].to_lowercase()] {
        let e = vote(2, VoteChoice::No, Some(r))
            .await
            .expect_err("not theirs");
        assert_eq!(code(e), "unknown-receipt");
    }
    let e = vote(2, VoteChoice::No, Some("0000000000AA".into()))
        .await
        .expect_err("no such receipt");
    assert_eq!(code(e), "unknown-receipt");
    // The voter who was given the receipt can.
    vote(1, VoteChoice::No, Some(receipts[1].clone()))
        .await
        .expect("own receipt");
    // Participation shows who took part, never when.
    let electorate = store.electorate(id).await.expect("test");
    assert!(electorate
        .iter()
        .all(|e| e.participated && e.participated_at.is_none()));
    assert_eq!(store.ballot_locks_held(id).await.expect("test"), 7);
    // Nothing is published while the vote is open, whatever the decision says about results.
    let d = store.decision(id).await.expect("test");
    assert!(store.ballots(&d).await.expect("test").is_empty());
    assert!(store.results(&d).await.expect("test").is_none());

    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("jobs");
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Closed);
    assert_eq!(
        store.ballot_locks_held(id).await.expect("test"),
        0,
        "the close forgets which elector holds which receipt"
    );
    let published = store.ballots(&d).await.expect("test");
    let changed: Vec<_> = published.iter().filter(|b| b.choice == ["no"]).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].receipt, receipts[1]);
    // The rows are kept in receipt order (the database's own), not in the order they were cast.
    let by_receipt: Vec<String> = published.iter().map(|b| b.receipt.clone()).collect();
    assert_eq!(
        store.ballots_in_storage_order(id).await.expect("test"),
        by_receipt
    );
}

async fn secret_ranked_ballots_are_detached_and_recount_from_the_file(store: Store) {
    use agora_domain::tally;
    let (body, people) = group(&store, "panel", 3).await;
    let mut input = proposal("ranked");
    input.secret = true;
    input.method = Some("irv".into());
    input.options = Some("20% of acquired clients\nA fixed amount (X = 1)\nNo requirement".into());
    let id = open(&store, &body, &input, &people[0].1, "2026-11-01T10:00:00Z").await;
    let rank =
        |names: &[&str]| BallotChoice::Ranking(names.iter().map(|s| s.to_string()).collect());
    let bad = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["Nothing"]),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect_err("unknown option");
    assert_eq!(code(bad), "ballot-unknown-option");
    let bad = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["No requirement", "No requirement"]),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect_err("twice");
    assert_eq!(code(bad), "ballot-duplicate-option");
    assert!(
        store
            .electorate(id)
            .await
            .expect("test")
            .iter()
            .all(|e| !e.participated),
        "a refused ballot changes nothing"
    );

    let r1 = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["No requirement", "A fixed amount (X = 1)"]),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[2].0),
            &rank(&["20% of acquired clients"]),
            None,
            &people[2].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[3].0),
            &rank(&["A fixed amount (X = 1)", "20% of acquired clients"]),
            None,
            &people[3].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[0].0),
            &rank(&["A fixed amount (X = 1)"]),
            None,
            &people[0].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    // Changing a secret ballot takes its receipt.
    let e = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["A fixed amount (X = 1)"]),
            None,
            &people[1].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect_err("receipt");
    assert_eq!(code(e), "receipt-required");
    let again = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["No requirement", "A fixed amount (X = 1)"]),
            Some(&r1.to_lowercase()),
            &people[1].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("changes");
    assert_eq!(again, r1);

    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("jobs");
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Closed);
    let ballots = store.ballots(&d).await.expect("test");
    assert_eq!(ballots.len(), 4);
    assert!(
        ballots.iter().all(|b| b.voter.is_none()),
        "secret ballots carry no voter"
    );
    assert!(ballots
        .iter()
        .any(|b| b.receipt == r1 && b.choice == ["No requirement", "A fixed amount (X = 1)"]));
    let seed = d.revealed_seed().expect("revealed at the close");
    assert_eq!(tally::seed_commitment(seed), d.seed_sha256);

    let live = match store.results(&d).await.expect("test").expect("counted") {
        agora_store::VoteResult::Ranked(t) => t,
        other => panic!("{other:?}"),
    };
    let file = tally::parse_ballots_csv(&store.ballots_csv(&d, "agora test").await.expect("csv"))
        .expect("parses");
    let recount = tally::tally(tally::Method::Irv, &file.ballots, &file.meta.tie_break());
    assert_eq!(
        recount, live,
        "the published file recounts to the site's result"
    );
    assert_eq!(
        live.outcome().last_line(d.options()),
        "winner: A fixed amount (X = 1)"
    );
}

async fn partner_decisions_wait_for_the_assembly_consultation(store: Store) {
    let (body, people) = group(&store, "mwg", 1).await;
    let assembly = store
        .body("partner-assembly")
        .await
        .expect("test")
        .expect("seeded");
    assert_eq!(assembly.kind, BodyKind::PartnerAssembly);
    let (_, foundation) = member(
        &store,
        "staff@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let acme = active_partner(&store, "Acme Learning", "FR").await;
    let (delegate, delegate_who) = member(
        &store,
        "delegate@acme.example",
        &[Grant {
            role: Role::PartnerMember,
            scope_id: Some(acme),
        }],
    )
    .await;
    let e = store
        .set_delegates(acme, Some(people[1].0), None, &admin())
        .await
        .expect_err("not staff");
    assert_eq!(code(e), "not-partner-staff");
    store
        .set_delegates(acme, Some(delegate), None, &admin())
        .await
        .expect("designates");

    let mut c = proposal("consultation");
    c.title = "Partner obligations for 2027".into();
    let cid = open(&store, &assembly, &c, &foundation, "2026-11-01T10:00:00Z").await;
    assert_eq!(
        store
            .electorate(cid)
            .await
            .expect("test")
            .iter()
            .map(|e| e.voter_key.clone())
            .collect::<Vec<_>>(),
        vec![format!("partner:{acme}")]
    );
    assert_eq!(
        store.voter_keys(cid, delegate).await.expect("test"),
        vec![VoterKey::Partner(acme)]
    );
    let comment = store
        .comment(
            cid,
            None,
            "Two case studies is too many for us.",
            &delegate_who,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect("comments");
    store
        .comment(
            cid,
            Some(comment),
            "Agreed.",
            &delegate_who,
            t("2026-11-02T11:00:00Z"),
        )
        .await
        .expect("replies");

    let mut d = proposal("lazy-consensus");
    d.affects_partners = true;
    d.consultation_id = Some(cid.to_string());
    let did = open(&store, &body, &d, &people[0].1, "2026-11-01T10:00:00Z").await;
    // The proposal's close passes while the consultation is open: it waits, open.
    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(did).await.expect("test").status,
        DecisionStatus::Open
    );
    let consultation = store.decision(cid).await.expect("test");
    assert_eq!(consultation.status, DecisionStatus::Closed);
    let e = store
        .take_decision(
            cid,
            "Obligations set at one of each.",
            None,
            &foundation,
            t("2026-11-04T11:00:00Z"),
        )
        .await
        .expect_err("unanswered");
    assert_eq!(code(e), "comments-unanswered");
    for cm in store.comments(cid).await.expect("test") {
        store
            .respond(
                cid,
                cm.id,
                "Lowered to one case study a year.",
                &foundation,
                t("2026-11-04T11:00:00Z"),
            )
            .await
            .expect("responds");
    }
    store
        .take_decision(
            cid,
            "Obligations set at one of each.",
            None,
            &foundation,
            t("2026-11-04T12:00:00Z"),
        )
        .await
        .expect("takes");
    store
        .run_governance_jobs(t("2026-11-04T12:00:01Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(did).await.expect("test").status,
        DecisionStatus::Decided
    );
    assert_eq!(
        store.decision(did).await.expect("test").kind,
        DecisionKind::LazyConsensus
    );
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
    let due = store
        .outbox_due(&agora_store::format_time(now), 10)
        .await
        .expect("test");
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
        .outbox_due(
            &agora_store::format_time(now + chrono::Duration::seconds(9)),
            10
        )
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
    let later = agora_store::format_time(now + chrono::Duration::seconds(31));
    assert_eq!(store.outbox_due(&later, 10).await.expect("test").len(), 1);
    store
        .outbox_mark_sent(due[0].id, &later)
        .await
        .expect("test");
    assert!(store.outbox_due(&later, 10).await.expect("test").is_empty());
    assert_eq!(store.outbox_backlog().await.expect("test"), (0, 0));
}

fn metric_count(
    c: &agora_store::ReportCounts,
    partner: i64,
    m: agora_domain::leads::Metric,
) -> u64 {
    c.counts
        .iter()
        .filter(|(_, p, metric, bucket, _)| *p == partner && *metric == m && *bucket < 0)
        .map(|(.., n)| *n)
        .sum()
}

async fn partner_person(store: &Store, email: &str, partner_id: i64) {
    store
        .create_person(
            &agora_domain::person::Email::parse(email).expect("email"),
            "Partner Person",
            None,
            &[agora_domain::permissions::Grant {
                role: agora_domain::permissions::Role::PartnerAdmin,
                scope_id: Some(partner_id),
            }],
            &admin(),
        )
        .await
        .expect("person");
}

async fn emails_to(store: &Store, to: &str) -> Vec<agora_store::OutboxMessage> {
    store
        .outbox_recent(100)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.to_address == to)
        .collect()
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
        "queued"
    );
    assert_eq!(
        store
            .lead(pool_id)
            .await
            .expect("test")
            .expect("test")
            .status,
        "offered"
    );
    // Only listed partners can be asked directly.
    let mut unknown = lead_input("x@x.example", "X", "FR");
    unknown.partner = Some("nobody-here".into());
    let r = store
        .submit_leads(&[submission(unknown, None, "2026-11-02T09:05:00Z")])
        .await
        .expect("test");
    match &r[0] {
        Err(agora_store::StoreError::Invalid(e)) => {
            assert_eq!(e.get("partner"), Some("unknown-partner"))
        }
        other => panic!("{other:?}"),
    }
}

async fn admins_offer_queued_leads_by_hand_and_close_leads_with_a_reason(store: Store) {
    use agora_domain::leads::{CloseReason, LeadStatus, Metric};
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
        "queued"
    );
    let invalid = |r: agora_store::Result<agora_store::Offer>, field: &str| match r {
        Err(agora_store::StoreError::Invalid(e)) => e.get(field).map(str::to_string),
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
        "offered"
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
        (lead.status.as_str(), lead.closed_note.as_str()),
        ("spam", "Advertising for pills")
    );
    assert_eq!(
        store.lead_offers(id).await.expect("test")[0].status,
        agora_domain::leads::OfferStatus::Withdrawn
    );
    let told = emails_to(&store, "pa@gamma.example").await;
    assert_eq!(told.len(), 2);
    assert!(told
        .iter()
        .any(|m| m.subject == "[-] email-lead-closed" && m.body == format!("lead={id}")));
    match store
        .close_lead(id, (CloseReason::Duplicate, ""), now, &admin())
        .await
    {
        Err(agora_store::StoreError::Invalid(e)) => {
            assert_eq!(e.get("status"), Some("invalid-transition"))
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
    use agora_domain::leads::{LeadStatus, OfferStatus};
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
        Err(agora_store::StoreError::Invalid(_))
    ));
    assert!(matches!(
        store.withdraw_by_requester("nope", now).await,
        Err(agora_store::StoreError::NotFound)
    ));
    // Erasure ends the link.
    store
        .erase_person_leads("ana@univ.example", &admin())
        .await
        .expect("erase");
    assert_eq!(store.requester_status("hash-1").await.expect("test"), None);
}

async fn a_persons_language_is_stored_and_audited(store: Store) {
    let email = Email::parse("Lea@example.org").expect("email");
    let p = store
        .create_person(&email, "Léa", Some("hash"), &[], &Who::system())
        .await
        .expect("create");
    assert_eq!(p.language, None);
    assert_eq!(
        store
            .language_of("lea@example.org")
            .await
            .expect("language"),
        None
    );
    let who = Who::person(p.id, "lea@example.org");
    store
        .set_language(p.id, Some("fr"), &who)
        .await
        .expect("set");
    let p = store.person(p.id).await.expect("read").expect("person");
    assert_eq!(p.language.as_deref(), Some("fr"));
    assert_eq!(
        store
            .language_of(" LEA@example.org")
            .await
            .expect("language")
            .as_deref(),
        Some("fr")
    );
    // Choosing the same language again changes nothing and writes no audit entry.
    store
        .set_language(p.id, Some("fr"), &who)
        .await
        .expect("same");
    store.set_language(p.id, None, &who).await.expect("unset");
    assert_eq!(
        store
            .person(p.id)
            .await
            .expect("read")
            .expect("person")
            .language,
        None
    );
    let entries = store
        .audit_page(
            &AuditFilter {
                action: Some("person.language".into()),
                ..AuditFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .expect("audit");
    let changes: Vec<(serde_json::Value, serde_json::Value)> = entries
        .items
        .iter()
        .map(|e| {
            let json = |s: &Option<String>| -> serde_json::Value {
                serde_json::from_str(s.as_deref().expect("recorded")).expect("json")
            };
            (json(&e.before), json(&e.after))
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                serde_json::json!({"language": "fr"}),
                serde_json::json!({"language": null})
            ),
            (
                serde_json::json!({"language": null}),
                serde_json::json!({"language": "fr"})
            ),
        ]
    );
    assert!(matches!(
        store.set_language(9999, Some("fr"), &who).await,
        Err(StoreError::NotFound)
    ));
}

// ---- What needs a person -----------------------------------------------------------------------

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
    assert_eq!(agora_store::format_time(w.due_at), offer.due_at);
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

async fn pending_decisions_follow_participation_and_facilitation(store: Store) {
    let (body, people) = group(&store, "tasks", 2).await;
    let (fac, m1, m2) = (&people[0], &people[1], &people[2]);
    let opened = "2026-11-01T10:00:00Z";
    let vote = open(&store, &body, &proposal("yes-no"), &fac.1, opened).await;
    let mut input = proposal("lazy-consensus");
    input.title = "Meet monthly".into();
    input.close_hours = Some("96".into());
    let lazy = open(&store, &body, &input, &m1.1, opened).await;
    let at = t("2026-11-01T11:00:00Z");

    let pending = store.awaiting_participation(m2.0, at).await.expect("test");
    let ids: Vec<i64> = pending.iter().map(|d| d.id).collect();
    assert_eq!(ids, [vote, lazy], "soonest close first");
    assert_eq!(
        pending[0].voter.as_ref().map(|v| v.0),
        Some(VoterKey::Person(m2.0))
    );
    assert_eq!(pending[0].closes_at, t("2026-11-04T10:00:00Z"));
    assert_eq!(pending[1].kind, DecisionKind::LazyConsensus);

    store
        .cast_ballot(
            vote,
            VoterKey::Person(m2.0),
            &BallotChoice::YesNo(VoteChoice::Yes),
            None,
            &m2.1,
            at,
        )
        .await
        .expect("test");
    store
        .set_stance(
            lazy,
            VoterKey::Person(m2.0),
            Stance::Object,
            "Too often",
            &m2.1,
            at,
        )
        .await
        .expect("test");
    assert!(store
        .awaiting_participation(m2.0, at)
        .await
        .expect("test")
        .is_empty());
    // The objection contests it: the facilitators' turn.
    let attending = store.awaiting_facilitation(&[body.id]).await.expect("test");
    assert_eq!(attending.len(), 1);
    assert_eq!(
        (attending[0].id, attending[0].status),
        (lazy, DecisionStatus::Contested)
    );
    assert!(attending[0].voter.is_none());
    let own = store.contested_proposals_of(m1.0).await.expect("test");
    assert_eq!(own.iter().map(|d| d.id).collect::<Vec<_>>(), [lazy]);
    assert!(store
        .contested_proposals_of(m2.0)
        .await
        .expect("test")
        .is_empty());
    assert!(store
        .awaiting_facilitation(&[])
        .await
        .expect("test")
        .is_empty());
    // A revision asks again.
    store
        .revise(
            lazy,
            &agora_domain::governance::Revision::parse("Meet every six weeks", "Every six weeks.")
                .expect("valid"),
            &m1.1,
            at,
        )
        .await
        .expect("test");
    let ids: Vec<i64> = store
        .awaiting_participation(m2.0, at)
        .await
        .expect("test")
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [lazy]);
    assert!(store
        .contested_proposals_of(m1.0)
        .await
        .expect("test")
        .is_empty());
    // Past the close nothing waits for electors; the closed vote waits for its outcome.
    let later = t("2026-11-06T12:00:00Z");
    store.run_governance_jobs(later).await.expect("test");
    assert!(store
        .awaiting_participation(m2.0, later)
        .await
        .expect("test")
        .is_empty());
    let attending = store.awaiting_facilitation(&[body.id]).await.expect("test");
    assert!(attending
        .iter()
        .any(|d| d.id == vote && d.status == DecisionStatus::Closed));

    // In the assembly a partner's admin acts for the partner; a comment is their own.
    let partner = active_partner(&store, "Alpha", "FR").await;
    let (pa, pa_who) = member(
        &store,
        "pa@alpha.example",
        &[Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(partner),
        }],
    )
    .await;
    let assembly = store
        .body("partner-assembly")
        .await
        .expect("test")
        .expect("test");
    let consultation = open(
        &store,
        &assembly,
        &proposal("consultation"),
        &admin(),
        "2026-11-10T10:00:00Z",
    )
    .await;
    let at = t("2026-11-10T11:00:00Z");
    let pending = store.awaiting_participation(pa, at).await.expect("test");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].id, consultation);
    assert_eq!(
        pending[0].voter,
        Some((VoterKey::Partner(partner), "Alpha".to_string()))
    );
    store
        .comment(consultation, None, "Phase it in.", &pa_who, at)
        .await
        .expect("test");
    assert!(store
        .awaiting_participation(pa, at)
        .await
        .expect("test")
        .is_empty());
    store
        .run_governance_jobs(t("2026-11-20T10:00:00Z"))
        .await
        .expect("test");
    let attending = store
        .awaiting_facilitation(&[assembly.id])
        .await
        .expect("test");
    assert_eq!(attending.len(), 1);
    assert_eq!(
        (attending[0].status, attending[0].unanswered),
        (DecisionStatus::Closed, 1)
    );
}
