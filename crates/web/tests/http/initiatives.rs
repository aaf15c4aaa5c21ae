//! Initiatives over HTTP (JSON API), on both databases: facilitators create and manage, members join
//! and withdraw, others are refused; bad input is a 422 naming the field and changes nothing;
//! multi-stakeholder initiatives are listed first; no e-mail address appears in what the public
//! reads; a members-only group's initiatives are 404 outside it; 16 members joining at once get no
//! 5xx and are all recorded.

use super::helpers::{anonymous, api, browser, TestApp, PASSWORD};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::groups::initiatives::{FunnelStage, InitiativeStatus};
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::Email;
use agora_store::{NewBody, Who};
use reqwest::Method;
use serde_json::json;

both_backends!(
    roles_create_manage_join_and_withdraw,
    bad_input_names_the_field_and_changes_nothing,
    multi_stakeholder_first_and_no_email_in_public,
    members_only_initiatives_are_hidden_outside,
    concurrent_joins_get_no_server_error,
    facilitators_do_everything_from_the_pages,
    page_forms_name_the_refused_field_and_change_nothing,
    page_forms_refuse_members_anonymous_visitors_and_forged_requests
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

async fn body(app: &TestApp, slug: &str, visibility: Visibility) -> i64 {
    app.store
        .create_body(
            &NewBody {
                slug: slug.into(),
                name: format!("{slug} group"),
                description: String::new(),
                visibility,
                min_close_hours: 24,
            },
            &Who::system(),
        )
        .await
        .expect("body")
        .id
}

/// A group with a facilitator, a member and an outsider: their tokens.
async fn setup(app: &TestApp, slug: &str, visibility: Visibility) -> (i64, [String; 3]) {
    let b = body(app, slug, visibility).await;
    let fac = app
        .person(
            &format!("fac@{slug}.example"),
            &[grant(Role::Facilitator, b)],
        )
        .await;
    let member = app
        .person(
            &format!("member@{slug}.example"),
            &[grant(Role::GroupMember, b)],
        )
        .await;
    let outsider = app.person(&format!("out@{slug}.example"), &[]).await;
    (
        b,
        [
            app.token(fac).await,
            app.token(member).await,
            app.token(outsider).await,
        ],
    )
}

fn closing(app: &TestApp, days: i64) -> String {
    (app.store.now().date_naive() + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

fn initiative(app: &TestApp, title: &str) -> serde_json::Value {
    json!({"title": title, "goal": "Show adopters what Open edX does",
        "deliverables": "Six videos", "stages": "awareness, consideration",
        "call_closes_on": closing(app, 30)})
}

async fn create_open(app: &TestApp, slug: &str, token: &str, title: &str) -> i64 {
    let (status, i) = api(
        app,
        token,
        Method::POST,
        &format!("/api/v1/groups/{slug}/initiatives"),
        Some(initiative(app, title)),
    )
    .await;
    assert_eq!(status, 201, "{i}");
    let id = i["id"].as_i64().expect("id");
    let (status, i) = api(
        app,
        token,
        Method::POST,
        &format!("/api/v1/groups/{slug}/initiatives/{id}/status"),
        Some(json!({"status": "open-call"})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["status"], "open-call");
    id
}

async fn roles_create_manage_join_and_withdraw(app: TestApp) {
    let (_, [fac, member, outsider]) = setup(&app, "mwg", Visibility::Public).await;
    let base = "/api/v1/groups/mwg/initiatives";
    // Only facilitators (and admins) create.
    for t in [&member, &outsider] {
        let (status, _) = api(&app, t, Method::POST, base, Some(initiative(&app, "X"))).await;
        assert_eq!(status, 403);
    }
    let (status, _) = reqwest::Client::new()
        .post(app.url(base))
        .json(&initiative(&app, "X"))
        .send()
        .await
        .map(|r| (r.status().as_u16(), ()))
        .expect("request");
    assert_eq!(status, 401);
    let id = create_open(&app, "mwg", &fac, "How-to videos").await;
    let one = format!("{base}/{id}");
    // Members join, outsiders may not.
    let (status, i) = api(&app, &member, Method::POST, &format!("{one}/join"), None).await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["participants"].as_array().map(Vec::len), Some(1));
    assert_eq!(i["participants"][0]["first_contribution"], true);
    let (status, _) = api(&app, &outsider, Method::POST, &format!("{one}/join"), None).await;
    assert_eq!(status, 403);
    // Facilitators manage: the cross-validator, a sponsor, an output, the status.
    let (status, _) = api(
        &app,
        &member,
        Method::POST,
        &format!("{one}/outputs"),
        Some(json!({"title": "Video 1", "url": "https://video.example.org/1"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, i) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{one}/outputs"),
        Some(json!({"title": "Video 1", "url": "https://video.example.org/1"})),
    )
    .await;
    assert_eq!(status, 201, "{i}");
    let (status, i) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{one}/sponsors"),
        Some(json!({"name": "Acme Learning", "branding_acknowledged": "on"})),
    )
    .await;
    assert_eq!(status, 201, "{i}");
    let sponsor = i["sponsors"][0]["id"].as_i64().expect("sponsor");
    let member_id = i["participants"][0]["person_id"].as_i64().expect("member");
    let (status, i) = api(
        &app,
        &fac,
        Method::PUT,
        &format!("{one}/cross-validator"),
        Some(json!({"person_id": member_id.to_string()})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["cross_validator"]["person_id"], member_id);
    let (status, i) = api(
        &app,
        &fac,
        Method::DELETE,
        &format!("{one}/sponsors/{sponsor}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["sponsors"].as_array().map(Vec::len), Some(0));
    let (status, i) = api(
        &app,
        &fac,
        Method::PUT,
        &one,
        Some(json!({"title": "How-to video series", "goal": "Show it", "stages": "action"})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["initiative"]["title"], "How-to video series");
    let (status, i) = api(
        &app,
        &member,
        Method::POST,
        &format!("{one}/withdraw"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{i}");
    assert_eq!(i["participants"].as_array().map(Vec::len), Some(0));
    let (status, i) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{one}/status"),
        Some(json!({"status": "in-progress"})),
    )
    .await;
    assert_eq!(status, 200, "{i}");
    // The call is over: joining is refused naming the status.
    let (status, e) = api(&app, &member, Method::POST, &format!("{one}/join"), None).await;
    assert_eq!(status, 422);
    assert!(e["errors"]["status"].is_string(), "{e}");
}

async fn bad_input_names_the_field_and_changes_nothing(app: TestApp) {
    let (_, [fac, _, _]) = setup(&app, "mwg", Visibility::Public).await;
    let base = "/api/v1/groups/mwg/initiatives";
    let cases = [
        ("title", json!({"goal": "G", "stages": "awareness"})),
        ("goal", json!({"title": "T", "stages": "awareness"})),
        ("stages", json!({"title": "T", "goal": "G", "stages": ""})),
        (
            "call_closes_on",
            json!({"title": "T", "goal": "G", "stages": "awareness", "call_closes_on": closing(&app, -1)}),
        ),
    ];
    for (field, body) in cases {
        let (status, e) = api(&app, &fac, Method::POST, base, Some(body)).await;
        assert_eq!(status, 422, "{field}");
        assert!(e["errors"][field].is_string(), "{field}: {e}");
    }
    let (_, list) = api(&app, &fac, Method::GET, base, None).await;
    assert_eq!(list.as_array().map(Vec::len), Some(0));
    let id = create_open(&app, "mwg", &fac, "Videos").await;
    let one = format!("{base}/{id}");
    for (path, field, body) in [
        (
            "outputs",
            "url",
            json!({"title": "X", "url": "javascript:alert(1)"}),
        ),
        ("sponsors", "branding_acknowledged", json!({"name": "Acme"})),
        ("status", "status", json!({"status": "proposed"})),
    ] {
        let (status, e) = api(
            &app,
            &fac,
            Method::POST,
            &format!("{one}/{path}"),
            Some(body),
        )
        .await;
        assert_eq!(status, 422, "{path}");
        assert!(e["errors"][field].is_string(), "{path}: {e}");
    }
    let (_, i) = api(&app, &fac, Method::GET, &one, None).await;
    assert_eq!(i["status"], "open-call");
    assert_eq!(i["outputs"].as_array().map(Vec::len), Some(0));
    assert_eq!(i["sponsors"].as_array().map(Vec::len), Some(0));
}

async fn multi_stakeholder_first_and_no_email_in_public(app: TestApp) {
    let (b, [fac, _, _]) = setup(&app, "mwg", Visibility::Public).await;
    let acme = app.partner("Acme Learning", PartnerStatus::Active).await;
    let beta = app.partner("Beta Courses", PartnerStatus::Active).await;
    let a = app
        .person(
            "ana@acme.example",
            &[
                grant(Role::GroupMember, b),
                grant(Role::PartnerMember, acme.id),
            ],
        )
        .await;
    let z = app
        .person(
            "zoe@beta.example",
            &[
                grant(Role::GroupMember, b),
                grant(Role::PartnerMember, beta.id),
            ],
        )
        .await;
    let (ta, tz) = (app.token(a).await, app.token(z).await);
    let single = create_open(&app, "mwg", &fac, "Single").await;
    let multi = create_open(&app, "mwg", &fac, "Multi").await;
    let base = "/api/v1/groups/mwg/initiatives";
    for (t, id) in [(&ta, single), (&ta, multi), (&tz, multi)] {
        let (status, _) = api(&app, t, Method::POST, &format!("{base}/{id}/join"), None).await;
        assert_eq!(status, 200);
    }
    let (status, list) = anonymous(&app, base).await;
    assert_eq!(status, 200);
    let titles: Vec<&str> = list
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|i| i["initiative"]["title"].as_str())
        .collect();
    assert_eq!(titles, vec!["Multi", "Single"]);
    assert_eq!(list[0]["multi_stakeholder"], true);
    assert_eq!(
        list[0]["participants"][1]["organization"]["name"],
        "Beta Courses"
    );
    let text = list.to_string();
    assert!(!text.contains('@'), "no e-mail address: {text}");
    let (_, one) = anonymous(&app, &format!("{base}/{multi}")).await;
    assert!(!one.to_string().contains('@'));
    // The pages too: the list with its badge, multi-stakeholder first; names and organizations.
    for path in [
        "/groups/mwg".to_string(),
        "/groups/mwg/initiatives".to_string(),
        format!("/groups/mwg/initiatives/{multi}"),
    ] {
        let res = reqwest::Client::new()
            .get(app.url(&path))
            .header("accept-language", "en")
            .send()
            .await
            .expect("page");
        assert_eq!(res.status(), 200, "{path}");
        let html = res.text().await.expect("html");
        assert!(
            !html.contains("@acme.example") && !html.contains("@beta.example"),
            "{path}"
        );
        assert!(html.contains("multi-stakeholder"), "{path}");
        if !path.contains("initiatives/") {
            let (m, s) = (html.find(">Multi<"), html.find(">Single<"));
            assert!(m.is_some() && m < s, "{path}");
        } else {
            assert!(html.contains("Beta Courses"), "{path}");
        }
    }
}

async fn members_only_initiatives_are_hidden_outside(app: TestApp) {
    let (_, [fac, member, outsider]) = setup(&app, "inner", Visibility::Members).await;
    let id = create_open(&app, "inner", &fac, "Private").await;
    let base = "/api/v1/groups/inner/initiatives";
    for path in [base.to_string(), format!("{base}/{id}")] {
        let (status, _) = anonymous(&app, &path).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = api(&app, &outsider, Method::GET, &path, None).await;
        assert_eq!(status, 404, "{path}");
        let (status, _) = api(&app, &member, Method::GET, &path, None).await;
        assert_eq!(status, 200, "{path}");
    }
    let (status, _) = api(
        &app,
        &outsider,
        Method::POST,
        &format!("{base}/{id}/join"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    // Another group's initiative is not found under this one.
    setup(&app, "other", Visibility::Public).await;
    let (status, _) = api(
        &app,
        &fac,
        Method::GET,
        &format!("/api/v1/groups/other/initiatives/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
}

async fn concurrent_joins_get_no_server_error(app: TestApp) {
    let (b, [fac, _, _]) = setup(&app, "mwg", Visibility::Public).await;
    let id = create_open(&app, "mwg", &fac, "Together").await;
    let mut tokens = vec![];
    for n in 0..16 {
        let p = app
            .person(&format!("p{n}@mwg.example"), &[grant(Role::GroupMember, b)])
            .await;
        tokens.push(app.token(p).await);
    }
    let url = app.url(&format!("/api/v1/groups/mwg/initiatives/{id}/join"));
    let tasks: Vec<_> = tokens
        .into_iter()
        .map(|t| {
            let url = url.clone();
            tokio::spawn(async move {
                reqwest::Client::new()
                    .post(url)
                    .bearer_auth(t)
                    .send()
                    .await
                    .expect("request")
                    .status()
                    .as_u16()
            })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.expect("task"), 200);
    }
    let (_, i) = api(
        &app,
        &fac,
        Method::GET,
        &format!("/api/v1/groups/mwg/initiatives/{id}"),
        None,
    )
    .await;
    assert_eq!(i["participants"].as_array().map(Vec::len), Some(16));
}

// ---- The pages' forms

/// A person with a display name of their own, so that the cross-validator is picked by name.
async fn named(app: &TestApp, email: &str, name: &str, grants: &[Grant]) -> i64 {
    let hash = agora_web::auth::hash_password(PASSWORD.into())
        .await
        .expect("hash");
    app.store
        .create_person(
            &Email::parse(email).expect("email"),
            name,
            Some(&hash),
            grants,
            &Who::system(),
        )
        .await
        .expect("person")
        .id
}

/// The public group `mwg` with its facilitator Fay and its member Mia: (group, fac, member).
async fn page_setup(app: &TestApp) -> (i64, i64, i64) {
    let b = body(app, "mwg", Visibility::Public).await;
    let fac = named(
        app,
        "fay@mwg.example",
        "Fay Facilitator",
        &[grant(Role::Facilitator, b)],
    )
    .await;
    let member = named(
        app,
        "mia@mwg.example",
        "Mia Member",
        &[grant(Role::GroupMember, b)],
    )
    .await;
    (b, fac, member)
}

async fn html_of(res: reqwest::Response) -> String {
    let html = res.text().await.expect("body");
    assert!(!html.contains("Unknown localization key"), "{html}");
    html
}

async fn get_page(app: &TestApp, c: &reqwest::Client, path: &str) -> String {
    let res = c.get(app.url(path)).send().await.expect("get");
    assert_eq!(res.status(), 200, "{path}");
    html_of(res).await
}

fn redirects_to(res: &reqwest::Response, path: &str) {
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers().get("location").and_then(|l| l.to_str().ok()),
        Some(path)
    );
}

async fn stored(app: &TestApp, id: i64) -> agora_store::StoredInitiative {
    app.store
        .initiative(id)
        .await
        .expect("read")
        .expect("initiative")
}

async fn facilitators_do_everything_from_the_pages(app: TestApp) {
    let (_, _, member) = page_setup(&app).await;
    let fc = app.login("fay@mwg.example").await;
    let list = "/groups/mwg/initiatives";
    assert!(get_page(&app, &fc, "/groups/mwg")
        .await
        .contains("/groups/mwg/initiatives/new"));
    assert!(get_page(&app, &fc, list)
        .await
        .contains("Propose an initiative"));
    // Propose: every field of the API's create, the stages as check boxes.
    let new = "/groups/mwg/initiatives/new";
    let html = get_page(&app, &fc, new).await;
    assert!(html.contains(r#"type="checkbox" name="stages" value="awareness""#));
    assert!(html.contains(r#"<label for="call_closes_on">"#));
    let day = closing(&app, 30);
    let res = app
        .post_form(
            &fc,
            new,
            list,
            &[
                ("title", "How-to videos"),
                ("goal", "Show adopters how to run a course"),
                ("deliverables", "Six videos"),
                ("stages", "intent"),
                ("stages", "awareness"),
                ("call_closes_on", &day),
            ],
        )
        .await;
    let all = app
        .store
        .group_initiatives(app.store.group("mwg").await.expect("g").expect("g").body.id);
    let all = all.await.expect("list");
    assert_eq!(all.len(), 1);
    let id = all[0].id;
    let one = format!("/groups/mwg/initiatives/{id}");
    redirects_to(&res, &one);
    let i = stored(&app, id).await;
    assert_eq!(i.initiative.title, "How-to videos");
    assert_eq!(i.initiative.deliverables, "Six videos");
    assert_eq!(
        i.initiative.stages,
        vec![FunnelStage::Awareness, FunnelStage::Intent]
    );
    assert_eq!(
        i.initiative
            .call_closes_on
            .map(|d| d.format("%Y-%m-%d").to_string()),
        Some(day.clone())
    );
    assert_eq!(i.status, InitiativeStatus::Proposed);
    // Edit: the form comes filled in, boxes ticked.
    let edit = format!("{one}/edit");
    let html = get_page(&app, &fc, &edit).await;
    assert!(
        html.contains(r#"value="awareness" checked"#) && html.contains(r#"value="intent" checked"#)
    );
    assert!(!html.contains(r#"value="action" checked"#));
    assert!(html.contains("Show adopters how to run a course"));
    let res = app
        .post_form(
            &fc,
            &edit,
            &edit,
            &[
                ("title", "How-to video series"),
                ("goal", "Show it"),
                ("stages", "action"),
                ("call_closes_on", &day),
            ],
        )
        .await;
    redirects_to(&res, &one);
    let i = stored(&app, id).await;
    assert_eq!(i.initiative.title, "How-to video series");
    assert_eq!(i.initiative.deliverables, "");
    assert_eq!(i.initiative.stages, vec![FunnelStage::Action]);
    // The status, one step.
    let html = get_page(&app, &fc, &one).await;
    assert!(html.contains("Manage this initiative"));
    assert!(html.contains(r#"<option value="open-call">Open call</option>"#));
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/status"),
            &[("status", "open-call")],
        )
        .await;
    redirects_to(&res, &one);
    assert_eq!(stored(&app, id).await.status, InitiativeStatus::OpenCall);
    // The cross-validator, picked by name among the group's members, and removed again.
    let html = get_page(&app, &fc, &one).await;
    let option = format!(r#"<option value="{member}">Mia Member</option>"#);
    assert!(html.contains(&option), "{html}");
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/cross-validator"),
            &[("person_id", &member.to_string())],
        )
        .await;
    redirects_to(&res, &one);
    assert_eq!(
        stored(&app, id).await.cross_validator.map(|c| c.name),
        Some("Mia Member".to_string())
    );
    assert!(get_page(&app, &fc, &one).await.contains(&format!(
        r#"<option value="{member}" selected>Mia Member</option>"#
    )));
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/cross-validator"),
            &[("person_id", "")],
        )
        .await;
    redirects_to(&res, &one);
    assert!(stored(&app, id).await.cross_validator.is_none());
    // A sponsor, with its acknowledgement of the branding guidelines, then removed.
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/sponsors"),
            &[("name", "Acme Learning"), ("branding_acknowledged", "on")],
        )
        .await;
    redirects_to(&res, &one);
    let sponsors = stored(&app, id).await.sponsors;
    assert_eq!(sponsors.len(), 1);
    assert_eq!(sponsors[0].name, "Acme Learning");
    let remove = format!("{one}/sponsors/{}/remove", sponsors[0].id);
    let html = get_page(&app, &fc, &one).await;
    assert!(html.contains(&remove) && html.contains("Remove Acme Learning"));
    let res = app.post_form(&fc, &one, &remove, &[]).await;
    redirects_to(&res, &one);
    assert!(stored(&app, id).await.sponsors.is_empty());
    let res = app.post_form(&fc, &one, &remove, &[]).await;
    assert_eq!(res.status(), 404, "a removed sponsor is gone");
    // An output.
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/outputs"),
            &[("title", "Video 1"), ("url", "https://video.example.org/1")],
        )
        .await;
    redirects_to(&res, &one);
    let outputs = stored(&app, id).await.outputs;
    assert_eq!(outputs.len(), 1);
    assert_eq!(outputs[0].url, "https://video.example.org/1");
    assert!(get_page(&app, &fc, &one)
        .await
        .contains(r#"<a href="https://video.example.org/1" rel="noopener">Video 1</a>"#));
    // Cancelled, it changes no more: no edit link, no status form.
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/status"),
            &[("status", "cancelled")],
        )
        .await;
    redirects_to(&res, &one);
    let html = get_page(&app, &fc, &one).await;
    assert!(!html.contains(&edit) && !html.contains(&format!("{one}/status")));
    let res = app
        .post_form(
            &fc,
            &one,
            &edit,
            &[("title", "Too late"), ("goal", "G"), ("stages", "action")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = html_of(res).await;
    assert!(
        html.contains(r#"class="field-error" id="status""#) && html.contains(r##"href="#status""##)
    );
    assert_eq!(
        stored(&app, id).await.initiative.title,
        "How-to video series"
    );
    // The pages in Spanish and French have every word.
    for lang in ["es", "fr"] {
        for path in [new.to_string(), one.clone(), list.to_string()] {
            let res = fc
                .get(app.url(&path))
                .header("accept-language", lang)
                .send()
                .await
                .expect("get");
            assert_eq!(res.status(), 200);
            html_of(res).await;
        }
    }
}

async fn page_forms_name_the_refused_field_and_change_nothing(app: TestApp) {
    let (b, _, _) = page_setup(&app).await;
    let outsider = named(&app, "out@mwg.example", "Otto Outsider", &[]).await;
    let fc = app.login("fay@mwg.example").await;
    let (list, new) = ("/groups/mwg/initiatives", "/groups/mwg/initiatives/new");
    let past = closing(&app, -1);
    for (field, fields, message) in [
        (
            "title",
            vec![("goal", "G"), ("stages", "awareness")],
            "This field is required.",
        ),
        (
            "goal",
            vec![("title", "T"), ("stages", "awareness")],
            "This field is required.",
        ),
        (
            "stages",
            vec![("title", "T"), ("goal", "G")],
            "Choose at least one funnel stage.",
        ),
        (
            "stages",
            vec![("title", "T"), ("goal", "G"), ("stages", "nowhere")],
            "Unknown funnel stage.",
        ),
        (
            "call_closes_on",
            vec![
                ("title", "T"),
                ("goal", "G"),
                ("stages", "awareness"),
                ("call_closes_on", past.as_str()),
            ],
            "This date has already passed.",
        ),
    ] {
        let res = app.post_form(&fc, new, list, &fields).await;
        assert_eq!(res.status(), 422, "{field}");
        let html = html_of(res).await;
        assert!(
            html.contains(&format!(r#"id="{field}-error""#)),
            "{field}: {html}"
        );
        assert!(html.contains(message), "{field}: {message}");
        assert!(
            html.contains(&format!(r##"href="#{field}""##)),
            "{field}: summary"
        );
        // What was typed is kept.
        if fields.iter().any(|(k, v)| *k == "title" && *v == "T") {
            assert!(html.contains(r#"value="T""#), "{field}");
        }
    }
    assert!(app
        .store
        .group_initiatives(b)
        .await
        .expect("list")
        .is_empty());
    // An initiative without a call: opening the call names the closing date.
    let res = app
        .post_form(
            &fc,
            new,
            list,
            &[("title", "Videos"), ("goal", "G"), ("stages", "awareness")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let id = app.store.group_initiatives(b).await.expect("list")[0].id;
    let one = format!("/groups/mwg/initiatives/{id}");
    let edit = format!("{one}/edit");
    let res = app
        .post_form(&fc, &edit, &edit, &[("title", "Changed"), ("goal", "")])
        .await;
    assert_eq!(res.status(), 422);
    let html = html_of(res).await;
    assert!(html.contains(r#"id="goal-error""#) && html.contains(r#"id="stages-error""#));
    let before = stored(&app, id).await;
    assert_eq!(before.initiative.title, "Videos");
    let outsider = outsider.to_string();
    let cases = [
        (
            "status",
            vec![("status", "open-call")],
            "call_closes_on",
            "This field is required.",
        ),
        ("status", vec![("status", "completed")], "status", ""),
        ("status", vec![("status", "")], "status", ""),
        (
            "cross-validator",
            vec![("person_id", outsider.as_str())],
            "person_id",
            "",
        ),
        (
            "cross-validator",
            vec![("person_id", "Mia")],
            "person_id",
            "",
        ),
        (
            "sponsors",
            vec![("name", "Acme Learning")],
            "branding_acknowledged",
            "The sponsor must acknowledge the Open edX branding guidelines.",
        ),
        (
            "sponsors",
            vec![("branding_acknowledged", "on")],
            "name",
            "",
        ),
        (
            "outputs",
            vec![("title", "Video 1"), ("url", "javascript:alert(1)")],
            "url",
            "",
        ),
        (
            "outputs",
            vec![("url", "https://video.example.org/1")],
            "title",
            "",
        ),
    ];
    for (path, fields, field, message) in cases {
        let res = app
            .post_form(&fc, &one, &format!("{one}/{path}"), &fields)
            .await;
        assert_eq!(res.status(), 422, "{path} {field}");
        let html = html_of(res).await;
        let anchor = if field == "call_closes_on" {
            r#"class="field-error" id="call_closes_on""#.to_string()
        } else {
            format!(r#"id="{field}-error""#)
        };
        assert!(html.contains(&anchor), "{path} {field}: {html}");
        assert!(html.contains(message), "{path}: {message}");
        assert!(
            html.contains(&format!(r##"href="#{field}""##)),
            "{field}: summary"
        );
    }
    // The refused sponsor form keeps its name.
    let res = app
        .post_form(
            &fc,
            &one,
            &format!("{one}/sponsors"),
            &[("name", "Acme Learning")],
        )
        .await;
    assert!(html_of(res).await.contains(r#"value="Acme Learning""#));
    let after = stored(&app, id).await;
    assert_eq!(after, before, "nothing changed");
    // An unknown sponsor is not found.
    let res = app
        .post_form(&fc, &one, &format!("{one}/sponsors/999999/remove"), &[])
        .await;
    assert_eq!(res.status(), 404);
}

async fn page_forms_refuse_members_anonymous_visitors_and_forged_requests(app: TestApp) {
    let (b, fac, _) = page_setup(&app).await;
    let t = app.token(fac).await;
    let id = create_open(&app, "mwg", &t, "Videos").await;
    let sponsor = app
        .store
        .add_initiative_sponsor(id, "Acme Learning", &Who::system())
        .await
        .expect("sponsor");
    let one = format!("/groups/mwg/initiatives/{id}");
    let day = closing(&app, 10);
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/groups/mwg/initiatives".into(),
            vec![("title", "T"), ("goal", "G"), ("stages", "awareness")],
        ),
        (
            format!("{one}/edit"),
            vec![
                ("title", "T"),
                ("goal", "G"),
                ("stages", "awareness"),
                ("call_closes_on", day.as_str()),
            ],
        ),
        (format!("{one}/status"), vec![("status", "in-progress")]),
        (format!("{one}/cross-validator"), vec![("person_id", "")]),
        (
            format!("{one}/sponsors"),
            vec![("name", "Beta"), ("branding_acknowledged", "on")],
        ),
        (format!("{one}/sponsors/{sponsor}/remove"), vec![]),
        (
            format!("{one}/outputs"),
            vec![("title", "V"), ("url", "https://video.example.org/1")],
        ),
    ];
    let before = stored(&app, id).await;
    // A member of the group may read, not manage: 403, and no forms shown.
    let mc = app.login("mia@mwg.example").await;
    let html = get_page(&app, &mc, &one).await;
    assert!(!html.contains("Manage this initiative") && !html.contains(&format!("{one}/edit")));
    assert!(!get_page(&app, &mc, "/groups/mwg/initiatives")
        .await
        .contains("/groups/mwg/initiatives/new"));
    for path in [
        "/groups/mwg/initiatives/new".to_string(),
        format!("{one}/edit"),
    ] {
        let res = mc.get(app.url(&path)).send().await.expect("get");
        assert_eq!(res.status(), 403, "{path}");
    }
    for (path, fields) in &posts {
        let res = app.post_form(&mc, &one, path, fields).await;
        assert_eq!(res.status(), 403, "member: {path}");
    }
    // Anonymous visitors are sent to sign in.
    let anon = browser();
    for path in [
        "/groups/mwg/initiatives/new".to_string(),
        format!("{one}/edit"),
    ] {
        let res = anon.get(app.url(&path)).send().await.expect("get");
        assert_eq!(res.status(), 303, "{path}");
        assert!(res.headers()["location"]
            .to_str()
            .expect("location")
            .starts_with("/login"));
    }
    for (path, fields) in &posts {
        let res = app.post_form(&anon, "/login", path, fields).await;
        assert_eq!(res.status(), 303, "anonymous: {path}");
        assert!(
            res.headers()["location"]
                .to_str()
                .expect("location")
                .starts_with("/login"),
            "anonymous: {path}"
        );
    }
    // The facilitator's own session, without its CSRF token or with a forged one: refused.
    let fc = app.login("fay@mwg.example").await;
    let _ = app.csrf(&fc, &one).await;
    for (path, fields) in &posts {
        for token in [None, Some("forged")] {
            let mut form = fields.clone();
            if let Some(t) = token {
                form.push(("csrf_token", t));
            }
            let res = fc
                .post(app.url(path))
                .form(&form)
                .send()
                .await
                .expect("post");
            assert_eq!(res.status(), 400, "no csrf: {path}");
        }
    }
    assert_eq!(stored(&app, id).await, before, "nothing changed");
    assert_eq!(app.store.group_initiatives(b).await.expect("list").len(), 1);
}
