//! The foundation's partnerships over HTTP, on both databases: admins keep them through the API and
//! the admin page (bad input named by field, nothing changed), anyone reads the list and the public
//! page, whose cached copy follows every change.

use super::helpers::{api, TestApp};
use crate::both_backends;
use agora_domain::permissions::{Grant, Role};
use reqwest::Method;
use serde_json::json;

both_backends!(admins_keep_the_partnerships_the_public_page_lists);

fn partnership(org: &str) -> serde_json::Value {
    json!({"organization": org, "kind": "nonprofit", "website": "https://oea.example.org",
           "description": "Joint translation sprints for Open edX.", "involvement": "Join a sprint.",
           "since": "2024-05-01"})
}

async fn admins_keep_the_partnerships_the_public_page_lists(app: TestApp) {
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let member = app.person("member@example.org", &[]).await;
    let (admin_t, member_t) = (app.token(admin).await, app.token(member).await);
    let anon = reqwest::Client::new();
    let page = |c: &reqwest::Client| {
        let c = c.clone();
        let url = app.url("/partnerships");
        async move {
            let res = c.get(url).send().await.expect("get");
            assert_eq!(res.status(), 200);
            res.text().await.expect("html")
        }
    };
    assert!(page(&anon).await.contains("No partnership is listed yet."));

    let (status, created) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/partnerships",
        Some(partnership("Open Education Alliance")),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let (status, _) = api(
        &app,
        &member_t,
        Method::POST,
        "/api/v1/partnerships",
        Some(partnership("Sneaky")),
    )
    .await;
    assert_eq!(status, 403);
    let mut bad = partnership("Broken");
    bad["website"] = json!("javascript:alert(1)");
    bad["ended"] = json!("2024-01-01");
    bad["kind"] = json!("friends");
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/partnerships",
        Some(bad),
    )
    .await;
    assert_eq!(status, 422);
    for field in ["website", "ended", "kind"] {
        assert!(e["errors"][field].is_string(), "{e} names {field}");
    }

    // The public list and page, the cached copy renewed by the change.
    let (status, list) = super::helpers::anonymous(&app, "/api/v1/partnerships").await;
    assert_eq!(status, 200);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["organization"], "Open Education Alliance");
    let html = page(&anon).await;
    assert!(html.contains("Open Education Alliance") && html.contains("Join a sprint."));

    // Ended: listed among the past ones.
    let mut ended = partnership("Open Education Alliance");
    ended["ended"] = json!("2025-06-30");
    let (status, _) = api(
        &app,
        &admin_t,
        Method::PUT,
        &format!("/api/v1/partnerships/{id}"),
        Some(ended),
    )
    .await;
    assert_eq!(status, 200);
    let html = page(&anon).await;
    assert!(html.contains("Past partnerships") && html.contains("2025-06-30"));

    // The admin page: add through the form, refusals named next to the field.
    let c = app.login("admin@example.org").await;
    let res = app
        .post_form(
            &c,
            "/admin/partnerships",
            "/admin/partnerships",
            &[
                ("organization", "University Consortium"),
                ("kind", "academic"),
                ("website", "https://uc.example.edu"),
                ("description", "Research on learning."),
                ("involvement", ""),
                ("since", "2023-09-01"),
                ("ended", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = app
        .post_form(
            &c,
            "/admin/partnerships",
            "/admin/partnerships",
            &[
                ("organization", ""),
                ("kind", "academic"),
                ("website", "https://uc.example.edu"),
                ("description", "x"),
                ("since", "someday"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("html");
    assert!(html.contains("id=\"organization-error\"") && html.contains("id=\"since-error\""));
    assert_eq!(app.store.partnerships().await.expect("list").len(), 2);
    let res = app
        .post_form(
            &c,
            "/admin/partnerships",
            &format!("/admin/partnerships/{id}/delete"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, _) = api(
        &app,
        &admin_t,
        Method::DELETE,
        &format!("/api/v1/partnerships/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    assert!(!page(&anon).await.contains("Open Education Alliance"));
}
