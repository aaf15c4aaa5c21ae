//! Marketing contributions over HTTP: a partner submits, a Marketing WG member asks for changes,
//! the partner resubmits, the reviewer approves and the obligations count it; bad input and
//! reviews from outside the group are refused and change nothing, on both databases.

use super::helpers::{api, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    a_contribution_is_reviewed_and_counts_toward_the_obligations,
    bad_contributions_and_outside_reviews_are_refused_and_change_nothing,
    articles_need_an_approved_topic,
    the_pages_submit_review_and_resubmit
);

struct World {
    admin: String,
    member: String,
    outsider: String,
    reviewer: String,
    /// A Marketing WG facilitator who works for Org A.
    insider: String,
    /// Joined the Marketing WG (anyone may): a member, not a reviewer.
    joiner: String,
}

async fn world(app: &TestApp) -> World {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let b = app.partner("Org B", PartnerStatus::Active).await;
    let wg = app
        .store
        .create_body(
            &agora_store::NewBody {
                slug: "marketing-wg".into(),
                name: "Marketing Working Group".into(),
                description: String::new(),
                visibility: agora_domain::governance::Visibility::Public,
                min_close_hours: 24,
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("body");
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
    let member = app
        .person("member@a.example", &[grant(Role::PartnerMember, a.id)])
        .await;
    let outsider = app
        .person("member@b.example", &[grant(Role::PartnerMember, b.id)])
        .await;
    let reviewer = app
        .person("reviewer@mwg.example", &[grant(Role::Facilitator, wg.id)])
        .await;
    let insider = app
        .person(
            "insider@a.example",
            &[
                grant(Role::Facilitator, wg.id),
                grant(Role::PartnerMember, a.id),
            ],
        )
        .await;
    let joiner = app
        .person("joiner@c.example", &[grant(Role::GroupMember, wg.id)])
        .await;
    let w = World {
        admin: app.token(admin).await,
        member: app.token(member).await,
        outsider: app.token(outsider).await,
        reviewer: app.token(reviewer).await,
        insider: app.token(insider).await,
        joiner: app.token(joiner).await,
    };
    let one = json!({"kind": "fixed", "count": 1});
    let (status, body) = api(
        app,
        &w.admin,
        Method::POST,
        "/api/v1/obligation-policy",
        Some(
            json!({"case_study": one, "article": one, "testimonial": one, "logo": one,
                    "first_year": 2020, "note": "Part 5"}),
        ),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    w
}

fn case_study() -> Value {
    json!({"type": "case_study", "title": "Forty courses moved", "link": "https://example.org/case",
           "client": "Universidad Austral", "language": "es",
           "year": chrono::Datelike::year(&chrono::Utc::now())})
}

async fn approved(app: &TestApp, token: &str, kind: &str) -> Value {
    let (status, report) = api(
        app,
        token,
        Method::GET,
        "/api/v1/partners/org-a/obligations?year=2026",
        None,
    )
    .await;
    assert_eq!(status, 200, "{report}");
    report["obligations"]
        .as_array()
        .expect("list")
        .iter()
        .find(|o| o["type"] == kind)
        .expect("line")["approved"]
        .clone()
}

async fn a_contribution_is_reviewed_and_counts_toward_the_obligations(app: TestApp) {
    let w = world(&app).await;
    let (status, body) = api(
        &app,
        &w.member,
        Method::POST,
        "/api/v1/partners/org-a/contributions",
        Some(case_study()),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().expect("id");
    let path = format!("/api/v1/contributions/{id}");

    // The reviewer finds it in the queue and in what needs them; the insider does not.
    let (status, queue) = api(
        &app,
        &w.reviewer,
        Method::GET,
        "/api/v1/marketing/reviews",
        None,
    )
    .await;
    assert_eq!(status, 200, "{queue}");
    assert_eq!(queue["contributions"][0]["id"], id);
    let (_, tasks) = api(&app, &w.reviewer, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(tasks.to_string().contains("Forty courses moved"), "{tasks}");
    let (_, tasks) = api(&app, &w.insider, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(!tasks.to_string().contains("Review “Forty"), "{tasks}");

    let (status, body) = api(
        &app,
        &w.reviewer,
        Method::POST,
        &format!("{path}/review"),
        Some(json!({"verdict": "request_changes", "comment": "Add the numbers."})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "changes_requested");
    // The partner now has an item, and resubmits.
    let (_, tasks) = api(&app, &w.member, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(tasks.to_string().contains("/contributions/"), "{tasks}");
    let mut changed = case_study();
    changed["title"] = json!("Forty courses moved, in numbers");
    let (status, body) = api(&app, &w.member, Method::PUT, &path, Some(changed)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["contribution"]["state"], "resubmitted");
    assert_eq!(approved(&app, &w.member, "case_study").await, 0);

    let (status, body) = api(
        &app,
        &w.reviewer,
        Method::POST,
        &format!("{path}/review"),
        Some(json!({"verdict": "approve"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "approved");
    assert_eq!(approved(&app, &w.member, "case_study").await, 1);

    // The history keeps both versions and the comments, by display name.
    let (status, detail) = api(&app, &w.member, Method::GET, &path, None).await;
    assert_eq!(status, 200);
    let kinds: Vec<&str> = detail["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        ["submitted", "request_changes", "resubmitted", "approve"]
    );
    assert_eq!(
        detail["history"][0]["version"]["title"],
        "Forty courses moved"
    );
    assert_eq!(detail["history"][1]["comment"], "Add the numbers.");
    assert!(!detail.to_string().contains("reviewer@mwg.example"));
    // Another partner's people do not see it.
    let (status, _) = api(&app, &w.outsider, Method::GET, &path, None).await;
    assert_eq!(status, 403);
}

async fn bad_contributions_and_outside_reviews_are_refused_and_change_nothing(app: TestApp) {
    let w = world(&app).await;
    let list = "/api/v1/partners/org-a/contributions";
    // For another partner.
    let (status, _) = api(&app, &w.outsider, Method::POST, list, Some(case_study())).await;
    assert_eq!(status, 403);
    // A logo without consent evidence, anonymous.
    let (status, body) = api(
        &app,
        &w.member,
        Method::POST,
        list,
        Some(
            json!({"type": "logo", "title": "Logo", "link": "https://example.org/l",
                    "anonymous": true, "language": "en"}),
        ),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let text = body.to_string();
    assert!(text.contains("consent_evidence"), "{text}");
    assert!(text.contains("consent-evidence-required"), "{text}");
    assert!(text.contains("client-must-be-named"), "{text}");
    let (status, body) = api(
        &app,
        &w.member,
        Method::POST,
        list,
        Some(
            json!({"type": "testimonial", "title": "T", "text": "Great.", "client": "X",
                    "language": "en"}),
        ),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("consent_evidence"), "{body}");
    let (_, all) = api(&app, &w.member, Method::GET, list, None).await;
    assert!(all["contributions"].as_array().expect("list").is_empty());

    let (status, body) = api(&app, &w.member, Method::POST, list, Some(case_study())).await;
    assert_eq!(status, 201, "{body}");
    let review = format!("/api/v1/contributions/{}/review", body["id"]);
    let approve = json!({"verdict": "approve"});
    // Not reviewers: partners, other partners, a person who joined the Marketing WG (anyone may);
    // and a facilitator of the group who works for the partner.
    for token in [&w.member, &w.outsider, &w.joiner, &w.insider] {
        let (status, body) = api(&app, token, Method::POST, &review, Some(approve.clone())).await;
        assert_eq!(status, 403, "{body}");
    }
    let (status, _) = reqwest::Client::new()
        .post(app.url(&review))
        .json(&approve)
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .expect("send");
    assert_eq!(status, 401);
    // A rejection needs its reason.
    let (status, body) = api(
        &app,
        &w.reviewer,
        Method::POST,
        &review,
        Some(json!({"verdict": "reject"})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("comment"), "{body}");
    assert_eq!(approved(&app, &w.member, "case_study").await, 0);
    let (_, all) = api(&app, &w.member, Method::GET, list, None).await;
    assert_eq!(all["contributions"][0]["state"], "submitted");
    // Resubmitting what was not sent back is refused.
    let (status, body) = api(
        &app,
        &w.member,
        Method::PUT,
        &format!("/api/v1/contributions/{}", all["contributions"][0]["id"]),
        Some(case_study()),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("not-awaiting-changes"), "{body}");
}

async fn articles_need_an_approved_topic(app: TestApp) {
    let w = world(&app).await;
    let list = "/api/v1/partners/org-a/contributions";
    let article = |topic: Value| {
        json!({"type": "article", "title": "Vocational schools", "text": "…", "anonymous": true,
               "language": "en", "topic_id": topic})
    };
    let (status, body) = api(
        &app,
        &w.member,
        Method::POST,
        list,
        Some(article(Value::Null)),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("topic-required"), "{body}");
    let (status, body) = api(
        &app,
        &w.member,
        Method::POST,
        "/api/v1/partners/org-a/topics",
        Some(json!({"title": "Vocational schools", "summary": "Three schools."})),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let topic = body["id"].clone();
    let (status, body) = api(
        &app,
        &w.member,
        Method::POST,
        list,
        Some(article(topic.clone())),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("topic-not-approved"), "{body}");
    let review = format!("/api/v1/topics/{topic}/review");
    let (status, _) = api(
        &app,
        &w.insider,
        Method::POST,
        &review,
        Some(json!({"verdict": "approve"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = api(
        &app,
        &w.reviewer,
        Method::POST,
        &review,
        Some(json!({"verdict": "approve", "comment": "Welcome."})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["state"], "approved");
    let (status, body) = api(&app, &w.member, Method::POST, list, Some(article(topic))).await;
    assert_eq!(status, 201, "{body}");
    let (_, topics) = api(
        &app,
        &w.member,
        Method::GET,
        "/api/v1/partners/org-a/topics",
        None,
    )
    .await;
    assert_eq!(topics["topics"][0]["review_comment"], "Welcome.");
}

async fn the_pages_submit_review_and_resubmit(app: TestApp) {
    let _w = world(&app).await;
    let partner = app.login("member@a.example").await;
    let page = "/partners/org-a/contributions";
    // A refused form says which field, and nothing is stored.
    let res = app
        .post_form(
            &partner,
            page,
            page,
            &[
                ("type", "logo"),
                ("title", "Our client's logo"),
                ("link", "https://example.org/logo"),
                ("client", "Acme"),
                ("language", "en"),
                ("year", "2026"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("Consent evidence: Say where the client"),
        "{html}"
    );
    assert!(html.contains("aria-invalid=\"true\""));
    let res = app
        .post_form(
            &partner,
            page,
            page,
            &[
                ("type", "case_study"),
                ("title", "Forty courses"),
                ("link", "https://example.org/c"),
                ("client", "Acme"),
                ("language", "en"),
                ("year", "2026"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let url = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("location")
        .to_string();
    assert!(url.starts_with("/contributions/"), "{url}");

    let reviewer = app.login("reviewer@mwg.example").await;
    let queue = reviewer
        .get(app.url("/marketing/reviews"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(queue.contains("Forty courses"), "{queue}");
    // A reviewer from outside the partner goes back to the queue, not to a page it may not open.
    let detail_html = reviewer
        .get(app.url(&url))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        detail_html.contains(r#"href="/marketing/reviews""#),
        "{detail_html}"
    );
    assert!(!detail_html.contains("/contributions\">←"), "{detail_html}");
    // A request for changes without a comment is refused, then given.
    let res = app
        .post_form(
            &reviewer,
            &url,
            &format!("{url}/review"),
            &[("verdict", "request_changes")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let res = app
        .post_form(
            &reviewer,
            &url,
            &format!("{url}/review"),
            &[
                ("verdict", "request_changes"),
                ("comment", "Name the numbers."),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let html = partner
        .get(app.url(&url))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("Name the numbers."), "{html}");
    assert!(html.contains(&format!("{url}/resubmit")), "{html}");
    let res = app
        .post_form(
            &partner,
            &url,
            &format!("{url}/resubmit"),
            &[
                ("type", "case_study"),
                ("title", "Forty courses, with numbers"),
                ("link", "https://example.org/c"),
                ("client", "Acme"),
                ("language", "en"),
                ("year", "2026"),
            ],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let res = app
        .post_form(
            &reviewer,
            &url,
            &format!("{url}/review"),
            &[("verdict", "approve")],
        )
        .await;
    assert_eq!(res.status().as_u16(), 303);
    let html = partner
        .get(app.url("/partners/org-a/obligations?year=2026"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(!html.contains("Unknown localization key"));
    let list = partner
        .get(app.url(page))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(list.contains("Forty courses, with numbers"), "{list}");
    assert!(list.contains("Approved"), "{list}");
}

both_backends!(the_foundation_sees_compliance_across_partners_and_a_partner_its_own);

async fn the_foundation_sees_compliance_across_partners_and_a_partner_its_own(app: TestApp) {
    let w = world(&app).await;
    // Org A declares clients; a partner name that looks like a formula is neutralised in the CSV.
    let (status, _) = api(
        &app,
        &w.member,
        Method::POST,
        "/api/v1/partners/org-a/contributions",
        Some(case_study()),
    )
    .await;
    assert_eq!(status, 201);
    let (_, list) = api(
        &app,
        &w.member,
        Method::GET,
        "/api/v1/partners/org-a/contributions",
        None,
    )
    .await;
    let id = &list["contributions"][0]["id"];
    let (status, _) = api(
        &app,
        &w.reviewer,
        Method::POST,
        &format!("/api/v1/contributions/{id}/review"),
        Some(json!({"verdict": "approve"})),
    )
    .await;
    assert_eq!(status, 200);
    app.partner("=HYPERLINK(1)", PartnerStatus::Active).await;

    let (status, body) = api(
        &app,
        &w.admin,
        Method::GET,
        "/api/v1/admin/compliance?from=2025&to=2026",
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let rows = body["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 3 * 2, "{body}");
    let a2026 = rows
        .iter()
        .find(|r| r["partner"] == "org-a" && r["year"] == 2026)
        .expect("row");
    assert_eq!(a2026["standings"][0]["type"], "case_study");
    assert_eq!(a2026["standings"][0]["approved"], 1);
    assert_eq!(a2026["standings"][0]["required"], 1);
    assert_eq!(a2026["standings"][0]["status"], "met");
    assert_eq!(a2026["still_due"], 3);

    // Partners do not see the view across partners.
    for token in [&w.member, &w.reviewer] {
        let (status, _) = api(&app, token, Method::GET, "/api/v1/admin/compliance", None).await;
        assert_eq!(status, 403);
    }
    // Bad years are refused by field.
    let (status, body) = api(
        &app,
        &w.admin,
        Method::GET,
        "/api/v1/admin/compliance?from=2020&to=2035",
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("too-many-years"), "{body}");
    let (status, body) = api(
        &app,
        &w.admin,
        Method::GET,
        "/api/v1/admin/compliance?year=abc",
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("year"), "{body}");

    let admin = app.login("admin@example.org").await;
    let csv = admin
        .get(app.url("/admin/compliance.csv?year=2026"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        csv.starts_with("partner,name,year,case_study_required"),
        "{csv}"
    );
    assert!(csv.contains("org-a,Org A,2026,1,1,met"), "{csv}");
    assert!(csv.contains(",'=HYPERLINK(1),"), "{csv}");
    let html = admin
        .get(app.url("/admin/compliance?year=2026"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("1 / 1"), "{html}");
    assert!(!html.contains("Unknown localization key"));

    // In the year's last weeks, a partner still short sees it in what needs it; others do not.
    let now = app.clock.now();
    use chrono::{Datelike, TimeZone};
    let late = chrono::Utc
        .with_ymd_and_hms(now.year(), 12, 20, 12, 0, 0)
        .single()
        .expect("date");
    if late > now {
        app.clock.advance(late - now);
    }
    let (_, tasks) = api(&app, &w.member, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(tasks.to_string().contains("still due for"), "{tasks}");
    assert!(
        tasks.to_string().contains("/partners/org-a/obligations"),
        "{tasks}"
    );
    let (_, tasks) = api(&app, &w.reviewer, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(!tasks.to_string().contains("still due for"), "{tasks}");
}

both_backends!(approved_contributions_show_in_public_without_private_data);

async fn approved_contributions_show_in_public_without_private_data(app: TestApp) {
    let w = world(&app).await;
    let mut logo = case_study();
    logo["type"] = json!("logo");
    logo["title"] = json!("Universidad Austral's logo");
    logo["consent_evidence"] = json!("Signed release ref. SECRET-42");
    let mut ids = vec![];
    for body in [case_study(), logo] {
        let (status, created) = api(
            &app,
            &w.member,
            Method::POST,
            "/api/v1/partners/org-a/contributions",
            Some(body),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        ids.push(created["id"].clone());
    }
    // Only the approved one is public.
    let (status, _) = api(
        &app,
        &w.reviewer,
        Method::POST,
        &format!("/api/v1/contributions/{}/review", ids[0]),
        Some(json!({"verdict": "approve"})),
    )
    .await;
    assert_eq!(status, 200);
    let anonymous = reqwest::Client::new();
    let get = |path: &str| {
        let req = anonymous.get(app.url(path)).header("accept-language", "en");
        async move {
            let res = req.send().await.expect("get");
            (res.status().as_u16(), res.text().await.expect("body"))
        }
    };
    let (status, profile) = get("/partners/org-a").await;
    assert_eq!(status, 200);
    assert!(profile.contains("Case studies and references"), "{profile}");
    assert!(profile.contains("Forty courses moved"), "{profile}");
    assert!(!profile.contains("logo"), "{profile}");
    let (status, showcase) = get("/showcase").await;
    assert_eq!(status, 200);
    assert!(showcase.contains("Forty courses moved"), "{showcase}");
    // 11-50 people: a smaller company, marked.
    assert!(showcase.contains("Smaller company"), "{showcase}");
    assert!(!showcase.contains("SECRET-42"));
    assert!(!showcase.contains("Unknown localization key"));
    let (_, json) =
        get("/api/v1/showcase?type=case_study&segment=higher-education&region=europe").await;
    let json: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(json["contributions"][0]["title"], "Forty courses moved");
    assert_eq!(json["contributions"][0]["highlighted"], true);
    assert!(json["contributions"][0].get("consent_evidence").is_none());
    let (_, json) = get("/api/v1/showcase?type=logo").await;
    let json: Value = serde_json::from_str(&json).expect("json");
    assert!(json["contributions"].as_array().expect("list").is_empty());
    let (_, json) = get("/api/v1/showcase?segment=corporate").await;
    let json: Value = serde_json::from_str(&json).expect("json");
    assert!(json["contributions"].as_array().expect("list").is_empty());
    let (status, body) = get("/api/v1/showcase?segment=bakeries&region=atlantis").await;
    assert_eq!(status, 422);
    assert!(
        body.contains("segment") && body.contains("region"),
        "{body}"
    );
}
