use super::*;
use chrono::TimeZone;
use proptest::prelude::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("valid time")
}

fn pref(topic: Topic, group: Option<i64>, delivery: Delivery) -> Preference {
    Preference {
        topic,
        group,
        delivery,
    }
}

#[test]
fn a_groups_choice_wins_over_the_topics_which_wins_over_the_default() {
    assert_eq!(delivery(&[], Topic::Decisions, Some(3)), Delivery::AtOnce);
    assert_eq!(delivery(&[], Topic::Updates, Some(3)), Delivery::Daily);
    let prefs = [
        pref(Topic::Updates, None, Delivery::Weekly),
        pref(Topic::Updates, Some(3), Delivery::AtOnce),
    ];
    assert_eq!(delivery(&prefs, Topic::Updates, Some(3)), Delivery::AtOnce);
    assert_eq!(delivery(&prefs, Topic::Updates, Some(4)), Delivery::Weekly);
    assert_eq!(delivery(&prefs, Topic::Updates, None), Delivery::Weekly);
    assert_eq!(
        delivery(&prefs, Topic::Decisions, Some(3)),
        Delivery::AtOnce
    );
}

#[test]
fn lead_offers_and_unknown_mail_cannot_be_turned_off() {
    assert_eq!(classify("email-offer-new"), Class::Always);
    assert_eq!(classify("email-offer-reminder"), Class::Always);
    assert_eq!(classify("email-something-new"), Class::Always);
    assert_eq!(
        classify("email-group-update-posted"),
        Class::Topic(Topic::Updates)
    );
    assert_eq!(classify("email-lead-closed"), Class::Topic(Topic::Leads));
}

#[test]
fn a_list_longer_than_any_persons_choices_is_refused_at_once() {
    let many: Vec<Preference> = (0..=MAX_CHOICES as i64)
        .map(|g| pref(Topic::Updates, Some(g), Delivery::Off))
        .collect();
    let e = check(&many).expect_err("too many");
    assert_eq!(e.errors.len(), 1);
    assert_eq!(e.get("preferences"), Some("too-many-choices"));
    assert!(check(&many[..MAX_CHOICES]).is_ok());
}

#[test]
fn a_set_of_choices_names_the_field_that_is_wrong() {
    assert!(check(&[
        pref(Topic::Updates, None, Delivery::Off),
        pref(Topic::Updates, Some(1), Delivery::AtOnce)
    ])
    .is_ok());
    let e =
        check(&[pref(Topic::Leads, Some(1), Delivery::Off)]).expect_err("leads are not per group");
    assert_eq!(e.get("leads@1"), Some("notification-not-per-group"));
    let e = check(&[
        pref(Topic::Updates, Some(2), Delivery::Off),
        pref(Topic::Updates, Some(2), Delivery::Daily),
    ])
    .expect_err("repeated");
    assert_eq!(e.get("updates@2"), Some("notification-repeated"));
}

#[test]
fn digests_are_due_at_seven_utc_and_on_mondays() {
    // 2026-12-02 is a Wednesday.
    assert_eq!(
        digest_due_at(Delivery::Daily, at(2026, 12, 2, 6, 59)),
        Some(at(2026, 12, 2, 7, 0))
    );
    assert_eq!(
        digest_due_at(Delivery::Daily, at(2026, 12, 2, 7, 0)),
        Some(at(2026, 12, 3, 7, 0))
    );
    assert_eq!(
        digest_due_at(Delivery::Weekly, at(2026, 12, 2, 12, 0)),
        Some(at(2026, 12, 7, 7, 0))
    );
    // A Monday after seven waits a whole week.
    assert_eq!(
        digest_due_at(Delivery::Weekly, at(2026, 12, 7, 8, 0)),
        Some(at(2026, 12, 14, 7, 0))
    );
    assert_eq!(digest_due_at(Delivery::AtOnce, at(2026, 12, 7, 8, 0)), None);
}

#[test]
fn unsubscribing_from_a_topic_turns_it_off_in_every_group_and_nothing_else() {
    let prefs = [
        pref(Topic::Decisions, Some(7), Delivery::AtOnce),
        pref(Topic::Updates, Some(7), Delivery::AtOnce),
    ];
    let after = unsubscribe(&prefs, Scope::Topic(Topic::Decisions));
    assert_eq!(delivery(&after, Topic::Decisions, Some(7)), Delivery::Off);
    assert_eq!(delivery(&after, Topic::Decisions, None), Delivery::Off);
    assert_eq!(delivery(&after, Topic::Updates, Some(7)), Delivery::AtOnce);
    assert_eq!(delivery(&after, Topic::Updates, Some(8)), Delivery::Daily);
}

#[test]
fn unsubscribing_from_the_daily_digest_stops_what_came_in_it() {
    let prefs = [
        pref(Topic::Reminders, None, Delivery::Daily),
        pref(Topic::Decisions, Some(7), Delivery::Daily),
        pref(Topic::Meetings, None, Delivery::Weekly),
    ];
    let after = unsubscribe(&prefs, Scope::Digest(Delivery::Daily));
    assert_eq!(delivery(&after, Topic::Updates, Some(1)), Delivery::Off);
    assert_eq!(delivery(&after, Topic::Reminders, None), Delivery::Off);
    assert_eq!(delivery(&after, Topic::Decisions, Some(7)), Delivery::Off);
    assert_eq!(
        delivery(&after, Topic::Decisions, Some(8)),
        Delivery::AtOnce
    );
    assert_eq!(delivery(&after, Topic::Meetings, None), Delivery::Weekly);
    assert!(check(&after).is_ok());
}

#[test]
fn an_unsubscribe_token_opens_only_with_the_sites_secret() {
    let t = unsubscribe_token(b"secret", 42, Scope::Topic(Topic::Updates));
    assert_eq!(
        verify_unsubscribe_token(b"secret", &t),
        Some((42, Scope::Topic(Topic::Updates)))
    );
    assert_eq!(verify_unsubscribe_token(b"other", &t), None);
    let forged = t.replacen("42.", "43.", 1);
    assert_eq!(verify_unsubscribe_token(b"secret", &forged), None);
    let other_scope = t.replacen("updates", "decisions", 1);
    assert_eq!(verify_unsubscribe_token(b"secret", &other_scope), None);
    let d = unsubscribe_token(b"secret", 42, Scope::Digest(Delivery::Weekly));
    assert_eq!(
        verify_unsubscribe_token(b"secret", &d),
        Some((42, Scope::Digest(Delivery::Weekly)))
    );
    for bad in [
        "",
        "42",
        "42.updates",
        "x.updates.00",
        "42.nothing.00",
        "42.digest-off.00",
    ] {
        assert_eq!(verify_unsubscribe_token(b"secret", bad), None, "{bad}");
    }
}

fn any_topic() -> impl Strategy<Value = Topic> {
    prop::sample::select(Topic::ALL.to_vec())
}

fn any_delivery() -> impl Strategy<Value = Delivery> {
    prop::sample::select(Delivery::ALL.to_vec())
}

fn any_prefs() -> impl Strategy<Value = Vec<Preference>> {
    prop::collection::vec(
        (any_topic(), prop::option::of(1i64..4), any_delivery()),
        0..12,
    )
    .prop_map(|v| {
        let mut out: Vec<Preference> = Vec::new();
        for (topic, group, delivery) in v {
            let group = group.filter(|_| topic.per_group());
            if !out.iter().any(|p| p.topic == topic && p.group == group) {
                out.push(pref(topic, group, delivery));
            }
        }
        out
    })
}

proptest! {
    #[test]
    fn unsubscribing_never_turns_anything_on(prefs in any_prefs(), topic in any_topic(), daily in any::<bool>(), group in prop::option::of(1i64..5)) {
        let scope = if daily { Scope::Digest(Delivery::Daily) } else { Scope::Topic(topic) };
        let after = unsubscribe(&prefs, scope);
        prop_assert!(check(&after).is_ok());
        for t in Topic::ALL {
            let before = delivery(&prefs, t, group);
            let now = delivery(&after, t, group);
            let stopped = match scope {
                Scope::Topic(s) => s == t,
                Scope::Digest(d) => before == d,
            };
            prop_assert_eq!(now, if stopped { Delivery::Off } else { before });
        }
    }

    #[test]
    fn a_digest_is_due_within_its_period_after_its_first_mail(secs in 0i64..400_000_000, weekly in any::<bool>()) {
        let first = at(2020, 1, 1, 0, 0) + Duration::seconds(secs);
        let period = if weekly { Delivery::Weekly } else { Delivery::Daily };
        let due = digest_due_at(period, first).expect("a digest");
        prop_assert!(due > first);
        let period_days = if weekly { 7 } else { 1 };
        prop_assert!(due - first <= Duration::days(period_days));
        prop_assert_eq!(due.time(), NaiveTime::from_hms_opt(DIGEST_HOUR_UTC, 0, 0).expect("hour"));
        if weekly {
            prop_assert_eq!(due.weekday(), chrono::Weekday::Mon);
        }
    }

    #[test]
    fn tokens_round_trip_and_refuse_any_changed_character(person in 1i64..1_000_000_000, topic in any_topic(), i in 0usize..80) {
        let t = unsubscribe_token(b"k", person, Scope::Topic(topic));
        prop_assert_eq!(verify_unsubscribe_token(b"k", &t), Some((person, Scope::Topic(topic))));
        let i = i % t.len();
        let mut bytes = t.into_bytes();
        bytes[i] = if bytes[i] == b'0' { b'1' } else { b'0' };
        let changed = String::from_utf8(bytes).expect("ascii");
        prop_assert_eq!(verify_unsubscribe_token(b"k", &changed), None);
    }
}
