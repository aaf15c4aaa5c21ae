//! Group meetings over HTTP, on both databases: facilitators define a series and cancel or move
//! occurrences, bad input is a 422 naming the field and changes nothing, members mark attendance,
//! outsiders of a members-only group see nothing, and the iCalendar feeds (a public group's, and a
//! person's private one, revocable) read the same in an independent parser (Python `icalendar` +
//! `recurring-ical-events`) as in Agora's own expansion, across a daylight-saving change.

use super::helpers::{api, TestApp};
use crate::both_backends;
use agora_domain::governance::Visibility;
use agora_domain::permissions::{Grant, Role};
use agora_store::{NewBody, Who};
use reqwest::Method;
use serde_json::json;

both_backends!(
    the_mwg_feed_matches_an_independent_parser_across_daylight_saving,
    members_only_meetings_reach_members_only_through_their_private_feed
);

fn grant(role: Role, scope_id: i64) -> Grant {
    Grant {
        role,
        scope_id: Some(scope_id),
    }
}

/// A group with a facilitator, a member and an outsider; returns (body id, their tokens).
async fn setup(app: &TestApp, slug: &str, visibility: Visibility) -> (i64, [String; 3]) {
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
        body.id,
        [
            app.token(fac).await,
            app.token(member).await,
            app.token(outsider).await,
        ],
    )
}

fn mwg() -> serde_json::Value {
    json!({"title": "Marketing WG meeting", "rule": "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        "start": "2026-01-07T10:00", "zone": "America/New_York", "duration_minutes": "60",
        "place": "https://meet.example.org/mwg", "agenda_template": "1. Updates, plans; notes\\n"})
}

/// Runs scripts/smtp-test/ical_check.py on the feed; returns its lines (UID|SUMMARY|UTC start|RECURRENCE-ID).
pub(crate) fn independent_expansion(feed: &str, from: &str, to: &str) -> Vec<String> {
    use std::io::Write;
    let python = std::env::var("AGORA_SMTP_TEST_PYTHON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/smtp-test/.venv/bin/python"
        )
        .to_string()
    });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/smtp-test/ical_check.py"
    );
    let mut child = std::process::Command::new(&python)
        .args([script, from, to])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("run the iCalendar check with {python} (scripts/test installs it): {e}")
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(feed.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("ical check");
    assert!(
        out.status.success(),
        "the independent parser refused the feed: {}\n{feed}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

async fn the_mwg_feed_matches_an_independent_parser_across_daylight_saving(app: TestApp) {
    let (body, [fac, member, outsider]) = setup(&app, "marketing-wg", Visibility::Public).await;
    let base = "/api/v1/groups/marketing-wg/meetings";
    // Only facilitators define meetings.
    for t in [&member, &outsider] {
        let (status, _) = api(&app, t, Method::POST, base, Some(mwg())).await;
        assert_eq!(status, 403);
    }
    let (status, _) = api(&app, "nobody", Method::POST, base, Some(mwg())).await;
    assert_eq!(status, 401);
    // Bad input names the field and creates nothing.
    for (field, value, code) in [
        ("zone", "America/Atlantis", "unknown-time-zone"),
        ("rule", "FREQ=FORTNIGHTLY", "invalid-rule"),
        ("rule", "FREQ=MINUTELY", "rule-too-frequent"),
        ("duration_minutes", "0", "out-of-range"),
        ("start", "2026-01-08T10:00", "start-not-in-rule"),
    ] {
        let mut b = mwg();
        b[field] = json!(value);
        let (status, e) = api(&app, &fac, Method::POST, base, Some(b)).await;
        assert_eq!(status, 422, "{field}");
        let field = if code == "start-not-in-rule" {
            "rule"
        } else {
            field
        };
        assert_eq!(e["codes"][field], code, "{e}");
    }
    let (_, list) = api(&app, &member, Method::GET, base, None).await;
    assert_eq!(list, json!([]));

    let (status, created) = api(&app, &fac, Method::POST, base, Some(mwg())).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let series = format!("{base}/{id}");
    // The group's page says how it repeats in words, in the reader's language.
    for (lang, words) in [
        ("en", "Every 2 weeks on Wednesday"),
        ("fr", "Toutes les 2 semaines le mercredi"),
    ] {
        let html = reqwest::Client::new()
            .get(app.url("/groups/marketing-wg"))
            .header("accept-language", lang)
            .send()
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(
            html.contains(words) && !html.contains("FREQ=WEEKLY"),
            "{lang}"
        );
    }
    // Exceptions: one cancelled (winter), one moved (summer, after the change of 8 March 2026).
    let (status, e) = api(
        &app,
        &fac,
        Method::POST,
        &format!("{series}/exceptions"),
        Some(json!({"occurrence": "2026-03-11T10:00:00", "action": "cancel"})),
    )
    .await;
    assert_eq!(
        (status, &e["codes"]["occurrence"]),
        (422, &json!("not-an-occurrence"))
    );
    let (status, e) = api(
        &app,
        &member,
        Method::POST,
        &format!("{series}/exceptions"),
        Some(json!({"occurrence": "2026-03-04T10:00:00", "action": "cancel"})),
    )
    .await;
    assert_eq!(status, 403, "{e}");
    for x in [
        json!({"occurrence": "2026-03-04T10:00:00", "action": "cancel"}),
        json!({"occurrence": "2026-03-18T10:00:00", "action": "move", "moved_to": "2026-03-19T11:30"}),
    ] {
        let (status, e) = api(
            &app,
            &fac,
            Method::POST,
            &format!("{series}/exceptions"),
            Some(x),
        )
        .await;
        assert_eq!(status, 200, "{e}");
    }

    // The public feed.
    let res = reqwest::get(app.url("/groups/marketing-wg/calendar.ics"))
        .await
        .expect("feed");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().expect("type"),
        "text/calendar; charset=utf-8"
    );
    let feed = res.text().await.expect("body");
    assert!(feed.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n"));
    assert!(
        !feed.contains("@marketing-wg.example"),
        "no addresses in feeds"
    );
    let theirs = independent_expansion(&feed, "2026-01-01", "2027-01-01");
    let starts: Vec<&str> = theirs
        .iter()
        .map(|l| l.split('|').nth(2).expect("start"))
        .collect();
    // Winter 15:00 UTC, summer 14:00 UTC, the cancelled one gone, the moved one where it went.
    assert!(starts.contains(&"2026-01-07T15:00:00Z"), "{theirs:?}");
    assert!(!starts.contains(&"2026-03-04T15:00:00Z"), "{theirs:?}");
    assert!(starts.contains(&"2026-03-19T15:30:00Z"), "{theirs:?}");
    assert!(!starts.contains(&"2026-03-18T14:00:00Z"), "{theirs:?}");
    assert!(starts.contains(&"2026-07-08T14:00:00Z"), "{theirs:?}");
    assert!(starts.contains(&"2026-11-11T15:00:00Z"), "{theirs:?}");
    assert!(theirs
        .iter()
        .any(|l| l.ends_with("|2026-03-19T15:30:00Z|2026-03-18T10:00:00")));
    // Exactly Agora's own expansion.
    let stored = app
        .store
        .meeting_series(id)
        .await
        .expect("read")
        .expect("series");
    assert_eq!(stored.group.id, body);
    let from = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .expect("t")
        .with_timezone(&chrono::Utc);
    let to = chrono::DateTime::parse_from_rfc3339("2027-01-01T00:00:00Z")
        .expect("t")
        .with_timezone(&chrono::Utc);
    let ours: Vec<String> = stored
        .series
        .expand(&stored.exceptions, from, to)
        .occurrences
        .iter()
        .map(|o| o.start.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .collect();
    let mut theirs_sorted: Vec<String> = starts.iter().map(|s| s.to_string()).collect();
    theirs_sorted.sort();
    assert_eq!(theirs_sorted, ours);
    assert_eq!(ours.len(), 25, "26 meetings in 2026, one cancelled");

    // The group's page names the zone; the API lists the next occurrences.
    let html = reqwest::get(app.url("/groups/marketing-wg"))
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(html.contains("America/New_York"), "zone named");
    assert!(html.contains("/groups/marketing-wg/calendar.ics"));
    let (_, list) = api(&app, &outsider, Method::GET, base, None).await;
    assert_eq!(list[0]["series"]["zone"], "America/New_York");
    // Only members mark attendance, their own; a bad answer is named.
    let occ = format!("{series}/occurrences/2026-01-21T10:00:00");
    let (status, _) = api(
        &app,
        &outsider,
        Method::PUT,
        &format!("{occ}/attendance"),
        Some(json!({"present": true})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, e) = api(
        &app,
        &member,
        Method::PUT,
        &format!("{occ}/attendance"),
        Some(json!({})),
    )
    .await;
    assert_eq!((status, &e["codes"]["present"]), (422, &json!("required")));
    let (status, d) = api(
        &app,
        &member,
        Method::PUT,
        &format!("{occ}/attendance"),
        Some(json!({"present": true})),
    )
    .await;
    assert_eq!((status, d["attending"].as_bool()), (200, Some(true)));
    // An occurrence the rule does not give does not exist.
    let (status, _) = api(
        &app,
        &member,
        Method::GET,
        &format!("{series}/occurrences/2026-01-14T10:00:00"),
        None,
    )
    .await;
    assert_eq!(status, 404);
}

async fn members_only_meetings_reach_members_only_through_their_private_feed(app: TestApp) {
    let (_, [fac, member, outsider]) = setup(&app, "panel", Visibility::Members).await;
    let base = "/api/v1/groups/panel/meetings";
    // A weekly meeting that starts in two days (by the app's clock), 09:00 in Paris.
    let tomorrow = (app.store.now() + chrono::Duration::days(2)).date_naive();
    let start = format!("{tomorrow}T09:00");
    let (status, created) = api(
        &app,
        &fac,
        Method::POST,
        base,
        Some(
            json!({"title": "Panel call", "rule": "FREQ=WEEKLY", "start": start,
            "zone": "Europe/Paris", "duration_minutes": "45"}),
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let occurrence = format!("{tomorrow}T09:00:00");
    let occ_api = format!("{base}/{id}/occurrences/{occurrence}");

    // Outsiders see nothing of it.
    let (status, _) = api(&app, &outsider, Method::GET, base, None).await;
    assert_eq!(status, 404);
    let (status, _) = api(&app, &outsider, Method::GET, &occ_api, None).await;
    assert_eq!(status, 404);
    let (status, _) = api(
        &app,
        &outsider,
        Method::PUT,
        &format!("{occ_api}/attendance"),
        Some(json!({"present": true})),
    )
    .await;
    assert_eq!(status, 404);
    for path in [
        "/groups/panel/calendar.ics".to_string(),
        format!("/groups/panel/meetings/{id}/{occurrence}"),
    ] {
        let res = reqwest::get(app.url(&path)).await.expect("get");
        assert_eq!(res.status(), 404, "{path}");
    }
    // Not even members get the group's feed: a calendar client cannot sign in.
    let mc = app.login("member@panel.example").await;
    let res = mc
        .get(app.url("/groups/panel/calendar.ics"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), 404);

    // A member marks attendance on the page; it shows by name.
    let page = format!("/groups/panel/meetings/{id}/{occurrence}");
    // A move without its new time is refused by field, in words (the summary names the field).
    let fc = app.login("fac@panel.example").await;
    let res = app
        .post_form(
            &fc,
            &page,
            &format!("{page}/change"),
            &[("action", "move"), ("moved_to", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("html");
    assert!(html.contains("id=\"moved_to-error\""), "{html}");
    assert!(!html.contains("Unknown localization key"), "{html}");
    let res = app
        .post_form(
            &mc,
            &page,
            &format!("{page}/attendance"),
            &[("present", "yes")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, d) = api(&app, &member, Method::GET, &occ_api, None).await;
    assert_eq!(d["attendance"][0]["name"], "Test Person", "{d}");
    // Notes are the facilitators'.
    let (status, _) = api(
        &app,
        &member,
        Method::PUT,
        &format!("{occ_api}/notes"),
        Some(json!({"agenda": "Mine", "notes": ""})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, d) = api(
        &app,
        &fac,
        Method::PUT,
        &format!("{occ_api}/notes"),
        Some(json!({"agenda": "1. Budget", "notes": "Agreed."})),
    )
    .await;
    assert_eq!((status, &d["agenda"]), (200, &json!("1. Budget")));
    // The member's home page lists the meeting this week.
    let home = mc
        .get(app.url("/home"))
        .send()
        .await
        .expect("home")
        .text()
        .await
        .expect("body");
    assert!(home.contains("Panel call"), "meetings this week");

    // The private feed: made on the account page, shown once, read without signing in, revocable.
    let res = app
        .post_form(&mc, "/account", "/account/calendar", &[])
        .await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("body");
    let start_at = html.find("/calendar/").expect("link shown");
    let path: String = html[start_at..].chars().take_while(|c| *c != '"').collect();
    assert!(path.ends_with(".ics"), "{path}");
    let res = reqwest::get(app.url(&path)).await.expect("feed");
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["cache-control"].to_str().expect("header"),
        "no-store, private"
    );
    let feed = res.text().await.expect("body");
    assert!(feed.contains("SUMMARY:Panel call"), "{feed}");
    assert!(feed.contains("DTSTART;TZID=Europe/Paris:"));
    let theirs = independent_expansion(
        &feed,
        &tomorrow.to_string(),
        &(tomorrow + chrono::Duration::days(30)).to_string(),
    );
    assert!(theirs.len() >= 4, "{theirs:?}");
    let res = reqwest::get(app.url("/calendar/not-a-secret.ics"))
        .await
        .expect("feed");
    assert_eq!(res.status(), 404);
    let account = mc
        .get(app.url("/account"))
        .send()
        .await
        .expect("account")
        .text()
        .await
        .expect("body");
    assert!(!account.contains(&path), "the secret is shown only once");
    let res = app
        .post_form(&mc, "/account", "/account/calendar/revoke", &[])
        .await;
    assert_eq!(res.status(), 303);
    let res = reqwest::get(app.url(&path)).await.expect("feed");
    assert_eq!(res.status(), 404, "revoked");
}
