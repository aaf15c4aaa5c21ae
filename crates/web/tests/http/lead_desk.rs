//! The lead program as people meet it: a partner reads the request before accepting, the request
//! form's controls, the foundation's manual offers and closures, the requester's confirmation and
//! private status page, and requests addressed to one partner from the directory.

use super::helpers::TestApp;
use crate::both_backends;
use agora_domain::leads::LeadStatus;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use serde_json::{json, Value};

both_backends!(
    partner_reads_the_request_before_accepting,
    request_form_controls,
    admins_offer_stuck_leads_by_hand_and_close_leads,
    requester_confirmation_status_link_and_withdrawal,
    directory_profile_asks_one_partner_outside_the_rotation,
    unknown_lead_filters_are_named_not_matched,
);

fn request(email: &str) -> Value {
    json!({
        "organization": "Université Exemple", "contact_name": "Ana Souza", "email": email,
        "country": "FR", "segment": "higher-education", "size": "1000-plus", "budget": "subscription",
        "languages": ["fr"], "services": ["hosting"],
        "message": "We need a platform for 10,000 learners by March.",
        "consent": true
    })
}

async fn submit(app: &TestApp, v: &Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(app.url("/api/v1/leads"))
        .json(v)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn grant(app: &TestApp, email: &str, role: Role, scope_id: Option<i64>) -> i64 {
    app.person(email, &[Grant { role, scope_id }]).await
}

async fn text(c: &reqwest::Client, url: String) -> (u16, String) {
    let res = c.get(url).send().await.expect("get");
    (res.status().as_u16(), res.text().await.expect("body"))
}

async fn partner_reads_the_request_before_accepting(app: TestApp) {
    let p = app.partner("Alpha Hosting", PartnerStatus::Active).await;
    let person = grant(&app, "pa@alpha.example", Role::PartnerAdmin, Some(p.id)).await;
    let (s, created) = submit(&app, &request("ana@univ.example")).await;
    assert_eq!(s, 201, "{created}");
    let lead_id = created["id"].as_i64().expect("id");
    app.store
        .run_lead_jobs(chrono::Utc::now(), None)
        .await
        .expect("jobs");
    let offer = app.store.lead_offers(lead_id).await.expect("offers")[0].clone();
    let c = app.login("pa@alpha.example").await;
    let (s, page) = text(&c, app.url(&format!("/portal/offers/{}", offer.id))).await;
    assert_eq!(s, 200);
    // What is needed, before accepting: type, size, budget, languages, services and the message.
    for shown in [
        "We need a platform for 10,000 learners by March.",
        "Higher education",
        "French",
        "Hosting",
    ] {
        assert!(page.contains(shown), "{shown} missing before acceptance");
    }
    // Who is asking waits for acceptance.
    for hidden in ["ana@univ.example", "Ana Souza", "Université Exemple"] {
        assert!(!page.contains(hidden), "{hidden} shown before acceptance");
    }
    let token = app.token(person).await;
    let api: Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/offers/{}", offer.id)))
        .bearer_auth(&token)
        .send()
        .await
        .expect("api")
        .json()
        .await
        .expect("json");
    assert_eq!(
        api["lead"]["message"],
        json!("We need a platform for 10,000 learners by March.")
    );
    assert_eq!(api["lead"]["segment"], json!("higher-education"));
    assert_eq!(api["contact"], Value::Null, "{api}");
    assert!(!api.to_string().contains("ana@univ.example"));
    let list: Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/partners/{}/offers", p.id)))
        .bearer_auth(&token)
        .send()
        .await
        .expect("api")
        .json()
        .await
        .expect("json");
    assert!(list.to_string().contains("10,000 learners"));
    assert!(!list.to_string().contains("ana@univ.example"));
    // No view of contact details was logged: none were shown.
    assert!(app
        .store
        .lead_views(lead_id)
        .await
        .expect("views")
        .is_empty());
}

async fn request_form_controls(app: TestApp) {
    let (s, page) = text(&super::helpers::browser(), app.url("/find-a-partner")).await;
    assert_eq!(s, 200);
    // Languages are checkboxes in a fieldset, not a multi-select needing Ctrl-click.
    assert!(!page.contains("multiple"), "a multi-select is left");
    assert!(page.contains(r#"<input type="checkbox" name="languages" value="fr">"#));
    // The consent box and its text are one label.
    let at = page.find(r#"id="consent""#).expect("consent box");
    let label_start = page[..at].rfind("<label").expect("label before the box");
    let label_end = page[at..].find("</label>").expect("label end") + at;
    assert!(
        page[label_start..at].find("</label>").is_none()
            && page[at..label_end]
                .contains("I agree that the Open edX foundation shares this request"),
        "the consent label is not with its box"
    );
    // The form still works with several languages ticked.
    let c = super::helpers::browser();
    let res = app
        .post_form(
            &c,
            "/find-a-partner",
            "/find-a-partner",
            &[
                ("organization", "Escola"),
                ("contact_name", "Rui"),
                ("email", "rui@escola.example"),
                ("country", "PT"),
                ("languages", "pt"),
                ("languages", "en"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let leads = app
        .store
        .leads_page(&Default::default(), Default::default())
        .await
        .expect("leads");
    assert_eq!(leads.items[0].languages, vec!["en", "pt"]);
}

async fn admin_token(app: &TestApp) -> String {
    let id = grant(app, "admin@example.org", Role::Admin, None).await;
    app.token(id).await
}

async fn api_post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("post");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

/// A request nobody qualifies for (Japanese only): it waits in the foundation's queue.
async fn stuck_lead(app: &TestApp, email: &str) -> i64 {
    let mut r = request(email);
    r["country"] = json!("JP");
    r["services"] = json!([]);
    r["languages"] = json!(["ja"]);
    let (s, created) = submit(app, &r).await;
    assert_eq!(s, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    app.store
        .run_lead_jobs(chrono::Utc::now(), None)
        .await
        .expect("jobs");
    assert_eq!(
        app.store
            .lead(id)
            .await
            .expect("lead")
            .expect("lead")
            .status,
        LeadStatus::Queued
    );
    id
}

async fn admins_offer_stuck_leads_by_hand_and_close_leads(app: TestApp) {
    let p = app.partner("Alpha Hosting", PartnerStatus::Active).await;
    grant(&app, "pa@alpha.example", Role::PartnerAdmin, Some(p.id)).await;
    let token = admin_token(&app).await;
    let ac = app.login("admin@example.org").await;
    // On the page: a reason is required, and nothing changes without one.
    let id = stuck_lead(&app, "one@stuck.example").await;
    let page = format!("/admin/leads/{id}");
    let (_, html) = text(&ac, app.url(&page)).await;
    assert!(html.contains("Offer to a partner") && html.contains("Close the lead"));
    // A stuck lead was offered to nobody: that is said once, not as an "Offers" table caption too,
    // and a request that names no service shows "Any", not an empty row.
    assert!(html.contains("No partner has been offered this request yet."));
    assert_eq!(html.matches(">Offers<").count(), 1, "{html}");
    assert!(!html.contains("<dd></dd>"), "{html}");
    let res = app
        .post_form(
            &ac,
            &page,
            &format!("{page}/offer"),
            &[("partner", &p.id.to_string()), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("Say why: it is kept with the lead and in the audit log."));
    assert!(app.store.lead_offers(id).await.expect("offers").is_empty());
    let res = app
        .post_form(
            &ac,
            &page,
            &format!("{page}/offer"),
            &[
                ("partner", &p.id.to_string()),
                ("reason", "Alpha has a Japanese-speaking team"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let offers = app.store.lead_offers(id).await.expect("offers");
    assert_eq!((offers.len(), offers[0].partner_id), (1, p.id));
    // The lead's explanation says who offered it by hand and why; the partner sees it came by hand.
    let (_, html) = text(&ac, app.url(&page)).await;
    assert!(
        html.contains("Offered by hand to Alpha Hosting by admin@example.org"),
        "{html}"
    );
    assert!(html.contains("Alpha has a Japanese-speaking team"));
    let pc = app.login("pa@alpha.example").await;
    let (_, offer_page) = text(&pc, app.url(&format!("/portal/offers/{}", offers[0].id))).await;
    assert!(offer_page.contains("The foundation offered it to you directly."));
    // Counted as manual in the public report, in the API and on the page.
    let month = &chrono::Utc::now().to_rfc3339()[..7];
    let report: Value = reqwest::get(app.url(&format!("/api/v1/transparency?period={month}")))
        .await
        .expect("report")
        .json()
        .await
        .expect("json");
    assert_eq!(
        report["totals"]["counts"]["manual"],
        json!("<5"),
        "{report}"
    );
    assert_eq!(report["totals"]["counts"]["direct"], json!(0));
    let (_, report_html) = text(
        &super::helpers::browser(),
        app.url(&format!("/transparency/{month}")),
    )
    .await;
    assert!(report_html.contains("By hand"));
    // Through the API: the same rule, and the same errors naming the field.
    let second = stuck_lead(&app, "two@stuck.example").await;
    let (s, e) = api_post(
        &app,
        &token,
        &format!("/api/v1/leads/{second}/offer"),
        json!({"partner_id": p.id}),
    )
    .await;
    assert_eq!(
        (s, &e["codes"]["reason"]),
        (422, &json!("explain-required")),
        "{e}"
    );
    let (s, e) = api_post(
        &app,
        &token,
        &format!("/api/v1/leads/{second}/offer"),
        json!({"partner_id": 999_999, "reason": "x"}),
    )
    .await;
    assert_eq!(
        (s, &e["codes"]["partner"]),
        (422, &json!("unknown-partner")),
        "{e}"
    );
    let (s, o) = api_post(
        &app,
        &token,
        &format!("/api/v1/leads/{second}/offer"),
        json!({"partner_id": p.id, "reason": "Japanese team"}),
    )
    .await;
    assert_eq!(s, 200, "{o}");
    assert_eq!(o["offer"]["partner_id"], json!(p.id));
    // Offered already: not the admin's to hand out again.
    let (s, e) = api_post(
        &app,
        &token,
        &format!("/api/v1/leads/{second}/offer"),
        json!({"partner_id": p.id, "reason": "again"}),
    )
    .await;
    assert_eq!(
        (s, &e["codes"]["status"]),
        (422, &json!("invalid-transition")),
        "{e}"
    );
    // Closing: the reason is one of three; the offer is withdrawn and its partner told.
    let (s, e) = api_post(
        &app,
        &token,
        &format!("/api/v1/leads/{second}/close"),
        json!({"reason": "boring"}),
    )
    .await;
    assert_eq!(
        (s, &e["codes"]["reason"]),
        (422, &json!("invalid-reason")),
        "{e}"
    );
    let told_before = app
        .store
        .outbox_recent(200)
        .await
        .expect("outbox")
        .iter()
        .filter(|m| m.to_address == "pa@alpha.example")
        .count();
    let (s, c) = api_post(
        &app,
        &token,
        &format!("/api/v1/leads/{second}/close"),
        json!({"reason": "duplicate", "note": "Same as the first one"}),
    )
    .await;
    assert_eq!((s, &c["status"]), (200, &json!("duplicate")), "{c}");
    let told_after = app
        .store
        .outbox_recent(200)
        .await
        .expect("outbox")
        .iter()
        .filter(|m| m.to_address == "pa@alpha.example")
        .count();
    assert_eq!(
        told_after,
        told_before + 1,
        "the partner holding the offer is told"
    );
    // On the page: closing the first as spam, with the reason kept and audited.
    let res = app
        .post_form(
            &ac,
            &page,
            &format!("{page}/close"),
            &[("close_reason", "spam"), ("note", "Advertising")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let lead = app.store.lead(id).await.expect("lead").expect("lead");
    assert_eq!(
        (lead.status, lead.closed_note.as_str()),
        (LeadStatus::Spam, "Advertising")
    );
    let (_, html) = text(&ac, app.url(&page)).await;
    assert!(html.contains("Closed as spam") && !html.contains("Close the lead"));
    let audit: Value = reqwest::Client::new()
        .get(app.url("/api/v1/audit?action=lead.closed"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("audit")
        .json()
        .await
        .expect("json");
    assert_eq!(audit["total"], json!(2), "{audit}");
}

/// The status link from the newest email to `to`.
async fn status_link(app: &TestApp, to: &str) -> (String, String) {
    let mail = app.store.outbox_recent(200).await.expect("outbox");
    let m = mail
        .iter()
        .find(|m| m.to_address == to)
        .expect("a confirmation");
    let start = m.body.find("http").expect("link");
    let link = m.body[start..].split_whitespace().next().expect("link");
    (
        reqwest::Url::parse(link).expect("url").path().to_string(),
        m.body.clone(),
    )
}

async fn requester_confirmation_status_link_and_withdrawal(app: TestApp) {
    let p = app.partner("Alpha Hosting", PartnerStatus::Active).await;
    grant(&app, "pa@alpha.example", Role::PartnerAdmin, Some(p.id)).await;
    // The public form sends the confirmation, with the reference and the private link.
    let c = super::helpers::browser();
    let res = app
        .post_form(
            &c,
            "/find-a-partner",
            "/find-a-partner",
            &[
                ("organization", "Escola"),
                ("contact_name", "Rui"),
                ("email", "rui@escola.example"),
                ("country", "FR"),
                ("languages", "fr"),
                ("services", "hosting"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let lead_id = app
        .store
        .leads_page(&Default::default(), Default::default())
        .await
        .expect("leads")
        .items[0]
        .id;
    let (path, body) = status_link(&app, "rui@escola.example").await;
    assert!(body.contains(&format!("L-{lead_id}")), "{body}");
    assert!(path.starts_with("/find-a-partner/status/"));
    // The token is stored only as its hash.
    let token = path.rsplit('/').next().expect("token");
    assert!(app
        .store
        .requester_status(token)
        .await
        .expect("status")
        .is_none());
    // Anyone with the link sees the status; the page is never cached publicly.
    let res = reqwest::get(app.url(&path)).await.expect("get");
    assert_eq!(res.status(), 200);
    let cc = res.headers()["cache-control"]
        .to_str()
        .expect("header")
        .to_string();
    assert!(cc.contains("no-store") && !cc.contains("public"), "{cc}");
    let html = res.text().await.expect("body");
    assert!(html.contains(&format!("L-{lead_id}")));
    // A wrong token is simply not found.
    let wrong = format!("{}x", &path);
    assert_eq!(
        reqwest::get(app.url(&wrong)).await.expect("get").status(),
        404
    );
    // The partner accepts: the requester sees who will contact them, nothing of the handling.
    app.store
        .run_lead_jobs(chrono::Utc::now(), None)
        .await
        .expect("jobs");
    let offer = app.store.lead_offers(lead_id).await.expect("offers")[0].clone();
    let pc = app.login("pa@alpha.example").await;
    let res = app
        .post_form(
            &pc,
            &format!("/portal/offers/{}", offer.id),
            &format!("/portal/offers/{}", offer.id),
            &[("status", "accepted")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, html) = text(&c, app.url(&path)).await;
    assert!(html.contains("A partner accepted your request") && html.contains("Alpha Hosting"));
    assert!(html.contains(&format!("href=\"/partners/{}\"", p.profile.slug)));
    // Withdrawing asks first; the question changes nothing.
    let (s, confirm) = text(&c, app.url(&format!("{path}/withdraw"))).await;
    assert_eq!(s, 200);
    assert!(confirm.contains("Yes, withdraw it"));
    assert_eq!(
        app.store
            .lead(lead_id)
            .await
            .expect("lead")
            .expect("lead")
            .status,
        LeadStatus::Offered
    );
    let res = app
        .post_form(
            &c,
            &format!("{path}/withdraw"),
            &format!("{path}/withdraw"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.store
            .lead(lead_id)
            .await
            .expect("lead")
            .expect("lead")
            .status,
        LeadStatus::Withdrawn
    );
    let (_, html) = text(&c, app.url(&format!("{path}?withdrawn=1"))).await;
    assert!(html.contains("Your request is withdrawn") && !html.contains("Withdraw this request…"));
    // The partner that accepted is told.
    let mail = app.store.outbox_recent(200).await.expect("outbox");
    assert!(mail
        .iter()
        .any(|m| m.to_address == "pa@alpha.example" && m.subject == "A lead was withdrawn"));
    // No further offers: the jobs leave it alone even after the deadline.
    let later = chrono::Utc::now() + chrono::Duration::days(5);
    let r = app.store.run_lead_jobs(later, None).await.expect("jobs");
    assert_eq!((r.allocated, r.queued), (0, 0));
    // The API path confirms too (no link in the API answer).
    let (s, created) = submit(&app, &request("api@univ.example")).await;
    assert_eq!(s, 201);
    assert!(!created.to_string().contains("status"), "{created}");
    let (_, body) = status_link(&app, "api@univ.example").await;
    assert!(body.contains(&format!("L-{}", created["id"])));
}

async fn directory_profile_asks_one_partner_outside_the_rotation(app: TestApp) {
    let a = app.partner("Alpha Hosting", PartnerStatus::Active).await;
    let b = app.partner("Beta Learning", PartnerStatus::Active).await;
    let c = super::helpers::browser();
    let (_, profile) = text(&c, app.url(&format!("/partners/{}", b.profile.slug))).await;
    let link = format!("/find-a-partner?partner={}", b.profile.slug);
    assert!(
        profile.contains(&format!("href=\"{link}\""))
            && profile.contains("Request a proposal from this partner")
    );
    let (_, form) = text(&c, app.url(&link)).await;
    assert!(form.contains("This request goes to Beta Learning only"));
    assert!(form.contains(&format!(r#"name="partner" value="{}""#, b.profile.slug)));
    let mut fields: Vec<(&str, String)> = vec![
        ("organization", "Escola".into()),
        ("contact_name", "Rui".into()),
        ("email", "rui@escola.example".into()),
        ("country", "FR".into()),
        ("languages", "fr".into()),
        ("services", "hosting".into()),
        ("consent", "yes".into()),
        ("partner", b.profile.slug.clone()),
    ];
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_form(&c, &link, "/find-a-partner", &borrowed).await;
    assert_eq!(res.status(), 303);
    // The confirmation names the partner asked and does not promise another one.
    let received = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let (_, page) = text(&c, app.url(&received)).await;
    assert!(
        page.contains("offered to Beta Learning only") && !page.contains("goes to another one"),
        "{page}"
    );
    // An unknown partner is a clear error on the form, and nothing is stored.
    fields.last_mut().expect("partner").1 = "nobody-here".into();
    fields[2].1 = "other@escola.example".into();
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post_form(&c, &link, "/find-a-partner", &borrowed).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("No listed partner has this address."));
    let leads = app
        .store
        .leads_page(&Default::default(), Default::default())
        .await
        .expect("leads");
    assert_eq!(leads.items.len(), 1);
    let id = leads.items[0].id;
    assert_eq!(leads.items[0].direct_partner_id, Some(b.id));
    app.store
        .run_lead_jobs(chrono::Utc::now(), None)
        .await
        .expect("jobs");
    let offers = app.store.lead_offers(id).await.expect("offers");
    assert_eq!(offers.len(), 1);
    assert_eq!(
        offers[0].partner_id, b.id,
        "delivered to the partner asked, and only to it"
    );
    // Outside the rotation: no entitlement for anyone, counted as direct.
    for p in [a.id, b.id] {
        assert!(app
            .store
            .partner_shares(p)
            .await
            .expect("shares")
            .is_empty());
    }
    let month = &chrono::Utc::now().to_rfc3339()[..7];
    let report: Value = reqwest::get(app.url(&format!("/api/v1/transparency?period={month}")))
        .await
        .expect("report")
        .json()
        .await
        .expect("json");
    assert_eq!(
        report["totals"]["counts"]["direct"],
        json!("<5"),
        "{report}"
    );
    assert_eq!(report["totals"]["counts"]["manual"], json!(0));
    // The API takes the partner's slug too.
    let mut r = request("api@univ.example");
    r["partner"] = json!(a.profile.slug);
    let (s, created) = submit(&app, &r).await;
    assert_eq!(s, 201, "{created}");
    app.store
        .run_lead_jobs(chrono::Utc::now(), None)
        .await
        .expect("jobs");
    let offers = app
        .store
        .lead_offers(created["id"].as_i64().expect("id"))
        .await
        .expect("offers");
    assert_eq!((offers.len(), offers[0].partner_id), (1, a.id));
    let mut r = request("bad@univ.example");
    r["partner"] = json!("nobody-here");
    let (s, e) = submit(&app, &r).await;
    assert_eq!(
        (s, &e["codes"]["partner"]),
        (422, &json!("unknown-partner")),
        "{e}"
    );
}

async fn unknown_lead_filters_are_named_not_matched(app: TestApp) {
    let admin = grant(&app, "admin@example.org", Role::Admin, None).await;
    let token = app.token(admin).await;
    let get = |q: &'static str| {
        let (url, token) = (app.url(&format!("/api/v1/leads{q}")), token.clone());
        async move {
            let res = reqwest::Client::new()
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .expect("get");
            (res.status().as_u16(), res.text().await.expect("body"))
        }
    };
    assert_eq!(get("?status=queued").await.0, 200);
    assert_eq!(get("?region=europe").await.0, 200);
    let (s, body) = get("?status=bogus").await;
    assert_eq!(s, 422, "{body}");
    assert!(
        body.contains("status") && body.contains("invalid-status"),
        "{body}"
    );
    let (s, body) = get("?region=atlantis").await;
    assert_eq!(s, 422, "{body}");
    assert!(
        body.contains("region") && body.contains("invalid-region"),
        "{body}"
    );
}
