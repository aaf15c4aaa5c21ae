//! Working groups, focus groups and committees (issue 10). A group is a governance body of kind
//! `group` (`crate::governance`): this module adds what a group is beyond deciding (its kind, parent,
//! purpose and charter, time commitment, channels, how people join) and the rules of membership and
//! facilitation. Membership itself stays a role grant (`Facilitator`, `GroupMember`) scoped to the
//! body, so permissions need no second concept; who holds the primary or secondary facilitator's seat
//! when is a facilitator term.

use crate::category;
use crate::governance::{Standing, Visibility};
use crate::validation::ValidationErrors;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

pub mod figures;
pub mod hours;
pub mod initiatives;
pub mod meetings;
pub mod okr_proposals;
pub mod okrs;
pub mod updates;

#[cfg(test)]
mod tests;

category!(
    /// What kind of group: a standing working group, a focus group under one, or a committee or panel.
    GroupKind, "group-kind", "invalid-group-kind", {
        WorkingGroup => "working-group",
        FocusGroup => "focus-group",
        Committee => "committee",
    }
);

category!(
    /// How a person becomes a member: by joining, or by asking a facilitator.
    Membership, "group-membership", "invalid-membership", {
        Open => "open",
        ByRequest => "by-request",
    }
);

category!(
    /// The seat a facilitator term fills. Seed 000 recommends "both a primary and a secondary
    /// facilitator (even on a rotating basis)".
    Seat, "group-seat", "invalid-seat", {
        Primary => "primary",
        Secondary => "secondary",
    }
);

category!(
    /// Where a request to join stands.
    RequestStatus, "join-status", "invalid-status", {
        Pending => "pending",
        Accepted => "accepted",
        Declined => "declined",
    }
);

/// A person's role in a group, as shown on its member list.
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
#[serde(rename_all = "kebab-case")]
pub enum GroupRole {
    PrimaryFacilitator,
    SecondaryFacilitator,
    Member,
}

impl GroupRole {
    pub fn slug(self) -> &'static str {
        match self {
            GroupRole::PrimaryFacilitator => "primary-facilitator",
            GroupRole::SecondaryFacilitator => "secondary-facilitator",
            GroupRole::Member => "member",
        }
    }

    pub fn label_key(self) -> String {
        format!("group-role-{}", self.slug())
    }

    /// The role of someone who holds the facilitator grant (`facilitates`) and the seats of their
    /// current terms. A facilitator appointed without a term (by an admin) is a secondary one.
    pub fn of(facilitates: bool, current_seats: &[Seat]) -> GroupRole {
        if current_seats.contains(&Seat::Primary) {
            GroupRole::PrimaryFacilitator
        } else if facilitates || current_seats.contains(&Seat::Secondary) {
            GroupRole::SecondaryFacilitator
        } else {
            GroupRole::Member
        }
    }
}

/// A month has at most 744 hours (31 × 24): the bound of every hours figure.
pub const MAX_HOURS_PER_MONTH: i64 = 744;
/// How long before a term ends its facilitator is reminded to plan the next one.
pub const TERM_REMINDER_DAYS: i64 = 14;
/// Terms are rotations, not tenures.
pub const MAX_TERM_DAYS: i64 = 366;
pub const MAX_TEXT: usize = 10_000;
pub const MAX_SHORT: usize = 200;

/// The time a group expects of its members, in hours per month ("10-20 hours a month", seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HoursRange {
    pub min: i64,
    pub max: i64,
}

impl HoursRange {
    /// Both bounds empty means "no expectation stated".
    pub fn parse(min: &str, max: &str, e: &mut ValidationErrors) -> Option<Option<HoursRange>> {
        let (min, max) = (min.trim(), max.trim());
        if min.is_empty() && max.is_empty() {
            return Some(None);
        }
        let bound = |field: &str, s: &str, e: &mut ValidationErrors| -> Option<i64> {
            match s.parse::<i64>() {
                _ if s.is_empty() => {
                    e.add(field, "required");
                    None
                }
                Ok(n) if (0..=MAX_HOURS_PER_MONTH).contains(&n) => Some(n),
                Ok(_) => {
                    e.add(field, "out-of-range");
                    None
                }
                Err(_) => {
                    e.add(field, "invalid-number");
                    None
                }
            }
        };
        let lo = bound("hours_min", min, e);
        let hi = bound("hours_max", max, e);
        let (lo, hi) = (lo?, hi?);
        if hi < lo {
            e.add("hours_max", "below-minimum");
            return None;
        }
        Some(Some(HoursRange { min: lo, max: hi }))
    }
}

/// What a group says about itself, as its facilitators edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GroupProfile {
    pub kind: GroupKind,
    /// The slug of the group this one sits under (the focus groups under the Biz Dev Working Group).
    pub parent: Option<String>,
    pub purpose: String,
    pub charter: String,
    pub hours: Option<HoursRange>,
    pub chat_channel: String,
    pub chat_url: Option<String>,
    pub mailing_list: String,
    pub membership: Membership,
    pub visibility: Visibility,
}

/// The profile form or API body, as text.
#[derive(Debug, Default, Clone, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProfileInput {
    pub kind: String,
    pub parent: String,
    pub purpose: String,
    pub charter: String,
    pub hours_min: String,
    pub hours_max: String,
    pub chat_channel: String,
    pub chat_url: String,
    pub mailing_list: String,
    pub membership: String,
    pub visibility: String,
}

fn text(e: &mut ValidationErrors, field: &str, s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() > max {
        e.add(field, "too-long");
    }
    s.to_string()
}

impl ProfileInput {
    pub fn parse(&self) -> Result<GroupProfile, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let kind = e.check("kind", GroupKind::parse(&self.kind));
        let membership = e.check("membership", Membership::parse(&self.membership));
        let visibility = e.check("visibility", Visibility::parse(&self.visibility));
        let parent = match self.parent.trim() {
            "" => None,
            s => e.check("parent", crate::partner::parse_slug(s)),
        };
        let purpose = text(&mut e, "purpose", &self.purpose, MAX_TEXT);
        let charter = text(&mut e, "charter", &self.charter, MAX_TEXT);
        let hours = HoursRange::parse(&self.hours_min, &self.hours_max, &mut e);
        let chat_channel = text(&mut e, "chat_channel", &self.chat_channel, MAX_SHORT);
        let chat_url = match self.chat_url.trim() {
            "" => None,
            s => e.check("chat_url", crate::partner::parse_web_url(s)),
        };
        let mailing_list = parse_mailing_list(&mut e, &self.mailing_list);
        match (kind, membership, visibility, hours) {
            (Some(kind), Some(membership), Some(visibility), Some(hours)) if e.is_empty() => {
                Ok(GroupProfile {
                    kind,
                    parent,
                    purpose,
                    charter,
                    hours,
                    chat_channel,
                    chat_url,
                    mailing_list,
                    membership,
                    visibility,
                })
            }
            _ => Err(e),
        }
    }
}

/// A mailing list is an address or the web page of the list.
fn parse_mailing_list(e: &mut ValidationErrors, s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        return String::new();
    }
    if s.contains('@') && !s.contains('/') {
        match crate::person::Email::parse(s) {
            Ok(m) => m.as_str().to_string(),
            Err(code) => {
                e.add("mailing_list", code);
                String::new()
            }
        }
    } else {
        e.check("mailing_list", crate::partner::parse_web_url(s))
            .unwrap_or_default()
    }
}

/// Whether `parent` may become the parent of `group`: not itself, and not one of its own descendants
/// (`parent_of` gives each group's current parent), so the tree never loops.
pub fn parent_allowed(group: i64, parent: i64, parent_of: impl Fn(i64) -> Option<i64>) -> bool {
    let mut at = Some(parent);
    let mut steps = 0;
    while let Some(id) = at {
        if id == group {
            return false;
        }
        steps += 1;
        if steps > 10_000 {
            return false;
        }
        at = parent_of(id);
    }
    true
}

/// What asking to be in a group leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joining {
    /// An open group: the person is a member at once.
    Joined,
    /// A by-request group: a facilitator answers the request.
    Requested,
}

/// The one rule for signing up: signed in, not yet a member, and, in a by-request group, through a
/// request (`asked`) rather than a plain join. Errors are field codes on `membership`.
pub fn sign_up(
    membership: Membership,
    s: Standing,
    asked: bool,
    pending: bool,
) -> Result<Joining, &'static str> {
    if !s.signed_in {
        return Err("sign-in-required");
    }
    if s.member || s.facilitator {
        return Err("already-member");
    }
    match (membership, asked) {
        (Membership::Open, _) => Ok(Joining::Joined),
        (Membership::ByRequest, false) => Err("by-request"),
        (Membership::ByRequest, true) if pending => Err("request-pending"),
        (Membership::ByRequest, true) => Ok(Joining::Requested),
    }
}

/// Facilitators (and admins) edit a group, answer its join requests and plan its terms.
pub fn may_facilitate(s: Standing) -> bool {
    s.admin || s.facilitator
}

/// A facilitator term: who holds which seat from `starts_on` up to and including `ends_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub person_id: i64,
    pub seat: Seat,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TermState {
    Planned,
    Current,
    Past,
}

impl Term {
    pub fn state(&self, today: NaiveDate) -> TermState {
        if today < self.starts_on {
            TermState::Planned
        } else if today <= self.ends_on {
            TermState::Current
        } else {
            TermState::Past
        }
    }

    fn overlaps(&self, other: &Term) -> bool {
        self.starts_on <= other.ends_on && other.starts_on <= self.ends_on
    }

    /// The reminder to plan the next term is due in the last `TERM_REMINDER_DAYS` of a term.
    pub fn reminder_due(&self, today: NaiveDate) -> bool {
        self.state(today) == TermState::Current
            && today >= self.ends_on - Duration::days(TERM_REMINDER_DAYS)
    }
}

/// Parses a term's dates and checks it against the group's other terms: a seat has one holder at a
/// time, a person holds one seat at a time, and a term is planned from today on (history is not
/// rewritten).
pub fn check_term(
    person_id: i64,
    seat: &str,
    starts_on: &str,
    ends_on: &str,
    today: NaiveDate,
    others: &[Term],
) -> Result<Term, ValidationErrors> {
    let mut e = ValidationErrors::new();
    let seat = e.check("seat", Seat::parse(seat));
    let date = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| match s.trim() {
            "" => "required",
            _ => "invalid-date",
        })
    };
    let start = e.check("starts_on", date(starts_on));
    let end = e.check("ends_on", date(ends_on));
    let (Some(seat), Some(starts_on), Some(ends_on)) = (seat, start, end) else {
        return Err(e);
    };
    if starts_on < today {
        e.add("starts_on", "in-the-past");
    }
    if ends_on < starts_on {
        e.add("ends_on", "before-start");
    } else if (ends_on - starts_on).num_days() >= MAX_TERM_DAYS {
        e.add("ends_on", "term-too-long");
    }
    let term = Term {
        person_id,
        seat,
        starts_on,
        ends_on,
    };
    if e.is_empty() {
        if others.iter().any(|o| o.seat == seat && o.overlaps(&term)) {
            e.add("starts_on", "seat-taken");
        } else if others
            .iter()
            .any(|o| o.person_id == person_id && o.overlaps(&term))
        {
            e.add("person", "already-facilitating");
        }
    }
    e.into_result(term)
}

/// A person holding a current or planned term hands it over before leaving.
pub fn may_leave(person_id: i64, terms: &[Term], today: NaiveDate) -> Result<(), &'static str> {
    if terms
        .iter()
        .any(|t| t.person_id == person_id && t.state(today) != TermState::Past)
    {
        Err("facilitator-must-hand-over")
    } else {
        Ok(())
    }
}

/// A decline says why, so the person knows what to do next.
pub fn decline_reason(reason: &str) -> Result<String, &'static str> {
    let r = reason.trim();
    if r.is_empty() {
        Err("required")
    } else if r.chars().count() > 2000 {
        Err("too-long")
    } else {
        Ok(r.to_string())
    }
}
