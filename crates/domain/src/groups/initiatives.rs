//! Initiatives of a group (issue 10): a piece of work a group takes on, with a goal, deliverables,
//! the funnel stages it serves, an open call for participants with a closing date, participants
//! (a person, for an organization or none), a cross-validation reviewer, co-branding sponsors (each
//! added with the acknowledgement of the branding guidelines), a status and links to what it produced.
//!
//! Seed 002 (the Marketing Working Group's guidelines) favours initiatives that engage more than one
//! member or have a cross-validation mechanism, and gives contributions from new members special
//! value: an initiative is **multi-stakeholder** when its participants come from two or more
//! organizations, or its cross-validator is from an organization none of the participants has; such
//! initiatives are listed first. A new member's first contribution is highlighted.

use crate::category;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeSet;

category!(
    /// The stage of an adopter's decision the initiative serves (seed 002's list).
    FunnelStage, "funnel-stage", "invalid-funnel-stage", {
        Awareness => "awareness",
        Interest => "interest",
        Consideration => "consideration",
        Intent => "intent",
        Evaluation => "evaluation",
        Action => "action",
    }
);

category!(
    /// Where an initiative stands: proposed → open call → in progress → completed, or cancelled
    /// before it completes.
    InitiativeStatus, "initiative-status", "invalid-status", {
        Proposed => "proposed",
        OpenCall => "open-call",
        InProgress => "in-progress",
        Completed => "completed",
        Cancelled => "cancelled",
    }
);

pub const MAX_TITLE: usize = 200;
pub const MAX_GOAL: usize = 2_000;
pub const MAX_DELIVERABLES: usize = 5_000;
pub const MAX_SPONSOR: usize = 200;
pub const MAX_OUTPUT_TITLE: usize = 200;
/// A member is new for this long after joining the group.
pub const NEW_MEMBER_DAYS: i64 = 90;

impl InitiativeStatus {
    /// Whether the status may move from `self` to `to`: one step forward, or cancelled while not
    /// finished.
    pub fn may_become(self, to: InitiativeStatus) -> bool {
        use InitiativeStatus::*;
        matches!(
            (self, to),
            (Proposed, OpenCall)
                | (OpenCall, InProgress)
                | (InProgress, Completed)
                | (Proposed | OpenCall | InProgress, Cancelled)
        )
    }

    /// Completed and cancelled initiatives change no more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            InitiativeStatus::Completed | InitiativeStatus::Cancelled
        )
    }

    /// The order of statuses in a list: open calls first (people can join), then work in progress,
    /// proposals, and finished work.
    pub fn list_rank(self) -> u8 {
        match self {
            InitiativeStatus::OpenCall => 0,
            InitiativeStatus::InProgress => 1,
            InitiativeStatus::Proposed => 2,
            InitiativeStatus::Completed => 3,
            InitiativeStatus::Cancelled => 4,
        }
    }
}

/// Checks a change of status, naming the `status` field; opening the call needs a closing date
/// that has not passed.
pub fn check_status_change(
    from: InitiativeStatus,
    to: InitiativeStatus,
    call_closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    if from == to || !from.may_become(to) {
        return Err(ValidationErrors::single("status", "invalid-transition"));
    }
    if to == InitiativeStatus::OpenCall {
        match call_closes_on {
            None => return Err(ValidationErrors::single("call_closes_on", "required")),
            Some(d) if d < today => {
                return Err(ValidationErrors::single("call_closes_on", "date-in-past"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Whether a person may join now: only during an open call, up to and including its closing day.
/// The error names the field the refusal is about.
pub fn check_join(
    status: InitiativeStatus,
    call_closes_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    if status != InitiativeStatus::OpenCall {
        return Err(ValidationErrors::single("status", "call-not-open"));
    }
    match call_closes_on {
        Some(d) if d >= today => Ok(()),
        _ => Err(ValidationErrors::single("call_closes_on", "call-closed")),
    }
}

/// An initiative as its facilitators define it (status, id and people are the store's).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Initiative {
    pub title: String,
    pub goal: String,
    pub deliverables: String,
    /// At least one, in the funnel's order.
    pub stages: Vec<FunnelStage>,
    /// The last day of the open call, if one is planned.
    #[schema(value_type = Option<String>, example = "2026-03-31")]
    pub call_closes_on: Option<NaiveDate>,
}

/// The initiative form or API body, as text.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct InitiativeInput {
    pub title: String,
    pub goal: String,
    pub deliverables: String,
    /// Funnel stages' slugs (`awareness`, `interest`, `consideration`, `intent`, `evaluation`,
    /// `action`), separated by commas or spaces.
    pub stages: String,
    /// The call's closing day, `2026-03-31`; empty when no call is planned yet.
    pub call_closes_on: String,
}

fn text(e: &mut ValidationErrors, field: &str, s: &str, max: usize, required: bool) -> String {
    let s = crate::text::normalize_newlines(s.trim());
    if required && s.is_empty() {
        e.add(field, "required");
    } else if s.chars().count() > max {
        e.add(field, "too-long");
    }
    s
}

/// Funnel stages separated by commas or white space: at least one, repeats dropped, in the
/// funnel's order.
pub fn parse_stages(s: &str) -> Result<Vec<FunnelStage>, &'static str> {
    let mut set = BTreeSet::new();
    for part in s
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        set.insert(FunnelStage::parse(part)?);
    }
    if set.is_empty() {
        return Err("stage-required");
    }
    Ok(set.into_iter().collect())
}

/// A closing day: empty for none, otherwise `YYYY-MM-DD` not before `today`.
pub fn parse_closing_day(s: &str, today: NaiveDate) -> Result<Option<NaiveDate>, &'static str> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| "invalid-date")?;
    if d < today {
        return Err("date-in-past");
    }
    Ok(Some(d))
}

impl InitiativeInput {
    /// Parses the form as of `today` (the closing day may not be in the past).
    pub fn parse(&self, today: NaiveDate) -> Result<Initiative, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = text(&mut e, "title", &self.title, MAX_TITLE, true);
        let goal = text(&mut e, "goal", &self.goal, MAX_GOAL, true);
        let deliverables = text(
            &mut e,
            "deliverables",
            &self.deliverables,
            MAX_DELIVERABLES,
            false,
        );
        let stages = e.check("stages", parse_stages(&self.stages));
        let call = e.check(
            "call_closes_on",
            parse_closing_day(&self.call_closes_on, today),
        );
        match (stages, call) {
            (Some(stages), Some(call_closes_on)) if e.is_empty() => Ok(Initiative {
                title,
                goal,
                deliverables,
                stages,
                call_closes_on,
            }),
            _ => Err(e),
        }
    }

    /// The form filled with an initiative's current values (for editing).
    pub fn of(i: &Initiative) -> InitiativeInput {
        InitiativeInput {
            title: i.title.clone(),
            goal: i.goal.clone(),
            deliverables: i.deliverables.clone(),
            stages: i
                .stages
                .iter()
                .map(|s| s.slug())
                .collect::<Vec<_>>()
                .join(", "),
            call_closes_on: i
                .call_closes_on
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        }
    }
}

/// A link to something the initiative produced.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Output {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OutputInput {
    pub title: String,
    /// An http(s) address.
    pub url: String,
}

impl OutputInput {
    pub fn parse(&self) -> Result<Output, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let title = text(&mut e, "title", &self.title, MAX_OUTPUT_TITLE, true);
        let url = e.check("url", crate::partner::parse_web_url(&self.url));
        match url {
            Some(url) if e.is_empty() => Ok(Output { title, url }),
            _ => Err(e),
        }
    }
}

/// A sponsor co-brands the initiative: an organization's name, added only with the
/// acknowledgement that its branding follows the Open edX branding guidelines (seed 002).
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SponsorInput {
    /// The sponsoring organization's name.
    pub name: String,
    /// `on` (or `true`, `yes`, `1`): the sponsor acknowledges the branding guidelines.
    pub branding_acknowledged: String,
}

impl SponsorInput {
    pub fn parse(&self) -> Result<String, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let name = text(&mut e, "name", &self.name, MAX_SPONSOR, true);
        if !matches!(
            self.branding_acknowledged.trim(),
            "on" | "true" | "yes" | "1"
        ) {
            e.add("branding_acknowledged", "branding-acknowledgement-required");
        }
        e.into_result(name)
    }
}

/// The multi-stakeholder rule: participants from two or more organizations, or a cross-validator
/// from an organization none of the participants has. `participants` are the participants'
/// organizations (`None`: participating for no organization), `validator` the cross-validator's
/// (outer `None`: no cross-validator).
pub fn is_multi_stakeholder(participants: &[Option<i64>], validator: Option<Option<i64>>) -> bool {
    let orgs: BTreeSet<i64> = participants.iter().flatten().copied().collect();
    // A cross-validator is "from another organization" only beside a participant's organization:
    // an initiative nobody has joined yet involves no stakeholder at all.
    orgs.len() >= 2
        || (!participants.is_empty() && matches!(validator, Some(Some(v)) if !orgs.contains(&v)))
}

/// What a list orders initiatives by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListKey {
    pub multi_stakeholder: bool,
    pub status: InitiativeStatus,
    pub call_closes_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub id: i64,
}

/// Multi-stakeholder initiatives first (the MWG's guidelines favour them), then by status (open
/// calls, in progress, proposed, completed, cancelled), then the call closing soonest (none last),
/// then the newest.
pub fn list_order(a: &ListKey, b: &ListKey) -> Ordering {
    b.multi_stakeholder
        .cmp(&a.multi_stakeholder)
        .then(a.status.list_rank().cmp(&b.status.list_rank()))
        .then(match (a.call_closes_on, b.call_closes_on) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then(b.created_at.cmp(&a.created_at))
        .then(b.id.cmp(&a.id))
}

/// A new member's first contribution: the person joined the group at most `NEW_MEMBER_DAYS` before
/// joining this initiative, and joined no initiative of the group before this one.
pub fn is_first_contribution(
    member_since: Option<DateTime<Utc>>,
    joined_at: DateTime<Utc>,
    earlier_initiatives: usize,
) -> bool {
    earlier_initiatives == 0
        && member_since
            .is_some_and(|m| m <= joined_at && joined_at - m <= Duration::days(NEW_MEMBER_DAYS))
}

/// Who edits an initiative, changes its status and manages its cross-validator, sponsors and
/// outputs: the group's facilitators and admins.
pub fn may_manage(facilitator: bool, admin: bool) -> bool {
    facilitator || admin
}

/// Who joins an open call: the group's members (facilitators are members too).
pub fn may_join(member: bool, facilitator: bool) -> bool {
    member || facilitator
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0)
            .single()
            .expect("instant")
    }

    fn input() -> InitiativeInput {
        InitiativeInput {
            title: "How-to video series".into(),
            goal: "Show adopters how to run a course".into(),
            deliverables: "Six videos".into(),
            stages: "consideration, awareness".into(),
            call_closes_on: "2026-03-31".into(),
        }
    }

    fn code(i: &InitiativeInput, field: &str) -> Option<&'static str> {
        i.parse(day("2026-03-01")).expect_err("invalid").get(field)
    }

    #[test]
    fn a_plain_initiative_parses_with_stages_in_funnel_order() {
        let i = input().parse(day("2026-03-01")).expect("valid");
        assert_eq!(
            i.stages,
            vec![FunnelStage::Awareness, FunnelStage::Consideration]
        );
        assert_eq!(i.call_closes_on, Some(day("2026-03-31")));
        assert_eq!(InitiativeInput::of(&i).parse(day("2026-03-01")), Ok(i));
    }

    #[test]
    fn bad_input_names_its_field() {
        let mut i = input();
        i.title = "  ".into();
        assert_eq!(code(&i, "title"), Some("required"));
        let mut i = input();
        i.goal = String::new();
        assert_eq!(code(&i, "goal"), Some("required"));
        let mut i = input();
        i.stages = " ".into();
        assert_eq!(code(&i, "stages"), Some("stage-required"));
        let mut i = input();
        i.stages = "awareness, fame".into();
        assert_eq!(code(&i, "stages"), Some("invalid-funnel-stage"));
        let mut i = input();
        i.call_closes_on = "2026-02-28".into();
        assert_eq!(code(&i, "call_closes_on"), Some("date-in-past"));
        let mut i = input();
        i.call_closes_on = "soon".into();
        assert_eq!(code(&i, "call_closes_on"), Some("invalid-date"));
        let mut i = input();
        i.call_closes_on = String::new();
        assert_eq!(
            i.parse(day("2026-03-01")).expect("valid").call_closes_on,
            None
        );
        // The closing day may be today.
        i.call_closes_on = "2026-03-01".into();
        assert!(i.parse(day("2026-03-01")).is_ok());
    }

    #[test]
    fn outputs_are_http_links() {
        let ok = OutputInput {
            title: "Video 1".into(),
            url: "https://www.youtube.com/watch?v=abc".into(),
        };
        assert!(ok.parse().is_ok());
        for bad in ["javascript:alert(1)", "ftp://example.org/x", "example"] {
            let o = OutputInput {
                url: bad.into(),
                ..ok.clone()
            };
            assert_eq!(o.parse().expect_err(bad).get("url"), Some("invalid-url"));
        }
        let o = OutputInput {
            title: String::new(),
            ..ok
        };
        assert_eq!(o.parse().expect_err("title").get("title"), Some("required"));
    }

    #[test]
    fn sponsors_need_the_branding_acknowledgement() {
        let s = SponsorInput {
            name: "Example Learning".into(),
            branding_acknowledged: String::new(),
        };
        assert_eq!(
            s.parse().expect_err("no ack").get("branding_acknowledged"),
            Some("branding-acknowledgement-required")
        );
        let s = SponsorInput {
            branding_acknowledged: "on".into(),
            ..s
        };
        assert_eq!(s.parse(), Ok("Example Learning".to_string()));
    }

    #[test]
    fn the_life_cycle_moves_one_step_or_cancels() {
        use InitiativeStatus::*;
        assert!(Proposed.may_become(OpenCall));
        assert!(OpenCall.may_become(InProgress));
        assert!(InProgress.may_become(Completed));
        assert!(Proposed.may_become(Cancelled));
        assert!(!Proposed.may_become(Completed));
        assert!(!Completed.may_become(Cancelled));
        assert!(!Cancelled.may_become(OpenCall));
        let today = day("2026-03-01");
        assert_eq!(
            check_status_change(Proposed, OpenCall, None, today)
                .expect_err("no date")
                .get("call_closes_on"),
            Some("required")
        );
        assert_eq!(
            check_status_change(Proposed, OpenCall, Some(day("2026-02-01")), today)
                .expect_err("past")
                .get("call_closes_on"),
            Some("date-in-past")
        );
        assert!(check_status_change(Proposed, OpenCall, Some(today), today).is_ok());
        assert_eq!(
            check_status_change(Completed, InProgress, None, today)
                .expect_err("final")
                .get("status"),
            Some("invalid-transition")
        );
    }

    #[test]
    fn joining_needs_an_open_call_not_yet_closed() {
        let today = day("2026-03-10");
        assert!(check_join(InitiativeStatus::OpenCall, Some(today), today).is_ok());
        assert_eq!(
            check_join(InitiativeStatus::OpenCall, Some(day("2026-03-09")), today)
                .expect_err("closed")
                .get("call_closes_on"),
            Some("call-closed")
        );
        assert_eq!(
            check_join(InitiativeStatus::Proposed, Some(today), today)
                .expect_err("not open")
                .get("status"),
            Some("call-not-open")
        );
    }

    #[test]
    fn multi_stakeholder_examples() {
        assert!(!is_multi_stakeholder(&[], None));
        assert!(!is_multi_stakeholder(&[Some(1), Some(1), None], None));
        assert!(is_multi_stakeholder(&[Some(1), Some(2)], None));
        // A cross-validator from another organization.
        assert!(is_multi_stakeholder(&[Some(1)], Some(Some(2))));
        assert!(!is_multi_stakeholder(&[Some(1)], Some(Some(1))));
        assert!(!is_multi_stakeholder(&[Some(1)], Some(None)));
        assert!(is_multi_stakeholder(&[None], Some(Some(3))));
        // Nobody has joined yet: a cross-validator alone is not several stakeholders.
        assert!(!is_multi_stakeholder(&[], Some(Some(2))));
    }

    #[test]
    fn first_contributions_of_new_members() {
        let joined = at(2026, 3, 1);
        assert!(is_first_contribution(Some(at(2026, 2, 1)), joined, 0));
        assert!(!is_first_contribution(Some(at(2026, 2, 1)), joined, 1));
        assert!(!is_first_contribution(Some(at(2025, 6, 1)), joined, 0));
        assert!(!is_first_contribution(None, joined, 0));
    }

    #[test]
    fn slugs_round_trip() {
        for s in FunnelStage::ALL {
            assert_eq!(FunnelStage::parse(s.slug()), Ok(*s));
        }
        for s in InitiativeStatus::ALL {
            assert_eq!(InitiativeStatus::parse(s.slug()), Ok(*s));
        }
    }

    fn status() -> impl Strategy<Value = InitiativeStatus> {
        proptest::sample::select(InitiativeStatus::ALL.to_vec())
    }

    fn key() -> impl Strategy<Value = ListKey> {
        (
            any::<bool>(),
            status(),
            proptest::option::of(0u32..60),
            0i64..1_000,
            1i64..50,
        )
            .prop_map(|(multi_stakeholder, status, d, t, id)| ListKey {
                multi_stakeholder,
                status,
                call_closes_on: d.map(|d| day("2026-03-01") + Duration::days(d.into())),
                created_at: at(2026, 1, 1) + Duration::minutes(t),
                id,
            })
    }

    proptest! {
        /// Adding a participant who is not of the cross-validator's organization never un-marks an
        /// initiative; one organization alone (with or without people of none) never marks it.
        #[test]
        fn multi_stakeholder_is_monotone(
            orgs in proptest::collection::vec(proptest::option::of(1i64..5), 0..6),
            more in proptest::option::of(1i64..5),
            validator in proptest::option::of(proptest::option::of(1i64..5)),
        ) {
            let before = is_multi_stakeholder(&orgs, validator);
            let mut grown = orgs.clone();
            grown.push(more);
            if more.is_none() || more != validator.flatten() {
                prop_assert!(!before || is_multi_stakeholder(&grown, validator));
            }
            let distinct: BTreeSet<i64> = orgs.iter().flatten().copied().collect();
            if distinct.len() <= 1 && validator.flatten().is_none_or(|v| distinct.contains(&v)) {
                prop_assert!(!before);
            }
        }

        /// The list puts every multi-stakeholder initiative before every other one, and is a total
        /// order consistent with sorting.
        #[test]
        fn multi_stakeholder_first(keys in proptest::collection::vec(key(), 0..20)) {
            let mut sorted = keys;
            sorted.sort_by(list_order);
            let first_other = sorted.iter().position(|k| !k.multi_stakeholder).unwrap_or(sorted.len());
            prop_assert!(sorted[first_other..].iter().all(|k| !k.multi_stakeholder));
            for w in sorted.windows(2) {
                prop_assert_ne!(list_order(&w[0], &w[1]), Ordering::Greater);
            }
        }

        /// No change of status leaves a final status, and none returns to `proposed`.
        #[test]
        fn finished_work_stays_finished(from in status(), to in status()) {
            if from.is_final() || to == InitiativeStatus::Proposed {
                prop_assert!(!from.may_become(to));
            }
        }

        /// Only an open call whose closing day has not passed admits participants.
        #[test]
        fn joining_follows_the_call(s in status(), close in proptest::option::of(0i64..20), today in 0i64..20) {
            let base = day("2026-03-01");
            let close = close.map(|d| base + Duration::days(d));
            let today = base + Duration::days(today);
            let ok = check_join(s, close, today).is_ok();
            prop_assert_eq!(ok, s == InitiativeStatus::OpenCall && close.is_some_and(|c| c >= today));
        }
    }
}
