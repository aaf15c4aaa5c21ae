//! Community plans over HTTP, on both databases, as a course team meets them: a plan created with
//! its business plan (a refused row named, ROI and sensitivity shown), a measure, a tracking log
//! and an enrolled-students file uploaded in the browser (re-uploads add nothing, wrong files
//! change nothing), the measure moving, the series as CSV and API for the plan's people only, the
//! public progress page hiding small cells, and an overdue roadmap item on its owner's home.

use super::helpers::{api, TestApp};
use crate::both_backends;
use agora_store::Who;
use reqwest::Method;
use std::sync::Arc;

both_backends!(a_course_team_plans_imports_and_sees_its_measures_move);

const COURSE: &str = "course-v1:Org+Plan+2026";

fn line(user: &str, name: &str, time: &str, course: &str) -> String {
    format!(
        r#"{{"username": "{user}", "event_type": "{name}", "time": "{time}", "context": {{"course_id": "{course}"}}}}"#
    ) + "\n"
}

async fn upload(
    app: &TestApp,
    c: &reqwest::Client,
    plan: i64,
    token: &str,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("kind", kind.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    let res = c
        .post(app.url(&format!("/courses/{plan}/import?csrf_token={token}")))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn page(c: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let res = c.get(app.url(path)).send().await.expect("get");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

async fn a_course_team_plans_imports_and_sees_its_measures_move(app: TestApp) {
    let team_id = app.person("team@example.org", &[]).await;
    app.person("outsider@example.org", &[]).await;
    let team = app.login("team@example.org").await;
    let outsider = app.login("outsider@example.org").await;

    // A plan: the course id in the older form is stored in the canonical one.
    let res = app
        .post_form(
            &team,
            "/courses/new",
            "/courses",
            &[
                ("course_id", "Org/Plan/2026"),
                ("title", "Open edX for Operators"),
                ("organization", "Org"),
                ("purpose", "external"),
                (
                    "lms_url",
                    "https://lms.example.org/courses/course-v1:Org+Plan+2026/about",
                ),
                ("public_progress", "on"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let plan: i64 = location
        .trim_start_matches("/courses/")
        .parse()
        .expect("plan id");
    let plan_page = format!("/courses/{plan}");

    // The business plan: a bad amount is named on its row and changes nothing.
    let business = format!("/courses/{plan}/business");
    let res = app
        .post_form(
            &team,
            &business,
            &business,
            &[
                ("horizon_months", "12"),
                ("kind", "people"),
                ("label", "Community manager"),
                ("quantity", "1"),
                ("unit", "1,000"),
                ("cadence", "one-off"),
                ("kind", "revenue"),
                ("label", "Certificates"),
                ("quantity", "30"),
                ("unit", "1,0,0"),
                ("cadence", "one-off"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("id=\"lines.1.unit-error\""), "{body}");
    let stored = app.store.plan(plan).await.expect("read").expect("plan");
    assert!(stored.business.lines.is_empty());
    let res = app
        .post_form(
            &team,
            &business,
            &business,
            &[
                ("horizon_months", "12"),
                ("kind", "people"),
                ("label", "Community manager"),
                ("quantity", "1"),
                ("unit", "1,000"),
                ("cadence", "one-off"),
                ("kind", "revenue"),
                ("label", "Certificates"),
                ("quantity", "30"),
                ("unit", "100"),
                ("cadence", "one-off"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, body) = page(&team, &app, &plan_page).await;
    // (3,000 − 1,000) / 1,000 = 200 %; at −50 % the value is 1,500: 50 %.
    assert!(body.contains("<td>200 %</td>"), "{body}");
    assert!(body.contains("<td>50 %</td>"), "{body}");

    // Two public measures: enrolled (a count of 7 may be shown) and forum posts (2 may not).
    for (name, metric, target) in [
        ("Enrolled", "enrolled", "6"),
        ("Posts", "forum-posts", "10"),
    ] {
        let res = app
            .post_form(
                &team,
                &plan_page,
                &format!("/courses/{plan}/measures"),
                &[
                    ("name", name),
                    ("metric", metric),
                    ("target", target),
                    ("due_on", "2026-03-30"),
                    ("public", "on"),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{name}");
    }
    let (_, body) = page(&team, &app, &plan_page).await;
    assert!(body.contains("No data yet"), "nothing imported yet");
    // The plan's creator leads it; a removal is asked twice, and the form to add a measure is
    // folded away once there is one.
    assert!(
        body.contains("<th scope=\"row\">Strategic lead</th>"),
        "{body}"
    );
    assert!(
        body.contains("<details class=\"confirm\"><summary class=\"small danger\">Remove"),
        "{body}"
    );
    assert!(body.contains("Remove Enrolled?"), "{body}");
    assert!(
        body.contains("<details class=\"add-form\"><summary><h3>Add a measure</h3>"),
        "{body}"
    );

    // A measure is changed in place: a bad target is refused naming the field and changes
    // nothing; a good one is kept.
    let enrolled = app.store.plan_measures(plan).await.expect("measures")[0].clone();
    assert_eq!(enrolled.measure.name, "Enrolled");
    let edit = format!("/courses/{plan}/measures/{}/edit", enrolled.id);
    let (status, form) = page(&team, &app, &edit).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("value=\"6\""),
        "the form holds the target: {form}"
    );
    let fields = |target: &'static str| {
        [
            ("name", "Enrolled"),
            ("metric", "enrolled"),
            ("target", target),
            ("due_on", "2026-03-30"),
            ("public", "on"),
        ]
    };
    let res = app.post_form(&team, &edit, &edit, &fields("lots")).await;
    assert_eq!(res.status(), 422);
    let refused = res.text().await.expect("body");
    assert!(refused.contains("id=\"target-error\""), "{refused}");
    assert_eq!(
        app.store.plan_measures(plan).await.expect("measures")[0]
            .measure
            .target,
        6.0
    );
    let res = app.post_form(&team, &edit, &edit, &fields("5")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.store.plan_measures(plan).await.expect("measures")[0]
            .measure
            .target,
        5.0
    );
    // An outsider cannot reach the form.
    assert_eq!(page(&outsider, &app, &edit).await.0, 404);

    // A log uploaded in the browser: seven learners enroll, two post; another course's events
    // are left out.
    let mut log = String::new();
    for i in 0..7 {
        log += &line(
            &format!("learner{i}"),
            "edx.course.enrollment.activated",
            "2026-03-02T08:00:00Z",
            COURSE,
        );
    }
    log += &line(
        "learner0",
        "edx.forum.thread.created",
        "2026-03-03T08:00:00Z",
        COURSE,
    );
    log += &line(
        "learner1",
        "edx.forum.response.created",
        "2026-03-04T08:00:00Z",
        COURSE,
    );
    log += &line(
        "zoe",
        "play_video",
        "2026-03-04T08:00:00Z",
        "course-v1:Org+Other+2026",
    );
    let token = app.csrf(&team, &plan_page).await;
    let (status, body) = upload(
        &app,
        &team,
        plan,
        &token,
        "tracking",
        "tracking.log",
        log.clone().into_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("9 events of learners in courses")
            || body.contains("1 events of other courses"),
        "{body}"
    );
    let other = agora_domain::courses::CourseId::parse("course-v1:Org+Other+2026").expect("id");
    assert!(app
        .store
        .course_by_key(&other)
        .await
        .expect("read")
        .is_none());
    let (_, body) = page(&team, &app, &plan_page).await;
    assert!(body.contains("7 on 2026-03-30"), "{body}");
    assert!(body.contains("status-met"), "{body}");

    // The same file again adds nothing; a file that is not a log is refused whole.
    let before = app.store.verify_audit_chain().await.expect("count").checked;
    let (status, body) = upload(
        &app,
        &team,
        plan,
        &token,
        "tracking",
        "tracking.log",
        log.into_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = upload(
        &app,
        &team,
        plan,
        &token,
        "tracking",
        "notes.txt",
        b"hello\nworld\n".to_vec(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("is not an Open edX tracking log"), "{body}");
    // The enrolled-students CSV: wrong columns refused; the right file adds one learner.
    let (status, body) = upload(
        &app,
        &team,
        plan,
        &token,
        "enrolled",
        "people.csv",
        b"name,email\nA,a@example.org\n".to_vec(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("username and enrollment_date"), "{body}");
    assert_eq!(
        app.store.verify_audit_chain().await.expect("count").checked,
        before
    );
    let csv = "id,username,name,email,enrollment_mode,enrollment_date\n1,learner0,L0,l0@example.org,audit,2026-03-02 08:00:00+00:00\n9,newcomer,N,n@example.org,audit,2026-03-09 08:00:00+00:00\n";
    let (status, body) = upload(
        &app,
        &team,
        plan,
        &token,
        "enrolled",
        "enrolled.csv",
        csv.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(
        !body.contains("l0@example.org"),
        "no personal data is echoed"
    );

    // The series: CSV for the plan's people, with the API's column names.
    let (status, body) = page(&team, &app, &format!("/courses/{plan}/series.csv")).await;
    assert_eq!(status, 200);
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("week_start,enrolled,new_enrollments,active,returning,played_video,attempted_problem,forum_posts,completions,certificates,referred")
    );
    assert!(
        lines
            .next()
            .expect("first week")
            .starts_with("2026-03-02,7,7,2,"),
        "{body}"
    );
    let team_token = app.token(team_id).await;
    let series = format!("/api/v1/courses/{}/series", COURSE.replace('+', "%2B"));
    let (status, body) = api(&app, &team_token, Method::GET, &series, None).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["rows"][1]["enrolled"], 8, "the CSV's newcomer: {body}");

    // Outsiders see neither the plan nor its figures.
    assert_eq!(page(&outsider, &app, &plan_page).await.0, 404);
    assert_eq!(
        page(&outsider, &app, &format!("/courses/{plan}/series.csv"))
            .await
            .0,
        404
    );

    // The public page shows 7 but never the two posts.
    let anonymous = reqwest::Client::new();
    let (status, body) = page(&anonymous, &app, &format!("/courses/{plan}/progress")).await;
    assert_eq!(status, 200);
    // Seven enrolled, published rounded to five; two posts not at all.
    assert!(body.contains("<td>5</td>"), "{body}");
    assert!(!body.contains("<td>7</td>"), "{body}");
    assert!(body.contains("fewer than 5"), "{body}");
    assert!(!body.contains("<td>2</td>"), "{body}");
    assert!(!body.contains("example.org"), "{body}");
    assert!(
        body.contains("Learner activity last imported on 2026-"),
        "{body}"
    );
    // Sixteen anonymous visitors at once, as a shared link brings them: every one is answered.
    let mut visits = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let url = app.url(&format!("/courses/{plan}/progress"));
        visits.spawn(async move {
            reqwest::Client::new()
                .get(url)
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(0)
        });
    }
    let mut failed = 0;
    while let Some(status) = visits.join_next().await {
        if status.expect("visit") != 200 {
            failed += 1;
        }
    }
    assert_eq!(failed, 0, "anonymous visits refused or failed");

    // A roadmap item past its date is on its owner's home.
    let res = app
        .post_form(
            &team,
            &plan_page,
            &format!("/courses/{plan}/roadmap"),
            &[
                ("phase", "build-target-base"),
                ("title", "Mail the alumni"),
                ("owner", &team_id.to_string()),
                ("due_on", "2026-01-05"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let (_, tasks) = api(&app, &team_token, Method::GET, "/api/v1/me/tasks", None).await;
    assert!(
        tasks.to_string().contains("roadmap-overdue")
            && tasks.to_string().contains("Mail the alumni"),
        "{tasks}"
    );

    // A course whose learner data Agora already holds is not claimed by a member; a course
    // with a plan is not planned twice.
    let dir = tempfile::tempdir().expect("dir");
    let held = dir.path().join("held.log");
    std::fs::write(
        &held,
        line(
            "x",
            "play_video",
            "2026-03-02T08:00:00Z",
            "course-v1:Org+Held+2026",
        ),
    )
    .expect("write");
    app.store
        .import_tracking_log(
            "held.log",
            move || agora_store::open_log(&held),
            None,
            &Who::system(),
            Arc::new(|_| {}),
        )
        .await
        .expect("import");
    for (course, message) in [
        ("course-v1:Org+Held+2026", "already holds learner data"),
        (COURSE, "already has a plan"),
    ] {
        let res = app
            .post_form(
                &outsider,
                "/courses/new",
                "/courses",
                &[
                    ("course_id", course),
                    ("title", "Mine"),
                    ("organization", "Org"),
                    ("purpose", "internal"),
                ],
            )
            .await;
        assert_eq!(res.status(), 422, "{course}");
        let body = res.text().await.expect("body");
        assert!(body.contains(message), "{course}: {body}");
    }

    // No one says another organization runs their course; no one's home is given an item of a
    // plan they cannot open.
    let other = app
        .partner(
            "Aurora EdTech",
            agora_domain::partner::PartnerStatus::Active,
        )
        .await;
    let res = app
        .post_form(
            &outsider,
            "/courses/new",
            "/courses",
            &[
                ("course_id", "course-v1:Org+Claim+2026"),
                ("title", "Mine"),
                ("organization", "Org"),
                ("purpose", "internal"),
                ("partner", &other.profile.slug),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let outsider_id = app
        .store
        .person_by_email("outsider@example.org")
        .await
        .expect("read")
        .expect("outsider")
        .id;
    let res = app
        .post_form(
            &team,
            &plan_page,
            &format!("/courses/{plan}/roadmap"),
            &[
                ("phase", "engage"),
                ("title", "Something for a stranger"),
                ("owner", &outsider_id.to_string()),
                ("due_on", "2026-01-05"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(body.contains("cannot see the plan"), "{body}");
}
