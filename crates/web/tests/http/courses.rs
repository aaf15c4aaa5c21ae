//! Courses over HTTP, on both databases: a tracking log imported through the store is read back as
//! the weekly series of `GET /api/v1/courses/{course_id}/series`, with either form of the id; the
//! exact figures are the foundation's.

use super::helpers::{api, TestApp};
use crate::both_backends;
use agora_domain::permissions::{Grant, Role};
use agora_store::Who;
use reqwest::Method;
use std::sync::Arc;

both_backends!(a_course_series_is_read_by_the_foundation_only);

async fn a_course_series_is_read_by_the_foundation_only(app: TestApp) {
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("tracking.log");
    let line = |user: &str, name: &str, time: &str| {
        format!(
            r#"{{"username": "{user}", "event_type": "{name}", "time": "{time}", "context": {{"course_id": "course-v1:Org+C1+2026"}}, "referer": "https://lms/courses/course-v1:Org+C1+2026/about?ref=FRIENDS"}}"#
        ) + "\n"
    };
    let text = [
        line(
            "a",
            "edx.course.enrollment.activated",
            "2026-03-02T08:00:00Z",
        ),
        line("a", "play_video", "2026-03-02T09:00:00Z"),
        line("b", "problem_check", "2026-03-03T09:00:00Z"),
        line("a", "edx.forum.thread.created", "2026-03-10T09:00:00Z"),
    ]
    .concat();
    std::fs::write(&log, text).expect("write");
    let p = log.clone();
    app.store
        .import_tracking_log(
            "tracking.log",
            move || agora_store::open_log(&p),
            None,
            &Who::system(),
            Arc::new(|_| {}),
        )
        .await
        .expect("import");
    let admin = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let member = app.person("member@example.org", &[]).await;
    let (admin_t, member_t) = (app.token(admin).await, app.token(member).await);

    for id in [
        "course-v1:Org%2BC1%2B2026",
        "course-v1:Org+C1+2026",
        "Org%2FC1%2F2026",
    ] {
        let (status, body) = api(
            &app,
            &admin_t,
            Method::GET,
            &format!("/api/v1/courses/{id}/series?interval=week"),
            None,
        )
        .await;
        assert_eq!(status, 200, "{id}: {body}");
        assert_eq!(body["course_id"], "course-v1:Org+C1+2026");
        let rows = body["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 2, "{body}");
        assert_eq!(rows[0]["week_start"], "2026-03-02");
        assert_eq!(rows[0]["enrolled"], 2);
        assert_eq!(rows[0]["new_enrollments"], 2);
        assert_eq!(rows[0]["active"], 2);
        assert_eq!(rows[0]["played_video"], 1);
        assert_eq!(rows[0]["attempted_problem"], 1);
        assert_eq!(rows[0]["referred"], 1);
        assert_eq!(rows[1]["returning"], 1);
        assert_eq!(rows[1]["forum_posts"], 1);
        for key in ["completions", "certificates"] {
            assert_eq!(rows[1][key], 0, "{key}");
        }
    }
    let path = "/api/v1/courses/course-v1:Org+C1+2026/series";
    let (status, _) = api(&app, &member_t, Method::GET, path, None).await;
    assert_eq!(
        status, 404,
        "exact figures are not everyone's: a course with no plan shared is not there"
    );
    let (status, _) = api(&app, "", Method::GET, path, None).await;
    assert_eq!(status, 401);
    let (status, e) = api(
        &app,
        &admin_t,
        Method::GET,
        "/api/v1/courses/not-a-course/series",
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["course_id"], "invalid-course-id", "{e}");
    let (status, e) = api(
        &app,
        &admin_t,
        Method::GET,
        &format!("{path}?interval=day"),
        None,
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(e["codes"]["interval"], "invalid-choice", "{e}");
    let (status, _) = api(
        &app,
        &admin_t,
        Method::GET,
        "/api/v1/courses/course-v1:Org+Unknown+2026/series",
        None,
    )
    .await;
    assert_eq!(status, 404);
}
