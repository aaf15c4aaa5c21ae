//! The rest of the Distinguished Contributor program over HTTP, on both databases: an appeal of a
//! decline (filed once, in its window, by a party; answered once; overturned, it issues the award),
//! the month-9 and month-11 warnings, five renewals that earn lifetime status with its own
//! credential, mentorship and attestation records, the dashboard's figures and the budget with its
//! CSV export.

use super::helpers::{api, mail_to, TestApp};
use crate::both_backends;
use agora_domain::permissions::{Grant, Role};
use agora_domain::recognition::{AwardKind, AwardState};
use agora_store::Who;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(appeals_warnings_lifetime_records_dashboard_and_budget);

fn grant(role: Role, scope_id: Option<i64>) -> Grant {
    Grant { role, scope_id }
}

async fn verify(app: &TestApp, credential: &str) -> Value {
    reqwest::Client::new()
        .post(app.url("/api/v1/credentials/verify"))
        .header("content-type", "application/json")
        .body(credential.to_owned())
        .send()
        .await
        .expect("verify")
        .json()
        .await
        .expect("json")
}

/// A token valid from the app's clock (which these tests move years ahead).
async fn token(app: &TestApp, person: i64) -> String {
    let token = format!("agora_{}", agora_web::auth::random_token());
    app.store
        .create_api_token(
            person,
            "test",
            &agora_web::auth::hash_token(&token),
            "agora_test",
            app.clock.now() + chrono::Duration::days(365),
            &Who::system(),
        )
        .await
        .expect("token");
    token
}

async fn credential_of(app: &TestApp, uuid: &str) -> String {
    reqwest::get(app.url(&format!("/credentials/{uuid}.json")))
        .await
        .expect("credential")
        .text()
        .await
        .expect("text")
}

async fn appeals_warnings_lifetime_records_dashboard_and_budget(app: TestApp) {
    let group = app
        .store
        .create_body(
            &agora_store::NewBody {
                slug: "biz-dev".into(),
                name: "Biz Dev Working Group".into(),
                description: String::new(),
                visibility: agora_domain::governance::Visibility::Public,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("group");
    let admin = app
        .person("admin@example.org", &[grant(Role::Admin, None)])
        .await;
    let facilitator = app
        .person(
            "fran@example.org",
            &[grant(Role::Facilitator, Some(group.id))],
        )
        .await;
    let member = app
        .person(
            "mo@example.org",
            &[grant(Role::GroupMember, Some(group.id))],
        )
        .await;
    let declined = app.person("dee@example.org", &[]).await;
    let awarded = app.person("ava@example.org", &[]).await;
    let peer = app.person("peer@example.org", &[]).await;
    let outsider = app.person("outsider@example.org", &[]).await;
    let [facilitator_t, declined_t, peer_t, outsider_t] = [
        app.token(facilitator).await,
        app.token(declined).await,
        app.token(peer).await,
        app.token(outsider).await,
    ];
    let admin_t = app.token(admin).await;

    let today = app.clock.now().date_naive();
    let cycle = agora_domain::recognition::Cycle {
        year: (today + chrono::Duration::days(21))
            .format("%Y")
            .to_string()
            .parse()
            .expect("year"),
        nominations_open: today - chrono::Duration::days(1),
        nominations_close: today + chrono::Duration::days(5),
        review_open: today + chrono::Duration::days(6),
        review_close: today + chrono::Duration::days(20),
        announce_on: today + chrono::Duration::days(21),
        appeal_days: 14,
    };
    app.store
        .save_recognition_cycle(&cycle, &Who::system())
        .await
        .expect("cycle");
    app.store
        .set_recognition_settings(
            &agora_store::RecognitionSettings {
                program: agora_domain::recognition::ProgramSettings {
                    quorum: 1,
                    grace_days: 30,
                },
                panel_groups: vec![group.id],
            },
            &Who::system(),
        )
        .await
        .expect("settings");
    let (_, program) = api(&app, &peer_t, Method::GET, "/api/v1/recognition", None).await;
    let advocate = program["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["slug"] == "distinguished-advocate")
        .expect("advocate")
        .clone();
    let criteria: Vec<String> = advocate["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .map(|c| c["key"].as_str().expect("key").to_owned())
        .collect();
    let mut ids = vec![];
    for nominee in [declined, awarded] {
        let (status, n) = api(
            &app,
            &peer_t,
            Method::POST,
            "/api/v1/recognition/nominations",
            Some(
                json!({"category": advocate["id"].to_string(), "nominee": nominee.to_string(),
                "justification": {criteria[0].clone(): "Spoke at three meetups about Open edX."}}),
            ),
        )
        .await;
        assert_eq!(status, 201, "{n}");
        let id = n["id"].as_i64().expect("id");
        app.store
            .respond_to_nomination(
                id,
                agora_domain::recognition::NomineeResponse::Accepted,
                &Who::system(),
            )
            .await
            .expect("accepted");
        ids.push(id);
    }
    let [refused, granted] = [ids[0], ids[1]];
    app.clock.advance(chrono::Duration::days(7));
    let scores: serde_json::Map<String, Value> =
        criteria.iter().map(|k| (k.clone(), json!("3"))).collect();
    for id in ids {
        let (status, e) = api(
            &app,
            &facilitator_t,
            Method::PUT,
            &format!("/api/v1/recognition/nominations/{id}/scores"),
            Some(json!({"scores": scores})),
        )
        .await;
        assert_eq!(status, 204, "{e}");
    }
    for (id, outcome) in [(refused, "decline"), (granted, "award")] {
        let (status, e) = api(
            &app,
            &admin_t,
            Method::POST,
            &format!("/api/v1/recognition/nominations/{id}/decision"),
            Some(json!({"outcome": outcome, "rationale": "The panel weighed the evidence carefully."})),
        )
        .await;
        assert_eq!(status, 204, "{e}");
    }

    // --- Appeals.
    let appeal = format!("/api/v1/recognition/nominations/{refused}/appeal");
    let grounds = json!({"text": "The panel missed my three conference talks (links attached)."});
    // Before the announcement the nominee does not know of the decline, neither from the nomination
    // nor from the list of their own (found by an attack: the list told), nor from the page listing
    // their awards; nothing to appeal.
    let awarded_t = app.token(awarded).await;
    for token in [&declined_t, &awarded_t] {
        let (_, program) = api(&app, token, Method::GET, "/api/v1/recognition", None).await;
        let mine = program["mine"].as_array().expect("mine");
        assert_eq!(mine.len(), 1, "{program}");
        assert!(
            mine[0]["outcome"].is_null() && mine[0]["rationale"].is_null(),
            "{program}"
        );
    }
    let page = app
        .login("ava@example.org")
        .await
        .get(app.url("/recognition"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        !page.contains("recognition/credentials") && !page.contains("/credentials/"),
        "no award shown before the announcement"
    );
    let (status, e) = api(
        &app,
        &declined_t,
        Method::POST,
        &appeal,
        Some(grounds.clone()),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["codes"]["text"], "not-declined", "{e}");
    app.clock.advance(chrono::Duration::days(14));
    let (status, _) = api(
        &app,
        &outsider_t,
        Method::POST,
        &appeal,
        Some(grounds.clone()),
    )
    .await;
    assert_eq!(status, 404, "not a party: as an unknown nomination");
    let (status, e) = api(
        &app,
        &declined_t,
        Method::POST,
        &appeal,
        Some(json!({"text": " "})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["text"], "required", "{e}");
    let (status, e) = api(
        &app,
        &declined_t,
        Method::POST,
        &appeal,
        Some(grounds.clone()),
    )
    .await;
    assert_eq!(status, 204, "{e}");
    let (status, e) = api(&app, &peer_t, Method::POST, &appeal, Some(grounds.clone())).await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["text"], "already-appealed", "{e}");
    // An appeal of the award is refused.
    let (status, e) = api(
        &app,
        &peer_t,
        Method::POST,
        &format!("/api/v1/recognition/nominations/{granted}/appeal"),
        Some(grounds.clone()),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["text"], "not-declined", "{e}");
    // The foundation sees it on its home page; the appellant's words reach the panel, not
    // another party.
    let (_, tasks) = api(&app, &admin_t, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(
        tasks
            .to_string()
            .contains(&format!("/recognition/nominations/{refused}")),
        "{tasks}"
    );
    let (_, seen) = api(
        &app,
        &facilitator_t,
        Method::GET,
        &format!("/api/v1/recognition/nominations/{refused}"),
        None,
    )
    .await;
    assert!(seen["appeal"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("conference talks")));
    let answer = format!("/api/v1/recognition/nominations/{refused}/appeal/answer");
    let (status, _) = api(
        &app,
        &facilitator_t,
        Method::POST,
        &answer,
        Some(
            json!({"verdict": "overturned", "rationale": "The talks meet the outreach criterion."}),
        ),
    )
    .await;
    assert_eq!(status, 403, "only the foundation records the answer");
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        &answer,
        Some(json!({"verdict": "maybe", "rationale": ""})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        e["codes"]["verdict"].is_string() && e["codes"]["rationale"].is_string(),
        "{e}"
    );
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        &answer,
        Some(
            json!({"verdict": "overturned", "rationale": "The talks meet the outreach criterion."}),
        ),
    )
    .await;
    assert_eq!(status, 204, "{e}");
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        &answer,
        Some(json!({"verdict": "upheld", "rationale": "Changing our mind again is not allowed."})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["verdict"], "already-answered", "{e}");
    let overturned = app
        .store
        .recognition_awards()
        .await
        .expect("awards")
        .into_iter()
        .find(|a| a.person_id == Some(declined))
        .expect("award");
    assert_eq!(overturned.award.state, AwardState::Active);
    // The decline and its rationale stay on record beside the appeal's answer.
    let (_, n) = api(
        &app,
        &admin_t,
        Method::GET,
        &format!("/api/v1/recognition/nominations/{refused}"),
        None,
    )
    .await;
    assert_eq!(
        n["rationale"], "The panel weighed the evidence carefully.",
        "{n}"
    );
    let uuid = overturned.credential.clone().expect("credential issued");
    assert_eq!(
        verify(&app, &credential_of(&app, &uuid).await).await["status"],
        "valid"
    );
    assert!(
        mail_to(&app, "dee@example.org").await.iter().any(|m| m
            .body
            .contains(&format!("/recognition/nominations/{refused}"))
            && m.subject.contains("appeal")),
        "the appellant is told"
    );

    // --- Warnings at months 9 and 11 of a term, once each.
    let award = |person: i64| {
        let app = &app;
        async move {
            app.store
                .recognition_awards()
                .await
                .expect("awards")
                .into_iter()
                .find(|a| a.person_id == Some(person) && a.award.kind == AwardKind::Term)
                .expect("award")
        }
    };
    let start = award(awarded).await.award.terms[0].start;
    let until = |d: chrono::NaiveDate| {
        let now = app.clock.now().date_naive();
        chrono::Duration::days((d - now).num_days().max(0))
    };
    app.clock
        .advance(until(start + chrono::Months::new(8)) + chrono::Duration::days(1));
    assert_eq!(app.store.send_recognition_warnings().await.expect("run"), 1);
    assert_eq!(
        app.store.send_recognition_warnings().await.expect("run"),
        0,
        "once per month and term"
    );
    assert!(mail_to(&app, "ava@example.org")
        .await
        .iter()
        .any(|m| m.subject.contains("month 9")));
    app.clock
        .advance(until(start + chrono::Months::new(10)) + chrono::Duration::days(1));
    assert_eq!(
        app.store.send_recognition_warnings().await.expect("run"),
        2,
        "ava's month 11 and dee's month 9"
    );

    // --- Five renewed terms earn lifetime status, with a credential without an end.
    let path = |id: i64| format!("/api/v1/recognition/awards/{id}");
    let id = award(awarded).await.id;
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        &path(id),
        Some(json!({"action": "revoke", "reason": ""})),
    )
    .await;
    assert_eq!(status, 422, "a revocation needs a reason");
    assert!(
        e["codes"]["reason"].is_string() || e["codes"]["state"].is_string(),
        "{e}"
    );
    for year in 0..5 {
        let admin_t = token(&app, admin).await;
        let (status, e) = api(
            &app,
            &admin_t,
            Method::POST,
            &path(id),
            Some(json!({"action": "renew"})),
        )
        .await;
        assert_eq!(status, 204, "renewal {year}: {e}");
        let lifetime = app
            .store
            .recognition_awards()
            .await
            .expect("awards")
            .into_iter()
            .filter(|a| a.award.kind == AwardKind::Lifetime)
            .count();
        assert_eq!(lifetime, usize::from(year == 4), "after renewal {year}");
        app.clock.advance(chrono::Duration::days(365));
    }
    let lifetime = app
        .store
        .recognition_awards()
        .await
        .expect("awards")
        .into_iter()
        .find(|a| a.award.kind == AwardKind::Lifetime)
        .expect("lifetime");
    assert_eq!(lifetime.person_id, Some(awarded));
    let doc = credential_of(&app, &lifetime.credential.expect("credential")).await;
    let parsed: Value = serde_json::from_str(&doc).expect("json");
    assert!(parsed.get("validUntil").is_none(), "{doc}");
    assert_eq!(verify(&app, &doc).await["status"], "valid");
    // A sixth renewal grants nothing more.
    let admin_t = token(&app, admin).await;
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        &path(id),
        Some(json!({"action": "renew"})),
    )
    .await;
    assert_eq!(status, 204, "{e}");
    assert_eq!(
        app.store
            .recognition_awards()
            .await
            .expect("awards")
            .iter()
            .filter(|a| a.award.kind == AwardKind::Lifetime)
            .count(),
        1
    );

    // --- Mentorships and attestations.
    let [facilitator_t, member_t, outsider_t, peer_t] = [
        token(&app, facilitator).await,
        token(&app, member).await,
        token(&app, outsider).await,
        token(&app, peer).await,
    ];
    let today = app.clock.now().date_naive();
    let (status, e) = api(
        &app,
        &member_t,
        Method::POST,
        "/api/v1/recognition/mentorships",
        Some(json!({"mentor": outsider.to_string(), "mentee": member.to_string(), "starts_on": "yesterday"})),
    )
    .await;
    assert_eq!(status, 422);
    for (f, code) in [("mentor", "forbidden-field"), ("starts_on", "invalid-date")] {
        assert_eq!(e["codes"][f], code, "{e}");
    }
    let (status, e) = api(
        &app,
        &member_t,
        Method::POST,
        "/api/v1/recognition/mentorships",
        Some(json!({"mentee": member.to_string(), "starts_on": (today + chrono::Duration::days(3)).to_string()})),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["mentee"], "same-person", "{e}");
    assert_eq!(e["codes"]["starts_on"], "in-the-future", "{e}");
    let (status, m) = api(
        &app,
        &member_t,
        Method::POST,
        "/api/v1/recognition/mentorships",
        Some(json!({"mentee": outsider.to_string(), "starts_on": (today - chrono::Duration::days(30)).to_string(), "note": "Weekly pairing"})),
    )
    .await;
    assert_eq!(status, 201, "{m}");
    let mentorship = m["id"].as_i64().expect("id");
    let (_, mine) = api(
        &app,
        &outsider_t,
        Method::GET,
        "/api/v1/recognition/records",
        None,
    )
    .await;
    assert_eq!(
        mine["mentorships"].as_array().map(Vec::len),
        Some(1),
        "the mentee sees it"
    );
    let (status, _) = api(
        &app,
        &outsider_t,
        Method::DELETE,
        &format!("/api/v1/recognition/mentorships/{mentorship}"),
        None,
    )
    .await;
    assert_eq!(status, 404, "only its mentor or the foundation removes it");
    let (_, theirs) = api(
        &app,
        &peer_t,
        Method::GET,
        "/api/v1/recognition/records",
        None,
    )
    .await;
    assert_eq!(theirs["mentorships"], json!([]), "others see none of it");
    // Attestations: a facilitator, for a member of their group.
    let attest = |t: String, person: i64| {
        let app = &app;
        async move {
            api(
                app,
                &t,
                Method::POST,
                "/api/v1/recognition/attestations",
                Some(
                    json!({"group": group.id.to_string(), "person": person.to_string(),
                    "year": today.format("%Y").to_string(), "text": "Ran the partner showcase."}),
                ),
            )
            .await
        }
    };
    let (status, e) = attest(member_t.clone(), facilitator).await;
    assert_eq!(status, 422);
    assert_eq!(
        e["codes"]["group"], "invalid-group",
        "a member is no facilitator: {e}"
    );
    let (status, e) = attest(facilitator_t.clone(), outsider).await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["person"], "not-a-member", "{e}");
    let (status, e) = attest(facilitator_t.clone(), member).await;
    assert_eq!(status, 201, "{e}");
    let (_, mine) = api(
        &app,
        &member_t,
        Method::GET,
        "/api/v1/recognition/records",
        None,
    )
    .await;
    assert!(
        mine["attestations"]
            .to_string()
            .contains("partner showcase"),
        "{mine}"
    );
    // The member's evidence page counts both.
    let html = app
        .login("mo@example.org")
        .await
        .get(app.url("/recognition/records"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Weekly pairing") && html.contains("Ran the partner showcase."));

    // --- The dashboard: the panel and the foundation only.
    let (status, _) = api(
        &app,
        &outsider_t,
        Method::GET,
        "/api/v1/recognition/dashboard",
        None,
    )
    .await;
    assert_eq!(status, 403);
    let (status, d) = api(
        &app,
        &facilitator_t,
        Method::GET,
        "/api/v1/recognition/dashboard",
        None,
    )
    .await;
    assert_eq!(status, 200, "{d}");
    // Ava holds lifetime status; Dee's one term ended years ago.
    assert_eq!(d["active"], 1, "{d}");
    assert_eq!(d["active_status"], "not-met", "target 10: {d}");
    let first = &d["years"][0];
    assert_eq!(first["nominations"], 2, "{d}");
    assert_eq!(
        d["retention"], 1.0,
        "last year's one member is still active: {d}"
    );
    let html = app
        .login("fran@example.org")
        .await
        .get(app.url("/recognition/dashboard"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("<svg") && html.contains("Distinguished Advocate"));

    // --- The budget: the foundation's, with a CSV a spreadsheet opens safely.
    let admin_t = token(&app, admin).await;
    let (status, e) = api(
        &app,
        &admin_t,
        Method::POST,
        "/api/v1/recognition/budget",
        Some(json!({"name": "", "cost": "-5", "cycle_year": "1999"})),
    )
    .await;
    assert_eq!(status, 422);
    for f in ["name", "cost", "cycle_year"] {
        assert!(e["codes"][f].is_string(), "{e} names {f}");
    }
    assert!(app
        .store
        .recognition_budget()
        .await
        .expect("budget")
        .is_empty());
    for (name, cost) in [("Badge design", "1,500"), ("=HYPERLINK(\"x\")", "250.50")] {
        let (status, e) = api(
            &app,
            &admin_t,
            Method::POST,
            "/api/v1/recognition/budget",
            Some(json!({"name": name, "description": "For the summit", "cost": cost, "cycle_year": "2026"})),
        )
        .await;
        assert_eq!(status, 201, "{e}");
    }
    let (status, _) = api(
        &app,
        &member_t,
        Method::GET,
        "/api/v1/recognition/budget",
        None,
    )
    .await;
    assert_eq!(status, 403);
    let (_, b) = api(
        &app,
        &admin_t,
        Method::GET,
        "/api/v1/recognition/budget",
        None,
    )
    .await;
    assert_eq!(
        b["totals"],
        json!([{"cycle_year": 2026, "cost_cents": 175_050}])
    );
    let csv = app
        .login("admin@example.org")
        .await
        .get(app.url("/admin/recognition/budget.csv"))
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.expect("text");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(body.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("a CSV reader reads it");
    assert_eq!(rows.len(), 3, "{body}");
    assert_eq!(&rows[2][1], "Total");
    assert_eq!(&rows[2][3], "1750.50");
    assert!(
        rows.iter().all(|r| !r[1].starts_with('=')),
        "no formula: {body}"
    );
}
