use super::*;

/// The Marketing Working Group's initiatives (seed 002, "Guidelines for MWG initiatives"): the how-to
/// video series, branded as Open edX official resources with a short acknowledgement of its sponsor,
/// taken up by people of two partner organizations and cross-validated by a facilitator (so it is
/// multi-stakeholder and listed first); adopter case studies, proposed; and the comparison page of
/// the website, completed, with a link to what it produced.
pub(super) async fn initiatives(store: &Store, sponsor: &str) -> Result<()> {
    use agora_domain::groups::initiatives::{InitiativeInput, InitiativeStatus, Output};

    let marketing = store
        .body("marketing-wg")
        .await?
        .context("the marketing working group")?;
    let id_of = |email: &'static str| {
        let store = store.clone();
        async move {
            let p = store
                .person_by_email(email)
                .await?
                .with_context(|| format!("demo person {email}"))?;
            anyhow::Ok((p.id, Who::person(p.id, email)))
        }
    };
    let (_, eden) = id_of("eden@openedx.example").await?;
    let (nicole_id, _) = id_of("nicole@abstract.example").await?;
    let system = Who::system();
    // Priya (of the first partner) and Olu (of the second) take part in the MWG.
    let mut partners = vec![];
    for email in ["partner-admin@agora.example", "other-partner@agora.example"] {
        let (id, who) = id_of(email).await?;
        store
            .grant_role(
                id,
                Grant {
                    role: Role::GroupMember,
                    scope_id: Some(marketing.id),
                },
                &system,
            )
            .await?;
        partners.push((id, who));
    }
    let today = store.now().date_naive();
    let closes = (today + chrono::Duration::days(21))
        .format("%Y-%m-%d")
        .to_string();
    let create = |title: &str, goal: &str, deliverables: &str, stages: &str| {
        InitiativeInput {
            title: title.into(),
            goal: goal.into(),
            deliverables: deliverables.into(),
            stages: stages.into(),
            call_closes_on: closes.clone(),
        }
        .parse(today)
        .map_err(|e| anyhow::anyhow!("demo initiative invalid: {e}"))
    };

    let videos = store
        .create_initiative(
            marketing.id,
            &create(
                "How-to video series",
                "Show potential adopters how to run a course on Open edX, in short official videos.",
                "Six videos of three to five minutes on the Open edX YouTube channel, each with a short \
                 acknowledgement of its sponsor.",
                "awareness, consideration",
            )?,
            &eden,
        )
        .await?;
    store
        .set_initiative_status(videos, InitiativeStatus::OpenCall, today, &eden)
        .await?;
    for (id, who) in &partners {
        store.join_initiative(videos, *id, today, who).await?;
    }
    store
        .set_initiative_validator(videos, Some(nicole_id), &eden)
        .await?;
    store.add_initiative_sponsor(videos, sponsor, &eden).await?;

    store
        .create_initiative(
            marketing.id,
            &create(
                "Adopter case studies",
                "Let institutions that chose Open edX tell why, for those comparing platforms.",
                "Four case studies, each validated by a second member.",
                "intent, evaluation",
            )?,
            &eden,
        )
        .await?;

    let comparison = store
        .create_initiative(
            marketing.id,
            &create(
                "Platform comparison page",
                "Help people weighing learning platforms see where Open edX fits.",
                "A comparison page on the website.",
                "consideration, evaluation",
            )?,
            &eden,
        )
        .await?;
    store
        .set_initiative_status(comparison, InitiativeStatus::OpenCall, today, &eden)
        .await?;
    let (olu, olu_who) = &partners[1];
    store
        .join_initiative(comparison, *olu, today, olu_who)
        .await?;
    for s in [InitiativeStatus::InProgress, InitiativeStatus::Completed] {
        store
            .set_initiative_status(comparison, s, today, &eden)
            .await?;
    }
    store
        .add_initiative_output(
            comparison,
            &Output {
                title: "The comparison page".into(),
                url: "https://openedx.org/".into(),
            },
            &eden,
        )
        .await?;
    Ok(())
}
