use super::*;

/// The seeds' groups (seed 000, the Biz Dev focus groups; seed 002, the Marketing Working Group): the
/// Biz Dev Working Group with its four focus groups, which take members by request; the Marketing
/// Working Group, open to anyone for 10-20 hours a month, facilitated by its two organizers; the Core
/// Product Working Group working with both. Facilitators hold terms for the rest of this quarter and
/// the next rotation is planned. One request to join waits for the demo facilitator. The MWG meets
/// every other Wednesday at 10:00 New York time.
pub(super) async fn groups(store: &Store) -> Result<()> {
    use agora_domain::governance::Visibility;
    use agora_domain::groups::ProfileInput;
    use agora_store::NewBody;
    use chrono::{Datelike, Duration, NaiveDate};

    let system = Who::system();
    let create = |slug: &'static str, name: &'static str, description: &'static str| {
        let store = store.clone();
        let system = system.clone();
        async move {
            store
                .create_body(
                    &NewBody {
                        slug: slug.into(),
                        name: name.into(),
                        description: description.into(),
                        visibility: Visibility::Public,
                        min_close_hours: 72,
                    },
                    &system,
                )
                .await
        }
    };
    let profile = |kind: &str, parent: &str, purpose: &str, membership: &str| ProfileInput {
        kind: kind.into(),
        parent: parent.into(),
        purpose: purpose.into(),
        membership: membership.into(),
        visibility: "public".into(),
        ..ProfileInput::default()
    };
    let save = |body_id: i64, input: ProfileInput| {
        let store = store.clone();
        let system = system.clone();
        async move {
            let p = input
                .parse()
                .map_err(|e| anyhow::anyhow!("demo group profile invalid: {e}"))?;
            store.update_group(body_id, &p, &system).await?;
            anyhow::Ok(())
        }
    };

    let core = create(
        "core-product-wg",
        "Core Product Working Group",
        "Shapes the product direction of the Open edX platform with the community.",
    )
    .await?;
    save(
        core.id,
        profile(
            "working-group",
            "",
            "Keep the platform's development aligned with what its users and providers need.",
            "open",
        ),
    )
    .await?;

    let bizdev = create(
        "biz-dev-wg",
        "Biz Dev Working Group",
        "Drives initiatives that grow and enhance Open edX, through its focus groups.",
    )
    .await?;
    save(
        bizdev.id,
        ProfileInput {
            chat_channel: "#biz-dev".into(),
            charter: "Each focus group operates independently but is aligned with the overall objectives of \
                      the Biz Dev Working Group. Focus groups are community-led, with a primary and a secondary \
                      facilitator (even on a rotating basis); they collaborate with the Core Product and \
                      Marketing working groups, set their own objectives and key results with community \
                      input, and give regular updates to the Biz Dev Working Group and the community."
                .into(),
            ..profile(
                "working-group",
                "",
                "Grow and enhance Open edX: new users, aligned product, strategic partnerships and \
                 successful members.",
                "open",
            )
        },
    )
    .await?;
    let mut focus = vec![];
    for (slug, name, purpose) in [
        (
            "market-penetration",
            "Market Penetration and Expansion",
            "Grow the platform's user base across new regions and industries.",
        ),
        (
            "product-market-alignment",
            "Product-Market Alignment",
            "Make sure the platform's development aligns with evolving market needs.",
        ),
        (
            "partnership-development",
            "Partnership Development",
            "Nurture strategic partnerships that expand the platform's reach and functionality.",
        ),
        (
            "member-success",
            "Member Success and Revenue Growth",
            "Support the ecosystem and help members identify innovative revenue models in the edTech space.",
        ),
    ] {
        let body = create(slug, name, purpose).await?;
        // Seed 000: people sign up by telling the organizers which group they are interested in.
        save(
            body.id,
            ProfileInput {
                chat_channel: "#biz-dev".into(),
                ..profile("focus-group", "biz-dev-wg", purpose, "by-request")
            },
        )
        .await?;
        store
            .set_collaboration(body.id, core.id, true, &system)
            .await?;
        focus.push(body);
    }

    let marketing = store
        .body("marketing-wg")
        .await?
        .context("the marketing working group")?;
    save(
        marketing.id,
        ProfileInput {
            hours_min: "10".into(),
            hours_max: "20".into(),
            chat_channel: "#marketing".into(),
            charter: "The MWG is open for anyone in the Open edX community to join: anyone who participates in \
                      our conversations, bi-weekly meetings and activities is a member. Marketing skills are most \
                      valued, but not required. It operates as a do-ocracy and decides by lazy consensus. \
                      Activities: strategy to raise awareness and adoption, website enhancements, marketing and \
                      media outreach, representing Open edX at events, video production and content creation."
                .into(),
            ..profile(
                "working-group",
                "",
                "Increase the global visibility and adoption of the Open edX platform, across every stage \
                 of an adopter's decision: awareness, interest, consideration, intent, evaluation and action.",
                "open",
            )
        },
    )
    .await?;
    for (a, b) in [
        (core.id, marketing.id),
        (core.id, bizdev.id),
        (marketing.id, bizdev.id),
    ] {
        store.set_collaboration(a, b, true, &system).await?;
    }

    // Seed 002: "bi-weekly meetings", Wednesdays at 10:00 New York time (15:00 UTC in winter, 14:00
    // in summer).
    let meeting = agora_domain::groups::meetings::SeriesInput {
        title: "Marketing WG meeting".into(),
        rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE".into(),
        start: "2026-01-07T10:00".into(),
        zone: "America/New_York".into(),
        duration_minutes: "60".into(),
        place: "Video call (link in #marketing)".into(),
        agenda_template:
            "1. Round of updates\n2. Initiatives and events\n3. Website and content\n4. Next steps"
                .into(),
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    store
        .create_meeting_series(marketing.id, &meeting, &system)
        .await?;

    // Facilitators: the seeds' organizers, with terms to the end of this quarter and the next
    // rotation planned.
    let placeholder = agora_web::auth::hash_password(agora_web::auth::random_token())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let today = store.now().date_naive();
    let quarter_start = |d: NaiveDate| {
        NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).context("quarter start")
    };
    let next_quarter = quarter_start(quarter_start(today)? + Duration::days(100))?;
    let this_end = next_quarter - Duration::days(1);
    let next_end = quarter_start(next_quarter + Duration::days(100))? - Duration::days(1);
    let (now_from, now_to) = (today.to_string(), this_end.to_string());
    let (next_from, next_to) = (next_quarter.to_string(), next_end.to_string());
    let person = |email: &'static str, name: &'static str, body_id: i64| {
        let store = store.clone();
        let system = system.clone();
        let placeholder = placeholder.clone();
        async move {
            let p = store
                .create_person(
                    &Email::parse(email).map_err(|c| anyhow::anyhow!("{c}"))?,
                    name,
                    Some(&placeholder),
                    &[Grant {
                        role: Role::GroupMember,
                        scope_id: Some(body_id),
                    }],
                    &system,
                )
                .await?;
            anyhow::Ok(p.id)
        }
    };
    let eden = person("eden@openedx.example", "Eden Huthmacher", marketing.id).await?;
    let nicole = person("nicole@abstract.example", "Nicole Kessler", marketing.id).await?;
    let stefania = person("stefania@bizdev.example", "Stefania Trabucchi", bizdev.id).await?;
    let vineet = person("vineet@bizdev.example", "Vineet Manuja", bizdev.id).await?;
    let fatima = store
        .person_by_email(FACILITATOR_EMAIL)
        .await?
        .context("demo facilitator")?;
    let alignment = &focus[1];
    store
        .grant_role(
            fatima.id,
            Grant {
                role: Role::GroupMember,
                scope_id: Some(alignment.id),
            },
            &system,
        )
        .await?;
    for (body, person, seat, from, to) in [
        (marketing.id, eden, "primary", &now_from, &now_to),
        (marketing.id, nicole, "secondary", &now_from, &now_to),
        (marketing.id, nicole, "primary", &next_from, &next_to),
        (marketing.id, eden, "secondary", &next_from, &next_to),
        (bizdev.id, stefania, "primary", &now_from, &now_to),
        (bizdev.id, vineet, "secondary", &now_from, &now_to),
        (alignment.id, fatima.id, "primary", &now_from, &now_to),
    ] {
        store
            .plan_term(body, person, seat, from, to, &system)
            .await?;
    }

    // A request the demo facilitator answers from the home page.
    let gabriel = store
        .person_by_email(MEMBER_EMAIL)
        .await?
        .context("demo member")?;
    store
        .sign_up(
            alignment.id,
            gabriel.id,
            true,
            "I work on the product roadmap at a hosting provider and would like to help.",
            &Who::person(gabriel.id, MEMBER_EMAIL),
        )
        .await?;
    events(store, marketing.id, &[eden, nicole], gabriel.id).await?;
    okrs(
        store,
        bizdev.id,
        &focus,
        fatima.id,
        &[
            (stefania, "stefania@bizdev.example"),
            (vineet, "vineet@bizdev.example"),
        ],
    )
    .await?;
    let who = |id: i64, email: &str| Who::person(id, email);
    hours(
        store,
        marketing.id,
        &who(eden, "eden@openedx.example"),
        &who(nicole, "nicole@abstract.example"),
    )
    .await?;
    updates(
        store,
        &[
            (marketing.id, who(eden, "eden@openedx.example")),
            (alignment.id, who(fatima.id, FACILITATOR_EMAIL)),
            (focus[0].id, who(stefania, "stefania@bizdev.example")),
        ],
    )
    .await
}

/// Time commitments: the Marketing WG's organizers logged last month's hours (both within the
/// group's 10-20 hours) and some of this month's; Nicole shares her totals with the group.
async fn hours(store: &Store, marketing: i64, eden: &Who, nicole: &Who) -> Result<()> {
    use agora_domain::groups::hours::{HoursInput, Month};
    let this = Month::containing(store.now().date_naive());
    let last = this.previous();
    for (who, month, activity, hours, note) in [
        (eden, last, "meetings", "4", "Bi-weekly meetings"),
        (eden, last, "content", "8", "Case-study template"),
        (eden, last, "outreach", "3.5", ""),
        (eden, this, "meetings", "2", ""),
        (eden, this, "content", "3", "First case study"),
        (nicole, last, "meetings", "4", ""),
        (nicole, last, "events", "6", "Webinar planning"),
        (nicole, last, "video", "2.5", ""),
        (nicole, this, "meetings", "2", ""),
    ] {
        let h = HoursInput {
            month: month.to_string(),
            activity: activity.into(),
            hours: hours.into(),
            note: note.into(),
        }
        .parse(store.now().date_naive())
        .map_err(|e| anyhow::anyhow!("demo hours invalid: {e}"))?;
        store.log_hours(marketing, &h, who).await?;
    }
    store.set_hours_sharing(marketing, true, nicole).await?;
    Ok(())
}

/// Regular updates: the Marketing WG and Product-Market Alignment have reported; Market Penetration
/// and Expansion, which reports weekly, last did ten days ago and is overdue, as its parent's page
/// shows.
async fn updates(store: &Store, by: &[(i64, Who)]) -> Result<()> {
    use agora_domain::groups::updates::{SettingsInput, UpdateInput};
    let [(marketing, eden), (alignment, fatima), (penetration, stefania)] = by else {
        anyhow::bail!("three groups report in the demo");
    };
    let post = |body: i64, who: Who, progress: &str, blockers: &str, next: &str, links: &str| {
        let store = store.clone();
        let input = UpdateInput {
            progress: progress.into(),
            blockers: blockers.into(),
            next_steps: next.into(),
            links: links.into(),
            ..UpdateInput::default()
        };
        async move {
            let u = input
                .parse(store.now().date_naive())
                .map_err(|e| anyhow::anyhow!("demo update invalid: {e}"))?;
            store.post_update(body, &u, &who).await?;
            anyhow::Ok(())
        }
    };
    let weekly = SettingsInput {
        cadence_days: "7".into(),
        members_post: None,
    }
    .parse()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    store
        .set_update_settings(*penetration, &weekly, &Who::system())
        .await?;
    // Ten days ago, by the store's clock, which is put back at once.
    let clock = store.clock();
    clock.advance(chrono::Duration::days(-10));
    let old = post(
        *penetration,
        stefania.clone(),
        "Mapped the regions with the fewest Open edX providers; Latin America and Southeast Asia stand out.",
        "We need data on instance counts per country.",
        "Ask the Core Product WG for anonymised instance statistics.",
        "https://openedx.org/",
    )
    .await;
    clock.advance(chrono::Duration::days(10));
    old?;
    post(
        *marketing,
        eden.clone(),
        "The case-study template is final and two partners have drafts in review. The webinar series \
         has a date for its first session.",
        "",
        "Publish the first case study; open the call for webinar speakers.",
        "https://openedx.org/\nhttps://openedx.org/community/",
    )
    .await?;
    post(
        *alignment,
        fatima.clone(),
        "Seven adopter interviews done (hosting providers, higher education, corporate training).",
        "Few interviews with K-12 adopters so far.",
        "Summarise the interviews for the Core Product WG.",
        "",
    )
    .await
}

/// Draft OKRs for this quarter. Seed 000 says each Biz Dev focus group has a suggested set of goals to
/// start its OKRs from, and states each group's aim: each focus group has proposed the suggested
/// objective of its area (`okr_proposals::TEMPLATES`, in English), serving the Biz Dev Working
/// Group's own objective. The community has commented on them; Product-Market Alignment (the demo
/// facilitator's) adopted its objective and has check-ins, so its key result's page has a chart,
/// while the three others wait on their facilitators' home pages.
async fn okrs(
    store: &Store,
    bizdev: i64,
    focus: &[agora_store::Body],
    facilitator: i64,
    commenters: &[(i64, &str)],
) -> Result<()> {
    use agora_domain::groups::okr_proposals::CommentInput;
    use agora_domain::groups::okrs::{CheckInInput, KeyResultInput, ObjectiveInput};
    let system = Who::system();
    let today = store.now().date_naive();
    let goal = ObjectiveInput {
        title: "Grow and enhance Open edX".into(),
        description:
            "New users, an aligned product, strategic partnerships and successful members: \
                      the four focus groups' objectives serve this one."
                .into(),
        members_check_in: true,
        ..Default::default()
    }
    .parse(today)
    .map_err(|e| anyhow::anyhow!("demo objective invalid: {e}"))?;
    let goal = store.create_objective(bizdev, &goal, &system).await?;
    let english = agora_web::i18n::Tr::shipped("en").context("the English locale")?;
    let templates = agora_web::groups::okr_proposals::templates(&english);
    let comments = [
        "Latin America first: three providers there already asked for help with local case studies.",
        "Could one key result count the regional meetups too?",
        "We can share our interview notes from two universities.",
        "Integrations matter more than logos: keep the 40 % target.",
    ];
    for (i, (group, slug)) in focus
        .iter()
        .zip([
            "new-regions",
            "market-needs",
            "strategic-partnerships",
            "revenue-models",
        ])
        .enumerate()
    {
        let t = templates
            .iter()
            .find(|t| t.slug == slug)
            .context("a demo template")?;
        let objective = ObjectiveInput {
            title: t.title.clone(),
            description: t.description.clone(),
            aligned_to: goal.to_string(),
            members_check_in: true,
            propose: true,
            ..Default::default()
        }
        .parse(today)
        .map_err(|e| anyhow::anyhow!("demo objective invalid: {e}"))?;
        let key_results = t
            .key_results
            .iter()
            .map(|k| {
                KeyResultInput {
                    title: k.title.clone(),
                    kind: k.kind.clone(),
                    start: "0".into(),
                    target: k.target.clone(),
                    unit: k.unit.clone(),
                    ..Default::default()
                }
                .parse()
                .map_err(|e| anyhow::anyhow!("demo key result invalid: {e}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let oid = store
            .create_objective_with(group.id, &objective, &key_results, &system)
            .await?;
        let (id, email) = commenters[i % commenters.len()];
        store
            .comment_on_objective(
                group.id,
                oid,
                &CommentInput {
                    comment: comments[i].into(),
                },
                &Who::person(id, email),
            )
            .await?;
        if i == 1 {
            let who = Who::person(facilitator, FACILITATOR_EMAIL);
            // A key result that follows the group's own membership, with no check-ins.
            let members = KeyResultInput {
                title: "Active members of the focus group".into(),
                kind: "number".into(),
                start: "0".into(),
                target: "10".into(),
                unit: "members".into(),
                bound_to: "members".into(),
                ..Default::default()
            }
            .parse()
            .map_err(|e| anyhow::anyhow!("demo key result invalid: {e}"))?;
            store.add_key_result(group.id, oid, &members, &who).await?;
            store.adopt_objective(group.id, oid, &who).await?;
        }
    }
    // Product-Market Alignment: a few check-ins by its facilitator on the interviews.
    let alignment = &focus[1];
    let period = agora_domain::groups::okrs::Quarter::containing(today);
    let o = store.objectives(alignment.id, period).await?;
    let interviews = o
        .first()
        .and_then(|o| o.key_results.first())
        .context("the alignment key result")?;
    let who = Who::person(facilitator, FACILITATOR_EMAIL);
    for (value, confidence, comment) in [
        ("2", "0.5", "Two hosting providers interviewed."),
        ("5", "0.6", "Three adopters in higher education added."),
        (
            "7",
            "0.7",
            "Two corporate training teams; the notes are in the shared folder.",
        ),
    ] {
        store
            .check_in(
                alignment.id,
                interviews.id,
                &CheckInInput {
                    value: value.into(),
                    confidence: confidence.into(),
                    comment: comment.into(),
                },
                &who,
            )
            .await?;
    }
    Ok(())
}

/// The MWG's events: a webinar a month ahead (New York time) and a meetup in Madrid within the
/// week, for which the demo member has registered (it is on their home page).
async fn events(store: &Store, marketing: i64, organizers: &[i64], member: i64) -> Result<()> {
    use agora_domain::events::EventInput;
    let system = Who::system();
    let day = |days: i64| {
        (store.now() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let webinar = EventInput {
        kind: "webinar".into(),
        title: "Open edX for your organization".into(),
        description: "What the platform offers, who runs it, and how to start: an hour with the \
                      Marketing Working Group, with time for questions."
            .into(),
        start_time: format!("{}T10:00", day(30)),
        end_time: format!("{}T11:00", day(30)),
        zone: "America/New_York".into(),
        link: "https://openedx.org/events/".into(),
        capacity: "200".into(),
        registration: "open".into(),
        audience: "public".into(),
        group: "marketing-wg".into(),
        ..EventInput::default()
    };
    let meetup = EventInput {
        kind: "meetup".into(),
        title: "Open edX meetup in Madrid".into(),
        description: "An evening with the community in Madrid: short talks and conversation."
            .into(),
        start_time: format!("{}T18:30", day(5)),
        end_time: format!("{}T20:30", day(5)),
        zone: "Europe/Madrid".into(),
        place: "Madrid".into(),
        capacity: "40".into(),
        registration: "open".into(),
        audience: "public".into(),
        group: "marketing-wg".into(),
        ..EventInput::default()
    };
    let mut ids = vec![];
    for input in [webinar, meetup] {
        let e = input.parse().map_err(|e| anyhow::anyhow!("{e}"))?.event;
        ids.push(
            store
                .create_event(&e, Some(marketing), organizers, &system)
                .await?,
        );
    }
    if let Some(meetup) = ids.last() {
        store
            .register_for_event(
                *meetup,
                member,
                store.now(),
                &Who::person(member, MEMBER_EMAIL),
            )
            .await?;
    }
    Ok(())
}
