//! Notification preferences over HTTP, on both databases: the defaults (updates in a daily digest),
//! per-group choices through the API and the page, bad input naming the field and changing nothing,
//! the digest sent once when due in the recipient's language, and the one-click unsubscribe link
//! (RFC 8058) that needs no sign-in and no CSRF token but refuses a forged token. Over real SMTP
//! (SQLite): the headers a mail client reads, and a one-click POST to the address they give.

use super::governance::{app_mailing_to, wait_received, SmtpServer};
use super::helpers::{api, mail_to, TestApp};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::notifications::{digest_due_at, Delivery};
use agora_domain::permissions::{Grant, Role};
use agora_store::{NewBody, Who};
use reqwest::Method;
use serde_json::json;
use std::time::Duration;

both_backends!(
    people_choose_how_mail_reaches_them_and_digests_gather_it,
    a_one_click_link_unsubscribes_without_signing_in
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

/// A public group with a facilitator and two members (the first reads Spanish).
async fn group(app: &TestApp) -> (i64, i64, i64) {
    let body = app
        .store
        .create_body(
            &NewBody {
                slug: "mwg".into(),
                name: "Marketing Working Group".into(),
                description: String::new(),
                visibility: Visibility::Public,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body");
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, body.id)])
        .await;
    let ana = app
        .person("ana@example.org", &[grant(Role::GroupMember, body.id)])
        .await;
    app.store
        .set_language(ana, Some("es"), &Who::system())
        .await
        .expect("language");
    app.person("bob@example.org", &[grant(Role::GroupMember, body.id)])
        .await;
    (body.id, fac, ana)
}

async fn post_update(app: &TestApp, token: &str, progress: &str) {
    let (status, body) = api(
        app,
        token,
        Method::POST,
        "/api/v1/groups/mwg/updates",
        Some(json!({"progress": progress, "blockers": "None", "next_steps": "More"})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
}

async fn run_digests(app: &TestApp) {
    let mut jobs = agora_web::jobs::Jobs::default();
    jobs.add(agora_web::notifications::job(
        app.store.clone(),
        agora_web::notifications::DIGESTS_EVERY,
    ));
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
}

async fn people_choose_how_mail_reaches_them_and_digests_gather_it(app: TestApp) {
    let (body_id, fac, ana) = group(&app).await;
    let (fac_t, ana_t) = (app.token(fac).await, app.token(ana).await);

    // By default an update waits for the daily digest: nothing goes out at once.
    post_update(&app, &fac_t, "Webinar planned").await;
    assert!(mail_to(&app, "ana@example.org").await.is_empty());
    assert!(
        mail_to(&app, "fac@example.org").await.is_empty(),
        "the author is not told of their own update"
    );
    let (status, s) = api(&app, &ana_t, Method::GET, "/api/v1/me/notifications", None).await;
    assert_eq!(status, 200);
    let updates = s["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .find(|t| t["topic"] == "updates")
        .expect("updates")
        .clone();
    assert_eq!(updates["delivery"], "daily");
    assert_eq!(updates["default"], true);
    assert_eq!(s["groups"][0]["slug"], "mwg");
    assert!(s["always_sent"]
        .as_array()
        .expect("always")
        .contains(&json!("email-offer-new")));

    // Bad choices name their field and change nothing.
    for (bad, field) in [
        (
            json!([{"topic": "leads", "group": body_id, "delivery": "off"}]),
            format!("leads@{body_id}"),
        ),
        (
            json!([{"topic": "updates", "group": 999_999, "delivery": "off"}]),
            "updates@999999".to_string(),
        ),
        (
            json!([{"topic": "updates", "delivery": "off"}, {"topic": "updates", "delivery": "weekly"}]),
            "updates".to_string(),
        ),
    ] {
        let (status, e) = api(
            &app,
            &ana_t,
            Method::PUT,
            "/api/v1/me/notifications",
            Some(json!({ "preferences": bad })),
        )
        .await;
        assert_eq!(status, 422, "{e}");
        assert!(e.to_string().contains(&field), "{e} names {field}");
    }
    // Bodies that are not a set of choices, or would cost more than any person's choices.
    let many: Vec<serde_json::Value> = (1..=agora_domain::notifications::MAX_CHOICES as i64 + 1)
        .map(|g| json!({"topic": "updates", "group": g, "delivery": "off"}))
        .collect();
    for (bad, field) in [
        (
            json!({"preferences": [{"topic": "gossip", "delivery": "off"}]}),
            "preferences",
        ),
        (json!({}), "preferences"),
        (json!({"preferences": null}), "preferences"),
        (json!([[]]), "preferences"),
        (
            json!({"preferences": [{"topic": "updates", "delivery": "off", "gruop": body_id}]}),
            "gruop",
        ),
        (json!({ "preferences": many }), "preferences"),
    ] {
        let (status, e) = api(
            &app,
            &ana_t,
            Method::PUT,
            "/api/v1/me/notifications",
            Some(bad.clone()),
        )
        .await;
        assert_eq!(status, 422, "{bad}: {e}");
        assert!(e.to_string().contains(field), "{e} names {field}");
    }
    assert!(app
        .store
        .notification_preferences(ana)
        .await
        .expect("prefs")
        .is_empty());

    // In this group, at once: the next update arrives in Spanish with its unsubscribe link.
    let (status, s) = api(
        &app,
        &ana_t,
        Method::PUT,
        "/api/v1/me/notifications",
        Some(
            json!({"preferences": [{"topic": "updates", "group": body_id, "delivery": "at-once"}]}),
        ),
    )
    .await;
    assert_eq!(status, 200, "{s}");
    assert_eq!(s["groups"][0]["choices"][0]["delivery"], "at-once");
    post_update(&app, &fac_t, "Case study published").await;
    let got = mail_to(&app, "ana@example.org").await;
    assert_eq!(got.len(), 1);
    assert!(
        got[0]
            .subject
            .starts_with("Marketing Working Group: informe de"),
        "{}",
        got[0].subject
    );
    assert!(got[0].body.contains("Case study published"));
    let path = got[0].unsubscribe_path.clone().expect("unsubscribe path");
    assert!(path.starts_with("/unsubscribe/") && got[0].body.contains(&path));
    assert!(
        mail_to(&app, "bob@example.org").await.is_empty(),
        "bob keeps the default digest"
    );

    // The digest: due at the next 07:00 UTC, sent once, in each person's language.
    let due = digest_due_at(Delivery::Daily, app.clock.now()).expect("due");
    app.clock
        .advance(due - app.clock.now() + chrono::Duration::minutes(1));
    run_digests(&app).await;
    run_digests(&app).await;
    let ana_digests: Vec<_> = mail_to(&app, "ana@example.org")
        .await
        .into_iter()
        .filter(|m| m.subject.contains("resumen"))
        .collect();
    assert_eq!(ana_digests.len(), 1, "the first update, held before");
    assert_eq!(
        ana_digests[0].subject,
        "Su resumen diario de Agora: un mensaje"
    );
    assert!(ana_digests[0].body.contains("Webinar planned"));
    assert!(!ana_digests[0].body.contains("Case study published"));
    let bob = mail_to(&app, "bob@example.org").await;
    assert_eq!(bob.len(), 1);
    assert!(
        bob[0]
            .subject
            .starts_with("Your daily Agora digest: 2 messages"),
        "{}",
        bob[0].subject
    );
    assert!(
        bob[0].body.contains("Webinar planned") && bob[0].body.contains("Case study published")
    );
    assert!(bob[0]
        .unsubscribe_path
        .as_deref()
        .is_some_and(|p| p.contains(".digest-daily.")));

    // The page: the same choices, saved by form; a bad value names its field.
    let c = app.login("ana@example.org").await;
    let page = c
        .get(app.url("/account/notifications"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("Marketing Working Group") && page.contains(&format!("updates@{body_id}"))
    );
    let res = app
        .post_form(
            &c,
            "/account/notifications",
            "/account/notifications",
            &[
                ("updates", "weekly"),
                (&format!("decisions@{body_id}"), "off"),
                (&format!("updates@{body_id}"), ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let prefs = app
        .store
        .notification_preferences(ana)
        .await
        .expect("prefs");
    assert_eq!(prefs.len(), 2, "{prefs:?}");
    let res = app
        .post_form(
            &c,
            "/account/notifications",
            "/account/notifications",
            &[("updates", "hourly")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("id=\"updates-error\""),
        "the error is by its field"
    );
    assert_eq!(
        app.store
            .notification_preferences(ana)
            .await
            .expect("prefs"),
        prefs
    );
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let res = anon
        .get(app.url("/account/notifications"))
        .send()
        .await
        .expect("get");
    assert!(
        matches!(res.status().as_u16(), 303 | 401),
        "{}",
        res.status()
    );
}

async fn a_one_click_link_unsubscribes_without_signing_in(app: TestApp) {
    let (body_id, fac, ana) = group(&app).await;
    let (fac_t, ana_t) = (app.token(fac).await, app.token(ana).await);
    let (status, _) = api(
        &app,
        &ana_t,
        Method::PUT,
        "/api/v1/me/notifications",
        Some(
            json!({"preferences": [{"topic": "updates", "group": body_id, "delivery": "at-once"}]}),
        ),
    )
    .await;
    assert_eq!(status, 200);
    post_update(&app, &fac_t, "First").await;
    let path = mail_to(&app, "ana@example.org").await[0]
        .unsubscribe_path
        .clone()
        .expect("path");
    let anon = reqwest::Client::new();

    // Opening the link asks first: a mail scanner that follows it changes nothing.
    let res = anon.get(app.url(&path)).send().await.expect("get");
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("html");
    assert!(html.contains(&format!("action=\"{path}\"")), "{html}");
    assert_eq!(
        app.store
            .notification_preferences(ana)
            .await
            .expect("prefs")
            .len(),
        1
    );

    // Forged or damaged links are refused and change nothing.
    let forged = path.replacen(&format!("/{ana}."), &format!("/{fac}."), 1);
    for bad in [
        forged,
        format!("{path}0"),
        "/unsubscribe/nothing".to_string(),
    ] {
        let res = anon
            .post(app.url(&bad))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 404, "{bad}");
    }
    assert!(app
        .store
        .notification_preferences(fac)
        .await
        .expect("prefs")
        .is_empty());

    // The one-click POST a mail client sends: no cookie, no CSRF token.
    let res = anon
        .post(app.url(&path))
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let res = anon.post(app.url(&path)).send().await.expect("again");
    assert_eq!(res.status(), 200, "repeating it is harmless");
    let (_, s) = api(&app, &ana_t, Method::GET, "/api/v1/me/notifications", None).await;
    let updates = s["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .find(|t| t["topic"] == "updates")
        .expect("updates")
        .clone();
    assert_eq!(updates["delivery"], "off");
    assert_eq!(
        s["groups"][0]["choices"],
        json!([]),
        "the group's own choice went too"
    );

    // What bob's digest held when he left the group is not sent to him.
    post_update(&app, &fac_t, "Held for bob").await;
    let bob = app
        .token(
            app.store
                .person_by_email("bob@example.org")
                .await
                .expect("bob")
                .expect("bob")
                .id,
        )
        .await;
    let (status, _) = api(&app, &bob, Method::POST, "/api/v1/groups/mwg/leave", None).await;
    assert!(status < 300, "bob leaves ({status})");
    // No more updates, at once or in a digest; other kinds are untouched.
    post_update(&app, &fac_t, "Second").await;
    assert_eq!(mail_to(&app, "ana@example.org").await.len(), 1);
    let due = digest_due_at(Delivery::Daily, app.clock.now()).expect("due");
    app.clock
        .advance(due - app.clock.now() + chrono::Duration::minutes(1));
    run_digests(&app).await;
    assert_eq!(mail_to(&app, "ana@example.org").await.len(), 1);
    assert!(
        mail_to(&app, "bob@example.org").await.is_empty(),
        "a digest holds nothing of a group one has left"
    );
    let audit = app
        .store
        .audit_page(
            &agora_store::AuditFilter {
                action: Some("notifications.unsubscribe".into()),
                ..agora_store::AuditFilter::default()
            },
            agora_domain::pagination::PageRequest {
                page: 1,
                per_page: 50,
            },
        )
        .await
        .expect("audit");
    assert!(audit
        .items
        .iter()
        .any(|e| e.action == "notifications.unsubscribe" && e.actor_id == Some(ana)));
}

#[tokio::test]
async fn mail_clients_find_the_one_click_unsubscribe_headers() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("received.jsonl");
    let (server, port) = SmtpServer::start(&out);
    let app = app_mailing_to(port).await;
    let (_, fac, _) = group(&app).await;
    let fac_t = app.token(fac).await;
    let (status, _) = api(
        &app,
        &fac_t,
        Method::POST,
        "/api/v1/bodies/mwg/decisions",
        Some(json!({"title": "Adopt the brand guide", "text": "As drafted.", "kind": "lazy-consensus"})),
    )
    .await;
    assert_eq!(status, 201);
    let got = wait_received(&out, 3).await;
    let to_ana = got
        .iter()
        .find(|m| m["to"][0] == "ana@example.org")
        .expect("ana is told");
    let header = to_ana["list_unsubscribe"]
        .as_str()
        .expect("List-Unsubscribe");
    let url = header
        .strip_prefix("<https://agora.example")
        .and_then(|u| u.strip_suffix('>'))
        .unwrap_or_else(|| panic!("one https address: {header}"));
    assert_eq!(
        to_ana["list_unsubscribe_post"],
        "List-Unsubscribe=One-Click"
    );
    assert!(to_ana["body"].as_str().expect("body").contains(url));

    // What a mail client does with them (RFC 8058 §3.1).
    let res = reqwest::Client::new()
        .post(app.url(url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("one click");
    assert_eq!(res.status(), 200);
    let (status, _) = api(
        &app,
        &fac_t,
        Method::POST,
        "/api/v1/bodies/mwg/decisions",
        Some(json!({"title": "Second proposal", "text": "As drafted.", "kind": "lazy-consensus"})),
    )
    .await;
    assert_eq!(status, 201);
    let got = wait_received(&out, 5).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second: Vec<_> = super::governance::received(&out)
        .into_iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .is_some_and(|s| s.contains("Second proposal"))
        })
        .collect();
    assert!(got.len() >= 5);
    assert_eq!(second.len(), 2, "the facilitator and bob, not ana");
    assert!(second.iter().all(|m| m["to"][0] != "ana@example.org"));
    server.kill();
}
