//! The JSON API as scripts and the public website use it.

use super::helpers::TestApp;
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use serde_json::{json, Value};

both_backends!(
    application_via_api_then_approval_with_token,
    invalid_api_input_is_a_clear_4xx_and_changes_nothing,
    csv_import_is_all_or_nothing_and_reports_every_bad_row,
    openapi_document_lists_the_endpoints,
    expired_session_is_anonymous,
);

fn application() -> Value {
    json!({
        "name": "Api Learning", "website": "https://api-learning.example", "description": "We build courses.",
        "hq_country": "JP", "regions": ["east-asia-pacific"], "countries": [], "languages": ["ja", "en"],
        "services": ["course-development"], "pricing": ["fixed-price"], "size": "51-200", "segments": ["corporate"],
        "contact_name": "Haruto Sato", "contact_email": "haruto@api-learning.example", "motivation": ""
    })
}

async fn application_via_api_then_approval_with_token(app: TestApp) {
    let c = reqwest::Client::new();
    let res = c
        .post(app.url("/api/v1/partners/applications"))
        .json(&application())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 201);
    let created: Value = res.json().await.expect("json");
    assert_eq!(created["slug"], "api-learning");
    assert_eq!(created["status"], "applicant");
    assert_eq!(
        c.get(app.url("/api/v1/partners/api-learning"))
            .send()
            .await
            .expect("get")
            .status(),
        404,
        "applicants are private"
    );

    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let token = app.token(admin).await;
    let res = c
        .post(app.url("/api/v1/partners/api-learning/status"))
        .bearer_auth(&token)
        .json(&json!({"status": "active"}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["partner"]["status"], "active");
    assert!(body["invitation_link"]
        .as_str()
        .is_some_and(|l| l.contains("/invitations/")));

    let public: Value = c
        .get(app.url("/api/v1/partners/api-learning"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(public["size"], "51-200");
    assert!(
        public.get("contact_email").is_none(),
        "no personal data in the public view"
    );
    let list: Value = c
        .get(app.url("/api/v1/partners?region=east-asia-pacific&language=ja"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(list["total"], 1);
    let v: Value = c
        .get(app.url("/api/v1/partners/api-learning/verification"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["active"], true);
    let me: Value = c
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(me["email"], "admin@example.org");
}

async fn invalid_api_input_is_a_clear_4xx_and_changes_nothing(app: TestApp) {
    let c = reqwest::Client::new();
    let mut bad = application();
    bad["website"] = json!("ftp://nope");
    bad["hq_country"] = json!("ZZ");
    let res = c
        .post(app.url("/api/v1/partners/applications"))
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.expect("json");
    assert!(body["errors"]["website"]
        .as_str()
        .is_some_and(|m| m.contains("web address")));
    assert!(body["errors"]["hq_country"].is_string());

    let res = c
        .post(app.url("/api/v1/partners/applications"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 400);
    assert!(res.json::<Value>().await.expect("json")["message"]
        .as_str()
        .is_some_and(|m| m.contains("JSON")));

    let huge = "x".repeat(3 * 1024 * 1024);
    let res = c
        .post(app.url("/api/v1/partners/applications"))
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 413);

    let res = c
        .get(app.url("/api/v1/partners?service=plumbing"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 422);
    let res = c
        .get(app.url("/api/v1/partners?per_page=1000"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 422);
    let res = c
        .get(app.url("/api/v1/me"))
        .bearer_auth("agora_forged")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 401);

    let mut dup = application();
    c.post(app.url("/api/v1/partners/applications"))
        .json(&dup)
        .send()
        .await
        .expect("post");
    dup["contact_email"] = json!("other@api-learning.example");
    let res = c
        .post(app.url("/api/v1/partners/applications"))
        .json(&dup)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    assert!(res.json::<Value>().await.expect("json")["errors"]["slug"].is_string());
    assert_eq!(app.store.all_partners().await.expect("all").len(), 1);
}

async fn csv_import_is_all_or_nothing_and_reports_every_bad_row(app: TestApp) {
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let token = app.token(admin).await;
    let c = reqwest::Client::new();
    let header = agora_web::partners::csv::HEADER.join(",");
    let bad = format!(
        "{header}\nalpha,Alpha,active,https://alpha.example,Hosting.,,FR,11-50,europe,,en,hosting,subscription,corporate\n\
         beta,Beta,active,not-a-url,Training.,,XX,11-50,europe,,en,hosting,subscription,corporate\n\
         gamma,Gamma,sleeping,https://gamma.example,Training.,,FR,huge,europe,,en,hosting,subscription,corporate\n"
    );
    let res = c
        .post(app.url("/api/v1/partners/import"))
        .bearer_auth(&token)
        .body(bad)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.expect("json");
    let rows: Vec<(u64, String)> = body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap_or(0),
                r["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for expected in [
        (3, "website"),
        (3, "hq_country"),
        (4, "status"),
        (4, "size"),
    ] {
        assert!(
            rows.contains(&(expected.0, expected.1.to_string())),
            "{expected:?} missing from {rows:?}"
        );
    }
    assert!(
        app.store.all_partners().await.expect("all").is_empty(),
        "nothing imported"
    );

    let good = format!("{header}\nalpha,Alpha,active,https://alpha.example,Hosting.,,FR,11-50,europe,,en,hosting,subscription,corporate\n");
    let res = c
        .post(app.url("/api/v1/partners/import"))
        .bearer_auth(&token)
        .body(good)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.expect("json")["created"], 1);
    let export = c
        .get(app.url("/api/v1/partners/export.csv"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("csv");
    assert!(export.starts_with("slug,name,status") && export.contains("alpha,Alpha,active"));
}

async fn openapi_document_lists_the_endpoints(app: TestApp) {
    let doc: Value = reqwest::get(app.url("/api/v1/openapi.json"))
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in [
        "/api/v1/partners",
        "/api/v1/partners/{slug}",
        "/api/v1/partners/applications",
        "/api/v1/partners/{slug}/status",
        "/api/v1/audit",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["securitySchemes"]["token"].is_object());

    // Every documented operation is routed: asked anonymously with made-up parameters, it answers
    // (whatever the answer) instead of "no such endpoint" or "method not allowed".
    let c = reqwest::Client::new();
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let url = path
            .split('/')
            .map(|seg| if seg.starts_with('{') { "1" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        for method in item.as_object().expect("operations").keys() {
            let m = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let res = c
                .request(m, app.url(&url))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await
                .expect("send");
            let status = res.status();
            let body = res.text().await.expect("body");
            assert_ne!(status, 405, "{method} {path} is documented but not routed");
            assert!(
                !body.contains("no_such_endpoint"),
                "{method} {path} is documented but not routed"
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} operations documented");
    // And an undocumented path under the API says so.
    let res = c
        .get(app.url("/api/v1/nothing/here"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
    assert!(res.text().await.expect("body").contains("no_such_endpoint"));
}

async fn expired_session_is_anonymous(app: TestApp) {
    // Metrics behind a token when one is configured (an instance on this test's database).
    let guarded = app
        .second_instance(|c| c.metrics_token = Some("m3trics".to_string().into()))
        .await;
    let c = reqwest::Client::new();
    let metrics = format!("{}/metrics", guarded.base);
    assert_eq!(c.get(&metrics).send().await.expect("get").status(), 401);
    assert_eq!(
        c.get(&metrics)
            .bearer_auth("m3trics")
            .send()
            .await
            .expect("get")
            .status(),
        200
    );

    // Sessions end after 30 idle minutes of the app's clock: it is moved, nobody waits.
    app.person("ada@example.org", &[]).await;
    let c = app.login("ada@example.org").await;
    assert_eq!(
        c.get(app.url("/account"))
            .send()
            .await
            .expect("get")
            .status(),
        200
    );
    app.clock.advance(chrono::Duration::minutes(29));
    let res = c.get(app.url("/account")).send().await.expect("get");
    assert_eq!(res.status(), 200, "still within the idle time");
    // That visit slid the idle time: 29 more minutes are fine, 31 idle minutes are not.
    app.clock.advance(chrono::Duration::minutes(29));
    let res = c.get(app.url("/account")).send().await.expect("get");
    assert_eq!(res.status(), 200, "the idle time slides with each visit");
    app.clock.advance(chrono::Duration::minutes(31));
    let res = c.get(app.url("/account")).send().await.expect("get");
    assert_eq!(res.status(), 303);
    assert!(res.headers()["location"]
        .to_str()
        .expect("loc")
        .starts_with("/login?next="));
    let _ = PartnerStatus::Active;
}
