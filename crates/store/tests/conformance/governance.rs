//! Conformance: Bodies, decisions, ballots, consultations, tasks.

use super::*;

conformance!(
    lazy_consensus_is_accepted_at_the_close_unless_contested,
    escalation_ends_with_the_moderators_ruling,
    yes_no_vote_freezes_its_electorate_and_reminds_only_the_undecided,
    secret_ranked_ballots_are_detached_and_recount_from_the_file,
    secret_ballots_change_only_for_their_voter_and_are_stored_out_of_casting_order,
    partner_decisions_wait_for_the_assembly_consultation,
    pending_decisions_follow_participation_and_facilitation,
    damaged_governance_rows_are_errors_naming_table_and_column,
);

async fn damaged_governance_rows_are_errors_naming_table_and_column(store: Store) {
    let (body, people) = group(&store, "records", 1).await;
    let id = open(
        &store,
        &body,
        &proposal("yes-no"),
        &people[0].1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    let on = |set: &str| format!("UPDATE decisions SET {set} WHERE id = {id}");
    damage(&store, &on("status = 'pondering'")).await;
    assert_corrupt(store.decision(id).await, "decisions", "status", "pondering");
    damage(&store, &on("status = 'open', closes_at = 'later'")).await;
    assert_corrupt(store.decision(id).await, "decisions", "closes_at", "later");
    damage(
        &store,
        &on("closes_at = '2026-11-04T10:00:00.000Z', review_at = 'next spring'"),
    )
    .await;
    assert_corrupt(
        store.decision(id).await,
        "decisions",
        "review_at",
        "next spring",
    );
    damage(&store, &on("review_at = NULL, ruling = 'maybe'")).await;
    assert_corrupt(store.decision(id).await, "decisions", "ruling", "maybe");
    damage(&store, &on("ruling = NULL")).await;
    store.decision(id).await.expect("reads again once repaired");

    damage(
        &store,
        &format!("UPDATE decision_versions SET created_at = 'monday' WHERE decision_id = {id}"),
    )
    .await;
    assert_corrupt(
        store.versions(id).await,
        "decision_versions",
        "created_at",
        "monday",
    );
    damage(
        &store,
        &format!(
            "UPDATE decision_electorate SET voter_key = 'robot:1' WHERE decision_id = {id} AND voter_key = '{}'",
            VoterKey::Person(people[0].0).encode()
        ),
    )
    .await;
    assert_corrupt(
        store.electorate(id).await,
        "decision_electorate",
        "voter_key",
        "robot:1",
    );
    damage(
        &store,
        &format!(
            "UPDATE bodies SET visibility = 'secret' WHERE id = {}",
            body.id
        ),
    )
    .await;
    assert_corrupt(
        store.body_by_id(body.id).await,
        "bodies",
        "visibility",
        "secret",
    );
}

async fn lazy_consensus_is_accepted_at_the_close_unless_contested(store: Store) {
    let (body, people) = group(&store, "marketing", 3).await;
    let (fac, m1, m2) = (&people[0], &people[1], &people[2]);
    let id = open(
        &store,
        &body,
        &proposal("lazy-consensus"),
        &fac.1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    assert_eq!(store.electorate(id).await.expect("test").len(), 4);

    let e = store
        .set_stance(
            id,
            VoterKey::Person(m1.0),
            Stance::Object,
            " ",
            &m1.1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect_err("an objection needs a reason");
    assert_eq!(code(e), "objection-reason-required");
    let status = store
        .set_stance(
            id,
            VoterKey::Person(m1.0),
            Stance::Object,
            "Too much for small partners",
            &m1.1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("objects");
    assert_eq!(status, DecisionStatus::Contested);
    store
        .set_stance(
            id,
            VoterKey::Person(m2.0),
            Stance::Support,
            "",
            &m2.1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("supports");

    // The clock does not accept a contested proposal.
    store
        .run_governance_jobs(t("2026-11-05T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(id).await.expect("test").status,
        DecisionStatus::Contested
    );

    // A revision restarts the clock and positions; the old version stays readable.
    store
        .revise(
            id,
            &agora_domain::governance::Revision::parse(
                "Adopt the case-study requirement (v2)",
                "One case study, or an anonymous one.",
            )
            .expect("valid"),
            &fac.1,
            t("2026-11-05T11:00:00Z"),
        )
        .await
        .expect("revises");
    let d = store.decision(id).await.expect("test");
    assert_eq!((d.version, d.status), (2, DecisionStatus::Open));
    assert!(store.stances(id, 2).await.expect("test").is_empty());
    assert_eq!(store.stances(id, 1).await.expect("test").len(), 2);
    assert_eq!(store.versions(id).await.expect("test").len(), 2);
    assert!(store
        .electorate(id)
        .await
        .expect("test")
        .iter()
        .all(|e| e.participated_at.is_none()));

    // Not before the new close; then accepted automatically, once, into the register.
    let r = store
        .run_governance_jobs(t("2026-11-08T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.accepted, 0);
    let r = store
        .run_governance_jobs(t("2026-11-08T11:00:01Z"))
        .await
        .expect("jobs");
    assert_eq!(r.accepted, 1);
    let r = store
        .run_governance_jobs(t("2026-11-08T11:05:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.accepted, 0, "accepted once");
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Decided);
    assert!(d.outcome.expect("statement").contains("version 2"));
    let register = store
        .decisions(&[body.id], true, PageRequest::default())
        .await
        .expect("test");
    assert_eq!(register.items.len(), 1);
    // Nobody may take part after the decision.
    let e = store
        .set_stance(
            id,
            VoterKey::Person(m2.0),
            Stance::Object,
            "late",
            &m2.1,
            t("2026-11-08T12:00:00Z"),
        )
        .await
        .expect_err("closed");
    assert_eq!(code(e), "decision-closed");
}

async fn escalation_ends_with_the_moderators_ruling(store: Store) {
    let (body, people) = group(&store, "bizdev", 2).await;
    let (_, moderator) = member(
        &store,
        "moderator@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let id = open(
        &store,
        &body,
        &proposal("lazy-consensus"),
        &people[1].1,
        "2026-11-01T10:00:00Z",
    )
    .await;
    let e = store
        .escalate(id, &people[2].1, t("2026-11-01T11:00:00Z"))
        .await
        .expect_err("nothing to escalate");
    assert_eq!(code(e), "invalid-transition");
    store
        .set_stance(
            id,
            VoterKey::Person(people[2].0),
            Stance::Object,
            "Conflicts with the charter",
            &people[2].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("objects");
    // The moderator is told in the language they chose.
    let fr = store
        .person_by_email("moderator@foundation.example")
        .await
        .expect("test")
        .expect("moderator");
    store
        .set_language(fr.id, Some("fr"), &moderator)
        .await
        .expect("language");
    store
        .escalate(id, &people[2].1, t("2026-11-01T12:00:00Z"))
        .await
        .expect("escalates");
    assert_eq!(
        store.decision(id).await.expect("test").status,
        DecisionStatus::Escalated
    );
    let outbox = store.outbox_recent(50).await.expect("test");
    let told = outbox
        .iter()
        .find(|m| m.to_address == "moderator@foundation.example")
        .expect("moderator told");
    assert_eq!(told.subject, "[fr] email-decision-escalated");
    assert!(told.body.contains("title="), "{}", told.body);
    assert!(told.body.contains(&format!("link={{site}}/decisions/{id}")));
    let e = store
        .rule(
            id,
            Ruling::Reject,
            "  ",
            &moderator,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect_err("reasoning");
    assert_eq!(code(e), "required");
    store
        .rule(
            id,
            Ruling::Reject,
            "The charter requires a vote for this.",
            &moderator,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect("rules");
    let d = store.decision(id).await.expect("test");
    assert_eq!(
        (d.status, d.ruling),
        (
            DecisionStatus::Decided,
            Some(agora_domain::governance::Ruling::Reject)
        )
    );
    assert_eq!(
        d.outcome.as_deref(),
        Some("The charter requires a vote for this.")
    );
    let e = store
        .withdraw(id, &people[1].1, t("2026-11-02T11:00:00Z"))
        .await
        .expect_err("final");
    assert_eq!(code(e), "decision-final");
}

async fn yes_no_vote_freezes_its_electorate_and_reminds_only_the_undecided(store: Store) {
    let (body, people) = group(&store, "core", 3).await;
    let mut input = proposal("yes-no");
    input.quorum_percent = Some("50".into());
    let id = open(&store, &body, &input, &people[0].1, "2026-11-01T10:00:00Z").await;
    // Someone who joins after the opening is not in the electorate.
    let (late, _) = member(
        &store,
        "late@core.example",
        &[Grant {
            role: Role::GroupMember,
            scope_id: Some(body.id),
        }],
    )
    .await;
    assert!(store.voter_keys(id, late).await.expect("test").is_empty());
    assert_eq!(
        store.voter_keys(id, people[1].0).await.expect("test"),
        vec![VoterKey::Person(people[1].0)]
    );

    let yes = BallotChoice::YesNo(VoteChoice::Yes);
    let no = BallotChoice::YesNo(VoteChoice::No);
    let r1 = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &no,
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    let r2 = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &yes,
            None,
            &people[1].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("changes");
    assert_eq!(r1, r2, "a changed open ballot keeps its receipt");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[2].0),
            &yes,
            None,
            &people[2].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("votes");
    let e = store
        .cast_ballot(
            id,
            VoterKey::Person(late),
            &yes,
            None,
            &Who::person(late, "late@core.example"),
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect_err("not an elector");
    assert_eq!(code(e), "not-in-electorate");
    let d = store.decision(id).await.expect("test");
    assert!(
        store.results(&d).await.expect("test").is_none(),
        "hidden until the close"
    );

    // 23 hours before the close: one reminder each to the two undecided, and only once.
    let before = store.outbox_recent(500).await.expect("test").len();
    let r = store
        .run_governance_jobs(t("2026-11-03T11:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.reminded, 2);
    let sent: Vec<String> = store.outbox_recent(500).await.expect("test")[..2]
        .iter()
        .map(|m| m.to_address.clone())
        .collect();
    assert!(
        sent.iter()
            .all(|a| a == "facilitator@core.example" || a == "m2@core.example"),
        "{sent:?}"
    );
    assert_eq!(
        store.outbox_recent(500).await.expect("test").len(),
        before + 2
    );
    assert_eq!(
        store
            .run_governance_jobs(t("2026-11-03T12:00:00Z"))
            .await
            .expect("jobs")
            .reminded,
        0
    );

    let r = store
        .run_governance_jobs(t("2026-11-04T10:00:00Z"))
        .await
        .expect("jobs");
    assert_eq!(r.closed, 1);
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Closed);
    let e = store
        .cast_ballot(
            id,
            VoterKey::Person(people[3].0),
            &no,
            None,
            &people[3].1,
            t("2026-11-04T10:00:01Z"),
        )
        .await
        .expect_err("after the close");
    assert_eq!(code(e), "decision-closed");
    match store.results(&d).await.expect("test").expect("counted") {
        agora_domain::governance::VoteResult::YesNo(y) => {
            assert_eq!(
                (y.yes, y.no, y.electorate, y.quorum_met, y.passed),
                (2, 0, 4, true, true)
            );
        }
        other => panic!("{other:?}"),
    }
    let csv = store.ballots_csv(&d, "agora test").await.expect("csv");
    assert!(csv.contains(&format!("{r1},yes")), "{csv}");
    // The outcome statement enters it in the register.
    let e = store
        .take_decision(id, "", None, &people[0].1, t("2026-11-04T11:00:00Z"))
        .await
        .expect_err("statement");
    assert_eq!(code(e), "required");
    store
        .take_decision(
            id,
            "Adopted: one case study a year.",
            Some("2027-11-01"),
            &people[0].1,
            t("2026-11-04T11:00:00Z"),
        )
        .await
        .expect("takes");
    assert_eq!(
        store.decision(id).await.expect("test").status,
        DecisionStatus::Decided
    );
    // The review date raises one reminder.
    assert!(
        store
            .run_governance_jobs(t("2027-11-01T08:00:00Z"))
            .await
            .expect("jobs")
            .review_reminders
            >= 1
    );
    assert_eq!(
        store
            .run_governance_jobs(t("2027-11-02T08:00:00Z"))
            .await
            .expect("jobs")
            .review_reminders,
        0
    );
}

async fn secret_ranked_ballots_are_detached_and_recount_from_the_file(store: Store) {
    use agora_domain::tally;
    let (body, people) = group(&store, "panel", 3).await;
    let mut input = proposal("ranked");
    input.secret = true;
    input.method = Some("irv".into());
    input.options = Some("20% of acquired clients\nA fixed amount (X = 1)\nNo requirement".into());
    let id = open(&store, &body, &input, &people[0].1, "2026-11-01T10:00:00Z").await;
    let rank =
        |names: &[&str]| BallotChoice::Ranking(names.iter().map(|s| s.to_string()).collect());
    let bad = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["Nothing"]),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect_err("unknown option");
    assert_eq!(code(bad), "ballot-unknown-option");
    let bad = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["No requirement", "No requirement"]),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect_err("twice");
    assert_eq!(code(bad), "ballot-duplicate-option");
    assert!(
        store
            .electorate(id)
            .await
            .expect("test")
            .iter()
            .all(|e| !e.participated),
        "a refused ballot changes nothing"
    );

    let r1 = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["No requirement", "A fixed amount (X = 1)"]),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[2].0),
            &rank(&["20% of acquired clients"]),
            None,
            &people[2].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[3].0),
            &rank(&["A fixed amount (X = 1)", "20% of acquired clients"]),
            None,
            &people[3].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    store
        .cast_ballot(
            id,
            VoterKey::Person(people[0].0),
            &rank(&["A fixed amount (X = 1)"]),
            None,
            &people[0].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("votes");
    // Changing a secret ballot takes its receipt.
    let e = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["A fixed amount (X = 1)"]),
            None,
            &people[1].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect_err("receipt");
    assert_eq!(code(e), "receipt-required");
    let again = store
        .cast_ballot(
            id,
            VoterKey::Person(people[1].0),
            &rank(&["No requirement", "A fixed amount (X = 1)"]),
            Some(&r1.to_lowercase()),
            &people[1].1,
            t("2026-11-01T12:00:00Z"),
        )
        .await
        .expect("changes");
    assert_eq!(again, r1);

    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("jobs");
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Closed);
    let ballots = store.ballots(&d).await.expect("test");
    assert_eq!(ballots.len(), 4);
    assert!(
        ballots.iter().all(|b| b.voter.is_none()),
        "secret ballots carry no voter"
    );
    assert!(ballots
        .iter()
        .any(|b| b.receipt == r1 && b.choice == ["No requirement", "A fixed amount (X = 1)"]));
    let seed = d.revealed_seed().expect("revealed at the close");
    assert_eq!(tally::seed_commitment(seed), d.seed_sha256);

    let live = match store.results(&d).await.expect("test").expect("counted") {
        agora_domain::governance::VoteResult::Ranked(t) => t,
        other => panic!("{other:?}"),
    };
    let file = tally::parse_ballots_csv(&store.ballots_csv(&d, "agora test").await.expect("csv"))
        .expect("parses");
    let recount = tally::tally(tally::Method::Irv, &file.ballots, &file.meta.tie_break());
    assert_eq!(
        recount, live,
        "the published file recounts to the site's result"
    );
    assert_eq!(
        live.outcome().last_line(d.options()),
        "winner: A fixed amount (X = 1)"
    );
}

async fn secret_ballots_change_only_for_their_voter_and_are_stored_out_of_casting_order(
    store: Store,
) {
    let (body, people) = group(&store, "jury", 6).await;
    let mut input = proposal("yes-no");
    input.secret = true;
    let id = open(&store, &body, &input, &people[0].1, "2026-11-01T10:00:00Z").await;
    let vote = |i: usize, choice: VoteChoice, receipt: Option<String>| {
        let store = store.clone();
        let (pid, who) = people[i].clone();
        async move {
            store
                .cast_ballot(
                    id,
                    VoterKey::Person(pid),
                    &BallotChoice::YesNo(choice),
                    receipt.as_deref(),
                    &who,
                    t("2026-11-01T11:00:00Z"),
                )
                .await
        }
    };
    let mut receipts = vec![];
    for i in 0..people.len() {
        receipts.push(vote(i, VoteChoice::Yes, None).await.expect("votes"));
    }
    // Another elector holding someone's receipt cannot change that ballot, in any spelling.
    for r in [receipts[1].clone(), receipts[1].to_lowercase()] {
        let e = vote(2, VoteChoice::No, Some(r))
            .await
            .expect_err("not theirs");
        assert_eq!(code(e), "unknown-receipt");
    }
    let e = vote(2, VoteChoice::No, Some("0000000000AA".into()))
        .await
        .expect_err("no such receipt");
    assert_eq!(code(e), "unknown-receipt");
    // The voter who was given the receipt can.
    vote(1, VoteChoice::No, Some(receipts[1].clone()))
        .await
        .expect("own receipt");
    // Participation shows who took part, never when.
    let electorate = store.electorate(id).await.expect("test");
    assert!(electorate
        .iter()
        .all(|e| e.participated && e.participated_at.is_none()));
    assert_eq!(store.ballot_locks_held(id).await.expect("test"), 7);
    // Nothing is published while the vote is open, whatever the decision says about results.
    let d = store.decision(id).await.expect("test");
    assert!(store.ballots(&d).await.expect("test").is_empty());
    assert!(store.results(&d).await.expect("test").is_none());

    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("jobs");
    let d = store.decision(id).await.expect("test");
    assert_eq!(d.status, DecisionStatus::Closed);
    assert_eq!(
        store.ballot_locks_held(id).await.expect("test"),
        0,
        "the close forgets which elector holds which receipt"
    );
    let published = store.ballots(&d).await.expect("test");
    let changed: Vec<_> = published.iter().filter(|b| b.choice == ["no"]).collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].receipt, receipts[1]);
    // The rows are kept in receipt order (the database's own), not in the order they were cast.
    let by_receipt: Vec<String> = published.iter().map(|b| b.receipt.clone()).collect();
    assert_eq!(
        store.ballots_in_storage_order(id).await.expect("test"),
        by_receipt
    );
}

async fn partner_decisions_wait_for_the_assembly_consultation(store: Store) {
    let (body, people) = group(&store, "mwg", 1).await;
    let assembly = store
        .body("partner-assembly")
        .await
        .expect("test")
        .expect("seeded");
    assert_eq!(assembly.kind, BodyKind::PartnerAssembly);
    let (_, foundation) = member(
        &store,
        "staff@foundation.example",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    let acme = active_partner(&store, "Acme Learning", "FR").await;
    let (delegate, delegate_who) = member(
        &store,
        "delegate@acme.example",
        &[Grant {
            role: Role::PartnerMember,
            scope_id: Some(acme),
        }],
    )
    .await;
    let e = store
        .set_delegates(acme, Some(people[1].0), None, &admin())
        .await
        .expect_err("not staff");
    assert_eq!(code(e), "not-partner-staff");
    store
        .set_delegates(acme, Some(delegate), None, &admin())
        .await
        .expect("designates");

    let mut c = proposal("consultation");
    c.title = "Partner obligations for 2027".into();
    let cid = open(&store, &assembly, &c, &foundation, "2026-11-01T10:00:00Z").await;
    assert_eq!(
        store
            .electorate(cid)
            .await
            .expect("test")
            .iter()
            .map(|e| e.voter_key.clone())
            .collect::<Vec<_>>(),
        vec![format!("partner:{acme}")]
    );
    assert_eq!(
        store.voter_keys(cid, delegate).await.expect("test"),
        vec![VoterKey::Partner(acme)]
    );
    let comment = store
        .comment(
            cid,
            None,
            "Two case studies is too many for us.",
            &delegate_who,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect("comments");
    store
        .comment(
            cid,
            Some(comment),
            "Agreed.",
            &delegate_who,
            t("2026-11-02T11:00:00Z"),
        )
        .await
        .expect("replies");

    let mut d = proposal("lazy-consensus");
    d.affects_partners = true;
    d.consultation_id = Some(cid.to_string());
    let did = open(&store, &body, &d, &people[0].1, "2026-11-01T10:00:00Z").await;
    // The proposal's close passes while the consultation is open: it waits, open.
    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(did).await.expect("test").status,
        DecisionStatus::Open
    );
    let consultation = store.decision(cid).await.expect("test");
    assert_eq!(consultation.status, DecisionStatus::Closed);
    let e = store
        .take_decision(
            cid,
            "Obligations set at one of each.",
            None,
            &foundation,
            t("2026-11-04T11:00:00Z"),
        )
        .await
        .expect_err("unanswered");
    assert_eq!(code(e), "comments-unanswered");
    for cm in store.comments(cid).await.expect("test") {
        store
            .respond(
                cid,
                cm.id,
                "Lowered to one case study a year.",
                &foundation,
                t("2026-11-04T11:00:00Z"),
            )
            .await
            .expect("responds");
    }
    store
        .take_decision(
            cid,
            "Obligations set at one of each.",
            None,
            &foundation,
            t("2026-11-04T12:00:00Z"),
        )
        .await
        .expect("takes");
    store
        .run_governance_jobs(t("2026-11-04T12:00:01Z"))
        .await
        .expect("jobs");
    assert_eq!(
        store.decision(did).await.expect("test").status,
        DecisionStatus::Decided
    );
    assert_eq!(
        store.decision(did).await.expect("test").kind,
        DecisionKind::LazyConsensus
    );
}

async fn pending_decisions_follow_participation_and_facilitation(store: Store) {
    let (body, people) = group(&store, "tasks", 2).await;
    let (fac, m1, m2) = (&people[0], &people[1], &people[2]);
    let opened = "2026-11-01T10:00:00Z";
    let vote = open(&store, &body, &proposal("yes-no"), &fac.1, opened).await;
    let mut input = proposal("lazy-consensus");
    input.title = "Meet monthly".into();
    input.close_hours = Some("96".into());
    let lazy = open(&store, &body, &input, &m1.1, opened).await;
    let at = t("2026-11-01T11:00:00Z");

    let pending = store.awaiting_participation(m2.0, at).await.expect("test");
    let ids: Vec<i64> = pending.iter().map(|d| d.id).collect();
    assert_eq!(ids, [vote, lazy], "soonest close first");
    assert_eq!(
        pending[0].voter.as_ref().map(|v| v.0),
        Some(VoterKey::Person(m2.0))
    );
    assert_eq!(pending[0].closes_at, t("2026-11-04T10:00:00Z"));
    assert_eq!(pending[1].kind, DecisionKind::LazyConsensus);

    store
        .cast_ballot(
            vote,
            VoterKey::Person(m2.0),
            &BallotChoice::YesNo(VoteChoice::Yes),
            None,
            &m2.1,
            at,
        )
        .await
        .expect("test");
    store
        .set_stance(
            lazy,
            VoterKey::Person(m2.0),
            Stance::Object,
            "Too often",
            &m2.1,
            at,
        )
        .await
        .expect("test");
    assert!(store
        .awaiting_participation(m2.0, at)
        .await
        .expect("test")
        .is_empty());
    // The objection contests it: the facilitators' turn.
    let attending = store.awaiting_facilitation(&[body.id]).await.expect("test");
    assert_eq!(attending.len(), 1);
    assert_eq!(
        (attending[0].id, attending[0].status),
        (lazy, DecisionStatus::Contested)
    );
    assert!(attending[0].voter.is_none());
    let own = store.contested_proposals_of(m1.0).await.expect("test");
    assert_eq!(own.iter().map(|d| d.id).collect::<Vec<_>>(), [lazy]);
    assert!(store
        .contested_proposals_of(m2.0)
        .await
        .expect("test")
        .is_empty());
    assert!(store
        .awaiting_facilitation(&[])
        .await
        .expect("test")
        .is_empty());
    // A revision asks again.
    store
        .revise(
            lazy,
            &agora_domain::governance::Revision::parse("Meet every six weeks", "Every six weeks.")
                .expect("valid"),
            &m1.1,
            at,
        )
        .await
        .expect("test");
    let ids: Vec<i64> = store
        .awaiting_participation(m2.0, at)
        .await
        .expect("test")
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [lazy]);
    assert!(store
        .contested_proposals_of(m1.0)
        .await
        .expect("test")
        .is_empty());
    // Past the close nothing waits for electors; the closed vote waits for its outcome.
    let later = t("2026-11-06T12:00:00Z");
    store.run_governance_jobs(later).await.expect("test");
    assert!(store
        .awaiting_participation(m2.0, later)
        .await
        .expect("test")
        .is_empty());
    let attending = store.awaiting_facilitation(&[body.id]).await.expect("test");
    assert!(attending
        .iter()
        .any(|d| d.id == vote && d.status == DecisionStatus::Closed));

    // In the assembly a partner's admin acts for the partner; a comment is their own.
    let partner = active_partner(&store, "Alpha", "FR").await;
    let (pa, pa_who) = member(
        &store,
        "pa@alpha.example",
        &[Grant {
            role: Role::PartnerAdmin,
            scope_id: Some(partner),
        }],
    )
    .await;
    let assembly = store
        .body("partner-assembly")
        .await
        .expect("test")
        .expect("test");
    let consultation = open(
        &store,
        &assembly,
        &proposal("consultation"),
        &admin(),
        "2026-11-10T10:00:00Z",
    )
    .await;
    let at = t("2026-11-10T11:00:00Z");
    let pending = store.awaiting_participation(pa, at).await.expect("test");
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].id, consultation);
    assert_eq!(
        pending[0].voter,
        Some((VoterKey::Partner(partner), "Alpha".to_string()))
    );
    store
        .comment(consultation, None, "Phase it in.", &pa_who, at)
        .await
        .expect("test");
    assert!(store
        .awaiting_participation(pa, at)
        .await
        .expect("test")
        .is_empty());
    store
        .run_governance_jobs(t("2026-11-20T10:00:00Z"))
        .await
        .expect("test");
    let attending = store
        .awaiting_facilitation(&[assembly.id])
        .await
        .expect("test");
    assert_eq!(attending.len(), 1);
    assert_eq!(
        (attending[0].status, attending[0].unanswered),
        (DecisionStatus::Closed, 1)
    );
}
