//! A realistic, clearly fictional ecosystem for trying Agora: partners across every region and
//! category (on the reserved `.example` domain), an admin and partner accounts.

use agora_domain::geo::RegionMap;
use agora_domain::partner::{ApplicationInput, PartnerInput, PartnerStatus};
use agora_domain::permissions::{Grant, Role};
use agora_domain::person::Email;
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service, LANGUAGES};
use agora_store::{ImportRow, Store, Who};
use anyhow::{Context, Result};

mod benefits;
mod contributions;
mod courses;
mod governance;
mod groups;
mod initiatives;
mod leads;
mod partnerships;
mod recognition;

use benefits::benefits;
use contributions::contributions;
use courses::courses;
use governance::governance;
use groups::groups;
use initiatives::initiatives;
use leads::leads;
use partnerships::partnerships;
use recognition::recognition;

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
    groups(store).await?;
    initiatives(store, &first.profile.name).await?;
    partnerships(store).await?;
    benefits(store, first.id, second.id).await?;
    contributions(store, first.id, second.id).await?;
    courses(store, &first.profile.slug, &mut rng).await?;
    recognition(store, first.id).await
}

const FACILITATOR_EMAIL: &str = "facilitator@agora.example";
const MEMBER_EMAIL: &str = "member@agora.example";

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
        // The Distinguished Contributor program: a panelist and an awarded member.
        "stefania@bizdev.example",
        "eden@openedx.example",
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
        assert_eq!(creds.len(), 8);
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
        demo_has_contributions_in_every_state(&db.store).await;
        demo_has_the_mwg_initiatives(&db.store).await;
        demo_has_awarded_members_with_credentials(&db.store).await;
    }

    /// Seed 002: the MWG's initiatives, the multi-stakeholder one (people of two partners, a
    /// sponsor) listed first.
    async fn demo_has_awarded_members_with_credentials(store: &Store) {
        let awards = store.recognition_awards().await.expect("awards");
        let active: Vec<_> = awards
            .iter()
            .filter(|a| a.award.state == agora_domain::recognition::AwardState::Active)
            .collect();
        assert_eq!(active.len(), 3, "two members and a partner organization");
        for a in &active {
            let uuid = a.credential.as_deref().expect("a credential");
            let c = store
                .recognition_credential(uuid)
                .await
                .expect("read")
                .expect("stored");
            assert!(c.document.contains("eddsa-rdfc-2022"));
        }
        let fame = store.hall_of_fame().await.expect("fame");
        assert_eq!(
            fame.len(),
            3,
            "two members chose to be shown, and the organization"
        );
        assert!(fame.iter().any(|e| e.credential.is_some()));
    }

    async fn demo_has_the_mwg_initiatives(store: &Store) {
        let mwg = store
            .body("marketing-wg")
            .await
            .expect("read")
            .expect("mwg");
        let list = store.group_initiatives(mwg.id).await.expect("initiatives");
        assert_eq!(list.len(), 3);
        let first = &list[0];
        assert!(first.multi_stakeholder);
        assert_eq!(first.initiative.title, "How-to video series");
        assert_eq!(first.sponsors.len(), 1);
        let orgs: BTreeSet<_> = first
            .participants
            .iter()
            .filter_map(|p| p.organization.as_ref().map(|o| o.id))
            .collect();
        assert_eq!(orgs.len(), 2);
        assert!(list.iter().any(|i| !i.outputs.is_empty()));
    }

    async fn demo_has_contributions_in_every_state(store: &Store) {
        use agora_domain::obligations::ContributionState;
        let all = store.all_partners().await.expect("all");
        let mut states = BTreeSet::new();
        for p in &all {
            for c in store.contributions_of(p.id, None).await.expect("q") {
                states.insert(c.state.slug());
            }
        }
        for s in ContributionState::ALL {
            assert!(
                states.contains(s.slug()),
                "{} missing: {states:?}",
                s.slug()
            );
        }
        assert_eq!(
            store
                .showcase(&Default::default(), 50)
                .await
                .expect("q")
                .len(),
            2
        );
        assert_eq!(store.proposed_topics().await.expect("q").len(), 1);
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
        // The MWG's webinar and meetup, public; the demo member registered for the meetup.
        let mwg_events = store
            .events(
                agora_store::EventReader {
                    person_id: None,
                    admin: false,
                },
                &agora_store::EventFilter {
                    group_id: Some(mwg.body.id),
                    ..Default::default()
                },
                store.now(),
            )
            .await
            .expect("events");
        assert_eq!(
            mwg_events
                .iter()
                .map(|e| (e.event.kind.slug(), e.registered))
                .collect::<Vec<_>>(),
            [("meetup", 1), ("webinar", 0)]
        );
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
        // Time commitments: the organizers' hours of last month and this one.
        let month = agora_domain::groups::hours::Month::containing(store.now().date_naive());
        let totals = store
            .hours_totals(mwg.body.id, month.previous())
            .await
            .expect("q");
        assert_eq!(totals.len(), 4, "two organizers, two months");
        assert!(totals
            .iter()
            .any(|t| t.name == "Nicole Kessler" && t.shared));
        // Regular updates: the Marketing WG has reported; one focus group is overdue, as its
        // parent's page shows.
        use agora_domain::groups::updates::Staleness;
        assert_eq!(
            store
                .recent_updates(&[mwg.body.id], 10)
                .await
                .expect("q")
                .len(),
            1
        );
        let ids: Vec<i64> = groups.iter().map(|g| g.body.id).collect();
        let schedules = store
            .update_schedules(&ids, store.now().date_naive())
            .await
            .expect("q");
        let overdue: Vec<&str> = groups
            .iter()
            .filter(|g| schedules[&g.body.id].status == Staleness::Overdue)
            .map(|g| g.body.slug.as_str())
            .collect();
        assert_eq!(overdue, ["market-penetration"]);
        assert_eq!(
            schedules[&mwg.body.id].status,
            Staleness::OnTrack,
            "reported today"
        );
    }
}
