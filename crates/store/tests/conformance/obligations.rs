//! Conformance: the obligation policy's versions and the clients partners declare.

use super::*;
use agora_domain::obligations::{
    ClientCounts, ClientInput, Clients, Consent, DeclarationInput, ObligationPolicy, PolicyInput,
    Rule, RuleInput, Years,
};

conformance!(
    policy_versions_keep_their_history_and_the_decision_that_adopted_them,
    a_policy_cites_only_a_decided_decision_of_the_register,
    a_declaration_is_a_count_or_a_list_and_replaces_the_years_earlier_one,
    damaged_obligation_rows_read_as_corrupt,
    deals_flag_shared_prospects_and_arriving_leads_and_a_won_deal_is_a_client,
);

const FROM_2026: Years = Years {
    first: 2026,
    last: None,
};

/// A lazy-consensus decision of the marketing group, accepted at its close.
async fn decided_decision(store: &Store) -> i64 {
    let (body, people) = group(store, "marketing", 1).await;
    let id = open(
        store,
        &body,
        &proposal("lazy-consensus"),
        &people[0].1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    store
        .run_governance_jobs(t("2026-11-05T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(id).await.expect("read").status,
        DecisionStatus::Decided
    );
    id
}

fn share_policy() -> ObligationPolicy {
    let mut input = PolicyInput::from_policy(&ObligationPolicy::fixed(1, FROM_2026));
    input.case_study = RuleInput {
        kind: "share".into(),
        percent: Some(20),
        min: Some(1),
        ..RuleInput::default()
    };
    input.first_year = Some(2027);
    input.last_year = Some(2027);
    input.parse().expect("valid policy")
}

async fn policy_versions_keep_their_history_and_the_decision_that_adopted_them(store: Store) {
    assert!(store.obligation_policies().await.expect("read").is_empty());
    assert_eq!(store.obligation_policy_for(2026).await.expect("read"), None);
    let decision = decided_decision(&store).await;
    let fixed = ObligationPolicy::fixed(1, FROM_2026);
    let v1 = store
        .adopt_obligation_policy(&fixed, "Part 5 vote: X = 1", Some(decision), &admin())
        .await
        .expect("adopt");
    let v2 = store
        .adopt_obligation_policy(
            &share_policy(),
            " Trial of a share for 2027 ",
            None,
            &admin(),
        )
        .await
        .expect("adopt");
    assert_eq!((v1, v2), (1, 2));

    let history = store.obligation_policies().await.expect("read");
    assert_eq!(
        history.iter().map(|v| v.version).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(history[0].note, "Trial of a share for 2027");
    assert_eq!(history[0].decision, None);
    let cited = history[1].decision.as_ref().expect("decision");
    assert_eq!(cited.id, decision);
    assert_eq!(cited.title, "Adopt the case-study requirement");
    assert_eq!(history[1].policy, fixed);
    // The history is public: a person's name, never their address.
    assert!(
        !history[1].created_by.contains('@'),
        "{}",
        history[1].created_by
    );

    // 2027 is the trial's; the years around it stay with version 1.
    let in_force = |y| {
        let store = store.clone();
        async move {
            store
                .obligation_policy_for(y)
                .await
                .expect("read")
                .map(|v| v.version)
        }
    };
    assert_eq!(in_force(2026).await, Some(1));
    assert_eq!(in_force(2027).await, Some(2));
    assert_eq!(in_force(2028).await, Some(1));
    assert_eq!(in_force(2025).await, None);
    assert!(matches!(
        store
            .obligation_policy_for(2027)
            .await
            .expect("read")
            .expect("v2")
            .policy
            .case_study,
        Rule::Share { percent: 20, .. }
    ));
}

async fn a_policy_cites_only_a_decided_decision_of_the_register(store: Store) {
    let fixed = ObligationPolicy::fixed(1, FROM_2026);
    let e = store
        .adopt_obligation_policy(&fixed, "", Some(999), &admin())
        .await
        .expect_err("unknown decision");
    assert_eq!(code(e), "unknown-decision");

    let (body, people) = group(&store, "marketing", 1).await;
    let open_id = open(
        &store,
        &body,
        &proposal("lazy-consensus"),
        &people[0].1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    let e = store
        .adopt_obligation_policy(&fixed, "", Some(open_id), &admin())
        .await
        .expect_err("still open");
    match e {
        StoreError::Invalid(v) => assert_eq!(v.get("decision_id"), Some("decision-not-decided")),
        other => panic!("{other:?}"),
    }
    assert!(
        store.obligation_policies().await.expect("read").is_empty(),
        "nothing adopted"
    );
}

fn client(org: &str, logo: &str, evidence: &str) -> ClientInput {
    ClientInput {
        organization: org.into(),
        country: "br".into(),
        segment: "higher-education".into(),
        acquired_on: "2026-04-15".into(),
        logo_consent: logo.into(),
        testimonial_consent: "given".into(),
        evidence: evidence.into(),
    }
}

async fn a_declaration_is_a_count_or_a_list_and_replaces_the_years_earlier_one(store: Store) {
    let partner = active_partner(&store, "Campus Cloud", "BR").await;
    assert_eq!(
        store.client_counts(partner, 2026).await.expect("read"),
        None
    );
    assert_eq!(
        store.client_declaration(partner, 2026).await.expect("read"),
        None
    );

    let count = DeclarationInput {
        year: Some(2026),
        count: Some(12),
        logo_refused: Some(2),
        ..DeclarationInput::default()
    }
    .parse()
    .expect("valid");
    let who = Who::person(7, "owner@campus.example");
    store
        .declare_clients(partner, &count, &who)
        .await
        .expect("declare");
    let counts = ClientCounts {
        clients: 12,
        logo_refused: 2,
        testimonial_refused: 0,
    };
    assert_eq!(
        store.client_counts(partner, 2026).await.expect("read"),
        Some(counts)
    );
    let stored = store
        .client_declaration(partner, 2026)
        .await
        .expect("read")
        .expect("declared");
    assert_eq!(stored.clients, Clients::Count(counts));
    assert!(!stored.updated_by.contains('@'), "{}", stored.updated_by);

    // A list replaces the count for 2026; 2025 is untouched.
    let list = DeclarationInput {
        year: Some(2026),
        clients: Some(vec![
            client("Universidade Exemplo", "refused", "Email of 2026-04-20"),
            client("Escola Aberta", "given", "Signed form #12"),
        ]),
        ..DeclarationInput::default()
    }
    .parse()
    .expect("valid");
    store
        .declare_clients(partner, &list, &who)
        .await
        .expect("declare");
    let stored = store
        .client_declaration(partner, 2026)
        .await
        .expect("read")
        .expect("declared");
    assert_eq!(stored.clients, list.clients);
    let Clients::List { clients } = &stored.clients else {
        panic!("a list")
    };
    assert_eq!(clients[0].organization, "Universidade Exemplo");
    assert_eq!(clients[0].logo_consent, Consent::Refused);
    assert_eq!(clients[1].country.as_str(), "BR");
    assert_eq!(
        store.client_counts(partner, 2026).await.expect("read"),
        Some(ClientCounts {
            clients: 2,
            logo_refused: 1,
            testimonial_refused: 0,
        })
    );
    assert_eq!(
        store.client_counts(partner, 2025).await.expect("read"),
        None
    );

    // And back to a count: the list's rows go with it.
    store
        .declare_clients(partner, &count, &who)
        .await
        .expect("declare");
    assert_eq!(
        store
            .client_declaration(partner, 2026)
            .await
            .expect("read")
            .map(|d| d.clients),
        Some(Clients::Count(counts))
    );

    // The audit log keeps the counts, never a client's name.
    let entries = store
        .audit_page(
            &AuditFilter {
                action: Some("partner.clients_declared".into()),
                ..AuditFilter::default()
            },
            PageRequest::default(),
        )
        .await
        .expect("audit");
    assert_eq!(entries.items.len(), 3);
    let text = format!("{:?}", entries.items);
    assert!(!text.contains("Universidade"), "{text}");

    // An unknown partner is not found, and nothing is written.
    assert!(matches!(
        store.declare_clients(9999, &count, &who).await,
        Err(StoreError::NotFound)
    ));
}

async fn damaged_obligation_rows_read_as_corrupt(store: Store) {
    let partner = active_partner(&store, "Campus Cloud", "BR").await;
    let list = DeclarationInput {
        year: Some(2026),
        clients: Some(vec![client("Universidade Exemplo", "refused", "Email")]),
        ..DeclarationInput::default()
    }
    .parse()
    .expect("valid");
    store
        .declare_clients(partner, &list, &admin())
        .await
        .expect("declare");
    store
        .adopt_obligation_policy(&ObligationPolicy::fixed(1, FROM_2026), "", None, &admin())
        .await
        .expect("adopt");

    damage(&store, "UPDATE declared_clients SET logo_consent = 'maybe'").await;
    assert_corrupt(
        store.client_declaration(partner, 2026).await,
        "declared_clients",
        "logo_consent",
        "maybe",
    );
    damage(&store, "UPDATE client_declarations SET logo_refused = -4").await;
    assert_corrupt(
        store.client_counts(partner, 2026).await,
        "client_declarations",
        "logo_refused",
        "-4",
    );
    damage(
        &store,
        "UPDATE obligation_policies SET policy_json = '{\"case_study\": 1}'",
    )
    .await;
    assert_corrupt(
        store.obligation_policies().await,
        "obligation_policies",
        "policy_json",
        "{\"case_study\": 1}",
    );
}

async fn deals_flag_shared_prospects_and_arriving_leads_and_a_won_deal_is_a_client(store: Store) {
    use agora_domain::obligations::{DealInput, DealStatus};
    let alpha = active_partner(&store, "Alpha", "FR").await;
    let beta = active_partner(&store, "Beta", "DE").await;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let deal = |org: &str| {
        DealInput {
            organization: org.into(),
            country: "FR".into(),
            segment: "higher-education".into(),
            expected_on: "2027-02-01".into(),
            note: "Pilot with two faculties".into(),
        }
        .parse(today)
        .expect("valid")
    };
    let a = store
        .register_deal(alpha, &deal("Acme University, Inc."), &admin())
        .await
        .expect("register");
    let b = store
        .register_deal(beta, &deal("ACME university"), &admin())
        .await
        .expect("register");
    let other = store
        .register_deal(alpha, &deal("Globex"), &admin())
        .await
        .expect("register");
    // The same organization twice, open, for one partner: refused by field.
    let twice = store
        .register_deal(alpha, &deal("GLOBEX Ltd"), &admin())
        .await;
    assert!(
        matches!(twice, Err(StoreError::Invalid(e)) if e.get("organization") == Some("deal-already-registered"))
    );
    // Each partner sees its own, never the other's.
    let mine = store.partner_deals(alpha).await.expect("read");
    assert_eq!(mine.len(), 2);
    assert!(mine
        .iter()
        .all(|d| d.partner_id == alpha && d.also_registered_by.is_empty()));
    // A lead from that organization arrives after.
    let lead = store
        .submit_leads(&[submission(
            lead_input("cio@acme.example", "Acme University", "FR"),
            None,
            &agora_store::format_time(store.now()),
        )])
        .await
        .expect("lead")[0]
        .as_ref()
        .expect("lead")
        .lead_id();
    let all = store.all_deals(true).await.expect("read");
    let find = |id: i64| all.iter().find(|d| d.id == id).expect("deal").clone();
    assert_eq!(find(a).also_registered_by, vec!["Beta".to_string()]);
    assert_eq!(find(b).also_registered_by, vec!["Alpha".to_string()]);
    assert!(find(other).also_registered_by.is_empty());
    assert_eq!(find(a).leads, vec![lead]);
    assert!(find(other).leads.is_empty());
    assert_eq!(
        store
            .open_deals_for("acme university")
            .await
            .expect("read")
            .len(),
        2
    );

    // Won: the deal becomes a declared client of the year, in the same write.
    store
        .close_deal(alpha, a, DealStatus::Won, today, &admin())
        .await
        .expect("won");
    let counts = store
        .client_counts(alpha, 2026)
        .await
        .expect("read")
        .expect("declared");
    assert_eq!(counts.clients, 1);
    let declared = store
        .client_declaration(alpha, 2026)
        .await
        .expect("read")
        .expect("declared");
    assert!(format!("{declared:?}").contains("Acme University, Inc."));
    // Registered again after the win and won again the same year: still one client.
    let again_id = store
        .register_deal(alpha, &deal("Acme University"), &admin())
        .await
        .expect("register");
    store
        .close_deal(alpha, again_id, DealStatus::Won, today, &admin())
        .await
        .expect("won");
    assert_eq!(
        store
            .client_counts(alpha, 2026)
            .await
            .expect("read")
            .expect("declared")
            .clients,
        1
    );
    // Closed once; another partner's deal is not found; open is not a closing.
    let again = store
        .close_deal(alpha, a, DealStatus::Lost, today, &admin())
        .await;
    assert!(matches!(again, Err(StoreError::Invalid(e)) if e.get("status") == Some("deal-closed")));
    let stolen = store
        .close_deal(alpha, b, DealStatus::Won, today, &admin())
        .await;
    assert!(matches!(stolen, Err(StoreError::NotFound)));
    let reopen = store
        .close_deal(alpha, other, DealStatus::Open, today, &admin())
        .await;
    assert!(matches!(reopen, Err(StoreError::Invalid(_))));
    // A count declaration counts the won deal.
    store
        .declare_clients(
            beta,
            &DeclarationInput {
                year: Some(2026),
                count: Some(4),
                ..Default::default()
            }
            .parse()
            .expect("valid"),
            &admin(),
        )
        .await
        .expect("declare");
    store
        .close_deal(beta, b, DealStatus::Won, today, &admin())
        .await
        .expect("won");
    assert_eq!(
        store
            .client_counts(beta, 2026)
            .await
            .expect("read")
            .expect("declared")
            .clients,
        5
    );
    // Two wins at once in a year not yet declared: both count, neither fails.
    let one = store
        .register_deal(alpha, &deal("Initech"), &admin())
        .await
        .expect("register");
    let two = store
        .register_deal(alpha, &deal("Hooli"), &admin())
        .await
        .expect("register");
    let next_year = chrono::NaiveDate::from_ymd_opt(2027, 1, 10).expect("date");
    let admin_who = admin();
    let (x, y) = tokio::join!(
        store.close_deal(alpha, one, DealStatus::Won, next_year, &admin_who),
        store.close_deal(alpha, two, DealStatus::Won, next_year, &admin_who)
    );
    x.expect("first win");
    y.expect("second win");
    assert_eq!(
        store
            .client_counts(alpha, 2027)
            .await
            .expect("read")
            .expect("declared")
            .clients,
        2
    );
    // Closed deals carry no flag; the open list no longer has them.
    assert!(store
        .all_deals(true)
        .await
        .expect("read")
        .iter()
        .all(|d| d.status == DealStatus::Open));
}
