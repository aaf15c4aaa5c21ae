//! Conformance: every write by someone leaves its audit entries, and bookkeeping leaves none. Walks
//! the store's write paths program by program; a write that stopped auditing (or audited the wrong
//! thing) fails here.

use super::*;

conformance!(
    every_change_of_state_is_audited,
    bookkeeping_writes_are_not_audited,
    a_write_without_an_audit_event_is_refused_and_rolled_back,
);

/// The audit log seen since the last look.
struct Log {
    seq: i64,
}

impl Log {
    async fn new(store: &Store) -> Self {
        let mut log = Self { seq: 0 };
        log.since(store).await;
        log
    }

    /// The actions recorded since the last call, sorted.
    async fn since(&mut self, store: &Store) -> Vec<String> {
        let page = store
            .audit_page(&AuditFilter::default(), PageRequest::new(1, 100))
            .await
            .expect("audit page");
        let mut new: Vec<_> = page.items.iter().filter(|e| e.seq > self.seq).collect();
        assert!(new.len() < 100, "more entries than one page holds");
        if let Some(last) = new.iter().map(|e| e.seq).max() {
            self.seq = last;
        }
        new.sort_by(|a, b| a.action.cmp(&b.action));
        new.into_iter().map(|e| e.action.clone()).collect()
    }

    /// Asserts that exactly `expected` (any order) was recorded since the last look.
    async fn expect(&mut self, store: &Store, what: &str, expected: &[&str]) {
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(self.since(store).await, expected, "after {what}");
    }
}

async fn every_change_of_state_is_audited(store: Store) {
    let now = t("2026-11-02T10:00:00Z");
    let mut log = Log::new(&store).await;

    // ---- Accounts
    let admin_who = admin();
    let (pid, who) = member(
        &store,
        "walker@example.org",
        &[Grant {
            role: Role::Admin,
            scope_id: None,
        }],
    )
    .await;
    log.expect(&store, "create_person", &["person.create", "role.grant"])
        .await;
    store
        .set_language(pid, Some("es"), &who)
        .await
        .expect("language");
    log.expect(&store, "set_language", &["person.language"])
        .await;
    let delegate_role = Grant {
        role: Role::GroupMember,
        scope_id: Some(1),
    };
    store
        .grant_role(pid, delegate_role, &admin_who)
        .await
        .expect("grant");
    log.expect(&store, "grant_role", &["role.grant"]).await;
    store
        .revoke_role(pid, delegate_role, &admin_who)
        .await
        .expect("revoke");
    log.expect(&store, "revoke_role", &["role.revoke"]).await;
    let token = store
        .create_api_token(
            pid,
            "script",
            "walk-hash",
            "agora_walk",
            t("2999-01-01T00:00:00.000Z"),
            &who,
        )
        .await
        .expect("token");
    log.expect(&store, "create_api_token", &["api_token.create"])
        .await;
    store
        .revoke_api_token(token, pid, &who)
        .await
        .expect("revoke token");
    log.expect(&store, "revoke_api_token", &["api_token.revoke"])
        .await;
    store
        .change_password(pid, "$argon2id$new", "no-session", &who)
        .await
        .expect("password");
    log.expect(&store, "change_password", &["person.change_password"])
        .await;
    let invited = store
        .invite_person(
            &Email::parse("invited@example.org").expect("test"),
            "Invited",
            &[Grant {
                role: Role::Admin,
                scope_id: None,
            }],
            &invitation("walk-invite"),
            &admin_who,
        )
        .await
        .expect("invite");
    log.expect(&store, "invite_person", &["person.create", "role.grant"])
        .await;
    let redeemed = store
        .redeem_token_set_password(
            TokenPurpose::Invitation,
            "walk-invite",
            "$argon2id$x",
            &("Tokens".into(), "Revoked".into()),
        )
        .await
        .expect("redeem");
    assert_eq!(redeemed.person_id, invited);
    log.expect(
        &store,
        "redeem_token_set_password",
        &["person.accept_invitation"],
    )
    .await;
    store
        .record(&who, AuditEvent::new("session.sign_in", "person", pid))
        .await
        .expect("record");
    log.expect(&store, "record", &["session.sign_in"]).await;

    // ---- Partners
    let applicant = store
        .create_application(
            &application("Walker Apps", "contact@walker.example"),
            &Who::anonymous(),
        )
        .await
        .expect("apply");
    log.expect(&store, "create_application", &["partner.apply"])
        .await;
    store
        .change_status(
            applicant.id,
            PartnerStatus::Active,
            "",
            Some(&invitation("walk-contact")),
            &admin_who,
        )
        .await
        .expect("approve");
    log.expect(
        &store,
        "change_status (approval with invitation)",
        &["partner.status", "person.create", "role.grant"],
    )
    .await;
    let partner = store
        .create_partner(
            &profile("Walker Hosting", "FR", "hosting"),
            PartnerStatus::Active,
            &admin_who,
        )
        .await
        .expect("partner");
    log.expect(&store, "create_partner", &["partner.create"])
        .await;
    store
        .update_profile(
            partner.id,
            &profile("Walker Hosting", "DE", "hosting"),
            &admin_who,
        )
        .await
        .expect("update");
    log.expect(&store, "update_profile", &["partner.update"])
        .await;
    store
        .import_partners(
            &[
                ImportRow {
                    profile: profile("Walker Hosting", "DE", "hosting"),
                    status: PartnerStatus::Active,
                },
                ImportRow {
                    profile: profile("Walker Imports", "ES", "hosting"),
                    status: PartnerStatus::Active,
                },
            ],
            &admin_who,
        )
        .await
        .expect("import");
    log.expect(
        &store,
        "import_partners",
        &["partner.import_create", "partner.import_update"],
    )
    .await;
    store
        .replace_regions(&RegionMap::default_map(), &admin_who)
        .await
        .expect("regions");
    log.expect(
        &store,
        "replace_regions",
        &["lead_policy.adopted", "regions.replace"],
    )
    .await;

    // ---- Leads
    store
        .set_partner_lead_settings(
            partner.id,
            agora_domain::leads::PartnerLeadSettings {
                paused: false,
                monthly_capacity: Some(50),
            },
            &admin_who,
        )
        .await
        .expect("settings");
    log.expect(
        &store,
        "set_partner_lead_settings",
        &["partner.lead_settings"],
    )
    .await;
    let policy = store.lead_policy().await.expect("policy").policy;
    store
        .adopt_lead_policy(&policy, "Same again", &admin_who)
        .await
        .expect("adopt");
    log.expect(&store, "adopt_lead_policy", &["lead_policy.adopted"])
        .await;
    store
        .create_referrer("walk-2026", Some(partner.id), None, "Flyer", &admin_who)
        .await
        .expect("referrer");
    log.expect(&store, "create_referrer", &["referrer.created"])
        .await;
    let submit = |email: &str, key: &str| {
        submission(
            lead_input(email, "Org", "FR"),
            Some(key),
            "2026-11-02T09:00:00Z",
        )
    };
    let first = store
        .submit_leads(&[
            submit("a@lead.example", "k1"),
            submit("b@lead.example", "k2"),
        ])
        .await
        .expect("submit");
    let lead = first[0].as_ref().expect("lead").lead_id();
    log.expect(&store, "submit_leads", &["lead.received"]).await;
    store
        .submit_leads(&[submit("a@lead.example", "k1")])
        .await
        .expect("replay");
    log.expect(&store, "submit_leads (a replay changes nothing)", &[])
        .await;
    store
        .submit_leads(&[submit("a@lead.example", "k3")])
        .await
        .expect("merge");
    log.expect(&store, "submit_leads (a repeat)", &["lead.merged"])
        .await;
    let (offered, queued) = store.allocate_pending(now, 10).await.expect("allocate");
    log.expect(
        &store,
        "allocate_pending",
        &vec!["lead.allocated"; usize::try_from(offered + queued).expect("count")],
    )
    .await;
    let offer = store.lead_offers(lead).await.expect("offers")[0].clone();
    store
        .update_offer(
            offer.id,
            offer.partner_id,
            &agora_store::OfferUpdate {
                to: agora_domain::leads::OfferStatus::Accepted,
                reason: None,
                note: String::new(),
            },
            now,
            &admin_who,
        )
        .await
        .expect("accept");
    log.expect(&store, "update_offer", &["lead.offer_updated"])
        .await;
    store
        .close_lead(
            lead,
            (agora_domain::leads::CloseReason::Duplicate, "twice"),
            now,
            &admin_who,
        )
        .await
        .expect("close");
    log.expect(&store, "close_lead", &["lead.closed"]).await;
    let other = first[1].as_ref().expect("lead").lead_id();
    store
        .erase_person_leads("b@lead.example", &admin_who)
        .await
        .expect("erase");
    log.expect(&store, "erase_person_leads", &["lead.person_erased"])
        .await;
    assert!(store.lead(other).await.expect("lead").is_some());
    store
        .add_report_counts(
            &[(
                "2025-01".into(),
                "europe".into(),
                0,
                "received".into(),
                -1,
                3,
            )],
            &[],
        )
        .await
        .expect("counts");
    log.expect(&store, "add_report_counts", &["lead.counts_loaded"])
        .await;
    store
        .run_lead_jobs(t("2026-12-31T10:00:00Z"), Some(1))
        .await
        .expect("jobs");
    log.expect(
        &store,
        "run_lead_jobs (retention)",
        &["lead.retention_anonymised"],
    )
    .await;

    // ---- Governance
    let (body, people) = group(&store, "walkers", 2).await;
    log.expect(
        &store,
        "create_body and its people",
        &[
            "body.create",
            "person.create",
            "person.create",
            "person.create",
            "role.grant",
            "role.grant",
            "role.grant",
        ],
    )
    .await;
    partner_person(&store, "staff@walker.example", partner.id).await;
    let staff = store
        .person_by_email("staff@walker.example")
        .await
        .expect("staff")
        .expect("staff");
    log.expect(&store, "create_person", &["person.create", "role.grant"])
        .await;
    store
        .set_delegates(partner.id, Some(staff.id), None, &admin_who)
        .await
        .expect("delegates");
    log.expect(&store, "set_delegates", &["partner.delegates"])
        .await;
    let assembly = store
        .body("partner-assembly")
        .await
        .expect("assembly")
        .expect("seeded");
    let cid = open(
        &store,
        &assembly,
        &proposal("consultation"),
        &admin_who,
        "2026-11-01T10:00:00Z",
    )
    .await;
    let delegate = Who::person(staff.id, "staff@walker.example");
    let cm = store
        .comment(cid, None, "Why?", &delegate, t("2026-11-01T11:00:00Z"))
        .await
        .expect("comment");
    log.expect(
        &store,
        "open_decision (consultation), comment",
        &["decision.comment", "decision.open"],
    )
    .await;
    store
        .run_governance_jobs(t("2026-11-04T10:00:01Z"))
        .await
        .expect("close");
    log.expect(&store, "run_governance_jobs (closing)", &["decision.close"])
        .await;
    store
        .respond(cid, cm, "Because.", &admin_who, t("2026-11-04T11:00:00Z"))
        .await
        .expect("respond");
    log.expect(&store, "respond", &["decision.respond"]).await;
    let at = "2026-11-01T10:00:00Z";
    let id = open(&store, &body, &proposal("lazy-consensus"), &people[1].1, at).await;
    log.expect(&store, "open_decision", &["decision.open"])
        .await;
    store
        .set_stance(
            id,
            VoterKey::Person(people[2].0),
            Stance::Object,
            "Not yet",
            &people[2].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("objects");
    log.expect(&store, "set_stance", &["decision.stance"]).await;
    store
        .escalate(id, &people[2].1, t("2026-11-01T12:00:00Z"))
        .await
        .expect("escalate");
    log.expect(&store, "escalate", &["decision.escalate"]).await;
    store
        .rule(
            id,
            Ruling::Reject,
            "A vote is needed.",
            &admin_who,
            t("2026-11-02T10:00:00Z"),
        )
        .await
        .expect("rule");
    log.expect(&store, "rule", &["decision.decide"]).await;
    let id = open(&store, &body, &proposal("lazy-consensus"), &people[1].1, at).await;
    store
        .revise(
            id,
            &agora_domain::governance::Revision::parse("Second try", "Shorter.").expect("valid"),
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("revise");
    log.expect(
        &store,
        "open_decision, revise",
        &["decision.open", "decision.revise"],
    )
    .await;
    store
        .withdraw(id, &people[1].1, t("2026-11-01T12:00:00Z"))
        .await
        .expect("withdraw");
    log.expect(&store, "withdraw", &["decision.withdraw"]).await;
    let vote = open(&store, &body, &proposal("yes-no"), &people[1].1, at).await;
    store
        .cast_ballot(
            vote,
            VoterKey::Person(people[1].0),
            &BallotChoice::YesNo(VoteChoice::Yes),
            None,
            &people[1].1,
            t("2026-11-01T11:00:00Z"),
        )
        .await
        .expect("ballot");
    log.expect(
        &store,
        "open_decision, cast_ballot",
        &["decision.ballot", "decision.open"],
    )
    .await;
    store
        .run_governance_jobs(t("2026-11-05T10:00:00Z"))
        .await
        .expect("close");
    log.expect(&store, "run_governance_jobs (closing)", &["decision.close"])
        .await;
    store
        .take_decision(
            vote,
            "Adopted.",
            None,
            &people[0].1,
            t("2026-11-05T11:00:00Z"),
        )
        .await
        .expect("take");
    log.expect(&store, "take_decision", &["decision.decide"])
        .await;

    // ---- Groups
    let profile = agora_domain::groups::ProfileInput {
        kind: "focus-group".into(),
        membership: "by-request".into(),
        visibility: "public".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    store
        .update_group(body.id, &profile, &admin_who)
        .await
        .expect("profile");
    log.expect(&store, "update_group", &["group.update"]).await;
    let (other, _) = group(&store, "strollers", 0).await;
    log.expect(
        &store,
        "create_body and its facilitator",
        &["body.create", "person.create", "role.grant"],
    )
    .await;
    store
        .set_collaboration(body.id, other.id, true, &admin_who)
        .await
        .expect("collaborate");
    log.expect(&store, "set_collaboration", &["group.collaborate"])
        .await;
    store
        .set_collaboration(other.id, body.id, false, &admin_who)
        .await
        .expect("end");
    log.expect(
        &store,
        "set_collaboration (end)",
        &["group.collaboration-end"],
    )
    .await;
    let staff_who = Who::person(staff.id, "staff@walker.example");
    store
        .sign_up(body.id, staff.id, true, "", &staff_who)
        .await
        .expect("ask");
    log.expect(&store, "sign_up (request)", &["group.request"])
        .await;
    let request = store
        .join_request_of(body.id, staff.id)
        .await
        .expect("read")
        .expect("request");
    store
        .answer_join_request(body.id, request.id, true, "", &people[0].1)
        .await
        .expect("accept");
    log.expect(
        &store,
        "answer_join_request",
        &["group.request.answer", "role.grant"],
    )
    .await;
    store
        .leave_group(body.id, staff.id, &staff_who)
        .await
        .expect("leave");
    log.expect(&store, "leave_group", &["group.leave"]).await;
    let today = store.now().date_naive();
    let day = |n: i64| (today + chrono::Duration::days(n)).to_string();
    store
        .plan_term(
            body.id,
            people[1].0,
            "primary",
            &day(0),
            &day(2),
            &people[0].1,
        )
        .await
        .expect("term");
    log.expect(&store, "plan_term", &["group.term.plan", "role.grant"])
        .await;
    store
        .rotate_facilitators(store.now())
        .await
        .expect("remind");
    log.expect(
        &store,
        "rotate_facilitators (remind)",
        &["group.term.remind"],
    )
    .await;
    store
        .rotate_facilitators(store.now() + chrono::Duration::days(3))
        .await
        .expect("end");
    // The facilitator role goes; the member grant they already hold stays, unrecorded.
    log.expect(&store, "rotate_facilitators (end)", &["group.term.end"])
        .await;

    // ---- Obligations
    let fixed = agora_domain::obligations::ObligationPolicy::fixed(
        1,
        agora_domain::obligations::Years {
            first: 2026,
            last: None,
        },
    );
    store
        .adopt_obligation_policy(&fixed, "Part 5", Some(vote), &admin_who)
        .await
        .expect("adopt");
    log.expect(
        &store,
        "adopt_obligation_policy",
        &["obligation_policy.adopted"],
    )
    .await;
    let declaration = agora_domain::obligations::DeclarationInput {
        year: Some(2026),
        count: Some(3),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    store
        .declare_clients(partner.id, &declaration, &admin_who)
        .await
        .expect("declare");
    log.expect(&store, "declare_clients", &["partner.clients_declared"])
        .await;
    // ---- Deals (a won deal's client is part of the logged change)
    let deal = agora_domain::obligations::DealInput {
        organization: "Walkers' College".into(),
        country: "FR".into(),
        expected_on: store.now().date_naive().format("%Y-%m-%d").to_string(),
        ..Default::default()
    }
    .parse(store.now().date_naive())
    .expect("valid");
    let deal_id = store
        .register_deal(partner.id, &deal, &admin_who)
        .await
        .expect("deal");
    log.expect(&store, "register_deal", &["deal.register"])
        .await;
    store
        .close_deal(
            partner.id,
            deal_id,
            agora_domain::obligations::DealStatus::Won,
            store.now().date_naive(),
            &admin_who,
        )
        .await
        .expect("won");
    log.expect(&store, "close_deal", &["deal.close"]).await;

    // ---- Contributions
    let topic = agora_domain::obligations::TopicInput {
        title: "Vocational schools".into(),
        summary: "Three schools.".into(),
    }
    .parse()
    .expect("valid");
    let topic_id = store
        .propose_topic(partner.id, &topic, &admin_who)
        .await
        .expect("propose");
    log.expect(&store, "propose_topic", &["topic.proposed"])
        .await;
    let approve = agora_domain::obligations::ReviewInput {
        verdict: "approve".into(),
        comment: String::new(),
    }
    .parse()
    .expect("valid");
    let changes = agora_domain::obligations::ReviewInput {
        verdict: "request_changes".into(),
        comment: "Add numbers.".into(),
    }
    .parse()
    .expect("valid");
    store
        .review_topic(topic_id, &approve, &admin_who)
        .await
        .expect("review topic");
    log.expect(&store, "review_topic", &["topic.reviewed"])
        .await;
    let article = agora_domain::obligations::ContributionInput {
        kind: "article".into(),
        title: "Vocational schools".into(),
        topic_id: Some(topic_id),
        text: "Text.".into(),
        anonymous: true,
        language: "en".into(),
        ..Default::default()
    }
    .parse(2026)
    .expect("valid");
    let contribution = store
        .submit_contribution(partner.id, &article, &admin_who)
        .await
        .expect("submit");
    log.expect(&store, "submit_contribution", &["contribution.submitted"])
        .await;
    store
        .review_contribution(contribution, &changes, &admin_who)
        .await
        .expect("review");
    log.expect(&store, "review_contribution", &["contribution.reviewed"])
        .await;
    store
        .resubmit_contribution(contribution, &article, &admin_who)
        .await
        .expect("resubmit");
    log.expect(
        &store,
        "resubmit_contribution",
        &["contribution.resubmitted"],
    )
    .await;
    store
        .review_contribution(contribution, &approve, &admin_who)
        .await
        .expect("approve");
    log.expect(
        &store,
        "review_contribution (approve)",
        &["contribution.reviewed"],
    )
    .await;
    // ---- Meetings
    let series = agora_domain::groups::meetings::SeriesInput {
        title: "Walkers' meeting".into(),
        rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE".into(),
        start: "2026-01-07T10:00".into(),
        zone: "America/New_York".into(),
        duration_minutes: "60".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    let sid = store
        .create_meeting_series(body.id, &series, &admin_who)
        .await
        .expect("series");
    log.expect(&store, "create_meeting_series", &["meeting.create"])
        .await;
    store
        .update_meeting_series(body.id, sid, &series, &admin_who)
        .await
        .expect("edit series");
    log.expect(&store, "update_meeting_series", &["meeting.update"])
        .await;
    let occurrence = agora_domain::groups::meetings::parse_local("2026-03-04T10:00").expect("t");
    let moved = agora_domain::groups::meetings::Exception {
        occurrence,
        moved_to: Some(occurrence + chrono::Duration::hours(1)),
    };
    store
        .set_meeting_exception(body.id, sid, &moved, &admin_who)
        .await
        .expect("move");
    log.expect(&store, "set_meeting_exception (move)", &["meeting.move"])
        .await;
    let cancelled = agora_domain::groups::meetings::Exception {
        moved_to: None,
        ..moved
    };
    store
        .set_meeting_exception(body.id, sid, &cancelled, &admin_who)
        .await
        .expect("cancel");
    log.expect(
        &store,
        "set_meeting_exception (cancel)",
        &["meeting.cancel"],
    )
    .await;
    store
        .remove_meeting_exception(body.id, sid, occurrence, &admin_who)
        .await
        .expect("restore");
    log.expect(&store, "remove_meeting_exception", &["meeting.restore"])
        .await;
    store
        .set_occurrence_notes(
            body.id,
            sid,
            occurrence,
            &agora_store::OccurrenceNotes {
                agenda: "Routes".into(),
                notes: String::new(),
            },
            &admin_who,
        )
        .await
        .expect("notes");
    log.expect(&store, "set_occurrence_notes", &["meeting.notes"])
        .await;
    let walker = people[0].0;
    store
        .set_attendance(body.id, sid, occurrence, walker, true, &people[0].1)
        .await
        .expect("attend");
    log.expect(&store, "set_attendance (present)", &["meeting.attend"])
        .await;
    store
        .set_attendance(body.id, sid, occurrence, walker, false, &people[0].1)
        .await
        .expect("unattend");
    log.expect(&store, "set_attendance (absent)", &["meeting.unattend"])
        .await;
    store
        .set_calendar_feed(walker, "walk-feed-hash", &people[0].1)
        .await
        .expect("feed");
    log.expect(&store, "set_calendar_feed", &["calendar_feed.create"])
        .await;
    store
        .revoke_calendar_feed(walker, &people[0].1)
        .await
        .expect("revoke");
    log.expect(&store, "revoke_calendar_feed", &["calendar_feed.revoke"])
        .await;
    // ---- Events (begun half an hour ago, so attendance may be marked)
    let begun = store.now() - chrono::Duration::minutes(30);
    let event = agora_domain::events::EventInput {
        kind: "workshop".into(),
        title: "Walkers' workshop".into(),
        start_time: begun.format("%Y-%m-%dT%H:%M").to_string(),
        end_time: (begun + chrono::Duration::hours(2))
            .format("%Y-%m-%dT%H:%M")
            .to_string(),
        zone: "UTC".into(),
        place: "The park".into(),
        registration: "open".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid")
    .event;
    let eid = store
        .create_event(&event, None, &[walker], &people[0].1)
        .await
        .expect("event");
    log.expect(&store, "create_event", &["event.create"]).await;
    store
        .update_event(eid, &event, None, &[walker], &people[0].1)
        .await
        .expect("edit event");
    log.expect(&store, "update_event", &["event.update"]).await;
    let now_e = store.now();
    store
        .register_for_event(eid, walker, now_e, &people[0].1)
        .await
        .expect("register");
    log.expect(&store, "register_for_event", &["event.register"])
        .await;
    store
        .unregister_from_event(eid, walker, &people[0].1)
        .await
        .expect("unregister");
    log.expect(&store, "unregister_from_event", &["event.unregister"])
        .await;
    store
        .register_for_event(eid, walker, now_e, &people[0].1)
        .await
        .expect("register");
    log.expect(&store, "register_for_event", &["event.register"])
        .await;
    // A guest: asking is bookkeeping; confirming and withdrawing through the link are audited.
    let guest = agora_domain::events::GuestInput {
        full_name: "Walking Guest".into(),
        email: "guest@example.org".into(),
    }
    .parse()
    .expect("guest");
    for hash in ["guest-link-1", "guest-link-2"] {
        store
            .ask_guest_registration(&agora_store::GuestRequest {
                event_id: eid,
                guest: &guest,
                token_hash: hash,
                subject: "Confirm",
                body: "Link",
            })
            .await
            .expect("ask");
        store.confirm_event_guest(hash).await.expect("confirm");
        log.expect(&store, "confirm_event_guest", &["event.guest_confirm"])
            .await;
        if hash == "guest-link-1" {
            store.withdraw_event_guest(hash).await.expect("withdraw");
            log.expect(&store, "withdraw_event_guest", &["event.guest_withdraw"])
                .await;
        }
    }
    let guest_id = store.event_guests(eid).await.expect("guests")[0].id;
    store
        .mark_event_attendance(eid, &[walker], &[guest_id], now_e, &people[0].1)
        .await
        .expect("attendance");
    log.expect(&store, "mark_event_attendance", &["event.attendance"])
        .await;
    store.cancel_event(eid, &people[0].1).await.expect("cancel");
    log.expect(&store, "cancel_event", &["event.cancel"]).await;
    // ---- Initiatives (joining's ledger entry is part of the logged change)
    let today = store.now().date_naive();
    let initiative = agora_domain::groups::initiatives::InitiativeInput {
        title: "Walkers' videos".into(),
        goal: "Show the park".into(),
        stages: "awareness".into(),
        call_closes_on: (today + chrono::Duration::days(7))
            .format("%Y-%m-%d")
            .to_string(),
        ..Default::default()
    }
    .parse(today)
    .expect("valid");
    let f = &people[0].1;
    let iid = store
        .create_initiative(body.id, &initiative, f)
        .await
        .expect("initiative");
    log.expect(&store, "create_initiative", &["initiative.create"])
        .await;
    let mut edited = initiative.clone();
    edited.deliverables = "Three videos".into();
    store
        .update_initiative(iid, &edited, f)
        .await
        .expect("edit initiative");
    log.expect(&store, "update_initiative", &["initiative.update"])
        .await;
    store
        .set_initiative_status(
            iid,
            agora_domain::groups::initiatives::InitiativeStatus::OpenCall,
            today,
            f,
        )
        .await
        .expect("open call");
    log.expect(&store, "set_initiative_status", &["initiative.status"])
        .await;
    let (mid, mwho) = (people[1].0, people[1].1.clone());
    store
        .join_initiative(iid, mid, today, &mwho)
        .await
        .expect("join");
    log.expect(&store, "join_initiative", &["initiative.join"])
        .await;
    store
        .withdraw_from_initiative(iid, mid, &mwho)
        .await
        .expect("withdraw");
    log.expect(&store, "withdraw_from_initiative", &["initiative.withdraw"])
        .await;
    store
        .set_initiative_validator(iid, Some(walker), f)
        .await
        .expect("validator");
    log.expect(
        &store,
        "set_initiative_validator",
        &["initiative.cross_validator"],
    )
    .await;
    let sid = store
        .add_initiative_sponsor(iid, "Walkers Inc.", f)
        .await
        .expect("sponsor");
    log.expect(
        &store,
        "add_initiative_sponsor",
        &["initiative.sponsor_add"],
    )
    .await;
    store
        .remove_initiative_sponsor(iid, sid, f)
        .await
        .expect("unsponsor");
    log.expect(
        &store,
        "remove_initiative_sponsor",
        &["initiative.sponsor_remove"],
    )
    .await;
    store
        .add_initiative_output(
            iid,
            &agora_domain::groups::initiatives::Output {
                title: "Video".into(),
                url: "https://video.example.org/1".into(),
            },
            f,
        )
        .await
        .expect("output");
    log.expect(&store, "add_initiative_output", &["initiative.output_add"])
        .await;
    // ---- Hours (the ledger entry is part of the logged change, with no audit entry of its own)
    let month = agora_domain::groups::hours::Month::containing(store.now().date_naive());
    let hours = |h: &str| {
        agora_domain::groups::hours::HoursInput {
            month: month.to_string(),
            activity: "outreach".into(),
            hours: h.into(),
            note: String::new(),
        }
        .parse(store.now().date_naive())
        .expect("valid")
    };
    store
        .log_hours(body.id, &hours("2"), &people[1].1)
        .await
        .expect("log hours");
    log.expect(&store, "log_hours", &["group.hours.log"]).await;
    store
        .log_hours(body.id, &hours("2.5"), &people[1].1)
        .await
        .expect("correct hours");
    log.expect(&store, "log_hours (correction)", &["group.hours.log"])
        .await;
    store
        .set_hours_sharing(body.id, true, &people[1].1)
        .await
        .expect("share");
    log.expect(&store, "set_hours_sharing", &["group.hours.sharing"])
        .await;
    store
        .delete_hours(
            body.id,
            month,
            agora_domain::groups::hours::HoursActivity::Outreach,
            &people[1].1,
        )
        .await
        .expect("delete hours");
    log.expect(&store, "delete_hours", &["group.hours.delete"])
        .await;
    // ---- OKRs (the clock moves to the end of the quarter last, for the score)
    let day = store.now().date_naive();
    let objective = agora_domain::groups::okrs::ObjectiveInput {
        title: "Walk further".into(),
        ..Default::default()
    }
    .parse(day)
    .expect("valid");
    let oid = store
        .create_objective(body.id, &objective, &admin_who)
        .await
        .expect("objective");
    log.expect(&store, "create_objective", &["objective.create"])
        .await;
    store
        .update_objective(body.id, oid, &objective, &admin_who)
        .await
        .expect("edit");
    log.expect(&store, "update_objective", &["objective.update"])
        .await;
    let kr = agora_domain::groups::okrs::KeyResultInput {
        title: "Kilometres".into(),
        kind: "number".into(),
        start: "0".into(),
        target: "100".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    let kid = store
        .add_key_result(body.id, oid, &kr, &admin_who)
        .await
        .expect("kr");
    log.expect(&store, "add_key_result", &["key_result.create"])
        .await;
    store
        .update_key_result(body.id, kid, &kr, &admin_who)
        .await
        .expect("edit kr");
    log.expect(&store, "update_key_result", &["key_result.update"])
        .await;
    store
        .check_in(
            body.id,
            kid,
            &agora_domain::groups::okrs::CheckInInput {
                value: "40".into(),
                confidence: "0.7".into(),
                comment: String::new(),
            },
            &admin_who,
        )
        .await
        .expect("check-in");
    log.expect(&store, "check_in", &["key_result.check_in"])
        .await;
    let proposed = agora_domain::groups::okrs::ObjectiveInput {
        title: "Walk together".into(),
        propose: true,
        ..Default::default()
    }
    .parse(day)
    .expect("valid");
    let pid_objective = store
        .create_objective_with(body.id, &proposed, std::slice::from_ref(&kr), &admin_who)
        .await
        .expect("proposal");
    log.expect(
        &store,
        "create_objective_with",
        &["objective.create", "key_result.create"],
    )
    .await;
    store
        .comment_on_objective(
            body.id,
            pid_objective,
            &agora_domain::groups::okr_proposals::CommentInput {
                comment: "Shorter walks.".into(),
            },
            &admin_who,
        )
        .await
        .expect("comment");
    log.expect(&store, "comment_on_objective", &["objective.comment"])
        .await;
    store
        .adopt_objective(body.id, pid_objective, &admin_who)
        .await
        .expect("adopt");
    log.expect(&store, "adopt_objective", &["objective.adopt"])
        .await;
    let period = agora_domain::groups::okrs::Quarter::containing(day);
    store
        .clock()
        .advance(chrono::Duration::days((period.last_day() - day).num_days()));
    store
        .score_key_result(
            body.id,
            kid,
            &agora_domain::groups::okrs::ScoreInput {
                score: "0.4".into(),
                note: "Rain.".into(),
            },
            &admin_who,
        )
        .await
        .expect("score");
    log.expect(&store, "score_key_result", &["key_result.score"])
        .await;

    // ---- Regular updates and the activity ledger
    store
        .set_update_settings(
            body.id,
            &agora_domain::groups::updates::UpdateSettings {
                cadence_days: 7,
                members_post: true,
            },
            &admin_who,
        )
        .await
        .expect("settings");
    log.expect(&store, "set_update_settings", &["group.update_settings"])
        .await;
    let posted = agora_domain::groups::updates::UpdateInput {
        progress: "Walked.".into(),
        ..Default::default()
    }
    .parse(store.now().date_naive())
    .expect("valid");
    store
        .post_update(body.id, &posted, &admin_who)
        .await
        .expect("post");
    // The ledger entry is part of the update's change, not a second one.
    log.expect(&store, "post_update", &["group.update.post"])
        .await;
    store.clock().advance(chrono::Duration::days(30));
    store.remind_updates_due(store.now()).await.expect("remind");
    let reminders = log.since(&store).await;
    assert!(
        !reminders.is_empty() && reminders.iter().all(|a| a == "group.update.remind"),
        "remind_updates_due: {reminders:?}"
    );
    store
        .record_activity(
            &[agora_domain::activity::NewActivity::new(
                pid,
                agora_domain::activity::ActivitySource::Git,
                "walk-commit",
                agora_domain::activity::ActivityKind::Commit,
                now,
            )],
            &admin_who,
        )
        .await
        .expect("record");
    log.expect(&store, "record_activity", &["activity.record"])
        .await;
    // ---- Partnerships
    let p = agora_domain::partnerships::PartnershipInput {
        organization: "Walk Alliance".into(),
        kind: "industry".into(),
        website: "https://walk.example".into(),
        description: "Walked.".into(),
        since: "2024-01-01".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    let pid_partnership = store
        .create_partnership(&p, &admin_who)
        .await
        .expect("create");
    store
        .update_partnership(pid_partnership, &p, &admin_who)
        .await
        .expect("update");
    store
        .delete_partnership(pid_partnership, &admin_who)
        .await
        .expect("delete");
    log.expect(
        &store,
        "partnerships",
        &[
            "partnership.create",
            "partnership.update",
            "partnership.delete",
        ],
    )
    .await;
    // ---- Partner benefits
    let benefit_partner = store
        .create_partner(
            &super::profile("Benefit Walker", "FR", "hosting"),
            PartnerStatus::Active,
            &admin_who,
        )
        .await
        .expect("partner")
        .id;
    let campaign = agora_domain::benefits::ProgramInput {
        kind: "campaign".into(),
        title: "Walk campaign".into(),
        description: "Walked.".into(),
        ..Default::default()
    }
    .parse()
    .expect("valid");
    let program_id = store
        .create_program(&campaign, &admin_who)
        .await
        .expect("create");
    store
        .update_program(program_id, &campaign, &admin_who)
        .await
        .expect("update");
    let join = agora_domain::benefits::Join {
        role: agora_domain::benefits::ParticipantRole::Sponsor,
        assets: "A webinar.".into(),
    };
    store
        .join_program(program_id, benefit_partner, &join, &who)
        .await
        .expect("join");
    store
        .join_program(program_id, benefit_partner, &join, &who)
        .await
        .expect("change");
    store
        .leave_program(program_id, benefit_partner, &who)
        .await
        .expect("leave");
    let training = agora_domain::benefits::TrainingInput {
        title: "Walk training".into(),
        description: "Walked.".into(),
        audience: "everyone".into(),
        link: "https://training.example.org".into(),
    }
    .parse(false)
    .expect("valid");
    let training_id = store
        .create_training(&training, None, &admin_who)
        .await
        .expect("training");
    store
        .archive_training(training_id, true, &admin_who)
        .await
        .expect("archive");
    store
        .archive_training(training_id, false, &admin_who)
        .await
        .expect("restore");
    log.expect(
        &store,
        "benefits",
        &[
            "benefit.join",
            "benefit.join_update",
            "benefit.leave",
            "benefit.program_create",
            "benefit.program_update",
            "partner.create",
            "training.archive",
            "training.create",
            "training.restore",
        ],
    )
    .await;
    // ---- The Distinguished Contributor program, and outside history (issue 12)
    {
        use agora_domain::recognition as rec;
        let (nominee, nominee_who) = member(&store, "nominee@example.org", &[]).await;
        log.expect(&store, "create_person", &["person.create"])
            .await;
        store
            .set_recognition_settings(
                &agora_store::RecognitionSettings {
                    program: rec::ProgramSettings::default(),
                    panel_groups: vec![],
                },
                &admin_who,
            )
            .await
            .expect("settings");
        let today = now.date_naive();
        let announce = today + chrono::Duration::days(21);
        let cycle = rec::Cycle {
            year: announce.format("%Y").to_string().parse().expect("year"),
            nominations_open: today,
            nominations_close: today + chrono::Duration::days(10),
            review_open: today + chrono::Duration::days(11),
            review_close: today + chrono::Duration::days(20),
            announce_on: announce,
            appeal_days: 7,
        };
        let cycle_id = store
            .save_recognition_cycle(&cycle, &admin_who)
            .await
            .expect("cycle");
        let mut category = store
            .recognition_categories()
            .await
            .expect("categories")
            .remove(0);
        let n = rec::NominationInput {
            nominee: nominee.to_string(),
            justification: [("code-contributions".to_string(), "Shipped.".to_string())].into(),
            ..Default::default()
        }
        .parse(
            &category.category,
            &cycle,
            &rec::PersonRef {
                person_id: pid,
                partner_ids: &[],
            },
            today,
        )
        .expect("nomination");
        let (id, _) = store
            .nominate(cycle_id, category.id, &n, &who)
            .await
            .expect("nominate");
        store
            .respond_to_nomination(id, rec::NomineeResponse::Accepted, &nominee_who)
            .await
            .expect("respond");
        let scores = rec::review::ScoreInput {
            scores: [("code-contributions".to_string(), "4".to_string())].into(),
            comment: "Good.".into(),
        }
        .parse(&category.category, pid)
        .expect("scores");
        store
            .score_nomination(id, &scores, &who)
            .await
            .expect("score");
        store
            .comment_nomination(id, pid, "Agreed.", &who)
            .await
            .expect("comment");
        store
            .recuse(id, nominee, rec::ConflictReason::Declared, "", &nominee_who)
            .await
            .expect("recuse");
        store
            .decide_nomination(
                id,
                &rec::Decision {
                    outcome: rec::review::Outcome::Award,
                    rationale: "Sustained impact.".into(),
                },
                None,
                &admin_who,
            )
            .await
            .expect("decide");
        let award = store.recognition_awards().await.expect("awards")[0].id;
        store
            .suspend_award(award, true, "Review", &admin_who)
            .await
            .expect("suspend");
        store
            .suspend_award(award, false, "Cleared", &admin_who)
            .await
            .expect("lift");
        store
            .change_award(
                award,
                &rec::AwardEvent::Revoked {
                    reason: "Walked.".into(),
                },
                None,
                &admin_who,
            )
            .await
            .expect("revoke");
        store
            .set_hall_of_fame(nominee, rec::hall_of_fame::HallOfFame::Full, &nominee_who)
            .await
            .expect("hall of fame");
        store
            .add_credential_key("key-walk", "z6Mkwalk", "zsecret", false, &admin_who)
            .await
            .expect("key");
        let key = store.credential_keys().await.expect("keys")[0].id;
        store
            .remove_credential_key(key, &admin_who)
            .await
            .expect("remove key");
        category.category.name = "Distinguished Walker".into();
        store
            .update_recognition_category(category.id, &category.category, &admin_who)
            .await
            .expect("category");
        store
            .import_outside_activity(
                "git:walk",
                &[agora_domain::activity::IdentityActivity {
                    identity: "walker@example.org".into(),
                    bot: false,
                    source: agora_domain::activity::ActivitySource::Git,
                    source_id: "walk-import".into(),
                    kind: agora_domain::activity::ActivityKind::Commit,
                    occurred_at: now,
                    detail: serde_json::json!({}),
                }],
                &admin_who,
            )
            .await
            .expect("import");
        log.expect(
            &store,
            "recognition",
            &[
                "activity.import",
                "recognition.award_change",
                "recognition.category_update",
                "recognition.comment",
                "recognition.cycle_save",
                "recognition.decide",
                "recognition.hall_of_fame",
                "recognition.key_add",
                "recognition.key_remove",
                "recognition.nominate",
                "recognition.recuse",
                "recognition.respond",
                "recognition.score",
                "recognition.settings",
                "recognition.suspend",
                "recognition.unsuspend",
            ],
        )
        .await;
        // A decline, its appeal and the answer; records the ledger cannot see; the budget.
        let (second, second_who) = member(&store, "second@example.org", &[]).await;
        log.expect(&store, "create_person", &["person.create"])
            .await;
        let n = rec::NominationInput {
            nominee: second.to_string(),
            justification: [("code-contributions".to_string(), "Shipped.".to_string())].into(),
            ..Default::default()
        }
        .parse(
            &category.category,
            &cycle,
            &rec::PersonRef {
                person_id: pid,
                partner_ids: &[],
            },
            today,
        )
        .expect("nomination");
        let (declined, _) = store
            .nominate(cycle_id, category.id, &n, &who)
            .await
            .expect("nominate");
        store
            .decide_nomination(
                declined,
                &rec::Decision {
                    outcome: rec::review::Outcome::Decline,
                    rationale: "Not this year.".into(),
                },
                None,
                &admin_who,
            )
            .await
            .expect("decline");
        store
            .appeal_nomination(
                declined,
                &rec::review::Appeal {
                    by: second,
                    text: "Please look again.".into(),
                },
                &second_who,
            )
            .await
            .expect("appeal");
        store
            .answer_appeal(
                declined,
                &rec::review::AppealAnswer {
                    verdict: rec::review::AppealVerdict::Upheld,
                    rationale: "The panel looked again.".into(),
                },
                None,
                &admin_who,
            )
            .await
            .expect("answer");
        let mentorship = store
            .add_mentorship(pid, second, today, None, "Pairing", &who)
            .await
            .expect("mentorship");
        store
            .remove_mentorship(mentorship, &admin_who)
            .await
            .expect("remove mentorship");
        let body = store.bodies().await.expect("bodies")[0].id;
        store
            .add_attestation(second, body, 2026, "Ran the demos.", &who)
            .await
            .expect("attestation");
        let item = rec::budget::Deliverable {
            name: "Badges".into(),
            description: String::new(),
            cost_cents: 10_000,
            cycle_year: 2026,
        };
        let deliverable = store
            .save_deliverable(None, &item, &admin_who)
            .await
            .expect("deliverable");
        store
            .save_deliverable(Some(deliverable), &item, &admin_who)
            .await
            .expect("deliverable change");
        store
            .remove_deliverable(deliverable, &admin_who)
            .await
            .expect("deliverable removed");
        log.expect(
            &store,
            "recognition records",
            &[
                "recognition.appeal",
                "recognition.appeal_answer",
                "recognition.attestation",
                "recognition.budget",
                "recognition.budget",
                "recognition.budget_removed",
                "recognition.decide",
                "recognition.mentorship",
                "recognition.mentorship_removed",
                "recognition.nominate",
            ],
        )
        .await;
    }
    // ---- Community plans for courses
    {
        use agora_domain::courses::plan as cp;
        let today = now.date_naive();
        let basics = cp::PlanInput {
            course_id: "course-v1:Org+Walk+1".into(),
            title: "Walk".into(),
            organization: "Org".into(),
            purpose: "internal".into(),
            ..Default::default()
        }
        .parse()
        .expect("plan");
        let plan = store
            .create_plan(&basics, pid, false, &who)
            .await
            .expect("plan");
        store
            .update_plan(plan, &basics, &who)
            .await
            .expect("update");
        store
            .set_plan_targets(plan, &[], &who)
            .await
            .expect("targets");
        store
            .set_plan_business(plan, &Default::default(), &who)
            .await
            .expect("business");
        let role = cp::RoleAssignment {
            role: cp::Role::It,
            person: pid,
            responsibilities: String::new(),
        };
        let role = store.add_plan_role(plan, &role, &who).await.expect("role");
        store
            .remove_plan_role(plan, role, &who)
            .await
            .expect("role removed");
        store
            .share_plan(plan, cp::Grantee::Person(pid), cp::Access::View, &who)
            .await
            .expect("share");
        let share = store.plan_shares(plan).await.expect("shares")[0].id;
        store
            .unshare_plan(plan, share, &who)
            .await
            .expect("unshare");
        let measure = cp::Measure {
            name: "Enrolled".into(),
            metric: agora_domain::courses::measures::Metric::Enrolled,
            target: 100.0,
            due_on: today,
            public: false,
        };
        let m = store
            .save_measure(plan, None, &measure, &who)
            .await
            .expect("measure");
        let item = cp::Item {
            phase: cp::Phase::Engage,
            title: "Live session".into(),
            owner: Some(pid),
            due_on: None,
            status: cp::ItemStatus::Planned,
            measure: Some(m),
        };
        let i = store
            .save_item(plan, None, &item, &who)
            .await
            .expect("item");
        store
            .delete_item(plan, i, &who)
            .await
            .expect("item deleted");
        store
            .delete_measure(plan, m, &who)
            .await
            .expect("measure deleted");
        let course = store
            .plan(plan)
            .await
            .expect("read")
            .expect("plan")
            .course
            .id;
        let rows = [agora_domain::courses::enrolled_csv::Enrolled {
            username: "amara".into(),
            at: now,
        }];
        assert_eq!(
            store
                .import_enrolled(course, "enrolled.csv", &rows, &who)
                .await
                .expect("enrolled"),
            1
        );
        // The same file again changes nothing and is not audited.
        assert_eq!(
            store
                .import_enrolled(course, "enrolled.csv", &rows, &who)
                .await
                .expect("enrolled"),
            0
        );
        log.expect(
            &store,
            "course plans",
            &[
                "course.enrolled_import",
                "course_measure.delete",
                "course_measure.save",
                "course_plan.business",
                "course_plan.create",
                "course_plan.role_add",
                "course_plan.role_remove",
                "course_plan.share",
                "course_plan.targets",
                "course_plan.unshare",
                "course_plan.update",
                "course_roadmap_item.delete",
                "course_roadmap_item.save",
            ],
        )
        .await;
    }
    // ---- Notification preferences and one-click unsubscribing
    use agora_domain::notifications::{Delivery, Preference, Scope, Topic};
    store
        .set_notification_preferences(
            &admin_who,
            pid,
            &[Preference {
                topic: Topic::Decisions,
                group: None,
                delivery: Delivery::Weekly,
            }],
        )
        .await
        .expect("preferences");
    log.expect(
        &store,
        "set_notification_preferences",
        &["notifications.preferences"],
    )
    .await;
    let secret = store.signing_secret().await.expect("secret");
    let token = agora_domain::notifications::unsubscribe_token(
        &secret,
        pid,
        Scope::Topic(Topic::Decisions),
    );
    store.unsubscribe(&token).await.expect("unsubscribe");
    log.expect(&store, "unsubscribe", &["notifications.unsubscribe"])
        .await;
    assert_eq!(
        store
            .verify_audit_chain()
            .await
            .expect("verify")
            .first_error,
        None
    );
}

async fn bookkeeping_writes_are_not_audited(store: Store) {
    let now = t("2026-11-02T10:00:00Z");
    let (pid, _) = member(&store, "keeper@example.org", &[]).await;
    let mut log = Log::new(&store).await;
    store
        .create_session("walk-session", pid, t("2999-01-01T00:00:00.000Z"), now)
        .await
        .expect("session");
    store
        .touch_session("walk-session", t("2999-01-02T00:00:00.000Z"), now)
        .await
        .expect("touch");
    store
        .delete_session("walk-session")
        .await
        .expect("sign out");
    store
        .create_one_time_token(
            TokenPurpose::PasswordReset,
            pid,
            "walk-reset",
            t("2999-01-01T00:00:00.000Z"),
        )
        .await
        .expect("link");
    store
        .request_password_reset(pid, "keeper@example.org", &invitation("walk-reset-2"))
        .await
        .expect("reset request");
    store.purge_expired(now).await.expect("purge");
    store
        .flush_rate_limits(&[agora_store::RateDelta {
            key: "walk".into(),
            window_start: 0,
            delta: 1,
            reset: false,
        }])
        .await
        .expect("rate");
    store.purge_rate_limits(1).await.expect("purge rates");
    assert!(store
        .try_lease("walk-job", "me", chrono::Duration::minutes(1), now)
        .await
        .expect("lease"));
    store
        .record_job_run("walk-job", now, now, Ok("done"))
        .await
        .expect("run");
    store
        .release_lease("walk-job", "me")
        .await
        .expect("release");
    store
        .queue_email("keeper@example.org", "Hello", "Body")
        .await
        .expect("mail");
    let mail = store.outbox_recent(1).await.expect("outbox")[0].id;
    store
        .outbox_mark_failed(mail, "refused", now, chrono::Duration::minutes(1))
        .await
        .expect("failed");
    store
        .outbox_mark_sent(mail, t("2026-11-02T10:01:00.000Z"))
        .await
        .expect("sent");
    store.send_digests(now).await.expect("digests");
    let training = store
        .create_training(
            &agora_domain::benefits::TrainingInput {
                title: "Kept".into(),
                description: "Read.".into(),
                audience: "sales".into(),
                link: "https://training.example.org".into(),
            }
            .parse(false)
            .expect("valid"),
            None,
            &admin(),
        )
        .await
        .expect("training");
    let reader_partner = active_partner(&store, "Reader Org", "FR").await;
    log.since(&store).await;
    store
        .log_training_open(training, pid, reader_partner)
        .await
        .expect("open");
    log.expect(&store, "bookkeeping", &[]).await;
}

async fn a_write_without_an_audit_event_is_refused_and_rolled_back(store: Store) {
    let mut log = Log::new(&store).await;
    assert!(matches!(
        store.unaudited_change_for_tests().await,
        Err(StoreError::Unaudited)
    ));
    assert_eq!(
        store
            .execute_for_test("DELETE FROM settings WHERE key = 'unaudited'")
            .await
            .expect("delete"),
        0,
        "the change was rolled back"
    );
    log.expect(&store, "a refused commit", &[]).await;
}
