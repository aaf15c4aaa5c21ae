//! Partner benefits over HTTP, on both databases: the foundation opens programs, active partners'
//! people sign up (seats, sponsors, bad input named by field), the public campaigns page lists
//! participants and sponsors and nothing private, and the training library is for active partners'
//! people only, recording who opened what (links and uploaded files).

use super::helpers::{anonymous, api, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use reqwest::Method;
use serde_json::json;

both_backends!(
    active_partners_sign_up_and_the_campaign_page_lists_them,
    the_training_library_is_for_active_partners_and_records_who_opened_what,
);

fn grant(role: Role, scope_id: Option<i64>) -> [Grant; 1] {
    [Grant { role, scope_id }]
}

async fn active_partners_sign_up_and_the_campaign_page_lists_them(app: TestApp) {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let b = app.partner("Org B", PartnerStatus::Active).await;
    let c = app.partner("Org C", PartnerStatus::Suspended).await;
    let admin = app
        .person("admin@example.org", &grant(Role::Admin, None))
        .await;
    let pa = app
        .person("pa@a.example", &grant(Role::PartnerAdmin, Some(a.id)))
        .await;
    let pb = app
        .person("member@b.example", &grant(Role::PartnerMember, Some(b.id)))
        .await;
    let pc = app
        .person("pa@c.example", &grant(Role::PartnerAdmin, Some(c.id)))
        .await;
    let (admin_t, a_t, b_t, c_t) = (
        app.token(admin).await,
        app.token(pa).await,
        app.token(pb).await,
        app.token(pc).await,
    );

    // Bad input names each field and opens nothing.
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/programs",
        Some(
            json!({"kind": "party", "title": "", "description": "x", "link": "javascript:alert(1)",
                    "starts_on": "2027-03-01", "ends_on": "2027-02-01", "seats": "-1"}),
        ),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    for f in ["kind", "title", "link", "ends_on", "seats"] {
        assert!(e["errors"][f].is_string(), "{e} names {f}");
    }
    let (_, list) = api(&app, &admin_t, Method::GET, "/api/v1/programs", None).await;
    assert_eq!(list, json!([]));

    let (status, beta) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/programs",
        Some(json!({"kind": "beta", "title": "Early access: Redwood hosting", "description": "Test the release.", "seats": "1"})),
    )
    .await;
    assert_eq!(status, 201, "{beta}");
    let beta = beta["id"].as_i64().expect("id");
    let (status, campaign) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/programs",
        Some(json!({"kind": "campaign", "title": "Open edX Conference booth", "description": "A joint booth."})),
    )
    .await;
    assert_eq!(status, 201);
    let campaign = campaign["id"].as_i64().expect("id");
    let (status, _) = api(
        &app,
        &b_t,
        Method::POST,
        "/api/v1/programs",
        Some(json!({"kind": "beta"})),
    )
    .await;
    assert_eq!(status, 403, "only the foundation opens programs");

    let join = |token: &str, program: i64, body: serde_json::Value| {
        let token = token.to_string();
        let app = &app;
        async move {
            api(
                app,
                &token,
                Method::POST,
                &format!("/api/v1/programs/{program}/participants"),
                Some(body),
            )
            .await
        }
    };
    // A signs up for the beta and takes its one seat; B finds it full; B cannot act for A; C is
    // not active; a sponsor of a beta is refused.
    let (status, body) = join(
        &a_t,
        beta,
        json!({"partner": "org-a", "assets": "Our QA team."}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, e) = join(&b_t, beta, json!({"partner": "org-b"})).await;
    assert_eq!(
        (status, e["errors"]["program"].as_str()),
        (422, Some("Every place is taken.")),
        "{e}"
    );
    let (status, _) = join(&b_t, beta, json!({"partner": "org-a"})).await;
    assert_eq!(status, 403);
    let (status, _) = join(&c_t, beta, json!({"partner": "org-c"})).await;
    assert_eq!(
        status, 403,
        "a suspended partner's people do not see partner programs"
    );
    let (status, e) = join(
        &c_t,
        campaign,
        json!({"partner": "org-c", "assets": "A blog."}),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(e["errors"]["program"].is_string());
    let (status, e) = join(&a_t, campaign, json!({"partner": "org-a"})).await;
    assert_eq!(status, 422);
    assert!(
        e["errors"]["assets"].is_string(),
        "a campaign needs the assets brought: {e}"
    );
    let (status, e) = join(&a_t, beta, json!({"partner": "org-a", "role": "sponsor"})).await;
    assert_eq!(status, 422);
    assert!(e["errors"]["role"].is_string(), "{e}");

    // The beta's participants: the foundation sees A with its contact; B sees none of them.
    let (_, d) = api(
        &app,
        &admin_t,
        Method::GET,
        &format!("/api/v1/programs/{beta}"),
        None,
    )
    .await;
    assert_eq!(d["participants"][0]["partner"], "org-a");
    assert_eq!(d["participants"][0]["contact"], "Test Person");
    let (_, d) = api(
        &app,
        &b_t,
        Method::GET,
        &format!("/api/v1/programs/{beta}"),
        None,
    )
    .await;
    assert_eq!(d["participants"], json!([]));
    let (status, _) = anonymous(&app, &format!("/api/v1/programs/{beta}")).await;
    assert_eq!(status, 401);

    // The campaign: B sponsors, A takes part; the public sees names, never contacts or assets.
    let (status, _) = join(
        &b_t,
        campaign,
        json!({"partner": "org-b", "role": "sponsor", "assets": "Webinar series SECRET-ASSET"}),
    )
    .await;
    assert_eq!(status, 201);
    let (status, _) = join(
        &a_t,
        campaign,
        json!({"partner": "org-a", "assets": "Case study SECRET-ASSET"}),
    )
    .await;
    assert_eq!(status, 201);
    let (_, list) = anonymous(&app, "/api/v1/programs").await;
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(1),
        "only campaigns are public: {list}"
    );
    let (_, d) = anonymous(&app, &format!("/api/v1/programs/{campaign}")).await;
    assert_eq!(d["participants"][0]["role"], "sponsor");
    assert_eq!(d["participants"][0]["contact"], "");
    assert!(!d.to_string().contains("SECRET-ASSET"));
    for path in ["/campaigns".to_string(), format!("/programs/{campaign}")] {
        let html = reqwest::get(app.url(&path))
            .await
            .expect("get")
            .text()
            .await
            .expect("html");
        assert!(
            html.contains("Org A") && html.contains("Org B"),
            "{path} lists both"
        );
        for private in ["SECRET-ASSET", "Test Person", "@"] {
            assert!(!html.contains(private), "{path} shows {private}");
        }
    }
    // The partner's overview shows what it joined; withdrawing frees the seat for B.
    let client = app.login("pa@a.example").await;
    // An error page keeps the signed-in navigation.
    let res = client
        .get(app.url("/programs/999999"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("action=\"/logout\"") && html.contains("href=\"/portal\""),
        "{html}"
    );
    assert!(!html.contains("href=\"/login\""));
    let html = client
        .get(app.url("/benefits"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("Early access: Redwood hosting") && html.contains("Signed up: Org A"),
        "{html}"
    );
    let res = app
        .post_form(
            &client,
            &format!("/programs/{beta}"),
            &format!("/programs/{beta}/leave"),
            &[("partner", "org-a")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (status, _) = join(&b_t, beta, json!({"partner": "org-b"})).await;
    assert_eq!(status, 201);
    // A form error names its field on the page.
    let res = app
        .post_form(
            &client,
            &format!("/programs/{campaign}"),
            &format!("/programs/{campaign}/join"),
            &[("partner", "org-a"), ("role", "sponsor"), ("assets", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("assets-error"),
        "the assets field carries its error"
    );
    // The count and the list are two fields (one JSON key each).
    let (_, d) = anonymous(&app, &format!("/api/v1/programs/{campaign}")).await;
    assert_eq!(
        (
            d["signed_up"].as_u64(),
            d["participants"].as_array().map(Vec::len)
        ),
        (Some(2), Some(2)),
        "{d}"
    );
    // A suspended partner leaves the public lists, as it leaves the directory; the foundation
    // still sees its sign-up.
    let (status, _) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/partners/org-b/status",
        Some(json!({"status": "suspended", "reason": "Lapsed dues"})),
    )
    .await;
    assert_eq!(status, 200);
    let html = reqwest::get(app.url("/campaigns"))
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Org A") && !html.contains("Org B"), "{html}");
    let (_, d) = anonymous(&app, &format!("/api/v1/programs/{campaign}")).await;
    assert!(!d.to_string().contains("org-b"), "{d}");
    let (_, d) = api(
        &app,
        &admin_t,
        Method::GET,
        &format!("/api/v1/programs/{campaign}"),
        None,
    )
    .await;
    assert!(d.to_string().contains("org-b"));
    assert!(
        d.to_string().contains("pa@a.example"),
        "the foundation reaches the contact: {d}"
    );
    let (_, d) = api(
        &app,
        &a_t,
        Method::GET,
        &format!("/api/v1/programs/{campaign}"),
        None,
    )
    .await;
    assert!(
        !d.to_string().contains('@'),
        "no address outside the foundation: {d}"
    );
    // A closed program keeps its sign-ups: nobody withdraws from it.
    let (status, _) = api(&app, &admin_t, Method::PUT, &format!("/api/v1/programs/{campaign}"),
        Some(json!({"kind": "campaign", "title": "Open edX Conference booth", "description": "A joint booth.", "state": "closed"}))).await;
    assert_eq!(status, 200);
    let (status, e) = api(
        &app,
        &a_t,
        Method::DELETE,
        &format!("/api/v1/programs/{campaign}/participants/org-a"),
        None,
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert!(e["errors"]["program"].is_string());
    // The changes are in the audit log.
    let entries = app
        .store
        .audit_page(
            &agora_store::AuditFilter::default(),
            agora_domain::pagination::PageRequest::new(1, 100),
        )
        .await
        .expect("audit");
    for action in ["benefit.program_create", "benefit.join", "benefit.leave"] {
        assert!(
            entries.items.iter().any(|e| e.action == action),
            "{action} is audited"
        );
    }
}

async fn the_training_library_is_for_active_partners_and_records_who_opened_what(app: TestApp) {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let c = app.partner("Org C", PartnerStatus::Suspended).await;
    let admin = app
        .person("admin@example.org", &grant(Role::Admin, None))
        .await;
    let pa = app
        .person("pa@a.example", &grant(Role::PartnerMember, Some(a.id)))
        .await;
    app.person("pa@c.example", &grant(Role::PartnerAdmin, Some(c.id)))
        .await;
    let nobody = app.person("nobody@example.org", &[]).await;
    let (admin_t, a_t, nobody_t) = (
        app.token(admin).await,
        app.token(pa).await,
        app.token(nobody).await,
    );
    let (status, linked) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/training",
        Some(json!({"title": "Selling Open edX hosting", "description": "The pitch and the objections.",
                    "audience": "sales", "link": "https://training.example.org/selling"})),
    )
    .await;
    assert_eq!(status, 201, "{linked}");
    let linked = linked["id"].as_i64().expect("id");
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/training",
        Some(json!({"title": "x", "description": "y", "audience": "all"})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        e["errors"]["link"].is_string() && e["errors"]["audience"].is_string(),
        "{e}"
    );

    // An upload through the foundation's page: a PDF kept byte for byte, an HTML file served only
    // as a download, a file over the limit refused by name.
    let admin_c = app.login("admin@example.org").await;
    let token = app.csrf(&admin_c, "/admin/training").await;
    let pdf: Vec<u8> = b"%PDF-1.4\n"
        .iter()
        .copied()
        .chain((0..2_500_000u32).map(|i| (i % 253) as u8))
        .collect();
    let upload = |name: &str, bytes: Vec<u8>, title: &str| {
        let form = reqwest::multipart::Form::new()
            .text("title", title.to_string())
            .text("description", "Read before the call.")
            .text("audience", "technical")
            .text("link", "")
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
            );
        admin_c
            .post(app.url(&format!("/admin/training?csrf_token={token}")))
            .multipart(form)
            .send()
    };
    let res = upload("Deployment guide.pdf", pdf.clone(), "Deployment guide")
        .await
        .expect("upload");
    assert_eq!(res.status(), 303);
    let res = upload("page.html", b"<script>alert(1)</script>".to_vec(), "A page")
        .await
        .expect("upload");
    assert_eq!(res.status(), 303);
    let res = upload(
        "big.pdf",
        vec![7u8; agora_domain::benefits::MAX_FILE_BYTES + 1],
        "Too big",
    )
    .await
    .expect("upload");
    assert!(
        matches!(res.status().as_u16(), 413 | 422),
        "{}",
        res.status()
    );
    let res = upload("", vec![], "").await.expect("upload");
    assert_eq!(res.status(), 422);
    assert!(res.text().await.expect("html").contains("title-error"));

    let (status, items) = api(&app, &a_t, Method::GET, "/api/v1/training", None).await;
    assert_eq!(status, 200);
    let items = items.as_array().expect("list").clone();
    assert_eq!(items.len(), 3, "{items:?}");
    let id_of = |title: &str| {
        items
            .iter()
            .find(|i| i["title"] == title)
            .and_then(|i| i["id"].as_i64())
            .expect("item")
    };
    let (guide, page) = (id_of("Deployment guide"), id_of("A page"));
    let (status, only) = api(
        &app,
        &a_t,
        Method::GET,
        "/api/v1/training?audience=sales",
        None,
    )
    .await;
    assert_eq!((status, only.as_array().map(Vec::len)), (200, Some(1)));
    let (status, _) = api(
        &app,
        &a_t,
        Method::GET,
        "/api/v1/training?audience=everybody",
        None,
    )
    .await;
    assert_eq!(status, 422);
    // Nobody outside an active partner reads the library.
    let (status, _) = api(&app, &nobody_t, Method::GET, "/api/v1/training", None).await;
    assert_eq!(status, 403);
    let c_client = app.login("pa@c.example").await;
    let res = c_client
        .get(app.url(&format!("/training/{guide}/open")))
        .send()
        .await
        .expect("get");
    assert_eq!(
        res.status(),
        403,
        "a suspended partner's people cannot open items"
    );
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(app.url(&format!("/training/{guide}/open")))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 303, "anonymous visitors are sent to sign in");

    // A's member opens the three items: the link redirects, the PDF comes back whole, the page as
    // bytes to download.
    let a_client = app.login("pa@a.example").await;
    let res = a_client
        .get(app.url(&format!("/training/{linked}/open")))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        "https://training.example.org/selling"
    );
    let res = a_client
        .get(app.url(&format!("/training/{guide}/open")))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(res.bytes().await.expect("bytes").to_vec(), pdf);
    let res = a_client
        .get(app.url(&format!("/training/{page}/open")))
        .send()
        .await
        .expect("get");
    assert_eq!(res.headers()["content-type"], "application/octet-stream");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .expect("header")
        .starts_with("attachment"));

    // The foundation's own checks of an item are not readings.
    let res = admin_c
        .get(app.url(&format!("/training/{linked}/open")))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 303);
    // The foundation reads who opened what; nobody else does.
    let (status, opens) = api(&app, &admin_t, Method::GET, "/api/v1/training/opens", None).await;
    assert_eq!(status, 200);
    let opens = opens.as_array().expect("list");
    assert_eq!(opens.len(), 3, "{opens:?}");
    assert!(opens
        .iter()
        .all(|o| o["person"] == "Test Person" && o["partner"] == "Org A"));
    let (status, _) = api(&app, &a_t, Method::GET, "/api/v1/training/opens", None).await;
    assert_eq!(status, 403);
    let html = admin_c
        .get(app.url("/admin/training"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Who opened what") && html.contains("Org A"));
}
