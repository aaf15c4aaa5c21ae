use super::*;

/// The Marketing Working Group and the Part 5 marketing policy of the partner program (seed 001), as
/// the community would have decided it: the partner assembly consulted first, then yes/no votes on the
/// four requirements and a ranked vote between the two ways of setting X, all in the register. One
/// proposal is still open for comments.
pub(super) async fn governance(store: &Store, partner_id: i64) -> Result<()> {
    use agora_domain::governance::{
        parse_decision, BodyKind, DecisionInput, Stance, Visibility, VoteChoice, VoterKey,
    };
    use agora_store::{BallotChoice, NewBody};
    use chrono::Duration;

    let system = Who::system();
    let admin = store
        .person_by_email(ADMIN_EMAIL)
        .await?
        .context("demo admin")?;
    let admin_who = Who::person(admin.id, ADMIN_EMAIL);
    let body = store
        .create_body(
            &NewBody {
                slug: "marketing-wg".into(),
                name: "Marketing Working Group".into(),
                description: "Promotes Open edX and sets the marketing obligations of the partner program. Works \
                              as a do-ocracy, by lazy consensus."
                    .into(),
                visibility: Visibility::Public,
                min_close_hours: 72,
            },
            &system,
        )
        .await?;
    // Group members sign in with the demo credentials printed at start; until then they hold an
    // unusable password so that they count in electorates.
    let placeholder = agora_web::auth::hash_password(agora_web::auth::random_token())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut members = vec![];
    for (email, name, role) in [
        (FACILITATOR_EMAIL, "Fatima Facilitator", Role::Facilitator),
        (MEMBER_EMAIL, "Gabriel Member", Role::GroupMember),
        (
            "hana@community.example",
            "Hana Community",
            Role::GroupMember,
        ),
        (
            "ivan@community.example",
            "Ivan Community",
            Role::GroupMember,
        ),
        (
            "jade@community.example",
            "Jade Community",
            Role::GroupMember,
        ),
    ] {
        let grant = Grant {
            role,
            scope_id: Some(body.id),
        };
        let p = store
            .create_person(
                &Email::parse(email).map_err(|c| anyhow::anyhow!("{c}"))?,
                name,
                Some(&placeholder),
                &[grant],
                &system,
            )
            .await?;
        members.push((p.id, Who::person(p.id, email)));
    }
    let partner_admin = store
        .person_by_email("partner-admin@agora.example")
        .await?
        .context("demo partner admin")?;
    store
        .change_password(partner_admin.id, &placeholder, "", &system)
        .await?;
    store
        .set_delegates(partner_id, Some(partner_admin.id), None, &system)
        .await?;
    let delegate = Who::person(partner_admin.id, "partner-admin@agora.example");
    let assembly = store
        .body("partner-assembly")
        .await?
        .context("partner assembly")?;

    let now = store.now();
    let day = |d: i64| now - Duration::days(d);
    let open = |b: &agora_store::Body,
                input: DecisionInput|
     -> Result<agora_domain::governance::NewDecision> {
        parse_decision(&input, b.kind, b.min_close_hours)
            .map_err(|e| anyhow::anyhow!("demo decision: {e}"))
    };

    // 1. The assembly is consulted on the whole of Part 5 before anything is decided.
    let consultation = store
        .open_decision(
            &assembly,
            &open(&assembly, DecisionInput {
                title: "Marketing obligations of partners (Part 5)".into(),
                text: "Each partner would contribute case studies, articles, client testimonials and client logos to \
                       openedx.org every year. The Marketing Working Group will vote on each requirement, and rank \
                       two ways of setting the amount: at least 20% of the clients acquired, or a fixed amount (at \
                       least one of each).\n\nWhere a client refuses (logos, testimonials), the partner is exempt, \
                       but the other items remain required, anonymously if need be."
                    .into(),
                kind: "consultation".into(),
                ..DecisionInput::default()
            })?,
            &admin_who,
            day(40),
        )
        .await?;
    let c1 = store
        .comment(
            consultation,
            None,
            "Testimonials and logos depend on our clients: please keep the exemption explicit.",
            &delegate,
            day(39),
        )
        .await?;
    store
        .comment(
            consultation,
            Some(c1),
            "Also: anonymous case studies should count.",
            &delegate,
            day(39),
        )
        .await?;
    store.run_governance_jobs(day(36)).await?;
    for c in store.comments(consultation).await? {
        store
            .respond(
                consultation,
                c.id,
                "Agreed: refusals exempt the item, and anonymous case studies count.",
                &admin_who,
                day(36),
            )
            .await?;
    }
    store
        .take_decision(
            consultation,
            "The assembly supports the requirements with explicit exemptions for client \
                        refusals; anonymous case studies count.",
            None,
            &admin_who,
            day(36),
        )
        .await?;

    // 2. The Marketing Working Group votes: four yes/no items, then the ranked criterion.
    let fac = &members[0].1;
    let items = [
        "Require each provider to contribute X case studies per year to openedx.org",
        "Publish X articles or blog posts on topics approved by the Marketing Working Group",
        "Add X testimonials from clients to openedx.org",
        "Put the logos of X clients on the openedx.org website",
    ];
    let mut votes = vec![];
    for (i, title) in items.iter().enumerate() {
        let id = store
            .open_decision(
                &body,
                &open(&body, DecisionInput {
                    title: (*title).into(),
                    text: format!("Part 5 of the partner program, item {}. X is set by the ranked vote on the criterion.", i + 1),
                    kind: "yes-no".into(),
                    affects_partners: true,
                    consultation_id: Some(consultation.to_string()),
                    quorum_percent: Some("50".into()),
                    ..DecisionInput::default()
                })?,
                fac,
                day(35),
            )
            .await?;
        for (j, (pid, who)) in members.iter().enumerate() {
            let choice = match (i, j) {
                (3, 1) | (3, 2) => VoteChoice::No,
                (_, 4) => VoteChoice::Abstain,
                _ => VoteChoice::Yes,
            };
            store
                .cast_ballot(
                    id,
                    VoterKey::Person(*pid),
                    &BallotChoice::YesNo(choice),
                    None,
                    who,
                    day(34),
                )
                .await?;
        }
        votes.push((id, *title));
    }
    let criterion = store
        .open_decision(
            &body,
            &open(&body, DecisionInput {
                title: "How X is set for the marketing obligations".into(),
                text: "Rank the two criteria of Part 5.".into(),
                kind: "ranked".into(),
                method: Some("schulze".into()),
                options: Some("At least 20% of the amount of acquired clients\nA fixed amount: at least one of each (X = 1)".into()),
                affects_partners: true,
                consultation_id: Some(consultation.to_string()),
                ..DecisionInput::default()
            })?,
            fac,
            day(35),
        )
        .await?;
    let twenty = "At least 20% of the amount of acquired clients";
    let fixed = "A fixed amount: at least one of each (X = 1)";
    for (j, (pid, who)) in members.iter().enumerate() {
        let ranking = if j < 2 {
            vec![twenty, fixed]
        } else {
            vec![fixed, twenty]
        };
        let ranking = ranking.into_iter().map(String::from).collect();
        store
            .cast_ballot(
                criterion,
                VoterKey::Person(*pid),
                &BallotChoice::Ranking(ranking),
                None,
                who,
                day(34),
            )
            .await?;
    }
    store.run_governance_jobs(day(31)).await?;
    for (id, title) in &votes {
        let d = store.decision(*id).await?;
        let passed = matches!(store.results(&d).await?, Some(agora_domain::governance::VoteResult::YesNo(r)) if r.passed);
        // The title is quoted as written: lowercasing it would change names ("Marketing Working
        // Group") and the X the criterion vote sets.
        let statement = if passed {
            format!(
                "Adopted: \u{201c}{title}\u{201d}, with X set by the criterion vote; exempt where a client refuses."
            )
        } else {
            format!("Not adopted: \u{201c}{title}\u{201d}.")
        };
        store
            .take_decision(
                *id,
                &statement,
                Some(&(now + Duration::days(330)).format("%Y-%m-%d").to_string()),
                fac,
                day(30),
            )
            .await?;
    }
    store
        .take_decision(
            criterion,
            "X = 1: each partner contributes at least one of each item per year (a fixed \
                        amount, preferred to 20% of acquired clients by 3 ballots to 2).",
            None,
            fac,
            day(30),
        )
        .await?;

    // 3. A proposal still open, for members to take part in.
    let open_id = store
        .open_decision(
            &body,
            &open(&body, DecisionInput {
                title: "Adopt the 2027 campaign calendar".into(),
                text: "Four campaigns: spring learning, the Open edX conference, back to school, year in review. \
                       Each partner may join any of them."
                    .into(),
                kind: "lazy-consensus".into(),
                ..DecisionInput::default()
            })?,
            &members[1].1,
            now,
        )
        .await?;
    store
        .set_stance(
            open_id,
            VoterKey::Person(members[2].0),
            Stance::Support,
            "",
            &members[2].1,
            now,
        )
        .await?;
    debug_assert_eq!(assembly.kind, BodyKind::PartnerAssembly);
    Ok(())
}
