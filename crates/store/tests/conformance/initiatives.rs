//! Conformance: initiatives of groups, their open call, participants, cross-validator, sponsors,
//! outputs, the multi-stakeholder order and their ledger entries.

use super::*;
use agora_domain::activity::ActivitySource;
use agora_domain::groups::initiatives::{
    Initiative, InitiativeInput, InitiativeStatus, OutputInput, SponsorInput,
};
use chrono::{Duration, NaiveDate};

conformance!(
    initiatives_keep_their_definition_and_follow_the_life_cycle,
    joining_needs_an_open_call_and_is_recorded_once_in_the_ledger,
    multi_stakeholder_initiatives_are_listed_first,
    sponsors_and_outputs_are_kept_and_audited,
    concurrent_joins_are_all_recorded,
    damaged_initiative_rows_are_corrupt,
);

fn today(store: &Store) -> NaiveDate {
    store.now().date_naive()
}

fn initiative(store: &Store, title: &str) -> Initiative {
    InitiativeInput {
        title: title.into(),
        goal: "Show adopters how Open edX runs a course".into(),
        deliverables: "Six short videos".into(),
        stages: "awareness, consideration".into(),
        call_closes_on: (today(store) + Duration::days(30))
            .format("%Y-%m-%d")
            .to_string(),
    }
    .parse(today(store))
    .expect("valid")
}

async fn open(store: &Store, id: i64, who: &Who) {
    store
        .set_initiative_status(id, InitiativeStatus::OpenCall, today(store), who)
        .await
        .expect("open the call");
}

async fn audits(store: &Store, id: i64) -> Vec<String> {
    store
        .audit_page(
            &AuditFilter {
                entity_type: Some("initiative".into()),
                entity_id: Some(id.to_string()),
                ..AuditFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .expect("audit")
        .items
        .into_iter()
        .map(|e| e.action)
        .collect()
}

async fn initiatives_keep_their_definition_and_follow_the_life_cycle(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 1).await;
    let f = &people[0].1;
    let i = initiative(&store, "How-to videos");
    let id = store
        .create_initiative(body.id, &i, f)
        .await
        .expect("create");
    let read = store.initiative(id).await.expect("read").expect("found");
    assert_eq!(read.initiative, i);
    assert_eq!(read.status, InitiativeStatus::Proposed);
    assert_eq!(read.group_id, body.id);
    assert!(!read.multi_stakeholder);

    let mut changed = i.clone();
    changed.title = "How-to video series".into();
    store
        .update_initiative(id, &changed, f)
        .await
        .expect("update");
    // A jump over a step is refused, naming the status, and changes nothing.
    let err = store
        .set_initiative_status(id, InitiativeStatus::Completed, today(&store), f)
        .await
        .expect_err("jump");
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.get("status") == Some("invalid-transition"))
    );
    open(&store, id, f).await;
    for s in [InitiativeStatus::InProgress, InitiativeStatus::Completed] {
        store
            .set_initiative_status(id, s, today(&store), f)
            .await
            .expect("step");
    }
    let read = store.initiative(id).await.expect("read").expect("found");
    assert_eq!(read.status, InitiativeStatus::Completed);
    assert_eq!(read.initiative.title, "How-to video series");
    // Finished work changes no more.
    assert!(store.update_initiative(id, &i, f).await.is_err());
    assert_eq!(
        audits(&store, id).await.len(),
        5,
        "create, update and three status changes"
    );
    assert!(store.initiative(id + 100).await.expect("read").is_none());
}

async fn joining_needs_an_open_call_and_is_recorded_once_in_the_ledger(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 2).await;
    let f = &people[0].1;
    let (m, who_m) = (people[1].0, people[1].1.clone());
    let id = store
        .create_initiative(body.id, &initiative(&store, "Case studies"), f)
        .await
        .expect("create");
    let err = store
        .join_initiative(id, m, today(&store), &who_m)
        .await
        .expect_err("not open");
    assert!(matches!(err, StoreError::Invalid(ref v) if v.get("status") == Some("call-not-open")));
    open(&store, id, f).await;
    // After the closing day the call refuses, naming the closing day.
    let late = today(&store) + Duration::days(31);
    let err = store
        .join_initiative(id, m, late, &who_m)
        .await
        .expect_err("closed");
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.get("call_closes_on") == Some("call-closed"))
    );
    assert!(store
        .join_initiative(id, m, today(&store), &who_m)
        .await
        .expect("join"));
    assert!(!store
        .join_initiative(id, m, today(&store), &who_m)
        .await
        .expect("again"));
    let read = store.initiative(id).await.expect("read").expect("found");
    assert_eq!(read.participants.len(), 1);
    assert_eq!(read.participants[0].person_id, m);
    // A member who just joined the group and joins a first initiative: a first contribution.
    assert!(read.participants[0].first_contribution);
    // Withdrawing and joining again leaves one ledger entry.
    assert!(store
        .withdraw_from_initiative(id, m, &who_m)
        .await
        .expect("withdraw"));
    assert!(!store
        .withdraw_from_initiative(id, m, &who_m)
        .await
        .expect("again"));
    assert!(store
        .join_initiative(id, m, today(&store), &who_m)
        .await
        .expect("rejoin"));
    assert_eq!(
        store
            .activity_count(ActivitySource::Initiatives)
            .await
            .expect("count"),
        1
    );
    // A second initiative is no longer a first contribution.
    let id2 = store
        .create_initiative(body.id, &initiative(&store, "Webinars"), f)
        .await
        .expect("create");
    open(&store, id2, f).await;
    store
        .join_initiative(id2, m, today(&store), &who_m)
        .await
        .expect("join");
    let read = store.initiative(id2).await.expect("read").expect("found");
    assert!(!read.participants[0].first_contribution);
    let a = audits(&store, id).await;
    assert_eq!(
        a.iter().filter(|x| x.as_str() == "initiative.join").count(),
        2
    );
    assert_eq!(
        a.iter()
            .filter(|x| x.as_str() == "initiative.withdraw")
            .count(),
        1
    );
}

async fn multi_stakeholder_initiatives_are_listed_first(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 0).await;
    let f = &people[0].1;
    let acme = active_partner(&store, "Acme Learning", "FR").await;
    let beta = active_partner(&store, "Beta Courses", "ES").await;
    let in_group = |partner: i64| {
        vec![
            Grant {
                role: Role::GroupMember,
                scope_id: Some(body.id),
            },
            Grant {
                role: Role::PartnerMember,
                scope_id: Some(partner),
            },
        ]
    };
    let (a, who_a) = member(&store, "a@acme.example", &in_group(acme)).await;
    let (b, who_b) = member(&store, "b@beta.example", &in_group(beta)).await;
    let (a2, _) = member(&store, "a2@acme.example", &in_group(acme)).await;
    let single = store
        .create_initiative(body.id, &initiative(&store, "Single"), f)
        .await
        .expect("create");
    let multi = store
        .create_initiative(body.id, &initiative(&store, "Multi"), f)
        .await
        .expect("create");
    let validated = store
        .create_initiative(body.id, &initiative(&store, "Validated"), f)
        .await
        .expect("create");
    for id in [single, multi, validated] {
        open(&store, id, f).await;
    }
    store
        .join_initiative(single, a, today(&store), &who_a)
        .await
        .expect("join");
    store
        .join_initiative(multi, a, today(&store), &who_a)
        .await
        .expect("join");
    store
        .join_initiative(multi, b, today(&store), &who_b)
        .await
        .expect("join");
    store
        .join_initiative(validated, a, today(&store), &who_a)
        .await
        .expect("join");
    // A validator of the participants' own organization does not make it multi-stakeholder ...
    store
        .set_initiative_validator(validated, Some(a2), f)
        .await
        .expect("validator");
    let list = store.group_initiatives(body.id).await.expect("list");
    assert_eq!(
        list.iter()
            .map(|i| (i.initiative.title.as_str(), i.multi_stakeholder))
            .collect::<Vec<_>>(),
        vec![("Multi", true), ("Validated", false), ("Single", false)]
    );
    // ... one of another organization does.
    store
        .set_initiative_validator(validated, Some(b), f)
        .await
        .expect("validator");
    let list = store.group_initiatives(body.id).await.expect("list");
    let titles: Vec<&str> = list.iter().map(|i| i.initiative.title.as_str()).collect();
    assert_eq!(titles, vec!["Validated", "Multi", "Single"]);
    let v = list[0].cross_validator.as_ref().expect("validator");
    assert_eq!(v.person_id, b);
    assert_eq!(
        v.organization.as_ref().map(|o| o.name.as_str()),
        Some("Beta Courses")
    );
    let m = &list[1];
    let orgs: Vec<Option<&str>> = m
        .participants
        .iter()
        .map(|p| p.organization.as_ref().map(|o| o.name.as_str()))
        .collect();
    assert_eq!(orgs, vec![Some("Acme Learning"), Some("Beta Courses")]);
    // Someone outside the group cannot cross-validate.
    let (outsider, _) = member(&store, "out@example.org", &[]).await;
    let err = store
        .set_initiative_validator(single, Some(outsider), f)
        .await
        .expect_err("outsider");
    assert!(
        matches!(err, StoreError::Invalid(ref v) if v.get("cross_validator") == Some("not-a-member"))
    );
    // The cross-validator's review is in the ledger (with the participants' joining).
    assert_eq!(
        store
            .activity_count(ActivitySource::Initiatives)
            .await
            .expect("count"),
        6
    );
}

async fn sponsors_and_outputs_are_kept_and_audited(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 0).await;
    let f = &people[0].1;
    let id = store
        .create_initiative(body.id, &initiative(&store, "Videos"), f)
        .await
        .expect("create");
    let no_ack = SponsorInput {
        name: "Acme Learning".into(),
        branding_acknowledged: String::new(),
    };
    assert!(no_ack.parse().is_err());
    let name = SponsorInput {
        branding_acknowledged: "on".into(),
        ..no_ack
    }
    .parse()
    .expect("acknowledged");
    let sid = store
        .add_initiative_sponsor(id, &name, f)
        .await
        .expect("sponsor");
    let err = store
        .add_initiative_sponsor(id, &name, f)
        .await
        .expect_err("twice");
    assert!(matches!(err, StoreError::Invalid(ref v) if v.get("name") == Some("already-sponsor")));
    let o = OutputInput {
        title: "Video 1".into(),
        url: "https://www.youtube.com/watch?v=abc".into(),
    }
    .parse()
    .expect("valid");
    store
        .add_initiative_output(id, &o, f)
        .await
        .expect("output");
    let read = store.initiative(id).await.expect("read").expect("found");
    assert_eq!(read.sponsors.len(), 1);
    assert_eq!(read.sponsors[0].name, "Acme Learning");
    assert_eq!(read.outputs.len(), 1);
    assert_eq!(read.outputs[0].url, "https://www.youtube.com/watch?v=abc");
    assert!(store
        .remove_initiative_sponsor(id, sid, f)
        .await
        .expect("remove"));
    assert!(!store
        .remove_initiative_sponsor(id, sid, f)
        .await
        .expect("again"));
    let a = audits(&store, id).await;
    for action in [
        "initiative.create",
        "initiative.sponsor_add",
        "initiative.output_add",
        "initiative.sponsor_remove",
    ] {
        assert!(a.iter().any(|x| x == action), "{action} in {a:?}");
    }
    assert_eq!(a.len(), 4);
}

async fn concurrent_joins_are_all_recorded(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 16).await;
    let f = people[0].1.clone();
    let id = store
        .create_initiative(body.id, &initiative(&store, "Together"), &f)
        .await
        .expect("create");
    open(&store, id, &f).await;
    let day = today(&store);
    let tasks: Vec<_> = people[1..]
        .iter()
        .cloned()
        .map(|(p, who)| {
            let store = store.clone();
            tokio::spawn(async move { store.join_initiative(id, p, day, &who).await })
        })
        .collect();
    for t in tasks {
        assert!(t.await.expect("task").expect("join"));
    }
    let read = store.initiative(id).await.expect("read").expect("found");
    assert_eq!(read.participants.len(), 16);
    assert_eq!(
        store
            .verify_audit_chain()
            .await
            .expect("verify")
            .first_error,
        None
    );
}

async fn damaged_initiative_rows_are_corrupt(store: Store) {
    let (body, people) = group(&store, "marketing-wg", 0).await;
    let id = store
        .create_initiative(body.id, &initiative(&store, "Videos"), &people[0].1)
        .await
        .expect("create");
    let cases = [
        ("status", "'maybe'", "maybe", "'proposed'"),
        ("stages", "'fame'", "fame", "'awareness'"),
        ("call_closes_on", "'soon'", "soon", "NULL"),
        ("created_at", "'then'", "then", "'2026-01-01T00:00:00.000Z'"),
    ];
    for (column, bad, shown, original) in cases {
        damage(&store, &format!("UPDATE initiatives SET {column} = {bad}")).await;
        assert_corrupt(store.initiative(id).await, "initiatives", column, shown);
        damage(
            &store,
            &format!("UPDATE initiatives SET {column} = {original}"),
        )
        .await;
    }
    assert!(store.initiative(id).await.expect("read").is_some());
}
