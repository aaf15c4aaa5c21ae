//! Conformance: People, roles, sessions, one-time tokens, languages.

use super::*;

conformance!(
    people_roles_and_unique_emails,
    sessions_expire_and_tokens_are_single_use,
    a_persons_language_is_stored_and_audited,
    damaged_account_rows_are_errors_naming_table_and_column,
);

async fn damaged_account_rows_are_errors_naming_table_and_column(store: Store) {
    let email = Email::parse("eve@example.org").expect("email");
    let p = store
        .create_person(
            &email,
            "Eve",
            None,
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
            &Who::system(),
        )
        .await
        .expect("person");
    damage(&store, "UPDATE role_grants SET role = 'overlord'").await;
    assert_corrupt(store.grants(p.id).await, "role_grants", "role", "overlord");

    damage(&store, "UPDATE people SET created_at = 'long ago'").await;
    assert_corrupt(store.person(p.id).await, "people", "created_at", "long ago");

    let now = chrono::Utc::now();
    store
        .create_session("s-1", p.id, t("2999-01-01T00:00:00.000Z"), now)
        .await
        .expect("session");
    damage(&store, "UPDATE sessions SET last_seen_at = 'just now'").await;
    assert_corrupt(
        store.session("s-1", now).await,
        "sessions",
        "last_seen_at",
        "just now",
    );

    store
        .create_api_token(
            p.id,
            "ci",
            "hash-1",
            "agora_ab",
            t("2999-01-01T00:00:00.000Z"),
            &Who::system(),
        )
        .await
        .expect("token");
    damage(&store, "UPDATE api_tokens SET last_used_at = 'sometime'").await;
    assert_corrupt(
        store.api_tokens(p.id).await,
        "api_tokens",
        "last_used_at",
        "sometime",
    );

    store
        .queue_email("eve@example.org", "Hello", "Hi")
        .await
        .expect("queue");
    damage(&store, "UPDATE outbox SET created_at = 'today'").await;
    assert_corrupt(
        store.outbox_recent(10).await,
        "outbox",
        "created_at",
        "today",
    );
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
            t("2999-01-01T00:00:00.000Z"),
            chrono::Utc::now(),
        )
        .await
        .expect("session");
    store
        .create_session(
            "s-dead",
            p.id,
            t("2000-01-01T00:00:00.000Z"),
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
            t("2999-01-01T00:00:00.000Z"),
        )
        .await
        .expect("token");
    store
        .create_one_time_token(
            TokenPurpose::PasswordReset,
            p.id,
            "t2",
            t("2999-01-01T00:00:00.000Z"),
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
    let future = t("2999-01-01T00:00:00.000Z");
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
            t("2020-01-01T00:00:00.000Z"),
            &Who::system(),
        )
        .await
        .expect("token");
    assert_eq!(store.api_token_person("old-hash").await.expect("q"), None);
    let listed = store.api_tokens(p.id).await.expect("list");
    assert!(listed
        .iter()
        .any(|t| t.name == "old" && t.is_expired(store.now())));
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
