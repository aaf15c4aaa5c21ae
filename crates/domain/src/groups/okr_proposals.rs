//! Proposed OKRs and suggested templates (issue 10). Seed 000 asks focus groups to set their OKRs
//! "by considering community feedback and input", starting from a suggested set of goals: an objective
//! may be *proposed*, open for the community's comments, until the group's facilitators adopt it. A
//! proposal is not yet a commitment, so it takes no check-ins and does not count in the group's
//! roll-up. Templates are suggested objectives with key results per focus area; a group adopts one as
//! a proposal of its own and edits it. Their words are in the locales (`okr-template-*`), so each
//! group gets them in its facilitator's language.

use super::okrs::{roll_up, KeyResultKind, SCALE};
use crate::category;
use crate::validation::ValidationErrors;
use serde::{Deserialize, Serialize};

/// A comment longer than this is an essay: link to it instead.
pub const COMMENT_MAX_CHARS: usize = 2000;

/// A comment on a proposed objective, as sent.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CommentInput {
    pub comment: String,
}

impl CommentInput {
    /// The comment's text, trimmed; `comment` is named when it is empty or too long.
    pub fn parse(&self) -> Result<String, ValidationErrors> {
        let text = self.comment.trim();
        let mut e = ValidationErrors::new();
        if text.is_empty() {
            e.add("comment", "required");
        } else if text.chars().count() > COMMENT_MAX_CHARS {
            e.add("comment", "too-long");
        }
        if e.is_empty() {
            Ok(text.to_string())
        } else {
            Err(e)
        }
    }
}

/// Comments are taken while the objective is proposed: once adopted, the discussion moves to its
/// check-ins.
pub fn may_comment(adopted: bool) -> Result<(), &'static str> {
    if adopted {
        Err("already-adopted")
    } else {
        Ok(())
    }
}

/// An objective is adopted once.
pub fn may_adopt(adopted: bool) -> Result<(), &'static str> {
    may_comment(adopted)
}

/// Check-ins move only what the group has committed to.
pub fn may_check_in_on(adopted: bool) -> Result<(), &'static str> {
    if adopted {
        Ok(())
    } else {
        Err("not-adopted")
    }
}

/// A group's progress (per-mille): its adopted objectives' progress, equally weighted; proposals wait.
pub fn group_roll_up(objectives: &[(i64, bool)]) -> i64 {
    let adopted: Vec<(i64, i64)> = objectives
        .iter()
        .filter(|(_, adopted)| *adopted)
        .map(|(p, _)| (*p, 1))
        .collect();
    roll_up(&adopted)
}

category!(
    /// The focus areas of seed 000's Biz Dev focus groups, and goals any group may adopt.
    FocusArea, "okr-focus", "invalid-focus-area", {
        MarketPenetration => "market-penetration",
        ProductMarketAlignment => "product-market-alignment",
        PartnershipDevelopment => "partnership-development",
        MemberSuccess => "member-success",
        AnyGroup => "any-group",
    }
);

/// A key result of a template: what it measures and its target; its title and unit are the locale's
/// `okr-template-<slug>-kr<n>` and `…-kr<n>-unit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateKeyResult {
    pub kind: KeyResultKind,
    /// In hundredths, like every value.
    pub target: i64,
}

/// A suggested objective: its title is the locale's `okr-template-<slug>`, its description
/// `okr-template-<slug>-description`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OkrTemplate {
    pub slug: &'static str,
    pub area: FocusArea,
    pub key_results: &'static [TemplateKeyResult],
}

const fn kr(kind: KeyResultKind, target: i64) -> TemplateKeyResult {
    TemplateKeyResult {
        kind,
        target: target * SCALE,
    }
}

use KeyResultKind::{Milestone, Number, Percentage};

/// The suggested objectives, by focus area (seed 000: each focus group's aim; the last two are the
/// responsibilities it gives every focus group: regular updates and collaboration).
pub const TEMPLATES: &[OkrTemplate] = &[
    OkrTemplate {
        slug: "new-regions",
        area: FocusArea::MarketPenetration,
        key_results: &[kr(Number, 3), kr(Number, 4)],
    },
    OkrTemplate {
        slug: "new-industries",
        area: FocusArea::MarketPenetration,
        key_results: &[kr(Number, 2), kr(Number, 10)],
    },
    OkrTemplate {
        slug: "market-needs",
        area: FocusArea::ProductMarketAlignment,
        key_results: &[kr(Number, 12), kr(Milestone, 0)],
    },
    OkrTemplate {
        slug: "strategic-partnerships",
        area: FocusArea::PartnershipDevelopment,
        key_results: &[kr(Number, 2), kr(Percentage, 40)],
    },
    OkrTemplate {
        slug: "revenue-models",
        area: FocusArea::MemberSuccess,
        key_results: &[kr(Number, 3), kr(Number, 5)],
    },
    OkrTemplate {
        slug: "regular-updates",
        area: FocusArea::AnyGroup,
        key_results: &[kr(Number, 6), kr(Milestone, 0)],
    },
    OkrTemplate {
        slug: "collaboration",
        area: FocusArea::AnyGroup,
        key_results: &[kr(Number, 2), kr(Number, 1)],
    },
];

/// The template named `slug`; `template` is named when there is none.
pub fn template(slug: &str) -> Result<&'static OkrTemplate, &'static str> {
    TEMPLATES
        .iter()
        .find(|t| t.slug == slug.trim())
        .ok_or("unknown-template")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::okrs::MAX_KEY_RESULTS;
    use proptest::prelude::*;

    #[test]
    fn a_comment_is_required_and_bounded() {
        let parse = |t: &str| CommentInput { comment: t.into() }.parse();
        assert_eq!(
            parse("  ").expect_err("refused").get("comment"),
            Some("required")
        );
        assert_eq!(
            parse(&"x".repeat(COMMENT_MAX_CHARS + 1))
                .expect_err("refused")
                .get("comment"),
            Some("too-long")
        );
        assert_eq!(parse("  Add Brazil. ").expect("valid"), "Add Brazil.");
        assert!(parse(&"é".repeat(COMMENT_MAX_CHARS)).is_ok());
    }

    #[test]
    fn proposals_take_comments_and_adoption_then_check_ins() {
        assert_eq!(may_comment(false), Ok(()));
        assert_eq!(may_comment(true), Err("already-adopted"));
        assert_eq!(may_adopt(false), Ok(()));
        assert_eq!(may_adopt(true), Err("already-adopted"));
        assert_eq!(may_check_in_on(false), Err("not-adopted"));
        assert_eq!(may_check_in_on(true), Ok(()));
    }

    #[test]
    fn proposals_wait_outside_the_roll_up() {
        assert_eq!(group_roll_up(&[]), 0);
        assert_eq!(group_roll_up(&[(0, false)]), 0);
        assert_eq!(group_roll_up(&[(400, true), (0, false)]), 400);
        assert_eq!(group_roll_up(&[(400, true), (800, true), (0, false)]), 600);
    }

    #[test]
    fn templates_are_sound() {
        let mut slugs: Vec<_> = TEMPLATES.iter().map(|t| t.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), TEMPLATES.len(), "slugs are unique");
        for area in FocusArea::ALL {
            assert!(
                TEMPLATES.iter().any(|t| t.area == *area),
                "{area:?} has a template"
            );
        }
        for t in TEMPLATES {
            assert!((1..=MAX_KEY_RESULTS).contains(&t.key_results.len()));
            for k in t.key_results {
                assert!(k.target >= 0);
                assert_eq!(k.kind == Milestone, k.target == 0, "{}", t.slug);
            }
        }
        assert_eq!(
            template(" market-needs ").map(|t| t.slug),
            Ok("market-needs")
        );
        assert_eq!(template("nope"), Err("unknown-template"));
    }

    proptest! {
        #[test]
        fn the_roll_up_ignores_proposals_and_stays_in_range(
            objectives in proptest::collection::vec((0i64..=1000, any::<bool>()), 0..20)
        ) {
            let all = group_roll_up(&objectives);
            prop_assert!((0..=1000).contains(&all));
            let adopted: Vec<(i64, bool)> = objectives.iter().copied().filter(|o| o.1).collect();
            prop_assert_eq!(all, group_roll_up(&adopted));
            if let Some(max) = adopted.iter().map(|o| o.0).max() {
                prop_assert!(all <= max);
            }
        }
    }
}
