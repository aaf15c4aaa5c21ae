//! Conformance: tracking-log imports (facts, pseudonyms, idempotence, growth, bad files) and the
//! series computed from what the store keeps.

use super::*;
use agora_domain::courses::series::compute;
use agora_domain::courses::CourseId;
use std::io::Write;
use std::sync::Arc;

conformance!(
    a_log_is_imported_once_and_a_grown_log_adds_only_its_new_lines,
    files_that_are_not_tracking_logs_change_nothing,
    an_import_for_one_course_leaves_the_others_out,
    endless_lines_and_impossible_times_are_skipped,
    two_imports_of_one_file_at_once_add_it_once,
);

async fn endless_lines_and_impossible_times_are_skipped(store: Store) {
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("tracking.log");
    let mut text = line("amara", "play_video", "2026-03-02T09:00:00+00:00");
    // Two megabytes without a newline inside, then a proper end.
    text += &format!("{{\"username\": \"{}\"}}\n", "x".repeat(2 << 20));
    text += &line("zoe", "play_video", "0001-01-01T00:00:00+00:00");
    text += &line("zoe", "play_video", "9999-01-01T00:00:00+00:00");
    text += &line("bo", "play_video", "2026-03-03T09:00:00+00:00");
    write(&log, &text);
    let r = import(&store, &log).await.expect("import");
    assert_eq!((r.events, r.malformed), (2, 3), "{r:?}");
    let lines: Vec<u64> = r.malformed_lines.iter().map(|m| m.line).collect();
    assert_eq!(lines, vec![2, 3, 4]);
    let s = series(&store).await;
    assert_eq!(s.rows.len(), 1, "no week outside the course's real time");
    assert_eq!(s.rows[0].active, 2);
    // The long line counts in the file's progress: the same file again adds nothing.
    let again = import(&store, &log).await.expect("again");
    assert_eq!(again.events, 0);
    assert_eq!(again.already_imported_bytes, text.len() as u64);
}

async fn two_imports_of_one_file_at_once_add_it_once(store: Store) {
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("tracking.log");
    let mut text = String::new();
    for i in 0..40 {
        text += &line(
            &format!("learner{}", i % 4),
            "edx.forum.thread.created",
            "2026-03-02T09:00:00+00:00",
        );
    }
    write(&log, &text);
    let (a, b) = tokio::join!(import(&store, &log), import(&store, &log));
    // One adds the file; the other adds nothing, or is refused as busy.
    let added: u64 = [&a, &b]
        .iter()
        .map(|r| match r {
            Ok(r) => r.events,
            Err(agora_store::StoreError::Invalid(e)) => {
                assert_eq!(e.get("file"), Some("tracking-log-busy"));
                0
            }
            Err(e) => panic!("{e}"),
        })
        .sum();
    assert_eq!(added, 40);
    assert_eq!(series(&store).await.rows[0].forum_posts, 40);
}

async fn an_import_for_one_course_leaves_the_others_out(store: Store) {
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("tracking.log");
    let other =
        line("zoe", "play_video", "2026-03-03T09:00:00+00:00").replace("Intro101", "Other202");
    let text = line("amara", "play_video", "2026-03-02T09:00:00+00:00") + &other;
    write(&log, &text);
    let only = CourseId::parse(COURSE).expect("id");
    let r = import_for(&store, &log, Some(&only)).await.expect("import");
    assert_eq!((r.events, r.other_courses), (1, 1));
    assert_eq!(r.new_courses, vec![COURSE.to_string()]);
    let other_id = CourseId::parse("course-v1:OpenedX+Other202+2026_T1").expect("id");
    assert!(store
        .course_by_key(&other_id)
        .await
        .expect("read")
        .is_none());
    // The same file imported whole is another import: it adds the other course only.
    let r = import(&store, &log).await.expect("import");
    assert_eq!(r.already_imported_bytes, 0);
    assert_eq!(r.new_courses, vec![other_id.to_string()]);
    assert_eq!(series(&store).await.rows[0].active, 1);
}

const COURSE: &str = "course-v1:OpenedX+Intro101+2026_T1";

fn line(user: &str, name: &str, time: &str) -> String {
    format!(
        r#"{{"username": "{user}", "event_type": "{name}", "name": "{name}", "time": "{time}", "referer": "https://lms.example.org/courses/{COURSE}/about?ref=FRIENDS-1", "context": {{"course_id": "{COURSE}", "user_id": 1, "org_id": "OpenedX"}}, "event": {{"course_id": "{COURSE}"}}}}"#
    ) + "\n"
}

fn write(path: &std::path::Path, text: &str) {
    std::fs::write(path, text).expect("write");
}

async fn import(
    store: &Store,
    path: &std::path::Path,
) -> agora_store::Result<agora_store::TrackingReport> {
    import_for(store, path, None).await
}

async fn import_for(
    store: &Store,
    path: &std::path::Path,
    only: Option<&CourseId>,
) -> agora_store::Result<agora_store::TrackingReport> {
    let p = path.to_owned();
    store
        .import_tracking_log(
            &path.display().to_string(),
            move || agora_store::open_log(&p),
            only,
            &admin(),
            Arc::new(|_| {}),
        )
        .await
}

async fn series(store: &Store) -> agora_domain::courses::series::Series {
    let course = store
        .course_by_key(&CourseId::parse(COURSE).expect("id"))
        .await
        .expect("read")
        .expect("course created");
    let f = store.course_facts(course.id).await.expect("facts");
    compute(&f.weeks, &f.enrollments, &f.milestones, None)
}

async fn a_log_is_imported_once_and_a_grown_log_adds_only_its_new_lines(store: Store) {
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("tracking.log");
    let mut text = String::new();
    text += &line(
        "amara",
        "edx.course.enrollment.activated",
        "2026-03-02T09:00:00+00:00",
    );
    text += &line("amara", "play_video", "2026-03-02T10:00:00+00:00");
    text += &line(
        "amara",
        "edx.forum.thread.created",
        "2026-03-03T10:00:00+00:00",
    );
    text += "{\"username\": \"broken\", \"event_type\": \"play_video\", \"time\": \n";
    text += &line("bo", "problem_check", "2026-03-04T10:00:00.5Z");
    text += r#"{"username": "", "event_type": "/login", "time": "2026-03-04T10:00:00Z", "context": {"user_id": ""}}"#;
    text += "\n";
    // A line the log repeats is one enrollment.
    text += &line(
        "amara",
        "edx.course.enrollment.activated",
        "2026-03-02T09:00:00+00:00",
    );
    write(&log, &text);
    let audited = store.audit_seq().await.expect("seq");
    let r = import(&store, &log).await.expect("import");
    assert_eq!(
        (r.lines, r.events, r.outside, r.malformed),
        (7, 5, 1, 1),
        "{r:?}"
    );
    assert_eq!(r.malformed_lines[0].line, 4);
    assert_eq!(r.new_courses, vec![COURSE.to_owned()]);
    assert!(
        store.audit_seq().await.expect("seq") > audited,
        "the import is audited"
    );
    let s = series(&store).await;
    assert_eq!(s.rows.len(), 1);
    let course = store
        .course_by_key(&CourseId::parse(COURSE).expect("id"))
        .await
        .expect("read")
        .expect("course");
    let updated = store
        .course_data_updated_at(course.id)
        .await
        .expect("read")
        .expect("the course is as current as the import");
    assert!((store.now() - updated).num_minutes().abs() < 5, "{updated}");
    let w = &s.rows[0];
    // bo had no enrollment in the log: active, so enrolled before it began.
    assert_eq!((w.enrolled, w.new_enrollments, w.referred), (2, 2, 1));
    assert_eq!(
        (w.active, w.played_video, w.attempted_problem, w.forum_posts),
        (2, 1, 1, 1)
    );

    // The same file again adds nothing.
    let again = import(&store, &log).await.expect("again");
    assert_eq!((again.events, again.already_imported_bytes), (0, r.bytes));
    assert_eq!(series(&store).await, s);

    // The LMS appends a week later, and is writing a last line that is not finished yet.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("open");
    f.write_all(line("amara", "edx.forum.comment.created", "2026-03-10T10:00:00Z").as_bytes())
        .expect("append");
    f.write_all(line("bo", "edx.certificate.created", "2026-03-11T10:00:00Z").as_bytes())
        .expect("append");
    f.write_all(br#"{"username": "amara", "event_type": "play_vid"#)
        .expect("append");
    drop(f);
    let grown = import(&store, &log).await.expect("grown");
    assert_eq!(
        (grown.events, grown.already_imported_bytes),
        (2, r.bytes),
        "{grown:?}"
    );
    let s = series(&store).await;
    assert_eq!(s.rows.len(), 2);
    assert_eq!(
        s.rows[0].forum_posts, 1,
        "the first week is not counted twice"
    );
    assert_eq!(
        (
            s.rows[1].forum_posts,
            s.rows[1].certificates,
            s.rows[1].returning
        ),
        (1, 1, 1)
    );

    // The unfinished line, once finished, is read: only it.
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("open");
    f.write_all(b"eo\", \"time\": \"2026-03-12T10:00:00Z\", \"context\": {\"course_id\": \"OpenedX/Intro101/2026_T1\"}}\n")
        .expect("finish");
    drop(f);
    let finished = import(&store, &log).await.expect("finished");
    assert_eq!(finished.events, 1, "{finished:?}");
    assert!(
        finished.new_courses.is_empty(),
        "the slash form names the same course"
    );
    assert_eq!(
        series(&store).await.rows[1].played_video,
        1,
        "the finished line is a video played"
    );

    // A gzip log is read the same way.
    let gz = dir.path().join("tracking.log-20260320.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).expect("create"),
        flate2::Compression::default(),
    );
    enc.write_all(line("cy", "edx.video.played", "2026-03-17T08:00:00Z").as_bytes())
        .expect("gz");
    enc.finish().expect("gz");
    let r = import(&store, &gz).await.expect("gz import");
    assert_eq!(r.events, 1);
    assert_eq!(series(&store).await.rows[2].played_video, 1);
}

async fn files_that_are_not_tracking_logs_change_nothing(store: Store) {
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("grades.csv");
    write(&csv, &"id,username,grade\n1,amara,0.9\n".repeat(80));
    let audited = store.audit_seq().await.expect("seq");
    let e = import(&store, &csv).await.expect_err("not a log");
    assert!(
        matches!(&e, StoreError::Invalid(v) if v.get("file") == Some("not-a-tracking-log")),
        "{e:?}"
    );
    let empty = dir.path().join("empty.log");
    write(&empty, "");
    assert!(import(&store, &empty).await.is_err());
    assert_eq!(
        store.audit_seq().await.expect("seq"),
        audited,
        "nothing written"
    );

    // A file that begins like an imported one but differs after it is refused, unchanged.
    let log = dir.path().join("a.log");
    let mut text: String = (0..2000)
        .map(|i| line(&format!("u{i}"), "play_video", "2026-03-02T10:00:00Z"))
        .collect();
    write(&log, &text);
    import(&store, &log).await.expect("import");
    let before = series(&store).await;
    // The same length up to where the import stopped, one byte changed near its end, and more.
    let at = text.rfind("u1999").expect("last line");
    text.replace_range(at..at + 1, "x");
    text += &line("u2000", "play_video", "2026-03-03T10:00:00Z");
    write(&log, &text);
    let e = import(&store, &log).await.expect_err("differs");
    assert!(
        matches!(&e, StoreError::Invalid(v) if v.get("file") == Some("tracking-log-differs")),
        "{e:?}"
    );
    assert_eq!(series(&store).await, before);
}
