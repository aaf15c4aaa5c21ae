//! A group's OKRs over HTTP, on both databases: a facilitator sets objectives (one serving the parent
//! group's) and key results (five at most), members check in, bad input is a 422 naming the field and
//! changes nothing, the group's page, the parent's page and a key result's page with its chart, what
//! needs me after 14 quiet days, the closed period and the end-of-period score.

use super::helpers::TestApp;
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::groups::okrs::Quarter;
use agora_domain::permissions::{Grant, Role};
use agora_store::{NewBody, Who};
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(
    facilitators_set_okrs_members_check_in_and_parents_see_the_roll_up,
    check_ins_close_with_the_period_and_facilitators_score,
    a_members_only_parents_objectives_are_not_named_through_a_public_subgroup,
    proposed_objectives_gather_comments_until_the_facilitators_adopt_them,
    key_results_follow_figures_agora_computes
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

async fn api(app: &TestApp, token: &str, method: Method, path: &str, body: Value) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .request(method.clone(), app.url(path))
        .bearer_auth(token);
    if method != Method::GET {
        req = req.json(&body);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let res = c.get(app.url(path)).send().await.expect("get");
    assert_eq!(res.status(), 200, "{path}");
    let html = res.text().await.expect("body");
    assert!(!html.contains("Unknown localization key"), "{html}");
    html
}

/// Biz Dev (parent, with an admin-set objective) and its focus group Market Expansion, whose
/// facilitator, member and an outsider the tests act as. Returns (parent objective, fac, member, outsider).
async fn setup(app: &TestApp) -> (i64, i64, i64, i64, i64) {
    let mut ids = vec![];
    for (slug, name) in [
        ("biz-dev", "Biz Dev Working Group"),
        ("market", "Market Penetration and Expansion"),
    ] {
        let b = app
            .store
            .create_body(
                &NewBody {
                    slug: slug.into(),
                    name: name.into(),
                    description: String::new(),
                    visibility: Visibility::Public,
                    min_close_hours: 24,
                },
                &Who::system(),
            )
            .await
            .expect("body");
        ids.push(b.id);
    }
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, ids[1])])
        .await;
    let member = app
        .person("member@example.org", &[grant(Role::GroupMember, ids[1])])
        .await;
    let outsider = app.person("out@example.org", &[]).await;
    let admin_token = app.token(admin).await;
    let (status, _) = api(
        app,
        &admin_token,
        Method::PUT,
        "/api/v1/groups/market",
        json!({"kind": "focus-group", "parent": "biz-dev", "membership": "by-request",
               "visibility": "public", "purpose": "New regions"}),
    )
    .await;
    assert_eq!(status, 204);
    let (status, goal) = api(
        app,
        &admin_token,
        Method::POST,
        "/api/v1/groups/biz-dev/objectives",
        json!({"title": "Grow the Open edX ecosystem"}),
    )
    .await;
    assert_eq!(status, 201, "{goal}");
    (
        goal["id"].as_i64().expect("id"),
        ids[1],
        fac,
        member,
        outsider,
    )
}

async fn facilitators_set_okrs_members_check_in_and_parents_see_the_roll_up(app: TestApp) {
    let (goal, market, fac, member, outsider) = setup(&app).await;
    let fac_token = app.token(fac).await;
    let member_token = app.token(member).await;
    let out_token = app.token(outsider).await;

    // Only a facilitator (or an admin) sets objectives; alignment must be the parent's.
    let (status, _) = api(
        &app,
        &member_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "Enter new markets"}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "Enter new markets", "aligned_to": "999999"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["aligned_to"].as_str()),
        (422, Some("not-parent-objective"))
    );
    let (status, o) = api(
        &app,
        &fac_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "Enter new markets", "aligned_to": goal.to_string(),
               "members_check_in": true}),
    )
    .await;
    assert_eq!(status, 201, "{o}");
    let oid = o["id"].as_i64().expect("id");
    assert_eq!(o["aligned_to"]["title"], "Grow the Open edX ecosystem");

    // Five key results at most, the sixth named; a bad one names its field.
    let krs = format!("/api/v1/groups/market/objectives/{oid}/key-results");
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        &krs,
        json!({"title": "Case studies", "kind": "number", "start": "0", "target": "4",
               "confidence": "1.5"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["confidence"].as_str()),
        (422, Some("invalid-confidence"))
    );
    let mut kr_ids = vec![];
    for (i, weight) in ["3", "1", "1", "1", "1"].iter().enumerate() {
        let (status, kr) = api(
            &app,
            &fac_token,
            Method::POST,
            &krs,
            json!({"title": format!("Partners in region {i}"), "kind": "number", "start": "0",
                   "target": "4", "unit": "partners", "weight": weight}),
        )
        .await;
        assert_eq!(status, 201, "{kr}");
        kr_ids.push(kr["id"].as_i64().expect("id"));
    }
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        &krs,
        json!({"title": "A sixth", "kind": "milestone"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["key_results"].as_str()),
        (422, Some("too-many-key-results"))
    );
    let period = Quarter::containing(app.store.now().date_naive());
    assert_eq!(
        app.store.objectives(market, period).await.expect("read")[0]
            .key_results
            .len(),
        5
    );

    // A member checks in; a confidence outside 0–1 is refused and changes nothing.
    let first = kr_ids[0];
    let check_ins = format!("/api/v1/groups/market/key-results/{first}/check-ins");
    let (status, body) = api(
        &app,
        &member_token,
        Method::POST,
        &check_ins,
        json!({"value": "2", "confidence": "1.2"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["confidence"].as_str()),
        (422, Some("invalid-confidence"))
    );
    assert!(app.store.check_ins(first).await.expect("read").is_empty());
    let (status, c) = api(
        &app,
        &member_token,
        Method::POST,
        &check_ins,
        json!({"value": "2", "confidence": "0.8", "comment": "Two signed"}),
    )
    .await;
    assert_eq!((status, c["person_name"].is_string()), (201, true), "{c}");
    let (status, _) = api(
        &app,
        &out_token,
        Method::POST,
        &check_ins,
        json!({"value": "3", "confidence": "0.8"}),
    )
    .await;
    assert_eq!(status, 403, "an outsider may not check in");

    // Half way on the weight-3 key result: 3 × 500 / 7 = 214 per mille for the objective.
    let (status, okrs) = api(
        &app,
        &member_token,
        Method::GET,
        "/api/v1/groups/market/okrs",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(okrs["objectives"][0]["key_results"][0]["progress"], 500);
    assert_eq!(okrs["objectives"][0]["progress"], 214);
    assert_eq!(okrs["period"], period.to_string());
    let (status, body) = api(
        &app,
        &member_token,
        Method::GET,
        "/api/v1/groups/market/okrs?period=2026-Q9",
        Value::Null,
    )
    .await;
    assert_eq!(
        (status, body["codes"]["period"].as_str()),
        (422, Some("invalid-period"))
    );

    // Pages: the group's OKRs, the parent's view of its children, the key result's chart and table.
    let c = app.login("member@example.org").await;
    let html = page(&app, &c, "/groups/market").await;
    assert!(html.contains("Enter new markets") && html.contains("Progress: 21 %"));
    assert!(
        html.contains("serves “Grow the Open edX ecosystem”"),
        "{html}"
    );
    assert!(
        !html.contains("Add an objective"),
        "members do not set objectives"
    );
    let parent = page(&app, &c, "/groups/biz-dev").await;
    assert!(parent.contains("Objectives of the groups within this one"));
    assert!(
        parent.contains("Market Penetration and Expansion")
            && parent.contains("Enter new markets: 21 %")
    );
    let kr_page = format!("/groups/market/key-results/{first}");
    let html = page(&app, &c, &kr_page).await;
    assert!(html.contains("<svg") && html.contains("Progress at each check-in"));
    assert!(html.contains("Two signed") && html.contains("2 partners"));
    // A page check-in with a bad confidence is shown again with the message, nothing changed.
    let res = app
        .post_form(
            &c,
            &kr_page,
            &format!("{kr_page}/check-ins"),
            &[("value", "3"), ("confidence", "0.75")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("Enter a confidence from 0 to 1 in steps of 0.1"));
    assert_eq!(app.store.check_ins(first).await.expect("read").len(), 1);

    // The facilitator stops members' check-ins (through the edit page).
    let fc = app.login("fac@example.org").await;
    let html = page(&app, &fc, "/groups/market").await;
    assert!(html.contains("Add an objective") && html.contains("Edit the objective"));
    let edit = format!("/groups/market/objectives/{oid}/edit");
    page(&app, &fc, &edit).await;
    let res = app
        .post_form(&fc, &edit, &edit, &[("title", ""), ("period", "2026-Q1")])
        .await;
    assert_eq!(res.status(), 422, "a title is needed");
    let res = app
        .post_form(
            &fc,
            &edit,
            &edit,
            &[
                ("title", "Enter new markets"),
                ("period", &period.to_string()),
                ("aligned_to", &goal.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, _) = api(
        &app,
        &member_token,
        Method::POST,
        &check_ins,
        json!({"value": "3", "confidence": "0.8"}),
    )
    .await;
    assert_eq!(status, 403, "members may no longer check in");
    let res = app
        .post_form(
            &fc,
            &kr_page,
            &format!("{kr_page}/check-ins"),
            &[("value", "3"), ("confidence", "0.9"), ("comment", "Three")],
        )
        .await;
    assert_eq!(res.status(), 303, "facilitators always may");

    // What needs me: after 14 quiet days, every key result is due for the facilitator (members may
    // not check in on this objective any more, so they are not asked); a check-in clears one.
    app.clock.advance(chrono::Duration::days(14));
    if Quarter::containing(app.store.now().date_naive()) == period {
        let due = |tasks: &Value| -> Vec<String> {
            tasks["tasks"]
                .as_array()
                .expect("tasks")
                .iter()
                .filter(|t| t["kind"] == "check-in-due")
                .map(|t| t["link"].as_str().expect("link").to_string())
                .collect()
        };
        let (_, tasks) = api(
            &app,
            &fac_token,
            Method::GET,
            "/api/v1/me/tasks",
            Value::Null,
        )
        .await;
        assert_eq!(due(&tasks).len(), 5, "{tasks}");
        let (status, _) = api(
            &app,
            &fac_token,
            Method::POST,
            &format!("/api/v1/groups/market/key-results/{}/check-ins", kr_ids[1]),
            json!({"value": "1", "confidence": "0.6"}),
        )
        .await;
        assert_eq!(status, 201);
        let (_, tasks) = api(
            &app,
            &fac_token,
            Method::GET,
            "/api/v1/me/tasks",
            Value::Null,
        )
        .await;
        let links = due(&tasks);
        assert_eq!(links.len(), 4, "{tasks}");
        assert!(!links.contains(&format!("/groups/market/key-results/{}", kr_ids[1])));
        let (_, tasks) = api(
            &app,
            &member_token,
            Method::GET,
            "/api/v1/me/tasks",
            Value::Null,
        )
        .await;
        assert!(!tasks.to_string().contains("check-in-due"), "{tasks}");
        let fc = app.login("fac@example.org").await;
        assert!(page(&app, &fc, "/home").await.contains("Check in on"));
    }
}

async fn check_ins_close_with_the_period_and_facilitators_score(app: TestApp) {
    let (_, market, fac, _, _) = setup(&app).await;
    let fac_token = app.token(fac).await;
    let (_, o) = api(
        &app,
        &fac_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "Enter new markets"}),
    )
    .await;
    let oid = o["id"].as_i64().expect("id");
    let (status, kr) = api(
        &app,
        &fac_token,
        Method::POST,
        &format!("/api/v1/groups/market/objectives/{oid}/key-results"),
        json!({"title": "Launch the partner directory", "kind": "milestone"}),
    )
    .await;
    assert_eq!(status, 201, "{kr}");
    let kid = kr["id"].as_i64().expect("id");
    let base = format!("/api/v1/groups/market/key-results/{kid}");

    // The period's end: check-ins are refused naming the period; the facilitator scores.
    let today = app.store.now().date_naive();
    let period = Quarter::containing(today);
    app.clock.advance(chrono::Duration::days(
        (period.last_day() - today).num_days() + 1,
    ));
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        &format!("{base}/check-ins"),
        json!({"value": "1", "confidence": "1"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["period"].as_str()),
        (422, Some("period-closed"))
    );
    assert!(app.store.check_ins(kid).await.expect("read").is_empty());
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        &format!("{base}/score"),
        json!({"score": "0.4", "note": ""}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["note"].as_str()),
        (422, Some("required"))
    );
    let fc = app.login("fac@example.org").await;
    let kr_page = format!("/groups/market/key-results/{kid}");
    let html = page(&app, &fc, &kr_page).await;
    assert!(html.contains("takes no more check-ins") && html.contains("Score at the end"));
    let res = app
        .post_form(
            &fc,
            &kr_page,
            &format!("{kr_page}/score"),
            &[
                ("score", "0.4"),
                ("note", "The directory moves to next quarter."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, detail) = api(&app, &fac_token, Method::GET, &base, Value::Null).await;
    assert_eq!(status, 200);
    assert_eq!(detail["key_result"]["score"], 4);
    assert_eq!(
        detail["key_result"]["closing_note"],
        "The directory moves to next quarter."
    );
    // A score judges the key result as defined: its definition is then fixed.
    let (status, body) = api(
        &app,
        &fac_token,
        Method::PUT,
        &base,
        json!({"title": "Something easier", "kind": "milestone"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["target"].as_str()),
        (422, Some("already-scored")),
        "{body}"
    );
    let (_, after) = api(&app, &fac_token, Method::GET, &base, Value::Null).await;
    assert_eq!(
        after["key_result"]["key_result"]["title"],
        "Launch the partner directory"
    );
    let html = page(&app, &fc, &format!("/groups/market?period={period}")).await;
    assert!(html.contains("Launch the partner directory") && html.contains("<td>0.4</td>"));
    assert_eq!(
        app.store.objectives(market, period).await.expect("read")[0].key_results[0]
            .score
            .map(|s| s.tenths()),
        Some(4)
    );
}

/// Found attacking it: a facilitator of a public focus group could serve objective ids of a
/// members-only parent one by one and read their titles, which anyone then saw on the group's page.
async fn a_members_only_parents_objectives_are_not_named_through_a_public_subgroup(app: TestApp) {
    let (goal, market, fac, _, _) = setup(&app).await;
    let fac_token = app.token(fac).await;
    // Served while the parent was public, then the parent becomes members-only.
    let (status, o) = api(
        &app,
        &fac_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "Enter new markets", "aligned_to": goal.to_string()}),
    )
    .await;
    assert_eq!(status, 201, "{o}");
    let kr = format!("/api/v1/groups/market/objectives/{}/key-results", o["id"]);
    let (status, k) = api(
        &app,
        &fac_token,
        Method::POST,
        &kr,
        json!({"title": "Regions", "kind": "number", "start": "0", "target": "3"}),
    )
    .await;
    assert_eq!(status, 201, "{k}");
    let parent = app
        .store
        .group("biz-dev")
        .await
        .expect("q")
        .expect("parent");
    app.store
        .update_group(
            parent.body.id,
            &agora_domain::groups::ProfileInput {
                kind: "working-group".into(),
                purpose: "Growth.".into(),
                membership: "by-request".into(),
                visibility: "members".into(),
                ..Default::default()
            }
            .parse()
            .expect("profile"),
            &Who::system(),
        )
        .await
        .expect("members-only");
    let anonymous = reqwest::Client::new();
    for path in [
        "/groups/market".to_string(),
        "/api/v1/groups/market/okrs".into(),
        format!("/api/v1/groups/market/key-results/{}", k["id"]),
        format!("/groups/market/key-results/{}", k["id"]),
    ] {
        let text = page(&app, &anonymous, &path).await;
        assert!(
            !text.contains("Grow the Open edX ecosystem"),
            "{path}: {text}"
        );
    }
    // Nor can the facilitator, outside the parent, serve its objectives now.
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "Again", "aligned_to": goal.to_string()}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["aligned_to"].as_str()),
        (422, Some("not-parent-objective"))
    );
    let _ = market;
}

/// Proposed OKRs: a template adopted as a proposal in the facilitator's language, community comments
/// (by display name, never an address), no check-ins nor roll-up until adopted, the facilitators'
/// home item, bad input named and nothing changed, and adoption once.
async fn proposed_objectives_gather_comments_until_the_facilitators_adopt_them(app: TestApp) {
    let (_, market, fac, member, outsider) = setup(&app).await;
    let fac_token = app.token(fac).await;
    let member_token = app.token(member).await;
    let out_token = app.token(outsider).await;

    // The templates, in the caller's language; an unknown one is named.
    let (status, t) = api(
        &app,
        &out_token,
        Method::GET,
        "/api/v1/okr-templates",
        Value::Null,
    )
    .await;
    assert_eq!(status, 200);
    let templates = t["templates"].as_array().expect("list");
    assert!(templates.len() >= 5, "{t}");
    assert!(templates
        .iter()
        .any(|t| t["slug"] == "market-needs" && t["area_name"] == "Product-Market Alignment"));
    let from = "/api/v1/groups/market/objectives/from-template";
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        from,
        json!({"template": "nope"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["template"].as_str()),
        (422, Some("unknown-template"))
    );
    let (status, _) = api(
        &app,
        &member_token,
        Method::POST,
        from,
        json!({"template": "new-regions"}),
    )
    .await;
    assert_eq!(status, 403);
    let period = Quarter::containing(app.store.now().date_naive());
    assert!(app
        .store
        .objectives(market, period)
        .await
        .expect("read")
        .is_empty());
    let (status, o) = api(
        &app,
        &fac_token,
        Method::POST,
        from,
        json!({"template": "new-regions"}),
    )
    .await;
    assert_eq!(status, 201, "{o}");
    assert_eq!(
        o["title"],
        "Grow the platform's user base across new regions"
    );
    assert_eq!(o["proposed"], true);
    assert_eq!(o["key_results"].as_array().map(Vec::len), Some(2));
    let oid = o["id"].as_i64().expect("id");
    let kid = o["key_results"][0]["id"].as_i64().expect("kr");
    // The facilitator's new-objective page offers them.
    let fc = app.login("fac@example.org").await;
    let new_page = page(&app, &fc, "/groups/market/objectives/new").await;
    assert!(
        new_page.contains("Or start from a suggested objective")
            && new_page.contains("Propose this objective")
    );

    // Anyone signed in comments; anonymous visitors read. Empty is named and changes nothing.
    let comments = format!("/api/v1/groups/market/objectives/{oid}/comments");
    let (status, body) = api(
        &app,
        &out_token,
        Method::POST,
        &comments,
        json!({"comment": "  "}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["comment"].as_str()),
        (422, Some("required"))
    );
    let (status, c) = api(
        &app,
        &out_token,
        Method::POST,
        &comments,
        json!({"comment": "Add Brazil and Mexico."}),
    )
    .await;
    assert_eq!(status, 201, "{c}");
    let res = reqwest::Client::new()
        .post(app.url(&comments))
        .json(&json!({"comment": "Anonymous"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 401);
    let anon = reqwest::Client::new();
    let html = page(&app, &anon, &format!("/groups/market/objectives/{oid}")).await;
    assert!(
        html.contains("Add Brazil and Mexico.") && html.contains("Proposed"),
        "{html}"
    );
    assert!(!html.contains("@example.org"), "no addresses: {html}");
    let (_, detail) = api(
        &app,
        &out_token,
        Method::GET,
        &format!("/api/v1/groups/market/objectives/{oid}"),
        Value::Null,
    )
    .await;
    assert_eq!(detail["comments"].as_array().map(Vec::len), Some(1));
    assert!(!detail.to_string().contains("@example.org"), "{detail}");

    // A member comments through the page form.
    let mc = app.login("member@example.org").await;
    let objective_page = format!("/groups/market/objectives/{oid}");
    let res = app
        .post_form(
            &mc,
            &objective_page,
            &format!("{objective_page}/comments"),
            &[("comment", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .post_form(
            &mc,
            &objective_page,
            &format!("{objective_page}/comments"),
            &[("comment", "Two regions are enough.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.store.objective_comments(oid).await.expect("read").len(),
        2
    );

    // Not yet adopted: no check-ins, outside the roll-up, on the facilitator's home page.
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        &format!("/api/v1/groups/market/key-results/{kid}/check-ins"),
        json!({"value": "1", "confidence": "0.7"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["value"].as_str()),
        (422, Some("not-adopted"))
    );
    let (_, okrs) = api(
        &app,
        &out_token,
        Method::GET,
        "/api/v1/groups/market/okrs",
        Value::Null,
    )
    .await;
    assert_eq!(okrs["objectives"][0]["comment_count"], 2);
    let (_, tasks) = api(
        &app,
        &fac_token,
        Method::GET,
        "/api/v1/me/tasks",
        Value::Null,
    )
    .await;
    assert!(
        tasks["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .any(|t| t["kind"] == "objective-proposed" && t["link"] == objective_page.as_str()),
        "{tasks}"
    );
    let home = page(&app, &fc, "/home").await;
    assert!(
        home.contains("Adopt or revise the proposed objective"),
        "{home}"
    );

    // Only facilitators adopt, once; then comments close and check-ins open.
    let adopt = format!("/api/v1/groups/market/objectives/{oid}/adopt");
    let (status, _) = api(&app, &member_token, Method::POST, &adopt, Value::Null).await;
    assert_eq!(status, 403);
    let res = app
        .post_form(
            &fc,
            &objective_page,
            &format!("{objective_page}/adopt"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, body) = api(&app, &fac_token, Method::POST, &adopt, Value::Null).await;
    assert_eq!(
        (status, body["codes"]["objective"].as_str()),
        (422, Some("already-adopted"))
    );
    let (status, body) = api(
        &app,
        &out_token,
        Method::POST,
        &comments,
        json!({"comment": "Late"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["comment"].as_str()),
        (422, Some("already-adopted"))
    );
    let (status, _) = api(
        &app,
        &member_token,
        Method::POST,
        &format!("/api/v1/groups/market/key-results/{kid}/check-ins"),
        json!({"value": "1", "confidence": "0.7"}),
    )
    .await;
    assert_eq!(status, 201);
    let html = page(&app, &anon, &objective_page).await;
    assert!(html.contains("Adopted") && html.contains("Two regions are enough."));
    let (_, tasks) = api(
        &app,
        &fac_token,
        Method::GET,
        "/api/v1/me/tasks",
        Value::Null,
    )
    .await;
    assert!(!tasks.to_string().contains("objective-proposed"));
}

/// A key result bound to a figure: bad bindings are named and create nothing, the value is computed
/// (the group's members here), check-ins are refused, and the pages say so.
async fn key_results_follow_figures_agora_computes(app: TestApp) {
    let (_, market, fac, _, _) = setup(&app).await;
    let fac_token = app.token(fac).await;
    let (_, o) = api(
        &app,
        &fac_token,
        Method::POST,
        "/api/v1/groups/market/objectives",
        json!({"title": "A lively group"}),
    )
    .await;
    let add = format!("/api/v1/groups/market/objectives/{}/key-results", o["id"]);
    for (kind, figure, code) in [
        ("number", "everyone", "invalid-figure"),
        ("number", "leads-accepted:mars", "unknown-region"),
        ("percentage", "members", "figure-needs-number"),
    ] {
        let (status, body) = api(
            &app,
            &fac_token,
            Method::POST,
            &add,
            json!({"title": "Members", "kind": kind, "start": "0", "target": "10", "bound_to": figure}),
        )
        .await;
        assert_eq!(
            (status, body["codes"]["bound_to"].as_str()),
            (422, Some(code)),
            "{figure}: {body}"
        );
    }
    let period = Quarter::containing(app.store.now().date_naive());
    assert!(app.store.objectives(market, period).await.expect("read")[0]
        .key_results
        .is_empty());
    let (status, kr) = api(
        &app,
        &fac_token,
        Method::POST,
        &add,
        json!({"title": "Members", "kind": "number", "start": "0", "target": "10", "bound_to": "members"}),
    )
    .await;
    assert_eq!(status, 201, "{kr}");
    // The facilitator and the member.
    assert_eq!(kr["key_result"]["current"], 200);
    assert_eq!(kr["key_result"]["bound_to"], "members");
    let kid = kr["id"].as_i64().expect("id");
    let (status, body) = api(
        &app,
        &fac_token,
        Method::POST,
        &format!("/api/v1/groups/market/key-results/{kid}/check-ins"),
        json!({"value": "5", "confidence": "0.5"}),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["value"].as_str()),
        (422, Some("bound-to-figure"))
    );
    let (_, detail) = api(
        &app,
        &fac_token,
        Method::GET,
        &format!("/api/v1/groups/market/key-results/{kid}"),
        Value::Null,
    )
    .await;
    assert_eq!(detail["may_check_in"], false);
    let fc = app.login("fac@example.org").await;
    let html = page(&app, &fc, &format!("/groups/market/key-results/{kid}")).await;
    assert!(
        html.contains("This key result moves by itself")
            && html.contains("Active members of the group"),
        "{html}"
    );
    let form = page(&app, &fc, &format!("/groups/market/key-results/{kid}/edit")).await;
    assert!(
        form.contains("Leads accepted in Europe") && form.contains("value=\"members\" selected")
    );
}
