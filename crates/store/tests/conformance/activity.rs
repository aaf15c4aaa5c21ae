//! Conformance: the activity ledger (appends de-duplicated by source and source id, order, privacy)
//! and the regular updates of groups (cadence, due and overdue, reminders once per due date).

use super::*;
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::groups::updates::{Staleness, UpdateInput, UpdateSettings};
use chrono::Duration;

conformance!(
    the_ledger_appends_once_per_source_id_newest_first,
    group_changes_append_to_the_ledger_with_the_change,
    other_readers_see_only_the_groups_they_may_view,
    updates_are_due_a_cadence_after_the_last_and_remind_once_per_due_date,
    damaged_activity_and_update_rows_are_corrupt,
    outside_history_keeps_every_character,
);

fn entry(person: i64, source: ActivitySource, id: &str, at: &str) -> NewActivity {
    NewActivity::new(person, source, id, ActivityKind::Commit, t(at))
        .detail(serde_json::json!({"sha": id}))
}

async fn audit_count(store: &Store) -> u64 {
    store
        .audit_page(&AuditFilter::default(), PageRequest::new(1, 1))
        .await
        .expect("audit")
        .total
}

fn all() -> PageRequest {
    PageRequest::new(1, 100)
}

async fn the_ledger_appends_once_per_source_id_newest_first(store: Store) {
    let (alice, _) = member(&store, "alice@example.org", &[]).await;
    let (bob, _) = member(&store, "bob@example.org", &[]).await;
    let batch = vec![
        entry(alice, ActivitySource::Git, "abc", "2026-01-02T10:00:00Z"),
        entry(alice, ActivitySource::Git, "def", "2026-03-02T10:00:00Z"),
        // The same id in another source is another entry.
        entry(alice, ActivitySource::Events, "abc", "2026-02-02T10:00:00Z"),
        entry(bob, ActivitySource::Git, "bob-1", "2026-01-01T00:00:00Z"),
    ];
    assert_eq!(
        store
            .record_activity(&batch, &admin())
            .await
            .expect("records"),
        4
    );
    let audited = audit_count(&store).await;

    // A second import of the same history adds nothing, and claims no change in the audit log.
    assert_eq!(
        store
            .record_activity(&batch, &admin())
            .await
            .expect("again"),
        0
    );
    assert_eq!(audit_count(&store).await, audited);
    let mut more = batch.clone();
    more.push(entry(
        alice,
        ActivitySource::Git,
        "ghi",
        "2026-02-15T00:00:00Z",
    ));
    assert_eq!(
        store.record_activity(&more, &admin()).await.expect("new"),
        1
    );
    assert_eq!(audit_count(&store).await, audited + 1);
    assert_eq!(
        store.activity_count(ActivitySource::Git).await.expect("n"),
        4
    );

    let mine = store.activity(alice, None, all()).await.expect("read");
    let ids: Vec<(&str, &str)> = mine
        .items
        .iter()
        .map(|e| (e.source.slug(), e.source_id.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("git", "def"),
            ("git", "ghi"),
            ("events", "abc"),
            ("git", "abc")
        ],
        "newest first"
    );
    assert_eq!(mine.items[0].detail, serde_json::json!({"sha": "def"}));
    assert!(mine.items.iter().all(|e| e.person_id == alice));
    let page = store
        .activity(alice, None, PageRequest::new(2, 3))
        .await
        .expect("page 2");
    assert_eq!((page.total, page.items.len()), (4, 1));

    // A bad entry is refused whole: nothing of the batch is written.
    let bad = vec![
        entry(
            alice,
            ActivitySource::Git,
            "new-one",
            "2026-04-01T00:00:00Z",
        ),
        entry(
            alice,
            ActivitySource::Git,
            " padded",
            "2026-04-01T00:00:00Z",
        ),
    ];
    assert_eq!(
        code(
            store
                .record_activity(&bad, &admin())
                .await
                .expect_err("bad")
        ),
        "invalid-source-id"
    );
    assert_eq!(
        store.activity_count(ActivitySource::Git).await.expect("n"),
        4
    );
}

fn update(progress: &str) -> agora_domain::groups::updates::NewUpdate {
    UpdateInput {
        progress: progress.into(),
        links: "https://example.org/report".into(),
        ..UpdateInput::default()
    }
    .parse(chrono::Utc::now().date_naive())
    .expect("valid update")
}

async fn group_changes_append_to_the_ledger_with_the_change(store: Store) {
    let (body, people) = group(&store, "ledger", 1).await;
    let (fac, fac_who) = people[0].clone();
    let (m1, _) = people[1].clone();
    let (newcomer, newcomer_who) = member(&store, "new@example.org", &[]).await;

    // Joining an open group (a group without a profile is open).
    store
        .sign_up(body.id, newcomer, false, "", &newcomer_who)
        .await
        .expect("joins");
    // A facilitator term that begins today.
    let today = store.now().date_naive();
    store
        .plan_term(
            body.id,
            m1,
            "primary",
            &today.to_string(),
            &(today + Duration::days(20)).to_string(),
            &admin(),
        )
        .await
        .expect("term");
    // An update.
    let u = store
        .post_update(body.id, &update("Progress"), &fac_who)
        .await
        .expect("posts");

    let kinds = |p: i64| {
        let store = store.clone();
        async move {
            store
                .activity(p, None, all())
                .await
                .expect("read")
                .items
                .into_iter()
                .map(|e| (e.kind, e.source, e.source_id, e.group.map(|g| g.id)))
                .collect::<Vec<_>>()
        }
    };
    let joined = kinds(newcomer).await;
    assert_eq!(joined.len(), 1);
    assert_eq!(
        (joined[0].0, joined[0].1, joined[0].3),
        (ActivityKind::Joined, ActivitySource::Groups, Some(body.id))
    );
    let facilitated = kinds(m1).await;
    assert_eq!(facilitated.len(), 1);
    assert_eq!(facilitated[0].0, ActivityKind::Facilitated);
    assert!(facilitated[0].2.starts_with("term:"));
    assert_eq!(
        kinds(fac).await,
        [(
            ActivityKind::Update,
            ActivitySource::Updates,
            format!("update:{}", u.id),
            Some(body.id)
        )]
    );

    // The rotation running again does not record the term twice.
    store
        .rotate_facilitators(store.now())
        .await
        .expect("rotation");
    assert_eq!(kinds(m1).await.len(), 1);

    // A refused change records nothing: joining twice.
    store
        .sign_up(body.id, newcomer, false, "", &newcomer_who)
        .await
        .expect_err("already a member");
    assert_eq!(kinds(newcomer).await.len(), 1);
}

async fn other_readers_see_only_the_groups_they_may_view(store: Store) {
    // `group` makes members-only groups; the second is made public.
    let (secret, people) = group(&store, "secret", 0).await;
    let (fac, fac_who) = people[0].clone();
    let public = store
        .create_body(
            &NewBody {
                slug: "open-wg".into(),
                name: "Open WG".into(),
                description: String::new(),
                visibility: Visibility::Public,
                min_close_hours: 24,
            },
            &admin(),
        )
        .await
        .expect("body");
    store
        .grant_role(
            fac,
            Grant {
                role: Role::Facilitator,
                scope_id: Some(public.id),
            },
            &admin(),
        )
        .await
        .expect("grant");
    store
        .post_update(secret.id, &update("Secret progress"), &fac_who)
        .await
        .expect("secret");
    store
        .post_update(public.id, &update("Public progress"), &fac_who)
        .await
        .expect("public");

    let everything = store.activity(fac, None, all()).await.expect("owner");
    assert_eq!(everything.total, 2);
    let members_only: Vec<_> = everything
        .items
        .iter()
        .filter(|e| e.group_visibility == Some(Visibility::Members))
        .collect();
    assert_eq!(members_only.len(), 1);
    // A reader who may see only the public group does not learn of the members-only one.
    let other = store
        .activity(fac, Some(&[public.id]), all())
        .await
        .expect("other");
    assert_eq!(other.total, 1);
    assert_eq!(other.items[0].group.as_ref().map(|g| g.id), Some(public.id));
    assert_eq!(
        store
            .activity(fac, Some(&[]), all())
            .await
            .expect("none")
            .total,
        0
    );
    // The feeds read updates by group: only the groups asked for.
    let feed = store.recent_updates(&[public.id], 10).await.expect("feed");
    assert_eq!(feed.len(), 1);
    assert_eq!(feed[0].progress, "Public progress");
    assert_eq!(
        feed[0].author, "facilitator",
        "display name, never the address"
    );
}

async fn updates_are_due_a_cadence_after_the_last_and_remind_once_per_due_date(store: Store) {
    let (body, people) = group(&store, "reporting", 1).await;
    let fac_who = people[0].1.clone();
    let fac_email = "facilitator@reporting.example";
    let clock = store.clock();
    let today = || store.now().date_naive();

    assert_eq!(
        store.update_settings(body.id).await.expect("defaults"),
        UpdateSettings::default()
    );
    let unset = store
        .update_schedules(&[body.id], today())
        .await
        .expect("schedule")
        .remove(&body.id)
        .expect("this group");
    assert_eq!(
        (unset.due_on, unset.status),
        (None, Staleness::Unscheduled),
        "not expected to report before it set its reporting up"
    );
    let weekly = UpdateSettings {
        cadence_days: 7,
        members_post: true,
    };
    store
        .set_update_settings(body.id, &weekly, &admin())
        .await
        .expect("settings");
    assert_eq!(store.update_settings(body.id).await.expect("read"), weekly);

    let schedule = |store: Store| async move {
        let today = store.now().date_naive();
        store
            .update_schedules(&[body.id], today)
            .await
            .expect("schedule")
            .remove(&body.id)
            .expect("this group")
    };
    let s = schedule(store.clone()).await;
    assert_eq!(
        s.due_on,
        Some(today() + Duration::days(7)),
        "a cadence after the reporting was set up"
    );
    assert_eq!((s.status, s.last_posted_at), (Staleness::OnTrack, None));
    assert_eq!(
        store
            .remind_updates_due(store.now())
            .await
            .expect("job")
            .reminded,
        0
    );

    clock.advance(Duration::days(8));
    let s = schedule(store.clone()).await;
    assert_eq!(s.status, Staleness::Overdue);
    assert_eq!(
        store
            .remind_updates_due(store.now())
            .await
            .expect("job")
            .reminded,
        1
    );
    let mails = emails_to(&store, fac_email).await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].subject.contains("email-group-update-due"));
    assert!(mails[0].body.contains("reporting group"));
    // Once per due date, however often the job runs.
    clock.advance(Duration::days(1));
    assert_eq!(
        store
            .remind_updates_due(store.now())
            .await
            .expect("job")
            .reminded,
        0
    );
    assert_eq!(emails_to(&store, fac_email).await.len(), 1);

    // An update restarts the cadence.
    let posted = store
        .post_update(body.id, &update("Done a lot"), &fac_who)
        .await
        .expect("posts");
    assert_eq!(posted.links, ["https://example.org/report"]);
    let s = schedule(store.clone()).await;
    assert_eq!(
        (s.due_on, s.status, s.last_posted_at),
        (
            Some(today() + Duration::days(7)),
            Staleness::OnTrack,
            Some(posted.posted_at)
        )
    );
    assert_eq!(
        store.recent_updates(&[body.id], 5).await.expect("recent"),
        std::slice::from_ref(&posted)
    );
    assert_eq!(
        store
            .updates_in_period(&[body.id], posted.period)
            .await
            .expect("digest"),
        std::slice::from_ref(&posted)
    );
    // Four days later it is due soon: a reminder for the new due date.
    clock.advance(Duration::days(4));
    assert_eq!(schedule(store.clone()).await.status, Staleness::DueSoon);
    assert_eq!(
        store
            .remind_updates_due(store.now())
            .await
            .expect("job")
            .reminded,
        1
    );
    assert_eq!(emails_to(&store, fac_email).await.len(), 2);
}

async fn damaged_activity_and_update_rows_are_corrupt(store: Store) {
    let (body, people) = group(&store, "damaged", 0).await;
    let (fac, fac_who) = people[0].clone();
    let u = store
        .post_update(body.id, &update("Progress"), &fac_who)
        .await
        .expect("posts");
    damage(&store, "UPDATE group_updates SET links = 'not json'").await;
    assert_corrupt(
        store.group_update(u.id).await,
        "group_updates",
        "links",
        "not json",
    );
    damage(&store, "UPDATE group_updates SET period = '2026-Q9'").await;
    assert_corrupt(
        store.group_update(u.id).await,
        "group_updates",
        "period",
        "2026-Q9",
    );
    damage(&store, "UPDATE activity SET kind = 'danced'").await;
    assert_corrupt(
        store.activity(fac, None, all()).await,
        "activity",
        "kind",
        "danced",
    );
    damage(
        &store,
        "UPDATE activity SET kind = 'update', occurred_at = 'yesterday'",
    )
    .await;
    assert_corrupt(
        store.activity(fac, None, all()).await,
        "activity",
        "occurred_at",
        "yesterday",
    );
}

/// Bulk imports carry their rows as JSON (SQLite) or array literals (PostgreSQL): quotes,
/// backslashes, braces, commas, the word NULL, control characters and non-ASCII text all come back
/// as they went in.
async fn outside_history_keeps_every_character(store: Store) {
    let (alice, _) = member(&store, "alice@example.org", &[]).await;
    let tricky = [
        "plain",
        "a \"quoted\" word",
        "back\\slash\\",
        "{braces},commas,",
        "NULL",
        "null",
        "tab\tand\nnewline",
        "\u{1}control",
        "café ☕ 漢字",
        "'single' -- ; DROP TABLE activity",
    ];
    let entries: Vec<agora_domain::activity::IdentityActivity> = tricky
        .iter()
        .enumerate()
        .map(|(i, text)| agora_domain::activity::IdentityActivity {
            identity: "alice@example.org".into(),
            bot: false,
            source: ActivitySource::Git,
            source_id: format!("{i}:{}", text.trim()),
            kind: ActivityKind::Commit,
            occurred_at: t("2026-01-02T10:00:00Z") + Duration::minutes(i as i64),
            detail: serde_json::json!({ "subject": text, "n": i }),
        })
        .collect();
    let report = store
        .import_outside_activity("git:tricky", &entries, &admin())
        .await
        .expect("import");
    assert_eq!(report.new_entries, tricky.len() as u64);
    let page = store.activity(alice, None, all()).await.expect("ledger");
    assert_eq!(page.items.len(), tricky.len());
    for e in &entries {
        let found = page
            .items
            .iter()
            .find(|a| a.source_id == e.source_id)
            .unwrap_or_else(|| panic!("{:?} missing", e.source_id));
        assert_eq!(found.detail, e.detail);
        assert_eq!(found.occurred_at, e.occurred_at);
    }
    // Nothing new the second time.
    let again = store
        .import_outside_activity("git:tricky", &entries, &admin())
        .await
        .expect("again");
    assert_eq!(again.new_entries, 0);
}
