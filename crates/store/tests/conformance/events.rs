//! Conformance: events, organizers, registrations, attendance and their ledger entries.

use super::*;
use agora_domain::activity::ActivityKind;
use agora_domain::events::{EventInput, EventKind, EventStatus};
use agora_domain::groups::ProfileInput;
use agora_store::{EventFilter, EventReader};

conformance!(
    an_event_keeps_its_definition_organizers_and_group,
    members_only_events_are_listed_to_members_and_organizers_only,
    registrations_respect_capacity_status_and_the_end,
    attendance_is_marked_from_the_start_and_recorded_in_the_ledger,
    concurrent_registrations_fill_the_seats_exactly,
    damaged_event_rows_are_corrupt,
);

fn input() -> EventInput {
    EventInput {
        kind: "webinar".into(),
        title: "Open edX in 2027".into(),
        description: "What is new".into(),
        start_time: "2027-03-10T10:00".into(),
        end_time: "2027-03-10T11:00".into(),
        zone: "America/New_York".into(),
        link: "https://meet.example.org/abc".into(),
        capacity: "2".into(),
        registration: "open".into(),
        audience: "public".into(),
        ..EventInput::default()
    }
}

fn event(i: &EventInput) -> agora_domain::events::Event {
    i.parse().expect("valid").event
}

async fn make_public(store: &Store, body: &Body) {
    let p = ProfileInput {
        kind: "working-group".into(),
        purpose: "Tell the world".into(),
        membership: "open".into(),
        visibility: "public".into(),
        ..ProfileInput::default()
    }
    .parse()
    .expect("valid");
    store
        .update_group(body.id, &p, &admin())
        .await
        .expect("profile");
}

fn anyone() -> EventReader {
    EventReader {
        person_id: None,
        admin: false,
    }
}

fn upcoming() -> EventFilter {
    EventFilter::default()
}

async fn an_event_keeps_its_definition_organizers_and_group(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 1).await;
    make_public(&store, &body).await;
    let (fid, facilitator) = (people[0].0, &people[0].1);
    let (other, _) = member(&store, "co@example.org", &[]).await;
    let e = event(&input());
    let id = store
        .create_event(&e, Some(body.id), &[fid, other], facilitator)
        .await
        .expect("create");
    let read = store.event(id).await.expect("read").expect("found");
    assert_eq!(read.event, e);
    assert_eq!(read.status, EventStatus::Scheduled);
    assert_eq!(
        read.group.as_ref().map(|g| g.slug.as_str()),
        Some("marketing-wg")
    );
    assert_eq!(read.organizers.len(), 2);
    // Standard time still: New York springs forward on 14 March 2027.
    assert_eq!(read.starts_at, t("2027-03-10T15:00:00Z"));
    assert_eq!(read.registered, 0);

    // An unknown organizer or group changes nothing.
    assert_eq!(
        code(
            store
                .create_event(&e, None, &[fid, 999_999], facilitator)
                .await
                .expect_err("unknown person")
        ),
        "unknown-person"
    );
    assert_eq!(
        code(
            store
                .create_event(&e, Some(999_999), &[fid], facilitator)
                .await
                .expect_err("unknown group")
        ),
        "unknown-group"
    );

    let mut edited = input();
    edited.kind = "meetup".into();
    edited.place = "Room 4".into();
    edited.capacity = String::new();
    let edited = event(&edited);
    store
        .update_event(id, &edited, Some(body.id), &[fid], facilitator)
        .await
        .expect("edit");
    let read = store.event(id).await.expect("read").expect("found");
    assert_eq!(read.event.kind, EventKind::Meetup);
    assert_eq!(read.organizers.len(), 1);

    // Lists: upcoming now, past once it ended; by kind and by group.
    let now = t("2027-01-01T00:00:00Z");
    let list = store
        .events(anyone(), &upcoming(), now)
        .await
        .expect("list");
    assert_eq!(list.len(), 1);
    let webinars = EventFilter {
        kind: Some(EventKind::Webinar),
        ..EventFilter::default()
    };
    assert!(store
        .events(anyone(), &webinars, now)
        .await
        .expect("list")
        .is_empty());
    let other_group = EventFilter {
        group_id: Some(body.id + 1000),
        ..EventFilter::default()
    };
    assert!(store
        .events(anyone(), &other_group, now)
        .await
        .expect("list")
        .is_empty());
    let later = t("2027-03-10T16:00:00Z");
    assert!(store
        .events(anyone(), &upcoming(), later)
        .await
        .expect("list")
        .is_empty());
    let past = EventFilter {
        past: true,
        ..EventFilter::default()
    };
    assert_eq!(
        store
            .events(anyone(), &past, later)
            .await
            .expect("list")
            .len(),
        1
    );

    assert!(store.cancel_event(id, facilitator).await.expect("cancel"));
    assert!(!store.cancel_event(id, facilitator).await.expect("again"));
    let read = store.event(id).await.expect("read").expect("found");
    assert_eq!(read.status, EventStatus::Cancelled);

    // Organizing is in the ledger, once per person and event.
    let ledger = store
        .activity(fid, None, PageRequest::new(1, 50))
        .await
        .expect("ledger");
    let organized: Vec<_> = ledger
        .items
        .iter()
        .filter(|a| a.kind == ActivityKind::Event)
        .collect();
    assert_eq!(organized.len(), 1);
}

async fn members_only_events_are_listed_to_members_and_organizers_only(store: Store) {
    // `group` makes a members-only group: its events may not be public.
    let (body, people) = group(&store, "inner", 1).await;
    let (fid, facilitator) = (people[0].0, &people[0].1);
    let e = event(&input());
    assert_eq!(
        code(
            store
                .create_event(&e, Some(body.id), &[fid], facilitator)
                .await
                .expect_err("public event of a members-only group")
        ),
        "group-is-members-only"
    );
    let mut i = input();
    i.audience = "members".into();
    i.group = "inner".into();
    let id = store
        .create_event(&event(&i), Some(body.id), &[fid], facilitator)
        .await
        .expect("create");
    let now = t("2027-01-01T00:00:00Z");
    let (outsider, _) = member(&store, "out@example.org", &[]).await;
    let as_person = |p| EventReader {
        person_id: Some(p),
        admin: false,
    };
    assert!(store
        .events(anyone(), &upcoming(), now)
        .await
        .expect("list")
        .is_empty());
    assert!(store
        .events(as_person(outsider), &upcoming(), now)
        .await
        .expect("list")
        .is_empty());
    let seen = store
        .events(as_person(people[1].0), &upcoming(), now)
        .await
        .expect("list");
    assert_eq!(seen.iter().map(|e| e.id).collect::<Vec<_>>(), [id]);
    let admin_reader = EventReader {
        person_id: None,
        admin: true,
    };
    assert_eq!(
        store
            .events(admin_reader, &upcoming(), now)
            .await
            .expect("list")
            .len(),
        1
    );
    // The member's private feed holds it; the outsider's does not.
    assert_eq!(
        store
            .events_of_person(people[1].0, now)
            .await
            .expect("feed")
            .len(),
        1
    );
    assert!(store
        .events_of_person(outsider, now)
        .await
        .expect("feed")
        .is_empty());
}

async fn registrations_respect_capacity_status_and_the_end(store: Store) {
    let (a, who_a) = member(&store, "a@example.org", &[]).await;
    let (b, who_b) = member(&store, "b@example.org", &[]).await;
    let (c, who_c) = member(&store, "c@example.org", &[]).await;
    let id = store
        .create_event(&event(&input()), None, &[a], &who_a)
        .await
        .expect("create");
    let now = t("2027-01-01T00:00:00Z");
    assert!(store
        .register_for_event(id, a, now, &who_a)
        .await
        .expect("a"));
    assert!(!store
        .register_for_event(id, a, now, &who_a)
        .await
        .expect("again"));
    assert!(store
        .register_for_event(id, b, now, &who_b)
        .await
        .expect("b"));
    assert_eq!(
        code(
            store
                .register_for_event(id, c, now, &who_c)
                .await
                .expect_err("full")
        ),
        "event-full"
    );
    assert!(!store.is_registered(id, c).await.expect("read"));
    // A capacity below the registered is refused and changes nothing.
    let mut smaller = input();
    smaller.capacity = "1".into();
    assert_eq!(
        code(
            store
                .update_event(id, &event(&smaller), None, &[a], &who_a)
                .await
                .expect_err("below")
        ),
        "capacity-below-registered"
    );
    assert_eq!(
        store
            .event(id)
            .await
            .expect("read")
            .expect("found")
            .event
            .capacity,
        Some(2)
    );
    assert!(store
        .unregister_from_event(id, b, &who_b)
        .await
        .expect("leave"));
    assert!(!store
        .unregister_from_event(id, b, &who_b)
        .await
        .expect("twice"));
    assert!(store
        .register_for_event(id, c, now, &who_c)
        .await
        .expect("c"));
    let list = store.event_registrants(id).await.expect("list");
    assert_eq!(
        list.iter().map(|r| r.person_id).collect::<Vec<_>>().len(),
        2
    );
    assert!(list.iter().any(|r| r.email == "c@example.org"));
    // Registered events in the coming week.
    let mine = EventFilter {
        registered_by: Some(c),
        starting_before: Some(t("2027-03-11T00:00:00Z")),
        ..EventFilter::default()
    };
    assert_eq!(
        store
            .events(anyone(), &mine, now)
            .await
            .expect("mine")
            .len(),
        1
    );
    assert_eq!(
        code(
            store
                .register_for_event(id, b, t("2027-03-10T16:00:00Z"), &who_b)
                .await
                .expect_err("over")
        ),
        "event-past"
    );
    store.cancel_event(id, &who_a).await.expect("cancel");
    store
        .unregister_from_event(id, c, &who_c)
        .await
        .expect("leave");
    assert_eq!(
        code(
            store
                .register_for_event(id, b, now, &who_b)
                .await
                .expect_err("cancelled")
        ),
        "event-cancelled"
    );
}

async fn attendance_is_marked_from_the_start_and_recorded_in_the_ledger(store: Store) {
    let (body, people) = group(&store, "walkers", 1).await;
    let (fid, facilitator) = (people[0].0, &people[0].1);
    let (mid, who_m) = (people[1].0, &people[1].1);
    let (stranger, _) = member(&store, "s@example.org", &[]).await;
    let mut i = input();
    i.audience = "members".into();
    i.group = "walkers".into();
    let id = store
        .create_event(&event(&i), Some(body.id), &[fid], facilitator)
        .await
        .expect("create");
    let before = t("2027-01-01T00:00:00Z");
    store
        .register_for_event(id, mid, before, who_m)
        .await
        .expect("register");
    assert_eq!(
        code(
            store
                .mark_event_attendance(id, &[mid], &[], before, facilitator)
                .await
                .expect_err("not begun")
        ),
        "event-not-started"
    );
    let during = t("2027-03-10T15:30:00Z");
    assert_eq!(
        code(
            store
                .mark_event_attendance(id, &[stranger], &[], during, facilitator)
                .await
                .expect_err("not registered")
        ),
        "not-registered"
    );
    assert_eq!(
        store
            .mark_event_attendance(id, &[mid], &[], during, facilitator)
            .await
            .expect("mark"),
        1
    );
    assert_eq!(
        store
            .mark_event_attendance(id, &[mid], &[], during, facilitator)
            .await
            .expect("again"),
        0
    );
    // A marked registrant stays registered.
    assert!(!store
        .unregister_from_event(id, mid, who_m)
        .await
        .expect("kept"));
    let ledger = store
        .activity(mid, None, PageRequest::new(1, 50))
        .await
        .expect("ledger");
    let attended: Vec<_> = ledger
        .items
        .iter()
        .filter(|a| a.kind == ActivityKind::Attended)
        .collect();
    assert_eq!(attended.len(), 1);
    assert_eq!(attended[0].occurred_at, t("2027-03-10T15:00:00Z"));
    assert_eq!(attended[0].group.as_ref().map(|g| g.id), Some(body.id));
    let list = store.event_registrants(id).await.expect("list");
    assert!(list[0].attended_at.is_some());
}

async fn concurrent_registrations_fill_the_seats_exactly(store: Store) {
    let (org, who_org) = member(&store, "org@example.org", &[]).await;
    let mut i = input();
    i.capacity = "10".into();
    let id = store
        .create_event(&event(&i), None, &[org], &who_org)
        .await
        .expect("create");
    let mut people = vec![];
    for n in 0..32 {
        people.push(member(&store, &format!("p{n}@example.org"), &[]).await);
    }
    let now = t("2027-01-01T00:00:00Z");
    let tasks: Vec<_> = people
        .into_iter()
        .map(|(p, who)| {
            let store = store.clone();
            tokio::spawn(async move { store.register_for_event(id, p, now, &who).await })
        })
        .collect();
    let mut ok = 0;
    let mut full = 0;
    for t in tasks {
        match t.await.expect("task") {
            Ok(true) => ok += 1,
            Err(StoreError::Invalid(v)) if v.get("registration") == Some("event-full") => full += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((ok, full), (10, 22));
    assert_eq!(
        store
            .event(id)
            .await
            .expect("read")
            .expect("found")
            .registered,
        10
    );
}

async fn damaged_event_rows_are_corrupt(store: Store) {
    let (a, who_a) = member(&store, "a@example.org", &[]).await;
    let id = store
        .create_event(&event(&input()), None, &[a], &who_a)
        .await
        .expect("create");
    let cases = [
        ("kind", "'party'", "party", "'webinar'"),
        (
            "zone",
            "'Mars/Olympus'",
            "Mars/Olympus",
            "'America/New_York'",
        ),
        ("start_local", "'soon'", "soon", "'2027-03-10T10:00:00'"),
        ("status", "'maybe'", "maybe", "'scheduled'"),
        ("visibility", "'secret'", "secret", "'public'"),
        (
            "link",
            "'javascript:x'",
            "javascript:x",
            "'https://meet.example.org/abc'",
        ),
        ("duration_minutes", "0", "0", "60"),
    ];
    for (column, bad, shown, original) in cases {
        damage(&store, &format!("UPDATE events SET {column} = {bad}")).await;
        assert_corrupt(store.event(id).await, "events", column, shown);
        damage(&store, &format!("UPDATE events SET {column} = {original}")).await;
    }
    assert!(store.event(id).await.expect("read").is_some());
}
