use super::*;

/// Partner benefits, fictional: a beta program the first partner joined, a roadmap discussion, a
/// campaign the second partner sponsors and the first takes part in, and three training items.
pub(super) async fn benefits(store: &Store, first: i64, second: i64) -> Result<()> {
    use agora_domain::benefits::{JoinInput, ProgramInput, ProgramKind, TrainingInput};
    let today = store.now().date_naive();
    let day = |days: i64| (today + chrono::Duration::days(days)).to_string();
    let programs = [
        (
            "beta",
            "Early access: the next Open edX release on managed hosting",
            "Run the release candidate on a staging instance for four weeks and report what breaks \
             before the release ships.",
            day(-10),
            day(20),
            "8",
        ),
        (
            "roadmap",
            "The learner dashboard",
            "An hour with the Product Working Group on what your clients ask of the learner dashboard.",
            day(5),
            day(5),
            "",
        ),
        (
            "campaign",
            "Open edX for workforce training",
            "A joint campaign for companies training their staff: a landing page, two webinars and a \
             series of case studies, co-branded with the sponsors.",
            day(-30),
            day(60),
            "",
        ),
    ];
    let mut ids = vec![];
    for (kind, title, description, starts, ends, seats) in programs {
        let p = ProgramInput {
            kind: kind.into(),
            title: title.into(),
            description: description.into(),
            link: String::new(),
            starts_on: starts,
            ends_on: ends,
            seats: seats.into(),
            state: String::new(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo program {title}: {e}"))?;
        ids.push((store.create_program(&p, &Who::system()).await?, p.kind));
    }
    let person = |email: &str| {
        let email = email.to_string();
        async move {
            let p = store
                .person_by_email(&email)
                .await?
                .ok_or_else(|| anyhow::anyhow!("demo person {email}"))?;
            Ok::<_, anyhow::Error>(Who::person(p.id, &email))
        }
    };
    let first_admin = person("partner-admin@agora.example").await?;
    let second_admin = person("other-partner@agora.example").await?;
    for (id, kind) in &ids {
        let (partner, who, role, assets) = match kind {
            ProgramKind::Beta => (
                first,
                &first_admin,
                "",
                "Two engineers, one staging instance.",
            ),
            ProgramKind::Campaign => (
                first,
                &first_admin,
                "participant",
                "A case study of a retail client.",
            ),
            ProgramKind::Roadmap => continue,
        };
        let join = JoinInput {
            partner: String::new(),
            role: role.into(),
            assets: assets.into(),
        }
        .parse(*kind)
        .map_err(|e| anyhow::anyhow!("demo sign-up: {e}"))?;
        store.join_program(*id, partner, &join, who).await?;
        if *kind == ProgramKind::Campaign {
            let sponsor = JoinInput {
                partner: String::new(),
                role: "sponsor".into(),
                assets: "The webinars' hosting and a newsletter to 4,000 subscribers.".into(),
            }
            .parse(*kind)
            .map_err(|e| anyhow::anyhow!("demo sponsor: {e}"))?;
            store
                .join_program(*id, second, &sponsor, &second_admin)
                .await?;
        }
    }
    let training = [
        (
            "Selling Open edX to corporate training teams",
            "The pitch, the usual objections and how partners answered them.",
            "sales",
            "https://training.example.org/selling-open-edx",
        ),
        (
            "Operating Open edX with Tutor",
            "Deploying, upgrading and backing up a production instance.",
            "technical",
            "https://training.example.org/tutor-operations",
        ),
        (
            "Using the Open edX brand",
            "Logos, co-branding as a sponsor, and what needs the Marketing Working Group's approval.",
            "marketing",
            "https://training.example.org/brand",
        ),
    ];
    for (title, description, audience, link) in training {
        let t = TrainingInput {
            title: title.into(),
            description: description.into(),
            audience: audience.into(),
            link: link.into(),
        }
        .parse(false)
        .map_err(|e| anyhow::anyhow!("demo training {title}: {e}"))?;
        store.create_training(&t, None, &Who::system()).await?;
    }
    Ok(())
}
