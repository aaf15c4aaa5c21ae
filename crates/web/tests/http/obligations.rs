//! Marketing obligations over HTTP: the foundation adopts a policy, a partner declares its clients
//! and reads what it owes with the arithmetic and exemptions, bad input is refused by field and
//! changes nothing, on both databases.

use super::helpers::{api, mail_to, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use serde_json::{json, Value};

both_backends!(
    a_partner_declares_clients_and_reads_the_arithmetic,
    bad_declarations_are_refused_by_field_and_change_nothing,
    only_the_partners_people_see_and_only_its_admins_declare,
    admins_adopt_policy_versions_citing_a_decision,
    partners_register_deals_the_foundation_sees_overlaps_and_a_won_deal_is_a_client,
    partners_behind_are_reminded_once_at_each_point_before_the_year_ends
);

struct World {
    admin: String,
    partner_admin: String,
    member: String,
    outsider: String,
}

/// Org A with its admin and a member, Org B with a member, a foundation admin; and a policy from
/// 2020: 20% of clients rounded up for case studies and testimonials, one article and one logo.
async fn world(app: &TestApp) -> World {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let b = app.partner("Org B", PartnerStatus::Active).await;
    let grant = |role, id| Grant {
        role,
        scope_id: Some(id),
    };
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let pa = app
        .person("pa@a.example", &[grant(Role::PartnerAdmin, a.id)])
        .await;
    let member = app
        .person("member@a.example", &[grant(Role::PartnerMember, a.id)])
        .await;
    let outsider = app
        .person("member@b.example", &[grant(Role::PartnerMember, b.id)])
        .await;
    let w = World {
        admin: app.token(admin).await,
        partner_admin: app.token(pa).await,
        member: app.token(member).await,
        outsider: app.token(outsider).await,
    };
    let (status, body) = api(
        app,
        &w.admin,
        reqwest::Method::POST,
        "/api/v1/obligation-policy",
        Some(policy(20)),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    w
}

fn policy(percent: i64) -> Value {
    let share = json!({"kind": "share", "percent": percent, "rounding": "up"});
    let one = json!({"kind": "fixed", "count": 1});
    json!({
        "case_study": share, "article": one, "testimonial": share, "logo": one,
        "first_year": 2020, "note": "Part 5"
    })
}

fn line<'a>(report: &'a Value, kind: &str) -> &'a Value {
    report["obligations"]
        .as_array()
        .expect("obligations")
        .iter()
        .find(|o| o["type"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {report}"))
}

async fn a_partner_declares_clients_and_reads_the_arithmetic(app: TestApp) {
    let w = world(&app).await;
    let path = "/api/v1/partners/org-a/obligations?year=2026";
    let (status, before) = api(&app, &w.member, reqwest::Method::GET, path, None).await;
    assert_eq!(status, 200, "{before}");
    assert_eq!(before["declared"], false);
    assert_eq!(line(&before, "case_study")["required"], 0);
    assert_eq!(line(&before, "logo")["required"], 1);

    // 12 clients, 4 of whom refused a testimonial.
    let (status, report) = api(
        &app,
        &w.partner_admin,
        reqwest::Method::PUT,
        "/api/v1/partners/org-a/clients",
        Some(json!({"year": 2026, "count": 12, "testimonial_refused": 4})),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let (status, report) = api(&app, &w.member, reqwest::Method::GET, path, None).await;
    assert_eq!(status, 200);
    assert_eq!(report["policy_version"], 1);
    assert_eq!(report["clients"]["clients"], 12);
    let case = line(&report, "case_study");
    assert_eq!(case["required"], 3);
    assert_eq!(case["approved"], 0);
    assert_eq!(
        case["explanation"],
        "12 clients × 20% = 2.4 → 3 case studies (rounded up)."
    );
    assert_eq!(case["arithmetic"]["hundredths"], 240);
    assert_eq!(case["anonymous_allowed"], true);
    assert!(case["exemptions"].as_array().expect("list").is_empty());
    let testimonial = line(&report, "testimonial");
    assert_eq!(testimonial["required"], 2, "8 × 20% = 1.6 → 2");
    assert_eq!(testimonial["exemptions"][0]["removed"], 1);
    assert_eq!(
        testimonial["exemptions"][0]["reason"],
        "testimonial_refused"
    );
    assert_eq!(
        testimonial["exemptions"][0]["text"],
        "4 clients refused to give a testimonial, which removes 1 testimonial (8 clients left to ask)."
    );
    assert_eq!(line(&report, "logo")["required"], 1);
    assert_eq!(
        line(&report, "article")["explanation"],
        "Fixed by the policy: 1 article."
    );
    assert!(
        ["on_track", "behind", "overdue"].contains(&case["status"].as_str().unwrap_or("")),
        "{case}"
    );

    // The partner's page shows the same, in the reader's language.
    let c = app.login("member@a.example").await;
    let html = c
        .get(app.url("/partners/org-a/obligations?year=2026"))
        .header("accept-language", "es")
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("12 clientes × 20 % = 2,4 → 3 casos de estudio"),
        "{html}"
    );
    assert!(
        html.contains("4 clientes rechazaron dar un testimonio"),
        "{html}"
    );
    assert!(!html.contains("Unknown localization key"));
    // A member may read but not declare: no link to the form.
    assert!(!html.contains("/partners/org-a/clients"));

    // The partner admin declares a list on the page: one client refused its logo.
    let c = app.login("pa@a.example").await;
    let res = app
        .post_form(
            &c,
            "/partners/org-a/clients?year=2026",
            "/partners/org-a/clients",
            &[
                ("year", "2026"),
                ("mode", "list"),
                ("organization", "Universidade Exemplo"),
                ("country", "br"),
                ("segment", "higher-education"),
                ("acquired_on", "2026-03-02"),
                ("logo_consent", "refused"),
                ("testimonial_consent", "unknown"),
                ("evidence", "Email of 2026-03-05"),
                ("organization", ""),
                ("country", ""),
                ("segment", ""),
                ("acquired_on", ""),
                ("logo_consent", "unknown"),
                ("testimonial_consent", "unknown"),
                ("evidence", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, clients) = api(
        &app,
        &w.partner_admin,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/clients?year=2026",
        None,
    )
    .await;
    assert_eq!(clients["kind"], "list");
    assert_eq!(
        clients["clients"][0]["organization"],
        "Universidade Exemplo"
    );
    assert_eq!(clients["clients"][0]["country"], "BR");
    assert_eq!(clients["counts"]["logo_refused"], 1);
    let (_, report) = api(&app, &w.member, reqwest::Method::GET, path, None).await;
    let logo = line(&report, "logo");
    assert_eq!(logo["required"], 0, "the only client refused its logo");
    assert_eq!(logo["exemptions"][0]["reason"], "logo_refused");
    assert_eq!(
        line(&report, "case_study")["required"],
        1,
        "1 × 20% = 0.2 → 1"
    );
    // The form shows the declared list back.
    let form = c
        .get(app.url("/partners/org-a/clients?year=2026"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(form.contains("Universidade Exemplo"), "{form}");
}

async fn bad_declarations_are_refused_by_field_and_change_nothing(app: TestApp) {
    let w = world(&app).await;
    let put = |body: Value| {
        let app = &app;
        let token = w.partner_admin.clone();
        async move {
            api(
                app,
                &token,
                reqwest::Method::PUT,
                "/api/v1/partners/org-a/clients",
                Some(body),
            )
            .await
        }
    };
    let (status, body) = put(json!({"year": 2026, "count": -3})).await;
    assert_eq!(status, 422);
    assert!(body["errors"]["count"].is_string(), "{body}");
    let (status, body) = put(json!({"year": 2026, "count": 5_000_000})).await;
    assert_eq!(status, 422);
    assert!(body["errors"]["count"].is_string(), "{body}");
    let (status, body) = put(json!({"year": 2026, "count": 3, "logo_refused": 4})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["errors"]["logo_refused"],
        "This cannot be more than the number of clients."
    );
    let (status, body) = put(json!({"year": 2026, "clients": [{
        "organization": "Escola", "country": "BR", "acquired_on": "2026-01-10", "logo_consent": "given"
    }]}))
    .await;
    assert_eq!(status, 422);
    assert!(body["errors"]["clients[0].evidence"].is_string(), "{body}");
    let (status, body) = put(json!({"year": 2026, "count": "many"})).await;
    assert_eq!(status, 422, "{body}");
    let (_, clients) = api(
        &app,
        &w.partner_admin,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/clients?year=2026",
        None,
    )
    .await;
    assert_eq!(clients["declared"], false, "nothing was declared");

    // The page re-renders with the field's message, and nothing changes.
    let c = app.login("pa@a.example").await;
    for count in ["-1", "lots"] {
        let res = app
            .post_form(
                &c,
                "/partners/org-a/clients?year=2026",
                "/partners/org-a/clients",
                &[("year", "2026"), ("mode", "count"), ("count", count)],
            )
            .await;
        assert_eq!(res.status(), 422, "{count}");
        let html = res.text().await.expect("body");
        assert!(
            html.contains("Enter a whole number in the allowed range."),
            "{html}"
        );
        assert!(html.contains("aria-invalid=\"true\""));
    }
    let res = app
        .post_form(
            &c,
            "/partners/org-a/clients?year=2026",
            "/partners/org-a/clients",
            &[
                ("year", "2026"),
                ("mode", "list"),
                ("organization", "Escola"),
                ("country", "zz"),
                ("acquired_on", "2025-12-31"),
                ("logo_consent", "unknown"),
                ("testimonial_consent", "unknown"),
                ("evidence", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("Client 1, Country (two-letter code)"),
        "{html}"
    );
    assert!(html.contains("The date must be within the declared year."));
    let (_, clients) = api(
        &app,
        &w.partner_admin,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/clients?year=2026",
        None,
    )
    .await;
    assert_eq!(clients["declared"], false);
    let (status, body) = api(
        &app,
        &w.partner_admin,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/obligations?year=1850",
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["errors"]["year"].is_string());
}

async fn only_the_partners_people_see_and_only_its_admins_declare(app: TestApp) {
    let w = world(&app).await;
    let path = "/api/v1/partners/org-a/obligations?year=2026";
    for (token, expected) in [
        (&w.member, 200),
        (&w.partner_admin, 200),
        (&w.admin, 200),
        (&w.outsider, 403),
    ] {
        let (status, _) = api(&app, token, reqwest::Method::GET, path, None).await;
        assert_eq!(status, expected);
    }
    let (status, _) = api(&app, "nope", reqwest::Method::GET, path, None).await;
    assert_eq!(status, 401);
    let declaration = json!({"year": 2026, "count": 2});
    for (token, expected) in [(&w.member, 403), (&w.outsider, 403), (&w.admin, 200)] {
        let (status, _) = api(
            &app,
            token,
            reqwest::Method::PUT,
            "/api/v1/partners/org-a/clients",
            Some(declaration.clone()),
        )
        .await;
        assert_eq!(status, expected);
    }
    let (status, _) = api(
        &app,
        &w.member,
        reqwest::Method::GET,
        "/api/v1/partners/no-such-org/obligations",
        None,
    )
    .await;
    assert_eq!(status, 404);
}

async fn admins_adopt_policy_versions_citing_a_decision(app: TestApp) {
    let w = world(&app).await;
    let post = |token: String, body: Value| {
        let app = &app;
        async move {
            api(
                app,
                &token,
                reqwest::Method::POST,
                "/api/v1/obligation-policy",
                Some(body),
            )
            .await
        }
    };
    let (status, body) = post(w.admin.clone(), policy(150)).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["errors"]["case_study.percent"],
        "Enter a whole percentage from 0 to 100."
    );
    let mut cited = policy(25);
    cited["decision_id"] = json!(999);
    let (status, body) = post(w.admin.clone(), cited).await;
    assert_eq!(status, 422);
    assert!(body["errors"]["decision_id"].is_string(), "{body}");
    let (status, _) = post(w.partner_admin.clone(), policy(25)).await;
    assert_eq!(status, 403);
    let (status, body) = post(w.admin.clone(), policy(25)).await;
    assert_eq!(status, 201);
    assert_eq!(body["version"], 2);

    let (status, history) = api(
        &app,
        "",
        reqwest::Method::GET,
        "/api/v1/obligation-policy",
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(history["versions"].as_array().expect("list").len(), 2);
    // Public: who adopted each version is named, never by address.
    assert!(!history.to_string().contains('@'), "{history}");
    assert_eq!(
        history["versions"][0]["policy"]["case_study"]["percent"],
        25
    );

    // The admin page: a percentage out of range is shown on the form and adopts nothing.
    let c = app.login("admin@example.org").await;
    let html = c
        .get(app.url("/admin/obligations"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("25% of the year&#39;s clients, rounded up"),
        "{html}"
    );
    let mut fields: Vec<(String, String)> = vec![];
    for t in ["case_study", "article", "testimonial", "logo"] {
        fields.push((format!("{t}.kind"), "share".into()));
        fields.push((format!("{t}.percent"), "20".into()));
        fields.push((format!("{t}.rounding"), "up".into()));
    }
    fields.push(("first_year".into(), "2027".into()));
    fields.push(("note".into(), "From the page".into()));
    let mut bad = fields.clone();
    bad[1].1 = "101".into();
    let token = app.csrf(&c, "/admin/obligations").await;
    let mut form = bad;
    form.push(("csrf_token".into(), token.clone()));
    let res = c
        .post(app.url("/admin/obligations"))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("Enter a whole percentage from 0 to 100."),
        "{html}"
    );
    let mut form = fields;
    form.push(("csrf_token".into(), token));
    let res = c
        .post(app.url("/admin/obligations"))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    let (_, history) = api(
        &app,
        "",
        reqwest::Method::GET,
        "/api/v1/obligation-policy",
        None,
    )
    .await;
    assert_eq!(history["versions"].as_array().expect("list").len(), 3);
    assert_eq!(history["versions"][0]["note"], "From the page");
}

async fn partners_register_deals_the_foundation_sees_overlaps_and_a_won_deal_is_a_client(
    app: TestApp,
) {
    let w = world(&app).await;
    let expected = (app.clock.now() + chrono::Duration::days(60))
        .format("%Y-%m-%d")
        .to_string();
    let deal = |org: &str| {
        json!({"organization": org, "country": "fr", "segment": "higher-education",
            "expected_on": expected, "note": "Two faculties"})
    };
    // Bad input names each field and registers nothing.
    let (status, err) = api(
        &app,
        &w.member,
        reqwest::Method::POST,
        "/api/v1/partners/org-a/deals",
        Some(json!({"organization": "...", "country": "XX", "expected_on": "1999-01-01"})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(err["codes"]["organization"], "invalid-organization");
    assert!(err["codes"]["country"].is_string());
    assert_eq!(err["codes"]["expected_on"], "date-out-of-range");
    let (_, list) = api(
        &app,
        &w.member,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/deals",
        None,
    )
    .await;
    assert_eq!(list, json!([]));
    // A deal for another partner is refused.
    let (status, _) = api(
        &app,
        &w.outsider,
        reqwest::Method::POST,
        "/api/v1/partners/org-a/deals",
        Some(deal("Acme")),
    )
    .await;
    assert_eq!(status, 403);

    // Org A's member and Org B's member register the same university, written differently.
    let (status, mine) = api(
        &app,
        &w.member,
        reqwest::Method::POST,
        "/api/v1/partners/org-a/deals",
        Some(deal("Université de Lyon")),
    )
    .await;
    assert_eq!(status, 201, "{mine}");
    let (status, _) = api(
        &app,
        &w.outsider,
        reqwest::Method::POST,
        "/api/v1/partners/org-b/deals",
        Some(deal("UNIVERSITE DE LYON, Inc.")),
    )
    .await;
    assert_eq!(status, 201);
    // Each partner sees its own, without who else registered it.
    let (_, list) = api(
        &app,
        &w.member,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/deals",
        None,
    )
    .await;
    assert_eq!(list.as_array().expect("list").len(), 1);
    assert_eq!(list[0]["also_registered_by"], json!([]));
    let (status, _) = api(
        &app,
        &w.outsider,
        reqwest::Method::GET,
        "/api/v1/partners/org-a/deals",
        None,
    )
    .await;
    assert_eq!(status, 403);
    // The prospect then sends a lead through the public form's API.
    let (status, _) = api(
        &app,
        "",
        reqwest::Method::POST,
        "/api/v1/leads",
        Some(json!({"organization": "Université de Lyon", "contact_name": "Dean", "email": "dean@lyon.example",
            "country": "FR", "languages": ["fr"], "services": ["hosting"], "consent": true})),
    )
    .await;
    assert!(status == 201 || status == 202, "{status}");
    // The foundation sees both flags.
    let (status, all) = api(&app, &w.admin, reqwest::Method::GET, "/api/v1/deals", None).await;
    assert_eq!(status, 200);
    let ours = all
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["id"] == mine["id"])
        .expect("our deal")
        .clone();
    assert_eq!(ours["also_registered_by"], json!(["Org B"]));
    let lead = ours["leads"][0].as_i64().expect("the lead is flagged");
    let admin = app.login("admin@example.org").await;
    let page = admin
        .get(app.url(&format!("/admin/leads/{lead}")))
        .send()
        .await
        .expect("lead page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("registered this organization as a deal"),
        "{page}"
    );
    let (status, _) = api(&app, &w.member, reqwest::Method::GET, "/api/v1/deals", None).await;
    assert_eq!(status, 403);

    // A member may not win it: a won deal changes the declared clients, which only admins declare.
    let id = mine["id"].as_i64().expect("id");
    let (status, _) = api(
        &app,
        &w.member,
        reqwest::Method::POST,
        &format!("/api/v1/partners/org-a/deals/{id}/close"),
        Some(json!({"status": "won"})),
    )
    .await;
    assert_eq!(status, 403);
    // Won by the partner's admin, through the page: the university is one of this year's clients.
    let pa = app.login("pa@a.example").await;
    let res = app
        .post_form(
            &pa,
            "/partners/org-a/deals",
            &format!("/partners/org-a/deals/{id}/close"),
            &[("status", "won")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let year = chrono::Datelike::year(&app.clock.now().date_naive());
    let (_, clients) = api(
        &app,
        &w.partner_admin,
        reqwest::Method::GET,
        &format!("/api/v1/partners/org-a/clients?year={year}"),
        None,
    )
    .await;
    assert!(
        clients.to_string().contains("Université de Lyon"),
        "{clients}"
    );
    // Closing again is refused, by field.
    let res = app
        .post_form(
            &pa,
            "/partners/org-a/deals",
            &format!("/partners/org-a/deals/{id}/close"),
            &[("status", "lost")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.expect("html").contains("already closed"));
}

/// Mail queued to `to` whose subject names the marketing obligations.
async fn reminders_to(app: &TestApp, to: &str) -> usize {
    mail_to(app, to)
        .await
        .iter()
        .filter(|m| m.subject.starts_with("Marketing obligations"))
        .count()
}

async fn partners_behind_are_reminded_once_at_each_point_before_the_year_ends(app: TestApp) {
    let _w = world(&app).await;
    let run = || async {
        let mut jobs = agora_web::jobs::Jobs::default();
        jobs.add(agora_web::contributions::compliance::reminders_job(
            app.store.clone(),
            agora_web::contributions::compliance::REMINDERS_EVERY,
        ));
        agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await
    };
    // Whatever the day the test runs: to the next 2 December (30 days before the year ends).
    let now = app.clock.now();
    let this_year = chrono::Datelike::year(&now);
    let dec2 = |y: i32| {
        chrono::NaiveDate::from_ymd_opt(y, 12, 2)
            .expect("date")
            .and_hms_opt(9, 0, 0)
            .expect("time")
            .and_utc()
    };
    let target = if dec2(this_year) >= now {
        dec2(this_year)
    } else {
        dec2(this_year + 1)
    };
    app.clock.advance(target - now);
    // Nothing approved, nothing declared: both partners owe the fixed article and logo.
    assert!(run().await.iter().all(|(_, ok)| *ok));
    assert_eq!(reminders_to(&app, "pa@a.example").await, 1);
    assert_eq!(reminders_to(&app, "member@a.example").await, 1);
    assert_eq!(reminders_to(&app, "member@b.example").await, 1);
    // The same point again: no second mail.
    app.clock.advance(chrono::Duration::hours(7));
    run().await;
    assert_eq!(reminders_to(&app, "pa@a.example").await, 1);
    // A week before the end: the next point.
    app.clock.advance(chrono::Duration::days(23));
    run().await;
    assert_eq!(reminders_to(&app, "pa@a.example").await, 2);
    let mail = app.store.outbox_recent(50).await.expect("outbox");
    let body = &mail
        .iter()
        .find(|m| m.to_address == "pa@a.example" && m.subject.starts_with("Marketing obligations"))
        .expect("reminder")
        .body;
    assert!(body.contains("/partners/org-a/obligations?year="), "{body}");
}
