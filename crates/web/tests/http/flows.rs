//! What people do through the HTML pages.

use super::helpers::{browser, csrf_in, last_email_link, spawn_app_with, TestApp, PASSWORD};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_store::testing::Backend;

both_backends!(
    pages_carry_security_headers_and_safe_cookies,
    a_form_without_a_valid_csrf_token_changes_nothing,
    an_application_with_errors_is_shown_back_and_changes_nothing,
    an_approved_applicant_appears_in_the_directory_with_an_active_badge,
    a_suspended_partner_disappears_and_its_badge_says_not_active,
    directory_filters_and_bad_filter_values,
    password_reset_link_works_once,
    partner_admin_edits_own_profile_but_not_status,
    health_and_metrics_answer,
    audit_log_records_changes_and_verifies,
    a_change_through_one_instance_shows_on_another,
    the_page_cache_keeps_read_pages_through_random_queries_and_counts_hits,
);

async fn pages_carry_security_headers_and_safe_cookies(app: TestApp) {
    let res = browser().get(app.url("/login")).send().await.expect("get");
    assert_eq!(res.status(), 200);
    let h = res.headers();
    let csp = h["content-security-policy"].to_str().expect("csp");
    assert!(
        csp.contains("script-src 'self'")
            && csp.contains("frame-ancestors 'none'")
            && !csp.contains("unsafe-inline")
    );
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    let cookie = h["set-cookie"].to_str().expect("cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    // Pages without forms set no cookie, so they can be cached.
    let public = browser()
        .get(app.url("/partners"))
        .send()
        .await
        .expect("get");
    assert!(public.headers().get("set-cookie").is_none());
    assert!(public.headers().contains_key("content-security-policy"));
}

async fn a_form_without_a_valid_csrf_token_changes_nothing(app: TestApp) {
    let c = browser();
    let _ = app.csrf(&c, "/partners/apply").await;
    for token in [None, Some("forged")] {
        let mut form = vec![
            ("name", "Forged Org"),
            ("website", "https://forged.example"),
            ("contact_email", "x@forged.example"),
        ];
        if let Some(t) = token {
            form.push(("csrf_token", t));
        }
        let res = c
            .post(app.url("/partners/apply"))
            .form(&form)
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 400);
        assert!(res
            .text()
            .await
            .expect("body")
            .contains("could not be processed"));
    }
    // A token of another visitor does not work either.
    let other = app.csrf(&browser(), "/partners/apply").await;
    let res = c
        .post(app.url("/partners/apply"))
        .form(&[("csrf_token", other.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 400);
    assert!(app.store.all_partners().await.expect("all").is_empty());
}

fn application_fields<'a>(name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("website", "https://newcomer.example"),
        ("description", "We host Open edX for universities."),
        ("hq_country", "KE"),
        ("regions", "sub-saharan-africa"),
        ("countries_text", "FR, de"),
        ("services", "hosting"),
        ("services", "training"),
        ("pricing", "subscription"),
        ("size", "11-50"),
        ("segments", "higher-education"),
        ("languages", "en"),
        ("languages", "sw"),
        ("contact_name", "Wanjiru Kamau"),
        ("contact_email", email),
        ("motivation", "We want to help more universities."),
    ]
}

async fn an_application_with_errors_is_shown_back_and_changes_nothing(app: TestApp) {
    let c = browser();
    let mut fields = application_fields("Newcomer Learning", "not-an-email");
    fields.retain(|(k, _)| *k != "services");
    fields.push(("website", "javascript:alert(1)"));
    fields.retain(|(k, v)| !(*k == "website" && v.starts_with("https")));
    let res = app
        .post_form(&c, "/partners/apply", "/partners/apply", &fields)
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("Enter a valid email address."),
        "email error shown"
    );
    assert!(html.contains("Enter a full web address"), "url error shown");
    assert!(
        html.contains("id=\"services-error\""),
        "services error shown"
    );
    assert!(html.contains("value=\"Newcomer Learning\""), "values kept");
    assert!(app.store.all_partners().await.expect("all").is_empty());
}

async fn approve_via_admin(app: &TestApp, partner_id: i64) -> reqwest::Response {
    app.person(
        "admin@example.org",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let admin = app.login("admin@example.org").await;
    let page = format!("/admin/partners/{partner_id}");
    app.post_form(
        &admin,
        &page,
        &format!("{page}/status"),
        &[("status", "active"), ("reason", "")],
    )
    .await
}

async fn an_approved_applicant_appears_in_the_directory_with_an_active_badge(app: TestApp) {
    let visitor = browser();
    let res = app
        .post_form(
            &visitor,
            "/partners/apply",
            "/partners/apply",
            &application_fields("Newcomer Learning", "wanjiru@newcomer.example"),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("your application was received"));
    // Warm the cache with the directory as it is before approval.
    let before = visitor
        .get(app.url("/partners"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        !before.contains("Newcomer Learning"),
        "applicants are not public"
    );
    assert_eq!(
        visitor
            .get(app.url("/partners/newcomer-learning"))
            .send()
            .await
            .expect("get")
            .status(),
        404
    );

    let p = app
        .store
        .partner_by_slug("newcomer-learning")
        .await
        .expect("q")
        .expect("applicant");
    let res = approve_via_admin(&app, p.id).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("body");
    assert!(
        html.contains("/invitations/"),
        "the invitation link is shown to the admin"
    );

    let after = visitor
        .get(app.url("/partners"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        after.contains("Newcomer Learning"),
        "the directory shows the approved partner at once"
    );
    let profile = visitor
        .get(app.url("/partners/newcomer-learning"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(profile.contains("Kenya") && profile.contains("France") && profile.contains("Swahili"));
    assert!(
        !profile.contains("wanjiru@newcomer.example") && !profile.contains("Wanjiru"),
        "no personal data on public pages"
    );
    let badge = visitor
        .get(app.url("/partners/newcomer-learning/badge.svg"))
        .send()
        .await
        .expect("get");
    assert_eq!(
        badge.headers()["content-type"],
        "image/svg+xml; charset=utf-8"
    );
    assert_eq!(
        badge.headers()["cross-origin-resource-policy"],
        "cross-origin"
    );
    assert!(badge.text().await.expect("svg").contains(">active<"));

    // The contact accepts the invitation and manages the profile.
    let path = last_email_link(&app.store).await;
    let contact = browser();
    let res = app
        .post_form(
            &contact,
            &path,
            &path,
            &[("password", PASSWORD), ("confirm", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let portal = contact
        .get(app.url("/portal"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        portal.contains("Newcomer Learning") && portal.contains("/partners/newcomer-learning/edit")
    );
}

async fn a_suspended_partner_disappears_and_its_badge_says_not_active(app: TestApp) {
    let p = app.partner("Fading Co", PartnerStatus::Active).await;
    let visitor = browser();
    assert!(visitor
        .get(app.url("/partners/fading-co/badge.svg"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("svg")
        .contains(">active<"));
    app.person(
        "admin@example.org",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let admin = app.login("admin@example.org").await;
    let page = format!("/admin/partners/{}", p.id);
    let res = app
        .post_form(
            &admin,
            &page,
            &format!("{page}/status"),
            &[("status", "suspended"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422, "a suspension needs a reason");
    assert!(res.text().await.expect("body").contains("Give a reason"));
    let res = app
        .post_form(
            &admin,
            &page,
            &format!("{page}/status"),
            &[("status", "suspended"), ("reason", "Unpaid fees")],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(visitor
        .get(app.url("/partners/fading-co/badge.svg"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("svg")
        .contains(">not active<"));
    assert_eq!(
        visitor
            .get(app.url("/partners/fading-co"))
            .send()
            .await
            .expect("get")
            .status(),
        404
    );
    let verify = visitor
        .get(app.url("/partners/fading-co/verify"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(verify.contains("is not an active Open edX Partner"));
}

async fn directory_filters_and_bad_filter_values(app: TestApp) {
    app.partner("Alpha Hosting", PartnerStatus::Active).await;
    let c = browser();
    let ok = c.get(app.url("/partners?region=europe&service=hosting&language=fr&segment=higher-education&size=11-50&q=alpha")).send().await.expect("get");
    assert_eq!(ok.status(), 200);
    assert!(ok.text().await.expect("body").contains("Alpha Hosting"));
    let none = c
        .get(app.url("/partners?region=north-america"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(none.contains("No partner matches"));
    let bad = c
        .get(app.url("/partners?service=plumbing&page=0"))
        .send()
        .await
        .expect("get");
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.expect("body").contains("Unknown service."));
}

/// Posts the sign-in form as a client at `ip` (the app trusts `X-Forwarded-For`).
async fn sign_in_from(app: &TestApp, ip: &str, email: &str, password: &str) -> reqwest::StatusCode {
    let c = browser();
    let token = app.csrf(&c, "/login").await;
    c.post(app.url("/login"))
        .header("x-forwarded-for", ip)
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("post")
        .status()
}

async fn sign_in_failures_lock_the_address_not_the_owner(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| c.trust_proxy = true).await else {
        return;
    };
    app.person("ada@example.org", &[]).await;
    for _ in 0..10 {
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", "ada@example.org", "wrong password!").await,
            401
        );
    }
    let refused = sign_in_from(&app, "203.0.113.7", "ada@example.org", PASSWORD).await;
    assert_eq!(
        refused, 429,
        "the address that failed ten times is refused for this account, even with the right password"
    );
    // The owner, elsewhere, still signs in: failures from one address never lock them out.
    assert_eq!(
        sign_in_from(&app, "198.51.100.1", "ada@example.org", PASSWORD).await,
        303
    );
}

async fn sign_in_failures_are_limited_per_address(backend: Backend) {
    let Some(app) = spawn_app_with(backend, |c| {
        c.trust_proxy = true;
        c.login_attempts_per_ip = 5;
    })
    .await
    else {
        return;
    };
    app.person("ada@example.org", &[]).await;
    // Successes do not count: an office behind one address is never refused for signing in.
    for _ in 0..6 {
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", "ada@example.org", PASSWORD).await,
            303
        );
    }
    // Failures across many accounts from one address do.
    for i in 0..5 {
        let email = format!("guess{i}@example.org");
        assert_eq!(
            sign_in_from(&app, "203.0.113.7", &email, "wrong password!").await,
            401
        );
    }
    assert_eq!(
        sign_in_from(&app, "203.0.113.7", "ada@example.org", PASSWORD).await,
        429
    );
    assert_eq!(
        sign_in_from(&app, "198.51.100.1", "ada@example.org", PASSWORD).await,
        303
    );
}

#[tokio::test]
async fn sign_in_failures_lock_the_address_not_the_owner_sqlite() {
    sign_in_failures_lock_the_address_not_the_owner(Backend::Sqlite).await;
}

#[tokio::test]
async fn sign_in_failures_lock_the_address_not_the_owner_postgres() {
    sign_in_failures_lock_the_address_not_the_owner(Backend::Postgres).await;
}

#[tokio::test]
async fn sign_in_failures_are_limited_per_address_sqlite() {
    sign_in_failures_are_limited_per_address(Backend::Sqlite).await;
}

#[tokio::test]
async fn sign_in_failures_are_limited_per_address_postgres() {
    sign_in_failures_are_limited_per_address(Backend::Postgres).await;
}

async fn password_reset_link_works_once(app: TestApp) {
    app.person("ada@example.org", &[]).await;
    let c = browser();
    let res = app
        .post_form(
            &c,
            "/password/forgot",
            "/password/forgot",
            &[("email", "ada@example.org")],
        )
        .await;
    assert!(res.text().await.expect("body").contains("on its way"));
    let unknown = app
        .post_form(
            &c,
            "/password/forgot",
            "/password/forgot",
            &[("email", "nobody@example.org")],
        )
        .await;
    assert!(
        unknown.text().await.expect("body").contains("on its way"),
        "the same answer for unknown addresses"
    );
    let path = last_email_link(&app.store).await;
    app.person(
        "admin@example.org",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let outbox = app
        .login("admin@example.org")
        .await
        .get(app.url("/admin/outbox"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(
        outbox.contains("/password/reset/[hidden]") && !outbox.contains(&path),
        "admins do not see reset tokens"
    );
    let new = "a completely new passphrase";
    let short = app
        .post_form(
            &c,
            &path,
            &path,
            &[("password", "short"), ("confirm", "short")],
        )
        .await;
    assert_eq!(short.status(), 422);
    let res = app
        .post_form(&c, &path, &path, &[("password", new), ("confirm", new)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        browser()
            .get(app.url(&path))
            .send()
            .await
            .expect("get")
            .status(),
        410,
        "a used link is gone"
    );
    let fresh = browser();
    let token = app.csrf(&fresh, "/login").await;
    let res = fresh
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", "ada@example.org"),
            ("password", new),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
}

async fn partner_admin_edits_own_profile_but_not_status(app: TestApp) {
    let p = app.partner("Own Co", PartnerStatus::Active).await;
    app.person(
        "owner@own.example",
        &[Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(p.id),
        }],
    )
    .await;
    let c = app.login("owner@own.example").await;
    let form_page = "/partners/own-co/edit";
    let html = c
        .get(app.url(form_page))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let token = csrf_in(&html).expect("token");
    let fields = [
        ("csrf_token", token.as_str()),
        ("name", "Own Co"),
        ("slug", "own-co"),
        ("website", "https://own.example"),
        ("description", "New description of Own Co."),
        ("hq_country", "BE"),
        ("regions", "europe"),
        ("services", "training"),
        ("pricing", "fixed-price"),
        ("size", "1-10"),
        ("segments", "corporate"),
        ("languages", "nl"),
        ("status", "former"),
    ];
    let res = c
        .post(app.url(form_page))
        .form(&fields)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let after = app.store.partner(p.id).await.expect("q").expect("p");
    assert_eq!(after.profile.description, "New description of Own Co.");
    assert_eq!(
        after.status,
        PartnerStatus::Active,
        "status is not part of the profile form"
    );
    let res = app
        .post_form(
            &c,
            "/portal",
            &format!("/admin/partners/{}/status", p.id),
            &[("status", "former"), ("reason", "x")],
        )
        .await;
    assert_eq!(res.status(), 403);
}

async fn health_and_metrics_answer(app: TestApp) {
    let c = browser();
    assert_eq!(
        c.get(app.url("/healthz"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body"),
        "ok"
    );
    c.get(app.url("/partners")).send().await.expect("get");
    let m = c
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(m.contains("agora_http_requests_total"), "{m}");
    assert!(
        m.contains("path=\"/partners\""),
        "metrics are labelled by route"
    );
    let missing = c.get(app.url("/no/such/page")).send().await.expect("get");
    assert_eq!(missing.status(), 404);
    assert!(missing
        .text()
        .await
        .expect("body")
        .contains("Page not found"));
}

async fn audit_log_records_changes_and_verifies(app: TestApp) {
    let p = app.partner("Logged Co", PartnerStatus::Applicant).await;
    approve_via_admin(&app, p.id).await;
    let admin = app.login("admin@example.org").await;
    let html = admin
        .get(app.url(&format!(
            "/admin/audit?entity_type=partner&entity_id={}",
            p.id
        )))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(html.contains("partner.status") && html.contains("partner.create"));
    let report = app.store.verify_audit_chain().await.expect("verify");
    assert_eq!(report.first_error, None);
    assert!(report.checked >= 3);
}

async fn a_change_through_one_instance_shows_on_another(app: TestApp) {
    // Instance B checks the shared directory version on every request; the default is once a second.
    let b = app
        .second_instance(|c| c.cache_check_interval = std::time::Duration::ZERO)
        .await;
    let p = app.partner("Shared Co", PartnerStatus::Applicant).await;
    let visitor = browser();
    let before = visitor
        .get(format!("{}/partners", b.base))
        .send()
        .await
        .expect("get");
    assert_eq!(before.headers()["x-cache"], "miss");
    assert!(!before.text().await.expect("body").contains("Shared Co"));
    let again = visitor
        .get(format!("{}/partners", b.base))
        .send()
        .await
        .expect("get");
    assert_eq!(
        again.headers()["x-cache"],
        "hit",
        "B serves its cache while nothing changed"
    );
    // The admin approves through instance A (the TestApp).
    let res = approve_via_admin(&app, p.id).await;
    assert_eq!(res.status(), 200);
    let after = visitor
        .get(format!("{}/partners", b.base))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(after.contains("Shared Co"), "B sees A's change");
    // A session made on A is valid on B: sessions live in the database.
    let admin = app.login("admin@example.org").await;
    let res = admin
        .get(format!("{}/admin", b.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
}

async fn the_page_cache_keeps_read_pages_through_random_queries_and_counts_hits(app: TestApp) {
    let p = app.partner("Cached Co", PartnerStatus::Active).await;
    // Room for a handful of pages only, so that one-off queries compete with the page people read.
    let b = app
        .second_instance(|c| c.page_cache_bytes = 64 * 1024)
        .await;
    let visitor = browser();
    let get = |path: String| {
        let visitor = visitor.clone();
        let url = format!("{}{path}", b.base);
        async move {
            let res = visitor.get(url).send().await.expect("get");
            assert_eq!(res.status(), 200, "{path}");
            res.headers()
                .get("x-cache")
                .map(|v| v.to_str().expect("ascii").to_owned())
        }
    };
    assert_eq!(get("/partners".into()).await.as_deref(), Some("miss"));
    assert_eq!(get("/partners".into()).await.as_deref(), Some("hit"));
    // The same filters in another order, or with empty fields, are the same page.
    assert_eq!(
        get("/partners?q=&region=&service=".into()).await.as_deref(),
        Some("hit")
    );
    // A crawler asks for many pages once each while people keep reading the directory: the
    // directory stays cached (a cache cleared when full, or a plain LRU this small, would lose it).
    let mut misses = 0;
    for i in 0..120 {
        get(format!("/partners?q=probe{i}")).await;
        if i % 4 == 0 && get("/partners".into()).await.as_deref() != Some("hit") {
            misses += 1;
        }
    }
    assert!(misses <= 3, "{misses} of 30 reads of the directory missed");

    // Hits answered before the router are still counted under their route.
    let verify = format!("/partners/{}/verify", p.profile.slug);
    get(verify.clone()).await;
    let count = |m: &str| -> f64 {
        m.lines()
            .filter(|l| {
                l.starts_with("agora_http_requests_total{")
                    && l.contains("path=\"/partners/{slug}/verify\"")
                    && l.contains("status=\"200\"")
            })
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    };
    let metrics = || async {
        browser()
            .get(format!("{}/metrics", b.base))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("body")
    };
    let before = count(&metrics().await);
    for _ in 0..20 {
        assert_eq!(get(verify.clone()).await.as_deref(), Some("hit"));
    }
    let after = count(&metrics().await);
    assert!(after - before >= 20.0, "{before} -> {after}");

    // A signed-in person is never served the anonymous page.
    app.person("member@example.org", &[]).await;
    let admin = app.login("member@example.org").await;
    let res = admin
        .get(format!("{}/partners", b.base))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("x-cache").is_none());
    assert!(res.text().await.expect("body").contains("/logout"));
}
