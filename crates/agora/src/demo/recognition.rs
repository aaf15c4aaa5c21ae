use super::*;
use agora_domain::recognition::hall_of_fame::HallOfFame;
use agora_domain::recognition::review::{Decision, Outcome, ScoreInput};
use agora_domain::recognition::{Cycle, NominationInput, NomineeResponse, PersonRef};
use agora_store::RecognitionSettings;
use agora_web::recognition::issuer::{self, Issuer};
use chrono::{Datelike, Duration, NaiveDate};

/// A demo nomination: its category, nominee (id), nominator, justification per criterion and the
/// panel's outcome.
type Case<'a> = (
    &'a agora_store::StoredCategory,
    String,
    &'a agora_store::Person,
    Vec<(&'static str, &'static str)>,
    Outcome,
);

/// The Distinguished Contributor program, fictional: last cycle announced, with two members and a
/// partner organization awarded (their credentials downloadable, two shown in the hall of fame)
/// and one nomination declined; this year's cycle open for nominations with one waiting for its
/// nominee's answer. The panel is the Biz Dev and Core Product working groups.
///
/// Credentials name the issuer by the address Agora will be reached at (`AGORA_PUBLIC_URL`, as
/// `agora serve` reads it): load the demo with the same value the server runs with.
pub(super) async fn recognition(store: &Store, partner_id: i64) -> Result<()> {
    let system = Who::system();
    let mut panel_groups = vec![];
    for slug in ["biz-dev-wg", "core-product-wg"] {
        if let Some(b) = store.body(slug).await? {
            panel_groups.push(b.id);
        }
    }
    store
        .set_recognition_settings(
            &RecognitionSettings {
                program: agora_domain::recognition::ProgramSettings {
                    quorum: 2,
                    grace_days: 30,
                },
                panel_groups,
            },
            &system,
        )
        .await?;
    let today = store.now().date_naive();
    let announced = today - Duration::days(20);
    let past = Cycle {
        year: announced.year(),
        nominations_open: today - Duration::days(120),
        nominations_close: today - Duration::days(90),
        review_open: today - Duration::days(80),
        review_close: today - Duration::days(30),
        announce_on: announced,
        appeal_days: 14,
    };
    let next_year = announced.year() + 1;
    let next_announce = NaiveDate::from_ymd_opt(next_year, 6, 30).context("date")?;
    let current = Cycle {
        year: next_year,
        nominations_open: today - Duration::days(5),
        nominations_close: today + Duration::days(40),
        review_open: today + Duration::days(45),
        review_close: next_announce - Duration::days(10),
        announce_on: next_announce,
        appeal_days: 14,
    };
    let past_id = store.save_recognition_cycle(&past, &system).await?;
    let current_id = store.save_recognition_cycle(&current, &system).await?;
    let categories = store.recognition_categories().await?;
    let category = |slug: &str| {
        categories
            .iter()
            .find(|c| c.category.slug == slug)
            .cloned()
            .with_context(|| format!("category {slug}"))
    };
    let person = |email: &'static str| async move {
        store
            .person_by_email(email)
            .await?
            .with_context(|| format!("demo person {email}"))
    };
    let eden = person("eden@openedx.example").await?;
    let nicole = person("nicole@abstract.example").await?;
    let stefania = person("stefania@bizdev.example").await?;
    let vineet = person("vineet@bizdev.example").await?;
    let admin = person(ADMIN_EMAIL).await?;
    let member = person(super::MEMBER_EMAIL).await?;
    let facilitator = person(super::FACILITATOR_EMAIL).await?;
    let public_url =
        std::env::var("AGORA_PUBLIC_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());

    // (category, nominee, nominator, justification per criterion, outcome)
    let engineer = category("distinguished-engineer")?;
    let advocate = category("distinguished-advocate")?;
    let innovator = category("distinguished-innovator")?;
    let partner_org = category("partner-organization")?;
    let cases: Vec<Case> = vec![
        (
            &advocate,
            eden.id.to_string(),
            &nicole,
            vec![
                ("organizing-events", "Organized the Open edX meetups in three regions and the conference's marketing track."),
                ("success-stories", "Wrote and published twelve case studies with partners."),
            ],
            Outcome::Award,
        ),
        (
            &engineer,
            nicole.id.to_string(),
            &eden,
            vec![
                ("code-contributions", "Delivered the new course import pipeline and its documentation."),
                ("mentorship", "Mentored four first-time contributors through their first pull requests."),
            ],
            Outcome::Award,
        ),
        (
            &partner_org,
            partner_id.to_string(),
            &admin,
            vec![(
                "innovative-deployments",
                "Deployed Open edX for a national workforce program, with open-sourced plugins.",
            )],
            Outcome::Award,
        ),
        (
            &innovator,
            member.id.to_string(),
            &facilitator,
            vec![("innovative-tools", "Started a plugin for course analytics.")],
            Outcome::Decline,
        ),
    ];
    let in_window = past.nominations_open + Duration::days(1);
    for (cat, nominee, nominator, texts, outcome) in cases {
        let justification = texts
            .iter()
            .filter(|(k, _)| cat.category.has_criterion(k))
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect();
        let n = NominationInput {
            nominee,
            justification,
            links: "https://github.com/openedx/openedx-platform".into(),
            ..Default::default()
        }
        .parse(
            &cat.category,
            &past,
            &PersonRef {
                person_id: nominator.id,
                partner_ids: &[],
            },
            in_window,
        )
        .map_err(|e| anyhow::anyhow!("demo nomination invalid: {e}"))?;
        let (id, _) = store
            .nominate(
                past_id,
                cat.id,
                &n,
                &Who::person(nominator.id, &nominator.email),
            )
            .await?;
        if let agora_domain::recognition::Nominee::Person(p) = n.nominee {
            let p = store.person(p).await?.context("nominee")?;
            store
                .respond_to_nomination(id, NomineeResponse::Accepted, &Who::person(p.id, &p.email))
                .await?;
        }
        for (panelist, score) in [(&stefania, "4"), (&vineet, "5")] {
            let scores = ScoreInput {
                scores: cat
                    .category
                    .criteria
                    .iter()
                    .map(|c| (c.key.clone(), score.to_string()))
                    .collect(),
                comment: String::new(),
            }
            .parse(&cat.category, panelist.id)
            .map_err(|e| anyhow::anyhow!("demo scores invalid: {e}"))?;
            store
                .score_nomination(id, &scores, &Who::person(panelist.id, &panelist.email))
                .await?;
        }
        let decision = Decision {
            outcome,
            rationale: match outcome {
                Outcome::Award => {
                    "The panel found sustained, community-wide impact across the year.".into()
                }
                Outcome::Decline => {
                    "Promising work; the panel would like to see it adopted more widely first."
                        .into()
                }
            },
        };
        let credential = match outcome {
            Outcome::Award => {
                let subject = store.award_subject(id).await?;
                let is = Issuer {
                    store,
                    public_url: &public_url,
                    now: store.now(),
                };
                Some(
                    issuer::issue(
                        &is,
                        &subject,
                        (today, Some(agora_domain::recognition::term_end(today))),
                        vec![],
                        None,
                    )
                    .await
                    .map_err(|e| anyhow::anyhow!("demo credential: {e}"))?,
                )
            }
            Outcome::Decline => None,
        };
        store
            .decide_nomination(
                id,
                &decision,
                credential.as_ref(),
                &Who::person(admin.id, &admin.email),
            )
            .await?;
    }
    for (p, choice) in [
        (&eden, HallOfFame::Full),
        (&nicole, HallOfFame::NameAndOrganization),
    ] {
        store
            .set_hall_of_fame(p.id, choice, &Who::person(p.id, &p.email))
            .await?;
    }

    // This year's cycle: one nomination waiting for the nominee's answer.
    let n = NominationInput {
        nominee: stefania.id.to_string(),
        justification: [(
            "adoption-growth".to_string(),
            "Brought three universities in Latin America to Open edX this year.".to_string(),
        )]
        .into(),
        ..Default::default()
    }
    .parse(
        &advocate.category,
        &current,
        &PersonRef {
            person_id: eden.id,
            partner_ids: &[],
        },
        today,
    )
    .map_err(|e| anyhow::anyhow!("demo nomination invalid: {e}"))?;
    store
        .nominate(
            current_id,
            advocate.id,
            &n,
            &Who::person(eden.id, &eden.email),
        )
        .await?;
    // The program's budget for this cycle (the seed's table) and records the ledger cannot see.
    for (name, description, cost_cents) in [
        (
            "Badges and certificates",
            "Badge artwork per category, the certificate page and its print layout.",
            150_000,
        ),
        (
            "Recognition at the Open edX Conference",
            "Award ceremony, stage time and travel support for two members.",
            600_000,
        ),
        (
            "Program coordination",
            "Part-time coordination of cycles, the panel and the annual evaluation.",
            450_000,
        ),
    ] {
        store
            .save_deliverable(
                None,
                &agora_domain::recognition::budget::Deliverable {
                    name: name.into(),
                    description: description.into(),
                    cost_cents,
                    cycle_year: next_year,
                },
                &system,
            )
            .await?;
    }
    store
        .add_mentorship(
            eden.id,
            member.id,
            today - Duration::days(150),
            None,
            "Weekly pairing on the first contributions to the platform.",
            &Who::person(eden.id, &eden.email),
        )
        .await?;
    for g in store.groups().await? {
        let members = store.group_members(g.body.id).await?;
        let holds = |id: i64| members.iter().any(|m| m.person_id == id);
        if holds(facilitator.id) && holds(member.id) {
            store
                .add_attestation(
                    member.id,
                    g.body.id,
                    today.year(),
                    "Prepared and ran the group's monthly demo sessions.",
                    &Who::person(facilitator.id, &facilitator.email),
                )
                .await?;
            break;
        }
    }
    Ok(())
}
