//! A NUL character (U+0000) in any text a request carries is refused with a 4xx naming where it is,
//! and changes nothing: PostgreSQL cannot hold one, so it used to fail the query with a 500 — on
//! public pages, the public lead form and the lead API, whose batch it took down with it.

use super::helpers::{browser, TestApp};
use crate::both_backends;
use serde_json::{json, Value};

both_backends!(a_nul_character_is_refused_wherever_it_comes_in);

fn lead(name: &str) -> Value {
    json!({
        "organization": "Université Exemple", "contact_name": name, "email": "ana@example.org",
        "country": "FR", "segment": "higher-education", "size": "", "budget": "",
        "languages": ["fr"], "services": ["hosting"], "message": "A platform.",
        "consent": true, "referral_code": ""
    })
}

async fn a_nul_character_is_refused_wherever_it_comes_in(app: TestApp) {
    let anonymous = reqwest::Client::new();
    // In the address: public pages, their search, the API.
    for path in [
        "/partners?q=a%00b",
        "/api/v1/partners?q=a%00b",
        "/partners/a%00b",
        "/groups/a%00",
    ] {
        let res = anonymous.get(app.url(path)).send().await.expect("get");
        assert_eq!(res.status(), 400, "{path}");
    }

    // In a JSON body, sent together with good requests (the intake writes them in batches).
    let before = app.store.count_leads().await.expect("count");
    let mut sends = tokio::task::JoinSet::new();
    for i in 0..12 {
        let body = if i % 4 == 0 {
            lead("Ana\u{0}")
        } else {
            lead(&format!("Ana {i}"))
        };
        let request = anonymous.post(app.url("/api/v1/leads")).json(&body);
        sends.spawn(async move { request.send().await.expect("post") });
    }
    let answers = sends.join_all().await;
    let mut refused = 0;
    for res in answers {
        let status = res.status().as_u16();
        assert!(status < 500, "a 5xx: {status}");
        if status == 422 {
            let body: Value = res.json().await.expect("json");
            assert_eq!(body["codes"]["contact_name"], "nul-character", "{body}");
            refused += 1;
        } else {
            assert!(res.status().is_success(), "{status}");
        }
    }
    assert_eq!(refused, 3);
    assert_eq!(app.store.count_leads().await.expect("count"), before + 9);

    // A field name holding one, nested.
    let res = anonymous
        .post(app.url("/api/v1/leads"))
        .json(&json!({"organization": "X", "languages": ["fr", "e\u{0}n"]}))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["codes"]["languages[1]"], "nul-character", "{body}");

    // In a form: the public lead form.
    let c = browser();
    let res = app
        .post_form(
            &c,
            "/find-a-partner",
            "/find-a-partner",
            &[
                ("organization", "Escola\u{0}"),
                ("contact_name", "Rui"),
                ("email", "rui@escola.example"),
                ("country", "PT"),
                ("languages", "pt"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    assert_eq!(app.store.count_leads().await.expect("count"), before + 9);
}
