//! Every route with every role: anonymous, a member of another partner, the partner's admin, and a
//! foundation admin. Each cell states what must happen.

use super::helpers::{browser, csrf_in, TestApp};
use crate::both_backends;
use agora_domain::partner::PartnerStatus;
use agora_domain::permissions::{Grant, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Got past access control (2xx, or 422 for a body the test does not bother to fill).
    Allow,
    /// HTML page: redirected to sign in.
    Login,
    /// API: 401.
    Unauth,
    Forbid,
    /// 404: a members-only body and its decisions do not exist for outsiders.
    Hidden,
}
use Expect::*;

#[derive(Clone, Copy)]
enum Who {
    Anonymous,
    OtherMember,
    PartnerAdmin,
    Admin,
}

both_backends!(every_route_checks_every_role);

async fn every_route_checks_every_role(app: TestApp) {
    let a = app.partner("Org A", PartnerStatus::Active).await;
    let b = app.partner("Org B", PartnerStatus::Active).await;
    let admin_id = app
        .person(
            "admin@example.org",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
        )
        .await;
    let partnership = |name: &str| agora_domain::partnerships::PartnershipInput {
        organization: name.into(),
        kind: "academic".into(),
        website: "https://example.org".into(),
        description: "Together.".into(),
        since: "2024-01-01".into(),
        ..Default::default()
    };
    let deal_id = app
        .store
        .register_deal(
            a.id,
            &agora_domain::obligations::DealInput {
                organization: "Prospect U".into(),
                country: "FR".into(),
                expected_on: app.clock.now().date_naive().format("%Y-%m-%d").to_string(),
                ..Default::default()
            }
            .parse(app.clock.now().date_naive())
            .expect("deal"),
            &agora_store::Who::system(),
        )
        .await
        .expect("deal");
    let mut partnership_ids = vec![];
    for name in ["Kept", "Deleted by a page", "Deleted by the API"] {
        partnership_ids.push(
            app.store
                .create_partnership(
                    &partnership(name).parse().expect("valid"),
                    &agora_store::Who::system(),
                )
                .await
                .expect("partnership"),
        );
    }
    let [kept, page_deleted, api_deleted] = partnership_ids[..] else {
        panic!("three partnerships")
    };
    let unsubscribe = format!(
        "/unsubscribe/{}",
        agora_domain::notifications::unsubscribe_token(
            &app.store.signing_secret().await.expect("secret"),
            admin_id,
            agora_domain::notifications::Scope::Topic(
                agora_domain::notifications::Topic::Reminders
            ),
        )
    );
    let pa_id = app
        .person(
            "pa@a.example",
            &[Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(a.id),
            }],
        )
        .await;
    let other_id = app
        .person(
            "member@b.example",
            &[Grant {
                role: Role::PartnerMember,
                scope_id: Some(b.id),
            }],
        )
        .await;
    let a_id = a.id.to_string();
    // Benefits: a beta program A joined, a campaign and a training item.
    let program = |kind: &str| agora_domain::benefits::ProgramInput {
        kind: kind.into(),
        title: format!("A {kind}"),
        description: "For partners.".into(),
        ..Default::default()
    };
    let beta = app
        .store
        .create_program(
            &program("beta").parse().expect("valid"),
            &agora_store::Who::system(),
        )
        .await
        .expect("beta");
    let campaign = app
        .store
        .create_program(
            &program("campaign").parse().expect("valid"),
            &agora_store::Who::system(),
        )
        .await
        .expect("campaign");
    app.store
        .join_program(
            beta,
            a.id,
            &agora_domain::benefits::JoinInput::default()
                .parse(agora_domain::benefits::ProgramKind::Beta)
                .expect("join"),
            &agora_store::Who::person(pa_id, "pa@a.example"),
        )
        .await
        .expect("join");
    let training = app
        .store
        .create_training(
            &agora_domain::benefits::TrainingInput {
                title: "Selling hosting".into(),
                description: "The deck.".into(),
                audience: "sales".into(),
                link: "https://training.example.org/deck".into(),
            }
            .parse(false)
            .expect("valid"),
            None,
            &agora_store::Who::system(),
        )
        .await
        .expect("training");
    // A lead offered to A (B paused), for the inbox routes.
    app.store
        .set_partner_lead_settings(
            b.id,
            agora_domain::leads::PartnerLeadSettings {
                paused: true,
                monthly_capacity: None,
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("pause");
    let lead_id = app.lead("Acme U", "acme@lead.example").await;
    let offer = app.store.lead_offers(lead_id).await.expect("offers")[0].clone();
    assert_eq!(offer.partner_id, a.id);
    let offer_id = offer.id;
    // A members-only group where A's partner admin is a member, with an open proposal.
    let wg = app
        .store
        .create_body(
            &agora_store::NewBody {
                slug: "wg".into(),
                name: "Working group".into(),
                description: String::new(),
                visibility: agora_domain::governance::Visibility::Members,
                min_close_hours: 24,
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("body");
    app.store
        .grant_role(
            pa_id,
            Grant {
                role: Role::GroupMember,
                scope_id: Some(wg.id),
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("member");
    let proposal = agora_domain::governance::parse_decision(
        &agora_domain::governance::DecisionInput {
            title: "A proposal".into(),
            text: "Do it.".into(),
            kind: "lazy-consensus".into(),
            ..Default::default()
        },
        wg.kind,
        wg.min_close_hours,
    )
    .expect("proposal");
    let decision = app
        .store
        .open_decision(
            &wg,
            &proposal,
            &agora_store::Who::person(pa_id, "pa@a.example"),
            chrono::Utc::now(),
        )
        .await
        .expect("open");

    // A public open group anyone signed in may join and leave.
    app.store
        .create_body(
            &agora_store::NewBody {
                slug: "open".into(),
                name: "Open group".into(),
                description: String::new(),
                visibility: agora_domain::governance::Visibility::Public,
                min_close_hours: 24,
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("body");

    // A contribution and an article topic of A, for the contribution routes (no one here is in
    // the Marketing WG, which does not exist here, so no one reviews; admins review only when it does).
    let contribution = app
        .store
        .submit_contribution(
            a.id,
            &agora_domain::obligations::ContributionInput {
                kind: "case_study".into(),
                title: "A case".into(),
                text: "Text.".into(),
                anonymous: true,
                language: "en".into(),
                ..Default::default()
            }
            .parse(2026)
            .expect("valid"),
            &agora_store::Who::system(),
        )
        .await
        .expect("contribution");
    let topic = app
        .store
        .propose_topic(
            a.id,
            &agora_domain::obligations::NewTopic {
                title: "T".into(),
                summary: "S".into(),
            },
            &agora_store::Who::system(),
        )
        .await
        .expect("topic");
    // An objective of the members-only group, with a key result its members may check in on.
    let objective = agora_domain::groups::okrs::ObjectiveInput {
        title: "Grow the group".into(),
        members_check_in: true,
        ..Default::default()
    }
    .parse(app.store.now().date_naive())
    .expect("objective");
    let oid = app
        .store
        .create_objective(wg.id, &objective, &agora_store::Who::system())
        .await
        .expect("objective");
    let kr = agora_domain::groups::okrs::KeyResultInput {
        title: "Members".into(),
        kind: "number".into(),
        start: "0".into(),
        target: "10".into(),
        ..Default::default()
    }
    .parse()
    .expect("kr");
    let kid = app
        .store
        .add_key_result(wg.id, oid, &kr, &agora_store::Who::system())
        .await
        .expect("kr");
    let meeting = agora_domain::groups::meetings::SeriesInput {
        title: "WG call".into(),
        rule: "FREQ=WEEKLY".into(),
        start: "2026-01-07T10:00".into(),
        zone: "America/New_York".into(),
        duration_minutes: "60".into(),
        ..Default::default()
    }
    .parse()
    .expect("series");
    let sid = app
        .store
        .create_meeting_series(wg.id, &meeting, &agora_store::Who::system())
        .await
        .expect("series");
    // An initiative of the members-only group with its call open and a sponsor.
    let today = app.store.now().date_naive();
    let iid = app
        .store
        .create_initiative(
            wg.id,
            &agora_domain::groups::initiatives::InitiativeInput {
                title: "Videos".into(),
                goal: "Show Open edX".into(),
                stages: "awareness".into(),
                call_closes_on: (today + chrono::Duration::days(30))
                    .format("%Y-%m-%d")
                    .to_string(),
                ..Default::default()
            }
            .parse(today)
            .expect("initiative"),
            &agora_store::Who::system(),
        )
        .await
        .expect("initiative");
    app.store
        .set_initiative_status(
            iid,
            agora_domain::groups::initiatives::InitiativeStatus::OpenCall,
            today,
            &agora_store::Who::system(),
        )
        .await
        .expect("open call");
    let sponsor = app
        .store
        .add_initiative_sponsor(iid, "Org A", &agora_store::Who::system())
        .await
        .expect("sponsor");
    // A second sponsor, which the page's remove button takes away (the API's row removes the first).
    let sponsor2 = app
        .store
        .add_initiative_sponsor(iid, "Org B", &agora_store::Who::system())
        .await
        .expect("sponsor");
    let api_init = format!("/api/v1/groups/wg/initiatives/{iid}");
    // Events: a public one of nobody's group, and one for the members of the members-only group,
    // both organized by the admin.
    let event_input = |audience: &str, group: &str| agora_domain::events::EventInput {
        kind: "meetup".into(),
        title: "A meetup".into(),
        start_time: "2027-06-01T10:00".into(),
        end_time: "2027-06-01T12:00".into(),
        zone: "Europe/Madrid".into(),
        place: "Madrid".into(),
        registration: "open".into(),
        audience: audience.into(),
        group: group.into(),
        ..Default::default()
    };
    let pub_ev = app
        .store
        .create_event(
            &event_input("public", "").parse().expect("event").event,
            None,
            &[admin_id],
            &agora_store::Who::system(),
        )
        .await
        .expect("event");
    let wg_ev = app
        .store
        .create_event(
            &event_input("members", "wg").parse().expect("event").event,
            Some(wg.id),
            &[admin_id],
            &agora_store::Who::system(),
        )
        .await
        .expect("event");
    let occ = format!("/groups/wg/meetings/{sid}/2026-01-07T10:00:00");
    let api_occ = format!("/api/v1/groups/wg/meetings/{sid}/occurrences/2026-01-07T10:00:00");

    // A recognition cycle with the foundation's nomination of A's partner admin.
    let today = app.clock.now().date_naive();
    let announce = today + chrono::Duration::days(21);
    let rcycle = agora_domain::recognition::Cycle {
        year: announce.format("%Y").to_string().parse().expect("year"),
        nominations_open: today - chrono::Duration::days(1),
        nominations_close: today + chrono::Duration::days(5),
        review_open: today + chrono::Duration::days(6),
        review_close: today + chrono::Duration::days(20),
        announce_on: announce,
        appeal_days: 14,
    };
    let rcycle_id = app
        .store
        .save_recognition_cycle(&rcycle, &agora_store::Who::system())
        .await
        .expect("cycle");
    let engineer = app
        .store
        .recognition_categories()
        .await
        .expect("categories")
        .remove(0);
    let nomination = agora_domain::recognition::NominationInput {
        nominee: pa_id.to_string(),
        justification: [("code-contributions".to_string(), "Shipped it.".to_string())].into(),
        ..Default::default()
    }
    .parse(
        &engineer.category,
        &rcycle,
        &agora_domain::recognition::PersonRef {
            person_id: admin_id,
            partner_ids: &[],
        },
        today,
    )
    .expect("nomination");
    let (nomination_id, _) = app
        .store
        .nominate(
            rcycle_id,
            engineer.id,
            &nomination,
            &agora_store::Who::system(),
        )
        .await
        .expect("nominate");
    let award_id = app.store.recognition_awards().await.expect("awards")[0].id;
    // A community plan owned by A's partner admin, shared with B's member to view.
    let plan = {
        let b = agora_domain::courses::plan::PlanInput {
            course_id: "course-v1:Org+Perm+1".into(),
            title: "Permissions".into(),
            organization: "Org".into(),
            purpose: "external".into(),
            ..Default::default()
        }
        .parse()
        .expect("plan");
        let who = agora_store::Who::person(pa_id, "pa@a.example");
        let plan = app
            .store
            .create_plan(&b, pa_id, false, &who)
            .await
            .expect("plan");
        app.store
            .share_plan(
                plan,
                agora_domain::courses::plan::Grantee::Person(other_id),
                agora_domain::courses::plan::Access::View,
                &who,
            )
            .await
            .expect("share");
        plan
    };
    let plan_item = app
        .store
        .save_item(
            plan,
            None,
            &agora_domain::courses::plan::Item {
                phase: agora_domain::courses::plan::Phase::Engage,
                title: "Live session".into(),
                owner: None,
                due_on: None,
                status: agora_domain::courses::plan::ItemStatus::Planned,
                measure: None,
            },
            &agora_store::Who::person(pa_id, "pa@a.example"),
        )
        .await
        .expect("item");

    // (method, path, [anonymous, member of another org, partner admin of A, admin])
    let html: Vec<(&str, String, [Expect; 4])> = vec![
        ("GET", "/recognition".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/recognition/categories/distinguished-engineer".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/recognition/nominate".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/recognition/nominate".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/recognition/review".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/recognition/nominations/{nomination_id}"),
            [Login, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/respond"),
            [Login, Hidden, Allow, Forbid],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/score"),
            [Login, Hidden, Forbid, Forbid],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/recuse"),
            [Login, Hidden, Forbid, Forbid],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/comment"),
            [Login, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/decide"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/recognition/evidence".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/recognition/evidence/{pa_id}"),
            [Login, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/recognition/hall-of-fame".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/recognition/badges/distinguished-engineer.png".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/.well-known/did.json".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/credentials/status/revocation".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/credentials/status/suspension".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/credentials/00000000-0000-4000-8000-000000000000.json".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        ("GET", "/verify".into(), [Allow, Allow, Allow, Allow]),
        ("POST", "/verify".into(), [Allow, Allow, Allow, Allow]),
        ("GET", "/hall-of-fame".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/admin/recognition".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/recognition/settings".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/recognition/cycles".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/recognition/awards/{award_id}"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/recognition/keys".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/recognition/renewals".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/appeal"),
            [Login, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/recognition/nominations/{nomination_id}/appeal/answer"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/recognition/dashboard".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/recognition/records".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/recognition/mentorships".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/recognition/mentorships/999999/delete".into(),
            [Login, Hidden, Hidden, Hidden],
        ),
        (
            "POST",
            "/recognition/attestations".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/admin/recognition/budget".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/recognition/budget".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/recognition/budget.csv".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/recognition/budget/999999/delete".into(),
            [Login, Forbid, Forbid, Hidden],
        ),
        (
            "GET",
            "/admin/recognition/identities".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/recognition/identities/999999".into(),
            [Login, Forbid, Forbid, Hidden],
        ),
        ("GET", "/governance".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/governance/register".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/bodies/partner-assembly".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/bodies/partner-assembly/propose".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        ("GET", "/bodies/wg".into(), [Hidden, Hidden, Allow, Allow]),
        (
            "GET",
            "/bodies/wg/feed.atom".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            "/bodies/wg/propose".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/bodies/wg/propose".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/decisions/{decision}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/decisions/{decision}/stance"),
            [Login, Hidden, Allow, Forbid],
        ),
        (
            "POST",
            format!("/decisions/{decision}/take"),
            [Login, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/decisions/{decision}/rule"),
            [Login, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/decisions/{decision}/withdraw"),
            [Login, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/decisions/{decision}/ballots.csv"),
            [Hidden, Hidden, Allow, Allow],
        ),
        ("GET", "/home".into(), [Login, Allow, Allow, Allow]),
        (
            "GET",
            "/partners/org-a/obligations".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/partners/org-a/clients".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/partners/org-a/clients".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/admin/obligations".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        // Deals: the partner's people register and close them; the foundation sees them all.
        (
            "GET",
            "/partners/org-a/deals".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/partners/org-a/deals".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/partners/org-a/deals/{deal_id}/close"),
            [Login, Forbid, Allow, Allow],
        ),
        ("GET", "/admin/deals".into(), [Login, Forbid, Forbid, Allow]),
        (
            "GET",
            "/partners/org-a/contributions".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/partners/org-a/contributions".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/partners/org-a/topics".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/contributions/{contribution}"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/contributions/{contribution}/resubmit"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/contributions/{contribution}/review"),
            [Login, Forbid, Forbid, Forbid],
        ),
        (
            "POST",
            format!("/topics/{topic}/review"),
            [Login, Forbid, Forbid, Forbid],
        ),
        (
            "GET",
            "/marketing/reviews".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/compliance".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        ("GET", "/showcase".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/admin/compliance.csv".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/obligations".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/bodies".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/bodies".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/bodies/wg/members".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/portal/partners/{a_id}/delegates"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/portal/partners/{a_id}/delegates"),
            [Login, Forbid, Allow, Allow],
        ),
        ("GET", "/".into(), [Allow, Allow, Allow, Allow]),
        ("GET", "/partners".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/partners/org-a".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/partners/org-a/badge.svg".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/partners/org-a/verify".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/partners/apply".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/partners/apply".into(),
            [Allow, Allow, Allow, Allow],
        ),
        ("GET", "/login".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/password/forgot".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/partners/org-a/edit".into(),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/partners/org-a/edit".into(),
            [Login, Forbid, Allow, Allow],
        ),
        ("GET", "/account".into(), [Login, Allow, Allow, Allow]),
        ("GET", "/partnerships".into(), [Allow, Allow, Allow, Allow]),
        ("GET", "/benefits".into(), [Login, Allow, Allow, Allow]),
        ("GET", "/campaigns".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            format!("/programs/{beta}"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/programs/{campaign}"),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/programs/{beta}/join"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/programs/{campaign}/join"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/programs/{campaign}/leave"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/admin/benefits".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/benefits".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/admin/benefits/{beta}"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/benefits/{beta}"),
            [Login, Forbid, Forbid, Allow],
        ),
        ("GET", "/training".into(), [Login, Allow, Allow, Allow]),
        (
            "GET",
            format!("/training/{training}/open"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/admin/training".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/training".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/training/{training}/archive"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/partnerships".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/partnerships".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/admin/partnerships/{kept}"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/partnerships/{kept}"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/partnerships/{page_deleted}/delete"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/account/notifications".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/account/notifications".into(),
            [Login, Allow, Allow, Allow],
        ),
        // The signed link is the authority: no sign-in, no CSRF token (RFC 8058).
        ("GET", unsubscribe.clone(), [Allow, Allow, Allow, Allow]),
        ("POST", unsubscribe.clone(), [Allow, Allow, Allow, Allow]),
        (
            "POST",
            "/account/tokens".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/account/password".into(),
            [Login, Allow, Allow, Allow],
        ),
        ("GET", "/portal".into(), [Login, Allow, Allow, Allow]),
        ("GET", "/admin".into(), [Login, Forbid, Forbid, Allow]),
        (
            "GET",
            "/admin/partners".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/admin/partners/{a_id}"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/partners/{a_id}/status"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/partners/export.csv".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/partners/import".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/people".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/regions".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/people/invite".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/people/{pa_id}/roles"),
            [Login, Forbid, Forbid, Allow],
        ),
        ("GET", "/admin/audit".into(), [Login, Forbid, Forbid, Allow]),
        (
            "GET",
            "/admin/outbox".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/find-a-partner".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/find-a-partner".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/find-a-partner/received".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/partners/how-leads-are-allocated".into(),
            [Allow, Allow, Allow, Allow],
        ),
        ("GET", "/transparency".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/transparency/2026-Q4".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/transparency/2026/report.csv".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/portal/partners/{a_id}/leads"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/portal/partners/{a_id}/lead-settings"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/portal/offers/{offer_id}"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/portal/offers/{offer_id}"),
            [Login, Forbid, Allow, Allow],
        ),
        ("GET", "/admin/leads".into(), [Login, Forbid, Forbid, Allow]),
        (
            "GET",
            format!("/admin/leads/{lead_id}"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/leads/{lead_id}/retry"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/leads/{lead_id}/offer"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/admin/leads/{lead_id}/close"),
            [Login, Forbid, Forbid, Allow],
        ),
        // A requester's status page answers to its private link only; a wrong one is not found.
        (
            "GET",
            "/find-a-partner/status/not-the-link".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "GET",
            "/find-a-partner/status/not-the-link/withdraw".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "POST",
            "/find-a-partner/status/not-the-link/withdraw".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "GET",
            format!("/find-a-partner?partner={}", a.profile.slug),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/admin/lead-policy".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/lead-policy".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/referrals".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/referrals".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/admin/lead-data".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/admin/lead-data".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        ("GET", "/groups".into(), [Allow, Allow, Allow, Allow]),
        ("GET", "/groups/wg".into(), [Hidden, Hidden, Allow, Allow]),
        ("GET", "/groups/open".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/groups/wg/edit".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/edit".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/collaborators".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/requests/1".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/terms".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/join".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/groups/wg/request".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/groups/open/join".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/groups/open/request".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/groups/open/leave".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/groups/wg/initiatives".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/initiatives/{iid}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/join"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/withdraw"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            "/groups/wg/initiatives/new".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/initiatives".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/initiatives/{iid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/status"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/cross-validator"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/sponsors"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/sponsors/{sponsor2}/remove"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/initiatives/{iid}/outputs"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            "/groups/wg/objectives/new".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/objectives".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/objectives/{oid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/objectives/{oid}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/objectives/{oid}/comments"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/objectives/{oid}/adopt"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/objectives/from-template".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/objectives/{oid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/objectives/{oid}/key-results/new"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/objectives/{oid}/key-results"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/key-results/{kid}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/key-results/{kid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/key-results/{kid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/key-results/{kid}/check-ins"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/key-results/{kid}/score"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            "/groups/updates.atom".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/groups/open/updates.atom".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/groups/wg/updates.atom".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            "/groups/wg/digest".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/groups/wg/updates".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/open/updates".into(),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/update-settings".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            "/groups/wg/meetings/new".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/groups/wg/meetings".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/groups/wg/meetings/{sid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/groups/wg/meetings/{sid}/edit"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        ("GET", occ.clone(), [Hidden, Hidden, Allow, Allow]),
        (
            "POST",
            format!("{occ}/change"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("{occ}/notes"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        // Members only: the admin joined the group above (`/groups/wg/join`).
        (
            "POST",
            format!("{occ}/attendance"),
            [Hidden, Hidden, Allow, Allow],
        ),
        // Hours: members log their own (the admin joined wg above); outsiders of a public group
        // are refused, of a members-only one never told it exists.
        (
            "POST",
            "/groups/wg/hours".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/groups/open/hours".into(),
            [Login, Forbid, Forbid, Forbid],
        ),
        (
            "POST",
            "/groups/wg/hours/delete".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/groups/wg/hours/sharing".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/groups/open/hours/sharing".into(),
            [Login, Forbid, Forbid, Forbid],
        ),
        // A calendar client cannot sign in: members-only groups have no group feed.
        (
            "GET",
            "/groups/wg/calendar.ics".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "GET",
            "/groups/open/calendar.ics".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/calendar/not-a-secret.ics".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "POST",
            "/account/calendar".into(),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/account/calendar/revoke".into(),
            [Login, Allow, Allow, Allow],
        ),
        ("GET", "/events".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/events?when=past".into(),
            [Allow, Allow, Allow, Allow],
        ),
        ("GET", "/events.ics".into(), [Allow, Allow, Allow, Allow]),
        ("GET", "/events/new".into(), [Login, Allow, Allow, Allow]),
        ("POST", "/events".into(), [Login, Allow, Allow, Allow]),
        (
            "GET",
            format!("/events/{pub_ev}"),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/events/{pub_ev}.ics"),
            [Allow, Allow, Allow, Allow],
        ),
        // Members of the group (the partner admin of A is one) and the organizer.
        (
            "GET",
            format!("/events/{wg_ev}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/events/{wg_ev}.ics"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/events/{pub_ev}/edit"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/events/{pub_ev}/edit"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/events/{pub_ev}/register"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/events/{pub_ev}/unregister"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/events/{wg_ev}/register"),
            [Login, Hidden, Allow, Allow],
        ),
        (
            "GET",
            format!("/events/{pub_ev}/registrants"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/events/{pub_ev}/attendance"),
            [Login, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/events/{pub_ev}/cancel"),
            [Login, Forbid, Forbid, Allow],
        ),
        // Guests register for public events without an account; a members-only event takes none.
        (
            "POST",
            format!("/events/{pub_ev}/guests"),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/events/{wg_ev}/guests"),
            [Hidden, Hidden, Allow, Allow],
        ),
        // A guest's link is its only key: a wrong one is not found, for everyone.
        (
            "GET",
            "/events/guests/not-the-link".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "POST",
            "/events/guests/not-the-link/confirm".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        (
            "POST",
            "/events/guests/not-the-link/withdraw".into(),
            [Hidden, Hidden, Hidden, Hidden],
        ),
        ("GET", "/courses".into(), [Allow, Allow, Allow, Allow]),
        ("GET", "/courses/new".into(), [Login, Allow, Allow, Allow]),
        ("POST", "/courses".into(), [Login, Allow, Allow, Allow]),
        (
            "GET",
            format!("/courses/{plan}"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/courses/999999".into(),
            [Login, Hidden, Hidden, Hidden],
        ),
        (
            "GET",
            format!("/courses/{plan}/measures"),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/courses/{plan}/edit"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/edit"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/courses/{plan}/targets"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/targets"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/courses/{plan}/business"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/business"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/measures"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/measures/999999/delete"),
            [Login, Forbid, Hidden, Hidden],
        ),
        (
            "GET",
            format!("/courses/{plan}/measures/999999/edit"),
            [Login, Forbid, Hidden, Hidden],
        ),
        (
            "POST",
            format!("/courses/{plan}/measures/999999/edit"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/courses/{plan}/roadmap/{plan_item}/edit"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/roadmap/{plan_item}/edit"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/roadmap"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/roadmap/{plan_item}/status"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/roadmap/999999/delete"),
            [Login, Forbid, Hidden, Hidden],
        ),
        (
            "POST",
            format!("/courses/{plan}/roles"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/roles/999999/delete"),
            [Login, Forbid, Hidden, Hidden],
        ),
        (
            "POST",
            format!("/courses/{plan}/shares"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/shares/999999/delete"),
            [Login, Forbid, Hidden, Hidden],
        ),
        (
            "GET",
            format!("/courses/{plan}/series"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/courses/{plan}/series.csv"),
            [Login, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/courses/{plan}/import"),
            [Login, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/courses/{plan}/import"),
            [Login, Forbid, Allow, Allow],
        ),
        // Not published: no one sees it.
        (
            "GET",
            format!("/courses/{plan}/progress"),
            [Hidden, Hidden, Hidden, Hidden],
        ),
    ];
    let api: Vec<(&str, String, [Expect; 4])> = vec![
        (
            "GET",
            "/api/v1/recognition".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/recognition/nominations".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/recognition/nominations/{nomination_id}"),
            [Unauth, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/recognition/nominations/{nomination_id}/scores"),
            [Unauth, Hidden, Forbid, Forbid],
        ),
        (
            "POST",
            format!("/api/v1/recognition/nominations/{nomination_id}/decision"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/recognition/nominations/{nomination_id}/appeal"),
            [Unauth, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/recognition/nominations/{nomination_id}/appeal/answer"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/recognition/awards".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/recognition/awards/{award_id}"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/recognition/dashboard".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/recognition/budget".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/recognition/budget".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "PUT",
            "/api/v1/recognition/budget/999999".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "DELETE",
            "/api/v1/recognition/budget/999999".into(),
            [Unauth, Forbid, Forbid, Hidden],
        ),
        (
            "GET",
            "/api/v1/recognition/records".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/recognition/mentorships".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "DELETE",
            "/api/v1/recognition/mentorships/999999".into(),
            [Unauth, Hidden, Hidden, Hidden],
        ),
        (
            "POST",
            "/api/v1/recognition/attestations".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/hall-of-fame".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/credentials/verify".into(),
            [Allow, Allow, Allow, Allow],
        ),
        ("GET", "/api/v1/bodies".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/api/v1/register".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/bodies/wg/decisions".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/bodies/wg/decisions".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/bodies/partner-assembly/decisions".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/decisions/{decision}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/decisions/{decision}/stance"),
            [Unauth, Hidden, Allow, Forbid],
        ),
        (
            "POST",
            format!("/api/v1/decisions/{decision}/take"),
            [Unauth, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/decisions/{decision}/respond"),
            [Unauth, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/decisions/{decision}/ballots.csv"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/partners/{a_id}/delegates"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/partners".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/org-a".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/org-a/verification".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/regions".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/categories".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/openapi.json".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/partners/applications".into(),
            [Allow, Allow, Allow, Allow],
        ),
        ("GET", "/api/v1/me".into(), [Unauth, Allow, Allow, Allow]),
        (
            "GET",
            "/api/v1/partnerships".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/partnerships".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/programs".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/programs".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/programs/{beta}"),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/programs/{beta}"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/programs/{beta}/participants"),
            [Unauth, Allow, Allow, Allow],
        ),
        // A's admin withdraws A; there is then nothing left for the foundation to withdraw.
        (
            "DELETE",
            format!("/api/v1/programs/{beta}/participants/org-a"),
            [Unauth, Forbid, Allow, Hidden],
        ),
        (
            "GET",
            "/api/v1/training".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/training".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/training/opens".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/partnerships/{kept}"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "DELETE",
            format!("/api/v1/partnerships/{api_deleted}"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/me/notifications".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "PUT",
            "/api/v1/me/notifications".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/me/tasks".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "PUT",
            "/api/v1/partners/org-a".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/partners/org-a/status".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/admin/partners".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/export.csv".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/partners/import".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/audit".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        ("POST", "/api/v1/leads".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/api/v1/transparency?period=2026".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/lead-policy".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/lead-policy".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/lead-policy/dry-run".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/leads".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/leads/{lead_id}"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/leads/{lead_id}/offer"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/leads/{lead_id}/close"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/referrals".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/partners/{a_id}/offers"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/partners/{a_id}/referrals"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/offers/{offer_id}"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/offers/{offer_id}"),
            [Unauth, Forbid, Allow, Allow],
        ),
        ("GET", "/api/v1/groups".into(), [Allow, Allow, Allow, Allow]),
        (
            "GET",
            "/api/v1/partners/org-a/obligations".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/org-a/clients".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "PUT",
            "/api/v1/partners/org-a/clients".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/obligation-policy".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/org-a/deals".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/partners/org-a/deals".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/partners/org-a/deals/{deal_id}/close"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/deals".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/org-a/contributions".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/partners/org-a/contributions".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/partners/org-a/topics".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/partners/org-a/topics".into(),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/contributions/{contribution}"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/contributions/{contribution}"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/contributions/{contribution}/review"),
            [Unauth, Forbid, Forbid, Forbid],
        ),
        (
            "POST",
            format!("/api/v1/topics/{topic}/review"),
            [Unauth, Forbid, Forbid, Forbid],
        ),
        (
            "GET",
            "/api/v1/marketing/reviews".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/admin/compliance".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/showcase".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/obligation-policy".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/groups/wg".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            "/api/v1/groups/wg".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/groups/wg/requests".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/requests/1".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/terms".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/open/join".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/open/request".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/open/leave".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/groups/wg/okrs".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/objectives".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/groups/wg/objectives/{oid}"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/groups/wg/objectives/{oid}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/groups/wg/objectives/{oid}/comments"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/groups/wg/objectives/{oid}/adopt"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/objectives/from-template".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/okr-templates".into(),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/groups/wg/objectives/{oid}/key-results"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/groups/wg/key-results/{kid}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/groups/wg/key-results/{kid}"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/groups/wg/key-results/{kid}/check-ins"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/groups/wg/key-results/{kid}/score"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/groups/wg/updates".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/updates".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/open/updates".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "PUT",
            "/api/v1/groups/wg/update-settings".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "PUT",
            "/api/v1/groups/open/update-settings".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/me/activity".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/people/{admin_id}/activity"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/people/{pa_id}/activity"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/groups/wg/hours".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        // Facilitators and admins see a group's totals without being members.
        (
            "GET",
            "/api/v1/groups/open/hours".into(),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/hours".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            "/api/v1/groups/wg/hours".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/open/hours".into(),
            [Unauth, Forbid, Forbid, Forbid],
        ),
        // A month that does not parse: 422 once past access control.
        (
            "DELETE",
            "/api/v1/groups/wg/hours/not-a-month/content".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "DELETE",
            "/api/v1/groups/open/hours/not-a-month/content".into(),
            [Unauth, Forbid, Forbid, Forbid],
        ),
        (
            "PUT",
            "/api/v1/groups/wg/hours/sharing".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            "/api/v1/groups/open/hours/sharing".into(),
            [Unauth, Forbid, Forbid, Forbid],
        ),
        (
            "GET",
            "/api/v1/groups/wg/meetings".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/meetings".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "GET",
            format!("/api/v1/groups/wg/meetings/{sid}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/groups/wg/meetings/{sid}"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/groups/wg/meetings/{sid}/exceptions"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        ("GET", api_occ.clone(), [Hidden, Hidden, Allow, Allow]),
        (
            "PUT",
            format!("{api_occ}/notes"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "PUT",
            format!("{api_occ}/attendance"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/groups/wg/initiatives".into(),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/groups/wg/initiatives".into(),
            [Hidden, Hidden, Forbid, Allow],
        ),
        ("GET", api_init.clone(), [Hidden, Hidden, Allow, Allow]),
        ("PUT", api_init.clone(), [Hidden, Hidden, Forbid, Allow]),
        (
            "POST",
            format!("{api_init}/status"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("{api_init}/join"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "POST",
            format!("{api_init}/withdraw"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            format!("{api_init}/cross-validator"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("{api_init}/sponsors"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "DELETE",
            format!("{api_init}/sponsors/{sponsor}"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("{api_init}/outputs"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        ("GET", "/api/v1/events".into(), [Allow, Allow, Allow, Allow]),
        (
            "POST",
            "/api/v1/events".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/events/{pub_ev}"),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/events/{wg_ev}"),
            [Hidden, Hidden, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/events/{pub_ev}"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/events/{pub_ev}/registration"),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "DELETE",
            format!("/api/v1/events/{pub_ev}/registration"),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/events/{pub_ev}/registrants"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/events/{pub_ev}/attendance"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/events/{wg_ev}/cancel"),
            [Hidden, Hidden, Forbid, Allow],
        ),
        (
            "POST",
            format!("/api/v1/events/{pub_ev}/guests"),
            [Allow, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/events/{pub_ev}/guests"),
            [Unauth, Forbid, Forbid, Allow],
        ),
        (
            "GET",
            "/api/v1/courses/course-v1%3AOrg%2BPerm%2B1/series".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/courses/course-v1%3AOrg%2BElse%2B1/series".into(),
            [Unauth, Hidden, Hidden, Hidden],
        ),
        (
            "GET",
            "/api/v1/courses/plans".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "POST",
            "/api/v1/courses/plans".into(),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            format!("/api/v1/courses/plans/{plan}"),
            [Unauth, Allow, Allow, Allow],
        ),
        (
            "GET",
            "/api/v1/courses/plans/999999".into(),
            [Unauth, Hidden, Hidden, Hidden],
        ),
        (
            "PUT",
            format!("/api/v1/courses/plans/{plan}/business"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/courses/plans/{plan}/targets"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/courses/plans/{plan}/measures"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "POST",
            format!("/api/v1/courses/plans/{plan}/roadmap"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/courses/plans/{plan}/measures/999999"),
            [Unauth, Forbid, Allow, Allow],
        ),
        (
            "PUT",
            format!("/api/v1/courses/plans/{plan}/roadmap/{plan_item}"),
            [Unauth, Forbid, Allow, Allow],
        ),
    ];

    let people = [
        (Who::Anonymous, None),
        (Who::OtherMember, Some(("member@b.example", other_id))),
        (Who::PartnerAdmin, Some(("pa@a.example", pa_id))),
        (Who::Admin, Some(("admin@example.org", admin_id))),
    ];
    let mut failures = vec![];
    for (i, (who, account)) in people.iter().enumerate() {
        let client = match account {
            Some((email, _)) => app.login(email).await,
            None => browser(),
        };
        // Any page with a form gives this client a valid CSRF token.
        let token = csrf_in(
            &client
                .get(app.url("/partners/apply"))
                .send()
                .await
                .expect("get")
                .text()
                .await
                .expect("body"),
        )
        .expect("token");
        for (method, path, expect) in &html {
            let res = match *method {
                "GET" => client.get(app.url(path)).send().await,
                _ => {
                    client
                        .post(app.url(path))
                        .form(&[("csrf_token", token.as_str())])
                        .send()
                        .await
                }
            }
            .expect("request");
            let status = res.status().as_u16();
            let location = res
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or("")
                .to_string();
            let got = match status {
                303 if location.starts_with("/login") => Login,
                403 => Forbid,
                404 => Hidden,
                401 => Unauth,
                200..=399 | 422 => Allow,
                _ => {
                    failures.push(format!("{method} {path} as {:?}: unexpected {status}", i));
                    continue;
                }
            };
            if got != expect[i] {
                failures.push(format!(
                    "{method} {path} as #{i}: expected {:?}, got {got:?} ({status})",
                    expect[i]
                ));
            }
        }
        let bearer = match account {
            Some((_, id)) => Some(app.token(*id).await),
            None => None,
        };
        let api_client = reqwest::Client::new();
        for (method, path, expect) in &api {
            let mut req = match *method {
                "GET" => api_client.get(app.url(path)),
                "PUT" => api_client.put(app.url(path)).json(&serde_json::json!({})),
                "DELETE" => api_client.delete(app.url(path)),
                _ => api_client.post(app.url(path)).json(&serde_json::json!({})),
            };
            if let Some(t) = &bearer {
                req = req.bearer_auth(t);
            }
            let status = req.send().await.expect("request").status().as_u16();
            let got = match status {
                401 => Unauth,
                403 => Forbid,
                404 => Hidden,
                // 429: the anonymous applications of this walk hit the per-IP limit only after access
                // control let them through.
                200..=299 | 400 | 422 | 429 => Allow,
                _ => {
                    failures.push(format!("{method} {path} as #{i}: unexpected {status}"));
                    continue;
                }
            };
            if got != expect[i] {
                failures.push(format!(
                    "{method} {path} as #{i}: expected {:?}, got {got:?} ({status})",
                    expect[i]
                ));
            }
        }
        let _ = who;
    }
    assert!(
        failures.is_empty(),
        "permission mismatches:\n{}",
        failures.join("\n")
    );
}
