//! Nominations (seed 003: "Self-nomination or peer nominations with justification of
//! contributions"): a justification per criterion of the category's rubric plus links. Nominations of
//! the same nominee in the same cycle and category are one nomination: later nominators join it as
//! supporters and their words are added, never lost.

use super::categories::{Category, SubjectKind};
use super::cycle::Cycle;
use super::{text, PersonRef};
use crate::category;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_JUSTIFICATION: usize = 4000;
pub const MAX_LINKS: usize = 10;
pub const MAX_LINK: usize = 500;

/// Who is nominated: a person or a partner organization, as the category's subject says.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Nominee {
    Person(i64),
    Organization(i64),
}

impl Nominee {
    /// Whether the nomination is of this person: them, or one of the organizations they work for.
    pub fn is_of(self, person_id: i64, partner_ids: &[i64]) -> bool {
        match self {
            Nominee::Person(p) => p == person_id,
            Nominee::Organization(o) => partner_ids.contains(&o),
        }
    }

    pub fn subject(self) -> SubjectKind {
        match self {
            Nominee::Person(_) => SubjectKind::Person,
            Nominee::Organization(_) => SubjectKind::Organization,
        }
    }
}

category!(
    /// The nominee's answer: nobody is reviewed for an award they declined.
    NomineeResponse, "nominee-response", "invalid-response", {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
    }
);

/// One nominator's words on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Justification {
    pub by: i64,
    pub criterion: String,
    pub text: String,
}

/// A nomination: one per cycle, category and nominee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Nomination {
    pub cycle_year: i32,
    pub category: String,
    pub nominee: Nominee,
    /// Who nominated first.
    pub nominator: i64,
    /// The first nomination was the nominee's own (a person, or someone of the organization).
    pub self_nomination: bool,
    /// Later nominators, in the order they joined; never the first nominator.
    pub supporters: Vec<i64>,
    /// Every nominator's words, in the order they were given.
    pub justifications: Vec<Justification>,
    /// http(s) links, each once.
    pub links: Vec<String>,
    pub response: NomineeResponse,
}

impl Nomination {
    /// Everyone who nominated, first nominator first.
    pub fn nominators(&self) -> impl Iterator<Item = i64> + '_ {
        std::iter::once(self.nominator).chain(self.supporters.iter().copied())
    }

    /// The words on each criterion, in the order given, for the panel's page.
    pub fn by_criterion(&self) -> BTreeMap<&str, Vec<&Justification>> {
        let mut out: BTreeMap<&str, Vec<&Justification>> = BTreeMap::new();
        for j in &self.justifications {
            out.entry(j.criterion.as_str()).or_default().push(j);
        }
        out
    }

    /// Whether this and `other` are the same nomination (and so merge).
    pub fn same_as(&self, other: &Nomination) -> bool {
        self.cycle_year == other.cycle_year
            && self.category == other.category
            && self.nominee == other.nominee
    }
}

/// Folds `new` into `existing` when they are the same nomination (`None` otherwise): the first
/// nominator and the nominee's response stay; `new`'s nominators become supporters; every
/// justification and link not already there is appended. Merging the same nomination twice changes
/// nothing the second time, and no nominator's words are ever dropped.
pub fn merge(existing: &Nomination, new: &Nomination) -> Option<Nomination> {
    if !existing.same_as(new) {
        return None;
    }
    let mut out = existing.clone();
    for n in new.nominators() {
        if n != out.nominator && !out.supporters.contains(&n) {
            out.supporters.push(n);
        }
    }
    for j in &new.justifications {
        if !out.justifications.contains(j) {
            out.justifications.push(j.clone());
        }
    }
    for l in &new.links {
        if !out.links.contains(l) {
            out.links.push(l.clone());
        }
    }
    Some(out)
}

/// The nomination form, as text. Justifications are named `justification.<criterion key>`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct NominationInput {
    /// The nominee's id (a person's or a partner's, as the category says); blank with
    /// `self_nomination` for oneself.
    pub nominee: String,
    /// Ticked when the nominator nominates themselves (or, for an organization, their own).
    pub self_nomination: bool,
    /// Criterion key → text. Criteria left blank are not justified.
    pub justification: BTreeMap<String, String>,
    /// One link per line.
    pub links: String,
}

/// A link a nomination may carry: an absolute http(s) URL of at most 500 characters, so a public
/// page never links to `javascript:` or `data:`.
pub fn parse_link(s: &str) -> Result<String, &'static str> {
    let s = s.trim();
    if s.chars().count() > MAX_LINK {
        return Err("too-long");
    }
    let url = crate::partner::parse_web_url(s)?;
    if url.chars().count() > MAX_LINK {
        return Err("too-long");
    }
    Ok(url)
}

impl NominationInput {
    /// Checks the form against the category and the cycle on `today`. Nominating outside the
    /// nomination window is `outside-window` on the `cycle` field.
    pub fn parse(
        &self,
        category: &Category,
        cycle: &Cycle,
        nominator: &PersonRef<'_>,
        today: NaiveDate,
    ) -> Result<Nomination, ValidationErrors> {
        let mut e = ValidationErrors::new();
        if !cycle.accepts_nominations(today) {
            e.add("cycle", "outside-window");
        }
        let nominee = match (self.nominee.trim(), category.subject) {
            ("", SubjectKind::Person) if self.self_nomination => {
                Some(Nominee::Person(nominator.person_id))
            }
            ("", _) => e.check("nominee", Err("required")),
            (s, subject) => match s.parse::<i64>().ok().filter(|n| *n > 0) {
                Some(id) if subject == SubjectKind::Person => Some(Nominee::Person(id)),
                Some(id) => Some(Nominee::Organization(id)),
                None => e.check("nominee", Err("invalid-nominee")),
            },
        };
        let self_nomination = match nominee {
            Some(Nominee::Person(id)) => id == nominator.person_id,
            Some(Nominee::Organization(id)) => nominator.partner_ids.contains(&id),
            None => false,
        };
        // Naming oneself without ticking the box is still a self-nomination: the flag is derived,
        // and a ticked box that names someone else is a mistake worth saying.
        if nominee.is_some() && self.self_nomination && !self_nomination {
            e.add("nominee", "not-yourself");
        }
        let mut justifications = Vec::new();
        for (key, t) in &self.justification {
            if t.trim().is_empty() {
                continue;
            }
            let field = format!("justification.{key}");
            if !category.has_criterion(key) {
                e.add(field, "unknown-criterion");
                continue;
            }
            let t = text(&mut e, &field, t, MAX_JUSTIFICATION, true);
            justifications.push(Justification {
                by: nominator.person_id,
                criterion: key.clone(),
                text: t,
            });
        }
        // In the rubric's order, so the panel reads them as it scores.
        justifications.sort_by_key(|j| category.criteria.iter().position(|c| c.key == j.criterion));
        if justifications.is_empty()
            && e.errors
                .iter()
                .all(|f| !f.field.starts_with("justification"))
        {
            e.add("justification", "required");
        }
        let mut links: Vec<String> = Vec::new();
        let lines: Vec<&str> = self
            .links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() > MAX_LINKS {
            e.add("links", "too-many-links");
        } else {
            for l in lines {
                match parse_link(l) {
                    Ok(u) if !links.contains(&u) => links.push(u),
                    Ok(_) => {}
                    Err(code) => {
                        e.add("links", code);
                        break;
                    }
                }
            }
        }
        match nominee {
            Some(nominee) if e.is_empty() => Ok(Nomination {
                cycle_year: cycle.year,
                category: category.slug.clone(),
                nominee,
                nominator: nominator.person_id,
                self_nomination,
                supporters: vec![],
                justifications,
                links,
                response: NomineeResponse::Pending,
            }),
            _ => Err(e),
        }
    }
}

/// Whether the nominee may still answer (or change their answer): until the review opens, after
/// which the panel works on what it has.
pub fn may_respond(cycle: &Cycle, today: NaiveDate) -> Result<(), &'static str> {
    if today < cycle.review_open {
        Ok(())
    } else {
        Err("outside-window")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recognition::categories::default_categories;
    use crate::recognition::cycle::tests::{cycle, d};
    use proptest::prelude::*;

    fn engineer() -> Category {
        default_categories().remove(0)
    }

    fn me() -> PersonRef<'static> {
        PersonRef {
            person_id: 7,
            partner_ids: &[40],
        }
    }

    fn input() -> NominationInput {
        NominationInput {
            nominee: "12".into(),
            self_nomination: false,
            justification: [
                (
                    "mentorship".to_string(),
                    "Mentored six new contributors.".to_string(),
                ),
                (
                    "code-contributions".to_string(),
                    "Led the new learner dashboard.".to_string(),
                ),
                ("core-processes".to_string(), "  ".to_string()),
            ]
            .into_iter()
            .collect(),
            links: "https://github.com/openedx/frontend-app-learner-dashboard/pulls\n\n \
                    https://discuss.openedx.org/t/1"
                .into(),
        }
    }

    const TODAY: &str = "2027-02-01";

    #[test]
    fn a_peer_nomination_reads_from_its_form() {
        let n = input()
            .parse(&engineer(), &cycle(), &me(), d(TODAY))
            .expect("valid");
        assert_eq!(n.nominee, Nominee::Person(12));
        assert!(!n.self_nomination);
        assert_eq!(n.cycle_year, 2027);
        assert_eq!(n.response, NomineeResponse::Pending);
        // Blank criteria are skipped, the rest follow the rubric's order.
        assert_eq!(
            n.justifications
                .iter()
                .map(|j| j.criterion.as_str())
                .collect::<Vec<_>>(),
            ["code-contributions", "mentorship"]
        );
        assert_eq!(n.links.len(), 2);
    }

    #[test]
    fn self_nominations_name_oneself() {
        let mut i = input();
        i.nominee = String::new();
        i.self_nomination = true;
        let n = i
            .parse(&engineer(), &cycle(), &me(), d(TODAY))
            .expect("self");
        assert_eq!((n.nominee, n.self_nomination), (Nominee::Person(7), true));
        i.nominee = "12".into();
        assert_eq!(
            i.parse(&engineer(), &cycle(), &me(), d(TODAY))
                .expect_err("not me")
                .get("nominee"),
            Some("not-yourself")
        );
        // An organization: self when the nominator belongs to it.
        let partner = default_categories().remove(3);
        let mut i = input();
        i.justification = [("successful-projects".into(), "Ten universities.".into())]
            .into_iter()
            .collect();
        i.nominee = "40".into();
        let n = i.parse(&partner, &cycle(), &me(), d(TODAY)).expect("org");
        assert_eq!(
            (n.nominee, n.self_nomination),
            (Nominee::Organization(40), true)
        );
        i.nominee = String::new();
        i.self_nomination = true;
        assert_eq!(
            i.parse(&partner, &cycle(), &me(), d(TODAY))
                .expect_err("which org")
                .get("nominee"),
            Some("required")
        );
    }

    #[test]
    fn nominating_outside_the_window_is_refused_on_the_cycle_field() {
        for day in ["2027-01-14", "2027-03-01"] {
            let e = input()
                .parse(&engineer(), &cycle(), &me(), d(day))
                .expect_err(day);
            assert_eq!(e.get("cycle"), Some("outside-window"), "{day}");
        }
        assert!(may_respond(&cycle(), d("2027-02-28")).is_ok());
        assert_eq!(
            may_respond(&cycle(), d("2027-03-01")),
            Err("outside-window")
        );
    }

    #[test]
    fn justifications_are_required_known_and_short() {
        let mut i = input();
        i.justification.clear();
        assert_eq!(
            i.parse(&engineer(), &cycle(), &me(), d(TODAY))
                .expect_err("none")
                .get("justification"),
            Some("required")
        );
        i.justification
            .insert("hackathons".into(), "Ran three.".into());
        let e = i
            .parse(&engineer(), &cycle(), &me(), d(TODAY))
            .expect_err("unknown");
        assert_eq!(e.get("justification.hackathons"), Some("unknown-criterion"));
        let mut i = input();
        i.justification
            .insert("mentorship".into(), "é".repeat(MAX_JUSTIFICATION + 1));
        let e = i
            .parse(&engineer(), &cycle(), &me(), d(TODAY))
            .expect_err("long");
        assert_eq!(e.get("justification.mentorship"), Some("too-long"));
        let mut i = input();
        i.justification
            .insert("mentorship".into(), "é".repeat(MAX_JUSTIFICATION));
        assert!(
            i.parse(&engineer(), &cycle(), &me(), d(TODAY)).is_ok(),
            "characters, not bytes"
        );
        let mut i = input();
        i.nominee = "twelve".into();
        assert_eq!(
            i.parse(&engineer(), &cycle(), &me(), d(TODAY))
                .expect_err("id")
                .get("nominee"),
            Some("invalid-nominee")
        );
    }

    #[test]
    fn links_are_web_addresses_only() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,<script>",
            "ftp://files.example.org/x",
            "/relative/path",
            "https://localhost/x",
        ] {
            assert_eq!(parse_link(bad), Err("invalid-url"), "{bad}");
            let mut i = input();
            i.links = format!("https://example.org\n{bad}");
            assert_eq!(
                i.parse(&engineer(), &cycle(), &me(), d(TODAY))
                    .expect_err(bad)
                    .get("links"),
                Some("invalid-url")
            );
        }
        let long = format!("https://example.org/{}", "a".repeat(MAX_LINK));
        assert_eq!(parse_link(&long), Err("too-long"));
        let mut i = input();
        i.links = (0..11)
            .map(|n| format!("https://example.org/{n}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            i.parse(&engineer(), &cycle(), &me(), d(TODAY))
                .expect_err("11")
                .get("links"),
            Some("too-many-links")
        );
        i.links = "https://example.org/a\nhttps://example.org/a".into();
        let n = i
            .parse(&engineer(), &cycle(), &me(), d(TODAY))
            .expect("dup");
        assert_eq!(n.links, ["https://example.org/a"]);
    }

    fn nomination(by: i64, texts: &[(&str, &str)], links: &[&str]) -> Nomination {
        Nomination {
            cycle_year: 2027,
            category: "distinguished-engineer".into(),
            nominee: Nominee::Person(12),
            nominator: by,
            self_nomination: false,
            supporters: vec![],
            justifications: texts
                .iter()
                .map(|(c, t)| Justification {
                    by,
                    criterion: (*c).into(),
                    text: (*t).into(),
                })
                .collect(),
            links: links.iter().map(|l| (*l).to_string()).collect(),
            response: NomineeResponse::Pending,
        }
    }

    #[test]
    fn a_second_nominator_becomes_a_supporter_and_adds_their_words() {
        let mut first = nomination(1, &[("mentorship", "A")], &["https://a.example.org"]);
        first.response = NomineeResponse::Accepted;
        let second = nomination(
            2,
            &[("mentorship", "B"), ("code-contributions", "C")],
            &["https://a.example.org", "https://b.example.org"],
        );
        let m = merge(&first, &second).expect("same");
        assert_eq!((m.nominator, m.supporters.clone()), (1, vec![2]));
        assert_eq!(m.response, NomineeResponse::Accepted);
        assert_eq!(m.justifications.len(), 3);
        assert_eq!(m.by_criterion()["mentorship"].len(), 2);
        assert_eq!(m.links.len(), 2);
        assert_eq!(m.nominators().collect::<Vec<_>>(), [1, 2]);
        // A different category, cycle or nominee is another nomination.
        let mut other = second.clone();
        other.nominee = Nominee::Person(13);
        assert!(merge(&first, &other).is_none());
        other = second.clone();
        other.category = "distinguished-advocate".into();
        assert!(merge(&first, &other).is_none());
        other = second;
        other.cycle_year = 2028;
        assert!(merge(&first, &other).is_none());
    }

    fn arb_nomination() -> impl Strategy<Value = Nomination> {
        let criteria =
            prop::sample::select(vec!["mentorship", "code-contributions", "core-processes"]);
        (
            1i64..5,
            prop::collection::vec((criteria, "[a-c]{1,3}"), 0..4),
            prop::collection::vec(
                prop::sample::select(vec!["https://a.example.org", "https://b.example.org"]),
                0..3,
            ),
        )
            .prop_map(|(by, texts, links)| {
                let texts: Vec<(&str, &str)> =
                    texts.iter().map(|(c, t)| (*c, t.as_str())).collect();
                nomination(by, &texts, &links)
            })
    }

    proptest! {
        /// Merging the same nominator's nomination again changes nothing.
        #[test]
        fn merging_is_idempotent(a in arb_nomination(), b in arb_nomination()) {
            let once = merge(&a, &b).expect("same key");
            let twice = merge(&once, &b).expect("same key");
            prop_assert_eq!(&once, &twice);
            prop_assert_eq!(merge(&once, &once).expect("same"), once);
        }

        /// Whatever the order of merges, every nominator stays, once, and every text stays.
        #[test]
        fn merging_never_loses_a_nominator_or_their_words(all in prop::collection::vec(arb_nomination(), 1..6)) {
            let merged = all[1..]
                .iter()
                .fold(all[0].clone(), |acc, n| merge(&acc, n).expect("same key"));
            prop_assert_eq!(merged.nominator, all[0].nominator);
            let nominators: Vec<i64> = merged.nominators().collect();
            let mut unique = nominators.clone();
            unique.sort_unstable();
            unique.dedup();
            prop_assert_eq!(unique.len(), nominators.len());
            for n in &all {
                prop_assert!(nominators.contains(&n.nominator));
                for j in &n.justifications {
                    prop_assert!(merged.justifications.contains(j));
                }
                for l in &n.links {
                    prop_assert!(merged.links.contains(l));
                }
            }
        }
    }
}
