//! Tests of the lead rules: requests, policy, offers.

use super::*;
use proptest::prelude::*;

fn input() -> LeadInput {
    LeadInput {
        organization: "Université Exemple".into(),
        contact_name: "Ana Souza".into(),
        email: "ana@univ.example".into(),
        country: "br".into(),
        segment: "higher-education".into(),
        size: "".into(),
        budget: "".into(),
        languages: vec!["pt".into(), "en".into()],
        services: vec!["hosting".into()],
        message: "We need a platform for 10,000 learners.".into(),
        consent: true,
        referral_code: "edu-2026".into(),
        partner: "".into(),
    }
}

#[test]
fn a_direct_request_names_its_partner_and_merges_only_with_requests_to_it() {
    let map = RegionMap::default_map();
    let pool = input().parse(&map).expect("valid");
    let direct = LeadInput {
        partner: " cedar-learning ".into(),
        ..input()
    }
    .parse(&map)
    .expect("valid");
    assert_eq!(pool.partner, None);
    assert_eq!(direct.partner.as_deref(), Some("cedar-learning"));
    assert_ne!(pool.merge_key(), direct.merge_key());
    // A pool request's fingerprint is what it was before direct requests existed.
    assert!(!serde_json::to_string(&pool)
        .expect("json")
        .contains("partner"));
    let bad = LeadInput {
        partner: "Not A Slug!".into(),
        ..input()
    };
    let e = bad.parse(&map).expect_err("bad slug");
    assert_eq!(e.get("partner"), Some("unknown-partner"));
}

#[test]
fn a_direct_request_goes_to_its_partner_once_then_to_the_queue() {
    let none = BTreeSet::new();
    assert_eq!(route(None, &none, true), Route::Pool);
    assert_eq!(route(Some(7), &none, true), Route::Partner(7));
    // Declined or expired: the foundation decides, the rotation never gets it.
    assert_eq!(route(Some(7), &BTreeSet::from([7]), true), Route::Queue);
    // Suspended since: queue as well.
    assert_eq!(route(Some(7), &none, false), Route::Queue);
}

#[test]
fn only_open_leads_close_and_only_unserved_ones_are_offered_by_hand() {
    use LeadStatus::*;
    for s in [Pending, Offered, Queued] {
        assert_eq!(close(s, CloseReason::Spam), Ok(Spam));
        assert_eq!(close(s, CloseReason::Withdrawn), Ok(Withdrawn));
    }
    for s in [Merged, Withdrawn, Spam, Duplicate] {
        assert_eq!(close(s, CloseReason::Duplicate), Err("invalid-transition"));
        assert!(!s.may_offer_manually());
    }
    assert!(Queued.may_offer_manually() && Pending.may_offer_manually());
    assert!(!Offered.may_offer_manually());
    for s in LeadStatus::ALL {
        assert_eq!(LeadStatus::parse(s.slug()), Ok(*s));
    }
    assert_eq!(parse_desk_reason("  "), Err("explain-required"));
    assert_eq!(
        parse_desk_reason(&"x".repeat(MAX_DESK_REASON_CHARS + 1)),
        Err("too-long")
    );
    assert_eq!(parse_desk_reason(" spam "), Ok("spam".into()));
}

#[test]
fn entitlement_is_compared_with_rotation_offers_only() {
    let raw = RawRow {
        counts: BTreeMap::from([
            (Metric::Offered, 12),
            (Metric::Manual, 3),
            (Metric::Direct, 2),
        ]),
        accept_minutes: BTreeMap::new(),
        entitled: 7.0,
    };
    let row = raw.publish("p", "P", true);
    assert_eq!(row.actual, Some(7));
    assert_eq!(row.counts.get(&Metric::Offered), Some(&Cell::Count(12)));
}

#[test]
fn a_valid_request_parses_and_gets_its_region() {
    let lead = input().parse(&RegionMap::default_map()).expect("valid");
    assert_eq!(lead.region, "latin-america");
    assert_eq!(lead.country.as_str(), "BR");
    assert_eq!(lead.referral_code.as_deref(), Some("EDU-2026"));
    assert_eq!(lead.languages, vec!["en", "pt"]);
}

#[test]
fn every_bad_field_is_named() {
    let bad = LeadInput {
        organization: "".into(),
        email: "nope".into(),
        country: "XX".into(),
        segment: "rocket".into(),
        languages: vec![],
        services: vec!["magic".into()],
        message: "x".repeat(MAX_MESSAGE_CHARS + 1),
        consent: false,
        referral_code: "a b".into(),
        ..input()
    };
    let e = bad.parse(&RegionMap::default_map()).expect_err("must fail");
    for (field, code) in [
        ("organization", "required"),
        ("email", "invalid-email"),
        ("country", "invalid-country"),
        ("segment", "invalid-segment"),
        ("languages", "required"),
        ("services", "invalid-service"),
        ("message", "too-long"),
        ("consent", "consent-required"),
        ("referral_code", "invalid-referral-code"),
    ] {
        assert_eq!(e.get(field), Some(code), "{field}");
    }
}

#[test]
fn merge_key_ignores_case_and_spacing_of_the_organization() {
    let map = RegionMap::default_map();
    let a = input().parse(&map).expect("test");
    let b = LeadInput {
        organization: "  université   EXEMPLE ".into(),
        email: "ANA@univ.example".into(),
        message: "Another message".into(),
        ..input()
    }
    .parse(&map)
    .expect("test");
    assert_eq!(a.merge_key(), b.merge_key());
    assert_ne!(a.fingerprint(), b.fingerprint());
}

#[test]
fn periods_parse_and_cover_their_months() {
    assert_eq!(Period::parse("2026").expect("test").months().len(), 12);
    assert_eq!(
        Period::parse("2026-Q4").expect("test").months(),
        vec!["2026-10", "2026-11", "2026-12"]
    );
    assert_eq!(
        Period::parse("2026-11").expect("test").months(),
        vec!["2026-11"]
    );
    for bad in [
        "", "26", "2026-13", "2026-Q5", "2026-Q04", "2026-1", "abcd", "2026-Q",
    ] {
        assert!(Period::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Period::parse("2026-Q1").expect("test").previous(),
        Period::Quarter(2025, 4)
    );
    assert_eq!(Period::Month(2026, 12).next(), Period::Month(2027, 1));
}

#[test]
fn offers_move_forward_only() {
    use OfferStatus::*;
    assert!(check_offer_transition(Offered, Accepted).is_ok());
    assert!(check_offer_transition(Offered, Declined).is_ok());
    assert!(check_offer_transition(Accepted, Won).is_ok());
    assert!(check_offer_transition(Proposal, Contacted).is_err());
    assert!(check_offer_transition(Declined, Accepted).is_err());
    assert!(check_offer_transition(Expired, Accepted).is_err());
    assert!(check_offer_transition(Won, Lost).is_err());
    assert!(check_offer_transition(Offered, Won).is_err());
}

#[test]
fn the_initial_policy_is_valid_and_bad_ones_are_refused() {
    let map = RegionMap::default_map();
    let p = LeadPolicy::initial(&map);
    assert!(p.validate().is_ok());
    assert_eq!(p.fallback_steps().last(), Some(&"queue"));
    let mut bad = p.clone();
    bad.fan_out_by_region.insert("europe".into(), 4);
    bad.sla_hours = 0;
    bad.allocation.neighbours.insert("mars".into(), vec![]);
    let e = bad.validate().expect_err("must fail");
    assert!(e.get("fan_out_by_region").is_some());
    assert!(e.get("sla_hours").is_some());
    assert!(e.get("neighbours").is_some());
    let mut europe3 = p;
    europe3.fan_out_by_region.insert("europe".into(), 3);
    assert_eq!(europe3.for_region("europe").fan_out, 3);
    assert_eq!(europe3.for_region("latin-america").fan_out, 1);
}

#[test]
fn capacity_takes_the_stricter_limit() {
    let mut p = LeadPolicy::initial(&RegionMap::default_map());
    let s = PartnerLeadSettings {
        paused: false,
        monthly_capacity: Some(10),
    };
    assert_eq!(s.capacity_left(&p, 4), Some(6));
    p.default_monthly_capacity = Some(5);
    assert_eq!(s.capacity_left(&p, 4), Some(1));
    assert_eq!(s.capacity_left(&p, 9), Some(0));
    assert_eq!(PartnerLeadSettings::default().capacity_left(&p, 1), Some(4));
    p.default_monthly_capacity = None;
    assert_eq!(PartnerLeadSettings::default().capacity_left(&p, 1), None);
}

#[test]
fn small_rates_and_medians_are_not_published() {
    let mut r = RawRow::default();
    r.counts.insert(Metric::Accepted, 4);
    r.counts.insert(Metric::Won, 2);
    r.accept_minutes.insert(30, 4);
    let p = r.publish("europe", "Europe", false);
    assert_eq!(p.counts[&Metric::Accepted], Cell::FewerThan(5));
    assert_eq!(p.conversion_rate, None);
    assert_eq!(p.median_minutes_to_accept, None);
    r.counts.insert(Metric::Accepted, 10);
    r.counts.insert(Metric::Won, 5);
    r.accept_minutes.insert(90, 6);
    let p = r.publish("europe", "Europe", false);
    assert_eq!(p.conversion_rate, Some(0.5));
    assert_eq!(p.median_minutes_to_accept, Some(90));
}

#[test]
fn buckets_widen_with_time() {
    assert_eq!(accept_bucket(14), 0);
    assert_eq!(accept_bucket(16), 15);
    assert_eq!(accept_bucket(3 * 60 + 59), 3 * 60);
    assert_eq!(accept_bucket(47 * 60 + 59), 44 * 60);
    assert_eq!(accept_bucket(3 * 1440 + 5), 3 * 1440);
    assert_eq!(accept_bucket(-3), 0);
}

#[test]
fn the_report_adds_up_and_suppresses_small_cells() {
    let map = RegionMap::default_map();
    let counts = vec![
        ("europe".to_string(), 0, Metric::Received, -1, 12),
        ("europe".to_string(), 7, Metric::Offered, -1, 8),
        ("europe".to_string(), 7, Metric::Accepted, -1, 6),
        ("europe".to_string(), 7, Metric::Accepted, 30, 6),
        ("europe".to_string(), 9, Metric::Offered, -1, 4),
        ("latin-america".to_string(), 0, Metric::Received, -1, 3),
    ];
    let names = std::collections::HashMap::from([
        (7, ("alpha".to_string(), "Alpha".to_string())),
        (9, ("beta".to_string(), "Beta".to_string())),
    ]);
    let entitled = std::collections::HashMap::from([(7, 6.04), (9, 5.96)]);
    let r = TransparencyReport::build(
        Period::Month(2026, 11),
        &counts,
        &entitled,
        map.regions(),
        &names,
        vec![1],
    );
    let europe = r.regions.iter().find(|x| x.key == "europe").expect("test");
    // 15 received, 3 of them in Latin America: showing Europe's 12 would give the 3 away.
    assert_eq!(europe.counts[&Metric::Received], Cell::Withheld);
    assert_eq!(europe.counts[&Metric::Offered], Cell::Count(12));
    assert_eq!(europe.median_minutes_to_accept, Some(30));
    let latam = r
        .regions
        .iter()
        .find(|x| x.key == "latin-america")
        .expect("test");
    assert!(latam.counts[&Metric::Received].is_suppressed());
    assert_eq!(r.totals.counts[&Metric::Received], Cell::Count(15));
    let beta = r.partners.iter().find(|x| x.key == "beta").expect("test");
    assert!(beta.counts[&Metric::Offered].is_suppressed());
    assert_eq!(
        beta.actual, None,
        "a share would reveal the suppressed count"
    );
    // 12 offered, Beta's 4 hidden: Alpha's 8 is withheld too, with the share that would show it.
    let alpha = r.partners.iter().find(|x| x.key == "alpha").expect("test");
    assert_eq!(alpha.counts[&Metric::Offered], Cell::Withheld);
    assert_eq!((alpha.entitled, alpha.actual), (None, None));
    assert_eq!(r.regions.len(), map.regions().len());
}

proptest! {
    /// No published cell ever shows a count between 1 and 4.
    #[test]
    fn no_cell_reveals_fewer_than_five(n in 0u64..100) {
        match Cell::of(n) {
            Cell::Count(c) => prop_assert!(c == 0 || c >= SUPPRESS_BELOW),
            Cell::FewerThan(_) => prop_assert!(n > 0 && n < SUPPRESS_BELOW),
            Cell::Withheld => prop_assert!(false, "a single count is never withheld"),
        }
    }

    /// The histogram median is within one bucket of the exact median.
    #[test]
    fn histogram_median_is_the_bucket_of_the_exact_median(mut xs in proptest::collection::vec(0i64..10_000, 1..200)) {
        let mut h = BTreeMap::new();
        for x in &xs {
            *h.entry(accept_bucket(*x)).or_insert(0u64) += 1;
        }
        xs.sort();
        let exact = xs[(xs.len() - 1) / 2];
        prop_assert_eq!(histogram_median(&h), Some(accept_bucket(exact)));
    }

    #[test]
    fn period_display_round_trips(y in 2000i32..2999, q in 1u8..5, m in 1u8..13) {
        for p in [Period::Year(y), Period::Quarter(y, q), Period::Month(y, m)] {
            prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
        }
    }

    /// Whatever was offered before and whatever the partner's state, a direct request never
    /// reaches the rotation, and goes to no partner but its own.
    #[test]
    fn a_direct_request_never_enters_the_rotation(p in 1i64..50, offered in proptest::collection::btree_set(1i64..50, 0..10), active: bool) {
        match route(Some(p), &offered, active) {
            Route::Pool => prop_assert!(false, "direct request in the pool"),
            Route::Partner(q) => prop_assert_eq!(q, p),
            Route::Queue => prop_assert!(offered.contains(&p) || !active),
        }
    }

    /// Lead parsing never panics, whatever comes in.
    #[test]
    fn lead_parsing_is_total(org in ".{0,300}", email in ".{0,50}", country in ".{0,4}", langs in proptest::collection::vec(".{0,5}", 0..4)) {
        let i = LeadInput { organization: org, email, country, languages: langs, ..input() };
        let _ = i.parse(&RegionMap::default_map());
    }
}

#[test]
fn the_lead_desk_shows_how_far_an_accepted_lead_got() {
    use OfferStatus::*;
    assert_eq!(
        lead_progress(LeadStatus::Offered, &[Offered, Offered]),
        None
    );
    assert_eq!(
        lead_progress(LeadStatus::Offered, &[Expired, Accepted]),
        Some(Accepted)
    );
    assert_eq!(
        lead_progress(LeadStatus::Offered, &[Lost, Proposal]),
        Some(Proposal)
    );
    assert_eq!(lead_progress(LeadStatus::Offered, &[Won, Lost]), Some(Won));
    assert_eq!(
        lead_progress(LeadStatus::Offered, &[Declined, Lost]),
        Some(Lost)
    );
    assert_eq!(lead_progress(LeadStatus::Queued, &[Accepted]), None);
}

#[test]
fn periods_overlap_the_months_with_data() {
    let p = |s| Period::parse(s).expect("period");
    assert!(p("2026").overlaps("2026-11", "2026-12"));
    assert!(p("2026-Q4").overlaps("2026-11", "2027-01"));
    assert!(!p("2026-Q3").overlaps("2026-11", "2027-01"));
    assert!(!p("2027-02").overlaps("2026-11", "2027-01"));
    assert!(p("2027-01").overlaps("2026-11", "2027-01"));
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&chrono::Utc)
}

#[test]
fn the_versions_in_force_in_a_period_are_those_adopted_before_it_ended_and_not_replaced_before_it_began(
) {
    let history = [
        (2, at("2026-05-20T09:00:00Z")),
        (1, at("2026-01-10T09:00:00Z")),
        (3, at("2026-10-01T00:00:00Z")),
    ];
    let q = |s: &str| Period::parse(s).expect("period");
    assert_eq!(q("2025").versions_in_force(&history), Vec::<i64>::new());
    assert_eq!(q("2026-Q1").versions_in_force(&history), vec![1]);
    // Replaced in May: both were in force during the quarter.
    assert_eq!(q("2026-Q2").versions_in_force(&history), vec![1, 2]);
    assert_eq!(q("2026-Q3").versions_in_force(&history), vec![2]);
    assert_eq!(q("2026-10").versions_in_force(&history), vec![2, 3]);
    assert_eq!(q("2027").versions_in_force(&history), vec![3]);
    assert_eq!(q("2026").versions_in_force(&history), vec![1, 2, 3]);
}

proptest! {
    /// Whatever the history, the versions in force form one run in version order, and each month from
    /// the first adoption on has at least one.
    #[test]
    fn versions_in_force_are_one_run_and_never_none_after_the_first(
        days in proptest::collection::vec(0i64..1500, 1..8),
        month in 0u32..60,
    ) {
        let mut days = days;
        days.sort_unstable();
        let start = at("2024-01-01T00:00:00Z");
        let history: Vec<(i64, _)> = days
            .iter()
            .enumerate()
            .map(|(i, d)| (i as i64 + 1, start + chrono::Duration::days(*d)))
            .collect();
        let period = Period::parse(&format!("{}-{:02}", 2024 + month / 12, month % 12 + 1)).expect("period");
        let v = period.versions_in_force(&history);
        prop_assert!(v.windows(2).all(|w| w[1] == w[0] + 1), "{v:?}");
        let first_month = history[0].1.format("%Y-%m").to_string();
        if period.months()[0] >= first_month {
            prop_assert!(!v.is_empty());
        }
    }
}

#[test]
fn an_offer_reason_comes_from_the_list_of_its_move() {
    assert_eq!(
        OfferReason::parse(OfferStatus::Declined, "no-capacity"),
        Ok(OfferReason::Declined(DeclineReason::NoCapacity))
    );
    assert_eq!(
        OfferReason::parse(OfferStatus::Lost, "budget"),
        Ok(OfferReason::Lost(LostReason::Budget))
    );
    // A loss's reason does not explain a decline, and an acceptance has none.
    assert!(OfferReason::parse(OfferStatus::Declined, "budget").is_err());
    assert!(OfferReason::parse(OfferStatus::Accepted, "other").is_err());
    assert_eq!(OfferReason::Lost(LostReason::Other).slug(), "other");
}
