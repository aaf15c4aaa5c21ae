//! Events over HTTP, on both databases: organizers create, edit and cancel; bad input is a 422
//! naming the field and changes nothing; registrants are never named in public (only counted);
//! members-only events stay inside their group (404 outside, absent from /events.ics, present in a
//! member's private feed); `/events.ics` reads in an independent parser (Python `icalendar`) at the
//! instants Agora computes; 32 people registering at once for 10 places get no 5xx and fill them
//! exactly; a registered event of the coming week is on the person's home page. Visitors without an
//! account register as guests through a mailed link, whose address only the organizers see; 24 of
//! them at once, each from its own address, fill 10 places exactly with no 5xx.

use super::helpers::{anonymous, api, browser, csrf_in, mail_to, TestApp};
use super::meetings::independent_expansion;
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::permissions::{Grant, Role};
use agora_store::{NewBody, Who};
use reqwest::Method;
use serde_json::json;

both_backends!(
    organizers_publish_and_the_public_sees_counts_not_names,
    members_only_events_stay_inside_their_group,
    concurrent_registrations_get_no_server_error,
    forms_name_the_field_and_the_home_page_lists_the_week,
    visitors_register_as_guests_through_a_mailed_link,
    anonymous_guests_at_once_get_no_server_error_and_fill_the_places_exactly
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

/// A group with a facilitator, a member and an outsider; returns their ids and tokens.
async fn setup(app: &TestApp, slug: &str, visibility: Visibility) -> ([i64; 3], [String; 3]) {
    let body = app
        .store
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
        .expect("body");
    let fac = app
        .person(
            &format!("fac@{slug}.example"),
            &[grant(Role::Facilitator, body.id)],
        )
        .await;
    let member = app
        .person(
            &format!("member@{slug}.example"),
            &[grant(Role::GroupMember, body.id)],
        )
        .await;
    let outsider = app.person(&format!("out@{slug}.example"), &[]).await;
    (
        [fac, member, outsider],
        [
            app.token(fac).await,
            app.token(member).await,
            app.token(outsider).await,
        ],
    )
}

/// A webinar of the group, in New York's winter: 10:00 local is 15:00 UTC.
fn webinar(group: &str) -> serde_json::Value {
    json!({"kind": "webinar", "title": "Open edX, what is new", "description": "Questions; welcome, all",
        "start_time": "2027-01-13T10:00", "end_time": "2027-01-13T11:00", "zone": "America/New_York",
        "link": "https://meet.example.org/mwg", "capacity": "50", "registration": "open",
        "audience": "public", "group": group})
}

async fn count_events(app: &TestApp, token: &str) -> usize {
    let (status, list) = api(app, token, Method::GET, "/api/v1/events", None).await;
    assert_eq!(status, 200);
    list.as_array().expect("list").len()
}

async fn organizers_publish_and_the_public_sees_counts_not_names(app: TestApp) {
    let ([_, member_id, out_id], [fac, member, outsider]) =
        setup(&app, "marketing-wg", Visibility::Public).await;

    let (status, _) = api(
        &app,
        "nobody",
        Method::POST,
        "/api/v1/events",
        Some(webinar("")),
    )
    .await;
    assert_eq!(status, 401);
    // Bad input names the field and creates nothing.
    for (field, value, code) in [
        ("zone", "America/Atlantis", "unknown-time-zone"),
        ("end_time", "2027-01-13T09:00", "end-before-start"),
        ("link", "javascript:alert(1)", "invalid-url"),
        ("kind", "party", "invalid-event-kind"),
        ("capacity", "0", "out-of-range"),
    ] {
        let mut body = webinar("marketing-wg");
        body[field] = json!(value);
        let (status, err) = api(&app, &fac, Method::POST, "/api/v1/events", Some(body)).await;
        assert_eq!(status, 422, "{field}");
        assert_eq!(err["codes"][field], code, "{err}");
    }
    // Only facilitators organize in the group's name.
    let (status, err) = api(
        &app,
        &member,
        Method::POST,
        "/api/v1/events",
        Some(webinar("marketing-wg")),
    )
    .await;
    assert_eq!(
        (status, err["codes"]["group"].clone()),
        (422, json!("not-a-facilitator"))
    );
    assert_eq!(count_events(&app, &fac).await, 0);

    let (status, e) = api(
        &app,
        &fac,
        Method::POST,
        "/api/v1/events",
        Some(webinar("marketing-wg")),
    )
    .await;
    assert_eq!(status, 201, "{e}");
    let id = e["id"].as_i64().expect("id");
    assert_eq!(e["starts_at"], "2027-01-13T15:00:00.000Z");
    // A member's own meetup, in Paris in summer: 18:00 local is 16:00 UTC.
    let meetup = json!({"kind": "meetup", "title": "Paris meetup", "start_time": "2027-07-01T18:00",
        "end_time": "2027-07-01T20:00", "zone": "Europe/Paris", "place": "Station F, Paris",
        "registration": "open"});
    let (status, m) = api(&app, &member, Method::POST, "/api/v1/events", Some(meetup)).await;
    assert_eq!(status, 201, "{m}");

    // Filters: by kind, by group; an unknown kind is named.
    let (_, list) = anonymous(&app, "/api/v1/events?kind=meetup").await;
    assert_eq!(list.as_array().expect("list").len(), 1);
    let (_, list) = anonymous(&app, "/api/v1/events?group=marketing-wg").await;
    assert_eq!(list[0]["id"], id);
    let (status, err) = anonymous(&app, "/api/v1/events?kind=party").await;
    assert_eq!(
        (status, err["codes"]["kind"].clone()),
        (422, json!("invalid-event-kind"))
    );

    // Registration: the outsider registers; the public sees a count, never who.
    let path = format!("/api/v1/events/{id}/registration");
    let (status, _) = api(&app, &outsider, Method::PUT, &path, None).await;
    assert_eq!(status, 204);
    let (_, detail) = api(
        &app,
        &outsider,
        Method::GET,
        &format!("/api/v1/events/{id}"),
        None,
    )
    .await;
    assert_eq!(detail["registered"], 1);
    assert_eq!(detail["access"]["registered"], true);
    let page = reqwest::get(app.url(&format!("/events/{id}")))
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("1 of 50 places taken"), "{page}");
    assert!(page.contains("America/New_York"));
    assert!(!page.contains("out@marketing-wg.example"));
    let (_, public) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert!(
        !public.to_string().contains("@marketing-wg.example"),
        "{public}"
    );
    // The registrant list is the organizers'.
    let list_path = format!("/api/v1/events/{id}/registrants");
    let (status, _) = api(&app, &member, Method::GET, &list_path, None).await;
    assert_eq!(status, 403);
    let (status, _) = anonymous(&app, &list_path).await;
    assert_eq!(status, 401);
    let (status, list) = api(&app, &fac, Method::GET, &list_path, None).await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["person_id"], out_id);
    assert_eq!(list[0]["email"], "out@marketing-wg.example");
    // Attendance before the start is refused, naming it.
    let (status, err) = api(
        &app,
        &fac,
        Method::POST,
        &format!("/api/v1/events/{id}/attendance"),
        Some(json!({"present": [out_id]})),
    )
    .await;
    assert_eq!(
        (status, err["codes"]["attendance"].clone()),
        (422, json!("event-not-started"))
    );
    // Members may not edit someone else's event; capacity below the registered is refused.
    let (status, _) = api(
        &app,
        &member,
        Method::PUT,
        &format!("/api/v1/events/{id}"),
        Some(webinar("marketing-wg")),
    )
    .await;
    assert_eq!(status, 403);
    let _ = member_id;

    // The group's page lists its events.
    let group_page = reqwest::get(app.url("/groups/marketing-wg"))
        .await
        .expect("group")
        .text()
        .await
        .expect("html");
    assert!(
        group_page.contains(&format!("href=\"/events/{id}\"")),
        "{group_page}"
    );
    // The public feed, read by an independent parser, at the instants Agora gives.
    let res = reqwest::get(app.url("/events.ics")).await.expect("feed");
    assert_eq!(res.status(), 200);
    assert!(res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/calendar")));
    let feed = res.text().await.expect("text");
    assert!(!feed.contains("@marketing-wg.example"));
    let lines = independent_expansion(&feed, "2027-01-01", "2027-12-31");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Open edX, what is new|2027-01-13T15:00:00Z")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Paris meetup|2027-07-01T16:00:00Z")),
        "{lines:?}"
    );
    let one = reqwest::get(app.url(&format!("/events/{id}.ics")))
        .await
        .expect("feed")
        .text()
        .await
        .expect("text");
    assert_eq!(
        independent_expansion(&one, "2027-01-01", "2027-12-31").len(),
        1
    );

    // Cancelling keeps it listed, marked, and closes registration.
    let (status, c) = api(
        &app,
        &fac,
        Method::POST,
        &format!("/api/v1/events/{id}/cancel"),
        None,
    )
    .await;
    assert_eq!((status, c["status"].clone()), (200, json!("cancelled")));
    let (status, err) = api(&app, &member, Method::PUT, &path, None).await;
    assert_eq!(
        (status, err["codes"]["registration"].clone()),
        (422, json!("event-cancelled"))
    );
    let feed = reqwest::get(app.url("/events.ics"))
        .await
        .expect("feed")
        .text()
        .await
        .expect("text");
    assert!(feed.contains("STATUS:CANCELLED"));
}

async fn members_only_events_stay_inside_their_group(app: TestApp) {
    let ([_, member_id, _], [fac, member, outsider]) =
        setup(&app, "inner", Visibility::Members).await;
    // A public event of a members-only group would name it to outsiders.
    let (status, err) = api(
        &app,
        &fac,
        Method::POST,
        "/api/v1/events",
        Some(webinar("inner")),
    )
    .await;
    assert_eq!(
        (status, err["codes"]["audience"].clone()),
        (422, json!("group-is-members-only"))
    );
    let mut body = webinar("inner");
    body["audience"] = json!("members");
    body["title"] = json!("Inner circle");
    let (status, e) = api(&app, &fac, Method::POST, "/api/v1/events", Some(body)).await;
    assert_eq!(status, 201, "{e}");
    let id = e["id"].as_i64().expect("id");
    let path = format!("/api/v1/events/{id}");
    assert_eq!(anonymous(&app, &path).await.0, 404);
    assert_eq!(api(&app, &outsider, Method::GET, &path, None).await.0, 404);
    assert_eq!(api(&app, &member, Method::GET, &path, None).await.0, 200);
    let page = reqwest::get(app.url(&format!("/events/{id}")))
        .await
        .expect("page");
    assert_eq!(page.status(), 404);
    assert_eq!(
        reqwest::get(app.url(&format!("/events/{id}.ics")))
            .await
            .expect("ics")
            .status(),
        404
    );
    assert_eq!(count_events(&app, &outsider).await, 0);
    assert_eq!(count_events(&app, &member).await, 1);
    let (status, _) = api(
        &app,
        &outsider,
        Method::PUT,
        &format!("{path}/registration"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    let feed = reqwest::get(app.url("/events.ics"))
        .await
        .expect("feed")
        .text()
        .await
        .expect("text");
    assert!(!feed.contains("Inner circle"));
    let list = reqwest::get(app.url("/events"))
        .await
        .expect("list")
        .text()
        .await
        .expect("html");
    assert!(!list.contains("Inner circle"));
    // The member's private calendar carries it.
    let secret = agora_web::auth::random_token();
    app.store
        .set_calendar_feed(
            member_id,
            &agora_web::auth::hash_token(&secret),
            &Who::system(),
        )
        .await
        .expect("feed link");
    let private = reqwest::get(app.url(&format!("/calendar/{secret}.ics")))
        .await
        .expect("feed")
        .text()
        .await
        .expect("text");
    let lines = independent_expansion(&private, "2027-01-01", "2027-12-31");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("Inner circle|2027-01-13T15:00:00Z")),
        "{lines:?}"
    );
}

async fn concurrent_registrations_get_no_server_error(app: TestApp) {
    let org = app.person("org@example.org", &[]).await;
    let org_token = app.token(org).await;
    let mut body = webinar("");
    body["capacity"] = json!("10");
    let (status, e) = api(&app, &org_token, Method::POST, "/api/v1/events", Some(body)).await;
    assert_eq!(status, 201, "{e}");
    let id = e["id"].as_i64().expect("id");
    let mut tokens = vec![];
    for n in 0..32 {
        let p = app.person(&format!("p{n}@example.org"), &[]).await;
        tokens.push(app.token(p).await);
    }
    let path = format!("/api/v1/events/{id}/registration");
    let client = reqwest::Client::new();
    // All at once: each request on its own task, started before any is awaited.
    let calls: Vec<_> = tokens
        .iter()
        .map(|t| tokio::spawn(client.put(app.url(&path)).bearer_auth(t).send()))
        .collect();
    let mut ok = 0;
    let mut full = 0;
    for a in calls {
        let status = a.await.expect("task").expect("answer").status().as_u16();
        assert!(status < 500, "server error {status}");
        match status {
            204 => ok += 1,
            422 => full += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!((ok, full), (10, 22));
    let (_, e) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(e["registered"], 10);
}

async fn forms_name_the_field_and_the_home_page_lists_the_week(app: TestApp) {
    app.person("walker@example.org", &[]).await;
    let c = app.login("walker@example.org").await;
    // Starts in three days, in Tokyo.
    let start = (app.clock.now() + chrono::Duration::days(3))
        .format("%Y-%m-%dT10:00")
        .to_string();
    let end = start.replace("T10:00", "T12:00");
    let mut fields = vec![
        ("kind", "workshop"),
        ("title", "Theming workshop"),
        ("start_time", start.as_str()),
        ("end_time", "2000-01-01T00:00"),
        ("zone", "Asia/Tokyo"),
        ("place", "Shibuya"),
        ("registration", "open"),
        ("audience", "public"),
    ];
    let res = app.post_form(&c, "/events/new", "/events", &fields).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("html");
    assert!(html.contains("id=\"end_time-error\""), "{html}");
    assert!(html.contains("The end must come after the start."));
    let (_, list) = anonymous(&app, "/api/v1/events").await;
    assert_eq!(list.as_array().expect("list").len(), 0);
    fields[3] = ("end_time", end.as_str());
    let res = app.post_form(&c, "/events/new", "/events", &fields).await;
    assert_eq!(res.status(), 303);
    let at = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .expect("location")
        .to_string();
    let res = app.post_form(&c, &at, &format!("{at}/register"), &[]).await;
    assert_eq!(res.status(), 303);
    let home = c
        .get(app.url("/home"))
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("html");
    assert!(home.contains("Theming workshop"), "{home}");
    assert!(home.contains("Asia/Tokyo"));
    // The organizer's list page shows the registrant; nobody else's.
    let list = c
        .get(app.url(&format!("{at}/registrants")))
        .send()
        .await
        .expect("list");
    assert_eq!(list.status(), 200);
    assert!(list
        .text()
        .await
        .expect("html")
        .contains("walker@example.org"));
}

/// The link mailed to `to` (its path), the newest first.
async fn guest_link(app: &TestApp, to: &str) -> Option<String> {
    let m = mail_to(app, to).await.into_iter().next()?;
    let start = m.body.find("http")?;
    let link = m.body[start..].split_whitespace().next()?;
    Some(reqwest::Url::parse(link).expect("url").path().to_string())
}

async fn mails_to(app: &TestApp, to: &str) -> usize {
    mail_to(app, to).await.len()
}

/// A visitor's form on the event's page, from their own address.
async fn ask(
    app: &TestApp,
    c: &reqwest::Client,
    id: i64,
    ip: &str,
    name: &str,
    email: &str,
) -> reqwest::Response {
    let page = c
        .get(app.url(&format!("/events/{id}")))
        .header("x-forwarded-for", ip)
        .send()
        .await
        .expect("page");
    let token = csrf_in(&page.text().await.expect("html")).expect("a form");
    c.post(app.url(&format!("/events/{id}/guests")))
        .header("x-forwarded-for", ip)
        .form(&[
            ("csrf_token", token.as_str()),
            ("full_name", name),
            ("email", email),
        ])
        .send()
        .await
        .expect("post")
}

/// The button behind a guest's link (`confirm` or `withdraw`).
async fn press(app: &TestApp, c: &reqwest::Client, link: &str, what: &str) -> reqwest::Response {
    let page = c.get(app.url(link)).send().await.expect("link");
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["referrer-policy"], "no-referrer");
    let token = csrf_in(&page.text().await.expect("html")).expect("a form");
    c.post(app.url(&format!("{link}/{what}")))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post")
}

async fn visitors_register_as_guests_through_a_mailed_link(app: TestApp) {
    let ([fac_id, ..], [fac, member, _]) = setup(&app, "marketing-wg", Visibility::Public).await;
    let mut body = webinar("marketing-wg");
    body["capacity"] = json!("2");
    let (status, e) = api(&app, &fac, Method::POST, "/api/v1/events", Some(body)).await;
    assert_eq!(status, 201, "{e}");
    let id = e["id"].as_i64().expect("id");
    let visitor = browser();

    // Bad input names the field and sends nothing.
    let res = ask(
        &app,
        &visitor,
        id,
        "192.0.2.1",
        "Ada\nLovelace",
        "not-an-address",
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("html");
    assert!(
        html.contains("id=\"full_name-error\"") && html.contains("id=\"email-error\""),
        "{html}"
    );
    assert_eq!(mails_to(&app, "not-an-address").await, 0);
    let (status, err) = api(
        &app,
        "",
        Method::POST,
        &format!("/api/v1/events/{id}/guests"),
        Some(json!({"full_name": "", "email": "ada@example.org"})),
    )
    .await;
    assert_eq!(
        (status, err["codes"]["full_name"].clone()),
        (422, json!("required"))
    );
    assert_eq!(mails_to(&app, "ada@example.org").await, 0);
    // One mailbox cannot pass for many.
    for quoted in ["\"ada\"@example.org", "ada@[127.0.0.1]"] {
        let (status, err) = api(
            &app,
            "",
            Method::POST,
            &format!("/api/v1/events/{id}/guests"),
            Some(json!({"full_name": "Ada", "email": quoted})),
        )
        .await;
        assert_eq!(
            (status, err["codes"]["email"].clone()),
            (422, json!("invalid-email")),
            "{quoted}"
        );
    }
    // However many events ask, one address gets at most five links an hour.
    let mut statuses = vec![];
    for _ in 0..6 {
        let (_, other) = api(
            &app,
            &fac,
            Method::POST,
            "/api/v1/events",
            Some(webinar("marketing-wg")),
        )
        .await;
        let other = other["id"].as_i64().expect("id");
        let (status, _) = api(
            &app,
            "",
            Method::POST,
            &format!("/api/v1/events/{other}/guests"),
            Some(json!({"full_name": "Flood", "email": "flood@example.org"})),
        )
        .await;
        statuses.push(status);
    }
    assert_eq!(statuses, [202, 202, 202, 202, 202, 429]);
    assert_eq!(mails_to(&app, "flood@example.org").await, 5);

    // Asking mails a link and takes no seat yet.
    let res = ask(
        &app,
        &visitor,
        id,
        "192.0.2.1",
        "Ada Lovelace",
        "Ada@Example.org",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/events/{id}?guest=asked")
    );
    let link = guest_link(&app, "ada@example.org").await.expect("a link");
    assert!(link.starts_with("/events/guests/"));
    let (_, detail) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(detail["registered"], 0);
    // Asking again at once sends no second mail (a form cannot flood a mailbox); the answer is alike.
    let res = ask(
        &app,
        &browser(),
        id,
        "192.0.2.2",
        "Ada Lovelace",
        "ada@example.org",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(mails_to(&app, "ada@example.org").await, 1);
    // Later someone asks again with her address and another name: a second link goes out, but the
    // first one still works and the name stays as she gave it.
    app.clock.advance(chrono::Duration::minutes(
        agora_domain::events::GUEST_RESEND_MINUTES,
    ));
    let res = ask(
        &app,
        &browser(),
        id,
        "192.0.2.4",
        "Mallory",
        "ada@example.org",
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(mails_to(&app, "ada@example.org").await, 2);
    let second = guest_link(&app, "ada@example.org").await.expect("a link");
    assert_ne!(second, link);

    // Opening the link changes nothing (mail scanners follow links); the button confirms.
    let other = browser();
    let page = other.get(app.url(&link)).send().await.expect("link");
    assert_eq!(page.headers()["cache-control"], "no-store, private");
    assert!(page
        .text()
        .await
        .expect("html")
        .contains("Confirm my registration"));
    let (_, detail) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(detail["registered"], 0);
    let res = press(&app, &other, &link, "confirm").await;
    assert_eq!(res.status(), 303);
    let (_, detail) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(detail["registered"], 1);
    let page = other
        .get(app.url(&link))
        .send()
        .await
        .expect("link")
        .text()
        .await
        .expect("html");
    assert!(page.contains("You are registered"));

    // The public never sees who: not the page, not the API, not the feed.
    for path in [
        format!("/events/{id}"),
        format!("/api/v1/events/{id}"),
        format!("/events/{id}.ics"),
        "/events.ics".to_string(),
    ] {
        let text = reqwest::get(app.url(&path))
            .await
            .expect("get")
            .text()
            .await
            .expect("text");
        assert!(
            !text.contains("ada@example.org") && !text.contains("Ada Lovelace"),
            "{path}"
        );
    }
    // Organizers see the guest with the address; others may not.
    let (status, guests) = api(
        &app,
        &fac,
        Method::GET,
        &format!("/api/v1/events/{id}/guests"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(guests[0]["email"], "ada@example.org");
    assert_eq!(guests[0]["name"], "Ada Lovelace");
    assert!(guests[0]["confirmed_at"].is_string());
    let (status, _) = api(
        &app,
        &member,
        Method::GET,
        &format!("/api/v1/events/{id}/guests"),
        None,
    )
    .await;
    assert_eq!(status, 403);

    // A pending link expires; the seat it did not take stays free.
    let res = ask(
        &app,
        &browser(),
        id,
        "192.0.2.3",
        "Late Larry",
        "larry@example.org",
    )
    .await;
    assert_eq!(res.status(), 303);
    let late = guest_link(&app, "larry@example.org").await.expect("a link");
    let c = browser();
    let page = c
        .get(app.url(&late))
        .send()
        .await
        .expect("link")
        .text()
        .await
        .expect("html");
    let token = csrf_in(&page).expect("form");
    app.clock.advance(chrono::Duration::hours(
        agora_domain::events::GUEST_LINK_HOURS,
    ));
    let res = c
        .post(app.url(&format!("{late}/confirm")))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("This link has expired"));
    let (_, detail) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(detail["registered"], 1);

    // A members-only event takes no guests (it does not exist for visitors).
    let mut closed = webinar("marketing-wg");
    closed["audience"] = json!("members");
    let (_, closed) = api(&app, &fac, Method::POST, "/api/v1/events", Some(closed)).await;
    let closed = closed["id"].as_i64().expect("id");
    let (status, _) = api(
        &app,
        "",
        Method::POST,
        &format!("/api/v1/events/{closed}/guests"),
        Some(json!({"full_name": "Eve", "email": "eve@example.org"})),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(mails_to(&app, "eve@example.org").await, 0);

    // The organizers mark the guest present once the event began; then the registration stays.
    let (_, guests) = api(
        &app,
        &fac,
        Method::GET,
        &format!("/api/v1/events/{id}/guests"),
        None,
    )
    .await;
    let ada = guests
        .as_array()
        .expect("list")
        .iter()
        .find(|g| g["email"] == "ada@example.org")
        .expect("ada")["id"]
        .clone();
    let starts = chrono::DateTime::parse_from_rfc3339("2027-01-13T15:05:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    app.clock.advance(starts - app.clock.now());
    let (status, marked) = api(
        &app,
        &fac,
        Method::POST,
        &format!("/api/v1/events/{id}/attendance"),
        Some(json!({"guests": [ada]})),
    )
    .await;
    assert_eq!((status, marked["marked"].clone()), (200, json!(1)));
    let page = other
        .get(app.url(&link))
        .send()
        .await
        .expect("link")
        .text()
        .await
        .expect("html");
    assert!(!page.contains("Withdraw my registration"));
    let res = app
        .post_form(
            &other,
            &format!("/events/{id}"),
            &format!("{link}/withdraw"),
            &[],
        )
        .await;
    assert_eq!(res.status(), 422);
    let (_, detail) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(detail["registered"], 1);
    // Every guest change is in the audit log, with no address in it.
    let audit = app
        .store
        .audit_page(
            &agora_store::AuditFilter {
                entity_type: Some("event".into()),
                ..Default::default()
            },
            agora_domain::pagination::PageRequest::default(),
        )
        .await
        .expect("audit")
        .items;
    assert!(audit.iter().any(|a| a.action == "event.guest_confirm"));
    assert!(audit
        .iter()
        .all(|a| !format!("{a:?}").contains("ada@example.org")));
    let _ = fac_id;
}

async fn anonymous_guests_at_once_get_no_server_error_and_fill_the_places_exactly(app: TestApp) {
    let org = app.person("org@example.org", &[]).await;
    let org_token = app.token(org).await;
    let mut body = webinar("");
    body["capacity"] = json!("10");
    let (status, e) = api(&app, &org_token, Method::POST, "/api/v1/events", Some(body)).await;
    assert_eq!(status, 201, "{e}");
    let id = e["id"].as_i64().expect("id");
    const VISITORS: usize = 24;
    // Behind a proxy, as deployed: each visitor's own address counts against its own limit.
    let proxied = app.second_instance(|c| c.trust_proxy = true).await;
    // Each visitor loads the page and posts the form from its own address, all at once.
    let mut asks = vec![];
    for n in 0..VISITORS {
        let base = proxied.base.clone();
        asks.push(tokio::spawn(async move {
            let c = browser();
            let ip = format!("198.51.100.{n}");
            let page = c
                .get(format!("{base}/events/{id}"))
                .header("x-forwarded-for", &ip)
                .send()
                .await
                .ok()?;
            let token = csrf_in(&page.text().await.ok()?)?;
            let res = c
                .post(format!("{base}/events/{id}/guests"))
                .header("x-forwarded-for", &ip)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("full_name", &format!("Guest {n}")),
                    ("email", &format!("guest{n}@example.org")),
                ])
                .send()
                .await
                .ok()?;
            Some(res.status().as_u16())
        }));
    }
    for a in asks {
        assert_eq!(a.await.expect("task"), Some(303));
    }
    let mut links = vec![];
    for n in 0..VISITORS {
        links.push(
            guest_link(&app, &format!("guest{n}@example.org"))
                .await
                .expect("a link each"),
        );
    }
    // Then all confirm at once: 10 places.
    let mut confirms = vec![];
    for link in links {
        let base = app.url("");
        confirms.push(tokio::spawn(async move {
            let c = browser();
            let page = c.get(format!("{base}{link}")).send().await.ok()?;
            let token = csrf_in(&page.text().await.ok()?)?;
            let res = c
                .post(format!("{base}{link}/confirm"))
                .form(&[("csrf_token", token.as_str())])
                .send()
                .await
                .ok()?;
            Some(res.status().as_u16())
        }));
    }
    let (mut ok, mut full) = (0, 0);
    for c in confirms {
        match c.await.expect("task") {
            Some(303) => ok += 1,
            Some(422) => full += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((ok, full), (10, VISITORS - 10));
    let (_, e) = anonymous(&app, &format!("/api/v1/events/{id}")).await;
    assert_eq!(e["registered"], 10);
}
