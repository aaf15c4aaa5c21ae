//! Languages: visitors read Agora in their browser's language, people in the one they chose on their
//! account page (and are mailed in it), and no page in any language shows a missing translation.

use super::helpers::{browser, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use serde_json::{json, Value};

both_backends!(
    visitors_get_the_language_of_their_browser,
    a_person_who_chooses_french_reads_and_is_mailed_in_french,
    the_api_reads_and_sets_the_language,
    no_page_in_any_language_lacks_a_translation,
    mail_the_store_queues_is_in_each_recipients_language,
);

/// What fluent-templates renders in place of a key it does not have.
const MISSING: &str = "Unknown localization key";

async fn page(c: &reqwest::Client, app: &TestApp, path: &str, lang: Option<&str>) -> String {
    let mut req = c.get(app.url(path));
    if let Some(l) = lang {
        req = req.header("accept-language", l);
    }
    let res = req.send().await.expect("get");
    assert_eq!(res.status(), 200, "{path} in {lang:?}");
    res.text().await.expect("body")
}

async fn visitors_get_the_language_of_their_browser(app: TestApp) {
    let c = reqwest::Client::new();
    let es = page(&c, &app, "/", Some("es-MX,es;q=0.9,en;q=0.5")).await;
    assert!(es.contains(r#"<html lang="es""#), "{es}");
    assert!(es.contains("Encuentre un socio de Open edX"));
    let fr = page(&c, &app, "/", Some("fr-CA")).await;
    assert!(fr.contains(r#"<html lang="fr""#));
    assert!(fr.contains("Trouver un partenaire Open edX"));
    // A language Agora does not ship falls back to English; the cached Spanish page is not served.
    let de = page(&c, &app, "/", Some("de-DE")).await;
    assert!(de.contains(r#"<html lang="en""#));
    assert!(de.contains("Find an Open edX partner"));
    // Country and language names too.
    let es = page(&c, &app, "/partners", Some("es")).await;
    assert!(
        es.contains(">Alemania<") && !es.contains(">Germany<"),
        "{es}"
    );
    assert!(es.contains(">Alemán<") && !es.contains(">German<"));
    let fr = page(&c, &app, "/partners/apply", Some("fr")).await;
    assert!(fr.contains(">Allemagne<") && fr.contains("Allemand"));
    // Again, now from the page cache: each language keeps its own copy.
    let es = page(&c, &app, "/", Some("es")).await;
    assert!(es.contains("Encuentre un socio de Open edX"));
}

async fn a_person_who_chooses_french_reads_and_is_mailed_in_french(app: TestApp) {
    let id = app.person("lea@example.org", &[]).await;
    let c = app.login("lea@example.org").await;
    let html = page(&c, &app, "/account", Some("es")).await;
    assert!(
        html.contains("Su cuenta"),
        "browser's language before a choice"
    );

    // A language Agora does not ship is refused, naming the field, and nothing changes.
    let res = app
        .post_form(&c, "/account", "/account/language", &[("language", "de")])
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains(r#"id="language-error""#), "{html}");
    assert!(html.contains("Unknown language."));
    let p = app.store.person(id).await.expect("read").expect("person");
    assert_eq!(p.language, None);

    let res = app
        .post_form(&c, "/account", "/account/language", &[("language", "fr")])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"].to_str().expect("location"),
        "/account?language_saved=1"
    );
    // French from now on, whatever the browser says, on pages and on error pages.
    let html = page(&c, &app, "/account?language_saved=1", Some("es")).await;
    assert!(html.contains(r#"<html lang="fr""#));
    assert!(html.contains("Votre langue a été enregistrée."));
    assert!(html.contains(r#"<option value="fr" lang="fr" selected>Français</option>"#));
    let res = c
        .get(app.url("/partners/nobody-here"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
    assert!(res.text().await.expect("body").contains("Page introuvable"));
    let audit = page(&c, &app, "/governance", None).await;
    assert!(audit.contains("Gouvernance"));
    let entries = app
        .store
        .audit_page(
            &agora_store::AuditFilter {
                action: Some("person.language".into()),
                ..Default::default()
            },
            Default::default(),
        )
        .await
        .expect("audit");
    assert_eq!(entries.total, 1);

    // A password reset asked from an English browser is written in the language Léa chose.
    let anonymous = browser();
    let res = anonymous
        .get(app.url("/password/forgot"))
        .header("accept-language", "en")
        .send()
        .await
        .expect("form");
    let token = super::helpers::csrf_in(&res.text().await.expect("body")).expect("csrf");
    let res = anonymous
        .post(app.url("/password/forgot"))
        .header("accept-language", "en")
        .form(&[("csrf_token", token.as_str()), ("email", "lea@example.org")])
        .send()
        .await
        .expect("forgot");
    assert_eq!(res.status(), 200);
    let mail = app.store.outbox_recent(1).await.expect("outbox");
    let mail = mail.first().expect("a reset e-mail");
    assert_eq!(mail.to_address, "lea@example.org");
    assert_eq!(mail.subject, "Réinitialisez votre mot de passe Agora");
    assert!(
        mail.body.starts_with("Bonjour Test Person,"),
        "{}",
        mail.body
    );

    // Back to the browser's language.
    let res = app
        .post_form(&c, "/account", "/account/language", &[("language", "")])
        .await;
    assert_eq!(res.status(), 303);
    let html = page(&c, &app, "/account", Some("es")).await;
    assert!(html.contains("Su cuenta"));
}

async fn the_api_reads_and_sets_the_language(app: TestApp) {
    let id = app.person("ana@example.org", &[]).await;
    let token = app.token(id).await;
    let c = reqwest::Client::new();
    let call = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut req = c.request(method, app.url(path)).bearer_auth(&token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        async move {
            let res = req.send().await.expect("request");
            let status = res.status().as_u16();
            (status, res.json::<Value>().await.expect("json"))
        }
    };
    let (s, me) = call(reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(s, 200);
    assert_eq!(me["language"], Value::Null);
    let (s, me) = call(
        reqwest::Method::PUT,
        "/api/v1/me/language",
        Some(json!({"language": "es"})),
    )
    .await;
    assert_eq!((s, &me["language"]), (200, &json!("es")), "{me}");
    let (_, me) = call(reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(me["language"], "es");
    let (s, err) = call(
        reqwest::Method::PUT,
        "/api/v1/me/language",
        Some(json!({"language": "xx"})),
    )
    .await;
    assert_eq!(s, 422, "{err}");
    assert!(err.to_string().contains("language"), "{err}");
    let (_, me) = call(reqwest::Method::GET, "/api/v1/me", None).await;
    assert_eq!(me["language"], "es", "a refused change changes nothing");
    let (s, me) = call(
        reqwest::Method::PUT,
        "/api/v1/me/language",
        Some(json!({"language": null})),
    )
    .await;
    assert_eq!((s, &me["language"]), (200, &Value::Null));
}

/// The main pages of every program, as a visitor, a partner and an admin, in every language.
async fn no_page_in_any_language_lacks_a_translation(app: TestApp) {
    let partner = app.partner("Acme Learning", PartnerStatus::Active).await;
    app.person(
        "admin@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    app.person(
        "staff@acme.example",
        &[Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(partner.id),
        }],
    )
    .await;
    let lead = app
        .lead("Université Exemple", "lea@universite.example")
        .await;
    let admin = app.login("admin@foundation.example").await;
    let res = app
        .post_form(
            &admin,
            "/admin/bodies",
            "/admin/bodies",
            &[
                ("name", "Core product working group"),
                ("slug", "core"),
                ("visibility", "public"),
                ("min_close_hours", "24"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    // An objective of the group with a key result and a check-in, for the OKR pages.
    let core = app.store.body("core").await.expect("read").expect("core");
    let objective = agora_domain::groups::okrs::ObjectiveInput {
        title: "Ship the roadmap".into(),
        ..Default::default()
    }
    .parse(app.store.now().date_naive())
    .expect("objective");
    let oid = app
        .store
        .create_objective(core.id, &objective, &agora_store::Who::system())
        .await
        .expect("objective");
    let kr = agora_domain::groups::okrs::KeyResultInput {
        title: "Roadmap items decided".into(),
        kind: "number".into(),
        start: "0".into(),
        target: "10".into(),
        ..Default::default()
    }
    .parse()
    .expect("kr");
    let kid = app
        .store
        .add_key_result(core.id, oid, &kr, &agora_store::Who::system())
        .await
        .expect("kr");
    app.store
        .check_in(
            core.id,
            kid,
            &agora_domain::groups::okrs::CheckInInput {
                value: "4".into(),
                confidence: "0.7".into(),
                comment: "Four decided.".into(),
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("check-in");
    // An initiative of the group, for the initiative pages and their forms.
    let today = app.store.now().date_naive();
    let iid = app
        .store
        .create_initiative(
            core.id,
            &agora_domain::groups::initiatives::InitiativeInput {
                title: "How-to videos".into(),
                goal: "Show Open edX".into(),
                stages: "awareness".into(),
                ..Default::default()
            }
            .parse(today)
            .expect("initiative"),
            &agora_store::Who::system(),
        )
        .await
        .expect("initiative");
    app.store
        .add_initiative_sponsor(iid, "Acme Learning", &agora_store::Who::system())
        .await
        .expect("sponsor");
    let staff = app.login("staff@acme.example").await;
    let slug = &partner.profile.slug;
    let public = [
        "/".to_string(),
        "/partners".into(),
        format!("/partners/{slug}"),
        format!("/partners/{slug}/verify"),
        "/partners/apply".into(),
        "/partners/how-leads-are-allocated".into(),
        "/find-a-partner".into(),
        "/transparency".into(),
        "/partnerships".into(),
        "/governance".into(),
        "/governance/register".into(),
        "/bodies/core".into(),
        "/groups".into(),
        "/groups/core".into(),
        format!("/groups/core/key-results/{kid}"),
        "/groups/core/initiatives".into(),
        format!("/groups/core/initiatives/{iid}"),
        "/login".into(),
        "/password/forgot".into(),
    ];
    let partners = [
        "/home".to_string(),
        "/portal".into(),
        format!("/portal/partners/{}/leads", partner.id),
        "/account".into(),
        "/account/notifications".into(),
    ];
    let admins = [
        "/home".to_string(),
        "/admin".into(),
        "/admin/partners".into(),
        format!("/admin/partners/{}", partner.id),
        "/admin/people".into(),
        // Every registered job is listed by name, run or not.
        "/admin/jobs".into(),
        "/admin/audit".into(),
        "/admin/outbox".into(),
        "/admin/regions".into(),
        "/admin/leads".into(),
        format!("/admin/leads/{lead}"),
        "/admin/lead-policy".into(),
        "/admin/referrals".into(),
        "/admin/lead-data".into(),
        "/admin/bodies".into(),
        "/bodies/core/propose".into(),
        "/groups/core".into(),
        "/groups/core/edit".into(),
        "/groups/core/objectives/new".into(),
        format!("/groups/core/objectives/{oid}/edit"),
        format!("/groups/core/objectives/{oid}/key-results/new"),
        format!("/groups/core/key-results/{kid}"),
        format!("/groups/core/key-results/{kid}/edit"),
        "/groups/core/initiatives".into(),
        "/groups/core/initiatives/new".into(),
        format!("/groups/core/initiatives/{iid}"),
        format!("/groups/core/initiatives/{iid}/edit"),
    ];
    let anonymous = reqwest::Client::new();
    for lang in ["en", "es", "fr"] {
        for (c, paths) in [
            (&anonymous, &public[..]),
            (&staff, &partners[..]),
            (&admin, &admins[..]),
        ] {
            for path in paths {
                let html = page(c, &app, path, Some(lang)).await;
                assert!(
                    html.contains(&format!(r#"<html lang="{lang}""#)),
                    "{path} is not in {lang}"
                );
                assert!(!html.contains(MISSING), "{path} in {lang}: {html}");
            }
        }
    }
}

/// Offers and closures reach each person working for a partner in the language they chose.
async fn mail_the_store_queues_is_in_each_recipients_language(app: TestApp) {
    let partner = app.partner("Acme Learning", PartnerStatus::Active).await;
    let grant = [Grant {
        role: Role::PartnerAdmin,
        scope_id: Some(partner.id),
    }];
    let fr = app.person("claire@acme.example", &grant).await;
    app.person("sam@acme.example", &grant).await;
    app.store
        .set_language(fr, Some("fr"), &agora_store::Who::system())
        .await
        .expect("language");
    let lead = app
        .lead("Université Exemple", "lea@universite.example")
        .await;
    let mail = app.store.outbox_recent(20).await.expect("outbox");
    let to = |who: &str| {
        mail.iter()
            .find(|m| m.to_address == who)
            .unwrap_or_else(|| panic!("no mail to {who}: {mail:?}"))
    };
    assert_eq!(
        to("claire@acme.example").subject,
        "Un nouveau lead attend votre réponse"
    );
    assert!(to("claire@acme.example")
        .body
        .contains(&format!("(lead n° {lead})")));
    assert_eq!(
        to("sam@acme.example").subject,
        "A new lead is waiting for your answer"
    );
    assert!(to("sam@acme.example")
        .body
        .contains(&format!("(lead #{lead})")));
    for m in &mail {
        assert!(
            !m.subject.contains(MISSING) && !m.body.contains(MISSING),
            "{m:?}"
        );
    }

    // The foundation closes it from a Spanish browser: each partner person is told in their language.
    app.person(
        "admin@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let admin = app.login("admin@foundation.example").await;
    let page = format!("/admin/leads/{lead}");
    let token = app.csrf(&admin, &page).await;
    let res = admin
        .post(app.url(&format!("/admin/leads/{lead}/close")))
        .header("accept-language", "es")
        .form(&[
            ("csrf_token", token.as_str()),
            ("close_reason", "spam"),
            ("note", "Advertising"),
        ])
        .send()
        .await
        .expect("close");
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let mail = app.store.outbox_recent(2).await.expect("outbox");
    let subjects: Vec<(&str, &str)> = mail
        .iter()
        .map(|m| (m.to_address.as_str(), m.subject.as_str()))
        .collect();
    assert!(
        subjects.contains(&("claire@acme.example", "Un lead a été retiré")),
        "{subjects:?}"
    );
    assert!(
        subjects.contains(&("sam@acme.example", "A lead was withdrawn")),
        "{subjects:?}"
    );
}
