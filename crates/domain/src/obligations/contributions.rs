//! Contributions (issue 11): what partners submit toward their obligations, and the Marketing WG's
//! review of it. A contribution is submitted, may be sent back for changes and resubmitted any
//! number of times (the history stays), and ends approved or rejected; only approved ones count.
//! Articles are written on a topic the Marketing WG approved first (seed 001 Part 5).

use super::{parse_year, year_bounds, ContributionType, ObligationStatus, MAX_EVIDENCE_CHARS};
use crate::partner::{parse_text, parse_web_url};
use crate::permissions::{Actor, Role};
use crate::taxonomy::{parse_language, CompanySize};
use crate::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 20_000;
pub const MAX_CLIENT_CHARS: usize = 200;
pub const MAX_COMMENT_CHARS: usize = 2000;
pub const MAX_SUMMARY_CHARS: usize = 2000;

/// The slug of the group whose members review contributions and topics (seed 002).
pub const MARKETING_GROUP: &str = "marketing-wg";

/// Where a contribution stands in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContributionState {
    Submitted,
    ChangesRequested,
    Resubmitted,
    Approved,
    Rejected,
}

impl ContributionState {
    pub const ALL: &'static [ContributionState] = &[
        ContributionState::Submitted,
        ContributionState::ChangesRequested,
        ContributionState::Resubmitted,
        ContributionState::Approved,
        ContributionState::Rejected,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ContributionState::Submitted => "submitted",
            ContributionState::ChangesRequested => "changes_requested",
            ContributionState::Resubmitted => "resubmitted",
            ContributionState::Approved => "approved",
            ContributionState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.slug() == s.trim())
            .ok_or("invalid-state")
    }

    /// Waiting for a reviewer.
    pub fn awaits_review(self) -> bool {
        matches!(
            self,
            ContributionState::Submitted | ContributionState::Resubmitted
        )
    }

    /// Waiting for the partner.
    pub fn awaits_changes(self) -> bool {
        self == ContributionState::ChangesRequested
    }

    /// No further step: approved or rejected.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            ContributionState::Approved | ContributionState::Rejected
        )
    }
}

/// A reviewer's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    /// Send it back with comments; the partner resubmits.
    RequestChanges,
    /// Final, with a reason.
    Reject,
}

impl Verdict {
    pub const ALL: &'static [Verdict] =
        &[Verdict::Approve, Verdict::RequestChanges, Verdict::Reject];

    pub fn slug(self) -> &'static str {
        match self {
            Verdict::Approve => "approve",
            Verdict::RequestChanges => "request_changes",
            Verdict::Reject => "reject",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.slug() == s.trim())
            .ok_or("invalid-verdict")
    }
}

/// A review as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReviewInput {
    /// `approve`, `request_changes` or `reject`.
    pub verdict: String,
    /// Required when asking for changes (what to change) and when rejecting (the reason).
    pub comment: String,
}

/// A valid review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub verdict: Verdict,
    pub comment: String,
}

impl ReviewInput {
    pub fn parse(&self) -> Result<Review, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let verdict = match self.verdict.trim() {
            "" => {
                e.add("verdict", "required");
                None
            }
            v => e.check("verdict", Verdict::parse(v)),
        };
        let needs_comment = matches!(verdict, Some(Verdict::RequestChanges | Verdict::Reject));
        let comment = parse_text(
            &mut e,
            "comment",
            &self.comment,
            MAX_COMMENT_CHARS,
            needs_comment,
        );
        match verdict {
            Some(verdict) if e.is_empty() => Ok(Review { verdict, comment }),
            _ => Err(e),
        }
    }
}

/// The state a review leads to; only a contribution waiting for review can be reviewed.
pub fn after_review(
    state: ContributionState,
    verdict: Verdict,
) -> Result<ContributionState, &'static str> {
    if !state.awaits_review() {
        return Err("not-awaiting-review");
    }
    Ok(match verdict {
        Verdict::Approve => ContributionState::Approved,
        Verdict::RequestChanges => ContributionState::ChangesRequested,
        Verdict::Reject => ContributionState::Rejected,
    })
}

/// The state a resubmission leads to; only a contribution sent back for changes can be resubmitted.
pub fn after_resubmit(state: ContributionState) -> Result<ContributionState, &'static str> {
    if state.awaits_changes() {
        Ok(ContributionState::Resubmitted)
    } else {
        Err("not-awaiting-changes")
    }
}

/// Who may review contributions and topics: the facilitators of the Marketing WG (`group_id`, `None`
/// when the group does not exist), who speak for the group's lazy consensus (seed 002), and the
/// foundation's admins; never for an organization they work for. Membership alone does not make a
/// reviewer: anyone may join the Marketing WG, so a partner could otherwise join and judge its
/// competitors' work.
pub fn may_review(
    actor: &Actor,
    group_id: Option<i64>,
    partner_id: i64,
) -> Result<(), &'static str> {
    let Some(group) = group_id else {
        return Err("not-a-reviewer");
    };
    if !is_reviewer(actor, Some(group)) {
        return Err("not-a-reviewer");
    }
    if actor.partner_ids().contains(&partner_id) {
        return Err("own-contribution");
    }
    Ok(())
}

/// Whether someone is a reviewer at all (for the review queue and "what needs me").
pub fn is_reviewer(actor: &Actor, group_id: Option<i64>) -> bool {
    group_id.is_some_and(|g| actor.has(Role::Facilitator, Some(g)) || actor.is_admin())
}

/// Who the contribution is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClientRef {
    Named {
        name: String,
    },
    /// Allowed for case studies and articles only (seed 001: "at least on an anonymous basis").
    Anonymous,
}

impl ClientRef {
    pub fn name(&self) -> Option<&str> {
        match self {
            ClientRef::Named { name } => Some(name),
            ClientRef::Anonymous => None,
        }
    }
}

/// A contribution as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ContributionInput {
    /// `case_study`, `article`, `testimonial` or `logo`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    /// Required for articles: a topic of this partner's that the Marketing WG approved.
    pub topic_id: Option<i64>,
    /// Where it is published or can be read (http or https).
    pub link: String,
    /// The text itself; a link or a text is required.
    pub text: String,
    /// The client's name; leave empty and set `anonymous` for a case study or an article that
    /// names no client.
    pub client: String,
    pub anonymous: bool,
    /// Where the client's consent is recorded: required for logos and testimonials.
    pub consent_evidence: String,
    /// ISO 639-1.
    pub language: String,
    /// The obligation year it counts toward; this year when absent.
    pub year: Option<i64>,
}

/// A valid contribution, as submitted or resubmitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContribution {
    pub kind: ContributionType,
    pub title: String,
    pub topic_id: Option<i64>,
    pub link: Option<String>,
    pub text: String,
    pub client: ClientRef,
    pub consent_evidence: String,
    pub language: String,
    pub year: i32,
}

impl ContributionInput {
    /// Parses the fields; whether the topic exists, is the partner's and is approved is
    /// [`topic_usable`], checked against the stored topic.
    pub fn parse(&self, this_year: i32) -> Result<NewContribution, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = match self.kind.trim() {
            "" => {
                e.add("type", "required");
                None
            }
            k => e.check("type", ContributionType::parse(k)),
        };
        let title = parse_text(&mut e, "title", &self.title, MAX_TITLE_CHARS, true);
        let link = match self.link.trim() {
            "" => None,
            l => e.check("link", parse_web_url(l)),
        };
        let text = parse_text(&mut e, "text", &self.text, MAX_TEXT_CHARS, false);
        if self.link.trim().is_empty() && text.is_empty() {
            e.add("link", "link-or-text");
        }
        let name = parse_text(&mut e, "client", &self.client, MAX_CLIENT_CHARS, false);
        let client = if self.anonymous {
            ClientRef::Anonymous
        } else {
            if name.is_empty() {
                e.add("client", "required");
            }
            ClientRef::Named { name }
        };
        let consent_evidence = parse_text(
            &mut e,
            "consent_evidence",
            &self.consent_evidence,
            MAX_EVIDENCE_CHARS,
            false,
        );
        if let Some(k) = kind {
            if k.needs_client_consent() {
                if self.anonymous {
                    e.add("anonymous", "client-must-be-named");
                }
                if consent_evidence.is_empty() {
                    e.add("consent_evidence", "consent-evidence-required");
                }
            }
            if k == ContributionType::Article && self.topic_id.is_none() {
                e.add("topic_id", "topic-required");
            }
        }
        let topic_id = match kind {
            Some(ContributionType::Article) => self.topic_id,
            _ => None,
        };
        let language = match self.language.trim() {
            "" => {
                e.add("language", "required");
                None
            }
            l => e.check("language", parse_language(l)),
        };
        let year = match self.year {
            None => Some(this_year),
            // This year's obligations, or last year's (work finished in December, sent in
            // January); never a year long over or still to come.
            Some(y) => e.check(
                "year",
                parse_year(y).and_then(|y| {
                    if y == this_year || y + 1 == this_year {
                        Ok(y)
                    } else {
                        Err("year-out-of-range")
                    }
                }),
            ),
        };
        match (kind, language, year) {
            (Some(kind), Some(language), Some(year)) if e.is_empty() => Ok(NewContribution {
                kind,
                title,
                topic_id,
                link,
                text,
                client,
                consent_evidence,
                language,
                year,
            }),
            _ => Err(e),
        }
    }
}

/// Where a proposed article topic stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TopicState {
    Proposed,
    Approved,
    Rejected,
}

impl TopicState {
    pub const ALL: &'static [TopicState] = &[
        TopicState::Proposed,
        TopicState::Approved,
        TopicState::Rejected,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            TopicState::Proposed => "proposed",
            TopicState::Approved => "approved",
            TopicState::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.slug() == s.trim())
            .ok_or("invalid-state")
    }
}

/// A topic proposal as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct TopicInput {
    pub title: String,
    /// What the article would say and for whom.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic {
    pub title: String,
    pub summary: String,
}

impl TopicInput {
    pub fn parse(&self) -> Result<NewTopic, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = parse_text(&mut e, "title", &self.title, MAX_TITLE_CHARS, true);
        let summary = parse_text(&mut e, "summary", &self.summary, MAX_SUMMARY_CHARS, true);
        e.into_result(NewTopic { title, summary })
    }
}

/// A topic review: approve, or reject with a reason (a topic is proposed again rather than
/// resubmitted).
pub fn after_topic_review(state: TopicState, review: &Review) -> Result<TopicState, &'static str> {
    if state != TopicState::Proposed {
        return Err("not-awaiting-review");
    }
    match review.verdict {
        Verdict::Approve => Ok(TopicState::Approved),
        Verdict::Reject => Ok(TopicState::Rejected),
        Verdict::RequestChanges => Err("invalid-verdict"),
    }
}

/// An article may be written on a topic of the same partner that the Marketing WG approved.
/// `topic` is the stored topic's (partner, state), `None` when there is no such topic.
pub fn topic_usable(topic: Option<(i64, TopicState)>, partner_id: i64) -> Result<(), &'static str> {
    match topic {
        Some((p, _)) if p != partner_id => Err("unknown-topic"),
        None => Err("unknown-topic"),
        Some((_, TopicState::Approved)) => Ok(()),
        Some(_) => Err("topic-not-approved"),
    }
}

/// Seed 002: "fair opportunities for all members to participate regardless of the company size".
/// The showcase highlights contributions of the smaller companies.
pub fn highlighted(size: CompanySize) -> bool {
    matches!(size, CompanySize::Micro | CompanySize::Small)
}

/// Days before the end of the year at which partners still short are reminded.
pub const REMINDER_DAYS: [u32; 3] = [90, 30, 7];

/// The reminder point `today` has reached in `year` (the smallest of [`REMINDER_DAYS`] not fewer
/// than the days left), or `None` outside the year and before the first point. A job sends each
/// point once per partner and year, so a missed run still sends the latest point, not every one.
pub fn reminder_point(year: i32, today: NaiveDate) -> Option<u32> {
    let (first, last) = year_bounds(year)?;
    if today < first || today > last {
        return None;
    }
    let left = u32::try_from((last - today).num_days()).ok()?;
    REMINDER_DAYS.iter().copied().filter(|d| left <= *d).min()
}

/// The worst of a partner's statuses for a year: overdue, then behind, then on track; met only
/// when every type is met (or nothing is required).
pub fn overall(statuses: impl IntoIterator<Item = ObligationStatus>) -> ObligationStatus {
    let rank = |s: ObligationStatus| match s {
        ObligationStatus::Met => 0,
        ObligationStatus::OnTrack => 1,
        ObligationStatus::Behind => 2,
        ObligationStatus::Overdue => 3,
    };
    statuses
        .into_iter()
        .max_by_key(|s| rank(*s))
        .unwrap_or(ObligationStatus::Met)
}

/// A partner's standing for lead allocation (when the lead policy weighs compliance): the worse of
/// the current year's and the previous year's, so a year that ended short weighs through the next.
pub fn lead_standing(previous: ObligationStatus, current: ObligationStatus) -> ObligationStatus {
    overall([previous, current])
}

/// One partner's compliance in one year, as the foundation's view, its CSV and API list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ComplianceRow {
    pub partner_id: i64,
    pub partner: String,
    pub name: String,
    pub year: i32,
    /// Per type, in the order case study, article, testimonial, logo.
    pub standings: Vec<Standing>,
    /// The worst of the types' statuses.
    pub status: ObligationStatus,
    /// Contributions still due across the types.
    pub still_due: u32,
}

/// Where a partner stands on one type in one year: what is required after exemptions, what the
/// Marketing WG approved, and the status from the pace of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Standing {
    #[serde(rename = "type")]
    pub kind: ContributionType,
    pub required: u32,
    pub approved: u32,
    pub status: ObligationStatus,
}

/// Every type's standing for a partner in `year`, in `ContributionType::ALL` order, from the
/// policy governing the year (none: nothing is required), its declared clients and its approved
/// contributions.
pub fn standings(
    policy: Option<&super::ObligationPolicy>,
    counts: super::ClientCounts,
    approved: impl Fn(ContributionType) -> u32,
    year: i32,
    today: NaiveDate,
) -> Vec<Standing> {
    ContributionType::ALL
        .iter()
        .map(|&kind| {
            let required = policy
                .map(|p| super::requirement(p.rule(kind), kind, counts).required)
                .unwrap_or(0);
            let approved = approved(kind);
            Standing {
                kind,
                required,
                approved,
                status: ObligationStatus::of(required, approved, year, today),
            }
        })
        .collect()
}

/// How many contributions are still due across the types (approved beyond a requirement does not
/// make up for another type).
pub fn still_due(standings: &[Standing]) -> u32 {
    standings
        .iter()
        .map(|s| s.required.saturating_sub(s.approved))
        .sum()
}
