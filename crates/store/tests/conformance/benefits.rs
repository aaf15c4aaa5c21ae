//! Conformance: partner benefits (programs, sign-ups, the training library) and the lead policy's
//! optional weighing of the marketing obligations.

use super::*;
use agora_domain::benefits::{
    parse_training_file, Join, JoinInput, ParticipantRole, ProgramInput, ProgramKind, TrainingInput,
};
use agora_domain::leads::allocation::ComplianceWeights;
use agora_domain::obligations::{ObligationPolicy, ObligationStatus, Years};

conformance!(
    programs_take_sign_ups_from_active_partners_up_to_their_seats,
    the_training_library_keeps_files_and_who_opened_them,
    the_lead_policy_may_weigh_obligations_and_every_explanation_says_so,
);

fn program(kind: &str, seats: &str) -> agora_domain::benefits::Program {
    ProgramInput {
        kind: kind.into(),
        title: format!("A {kind}"),
        description: "For partners.".into(),
        seats: seats.into(),
        ..Default::default()
    }
    .parse()
    .expect("valid")
}

async fn programs_take_sign_ups_from_active_partners_up_to_their_seats(store: Store) {
    let a = active_partner(&store, "Org A", "FR").await;
    let b = active_partner(&store, "Org B", "DE").await;
    let c = store
        .create_partner(
            &profile("Org C", "ES", "hosting"),
            PartnerStatus::Suspended,
            &admin(),
        )
        .await
        .expect("partner")
        .id;
    let (_, who) = member(&store, "pa@a.example", &[]).await;
    let beta = store
        .create_program(&program("beta", "1"), &admin())
        .await
        .expect("beta");
    let note = JoinInput {
        assets: "Our QA team.".into(),
        ..Default::default()
    }
    .parse(ProgramKind::Beta)
    .expect("join");
    store
        .join_program(beta, a, &note, &who)
        .await
        .expect("A joins");
    // A changes its note without needing a second seat; B finds none left; C is not active.
    store
        .join_program(beta, a, &note, &who)
        .await
        .expect("A changes");
    let refused = |r: Result<(), StoreError>| match r {
        Err(StoreError::Invalid(e)) => e.get("program"),
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(
        refused(store.join_program(beta, b, &note, &who).await),
        Some("program-full")
    );
    let campaign = store
        .create_program(&program("campaign", ""), &admin())
        .await
        .expect("campaign");
    assert_eq!(
        refused(store.join_program(campaign, c, &note, &who).await),
        Some("partner-not-active")
    );
    let sponsor = Join {
        role: ParticipantRole::Sponsor,
        assets: "Two webinars.".into(),
    };
    store
        .join_program(campaign, b, &sponsor, &who)
        .await
        .expect("B sponsors");
    store
        .join_program(campaign, a, &note, &who)
        .await
        .expect("A takes part");
    let people = store.participants(campaign).await.expect("read");
    assert_eq!(
        people
            .iter()
            .map(|p| (p.partner_name.as_str(), p.role))
            .collect::<Vec<_>>(),
        [
            ("Org B", ParticipantRole::Sponsor),
            ("Org A", ParticipantRole::Participant)
        ],
        "sponsors first"
    );
    assert_eq!(people[0].contact, "pa");
    assert_eq!(
        store
            .participations_of(a)
            .await
            .expect("read")
            .iter()
            .map(|p| p.program_id)
            .collect::<Vec<_>>(),
        [beta, campaign]
    );
    // Fewer seats than sign-ups, or another kind, is refused; closing keeps the sign-ups.
    let mut fewer = program("campaign", "1");
    let e = store
        .update_program(campaign, &fewer, &admin())
        .await
        .expect_err("fewer");
    assert!(
        matches!(e, StoreError::Invalid(ref v) if v.get("seats") == Some("fewer-seats-than-participants"))
    );
    let e = store
        .update_program(campaign, &program("beta", ""), &admin())
        .await
        .expect_err("kind");
    assert!(matches!(e, StoreError::Invalid(ref v) if v.get("kind") == Some("program-kind-fixed")));
    fewer.seats = None;
    fewer.open = false;
    store
        .update_program(campaign, &fewer, &admin())
        .await
        .expect("close");
    let closed = store.program(campaign).await.expect("read").expect("there");
    assert!(!closed.program.open);
    assert_eq!(closed.signed_up, 2);
    assert_eq!(
        refused(store.join_program(campaign, b, &sponsor, &who).await),
        Some("program-closed")
    );
    store.leave_program(beta, a, &who).await.expect("A leaves");
    assert!(matches!(
        store.leave_program(beta, a, &who).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.programs(Some(ProgramKind::Beta)).await.expect("read")[0].signed_up,
        0
    );
}

async fn the_training_library_keeps_files_and_who_opened_them(store: Store) {
    let a = active_partner(&store, "Org A", "FR").await;
    let (reader, _) = member(&store, "reader@a.example", &[]).await;
    let bytes: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let file = parse_training_file("Pitch deck.pdf", bytes.clone()).expect("file");
    let text = |audience: &str, link: &str| TrainingInput {
        title: format!("For {audience}"),
        description: "Read it.".into(),
        audience: audience.into(),
        link: link.into(),
    };
    let with_file = store
        .create_training(
            &text("sales", "").parse(true).expect("valid"),
            Some(&file),
            &admin(),
        )
        .await
        .expect("file item");
    let linked = store
        .create_training(
            &text("technical", "https://docs.example.org/x")
                .parse(false)
                .expect("valid"),
            None,
            &admin(),
        )
        .await
        .expect("linked item");
    let (name, content_type, back) = store
        .training_file(with_file)
        .await
        .expect("read")
        .expect("file");
    assert_eq!(
        (name.as_str(), content_type.as_str()),
        ("Pitch deck.pdf", "application/pdf")
    );
    assert_eq!(back, bytes, "the file reads back byte for byte");
    assert_eq!(store.training_file(linked).await.expect("read"), None);
    let sales = store
        .training_items(Some(agora_domain::benefits::Audience::Sales), false)
        .await
        .expect("read");
    assert_eq!(sales.iter().map(|t| t.id).collect::<Vec<_>>(), [with_file]);
    assert_eq!(sales[0].file_size, Some(300_000));
    // A reload within minutes counts once; a later reading counts again.
    for minutes in [0, 1, agora_store::REOPEN_MINUTES + 1] {
        store.clock().advance(chrono::Duration::minutes(minutes));
        store
            .log_training_open(with_file, reader, a)
            .await
            .expect("open");
    }
    let item = store
        .training_item(with_file)
        .await
        .expect("read")
        .expect("item");
    assert_eq!((item.opens, item.readers), (2, 1));
    let opens = store.training_opens(None, 10).await.expect("read");
    assert_eq!(opens.len(), 2);
    assert_eq!(opens[0].person, "reader");
    assert_eq!(opens[0].partner.as_deref(), Some("Org A"));
    store
        .archive_training(with_file, true, &admin())
        .await
        .expect("archive");
    assert_eq!(
        store
            .training_items(None, false)
            .await
            .expect("read")
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        [linked]
    );
    assert_eq!(
        store.training_items(None, true).await.expect("read").len(),
        2
    );
    assert_eq!(
        store
            .training_opens(Some(with_file), 10)
            .await
            .expect("read")
            .len(),
        2,
        "the record outlives the archiving"
    );
}

async fn the_lead_policy_may_weigh_obligations_and_every_explanation_says_so(store: Store) {
    let a = active_partner(&store, "Org A", "FR").await;
    let b = active_partner(&store, "Org B", "FR").await;
    store
        .adopt_obligation_policy(
            &ObligationPolicy::fixed(
                1,
                Years {
                    first: 2026,
                    last: None,
                },
            ),
            "Part 5",
            None,
            &admin(),
        )
        .await
        .expect("obligations");
    // Nobody has contributed: on track early in the first year, behind in its last quarter, and
    // overdue through the next year.
    let standing = |day: &str| {
        let store = store.clone();
        let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day");
        async move { store.lead_standings(day).await.expect("standings") }
    };
    assert_eq!(
        standing("2026-01-10").await.get(&a),
        Some(&ObligationStatus::OnTrack)
    );
    assert_eq!(
        standing("2026-12-01").await.get(&a),
        Some(&ObligationStatus::Behind)
    );
    assert_eq!(
        standing("2027-01-10").await.get(&b),
        Some(&ObligationStatus::Overdue)
    );

    let lead =
        |email: &str| submission(lead_input(email, "Org", "FR"), None, "2026-12-01T09:00:00Z");
    let explained = |lead_id: i64| {
        let store = store.clone();
        async move {
            let a = store.lead_allocations(lead_id).await.expect("allocations");
            a.last().expect("allocated").explanation.explanation.clone()
        }
    };
    // Off (the default): no standing in the explanation, no factor.
    let first = store
        .submit_leads(&[lead("one@lead.example")])
        .await
        .expect("submit")[0]
        .as_ref()
        .expect("lead")
        .lead_id();
    store
        .allocate_pending(t("2026-12-01T10:00:00Z"), 10)
        .await
        .expect("allocate");
    let e = explained(first).await;
    assert_eq!(e.candidates.len(), 2);
    assert!(e
        .candidates
        .iter()
        .all(|c| c.compliance.is_none() && c.compliance_factor == 1.0));

    // On: each candidate's standing and factor are part of the explanation, and of the policy.
    let mut policy = store.lead_policy().await.expect("policy").policy;
    policy.allocation.compliance = Some(ComplianceWeights {
        behind: 0.5,
        overdue: 0.25,
    });
    store
        .adopt_lead_policy(&policy, "Weigh obligations", &admin())
        .await
        .expect("adopt");
    assert_eq!(
        store
            .lead_policy()
            .await
            .expect("policy")
            .policy
            .allocation
            .compliance,
        policy.allocation.compliance
    );
    let second = store
        .submit_leads(&[lead("two@lead.example")])
        .await
        .expect("submit")[0]
        .as_ref()
        .expect("lead")
        .lead_id();
    store
        .allocate_pending(t("2026-12-01T10:00:00Z"), 10)
        .await
        .expect("allocate");
    let e = explained(second).await;
    assert_eq!(e.candidates.len(), 2);
    for c in &e.candidates {
        assert_eq!(c.compliance, Some(ObligationStatus::Behind));
        assert_eq!(c.compliance_factor, 0.5);
    }
    // A bad factor is refused, naming the field.
    policy.allocation.compliance = Some(ComplianceWeights {
        behind: 0.0,
        overdue: 0.25,
    });
    match store.adopt_lead_policy(&policy, "Zero", &admin()).await {
        Err(StoreError::Invalid(e)) => {
            assert_eq!(e.get("compliance"), Some("invalid-compliance-factor"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}
