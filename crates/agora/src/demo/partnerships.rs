use super::*;

/// The foundation's partnerships (seed 001, item 12), fictional: two current ones open to partner
/// companies, and one that ended.
pub(super) async fn partnerships(store: &Store) -> Result<()> {
    use agora_domain::partnerships::PartnershipInput;
    let rows = [
        (
            "Open Learning Alliance",
            "nonprofit",
            "https://openlearning.example.org",
            "Translation sprints that bring the Open edX platform and its documentation to new languages.",
            "Partners can host a sprint or lend translators; the Marketing Working Group coordinates.",
            "2024-03-01",
            "",
        ),
        (
            "University Research Consortium",
            "academic",
            "https://research-consortium.example.edu",
            "Shared research on learning analytics, with anonymised data from volunteer instances.",
            "Partners running instances for universities can join the data-sharing pilot.",
            "2025-01-15",
            "",
        ),
        (
            "Digital Skills Initiative",
            "government",
            "https://digital-skills.example.gov",
            "A national upskilling programme that ran its courses on Open edX.",
            "",
            "2022-06-01",
            "2024-12-31",
        ),
    ];
    for (organization, kind, website, description, involvement, since, ended) in rows {
        let p = PartnershipInput {
            organization: organization.into(),
            kind: kind.into(),
            website: website.into(),
            description: description.into(),
            involvement: involvement.into(),
            since: since.into(),
            ended: ended.into(),
        }
        .parse()
        .map_err(|e| anyhow::anyhow!("demo partnership {organization}: {e}"))?;
        store.create_partnership(&p, &Who::system()).await?;
    }
    Ok(())
}
