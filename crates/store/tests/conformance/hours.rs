//! Conformance: time commitments (a member's hours per month and activity, corrections, the month's
//! bound, sharing, totals), their ledger entries, the monthly reminder once per person and month,
//! and the ledger entry of meeting attendance.

use super::*;
use agora_domain::activity::{ActivityKind, ActivitySource};
use agora_domain::governance::Visibility;
use agora_domain::groups::hours::{Hours, HoursActivity, HoursInput, Month, NewHours};
use agora_domain::groups::{GroupKind, GroupProfile, HoursRange, Membership};
use chrono::{Datelike, Duration};

conformance!(
    members_log_and_correct_hours_within_the_month_bound,
    sharing_and_totals_per_member_and_month,
    the_reminder_asks_once_per_person_and_month,
    attendance_is_activity_once_per_occurrence,
    damaged_hours_rows_are_corrupt,
);

fn this_month(store: &Store) -> Month {
    Month::containing(store.now().date_naive())
}

fn entry(month: Month, activity: &str, hours: &str) -> NewHours {
    HoursInput {
        month: month.to_string(),
        activity: activity.into(),
        hours: hours.into(),
        note: String::new(),
    }
    .parse(month.first_day())
    .expect("valid")
}

async fn with_range(store: &Store, body: &Body) {
    let p = GroupProfile {
        kind: GroupKind::WorkingGroup,
        parent: None,
        purpose: String::new(),
        charter: String::new(),
        hours: Some(HoursRange { min: 10, max: 20 }),
        chat_channel: String::new(),
        chat_url: None,
        mailing_list: String::new(),
        membership: Membership::Open,
        visibility: Visibility::Members,
    };
    store
        .update_group(body.id, &p, &admin())
        .await
        .expect("profile");
}

async fn ledger(store: &Store, person: i64) -> Vec<agora_store::ActivityEntry> {
    store
        .activity(person, None, PageRequest::new(1, 100))
        .await
        .expect("ledger")
        .items
}

async fn members_log_and_correct_hours_within_the_month_bound(store: Store) {
    let (body, people) = group(&store, "loggers", 1).await;
    let (other, _) = group(&store, "elsewhere", 0).await;
    let (member, member_who) = people[1].clone();
    let month = this_month(&store);

    let (e, new) = store
        .log_hours(body.id, &entry(month, "content", "3.5"), &member_who)
        .await
        .expect("log");
    assert!(new);
    assert_eq!(
        (e.person_id, e.month, e.activity, e.hours),
        (member, month, HoursActivity::Content, Hours(14))
    );
    // A correction replaces the month's figure for the activity and adds no ledger entry.
    let mut fix = entry(month, "content", "4");
    fix.note = "Brochure".into();
    let (e, new) = store
        .log_hours(body.id, &fix, &member_who)
        .await
        .expect("correct");
    assert!(!new);
    assert_eq!((e.hours, e.note.as_str()), (Hours(16), "Brochure"));
    // The same figure again changes nothing and writes no audit entry.
    let before = store
        .audit_page(&AuditFilter::default(), PageRequest::new(1, 1))
        .await
        .expect("audit")
        .total;
    store
        .log_hours(body.id, &fix, &member_who)
        .await
        .expect("same");
    let after = store
        .audit_page(&AuditFilter::default(), PageRequest::new(1, 1))
        .await
        .expect("audit")
        .total;
    assert_eq!(before, after);
    let l = ledger(&store, member).await;
    let hours: Vec<_> = l
        .iter()
        .filter(|a| a.source == ActivitySource::Hours)
        .collect();
    assert_eq!(hours.len(), 1, "one entry per month and activity");
    assert_eq!(hours[0].kind, ActivityKind::Hours);
    assert_eq!(
        hours[0].source_id,
        format!("hours:{}:{member}:{month}:content", body.id)
    );
    assert_eq!(hours[0].group.as_ref().map(|g| g.id), Some(body.id));

    // The month's total over activities stays within 744 hours; the refused entry changes nothing.
    store
        .log_hours(body.id, &entry(month, "code", "740"), &member_who)
        .await
        .expect("a busy month");
    let e = store
        .log_hours(body.id, &entry(month, "video", "0.25"), &member_who)
        .await
        .expect_err("over");
    assert_eq!(code(e), "hours-over-month");
    // Correcting the big entry down makes room.
    store
        .log_hours(body.id, &entry(month, "code", "700"), &member_who)
        .await
        .expect("correct down");
    store
        .log_hours(body.id, &entry(month, "video", "0.25"), &member_who)
        .await
        .expect("now fits");
    // In another group the bound is separate, but only members log.
    let e = store
        .log_hours(other.id, &entry(month, "code", "1"), &member_who)
        .await
        .expect_err("not a member");
    assert_eq!(code(e), "not-a-member");

    let log = store
        .hours_log(body.id, member, month.previous())
        .await
        .expect("log");
    let acts: Vec<_> = log.iter().map(|e| (e.activity, e.hours)).collect();
    assert_eq!(
        acts,
        [
            (HoursActivity::Content, Hours(16)),
            (HoursActivity::Video, Hours(1)),
            (HoursActivity::Code, Hours(2800)),
        ]
    );

    store
        .delete_hours(body.id, month, HoursActivity::Video, &member_who)
        .await
        .expect("delete");
    assert!(matches!(
        store
            .delete_hours(body.id, month, HoursActivity::Video, &member_who)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store
            .hours_log(body.id, member, month)
            .await
            .expect("log")
            .len(),
        2
    );
}

async fn sharing_and_totals_per_member_and_month(store: Store) {
    let (body, people) = group(&store, "sharers", 2).await;
    let (a, a_who) = people[1].clone();
    let (b, b_who) = people[2].clone();
    let month = this_month(&store);
    let last = month.previous();
    for (who, m, act, h) in [
        (&a_who, month, "content", "2"),
        (&a_who, month, "events", "1.5"),
        (&a_who, last, "outreach", "12"),
        (&b_who, month, "mentoring", "5"),
    ] {
        store
            .log_hours(body.id, &entry(m, act, h), who)
            .await
            .expect("log");
    }
    assert!(!store.hours_shared(body.id, a).await.expect("default"));
    assert!(store
        .set_hours_sharing(body.id, true, &a_who)
        .await
        .expect("share"));
    assert!(!store
        .set_hours_sharing(body.id, true, &a_who)
        .await
        .expect("again: no change"));
    assert!(store.hours_shared(body.id, a).await.expect("shared"));
    let totals = store.hours_totals(body.id, last).await.expect("totals");
    let rows: Vec<_> = totals
        .iter()
        .map(|t| (t.person_id, t.month, t.hours, t.shared))
        .collect();
    assert_eq!(
        rows,
        [
            (a, month, Hours(14), true),
            (a, last, Hours(48), true),
            (b, month, Hours(20), false),
        ]
    );
    assert!(totals.iter().all(|t| !t.name.contains('@')));
    // Only this month from this month on.
    assert_eq!(
        store.hours_totals(body.id, month).await.expect("t").len(),
        2
    );
    let e = store
        .set_hours_sharing(body.id, true, &Who::system())
        .await
        .expect_err("no person");
    assert_eq!(code(e), "sign-in-required");
    assert!(b > 0);
}

async fn the_reminder_asks_once_per_person_and_month(store: Store) {
    let (body, people) = group(&store, "reminded", 1).await;
    let (_plain, _) = group(&store, "no-range", 1).await;
    with_range(&store, &body).await;
    let (member, member_who) = people[1].clone();
    let clock = store.clock();
    // Move to the 10th of next month: outside the window nobody is reminded.
    let today = store.now().date_naive();
    let tenth = Month::containing(today).next().first_day() + Duration::days(9);
    clock.advance(Duration::days((tenth - today).num_days()));
    assert_eq!(store.now().day(), 10);
    assert_eq!(
        store
            .remind_hours_due(store.now())
            .await
            .expect("job")
            .reminded,
        0
    );
    // The 25th: the month's hours are asked of both members of the group with a range.
    clock.advance(Duration::days(15));
    let month = this_month(&store);
    assert_eq!(
        store
            .groups_missing_hours(member, month)
            .await
            .expect("missing")
            .iter()
            .map(|g| g.slug.as_str())
            .collect::<Vec<_>>(),
        ["reminded"]
    );
    assert_eq!(
        store
            .remind_hours_due(store.now())
            .await
            .expect("job")
            .reminded,
        2
    );
    let mails = emails_to(&store, "m0@reminded.example").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("email-group-hours-due"));
    assert!(mails[0].body.contains(&format!("month={month}")));
    assert!(mails[0].body.contains("reminded group"));
    assert!(emails_to(&store, "m0@no-range.example").await.is_empty());
    // Once per person and month, however often the job runs.
    clock.advance(Duration::days(1));
    assert_eq!(
        store
            .remind_hours_due(store.now())
            .await
            .expect("job")
            .reminded,
        0
    );
    // Logging takes the group off the list.
    store
        .log_hours(body.id, &entry(month, "meetings", "1"), &member_who)
        .await
        .expect("log");
    assert!(store
        .groups_missing_hours(member, month)
        .await
        .expect("missing")
        .is_empty());
    // Next month's window asks again of whoever has not logged for it.
    let next25 = month.next().first_day() + Duration::days(24);
    clock.advance(Duration::days(
        (next25 - store.now().date_naive()).num_days(),
    ));
    assert_eq!(
        store
            .remind_hours_due(store.now())
            .await
            .expect("job")
            .reminded,
        2
    );
    assert_eq!(emails_to(&store, "m0@reminded.example").await.len(), 2);
}

async fn attendance_is_activity_once_per_occurrence(store: Store) {
    let (body, people) = group(&store, "attenders", 1).await;
    let (member, member_who) = people[1].clone();
    let series = agora_domain::groups::meetings::SeriesInput {
        title: "Weekly".into(),
        rule: "FREQ=WEEKLY;BYDAY=WE".into(),
        start: "2026-01-07T10:00".into(),
        zone: "America/New_York".into(),
        duration_minutes: "60".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    let sid = store
        .create_meeting_series(body.id, &series, &people[0].1)
        .await
        .expect("series");
    let o = agora_domain::groups::meetings::parse_local("2026-03-04T10:00").expect("t");
    for present in [true, false, true] {
        store
            .set_attendance(body.id, sid, o, member, present, &member_who)
            .await
            .expect("mark");
    }
    let attended: Vec<_> = ledger(&store, member)
        .await
        .into_iter()
        .filter(|a| a.kind == ActivityKind::Attended)
        .collect();
    assert_eq!(attended.len(), 1, "once per occurrence");
    assert_eq!(attended[0].source, ActivitySource::Meetings);
    assert_eq!(attended[0].group.as_ref().map(|g| g.id), Some(body.id));
}

async fn damaged_hours_rows_are_corrupt(store: Store) {
    let (body, people) = group(&store, "damaged-hours", 1).await;
    let (member, member_who) = people[1].clone();
    let month = this_month(&store);
    store
        .log_hours(body.id, &entry(month, "code", "2"), &member_who)
        .await
        .expect("log");
    damage(&store, "UPDATE group_hours SET activity = 'gardening'").await;
    assert_corrupt(
        store.hours_log(body.id, member, month).await,
        "group_hours",
        "activity",
        "gardening",
    );
    damage(
        &store,
        "UPDATE group_hours SET activity = 'code', month = '2026-13'",
    )
    .await;
    assert_corrupt(
        store.hours_totals(body.id, month.previous()).await,
        "group_hours",
        "month",
        "2026-13",
    );
}
