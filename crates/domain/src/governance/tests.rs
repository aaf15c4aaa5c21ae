//! Tests of the governance rules: bodies, proposals, decisions and who may act.

use super::*;

#[test]
fn who_may_act_on_a_decision() {
    use DecisionAction::*;
    let nobody = Participant::default();
    assert!(
        DecisionAction::ALL.iter().all(|a| !nobody.may(*a)),
        "a bystander may do nothing"
    );
    let elector = Participant {
        elector: true,
        ..Default::default()
    };
    assert!(elector.may(Stance) && elector.may(Ballot) && elector.may(Escalate));
    assert!(!elector.may(Revise) && !elector.may(Rule) && !elector.may(Take));
    let proposer = Participant {
        proposer: true,
        ..Default::default()
    };
    assert!(proposer.may(Revise) && proposer.may(Withdraw) && !proposer.may(Ballot));
    let facilitator = Participant {
        facilitates: true,
        ..Default::default()
    };
    assert!([Revise, Withdraw, Escalate, Take, Respond, Comment]
        .iter()
        .all(|a| facilitator.may(*a)));
    assert!(!facilitator.may(Rule), "only moderators rule");
    let member = Participant {
        member: true,
        ..Default::default()
    };
    assert!(member.may(Comment) && !member.may(Respond));
    for a in DecisionAction::ALL {
        assert_eq!(DecisionAction::parse(a.slug()), Some(a));
    }
    assert_eq!(DecisionAction::parse("delete"), None);
}

#[test]
fn actions_fit_the_decision_state() {
    use DecisionAction::*;
    use DecisionKind::*;
    use DecisionStatus as S;
    assert!(action_fits(LazyConsensus, S::Open, Revise));
    assert!(
        !action_fits(YesNo, S::Open, Revise),
        "votes are not revised"
    );
    assert!(action_fits(LazyConsensus, S::Contested, Escalate));
    assert!(!action_fits(LazyConsensus, S::Open, Escalate));
    assert!(action_fits(LazyConsensus, S::Escalated, Rule));
    assert!(
        !action_fits(Consultation, S::Open, Stance),
        "consultations take comments"
    );
    assert!(action_fits(Consultation, S::Open, Comment));
    assert!(action_fits(Consultation, S::Closed, Respond));
    assert!(
        !action_fits(LazyConsensus, S::Decided, Withdraw),
        "final is final"
    );
}

#[test]
fn a_revision_has_the_limits_of_a_proposal() {
    let ok = Revision::parse("  A better title ", " New text. ").expect("valid");
    assert_eq!((ok.title(), ok.text()), ("A better title", "New text."));
    let long_title = "t".repeat(MAX_TITLE_CHARS + 1);
    let long_text = "x".repeat(MAX_TEXT_CHARS + 1);
    let e = Revision::parse(&long_title, &long_text).expect_err("too long");
    assert_eq!(e.get("title"), Some("too-long"));
    assert_eq!(e.get("text"), Some("too-long"));
    let e = Revision::parse("ab", "  ").expect_err("too short");
    assert_eq!(e.get("title"), Some("too-short"));
    assert_eq!(e.get("text"), Some("required"));
    // The limits are characters, not bytes.
    assert!(Revision::parse(&"é".repeat(MAX_TITLE_CHARS), "ok").is_ok());
}
use proptest::prelude::*;

fn input(kind: &str) -> DecisionInput {
    DecisionInput {
        title: "Adopt the marketing policy".into(),
        text: "Partners publish one case study a year.".into(),
        kind: kind.into(),
        ..DecisionInput::default()
    }
}

#[test]
fn lazy_consensus_defaults_to_72_hours() {
    let d = parse_decision(&input("lazy-consensus"), BodyKind::Group, 24).expect("valid");
    assert_eq!(d.close_hours, 72);
    assert_eq!(d.rules, VoteRules::None);
    let d = parse_decision(&input("lazy-consensus"), BodyKind::Group, 96).expect("valid");
    assert_eq!(d.close_hours, 96, "a body's minimum raises the default");
}

#[test]
fn closing_time_respects_the_body_minimum() {
    let mut i = input("lazy-consensus");
    i.close_hours = Some("12".into());
    let e = parse_decision(&i, BodyKind::Group, 24).expect_err("too soon");
    assert_eq!(e.get("close_hours"), Some("closing-too-soon"));
    i.close_hours = Some("abc".into());
    let e = parse_decision(&i, BodyKind::Group, 24).expect_err("not a number");
    assert_eq!(e.get("close_hours"), Some("invalid-number"));
}

#[test]
fn consultations_belong_to_the_partner_assembly() {
    let e = parse_decision(&input("consultation"), BodyKind::Group, 1).expect_err("group");
    assert_eq!(e.get("kind"), Some("kind-not-allowed"));
    let d = parse_decision(&input("consultation"), BodyKind::PartnerAssembly, 1).expect("assembly");
    assert!(d.affects_partners);
}

#[test]
fn a_decision_affecting_partners_names_its_consultation() {
    let mut i = input("yes-no");
    i.affects_partners = true;
    let e = parse_decision(&i, BodyKind::Group, 1).expect_err("no consultation");
    assert_eq!(e.get("consultation_id"), Some("consultation-required"));
    i.consultation_id = Some("7".into());
    let d = parse_decision(&i, BodyKind::Group, 1).expect("linked");
    assert_eq!(d.consultation_id, Some(7));
}

#[test]
fn ranked_votes_need_distinct_options() {
    let mut i = input("ranked");
    i.options = Some("A\n\n".into());
    let e = parse_decision(&i, BodyKind::Group, 1).expect_err("one option");
    assert_eq!(e.get("options"), Some("options-too-few"));
    i.options = Some("A\nB\na".into());
    let e = parse_decision(&i, BodyKind::Group, 1).expect_err("duplicate");
    assert_eq!(e.get("options"), Some("options-duplicate"));
    i.options = Some(" 20% of acquired clients \nA fixed amount (X = 1)".into());
    i.method = Some("irv".into());
    let d = parse_decision(&i, BodyKind::Group, 1).expect("valid");
    assert_eq!(
        d.rules,
        VoteRules::Ranked {
            method: Method::Irv,
            options: vec![
                "20% of acquired clients".into(),
                "A fixed amount (X = 1)".into()
            ]
        }
    );
    assert!(
        d.hide_results,
        "results are hidden until the close by default"
    );
}

#[test]
fn secret_ballots_are_for_votes_only() {
    let mut i = input("lazy-consensus");
    i.secret = true;
    let e = parse_decision(&i, BodyKind::Group, 1).expect_err("secret consensus");
    assert_eq!(e.get("secret"), Some("secret-needs-vote"));
}

#[test]
fn secret_votes_cannot_show_results_while_open() {
    let mut i = input("yes-no");
    i.secret = true;
    i.show_results_early = true;
    let e = parse_decision(&i, BodyKind::Group, 1).expect_err("secret and early");
    assert_eq!(e.get("show_results_early"), Some("secret-results-early"));
    i.secret = false;
    assert!(parse_decision(&i, BodyKind::Group, 1).is_ok());
    i.secret = true;
    i.show_results_early = false;
    assert!(
        parse_decision(&i, BodyKind::Group, 1)
            .expect("valid")
            .hide_results
    );
}

#[test]
fn all_members_electorates_are_named_to_signed_in_people_only() {
    assert!(!electorate_names_visible(BodyKind::AllMembers, false));
    assert!(electorate_names_visible(BodyKind::AllMembers, true));
    assert!(electorate_names_visible(BodyKind::PartnerAssembly, false));
    assert!(electorate_names_visible(BodyKind::Group, false));
}

#[test]
fn a_ballot_lock_binds_the_receipt_to_its_elector() {
    let a = VoterKey::Person(1);
    let b = VoterKey::Person(2);
    assert_eq!(ballot_lock(7, a, "ABC123"), ballot_lock(7, a, " abc123 "));
    assert_ne!(ballot_lock(7, a, "ABC123"), ballot_lock(7, b, "ABC123"));
    assert_ne!(ballot_lock(7, a, "ABC123"), ballot_lock(8, a, "ABC123"));
    assert_ne!(ballot_lock(7, a, "ABC123"), ballot_lock(7, a, "ABC124"));
    assert_ne!(
        ballot_lock(7, VoterKey::Person(1), "X"),
        ballot_lock(7, VoterKey::Partner(1), "X")
    );
}

#[test]
fn yes_no_rules_are_fixed_from_the_form() {
    let mut i = input("yes-no");
    i.quorum_percent = Some("50".into());
    i.threshold = Some("two_thirds".into());
    i.base = Some("electorate".into());
    let d = parse_decision(&i, BodyKind::AllMembers, 1).expect("valid");
    assert_eq!(
        d.rules,
        VoteRules::YesNo(YesNoRules {
            quorum: Quorum::Percent(50),
            threshold: Threshold::TwoThirds,
            base: crate::tally::Base::Electorate,
            abstentions_count: false,
        })
    );
    i.quorum_percent = Some("150".into());
    let e = parse_decision(&i, BodyKind::AllMembers, 1).expect_err("quorum");
    assert_eq!(e.get("quorum_percent"), Some("out-of-range"));
}

#[test]
fn lazy_consensus_lifecycle() {
    use DecisionStatus as S;
    let lc = DecisionKind::LazyConsensus;
    assert_eq!(transition(lc, S::Open, Action::Close), Ok(S::Decided));
    assert_eq!(
        transition(lc, S::Contested, Action::Close),
        Err("invalid-transition"),
        "an objection stops the clock from accepting"
    );
    assert_eq!(transition(lc, S::Contested, Action::Revise), Ok(S::Open));
    assert_eq!(
        transition(lc, S::Contested, Action::Escalate),
        Ok(S::Escalated)
    );
    assert_eq!(
        transition(lc, S::Open, Action::Escalate),
        Err("invalid-transition")
    );
    assert_eq!(
        transition(lc, S::Escalated, Action::Rule(Ruling::Reject)),
        Ok(S::Decided)
    );
    assert_eq!(
        transition(lc, S::Escalated, Action::Revise),
        Err("invalid-transition"),
        "the moderator's ruling ends the matter"
    );
    assert_eq!(
        transition(lc, S::Decided, Action::Withdraw),
        Err("decision-final")
    );
}

#[test]
fn votes_close_then_are_recorded() {
    use DecisionStatus as S;
    let v = DecisionKind::Ranked;
    assert_eq!(transition(v, S::Open, Action::Close), Ok(S::Closed));
    assert_eq!(transition(v, S::Closed, Action::Take), Ok(S::Decided));
    assert_eq!(
        transition(v, S::Open, Action::Revise),
        Err("invalid-transition"),
        "a vote's question cannot change under the voters"
    );
    assert_eq!(
        transition(v, S::Open, Action::Take),
        Err("invalid-transition")
    );
}

#[test]
fn objections_need_a_reason() {
    assert_eq!(
        check_stance(Stance::Object, "  "),
        Err("objection-reason-required")
    );
    assert_eq!(
        check_stance(Stance::Object, "Too costly for small partners"),
        Ok(())
    );
    assert_eq!(check_stance(Stance::Support, ""), Ok(()));
}

#[test]
fn partner_decisions_wait_for_their_consultation() {
    let open = ConsultationState {
        status: DecisionStatus::Open,
        unanswered_comments: 0,
    };
    let closed_unanswered = ConsultationState {
        status: DecisionStatus::Closed,
        unanswered_comments: 2,
    };
    let taken = ConsultationState {
        status: DecisionStatus::Decided,
        unanswered_comments: 0,
    };
    let yn = DecisionKind::YesNo;
    assert_eq!(
        may_take(yn, true, None, Some(open)),
        Err("consultation-open")
    );
    assert_eq!(
        may_take(yn, true, None, Some(closed_unanswered)),
        Err("consultation-open")
    );
    assert_eq!(may_take(yn, true, None, Some(taken)), Ok(()));
    assert_eq!(may_take(yn, true, None, None), Err("consultation-required"));
    assert_eq!(may_take(yn, false, None, None), Ok(()));
    let c = DecisionKind::Consultation;
    assert_eq!(
        may_take(c, true, Some(open), None),
        Err("consultation-open")
    );
    assert_eq!(
        may_take(c, true, Some(closed_unanswered), None),
        Err("comments-unanswered")
    );
    assert_eq!(
        may_take(
            c,
            true,
            Some(ConsultationState {
                status: DecisionStatus::Closed,
                unanswered_comments: 0
            }),
            None
        ),
        Ok(())
    );
}

#[test]
fn reminder_window() {
    let close = DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
        .expect("date")
        .with_timezone(&Utc);
    assert!(!reminder_due(close, close - Duration::hours(25), false));
    assert!(reminder_due(close, close - Duration::hours(24), false));
    assert!(reminder_due(close, close - Duration::minutes(1), false));
    assert!(!reminder_due(close, close - Duration::minutes(1), true));
    assert!(!reminder_due(close, close, false));
}

#[test]
fn body_rights() {
    let member = Standing {
        member: true,
        signed_in: true,
        ..Standing::default()
    };
    let outsider = Standing {
        signed_in: true,
        ..Standing::default()
    };
    let facilitator = Standing {
        facilitator: true,
        member: true,
        signed_in: true,
        ..Standing::default()
    };
    let (g, m, p) = (BodyKind::Group, Visibility::Members, Visibility::Public);
    assert!(body_allows(g, m, member, BodyRight::View));
    assert!(
        !body_allows(g, m, outsider, BodyRight::View),
        "members-only bodies stay private"
    );
    assert!(body_allows(g, p, Standing::default(), BodyRight::View));
    assert!(body_allows(g, p, member, BodyRight::Propose));
    assert!(!body_allows(g, p, member, BodyRight::OpenVote));
    assert!(body_allows(g, p, facilitator, BodyRight::OpenVote));
    assert!(!body_allows(g, p, facilitator, BodyRight::Moderate));
    assert!(!body_allows(
        BodyKind::PartnerAssembly,
        p,
        member,
        BodyRight::Propose
    ));
    let admin = Standing {
        admin: true,
        ..Standing::default()
    };
    assert!(body_allows(
        BodyKind::PartnerAssembly,
        m,
        admin,
        BodyRight::Moderate
    ));
}

#[test]
fn yes_no_ballot_file_lists_receipts_in_order() {
    let meta = crate::tally::BallotMeta {
        software: Some("agora 0.1.0".into()),
        ..Default::default()
    };
    let csv = yes_no_ballots_csv(
        &meta,
        &[("K2".into(), "no".into()), ("A1".into(), "yes".into())],
    );
    assert_eq!(
        csv,
        "#agora-ballots,1\n#software,agora 0.1.0\n#method,yes-no\nA1,yes\nK2,no\n"
    );
}

#[test]
fn voter_keys_round_trip() {
    for k in [VoterKey::Person(12), VoterKey::Partner(3)] {
        assert_eq!(VoterKey::decode(&k.encode()), Some(k));
    }
    assert_eq!(VoterKey::decode("org:1"), None);
    assert_eq!(VoterKey::decode("person:x"), None);
}

proptest! {
    #[test]
    fn retry_delay_grows_and_is_capped(attempts in 0u32..100, base_s in 1i64..120) {
        let base = Duration::seconds(base_s);
        let d = retry_delay(attempts, base);
        prop_assert!(d >= base.min(Duration::hours(1)));
        prop_assert!(d <= Duration::hours(1));
        prop_assert!(retry_delay(attempts + 1, base) >= d);
    }

    #[test]
    fn final_decisions_never_move(kind in 0usize..4, action in 0usize..6) {
        let kind = DecisionKind::ALL[kind];
        let action = [Action::Revise, Action::Escalate, Action::Rule(Ruling::Accept), Action::Withdraw,
            Action::Close, Action::Take][action];
        for s in [DecisionStatus::Decided, DecisionStatus::Withdrawn] {
            prop_assert_eq!(transition(kind, s, action), Err("decision-final"));
        }
    }

    #[test]
    fn option_lists_never_hold_duplicates(lines in proptest::collection::vec("[a-cA-C ]{0,3}", 0..8)) {
        if let Ok(opts) = parse_options(&lines.join("\n")) {
            let mut lower: Vec<String> = opts.iter().map(|o| o.to_lowercase()).collect();
            lower.sort();
            lower.dedup();
            prop_assert_eq!(lower.len(), opts.len());
            prop_assert!(opts.len() >= 2);
        }
    }
}
