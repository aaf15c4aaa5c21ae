use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn rules() -> TermRules {
    TermRules::default()
}

fn go(a: &Award, e: AwardEvent, today: &str) -> Award {
    transition(a, &e, d(today), &rules()).unwrap_or_else(|err| panic!("{e:?}: {err}"))
}

fn reason(s: &str) -> String {
    s.to_string()
}

/// Nominated → awarded on 2027-06-10 → active from 2027-07-01.
fn active() -> Award {
    let a = Award::nominated(AwardKind::Term);
    let a = go(&a, AwardEvent::ReviewStarted, "2027-03-01");
    let a = go(
        &a,
        AwardEvent::Awarded {
            on: d("2027-06-10"),
        },
        "2027-06-10",
    );
    go(
        &a,
        AwardEvent::Started {
            on: d("2027-07-01"),
        },
        "2027-07-01",
    )
}

#[test]
fn a_term_is_one_year_less_a_day() {
    assert_eq!(term_end(d("2027-07-01")), d("2028-06-30"));
    assert_eq!(term_end(d("2027-01-01")), d("2027-12-31"));
    assert_eq!(term_end(d("2028-02-29")), d("2029-02-27"));
    assert_eq!(month_start(d("2027-01-31"), 2), d("2027-02-28"));
    assert_eq!(month_start(d("2027-07-01"), 9), d("2028-03-01"));
    assert_eq!(month_start(d("2027-07-01"), 1), d("2027-07-01"));
}

#[test]
fn the_happy_path_of_a_term_and_its_renewal() {
    let a = active();
    assert_eq!(a.state, AwardState::Active);
    assert_eq!(
        a.terms,
        [TermRecord {
            start: d("2027-07-01"),
            end: Some(d("2028-06-30")),
            renewed: false
        }]
    );
    // Renewal opens in month 10 of the term.
    let err = transition(&a, &AwardEvent::Renewed, d("2028-03-31"), &rules()).expect_err("early");
    assert_eq!(
        err,
        TransitionError::TooEarly {
            from: AwardState::Active,
            to: AwardState::Renewed,
            allowed_from: d("2028-04-01")
        }
    );
    assert_eq!(err.code(), "too-early");
    let r = go(&a, AwardEvent::Renewed, "2028-04-01");
    assert_eq!(r.state, AwardState::Renewed);
    assert!(r.terms[0].renewed);
    assert_eq!(r.next_term_start(), Some(d("2028-07-01")));
    // The next term starts the day after the first ends, not before.
    let e = transition(
        &r,
        &AwardEvent::Started {
            on: d("2028-06-30"),
        },
        d("2028-07-01"),
        &rules(),
    )
    .expect_err("overlap");
    assert_eq!(e.code(), "award-date-out-of-order");
    let n = go(
        &r,
        AwardEvent::Started {
            on: d("2028-07-01"),
        },
        "2028-07-01",
    );
    assert_eq!(
        (n.state, n.terms.len(), n.renewed_on),
        (AwardState::Active, 2, None)
    );
}

#[test]
fn a_term_ends_into_grace_and_then_renews_or_lapses() {
    let a = active();
    let e = transition(&a, &AwardEvent::TermEnded, d("2028-06-30"), &rules()).expect_err("running");
    assert_eq!(e.code(), "too-early");
    let g = go(&a, AwardEvent::TermEnded, "2028-07-01");
    assert_eq!(g.state, AwardState::Grace);
    assert_eq!(g.grace_ends(&rules()), Some(d("2028-07-30")));
    assert!(g.is_current_on(d("2028-07-30"), &rules()));
    assert!(!g.is_current_on(d("2028-07-31"), &rules()));
    let late = transition(&g, &AwardEvent::Renewed, d("2028-07-31"), &rules()).expect_err("late");
    assert_eq!(late.code(), "too-late");
    let r = go(&g, AwardEvent::Renewed, "2028-07-20");
    // Renewed in grace: the next term starts on the renewal's day.
    assert_eq!(r.next_term_start(), Some(d("2028-07-20")));
    let l = go(
        &g,
        AwardEvent::Lapsed {
            reason: reason("No activity in 2028."),
        },
        "2028-08-01",
    );
    assert_eq!(
        (l.state, l.reason.as_deref()),
        (AwardState::Lapsed, Some("No activity in 2028."))
    );
    let e = transition(
        &g,
        &AwardEvent::Lapsed {
            reason: reason("  "),
        },
        d("2028-08-01"),
        &rules(),
    )
    .expect_err("no reason");
    assert_eq!(
        e,
        TransitionError::ReasonRequired {
            from: AwardState::Grace,
            to: AwardState::Lapsed
        }
    );
    assert_eq!(e.code(), "award-reason-required");
    // Only a member in grace lapses.
    let e = transition(
        &a,
        &AwardEvent::Lapsed {
            reason: reason("x"),
        },
        d("2028-01-01"),
        &rules(),
    )
    .expect_err("active");
    assert_eq!(
        e,
        TransitionError::NotAllowed {
            from: AwardState::Active,
            to: AwardState::Lapsed
        }
    );
    assert_eq!(e.code(), "invalid-transition");
    assert_eq!(e.to_string(), "an award cannot go from active to lapsed");
}

#[test]
fn dates_of_awards_and_starts_are_checked_against_the_clock() {
    let a = go(
        &Award::nominated(AwardKind::Term),
        AwardEvent::ReviewStarted,
        "2027-03-01",
    );
    let e = transition(
        &a,
        &AwardEvent::Awarded {
            on: d("2027-06-11"),
        },
        d("2027-06-10"),
        &rules(),
    )
    .expect_err("future");
    assert_eq!(e.code(), "too-early");
    let a = go(
        &a,
        AwardEvent::Awarded {
            on: d("2027-06-10"),
        },
        "2027-06-10",
    );
    let e = transition(
        &a,
        &AwardEvent::Started {
            on: d("2027-06-09"),
        },
        d("2027-06-10"),
        &rules(),
    )
    .expect_err("before award");
    assert_eq!(e.code(), "award-date-out-of-order");
    let e = transition(
        &a,
        &AwardEvent::Started {
            on: d("2027-07-01"),
        },
        d("2027-06-30"),
        &rules(),
    )
    .expect_err("future start");
    assert_eq!(e.code(), "too-early");
}

#[test]
fn a_declined_nomination_can_be_awarded_on_appeal() {
    let a = go(
        &Award::nominated(AwardKind::Term),
        AwardEvent::ReviewStarted,
        "2027-03-01",
    );
    let dcl = go(
        &a,
        AwardEvent::Declined {
            reason: reason("Evidence too thin."),
        },
        "2027-04-20",
    );
    assert_eq!(dcl.state, AwardState::Declined);
    let won = go(
        &dcl,
        AwardEvent::Awarded {
            on: d("2027-06-20"),
        },
        "2027-06-20",
    );
    assert_eq!((won.state, won.reason), (AwardState::Awarded, None));
}

#[test]
fn lifetime_awards_never_end() {
    let a = Award::lifetime(d("2032-06-10"));
    let a = go(
        &a,
        AwardEvent::Started {
            on: d("2032-06-10"),
        },
        "2032-06-10",
    );
    assert_eq!(a.terms[0].end, None);
    for e in [AwardEvent::TermEnded, AwardEvent::Renewed] {
        assert_eq!(
            transition(&a, &e, d("2099-01-01"), &rules())
                .expect_err("no term")
                .code(),
            "invalid-transition"
        );
    }
    assert!(due_events(&a, d("2099-01-01"), &rules()).is_empty());
    let em = go(
        &a,
        AwardEvent::Emeritus {
            reason: reason("Retired."),
        },
        "2040-01-01",
    );
    assert_eq!(em.state, AwardState::Emeritus);
}

#[test]
fn the_calendar_ends_terms_and_starts_renewed_ones() {
    let a = active();
    assert!(due_events(&a, d("2028-06-30"), &rules()).is_empty());
    assert_eq!(
        due_events(&a, d("2028-07-01"), &rules()),
        [AwardEvent::TermEnded]
    );
    let r = go(&a, AwardEvent::Renewed, "2028-05-01");
    assert_eq!(
        due_events(&r, d("2028-07-01"), &rules()),
        [AwardEvent::Started {
            on: d("2028-07-01")
        }]
    );
    // Long after, the renewed term has also ended.
    let s = state_on(&r, d("2029-08-01"), &rules());
    assert_eq!(s.state, AwardState::Grace);
    assert_eq!(s.terms.len(), 2);
    assert_eq!(s.terms[1].end, Some(d("2029-06-30")));
}

#[test]
fn lifetime_is_due_after_five_consecutive_renewed_terms() {
    let chain = |starts: &[&str], renewed: &[bool]| -> Vec<TermRecord> {
        starts
            .iter()
            .zip(renewed)
            .map(|(s, r)| TermRecord {
                start: d(s),
                end: Some(term_end(d(s))),
                renewed: *r,
            })
            .collect()
    };
    let years = [
        "2025-07-01",
        "2026-07-01",
        "2027-07-01",
        "2028-07-01",
        "2029-07-01",
    ];
    assert!(lifetime_due(&chain(&years, &[true; 5]), 30));
    assert!(!lifetime_due(&chain(&years[..4], &[true; 4]), 30));
    assert!(!lifetime_due(
        &chain(&years, &[true, true, true, true, false]),
        30
    ));
    assert!(!lifetime_due(
        &chain(&years, &[true, true, false, true, true]),
        30
    ));
    // Renewed in grace: a start 20 days late is still consecutive; 40 days late is not.
    let late = [
        "2025-07-01",
        "2026-07-21",
        "2027-07-21",
        "2028-07-21",
        "2029-07-21",
    ];
    assert!(lifetime_due(&chain(&late, &[true; 5]), 30));
    let gap = [
        "2025-07-01",
        "2026-08-10",
        "2027-08-10",
        "2028-08-10",
        "2029-08-10",
    ];
    assert!(!lifetime_due(&chain(&gap, &[true; 5]), 30));
    let six = [
        "2024-07-01",
        "2025-07-01",
        "2026-07-01",
        "2027-07-01",
        "2028-07-01",
        "2029-07-01",
    ];
    assert!(lifetime_due(
        &chain(&six, &[false, true, true, true, true, true]),
        30
    ));
    assert!(!lifetime_due(&[], 30));
}

#[test]
fn slugs_round_trip() {
    for s in AwardState::ALL {
        assert_eq!(AwardState::parse(s.slug()), Ok(*s));
    }
    for k in AwardKind::ALL {
        assert_eq!(AwardKind::parse(k.slug()), Ok(*k));
    }
    let json = serde_json::to_value(AwardEvent::Revoked {
        reason: reason("Misconduct."),
    })
    .expect("json");
    assert_eq!(
        json,
        serde_json::json!({"event": "revoked", "reason": "Misconduct."})
    );
}

fn arb_event() -> impl Strategy<Value = AwardEvent> {
    let reason = prop_oneof![Just(String::new()), Just(" ".to_string()), "[a-z]{1,8}"];
    let day = (0i64..2500).prop_map(|n| d("2027-01-01") + Duration::days(n));
    // Final events are rarer, so histories live long enough to renew and lapse.
    prop_oneof![
        2 => Just(AwardEvent::ReviewStarted),
        1 => reason.clone().prop_map(|reason| AwardEvent::Declined { reason }),
        2 => day.clone().prop_map(|on| AwardEvent::Awarded { on }),
        3 => day.prop_map(|on| AwardEvent::Started { on }),
        4 => Just(AwardEvent::TermEnded),
        6 => Just(AwardEvent::Renewed),
        1 => reason.clone().prop_map(|reason| AwardEvent::Lapsed { reason }),
        1 => reason.clone().prop_map(|reason| AwardEvent::Emeritus { reason }),
        1 => reason.prop_map(|reason| AwardEvent::Revoked { reason }),
    ]
}

/// Random events on a clock that moves forward by random steps; some events are dated "today".
fn arb_history() -> impl Strategy<Value = (AwardKind, Vec<(i64, bool, AwardEvent)>)> {
    (
        prop_oneof![Just(AwardKind::Term), Just(AwardKind::Lifetime)],
        prop::collection::vec((0i64..120, any::<bool>(), arb_event()), 0..80),
    )
}

/// Events dated "today" succeed more often than random dates, so long paths get explored.
fn dated_today(e: AwardEvent, today: NaiveDate) -> AwardEvent {
    match e {
        AwardEvent::Awarded { .. } => AwardEvent::Awarded { on: today },
        AwardEvent::Started { .. } => AwardEvent::Started { on: today },
        e => e,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Whatever happens, the machine never panics; a refused event leaves the award as it was and
    /// names the state it was refused from; an accepted one lands on the event's target.
    #[test]
    fn random_histories_keep_every_invariant((kind, steps) in arb_history()) {
        let rules = rules();
        let start = if kind == AwardKind::Term {
            Award::nominated(kind)
        } else {
            Award::lifetime(d("2027-01-01"))
        };
        let mut award = start;
        let mut today = d("2027-01-01");
        let mut seen = vec![award.state];
        for (step, today_dated, event) in steps {
            today += Duration::days(step);
            let event = if today_dated { dated_today(event, today) } else { event };
            let before = award.clone();
            match transition(&award, &event, today, &rules) {
                Ok(next) => {
                    prop_assert!(allowed(kind, before.state, &event));
                    prop_assert_eq!(next.state, event.target());
                    prop_assert!(!before.state.is_terminal(), "left a final state");
                    award = next;
                    seen.push(award.state);
                }
                Err(err) => {
                    let from = match err {
                        TransitionError::NotAllowed { from, .. }
                        | TransitionError::ReasonRequired { from, .. }
                        | TransitionError::TooEarly { from, .. }
                        | TransitionError::TooLate { from, .. }
                        | TransitionError::OutOfOrder { from, .. } => from,
                    };
                    prop_assert_eq!(from, award.state);
                    prop_assert_eq!(&award, &before);
                    if before.state.is_terminal() {
                        let refused_outright = matches!(err, TransitionError::NotAllowed { .. });
                        prop_assert!(refused_outright);
                    }
                }
            }
            // Nothing is active that was not awarded first.
            if award.state == AwardState::Active {
                prop_assert!(seen.contains(&AwardState::Awarded));
                prop_assert!(award.awarded_on.is_some());
                let t = award.current_term().expect("an active award has a term");
                prop_assert!(t.start <= today);
                prop_assert!(award.awarded_on.is_some_and(|a| a <= t.start));
                prop_assert_eq!(t.end, (kind == AwardKind::Term).then(|| term_end(t.start)));
            }
            // Every final state carries its reason.
            if award.state.is_terminal() {
                prop_assert!(award.reason.as_deref().is_some_and(|r| !r.trim().is_empty()));
            }
            // Terms follow one another.
            for w in award.terms.windows(2) {
                prop_assert!(w[0].end.is_some_and(|e| e < w[1].start));
            }
        }
        // Revoked (and every final state) is final.
        if award.state.is_terminal() {
            for e in [
                AwardEvent::ReviewStarted,
                AwardEvent::Awarded { on: today },
                AwardEvent::Started { on: today },
                AwardEvent::TermEnded,
                AwardEvent::Renewed,
                AwardEvent::Lapsed { reason: "x".into() },
                AwardEvent::Emeritus { reason: "x".into() },
                AwardEvent::Revoked { reason: "x".into() },
            ] {
                prop_assert!(transition(&award, &e, today, &rules).is_err());
            }
        }
    }

    /// The calendar's view is stable: applying it twice is applying it once, and what it applies
    /// are accepted transitions.
    #[test]
    fn the_state_of_a_day_is_stable(
        renew in any::<bool>(),
        renew_day in 270i64..420,
        later in 0i64..2000,
        grace in 0u16..90,
    ) {
        let rules = TermRules { grace_days: grace, ..TermRules::default() };
        let a = active();
        let renew_on = d("2027-07-01") + Duration::days(renew_day);
        let a = if renew {
            transition(&a, &AwardEvent::Renewed, renew_on, &rules).unwrap_or(a)
        } else {
            a
        };
        let today = d("2027-07-01") + Duration::days(later);
        let once = state_on(&a, today, &rules);
        prop_assert_eq!(&state_on(&once, today, &rules), &once);
        prop_assert!(due_events(&once, today, &rules).is_empty());
        let mut replay = a.clone();
        for e in due_events(&a, today, &rules) {
            replay = transition(&replay, &e, today, &rules).expect("due events are accepted");
        }
        if once.state == AwardState::Active {
            prop_assert!(once.current_term().and_then(|t| t.end).is_some_and(|e| today <= e));
        }
        prop_assert_eq!(replay, once);
    }

    /// A member renewed every year on time reaches lifetime status after exactly five terms.
    #[test]
    fn yearly_renewals_reach_lifetime_after_five_terms(
        years in 1usize..9,
        renew_offset in 273i64..365,
        first in 0i64..1500,
    ) {
        let rules = rules();
        let mut a = Award::nominated(AwardKind::Term);
        let start = d("2025-01-01") + Duration::days(first);
        a = transition(&a, &AwardEvent::ReviewStarted, start, &rules).expect("review");
        a = transition(&a, &AwardEvent::Awarded { on: start }, start, &rules).expect("award");
        a = transition(&a, &AwardEvent::Started { on: start }, start, &rules).expect("start");
        for _ in 0..years {
            let term = *a.current_term().expect("term");
            let day = term.start + Duration::days(renew_offset);
            let day = day.min(term.end.expect("end"));
            if day < month_start(term.start, rules.renew_from_month) {
                continue;
            }
            a = transition(&a, &AwardEvent::Renewed, day, &rules).expect("renew");
            let next = a.next_term_start().expect("next");
            a = state_on(&a, next, &rules);
            prop_assert_eq!(a.state, AwardState::Active);
        }
        let renewed = a.terms.iter().filter(|t| t.renewed).count();
        prop_assert_eq!(lifetime_due(&a.terms, rules.grace_days), renewed >= 5);
    }
}
