//! Awards and their terms (seed 003: "1-Year Term – Renewable based on continued contributions";
//! "Lifetime status can be granted after a sustained 5-year contribution milestone").
//!
//! An award moves through one state machine:
//!
//! ```text
//! Nominated ─ReviewStarted→ InReview ─Declined→ Declined ─Awarded (appeal overturned)→ Awarded
//!                           InReview ─Awarded→ Awarded ─Started→ Active ─TermEnded→ Grace
//! Active (from month 10 of the term) | Grace (within the grace period) ─Renewed→ Renewed ─Started→ Active
//! Grace ─Lapsed→ Lapsed        Active | Grace | Renewed ─Emeritus→ Emeritus
//! Awarded | Active | Grace | Renewed ─Revoked→ Revoked
//! ```
//!
//! Lapsed, Emeritus and Revoked are final and always carry their reason. A lifetime award is the
//! same machine without terms: it never ends, so it is never renewed and never lapses.
//! `transition` is the only way an award changes; the calendar's own events (a term ending, a
//! renewed term starting) come from `due_events`, so a job and a page agree on the state of a day.

use super::ProgramSettings;
use crate::category;
use chrono::{Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

category!(
    /// Where an award stands. `Declined`: the panel declined, and an appeal may still overturn it.
    AwardState, "award-state", "invalid-award-state", {
        Nominated => "nominated",
        InReview => "in-review",
        Declined => "declined",
        Awarded => "awarded",
        Active => "active",
        Grace => "grace",
        Renewed => "renewed",
        Lapsed => "lapsed",
        Emeritus => "emeritus",
        Revoked => "revoked",
    }
);

impl AwardState {
    /// No event leaves these states.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            AwardState::Lapsed | AwardState::Emeritus | AwardState::Revoked
        )
    }

    /// A current Distinguished Contributor: in a term, renewed for the next, or in the grace
    /// period after one (see `Award::is_current_on` for the grace period's end).
    pub fn is_current(self) -> bool {
        matches!(
            self,
            AwardState::Active | AwardState::Renewed | AwardState::Grace
        )
    }
}

category!(
    /// A yearly award with terms, or lifetime status (no expiry).
    AwardKind, "award-kind", "invalid-award-kind", {
        Term => "term",
        Lifetime => "lifetime",
    }
);

/// What happens to an award. Final states need a non-empty reason, kept with the award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum AwardEvent {
    ReviewStarted,
    Declined {
        reason: String,
    },
    Awarded {
        #[schema(value_type = String)]
        on: NaiveDate,
    },
    /// A term begins (the first after the award, or the next after a renewal).
    Started {
        #[schema(value_type = String)]
        on: NaiveDate,
    },
    TermEnded,
    Renewed,
    Lapsed {
        reason: String,
    },
    Emeritus {
        reason: String,
    },
    Revoked {
        reason: String,
    },
}

impl AwardEvent {
    /// The state the event leads to.
    pub fn target(&self) -> AwardState {
        match self {
            AwardEvent::ReviewStarted => AwardState::InReview,
            AwardEvent::Declined { .. } => AwardState::Declined,
            AwardEvent::Awarded { .. } => AwardState::Awarded,
            AwardEvent::Started { .. } => AwardState::Active,
            AwardEvent::TermEnded => AwardState::Grace,
            AwardEvent::Renewed => AwardState::Renewed,
            AwardEvent::Lapsed { .. } => AwardState::Lapsed,
            AwardEvent::Emeritus { .. } => AwardState::Emeritus,
            AwardEvent::Revoked { .. } => AwardState::Revoked,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            AwardEvent::Declined { reason }
            | AwardEvent::Lapsed { reason }
            | AwardEvent::Emeritus { reason }
            | AwardEvent::Revoked { reason } => Some(reason),
            _ => None,
        }
    }
}

/// Whether the machine has an edge `from` → `event.target()` for an award of `kind`, dates aside.
pub fn allowed(kind: AwardKind, from: AwardState, event: &AwardEvent) -> bool {
    use AwardState as S;
    let to = event.target();
    let term = kind == AwardKind::Term;
    match (from, to) {
        (S::Nominated, S::InReview) | (S::InReview, S::Declined) => true,
        (S::InReview | S::Declined, S::Awarded) => true,
        (S::Awarded, S::Active) => true,
        (S::Renewed, S::Active) => term,
        (S::Active, S::Grace) => term,
        (S::Active | S::Grace, S::Renewed) => term,
        (S::Grace, S::Lapsed) => term,
        (S::Active | S::Grace | S::Renewed, S::Emeritus) => true,
        (S::Awarded | S::Active | S::Grace | S::Renewed, S::Revoked) => true,
        _ => false,
    }
}

/// Why an event was refused. The award is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("an award cannot go from {from} to {to}")]
    NotAllowed { from: AwardState, to: AwardState },
    #[error("going from {from} to {to} needs a reason")]
    ReasonRequired { from: AwardState, to: AwardState },
    #[error("going from {from} to {to} is allowed from {allowed_from}")]
    TooEarly {
        from: AwardState,
        to: AwardState,
        allowed_from: NaiveDate,
    },
    #[error("going from {from} to {to} was allowed until {allowed_until}")]
    TooLate {
        from: AwardState,
        to: AwardState,
        allowed_until: NaiveDate,
    },
    #[error(
        "going from {from} to {to}: the date comes before the award's previous step ({previous})"
    )]
    OutOfOrder {
        from: AwardState,
        to: AwardState,
        previous: NaiveDate,
    },
}

impl TransitionError {
    /// The stable error code, for forms and the API.
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::NotAllowed { .. } => "invalid-transition",
            TransitionError::ReasonRequired { .. } => "award-reason-required",
            TransitionError::TooEarly { .. } => "too-early",
            TransitionError::TooLate { .. } => "too-late",
            TransitionError::OutOfOrder { .. } => "award-date-out-of-order",
        }
    }
}

/// The last day of a one-year term starting on `start` (a term starting on 29 February ends on
/// 27 February, so the next one starts on the 28th).
pub fn term_end(start: NaiveDate) -> NaiveDate {
    start
        .checked_add_months(Months::new(12))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The first day of month `n` (1-based) of a term starting on `start`.
pub fn month_start(start: NaiveDate, n: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(n.saturating_sub(1)))
        .unwrap_or(NaiveDate::MAX)
}

fn add_days(d: NaiveDate, days: i64) -> NaiveDate {
    d.checked_add_signed(Duration::days(days))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// One term of an award. `end` is `None` for lifetime status, which does not expire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TermRecord {
    #[schema(value_type = String)]
    pub start: NaiveDate,
    #[schema(value_type = Option<String>)]
    pub end: Option<NaiveDate>,
    /// The member was renewed at the end of this term (the retention rule held).
    pub renewed: bool,
}

/// The clock rules of terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRules {
    /// Days after a term's end during which a renewal is still possible.
    pub grace_days: u16,
    /// The month of the term (1-based) from which an active member may be renewed early: the
    /// annual evaluation happens in the last months, after the month-9 warning.
    pub renew_from_month: u32,
}

impl Default for TermRules {
    fn default() -> Self {
        Self {
            grace_days: super::DEFAULT_GRACE_DAYS,
            renew_from_month: 10,
        }
    }
}

impl From<&ProgramSettings> for TermRules {
    fn from(s: &ProgramSettings) -> Self {
        Self {
            grace_days: s.grace_days,
            ..Self::default()
        }
    }
}

/// An award as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Award {
    pub kind: AwardKind,
    pub state: AwardState,
    #[schema(value_type = Option<String>)]
    pub awarded_on: Option<NaiveDate>,
    /// Terms in order; the last is the current or latest one.
    pub terms: Vec<TermRecord>,
    /// The day of the pending renewal, while `Renewed`.
    #[schema(value_type = Option<String>)]
    pub renewed_on: Option<NaiveDate>,
    /// The reason of a decline or of a final state.
    pub reason: Option<String>,
}

impl Award {
    /// A nomination's award, before the review.
    pub fn nominated(kind: AwardKind) -> Award {
        Award {
            kind,
            state: AwardState::Nominated,
            awarded_on: None,
            terms: vec![],
            renewed_on: None,
            reason: None,
        }
    }

    /// Lifetime status granted on `on` (see `lifetime_due`): a separate award, already awarded.
    pub fn lifetime(on: NaiveDate) -> Award {
        Award {
            state: AwardState::Awarded,
            awarded_on: Some(on),
            ..Award::nominated(AwardKind::Lifetime)
        }
    }

    pub fn current_term(&self) -> Option<&TermRecord> {
        self.terms.last()
    }

    /// The day the current term's grace period ends, for a yearly award with a term.
    pub fn grace_ends(&self, rules: &TermRules) -> Option<NaiveDate> {
        let end = self.current_term()?.end?;
        Some(add_days(end, i64::from(rules.grace_days)))
    }

    /// The first day of the term a pending renewal starts: the day after the current term, or
    /// the renewal's own day when it came during the grace period.
    pub fn next_term_start(&self) -> Option<NaiveDate> {
        let end = self.current_term()?.end?;
        let after = add_days(end, 1);
        Some(self.renewed_on.map_or(after, |r| r.max(after)))
    }

    /// A current member on `today`, the grace period's end taken into account.
    pub fn is_current_on(&self, today: NaiveDate, rules: &TermRules) -> bool {
        match self.state {
            AwardState::Active | AwardState::Renewed => true,
            AwardState::Grace => self.grace_ends(rules).is_some_and(|g| today <= g),
            _ => false,
        }
    }
}

/// Applies `event` to `award` on `today`: the new award, or why not (the award stays as it was).
/// Apply the calendar first (`state_on`): an active member whose term has passed is in grace, and
/// renewing them as active is refused as too late.
pub fn transition(
    award: &Award,
    event: &AwardEvent,
    today: NaiveDate,
    rules: &TermRules,
) -> Result<Award, TransitionError> {
    let from = award.state;
    let to = event.target();
    if !allowed(award.kind, from, event) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    if event.reason().is_some_and(|r| r.trim().is_empty()) {
        return Err(TransitionError::ReasonRequired { from, to });
    }
    let too_early = |allowed_from| TransitionError::TooEarly {
        from,
        to,
        allowed_from,
    };
    let out_of_order = |previous| TransitionError::OutOfOrder { from, to, previous };
    let mut next = award.clone();
    next.state = to;
    if let Some(r) = event.reason() {
        next.reason = Some(r.trim().to_string());
    }
    match event {
        AwardEvent::Awarded { on } => {
            if *on > today {
                return Err(too_early(*on));
            }
            next.awarded_on = Some(*on);
            next.reason = None;
        }
        AwardEvent::Started { on } => {
            if *on > today {
                return Err(too_early(*on));
            }
            if from == AwardState::Renewed {
                let start = award.next_term_start().unwrap_or(*on);
                if *on < start {
                    return Err(out_of_order(add_days(start, -1)));
                }
            } else if let Some(a) = award.awarded_on.filter(|a| on < a) {
                return Err(out_of_order(a));
            }
            next.terms.push(TermRecord {
                start: *on,
                end: (award.kind == AwardKind::Term).then(|| term_end(*on)),
                renewed: false,
            });
            next.renewed_on = None;
        }
        AwardEvent::TermEnded => {
            if let Some(end) = award.current_term().and_then(|t| t.end) {
                if today <= end {
                    return Err(too_early(add_days(end, 1)));
                }
            }
        }
        AwardEvent::Renewed => {
            let Some(term) = award.current_term().copied() else {
                return Err(TransitionError::NotAllowed { from, to });
            };
            let end = term.end.unwrap_or(NaiveDate::MAX);
            if from == AwardState::Active {
                let opens = month_start(term.start, rules.renew_from_month);
                if today < opens {
                    return Err(too_early(opens));
                }
                if today > end {
                    return Err(TransitionError::TooLate {
                        from,
                        to,
                        allowed_until: end,
                    });
                }
            } else {
                let until = add_days(end, i64::from(rules.grace_days));
                if today > until {
                    return Err(TransitionError::TooLate {
                        from,
                        to,
                        allowed_until: until,
                    });
                }
            }
            if let Some(t) = next.terms.last_mut() {
                t.renewed = true;
            }
            next.renewed_on = Some(today);
        }
        _ => {}
    }
    Ok(next)
}

/// The events the calendar alone makes due by `today`, in order: a term that ended goes to grace,
/// a renewed member's next term starts (and, long after, ends in turn). Panel events (renewals,
/// lapses) are never due by themselves.
pub fn due_events(award: &Award, today: NaiveDate, rules: &TermRules) -> Vec<AwardEvent> {
    let mut out = vec![];
    let mut a = award.clone();
    // Each step moves a term forward by at least a year, so this ends; the bound guards absurd input.
    for _ in 0..1000 {
        let event = match a.state {
            AwardState::Active
                if a.current_term()
                    .and_then(|t| t.end)
                    .is_some_and(|e| today > e) =>
            {
                AwardEvent::TermEnded
            }
            AwardState::Renewed => match a.next_term_start() {
                Some(on) if on <= today => AwardEvent::Started { on },
                _ => break,
            },
            _ => break,
        };
        match transition(&a, &event, today, rules) {
            Ok(next) => {
                a = next;
                out.push(event);
            }
            Err(_) => break,
        }
    }
    out
}

/// The award as it stands on `today` once the calendar's events are applied.
pub fn state_on(award: &Award, today: NaiveDate, rules: &TermRules) -> Award {
    due_events(award, today, rules)
        .iter()
        .fold(award.clone(), |a, e| {
            transition(&a, e, today, rules).unwrap_or(a)
        })
}

/// Lifetime status is due after five consecutive renewed terms: each starts after the previous
/// one's end and no later than its grace period allows (the day after the end plus `grace_days`).
pub fn lifetime_due(terms: &[TermRecord], grace_days: u16) -> bool {
    const YEARS: usize = 5;
    let mut run = 0usize;
    let mut prev_end: Option<NaiveDate> = None;
    for t in terms {
        let follows = prev_end
            .is_some_and(|e| t.start > e && t.start <= add_days(e, 1 + i64::from(grace_days)));
        run = match (t.renewed, t.end) {
            (true, Some(_)) if follows => run + 1,
            (true, Some(_)) => 1,
            _ => 0,
        };
        if run >= YEARS {
            return true;
        }
        prev_end = t.end;
    }
    false
}

#[cfg(test)]
mod tests;
