use super::*;

/// Marketing contributions in every state for the first two demo partners, reviewed by the demo
/// admin (admins and the Marketing WG's facilitators review; the admin's credentials are printed at start): an approved article
/// topic and one proposed, and contributions submitted, sent back for changes, resubmitted, approved
/// and rejected. Also the policy of one of each, if none was adopted.
pub(super) async fn contributions(store: &Store, first: i64, second: i64) -> Result<()> {
    use agora_domain::obligations::{
        ContributionInput, ObligationPolicy, ReviewInput, TopicInput, Years,
    };
    let year = chrono::Datelike::year(&store.now());
    let system = Who::system();
    if store.obligation_policies().await?.is_empty() {
        store
            .adopt_obligation_policy(
                &ObligationPolicy::fixed(
                    1,
                    Years {
                        first: year,
                        last: None,
                    },
                ),
                "Part 5: at least one of each (X = 1).",
                None,
                &system,
            )
            .await?;
    }
    let bad = |e: agora_domain::ValidationErrors| anyhow::anyhow!("demo contribution: {e}");
    let reviewer = store
        .person_by_email(ADMIN_EMAIL)
        .await?
        .context("demo reviewer")?;
    let reviewer = Who::person(reviewer.id, ADMIN_EMAIL);
    let partner_admin = store
        .person_by_email("partner-admin@agora.example")
        .await?
        .context("demo partner admin")?;
    let author = Who::person(partner_admin.id, "partner-admin@agora.example");
    let review = |verdict: &str, comment: &str| {
        ReviewInput {
            verdict: verdict.into(),
            comment: comment.into(),
        }
        .parse()
        .map_err(bad)
    };
    let topic = |title: &str, summary: &str| {
        TopicInput {
            title: title.into(),
            summary: summary.into(),
        }
        .parse()
        .map_err(bad)
    };
    let approved_topic = store
        .propose_topic(
            first,
            &topic(
                "Running Open edX for vocational schools",
                "How three vocational schools moved their courses and what they learned.",
            )?,
            &author,
        )
        .await?;
    store
        .review_topic(
            approved_topic,
            &review("approve", "A good fit for the blog.")?,
            &reviewer,
        )
        .await?;
    store
        .propose_topic(
            first,
            &topic(
                "Accessibility checklists for course teams",
                "A checklist course teams can follow before publishing a course.",
            )?,
            &author,
        )
        .await?;
    let contribution = |kind: &str, title: &str, client: &str, evidence: &str| ContributionInput {
        kind: kind.into(),
        title: title.into(),
        link: format!(
            "https://openedx.org/case-studies/{}",
            agora_domain::partner::slugify(title)
        ),
        client: client.into(),
        anonymous: client.is_empty(),
        consent_evidence: evidence.into(),
        language: "en".into(),
        year: Some(year.into()),
        topic_id: (kind == "article").then_some(approved_topic),
        ..ContributionInput::default()
    };
    let author_ref = &author;
    let submit = |partner: i64, c: ContributionInput| async move {
        // The first partner's admin writes its own; the second partner's arrive through the API.
        let who = if partner == first {
            author_ref.clone()
        } else {
            Who::system()
        };
        store
            .submit_contribution(partner, &c.parse(year).map_err(bad)?, &who)
            .await
            .map_err(anyhow::Error::from)
    };
    let approved = submit(
        first,
        contribution(
            "case_study",
            "A university network moves 400 courses to Open edX",
            "Red Universitaria Andina",
            "",
        ),
    )
    .await?;
    store
        .review_contribution(approved, &review("approve", "")?, &reviewer)
        .await?;
    let changes = submit(
        first,
        contribution(
            "testimonial",
            "What our learners say",
            "Instituto Técnico del Sur",
            "Signed release of 12 March, filed with the contract",
        ),
    )
    .await?;
    store
        .review_contribution(
            changes,
            &review(
                "request_changes",
                "Please quote the person by role, not by name, and shorten it to two sentences.",
            )?,
            &reviewer,
        )
        .await?;
    let resubmitted = submit(
        first,
        contribution("article", "Three vocational schools on Open edX", "", ""),
    )
    .await?;
    store
        .review_contribution(
            resubmitted,
            &review("request_changes", "Add the numbers of learners.")?,
            &reviewer,
        )
        .await?;
    store
        .resubmit_contribution(
            resubmitted,
            &contribution(
                "article",
                "Three vocational schools on Open edX, in numbers",
                "",
                "",
            )
            .parse(year)
            .map_err(bad)?,
            &author,
        )
        .await?;
    let rejected = submit(
        first,
        contribution(
            "logo",
            "Logo of a former client",
            "Old Client Ltd",
            "Email of 3 February",
        ),
    )
    .await?;
    store
        .review_contribution(
            rejected,
            &review(
                "reject",
                "The client is no longer served; logos are for current clients.",
            )?,
            &reviewer,
        )
        .await?;
    submit(
        first,
        contribution(
            "case_study",
            "Corporate onboarding in five languages",
            "",
            "",
        ),
    )
    .await?;
    let other = submit(
        second,
        contribution(
            "case_study",
            "A ministry trains 20,000 teachers",
            "Ministry of Education",
            "",
        ),
    )
    .await?;
    store
        .review_contribution(other, &review("approve", "")?, &reviewer)
        .await?;
    Ok(())
}
