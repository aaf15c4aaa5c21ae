//! The lead life cycle over HTTP, against the real application: intake (API and form), idempotency,
//! merge, bad input, the partner inbox, SLA expiry with a controlled clock, the transparency report.

use super::helpers::TestApp;
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use serde_json::{json, Value};

both_backends!(
    intake_api_contract,
    lifecycle_inbox_expiry_and_report,
    partners_see_what_their_referral_links_brought
);

fn body(email: &str) -> Value {
    json!({
        "organization": "Université Exemple", "contact_name": "Ana Souza", "email": email,
        "country": "FR", "segment": "higher-education", "size": "", "budget": "",
        "languages": ["fr"], "services": ["hosting"], "message": "A platform for 10,000 learners.",
        "consent": true, "referral_code": ""
    })
}

async fn post(app: &TestApp, v: &Value, key: Option<&str>) -> (u16, Value) {
    let mut req = reqwest::Client::new()
        .post(app.url("/api/v1/leads"))
        .json(v);
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    let res = req.send().await.expect("post");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn intake_api_contract(app: TestApp) {
    let (s, first) = post(&app, &body("ana@univ.example"), Some("abc-1")).await;
    assert_eq!(s, 201, "{first}");
    let id = first["id"].as_i64().expect("id");
    // A retry with the same key and body: the same lead, not a second one.
    let (s, again) = post(&app, &body("ana@univ.example"), Some("abc-1")).await;
    assert_eq!(
        (s, again["id"].as_i64(), again["replayed"].as_bool()),
        (201, Some(id), Some(true))
    );
    // The same key with another body: refused, nothing stored.
    let (s, conflict) = post(&app, &body("bob@corp.example"), Some("abc-1")).await;
    assert_eq!(s, 422);
    assert!(
        conflict["errors"]["idempotency_key"].is_string(),
        "{conflict}"
    );
    // The same person and organization again without a key: merged into the first lead, which an
    // anonymous caller cannot tell from a new request (see security::lead_merge_is_not_revealed).
    let (s, merged) = post(&app, &body("ANA@univ.example"), None).await;
    assert_eq!((s, merged["merged"].as_bool()), (201, Some(false)));
    assert_ne!(merged["id"].as_i64(), Some(id));
    let before = app.store.count_leads().await.expect("test");
    // Bad input: a clear 422 naming the field, and nothing stored.
    let cases: Vec<(&str, Value)> = vec![
        ("consent", json!(false)),
        ("country", json!("XX")),
        ("email", json!("not an email")),
        ("message", json!("x".repeat(5001))),
        ("languages", json!([])),
        ("services", json!(["teleportation"])),
        ("referral_code", json!("NO-SUCH-CODE")),
    ];
    for (field, value) in cases {
        let mut b = body("carla@else.example");
        b[field] = value;
        let (s, e) = post(&app, &b, None).await;
        assert_eq!(s, 422, "{field}: {e}");
        assert!(e["errors"][field].is_string(), "{field}: {e}");
    }
    let (s, _) = post(&app, &json!("nonsense"), None).await;
    assert_eq!(s, 400);
    assert_eq!(
        app.store.count_leads().await.expect("test"),
        before,
        "bad input stored nothing"
    );
    // The public form: the honeypot stores nothing; a real visitor's request is stored once even if
    // the browser sends it twice.
    let c = super::helpers::browser();
    let page = c
        .get(app.url("/find-a-partner"))
        .send()
        .await
        .expect("test")
        .text()
        .await
        .expect("test");
    let token = super::helpers::csrf_in(&page).expect("test");
    let sid = page
        .split("name=\"submission_id\" value=\"")
        .nth(1)
        .expect("test")
        .split('"')
        .next()
        .expect("test")
        .to_string();
    let form = |honeypot: &str| {
        vec![
            ("csrf_token", token.clone()),
            ("submission_id", sid.clone()),
            ("website_url", honeypot.to_string()),
            ("organization", "Form Org".into()),
            ("contact_name", "Dana Form".into()),
            ("email", "dana@form.example".into()),
            ("country", "DE".into()),
            ("languages", "de".into()),
            ("services", "training".into()),
            ("consent", "yes".into()),
        ]
    };
    let res = c
        .post(app.url("/find-a-partner"))
        .form(&form("http://spam.example"))
        .send()
        .await
        .expect("test");
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.store.count_leads().await.expect("test"),
        before,
        "the bot's request is dropped"
    );
    for _ in 0..2 {
        let res = c
            .post(app.url("/find-a-partner"))
            .form(&form(""))
            .send()
            .await
            .expect("test");
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/find-a-partner/received");
    }
    assert_eq!(app.store.count_leads().await.expect("test"), before + 1);
    // A form error re-renders with the field message and a 422.
    let mut f = form("");
    f.retain(|(k, _)| *k != "consent");
    f.iter_mut()
        .find(|(k, _)| *k == "submission_id")
        .expect("test")
        .1 = "other".into();
    let res = c
        .post(app.url("/find-a-partner"))
        .form(&f)
        .send()
        .await
        .expect("test");
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("test")
        .contains("Please confirm before sending."));
}

async fn lifecycle_inbox_expiry_and_report(app: TestApp) {
    let a = app.partner("Alpha Hosting", PartnerStatus::Active).await;
    let b = app.partner("Beta Learning", PartnerStatus::Active).await;
    app.person(
        "pa@alpha.example",
        &[Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(a.id),
        }],
    )
    .await;
    app.person(
        "pm@beta.example",
        &[Grant {
            role: Role::PartnerMember,
            scope_id: Some(b.id),
        }],
    )
    .await;
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let (s, created) = post(&app, &body("lead@prospect.example"), None).await;
    assert_eq!(s, 201);
    let lead_id = created["id"].as_i64().expect("test");
    let now = chrono::Utc::now();
    app.store.run_lead_jobs(now, None).await.expect("test");
    let offer = app.store.lead_offers(lead_id).await.expect("test")[0].clone();
    let (holder, other, holder_email, other_email) = if offer.partner_id == a.id {
        (a.id, b.id, "pa@alpha.example", "pm@beta.example")
    } else {
        (b.id, a.id, "pm@beta.example", "pa@alpha.example")
    };
    // The partner sees the request, not the person, until it accepts.
    let pc = app.login(holder_email).await;
    let inbox = pc
        .get(app.url(&format!("/portal/partners/{holder}/leads")))
        .send()
        .await
        .expect("test")
        .text()
        .await
        .expect("test");
    assert!(inbox.contains(&format!("/portal/offers/{}", offer.id)));
    app.store
        .create_referrer(
            "HOLDER-1",
            Some(holder),
            None,
            "Holder's link",
            &agora_store::Who::system(),
        )
        .await
        .expect("referrer");
    let inbox = pc
        .get(app.url(&format!("/portal/partners/{holder}/leads")))
        .send()
        .await
        .expect("inbox")
        .text()
        .await
        .expect("body");
    assert!(
        inbox.contains("/r/HOLDER-1"),
        "the partner sees its referral link"
    );
    let page = pc
        .get(app.url(&format!("/portal/offers/{}", offer.id)))
        .send()
        .await
        .expect("test")
        .text()
        .await
        .expect("test");
    assert!(!page.contains("lead@prospect.example") && !page.contains("Université Exemple"));
    assert!(page.contains("Why this lead came to you"));
    // The other partner can neither read nor answer it.
    let oc = app.login(other_email).await;
    assert_eq!(
        oc.get(app.url(&format!("/portal/offers/{}", offer.id)))
            .send()
            .await
            .expect("test")
            .status(),
        403
    );
    let res = app
        .post_form(
            &oc,
            &format!("/portal/partners/{other}/leads"),
            &format!("/portal/offers/{}", offer.id),
            &[("status", "accepted")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // Declining needs a reason.
    let res = app
        .post_form(
            &pc,
            &format!("/portal/offers/{}", offer.id),
            &format!("/portal/offers/{}", offer.id),
            &[("status", "declined")],
        )
        .await;
    assert_eq!(res.status(), 422);
    // Nobody answers in 48 hours: the clock moves, the lead goes to the other partner.
    let later = now + chrono::Duration::hours(49);
    let report = app.store.run_lead_jobs(later, None).await.expect("test");
    assert_eq!((report.expired, report.allocated), (1, 1));
    let offers = app.store.lead_offers(lead_id).await.expect("test");
    assert_eq!(offers.len(), 2);
    assert_eq!(offers[1].partner_id, other);
    // The expired partner can no longer accept.
    let res = app
        .post_form(
            &pc,
            &format!("/portal/offers/{}", offer.id),
            &format!("/portal/offers/{}", offer.id),
            &[("status", "accepted")],
        )
        .await;
    assert_eq!(res.status(), 422);
    // The second partner accepts and now sees the contact details; the view is logged.
    let second = offers[1].id;
    let res = app
        .post_form(
            &oc,
            &format!("/portal/offers/{second}"),
            &format!("/portal/offers/{second}"),
            &[("status", "accepted")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = oc
        .get(app.url(&format!("/portal/offers/{second}")))
        .send()
        .await
        .expect("test")
        .text()
        .await
        .expect("test");
    assert!(page.contains("lead@prospect.example"));
    assert!(!app
        .store
        .lead_views(lead_id)
        .await
        .expect("test")
        .is_empty());
    let res = app
        .post_form(
            &oc,
            &format!("/portal/offers/{second}"),
            &format!("/portal/offers/{second}"),
            &[("status", "won"), ("note", "Signed a 2-year contract")],
        )
        .await;
    assert_eq!(res.status(), 303);
    // The admin sees the whole story, with explanations.
    let ac = app.login("admin@example.org").await;
    let page = ac
        .get(app.url(&format!("/admin/leads/{lead_id}")))
        .send()
        .await
        .expect("test")
        .text()
        .await
        .expect("test");
    assert!(
        page.contains("Allocation 2")
            && page.contains("already declined or let this request expire"),
        "explanation shown"
    );
    let token = app.token(admin).await;
    let api: Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/leads/{lead_id}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("test")
        .json()
        .await
        .expect("test");
    assert_eq!(api["allocations"].as_array().expect("test").len(), 2);
    // The public report counts it, and shows small numbers as "fewer than 5", with no personal data.
    let month = &later.to_rfc3339()[..7];
    let month_received = &now.to_rfc3339()[..7];
    let r: Value = reqwest::get(app.url(&format!("/api/v1/transparency?period={month_received}")))
        .await
        .expect("test")
        .json()
        .await
        .expect("test");
    let europe = r["regions"]
        .as_array()
        .expect("test")
        .iter()
        .find(|x| x["key"] == "europe")
        .expect("test")
        .clone();
    assert_eq!(
        europe["counts"]["received"],
        json!("<5"),
        "1 lead is shown as fewer than 5: {europe}"
    );
    let html = reqwest::get(app.url(&format!("/transparency/{month_received}")))
        .await
        .expect("test")
        .text()
        .await
        .expect("test");
    assert!(html.contains("fewer than 5"));
    for secret in ["lead@prospect.example", "Université Exemple", "Ana Souza"] {
        assert!(!html.contains(secret), "{secret} on the public report");
    }
    let csv = reqwest::get(app.url(&format!("/transparency/{month}/report.csv")))
        .await
        .expect("test");
    assert_eq!(csv.status(), 200);
    let bad = reqwest::get(app.url("/api/v1/transparency?period=2026-13"))
        .await
        .expect("test");
    assert_eq!(bad.status(), 422);
    // With 5 or more the numbers are shown.
    for i in 0..5 {
        let (s, _) = post(&app, &body(&format!("p{i}@many.example")), None).await;
        assert_eq!(s, 201);
    }
    let r: Value = reqwest::get(app.url(&format!("/api/v1/transparency?period={month_received}")))
        .await
        .expect("test")
        .json()
        .await
        .expect("test");
    let europe = r["regions"]
        .as_array()
        .expect("test")
        .iter()
        .find(|x| x["key"] == "europe")
        .expect("test")
        .clone();
    assert_eq!(europe["counts"]["received"], json!(6), "{europe}");
}

/// A partner's own referral results, on its dashboard and through the API: its links only, with the
/// requests they brought, accepted and won; another partner and anonymous callers are refused.
async fn partners_see_what_their_referral_links_brought(app: TestApp) {
    let a = app.partner("Alpha Hosting", PartnerStatus::Active).await;
    let b = app.partner("Beta Learning", PartnerStatus::Active).await;
    let pa = app
        .person(
            "pa@alpha.example",
            &[Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(a.id),
            }],
        )
        .await;
    let pb = app
        .person(
            "pb@beta.example",
            &[Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(b.id),
            }],
        )
        .await;
    let system = agora_store::Who::system();
    app.store
        .create_referrer("ALPHA-WEB", Some(a.id), None, "Our website", &system)
        .await
        .expect("referrer");
    app.store
        .create_referrer("BETA-1", Some(b.id), None, "Beta's link", &system)
        .await
        .expect("referrer");
    for (i, code) in ["ALPHA-WEB", "alpha-web", "BETA-1"].iter().enumerate() {
        let mut v = body(&format!("lead{i}@prospect{i}.example"));
        v["organization"] = json!(format!("Université {i}"));
        v["referral_code"] = json!(code);
        let (s, created) = post(&app, &v, None).await;
        assert_eq!(s, 201, "{created}");
    }
    let token = app.token(pa).await;
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/partners/{}/referrals", a.id)))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    let got: Value = res.json().await.expect("json");
    assert_eq!(got.as_array().map(Vec::len), Some(1), "{got}");
    assert_eq!(got[0]["code"], "ALPHA-WEB");
    assert_eq!(got[0]["referred"], 2);
    assert_eq!(got[0]["accepted"], 0);
    assert_eq!(got[0]["conversion"], 0.0);
    assert!(got[0]["link"]
        .as_str()
        .is_some_and(|l| l.ends_with("/r/ALPHA-WEB")));
    let other = app.token(pb).await;
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/partners/{}/referrals", a.id)))
        .bearer_auth(&other)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 403);
    let res = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/partners/{}/referrals", a.id)))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 401);
    let c = app.login("pa@alpha.example").await;
    let page = c
        .get(app.url(&format!("/portal/partners/{}/leads", a.id)))
        .send()
        .await
        .expect("inbox")
        .text()
        .await
        .expect("html");
    assert!(page.contains("ALPHA-WEB") && page.contains("Our website"));
    assert!(!page.contains("BETA-1"));
    assert!(page.contains(r#"<td class="num">2</td>"#), "two referred");
}
