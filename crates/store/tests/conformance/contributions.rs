//! Conformance: article topics, contributions, their reviews with history, approved counts and the
//! public showcase.

use super::*;
use agora_domain::obligations::{
    ClientRef, ContributionInput, ContributionState, ContributionType, ReviewInput, TopicInput,
    TopicState,
};
use agora_store::{EventKind, ShowcaseFilter};

conformance!(
    a_contribution_goes_through_changes_to_approval_keeping_its_history,
    an_article_needs_an_approved_topic_of_its_own_partner,
    a_review_out_of_turn_changes_nothing,
    approved_counts_and_the_showcase_follow_approvals,
    damaged_contribution_rows_read_as_corrupt,
);

fn case_study(title: &str) -> agora_domain::obligations::NewContribution {
    ContributionInput {
        kind: "case_study".into(),
        title: title.into(),
        link: "https://example.org/case".into(),
        client: "Universidad Austral".into(),
        language: "es".into(),
        year: Some(2026),
        ..ContributionInput::default()
    }
    .parse(2026)
    .expect("valid")
}

fn review(verdict: &str, comment: &str) -> agora_domain::obligations::Review {
    ReviewInput {
        verdict: verdict.into(),
        comment: comment.into(),
    }
    .parse()
    .expect("valid review")
}

async fn reviewer(store: &Store) -> Who {
    let (body, people) = group(store, "marketing-wg", 1).await;
    let _ = body;
    people[1].1.clone()
}

async fn a_contribution_goes_through_changes_to_approval_keeping_its_history(store: Store) {
    let partner = active_partner(&store, "Campus Cloud", "BR").await;
    let r = reviewer(&store).await;
    let id = store
        .submit_contribution(partner, &case_study("First draft"), &admin())
        .await
        .expect("submit");
    let c = store.contribution(id).await.expect("read").expect("found");
    assert_eq!(c.state, ContributionState::Submitted);
    assert_eq!(c.partner.id, partner);
    assert_eq!(c.version.kind, ContributionType::CaseStudy);
    assert_eq!(
        c.version.client,
        ClientRef::Named {
            name: "Universidad Austral".into()
        }
    );

    let s = store
        .review_contribution(id, &review("request_changes", "Add numbers."), &r)
        .await
        .expect("review");
    assert_eq!(s, ContributionState::ChangesRequested);
    store
        .resubmit_contribution(id, &case_study("Second draft"), &admin())
        .await
        .expect("resubmit");
    let c = store.contribution(id).await.expect("read").expect("found");
    assert_eq!(c.state, ContributionState::Resubmitted);
    assert_eq!(c.version.title, "Second draft");
    assert_eq!(c.approved_at, None);
    let s = store
        .review_contribution(id, &review("approve", ""), &r)
        .await
        .expect("review");
    assert_eq!(s, ContributionState::Approved);
    let c = store.contribution(id).await.expect("read").expect("found");
    assert!(c.approved_at.is_some());

    let h = store.contribution_history(id).await.expect("history");
    assert_eq!(
        h.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [
            EventKind::Submitted,
            EventKind::RequestChanges,
            EventKind::Resubmitted,
            EventKind::Approve
        ]
    );
    assert_eq!(
        h[0].version.as_ref().map(|v| v.title.as_str()),
        Some("First draft")
    );
    assert_eq!(h[1].comment, "Add numbers.");
    // People are named by display name, never by address.
    assert_eq!(h[1].by, "m0");
    assert!(h.iter().all(|e| !e.by.contains('@')));
    assert_eq!(
        store
            .contributions_of(partner, Some(2026))
            .await
            .expect("list")
            .len(),
        1
    );
    assert!(store
        .contributions_of(partner, Some(2025))
        .await
        .expect("list")
        .is_empty());
    assert!(store
        .contributions_awaiting_review()
        .await
        .expect("queue")
        .is_empty());
    // An unknown partner or contribution is not found.
    assert!(matches!(
        store
            .submit_contribution(9999, &case_study("x"), &admin())
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .review_contribution(9999, &review("approve", ""), &r)
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn an_article_needs_an_approved_topic_of_its_own_partner(store: Store) {
    let partner = active_partner(&store, "Campus Cloud", "BR").await;
    let other = active_partner(&store, "Aula Abierta", "AR").await;
    let r = reviewer(&store).await;
    let topic = TopicInput {
        title: "Open edX for vocational schools".into(),
        summary: "How three schools run their courses.".into(),
    }
    .parse()
    .expect("valid");
    let t1 = store
        .propose_topic(partner, &topic, &admin())
        .await
        .expect("propose");
    let article = |topic_id: i64| {
        ContributionInput {
            kind: "article".into(),
            title: "Vocational schools".into(),
            topic_id: Some(topic_id),
            text: "…".into(),
            anonymous: true,
            language: "en".into(),
            ..ContributionInput::default()
        }
        .parse(2026)
        .expect("valid")
    };
    let e = store
        .submit_contribution(partner, &article(t1), &admin())
        .await
        .expect_err("topic not approved");
    assert_eq!(code(e), "topic-not-approved");
    assert_eq!(
        store
            .proposed_topics()
            .await
            .expect("queue")
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        [t1]
    );
    assert_eq!(
        store
            .review_topic(t1, &review("approve", "Good idea."), &r)
            .await
            .expect("review"),
        TopicState::Approved
    );
    let e = store
        .review_topic(t1, &review("reject", "Again?"), &r)
        .await
        .expect_err("already reviewed");
    assert_eq!(code(e), "not-awaiting-review");
    // Another partner may not write on it.
    let e = store
        .submit_contribution(other, &article(t1), &admin())
        .await
        .expect_err("not its topic");
    assert_eq!(code(e), "unknown-topic");
    let id = store
        .submit_contribution(partner, &article(t1), &admin())
        .await
        .expect("submit");
    let c = store.contribution(id).await.expect("read").expect("found");
    assert_eq!(
        c.topic_title.as_deref(),
        Some("Open edX for vocational schools")
    );
    let t = store.topic(t1).await.expect("read").expect("found");
    assert_eq!(t.review_comment, "Good idea.");
    assert_eq!(t.reviewed_by.as_deref(), Some("m0"));
    assert_eq!(store.topics_of(partner).await.expect("list").len(), 1);
    assert!(store.topics_of(other).await.expect("list").is_empty());
}

async fn a_review_out_of_turn_changes_nothing(store: Store) {
    let partner = active_partner(&store, "Campus Cloud", "BR").await;
    let r = reviewer(&store).await;
    let id = store
        .submit_contribution(partner, &case_study("Draft"), &admin())
        .await
        .expect("submit");
    let e = store
        .resubmit_contribution(id, &case_study("Early"), &admin())
        .await
        .expect_err("not sent back");
    assert_eq!(code(e), "not-awaiting-changes");
    store
        .review_contribution(id, &review("reject", "Not about Open edX."), &r)
        .await
        .expect("reject");
    let before = store.contribution_history(id).await.expect("history");
    let e = store
        .review_contribution(id, &review("approve", ""), &r)
        .await
        .expect_err("final");
    assert_eq!(code(e), "not-awaiting-review");
    assert_eq!(
        store.contribution_history(id).await.expect("history"),
        before
    );
    let c = store.contribution(id).await.expect("read").expect("found");
    assert_eq!(c.state, ContributionState::Rejected);
    assert_eq!(c.version.title, "Draft");
}

async fn approved_counts_and_the_showcase_follow_approvals(store: Store) {
    let a = active_partner(&store, "Campus Cloud", "BR").await;
    let b = active_partner(&store, "Aula Abierta", "AR").await;
    let r = reviewer(&store).await;
    let mut ids = vec![];
    for (p, title) in [(a, "One"), (a, "Two"), (b, "Three")] {
        ids.push(
            store
                .submit_contribution(p, &case_study(title), &admin())
                .await
                .expect("submit"),
        );
    }
    store
        .review_contribution(ids[0], &review("approve", ""), &r)
        .await
        .expect("approve");
    store
        .review_contribution(ids[2], &review("approve", ""), &r)
        .await
        .expect("approve");
    let counts = store
        .approved_counts(None, 2026..=2026)
        .await
        .expect("counts");
    assert_eq!(
        counts.get(&(a, 2026, ContributionType::CaseStudy)),
        Some(&1)
    );
    assert_eq!(
        counts.get(&(b, 2026, ContributionType::CaseStudy)),
        Some(&1)
    );
    assert_eq!(counts.len(), 2);
    let only_a = store
        .approved_counts(Some(a), 2020..=2030)
        .await
        .expect("counts");
    assert_eq!(only_a.len(), 1);
    assert!(store
        .approved_counts(None, 2027..=2030)
        .await
        .expect("counts")
        .is_empty());

    let all = store
        .showcase(&ShowcaseFilter::default(), 50)
        .await
        .expect("showcase");
    assert_eq!(all.len(), 2);
    let of_a = store
        .showcase(
            &ShowcaseFilter {
                partner_id: Some(a),
                ..ShowcaseFilter::default()
            },
            50,
        )
        .await
        .expect("showcase");
    assert_eq!(
        of_a.iter().map(|i| i.title.as_str()).collect::<Vec<_>>(),
        ["One"]
    );
    let none = store
        .showcase(
            &ShowcaseFilter {
                kind: Some(ContributionType::Logo),
                ..ShowcaseFilter::default()
            },
            50,
        )
        .await
        .expect("showcase");
    assert!(none.is_empty());
    let corporate = store
        .showcase(
            &ShowcaseFilter {
                segment: Some(agora_domain::taxonomy::Segment::Corporate),
                ..ShowcaseFilter::default()
            },
            50,
        )
        .await
        .expect("showcase");
    assert_eq!(corporate.len(), 2);
    let k12 = store
        .showcase(
            &ShowcaseFilter {
                segment: Some(agora_domain::taxonomy::Segment::K12),
                ..ShowcaseFilter::default()
            },
            50,
        )
        .await
        .expect("showcase");
    assert!(k12.is_empty());
    // A suspended partner leaves the showcase.
    store
        .execute_for_test(&format!(
            "UPDATE partners SET status = 'suspended' WHERE id = {b}"
        ))
        .await
        .expect("suspend");
    assert_eq!(
        store
            .showcase(&ShowcaseFilter::default(), 50)
            .await
            .expect("showcase")
            .len(),
        1
    );
}

async fn damaged_contribution_rows_read_as_corrupt(store: Store) {
    let partner = active_partner(&store, "Campus Cloud", "BR").await;
    let id = store
        .submit_contribution(partner, &case_study("Draft"), &admin())
        .await
        .expect("submit");
    let topic = TopicInput {
        title: "T".into(),
        summary: "S".into(),
    }
    .parse()
    .expect("valid");
    let t = store
        .propose_topic(partner, &topic, &admin())
        .await
        .expect("propose");
    damage(&store, "UPDATE contribution_events SET version_json = '{}'").await;
    assert_corrupt(
        store.contribution_history(id).await,
        "contribution_events",
        "version_json",
        "{}",
    );
    damage(&store, "UPDATE contribution_events SET kind = 'shrug'").await;
    assert_corrupt(
        store.contribution_history(id).await,
        "contribution_events",
        "kind",
        "shrug",
    );
    damage(&store, "UPDATE contributions SET kind = 'poster'").await;
    assert_corrupt(
        store.contribution(id).await,
        "contributions",
        "kind",
        "poster",
    );
    damage(&store, "UPDATE contributions SET state = 'pending'").await;
    assert_corrupt(
        store.contributions_of(partner, None).await,
        "contributions",
        "state",
        "pending",
    );
    damage(&store, "UPDATE contribution_topics SET state = 'maybe'").await;
    assert_corrupt(
        store.topic(t).await,
        "contribution_topics",
        "state",
        "maybe",
    );
}
