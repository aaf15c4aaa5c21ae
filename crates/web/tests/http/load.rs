//! The public endpoints under concurrent clients, as real traffic arrives: no token, each client from
//! its own address, browsers loading the form before posting it. Counts of errors are bounded (zero
//! 5xx, every request answered); nothing here is timed.

use super::helpers::{browser, csrf_in, spawn_app, spawn_app_with, TestApp, PASSWORD};
use agora_store::testing::Backend;

const CLIENTS: usize = 32;
const EACH: usize = 4;

fn lead(c: usize, i: usize) -> serde_json::Value {
    serde_json::json!({
        "organization": format!("Load Org {c}-{i}"), "contact_name": "Load Client",
        "email": format!("load{c}-{i}@example.org"), "country": "FR",
        "languages": ["fr"], "services": ["hosting"], "consent": true,
    })
}

/// Every status each client met, posting leads anonymously through the API (even clients) or the
/// form (odd clients).
async fn anonymous_clients(app: &TestApp) -> Vec<u16> {
    let mut tasks = vec![];
    for c in 0..CLIENTS {
        let base = app.url("");
        tasks.push(tokio::spawn(async move {
            let client = browser();
            let ip = format!("192.0.2.{c}");
            let mut statuses = vec![];
            for i in 0..EACH {
                if c % 2 == 0 {
                    let res = client
                        .post(format!("{base}/api/v1/leads"))
                        .header("x-forwarded-for", &ip)
                        .json(&lead(c, i))
                        .send()
                        .await;
                    statuses.push(res.map_or(0, |r| r.status().as_u16()));
                } else {
                    let page = client
                        .get(format!("{base}/find-a-partner"))
                        .header("x-forwarded-for", &ip)
                        .send()
                        .await;
                    let Ok(page) = page else {
                        statuses.push(0);
                        continue;
                    };
                    statuses.push(page.status().as_u16());
                    let token = csrf_in(&page.text().await.unwrap_or_default()).unwrap_or_default();
                    let (org, email) = (
                        format!("Form Org {c}-{i}"),
                        format!("form{c}-{i}@example.org"),
                    );
                    let res = client
                        .post(format!("{base}/find-a-partner"))
                        .header("x-forwarded-for", &ip)
                        .form(&[
                            ("csrf_token", token.as_str()),
                            ("organization", &org),
                            ("contact_name", "Form Client"),
                            ("email", &email),
                            ("country", "FR"),
                            ("languages", "fr"),
                            ("services", "hosting"),
                            ("consent", "on"),
                        ])
                        .send()
                        .await;
                    statuses.push(res.map_or(0, |r| r.status().as_u16()));
                }
            }
            statuses
        }));
    }
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    all
}

async fn anonymous_intake_under_concurrency(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| {
        c.trust_proxy = true;
        c.lead_submissions_per_ip_hour = 1_000;
    })
    .await
    else {
        return;
    };
    let statuses = anonymous_clients(&app).await;
    let failed: Vec<&u16> = statuses.iter().filter(|s| **s == 0 || **s >= 500).collect();
    assert!(failed.is_empty(), "5xx or no answer: {failed:?}");
    let acked = statuses.iter().filter(|s| **s == 201 || **s == 303).count();
    assert_eq!(
        acked,
        CLIENTS * EACH,
        "every lead acknowledged: {statuses:?}"
    );
    assert_eq!(
        app.store.count_leads().await.expect("count"),
        (CLIENTS * EACH) as i64
    );
}

#[tokio::test]
async fn anonymous_intake_under_concurrency_sqlite() {
    anonymous_intake_under_concurrency(Backend::Sqlite).await;
}

#[tokio::test]
async fn anonymous_intake_under_concurrency_postgres() {
    anonymous_intake_under_concurrency(Backend::Postgres).await;
}

/// The per-address limit holds under concurrency too: one address racing gets exactly the limit.
async fn the_per_address_limit_holds_under_concurrency(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| {
        c.trust_proxy = true;
        c.lead_submissions_per_ip_hour = 5;
    })
    .await
    else {
        return;
    };
    let mut tasks = vec![];
    for i in 0..20 {
        let url = app.url("/api/v1/leads");
        tasks.push(tokio::spawn(async move {
            browser()
                .post(url)
                .header("x-forwarded-for", "198.51.100.9")
                .json(&lead(99, i))
                .send()
                .await
                .map_or(0, |r| r.status().as_u16())
        }));
    }
    let mut statuses = vec![];
    for t in tasks {
        statuses.push(t.await.expect("client"));
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 201).count(),
        5,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        15,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn the_per_address_limit_holds_under_concurrency_sqlite() {
    the_per_address_limit_holds_under_concurrency(Backend::Sqlite).await;
}

#[tokio::test]
async fn the_per_address_limit_holds_under_concurrency_postgres() {
    the_per_address_limit_holds_under_concurrency(Backend::Postgres).await;
}

/// People sign in at once, some with a wrong password first, while others read pages.
async fn concurrent_sign_ins_and_reads(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| c.trust_proxy = true).await else {
        return;
    };
    for c in 0..16 {
        app.person(&format!("load{c}@example.org"), &[]).await;
    }
    let mut tasks = vec![];
    for c in 0..16 {
        let base = app.url("");
        tasks.push(tokio::spawn(async move {
            let client = browser();
            let ip = format!("203.0.113.{c}");
            let (mut statuses, mut sign_ins) = (vec![], vec![]);
            let passwords: &[&str] = if c % 4 == 0 {
                &["wrong password!", PASSWORD]
            } else {
                &[PASSWORD]
            };
            for password in passwords {
                let page = client
                    .get(format!("{base}/login"))
                    .header("x-forwarded-for", &ip)
                    .send()
                    .await
                    .expect("login page");
                statuses.push(page.status().as_u16());
                let token = csrf_in(&page.text().await.expect("body")).unwrap_or_default();
                let email = format!("load{c}@example.org");
                let res = client
                    .post(format!("{base}/login"))
                    .header("x-forwarded-for", &ip)
                    .form(&[
                        ("csrf_token", token.as_str()),
                        ("email", email.as_str()),
                        ("password", password),
                    ])
                    .send()
                    .await;
                sign_ins.push(res.map_or(0, |r| r.status().as_u16()));
            }
            for path in ["/partners", "/", "/transparency"] {
                let res = client
                    .get(format!("{base}{path}"))
                    .header("x-forwarded-for", &ip)
                    .send()
                    .await;
                statuses.push(res.map_or(0, |r| r.status().as_u16()));
            }
            (statuses, sign_ins)
        }));
    }
    let (mut pages, mut sign_ins) = (vec![], vec![]);
    for t in tasks {
        let (p, s) = t.await.expect("client");
        pages.extend(p);
        sign_ins.extend(s);
    }
    assert!(pages.iter().all(|s| (200..400).contains(s)), "{pages:?}");
    assert_eq!(
        sign_ins.iter().filter(|s| **s == 303).count(),
        16,
        "everyone signed in: {sign_ins:?}"
    );
    assert_eq!(
        sign_ins.iter().filter(|s| **s == 401).count(),
        4,
        "{sign_ins:?}"
    );
}

#[tokio::test]
async fn concurrent_sign_ins_and_reads_sqlite() {
    concurrent_sign_ins_and_reads(Backend::Sqlite).await;
}

#[tokio::test]
async fn concurrent_sign_ins_and_reads_postgres() {
    concurrent_sign_ins_and_reads(Backend::Postgres).await;
}

/// Sixteen partners race for a beta program's four places while sixteen anonymous visitors read the
/// public campaigns page and the programs API: exactly four sign-ups, the others told it is full,
/// and no error anywhere.
async fn partners_race_for_the_last_places(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let admin = app
        .person(
            "admin@example.org",
            &[agora_domain::permissions::Grant {
                role: agora_domain::permissions::Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let admin_t = app.token(admin).await;
    let (status, beta) = super::helpers::api(
        &app,
        &admin_t,
        reqwest::Method::POST,
        "/api/v1/programs",
        Some(serde_json::json!({"kind": "beta", "title": "Early access", "description": "Four places.", "seats": "4"})),
    )
    .await;
    assert_eq!(status, 201);
    let beta = beta["id"].as_i64().expect("id");
    let (status, _) = super::helpers::api(
        &app,
        &admin_t,
        reqwest::Method::POST,
        "/api/v1/programs",
        Some(serde_json::json!({"kind": "campaign", "title": "A campaign", "description": "Public."})),
    )
    .await;
    assert_eq!(status, 201);
    let mut tokens = vec![];
    for i in 0..16 {
        let p = app
            .partner(
                &format!("Racer {i}"),
                agora_domain::partner::PartnerStatus::Active,
            )
            .await;
        let person = app
            .person(
                &format!("racer{i}@example.org"),
                &[agora_domain::permissions::Grant {
                    role: agora_domain::permissions::Role::PartnerAdmin,
                    scope_id: Some(p.id),
                }],
            )
            .await;
        tokens.push((p.profile.slug.clone(), app.token(person).await));
    }
    let mut tasks = vec![];
    for (slug, token) in tokens {
        let url = app.url(&format!("/api/v1/programs/{beta}/participants"));
        tasks.push(tokio::spawn(async move {
            reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .json(&serde_json::json!({"partner": slug}))
                .send()
                .await
                .map_or(0, |r| r.status().as_u16())
        }));
    }
    for i in 0..16 {
        let url = app.url(if i % 2 == 0 {
            "/campaigns"
        } else {
            "/api/v1/programs"
        });
        tasks.push(tokio::spawn(async move {
            reqwest::get(url).await.map_or(0, |r| r.status().as_u16())
        }));
    }
    let mut statuses = vec![];
    for t in tasks {
        statuses.push(t.await.expect("client"));
    }
    let (joins, reads) = statuses.split_at(16);
    assert_eq!(joins.iter().filter(|s| **s == 201).count(), 4, "{joins:?}");
    assert_eq!(joins.iter().filter(|s| **s == 422).count(), 12, "{joins:?}");
    assert!(reads.iter().all(|s| *s == 200), "{reads:?}");
    let program = app.store.program(beta).await.expect("read").expect("beta");
    assert_eq!(program.signed_up, 4);
}

#[tokio::test]
async fn partners_race_for_the_last_places_sqlite() {
    partners_race_for_the_last_places(Backend::Sqlite).await;
}

#[tokio::test]
async fn partners_race_for_the_last_places_postgres() {
    partners_race_for_the_last_places(Backend::Postgres).await;
}

/// The credential pages anonymous visitors and verifiers reach, under concurrency: the issuer's DID
/// document and status lists (the first visits racing to make its key), a credential, the hall of
/// fame, and `/verify` by API and by form. No 5xx, every request answered, every check "valid", one
/// signing key.
async fn credential_pages_under_concurrency(backend: Backend) {
    let Some(app) = spawn_app(backend).await else {
        return;
    };
    let store = &app.store;
    let who = agora_store::Who::system();
    let person = app.person("member@example.org", &[]).await;
    let nominator = app.person("peer@example.org", &[]).await;
    let today = app.clock.now().date_naive();
    let announce = today;
    let cycle = agora_domain::recognition::Cycle {
        year: announce.format("%Y").to_string().parse().expect("year"),
        nominations_open: today - chrono::Duration::days(30),
        nominations_close: today - chrono::Duration::days(20),
        review_open: today - chrono::Duration::days(10),
        review_close: today - chrono::Duration::days(1),
        announce_on: announce,
        appeal_days: 0,
    };
    let cycle_id = store
        .save_recognition_cycle(&cycle, &who)
        .await
        .expect("cycle");
    let category = store
        .recognition_categories()
        .await
        .expect("categories")
        .remove(0);
    let nomination = agora_domain::recognition::NominationInput {
        nominee: person.to_string(),
        justification: [("code-contributions".to_string(), "Shipped.".to_string())].into(),
        ..Default::default()
    }
    .parse(
        &category.category,
        &cycle,
        &agora_domain::recognition::PersonRef {
            person_id: nominator,
            partner_ids: &[],
        },
        cycle.nominations_open,
    )
    .expect("nomination");
    let (id, _) = store
        .nominate(cycle_id, category.id, &nomination, &who)
        .await
        .expect("nominate");
    // Many first visits of the DID document race to make the issuer's key: one key comes of it.
    let mut first = vec![];
    for _ in 0..8 {
        let url = app.url("/.well-known/did.json");
        first.push(tokio::spawn(async move {
            reqwest::get(url).await.map_or(0, |r| r.status().as_u16())
        }));
    }
    for t in first {
        assert_eq!(t.await.expect("client"), 200);
    }
    assert_eq!(store.credential_keys().await.expect("keys").len(), 1);
    // The test app keeps the default public address; credentials name their issuer after it.
    let public_url = agora_web::Config::default().public_url;
    let issuer = agora_web::recognition::issuer::Issuer {
        store,
        public_url: &public_url,
        now: app.clock.now(),
    };
    let subject = store.award_subject(id).await.expect("subject");
    let credential = agora_web::recognition::issuer::issue(
        &issuer,
        &subject,
        (today, Some(agora_domain::recognition::term_end(today))),
        vec![],
        None,
    )
    .await
    .expect("issue");
    store
        .decide_nomination(
            id,
            &agora_domain::recognition::review::Decision {
                outcome: agora_domain::recognition::review::Outcome::Award,
                rationale: "Sustained impact across the year.".into(),
            },
            Some(&credential),
            &who,
        )
        .await
        .expect("decide");
    let document = credential.document.clone();
    let uuid = credential.uuid.clone();
    let mut tasks = vec![];
    for c in 0..CLIENTS {
        let base = app.url("");
        let document = document.clone();
        let uuid = uuid.clone();
        tasks.push(tokio::spawn(async move {
            let client = browser();
            let ip = format!("198.51.100.{c}");
            let mut out: Vec<(u16, Option<String>)> = vec![];
            for i in 0..EACH {
                let res = match (c + i) % 6 {
                    0 => {
                        client
                            .get(format!("{base}/hall-of-fame"))
                            .header("x-forwarded-for", &ip)
                            .send()
                            .await
                    }
                    1 => {
                        client
                            .get(format!("{base}/.well-known/did.json"))
                            .header("x-forwarded-for", &ip)
                            .send()
                            .await
                    }
                    2 => {
                        client
                            .get(format!("{base}/credentials/status/revocation"))
                            .header("x-forwarded-for", &ip)
                            .send()
                            .await
                    }
                    3 => {
                        client
                            .get(format!("{base}/credentials/{uuid}.json"))
                            .header("x-forwarded-for", &ip)
                            .send()
                            .await
                    }
                    4 => {
                        let res = client
                            .post(format!("{base}/api/v1/credentials/verify"))
                            .header("x-forwarded-for", &ip)
                            .body(document.clone())
                            .send()
                            .await;
                        match res {
                            Ok(r) => {
                                let status = r.status().as_u16();
                                let v: serde_json::Value = r.json().await.unwrap_or_default();
                                out.push((status, v["status"].as_str().map(str::to_owned)));
                            }
                            Err(_) => out.push((0, None)),
                        }
                        continue;
                    }
                    _ => {
                        // A browser: the form, then the pasted credential (multipart, token in the query).
                        let page = client
                            .get(format!("{base}/verify"))
                            .header("x-forwarded-for", &ip)
                            .send()
                            .await;
                        let Ok(page) = page else {
                            out.push((0, None));
                            continue;
                        };
                        // Multipart forms carry the token in their action's query string.
                        let html = page.text().await.unwrap_or_default();
                        let token = html
                            .split("action=\"/verify?csrf_token=")
                            .nth(1)
                            .and_then(|s| s.split('"').next())
                            .unwrap_or_default()
                            .to_owned();
                        let form =
                            reqwest::multipart::Form::new().text("credential", document.clone());
                        let res = client
                            .post(format!("{base}/verify?csrf_token={token}"))
                            .header("x-forwarded-for", &ip)
                            .multipart(form)
                            .send()
                            .await;
                        match res {
                            Ok(r) => {
                                let status = r.status().as_u16();
                                let html = r.text().await.unwrap_or_default();
                                let valid = html.contains("verdict-valid");
                                out.push((
                                    status,
                                    Some(if valid { "valid" } else { "other" }.to_owned()),
                                ));
                            }
                            Err(_) => out.push((0, None)),
                        }
                        continue;
                    }
                };
                out.push((res.map_or(0, |r| r.status().as_u16()), None));
            }
            out
        }));
    }
    let mut all = vec![];
    for t in tasks {
        all.extend(t.await.expect("client"));
    }
    assert_eq!(all.len(), CLIENTS * EACH);
    let failed: Vec<_> = all.iter().filter(|(s, _)| *s != 200).collect();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(
        all.iter()
            .all(|(_, v)| v.as_deref().is_none_or(|v| v == "valid")),
        "{all:?}"
    );
    assert_eq!(store.credential_keys().await.expect("keys").len(), 1);
}

#[tokio::test]
async fn credential_pages_under_concurrency_sqlite() {
    credential_pages_under_concurrency(Backend::Sqlite).await;
}

#[tokio::test]
async fn credential_pages_under_concurrency_postgres() {
    credential_pages_under_concurrency(Backend::Postgres).await;
}
