//! Conformance: groups' profiles and collaborators, sign-up, facilitator terms and their rotation.

use super::*;
use agora_domain::groups::{GroupRole, Joining, Membership, ProfileInput};
use agora_store::Body;
use chrono::Duration;

conformance!(
    a_group_has_a_profile_a_parent_and_collaborators_on_both_sides,
    sign_up_joins_open_groups_and_asks_by_request_ones,
    facilitator_terms_rotate_the_role_and_remind_before_the_end,
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
