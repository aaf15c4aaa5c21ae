//! The job runner: every run is recorded where any instance shows it, failures included.

use super::helpers::{browser, TestApp};
use crate::both_backends;
use agora_domain::permissions::{Grant, Role};
use agora_web::jobs::{cleanup_job, run_all_once, Job, Jobs};
use agora_web::scheduler::{mailer_job, SmtpConfig, SmtpTls};
use serde_json::Value;

both_backends!(
    a_failing_job_shows_on_the_job_page_and_in_the_api,
    the_cleanup_job_removes_expired_sessions_on_the_apps_clock,
    an_unreachable_mail_server_fails_the_mailer_and_keeps_the_mail,
    the_app_and_its_store_read_one_clock,
);

async fn admin(app: &TestApp) -> reqwest::Client {
    app.person(
        "admin@example.org",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    app.login("admin@example.org").await
}

async fn jobs_api(app: &TestApp, c: &reqwest::Client) -> Vec<Value> {
    let res = c
        .get(app.url("/api/v1/admin/jobs"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    res.json::<Vec<Value>>().await.expect("json")
}

async fn a_failing_job_shows_on_the_job_page_and_in_the_api(app: TestApp) {
    let mut jobs = Jobs::default();
    jobs.add(Job::new(
        "cleanup",
        std::time::Duration::from_secs(3600),
        |_| async { Err(anyhow::anyhow!("disk <full>")) },
    ));
    let ran = run_all_once(&jobs, &app.store, &app.clock).await;
    assert_eq!(ran, vec![("cleanup", true)]);

    let c = admin(&app).await;
    let job = jobs_api(&app, &c)
        .await
        .into_iter()
        .find(|j| j["name"] == "cleanup")
        .expect("the cleanup job is listed");
    assert_eq!(job["last_error"], "disk <full>");
    assert_eq!(job["runs"], 1);
    assert_eq!(job["failures"], 1);
    assert!(job["last_started_at"].is_string() && job["last_duration_ms"].is_number());
    let html = c
        .get(app.url("/admin/jobs"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("Failing") && html.contains("disk &#60;full&#62;"),
        "the error is shown, escaped: {html}"
    );
    assert!(
        html.contains("Removal of expired sessions"),
        "names, not codes"
    );

    // The next success clears the error and keeps the count of failures.
    let mut jobs = Jobs::default();
    jobs.add(Job::new(
        "cleanup",
        std::time::Duration::from_secs(3600),
        |_| async { Ok("3 removed".to_string()) },
    ));
    run_all_once(&jobs, &app.store, &app.clock).await;
    let job = jobs_api(&app, &c)
        .await
        .into_iter()
        .find(|j| j["name"] == "cleanup")
        .expect("listed");
    assert!(job["last_error"].is_null());
    assert_eq!(job["last_outcome"], "3 removed");
    assert_eq!(
        (job["runs"].as_i64(), job["failures"].as_i64()),
        (Some(2), Some(1))
    );
    let metrics = browser()
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        metrics.contains("agora_job_runs_total{job=\"cleanup\",outcome=\"error\"}"),
        "{metrics}"
    );

    // Only staff see it.
    app.person("member@example.org", &[]).await;
    let member = app.login("member@example.org").await;
    let res = member
        .get(app.url("/admin/jobs"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 403);
    let res = browser()
        .get(app.url("/api/v1/admin/jobs"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 401);
}

async fn the_cleanup_job_removes_expired_sessions_on_the_apps_clock(app: TestApp) {
    let id = app.person("member@example.org", &[]).await;
    let in_an_hour = app.clock.now() + chrono::Duration::hours(1);
    app.store
        .create_session("expiring-session-hash", id, in_an_hour, app.clock.now())
        .await
        .expect("session");
    let mut jobs = Jobs::default();
    jobs.add(cleanup_job(
        app.store.clone(),
        std::time::Duration::from_secs(3600),
    ));
    run_all_once(&jobs, &app.store, &app.clock).await;
    assert!(
        app.store
            .session("expiring-session-hash", app.clock.now())
            .await
            .expect("read")
            .is_some(),
        "not expired yet"
    );
    // Two hours later on the app's clock (no sleeping): gone.
    app.clock.advance(chrono::Duration::hours(2));
    // The lease taken two hours ago has expired by then, as it would have for a crashed instance.
    run_all_once(&jobs, &app.store, &app.clock).await;
    let left: Vec<_> = app
        .store
        .job_runs()
        .await
        .expect("runs")
        .into_iter()
        .filter(|r| r.name == "cleanup")
        .collect();
    assert_eq!(left[0].runs, 2);
    assert!(left[0]
        .last_outcome
        .as_deref()
        .is_some_and(|o| o.contains("1 expired")));
}

async fn an_unreachable_mail_server_fails_the_mailer_and_keeps_the_mail(app: TestApp) {
    // A port nobody listens on, held for the whole test (bound, never listening) so that nothing
    // else can take it: connecting is refused.
    let held = tokio::net::TcpSocket::new_v4().expect("socket");
    held.bind(([127, 0, 0, 1], 0).into()).expect("bind");
    let port = held.local_addr().expect("addr").port();
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        from: "Agora <agora@example.org>".into(),
        retry_base: std::time::Duration::from_secs(30),
    };
    // Something to send: an invitation e-mail queued by inviting a person.
    let c = admin(&app).await;
    let token = app.csrf(&c, "/admin/people").await;
    let res = c
        .post(app.url("/admin/people/invite"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "new@example.org"),
            ("name", "New Person"),
            ("role", "admin"),
            ("partner_id", ""),
        ])
        .send()
        .await
        .expect("invite");
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.text().await.unwrap_or_default()
    );
    let mut jobs = Jobs::default();
    jobs.add(
        mailer_job(
            app.store.clone(),
            app.clock.clone(),
            smtp,
            std::time::Duration::from_secs(5),
            app.base.clone(),
        )
        .expect("mailer"),
    );
    run_all_once(&jobs, &app.store, &app.clock).await;
    let mailer = jobs_api(&app, &c)
        .await
        .into_iter()
        .find(|j| j["name"] == "mailer")
        .expect("listed");
    assert!(
        mailer["last_error"]
            .as_str()
            .is_some_and(|e| e.contains("mail server refused")),
        "{mailer}"
    );
    let outbox = c
        .get(app.url("/admin/outbox"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        outbox.contains("new@example.org"),
        "the mail waits for its retry"
    );
    drop(held);
}

/// The clock tests move is the store's: a sign-in after moving it is audited, and its session
/// stamped, in the moved time (neither reads the system's).
async fn the_app_and_its_store_read_one_clock(app: TestApp) {
    let id = app.person("member@example.org", &[]).await;
    app.clock.advance(chrono::Duration::days(30));
    let moved = app.clock.now();
    assert!(moved - chrono::Utc::now() > chrono::Duration::days(29));
    let _member = app.login("member@example.org").await;
    let login = app
        .store
        .audit_page(
            &agora_store::AuditFilter {
                action: Some("session.login".into()),
                ..Default::default()
            },
            agora_domain::pagination::PageRequest::default(),
        )
        .await
        .expect("audit")
        .items
        .remove(0);
    let at: chrono::DateTime<chrono::Utc> = login.at.parse().expect("time");
    assert!(
        at >= chrono::SubsecRound::trunc_subsecs(moved, 3) && at <= app.clock.now(),
        "{at} is not on the moved clock ({moved})"
    );
    assert_eq!(login.actor_id, Some(id));
}
