//! Governance over HTTP against the real application: every kind of decision, automatic acceptance
//! with a controlled clock, bad ballots, permissions, the ballot file, and email delivery through a real
//! SMTP server that is killed and restarted mid-run.

use super::helpers::{spawn_app_with, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};
use agora_domain::tally;
use agora_store::testing::Backend;
use serde_json::{json, Value};
use std::time::Duration;

both_backends!(
    lazy_consensus_is_accepted_by_the_clock_and_objections_need_reasons,
    ranked_and_yes_no_votes_refuse_bad_ballots_and_publish_recountable_results,
    consultation_comments_get_responses_before_the_decision_is_taken,
    secret_ballots_change_only_for_their_voter_on_the_api_and_the_page,
    public_decisions_name_people_without_their_addresses,
    opening_in_all_members_is_limited_per_account,
    the_position_form_keeps_the_stance_and_withdrawing_asks_for_confirmation
);

/// A person with a display name of their own (the helper's people are all "Test Person").
async fn named(app: &TestApp, email: &str, name: &str, grants: &[Grant]) -> i64 {
    let hash = agora_web::auth::hash_password(super::helpers::PASSWORD.into())
        .await
        .expect("hash");
    app.store
        .create_person(
            &agora_domain::person::Email::parse(email).expect("email"),
            name,
            Some(&hash),
            grants,
            &agora_store::Who::system(),
        )
        .await
        .expect("person")
        .id
}

fn anonymous() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn get_text(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.expect("get");
    (res.status().as_u16(), res.text().await.expect("body"))
}

struct Group {
    slug: String,
    facilitator: String,
    members: Vec<String>,
}

/// An admin creates a members-only group through the admin page and adds a facilitator and members.
async fn group(app: &TestApp, slug: &str, n: usize) -> Group {
    app.person(
        "admin@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let admin = app.login("admin@foundation.example").await;
    let res = app
        .post_form(
            &admin,
            "/admin/bodies",
            "/admin/bodies",
            &[
                ("name", "Marketing working group"),
                ("slug", slug),
                ("visibility", "members"),
                ("min_close_hours", "24"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let facilitator = format!("facilitator@{slug}.example");
    let members: Vec<String> = (0..n).map(|i| format!("m{i}@{slug}.example")).collect();
    for (email, role) in std::iter::once((&facilitator, "facilitator"))
        .chain(members.iter().map(|m| (m, "group_member")))
    {
        app.person(email, &[]).await;
        let res = app
            .post_form(
                &admin,
                &format!("/bodies/{slug}"),
                &format!("/admin/bodies/{slug}/members"),
                &[("email", email), ("role", role)],
            )
            .await;
        assert_eq!(res.status(), 303, "adding {email}");
    }
    Group {
        slug: slug.into(),
        facilitator,
        members,
    }
}

async fn api(
    app: &TestApp,
    email: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let person = app
        .store
        .person_by_email(email)
        .await
        .expect("test")
        .expect("person");
    let token = app.token(person.id).await;
    let c = reqwest::Client::new();
    let mut req = match method {
        "GET" => c.get(app.url(path)),
        _ => c.post(app.url(path)),
    }
    .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn wait_for_status(app: &TestApp, email: &str, id: i64, want: &str) -> Value {
    for _ in 0..100 {
        let (_, d) = api(app, email, "GET", &format!("/api/v1/decisions/{id}"), None).await;
        if d["decision"]["status"] == want {
            return d;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("decision {id} never became {want}");
}

async fn lazy_consensus_is_accepted_by_the_clock_and_objections_need_reasons(app: TestApp) {
    let g = group(&app, "marketing", 2).await;
    let (s, body) = api(
        &app,
        &g.members[0],
        "POST",
        &format!("/api/v1/bodies/{}/decisions", g.slug),
        Some(json!({"title": "Publish the partner case studies", "text": "One page per partner.", "kind": "lazy-consensus"})),
    )
    .await;
    assert_eq!(s, 201, "{body}");
    let id = body["id"].as_i64().expect("id");

    // A member may not open a vote; outsiders cannot even see the members-only body.
    let (s, _) = api(
        &app,
        &g.members[0],
        "POST",
        &format!("/api/v1/bodies/{}/decisions", g.slug),
        Some(json!({"title": "A vote", "text": "x", "kind": "yes-no"})),
    )
    .await;
    assert_eq!(s, 403);
    app.person("outsider@example.org", &[]).await;
    let (s, _) = api(
        &app,
        "outsider@example.org",
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    assert_eq!(s, 404);
    let (s, _) = api(
        &app,
        "outsider@example.org",
        "POST",
        &format!("/api/v1/decisions/{id}/stance"),
        Some(json!({"stance": "support"})),
    )
    .await;
    assert_eq!(s, 404);
    let anon = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    // Anonymous visitors get exactly what an unknown id gets, on the page and the API.
    for path in [
        format!("/decisions/{id}"),
        format!("/api/v1/decisions/{id}"),
    ] {
        let unknown = path.replace(&id.to_string(), "999999");
        let res = anon.get(app.url(&path)).send().await.expect("get");
        let missing = anon.get(app.url(&unknown)).send().await.expect("get");
        assert_eq!(
            (res.status().as_u16(), missing.status().as_u16()),
            (404, 404),
            "{path}"
        );
        assert_eq!(
            res.text().await.expect("body"),
            missing.text().await.expect("body"),
            "{path}"
        );
    }

    // The HTML form: an objection without a reason is refused on the page, and changes nothing.
    let member = app.login(&g.members[1]).await;
    let res = app
        .post_form(
            &member,
            &format!("/decisions/{id}"),
            &format!("/decisions/{id}/stance"),
            &[("stance", "object"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.expect("body");
    assert!(html.contains("Say why you object"), "the error is shown");
    let (_, d) = api(
        &app,
        &g.facilitator,
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    assert_eq!(d["decision"]["status"], "open");
    assert_eq!(d["electorate"].as_array().map(Vec::len), Some(3));
    assert!(d["electorate"]
        .as_array()
        .expect("electorate")
        .iter()
        .all(|e| e["participated_at"].is_null()));

    let res = app
        .post_form(
            &member,
            &format!("/decisions/{id}"),
            &format!("/decisions/{id}/stance"),
            &[("stance", "support"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 303);

    // Three days pass: the scheduler inside the server accepts it.
    app.clock.advance(chrono::Duration::hours(73));
    let d = wait_for_status(&app, &g.facilitator, id, "decided").await;
    assert!(d["decision"]["outcome"]
        .as_str()
        .expect("outcome")
        .starts_with("Accepted by lazy consensus"));
    let (s, register) = api(&app, &g.facilitator, "GET", "/api/v1/register", None).await;
    assert_eq!(s, 200);
    assert_eq!(register["items"][0]["id"], id);
    // Three days idle ended the member's session (sessions follow the app's clock): sign in again.
    let member = app.login(&g.members[1]).await;
    let feed = member
        .get(app.url(&format!("/bodies/{}/feed.atom", g.slug)))
        .send()
        .await
        .expect("feed");
    assert_eq!(feed.status(), 200);
    assert!(feed
        .text()
        .await
        .expect("xml")
        .contains("Publish the partner case studies"));
    let outbox = app.store.outbox_recent(100).await.expect("outbox");
    assert!(
        outbox
            .iter()
            .any(|m| m.subject.starts_with("Decided: Publish")),
        "the outcome is emailed"
    );
}

async fn ranked_and_yes_no_votes_refuse_bad_ballots_and_publish_recountable_results(app: TestApp) {
    let g = group(&app, "core", 3).await;
    let path = format!("/api/v1/bodies/{}/decisions", g.slug);
    let (s, body) = api(&app, &g.facilitator, "POST", &path, Some(json!({
        "title": "Obligation criterion", "text": "How partners' marketing obligations are counted.",
        "kind": "ranked", "method": "schulze",
        "options": "At least 20% of acquired clients\nA fixed amount (X = 1)"
    }))).await;
    assert_eq!(s, 201, "{body}");
    let ranked = body["id"].as_i64().expect("id");
    let act = format!("/api/v1/decisions/{ranked}/ballot");
    let (s, e) = api(
        &app,
        &g.members[0],
        "POST",
        &act,
        Some(json!({"ranking": ["Something else"]})),
    )
    .await;
    assert_eq!(s, 422, "{e}");
    let (s, _) = api(
        &app,
        &g.members[0],
        "POST",
        &act,
        Some(json!({"ranking": ["A fixed amount (X = 1)", "A fixed amount (X = 1)"]})),
    )
    .await;
    assert_eq!(s, 422);
    app.person("outsider@example.org", &[]).await;
    let (s, _) = api(
        &app,
        "outsider@example.org",
        "POST",
        &act,
        Some(json!({"ranking": ["A fixed amount (X = 1)"]})),
    )
    .await;
    assert_eq!(s, 404, "non-members cannot see, let alone vote");
    let (_, d) = api(
        &app,
        &g.facilitator,
        "GET",
        &format!("/api/v1/decisions/{ranked}"),
        None,
    )
    .await;
    assert!(
        d["electorate"]
            .as_array()
            .expect("electorate")
            .iter()
            .all(|e| e["participated_at"].is_null()),
        "refused ballots change nothing"
    );
    for (who, ranking) in [
        (
            &g.members[0],
            json!(["A fixed amount (X = 1)", "At least 20% of acquired clients"]),
        ),
        (&g.members[1], json!(["A fixed amount (X = 1)"])),
        (
            &g.members[2],
            json!(["At least 20% of acquired clients", "A fixed amount (X = 1)"]),
        ),
    ] {
        let (s, r) = api(&app, who, "POST", &act, Some(json!({"ranking": ranking}))).await;
        assert_eq!(s, 200, "{r}");
        assert!(r["receipt"].as_str().is_some_and(|r| r.len() == 12));
    }
    let (_, d) = api(
        &app,
        &g.facilitator,
        "GET",
        &format!("/api/v1/decisions/{ranked}"),
        None,
    )
    .await;
    assert!(d["result"].is_null(), "results are hidden until the close");
    let undecided: Vec<&Value> = d["electorate"]
        .as_array()
        .expect("e")
        .iter()
        .filter(|e| e["participated_at"].is_null())
        .collect();
    assert_eq!(undecided.len(), 1, "the facilitator is listed as undecided");

    // A yes/no vote in the same body, with two thirds of the votes cast.
    let (_, body) = api(
        &app,
        &g.facilitator,
        "POST",
        &path,
        Some(json!({
            "title": "Require one case study a year", "text": "Part 5 of the partner program.",
            "kind": "yes-no", "threshold": "two_thirds", "quorum_percent": "50"
        })),
    )
    .await;
    let yes_no = body["id"].as_i64().expect("id");
    for (who, choice) in [
        (&g.members[0], "yes"),
        (&g.members[1], "yes"),
        (&g.members[2], "no"),
    ] {
        let (s, r) = api(
            &app,
            who,
            "POST",
            &format!("/api/v1/decisions/{yes_no}/ballot"),
            Some(json!({"choice": choice})),
        )
        .await;
        assert_eq!(s, 200, "{r}");
    }
    let (s, _) = api(
        &app,
        &g.members[2],
        "POST",
        &format!("/api/v1/decisions/{yes_no}/ballot"),
        Some(json!({"choice": "maybe"})),
    )
    .await;
    assert_eq!(s, 422);

    app.clock.advance(chrono::Duration::hours(73));
    let d = wait_for_status(&app, &g.facilitator, ranked, "closed").await;
    assert_eq!(d["result"]["method"], "schulze");
    assert_eq!(d["result"]["outcome"]["winner"], 1, "{}", d["result"]);
    // A late ballot: refused, and the count does not move.
    let (s, e) = api(
        &app,
        &g.facilitator,
        "POST",
        &act,
        Some(json!({"ranking": ["At least 20% of acquired clients"]})),
    )
    .await;
    assert_eq!(s, 422, "{e}");
    // The published file recounts to the site's result.
    let person = app
        .store
        .person_by_email(&g.members[0])
        .await
        .expect("t")
        .expect("p");
    let csv = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/decisions/{ranked}/ballots.csv")))
        .bearer_auth(app.token(person.id).await)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("text");
    let file = tally::parse_ballots_csv(&csv).expect("parses");
    assert_eq!(file.ballots.len(), 3);
    let recount = tally::tally(
        file.meta.method.expect("method"),
        &file.ballots,
        &file.meta.tie_break(),
    );
    let mut site = d["result"].clone();
    site.as_object_mut().expect("object").remove("kind");
    assert_eq!(serde_json::to_value(&recount).expect("json"), site);

    let d = wait_for_status(&app, &g.facilitator, yes_no, "closed").await;
    assert_eq!(
        (
            d["result"]["yes"].as_u64(),
            d["result"]["no"].as_u64(),
            d["result"]["passed"].as_bool()
        ),
        (Some(2), Some(1), Some(true))
    );
    // Members cannot record the outcome; the facilitator can, with a statement.
    let take = format!("/api/v1/decisions/{yes_no}/take");
    let (s, _) = api(
        &app,
        &g.members[0],
        "POST",
        &take,
        Some(json!({"outcome": "Adopted."})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = api(
        &app,
        &g.facilitator,
        "POST",
        &take,
        Some(json!({"outcome": ""})),
    )
    .await;
    assert_eq!(s, 422);
    let (s, r) = api(
        &app,
        &g.facilitator,
        "POST",
        &take,
        Some(json!({"outcome": "Adopted: one case study a year.", "review_at": "2027-11-01"})),
    )
    .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("decided")));
    // The decision page shows the pairwise matrix of the ranked vote.
    let page = app
        .login(&g.members[0])
        .await
        .get(app.url(&format!("/decisions/{ranked}")))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("Pairwise preferences") && page.contains("Winner: A fixed amount (X = 1)")
    );
}

async fn consultation_comments_get_responses_before_the_decision_is_taken(app: TestApp) {
    app.person(
        "staff@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let partner = app.partner("Acme Learning", PartnerStatus::Active).await;
    let delegate_id = app
        .person(
            "delegate@acme.example",
            &[Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(partner.id),
            }],
        )
        .await;
    app.person("member@elsewhere.example", &[]).await;
    // The API designates the delegate by a JSON integer; a number sent as text names its field.
    let delegates = format!("/api/v1/partners/{}/delegates", partner.id);
    let (s, body) = api(
        &app,
        "staff@foundation.example",
        "POST",
        &delegates,
        Some(json!({"delegate_id": delegate_id.to_string()})),
    )
    .await;
    assert_eq!(s, 422, "{body}");
    assert!(body["errors"]["delegate_id"].is_string(), "{body}");
    let (s, body) = api(
        &app,
        "staff@foundation.example",
        "POST",
        &delegates,
        Some(json!({"delegate_id": delegate_id, "alternate_id": null})),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let (s, body) = api(&app, "staff@foundation.example", "POST", "/api/v1/bodies/partner-assembly/decisions", Some(json!({
        "title": "Partner obligations for 2027", "text": "One case study, one article, one testimonial.",
        "kind": "consultation", "close_hours": "72"
    }))).await;
    assert_eq!(s, 201, "{body}");
    let id = body["id"].as_i64().expect("id");
    // Partners comment (threaded) on the page; people outside the assembly cannot.
    let delegate = app.login("delegate@acme.example").await;
    let res = app
        .post_form(
            &delegate,
            &format!("/decisions/{id}"),
            &format!("/decisions/{id}/comment"),
            &[("body", "Testimonials need client approval.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, d) = api(
        &app,
        "delegate@acme.example",
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    let first = d["comments"][0]["id"].as_i64().expect("comment");
    let (s, _) = api(
        &app,
        "delegate@acme.example",
        "POST",
        &format!("/api/v1/decisions/{id}/comment"),
        Some(json!({"body": "And logos too.", "parent_id": first})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = api(
        &app,
        "member@elsewhere.example",
        "POST",
        &format!("/api/v1/decisions/{id}/comment"),
        Some(json!({"body": "Me too"})),
    )
    .await;
    assert_eq!(s, 403);
    // A group decision that affects partners waits for this consultation.
    let (s, e) = api(
        &app,
        "staff@foundation.example",
        "POST",
        &format!("/api/v1/decisions/{id}/take"),
        Some(json!({"outcome": "Too early"})),
    )
    .await;
    assert_eq!(s, 422, "{e}");

    app.clock.advance(chrono::Duration::hours(73));
    wait_for_status(&app, "staff@foundation.example", id, "closed").await;
    let (s, e) = api(
        &app,
        "staff@foundation.example",
        "POST",
        &format!("/api/v1/decisions/{id}/take"),
        Some(json!({"outcome": "Obligations adopted."})),
    )
    .await;
    assert_eq!(s, 422, "every comment needs a response first: {e}");
    let (_, d) = api(
        &app,
        "staff@foundation.example",
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    for c in d["comments"].as_array().expect("comments") {
        let (s, r) = api(
            &app,
            "staff@foundation.example",
            "POST",
            &format!("/api/v1/decisions/{id}/respond"),
            Some(json!({"comment_id": c["id"], "response": "Exempted when the client refuses."})),
        )
        .await;
        assert_eq!(s, 200, "{r}");
    }
    let (s, r) = api(
        &app,
        "staff@foundation.example",
        "POST",
        &format!("/api/v1/decisions/{id}/take"),
        Some(json!({"outcome": "Obligations adopted, with exemptions for client refusals."})),
    )
    .await;
    assert_eq!((s, r["status"].as_str()), (200, Some("decided")), "{r}");
}

async fn secret_ballots_change_only_for_their_voter_on_the_api_and_the_page(app: TestApp) {
    let g = group(&app, "jury", 2).await;
    let path = format!("/api/v1/bodies/{}/decisions", g.slug);
    let vote = json!({"title": "Elect the chair", "text": "Yes elects the candidate.", "kind": "yes-no",
        "secret": true});
    // Running results of a secret vote are refused, naming the field, on the API and on the page.
    let mut early = vote.clone();
    early["show_results_early"] = json!(true);
    let (s, e) = api(&app, &g.facilitator, "POST", &path, Some(early)).await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["codes"]["show_results_early"], "secret-results-early");
    let fac = app.login(&g.facilitator).await;
    let propose = format!("/bodies/{}/propose", g.slug);
    let res = app
        .post_form(
            &fac,
            &propose,
            &propose,
            &[
                ("title", "Elect the chair"),
                ("text", "Yes elects the candidate."),
                ("kind", "yes-no"),
                ("secret", "1"),
                ("show_results_early", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("A secret vote cannot show results while it is open"));

    let (s, body) = api(&app, &g.facilitator, "POST", &path, Some(vote)).await;
    assert_eq!(s, 201, "{body}");
    let id = body["id"].as_i64().expect("id");
    let ballot = format!("/api/v1/decisions/{id}/ballot");
    let (s, r) = api(
        &app,
        &g.members[0],
        "POST",
        &ballot,
        Some(json!({"choice": "yes"})),
    )
    .await;
    assert_eq!(s, 200, "{r}");
    let r0 = r["receipt"].as_str().expect("receipt").to_string();
    // The second member votes on the page and is shown their receipt.
    let m1 = app.login(&g.members[1]).await;
    let page = format!("/decisions/{id}");
    let res = app
        .post_form(
            &m1,
            &page,
            &format!("/decisions/{id}/ballot"),
            &[("choice", "no")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(location.contains("receipt="), "{location}");

    // Knowing the first member's receipt is not enough to change their ballot: not on the API...
    let (s, e) = api(
        &app,
        &g.members[1],
        "POST",
        &ballot,
        Some(json!({"choice": "abstain", "receipt": r0})),
    )
    .await;
    assert_eq!(s, 422, "{e}");
    assert_eq!(e["codes"]["receipt"], "unknown-receipt");
    // ...nor on the page.
    let res = app
        .post_form(
            &m1,
            &page,
            &format!("/decisions/{id}/ballot"),
            &[("choice", "abstain"), ("receipt", &r0)],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("No ballot of yours has this receipt"));
    // Its owner changes it on the page.
    let m0 = app.login(&g.members[0]).await;
    let res = app
        .post_form(
            &m0,
            &page,
            &format!("/decisions/{id}/ballot"),
            &[("choice", "no"), ("receipt", &r0.to_lowercase())],
        )
        .await;
    assert_eq!(res.status(), 303);

    // While open: who took part, without times, and nothing else.
    let (_, d) = api(
        &app,
        &g.facilitator,
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    let electorate = d["electorate"].as_array().expect("electorate");
    assert_eq!(
        electorate
            .iter()
            .filter(|e| e["participated"] == true)
            .count(),
        2
    );
    assert!(electorate.iter().all(|e| e["participated_at"].is_null()));
    assert!(d["result"].is_null() && d["ballots"].as_array().is_some_and(Vec::is_empty));

    app.clock.advance(chrono::Duration::hours(73));
    let d = wait_for_status(&app, &g.facilitator, id, "closed").await;
    assert_eq!(
        (
            d["result"]["yes"].as_u64(),
            d["result"]["no"].as_u64(),
            d["result"]["abstain"].as_u64()
        ),
        (Some(0), Some(2), Some(0)),
        "{}",
        d["result"]
    );
    let mine = d["ballots"]
        .as_array()
        .expect("ballots")
        .iter()
        .find(|b| b["receipt"] == r0.as_str())
        .expect("the first member's ballot is published");
    assert_eq!(mine["choice"], json!(["no"]));
    assert!(d["ballots"]
        .as_array()
        .expect("b")
        .iter()
        .all(|b| b["voter"].is_null()));
}

const ADDRESSES: [&str; 4] = [
    "admin@foundation.example",
    "alice@example.org",
    "bob@example.org",
    "dana@acme.example",
];

async fn public_decisions_name_people_without_their_addresses(app: TestApp) {
    let admin = Grant {
        role: Role::Admin,
        scope_id: None,
    };
    named(&app, ADDRESSES[0], "Ada Admin", &[admin]).await;
    named(&app, ADDRESSES[1], "Alice Adams", &[]).await;
    named(&app, ADDRESSES[2], "Bob Brown", &[]).await;
    let partner = app.partner("Acme Learning", PartnerStatus::Active).await;
    let pa = Grant {
        role: Role::PartnerAdmin,
        scope_id: Some(partner.id),
    };
    named(&app, ADDRESSES[3], "Dana Delegate", &[pa]).await;

    // A member's proposal to all members: the notification names the proposer, not their address.
    let (s, body) = api(&app, ADDRESSES[1], "POST", "/api/v1/bodies/all-members/decisions",
        Some(json!({"title": "Adopt the code of conduct", "text": "As drafted.", "kind": "lazy-consensus"}))).await;
    assert_eq!(s, 201, "{body}");
    let proposal = body["id"].as_i64().expect("id");
    let mail = app.store.outbox_recent(100).await.expect("outbox");
    let notice: Vec<_> = mail
        .iter()
        .filter(|m| m.subject == "New proposal: Adopt the code of conduct")
        .collect();
    assert_eq!(notice.len(), 4, "every account holder is told");
    assert!(notice
        .iter()
        .all(|m| m.body.contains("Alice Adams opened") && !m.body.contains(ADDRESSES[1])));
    let (s, _) = api(
        &app,
        ADDRESSES[2],
        "POST",
        &format!("/api/v1/decisions/{proposal}/stance"),
        Some(json!({"stance": "object", "reason": "Too long."})),
    )
    .await;
    assert_eq!(s, 200);

    // A consultation with a comment, a response and an outcome.
    let (s, body) = api(&app, ADDRESSES[0], "POST", "/api/v1/bodies/partner-assembly/decisions",
        Some(json!({"title": "Partner obligations", "text": "One case study.", "kind": "consultation",
            "close_hours": "72"}))).await;
    assert_eq!(s, 201, "{body}");
    let consultation = body["id"].as_i64().expect("id");
    let (s, _) = api(
        &app,
        ADDRESSES[3],
        "POST",
        &format!("/api/v1/decisions/{consultation}/comment"),
        Some(json!({"body": "Testimonials need client approval."})),
    )
    .await;
    assert_eq!(s, 200);
    app.clock.advance(chrono::Duration::hours(73));
    let d = wait_for_status(&app, ADDRESSES[0], consultation, "closed").await;
    let comment = d["comments"][0]["id"].as_i64().expect("comment");
    let (s, _) = api(
        &app,
        ADDRESSES[0],
        "POST",
        &format!("/api/v1/decisions/{consultation}/respond"),
        Some(json!({"comment_id": comment, "response": "Exempted when the client refuses."})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = api(
        &app,
        ADDRESSES[0],
        "POST",
        &format!("/api/v1/decisions/{consultation}/take"),
        Some(json!({"outcome": "Obligations adopted."})),
    )
    .await;
    assert_eq!(s, 200);

    // Anonymous visitors: display names only, on the API, the page and the feed.
    let anon = anonymous();
    let (s, json_text) = get_text(&anon, &app, &format!("/api/v1/decisions/{consultation}")).await;
    assert_eq!(s, 200);
    let d: Value = serde_json::from_str(&json_text).expect("json");
    assert_eq!(d["decision"]["decided_by"], "Ada Admin");
    assert_eq!(d["versions"][0]["created_by"], "Ada Admin");
    assert_eq!(d["comments"][0]["author"], "Dana Delegate");
    assert_eq!(d["comments"][0]["responded_by"], "Ada Admin");
    assert_eq!(d["proposer"], "Ada Admin");
    let (_, page) = get_text(&anon, &app, &format!("/decisions/{consultation}")).await;
    assert!(page.contains("Dana Delegate") && page.contains("Proposed by Ada Admin"));
    let (_, feed) = get_text(&anon, &app, "/bodies/partner-assembly/feed.atom").await;
    assert!(feed.contains("Partner obligations"));
    super::helpers::check_atom_feed(&feed, "decisions", "Partner obligations", "/decisions/");
    for text in [&json_text, &page, &feed] {
        for a in ADDRESSES {
            assert!(!text.contains(a), "{a} is shown publicly");
        }
    }

    // The electorate of an all-members decision: counts for anonymous visitors, names for members.
    let (s, json_text) = get_text(&anon, &app, &format!("/api/v1/decisions/{proposal}")).await;
    assert_eq!(s, 200);
    let d: Value = serde_json::from_str(&json_text).expect("json");
    assert_eq!(d["electorate"], json!([]));
    assert_eq!(
        (d["electorate_size"].as_u64(), d["participants"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(d["stances"][0]["stance"], "object");
    assert_eq!(d["stances"][0]["label"], "");
    assert_eq!(d["proposer"], "Alice Adams");
    let (_, page) = get_text(&anon, &app, &format!("/decisions/{proposal}")).await;
    assert!(!page.contains("Bob Brown") && !page.contains("Dana Delegate"));
    assert!(page.contains("Names are shown to signed-in members"));
    let (_, d) = api(
        &app,
        ADDRESSES[3],
        "GET",
        &format!("/api/v1/decisions/{proposal}"),
        None,
    )
    .await;
    assert_eq!(d["electorate"].as_array().map(Vec::len), Some(4));
    assert_eq!(d["stances"][0]["label"], "Bob Brown");
    let member = app.login(ADDRESSES[3]).await;
    let (_, page) = get_text(&member, &app, &format!("/decisions/{proposal}")).await;
    assert!(page.contains("Bob Brown"));
    for a in ADDRESSES {
        assert!(
            !page.contains(a) || a == ADDRESSES[3],
            "{a} is shown to members"
        );
    }
}

async fn opening_in_all_members_is_limited_per_account(app: TestApp) {
    named(&app, ADDRESSES[1], "Alice Adams", &[]).await;
    named(&app, ADDRESSES[2], "Bob Brown", &[]).await;
    let path = "/api/v1/bodies/all-members/decisions";
    let proposal = |n: usize| json!({"title": format!("Proposal number {n}"), "text": "As drafted.", "kind": "lazy-consensus"});
    // The default allows five a day per account.
    for n in 0..5 {
        let (s, b) = api(&app, ADDRESSES[1], "POST", path, Some(proposal(n))).await;
        assert_eq!(s, 201, "{b}");
    }
    let (s, b) = api(&app, ADDRESSES[1], "POST", path, Some(proposal(5))).await;
    assert_eq!(s, 429, "{b}");
    assert!(b["message"]
        .as_str()
        .expect("message")
        .contains("try again tomorrow"));
    let alice = app.login(ADDRESSES[1]).await;
    let res = app
        .post_form(
            &alice,
            "/bodies/all-members/propose",
            "/bodies/all-members/propose",
            &[
                ("title", "Proposal number 6"),
                ("text", "As drafted."),
                ("kind", "lazy-consensus"),
            ],
        )
        .await;
    assert_eq!(res.status(), 429);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("try again tomorrow"));
    let (_, list) = api(&app, ADDRESSES[1], "GET", path, None).await;
    assert_eq!(list["total"], 5, "refused openings open nothing");
    // The limit is per account: someone else may still propose.
    let (s, b) = api(&app, ADDRESSES[2], "POST", path, Some(proposal(7))).await;
    assert_eq!(s, 201, "{b}");
}

async fn the_position_form_keeps_the_stance_and_withdrawing_asks_for_confirmation(app: TestApp) {
    named(&app, ADDRESSES[1], "Alice Adams", &[]).await;
    named(&app, ADDRESSES[2], "Bob Brown", &[]).await;
    let (s, body) = api(&app, ADDRESSES[1], "POST", "/api/v1/bodies/all-members/decisions",
        Some(json!({"title": "Adopt the code of conduct", "text": "As drafted.", "kind": "lazy-consensus"}))).await;
    assert_eq!(s, 201, "{body}");
    let id = body["id"].as_i64().expect("id");
    let page = format!("/decisions/{id}");
    let bob = app.login(ADDRESSES[2]).await;
    let (_, html) = get_text(&bob, &app, &page).await;
    assert!(
        html.contains(r#"value="support" checked"#),
        "support is the default"
    );
    assert!(html.contains("Proposed by Alice Adams"));
    let res = app
        .post_form(
            &bob,
            &page,
            &format!("/decisions/{id}/stance"),
            &[("stance", "object"), ("reason", "Too long.")],
        )
        .await;
    assert_eq!(res.status(), 303);
    // Back on the page, the form shows the objection, so submitting again does not flip it.
    let (_, html) = get_text(&bob, &app, &page).await;
    assert!(
        html.contains(r#"value="object" checked"#),
        "the current position is selected"
    );
    assert!(!html.contains(r#"value="support" checked"#));

    // A revision has the limits of a proposal (200-character title, 20,000-character text), on
    // the API and the page alike, and a refused one changes nothing.
    let long = json!({"title": "t".repeat(201), "text": "x".repeat(20_001)});
    let (s, b) = api(
        &app,
        ADDRESSES[1],
        "POST",
        &format!("/api/v1/decisions/{id}/revise"),
        Some(long),
    )
    .await;
    assert_eq!(s, 422, "{b}");
    assert_eq!(
        b["errors"]["title"].as_str().map(|m| !m.is_empty()),
        Some(true),
        "{b}"
    );
    assert!(b["errors"]["text"].is_string(), "{b}");
    let alice = app.login(ADDRESSES[1]).await;
    let res = app
        .post_form(
            &alice,
            &page,
            &format!("/decisions/{id}/revise"),
            &[("title", "t".repeat(201).as_str()), ("text", "Shorter.")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let (_, d) = api(
        &app,
        ADDRESSES[1],
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    assert_eq!(d["decision"]["version"], 1, "nothing changed");
    assert_eq!(d["decision"]["title"], "Adopt the code of conduct");

    // Withdrawing asks for a ticked confirmation first.
    let action = format!("/decisions/{id}/withdraw");
    let res = app.post_form(&alice, &page, &action, &[]).await;
    assert_eq!(res.status(), 422);
    assert!(res
        .text()
        .await
        .expect("html")
        .contains("Tick the box to confirm"));
    let (_, d) = api(
        &app,
        ADDRESSES[1],
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    assert_eq!(d["decision"]["status"], "contested", "nothing changed");
    let res = app
        .post_form(&alice, &page, &action, &[("confirm", "1")])
        .await;
    assert_eq!(res.status(), 303);
    let (_, d) = api(
        &app,
        ADDRESSES[1],
        "GET",
        &format!("/api/v1/decisions/{id}"),
        None,
    )
    .await;
    assert_eq!(d["decision"]["status"], "withdrawn");
}

// ---- Email delivery through a real SMTP server --------------------------------------------------------

pub(crate) struct SmtpServer {
    child: std::process::Child,
}

impl SmtpServer {
    /// Starts the server on a port it binds itself and keeps for its whole life; returns the port.
    pub(crate) fn start(out: &std::path::Path) -> (Self, u16) {
        let python = std::env::var("AGORA_SMTP_TEST_PYTHON").unwrap_or_else(|_| {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../scripts/smtp-test/.venv/bin/python"
            )
            .to_string()
        });
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scripts/smtp-test/server.py"
        );
        let mut child = std::process::Command::new(&python)
            .arg(script)
            .arg(out)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("start the SMTP test server with {python} (scripts/test installs it): {e}")
            });
        // Wait for "ready PORT".
        use std::io::BufRead;
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read");
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("SMTP test server did not start: {line:?}"));
        (Self { child }, port)
    }

    /// While down, the server refuses every message with a transient 421, as a mail server being
    /// restarted does.
    fn set_down(out: &std::path::Path, down: bool) {
        let flag = format!("{}.down", out.display());
        if down {
            std::fs::write(flag, "").expect("down");
        } else {
            std::fs::remove_file(flag).expect("up");
        }
    }

    pub(crate) fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An application on SQLite at https://agora.example that delivers its mail to the test server on
/// `port` every 100 ms.
pub(crate) async fn app_mailing_to(port: u16) -> TestApp {
    spawn_app_with(Backend::Sqlite, |c| {
        c.public_url = "https://agora.example".into();
        c.mail_interval = Duration::from_millis(100);
        c.smtp = Some(agora_web::scheduler::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: agora_web::scheduler::SmtpTls::None,
            username: None,
            password: None,
            from: "Agora <agora@openedx.example>".into(),
            retry_base: Duration::from_millis(200),
        });
    })
    .await
    .expect("sqlite app")
}

pub(crate) fn received(out: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(out)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

pub(crate) async fn wait_received(out: &std::path::Path, n: usize) -> Vec<Value> {
    for _ in 0..150 {
        let r = received(out);
        if r.len() >= n {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected {n} messages, got {:?}", received(out));
}

#[tokio::test]
async fn emails_survive_an_smtp_outage_and_are_delivered_once_it_is_back() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("received.jsonl");
    let (server, port) = SmtpServer::start(&out);
    let app = app_mailing_to(port).await;
    let g = group(&app, "mwg", 2).await;

    // Opening a proposal emails the three electors.
    let (s, body) = api(&app, &g.members[0], "POST", &format!("/api/v1/bodies/{}/decisions", g.slug),
        Some(json!({"title": "Adopt the brand guide", "text": "As drafted.", "kind": "lazy-consensus"}))).await;
    assert_eq!(s, 201);
    let id = body["id"].as_i64().expect("id");
    let got = wait_received(&out, 3).await;
    assert!(got
        .iter()
        .all(|m| m["subject"] == "New proposal: Adopt the brand guide"));
    let link = format!("https://agora.example/decisions/{id}");
    assert!(
        got[0]["body"].as_str().expect("body").contains(&link),
        "links carry the public URL"
    );
    let mut to: Vec<String> = got
        .iter()
        .map(|m| m["to"][0].as_str().expect("to").to_string())
        .collect();
    to.sort();
    assert_eq!(
        to,
        vec![
            "facilitator@mwg.example",
            "m0@mwg.example",
            "m1@mwg.example"
        ]
    );

    // The server goes down; the withdrawal notices wait in the outbox and are retried.
    SmtpServer::set_down(&out, true);
    let member = app.login(&g.members[0]).await;
    let res = app
        .post_form(
            &member,
            &format!("/decisions/{id}"),
            &format!("/decisions/{id}/withdraw"),
            &[("confirm", "1")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let mut failed = false;
    for _ in 0..100 {
        if app.store.outbox_backlog().await.expect("backlog").1 > 0 {
            failed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        failed,
        "a delivery attempt failed while the server was down"
    );
    assert_eq!(
        received(&out).len(),
        3,
        "nothing was delivered during the outage"
    );

    // Back up: every message arrives, once. Once the outbox holds nothing unsent, nothing can be
    // sent again, so the count is final.
    SmtpServer::set_down(&out, false);
    let got = wait_received(&out, 6).await;
    for _ in 0..150 {
        if app.store.outbox_backlog().await.expect("backlog") == (0, 0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(received(&out).len(), 6, "no duplicates");
    assert_eq!(
        got.iter()
            .filter(|m| m["subject"] == "Withdrawn: Adopt the brand guide")
            .count(),
        3
    );
    assert_eq!(app.store.outbox_backlog().await.expect("backlog"), (0, 0));
    server.kill();
}
