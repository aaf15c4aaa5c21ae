//! The foundation's partnerships with other organizations (seed 001, item 12: "more visibility into
//! the partnerships with other organizations, to encourage more companies to get involved"): who,
//! what the partnership is about, since when, and how a company can take part.

use crate::partner::{parse_text, parse_web_url};
use crate::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 120;
pub const MAX_TEXT: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnershipKind {
    Technology,
    Academic,
    Nonprofit,
    Government,
    Industry,
}

impl PartnershipKind {
    pub const ALL: [PartnershipKind; 5] = [
        PartnershipKind::Technology,
        PartnershipKind::Academic,
        PartnershipKind::Nonprofit,
        PartnershipKind::Government,
        PartnershipKind::Industry,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            PartnershipKind::Technology => "technology",
            PartnershipKind::Academic => "academic",
            PartnershipKind::Nonprofit => "nonprofit",
            PartnershipKind::Government => "government",
            PartnershipKind::Industry => "industry",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|k| k.slug() == s.trim())
            .ok_or("partnership-kind")
    }
}

/// A partnership as the foundation describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Partnership {
    pub organization: String,
    pub kind: PartnershipKind,
    pub website: String,
    /// What the two organizations do together.
    pub description: String,
    /// How a partner company can take part (empty: not open to others).
    pub involvement: String,
    #[schema(value_type = String, example = "2024-05-01")]
    pub since: NaiveDate,
    /// Ended partnerships stay listed, after the current ones, as history.
    #[schema(value_type = Option<String>)]
    pub ended: Option<NaiveDate>,
}

impl Partnership {
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.since <= today && self.ended.is_none_or(|e| e > today)
    }
}

/// The form and the API body, as text.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PartnershipInput {
    pub organization: String,
    /// `technology`, `academic`, `nonprofit`, `government` or `industry`.
    pub kind: String,
    pub website: String,
    pub description: String,
    pub involvement: String,
    /// `YYYY-MM-DD`.
    pub since: String,
    /// `YYYY-MM-DD`, empty while it lasts.
    pub ended: String,
}

fn parse_date(s: &str) -> Result<NaiveDate, &'static str> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| "invalid-date")
}

impl PartnershipInput {
    pub fn parse(&self) -> Result<Partnership, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let organization = parse_text(&mut e, "organization", &self.organization, MAX_NAME, true);
        let kind = e.check("kind", PartnershipKind::parse(&self.kind));
        let website = e.check("website", parse_web_url(&self.website));
        let description = parse_text(&mut e, "description", &self.description, MAX_TEXT, true);
        let involvement = parse_text(&mut e, "involvement", &self.involvement, MAX_TEXT, false);
        let since = e.check("since", parse_date(&self.since));
        let ended = match self.ended.trim() {
            "" => Some(None),
            s => e.check("ended", parse_date(s)).map(Some),
        };
        if let (Some(s), Some(Some(end))) = (since, ended) {
            if end <= s {
                e.add("ended", "ended-before-since");
            }
        }
        match (kind, website, since, ended) {
            (Some(kind), Some(website), Some(since), Some(ended)) if e.is_empty() => {
                Ok(Partnership {
                    organization,
                    kind,
                    website,
                    description,
                    involvement,
                    since,
                    ended,
                })
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn input() -> PartnershipInput {
        PartnershipInput {
            organization: "Open Education Alliance".into(),
            kind: "nonprofit".into(),
            website: "https://oea.example.org".into(),
            description: "Joint translation sprints.".into(),
            involvement: "Join a sprint.".into(),
            since: "2024-05-01".into(),
            ended: String::new(),
        }
    }

    #[test]
    fn a_partnership_reads_from_its_form() {
        let p = input().parse().expect("valid");
        assert_eq!(p.kind, PartnershipKind::Nonprofit);
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        assert!(p.is_current(d("2026-12-02")));
        assert!(!p.is_current(d("2024-04-30")));
        let ended = PartnershipInput {
            ended: "2025-01-01".into(),
            ..input()
        }
        .parse()
        .expect("valid");
        assert!(!ended.is_current(d("2026-12-02")));
    }

    #[test]
    fn bad_input_names_each_field() {
        let e = PartnershipInput {
            organization: " ".into(),
            kind: "friends".into(),
            website: "javascript:alert(1)".into(),
            description: String::new(),
            involvement: "x".repeat(MAX_TEXT + 1),
            since: "2024-13-01".into(),
            ended: "soon".into(),
        }
        .parse()
        .expect_err("invalid");
        for field in [
            "organization",
            "kind",
            "website",
            "description",
            "involvement",
            "since",
            "ended",
        ] {
            assert!(e.get(field).is_some(), "{field}: {e:?}");
        }
        let e = PartnershipInput {
            ended: "2024-05-01".into(),
            ..input()
        }
        .parse()
        .expect_err("ends when it starts");
        assert_eq!(e.get("ended"), Some("ended-before-since"));
    }

    proptest! {
        #[test]
        fn any_text_parses_or_names_a_field(org in ".{0,200}", kind in "[a-z]{0,12}", since in ".{0,12}") {
            let r = PartnershipInput { organization: org, kind, since, ..input() }.parse();
            if let Err(e) = r {
                prop_assert!(!e.is_empty());
                prop_assert!(e.errors.iter().all(|f| ["organization", "kind", "since", "ended"].contains(&f.field.as_str())));
            }
        }
    }
}
