//! Time commitments over HTTP, on both databases: who sees which hours (anonymous, outsider,
//! member, another member with and without sharing, facilitator, admin), bad input naming the field
//! and changing nothing (API and page), corrections and deletes, the page's Time section, the home
//! page's "hours to log" and the monthly reminder sent once in the member's language.

use super::helpers::{anonymous, api, TestApp};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::groups::hours::Month;
use agora_domain::groups::ProfileInput;
use agora_domain::permissions::{Grant, Role};
use agora_store::{Body, NewBody, Who};
use chrono::Datelike;
use reqwest::Method;
use serde_json::json;

both_backends!(
    members_log_hours_and_see_only_what_they_may,
    hours_to_log_at_home_and_the_reminder_once
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

/// The MWG: public, open, 10-20 hours a month.
async fn mwg(app: &TestApp) -> Body {
    let body = app
        .store
        .create_body(
            &NewBody {
                slug: "marketing-wg".into(),
                name: "Marketing Working Group".into(),
                description: String::new(),
                visibility: Visibility::Public,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body");
    let p = ProfileInput {
        kind: "working-group".into(),
        membership: "open".into(),
        visibility: "public".into(),
        hours_min: "10".into(),
        hours_max: "20".into(),
        ..ProfileInput::default()
    }
    .parse()
    .expect("profile");
    app.store
        .update_group(body.id, &p, &Who::system())
        .await
        .expect("profile");
    body
}

fn entry(activity: &str, hours: &str) -> serde_json::Value {
    json!({"activity": activity, "hours": hours, "note": "Case study draft"})
}

const PATH: &str = "/api/v1/groups/marketing-wg/hours";

async fn members_log_hours_and_see_only_what_they_may(app: TestApp) {
    let g = mwg(&app).await;
    let fac = app
        .person("fac@example.org", &[grant(Role::Facilitator, g.id)])
        .await;
    let mem = app
        .person("mem@example.org", &[grant(Role::GroupMember, g.id)])
        .await;
    let other = app
        .person("other@example.org", &[grant(Role::GroupMember, g.id)])
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
    let (fac_t, mem_t, other_t, out_t, admin_t) = (
        app.token(fac).await,
        app.token(mem).await,
        app.token(other).await,
        app.token(out).await,
        app.token(admin).await,
    );
    let month = Month::containing(app.clock.now().date_naive());

    // Outside the group: anonymous 401, an outsider 403, for reading and for logging.
    assert_eq!(anonymous(&app, PATH).await.0, 401);
    for (m, body) in [
        (Method::GET, None),
        (Method::POST, Some(entry("code", "1"))),
    ] {
        let (status, _) = api(&app, &out_t, m, PATH, body).await;
        assert_eq!(status, 403);
    }
    // Admins read the group's totals but log nothing: they are not members.
    let (status, _) = api(&app, &admin_t, Method::POST, PATH, Some(entry("code", "1"))).await;
    assert_eq!(status, 403);

    // Bad input: 422 naming the field, nothing logged.
    let future = month.next().to_string();
    for (bad, field) in [
        (json!({"activity": "content", "hours": "745"}), "hours"),
        (json!({"activity": "content", "hours": "-1"}), "hours"),
        (json!({"activity": "content", "hours": "2.1"}), "hours"),
        (json!({"activity": "content", "hours": "lots"}), "hours"),
        (json!({"activity": "gardening", "hours": "2"}), "activity"),
        (
            json!({"activity": "content", "hours": "2", "month": future}),
            "month",
        ),
        (
            json!({"activity": "content", "hours": "2", "month": "2026-13"}),
            "month",
        ),
    ] {
        let (status, body) = api(&app, &mem_t, Method::POST, PATH, Some(bad.clone())).await;
        assert_eq!(status, 422, "{bad}");
        assert!(body["errors"][field].is_string(), "{bad}: {body}");
    }
    assert!(app
        .store
        .hours_log(g.id, mem, month.previous())
        .await
        .expect("log")
        .is_empty());

    // Log, correct (same month and activity), and log another activity.
    let (status, e) = api(
        &app,
        &mem_t,
        Method::POST,
        PATH,
        Some(entry("content", "12.5")),
    )
    .await;
    assert_eq!(status, 201, "{e}");
    assert_eq!(
        (e["hours"].as_f64(), e["month"].as_str()),
        (Some(12.5), Some(month.to_string().as_str()))
    );
    let (status, e) = api(
        &app,
        &mem_t,
        Method::POST,
        PATH,
        Some(entry("content", "12")),
    )
    .await;
    assert_eq!((status, e["hours"].as_f64()), (200, Some(12.0)));
    let (status, _) = api(&app, &mem_t, Method::PUT, PATH, Some(entry("code", "1.25"))).await;
    assert_eq!(status, 200);
    // The month's total over activities is bounded too.
    let (status, body) = api(&app, &mem_t, Method::PUT, PATH, Some(entry("video", "740"))).await;
    assert_eq!((status, body["errors"]["hours"].as_str()), (422, Some("With your other activities this month, this passes 744 hours: a month has no more.")));

    let (status, mine) = api(&app, &mem_t, Method::GET, PATH, None).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine["range"], json!({"min": 10, "max": 20}));
    assert_eq!(mine["mine"][0]["total"].as_f64(), Some(13.25));
    assert_eq!(mine["mine"][0]["position"], "within");
    assert_eq!(mine["mine"][0]["entries"].as_array().map(Vec::len), Some(2));
    assert_eq!(mine["members"], json!([]), "nobody shares yet");
    assert_eq!(mine["everyone"], false);

    // Another member logs; the first sees it only once it is shared.
    let (status, _) = api(
        &app,
        &other_t,
        Method::POST,
        PATH,
        Some(entry("events", "25")),
    )
    .await;
    assert_eq!(status, 201);
    let (_, seen) = api(&app, &mem_t, Method::GET, PATH, None).await;
    assert_eq!(seen["members"], json!([]));
    let (status, _) = api(
        &app,
        &other_t,
        Method::PUT,
        &format!("{PATH}/sharing"),
        Some(json!({"shared": true})),
    )
    .await;
    assert_eq!(status, 200);
    let (_, seen) = api(&app, &mem_t, Method::GET, PATH, None).await;
    assert_eq!(seen["members"].as_array().map(Vec::len), Some(1));
    assert_eq!(seen["members"][0]["person_id"], other);
    assert_eq!(seen["members"][0]["totals"][0].as_f64(), Some(25.0));
    // The member's own notes are theirs: another member never sees them.
    assert!(!seen["members"].to_string().contains("Case study"));

    // Facilitators and admins see every member's totals, by name, with no e-mail address.
    for t in [&fac_t, &admin_t] {
        let (status, all) = api(&app, t, Method::GET, PATH, None).await;
        assert_eq!(status, 200);
        assert_eq!(all["everyone"], true);
        let ids: Vec<i64> = all["members"]
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|r| r["person_id"].as_i64())
            .collect();
        assert!(ids.contains(&mem) && ids.contains(&other), "{all}");
        assert!(!all.to_string().contains("@example.org"));
        assert!(!all.to_string().contains("Case study"));
    }

    // Delete: 204, then 404; a bad month names the field.
    let del = format!("{PATH}/{month}/code");
    let (status, _) = api(&app, &mem_t, Method::DELETE, &del, None).await;
    assert_eq!(status, 204);
    let (status, _) = api(&app, &mem_t, Method::DELETE, &del, None).await;
    assert_eq!(status, 404);
    let (status, body) = api(
        &app,
        &mem_t,
        Method::DELETE,
        &format!("{PATH}/soon/code"),
        None,
    )
    .await;
    assert_eq!((status, body["errors"]["month"].is_string()), (422, true));

    // The page: members see the Time section; a bad figure comes back with its field; outsiders
    // see no section at all.
    let mem_c = app.login("mem@example.org").await;
    let page = mem_c
        .get(app.url("/groups/marketing-wg"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("id=\"time\"") && page.contains("id=\"hours-form\""),
        "{page}"
    );
    assert!(page.contains("hours-within"));
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/hours",
            &[
                ("activity", "outreach"),
                ("hours", "800"),
                ("note", "Typed"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("id=\"hours-error\"") && html.contains("Typed"),
        "{html}"
    );
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/hours",
            &[
                ("activity", "outreach"),
                ("hours", "2"),
                ("month", &month.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/hours/sharing",
            &[("shared", "on")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(app.store.hours_shared(g.id, mem).await.expect("shared"));
    let res = app
        .post_form(
            &mem_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/hours/delete",
            &[("activity", "outreach"), ("month", &month.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let out_c = app.login("out@example.org").await;
    let page = out_c
        .get(app.url("/groups/marketing-wg"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(!page.contains("id=\"time\""));
    let res = app
        .post_form(
            &out_c,
            "/groups/marketing-wg",
            "/groups/marketing-wg/hours",
            &[("activity", "outreach"), ("hours", "2")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // The facilitator's page shows the table of members' totals.
    let fac_c = app.login("fac@example.org").await;
    let page = fac_c
        .get(app.url("/groups/marketing-wg"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("id=\"hours-members\""));
    // The ledger counts logged hours once per month and activity.
    let ledger = app
        .store
        .activity(
            mem,
            None,
            agora_domain::pagination::PageRequest::new(1, 100),
        )
        .await
        .expect("ledger");
    let hours = ledger
        .items
        .iter()
        .filter(|a| a.source.slug() == "hours")
        .count();
    assert_eq!(hours, 3, "content, code and outreach");
}

async fn hours_to_log_at_home_and_the_reminder_once(app: TestApp) {
    let g = mwg(&app).await;
    let mem = app
        .person("mem@example.org", &[grant(Role::GroupMember, g.id)])
        .await;
    app.store
        .set_language(mem, Some("fr"), &Who::system())
        .await
        .expect("language");
    let mem_t = app.token(mem).await;
    let items = |token: String| {
        let app = &app;
        async move {
            let (_, body) = api(app, &token, Method::GET, "/api/v1/me/tasks", None).await;
            body["tasks"]
                .as_array()
                .expect("tasks")
                .iter()
                .filter(|t| t["kind"] == "hours-to-log")
                .count()
        }
    };
    let mut jobs = agora_web::jobs::Jobs::default();
    jobs.add(agora_web::groups::job(
        app.store.clone(),
        agora_web::groups::ROTATION_EVERY,
    ));
    let to_mem = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            store
                .outbox_recent(50)
                .await
                .expect("outbox")
                .into_iter()
                .filter(|m| m.to_address == "mem@example.org")
                .collect::<Vec<_>>()
        }
    };

    // The 10th of next month: nothing is asked yet.
    let today = app.clock.now().date_naive();
    let tenth = Month::containing(today).next().first_day() + chrono::Duration::days(9);
    app.clock
        .advance(chrono::Duration::days((tenth - today).num_days()));
    assert_eq!(app.clock.now().day(), 10);
    assert_eq!(items(mem_t.clone()).await, 0);
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
    assert!(to_mem(&app).await.is_empty());

    // The 25th: asked at home and reminded once, in French.
    app.clock.advance(chrono::Duration::days(15));
    let month = Month::containing(app.clock.now().date_naive());
    assert_eq!(items(mem_t.clone()).await, 1);
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
    agora_web::jobs::run_all_once(&jobs, &app.store, &app.clock).await;
    let mails = to_mem(&app).await;
    assert_eq!(mails.len(), 1, "once per person and month");
    assert_eq!(
        mails[0].subject,
        format!("Il est temps de saisir vos heures de {month}")
    );
    assert!(mails[0].body.contains("Marketing Working Group"));

    // Logging clears the item.
    let (status, _) = api(
        &app,
        &mem_t,
        Method::POST,
        PATH,
        Some(entry("meetings", "3")),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(items(mem_t).await, 0);
}
