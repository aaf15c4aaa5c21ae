//! The public hall of fame (issue 12: "each person chooses what is shown (opt-in)"). Nothing about a
//! person is public until they choose so.

use crate::category;
use serde::{Deserialize, Serialize};

category!(
    /// What a member shows in the hall of fame. The default is `Hidden`; `Full` is the name, the
    /// organization and a link to the credential (`.json`).
    HallOfFame, "hall-of-fame", "invalid-hall-of-fame", {
        Hidden => "hidden",
        NameOnly => "name-only",
        NameAndOrganization => "name-and-organization",
        Full => "full",
    }
);

// The macro takes no attributes on variants, so `#[default]` cannot be derived.
#[allow(clippy::derivable_impls)]
impl Default for HallOfFame {
    fn default() -> Self {
        HallOfFame::Hidden
    }
}

impl HallOfFame {
    pub fn shows_name(self) -> bool {
        self != HallOfFame::Hidden
    }

    pub fn shows_organization(self) -> bool {
        matches!(self, HallOfFame::NameAndOrganization | HallOfFame::Full)
    }

    pub fn shows_credential(self) -> bool {
        self == HallOfFame::Full
    }

    /// The public entry for a member, or `None` when they stay hidden: only what they chose.
    pub fn entry(
        self,
        name: &str,
        organization: Option<&str>,
        credential_url: Option<&str>,
    ) -> Option<PublicEntry> {
        self.shows_name().then(|| PublicEntry {
            name: name.to_string(),
            organization: organization
                .filter(|_| self.shows_organization())
                .map(str::to_string),
            credential_url: credential_url
                .filter(|_| self.shows_credential())
                .map(str::to_string),
        })
    }
}

/// What the public page may print about one member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PublicEntry {
    pub name: String,
    pub organization: Option<String>,
    pub credential_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_show_only_what_they_chose() {
        assert_eq!(HallOfFame::default(), HallOfFame::Hidden);
        let url = Some("https://agora.example/credentials/1.json");
        assert_eq!(HallOfFame::Hidden.entry("Ada", Some("Org"), url), None);
        let e = HallOfFame::NameOnly
            .entry("Ada", Some("Org"), url)
            .expect("shown");
        assert_eq!((e.organization, e.credential_url), (None, None));
        let e = HallOfFame::NameAndOrganization
            .entry("Ada", Some("Org"), url)
            .expect("shown");
        assert_eq!(
            (e.organization.as_deref(), e.credential_url),
            (Some("Org"), None)
        );
        let e = HallOfFame::Full.entry("Ada", None, url).expect("shown");
        assert_eq!((e.organization, e.credential_url.as_deref()), (None, url));
        for h in HallOfFame::ALL {
            assert_eq!(HallOfFame::parse(h.slug()), Ok(*h));
        }
        assert_eq!(HallOfFame::parse("public"), Err("invalid-hall-of-fame"));
    }
}
