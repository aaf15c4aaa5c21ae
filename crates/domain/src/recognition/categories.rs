//! Award categories (seed 003): who qualifies, the incentives, and the rubric the panel scores a
//! nomination against. The seed's "Parameters" become the rubric's criteria; an admin may edit them,
//! within the limits checked here.

use super::{parse_slug, text};
use crate::category;
use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const MAX_NAME: usize = 120;
pub const MAX_LABEL: usize = 300;
pub const MAX_TEXT: usize = 4000;
pub const MAX_CRITERIA: usize = 12;
pub const WEIGHTS: std::ops::RangeInclusive<u8> = 1..=10;

category!(
    /// Who a category recognizes: a person, or a partner organization.
    SubjectKind, "recognition-subject", "invalid-subject", {
        Person => "person",
        Organization => "organization",
    }
);

/// One criterion of a rubric. `key` is stable (scores and justifications are stored under it);
/// `weight` says how much it counts against the others (normalised in `review::weighted_score`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Criterion {
    pub key: String,
    pub label: String,
    pub weight: u8,
}

/// A category of the program. The rubric is ordered as the panel reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub who_qualifies: String,
    pub incentives: String,
    pub subject: SubjectKind,
    pub criteria: Vec<Criterion>,
}

impl Category {
    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }

    pub fn has_criterion(&self, key: &str) -> bool {
        self.criterion(key).is_some()
    }

    /// The same checks as the admin's form, for a category built in code or read back.
    pub fn check(&self) -> Result<(), ValidationErrors> {
        CategoryInput::from(self).parse().map(|_| ())
    }
}

pub const ENGINEER: &str = "distinguished-engineer";
pub const ADVOCATE: &str = "distinguished-advocate";
pub const INNOVATOR: &str = "distinguished-innovator";
pub const PARTNER_ORGANIZATION: &str = "partner-organization";

fn c(key: &str, label: &str, weight: u8) -> Criterion {
    Criterion {
        key: key.into(),
        label: label.into(),
        weight,
    }
}

/// The four categories of seed 003, the starting point an admin may edit. Weights favour the
/// criterion that names what the category is for (delivered code for engineers, adoption for
/// advocates, new tools for innovators, deployments for partners) and give supporting work less.
pub fn default_categories() -> Vec<Category> {
    vec![
        Category {
            slug: ENGINEER.into(),
            name: "Distinguished Engineer".into(),
            who_qualifies: "Core contributors, developers, and architects who have made significant \
                contributions to Open edX's architecture, features, or infrastructure."
                .into(),
            incentives: "Recognition at annual Open edX conferences.\n\
                Opportunity to lead technical sessions or working groups.\n\
                Open edX \"Distinguished Engineer\" badge (digital and/or physical).\n\
                Exclusive invitations to architecture and strategy discussions."
                .into(),
            subject: SubjectKind::Person,
            criteria: vec![
                c(
                    "code-contributions",
                    "Successful delivery of significant contributions to the codebase.",
                    10,
                ),
                c(
                    "community-support",
                    "Actively supports community members in social channels (Slack, Confluence), \
                     events, and other collaborative spaces.",
                    6,
                ),
                c(
                    "architecture-proposals",
                    "Proposals that address architectural gaps or strategic issues (e.g., kernel \
                     enhancements).",
                    8,
                ),
                c(
                    "core-processes",
                    "Active participation in architectural reviews, OEPs, and other core processes.",
                    7,
                ),
                c(
                    "mentorship",
                    "Mentorship of new technical contributors.",
                    5,
                ),
            ],
        },
        Category {
            slug: ADVOCATE.into(),
            name: "Distinguished Advocate".into(),
            who_qualifies: "Community members or partner representatives driving platform adoption \
                and market growth."
                .into(),
            incentives: "Recognition in Open edX blogs, newsletters, and events.\n\
                Spotlight opportunities (e.g., featured success story or presentation at conferences).\n\
                Open edX \"Distinguished Advocate\" badge.\n\
                Invitations to Biz Dev strategy discussions and early access to partner programs."
                .into(),
            subject: SubjectKind::Person,
            criteria: vec![
                c(
                    "adoption-growth",
                    "Evidence of successful adoption or growth initiatives (e.g., acquiring new \
                     institutions or regions).",
                    10,
                ),
                c(
                    "revenue-partnerships",
                    "Tangible contributions to revenue strategies, partnerships, or market analysis.",
                    8,
                ),
                c(
                    "organizing-events",
                    "Organizing Open edX webinars, workshops, or events to engage users and partners.",
                    7,
                ),
                c(
                    "success-stories",
                    "Documenting success stories, case studies, and partner impact.",
                    6,
                ),
            ],
        },
        Category {
            slug: INNOVATOR.into(),
            name: "Distinguished Innovator".into(),
            who_qualifies: "Contributors driving open-source innovation and community growth.".into(),
            incentives: "Recognition in Open edX's contributor hall of fame.\n\
                Funding or support for open-source project development.\n\
                Opportunities to collaborate with the Core Product Working Group.\n\
                Badge: \"Distinguished Innovator.\""
                .into(),
            subject: SubjectKind::Person,
            criteria: vec![
                c(
                    "innovative-tools",
                    "Creation of innovative tools, plugins, or features enhancing Open edX's \
                     capabilities.",
                    10,
                ),
                c(
                    "leading-initiatives",
                    "Leading open-source initiatives or hackathons.",
                    8,
                ),
                c(
                    "enabling-adoption",
                    "Enabling adoption by creating tools or solutions that simplify implementation.",
                    7,
                ),
                c(
                    "working-groups",
                    "Active participation in working groups to align with platform strategy.",
                    6,
                ),
            ],
        },
        Category {
            slug: PARTNER_ORGANIZATION.into(),
            name: "Partner organization recognition".into(),
            who_qualifies: "Implementation partners delivering outstanding value through innovative \
                deployments, successful projects, or community leadership."
                .into(),
            incentives: "Recognition through official Open edX channels (blogs, newsletters, \
                conferences).\nA place among the recognized partner organizations of the hall of fame."
                .into(),
            subject: SubjectKind::Organization,
            criteria: vec![
                c(
                    "innovative-deployments",
                    "Innovative deployments of Open edX.",
                    10,
                ),
                c(
                    "successful-projects",
                    "Successful projects delivered for clients.",
                    8,
                ),
                c(
                    "community-leadership",
                    "Leadership in the Open edX community.",
                    7,
                ),
            ],
        },
    ]
}

/// One criterion row of the admin's form.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CriterionInput {
    pub key: String,
    pub label: String,
    /// A whole number from 1 to 10.
    pub weight: String,
}

/// The admin's category form, as text. Criterion fields are named `criteria.<index>.<field>`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CategoryInput {
    pub slug: String,
    pub name: String,
    pub who_qualifies: String,
    pub incentives: String,
    /// `person` or `organization`.
    pub subject: String,
    /// In the panel's reading order; rows left entirely blank are ignored.
    pub criteria: Vec<CriterionInput>,
}

impl From<&Category> for CategoryInput {
    fn from(c: &Category) -> Self {
        Self {
            slug: c.slug.clone(),
            name: c.name.clone(),
            who_qualifies: c.who_qualifies.clone(),
            incentives: c.incentives.clone(),
            subject: c.subject.slug().into(),
            criteria: c
                .criteria
                .iter()
                .map(|k| CriterionInput {
                    key: k.key.clone(),
                    label: k.label.clone(),
                    weight: k.weight.to_string(),
                })
                .collect(),
        }
    }
}

impl CategoryInput {
    pub fn parse(&self) -> Result<Category, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let slug = e.check("slug", parse_slug(&self.slug));
        let name = text(&mut e, "name", &self.name, MAX_NAME, true);
        let who_qualifies = text(&mut e, "who_qualifies", &self.who_qualifies, MAX_TEXT, true);
        let incentives = text(&mut e, "incentives", &self.incentives, MAX_TEXT, true);
        let subject = e.check("subject", SubjectKind::parse(&self.subject));
        let rows: Vec<(usize, &CriterionInput)> = self
            .criteria
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                !(r.key.trim().is_empty()
                    && r.label.trim().is_empty()
                    && r.weight.trim().is_empty())
            })
            .collect();
        if rows.is_empty() {
            e.add("criteria", "required");
        } else if rows.len() > MAX_CRITERIA {
            e.add("criteria", "too-many-criteria");
        }
        let mut criteria = Vec::with_capacity(rows.len());
        let mut keys = BTreeSet::new();
        for (i, row) in rows {
            let field = |f: &str| format!("criteria.{i}.{f}");
            let key = e.check(&field("key"), parse_slug(&row.key));
            if let Some(k) = &key {
                if !keys.insert(k.clone()) {
                    e.add(field("key"), "duplicate-criterion");
                }
            }
            let label = text(&mut e, &field("label"), &row.label, MAX_LABEL, true);
            let weight = e.check(
                &field("weight"),
                super::parse_number(&row.weight, *WEIGHTS.start() as i64, *WEIGHTS.end() as i64),
            );
            if let (Some(key), Some(weight)) = (key, weight) {
                criteria.push(Criterion {
                    key,
                    label,
                    weight: weight as u8,
                });
            }
        }
        match (slug, subject) {
            (Some(slug), Some(subject)) if e.is_empty() => Ok(Category {
                slug,
                name,
                who_qualifies,
                incentives,
                subject,
                criteria,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_categories_are_valid_and_distinct() {
        let cats = default_categories();
        assert_eq!(cats.len(), 4);
        for c in &cats {
            c.check().unwrap_or_else(|e| panic!("{}: {e}", c.slug));
        }
        let slugs: BTreeSet<_> = cats.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs.len(), 4);
        assert_eq!(cats[0].criteria.len(), 5, "the engineer's five parameters");
        assert_eq!(cats[1].criteria.len(), 4);
        assert_eq!(cats[2].criteria.len(), 4);
        assert_eq!(cats[3].subject, SubjectKind::Organization);
        assert_eq!(
            cats[3]
                .criteria
                .iter()
                .map(|c| c.key.as_str())
                .collect::<Vec<_>>(),
            [
                "innovative-deployments",
                "successful-projects",
                "community-leadership"
            ]
        );
        assert!(cats[0].has_criterion("mentorship") && !cats[0].has_criterion("hackathons"));
    }

    fn input() -> CategoryInput {
        CategoryInput::from(&default_categories()[0])
    }

    #[test]
    fn the_form_round_trips_a_category() {
        assert_eq!(input().parse().expect("valid"), default_categories()[0]);
    }

    #[test]
    fn each_bad_field_is_named() {
        let mut i = input();
        i.slug = "Distinguished Engineer".into();
        i.name = String::new();
        i.who_qualifies = "x".repeat(MAX_TEXT + 1);
        i.subject = "robot".into();
        i.criteria[1].key = i.criteria[0].key.clone();
        i.criteria[2].weight = "0".into();
        i.criteria[3].weight = "11".into();
        i.criteria[4].label = " ".into();
        let e = i.parse().expect_err("invalid");
        assert_eq!(e.get("slug"), Some("invalid-slug"));
        assert_eq!(e.get("name"), Some("required"));
        assert_eq!(e.get("who_qualifies"), Some("too-long"));
        assert_eq!(e.get("subject"), Some("invalid-subject"));
        assert_eq!(e.get("criteria.1.key"), Some("duplicate-criterion"));
        assert_eq!(e.get("criteria.2.weight"), Some("invalid-number"));
        assert_eq!(e.get("criteria.3.weight"), Some("invalid-number"));
        assert_eq!(e.get("criteria.4.label"), Some("required"));
    }

    #[test]
    fn a_rubric_has_one_to_twelve_criteria() {
        let mut i = input();
        i.criteria = vec![CriterionInput::default(); 3];
        assert_eq!(
            i.parse().expect_err("none").get("criteria"),
            Some("required")
        );
        i.criteria = (0..13)
            .map(|n| CriterionInput {
                key: format!("c{n}"),
                label: "x".into(),
                weight: "1".into(),
            })
            .collect();
        assert_eq!(
            i.parse().expect_err("13").get("criteria"),
            Some("too-many-criteria")
        );
        i.criteria.truncate(12);
        assert_eq!(i.parse().expect("12").criteria.len(), 12);
    }

    #[test]
    fn subject_slugs_round_trip() {
        for s in SubjectKind::ALL {
            assert_eq!(SubjectKind::parse(s.slug()), Ok(*s));
        }
    }
}
