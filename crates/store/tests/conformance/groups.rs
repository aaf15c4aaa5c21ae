//! Conformance: groups' profiles and collaborators, sign-up, facilitator terms and their rotation.

use super::*;
use agora_domain::groups::{GroupRole, Joining, Membership, ProfileInput};
use agora_store::Body;
use chrono::Duration;

conformance!(
    a_group_has_a_profile_a_parent_and_collaborators_on_both_sides,
    sign_up_joins_open_groups_and_asks_by_request_ones,
    facilitator_terms_rotate_the_role_and_remind_before_the_end,
    okrs_hold_five_key_results_move_by_check_ins_and_close_with_their_period,
    okrs_align_to_the_parent_group_are_scored_and_edited,
    damaged_okr_rows_are_corrupt,
    key_results_are_due_after_fourteen_quiet_days,
    proposed_objectives_take_comments_until_adopted_then_check_ins,
    key_results_bound_to_figures_move_by_themselves,
);

fn profile_input(membership: &str, parent: &str) -> ProfileInput {
    ProfileInput {
        kind: "focus-group".into(),
        parent: parent.into(),
        purpose: "Grow the platform's user base".into(),
        hours_min: "10".into(),
        hours_max: "20".into(),
        chat_channel: "#biz-dev".into(),
        membership: membership.into(),
        visibility: "public".into(),
        ..ProfileInput::default()
    }
}

async fn set_profile(store: &Store, body: &Body, membership: &str, parent: &str) {
    let p = profile_input(membership, parent).parse().expect("valid");
    store
        .update_group(body.id, &p, &admin())
        .await
        .expect("profile");
}

async fn a_group_has_a_profile_a_parent_and_collaborators_on_both_sides(store: Store) {
    let (bizdev, _) = group(&store, "biz-dev", 0).await;
    let (focus, _) = group(&store, "market-expansion", 0).await;
    let (core, _) = group(&store, "core-product", 0).await;
    let unset = store.group("biz-dev").await.expect("read").expect("group");
    assert_eq!(
        (unset.membership, unset.hours, unset.parent),
        (Membership::Open, None, None)
    );

    set_profile(&store, &focus, "open", "biz-dev").await;
    let g = store
        .group("market-expansion")
        .await
        .expect("read")
        .expect("group");
    assert_eq!(g.parent.map(|p| p.slug), Some("biz-dev".to_string()));
    assert_eq!(g.hours.map(|h| (h.min, h.max)), Some((10, 20)));
    assert_eq!(g.body.visibility, Visibility::Public, "members-only before");

    // The parent may not sit under its own child; an unknown parent is named.
    let p = profile_input("open", "market-expansion")
        .parse()
        .expect("valid");
    assert_eq!(
        code(
            store
                .update_group(bizdev.id, &p, &admin())
                .await
                .expect_err("loop")
        ),
        "parent-loop"
    );
    let p = profile_input("open", "nowhere").parse().expect("valid");
    assert_eq!(
        code(
            store
                .update_group(bizdev.id, &p, &admin())
                .await
                .expect_err("unknown")
        ),
        "unknown-group"
    );
    assert!(store
        .group("biz-dev")
        .await
        .expect("read")
        .expect("group")
        .parent
        .is_none());

    store
        .set_collaboration(core.id, focus.id, true, &admin())
        .await
        .expect("collaborate");
    let names = |v: Vec<agora_store::GroupLink>| v.into_iter().map(|l| l.slug).collect::<Vec<_>>();
    assert_eq!(
        names(store.collaborators(focus.id).await.expect("read")),
        ["core-product"]
    );
    assert_eq!(
        names(store.collaborators(core.id).await.expect("read")),
        ["market-expansion"]
    );
    assert_eq!(
        code(
            store
                .set_collaboration(core.id, core.id, true, &admin())
                .await
                .expect_err("itself")
        ),
        "same-group"
    );
    let actions = store.audit_actions().await.expect("read");
    assert!(actions.contains(&"group.update".to_string()));
    assert!(actions.contains(&"group.collaborate".to_string()));
}

async fn sign_up_joins_open_groups_and_asks_by_request_ones(store: Store) {
    let (open, people) = group(&store, "marketing", 0).await;
    let (closed, _) = group(&store, "panel", 0).await;
    set_profile(&store, &open, "open", "").await;
    set_profile(&store, &closed, "by-request", "").await;
    let partner = store
        .create_partner(
            &profile("Abstract Tech", "US", "hosting"),
            PartnerStatus::Active,
            &admin(),
        )
        .await
        .expect("partner");
    let (ana, ana_who) = member(
        &store,
        "ana@example.org",
        &[Grant {
            role: Role::PartnerMember,
            scope_id: Some(partner.id),
        }],
    )
    .await;

    assert_eq!(
        store
            .sign_up(open.id, ana, false, "", &ana_who)
            .await
            .expect("joins"),
        Joining::Joined
    );
    let members = store.group_members(open.id).await.expect("read");
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].role, GroupRole::SecondaryFacilitator);
    let ana_row = members.iter().find(|m| m.person_id == ana).expect("listed");
    assert_eq!(
        (ana_row.role, ana_row.organizations.clone()),
        (GroupRole::Member, vec!["Abstract Tech".to_string()])
    );
    assert_eq!(
        code(
            store
                .sign_up(open.id, ana, false, "", &ana_who)
                .await
                .expect_err("twice")
        ),
        "already-member"
    );

    // A by-request group refuses a plain join and changes nothing.
    assert_eq!(
        code(
            store
                .sign_up(closed.id, ana, false, "", &ana_who)
                .await
                .expect_err("needs a request")
        ),
        "by-request"
    );
    assert!(store.group_members(closed.id).await.expect("read").len() == 1);
    assert_eq!(
        store
            .sign_up(closed.id, ana, true, "I run our marketing", &ana_who)
            .await
            .expect("asks"),
        Joining::Requested
    );
    assert_eq!(
        code(
            store
                .sign_up(closed.id, ana, true, "", &ana_who)
                .await
                .expect_err("one pending request")
        ),
        "request-pending"
    );
    let pending = store
        .pending_join_requests(&[closed.id, open.id])
        .await
        .expect("read");
    assert_eq!(pending.len(), 1);
    let request = &pending[0];
    assert_eq!(request.message, "I run our marketing");
    let fac = &people[0].1;
    assert_eq!(
        code(
            store
                .answer_join_request(closed.id, request.id, false, " ", fac)
                .await
                .expect_err("a decline says why")
        ),
        "required"
    );
    let declined = store
        .answer_join_request(
            closed.id,
            request.id,
            false,
            "We are full this quarter",
            fac,
        )
        .await
        .expect("declines");
    assert_eq!(declined.reason.as_deref(), Some("We are full this quarter"));
    assert_eq!(
        code(
            store
                .answer_join_request(closed.id, request.id, true, "", fac)
                .await
                .expect_err("answered once")
        ),
        "already-answered"
    );
    let told = store.outbox_recent(5).await.expect("read");
    assert_eq!(told[0].to_address, "ana@example.org");
    assert!(told[0].subject.ends_with("email-group-request-declined"));
    assert!(told[0].body.contains("reason=We are full this quarter"));

    // Asked again, accepted: a member.
    store
        .sign_up(closed.id, ana, true, "", &ana_who)
        .await
        .expect("asks again");
    let again = store
        .join_request_of(closed.id, ana)
        .await
        .expect("read")
        .expect("request");
    store
        .answer_join_request(closed.id, again.id, true, "", fac)
        .await
        .expect("accepts");
    assert!(store
        .group_members(closed.id)
        .await
        .expect("read")
        .iter()
        .any(|m| m.person_id == ana));
    assert!(store
        .pending_join_requests(&[closed.id])
        .await
        .expect("read")
        .is_empty());

    store
        .leave_group(open.id, ana, &ana_who)
        .await
        .expect("leaves");
    assert_eq!(
        code(
            store
                .leave_group(open.id, ana, &ana_who)
                .await
                .expect_err("not in it")
        ),
        "not-member"
    );
    let actions = store.audit_actions().await.expect("read");
    for a in [
        "group.join",
        "group.request",
        "group.request.answer",
        "group.leave",
    ] {
        assert!(actions.contains(&a.to_string()), "{a} audited");
    }
}

async fn facilitator_terms_rotate_the_role_and_remind_before_the_end(store: Store) {
    let (body, people) = group(&store, "focus", 2).await;
    let (m1, m2) = (people[1].clone(), people[2].clone());
    let today = store.now().date_naive();
    let d = |days: i64| (today + Duration::days(days)).to_string();
    let grants = |id: i64| {
        let store = store.clone();
        async move { store.grants(id).await.expect("read") }
    };
    let fac = Grant {
        role: Role::Facilitator,
        scope_id: Some(body.id),
    };

    // A term from today makes m1 a primary facilitator at once.
    store
        .plan_term(body.id, m1.0, "primary", &d(0), &d(29), &admin())
        .await
        .expect("plans");
    assert!(grants(m1.0).await.contains(&fac));
    let role = |members: Vec<agora_store::GroupMember>, id: i64| {
        members
            .into_iter()
            .find(|m| m.person_id == id)
            .map(|m| m.role)
    };
    assert_eq!(
        role(store.group_members(body.id).await.expect("read"), m1.0),
        Some(GroupRole::PrimaryFacilitator)
    );
    let e = store
        .plan_term(body.id, m2.0, "primary", &d(10), &d(40), &admin())
        .await
        .expect_err("seat taken");
    assert_eq!(code(e), "seat-taken");
    let outsider = member(&store, "out@example.org", &[]).await;
    let e = store
        .plan_term(body.id, outsider.0, "secondary", &d(1), &d(5), &admin())
        .await
        .expect_err("members only");
    assert_eq!(code(e), "not-member");
    assert_eq!(
        code(
            store
                .leave_group(body.id, m1.0, &m1.1)
                .await
                .expect_err("hands over")
        ),
        "facilitator-must-hand-over"
    );

    // Nothing due today; in the last two weeks the holder is reminded once and the successor is asked for.
    let none = store.rotate_facilitators(store.now()).await.expect("runs");
    assert_eq!((none.begun, none.ended, none.reminded), (0, 0, 0));
    store.clock().advance(Duration::days(20));
    assert_eq!(
        store
            .terms_needing_successor(&[body.id], store.now())
            .await
            .expect("read")
            .len(),
        1
    );
    let r = store.rotate_facilitators(store.now()).await.expect("runs");
    assert_eq!(r.reminded, 1);
    let again = store.rotate_facilitators(store.now()).await.expect("runs");
    assert_eq!(again.reminded, 0, "once");
    let told = store.outbox_recent(1).await.expect("read");
    assert!(told[0].subject.ends_with("email-group-term-ending"));
    assert_eq!(told[0].to_address, m1.1.label);

    store
        .plan_term(body.id, m2.0, "primary", &d(30), &d(59), &admin())
        .await
        .expect("successor");
    assert!(store
        .terms_needing_successor(&[body.id], store.now())
        .await
        .expect("read")
        .is_empty());
    assert!(
        !grants(m2.0).await.contains(&fac),
        "not before the first day"
    );

    // Past the end: the role moves to the successor; the former facilitator stays a member.
    store.clock().advance(Duration::days(10));
    let r = store.rotate_facilitators(store.now()).await.expect("runs");
    assert_eq!((r.begun, r.ended), (1, 1));
    assert!(!grants(m1.0).await.contains(&fac));
    assert!(grants(m2.0).await.contains(&fac));
    assert_eq!(
        role(store.group_members(body.id).await.expect("read"), m1.0),
        Some(GroupRole::Member)
    );
    let history = store.facilitator_terms(body.id).await.expect("read");
    assert_eq!(
        history.iter().map(|t| t.person_id).collect::<Vec<_>>(),
        [m1.0, m2.0]
    );
    let actions = store.audit_actions().await.expect("read");
    for a in [
        "group.term.plan",
        "group.term.begin",
        "group.term.end",
        "group.term.remind",
    ] {
        assert!(actions.contains(&a.to_string()), "{a} audited");
    }
}

async fn okrs_hold_five_key_results_move_by_check_ins_and_close_with_their_period(store: Store) {
    use agora_domain::groups::okrs::{CheckInInput, KeyResultInput, ObjectiveInput, Quarter};
    let (body, people) = group(&store, "market", 0).await;
    let (other, _) = group(&store, "elsewhere", 0).await;
    let fac = &people[0].1;
    let today = store.now().date_naive();
    let period = Quarter::containing(today);
    let objective = ObjectiveInput {
        title: "Grow Open edX in Latin America".into(),
        ..Default::default()
    }
    .parse(today)
    .expect("valid");
    let oid = store
        .create_objective(body.id, &objective, fac)
        .await
        .expect("objective");
    let kr = |title: &str, target: &str, weight: &str| {
        KeyResultInput {
            title: title.into(),
            kind: "number".into(),
            start: "0".into(),
            target: target.into(),
            weight: weight.into(),
            ..Default::default()
        }
        .parse()
        .expect("valid")
    };
    let first = store
        .add_key_result(body.id, oid, &kr("Case studies published", "4", "3"), fac)
        .await
        .expect("kr");
    for i in 0..4 {
        store
            .add_key_result(
                body.id,
                oid,
                &kr(&format!("Meetups held {i}"), "2", ""),
                fac,
            )
            .await
            .expect("kr");
    }
    let e = store
        .add_key_result(body.id, oid, &kr("A sixth one", "2", ""), fac)
        .await
        .expect_err("five at most");
    assert_eq!(code(e), "too-many-key-results");
    assert!(matches!(
        store
            .add_key_result(other.id, oid, &kr("Elsewhere", "2", ""), fac)
            .await,
        Err(StoreError::NotFound)
    ));

    // Half way on the weighted key result: 3 × 500 / 7 per mille for the objective.
    let check = |value: &str, confidence: &str| CheckInInput {
        value: value.into(),
        confidence: confidence.into(),
        comment: "Two published".into(),
    };
    store
        .check_in(body.id, first, &check("2", "0.8"), fac)
        .await
        .expect("check-in");
    let e = store
        .check_in(body.id, first, &check("3", "0.85"), fac)
        .await
        .expect_err("tenths only");
    assert_eq!(code(e), "invalid-confidence");
    let e = store
        .check_in(body.id, first, &check("3", "1.1"), fac)
        .await
        .expect_err("0 to 1");
    assert_eq!(code(e), "invalid-confidence");
    let okrs = store.objectives(body.id, period).await.expect("read");
    assert_eq!(okrs.len(), 1);
    assert_eq!(okrs[0].key_results.len(), 5);
    assert_eq!(okrs[0].key_results[0].progress, 500);
    assert_eq!(okrs[0].key_results[0].key_result.confidence.tenths(), 8);
    assert_eq!(okrs[0].progress, 3 * 500 / 7);
    let history = store.check_ins(first).await.expect("read");
    assert_eq!(history.len(), 1);
    // The check-in is in its author's activity ledger, once; the refused ones are not.
    let ledger = store
        .activity(
            fac.person_id.expect("a person"),
            None,
            agora_domain::pagination::PageRequest::new(1, 100),
        )
        .await
        .expect("ledger");
    let check_ins: Vec<_> = ledger
        .items
        .iter()
        .filter(|e| e.kind == agora_domain::activity::ActivityKind::CheckIn)
        .collect();
    assert_eq!(check_ins.len(), 1);
    assert_eq!(
        check_ins[0].source_id,
        format!("check-in:{}", history[0].id)
    );
    assert_eq!(check_ins[0].group.as_ref().map(|g| g.id), Some(body.id));
    assert_eq!(
        (history[0].value, history[0].comment.as_str()),
        (200, "Two published")
    );

    // After the quarter, check-ins are refused and nothing moves.
    store.clock().advance(chrono::Duration::days(95));
    let e = store
        .check_in(body.id, first, &check("4", "1"), fac)
        .await
        .expect_err("closed");
    assert_eq!(code(e), "period-closed");
    assert_eq!(store.check_ins(first).await.expect("read").len(), 1);
    let actions = store.audit_actions().await.expect("read");
    for a in [
        "objective.create",
        "key_result.create",
        "key_result.check_in",
    ] {
        assert!(actions.contains(&a.to_string()), "{a} audited");
    }
}

fn objective_input(
    title: &str,
    aligned_to: Option<i64>,
) -> agora_domain::groups::okrs::ObjectiveInput {
    agora_domain::groups::okrs::ObjectiveInput {
        title: title.into(),
        aligned_to: aligned_to.map(|a| a.to_string()).unwrap_or_default(),
        members_check_in: true,
        ..Default::default()
    }
}

fn number_kr(title: &str, target: &str) -> agora_domain::groups::okrs::KeyResult {
    agora_domain::groups::okrs::KeyResultInput {
        title: title.into(),
        kind: "number".into(),
        start: "0".into(),
        target: target.into(),
        ..Default::default()
    }
    .parse()
    .expect("valid")
}

async fn okrs_align_to_the_parent_group_are_scored_and_edited(store: Store) {
    use agora_domain::groups::okrs::{CheckInInput, Quarter, ScoreInput};
    let (parent, parent_people) = group(&store, "biz-dev", 0).await;
    let (child, people) = group(&store, "market", 0).await;
    let (stranger, _) = group(&store, "elsewhere", 0).await;
    set_profile(&store, &child, "open", "biz-dev").await;
    let fac = &people[0].1;
    let today = store.now().date_naive();
    let period = Quarter::containing(today);
    let goal = store
        .create_objective(
            parent.id,
            &objective_input("Grow the ecosystem", None)
                .parse(today)
                .expect("valid"),
            &parent_people[0].1,
        )
        .await
        .expect("parent objective");
    let elsewhere = store
        .create_objective(
            stranger.id,
            &objective_input("Elsewhere", None)
                .parse(today)
                .expect("valid"),
            fac,
        )
        .await
        .expect("objective");

    // Only an objective of the parent group, in the same period, may be served.
    for (target, period_text) in [(elsewhere, ""), (goal, "2099-Q1"), (999_999, "")] {
        let mut input = objective_input("Enter new markets", Some(target));
        input.period = period_text.into();
        let e = store
            .create_objective(child.id, &input.parse(today).expect("valid"), fac)
            .await
            .expect_err("not the parent's");
        assert_eq!(code(e), "not-parent-objective");
    }
    let oid = store
        .create_objective(
            child.id,
            &objective_input("Enter new markets", Some(goal))
                .parse(today)
                .expect("valid"),
            fac,
        )
        .await
        .expect("aligned");
    let o = store.objective(oid).await.expect("read").expect("found");
    assert_eq!(
        o.aligned_to.map(|a| (a.id, a.title)),
        Some((goal, "Grow the ecosystem".to_string()))
    );
    assert!(o.members_check_in);

    // Edits: the objective's title and who may check in, the key result's target (not its value).
    let mut edit = objective_input("Enter three new markets", Some(goal));
    edit.members_check_in = false;
    store
        .update_objective(child.id, oid, &edit.parse(today).expect("valid"), fac)
        .await
        .expect("edit");
    assert!(matches!(
        store
            .update_objective(stranger.id, oid, &edit.parse(today).expect("valid"), fac)
            .await,
        Err(StoreError::NotFound)
    ));
    let kr = store
        .add_key_result(
            child.id,
            oid,
            &number_kr("Partners in new countries", "4"),
            fac,
        )
        .await
        .expect("kr");
    store
        .check_in(
            child.id,
            kr,
            &CheckInInput {
                value: "2".into(),
                confidence: "0.6".into(),
                comment: String::new(),
            },
            fac,
        )
        .await
        .expect("check-in");
    store
        .update_key_result(
            child.id,
            kr,
            &number_kr("Partners in new countries", "8"),
            fac,
        )
        .await
        .expect("edit kr");
    let o = store.objective(oid).await.expect("read").expect("found");
    assert_eq!(o.title, "Enter three new markets");
    assert!(!o.members_check_in);
    let k = &o.key_results[0];
    assert_eq!(
        (k.key_result.target, k.key_result.current, k.progress),
        (800, 200, 250)
    );
    assert_eq!(o.progress, 250);
    assert_eq!(
        store.okr_periods(child.id).await.expect("read"),
        vec![period]
    );
    assert_eq!(
        store
            .objective_of_key_result(kr)
            .await
            .expect("read")
            .map(|o| o.id),
        Some(oid)
    );

    // Scoring waits for the period's last two weeks, then closes the key result to check-ins.
    let score = ScoreInput {
        score: "0.7".into(),
        note: "Three of four; Brazil moves to next quarter.".into(),
    };
    if !period.scoring_open(today) {
        let e = store
            .score_key_result(child.id, kr, &score, fac)
            .await
            .expect_err("too early");
        assert_eq!(code(e), "period-not-ending");
    }
    let to_end = (period.last_day() - today).num_days();
    store.clock().advance(Duration::days(to_end));
    let e = store
        .score_key_result(
            child.id,
            kr,
            &ScoreInput {
                score: "1.2".into(),
                note: String::new(),
            },
            fac,
        )
        .await
        .expect_err("bad");
    assert_eq!(code(e), "invalid-score");
    store
        .score_key_result(child.id, kr, &score, fac)
        .await
        .expect("score");
    let e = store
        .check_in(
            child.id,
            kr,
            &CheckInInput {
                value: "3".into(),
                confidence: "0.9".into(),
                comment: String::new(),
            },
            fac,
        )
        .await
        .expect_err("scored");
    assert_eq!(code(e), "already-scored");
    let o = store.objective(oid).await.expect("read").expect("found");
    let k = &o.key_results[0];
    assert_eq!(
        (k.score.map(|s| s.tenths()), k.closing_note.as_deref()),
        (
            Some(7),
            Some("Three of four; Brazil moves to next quarter.")
        )
    );
    let actions = store.audit_actions().await.expect("read");
    for a in ["objective.update", "key_result.update", "key_result.score"] {
        assert!(actions.contains(&a.to_string()), "{a} audited");
    }
}

async fn damaged_okr_rows_are_corrupt(store: Store) {
    use agora_domain::groups::okrs::{CheckInInput, Quarter};
    let (body, people) = group(&store, "market", 0).await;
    let fac = &people[0].1;
    let today = store.now().date_naive();
    let period = Quarter::containing(today);
    let oid = store
        .create_objective(
            body.id,
            &objective_input("Grow", None).parse(today).expect("valid"),
            fac,
        )
        .await
        .expect("objective");
    let kr = store
        .add_key_result(body.id, oid, &number_kr("Case studies", "4"), fac)
        .await
        .expect("kr");
    store
        .check_in(
            body.id,
            kr,
            &CheckInInput {
                value: "1".into(),
                confidence: "0.5".into(),
                comment: String::new(),
            },
            fac,
        )
        .await
        .expect("check-in");
    damage(
        &store,
        "UPDATE group_check_ins SET created_at = 'yesterday'",
    )
    .await;
    assert_corrupt(
        store.check_ins(kr).await,
        "group_check_ins",
        "created_at",
        "yesterday",
    );
    damage(&store, "UPDATE group_check_ins SET confidence = 11").await;
    assert_corrupt(
        store.check_ins(kr).await,
        "group_check_ins",
        "confidence",
        "11",
    );
    for (sql, column, value) in [
        (
            "UPDATE group_key_results SET kind = 'vibes'",
            "kind",
            "vibes",
        ),
        (
            "UPDATE group_key_results SET kind = 'number', confidence = -1",
            "confidence",
            "-1",
        ),
        (
            "UPDATE group_key_results SET confidence = 5, score = 12",
            "score",
            "12",
        ),
        (
            "UPDATE group_key_results SET score = NULL, weight = 0",
            "weight",
            "0",
        ),
    ] {
        damage(&store, sql).await;
        assert_corrupt(
            store.objectives(body.id, period).await,
            "group_key_results",
            column,
            value,
        );
    }
    damage(&store, "UPDATE group_key_results SET weight = 1").await;
    damage(&store, "UPDATE group_objectives SET members_check_in = 7").await;
    assert_corrupt(
        store.objective(oid).await,
        "group_objectives",
        "members_check_in",
        "7",
    );
    damage(
        &store,
        "UPDATE group_objectives SET members_check_in = 1, period = 'Q9'",
    )
    .await;
    assert_corrupt(
        store.objective(oid).await,
        "group_objectives",
        "period",
        "Q9",
    );
    assert_corrupt(
        store.okr_periods(body.id).await,
        "group_objectives",
        "period",
        "Q9",
    );
}

async fn key_results_are_due_after_fourteen_quiet_days(store: Store) {
    use agora_domain::groups::okrs::{CheckInInput, Quarter};
    let (body, people) = group(&store, "market", 0).await;
    let (other, _) = group(&store, "elsewhere", 0).await;
    let fac = &people[0].1;
    // Start at the beginning of a quarter so that 20 days stay inside it.
    let today = store.now().date_naive();
    let next = Quarter::containing(today).last_day() + Duration::days(1);
    store
        .clock()
        .advance(Duration::days((next - today).num_days()));
    let today = store.now().date_naive();
    let oid = store
        .create_objective(
            body.id,
            &objective_input("Grow", None).parse(today).expect("valid"),
            fac,
        )
        .await
        .expect("objective");
    let quiet = store
        .add_key_result(body.id, oid, &number_kr("Case studies", "4"), fac)
        .await
        .expect("kr");
    let busy = store
        .add_key_result(body.id, oid, &number_kr("Meetups", "4"), fac)
        .await
        .expect("kr");
    let ids = [body.id, other.id];
    assert!(store
        .key_results_due(&ids, store.now())
        .await
        .expect("read")
        .is_empty());
    store.clock().advance(Duration::days(10));
    store
        .check_in(
            body.id,
            busy,
            &CheckInInput {
                value: "1".into(),
                confidence: "0.5".into(),
                comment: String::new(),
            },
            fac,
        )
        .await
        .expect("check-in");
    store.clock().advance(Duration::days(4));
    let due = store
        .key_results_due(&ids, store.now())
        .await
        .expect("read");
    assert_eq!(
        due.iter().map(|d| d.key_result_id).collect::<Vec<_>>(),
        vec![quiet]
    );
    assert_eq!(
        (due[0].body_id, due[0].title.as_str()),
        (body.id, "Case studies")
    );
    assert!(store
        .key_results_due(&[other.id], store.now())
        .await
        .expect("read")
        .is_empty());
}

async fn proposed_objectives_take_comments_until_adopted_then_check_ins(store: Store) {
    use agora_domain::groups::okr_proposals::CommentInput;
    use agora_domain::groups::okrs::{CheckInInput, KeyResultInput, ObjectiveInput, Quarter};
    let (body, people) = group(&store, "market", 1).await;
    let (other, _) = group(&store, "elsewhere", 0).await;
    let (fac, member) = (&people[0].1, &people[1].1);
    let today = store.now().date_naive();
    let period = Quarter::containing(today);
    let proposal = ObjectiveInput {
        title: "Grow Open edX in Latin America".into(),
        propose: true,
        ..Default::default()
    }
    .parse(today)
    .expect("valid");
    let kr = |title: &str| {
        KeyResultInput {
            title: title.into(),
            kind: "number".into(),
            start: "0".into(),
            target: "4".into(),
            ..Default::default()
        }
        .parse()
        .expect("valid")
    };
    // A template's objective and key results arrive in one write.
    let oid = store
        .create_objective_with(
            body.id,
            &proposal,
            &[kr("Case studies published"), kr("Meetups held")],
            fac,
        )
        .await
        .expect("proposal");
    let six: Vec<_> = (0..6).map(|i| kr(&format!("Result {i}"))).collect();
    let e = store
        .create_objective_with(body.id, &proposal, &six, fac)
        .await
        .expect_err("five at most");
    assert_eq!(code(e), "too-many-key-results");
    let o = store.objective(oid).await.expect("read").expect("there");
    assert!(o.proposed && o.adopted_at.is_none());
    assert_eq!(o.key_results.len(), 2);
    assert_eq!(
        store.objectives(body.id, period).await.expect("read").len(),
        1
    );

    // Comments while proposed, by display name; bad ones change nothing.
    let say = |t: &str| CommentInput { comment: t.into() };
    store
        .comment_on_objective(body.id, oid, &say("Add Brazil and Mexico."), member)
        .await
        .expect("comment");
    let e = store
        .comment_on_objective(body.id, oid, &say("   "), member)
        .await
        .expect_err("empty");
    assert_eq!(code(e), "required");
    assert!(matches!(
        store
            .comment_on_objective(other.id, oid, &say("Elsewhere"), member)
            .await,
        Err(StoreError::NotFound)
    ));
    let comments = store.objective_comments(oid).await.expect("read");
    assert_eq!(comments.len(), 1);
    assert_eq!(comments[0].text, "Add Brazil and Mexico.");
    assert_eq!(comments[0].person_name.as_deref(), Some("m0"));
    assert_eq!(
        store
            .objective(oid)
            .await
            .expect("read")
            .expect("there")
            .comment_count,
        1
    );

    // No check-ins and no reminder before adoption; the facilitators are asked to adopt it.
    let k = o.key_results[0].id;
    let check = CheckInInput {
        value: "1".into(),
        confidence: "0.7".into(),
        comment: String::new(),
    };
    let e = store
        .check_in(body.id, k, &check, fac)
        .await
        .expect_err("proposed");
    assert_eq!(code(e), "not-adopted");
    assert!(store.check_ins(k).await.expect("read").is_empty());
    let later = store.now() + chrono::Duration::days(20);
    assert!(store
        .key_results_due(&[body.id], later)
        .await
        .expect("due")
        .is_empty());
    let waiting = store
        .proposed_objectives(&[body.id, other.id], store.now())
        .await
        .expect("proposed");
    assert_eq!(
        waiting
            .iter()
            .map(|p| (p.id, p.comment_count))
            .collect::<Vec<_>>(),
        vec![(oid, 1)]
    );

    // Adopted once: comments close, check-ins open.
    store
        .adopt_objective(body.id, oid, fac)
        .await
        .expect("adopt");
    let e = store
        .adopt_objective(body.id, oid, fac)
        .await
        .expect_err("once");
    assert_eq!(code(e), "already-adopted");
    let e = store
        .comment_on_objective(body.id, oid, &say("Too late"), member)
        .await
        .expect_err("closed");
    assert_eq!(code(e), "already-adopted");
    let o = store.objective(oid).await.expect("read").expect("there");
    assert!(!o.proposed && o.adopted_at.is_some());
    store
        .check_in(body.id, k, &check, fac)
        .await
        .expect("check-in");
    assert!(store
        .proposed_objectives(&[body.id], store.now())
        .await
        .expect("proposed")
        .is_empty());

    // Objectives set without proposing are adopted at once.
    let now = ObjectiveInput {
        title: "Meet the Core Product group".into(),
        ..Default::default()
    }
    .parse(today)
    .expect("valid");
    let id = store
        .create_objective(body.id, &now, fac)
        .await
        .expect("objective");
    assert!(
        !store
            .objective(id)
            .await
            .expect("read")
            .expect("there")
            .proposed
    );

    // Found reviewing it: once the quarter is over, a proposal is history, neither adopted nor
    // commented on, and a proposed key result is not scored.
    let late = store
        .create_objective_with(body.id, &proposal, &[kr("Late result")], fac)
        .await
        .expect("proposal");
    let late_kr = store
        .objective(late)
        .await
        .expect("read")
        .expect("there")
        .key_results[0]
        .id;
    store
        .clock()
        .advance(Duration::days((period.last_day() - today).num_days() + 1));
    let e = store
        .adopt_objective(body.id, late, fac)
        .await
        .expect_err("closed");
    assert_eq!(code(e), "period-closed");
    let e = store
        .comment_on_objective(body.id, late, &say("Late"), member)
        .await
        .expect_err("closed");
    assert_eq!(code(e), "period-closed");
    let e = store
        .score_key_result(
            body.id,
            late_kr,
            &agora_domain::groups::okrs::ScoreInput {
                score: "0.5".into(),
                note: "Never adopted.".into(),
            },
            fac,
        )
        .await
        .expect_err("proposed");
    assert_eq!(code(e), "not-adopted");
    assert!(
        store
            .objective(late)
            .await
            .expect("read")
            .expect("there")
            .proposed
    );
}

async fn key_results_bound_to_figures_move_by_themselves(store: Store) {
    use agora_domain::groups::figures::Figure;
    use agora_domain::groups::okrs::{CheckInInput, KeyResultInput, ObjectiveInput, Quarter};
    let (body, people) = group(&store, "market", 2).await;
    let fac = &people[0].1;
    let today = store.now().date_naive();
    let period = Quarter::containing(today);
    let o = ObjectiveInput {
        title: "A lively group".into(),
        ..Default::default()
    }
    .parse(today)
    .expect("valid");
    let oid = store
        .create_objective(body.id, &o, fac)
        .await
        .expect("objective");
    let bound = |title: &str, figure: &str, target: &str| {
        KeyResultInput {
            title: title.into(),
            kind: "number".into(),
            start: "0".into(),
            target: target.into(),
            bound_to: figure.into(),
            ..Default::default()
        }
        .parse()
        .expect("valid")
    };
    let members = store
        .add_key_result(body.id, oid, &bound("Members", "members", "6"), fac)
        .await
        .expect("kr");
    let updates = store
        .add_key_result(body.id, oid, &bound("Updates", "updates-posted", "4"), fac)
        .await
        .expect("kr");
    for (title, figure) in [
        ("Contributions", "contributions-approved"),
        ("Leads in Europe", "leads-accepted:europe"),
    ] {
        store
            .add_key_result(body.id, oid, &bound(title, figure, "10"), fac)
            .await
            .expect("kr");
    }
    let current = |o: &agora_store::Objective, id: i64| {
        o.key_results
            .iter()
            .find(|k| k.id == id)
            .map(|k| (k.key_result.current, k.progress))
            .expect("kr")
    };
    // The facilitator and two members; no update yet; nothing approved or accepted.
    let o = &store.objectives(body.id, period).await.expect("read")[0];
    assert_eq!(current(o, members), (300, 500));
    assert_eq!(current(o, updates), (0, 0));
    assert!(o.key_results[2..].iter().all(|k| k.key_result.current == 0));
    assert_eq!(
        o.key_results[3].key_result.bound_to,
        Some(Figure::LeadsAccepted("europe".into()))
    );
    // An update moves the updates figure, with no check-in.
    let posted = agora_domain::groups::updates::UpdateInput {
        progress: "Met twice.".into(),
        ..Default::default()
    }
    .parse(today)
    .expect("valid");
    store
        .post_update(body.id, &posted, fac)
        .await
        .expect("post");
    let o = store.objective(oid).await.expect("read").expect("there");
    assert_eq!(current(&o, updates), (100, 250));
    assert_eq!(o.progress, (500 + 250) / 4);
    // Check-ins are refused and change nothing; a bound key result is never due for one.
    let e = store
        .check_in(
            body.id,
            members,
            &CheckInInput {
                value: "5".into(),
                confidence: "0.5".into(),
                comment: String::new(),
            },
            fac,
        )
        .await
        .expect_err("bound");
    assert_eq!(code(e), "bound-to-figure");
    assert!(store.check_ins(members).await.expect("read").is_empty());
    assert!(store
        .key_results_due(&[body.id], store.now() + Duration::days(30))
        .await
        .expect("due")
        .is_empty());
    // Unbinding by an edit makes it a key result for check-ins again, at its last stored value.
    store
        .update_key_result(body.id, members, &bound("Members", "", "6"), fac)
        .await
        .expect("unbind");
    let o = store.objective(oid).await.expect("read").expect("there");
    assert_eq!(current(&o, members).0, 0);
    assert_eq!(o.key_results[0].key_result.bound_to, None);
}
