//! What needs me: each role finds its items on its home page and at `GET /api/v1/me/tasks`, only the
//! items it may act on, each linking to where it is done, and each gone once done.

use super::helpers::{browser, TestApp};
use crate::both_backends;
use agora_domain::governance::{parse_decision, DecisionInput, Stance, VoterKey};
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_store::Who;
use serde_json::Value;

both_backends!(
    a_partner_answers_its_waiting_offers_and_no_one_else_sees_them,
    admins_review_applications_the_queue_and_failing_mail,
    electors_take_part_and_facilitators_and_moderators_attend,
    consultations_wait_for_comments_then_responses_then_the_outcome,
    a_partners_vote_waits_for_whoever_casts_it,
    the_home_page_is_personal_never_cached_and_translated
);

fn grant(role: Role, scope_id: Option<i64>) -> Grant {
    Grant { role, scope_id }
}

/// The caller's items through the API, with a fresh token.
async fn api_tasks(app: &TestApp, person_id: i64) -> Vec<Value> {
    let token = app.token(person_id).await;
    let res = reqwest::Client::new()
        .get(app.url("/api/v1/me/tasks"))
        .bearer_auth(token)
        .send()
        .await
        .expect("tasks");
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.expect("json");
    body["tasks"].as_array().expect("a list").clone()
}

async fn home(app: &TestApp, c: &reqwest::Client) -> String {
    let res = c.get(app.url("/home")).send().await.expect("home");
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("body");
    assert!(!html.contains("Unknown localization key"), "{html}");
    html
}

fn due_in(
    due: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> chrono::Duration {
    due - now
}

fn kinds(tasks: &[Value]) -> Vec<&str> {
    tasks
        .iter()
        .map(|t| t["kind"].as_str().expect("kind"))
        .collect()
}

async fn a_partner_answers_its_waiting_offers_and_no_one_else_sees_them(app: TestApp) {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let b = app.partner("Org B", PartnerStatus::Active).await;
    let pa = app
        .person("pa@a.example", &[grant(Role::PartnerAdmin, Some(a.id))])
        .await;
    let pm = app
        .person("pm@a.example", &[grant(Role::PartnerMember, Some(a.id))])
        .await;
    let other = app
        .person("pa@b.example", &[grant(Role::PartnerAdmin, Some(b.id))])
        .await;
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    // B pauses, so the lead goes to A.
    app.store
        .set_partner_lead_settings(
            b.id,
            agora_domain::leads::PartnerLeadSettings {
                paused: true,
                monthly_capacity: None,
            },
            &Who::system(),
        )
        .await
        .expect("pause");
    let lead = app.lead("Acme University", "requester@acme.example").await;
    let offer = app.store.lead_offers(lead).await.expect("offers")[0].clone();
    assert_eq!(offer.partner_id, a.id);

    // Signing in lands on the home page, which lists the offer with its deadline.
    let c = browser();
    let token = app.csrf(&c, "/login").await;
    let res = c
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "pa@a.example"),
            ("password", super::helpers::PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .expect("login");
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/home", "sign-in lands on home");
    let page = home(&app, &c).await;
    let link = format!("/portal/offers/{}", offer.id);
    assert!(page.contains(&format!("href=\"{link}\"")), "{page}");
    assert!(page.contains(&format!("Answer lead L-{lead} offered to Org A")));
    assert!(page.contains(&format!(
        "datetime=\"{}\"",
        agora_store::format_time(offer.due_at)
    )));
    // Nothing of the requester before the partner accepts.
    assert!(!page.contains("Acme University") && !page.contains("requester@acme.example"));

    for person in [pa, pm] {
        let tasks = api_tasks(&app, person).await;
        assert_eq!(kinds(&tasks), ["offer-waiting"], "{tasks:?}");
        let t = &tasks[0];
        assert_eq!(t["program"], "leads");
        assert_eq!(t["link"], link.as_str());
        let due = chrono::DateTime::parse_from_rfc3339(t["due_at"].as_str().expect("due"))
            .expect("RFC 3339");
        assert_eq!(due.with_timezone(&chrono::Utc), offer.due_at);
        assert_eq!(t["urgency"], "later", "the answer deadline is days away");
        assert!(!t.to_string().contains("acme"), "{t}");
    }
    // Another partner's people and the foundation do not answer for A.
    assert!(api_tasks(&app, other).await.is_empty());
    assert!(!kinds(&api_tasks(&app, admin).await).contains(&"offer-waiting"));

    // A day before the deadline it is due soon; past it, overdue (until the jobs re-offer it).
    let left = due_in(offer.due_at, app.clock.now());
    // (Sessions follow the app's clock too: each moment gets its own sign-in.)
    app.clock.advance(left - chrono::Duration::hours(12));
    assert_eq!(api_tasks(&app, pa).await[0]["urgency"], "soon");
    let later = app.login("pa@a.example").await;
    assert!(home(&app, &later).await.contains("Due soon"));
    app.clock.advance(chrono::Duration::hours(13));
    assert_eq!(api_tasks(&app, pa).await[0]["urgency"], "overdue");
    let later = app.login("pa@a.example").await;
    assert!(home(&app, &later).await.contains("Overdue"));
    app.clock.advance(chrono::Duration::hours(-1) - left);
    let c = app.login("pa@a.example").await;

    // The partner accepts where the item links to; the item is gone.
    let res = app
        .post_form(&c, &link, &link, &[("status", "accepted")])
        .await;
    assert!(
        res.status().is_redirection() || res.status() == 200,
        "{}",
        res.status()
    );
    assert_eq!(
        app.store
            .offer(offer.id)
            .await
            .expect("offer")
            .expect("offer")
            .status,
        agora_domain::leads::OfferStatus::Accepted
    );
    assert!(api_tasks(&app, pa).await.is_empty());
    let page = home(&app, &c).await;
    assert!(page.contains("Nothing needs you right now."), "{page}");
}

async fn admins_review_applications_the_queue_and_failing_mail(app: TestApp) {
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    let applicant = app
        .partner("Zephyr Learning", PartnerStatus::Applicant)
        .await;
    let member = app.person("someone@example.org", &[]).await;
    // No active partner: the lead waits in the foundation's queue.
    let lead = app.lead("Acme University", "requester@acme.example").await;
    assert_eq!(
        app.store
            .lead(lead)
            .await
            .expect("lead")
            .expect("lead")
            .status,
        agora_domain::leads::LeadStatus::Queued
    );
    app.store
        .queue_email("x@example.org", "Hello", "Body")
        .await
        .expect("queue");
    let mail = app.store.outbox_recent(1).await.expect("outbox")[0].id;
    app.store
        .outbox_mark_failed(
            mail,
            "connection refused",
            chrono::Utc::now(),
            chrono::Duration::seconds(30),
        )
        .await
        .expect("failed");
    let failing_job = |fails: bool| {
        let mut jobs = agora_web::jobs::Jobs::default();
        jobs.add(agora_web::jobs::Job::new(
            "cleanup",
            std::time::Duration::from_secs(3600),
            move |_| async move {
                if fails {
                    Err(anyhow::anyhow!("disk full"))
                } else {
                    Ok(String::new())
                }
            },
        ));
        jobs
    };
    agora_web::jobs::run_all_once(&failing_job(true), &app.store, &app.clock).await;

    let tasks = api_tasks(&app, admin).await;
    assert_eq!(
        kinds(&tasks),
        [
            "application",
            "leads-queued",
            "emails-failing",
            "job-failing"
        ],
        "{tasks:?}"
    );
    assert_eq!(
        tasks[3]["title"],
        "The background job “Removal of expired sessions, links and rate-limit counts” is failing"
    );
    assert_eq!(tasks[3]["link"], "/admin/jobs");
    assert_eq!(
        tasks[0]["title"],
        "Review the application of Zephyr Learning"
    );
    assert_eq!(
        tasks[0]["link"],
        format!("/admin/partners/{}", applicant.id)
    );
    assert_eq!(
        tasks[1]["title"],
        "One lead waits in the foundation's queue"
    );
    assert_eq!(tasks[1]["link"], "/admin/leads?status=queued");
    assert_eq!(tasks[2]["title"], "One e-mail is failing delivery");
    assert_eq!(tasks[2]["link"], "/admin/outbox");
    assert!(tasks
        .iter()
        .all(|t| t["due_at"].is_null() && t["urgency"] == "undated"));
    // A member without the foundation's rights sees none of it.
    assert!(api_tasks(&app, member).await.is_empty());

    // Each is done where it links to, and goes.
    let c = app.login("admin@example.org").await;
    let page = format!("/admin/partners/{}", applicant.id);
    let res = app
        .post_form(
            &c,
            &page,
            &format!("{page}/status"),
            &[
                ("status", "rejected"),
                ("reason", "Not offering Open edX services."),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let desk = format!("/admin/leads/{lead}");
    let res = app
        .post_form(
            &c,
            &desk,
            &format!("{desk}/close"),
            &[("close_reason", "spam"), ("note", "Test submission")],
        )
        .await;
    assert!(res.status().is_redirection(), "{}", res.status());
    app.store
        .outbox_mark_sent(mail, app.store.now())
        .await
        .expect("sent");
    agora_web::jobs::run_all_once(&failing_job(false), &app.store, &app.clock).await;
    assert!(api_tasks(&app, admin).await.is_empty());
}

/// A members-only group with a facilitator, two members and an outsider; returns the body.
async fn group(app: &TestApp) -> (agora_store::Body, [i64; 5]) {
    let body = app
        .store
        .create_body(
            &agora_store::NewBody {
                slug: "wg".into(),
                name: "Working group".into(),
                description: String::new(),
                visibility: agora_domain::governance::Visibility::Members,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body");
    let fac = app
        .person(
            "fac@example.org",
            &[grant(Role::Facilitator, Some(body.id))],
        )
        .await;
    let m1 = app
        .person("m1@example.org", &[grant(Role::GroupMember, Some(body.id))])
        .await;
    let m2 = app
        .person("m2@example.org", &[grant(Role::GroupMember, Some(body.id))])
        .await;
    let outsider = app.person("outsider@example.org", &[]).await;
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    (body, [fac, m1, m2, outsider, admin])
}

async fn open(app: &TestApp, body: &agora_store::Body, by: i64, input: DecisionInput) -> i64 {
    let new = parse_decision(&input, body.kind, body.min_close_hours).expect("valid");
    let who = Who::person(by, "fac@example.org");
    app.store
        .open_decision(body, &new, &who, app.clock.now())
        .await
        .expect("open")
}

async fn electors_take_part_and_facilitators_and_moderators_attend(app: TestApp) {
    let (body, [fac, m1, m2, outsider, admin]) = group(&app).await;
    let vote = open(
        &app,
        &body,
        fac,
        DecisionInput {
            title: "Adopt the roadmap".into(),
            text: "Shall we?".into(),
            kind: "yes-no".into(),
            ..Default::default()
        },
    )
    .await;
    let proposal = open(
        &app,
        &body,
        m1,
        DecisionInput {
            title: "Meet monthly".into(),
            text: "Once a month.".into(),
            kind: "lazy-consensus".into(),
            close_hours: Some("96".into()),
            ..Default::default()
        },
    )
    .await;
    let closes = |id: i64| {
        let store = app.store.clone();
        async move { store.decision(id).await.expect("decision").closes_at }
    };

    let tasks = api_tasks(&app, m2).await;
    assert_eq!(kinds(&tasks), ["vote", "position"], "{tasks:?}");
    assert_eq!(tasks[0]["title"], "Vote on “Adopt the roadmap”");
    assert_eq!(tasks[0]["link"], format!("/decisions/{vote}"));
    assert_eq!(tasks[1]["title"], "State your position on “Meet monthly”");
    let due = chrono::DateTime::parse_from_rfc3339(tasks[1]["due_at"].as_str().expect("due"))
        .expect("RFC 3339");
    assert_eq!(due.with_timezone(&chrono::Utc), closes(proposal).await);
    // Nobody outside the group: it is members-only, and they are not electors.
    assert!(api_tasks(&app, outsider).await.is_empty());

    // m2 votes and takes a position through the pages: both go.
    let c = app.login("m2@example.org").await;
    let page = format!("/decisions/{vote}");
    let res = app
        .post_form(&c, &page, &format!("{page}/ballot"), &[("choice", "yes")])
        .await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    assert_eq!(kinds(&api_tasks(&app, m2).await), ["position"]);
    let page = format!("/decisions/{proposal}");
    let res = app
        .post_form(
            &c,
            &page,
            &format!("{page}/stance"),
            &[("stance", "object"), ("reason", "Too often.")],
        )
        .await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    assert!(api_tasks(&app, m2).await.is_empty());

    // The objection contests the proposal: its facilitator (and the foundation) attend to it, the
    // members do not.
    let tasks = api_tasks(&app, fac).await;
    assert!(kinds(&tasks).contains(&"contested"), "{tasks:?}");
    assert!(tasks
        .iter()
        .any(|t| t["title"] == "Contested proposal: “Meet monthly”"));
    // Its proposer is asked to revise or withdraw it.
    let tasks = api_tasks(&app, m1).await;
    assert!(!kinds(&tasks).contains(&"contested"));
    assert!(
        tasks.iter().any(|t| t["kind"] == "contested-own"
            && t["title"] == "Your proposal “Meet monthly” is contested: revise or withdraw it"),
        "{tasks:?}"
    );
    assert!(!kinds(&api_tasks(&app, outsider).await).contains(&"contested"));

    // A revision asks every elector again.
    app.store
        .revise(
            proposal,
            &agora_domain::governance::Revision::parse("Meet every six weeks", "Every six weeks.")
                .expect("valid"),
            &Who::person(m1, "m1@example.org"),
            app.clock.now(),
        )
        .await
        .expect("revise");
    assert!(kinds(&api_tasks(&app, m2).await).contains(&"position"));
    assert!(!kinds(&api_tasks(&app, m1).await).contains(&"contested-own"));
    app.store
        .set_stance(
            proposal,
            VoterKey::Person(m2),
            Stance::Object,
            "Still too often.",
            &Who::person(m2, "m2@example.org"),
            app.clock.now(),
        )
        .await
        .expect("object");
    // Escalated, it waits for a moderator (the foundation), no longer for the facilitator.
    app.store
        .escalate(
            proposal,
            &Who::person(fac, "fac@example.org"),
            app.clock.now(),
        )
        .await
        .expect("escalate");
    assert!(!kinds(&api_tasks(&app, fac).await).contains(&"contested"));
    assert!(kinds(&api_tasks(&app, admin).await).contains(&"ruling"));
    assert!(!kinds(&api_tasks(&app, fac).await).contains(&"ruling"));
    app.store
        .rule(
            proposal,
            agora_domain::governance::Ruling::Reject,
            "Not now.",
            &Who::person(admin, "admin@example.org"),
            app.clock.now(),
        )
        .await
        .expect("rule");
    assert!(!kinds(&api_tasks(&app, admin).await).contains(&"ruling"));

    // The vote closes: its facilitator records the outcome, after which nothing is left.
    let now = app.clock.now() + chrono::Duration::hours(100);
    app.store.run_governance_jobs(now).await.expect("jobs");
    let tasks = api_tasks(&app, fac).await;
    assert_eq!(kinds(&tasks), ["outcome"], "{tasks:?}");
    app.store
        .take_decision(
            vote,
            "The roadmap is adopted.",
            None,
            &Who::person(fac, "fac@example.org"),
            now,
        )
        .await
        .expect("take");
    assert!(api_tasks(&app, fac).await.is_empty());
    assert!(api_tasks(&app, m1).await.is_empty());
}

async fn consultations_wait_for_comments_then_responses_then_the_outcome(app: TestApp) {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let pa = app
        .person("pa@a.example", &[grant(Role::PartnerAdmin, Some(a.id))])
        .await;
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    let assembly = app
        .store
        .body("partner-assembly")
        .await
        .expect("body")
        .expect("assembly");
    let id = open(
        &app,
        &assembly,
        admin,
        DecisionInput {
            title: "New partner fees".into(),
            text: "Fees change next year.".into(),
            kind: "consultation".into(),
            close_hours: Some("168".into()),
            ..Default::default()
        },
    )
    .await;
    // The partner's admin speaks for it (no delegate designated).
    let tasks = api_tasks(&app, pa).await;
    assert_eq!(kinds(&tasks), ["consultation-comment"], "{tasks:?}");
    assert_eq!(
        tasks[0]["title"],
        "Comment on the consultation “New partner fees”"
    );
    let c = app.login("pa@a.example").await;
    let page = format!("/decisions/{id}");
    let res = app
        .post_form(
            &c,
            &page,
            &format!("{page}/comment"),
            &[("body", "Please phase them in.")],
        )
        .await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    assert!(api_tasks(&app, pa).await.is_empty());
    // Open, it asks nothing of the foundation yet.
    assert!(!kinds(&api_tasks(&app, admin).await)
        .iter()
        .any(|k| k.starts_with("consultation")));

    let now = app.clock.now() + chrono::Duration::hours(200);
    app.store.run_governance_jobs(now).await.expect("jobs");
    let tasks = api_tasks(&app, admin).await;
    assert_eq!(kinds(&tasks), ["consultation-respond"], "{tasks:?}");
    assert_eq!(
        tasks[0]["title"],
        "Respond to one comment on “New partner fees”"
    );
    assert!(
        api_tasks(&app, pa).await.is_empty(),
        "partners do not respond"
    );
    let comment = app.store.comments(id).await.expect("comments")[0].id;
    let who = Who::person(admin, "admin@example.org");
    app.store
        .respond(
            id,
            comment,
            "They will be phased in over two years.",
            &who,
            now,
        )
        .await
        .expect("respond");
    assert_eq!(kinds(&api_tasks(&app, admin).await), ["outcome"]);
    app.store
        .take_decision(id, "Fees are phased in.", None, &who, now)
        .await
        .expect("take");
    assert!(api_tasks(&app, admin).await.is_empty());
}

async fn the_home_page_is_personal_never_cached_and_translated(app: TestApp) {
    let applicant = app
        .partner("Zephyr Learning", PartnerStatus::Applicant)
        .await;
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    // Anonymous: signed out visitors are asked to sign in, the API refuses.
    let anon = browser();
    let res = anon.get(app.url("/home")).send().await.expect("home");
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=%2Fhome");
    let res = anon
        .get(app.url("/api/v1/me/tasks"))
        .send()
        .await
        .expect("api");
    assert_eq!(res.status(), 401);
    // The public home is cached for anonymous visitors ...
    for _ in 0..2 {
        anon.get(app.url("/")).send().await.expect("public home");
    }
    let res = anon.get(app.url("/")).send().await.expect("public home");
    assert_eq!(res.headers()["x-cache"], "hit");

    // ... and never served to, nor stored for, a signed-in person; their home is never stored.
    let c = app.login("admin@example.org").await;
    let res = c.get(app.url("/")).send().await.expect("home");
    assert!(res.headers().get("x-cache").is_none());
    let res = c.get(app.url("/home")).send().await.expect("home");
    assert!(res.headers().get("x-cache").is_none());
    assert_eq!(res.headers()["cache-control"], "no-store");
    let page = res.text().await.expect("body");
    assert!(page.contains("Review the application of Zephyr Learning"));
    assert!(
        page.contains("aria-current=\"page\">To do</a>"),
        "the navigation shows where one is"
    );

    // In the browser's language, and in the one chosen on the account page, which wins.
    let res = c
        .get(app.url("/home"))
        .header("accept-language", "es")
        .send()
        .await
        .expect("home");
    let page = res.text().await.expect("body");
    assert!(
        page.contains("Revise la candidatura de Zephyr Learning"),
        "{page}"
    );
    assert!(page.contains("Lo que requiere su atención"));
    app.store
        .set_language(admin, Some("fr"), &Who::system())
        .await
        .expect("language");
    let res = c
        .get(app.url("/home"))
        .header("accept-language", "es")
        .send()
        .await
        .expect("home");
    let page = res.text().await.expect("body");
    assert!(
        page.contains("Examinez la candidature de Zephyr Learning"),
        "{page}"
    );
    let tasks = api_tasks(&app, admin).await;
    assert_eq!(
        tasks[0]["title"],
        "Examinez la candidature de Zephyr Learning"
    );
    assert_eq!(
        tasks[0]["link"],
        format!("/admin/partners/{}", applicant.id)
    );
}

async fn a_partners_vote_waits_for_whoever_casts_it(app: TestApp) {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let b = app.partner("Org B", PartnerStatus::Active).await;
    let pa = app
        .person("pa@a.example", &[grant(Role::PartnerAdmin, Some(a.id))])
        .await;
    let delegate = app
        .person(
            "delegate@a.example",
            &[grant(Role::PartnerMember, Some(a.id))],
        )
        .await;
    let pb = app
        .person("pa@b.example", &[grant(Role::PartnerAdmin, Some(b.id))])
        .await;
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    let assembly = app
        .store
        .body("partner-assembly")
        .await
        .expect("body")
        .expect("assembly");
    let vote = open(
        &app,
        &assembly,
        admin,
        DecisionInput {
            title: "Adopt the partner charter".into(),
            text: "The charter as circulated.".into(),
            kind: "yes-no".into(),
            ..Default::default()
        },
    )
    .await;
    // Without a designated delegate, the partner's admins cast its vote; each partner its own.
    let tasks = api_tasks(&app, pa).await;
    assert_eq!(kinds(&tasks), ["vote"], "{tasks:?}");
    assert_eq!(
        tasks[0]["title"],
        "Vote for Org A on “Adopt the partner charter”"
    );
    assert!(api_tasks(&app, delegate).await.is_empty());
    assert_eq!(
        api_tasks(&app, pb).await[0]["title"],
        "Vote for Org B on “Adopt the partner charter”"
    );
    // Once a delegate is designated, it waits for them, no longer for the partner's admins.
    app.store
        .set_delegates(a.id, Some(delegate), None, &Who::system())
        .await
        .expect("delegate");
    assert!(api_tasks(&app, pa).await.is_empty());
    assert_eq!(kinds(&api_tasks(&app, delegate).await), ["vote"]);
    let c = app.login("delegate@a.example").await;
    let page = format!("/decisions/{vote}");
    let res = app
        .post_form(&c, &page, &format!("{page}/ballot"), &[("choice", "no")])
        .await;
    assert!(
        res.status().is_success() || res.status().is_redirection(),
        "{}",
        res.status()
    );
    assert!(api_tasks(&app, delegate).await.is_empty());
    // B has not voted yet.
    assert_eq!(kinds(&api_tasks(&app, pb).await), ["vote"]);
}
