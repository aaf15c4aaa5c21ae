//! Conformance: meeting series, exceptions, agenda and notes, attendance and calendar links.

use super::*;
use agora_domain::groups::meetings::{parse_local, Exception, SeriesInput};
use agora_store::OccurrenceNotes;

conformance!(
    a_series_keeps_its_rule_zone_and_exceptions,
    members_mark_their_own_attendance_and_notes_are_per_occurrence,
    a_calendar_link_is_found_by_its_hash_and_revoked,
    damaged_meeting_rows_are_corrupt,
);

fn mwg_input() -> SeriesInput {
    SeriesInput {
        title: "Marketing WG meeting".into(),
        rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE".into(),
        start: "2026-01-07T10:00".into(),
        zone: "America/New_York".into(),
        duration_minutes: "60".into(),
        place: "https://meet.example.org/mwg".into(),
        agenda_template: "1. Updates".into(),
    }
}

async fn a_series_keeps_its_rule_zone_and_exceptions(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 1).await;
    let (other, _) = group(&store, "elsewhere", 0).await;
    let facilitator = &people[0].1;
    let s = mwg_input().parse().expect("valid");
    let id = store
        .create_meeting_series(body.id, &s, facilitator)
        .await
        .expect("create");
    let read = store
        .meeting_series(id)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(read.series, s);
    assert_eq!(read.group.slug, "marketing-wg");
    assert!(read.exceptions.is_empty());

    let o = parse_local("2026-03-04T10:00").expect("t");
    let moved = Exception {
        occurrence: o,
        moved_to: Some(parse_local("2026-03-05T11:00").expect("t")),
    };
    store
        .set_meeting_exception(body.id, id, &moved, facilitator)
        .await
        .expect("move");
    // A second exception of the same occurrence replaces the first.
    let cancelled = Exception {
        occurrence: o,
        moved_to: None,
    };
    store
        .set_meeting_exception(body.id, id, &cancelled, facilitator)
        .await
        .expect("cancel");
    let read = store
        .meeting_series(id)
        .await
        .expect("read")
        .expect("found");
    assert_eq!(read.exceptions, [cancelled]);

    // Another group's series is not found through this group.
    assert!(matches!(
        store
            .set_meeting_exception(other.id, id, &moved, facilitator)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_meeting_series(other.id, id, &s, facilitator)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .remove_meeting_exception(body.id, id, o, facilitator)
        .await
        .expect("restore");
    assert!(matches!(
        store
            .remove_meeting_exception(body.id, id, o, facilitator)
            .await,
        Err(StoreError::NotFound)
    ));
    let mut edited = mwg_input();
    edited.zone = "Europe/Paris".into();
    edited.title = "MWG".into();
    let edited = edited.parse().expect("valid");
    store
        .update_meeting_series(body.id, id, &edited, facilitator)
        .await
        .expect("edit");
    let all = store.meetings_of_group(body.id).await.expect("read");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].series.zone.name(), "Europe/Paris");
    assert!(store
        .meetings_of_group(other.id)
        .await
        .expect("read")
        .is_empty());
    // The member sees the series among theirs; someone of no group sees none.
    assert_eq!(
        store
            .meetings_of_person(people[1].0)
            .await
            .expect("read")
            .len(),
        1
    );
    let (outsider, _) = member(&store, "outsider@example.org", &[]).await;
    assert!(store
        .meetings_of_person(outsider)
        .await
        .expect("read")
        .is_empty());
    assert!(store
        .meetings_of_public_groups()
        .await
        .expect("read")
        .is_empty());
}

async fn members_mark_their_own_attendance_and_notes_are_per_occurrence(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 1).await;
    let facilitator = &people[0].1;
    let id = store
        .create_meeting_series(body.id, &mwg_input().parse().expect("valid"), facilitator)
        .await
        .expect("create");
    let o = parse_local("2026-01-21T10:00").expect("t");
    let (member_id, member_who) = (people[1].0, &people[1].1);
    assert!(store
        .set_attendance(body.id, id, o, member_id, true, member_who)
        .await
        .expect("attend"));
    // Marking again changes nothing and records nothing.
    let before = store.audit_actions().await.expect("read").len();
    assert!(!store
        .set_attendance(body.id, id, o, member_id, true, member_who)
        .await
        .expect("again"));
    assert_eq!(store.audit_actions().await.expect("read").len(), before);
    let names: Vec<_> = store
        .attendance(id, o)
        .await
        .expect("read")
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["m0"]);
    assert_eq!(store.attended(id, member_id).await.expect("read"), [o]);
    let (outsider, outsider_who) = member(&store, "outsider@example.org", &[]).await;
    assert_eq!(
        code(
            store
                .set_attendance(body.id, id, o, outsider, true, &outsider_who)
                .await
                .expect_err("not a member")
        ),
        "not-a-member"
    );
    assert_eq!(store.attendance(id, o).await.expect("read").len(), 1);
    assert!(store
        .set_attendance(body.id, id, o, member_id, false, member_who)
        .await
        .expect("unattend"));
    assert!(store.attendance(id, o).await.expect("read").is_empty());

    assert_eq!(store.occurrence_notes(id, o).await.expect("read"), None);
    let notes = OccurrenceNotes {
        agenda: "1. Webinar".into(),
        notes: "Agreed on a date.".into(),
    };
    store
        .set_occurrence_notes(body.id, id, o, &notes, facilitator)
        .await
        .expect("notes");
    assert_eq!(
        store.occurrence_notes(id, o).await.expect("read"),
        Some(notes)
    );
    let other = parse_local("2026-02-04T10:00").expect("t");
    assert_eq!(store.occurrence_notes(id, other).await.expect("read"), None);
    let long = OccurrenceNotes {
        agenda: "x".repeat(10_001),
        notes: String::new(),
    };
    assert_eq!(
        code(
            store
                .set_occurrence_notes(body.id, id, o, &long, facilitator)
                .await
                .expect_err("too long")
        ),
        "too-long"
    );
}

async fn a_calendar_link_is_found_by_its_hash_and_revoked(store: Store) {
    let (pid, who) = member(&store, "calendar@example.org", &[]).await;
    assert_eq!(store.calendar_feed_since(pid).await.expect("read"), None);
    store
        .set_calendar_feed(pid, "hash-1", &who)
        .await
        .expect("set");
    assert_eq!(
        store.calendar_feed_owner("hash-1").await.expect("read"),
        Some(pid)
    );
    // A new link replaces the old one.
    store
        .set_calendar_feed(pid, "hash-2", &who)
        .await
        .expect("replace");
    assert_eq!(
        store.calendar_feed_owner("hash-1").await.expect("read"),
        None
    );
    assert!(store
        .calendar_feed_since(pid)
        .await
        .expect("read")
        .is_some());
    assert!(store.revoke_calendar_feed(pid, &who).await.expect("revoke"));
    assert!(!store.revoke_calendar_feed(pid, &who).await.expect("again"));
    assert_eq!(
        store.calendar_feed_owner("hash-2").await.expect("read"),
        None
    );
}

async fn damaged_meeting_rows_are_corrupt(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 0).await;
    let id = store
        .create_meeting_series(body.id, &mwg_input().parse().expect("valid"), &people[0].1)
        .await
        .expect("create");
    store
        .set_meeting_exception(
            body.id,
            id,
            &Exception {
                occurrence: parse_local("2026-01-21T10:00").expect("t"),
                moved_to: Some(parse_local("2026-01-22T10:00").expect("t")),
            },
            &people[0].1,
        )
        .await
        .expect("move");
    let cases = [
        ("meeting_series", "zone", "'Mars/Olympus'", "Mars/Olympus"),
        (
            "meeting_series",
            "rule",
            "'FREQ=SOMETIMES'",
            "FREQ=SOMETIMES",
        ),
        ("meeting_series", "start_local", "'soon'", "soon"),
        ("meeting_series", "duration_minutes", "0", "0"),
        ("meeting_exceptions", "moved_to", "'later'", "later"),
        ("meeting_exceptions", "occurrence", "'then'", "then"),
    ];
    for (table, column, bad, shown) in cases {
        let original: String = match column {
            "duration_minutes" => "60".into(),
            "zone" => "'America/New_York'".into(),
            "rule" => "'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE'".into(),
            "start_local" => "'2026-01-07T10:00:00'".into(),
            "moved_to" => "'2026-01-22T10:00:00'".into(),
            _ => "'2026-01-21T10:00:00'".into(),
        };
        damage(&store, &format!("UPDATE {table} SET {column} = {bad}")).await;
        assert_corrupt(store.meeting_series(id).await, table, column, shown);
        damage(&store, &format!("UPDATE {table} SET {column} = {original}")).await;
    }
    assert!(store.meeting_series(id).await.expect("read").is_some());
}
