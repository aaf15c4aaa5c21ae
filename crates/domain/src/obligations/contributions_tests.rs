//! Tests of contributions: the review life cycle, who reviews, what a submission needs, topics,
//! reminders and the overall status.

use super::*;
use crate::permissions::{Actor, Grant, Role};
use proptest::prelude::*;

const WG: i64 = 40;

fn person(grants: &[(Role, Option<i64>)]) -> Actor {
    Actor::Person {
        id: 1,
        grants: grants
            .iter()
            .map(|&(role, scope_id)| Grant { role, scope_id })
            .collect(),
    }
}

fn case_study() -> ContributionInput {
    ContributionInput {
        kind: "case_study".into(),
        title: "Moving 40 courses to Open edX".into(),
        link: "https://example.org/case".into(),
        client: "Universidad Austral".into(),
        language: "es".into(),
        ..ContributionInput::default()
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

use chrono::NaiveDate;

#[test]
fn a_case_study_with_a_named_client_parses_and_takes_this_year() {
    let c = case_study().parse(2026).expect("valid");
    assert_eq!(c.kind, ContributionType::CaseStudy);
    assert_eq!(c.year, 2026);
    assert_eq!(c.client.name(), Some("Universidad Austral"));
    assert_eq!(c.link.as_deref(), Some("https://example.org/case"));
    assert_eq!(c.topic_id, None);
}

#[test]
fn a_case_study_may_be_anonymous_and_given_as_text() {
    let c = ContributionInput {
        anonymous: true,
        client: "ignored when anonymous".into(),
        link: String::new(),
        text: "A university moved its courses.".into(),
        ..case_study()
    }
    .parse(2026)
    .expect("valid");
    assert_eq!(c.client, ClientRef::Anonymous);
    assert_eq!(c.link, None);
}

#[test]
fn logos_and_testimonials_need_consent_evidence_and_a_named_client() {
    for kind in ["logo", "testimonial"] {
        let e = ContributionInput {
            kind: kind.into(),
            anonymous: true,
            ..case_study()
        }
        .parse(2026)
        .expect_err("refused");
        assert_eq!(e.get("consent_evidence"), Some("consent-evidence-required"));
        assert_eq!(e.get("anonymous"), Some("client-must-be-named"));
        let ok = ContributionInput {
            kind: kind.into(),
            consent_evidence: "Signed release, 2026-03-02".into(),
            ..case_study()
        }
        .parse(2026);
        assert!(ok.is_ok(), "{kind}: {ok:?}");
    }
}

#[test]
fn an_article_needs_a_topic_and_other_types_drop_one() {
    let e = ContributionInput {
        kind: "article".into(),
        ..case_study()
    }
    .parse(2026)
    .expect_err("refused");
    assert_eq!(e.get("topic_id"), Some("topic-required"));
    let a = ContributionInput {
        kind: "article".into(),
        topic_id: Some(3),
        ..case_study()
    }
    .parse(2026)
    .expect("valid");
    assert_eq!(a.topic_id, Some(3));
    let c = ContributionInput {
        topic_id: Some(3),
        ..case_study()
    }
    .parse(2026)
    .expect("valid");
    assert_eq!(c.topic_id, None);
}

#[test]
fn a_contribution_counts_toward_this_year_or_last_year_only() {
    let with_year = |year| {
        ContributionInput {
            year: Some(year),
            ..case_study()
        }
        .parse(2026)
    };
    assert_eq!(with_year(2026).expect("this year").year, 2026);
    assert_eq!(with_year(2025).expect("last year").year, 2025);
    for year in [2000, 2024, 2027, 2100] {
        let e = with_year(year).expect_err("refused");
        assert_eq!(e.get("year"), Some("year-out-of-range"), "{year}");
    }
}

#[test]
fn each_bad_field_is_named() {
    let e = ContributionInput {
        kind: "poster".into(),
        title: " ".into(),
        link: "ftp://x".into(),
        language: "xx".into(),
        year: Some(1999),
        client: String::new(),
        ..ContributionInput::default()
    }
    .parse(2026)
    .expect_err("refused");
    assert_eq!(e.get("type"), Some("invalid-contribution-type"));
    assert_eq!(e.get("title"), Some("required"));
    assert_eq!(e.get("link"), Some("invalid-url"));
    assert_eq!(e.get("language"), Some("invalid-language"));
    assert_eq!(e.get("year"), Some("invalid-year"));
    assert_eq!(e.get("client"), Some("required"));
    let e = ContributionInput {
        link: String::new(),
        ..case_study()
    }
    .parse(2026)
    .expect_err("refused");
    assert_eq!(e.get("link"), Some("link-or-text"));
}

#[test]
fn the_life_cycle() {
    use ContributionState::*;
    assert_eq!(
        after_review(Submitted, Verdict::RequestChanges),
        Ok(ChangesRequested)
    );
    assert_eq!(after_resubmit(ChangesRequested), Ok(Resubmitted));
    assert_eq!(
        after_review(Resubmitted, Verdict::RequestChanges),
        Ok(ChangesRequested)
    );
    assert_eq!(after_review(Resubmitted, Verdict::Approve), Ok(Approved));
    assert_eq!(after_review(Submitted, Verdict::Reject), Ok(Rejected));
    assert_eq!(
        after_review(Approved, Verdict::Reject),
        Err("not-awaiting-review")
    );
    assert_eq!(
        after_review(ChangesRequested, Verdict::Approve),
        Err("not-awaiting-review")
    );
    assert_eq!(after_resubmit(Submitted), Err("not-awaiting-changes"));
    assert_eq!(after_resubmit(Rejected), Err("not-awaiting-changes"));
}

#[test]
fn asking_for_changes_or_rejecting_needs_a_comment() {
    for verdict in ["request_changes", "reject"] {
        let e = ReviewInput {
            verdict: verdict.into(),
            comment: "  ".into(),
        }
        .parse()
        .expect_err("refused");
        assert_eq!(e.get("comment"), Some("required"));
    }
    let r = ReviewInput {
        verdict: "approve".into(),
        comment: String::new(),
    }
    .parse()
    .expect("valid");
    assert_eq!(r.verdict, Verdict::Approve);
    let e = ReviewInput::default().parse().expect_err("refused");
    assert_eq!(e.get("verdict"), Some("required"));
    let e = ReviewInput {
        verdict: "maybe".into(),
        comment: String::new(),
    }
    .parse()
    .expect_err("refused");
    assert_eq!(e.get("verdict"), Some("invalid-verdict"));
}

#[test]
fn only_marketing_wg_facilitators_and_admins_review_and_never_their_own_organization() {
    let member = person(&[(Role::GroupMember, Some(WG))]);
    let facilitator = person(&[(Role::Facilitator, Some(WG))]);
    let other_group = person(&[(Role::GroupMember, Some(WG + 1))]);
    let admin = person(&[(Role::Admin, None)]);
    let own = person(&[
        (Role::Facilitator, Some(WG)),
        (Role::PartnerMember, Some(7)),
    ]);
    // Anyone may join the Marketing WG: membership alone does not make a reviewer.
    assert_eq!(may_review(&member, Some(WG), 7), Err("not-a-reviewer"));
    assert_eq!(may_review(&facilitator, Some(WG), 7), Ok(()));
    assert_eq!(may_review(&other_group, Some(WG), 7), Err("not-a-reviewer"));
    assert_eq!(may_review(&admin, Some(WG), 7), Ok(()));
    assert_eq!(
        may_review(&Actor::Anonymous, Some(WG), 7),
        Err("not-a-reviewer")
    );
    assert_eq!(may_review(&facilitator, None, 7), Err("not-a-reviewer"));
    assert_eq!(may_review(&own, Some(WG), 7), Err("own-contribution"));
    assert_eq!(may_review(&own, Some(WG), 8), Ok(()));
    assert!(is_reviewer(&own, Some(WG)));
    assert!(is_reviewer(&admin, Some(WG)));
    assert!(!is_reviewer(&member, Some(WG)));
}

#[test]
fn topics_are_approved_or_rejected_once_and_only_an_approved_own_topic_is_usable() {
    let approve = Review {
        verdict: Verdict::Approve,
        comment: String::new(),
    };
    let changes = Review {
        verdict: Verdict::RequestChanges,
        comment: "x".into(),
    };
    assert_eq!(
        after_topic_review(TopicState::Proposed, &approve),
        Ok(TopicState::Approved)
    );
    assert_eq!(
        after_topic_review(TopicState::Approved, &approve),
        Err("not-awaiting-review")
    );
    assert_eq!(
        after_topic_review(TopicState::Proposed, &changes),
        Err("invalid-verdict")
    );
    assert_eq!(topic_usable(Some((7, TopicState::Approved)), 7), Ok(()));
    assert_eq!(
        topic_usable(Some((7, TopicState::Proposed)), 7),
        Err("topic-not-approved")
    );
    assert_eq!(
        topic_usable(Some((8, TopicState::Approved)), 7),
        Err("unknown-topic")
    );
    assert_eq!(topic_usable(None, 7), Err("unknown-topic"));
    let e = TopicInput::default().parse().expect_err("refused");
    assert_eq!(e.get("title"), Some("required"));
    assert_eq!(e.get("summary"), Some("required"));
}

#[test]
fn reminders_at_ninety_thirty_and_seven_days_before_the_year_ends() {
    assert_eq!(reminder_point(2026, date(2026, 9, 1)), None);
    assert_eq!(reminder_point(2026, date(2026, 10, 2)), Some(90));
    assert_eq!(reminder_point(2026, date(2026, 12, 1)), Some(30));
    assert_eq!(reminder_point(2026, date(2026, 12, 24)), Some(7));
    assert_eq!(reminder_point(2026, date(2026, 12, 31)), Some(7));
    assert_eq!(reminder_point(2026, date(2027, 1, 1)), None);
    assert_eq!(reminder_point(2026, date(2025, 12, 31)), None);
}

#[test]
fn smaller_companies_are_highlighted() {
    use crate::taxonomy::CompanySize;
    assert!(highlighted(CompanySize::Micro));
    assert!(highlighted(CompanySize::Small));
    assert!(!highlighted(CompanySize::Medium));
    assert!(!highlighted(CompanySize::Enterprise));
}

fn state() -> impl Strategy<Value = ContributionState> {
    prop::sample::select(ContributionState::ALL)
}

fn verdict() -> impl Strategy<Value = Verdict> {
    prop::sample::select(Verdict::ALL)
}

fn status() -> impl Strategy<Value = ObligationStatus> {
    prop::sample::select(vec![
        ObligationStatus::Met,
        ObligationStatus::OnTrack,
        ObligationStatus::Behind,
        ObligationStatus::Overdue,
    ])
}

proptest! {
    /// Any sequence of reviews and resubmissions never leaves a final state, and reaches one only
    /// through a review.
    #[test]
    fn final_states_are_final(steps in prop::collection::vec(prop::option::of(verdict()), 0..30)) {
        let mut s = ContributionState::Submitted;
        for step in steps {
            let before = s;
            let next = match step {
                Some(v) => after_review(s, v),
                None => after_resubmit(s),
            };
            if let Ok(n) = next {
                prop_assert!(!before.is_final());
                if n.is_final() { prop_assert!(step.is_some()); }
                s = n;
            } else {
                prop_assert_eq!(s, before);
            }
        }
    }

    /// A review succeeds exactly when the contribution awaits one, and a resubmission exactly
    /// when it awaits changes.
    #[test]
    fn who_may_move_when(s in state(), v in verdict()) {
        prop_assert_eq!(after_review(s, v).is_ok(), s.awaits_review());
        prop_assert_eq!(after_resubmit(s).is_ok(), s.awaits_changes());
        prop_assert_eq!(ContributionState::parse(s.slug()), Ok(s));
    }

    /// Consent evidence is required for exactly the types that need the client's consent.
    #[test]
    fn consent_evidence_follows_the_type(t in prop::sample::select(ContributionType::ALL), evidence in "[a-z ]{0,12}") {
        let r = ContributionInput {
            kind: t.slug().into(),
            topic_id: Some(1),
            consent_evidence: evidence.clone(),
            ..case_study()
        }.parse(2026);
        let missing = evidence.trim().is_empty() && t.needs_client_consent();
        prop_assert_eq!(r.is_err(), missing);
        if let Err(e) = r {
            prop_assert_eq!(e.get("consent_evidence"), Some("consent-evidence-required"));
        }
    }

    /// A reviewer is refused for their own organization and accepted for any other.
    #[test]
    fn never_ones_own(own in 1i64..20, partner in 1i64..20) {
        let a = person(&[(Role::Facilitator, Some(WG)), (Role::PartnerAdmin, Some(own))]);
        prop_assert_eq!(may_review(&a, Some(WG), partner).is_ok(), own != partner);
    }

    /// The reminder point, when there is one, is one of the set points and not fewer than the days
    /// left; it only ever narrows as the year goes on.
    #[test]
    fn reminder_points_narrow(day in 0u32..365, later in 0u32..365) {
        let d = date(2026, 1, 1) + chrono::Days::new(u64::from(day));
        let l = date(2026, 1, 1) + chrono::Days::new(u64::from(day.max(later)));
        if let Some(p) = reminder_point(2026, d) {
            prop_assert!(REMINDER_DAYS.contains(&p));
            prop_assert!(i64::from(p) >= (date(2026, 12, 31) - d).num_days());
            prop_assert!(reminder_point(2026, l).is_some_and(|q| q <= p));
        }
    }

    /// The overall status is one of the statuses, and met only when all are.
    #[test]
    fn overall_is_the_worst(ss in prop::collection::vec(status(), 0..6)) {
        let o = overall(ss.iter().copied());
        if ss.is_empty() {
            prop_assert_eq!(o, ObligationStatus::Met);
        } else {
            prop_assert!(ss.contains(&o));
        }
        prop_assert_eq!(o == ObligationStatus::Met, ss.iter().all(|s| *s == ObligationStatus::Met));
        if ss.contains(&ObligationStatus::Overdue) { prop_assert_eq!(o, ObligationStatus::Overdue); }
    }

    /// Pace: with as many approved as required the status is met; otherwise never met, and
    /// overdue exactly once the year is over.
    #[test]
    fn pace_status(required in 0u32..20, approved in 0u32..20, day in 0i64..800) {
        let today = date(2026, 1, 1) + chrono::Duration::days(day - 200);
        let s = ObligationStatus::of(required, approved, 2026, today);
        if approved >= required {
            prop_assert_eq!(s, ObligationStatus::Met);
        } else {
            prop_assert_ne!(s, ObligationStatus::Met);
            prop_assert_eq!(s == ObligationStatus::Overdue, today > date(2026, 12, 31));
        }
    }
}

#[test]
fn standings_follow_the_policy_counts_and_approvals() {
    let policy = ObligationPolicy::fixed(
        1,
        Years {
            first: 2026,
            last: None,
        },
    );
    let counts = ClientCounts {
        clients: 10,
        logo_refused: 10,
        testimonial_refused: 0,
    };
    let approved = |k: ContributionType| u32::from(k == ContributionType::CaseStudy) * 2;
    let s = standings(Some(&policy), counts, approved, 2026, date(2026, 12, 31));
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].kind, ContributionType::CaseStudy);
    assert_eq!(
        (s[0].required, s[0].approved, s[0].status),
        (1, 2, ObligationStatus::Met)
    );
    // Every client refused its logo: nothing is owed.
    assert_eq!((s[3].required, s[3].status), (0, ObligationStatus::Met));
    assert_eq!(s[1].status, ObligationStatus::Behind);
    assert_eq!(still_due(&s), 2);
    let none = standings(None, counts, approved, 2026, date(2026, 6, 1));
    assert!(none
        .iter()
        .all(|s| s.required == 0 && s.status == ObligationStatus::Met));
    assert_eq!(still_due(&none), 0);
}

proptest! {
    /// Nothing still due exactly when every type is met.
    #[test]
    fn nothing_due_means_met(req in prop::collection::vec(0u32..4, 4), app in prop::collection::vec(0u32..4, 4), day in 0u64..365) {
        let policy = ObligationPolicy {
            case_study: Rule::Fixed { count: req[0] },
            article: Rule::Fixed { count: req[1] },
            testimonial: Rule::Fixed { count: req[2] },
            logo: Rule::Fixed { count: req[3] },
            years: Years { first: 2026, last: None },
        };
        let idx = |k: ContributionType| ContributionType::ALL.iter().position(|x| *x == k).unwrap_or(0);
        let s = standings(Some(&policy), ClientCounts::default(), |k| app[idx(k)], 2026, date(2026, 1, 1) + chrono::Days::new(day));
        prop_assert_eq!(still_due(&s) == 0, overall(s.iter().map(|x| x.status)) == ObligationStatus::Met);
    }
}
