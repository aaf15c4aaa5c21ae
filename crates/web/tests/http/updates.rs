//! Regular updates and the activity ledger over HTTP: who posts (per role), bad input naming the
//! field, the settings form, the ledger's readers, Atom feeds (read by feedparser) and the digest that
//! keep members-only groups private, the overdue flag on the parent's page, the reminder once per
//! due date in the facilitator's language and the home page's item, on both databases.

use super::helpers::{anonymous, api, check_atom_feed, TestApp};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::groups::ProfileInput;
use agora_domain::permissions::{Grant, Role};
use agora_store::{Body, NewBody, Who};
use reqwest::Method;
use serde_json::json;

both_backends!(
    facilitators_post_updates_and_members_when_the_group_allows,
    feeds_and_the_digest_keep_members_only_groups_private,
    overdue_updates_are_flagged_reminded_once_and_asked_for_at_home
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

async fn under(app: &TestApp, child: &Body, parent: &str, visibility: &str) {
    let p = ProfileInput {
        kind: "focus-group".into(),
        parent: parent.into(),
        membership: "open".into(),
        visibility: visibility.into(),
        ..ProfileInput::default()
    }
    .parse()
    .expect("profile");
    app.store
        .update_group(child.id, &p, &Who::system())
        .await
        .expect("profile");
}

fn update(progress: &str) -> serde_json::Value {
    json!({"progress": progress, "blockers": "None", "next_steps": "Keep going",
           "links": "https://example.org/report"})
}

async fn text(app: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.expect("get");
    let status = res.status().as_u16();
    let body = res.text().await.expect("body");
    assert!(!body.contains("Unknown localization key"), "{body}");
    (status, body)
}

async fn facilitators_post_updates_and_members_when_the_group_allows(app: TestApp) {
    let g = body(
        &app,
        "marketing-wg",
        "Marketing Working Group",
        Visibility::Public,
    )
    .await;
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, g.id)])
        .await;
    let mem = app
        .person("mem@example.org", &[grant(Role::GroupMember, g.id)])
        .await;
    let out = app.person("out@example.org", &[]).await;
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let (fac_t, mem_t, out_t, admin_t) = (
        app.token(fac).await,
        app.token(mem).await,
        app.token(out).await,
        app.token(admin).await,
    );
    let path = "/api/v1/groups/marketing-wg/updates";

    let (status, list) = anonymous(&app, path).await;
    assert_eq!(status, 200);
    assert_eq!(list["schedule"]["status"], "unscheduled");
    assert_eq!(list["may_post"], false);
    assert_eq!(list["updates"], json!([]));

    // Per role: anonymous 401, outsiders and plain members 403, nothing written.
    let res = reqwest::Client::new()
        .post(app.url(path))
        .json(&update("x"))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 401);
    for t in [&out_t, &mem_t] {
        let (status, _) = api(&app, t, Method::POST, path, Some(update("x"))).await;
        assert_eq!(status, 403);
    }
    // Bad input: 422 naming the field, nothing changed.
    for (bad, field) in [
        (
            json!({"progress": "x", "links": "javascript:alert(1)"}),
            "links",
        ),
        (json!({"progress": " "}), "progress"),
        (json!({"progress": "x", "period": "1999-Q1"}), "period"),
        (json!({"progress": 7}), "progress"),
    ] {
        let (status, body) = api(&app, &fac_t, Method::POST, path, Some(bad.clone())).await;
        assert_eq!(status, 422, "{bad}");
        assert!(body["errors"][field].is_string(), "{bad}: {body}");
    }
    assert!(app
        .store
        .recent_updates(&[g.id], 10)
        .await
        .expect("read")
        .is_empty());

    let (status, posted) = api(
        &app,
        &fac_t,
        Method::POST,
        path,
        Some(update("Case studies")),
    )
    .await;
    assert_eq!(status, 201, "{posted}");
    assert_eq!(posted["author"], "Test Person");
    assert_eq!(posted["links"], json!(["https://example.org/report"]));
    assert!(!posted.to_string().contains("@example.org"));
    let (_, list) = anonymous(&app, path).await;
    assert_eq!(list["schedule"]["status"], "on-track");
    assert_eq!(list["updates"][0]["progress"], "Case studies");

    // The facilitator lets members post, through the page's settings form.
    let fac_c = app.login("fac@example.org").await;
    let res = app
        .post_form(
            &fac_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/update-settings",
            &[("cadence_days", "400")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"cadence_days-error\""), "{html}");
    let res = app
        .post_form(
            &fac_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/update-settings",
            &[("cadence_days", "7"), ("members_post", "on")],
        )
        .await;
    assert_eq!(res.status(), 303);
    // The same through the API: the members' right is a setting of the group.
    let settings = "/api/v1/groups/marketing-wg/update-settings";
    let (status, body) = api(
        &app,
        &fac_t,
        Method::PUT,
        settings,
        Some(json!({"cadence_days": "0"})),
    )
    .await;
    assert_eq!(
        (status, body["errors"]["cadence_days"].is_string()),
        (422, true)
    );
    let (status, body) = api(
        &app,
        &fac_t,
        Method::PUT,
        settings,
        Some(json!({"cadence_days": "7", "members_post": "true"})),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(body, json!({"cadence_days": 7, "members_post": true}));
    let (status, _) = api(
        &app,
        &mem_t,
        Method::PUT,
        settings,
        Some(json!({"cadence_days": "30"})),
    )
    .await;
    assert_eq!(status, 403);
    // Members do not change the settings.
    let mem_c = app.login("mem@example.org").await;
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/update-settings",
            &[("cadence_days", "30")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.store
            .update_settings(g.id)
            .await
            .expect("read")
            .cadence_days,
        7
    );

    // Now the member posts, through the page's form: a bad link is shown with its field.
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/updates",
            &[
                ("progress", "Webinar booked"),
                ("links", "ftp://example.org/x"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains("id=\"links-error\"") && html.contains("Webinar booked"));
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/updates",
            &[
                ("progress", "Webinar booked"),
                ("links", "https://example.org/webinar"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, page) = text(&app, &mem_c, "/groups/marketing-wg").await;
    assert!(page.contains("Webinar booked") && page.contains("id=\"update-form\""));

    // The ledger: each reads their own; an admin reads anyone's; nobody else.
    let (status, mine) = api(&app, &mem_t, Method::GET, "/api/v1/me/activity", None).await;
    assert_eq!(status, 200);
    let kinds: Vec<&str> = mine["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| e["kind"].as_str().expect("kind"))
        .collect();
    assert_eq!(kinds, ["update"]);
    assert_eq!(mine["items"][0]["group"]["slug"], "marketing-wg");
    let theirs = format!("/api/v1/people/{fac}/activity");
    let (status, _) = api(&app, &mem_t, Method::GET, &theirs, None).await;
    assert_eq!(status, 403);
    let (status, _) = anonymous(&app, "/api/v1/me/activity").await;
    assert_eq!(status, 401);
    let (status, fac_ledger) = api(&app, &admin_t, Method::GET, &theirs, None).await;
    assert_eq!(status, 200);
    assert_eq!(fac_ledger["total"], 1);
    let (status, body) = api(
        &app,
        &mem_t,
        Method::GET,
        "/api/v1/me/activity?per_page=500",
        None,
    )
    .await;
    assert_eq!(
        (status, body["errors"]["per_page"].is_string()),
        (422, true)
    );
    // And on the home page.
    let (_, home) = text(&app, &mem_c, "/home").await;
    assert!(home.contains("id=\"activity\"") && home.contains("Posted an update"));
}

async fn feeds_and_the_digest_keep_members_only_groups_private(app: TestApp) {
    let parent = body(
        &app,
        "biz-dev-wg",
        "Biz Dev Working Group",
        Visibility::Public,
    )
    .await;
    let open = body(
        &app,
        "market-expansion",
        "Market Expansion",
        Visibility::Public,
    )
    .await;
    let closed = body(&app, "secret-focus", "Secret Focus", Visibility::Members).await;
    under(&app, &open, "biz-dev-wg", "public").await;
    under(&app, &closed, "biz-dev-wg", "members").await;
    let fac = app
        .person(
            "fac@example.org",
            &[
                grant(Role::Facilitator, parent.id),
                grant(Role::Facilitator, open.id),
                grant(Role::Facilitator, closed.id),
            ],
        )
        .await;
    let t = app.token(fac).await;
    for (slug, progress) in [
        ("biz-dev-wg", "Parent <progress> & more"),
        ("market-expansion", "Open progress"),
        ("secret-focus", "Hidden progress"),
    ] {
        let (status, _) = api(
            &app,
            &t,
            Method::POST,
            &format!("/api/v1/groups/{slug}/updates"),
            Some(update(progress)),
        )
        .await;
        assert_eq!(status, 201, "{slug}");
    }

    let anon = reqwest::Client::new();
    let (status, all) = text(&app, &anon, "/groups/updates.atom").await;
    assert_eq!(status, 200);
    assert!(all.contains("Open progress") && all.contains("Parent &lt;progress&gt; &amp; more"));
    assert!(!all.contains("Hidden progress") && !all.contains("Secret Focus"));
    assert!(!all.contains("@example.org"), "no addresses in feeds");
    check_atom_feed(
        &all,
        "Updates of every public group",
        "Update of Market Expansion",
        "/groups/market-expansion#update-",
    );
    let (status, one) = text(&app, &anon, "/groups/market-expansion/updates.atom").await;
    assert_eq!(status, 200);
    check_atom_feed(
        &one,
        "Updates of Market Expansion",
        "Update of Market Expansion",
        "/groups/market-expansion#update-",
    );
    let (status, _) = text(&app, &anon, "/groups/secret-focus/updates.atom").await;
    assert_eq!(status, 404);
    let (status, _) = anonymous(&app, "/api/v1/groups/secret-focus/updates").await;
    assert_eq!(status, 404);

    // The digest of the parent: its own and its visible subgroups' updates.
    let period = agora_domain::groups::okrs::Quarter::containing(app.clock.now().date_naive());
    let digest = format!("/groups/biz-dev-wg/digest?period={period}");
    let (status, html) = text(&app, &anon, &digest).await;
    assert_eq!(status, 200);
    assert!(html.contains("Open progress") && !html.contains("Hidden progress"));
    let fac_c = app.login("fac@example.org").await;
    let (_, html) = text(&app, &fac_c, &digest).await;
    assert!(html.contains("Hidden progress"), "members see their group");
    let (status, _) = text(&app, &anon, "/groups/biz-dev-wg/digest?period=2026-Q7").await;
    assert_eq!(status, 422);
    // The parent's page lists the subgroups the viewer may see, with their status.
    let (_, page) = text(&app, &anon, "/groups/biz-dev-wg").await;
    assert!(page.contains("id=\"subgroup-updates\"") && !page.contains("Secret Focus"));
}

async fn overdue_updates_are_flagged_reminded_once_and_asked_for_at_home(app: TestApp) {
    let parent = body(
        &app,
        "biz-dev-wg",
        "Biz Dev Working Group",
        Visibility::Public,
    )
    .await;
    let child = body(
        &app,
        "partnerships",
        "Partnership Development",
        Visibility::Public,
    )
    .await;
    under(&app, &child, "biz-dev-wg", "public").await;
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, child.id)])
        .await;
    app.store
        .set_language(fac, Some("fr"), &Who::system())
        .await
        .expect("language");
    let mem = app
        .person("mem@example.org", &[grant(Role::GroupMember, child.id)])
        .await;
    let (fac_t, mem_t) = (app.token(fac).await, app.token(mem).await);
    let (status, _) = api(
        &app,
        &fac_t,
        Method::POST,
        "/api/v1/groups/partnerships/updates",
        Some(update("First")),
    )
    .await;
    assert_eq!(status, 201);
    let kinds = |token: String| {
        let app = &app;
        async move {
            let (_, body) = api(app, &token, Method::GET, "/api/v1/me/tasks", None).await;
            body["tasks"]
                .as_array()
                .expect("tasks")
                .iter()
                .filter(|t| t["kind"] == "update-due")
                .count()
        }
    };
    assert_eq!(kinds(fac_t.clone()).await, 0);

    // Fifteen days on, the fortnightly update is overdue.
    app.clock.advance(chrono::Duration::days(15));
    let (_, page) = text(&app, &reqwest::Client::new(), "/groups/biz-dev-wg").await;
    assert!(
        page.contains("data-status=\"overdue\""),
        "flagged on the parent's page"
    );
    assert_eq!(
        kinds(fac_t.clone()).await,
        1,
        "the facilitator is asked at home"
    );
    assert_eq!(kinds(mem_t.clone()).await, 0, "members do not post here");

    let mut jobs = agora_web::jobs::Jobs::default();
    jobs.add(agora_web::groups::job(
        app.store.clone(),
        agora_web::groups::ROTATION_EVERY,
    ));
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
    let to_fac: Vec<_> = app
        .store
        .outbox_recent(50)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|m| m.to_address == "fac@example.org")
        .collect();
    assert_eq!(to_fac.len(), 1, "once per due date");
    assert!(
        to_fac[0]
            .subject
            .starts_with("Le compte rendu de Partnership Development est attendu le"),
        "{}",
        to_fac[0].subject
    );
    assert!(to_fac[0].body.contains("/groups/partnerships#updates"));

    // Posting clears the flag and the item.
    let (status, _) = api(
        &app,
        &fac_t,
        Method::POST,
        "/api/v1/groups/partnerships/updates",
        Some(update("Second")),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(kinds(fac_t).await, 0);
    let (_, page) = text(&app, &reqwest::Client::new(), "/groups/biz-dev-wg").await;
    assert!(page.contains("data-status=\"on-track\""));
    let _ = parent;
}
