//! Groups over HTTP: the directory and a group's page, sign-up by request with the facilitator's
//! answer, facilitator terms and their reminder, the profile editor and its API, on both databases.

use super::helpers::{api, browser, TestApp};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_store::{Body, NewBody, Who};
use serde_json::{json, Value};

both_backends!(
    a_person_asks_to_join_and_a_facilitator_answers,
    facilitators_plan_terms_and_are_asked_for_a_successor,
    facilitators_edit_the_profile_and_bad_input_changes_nothing,
    members_only_groups_are_hidden_from_outsiders,
    anonymous_visitors_get_a_brief_copy_that_any_change_here_renews,
    signed_in_pages_share_reads_and_see_any_process_changes_at_once
);

async fn body(app: &TestApp, slug: &str, name: &str, visibility: Visibility) -> Body {
    app.store
        .create_body(
            &NewBody {
                slug: slug.into(),
                name: name.into(),
                description: String::new(),
                visibility,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body")
}

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

fn profile(membership: &str) -> Value {
    json!({
        "kind": "focus-group", "purpose": "Grow Open edX in new regions", "hours_min": "10",
        "hours_max": "20", "chat_channel": "#biz-dev", "chat_url": "https://openedx.slack.com/archives/C1",
        "mailing_list": "", "membership": membership, "visibility": "public", "parent": "", "charter": "",
    })
}

async fn page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let res = c.get(app.url(path)).send().await.expect("get");
    assert_eq!(res.status(), 200, "{path}");
    let html = res.text().await.expect("body");
    assert!(!html.contains("Unknown localization key"), "{html}");
    html
}

async fn task_kinds(app: &TestApp, token: &str) -> Vec<String> {
    let (status, body) = api(app, token, reqwest::Method::GET, "/api/v1/me/tasks", None).await;
    assert_eq!(status, 200);
    body["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        // Hours to log are asked from the 25th to the 5th whatever the test does (tests/http/hours.rs).
        .filter(|t| t["program"] == "groups" && t["kind"] != "hours-to-log")
        .map(|t| t["kind"].as_str().expect("kind").to_string())
        .collect()
}

async fn a_person_asks_to_join_and_a_facilitator_answers(app: TestApp) {
    let g = body(
        &app,
        "partnerships",
        "Partnership Development",
        Visibility::Public,
    )
    .await;
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, g.id)])
        .await;
    let partner = app.partner("Abstract Tech", PartnerStatus::Active).await;
    let ana = app
        .person("ana@example.org", &[grant(Role::PartnerMember, partner.id)])
        .await;
    let fac_token = app.token(fac).await;
    let (status, _) = api(
        &app,
        &fac_token,
        reqwest::Method::PUT,
        "/api/v1/groups/partnerships",
        Some(profile("by-request")),
    )
    .await;
    assert_eq!(status, 204);

    let c = app.login("ana@example.org").await;
    let html = page(&app, &c, "/groups/partnerships").await;
    assert!(html.contains("Ask to join") && html.contains("By request"));
    assert!(html.contains("10–20 hours a month"));
    // A plain join of a by-request group is refused, naming the field, and changes nothing.
    let res = app
        .post_form(&c, "/groups/partnerships", "/groups/partnerships/join", &[])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("This group takes members by request: ask to join instead."));
    assert!(app.store.group_members(g.id).await.expect("read").len() == 1);

    let res = app
        .post_form(
            &c,
            "/groups/partnerships",
            "/groups/partnerships/request",
            &[("message", "We build partner integrations")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(page(&app, &c, "/groups/partnerships")
        .await
        .contains("waiting for a facilitator"));

    // The facilitator is asked by e-mail, on the home page and in the API.
    let asked: Vec<_> = app
        .store
        .outbox_recent(20)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| {
            m.to_address == "fac@example.org"
                && m.subject.contains("asks to join Partnership Development")
        })
        .collect();
    assert_eq!(asked.len(), 1, "the facilitator is told of the request");
    let fc = app.login("fac@example.org").await;
    let home = page(&app, &fc, "/home").await;
    assert!(
        home.contains("request to join Partnership Development"),
        "{home}"
    );
    assert_eq!(task_kinds(&app, &fac_token).await, ["join-request"]);
    let id = app
        .store
        .pending_join_requests(&[g.id])
        .await
        .expect("read")[0]
        .id;

    // A decline needs a reason.
    let action = format!("/groups/partnerships/requests/{id}");
    let res = app
        .post_form(
            &fc,
            "/groups/partnerships",
            &action,
            &[("decision", "decline"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = app
        .post_form(
            &fc,
            "/groups/partnerships",
            &action,
            &[("decision", "decline"), ("reason", "Full until March")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(page(&app, &c, "/groups/partnerships")
        .await
        .contains("Full until March"));
    assert!(task_kinds(&app, &fac_token).await.is_empty());

    // Asked again through the API and accepted: a member, listed with the organization.
    let ana_token = app.token(ana).await;
    let (status, body) = api(
        &app,
        &ana_token,
        reqwest::Method::POST,
        "/api/v1/groups/partnerships/join",
        None,
    )
    .await;
    assert_eq!(
        (status, body["codes"]["membership"].as_str()),
        (422, Some("by-request"))
    );
    let (status, body) = api(
        &app,
        &ana_token,
        reqwest::Method::POST,
        "/api/v1/groups/partnerships/request",
        Some(json!({"message": "Again"})),
    )
    .await;
    assert_eq!((status, body["outcome"].as_str()), (201, Some("requested")));
    let (status, body) = api(
        &app,
        &ana_token,
        reqwest::Method::GET,
        "/api/v1/groups/partnerships/requests",
        None,
    )
    .await;
    assert_eq!(status, 403, "{body}");
    let (_, requests) = api(
        &app,
        &fac_token,
        reqwest::Method::GET,
        "/api/v1/groups/partnerships/requests",
        None,
    )
    .await;
    let again = requests[0]["id"].as_i64().expect("id");
    let (status, body) = api(
        &app,
        &fac_token,
        reqwest::Method::POST,
        &format!("/api/v1/groups/partnerships/requests/{again}"),
        Some(json!({"decision": "accept"})),
    )
    .await;
    assert_eq!((status, body["status"].as_str()), (200, Some("accepted")));
    let public = page(&app, &browser(), "/groups/partnerships").await;
    assert!(public.contains("Abstract Tech"));
    assert!(
        !public.contains("ana@example.org") && !public.contains("fac@example.org"),
        "no e-mail address on a public page"
    );
    let mail = app.store.outbox_recent(1).await.expect("outbox");
    assert_eq!(mail[0].to_address, "ana@example.org");
    assert!(mail[0]
        .subject
        .contains("Welcome to Partnership Development"));

    // Leaving: once, then refused.
    let res = app
        .post_form(
            &c,
            "/groups/partnerships",
            "/groups/partnerships/leave",
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, body) = api(
        &app,
        &ana_token,
        reqwest::Method::POST,
        "/api/v1/groups/partnerships/leave",
        None,
    )
    .await;
    assert_eq!(
        (status, body["codes"]["membership"].as_str()),
        (422, Some("not-member"))
    );
}

async fn facilitators_plan_terms_and_are_asked_for_a_successor(app: TestApp) {
    let g = body(
        &app,
        "marketing-wg",
        "Marketing Working Group",
        Visibility::Public,
    )
    .await;
    let fac = app
        .person("eden@example.org", &[grant(Role::Facilitator, g.id)])
        .await;
    let nicole = app
        .person("nicole@example.org", &[grant(Role::GroupMember, g.id)])
        .await;
    let fac_token = app.token(fac).await;
    let today = app.clock.now().date_naive();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();

    let fc = app.login("eden@example.org").await;
    let nicole_id = nicole.to_string();
    let res = app
        .post_form(
            &fc,
            "/groups/marketing-wg",
            "/groups/marketing-wg/terms",
            &[
                ("person", nicole_id.as_str()),
                ("seat", "primary"),
                ("starts_on", &day(5)),
                ("ends_on", &day(1)),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains("The last day must not come before the first."));
    assert!(app
        .store
        .facilitator_terms(g.id)
        .await
        .expect("read")
        .is_empty());

    let (status, term) = api(
        &app,
        &fac_token,
        reqwest::Method::POST,
        "/api/v1/groups/marketing-wg/terms",
        Some(json!({"person": nicole_id, "seat": "primary", "starts_on": day(0), "ends_on": day(29)})),
    )
    .await;
    assert_eq!(
        (status, term["seat"].as_str()),
        (201, Some("primary")),
        "{term}"
    );
    let html = page(&app, &browser(), "/groups/marketing-wg").await;
    assert!(html.contains("Primary facilitator"));
    let (_, detail) = api(
        &app,
        &fac_token,
        reqwest::Method::GET,
        "/api/v1/groups/marketing-wg",
        None,
    )
    .await;
    let role = detail["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["person_id"] == nicole)
        .expect("listed")["role"]
        .clone();
    assert_eq!(role, "primary-facilitator");

    // Near the end of the term the new facilitator is asked for a successor and reminded by mail.
    app.clock.advance(chrono::Duration::days(20));
    let nicole_token = app.token(nicole).await;
    assert_eq!(task_kinds(&app, &nicole_token).await, ["term-ending"]);
    let mut jobs = agora_web::jobs::Jobs::default();
    jobs.add(agora_web::groups::job(
        app.store.clone(),
        agora_web::groups::ROTATION_EVERY,
    ));
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
    let mail = app.store.outbox_recent(1).await.expect("outbox");
    assert_eq!(mail[0].to_address, "nicole@example.org");
    assert!(mail[0]
        .subject
        .contains("Your facilitator term in Marketing Working Group ends on"));

    let (status, _) = api(
        &app,
        &nicole_token,
        reqwest::Method::POST,
        "/api/v1/groups/marketing-wg/terms",
        Some(json!({"person": fac.to_string(), "seat": "primary", "starts_on": day(30), "ends_on": day(60)})),
    )
    .await;
    assert_eq!(status, 201);
    assert!(task_kinds(&app, &nicole_token).await.is_empty());
}

async fn facilitators_edit_the_profile_and_bad_input_changes_nothing(app: TestApp) {
    let bizdev = body(
        &app,
        "biz-dev-wg",
        "Biz Dev Working Group",
        Visibility::Public,
    )
    .await;
    let focus = body(
        &app,
        "market-expansion",
        "Market Penetration and Expansion",
        Visibility::Public,
    )
    .await;
    body(
        &app,
        "core-product-wg",
        "Core Product Working Group",
        Visibility::Public,
    )
    .await;
    app.person("f@example.org", &[grant(Role::Facilitator, focus.id)])
        .await;
    let member = app
        .person("m@example.org", &[grant(Role::GroupMember, focus.id)])
        .await;
    let c = app.login("f@example.org").await;
    let page_path = "/groups/market-expansion/edit";
    let html = page(&app, &c, page_path).await;
    assert!(html.contains("Edit Market Penetration and Expansion"));

    let res = app
        .post_form(
            &c,
            page_path,
            page_path,
            &[
                ("kind", "focus-group"),
                ("parent", "biz-dev-wg"),
                ("hours_min", "30"),
                ("hours_max", "20"),
                ("membership", "open"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("The most must not be less than the least."));
    let unchanged = app
        .store
        .group("market-expansion")
        .await
        .expect("read")
        .expect("group");
    assert!(unchanged.parent.is_none() && unchanged.hours.is_none());

    let res = app
        .post_form(
            &c,
            page_path,
            page_path,
            &[
                ("kind", "focus-group"),
                ("parent", "biz-dev-wg"),
                (
                    "purpose",
                    "Grow the user base across regions and industries",
                ),
                ("hours_min", "10"),
                ("hours_max", "20"),
                ("chat_channel", "#biz-dev"),
                ("mailing_list", "bizdev@lists.example.org"),
                ("membership", "open"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &c,
            page_path,
            "/groups/market-expansion/collaborators",
            &[("collaborator", "core-product-wg"), ("change", "add")],
        )
        .await;
    assert_eq!(res.status(), 303);

    let anon = browser();
    let focus_page = page(&app, &anon, "/groups/market-expansion").await;
    assert!(focus_page.contains("Focus group") && focus_page.contains("10–20 hours a month"));
    assert!(focus_page.contains("href=\"/groups/biz-dev-wg\""));
    assert!(focus_page.contains("Core Product Working Group"));
    let parent_page = page(&app, &anon, "/groups/biz-dev-wg").await;
    assert!(
        parent_page.contains("Market Penetration and Expansion"),
        "subgroup listed"
    );
    let core_page = page(&app, &anon, "/groups/core-product-wg").await;
    assert!(
        core_page.contains("Market Penetration and Expansion"),
        "collaboration on both sides"
    );
    let directory = page(&app, &anon, "/groups").await;
    assert!(directory.contains("Biz Dev Working Group"));

    // The API names each bad field; a member who does not facilitate may not edit.
    let member_token = app.token(member).await;
    let (status, _) = api(
        &app,
        &member_token,
        reqwest::Method::PUT,
        "/api/v1/groups/market-expansion",
        Some(profile("open")),
    )
    .await;
    assert_eq!(status, 403);
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let admin_token = app.token(admin).await;
    let mut bad = profile("sometimes");
    bad["parent"] = json!("market-expansion");
    bad["chat_url"] = json!("javascript:alert(1)");
    let (status, body) = api(
        &app,
        &admin_token,
        reqwest::Method::PUT,
        "/api/v1/groups/market-expansion",
        Some(bad),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["codes"]["membership"], "invalid-membership");
    assert_eq!(body["codes"]["chat_url"], "invalid-url");
    let mut looped = profile("open");
    looped["parent"] = json!("market-expansion");
    let (status, body) = api(
        &app,
        &admin_token,
        reqwest::Method::PUT,
        "/api/v1/groups/biz-dev-wg",
        Some(looped),
    )
    .await;
    assert_eq!(
        (status, body["codes"]["parent"].as_str()),
        (422, Some("parent-loop"))
    );
    let _ = bizdev;
}

async fn members_only_groups_are_hidden_from_outsiders(app: TestApp) {
    let g = body(&app, "panel", "Review panel", Visibility::Members).await;
    app.person("p@example.org", &[grant(Role::GroupMember, g.id)])
        .await;
    app.person("o@example.org", &[]).await;
    let anon = browser();
    assert!(!page(&app, &anon, "/groups").await.contains("Review panel"));
    let res = anon
        .get(app.url("/groups/panel"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
    let outsider = app.login("o@example.org").await;
    let res = outsider
        .get(app.url("/groups/panel"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
    let member = app.login("p@example.org").await;
    assert!(page(&app, &member, "/groups")
        .await
        .contains("Review panel"));
    assert!(page(&app, &member, "/groups/panel")
        .await
        .contains("You are a member of this group."));

    // Nor is it named on the public groups it belongs to or works with: as a subgroup, a
    // collaborator, or the parent of a public group.
    let wg = body(&app, "wg", "Open working group", Visibility::Public).await;
    let child = body(&app, "child", "Open child group", Visibility::Public).await;
    let profile = |parent: &str, visibility: &str| agora_domain::groups::ProfileInput {
        kind: "working-group".into(),
        parent: parent.into(),
        purpose: "A purpose.".into(),
        membership: "open".into(),
        visibility: visibility.into(),
        ..Default::default()
    };
    let system = Who::system();
    for (id, input) in [
        (g.id, profile("wg", "members")),
        (child.id, profile("panel", "public")),
    ] {
        let p = input.parse().expect("profile");
        app.store
            .update_group(id, &p, &system)
            .await
            .expect("profile");
    }
    app.store
        .set_collaboration(wg.id, g.id, true, &system)
        .await
        .expect("collaboration");
    for path in [
        "/groups",
        "/groups/wg",
        "/groups/child",
        "/api/v1/groups",
        "/api/v1/groups/wg",
        "/api/v1/groups/child",
    ] {
        let text = page(&app, &anon, path).await;
        assert!(
            !text.contains("Review panel") && !text.contains("/groups/panel"),
            "{path}: {text}"
        );
    }
    // Members see it everywhere.
    assert!(page(&app, &member, "/groups/wg")
        .await
        .contains("Review panel"));
    assert!(page(&app, &member, "/groups/child")
        .await
        .contains("Review panel"));
}

/// The brief cache of a group's page: anonymous visitors share a copy until this instance changes
/// anything (through a page, the API, a job or the store) or the clock moves to another minute;
/// signed-in people and members-only groups are never served a shared copy.
async fn anonymous_visitors_get_a_brief_copy_that_any_change_here_renews(app: TestApp) {
    let g = body(&app, "mwg", "Marketing Working Group", Visibility::Public).await;
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, g.id)])
        .await;
    let anon = reqwest::Client::new();
    let get = |c: reqwest::Client, path: &'static str| {
        let app = &app;
        async move {
            let res = c.get(app.url(path)).send().await.expect("get");
            assert_eq!(res.status(), 200);
            let cache = res
                .headers()
                .get("x-cache")
                .map(|v| v.to_str().expect("ascii").to_string());
            assert!(res.headers().get("set-cookie").is_none() || cache.is_none());
            (cache, res.text().await.expect("html"))
        }
    };
    let (first, _) = get(anon.clone(), "/groups/mwg").await;
    assert_eq!(first.as_deref(), Some("miss"));
    let (second, _) = get(anon.clone(), "/groups/mwg").await;
    assert_eq!(second.as_deref(), Some("hit"));

    // A change made through the store (as a job or another page would) shows at once.
    let posted = agora_domain::groups::updates::UpdateInput {
        progress: "Brief cache renewed".into(),
        ..Default::default()
    }
    .parse(app.clock.now().date_naive())
    .expect("update");
    app.store
        .post_update(g.id, &posted, &Who::person(fac, "fac@example.org"))
        .await
        .expect("post");
    let (after, html) = get(anon.clone(), "/groups/mwg").await;
    assert_eq!(after.as_deref(), Some("miss"));
    assert!(html.contains("Brief cache renewed"));

    // So does the passing of time: the next minute is another page.
    app.clock.advance(chrono::Duration::minutes(1));
    let (later, _) = get(anon.clone(), "/groups/mwg").await;
    assert_eq!(later.as_deref(), Some("miss"));

    // Signed in, always fresh.
    let c = app.login("fac@example.org").await;
    for _ in 0..2 {
        let (cache, html) = get(c.clone(), "/groups/mwg").await;
        assert_eq!(cache, None);
        assert!(html.contains("Brief cache renewed"));
    }
}

/// Signed-in people's pages share the reads that are the same for everyone, yet show a change made
/// anywhere at once, even through another process on the same database (an `agora` command, another
/// instance), whose writes this instance does not count.
async fn signed_in_pages_share_reads_and_see_any_process_changes_at_once(app: TestApp) {
    let g = body(&app, "mwg", "Marketing Working Group", Visibility::Public).await;
    app.person("fac@example.org", &[grant(Role::Facilitator, g.id)])
        .await;
    let c = app.login("fac@example.org").await;
    let first = page(&app, &c, "/groups/mwg").await;
    assert!(!first.contains("Posted elsewhere"));
    assert_eq!(first, page(&app, &c, "/groups/mwg").await);

    let other = agora_store::Store::connect(app.db_url(), 1)
        .await
        .expect("a second process");
    let posted = agora_domain::groups::updates::UpdateInput {
        progress: "Posted elsewhere".into(),
        ..Default::default()
    }
    .parse(app.clock.now().date_naive())
    .expect("update");
    other
        .post_update(g.id, &posted, &Who::system())
        .await
        .expect("post");
    let email = agora_domain::person::Email::parse("late@example.org").expect("email");
    other
        .create_person(
            &email,
            "Late Joiner",
            None,
            &[grant(Role::GroupMember, g.id)],
            &Who::system(),
        )
        .await
        .expect("member");
    let after = page(&app, &c, "/groups/mwg").await;
    assert!(
        after.contains("Posted elsewhere"),
        "the update shows at once"
    );
    assert!(
        after.contains("Late Joiner"),
        "the new member shows at once"
    );
    other.close().await;
}
