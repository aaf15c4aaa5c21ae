//! What people meet walking the site: names instead of codes, counts that agree, lists that page.

use super::helpers::{browser, csrf_in, TestApp};
use crate::both_backends;
use agora_domain::leads::OfferStatus;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_store::{OfferUpdate, Who};

both_backends!(
    a_saved_profile_keeps_its_paragraphs,
    directory_cards_show_initials_and_cut_descriptions_at_a_word,
    countries_and_languages_are_sorted_by_name,
    the_people_page_names_the_group_of_a_group_role,
    the_lead_desk_shows_an_accepted_lead_as_accepted_with_names,
    neighbouring_regions_are_chosen_with_boxes,
    the_lead_policy_may_weigh_obligations_and_every_explanation_shows_it,
    the_transparency_report_abbreviates_small_counts_and_stops_at_its_data,
    a_page_past_the_last_is_not_found_in_html_and_api,
    the_outbox_is_paginated,
    one_navigation_item_is_current_and_names_match_titles,
);

async fn get_html(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.expect("get");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn admin(app: &TestApp) -> reqwest::Client {
    app.person(
        "admin@agora.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    app.login("admin@agora.example").await
}

async fn a_saved_profile_keeps_its_paragraphs(app: TestApp) {
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
    let (_, html) = get_html(&c, &app, form_page).await;
    let token = csrf_in(&html).expect("token");
    // Browsers post a textarea's line breaks as CRLF.
    let res = c
        .post(app.url(form_page))
        .form(&[
            ("csrf_token", token.as_str()),
            ("name", "Own Co"),
            ("slug", "own-co"),
            ("website", "https://own.example"),
            (
                "description",
                "We host Open edX.\r\n\r\nWe also train teams.\r\nIn three languages.",
            ),
            ("hq_country", "BE"),
            ("regions", "europe"),
            ("services", "training"),
            ("pricing", "fixed-price"),
            ("size", "1-10"),
            ("segments", "corporate"),
            ("languages", "nl"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 200);
    let (_, html) = get_html(&browser(), &app, "/partners/own-co").await;
    assert!(html.contains("<p>We host Open edX.</p>"), "{html}");
    assert!(html.contains("<p>We also train teams.\nIn three languages.</p>"));
    // The form shows it back as typed, paragraphs and all.
    let (_, form) = get_html(&c, &app, form_page).await;
    assert!(form.contains("We host Open edX.\n\nWe also train teams."));
}

async fn directory_cards_show_initials_and_cut_descriptions_at_a_word(app: TestApp) {
    let p = app.partner("Cedar Learning", PartnerStatus::Active).await;
    let mut profile = p.profile.clone();
    profile.description =
        "Cedar Learning hosts, customizes and supports Open edX for universities \
        and ministries. "
            .repeat(4);
    app.store
        .update_profile(p.id, &profile, &Who::system())
        .await
        .expect("update");
    let (_, html) = get_html(&browser(), &app, "/partners").await;
    assert!(html.contains("<span class=\"initials\" aria-hidden=\"true\">CL</span>"));
    let card = html.split("class=\"card\"").nth(1).expect("a card");
    let summary = card
        .split("<p>")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("summary");
    assert!(summary.ends_with('…'), "{summary}");
    assert!(summary.chars().count() <= 180);
    let last_word = summary
        .trim_end_matches('…')
        .split_whitespace()
        .last()
        .expect("a word");
    assert!(
        profile
            .description
            .split_whitespace()
            .any(|w| w == last_word || w.trim_end_matches(',') == last_word),
        "{last_word} is cut"
    );
}

async fn countries_and_languages_are_sorted_by_name(app: TestApp) {
    let (_, html) = get_html(&browser(), &app, "/partners").await;
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    // By code, AL (Albania) comes before AX (Åland); by bytes, Å comes after Z.
    assert!(at(">Åland Islands<") < at(">Albania<"));
    assert!(at(">Albania<") < at(">Zimbabwe<"));
    // Languages too: "Catalan" (ca) before "Czech" (cs) before "Chinese" (zh) would be code order.
    assert!(at(">Chinese<") < at(">Czech<"));
    // The admin's region map lists its countries the same way.
    let c = admin(&app).await;
    let (_, html) = get_html(&c, &app, "/admin/regions").await;
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(
        at("Anguilla, Antigua and Barbuda") < at("Zimbabwe"),
        "{html}"
    );
    assert!(at("Åland Islands, Albania") < at("Ukraine"));
}

async fn the_people_page_names_the_group_of_a_group_role(app: TestApp) {
    let partner = app.partner("Cedar Learning", PartnerStatus::Active).await;
    let body = app
        .store
        .create_body(
            &agora_store::NewBody {
                slug: "marketing".into(),
                name: "Marketing working group".into(),
                description: String::new(),
                visibility: agora_domain::governance::Visibility::Members,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body");
    app.person(
        "member@agora.example",
        &[
            Grant {
                role: Role::GroupMember,
                scope_id: Some(body.id),
            },
            Grant {
                role: Role::PartnerMember,
                scope_id: Some(partner.id),
            },
        ],
    )
    .await;
    let c = admin(&app).await;
    let (status, html) = get_html(&c, &app, "/admin/people").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Group member · Marketing working group"),
        "{html}"
    );
    assert!(html.contains("Partner member · Cedar Learning"));
    assert!(!html.contains("Group member · Cedar Learning"));
    // The person's own account page names the group too, not its number.
    let own = app.login("member@agora.example").await;
    let (_, html) = get_html(&own, &app, "/account").await;
    assert!(
        html.contains("Group member · Marketing working group"),
        "{html}"
    );
    assert!(!html.contains(&format!("· #{}", body.id)));
}

async fn the_lead_desk_shows_an_accepted_lead_as_accepted_with_names(app: TestApp) {
    let p = app.partner("Cedar Learning", PartnerStatus::Active).await;
    let lead_id = app.lead("Acme U", "acme@lead.example").await;
    let offer = app.store.lead_offers(lead_id).await.expect("offers")[0].clone();
    let c = admin(&app).await;
    let (_, html) = get_html(&c, &app, "/admin/leads").await;
    assert!(html.contains("<td>Offered</td>"), "{html}");
    assert!(html.contains("1 lead<"), "one lead, not \"1 leads\"");
    app.store
        .update_offer(
            offer.id,
            p.id,
            &OfferUpdate {
                to: OfferStatus::Accepted,
                reason: None,
                note: String::new(),
            },
            chrono::Utc::now(),
            &Who::system(),
        )
        .await
        .expect("accept");
    let (_, html) = get_html(&c, &app, "/admin/leads").await;
    assert!(html.contains("<td>Accepted</td>"), "{html}");
    assert!(html.contains("<td>France</td>") && !html.contains("<td>FR</td>"));
    let (_, html) = get_html(&c, &app, &format!("/admin/leads/{lead_id}")).await;
    assert!(html.contains("<dd>France (Europe)</dd>"), "{html}");
    assert!(html.contains("<dd>Hosting</dd>") && html.contains("<dd>French</dd>"));
    assert!(!html.contains("(europe)") && !html.contains("(api)"));
    assert!(html.contains("<span class=\"status\">Accepted</span>"));
}

async fn neighbouring_regions_are_chosen_with_boxes(app: TestApp) {
    let c = admin(&app).await;
    let (_, html) = get_html(&c, &app, "/admin/lead-policy").await;
    assert!(html.contains("name=\"neighbour.europe.middle-east-north-africa\""));
    assert!(!html.contains("name=\"neighbour.europe.europe\""));
    assert!(!html.contains("<textarea id=\"neighbours\""));
    let token = csrf_in(&html).expect("token");
    let p = app.store.lead_policy().await.expect("policy").policy;
    let fields: Vec<(String, String)> = [
        ("csrf_token", token),
        ("fan_out", p.allocation.fan_out.to_string()),
        (
            "weight_segment",
            p.allocation.preferences.segment.to_string(),
        ),
        ("weight_size", p.allocation.preferences.size.to_string()),
        (
            "weight_pricing",
            p.allocation.preferences.pricing.to_string(),
        ),
        ("fallback_neighbours", "on".into()),
        ("neighbour.europe.middle-east-north-africa", "on".into()),
        ("neighbour.europe.sub-saharan-africa", "on".into()),
        ("sla_hours", p.sla_hours.to_string()),
        ("update_reminder_days", p.update_reminder_days.to_string()),
        (
            "default_monthly_capacity",
            p.default_monthly_capacity
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        ("referral_routing", "pool".into()),
        ("attribution_days", p.attribution_days.to_string()),
        ("tie_break_seed", p.allocation.tie_break_seed.clone()),
        ("note", "Europe borders Africa".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let res = c
        .post(app.url("/admin/lead-policy"))
        .form(&fields)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    let after = app.store.lead_policy().await.expect("policy").policy;
    assert_eq!(
        after.allocation.neighbours.get("europe"),
        Some(&vec![
            "middle-east-north-africa".to_string(),
            "sub-saharan-africa".to_string()
        ])
    );
    let (_, html) = get_html(&c, &app, "/admin/lead-policy").await;
    assert!(html.contains("name=\"neighbour.europe.sub-saharan-africa\" value=\"on\" checked"));
    // A region that is not on the map changes nothing.
    let version = app.store.lead_policy().await.expect("policy").version;
    let mut bad = fields.clone();
    bad.retain(|(k, _)| k != "csrf_token");
    bad.push((
        "csrf_token".into(),
        app.csrf(&c, "/admin/lead-policy").await,
    ));
    bad.push(("neighbour.europe.mars".into(), "on".into()));
    let res = c
        .post(app.url("/admin/lead-policy"))
        .form(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    assert_eq!(
        app.store.lead_policy().await.expect("policy").version,
        version
    );
}

/// The policy form's fields as they stand, with `extra` on top.
async fn policy_fields(
    app: &TestApp,
    c: &reqwest::Client,
    extra: &[(&str, &str)],
) -> Vec<(String, String)> {
    let p = app.store.lead_policy().await.expect("policy").policy;
    let mut fields: Vec<(String, String)> = vec![
        ("csrf_token".into(), app.csrf(c, "/admin/lead-policy").await),
        ("fan_out".into(), p.allocation.fan_out.to_string()),
        (
            "weight_segment".into(),
            p.allocation.preferences.segment.to_string(),
        ),
        (
            "weight_size".into(),
            p.allocation.preferences.size.to_string(),
        ),
        (
            "weight_pricing".into(),
            p.allocation.preferences.pricing.to_string(),
        ),
        ("sla_hours".into(), p.sla_hours.to_string()),
        (
            "update_reminder_days".into(),
            p.update_reminder_days.to_string(),
        ),
        ("referral_routing".into(), "pool".into()),
        ("attribution_days".into(), p.attribution_days.to_string()),
        ("tie_break_seed".into(), p.allocation.tie_break_seed.clone()),
        ("note".into(), "Weigh the obligations".into()),
    ];
    fields.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    fields
}

async fn the_lead_policy_may_weigh_obligations_and_every_explanation_shows_it(app: TestApp) {
    let c = admin(&app).await;
    let (_, html) = get_html(&c, &app, "/partners/how-leads-are-allocated").await;
    assert!(
        html.contains("plays no part in allocation"),
        "off by default"
    );
    // A factor outside (0, 1] is refused by name and changes nothing.
    let version = app.store.lead_policy().await.expect("policy").version;
    let bad = policy_fields(
        &app,
        &c,
        &[
            ("compliance_on", "on"),
            ("compliance_behind", "0"),
            ("compliance_overdue", "2"),
        ],
    )
    .await;
    let res = c
        .post(app.url("/admin/lead-policy"))
        .form(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("id=\"compliance_behind-error\""));
    assert_eq!(
        app.store.lead_policy().await.expect("policy").version,
        version
    );
    // So small a factor would overflow a lead's shares; an address in the published note or seed
    // is refused.
    for extra in [
        &[
            ("compliance_on", "on"),
            ("compliance_behind", "1e-320"),
            ("compliance_overdue", "1e-320"),
        ][..],
        &[
            ("compliance_on", "on"),
            ("compliance_behind", "0.25"),
            ("compliance_overdue", "0.9"),
        ][..],
        &[("note", "Asked by priya@aurora.example")][..],
        &[("tie_break_seed", "ada@agora.example")][..],
    ] {
        let mut fields = policy_fields(&app, &c, &[]).await;
        fields.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        fields.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let res = c
            .post(app.url("/admin/lead-policy"))
            .form(&fields)
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), 422, "{extra:?}");
        assert_eq!(
            app.store.lead_policy().await.expect("policy").version,
            version
        );
    }
    let good = policy_fields(
        &app,
        &c,
        &[
            ("compliance_on", "on"),
            ("compliance_behind", "0.5"),
            ("compliance_overdue", "0.25"),
        ],
    )
    .await;
    let res = c
        .post(app.url("/admin/lead-policy"))
        .form(&good)
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 303);
    let (_, html) = get_html(&c, &app, "/partners/how-leads-are-allocated").await;
    assert!(
        html.contains("× 0.5") && html.contains("× 0.25"),
        "the published policy states the factors"
    );
    let fr = reqwest::Client::new()
        .get(app.url("/partners/how-leads-are-allocated"))
        .header("accept-language", "fr")
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    assert!(
        fr.contains("× 0,5") && fr.contains("× 0,25"),
        "decimals as a French reader writes them"
    );
    let (_, policy) = super::helpers::anonymous(&app, "/api/v1/lead-policy").await;
    assert_eq!(
        policy["current"]["policy"]["allocation"]["compliance"]["behind"],
        0.5
    );
    // The public history names who adopted a version, never their address.
    assert!(!policy.to_string().contains('@'), "{policy}");

    // One fixed contribution of each type is due this year and nobody contributed: in the year's
    // last quarter every partner is behind, and the explanation says what that did.
    let year = chrono::Datelike::year(&chrono::Utc::now());
    app.store
        .adopt_obligation_policy(
            &agora_domain::obligations::ObligationPolicy::fixed(
                1,
                agora_domain::obligations::Years {
                    first: year,
                    last: None,
                },
            ),
            "Part 5",
            None,
            &Who::system(),
        )
        .await
        .expect("obligations");
    let p = app.partner("Cedar Learning", PartnerStatus::Active).await;
    let standing = app
        .store
        .lead_standings(chrono::Utc::now().date_naive())
        .await
        .expect("standings")[&p.id];
    let lead_id = app.lead("Acme U", "acme@lead.example").await;
    let (_, html) = get_html(&c, &app, &format!("/admin/leads/{lead_id}")).await;
    let label = match standing {
        agora_domain::obligations::ObligationStatus::Behind => "Behind × 0.5",
        agora_domain::obligations::ObligationStatus::OnTrack => "On track × 1",
        other => panic!("unexpected standing {other:?}"),
    };
    assert!(html.contains(label), "the desk shows {label}: {html}");
    let offer = app.store.lead_offers(lead_id).await.expect("offers")[0].clone();
    app.person(
        "pa@cedar.example",
        &[Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(p.id),
        }],
    )
    .await;
    let partner = app.login("pa@cedar.example").await;
    let (status, html) = get_html(&partner, &app, &format!("/portal/offers/{}", offer.id)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Your standing on the marketing obligations"),
        "{html}"
    );
}

async fn the_transparency_report_abbreviates_small_counts_and_stops_at_its_data(app: TestApp) {
    app.partner("Cedar Learning", PartnerStatus::Active).await;
    // One request, in March 2025: the report has data from then until today.
    let input = agora_domain::leads::LeadInput {
        organization: "Acme U".into(),
        contact_name: "Lea Lead".into(),
        email: "acme@lead.example".into(),
        country: "FR".into(),
        languages: vec!["fr".into()],
        services: vec!["hosting".into()],
        consent: true,
        ..Default::default()
    };
    let map = app.store.region_map().await.expect("regions");
    let received_at = chrono::DateTime::parse_from_rfc3339("2025-03-15T10:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    app.store
        .submit_leads(&[agora_store::Submission {
            lead: input.parse(&map).expect("valid lead"),
            source: agora_domain::leads::LeadSource::Api,
            idempotency_key: None,
            received_at,
            confirmation: None,
        }])
        .await
        .expect("submit");
    app.store
        .run_lead_jobs(chrono::Utc::now(), None)
        .await
        .expect("jobs");
    let app = &app;
    let report = |period: &'static str| async move {
        let (status, html) = get_html(&browser(), app, &format!("/transparency/{period}")).await;
        assert_eq!(status, 200, "{period}");
        let prev = html.contains("rel=\"prev\"");
        let next = html.contains("rel=\"next\"");
        (html, prev, next)
    };
    let (html, prev, next) = report("2025-03").await;
    // One request: a suppressed cell, short, with its words for screen readers and one legend.
    assert!(
        html.contains("<abbr class=\"suppressed\" title=\"fewer than 5\"><span aria-hidden=\"true\">&#60;5</span><span class=\"visually-hidden\">fewer than 5</span></abbr>"),
        "{html}"
    );
    assert_eq!(html.matches("id=\"report-legend\"").count(), 1);
    assert!(!html.contains("<td>fewer than 5</td>"));
    // The data start in March 2025: nothing to go back to, later months to go forward to.
    assert_eq!((prev, next), (false, true), "{html}");
    assert!(!report("2025-Q1").await.1);
    assert!(!report("2024").await.1);
    // Far from the data, the pager does not lead further away.
    let (_, prev, next) = report("2054").await;
    assert_eq!((prev, next), (false, false));
    let (_, prev, next) = report("2025").await;
    assert_eq!((prev, next), (false, true));
}

async fn a_page_past_the_last_is_not_found_in_html_and_api(app: TestApp) {
    app.partner("Cedar Learning", PartnerStatus::Active).await;
    let c = browser();
    assert_eq!(get_html(&c, &app, "/partners?page=1").await.0, 200);
    let (status, _) = get_html(&c, &app, "/partners?page=99").await;
    assert_eq!(status, 404);
    let res = c
        .get(app.url("/api/v1/partners?page=99"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);
    let res = c
        .get(app.url("/api/v1/partners?page=1"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 200);
    let a = admin(&app).await;
    assert_eq!(get_html(&a, &app, "/admin/people?page=2").await.0, 404);
    assert_eq!(get_html(&a, &app, "/admin/people?page=1").await.0, 200);
}

async fn the_outbox_is_paginated(app: TestApp) {
    for i in 0..25 {
        app.store
            .queue_email(&format!("p{i}@example.org"), &format!("Message {i}"), "Hi")
            .await
            .expect("queue");
    }
    let c = admin(&app).await;
    let (_, html) = get_html(&c, &app, "/admin/outbox").await;
    assert!(html.contains("25 messages"), "{html}");
    assert!(html.contains("Message 24") && !html.contains("Message 4<"));
    assert!(html.contains("href=\"/admin/outbox?page=2\""));
    let (status, html) = get_html(&c, &app, "/admin/outbox?page=2").await;
    assert_eq!(status, 200);
    assert!(html.contains("Message 4<") && html.contains("Message 0<"));
    assert!(!html.contains("Message 24"));
    assert_eq!(get_html(&c, &app, "/admin/outbox?page=3").await.0, 404);
}

async fn one_navigation_item_is_current_and_names_match_titles(app: TestApp) {
    let c = browser();
    for path in ["/partners/apply", "/partners", "/find-a-partner", "/login"] {
        let (_, html) = get_html(&c, &app, path).await;
        // The programs' navigation and the account's, in the header.
        let nav = html
            .split("<header class=\"site\">")
            .nth(1)
            .and_then(|s| s.split("</header>").next())
            .expect("header");
        assert_eq!(
            nav.matches("aria-current=\"page\"").count(),
            1,
            "{path}: {nav}"
        );
        assert!(nav.contains(&format!("href=\"{path}\" aria-current=\"page\"")));
    }
    // Each navigation label is the title of the page it opens.
    for (path, label) in [
        ("/partners", "Partner directory"),
        ("/find-a-partner", "Request proposals"),
    ] {
        let (_, html) = get_html(&c, &app, path).await;
        assert!(html.contains(&format!("aria-current=\"page\">{label}</a>")));
        assert!(html.contains(&format!("<title>{label} · ")), "{path}");
    }
}
