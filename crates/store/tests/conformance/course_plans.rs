//! Conformance: community plans (one per course, created with or without a log), access through
//! ownership, roles, personal and group shares, measures and the roadmap's overdue items.

use super::*;
use agora_domain::courses::plan::{
    Access, BusinessInput, Grantee, ItemInput, MeasureInput, PlanInput, RoleInput, TargetsInput,
};

conformance!(
    a_plan_is_read_by_those_it_is_shared_with,
    plan_parts_refuse_what_is_not_theirs,
);

fn basics(course: &str) -> agora_domain::courses::plan::PlanBasics {
    PlanInput {
        course_id: course.into(),
        title: "Intro to Open edX".into(),
        organization: "OpenedX".into(),
        purpose: "external".into(),
        stakeholders: "Marketing, the course team".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid plan")
}

async fn a_plan_is_read_by_those_it_is_shared_with(store: Store) {
    let (owner, owner_who) = member(&store, "owner@course.example", &[]).await;
    let (viewer, _) = member(&store, "viewer@course.example", &[]).await;
    let (lead, _) = member(&store, "lead@course.example", &[]).await;
    let (outsider, _) = member(&store, "outsider@course.example", &[]).await;
    let (body, people) = group(&store, "marketing", 1).await;
    let group_member = people[1].0;

    let id = store
        .create_plan(
            &basics("OpenedX/Intro101/2026_T1"),
            owner,
            false,
            &owner_who,
        )
        .await
        .expect("created");
    let plan = store.plan(id).await.expect("read").expect("plan");
    assert_eq!(plan.course.course_key, "course-v1:OpenedX+Intro101+2026_T1");
    assert_eq!(plan.owner_id, Some(owner));
    assert_eq!(plan.business.horizon_months, 12);
    // Its owner leads it until someone else is named.
    let roles = store.plan_roles(id).await.expect("roles");
    assert_eq!(
        roles
            .iter()
            .map(|r| (r.role.slug(), r.person_id))
            .collect::<Vec<_>>(),
        [("strategic-lead", owner)]
    );
    // A second plan for the same course, in either form, is refused.
    let again = store
        .create_plan(
            &basics("course-v1:OpenedX+Intro101+2026_T1"),
            owner,
            true,
            &owner_who,
        )
        .await
        .expect_err("one plan per course, even for the foundation");
    assert_eq!(code(again), "course-plan-exists");

    let access = |p: i64| {
        let store = store.clone();
        let plan = plan.clone();
        async move {
            store
                .plan_access(&plan, Some(p), false)
                .await
                .expect("access")
        }
    };
    assert_eq!(access(owner).await, Some(Access::Edit));
    assert_eq!(access(outsider).await, None);
    assert_eq!(access(group_member).await, None);

    store
        .share_plan(id, Grantee::Person(viewer), Access::View, &owner_who)
        .await
        .expect("shared");
    store
        .share_plan(id, Grantee::Group(body.id), Access::Edit, &owner_who)
        .await
        .expect("shared");
    // Sharing again changes the access rather than adding a share.
    store
        .share_plan(id, Grantee::Person(viewer), Access::View, &owner_who)
        .await
        .expect("shared");
    assert_eq!(store.plan_shares(id).await.expect("shares").len(), 2);
    let role = RoleInput {
        role: "strategic-lead".into(),
        person: lead.to_string(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    store
        .add_plan_role(id, &role, &owner_who)
        .await
        .expect("role");
    let twice = store
        .add_plan_role(id, &role, &owner_who)
        .await
        .expect_err("the same role twice");
    assert_eq!(code(twice), "course-role-taken");

    assert_eq!(access(viewer).await, Some(Access::View));
    assert_eq!(access(group_member).await, Some(Access::Edit));
    assert_eq!(access(lead).await, Some(Access::View));
    assert_eq!(access(outsider).await, None);
    for p in [owner, viewer, group_member, lead] {
        assert_eq!(
            store.plans_for(Some(p), false).await.expect("list").len(),
            1,
            "{p}"
        );
    }
    assert!(store
        .plans_for(Some(outsider), false)
        .await
        .expect("list")
        .is_empty());
    assert_eq!(store.plans_for(None, true).await.expect("list").len(), 1);

    let share = store
        .plan_shares(id)
        .await
        .expect("shares")
        .into_iter()
        .find(|s| s.grantee == Grantee::Person(viewer))
        .expect("the viewer's share")
        .id;
    store
        .unshare_plan(id, share, &owner_who)
        .await
        .expect("unshared");
    assert_eq!(access(viewer).await, None);

    // Targets and the business plan round-trip through their JSON columns.
    let targets = TargetsInput {
        name: vec!["HR teams".into()],
        size: vec!["1,200".into()],
        offer: vec!["A certificate for onboarding".into()],
        usp: vec!["Built with practitioners".into()],
    }
    .parse()
    .expect("valid");
    store
        .set_plan_targets(id, &targets, &owner_who)
        .await
        .expect("targets");
    let business = BusinessInput {
        horizon_months: "12".into(),
        kind: vec!["people".into(), "revenue".into()],
        label: vec!["Community manager".into(), "Certificates".into()],
        quantity: vec!["1".into(), "200".into()],
        unit: vec!["2,000".into(), "49".into()],
        cadence: vec!["monthly".into(), "one-off".into()],
    }
    .parse()
    .expect("valid");
    store
        .set_plan_business(id, &business, &owner_who)
        .await
        .expect("business");
    let plan = store.plan(id).await.expect("read").expect("plan");
    assert_eq!(plan.targets, targets);
    assert_eq!(plan.business, business);
}

async fn plan_parts_refuse_what_is_not_theirs(store: Store) {
    let (owner, who) = member(&store, "owner@course.example", &[]).await;
    let a = store
        .create_plan(&basics("course-v1:Org+A+1"), owner, false, &who)
        .await
        .expect("created");
    let b = store
        .create_plan(&basics("course-v1:Org+B+1"), owner, false, &who)
        .await
        .expect("created");
    let measure = MeasureInput {
        name: "Enrolled by week 6".into(),
        metric: "enrolled".into(),
        target: "2,000".into(),
        due_on: "2026-04-13".into(),
        public: "on".into(),
    }
    .parse()
    .expect("valid");
    let m = store
        .save_measure(a, None, &measure, &who)
        .await
        .expect("measure");
    // Another plan's measure can be neither changed nor linked to.
    assert!(matches!(
        store.save_measure(b, Some(m), &measure, &who).await,
        Err(StoreError::NotFound)
    ));
    let item = |measure: &str, owner: &str, due: &str| {
        ItemInput {
            phase: "build-target-base".into(),
            title: "Mail the alumni list".into(),
            owner: owner.into(),
            due_on: due.into(),
            status: String::new(),
            measure: measure.into(),
        }
        .parse()
        .expect("valid")
    };
    let e = store
        .save_item(b, None, &item(&m.to_string(), "", ""), &who)
        .await
        .expect_err("another plan's measure");
    assert_eq!(code(e), "invalid-choice");
    let e = store
        .save_item(a, None, &item("", "999999", ""), &who)
        .await
        .expect_err("nobody");
    assert_eq!(code(e), "invalid-person");
    let i = store
        .save_item(
            a,
            None,
            &item(&m.to_string(), &owner.to_string(), "2026-03-01"),
            &who,
        )
        .await
        .expect("item");
    store
        .save_item(a, None, &item("", &owner.to_string(), "2026-05-01"), &who)
        .await
        .expect("item");
    let today = "2026-03-10".parse().expect("date");
    let overdue = store.overdue_items_of(owner, today).await.expect("overdue");
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0].item_id, i);
    assert_eq!(overdue[0].course_title, "Intro to Open edX");
    let mut done = item(&m.to_string(), &owner.to_string(), "2026-03-01");
    done.status = agora_domain::courses::plan::ItemStatus::Done;
    store
        .save_item(a, Some(i), &done, &who)
        .await
        .expect("done");
    assert!(store
        .overdue_items_of(owner, today)
        .await
        .expect("overdue")
        .is_empty());
    // Deleting the measure unlinks the item; deleting through another plan finds nothing.
    assert!(matches!(
        store.delete_measure(b, m, &who).await,
        Err(StoreError::NotFound)
    ));
    store.delete_measure(a, m, &who).await.expect("deleted");
    let roadmap = store.roadmap(a).await.expect("roadmap");
    assert_eq!(roadmap.len(), 2);
    assert!(roadmap.iter().all(|i| i.item.measure.is_none()));
    assert!(store.plan_measures(a).await.expect("measures").is_empty());
    assert!(store.public_plans().await.expect("public").is_empty());

    // A course whose learner data is already held is the foundation's to plan.
    let dir = tempfile::tempdir().expect("dir");
    let log = dir.path().join("held.log");
    std::fs::write(
        &log,
        r#"{"username": "amara", "event_type": "edx.course.enrollment.activated", "time": "2026-03-02T09:00:00+00:00", "context": {"course_id": "course-v1:Org+Held+1"}}"#.to_string() + "\n",
    )
    .expect("write");
    let path = log.clone();
    store
        .import_tracking_log(
            "held.log",
            move || agora_store::open_log(&path),
            None,
            &admin(),
            std::sync::Arc::new(|_| {}),
        )
        .await
        .expect("import");
    let held = basics("course-v1:Org+Held+1");
    let e = store
        .create_plan(&held, owner, false, &who)
        .await
        .expect_err("held data");
    assert_eq!(code(e), "course-has-data");
    store
        .create_plan(&held, owner, true, &admin())
        .await
        .expect("the foundation plans it");
}
