//! Initiatives over HTTP (JSON API), on both databases: facilitators create and manage, members join
//! and withdraw, others are refused; bad input is a 422 naming the field and changes nothing;
//! multi-stakeholder initiatives are listed first; no e-mail address appears in what the public
//! reads; a members-only group's initiatives are 404 outside it; 16 members joining at once get no
//! 5xx and are all recorded.

use super::helpers::{anonymous, api, TestApp};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_store::{NewBody, Who};
use reqwest::Method;
use serde_json::json;

both_backends!(
    roles_create_manage_join_and_withdraw,
    bad_input_names_the_field_and_changes_nothing,
    multi_stakeholder_first_and_no_email_in_public,
    members_only_initiatives_are_hidden_outside,
    concurrent_joins_get_no_server_error
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

async fn body(app: &TestApp, slug: &str, visibility: Visibility) -> i64 {
    app.store
        .create_body(
            &NewBody {
                slug: slug.into(),
                name: format!("{slug} group"),
                description: String::new(),
                visibility,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body")
        .id
}

/// A group with a facilitator, a member and an outsider: their tokens.
async fn setup(app: &TestApp, slug: &str, visibility: Visibility) -> (i64, [String; 3]) {
    let b = body(app, slug, visibility).await;
    let fac = app
        .person(
            &format!("fac@{slug}.example"),
            &[grant(Role::Facilitator, b)],
        )
        .await;
    let member = app
        .person(
            &format!("member@{slug}.example"),
            &[grant(Role::GroupMember, b)],
        )
        .await;
    let outsider = app.person(&format!("out@{slug}.example"), &[]).await;
    (
        b,
        [
            app.token(fac).await,
            app.token(member).await,
            app.token(outsider).await,
        ],
    )
}

fn closing(app: &TestApp, days: i64) -> String {
    (app.store.now().date_naive() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn initiative(app: &TestApp, title: &str) -> serde_json::Value {
    json!({"title": title, "goal": "Show adopters what Open edX does",
        "deliverables": "Six videos", "stages": "awareness, consideration",
        "call_closes_on": closing(app, 30)})
}

async fn create_open(app: &TestApp, slug: &str, token: &str, title: &str) -> i64 {
    let (status, i) = api(
        app,
        token,
        Method::POST,
        &format!("/api/v1/groups/{slug}/initiatives"),
        Some(initiative(app, title)),
    )
    .await;
    assert_eq!(status, 201, "{i}");
    let id = i["id"].as_i64().expect("id");
    let (status, i) = api(
        app,
        token,
        Method::POST,
        &format!("/api/v1/groups/{slug}/initiatives/{id}/status"),
        Some(json!({"status": "open-call"})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["status"], "open-call");
    id
}

async fn roles_create_manage_join_and_withdraw(app: TestApp) {
    let (_, [fac, member, outsider]) = setup(&app, "mwg", Visibility::Public).await;
    let base = "/api/v1/groups/mwg/initiatives";
    // Only facilitators (and admins) create.
    for t in [&member, &outsider] {
        let (status, _) = api(&app, t, Method::POST, base, Some(initiative(&app, "X"))).await;
        assert_eq!(status, 403);
    }
    let (status, _) = reqwest::Client::new()
        .post(app.url(base))
        .json(&initiative(&app, "X"))
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .expect("request");
    assert_eq!(status, 401);
    let id = create_open(&app, "mwg", &fac, "How-to videos").await;
    let one = format!("{base}/{id}");
    // Members join, outsiders may not.
    let (status, i) = api(&app, &member, Method::POST, &format!("{one}/join"), None).await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["participants"].as_array().map(Vec::len), Some(1));
    assert_eq!(i["participants"][0]["first_contribution"], true);
    let (status, _) = api(&app, &outsider, Method::POST, &format!("{one}/join"), None).await;
    assert_eq!(status, 403);
    // Facilitators manage: the cross-validator, a sponsor, an output, the status.
    let (status, _) = api(
        &app,
        &member,
        Method::POST,
        &format!("{one}/outputs"),
        Some(json!({"title": "Video 1", "url": "https://video.example.org/1"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, i) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{one}/outputs"),
        Some(json!({"title": "Video 1", "url": "https://video.example.org/1"})),
    )
    .await;
    assert_eq!(status, 201, "{i}");
    let (status, i) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{one}/sponsors"),
        Some(json!({"name": "Acme Learning", "branding_acknowledged": "on"})),
    )
    .await;
    assert_eq!(status, 201, "{i}");
    let sponsor = i["sponsors"][0]["id"].as_i64().expect("sponsor");
    let member_id = i["participants"][0]["person_id"].as_i64().expect("member");
    let (status, i) = api(
        &app,
        &fac,
        Method::PUT,
        &format!("{one}/cross-validator"),
        Some(json!({"person_id": member_id.to_string()})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["cross_validator"]["person_id"], member_id);
    let (status, i) = api(
        &app,
        &fac,
        Method::DELETE,
        &format!("{one}/sponsors/{sponsor}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["sponsors"].as_array().map(Vec::len), Some(0));
    let (status, i) = api(
        &app,
        &fac,
        Method::PUT,
        &one,
        Some(json!({"title": "How-to video series", "goal": "Show it", "stages": "action"})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["initiative"]["title"], "How-to video series");
    let (status, i) = api(
        &app,
        &member,
        Method::POST,
        &format!("{one}/withdraw"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["participants"].as_array().map(Vec::len), Some(0));
    let (status, i) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{one}/status"),
        Some(json!({"status": "in-progress"})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    // The call is over: joining is refused naming the status.
    let (status, e) = api(&app, &member, Method::POST, &format!("{one}/join"), None).await;
    assert_eq!(status, 422);
    assert!(e["errors"]["status"].is_string(), "{e}");
}

async fn bad_input_names_the_field_and_changes_nothing(app: TestApp) {
    let (_, [fac, _, _]) = setup(&app, "mwg", Visibility::Public).await;
    let base = "/api/v1/groups/mwg/initiatives";
    let cases = [
        ("title", json!({"goal": "G", "stages": "awareness"})),
        ("goal", json!({"title": "T", "stages": "awareness"})),
        ("stages", json!({"title": "T", "goal": "G", "stages": ""})),
        (
            "call_closes_on",
            json!({"title": "T", "goal": "G", "stages": "awareness", "call_closes_on": closing(&app, -1)}),
        ),
    ];
    for (field, body) in cases {
        let (status, e) = api(&app, &fac, Method::POST, base, Some(body)).await;
        assert_eq!(status, 422, "{field}");
        assert!(e["errors"][field].is_string(), "{field}: {e}");
    }
    let (_, list) = api(&app, &fac, Method::GET, base, None).await;
    assert_eq!(list.as_array().map(Vec::len), Some(0));
    let id = create_open(&app, "mwg", &fac, "Videos").await;
    let one = format!("{base}/{id}");
    for (path, field, body) in [
        (
            "outputs",
            "url",
            json!({"title": "X", "url": "javascript:alert(1)"}),
        ),
        ("sponsors", "branding_acknowledged", json!({"name": "Acme"})),
        ("status", "status", json!({"status": "proposed"})),
    ] {
        let (status, e) = api(
            &app,
            &fac,
            Method::POST,
            &format!("{one}/{path}"),
            Some(body),
        )
        .await;
        assert_eq!(status, 422, "{path}");
        assert!(e["errors"][field].is_string(), "{path}: {e}");
    }
    let (_, i) = api(&app, &fac, Method::GET, &one, None).await;
    assert_eq!(i["status"], "open-call");
    assert_eq!(i["outputs"].as_array().map(Vec::len), Some(0));
    assert_eq!(i["sponsors"].as_array().map(Vec::len), Some(0));
}

async fn multi_stakeholder_first_and_no_email_in_public(app: TestApp) {
    let (b, [fac, _, _]) = setup(&app, "mwg", Visibility::Public).await;
    let acme = app.partner("Acme Learning", PartnerStatus::Active).await;
    let beta = app.partner("Beta Courses", PartnerStatus::Active).await;
    let a = app
        .person(
            "ana@acme.example",
            &[
                grant(Role::GroupMember, b),
                grant(Role::PartnerMember, acme.id),
            ],
        )
        .await;
    let z = app
        .person(
            "zoe@beta.example",
            &[
                grant(Role::GroupMember, b),
                grant(Role::PartnerMember, beta.id),
            ],
        )
        .await;
    let (ta, tz) = (app.token(a).await, app.token(z).await);
    let single = create_open(&app, "mwg", &fac, "Single").await;
    let multi = create_open(&app, "mwg", &fac, "Multi").await;
    let base = "/api/v1/groups/mwg/initiatives";
    for (t, id) in [(&ta, single), (&ta, multi), (&tz, multi)] {
        let (status, _) = api(&app, t, Method::POST, &format!("{base}/{id}/join"), None).await;
        assert_eq!(status, 200);
    }
    let (status, list) = anonymous(&app, base).await;
    assert_eq!(status, 200);
    let titles: Vec<&str> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|i| i["initiative"]["title"].as_str())
        .collect();
    assert_eq!(titles, vec!["Multi", "Single"]);
    assert_eq!(list[0]["multi_stakeholder"], true);
    assert_eq!(
        list[0]["participants"][1]["organization"]["name"],
        "Beta Courses"
    );
    let text = list.to_string();
    assert!(!text.contains('@'), "no e-mail address: {text}");
    let (_, one) = anonymous(&app, &format!("{base}/{multi}")).await;
    assert!(!one.to_string().contains('@'));
    // The pages too: the list with its badge, multi-stakeholder first; names and organizations.
    for path in [
        "/groups/mwg".to_string(),
        "/groups/mwg/initiatives".to_string(),
        format!("/groups/mwg/initiatives/{multi}"),
    ] {
        let res = reqwest::Client::new()
            .get(app.url(&path))
            .header("accept-language", "en")
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.expect("html");
        assert!(
            !html.contains("@acme.example") && !html.contains("@beta.example"),
            "{path}"
        );
        assert!(html.contains("multi-stakeholder"), "{path}");
        if !path.contains("initiatives/") {
            let (m, s) = (html.find(">Multi<"), html.find(">Single<"));
            assert!(m.is_some() && m < s, "{path}");
        } else {
            assert!(html.contains("Beta Courses"), "{path}");
        }
    }
}

async fn members_only_initiatives_are_hidden_outside(app: TestApp) {
    let (_, [fac, member, outsider]) = setup(&app, "inner", Visibility::Members).await;
    let id = create_open(&app, "inner", &fac, "Private").await;
    let base = "/api/v1/groups/inner/initiatives";
    for path in [base.to_string(), format!("{base}/{id}")] {
        let (status, _) = anonymous(&app, &path).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = api(&app, &outsider, Method::GET, &path, None).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = api(&app, &member, Method::GET, &path, None).await;
        assert_eq!(status, 200, "{path}");
    }
    let (status, _) = api(
        &app,
        &outsider,
        Method::POST,
        &format!("{base}/{id}/join"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    // Another group's initiative is not found under this one.
    setup(&app, "other", Visibility::Public).await;
    let (status, _) = api(
        &app,
        &fac,
        Method::GET,
        &format!("/api/v1/groups/other/initiatives/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
}

async fn concurrent_joins_get_no_server_error(app: TestApp) {
    let (b, [fac, _, _]) = setup(&app, "mwg", Visibility::Public).await;
    let id = create_open(&app, "mwg", &fac, "Together").await;
    let mut tokens = vec![];
    for n in 0..16 {
        let p = app
            .person(&format!("p{n}@mwg.example"), &[grant(Role::GroupMember, b)])
            .await;
        tokens.push(app.token(p).await);
    }
    let url = app.url(&format!("/api/v1/groups/mwg/initiatives/{id}/join"));
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|t| {
            let url = url.clone();
            tokio::spawn(async move {
                reqwest::Client::new()
                    .post(url)
                    .bearer_auth(t)
                    .send()
                    .await
                    .expect("request")
                    .status()
                    .as_u16()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.expect("task"), 200);
    }
    let (_, i) = api(
        &app,
        &fac,
        Method::GET,
        &format!("/api/v1/groups/mwg/initiatives/{id}"),
        None,
    )
    .await;
    assert_eq!(i["participants"].as_array().map(Vec::len), Some(16));
}
