//! The retention rule of seed 003, checked once a year from the activity ledger: "Maintain an
//! active role in contributions (technical, business development, community leadership, etc.)" and
//! "Participate in at least one Open edX event, working group, or mentorship activity per year".
//! Members are warned at month 9 and month 11 of their term; the panel confirms who renews.

use super::award::{month_start, term_end};
use crate::activity::ActivityKind;
use crate::category;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Something a year of evidence counts: an entry of the ledger, or the two records kept beside it.
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
#[serde(tag = "kind", content = "activity", rename_all = "snake_case")]
pub enum EvidenceKind {
    Activity(ActivityKind),
    /// A mentorship record (mentor, mentee, period), counted for the mentor.
    Mentorship,
    /// A facilitator's attestation of the person's role in their group.
    Attestation,
}

impl EvidenceKind {
    /// The activity kind's slug, or `mentorship` / `attestation` (no activity kind uses those).
    pub fn slug(self) -> &'static str {
        match self {
            EvidenceKind::Activity(k) => k.slug(),
            EvidenceKind::Mentorship => "mentorship",
            EvidenceKind::Attestation => "attestation",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        match s.trim() {
            "mentorship" => Ok(EvidenceKind::Mentorship),
            "attestation" => Ok(EvidenceKind::Attestation),
            s => ActivityKind::parse(s).map(EvidenceKind::Activity),
        }
    }
}

/// What one kind of evidence proves for the retention rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// An active role in contributions.
    pub active_role: bool,
    /// An event, a working group, or mentorship.
    pub engagement: bool,
}

/// The one table of the retention rule. Every kind is listed, so a new kind of activity does not
/// compile until someone decides what it proves.
///
/// | evidence                | active role | engagement            |
/// |-------------------------|-------------|-----------------------|
/// | commit, co-authored, reviewed, signed-off | yes | no             |
/// | contribution            | yes         | no                    |
/// | initiative              | yes         | no                    |
/// | update, check-in        | yes         | yes (working group)   |
/// | hours                   | yes         | yes (working group)   |
/// | facilitated             | yes         | yes (working group)   |
/// | joined                  | no          | yes (working group)   |
/// | attended (a meeting or an event) | no | yes                   |
/// | event (organized)       | no          | yes (event)           |
/// | mentorship record       | no          | yes (mentorship)      |
/// | facilitator attestation | yes         | no                    |
pub fn counts(kind: EvidenceKind) -> Counts {
    use ActivityKind as K;
    let (active_role, engagement) = match kind {
        EvidenceKind::Activity(k) => match k {
            K::Commit | K::CoAuthored | K::Reviewed | K::SignedOff => (true, false),
            K::Contribution | K::Initiative => (true, false),
            K::Update | K::CheckIn | K::Hours | K::Facilitated => (true, true),
            K::Joined | K::Attended | K::Event => (false, true),
        },
        EvidenceKind::Mentorship => (false, true),
        EvidenceKind::Attestation => (true, false),
    };
    Counts {
        active_role,
        engagement,
    }
}

/// A person's evidence over one year (the year of the term being evaluated): how many of each kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ActivitySummary {
    pub activity: BTreeMap<ActivityKind, u64>,
    pub mentorships: u64,
    pub attestations: u64,
}

impl ActivitySummary {
    /// Every kind with a count above zero.
    pub fn kinds(&self) -> impl Iterator<Item = (EvidenceKind, u64)> + '_ {
        self.activity
            .iter()
            .map(|(k, n)| (EvidenceKind::Activity(*k), *n))
            .chain([
                (EvidenceKind::Mentorship, self.mentorships),
                (EvidenceKind::Attestation, self.attestations),
            ])
            .filter(|(_, n)| *n > 0)
    }
}

category!(
    /// Why a member does not renew, for the panel's list and the warning mail: no contribution of
    /// any kind in the year, or no event, working group or mentorship in it.
    RetentionGap, "retention-gap", "invalid-retention-gap", {
        NoActiveRole => "no-active-role",
        NoEngagement => "no-engagement",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RetentionCheck {
    pub active_role: bool,
    pub engagement: bool,
    /// Both hold: the member is proposed for renewal (the panel confirms).
    pub renews: bool,
    /// What is missing, empty when `renews`.
    pub reasons: Vec<RetentionGap>,
}

pub fn retention_check(year: &ActivitySummary) -> RetentionCheck {
    let (mut active_role, mut engagement) = (false, false);
    for (kind, _) in year.kinds() {
        let c = counts(kind);
        active_role |= c.active_role;
        engagement |= c.engagement;
    }
    let mut reasons = vec![];
    if !active_role {
        reasons.push(RetentionGap::NoActiveRole);
    }
    if !engagement {
        reasons.push(RetentionGap::NoEngagement);
    }
    RetentionCheck {
        active_role,
        engagement,
        renews: active_role && engagement,
        reasons,
    }
}

/// The months of a term in which the member is warned that the evaluation comes.
pub const WARNING_MONTHS: [u8; 2] = [9, 11];

/// The warning to send today, if any: the latest of month 9 and month 11 that has begun within the
/// term and was not sent. Never an older warning once a later one is due (a term recorded late
/// gets only the month-11 warning), and nothing after the term's end.
pub fn warning_due(term_start: NaiveDate, today: NaiveDate, already_sent: &[u8]) -> Option<u8> {
    if today > term_end(term_start) {
        return None;
    }
    let latest = WARNING_MONTHS
        .iter()
        .copied()
        .filter(|m| month_start(term_start, u32::from(*m)) <= today)
        .max()?;
    (!already_sent.iter().any(|s| *s >= latest)).then_some(latest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn year(kinds: &[ActivityKind], mentorships: u64, attestations: u64) -> ActivitySummary {
        ActivitySummary {
            activity: kinds.iter().map(|k| (*k, 1)).collect(),
            mentorships,
            attestations,
        }
    }

    #[test]
    fn a_contribution_and_an_event_renew() {
        use ActivityKind as K;
        let c = retention_check(&year(&[K::Commit, K::Attended], 0, 0));
        assert!(c.active_role && c.engagement && c.renews && c.reasons.is_empty());
        let c = retention_check(&year(&[K::Facilitated], 0, 0));
        assert!(c.renews, "facilitating a working group is both");
        let c = retention_check(&year(&[K::Commit, K::Contribution], 0, 0));
        assert_eq!(c.reasons, [RetentionGap::NoEngagement]);
        let c = retention_check(&year(&[K::Event, K::Joined], 1, 0));
        assert_eq!(c.reasons, [RetentionGap::NoActiveRole]);
        let c = retention_check(&year(&[], 1, 1));
        assert!(c.renews, "an attestation and a mentorship");
        let c = retention_check(&ActivitySummary::default());
        assert_eq!(
            c.reasons,
            [RetentionGap::NoActiveRole, RetentionGap::NoEngagement]
        );
        // Zero counts are no evidence.
        let zero = ActivitySummary {
            activity: [(K::Commit, 0), (K::Event, 0)].into_iter().collect(),
            ..Default::default()
        };
        assert!(!retention_check(&zero).renews);
        assert_eq!(RetentionGap::NoActiveRole.slug(), "no-active-role");
        for k in ActivityKind::ALL {
            let e = EvidenceKind::Activity(*k);
            assert_eq!(EvidenceKind::parse(e.slug()), Ok(e));
        }
        for e in [EvidenceKind::Mentorship, EvidenceKind::Attestation] {
            assert_eq!(EvidenceKind::parse(e.slug()), Ok(e));
        }
        assert_eq!(EvidenceKind::parse("nap"), Err("invalid-kind"));
    }

    #[test]
    fn warnings_come_at_month_nine_and_eleven_once_each() {
        let start = d("2027-07-01");
        assert_eq!(warning_due(start, d("2028-02-29"), &[]), None);
        assert_eq!(warning_due(start, d("2028-03-01"), &[]), Some(9));
        assert_eq!(warning_due(start, d("2028-03-15"), &[9]), None);
        assert_eq!(warning_due(start, d("2028-05-01"), &[9]), Some(11));
        assert_eq!(warning_due(start, d("2028-05-02"), &[9, 11]), None);
        // A late start: only the latest warning, never both.
        assert_eq!(warning_due(start, d("2028-06-01"), &[]), Some(11));
        assert_eq!(warning_due(start, d("2028-06-02"), &[11]), None);
        // After the term, nothing.
        assert_eq!(warning_due(start, d("2028-07-01"), &[]), None);
    }

    proptest! {
        /// More evidence never turns a renewal into a lapse, and a renewal needs both halves.
        #[test]
        fn more_evidence_never_hurts(
            kinds in prop::collection::vec(prop::sample::select(ActivityKind::ALL.to_vec()), 0..6),
            extra in prop::sample::select(ActivityKind::ALL.to_vec()),
            m in 0u64..2,
            a in 0u64..2,
        ) {
            let base = year(&kinds, m, a);
            let mut more = base.clone();
            *more.activity.entry(extra).or_default() += 1;
            let (b, x) = (retention_check(&base), retention_check(&more));
            prop_assert!(!b.renews || x.renews);
            prop_assert_eq!(b.renews, b.active_role && b.engagement);
            prop_assert_eq!(b.renews, b.reasons.is_empty());
        }

        /// Warnings: at most one a day, never one already sent or older than one sent, only in the term.
        #[test]
        fn warnings_are_due_once_in_order(start_off in 0i64..1500, day in 0i64..420, sent_9: bool, sent_11: bool) {
            let start = d("2025-01-01") + chrono::Duration::days(start_off);
            let today = start + chrono::Duration::days(day);
            let mut sent = vec![];
            if sent_9 { sent.push(9) }
            if sent_11 { sent.push(11) }
            if let Some(w) = warning_due(start, today, &sent) {
                prop_assert!(WARNING_MONTHS.contains(&w));
                prop_assert!(!sent.contains(&w));
                prop_assert!(sent.iter().all(|s| *s < w));
                prop_assert!(month_start(start, u32::from(w)) <= today && today <= term_end(start));
                let mut after = sent.clone();
                after.push(w);
                prop_assert_eq!(warning_due(start, today, &after), None);
            }
        }
    }
}
