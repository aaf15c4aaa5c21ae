//! Web security over HTTP (issue 8, parts 3 and 4): redirects after sign-in, client addresses behind
//! proxies, spreadsheet formulas in CSV files, per-account limits, API tokens, the API's answers to bad
//! bodies, and what the public can learn about leads and applications.

use super::helpers::{browser, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_web::Config;
use serde_json::{json, Value};

both_backends!(
    sign_in_goes_only_to_a_clean_local_path,
    spreadsheet_formulas_are_neutralised_in_every_csv,
    api_bodies_null_is_absent_and_wrong_types_name_the_field,
    delegates_of_an_unknown_partner_are_not_found,
    lead_merge_is_not_revealed,
    applications_are_indistinguishable_from_unknown_slugs,
);

/// Like `both_backends!`, with the configuration changed by `super::$tweak`.
macro_rules! both_backends_with {
    ($tweak:ident: $($name:ident),+ $(,)?) => {
        $(mod $name {
            #[tokio::test]
            async fn sqlite() {
                if let Some(app) = crate::helpers::spawn_app_with(agora_store::testing::Backend::Sqlite, super::$tweak).await { super::$name(app).await }
            }
            #[tokio::test]
            async fn postgres() {
                if let Some(app) = crate::helpers::spawn_app_with(agora_store::testing::Backend::Postgres, super::$tweak).await { super::$name(app).await }
            }
        })+
    };
}

both_backends_with!(behind_one_proxy: forwarded_for_cannot_escape_the_per_ip_limit);
both_backends_with!(small_lead_limits: signed_in_lead_submissions_are_limited_per_account_and_token);
both_backends!(api_tokens_expire_and_a_password_reset_revokes_them);

fn small_lead_limits(c: &mut Config) {
    c.lead_submissions_per_account_hour = 2;
    c.lead_submissions_per_token_hour = 3;
}

fn behind_one_proxy(c: &mut Config) {
    c.trust_proxy = true;
    c.trusted_proxies = 1;
    c.lead_submissions_per_ip_hour = 2;
}

const FORMULA: &str = "=HYPERLINK(\"https://evil.example\",\"Click\")";

async fn admin(app: &TestApp) -> (i64, String) {
    let id = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    (id, app.token(id).await)
}

fn lead_body(email: &str) -> Value {
    json!({
        "organization": "Université Exemple", "contact_name": "Ana Souza", "email": email,
        "country": "FR", "languages": ["fr"], "services": ["hosting"],
        "message": "A platform for 10,000 learners.", "consent": true
    })
}

async fn sign_in_with_next(app: &TestApp, next: &str) -> (u16, String) {
    let c = browser();
    let res = app
        .post_form(
            &c,
            "/login",
            "/login",
            &[
                ("email", "someone@example.org"),
                ("password", super::helpers::PASSWORD),
                ("next", next),
            ],
        )
        .await;
    let location = res
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (res.status().as_u16(), location)
}

async fn sign_in_goes_only_to_a_clean_local_path(app: TestApp) {
    app.person("someone@example.org", &[]).await;
    for bad in [
        "/\t/evil.example",
        "/\\evil.example",
        "//evil.example",
        "/\n/evil.example",
        "/x\r\nSet-Cookie: a=b",
        "https://evil.example/",
        "/%0a",
    ] {
        let (status, to) = sign_in_with_next(&app, bad).await;
        // "/%0a" is a clean path (an encoded newline is just text in a path segment).
        let expected = if bad == "/%0a" { "/%0a" } else { "/home" };
        assert_eq!((status, to.as_str()), (303, expected), "next = {bad:?}");
    }
    let (status, to) = sign_in_with_next(&app, "/partners?page=2#list").await;
    assert_eq!((status, to.as_str()), (303, "/partners?page=2#list"));
    // The login page does not carry a bad destination into its form either.
    let html = browser()
        .get(app.url("/login?next=/%09/evil.example"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(!html.contains("evil.example"), "{html}");
}

async fn forwarded_for_cannot_escape_the_per_ip_limit(app: TestApp) {
    let post = |spoofed: String, proxy_saw: &'static str, n: usize| {
        let url = app.url("/api/v1/leads");
        async move {
            reqwest::Client::new()
                .post(url)
                // The client wrote the first entry; the proxy appended the address it saw.
                .header("x-forwarded-for", format!("{spoofed}, {proxy_saw}"))
                .json(&lead_body(&format!("p{n}@prospect.example")))
                .send()
                .await
                .expect("post")
                .status()
                .as_u16()
        }
    };
    let mut answers = vec![];
    for n in 0..3 {
        answers.push(post(format!("198.51.100.{n}"), "203.0.113.9", n).await);
    }
    assert_eq!(
        answers,
        [201, 201, 429],
        "the limit follows the proxy's entry"
    );
    // Another client behind the same proxy has its own allowance.
    assert_eq!(post("198.51.100.1".into(), "203.0.113.10", 9).await, 201);
}

/// Cells of a CSV file as an independent reader sees them.
fn cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("readable CSV").iter().map(String::from).collect())
        .collect()
}

fn assert_no_formula(file: &str, text: &str) {
    for row in cells(text) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{file}: cell {cell:?} starts like a formula"
            );
        }
    }
}

async fn spreadsheet_formulas_are_neutralised_in_every_csv(app: TestApp) {
    let (_, token) = admin(&app).await;
    let partner = app.partner(FORMULA, PartnerStatus::Active).await;
    app.lead("=1+2 Org", "lea@prospect.example").await;
    let client = reqwest::Client::new();

    let export = client
        .get(app.url("/api/v1/partners/export.csv"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("export")
        .text()
        .await
        .expect("body");
    assert_no_formula("partners", &export);
    assert!(
        cells(&export).iter().any(|r| r[1] == format!("'{FORMULA}")),
        "{export}"
    );
    // The import reads back exactly what was exported.
    let res = client
        .post(app.url("/api/v1/partners/import"))
        .bearer_auth(&token)
        .body(export)
        .send()
        .await
        .expect("import");
    assert_eq!(
        res.status(),
        200,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let again = app
        .store
        .partner(partner.id)
        .await
        .expect("read")
        .expect("partner");
    assert_eq!(again.profile.name, FORMULA);

    let year = chrono::Utc::now().format("%Y").to_string();
    let report = client
        .get(app.url(&format!("/transparency/{year}/report.csv")))
        .send()
        .await
        .expect("report");
    assert_eq!(report.status(), 200);
    let report = report.text().await.expect("body");
    assert_no_formula("report", &report);
    assert!(
        cells(&report).iter().any(|r| r[2] == format!("'{FORMULA}")),
        "the partner's row is in the report: {report}"
    );
}

async fn api_bodies_null_is_absent_and_wrong_types_name_the_field(app: TestApp) {
    let client = reqwest::Client::new();
    let post = |body: Value| client.post(app.url("/api/v1/leads")).json(&body).send();
    // Website forms send null for empty optional fields.
    let mut b = lead_body("nulls@prospect.example");
    for f in ["referral_code", "segment", "size", "budget", "message"] {
        b[f] = Value::Null;
    }
    let res = post(b).await.expect("post");
    assert_eq!(
        res.status(),
        201,
        "{}",
        res.text().await.unwrap_or_default()
    );

    let before = app.store.count_leads().await.expect("count");
    for (field, value, named) in [
        ("languages", json!("fr"), "languages"),
        ("languages", json!(["fr", 7]), "languages[1]"),
        ("consent", json!("yes"), "consent"),
        ("organization", json!(12), "organization"),
        ("services", json!({"a": 1}), "services"),
    ] {
        let mut b = lead_body("types@prospect.example");
        b[field] = value;
        let res = post(b).await.expect("post");
        assert_eq!(res.status(), 422, "{field}");
        let e: Value = res.json().await.expect("json");
        assert!(e["errors"][named].is_string(), "{field}: {e}");
    }
    assert_eq!(app.store.count_leads().await.expect("count"), before);
    // Not a JSON object at all is still a plain bad request.
    let res = post(json!("nonsense")).await.expect("post");
    assert_eq!(res.status(), 400);

    // The same mapping on every JSON endpoint, here an application and a delegate designation.
    let res = client
        .post(app.url("/api/v1/partners/applications"))
        .json(&json!({"name": ["not", "a", "name"]}))
        .send()
        .await
        .expect("apply");
    assert_eq!(res.status(), 422);
    let e: Value = res.json().await.expect("json");
    assert!(e["errors"]["name"].is_string(), "{e}");
}

async fn delegates_of_an_unknown_partner_are_not_found(app: TestApp) {
    let (_, token) = admin(&app).await;
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/partners/99999/delegates"))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 404);
    // And a referral code for an unknown partner is a field error, not a failed insert.
    let c = app.login("admin@example.org").await;
    let res = app
        .post_form(
            &c,
            "/admin/referrals",
            "/admin/referrals",
            &[
                ("code", "FLYER-1"),
                ("label", "Flyer"),
                ("partner_id", "99999"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
}

async fn lead_merge_is_not_revealed(app: TestApp) {
    let client = reqwest::Client::new();
    let post = |email: &str| {
        client
            .post(app.url("/api/v1/leads"))
            .json(&lead_body(email))
            .send()
    };
    let first: Value = post("ana@univ.example")
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    let again = post("ANA@univ.example").await.expect("post");
    assert_eq!(again.status(), 201);
    let again: Value = again.json().await.expect("json");
    let fresh: Value = post("someone.new@univ.example")
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    // The same shape and flags whether or not it merged, and an id of its own.
    assert_eq!(again["merged"], json!(false));
    assert_eq!(again["replayed"], fresh["replayed"]);
    assert_ne!(again["id"], first["id"]);
    assert!(again["id"].as_i64() < fresh["id"].as_i64());
    // The foundation's lead managers still learn it.
    let (_, token) = admin(&app).await;
    let managed: Value = client
        .post(app.url("/api/v1/leads"))
        .bearer_auth(&token)
        .json(&lead_body("ana@univ.example"))
        .send()
        .await
        .expect("post")
        .json()
        .await
        .expect("json");
    assert_eq!(
        (managed["merged"].as_bool(), managed["id"].as_i64()),
        (Some(true), first["id"].as_i64())
    );
}

async fn applications_are_indistinguishable_from_unknown_slugs(app: TestApp) {
    let applicant = app
        .partner("Applied Learning", PartnerStatus::Applicant)
        .await;
    let rejected = app
        .partner("Rejected Learning", PartnerStatus::Rejected)
        .await;
    let former = app.partner("Former Learning", PartnerStatus::Former).await;
    let client = reqwest::Client::new();
    let answer = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move {
            let res = client.get(url).send().await.expect("get");
            let status = res.status().as_u16();
            let kind = res
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap_or("").to_string());
            (status, kind, res.text().await.expect("body"))
        }
    };
    for resource in ["/badge.svg", "/verify", ""] {
        let unknown = answer(format!("/partners/no-such-partner{resource}")).await;
        assert_eq!(unknown.0, 404);
        for p in [&applicant, &rejected] {
            let got = answer(format!("/partners/{}{resource}", p.profile.slug)).await;
            assert_eq!(got, unknown, "{} {resource}", p.profile.slug);
        }
    }
    for api in ["", "/verification"] {
        let unknown = answer(format!("/api/v1/partners/no-such-partner{api}")).await;
        for p in [&applicant, &rejected] {
            let got = answer(format!("/api/v1/partners/{}{api}", p.profile.slug)).await;
            assert_eq!(got, unknown, "{} {api}", p.profile.slug);
        }
    }
    // A former partner's badge still answers, saying it is not active.
    let badge = answer(format!("/partners/{}/badge.svg", former.profile.slug)).await;
    assert_eq!(badge.0, 200);
}

async fn signed_in_lead_submissions_are_limited_per_account_and_token(app: TestApp) {
    app.person("member@example.org", &[]).await;
    let c = app.login("member@example.org").await;
    let mut answers = vec![];
    for n in 0..3 {
        let email = format!("f{n}@prospect.example");
        let res = app
            .post_form(
                &c,
                "/find-a-partner",
                "/find-a-partner",
                &[
                    ("organization", "Université Exemple"),
                    ("contact_name", "Ana Souza"),
                    ("email", email.as_str()),
                    ("country", "FR"),
                    ("languages", "fr"),
                    ("services", "hosting"),
                    ("consent", "on"),
                ],
            )
            .await;
        answers.push(res.status().as_u16());
    }
    assert_eq!(
        answers,
        [303, 303, 429],
        "a signed-in person has a limit too"
    );
    // A token (a website forwarding its visitors) has its own, higher allowance.
    let id = app.person("website@example.org", &[]).await;
    let token = app.token(id).await;
    let mut answers = vec![];
    for n in 0..4 {
        let res = reqwest::Client::new()
            .post(app.url("/api/v1/leads"))
            .bearer_auth(&token)
            .json(&lead_body(&format!("t{n}@prospect.example")))
            .send()
            .await
            .expect("post");
        answers.push(res.status().as_u16());
    }
    assert_eq!(answers, [201, 201, 201, 429]);
}

async fn api_tokens_expire_and_a_password_reset_revokes_them(app: TestApp) {
    let id = app.person("scripter@example.org", &[]).await;
    let me = |token: String| {
        let url = app.url("/api/v1/me");
        async move {
            reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("me")
                .status()
                .as_u16()
        }
    };
    // An expired token is refused.
    let expired = format!("agora_{}", agora_web::auth::random_token());
    app.store
        .create_api_token(
            id,
            "old",
            &agora_web::auth::hash_token(&expired),
            "agora_old",
            "2020-01-01T00:00:00.000Z".parse().expect("time"),
            &agora_store::Who::system(),
        )
        .await
        .expect("token");
    assert_eq!(me(expired).await, 401);

    // The account page makes tokens with a chosen expiry and shows it with the last use.
    let c = app.login("scripter@example.org").await;
    let bad = app
        .post_form(
            &c,
            "/account",
            "/account/tokens",
            &[("name", "ci"), ("expires_in_days", "100000")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let page = app
        .post_form(
            &c,
            "/account",
            "/account/tokens",
            &[("name", "ci"), ("expires_in_days", "30")],
        )
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("body");
    let i = html
        .find("<code class=\"secret\">")
        .expect("new token shown")
        + 20;
    let token = html[i..]
        .split('<')
        .next()
        .expect("token")
        .trim_start_matches('>')
        .to_string();
    assert_eq!(me(token.clone()).await, 200, "{token}");
    let listed = app.store.api_tokens(id).await.expect("tokens");
    let ci = listed.iter().find(|t| t.name == "ci").expect("listed");
    let in_30_days = chrono::Utc::now() + chrono::Duration::days(30);
    assert_eq!(ci.expires_at.date_naive(), in_30_days.date_naive());
    let html = c
        .get(app.url("/account"))
        .send()
        .await
        .expect("account")
        .text()
        .await
        .expect("body");
    assert!(
        html.contains("Expires") && html.contains("Expired on"),
        "{html}"
    );

    // A password reset revokes every token, says so on the page after it and by email.
    let anon = browser();
    app.post_form(
        &anon,
        "/password/forgot",
        "/password/forgot",
        &[("email", "scripter@example.org")],
    )
    .await;
    let link = super::helpers::last_email_link(&app.store).await;
    let res = app
        .post_form(
            &anon,
            &link,
            &link,
            &[
                ("password", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let to = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert_eq!(to, "/account?tokens_revoked=2");
    let html = anon
        .get(app.url(&to))
        .send()
        .await
        .expect("account")
        .text()
        .await
        .expect("body");
    assert!(html.contains("API tokens were revoked"), "{html}");
    assert_eq!(me(token).await, 401);
    assert!(app.store.api_tokens(id).await.expect("tokens").is_empty());
    let mail = app.store.outbox_recent(1).await.expect("outbox");
    assert_eq!(mail[0].subject, "Your Agora API tokens were revoked");
    assert_eq!(mail[0].to_address, "scripter@example.org");
}
