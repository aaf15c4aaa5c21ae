//! The lead program as people meet it: a partner reads the request before accepting, the request
//! form's controls, the foundation's manual offers and closures, the requester's confirmation and
//! private status page, and requests addressed to one partner from the directory.

use super::helpers::TestApp;
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use serde_json::{json, Value};

both_backends!(
    partner_reads_the_request_before_accepting,
    request_form_controls
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
