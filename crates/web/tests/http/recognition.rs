//! The Distinguished Contributor program over HTTP, on both databases: a nomination from a peer
//! (merged with a second one), the nominee's answer, the panel's scores with a recused panelist who
//! sees no scores, the quorum, the award with its credential, and the credential's life in
//! verification (valid, tampered, suspended, revoked), the public hall of fame (opt-in) and the
//! independent verifier.

use super::helpers::{anonymous, api, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_store::Who;
use reqwest::Method;
use serde_json::{json, Value};

both_backends!(a_peer_nomination_is_reviewed_awarded_and_verified);

fn grant(role: Role, scope_id: Option<i64>) -> Grant {
    Grant { role, scope_id }
}

async fn verify(app: &TestApp, credential: &str) -> Value {
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/credentials/verify"))
        .header("content-type", "application/json")
        .body(credential.to_owned())
        .send()
        .await
        .expect("verify");
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

async fn a_peer_nomination_is_reviewed_awarded_and_verified(app: TestApp) {
    let acme = app.partner("Acme Learning", PartnerStatus::Active).await;
    let panel = app
        .store
        .create_body(
            &agora_store::NewBody {
                slug: "core-product".into(),
                name: "Core Product Working Group".into(),
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
    let nominee = app
        .person(
            "nina@acme.example",
            &[grant(Role::PartnerMember, Some(acme.id))],
        )
        .await;
    let peer = app.person("peer@example.org", &[]).await;
    let second = app.person("second@example.org", &[]).await;
    let p1 = app
        .person(
            "p1@example.org",
            &[grant(Role::GroupMember, Some(panel.id))],
        )
        .await;
    let p2 = app
        .person(
            "p2@example.org",
            &[grant(Role::Facilitator, Some(panel.id))],
        )
        .await;
    // Same organization as the nominee: recused without having to say so.
    let p3 = app
        .person(
            "p3@acme.example",
            &[
                grant(Role::GroupMember, Some(panel.id)),
                grant(Role::PartnerAdmin, Some(acme.id)),
            ],
        )
        .await;
    let outsider = app.person("outsider@example.org", &[]).await;
    let [admin_t, nominee_t, peer_t, second_t, p1_t, p2_t, p3_t, outsider_t] = [
        app.token(admin).await,
        app.token(nominee).await,
        app.token(peer).await,
        app.token(second).await,
        app.token(p1).await,
        app.token(p2).await,
        app.token(p3).await,
        app.token(outsider).await,
    ];

    // The issuer's key exists from the first visit of its DID document (its status lists are
    // valid from then on).
    let (status, _) = anonymous(&app, "/.well-known/did.json").await;
    assert_eq!(status, 200);
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
    let settings = agora_store::RecognitionSettings {
        program: agora_domain::recognition::ProgramSettings {
            quorum: 2,
            grace_days: 30,
        },
        panel_groups: vec![panel.id],
    };
    app.store
        .set_recognition_settings(&settings, &Who::system())
        .await
        .expect("settings");
    let (_, program) = api(&app, &peer_t, Method::GET, "/api/v1/recognition", None).await;
    let engineer = program["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["slug"] == "distinguished-engineer")
        .expect("engineer")["id"]
        .as_i64()
        .expect("id")
        .to_string();

    // Bad input names the fields and records nothing.
    let (status, e) = api(
        &app,
        &peer_t,
        Method::POST,
        "/api/v1/recognition/nominations",
        Some(json!({"category": engineer, "nominee": "999999", "justification": {"nope": "x"}, "links": "javascript:alert(1)"})),
    )
    .await;
    assert_eq!(status, 422, "{e}");
    for f in ["justification.nope", "links"] {
        assert!(e["errors"][f].is_string(), "{e} names {f}");
    }

    let nominate = |token: String, text: &'static str| {
        let app = &app;
        let engineer = engineer.clone();
        async move {
            api(
                app,
                &token,
                Method::POST,
                "/api/v1/recognition/nominations",
                Some(json!({"category": engineer, "nominee": nominee.to_string(),
                    "justification": {"code-contributions": text, "mentorship": "Mentored two newcomers."},
                    "links": "https://github.com/openedx/edx-platform/pull/1"})),
            )
            .await
        }
    };
    let (status, first) = nominate(peer_t.clone(), "Led the new grading backend.").await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["merged"], false);
    let id = first["id"].as_i64().expect("id");
    let (status, again) = nominate(second_t.clone(), "Also fixed the course import.").await;
    assert_eq!(status, 201, "{again}");
    assert_eq!(again["merged"], true);
    assert_eq!(again["id"], id, "a duplicate nomination joins the first");
    // Joining a nomination is no way to read it: the second nominator sees their own words only.
    let (_, seen) = api(
        &app,
        &second_t,
        Method::GET,
        &format!("/api/v1/recognition/nominations/{id}"),
        None,
    )
    .await;
    assert!(!seen.to_string().contains("grading backend"), "{seen}");
    assert!(seen.to_string().contains("course import"), "{seen}");
    // The nominee was told, and sees it on their home page.
    let (_, tasks) = api(&app, &nominee_t, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(
        tasks
            .to_string()
            .contains(&format!("/recognition/nominations/{id}")),
        "{tasks}"
    );
    // Outsiders learn nothing: 404 as an unknown id.
    let (status, _) = api(
        &app,
        &outsider_t,
        Method::GET,
        &format!("/api/v1/recognition/nominations/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 404);

    // The nominee accepts (the page's form).
    let c = app.login("nina@acme.example").await;
    let res = app
        .post_form(
            &c,
            &format!("/recognition/nominations/{id}"),
            &format!("/recognition/nominations/{id}/respond"),
            &[("response", "accepted")],
        )
        .await;
    assert_eq!(res.status(), 303);

    // Scores before the review window are refused.
    let scores = json!({"scores": {"code-contributions": "5", "community-support": "4", "architecture-proposals": "4", "core-processes": "3", "mentorship": "5"}, "comment": "Strong."});
    let path = format!("/api/v1/recognition/nominations/{id}/scores");
    let (status, e) = api(&app, &p1_t, Method::PUT, &path, Some(scores.clone())).await;
    assert_eq!(status, 422, "{e}");
    assert_eq!(e["codes"]["scores"], "outside-window", "{e}");

    app.clock.advance(chrono::Duration::days(7));
    // Nominating after the window is refused, naming the cycle.
    let (status, e) = nominate(outsider_t.clone(), "Late.").await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["cycle"], "outside-window", "{e}");

    let (status, e) = api(&app, &p1_t, Method::PUT, &path, Some(scores.clone())).await;
    assert_eq!(status, 204, "{e}");
    // The recused panelist can neither score nor see the scores.
    let (status, e) = api(&app, &p3_t, Method::PUT, &path, Some(scores.clone())).await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["scores"], "recused", "{e}");
    let (status, seen) = api(
        &app,
        &p3_t,
        Method::GET,
        &format!("/api/v1/recognition/nominations/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(seen["scores"], json!([]), "{seen}");
    let html = app
        .login("p3@acme.example")
        .await
        .get(app.url(&format!("/recognition/nominations/{id}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        !html.contains("Strong."),
        "a recused panelist sees no comment"
    );
    // The nominee does not see the panel's scores either.
    let (_, seen) = api(
        &app,
        &nominee_t,
        Method::GET,
        &format!("/api/v1/recognition/nominations/{id}"),
        None,
    )
    .await;
    assert_eq!(seen["scores"], json!([]));

    // One score of a quorum of two: the decision waits.
    let decide = format!("/api/v1/recognition/nominations/{id}/decision");
    let award = json!({"outcome": "award", "rationale": "Sustained, high-impact work on the platform's core."});
    let (status, e) = api(&app, &admin_t, Method::POST, &decide, Some(award.clone())).await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["outcome"], "quorum-not-met", "{e}");
    let (status, _) = api(&app, &p2_t, Method::PUT, &path, Some(scores.clone())).await;
    assert_eq!(status, 204);
    // Only the foundation decides.
    let (status, _) = api(&app, &p1_t, Method::POST, &decide, Some(award.clone())).await;
    assert_eq!(status, 403);
    let (status, e) = api(&app, &admin_t, Method::POST, &decide, Some(award.clone())).await;
    assert_eq!(status, 204, "{e}");
    let (status, _) = api(&app, &admin_t, Method::POST, &decide, Some(award)).await;
    assert_eq!(status, 422, "decided once");

    // The credential: public by its unguessable id, valid, and checked field by field.
    let awards = app.store.recognition_awards().await.expect("awards");
    let a = awards
        .iter()
        .find(|a| a.person_id == Some(nominee))
        .expect("award");
    assert_eq!(a.award.state, agora_domain::recognition::AwardState::Active);
    let uuid = a.credential.clone().expect("credential");
    let res = reqwest::get(app.url(&format!("/credentials/{uuid}.json")))
        .await
        .expect("json");
    assert_eq!(res.status(), 200);
    let credential = res.text().await.expect("text");
    // The certificate is public; "add to LinkedIn" is for its holder (found by a walk).
    let certificate = |c: reqwest::Client| {
        let url = app.url(&format!("/credentials/{uuid}"));
        async move {
            c.get(url)
                .send()
                .await
                .expect("certificate")
                .text()
                .await
                .expect("html")
        }
    };
    let public = certificate(reqwest::Client::new()).await;
    assert!(
        public.contains("class=\"qr\"") && !public.contains("linkedin.com"),
        "{public}"
    );
    let own = certificate(app.login("nina@acme.example").await).await;
    assert!(own.contains("linkedin.com"), "{own}");
    assert!(
        !credential.contains("nina@acme.example"),
        "the address is hashed"
    );
    let v = verify(&app, &credential).await;
    assert_eq!(v["status"], "valid", "{v}");
    let tampered = credential.replacen("Distinguished Engineer", "Distinguished Engineer!", 1);
    assert_eq!(verify(&app, &tampered).await["status"], "tampered");
    assert_eq!(
        verify(&app, "{\"not\": \"a credential\"}").await["status"],
        "malformed"
    );
    // Attacks found by review: a status list is not a badge; an oversized body is refused before
    // any work; a PNG whose credential chunk is only its keyword is an error, not a panic.
    let list = reqwest::get(app.url("/credentials/status/revocation"))
        .await
        .expect("list")
        .text()
        .await
        .expect("text");
    assert_eq!(verify(&app, &list).await["status"], "malformed");
    let huge = format!(
        "{{\"type\": [\"OpenBadgeCredential\"], \"x\": \"{}\"}}",
        "a".repeat(40_000)
    );
    assert_eq!(verify(&app, &huge).await["status"], "malformed");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |kind: &[u8], data: &[u8]| {
        let crc = crc32(&[kind, data].concat());
        [
            &(data.len() as u32).to_be_bytes()[..],
            kind,
            data,
            &crc.to_be_bytes(),
        ]
        .concat()
    };
    png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    png.extend(chunk(b"iTXt", b"openbadgecredential"));
    png.extend(chunk(b"IEND", &[]));
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/credentials/verify"))
        .body(png)
        .send()
        .await
        .expect("verify");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.json::<Value>().await.expect("json")["status"],
        "malformed"
    );
    // The baked PNG verifies as the JSON does.
    let png = reqwest::get(app.url(&format!("/credentials/{uuid}.png")))
        .await
        .expect("png")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(
        agora_credentials::extract_from_png(&png).expect("baked"),
        credential
    );
    if let Ok(dir) = std::env::var("AGORA_CREDENTIAL_VERIFIER") {
        independent_verifier(&app, &dir, &credential, true).await;
    }

    // The hall of fame: nothing until the announcement and the member's choice.
    app.clock.advance(chrono::Duration::days(15));
    let (_, fame) = anonymous(&app, "/api/v1/hall-of-fame").await;
    assert_eq!(fame, json!([]), "hidden by default");
    let (status, _) = api(&app, &nominee_t, Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, 200);
    // (Sessions end after 12 hours; the clock moved weeks.)
    let c = app.login("nina@acme.example").await;
    let res = app
        .post_form(
            &c,
            "/recognition",
            "/recognition/hall-of-fame",
            &[("hall_of_fame", "full")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, fame) = anonymous(&app, "/api/v1/hall-of-fame").await;
    assert_eq!(fame[0]["name"], "Test Person", "{fame}");
    assert_eq!(fame[0]["credential"], uuid.as_str());
    let page = reqwest::get(app.url("/hall-of-fame"))
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains(&format!("/credentials/{uuid}.json")));
    assert!(!page.contains("@"), "no addresses on the public page");

    // The annual evaluation lists the member: no activity recorded, so the rule proposes a lapse;
    // a renewal before the term's tenth month is refused.
    let award_id = a.id;
    let admin_c = app.login("admin@example.org").await;
    let page = admin_c
        .get(app.url("/admin/recognition/renewals"))
        .send()
        .await
        .expect("renewals")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("Test Person") && page.contains("Lapses"),
        "{page}"
    );
    assert!(page.contains("no contribution recorded"));
    let res = app
        .post_form(
            &admin_c,
            "/admin/recognition",
            &format!("/admin/recognition/awards/{award_id}"),
            &[("action", "renew"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422, "too early to renew");

    // Suspension shows in verification and can be lifted; revocation is final.
    app.store
        .suspend_award(award_id, true, "Under review", &Who::system())
        .await
        .expect("suspend");
    assert_eq!(verify(&app, &credential).await["status"], "suspended");
    app.store
        .suspend_award(award_id, false, "Cleared", &Who::system())
        .await
        .expect("lift");
    assert_eq!(verify(&app, &credential).await["status"], "valid");
    let res = app
        .post_form(
            &admin_c,
            "/admin/recognition",
            &format!("/admin/recognition/awards/{award_id}"),
            &[("action", "revoke"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422, "a revocation needs its reason");
    let res = app
        .post_form(
            &admin_c,
            "/admin/recognition",
            &format!("/admin/recognition/awards/{award_id}"),
            &[
                ("action", "revoke"),
                ("reason", "Code of conduct violation"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let v = verify(&app, &credential).await;
    assert_eq!(v["status"], "revoked", "{v}");
    // Writing credentialStatus by its IRI keeps the signature but must not hide the revocation.
    let by_iri = credential.replace(
        "\"credentialStatus\"",
        "\"https://www.w3.org/2018/credentials#credentialStatus\"",
    );
    assert_ne!(verify(&app, &by_iri).await["status"], "valid");
    if let Ok(dir) = std::env::var("AGORA_CREDENTIAL_VERIFIER") {
        independent_verifier(&app, &dir, &credential, false).await;
    }
    let (_, fame) = anonymous(&app, "/api/v1/hall-of-fame").await;
    assert_eq!(fame, json!([]), "a revoked member leaves the hall of fame");
    // A revoked certificate is no longer offered for printing (found by a walk).
    let page = reqwest::get(app.url(&format!("/credentials/{uuid}")))
        .await
        .expect("certificate")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("verdict-revoked") && !page.contains("class=\"qr\""),
        "{page}"
    );
}

/// PNG's CRC-32 (ISO 3309), bit by bit: enough for a test's three chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for b in bytes {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// Digital Bazaar's verifier, offline, with the DID document, the key and both status lists as
/// Agora serves them.
async fn independent_verifier(app: &TestApp, dir: &str, credential: &str, valid: bool) {
    let tmp = tempfile::tempdir().expect("tmp");
    let get = |path: &'static str| async move {
        reqwest::get(app.url(path))
            .await
            .expect("get")
            .json::<Value>()
            .await
            .expect("json")
    };
    let did = get("/.well-known/did.json").await;
    let cred: Value = serde_json::from_str(credential).expect("json");
    let vm_id = cred["proof"]["verificationMethod"]
        .as_str()
        .expect("vm")
        .to_owned();
    let mut vm = did["verificationMethod"]
        .as_array()
        .expect("vms")
        .iter()
        .find(|m| m["id"] == vm_id.as_str())
        .expect("vm listed")
        .clone();
    vm["@context"] = json!("https://w3id.org/security/multikey/v1");
    let mut statics = vec![
        (did["id"].as_str().expect("did").to_owned(), did.clone()),
        (vm_id, vm),
    ];
    for p in ["revocation", "suspension"] {
        let list = reqwest::get(app.url(&format!("/credentials/status/{p}")))
            .await
            .expect("list")
            .json::<Value>()
            .await
            .expect("json");
        statics.push((list["id"].as_str().expect("id").to_owned(), list));
    }
    let mut args = vec![
        format!("{dir}/verify.mjs"),
        tmp.path().join("cred.json").display().to_string(),
        // The app's clock runs ahead of the machine's in this test.
        "--now".into(),
        app.clock
            .now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    ];
    std::fs::write(tmp.path().join("cred.json"), credential).expect("write");
    for (i, (url, document)) in statics.iter().enumerate() {
        let f = tmp.path().join(format!("static-{i}.json"));
        std::fs::write(&f, json!({"url": url, "document": document}).to_string()).expect("write");
        args.push("--static".into());
        args.push(f.display().to_string());
    }
    let out = std::process::Command::new("node")
        .args(&args)
        .output()
        .expect("node");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    if valid {
        assert!(out.status.success(), "Digital Bazaar: {text}");
    } else {
        assert!(
            !out.status.success(),
            "Digital Bazaar accepted a revoked credential: {text}"
        );
        assert!(text.contains("revocation"), "{text}");
    }
}
