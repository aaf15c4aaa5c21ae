//! Tests of the group rules: profile input, time commitment, the tree, sign-up, facilitator terms.

use super::*;
use proptest::prelude::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn signed_in() -> Standing {
    Standing {
        signed_in: true,
        ..Standing::default()
    }
}

fn input() -> ProfileInput {
    ProfileInput {
        kind: "working-group".into(),
        purpose: "Grow Open edX".into(),
        hours_min: "10".into(),
        hours_max: "20".into(),
        chat_channel: "#marketing".into(),
        chat_url: "https://openedx.slack.com/archives/marketing".into(),
        mailing_list: "MWG@lists.example.org".into(),
        membership: "open".into(),
        visibility: "public".into(),
        ..ProfileInput::default()
    }
}

#[test]
fn a_profile_parses_with_its_time_commitment_and_channels() {
    let p = input().parse().expect("valid");
    assert_eq!(p.hours, Some(HoursRange { min: 10, max: 20 }));
    assert_eq!(p.mailing_list, "mwg@lists.example.org");
    assert_eq!(p.membership, Membership::Open);
    assert_eq!(p.kind, GroupKind::WorkingGroup);
    let none = ProfileInput {
        hours_min: " ".into(),
        hours_max: "".into(),
        ..input()
    };
    assert_eq!(none.parse().expect("valid").hours, None);
}

#[test]
fn bad_profile_input_names_each_field() {
    let bad = ProfileInput {
        kind: "club".into(),
        hours_min: "30".into(),
        hours_max: "20".into(),
        chat_url: "javascript:alert(1)".into(),
        mailing_list: "not an address@".into(),
        membership: "closed".into(),
        parent: "Not A Slug!".into(),
        ..input()
    };
    let e = bad.parse().expect_err("invalid");
    assert_eq!(e.get("kind"), Some("invalid-group-kind"));
    assert_eq!(e.get("hours_max"), Some("below-minimum"));
    assert_eq!(e.get("chat_url"), Some("invalid-url"));
    assert!(e.get("mailing_list").is_some());
    assert_eq!(e.get("membership"), Some("invalid-membership"));
    assert!(e.get("parent").is_some());
    let half = ProfileInput {
        hours_max: "".into(),
        ..input()
    };
    assert_eq!(
        half.parse().expect_err("one bound").get("hours_max"),
        Some("required")
    );
    let big = ProfileInput {
        hours_max: "745".into(),
        ..input()
    };
    assert_eq!(
        big.parse().expect_err("too many").get("hours_max"),
        Some("out-of-range")
    );
}

proptest! {
    /// Any accepted range lies within a month and is ordered; any pair outside is refused.
    #[test]
    fn hours_ranges_stay_within_a_month(lo in -50i64..900, hi in -50i64..900) {
        let mut e = ValidationErrors::new();
        let parsed = HoursRange::parse(&lo.to_string(), &hi.to_string(), &mut e);
        let ok = (0..=MAX_HOURS_PER_MONTH).contains(&lo)
            && (0..=MAX_HOURS_PER_MONTH).contains(&hi)
            && lo <= hi;
        prop_assert_eq!(parsed == Some(Some(HoursRange { min: lo, max: hi })), ok);
        prop_assert_eq!(e.is_empty(), ok);
    }

    /// Whatever the order terms are planned in, accepted terms never share a seat or a person at
    /// the same time.
    #[test]
    fn accepted_terms_never_overlap(
        asks in prop::collection::vec((1i64..4, any::<bool>(), 0i64..60, 0i64..40), 1..25)
    ) {
        let today = day("2026-01-01");
        let mut held: Vec<Term> = vec![];
        for (person, primary, start, len) in asks {
            let s = today + Duration::days(start);
            let e = s + Duration::days(len);
            let seat = if primary { "primary" } else { "secondary" };
            if let Ok(t) = check_term(person, seat, &s.to_string(), &e.to_string(), today, &held) {
                held.push(t);
            }
        }
        for (i, a) in held.iter().enumerate() {
            for b in &held[i + 1..] {
                prop_assert!(!(a.overlaps(b) && (a.seat == b.seat || a.person_id == b.person_id)));
            }
        }
    }

    /// Parents never loop: after any sequence of allowed re-parentings, every chain ends.
    #[test]
    fn the_group_tree_never_loops(moves in prop::collection::vec((0i64..8, 0i64..8), 0..40)) {
        let mut parent: std::collections::HashMap<i64, i64> = Default::default();
        for (g, p) in moves {
            if parent_allowed(g, p, |id| parent.get(&id).copied()) {
                parent.insert(g, p);
            }
        }
        for start in 0..8 {
            let (mut at, mut n) = (Some(start), 0);
            while let Some(id) = at {
                n += 1;
                prop_assert!(n <= 9, "loop from {}", start);
                at = parent.get(&id).copied();
            }
        }
    }
}

#[test]
fn a_group_cannot_sit_under_itself_or_its_descendants() {
    // 3 under 2 under 1.
    let parent_of = |id: i64| match id {
        3 => Some(2),
        2 => Some(1),
        _ => None,
    };
    assert!(!parent_allowed(1, 1, parent_of));
    assert!(!parent_allowed(1, 3, parent_of));
    assert!(parent_allowed(3, 1, parent_of));
    assert!(parent_allowed(4, 3, parent_of));
}

#[test]
fn sign_up_follows_the_membership_rule() {
    let s = signed_in();
    assert_eq!(
        sign_up(Membership::Open, s, false, false),
        Ok(Joining::Joined)
    );
    assert_eq!(
        sign_up(Membership::ByRequest, s, false, false),
        Err("by-request")
    );
    assert_eq!(
        sign_up(Membership::ByRequest, s, true, false),
        Ok(Joining::Requested)
    );
    assert_eq!(
        sign_up(Membership::ByRequest, s, true, true),
        Err("request-pending")
    );
    let member = Standing { member: true, ..s };
    assert_eq!(
        sign_up(Membership::Open, member, false, false),
        Err("already-member")
    );
    assert_eq!(
        sign_up(Membership::Open, Standing::default(), false, false),
        Err("sign-in-required")
    );
    assert!(may_facilitate(Standing {
        facilitator: true,
        ..s
    }));
    assert!(!may_facilitate(member));
}

#[test]
fn terms_are_planned_ahead_and_do_not_collide() {
    let today = day("2026-03-01");
    let held = [Term {
        person_id: 1,
        seat: Seat::Primary,
        starts_on: day("2026-03-01"),
        ends_on: day("2026-05-31"),
    }];
    let t = check_term(2, "primary", "2026-06-01", "2026-08-31", today, &held).expect("next");
    assert_eq!(t.state(today), TermState::Planned);
    let e = check_term(2, "primary", "2026-05-31", "2026-08-31", today, &held).expect_err("taken");
    assert_eq!(e.get("starts_on"), Some("seat-taken"));
    let e = check_term(1, "secondary", "2026-04-01", "2026-04-30", today, &held)
        .expect_err("one seat at a time");
    assert_eq!(e.get("person"), Some("already-facilitating"));
    let e = check_term(2, "secondary", "2026-02-01", "2026-04-30", today, &held)
        .expect_err("history is kept");
    assert_eq!(e.get("starts_on"), Some("in-the-past"));
    let e = check_term(2, "secondary", "2026-04-01", "2026-03-30", today, &held)
        .expect_err("ends before it starts");
    assert_eq!(e.get("ends_on"), Some("before-start"));
    let e =
        check_term(2, "secondary", "2026-04-01", "2027-04-30", today, &held).expect_err("too long");
    assert_eq!(e.get("ends_on"), Some("term-too-long"));
    let e = check_term(2, "chair", "x", "", today, &held).expect_err("garbage");
    assert_eq!(e.get("seat"), Some("invalid-seat"));
    assert_eq!(e.get("starts_on"), Some("invalid-date"));
    assert_eq!(e.get("ends_on"), Some("required"));
}

#[test]
fn the_reminder_falls_in_the_last_two_weeks_of_a_term() {
    let t = Term {
        person_id: 1,
        seat: Seat::Primary,
        starts_on: day("2026-01-01"),
        ends_on: day("2026-03-31"),
    };
    assert!(!t.reminder_due(day("2026-03-16")));
    assert!(t.reminder_due(day("2026-03-17")));
    assert!(t.reminder_due(day("2026-03-31")));
    assert!(!t.reminder_due(day("2026-04-01")));
    assert_eq!(t.state(day("2026-04-01")), TermState::Past);
}

#[test]
fn a_facilitator_hands_over_before_leaving_and_roles_follow_seats() {
    let today = day("2026-03-01");
    let planned = [Term {
        person_id: 1,
        seat: Seat::Secondary,
        starts_on: day("2026-04-01"),
        ends_on: day("2026-04-30"),
    }];
    assert_eq!(
        may_leave(1, &planned, today),
        Err("facilitator-must-hand-over")
    );
    assert_eq!(may_leave(2, &planned, today), Ok(()));
    assert_eq!(may_leave(1, &planned, day("2026-05-01")), Ok(()));
    assert_eq!(
        GroupRole::of(true, &[Seat::Primary]),
        GroupRole::PrimaryFacilitator
    );
    assert_eq!(GroupRole::of(true, &[]), GroupRole::SecondaryFacilitator);
    assert_eq!(GroupRole::of(false, &[]), GroupRole::Member);
    assert_eq!(decline_reason("  "), Err("required"));
    assert_eq!(decline_reason(" Full "), Ok("Full".into()));
}
