//! A realistic, clearly fictional ecosystem for trying Agora: partners across every region and
//! category (on the reserved `.example` domain), an admin and partner accounts.

use agora_domain::geo::RegionMap;
use agora_domain::partner::{ApplicationInput, PartnerInput, PartnerStatus};
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::Email;
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service, LANGUAGES};
use agora_store::{ImportRow, Store, Who};
use anyhow::{Context, Result};

pub const ADMIN_EMAIL: &str = "admin@agora.example";

const PREFIXES: &[&str] = &[
    "Aurora", "Baobab", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Iris", "Juniper",
    "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchid", "Pampas", "Quartz", "Rivet", "Sierra",
    "Tundra", "Umber", "Vela", "Willow", "Xylem", "Yarrow", "Zephyr",
];
const SUFFIXES: &[&str] = &[
    "Learning",
    "EdTech",
    "Academy Labs",
    "Digital Campus",
    "Courseware",
    "Education Services",
    "Knowledge Works",
    "Open Learning",
];

/// Home countries and their languages, per region.
const HOMES: &[(&str, &[&str], &[&str])] = &[
    ("north-america", &["US", "CA"], &["en", "fr", "es"]),
    (
        "latin-america",
        &["MX", "BR", "AR", "CO", "CL", "PE"],
        &["es", "pt", "en"],
    ),
    (
        "europe",
        &["FR", "DE", "ES", "GB", "NL", "PL", "IT", "SE"],
        &["en", "fr", "de", "es", "it", "nl", "pl"],
    ),
    (
        "middle-east-north-africa",
        &["AE", "EG", "MA", "JO", "TN"],
        &["ar", "fr", "en"],
    ),
    (
        "sub-saharan-africa",
        &["KE", "NG", "ZA", "GH", "SN", "RW"],
        &["en", "fr", "sw"],
    ),
    (
        "south-central-asia",
        &["IN", "PK", "BD", "KZ", "LK"],
        &["en", "hi", "ur", "bn", "ru"],
    ),
    (
        "east-asia-pacific",
        &["JP", "KR", "AU", "ID", "VN", "PH", "SG"],
        &["en", "ja", "ko", "id", "vi", "zh"],
    ),
];

/// A small deterministic generator: the same demo every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() as usize) % items.len()]
    }
    fn some<T: Clone>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let n = 1 + (self.next() as usize) % max.min(items.len());
        (0..n).map(|_| self.pick(items).clone()).collect()
    }
}

fn partner_input(i: usize, rng: &mut Rng) -> PartnerInput {
    let (region, countries, languages) = HOMES[i % HOMES.len()];
    let name = if i < PREFIXES.len() * SUFFIXES.len() {
        format!(
            "{} {}",
            PREFIXES[i % PREFIXES.len()],
            SUFFIXES[(i / PREFIXES.len()) % SUFFIXES.len()]
        )
    } else {
        format!(
            "{} {} {}",
            PREFIXES[i % PREFIXES.len()],
            SUFFIXES[(i / PREFIXES.len()) % SUFFIXES.len()],
            i
        )
    };
    let hq = *rng.pick(countries);
    let services: Vec<String> = rng
        .some(Service::ALL, 4)
        .iter()
        .map(|s| s.slug().to_string())
        .collect();
    let mut served = vec![region.to_string()];
    if rng.next().is_multiple_of(3) {
        served.push(HOMES[(i + 1) % HOMES.len()].0.to_string());
    }
    let extra_countries: Vec<String> = if rng.next().is_multiple_of(4) {
        vec![HOMES[(i + 3) % HOMES.len()].1[0].to_string()]
    } else {
        vec![]
    };
    let mut langs: Vec<String> = rng
        .some(languages, 3)
        .iter()
        .map(|l| l.to_string())
        .collect();
    if rng.next().is_multiple_of(5) {
        langs.push(
            LANGUAGES[(rng.next() as usize) % LANGUAGES.len()]
                .0
                .to_string(),
        );
    }
    let hq_name = agora_domain::geo::CountryCode::parse(hq)
        .map(|c| c.name())
        .unwrap_or(hq);
    let focus = Service::parse(&services[0])
        .map(|s| s.slug().replace('-', " "))
        .unwrap_or_default();
    PartnerInput {
        description: format!(
            "{name} is a fictional Open edX service provider based in {hq_name}, created for Agora's demo. \
             It focuses on {focus} for {} organizations.\n\nThis organization does not exist; its website uses the reserved .example domain.",
            match rng.pick(Segment::ALL) {
                Segment::K12 => "K-12".to_string(),
                s => s.slug().replace('-', " "),
            }
        ),
        name,
        slug: String::new(),
        website: String::new(),
        logo_url: String::new(),
        hq_country: hq.into(),
        regions: served,
        countries: extra_countries,
        languages: langs,
        services,
        pricing: rng.some(Pricing::ALL, 2).iter().map(|s| s.slug().to_string()).collect(),
        size: rng.pick(CompanySize::ALL).slug().into(),
        segments: rng.some(Segment::ALL, 3).iter().map(|s| s.slug().to_string()).collect(),
    }
}

/// Loads the demo once; later calls change nothing.
pub async fn load(store: &Store, partners: usize) -> Result<()> {
    if store.person_by_email(ADMIN_EMAIL).await?.is_some() {
        return Ok(());
    }
    let map: RegionMap = store.region_map().await?;
    let mut rng = Rng(2026);
    let mut rows = vec![];
    for i in 0..partners.max(8) {
        let mut input = partner_input(i, &mut rng);
        let slug = agora_domain::partner::slugify(&input.name);
        input.website = format!("https://{slug}.example");
        let profile = input
            .parse(&map)
            .map_err(|e| anyhow::anyhow!("demo partner {i} invalid: {e}"))?;
        // Most partners are active; a few show the other stages of the life cycle.
        let status = match i % 25 {
            7 => PartnerStatus::Suspended,
            13 => PartnerStatus::Former,
            _ => PartnerStatus::Active,
        };
        rows.push(ImportRow { profile, status });
    }
    let who = Who::system();
    store
        .import_partners(&rows, &who)
        .await
        .context("loading demo partners")?;

    // Two applications waiting for review, with contacts who become partner admins on approval.
    for (i, contact) in [
        (partners + 1, "Amara Okafor"),
        (partners + 2, "Lucas Moreau"),
    ] {
        let mut p = partner_input(i, &mut rng);
        p.name = format!("{} Applicant", p.name);
        p.website = format!(
            "https://{}.example",
            agora_domain::partner::slugify(&p.name)
        );
        let email = format!(
            "{}@{}.example",
            contact
                .split(' ')
                .next()
                .unwrap_or("contact")
                .to_lowercase(),
            agora_domain::partner::slugify(&p.name)
        );
        let app = ApplicationInput {
            profile: p,
            contact_name: contact.into(),
            contact_email: email,
            motivation: "We run Open edX for universities and want to join the partner program."
                .into(),
        }
        .parse(&map)
        .map_err(|e| anyhow::anyhow!("demo application invalid: {e}"))?;
        store.create_application(&app, &Who::anonymous()).await?;
    }

    let first = store
        .partner_by_slug(&rows[0].profile.slug)
        .await?
        .context("demo partner")?;
    let second = store
        .partner_by_slug(&rows[1].profile.slug)
        .await?
        .context("demo partner")?;
    let people = [
        (
            ADMIN_EMAIL,
            "Ada Admin",
            Grant {
                role: Role::Admin,
                scope_id: None,
            },
        ),
        (
            "partner-admin@agora.example",
            "Priya Partner",
            Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(first.id),
            },
        ),
        (
            "partner-member@agora.example",
            "Mateo Member",
            Grant {
                role: Role::PartnerMember,
                scope_id: Some(first.id),
            },
        ),
        (
            "other-partner@agora.example",
            "Olu Other",
            Grant {
                role: Role::PartnerAdmin,
                scope_id: Some(second.id),
            },
        ),
    ];
    for (email, name, grant) in people {
        let email = Email::parse(email).map_err(|c| anyhow::anyhow!("{c}"))?;
        store
            .create_person(&email, name, None, &[grant], &who)
            .await?;
    }
    leads(store, &map, &mut rng).await?;
    governance(store, first.id).await?;
    groups(store).await
}

const FACILITATOR_EMAIL: &str = "facilitator@agora.example";
const MEMBER_EMAIL: &str = "member@agora.example";

/// The Marketing Working Group and the Part 5 marketing policy of the partner program (seed 001), as
/// the community would have decided it: the partner assembly consulted first, then yes/no votes on the
/// four requirements and a ranked vote between the two ways of setting X, all in the register. One
/// proposal is still open for comments.
async fn governance(store: &Store, partner_id: i64) -> Result<()> {
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

/// The seeds' groups (seed 000, the Biz Dev focus groups; seed 002, the Marketing Working Group): the
/// Biz Dev Working Group with its four focus groups, which take members by request; the Marketing
/// Working Group, open to anyone for 10-20 hours a month, facilitated by its two organizers; the Core
/// Product Working Group working with both. Facilitators hold terms for the rest of this quarter and
/// the next rotation is planned. One request to join waits for the demo facilitator.
async fn groups(store: &Store) -> Result<()> {
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
    Ok(())
}

/// Six months of fictional requests, offered by the real allocator at the time they came in, with
/// partners accepting, declining, letting some expire and reporting outcomes, plus two referral codes.
async fn leads(store: &Store, map: &RegionMap, rng: &mut Rng) -> Result<()> {
    use agora_domain::leads::{LeadInput, OfferStatus};
    use agora_store::{OfferUpdate, Submission};
    let who = Who::system();
    let partners = store.all_partners().await?;
    let first_active = partners.iter().find(|p| p.status == PartnerStatus::Active);
    if let Some(p) = first_active {
        store
            .create_referrer(
                "PARTNER-1",
                Some(p.id),
                None,
                "Referral link of the first demo partner",
                &who,
            )
            .await?;
    }
    let admin = store
        .person_by_email(ADMIN_EMAIL)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo admin missing"))?;
    store
        .create_referrer("COMMUNITY", None, Some(admin.id), "Community meetups", &who)
        .await?;
    let countries = [
        "FR", "DE", "ES", "US", "CA", "BR", "MX", "IN", "KE", "NG", "JP", "AU", "EG", "MA",
    ];
    let languages = ["en", "fr", "es", "pt", "de"];
    let services = [
        "hosting",
        "course-development",
        "training",
        "custom-development",
    ];
    let start = store.now() - chrono::Duration::days(180);
    for i in 0..120 {
        let at = start + chrono::Duration::hours(36 * i + rng.below(24) as i64);
        let input = LeadInput {
            organization: format!("Demo Organization {i}"),
            contact_name: "Demo Requester".into(),
            email: format!("requester{i}@demo-leads.example"),
            country: countries[rng.below(countries.len())].into(),
            segment: ["higher-education", "corporate", "government", "nonprofit"][rng.below(4)]
                .into(),
            languages: vec!["en".into(), languages[rng.below(languages.len())].into()],
            services: vec![services[rng.below(services.len())].into()],
            message: "A fictional request of the demo data.".into(),
            consent: true,
            referral_code: match i % 9 {
                0 => "PARTNER-1".into(),
                4 => "COMMUNITY".into(),
                _ => String::new(),
            },
            // Now and then a visitor asks one partner from its directory profile.
            partner: match first_active {
                Some(p) if i % 15 == 7 => p.profile.slug.clone(),
                _ => String::new(),
            },
            ..Default::default()
        };
        let lead = input
            .parse(map)
            .map_err(|e| anyhow::anyhow!("demo lead {i}: {e}"))?;
        let sub = Submission {
            lead,
            source: if i % 3 == 0 {
                agora_domain::leads::LeadSource::Api
            } else {
                agora_domain::leads::LeadSource::Form
            },
            idempotency_key: None,
            received_at: at,
            confirmation: None,
        };
        let id = match store.submit_leads(&[sub]).await?.remove(0) {
            Ok(r) => r.lead_id(),
            Err(e) => return Err(anyhow::anyhow!("demo lead {i}: {e}")),
        };
        store.run_lead_jobs(at, None).await?;
        // Partners answer within hours; one request in ten is left to expire.
        for o in store.lead_offers(id).await? {
            if o.status != OfferStatus::Offered || i % 10 == 3 {
                continue;
            }
            let answered = at + chrono::Duration::minutes(20 + rng.below(600) as i64);
            let steps: &[(OfferStatus, Option<&str>)] = match rng.below(10) {
                0 => &[(OfferStatus::Declined, Some("no-capacity"))],
                1..=3 => &[
                    (OfferStatus::Accepted, None),
                    (OfferStatus::Contacted, None),
                ],
                4..=6 => &[
                    (OfferStatus::Accepted, None),
                    (OfferStatus::Proposal, None),
                    (OfferStatus::Won, None),
                ],
                7 => &[
                    (OfferStatus::Accepted, None),
                    (OfferStatus::Lost, Some("budget")),
                ],
                _ => &[(OfferStatus::Accepted, None)],
            };
            for (to, reason) in steps {
                let u = OfferUpdate {
                    to: *to,
                    reason: reason.map(str::to_string),
                    note: String::new(),
                };
                store
                    .update_offer(o.id, o.partner_id, &u, answered, &who)
                    .await?;
            }
        }
    }
    // Expiries and re-offers happen as time passes.
    store.run_lead_jobs(store.now(), None).await?;
    Ok(())
}

/// Gives every demo account a fresh random password, so a demo never runs with known credentials.
pub async fn reset_credentials(store: &Store) -> Result<Vec<(String, String)>> {
    let mut out = vec![];
    for email in [
        ADMIN_EMAIL,
        "partner-admin@agora.example",
        "partner-member@agora.example",
        "other-partner@agora.example",
        FACILITATOR_EMAIL,
        MEMBER_EMAIL,
    ] {
        let Some(p) = store.person_by_email(email).await? else {
            continue;
        };
        let password: String = agora_web::auth::random_token()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(16)
            .collect();
        let hash = agora_web::auth::hash_password(password.clone())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        store
            .change_password(p.id, &hash, "", &Who::system())
            .await?;
        out.push((email.to_string(), password));
    }
    Ok(out)
}

pub fn print_credentials(creds: &[(String, String)]) {
    println!("Demo accounts (passwords are new at every start):");
    for (email, password) in creds {
        println!("  {email:<32} {password}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agora_domain::pagination::PageRequest;
    use agora_domain::partner::DirectoryFilter;
    use std::collections::BTreeSet;

    #[tokio::test]
    async fn demo_covers_every_region_and_category() {
        let db = agora_store::testing::TestDb::sqlite().await.expect("db");
        load(&db.store, 48).await.expect("demo");
        load(&db.store, 48)
            .await
            .expect("loading twice changes nothing");
        let all = db.store.all_partners().await.expect("all");
        let active: Vec<_> = all
            .iter()
            .filter(|p| p.status == PartnerStatus::Active)
            .collect();
        assert!(active.len() >= 40, "{} active partners", active.len());
        let map = db.store.region_map().await.expect("map");
        for r in map.regions() {
            let f = DirectoryFilter {
                region: Some(r.slug.clone()),
                ..Default::default()
            };
            let n = db
                .store
                .partners_page(&f, &[PartnerStatus::Active], PageRequest::default())
                .await
                .expect("q")
                .total;
            assert!(n >= 3, "region {} has {n} partners", r.slug);
        }
        let services: BTreeSet<_> = active
            .iter()
            .flat_map(|p| p.profile.services.clone())
            .collect();
        let segments: BTreeSet<_> = active
            .iter()
            .flat_map(|p| p.profile.segments.clone())
            .collect();
        let pricing: BTreeSet<_> = active
            .iter()
            .flat_map(|p| p.profile.pricing.clone())
            .collect();
        let sizes: BTreeSet<_> = active.iter().map(|p| p.profile.size).collect();
        assert_eq!(services.len(), Service::ALL.len());
        assert_eq!(segments.len(), Segment::ALL.len());
        assert_eq!(pricing.len(), Pricing::ALL.len());
        assert_eq!(sizes.len(), CompanySize::ALL.len());
        assert!(
            all.iter().any(|p| p.status == PartnerStatus::Applicant),
            "applications wait for review"
        );
        let creds = reset_credentials(&db.store).await.expect("creds");
        assert_eq!(creds.len(), 6);
        let marketing = db
            .store
            .body("marketing-wg")
            .await
            .expect("q")
            .expect("body");
        let register = db
            .store
            .decisions(&[marketing.id], true, PageRequest::default())
            .await
            .expect("q");
        assert_eq!(
            register.total, 5,
            "four yes/no items and the ranked criterion are decided"
        );
        // Outcome statements quote titles as written, names and capitals included.
        let outcomes: Vec<String> = register
            .items
            .iter()
            .filter_map(|d| d.outcome.clone())
            .collect();
        assert!(
            outcomes.iter().any(|o| {
                o.contains(
                "Publish X articles or blog posts on topics approved by the Marketing Working Group"
            )
            }),
            "{outcomes:?}"
        );
        assert!(outcomes
            .iter()
            .any(|o| o.contains("Put the logos of X clients on the openedx.org website")));
        demo_has_the_seeds_groups(&db.store).await;
    }

    async fn demo_has_the_seeds_groups(store: &Store) {
        use agora_domain::groups::{GroupKind, GroupRole, HoursRange, Membership};
        let groups = store.groups().await.expect("groups");
        let under_bizdev: BTreeSet<&str> = groups
            .iter()
            .filter(|g| g.parent.as_ref().is_some_and(|p| p.slug == "biz-dev-wg"))
            .map(|g| g.body.name.as_str())
            .collect();
        assert_eq!(
            under_bizdev,
            BTreeSet::from([
                "Market Penetration and Expansion",
                "Member Success and Revenue Growth",
                "Partnership Development",
                "Product-Market Alignment",
            ])
        );
        assert!(groups
            .iter()
            .filter(|g| g.kind == GroupKind::FocusGroup)
            .all(|g| g.membership == Membership::ByRequest));
        let mwg = store.group("marketing-wg").await.expect("q").expect("mwg");
        assert_eq!(mwg.membership, Membership::Open);
        assert_eq!(mwg.hours, Some(HoursRange { min: 10, max: 20 }));
        let members = store.group_members(mwg.body.id).await.expect("q");
        let role = |name: &str| {
            members
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.role)
                .expect(name)
        };
        assert_eq!(role("Eden Huthmacher"), GroupRole::PrimaryFacilitator);
        assert_eq!(role("Nicole Kessler"), GroupRole::SecondaryFacilitator);
        let terms = store.facilitator_terms(mwg.body.id).await.expect("q");
        assert_eq!(terms.len(), 4, "this quarter and the next rotation");
        for slug in ["marketing-wg", "biz-dev-wg"] {
            let g = store.group(slug).await.expect("q").expect(slug);
            let with: Vec<String> = store
                .collaborators(g.body.id)
                .await
                .expect("q")
                .into_iter()
                .map(|l| l.slug)
                .collect();
            assert!(
                with.contains(&"core-product-wg".to_string()),
                "{slug}: {with:?}"
            );
        }
        let alignment = store
            .group("product-market-alignment")
            .await
            .expect("q")
            .expect("group");
        assert_eq!(
            store
                .pending_join_requests(&[alignment.body.id])
                .await
                .expect("q")
                .len(),
            1
        );
    }
}
