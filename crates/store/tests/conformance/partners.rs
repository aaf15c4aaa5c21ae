//! Conformance: Applications, the partner life cycle, the directory, CSV import.

use super::*;

conformance!(
    applications_are_private_until_approved,
    approval_invites_the_contact_in_one_transaction,
    status_changes_follow_the_life_cycle_and_keep_history,
    directory_filters_combine,
    duplicate_slug_is_a_field_error_and_changes_nothing,
    import_is_all_or_nothing,
    damaged_partner_rows_are_errors_naming_table_and_column,
);

async fn damaged_partner_rows_are_errors_naming_table_and_column(store: Store) {
    let p = store
        .create_partner(
            &profile("Acme", "FR", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("create");
    let restore = format!(
        "UPDATE partners SET status = 'active', size = '11-50', updated_at = '{}' WHERE id = {}",
        agora_store::format_time(p.updated_at),
        p.id
    );

    damage(&store, "UPDATE partners SET status = 'gone'").await;
    assert_corrupt(store.partner(p.id).await, "partners", "status", "gone");
    assert_corrupt(
        store.count_partners_by_status().await,
        "partners",
        "status",
        "gone",
    );
    damage(&store, &restore).await;

    damage(&store, "UPDATE partners SET size = 'huge'").await;
    assert_corrupt(store.partner(p.id).await, "partners", "size", "huge");
    damage(&store, &restore).await;

    damage(&store, "UPDATE partners SET updated_at = 'yesterday'").await;
    assert_corrupt(
        store.partner(p.id).await,
        "partners",
        "updated_at",
        "yesterday",
    );
    damage(&store, &restore).await;

    damage(
        &store,
        "UPDATE partner_attributes SET value = 'teleportation' WHERE kind = 'service'",
    )
    .await;
    assert_corrupt(
        store.partner(p.id).await,
        "partner_attributes",
        "value",
        "teleportation",
    );

    damage(
        &store,
        "UPDATE partner_status_history SET to_status = 'gone'",
    )
    .await;
    assert_corrupt(
        store.status_history(p.id).await,
        "partner_status_history",
        "to_status",
        "gone",
    );
    damage(
        &store,
        "UPDATE partner_status_history SET to_status = 'active', at = 'soon'",
    )
    .await;
    assert_corrupt(
        store.status_history(p.id).await,
        "partner_status_history",
        "at",
        "soon",
    );
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
